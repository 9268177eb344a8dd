#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Port security and trust on first use: a VM sends from its own addresses
# only, and cannot poison the switch's tables, nor the other VMs'.
#
#   vmv (victim)          vma (attacker)        vmc (third VM)
#   172.16.10.11          172.16.10.12          172.16.10.13
#   fd10::11              fd10::12              fd10::13
#   00:50:56:00:00:0a     00:50:56:00:00:0b     00:50:56:00:00:0c
#     | eth0                | eth0                | eth0
#     | tap-v               | tap-a               | tap-c
#   +-+---------------------+---------------------+-+
#   | hv1   lsw5001 (VNI 5001), no VTEP: local only  |
#   +------------------------------------------------+
#
# The attacker sends gratuitous ARP and neighbour advertisements claiming
# the victim's addresses, frames from the victim's MAC, IP packets from
# the victim's addresses and a rogue DHCP OFFER.  Without port security
# the switch believes it all (poisoning_without proves the attack works);
# with it, none of it changes the tables or reaches vmc (captured), each
# frame is counted under its reason, and vmc still reaches the victim.
#
# The topology is built once, for the whole suite; each test starts from
# a reset (no port security, no TOFU, empty tables, empty VM neighbour
# caches).

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lsw_topo.sh"

TESTS=(
	config
	poisoning_without
	secured
	dhcp_server_and_egress
	tofu
	static_wins
)

VMV_IP=172.16.10.11
VMV_MAC=00:50:56:00:00:0a
VMA_IP=172.16.10.12
VMA_MAC=00:50:56:00:00:0b
VMC_IP=172.16.10.13
VMC_MAC=00:50:56:00:00:0c

# The suite's one topology, in the suite's shell: its namespaces are not
# a test's, and go when the suite ends.
topology()
{
	topo_init
	ns_create HV1
	ipb "$HV1" <<-EOF
	link add ul0 type dummy
	addr add $UL4_1/24 dev ul0
	link set ul0 up
	EOF
	sw "$HV1" lsw5001 5001 "$UL4_1"
	vm VMV "$HV1" lsw5001 tap-v "$VMV_IP" "$VMV_MAC"
	vm VMA "$HV1" lsw5001 tap-a "$VMA_IP" "$VMA_MAC"
	vm VMC "$HV1" lsw5001 tap-c "$VMC_IP" "$VMC_MAC"
	run ip -n "$VMV" addr add fd10::11/64 dev eth0 nodad
	run ip -n "$VMA" addr add fd10::12/64 dev eth0 nodad
	run ip -n "$VMC" addr add fd10::13/64 dev eth0 nodad
	SUITE_NS=("${__lsw_ns[@]}")
	__lsw_ns=()
}

# refusals MAC REASON: the refusal events of port tap-a for frames from
# MAC refused under counter REASON, in the monitor's log.
refusals()
{
	grep '"object":"miss"' "$T/events" |
		jq -c --arg m "$1" --arg r "$2" \
			'select(.refused == $r and .mac == $m and .port == "tap-a")' | wc -l
}

has_refusal()
{
	(($(refusals "$1" "$2") > 0))
}

# Every test starts here: nothing the last one set is left, and what it
# spawns (captures, monitors) goes when it ends.  A monitor left behind
# would be a listener of the "miss" group for every switch of every
# netns (netlink_has_listeners() knows no netns), and make them hold.
reset()
{
	trap '__topo_test_cleanup' EXIT
	lswb "$HV1" <<-EOF
	port set dev tap-v security none
	port set dev tap-a security none
	port set dev tap-c security none
	link set lsw5001 ip-tofu off learning on
	mac flush dev lsw5001
	arp flush dev lsw5001
	EOF
	local ns

	for ns in "$VMV" "$VMA" "$VMC"; do
		ip -n "$ns" neigh flush dev eth0
	done
}

# arp_entry IP: "MAC FLAGS" of hv1's ARP/ND entry for IP, or nothing.
arp_entry()
{
	"$LSW" -n "$HV1" -j arp show dev lsw5001 |
		jq -r ".[] | select(.ip == \"$1\") | \"\(.mac) \(.flags | join(\",\"))\""
}

# mac_port MAC: "PORT FLAGS" of hv1's MAC entry for MAC, or nothing.
mac_port()
{
	"$LSW" -n "$HV1" -j mac show dev lsw5001 |
		jq -r ".[] | select(.mac == \"$1\") | \"\(.port) \(.flags | join(\",\"))\""
}

