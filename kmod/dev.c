// SPDX-License-Identifier: GPL-2.0
/*
 * The "lsw" network device: one per logical switch.
 *
 * The device's own interface is the host's port on the switch.  Its life
 * cycle follows rtnetlink: created by "ip link add ... type lsw", removed
 * by "ip link del", with its netns, or when the module goes away.
 *
 * Everything about a device lives in its own netns: the underlay device,
 * the UDP sockets and the ports.  So the device may not move to another
 * netns, and it is unique in its netns by VNI, UDP port and underlay
 * address family.  A UDP port carries one encapsulation, VXLAN or
 * Geneve, in a netns.
 */

#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/if_arp.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/module.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/netns/generic.h>
#include <net/rtnetlink.h>
#include <linux/lsw.h>

#include "lsw.h"

static int lsw_dev_ndo_init(struct net_device *dev)
{
	struct lsw_dev *lsw = netdev_priv(dev);
	int err;

	lsw->stats = netdev_alloc_pcpu_stats(struct lsw_pcpu_stats);
	if (!lsw->stats)
		return -ENOMEM;

	err = lsw_compat_tstats_alloc(dev);
	if (err)
		goto err_stats;

	err = gro_cells_init(&lsw->gro_cells, dev);
	if (err)
		goto err_tstats;

	lsw_miss_init(lsw);
	lsw_hold_init(lsw);

	/* From here on, a failure to register still calls ndo_uninit and
	 * the destructor, which take the tables down again.
	 */
	err = lsw_tables_init(lsw);
	if (err)
		goto err_gro;
	return 0;

err_gro:
	gro_cells_destroy(&lsw->gro_cells);
err_tstats:
	lsw_compat_tstats_free(dev);
err_stats:
	free_percpu(lsw->stats);
	lsw->stats = NULL;
	return err;
}

static void lsw_dev_ndo_uninit(struct net_device *dev)
{
	struct lsw_dev *lsw = netdev_priv(dev);

	lsw_port_del_all(lsw);
	lsw_psec_set(&lsw->host_port, NULL);
	/* Held requests go on through the tables: empty the queue first. */
	lsw_hold_close(lsw);
	lsw_tables_close(lsw);
	gro_cells_destroy(&lsw->gro_cells);
}

/*
 * Table dumps may still hold a reference to the device after it was
 * unregistered: the tables go away with the last reference.
 */
static void lsw_dev_free(struct net_device *dev)
{
	struct lsw_dev *lsw = netdev_priv(dev);

	lsw_tables_destroy(lsw);
	xa_destroy(&lsw->port_keys);
	lsw_compat_tstats_free(dev);
	free_percpu(lsw->stats);
}

/* A switch that is up has its UDP socket: it can reach the underlay. */
static int lsw_dev_open(struct net_device *dev)
{
	int err;

	err = lsw_sock_open(netdev_priv(dev));
	if (err)
		return err;
	netif_carrier_on(dev);
	return 0;
}

static int lsw_dev_stop(struct net_device *dev)
{
	netif_carrier_off(dev);
	lsw_sock_close(netdev_priv(dev));
	return 0;
}

/* The host's port: what the host sends is switched like a VM's frame. */
static netdev_tx_t lsw_dev_xmit(struct sk_buff *skb, struct net_device *dev)
{
	lsw_fwd_from_host(netdev_priv(dev), skb);
	return NETDEV_TX_OK;
}

/* Drops of frames that came from the underlay, before switching. */
static bool lsw_stat_is_rx_drop(unsigned int idx)
{
	switch (idx) {
	case LSW_STAT(DROP_MALFORMED):
	case LSW_STAT(DROP_RUNT):
	case LSW_STAT(DROP_STRICT_VTEP):
	case LSW_STAT(DROP_CSUM):
	case LSW_STAT(DROP_OAM):
	case LSW_STAT(DROP_CRIT_OPT):
	case LSW_STAT(DROP_OVN_OPT):
	case LSW_STAT(DROP_UNKNOWN_KEY):
		return true;
	default:
		return false;
	}
}

/*
 * The drops: the counters from DROP_MALFORMED on, but for those that
 * count what became of misses.
 */
static bool lsw_stat_is_drop(unsigned int idx)
{
	switch (idx) {
	case LSW_STAT(MISS_NOTIFIED):
	case LSW_STAT(MISS_SUPPRESSED):
	case LSW_STAT(ARP_HELD):
	case LSW_STAT(ARP_HOLD_FULL):
	case LSW_STAT(REPL_MARKED):
	case LSW_STAT(REPL_PROXIED):
	case LSW_STAT(REPL_GROUP_RX):
		return false;
	default:
		return idx >= LSW_STAT(DROP_MALFORMED);
	}
}

/*
 * The interface counters are the switch's: RX what came from the
 * underlay, TX what went to it.  Every drop is counted once, as an RX drop
 * when the underlay sent something invalid, as a TX drop otherwise (the
 * switch could not deliver the frame).
 */
static void lsw_dev_get_stats64(struct net_device *dev,
				struct rtnl_link_stats64 *tot)
{
	struct lsw_dev *lsw = netdev_priv(dev);
	u64 c[LSW_STAT_COUNT] = {};
	unsigned int i;

	lsw_stats_read(lsw, c);

	tot->rx_packets = c[LSW_STAT(RX_PACKETS)];
	tot->rx_bytes = c[LSW_STAT(RX_BYTES)];
	tot->tx_packets = c[LSW_STAT(TX_PACKETS)];
	tot->tx_bytes = c[LSW_STAT(TX_BYTES)];

