// SPDX-License-Identifier: GPL-2.0
/*
 * The ARP/ND table: which MAC a VM's IPv4 or IPv6 address belongs to, so
 * that the switch can answer ARP requests and neighbour solicitations
 * itself instead of flooding them over the underlay.
 *
 * Same rules as the MAC table: static entries are a controller's and stay
 * as set; learned ones (snooped from ARP, ND and DHCP) move when another
 * MAC claims the address, age, and are bounded by the device's arp_limit.
 * Entries are swapped, never edited, once visible.  An address that
 * enters the table releases the requests for it that the switch holds
 * for a controller's answer (hold.c), whoever taught it.
 */

#include <linux/etherdevice.h>
#include <linux/rhashtable.h>

#include "lsw.h"

/*
 * As MAC entries: a slab cache of their own, since a VM cycling through
 * addresses fills the table up to arp_limit and the memory that takes
 * should be seen apart from kmalloc's (/sys/kernel/slab/lsw_neigh);
 * freed with call_rcu() so that the module's rcu_barrier() empties the
 * cache before it is destroyed.
 */
static struct kmem_cache *lsw_neigh_cache;

int lsw_neigh_cache_init(void)
{
	lsw_neigh_cache = KMEM_CACHE(lsw_neigh, 0);
	return lsw_neigh_cache ? 0 : -ENOMEM;
}

/* After rcu_barrier(). */
void lsw_neigh_cache_exit(void)
{
	kmem_cache_destroy(lsw_neigh_cache);
}

static void lsw_neigh_free(struct lsw_neigh *n)
{
	if (n)
		kmem_cache_free(lsw_neigh_cache, n);
}

static void lsw_neigh_free_rcu_cb(struct rcu_head *head)
{
	kmem_cache_free(lsw_neigh_cache,
			container_of(head, struct lsw_neigh, rcu));
}

static void lsw_neigh_free_rcu(struct lsw_neigh *n)
{
	call_rcu(&n->rcu, lsw_neigh_free_rcu_cb);
}

const struct rhashtable_params lsw_neigh_params = {
	.key_len		= sizeof(struct lsw_neigh_key),
	.key_offset		= offsetof(struct lsw_neigh, key),
	.head_offset		= offsetof(struct lsw_neigh, node),
	.automatic_shrinking	= true,
};

struct lsw_neigh *lsw_neigh_lookup(struct lsw_dev *lsw,
				   const struct lsw_neigh_key *key)
{
	return rhashtable_lookup(&lsw->tables->neighs, key, lsw_neigh_params);
}

static bool lsw_neigh_is_learned(const struct lsw_neigh *n)
{
	return n->flags & LSW_ENTRY_F_LEARNED;
}

/* Exact under lsw->lock; a hint without it (the learning fast path). */
static bool lsw_neigh_full(const struct lsw_dev *lsw)
{
	u32 limit = READ_ONCE(lsw->cfg.arp_limit);

	return limit && READ_ONCE(lsw->n_neighs) >= limit;
}

static struct lsw_neigh *lsw_neigh_new(const struct lsw_neigh_key *key,
				       const u8 *mac, u8 flags, gfp_t gfp)
{
	struct lsw_neigh *n = kmem_cache_zalloc(lsw_neigh_cache, gfp);

	if (n) {
		n->key = *key;
		ether_addr_copy(n->mac, mac);
		n->flags = flags;
		n->used = jiffies;
	}
	return n;
}

/* Under lsw->lock: @new goes in, in place of @old if given. */
static int lsw_neigh_publish(struct lsw_dev *lsw, struct lsw_neigh *old,
			     struct lsw_neigh *new)
{
	int err;

	if (old)
		err = rhashtable_replace_fast(&lsw->tables->neighs, &old->node,
					      &new->node, lsw_neigh_params);
	else
		err = rhashtable_insert_fast(&lsw->tables->neighs, &new->node,
					     lsw_neigh_params);
	if (err)
		return err;