# arp_is IP WANT: wait until arp_entry IP is WANT.
arp_is()
{
	wait_for bash -c "[[ \$('$LSW' -n '$HV1' -j arp show dev lsw5001 | jq -r '.[] | select(.ip == \"$1\") | \"\(.mac) \(.flags | join(\",\"))\"') == '$2' ]]"
}

# victim_announces: vmv claims its addresses (GARP, NA), as a VM does
# when it comes up; hv1 learns them, and its MAC on tap-v.
victim_announces()
{
	pkt "$VMV" spoof eth0 garp "$VMV_IP"
	pkt "$VMV" spoof eth0 na fd10::11
	arp_is "$VMV_IP" "$VMV_MAC learned" || fail "vmv's GARP not learned"
	arp_is fd10::11 "$VMV_MAC learned" || fail "vmv's NA not learned"
	[[ $(mac_port "$VMV_MAC") == "tap-v learned" ]] ||
		fail "vmv's MAC not on tap-v: $(mac_port "$VMV_MAC")"
}

# attack: what vma sends, each frame KIND COUNT times over (see the
# counters each is expected under in "secured").
attack()
{
	pkt "$VMA" spoof eth0 garp "$VMV_IP" --count 3
	pkt "$VMA" spoof eth0 na fd10::11 --sip fd10::12 --count 2
	pkt "$VMA" frame eth0 --src "$VMV_MAC" --mark from-victim --count 4
	pkt "$VMA" spoof eth0 dhcp-offer "$VMA_IP" --count 2
	pkt "$VMA" spoof eth0 udp "$VMV_IP" --mark udp4-as-victim --count 3
	pkt "$VMA" spoof eth0 udp fd10::11 --mark udp6-as-victim --count 2
}

test_config()
{
	local addrs=() i

	reset
	run "$LSW" -n "$HV1" port set dev tap-a security "$VMA_MAC" "$VMA_IP" \
		fd10::12 10.1.0.0/16 02:00:00:00:00:01 dhcp-server
	run "$LSW" -n "$HV1" port show dev lsw5001
	[[ $OUT == *"tap-a  master lsw5001  security $VMA_MAC $VMA_IP/32 fd10::12/128 10.1.0.0/16 02:00:00:00:00:01 dhcp-server"* ]] ||
		fail "port show: $OUT"
	lswj "$HV1" port show dev lsw5001
	jq -e --arg m "$VMA_MAC" '.[] | select(.ifname == "tap-a") | .security |
		.dhcp_server == true and .egress == false and
		.addresses == [{mac: $m, ip: "172.16.10.12/32"},
			       {mac: $m, ip6: "fd10::12/128"},
			       {mac: $m, ip: "10.1.0.0/16"},
			       {mac: "02:00:00:00:00:01"}]' <<< "$OUT" > /dev/null ||
		fail "port show -j: $OUT"
	[[ $(jq '[.[] | select(.security)] | length' <<< "$OUT") == 1 ]] ||
		fail "security on a port that has none"

	# What the kernel refuses, with its reason; the port keeps its own.
	fails "$LSW" -n "$HV1" port set dev tap-a security "$VMA_MAC" 10.1.0.1/16
	[[ $OUT == "Error: IPv4 prefix has host bits set"* ]] || fail "host bits: $OUT"
	fails "$LSW" -n "$HV1" port set dev tap-a security "$VMA_MAC" fd10::1/8
	[[ $OUT == "Error: IPv6 prefix has host bits set"* ]] || fail "host bits 6: $OUT"
	fails "$LSW" -n "$HV1" port set dev tap-a security "$VMA_MAC" "$VMA_IP" "$VMA_MAC" "$VMA_IP"
	[[ $OUT == "Error: Allowed address given twice"* ]] || fail "twice: $OUT"
	fails "$LSW" -n "$HV1" port set dev tap-a security 01:00:5e:00:00:01
	[[ $OUT == "Error: Allowed MAC address must be unicast"* ]] || fail "multicast: $OUT"
	for ((i = 0; i <= 32; i++)); do
		addrs+=("$VMA_MAC" "10.2.0.$i")
	done
	fails "$LSW" -n "$HV1" port set dev tap-a security "${addrs[@]}"
	[[ $OUT == "Error: lsw: Too many allowed addresses"* ]] || fail "too many: $OUT"
	fails "$LSW" -n "$HV1" port set dev tap-a security "$VMA_IP"
	[[ $OUT == *"a MAC address comes first"* ]] || fail "no MAC: $OUT"
	run "$LSW" -n "$HV1" port show dev lsw5001
	[[ $OUT == *"security $VMA_MAC $VMA_IP/32 fd10::12/128 10.1.0.0/16 02:00:00:00:00:01 dhcp-server"* ]] ||
		fail "a refused request changed the port: $OUT"

	# 32 is the most, and "none" removes them all.
	unset 'addrs[-1]' 'addrs[-1]'
	run "$LSW" -n "$HV1" port set dev tap-a security "${addrs[@]}"
	lswj "$HV1" port show dev lsw5001
	[[ $(jq '.[] | select(.ifname == "tap-a") | .security.addresses | length' <<< "$OUT") == 32 ]] ||
		fail "not 32 addresses: $OUT"
	run "$LSW" -n "$HV1" port set dev tap-a security none
	lswj "$HV1" port show dev lsw5001
	[[ $(jq '[.[] | select(.security)] | length' <<< "$OUT") == 0 ]] ||
		fail "security none left some: $OUT"

	# TOFU is a link attribute, shown with the others.
	run "$LSW" -n "$HV1" link set lsw5001 ip-tofu on
	lswj "$HV1" link show lsw5001
	jq -e '.[0].ip_tofu == true' <<< "$OUT" > /dev/null || fail "ip_tofu: $OUT"
}

