#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Switches with OVN metadata ("metadata ovn"): OVN's Geneve option on the
# wire (class 0x0102, type 0x80, ingress and egress port keys) as lsw
# sends it and as tshark decodes it, delivery by egress key on receipt,
# and every packet that breaks OVN's rules dropped, counted under its
# reason and delivered nowhere.
#
#   vma 172.16.10.11 :0a  vmc .13 :0c              vmb 172.16.10.12 :0b
#   lp-a key 1            lp-c key 3               lp-b key 2
#        | vnet0               | vnet1                  | vnet0
#   +----+---------------------+------+   +-------------+----------------+
#   | hv1  lsw5001 VNI 5001 geneve    |   | hv2  lsw5001 VNI 5001 geneve |
#   |      metadata ovn, host key 10  |   |      metadata ovn, host key 20|
#   |   192.168.250.51       ul0 -----+---+----- ul0   192.168.250.52     |
#   +---------------------------------+   +------------------------------+
#
# Each switch knows the other's VMs as remote MAC entries with their
# keys, as lsw-ovn programs them from OVN's Southbound database; learning
# is off, as lsw-ovn sets it (learn_key turns it on).  Crafted Geneve packets (lsw_pkt.py
# geneve --ovn) come from hv2's underlay address to hv1, and every port
# of hv1 (vma, vmc, the host's) is captured: each must get exactly what
# its key says, and nothing of what is dropped.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lsw_topo.sh"

GENEVE_PORT=6081

TESTS=(
	wire
	ipv6_underlay
	tcp_gso_gro
	rx_by_key
	rx_bad
	tx_no_key
	port_leaves
	without_metadata
	learn_key
)

# What lsw sends with OVN metadata: the Geneve header with the C bit and
# one option, OVN's, its reserved bit clear.
OVN_HDR="dport=$GENEVE_PORT gnver=0 gnoptlen=2 gno=0 gnc=1 gnproto=0x6558 gnopt=0x0102:0x80:1 ovnrsvd=0"

# ovn_topo 4|6: the topology above, over an IPv4 or IPv6 underlay.
ovn_topo()
{
	local fam=$1

	hv_pair
	if [[ $fam == 6 ]]; then
		L1=$UL6_1 L2=$UL6_2 VM_MTU=1422
	else
		L1=$UL4_1 L2=$UL4_2 VM_MTU=1442
	fi
	sw "$HV1" lsw5001 5001 "$L1" encap geneve metadata ovn learning off
	sw "$HV2" lsw5001 5001 "$L2" encap geneve metadata ovn learning off
	vm VMA "$HV1" lsw5001 vnet0 "$VMA_IP" "$VMA_MAC"
	vm VMC "$HV1" lsw5001 vnet1 "$VMC_IP" "$VMC_MAC"
	vm VMB "$HV2" lsw5001 vnet0 "$VMB_IP" "$VMB_MAC"
	lswb "$HV1" <<-EOF
	port set dev vnet0 key 1 name lp-a
	port set dev vnet1 key 3 name lp-c
	port set dev lsw5001 key 10
	vtep add $L2 dev lsw5001
	mac add $VMB_MAC dev lsw5001 vtep $L2 key 2
	EOF
	lswb "$HV2" <<-EOF
	port set dev vnet0 key 2 name lp-b
	port set dev lsw5001 key 20
	vtep add $L1 dev lsw5001
	mac add $VMA_MAC dev lsw5001 vtep $L1 key 1
	mac add $VMC_MAC dev lsw5001 vtep $L1 key 3
	EOF
}

# gn ARGS...: a crafted Geneve packet from hv2 (.52) to hv1 (.51).
gn()
{
	pkt "$HV2" geneve "$UL4_2" "$UL4_1" "$@"
}

# ports_start: capture every port of hv1: vma's, vmc's, the host's.
ports_start()
{
	cap_start vma "$VMA" eth0
	cap_start vmc "$VMC" eth0
	cap_start host "$HV1" lsw5001
}

# ports_stop MARK: a broadcast for every port (egress _MC_flood), sent
# last, has reached each capture, so everything before it has; then the
# captures stop.
ports_stop()
{
	local c

	gn --ovn 2:32768 --inner-dst "$BCAST" --mark "$1"
	for c in vma vmc host; do
		wait_for cap_has "$c" 1 mark="$1" || fail "$1 did not reach $c"
	done
	for c in vma vmc host; do
		cap_stop "$c"
	done
}

