#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Stress: for a bounded time, everything that changes the switch's state
# happens at once while traffic flows on every CPU.
#
#   vma --- hv1 lsw5001 ==== ul0 ==== hv2 lsw5001 --- vmb
#             + spare ports joining and leaving, spare switches and
#               whole namespaces created and deleted, 100k-entry table
#               loads and flushes (20k on the debug kernel), dumps,
#               ageing every second, a MAC flood
#
# Afterwards the switch must still switch, its counters must add up
# exactly for a known burst, and the module must unload: no splat (lib.sh
# reads the kernel log after every test), no leaked reference.  A second
# case unloads and reloads the module in a loop with switches, ports and
# traffic in place.
#
# LSW_STRESS_SECONDS (default 20) bounds the first case.  The floods
# fill tables limited to 16384 entries with a million addresses; on the
# debug kernel (LSW_DEBUG_KERNEL=1, lsw_size) tables of 4096 with four
# times as many, 16384: the same verdicts on a sixty-fourth of the frames.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lsw_topo.sh"

TESTS=(
	churn_under_traffic
	mac_flood
	ip_flood
	reload_loop
)

DURATION=${LSW_STRESS_SECONDS:-20}
LOAD_ENTRIES=$(lsw_size 100000 20000)
# The tables' limit for the floods, and the addresses a flood has.
FLOOD_LIMIT=$(lsw_size 16384 4096)

# hypervisors: hv1 and hv2 on an underlay veth, one VM each on tap0,
# VNI 5001, with each other's VTEP and static MAC and ARP entries for
# the VMs.  IPv4 only, and no ARP: after the churn, the test counts
# every frame the switches carry.
hypervisors()
{
	hv_pair -4
	sw "$HV1" lsw5001 5001 "$UL4_1"
	sw "$HV2" lsw5001 5001 "$UL4_2"
	vm VMA "$HV1" lsw5001 tap0 "$VMA_IP" "$VMA_MAC"
	vm VMB "$HV2" lsw5001 tap0 "$VMB_IP" "$VMB_MAC"
	static_neigh
	lswb "$HV1" <<-EOF
	vtep add $UL4_2 dev lsw5001
	mac add $VMB_MAC dev lsw5001 vtep $UL4_2
	arp add $VMB_IP dev lsw5001 mac $VMB_MAC
	EOF
	lswb "$HV2" <<-EOF
	vtep add $UL4_1 dev lsw5001
	mac add $VMA_MAC dev lsw5001 vtep $UL4_1
	arp add $VMA_IP dev lsw5001 mac $VMA_MAC
	EOF
}

# worker NAME CMD...: run CMD in a loop until $STOP exists, and keep in
# $T/NAME.rounds how many rounds succeeded and how many failed (the
# output of the last failure in $T/NAME.err), for the test to check.
worker()
{
	local name=$1 ok=0 failed=0

	shift
	while [[ ! -e $STOP ]]; do
		if "$@" > "$T/$name.out" 2>&1; then
			ok=$((ok + 1))
		else
			failed=$((failed + 1))
			mv "$T/$name.out" "$T/$name.err"
		fi
		echo "$ok $failed" > "$T/$name.rounds"
	done
}

# worker_ok NAME [any]: worker NAME succeeded at least once, and never
# failed (unless "any").
worker_ok()
{
	local name=$1 ok failed

	read -r ok failed < "$T/$name.rounds" ||
		fail "worker $name never finished a round"
	log "$name: $ok rounds succeeded, $failed failed"
	((ok > 0)) || fail "worker $name never succeeded: $(cat "$T/$name.err")"
	((failed == 0)) || [[ ${2:-} == any ]] ||
		fail "worker $name failed $failed times, the last: $(cat "$T/$name.err")"
}

# LOAD_ENTRIES MAC entries behind made-up VTEPs, loaded in one batch,
# then gone.
load_and_flush()
{
	"$LSW" -n "$HV1" -batch "$T/100k.batch"
	"$LSW" -n "$HV1" mac flush dev lsw5001 vtep 192.168.250.99
}

# A spare port joins, carries a frame, and leaves.
port_cycle()
{
	ip -n "$HV1" link add spare0 type veth peer name spare1
	ip -n "$HV1" link set spare0 master lsw5001
	ip -n "$HV1" link set spare0 up
	ip -n "$HV1" link set spare1 up
	ip netns exec "$HV1" python3 -S "$PKT" frame spare1 --count 5
	ip -n "$HV1" link del spare0
}

