// SPDX-License-Identifier: GPL-2.0
/*
 * What the VTEP, MAC and ARP/ND tables share: their life cycle with the
 * device, the walk used to flush and age them, the rules of the netlink
 * NEW and SET requests, and ageing.
 *
 * Ageing is a delayed work per device, armed when a learned entry appears
 * and re-armed while learned entries remain: a switch that only holds
 * static entries (a controller's) never wakes up for them.
 */

#include <linux/netlink.h>
#include <linux/rhashtable.h>
#include <net/ipv6.h>

#include "lsw.h"

/* Shortest and longest pause between two ageing passes. */
#define LSW_GC_MIN	HZ
#define LSW_GC_MAX	(10 * HZ)

/* Entries a walk visits before it lets others run. */
#define LSW_WALK_BATCH	256

bool lsw_ip_equal(const struct lsw_dev *lsw, const union lsw_ip *a,
		  const union lsw_ip *b)
{
	if (lsw->cfg.family == AF_INET)
		return a->ip4 == b->ip4;
	return ipv6_addr_equal(&a->ip6, &b->ip6);
}

bool lsw_filter_match(const struct lsw_dev *lsw, const struct lsw_filter *f,
		      u8 flags, const struct lsw_port *port,
		      const union lsw_ip *vtep)
{
	if (!f)
		return true;
	if (f->flags && !(flags & f->flags))
		return false;
	if (f->port && (!port || port->dev->ifindex != f->port))
		return false;
	if (f->has_vtep &&
	    (port || !vtep || f->vtep_family != lsw->cfg.family ||
	     !lsw_ip_equal(lsw, vtep, &f->vtep)))
		return false;
	return true;
}

/*
 * What a NEW or SET request does with an entry (@exists: one with its
 * key is in the table; @identical: and it is what the request asks for).
 * NEW only creates: an entry that exists fails the request, as "lsw X
 * add" does.  SET (@replace) creates or replaces it, and leaves an
 * identical one alone (no notification for a change that is none).
 */
int lsw_table_new_verdict(bool replace, bool exists, bool identical,
			  struct netlink_ext_ack *extack)
{
	if (!exists)
		return LSW_NEW_INSERT;
	if (!replace) {
		NL_SET_ERR_MSG_MOD(extack, "Entry already exists");
		return -EEXIST;
	}
	return identical ? LSW_NEW_NOTHING : LSW_NEW_REPLACE;
}

void lsw_table_walk(struct lsw_dev *lsw, struct rhashtable *ht,
		    void (*fn)(struct lsw_dev *lsw, void *obj, void *arg),
		    void *arg)
{
	struct rhashtable_iter iter;
	unsigned int n = 0;
	void *obj;

	rhashtable_walk_enter(ht, &iter);
	rhashtable_walk_start(&iter);
	while ((obj = rhashtable_walk_next(&iter))) {
		/* A resize restarts the walk: the callbacks see some entries
		 * twice, which they tolerate (the second removal fails).
		 */
		if (IS_ERR(obj))
			continue;
		fn(lsw, obj, arg);
		if (++n % LSW_WALK_BATCH)
			continue;
		rhashtable_walk_stop(&iter);
		cond_resched();
		rhashtable_walk_start(&iter);
		/*
		 * The walker finds its place in the bucket again by the entry
		 * it stopped at.  If that entry is gone (@fn removed it, or
		 * another writer did), it would skip as many entries as it
		 * had seen there, and so miss the one that moved up into the
		 * gap: a flush would leave entries behind, a port's among
		 * them.  See the whole bucket again instead.
		 */
		if (!iter.p)
			iter.skip = 0;
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
}

static unsigned long lsw_gc_interval(const struct lsw_dev *lsw)
{
	unsigned long ageing = READ_ONCE(lsw->cfg.ageing) * HZ;

	return clamp(ageing / 10, (unsigned long)LSW_GC_MIN,
		     (unsigned long)LSW_GC_MAX);
}

void lsw_gc_kick(struct lsw_dev *lsw)
{
	if (!READ_ONCE(lsw->cfg.ageing) || READ_ONCE(lsw->dead))
		return;
	/* Cheap when already pending, as it mostly is. */
	queue_delayed_work(system_power_efficient_wq, &lsw->gc,
			   lsw_gc_interval(lsw));
}

static void lsw_gc_work(struct work_struct *work)
{
	struct lsw_dev *lsw = container_of(to_delayed_work(work),
					   struct lsw_dev, gc);
	unsigned long ageing = READ_ONCE(lsw->cfg.ageing) * HZ;
	unsigned long now = jiffies;

	if (!ageing)
		return;
	lsw_mac_age(lsw, now, ageing);
	lsw_neigh_age(lsw, now, ageing);

	if (READ_ONCE(lsw->n_learned))
		lsw_gc_kick(lsw);
}

void lsw_ageing_changed(struct lsw_dev *lsw)
{
	if (!READ_ONCE(lsw->cfg.ageing)) {
		cancel_delayed_work(&lsw->gc);
		return;
	}
	/* Apply a shorter ageing time at once, not a whole old period on. */
	if (!READ_ONCE(lsw->dead) && READ_ONCE(lsw->n_learned))
		mod_delayed_work(system_power_efficient_wq, &lsw->gc, 0);
}

int lsw_tables_init(struct lsw_dev *lsw)
{
	struct lsw_tables *t;
	int err;

	spin_lock_init(&lsw->lock);
	INIT_LIST_HEAD(&lsw->vtep_list);
	xa_init(&lsw->segs);
	INIT_DELAYED_WORK(&lsw->gc, lsw_gc_work);

	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	refcount_set(&t->ref, 1);
	err = rhashtable_init(&t->vteps, &lsw_vtep_params);
	if (err)
		goto err_free;
	err = rhashtable_init(&t->macs, &lsw_mac_params);
	if (err)
		goto err_vteps;
	err = rhashtable_init(&t->neighs, &lsw_neigh_params);
	if (err)
		goto err_macs;
	lsw->tables = t;
	return 0;

err_macs:
	rhashtable_destroy(&t->macs);
err_vteps:
	rhashtable_destroy(&t->vteps);
err_free:
	kfree(t);
	return err;
}

void lsw_tables_close(struct lsw_dev *lsw)
{
	if (!lsw->tables || READ_ONCE(lsw->dead))
		return;

	/* No entry gets in after this; ageing stops for good. */
	spin_lock_bh(&lsw->lock);
	WRITE_ONCE(lsw->dead, true);
	spin_unlock_bh(&lsw->lock);
	cancel_delayed_work_sync(&lsw->gc);

	/* Flushing announces each entry's end to the controller. */
	lsw_vtep_flush(lsw);
	lsw_mac_flush(lsw, NULL);
	lsw_neigh_flush(lsw, NULL);
}

void lsw_tables_put(struct lsw_tables *t)
{
	if (!refcount_dec_and_test(&t->ref))
		return;
	/* Empty: the device flushed them when it closed them. */
	rhashtable_destroy(&t->neighs);
	rhashtable_destroy(&t->macs);
	rhashtable_destroy(&t->vteps);
	kfree(t);
}

void lsw_tables_destroy(struct lsw_dev *lsw)
{
	if (!lsw->tables)
		return;
	lsw_tables_close(lsw);
	lsw_tables_put(lsw->tables);
	lsw->tables = NULL;
}
