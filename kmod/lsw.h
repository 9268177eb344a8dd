/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lsw internals shared across files: the logical switch device, its
 * ports, its three tables and its counters.
 *
 * Locking: the configuration and the port list change under RTNL.  The
 * tables change under lsw_dev.lock (BH-safe: learning runs in softirq);
 * readers, the datapath first among them, use RCU and take no lock.
 * Table entries are never modified in place once visible, except for
 * their "used" time stamp: a change publishes a new entry in place of the
 * old one, so a reader never sees half of an update.  The requests held
 * for a controller's answer have a lock of their own (hold.c), never
 * taken with the table lock held.
 */
#ifndef _LSW_H
#define _LSW_H

#include <linux/if_ether.h>
#include <linux/in6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/rhashtable-types.h>
#include <linux/skbuff.h>
#include <linux/timer.h>
#include <linux/u64_stats_sync.h>
#include <linux/udp.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <net/dst_cache.h>
#include <net/gro_cells.h>
#include <net/ipv6.h>
#include <linux/lsw.h>

/* An underlay (VTEP) address; the device's family says which member. */
union lsw_ip {
	__be32 ip4;
	struct in6_addr ip6;
};

/* The link attributes, IFLA_LSW_*; see uapi/linux/lsw.h. */
struct lsw_cfg {
	u32 vni;
	sa_family_t family;		/* underlay: AF_INET or AF_INET6 */
	union lsw_ip local;
	int link;			/* underlay ifindex, 0: any */
	__be16 port;
	u16 port_min, port_max;		/* UDP source ports, host order */
	u8 ttl;
	u8 tos;
	u8 df;				/* enum lsw_df */
	u8 encap;			/* enum lsw_encap */
	u8 metadata;			/* enum lsw_metadata */
	u8 tun_hlen;			/* the header sent: lsw_tun_hlen() */
	bool ttl_inherit;
	bool tos_inherit;
	bool learning;
	bool arp_suppress;
	bool strict_vtep;
	bool ip_tofu;
	bool udp_csum;
	bool udp_zero_csum6_tx;
	bool udp_zero_csum6_rx;
	u32 ageing;			/* seconds, 0: never */
	u32 mac_limit;			/* 0: unlimited */
	u32 arp_limit;			/* 0: unlimited */
	u32 miss_interval;		/* ms, 0: no per-address limit */
	u32 miss_rate;			/* events per second, 0: none */
	u32 arp_hold;			/* ms, 0: flood at once */
	u32 arp_hold_limit;
	u32 segment;
	u8 replication;			/* enum lsw_replication */
	union lsw_ip group;		/* underlay multicast group, 0: none */
};

/* Whether the switch has an underlay multicast group (IFLA_LSW_GROUP*). */
static inline bool lsw_has_group(const struct lsw_cfg *cfg)
{
	if (cfg->family == AF_INET6)
		return !ipv6_addr_any(&cfg->group.ip6);
	return cfg->group.ip4;
}

/* Whether underlay address @ip is a multicast group. */
static inline bool lsw_ip_is_group(const struct lsw_cfg *cfg,
				   const union lsw_ip *ip)
{
	if (cfg->family == AF_INET6)
		return ipv6_addr_is_multicast(&ip->ip6);
	return ipv4_is_multicast(ip->ip4);
}

/*
 * Per-VNI counters: one per LSW_STATS_A_* attribute from RX_PACKETS on,
 * in the same order, so that the netlink dump is a loop.
 */
#define LSW_STAT_FIRST	LSW_STATS_A_RX_PACKETS
#define LSW_STAT(name)	(LSW_STATS_A_##name - LSW_STAT_FIRST)
#define LSW_STAT_COUNT	(LSW_STATS_A_MAX - LSW_STAT_FIRST + 1)

struct lsw_pcpu_stats {
	u64_stats_t c[LSW_STAT_COUNT];
	struct u64_stats_sync syncp;
};

struct lsw_dev;

/*
 * Port security (psec.c): the addresses a port may send from, replaced
 * whole, never edited once visible.  @has: which prefixes an address
 * has, LSW_PSEC_HAS_*; none is any IP address from its MAC.
 */
#define LSW_PSEC_HAS_IP		BIT(0)
#define LSW_PSEC_HAS_IP6	BIT(1)

struct lsw_psec_addr {
	u8 mac[ETH_ALEN];
	u8 has;
	u8 plen;
	u8 plen6;
	__be32 ip;
	struct in6_addr ip6;
};