# marks CAPTURE: the marks of the 0x88b5 frames it holds, sorted.
marks()
{
	cap_field "$1" mark type=0x88b5
}

test_wire()
{
	local -A b a b2 a2
	local m c keys

	ovn_topo 4
	lswj "$HV1" link show lsw5001
	[[ $(jq -r '.[0].metadata' <<< "$OUT") == ovn ]] || fail "metadata is not ovn"
	[[ $(jq -r '.[0].encap' <<< "$OUT") == geneve ]] || fail "encap is not geneve"
	# 1500 less the Geneve overhead over IPv4 (50) and OVN's option (8).
	[[ $(jq -r '.[0].mtu' <<< "$OUT") == 1442 ]] || fail "MTU is not 1442"
	lswj "$HV1" port show dev lsw5001
	[[ $(jq -c 'sort_by(.ifname)' <<< "$OUT") == \
	   '[{"ifname":"lsw5001","master":"lsw5001","key":10},{"ifname":"vnet0","master":"lsw5001","key":1,"name":"lp-a"},{"ifname":"vnet1","master":"lsw5001","key":3,"name":"lp-c"}]' ]] ||
		fail "ports: $OUT"

	# ARP (broadcast: _MC_flood), then unicast both ways; then a
	# multicast frame, and a unicast one to a MAC nobody has.
	ping_wire
	cap_start bum "$HV1" ul0
	pkt "$VMA" frame eth0 --dst 01:00:5e:00:00:01 --mark mcast
	pkt "$VMA" frame eth0 --dst 00:50:56:00:00:99 --mark unknown
	wait_for cap_has bum 1 imark=unknown || fail "the unknown unicast frame did not leave"
	cap_sync bum "$HV1" ul0
	cap_stop bum

	# Unicast: vma's key in, vmb's out; vmb's in, vma's out.
	[[ $(cap_count ul saddr=$UL4_1 daddr=$UL4_2 $OVN_HDR vni=5001 ovnin=1 ovnout=2 \
	     isrc=$VMA_MAC idst=$VMB_MAC iicmp=8) == 3 ]] || fail "not 3 requests with keys 1 -> 2"
	[[ $(cap_count ul saddr=$UL4_2 daddr=$UL4_1 $OVN_HDR vni=5001 ovnin=2 ovnout=1 \
	     isrc=$VMB_MAC idst=$VMA_MAC iicmp=0) == 3 ]] || fail "not 3 replies with keys 2 -> 1"
	# Broadcast and multicast: _MC_flood; unknown unicast: _MC_unknown.
	(($(cap_count ul saddr=$UL4_1 $OVN_HDR ovnin=1 ovnout=32768 idst=$BCAST iarp=1) >= 1)) ||
		fail "vma's ARP request not sent to _MC_flood"
	[[ $(cap_count bum saddr=$UL4_1 $OVN_HDR ovnin=1 ovnout=32768 imark=mcast) == 1 ]] ||
		fail "the multicast frame not sent to _MC_flood"
	[[ $(cap_count bum saddr=$UL4_1 $OVN_HDR ovnin=1 ovnout=32769 imark=unknown) == 1 ]] ||
		fail "the unknown unicast frame not sent to _MC_unknown"
	# Nothing went without the option.
	for c in ul bum; do
		[[ $(cap_count $c dport=$GENEVE_PORT) == $(cap_count $c $OVN_HDR) ]] ||
			fail "Geneve packets without OVN's option ($c)"
	done

	# tshark's reading of the same packets: OVN's class, critical type
	# 0x80, and the keys in its data (ingress << 16 | egress), by the
	# outer source and the inner destination ($1 and $6 list the outer
	# address, then the inner one if it is of the same protocol); its
	# name for the class, on every one of them.  Both captures in one
	# file: each tshark run costs seconds in the VM.
	run mergecap -F pcap -w "$T/wire.pcap" "$T/ul.pcap" "$T/bum.pcap"
	run tshark -n -r "$T/wire.pcap" -d udp.port==$GENEVE_PORT,geneve \
		-Y "udp.dstport == $GENEVE_PORT" -T fields \
		-e ip.src -e geneve.flags.critical -e geneve.option.class \
		-e geneve.option.type -e geneve.option.unknown.data -e eth.dst \
		-e frame.protocols
	OUT=$(grep -v '^Running as user' <<< "$OUT")
	[[ $OUT != *_ws.malformed* ]] || fail "malformed packets"
	awk -F'\t' '
		$2 != 1 || $3 != "0x0102" || $4 != "0x80" { print "bad:" $0; next }
		{ split($1, s, ","); split($6, d, ","); print s[1], d[2], $5 }' <<< "$OUT" > "$T/keys"
	[[ $(tshark -n -r "$T/wire.pcap" -d udp.port==$GENEVE_PORT,geneve -V \
	     -Y "udp.dstport == $GENEVE_PORT" 2>/dev/null |
	     grep -c '^ *Class: Open Virtual Networking (OVN) (0x0102)$') == \
	   $(($(cap_count ul dport=$GENEVE_PORT) + $(cap_count bum dport=$GENEVE_PORT))) ]] ||
		fail "tshark does not name every option OVN's"
	keys=$(sort -u "$T/keys")
	log "tshark: $(tr '\n' ';' <<< "$keys")"
	[[ $keys != *bad:* ]] || fail "a packet without OVN's option, to tshark"
	for m in "$UL4_1 $VMB_MAC 00010002" "$UL4_2 $VMA_MAC 00020001" \
		 "$UL4_1 $BCAST 00018000" "$UL4_1 01:00:5e:00:00:01 00018000" \
		 "$UL4_1 00:50:56:00:00:99 00018001"; do
		grep -qx "$m" <<< "$keys" || fail "tshark does not see: $m"
	done

	snap a "$HV1" lsw5001
	snap a2 "$HV2" lsw5001
	[[ $(drops a) == 0 && $(drops a2) == 0 ]] || fail "drops in a clean run"
	(($(grew b a tx_packets) >= 5 && $(grew b2 a2 rx_packets) >= 5)) ||
		fail "the traffic was not counted"
}

