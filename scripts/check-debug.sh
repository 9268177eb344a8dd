#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "make check-debug": every selftest suite, in one boot of the debug
# kernel ("make debug-kernel": KASAN, kmemleak, lockdep, UBSAN, debug
# objects), then lsw_kmemleak.sh, which unloads lsw and needs kmemleak to
# find nothing.  Any splat fails the run, as in "make check".  The last
# line is "N passed, N failed[, N skipped]".
#
# Under KASAN, kmemleak and lockdep a TCG guest runs the suites about
# six times slower: the stress and fuzzing suites get shorter budgets
# (LSW_STRESS_SECONDS, LSW_FUZZ_SECONDS; floods of LSW_FLOOD_MACS=65536
# source MACs and LSW_FLOOD_IPS=65536 addresses, four times the tables'
# limits), and timing verdicts (TCP throughput against vxlan) skip, as
# they mean nothing here.  PCI interrupt routing comes from the BIOS
# tables, not ACPI (pci=noacpi): ACPI's interpreter under KASAN kept a
# vCPU busy for 86 s at boot, which the soft lockup detector rightly
# called a lockup.  RCU waits 120 s, not 21, before it reports a stall.

set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/kernels.sh"
dk=$top/scripts/debug-kernel.sh

if ! "$dk" --current; then
	echo "check-debug: no current debug kernel: run 'make debug-kernel'" >&2
	exit 1
fi
cache=${LSW_DEBUG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lsw/debug-kernel}
kver=$("$dk" --kver)
logs=$LSW_CACHE/check-debug
rm -rf "$logs"
mkdir -p "$logs"
. "$top/scripts/tally.sh"
t0=$SECONDS

echo "# lsw check-debug: $kver ($cache)"
LSW_KDIR=$cache/build "$top/scripts/build-kmod.sh" "$kver" > "$logs/build.log" 2>&1
verdict "$kver: lsw.ko builds" $? "$logs/build.log"
if ((failed)); then
	summary
	exit
fi

mapfile -t suites < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$top/selftests/suites")
suites+=(lsw_kmemleak.sh)

# kmemleak: forget what boot left behind, so that lsw_kmemleak.sh
# reports only what the suites' run leaked.
km=/sys/kernel/debug/kmemleak
LSW_STRESS_SECONDS=${LSW_STRESS_SECONDS:-10} \
LSW_FUZZ_SECONDS=${LSW_FUZZ_SECONDS:-5} \
LSW_FLOOD_MACS=${LSW_FLOOD_MACS:-65536} \
LSW_FLOOD_IPS=${LSW_FLOOD_IPS:-65536} \
LSW_DEBUG_KERNEL=1 \
LSW_VM_MEM=${LSW_VM_MEM:-4096} \
LSW_VM_APPEND="pci=noacpi rcupdate.rcu_cpu_stall_timeout=120 ${LSW_VM_APPEND:-}" \
	"$top/selftests/vm/run" -K "$cache/kernel" -k "$kver" \
	-m "$LSW_CACHE/build/$kver/kmod/lsw.ko" -l lsw -t "${LSW_DEBUG_TIMEOUT:-7200}" \
	-o "$logs/vm" -- bash -c "echo scan > $km && echo clear > $km &&
		exec $top/selftests/run_suites.sh ${suites[*]}" \
	> "$logs/suites.ktap" 2> "$logs/vm.log"
cat "$logs/suites.ktap"

tally "$logs/suites.ktap" "  "
suites_verdicts "$kver" "$logs/suites.ktap" "$logs/vm.log" "${#suites[@]}"

echo "# check-debug took $((SECONDS - t0))s; logs in $logs"
summary