struct lsw_psec {
	struct rcu_head rcu;
	u32 flags;			/* LSW_PSEC_F_* */
	unsigned int n;
	struct lsw_psec_addr addr[];
};

/*
 * A port of the switch: an enslaved device, or the lsw device itself (the
 * host's port, lsw_dev.host_port).  Freed after an RCU grace period once
 * removed; "dead" (set under lsw_dev.lock) keeps new MAC entries off a
 * port on its way out.  Its OVN identity, key and name, changes under
 * RTNL; the datapath reads the key only (READ_ONCE), and finds a port by
 * its key in lsw_dev.port_keys.
 */
struct lsw_port {
	struct net_device *dev;
	struct lsw_dev *lsw;
	struct list_head list;		/* lsw_dev.ports, RTNL */
	bool dead;
	u16 key;			/* OVN logical port key, 0: none */
	char name[LSW_PORT_NAME_MAX + 1];	/* OVN logical port, RTNL */
	struct lsw_psec __rcu *psec;	/* port security, RTNL; NULL: none */
	struct rcu_head rcu;
};

/*
 * What two-tier replication sends a VTEP (repl.c): nothing (another VTEP
 * of its segment is the proxy), a plain copy, or a marked one (it is the
 * proxy).  Zero is a plain copy, so that a new entry gets one until
 * repl.c says otherwise.
 */
enum {
	LSW_VTEP_COPY,
	LSW_VTEP_MARKED,
	LSW_VTEP_SKIP,
};

struct lsw_seg;

/*
 * VTEP table entry.  It also caches the route to the VTEP: every unicast
 * and replicated frame to it needs one, and the VTEP table is small.
 * "repl" is the one field that changes in place: repl.c sets it, under
 * lsw_dev.lock, when the VTEPs of the entry's segment change.
 */
struct lsw_vtep {
	struct rhash_head node;
	union lsw_ip ip;		/* key */
	u32 segment;
	u8 flags;			/* LSW_VTEP_F_* */
	u8 repl;			/* LSW_VTEP_COPY..SKIP, READ_ONCE */
	u32 rank;			/* proxy choice: repl.c */
	struct lsw_seg *seg;		/* lsw_dev.lock, like seg_list */
	struct list_head seg_list;
	struct list_head list;		/* lsw_dev.vtep_list, RCU */
	struct dst_cache dst_cache;
	struct rcu_head rcu;
};

/* Internal MAC entry flag, next to the uapi LSW_ENTRY_F_* bits. */
#define LSW_MAC_F_VTEP_MAC	BIT(7)		/* vtep_mac is set */

/* MAC table entry: local (port) or remote (vtep, vtep_mac). */
struct lsw_mac {
	struct rhash_head node;
	u8 addr[ETH_ALEN];		/* key */
	u8 flags;			/* LSW_ENTRY_F_*, LSW_MAC_F_* */
	u8 vtep_mac[ETH_ALEN];
	u16 key;			/* remote: the OVN port's key, 0: none */
	struct lsw_port *port;		/* NULL: remote */
	union lsw_ip vtep;
	unsigned long used;		/* jiffies: last seen or set */
	struct rcu_head rcu;
};

/* ARP/ND table key: the address and its family. */
struct lsw_neigh_key {
	union lsw_ip ip;
	u32 family;
};

/* ARP/ND table entry. */
struct lsw_neigh {
	struct rhash_head node;
	struct lsw_neigh_key key;
	u8 mac[ETH_ALEN];
	u8 flags;			/* LSW_ENTRY_F_* */
	unsigned long used;		/* jiffies: last seen or set */
	struct rcu_head rcu;
};

/*
 * The three tables of a device.  Freed with the last of its users: the
 * device, or a netlink dump that walks it (a dump must not hold the
 * device itself, or a stalled reader would block its deletion).
 */
struct lsw_tables {
	refcount_t ref;
	struct rhashtable vteps;
	struct rhashtable macs;
	struct rhashtable neighs;
};

struct lsw_sock;

/*
 * The limits on a switch's miss events (miss.c).  Per address: a hash
 * table of slots, each the last announced address that hashes there and
 * when it was announced, so that a flood of random addresses costs no
 * memory.  Per switch: a cap on the rate of events.
 */
#define LSW_MISS_SLOTS_BITS	8
#define LSW_MISS_SLOTS		BIT(LSW_MISS_SLOTS_BITS)

