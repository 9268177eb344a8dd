// SPDX-License-Identifier: GPL-2.0
/*
 * ARP/ND snooping and suppression: what the switch learns about VM
 * addresses from the frames its local ports send, and how it answers a
 * VM's ARP request or neighbour solicitation itself, so that the request
 * never crosses the underlay (the NSX "ARP suppression" design).
 *
 * Learning sources: ARP requests and replies (gratuitous ones included),
 * IPv6 neighbour solicitations and advertisements, DHCP acknowledgements.
 * Probes that carry no address yet (ARP with sender IP 0.0.0.0, DAD
 * solicitations from ::) teach nothing.  Frames from the underlay are
 * never snooped nor answered: a remote VTEP cannot make this host speak
 * for anybody.
 *
 * A request for an address the table lacks is a miss: announced to a
 * controller (miss.c), and maybe held for its answer (hold.c).  A held
 * request comes back here once answered or expired, as a replay, which
 * neither learns nor misses again.
 *
 * Everything here runs in the datapath, under RCU, and only reads the
 * frame it is given, unless it holds it; answers are new frames.
 */

#include <linux/etherdevice.h>
#include <linux/icmpv6.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/addrconf.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "lsw.h"

/* An Ethernet ARP payload for IPv4, as it sits in the frame. */
struct lsw_arp_eth {
	struct arphdr hdr;
	u8 sha[ETH_ALEN];
	__be32 sip;
	u8 tha[ETH_ALEN];
	__be32 tip;
} __packed;

/* A neighbour advertisement with its target link-layer address option. */
struct lsw_na {
	struct nd_msg msg;
	u8 opt_type;
	u8 opt_len;
	u8 lladdr[ETH_ALEN];
} __packed;

/* DHCP (RFC 2131) message, up to the options. */
#define LSW_DHCP_OP		0
#define LSW_DHCP_YIADDR		16
#define LSW_DHCP_CHADDR		28
#define LSW_DHCP_COOKIE		236
#define LSW_DHCP_OPTIONS	240
#define LSW_DHCP_MAGIC		0x63825363
#define LSW_DHCP_OPT_PAD	0
#define LSW_DHCP_OPT_MSGTYPE	53
#define LSW_DHCP_OPT_END	255
#define LSW_DHCP_ACK		5
#define LSW_DHCP_SERVER_PORT	67
#define LSW_DHCP_CLIENT_PORT	68
#define LSW_BOOTREPLY		2

/* Port security (psec.c) parses frames as snooping does. */
bool lsw_frame_parse(const struct sk_buff *skb, struct lsw_frame *f)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	struct vlan_hdr _vh;
	const struct vlan_hdr *vh;

	f->proto = eth->h_proto;
	f->off = ETH_HLEN;
	f->tagged = false;
	if (skb_vlan_tag_present(skb)) {
		f->tagged = true;
		f->vlan_proto = skb->vlan_proto;
		f->vlan_tci = skb_vlan_tag_get(skb);
	} else if (eth_type_vlan(f->proto)) {
		vh = skb_header_pointer(skb, ETH_HLEN, sizeof(_vh), &_vh);
		if (!vh)
			return false;
		f->tagged = true;
		f->vlan_proto = f->proto;
		f->vlan_tci = ntohs(vh->h_vlan_TCI);
		f->proto = vh->h_vlan_encapsulated_proto;
		f->off += VLAN_HLEN;
	}
	return true;
}

void lsw_neigh_key4(struct lsw_neigh_key *key, __be32 ip)
{
	memset(key, 0, sizeof(*key));
	key->family = AF_INET;
	key->ip.ip4 = ip;
}

void lsw_neigh_key6(struct lsw_neigh_key *key, const struct in6_addr *ip)
{
	memset(key, 0, sizeof(*key));
	key->family = AF_INET6;
	key->ip.ip6 = *ip;
}

static bool lsw_ip4_usable(__be32 ip)
{
	return !ipv4_is_zeronet(ip) && !ipv4_is_multicast(ip) &&
	       !ipv4_is_lbcast(ip) && !ipv4_is_loopback(ip);
}

static bool lsw_ip6_usable(const struct in6_addr *ip)
{
	return !ipv6_addr_any(ip) && !ipv6_addr_is_multicast(ip) &&
	       !ipv6_addr_loopback(ip);
}

/*
 * A new frame for the asker: Ethernet header from @src to @dst, the
 * asker's VLAN tag if it had one, room for @len bytes of payload.
 */
