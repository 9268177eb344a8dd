// SPDX-License-Identifier: GPL-2.0
/*
 * Decapsulation: what the underlay brings to a switch, from its UDP
 * socket (sock.c), which found the device by VNI.
 *
 * A packet is checked before anything is learned from it: the
 * encapsulation header (VXLAN, RFC 7348: the I flag set, every reserved
 * bit clear; Geneve, RFC 8926: see geneve.c), a zero IPv6 UDP checksum
 * unless the device accepts them (RFC 6936), room for an Ethernet
 * header, the sender against the VTEP table with strict VTEP ingress,
 * and the inner source MAC.  Then the inner source MAC is
 * learned behind the outer source address, the outer ECN field is
 * carried into the inner packet (RFC 6040), and the frame is switched to
 * local ports only; a copy the sender marked for this host to replicate
 * (two-tier replication) goes on to the VTEPs of this host's segment
 * first (repl.c).  With strict VTEP ingress, a marked copy from a sender
 * not in the VTEP table is dropped with the rest of what it sends: a
 * stranger must not make the host flood its segment.  What comes to an
 * underlay multicast group (sock.c joins the switch's) is taken as any
 * other packet, and counted (REPL_GROUP_RX).
 *
 * With OVN metadata, OVN's Geneve option is part of the header checked
 * (geneve.c), and its egress key says where the frame goes: a logical
 * port's key (1..32767) to the local port that has it, and nowhere if
 * none has (or if it is 0); a multicast group's key (32768 and up) to
 * wherever the switch sends a frame from the underlay.  The receiving
 * chassis does not run OVN's ingress pipeline: the sender chose.  Its
 * ingress key is the key of the remote logical port the frame came
 * from: learning keeps it in the entry of the source MAC.
 */

#include <linux/etherdevice.h>
#include <net/dsfield.h>
#include <net/flow_dissector.h>
#include <net/inet_ecn.h>
#include <net/ip_tunnels.h>
#include <net/ipv6.h>

#include "lsw.h"

/*
 * RFC 6040 decapsulation, for the only outer ECN value that asks for
 * anything: Congestion Experienced.  It goes into an ECN-capable inner
 * packet; a packet that is not ECN-capable cannot carry it and must be
 * dropped (false).  A frame that is not IP has nothing to carry it in.
 */
static bool lsw_rcv_ecn(struct sk_buff *skb, u8 outer)
{
	__be16 proto = eth_hdr(skb)->h_proto;
	unsigned int hlen;
	u8 inner;

	if (!INET_ECN_is_ce(outer))
		return true;

	if (proto == htons(ETH_P_IP)) {
		hlen = sizeof(struct iphdr);
		if (!pskb_network_may_pull(skb, hlen))
			return true;
		inner = ipv4_get_dsfield(ip_hdr(skb));
	} else if (proto == htons(ETH_P_IPV6)) {
		hlen = sizeof(struct ipv6hdr);
		if (!pskb_network_may_pull(skb, hlen))
			return true;
		inner = ipv6_get_dsfield(ipv6_hdr(skb));
	} else {
		return true;
	}

	if (INET_ECN_is_not_ect(inner))
		return false;
	if (INET_ECN_is_ce(inner))
		return true;

	/* A packet socket on the underlay may share the data. */
	if (skb_ensure_writable(skb, skb_network_offset(skb) + hlen))
		return true;
	if (proto == htons(ETH_P_IP))
		IP_ECN_set_ce(ip_hdr(skb));
	else
		IP6_ECN_set_ce(skb, ipv6_hdr(skb));
	return true;
}

/*
 * The transport header still points at the outer UDP header.  What comes
 * next (GRO, a port's qdisc, GSO) needs it in the inner packet; a GSO
 * packet more than any, so find it there.
 */
static void lsw_rcv_transport(struct sk_buff *skb)
{
	struct flow_keys_basic keys;

	if (skb_is_gso(skb) &&
	    skb_flow_dissect_flow_keys_basic(NULL, skb, &keys, NULL, 0, 0, 0,
					     0))
		skb_set_transport_header(skb, keys.control.thoff);
	else
		skb_set_transport_header(skb, ETH_HLEN);
}

/*
 * Check the encapsulation header after the UDP header at skb->data, and
 * set *@hlen to the length of both: the Geneve options, which it pulls
 * into the linear area, included; with OVN metadata *@ovn to OVN's
 * option; and *@marked to whether the sender asks this host to replicate
 * the frame in its segment (repl.c).  Returns 0 if the switch takes the
 * packet, else the counter to drop it under.
 */
static unsigned int lsw_rcv_hdr(const struct lsw_dev *lsw,
				struct sk_buff *skb, unsigned int *hlen,
				u32 *ovn, bool *marked)
{
	const void *hdr = udp_hdr(skb) + 1;

	*hlen = sizeof(struct udphdr) + LSW_ENCAP_HLEN;
	if (lsw->cfg.encap != LSW_ENCAP_GENEVE) {
		if (!lsw_vxlan_valid(hdr))
			return LSW_STAT(DROP_MALFORMED);
		*marked = lsw_vxlan_marked(hdr);
		return 0;
	}

	if (!lsw_geneve_valid(hdr))
		return LSW_STAT(DROP_MALFORMED);
	*hlen = sizeof(struct udphdr) + lsw_geneve_hlen(hdr);
	/* Options that run past the packet are a header that lies. */
	if (skb->len < *hlen)
		return LSW_STAT(DROP_MALFORMED);
	if (!pskb_may_pull(skb, *hlen))
		return LSW_STAT(DROP_NOMEM);
	return lsw_geneve_check(udp_hdr(skb) + 1,
				lsw->cfg.metadata == LSW_METADATA_OVN ? ovn :
									NULL,
				marked);
}

