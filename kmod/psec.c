// SPDX-License-Identifier: GPL-2.0
/*
 * Port security: a VM sends from its own addresses only, and cannot
 * teach the switch (or the other VMs) that another VM's address is its.
 *
 * A port's list of allowed addresses (in the spirit of OVN's
 * port_security and OpenStack's allowed address pairs) is checked on
 * every frame the port sends, before the switch learns, snoops or
 * answers anything from it: its source MAC, the source address of its
 * IPv4 and IPv6 packets, the addresses its ARP and neighbour discovery
 * packets claim, and the DHCP server messages it may not send.  The list
 * sits behind an RCU pointer on the port, replaced whole by a controller
 * (PORT_SET, under RTNL): a port without one costs the datapath one
 * pointer test.
 *
 * Trust on first use (IFLA_LSW_IP_TOFU, NSX SpoofGuard's policy) is for
 * the ports without a list: the switch's ARP/ND entry of an address and
 * the MAC entry it points to are the address's binding to a port, made
 * by the first port that claimed it, and a claim from any other port is
 * refused until the binding ages or a controller moves it.
 */

#include <linux/etherdevice.h>
#include <linux/icmpv6.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/inetdevice.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include <net/netlink.h>

#include "lsw.h"
#include "netlink-gen.h"

#define LSW_PSEC_DHCP_SERVER_PORT	67
#define LSW_PSEC_DHCP_CLIENT_PORT	68
#define LSW_PSEC_DHCP6_CLIENT_PORT	546
#define LSW_PSEC_DHCP6_SERVER_PORT	547

/* One allowed address of a request, into @a. */
static int lsw_psec_parse_addr(const struct nlattr *nest,
			       struct lsw_psec_addr *a,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[LSW_PSEC_ADDR_A_MAX + 1];
	struct in6_addr pfx;
	int err;

	err = nla_parse_nested(tb, LSW_PSEC_ADDR_A_MAX, nest,
			       lsw_psec_addr_nl_policy, extack);
	if (err)
		return err;
	if (!tb[LSW_PSEC_ADDR_A_MAC]) {
		NL_SET_ERR_ATTR_MISS(extack, nest, LSW_PSEC_ADDR_A_MAC);
		NL_SET_ERR_MSG_MOD(extack, "Missing MAC address of an allowed address");
		return -EINVAL;
	}
	nla_memcpy(a->mac, tb[LSW_PSEC_ADDR_A_MAC], ETH_ALEN);
	if (!is_valid_ether_addr(a->mac)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[LSW_PSEC_ADDR_A_MAC],
				    "Allowed MAC address must be unicast");
		return -EINVAL;
	}

	if (tb[LSW_PSEC_ADDR_A_IP_PLEN] && !tb[LSW_PSEC_ADDR_A_IP]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[LSW_PSEC_ADDR_A_IP_PLEN],
				    "IPv4 prefix length without an address");
		return -EINVAL;
	}
	if (tb[LSW_PSEC_ADDR_A_IP]) {
		a->has |= LSW_PSEC_HAS_IP;
		a->ip = nla_get_in_addr(tb[LSW_PSEC_ADDR_A_IP]);
		a->plen = tb[LSW_PSEC_ADDR_A_IP_PLEN] ?
			  nla_get_u8(tb[LSW_PSEC_ADDR_A_IP_PLEN]) : 32;
		if (a->ip & ~inet_make_mask(a->plen)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[LSW_PSEC_ADDR_A_IP],
					    "IPv4 prefix has host bits set");
			return -EINVAL;
		}
	}

	if (tb[LSW_PSEC_ADDR_A_IP6_PLEN] && !tb[LSW_PSEC_ADDR_A_IP6]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[LSW_PSEC_ADDR_A_IP6_PLEN],
				    "IPv6 prefix length without an address");
		return -EINVAL;
	}
	if (tb[LSW_PSEC_ADDR_A_IP6]) {
		a->has |= LSW_PSEC_HAS_IP6;
		a->ip6 = nla_get_in6_addr(tb[LSW_PSEC_ADDR_A_IP6]);
		a->plen6 = tb[LSW_PSEC_ADDR_A_IP6_PLEN] ?
			   nla_get_u8(tb[LSW_PSEC_ADDR_A_IP6_PLEN]) : 128;
		ipv6_addr_prefix(&pfx, &a->ip6, a->plen6);
		if (!ipv6_addr_equal(&pfx, &a->ip6)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[LSW_PSEC_ADDR_A_IP6],
					    "IPv6 prefix has host bits set");
			return -EINVAL;
		}
	}
	return 0;
}

