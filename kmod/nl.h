/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the three files of the "lsw" generic netlink family share:
 * netlink.c (the family, its hooks, GET and FLUSH), nl_entry.c (request
 * entries into table operations: NEW, SET and DEL) and nl_reply.c (what
 * the family sends: replies, dumps, notifications, counters).  The
 * handlers themselves are declared by netlink-gen.h, which the generator
 * writes from the spec.
 *
 * The ARP/ND table is "arp" on the wire (LSW_A_ARP, the arp-* operations
 * and their handlers) and "neigh" in the code below them, as in neigh.c.
 */
#ifndef _LSW_NL_H
#define _LSW_NL_H

#include <net/genetlink.h>

#include "lsw.h"

extern struct genl_family lsw_genl_family;

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

/* nl_entry.c: attributes into table keys and filters */
int lsw_nl_parse_vtep_ip(const struct lsw_dev *lsw, struct nlattr *nest,
			 struct nlattr *a4, struct nlattr *a6, int a4_type,
			 union lsw_ip *ip, struct netlink_ext_ack *extack);
int lsw_nl_parse_neigh_key(struct nlattr *nest, struct nlattr **tb,
			   struct lsw_neigh_key *key,
			   struct netlink_ext_ack *extack);
int lsw_nl_parse_filter(struct nlattr *attr, struct lsw_filter *f,
			struct netlink_ext_ack *extack);

/* nl_reply.c */
int lsw_nl_get_reply(struct genl_info *info, const struct lsw_nl_table *t,
		     const void *entry);

#endif /* _LSW_NL_H */
