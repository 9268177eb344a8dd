#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lsw against the kernel's own tunnel drivers: interoperation with the
# "vxlan" and "geneve" drivers, both ways, over IPv4 and IPv6 underlays,
# with ping and TCP; and TCP through lsw's VXLAN and Geneve switches with
# the offloads of a hypervisor on.  (How fast lsw carries TCP against
# the kernel's vxlan is measured by make bench, not judged here.)
#
# Interop: hv1 has an lsw switch, hv2 the kernel's driver in a bridge.
#
#   vma 172.16.10.11 :0a                        vmb 172.16.10.12 :0b
#     | eth0                                      | eth0
#   +-+------------------------+        +---------+---------------------+
#   | | vnet0                  |        |         | vnet0               |
#   | lsw5001 VNI 5001         |        |  br0 -- kd5001: vxlan VNI 5001 |
#   |  encap vxlan or geneve   |        |         (FDB 00:00.. -> hv1)  |
#   |                          |        |      or geneve VNI 5001       |
#   |                          |        |         (remote hv1)          |
#   | 192.168.250.51 or        |        | 192.168.250.52 or             |
#   | fd00:250::51   ul0 ------+--------+ ul0  fd00:250::52             |
#   +--------------------------+        +-------------------------------+
#
# Offloads: two lsw switches side by side between hv1 and hv2, one VM
# pair on each, on the same underlay veth: VXLAN (VNI 5001, vma-vmb) and
# Geneve (VNI 5002, vmc-vmd).

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lsw_topo.sh"

TESTS=(
	kernel_vxlan4
	kernel_vxlan6
	kernel_geneve4
	kernel_geneve6
	tcp_offloads
)

# kernel_switch NS DEV ENCAP VNI LOCAL REMOTE [PORT]: the kernel's driver
# as DEV in a bridge br0 of NS (the bridge made if need be), flooding
# to REMOTE.
kernel_switch()
{
	local ns=$1 dev=$2 encap=$3 vni=$4 local=$5 remote=$6 port=${7:-4789}

	if [[ $encap == vxlan ]]; then
		run ip -n "$ns" link add "$dev" type vxlan id "$vni" local "$local" \
			dstport "$port" dev ul0
		run nsx "$ns" bridge fdb append 00:00:00:00:00:00 dev "$dev" dst "$remote"
	else
		run ip -n "$ns" link add "$dev" type geneve id "$vni" remote "$remote"
	fi
	ip -n "$ns" link show br0 &>/dev/null ||
		ipb "$ns" <<-EOF
		link add br0 type bridge
		link set br0 addrgenmode none
		link set br0 up
		EOF
	ipb "$ns" <<-EOF
	link set $dev addrgenmode none
	link set $dev master br0
	link set $dev up
	EOF
}

# rx_errors NS DEV: the device's receive errors.
rx_errors()
{
	ip -n "$1" -s -j link show "$2" | jq '.[0].stats64.rx.errors'
}

# interop ENCAP 4|6
interop()
{
	local encap=$1 fam=$2 l1 l2 port=4789
	local -A b a

	hv_pair
	if [[ $fam == 6 ]]; then
		l1=$UL6_1 l2=$UL6_2 VM_MTU=1430
	else
		l1=$UL4_1 l2=$UL4_2 VM_MTU=1450
	fi
	[[ $encap == vxlan ]] || port=6081
	sw "$HV1" lsw5001 5001 "$l1" encap "$encap"
	run "$LSW" -n "$HV1" vtep add "$l2" dev lsw5001
	vm VMA "$HV1" lsw5001 vnet0 "$VMA_IP" "$VMA_MAC"
	kernel_switch "$HV2" kd5001 "$encap" 5001 "$l2" "$l1"
	run ip -n "$HV2" -j link show kd5001
	[[ $(jq -r '.[0].mtu' <<< "$OUT") == "$VM_MTU" ]] ||
		fail "the kernel's $encap has not the MTU of lsw's"
	vm VMB "$HV2" br0 vnet0 "$VMB_IP" "$VMB_MAC"
	snap b "$HV1" lsw5001
	cap_start ul "$HV1" ul0
	ping_ok "$VMA" "$VMB_IP"
	ping_ok "$VMB" "$VMA_IP"
	cap_sync ul "$HV1" ul0
	cap_stop ul
	# Each side's echo requests, on the right port and VNI.
	[[ $(cap_count ul saddr=$l1 daddr=$l2 dport=$port vni=5001 isrc=$VMA_MAC iicmp=8) == 3 ]] ||
		fail "not 3 requests from lsw"
	[[ $(cap_count ul saddr=$l2 daddr=$l1 dport=$port vni=5001 isrc=$VMB_MAC iicmp=8) == 3 ]] ||
		fail "not 3 requests from the kernel's $encap"
	mac_is "$HV1" lsw5001 "$VMB_MAC" vtep "$l2" || fail "lsw did not learn vmb behind $l2"
	if [[ $encap == vxlan ]]; then
		run nsx "$HV2" bridge fdb show dev kd5001
		[[ $OUT == *"$VMA_MAC dst $l1 "* ]] || fail "vxlan did not learn vma behind lsw"
	fi
	# TCP both ways: lsw sends, then the kernel's driver sends.  1 MiB
	# is at least 16 frames each way, GSO frames of 64 KiB at most.
	tcp_transfer "$VMA" "$VMB" "$VMB_IP" 1048576
	tcp_transfer "$VMB" "$VMA" "$VMA_IP" 1048576
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	[[ $(drops a) == 0 ]] || fail "lsw dropped packets"
	[[ $(rx_errors "$HV2" kd5001) == 0 ]] || fail "the kernel's $encap had receive errors"
	(($(grew b a rx_packets) >= 16 && $(grew b a tx_packets) >= 16)) ||
		fail "the TCP streams did not cross lsw"
}

