// SPDX-License-Identifier: GPL-2.0
/*
 * The ports of the switches and their identity in OVN, over the "lsw"
 * family: PORT_GET (one port, or a dump of every port of one switch or
 * of all of them, the host's included), PORT_SET (a port's key and name)
 * and PORT_NTF (a port joined, left, or changed).
 *
 * Not rtnetlink slave attributes: ip(8) cannot set the slave data of a
 * kind it does not know, and a port will carry more than two values.
 *
 * A request names a port by its own ifindex: the switch is the port's
 * master (or the lsw device itself, for the host's port), which a
 * request may name too.  Ports, keys and names change under RTNL, which
 * these handlers take: a port cannot leave while it is being read or set.
 */

#include <net/genetlink.h>
#include <net/netlink.h>

#include "lsw.h"
#include "nl.h"
#include "netlink-gen.h"

static int lsw_nl_fill_port(struct sk_buff *skb, const struct lsw_dev *lsw,
			    const void *entry)
{
	const struct lsw_port *port = entry;
	struct nlattr *nest = nla_nest_start(skb, LSW_A_PORT);

	if (!nest ||
	    nla_put_u32(skb, LSW_PORT_A_IFINDEX, port->dev->ifindex) ||
	    nla_put_string(skb, LSW_PORT_A_IFNAME, port->dev->name) ||
	    nla_put_u32(skb, LSW_PORT_A_KEY, port->key) ||
	    nla_put_string(skb, LSW_PORT_A_NAME, port->name) ||
	    lsw_psec_fill(skb, port))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* The replies name the switch: it is the port's master, shown as such. */
const struct lsw_nl_table lsw_nl_ports = {
	.get_cmd	= LSW_CMD_PORT_GET,
	.ntf_cmd	= LSW_CMD_PORT_NTF,
	.named		= true,
	.fill		= lsw_nl_fill_port,
};

/* Under RTNL: the port's switch and the port, as they are now. */
void lsw_nl_notify_port(const struct lsw_port *port, enum lsw_event event)
{
	lsw_nl_notify(port->lsw, &lsw_nl_ports, port, event);
}

/*
 * The port that @attr (LSW_PORT_A_IFINDEX) names, under RTNL; it must be
 * a port of the switch the request names, if it names one.
 */
static struct lsw_port *lsw_nl_port_find(struct genl_info *info,
					 struct nlattr *attr)
{
	struct lsw_dev *lsw = info->user_ptr[0];
	struct net_device *dev;
	struct lsw_port *port;

	ASSERT_RTNL();

	dev = __dev_get_by_index(genl_info_net(info), nla_get_u32(attr));
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "No such device");
		return ERR_PTR(-ENODEV);
	}
	port = lsw_port_of_dev_rtnl(dev);
	if (!port) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "Not a port of a switch (nor an lsw device)");
		return ERR_PTR(-ENODEV);
	}
	if (lsw && port->lsw != lsw) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "Not a port of this switch");
		return ERR_PTR(-ENODEV);
	}
	return port;
}

/* The port ifindex of nest @nest, indexed in @tb, which must be there. */
static struct nlattr *lsw_nl_port_ifindex(struct genl_info *info,
					  struct nlattr *nest,
					  struct nlattr **tb)
{
	if (!tb[LSW_PORT_A_IFINDEX]) {
		NL_SET_ERR_ATTR_MISS(info->extack, nest, LSW_PORT_A_IFINDEX);
		NL_SET_ERR_MSG_MOD(info->extack, "Missing port ifindex");
	}
	return tb[LSW_PORT_A_IFINDEX];
}

int lsw_nl_port_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[LSW_PORT_A_IFINDEX + 1];
	struct lsw_port *port;
	struct nlattr *nest;
	int err;

	/* The port's ifindex and nothing else: the rest is the reply's. */
	nest = lsw_nl_get_key(info, LSW_A_PORT, LSW_PORT_A_IFINDEX,
			      lsw_port_nl_policy, tb);
	if (!nest || !lsw_nl_port_ifindex(info, nest, tb))
		return -EINVAL;

	rtnl_lock();
	port = lsw_nl_port_find(info, tb[LSW_PORT_A_IFINDEX]);
	err = IS_ERR(port) ? PTR_ERR(port) :
			     lsw_nl_get_reply(info, port->lsw, &lsw_nl_ports,
					      port);
	rtnl_unlock();
	return err;
}

/*
 * One port of a PORT_SET request: its port security is read first and
 * its key set next, which may fail; then nothing does.
 */
