#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "make check": build lsw for every supported kernel and hold the sources
# to the kernel's standards (W=1, sparse, checkpatch), check packaging,
# documentation and the uAPI spec, prove the VM runner, then boot each
# kernel once and run every selftest suite inside it.
#
# Lanes run side by side: one per kernel (its build, then its VM), and
# one for the checks that need no kernel of their own (checkpatch, the
# packaging, the spec, the VM runner's selftest on the newest kernel).
# A progress line comes as each step ends (scripts/lib/progress.sh); the
# verdicts follow at the end, the full KTAP stays in the logs.
#
# Every check and every KTAP test case counts; the last line is exactly
# "N passed, N failed" (skips on a line of their own before it), and the
# status is non-zero on any failure.  Logs are kept in $LSW_OUT/check/.
# LSW_KERNELS="6.12" and LSW_SUITES="lsw_dp" narrow a run.

set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib/kernels.sh"
. "$top/scripts/lib/tally.sh"
. "$top/scripts/lib/progress.sh"

mapfile -t kernels < <(lsw_kernels_selected)
[[ ${#kernels[@]} -gt 0 ]] || { echo "check: no kernels" >&2; exit 1; }
lsw_need_buildable check "$LSW_OUT" || exit 1
lsw_lock check || exit 1
newest=$(printf '%s\n' "${kernels[@]}" | sort -V | tail -n1)

logs=$LSW_OUT/check
rm -rf "$logs"
mkdir -p "$logs"
progress_init check "$logs/progress"
t0=$SECONDS

mapfile -t suites < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$top/selftests/suites")
if [[ -n ${LSW_SUITES:-} ]]; then
	# LSW_SUITES="lsw_link lsw_dp" narrows the suites (while iterating).
	mapfile -t suites < <(printf '%s\n' "${suites[@]}" |
		grep -E "^(${LSW_SUITES// /|})\.")
fi

# warnings LOG: the compiler or sparse diagnostics in a build log.
warnings()
{
	grep -E '(warning|error):' "$1"
}

# build_verdict NAME LOG CMD...: a build that must succeed without a
# warning.
build_verdict()
{
	local name=$1 log=$2 rc

	shift 2
	"$@" > "$log" 2>&1
	rc=$?
	if [[ $rc == 0 ]] && warnings "$log" >/dev/null; then
		rc=1
	fi
	verdict "$name" "$rc" "$log"
}

# ktap_verdicts FILE INDENT: the test lines of a KTAP file, counted.
ktap_verdicts()
{
	grep -vE "^$2#( \+|   )" "$1" | grep -E "^$2(not )?ok |^$2# (FAIL|SKIP)" | sed 's/^/  /'
	tally "$1" "$2"
}

# host_suite NAME CMD...: a check of the host lane that prints KTAP,
# kept in NAME.ktap.  A suite skipped whole ("1..0 # SKIP why", what it
# prints when this host lacks what it needs) counts as one skip, shown
# with its reason.
host_suite()
{
	local name=$1 start=$SECONDS ktap=$logs/$1.ktap why

	shift
	"$@" > "$ktap" 2>&1
	ktap_verdicts "$ktap" ""
	why=$(sed -n 's/^1\.\.0 # SKIP //p' "$ktap")
	if [[ -n $why ]]; then
		echo "  ok - $name # SKIP $why"
		skipped=$((skipped + 1))
	fi
	progress_done host "$name" $((SECONDS - start)) \
		"$(grep -c '^ok' "$ktap") passed, $(grep -c '^not ok' "$ktap") failed${why:+, skipped}"
}

# lane_end NAME: a lane's totals as its last line, "= P F S".
lane_end()
{
	progress_end "$1"
	echo "= $passed $failed $skipped"
}

# --- userspace, before any lane: every VM runs this lsw ---------------------
make -C "$top/userspace" clean >/dev/null 2>&1
build_verdict "userspace: lsw builds without warnings" "$logs/userspace.log" \
	make -C "$top/userspace" > "$logs/userspace.out"

# --- the host lane -------------------------------------------------------
# The checks that are the same on every kernel, once: style, packaging
# and documentation (DKMS, the Debian packages built, linted, installed
# and purged, sphinx, lsw(8) against "lsw help"), the YNL spec against
# the uAPI header, lsw-ovn against a real OVN Southbound database and a
# stand-in for the kernel (lsw_ovn_agent.sh), and the VM runner's own
# selftest (on the newest kernel: it tests the runner, not the kernel).
# Another check that needs no kernel of its own belongs here.
host_lane()
{
	local start sdir rc

	passed=0 failed=0 skipped=0
	echo "# ---- host ----"

	start=$SECONDS
	make -C "$top" checkpatch > "$logs/checkpatch.log" 2>&1
	rc=$?
	verdict "checkpatch --strict: clean" "$rc" "$logs/checkpatch.log"
	progress_done host checkpatch $((SECONDS - start)) \
		"$( ((rc)) && echo FAILED || echo clean)"

	start=$SECONDS
	"$top/scripts/nl-gen.sh" --check > "$logs/nl-gen.log" 2>&1
	rc=$?
	verdict "nl-gen: kmod/netlink-gen.[ch] are what the YNL spec generates" \
		"$rc" "$logs/nl-gen.log"
	progress_done host nl-gen $((SECONDS - start)) \
		"$( ((rc)) && echo FAILED || echo clean)"

	host_suite lsw_pkg bash "$top/selftests/lsw_pkg.sh"
	host_suite ynl_spec_check python3 "$top/selftests/ynl_spec_check.py" "$top"
	host_suite lsw_ovn_agent bash "$top/selftests/lsw_ovn_agent.sh"

	# The runner's selftest module: a WARN on load.
	sdir=$LSW_OUT/build/$newest-splat
	rm -rf "$sdir"
	mkdir -p "$sdir"
	ln -s "$top/selftests/vm/splat/Kbuild" "$sdir/Kbuild"
	ln -s "$top/selftests/vm/splat/lsw_splat.c" "$sdir/lsw_splat.c"
	make -C "$(lsw_kdir "$newest")" M="$sdir" modules > "$logs/splat.log" 2>&1
	verdict "$newest: lsw_splat.ko builds" $? "$logs/splat.log"
	LSW_KVER=$newest LSW_SPLAT_KO=$sdir/lsw_splat.ko \
		host_suite vm_runner bash "$top/selftests/vm_runner.sh"
	lane_end host
}

# --- a kernel's lane -----------------------------------------------------
# kernel_lane KVER: the module under test, a fresh build with W=1 and
# sparse (C=2) in one pass, then every suite in one boot.
kernel_lane()
{
	local kver=$1 ko start want

	passed=0 failed=0 skipped=0
	echo "# ---- $kver ----"
	start=$SECONDS
	build_verdict "$kver: lsw.ko builds with W=1 and sparse (C=2), no warnings" \
		"$logs/build-$kver.log" "$top/scripts/build-kmod.sh" "$kver" W=1 C=2
	progress_done "$kver" build $((SECONDS - start)) \
		"$( ((failed)) && echo FAILED || echo clean)"
	ko=$LSW_OUT/build/$kver/kmod/lsw.ko
	if [[ ! -f $ko ]]; then
		verdict "$kver: selftests (no module to test)" 1
		lane_end "$kver"
		return
	fi

	"$top/selftests/vm/run" -k "$kver" -m "$ko" -l lsw -t 3600 \
		-o "$logs/vm-$kver" -- "$top/selftests/run_suites.sh" "${suites[@]}" \
		2> "$logs/vm-$kver.log" | progress_ktap "$kver" > "$logs/suites-$kver.ktap"
	grep -E '^(not )?ok [0-9]+ ' "$logs/suites-$kver.ktap" | sed 's/^/  /'
	failed_cases "$logs/suites-$kver.ktap"
	tally "$logs/suites-$kver.ktap" "  "
	want=${#suites[@]}
	suites_verdicts "$kver" "$logs/suites-$kver.ktap" "$logs/vm-$kver.log" "$want"
	echo "#   (KTAP: $logs/suites-$kver.ktap)"
	lane_end "$kver"
}

echo "# lsw check: kernels ${kernels[*]}; logs in $logs"
progress_plan host checkpatch lsw_pkg ynl_spec_check lsw_ovn_agent vm_runner
for kver in "${kernels[@]}"; do
	progress_plan "$kver" build boot "${suites[@]%.*}"
done

# The lanes side by side (LSW_CHECK_JOBS=1: one after the other): each
# TCG guest emulates its vCPUs in one host thread (see vm/run), so two
# of them keep two cores busy without stealing from each other.
lanes=(host "${kernels[@]}")
pids=()
for lane in "${lanes[@]}"; do
	(
		s=$SECONDS
		if [[ $lane == host ]]; then
			host_lane
		else
			kernel_lane "$lane"
		fi
		echo "$lane $((SECONDS - s))" >> "$logs/lane-times"
	) > "$logs/lane-$lane.out" &
	if [[ ${LSW_CHECK_JOBS:-0} == 1 ]]; then
		wait $!
	else
		pids+=($!)
	fi
done
for pid in "${pids[@]}"; do
	wait "$pid"
done
progress_save

cat "$logs/userspace.out"
for lane in "${lanes[@]}"; do
	out=$logs/lane-$lane.out
	grep -v '^= ' "$out"
	read -r _ p f s < <(grep '^= ' "$out" || echo "= 0 1 0")
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
done

# One line of times: .ci/run collects it.
printf '# took: check %s (%s)\n' "$(progress_duration $((SECONDS - t0)))" \
	"$(while read -r lane secs; do
		printf '%s %s, ' "$lane" "$(progress_duration "$secs")"
	done < "$logs/lane-times" | sed 's/, $//')"
summary
