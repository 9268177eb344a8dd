#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "make bench": lsw against the kernel's vxlan, side by side, on every
# supported kernel.  For each kernel: build lsw.ko, boot the kernel once
# (selftests/vm/run) and run selftests/bench/lsw_bench.sh inside it, then
# print the medians as a table (lsw, vxlan, ratio) and keep them as JSON
# in $LSW_CACHE/bench/bench-KVER.json.
#
#   scripts/bench.sh [KVER ...]
#
# LSW_BENCH_QUICK=1 makes a short development run (one run of each
# measurement, up to 64k entries); LSW_KERNELS="6.12" narrows the kernels
# as for "make check".  The kernels run one after the other: a benchmark
# wants the machine to itself.

set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/kernels.sh"

if [[ $# -gt 0 ]]; then
	kernels=("$@")
else
	mapfile -t kernels < <(lsw_kernels) || exit 1
	if [[ -n ${LSW_KERNELS:-} ]]; then
		mapfile -t kernels < <(printf '%s\n' "${kernels[@]}" |
			grep -E "^(${LSW_KERNELS// /|})")
	fi
fi
[[ ${#kernels[@]} -gt 0 ]] || { echo "bench: no kernels" >&2; exit 1; }

out=$LSW_CACHE/bench
mkdir -p "$out"

# A million vxlan FDB entries take more than the runner's default 2 GiB.
export LSW_VM_MEM=${LSW_VM_MEM:-3072}

if ! make -C "$top/userspace" > "$out/userspace.log" 2>&1; then
	cat "$out/userspace.log" >&2
	exit 1
fi

status=0
for kver in "${kernels[@]}"; do
	echo "# ---- $kver ----"
	if ! "$top/scripts/build-kmod.sh" "$kver" > "$out/build-$kver.log" 2>&1; then
		tail -n 20 "$out/build-$kver.log" >&2
		status=1
		continue
	fi
	# The module under test, out of the build tree's way.
	ko=$out/lsw-$kver.ko
	cp "$LSW_CACHE/build/$kver/kmod/lsw.ko" "$ko"

	run=$out/run-$kver
	"$top/selftests/vm/run" -k "$kver" -m "$ko" -l lsw -t 1800 -o "$run" \
		-q -- "$top/selftests/bench/lsw_bench.sh" 2> "$out/vm-$kver.log"
	rc=$?
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
exit "$status"
