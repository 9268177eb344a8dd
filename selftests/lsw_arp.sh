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

MAC_A=00:50:56:00:00:0a
MAC_B=00:50:56:00:00:0b
MAC_C=00:50:56:00:00:0c

# Two hypervisors, one VM each (vmc on hv1 too when asked).
setup()
{
	ns_create hv1 hv2 vma vmb vmc
	lsw_module_load
	ip link add ul0 netns "$hv1" type veth peer name ul0 netns "$hv2"
	ip -n "$hv1" addr add 192.168.250.51/24 dev ul0
	ip -n "$hv2" addr add 192.168.250.52/24 dev ul0
	ip -n "$hv1" link set ul0 up
	ip -n "$hv2" link set ul0 up
	run "$LSW" -n "$hv1" link add lsw5001 vni 5001 local 192.168.250.51 dev ul0
	run "$LSW" -n "$hv2" link add lsw5001 vni 5001 local 192.168.250.52 dev ul0
	run "$LSW" -n "$hv1" vtep add 192.168.250.52 dev lsw5001
	run "$LSW" -n "$hv2" vtep add 192.168.250.51 dev lsw5001
	# No IPv6 on the host ports: the host's own neighbour discovery
	# would reach the tables and the monitor at moments of its own.
	ip -n "$hv1" link set lsw5001 addrgenmode none
	ip -n "$hv2" link set lsw5001 addrgenmode none
	ip -n "$hv1" link set lsw5001 up
	ip -n "$hv2" link set lsw5001 up
	vm_attach "$vma" "$hv1" tap-a $MAC_A 172.16.10.11 fd10::11
	vm_attach "$vmb" "$hv2" tap-b $MAC_B 172.16.10.12 fd10::12
	vm_attach "$vmc" "$hv1" tap-c $MAC_C 172.16.10.13 fd10::13
}

# vm_attach VM HV TAP MAC IP4 IP6: a VM's eth0, its tap in HV's switch.
vm_attach()
{
	ip link add eth0 netns "$1" address "$4" type veth peer name "$3" netns "$2"
	ip -n "$2" link set "$3" master lsw5001
	ip -n "$2" link set "$3" up
	ip -n "$1" addr add "$5/24" dev eth0
	ip -n "$1" addr add "$6/64" dev eth0 nodad
	ip -n "$1" link set eth0 up
}

counter()
{
	"$LSW" -n "$hv1" -j stats show dev lsw5001 | jq -r ".[0].stats.$1"
}

# capture NAME NS IFACE [FILTER]: tcpdump into $TMPD/NAME.pcap in the
# background, until stop_capture NAME.  It returns once tcpdump says it
# is listening: every packet sent after that is in the file.
declare -A CAPTURE
capture()
{
	local name=$1 ns=$2 dev=$3

	shift 3
	ip netns exec "$ns" tcpdump -i "$dev" -nn -e -U -w "$TMPD/$name.pcap" "$@" \
		2> "$TMPD/$name.err" &
	CAPTURE[$name]=$!
	wait_for grep -q "listening on" "$TMPD/$name.err" ||
		fail "tcpdump on $dev: $(cat "$TMPD/$name.err")"
}