test_ipv6_underlay()
{
	local -A b a

	ovn_topo 6
	lswj "$HV1" link show lsw5001
	[[ $(jq -r '.[0].mtu' <<< "$OUT") == 1422 ]] || fail "MTU over IPv6 is not 1422"
	snap b "$HV1" lsw5001
	cap_start ul "$HV1" ul0
	ping_ok "$VMA" "$VMB_IP"
	cap_sync ul "$HV1" ul0
	cap_stop ul
	snap a "$HV1" lsw5001
	[[ $(cap_count ul type=0x86dd saddr=$UL6_1 $OVN_HDR ovnin=1 ovnout=2 iicmp=8) == 3 ]] ||
		fail "not 3 requests over IPv6 with keys 1 -> 2"
	[[ $(cap_count ul type=0x86dd saddr=$UL6_2 $OVN_HDR ovnin=2 ovnout=1 iicmp=0) == 3 ]] ||
		fail "not 3 replies over IPv6 with keys 2 -> 1"
	[[ $(drops a) == 0 ]] || fail "drops"
}

# A TCP stream through the option: GSO puts it in every segment (hv1's
# ul0 segments in software), GRO merges the segments on hv2, whose
# switch forwards large frames.
test_tcp_gso_gro()
{
	local segs seen big with
	local -A b a

	ovn_topo 4
	static_neigh
	gro_transfer
	# What hv1 sent, counted by its interface; what the capture saw of
	# it (a busy host's tcpdump may miss some).
	segs=$(($(ul_tx_packets) - GRO_TX0))
	seen=$(cap_count tx saddr=$UL4_1 dport=$GENEVE_PORT)
	with=$(cap_count tx saddr=$UL4_1 $OVN_HDR ovnin=1 ovnout=2)
	big=$(cap_field rx len saddr=$UL4_1 $OVN_HDR ovnin=1 ovnout=2 |
		tr ' ' '\n' | awk '$1 > 1500' | wc -l)
	log "$segs packets from hv1, $seen seen, $with of them with keys 1 -> 2;" \
		"$big merged on hv2"
	((segs > 700)) || fail "the stream was not segmented on the wire"
	((with == seen)) || fail "segments without the option"
	((big > 0)) || fail "no merged packet: no GRO of OVN's packets"
	[[ $(drops a) == 0 ]] || fail "drops"
}

