// SPDX-License-Identifier: GPL-2.0
/*
 * Holding a request for a controller to answer.  With IFLA_LSW_ARP_HOLD
 * set, a broadcast ARP request or multicast neighbour solicitation for an
 * address not in the ARP/ND table, whose miss a controller has been told
 * of (miss.c), waits up to that long in the switch instead of being
 * flooded.  If the address enters the table in time (a controller's
 * ARP_NEW or ARP_SET, or learning), the request goes through suppression
 * again and is answered locally: it never crosses the underlay.  If not,
 * it is flooded as it would have been at once.  Either way it goes on as
 * the frame it was, from the port it came from.
 *
 * The queue is bounded (IFLA_LSW_ARP_HOLD_LIMIT): a request that finds
 * it full is flooded at once, and counted (ARP_HOLD_FULL).
 *
 * The queue is touched from four places, whose contexts set its rules:
 *
 * - the datapath (softirq, or the host's transmit path with BH off)
 *   queues requests: lsw_hold();
 * - a table change (a netlink request in process context, or learning in
 *   softirq) takes the requests for its address out: lsw_hold_release();
 * - the timer (softirq) takes the expired ones out;
 * - the device's teardown (process context, RTNL) empties it for good:
 *   lsw_hold_close().
 *
 * So the queue's own lock is BH-safe, and only ever held to link or
 * unlink requests: what is taken out is sent on after the lock is
 * dropped, under RCU with BH off, as the datapath would send it.  A held
 * request keeps no pointer to its port, which may go away while it
 * waits: it names the port by ifindex, looked up again when it goes on;
 * nor to the device it came in on, which is the switch while it is held.
 *
 * A request queued while its answer arrives must not wait for nothing:
 * lsw_hold() looks the address up again once the request is queued, and
 * lsw_hold_release() looks at the queue once the entry is in the table.
 * With a full barrier between the write and the read on each side, at
 * least one of the two sees the other's write.
 *
 * Teardown closes the queue (nothing gets in any more), shuts the timer
 * down, and frees what is left.  The requests a release or the timer
 * took out just before are sent on by them, the device still there: held
 * by the netlink request that released them, or waited for by
 * timer_shutdown_sync().  Learning, the other releaser, runs in the
 * datapath, which the removal of the ports has drained by then.
 */

#include <linux/skbuff.h>
#include <linux/timer.h>

#include "lsw.h"

/* What a held request carries in skb->cb, for as long as it is held. */
struct lsw_hold_cb {
	struct lsw_neigh_key key;	/* the address it asks for */
	int port;			/* ifindex of the port that sent it */
	unsigned long deadline;		/* jiffies: flooded then */
};

static struct lsw_hold_cb *lsw_hold_cb(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct lsw_hold_cb) > sizeof_field(struct sk_buff, cb));
	return (struct lsw_hold_cb *)skb->cb;
}

/*
 * Send requests taken out of the queue on: answered if their address is
 * in the table now, flooded otherwise.  From process context or softirq.
 */
static void lsw_hold_send(struct lsw_dev *lsw, struct sk_buff_head *list)
{
	struct lsw_port *port;
	struct sk_buff *skb;

	if (skb_queue_empty(list))
		return;
	local_bh_disable();
	rcu_read_lock();
	while ((skb = __skb_dequeue(list))) {
		port = lsw_port_lookup_rcu(lsw, lsw_hold_cb(skb)->port);
		memset(skb->cb, 0, sizeof(skb->cb));
		if (!port || READ_ONCE(port->dead)) {
			/* Gone while its request waited. */
			lsw_stats_inc(lsw, LSW_STAT(DROP_DOWN));
			kfree_skb(skb);
			continue;
		}
		lsw_fwd_held(lsw, skb, port);
	}
	rcu_read_unlock();
	local_bh_enable();
}

/*
 * The timer, in softirq (BH is off already): flood what is due, and come
 * back for the next one.  The queue is in arrival order, but
 * IFLA_LSW_ARP_HOLD may have changed in between: every request's own
 * deadline counts.
 */
