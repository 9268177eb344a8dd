# SPDX-License-Identifier: GPL-2.0
#
# Shared helpers for the lsw selftests: KTAP output, network namespaces
# with unique names, commands that print themselves, polling, the lsw
# tool's tables and counters, and a kernel log check after every test.
#
# A suite sets TESTS=(name ...), defines a function test_NAME for each,
# sources this file and calls lsw_run_tests.  Each test runs in its own
# subshell with errexit: the first failing command or assertion ends it,
# and its namespaces are deleted whatever happened.  A test returns 0
# (pass), 1 (fail) or $ksft_skip (4).

ksft_pass=0
ksft_fail=1
ksft_skip=4

LSW_SELFTESTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LSW_TOP=$(cd "$LSW_SELFTESTS/.." && pwd)
# The tool of the tree, or the copy an installed collection has
# (selftests/Makefile).
if [[ -z ${LSW:-} ]]; then
	LSW=$LSW_TOP/userspace/lsw
	[[ -x $LSW ]] || LSW=$LSW_SELFTESTS/lsw
fi
# The suites' packet builder and pcap decoder.
PKT=$LSW_SELFTESTS/lsw_pkt.py
: "${LSW_CACHE:=${XDG_CACHE_HOME:-$HOME/.cache}/lsw}"  # scripts/lib/cache.sh

# Per-suite prefix for namespace names; one run never collides with a
# leftover of another.
LSW_NS_PREFIX="lsw-$(basename "${0%.sh}")-$$"
__lsw_ns=()

# Patterns of a kernel splat; the VM runner uses the same set on the
# whole log, this copy names the test that caused it.  Both scan the log
# as lsw_splat.awk leaves it.
LSW_SPLAT_RE='BUG:|WARNING:|Oops|KASAN|UBSAN|general protection fault|Kernel panic|possible .*(deadlock|locking dependency)|refcount_t|list_(add|del) corruption|unregister_netdevice: waiting|kmemleak: [0-9]+ new suspected|rcu: INFO|INFO: task .* blocked|Call Trace:'

# --- output ---------------------------------------------------------------

# Diagnostics are KTAP comments.
log()
{
	echo "# $*"
}

# fail MSG: end the current test as failed.
fail()
{
	echo "# FAIL: $*"
	exit 1
}

# skip MSG: end the current test as skipped.
skip()
{
	echo "# SKIP: $*"
	exit "$ksft_skip"
}

# comment PREFIX TEXT: each line of TEXT after "#" and PREFIX, without
# a process of its own (they add up, most of all under KASAN).
comment()
{
	printf '#%s%s\n' "$1" "${2//$'\n'/$'\n'#$1}"
}

# run CMD...: print the command, run it, keep its output in $OUT (and
# print it as comments); the status is the command's.
run()
{
	local rc

	echo "# + $*"
	OUT=$("$@" 2>&1) && rc=0 || rc=$?
	if [[ -n $OUT ]]; then
		comment "   " "$OUT"
	fi
	return "$rc"
}

# fails CMD...: the command must fail; its output is in $OUT.
fails()
{
	if run "$@"; then
		fail "expected to fail: $*"
	fi
	return 0
}

# nap SECONDS: sleep without starting sleep(1): a read that times out
# on a pipe nobody writes to.
exec {__lsw_nap_fd}<> <(:)
nap()
{
	read -r -t "$1" -u "$__lsw_nap_fd" || true
}

# wait_for CMD...: poll CMD until it succeeds (up to $LSW_WAIT seconds).
wait_for()
{
	local deadline=$((SECONDS + ${LSW_WAIT:-20}))

	until "$@" >/dev/null 2>&1; do
		if ((SECONDS >= deadline)); then
			echo "# timed out waiting for: $*"
			return 1
		fi
		nap 0.1
	done
}

