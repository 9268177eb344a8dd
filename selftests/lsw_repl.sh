#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Replication of broadcast, unknown unicast and multicast frames across
# underlay segments: head-end against two-tier (NSX's unicast mode), the
# proxy each host picks per remote segment, a proxy deleted while frames
# flood, marked copies from a stranger with strict VTEP ingress, the
# Geneve mark, multicast replication against the kernel's vxlan in group
# mode and over an IPv6 underlay, and hybrid replication (the group in a segment, proxies across).
# Each broadcast is checked on the wire: every other VM gets it exactly
# once (a capture on each VM), and the copies leaving the source host are
# counted in a capture of its underlay device.
#
# Three segments (IP subnets), two hypervisors in each, joined by the
# router namespace rt (one bridge per segment, its address the gateway):
#
#   vm11 .11   vm12 .12     vm21 .21   vm22 .22     vm31 .31   vm32 .32
#     |          |            |          |            |          |
#   h11        h12          h21        h22          h31        h32
#   10.20.1.11 10.20.1.12   10.20.2.21 10.20.2.22   10.20.3.31 10.20.3.32
#     ul0        ul0          ul0        ul0          ul0        ul0
#     |          |            |          |            |          |
#   +-+----------+--+       +-+----------+--+       +-+----------+--+
#   | br1 10.20.1.1 |- rt --| br2 10.20.2.1 |- rt --| br3 10.20.3.1 |
#   +---------------+       +---------------+       +---------------+
#
# Each hypervisor has lsw5001 (VNI 5001, segment s, VXLAN) with one VM
# (172.16.10.SI) and the five others in its VTEP table, each with its
# segment and flagged lsw.  The topology is built once for the suite;
# each test leaves the tables and modes as it found them.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lsw_topo.sh"

TESTS=(
	head_end
	two_tier
	preferred_proxy
	proxy_deleted
	proxy_per_vni
	marked_strict_vtep
	geneve_two_tier
	multicast_kernel_vxlan
	multicast6
	hybrid
)

HVS=(11 12 21 22 31 32)
VXLAN_MARKED=0x08010000
VXLAN_PLAIN=0x08000000

# ul_ip SI: the underlay address of hypervisor SI (segment S, host I).
ul_ip()
{
	echo "10.20.${1:0:1}.$1"
}

hv_ns()
{
	local v=H$1

	echo "${!v}"
}

vm_ns()
{
	local v=VM$1

	echo "${!v}"
}

# vteps SI: the VTEP table of hypervisor SI, as lsw batch lines: every
# other hypervisor, with its segment, flagged lsw.
vteps()
{
	local h

	for h in "${HVS[@]}"; do
		[[ $h == "$1" ]] && continue
		echo "vtep add $(ul_ip "$h") dev lsw5001 segment ${h:0:1} lsw"
	done
}

repl_topo()
{
	local s h ns

	ns_create RT
	for s in 1 2 3; do
		ipb "$RT" <<-EOF
		link add br$s type bridge mcast_snooping 0
		link set br$s addrgenmode none
		addr add 10.20.$s.1/24 dev br$s
		link set br$s up
		EOF
	done
	run nsx "$RT" sysctl -qw net.ipv4.ip_forward=1
	for h in "${HVS[@]}"; do
		s=${h:0:1}
		ns_create "H$h"
		ns=$(hv_ns "$h")
		ipb "" <<< "link add ul0 netns $ns type veth peer name ul$h netns $RT"
		ipb "$RT" <<-EOF
		link set ul$h addrgenmode none
		link set ul$h master br$s
		link set ul$h up
		EOF
		run nsx "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
		ipb "$ns" <<-EOF
		addr add $(ul_ip "$h")/24 dev ul0
		link set ul0 up
		route add default via 10.20.$s.1
		EOF
		sw "$ns" lsw5001 5001 "$(ul_ip "$h")" segment "$s"
		vm "VM$h" "$ns" lsw5001 vnet0 "172.16.10.$h" "00:50:56:00:00:$h"
		vteps "$h" | lswb "$ns"
	done
	# Every underlay neighbour resolved, so that no copy waits for ARP.
	for h in "${HVS[@]}"; do
		for s in "${HVS[@]}"; do
			[[ $s == "$h" ]] && continue
			run nsx "$(hv_ns "$h")" ping -c 1 -W 5 "$(ul_ip "$s")"
		done
	done
	# The suite's namespaces outlive each test: the suite deletes them.
	REPL_NS=("${__lsw_ns[@]}")
	__lsw_ns=()
}

