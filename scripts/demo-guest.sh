#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The lsw walkthrough, played inside the demo VM: the NSX logical switch
# example, VNI 5001 stretched over two hypervisors.
#
#       VM A 172.16.10.11                      VM B 172.16.10.12
#            | tap (veth)                           | tap (veth)
#   +--------+----------------+          +----------+--------------+
#   | ESXi01   lsw5001 (5001) |          | ESXi02   lsw5001 (5001) |
#   |   VTEP 192.168.250.51   |==========|   VTEP 192.168.250.52   |
#   +-------------------------+ underlay +-------------------------+
#
# The script plays the controller too: it listens to each host's
# "notify" group and programs the other host's tables, as the NSX
# controller does with the reports of its hypervisor agents.  Every step
# checks what it shows; any surprise ends the demo with a failure.

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
# The suites' helpers: the hypervisors, captures, counters.
source "$top/selftests/lib.sh"
source "$top/selftests/lsw_topo.sh"
work=$(mktemp -d)
# Where the helpers keep captures and their logs.
T=$work
H1=esxi01
H2=esxi02
VA=vm-a
VB=vm-b

step=0
title()
{
	step=$((step + 1))
	printf '\n\033[1m== Step %d: %s\033[0m\n' "$step" "$*"
}

say()
{
	printf '   %s\n' "$*"
}

# show HOST CMD...: a command as the operator of HOST types it.
show()
{
	local host=$1

	shift
	printf '[%s]$ %s\n' "$host" "$*"
	"$@" 2>&1 | sed 's/^/    /'
	return "${PIPESTATUS[0]}"
}

die()
{
	printf '\ndemo: FAILED at step %d: %s\n' "$step" "$*" >&2
	exit 1
}

cleanup()
{
	local ns

	kill $(jobs -p) 2>/dev/null || true
	for ns in $H1 $H2 $VA $VB; do
		ip netns del $ns 2>/dev/null || true
	done
	rm -rf "$work"
}
trap cleanup EXIT

# A helper's failure is the demo's.
fail()
{
	die "$*"
}

# quietly CMD...: a helper whose commands the demo does not show (they
# go to $work/setup.log).
quietly()
{
	"$@" >> "$work/setup.log" || die "$*"
}

title "Two hypervisors and their underlay (lsw $(cat /sys/module/lsw/version), Linux $(uname -r))"
quietly hv_pair -n $H1,$H2
for ns in $VA $VB; do
	ip netns add $ns
	ip -n $ns link set lo up
done
wait_for ip netns exec $H1 ping -c1 -W1 192.168.250.52 || die "underlay down"
say "ESXi01 VTEP 192.168.250.51 <--- underlay ---> ESXi02 VTEP 192.168.250.52"

title "Logical switch VNI 5001 on both hypervisors"
show ESXi01 "$LSW" -n $H1 link add lsw5001 vni 5001 local 192.168.250.51 dev ul0
show ESXi02 "$LSW" -n $H2 link add lsw5001 vni 5001 local 192.168.250.52 dev ul0
ip -n $H1 link set lsw5001 up
ip -n $H2 link set lsw5001 up
show ESXi01 "$LSW" -n $H1 link show lsw5001

# The controller: every report of either host, as JSON lines.
ip netns exec $H1 "$LSW" -j monitor > "$work/h1.events" &
ip netns exec $H2 "$LSW" -j monitor > "$work/h2.events" &
monitor_ready $H1 lsw5001 "$work/h1.events" > /dev/null || die "no reports from ESXi01"
monitor_ready $H2 lsw5001 "$work/h2.events" > /dev/null || die "no reports from ESXi02"

title "The controller fills the VTEP table: who else carries VNI 5001"
show ESXi01 "$LSW" -n $H1 vtep add 192.168.250.52 dev lsw5001
show ESXi02 "$LSW" -n $H2 vtep add 192.168.250.51 dev lsw5001
show ESXi01 "$LSW" -n $H1 vtep show
show ESXi02 "$LSW" -n $H2 vtep show

