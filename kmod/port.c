// SPDX-License-Identifier: GPL-2.0
/*
 * Ports of a logical switch: the devices enslaved to an lsw device
 * ("ip link set tap0 master lsw5001"), usually a VM's tap or veth.
 *
 * A port's frames go to the switch through an rx handler; the port is
 * linked below the lsw device as its master, which is what rtnetlink
 * shows and what keeps a device from being a port of two switches.  A
 * port leaves the switch when it is released, when it is unregistered
 * (or moves to another netns), and when the switch goes away.
 *
 * Each port, the host's included, may have an identity in OVN: the key
 * and the name of its logical port (nl_port.c sets them).  A key is
 * unique within the switch: the switch's port_keys finds the port of a
 * key for the datapath, under RCU (an OVN egress key names the port a
 * frame from the underlay goes to).  Keys, names and port_keys change
 * under RTNL, as the ports themselves do; a port's identity goes with it.
 */

#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/rculist.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "lsw.h"

/*
 * Every frame a port receives goes to the switch (fwd.c); the port's own
 * stack sees none of them, as for a bridge port.
 */
static rx_handler_result_t lsw_port_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct lsw_port *port;

	/* The port's own multicast, looped back to its stack, not ours. */
	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;

	/* Taps may hold it too: the switch changes it. */
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return RX_HANDLER_CONSUMED;

	port = rcu_dereference(skb->dev->rx_handler_data);
	lsw_fwd_from_port(port, skb);
	return RX_HANDLER_CONSUMED;
}

/* The port a device is, in any switch, or NULL. */
static struct lsw_port *lsw_port_get_rtnl(const struct net_device *dev)
{
	if (rcu_access_pointer(dev->rx_handler) != lsw_port_rx)
		return NULL;
	return rtnl_dereference(dev->rx_handler_data);
}

/* The port @dev is: its own switch's host port, or a port of some switch. */
struct lsw_port *lsw_port_of_dev_rtnl(struct net_device *dev)
{
	if (lsw_is_lsw_dev(dev))
		return &((struct lsw_dev *)netdev_priv(dev))->host_port;
	return lsw_port_get_rtnl(dev);
}

/*
 * The port of @lsw, the host's included, with the smallest ifindex above
 * @after; NULL if none: dumps walk the ports in that order, so that one
 * resumes where the last stopped whatever joined or left meanwhile.
 */
struct lsw_port *lsw_port_next_rtnl(struct lsw_dev *lsw, int after)
{
	struct lsw_port *port, *best = NULL;

	ASSERT_RTNL();

	if (lsw->dev->ifindex > after)
		best = &lsw->host_port;
	list_for_each_entry(port, &lsw->ports, list)
		if (port->dev->ifindex > after &&
		    (!best || port->dev->ifindex < best->dev->ifindex))
			best = port;
	return best;
}

/*
 * Give @port the OVN key @key, 0 for none.  The new key is found before
 * the old one is forgotten: a frame for either may be in flight.
 */
int lsw_port_set_key(struct lsw_port *port, u16 key,
		     struct netlink_ext_ack *extack)
{
	struct lsw_dev *lsw = port->lsw;
	struct lsw_port *other;
	u16 old = port->key;
	int err;

	ASSERT_RTNL();

	if (key == old)
		return 0;
	if (key) {
		other = xa_load(&lsw->port_keys, key);
		if (other) {
			lsw_compat_err_fmt(extack,
					   "Key is in use by another port of the switch",
					   "Key %u is in use by port %s", key,
					   other->dev->name);
			return -EEXIST;
		}
		err = xa_insert(&lsw->port_keys, key, port, GFP_KERNEL);
		if (err)
			return err;
	}
	if (old)
		xa_erase(&lsw->port_keys, old);
	WRITE_ONCE(port->key, key);
	return 0;
}

struct lsw_port *lsw_port_lookup_rcu(struct lsw_dev *lsw, int ifindex)
{
	struct net_device *dev;
	struct lsw_port *port;

	if (ifindex == lsw->dev->ifindex)
		return &lsw->host_port;

	dev = dev_get_by_index_rcu(dev_net(lsw->dev), ifindex);
	if (!dev || rcu_access_pointer(dev->rx_handler) != lsw_port_rx)
		return NULL;
	/* Unregistering the handler waits for us before clearing this. */
	port = rcu_dereference_rtnl(dev->rx_handler_data);
	return port && port->lsw == lsw ? port : NULL;
}

static int lsw_port_check(struct lsw_dev *lsw, struct net_device *port_dev,
			  struct netlink_ext_ack *extack)
{
	struct net_device *master;

