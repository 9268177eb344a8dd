// SPDX-License-Identifier: GPL-2.0
/*
 * The UDP tunnel sockets: one per network namespace, address family and
 * UDP port, shared by every lsw device that uses it.
 *
 * A socket speaks one encapsulation, VXLAN or Geneve: a UDP port carries
 * one or the other in a network namespace, whatever the underlay family
 * (newlink refuses a device of the other encapsulation on a port in use).
 * Keying the sockets by encapsulation too would only move the conflict
 * to bind(), with EADDRINUSE and no word of why; and a port whose meaning
 * depends on the address family is one a peer cannot know.  VXLAN and
 * Geneve switches live side by side on their own ports.
 *
 * A device takes its socket when it comes up and lets go of it when it
 * goes down; the last device to go down closes it.  So a host with a
 * thousand VNIs on port 4789 has one IPv4 socket, and the port is only
 * bound while a switch uses it.
 *
 * Each socket demultiplexes what it receives by VNI, through a hash of
 * the devices that are up on it.  Receiving runs under RCU only: the
 * socket list and the device hash change under RTNL, and a device leaves
 * the hash (and forgets its socket) a grace period before it may go away.
 *
 * A switch with an underlay multicast group (IFLA_LSW_GROUP*) joins it on
 * its socket while it is up; switches that share a socket and a group
 * (and an underlay device) join once, and the last to go down leaves.
 * The socket does not loop back what it sends to a group: a host is no
 * receiver of its own floods.
 *
 * Encapsulated packets for a VNI that no device here has, and packets too
 * short to carry a VNI, have no device to be counted on: they count as
 * drops of the socket itself, which /proc/net/udp (and udp6) shows in its
 * "drops" column and "ss -u -a -m" as "d".
 */

#include <linux/igmp.h>
#include <linux/rculist.h>
#include <linux/rhashtable.h>
#include <net/ipv6_stubs.h>
#include <net/netns/generic.h>
#include <net/sock.h>
#include <net/udp.h>
#include <net/udp_tunnel.h>

#include "lsw.h"

/* What the socket's encap_type says: lsw's own receive, either header. */
#define LSW_UDP_ENCAP	1

struct lsw_sock {
	struct list_head node;		/* lsw_net.socks, RTNL */
	struct socket *sock;
	struct rhashtable vnis;		/* lsw_dev by cfg.vni, RCU */
	sa_family_t family;
	__be16 port;
	u8 encap;			/* enum lsw_encap */
	unsigned int users;		/* RTNL */
};

static const struct rhashtable_params lsw_sock_vni_params = {
	.key_len		= sizeof(u32),
	.key_offset		= offsetof(struct lsw_dev, cfg.vni),
	.head_offset		= offsetof(struct lsw_dev, vni_node),
	.automatic_shrinking	= true,
};

struct sock *lsw_sock_sk_rcu(struct lsw_dev *lsw)
{
	struct lsw_sock *ls = rcu_dereference(lsw->sock);

	return ls ? ls->sock->sk : NULL;
}

/* The device that is up on @ls for @vni, or NULL. */
static struct lsw_dev *lsw_sock_find(struct lsw_sock *ls, u32 vni)
{
	return rhashtable_lookup(&ls->vnis, &vni, lsw_sock_vni_params);
}

/*
 * The device the header at @hdr (LSW_ENCAP_HLEN bytes, the fixed part)
 * is for, by its VNI field, whatever the rest of the header says.
 */
static struct lsw_dev *lsw_sock_find_hdr(struct lsw_sock *ls, const void *hdr)
{
	if (ls->encap == LSW_ENCAP_GENEVE)
		return lsw_sock_find(ls, lsw_geneve_vni(hdr));
	return lsw_sock_find(ls, lsw_vxlan_vni(hdr));
}

/* Whether the fixed part of the header at @hdr is one lsw may take. */
static bool lsw_sock_hdr_valid(const struct lsw_sock *ls, const void *hdr)
{
	if (ls->encap == LSW_ENCAP_GENEVE)
		return lsw_geneve_valid(hdr);
	return lsw_vxlan_valid(hdr);
}

/*
 * encap_rcv: a UDP packet to the socket's port, its checksum verified,
 * skb->data at its UDP header.  Every packet is consumed here: returning
 * it to UDP would queue it on a socket nobody reads.
 */