/**
 * lsw_psec_parse - a port's port security, from a request
 * @nest: LSW_PORT_A_SECURITY, validated by the policy
 * @extack: why it is refused
 *
 * Return: the new port security; NULL if it has no address (none);
 * an ERR_PTR() if refused.
 */
struct lsw_psec *lsw_psec_parse(const struct nlattr *nest,
				struct netlink_ext_ack *extack)
{
	struct nlattr *tb[LSW_PSEC_A_MAX + 1];
	const struct nlattr *attr;
	struct lsw_psec *psec;
	unsigned int n = 0, i;
	int rem, err;

	err = nla_parse_nested(tb, LSW_PSEC_A_MAX, nest, lsw_psec_nl_policy,
			       extack);
	if (err)
		return ERR_PTR(err);
	nla_for_each_nested(attr, nest, rem)
		n += nla_type(attr) == LSW_PSEC_A_ADDR;
	if (!n)
		return NULL;
	if (n > LSW_PSEC_ADDR_MAX) {
		lsw_compat_err_fmt(extack, "Too many allowed addresses",
				   "Too many allowed addresses (%u, at most %u)",
				   n, LSW_PSEC_ADDR_MAX);
		NL_SET_BAD_ATTR(extack, nest);
		return ERR_PTR(-EINVAL);
	}

	psec = kzalloc(struct_size(psec, addr, n), GFP_KERNEL);
	if (!psec)
		return ERR_PTR(-ENOMEM);
	if (tb[LSW_PSEC_A_FLAGS])
		psec->flags = nla_get_u32(tb[LSW_PSEC_A_FLAGS]);

	/* Zeroed, padding included: entries compare whole. */
	nla_for_each_nested(attr, nest, rem) {
		if (nla_type(attr) != LSW_PSEC_A_ADDR)
			continue;
		err = lsw_psec_parse_addr(attr, &psec->addr[psec->n], extack);
		if (err)
			goto err;
		for (i = 0; i < psec->n; i++)
			if (!memcmp(&psec->addr[i], &psec->addr[psec->n],
				    sizeof(psec->addr[i])))
				break;
		if (i < psec->n) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "Allowed address given twice");
			err = -EINVAL;
			goto err;
		}
		psec->n++;
	}
	return psec;

err:
	kfree(psec);
	return ERR_PTR(err);
}

/* Under RTNL: @psec (NULL: none) in place of @port's, which it frees. */
void lsw_psec_set(struct lsw_port *port, struct lsw_psec *psec)
{
	struct lsw_psec *old = rtnl_dereference(port->psec);

	rcu_assign_pointer(port->psec, psec);
	if (old)
		kfree_rcu(old, rcu);
}