	if (lsw_is_lsw_dev(port_dev)) {
		NL_SET_ERR_MSG(extack,
			       "An lsw device cannot be a port of a switch");
		return -EINVAL;
	}
	if (port_dev->type != ARPHRD_ETHER || port_dev->addr_len != ETH_ALEN ||
	    (port_dev->flags & IFF_LOOPBACK)) {
		NL_SET_ERR_MSG(extack,
			       "Only Ethernet devices can be ports of a switch");
		return -EINVAL;
	}
	if (!net_eq(dev_net(port_dev), dev_net(lsw->dev))) {
		NL_SET_ERR_MSG(extack, "A port must be in the switch's netns");
		return -EINVAL;
	}
	if (port_dev->ifindex == lsw->cfg.link) {
		NL_SET_ERR_MSG(extack,
			       "The underlay device cannot be a port of the switch");
		return -EINVAL;
	}

	master = netdev_master_upper_dev_get(port_dev);
	if (master) {
		if (lsw_is_lsw_dev(master))
			NL_SET_ERR_MSG(extack,
				       "Device is already a port of a switch");
		else
			NL_SET_ERR_MSG(extack,
				       "Device already has a master device");
		return -EBUSY;
	}
	if (netdev_is_rx_handler_busy(port_dev)) {
		NL_SET_ERR_MSG(extack,
			       "Device already has an rx handler (macvlan, ipvlan, ...)");
		return -EBUSY;
	}
	if (netdev_has_upper_dev(lsw->dev, port_dev)) {
		NL_SET_ERR_MSG(extack,
			       "Device is stacked on top of the switch");
		return -ELOOP;
	}
	return 0;
}

int lsw_port_add(struct lsw_dev *lsw, struct net_device *port_dev,
		 struct netlink_ext_ack *extack)
{
	struct lsw_port *port;
	int err;

	ASSERT_RTNL();

	err = lsw_port_check(lsw, port_dev, extack);
	if (err)
		return err;

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return -ENOMEM;
	port->dev = port_dev;
	port->lsw = lsw;

	/* Tell netpoll and friends that the device now belongs to us. */
	call_netdevice_notifiers(NETDEV_JOIN, port_dev);

	/* A switch port takes frames for every MAC behind it. */
	err = dev_set_promiscuity(port_dev, 1);
	if (err)
		goto err_free;

	err = netdev_rx_handler_register(port_dev, lsw_port_rx, port);
	if (err)
		goto err_promisc;

	err = netdev_master_upper_dev_link(port_dev, lsw->dev, NULL, NULL,
					   extack);
	if (err)
		goto err_rx_handler;

	/* Frames are forwarded as they came in: no aggregation. */
	dev_disable_lro(port_dev);

	list_add_tail_rcu(&port->list, &lsw->ports);
	lsw_nl_notify_port(port, LSW_EVENT_ADDED);
	return 0;

err_rx_handler:
	netdev_rx_handler_unregister(port_dev);
err_promisc:
	dev_set_promiscuity(port_dev, -1);
err_free:
	kfree(port);
	return err;
}

static void lsw_port_release(struct lsw_port *port)
{
	struct net_device *port_dev = port->dev;
	struct lsw_dev *lsw = port->lsw;

	/* What left: the port as it was, its identity included. */
	lsw_nl_notify_port(port, LSW_EVENT_DELETED);
	if (port->key)
		xa_erase(&lsw->port_keys, port->key);

	/* No MAC entry may point at the port once it is flushed. */
	spin_lock_bh(&lsw->lock);
	WRITE_ONCE(port->dead, true);
	spin_unlock_bh(&lsw->lock);
	lsw_mac_flush_port(lsw, port);

	list_del_rcu(&port->list);
	lsw_psec_set(port, NULL);
	netdev_upper_dev_unlink(port_dev, lsw->dev);
	netdev_rx_handler_unregister(port_dev);
	dev_set_promiscuity(port_dev, -1);

	/* The datapath may still hold it, from the list or a MAC entry. */
	kfree_rcu(port, rcu);
}

int lsw_port_del(struct lsw_dev *lsw, struct net_device *port_dev)
{
	struct lsw_port *port;

	ASSERT_RTNL();

	port = lsw_port_get_rtnl(port_dev);
	if (!port || port->lsw != lsw)
		return -EINVAL;

	lsw_port_release(port);
	return 0;
}

void lsw_port_del_all(struct lsw_dev *lsw)
{
	struct lsw_port *port, *tmp;

	ASSERT_RTNL();

	list_for_each_entry_safe(port, tmp, &lsw->ports, list)
		lsw_port_release(port);
}

static int lsw_port_event(struct notifier_block *nb, unsigned long event,
			  void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct lsw_port *port;

	port = lsw_port_get_rtnl(dev);
	if (!port)
		return NOTIFY_DONE;

	switch (event) {
	case NETDEV_UNREGISTER:
		/* Also on the way to another netns. */
		lsw_port_release(port);
		break;
	case NETDEV_PRE_TYPE_CHANGE:
		/* A port stays an Ethernet device. */
		return NOTIFY_BAD;
	}
	return NOTIFY_DONE;
}

static struct notifier_block lsw_port_notifier = {
	.notifier_call = lsw_port_event,
};

int __init lsw_port_init(void)
{
	return register_netdevice_notifier(&lsw_port_notifier);
}

void lsw_port_exit(void)
{
	unregister_netdevice_notifier(&lsw_port_notifier);
}