# Delivery by the egress key, whatever the destination MAC says.
test_rx_by_key()
{
	local -A b a

	ovn_topo 4
	run "$LSW" -n "$HV1" mac add "$VMC_MAC" dev lsw5001 port vnet1
	snap b "$HV1" lsw5001
	ports_start
	cap_start ul "$HV1" ul0
	gn --ovn 2:1 --inner-dst "$BCAST" --mark to-a
	gn --ovn 2:3 --inner-dst "$VMA_MAC" --mark to-c
	gn --ovn 2:10 --inner-dst "$VMA_MAC" --mark to-host
	# Multicast groups: switched as from the underlay (the MAC table,
	# vmc's entry here, or every local port).
	gn --ovn 2:32768 --inner-dst "$BCAST" --mark to-all
	gn --ovn 2:32769 --inner-dst 00:50:56:00:00:99 --mark to-unknown
	gn --ovn 2:32770 --inner-dst "$VMC_MAC" --mark to-group-c
	ports_stop end
	cap_sync ul "$HV1" ul0
	cap_stop ul
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	[[ $(marks vma) == "end to-a to-all to-unknown" ]] || fail "vma got: $(marks vma)"
	[[ $(marks vmc) == "end to-all to-c to-group-c to-unknown" ]] || fail "vmc got: $(marks vmc)"
	[[ $(marks host) == "end to-all to-host to-unknown" ]] || fail "the host got: $(marks host)"
	# Split horizon: nothing goes back to the underlay.
	[[ $(cap_count ul saddr=$UL4_1 dport=$GENEVE_PORT) == 0 ]] || fail "sent back to the underlay"
	[[ $(grew b a rx_packets) == 7 ]] || fail "rx_packets +$(grew b a rx_packets), not +7"
	[[ $(drops a) == 0 ]] || fail "drops"
}

# What breaks OVN's rules: dropped, each under its reason, delivered to
# no port.
test_rx_bad()
{
	local -A b a
	local c

	ovn_topo 4
	snap b "$HV1" lsw5001
	ports_start
	# No port has key 77; key 0 is no port.
	gn --ovn 2:77 --mark bad-key77
	gn --ovn 2:0 --mark bad-key0
	# No option, another (non-critical) option only, the option with
	# 2 words or none, its reserved bit set, twice, its word past the
	# end of the options (Opt Len: its header only).
	gn --mark bad-missing
	gn --opt 0x0103:0x01:1 --mark bad-other
	gn --opt 0x0102:0x80:2 --mark bad-len2
	gn --opt 0x0102:0x80:0 --mark bad-len0
	gn --ovn 0x80020001 --mark bad-rsvd
	gn --ovn 2:1 --opt 0x0102:0x80:1 --mark bad-twice
	gn --ovn 2:1 --optlen 1 --mark bad-overrun
	# Another critical option beside a good OVN option; and a critical
	# option of OVN's class that is not OVN's type.
	gn --ovn 2:1 --opt 0x0102:0x81:1 --mark bad-crit
	gn --ovn 2:1 --opt 0x0105:0x80:1 --mark bad-crit2
	ports_stop good
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	for c in vma vmc host; do
		[[ $(marks "$c") == good ]] || fail "$c got: $(marks "$c")"
	done
	[[ $(grew b a drop_unknown_key) == 2 ]] ||
		fail "drop_unknown_key +$(grew b a drop_unknown_key), not +2"
	[[ $(grew b a drop_ovn_opt) == 7 ]] ||
		fail "drop_ovn_opt +$(grew b a drop_ovn_opt), not +7"
	[[ $(grew b a drop_crit_opt) == 2 ]] ||
		fail "drop_crit_opt +$(grew b a drop_crit_opt), not +2"
	[[ $(drops a) == 11 ]] || fail "other drops counted"
	[[ $(grew b a rx_packets) == 1 ]] || fail "rx_packets not +1"
	# The device counts them as received and dropped.
	run ip -n "$HV1" -s -j link show lsw5001
	(($(jq '.[0].stats64.rx.dropped' <<< "$OUT") >= 11)) || fail "not counted as rx drops"
}

