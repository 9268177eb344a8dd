// SPDX-License-Identifier: GPL-2.0
/*
 * Encapsulation: a frame to a remote VTEP leaves in an outer IPv4 or
 * IPv6 packet, UDP to the switch's port, with the VXLAN or Geneve header
 * carrying the VNI (and, with OVN metadata, OVN's Geneve option, which
 * the switching decided: fwd.c).
 *
 * The outer header follows the device's settings: source address and
 * underlay device (fixed), TTL (fixed, the route's default, or the inner
 * packet's), TOS (fixed or the inner packet's; ECN always follows the
 * inner packet, RFC 6040), DF (IPv4 only) and UDP checksums.  The UDP
 * source port is a hash of the inner flow, so that the underlay spreads
 * flows over its paths without reordering any.
 *
 * Each VTEP entry caches its route; a MAC entry whose VTEP is not in the
 * VTEP table (a controller may set one) gets a lookup per frame.
 *
 * A frame too big for the path, once encapsulated, makes its sender learn
 * the path MTU: the host's own packets lower their route's PMTU, so that
 * TCP sends smaller segments, and a VM's unicast IP packets with DF set
 * get an ICMP "fragmentation needed" or "packet too big" back.  It is
 * then dropped if the outer packet may not be fragmented (outer DF, or an
 * IPv6 underlay), and fragmented by the outer IPv4 layer otherwise.
 *
 * GSO frames keep their offloads: the tunnel GSO types tell the underlay
 * device (or the stack, in software) to cut them into encapsulated
 * segments, and an inner CHECKSUM_PARTIAL stays partial.  GSO copies
 * the tunnel header, whatever its length (8 bytes, 16 with OVN's
 * option), into every segment as it is: the same UDP tunnel GSO types
 * serve VXLAN and Geneve.
 */

#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <net/dsfield.h>
#include <net/inet_dscp.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ip6_fib.h>
#include <net/ip6_route.h>
#include <net/ip_tunnels.h>
#include <net/ipv6.h>
#include <net/ipv6_stubs.h>
#include <net/route.h>
#include <net/udp_tunnel.h>

#include "lsw.h"

/* What the outer header may take from the inner packet. */
struct lsw_inner {
	u8 dsfield;		/* DSCP and ECN; 0 if not IP */
	u8 ttl;			/* TTL or hop limit; 0 if not IP */
	bool df;		/* IPv4 DF, or IPv6: never fragmented en route */
};

/* The IPv4 or IPv6 header right after the Ethernet header, if any. */
static void lsw_inner_parse(struct sk_buff *skb, struct lsw_inner *inner)
{
	__be16 proto = eth_hdr(skb)->h_proto;

	memset(inner, 0, sizeof(*inner));

	if (proto == htons(ETH_P_IP) &&
	    pskb_network_may_pull(skb, sizeof(struct iphdr))) {
		const struct iphdr *iph = ip_hdr(skb);

		if (iph->version != 4)
			return;
		inner->dsfield = ipv4_get_dsfield(iph);
		inner->ttl = iph->ttl;
		inner->df = iph->frag_off & htons(IP_DF);
	} else if (proto == htons(ETH_P_IPV6) &&
		   pskb_network_may_pull(skb, sizeof(struct ipv6hdr))) {
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);

		if (ip6h->version != 6)
			return;
		inner->dsfield = ipv6_get_dsfield(ip6h);
		inner->ttl = ip6h->hop_limit;
		inner->df = true;
	}
}

/*
 * The UDP source port: the inner flow's hash, scaled to the configured
 * range.  A change of the range may be seen half done, low above high:
 * the two ends then simply trade places.
 */
static __be16 lsw_xmit_sport(const struct lsw_dev *lsw, struct sk_buff *skb)
{
	u32 lo = READ_ONCE(lsw->cfg.port_min);
	u32 hi = READ_ONCE(lsw->cfg.port_max);
	u32 hash = skb_get_hash(skb);

	if (lo > hi)
		swap(lo, hi);
	/* No flow to be found (not IP, say): the MAC pair is one. */
	if (!hash)
		hash = jhash(skb->data, 2 * ETH_ALEN, 0);
	return htons(lo + reciprocal_scale(hash, hi - lo + 1));
}

