// SPDX-License-Identifier: GPL-2.0
/*
 * The "lsw" generic netlink family: a controller's (or the lsw tool's)
 * view of the VTEP, MAC and ARP/ND tables and of the per-VNI counters,
 * and the "notify" multicast group that announces every table change.
 * uapi/linux/lsw.h documents the commands and their attribute trees.
 *
 * Every input rule lives in a policy, so that a bad request is refused
 * whole, with the offending attribute, before anything changes.  A
 * request that names a device holds it from pre_doit to post_doit.
 *
 * This file holds the family itself, its policies, GET and FLUSH;
 * nl_entry.c turns NEW and DEL entries into table operations and
 * nl_reply.c builds what the family sends.
 */

#include <linux/etherdevice.h>
#include <linux/rhashtable.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/netlink.h>

#include "lsw.h"
#include "nl.h"

/* pre_doit: whether the request must name a device. */
#define LSW_NL_F_DEV	BIT(0)

/* --- policies ----------------------------------------------------------- */

#define LSW_NL_IFINDEX_POLICY	NLA_POLICY_MIN(NLA_U32, 1)

/* Each command accepts only its own attributes: the rest is refused. */
static const struct nla_policy lsw_nl_vtep_req_policy[LSW_A_MAX + 1] = {
	[LSW_A_IFINDEX]	= LSW_NL_IFINDEX_POLICY,
	[LSW_A_VTEP]	= NLA_POLICY_NESTED(lsw_nl_vtep_policy),
};

static const struct nla_policy lsw_nl_mac_req_policy[LSW_A_MAX + 1] = {
	[LSW_A_IFINDEX]	= LSW_NL_IFINDEX_POLICY,
	[LSW_A_MAC]	= NLA_POLICY_NESTED(lsw_nl_mac_policy),
	[LSW_A_FILTER]	= NLA_POLICY_NESTED(lsw_nl_filter_policy),
};

static const struct nla_policy lsw_nl_arp_req_policy[LSW_A_MAX + 1] = {
	[LSW_A_IFINDEX]	= LSW_NL_IFINDEX_POLICY,
	[LSW_A_ARP]	= NLA_POLICY_NESTED(lsw_nl_arp_policy),
	[LSW_A_FILTER]	= NLA_POLICY_NESTED(lsw_nl_filter_policy),
};

/* INFO_GET takes no attribute: an empty policy refuses them all. */
static const struct nla_policy lsw_nl_info_req_policy[LSW_A_MAX + 1] = {
};

static const struct nla_policy lsw_nl_stats_req_policy[LSW_A_MAX + 1] = {
	[LSW_A_IFINDEX]	= LSW_NL_IFINDEX_POLICY,
};

/* --- devices ------------------------------------------------------------ */

/* The lsw device @ifindex of @net, held; NULL with an extack otherwise. */
struct lsw_dev *lsw_nl_dev_get(struct net *net, const struct nlattr *attr,
			       struct netlink_ext_ack *extack)
{
	struct net_device *dev = dev_get_by_index(net, nla_get_u32(attr));

	if (!dev) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "No such device");
		return NULL;
	}
	if (!lsw_is_lsw_dev(dev)) {
		dev_put(dev);
		NL_SET_ERR_MSG_ATTR(extack, attr, "Not an lsw device");
		return NULL;
	}
	return netdev_priv(dev);
}

/* The lsw device of @net with the smallest ifindex above @after, held. */
struct lsw_dev *lsw_nl_dev_next(struct net *net, int after)
{
	struct net_device *dev, *best = NULL;

	rcu_read_lock();
	for_each_netdev_rcu(net, dev) {
		if (dev->ifindex > after && lsw_is_lsw_dev(dev) &&
		    (!best || dev->ifindex < best->ifindex))
			best = dev;
	}
	if (best)
		dev_hold(best);
	rcu_read_unlock();
	return best ? netdev_priv(best) : NULL;
}

