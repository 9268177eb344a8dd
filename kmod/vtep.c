// SPDX-License-Identifier: GPL-2.0
/*
 * The VTEP table: the remote tunnel endpoints of the VNI.  Each gets a
 * copy of every broadcast, unknown unicast and multicast frame, from this
 * host or from its segment's proxy (repl.c), and with strict VTEP ingress
 * only they may send to the VNI.  Replication walks the RCU list; the
 * ingress check looks the sender up in the hash table.  An entry's
 * segment and flags are set with it: a change replaces the entry.
 *
 * Only a controller fills this table, so its size is bounded by a fixed
 * cap rather than by a setting.
 */

#include <linux/rhashtable.h>

#include "lsw.h"

#define LSW_VTEP_CAP	65536

const struct rhashtable_params lsw_vtep_params = {
	.key_len		= sizeof(union lsw_ip),
	.key_offset		= offsetof(struct lsw_vtep, ip),
	.head_offset		= offsetof(struct lsw_vtep, node),
	.automatic_shrinking	= true,
};

struct lsw_vtep *lsw_vtep_lookup(struct lsw_dev *lsw, const union lsw_ip *ip)
{
	return rhashtable_lookup(&lsw->tables->vteps, ip, lsw_vtep_params);
}

static void lsw_vtep_free(struct lsw_vtep *vtep)
{
	dst_cache_destroy(&vtep->dst_cache);
	kfree(vtep);
}

/* The datapath may still be sending through the entry's cached route. */
static void lsw_vtep_free_rcu(struct rcu_head *head)
{
	lsw_vtep_free(container_of(head, struct lsw_vtep, rcu));
}

int lsw_vtep_add(struct lsw_dev *lsw, const union lsw_ip *ip, u32 segment,
		 u8 flags, bool replace, struct netlink_ext_ack *extack)
{
	struct lsw_vtep *vtep, *old;
	int err;

	vtep = kzalloc(sizeof(*vtep), GFP_KERNEL);
	if (!vtep)
		return -ENOMEM;
	err = dst_cache_init(&vtep->dst_cache, GFP_KERNEL);
	if (err) {
		kfree(vtep);
		return err;
	}
	vtep->ip = *ip;
	vtep->segment = segment;
	vtep->flags = flags;

	spin_lock_bh(&lsw->lock);
	if (lsw->dead) {
		err = -ENODEV;
		goto out;
	}
	old = rhashtable_lookup_fast(&lsw->tables->vteps, ip, lsw_vtep_params);
	err = lsw_table_new_verdict(replace, !!old, old &&
				    old->segment == segment &&
				    old->flags == flags, extack);
	if (err == LSW_NEW_REPLACE) {
		/* The new entry takes the old one's place whole. */
		lsw_repl_vtep_init(lsw, vtep);
		err = lsw_repl_vtep_add(lsw, vtep);
		if (err)
			goto out;
		err = rhashtable_replace_fast(&lsw->tables->vteps, &old->node,
					      &vtep->node, lsw_vtep_params);
		if (err) {
			lsw_repl_vtep_del(lsw, vtep);
			NL_SET_ERR_MSG_MOD(extack, "Cannot replace the VTEP entry");
			goto out;
		}
		list_replace_rcu(&old->list, &vtep->list);
		lsw_repl_vtep_del(lsw, old);
		lsw->gen++;
		lsw_nl_notify_vtep(lsw, vtep, LSW_EVENT_ADDED);
		call_rcu(&old->rcu, lsw_vtep_free_rcu);
		vtep = NULL;
		goto out;
	}
	if (err != LSW_NEW_INSERT)
		goto out;
	if (lsw->n_vteps >= LSW_VTEP_CAP) {
		NL_SET_ERR_MSG_MOD(extack, "VTEP table is full");
		err = -ENOSPC;
		goto out;
	}
	lsw_repl_vtep_init(lsw, vtep);
	err = lsw_repl_vtep_add(lsw, vtep);
	if (err)
		goto out;
	err = rhashtable_insert_fast(&lsw->tables->vteps, &vtep->node, lsw_vtep_params);
	if (err) {
		lsw_repl_vtep_del(lsw, vtep);
		NL_SET_ERR_MSG_MOD(extack, "Cannot insert into the VTEP table");
		goto out;
	}
	list_add_tail_rcu(&vtep->list, &lsw->vtep_list);
	lsw->n_vteps++;
	lsw->gen++;
	lsw_nl_notify_vtep(lsw, vtep, LSW_EVENT_ADDED);
	vtep = NULL;
out:
	spin_unlock_bh(&lsw->lock);
	if (vtep)
		lsw_vtep_free(vtep);
	return err < 0 ? err : 0;
}

/* Under lsw->lock. */
static void lsw_vtep_remove(struct lsw_dev *lsw, struct lsw_vtep *vtep)
{
	rhashtable_remove_fast(&lsw->tables->vteps, &vtep->node, lsw_vtep_params);
	list_del_rcu(&vtep->list);
	lsw->n_vteps--;
	lsw->gen++;
	lsw_repl_vtep_del(lsw, vtep);
	lsw_nl_notify_vtep(lsw, vtep, LSW_EVENT_DELETED);
	call_rcu(&vtep->rcu, lsw_vtep_free_rcu);
}

int lsw_vtep_del(struct lsw_dev *lsw, const union lsw_ip *ip,
		 struct netlink_ext_ack *extack)
{
	struct lsw_vtep *vtep;
	int err = 0;

	spin_lock_bh(&lsw->lock);
	vtep = rhashtable_lookup_fast(&lsw->tables->vteps, ip, lsw_vtep_params);
	if (vtep) {
		lsw_vtep_remove(lsw, vtep);
	} else {
		NL_SET_ERR_MSG_MOD(extack, "VTEP not in the table");
		err = -ENOENT;
	}
	spin_unlock_bh(&lsw->lock);
	return err;
}

unsigned int lsw_vtep_flush(struct lsw_dev *lsw)
{
	struct lsw_vtep *vtep, *tmp;
	unsigned int n = 0;

	spin_lock_bh(&lsw->lock);
	list_for_each_entry_safe(vtep, tmp, &lsw->vtep_list, list) {
		lsw_vtep_remove(lsw, vtep);
		n++;
	}
	spin_unlock_bh(&lsw->lock);
	return n;
}