# Without port security, the attack works: the reason for all the rest.
test_poisoning_without()
{
	reset
	victim_announces
	cap_start c "$VMC" eth0
	attack
	arp_is "$VMV_IP" "$VMA_MAC learned" || fail "GARP did not poison: $(arp_entry "$VMV_IP")"
	arp_is fd10::11 "$VMA_MAC learned" || fail "NA did not poison: $(arp_entry fd10::11)"
	[[ $(mac_port "$VMV_MAC") == "tap-a learned" ]] ||
		fail "the victim's MAC did not move: $(mac_port "$VMV_MAC")"
	cap_sync c "$VMA" eth0
	cap_stop c
	[[ $(cap_count c src="$VMA_MAC" arp=1 arp_sip="$VMV_IP") == 3 ]] || fail "GARPs not flooded"
	[[ $(cap_count c src="$VMA_MAC" sport=67 dport=68) == 2 ]] || fail "OFFERs not flooded"
	[[ $(cap_count c src="$VMV_MAC" type=0x88b5) == 4 ]] || fail "frames not flooded"
	[[ $(cap_count c saddr="$VMV_IP" sport=9) == 3 ]] || fail "udp4 not flooded"
}

test_secured()
{
	local -A b a

	reset
	run "$LSW" -n "$HV1" port set dev tap-a security "$VMA_MAC" "$VMA_IP" fd10::12
	victim_announces
	# A controller listens for refusals; it does once it hears one.
	spawn "$T/events" "$HV1" "$LSW" -j monitor miss
	wait_for bash -c "ip netns exec '$VMA' python3 -S '$PKT' frame eth0 --src 02:00:00:00:00:01 --mark probe;
		grep -q '\"mac\":\"02:00:00:00:00:01\"' '$T/events'" ||
		fail "no refusal event: $(cat "$T/events")"
	snap b "$HV1" lsw5001
	cap_start c "$VMC" eth0
	attack
	cap_sync c "$VMA" eth0
	cap_stop c
	snap a "$HV1" lsw5001
	show_growth hv1 b a

	# Each frame counted once, under its reason.
	[[ $(grew b a drop_spoof_arp) == 5 ]] || fail "drop_spoof_arp $(grew b a drop_spoof_arp), not 3 GARP + 2 NA"
	[[ $(grew b a drop_spoof_mac) == 4 ]] || fail "drop_spoof_mac"
	[[ $(grew b a drop_dhcp_server) == 2 ]] || fail "drop_dhcp_server"
	[[ $(grew b a drop_spoof_ip) == 5 ]] || fail "drop_spoof_ip"
	[[ $(grew b a arp_moved) == 0 && $(grew b a mac_moved) == 0 ]] || fail "something moved"

	# Each kind of refusal was announced, at most once per frame (a
	# second within a second of the first is not).
	local mac_why mac why n
	for mac_why in "$VMA_MAC:drop_spoof_arp:5" "$VMV_MAC:drop_spoof_mac:4" \
		       "$VMA_MAC:drop_dhcp_server:2" "$VMA_MAC:drop_spoof_ip:5"; do
		mac=${mac_why:0:17}
		IFS=: read -r why n <<< "${mac_why:18}"
		wait_for has_refusal "$mac" "$why" || fail "no $why refusal of $mac"
		(($(refusals "$mac" "$why") >= 1 && $(refusals "$mac" "$why") <= n)) ||
			fail "$why refusals of $mac: $(refusals "$mac" "$why"), sent $n"
	done

	# Nothing reached vmc but the sync frame; the tables are the victim's.
	[[ $(grep -v mark=sync- "$T/c.txt" | grep -c -e "src=$VMA_MAC" -e "src=$VMV_MAC") == 0 ]] ||
		fail "spoofed frames reached vmc"
	[[ $(arp_entry "$VMV_IP") == "$VMV_MAC learned" ]] || fail "ARP entry: $(arp_entry "$VMV_IP")"
	[[ $(arp_entry fd10::11) == "$VMV_MAC learned" ]] || fail "ND entry: $(arp_entry fd10::11)"
	[[ $(mac_port "$VMV_MAC") == "tap-v learned" ]] || fail "MAC entry: $(mac_port "$VMV_MAC")"

	# vmc still reaches the victim, over IPv4 and IPv6, and the attacker
	# its own addresses: port security lets what is allowed through.
	run ip netns exec "$VMC" ping -c 1 -W 5 "$VMV_IP" || fail "vmc cannot reach vmv"
	run ip netns exec "$VMC" ping -c 1 -W 5 fd10::11 || fail "vmc cannot reach vmv (IPv6)"
	run ip -n "$VMC" neigh show "$VMV_IP"
	[[ $OUT == *"lladdr $VMV_MAC"* ]] || fail "vmc's neighbour: $OUT"
	run ip netns exec "$VMA" ping -c 1 -W 5 "$VMC_IP" || fail "vma's own IPv4 refused"
	run ip netns exec "$VMA" ping -c 1 -W 5 fd10::13 || fail "vma's own IPv6 refused"
	[[ $(arp_entry "$VMA_IP") == "$VMA_MAC learned" ]] || fail "vma's own address not learned"
}

