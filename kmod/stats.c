// SPDX-License-Identifier: GPL-2.0
/*
 * Per-VNI counters.  Writers bump their CPU's copy (lsw_stats_add() in
 * lsw.h); readers sum every CPU's, retrying a CPU whose copy changed
 * under them, so 64-bit values stay whole on 32-bit machines too.
 */

#include "lsw.h"

void lsw_stats_read(struct lsw_dev *lsw, u64 *c)
{
	int cpu, i;

	memset(c, 0, sizeof(u64) * LSW_STAT_COUNT);
	for_each_possible_cpu(cpu) {
		const struct lsw_pcpu_stats *s = per_cpu_ptr(lsw->stats, cpu);
		u64 v[LSW_STAT_COUNT];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			for (i = 0; i < LSW_STAT_COUNT; i++)
				v[i] = u64_stats_read(&s->c[i]);
		} while (u64_stats_fetch_retry(&s->syncp, start));

		for (i = 0; i < LSW_STAT_COUNT; i++)
			c[i] += v[i];
	}

	/* What the underlay refused, the IP tunnel helpers counted on the
	 * device: as dropped (IPv4) or as an error (IPv6, loops).
	 */
	c[LSW_STAT(DROP_TX_ERROR)] += DEV_STATS_READ(lsw->dev, tx_dropped) +
				      DEV_STATS_READ(lsw->dev, tx_errors);
}
