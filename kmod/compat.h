/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernels lsw builds against lives here.
 * Kbuild force-includes this file; the flags come from compat-detect.sh,
 * which looks for each feature in the target kernel's headers.  The rest
 * of lsw is written against current mainline.
 */
#ifndef _LSW_COMPAT_H
#define _LSW_COMPAT_H

#include <linux/netdevice.h>

/* Lockless TX moved from a feature flag to a netdev bit field (6.9). */
static inline void lsw_compat_set_lltx(struct net_device *dev)
{
#ifdef LSW_HAVE_NETDEV_LLTX
	dev->lltx = true;
#else
	dev->features |= NETIF_F_LLTX;
#endif
}

#endif /* _LSW_COMPAT_H */
