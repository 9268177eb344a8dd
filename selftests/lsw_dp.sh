#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The datapath: switching, VXLAN encapsulation and decapsulation,
# flooding, learning, ageing, limits and drops, with real packets.
#
# The NSX walkthrough: two hypervisors on one underlay segment, a VM
# behind each, one logical switch (VNI 5001) between them.
#
#   vma 172.16.10.11                                vmb 172.16.10.12
#   00:50:56:00:00:0a                               00:50:56:00:00:0b
#   +----------------+                              +----------------+
#   |  eth0          |                              |  eth0          |
#   +---|------------+                              +---|------------+
#       | veth                                          | veth
#   +---|--------------------------+   +----------------|-------------+
#   | vnet0 (port)         hv1     |   | hv2        vnet0 (port)      |
#   |   lsw5001 vni 5001           |   |           lsw5001 vni 5001   |
#   |   local 192.168.250.51       |   |       local 192.168.250.52   |
#   |      or fd00:250::51         |   |          or fd00:250::52     |
#   |                      ul0 ----+---+---- ul0                      |
#   +------------------------------+   +------------------------------+
#                underlay veth, 192.168.250.0/24, fd00:250::/64
#
# The routed case puts a router between the hypervisors:
#
#   hv1 ul0 192.168.251.51/24 -- ul1 [ rt ] ul2 -- ul0 192.168.252.52/24 hv2
#                          .251.1           .252.1
#
# Other tests add a VM vmc (172.16.10.13, :0c) on hv1's vnet1 and vmd
# (172.16.10.14, :0d) on hv2's vnet1, extra underlay addresses on hv2
# (192.168.250.53-.59, .99), a second switch lsw5002, or replace hv2's
# switch with the kernel's vxlan driver and a bridge.
#
# Packets are checked on the wire (tcpdump on ul0 and in the VMs,
# decoded by lsw_pkt.py or tshark), tables with "lsw -j", counters with
# "lsw -j stats show".  Counts are exact: one frame flooded to N VTEPs is
# N encapsulated copies, not N-1, not N+1.  No IPv6 in the VMs and on
# the switches (only on the underlay): nothing but the test's own frames
# crosses the switch.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lsw_topo.sh"

TESTS=(
	ping_tcp
	learning
	host_mac
	static_entries
	bum_replication
	split_horizon
	ageing
	mac_move
	mac_limit_flood
	ipv6_underlay
	vni_isolation
	strict_vtep
	mtu_edge
	interop_vxlan
	tshark_decode
	malformed
	routed_underlay
	vlan_trunk
	no_leak
)

HOST_IP=172.16.10.1
LSW_HOST_MSG="Error: lsw: MAC address is the lsw device's own (permanent entry)"

# host_mac NS DEV: the address of lsw device DEV.
host_mac()
{
	ip -n "$1" -j link show "$2" | jq -r '.[0].address'
}

# mac_rows NS DEV: the MAC table of DEV as sorted [mac, port, vtep, flags]
# rows, compact JSON.
mac_rows()
{
	"$LSW" -n "$1" -j mac show dev "$2" |
		jq -c '[.[] | [.mac, .port, .vtep, .flags]] | sort'
}

# two_switches: hv1 and hv2, each with lsw5001 (VNI 5001) and lsw5002
# (VNI 5002), each switch with the other hypervisor in its VTEP table.
two_switches()
{
	local s

	hv_pair
	sw "$HV1" lsw5001 5001 "$UL4_1"
	sw "$HV1" lsw5002 5002 "$UL4_1"
	sw "$HV2" lsw5001 5001 "$UL4_2"
	sw "$HV2" lsw5002 5002 "$UL4_2"
	for s in lsw5001 lsw5002; do
		run "$LSW" -n "$HV1" vtep add "$UL4_2" dev "$s"
		run "$LSW" -n "$HV2" vtep add "$UL4_1" dev "$s"
	done
}

# vlan_up DEV VID: the ip commands (for ipb) of a VLAN device DEV.VID
# on DEV, up, without IPv6.
vlan_up()
{
	echo "link add link $1 name $1.$2 type vlan id $2"
	echo "link set $1.$2 addrgenmode none"
	echo "link set $1.$2 up"
}

# --- tests ----------------------------------------------------------------

test_ping_tcp()
{
	local -A b a b2 a2

	topo 4
	ping_wire
	# Three echo requests encapsulated from .51 to .52, three replies
	# from .52 to .51, each exactly once, VNI 5001, I flag only.
	[[ $(cap_count ul saddr=$UL4_1 daddr=$UL4_2 dport=4789 vxflags=0x08000000 \
	     vni=5001 vxrsvd=0 isrc=$VMA_MAC idst=$VMB_MAC iicmp=8) == 3 ]] ||
		fail "not 3 encapsulated echo requests"
	[[ $(cap_count ul saddr=$UL4_2 daddr=$UL4_1 dport=4789 vxflags=0x08000000 \
	     vni=5001 isrc=$VMB_MAC idst=$VMA_MAC iicmp=0) == 3 ]] ||
		fail "not 3 encapsulated echo replies"
	ping_ok "$VMB" "$VMA_IP"
	ping_fails "$VMA" 172.16.10.99

	# TCP, 1 MiB: with TSO on the VMs' veths, the switch gets GSO
	# frames from its port and sends them through the tunnel.
	run nsx "$VMA" sh -c 'ethtool -k eth0 | grep segmentation-offload'
	[[ $OUT == *"tcp-segmentation-offload: on"* ]] || fail "TSO is off on the VM"
	tcp_transfer "$VMA" "$VMB" "$VMB_IP" 1048576

	snap a "$HV1" lsw5001
	snap a2 "$HV2" lsw5001
	show_growth hv1 b a
	show_growth hv2 b2 a2
	(($(grew b a tx_packets) >= 3)) || fail "hv1 tx_packets"
	(($(grew b a rx_packets) >= 3)) || fail "hv1 rx_packets"
	(($(grew b2 a2 rx_packets) >= 3)) || fail "hv2 rx_packets"
	# A clean run drops nothing.
	[[ $(drops a) == 0 && $(drops a2) == 0 ]] ||
		fail "drops in a clean run"
}

