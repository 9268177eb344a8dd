#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ARP/ND suppression and IP learning.
#
#   vma 172.16.10.11 fd10::11          vmb 172.16.10.12 fd10::12
#   vmc 172.16.10.13 (DHCP server)          |
#     | eth0        | eth0                  | eth0
#     | tap-a       | tap-c                 | tap-b
#   +-+-------------+----------+      +-----+--------------------+
#   | hv1  lsw5001 (VNI 5001)  |      | hv2  lsw5001 (VNI 5001)  |
#   |   VTEP 192.168.250.51    +======+   VTEP 192.168.250.52    |
#   +--------------------------+ ul0  +--------------------------+
#
# A VM's ARP request or neighbour solicitation for an address in hv1's
# ARP/ND table is answered by hv1 itself: the requester's own stack must
# accept the answer (its neighbour table), tshark must find it well
# formed, and nothing may cross the underlay.  Unknown addresses are
# flooded and counted as misses.  hv1 learns addresses from ARP, GARP,
# NS/NA and DHCP acknowledgements on its local ports, never from the
# underlay.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lsw_topo.sh"

TESTS=(
	arp_hit
	arp_miss
	nd_hit
	vlan_tag
	learn_arp_garp
	learn_nd
	learn_dhcp
	moves_and_static
	suppress_off
	ip_flood_limit
	underlay_not_answered
)

# Two hypervisors, one VM each, and vmc on hv1 too.
setup()
{
	hv_pair
	sw "$HV1" lsw5001 5001 "$UL4_1"
	sw "$HV2" lsw5001 5001 "$UL4_2"
	run "$LSW" -n "$HV1" vtep add "$UL4_2" dev lsw5001
	run "$LSW" -n "$HV2" vtep add "$UL4_1" dev lsw5001
	vm_attach VMA "$HV1" tap-a "$VMA_IP" "$VMA_MAC" fd10::11
	vm_attach VMB "$HV2" tap-b "$VMB_IP" "$VMB_MAC" fd10::12
	vm_attach VMC "$HV1" tap-c "$VMC_IP" "$VMC_MAC" fd10::13
}

# vm_attach VAR HV TAP IP4 MAC IP6: a VM on HV's switch (lsw_topo.sh's
# vm), with an IPv6 address too.
vm_attach()
{
	vm "$1" "$2" lsw5001 "$3" "$4" "$5"
	run ip -n "${!1}" addr add "$6/64" dev eth0 nodad
}

# flooded_since BUM: wait until hv1's switch has flooded a frame since
# its bum_copies counter was BUM: a broadcast that a VM sent before has
# been through the switch, and taught it whatever it teaches.
flooded_since()
{
	wait_for counter_over "$HV1" lsw5001 bum_copies "$1" ||
		fail "the broadcast did not cross the switch"
}

# tcount FILE FILTER: packets of FILE matching a tshark display filter.
tcount()
{
	tshark -r "$1" -d udp.port==4789,vxlan -Y "$2" 2>/dev/null | wc -l
}