/* @port's port security into a reply, if it has one; under RTNL. */
int lsw_psec_fill(struct sk_buff *skb, const struct lsw_port *port)
{
	const struct lsw_psec *psec = rtnl_dereference(port->psec);
	const struct lsw_psec_addr *a;
	struct nlattr *nest, *one;
	unsigned int i;

	if (!psec)
		return 0;
	nest = nla_nest_start(skb, LSW_PORT_A_SECURITY);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < psec->n; i++) {
		a = &psec->addr[i];
		one = nla_nest_start(skb, LSW_PSEC_A_ADDR);
		if (!one || nla_put(skb, LSW_PSEC_ADDR_A_MAC, ETH_ALEN, a->mac))
			return -EMSGSIZE;
		if ((a->has & LSW_PSEC_HAS_IP) &&
		    (nla_put_in_addr(skb, LSW_PSEC_ADDR_A_IP, a->ip) ||
		     nla_put_u8(skb, LSW_PSEC_ADDR_A_IP_PLEN, a->plen)))
			return -EMSGSIZE;
		if ((a->has & LSW_PSEC_HAS_IP6) &&
		    (nla_put_in6_addr(skb, LSW_PSEC_ADDR_A_IP6, &a->ip6) ||
		     nla_put_u8(skb, LSW_PSEC_ADDR_A_IP6_PLEN, a->plen6)))
			return -EMSGSIZE;
		nla_nest_end(skb, one);
	}
	if (nla_put_u32(skb, LSW_PSEC_A_FLAGS, psec->flags))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static bool lsw_psec_has_mac(const struct lsw_psec *psec, const u8 *mac)
{
	unsigned int i;

	for (i = 0; i < psec->n; i++)
		if (ether_addr_equal(psec->addr[i].mac, mac))
			return true;
	return false;
}

/* Whether @mac may send from @ip: an address of its, or any if it has none. */
static bool lsw_psec_ip_ok(const struct lsw_psec *psec, const u8 *mac,
			   __be32 ip)
{
	const struct lsw_psec_addr *a;
	unsigned int i;

	for (i = 0; i < psec->n; i++) {
		a = &psec->addr[i];
		if (!ether_addr_equal(a->mac, mac))
			continue;
		if (!a->has)
			return true;
		if ((a->has & LSW_PSEC_HAS_IP) &&
		    !((ip ^ a->ip) & inet_make_mask(a->plen)))
			return true;
	}
	return false;
}

/* The EUI-64 link-local address of @mac (RFC 4291 appendix A). */
static bool lsw_psec_ip6_ll(const struct in6_addr *ip, const u8 *mac)
{
	return ip->s6_addr32[0] == htonl(0xfe800000) && !ip->s6_addr32[1] &&
	       ip->s6_addr[8] == (mac[0] ^ 0x02) &&
	       ip->s6_addr[9] == mac[1] && ip->s6_addr[10] == mac[2] &&
	       ip->s6_addr[11] == 0xff && ip->s6_addr[12] == 0xfe &&
	       ip->s6_addr[13] == mac[3] && ip->s6_addr[14] == mac[4] &&
	       ip->s6_addr[15] == mac[5];
}

static bool lsw_psec_ip6_ok(const struct lsw_psec *psec, const u8 *mac,
			    const struct in6_addr *ip)
{
	const struct lsw_psec_addr *a;
	unsigned int i;

	for (i = 0; i < psec->n; i++) {
		a = &psec->addr[i];
		if (!ether_addr_equal(a->mac, mac))
			continue;
		if (!a->has)
			return true;
		if ((a->has & LSW_PSEC_HAS_IP6) &&
		    (ipv6_prefix_equal(ip, &a->ip6, a->plen6) ||
		     lsw_psec_ip6_ll(ip, mac)))
			return true;
	}
	return false;
}

/*
 * Whether @port may claim an address whose ARP/ND entry is @key, with
 * trust on first use: the port the address is bound to (through its
 * ARP/ND entry and that entry's MAC entry) is @port, or there is none.
 */
static bool lsw_tofu_ok(struct lsw_dev *lsw, const struct lsw_port *port,
			const struct lsw_neigh_key *key)
{
	const struct lsw_neigh *n = lsw_neigh_lookup(lsw, key);
	const struct lsw_mac *mac;

	if (!n)
		return true;
	mac = lsw_mac_lookup(lsw, n->mac);
	return !mac || mac->port == port;
}

/*
 * What a frame checks its addresses against: the port's list (@psec,
 * and the frame's source MAC) or, without one, trust on first use.
 */
struct lsw_psec_ctx {
	struct lsw_dev *lsw;
	const struct lsw_port *port;
	const struct lsw_psec *psec;
	const u8 *src;
};