	for (i = 0; i < LSW_STAT_COUNT; i++) {
		if (!lsw_stat_is_drop(i))
			continue;
		if (lsw_stat_is_rx_drop(i))
			tot->rx_dropped += c[i];
		else
			tot->tx_dropped += c[i];
	}
}

/*
 * The device's address changes here only: dev_set_mac_address() calls
 * it ("ip link set lsw5001 address ...", a bond that takes the device as
 * its slave), and NETDEV_CHANGEADDR only tells the others afterwards,
 * too late to refuse a change the table could not follow.  The host
 * port's permanent MAC entry moves first, then the address: a failure
 * leaves both as they were.  The switch may be up (IFF_LIVE_ADDR_CHANGE):
 * its entry moves atomically.
 */
static int lsw_dev_set_mac_address(struct net_device *dev, void *p)
{
	const struct sockaddr *sa = p;
	int err;

	err = eth_prepare_mac_addr_change(dev, p);
	if (err)
		return err;
	err = lsw_mac_host_set(netdev_priv(dev), dev->dev_addr, sa->sa_data);
	if (err)
		return err;
	eth_commit_mac_addr_change(dev, p);
	return 0;
}

static int lsw_dev_add_slave(struct net_device *dev,
			     struct net_device *port_dev,
			     struct netlink_ext_ack *extack)
{
	return lsw_port_add(netdev_priv(dev), port_dev, extack);
}

static int lsw_dev_del_slave(struct net_device *dev,
			     struct net_device *port_dev)
{
	return lsw_port_del(netdev_priv(dev), port_dev);
}

static const struct net_device_ops lsw_netdev_ops = {
	.ndo_init		= lsw_dev_ndo_init,
	.ndo_uninit		= lsw_dev_ndo_uninit,
	.ndo_open		= lsw_dev_open,
	.ndo_stop		= lsw_dev_stop,
	.ndo_start_xmit		= lsw_dev_xmit,
	.ndo_get_stats64	= lsw_dev_get_stats64,
	.ndo_set_mac_address	= lsw_dev_set_mac_address,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_add_slave		= lsw_dev_add_slave,
	.ndo_del_slave		= lsw_dev_del_slave,
};

bool lsw_is_lsw_dev(const struct net_device *dev)
{
	return dev->netdev_ops == &lsw_netdev_ops;
}

static void lsw_dev_get_drvinfo(struct net_device *dev,
				struct ethtool_drvinfo *info)
{
	strscpy(info->driver, KBUILD_MODNAME, sizeof(info->driver));
	strscpy(info->version, LSW_VERSION, sizeof(info->version));
}

static const struct ethtool_ops lsw_ethtool_ops = {
	.get_drvinfo	= lsw_dev_get_drvinfo,
	.get_link	= ethtool_op_get_link,
};

static const struct device_type lsw_device_type = {
	.name = LSW_LINK_KIND,
};

static void lsw_dev_setup(struct net_device *dev)
{
	struct lsw_dev *lsw = netdev_priv(dev);

	ether_setup(dev);
	dev->netdev_ops = &lsw_netdev_ops;
	dev->ethtool_ops = &lsw_ethtool_ops;
	dev->needs_free_netdev = true;
	dev->priv_destructor = lsw_dev_free;
	SET_NETDEV_DEVTYPE(dev, &lsw_device_type);

	/* A switch has no queue of its own to stop: frames are forwarded
	 * (or dropped) in the caller's context.
	 */
	dev->priv_flags |= IFF_NO_QUEUE;
	/* Its address may change while it is up, as a bridge's may: the
	 * host port's MAC entry follows it (lsw_dev_set_mac_address()).
	 */
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE;
	lsw_compat_set_lltx(dev);
	lsw_compat_set_netns_immutable(dev);
	lsw_compat_tstats_setup(dev);
	/* The host's route stays on its frames: a frame too big for the
	 * path lowers that route's PMTU (xmit.c).
	 */
	netif_keep_dst(dev);

	/* What the host sends through its port may stay as large and as
	 * unfinished as the switch can pass on, for whoever sends it on (a
	 * port, or the underlay device through the tunnel's offloads) to
	 * finish:
	 * - checksums (HW_CSUM): an inner CHECKSUM_PARTIAL stays partial;
	 * - GSO (GSO_SOFTWARE: TSO, UDP L4, SCTP, fraglist): a GSO frame
	 *   goes through the switch whole, to a port or encapsulated with
	 *   the UDP tunnel GSO types, and is cut up at the last moment;
	 * - frag lists (FRAGLIST): the switch never reads past the headers
	 *   it pulls, and every device a frame leaves through checks the
	 *   frame against its own features.
	 * No tunnel GSO type (GSO_UDP_TUNNEL, GRE, ...) and no hw_enc_features:
	 * a frame that is a tunnel packet already gets a second level of
	 * encapsulation in the switch, and the stack offloads one level
	 * only.  The stack finishes such frames before the switch sees them.
	 * GRO happens on the underlay's tunnel sockets (gro.c) and for the
	 * host in the GRO cells, never in hardware: no GRO_HW.
	 */
	dev->features |= NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_RXCSUM |
			 NETIF_F_FRAGLIST | NETIF_F_GSO_SOFTWARE;
	dev->hw_features |= NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_RXCSUM |
			    NETIF_F_FRAGLIST | NETIF_F_GSO_SOFTWARE;
	dev->vlan_features = dev->features;

	/*
	 * The largest an IPv4 underlay allows, without metadata; newlink
	 * narrows it for IPv6 and for OVN's option.
	 */
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = IP_MAX_MTU - ETH_HLEN - sizeof(struct iphdr) -
		       sizeof(struct udphdr) - LSW_ENCAP_HLEN;
	eth_hw_addr_random(dev);

	lsw->dev = dev;
	INIT_LIST_HEAD(&lsw->ports);
	xa_init(&lsw->port_keys);
	lsw->host_port.dev = dev;
	lsw->host_port.lsw = lsw;
	INIT_LIST_HEAD(&lsw->host_port.list);
}