test_arp_hit()
{
	local before

	setup
	run "$LSW" -n "$HV1" arp add 172.16.10.12 dev lsw5001 mac $VMB_MAC
	before=$(counter "$HV1" lsw5001 arp_suppressed)
	cap_start ul "$HV1" ul0
	cap_start tap "$HV1" tap-a
	run ip netns exec "$VMA" arping -c 1 -w 3 -I eth0 172.16.10.12
	[[ $OUT == *"[$VMB_MAC]"* || $OUT == *"[${VMB_MAC^^}]"* ]] || fail "arping got no answer with vmb's MAC"
	[[ $(counter "$HV1" lsw5001 arp_suppressed) == $((before + 1)) ]] || fail "arp_suppressed did not grow by 1"
	# The real stack takes the answer and pings through the underlay
	# (which proves the capture there sees what crosses).
	run ip netns exec "$VMA" ping -c 1 -W 3 172.16.10.12
	cap_sync ul "$HV1" ul0
	cap_sync tap "$HV1" tap-a
	cap_stop ul
	cap_stop tap
	# (Its own request, suppressed too, then another answer on tap-a.)
	[[ $(counter "$HV1" lsw5001 arp_suppressed) == $((before + 2)) ]] || fail "arp_suppressed did not grow by 2"
	[[ $(tcount "$T/ul.pcap" "vxlan && icmp.type == 8 && ip.src == 172.16.10.11") -ge 1 ]] ||
		fail "the ping did not cross the underlay"
	# (vmb resolves vma to answer the ping: that request may cross.)
	[[ $(tcount "$T/ul.pcap" "vxlan && arp.opcode == 1 && arp.src.proto_ipv4 == 172.16.10.11") == 0 ]] ||
		fail "vma's ARP request crossed the underlay"
	# The answer, as tshark reads it.
	[[ $(tcount "$T/tap.pcap" "arp.opcode == 2 && arp.src.hw_mac == $VMB_MAC && arp.src.proto_ipv4 == 172.16.10.12 && arp.dst.hw_mac == $VMA_MAC && arp.dst.proto_ipv4 == 172.16.10.11 && eth.src == $VMB_MAC && eth.dst == $VMA_MAC") == 2 ]] ||
		fail "no well-formed ARP reply on tap-a: $(tshark -r "$T/tap.pcap" 2>/dev/null)"
	[[ $(tcount "$T/tap.pcap" _ws.malformed) == 0 ]] || fail "malformed reply"
	run ip -n "$VMA" neigh show 172.16.10.12
	[[ $OUT == *"lladdr $VMB_MAC"* ]] || fail "vma's neighbour table: $OUT"
}

test_arp_miss()
{
	local before

	setup
	local sent

	before=$(counter "$HV1" lsw5001 arp_missed)
	cap_start ul "$HV1" ul0
	cap_start tap "$HV1" tap-a
	fails ip netns exec "$VMA" arping -c 2 -w 2 -I eth0 172.16.10.99
	cap_sync ul "$HV1" ul0
	cap_sync tap "$HV1" tap-a
	cap_stop ul
	cap_stop tap
	sent=$(tcount "$T/tap.pcap" "arp.opcode == 1 && arp.dst.proto_ipv4 == 172.16.10.99")
	log "vma sent $sent requests"
	((sent >= 1)) || fail "no request seen on tap-a"
	[[ $(counter "$HV1" lsw5001 arp_missed) == $((before + sent)) ]] || fail "arp_missed is not +$sent"
	# Flooded: one copy of each to the one VTEP, answered by nobody.
	[[ $(tcount "$T/ul.pcap" "vxlan.vni == 5001 && arp.opcode == 1 && arp.dst.proto_ipv4 == 172.16.10.99") == "$sent" ]] ||
		fail "not one underlay copy per request"
}

test_nd_hit()
{
	local before

	setup
	run "$LSW" -n "$HV1" arp add fd10::12 dev lsw5001 mac $VMB_MAC
	before=$(counter "$HV1" lsw5001 arp_suppressed)
	cap_start ul "$HV1" ul0
	cap_start tap "$HV1" tap-a
	run ip netns exec "$VMA" ping -c 1 -W 3 fd10::12
	cap_sync ul "$HV1" ul0
	cap_sync tap "$HV1" tap-a
	cap_stop ul
	cap_stop tap
	[[ $(counter "$HV1" lsw5001 arp_suppressed) -gt $before ]] || fail "arp_suppressed did not grow"
	[[ $(tcount "$T/ul.pcap" "vxlan && icmpv6.type == 128 && ipv6.src == fd10::11") -ge 1 ]] ||
		fail "the ping did not cross the underlay"
	# (vmb's own solicitation for vma, to answer the ping, may cross.)
	[[ $(tcount "$T/ul.pcap" "vxlan && icmpv6.type == 135 && ipv6.src == fd10::11") == 0 ]] ||
		fail "vma's NS crossed the underlay"
	[[ $(tcount "$T/tap.pcap" "icmpv6.type == 136 && icmpv6.nd.na.target_address == fd10::12 && icmpv6.opt.linkaddr == $VMB_MAC && icmpv6.nd.na.flag.s == 1 && ipv6.hlim == 255 && eth.src == $VMB_MAC") == 1 ]] ||
		fail "no well-formed NA on tap-a: $(tshark -r "$T/tap.pcap" -V -Y icmpv6.type==136 2>/dev/null | head -40)"
	run ip -n "$VMA" -6 neigh show fd10::12
	[[ $OUT == *"lladdr $VMB_MAC"* ]] || fail "vma's neighbour table: $OUT"
}

