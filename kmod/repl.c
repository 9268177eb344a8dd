// SPDX-License-Identifier: GPL-2.0
/*
 * Two-tier replication (enum lsw_replication), as NSX's unicast mode
 * does it: a host sends a broadcast, unknown unicast or multicast frame
 * to every VTEP of its own underlay segment, and one marked copy to one
 * VTEP of each other segment, its proxy, which sends it on to the VTEPs
 * of its own segment.  At a few segments of many VTEPs each, the source
 * host makes a few copies where head-end replication makes one per VTEP.
 *
 * The choice of the proxies is made when the VTEP table changes, not per
 * frame: the VTEPs of a segment are kept together here (struct
 * lsw_seg, found by segment number), and each VTEP entry says what a
 * flood sends it in its "repl" field, whatever the switch's own segment
 * and mode (the flood looks at those).  A segment's proxy is the VTEP
 * of highest rank among those flagged LSW_VTEP_F_LSW, the only ones that
 * understand the mark: flagged LSW_VTEP_F_PROXY first, then by a hash of
 * the address seeded with the VNI, so that each VNI of a segment picks
 * its own proxy (as NSX spreads its UTEPs) and every host picks the same
 * one.  Its copy is marked; the others of its segment get none.  A
 * segment with no such VTEP gets a plain copy per VTEP, as in head-end
 * replication.  When the proxy goes, the next in rank takes over at
 * once: nothing waits for a controller.
 *
 * The datapath reads "repl" without a lock, and may see a change half
 * done.  The new proxy is marked before the old one is skipped, so that
 * a frame flooded meanwhile gets a copy twice rather than not at all.
 *
 * In hybrid replication, the group of the switch carries the frame in the
 * source's segment, and a proxy in hybrid mode sends the marked copy on
 * to its own segment's group, once, rather than to each of its VTEPs.
 *
 * A marked copy is only ever sent by its source host; a proxy sends its
 * copies on unmarked, and an unmarked copy from the underlay never goes
 * back to it (split horizon, fwd.c).  So a frame crosses the underlay at
 * most twice and no loop can form, whatever the VTEP tables say.
 */

#include <linux/jhash.h>
#include <linux/rculist.h>

#include "lsw.h"

/* The VTEPs of one segment, under lsw_dev.lock; the datapath never sees it. */
struct lsw_seg {
	struct list_head vteps;		/* lsw_vtep.seg_list */
	struct lsw_vtep *proxy;		/* NULL: no LSW_VTEP_F_LSW VTEP */
};

/* Whether @a ranks above @b for the proxy of their segment. */
static bool lsw_repl_above(const struct lsw_vtep *a, const struct lsw_vtep *b)
{
	bool pa = a->flags & LSW_VTEP_F_PROXY, pb = b->flags & LSW_VTEP_F_PROXY;

	if (pa != pb)
		return pa;
	if (a->rank != b->rank)
		return a->rank > b->rank;
	return memcmp(&a->ip, &b->ip, sizeof(a->ip)) > 0;
}

static bool lsw_repl_eligible(const struct lsw_vtep *vtep)
{
	return vtep->flags & LSW_VTEP_F_LSW;
}

/*
 * What the segment's VTEPs get, once its proxy is @seg->proxy: the new
 * proxy its mark first, then the others nothing (or, with no proxy, all
 * a plain copy).
 */
static void lsw_repl_publish(struct lsw_seg *seg)
{
	struct lsw_vtep *vtep;

	if (seg->proxy)
		WRITE_ONCE(seg->proxy->repl, LSW_VTEP_MARKED);
	list_for_each_entry(vtep, &seg->vteps, seg_list)
		if (vtep != seg->proxy)
			WRITE_ONCE(vtep->repl, seg->proxy ? LSW_VTEP_SKIP :
							    LSW_VTEP_COPY);
}

/*
 * A new entry, before it is in the tables: its rank, from its address and
 * the VNI.
 */
void lsw_repl_vtep_init(struct lsw_dev *lsw, struct lsw_vtep *vtep)
{
	vtep->rank = jhash(&vtep->ip, sizeof(vtep->ip), lsw->cfg.vni);
}

/*
 * @vtep joined the VTEP table: it joins its segment, and becomes its
 * proxy if it ranks above the one there is.  Under lsw_dev.lock.
 */