test_learning()
{
	local -A s

	topo 4
	# Before traffic, the host's own address only (see host_mac).
	lswj "$HV1" mac show dev lsw5001
	[[ $(jq -c '[.[].flags]' <<< "$OUT") == '[["permanent"]]' ]] ||
		fail "MAC table not the host's entry alone before traffic"
	run nsx "$VMA" ping -c 1 -W 5 "$VMB_IP" || fail "ping failed"

	# hv1: vmb behind VTEP .52, vma on its port; learned, nothing else
	# but the host's own.
	lswj "$HV1" mac show dev lsw5001
	[[ $(jq length <<< "$OUT") == 3 ]] || fail "hv1: not 3 entries"
	[[ $(count ".mac == \"$VMB_MAC\" and .vtep == \"$UL4_2\" and .flags == [\"learned\"] and (.port == null)") == 1 ]] ||
		fail "hv1: vmb not learned behind $UL4_2"
	[[ $(count ".mac == \"$VMA_MAC\" and .port == \"vnet0\" and .flags == [\"learned\"] and (.vtep == null)") == 1 ]] ||
		fail "hv1: vma not learned on vnet0"
	[[ $(count '.flags == ["learned"] and .age_ms >= 0 and .age_ms < 300000') == 2 ]] ||
		fail "hv1: age_ms"
	# hv2, the mirror image.
	lswj "$HV2" mac show dev lsw5001
	[[ $(jq length <<< "$OUT") == 3 ]] || fail "hv2: not 3 entries"
	[[ $(count ".mac == \"$VMA_MAC\" and .vtep == \"$UL4_1\" and .flags == [\"learned\"]") == 1 ]] ||
		fail "hv2: vma not learned behind $UL4_1"
	[[ $(count ".mac == \"$VMB_MAC\" and .port == \"vnet0\" and .flags == [\"learned\"]") == 1 ]] ||
		fail "hv2: vmb not learned on vnet0"
	# ARP snooping: each hypervisor learns its own VM's address from the
	# ARP exchange, and only that: what comes from the underlay is never
	# snooped (a remote VTEP cannot make hv1 answer for anybody).
	lswj "$HV1" arp show dev lsw5001
	[[ $(jq -c '[.[] | [.ip, .mac, .flags]]' <<< "$OUT") == "[[\"$VMA_IP\",\"$VMA_MAC\",[\"learned\"]]]" ]] ||
		fail "hv1: the ARP table is not vma's address alone"
	lswj "$HV2" arp show dev lsw5001
	[[ $(jq -c '[.[] | [.ip, .mac, .flags]]' <<< "$OUT") == "[[\"$VMB_IP\",\"$VMB_MAC\",[\"learned\"]]]" ]] ||
		fail "hv2: the ARP table is not vmb's address alone"
	snap s "$HV1" lsw5001
	[[ ${s[mac_learned]} == 2 ]] || fail "hv1: mac_learned is not 2"
	[[ ${s[arp_learned]} == 1 ]] || fail "hv1: arp_learned is not 1"
	[[ ${s[mac_moved]} == 0 ]] || fail "hv1: mac_moved"
	# Learned entries are the controller's to see: filter by flags.
	lswj "$HV1" mac show dev lsw5001 static
	[[ $OUT == "[]" ]] || fail "static entries appeared"
}

# The host port's own MAC address: a permanent entry on the host's port
# from the moment the switch exists, so that frames to the host are never
# flooded to the VTEPs.  It follows the device's address (the monitor sees
# the new entry added, the old one deleted), no traffic moves it, a full
# table takes it, no flush removes it, DEL and NEW of its address are
# refused, and it goes with the device.
test_host_mac()
{
	local -A b a
	local host mine new=02:00:00:00:51:01 other=00:50:56:00:00:99
	local sync=00:50:56:00:00:71 sync2=00:50:56:00:00:72 n want

	hv_pair
	# Created, down, before any traffic: the entry is there.
	run "$LSW" -n "$HV1" link add lsw5001 vni 5001 local "$UL4_1" dev ul0
	host=$(host_mac "$HV1" lsw5001)
	[[ $(mac_rows "$HV1" lsw5001) == "[[\"$host\",\"lsw5001\",null,[\"permanent\"]]]" ]] ||
		fail "the new switch's table is not its own address: $(mac_rows "$HV1" lsw5001)"
	run "$LSW" -n "$HV1" mac show dev lsw5001
	[[ $OUT == *"$host"*" lsw5001 "*" permanent "* ]] || fail "the text table does not say permanent"

	spawn "$T/monitor" "$HV1" "$LSW" -j monitor
	ipb "$HV1" <<-EOF
	link set lsw5001 addrgenmode none
	link set lsw5001 up
	addr add $HOST_IP/24 dev lsw5001
	neigh replace $VMA_IP lladdr $VMA_MAC dev lsw5001 nud permanent
	EOF
	sw "$HV2" lsw5001 5001 "$UL4_2"
	vm VMA "$HV1" lsw5001 vnet0 "$VMA_IP" "$VMA_MAC"
	vm VMB "$HV2" lsw5001 vnet0 "$VMB_IP" "$VMB_MAC"
	run "$LSW" -n "$HV1" vtep add "$UL4_2" dev lsw5001
	run "$LSW" -n "$HV2" vtep add "$UL4_1" dev lsw5001
	run ip -n "$VMA" neigh replace "$HOST_IP" lladdr "$host" dev eth0 nud permanent
	monitor_ready "$HV1" lsw5001 "$T/monitor" || fail "the monitor reports nothing"

	# A VM's frames to the host go up the host's stack, and nowhere
	# else: nothing to the VTEP, nothing flooded.  The host has not
	# sent a frame yet (no ARP: both sides know each other; no IPv6).
	snap b "$HV1" lsw5001
	cap_start ul "$HV1" ul0
	cap_start host "$HV1" lsw5001
	pkt "$VMA" frame eth0 --dst "$host" --mark to-host
	wait_for cap_has host 1 mark=to-host || fail "the frame did not reach the host"
	ping_ok "$VMA" "$HOST_IP"
	cap_sync ul "$HV1" ul0
	cap_stop ul
	cap_stop host
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	[[ $(cap_count ul idst="$host") == 0 ]] || fail "frames to the host went to the VTEP"
	[[ $(cap_count host dst="$host" mark=to-host) == 1 ]] || fail "the host did not get the frame once"
	[[ $(cap_count host dst="$host" icmp=8) == 3 ]] || fail "the host did not get 3 echo requests"
	[[ $(grew b a bum_copies) == 0 ]] || fail "frames flooded"
	[[ $(grew b a tx_packets) == 0 ]] || fail "frames sent to the underlay"
	run mac_entry "$HV1" lsw5001 "$host"
	[[ $(jq -c .flags <<< "$OUT") == '["permanent"]' ]] || fail "the host's entry changed: $OUT"

	# The address changes, the switch up: the entry follows, and the
	# frames with it; the old address is unknown unicast now.
	run ip -n "$HV1" link set lsw5001 address "$new"
	[[ -z $(mac_entry "$HV1" lsw5001 "$host") ]] || fail "the old address stayed"
	run mac_entry "$HV1" lsw5001 "$new"
	[[ $(jq -c '[.port, .flags]' <<< "$OUT") == '["lsw5001",["permanent"]]' ]] ||
		fail "no permanent entry for the new address: $OUT"
	cap_start ul "$HV1" ul0
	cap_start host "$HV1" lsw5001
	pkt "$VMA" frame eth0 --dst "$new" --mark to-new
	pkt "$VMA" frame eth0 --dst "$host" --mark to-old
	wait_for cap_has ul 1 imark=to-old || fail "the old address was not flooded"
	wait_for cap_has host 1 mark=to-new || fail "the frame to the new address did not reach the host"
	cap_sync ul "$HV1" ul0
	cap_stop ul
	cap_stop host
	[[ $(cap_count ul idst="$new") == 0 ]] || fail "frames to the new address went to the VTEP"
	[[ $(cap_count ul idst="$host" imark=to-old) == 1 ]] || fail "the old address is still the host's"
	[[ $(cap_count host dst="$new" mark=to-new) == 1 ]] || fail "the host did not get the frame once"

	# No traffic moves it: neither a VM nor a VTEP sending from it.
	# A fresh MAC after each: once it is learned, the frame before it
	# was handled.
	snap b "$HV1" lsw5001
	pkt "$VMA" frame eth0 --src "$new" --dst "$BCAST" --mark from-vm
	pkt "$VMA" frame eth0 --src "$sync" --mark sync
	wait_for mac_is "$HV1" lsw5001 "$sync" port vnet0 || fail "$sync not learned"
	pkt "$HV2" vxlan "$UL4_2" "$UL4_1" --inner-src "$new" --mark from-vtep
	pkt "$HV2" vxlan "$UL4_2" "$UL4_1" --inner-src "$sync2" --mark sync2
	wait_for mac_is "$HV1" lsw5001 "$sync2" vtep "$UL4_2" || fail "$sync2 not learned"
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	run mac_entry "$HV1" lsw5001 "$new"
	[[ $(jq -c '[.port, .vtep, .flags]' <<< "$OUT") == '["lsw5001",null,["permanent"]]' ]] ||
		fail "traffic moved the host's entry: $OUT"
	[[ $(grew b a mac_moved) == 0 ]] || fail "mac_moved grew"
	[[ $(grew b a mac_learned) == 2 ]] || fail "mac_learned not +2"

	# It does not count against mac_limit: a full table still takes
	# the host's address, even where a VM's entry held it, which
	# makes room for one more.
	n=$("$LSW" -n "$HV1" -j mac show dev lsw5001 learned | jq length)
	run "$LSW" -n "$HV1" link set lsw5001 mac-limit "$n"
	fails "$LSW" -n "$HV1" mac add "$other" dev lsw5001 vtep "$UL4_2"
	[[ $OUT == *"MAC table is full"* ]] || fail "the table is not full: $OUT"
	run ip -n "$HV1" link set lsw5001 address "$sync"
	mine=$sync
	run mac_entry "$HV1" lsw5001 "$mine"
	[[ $(jq -c '[.port, .flags]' <<< "$OUT") == '["lsw5001",["permanent"]]' ]] ||
		fail "the address did not take over the learned entry: $OUT"
	[[ -z $(mac_entry "$HV1" lsw5001 "$new") ]] || fail "the old address stayed"
	run "$LSW" -n "$HV1" mac add "$other" dev lsw5001 vtep "$UL4_2"
	run "$LSW" -n "$HV1" link set lsw5001 mac-limit 0

	# A controller's flushes keep it: of learned entries, of the
	# switch, of every switch.
	run "$LSW" -n "$HV1" mac flush dev lsw5001 learned
	run "$LSW" -n "$HV1" mac flush dev lsw5001 static
	[[ $(mac_rows "$HV1" lsw5001) == "[[\"$mine\",\"lsw5001\",null,[\"permanent\"]]]" ]] ||
		fail "not the host's entry alone: $(mac_rows "$HV1" lsw5001)"
	run "$LSW" -n "$HV1" mac add "$other" dev lsw5001 vtep "$UL4_2"
	run "$LSW" -n "$HV1" mac flush dev lsw5001
	run "$LSW" -n "$HV1" mac flush
	[[ $(mac_rows "$HV1" lsw5001) == "[[\"$mine\",\"lsw5001\",null,[\"permanent\"]]]" ]] ||
		fail "a full flush took the host's entry: $(mac_rows "$HV1" lsw5001)"

	# DEL and NEW of its address are refused, and say why.
	fails "$LSW" -n "$HV1" mac del "$mine" dev lsw5001
	[[ $OUT == "$LSW_HOST_MSG" ]] || fail "del: $OUT"
	fails "$LSW" -n "$HV1" mac replace "$mine" dev lsw5001 vtep "$UL4_2"
	[[ $OUT == "$LSW_HOST_MSG" ]] || fail "replace: $OUT"
	fails "$LSW" -n "$HV1" mac add "$mine" dev lsw5001 port lsw5001
	[[ $OUT == "$LSW_HOST_MSG" ]] || fail "add: $OUT"
	[[ $(mac_rows "$HV1" lsw5001) == "[[\"$mine\",\"lsw5001\",null,[\"permanent\"]]]" ]] ||
		fail "a refused request changed the table: $(mac_rows "$HV1" lsw5001)"

	# It goes with the device.  The monitor saw every change of the
	# host's entries, and nothing else of theirs.
	run ip -n "$HV1" link del lsw5001
	wait_for grep -q "\"deleted\".*\"$mine\".*permanent" "$T/monitor" ||
		fail "no deletion of the host's entry with the device"
	want=$(printf '%s\n' "added $new permanent" "deleted $host permanent" \
		"learned $sync learned" "deleted $sync learned" "added $sync permanent" \
		"deleted $new permanent" "deleted $sync permanent" | paste -sd,)
	run jq -r --arg h "$host" --arg n "$new" --arg s "$sync" \
		'select(.object == "mac" and (.mac == $h or .mac == $n or .mac == $s)) |
		 [.event, .mac, .flags[0]] | join(" ")' "$T/monitor"
	[[ $(paste -sd, <<< "$OUT") == "$want" ]] || fail "the monitor's events of the host's entries"
}

