// SPDX-License-Identifier: GPL-2.0
/*
 * The MAC table: which MAC sits behind which local port or remote VTEP.
 *
 * Static entries come from a controller and are never touched by
 * learning; learned entries come from traffic (or from a controller that
 * asks for a dynamic entry), move when their MAC shows up elsewhere, and
 * age.  The table size is bounded by the device's mac_limit.
 *
 * One entry is the switch's own: the permanent entry of the lsw device's
 * address, on the host's port (lsw_mac_host_set()).  It is there from
 * the device's creation to its end and follows its address, so that
 * frames to the host are never flooded to the VTEPs while the switch
 * waits for the host to speak.  Like the bridge's local entries, it never
 * ages, learning never moves it (a VM that sends from the host's address
 * teaches nothing), and a controller can neither flush, delete nor
 * replace it.  It does not count against mac_limit: a full table must not
 * refuse the host its own address.
 *
 * A visible entry is never changed in place, but for its time stamp:
 * a change builds a new entry and swaps it in, so that the datapath,
 * which reads entries under RCU only, never sees a torn destination.
 */

#include <linux/etherdevice.h>
#include <linux/rhashtable.h>

#include "lsw.h"

/*
 * MAC entries have a slab cache of their own: a table may hold a million
 * of them, and a 72-byte entry would take a 96-byte kmalloc object.
 * They are freed with call_rcu() rather than kfree_rcu(), so that the
 * module's rcu_barrier() is enough to empty the cache before it goes.
 */
static struct kmem_cache *lsw_mac_cache;

int lsw_mac_cache_init(void)
{
	lsw_mac_cache = KMEM_CACHE(lsw_mac, 0);
	return lsw_mac_cache ? 0 : -ENOMEM;
}

/* After rcu_barrier(): no entry is left waiting to be freed. */
void lsw_mac_cache_exit(void)
{
	kmem_cache_destroy(lsw_mac_cache);
}

static struct lsw_mac *lsw_mac_alloc(gfp_t gfp)
{
	return kmem_cache_zalloc(lsw_mac_cache, gfp);
}

static void lsw_mac_free(struct lsw_mac *mac)
{
	if (mac)
		kmem_cache_free(lsw_mac_cache, mac);
}

static void lsw_mac_free_rcu_cb(struct rcu_head *head)
{
	kmem_cache_free(lsw_mac_cache, container_of(head, struct lsw_mac, rcu));
}

static void lsw_mac_free_rcu(struct lsw_mac *mac)
{
	call_rcu(&mac->rcu, lsw_mac_free_rcu_cb);
}

const struct rhashtable_params lsw_mac_params = {
	.key_len		= ETH_ALEN,
	.key_offset		= offsetof(struct lsw_mac, addr),
	.head_offset		= offsetof(struct lsw_mac, node),
	.automatic_shrinking	= true,
};

struct lsw_mac *lsw_mac_lookup(struct lsw_dev *lsw, const u8 *addr)
{
	return rhashtable_lookup(&lsw->tables->macs, addr, lsw_mac_params);
}

static bool lsw_mac_same_dest(const struct lsw_dev *lsw,
			      const struct lsw_mac *a, const struct lsw_mac *b)
{
	if (a->port || b->port)
		return a->port == b->port;
	if ((a->flags ^ b->flags) & LSW_MAC_F_VTEP_MAC)
		return false;
	if ((a->flags & LSW_MAC_F_VTEP_MAC) &&
	    !ether_addr_equal(a->vtep_mac, b->vtep_mac))
		return false;
	return a->key == b->key && lsw_ip_equal(lsw, &a->vtep, &b->vtep);
}

static bool lsw_mac_is_learned(const struct lsw_mac *mac)
{
	return mac->flags & LSW_ENTRY_F_LEARNED;
}

static bool lsw_mac_is_permanent(const struct lsw_mac *mac)
{
	return mac->flags & LSW_ENTRY_F_PERMANENT;
}

/* Whether an entry counts against mac_limit (n_macs). */
static unsigned int lsw_mac_counted(const struct lsw_mac *mac)
{
	return !lsw_mac_is_permanent(mac);
}

#define LSW_MAC_HOST_MSG \
	"MAC address is the lsw device's own (permanent entry)"

/*
 * Under lsw->lock: put @new in the table, in place of @old if given, and
 * keep the counts.  Inserting can fail (out of memory, or the table could
 * not grow fast enough); replacing cannot.
 */
