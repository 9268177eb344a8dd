#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "make check-debug": the selftest suites on the debug kernel ("make
# debug-kernel": KASAN, kmemleak, lockdep, UBSAN, debug objects), split
# over two boots side by side, each ending with lsw_kmemleak.sh, which
# unloads lsw and needs kmemleak to find nothing.  Any splat fails the
# run, as in "make check".  A progress line comes as each suite ends in
# each VM (scripts/lib/progress.sh); the last line is exactly "N passed,
# N failed" (skips on a line of their own before it).
#
# Under KASAN, kmemleak and lockdep a TCG guest runs the suites three to
# six times slower, most of all where they start processes: all of them
# would take this run past 40 minutes, and CI's whole budget is 60.
# What this run must show is every lsw code path under the debug
# checks, once: netlink, the datapath, ARP/ND snooping and suppression,
# misses and held requests, OVN's option, ageing, floods up to the
# tables' limits, concurrency, teardown, and at the end kmemleak.  "make
# check" shows on Debian's own 6.1 and 6.12 that every scenario works;
# this run does not repeat the scenarios that only vary what a path
# already covered carries.  So:
# - sizes: LSW_DEBUG_KERNEL=1 makes the suites load and flood less
#   (selftests/lib.sh lsw_size: a 20k-entry batch for 100k, tables
#   limited to 4096 flooded with 16384 addresses for 16384 with a
#   million), the same verdicts past the same limits; the stress and
#   fuzzing suites get shorter budgets (LSW_STRESS_SECONDS,
#   LSW_FUZZ_SECONDS), lsw_miss's flood is 2500 requests, not 10000,
#   and lsw_stress unloads under traffic once, not three times;
# - suites left out (debug_skip below): lsw_link (its create, change,
#   show and address paths run in every other suite's setup and in
#   lsw_ctl's link tests), lsw_interop (lsw's packets held against the
#   kernel's own vxlan and geneve: bytes that make check judges) and
#   lsw_ovn (OVN's daemons in userspace; its kernel paths are lsw_ovn_dp's
#   and lsw_ctl's port tests; the debug kernel has no Open vSwitch);
# - tests left out (LSW_LEAVE_OUT, reported as skipped): the verdicts
#   that hold lsw's packets against another implementation (lsw_dp
#   interop_vxlan, and Wireshark's dissector in tshark_decode and
#   lsw_geneve wire_format), and the scenarios whose paths another test
#   of this run takes: lsw_pmtu's vxlan6 and geneve4 (vxlan4 and geneve6
#   cover each encapsulation and each underlay family), lsw_geneve's
#   ipv6_underlay, bum_strict_vtep, arp_suppression, coexist_vxlan and
#   gro_vxlan (lsw_dp's and lsw_arp's, with Geneve's own parser and GRO
#   in options_skipped, bad_headers and gro_geneve), lsw_dp vni_isolation
#   (a second switch: the same paths) and vlan_trunk (the tags are the
#   8021q driver's; lsw switches the untagged frames as anywhere else),
#   lsw_arp suppress_off (flooding, lsw_dp's) and ip_flood_limit
#   (lsw_stress ip_flood fills the same table past its limit);
#   lsw_ovn_dp's wire (tshark's dissector again; tx_no_key and
#   tcp_gso_gro send the same option), ipv6_underlay (the IPv6 send
#   and receive paths are lsw_dp's and lsw_pmtu's) and
#   without_metadata (plain Geneve: lsw_geneve's); lsw_miss
#   ynl_subscribe (the kernel's ynl tool on the group that lsw
#   monitor joins in arp_hold_answered); lsw_portsec
#   poisoning_without (learning from a liar: lsw_arp's learning paths,
#   with nothing of port security's); lsw_repl head_end (lsw_dp's
#   bum_replication) and preferred_proxy (the proxy ranking that
#   two_tier and proxy_deleted run, with one more flag set); lsw_ctl
#   stray_miss (the miss operations' generated policies, parsed by
#   the same nla_parse paths as stray_attrs') and ynl (the kernel's
#   ynl tool held against the spec: a userspace verdict); lsw_arp
#   arp_miss (a request the table cannot answer, flooded: lsw_miss's
#   hold_unanswered floods the same, and counts it) and lsw_dp
#   routed_underlay (lsw_repl's segments are routed); lsw_dp ageing
#   (lsw_ctl learned_ageing ages learned entries through the same
#   timer, and every learning test refreshes entries from frames),
#   ipv6_underlay (VXLAN over IPv6 out and in: lsw_repl multicast6 and
#   lsw_pmtu geneve6), mac_limit_flood (lsw_stress mac_flood fills the
#   MAC table past its limit, and lsw_ctl limits refuses a controller's
#   entry in a full one) and static_entries (static MAC and VTEP
#   entries carry the traffic of lsw_repl, lsw_ovn_dp and lsw_portsec);
#   lsw_repl multicast_kernel_vxlan (the kernel's vxlan as the other
#   end; lsw's IPv4 group join, send and receive are hybrid's); lsw_miss
#   nd_hold_answered (the hold queue is the same for both families;
#   ND's parsing and answer are lsw_arp nd_hit's); lsw_ctl batch_100k
#   (lsw_stress churn_under_traffic loads as many entries in one batch,
#   and mac_flood dumps a full table over many messages) and lsw_dp
#   mtu_edge (lsw_pmtu's VM traffic with DF meets the same MTU check,
#   and drop_mtu counts it);
# - kmemleak does not scan every 10 minutes on its own: lsw_kmemleak.sh
#   scans at the end, which finds the same objects unreferenced (a
#   periodic scan of a 4 GiB guest under TCG takes a vCPU for a while).
# Timing verdicts have no place in any suite.  PCI interrupt routing
# comes from the BIOS tables, not ACPI (pci=noacpi): ACPI's interpreter
# under KASAN kept a vCPU busy for 86 s at boot, which the soft lockup
# detector rightly called a lockup.  RCU waits 120 s, not 21, before it
# reports a stall.