test_static_entries()
{
	local -A b a b1 a1 b2 a2

	NO_VTEP=1 topo 4 learning off

	# No VTEP, no MAC entry: the switch has nowhere to send vmb's
	# traffic.
	snap b1 "$HV1" lsw5001
	ping_fails "$VMA" "$VMB_IP"
	snap a1 "$HV1" lsw5001
	show_growth hv1 b1 a1
	[[ $(grew b1 a1 tx_packets) == 0 ]] || fail "sent without a VTEP"
	snap a2 "$HV2" lsw5001
	[[ ${a2[rx_packets]} == 0 ]] || fail "hv2 received something"

	# Static MAC and VTEP entries: through.
	lswb "$HV1" <<-EOF
	vtep add $UL4_2 dev lsw5001
	mac add $VMB_MAC dev lsw5001 vtep $UL4_2
	mac add $VMA_MAC dev lsw5001 port vnet0
	EOF
	lswb "$HV2" <<-EOF
	vtep add $UL4_1 dev lsw5001
	mac add $VMA_MAC dev lsw5001 vtep $UL4_1
	mac add $VMB_MAC dev lsw5001 port vnet0
	EOF
	run nsx "$VMA" ip neigh flush dev eth0
	ping_ok "$VMA" "$VMB_IP"
	ping_ok "$VMB" "$VMA_IP"
	# Learning is off: the tables are what the controller set, and the
	# host's own entry.
	lswj "$HV1" mac show dev lsw5001
	[[ $(jq length <<< "$OUT") == 3 && $(count '.flags == ["static"]') == 2 ]] ||
		fail "hv1 MAC table changed"
	lswj "$HV2" mac show dev lsw5001
	[[ $(jq length <<< "$OUT") == 3 && $(count '.flags == ["static"]') == 2 ]] ||
		fail "hv2 MAC table changed"
	lswj "$HV1" arp show dev lsw5001
	[[ $OUT == "[]" ]] || fail "ARP entries learned with learning off"
	snap a1 "$HV1" lsw5001
	[[ ${a1[mac_learned]} == 0 ]] || fail "mac_learned with learning off"

	# No VTEP table at all, static MAC and ARP entries: ARP is answered
	# by each hypervisor, nothing is flooded, unicast goes through.
	lswb "$HV1" <<-EOF
	vtep flush dev lsw5001
	arp add $VMB_IP dev lsw5001 mac $VMB_MAC
	EOF
	lswb "$HV2" <<-EOF
	vtep flush dev lsw5001
	arp add $VMA_IP dev lsw5001 mac $VMA_MAC
	EOF
	run nsx "$VMA" ip neigh flush dev eth0
	run nsx "$VMB" ip neigh flush dev eth0
	ping_wire
	[[ $(cap_count ul dport=4789 vni=5001 iicmp=8) == 3 ]] || fail "not 3 requests"
	[[ $(cap_count ul dport=4789 itype=0x0806) == 0 ]] || fail "ARP crossed the underlay"
	[[ $(grew b a bum_copies) == 0 ]] || fail "hv1 flooded"
	[[ $(grew b2 a2 bum_copies) == 0 ]] || fail "hv2 flooded"
	(($(grew b a arp_suppressed) >= 1)) || fail "hv1 did not answer ARP"
	(($(grew b2 a2 arp_suppressed) >= 1)) || fail "hv2 did not answer ARP"
}

