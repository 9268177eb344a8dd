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

echo