static struct sk_buff *lsw_answer_alloc(struct net_device *dev,
					const struct lsw_frame *f,
					const u8 *dst, const u8 *src,
					__be16 proto, unsigned int len)
{
	struct sk_buff *skb;
	struct ethhdr *eth;

	skb = netdev_alloc_skb_ip_align(dev, ETH_HLEN + len);
	if (!skb)
		return NULL;
	skb_reset_mac_header(skb);
	eth = skb_put(skb, ETH_HLEN);
	ether_addr_copy(eth->h_dest, dst);
	ether_addr_copy(eth->h_source, src);
	eth->h_proto = proto;
	skb_set_network_header(skb, ETH_HLEN);
	skb->protocol = proto;
	skb->dev = dev;
	if (f->tagged)
		__vlan_hwaccel_put_tag(skb, f->vlan_proto, f->vlan_tci);
	return skb;
}

/*
 * A request for @key, which the ARP/ND table lacks: a miss, announced
 * and maybe held, or flooded (counted here).  A unicast request (a VM
 * confirming a neighbour it knows) is never held: it goes where it is
 * sent, and holding it would only delay it.
 */
static enum lsw_snoop lsw_neigh_miss(struct lsw_dev *lsw, struct sk_buff *skb,
				     struct lsw_port *port,
				     const struct lsw_neigh_key *key,
				     bool replay)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;

	if (!replay && lsw_miss_neigh(lsw, key, port) &&
	    is_multicast_ether_addr(eth->h_dest) &&
	    lsw_hold(lsw, skb, key, port))
		return LSW_SNOOP_HELD;
	lsw_stats_inc(lsw, LSW_STAT(ARP_MISSED));
	return LSW_SNOOP_PASS;
}

/* Hand an answer to the port that asked, and count it. */
static void lsw_answer_send(struct lsw_dev *lsw, struct lsw_port *port,
			    struct sk_buff *skb)
{
	lsw_fwd_local(lsw, skb, port);
	lsw_stats_inc(lsw, LSW_STAT(ARP_SUPPRESSED));
}

static enum lsw_snoop lsw_arp_snoop(struct lsw_dev *lsw, struct sk_buff *skb,
				    struct lsw_port *port,
				    const struct lsw_frame *f, bool replay)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	struct lsw_arp_eth _arp, *ans_arp;
	const struct lsw_arp_eth *arp;
	struct lsw_neigh_key key;
	struct lsw_neigh *n;
	struct sk_buff *ans;

	arp = skb_header_pointer(skb, f->off, sizeof(_arp), &_arp);
	if (!arp || arp->hdr.ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->hdr.ar_pro != htons(ETH_P_IP) ||
	    arp->hdr.ar_hln != ETH_ALEN || arp->hdr.ar_pln != 4)
		return LSW_SNOOP_PASS;
	if (arp->hdr.ar_op != htons(ARPOP_REQUEST) &&
	    arp->hdr.ar_op != htons(ARPOP_REPLY))
		return LSW_SNOOP_PASS;

	/* Requests, replies and gratuitous ARP all tell where the sender
	 * is; a probe (sender 0.0.0.0) does not.
	 */
	if (!replay && lsw_ip4_usable(arp->sip) &&
	    is_valid_ether_addr(arp->sha)) {
		lsw_neigh_key4(&key, arp->sip);
		lsw_neigh_learn(lsw, &key, arp->sha);
	}

	if (arp->hdr.ar_op != htons(ARPOP_REQUEST) ||
	    !READ_ONCE(lsw->cfg.arp_suppress) ||
	    !lsw_ip4_usable(arp->tip) || arp->sip == arp->tip)
		return LSW_SNOOP_PASS;

	lsw_neigh_key4(&key, arp->tip);
	n = lsw_neigh_lookup(lsw, &key);
	if (!n)
		return lsw_neigh_miss(lsw, skb, port, &key, replay);
	/* A VM asking about its own address (duplicate detection): let the
	 * request go its way.
	 */
	if (ether_addr_equal(n->mac, arp->sha)) {
		lsw_stats_inc(lsw, LSW_STAT(ARP_MISSED));
		return LSW_SNOOP_PASS;
	}

	ans = lsw_answer_alloc(port->dev, f, eth->h_source, n->mac,
			       htons(ETH_P_ARP), sizeof(*ans_arp));
	if (!ans) {
		lsw_stats_inc(lsw, LSW_STAT(DROP_NOMEM));
		return LSW_SNOOP_PASS;
	}
	ans_arp = skb_put(ans, sizeof(*ans_arp));
	ans_arp->hdr = arp->hdr;
	ans_arp->hdr.ar_op = htons(ARPOP_REPLY);
	ether_addr_copy(ans_arp->sha, n->mac);
	ans_arp->sip = arp->tip;
	ether_addr_copy(ans_arp->tha, arp->sha);
	ans_arp->tip = arp->sip;
	lsw_answer_send(lsw, port, ans);
	return LSW_SNOOP_ANSWERED;
}

