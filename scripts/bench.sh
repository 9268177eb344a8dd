#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "make bench": lsw against the kernel's vxlan and against Open vSwitch
# (its kernel datapath and ovs-vswitchd, from the packages "make deps"
# unpacks), side by side, on every supported kernel.  For each kernel:
# build lsw.ko, boot the kernel once (selftests/vm/run) and run
# selftests/bench/lsw_bench.sh inside it, then print the medians as a
# table (lsw, vxlan, OVS, the ratios) and keep them as JSON
# in $LSW_OUT/bench/bench-KVER.json.  A progress line comes as each part
# of the benchmark ends on each kernel (scripts/lib/progress.sh).
#
#   scripts/bench.sh [KVER ...]
#
# LSW_BENCH_QUICK=1 makes a short development run (one run of each
# measurement, up to 64k entries); LSW_KERNELS="6.12" narrows the kernels
# as for "make check".  The kernels run one after the other: a benchmark
# wants the machine to itself.

set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib/kernels.sh"
. "$top/scripts/lib/progress.sh"

if [[ $# -gt 0 ]]; then
	kernels=("$@")
else
	mapfile -t kernels < <(lsw_kernels_selected)
fi
[[ ${#kernels[@]} -gt 0 ]] || { echo "bench: no kernels" >&2; exit 1; }

lsw_lock bench || exit 1
out=$LSW_OUT/bench
mkdir -p "$out"

# One lane: the kernels go one after the other.  Quick and full runs
# keep their own times.
read -ra parts <<< "${LSW_BENCH_ONLY:-pps tcp install scale arp bum portsec repl miss ovn}"
kind=bench
[[ ${LSW_BENCH_QUICK:-0} == 0 ]] || kind=bench-quick
progress_init "$kind" "$out/progress"
items=()
for kver in "${kernels[@]}"; do
	items+=("$kver/build" "$kver/boot")
	for part in "${parts[@]}"; do
		items+=("$kver/$part")
	done
done
progress_plan bench "${items[@]}"

# bench_progress KVER: pass the guest's output through, with a progress
# line as it comes up and as each part ends ("# PART took Ns").
bench_progress()
{
	local kver=$1 line n=0 start=$SECONDS

	while IFS= read -r line; do
		printf '%s\n' "$line"
		line=${line%$'\r'}
		case $line in
		"@bench kernel "*)
			progress_done bench "$kver/boot" $((SECONDS - start)) "guest up"
			;;
		"@bench cpus "*) ;;
		"@bench "*) n=$((n + 1)) ;;
		"# "*" took "*s)
			line=${line#\# }
			progress_done bench "$kver/${line%% *}" \
				"$(sed 's/.* took \([0-9]*\)s$/\1/' <<< "$line")" "$n samples"
			n=0
			;;
		esac
	done
}

# A million vxlan FDB entries take more than the runner's default 2 GiB,
# and a million OpenFlow rules more than 1 GiB of ovs-vswitchd's memory
# besides (ovs-ofctl holds the whole bundle too while it sends it).
export LSW_VM_MEM=${LSW_VM_MEM:-4096}
# The guest's time limit: a full run takes 35 to 50 minutes per kernel
# under TCG on a quiet machine (installing the million OpenFlow rules
# alone 3 to 6), so 90 minutes leave room for a loaded one.
timeout=${LSW_BENCH_TIMEOUT:-5400}

if ! make -C "$top/userspace" > "$out/userspace.log" 2>&1; then
	cat "$out/userspace.log" >&2
	exit 1
fi

status=0
for kver in "${kernels[@]}"; do
	echo "# ---- $kver ----"
	start=$SECONDS
	if ! "$top/scripts/build-kmod.sh" "$kver" > "$out/build-$kver.log" 2>&1; then
		tail -n 20 "$out/build-$kver.log" >&2
		status=1
		continue
	fi
	# The module under test, out of the build tree's way.
	progress_done bench "$kver/build" $((SECONDS - start)) built
	ko=$out/lsw-$kver.ko
	cp "$LSW_OUT/build/$kver/kmod/lsw.ko" "$ko"

	run=$out/run-$kver
	"$top/selftests/vm/run" -k "$kver" -m "$ko" -l lsw -t "$timeout" -o "$run" \
		-- "$top/selftests/bench/lsw_bench.sh" 2> "$out/vm-$kver.log" |
		bench_progress "$kver" > /dev/null
	rc=${PIPESTATUS[0]}
	grep -E '^(@bench|# )' "$run/output.log" > "$out/samples-$kver.txt"
	if [[ $rc != 0 ]]; then
		echo "bench: $kver: the run failed (status $rc); see $out/vm-$kver.log" >&2
		tail -n 30 "$run/output.log" >&2
		status=1
	fi
	python3 "$top/scripts/bench-report.py" "$out/samples-$kver.txt" \
		"$out/bench-$kver.json" | tee "$out/table-$kver.txt"
	echo "# JSON: $out/bench-$kver.json"
done
progress_save
exit "$status"
