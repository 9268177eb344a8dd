/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lsw internals shared across files: the logical switch device.
 */
#ifndef _LSW_H
#define _LSW_H

#include <linux/netdevice.h>
#include <linux/u64_stats_sync.h>

/* Per-CPU device counters, summed by ndo_get_stats64. */
struct lsw_pcpu_stats {
	u64_stats_t rx_packets;
	u64_stats_t rx_bytes;
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	u64_stats_t tx_dropped;
	struct u64_stats_sync syncp;
};

/* One logical switch: netdev_priv() of an "lsw" device. */
struct lsw_dev {
	struct net_device *dev;
	struct lsw_pcpu_stats __percpu *stats;
};

int lsw_dev_init(void);
void lsw_dev_exit(void);

#endif /* _LSW_H */
