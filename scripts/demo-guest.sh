#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The lsw walkthrough, run inside the demo VM: one logical switch on one
# hypervisor.  Every step checks what it shows; any surprise ends the
# demo with a failure.

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
LSW=$top/userspace/lsw

step=0
title()
{
	step=$((step + 1))
	printf '\n== Step %d: %s\n' "$step" "$*"
}

show()
{
	printf '$ %s\n' "$*"
	"$@" 2>&1 | sed 's/^/  /'
	return "${PIPESTATUS[0]}"
}

die()
{
	echo "demo: FAILED: $*" >&2
	exit 1
}

title "The lsw module is loaded ($(cat /sys/module/lsw/version), kernel $(uname -r))"
show modinfo -F description lsw

title "Create logical switch VNI 5001: one lsw device per logical switch"
show "$LSW" link add lsw5001 vni 5001
show ip link set lsw5001 up
ip -d link show dev lsw5001 | grep -q ' lsw ' || die "lsw5001 has no kind lsw"

title "The switch as ip and lsw see it"
show ip -d link show dev lsw5001
show "$LSW" link show
"$LSW" link show | grep -q lsw5001 || die "lsw link show misses lsw5001"

title "Remove the logical switch"
show ip link del lsw5001
ip link show dev lsw5001 >/dev/null 2>&1 && die "lsw5001 still exists"

printf '\ndemo: done\n'