static void lsw_hold_expire(struct timer_list *t)
{
	struct lsw_dev *lsw = from_timer(lsw, t, hold.timer);
	struct lsw_hold *h = &lsw->hold;
	unsigned long now = jiffies, next = 0, deadline;
	struct sk_buff *skb, *tmp;
	struct sk_buff_head due;
	bool more = false;

	__skb_queue_head_init(&due);
	spin_lock(&h->queue.lock);
	skb_queue_walk_safe(&h->queue, skb, tmp) {
		deadline = lsw_hold_cb(skb)->deadline;
		if (time_after(deadline, now)) {
			if (!more || time_before(deadline, next))
				next = deadline;
			more = true;
			continue;
		}
		__skb_unlink(skb, &h->queue);
		__skb_queue_tail(&due, skb);
	}
	if (more && !h->closed)
		timer_reduce(&h->timer, next);
	spin_unlock(&h->queue.lock);

	lsw_hold_send(lsw, &due);
}

void lsw_hold_init(struct lsw_dev *lsw)
{
	skb_queue_head_init(&lsw->hold.queue);
	timer_setup(&lsw->hold.timer, lsw_hold_expire, 0);
	lsw->hold.closed = false;
}

/**
 * lsw_hold - hold a request for a controller's answer
 * @lsw: the switch
 * @skb: an ARP request or neighbour solicitation, skb->data at its
 *	Ethernet header
 * @key: the address it asks for, not in the ARP/ND table
 * @port: the port it came from
 *
 * Under RCU, with BH off.  The caller counts a request it floods.
 *
 * Return: true if the switch took @skb: it will be answered or flooded
 * later.  False if holding is off or the queue is full: the caller
 * floods it now.
 */
bool lsw_hold(struct lsw_dev *lsw, struct sk_buff *skb,
	      const struct lsw_neigh_key *key, const struct lsw_port *port)
{
	u32 hold = READ_ONCE(lsw->cfg.arp_hold);
	struct lsw_hold *h = &lsw->hold;
	struct lsw_hold_cb *cb;
	bool held = false;

	if (!hold)
		return false;

	spin_lock_bh(&h->queue.lock);
	if (h->closed)
		goto out;
	if (skb_queue_len(&h->queue) >= READ_ONCE(lsw->cfg.arp_hold_limit)) {
		lsw_stats_inc(lsw, LSW_STAT(ARP_HOLD_FULL));
		goto out;
	}
	/* skb->cb is the switch's only once it keeps the frame: one
	 * flooded now goes on as it came.
	 */
	cb = lsw_hold_cb(skb);
	cb->key = *key;
	cb->port = port->dev->ifindex;
	cb->deadline = jiffies + msecs_to_jiffies(hold);
	skb->dev = lsw->dev;
	__skb_queue_tail(&h->queue, skb);
	timer_reduce(&h->timer, cb->deadline);
	held = true;
out:
	spin_unlock_bh(&h->queue.lock);
	if (!held)
		return false;

	lsw_stats_inc(lsw, LSW_STAT(ARP_HELD));
	/* Pairs with the barrier in lsw_hold_release(). */
	smp_mb();
	if (lsw_neigh_lookup(lsw, key))
		lsw_hold_release(lsw, key);
	return true;
}

/**
 * lsw_hold_release - send the requests for an address that is in the table
 * @lsw: the switch
 * @key: the address, just added to the ARP/ND table
 *
 * Called once the entry is in the table, without the table lock.  The
 * requests are answered from the table, or flooded if the entry is gone
 * again already.
 */
void lsw_hold_release(struct lsw_dev *lsw, const struct lsw_neigh_key *key)
{
	struct lsw_hold *h = &lsw->hold;
	struct sk_buff *skb, *tmp;
	struct sk_buff_head due;

	/* Pairs with the barrier in lsw_hold(). */
	smp_mb();
	if (skb_queue_empty_lockless(&h->queue))
		return;

	__skb_queue_head_init(&due);
	spin_lock_bh(&h->queue.lock);
	skb_queue_walk_safe(&h->queue, skb, tmp) {
		if (memcmp(&lsw_hold_cb(skb)->key, key, sizeof(*key)))
			continue;
		__skb_unlink(skb, &h->queue);
		__skb_queue_tail(&due, skb);
	}
	spin_unlock_bh(&h->queue.lock);

	lsw_hold_send(lsw, &due);
}

/*
 * The switch goes away: nothing is held any more, and what was is
 * dropped with it.  Under RTNL, once its ports are gone.
 */
void lsw_hold_close(struct lsw_dev *lsw)
{
	struct lsw_hold *h = &lsw->hold;
	struct sk_buff_head left;

	__skb_queue_head_init(&left);
	spin_lock_bh(&h->queue.lock);
	h->closed = true;
	skb_queue_splice_init(&h->queue, &left);
	spin_unlock_bh(&h->queue.lock);

	timer_shutdown_sync(&h->timer);
	__skb_queue_purge(&left);
}