static bool lsw_psec_ip4(const struct lsw_psec_ctx *c, __be32 ip)
{
	struct lsw_neigh_key key;

	/* The unspecified address: DHCP's, which claims nothing. */
	if (!ip)
		return true;
	if (c->psec)
		return lsw_psec_ip_ok(c->psec, c->src, ip);
	lsw_neigh_key4(&key, ip);
	return lsw_tofu_ok(c->lsw, c->port, &key);
}

static bool lsw_psec_ip6(const struct lsw_psec_ctx *c,
			 const struct in6_addr *ip)
{
	struct lsw_neigh_key key;

	/* The unspecified address: DAD's and DHCPv6's. */
	if (ipv6_addr_any(ip))
		return true;
	if (c->psec)
		return lsw_psec_ip6_ok(c->psec, c->src, ip);
	lsw_neigh_key6(&key, ip);
	return lsw_tofu_ok(c->lsw, c->port, &key);
}

/* A DHCP server's message, unless the port may send them. */
static bool lsw_psec_dhcp_server(const struct lsw_psec_ctx *c,
				 const struct udphdr *uh, __be16 port)
{
	return c->psec && !(c->psec->flags & LSW_PSEC_F_DHCP_SERVER) &&
	       uh->source == port;
}

static unsigned int lsw_psec_arp(const struct lsw_psec_ctx *c,
				 const struct sk_buff *skb,
				 const struct lsw_frame *f)
{
	struct {
		struct arphdr hdr;
		u8 sha[ETH_ALEN];
		__be32 sip;
	} __packed _arp;
	const typeof(_arp) *arp;

	arp = skb_header_pointer(skb, f->off, sizeof(_arp), &_arp);
	if (!arp || arp->hdr.ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->hdr.ar_pro != htons(ETH_P_IP) ||
	    arp->hdr.ar_hln != ETH_ALEN || arp->hdr.ar_pln != 4) {
		/* What a list cannot check, it does not let through. */
		return c->psec ? LSW_STAT(DROP_SPOOF_ARP) : 0;
	}
	if (c->psec && !ether_addr_equal(arp->sha, c->src))
		return LSW_STAT(DROP_SPOOF_ARP);
	if (!lsw_psec_ip4(c, arp->sip))
		return LSW_STAT(DROP_SPOOF_ARP);
	/* A probe (RFC 5227) claims the address it asks about. */
	if (c->psec && !arp->sip) {
		__be32 _tip;
		const __be32 *tip;

		tip = skb_header_pointer(skb, f->off + sizeof(_arp) + ETH_ALEN,
					 sizeof(_tip), &_tip);
		if (!tip || !lsw_psec_ip_ok(c->psec, c->src, *tip))
			return LSW_STAT(DROP_SPOOF_ARP);
	}
	return 0;
}

static unsigned int lsw_psec_ipv4(const struct lsw_psec_ctx *c,
				  const struct sk_buff *skb,
				  const struct lsw_frame *f)
{
	const struct iphdr *iph;
	const struct udphdr *uh;
	struct iphdr _iph;
	struct udphdr _uh;

	iph = skb_header_pointer(skb, f->off, sizeof(_iph), &_iph);
	if (!iph || iph->version != 4 || iph->ihl < 5)
		return c->psec ? LSW_STAT(DROP_SPOOF_IP) : 0;
	if (!lsw_psec_ip4(c, iph->saddr))
		return LSW_STAT(DROP_SPOOF_IP);
	if (!c->psec)
		return 0;
	if (iph->protocol != IPPROTO_UDP ||
	    (iph->frag_off & htons(IP_OFFSET)))
		return iph->saddr ? 0 : LSW_STAT(DROP_SPOOF_IP);
	/* A first fragment too short for its ports hides them. */
	uh = skb_header_pointer(skb, f->off + iph->ihl * 4, sizeof(_uh), &_uh);
	if (!uh)
		return LSW_STAT(DROP_SPOOF_IP);
	/* The unspecified source is a DHCP client's, and nothing else's. */
	if (!iph->saddr && (uh->source != htons(LSW_PSEC_DHCP_CLIENT_PORT) ||
			    uh->dest != htons(LSW_PSEC_DHCP_SERVER_PORT)))
		return LSW_STAT(DROP_SPOOF_IP);
	return lsw_psec_dhcp_server(c, uh, htons(LSW_PSEC_DHCP_SERVER_PORT)) ?
	       LSW_STAT(DROP_DHCP_SERVER) : 0;
}