static const struct netlink_range_validation lsw_vni_range = {
	.min = 1,
	.max = LSW_VNI_MAX,
};

static const struct netlink_range_validation lsw_miss_interval_range = {
	.max = LSW_MISS_INTERVAL_MAX,
};

static const struct netlink_range_validation lsw_miss_rate_range = {
	.max = LSW_MISS_RATE_MAX,
};

static const struct netlink_range_validation lsw_arp_hold_limit_range = {
	.min = 1,
	.max = LSW_ARP_HOLD_LIMIT_MAX,
};

static const struct nla_policy lsw_policy[IFLA_LSW_MAX + 1] = {
	[IFLA_LSW_UNSPEC]	= { .strict_start_type = IFLA_LSW_VNI },
	[IFLA_LSW_VNI]		= NLA_POLICY_FULL_RANGE(NLA_U32, &lsw_vni_range),
	[IFLA_LSW_LOCAL]	= NLA_POLICY_EXACT_LEN(sizeof(struct in_addr)),
	[IFLA_LSW_LOCAL6]	= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[IFLA_LSW_LINK]		= { .type = NLA_U32 },
	[IFLA_LSW_PORT]		= NLA_POLICY_MIN(NLA_BE16, 1),
	[IFLA_LSW_PORT_RANGE]	=
		NLA_POLICY_EXACT_LEN(sizeof(struct ifla_lsw_port_range)),
	[IFLA_LSW_TTL]		= { .type = NLA_U8 },
	[IFLA_LSW_TTL_INHERIT]	= NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_LSW_TOS]		= { .type = NLA_U8 },
	[IFLA_LSW_TOS_INHERIT]	= NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_LSW_DF]		= NLA_POLICY_MAX(NLA_U8, LSW_DF_MAX),
	[IFLA_LSW_ENCAP]	= NLA_POLICY_RANGE(NLA_U8, LSW_ENCAP_VXLAN,
						   LSW_ENCAP_MAX),
	[IFLA_LSW_LEARNING]	= NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_LSW_AGEING]	= { .type = NLA_U32 },
	[IFLA_LSW_MAC_LIMIT]	= { .type = NLA_U32 },
	[IFLA_LSW_ARP_LIMIT]	= { .type = NLA_U32 },
	[IFLA_LSW_ARP_SUPPRESS]	= NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_LSW_STRICT_VTEP]	= NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_LSW_IP_TOFU]	= NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_LSW_UDP_CSUM]	= NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_LSW_UDP_ZERO_CSUM6_TX] = NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_LSW_UDP_ZERO_CSUM6_RX] = NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_LSW_METADATA]	= NLA_POLICY_MAX(NLA_U8, LSW_METADATA_MAX),
	[IFLA_LSW_MISS_INTERVAL] = NLA_POLICY_FULL_RANGE(NLA_U32,
						&lsw_miss_interval_range),
	[IFLA_LSW_MISS_RATE]	= NLA_POLICY_FULL_RANGE(NLA_U32,
							&lsw_miss_rate_range),
	[IFLA_LSW_ARP_HOLD]	= NLA_POLICY_MAX(NLA_U32, LSW_ARP_HOLD_MAX),
	[IFLA_LSW_ARP_HOLD_LIMIT] = NLA_POLICY_FULL_RANGE(NLA_U32,
						&lsw_arp_hold_limit_range),
	[IFLA_LSW_SEGMENT]	= { .type = NLA_U32 },
	[IFLA_LSW_REPLICATION]	= NLA_POLICY_MAX(NLA_U8, LSW_REPLICATION_MAX),
	[IFLA_LSW_GROUP]	= NLA_POLICY_EXACT_LEN(sizeof(struct in_addr)),
	[IFLA_LSW_GROUP6]	= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
};

/* Checks across attributes, for newlink and changelink alike. */
/* The first attribute of IFLA_INFO_DATA past IFLA_LSW_MAX, if any. */
static struct nlattr *lsw_dev_unknown_attr(struct nlattr *linkinfo)
{
	struct nlattr *info, *a;
	int rem;

	info = linkinfo ? nla_find_nested(linkinfo, IFLA_INFO_DATA) : NULL;
	if (!info)
		return NULL;
	nla_for_each_nested(a, info, rem)
		if (nla_type(a) > IFLA_LSW_MAX)
			return a;
	return NULL;
}