repl_cleanup()
{
	local ns

	for ns in "${REPL_NS[@]}"; do
		ip netns del "$ns" 2>/dev/null
	done
	rm -rf "$T"
}

# mode MODE: every switch replicates so.
mode()
{
	local h

	for h in "${HVS[@]}"; do
		run "$LSW" -n "$(hv_ns "$h")" link set lsw5001 replication "$1"
	done
}

# bcast [-u] SRC TIP: vmSRC broadcasts an ARP request for TIP, an
# address no one has, then a broadcast frame marked "end-TIP"; captures
# on every VM and on the source's underlay device ("ul") see both.  Once
# every VM has the end frame, any second copy of the request would be
# there too (it takes the same paths, in order): the captures are read
# then.  With -u, the underlay's capture only (a test that looks at the
# copies the source sends, and has seen the VMs get them elsewhere).
bcast()
{
	local vms=("${HVS[@]}") src tip h

	if [[ $1 == -u ]]; then
		vms=()
		shift
	fi
	src=$1 tip=$2
	for h in "${vms[@]}"; do
		[[ $h == "$src" ]] || cap_start "vm$h" "$(vm_ns "$h")" eth0
	done
	cap_start ul "$(hv_ns "$src")" ul0
	pkt "$(vm_ns "$src")" arp eth0 "$tip" --sip "172.16.10.$src"
	pkt "$(vm_ns "$src")" frame eth0 --dst "$BCAST" --mark "end-$tip"
	for h in "${vms[@]}"; do
		[[ $h == "$src" ]] && continue
		wait_for cap_has "vm$h" 1 mark="end-$tip" ||
			fail "vm$h did not get the end of the broadcast"
		cap_stop "vm$h"
		[[ $(cap_count "vm$h" arp=1 arp_tip="$tip") == 1 ]] ||
			fail "vm$h got the broadcast $(cap_count "vm$h" arp=1 arp_tip="$tip") times"
	done
	cap_sync ul "$(hv_ns "$src")" ul0
	cap_stop ul
}

# copies SRC TIP [WORD...]: the encapsulated copies of the request for
# TIP that left hypervisor SRC, with the WORDs given.
copies()
{
	local src=$1 tip=$2

	shift 2
	cap_count ul saddr="$(ul_ip "$src")" dport=4789 iarp=1 iarp_tip="$tip" "$@"
}

# marked_to SRC TIP: the underlay addresses the marked copies went to.
marked_to()
{
	cap_field ul daddr saddr="$(ul_ip "$1")" dport=4789 iarp=1 \
		iarp_tip="$2" vxflags=$VXLAN_MARKED
}

test_head_end()
{
	local -A b a
	local n

	topo_init
	snap b "$H11" lsw5001
	bcast 11 10.99.0.1
	snap a "$H11" lsw5001
	show_growth h11 b a
	n=$(copies 11 10.99.0.1)
	[[ $n == 5 ]] || fail "head-end: $n copies left h11, not 5"
	[[ $(copies 11 10.99.0.1 vxflags=$VXLAN_PLAIN) == 5 ]] ||
		fail "head-end: a copy is marked"
	[[ $(cap_field ul daddr saddr="$H11_IP" iarp_tip=10.99.0.1) == \
		"10.20.1.12 10.20.2.21 10.20.2.22 10.20.3.31 10.20.3.32" ]] ||
		fail "head-end: not one copy per VTEP"
	[[ $(grew b a repl_marked) == 0 ]] || fail "repl_marked grew in head mode"
}