test_bum_replication()
{
	local -A b a
	local n i want

	NO_VTEP=1 topo 4
	# Seven more VTEP addresses on hv2, resolved in advance on hv1:
	# every copy leaves at once.
	for i in $(seq 53 59); do
		echo "addr add 192.168.250.$i/24 dev ul0"
	done | ipb "$HV2"
	for i in $(seq 52 59); do
		echo "neigh replace 192.168.250.$i lladdr $UL_MAC2 dev ul0 nud permanent"
	done | ipb "$HV1"
	cap_start ul "$HV1" ul0
	for n in 1 2 8; do
		want=$(seq -f "192.168.250.%g" 52 $((52 + n - 1)) | tr '\n' ' ')
		want=${want% }
		{
			echo "vtep flush dev lsw5001"
			printf 'vtep add %s dev lsw5001\n' $want
		} | lswb "$HV1"
		snap b "$HV1" lsw5001
		# One broadcast from vma.
		pkt "$VMA" frame eth0 --dst "$BCAST" --mark "bum$n"
		wait_for cap_has ul "$n" imark="bum$n" ||
			log "fewer than $n copies of bum$n"
		cap_sync ul "$HV1" ul0
		snap a "$HV1" lsw5001
		show_growth hv1 b a
		[[ $(cap_count ul imark="bum$n") == "$n" ]] ||
			fail "$(cap_count ul imark="bum$n") copies to $n VTEPs"
		# One to each VTEP, well formed, from vma.
		[[ $(cap_field ul daddr saddr=$UL4_1 dport=4789 vxflags=0x08000000 vni=5001 \
		     vxrsvd=0 idst=$BCAST isrc=$VMA_MAC itype=0x88b5 imark="bum$n") == "$want" ]] ||
			fail "copies went to: $(cap_field ul daddr imark="bum$n")"
		[[ $(grew b a bum_copies) == "$n" ]] ||
			fail "bum_copies +$(grew b a bum_copies), not +$n"
		[[ $(grew b a tx_packets) == "$n" ]] ||
			fail "tx_packets +$(grew b a tx_packets), not +$n"
	done
	cap_stop ul
}

test_split_horizon()
{
	local -A b a

	topo 4
	# hv1 floods to .52 and .53: a frame it re-sent to the underlay
	# would show up twice.
	run ip -n "$HV2" addr add 192.168.250.53/24 dev ul0
	run "$LSW" -n "$HV1" vtep add 192.168.250.53 dev lsw5001
	ipb "$HV1" <<-EOF
	neigh replace 192.168.250.52 lladdr $UL_MAC2 dev ul0 nud permanent
	neigh replace 192.168.250.53 lladdr $UL_MAC2 dev ul0 nud permanent
	EOF
	snap b "$HV1" lsw5001
	cap_start ul "$HV1" ul0
	cap_start vma "$VMA" eth0
	# A broadcast from vmb: hv2 sends it to hv1, hv1 delivers it to vma.
	pkt "$VMB" frame eth0 --dst "$BCAST" --mark split
	wait_for cap_has vma 1 mark=split || fail "the broadcast did not reach vma"
	# Then a broadcast from vma, which hv1 does flood: once it is on the
	# wire, so would be anything hv1 re-sent before it.
	pkt "$VMA" frame eth0 --dst "$BCAST" --mark after
	wait_for cap_has ul 2 imark=after || fail "vma's broadcast was not flooded"
	cap_sync ul "$HV1" ul0
	cap_stop ul
	cap_stop vma
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	[[ $(cap_count ul saddr=$UL4_1 imark=split) == 0 ]] ||
		fail "hv1 sent a frame from the underlay back to the underlay"
	[[ $(cap_count ul saddr=$UL4_2 imark=split) == 1 ]] ||
		fail "hv2 did not send the broadcast exactly once"
	[[ $(cap_field ul daddr saddr=$UL4_1 imark=after) == "192.168.250.52 192.168.250.53" ]] ||
		fail "vma's broadcast not flooded to both VTEPs"
	[[ $(grew b a tx_packets) == 2 ]] || fail "hv1 tx_packets"
	[[ $(grew b a rx_packets) == 1 ]] || fail "hv1 rx_packets"
	# Delivered to vma once; vma's own frame not sent back to it (seen
	# once: on its way out).
	[[ $(cap_count vma mark=split) == 1 ]] || fail "vma got the broadcast $(cap_count vma mark=split) times"
	[[ $(cap_count vma mark=after) == 1 ]] || fail "vma's broadcast came back to it"
}

test_ageing()
{
	local -A s

	topo 4 ageing 3
	static_neigh
	run "$LSW" -n "$HV1" mac add 00:50:56:00:00:99 dev lsw5001 vtep "$UL4_2"
	# A ping every 0.2 s confirms the entries fifteen times per ageing
	# time.  They are looked at while it flows, once 25 replies (5 s of
	# pings, more than the ageing time) have come back, however long
	# that took: by the count of frames, not by the clock.
	spawn "$T/ping" "$VMA" ping -c 40 -i 0.2 -W 5 "$VMB_IP"
	LSW_WAIT=60 wait_for bash -c "(( \$(grep -c 'bytes from' '$T/ping') >= 25 ))" ||
		fail "no 25 replies: $(cat "$T/ping")"
	lswj "$HV1" mac show dev lsw5001 learned
	[[ $(count ".mac == \"$VMA_MAC\" or .mac == \"$VMB_MAC\"") == 2 ]] ||
		fail "learned entries aged under traffic"
	[[ $(count '.age_ms < 3000') == 2 ]] || fail "age_ms not below the ageing time"
	wait "$SPAWNED" || fail "ping failed: $(cat "$T/ping")"
	# Then none: they go, the static one and the host's stay.
	wait_for bash -c "[[ \$('$LSW' -n '$HV1' -j mac show dev lsw5001 learned) == '[]' ]]" ||
		fail "learned entries did not age"
	lswj "$HV1" mac show dev lsw5001
	[[ $(jq -c '[.[] | [.mac, .flags[0]]] | sort' <<< "$OUT") == \
	   "[[\"00:50:56:00:00:99\",\"static\"],[\"$(host_mac "$HV1" lsw5001)\",\"permanent\"]]" ]] ||
		fail "the static and the host's entry did not stay alone"
	snap s "$HV1" lsw5001
	[[ ${s[mac_aged]} == 2 ]] || fail "mac_aged is ${s[mac_aged]}, not 2"
	# A new frame learns them again.
	run nsx "$VMA" ping -c 1 -W 5 "$VMB_IP" || fail "ping after ageing failed"
	mac_is "$HV1" lsw5001 "$VMB_MAC" vtep "$UL4_2" || fail "not learned again"
}