int lsw_repl_vtep_add(struct lsw_dev *lsw, struct lsw_vtep *vtep)
{
	struct lsw_seg *seg, *old;

	seg = xa_load(&lsw->segs, vtep->segment);
	if (!seg) {
		seg = kzalloc(sizeof(*seg), GFP_ATOMIC);
		if (!seg)
			return -ENOMEM;
		INIT_LIST_HEAD(&seg->vteps);
		old = xa_store(&lsw->segs, vtep->segment, seg, GFP_ATOMIC);
		if (xa_is_err(old)) {
			kfree(seg);
			return xa_err(old);
		}
	}
	list_add_tail(&vtep->seg_list, &seg->vteps);
	vtep->seg = seg;

	if (!lsw_repl_eligible(vtep)) {
		WRITE_ONCE(vtep->repl, seg->proxy ? LSW_VTEP_SKIP :
						    LSW_VTEP_COPY);
		return 0;
	}
	if (seg->proxy && !lsw_repl_above(vtep, seg->proxy)) {
		WRITE_ONCE(vtep->repl, LSW_VTEP_SKIP);
		return 0;
	}
	seg->proxy = vtep;
	lsw_repl_publish(seg);
	return 0;
}

/*
 * @vtep left the VTEP table: if it was its segment's proxy, the next in
 * rank takes over.  Under lsw_dev.lock.
 */
void lsw_repl_vtep_del(struct lsw_dev *lsw, struct lsw_vtep *vtep)
{
	struct lsw_seg *seg = vtep->seg;
	struct lsw_vtep *other;

	list_del(&vtep->seg_list);
	if (list_empty(&seg->vteps)) {
		xa_erase(&lsw->segs, vtep->segment);
		kfree(seg);
		return;
	}
	if (seg->proxy != vtep)
		return;

	seg->proxy = NULL;
	list_for_each_entry(other, &seg->vteps, seg_list)
		if (lsw_repl_eligible(other) &&
		    (!seg->proxy || lsw_repl_above(other, seg->proxy)))
			seg->proxy = other;
	lsw_repl_publish(seg);
}

/*
 * Whether a flood of a switch in replication @mode sends @vtep a copy,
 * and whether marked (*@marked).  In hybrid mode, the group carries the
 * copies of this host's segment.  Under RCU.
 */
bool lsw_repl_copy(const struct lsw_dev *lsw, u8 mode,
		   const struct lsw_vtep *vtep, bool *marked)
{
	*marked = false;
	if (mode == LSW_REPLICATION_HEAD)
		return true;
	if (vtep->segment == READ_ONCE(lsw->cfg.segment))
		return mode != LSW_REPLICATION_HYBRID;
	switch (READ_ONCE(vtep->repl)) {
	case LSW_VTEP_MARKED:
		*marked = true;
		return true;
	case LSW_VTEP_SKIP:
		return false;
	default:
		return true;
	}
}

/*
 * A marked copy came from @sender: this host is its segment's proxy for
 * it.  Send it on, unmarked, to every VTEP of this host's segment but the
 * sender (which, in a segment of its own, is none of them), or in hybrid
 * mode to the switch's group.  @skb is the decapsulated frame, still to
 * be delivered locally: copies go out, the frame stays.  @ovn: OVN's
 * option, as received.  Under RCU.
 */
void lsw_repl_proxy(struct lsw_dev *lsw, struct sk_buff *skb,
		    const union lsw_ip *sender, u32 ovn)
{
	u32 segment = READ_ONCE(lsw->cfg.segment);
	struct lsw_vtep *vtep;
	struct sk_buff *copy;

	/* The copies' UDP source ports: one hash of the inner flow. */
	skb_get_hash(skb);
	/* A hybrid proxy's segment has the group (dev.c makes sure). */
	if (READ_ONCE(lsw->cfg.replication) == LSW_REPLICATION_HYBRID) {
		copy = skb_clone(skb, GFP_ATOMIC);
		if (!copy) {
			lsw_stats_inc(lsw, LSW_STAT(DROP_NOMEM));
			return;
		}
		lsw_stats_inc(lsw, LSW_STAT(REPL_PROXIED));
		lsw_xmit(lsw, copy, &lsw->cfg.group, NULL, NULL, ovn, false);
		return;
	}
	list_for_each_entry_rcu(vtep, &lsw->vtep_list, list) {
		if (vtep->segment != segment ||
		    !memcmp(&vtep->ip, sender, sizeof(*sender)))
			continue;
		copy = skb_clone(skb, GFP_ATOMIC);
		if (!copy) {
			lsw_stats_inc(lsw, LSW_STAT(DROP_NOMEM));
			continue;
		}
		lsw_stats_inc(lsw, LSW_STAT(REPL_PROXIED));
		lsw_xmit(lsw, copy, &vtep->ip, vtep, NULL, ovn, false);
	}
}