struct lsw_miss {
	u32 seed;			/* of the slot index */
	u32 tag_seed;			/* of the tag in a slot */
	atomic64_t next;		/* the cap's theoretical arrival time */
	atomic64_t slot[LSW_MISS_SLOTS];	/* tag << 32 | jiffies */
};

/*
 * The requests a switch holds for a controller to answer (hold.c): their
 * queue, oldest first, whose lock guards the whole, and the timer that
 * floods them when their time is up.
 */
struct lsw_hold {
	struct sk_buff_head queue;
	struct timer_list timer;
	bool closed;			/* the switch is going away */
};

/* One logical switch: netdev_priv() of an "lsw" device. */
struct lsw_dev {
	struct net_device *dev;
	struct list_head node;		/* lsw_net.devs, RTNL */
	struct lsw_cfg cfg;
	struct lsw_pcpu_stats __percpu *stats;

	/* The UDP socket, while the device is up (sock.c). */
	struct lsw_sock __rcu *sock;
	struct rhash_head vni_node;	/* lsw_sock.vnis, keyed by cfg.vni */
	struct gro_cells gro_cells;	/* frames up the host's port */

	struct lsw_port host_port;
	struct list_head ports;		/* RTNL */
	struct xarray port_keys;	/* OVN key -> port; RTNL, RCU */

	struct lsw_tables *tables;
	spinlock_t lock;		/* table writers */
	bool dead;			/* tables closed: device going away */
	unsigned int gen;		/* bumped on every table change */
	unsigned int n_learned;		/* learned MAC and ARP/ND entries */
	struct list_head vtep_list;	/* RCU: BUM replication walks it */
	unsigned int n_vteps;
	struct xarray segs;		/* segment -> lsw_seg: repl.c */
	unsigned int n_macs;		/* written under lock, read without */
	unsigned int n_neighs;		/* likewise */

	struct delayed_work gc;		/* ageing */

	struct lsw_miss miss;
	struct lsw_hold hold;
};

/* Per-netns state. */
struct lsw_net {
	struct list_head devs;		/* every lsw device, RTNL */
	struct list_head socks;		/* struct lsw_sock, RTNL */
};

extern unsigned int lsw_net_id;

/* A filter for dumps and flushes (LSW_A_FILTER). */
struct lsw_filter {
	u32 flags;			/* 0: any */
	int port;			/* ifindex, 0: any */
	bool has_vtep;
	sa_family_t vtep_family;
	union lsw_ip vtep;
};

/*
 * The VXLAN header, or the Geneve header without options: what lsw sends
 * without metadata, and the least it receives.
 */
#define LSW_ENCAP_HLEN	8

/* OVN's Geneve option, header and data (LSW_METADATA_OVN). */
#define LSW_OVN_OPT_LEN	8

/* The encapsulation header a switch of @metadata sends (lsw_cfg.tun_hlen). */
static inline unsigned int lsw_tun_hlen(u8 metadata)
{
	return LSW_ENCAP_HLEN +
	       (metadata == LSW_METADATA_OVN ? LSW_OVN_OPT_LEN : 0);
}

/*
 * What encapsulation puts in front of the inner frame's Ethernet header:
 * IP, UDP and the encapsulation header.
 */
static inline unsigned int lsw_encap_hlen(const struct lsw_cfg *cfg)
{
	unsigned int iph = cfg->family == AF_INET6 ? sizeof(struct ipv6hdr) :
						     sizeof(struct iphdr);

	return iph + sizeof(struct udphdr) + cfg->tun_hlen;
}

/*
 * What encapsulation adds to a frame of MTU bytes on the underlay: the
 * inner Ethernet header too (50 bytes over IPv4, 70 over IPv6; 8 more
 * with OVN's option).
 */
static inline unsigned int lsw_overhead(const struct lsw_cfg *cfg)
{
	return ETH_HLEN + lsw_encap_hlen(cfg);
}

/* dev.c */
int lsw_dev_init(void);
void lsw_dev_exit(void);
bool lsw_is_lsw_dev(const struct net_device *dev);

/* sock.c: the UDP sockets, shared per netns, family and port */
int lsw_sock_open(struct lsw_dev *lsw);
void lsw_sock_close(struct lsw_dev *lsw);
struct sock *lsw_sock_sk_rcu(struct lsw_dev *lsw);

