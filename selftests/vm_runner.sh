#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The VM runner's own selftest, run on the host: every verdict the runner
# gives must be one a broken run cannot fake.
#
#   host: selftests/vm/run --(qemu)--> guest kernel KVER --> command
#
# - a checkout anywhere works: one under /tmp (which the guest mounts
#   its own tmpfs over), with a space in its path (which kbuild cannot
#   build in), builds lsw and boots, and the guest runs the command in
#   it and sees the tree and its build outputs at their own paths; the
#   command's exit status (7) comes back unchanged; what the guest
#   cannot show (a cwd in /sys) and a build tree kbuild cannot take fail
#   at once, before any boot or build, saying so;
# - a kernel WARN fails the run although the command succeeded;
# - the splat lsw_splat.awk tolerates does not, and is named; the same
#   WARNING line with a trace in another module still fails the run;
# - a command that never ends is stopped by the timeout and fails.
#
# Environment: LSW_KVER (kernel to boot), LSW_SPLAT_KO (lsw_splat.ko
# built for that kernel).

source "$(dirname "$0")/lib.sh"

RUNNER=$LSW_TOP/selftests/vm/run
LSW_NO_DMESG=1

TESTS=(
	tmp_checkout
	warn_fails_run
	tolerated_splat
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

# The guest's side of tmp_checkout: in the checkout ($1), the lsw built
# there runs, and the module under test is the one built in LSW_OUT ($2);
# then a status of its own, 7, for the runner to pass on.
GUEST_CHECK='
[[ $PWD == "$1" ]] || exit 11
./userspace/lsw -V | grep -q . || exit 12
cmp "$2" "/lib/modules/$(uname -r)/updates/lsw.ko" || exit 13
[[ -d /sys/module/lsw ]] || exit 14
[[ -d $LSW_OUT/build && -d $LSW_CACHE/kernels ]] || exit 15
exit 7
'

tmp_cleanup()
{
	local rc=$?

	rm -rf "$TMP_TREE"
	__lsw_test_cleanup
	return "$rc"
}

test_tmp_checkout()
{
	local copy out rc

	TMP_TREE=$(mktemp -d /tmp/lsw-vm_runner.XXXXXX)
	trap tmp_cleanup EXIT
	copy="$TMP_TREE/lsw checkout"
	source "$LSW_TOP/scripts/lib/tree.sh"
	lsw_copy_tree "$LSW_TOP" "$copy" || fail "cannot copy the tree"

	# With a space in its path, the checkout's outputs go elsewhere.
	run env -u LSW_OUT bash -c '. "$1/scripts/lib/cache.sh"; echo "$LSW_OUT"' - "$copy"
	[[ $OUT != *" "* && $OUT != "$copy"/* ]] ||
		fail "LSW_OUT of a checkout with a space: $OUT"
	# A build tree with a space fails before kbuild starts: nothing
	# of it is made.
	LSW_OUT="$TMP_TREE/out put" fails "$copy/scripts/build-kmod.sh" "$LSW_KVER"
	[[ $OUT == *"kbuild cannot build in"* ]] || fail "no reason given"
	[[ ! -e "$TMP_TREE/out put" ]] || fail "the build began before the refusal"
	# A cwd the guest cannot show fails before boot.
	OUT=$(cd /sys && "$RUNNER" -q -k "$LSW_KVER" -- true 2>&1) && rc=0 || rc=$?
	log "$OUT"
	[[ $rc != 0 && $OUT == *"the guest cannot see /sys"* ]] ||
		fail "a run from /sys did not fail before boot"

	# Build outputs under /tmp too: the checkout's lsw, and lsw.ko in
	# an LSW_OUT of its own.
	out=$TMP_TREE/out
	run make -C "$copy/userspace" || fail "lsw does not build in $copy"
	LSW_OUT=$out run "$copy/scripts/build-kmod.sh" "$LSW_KVER" ||
		fail "lsw.ko does not build from $copy"
	echo "# + (cd '$copy' && vm/run -k $LSW_KVER ...)"
	OUT=$(cd "$copy" && LSW_OUT=$out "$copy/selftests/vm/run" -q -t 300 \
		-k "$LSW_KVER" -m "$out/build/$LSW_KVER/kmod/lsw.ko" -l lsw -- \
		bash -c "$GUEST_CHECK" - "$copy" "$out/build/$LSW_KVER/kmod/lsw.ko" \
		2>&1 >/dev/null) && rc=0 || rc=$?
	printf '%s\n' "$OUT" | grep -E '^(vm|guest): ' | grep -v '^vm: +\[' | sed 's/^/#   /'
	case $rc in
	7) ;;
	11) fail "the guest did not run the command in $copy" ;;
	12) fail "the guest cannot run the lsw built in $copy" ;;
	13) fail "the guest's lsw.ko is not the one in $out" ;;
	14) fail "lsw.ko is not loaded" ;;
	15) fail "the guest does not see LSW_OUT and LSW_CACHE" ;;
	*) fail "the run from $copy: status $rc, expected 7" ;;
	esac
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

# kmsg_block FUNCTION MODULE RIP_FUNCTION RIP_MODULE: a warning block
# in the kernel log's shape, for the guest to write to /dev/kmsg.
kmsg_block()
{
	local l

	for l in "------------[ cut here ]------------" \
		"WARNING: CPU: 0 PID: 1 at include/net/ip_tunnels.h:707 $1+0x84c/0x8c0 [$2]" \
		"Modules linked in: $2" \
		"RIP: 0010:$3+0x84c/0x8c0 [$4]" \
		"Call Trace:" \
		"---[ end trace 0000000000000000 ]---"; do
		printf 'echo %q > /dev/kmsg; ' "<4>$l"
	done
}

test_tolerated_splat()
{
	local rc

	# The tolerated one alone: the run passes, saying what it took out.
	vm -t 300 -- bash -c "$(kmsg_block validate_and_copy_set_tun openvswitch \
		validate_and_copy_set_tun openvswitch)" && rc=0 || rc=$?
	printf '%s\n' "$OUT" | grep '^vm: tolerated' | sed 's/^/#   /'
	[[ $rc == 0 ]] || fail "the tolerated warning failed the run"
	[[ $OUT == *"vm: tolerated (selftests/lsw_splat.awk): validate_and_copy_set_tun [openvswitch]"* ]] ||
		fail "the runner did not say what it tolerated"
	# Its WARNING line, a trace in another module: a splat.
	vm -t 300 -- bash -c "$(kmsg_block geneve_udp_encap_recv geneve \
		lsw_splat_init lsw_splat)" && rc=0 || rc=$?
	[[ $rc != 0 ]] || fail "a warning whose trace is in another module passed"
	[[ $OUT == *"vm:   "*"WARNING: CPU: 0 PID: 1 at include/net/ip_tunnels.h:707 geneve_udp_encap_recv"* ]] ||
		fail "the runner did not name the splat"
}

test_timeout_fails_run()
{
	local rc start=$SECONDS

	vm -t 25 -- sleep 600 && rc=0 || rc=$?
	[[ $rc != 0 ]] || fail "a hung command passed"
	[[ $OUT == *"timed out"* ]] || fail "no timeout verdict"
	# Not a speed verdict: the command would have run 600 s.
	((SECONDS - start < 600)) || fail "the timeout did not stop the VM"
}

[[ -n ${LSW_KVER:-} ]] || { echo "1..0 # SKIP LSW_KVER not set"; exit 4; }
lsw_require qemu-system-x86_64
lsw_run_tests