test_two_tier()
{
	local -A b11 a11 b21 a21 b22 a22 b31 a31 b32 a32
	local to h proxies

	topo_init
	mode two-tier
	for h in 11 21 22 31 32; do
		snap "b$h" "$(hv_ns "$h")" lsw5001
	done
	bcast 11 10.99.0.2
	for h in 11 21 22 31 32; do
		snap "a$h" "$(hv_ns "$h")" lsw5001
	done
	show_growth h11 b11 a11
	# One copy to h12, one marked to a proxy of each other segment.
	[[ $(copies 11 10.99.0.2) == 3 ]] ||
		fail "two-tier: $(copies 11 10.99.0.2) copies left h11, not 3"
	[[ $(cap_field ul daddr saddr="$H11_IP" iarp_tip=10.99.0.2 vxflags=$VXLAN_PLAIN) == 10.20.1.12 ]] ||
		fail "two-tier: the plain copy is not h12's alone"
	to=$(marked_to 11 10.99.0.2)
	log "proxies: $to"
	[[ $to =~ ^10\.20\.2\.2[12]\ 10\.20\.3\.3[12]$ ]] ||
		fail "two-tier: marked copies went to $to, not one proxy per segment"
	# Two broadcasts (the request, the end frame): 3 copies each, 2 of
	# them marked; each proxy sent each on once, the others nothing.
	[[ $(grew b11 a11 bum_copies) == 6 ]] || fail "bum_copies not +6"
	[[ $(grew b11 a11 repl_marked) == 4 ]] || fail "repl_marked not +4"
	proxies=" ${to//10.20./} "
	for h in 21 22 31 32; do
		if [[ $proxies == *" ${h:0:1}.$h "* ]]; then
			[[ $(grew "b$h" "a$h" repl_proxied) == 2 ]] ||
				fail "proxy h$h: repl_proxied not +2"
		else
			[[ $(grew "b$h" "a$h" repl_proxied) == 0 ]] ||
				fail "h$h is no proxy, yet sent copies on"
		fi
	done
	mode head
}

# A VTEP flagged proxy is preferred to the one the hash picks; the flag
# cleared, the hash picks again.
test_preferred_proxy()
{
	local to other

	topo_init
	mode two-tier
	bcast -u 11 10.99.0.3
	to=$(marked_to 11 10.99.0.3)
	other=10.20.2.22
	[[ ${to%% *} == 10.20.2.22 ]] && other=10.20.2.21
	run "$LSW" -n "$H11" vtep replace "$other" dev lsw5001 segment 2 lsw proxy
	bcast 11 10.99.0.4
	to=$(marked_to 11 10.99.0.4)
	[[ ${to%% *} == "$other" ]] || fail "the preferred proxy $other was not used: $to"
	[[ $(copies 11 10.99.0.4) == 3 ]] || fail "not 3 copies with a preferred proxy"
	# Not lsw's: never a proxy, whatever else the segment has.
	run "$LSW" -n "$H11" vtep replace "$other" dev lsw5001 segment 2
	bcast -u 11 10.99.0.5
	to=$(marked_to 11 10.99.0.5)
	[[ ${to%% *} != "$other" ]] || fail "a VTEP without the lsw flag got a marked copy"
	run "$LSW" -n "$H11" vtep replace "$other" dev lsw5001 segment 2 lsw
	mode head
}

# The proxy of segment 2 leaves h11's VTEP table while vm11 floods: the
# other VTEP of segment 2 takes over, and the next broadcast still
# reaches every VM once (vm21's host through its own segment's proxy).
test_proxy_deleted()
{
	local to gone

	topo_init
	mode two-tier
	bcast -u 11 10.99.0.6
	to=$(marked_to 11 10.99.0.6)
	gone=${to%% *}
	spawn "$T/storm" "$VM11" python3 -S "$PKT" frame eth0 --dst "$BCAST" \
		--mark storm --count 500
	run "$LSW" -n "$H11" vtep del "$gone" dev lsw5001
	wait "$SPAWNED" || fail "the flood failed: $(cat "$T/storm")"
	bcast 11 10.99.0.7
	to=$(marked_to 11 10.99.0.7)
	[[ ${to%% *} =~ ^10\.20\.2\. && ${to%% *} != "$gone" ]] ||
		fail "no new proxy for segment 2: $to"
	[[ $(copies 11 10.99.0.7) == 3 ]] || fail "not 3 copies after the proxy left"
	run "$LSW" -n "$H11" vtep add "$gone" dev lsw5001 segment 2 lsw
	mode head
}

