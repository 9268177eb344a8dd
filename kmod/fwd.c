// SPDX-License-Identifier: GPL-2.0
/*
 * Switching: where a frame goes, for the three ways frames come in.
 *
 * - from a port (a VM's tap or veth), through the port's rx handler;
 * - from the host, through the lsw device's ndo_start_xmit: the device's
 *   own interface is the host's port on the switch;
 * - from the underlay, decapsulated by rcv.c.
 *
 * A unicast frame whose destination MAC is in the MAC table goes to that
 * entry's local port, or encapsulated to its VTEP.  Any other frame
 * (broadcast, multicast, unknown unicast) is flooded: one copy to every
 * local port but the one it came from, the host's port included, and one
 * encapsulated copy to every VTEP of the VTEP table (head-end
 * replication), or to those of this host's segment and one proxy of each
 * other segment (two-tier replication, repl.c), or one to the switch's
 * underlay multicast group (multicast replication), or one to the group
 * and one to the proxy of each other segment (hybrid).  Split horizon: a frame
 * from the underlay never goes back to it, since the VTEP that sent it
 * replicated it to the others itself; a proxy's copies (repl.c) are the
 * one exception, made before the frame is switched here.
 *
 * With OVN metadata, a frame to the underlay carries the OVN keys of the
 * port it came from and of where it goes: the remote MAC entry's, or
 * OVN's multicast group of flooded frames (_MC_flood for broadcast and
 * multicast, _MC_unknown for unknown unicast).  Without both keys it
 * does not go (the other copies of a flooded frame do).  A frame from
 * the underlay for one port (its egress key is that port's) goes to that
 * port, whatever its destination MAC.
 *
 * A unicast frame from a local port to a MAC address the table lacks is
 * a miss, announced to a controller (miss.c) and flooded: once the
 * controller sets the entry, the next frame goes straight to its VTEP.
 *
 * Everything runs under RCU and takes no lock; a frame's source MAC is
 * learned on the way in, when learning is on.
 */

#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/rculist.h>

#include "lsw.h"

/* A port frames may go out of: up, and not on its way out of the switch. */
static bool lsw_port_up(const struct lsw_port *port)
{
	return netif_running(port->dev) && !READ_ONCE(port->dead);
}

/*
 * Hand a frame to a local port: out of the enslaved device, or up the
 * lsw device's stack for the host's port.  skb->data is at the Ethernet
 * header, and a CHECKSUM_COMPLETE sum covers it.
 */
void lsw_fwd_local(struct lsw_dev *lsw, struct sk_buff *skb,
		   struct lsw_port *port)
{
	int err;

	if (unlikely(rcu_access_pointer(port->psec)) &&
	    !lsw_psec_deliver(port, skb)) {
		lsw_stats_inc(lsw, LSW_STAT(DROP_NOT_OWNER));
		kfree_skb(skb);
		return;
	}

	if (port == &lsw->host_port) {
		/* eth_type_trans() tells the host what is not for it, but
		 * leaves what is as it found it: a port's frame may come
		 * marked as another host's.
		 */
		skb->pkt_type = PACKET_HOST;
		skb->protocol = eth_type_trans(skb, lsw->dev);
		skb_postpull_rcsum(skb, eth_hdr(skb), ETH_HLEN);
		/* GRO cells merge what the host receives, whatever it
		 * came from; they count their own drops.
		 */
		gro_cells_receive(&lsw->gro_cells, skb);
		return;
	}

	skb->dev = port->dev;
	/* A received sum means nothing on the way out, nor does the time
	 * a frame from the underlay arrived.
	 */
	skb_forward_csum(skb);
	skb_clear_tstamp(skb);
	err = dev_queue_xmit(skb);
	if (net_xmit_eval(err))
		lsw_stats_inc(lsw, LSW_STAT(DROP_TX_ERROR));
}

/* Count a frame that leaves for a local port, and send it. */
static void lsw_fwd_port(struct lsw_dev *lsw, struct sk_buff *skb,
			 struct lsw_port *port, struct lsw_port *in)
{
	/* Frames from the underlay count as received, once, in rcv.c. */
	if (in)
		lsw_stats_inc(lsw, LSW_STAT(LOCAL_PACKETS));
	lsw_fwd_local(lsw, skb, port);
}