# stop_capture NAME...: let the last packets in, then stop the captures.
stop_capture()
{
	local name

	sleep 1
	for name in "$@"; do
		kill "${CAPTURE[$name]}" 2>/dev/null
		wait "${CAPTURE[$name]}" 2>/dev/null || true
	done
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
	run "$LSW" -n "$hv1" arp add 172.16.10.12 dev lsw5001 mac $MAC_B
	before=$(counter arp_suppressed)
	capture ul "$hv1" ul0
	capture tap "$hv1" tap-a arp
	run ip netns exec "$vma" arping -c 1 -w 3 -I eth0 172.16.10.12
	[[ $OUT == *"[$MAC_B]"* || $OUT == *"[${MAC_B^^}]"* ]] || fail "arping got no answer with vmb's MAC"
	[[ $(counter arp_suppressed) == $((before + 1)) ]] || fail "arp_suppressed did not grow by 1"
	# The real stack takes the answer and pings through the underlay
	# (which proves the capture there sees what crosses).
	run ip netns exec "$vma" ping -c 1 -W 3 172.16.10.12
	stop_capture ul tap
	# (Its own request, suppressed too, then another answer on tap-a.)
	[[ $(counter arp_suppressed) == $((before + 2)) ]] || fail "arp_suppressed did not grow by 2"
	[[ $(tcount "$TMPD/ul.pcap" "vxlan && icmp.type == 8 && ip.src == 172.16.10.11") -ge 1 ]] ||
		fail "the ping did not cross the underlay"
	# (vmb resolves vma to answer the ping: that request may cross.)
	[[ $(tcount "$TMPD/ul.pcap" "vxlan && arp.opcode == 1 && arp.src.proto_ipv4 == 172.16.10.11") == 0 ]] ||
		fail "vma's ARP request crossed the underlay"
	# The answer, as tshark reads it.
	[[ $(tcount "$TMPD/tap.pcap" "arp.opcode == 2 && arp.src.hw_mac == $MAC_B && arp.src.proto_ipv4 == 172.16.10.12 && arp.dst.hw_mac == $MAC_A && arp.dst.proto_ipv4 == 172.16.10.11 && eth.src == $MAC_B && eth.dst == $MAC_A") == 2 ]] ||
		fail "no well-formed ARP reply on tap-a: $(tshark -r "$TMPD/tap.pcap" 2>/dev/null)"
	[[ $(tcount "$TMPD/tap.pcap" _ws.malformed) == 0 ]] || fail "malformed reply"
	run ip -n "$vma" neigh show 172.16.10.12
	[[ $OUT == *"lladdr $MAC_B"* ]] || fail "vma's neighbour table: $OUT"
}

test_arp_miss()
{
	local before

	setup
	local sent

	before=$(counter arp_missed)
	capture ul "$hv1" ul0
	capture tap "$hv1" tap-a arp
	fails ip netns exec "$vma" arping -c 2 -w 2 -I eth0 172.16.10.99
	stop_capture ul tap
	sent=$(tcount "$TMPD/tap.pcap" "arp.opcode == 1 && arp.dst.proto_ipv4 == 172.16.10.99")
	log "vma sent $sent requests"
	((sent >= 1)) || fail "no request seen on tap-a"
	[[ $(counter arp_missed) == $((before + sent)) ]] || fail "arp_missed is not +$sent"
	# Flooded: one copy of each to the one VTEP, answered by nobody.
	[[ $(tcount "$TMPD/ul.pcap" "vxlan.vni == 5001 && arp.opcode == 1 && arp.dst.proto_ipv4 == 172.16.10.99") == "$sent" ]] ||
		fail "not one underlay copy per request"
}

test_nd_hit()
{
	local before

	setup
	run "$LSW" -n "$hv1" arp add fd10::12 dev lsw5001 mac $MAC_B
	before=$(counter arp_suppressed)
	capture ul "$hv1" ul0
	capture tap "$hv1" tap-a icmp6
	run ip netns exec "$vma" ping -c 1 -W 3 fd10::12
	stop_capture ul tap
	[[ $(counter arp_suppressed) -gt $before ]] || fail "arp_suppressed did not grow"
	[[ $(tcount "$TMPD/ul.pcap" "vxlan && icmpv6.type == 128 && ipv6.src == fd10::11") -ge 1 ]] ||
		fail "the ping did not cross the underlay"
	# (vmb's own solicitation for vma, to answer the ping, may cross.)
	[[ $(tcount "$TMPD/ul.pcap" "vxlan && icmpv6.type == 135 && ipv6.src == fd10::11") == 0 ]] ||
		fail "vma's NS crossed the underlay"
	[[ $(tcount "$TMPD/tap.pcap" "icmpv6.type == 136 && icmpv6.nd.na.target_address == fd10::12 && icmpv6.opt.linkaddr == $MAC_B && icmpv6.nd.na.flag.s == 1 && ipv6.hlim == 255 && eth.src == $MAC_B") == 1 ]] ||
		fail "no well-formed NA on tap-a: $(tshark -r "$TMPD/tap.pcap" -V -Y icmpv6.type==136 2>/dev/null | head -40)"
	run ip -n "$vma" -6 neigh show fd10::12
	[[ $OUT == *"lladdr $MAC_B"* ]] || fail "vma's neighbour table: $OUT"
}

