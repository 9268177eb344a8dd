#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The VM runner's own selftest, run on the host: every verdict the runner
# gives must be one a broken run cannot fake.
#
#   host: selftests/vm/run --(qemu)--> guest kernel KVER --> command
#
# - the command's exit status comes back unchanged;
# - a kernel WARN fails the run although the command succeeded;
# - a command that never ends is stopped by the timeout and fails.
#
# Environment: LSW_KVER (kernel to boot), LSW_SPLAT_KO (lsw_splat.ko
# built for that kernel).

source "$(dirname "$0")/lib.sh"

RUNNER=$LSW_TOP/selftests/vm/run
LSW_NO_DMESG=1

TESTS=(
	exit_status
	warn_fails_run
	timeout_fails_run
)

# vm ARGS...: run the runner quietly; its stderr (verdict and guest
# kernel log) lands in $OUT, the status is the runner's.
vm()
{
	local rc

	echo "# + vm/run -k $LSW_KVER $*"
	OUT=$("$RUNNER" -q -k "$LSW_KVER" "$@" 2>&1 >/dev/null) && rc=0 || rc=$?
	printf '%s\n' "$OUT" | grep '^vm: [^ ]*: status' | sed 's/^/#   /'
	return "$rc"
}

test_exit_status()
{
	local rc

	vm -t 300 -- bash -c 'exit 7' && rc=0 || rc=$?
	[[ $rc == 7 ]] || fail "status $rc, expected 7"
	vm -t 300 -- true || fail "a clean run failed"
}

test_warn_fails_run()
{
	local rc

	[[ -f ${LSW_SPLAT_KO:-} ]] || fail "no lsw_splat.ko for $LSW_KVER"
	vm -t 300 -m "$LSW_SPLAT_KO" -- modprobe lsw_splat && rc=0 || rc=$?
	[[ $rc != 0 ]] || fail "a WARN in the guest did not fail the run"
	[[ $OUT == *"kernel splat in the guest log"* ]] ||
		fail "the runner did not name the splat"
	[[ $OUT == *"lsw_splat: provoked warning"* ]] ||
		fail "the guest kernel log was not printed"
}

test_timeout_fails_run()
{
	local rc start=$SECONDS

	vm -t 25 -- sleep 600 && rc=0 || rc=$?
	[[ $rc != 0 ]] || fail "a hung command passed"
	[[ $OUT == *"timed out"* ]] || fail "no timeout verdict"
	((SECONDS - start < 120)) || fail "the timeout did not stop the VM"
}

[[ -n ${LSW_KVER:-} ]] || { echo "1..0 # SKIP LSW_KVER not set"; exit 4; }
lsw_require qemu-system-x86_64
lsw_run_tests