/*
 * The link-layer address option @type of a neighbour discovery message
 * whose options run from @off to @end: NULL in *@lladdr if there is none.
 * False if the options are malformed (RFC 4861 section 7.1: a receiver
 * discards a message with an option of length zero; an option may not
 * run past the message, nor an Ethernet link-layer address option be
 * longer than one unit), and the message then teaches nothing.
 */
bool lsw_nd_opts(const struct sk_buff *skb, int off, int end, u8 type,
		 u8 *buf, const u8 **lladdr)
{
	struct nd_opt_hdr _opt;
	const struct nd_opt_hdr *opt;
	int len;

	*lladdr = NULL;
	while (off < end) {
		opt = skb_header_pointer(skb, off, sizeof(_opt), &_opt);
		if (!opt || !opt->nd_opt_len)
			return false;
		len = opt->nd_opt_len * 8;
		if (len > end - off)
			return false;
		if (opt->nd_opt_type == type) {
			if (len != 8)
				return false;
			*lladdr = skb_header_pointer(skb, off + sizeof(_opt),
						     ETH_ALEN, buf);
		}
		off += len;
	}
	return true;
}

/*
 * Whether the @len bytes from @off, under the pseudo-header the rest
 * gives, sum to zero.  A sum the sender leaves to the device, or one a
 * device already checked, is taken as good: only what a VM sent complete
 * is verified.
 */
static bool lsw_l4_csum_ok(const struct sk_buff *skb, int off, int len,
			   u8 proto, const void *saddr, const void *daddr,
			   int family)
{
	__wsum sum;

	if (skb->ip_summed == CHECKSUM_PARTIAL ||
	    skb->ip_summed == CHECKSUM_UNNECESSARY)
		return true;
	sum = skb_checksum(skb, off, len, 0);
	if (family == AF_INET6)
		return !csum_ipv6_magic(saddr, daddr, len, proto, sum);
	return !csum_tcpudp_magic(*(const __be32 *)saddr,
				  *(const __be32 *)daddr, len, proto, sum);
}

static void lsw_nd_answer(struct lsw_dev *lsw, struct sk_buff *skb,
			  struct lsw_port *port, const struct lsw_frame *f,
			  const struct ipv6hdr *ip6, const struct nd_msg *ns,
			  const u8 *mac)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	struct ipv6hdr *aip6;
	struct sk_buff *ans;
	struct lsw_na *na;

	ans = lsw_answer_alloc(port->dev, f, eth->h_source, mac,
			       htons(ETH_P_IPV6), sizeof(*aip6) + sizeof(*na));
	if (!ans) {
		lsw_stats_inc(lsw, LSW_STAT(DROP_NOMEM));
		return;
	}
	aip6 = skb_put(ans, sizeof(*aip6));
	ip6_flow_hdr(aip6, 0, 0);
	aip6->payload_len = htons(sizeof(*na));
	aip6->nexthdr = IPPROTO_ICMPV6;
	aip6->hop_limit = 255;
	aip6->saddr = ns->target;
	aip6->daddr = ip6->saddr;

	na = skb_put_zero(ans, sizeof(*na));
	na->msg.icmph.icmp6_type = NDISC_NEIGHBOUR_ADVERTISEMENT;
	na->msg.icmph.icmp6_solicited = 1;
	na->msg.icmph.icmp6_override = 1;
	na->msg.target = ns->target;
	na->opt_type = ND_OPT_TARGET_LL_ADDR;
	na->opt_len = 1;
	ether_addr_copy(na->lladdr, mac);
	na->msg.icmph.icmp6_cksum =
		csum_ipv6_magic(&aip6->saddr, &aip6->daddr, sizeof(*na),
				IPPROTO_ICMPV6,
				csum_partial(na, sizeof(*na), 0));
	lsw_answer_send(lsw, port, ans);
}

