// SPDX-License-Identifier: GPL-2.0
/*
 * Miss events: what a switch tells a controller when its tables lack an
 * answer, so that the controller can fill them on demand instead of
 * pushing every entry to every host (the NSX controller query, the
 * kernel vxlan's l2miss and l3miss).  A local port asked for
 *
 * - an IPv4 or IPv6 address not in the ARP/ND table (an ARP request or a
 *   neighbour solicitation, with ARP suppression on: suppress.c), or
 * - a unicast MAC address not in the MAC table (fwd.c).
 *
 * Events go to the family's "miss" group (nl_reply.c), and only when
 * someone listens there.  A VM decides how often it asks, so the events
 * are limited twice:
 *
 * - per address: at most one per IFLA_LSW_MISS_INTERVAL, so that a VM
 *   retrying its request makes no storm.  The switch remembers the
 *   addresses it announced in a fixed array of slots, each holding the
 *   last address that hashed to it (as a 32-bit tag of a second hash)
 *   and when it was announced: a flood of random addresses overwrites
 *   slots, and costs no memory.  Two addresses that share a slot make
 *   each other announced again sooner, never later.
 * - per switch: at most IFLA_LSW_MISS_RATE a second, and as many at once
 *   after a quiet second.  What that cap keeps quiet is counted
 *   (MISS_SUPPRESSED); a repeat within the interval is not, being no
 *   news.
 *
 * Both are lock free: the datapath reaches them from every CPU at once
 * when a VM floods.  Both hash seeds are random per switch: a VM cannot
 * pick addresses that collide.
 */

#include <linux/hash.h>
#include <linux/jhash.h>
#include <linux/random.h>
#include <linux/timekeeping.h>

#include "lsw.h"

void lsw_miss_init(struct lsw_dev *lsw)
{
	struct lsw_miss *m = &lsw->miss;
	int i;

	m->seed = get_random_u32();
	m->tag_seed = get_random_u32();
	atomic64_set(&m->next, 0);
	for (i = 0; i < LSW_MISS_SLOTS; i++)
		atomic64_set(&m->slot[i], 0);
}

static u32 lsw_miss_hash(const struct lsw_neigh_key *key, u32 seed)
{
	return jhash2((const u32 *)key, sizeof(*key) / sizeof(u32), seed);
}

/*
 * Whether the cap lets one more event out: a generic cell rate algorithm
 * on CLOCK_MONOTONIC.  @next is when the next event is due if events
 * came at the sustained rate; an event may come early by up to rate - 1
 * periods (the burst).  So, over any stretch of T seconds, at most
 * rate * T + rate events get out.
 */
static bool lsw_miss_rate_ok(struct lsw_miss *m, u32 rate)
{
	s64 period = NSEC_PER_SEC / rate;
	s64 burst = (s64)(rate - 1) * period;
	s64 now = ktime_get_ns();
	s64 next = atomic64_read(&m->next), tat;

	do {
		tat = max(next, now);
		if (tat - now > burst)
			return false;
	} while (!atomic64_try_cmpxchg(&m->next, &next, tat + period));
	return true;
}

/* What lsw_miss_check() says of a miss. */
enum {
	LSW_MISS_UNTOLD,	/* no event: nobody listens, or over the cap */
	LSW_MISS_TOLD,		/* announced within the interval already */
	LSW_MISS_ANNOUNCE,	/* announce it now */
};

/*
 * Whether slot value @v says that the address of @tag was announced
 * less than @interval jiffies before @now.
 */
static bool lsw_miss_fresh(s64 v, u32 tag, u32 now, u32 interval)
{
	return (u32)((u64)v >> 32) == tag && now - (u32)v < interval;
}

/*
 * What to do with a miss of @key (a MAC address is a key of family 0,
 * which no IP address has).  Under a flood, most misses are refused by
 * the cap: those write nothing, so that CPUs flooding together share
 * the slots' cache lines.  One that gets a token claims its slot; if
 * another CPU claimed it for the same address meanwhile, that one
 * announces it.
 */