static int lsw_dev_validate(struct nlattr *tb[], struct nlattr *data[],
			    struct netlink_ext_ack *extack)
{
	struct nlattr *a;

	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
					    "Invalid link address length");
			return -EINVAL;
		}
		if (!is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS]))) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
					    "Link address is not a unicast MAC");
			return -EADDRNOTAVAIL;
		}
	}

	if (!data)
		return 0;

	/* rtnetlink parses link data leniently, skipping types past the
	 * policy: a newer tool's attribute must not be silently ignored.
	 */
	a = lsw_dev_unknown_attr(tb[IFLA_LINKINFO]);
	if (a) {
		NL_SET_ERR_MSG_ATTR(extack, a, "Unknown lsw link attribute");
		return -EOPNOTSUPP;
	}

	if (data[IFLA_LSW_LOCAL] && data[IFLA_LSW_LOCAL6]) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_LSW_LOCAL6],
				    "Local address is either IPv4 or IPv6, not both");
		return -EINVAL;
	}

	a = data[IFLA_LSW_LOCAL];
	if (a) {
		__be32 ip = nla_get_in_addr(a);

		if (ipv4_is_multicast(ip) || ipv4_is_lbcast(ip)) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "Local address must be unicast");
			return -EINVAL;
		}
	}

	a = data[IFLA_LSW_LOCAL6];
	if (a) {
		struct in6_addr ip6 = nla_get_in6_addr(a);

		if (!IS_ENABLED(CONFIG_IPV6)) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "IPv6 underlay needs a kernel with IPv6");
			return -EPFNOSUPPORT;
		}
		if (ipv6_addr_is_multicast(&ip6)) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "Local address must be unicast");
			return -EINVAL;
		}
	}

	if (data[IFLA_LSW_GROUP] && data[IFLA_LSW_GROUP6]) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_LSW_GROUP6],
				    "Group is either IPv4 or IPv6, not both");
		return -EINVAL;
	}
	a = data[IFLA_LSW_GROUP];
	if (a && !ipv4_is_multicast(nla_get_in_addr(a))) {
		NL_SET_ERR_MSG_ATTR(extack, a, "Group must be a multicast address");
		return -EINVAL;
	}
	a = data[IFLA_LSW_GROUP6];
	if (a) {
		struct in6_addr ip6 = nla_get_in6_addr(a);

		if (!ipv6_addr_is_multicast(&ip6)) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "Group must be a multicast address");
			return -EINVAL;
		}
	}

	a = data[IFLA_LSW_PORT_RANGE];
	if (a) {
		const struct ifla_lsw_port_range *r = nla_data(a);

		if (!r->low || ntohs(r->low) > ntohs(r->high)) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "Source port range must be low..high, from 1");
			return -EINVAL;
		}
	}

	return 0;
}

static void lsw_cfg_init(struct net *net, struct lsw_cfg *cfg)
{
	int low, high;

	memset(cfg, 0, sizeof(*cfg));
	cfg->family = AF_INET;
	cfg->encap = LSW_ENCAP_VXLAN;
	cfg->metadata = LSW_METADATA_NONE;
	cfg->tun_hlen = lsw_tun_hlen(cfg->metadata);
	cfg->df = LSW_DF_UNSET;
	cfg->learning = true;
	cfg->arp_suppress = true;
	cfg->ageing = LSW_DEFAULT_AGEING;
	cfg->mac_limit = LSW_DEFAULT_MAC_LIMIT;
	cfg->arp_limit = LSW_DEFAULT_ARP_LIMIT;
	cfg->miss_interval = LSW_DEFAULT_MISS_INTERVAL;
	cfg->miss_rate = LSW_DEFAULT_MISS_RATE;
	cfg->arp_hold_limit = LSW_DEFAULT_ARP_HOLD_LIMIT;

	inet_get_local_port_range(net, &low, &high);
	cfg->port_min = low;
	cfg->port_max = high;
}

/*
 * The attributes that may change at run time.  The datapath reads them
 * without a lock, hence WRITE_ONCE; a reader may see some of a change and
 * not the rest (the two ends of the port range included), which does no
 * harm.
 */