test_mac_move()
{
	local -A b a
	local m=00:50:56:00:00:77 s=00:50:56:00:00:78 l=00:50:56:00:00:79

	topo 4
	run ip -n "$HV2" addr add 192.168.250.53/24 dev ul0
	snap b "$HV1" lsw5001

	# Between VTEPs: m first behind .52, then behind .53.
	pkt "$HV2" vxlan "$UL4_2" "$UL4_1" --inner-src "$m" --mark m1
	wait_for mac_is "$HV1" lsw5001 "$m" vtep "$UL4_2" || fail "$m not learned behind .52"
	pkt "$HV2" vxlan 192.168.250.53 "$UL4_1" --inner-src "$m" --mark m2
	wait_for mac_is "$HV1" lsw5001 "$m" vtep 192.168.250.53 || fail "$m did not move to .53"
	run mac_entry "$HV1" lsw5001 "$m"
	[[ $(jq -c .flags <<< "$OUT") == '["learned"]' ]] || fail "moved entry flags"
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	[[ $(grew b a mac_moved) == 1 ]] || fail "mac_moved not +1"

	# A static entry does not move.
	run "$LSW" -n "$HV1" mac add "$s" dev lsw5001 vtep "$UL4_2"
	pkt "$HV2" vxlan 192.168.250.53 "$UL4_1" --inner-src "$s" --mark s1
	# The same frame with a fresh MAC: once it is learned, s's frame
	# was handled too.
	pkt "$HV2" vxlan 192.168.250.53 "$UL4_1" --inner-src "$l" --mark l1
	wait_for mac_is "$HV1" lsw5001 "$l" vtep 192.168.250.53 || fail "$l not learned"
	mac_is "$HV1" lsw5001 "$s" vtep "$UL4_2" || fail "the static entry moved"
	run mac_entry "$HV1" lsw5001 "$s"
	[[ $(jq -c .flags <<< "$OUT") == '["static"]' ]] || fail "static entry changed"
	snap a "$HV1" lsw5001
	[[ $(grew b a mac_moved) == 1 ]] || fail "mac_moved counted a static entry"

	# Between local ports: vma's vnet0, then vmc's vnet1, on hv1.
	vm VMC "$HV1" lsw5001 vnet1 "$VMC_IP" "$VMC_MAC"
	m=00:50:56:00:00:7a
	snap b "$HV1" lsw5001
	pkt "$VMA" frame eth0 --src "$m" --mark p1
	wait_for mac_is "$HV1" lsw5001 "$m" port vnet0 || fail "$m not learned on vnet0"
	pkt "$VMC" frame eth0 --src "$m" --mark p2
	wait_for mac_is "$HV1" lsw5001 "$m" port vnet1 || fail "$m did not move to vnet1"
	lswj "$HV1" mac show dev lsw5001
	[[ $(count ".mac == \"$m\"") == 1 ]] || fail "$m is in the table twice"
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	[[ $(grew b a mac_moved) == 1 ]] || fail "mac_moved not +1 on a port move"
	# And back again, from the remote side: unicast to m now reaches vmc.
	cap_start vmc "$VMC" eth0
	pkt "$HV2" vxlan "$UL4_2" "$UL4_1" --inner-dst "$m" \
		--inner-src "$VMB_MAC" --mark to-m
	wait_for cap_has vmc 1 mark=to-m || fail "unicast to $m did not reach vmc"
	cap_stop vmc
}

test_mac_limit_flood()
{
	local -A s
	local rx0 rx1 got

	NO_VTEP=1 topo 4 mac-limit 50
	rx0=$(nsx "$HV1" cat /sys/class/net/vnet0/statistics/rx_packets)
	pkt "$VMA" flood eth0 500
	rx1=$(nsx "$HV1" cat /sys/class/net/vnet0/statistics/rx_packets)
	log "vnet0 received $((rx1 - rx0)) frames"
	((rx1 - rx0 == 500)) || fail "the port did not receive the 500 frames"
	# The host's own entry does not count against the limit.
	lswj "$HV1" mac show dev lsw5001
	got=$(jq length <<< "$OUT")
	[[ $got == 51 ]] || fail "$got entries, limit 50 and the host's"
	[[ $(count '.port == "vnet0" and .flags == ["learned"]') == 50 ]] ||
		fail "entries not learned on vnet0"
	snap s "$HV1" lsw5001
	[[ ${s[mac_learned]} == 50 ]] || fail "mac_learned is not 50"
	[[ ${s[mac_limit_hit]} == 450 ]] ||
		fail "mac_limit_hit is ${s[mac_limit_hit]}, not 450"
	# Full for the controller too; traffic from a known MAC still flows.
	fails "$LSW" -n "$HV1" mac add 00:50:56:00:00:99 dev lsw5001 vtep "$UL4_2"
	[[ $OUT == *"MAC table is full"* ]] || fail "static add into a full table"
	run "$LSW" -n "$HV1" mac flush dev lsw5001
	run "$LSW" -n "$HV1" vtep add "$UL4_2" dev lsw5001
	run "$LSW" -n "$HV2" vtep add "$UL4_1" dev lsw5001
	ping_ok "$VMA" "$VMB_IP"
}

test_ipv6_underlay()
{
	local -A b a b2 a2

	topo 6
	lswj "$HV1" link show lsw5001
	[[ $(jq -r '.[0].local' <<< "$OUT") == "$UL6_1" ]] || fail "local"
	[[ $(jq -r '.[0].mtu' <<< "$OUT") == 1430 ]] || fail "MTU over IPv6 is not 1430"
	ping_wire
	[[ $(cap_count ul type=0x86dd saddr=$UL6_1 daddr=$UL6_2 dport=4789 \
	     vxflags=0x08000000 vni=5001 isrc=$VMA_MAC idst=$VMB_MAC iicmp=8) == 3 ]] ||
		fail "not 3 requests over IPv6"
	[[ $(cap_count ul type=0x86dd saddr=$UL6_2 daddr=$UL6_1 dport=4789 \
	     vni=5001 isrc=$VMB_MAC iicmp=0) == 3 ]] || fail "not 3 replies over IPv6"
	[[ $(cap_count ul type=0x0800 dport=4789) == 0 ]] || fail "VXLAN over IPv4"
	mac_is "$HV1" lsw5001 "$VMB_MAC" vtep "$UL6_2" || fail "vmb not learned behind $UL6_2"
	mac_is "$HV2" lsw5001 "$VMA_MAC" vtep "$UL6_1" || fail "vma not learned behind $UL6_1"
	[[ $(drops a) == 0 ]] || fail "drops"
}

test_vni_isolation()
{
	two_switches
	vm VMA "$HV1" lsw5001 vnet0 "$VMA_IP" "$VMA_MAC"
	vm VMB "$HV2" lsw5001 vnet0 "$VMB_IP" "$VMB_MAC"
	vm VMC "$HV1" lsw5002 vnet1 "$VMC_IP" "$VMC_MAC"
	vm VMD "$HV2" lsw5002 vnet1 "$VMD_IP" "$VMD_MAC"
	cap_start ul "$HV1" ul0
	cap_start vmb "$VMB" eth0
	# One subnet, two switches: vmc reaches vmd, not vmb nor vma.
	ping_ok "$VMC" "$VMD_IP"
	ping_fails "$VMC" "$VMB_IP"
	ping_fails "$VMC" "$VMA_IP"
	ping_ok "$VMA" "$VMB_IP"
	cap_sync ul "$HV1" ul0
	cap_stop ul
	cap_stop vmb
	[[ $(cap_count ul dport=4789 vni=5002 isrc=$VMC_MAC idst=$VMD_MAC iicmp=8) == 3 ]] ||
		fail "vmc's requests not on VNI 5002"
	[[ $(cap_count ul dport=4789 vni=5002 isrc=$VMD_MAC idst=$VMC_MAC iicmp=0) == 3 ]] ||
		fail "vmd's replies not on VNI 5002"
	[[ $(cap_count ul dport=4789 vni=5001 isrc=$VMC_MAC) == 0 &&
	   $(cap_count ul dport=4789 vni=5001 isrc=$VMD_MAC) == 0 ]] ||
		fail "VNI 5002's frames on VNI 5001"
	[[ $(cap_count ul dport=4789 vni=5002 isrc=$VMA_MAC) == 0 &&
	   $(cap_count ul dport=4789 vni=5002 isrc=$VMB_MAC) == 0 ]] ||
		fail "VNI 5001's frames on VNI 5002"
	# vmc asked for vmb's address: the request went out on 5002 only.
	(($(cap_count ul dport=4789 vni=5002 isrc=$VMC_MAC iarp=1 iarp_tip=$VMB_IP) >= 1)) ||
		fail "vmc's ARP request for vmb not flooded on 5002"
	[[ $(cap_count vmb src=$VMC_MAC) == 0 ]] || fail "vmb saw vmc's frames"
	lswj "$HV1" mac show dev lsw5001
	[[ $(count ".mac == \"$VMC_MAC\" or .mac == \"$VMD_MAC\"") == 0 ]] ||
		fail "5002's MACs in 5001's table"
	lswj "$HV1" mac show dev lsw5002
	[[ $(count ".mac == \"$VMA_MAC\" or .mac == \"$VMB_MAC\"") == 0 ]] ||
		fail "5001's MACs in 5002's table"
	[[ $(count ".mac == \"$VMD_MAC\" and .vtep == \"$UL4_2\"") == 1 ]] ||
		fail "vmd not learned in 5002"
}