static int lsw_mac_publish(struct lsw_dev *lsw, struct lsw_mac *old,
			   struct lsw_mac *new)
{
	unsigned int n_macs = lsw->n_macs + lsw_mac_counted(new);
	int err;

	if (old) {
		err = rhashtable_replace_fast(&lsw->tables->macs, &old->node,
					      &new->node, lsw_mac_params);
		if (err)
			return err;
		n_macs -= lsw_mac_counted(old);
		lsw->n_learned -= lsw_mac_is_learned(old);
		lsw_mac_free_rcu(old);
	} else {
		err = rhashtable_insert_fast(&lsw->tables->macs, &new->node,
					     lsw_mac_params);
		if (err)
			return err;
	}
	WRITE_ONCE(lsw->n_macs, n_macs);
	lsw->n_learned += lsw_mac_is_learned(new);
	lsw->gen++;
	return 0;
}

/* Under lsw->lock.  False if it was gone already: a walk can meet an
 * entry twice, or after someone else removed it.
 */
static bool lsw_mac_remove(struct lsw_dev *lsw, struct lsw_mac *mac,
			   enum lsw_event event)
{
	if (rhashtable_remove_fast(&lsw->tables->macs, &mac->node, lsw_mac_params))
		return false;
	WRITE_ONCE(lsw->n_macs, lsw->n_macs - lsw_mac_counted(mac));
	lsw->n_learned -= lsw_mac_is_learned(mac);
	lsw->gen++;
	lsw_nl_notify_mac(lsw, mac, event);
	lsw_mac_free_rcu(mac);
	return true;
}

/* Exact under lsw->lock; a hint without it (the learning fast path). */
static bool lsw_mac_full(const struct lsw_dev *lsw)
{
	u32 limit = READ_ONCE(lsw->cfg.mac_limit);

	return limit && READ_ONCE(lsw->n_macs) >= limit;
}

int lsw_mac_add(struct lsw_dev *lsw, const struct lsw_mac_cfg *cfg,
		bool replace, struct netlink_ext_ack *extack)
{
	struct lsw_mac *new, *old;
	int err;

	new = lsw_mac_alloc(GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	ether_addr_copy(new->addr, cfg->addr);
	new->flags = cfg->flags;
	ether_addr_copy(new->vtep_mac, cfg->vtep_mac);
	new->vtep = cfg->vtep;
	new->key = cfg->key;
	new->used = jiffies;

	/* The port may be leaving: RCU keeps it in memory, its "dead" mark
	 * (read under the table lock) keeps this entry off it.
	 */
	rcu_read_lock();
	if (cfg->port) {
		new->port = lsw_port_lookup_rcu(lsw, cfg->port);
		if (!new->port) {
			NL_SET_ERR_MSG_MOD(extack, "Not a port of this switch");
			err = -ENODEV;
			goto out_rcu;
		}
	}

	spin_lock_bh(&lsw->lock);
	if (lsw->dead || (new->port && new->port->dead)) {
		NL_SET_ERR_MSG_MOD(extack, "The switch or the port is going away");
		err = -ENODEV;
		goto out;
	}
	old = rhashtable_lookup_fast(&lsw->tables->macs, new->addr, lsw_mac_params);
	if (old && lsw_mac_is_permanent(old)) {
		NL_SET_ERR_MSG_MOD(extack, LSW_MAC_HOST_MSG);
		err = -EBUSY;
		goto out;
	}
	err = lsw_table_new_verdict(replace, old,
				    old && old->flags == new->flags &&
				    lsw_mac_same_dest(lsw, old, new), extack);
	if (err < 0 || err == LSW_NEW_NOTHING)
		goto out;
	if (!old && lsw_mac_full(lsw)) {
		NL_SET_ERR_MSG_MOD(extack, "MAC table is full (mac_limit)");
		err = -ENOSPC;
		goto out;
	}
	err = lsw_mac_publish(lsw, old, new);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "Cannot insert into the MAC table");
		goto out;
	}
	lsw_nl_notify_mac(lsw, new, LSW_EVENT_ADDED);
	if (lsw_mac_is_learned(new))
		lsw_gc_kick(lsw);
	new = NULL;
out:
	spin_unlock_bh(&lsw->lock);
out_rcu:
	rcu_read_unlock();
	lsw_mac_free(new);
	return err < 0 ? err : 0;
}

