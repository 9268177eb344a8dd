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
 * Dumps hold a device's tables, not the device: a reader that stops
 * reading must not keep the device from going away.
 */

#include <linux/etherdevice.h>
#include <linux/rhashtable.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/netlink.h>

#include "lsw.h"

enum lsw_nl_mcgrp {
	LSW_NL_MCGRP_NOTIFY,
};

/* pre_doit: whether the request must name a device. */
#define LSW_NL_F_DEV	BIT(0)

/* The largest entry nest: lsw_nl_batch() parses any of them. */
#define LSW_NL_ENTRY_MAX	LSW_MAC_A_MAX

static struct genl_family lsw_genl_family;

/* --- policies ----------------------------------------------------------- */

#define LSW_NL_FLAGS_POLICY \
	NLA_POLICY_MASK(NLA_U32, LSW_ENTRY_F_STATIC | LSW_ENTRY_F_LEARNED)
#define LSW_NL_IP6_POLICY	NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr))

static const struct nla_policy lsw_nl_vtep_policy[LSW_VTEP_A_MAX + 1] = {
	[LSW_VTEP_A_IP]		= { .type = NLA_BE32 },
	[LSW_VTEP_A_IP6]	= LSW_NL_IP6_POLICY,
};

static const struct nla_policy lsw_nl_mac_policy[LSW_MAC_A_MAX + 1] = {
	[LSW_MAC_A_ADDR]	= NLA_POLICY_ETH_ADDR,
	[LSW_MAC_A_VTEP_IP]	= { .type = NLA_BE32 },
	[LSW_MAC_A_VTEP_IP6]	= LSW_NL_IP6_POLICY,
	[LSW_MAC_A_VTEP_MAC]	= NLA_POLICY_ETH_ADDR,
	[LSW_MAC_A_PORT]	= NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_MAC_A_FLAGS]	= LSW_NL_FLAGS_POLICY,
	[LSW_MAC_A_AGE]		= { .type = NLA_REJECT,
				    .reject_message = "The age is read-only" },
};

static const struct nla_policy lsw_nl_arp_policy[LSW_ARP_A_MAX + 1] = {
	[LSW_ARP_A_IP]		= { .type = NLA_BE32 },
	[LSW_ARP_A_IP6]		= LSW_NL_IP6_POLICY,
	[LSW_ARP_A_MAC]		= NLA_POLICY_ETH_ADDR,
	[LSW_ARP_A_FLAGS]	= LSW_NL_FLAGS_POLICY,
	[LSW_ARP_A_AGE]		= { .type = NLA_REJECT,
				    .reject_message = "The age is read-only" },
};

static const struct nla_policy lsw_nl_filter_policy[LSW_FILTER_A_MAX + 1] = {
	[LSW_FILTER_A_FLAGS]	= LSW_NL_FLAGS_POLICY,
	[LSW_FILTER_A_PORT]	= NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_FILTER_A_VTEP_IP]	= { .type = NLA_BE32 },
	[LSW_FILTER_A_VTEP_IP6]	= LSW_NL_IP6_POLICY,
};

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

static const struct nla_policy lsw_nl_stats_req_policy[LSW_A_MAX + 1] = {
	[LSW_A_IFINDEX]	= LSW_NL_IFINDEX_POLICY,
};

/* --- devices ------------------------------------------------------------ */