# A marked copy from an address that is no VTEP of h12 (the router's, a
# VM-side attacker's stand-in) is dropped with strict VTEP ingress, and
# counted; one from a VTEP of another segment is sent on to h12's own.
# acting_picks SI: in $OUT, [vni, segment, address] of each acting proxy
# of switches lsw5101-lsw5108 on hypervisor SI, sorted.
acting_picks()
{
	lswj "$(hv_ns "$1")" vtep show
	OUT=$(jq -c '[.[] | select(.vni > 5100 and .acting) | [.vni, .segment, .vtep]] | sort' <<< "$OUT")
}

# The proxies of many switches: h11 and h12 (segment 1) each get eight
# more switches, VNIs 5101-5108, with segments 2 and 3 in their VTEP
# tables.  For each VNI, each remote segment has exactly one acting
# proxy (lsw vtep show's "acting"), the same on both hosts, and across
# the VNIs both VTEPs of each segment act for some: the work spreads,
# as NSX spreads its UTEPs.  A preference (proxy) wins; an acting proxy
# deleted is replaced by the other at once.
test_proxy_per_vni()
{
	local h v picks seg p11

	for h in 11 12; do
		for v in $(seq 5101 5108); do
			run "$LSW" -n "$(hv_ns "$h")" link add "lsw$v" vni "$v" \
				local "$(ul_ip "$h")" dev ul0 segment 1 replication two-tier
			for seg in 21 22 31 32; do
				echo "vtep add $(ul_ip "$seg") dev lsw$v segment ${seg:0:1} lsw"
			done | lswb "$(hv_ns "$h")"
		done
	done
	acting_picks 11
	p11=$OUT
	acting_picks 12
	[[ $OUT == "$p11" ]] || fail "h11 and h12 picked different proxies: $p11 / $OUT"
	# One per VNI and remote segment: 8 VNIs x 2 segments.
	[[ $(jq 'length' <<< "$p11") == 16 &&
	   $(jq '[.[] | [.[0], .[1]]] | unique | length' <<< "$p11") == 16 ]] ||
		fail "not one acting proxy per VNI and segment: $p11"
	for seg in 2 3; do
		picks=$(jq -c --argjson s "$seg" '[.[] | select(.[1] == $s) | .[2]] | unique' <<< "$p11")
		log "segment $seg: proxies $picks"
		[[ $(jq length <<< "$picks") == 2 ]] ||
			fail "segment $seg: every VNI picked $picks"
	done

	# A preference wins over the hash; the acting proxy deleted, the
	# other one acts.
	run "$LSW" -n "$H11" vtep replace 10.20.2.21 dev lsw5101 segment 2 lsw proxy
	run "$LSW" -n "$H11" vtep replace 10.20.2.22 dev lsw5101 segment 2 lsw
	lswj "$H11" vtep show dev lsw5101
	[[ $(jq -c '[.[] | select(.acting and .segment == 2) | .vtep]' <<< "$OUT") == '["10.20.2.21"]' ]] ||
		fail "the preferred proxy does not act: $OUT"
	seg=$(jq -r '.[] | select(.acting and .segment == 3) | .vtep' <<< "$OUT")
	run "$LSW" -n "$H11" vtep del "$seg" dev lsw5101
	lswj "$H11" vtep show dev lsw5101
	[[ $(jq -c '[.[] | select(.acting and .segment == 3) | .vtep]' <<< "$OUT") == "[\"$(
		[[ $seg == 10.20.3.31 ]] && echo 10.20.3.32 || echo 10.20.3.31)\"]" ]] ||
		fail "no takeover after $seg left: $OUT"
	for h in 11 12; do
		for v in $(seq 5101 5108); do
			run ip -n "$(hv_ns "$h")" link del "lsw$v"
		done
	done
}