/*
 * With OVN metadata, the option of a frame from @in to @egress in *@ovn:
 * false if either has no key.  Without, no option (0).
 */
static bool lsw_fwd_ovn(const struct lsw_dev *lsw, const struct lsw_port *in,
			u16 egress, u32 *ovn)
{
	u16 ingress;

	*ovn = 0;
	if (lsw->cfg.metadata != LSW_METADATA_OVN)
		return true;
	ingress = READ_ONCE(in->key);
	if (!ingress || !egress)
		return false;
	*ovn = lsw_ovn_opt(ingress, egress);
	return true;
}

/*
 * Flooding sends the frame itself to the last destination and a clone
 * to each of the others: a destination is kept pending until the next
 * one shows up.  One of port, vtep and group is set; marked: the copy to
 * vtep is for a proxy (repl.c); group: the copy goes to the switch's
 * underlay multicast group.  @ovn: OVN's option of the copies to the
 * underlay.
 */
struct lsw_flood {
	struct lsw_dev *lsw;
	struct lsw_port *in;
	struct lsw_port *port;
	struct lsw_vtep *vtep;
	bool group;
	bool marked;
	u32 ovn;
};

static bool lsw_flood_pending(const struct lsw_flood *fl)
{
	return fl->port || fl->vtep || fl->group;
}

static void lsw_flood_send(struct lsw_flood *fl, struct sk_buff *skb)
{
	struct lsw_dev *lsw = fl->lsw;

	if (fl->port) {
		lsw_fwd_port(lsw, skb, fl->port, fl->in);
		return;
	}
	lsw_stats_inc(lsw, LSW_STAT(BUM_COPIES));
	if (fl->group) {
		lsw_xmit(lsw, skb, &lsw->cfg.group, NULL, NULL, fl->ovn, false);
		return;
	}
	if (fl->marked)
		lsw_stats_inc(lsw, LSW_STAT(REPL_MARKED));
	lsw_xmit(lsw, skb, &fl->vtep->ip, fl->vtep, NULL, fl->ovn,
		 fl->marked);
}

/* @port, @vtep, or (both NULL) the group is the next destination. */
static void lsw_flood_next(struct lsw_flood *fl, struct sk_buff *skb,
			   struct lsw_port *port, struct lsw_vtep *vtep,
			   bool marked)
{
	struct sk_buff *copy;

	if (lsw_flood_pending(fl)) {
		copy = skb_clone(skb, GFP_ATOMIC);
		if (copy)
			lsw_flood_send(fl, copy);
		else
			lsw_stats_inc(fl->lsw, LSW_STAT(DROP_NOMEM));
	}
	fl->port = port;
	fl->vtep = vtep;
	fl->group = !port && !vtep;
	fl->marked = marked;
}

static void lsw_flood(struct lsw_dev *lsw, struct sk_buff *skb,
		      struct lsw_port *in)
{
	struct lsw_flood fl = { .lsw = lsw, .in = in };
	u8 mode = READ_ONCE(lsw->cfg.replication);
	bool to_group = in && (mode == LSW_REPLICATION_MULTICAST ||
			       mode == LSW_REPLICATION_HYBRID);
	bool to_vteps = in && mode != LSW_REPLICATION_MULTICAST &&
			!list_empty(&lsw->vtep_list);
	bool withheld = false, marked;
	struct lsw_port *port;
	struct lsw_vtep *vtep;
	u16 group;

	if (to_vteps || to_group) {
		group = is_multicast_ether_addr(eth_hdr(skb)->h_dest) ?
			LSW_OVN_MC_FLOOD : LSW_OVN_MC_UNKNOWN;
		/* No copy to the underlay then, and one drop for them. */
		if (!lsw_fwd_ovn(lsw, in, group, &fl.ovn)) {
			lsw_stats_inc(lsw, LSW_STAT(DROP_NO_KEY));
			withheld = true;
			to_vteps = false;
			to_group = false;
		}
	}

	/* Every copy to a VTEP hashes the inner flow for its UDP source
	 * port: hash it once, here, and the clones inherit the hash
	 * instead of dissecting the frame again each.
	 */
	if (to_vteps || to_group)
		skb_get_hash(skb);

