#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Geneve (RFC 8926) switches, with real packets: the header on the wire
# and as tshark decodes it, options skipped or dropped as the RFC says,
# OAM packets kept from the VMs, what the VXLAN datapath does done the
# same over Geneve (learning, BUM replication, strict VTEP, ARP
# suppression, an IPv6 underlay), VXLAN and Geneve switches side by side
# on one host, and GRO on the tunnel sockets of both.
#
# The topology of lsw_dp.sh, with "encap geneve" switches:
#
#   vma 172.16.10.11  00:50:56:00:00:0a       vmb 172.16.10.12  :0b
#   (vmc .13 :0c, vnet1)      |                    |   (vmd .14 :0d, vnet1)
#                             | vnet0              | vnet0
#   +-------------------------+----+   +-----------+------------------+
#   | hv1  lsw5001 VNI 5001 geneve |   | hv2  lsw5001 VNI 5001 geneve |
#   |      (gnv5001: coexist)      |   |      (gnv5001: coexist)      |
#   |   192.168.250.51             |   |   192.168.250.52             |
#   |   fd00:250::51        ul0 ---+---+--- ul0   fd00:250::52        |
#   +------------------------------+   +------------------------------+
#
# Crafted Geneve packets (lsw_pkt.py geneve) come from hv2's underlay
# address to hv1; a well-formed one sent last tells when the others have
# been handled.  Every dropped packet must be counted once, under its
# reason (drop_crit_opt, drop_oam, drop_malformed, drop_runt), and
# nothing may be learned from it.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lsw_topo.sh"

GENEVE_PORT=6081

TESTS=(
	wire_format
	ipv6_underlay
	options_skipped
	bad_headers
	bum_strict_vtep
	arp_suppression
	coexist_vxlan
	gro_geneve
	gro_vxlan
)

# gn ARGS...: a crafted Geneve packet from hv2 (.52) to hv1 (.51).
gn()
{
	pkt "$HV2" geneve "$UL4_2" "$UL4_1" "$@"
}

# The header lsw sends: version 0, no options, neither O nor C, the
# reserved fields zero, Ethernet inside.
GN_HDR="dport=$GENEVE_PORT gnver=0 gnoptlen=0 gno=0 gnc=0 gnrsvd=0 gnproto=0x6558 gnrsvd2=0"