test_vlan_tag()
{
	setup
	ip -n "$vma" link add link eth0 name eth0.100 type vlan id 100
	ip -n "$vma" addr add 172.16.100.11/24 dev eth0.100
	ip -n "$vma" link set eth0.100 up
	run "$LSW" -n "$hv1" arp add 172.16.100.12 dev lsw5001 mac $MAC_B
	capture tap "$hv1" tap-a
	# The stack's own request (no one answers the ping itself).
	run ip netns exec "$vma" ping -c 1 -W 2 172.16.100.12 || true
	stop_capture tap
	[[ $(tcount "$TMPD/tap.pcap" "vlan.id == 100 && arp.opcode == 2 && arp.src.hw_mac == $MAC_B") == 1 ]] ||
		fail "the reply lost its VLAN tag: $(tshark -r "$TMPD/tap.pcap" 2>/dev/null)"
	run ip -n "$vma" neigh show dev eth0.100 172.16.100.12
	[[ $OUT == *"lladdr $MAC_B"* ]] || fail "the tagged stack did not take the reply"
}

# arp_entry NS IP: "MAC FLAGS" of IP in NS's lsw5001 table, or nothing.
arp_entry()
{
	"$LSW" -n "$1" -j arp show dev lsw5001 |
		jq -r ".[] | select(.ip == \"$2\") | \"\(.mac) \(.flags | join(\",\"))\""
}

test_learn_arp_garp()
{
	setup
	# A request teaches the sender; a gratuitous ARP announces itself.
	run ip netns exec "$vma" arping -c 1 -w 1 -I eth0 172.16.10.50 || true
	wait_for bash -c "[[ \$('$LSW' -n '$hv1' -j arp show | jq length) -ge 1 ]]"
	[[ $(arp_entry "$hv1" 172.16.10.11) == "$MAC_A learned" ]] ||
		fail "request: $(arp_entry "$hv1" 172.16.10.11)"
	run ip -n "$vmc" addr add 172.16.10.21/24 dev eth0
	run ip netns exec "$vmc" arping -c 1 -U -I eth0 172.16.10.21
	wait_for bash -c "[[ -n \$('$LSW' -n '$hv1' -j arp show | jq -r '.[] | select(.ip == \"172.16.10.21\") | .mac') ]]" ||
		fail "GARP not learned"
	[[ $(arp_entry "$hv1" 172.16.10.21) == "$MAC_C learned" ]] || fail "GARP entry"
	# An ARP probe (sender 0.0.0.0) teaches nothing.
	run ip netns exec "$vmc" arping -c 1 -w 1 -D -I eth0 172.16.10.77 || true
	[[ -z $(arp_entry "$hv1" 0.0.0.0) && -z $(arp_entry "$hv1" 172.16.10.77) ]] ||
		fail "learned from a probe"
	# Nothing is learned from frames of the underlay.
	[[ -z $(arp_entry "$hv2" 172.16.10.11) ]] || fail "hv2 learned a remote VM's IP"
	lswj_log=$("$LSW" -n "$hv1" -j stats show dev lsw5001)
	[[ $(jq -r '.[0].stats.arp_learned' <<< "$lswj_log") -ge 2 ]] || fail "arp_learned"
}