/* The lsw device @ifindex of @net, held; NULL with an extack otherwise. */
static struct lsw_dev *lsw_nl_dev_get(struct net *net, const struct nlattr *attr,
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
static struct lsw_dev *lsw_nl_dev_next(struct net *net, int after)
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

/* --- attributes in, attributes out --------------------------------------- */

static bool lsw_nl_ip4_unicast(__be32 ip)
{
	return !ipv4_is_multicast(ip) && !ipv4_is_lbcast(ip) &&
	       !ipv4_is_zeronet(ip);
}

static bool lsw_nl_ip6_unicast(const struct in6_addr *ip)
{
	return !ipv6_addr_any(ip) && !ipv6_addr_is_multicast(ip);
}

/*
 * An underlay address from the IPv4 (@a4) or IPv6 (@a6) attribute of
 * @nest, which must match the device's underlay family; @a4_type tells
 * NL_SET_ERR_ATTR_MISS what to report when both are missing.
 */
static int lsw_nl_get_vtep_ip(const struct lsw_dev *lsw, struct nlattr *nest,
			      struct nlattr *a4, struct nlattr *a6,
			      int a4_type, union lsw_ip *ip,
			      struct netlink_ext_ack *extack)
{
	memset(ip, 0, sizeof(*ip));
	if (a4 && a6) {
		NL_SET_ERR_MSG_ATTR(extack, a6,
				    "Give an IPv4 or an IPv6 VTEP address, not both");
		return -EINVAL;
	}
	if (!a4 && !a6) {
		NL_SET_ERR_ATTR_MISS(extack, nest, a4_type);
		NL_SET_ERR_MSG_MOD(extack, "Missing VTEP address");
		return -EINVAL;
	}
	if (a4) {
		if (lsw->cfg.family != AF_INET) {
			NL_SET_ERR_MSG_ATTR(extack, a4,
					    "IPv4 VTEP address on an IPv6 underlay");
			return -EAFNOSUPPORT;
		}
		ip->ip4 = nla_get_in_addr(a4);
		if (!lsw_nl_ip4_unicast(ip->ip4)) {
			NL_SET_ERR_MSG_ATTR(extack, a4,
					    "VTEP address must be unicast");
			return -EINVAL;
		}
		return 0;
	}
	if (lsw->cfg.family != AF_INET6) {
		NL_SET_ERR_MSG_ATTR(extack, a6,
				    "IPv6 VTEP address on an IPv4 underlay");
		return -EAFNOSUPPORT;
	}
	ip->ip6 = nla_get_in6_addr(a6);
	if (!lsw_nl_ip6_unicast(&ip->ip6)) {
		NL_SET_ERR_MSG_ATTR(extack, a6, "VTEP address must be unicast");
		return -EINVAL;
	}
	return 0;
}

static int lsw_nl_get_neigh_key(struct nlattr *nest, struct nlattr **tb,
				struct lsw_neigh_key *key,
				struct netlink_ext_ack *extack)
{
	memset(key, 0, sizeof(*key));
	if (tb[LSW_ARP_A_IP] && tb[LSW_ARP_A_IP6]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[LSW_ARP_A_IP6],
				    "Give an IPv4 or an IPv6 address, not both");
		return -EINVAL;
	}
	if (tb[LSW_ARP_A_IP]) {
		key->family = AF_INET;
		key->ip.ip4 = nla_get_in_addr(tb[LSW_ARP_A_IP]);
		if (lsw_nl_ip4_unicast(key->ip.ip4))
			return 0;
		NL_SET_ERR_MSG_ATTR(extack, tb[LSW_ARP_A_IP],
				    "IP address must be unicast");
		return -EINVAL;
	}
	if (tb[LSW_ARP_A_IP6]) {
		key->family = AF_INET6;
		key->ip.ip6 = nla_get_in6_addr(tb[LSW_ARP_A_IP6]);
		if (lsw_nl_ip6_unicast(&key->ip.ip6))
			return 0;
		NL_SET_ERR_MSG_ATTR(extack, tb[LSW_ARP_A_IP6],
				    "IP address must be unicast");
		return -EINVAL;
	}
	NL_SET_ERR_ATTR_MISS(extack, nest, LSW_ARP_A_IP);
	NL_SET_ERR_MSG_MOD(extack, "Missing IP address");
	return -EINVAL;
}

/* A unicast MAC from attribute @type of @nest, which must be there. */
static int lsw_nl_get_mac(struct nlattr *nest, struct nlattr **tb, int type,
			  u8 *mac, struct netlink_ext_ack *extack)
{
	if (!tb[type]) {
		NL_SET_ERR_ATTR_MISS(extack, nest, type);
		NL_SET_ERR_MSG_MOD(extack, "Missing MAC address");
		return -EINVAL;
	}
	if (!is_valid_ether_addr(nla_data(tb[type]))) {
		NL_SET_ERR_MSG_ATTR(extack, tb[type],
				    "MAC address must be unicast and not zero");
		return -EINVAL;
	}
	ether_addr_copy(mac, nla_data(tb[type]));
	return 0;
}

/* Entry flags: static unless the request asks for a learned entry. */
static int lsw_nl_get_flags(struct nlattr *attr, u8 *flags,
			    struct netlink_ext_ack *extack)
{
	u32 f = attr ? nla_get_u32(attr) : 0;

	if (f == (LSW_ENTRY_F_STATIC | LSW_ENTRY_F_LEARNED)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "An entry is static or learned, not both");
		return -EINVAL;
	}
	*flags = f ? f : LSW_ENTRY_F_STATIC;
	return 0;
}