static enum lsw_snoop lsw_nd_snoop(struct lsw_dev *lsw, struct sk_buff *skb,
				   struct lsw_port *port,
				   const struct lsw_frame *f, bool replay)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	const struct ipv6hdr *ip6;
	struct ipv6hdr _ip6;
	const struct nd_msg *nd;
	struct nd_msg _nd;
	struct lsw_neigh_key key;
	const u8 *lladdr;
	u8 buf[ETH_ALEN];
	struct lsw_neigh *n;
	int off, end;

	ip6 = skb_header_pointer(skb, f->off, sizeof(_ip6), &_ip6);
	/* Neighbour discovery is ICMPv6 right after the IPv6 header, with
	 * the hop limit no router can have touched (RFC 4861).
	 */
	if (!ip6 || ip6->version != 6 || ip6->nexthdr != IPPROTO_ICMPV6 ||
	    ip6->hop_limit != 255)
		return LSW_SNOOP_PASS;
	off = f->off + sizeof(*ip6);
	end = off + ntohs(ip6->payload_len);
	if (end > (int)skb->len || end - off < (int)sizeof(_nd))
		return LSW_SNOOP_PASS;
	nd = skb_header_pointer(skb, off, sizeof(_nd), &_nd);
	if (!nd || nd->icmph.icmp6_code)
		return LSW_SNOOP_PASS;
	if (nd->icmph.icmp6_type != NDISC_NEIGHBOUR_SOLICITATION &&
	    nd->icmph.icmp6_type != NDISC_NEIGHBOUR_ADVERTISEMENT)
		return LSW_SNOOP_PASS;
	/* What the host's own ndisc would drop teaches the switch nothing:
	 * a bad checksum, malformed options.
	 */
	if (!lsw_l4_csum_ok(skb, off, end - off, IPPROTO_ICMPV6,
			    &ip6->saddr, &ip6->daddr, AF_INET6) ||
	    !lsw_nd_opts(skb, off + sizeof(_nd), end,
			 nd->icmph.icmp6_type == NDISC_NEIGHBOUR_SOLICITATION ?
			 ND_OPT_SOURCE_LL_ADDR : ND_OPT_TARGET_LL_ADDR,
			 buf, &lladdr))
		return LSW_SNOOP_PASS;

	switch (nd->icmph.icmp6_type) {
	case NDISC_NEIGHBOUR_SOLICITATION:
		/* Duplicate address detection (from ::) claims nothing. */
		if (ipv6_addr_any(&ip6->saddr))
			return LSW_SNOOP_PASS;
		if (!replay && lsw_ip6_usable(&ip6->saddr)) {
			lsw_neigh_key6(&key, &ip6->saddr);
			lsw_neigh_learn(lsw, &key, lladdr ?: eth->h_source);
		}
		if (!READ_ONCE(lsw->cfg.arp_suppress) ||
		    !lsw_ip6_usable(&nd->target))
			return LSW_SNOOP_PASS;
		lsw_neigh_key6(&key, &nd->target);
		n = lsw_neigh_lookup(lsw, &key);
		if (!n)
			return lsw_neigh_miss(lsw, skb, port, &key, replay);
		if (ether_addr_equal(n->mac, eth->h_source)) {
			lsw_stats_inc(lsw, LSW_STAT(ARP_MISSED));
			return LSW_SNOOP_PASS;
		}
		lsw_nd_answer(lsw, skb, port, f, ip6, nd, n->mac);
		return LSW_SNOOP_ANSWERED;

	case NDISC_NEIGHBOUR_ADVERTISEMENT:
		if (!replay && lsw_ip6_usable(&nd->target)) {
			lsw_neigh_key6(&key, &nd->target);
			lsw_neigh_learn(lsw, &key, lladdr ?: eth->h_source);
		}
		return LSW_SNOOP_PASS;
	}
	return LSW_SNOOP_PASS;
}

/* The DHCP message type of the options from @off, or 0. */
static u8 lsw_dhcp_type(const struct sk_buff *skb, int off, int end)
{
	u8 _opt[3];
	const u8 *opt;

	while (off < end) {
		opt = skb_header_pointer(skb, off, 1, _opt);
		if (!opt || *opt == LSW_DHCP_OPT_END)
			return 0;
		if (*opt == LSW_DHCP_OPT_PAD) {
			off++;
			continue;
		}
		opt = skb_header_pointer(skb, off, sizeof(_opt), _opt);
		if (!opt)
			return 0;
		if (opt[0] == LSW_DHCP_OPT_MSGTYPE && opt[1] == 1)
			return opt[2];
		off += 2 + opt[1];
	}
	return 0;
}