test_learn_nd()
{
	setup
	run ip netns exec "$vma" ping -c 1 -W 3 fd10::12
	wait_for bash -c "[[ -n \$('$LSW' -n '$hv1' -j arp show | jq -r '.[] | select(.ip == \"fd10::11\") | .mac') ]]" ||
		fail "NS source not learned"
	[[ $(arp_entry "$hv1" fd10::11) == "$MAC_A learned" ]] || fail "NS entry"
	# vmb's advertisement is learned by its own hypervisor.
	wait_for bash -c "[[ -n \$('$LSW' -n '$hv2' -j arp show | jq -r '.[] | select(.ip == \"fd10::12\") | .mac') ]]" ||
		fail "NA target not learned on hv2"
	# Duplicate address detection claims nothing.
	run ip -n "$vmc" addr add fd10::99/64 dev eth0
	wait_for bash -c "! ip -n '$vmc' -6 addr show dev eth0 | grep -q tentative"
	[[ -z $(arp_entry "$hv1" fd10::99) ]] || fail "learned from DAD"
}

test_learn_dhcp()
{
	command -v dnsmasq > /dev/null || skip "no dnsmasq"
	setup
	ip netns exec "$vmc" dnsmasq --no-daemon --port=0 --interface=eth0 \
		--bind-interfaces --dhcp-range=172.16.10.100,172.16.10.110,1h \
		--dhcp-leasefile="$TMPD/leases" --pid-file="$TMPD/dnsmasq.pid" \
		> "$TMPD/dnsmasq.log" 2>&1 &
	local server=$!
	# dnsmasq takes its time to start under TCG: ask once it listens.
	wait_for bash -c "ip netns exec '$vmc' ss -Hlun 'sport = :67' | grep -q 67" ||
		fail "dnsmasq does not listen: $(cat "$TMPD/dnsmasq.log")"
	ip -n "$vma" addr flush dev eth0 scope global
	run ip netns exec "$vma" busybox udhcpc -i eth0 -n -q -f -t 5 -T 1 -s /bin/true
	kill "$server"; wait "$server" 2>/dev/null || true
	[[ $OUT == *"lease of 172.16.10.1"* ]] || fail "no lease: $OUT"
	local ip
	ip=$(sed -n 's/.*lease of \([0-9.]*\) obtained.*/\1/p' <<< "$OUT")
	log "vma got $ip"
	wait_for bash -c "[[ -n \$('$LSW' -n '$hv1' -j arp show | jq -r '.[] | select(.ip == \"$ip\") | .mac') ]]" ||
		fail "DHCP ACK not learned"
	[[ $(arp_entry "$hv1" "$ip") == "$MAC_A learned" ]] || fail "DHCP entry: $(arp_entry "$hv1" "$ip")"
}

test_moves_and_static()
{
	local moved log=$TMPD/events pid

	setup
	run "$LSW" -n "$hv1" arp add 172.16.10.12 dev lsw5001 mac $MAC_B
	ip netns exec "$hv1" "$LSW" -j monitor arp > "$log" &
	pid=$!
	monitor_ready "$hv1" lsw5001 "$log" arp || fail "the monitor reports nothing: $(cat "$log")"
	run ip netns exec "$vma" arping -c 1 -U -I eth0 172.16.10.11
	wait_for bash -c "[[ -n \$('$LSW' -n '$hv1' -j arp show | jq -r '.[] | select(.ip == \"172.16.10.11\") | .mac') ]]"
	wait_for grep -q '"learned".*"172.16.10.11"' "$log" || fail "no learned event"
	grep '"learned".*"172.16.10.11"' "$log" | head -n1 |
		jq -e ".event == \"learned\" and .object == \"arp\" and .mac == \"$MAC_A\" and .vni == 5001 and .ifname == \"lsw5001\" and .flags == [\"learned\"]" > /dev/null ||
		fail "learned event fields: $(grep '"learned"' "$log")"
	moved=$(counter arp_moved)
	# vmc claims vma's address: the entry moves, and says so.
	run ip -n "$vmc" addr add 172.16.10.11/32 dev eth0
	run ip netns exec "$vmc" arping -c 1 -U -I eth0 172.16.10.11
	wait_for bash -c "[[ \$('$LSW' -n '$hv1' -j arp show | jq -r '.[] | select(.ip == \"172.16.10.11\") | .mac') == $MAC_C ]]" ||
		fail "the claim did not move the entry"
	[[ $(counter arp_moved) == $((moved + 1)) ]] || fail "arp_moved"
	wait_for grep -q '"moved".*172.16.10.11' "$log" || fail "no moved event"
	grep '"moved"' "$log" | head -n1 | jq -e ".object == \"arp\" and .mac == \"$MAC_C\" and .vni == 5001 and .ifname == \"lsw5001\"" > /dev/null ||
		fail "moved event fields: $(grep '"moved"' "$log")"
	# A claim on a static entry changes nothing.
	run ip -n "$vmc" addr add 172.16.10.12/32 dev eth0
	run ip netns exec "$vmc" arping -c 1 -U -I eth0 172.16.10.12
	sleep 1
	[[ $(arp_entry "$hv1" 172.16.10.12) == "$MAC_B static" ]] || fail "static entry overwritten"
	kill "$pid"; wait "$pid" 2>/dev/null || true
}