test_vlan_tag()
{
	setup
	ip -n "$VMA" link add link eth0 name eth0.100 type vlan id 100
	ip -n "$VMA" addr add 172.16.100.11/24 dev eth0.100
	ip -n "$VMA" link set eth0.100 up
	run "$LSW" -n "$HV1" arp add 172.16.100.12 dev lsw5001 mac $VMB_MAC
	cap_start tap "$HV1" tap-a
	# The stack's own request (no one answers the ping itself).
	fails ip netns exec "$VMA" ping -c 1 -W 2 172.16.100.12
	cap_sync tap "$HV1" tap-a
	cap_stop tap
	[[ $(tcount "$T/tap.pcap" "vlan.id == 100 && arp.opcode == 2 && arp.src.hw_mac == $VMB_MAC") == 1 ]] ||
		fail "the reply lost its VLAN tag: $(tshark -r "$T/tap.pcap" 2>/dev/null)"
	run ip -n "$VMA" neigh show dev eth0.100 172.16.100.12
	[[ $OUT == *"lladdr $VMB_MAC"* ]] || fail "the tagged stack did not take the reply"
}

# arp_entry NS IP: "MAC FLAGS" of IP in NS's lsw5001 table, or nothing.
arp_entry()
{
	"$LSW" -n "$1" -j arp show dev lsw5001 |
		jq -r ".[] | select(.ip == \"$2\") | \"\(.mac) \(.flags | join(\",\"))\""
}

test_learn_arp_garp()
{
	local bum

	setup
	# A request teaches the sender; a gratuitous ARP announces itself.
	fails ip netns exec "$VMA" arping -c 1 -w 1 -I eth0 172.16.10.50
	wait_for bash -c "[[ \$('$LSW' -n '$HV1' -j arp show | jq length) -ge 1 ]]"
	[[ $(arp_entry "$HV1" 172.16.10.11) == "$VMA_MAC learned" ]] ||
		fail "request: $(arp_entry "$HV1" 172.16.10.11)"
	run ip -n "$VMC" addr add 172.16.10.21/24 dev eth0
	run ip netns exec "$VMC" arping -c 1 -U -I eth0 172.16.10.21
	wait_for bash -c "[[ -n \$('$LSW' -n '$HV1' -j arp show | jq -r '.[] | select(.ip == \"172.16.10.21\") | .mac') ]]" ||
		fail "GARP not learned"
	[[ $(arp_entry "$HV1" 172.16.10.21) == "$VMC_MAC learned" ]] || fail "GARP entry"
	# An ARP probe (sender 0.0.0.0) teaches nothing.  (arping -D
	# succeeds when nobody claims the address.)
	bum=$(counter "$HV1" lsw5001 bum_copies)
	run ip netns exec "$VMC" arping -c 1 -w 1 -D -I eth0 172.16.10.77
	flooded_since "$bum"
	[[ -z $(arp_entry "$HV1" 0.0.0.0) && -z $(arp_entry "$HV1" 172.16.10.77) ]] ||
		fail "learned from a probe"
	# Nothing is learned from frames of the underlay.
	[[ -z $(arp_entry "$HV2" 172.16.10.11) ]] || fail "hv2 learned a remote VM's IP"
	(($(counter "$HV1" lsw5001 arp_learned) >= 2)) || fail "arp_learned"
}