int lsw_mac_del(struct lsw_dev *lsw, const u8 *addr,
		struct netlink_ext_ack *extack)
{
	struct lsw_mac *mac;
	int err = 0;

	spin_lock_bh(&lsw->lock);
	mac = rhashtable_lookup_fast(&lsw->tables->macs, addr, lsw_mac_params);
	if (!mac) {
		NL_SET_ERR_MSG_MOD(extack, "MAC address not in the table");
		err = -ENOENT;
	} else if (lsw_mac_is_permanent(mac)) {
		NL_SET_ERR_MSG_MOD(extack, LSW_MAC_HOST_MSG);
		err = -EBUSY;
	} else {
		lsw_mac_remove(lsw, mac, LSW_EVENT_DELETED);
	}
	spin_unlock_bh(&lsw->lock);
	return err;
}

struct lsw_mac_flush_arg {
	const struct lsw_filter *filter;
	struct lsw_port *port;
	unsigned int n;
};

static void lsw_mac_flush_one(struct lsw_dev *lsw, void *obj, void *data)
{
	struct lsw_mac_flush_arg *arg = data;
	struct lsw_mac *mac = obj;

	if (arg->port && mac->port != arg->port)
		return;
	/* A controller's flush, whatever its filter, keeps the host's own
	 * address; the device's end (its tables closed) takes it.
	 */
	if (lsw_mac_is_permanent(mac) && !READ_ONCE(lsw->dead))
		return;
	if (!lsw_filter_match(lsw, arg->filter, mac->flags, mac->port,
			      &mac->vtep))
		return;

	spin_lock_bh(&lsw->lock);
	arg->n += lsw_mac_remove(lsw, mac, LSW_EVENT_DELETED);
	spin_unlock_bh(&lsw->lock);
}

unsigned int lsw_mac_flush(struct lsw_dev *lsw, const struct lsw_filter *f)
{
	struct lsw_mac_flush_arg arg = { .filter = f };

	lsw_table_walk(lsw, &lsw->tables->macs, lsw_mac_flush_one, &arg);
	return arg.n;
}

void lsw_mac_flush_port(struct lsw_dev *lsw, struct lsw_port *port)
{
	struct lsw_mac_flush_arg arg = { .port = port };

	/* The caller marked the port dead: nothing new lands on it. */
	lsw_table_walk(lsw, &lsw->tables->macs, lsw_mac_flush_one, &arg);
}

struct lsw_mac_age_arg {
	unsigned long now;
	unsigned long ageing;
};

static void lsw_mac_age_one(struct lsw_dev *lsw, void *obj, void *data)
{
	struct lsw_mac_age_arg *arg = data;
	struct lsw_mac *mac = obj;

	if (!lsw_mac_is_learned(mac) ||
	    time_before(arg->now, READ_ONCE(mac->used) + arg->ageing))
		return;

	spin_lock_bh(&lsw->lock);
	/* Traffic may have refreshed it, or a move replaced it. */
	if (!time_before(arg->now, READ_ONCE(mac->used) + arg->ageing) &&
	    lsw_mac_remove(lsw, mac, LSW_EVENT_AGED))
		lsw_stats_inc(lsw, LSW_STAT(MAC_AGED));
	spin_unlock_bh(&lsw->lock);
}

void lsw_mac_age(struct lsw_dev *lsw, unsigned long now, unsigned long ageing)
{
	struct lsw_mac_age_arg arg = { .now = now, .ageing = ageing };

	lsw_table_walk(lsw, &lsw->tables->macs, lsw_mac_age_one, &arg);
}

/*
 * Learn that @addr sits behind @port, or behind the remote VTEP @vtep
 * (@port NULL) as the remote logical port of OVN key @key (0: none),
 * from a frame the datapath saw: under RCU, in softirq.  The common
 * case, an entry that already says so, only refreshes its time stamp,
 * without the lock.  A remote entry whose key changed moves, as one
 * whose VTEP changed: behind the same chassis, the MAC now belongs to
 * another logical port (OVN bound it again), and the frames to it must
 * carry the new key.
 */
void lsw_mac_learn(struct lsw_dev *lsw, const u8 *addr,
		   struct lsw_port *port, const union lsw_ip *vtep, u16 key)
{
	struct lsw_mac *mac, *new;
	unsigned long now = jiffies;

	if (!READ_ONCE(lsw->cfg.learning) || !is_valid_ether_addr(addr))
		return;

