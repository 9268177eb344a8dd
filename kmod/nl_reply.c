// SPDX-License-Identifier: GPL-2.0
/*
 * What the "lsw" family sends: one entry per message, as a GET reply, a
 * dump or a notification on the "notify" group, and the counters; and
 * the misses, on the "miss" group.
 *
 * Dumps hold a device's tables, not the device: a reader that stops
 * reading must not keep the device from going away.
 */

#include <linux/etherdevice.h>
#include <linux/rhashtable.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/netlink.h>

#include "lsw.h"
#include "nl.h"
#include "netlink-gen.h"

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
	u32 flags = vtep->flags;

	/* The proxy this switch picked for another segment than its own:
	 * the VTEP two-tier and hybrid replication send the marked copy.
	 */
	if (READ_ONCE(vtep->repl) == LSW_VTEP_MARKED &&
	    vtep->segment != READ_ONCE(lsw->cfg.segment))
		flags |= LSW_VTEP_F_ACTING;
	if (!nest ||
	    lsw_nl_put_ip(skb, lsw->cfg.family, LSW_VTEP_A_IP, LSW_VTEP_A_IP6,
			  &vtep->ip) ||
	    nla_put_u32(skb, LSW_VTEP_A_SEGMENT, vtep->segment) ||
	    nla_put_u32(skb, LSW_VTEP_A_FLAGS, flags))
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
		if (mac->key && nla_put_u32(skb, LSW_MAC_A_KEY, mac->key))
			return -EMSGSIZE;
	}
	if (nla_put_u32(skb, LSW_MAC_A_FLAGS,
			mac->flags & ~LSW_MAC_F_VTEP_MAC) ||
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

const struct lsw_nl_table lsw_nl_vteps = {
	.ht_offset	= offsetof(struct lsw_tables, vteps),
	.get_cmd	= LSW_CMD_VTEP_GET,
	.ntf_cmd	= LSW_CMD_VTEP_NTF,
	.fill		= lsw_nl_fill_vtep,
	.match		= lsw_nl_match_vtep,
};

const struct lsw_nl_table lsw_nl_macs = {
	.ht_offset	= offsetof(struct lsw_tables, macs),
	.get_cmd	= LSW_CMD_MAC_GET,
	.ntf_cmd	= LSW_CMD_MAC_NTF,
	.fill		= lsw_nl_fill_mac,
	.match		= lsw_nl_match_mac,
};

const struct lsw_nl_table lsw_nl_neighs = {
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

/*
 * One message: the device (named in notifications, and in replies of a
 * @t that says so), the event for a notification, one entry.
 */
int lsw_nl_fill_msg(struct sk_buff *skb, const struct lsw_nl_table *t,
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
	    ((event || t->named) &&
	     nla_put_string(skb, LSW_A_IFNAME, lsw->dev->name)) ||
	    (event && nla_put_u8(skb, LSW_A_EVENT, event)) ||
	    t->fill(skb, lsw, entry)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* --- notifications ------------------------------------------------------- */

/*
 * Called with the table lock held (RTNL for ports), so that listeners see
 * changes in the order the table went through them.
 */
void lsw_nl_notify(struct lsw_dev *lsw, const struct lsw_nl_table *t,
		   const void *entry, enum lsw_event event)
{
	struct net *net = dev_net(lsw->dev);
	struct sk_buff *skb;

	if (!genl_has_listeners(&lsw_genl_family, net, LSW_NLGRP_NOTIFY))
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
				LSW_NLGRP_NOTIFY, GFP_ATOMIC);
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

/* --- misses ----------------------------------------------------------------- */

/*
 * Whether anyone listens to the "miss" group in the switch's netns: if
 * not, a miss costs nothing, and a request is not worth holding.
 */
bool lsw_nl_miss_listened(struct lsw_dev *lsw)
{
	return genl_has_listeners(&lsw_genl_family, dev_net(lsw->dev),
				  LSW_NLGRP_MISS);
}

static size_t lsw_nl_miss_size(void)
{
	return nla_total_size(sizeof(u32)) +		/* IFINDEX */
	       nla_total_size(IFNAMSIZ) +		/* IFNAME */
	       nla_total_size(sizeof(u32)) +		/* VNI */
	       nla_total_size(0) +			/* MISS */
	       nla_total_size(sizeof(struct in6_addr)) + /* IP, IP6 or MAC */
	       nla_total_size(sizeof(u32)) +		/* PORT */
	       nla_total_size(sizeof(u32));		/* REFUSED */
}

static int lsw_nl_fill_miss(struct sk_buff *skb, const struct lsw_dev *lsw,
			    const struct lsw_neigh_key *key, const u8 *mac,
			    int port, u32 refused)
{
	struct nlattr *nest;

	if (nla_put_u32(skb, LSW_A_IFINDEX, lsw->dev->ifindex) ||
	    nla_put_string(skb, LSW_A_IFNAME, lsw->dev->name) ||
	    nla_put_u32(skb, LSW_A_VNI, lsw->cfg.vni))
		return -EMSGSIZE;
	nest = nla_nest_start(skb, LSW_A_MISS);
	if (!nest)
		return -EMSGSIZE;
	if (key) {
		if (lsw_nl_put_ip(skb, key->family, LSW_MISS_A_IP,
				  LSW_MISS_A_IP6, &key->ip))
			return -EMSGSIZE;
	} else if (nla_put(skb, LSW_MISS_A_MAC, ETH_ALEN, mac)) {
		return -EMSGSIZE;
	}
	if (nla_put_u32(skb, LSW_MISS_A_PORT, port) ||
	    (refused && nla_put_u32(skb, LSW_MISS_A_REFUSED, refused)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/**
 * lsw_nl_notify_miss - announce a miss on the "miss" group
 * @lsw: the switch
 * @key: the address the ARP/ND table lacks, or NULL for ...
 * @mac: ... the MAC address the MAC table lacks
 * @port: ifindex of the port that asked
 * @refused: with @mac, the LSW_STATS_A_DROP_* a frame from @port and @mac
 *	was dropped under by port security (0: a miss)
 *
 * In the datapath, under RCU.
 *
 * Return: whether the event went out.
 */
bool lsw_nl_notify_miss(struct lsw_dev *lsw, const struct lsw_neigh_key *key,
			const u8 *mac, int port, u32 refused)
{
	struct sk_buff *skb;
	void *hdr;

	skb = genlmsg_new(lsw_nl_miss_size(), GFP_ATOMIC);
	if (!skb)
		return false;
	hdr = genlmsg_put(skb, 0, 0, &lsw_genl_family, 0, LSW_CMD_MISS_NTF);
	if (!hdr || lsw_nl_fill_miss(skb, lsw, key, mac, port, refused)) {
		nlmsg_free(skb);
		return false;
	}
	genlmsg_end(skb, hdr);
	/* An error says that a listener did not get it (it left, or its
	 * buffer was full), not that it was not sent.
	 */
	genlmsg_multicast_netns(&lsw_genl_family, dev_net(lsw->dev), skb, 0,
				LSW_NLGRP_MISS, GFP_ATOMIC);
	return true;
}

/* The reply to a GET of one entry of @lsw. */
int lsw_nl_get_reply(struct genl_info *info, struct lsw_dev *lsw,
		     const struct lsw_nl_table *t, const void *entry)
{
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

/* @filter: LSW_A_FILTER, if the operation takes one. */
static int lsw_nl_dump_start(struct netlink_callback *cb,
			     const struct lsw_nl_table *table,
			     struct nlattr *filter)
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
	err = lsw_nl_parse_filter(filter, &d->filter, cb->extack);
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

int lsw_nl_dump_done(struct netlink_callback *cb)
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

int lsw_nl_vtep_dump_start(struct netlink_callback *cb)
{
	return lsw_nl_dump_start(cb, &lsw_nl_vteps, NULL);
}

int lsw_nl_mac_dump_start(struct netlink_callback *cb)
{
	return lsw_nl_dump_start(cb, &lsw_nl_macs,
				 lsw_compat_dump_attrs(cb)[LSW_A_FILTER]);
}

int lsw_nl_arp_dump_start(struct netlink_callback *cb)
{
	return lsw_nl_dump_start(cb, &lsw_nl_neighs,
				 lsw_compat_dump_attrs(cb)[LSW_A_FILTER]);
}

/* One walker for the three tables: the dump's state says which. */
int lsw_nl_vtep_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return lsw_nl_dumpit(skb, cb);
}

int lsw_nl_mac_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return lsw_nl_dumpit(skb, cb);
}

int lsw_nl_arp_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return lsw_nl_dumpit(skb, cb);
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

int lsw_nl_stats_get_doit(struct sk_buff *skb, struct genl_info *info)
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
int lsw_nl_stats_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
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

/* --- INFO ------------------------------------------------------------------ */

int lsw_nl_info_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &lsw_genl_family, 0,
				LSW_CMD_INFO_GET);
	if (!hdr || nla_put_string(msg, LSW_A_VERSION, LSW_VERSION)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}