test_learn_nd()
{
	setup
	run ip netns exec "$VMA" ping -c 1 -W 3 fd10::12
	wait_for bash -c "[[ -n \$('$LSW' -n '$HV1' -j arp show | jq -r '.[] | select(.ip == \"fd10::11\") | .mac') ]]" ||
		fail "NS source not learned"
	[[ $(arp_entry "$HV1" fd10::11) == "$VMA_MAC learned" ]] || fail "NS entry"
	# vmb's advertisement is learned by its own hypervisor.
	wait_for bash -c "[[ -n \$('$LSW' -n '$HV2' -j arp show | jq -r '.[] | select(.ip == \"fd10::12\") | .mac') ]]" ||
		fail "NA target not learned on hv2"
	# Duplicate address detection claims nothing.
	run ip -n "$VMC" addr add fd10::99/64 dev eth0
	wait_for bash -c "! ip -n '$VMC' -6 addr show dev eth0 | grep -q tentative"
	[[ -z $(arp_entry "$HV1" fd10::99) ]] || fail "learned from DAD"
}

test_learn_dhcp()
{
	command -v dnsmasq > /dev/null || skip "no dnsmasq"
	setup
	spawn "$T/dnsmasq.log" "$VMC" dnsmasq --no-daemon --port=0 --interface=eth0 \
		--bind-interfaces --dhcp-range=172.16.10.100,172.16.10.110,1h \
		--dhcp-leasefile="$T/leases" --pid-file="$T/dnsmasq.pid"
	# dnsmasq takes its time to start under TCG: ask once it listens.
	wait_for bash -c "ip netns exec '$VMC' ss -Hlun 'sport = :67' | grep -q 67" ||
		fail "dnsmasq does not listen: $(cat "$T/dnsmasq.log")"
	ip -n "$VMA" addr flush dev eth0 scope global
	run ip netns exec "$VMA" busybox udhcpc -i eth0 -n -q -f -t 5 -T 1 -s /bin/true
	[[ $OUT == *"lease of 172.16.10.1"* ]] || fail "no lease: $OUT"
	local ip
	ip=$(sed -n 's/.*lease of \([0-9.]*\) obtained.*/\1/p' <<< "$OUT")
	log "vma got $ip"
	wait_for bash -c "[[ -n \$('$LSW' -n '$HV1' -j arp show | jq -r '.[] | select(.ip == \"$ip\") | .mac') ]]" ||
		fail "DHCP ACK not learned"
	[[ $(arp_entry "$HV1" "$ip") == "$VMA_MAC learned" ]] || fail "DHCP entry: $(arp_entry "$HV1" "$ip")"
}

test_moves_and_static()
{
	local moved log=$T/events bum

	setup
	run "$LSW" -n "$HV1" arp add 172.16.10.12 dev lsw5001 mac $VMB_MAC
	spawn "$log" "$HV1" "$LSW" -j monitor arp
	monitor_ready "$HV1" lsw5001 "$log" arp || fail "the monitor reports nothing: $(cat "$log")"
	run ip netns exec "$VMA" arping -c 1 -U -I eth0 172.16.10.11
	wait_for bash -c "[[ -n \$('$LSW' -n '$HV1' -j arp show | jq -r '.[] | select(.ip == \"172.16.10.11\") | .mac') ]]"
	wait_for grep -q '"learned".*"172.16.10.11"' "$log" || fail "no learned event"
	grep '"learned".*"172.16.10.11"' "$log" | head -n1 |
		jq -e ".event == \"learned\" and .object == \"arp\" and .mac == \"$VMA_MAC\" and .vni == 5001 and .ifname == \"lsw5001\" and .flags == [\"learned\"]" > /dev/null ||
		fail "learned event fields: $(grep '"learned"' "$log")"
	moved=$(counter "$HV1" lsw5001 arp_moved)
	# vmc claims vma's address: the entry moves, and says so.
	run ip -n "$VMC" addr add 172.16.10.11/32 dev eth0
	run ip netns exec "$VMC" arping -c 1 -U -I eth0 172.16.10.11
	wait_for bash -c "[[ \$('$LSW' -n '$HV1' -j arp show | jq -r '.[] | select(.ip == \"172.16.10.11\") | .mac') == $VMC_MAC ]]" ||
		fail "the claim did not move the entry"
	[[ $(counter "$HV1" lsw5001 arp_moved) == $((moved + 1)) ]] || fail "arp_moved"
	wait_for grep -q '"moved".*172.16.10.11' "$log" || fail "no moved event"
	grep '"moved"' "$log" | head -n1 | jq -e ".object == \"arp\" and .mac == \"$VMC_MAC\" and .vni == 5001 and .ifname == \"lsw5001\"" > /dev/null ||
		fail "moved event fields: $(grep '"moved"' "$log")"
	# A claim on a static entry changes nothing.
	run ip -n "$VMC" addr add 172.16.10.12/32 dev eth0
	bum=$(counter "$HV1" lsw5001 bum_copies)
	run ip netns exec "$VMC" arping -c 1 -U -I eth0 172.16.10.12
	flooded_since "$bum"
	[[ $(arp_entry "$HV1" 172.16.10.12) == "$VMB_MAC static" ]] || fail "static entry overwritten"
}