# A spare switch on the same UDP socket comes and goes.
switch_cycle()
{
	"$LSW" -n "$HV1" link add lsw6001 vni 6001 local 192.168.250.51 dev ul0
	ip -n "$HV1" link set lsw6001 up
	"$LSW" -n "$HV1" vtep add 192.168.250.52 dev lsw6001
	ip -n "$HV1" link del lsw6001
}

# A whole namespace with a switch, a port and a socket, deleted whole.
netns_cycle()
{
	local ns=$LSW_NS_PREFIX-spare

	ip netns add "$ns"
	ip -n "$ns" link add d0 type dummy
	ip -n "$ns" addr add 10.9.9.9/24 dev d0
	ip -n "$ns" link set d0 up
	"$LSW" -n "$ns" link add lsw7001 vni 7001 local 10.9.9.9 dev d0
	ip -n "$ns" link add p0 type veth peer name p1
	ip -n "$ns" link set p0 master lsw7001
	ip -n "$ns" link set lsw7001 up
	ip -n "$ns" link set p0 up
	"$LSW" -n "$ns" vtep add 10.9.9.10 dev lsw7001
	ip netns del "$ns"
}

dump_all()
{
	"$LSW" -n "$HV1" -j mac show dev lsw5001 | jq length
	"$LSW" -n "$HV1" -j arp show | jq length
}

test_churn_under_traffic()
{
	local name before_tx before_rx after_tx after_rx

	hypervisors
	run "$LSW" -n "$HV1" link set lsw5001 ageing 1 mac-limit 200000
	python3 - > "$T/100k.batch" <<-EOF
	for i in range($LOAD_ENTRIES):
	    print("mac replace 02:%02x:%02x:%02x:00:01 dev lsw5001 vtep 192.168.250.99"
	          % (i >> 16, (i >> 8) & 255, i & 255))
	EOF
	STOP=$T/stop
	# Traffic both ways on every CPU, and a flood of new MACs to learn.
	worker ping_ab ip netns exec "$VMA" ping -q -c 200 -i 0.005 172.16.10.12 &
	worker ping_ba ip netns exec "$VMB" ping -q -c 200 -i 0.005 -s 1400 172.16.10.11 &
	worker flood ip netns exec "$VMA" python3 -S "$PKT" flood eth0 500 &
	worker load load_and_flush &
	worker dump dump_all &
	worker port port_cycle &
	worker switch switch_cycle &
	worker netns netns_cycle &
	sleep "$DURATION"
	touch "$STOP"
	wait
	# A ping round fails when no echo at all came back in it: how
	# many do depends on what else the host runs.  The changes to the
	# tables and devices must all succeed.
	worker_ok ping_ab any
	worker_ok ping_ba any
	for name in flood load dump port switch netns; do
		worker_ok "$name"
	done
	run "$LSW" -n "$HV1" -j stats show dev lsw5001
	log "$(jq -c '.[0].stats | with_entries(select(.value != 0))' <<< "$OUT")"
	[[ $(counter "$HV1" lsw5001 mac_aged) -gt 0 ]] || fail "nothing aged"

	# Quiet again: the switch still switches, and counts exactly.
	run "$LSW" -n "$HV1" link set lsw5001 ageing 300
	before_tx=$(counter "$HV1" lsw5001 tx_packets)
	before_rx=$(counter "$HV2" lsw5001 rx_packets)
	run ip netns exec "$VMA" ping -c 20 -i 0.05 -W 2 172.16.10.12
	[[ $OUT == *" 20 received"* ]] || fail "the switch lost pings after the churn"
	after_tx=$(counter "$HV1" lsw5001 tx_packets)
	after_rx=$(counter "$HV2" lsw5001 rx_packets)
	run "$LSW" -n "$HV1" -j stats show dev lsw5001
	log "hv1 tx +$((after_tx - before_tx)), hv2 rx +$((after_rx - before_rx))"
	[[ $((after_tx - before_tx)) == 20 ]] || fail "hv1 sent $((after_tx - before_tx)) frames for 20 requests"
	[[ $((after_rx - before_rx)) == 20 ]] || fail "hv2 received $((after_rx - before_rx)) frames for 20 requests"
	run "$LSW" -n "$HV1" -j mac show dev lsw5001 vtep 192.168.250.99
	[[ $(jq length <<< "$OUT") == 0 ]] || fail "entries of the last load left"
}

# entry_size CACHE: the bytes one entry takes in its slab cache (lsw_mac,
# lsw_neigh), debug padding (KASAN's redzones) included.
entry_size()
{
	cat "/sys/kernel/slab/$1/slab_size"
}

