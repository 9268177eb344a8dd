#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Netlink fuzzing (lsw_fuzz.py): random and mutated requests to the "lsw"
# generic netlink family and to rtnetlink for lsw links.  Every request
# gets a clean answer, the kernel log stays clean (lib.sh checks it after
# every test), the tables end as the requests that succeeded say, and the
# module unloads afterwards: nothing holds a reference.
#
# LSW_FUZZ_SECONDS (per phase, default 10) and LSW_FUZZ_SEED (default:
# random, printed) make a run longer or repeat one.

source "$(dirname "$0")/lib.sh"

TESTS=(
	model
	garbage
	unload
)

SECONDS_PER=${LSW_FUZZ_SECONDS:-10}
SEED=${LSW_FUZZ_SEED:-$RANDOM}
FUZZ=$LSW_TOP/selftests/lsw_fuzz.py

setup()
{
	ns_create A
	lsw_module_load
	run ip -n "$A" link add ul0 type dummy
	run ip -n "$A" addr add 10.0.0.1/24 dev ul0
	run ip -n "$A" addr add fd00::1/64 dev ul0 nodad
	run ip -n "$A" link set ul0 up
	run "$LSW" -n "$A" link add lsw5001 vni 5001 local 10.0.0.1 dev ul0
	run "$LSW" -n "$A" link add lsw6001 vni 6001 local fd00::1 dev ul0
	run ip -n "$A" link add veth0 type veth peer name veth1
	run ip -n "$A" link set veth0 master lsw5001
	run ip -n "$A" link set lsw5001 up
	run ip -n "$A" link set lsw6001 up
}

test_model()
{
	setup
	run ip netns exec "$A" python3 "$FUZZ" model "$SECONDS_PER" "$SEED" \
		lsw5001 lsw6001 veth0 || fail "model fuzzing (seed $SEED)"
}

test_garbage()
{
	setup
	run ip netns exec "$A" python3 "$FUZZ" garbage "$SECONDS_PER" "$SEED" \
		lsw5001 lsw6001 || fail "garbage fuzzing (seed $SEED)"
	# The devices still answer, whatever the fuzzer changed.
	run "$LSW" -n "$A" -j link show
	[[ $(jq '[.[] | select(.ifname == "lsw5001" or .ifname == "lsw6001")] | length' <<< "$OUT") == 2 ]] ||
		fail "the switches are gone: $OUT"
	run "$LSW" -n "$A" -j stats show dev lsw5001
	run "$LSW" -n "$A" -j mac show
	jq -e 'type == "array"' <<< "$OUT" > /dev/null || fail "mac show: $OUT"
}

test_unload()
{
	# Whatever the fuzzing left behind goes with the namespaces; then
	# nothing may hold the module.
	local ns

	for ns in $(ip netns list | awk '/^lsw-/ { print $1 }'); do
		ip netns del "$ns"
	done
	wait_for rmmod lsw || fail "the module stays busy: $(cat /sys/module/lsw/refcnt 2>/dev/null)"
	run modprobe lsw
}

lsw_require ip jq python3
log "seed $SEED, $SECONDS_PER s per phase"
lsw_run_tests
