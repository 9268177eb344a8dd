#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Print -D flags for the kernel features lsw's compat.h needs to know
# about, detected in the headers of the kernel being built against
# (argument: its source tree, $(srctree) in Kbuild).  Each test looks
# for the feature itself, never at a version number, so a backport in a
# distribution kernel is picked up too.

src=${1:?usage: compat-detect.sh SRCTREE}
inc=$src/include

has()
{
	grep -qE "$2" "$inc/$1" 2>/dev/null
}

# 6.9: lockless TX became a netdev bit field instead of NETIF_F_LLTX.
has linux/netdevice.h 'unsigned long[[:space:]]+lltx:1' &&
	printf ' -DLSW_HAVE_NETDEV_LLTX'

# 6.6: the core allocates a device's per-CPU stats (pcpu_stat_type).
has linux/netdevice.h 'enum netdev_stat_type[[:space:]]+pcpu_stat_type' &&
	printf ' -DLSW_HAVE_PCPU_STAT_TYPE'

# 6.5: the GSO helpers moved from linux/skbuff.h to net/gso.h.
has net/gso.h 'skb_gso_validate_network_len' &&
	printf ' -DLSW_HAVE_NET_GSO_H'

# 6.2: generic netlink ops split into do/dump halves (struct genl_split_ops).
has net/genetlink.h 'struct genl_split_ops[[:space:]]*\{' &&
	printf ' -DLSW_HAVE_GENL_SPLIT_OPS'

# 6.4: genl_info_dump() hands dumps a struct genl_info.
has net/genetlink.h 'genl_info_dump\(' &&
	printf ' -DLSW_HAVE_GENL_INFO_DUMP'

# 6.12: "may not change netns" became a netdev bit field instead of
# NETIF_F_NETNS_LOCAL; it was renamed netns_immutable later.
if has linux/netdevice.h 'unsigned long[[:space:]]+netns_immutable:1'; then
	printf ' -DLSW_HAVE_NETNS_IMMUTABLE'
elif has linux/netdevice.h 'unsigned long[[:space:]]+netns_local:1'; then
	printf ' -DLSW_HAVE_NETNS_LOCAL'
fi

# Netlink policies point to const ranges (struct netlink_range_validation).
has net/netlink.h 'const struct netlink_range_validation[[:space:]]+\*range;' &&
	printf ' -DLSW_HAVE_NLA_RANGE_CONST'

echo