static int lsw_nl_get_filter(struct nlattr *attr, struct lsw_filter *f,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[LSW_FILTER_A_MAX + 1];
	int err;

	memset(f, 0, sizeof(*f));
	if (!attr)
		return 0;
	err = nla_parse_nested(tb, LSW_FILTER_A_MAX, attr, lsw_nl_filter_policy,
			       extack);
	if (err)
		return err;
	if (tb[LSW_FILTER_A_FLAGS])
		f->flags = nla_get_u32(tb[LSW_FILTER_A_FLAGS]);
	if (tb[LSW_FILTER_A_PORT])
		f->port = nla_get_u32(tb[LSW_FILTER_A_PORT]);
	if (tb[LSW_FILTER_A_VTEP_IP] && tb[LSW_FILTER_A_VTEP_IP6]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[LSW_FILTER_A_VTEP_IP6],
				    "Give an IPv4 or an IPv6 VTEP address, not both");
		return -EINVAL;
	}
	if (tb[LSW_FILTER_A_VTEP_IP]) {
		f->has_vtep = true;
		f->vtep_family = AF_INET;
		f->vtep.ip4 = nla_get_in_addr(tb[LSW_FILTER_A_VTEP_IP]);
	} else if (tb[LSW_FILTER_A_VTEP_IP6]) {
		f->has_vtep = true;
		f->vtep_family = AF_INET6;
		f->vtep.ip6 = nla_get_in6_addr(tb[LSW_FILTER_A_VTEP_IP6]);
	}
	return 0;
}

static int lsw_nl_put_ip(struct sk_buff *skb, sa_family_t family, int a4,
			 int a6, const union lsw_ip *ip)
{
	if (family == AF_INET)
		return nla_put_in_addr(skb, a4, ip->ip4);
	return nla_put_in6_addr(skb, a6, &ip->ip6);
}

static u32 lsw_nl_age(unsigned long used)
{
	return jiffies_to_msecs(jiffies - READ_ONCE(used));
}