# A frame without both keys is not sent: from a port without a key, to a
# remote entry without one.  What stays local still goes.
test_tx_no_key()
{
	local -A b a

	ovn_topo 4
	static_neigh
	run "$LSW" -n "$HV1" port set dev vnet0 key 0
	snap b "$HV1" lsw5001
	cap_start ul "$HV1" ul0
	cap_start vmc "$VMC" eth0
	pkt "$VMA" frame eth0 --dst "$VMB_MAC" --mark nokey-uni
	pkt "$VMA" frame eth0 --dst "$BCAST" --mark nokey-bcast
	wait_for cap_has vmc 1 mark=nokey-bcast || fail "the broadcast did not reach vmc"
	run "$LSW" -n "$HV1" port set dev vnet0 key 1
	run "$LSW" -n "$HV1" mac replace "$VMB_MAC" dev lsw5001 vtep "$UL4_2"
	pkt "$VMA" frame eth0 --dst "$VMB_MAC" --mark nokey-entry
	# With both keys again, a frame goes.
	run "$LSW" -n "$HV1" mac replace "$VMB_MAC" dev lsw5001 vtep "$UL4_2" key 2
	pkt "$VMA" frame eth0 --dst "$VMB_MAC" --mark keyed
	wait_for cap_has ul 1 imark=keyed || fail "the keyed frame did not leave"
	cap_sync ul "$HV1" ul0
	cap_stop ul
	cap_stop vmc
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	[[ $(cap_count ul isrc=$VMA_MAC) == 1 ]] || fail "frames without keys on the wire"
	[[ $(cap_count ul $OVN_HDR ovnin=1 ovnout=2 imark=keyed) == 1 ]] ||
		fail "the keyed frame not sent with its keys"
	[[ $(marks vmc) == nokey-bcast ]] || fail "vmc got: $(marks vmc)"
	[[ $(grew b a drop_no_key) == 3 ]] ||
		fail "drop_no_key +$(grew b a drop_no_key), not +3"
	[[ $(drops a) == 3 ]] || fail "other drops counted"
	run ip -n "$HV1" -s -j link show lsw5001
	(($(jq '.[0].stats64.tx.dropped' <<< "$OUT") >= 3)) || fail "not counted as tx drops"
}

# A port's key goes with it: released, its key reaches no port; back, it
# has none until it is given one.
test_port_leaves()
{
	local -A b a

	ovn_topo 4
	run ip -n "$HV1" link set vnet1 nomaster
	lswj "$HV1" port show dev lsw5001
	[[ $(count '.ifname == "vnet1"') == 0 ]] || fail "vnet1 still listed: $OUT"
	snap b "$HV1" lsw5001
	cap_start vmc "$VMC" eth0
	gn --ovn 2:3 --mark gone
	run "$LSW" -n "$HV1" link set lsw5001 port add vnet1
	run ip -n "$HV1" link set vnet1 up
	lswj "$HV1" port show dev lsw5001
	[[ $(jq -c '.[] | select(.ifname == "vnet1")' <<< "$OUT") == '{"ifname":"vnet1","master":"lsw5001"}' ]] ||
		fail "vnet1 came back with an identity: $OUT"
	gn --ovn 2:3 --mark nokey
	# Key 3 is free: vma may take it, and gets vmc's frames.
	run "$LSW" -n "$HV1" port set dev vnet0 key 3
	run "$LSW" -n "$HV1" port set dev vnet1 key 1
	gn --ovn 2:3 --mark to-a
	gn --ovn 2:1 --mark to-c
	wait_for cap_has vmc 1 mark=to-c || fail "vmc's new key does not reach it"
	cap_stop vmc
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	[[ $(marks vmc) == to-c ]] || fail "vmc got: $(marks vmc)"
	[[ $(grew b a drop_unknown_key) == 2 ]] ||
		fail "drop_unknown_key +$(grew b a drop_unknown_key), not +2"
}

# A switch without metadata knows no option: OVN's is an unknown critical
# option to it, dropped.
test_without_metadata()
{
	local -A b a

	topo 4 encap geneve
	lswj "$HV1" link show lsw5001
	[[ $(jq -r '.[0].metadata' <<< "$OUT") == none ]] || fail "metadata is not none"
	[[ $(jq -r '.[0].mtu' <<< "$OUT") == 1450 ]] || fail "MTU is not 1450"
	snap b "$HV1" lsw5001
	cap_start vma "$VMA" eth0
	gn --ovn 2:1 --inner-dst "$VMA_MAC" --mark ovn
	gn --inner-dst "$VMA_MAC" --mark plain
	wait_for cap_has vma 1 mark=plain || fail "the plain packet did not arrive"
	cap_stop vma
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	[[ $(marks vma) == plain ]] || fail "vma got: $(marks vma)"
	[[ $(grew b a drop_crit_opt) == 1 ]] || fail "drop_crit_opt not +1"
	[[ $(drops a) == 1 ]] || fail "other drops counted"
}

