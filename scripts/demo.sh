#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "make demo": boot a test kernel in a VM and play the lsw walkthrough
# (scripts/demo-guest.sh) inside it.  LSW_DEMO_KERNEL picks the kernel
# (a prefix of its release, default: the newest one "make deps" placed).

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib/kernels.sh"

kver=$(lsw_kernels | grep -E "^${LSW_DEMO_KERNEL:-}" | sort -V | tail -n1)
if [[ -z $kver ]]; then
	echo "demo: no kernel matches '${LSW_DEMO_KERNEL:-}'" >&2
	exit 1
fi

lsw_lock demo || exit 1
echo "demo: building lsw for $kver"
log=$(mktemp)
if ! "$top/scripts/build-kmod.sh" "$kver" > "$log" 2>&1 ||
   ! make -C "$top/userspace" >> "$log" 2>&1; then
	cat "$log" >&2
	rm -f "$log"
	echo "demo: build failed" >&2
	exit 1
fi
rm -f "$log"

echo "demo: booting $kver (TCG; LSW_KVM=1 for KVM)"
exec "$top/selftests/vm/run" -k "$kver" -m "$LSW_OUT/build/$kver/kmod/lsw.ko" \
	-l lsw -t 900 -- "$top/scripts/demo-guest.sh"
