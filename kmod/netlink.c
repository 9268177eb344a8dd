// SPDX-License-Identifier: GPL-2.0
/*
 * The "lsw" generic netlink family: a controller's (or the lsw tool's)
 * view of the VTEP, MAC and ARP/ND tables and of the per-VNI counters,
 * the "notify" multicast group that announces every table change, and
 * the "miss" group that announces what the tables lack (miss.c).
 * uapi/linux/lsw.h documents the commands and their attribute trees.
 *
 * The policies and the operations table are generated from the YNL spec,
 * Documentation/netlink/specs/lsw.yaml, into netlink-gen.c: every
 * operation's do and dump take their own policy, so a request carrying an
 * attribute its operation does not take is refused whole, naming that
 * attribute, before anything changes.  A request that names a device
 * holds it from pre_doit to post_doit.
 *
 * This file holds the family itself, its hooks, GET and FLUSH; nl_entry.c
 * turns NEW, SET and DEL entries into table operations, nl_reply.c
 * builds what the family sends and nl_port.c reads and sets the ports.
 */

#include <net/genetlink.h>
#include <net/netlink.h>

#include "lsw.h"
#include "nl.h"
#include "netlink-gen.h"

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

/*
 * pre_doit of the flushes: the device the request names, held, or NULL
 * for every lsw device of the netns.
 */
int lsw_nl_pre_doit_any(const struct genl_split_ops *ops, struct sk_buff *skb,
			struct genl_info *info)
{
	struct lsw_dev *lsw = NULL;

	if (info->attrs[LSW_A_IFINDEX]) {
		lsw = lsw_nl_dev_get(genl_info_net(info),
				     info->attrs[LSW_A_IFINDEX], info->extack);
		if (!lsw)
			return -ENODEV;
	}
	info->user_ptr[0] = lsw;
	return 0;
}

/* pre_doit of the operations on one device, which must be named. */
int lsw_nl_pre_doit(const struct genl_split_ops *ops, struct sk_buff *skb,
		    struct genl_info *info)
{
	if (GENL_REQ_ATTR_CHECK(info, LSW_A_IFINDEX))
		return -EINVAL;
	return lsw_nl_pre_doit_any(ops, skb, info);
}

void lsw_nl_post_doit(const struct genl_split_ops *ops, struct sk_buff *skb,
		      struct genl_info *info)
{
	struct lsw_dev *lsw = info->user_ptr[0];

	if (lsw)
		dev_put(lsw->dev);
}

/*
 * The request @nlh has no attribute.  The spec cannot say that an
 * operation takes none, so the generated table gives it no policy, and
 * the core checks nothing for a split operation without one; it refuses
 * every attribute of a full operation without one (a reject-all policy),
 * and so does this, with the same policy, so that its extack is the same.
 */
static int lsw_nl_no_attrs(const struct nlmsghdr *nlh,
			   struct netlink_ext_ack *extack)
{
	static const struct nla_policy reject_all[] = {
		{ .type = NLA_REJECT },
		{ .type = NLA_REJECT },
	};

	return nla_validate(nlmsg_attrdata(nlh, GENL_HDRLEN),
			    nlmsg_attrlen(nlh, GENL_HDRLEN),
			    ARRAY_SIZE(reject_all) - 1, reject_all, extack);
}

/* pre_doit of the operations that take no attribute (INFO_GET). */
int lsw_nl_pre_doit_noattr(const struct genl_split_ops *ops,
			   struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_no_attrs(info->nlhdr, info->extack);
}

/* The counters dump takes no attribute either. */
int lsw_nl_stats_dump_start(struct netlink_callback *cb)
{
	return lsw_nl_no_attrs(cb->nlh, cb->extack);
}

/* --- GET: one entry ------------------------------------------------------ */

/*
 * The @type nest of a GET request, parsed into @tb with @policy, the
 * policy DEL requests give that nest (the entry's key: the operation's
 * own policy admits a whole entry there, as its reply carries one).
 */
struct nlattr *lsw_nl_get_key(struct genl_info *info, int type,
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

int lsw_nl_vtep_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct lsw_dev *lsw = info->user_ptr[0];
	struct nlattr *tb[LSW_VTEP_A_IP6 + 1];
	struct lsw_vtep *vtep;
	struct nlattr *nest;
	union lsw_ip ip;
	int err;

	nest = lsw_nl_get_key(info, LSW_A_VTEP, LSW_VTEP_A_IP6,
			      lsw_vtep_key_nl_policy, tb);
	if (!nest)
		return -EINVAL;
	err = lsw_nl_parse_vtep_ip(lsw, nest, tb[LSW_VTEP_A_IP],
				   tb[LSW_VTEP_A_IP6], LSW_VTEP_A_IP, &ip,
				   info->extack);
	if (err)
		return err;

	rcu_read_lock();
	vtep = lsw_vtep_lookup(lsw, &ip);
	err = vtep ? lsw_nl_get_reply(info, lsw, &lsw_nl_vteps, vtep) : -ENOENT;
	rcu_read_unlock();
	if (err == -ENOENT)
		NL_SET_ERR_MSG_ATTR(info->extack, nest, "VTEP not in the table");
	return err;
}