/*
 * ICMPv6 at @off: a neighbour solicitation's source link-layer address,
 * an advertisement's target and target link-layer address.  From the
 * unspecified address (@any), only what may come from it: a duplicate
 * address detection (which claims its target), a router solicitation,
 * an MLD report.
 */
static unsigned int lsw_psec_nd(const struct lsw_psec_ctx *c,
				const struct sk_buff *skb, int off, int end,
				bool any)
{
	const struct icmp6hdr *ih;
	struct icmp6hdr _ih;
	const struct nd_msg *nd;
	struct nd_msg _nd;
	const u8 *lladdr;
	u8 buf[ETH_ALEN];
	u8 type;

	ih = skb_header_pointer(skb, off, sizeof(_ih), &_ih);
	if (!ih)
		return any ? LSW_STAT(DROP_SPOOF_IP) : 0;
	type = ih->icmp6_type;
	if (any && type != NDISC_NEIGHBOUR_SOLICITATION &&
	    type != NDISC_ROUTER_SOLICITATION &&
	    type != ICMPV6_MGM_REPORT && type != ICMPV6_MLD2_REPORT)
		return LSW_STAT(DROP_SPOOF_IP);
	if (type != NDISC_NEIGHBOUR_SOLICITATION &&
	    type != NDISC_NEIGHBOUR_ADVERTISEMENT)
		return 0;
	nd = skb_header_pointer(skb, off, sizeof(_nd), &_nd);
	if (!nd)
		return c->psec ? LSW_STAT(DROP_SPOOF_ARP) : 0;
	if (c->psec &&
	    (!lsw_nd_opts(skb, off + sizeof(_nd), end,
			  type == NDISC_NEIGHBOUR_SOLICITATION ?
			  ND_OPT_SOURCE_LL_ADDR : ND_OPT_TARGET_LL_ADDR,
			  buf, &lladdr) ||
	     (lladdr && !ether_addr_equal(lladdr, c->src))))
		return LSW_STAT(DROP_SPOOF_ARP);
	if (type == NDISC_NEIGHBOUR_ADVERTISEMENT &&
	    !lsw_psec_ip6(c, &nd->target))
		return LSW_STAT(DROP_SPOOF_ARP);
	/* Duplicate address detection claims the address it asks about. */
	if (any && !lsw_psec_ip6_ok(c->psec, c->src, &nd->target))
		return LSW_STAT(DROP_SPOOF_ARP);
	return 0;
}