static int lsw_nl_pre_doit(const struct genl_split_ops *ops,
			   struct sk_buff *skb, struct genl_info *info)
{
	struct lsw_dev *lsw = NULL;

	if (info->attrs[LSW_A_IFINDEX]) {
		lsw = lsw_nl_dev_get(genl_info_net(info),
				     info->attrs[LSW_A_IFINDEX], info->extack);
		if (!lsw)
			return -ENODEV;
	} else if ((ops->internal_flags & LSW_NL_F_DEV) &&
		   GENL_REQ_ATTR_CHECK(info, LSW_A_IFINDEX)) {
		return -EINVAL;
	}
	info->user_ptr[0] = lsw;
	return 0;
}

static void lsw_nl_post_doit(const struct genl_split_ops *ops,
			     struct sk_buff *skb, struct genl_info *info)
{
	struct lsw_dev *lsw = info->user_ptr[0];

	if (lsw)
		dev_put(lsw->dev);
}

/* --- GET: one entry ------------------------------------------------------ */

/* The one @type nest of a GET request, parsed into @tb. */
static struct nlattr *lsw_nl_get_entry(struct genl_info *info, int type,
				       unsigned int maxtype,
				       const struct nla_policy *policy,
				       struct nlattr **tb)
{
	struct nlattr *nest = info->attrs[type];

	if (GENL_REQ_ATTR_CHECK(info, type))
		return NULL;
	if (nla_parse_nested(tb, maxtype, nest, policy, info->extack))
		return NULL;
	return nest;
}

static int lsw_nl_vtep_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct lsw_dev *lsw = info->user_ptr[0];
	struct nlattr *tb[LSW_VTEP_A_MAX + 1];
	struct lsw_vtep *vtep;
	struct nlattr *nest;
	union lsw_ip ip;
	int err;

	nest = lsw_nl_get_entry(info, LSW_A_VTEP, LSW_VTEP_A_MAX,
				lsw_nl_vtep_policy, tb);
	if (!nest)
		return -EINVAL;
	err = lsw_nl_get_vtep_ip(lsw, nest, tb[LSW_VTEP_A_IP],
				 tb[LSW_VTEP_A_IP6], LSW_VTEP_A_IP, &ip,
				 info->extack);
	if (err)
		return err;

	rcu_read_lock();
	vtep = lsw_vtep_lookup(lsw, &ip);
	err = vtep ? lsw_nl_get_reply(info, &lsw_nl_vteps, vtep) : -ENOENT;
	rcu_read_unlock();
	if (err == -ENOENT)
		NL_SET_ERR_MSG_ATTR(info->extack, nest, "VTEP not in the table");
	return err;
}

static int lsw_nl_mac_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct lsw_dev *lsw = info->user_ptr[0];
	struct nlattr *tb[LSW_MAC_A_MAX + 1];
	struct lsw_mac *mac;
	struct nlattr *nest;
	int err;

	nest = lsw_nl_get_entry(info, LSW_A_MAC, LSW_MAC_A_MAX,
				lsw_nl_mac_policy, tb);
	if (!nest)
		return -EINVAL;
	if (!tb[LSW_MAC_A_ADDR]) {
		NL_SET_ERR_ATTR_MISS(info->extack, nest, LSW_MAC_A_ADDR);
		NL_SET_ERR_MSG_MOD(info->extack, "Missing MAC address");
		return -EINVAL;
	}

	rcu_read_lock();
	mac = lsw_mac_lookup(lsw, nla_data(tb[LSW_MAC_A_ADDR]));
	err = mac ? lsw_nl_get_reply(info, &lsw_nl_macs, mac) : -ENOENT;
	rcu_read_unlock();
	if (err == -ENOENT)
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "MAC address not in the table");
	return err;
}