static void lsw_cfg_change(struct lsw_cfg *cfg, struct nlattr *data[])
{
	if (data[IFLA_LSW_PORT_RANGE]) {
		const struct ifla_lsw_port_range *r;

		r = nla_data(data[IFLA_LSW_PORT_RANGE]);
		WRITE_ONCE(cfg->port_min, ntohs(r->low));
		WRITE_ONCE(cfg->port_max, ntohs(r->high));
	}
	if (data[IFLA_LSW_TTL])
		WRITE_ONCE(cfg->ttl, nla_get_u8(data[IFLA_LSW_TTL]));
	if (data[IFLA_LSW_TTL_INHERIT])
		WRITE_ONCE(cfg->ttl_inherit,
			   nla_get_u8(data[IFLA_LSW_TTL_INHERIT]));
	if (data[IFLA_LSW_TOS])
		WRITE_ONCE(cfg->tos, nla_get_u8(data[IFLA_LSW_TOS]));
	if (data[IFLA_LSW_TOS_INHERIT])
		WRITE_ONCE(cfg->tos_inherit,
			   nla_get_u8(data[IFLA_LSW_TOS_INHERIT]));
	if (data[IFLA_LSW_DF])
		WRITE_ONCE(cfg->df, nla_get_u8(data[IFLA_LSW_DF]));
	if (data[IFLA_LSW_LEARNING])
		WRITE_ONCE(cfg->learning, nla_get_u8(data[IFLA_LSW_LEARNING]));
	if (data[IFLA_LSW_AGEING])
		WRITE_ONCE(cfg->ageing, nla_get_u32(data[IFLA_LSW_AGEING]));
	if (data[IFLA_LSW_MAC_LIMIT])
		WRITE_ONCE(cfg->mac_limit,
			   nla_get_u32(data[IFLA_LSW_MAC_LIMIT]));
	if (data[IFLA_LSW_ARP_LIMIT])
		WRITE_ONCE(cfg->arp_limit,
			   nla_get_u32(data[IFLA_LSW_ARP_LIMIT]));
	if (data[IFLA_LSW_ARP_SUPPRESS])
		WRITE_ONCE(cfg->arp_suppress,
			   nla_get_u8(data[IFLA_LSW_ARP_SUPPRESS]));
	if (data[IFLA_LSW_IP_TOFU])
		WRITE_ONCE(cfg->ip_tofu, nla_get_u8(data[IFLA_LSW_IP_TOFU]));
	if (data[IFLA_LSW_STRICT_VTEP])
		WRITE_ONCE(cfg->strict_vtep,
			   nla_get_u8(data[IFLA_LSW_STRICT_VTEP]));
	if (data[IFLA_LSW_UDP_CSUM])
		WRITE_ONCE(cfg->udp_csum, nla_get_u8(data[IFLA_LSW_UDP_CSUM]));
	if (data[IFLA_LSW_UDP_ZERO_CSUM6_TX])
		WRITE_ONCE(cfg->udp_zero_csum6_tx,
			   nla_get_u8(data[IFLA_LSW_UDP_ZERO_CSUM6_TX]));
	if (data[IFLA_LSW_UDP_ZERO_CSUM6_RX])
		WRITE_ONCE(cfg->udp_zero_csum6_rx,
			   nla_get_u8(data[IFLA_LSW_UDP_ZERO_CSUM6_RX]));
	if (data[IFLA_LSW_MISS_INTERVAL])
		WRITE_ONCE(cfg->miss_interval,
			   nla_get_u32(data[IFLA_LSW_MISS_INTERVAL]));
	if (data[IFLA_LSW_MISS_RATE])
		WRITE_ONCE(cfg->miss_rate, nla_get_u32(data[IFLA_LSW_MISS_RATE]));
	if (data[IFLA_LSW_ARP_HOLD])
		WRITE_ONCE(cfg->arp_hold, nla_get_u32(data[IFLA_LSW_ARP_HOLD]));
	if (data[IFLA_LSW_ARP_HOLD_LIMIT])
		WRITE_ONCE(cfg->arp_hold_limit,
			   nla_get_u32(data[IFLA_LSW_ARP_HOLD_LIMIT]));
	if (data[IFLA_LSW_SEGMENT])
		WRITE_ONCE(cfg->segment, nla_get_u32(data[IFLA_LSW_SEGMENT]));
	if (data[IFLA_LSW_REPLICATION])
		WRITE_ONCE(cfg->replication,
			   nla_get_u8(data[IFLA_LSW_REPLICATION]));
}

/* "VNI is required", pointing at where it is missing from. */
static void lsw_set_err_vni_missing(struct nlattr *tb[], struct nlattr *data[],
				    struct netlink_ext_ack *extack)
{
	struct nlattr *linkinfo = tb[IFLA_LINKINFO];

	if (!data)
		NL_SET_ERR_ATTR_MISS(extack, linkinfo, IFLA_INFO_DATA);
	else
		NL_SET_ERR_ATTR_MISS(extack,
				     nla_find_nested(linkinfo, IFLA_INFO_DATA),
				     IFLA_LSW_VNI);
	NL_SET_ERR_MSG(extack, "VNI is required");
}

/*
 * Whether a new device of configuration @cfg may join the others of the
 * netns: the UDP port it names speaks its encapsulation, if any device
 * uses it already (the port's socket is shared: sock.c), and no device
 * on it has the same VNI and underlay family.
 */
static int lsw_dev_check_unique(struct lsw_net *ln, const struct lsw_cfg *cfg,
				struct nlattr *data[],
				struct netlink_ext_ack *extack)
{
	struct nlattr *port = data[IFLA_LSW_PORT] ?: data[IFLA_LSW_ENCAP];
	struct lsw_dev *other;

	list_for_each_entry(other, &ln->devs, node) {
		if (other->cfg.port != cfg->port)
			continue;
		if (other->cfg.encap != cfg->encap) {
			if (other->cfg.encap == LSW_ENCAP_GENEVE)
				NL_SET_ERR_MSG_ATTR(extack, port,
						    "UDP port is in use by Geneve switches");
			else
				NL_SET_ERR_MSG_ATTR(extack, port,
						    "UDP port is in use by VXLAN switches");
			return -EADDRINUSE;
		}
		if (other->cfg.vni == cfg->vni &&
		    other->cfg.family == cfg->family) {
			NL_SET_ERR_MSG_ATTR(extack, data[IFLA_LSW_VNI],
					    "A device with this VNI, port and address family already exists");
			return -EEXIST;
		}
	}
	return 0;
}

/* The group of a new device, of its underlay's family. */
static int lsw_cfg_group(struct lsw_cfg *cfg, struct nlattr *data[],
			 struct netlink_ext_ack *extack)
{
	struct nlattr *a4 = data[IFLA_LSW_GROUP], *a6 = data[IFLA_LSW_GROUP6];

	if ((a4 && cfg->family != AF_INET) || (a6 && cfg->family != AF_INET6)) {
		NL_SET_ERR_MSG_ATTR(extack, a4 ?: a6,
				    "Group and underlay are of different address families");
		return -EINVAL;
	}
	if (a4)
		cfg->group.ip4 = nla_get_in_addr(a4);
	if (a6)
		cfg->group.ip6 = nla_get_in6_addr(a6);
	return 0;
}