test_marked_strict_vtep()
{
	local -A b a
	local n

	topo_init
	run "$LSW" -n "$H12" link set lsw5001 strict-vtep on
	snap b "$H12" lsw5001
	cap_start vm12 "$VM12" eth0
	cap_start ul "$H12" ul0
	pkt "$RT" vxlan 10.20.1.1 "$H12_IP" --vni 5001 --flags $VXLAN_MARKED \
		--inner-dst "$BCAST" --inner-src 00:50:56:00:00:99 --mark stranger
	pkt "$H21" vxlan "$H21_IP" "$H12_IP" --vni 5001 --flags $VXLAN_MARKED \
		--inner-dst "$BCAST" --inner-src 00:50:56:00:00:98 --mark proxied
	wait_for cap_has vm12 1 mark=proxied || fail "the marked copy from h21 was not delivered"
	cap_sync ul "$H12" ul0
	cap_stop vm12
	cap_stop ul
	snap a "$H12" lsw5001
	show_growth h12 b a
	[[ $(cap_count vm12 mark=stranger) == 0 ]] || fail "the stranger's frame was delivered"
	[[ $(grew b a drop_strict_vtep) == 1 ]] || fail "drop_strict_vtep not +1"
	[[ $(grew b a repl_proxied) == 1 ]] || fail "repl_proxied not +1"
	# Sent on to h11, the one other VTEP of segment 1, unmarked; never
	# back to h21, nor anything of the stranger's.
	n=$(cap_count ul saddr="$H12_IP" dport=4789 imark=proxied)
	[[ $n == 1 ]] || fail "$n copies of h21's frame left h12, not 1"
	[[ $(cap_field ul daddr saddr="$H12_IP" imark=proxied) == 10.20.1.11 ]] ||
		fail "h12 sent h21's frame elsewhere than h11"
	[[ $(cap_field ul vxflags saddr="$H12_IP" imark=proxied) == "$VXLAN_PLAIN" ]] ||
		fail "h12 sent the copy on marked"
	[[ $(cap_count ul saddr="$H12_IP" imark=stranger) == 0 ]] ||
		fail "h12 sent the stranger's frame on"
	run "$LSW" -n "$H12" link set lsw5001 strict-vtep off
}

# side NAME VNI VM PORT NET MACBYTE [LINK_OPTIONS...]: switch NAME (VNI)
# on h11, h12, h21 and h22, each in its segment with the other three in
# its VTEP table (flagged lsw), and a VM namespace $VM<SI> on PORT
# (address NET.SI, MAC 00:50:56:MACBYTE:00:SI), for the test's own.
side()
{
	local name=$1 vni=$2 var=$3 port=$4 net=$5 mb=$6 h n

	shift 6
	for h in 11 12 21 22; do
		sw "$(hv_ns "$h")" "$name" "$vni" "$(ul_ip "$h")" segment "${h:0:1}" "$@"
		vm "$var$h" "$(hv_ns "$h")" "$name" "$port" "$net.$h" "00:50:56:$mb:00:$h"
		for n in 11 12 21 22; do
			[[ $n == "$h" ]] ||
				echo "vtep add $(ul_ip "$n") dev $name segment ${n:0:1} lsw"
		done | lswb "$(hv_ns "$h")"
	done
}

# side_bcast VM NET TIP: ${VM}11 broadcasts as bcast does; ${VM}12, 21 and
# 22 get it exactly once; h11's underlay is captured as "ul".
side_bcast()
{
	local var=$1 net=$2 tip=$3 h v

	for h in 12 21 22; do
		v=$var$h
		cap_start "$var$h" "${!v}" eth0
	done
	cap_start ul "$H11" ul0
	v=${var}11
	pkt "${!v}" arp eth0 "$tip" --sip "$net.11"
	pkt "${!v}" frame eth0 --dst "$BCAST" --mark "end-$tip"
	for h in 12 21 22; do
		wait_for cap_has "$var$h" 1 mark="end-$tip" ||
			fail "$var$h did not get the end frame"
		cap_stop "$var$h"
		[[ $(cap_count "$var$h" arp=1 arp_tip="$tip") == 1 ]] ||
			fail "$var$h got the broadcast $(cap_count "$var$h" arp=1 arp_tip="$tip") times"
	done
	cap_sync ul "$H11" ul0
	cap_stop ul
}

