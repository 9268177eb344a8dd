/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the three files of the "lsw" generic netlink family share:
 * netlink.c (the family, its policies, GET and FLUSH), nl_entry.c
 * (request entries into table operations: NEW and DEL) and nl_reply.c
 * (what the family sends: replies, dumps, notifications, counters).
 */
#ifndef _LSW_NL_H
#define _LSW_NL_H

#include <net/genetlink.h>

#include "lsw.h"

enum lsw_nl_mcgrp {
	LSW_NL_MCGRP_NOTIFY,
};

extern struct genl_family lsw_genl_family;

extern const struct nla_policy lsw_nl_vtep_policy[LSW_VTEP_A_MAX + 1];
extern const struct nla_policy lsw_nl_mac_policy[LSW_MAC_A_MAX + 1];
extern const struct nla_policy lsw_nl_arp_policy[LSW_ARP_A_MAX + 1];
extern const struct nla_policy lsw_nl_filter_policy[LSW_FILTER_A_MAX + 1];

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

extern const struct lsw_nl_table lsw_nl_vteps;
extern const struct lsw_nl_table lsw_nl_macs;
extern const struct lsw_nl_table lsw_nl_neighs;

/* netlink.c */
struct lsw_dev *lsw_nl_dev_get(struct net *net, const struct nlattr *attr,
			       struct netlink_ext_ack *extack);
struct lsw_dev *lsw_nl_dev_next(struct net *net, int after);

/* nl_entry.c */
int lsw_nl_get_vtep_ip(const struct lsw_dev *lsw, struct nlattr *nest,
		       struct nlattr *a4, struct nlattr *a6, int a4_type,
		       union lsw_ip *ip, struct netlink_ext_ack *extack);
int lsw_nl_get_neigh_key(struct nlattr *nest, struct nlattr **tb,
			 struct lsw_neigh_key *key,
			 struct netlink_ext_ack *extack);
int lsw_nl_get_filter(struct nlattr *attr, struct lsw_filter *f,
		      struct netlink_ext_ack *extack);
int lsw_nl_vtep_new(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_vtep_del(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_mac_new(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_mac_del(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_arp_new(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_arp_del(struct sk_buff *skb, struct genl_info *info);

/* nl_reply.c */
int lsw_nl_get_reply(struct genl_info *info, const struct lsw_nl_table *t,
		     const void *entry);
int lsw_nl_vtep_dump_start(struct netlink_callback *cb);
int lsw_nl_mac_dump_start(struct netlink_callback *cb);
int lsw_nl_arp_dump_start(struct netlink_callback *cb);
int lsw_nl_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int lsw_nl_dump_done(struct netlink_callback *cb);
int lsw_nl_stats_doit(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_stats_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int lsw_nl_info_doit(struct sk_buff *skb, struct genl_info *info);

#endif /* _LSW_NL_H */