set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib/kernels.sh"
. "$top/scripts/lib/tally.sh"
. "$top/scripts/lib/progress.sh"
dk=$top/scripts/debug-kernel.sh

if ! "$dk" --current; then
	echo "check-debug: no current debug kernel: run 'make debug-kernel'" >&2
	exit 1
fi
lsw_lock check-debug || exit 1
cache=$LSW_CACHE/debug-kernel
kver=$("$dk" --kver)
logs=$LSW_OUT/check-debug
rm -rf "$logs"
mkdir -p "$logs"
progress_init check-debug "$logs/progress"
t0=$SECONDS

# The suites run in two VMs side by side, one host core each (TCG
# emulates a guest in one host thread, see vm/run): a debug kernel runs
# them several times slower than Debian's, and one VM would not finish
# within CI's budget.  LSW_DEBUG_JOBS=1 runs the two one after the other.
# Each VM ends with lsw_kmemleak.sh, since each has its own kernel.
# The suites are shared out by the time each took in the last run here
# (longest first, each to the VM with less to do so far; a suite never
# timed here goes by its time in "make check", else PROGRESS_GUESS), so
# the two VMs end together; each VM runs its suites in the list's order.
debug_skip=(lsw_link.sh lsw_interop.sh lsw_ovn.sh)
mapfile -t suites < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$top/selftests/suites" |
	grep -vxF -f <(printf '%s\n' "${debug_skip[@]}"))
groups=("" "")
load=(0 0)
while read -r est s; do
	n=$((load[1] < load[0]))
	load[n]=$((load[n] + est))
	groups[n]+="$s "
done < <(for s in "${suites[@]}"; do
		if grep -qs " ${s%.*} " "$PROGRESS_TIMES"; then
			echo "$(progress_estimate vm "${s%.*}") $s"
		else
			echo "$(PROGRESS_TIMES=$LSW_CACHE/times/check \
				progress_estimate vm "${s%.*}") $s"
		fi
	done | sort -k1,1rn -k2,2)
for n in 0 1; do
	groups[n]=$(for s in "${suites[@]}"; do
		[[ " ${groups[n]} " == *" $s "* ]] && printf '%s ' "$s"
	done)
done
read -ra g <<< "${groups[0]}"
progress_plan vm1 build boot "${g[@]%.*}" lsw_kmemleak
read -ra g <<< "${groups[1]}"
progress_plan vm2 boot "${g[@]%.*}" lsw_kmemleak