/*
 * The route to an IPv4 VTEP, and the source address to use.  @cache is
 * NULL when the route depends on more than the VTEP: a VTEP not in the
 * table, or a TOS the routing rules may look at.
 */
static struct dst_entry *lsw_route4(struct lsw_dev *lsw, struct sock *sk,
				    const union lsw_ip *remote,
				    struct dst_cache *cache, u8 tos,
				    __be16 sport, union lsw_ip *saddr)
{
	struct flowi4 fl4 = {};
	struct rtable *rt;

	if (cache) {
		rt = dst_cache_get_ip4(cache, &saddr->ip4);
		if (rt)
			return &rt->dst;
	}

	fl4.flowi4_oif = lsw->cfg.link;
	fl4.flowi4_tos = tos & INET_DSCP_MASK;
	fl4.flowi4_proto = IPPROTO_UDP;
	fl4.daddr = remote->ip4;
	fl4.saddr = lsw->cfg.local.ip4;
	fl4.fl4_dport = lsw->cfg.port;
	fl4.fl4_sport = sport;

	rt = ip_route_output_key(sock_net(sk), &fl4);
	if (IS_ERR(rt))
		return ERR_CAST(rt);
	/* The underlay must not be the switch itself, nor the VTEP this
	 * host: the frame would come back to the switch it left.  A group
	 * this host is a member of is local too, and fine: its socket
	 * does not loop back what it sends (sock.c).
	 */
	if (rt->dst.dev == lsw->dev ||
	    (rt->rt_flags & (RTCF_LOCAL | RTCF_MULTICAST)) == RTCF_LOCAL) {
		ip_rt_put(rt);
		return ERR_PTR(-ELOOP);
	}
	if (cache)
		dst_cache_set_ip4(cache, &rt->dst, fl4.saddr);
	saddr->ip4 = fl4.saddr;
	return &rt->dst;
}

#if IS_ENABLED(CONFIG_IPV6)
static struct dst_entry *lsw_route6(struct lsw_dev *lsw, struct sock *sk,
				    const union lsw_ip *remote,
				    struct dst_cache *cache, u8 tos,
				    __be16 sport, union lsw_ip *saddr)
{
	struct flowi6 fl6 = {};
	struct dst_entry *dst;

	if (cache) {
		dst = dst_cache_get_ip6(cache, &saddr->ip6);
		if (dst)
			return dst;
	}

	fl6.flowi6_oif = lsw->cfg.link;
	fl6.flowlabel = ip6_make_flowinfo(tos & INET_DSCP_MASK, 0);
	fl6.flowi6_proto = IPPROTO_UDP;
	fl6.daddr = remote->ip6;
	fl6.saddr = lsw->cfg.local.ip6;
	fl6.fl6_dport = lsw->cfg.port;
	fl6.fl6_sport = sport;

	dst = ipv6_stub->ipv6_dst_lookup_flow(sock_net(sk), sk, &fl6, NULL);
	if (IS_ERR(dst))
		return dst;
	if (dst->dev == lsw->dev ||
	    (!ipv6_addr_is_multicast(&remote->ip6) &&
	     (container_of(dst, struct rt6_info, dst)->rt6i_flags & RTF_LOCAL))) {
		dst_release(dst);
		return ERR_PTR(-ELOOP);
	}
	if (cache)
		dst_cache_set_ip6(cache, dst, &fl6.saddr);
	saddr->ip6 = fl6.saddr;
	return dst;
}
#endif

static struct dst_entry *lsw_route(struct lsw_dev *lsw, struct sock *sk,
				   const union lsw_ip *remote,
				   struct lsw_vtep *vtep, u8 tos, __be16 sport,
				   union lsw_ip *saddr)
{
	struct dst_cache *cache = NULL;

	/* A cached route was looked up without a TOS. */
	if (vtep && !(tos & INET_DSCP_MASK))
		cache = &vtep->dst_cache;

	memset(saddr, 0, sizeof(*saddr));
#if IS_ENABLED(CONFIG_IPV6)
	if (lsw->cfg.family == AF_INET6)
		return lsw_route6(lsw, sk, remote, cache, tos, sport, saddr);
#endif
	return lsw_route4(lsw, sk, remote, cache, tos, sport, saddr);
}