static int lsw_nl_fill_vtep(struct sk_buff *skb, const struct lsw_dev *lsw,
			    const void *entry)
{
	const struct lsw_vtep *vtep = entry;
	struct nlattr *nest = nla_nest_start(skb, LSW_A_VTEP);

	if (!nest ||
	    lsw_nl_put_ip(skb, lsw->cfg.family, LSW_VTEP_A_IP, LSW_VTEP_A_IP6,
			  &vtep->ip))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int lsw_nl_fill_mac(struct sk_buff *skb, const struct lsw_dev *lsw,
			   const void *entry)
{
	const struct lsw_mac *mac = entry;
	struct nlattr *nest = nla_nest_start(skb, LSW_A_MAC);

	if (!nest || nla_put(skb, LSW_MAC_A_ADDR, ETH_ALEN, mac->addr))
		return -EMSGSIZE;
	if (mac->port) {
		if (nla_put_u32(skb, LSW_MAC_A_PORT, mac->port->dev->ifindex))
			return -EMSGSIZE;
	} else {
		if (lsw_nl_put_ip(skb, lsw->cfg.family, LSW_MAC_A_VTEP_IP,
				  LSW_MAC_A_VTEP_IP6, &mac->vtep))
			return -EMSGSIZE;
		if ((mac->flags & LSW_MAC_F_VTEP_MAC) &&
		    nla_put(skb, LSW_MAC_A_VTEP_MAC, ETH_ALEN, mac->vtep_mac))
			return -EMSGSIZE;
	}
	if (nla_put_u32(skb, LSW_MAC_A_FLAGS,
			mac->flags & (LSW_ENTRY_F_STATIC | LSW_ENTRY_F_LEARNED)) ||
	    nla_put_u32(skb, LSW_MAC_A_AGE, lsw_nl_age(mac->used)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int lsw_nl_fill_neigh(struct sk_buff *skb, const struct lsw_dev *lsw,
			     const void *entry)
{
	const struct lsw_neigh *n = entry;
	struct nlattr *nest = nla_nest_start(skb, LSW_A_ARP);

	if (!nest ||
	    lsw_nl_put_ip(skb, n->key.family, LSW_ARP_A_IP, LSW_ARP_A_IP6,
			  &n->key.ip) ||
	    nla_put(skb, LSW_ARP_A_MAC, ETH_ALEN, n->mac) ||
	    nla_put_u32(skb, LSW_ARP_A_FLAGS, n->flags) ||
	    nla_put_u32(skb, LSW_ARP_A_AGE, lsw_nl_age(n->used)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static bool lsw_nl_match_vtep(const struct lsw_dev *lsw, const void *entry,
			      const struct lsw_filter *f)
{
	return true;
}

static bool lsw_nl_match_mac(const struct lsw_dev *lsw, const void *entry,
			     const struct lsw_filter *f)
{
	const struct lsw_mac *mac = entry;

	return lsw_filter_match(lsw, f, mac->flags, mac->port, &mac->vtep);
}

static bool lsw_nl_match_neigh(const struct lsw_dev *lsw, const void *entry,
			       const struct lsw_filter *f)
{
	const struct lsw_neigh *n = entry;

	return !f->flags || (n->flags & f->flags);
}

/* What the generic get, dump and notify code needs to know of a table. */
struct lsw_nl_table {
	size_t ht_offset;	/* in struct lsw_tables */
	u8 get_cmd;
	u8 ntf_cmd;
	int (*fill)(struct sk_buff *skb, const struct lsw_dev *lsw,
		    const void *entry);
	bool (*match)(const struct lsw_dev *lsw, const void *entry,
		      const struct lsw_filter *f);
};

static const struct lsw_nl_table lsw_nl_vteps = {
	.ht_offset	= offsetof(struct lsw_tables, vteps),
	.get_cmd	= LSW_CMD_VTEP_GET,
	.ntf_cmd	= LSW_CMD_VTEP_NTF,
	.fill		= lsw_nl_fill_vtep,
	.match		= lsw_nl_match_vtep,
};

static const struct lsw_nl_table lsw_nl_macs = {
	.ht_offset	= offsetof(struct lsw_tables, macs),
	.get_cmd	= LSW_CMD_MAC_GET,
	.ntf_cmd	= LSW_CMD_MAC_NTF,
	.fill		= lsw_nl_fill_mac,
	.match		= lsw_nl_match_mac,
};

static const struct lsw_nl_table lsw_nl_neighs = {
	.ht_offset	= offsetof(struct lsw_tables, neighs),
	.get_cmd	= LSW_CMD_ARP_GET,
	.ntf_cmd	= LSW_CMD_ARP_NTF,
	.fill		= lsw_nl_fill_neigh,
	.match		= lsw_nl_match_neigh,
};

static struct rhashtable *lsw_nl_ht(struct lsw_tables *t,
				    const struct lsw_nl_table *table)
{
	return (void *)t + table->ht_offset;
}

/* One message: the device, the event for a notification, one entry. */
static int lsw_nl_fill_msg(struct sk_buff *skb, const struct lsw_nl_table *t,
			   const struct lsw_dev *lsw, const void *entry,
			   u32 portid, u32 seq, int flags, u8 cmd,
			   enum lsw_event event, struct netlink_callback *cb)
{
	void *hdr = genlmsg_put(skb, portid, seq, &lsw_genl_family, flags, cmd);

	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	if (nla_put_u32(skb, LSW_A_IFINDEX, lsw->dev->ifindex) ||
	    nla_put_u32(skb, LSW_A_VNI, lsw->cfg.vni) ||
	    (event && (nla_put_string(skb, LSW_A_IFNAME, lsw->dev->name) ||
		       nla_put_u8(skb, LSW_A_EVENT, event))) ||
	    t->fill(skb, lsw, entry)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* --- notifications ------------------------------------------------------- */

/*
 * Called with the table lock held, so that listeners see changes in the
 * order the table went through them.
 */
static void lsw_nl_notify(struct lsw_dev *lsw, const struct lsw_nl_table *t,
			  const void *entry, enum lsw_event event)
{
	struct net *net = dev_net(lsw->dev);
	struct sk_buff *skb;

	if (!genl_has_listeners(&lsw_genl_family, net, LSW_NL_MCGRP_NOTIFY))
		return;
	skb = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_ATOMIC);
	if (!skb)
		return;
	if (lsw_nl_fill_msg(skb, t, lsw, entry, 0, 0, 0, t->ntf_cmd, event,
			    NULL)) {
		kfree_skb(skb);
		return;
	}
	genlmsg_multicast_netns(&lsw_genl_family, net, skb, 0,
				LSW_NL_MCGRP_NOTIFY, GFP_ATOMIC);
}

void lsw_nl_notify_vtep(struct lsw_dev *lsw, const struct lsw_vtep *vtep,
			enum lsw_event event)
{
	lsw_nl_notify(lsw, &lsw_nl_vteps, vtep, event);
}

void lsw_nl_notify_mac(struct lsw_dev *lsw, const struct lsw_mac *mac,
		       enum lsw_event event)
{
	lsw_nl_notify(lsw, &lsw_nl_macs, mac, event);
}

void lsw_nl_notify_neigh(struct lsw_dev *lsw, const struct lsw_neigh *n,
			 enum lsw_event event)
{
	lsw_nl_notify(lsw, &lsw_nl_neighs, n, event);
}

/* --- NEW and DEL: batches of entries ------------------------------------- */

typedef int (*lsw_nl_entry_fn)(struct lsw_dev *lsw, struct nlattr *nest,
			       struct nlattr **tb, struct genl_info *info);

/*
 * Apply @fn to every @type nest of the request, in order, up to the first
 * failure.  The policy already validated every nest; what is left are the
 * rules across attributes and the table's own verdict.  The extack names
 * the failing entry (or the attribute in it), so that the sender can tell
 * which entries were applied.
 */
static int lsw_nl_batch(struct genl_info *info, int type, unsigned int maxtype,
			const struct nla_policy *policy, lsw_nl_entry_fn fn)
{
	struct lsw_dev *lsw = info->user_ptr[0];
	struct nlattr *tb[LSW_NL_ENTRY_MAX + 1];
	unsigned int n = 0;
	struct nlattr *a;
	int rem, err;

	nla_for_each_attr(a, genlmsg_data(info->genlhdr),
			  genlmsg_len(info->genlhdr), rem) {
		if (nla_type(a) != type)
			continue;
		err = nla_parse_nested(tb, maxtype, a, policy, info->extack);
		if (!err)
			err = fn(lsw, a, tb, info);
		if (err) {
			if (!info->extack->bad_attr)
				NL_SET_BAD_ATTR(info->extack, a);
			return err;
		}
		n++;
		cond_resched();
	}
	if (!n) {
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, type);
		NL_SET_ERR_MSG_MOD(info->extack, "No table entry in the request");
		return -EINVAL;
	}
	return 0;
}

static u16 lsw_nl_flags(const struct genl_info *info)
{
	return info->nlhdr->nlmsg_flags;
}

static int lsw_nl_vtep_new_one(struct lsw_dev *lsw, struct nlattr *nest,
			       struct nlattr **tb, struct genl_info *info)
{
	union lsw_ip ip;
	int err;

	err = lsw_nl_get_vtep_ip(lsw, nest, tb[LSW_VTEP_A_IP],
				 tb[LSW_VTEP_A_IP6], LSW_VTEP_A_IP, &ip,
				 info->extack);
	if (err)
		return err;
	return lsw_vtep_add(lsw, &ip, lsw_nl_flags(info), info->extack);
}

static int lsw_nl_vtep_del_one(struct lsw_dev *lsw, struct nlattr *nest,
			       struct nlattr **tb, struct genl_info *info)
{
	union lsw_ip ip;
	int err;

	err = lsw_nl_get_vtep_ip(lsw, nest, tb[LSW_VTEP_A_IP],
				 tb[LSW_VTEP_A_IP6], LSW_VTEP_A_IP, &ip,
				 info->extack);
	if (err)
		return err;
	return lsw_vtep_del(lsw, &ip, info->extack);
}

static int lsw_nl_mac_new_one(struct lsw_dev *lsw, struct nlattr *nest,
			      struct nlattr **tb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	bool remote = tb[LSW_MAC_A_VTEP_IP] || tb[LSW_MAC_A_VTEP_IP6];
	struct lsw_mac_cfg cfg = {};
	int err;

	err = lsw_nl_get_mac(nest, tb, LSW_MAC_A_ADDR, cfg.addr, extack);
	if (err)
		return err;
	err = lsw_nl_get_flags(tb[LSW_MAC_A_FLAGS], &cfg.flags, extack);
	if (err)
		return err;

	if (remote && tb[LSW_MAC_A_PORT]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[LSW_MAC_A_PORT],
				    "A MAC entry leads to a VTEP or to a port, not both");
		return -EINVAL;
	}
	if (tb[LSW_MAC_A_PORT]) {
		if (tb[LSW_MAC_A_VTEP_MAC]) {
			NL_SET_ERR_MSG_ATTR(extack, tb[LSW_MAC_A_VTEP_MAC],
					    "A VTEP MAC needs a VTEP address");
			return -EINVAL;
		}
		cfg.port = nla_get_u32(tb[LSW_MAC_A_PORT]);
	} else {
		err = lsw_nl_get_vtep_ip(lsw, nest, tb[LSW_MAC_A_VTEP_IP],
					 tb[LSW_MAC_A_VTEP_IP6],
					 LSW_MAC_A_VTEP_IP, &cfg.vtep, extack);
		if (err)
			return err;
		if (tb[LSW_MAC_A_VTEP_MAC]) {
			err = lsw_nl_get_mac(nest, tb, LSW_MAC_A_VTEP_MAC,
					     cfg.vtep_mac, extack);
			if (err)
				return err;
			cfg.flags |= LSW_MAC_F_VTEP_MAC;
		}
	}
	err = lsw_mac_add(lsw, &cfg, lsw_nl_flags(info), extack);
	if (err == -ENODEV && tb[LSW_MAC_A_PORT])
		NL_SET_BAD_ATTR(extack, tb[LSW_MAC_A_PORT]);
	return err;
}

static int lsw_nl_mac_del_one(struct lsw_dev *lsw, struct nlattr *nest,
			      struct nlattr **tb, struct genl_info *info)
{
	if (!tb[LSW_MAC_A_ADDR]) {
		NL_SET_ERR_ATTR_MISS(info->extack, nest, LSW_MAC_A_ADDR);
		NL_SET_ERR_MSG_MOD(info->extack, "Missing MAC address");
		return -EINVAL;
	}
	return lsw_mac_del(lsw, nla_data(tb[LSW_MAC_A_ADDR]), info->extack);
}

static int lsw_nl_arp_new_one(struct lsw_dev *lsw, struct nlattr *nest,
			      struct nlattr **tb, struct genl_info *info)
{
	struct lsw_neigh_key key;
	u8 mac[ETH_ALEN];
	u8 flags;
	int err;

	err = lsw_nl_get_neigh_key(nest, tb, &key, info->extack);
	if (!err)
		err = lsw_nl_get_mac(nest, tb, LSW_ARP_A_MAC, mac, info->extack);
	if (!err)
		err = lsw_nl_get_flags(tb[LSW_ARP_A_FLAGS], &flags, info->extack);
	if (err)
		return err;
	return lsw_neigh_add(lsw, &key, mac, flags, lsw_nl_flags(info),
			     info->extack);
}

static int lsw_nl_arp_del_one(struct lsw_dev *lsw, struct nlattr *nest,
			      struct nlattr **tb, struct genl_info *info)
{
	struct lsw_neigh_key key;
	int err;

	err = lsw_nl_get_neigh_key(nest, tb, &key, info->extack);
	if (err)
		return err;
	return lsw_neigh_del(lsw, &key, info->extack);
}

static int lsw_nl_vtep_new(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_batch(info, LSW_A_VTEP, LSW_VTEP_A_MAX,
			    lsw_nl_vtep_policy, lsw_nl_vtep_new_one);
}

static int lsw_nl_vtep_del(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_batch(info, LSW_A_VTEP, LSW_VTEP_A_MAX,
			    lsw_nl_vtep_policy, lsw_nl_vtep_del_one);
}

static int lsw_nl_mac_new(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_batch(info, LSW_A_MAC, LSW_MAC_A_MAX, lsw_nl_mac_policy,
			    lsw_nl_mac_new_one);
}

static int lsw_nl_mac_del(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_batch(info, LSW_A_MAC, LSW_MAC_A_MAX, lsw_nl_mac_policy,
			    lsw_nl_mac_del_one);
}

static int lsw_nl_arp_new(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_batch(info, LSW_A_ARP, LSW_ARP_A_MAX, lsw_nl_arp_policy,
			    lsw_nl_arp_new_one);
}

static int lsw_nl_arp_del(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_batch(info, LSW_A_ARP, LSW_ARP_A_MAX, lsw_nl_arp_policy,
			    lsw_nl_arp_del_one);
}

/* --- GET: one entry ------------------------------------------------------ */

static int lsw_nl_get_reply(struct genl_info *info,
			    const struct lsw_nl_table *t, const void *entry)
{
	struct lsw_dev *lsw = info->user_ptr[0];
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_ATOMIC);
	if (!msg)
		return -ENOMEM;
	err = lsw_nl_fill_msg(msg, t, lsw, entry, info->snd_portid,
			      info->snd_seq, 0, t->get_cmd, 0, NULL);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

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

/* --- dumps ---------------------------------------------------------------- */

/*
 * A dump walks one device's table with an rhashtable iterator that lives
 * from one callback to the next, pinned with a reference on the tables.
 * The device itself is looked up again by ifindex at every callback: if
 * it went away, so did its entries, and the dump moves on.
 */
struct lsw_nl_dump {
	const struct lsw_nl_table *table;
	struct lsw_filter filter;
	bool all;			/* every lsw device of the netns */
	bool walking;			/* iter is entered on tables */
	int ifindex;			/* the device being walked */
	struct lsw_dev *lsw;		/* the same, while the owner looks */
	struct lsw_tables *tables;	/* held while walking */
	unsigned int resizes;		/* the walk restarted */
	struct rhashtable_iter iter;
};

static struct lsw_nl_dump *lsw_nl_dump_state(struct netlink_callback *cb)
{
	return (struct lsw_nl_dump *)cb->args[0];
}

static void lsw_nl_dump_leave(struct lsw_nl_dump *d)
{
	if (d->walking) {
		rhashtable_walk_exit(&d->iter);
		lsw_tables_put(d->tables);
		d->walking = false;
	}
}

static int lsw_nl_dump_start(struct netlink_callback *cb,
			     const struct lsw_nl_table *table)
{
	struct nlattr **attrs = lsw_compat_dump_attrs(cb);
	struct net *net = sock_net(cb->skb->sk);
	struct lsw_dev *lsw = NULL;
	struct lsw_nl_dump *d;
	int err;

	if (attrs[LSW_A_IFINDEX]) {
		lsw = lsw_nl_dev_get(net, attrs[LSW_A_IFINDEX], cb->extack);
		if (!lsw)
			return -ENODEV;
	}

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d) {
		err = -ENOMEM;
		goto out;
	}
	d->table = table;
	err = lsw_nl_get_filter(attrs[LSW_A_FILTER], &d->filter, cb->extack);
	if (err) {
		kfree(d);
		goto out;
	}
	d->all = !lsw;
	if (lsw)
		d->ifindex = lsw->dev->ifindex;
	cb->args[0] = (long)d;
out:
	if (lsw)
		dev_put(lsw->dev);
	return err;
}

static int lsw_nl_dump_done(struct netlink_callback *cb)
{
	struct lsw_nl_dump *d = lsw_nl_dump_state(cb);

	if (d) {
		lsw_nl_dump_leave(d);
		kfree(d);
	}
	return 0;
}

/*
 * Pick the device to walk now, held: the current one if it is still
 * there, else the next one when dumping them all.  Enters the walk on a
 * device met for the first time.
 */
static struct lsw_dev *lsw_nl_dump_dev(struct net *net, struct lsw_nl_dump *d,
				       struct netlink_callback *cb)
{
	struct lsw_dev *lsw = NULL;
	struct net_device *dev;

	if (d->walking) {
		dev = dev_get_by_index(net, d->ifindex);
		if (dev && lsw_is_lsw_dev(dev) &&
		    ((struct lsw_dev *)netdev_priv(dev))->tables == d->tables)
			return netdev_priv(dev);
		if (dev)
			dev_put(dev);
		/* Gone, and its entries with it. */
		lsw_nl_dump_leave(d);
		if (!d->all)
			return NULL;
	} else if (!d->all) {
		if (d->ifindex < 0)
			return NULL;	/* done */
		dev = dev_get_by_index(net, d->ifindex);
		if (dev && lsw_is_lsw_dev(dev))
			lsw = netdev_priv(dev);
		else if (dev)
			dev_put(dev);
	}
	if (!lsw && d->all)
		lsw = lsw_nl_dev_next(net, d->ifindex);
	if (!lsw || !lsw->tables) {
		if (lsw)
			dev_put(lsw->dev);
		return NULL;
	}

	d->ifindex = lsw->dev->ifindex;
	d->tables = lsw->tables;
	refcount_inc(&d->tables->ref);
	rhashtable_walk_enter(lsw_nl_ht(d->tables, d->table), &d->iter);
	d->walking = true;
	/* A new device: its changes, not the last one's, mark this dump. */
	cb->prev_seq = 0;
	return lsw;
}

static int lsw_nl_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct lsw_nl_dump *d = lsw_nl_dump_state(cb);
	struct net *net = sock_net(skb->sk);
	const struct lsw_nl_table *t = d->table;
	struct lsw_dev *lsw;
	void *obj;
	int err;

	while ((lsw = lsw_nl_dump_dev(net, d, cb))) {
		cb->seq = READ_ONCE(lsw->gen) + d->resizes;

		/* A resize between two callbacks rewinds the walk: the
		 * reader will see entries twice, and is told so.
		 */
		if (rhashtable_walk_start_check(&d->iter) == -EAGAIN)
			cb->seq = READ_ONCE(lsw->gen) + ++d->resizes;
		obj = rhashtable_walk_peek(&d->iter);
		while (obj) {
			if (IS_ERR(obj)) {
				/* Resized: the walk starts over, and the
				 * reader may see entries twice.
				 */
				cb->seq = READ_ONCE(lsw->gen) + ++d->resizes;
			} else if (t->match(lsw, obj, &d->filter)) {
				err = lsw_nl_fill_msg(skb, t, lsw, obj,
						      NETLINK_CB(cb->skb).portid,
						      cb->nlh->nlmsg_seq,
						      NLM_F_MULTI, t->get_cmd,
						      0, cb);
				if (err)
					break;	/* resume with obj */
			}
			obj = rhashtable_walk_next(&d->iter);
		}
		rhashtable_walk_stop(&d->iter);
		dev_put(lsw->dev);

		if (obj)
			return skb->len;	/* full */
		lsw_nl_dump_leave(d);
		if (!d->all) {
			d->ifindex = -1;
			break;
		}
	}
	return skb->len;
}

static int lsw_nl_vtep_dump_start(struct netlink_callback *cb)
{
	return lsw_nl_dump_start(cb, &lsw_nl_vteps);
}

static int lsw_nl_mac_dump_start(struct netlink_callback *cb)
{
	return lsw_nl_dump_start(cb, &lsw_nl_macs);
}

static int lsw_nl_arp_dump_start(struct netlink_callback *cb)
{
	return lsw_nl_dump_start(cb, &lsw_nl_neighs);
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

/* --- STATS ----------------------------------------------------------------- */

static int lsw_nl_fill_stats(struct sk_buff *skb, struct lsw_dev *lsw,
			     u32 portid, u32 seq, int flags)
{
	u64 c[LSW_STAT_COUNT];
	struct nlattr *nest;
	void *hdr;
	int i;

	hdr = genlmsg_put(skb, portid, seq, &lsw_genl_family, flags,
			  LSW_CMD_STATS_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, LSW_A_IFINDEX, lsw->dev->ifindex) ||
	    nla_put_string(skb, LSW_A_IFNAME, lsw->dev->name) ||
	    nla_put_u32(skb, LSW_A_VNI, lsw->cfg.vni))
		goto cancel;
	nest = nla_nest_start(skb, LSW_A_STATS);
	if (!nest)
		goto cancel;
	lsw_stats_read(lsw, c);
	for (i = 0; i < LSW_STAT_COUNT; i++)
		if (nla_put_u64_64bit(skb, LSW_STAT_FIRST + i, c[i],
				      LSW_STATS_A_PAD))
			goto cancel;
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static int lsw_nl_stats_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	err = lsw_nl_fill_stats(msg, info->user_ptr[0], info->snd_portid,
				info->snd_seq, 0);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* Counters are one message per device: cb->args[0] is the last ifindex. */
static int lsw_nl_stats_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct lsw_dev *lsw;
	int err;

	while ((lsw = lsw_nl_dev_next(net, cb->args[0]))) {
		err = lsw_nl_fill_stats(skb, lsw, NETLINK_CB(cb->skb).portid,
					cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (!err)
			cb->args[0] = lsw->dev->ifindex;
		dev_put(lsw->dev);
		if (err)
			break;
	}
	return skb->len;
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
static struct genl_family lsw_genl_family __ro_after_init = {
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
	BUILD_BUG_ON(LSW_VTEP_A_MAX > LSW_NL_ENTRY_MAX);
	BUILD_BUG_ON(LSW_ARP_A_MAX > LSW_NL_ENTRY_MAX);
	BUILD_BUG_ON(sizeof(struct lsw_nl_dump) > PAGE_SIZE);
	return genl_register_family(&lsw_genl_family);
}

void lsw_nl_exit(void)
{
	genl_unregister_family(&lsw_genl_family);
}

MODULE_ALIAS_GENL_FAMILY(LSW_GENL_NAME);