/* Multicast and hybrid replication send to the group: there must be one. */
static int lsw_check_replication(const struct lsw_cfg *cfg,
				 struct nlattr *data[],
				 struct netlink_ext_ack *extack)
{
	struct nlattr *a = data[IFLA_LSW_REPLICATION];

	if (a && (nla_get_u8(a) == LSW_REPLICATION_MULTICAST ||
		  nla_get_u8(a) == LSW_REPLICATION_HYBRID) &&
	    !lsw_has_group(cfg)) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "Multicast replication needs a group");
		return -EINVAL;
	}
	return 0;
}

static int lsw_dev_newlink(struct net *src_net, struct net_device *dev,
			   struct nlattr *tb[], struct nlattr *data[],
			   struct netlink_ext_ack *extack)
{
	struct lsw_dev *lsw = netdev_priv(dev);
	struct net *net = dev_net(dev);
	struct lsw_net *ln = net_generic(net, lsw_net_id);
	struct net_device *lowerdev = NULL;
	unsigned int overhead;
	struct lsw_cfg cfg;
	int mtu, err;

	if (tb[IFLA_LINK_NETNSID]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_LINK_NETNSID],
				    "An lsw device's underlay is in its own netns");
		return -EINVAL;
	}
	if (!data || !data[IFLA_LSW_VNI]) {
		lsw_set_err_vni_missing(tb, data, extack);
		return -EINVAL;
	}

	lsw_cfg_init(net, &cfg);
	cfg.vni = nla_get_u32(data[IFLA_LSW_VNI]);
	if (data[IFLA_LSW_ENCAP])
		cfg.encap = nla_get_u8(data[IFLA_LSW_ENCAP]);
	if (data[IFLA_LSW_METADATA])
		cfg.metadata = nla_get_u8(data[IFLA_LSW_METADATA]);
	if (cfg.metadata == LSW_METADATA_OVN &&
	    cfg.encap != LSW_ENCAP_GENEVE) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_LSW_METADATA],
				    "OVN metadata needs Geneve encapsulation");
		return -EINVAL;
	}
	cfg.tun_hlen = lsw_tun_hlen(cfg.metadata);
	if (data[IFLA_LSW_PORT])
		cfg.port = nla_get_be16(data[IFLA_LSW_PORT]);
	else if (cfg.encap == LSW_ENCAP_GENEVE)
		cfg.port = htons(LSW_GENEVE_PORT);
	else
		cfg.port = htons(LSW_VXLAN_PORT);
	if (data[IFLA_LSW_LOCAL6]) {
		cfg.family = AF_INET6;
		cfg.local.ip6 = nla_get_in6_addr(data[IFLA_LSW_LOCAL6]);
	} else if (data[IFLA_LSW_LOCAL]) {
		cfg.local.ip4 = nla_get_in_addr(data[IFLA_LSW_LOCAL]);
	}
	if (data[IFLA_LSW_LINK])
		cfg.link = nla_get_u32(data[IFLA_LSW_LINK]);
	err = lsw_cfg_group(&cfg, data, extack);
	if (err)
		return err;
	err = lsw_check_replication(&cfg, data, extack);
	if (err)
		return err;
	lsw_cfg_change(&cfg, data);

	if (cfg.link) {
		lowerdev = __dev_get_by_index(net, cfg.link);
		if (!lowerdev) {
			NL_SET_ERR_MSG_ATTR(extack, data[IFLA_LSW_LINK],
					    "Underlay device not found");
			return -ENODEV;
		}
	}

	err = lsw_dev_check_unique(ln, &cfg, data, extack);
	if (err)
		return err;

	overhead = lsw_overhead(&cfg);
	dev->max_mtu = IP_MAX_MTU - overhead;
	if (tb[IFLA_MTU]) {
		/* The core checked it against the widest limit only. */
		if (dev->mtu > dev->max_mtu) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_MTU],
					    "MTU too large for the underlay once encapsulated");
			return -EINVAL;
		}
	} else {
		mtu = lowerdev ? READ_ONCE(lowerdev->mtu) : ETH_DATA_LEN;
		dev->mtu = clamp_t(int, mtu - (int)overhead, dev->min_mtu,
				   dev->max_mtu);
	}
	/* Room for the outer headers, for the host's own frames. */
	dev->needed_headroom = lsw_encap_hlen(&cfg) +
			       (lowerdev ? lowerdev->hard_header_len +
					   lowerdev->needed_headroom : ETH_HLEN);

	lsw->cfg = cfg;
	err = register_netdevice(dev);
	if (err)
		return err;

	/* The host port's own address, in the table from the start: the
	 * device has its address before it is up, and VMs may send to it
	 * long before the host sends anything to learn it from.
	 */
	err = lsw_mac_host_set(lsw, NULL, dev->dev_addr);
	if (err) {
		unregister_netdevice(dev);
		return err;
	}

	list_add_rcu(&lsw->node, &ln->devs);
	return 0;
}

#define LSW_FIXED_MSG(what) \
	what " cannot be changed: delete and re-create the device"

/*
 * Of an address given as an IPv4 (@a4) or IPv6 (@a6) attribute, the one
 * that differs from @ip, the device's (or is of the other family), if
 * any.
 */