test_dhcp_server_and_egress()
{
	local -A b a

	reset
	# A port allowed to be a DHCP server (a DHCP agent's) sends OFFERs.
	run "$LSW" -n "$HV1" port set dev tap-a security "$VMA_MAC" "$VMA_IP" dhcp-server
	# The victim takes unicast to its own MAC only.
	run "$LSW" -n "$HV1" port set dev tap-v security "$VMV_MAC" "$VMV_IP" egress
	snap b "$HV1" lsw5001
	cap_start c "$VMC" eth0
	cap_start v "$VMV" eth0
	pkt "$VMA" spoof eth0 dhcp-offer "$VMA_IP"
	pkt "$VMA" frame eth0 --dst 02:00:00:00:00:99 --mark unknown-unicast
	pkt "$VMA" frame eth0 --dst "$VMV_MAC" --mark to-victim
	pkt "$VMA" frame eth0 --mark broadcast
	# vmv takes no unknown unicast, cap_sync's: a broadcast syncs both.
	pkt "$VMA" frame eth0 --mark bcast-sync
	wait_for cap_has c 1 mark=bcast-sync || fail "capture c is stuck"
	wait_for cap_has v 1 mark=bcast-sync || fail "capture v is stuck"
	cap_stop c
	cap_stop v
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	[[ $(cap_count c sport=67 dport=68) == 1 ]] || fail "the allowed OFFER did not reach vmc"
	[[ $(cap_count v sport=67 dport=68) == 1 ]] || fail "the allowed OFFER did not reach vmv"
	[[ $(grew b a drop_dhcp_server) == 0 ]] || fail "drop_dhcp_server"
	[[ $(cap_count c mark=unknown-unicast) == 1 ]] || fail "unknown unicast did not reach vmc"
	[[ $(cap_count v mark=unknown-unicast) == 0 ]] || fail "egress: vmv got another MAC's frame"
	[[ $(cap_count v mark=to-victim) == 1 ]] || fail "egress: vmv missed its own"
	[[ $(cap_count v mark=broadcast) == 1 ]] || fail "egress: vmv missed a broadcast"
	[[ $(grew b a drop_not_owner) == 1 ]] || fail "drop_not_owner $(grew b a drop_not_owner)"
}