int lsw_nl_mac_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct lsw_dev *lsw = info->user_ptr[0];
	struct nlattr *tb[LSW_MAC_A_ADDR + 1];
	struct lsw_mac *mac;
	struct nlattr *nest;
	int err;

	nest = lsw_nl_get_key(info, LSW_A_MAC, LSW_MAC_A_ADDR,
			      lsw_mac_key_nl_policy, tb);
	if (!nest)
		return -EINVAL;
	if (!tb[LSW_MAC_A_ADDR]) {
		NL_SET_ERR_ATTR_MISS(info->extack, nest, LSW_MAC_A_ADDR);
		NL_SET_ERR_MSG_MOD(info->extack, "Missing MAC address");
		return -EINVAL;
	}

	rcu_read_lock();
	mac = lsw_mac_lookup(lsw, nla_data(tb[LSW_MAC_A_ADDR]));
	err = mac ? lsw_nl_get_reply(info, lsw, &lsw_nl_macs, mac) : -ENOENT;
	rcu_read_unlock();
	if (err == -ENOENT)
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "MAC address not in the table");
	return err;
}

int lsw_nl_arp_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct lsw_dev *lsw = info->user_ptr[0];
	struct nlattr *tb[LSW_ARP_A_IP6 + 1];
	struct lsw_neigh_key key;
	struct lsw_neigh *n;
	struct nlattr *nest;
	int err;

	nest = lsw_nl_get_key(info, LSW_A_ARP, LSW_ARP_A_IP6,
			      lsw_arp_key_nl_policy, tb);
	if (!nest)
		return -EINVAL;
	err = lsw_nl_parse_neigh_key(nest, tb, &key, info->extack);
	if (err)
		return err;

	rcu_read_lock();
	n = lsw_neigh_lookup(lsw, &key);
	err = n ? lsw_nl_get_reply(info, lsw, &lsw_nl_neighs, n) : -ENOENT;
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

/*
 * Flush one device, or every lsw device of the netns, of the entries
 * that match @filter (LSW_A_FILTER, NULL for the VTEP flush, which takes
 * none).
 */
static int lsw_nl_flush(struct genl_info *info, struct nlattr *filter,
			lsw_nl_flush_fn fn)
{
	struct lsw_dev *lsw = info->user_ptr[0];
	struct lsw_filter f;
	int ifindex = 0;
	int err;

	err = lsw_nl_parse_filter(filter, &f, info->extack);
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

int lsw_nl_vtep_flush_doit(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_flush(info, NULL, lsw_nl_flush_vteps);
}

int lsw_nl_mac_flush_doit(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_flush(info, info->attrs[LSW_A_FILTER], lsw_nl_flush_macs);
}

int lsw_nl_arp_flush_doit(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_flush(info, info->attrs[LSW_A_FILTER],
			    lsw_nl_flush_neighs);
}

/* --- the family ------------------------------------------------------------ */

/*
 * The generator writes the groups into netlink-gen.c only for a family
 * whose struct it writes too: this one is written here (its operations
 * need GENL_UNS_ADMIN_PERM and a version, which only genetlink-legacy
 * specs express, and compat.h registers them on kernels before split
 * operations).  The groups' indexes are the generated ones.
 *
 * "notify" tells what the tables hold, which anyone may read.  "miss"
 * needs CAP_NET_ADMIN (in the user namespace of the netns, as the
 * commands that write the tables): its events tell what the VMs look
 * for, and a listener there is what makes a switch hold requests for
 * an answer (hold.c), which only a controller should decide.  A group
 * of its own also spares a controller that only answers misses the
 * stream of table changes, and a monitor of the tables the misses.
 */
static const struct genl_multicast_group lsw_genl_mcgrps[] = {
	[LSW_NLGRP_NOTIFY] = { .name = LSW_MCGRP_NOTIFY },
	[LSW_NLGRP_MISS] = {
		.name = LSW_MCGRP_MISS,
		.flags = GENL_MCAST_CAP_NET_ADMIN,
	},
};

/*
 * resv_start_op is 0, as genetlink asks of new families: the core refuses
 * a non-zero reserved header field and the NLM_F_CREATE, NLM_F_EXCL and
 * NLM_F_REPLACE flags on every command.  What NLM_F_EXCL and
 * NLM_F_REPLACE used to tell is told by the command (NEW or SET).
 */
struct genl_family lsw_genl_family __ro_after_init = {
	.name		= LSW_GENL_NAME,
	.version	= LSW_GENL_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.mcgrps		= lsw_genl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(lsw_genl_mcgrps),
	.module		= THIS_MODULE,
};

int __init lsw_nl_init(void)
{
	return lsw_compat_genl_register(&lsw_genl_family, lsw_nl_ops,
					ARRAY_SIZE(lsw_nl_ops));
}

void lsw_nl_exit(void)
{
	lsw_compat_genl_unregister(&lsw_genl_family);
}

MODULE_ALIAS_GENL_FAMILY(LSW_GENL_NAME);