title "VM A powers on on ESXi01, VM B on ESXi02"
ip link add eth0 netns $VA address 00:50:56:00:00:0a type veth peer name tap-a netns $H1
ip link add eth0 netns $VB address 00:50:56:00:00:0b type veth peer name tap-b netns $H2
ip -n $H1 link set tap-a master lsw5001
ip -n $H2 link set tap-b master lsw5001
ip -n $H1 link set tap-a up
ip -n $H2 link set tap-b up
ip -n $VA addr add 172.16.10.11/24 dev eth0
ip -n $VB addr add 172.16.10.12/24 dev eth0
ip -n $VA link set eth0 up
ip -n $VB link set eth0 up
say "VM A 00:50:56:00:00:0a 172.16.10.11 on tap-a; VM B 00:50:56:00:00:0b 172.16.10.12 on tap-b"
# A booting VM announces itself: a gratuitous ARP each.
ip netns exec $VA arping -q -c1 -U -I eth0 172.16.10.11 || true
ip netns exec $VB arping -q -c1 -U -I eth0 172.16.10.12 || true
wait_for grep -q '"arp".*172.16.10.12' "$work/h2.events" ||
	die "ESXi02 did not learn VM B's address"
wait_for grep -q '"arp".*172.16.10.11' "$work/h1.events" ||
	die "ESXi01 did not learn VM A's address"
say "Each hypervisor learned its VM's MAC (port) and IP, and reported them:"
show ESXi01 "$LSW" -n $H1 mac show
show ESXi01 "$LSW" -n $H1 arp show
show ESXi02 "$LSW" -n $H2 arp show
show controller grep -h '"arp"' "$work/h1.events" "$work/h2.events"

title "The controller shares what it learned: VM B's IP on ESXi01, VM A's on ESXi02"
show ESXi01 "$LSW" -n $H1 arp add 172.16.10.12 dev lsw5001 mac 00:50:56:00:00:0b
show ESXi01 "$LSW" -n $H1 mac replace 00:50:56:00:00:0b dev lsw5001 vtep 192.168.250.52
show ESXi02 "$LSW" -n $H2 arp add 172.16.10.11 dev lsw5001 mac 00:50:56:00:00:0a
show ESXi02 "$LSW" -n $H2 mac replace 00:50:56:00:00:0a dev lsw5001 vtep 192.168.250.51
show ESXi01 "$LSW" -n $H1 arp show

title "VM A pings VM B: ESXi01 answers VM A's ARP request itself"
quietly cap_start underlay $H1 ul0
suppressed=$(counter $H1 lsw5001 arp_suppressed)
show "VM A" ip netns exec $VA ping -c 3 -W 2 172.16.10.12 || die "VM A cannot reach VM B"
# Everything ESXi01 sent is in the capture once a frame sent last is.
quietly cap_sync underlay $H1 ul0
quietly cap_stop underlay
[[ $(counter $H1 lsw5001 arp_suppressed) -gt $suppressed ]] ||
	die "ESXi01 did not answer the ARP request"
show "VM A" ip -n $VA neigh show 172.16.10.12
ip -n $VA neigh show 172.16.10.12 | grep -q 00:50:56:00:00:0b ||
	die "VM A holds a wrong MAC for VM B"
arps=$(tshark -r "$work/underlay.pcap" -d udp.port==4789,vxlan -Y "vxlan && arp" 2>/dev/null | wc -l)
pings=$(tshark -r "$work/underlay.pcap" -d udp.port==4789,vxlan -Y "vxlan && icmp" 2>/dev/null | wc -l)
say "On the underlay: $pings encapsulated ICMP packets, $arps ARP frames"
[[ $arps == 0 ]] || die "$arps ARP frames crossed the underlay"
[[ $pings -ge 6 ]] || die "only $pings ICMP packets on the underlay"

title "Per-VNI counters"
show ESXi01 "$LSW" -n $H1 stats show dev lsw5001

printf '\ndemo: done: VM A and VM B share VNI 5001 across two hypervisors, and no ARP broadcast crossed the underlay.\n'