static int lsw_nl_arp_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct lsw_dev *lsw = info->user_ptr[0];
	struct nlattr *tb[LSW_ARP_A_MAX + 1];
	struct lsw_neigh_key key;
	struct lsw_neigh *n;
	struct nlattr *nest;
	int err;

	nest = lsw_nl_get_entry(info, LSW_A_ARP, LSW_ARP_A_MAX,
				lsw_nl_arp_policy, tb);
	if (!nest)
		return -EINVAL;
	err = lsw_nl_get_neigh_key(nest, tb, &key, info->extack);
	if (err)
		return err;

	rcu_read_lock();
	n = lsw_neigh_lookup(lsw, &key);
	err = n ? lsw_nl_get_reply(info, &lsw_nl_neighs, n) : -ENOENT;
	rcu_read_unlock();
	if (err == -ENOENT)
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "IP address not in the ARP/ND table");
	return err;
}

/* --- FLUSH ----------------------------------------------------------------- */

typedef void (*lsw_nl_flush_fn)(struct lsw_dev *lsw,
				const struct lsw_filter *f);

static void lsw_nl_flush_vteps(struct lsw_dev *lsw, const struct lsw_filter *f)
{
	lsw_vtep_flush(lsw);
}

static void lsw_nl_flush_macs(struct lsw_dev *lsw, const struct lsw_filter *f)
{
	lsw_mac_flush(lsw, f);
}

static void lsw_nl_flush_neighs(struct lsw_dev *lsw, const struct lsw_filter *f)
{
	lsw_neigh_flush(lsw, f);
}

/* Flush one device, or every lsw device of the netns. */
static int lsw_nl_flush(struct genl_info *info, lsw_nl_flush_fn fn)
{
	struct lsw_dev *lsw = info->user_ptr[0];
	struct lsw_filter f;
	int ifindex = 0;
	int err;

	err = lsw_nl_get_filter(info->attrs[LSW_A_FILTER], &f, info->extack);
	if (err)
		return err;
	if (lsw) {
		fn(lsw, &f);
		return 0;
	}
	while ((lsw = lsw_nl_dev_next(genl_info_net(info), ifindex))) {
		ifindex = lsw->dev->ifindex;
		fn(lsw, &f);
		dev_put(lsw->dev);
	}
	return 0;
}

static int lsw_nl_vtep_flush(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_flush(info, lsw_nl_flush_vteps);
}

static int lsw_nl_mac_flush(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_flush(info, lsw_nl_flush_macs);
}

static int lsw_nl_arp_flush(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_flush(info, lsw_nl_flush_neighs);
}

/* --- the family ------------------------------------------------------------ */

#define LSW_NL_EDIT(_cmd, _doit, _policy)			\
	{							\
		.cmd		= _cmd,				\
		.doit		= _doit,			\
		.policy		= _policy,			\
		.maxattr	= LSW_A_MAX,			\
		.flags		= GENL_UNS_ADMIN_PERM,		\
		.internal_flags	= LSW_NL_F_DEV,			\
	}

#define LSW_NL_FLUSH(_cmd, _doit, _policy)			\
	{							\
		.cmd		= _cmd,				\
		.doit		= _doit,			\
		.policy		= _policy,			\
		.maxattr	= LSW_A_MAX,			\
		.flags		= GENL_UNS_ADMIN_PERM,		\
	}

#define LSW_NL_GET(_cmd, _doit, _start, _policy)		\
	{							\
		.cmd		= _cmd,				\
		.doit		= _doit,			\
		.start		= _start,			\
		.dumpit		= lsw_nl_dumpit,		\
		.done		= lsw_nl_dump_done,		\
		.policy		= _policy,			\
		.maxattr	= LSW_A_MAX,			\
		.internal_flags	= LSW_NL_F_DEV,			\
	}