	list_for_each_entry_rcu(port, &lsw->ports, list)
		if (port != in && lsw_port_up(port))
			lsw_flood_next(&fl, skb, port, NULL, false);

	if (in != &lsw->host_port)
		lsw_flood_next(&fl, skb, &lsw->host_port, NULL, false);

	if (to_vteps)
		list_for_each_entry_rcu(vtep, &lsw->vtep_list, list)
			if (lsw_repl_copy(lsw, mode, vtep, &marked))
				lsw_flood_next(&fl, skb, NULL, vtep, marked);
	if (to_group)
		lsw_flood_next(&fl, skb, NULL, NULL, false);

	if (lsw_flood_pending(&fl)) {
		lsw_flood_send(&fl, skb);
		return;
	}
	/* Counted once: a frame withheld from the underlay was already. */
	if (!withheld)
		lsw_stats_inc(lsw, LSW_STAT(DROP_NO_DEST));
	kfree_skb(skb);
}

/*
 * Switch a frame that came in from @in (NULL: the underlay), its source
 * MAC learned already.  skb->data is at the Ethernet header.
 */
static void lsw_fwd(struct lsw_dev *lsw, struct sk_buff *skb,
		    struct lsw_port *in)
{
	const u8 *dest = eth_hdr(skb)->h_dest;
	struct lsw_mac *mac;
	unsigned int why;
	u32 ovn;

	if (!is_unicast_ether_addr(dest))
		goto flood;
	mac = lsw_mac_lookup(lsw, dest);
	if (!mac) {
		if (in)
			lsw_miss_mac(lsw, dest, in);
		goto flood;
	}

	if (mac->port) {
		if (mac->port == in) {
			why = LSW_STAT(DROP_LOOP);
			goto drop;
		}
		/* The host's port is up as long as the switch is. */
		if (mac->port != &lsw->host_port && !lsw_port_up(mac->port)) {
			why = LSW_STAT(DROP_DOWN);
			goto drop;
		}
		lsw_fwd_port(lsw, skb, mac->port, in);
		return;
	}

	/* Split horizon: what a VTEP sent never goes back to the underlay. */
	if (!in) {
		why = LSW_STAT(DROP_LOOP);
		goto drop;
	}
	if (!lsw_fwd_ovn(lsw, in, mac->key, &ovn)) {
		why = LSW_STAT(DROP_NO_KEY);
		goto drop;
	}
	lsw_xmit(lsw, skb, &mac->vtep, lsw_vtep_lookup(lsw, &mac->vtep), in,
		 ovn, false);
	return;

flood:
	lsw_flood(lsw, skb, in);
	return;

drop:
	lsw_stats_inc(lsw, why);
	kfree_skb(skb);
}

/*
 * What every local frame goes through before switching: a valid source
 * MAC, the port's security (or the switch's trust on first use) before
 * anything is learned from it, then learned on the port it came from.
 */
static void lsw_fwd_in(struct lsw_dev *lsw, struct sk_buff *skb,
		       struct lsw_port *in)
{
	const u8 *src = eth_hdr(skb)->h_source;
	unsigned int why;

	if (unlikely(!is_valid_ether_addr(src))) {
		lsw_stats_inc(lsw, LSW_STAT(DROP_SRC_MAC));
		kfree_skb(skb);
		return;
	}
	if (unlikely(rcu_access_pointer(in->psec) ||
		     READ_ONCE(lsw->cfg.ip_tofu))) {
		why = lsw_psec_rcv(lsw, skb, in);
		if (why) {
			lsw_stats_inc(lsw, why);
			lsw_miss_refused(lsw, src, in, why);
			kfree_skb(skb);
			return;
		}
	}
	lsw_mac_learn(lsw, src, in, NULL, 0);
	/* An ARP request or neighbour solicitation the switch answered
	 * itself goes no further: not to the other ports, not over the
	 * underlay.  One it holds goes on later (hold.c).
	 */
	switch (lsw_neigh_snoop(lsw, skb, in, false)) {
	case LSW_SNOOP_ANSWERED:
		consume_skb(skb);
		return;
	case LSW_SNOOP_HELD:
		return;
	case LSW_SNOOP_PASS:
		break;
	}
	lsw_fwd(lsw, skb, in);
}