static struct nlattr *lsw_fixed_ip_changed(const struct lsw_cfg *cfg,
					   struct nlattr *a4, struct nlattr *a6,
					   const union lsw_ip *ip)
{
	struct in6_addr ip6;

	if (a4 && (cfg->family != AF_INET || nla_get_in_addr(a4) != ip->ip4))
		return a4;
	if (a6) {
		ip6 = nla_get_in6_addr(a6);
		if (cfg->family != AF_INET6 || !ipv6_addr_equal(&ip6, &ip->ip6))
			return a6;
	}
	return NULL;
}

/*
 * Fixed attributes may come again, with the value they have: tools replay
 * the whole configuration.
 */
static int lsw_check_fixed(const struct lsw_cfg *cfg, struct nlattr *data[],
			   struct netlink_ext_ack *extack)
{
	struct nlattr *a;

	a = data[IFLA_LSW_VNI];
	if (a && nla_get_u32(a) != cfg->vni) {
		NL_SET_ERR_MSG_ATTR(extack, a, LSW_FIXED_MSG("VNI"));
		return -EOPNOTSUPP;
	}
	a = lsw_fixed_ip_changed(cfg, data[IFLA_LSW_LOCAL],
				 data[IFLA_LSW_LOCAL6], &cfg->local);
	if (a) {
		NL_SET_ERR_MSG_ATTR(extack, a, LSW_FIXED_MSG("Local address"));
		return -EOPNOTSUPP;
	}
	a = data[IFLA_LSW_LINK];
	if (a && nla_get_u32(a) != cfg->link) {
		NL_SET_ERR_MSG_ATTR(extack, a, LSW_FIXED_MSG("Underlay device"));
		return -EOPNOTSUPP;
	}
	a = data[IFLA_LSW_PORT];
	if (a && nla_get_be16(a) != cfg->port) {
		NL_SET_ERR_MSG_ATTR(extack, a, LSW_FIXED_MSG("UDP port"));
		return -EOPNOTSUPP;
	}
	a = data[IFLA_LSW_ENCAP];
	if (a && nla_get_u8(a) != cfg->encap) {
		NL_SET_ERR_MSG_ATTR(extack, a, LSW_FIXED_MSG("Encapsulation"));
		return -EOPNOTSUPP;
	}
	a = lsw_fixed_ip_changed(cfg, data[IFLA_LSW_GROUP],
				 data[IFLA_LSW_GROUP6], &cfg->group);
	if (a) {
		NL_SET_ERR_MSG_ATTR(extack, a, LSW_FIXED_MSG("Group"));
		return -EOPNOTSUPP;
	}
	a = data[IFLA_LSW_METADATA];
	if (a && nla_get_u8(a) != cfg->metadata) {
		NL_SET_ERR_MSG_ATTR(extack, a, LSW_FIXED_MSG("Metadata"));
		return -EOPNOTSUPP;
	}
	return 0;
}

/* All checks come first: a change that fails changes nothing. */
static int lsw_dev_changelink(struct net_device *dev, struct nlattr *tb[],
			      struct nlattr *data[],
			      struct netlink_ext_ack *extack)
{
	struct lsw_dev *lsw = netdev_priv(dev);
	int err;

	if (!data)
		return 0;

	err = lsw_check_fixed(&lsw->cfg, data, extack);
	if (err)
		return err;
	err = lsw_check_replication(&lsw->cfg, data, extack);
	if (err)
		return err;

	lsw_cfg_change(&lsw->cfg, data);
	if (data[IFLA_LSW_AGEING])
		lsw_ageing_changed(lsw);
	return 0;
}

static void lsw_dev_dellink(struct net_device *dev, struct list_head *head)
{
	struct lsw_dev *lsw = netdev_priv(dev);

	list_del_rcu(&lsw->node);
	unregister_netdevice_queue(dev, head);
}

static size_t lsw_dev_get_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(u32)) +		/* VNI */
	       nla_total_size(sizeof(struct in6_addr)) + /* LOCAL(6) */
	       nla_total_size(sizeof(u32)) +		/* LINK */
	       nla_total_size(sizeof(__be16)) +		/* PORT */
	       nla_total_size(sizeof(struct ifla_lsw_port_range)) +
	       nla_total_size(sizeof(u8)) +		/* TTL */
	       nla_total_size(sizeof(u8)) +		/* TTL_INHERIT */
	       nla_total_size(sizeof(u8)) +		/* TOS */
	       nla_total_size(sizeof(u8)) +		/* TOS_INHERIT */
	       nla_total_size(sizeof(u8)) +		/* DF */
	       nla_total_size(sizeof(u8)) +		/* ENCAP */
	       nla_total_size(sizeof(u8)) +		/* LEARNING */
	       nla_total_size(sizeof(u32)) +		/* AGEING */
	       nla_total_size(sizeof(u32)) +		/* MAC_LIMIT */
	       nla_total_size(sizeof(u32)) +		/* ARP_LIMIT */
	       nla_total_size(sizeof(u8)) +		/* ARP_SUPPRESS */
	       nla_total_size(sizeof(u8)) +		/* STRICT_VTEP */
	       nla_total_size(sizeof(u8)) +		/* UDP_CSUM */
	       nla_total_size(sizeof(u8)) +		/* UDP_ZERO_CSUM6_TX */
	       nla_total_size(sizeof(u8)) +		/* UDP_ZERO_CSUM6_RX */
	       nla_total_size(sizeof(u8)) +		/* METADATA */
	       nla_total_size(sizeof(u32)) +		/* MISS_INTERVAL */
	       nla_total_size(sizeof(u32)) +		/* MISS_RATE */
	       nla_total_size(sizeof(u32)) +		/* ARP_HOLD */
	       nla_total_size(sizeof(u32)) +		/* ARP_HOLD_LIMIT */
	       nla_total_size(sizeof(u8)) +		/* IP_TOFU */
	       nla_total_size(sizeof(u32)) +		/* SEGMENT */
	       nla_total_size(sizeof(u8)) +		/* REPLICATION */
	       nla_total_size(sizeof(struct in6_addr)); /* GROUP(6) */
}