static const struct genl_ops lsw_nl_ops[] = {
	LSW_NL_EDIT(LSW_CMD_VTEP_NEW, lsw_nl_vtep_new, lsw_nl_vtep_req_policy),
	LSW_NL_EDIT(LSW_CMD_VTEP_DEL, lsw_nl_vtep_del, lsw_nl_vtep_req_policy),
	LSW_NL_GET(LSW_CMD_VTEP_GET, lsw_nl_vtep_get_doit,
		   lsw_nl_vtep_dump_start, lsw_nl_vtep_req_policy),
	LSW_NL_FLUSH(LSW_CMD_VTEP_FLUSH, lsw_nl_vtep_flush,
		     lsw_nl_vtep_req_policy),
	LSW_NL_EDIT(LSW_CMD_MAC_NEW, lsw_nl_mac_new, lsw_nl_mac_req_policy),
	LSW_NL_EDIT(LSW_CMD_MAC_DEL, lsw_nl_mac_del, lsw_nl_mac_req_policy),
	LSW_NL_GET(LSW_CMD_MAC_GET, lsw_nl_mac_get_doit,
		   lsw_nl_mac_dump_start, lsw_nl_mac_req_policy),
	LSW_NL_FLUSH(LSW_CMD_MAC_FLUSH, lsw_nl_mac_flush,
		     lsw_nl_mac_req_policy),
	LSW_NL_EDIT(LSW_CMD_ARP_NEW, lsw_nl_arp_new, lsw_nl_arp_req_policy),
	LSW_NL_EDIT(LSW_CMD_ARP_DEL, lsw_nl_arp_del, lsw_nl_arp_req_policy),
	LSW_NL_GET(LSW_CMD_ARP_GET, lsw_nl_arp_get_doit,
		   lsw_nl_arp_dump_start, lsw_nl_arp_req_policy),
	LSW_NL_FLUSH(LSW_CMD_ARP_FLUSH, lsw_nl_arp_flush,
		     lsw_nl_arp_req_policy),
	{
		.cmd		= LSW_CMD_STATS_GET,
		.doit		= lsw_nl_stats_doit,
		.dumpit		= lsw_nl_stats_dumpit,
		.policy		= lsw_nl_stats_req_policy,
		.maxattr	= LSW_A_MAX,
		.internal_flags	= LSW_NL_F_DEV,
	},
	{
		.cmd		= LSW_CMD_INFO_GET,
		.doit		= lsw_nl_info_doit,
		.policy		= lsw_nl_info_req_policy,
		.maxattr	= LSW_A_MAX,
	},
};

static const struct genl_multicast_group lsw_nl_mcgrps[] = {
	[LSW_NL_MCGRP_NOTIFY] = { .name = LSW_MCGRP_NOTIFY },
};

/*
 * NEW requests mean what NLM_F_CREATE, NLM_F_EXCL and NLM_F_REPLACE say,
 * as in rtnetlink: that is how "ip" and "bridge" users think of a table.
 * The genetlink core refuses those flags on commands at or past
 * resv_start_op, so every command is placed before it; attribute
 * validation is strict all the same, as every command has a policy.
 */
struct genl_family lsw_genl_family __ro_after_init = {
	.name		= LSW_GENL_NAME,
	.resv_start_op	= LSW_CMD_MAX + 1,
	.version	= LSW_GENL_VERSION,
	.maxattr	= LSW_A_MAX,
	.netnsok	= true,
	.parallel_ops	= true,
	.pre_doit	= lsw_nl_pre_doit,
	.post_doit	= lsw_nl_post_doit,
	.ops		= lsw_nl_ops,
	.n_ops		= ARRAY_SIZE(lsw_nl_ops),
	.mcgrps		= lsw_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(lsw_nl_mcgrps),
	.module		= THIS_MODULE,
};

int __init lsw_nl_init(void)
{
	return genl_register_family(&lsw_genl_family);
}

void lsw_nl_exit(void)
{
	genl_unregister_family(&lsw_genl_family);
}

MODULE_ALIAS_GENL_FAMILY(LSW_GENL_NAME);
