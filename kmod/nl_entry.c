// SPDX-License-Identifier: GPL-2.0
/*
 * NEW, SET and DEL requests of the "lsw" family: each carries a batch of
 * table entries, checked across attributes here (the generated policies
 * checked each attribute alone) and handed to the table in order, up to
 * the first that fails.  NEW creates entries and refuses one that exists;
 * SET creates or replaces them.  PORT_SET's batches of ports go through
 * the same loop (nl_port.c).
 */

#include <linux/etherdevice.h>
#include <linux/rhashtable.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/netlink.h>

#include "lsw.h"
#include "nl.h"
#include "netlink-gen.h"

/* The largest entry nest: lsw_nl_batch() parses any of them. */
#define LSW_NL_ENTRY_MAX	LSW_MAC_A_MAX
static_assert(LSW_VTEP_A_MAX <= LSW_NL_ENTRY_MAX);
static_assert(LSW_ARP_A_MAX <= LSW_NL_ENTRY_MAX);
static_assert(LSW_PORT_A_MAX <= LSW_NL_ENTRY_MAX);

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
int lsw_nl_parse_vtep_ip(const struct lsw_dev *lsw, struct nlattr *nest,
			 struct nlattr *a4, struct nlattr *a6, int a4_type,
			 union lsw_ip *ip, struct netlink_ext_ack *extack)
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

/* The key of an ARP/ND entry: its IPv4 or IPv6 address, unicast. */
int lsw_nl_parse_neigh_key(struct nlattr *nest, struct nlattr **tb,
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
static int lsw_nl_parse_mac(struct nlattr *nest, struct nlattr **tb,
			    int type, u8 *mac, struct netlink_ext_ack *extack)
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
static int lsw_nl_parse_flags(struct nlattr *attr, u8 *flags,
			      struct netlink_ext_ack *extack)
{
	u32 f = attr ? nla_get_u32(attr) : 0;

	if (f == (LSW_ENTRY_F_STATIC | LSW_ENTRY_F_LEARNED)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "An entry is static or learned, not both");
		return -EINVAL;
	}
	/* The policy's mask is the flags' whole set, which replies use. */
	if (f & LSW_ENTRY_F_PERMANENT) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "Permanent entries are the switch's own: they follow the lsw device's address");
		return -EINVAL;
	}
	*flags = f ? f : LSW_ENTRY_F_STATIC;
	return 0;
}

/*
 * A dump's or flush's filter.  The operation's policy validated the nest
 * (the ARP/ND one takes flags only): this only reads it.
 */
int lsw_nl_parse_filter(struct nlattr *attr, struct lsw_filter *f,
			struct netlink_ext_ack *extack)
{
	struct nlattr *tb[LSW_FILTER_A_MAX + 1];
	int err;

	memset(f, 0, sizeof(*f));
	if (!attr)
		return 0;
	err = nla_parse_nested(tb, LSW_FILTER_A_MAX, attr, NULL, extack);
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

/* --- NEW, SET and DEL: batches of entries ------------------------------ */

/*
 * Apply @fn to every @type nest of the request, in order, up to the first
 * failure.  The policy already validated every nest; what is left are the
 * rules across attributes and the table's own verdict.  The extack points
 * into the failing entry (at the attribute in it, or at the whole nest),
 * so that the sender can tell which entries were applied.
 */
int lsw_nl_batch(struct genl_info *info, int type, unsigned int maxtype,
		 lsw_nl_entry_fn fn, bool replace)
{
	struct nlattr *tb[LSW_NL_ENTRY_MAX + 1];
	unsigned int n = 0;
	struct nlattr *a;
	int rem, err;

	nla_for_each_attr(a, genlmsg_data(info->genlhdr),
			  genlmsg_len(info->genlhdr), rem) {
		if (nla_type(a) != type)
			continue;
		/* The op's policy validated every nest already
		 * (NLA_POLICY_NESTED): this only indexes it.
		 */
		err = nla_parse_nested(tb, maxtype, a, NULL, info->extack);
		if (!err)
			err = fn(info, a, tb, replace);
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
		if (type == LSW_A_PORT)
			NL_SET_ERR_MSG_MOD(info->extack, "No port in the request");
		else
			NL_SET_ERR_MSG_MOD(info->extack,
					   "No table entry in the request");
		return -EINVAL;
	}
	return 0;
}

static int lsw_nl_vtep_new_one(struct genl_info *info, struct nlattr *nest,
			       struct nlattr **tb, bool replace)
{
	struct lsw_dev *lsw = info->user_ptr[0];
	struct netlink_ext_ack *extack = info->extack;
	u32 segment = 0, flags = 0;
	union lsw_ip ip;
	int err;