test_strict_vtep()
{
	local -A b a

	topo 4 strict-vtep on
	run ip -n "$HV2" addr add 192.168.250.99/24 dev ul0
	snap b "$HV1" lsw5001
	cap_start vma "$VMA" eth0
	# From an address not in hv1's VTEP table, then from .52, which is.
	pkt "$HV2" vxlan 192.168.250.99 "$UL4_1" \
		--inner-src 00:50:56:00:00:66 --mark spoofed
	pkt "$HV2" vxlan "$UL4_2" "$UL4_1" \
		--inner-src 00:50:56:00:00:67 --mark legit
	wait_for cap_has vma 1 mark=legit || fail "the frame from .52 did not arrive"
	cap_stop vma
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	[[ $(cap_count vma mark=spoofed) == 0 ]] || fail "the spoofed frame reached vma"
	[[ $(cap_count vma mark=legit) == 1 ]] || fail "the frame from .52 not delivered once"
	[[ $(grew b a drop_strict_vtep) == 1 ]] || fail "drop_strict_vtep not +1"
	[[ $(grew b a rx_packets) == 1 ]] || fail "rx_packets not +1"
	[[ -z $(mac_entry "$HV1" lsw5001 00:50:56:00:00:66) ]] ||
		fail "learned from a rejected VTEP"
	mac_is "$HV1" lsw5001 00:50:56:00:00:67 vtep "$UL4_2" || fail "not learned from .52"
	# Off again: the same packet is accepted.
	run "$LSW" -n "$HV1" link set lsw5001 strict-vtep off
	cap_start vma "$VMA" eth0
	pkt "$HV2" vxlan 192.168.250.99 "$UL4_1" \
		--inner-src 00:50:56:00:00:66 --mark spoofed
	wait_for cap_has vma 1 mark=spoofed || fail "not accepted with strict-vtep off"
	cap_stop vma
}

test_mtu_edge()
{
	local -A b a

	topo 4
	static_neigh
	lswj "$HV1" link show lsw5001
	[[ $(jq -r '.[0].mtu' <<< "$OUT") == 1450 ]] || fail "MTU is not 1450"
	# A VM that does not know the switch's MTU.
	run ip -n "$VMA" link set eth0 mtu 1500
	cap_start ul "$HV1" ul0
	# 1422 bytes of ICMP data: a 1450-byte packet, 1500 on the underlay.
	ping_ok "$VMA" "$VMB_IP" -M "do" -s 1422
	snap b "$HV1" lsw5001
	# One byte more does not fit: dropped at the switch, counted.
	ping_fails "$VMA" "$VMB_IP" -M "do" -s 1423
	cap_sync ul "$HV1" ul0
	cap_stop ul
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	[[ $(cap_count ul saddr=$UL4_1 dport=4789 len=1500 frag=0 iicmp=8 ilen=1450) == 3 ]] ||
		fail "not 3 full-size requests of 1500 bytes"
	[[ $(cap_count ul saddr=$UL4_2 dport=4789 len=1500 frag=0 iicmp=0 ilen=1450) == 3 ]] ||
		fail "not 3 full-size replies of 1500 bytes"
	[[ $(cap_count ul ilen=1451) == 0 ]] || fail "the oversized frame was sent"
	[[ $(cap_count ul frag=1) == 0 ]] || fail "fragments on the underlay"
	[[ $(grew b a drop_mtu) == 1 ]] || fail "drop_mtu not +1"
	[[ $(grew b a tx_packets) == 0 ]] || fail "tx_packets grew"
}

test_interop_vxlan()
{
	local -A b a

	hv_pair
	sw "$HV1" lsw5001 5001 "$UL4_1"
	run "$LSW" -n "$HV1" vtep add "$UL4_2" dev lsw5001
	vm VMA "$HV1" lsw5001 vnet0 "$VMA_IP" "$VMA_MAC"
	# hv2: the kernel's vxlan in a bridge, learning, BUM to lsw's VTEP.
	ipb "$HV2" <<-EOF
	link add vx5001 type vxlan id 5001 local $UL4_2 dstport 4789 dev ul0
	link add br0 type bridge
	link set vx5001 addrgenmode none
	link set br0 addrgenmode none
	link set vx5001 master br0
	link set vx5001 up
	link set br0 up
	EOF
	run nsx "$HV2" bridge fdb append 00:00:00:00:00:00 dev vx5001 dst "$UL4_1"
	vm VMB "$HV2" br0 vnet0 "$VMB_IP" "$VMB_MAC"
	ping_ok "$VMA" "$VMB_IP"
	ping_ok "$VMB" "$VMA_IP"
	mac_is "$HV1" lsw5001 "$VMB_MAC" vtep "$UL4_2" || fail "lsw did not learn vmb"
	run nsx "$HV2" bridge fdb show dev vx5001
	[[ $OUT == *"$VMA_MAC dst $UL4_1 "* ]] || fail "vxlan did not learn vma behind lsw"

	# Static: no learning, no flooding on either side.
	lswb "$HV1" <<-EOF
	link set lsw5001 learning off
	mac flush dev lsw5001
	arp flush dev lsw5001
	vtep flush dev lsw5001
	mac add $VMB_MAC dev lsw5001 vtep $UL4_2
	mac add $VMA_MAC dev lsw5001 port vnet0
	EOF
	ipb "$HV2" <<-EOF
	link del vx5001
	link add vx5001 type vxlan id 5001 local $UL4_2 dstport 4789 dev ul0 nolearning
	link set vx5001 addrgenmode none
	link set vx5001 master br0
	link set vx5001 up
	EOF
	run nsx "$HV2" bridge fdb add "$VMA_MAC" dev vx5001 dst "$UL4_1"
	static_neigh
	snap b "$HV1" lsw5001
	ping_ok "$VMA" "$VMB_IP"
	ping_ok "$VMB" "$VMA_IP"
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	[[ $(grew b a tx_packets) == 6 ]] || fail "hv1 tx_packets not +6"
	[[ $(grew b a rx_packets) == 6 ]] || fail "hv1 rx_packets not +6"
	[[ $(grew b a bum_copies) == 0 ]] || fail "flooded"
	lswj "$HV1" mac show dev lsw5001
	[[ $(jq length <<< "$OUT") == 3 && $(count '.flags == ["static"]') == 2 ]] ||
		fail "hv1's table is not the two static entries and the host's"
}