static int lsw_sock_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct lsw_sock *ls = rcu_dereference_sk_user_data(sk);
	struct lsw_dev *lsw;

	if (!ls || !pskb_may_pull(skb, sizeof(struct udphdr) + LSW_ENCAP_HLEN))
		goto drop;

	/* The VNI field finds the device even when the rest of the header
	 * is bad: lsw_rcv() counts that on the device.
	 */
	lsw = lsw_sock_find_hdr(ls, udp_hdr(skb) + 1);
	if (!lsw)
		goto drop;

	lsw_rcv(lsw, skb);
	return 0;

drop:
	atomic_inc(&sk->sk_drops);
	kfree_skb(skb);
	return 0;
}

/*
 * encap_err_lookup: an ICMP error quotes a packet sent from the socket.
 * Claim it when the quoted VNI is one of ours, so that UDP hands the
 * error to the socket and its path MTU reaches the route to the VTEP.
 * skb's transport header is the quoted UDP header.
 */
static int lsw_sock_err_lookup(struct sock *sk, struct sk_buff *skb)
{
	const void *hdr;
	struct lsw_sock *ls;
	int err = 0;

	if (!pskb_may_pull(skb, skb_transport_offset(skb) +
			   sizeof(struct udphdr) + LSW_ENCAP_HLEN))
		return -EINVAL;
	hdr = skb_transport_header(skb) + sizeof(struct udphdr);

	rcu_read_lock();
	ls = rcu_dereference_sk_user_data(sk);
	if (!ls || !lsw_sock_hdr_valid(ls, hdr) || !lsw_sock_find_hdr(ls, hdr))
		err = -ENOENT;
	rcu_read_unlock();
	return err;
}

static struct lsw_sock *lsw_sock_create(struct net *net, sa_family_t family,
					__be16 port, u8 encap)
{
	struct udp_tunnel_sock_cfg tcfg = {
		.encap_type		= LSW_UDP_ENCAP,
		.encap_rcv		= lsw_sock_rcv,
		.encap_err_lookup	= lsw_sock_err_lookup,
	};
	struct udp_port_cfg ucfg = {
		.family			= family,
		.local_udp_port		= port,
	};
	struct lsw_sock *ls;
	int err, off = 0;

	if (family == AF_INET6) {
		/* IPv4 has a socket of its own on the same port. */
		ucfg.ipv6_v6only = 1;
		/* Zero checksums reach lsw_rcv(), which accepts them or not
		 * per device (udp_zero_csum6_rx): devices share the socket.
		 */
		ucfg.use_udp6_rx_checksums = 0;
	}

	ls = kzalloc(sizeof(*ls), GFP_KERNEL);
	if (!ls)
		return ERR_PTR(-ENOMEM);
	ls->family = family;
	ls->port = port;
	ls->encap = encap;

	err = rhashtable_init(&ls->vnis, &lsw_sock_vni_params);
	if (err)
		goto err_free;

	err = udp_sock_create(net, &ucfg, &ls->sock);
	if (err)
		goto err_ht;

	/* What the host sends to a group, it does not receive itself. */
	err = ls->sock->ops->setsockopt(ls->sock,
					family == AF_INET6 ? SOL_IPV6 : SOL_IP,
					family == AF_INET6 ? IPV6_MULTICAST_LOOP :
							     IP_MULTICAST_LOOP,
					KERNEL_SOCKPTR(&off), sizeof(off));
	if (err) {
		udp_tunnel_sock_release(ls->sock);
		goto err_ht;
	}

	tcfg.sk_user_data = ls;
	lsw_gro_setup(&tcfg, encap);
	setup_udp_tunnel_sock(net, ls->sock, &tcfg);
	return ls;

err_ht:
	rhashtable_destroy(&ls->vnis);
err_free:
	kfree(ls);
	return ERR_PTR(err);
}

/* Under RTNL, once no device uses @ls and no reader can see it. */
static void lsw_sock_destroy(struct lsw_sock *ls)
{
	list_del(&ls->node);
	/* Clears sk_user_data and waits for receivers to finish. */
	udp_tunnel_sock_release(ls->sock);
	rhashtable_destroy(&ls->vnis);
	kfree(ls);
}

