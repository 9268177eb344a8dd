#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Path MTU over lsw-vxlan and lsw-geneve, IPv4 and IPv6 underlays,
# after the kernel's tools/testing/selftests/net/pmtu.sh
# (pmtu_ipv{4,6}_{vxlan,geneve}{4,6}_exception and their bridged
# variants): the underlay's narrowest link is behind a router, so the
# hypervisor learns it from the router's ICMP, and the switch makes the
# sender of a too-big frame learn it in turn.
#
#   vma 172.16.10.11 fd10::11                   vmb 172.16.10.12 fd10::12
#    | eth0 (1450 / 1430)                        | eth0 (1350 / 1330, then
#    |                                           |      1450 / 1430)
#    | vnet0                                     | vnet0
#   +-------------------------------+   +-------------------------------+
#   | hv1  lsw5001 172.16.10.1      |   | hv2  lsw5001                  |
#   |               fd10::1         |   |                               |
#   |  ul0 192.168.251.51 MTU 1500  |   |  ul0 192.168.252.52 MTU 1400  |
#   |      fd00:251::51             |   |      fd00:252::52             |
#   +----|--------------------------+   +---------------------------|---+
#        |            +------------------------------+              |
#        +-- ul1 1500 | rt: .251.1 fd00:251::1       | ul2 1400 ----+
#                     |     .252.1 fd00:252::1       |
#                     +------------------------------+
#
# Encapsulation costs 50 bytes over IPv4 and 70 over IPv6 (Geneve without
# options as VXLAN), so the path fits inner packets of 1350 or 1330 bytes;
# hv1's switch, sized for its own 1500-byte link, takes 1450 or 1430.
#
# - The host's own traffic through its port on the switch (172.16.10.1,
#   fd10::1): the first too-big packet gets the router's "fragmentation
#   needed" or "packet too big" back, which sets hv1's route to hv2's
#   VTEP to 1400; the next one lowers hv1's route to vmb to 1350 (1330),
#   so that the host fragments or sends smaller TCP segments.
# - A VM's traffic with DF (and all IPv6): dropped, counted as drop_mtu,
#   and answered with an ICMP "fragmentation needed" or ICMPv6 "packet
#   too big" carrying the path's MTU less the overhead, from which the VM
#   learns the PMTU; its TCP adapts even with its route cache flushed.
# - With "df unset" over IPv4, a VM's packet without DF leaves in outer
#   fragments instead.
#
# The outer IPv4 header has DF set ("df set", as pmtu.sh sets it for
# vxlan4 and geneve4): a router may not fragment the outer packet, and
# tells the hypervisor the path's MTU instead.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lsw_topo.sh"

TESTS=(
	vxlan4
	vxlan6
	geneve4
	geneve6
)

# route_mtu NS DST: the MTU of the route to DST (its PMTU exception),
# empty without one.
route_mtu()
{
	ip -n "$1" route get "$2" |
		awk '{ for (i = 1; i < NF; i++) if ($i == "mtu") print $(i + 1) == "lock" ? $(i + 2) : $(i + 1) }'
}

