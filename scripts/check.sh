#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "make check": build lsw for every supported kernel, hold the sources to
# the kernel's standards (W=1, sparse, checkpatch), prove the VM runner,
# then boot each kernel once and run every selftest suite inside it.
#
# Every check and every KTAP test case counts; the last line is
# "N passed, N failed[, N skipped]" and the status is non-zero on any
# failure.  Logs are kept under $LSW_CACHE/check/.

set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/kernels.sh"

mapfile -t kernels < <(lsw_kernels) || exit 1
[[ ${#kernels[@]} -gt 0 ]] || { echo "check: no kernels" >&2; exit 1; }
if [[ -n ${LSW_KERNELS:-} ]]; then
	# LSW_KERNELS="6.12" narrows the run to matching releases.
	mapfile -t kernels < <(printf '%s\n' "${kernels[@]}" | grep -E "^(${LSW_KERNELS// /|})")
fi

logs=$LSW_CACHE/check
rm -rf "$logs"
mkdir -p "$logs"

. "$top/scripts/tally.sh"
t0=$SECONDS

# warnings LOG: the compiler or sparse diagnostics in a build log.
warnings()
{
	grep -E '(warning|error):' "$1"
}

echo "# lsw check: kernels ${kernels[*]}"

# --- userspace and style -------------------------------------------------
make -C "$top/userspace" clean >/dev/null 2>&1
make -C "$top/userspace" > "$logs/userspace.log" 2>&1
rc=$?
if [[ $rc == 0 ]] && warnings "$logs/userspace.log" >/dev/null; then
	rc=1
fi
verdict "userspace: lsw builds without warnings" "$rc" "$logs/userspace.log"

make -C "$top" checkpatch > "$logs/checkpatch.log" 2>&1
verdict "checkpatch --strict: clean" $? "$logs/checkpatch.log"

"$top/scripts/nl-gen.sh" --check > "$logs/nl-gen.log" 2>&1
verdict "nl-gen: kmod/netlink-gen.[ch] are what the YNL spec generates" $? "$logs/nl-gen.log"

# --- packaging and documentation, on the host ----------------------------
# DKMS builds for both kernels, the Debian packages (built, linted,
# installed and purged), sphinx, and lsw(8) against "lsw help".  Only
# the verdicts are shown here; the commands and their output are in the log.
bash "$top/selftests/lsw_pkg.sh" > "$logs/lsw_pkg.ktap" 2>&1
grep -vE '^#( \+|   )' "$logs/lsw_pkg.ktap" | sed 's/^/  /'
tally "$logs/lsw_pkg.ktap" ""
if grep -q '^not ok' "$logs/lsw_pkg.ktap"; then
	echo "#   (full log: $logs/lsw_pkg.ktap)"
fi

# --- per kernel ----------------------------------------------------------
# check_kernel KVER: everything for one kernel.  It prints its verdicts
# and KTAP to stdout, and its own totals as a last line "= P F S".
check_kernel()
{
	local kver=$1 kdir ko sdir rc want

	passed=0
	failed=0
	skipped=0
	kdir=$(lsw_kdir "$kver")
	echo "# ---- $kver ----"

	"$top/scripts/build-kmod.sh" "$kver" C=2 \
		> "$logs/sparse-$kver.log" 2>&1
	rc=$?
	if [[ $rc == 0 ]] && warnings "$logs/sparse-$kver.log" >/dev/null; then
		rc=1
	fi
	verdict "$kver: sparse (C=2) clean" "$rc" "$logs/sparse-$kver.log"

	# The module under test: a fresh W=1 build.
	"$top/scripts/build-kmod.sh" "$kver" W=1 \
		> "$logs/build-$kver.log" 2>&1
	rc=$?
	if [[ $rc == 0 ]] && warnings "$logs/build-$kver.log" >/dev/null; then
		rc=1
	fi
	verdict "$kver: lsw.ko builds with W=1, no warnings" "$rc" "$logs/build-$kver.log"
	ko=$LSW_CACHE/build/$kver/kmod/lsw.ko

	# The runner's selftest module.
	sdir=$LSW_CACHE/build/$kver-splat
	rm -rf "$sdir"
	mkdir -p "$sdir"
	ln -s "$top/selftests/vm/splat/Kbuild" "$sdir/Kbuild"
	ln -s "$top/selftests/vm/splat/lsw_splat.c" "$sdir/lsw_splat.c"
	make -C "$kdir" M="$sdir" modules > "$logs/splat-$kver.log" 2>&1
	verdict "$kver: lsw_splat.ko builds" $? "$logs/splat-$kver.log"

	if [[ -f $ko ]]; then
		# The runner's own selftest.
		LSW_KVER=$kver LSW_SPLAT_KO=$sdir/lsw_splat.ko \
			bash "$top/selftests/vm_runner.sh" > "$logs/vm_runner-$kver.ktap" 2>&1
		sed 's/^/  /' "$logs/vm_runner-$kver.ktap"
		tally "$logs/vm_runner-$kver.ktap" ""

		# Every suite in one boot.
		"$top/selftests/vm/run" -k "$kver" -m "$ko" -l lsw -t 3600 \
			-o "$logs/vm-$kver" -- "$top/selftests/run_suites.sh" \
			> "$logs/suites-$kver.ktap" 2> "$logs/vm-$kver.log"
		cat "$logs/suites-$kver.ktap"
		tally "$logs/suites-$kver.ktap" "  "
		want=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$top/selftests/suites" | wc -l)
		suites_verdicts "$kver" "$logs/suites-$kver.ktap" "$logs/vm-$kver.log" "$want"
	else
		verdict "$kver: selftests (no module to test)" 1
	fi
	echo "= $passed $failed $skipped"
}

# The kernels run side by side (LSW_CHECK_JOBS=1: one after the other):
# each TCG guest emulates its vCPUs in one host thread (see vm/run), so
# two of them keep two cores busy without stealing from each other.
pids=()
for kver in "${kernels[@]}"; do
	if [[ ${LSW_CHECK_JOBS:-0} == 1 ]]; then
		(check_kernel "$kver") > "$logs/kernel-$kver.out"
	else
		(check_kernel "$kver") > "$logs/kernel-$kver.out" &
		pids+=($!)
	fi
done
for pid in "${pids[@]}"; do
	wait "$pid"
done
for kver in "${kernels[@]}"; do
	out=$logs/kernel-$kver.out
	grep -v '^= ' "$out"
	read -r _ p f s < <(grep '^= ' "$out" || echo "= 0 1 0")
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
done

echo "# check took $((SECONDS - t0))s; logs in $logs"
summary