static int lsw_nl_port_set_one(struct genl_info *info, struct nlattr *nest,
			       struct nlattr **tb, bool replace)
{
	struct lsw_psec *psec = NULL;
	struct lsw_port *port;
	bool changed = false;
	int err;

	if (!lsw_nl_port_ifindex(info, nest, tb))
		return -EINVAL;
	if (!tb[LSW_PORT_A_KEY] && !tb[LSW_PORT_A_NAME] &&
	    !tb[LSW_PORT_A_SECURITY]) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "Nothing to set: give the port a key, a name or port security");
		return -EINVAL;
	}
	port = lsw_nl_port_find(info, tb[LSW_PORT_A_IFINDEX]);
	if (IS_ERR(port))
		return PTR_ERR(port);

	if (tb[LSW_PORT_A_SECURITY]) {
		psec = lsw_psec_parse(tb[LSW_PORT_A_SECURITY], info->extack);
		if (IS_ERR(psec))
			return PTR_ERR(psec);
	}

	if (tb[LSW_PORT_A_KEY]) {
		u16 key = nla_get_u32(tb[LSW_PORT_A_KEY]);

		if (key != port->key) {
			err = lsw_port_set_key(port, key, info->extack);
			if (err) {
				NL_SET_BAD_ATTR(info->extack,
						tb[LSW_PORT_A_KEY]);
				kfree(psec);
				return err;
			}
			changed = true;
		}
	}
	/* Replaced whole, even by the same: the reply says what it is. */
	if (tb[LSW_PORT_A_SECURITY]) {
		lsw_psec_set(port, psec);
		changed = true;
	}
	/* Read under RTNL only: no reader sees half of it. */
	if (tb[LSW_PORT_A_NAME] &&
	    nla_strcmp(tb[LSW_PORT_A_NAME], port->name)) {
		nla_strscpy(port->name, tb[LSW_PORT_A_NAME], sizeof(port->name));
		changed = true;
	}
	if (changed)
		lsw_nl_notify_port(port, LSW_EVENT_ADDED);
	return 0;
}

int lsw_nl_port_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	int err;

	rtnl_lock();
	err = lsw_nl_batch(info, LSW_A_PORT, LSW_PORT_A_MAX,
			   lsw_nl_port_set_one, true);
	rtnl_unlock();
	return err;
}

/*
 * A dump of one switch's ports (the switch the request names, its
 * ifindex in cb->args[0]) or of every switch's.  It goes through the
 * switches by ifindex and through each one's ports by ifindex, and
 * resumes after the last port it sent, kept in cb->args[1] (its switch)
 * and cb->args[2] (the port).
 */
int lsw_nl_port_dump_start(struct netlink_callback *cb)
{
	struct nlattr **attrs = lsw_compat_dump_attrs(cb);
	struct lsw_dev *lsw;

	if (!attrs[LSW_A_IFINDEX])
		return 0;
	lsw = lsw_nl_dev_get(sock_net(cb->skb->sk), attrs[LSW_A_IFINDEX],
			     cb->extack);
	if (!lsw)
		return -ENODEV;
	cb->args[0] = lsw->dev->ifindex;
	cb->args[1] = lsw->dev->ifindex;
	dev_put(lsw->dev);
	return 0;
}

int lsw_nl_port_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	int only = cb->args[0], from = cb->args[1], after = cb->args[2];
	struct lsw_port *port;
	struct lsw_dev *lsw;
	int err = 0;

	rtnl_lock();
	/* The switches from @from on, and in @from the ports after @after. */
	while ((lsw = lsw_nl_dev_next(net, from - 1))) {
		if (only && lsw->dev->ifindex != only) {
			dev_put(lsw->dev);
			break;
		}
		if (lsw->dev->ifindex != from)
			after = 0;
		from = lsw->dev->ifindex;
		while ((port = lsw_port_next_rtnl(lsw, after))) {
			err = lsw_nl_fill_msg(skb, &lsw_nl_ports, lsw, port,
					      NETLINK_CB(cb->skb).portid,
					      cb->nlh->nlmsg_seq, NLM_F_MULTI,
					      LSW_CMD_PORT_GET, 0, NULL);
			if (err)
				break;
			after = port->dev->ifindex;
		}
		dev_put(lsw->dev);
		if (err)
			break;	/* full: resume after @after */
		from++;
		after = 0;
	}
	rtnl_unlock();

	cb->args[1] = from;
	cb->args[2] = after;
	return skb->len;
}