static int lsw_miss_check(struct lsw_dev *lsw, const struct lsw_neigh_key *key)
{
	u32 rate = READ_ONCE(lsw->cfg.miss_rate);
	u32 interval = READ_ONCE(lsw->cfg.miss_interval);
	struct lsw_miss *m = &lsw->miss;
	atomic64_t *slot = NULL;
	u32 tag = 0, now = 0;
	s64 old = 0;

	if (!rate || !lsw_nl_miss_listened(lsw))
		return LSW_MISS_UNTOLD;

	if (interval) {
		interval = msecs_to_jiffies(interval);
		now = (u32)jiffies;
		tag = lsw_miss_hash(key, m->tag_seed);
		slot = &m->slot[hash_32(lsw_miss_hash(key, m->seed),
					LSW_MISS_SLOTS_BITS)];
		old = atomic64_read(slot);
		if (lsw_miss_fresh(old, tag, now, interval))
			return LSW_MISS_TOLD;
	}

	if (!lsw_miss_rate_ok(m, rate)) {
		lsw_stats_inc(lsw, LSW_STAT(MISS_SUPPRESSED));
		return LSW_MISS_UNTOLD;
	}

	if (slot) {
		do {
			if (lsw_miss_fresh(old, tag, now, interval))
				return LSW_MISS_TOLD;
		} while (!atomic64_try_cmpxchg(slot, &old,
					       (s64)((u64)tag << 32 | now)));
	}
	return LSW_MISS_ANNOUNCE;
}

/* Announce a miss the checks let out; false if it could not be sent. */
static bool lsw_miss_announce(struct lsw_dev *lsw,
			      const struct lsw_neigh_key *key, const u8 *mac,
			      const struct lsw_port *port, u32 refused)
{
	if (!lsw_nl_notify_miss(lsw, key, mac, port->dev->ifindex, refused))
		return false;
	lsw_stats_inc(lsw, LSW_STAT(MISS_NOTIFIED));
	return true;
}

/**
 * lsw_miss_neigh - a local port asked for an address the ARP/ND table lacks
 * @lsw: the switch
 * @key: the address
 * @port: the port that asked
 *
 * Under RCU, in the datapath.
 *
 * Return: whether a controller has been told, now or within the last
 * IFLA_LSW_MISS_INTERVAL: only then is the request worth holding for its
 * answer.
 */
bool lsw_miss_neigh(struct lsw_dev *lsw, const struct lsw_neigh_key *key,
		    const struct lsw_port *port)
{
	switch (lsw_miss_check(lsw, key)) {
	case LSW_MISS_TOLD:
		return true;
	case LSW_MISS_ANNOUNCE:
		return lsw_miss_announce(lsw, key, NULL, port, 0);
	}
	return false;
}

/* A local port sent a unicast frame to @addr, which the MAC table lacks. */
void lsw_miss_mac(struct lsw_dev *lsw, const u8 *addr,
		  const struct lsw_port *port)
{
	struct lsw_neigh_key key = {};

	memcpy(&key.ip, addr, ETH_ALEN);
	if (lsw_miss_check(lsw, &key) == LSW_MISS_ANNOUNCE)
		lsw_miss_announce(lsw, NULL, addr, port, 0);
}

/*
 * Port security refused a frame from @port and @addr, under counter
 * @why (LSW_STAT()): an alarm for a controller, limited as misses are,
 * per port, MAC and reason (whose key no address's can be: its family
 * is the counter's attribute number) and per switch.
 */
void lsw_miss_refused(struct lsw_dev *lsw, const u8 *addr,
		      const struct lsw_port *port, unsigned int why)
{
	struct lsw_neigh_key key = {};
	u32 refused = LSW_STAT_FIRST + why;
	int ifindex = port->dev->ifindex;

	memcpy(&key.ip, addr, ETH_ALEN);
	memcpy(&key.ip.ip6.s6_addr[8], &ifindex, sizeof(ifindex));
	key.family = refused;
	if (lsw_miss_check(lsw, &key) == LSW_MISS_ANNOUNCE)
		lsw_miss_announce(lsw, NULL, addr, port, refused);
}