# monitor_ready NS DEV LOG [vtep|arp]: return once the "lsw monitor"
# writing LOG listens.  It pokes DEV's table with a sentinel entry, added
# and deleted again each time (a repeated identical replace changes
# nothing and so reports nothing), until the monitor reports the
# deletion; the table ends as it was.
monitor_ready()
{
	local ns=$1 dev=$2 log=$3 poke

	case ${4:-vtep} in
	vtep) poke="vtep replace 192.0.2.254 dev $dev
vtep del 192.0.2.254 dev $dev" ;;
	arp) poke="arp replace 192.0.2.254 dev $dev mac 02:00:00:00:00:fe
arp del 192.0.2.254 dev $dev" ;;
	esac
	wait_for bash -c "'$LSW' -n '$ns' -batch - <<< '$poke' &&
		grep -q '\"deleted\".*192.0.2.254' '$log'"
}

# --- sizes -------------------------------------------------------------------

# lsw_size N DEBUG_N: N, or DEBUG_N on the debug kernel (check-debug.sh
# sets LSW_DEBUG_KERNEL=1), where KASAN, kmemleak and lockdep make each
# table change and each frame several times dearer.  For loads and
# floods whose size only makes them longer past a point (a table's
# limit, a hash table's resizes, a dump of many messages): the same
# verdicts, checked on fewer entries.
lsw_size()
{
	if [[ ${LSW_DEBUG_KERNEL:-0} == 1 ]]; then
		echo "$2"
	else
		echo "$1"
	fi
}

# --- raw netlink: lsw_nl.py ---------------------------------------------------

# nl_serve NS: nl_raw in NS sends its requests, for the rest of the test,
# to one lsw_nl.py --serve rather than starting python for each: its
# start-up is most of a request's time in a TCG guest, more under KASAN.
# The answers are the same, one request's at a time.
nl_serve()
{
	local d

	d=$(mktemp -d)
	mkfifo "$d/in" "$d/out"
	ip netns exec "$1" python3 "$LSW_SELFTESTS/lsw_nl.py" --serve \
		< "$d/in" > "$d/out" 2>&1 &
	__lsw_nl_pid=$!
	__lsw_nl_ns=$1
	exec {__lsw_nl_w}> "$d/in" {__lsw_nl_r}< "$d/out"
	rm -rf "$d"
}

# nl_raw NS ARGS...: lsw_nl.py ARGS in NS (see lsw_nl.py), its output and
# status; through the test's server if it serves NS.
nl_raw()
{
	local ns=$1 line

	shift
	if [[ -z ${__lsw_nl_pid:-} || $ns != "$__lsw_nl_ns" ]]; then
		ip netns exec "$ns" python3 "$LSW_SELFTESTS/lsw_nl.py" "$@"
		return
	fi
	printf '%s\0' "$#" "$@" >&"$__lsw_nl_w"
	while IFS= read -r line <&"$__lsw_nl_r"; do
		if [[ $line =~ ^"lsw_nl.py: exit "([0-9]+)$ ]]; then
			return "${BASH_REMATCH[1]}"
		fi
		printf '%s\n' "$line"
	done
	echo "error: lsw_nl.py --serve is gone"
	return 1
}

# __lsw_nl_end: the server ends with the test, before its namespace
# goes (it holds it).  A process the test left in the background may
# hold its input open too: it is told to end, not left to see EOF.
# Fails when the server was gone already: a request expected to fail
# may have "failed" for that alone.
__lsw_nl_end()
{
	local rc

	[[ -n ${__lsw_nl_pid:-} ]] || return 0
	kill "$__lsw_nl_pid" 2>/dev/null
	wait "$__lsw_nl_pid" 2>/dev/null
	rc=$?
	exec {__lsw_nl_w}>&- {__lsw_nl_r}<&-
	__lsw_nl_pid=
	# 128 + SIGTERM: it was still there.
	if ((rc != 143)); then
		echo "# FAIL: lsw_nl.py --serve ended before the test (status $rc)"
		return 1
	fi
}

