#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lsw against the kernel's own tunnel drivers: interoperation with the
# "vxlan" and "geneve" drivers, both ways, over IPv4 and IPv6 underlays,
# with ping and iperf3 TCP; and TCP throughput through lsw (offloads on)
# against the kernel's vxlan measured in the same run.
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
# Throughput: three datapaths side by side between hv1 and hv2, one VM
# pair on each, all on the same underlay veth: lsw VXLAN (VNI 5001,
# vma-vmb), lsw Geneve (VNI 5002, vmc-vmd), and the kernel's vxlan in a
# bridge on each side (VNI 5003, UDP port 4790, vme-vmf).  The three
# streams run at the same time, so that what else the host does weighs
# on all three alike.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lsw_topo.sh"

VME_IP=172.16.10.15
VMF_IP=172.16.10.16
VME_MAC=00:50:56:00:00:0e
VMF_MAC=00:50:56:00:00:0f

TESTS=(
	kernel_vxlan4
	kernel_vxlan6
	kernel_geneve4
	kernel_geneve6
	throughput
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
	# TCP both ways: lsw sends, then the kernel's driver sends (-R).
	iperf_server "$VMB"
	IPERF_TIME=2 iperf "$VMA" "$VMB_IP"
	IPERF_TIME=2 iperf "$VMA" "$VMB_IP" -R
	snap a "$HV1" lsw5001
	show_growth hv1 b a
	[[ $(drops a) == 0 ]] || fail "lsw dropped packets"
	[[ $(rx_errors "$HV2" kd5001) == 0 ]] || fail "the kernel's $encap had receive errors"
	(($(grew b a rx_packets) > 100 && $(grew b a tx_packets) > 100)) ||
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

# The lsw datapaths must carry TCP at least as fast as the kernel's
# vxlan, less the measurement noise.  Under TCG, on a host that runs
# other VMs too, one datapath's runs one after the other spread from half
# to all of its throughput: what the host does changes from second to
# second.  So the three datapaths run at the same time, one iperf3 stream
# each, and share the guest's CPUs: whatever the host takes away, it
# takes from all three alike, and each stream carries what its
# datapath's cost per byte lets it within its share (the guest's
# scheduler gives the three senders equal time, and a stream's switching
# and encapsulation run in its sender's softirq).  Each of
# THROUGHPUT_ROUNDS rounds gives a ratio per lsw datapath; the median
# must be at least THROUGHPUT_TOLERANCE of vxlan's.
THROUGHPUT_TOLERANCE=0.9
THROUGHPUT_ROUNDS=6
THROUGHPUT_TIME=5

test_throughput()
{
	local round dp ratio from to line
	local -A pids mbps ratios

	[[ -z ${LSW_DEBUG_KERNEL:-} ]] ||
		skip "a debug kernel's timings say nothing of the datapaths'"
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
	kernel_switch "$HV1" vx5003 vxlan 5003 "$UL4_1" "$UL4_2" 4790
	kernel_switch "$HV2" vx5003 vxlan 5003 "$UL4_2" "$UL4_1" 4790
	vm VMA "$HV1" lsw5001 vnet0 "$VMA_IP" "$VMA_MAC"
	vm VMB "$HV2" lsw5001 vnet0 "$VMB_IP" "$VMB_MAC"
	vm VMC "$HV1" lsw5002 vnet1 "$VMC_IP" "$VMC_MAC"
	vm VMD "$HV2" lsw5002 vnet1 "$VMD_IP" "$VMD_MAC"
	vm VME "$HV1" br0 vnet2 "$VME_IP" "$VME_MAC"
	vm VMF "$HV2" br0 vnet2 "$VMF_IP" "$VMF_MAC"
	# Offloads on, as a hypervisor has them: TSO from the VMs, GSO
	# through the switches.
	run nsx "$HV1" ethtool -k lsw5001
	[[ $OUT == *$'\ntcp-segmentation-offload: on'* ]] || fail "TSO off on lsw5001"
	run nsx "$VMA" ethtool -k eth0
	[[ $OUT == *$'\ntcp-segmentation-offload: on'* ]] || fail "TSO off on the VMs"
	ping_ok "$VMA" "$VMB_IP"
	ping_ok "$VMC" "$VMD_IP"
	ping_ok "$VME" "$VMF_IP"
	iperf_server "$VMB"
	iperf_server "$VMD"
	iperf_server "$VMF"
	for ((round = 0; round < THROUGHPUT_ROUNDS; round++)); do
		for dp in vxlan lsw-vxlan lsw-geneve; do
			case $dp in
			vxlan) from=$VME to=$VMF_IP ;;
			lsw-vxlan) from=$VMA to=$VMB_IP ;;
			lsw-geneve) from=$VMC to=$VMD_IP ;;
			esac
			# The first second (slow start, three streams finding
			# their shares) is left out.
			spawn "$T/tput-$dp.json" "$from" iperf3 -c "$to" -p 5202 \
				-t "$((THROUGHPUT_TIME + 1))" -O 1 -J
			pids[$dp]=$SPAWNED
		done
		for dp in vxlan lsw-vxlan lsw-geneve; do
			wait "${pids[$dp]}" ||
				fail "iperf3 over $dp failed: $(jq -r '.error // empty' "$T/tput-$dp.json")"
			mbps[$dp]=$(jq '.end.sum_received.bits_per_second / 1e6 | floor' "$T/tput-$dp.json")
			((mbps[$dp] > 0)) || fail "iperf3 over $dp moved no data"
		done
		line="round $((round + 1)):"
		for dp in vxlan lsw-vxlan lsw-geneve; do
			line+=" $dp ${mbps[$dp]}"
		done
		log "$line Mbit/s"
		for dp in lsw-vxlan lsw-geneve; do
			ratios[$dp]+=" $(awk -v a="${mbps[$dp]}" -v b="${mbps[vxlan]}" \
				'BEGIN { printf "%.2f", a / b }')"
		done
	done
	for dp in lsw-vxlan lsw-geneve; do
		# shellcheck disable=SC2086
		ratio=$(median ${ratios[$dp]})
		echo "# ratio $dp/vxlan $ratio (median of${ratios[$dp]})"
		awk -v r="$ratio" -v t="$THROUGHPUT_TOLERANCE" 'BEGIN { exit !(r >= t) }' ||
			fail "$dp carries TCP at $ratio times the kernel's vxlan"
	done
}

topo_run_tests ip jq python3 tcpdump ping ss ethtool bridge iperf3
