// SPDX-License-Identifier: GPL-2.0
/*
 * GRO on the tunnel sockets: the segments of an encapsulated TCP stream
 * are merged on their way in, before they reach the switch, so that the
 * switch decapsulates, learns from and forwards one large frame instead
 * of forty small ones.  The UDP layer calls these for packets to an lsw
 * socket's port (sock.c sets them up); once past the tunnel header, the
 * inner Ethernet frame is the stack's own GRO business (eth_gro_receive()
 * and what follows it).
 *
 * Only packets that lsw would accept are merged, by their tunnel header
 * alone: the VXLAN I flag and no other bit, or a Geneve header of version
 * 0 carrying Ethernet, not OAM, and with no critical option but OVN's
 * (one socket serves the switches of a port, with OVN metadata or
 * without: which one a packet is for, lsw_rcv() tells).  Anything else
 * goes up unmerged, for lsw_rcv() to count and drop.  Two packets are of
 * one flow only if their tunnel headers are identical (VNI, flags,
 * options: OVN's logical ingress and egress ports included); the UDP and
 * IP layers below have compared the rest of the outer headers already.
 *
 * A merged packet reaches lsw_rcv() as a UDP tunnel GSO packet, which
 * iptunnel_pull_header() turns into a plain GSO frame of the inner
 * protocol: a local port takes it as it would from a VM, or cuts it up.
 * The switch counts it as one frame.
 */

#include <linux/etherdevice.h>
#include <net/gro.h>
#include <net/udp_tunnel.h>

#include "lsw.h"

/*
 * Go past the tunnel header @hdr of @hlen bytes, at the GRO offset, to
 * the inner Ethernet frame.  Of the packets held for merging, only those
 * with the same tunnel header may still be of this one's flow.  The first
 * LSW_ENCAP_HLEN bytes hold the option length, so a held header compared
 * past them is as long as this one.
 */
static struct sk_buff *lsw_gro_inner(struct list_head *head,
				     struct sk_buff *skb, const void *hdr,
				     unsigned int hlen)
{
	unsigned int off = skb_gro_offset(skb);
	struct sk_buff *p;

	list_for_each_entry(p, head, list) {
		const void *hdr2 = p->data + off;

		if (!NAPI_GRO_CB(p)->same_flow)
			continue;
		if (memcmp(hdr, hdr2, LSW_ENCAP_HLEN) ||
		    memcmp(hdr + LSW_ENCAP_HLEN, hdr2 + LSW_ENCAP_HLEN,
			   hlen - LSW_ENCAP_HLEN))
			NAPI_GRO_CB(p)->same_flow = 0;
	}

	skb_gro_pull(skb, hlen);
	skb_gro_postpull_rcsum(skb, hdr, hlen);
	return call_gro_receive(eth_gro_receive, head, skb);
}

static struct sk_buff *lsw_gro_receive_vxlan(struct sock *sk,
					     struct list_head *head,
					     struct sk_buff *skb)
{
	unsigned int off = skb_gro_offset(skb);
	struct sk_buff *pp = NULL;
	const void *hdr;
	int flush = 1;

	hdr = skb_gro_header(skb, off + LSW_ENCAP_HLEN, off);
	if (hdr && lsw_vxlan_valid(hdr)) {
		pp = lsw_gro_inner(head, skb, hdr, LSW_ENCAP_HLEN);
		flush = 0;
	}

	skb_gro_flush_final(skb, pp, flush);
	return pp;
}

static struct sk_buff *lsw_gro_receive_geneve(struct sock *sk,
					      struct list_head *head,
					      struct sk_buff *skb)
{
	unsigned int off = skb_gro_offset(skb);
	struct sk_buff *pp = NULL;
	unsigned int hlen;
	const void *hdr;
	int flush = 1;
	u32 ovn;

	hdr = skb_gro_header(skb, off + LSW_ENCAP_HLEN, off);
	if (!hdr || !lsw_geneve_valid(hdr))
		goto out;

	/* The options too: whether one is critical, and the flow's. */
	hlen = lsw_geneve_hlen(hdr);
	if (hlen > LSW_ENCAP_HLEN) {
		hdr = skb_gro_header(skb, off + hlen, off);
		if (!hdr)
			goto out;
	}
	/* A switch without metadata would take it, or one with OVN's. */
	if (lsw_geneve_check(hdr, NULL, NULL) &&
	    lsw_geneve_check(hdr, &ovn, NULL))
		goto out;

	pp = lsw_gro_inner(head, skb, hdr, hlen);
	flush = 0;
out:
	skb_gro_flush_final(skb, pp, flush);
	return pp;
}

/*
 * udp_gro_complete() made the merged packet a UDP tunnel GSO packet and
 * set skb->encapsulation; @nhoff is the tunnel header.  The inner frame,
 * after it, is where GSO will cut the packet up again, should it have to.
 */
static int lsw_gro_complete(struct sk_buff *skb, int nhoff, unsigned int hlen)
{
	skb_set_inner_mac_header(skb, nhoff + hlen);
	return eth_gro_complete(skb, nhoff + hlen);
}

static int lsw_gro_complete_vxlan(struct sock *sk, struct sk_buff *skb,
				  int nhoff)
{
	return lsw_gro_complete(skb, nhoff, LSW_ENCAP_HLEN);
}

static int lsw_gro_complete_geneve(struct sock *sk, struct sk_buff *skb,
				   int nhoff)
{
	return lsw_gro_complete(skb, nhoff, lsw_geneve_hlen(skb->data + nhoff));
}

/* The GRO callbacks of a socket of encapsulation @encap. */
void lsw_gro_setup(struct udp_tunnel_sock_cfg *cfg, u8 encap)
{
	if (encap == LSW_ENCAP_GENEVE) {
		cfg->gro_receive = lsw_gro_receive_geneve;
		cfg->gro_complete = lsw_gro_complete_geneve;
	} else {
		cfg->gro_receive = lsw_gro_receive_vxlan;
		cfg->gro_complete = lsw_gro_complete_vxlan;
	}
}