test_suppress_off()
{
	local before

	setup
	run "$LSW" -n "$HV1" link set lsw5001 arp-suppress off
	run "$LSW" -n "$HV1" arp add 172.16.10.12 dev lsw5001 mac $VMB_MAC
	before=$(counter "$HV1" lsw5001 arp_suppressed)
	cap_start ul "$HV1" ul0
	run ip netns exec "$VMA" arping -c 1 -w 3 -I eth0 172.16.10.12
	# vmb itself answered.
	[[ $OUT == *"[$VMB_MAC]"* || $OUT == *"[${VMB_MAC^^}]"* ]] || fail "no answer from vmb"
	cap_sync ul "$HV1" ul0
	cap_stop ul
	[[ $(counter "$HV1" lsw5001 arp_suppressed) == "$before" ]] || fail "answered with suppression off"
	[[ $(tcount "$T/ul.pcap" "arp.opcode == 1 && arp.dst.proto_ipv4 == 172.16.10.12") == 1 ]] ||
		fail "the request did not cross the underlay"
}

test_ip_flood_limit()
{
	setup
	run "$LSW" -n "$HV1" link set lsw5001 arp-limit 20
	# 200 gratuitous ARPs, each for another address.
	run ip netns exec "$VMA" python3 -S "$PKT" garp-flood eth0 200
	wait_for counter_over "$HV1" lsw5001 arp_limit_hit 0 ||
		fail "arp_limit_hit stayed 0"
	run "$LSW" -n "$HV1" -j arp show dev lsw5001
	[[ $(jq length <<< "$OUT") == 20 ]] || fail "table holds $(jq length <<< "$OUT") entries, limit 20"
}

test_underlay_not_answered()
{
	local before

	setup
	# hv2 knows vma's address; hv1 knows vmb's.  A request from vmb
	# crosses to hv1, which must not answer it by proxy.
	run "$LSW" -n "$HV1" arp add 172.16.10.12 dev lsw5001 mac $VMB_MAC
	run "$LSW" -n "$HV1" arp add 172.16.10.11 dev lsw5001 mac $VMA_MAC
	run "$LSW" -n "$HV2" link set lsw5001 arp-suppress off
	before=$(counter "$HV1" lsw5001 arp_suppressed)
	run ip netns exec "$VMB" arping -c 1 -w 3 -I eth0 172.16.10.11
	[[ $(counter "$HV1" lsw5001 arp_suppressed) == "$before" ]] || fail "hv1 answered a request from the underlay"
	# vma answered for itself, so the request did arrive.
	[[ $OUT == *"[$VMA_MAC]"* || $OUT == *"[${VMA_MAC^^}]"* ]] || fail "no answer from vma"
}

topo_run_tests ip jq python3 tcpdump tshark arping