/*
 * Whether another device up on @ls has @lsw's group on its underlay
 * device: the socket is a member already, and stays one.  Under RTNL.
 */
static bool lsw_sock_group_shared(struct lsw_dev *lsw, struct lsw_sock *ls)
{
	struct lsw_net *ln = net_generic(dev_net(lsw->dev), lsw_net_id);
	struct lsw_dev *other;

	list_for_each_entry(other, &ln->devs, node)
		if (other != lsw && rtnl_dereference(other->sock) == ls &&
		    other->cfg.link == lsw->cfg.link &&
		    !memcmp(&other->cfg.group, &lsw->cfg.group,
			    sizeof(lsw->cfg.group)))
			return true;
	return false;
}

/* Join (@join) or leave the device's group on @ls. */
static int lsw_sock_group(struct lsw_dev *lsw, struct lsw_sock *ls, bool join)
{
	const struct lsw_cfg *cfg = &lsw->cfg;
	struct sock *sk = ls->sock->sk;
	int err;

	if (!lsw_has_group(cfg) || lsw_sock_group_shared(lsw, ls))
		return 0;

	lock_sock(sk);
#if IS_ENABLED(CONFIG_IPV6)
	if (cfg->family == AF_INET6) {
		err = join ? ipv6_stub->ipv6_sock_mc_join(sk, cfg->link,
							  &cfg->group.ip6) :
			     ipv6_stub->ipv6_sock_mc_drop(sk, cfg->link,
							  &cfg->group.ip6);
		release_sock(sk);
		return err;
	}
#endif
	{
		struct ip_mreqn mreq = {
			.imr_multiaddr.s_addr	= cfg->group.ip4,
			.imr_ifindex		= cfg->link,
		};

		err = join ? ip_mc_join_group(sk, &mreq) :
			     ip_mc_leave_group(sk, &mreq);
	}
	release_sock(sk);
	return err;
}

/*
 * ndo_open: take the socket of the device's family and port, creating it
 * if this is its first user, and start receiving for the device's VNI.
 */
int lsw_sock_open(struct lsw_dev *lsw)
{
	struct net *net = dev_net(lsw->dev);
	struct lsw_net *ln = net_generic(net, lsw_net_id);
	const struct lsw_cfg *cfg = &lsw->cfg;
	struct lsw_sock *ls;
	bool found = false;
	int err;

	ASSERT_RTNL();

	list_for_each_entry(ls, &ln->socks, node) {
		if (ls->family == cfg->family && ls->port == cfg->port) {
			found = true;
			break;
		}
	}
	/* newlink keeps a port to one encapsulation: this is a bug. */
	if (found && WARN_ON_ONCE(ls->encap != cfg->encap))
		return -EADDRINUSE;
	if (!found) {
		ls = lsw_sock_create(net, cfg->family, cfg->port, cfg->encap);
		if (IS_ERR(ls))
			return PTR_ERR(ls);
		list_add(&ls->node, &ln->socks);
	}

	/* newlink keeps VNIs unique per netns, family and port. */
	err = rhashtable_lookup_insert_fast(&ls->vnis, &lsw->vni_node,
					    lsw_sock_vni_params);
	if (err)
		goto err_put;
	err = lsw_sock_group(lsw, ls, true);
	if (err) {
		rhashtable_remove_fast(&ls->vnis, &lsw->vni_node,
				       lsw_sock_vni_params);
		synchronize_net();
		goto err_put;
	}
	ls->users++;
	rcu_assign_pointer(lsw->sock, ls);
	return 0;

err_put:
	if (!ls->users)
		lsw_sock_destroy(ls);
	return err;
}

/*
 * ndo_stop: stop receiving for the device's VNI and let go of the
 * socket.  After the grace period, no frame the device sends or receives
 * is still using it.
 */
void lsw_sock_close(struct lsw_dev *lsw)
{
	struct lsw_sock *ls = rtnl_dereference(lsw->sock);

	if (!ls)
		return;

	rhashtable_remove_fast(&ls->vnis, &lsw->vni_node, lsw_sock_vni_params);
	RCU_INIT_POINTER(lsw->sock, NULL);
	/* A group is left once no device up on the socket has it. */
	lsw_sock_group(lsw, ls, false);
	synchronize_net();

	if (--ls->users == 0)
		lsw_sock_destroy(ls);
}