test_tshark_decode()
{
	topo 4
	cap_start ul "$HV1" ul0
	ping_ok "$VMA" "$VMB_IP"
	pkt "$VMA" frame eth0 --mark tshark
	pkt "$HV2" vxlan "$UL4_2" "$UL4_1" --inner-src 00:50:56:00:00:55
	cap_sync ul "$HV1" ul0
	cap_stop ul
	# One tshark run (each costs seconds): per packet, the outer source,
	# UDP port, VXLAN flags, VNI, reserved fields, outer IP checksum
	# status (1: good) and the protocol stack, which names
	# _ws.malformed if the dissectors found anything wrong.
	run tshark -n -r "$T/ul.pcap" -d udp.port==4789,vxlan \
		-o ip.check_checksum:TRUE -T fields -E occurrence=f \
		-e ip.src -e udp.dstport -e vxlan.flags -e vxlan.vni -e vxlan.gbp \
		-e vxlan.reserved8 -e ip.checksum.status -e frame.protocols
	OUT=$(grep -v '^Running as user' <<< "$OUT")
	[[ $OUT != *_ws.malformed* ]] || fail "malformed packets"
	# lsw's packets (from .51) and hv2's: every one VXLAN, flags 0x0800
	# (I), VNI 5001, reserved fields zero, a good IP checksum, Ethernet
	# inside.
	(($(awk -F'\t' -v l="$UL4_1" '$1 == l && $2 == 4789' <<< "$OUT" | wc -l) >= 5)) ||
		fail "too few packets from lsw"
	[[ -z $(awk -F'\t' '$2 == 4789 && ($3 != "0x0800" || $4 != 5001 || $5 != 0 ||
	      $6 != 0 || $7 != 1 || $8 !~ /:udp:vxlan:eth:ethertype/)' <<< "$OUT") ]] ||
		fail "bad VXLAN packets"
	# Inside: the 6 ICMP packets of the ping, lsw's broadcast.
	[[ $(grep -c ':udp:vxlan:eth:ethertype:ip:icmp' <<< "$OUT") == 6 ]] ||
		fail "not 6 ICMP packets decoded inside VXLAN"
}

test_malformed()
{
	local -A b a
	local vx d0 d1

	topo 4
	vx=(pkt "$HV2" vxlan "$UL4_2" "$UL4_1")
	snap b "$HV1" lsw5001
	d0=$(udp_drops "$HV1" 4789)
	cap_start vma "$VMA" eth0
	# Bad headers: I flag clear, a reserved flag set, reserved bits in
	# the 24-bit and in the 8-bit reserved fields.
	"${vx[@]}" --flags 00000000 --inner-src 00:50:56:00:00:61 --mark bad-noi
	"${vx[@]}" --flags 0c000000 --inner-src 00:50:56:00:00:62 --mark bad-rflag
	"${vx[@]}" --flags 08000100 --inner-src 00:50:56:00:00:63 --mark bad-rsvd24
	"${vx[@]}" --rsvd 0x01 --inner-src 00:50:56:00:00:64 --mark bad-rsvd8
	# A good header and an inner frame shorter than an Ethernet header.
	"${vx[@]}" --runt --inner-src 00:50:56:00:00:66
	# No whole header, no VNI: no switch to count it on; and a VNI
	# nobody here has.  The UDP socket counts both as its drops.
	"${vx[@]}" --truncate 7 --inner-src 00:50:56:00:00:65 --mark bad-trunc
	"${vx[@]}" --vni 5099 --inner-src 00:50:56:00:00:67 --mark bad-vni
	# A good one last: once vma has it, the others were handled.
	"${vx[@]}" --inner-src 00:50:56:00:00:68 --mark good
	wait_for cap_has vma 1 mark=good || fail "the good packet did not arrive"
	cap_stop vma
	snap a "$HV1" lsw5001
	d1=$(udp_drops "$HV1" 4789)
	show_growth hv1 b a
	log "UDP socket drops: $d0 -> $d1"
	[[ $(grep -c 'mark=bad' "$T/vma.txt") == 0 ]] || fail "a bad packet reached vma"
	[[ $(grep -c 'src=00:50:56:00:00:66' "$T/vma.txt") == 0 ]] || fail "the runt reached vma"
	[[ $(cap_count vma mark=good) == 1 ]] || fail "the good packet not delivered once"
	[[ $(grew b a drop_malformed) == 4 ]] ||
		fail "drop_malformed +$(grew b a drop_malformed), not +4"
	[[ $(grew b a drop_runt) == 1 ]] || fail "drop_runt not +1"
	[[ $(grew b a rx_packets) == 1 ]] || fail "rx_packets not +1"
	[[ $(drops a) == 5 ]] || fail "other drops counted"
	((d1 - d0 == 2)) || fail "UDP socket drops +$((d1 - d0)), not +2"
	lswj "$HV1" mac show dev lsw5001
	[[ $(count '.mac >= "00:50:56:00:00:61" and .mac <= "00:50:56:00:00:67"') == 0 ]] ||
		fail "learned from a dropped packet"
	[[ $(count '.mac == "00:50:56:00:00:68"') == 1 ]] || fail "the good packet's MAC not learned"
}

test_routed_underlay()
{
	hv_routed
	sw "$HV1" lsw5001 5001 "$RT4_1"
	sw "$HV2" lsw5001 5001 "$RT4_2"
	run "$LSW" -n "$HV1" vtep add "$RT4_2" dev lsw5001
	run "$LSW" -n "$HV2" vtep add "$RT4_1" dev lsw5001
	vm VMA "$HV1" lsw5001 vnet0 "$VMA_IP" "$VMA_MAC"
	vm VMB "$HV2" lsw5001 vnet0 "$VMB_IP" "$VMB_MAC"
	cap_start ul "$HV2" ul0
	ping_ok "$VMA" "$VMB_IP"
	cap_sync ul "$HV2" ul0
	cap_stop ul
	# Routed once: TTL 64 less one hop, from the router's MAC.
	[[ $(cap_count ul saddr=$RT4_1 daddr=$RT4_2 ttl=63 \
	     src=$RT_MAC2 dport=4789 \
	     vni=5001 iicmp=8) == 3 ]] || fail "not 3 routed requests"
	mac_is "$HV1" lsw5001 "$VMB_MAC" vtep "$RT4_2" ||
		fail "vmb not learned behind $RT4_2"
	mac_is "$HV2" lsw5001 "$VMA_MAC" vtep "$RT4_1" ||
		fail "vma not learned behind $RT4_1"
	tcp_transfer "$VMA" "$VMB" "$VMB_IP" 262144
}

# A trunked VM NIC, as Nutanix AHV gives a VM: one tap carries VLANs 10
# and 20, and each VLAN belongs on its own logical switch.  VLAN devices
# on the tap, each a port of its switch, do it:
#
#   vmt eth0 (trunk, MTU 1500) --veth-- tap0 on hv1
#     eth0.10 172.16.10.21             tap0.10 port of lsw5001 (VNI 5001)
#     eth0.20 172.16.20.21             tap0.20 port of lsw5002 (VNI 5002)
#   vmb 172.16.10.12 on hv2's lsw5001, vmd 172.16.20.14 on hv2's lsw5002
#
# The tag comes off on the way into the switch (the tunnel carries
# untagged frames, on the VLAN's VNI) and back on on the way out, so it
# does not count against the switch's MTU; TCP with the offloads on, and
# off on the VLAN port, goes through.
test_vlan_trunk()
{
	local -A b a
	local vmt_mac=00:50:56:00:00:21 n

	two_switches
	vm VMB "$HV2" lsw5001 vnet0 "$VMB_IP" "$VMB_MAC"
	vm VMD "$HV2" lsw5002 vnet1 172.16.20.14 "$VMD_MAC"
	ns_create VMT
	ipb "" <<< "link add eth0 netns $VMT address $vmt_mac type veth peer name tap0 netns $HV1"
	{
		echo "link set eth0 addrgenmode none"
		echo "link set eth0 up"
		vlan_up eth0 10
		vlan_up eth0 20
		echo "link set eth0.10 mtu 1450"
		echo "link set eth0.20 mtu 1450"
		echo "addr add 172.16.10.21/24 dev eth0.10"
		echo "addr add 172.16.20.21/24 dev eth0.20"
	} | ipb "$VMT"
	{
		echo "link set tap0 addrgenmode none"
		echo "link set tap0 up"
		vlan_up tap0 10
		vlan_up tap0 20
		echo "link set tap0.10 master lsw5001"
		echo "link set tap0.20 master lsw5002"
	} | ipb "$HV1"
	run ip -n "$HV1" -j link show master lsw5001
	[[ $(jq -c '[.[].ifname]' <<< "$OUT") == '["tap0.10"]' ]] || fail "lsw5001's ports: $OUT"

	# Each VLAN on its own switch, untagged in the tunnel, on its VNI;
	# tagged again on the trunk, each with its own VLAN.
	cap_start ul "$HV1" ul0
	cap_start vmt "$VMT" eth0
	ping_ok "$VMT" "$VMB_IP"
	ping_ok "$VMT" 172.16.20.14
	pkt "$VMB" frame eth0 --dst "$BCAST" --mark b5001
	pkt "$VMD" frame eth0 --dst "$BCAST" --mark b5002
	wait_for cap_has vmt 1 mark=b5001 || fail "vmb's broadcast did not reach the trunk"
	wait_for cap_has vmt 1 mark=b5002 || fail "vmd's broadcast did not reach the trunk"
	cap_sync ul "$HV1" ul0
	cap_stop ul
	cap_stop vmt
	[[ $(cap_count ul saddr=$UL4_1 vni=5001 isrc=$vmt_mac idst=$VMB_MAC itype=0x0800 iicmp=8) == 3 ]] ||
		fail "not 3 untagged echo requests on VNI 5001"
	[[ $(cap_count ul saddr=$UL4_1 vni=5002 isrc=$vmt_mac idst=$VMD_MAC itype=0x0800 iicmp=8) == 3 ]] ||
		fail "not 3 untagged echo requests on VNI 5002"
	(($(cap_count ul saddr=$UL4_1 vni=5001 iarp=1 iarp_sip=172.16.10.21) >= 1)) ||
		fail "vmt's ARP request on VLAN 10 not flooded on VNI 5001"
	[[ $(cap_count ul vni=5001 iarp_sip=172.16.20.21) == 0 &&
	   $(cap_count ul vni=5001 isaddr=172.16.20.21) == 0 ]] || fail "VLAN 20 on VNI 5001"
	[[ $(cap_count ul vni=5002 iarp_sip=172.16.10.21) == 0 &&
	   $(cap_count ul vni=5002 isaddr=172.16.10.21) == 0 ]] || fail "VLAN 10 on VNI 5002"
	[[ $(cap_count ul itype=0x8100) == 0 ]] || fail "a VLAN tag inside the tunnel"
	[[ $(cap_count vmt type=0x8100 vlan=10 vtype=0x0800 src=$VMB_MAC icmp=0) == 3 ]] ||
		fail "vmb's echo replies not on VLAN 10 of the trunk"
	[[ $(cap_count vmt type=0x8100 vlan=20 vtype=0x0800 src=$VMD_MAC icmp=0) == 3 ]] ||
		fail "vmd's echo replies not on VLAN 20 of the trunk"
	[[ $(cap_count vmt mark=b5001) == 1 && $(cap_count vmt vlan=10 mark=b5001) == 1 ]] ||
		fail "VNI 5001's broadcast not on VLAN 10 alone"
	[[ $(cap_count vmt mark=b5002) == 1 && $(cap_count vmt vlan=20 mark=b5002) == 1 ]] ||
		fail "VNI 5002's broadcast not on VLAN 20 alone"
	n=$(wc -l < "$T/vmt.txt")
	[[ $(cap_count vmt type=0x8100) == "$n" ]] || fail "untagged frames on the trunk"
	# One MAC, a port on each switch.
	mac_is "$HV1" lsw5001 "$vmt_mac" port tap0.10 || fail "vmt not learned on tap0.10"
	mac_is "$HV1" lsw5002 "$vmt_mac" port tap0.20 || fail "vmt not learned on tap0.20"
	mac_is "$HV2" lsw5001 "$vmt_mac" vtep "$UL4_1" || fail "hv2 did not learn vmt on 5001"
	mac_is "$HV2" lsw5002 "$vmt_mac" vtep "$UL4_1" || fail "hv2 did not learn vmt on 5002"

	# The switch's MTU (1450) counts the frame without its tag, which
	# the VLAN port took off: a 1450-byte packet with DF goes through
	# (1500 bytes on the underlay), both ways.
	cap_start ul "$HV1" ul0
	cap_start vmt "$VMT" eth0
	ping_ok "$VMT" "$VMB_IP" -M "do" -s 1422
	cap_sync ul "$HV1" ul0
	cap_stop ul
	cap_stop vmt
	[[ $(cap_count ul saddr=$UL4_1 len=1500 frag=0 vni=5001 itype=0x0800 ilen=1450 iicmp=8) == 3 ]] ||
		fail "not 3 full-size requests of 1500 bytes"
	[[ $(cap_count ul saddr=$UL4_2 len=1500 frag=0 vni=5001 itype=0x0800 ilen=1450 iicmp=0) == 3 ]] ||
		fail "not 3 full-size replies of 1500 bytes"
	[[ $(cap_count vmt vlan=10 len=1450 icmp=0) == 3 ]] ||
		fail "not 3 full-size replies tagged on the trunk"
	# One byte more, from a VM that does not know the switch's MTU (the
	# VLAN port's own MTU, the tap's 1500, is not the switch's): dropped
	# at the switch and counted.
	run ip -n "$VMT" link set eth0.10 mtu 1500
	snap b "$HV1" lsw5001
	ping_fails "$VMT" "$VMB_IP" -M "do" -s 1423
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	[[ $(grew b a drop_mtu) == 1 ]] || fail "drop_mtu not +1"
	[[ $(grew b a tx_packets) == 0 ]] || fail "the oversized frame was sent"
	run ip -n "$VMT" link set eth0.10 mtu 1450

	# TCP: GSO frames from the VLAN port into the tunnel, and from the
	# tunnel out of it, tagged on their way to the VM.  The VLAN
	# devices have the offloads of the veth under them.
	run nsx "$VMT" ethtool -k eth0.10
	[[ $OUT == *"tcp-segmentation-offload: on"* ]] || fail "TSO is off on the VM's VLAN device"
	run nsx "$HV1" ethtool -k tap0.10
	[[ $OUT == *"tcp-segmentation-offload: on"* &&
	   $OUT == *$'\ntx-checksumming: on'* ]] || fail "offloads off on the VLAN port"
	cap_start tap "$HV1" tap0.10
	tcp_transfer "$VMT" "$VMB" "$VMB_IP" 524288
	cap_stop tap
	# GSO frames pass the VLAN port whole, untagged.
	n=$(cap_field tap len type=0x0800 saddr=172.16.10.21 | tr ' ' '\n' | awk '$1 > 1450' | wc -l)
	log "$n frames over 1450 bytes through tap0.10"
	((n > 0)) || fail "no GSO frame through the VLAN port"
	[[ $(cap_count tap type=0x8100) == 0 ]] || fail "tagged frames on the VLAN port"
	tcp_transfer "$VMD" "$VMT" 172.16.20.21 524288
	# The VLAN port without checksum and segmentation offloads: the
	# stack finishes the frames before they leave through it.
	run nsx "$HV1" ethtool -K tap0.20 tx off tso off gso off
	tcp_transfer "$VMD" "$VMT" 172.16.20.21 262144
}

test_no_leak()
{
	local ns

	topo 4
	run "$LSW" -n "$HV1" link add lsw6001 vni 6001 local "$UL6_1" dev ul0
	run ip -n "$HV1" link set lsw6001 up
	ping_ok "$VMA" "$VMB_IP"
	for ns in "$HV1" "$HV2" "$VMA" "$VMB"; do
		run ip netns del "$ns"
	done
	# Namespaces go from a workqueue: the module unloads once every
	# switch, port and socket is gone.
	wait_for rmmod lsw || fail "the module stays busy: $(cat /sys/module/lsw/refcnt 2>/dev/null)"
	! lsw_module_loaded || fail "module still loaded"
	run modprobe lsw
}

topo_run_tests ip jq python3 tcpdump tshark ping ss ethtool bridge