/* A DHCP server on a local port acknowledges a lease: IP -> client. */
static void lsw_dhcp_snoop(struct lsw_dev *lsw, struct sk_buff *skb,
			   const struct lsw_frame *f)
{
	const struct iphdr *iph;
	const struct udphdr *uh;
	struct iphdr _iph;
	struct udphdr _uh;
	struct lsw_neigh_key key;
	u8 _chaddr[ETH_ALEN];
	const u8 *chaddr;
	__be32 _w, *w;
	int off, end;
	u8 _b, *b;

	iph = skb_header_pointer(skb, f->off, sizeof(_iph), &_iph);
	if (!iph || iph->version != 4 || iph->ihl < 5 ||
	    iph->protocol != IPPROTO_UDP || ip_is_fragment(iph))
		return;
	off = f->off + iph->ihl * 4;
	end = f->off + ntohs(iph->tot_len);
	if (end > (int)skb->len || end - off < (int)sizeof(_uh))
		return;
	uh = skb_header_pointer(skb, off, sizeof(_uh), &_uh);
	if (!uh || uh->source != htons(LSW_DHCP_SERVER_PORT) ||
	    uh->dest != htons(LSW_DHCP_CLIENT_PORT))
		return;
	/* As for neighbour discovery: nothing the client's stack would
	 * drop, a bad header or UDP checksum (zero: none) among it.
	 */
	if (ntohs(uh->len) < sizeof(_uh) || ntohs(uh->len) > end - off)
		return;
	end = off + ntohs(uh->len);
	if (csum_fold(skb_checksum(skb, f->off, iph->ihl * 4, 0)))
		return;
	if (uh->check && !lsw_l4_csum_ok(skb, off, end - off, IPPROTO_UDP,
					 &iph->saddr, &iph->daddr, AF_INET))
		return;
	off += sizeof(_uh);
	if (end - off < LSW_DHCP_OPTIONS)
		return;

	b = skb_header_pointer(skb, off + LSW_DHCP_OP, 1, &_b);
	w = skb_header_pointer(skb, off + LSW_DHCP_COOKIE, 4, &_w);
	if (!b || *b != LSW_BOOTREPLY || !w || *w != htonl(LSW_DHCP_MAGIC))
		return;
	if (lsw_dhcp_type(skb, off + LSW_DHCP_OPTIONS, end) != LSW_DHCP_ACK)
		return;
	w = skb_header_pointer(skb, off + LSW_DHCP_YIADDR, 4, &_w);
	chaddr = skb_header_pointer(skb, off + LSW_DHCP_CHADDR, ETH_ALEN,
				    _chaddr);
	if (!w || !chaddr || !lsw_ip4_usable(*w) || !is_valid_ether_addr(chaddr))
		return;
	lsw_neigh_key4(&key, *w);
	lsw_neigh_learn(lsw, &key, chaddr);
}

/**
 * lsw_neigh_snoop - learn from, and maybe answer, a frame a local port sent
 * @lsw: the switch
 * @skb: the frame, skb->data at its Ethernet header; only read, unless
 *	held
 * @port: the port it came from (an enslaved device or lsw->host_port)
 * @replay: @skb is a held request that comes back (hold.c): answer it if
 *	its address is known now, but neither learn from it again, nor
 *	announce or hold it again
 *
 * Called under RCU, with BH off, for every frame from a local port,
 * before switching.
 *
 * Return: LSW_SNOOP_ANSWERED if the frame was an ARP request or neighbour
 * solicitation that has been answered: the caller drops it instead of
 * switching it; LSW_SNOOP_HELD if the switch holds it for a controller's
 * answer (never for a replay); LSW_SNOOP_PASS otherwise.
 */
enum lsw_snoop lsw_neigh_snoop(struct lsw_dev *lsw, struct sk_buff *skb,
			       struct lsw_port *port, bool replay)
{
	struct lsw_frame f;

	if (skb->len < ETH_HLEN || !lsw_frame_parse(skb, &f))
		return LSW_SNOOP_PASS;

	switch (f.proto) {
	case htons(ETH_P_ARP):
		return lsw_arp_snoop(lsw, skb, port, &f, replay);
	case htons(ETH_P_IPV6):
		return lsw_nd_snoop(lsw, skb, port, &f, replay);
	case htons(ETH_P_IP):
		if (!replay)
			lsw_dhcp_snoop(lsw, skb, &f);
		return LSW_SNOOP_PASS;
	}
	return LSW_SNOOP_PASS;
}