	if (old) {
		lsw->n_learned -= lsw_neigh_is_learned(old);
		lsw_neigh_free_rcu(old);
	} else {
		WRITE_ONCE(lsw->n_neighs, lsw->n_neighs + 1);
	}
	lsw->n_learned += lsw_neigh_is_learned(new);
	lsw->gen++;
	return 0;
}

/* Under lsw->lock.  False if someone else removed it first. */
static bool lsw_neigh_remove(struct lsw_dev *lsw, struct lsw_neigh *n,
			     enum lsw_event event)
{
	if (rhashtable_remove_fast(&lsw->tables->neighs, &n->node, lsw_neigh_params))
		return false;
	WRITE_ONCE(lsw->n_neighs, lsw->n_neighs - 1);
	lsw->n_learned -= lsw_neigh_is_learned(n);
	lsw->gen++;
	lsw_nl_notify_neigh(lsw, n, event);
	lsw_neigh_free_rcu(n);
	return true;
}

int lsw_neigh_add(struct lsw_dev *lsw, const struct lsw_neigh_key *key,
		  const u8 *mac, u8 flags, bool replace,
		  struct netlink_ext_ack *extack)
{
	struct lsw_neigh *new, *old;
	int verdict;

	new = lsw_neigh_new(key, mac, flags, GFP_KERNEL);
	if (!new)
		return -ENOMEM;

	spin_lock_bh(&lsw->lock);
	if (lsw->dead) {
		verdict = -ENODEV;
		goto out;
	}
	old = rhashtable_lookup_fast(&lsw->tables->neighs, key, lsw_neigh_params);
	verdict = lsw_table_new_verdict(replace, old,
					old && old->flags == flags &&
					ether_addr_equal(old->mac, mac), extack);
	if (verdict < 0 || verdict == LSW_NEW_NOTHING)
		goto out;
	if (!old && lsw_neigh_full(lsw)) {
		NL_SET_ERR_MSG_MOD(extack, "ARP/ND table is full (arp_limit)");
		verdict = -ENOSPC;
		goto out;
	}
	if (lsw_neigh_publish(lsw, old, new)) {
		NL_SET_ERR_MSG_MOD(extack, "Cannot insert into the ARP/ND table");
		verdict = -ENOMEM;
		goto out;
	}
	lsw_nl_notify_neigh(lsw, new, LSW_EVENT_ADDED);
	if (lsw_neigh_is_learned(new))
		lsw_gc_kick(lsw);
	new = NULL;
out:
	spin_unlock_bh(&lsw->lock);
	if (new)
		lsw_neigh_free(new);
	else
		lsw_hold_release(lsw, key);
	return verdict < 0 ? verdict : 0;
}

int lsw_neigh_del(struct lsw_dev *lsw, const struct lsw_neigh_key *key,
		  struct netlink_ext_ack *extack)
{
	struct lsw_neigh *n;
	int err = -ENOENT;

	spin_lock_bh(&lsw->lock);
	n = rhashtable_lookup_fast(&lsw->tables->neighs, key, lsw_neigh_params);
	if (n && lsw_neigh_remove(lsw, n, LSW_EVENT_DELETED))
		err = 0;
	spin_unlock_bh(&lsw->lock);
	if (err)
		NL_SET_ERR_MSG_MOD(extack, "IP address not in the ARP/ND table");
	return err;
}

struct lsw_neigh_walk {
	const struct lsw_filter *filter;
	unsigned long now;
	unsigned long ageing;
	unsigned int n;
};

static void lsw_neigh_flush_one(struct lsw_dev *lsw, void *obj, void *data)
{
	struct lsw_neigh_walk *w = data;
	struct lsw_neigh *n = obj;

	/* Port and VTEP filters are about MAC entries: ARP/ND entries
	 * match on their flags alone.
	 */
	if (w->filter && w->filter->flags && !(n->flags & w->filter->flags))
		return;

	spin_lock_bh(&lsw->lock);
	w->n += lsw_neigh_remove(lsw, n, LSW_EVENT_DELETED);
	spin_unlock_bh(&lsw->lock);
}