# pmtu ENCAP 4|6: the cases above, for one encapsulation and underlay.
pmtu()
{
	local encap=$1 fam=$2 l1 l2 ovh want big s4 s6 port df=()
	local -A b a b2 a2

	hv_routed
	ipb "$RT" <<< "link set ul2 mtu 1400"
	ipb "$HV2" <<< "link set ul0 mtu 1400"
	# rt sends hv2 segments, not the GSO frames a veth passes whole:
	# what arrives at hv2 is what a real link would carry.
	run nsx "$RT" ethtool -K ul2 tso off gso off tx-udp_tnl-segmentation off
	if [[ $fam == 6 ]]; then
		l1=$RT6_1 l2=$RT6_2 ovh=70
	else
		l1=$RT4_1 l2=$RT4_2 ovh=50 df=(df set)
	fi
	[[ $encap == geneve ]] && port=6081 || port=4789
	want=$((1400 - ovh))
	# The biggest packets hv1's switch takes: ping sizes for IPv4, IPv6.
	big=$((1500 - ovh)) s4=$((1500 - ovh - 28)) s6=$((1500 - ovh - 48))
	sw "$HV1" lsw5001 5001 "$l1" encap "$encap" "${df[@]}"
	sw "$HV2" lsw5001 5001 "$l2" encap "$encap" "${df[@]}"
	run "$LSW" -n "$HV1" vtep add "$l2" dev lsw5001
	run "$LSW" -n "$HV2" vtep add "$l1" dev lsw5001
	lswj "$HV1" link show lsw5001
	[[ $(jq -r '.[0].mtu' <<< "$OUT") == "$big" ]] || fail "hv1's switch MTU"
	VM_MTU=$big vm VMA "$HV1" lsw5001 vnet0 "$VMA_IP" "$VMA_MAC"
	VM_MTU=$want vm VMB "$HV2" lsw5001 vnet0 "$VMB_IP" "$VMB_MAC"
	ipb "$HV1" <<-EOF
	addr add 172.16.10.1/24 dev lsw5001
	addr add fd10::1/64 dev lsw5001 nodad
	EOF
	run ip -n "$VMA" addr add fd10::11/64 dev eth0 nodad
	run ip -n "$VMB" addr add fd10::12/64 dev eth0 nodad
	ping_ok "$HV1" "$VMB_IP"
	ping_ok "$VMA" "$VMB_IP"
	[[ -z $(route_mtu "$HV1" "$l2") ]] || fail "a PMTU exception before any big packet"

	# The host: packets of the switch's MTU to vmb.  The first two are
	# lost (the router's answer, then the switch's), then it fragments.
	snap b "$HV1" lsw5001
	run nsx "$HV1" ping -c 3 -i 0.5 -W 2 -M want -s "$s4" "$VMB_IP" || true
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	log "hv1 -> vtep $l2: mtu $(route_mtu "$HV1" "$l2"); -> vmb: mtu $(route_mtu "$HV1" "$VMB_IP")"
	[[ $(route_mtu "$HV1" "$l2") == 1400 ]] ||
		fail "the router's ICMP did not set the underlay PMTU to 1400"
	[[ $(route_mtu "$HV1" "$VMB_IP") == "$want" ]] ||
		fail "hv1's route to vmb does not have the PMTU $want"
	(($(grew b a drop_mtu) >= 1)) || fail "drop_mtu did not grow"
	ping_ok "$HV1" "$VMB_IP" -M want -s "$s4"
	run nsx "$HV1" ping -6 -c 2 -i 0.5 -W 2 -M want -s "$s6" fd10::12 || true
	[[ $(route_mtu "$HV1" fd10::12) == "$want" ]] ||
		fail "hv1's IPv6 route to vmb does not have the PMTU $want"
	ping_ok "$HV1" fd10::12 -6 -M want -s "$s6"
	# TCP from the host: segments that fit the path, none fragmented.
	cap_start ul "$HV2" ul0
	tcp_transfer "$HV1" "$VMB" "$VMB_IP" 524288
	cap_sync ul "$HV2" ul0
	cap_stop ul
	[[ $(cap_count ul frag=1) == 0 ]] || fail "fragments on the underlay"
	# tcpdump misses packets when the emulated host is busy (once all
	# but 21 of some 400): no exact count.  What it caught of the
	# stream must be full-size segments, none bigger.
	local full
	full=$(cap_count ul saddr=$l1 dport=$port ilen=$want)
	log "$full full-size segments of the stream captured"
	((full >= 10)) || fail "the stream is not on the wire in full-size segments"
	[[ -z $(cap_field ul ilen saddr=$l1 dport=$port | tr ' ' '\n' | awk -v m="$want" '$1 > m') ]] ||
		fail "inner packets over $want bytes"

	# A VM: its DF packet too big for the path is answered.
	snap b "$HV1" lsw5001
	cap_start vma "$VMA" eth0
	fails nsx "$VMA" ping -c 1 -W 2 -M do -s "$s4" "$VMB_IP"
	fails nsx "$VMA" ping -6 -c 1 -W 2 -M do -s "$s6" fd10::12
	cap_sync vma "$VMA" eth0
	cap_stop vma
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	[[ $(cap_count vma saddr=$VMB_IP daddr=$VMA_IP icmp=3 icode=4 icmpmtu=$want) == 1 ]] ||
		fail "no ICMP fragmentation needed, MTU $want, to vma"
	[[ $(cap_count vma saddr=fd10::12 daddr=fd10::11 icmp=2 icmpmtu=$want) == 1 ]] ||
		fail "no ICMPv6 packet too big, MTU $want, to vma"
	[[ $(grew b a drop_mtu) == 2 ]] || fail "drop_mtu not +2"
	# (Neighbour discovery crosses meanwhile: no exact tx_packets.)
	(($(grew b a tx_bytes) < big)) || fail "a too-big packet was sent"
	[[ $(route_mtu "$VMA" "$VMB_IP") == "$want" ]] || fail "vma did not learn the PMTU"
	[[ $(route_mtu "$VMA" fd10::12) == "$want" ]] || fail "vma did not learn the IPv6 PMTU"
	# TCP from a VM that forgot, to a peer whose MSS does not hold it
	# back: GSO frames too big, answered, adapted.
	run ip -n "$VMB" link set eth0 mtu "$big"
	run ip -n "$VMA" route flush cache
	run ip -n "$VMA" -6 route flush cache
	[[ -z $(route_mtu "$VMA" "$VMB_IP") ]] || fail "vma's PMTU not flushed"
	snap b "$HV1" lsw5001
	tcp_transfer "$VMA" "$VMB" "$VMB_IP" 262144
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	(($(grew b a drop_mtu) >= 1)) || fail "TCP was not told the PMTU"
	[[ $(route_mtu "$VMA" "$VMB_IP") == "$want" ]] || fail "vma's TCP did not learn the PMTU"

	[[ $fam == 4 ]] || return 0
	# Outer DF clear: a VM's packet without DF is fragmented outside
	# (vma forgets the PMTU again, or it would fragment the packet).
	# hv2's switch takes vmb's replies of that size too (a frame over
	# the switch's own MTU is dropped, as a bridge drops it).
	run "$LSW" -n "$HV1" link set lsw5001 df unset
	run "$LSW" -n "$HV2" link set lsw5001 df unset
	run ip -n "$HV2" link set lsw5001 mtu "$big"
	run ip -n "$VMA" route flush cache
	ping_wire -M dont -s "$s4"
	[[ $(cap_count ul saddr=$l1 dport=$port df=0 frag=1 iicmp=8) == 3 ]] ||
		fail "not 3 requests in outer fragments"
	[[ $(cap_count ul saddr=$l1 df=0 frag=1) == 6 ]] ||
		fail "not 2 fragments per request"
	[[ $(cap_count ul saddr=$l2 dport=$port df=0 frag=1 iicmp=0) == 3 ]] ||
		fail "not 3 replies in outer fragments"
	[[ $(grew b a drop_mtu) == 0 && $(grew b2 a2 drop_mtu) == 0 ]] ||
		fail "drop_mtu grew"
}

test_vxlan4()
{
	pmtu vxlan 4
}

test_vxlan6()
{
	pmtu vxlan 6
}

test_geneve4()
{
	pmtu geneve 4
}

test_geneve6()
{
	pmtu geneve 6
}

topo_run_tests ip jq python3 tcpdump ping ss ethtool