	err = lsw_nl_parse_vtep_ip(lsw, nest, tb[LSW_VTEP_A_IP],
				   tb[LSW_VTEP_A_IP6], LSW_VTEP_A_IP, &ip,
				   extack);
	if (err)
		return err;
	if (tb[LSW_VTEP_A_SEGMENT])
		segment = nla_get_u32(tb[LSW_VTEP_A_SEGMENT]);
	if (tb[LSW_VTEP_A_FLAGS])
		flags = nla_get_u32(tb[LSW_VTEP_A_FLAGS]);
	if (flags & LSW_VTEP_F_ACTING) {
		NL_SET_ERR_MSG_ATTR(extack, tb[LSW_VTEP_A_FLAGS],
				    "The acting proxy is the switch's choice, not a request's");
		return -EINVAL;
	}
	/* A proxy gets marked copies: it must understand the mark. */
	if ((flags & LSW_VTEP_F_PROXY) && !(flags & LSW_VTEP_F_LSW)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[LSW_VTEP_A_FLAGS],
				    "A proxy VTEP must be flagged lsw");
		return -EINVAL;
	}
	return lsw_vtep_add(lsw, &ip, segment, flags, replace, extack);
}

static int lsw_nl_vtep_del_one(struct genl_info *info, struct nlattr *nest,
			       struct nlattr **tb, bool replace)
{
	struct lsw_dev *lsw = info->user_ptr[0];
	struct netlink_ext_ack *extack = info->extack;
	union lsw_ip ip;
	int err;

	err = lsw_nl_parse_vtep_ip(lsw, nest, tb[LSW_VTEP_A_IP],
				   tb[LSW_VTEP_A_IP6], LSW_VTEP_A_IP, &ip,
				   extack);
	if (err)
		return err;
	return lsw_vtep_del(lsw, &ip, extack);
}

static int lsw_nl_mac_new_one(struct genl_info *info, struct nlattr *nest,
			      struct nlattr **tb, bool replace)
{
	struct lsw_dev *lsw = info->user_ptr[0];
	struct netlink_ext_ack *extack = info->extack;
	bool remote = tb[LSW_MAC_A_VTEP_IP] || tb[LSW_MAC_A_VTEP_IP6];
	struct lsw_mac_cfg cfg = {};
	int err;

	err = lsw_nl_parse_mac(nest, tb, LSW_MAC_A_ADDR, cfg.addr, extack);
	if (err)
		return err;
	err = lsw_nl_parse_flags(tb[LSW_MAC_A_FLAGS], &cfg.flags, extack);
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
		/* A local port's key is the port's own (PORT_SET). */
		if (tb[LSW_MAC_A_KEY]) {
			NL_SET_ERR_MSG_ATTR(extack, tb[LSW_MAC_A_KEY],
					    "A key is for remote entries: a local port has its own");
			return -EINVAL;
		}
		cfg.port = nla_get_u32(tb[LSW_MAC_A_PORT]);
	} else {
		err = lsw_nl_parse_vtep_ip(lsw, nest, tb[LSW_MAC_A_VTEP_IP],
					   tb[LSW_MAC_A_VTEP_IP6],
					   LSW_MAC_A_VTEP_IP, &cfg.vtep, extack);
		if (err)
			return err;
		if (tb[LSW_MAC_A_VTEP_MAC]) {
			err = lsw_nl_parse_mac(nest, tb, LSW_MAC_A_VTEP_MAC,
					       cfg.vtep_mac, extack);
			if (err)
				return err;
			cfg.flags |= LSW_MAC_F_VTEP_MAC;
		}
		if (tb[LSW_MAC_A_KEY])
			cfg.key = nla_get_u32(tb[LSW_MAC_A_KEY]);
	}
	err = lsw_mac_add(lsw, &cfg, replace, extack);
	if (err == -ENODEV && tb[LSW_MAC_A_PORT])
		NL_SET_BAD_ATTR(extack, tb[LSW_MAC_A_PORT]);
	return err;
}