# --- the lsw tool: tables and counters -------------------------------------

# lswj NS ARGS...: the lsw tool's JSON output in $OUT.
lswj()
{
	local ns=$1

	shift
	run "$LSW" -n "$ns" -j "$@"
}

# count FILTER: elements of the JSON array in $OUT that match.
count()
{
	jq "[.[] | select($1)] | length" <<< "$OUT"
}

# mac_entry NS DEV MAC: the MAC table's entry for MAC, compact JSON.
mac_entry()
{
	"$LSW" -n "$1" -j mac show dev "$2" |
		jq -c --arg m "$3" '.[] | select(.mac == $m)'
}

# mac_is NS DEV MAC KEY VALUE: the entry for MAC exists and has KEY VALUE.
mac_is()
{
	mac_entry "$1" "$2" "$3" |
		jq -e --arg k "$4" --arg v "$5" '.[$k] == $v' > /dev/null
}

# counters NS DEV: the switch's counters, a "NAME VALUE" line each.
counters()
{
	"$LSW" -n "$1" -j stats show dev "$2" |
		jq -r '.[0].stats | to_entries[] | "\(.key) \(.value)"'
}

# counter NS DEV NAME: one of the switch's counters.
counter()
{
	counters "$1" "$2" | awk -v k="$3" '$1 == k { print $2; n++ } END { exit !n }' ||
		fail "no counter $3 for $2"
}

# counter_over NS DEV NAME N: the counter is over N (for wait_for).
counter_over()
{
	(($(counter "$1" "$2" "$3") > $4))
}