/*
 * Whether the frame at skb->data still fits the path once encapsulated;
 * for a GSO frame, whether each of its segments will.
 */
static bool lsw_xmit_fits(const struct sk_buff *skb, unsigned int mtu)
{
	if (skb_is_gso(skb))
		return skb_gso_validate_network_len(skb, mtu);
	return skb->len - ETH_HLEN <= mtu;
}

/*
 * Finish the offloads of a frame that is a tunnel packet itself (a VM's
 * own VXLAN, say): it gets a second level of encapsulation here, and the
 * stack offloads one level only.  What the host sends comes finished
 * (the switch has no hw_enc_features, dev.c); what a port brings is
 * finished here, as the stack would: cut into segments, checksums
 * computed.  The frame becomes plain payload of the switch's tunnel.
 * Returns the frame or its list of segments; NULL when out of memory,
 * the frame freed.
 */
static struct sk_buff *lsw_xmit_finish_inner(struct sk_buff *skb)
{
	struct sk_buff *segs, *seg;

	if (skb_is_gso(skb)) {
		segs = skb_gso_segment(skb, NETIF_F_SG);
		if (IS_ERR_OR_NULL(segs)) {
			kfree_skb(skb);
			return NULL;
		}
		consume_skb(skb);
	} else {
		segs = skb;
	}

	skb_list_walk_safe(segs, seg, skb) {
		if (seg->ip_summed == CHECKSUM_PARTIAL &&
		    skb_checksum_help(seg)) {
			kfree_skb_list(segs);
			return NULL;
		}
		seg->encapsulation = 0;
	}
	return segs;
}

/*
 * Send @skb (skb->data at its Ethernet header, the network header right
 * after it) to the VTEP @remote; @vtep is its VTEP table entry if it has
 * one.  @in is the local port the frame came from if a "too big" answer
 * may go back to it: the frame is unicast, not one of many copies.
 * @ovn is OVN's option for the Geneve header, 0 for none; @marked asks
 * the VTEP to replicate the frame in its segment (repl.c), which takes
 * 4 bytes more with Geneve.  Consumes the skb.
 */
void lsw_xmit(struct lsw_dev *lsw, struct sk_buff *skb,
	      const union lsw_ip *remote, struct lsw_vtep *vtep,
	      struct lsw_port *in, u32 ovn, bool marked)
{
	const struct lsw_cfg *cfg = &lsw->cfg;
	unsigned int mark = marked && cfg->encap == LSW_ENCAP_GENEVE ?
			    LSW_MARK_OPT_LEN : 0;
	unsigned int overhead = lsw_overhead(cfg) + mark;
	unsigned int len = skb->len;
	struct lsw_inner inner;
	struct dst_entry *dst;
	union lsw_ip saddr;
	__be16 sport, df = 0;
	struct sock *sk;
	unsigned int why;
	bool udp_sum;
	u8 tos, ttl;
	int err;

	sk = lsw_sock_sk_rcu(lsw);
	if (unlikely(!sk)) {
		why = LSW_STAT(DROP_DOWN);
		goto drop;
	}

	if (unlikely(skb->encapsulation)) {
		struct sk_buff *segs, *next;

		segs = lsw_xmit_finish_inner(skb);
		if (!segs) {
			lsw_stats_inc(lsw, LSW_STAT(DROP_NOMEM));
			return;
		}
		/* Once: none of them is encapsulated any more. */
		skb_list_walk_safe(segs, skb, next) {
			skb_mark_not_on_list(skb);
			lsw_xmit(lsw, skb, remote, vtep, in, ovn, marked);
		}
		return;
	}

	lsw_inner_parse(skb, &inner);
	tos = READ_ONCE(cfg->tos_inherit) ? inner.dsfield : READ_ONCE(cfg->tos);
	ttl = READ_ONCE(cfg->ttl_inherit) ? inner.ttl : READ_ONCE(cfg->ttl);
	sport = lsw_xmit_sport(lsw, skb);

	switch (READ_ONCE(cfg->df)) {
	case LSW_DF_SET:
		df = htons(IP_DF);
		break;
	case LSW_DF_INHERIT:
		df = inner.df ? htons(IP_DF) : 0;
		break;
	}