test_kernel_vxlan4()
{
	interop vxlan 4
}

test_kernel_vxlan6()
{
	interop vxlan 6
}

test_kernel_geneve4()
{
	interop geneve 4
}

test_kernel_geneve6()
{
	interop geneve 6
}

# TCP through lsw's VXLAN and Geneve switches with the offloads on, as a
# hypervisor has them: TSO from the VMs, GSO through the switches.  4 MiB
# through each arrive intact, with nothing dropped.  (make bench measures
# how fast, against the kernel's vxlan: tcp_mbps, tcp_geneve_mbps.)
test_tcp_offloads()
{
	local dev
	local -A b1 a1 b2 a2

	hv_pair
	sw "$HV1" lsw5001 5001 "$UL4_1"
	sw "$HV2" lsw5001 5001 "$UL4_2"
	sw "$HV1" lsw5002 5002 "$UL4_1" encap geneve
	sw "$HV2" lsw5002 5002 "$UL4_2" encap geneve
	lswb "$HV1" <<-EOF
	vtep add $UL4_2 dev lsw5001
	vtep add $UL4_2 dev lsw5002
	EOF
	lswb "$HV2" <<-EOF
	vtep add $UL4_1 dev lsw5001
	vtep add $UL4_1 dev lsw5002
	EOF
	vm VMA "$HV1" lsw5001 vnet0 "$VMA_IP" "$VMA_MAC"
	vm VMB "$HV2" lsw5001 vnet0 "$VMB_IP" "$VMB_MAC"
	vm VMC "$HV1" lsw5002 vnet1 "$VMC_IP" "$VMC_MAC"
	vm VMD "$HV2" lsw5002 vnet1 "$VMD_IP" "$VMD_MAC"
	for dev in lsw5001 lsw5002; do
		run nsx "$HV1" ethtool -k "$dev"
		[[ $OUT == *$'\ntcp-segmentation-offload: on'* ]] || fail "TSO off on $dev"
	done
	run nsx "$VMA" ethtool -k eth0
	[[ $OUT == *$'\ntcp-segmentation-offload: on'* ]] || fail "TSO off on the VMs"
	ping_ok "$VMA" "$VMB_IP"
	ping_ok "$VMC" "$VMD_IP"
	snap b1 "$HV1" lsw5001
	snap b2 "$HV1" lsw5002
	tcp_transfer "$VMA" "$VMB" "$VMB_IP" 4194304
	tcp_transfer "$VMC" "$VMD" "$VMD_IP" 4194304
	snap a1 "$HV1" lsw5001
	snap a2 "$HV1" lsw5002
	show_growth lsw5001 b1 a1
	show_growth lsw5002 b2 a2
	[[ $(drops a1) == 0 && $(drops a2) == 0 ]] || fail "lsw dropped packets"
	# 4 MiB are 64 frames at least, of 64 KiB at most.
	(($(grew b1 a1 tx_packets) >= 64)) || fail "the VXLAN stream did not cross lsw5001"
	(($(grew b2 a2 tx_packets) >= 64)) || fail "the Geneve stream did not cross lsw5002"
}

topo_run_tests ip jq python3 tcpdump ping ss ethtool bridge