/*
 * A request the switch held for a controller's answer, from the port
 * @in it came from (hold.c), under RCU with BH off: answered now if the
 * answer came, switched (flooded) as it would have been at first if not.
 * Its source MAC was learned when it came in.  Consumes the skb.
 */
void lsw_fwd_held(struct lsw_dev *lsw, struct sk_buff *skb,
		  struct lsw_port *in)
{
	if (unlikely(!netif_running(lsw->dev))) {
		lsw_stats_inc(lsw, LSW_STAT(DROP_DOWN));
		kfree_skb(skb);
		return;
	}
	if (lsw_neigh_snoop(lsw, skb, in, true) == LSW_SNOOP_ANSWERED) {
		consume_skb(skb);
		return;
	}
	lsw_fwd(lsw, skb, in);
}

/*
 * The largest frame a port may send, past its Ethernet header: the
 * switch's MTU, and an 802.1Q tag that is still in the packet.  A GSO
 * frame is as large as the segments it will be cut into.
 */
static bool lsw_fwd_fits(const struct lsw_dev *lsw, const struct sk_buff *skb)
{
	unsigned int mtu = READ_ONCE(lsw->dev->mtu);

	if (eth_type_vlan(skb->protocol))
		mtu += VLAN_HLEN;
	if (skb_is_gso(skb))
		return skb_gso_validate_network_len(skb, mtu);
	return skb->len <= mtu;
}

/*
 * A frame a port received, from its rx handler: skb->data is past the
 * Ethernet header, skb->dev is the port.  Consumes the skb.
 */
void lsw_fwd_from_port(struct lsw_port *port, struct sk_buff *skb)
{
	struct lsw_dev *lsw = port->lsw;
	unsigned int why;

	if (unlikely(!netif_running(lsw->dev))) {
		why = LSW_STAT(DROP_DOWN);
		goto drop;
	}
	if (unlikely(!lsw_fwd_fits(lsw, skb))) {
		why = LSW_STAT(DROP_MTU);
		goto drop;
	}

	/* From here on, a frame is switched whole, Ethernet header and
	 * all; the L3 header follows it, for encapsulation.  The time it
	 * arrived at the port is of no use past the switch, and fq would
	 * take it for a departure time.
	 */
	skb_clear_tstamp(skb);
	skb_push_rcsum(skb, ETH_HLEN);
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	skb_reset_mac_len(skb);

	lsw_fwd_in(lsw, skb, port);
	return;

drop:
	lsw_stats_inc(lsw, why);
	kfree_skb(skb);
}

/*
 * A frame the host sends through the lsw device, from ndo_start_xmit:
 * skb->data is at its Ethernet header.  Consumes the skb.
 */
void lsw_fwd_from_host(struct lsw_dev *lsw, struct sk_buff *skb)
{
	if (unlikely(!pskb_may_pull(skb, ETH_HLEN))) {
		lsw_stats_inc(lsw, LSW_STAT(DROP_RUNT));
		kfree_skb(skb);
		return;
	}
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	skb_reset_mac_len(skb);

	rcu_read_lock();
	lsw_fwd_in(lsw, skb, &lsw->host_port);
	rcu_read_unlock();
}

/*
 * A frame decapsulated from the underlay, validated and learned by
 * rcv.c: skb->data is at its Ethernet header.  Consumes the skb.
 */
void lsw_fwd_from_underlay(struct lsw_dev *lsw, struct sk_buff *skb)
{
	lsw_fwd(lsw, skb, NULL);
}

/*
 * The same, for a frame the sender addressed to @port, the local port of
 * its OVN egress key: it goes there or nowhere.
 */
void lsw_fwd_to_port(struct lsw_dev *lsw, struct sk_buff *skb,
		     struct lsw_port *port)
{
	/* The host's port is up as long as the switch is. */
	if (port != &lsw->host_port && !lsw_port_up(port)) {
		lsw_stats_inc(lsw, LSW_STAT(DROP_DOWN));
		kfree_skb(skb);
		return;
	}
	lsw_fwd_port(lsw, skb, port, NULL);
}