test_tofu()
{
	local -A b a

	reset
	run "$LSW" -n "$HV1" link set lsw5001 ip-tofu on
	victim_announces
	snap b "$HV1" lsw5001
	cap_start c "$VMC" eth0
	pkt "$VMA" spoof eth0 garp "$VMV_IP" --count 2
	pkt "$VMA" spoof eth0 na fd10::11 --sip fd10::12
	pkt "$VMA" spoof eth0 udp "$VMV_IP" --mark tofu-udp
	# Its own address is its own, first come.
	pkt "$VMA" spoof eth0 garp "$VMA_IP"
	arp_is "$VMA_IP" "$VMA_MAC learned" || fail "vma's own claim refused"
	cap_sync c "$VMA" eth0
	cap_stop c
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	[[ $(grew b a drop_spoof_arp) == 3 ]] || fail "drop_spoof_arp $(grew b a drop_spoof_arp)"
	[[ $(grew b a drop_spoof_ip) == 1 ]] || fail "drop_spoof_ip"
	[[ $(arp_entry "$VMV_IP") == "$VMV_MAC learned" ]] || fail "ARP entry: $(arp_entry "$VMV_IP")"
	[[ $(arp_entry fd10::11) == "$VMV_MAC learned" ]] || fail "ND entry: $(arp_entry fd10::11)"
	[[ $(cap_count c arp_sip="$VMV_IP") == 0 ]] || fail "a refused GARP reached vmc"
	[[ $(cap_count c mark=tofu-udp) == 0 ]] || fail "a refused packet reached vmc"

	# The controller moves the binding: the new owner's claim is good
	# (it crosses the switch), the old owner's is not.
	run "$LSW" -n "$HV1" arp replace "$VMV_IP" dev lsw5001 mac "$VMA_MAC"
	snap b "$HV1" lsw5001
	cap_start c "$VMC" eth0
	pkt "$VMA" spoof eth0 garp "$VMV_IP"
	wait_for cap_has c 1 src="$VMA_MAC" arp_sip="$VMV_IP" ||
		fail "the new owner's claim was refused"
	pkt "$VMV" spoof eth0 garp "$VMV_IP"
	wait_for counter_over "$HV1" lsw5001 drop_spoof_arp "${b[drop_spoof_arp]}" ||
		fail "the old owner's claim was not refused"
	cap_sync c "$VMA" eth0
	cap_stop c
	snap a "$HV1" lsw5001
	[[ $(grew b a drop_spoof_arp) == 1 ]] || fail "drop_spoof_arp $(grew b a drop_spoof_arp)"
	[[ $(cap_count c src="$VMV_MAC" arp_sip="$VMV_IP") == 0 ]] || fail "the old owner's claim reached vmc"
}

# Controller entries win over learning, whatever a port sends.
test_static_wins()
{
	reset
	lswb "$HV1" <<-EOF
	mac add $VMV_MAC dev lsw5001 port tap-v
	arp add $VMV_IP dev lsw5001 mac $VMV_MAC
	arp add fd10::11 dev lsw5001 mac $VMV_MAC
	EOF
	local sent

	# Three claims, each flooded to vmv, vmc and the host.
	sent=$(counter "$HV1" lsw5001 local_packets)
	pkt "$VMA" spoof eth0 garp "$VMV_IP" --src "$VMV_MAC"
	pkt "$VMA" spoof eth0 na fd10::11 --sip fd10::12
	pkt "$VMA" spoof eth0 garp "$VMV_IP"
	wait_for counter_over "$HV1" lsw5001 local_packets $((sent + 8)) ||
		fail "the claims did not cross the switch"
	[[ $(mac_port "$VMV_MAC") == "tap-v static" ]] || fail "static MAC moved: $(mac_port "$VMV_MAC")"
	[[ $(arp_entry "$VMV_IP") == "$VMV_MAC static" ]] || fail "static ARP: $(arp_entry "$VMV_IP")"
	[[ $(arp_entry fd10::11) == "$VMV_MAC static" ]] || fail "static ND: $(arp_entry fd10::11)"
	# A learned entry of the attacker's own MAC shows learning was on.
	[[ $(mac_port "$VMA_MAC") == "tap-a learned" ]] || fail "learning was off"
}

lsw_require jq tcpdump python3
T=$(mktemp -d)
SUITE_NS=()
trap 'rm -rf "$T"; for ns in "${SUITE_NS[@]}"; do ip netns del "$ns" 2>/dev/null; done' EXIT
topology
lsw_run_tests