# flood_mem_bounded CACHE KB0 KB1 N: after a flood of N new addresses,
# CACHE grew from KB0 to KB1 KiB; a full table (FLOOD_LIMIT entries) is a
# fraction of what an entry per address would take, and the growth must
# stay under half of that.
flood_mem_bounded()
{
	local size

	size=$(entry_size "$1")
	log "entry size $size bytes"
	((($3 - $2) < $4 * size / 1024 / 2)) ||
		fail "entry memory grew by $((($3 - $2) / 1024)) MiB"
}

# entry_mem_kb CACHE...: the memory of the objects in use in these slab
# caches, in KiB.  Each cache is shrunk first: its empty slabs go back,
# and under KASAN so do the objects freed into its quarantine, which
# would otherwise count as in use (megabytes of other subsystems' frees
# on the debug kernel).  /sys/kernel/slab/NAME follows a cache that
# SLUB merged into another of its size.
entry_mem_kb()
{
	local c b=0 d

	for c in "$@"; do
		d=/sys/kernel/slab/$c
		[[ -e $d ]] || continue
		echo 1 > "$d/shrink"
		b=$((b + $(cut -d' ' -f1 "$d/objects") * $(cat "$d/slab_size")))
	done
	echo $((b / 1024))
}

# A VM sends frames from LSW_FLOOD_MACS (a million, the most; 16384
# on the debug kernel) source MACs, with pktgen: one pktgen device per
# 65536 of them, as pktgen varies 16 bits.  The MAC table stops at its
# limit, the rest is counted, and entry memory grows by what a full
# table takes, not by what an entry per MAC would.  Ageing is off: on a slow (debug) kernel
# the flood outlasts the default 300 s, and entries learned first would
# age out before the count.
test_mac_flood()
{
	local k dev mem0 mem1 hit n n2 host per
	local macs=${LSW_FLOOD_MACS:-$(lsw_size 1048576 16384)}

	hypervisors
	# To the host port: the frames stay on hv1 (its stack drops them).
	# The host has sent nothing (no ARP, no IPv6) for lsw to learn its
	# MAC from: the switch's own permanent entry for it keeps the
	# frames from being flooded to hv2, whose table would fill up too.
	host=$(ip -n "$HV1" -j link show lsw5001 | jq -r '.[0].address')
	run "$LSW" -n "$HV1" -j mac get "$host" dev lsw5001
	[[ $(jq -c '.[0] | [.port, .flags]' <<< "$OUT") == '["lsw5001",["permanent"]]' ]] ||
		fail "no permanent entry for the host's $host: $OUT"
	modprobe pktgen || skip "no pktgen"
	run "$LSW" -n "$HV1" link set lsw5001 mac-limit "$FLOOD_LIMIT" ageing 0
	mem0=$(entry_mem_kb lsw_mac)
	ip netns exec "$VMA" bash -c 'echo rem_device_all > /proc/net/pktgen/kpktgend_0'
	per=$((macs < 65536 ? macs : 65536))
	for k in $(seq 0 $(((macs - 1) / 65536))); do
		dev=eth0@$k
		ip netns exec "$VMA" bash -c "echo 'add_device $dev' > /proc/net/pktgen/kpktgend_0"
		printf '%s\n' "count $per" "clone_skb 0" "pkt_size 60" "delay 0" \
			"dst 172.16.10.99" "dst_mac $host" \
			"$(printf 'src_mac 02:00:%02x:00:00:00' "$k")" \
			"src_mac_count $per" |
			while read -r line; do
				ip netns exec "$VMA" bash -c "echo '$line' > /proc/net/pktgen/$dev" ||
					fail "pktgen $dev: $line"
			done
	done
	ip netns exec "$VMA" bash -c 'echo start > /proc/net/pktgen/pgctrl'
	run ip netns exec "$VMA" bash -c 'grep -h "Result:" /proc/net/pktgen/eth0@*'
	[[ $(grep -c "OK:" <<< "$OUT") == $(((macs + 65535) / 65536)) ]] ||
		fail "pktgen did not send it all"
	mem1=$(entry_mem_kb lsw_mac)
	# The host's own entry does not count against the limit.
	n=$("$LSW" -n "$HV1" -j mac show dev lsw5001 |
		jq '[.[] | select(.flags != ["permanent"])] | length')
	n2=$("$LSW" -n "$HV2" -j mac show dev lsw5001 learned | jq length)
	hit=$(counter "$HV1" lsw5001 mac_limit_hit)
	log "$macs MACs: table $n entries, limit hits $hit, entry memory +$(((mem1 - mem0) / 1024)) MiB"
	[[ $n == "$FLOOD_LIMIT" ]] ||
		fail "the table holds $n entries besides the host's, its limit is $FLOOD_LIMIT"
	[[ $n2 == 0 ]] || fail "the flood reached hv2: it learned $n2 MACs"
	run "$LSW" -n "$HV1" -j mac get "$host" dev lsw5001
	[[ $(jq -c '.[0] | [.port, .flags]' <<< "$OUT") == '["lsw5001",["permanent"]]' ]] ||
		fail "the flood changed the host's entry: $OUT"
	((hit > macs / 2)) || fail "only $hit limit hits for $macs new MACs"
	# The hash table's bucket array is not slab memory.  An entry per
	# MAC would take 72 MiB for a million at 72 bytes.
	flood_mem_bounded lsw_mac "$mem0" "$mem1" "$macs"
	# The switch still switches.
	run ip netns exec "$VMA" ping -c 3 -i 0.2 -W 2 172.16.10.12
}