# learn_d KEY: a frame from vmd (behind hv2) with ingress key KEY reaches
# vma; hv1 has learned vmd behind hv2 with key KEY, and vma's frame to
# vmd (marked to-dKEY) leaves through the capture "ul".
learn_d()
{
	local key=$1

	gn --ovn "$key:1" --inner-src "$VMD_MAC" --inner-dst "$VMA_MAC" --mark "from-d$key"
	wait_for cap_has vma 1 mark="from-d$key" ||
		fail "vmd's frame with key $key did not reach vma"
	lswj "$HV1" mac show dev lsw5001
	[[ $(count ".mac == \"$VMD_MAC\" and .vtep == \"$UL4_2\" and .key == $key and .flags == [\"learned\"] and .port == null") == 1 ]] ||
		fail "vmd not learned behind $UL4_2 with key $key"
	pkt "$VMA" frame eth0 --dst "$VMD_MAC" --mark "to-d$key"
	wait_for cap_has ul 1 imark="to-d$key" || fail "the frame to vmd (key $key) did not leave"
}

# Learning on an OVN switch: a remote MAC is learned with the ingress key
# of the frame that taught it, its remote logical port's, and unicast to
# it leaves with that key as its egress key.  The same MAC from the same
# VTEP with another key (OVN bound it to another port) moves the entry
# to the new key.  Ingress key 0 names no port: it teaches nothing.
test_learn_key()
{
	local -A b a
	local vme=00:50:56:00:00:0e

	ovn_topo 4
	run "$LSW" -n "$HV1" link set lsw5001 learning on
	snap b "$HV1" lsw5001
	cap_start vma "$VMA" eth0
	cap_start ul "$HV1" ul0
	learn_d 4
	# Its port bound again: key 5, from the same chassis.
	learn_d 5

	# Ingress key 0: delivered by its egress key, learned nowhere.
	gn --ovn 0:1 --inner-src "$VMD_MAC" --inner-dst "$VMA_MAC" --mark from-d0
	gn --ovn 0:1 --inner-src "$vme" --inner-dst "$VMA_MAC" --mark from-e0
	wait_for cap_has vma 1 mark=from-e0 || fail "vme's frame did not reach vma"
	cap_sync ul "$HV1" ul0
	cap_stop ul
	cap_stop vma
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	lswj "$HV1" mac show dev lsw5001
	[[ $(count ".mac == \"$VMD_MAC\" and .key == 5") == 1 ]] ||
		fail "ingress key 0 changed vmd's entry"
	[[ $(count ".mac == \"$vme\"") == 0 ]] || fail "vme learned from ingress key 0"

	[[ $(cap_field vma mark dst=$VMA_MAC type=0x88b5) == "from-d0 from-d4 from-d5 from-e0" ]] ||
		fail "vma got: $(cap_field vma mark dst=$VMA_MAC type=0x88b5)"
	# Unicast with vma's key in and vmd's out, once each, nothing else.
	[[ $(cap_count ul saddr=$UL4_1 daddr=$UL4_2 $OVN_HDR vni=5001 ovnin=1 ovnout=4 \
	     isrc=$VMA_MAC idst=$VMD_MAC imark=to-d4) == 1 ]] || fail "not sent with keys 1 -> 4"
	[[ $(cap_count ul saddr=$UL4_1 daddr=$UL4_2 $OVN_HDR vni=5001 ovnin=1 ovnout=5 \
	     isrc=$VMA_MAC idst=$VMD_MAC imark=to-d5) == 1 ]] || fail "not sent with keys 1 -> 5"
	[[ $(cap_count ul isrc=$VMA_MAC) == 2 ]] || fail "more than the 2 frames from vma on the wire"
	# vmd, then vma on its port; vmd moved once.
	[[ $(grew b a mac_learned) == 2 ]] || fail "mac_learned +$(grew b a mac_learned), not +2"
	[[ $(grew b a mac_moved) == 1 ]] || fail "mac_moved +$(grew b a mac_moved), not +1"
	[[ $(grew b a drop_no_key) == 0 ]] || fail "drop_no_key +$(grew b a drop_no_key)"
	[[ $(drops a) == 0 ]] || fail "drops"
}

topo_run_tests ip jq python3 tcpdump tshark mergecap ping ethtool