static int lsw_dev_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	const struct lsw_dev *lsw = netdev_priv(dev);
	const struct lsw_cfg *cfg = &lsw->cfg;
	struct ifla_lsw_port_range range = {
		.low = htons(cfg->port_min),
		.high = htons(cfg->port_max),
	};

	if (nla_put_u32(skb, IFLA_LSW_VNI, cfg->vni))
		return -EMSGSIZE;

	if (cfg->family == AF_INET6) {
		if (nla_put_in6_addr(skb, IFLA_LSW_LOCAL6, &cfg->local.ip6))
			return -EMSGSIZE;
	} else {
		if (nla_put_in_addr(skb, IFLA_LSW_LOCAL, cfg->local.ip4))
			return -EMSGSIZE;
	}

	if (nla_put_u32(skb, IFLA_LSW_LINK, cfg->link) ||
	    nla_put_be16(skb, IFLA_LSW_PORT, cfg->port) ||
	    nla_put(skb, IFLA_LSW_PORT_RANGE, sizeof(range), &range) ||
	    nla_put_u8(skb, IFLA_LSW_TTL, cfg->ttl) ||
	    nla_put_u8(skb, IFLA_LSW_TTL_INHERIT, cfg->ttl_inherit) ||
	    nla_put_u8(skb, IFLA_LSW_TOS, cfg->tos) ||
	    nla_put_u8(skb, IFLA_LSW_TOS_INHERIT, cfg->tos_inherit) ||
	    nla_put_u8(skb, IFLA_LSW_DF, cfg->df) ||
	    nla_put_u8(skb, IFLA_LSW_ENCAP, cfg->encap) ||
	    nla_put_u8(skb, IFLA_LSW_LEARNING, cfg->learning) ||
	    nla_put_u32(skb, IFLA_LSW_AGEING, cfg->ageing) ||
	    nla_put_u32(skb, IFLA_LSW_MAC_LIMIT, cfg->mac_limit) ||
	    nla_put_u32(skb, IFLA_LSW_ARP_LIMIT, cfg->arp_limit) ||
	    nla_put_u8(skb, IFLA_LSW_ARP_SUPPRESS, cfg->arp_suppress) ||
	    nla_put_u8(skb, IFLA_LSW_STRICT_VTEP, cfg->strict_vtep) ||
	    nla_put_u8(skb, IFLA_LSW_UDP_CSUM, cfg->udp_csum) ||
	    nla_put_u8(skb, IFLA_LSW_UDP_ZERO_CSUM6_TX,
		       cfg->udp_zero_csum6_tx) ||
	    nla_put_u8(skb, IFLA_LSW_UDP_ZERO_CSUM6_RX,
		       cfg->udp_zero_csum6_rx) ||
	    nla_put_u8(skb, IFLA_LSW_METADATA, cfg->metadata) ||
	    nla_put_u32(skb, IFLA_LSW_MISS_INTERVAL, cfg->miss_interval) ||
	    nla_put_u32(skb, IFLA_LSW_MISS_RATE, cfg->miss_rate) ||
	    nla_put_u32(skb, IFLA_LSW_ARP_HOLD, cfg->arp_hold) ||
	    nla_put_u32(skb, IFLA_LSW_ARP_HOLD_LIMIT, cfg->arp_hold_limit) ||
	    nla_put_u8(skb, IFLA_LSW_IP_TOFU, cfg->ip_tofu) ||
	    nla_put_u32(skb, IFLA_LSW_SEGMENT, cfg->segment) ||
	    nla_put_u8(skb, IFLA_LSW_REPLICATION, cfg->replication))
		return -EMSGSIZE;

	if (lsw_has_group(cfg) &&
	    (cfg->family == AF_INET6 ?
	     nla_put_in6_addr(skb, IFLA_LSW_GROUP6, &cfg->group.ip6) :
	     nla_put_in_addr(skb, IFLA_LSW_GROUP, cfg->group.ip4)))
		return -EMSGSIZE;

	return 0;
}

static struct net *lsw_dev_get_link_net(const struct net_device *dev)
{
	return dev_net(dev);
}

static struct rtnl_link_ops lsw_link_ops __read_mostly = {
	.kind		= LSW_LINK_KIND,
	.priv_size	= sizeof(struct lsw_dev),
	.maxtype	= IFLA_LSW_MAX,
	.policy		= lsw_policy,
	.setup		= lsw_dev_setup,
	.validate	= lsw_dev_validate,
	.newlink	= lsw_dev_newlink,
	.changelink	= lsw_dev_changelink,
	.dellink	= lsw_dev_dellink,
	.get_size	= lsw_dev_get_size,
	.fill_info	= lsw_dev_fill_info,
	.get_link_net	= lsw_dev_get_link_net,
};

int __init lsw_dev_init(void)
{
	return rtnl_link_register(&lsw_link_ops);
}

void lsw_dev_exit(void)
{
	rtnl_link_unregister(&lsw_link_ops);
}