/* vxlan.c: the VXLAN header (RFC 7348) */
void lsw_vxlan_push(struct sk_buff *skb, u32 vni, bool marked);
u32 lsw_vxlan_vni(const void *hdr);
bool lsw_vxlan_valid(const void *hdr);
bool lsw_vxlan_marked(const void *hdr);

/* geneve.c: the Geneve header (RFC 8926), and OVN's option in it */
void lsw_geneve_push(struct sk_buff *skb, u32 vni, u32 ovn, bool marked);
u32 lsw_geneve_vni(const void *hdr);
unsigned int lsw_geneve_hlen(const void *hdr);
bool lsw_geneve_valid(const void *hdr);
unsigned int lsw_geneve_check(const void *hdr, u32 *ovn, bool *marked);

/* lsw's replication mark as a Geneve option, header only (geneve.c). */
#define LSW_MARK_OPT_LEN	4

/* OVN's option data: the ingress and egress keys. */
static inline u32 lsw_ovn_opt(u16 ingress, u16 egress)
{
	return (u32)ingress << 16 | egress;
}

static inline u16 lsw_ovn_egress(u32 ovn)
{
	return ovn & 0xffff;
}

/* Bits 30..16: the received option's reserved bit 31 is clear (geneve.c). */
static inline u16 lsw_ovn_ingress(u32 ovn)
{
	return (ovn >> 16) & LSW_OVN_KEY_MAX;
}

/* gro.c: GRO on the tunnel sockets */
struct udp_tunnel_sock_cfg;
void lsw_gro_setup(struct udp_tunnel_sock_cfg *cfg, u8 encap);

/* fwd.c: switching between local ports and the underlay */
void lsw_fwd_from_port(struct lsw_port *port, struct sk_buff *skb);
void lsw_fwd_from_host(struct lsw_dev *lsw, struct sk_buff *skb);
void lsw_fwd_from_underlay(struct lsw_dev *lsw, struct sk_buff *skb);
void lsw_fwd_to_port(struct lsw_dev *lsw, struct sk_buff *skb,
		     struct lsw_port *port);
void lsw_fwd_local(struct lsw_dev *lsw, struct sk_buff *skb,
		   struct lsw_port *port);
void lsw_fwd_held(struct lsw_dev *lsw, struct sk_buff *skb,
		  struct lsw_port *in);

/* xmit.c: encapsulation to a remote VTEP */
void lsw_xmit(struct lsw_dev *lsw, struct sk_buff *skb,
	      const union lsw_ip *remote, struct lsw_vtep *vtep,
	      struct lsw_port *in_port, u32 ovn, bool marked);

/* repl.c: two-tier replication, segments and their proxies */
void lsw_repl_vtep_init(struct lsw_dev *lsw, struct lsw_vtep *vtep);
int lsw_repl_vtep_add(struct lsw_dev *lsw, struct lsw_vtep *vtep);
void lsw_repl_vtep_del(struct lsw_dev *lsw, struct lsw_vtep *vtep);
bool lsw_repl_copy(const struct lsw_dev *lsw, u8 mode,
		   const struct lsw_vtep *vtep, bool *marked);
void lsw_repl_proxy(struct lsw_dev *lsw, struct sk_buff *skb,
		    const union lsw_ip *sender, u32 ovn);

/* rcv.c: decapsulation of what the underlay brings */
void lsw_rcv(struct lsw_dev *lsw, struct sk_buff *skb);

/* port.c */
struct lsw_port *lsw_port_lookup_rcu(struct lsw_dev *lsw, int ifindex);
int lsw_port_init(void);
void lsw_port_exit(void);
int lsw_port_add(struct lsw_dev *lsw, struct net_device *port_dev,
		 struct netlink_ext_ack *extack);
int lsw_port_del(struct lsw_dev *lsw, struct net_device *port_dev);
void lsw_port_del_all(struct lsw_dev *lsw);
struct lsw_port *lsw_port_of_dev_rtnl(struct net_device *dev);
struct lsw_port *lsw_port_next_rtnl(struct lsw_dev *lsw, int after);
int lsw_port_set_key(struct lsw_port *port, u16 key,
		     struct netlink_ext_ack *extack);

/* The local port of OVN key @key (1..LSW_OVN_KEY_MAX), under RCU. */
static inline struct lsw_port *lsw_port_by_key(struct lsw_dev *lsw, u16 key)
{
	return xa_load(&lsw->port_keys, key);
}

