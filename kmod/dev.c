// SPDX-License-Identifier: GPL-2.0
/*
 * The "lsw" network device: one per logical switch.
 *
 * The device's own interface is the host's port on the switch.  Its life
 * cycle follows rtnetlink: created by "ip link add ... type lsw", removed
 * by "ip link del", with its netns, or when the module goes away.
 */

#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/module.h>
#include <net/rtnetlink.h>
#include <linux/lsw.h>

#include "lsw.h"

static int lsw_dev_ndo_init(struct net_device *dev)
{
	struct lsw_dev *lsw = netdev_priv(dev);

	lsw->stats = netdev_alloc_pcpu_stats(struct lsw_pcpu_stats);
	if (!lsw->stats)
		return -ENOMEM;
	return 0;
}

static void lsw_dev_ndo_uninit(struct net_device *dev)
{
	struct lsw_dev *lsw = netdev_priv(dev);

	free_percpu(lsw->stats);
	lsw->stats = NULL;
}

static int lsw_dev_open(struct net_device *dev)
{
	netif_carrier_on(dev);
	return 0;
}

static int lsw_dev_stop(struct net_device *dev)
{
	netif_carrier_off(dev);
	return 0;
}

/* No datapath yet: what the host sends into the switch goes nowhere. */
static netdev_tx_t lsw_dev_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct lsw_dev *lsw = netdev_priv(dev);
	struct lsw_pcpu_stats *s = this_cpu_ptr(lsw->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->tx_dropped);
	u64_stats_update_end(&s->syncp);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

static void lsw_dev_get_stats64(struct net_device *dev,
				struct rtnl_link_stats64 *tot)
{
	struct lsw_dev *lsw = netdev_priv(dev);
	int cpu;

	for_each_possible_cpu(cpu) {
		const struct lsw_pcpu_stats *s = per_cpu_ptr(lsw->stats, cpu);
		u64 rxp, rxb, txp, txb, txd;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			rxp = u64_stats_read(&s->rx_packets);
			rxb = u64_stats_read(&s->rx_bytes);
			txp = u64_stats_read(&s->tx_packets);
			txb = u64_stats_read(&s->tx_bytes);
			txd = u64_stats_read(&s->tx_dropped);
		} while (u64_stats_fetch_retry(&s->syncp, start));

		tot->rx_packets += rxp;
		tot->rx_bytes += rxb;
		tot->tx_packets += txp;
		tot->tx_bytes += txb;
		tot->tx_dropped += txd;
	}
}

static const struct net_device_ops lsw_netdev_ops = {
	.ndo_init		= lsw_dev_ndo_init,
	.ndo_uninit		= lsw_dev_ndo_uninit,
	.ndo_open		= lsw_dev_open,
	.ndo_stop		= lsw_dev_stop,
	.ndo_start_xmit		= lsw_dev_xmit,
	.ndo_get_stats64	= lsw_dev_get_stats64,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
};

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
	SET_NETDEV_DEVTYPE(dev, &lsw_device_type);

	/* A switch has no queue of its own to stop: frames are forwarded
	 * (or dropped) in the caller's context.
	 */
	dev->priv_flags |= IFF_NO_QUEUE;
	lsw_compat_set_lltx(dev);
	eth_hw_addr_random(dev);

	lsw->dev = dev;
}

static int lsw_dev_validate(struct nlattr *tb[], struct nlattr *data[],
			    struct netlink_ext_ack *extack)
{
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
	return 0;
}

static struct rtnl_link_ops lsw_link_ops __read_mostly = {
	.kind		= LSW_LINK_KIND,
	.priv_size	= sizeof(struct lsw_dev),
	.setup		= lsw_dev_setup,
	.validate	= lsw_dev_validate,
};

int __init lsw_dev_init(void)
{
	return rtnl_link_register(&lsw_link_ops);
}

void lsw_dev_exit(void)
{
	rtnl_link_unregister(&lsw_link_ops);
}