# A VM sends gratuitous ARPs for LSW_FLOOD_IPS (a million; 16384 on the
# debug kernel) addresses,
# each another one, as a VM that cycles through addresses would: the
# ARP/ND table stops at its limit, the rest is counted, and entry memory
# grows by what a full table takes.  The ARPs are broadcasts, so they
# reach hv2 too, which learns nothing from the underlay.
test_ip_flood()
{
	local ips=${LSW_FLOOD_IPS:-$(lsw_size 1048576 16384)} mem0 mem1 n hit rx0 rx1

	hypervisors
	run "$LSW" -n "$HV1" link set lsw5001 arp-limit "$FLOOD_LIMIT" ageing 0
	rx0=$(counter "$HV2" lsw5001 rx_packets)
	mem0=$(entry_mem_kb lsw_neigh)
	run ip netns exec "$VMA" python3 -S "$PKT" garp-flood eth0 "$ips"
	[[ $OUT == "sent $ips" ]] || fail "the VM did not send $ips ARPs"
	mem1=$(entry_mem_kb lsw_neigh)
	n=$("$LSW" -n "$HV1" -j arp show dev lsw5001 | jq length)
	hit=$(counter "$HV1" lsw5001 arp_limit_hit)
	log "$ips addresses: table $n entries, limit hits $hit," \
		"entry memory +$(((mem1 - mem0) / 1024)) MiB"
	[[ $n == "$FLOOD_LIMIT" ]] || fail "the table holds $n entries, its limit is $FLOOD_LIMIT"
	((hit > ips / 2)) || fail "only $hit limit hits for $ips addresses"
	flood_mem_bounded lsw_neigh "$mem0" "$mem1" "$ips"
	rx1=$(counter "$HV2" lsw5001 rx_packets)
	n=$("$LSW" -n "$HV2" -j arp show dev lsw5001 | jq '[.[] | select(.ip | startswith("10."))] | length')
	log "hv2: $((rx1 - rx0)) frames from the underlay, $n of their addresses learned"
	((rx1 - rx0 > FLOOD_LIMIT)) || fail "the flood did not reach hv2"
	[[ $n == 0 ]] || fail "hv2 learned $n flooded addresses from the underlay"
	run ip netns exec "$VMA" ping -c 3 -i 0.2 -W 2 172.16.10.12
}

test_reload_loop()
{
	local i port

	# Three rounds; one on a debug kernel, whose checks each round
	# runs under already.
	for i in $(seq 1 "$(lsw_size 3 1)"); do
		hypervisors
		port=$(ip -n "$HV1" -j link show tap0 | jq '.[0].ifindex')
		ip netns exec "$VMA" ping -q -c 50 -i 0.01 172.16.10.12 > /dev/null 2>&1 &
		wait_for counter_over "$HV1" lsw5001 tx_packets 0 ||
			fail "round $i: no traffic through the switch"
		# Unloading deletes every switch, with traffic still flowing.
		wait_for rmmod lsw || fail "round $i: the module stays busy: $(cat /sys/module/lsw/refcnt 2>/dev/null)"
		wait
		! ip -n "$HV1" link show lsw5001 > /dev/null 2>&1 ||
			fail "round $i: a switch survived the unload"
		# The port stays, without a master.
		run ip -n "$HV1" -j link show
		jq -e --argjson i "$port" '.[] | select(.ifindex == $i) |
			.ifname == "tap0" and .master == null' <<< "$OUT" > /dev/null ||
			fail "round $i: the port is gone or kept its master"
		for ns in "$HV1" "$HV2" "$VMA" "$VMB"; do
			ip netns del "$ns"
		done
		__lsw_ns=()
	done
	run modprobe lsw
}

topo_run_tests ip jq python3 ping