unsigned int lsw_neigh_flush(struct lsw_dev *lsw, const struct lsw_filter *f)
{
	struct lsw_neigh_walk w = { .filter = f };

	lsw_table_walk(lsw, &lsw->tables->neighs, lsw_neigh_flush_one, &w);
	return w.n;
}

static bool lsw_neigh_expired(const struct lsw_neigh *n,
			      const struct lsw_neigh_walk *w)
{
	return lsw_neigh_is_learned(n) &&
	       !time_before(w->now, READ_ONCE(n->used) + w->ageing);
}

static void lsw_neigh_age_one(struct lsw_dev *lsw, void *obj, void *data)
{
	struct lsw_neigh_walk *w = data;
	struct lsw_neigh *n = obj;

	if (!lsw_neigh_expired(n, w))
		return;

	spin_lock_bh(&lsw->lock);
	/* Re-check under the lock: traffic may have refreshed it. */
	if (lsw_neigh_expired(n, w) && lsw_neigh_remove(lsw, n, LSW_EVENT_AGED))
		lsw_stats_inc(lsw, LSW_STAT(ARP_AGED));
	spin_unlock_bh(&lsw->lock);
}

void lsw_neigh_age(struct lsw_dev *lsw, unsigned long now,
		   unsigned long ageing)
{
	struct lsw_neigh_walk w = { .now = now, .ageing = ageing };

	lsw_table_walk(lsw, &lsw->tables->neighs, lsw_neigh_age_one, &w);
}

/*
 * Learn that @key belongs to @mac, from a packet a local port sent:
 * under RCU, in softirq.  Refreshing an entry that already says so takes
 * no lock.
 */
void lsw_neigh_learn(struct lsw_dev *lsw, const struct lsw_neigh_key *key,
		     const u8 *mac)
{
	struct lsw_neigh *n, *new;
	unsigned long now = jiffies;

	if (!READ_ONCE(lsw->cfg.learning) || !is_valid_ether_addr(mac))
		return;

	n = rhashtable_lookup(&lsw->tables->neighs, key, lsw_neigh_params);
	if (n) {
		if (!lsw_neigh_is_learned(n))
			return;	/* static entries are the controller's */
		if (ether_addr_equal(n->mac, mac)) {
			if (READ_ONCE(n->used) != now)
				WRITE_ONCE(n->used, now);
			return;
		}
	}

	/* As for MACs: a full table refuses a flood of new addresses
	 * before it allocates or locks anything.
	 */
	if (!n && lsw_neigh_full(lsw)) {
		lsw_stats_inc(lsw, LSW_STAT(ARP_LIMIT_HIT));
		return;
	}

	new = lsw_neigh_new(key, mac, LSW_ENTRY_F_LEARNED, GFP_ATOMIC);
	if (!new) {
		lsw_stats_inc(lsw, LSW_STAT(DROP_NOMEM));
		return;
	}

	spin_lock_bh(&lsw->lock);
	if (lsw->dead)
		goto out;
	n = rhashtable_lookup_fast(&lsw->tables->neighs, key, lsw_neigh_params);
	if (n && (!lsw_neigh_is_learned(n) || ether_addr_equal(n->mac, mac)))
		goto out;
	if (!n && lsw_neigh_full(lsw)) {
		lsw_stats_inc(lsw, LSW_STAT(ARP_LIMIT_HIT));
		goto out;
	}
	if (lsw_neigh_publish(lsw, n, new))
		goto out;
	if (n) {
		lsw_stats_inc(lsw, LSW_STAT(ARP_MOVED));
		lsw_nl_notify_neigh(lsw, new, LSW_EVENT_MOVED);
	} else {
		lsw_stats_inc(lsw, LSW_STAT(ARP_LEARNED));
		lsw_nl_notify_neigh(lsw, new, LSW_EVENT_LEARNED);
		lsw_gc_kick(lsw);
	}
	new = NULL;
out:
	spin_unlock_bh(&lsw->lock);
	if (new)
		lsw_neigh_free(new);
	else
		lsw_hold_release(lsw, key);
}