	mac = rhashtable_lookup(&lsw->tables->macs, addr, lsw_mac_params);
	if (mac) {
		/* A controller's word is final, and the host's address
		 * is the device's: neither is learned over.
		 */
		if (!lsw_mac_is_learned(mac))
			return;
		if (port ? mac->port == port :
		    !mac->port && mac->key == key &&
		    lsw_ip_equal(lsw, &mac->vtep, vtep)) {
			if (READ_ONCE(mac->used) != now)
				WRITE_ONCE(mac->used, now);
			return;
		}
	}

	/* A VM that floods new source MACs would otherwise cost every
	 * frame an allocation and the lock, only to be refused under it.
	 * Racing with a removal at worst defers learning to the next frame.
	 */
	if (!mac && lsw_mac_full(lsw)) {
		lsw_stats_inc(lsw, LSW_STAT(MAC_LIMIT_HIT));
		return;
	}

	new = lsw_mac_alloc(GFP_ATOMIC);
	if (!new) {
		lsw_stats_inc(lsw, LSW_STAT(DROP_NOMEM));
		return;
	}
	ether_addr_copy(new->addr, addr);
	new->flags = LSW_ENTRY_F_LEARNED;
	new->port = port;
	if (!port) {
		new->vtep = *vtep;
		new->key = key;
	}
	new->used = now;

	spin_lock_bh(&lsw->lock);
	if (lsw->dead || (port && port->dead))
		goto out;
	/* Another CPU may have learned or moved it meanwhile. */
	mac = rhashtable_lookup_fast(&lsw->tables->macs, addr, lsw_mac_params);
	if (mac && (!lsw_mac_is_learned(mac) || lsw_mac_same_dest(lsw, mac, new)))
		goto out;
	if (!mac && lsw_mac_full(lsw)) {
		lsw_stats_inc(lsw, LSW_STAT(MAC_LIMIT_HIT));
		goto out;
	}
	if (lsw_mac_publish(lsw, mac, new))
		goto out;
	if (mac) {
		lsw_stats_inc(lsw, LSW_STAT(MAC_MOVED));
		lsw_nl_notify_mac(lsw, new, LSW_EVENT_MOVED);
	} else {
		lsw_stats_inc(lsw, LSW_STAT(MAC_LEARNED));
		lsw_nl_notify_mac(lsw, new, LSW_EVENT_LEARNED);
		lsw_gc_kick(lsw);
	}
	new = NULL;
out:
	spin_unlock_bh(&lsw->lock);
	lsw_mac_free(new);
}

/*
 * Make @addr the host port's own address, in place of @old (NULL when
 * the device is created): under RTNL, from newlink and from
 * ndo_set_mac_address, before the device's address changes.  The address
 * is the operator's word: it takes over whatever entry held it (a VM's,
 * learned or static), as the bridge's local entries do, and the monitor
 * sees that entry deleted.  The new entry is in the table before the old
 * one goes, so that no frame to either address is flooded meanwhile.
 */
int lsw_mac_host_set(struct lsw_dev *lsw, const u8 *old, const u8 *addr)
{
	struct lsw_mac *new, *cur, *prev = NULL;
	int err = 0;

	ASSERT_RTNL();

	new = lsw_mac_alloc(GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	ether_addr_copy(new->addr, addr);
	new->flags = LSW_ENTRY_F_PERMANENT;
	new->port = &lsw->host_port;
	new->used = jiffies;

	spin_lock_bh(&lsw->lock);
	if (lsw->dead) {
		err = -ENODEV;
		goto out;
	}
	cur = rhashtable_lookup_fast(&lsw->tables->macs, addr, lsw_mac_params);
	if (cur && lsw_mac_is_permanent(cur))
		goto out;		/* the same address again */
	if (old) {
		prev = rhashtable_lookup_fast(&lsw->tables->macs, old,
					      lsw_mac_params);
		if (prev && !lsw_mac_is_permanent(prev))
			prev = NULL;
	}
	/* Replacing an entry found under the lock cannot fail. */
	if (cur)
		lsw_nl_notify_mac(lsw, cur, LSW_EVENT_DELETED);
	err = lsw_mac_publish(lsw, cur, new);
	if (err)
		goto out;
	lsw_nl_notify_mac(lsw, new, LSW_EVENT_ADDED);
	new = NULL;
	if (prev)
		lsw_mac_remove(lsw, prev, LSW_EVENT_DELETED);
out:
	spin_unlock_bh(&lsw->lock);
	lsw_mac_free(new);
	return err;
}