static unsigned int lsw_psec_ipv6(const struct lsw_psec_ctx *c,
				  const struct sk_buff *skb,
				  const struct lsw_frame *f)
{
	const struct ipv6hdr *ip6;
	const struct udphdr *uh;
	struct ipv6hdr _ip6;
	struct udphdr _uh;
	__be16 frag_off;
	int off, end;
	bool any;
	u8 nexthdr;

	ip6 = skb_header_pointer(skb, f->off, sizeof(_ip6), &_ip6);
	if (!ip6 || ip6->version != 6)
		return c->psec ? LSW_STAT(DROP_SPOOF_IP) : 0;
	/* Neighbour discovery from an address says so: the source first. */
	if (!lsw_psec_ip6(c, &ip6->saddr))
		return LSW_STAT(DROP_SPOOF_IP);
	any = c->psec && ipv6_addr_any(&ip6->saddr);

	/* Whatever extension headers hide them behind, a VM's neighbours
	 * would read an advertisement or a DHCPv6 server's message: so
	 * does the check.
	 */
	nexthdr = ip6->nexthdr;
	off = ipv6_skip_exthdr(skb, f->off + sizeof(_ip6), &nexthdr, &frag_off);
	if (off < 0)
		return c->psec ? LSW_STAT(DROP_SPOOF_IP) : 0;
	if (ntohs(frag_off) & ~0x7)
		return any ? LSW_STAT(DROP_SPOOF_IP) : 0;
	end = min_t(int, skb->len, f->off + sizeof(_ip6) +
				   ntohs(ip6->payload_len));
	/* The unspecified source is for neighbour discovery and MLD (which
	 * the ND check tells apart) and DHCPv6 clients, nothing else.
	 */
	if (nexthdr == IPPROTO_ICMPV6)
		return lsw_psec_nd(c, skb, off, end, any);
	if (nexthdr != IPPROTO_UDP || !c->psec)
		return any ? LSW_STAT(DROP_SPOOF_IP) : 0;
	uh = skb_header_pointer(skb, off, sizeof(_uh), &_uh);
	if (!uh)
		return LSW_STAT(DROP_SPOOF_IP);
	if (any && (uh->source != htons(LSW_PSEC_DHCP6_CLIENT_PORT) ||
		    uh->dest != htons(LSW_PSEC_DHCP6_SERVER_PORT)))
		return LSW_STAT(DROP_SPOOF_IP);
	return lsw_psec_dhcp_server(c, uh, htons(LSW_PSEC_DHCP6_SERVER_PORT)) ?
	       LSW_STAT(DROP_DHCP_SERVER) : 0;
}

/**
 * lsw_psec_rcv - check a frame a port sent against its port security
 * @lsw: the switch
 * @skb: the frame, skb->data at its Ethernet header; only read
 * @port: the port it came from, which has port security or whose switch
 *	has trust on first use on
 *
 * Called under RCU, before the switch learns or snoops anything from
 * the frame.
 *
 * Return: 0 if the frame may go on, else the counter to drop it under.
 */
unsigned int lsw_psec_rcv(struct lsw_dev *lsw, const struct sk_buff *skb,
			  const struct lsw_port *port)
{
	struct lsw_psec_ctx c = {
		.lsw = lsw,
		.port = port,
		.psec = rcu_dereference(port->psec),
		.src = eth_hdr(skb)->h_source,
	};
	struct lsw_frame f;

	if (c.psec) {
		if (!lsw_psec_has_mac(c.psec, c.src))
			return LSW_STAT(DROP_SPOOF_MAC);
	} else if (!READ_ONCE(lsw->cfg.ip_tofu)) {
		return 0;
	}
	if (!lsw_frame_parse(skb, &f))
		return c.psec ? LSW_STAT(DROP_SPOOF_MAC) : 0;
	/* A second tag hides what the frame carries from the checks. */
	if (c.psec && eth_type_vlan(f.proto))
		return LSW_STAT(DROP_SPOOF_IP);

	switch (f.proto) {
	case htons(ETH_P_ARP):
		return lsw_psec_arp(&c, skb, &f);
	case htons(ETH_P_IP):
		return lsw_psec_ipv4(&c, skb, &f);
	case htons(ETH_P_IPV6):
		return lsw_psec_ipv6(&c, skb, &f);
	}
	return 0;
}

/*
 * Whether @port takes @skb (skb->data at its Ethernet header): with
 * LSW_PSEC_F_EGRESS, unicast only to the MAC addresses it lists.
 */
bool lsw_psec_deliver(const struct lsw_port *port, const struct sk_buff *skb)
{
	const struct lsw_psec *psec = rcu_dereference(port->psec);
	const u8 *dest = ((const struct ethhdr *)skb->data)->h_dest;

	return !psec || !(psec->flags & LSW_PSEC_F_EGRESS) ||
	       !is_unicast_ether_addr(dest) || lsw_psec_has_mac(psec, dest);
}