test_suppress_off()
{
	local before

	setup
	run "$LSW" -n "$hv1" link set lsw5001 arp-suppress off
	run "$LSW" -n "$hv1" arp add 172.16.10.12 dev lsw5001 mac $MAC_B
	before=$(counter arp_suppressed)
	capture ul "$hv1" ul0
	run ip netns exec "$vma" arping -c 1 -w 3 -I eth0 172.16.10.12
	stop_capture ul
	[[ $(counter arp_suppressed) == "$before" ]] || fail "answered with suppression off"
	[[ $(tcount "$TMPD/ul.pcap" "arp.opcode == 1 && arp.dst.proto_ipv4 == 172.16.10.12") == 1 ]] ||
		fail "the request did not cross the underlay"
	# vmb itself answered.
	[[ $OUT == *"[$MAC_B]"* || $OUT == *"[${MAC_B^^}]"* ]] || fail "no answer from vmb"
}

test_ip_flood_limit()
{
	setup
	run "$LSW" -n "$hv1" link set lsw5001 arp-limit 20
	# 200 gratuitous ARPs, each for another address.
	run ip netns exec "$vma" python3 -S "$PKT" garp-flood eth0 200
	wait_for bash -c "[[ \$('$LSW' -n '$hv1' -j stats show | jq -r '.[0].stats.arp_limit_hit') -gt 0 ]]" ||
		fail "arp_limit_hit stayed 0"
	run "$LSW" -n "$hv1" -j arp show dev lsw5001
	[[ $(jq length <<< "$OUT") == 20 ]] || fail "table holds $(jq length <<< "$OUT") entries, limit 20"
}

test_underlay_not_answered()
{
	local before

	setup
	# hv2 knows vma's address; hv1 knows vmb's.  A request from vmb
	# crosses to hv1, which must not answer it by proxy.
	run "$LSW" -n "$hv1" arp add 172.16.10.12 dev lsw5001 mac $MAC_B
	run "$LSW" -n "$hv1" arp add 172.16.10.11 dev lsw5001 mac $MAC_A
	run "$LSW" -n "$hv2" link set lsw5001 arp-suppress off
	before=$(counter arp_suppressed)
	run ip netns exec "$vmb" arping -c 1 -w 3 -I eth0 172.16.10.11
	[[ $(counter arp_suppressed) == "$before" ]] || fail "hv1 answered a request from the underlay"
	# vma answered for itself, so the request did arrive.
	[[ $OUT == *"[$MAC_A]"* || $OUT == *"[${MAC_A^^}]"* ]] || fail "no answer from vma"
}

lsw_require ip jq python3 tcpdump tshark arping
TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT
lsw_run_tests