echo "# lsw check-debug: $kver ($cache); logs in $logs"
start=$SECONDS
# The suites run the tree's lsw tool: built here too, for a clone where
# "make check" has not run first.
make -C "$top/userspace" > "$logs/userspace.log" 2>&1
verdict "userspace: lsw builds" $? "$logs/userspace.log"
LSW_KDIR=$cache/build "$top/scripts/build-kmod.sh" "$kver" > "$logs/build.log" 2>&1
verdict "$kver: lsw.ko builds" $? "$logs/build.log"
progress_done vm1 build $((SECONDS - start)) "$( ((failed)) && echo FAILED || echo built)"
if ((failed)); then
	summary
	exit
fi

# The verdicts left out (see above), as LSW_LEAVE_OUT reads them.
leave_out=(lsw_dp:interop_vxlan lsw_dp:tshark_decode lsw_dp:vni_isolation
	lsw_geneve:wire_format lsw_geneve:ipv6_underlay
	lsw_geneve:bum_strict_vtep lsw_geneve:arp_suppression
	lsw_geneve:coexist_vxlan lsw_geneve:gro_vxlan
	lsw_pmtu:vxlan6 lsw_pmtu:geneve4 lsw_dp:vlan_trunk
	lsw_arp:suppress_off lsw_arp:ip_flood_limit
	lsw_ovn_dp:wire lsw_ovn_dp:ipv6_underlay lsw_ovn_dp:without_metadata
	lsw_miss:ynl_subscribe lsw_portsec:poisoning_without
	lsw_repl:head_end lsw_repl:preferred_proxy
	lsw_ctl:stray_miss lsw_ctl:ynl lsw_arp:arp_miss lsw_dp:routed_underlay
	lsw_dp:ageing lsw_dp:ipv6_underlay lsw_dp:mac_limit_flood
	lsw_dp:static_entries lsw_repl:multicast_kernel_vxlan
	lsw_miss:nd_hold_answered lsw_ctl:batch_100k lsw_dp:mtu_edge)

# run_group N: one VM for groups[N].  kmemleak: forget what boot left
# behind, so that lsw_kmemleak.sh reports only what the suites' run
# leaked, and scan only when it asks.
km=/sys/kernel/debug/kmemleak
run_group()
{
	local n=$1

	LSW_STRESS_SECONDS=${LSW_STRESS_SECONDS:-10} \
	LSW_FUZZ_SECONDS=${LSW_FUZZ_SECONDS:-5} \
	LSW_DEBUG_KERNEL=1 \
	LSW_LEAVE_OUT=${LSW_LEAVE_OUT-${leave_out[*]}} \
	LSW_VM_MEM=${LSW_VM_MEM:-4096} \
	LSW_VM_APPEND="pci=noacpi rcupdate.rcu_cpu_stall_timeout=120 ${LSW_VM_APPEND:-}" \
		"$top/selftests/vm/run" -K "$cache/kernel" -k "$kver" \
		-m "$LSW_OUT/build/$kver/kmod/lsw.ko" -l lsw \
		-t "${LSW_DEBUG_TIMEOUT:-5400}" -o "$logs/vm$n" -- \
		bash -c 'echo scan > "$1" && echo clear > "$1" &&
			echo scan=off > "$1" && shift &&
			exec "$@"' - "$km" "$top/selftests/run_suites.sh" \
			${groups[n]} lsw_kmemleak.sh \
		2> "$logs/vm$n.log" | progress_ktap "vm$((n + 1))" > "$logs/suites$n.ktap"
	progress_end "vm$((n + 1))"
}

pids=()
for n in 0 1; do
	if [[ ${LSW_DEBUG_JOBS:-0} == 1 ]]; then
		run_group "$n"
	else
		run_group "$n" &
		pids+=($!)
	fi
done
for pid in "${pids[@]}"; do
	wait "$pid"
done

for n in 0 1; do
	echo "# VM $((n + 1)): ${groups[n]}lsw_kmemleak.sh"
	grep -E '^(not )?ok [0-9]+ ' "$logs/suites$n.ktap" | sed 's/^/  /'
	failed_cases "$logs/suites$n.ktap"
	tally "$logs/suites$n.ktap" "  "
	read -ra g <<< "${groups[n]}"
	suites_verdicts "$kver (VM $((n + 1)))" "$logs/suites$n.ktap" \
		"$logs/vm$n.log" "$((${#g[@]} + 1))"
done

progress_save
echo "# took: check-debug $(progress_duration $((SECONDS - t0)))"
summary