/*
 * With OVN metadata, the local port @ovn's egress key names in *@to, or
 * NULL for a multicast group's key.  Returns 0, or the counter to drop
 * the frame under when no port has the key.
 */
static unsigned int lsw_rcv_ovn(struct lsw_dev *lsw, u32 ovn,
				struct lsw_port **to)
{
	u16 egress = lsw_ovn_egress(ovn);

	*to = NULL;
	if (egress >= LSW_OVN_MC_FLOOD)
		return 0;
	if (egress)
		*to = lsw_port_by_key(lsw, egress);
	return *to ? 0 : LSW_STAT(DROP_UNKNOWN_KEY);
}

/*
 * Learn the inner source MAC behind the sender @vtep.  With OVN
 * metadata, as the remote logical port of the option's ingress key, so
 * that frames to it go out with that key as their egress key.
 *
 * Ingress key 0 names no logical port: OVN never sends it for a frame a
 * VM sent.  An entry learned from it would have no key to send replies
 * with, and would turn them into drop_no_key drops where, unknown, they
 * go to _MC_unknown and reach the port; it would also move a good entry
 * off its key.  So a frame with ingress key 0 teaches nothing (it is
 * still delivered by its egress key).
 */
static void lsw_rcv_learn(struct lsw_dev *lsw, struct sk_buff *skb,
			  const union lsw_ip *vtep, u32 ovn)
{
	u16 key = 0;

	if (lsw->cfg.metadata == LSW_METADATA_OVN) {
		key = lsw_ovn_ingress(ovn);
		if (!key)
			return;
	}
	lsw_mac_learn(lsw, eth_hdr(skb)->h_source, NULL, vtep, key);
}

/*
 * A packet for @lsw: skb->data at the UDP header, which is in the linear
 * area with the fixed part of the encapsulation header, and the network
 * header at the outer IP header.  Called under RCU; consumes the skb.
 */
void lsw_rcv(struct lsw_dev *lsw, struct sk_buff *skb)
{
	const struct lsw_cfg *cfg = &lsw->cfg;
	struct lsw_port *to = NULL;
	unsigned int hlen, why;
	bool marked = false, group;
	union lsw_ip vtep;
	u32 ovn = 0;
	u8 outer;

	why = lsw_rcv_hdr(lsw, skb, &hlen, &ovn, &marked);
	if (unlikely(why))
		goto drop;
	if (cfg->family == AF_INET6 && !udp_hdr(skb)->check &&
	    !READ_ONCE(cfg->udp_zero_csum6_rx)) {
		why = LSW_STAT(DROP_CSUM);
		goto drop;
	}
	if (unlikely(skb->len < hlen + ETH_HLEN)) {
		why = LSW_STAT(DROP_RUNT);
		goto drop;
	}

	/* The key of a VTEP entry: the whole union, IPv4 zero-padded. */
	memset(&vtep, 0, sizeof(vtep));
	if (cfg->family == AF_INET6) {
		vtep.ip6 = ipv6_hdr(skb)->saddr;
		outer = ipv6_get_dsfield(ipv6_hdr(skb));
		group = ipv6_addr_is_multicast(&ipv6_hdr(skb)->daddr);
	} else {
		vtep.ip4 = ip_hdr(skb)->saddr;
		outer = ipv4_get_dsfield(ip_hdr(skb));
		group = ipv4_is_multicast(ip_hdr(skb)->daddr);
	}

	if (READ_ONCE(cfg->strict_vtep) && !lsw_vtep_lookup(lsw, &vtep)) {
		why = LSW_STAT(DROP_STRICT_VTEP);
		goto drop;
	}
	if (cfg->metadata == LSW_METADATA_OVN) {
		why = lsw_rcv_ovn(lsw, ovn, &to);
		if (why)
			goto drop;
	}

	/* Off with the outer headers (and the outer route, conntrack...);
	 * the inner Ethernet header lands in the linear area.
	 */
	if (unlikely(iptunnel_pull_header(skb, hlen, htons(ETH_P_TEB),
					  false))) {
		why = LSW_STAT(DROP_NOMEM);
		goto drop;
	}
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	skb_reset_mac_len(skb);
	lsw_rcv_transport(skb);

	if (unlikely(!is_valid_ether_addr(eth_hdr(skb)->h_source))) {
		why = LSW_STAT(DROP_SRC_MAC);
		goto drop;
	}
	if (unlikely(!lsw_rcv_ecn(skb, outer))) {
		why = LSW_STAT(DROP_MALFORMED);
		goto drop;
	}

	lsw_stats_inc(lsw, LSW_STAT(RX_PACKETS));
	lsw_stats_add(lsw, LSW_STAT(RX_BYTES), skb->len);
	if (group)
		lsw_stats_inc(lsw, LSW_STAT(REPL_GROUP_RX));

	lsw_rcv_learn(lsw, skb, &vtep, ovn);
	if (marked)
		lsw_repl_proxy(lsw, skb, &vtep, ovn);
	if (to)
		lsw_fwd_to_port(lsw, skb, to);
	else
		lsw_fwd_from_underlay(lsw, skb);
	return;

drop:
	lsw_stats_inc(lsw, why);
	kfree_skb(skb);
}