/* stats.c */
static inline void lsw_stats_add(struct lsw_dev *lsw, unsigned int idx, u64 n)
{
	struct lsw_pcpu_stats *s = get_cpu_ptr(lsw->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_add(&s->c[idx], n);
	u64_stats_update_end(&s->syncp);
	put_cpu_ptr(lsw->stats);
}

static inline void lsw_stats_inc(struct lsw_dev *lsw, unsigned int idx)
{
	lsw_stats_add(lsw, idx, 1);
}

void lsw_stats_read(struct lsw_dev *lsw, u64 *c);

/* table.c: life cycle of the three tables, and ageing */
int lsw_tables_init(struct lsw_dev *lsw);
void lsw_tables_close(struct lsw_dev *lsw);
void lsw_tables_destroy(struct lsw_dev *lsw);
void lsw_tables_put(struct lsw_tables *tables);
void lsw_ageing_changed(struct lsw_dev *lsw);
void lsw_gc_kick(struct lsw_dev *lsw);
void lsw_table_walk(struct lsw_dev *lsw, struct rhashtable *ht,
		    void (*fn)(struct lsw_dev *lsw, void *obj, void *arg),
		    void *arg);

/*
 * What a NEW or SET request does to the table, from
 * lsw_table_new_verdict().
 */
enum {
	LSW_NEW_INSERT,
	LSW_NEW_REPLACE,
	LSW_NEW_NOTHING,
};

int lsw_table_new_verdict(bool replace, bool exists, bool identical,
			  struct netlink_ext_ack *extack);
bool lsw_filter_match(const struct lsw_dev *lsw, const struct lsw_filter *f,
		      u8 flags, const struct lsw_port *port,
		      const union lsw_ip *vtep);
bool lsw_ip_equal(const struct lsw_dev *lsw, const union lsw_ip *a,
		  const union lsw_ip *b);

/* vtep.c */
extern const struct rhashtable_params lsw_vtep_params;
int lsw_vtep_add(struct lsw_dev *lsw, const union lsw_ip *ip, u32 segment,
		 u8 flags, bool replace, struct netlink_ext_ack *extack);
int lsw_vtep_del(struct lsw_dev *lsw, const union lsw_ip *ip,
		 struct netlink_ext_ack *extack);
unsigned int lsw_vtep_flush(struct lsw_dev *lsw);
struct lsw_vtep *lsw_vtep_lookup(struct lsw_dev *lsw, const union lsw_ip *ip);

/* mac.c */
extern const struct rhashtable_params lsw_mac_params;
int lsw_mac_cache_init(void);
void lsw_mac_cache_exit(void);

/* What a controller asks for in a MAC entry. */
struct lsw_mac_cfg {
	u8 addr[ETH_ALEN];
	u8 flags;
	u8 vtep_mac[ETH_ALEN];
	int port;			/* ifindex of a local port, 0: remote */
	union lsw_ip vtep;
	u16 key;			/* remote: the OVN port's key */
};

int lsw_mac_add(struct lsw_dev *lsw, const struct lsw_mac_cfg *cfg,
		bool replace, struct netlink_ext_ack *extack);
int lsw_mac_del(struct lsw_dev *lsw, const u8 *addr,
		struct netlink_ext_ack *extack);
unsigned int lsw_mac_flush(struct lsw_dev *lsw, const struct lsw_filter *f);
void lsw_mac_flush_port(struct lsw_dev *lsw, struct lsw_port *port);
struct lsw_mac *lsw_mac_lookup(struct lsw_dev *lsw, const u8 *addr);
void lsw_mac_learn(struct lsw_dev *lsw, const u8 *addr,
		   struct lsw_port *port, const union lsw_ip *vtep, u16 key);
void lsw_mac_age(struct lsw_dev *lsw, unsigned long now, unsigned long ageing);
int lsw_mac_host_set(struct lsw_dev *lsw, const u8 *old, const u8 *addr);

/* neigh.c: the ARP/ND table */
extern const struct rhashtable_params lsw_neigh_params;
int lsw_neigh_cache_init(void);
void lsw_neigh_cache_exit(void);
int lsw_neigh_add(struct lsw_dev *lsw, const struct lsw_neigh_key *key,
		  const u8 *mac, u8 flags, bool replace,
		  struct netlink_ext_ack *extack);
int lsw_neigh_del(struct lsw_dev *lsw, const struct lsw_neigh_key *key,
		  struct netlink_ext_ack *extack);
unsigned int lsw_neigh_flush(struct lsw_dev *lsw, const struct lsw_filter *f);
struct lsw_neigh *lsw_neigh_lookup(struct lsw_dev *lsw,
				   const struct lsw_neigh_key *key);
void lsw_neigh_learn(struct lsw_dev *lsw, const struct lsw_neigh_key *key,
		     const u8 *mac);
void lsw_neigh_age(struct lsw_dev *lsw, unsigned long now,
		   unsigned long ageing);

/* suppress.c: ARP/ND snooping and suppression */

/* Where a frame's payload starts, past an 802.1Q tag in the packet. */
struct lsw_frame {
	__be16 proto;		/* payload type */
	int off;		/* payload offset from skb->data */
	bool tagged;		/* tag in the packet or in the skb */
	__be16 vlan_proto;
	u16 vlan_tci;
};

bool lsw_frame_parse(const struct sk_buff *skb, struct lsw_frame *f);
bool lsw_nd_opts(const struct sk_buff *skb, int off, int end, u8 type,
		 u8 *buf, const u8 **lladdr);
void lsw_neigh_key4(struct lsw_neigh_key *key, __be32 ip);
void lsw_neigh_key6(struct lsw_neigh_key *key, const struct in6_addr *ip);

/* What lsw_neigh_snoop() did with a frame. */
enum lsw_snoop {
	LSW_SNOOP_PASS,		/* nothing: the caller switches it */
	LSW_SNOOP_ANSWERED,	/* answered: the caller drops it */
	LSW_SNOOP_HELD,		/* held for a controller: the switch has it */
};

enum lsw_snoop lsw_neigh_snoop(struct lsw_dev *lsw, struct sk_buff *skb,
			       struct lsw_port *port, bool replay);

/* miss.c: miss events, limited per address and per switch */
void lsw_miss_init(struct lsw_dev *lsw);
bool lsw_miss_neigh(struct lsw_dev *lsw, const struct lsw_neigh_key *key,
		    const struct lsw_port *port);
void lsw_miss_mac(struct lsw_dev *lsw, const u8 *addr,
		  const struct lsw_port *port);
void lsw_miss_refused(struct lsw_dev *lsw, const u8 *addr,
		      const struct lsw_port *port, unsigned int why);

/* psec.c: port security, and trust on first use */
struct nlattr;
struct lsw_psec *lsw_psec_parse(const struct nlattr *nest,
				struct netlink_ext_ack *extack);
void lsw_psec_set(struct lsw_port *port, struct lsw_psec *psec);
int lsw_psec_fill(struct sk_buff *skb, const struct lsw_port *port);
unsigned int lsw_psec_rcv(struct lsw_dev *lsw, const struct sk_buff *skb,
			  const struct lsw_port *port);
bool lsw_psec_deliver(const struct lsw_port *port, const struct sk_buff *skb);

/* hold.c: requests held for a controller to answer */
void lsw_hold_init(struct lsw_dev *lsw);
bool lsw_hold(struct lsw_dev *lsw, struct sk_buff *skb,
	      const struct lsw_neigh_key *key, const struct lsw_port *port);
void lsw_hold_release(struct lsw_dev *lsw, const struct lsw_neigh_key *key);
void lsw_hold_close(struct lsw_dev *lsw);

/* netlink.c: the "lsw" generic netlink family */
int lsw_nl_init(void);
void lsw_nl_exit(void);

/*
 * nl_reply.c: table changes announced on the family's "notify" group,
 * misses on its "miss" group
 */
void lsw_nl_notify_vtep(struct lsw_dev *lsw, const struct lsw_vtep *vtep,
			enum lsw_event event);
void lsw_nl_notify_mac(struct lsw_dev *lsw, const struct lsw_mac *mac,
		       enum lsw_event event);
void lsw_nl_notify_neigh(struct lsw_dev *lsw, const struct lsw_neigh *n,
			 enum lsw_event event);
bool lsw_nl_miss_listened(struct lsw_dev *lsw);
bool lsw_nl_notify_miss(struct lsw_dev *lsw, const struct lsw_neigh_key *key,
			const u8 *mac, int port, u32 refused);

/* nl_port.c: the ports' identity (PORT_GET, PORT_SET, PORT_NTF) */
void lsw_nl_notify_port(const struct lsw_port *port, enum lsw_event event);

#endif /* _LSW_H */