test_wire_format()
{
	local -A b a b2 a2

	topo 4 encap geneve
	lswj "$HV1" link show lsw5001
	[[ $(jq -r '.[0].encap' <<< "$OUT") == geneve ]] || fail "encap is not geneve"
	[[ $(jq -r '.[0].dstport' <<< "$OUT") == "$GENEVE_PORT" ]] || fail "port is not $GENEVE_PORT"
	[[ $(jq -r '.[0].mtu' <<< "$OUT") == 1450 ]] || fail "MTU over IPv4 is not 1450"
	ping_wire
	# Three requests from .51, three replies from .52, each once, in
	# the header lsw sends; nothing on the VXLAN port.
	[[ $(cap_count ul saddr=$UL4_1 daddr=$UL4_2 $GN_HDR vni=5001 \
	     isrc=$VMA_MAC idst=$VMB_MAC iicmp=8) == 3 ]] ||
		fail "not 3 Geneve echo requests"
	[[ $(cap_count ul saddr=$UL4_2 daddr=$UL4_1 $GN_HDR vni=5001 \
	     isrc=$VMB_MAC idst=$VMA_MAC iicmp=0) == 3 ]] ||
		fail "not 3 Geneve echo replies"
	[[ $(cap_count ul dport=4789) == 0 ]] || fail "VXLAN on the wire"
	mac_is "$HV1" lsw5001 "$VMB_MAC" vtep "$UL4_2" || fail "vmb not learned behind $UL4_2"
	mac_is "$HV2" lsw5001 "$VMA_MAC" vtep "$UL4_1" || fail "vma not learned behind $UL4_1"

	# tshark's Geneve dissector on the same packets (one run): version,
	# O and C bits, protocol type, VNI, options, the inner stack, and
	# no _ws.malformed.
	run tshark -n -r "$T/ul.pcap" -d udp.port==$GENEVE_PORT,geneve \
		-T fields -E occurrence=f -e ip.src -e udp.dstport \
		-e geneve.version -e geneve.flags.oam -e geneve.flags.critical \
		-e geneve.proto_type -e geneve.vni -e geneve.options \
		-e frame.protocols
	OUT=$(grep -v '^Running as user' <<< "$OUT")
	[[ $OUT != *_ws.malformed* ]] || fail "malformed packets"
	[[ $(awk -F'\t' -v l="$UL4_1" '$1 == l && $2 == 6081 && $9 ~ /:ip:icmp/' <<< "$OUT" | wc -l) == 3 ]] ||
		fail "not 3 ICMP packets from lsw decoded"
	# Every Geneve packet (the pings, the ARP exchange before them).
	[[ -z $(awk -F'\t' -v vni="$(printf '0x%06x' 5001)" \
	      '$2 == 6081 && ($3 != 0 || $4 != 0 || $5 != 0 || $6 != "0x6558" ||
	       $7 != vni || $8 != "" || $9 !~ /:udp:geneve:eth:ethertype:(ip:icmp:data|arp)$/)' <<< "$OUT") ]] ||
		fail "tshark does not decode lsw's Geneve as expected"

	# TCP, 1 MiB: GSO frames through the Geneve tunnel.
	tcp_transfer "$VMA" "$VMB" "$VMB_IP" 1048576
	snap a "$HV1" lsw5001
	(($(grew b a tx_packets) >= 3 && $(grew b a rx_packets) >= 3)) ||
		fail "hv1 did not count the traffic"
	[[ $(drops a) == 0 ]] || fail "drops in a clean run"
}

test_ipv6_underlay()
{
	local sent
	local -A b a b2 a2

	topo 6 encap geneve
	# Checksums computed before the capture sees them (no offload to
	# the veth), for tshark to verify.
	run nsx "$HV1" ethtool -K ul0 tx off
	lswj "$HV1" link show lsw5001
	[[ $(jq -r '.[0].mtu' <<< "$OUT") == 1430 ]] || fail "MTU over IPv6 is not 1430"
	ping_wire
	[[ $(cap_count ul type=0x86dd saddr=$UL6_1 daddr=$UL6_2 $GN_HDR vni=5001 \
	     isrc=$VMA_MAC idst=$VMB_MAC iicmp=8) == 3 ]] || fail "not 3 requests over IPv6"
	[[ $(cap_count ul type=0x86dd saddr=$UL6_2 daddr=$UL6_1 $GN_HDR vni=5001 \
	     isrc=$VMB_MAC iicmp=0) == 3 ]] || fail "not 3 replies over IPv6"
	[[ $(cap_count ul type=0x0800 dport=$GENEVE_PORT) == 0 ]] || fail "Geneve over IPv4"
	# Over IPv6 the outer UDP checksum is mandatory (no udp6zerocsumtx):
	# tshark verifies each of lsw's packets, the ARP request and the 3
	# echoes at least (and the ARP probes of the VMs' neighbour
	# entries, when the test has run long enough for them).
	sent=$(cap_count ul type=0x86dd saddr=$UL6_1 dport=$GENEVE_PORT)
	((sent >= 4)) || fail "only $sent packets from lsw over IPv6"
	run tshark -n -r "$T/ul.pcap" -o udp.check_checksum:TRUE \
		-Y "ipv6.src == $UL6_1 && udp.dstport == $GENEVE_PORT" \
		-T fields -e udp.checksum.status
	OUT=$(grep -v '^Running as user' <<< "$OUT")
	[[ $(awk '$1 == 1 { good++ } $1 != 1 { bad++ } END { print good + 0, bad + 0 }' <<< "$OUT") == "$sent 0" ]] ||
		fail "outer UDP checksums not all good"
	mac_is "$HV1" lsw5001 "$VMB_MAC" vtep "$UL6_2" || fail "vmb not learned behind $UL6_2"
	mac_is "$HV2" lsw5001 "$VMA_MAC" vtep "$UL6_1" || fail "vma not learned behind $UL6_1"
	tcp_transfer "$VMA" "$VMB" "$VMB_IP" 1048576
	snap a "$HV1" lsw5001
	[[ $(drops a) == 0 ]] || fail "drops"
}

test_options_skipped()
{
	local -A b a
	local m

	topo 4 encap geneve
	snap b "$HV1" lsw5001
	cap_start vma "$VMA" eth0
	# Non-critical options (RFC 8926 3.5: skipped by a receiver that
	# does not know them): the inner frame is where Opt Len says, after
	# one empty option, two of different sizes, the most the 6-bit Opt
	# Len allows (63 words).  Then the reserved fields all set, in the
	# header and in an option: ignored on receipt (3.4, 3.5).
	gn --opt 0x0102:0x01:0 --inner-src 00:50:56:00:00:71 --mark opt-empty
	gn --opt 0x0102:0x01:1,0xffff:0x7f:4 --inner-src 00:50:56:00:00:72 --mark opt-two
	gn --opt 0x0103:0x02:31,0x0103:0x03:30 --inner-src 00:50:56:00:00:73 --mark opt-max
	gn --rsvd 3f --rsvd2 ff --opt 0x0102:0x01:1:7 \
		--inner-src 00:50:56:00:00:74 --mark rsvd
	for m in opt-empty opt-two opt-max rsvd; do
		wait_for cap_has vma 1 mark=$m || fail "$m did not reach vma"
	done
	cap_sync vma "$VMA" eth0
	cap_stop vma
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	for m in opt-empty opt-two opt-max rsvd; do
		[[ $(cap_count vma mark=$m type=0x88b5) == 1 ]] || fail "$m not delivered once"
	done
	[[ $(cap_field vma src type=0x88b5 dst=$BCAST) == \
	   "00:50:56:00:00:71 00:50:56:00:00:72 00:50:56:00:00:73 00:50:56:00:00:74" ]] ||
		fail "inner frames not intact"
	for m in 71 72 73 74; do
		mac_is "$HV1" lsw5001 00:50:56:00:00:$m vtep "$UL4_2" ||
			fail "00:50:56:00:00:$m not learned behind $UL4_2"
	done
	[[ $(grew b a rx_packets) == 4 ]] || fail "rx_packets not +4"
	[[ $(drops a) == 0 ]] || fail "options made drops"
}

test_bad_headers()
{
	local -A b a
	local d0 d1

	topo 4 encap geneve
	snap b "$HV1" lsw5001
	d0=$(udp_drops "$HV1" $GENEVE_PORT)
	cap_start vma "$VMA" eth0
	# A critical option lsw does not know, with the C bit (3.4); one
	# behind a non-critical option with the C bit left clear: the
	# option's own bit decides (3.5.1).
	gn --opt 0x0102:0x81:1 --inner-src 00:50:56:00:00:61 --mark bad-crit
	gn --opt 0x0102:0x01:1,0x0102:0x80:0 --crit 0 \
		--inner-src 00:50:56:00:00:62 --mark bad-crit-noc
	# OAM: for the tunnel endpoint, never a VM's.
	gn --oam --inner-src 00:50:56:00:00:63 --mark bad-oam
	# Version 1; not Ethernet inside; an option running past Opt Len;
	# Opt Len past the end of the packet.
	gn --ver 1 --inner-src 00:50:56:00:00:64 --mark bad-ver
	gn --proto 0800 --inner-src 00:50:56:00:00:65 --mark bad-proto
	gn --opt 0x0102:0x01:3 --optlen 2 --inner-src 00:50:56:00:00:66 --mark bad-overrun
	gn --optlen 20 --truncate 40 --inner-src 00:50:56:00:00:67 --mark bad-short
	# A good header, an inner frame shorter than an Ethernet header.
	gn --runt --inner-src 00:50:56:00:00:68
	# No whole header, no VNI; a VNI nobody has: the socket's drops.
	gn --truncate 7 --mark bad-trunc
	gn --vni 5099 --inner-src 00:50:56:00:00:69 --mark bad-vni
	gn --inner-src 00:50:56:00:00:6a --mark good
	wait_for cap_has vma 1 mark=good || fail "the good packet did not arrive"
	cap_stop vma
	snap a "$HV1" lsw5001
	d1=$(udp_drops "$HV1" $GENEVE_PORT)
	show_growth hv1 b a
	log "UDP socket drops: $d0 -> $d1"
	[[ $(grep -c 'mark=bad' "$T/vma.txt") == 0 ]] || fail "a bad packet reached vma"
	[[ $(grep -c 'src=00:50:56:00:00:68' "$T/vma.txt") == 0 ]] || fail "the runt reached vma"
	[[ $(cap_count vma mark=good) == 1 ]] || fail "the good packet not delivered once"
	[[ $(grew b a drop_crit_opt) == 2 ]] ||
		fail "drop_crit_opt +$(grew b a drop_crit_opt), not +2"
	[[ $(grew b a drop_oam) == 1 ]] || fail "drop_oam +$(grew b a drop_oam), not +1"
	[[ $(grew b a drop_malformed) == 4 ]] ||
		fail "drop_malformed +$(grew b a drop_malformed), not +4"
	[[ $(grew b a drop_runt) == 1 ]] || fail "drop_runt not +1"
	[[ $(grew b a rx_packets) == 1 ]] || fail "rx_packets not +1"
	[[ $(drops a) == 8 ]] || fail "other drops counted"
	((d1 - d0 == 2)) || fail "UDP socket drops +$((d1 - d0)), not +2"
	lswj "$HV1" mac show dev lsw5001
	[[ $(count '.mac >= "00:50:56:00:00:61" and .mac <= "00:50:56:00:00:69"') == 0 ]] ||
		fail "learned from a dropped packet"
	[[ $(count '.mac == "00:50:56:00:00:6a"') == 1 ]] || fail "the good packet's MAC not learned"
}

test_bum_strict_vtep()
{
	local -A b a
	local i want="192.168.250.52 192.168.250.53 192.168.250.54"

	NO_VTEP=1 topo 4 encap geneve
	ipb "$HV2" <<-EOF
	addr add 192.168.250.53/24 dev ul0
	addr add 192.168.250.54/24 dev ul0
	addr add 192.168.250.99/24 dev ul0
	EOF
	for i in $want; do
		echo "neigh replace $i lladdr $UL_MAC2 dev ul0 nud permanent"
	done | ipb "$HV1"
	printf 'vtep add %s dev lsw5001\n' $want | lswb "$HV1"
	snap b "$HV1" lsw5001
	cap_start ul "$HV1" ul0
	pkt "$VMA" frame eth0 --dst "$BCAST" --mark bum
	wait_for cap_has ul 3 imark=bum || log "fewer than 3 copies"
	cap_sync ul "$HV1" ul0
	cap_stop ul
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	[[ $(cap_count ul imark=bum) == 3 ]] || fail "$(cap_count ul imark=bum) copies to 3 VTEPs"
	[[ $(cap_field ul daddr saddr=$UL4_1 $GN_HDR vni=5001 idst=$BCAST \
	     isrc=$VMA_MAC imark=bum) == "$want" ]] ||
		fail "copies went to: $(cap_field ul daddr imark=bum)"
	[[ $(grew b a bum_copies) == 3 ]] || fail "bum_copies not +3"

	# Strict VTEP ingress: .99 is not in the table, .52 is.
	run "$LSW" -n "$HV1" link set lsw5001 strict-vtep on
	snap b "$HV1" lsw5001
	cap_start vma "$VMA" eth0
	pkt "$HV2" geneve 192.168.250.99 "$UL4_1" \
		--inner-src 00:50:56:00:00:66 --mark spoofed
	gn --inner-src 00:50:56:00:00:67 --mark legit
	wait_for cap_has vma 1 mark=legit || fail "the frame from .52 did not arrive"
	cap_stop vma
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	[[ $(cap_count vma mark=spoofed) == 0 ]] || fail "the spoofed frame reached vma"
	[[ $(grew b a drop_strict_vtep) == 1 ]] || fail "drop_strict_vtep not +1"
	[[ -z $(mac_entry "$HV1" lsw5001 00:50:56:00:00:66) ]] ||
		fail "learned from a rejected VTEP"
	mac_is "$HV1" lsw5001 00:50:56:00:00:67 vtep "$UL4_2" || fail "not learned from .52"
}

test_arp_suppression()
{
	local -A b a b2 a2

	topo 4 encap geneve
	run "$LSW" -n "$HV1" arp add "$VMB_IP" dev lsw5001 mac "$VMB_MAC"
	ping_wire
	# hv1 answered vma's request itself: vma has vmb's MAC, and vma's
	# request never crossed the underlay.
	run nsx "$VMA" ip neigh show "$VMB_IP" dev eth0
	[[ $OUT == *"lladdr $VMB_MAC "* ]] || fail "vma did not resolve vmb"
	(($(grew b a arp_suppressed) >= 1)) || fail "arp_suppressed did not grow"
	[[ $(cap_count ul iarp=1 iarp_sip=$VMA_IP) == 0 ]] ||
		fail "vma's ARP request crossed the underlay"
	[[ $(cap_count ul saddr=$UL4_1 $GN_HDR isrc=$VMA_MAC iicmp=8) == 3 ]] ||
		fail "not 3 requests over Geneve"
	# ... and learned vma's address from it.
	lswj "$HV1" arp show dev lsw5001
	[[ $(count ".ip == \"$VMA_IP\" and .mac == \"$VMA_MAC\" and .flags == [\"learned\"]") == 1 ]] ||
		fail "vma's address not learned"
}

test_coexist_vxlan()
{
	local hv

	hv_pair
	# One VNI, two encapsulations, each switch on its own UDP port.
	sw "$HV1" lsw5001 5001 "$UL4_1"
	sw "$HV1" gnv5001 5001 "$UL4_1" encap geneve
	sw "$HV2" lsw5001 5001 "$UL4_2"
	sw "$HV2" gnv5001 5001 "$UL4_2" encap geneve
	lswb "$HV1" <<-EOF
	vtep add $UL4_2 dev lsw5001
	vtep add $UL4_2 dev gnv5001
	EOF
	lswb "$HV2" <<-EOF
	vtep add $UL4_1 dev lsw5001
	vtep add $UL4_1 dev gnv5001
	EOF
	vm VMA "$HV1" lsw5001 vnet0 "$VMA_IP" "$VMA_MAC"
	vm VMB "$HV2" lsw5001 vnet0 "$VMB_IP" "$VMB_MAC"
	vm VMC "$HV1" gnv5001 vnet1 "$VMC_IP" "$VMC_MAC"
	vm VMD "$HV2" gnv5001 vnet1 "$VMD_IP" "$VMD_MAC"
	run nsx "$HV1" ss -Hlun
	[[ $OUT == *":4789 "* && $OUT == *":6081 "* ]] ||
		fail "not one socket on 4789 and one on 6081"
	cap_start ul "$HV1" ul0
	ping_ok "$VMA" "$VMB_IP"
	ping_ok "$VMC" "$VMD_IP"
	ping_fails "$VMC" "$VMB_IP"
	cap_sync ul "$HV1" ul0
	cap_stop ul
	[[ $(cap_count ul dport=4789 vxflags=0x08000000 vni=5001 isrc=$VMA_MAC iicmp=8) == 3 ]] ||
		fail "vma's requests not over VXLAN"
	[[ $(cap_count ul $GN_HDR vni=5001 isrc=$VMC_MAC iicmp=8) == 3 ]] ||
		fail "vmc's requests not over Geneve"
	[[ $(cap_count ul dport=$GENEVE_PORT isrc=$VMA_MAC) == 0 &&
	   $(cap_count ul dport=$GENEVE_PORT isrc=$VMB_MAC) == 0 ]] ||
		fail "the VXLAN switch's frames over Geneve"
	[[ $(cap_count ul dport=4789 isrc=$VMC_MAC) == 0 &&
	   $(cap_count ul dport=4789 isrc=$VMD_MAC) == 0 ]] ||
		fail "the Geneve switch's frames over VXLAN"
	for hv in "$HV1" "$HV2"; do
		lswj "$hv" mac show dev lsw5001
		[[ $(count ".mac == \"$VMC_MAC\" or .mac == \"$VMD_MAC\"") == 0 ]] ||
			fail "Geneve MACs in the VXLAN switch"
		lswj "$hv" mac show dev gnv5001
		[[ $(count ".mac == \"$VMA_MAC\" or .mac == \"$VMB_MAC\"") == 0 ]] ||
			fail "VXLAN MACs in the Geneve switch"
	done
	mac_is "$HV1" gnv5001 "$VMD_MAC" vtep "$UL4_2" || fail "vmd not learned in gnv5001"
	# A port speaks one encapsulation.
	fails "$LSW" -n "$HV1" link add gnv6001 vni 6001 local "$UL4_1" dev ul0 \
		encap geneve dstport 4789
	[[ $OUT == *"UDP port is in use by VXLAN switches"* ]] ||
		fail "no reason given for Geneve on the VXLAN port"
	fails "$LSW" -n "$HV1" link add lsw6001 vni 6001 local "$UL4_1" dev ul0 \
		dstport $GENEVE_PORT
	[[ $OUT == *"UDP port is in use by Geneve switches"* ]] ||
		fail "no reason given for VXLAN on the Geneve port"
}

# gro ENCAP PORT: a TCP stream from vma to vmb crosses the underlay cut
# into segments (hv1's ul0 does no segmentation offload) and arrives at
# hv2's ul0, which runs GRO (NAPI mode): the tunnel socket merges the
# segments, so the switch decapsulates and forwards large frames, and
# counts one per merged packet.
gro()
{
	local encap=$1 port=$2 segs big max frames
	local -A b a

	topo 4 encap "$encap"
	static_neigh
	run nsx "$HV2" ethtool -k lsw5001
	# What the switch offers: checksum offload, scatter-gather, TSO and
	# GSO (settable: not [fixed]) and GRO; no tunnel GSO types.
	[[ $OUT == *$'\ntx-checksumming: on\n'* &&
	   $OUT == *$'\nscatter-gather: on\n'* &&
	   $OUT == *$'\ntcp-segmentation-offload: on\n'* &&
	   $OUT == *$'\ngeneric-segmentation-offload: on\n'* &&
	   $OUT == *$'\ngeneric-receive-offload: on\n'* &&
	   $OUT == *$'\ntx-udp_tnl-segmentation: off [fixed]\n'* ]] ||
		fail "offloads not as expected"
	gro_transfer
	# What hv1 sent, counted by its interface: a busy host's tcpdump
	# may miss packets.  (A few are the underlay's own, and the marker.)
	segs=$(($(ul_tx_packets) - GRO_TX0))
	max=$(cap_field tx len saddr=$UL4_1 dport=$port | tr ' ' '\n' | sort -n | tail -n1)
	big=$(cap_field rx len saddr=$UL4_1 dport=$port | tr ' ' '\n' | awk '$1 > 1500' | wc -l)
	frames=$(grew b a rx_packets)
	log "$segs packets of at most $max bytes on the wire; $big merged" \
		"packets over 1500 bytes; the switch received $frames frames"
	((segs > 700 && max <= 1500)) || fail "the stream was not segmented on the wire"
	((big > 0)) || fail "no merged packet: no GRO on the tunnel socket"
	((frames < segs / 2)) || fail "the switch got $frames frames for $segs segments"
	[[ $(drops a) == 0 ]] || fail "drops"
}

test_gro_geneve()
{
	gro geneve $GENEVE_PORT
}

test_gro_vxlan()
{
	gro vxlan 4789
}

topo_run_tests ip jq python3 tcpdump tshark ping ss ethtool