static int lsw_nl_mac_del_one(struct genl_info *info, struct nlattr *nest,
			      struct nlattr **tb, bool replace)
{
	struct lsw_dev *lsw = info->user_ptr[0];
	struct netlink_ext_ack *extack = info->extack;

	if (!tb[LSW_MAC_A_ADDR]) {
		NL_SET_ERR_ATTR_MISS(extack, nest, LSW_MAC_A_ADDR);
		NL_SET_ERR_MSG_MOD(extack, "Missing MAC address");
		return -EINVAL;
	}
	return lsw_mac_del(lsw, nla_data(tb[LSW_MAC_A_ADDR]), extack);
}

static int lsw_nl_neigh_new_one(struct genl_info *info, struct nlattr *nest,
				struct nlattr **tb, bool replace)
{
	struct lsw_dev *lsw = info->user_ptr[0];
	struct netlink_ext_ack *extack = info->extack;
	struct lsw_neigh_key key;
	u8 mac[ETH_ALEN];
	u8 flags;
	int err;

	err = lsw_nl_parse_neigh_key(nest, tb, &key, extack);
	if (!err)
		err = lsw_nl_parse_mac(nest, tb, LSW_ARP_A_MAC, mac, extack);
	if (!err)
		err = lsw_nl_parse_flags(tb[LSW_ARP_A_FLAGS], &flags, extack);
	if (err)
		return err;
	return lsw_neigh_add(lsw, &key, mac, flags, replace, extack);
}

static int lsw_nl_neigh_del_one(struct genl_info *info, struct nlattr *nest,
				struct nlattr **tb, bool replace)
{
	struct lsw_dev *lsw = info->user_ptr[0];
	struct netlink_ext_ack *extack = info->extack;
	struct lsw_neigh_key key;
	int err;

	err = lsw_nl_parse_neigh_key(nest, tb, &key, extack);
	if (err)
		return err;
	return lsw_neigh_del(lsw, &key, extack);
}

int lsw_nl_vtep_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_batch(info, LSW_A_VTEP, LSW_VTEP_A_MAX,
			    lsw_nl_vtep_new_one, false);
}

int lsw_nl_vtep_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_batch(info, LSW_A_VTEP, LSW_VTEP_A_MAX,
			    lsw_nl_vtep_new_one, true);
}

int lsw_nl_vtep_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_batch(info, LSW_A_VTEP, LSW_VTEP_A_MAX,
			    lsw_nl_vtep_del_one, false);
}

int lsw_nl_mac_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_batch(info, LSW_A_MAC, LSW_MAC_A_MAX,
			    lsw_nl_mac_new_one, false);
}

int lsw_nl_mac_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_batch(info, LSW_A_MAC, LSW_MAC_A_MAX,
			    lsw_nl_mac_new_one, true);
}

int lsw_nl_mac_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_batch(info, LSW_A_MAC, LSW_MAC_A_MAX,
			    lsw_nl_mac_del_one, false);
}

int lsw_nl_arp_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_batch(info, LSW_A_ARP, LSW_ARP_A_MAX,
			    lsw_nl_neigh_new_one, false);
}

int lsw_nl_arp_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_batch(info, LSW_A_ARP, LSW_ARP_A_MAX,
			    lsw_nl_neigh_new_one, true);
}

int lsw_nl_arp_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	return lsw_nl_batch(info, LSW_A_ARP, LSW_ARP_A_MAX,
			    lsw_nl_neigh_del_one, false);
}
