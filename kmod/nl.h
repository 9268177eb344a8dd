/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the three files of the "lsw" generic netlink family share:
 * netlink.c (the family, its hooks, GET and FLUSH), nl_entry.c (request
 * entries into table operations: NEW, SET and DEL) and nl_reply.c (what
 * the family sends: replies, dumps, notifications, counters), and
 * nl_port.c (the ports' identity: PORT_GET, PORT_SET).  The
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

/*
 * What the generic get, dump and notify code needs to know of a table
 * (and of the ports, which are no table: @ht_offset unused, @named).
 */
struct lsw_nl_table {
	size_t ht_offset;	/* in struct lsw_tables */
	u8 get_cmd;
	u8 ntf_cmd;
	bool named;		/* replies name the switch (LSW_A_IFNAME) */
	int (*fill)(struct sk_buff *skb, const struct lsw_dev *lsw,
		    const void *entry);
	bool (*match)(const struct lsw_dev *lsw, const void *entry,
		      const struct lsw_filter *f);
};

extern const struct lsw_nl_table lsw_nl_vteps;
extern const struct lsw_nl_table lsw_nl_macs;
extern const struct lsw_nl_table lsw_nl_neighs;
extern const struct lsw_nl_table lsw_nl_ports;

/* netlink.c */
struct lsw_dev *lsw_nl_dev_get(struct net *net, const struct nlattr *attr,
			       struct netlink_ext_ack *extack);
struct lsw_dev *lsw_nl_dev_next(struct net *net, int after);
struct nlattr *lsw_nl_get_key(struct genl_info *info, int type,
			      unsigned int maxtype,
			      const struct nla_policy *policy,
			      struct nlattr **tb);

/* nl_entry.c: attributes into table keys and filters */
int lsw_nl_parse_vtep_ip(const struct lsw_dev *lsw, struct nlattr *nest,
			 struct nlattr *a4, struct nlattr *a6, int a4_type,
			 union lsw_ip *ip, struct netlink_ext_ack *extack);
int lsw_nl_parse_neigh_key(struct nlattr *nest, struct nlattr **tb,
			   struct lsw_neigh_key *key,
			   struct netlink_ext_ack *extack);
int lsw_nl_parse_filter(struct nlattr *attr, struct lsw_filter *f,
			struct netlink_ext_ack *extack);

/*
 * One entry of a batch, its nest indexed in @tb.  @replace: SET (an
 * existing entry is replaced), not NEW (it fails the request).
 */
typedef int (*lsw_nl_entry_fn)(struct genl_info *info, struct nlattr *nest,
			       struct nlattr **tb, bool replace);

int lsw_nl_batch(struct genl_info *info, int type, unsigned int maxtype,
		 lsw_nl_entry_fn fn, bool replace);

/* nl_reply.c */
int lsw_nl_fill_msg(struct sk_buff *skb, const struct lsw_nl_table *t,
		    const struct lsw_dev *lsw, const void *entry,
		    u32 portid, u32 seq, int flags, u8 cmd,
		    enum lsw_event event, struct netlink_callback *cb);
void lsw_nl_notify(struct lsw_dev *lsw, const struct lsw_nl_table *t,
		   const void *entry, enum lsw_event event);
int lsw_nl_get_reply(struct genl_info *info, struct lsw_dev *lsw,
		     const struct lsw_nl_table *t, const void *entry);

#endif /* _LSW_NL_H */