# snap ARRAY NS DEV: the switch's counters, into the associative array
# ARRAY (the caller's "local -A ARRAY").
snap()
{
	local -n __snap=$1
	local k v

	__snap=()
	while read -r k v; do
		__snap[$k]=$v
	done < <(counters "$2" "$3")
	((${#__snap[@]})) || fail "no counters for $3"
}

# grew BEFORE AFTER COUNTER: how much COUNTER grew between two snaps.
grew()
{
	local -n __b=$1 __a=$2

	echo $((__a[$3] - __b[$3]))
}

# show_growth WHAT BEFORE AFTER: log the counters that changed.
show_growth()
{
	local -n __b=$2 __a=$3
	local k

	for k in "${!__a[@]}"; do
		if ((__a[$k] != __b[$k])); then
			log "$1 $k +$((__a[$k] - __b[$k]))"
		fi
	done
}

# drops SNAP: the sum of its drop_* counters.
drops()
{
	local -n __s=$1
	local k n=0

	for k in "${!__s[@]}"; do
		if [[ $k == drop_* ]]; then
			n=$((n + __s[$k]))
		fi
	done
	echo "$n"
}

# --- namespaces -----------------------------------------------------------

# ns_create VAR[=NAME]...: make a fresh netns per VAR, with loopback up;
# VAR holds its name: a unique one, or NAME (the demo and the bench name
# theirs).  Deleted when the test ends.
ns_create()
{
	local var name

	for var in "$@"; do
		name="$LSW_NS_PREFIX-$var"
		if [[ $var == *=* ]]; then
			name=${var#*=}
			var=${var%%=*}
		fi
		ip netns add "$name" || fail "cannot create netns $name"
		__lsw_ns+=("$name")
		ip -n "$name" link set lo up
		printf -v "$var" '%s' "$name"
	done
}

# Runs from the EXIT trap: it must not turn a passed test into a failed
# one, so nothing in here may trip errexit or the ERR trap.
__lsw_test_cleanup()
{
	local rc=$? ns nl_gone=0

	set +eE
	trap - ERR
	__lsw_nl_end || nl_gone=1
	for ns in "${__lsw_ns[@]}"; do
		ip netns del "$ns" 2>/dev/null
	done
	__lsw_ns=()
	# Devices a test made in the VM's own namespace.
	ip -o link show type lsw 2>/dev/null |
		awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' |
		while read -r dev; do ip link del "$dev" 2>/dev/null; done
	# From the EXIT trap, "exit" sets the test's status; "return" not.
	((!nl_gone)) || exit 1
	return "$rc"
}

# --- module ---------------------------------------------------------------

lsw_module_loaded()
{
	[[ -d /sys/module/lsw ]]
}

# Tests are run with lsw available (the VM runner adds it to the module
# tree); load it if a previous test unloaded it.
lsw_module_load()
{
	lsw_module_loaded || modprobe lsw
}

# --- the test loop --------------------------------------------------------

# The host-side suites (which boot VMs) leave the host's log alone.
__lsw_dmesg()
{
	if [[ -z ${LSW_NO_DMESG:-} ]]; then
		dmesg 2>/dev/null
	fi
}

lsw_run_tests()
{
	local n=0 t rc before splat start
	local pass=0 failed=0 skipped=0

	# LSW_TESTS="a b" runs only those (while working on them).
	if [[ -n ${LSW_TESTS:-} ]]; then
		read -r -a TESTS <<< "$LSW_TESTS"
	fi
	echo "TAP version 13"
	echo "1..${#TESTS[@]}"
	for t in "${TESTS[@]}"; do
		n=$((n + 1))
		# LSW_LEAVE_OUT="SUITE:TEST ...": a run's plan leaves these
		# out (check-debug.sh says which and why); each is reported
		# as skipped, so the totals say so.
		if [[ " ${LSW_LEAVE_OUT:-} " == *" $(basename "${0%.sh}"):$t "* ]]; then
			echo "ok $n $t # SKIP left out of this run (LSW_LEAVE_OUT)"
			skipped=$((skipped + 1))
			continue
		fi
		start=$SECONDS
		before=$(__lsw_dmesg | wc -l)
		(
			set -eE -o pipefail
			LSW_IN_TEST=1
			trap '__lsw_test_cleanup' EXIT
			trap 'echo "# line $LINENO: failed: $BASH_COMMAND"' ERR
			"test_$t"
		)
		rc=$?
		# Where a suite's time goes (make check has a budget).
		echo "# $t: $((SECONDS - start))s"
		# Less the splats lsw_splat.awk tolerates, named there
		# exactly (the 6.12 kernel's own OVS and geneve modules').
		splat=$(__lsw_dmesg | tail -n +"$((before + 1))" |
			awk -f "$LSW_SELFTESTS/lsw_splat.awk" | grep -E "$LSW_SPLAT_RE" || true)
		if [[ -n $splat ]]; then
			comment " kernel: " "$splat"
			rc=1
		fi
		case $rc in
		0)
			echo "ok $n $t"
			pass=$((pass + 1))
			;;
		"$ksft_skip")
			echo "ok $n $t # SKIP"
			skipped=$((skipped + 1))
			;;
		*)
			echo "not ok $n $t"
			failed=$((failed + 1))
			;;
		esac
	done
	echo "# Totals: pass:$pass fail:$failed xfail:0 xpass:0 skip:$skipped error:0"
	if ((failed)); then
		exit "$ksft_fail"
	fi
	if ((pass == 0 && skipped > 0)); then
		exit "$ksft_skip"
	fi
	exit "$ksft_pass"
}

# Suites need root and the tools they drive; skip the whole suite
# otherwise, as kselftest does.
lsw_require()
{
	local tool

	if [[ $(id -u) != 0 ]]; then
		echo "TAP version 13"
		echo "1..0 # SKIP must be run as root"
		exit "$ksft_skip"
	fi
	for tool in "$@"; do
		if ! command -v "$tool" >/dev/null; then
			echo "TAP version 13"
			echo "1..0 # SKIP $tool not found"
			exit "$ksft_skip"
		fi
	done
}