	/* An accelerated VLAN tag goes into the frame: the tag must cross
	 * the underlay with it.
	 */
	if (skb_vlan_tag_present(skb)) {
		skb = __vlan_hwaccel_push_inside(skb);
		if (unlikely(!skb)) {
			lsw_stats_inc(lsw, LSW_STAT(DROP_NOMEM));
			return;
		}
	}

	dst = lsw_route(lsw, sk, remote, vtep, tos, sport, &saddr);
	if (IS_ERR(dst)) {
		why = PTR_ERR(dst) == -ELOOP ? LSW_STAT(DROP_LOOP) :
					       LSW_STAT(DROP_NO_ROUTE);
		goto drop;
	}

	if (unlikely(!lsw_xmit_fits(skb, dst_mtu(dst) - overhead))) {
		bool reply = in && in != &lsw->host_port;

		/* A frame too big for the path, whatever happens to it,
		 * tells its sender the path MTU.  An answer for a VM comes
		 * back in place of the frame.
		 */
		err = skb_tunnel_check_pmtu(skb, dst, overhead, reply);
		if (err > 0) {
			dst_release(dst);
			lsw_stats_inc(lsw, LSW_STAT(DROP_MTU));
			lsw_fwd_local(lsw, skb, in);
			return;
		}
		if (err < 0 || df || cfg->family == AF_INET6) {
			dst_release(dst);
			why = LSW_STAT(DROP_MTU);
			goto drop;
		}
	}

	tos = INET_ECN_encapsulate(tos, inner.dsfield);
	/* A group's copies stay on the link unless told otherwise, as the
	 * kernel's vxlan sends them: multicast routing is rare in a
	 * hypervisor underlay, and a TTL of 1 keeps them off it.
	 */
	if (!ttl && !vtep && lsw_ip_is_group(cfg, remote))
		ttl = 1;
	if (!ttl)
		ttl = cfg->family == AF_INET6 ? ip6_dst_hoplimit(dst) :
						ip4_dst_hoplimit(dst);
	udp_sum = cfg->family == AF_INET6 ? !READ_ONCE(cfg->udp_zero_csum6_tx) :
					    READ_ONCE(cfg->udp_csum);

	err = skb_cow_head(skb, LL_RESERVED_SPACE(dst->dev) + dst->header_len +
			   lsw_encap_hlen(cfg) + mark);
	if (unlikely(err))
		goto nomem;

	/* The frame leaves this host's L2: nothing of its life here (its
	 * route, conntrack, receive state) goes with it.
	 */
	skb_scrub_packet(skb, false);

	err = udp_tunnel_handle_offloads(skb, udp_sum);
	if (unlikely(err))
		goto nomem;
	if (cfg->encap == LSW_ENCAP_GENEVE)
		lsw_geneve_push(skb, cfg->vni, ovn, marked);
	else
		lsw_vxlan_push(skb, cfg->vni, marked);
	skb_set_inner_protocol(skb, htons(ETH_P_TEB));

	/* The tunnel helpers count on skb->dev (IPv4) or the device given
	 * (IPv6): the switch's own per-CPU tstats, whose errors
	 * lsw_dev_get_stats64() reports.
	 */
	skb->dev = lsw->dev;
	lsw_stats_inc(lsw, LSW_STAT(TX_PACKETS));
	lsw_stats_add(lsw, LSW_STAT(TX_BYTES), len);

#if IS_ENABLED(CONFIG_IPV6)
	if (cfg->family == AF_INET6) {
		struct in6_addr daddr = remote->ip6;

		udp_tunnel6_xmit_skb(dst, sk, skb, lsw->dev, &saddr.ip6,
				     &daddr, tos, ttl, 0, sport, cfg->port,
				     !udp_sum);
		return;
	}
#endif
	udp_tunnel_xmit_skb(container_of(dst, struct rtable, dst), sk, skb,
			    saddr.ip4, remote->ip4, tos, ttl, df, sport,
			    cfg->port, false, !udp_sum);
	return;

nomem:
	dst_release(dst);
	why = LSW_STAT(DROP_NOMEM);
drop:
	lsw_stats_inc(lsw, why);
	kfree_skb(skb);
}
