/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernels lsw builds against lives here.
 * Kbuild force-includes this file; the flags come from compat-detect.sh,
 * which looks for each feature in the target kernel's headers.  The rest
 * of lsw is written against current mainline.
 */
#ifndef _LSW_COMPAT_H
#define _LSW_COMPAT_H

#include <linux/netdevice.h>
#include <net/genetlink.h>

/* The GSO helpers have a header of their own (6.5). */
#ifdef LSW_HAVE_NET_GSO_H
#include <net/gso.h>
#endif

/* Lockless TX moved from a feature flag to a netdev bit field (6.9). */
static inline void lsw_compat_set_lltx(struct net_device *dev)
{
#ifdef LSW_HAVE_NETDEV_LLTX
	dev->lltx = true;
#else
	dev->features |= NETIF_F_LLTX;
#endif
}

/*
 * The IP tunnel helpers count what they send in the device's per-CPU
 * tstats.  The core allocates and frees them when told which kind a
 * device has (pcpu_stat_type, 6.6); before, the driver did.
 */
static inline void lsw_compat_tstats_setup(struct net_device *dev)
{
#ifdef LSW_HAVE_PCPU_STAT_TYPE
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
#endif
}

static inline int lsw_compat_tstats_alloc(struct net_device *dev)
{
#ifndef LSW_HAVE_PCPU_STAT_TYPE
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		return -ENOMEM;
#endif
	return 0;
}

static inline void lsw_compat_tstats_free(struct net_device *dev)
{
#ifndef LSW_HAVE_PCPU_STAT_TYPE
	free_percpu(dev->tstats);
	dev->tstats = NULL;
#endif
}

/*
 * Generic netlink split ops (6.2): pre_doit/post_doit take a struct
 * genl_split_ops.  Before, they took the struct genl_ops itself, which
 * has the fields lsw uses (internal_flags) under the same names.
 */
#ifndef LSW_HAVE_GENL_SPLIT_OPS
#define genl_split_ops genl_ops
#endif

/* The parsed attributes of a dump request (genl_info_dump() since 6.4). */
static inline struct nlattr **lsw_compat_dump_attrs(struct netlink_callback *cb)
{
#ifdef LSW_HAVE_GENL_INFO_DUMP
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/*
 * "May not change netns" moved from the NETIF_F_NETNS_LOCAL feature flag
 * to the netns_local bit field (6.12), later renamed netns_immutable.
 */
static inline void lsw_compat_set_netns_immutable(struct net_device *dev)
{
#if defined(LSW_HAVE_NETNS_IMMUTABLE)
	dev->netns_immutable = true;
#elif defined(LSW_HAVE_NETNS_LOCAL)
	dev->netns_local = true;
#else
	dev->features |= NETIF_F_NETNS_LOCAL;
#endif
}

/*
 * A policy's range used to point to a writable struct
 * netlink_range_validation; the validator only ever read it, and now the
 * pointer is const.  Let lsw's ranges be const on older kernels too.
 */
#ifndef LSW_HAVE_NLA_RANGE_CONST
#include <net/netlink.h>
#undef NLA_POLICY_FULL_RANGE
#define NLA_POLICY_FULL_RANGE(tp, _range) {				\
	.type = NLA_ENSURE_UINT_OR_BINARY_TYPE(tp),			\
	.validation_type = NLA_VALIDATE_RANGE_PTR,			\
	.range = (struct netlink_range_validation *)(_range),		\
}
#endif

#endif /* _LSW_COMPAT_H */