# Geneve marks with an option of lsw's (class 0xfff0, type 0x01, no
# data): a Geneve switch lsw5002 on h11, h12, h21 and h22, in two-tier
# mode, one VM on each (in namespaces of the test's own).
test_geneve_two_tier()
{
	local -A b a
	local h proxy n

	topo_init
	side lsw5002 5002 G vnet1 172.16.20 01 encap geneve replication two-tier
	snap b "$H11" lsw5002
	side_bcast G 172.16.20 10.99.1.1
	snap a "$H11" lsw5002
	n=$(cap_count ul saddr="$H11_IP" dport=6081 iarp_tip=10.99.1.1)
	[[ $n == 2 ]] || fail "$n Geneve copies left h11, not 2"
	[[ $(cap_field ul daddr saddr="$H11_IP" dport=6081 gnoptlen=0 iarp_tip=10.99.1.1) == 10.20.1.12 ]] ||
		fail "the plain Geneve copy is not h12's alone"
	proxy=$(cap_field ul daddr saddr="$H11_IP" dport=6081 gnoptlen=1 \
		gnc=0 gnopt=0xfff0:0x01:0 iarp_tip=10.99.1.1)
	[[ $proxy =~ ^10\.20\.2\.2[12]$ ]] || fail "no marked Geneve copy to segment 2: $proxy"
	[[ $(grew b a repl_marked) == 2 ]] || fail "repl_marked not +2"
	[[ $(counter "$(hv_ns "${proxy##*.}")" lsw5002 repl_proxied) == 2 ]] ||
		fail "the Geneve proxy did not send both frames on"
	for h in 11 12 21 22; do
		run ip -n "$(hv_ns "$h")" link del lsw5002
	done
}

# Multicast replication on segment 1: lsw5003 (VNI 5003, group
# 239.1.1.1) on h11 and h12, one VM on each, and the kernel's vxlan in
# group mode on a third host kv (10.20.1.13) of the segment:
#
#   m11 172.16.30.11     m12 172.16.30.12     kv: vx5003 172.16.30.13
#   h11 lsw5003          h12 lsw5003          vxlan id 5003 group 239.1.1.1
#          \                  |                  /
#           +------------- br1 (rt) ------------+
#
# A broadcast from m11 leaves h11 once, to the group, with TTL 1, and
# reaches m12 once and kv; h11 does not get its own copy back.  Then
# pings both ways between the VMs and the kernel's vxlan.
test_multicast_kernel_vxlan()
{
	local -A b11 a11 b12 a12
	local h

	topo_init
	ns_create KV
	ipb "" <<< "link add ul0 netns $KV type veth peer name ulkv netns $RT"
	ipb "$RT" <<-EOF
	link set ulkv addrgenmode none
	link set ulkv master br1
	link set ulkv up
	EOF
	run nsx "$KV" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	ipb "$KV" <<-EOF
	addr add 10.20.1.13/24 dev ul0
	link set ul0 up
	link add vx5003 type vxlan id 5003 group 239.1.1.1 dev ul0 dstport 4789 local 10.20.1.13
	link set vx5003 addrgenmode none
	addr add 172.16.30.13/24 dev vx5003
	link set vx5003 up
	EOF
	for h in 11 12; do
		sw "$(hv_ns "$h")" lsw5003 5003 "$(ul_ip "$h")" group 239.1.1.1 \
			replication multicast
		vm "M$h" "$(hv_ns "$h")" lsw5003 vnet2 "172.16.30.$h" "00:50:56:02:00:$h"
	done
	lswj "$H11" link show lsw5003
	[[ $(jq -c '.[0] | [.group, .replication]' <<< "$OUT") == '["239.1.1.1","multicast"]' ]] ||
		fail "group and mode not shown: $OUT"
	fails "$LSW" -n "$H21" link add bad5003 vni 5003 group 10.1.1.1
	[[ $OUT == *"Group must be a multicast address"* ]] || fail "unicast group: $OUT"
	fails "$LSW" -n "$H21" link add bad5003 vni 5003 replication multicast
	[[ $OUT == *"Multicast replication needs a group"* ]] || fail "no group: $OUT"

	snap b11 "$H11" lsw5003
	snap b12 "$H12" lsw5003
	cap_start m12 "$M12" eth0
	cap_start kv "$KV" ul0
	cap_start ul "$H11" ul0
	pkt "$M11" arp eth0 10.99.3.1 --sip 172.16.30.11
	pkt "$M11" frame eth0 --dst "$BCAST" --mark end-mc
	wait_for cap_has m12 1 mark=end-mc || fail "m12 did not get the end frame"
	wait_for cap_has kv 1 imark=end-mc || fail "kv did not get the end frame"
	cap_stop m12
	cap_stop kv
	cap_sync ul "$H11" ul0
	cap_stop ul
	snap a11 "$H11" lsw5003
	snap a12 "$H12" lsw5003
	show_growth h11 b11 a11
	show_growth h12 b12 a12
	[[ $(cap_count m12 arp=1 arp_tip=10.99.3.1) == 1 ]] ||
		fail "m12 got the broadcast $(cap_count m12 arp=1 arp_tip=10.99.3.1) times"
	[[ $(cap_count kv daddr=239.1.1.1 iarp_tip=10.99.3.1) == 1 ]] ||
		fail "kv did not get the broadcast once"
	[[ $(cap_count ul saddr="$H11_IP" dport=4789 iarp_tip=10.99.3.1) == 1 ]] ||
		fail "not one copy left h11"
	[[ $(cap_count ul saddr="$H11_IP" daddr=239.1.1.1 ttl=1 vni=5003 iarp_tip=10.99.3.1) == 1 ]] ||
		fail "the copy did not go to the group with TTL 1"
	[[ $(grew b11 a11 bum_copies) == 2 ]] || fail "bum_copies not +2"
	[[ $(grew b12 a12 repl_group_rx) == 2 ]] || fail "h12: repl_group_rx not +2"
	[[ $(grew b11 a11 repl_group_rx) == 0 ]] || fail "h11 got its own copies back"

	# The kernel's vxlan both ways: its floods come from the group, its
	# replies unicast, lsw's learned back.
	ping_ok "$M11" 172.16.30.13
	ping_ok "$KV" 172.16.30.12
	for h in 11 12; do
		run ip -n "$(hv_ns "$h")" link del lsw5003
	done
}

# Multicast replication over an IPv6 underlay: two hosts of their own,
# p1 fd20::1 and p2 fd20::2 on one link, with lsw5006 (VNI 5006, group
# ff05::5006) and one VM each (z1, z2).  The switch joins its group on
# the underlay device (MLD) while up; z1's broadcast leaves p1 once, to
# the group with a hop limit of 1, and p2 takes it from the group (it
# would not, had it not joined) and gives z2 one copy; a ping goes
# through.
test_multicast6()
{
	local -A b1 a1 b2 a2

	ns_create P1 P2
	ipb "" <<< "link add ul0 netns $P1 type veth peer name ul0 netns $P2"
	ipb "$P1" <<-EOF
	addr add fd20::1/64 dev ul0 nodad
	link set ul0 up
	EOF
	ipb "$P2" <<-EOF
	addr add fd20::2/64 dev ul0 nodad
	link set ul0 up
	EOF
	sw "$P1" lsw5006 5006 fd20::1 group ff05::5006 replication multicast
	sw "$P2" lsw5006 5006 fd20::2 group ff05::5006 replication multicast
	VM_MTU=1430 vm Z1 "$P1" lsw5006 vnet0 172.16.60.1 00:50:56:06:00:01
	VM_MTU=1430 vm Z2 "$P2" lsw5006 vnet0 172.16.60.2 00:50:56:06:00:02
	lswj "$P1" link show lsw5006
	[[ $(jq -c '.[0] | [.group, .replication]' <<< "$OUT") == '["ff05::5006","multicast"]' ]] ||
		fail "group and mode not shown: $OUT"
	run ip -n "$P2" -6 maddr show dev ul0
	[[ $OUT == *ff05::5006* ]] || fail "p2 did not join ff05::5006 on ul0"

	snap b1 "$P1" lsw5006
	snap b2 "$P2" lsw5006
	cap_start z2 "$Z2" eth0
	cap_start ul "$P1" ul0
	pkt "$Z1" arp eth0 10.99.6.1 --sip 172.16.60.1
	pkt "$Z1" frame eth0 --dst "$BCAST" --mark end-mc6
	wait_for cap_has z2 1 mark=end-mc6 || fail "z2 did not get the end frame"
	cap_stop z2
	cap_sync ul "$P1" ul0
	cap_stop ul
	snap a1 "$P1" lsw5006
	snap a2 "$P2" lsw5006
	show_growth p1 b1 a1
	show_growth p2 b2 a2
	[[ $(cap_count z2 arp=1 arp_tip=10.99.6.1) == 1 ]] ||
		fail "z2 got the broadcast $(cap_count z2 arp=1 arp_tip=10.99.6.1) times"
	[[ $(cap_count ul saddr=fd20::1 dport=4789 iarp_tip=10.99.6.1) == 1 ]] ||
		fail "not one copy left p1"
	[[ $(cap_count ul saddr=fd20::1 daddr=ff05::5006 ttl=1 vni=5006 iarp_tip=10.99.6.1) == 1 ]] ||
		fail "the copy did not go to the group with hop limit 1"
	[[ $(grew b2 a2 repl_group_rx) == 2 ]] || fail "p2: repl_group_rx not +2"
	[[ $(grew b1 a1 repl_group_rx) == 0 ]] || fail "p1 got its own copies back"
	ping_ok "$Z1" 172.16.60.2
}

# Hybrid replication on segments 1 and 2: lsw5004 (VNI 5004, group
# 239.1.1.4, kept to each segment by its TTL of 1) on h11, h12, h21 and
# h22, one VM on each (y11...).  y11's broadcast leaves h11 twice: to the
# group (h12) and marked to segment 2's proxy, which sends it on to its
# own segment's group (the other host of segment 2).
test_hybrid()
{
	local -A b11 a11 b12 a12 b21 a21 b22 a22
	local h n proxy other

	topo_init
	side lsw5004 5004 Y vnet3 172.16.40 03 group 239.1.1.4 replication hybrid
	for h in 11 12 21 22; do
		snap "b$h" "$(hv_ns "$h")" lsw5004
	done
	side_bcast Y 172.16.40 10.99.4.1
	for h in 11 12 21 22; do
		snap "a$h" "$(hv_ns "$h")" lsw5004
	done
	n=$(cap_count ul saddr="$H11_IP" dport=4789 iarp_tip=10.99.4.1)
	[[ $n == 2 ]] || fail "$n copies left h11, not 2"
	[[ $(cap_count ul saddr="$H11_IP" daddr=239.1.1.4 ttl=1 vxflags=$VXLAN_PLAIN iarp_tip=10.99.4.1) == 1 ]] ||
		fail "no copy to the group"
	proxy=$(marked_to 11 10.99.4.1)
	[[ $proxy =~ ^10\.20\.2\.2[12]$ ]] || fail "no marked copy to segment 2: $proxy"
	proxy=${proxy##*.}
	other=21
	[[ $proxy == 21 ]] && other=22
	[[ $(grew "b$proxy" "a$proxy" repl_proxied) == 2 ]] ||
		fail "the proxy h$proxy did not send both frames on"
	[[ $(grew "b$other" "a$other" repl_group_rx) == 2 ]] ||
		fail "h$other did not get both frames from its group"
	[[ $(grew b12 a12 repl_group_rx) == 2 ]] || fail "h12 did not get both frames from the group"
	[[ $(grew b11 a11 repl_marked) == 2 ]] || fail "repl_marked not +2"
	for h in 11 12 21 22; do
		run ip -n "$(hv_ns "$h")" link del lsw5004
	done
}

lsw_require ip jq python3 tcpdump
T=$(mktemp -d)
REPL_NS=()
trap repl_cleanup EXIT
lsw_module_load
# Built once: six hypervisors take most of a minute to set up in a VM.
repl_topo > "$T/topo.log" 2>&1 || {
	echo "TAP version 13"
	echo "1..0 # the topology failed"
	sed 's/^/# /' "$T/topo.log"
	exit "$ksft_fail"
}
for h in "${HVS[@]}"; do
	printf -v "H${h}_IP" '%s' "$(ul_ip "$h")"
done
lsw_run_tests
