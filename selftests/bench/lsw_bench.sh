#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark, inside the VM: lsw against the kernel's vxlan (in a
# bridge) and against Open vSwitch's kernel datapath, in the same
# topology, the same boot, measurements interleaved.
#
#   vma 172.16.10.11                               vmb 172.16.10.12
#    eth0 (pktgen, iperf3 -c)                       eth0 (counted, iperf3 -s)
#     | veth                                          | veth
#   +-|---------------------------+   +---------------|--------------+
#   | vnet0   hv1                 |   |   hv2         vnet0           |
#   |  lsw5001 vni 5001           |   |         lsw5001 vni 5001      |
#   |  or br0 + vx0 (vxlan 5001)  |   |   or br0 + vx0 (vxlan 5001)   |
#   |  or br-int (OVS)            |   |            or br-int (OVS)    |
#   |                    ul0 -----+---+---- ul0 (192.168.250.52)      |
#   +-----------------------------+   +------------------------------+
#          192.168.250.51   underlay veth, static neighbours
#
# Three such topologies live side by side (namespaces b-lsw-*, b-vx-*
# and b-ovs-*), so that every measurement alternates between the
# switches; a fourth, b-gnv-*, has lsw switches with Geneve
# encapsulation, for TCP.  The OVS one ("Open vSwitch" below) has an
# ovs-vswitchd per hypervisor, programmed as OVN programs a logical
# switch, with static rules; it is left out, in one line, if
# ovs-vswitchd does not start.  All run
# with learning off and static entries, as a controller runs them: lsw
# with its MAC table, vxlan with its FDB ("self" entries, a "dst" each)
# and the bridge with "master static" entries for the VMs.  The two
# hypervisors of each are lsw_topo.sh's hv_pair.
#
# Measurements (each one is a line "@bench METRIC IMPL VALUE UNIT" on
# stdout, one per run; the host takes medians and ratios):
#
#  pps_64          64-byte UDP frames (pktgen on vma's eth0, one
#                  thread) delivered to vmb's eth0, per second
#  tcp_mbps        iperf3 vma -> vmb
#  tcp_geneve_mbps the same through lsw's Geneve switches (and OVS's
#                  rules turned to its Geneve port); its "vx" samples
#                  are tcp_mbps's, from the same rounds
#  fwd_pps_N       frames from vma to N remote MACs (random spread)
#                  encapsulated onto the underlay per second; hv2 drops
#                  them at ul0's ingress, so only hv1's path is measured
#  install_N       entries installed per second (N = 100000 alone, and
#                  at each forwarding scale): "lsw -batch" of "mac
#                  add" lines against "bridge -batch" of "fdb add" lines
#                  and "ovs-ofctl --bundle add-flows" of OpenFlow rules
#  install_s_N     the time taken; dump_s_N the time of a full dump
#                  (100k, 1M)
#  mem_mac_N       bytes of kernel memory (slab, vmalloc, per-CPU) per
#                  MAC entry (OVS: plus ovs-vswitchd's resident memory)
#  mem_arp         bytes per ARP entry (lsw's ARP table; the bridge's
#                  neighbour table for vxlan, as neigh_suppress uses it;
#                  OVN's ARP responder rules for OVS)
#  install_arp     ARP entries installed per second
#  arp_answers     ARP requests for an address in the table, made by
#                  pktgen and a tc pedit, answered per second (lsw, OVS);
#                  arp_requests, those the switch received
#  upcalls_M, upcalls_lost_M, dpflows_M, flowlimit_M  (OVS only) the
#                  datapath's upcalls per second and those lost during
#                  packet row M, its megaflows and flow limit after it
#  bum_pps_N       encapsulated copies of broadcast frames per second,
#                  with N VTEPs
#  portsec_pps_64  pps_64 through lsw alone, port security on both VM
#                  ports (impl "sec": one MAC, IPv4 and IPv6 each)
#                  against none (impl "lsw"), the two alternating
#  repl_copies_pps copies hv2 receives of vma's broadcasts, hv1's switch
#                  flooding to 64 VTEPs in 8 segments, replication
#                  two-tier against head (impls "two-tier", "head");
#                  in the same windows repl_bcast_pps (the broadcasts
#                  hv1 replicated per second), repl_copies (copies per
#                  broadcast) and repl_cpu_us (the guest's busy CPU
#                  time per broadcast)
#  arp_hit_us      vma's ARP request for vmb to its reply (arping's
#                  time), answered from hv1's ARP table
#  arp_miss_us     the same through a miss: the request held (arp-hold),
#                  lsw_miss_responder.py answering the event with an
#                  ARP_SET, the switch answering the request
#  arp_flood_us    the same flooded to hv2 and answered by vmb (for
#                  vxlan too, which floods it likewise)
#
# The part "ovn" compares control planes instead, in a deployment of its
# own (lsw_ovsdb.sh's pieces, as selftests/lsw_ovn.sh uses them): OVN's
# central daemons, an OVS chassis (ovs-vswitchd and ovn-controller, impl
# "ovs") and two lsw chassis (lsw-ovn, impl "lsw"), one logical switch.
# With everything idle, one Northbound transaction adds N logical ports,
# spread over the three chassis in turn, each with a local device there
# waiting for it (a dummy device: an lsw port named by "lsw port set ...
# name", an OVS port with the iface-id).  From its commit:
#
#  ovn_conv_s_N    the time until a chassis holds every port bound
#                  elsewhere: on an lsw host, its switch's MAC table has
#                  each with its VTEP and key, and its ARP table every
#                  port's address; on the OVS chassis, br-int has
#                  ovn-controller's tunnel output flow for each (the lsw
#                  sample: the slowest of the two lsw hosts)
#  ovn_first_s_N   the same, the fastest lsw host
#  ovn_rss_kib_N   the resident memory (VmRSS) of each lsw-ovn agent and
#                  of ovn-controller once all of them are done
#  ovn_rss_grow_kib_N  how much of it the N ports added
#
# LSW_BENCH_QUICK=1: one run each, short windows, up to 64k entries,
# 100 OVN ports (not 1000; LSW_BENCH_OVN_PORTS overrides).
# LSW_BENCH_RUNS, LSW_BENCH_SECS, LSW_BENCH_SCALES, LSW_BENCH_BUMS
# override; LSW_BENCH_ONLY="pps tcp" runs only those parts;
# LSW_BENCH_PERF=1 profiles every measurement window (perf, cpu-clock,
# the whole guest) and prints the top symbols.  LSW_BENCH_OVS=0 leaves
# OVS out; LSW_BENCH_OVS_BUNDLE=0 installs its rules without a bundle;
# LSW_BENCH_OVS_BUDGET (600 s) bounds an OVS install.

set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
source "$top/selftests/lib.sh"
source "$top/selftests/lsw_topo.sh"
source "$top/selftests/lsw_ovsdb.sh"

if [[ -n ${LSW_BENCH_QUICK:-} && ${LSW_BENCH_QUICK} != 0 ]]; then
	RUNS=${LSW_BENCH_RUNS:-1}
	SECS=${LSW_BENCH_SECS:-2}
	SCALES=${LSW_BENCH_SCALES:-"1024 65536"}
	ARP_N=16384
	VX_BUDGET=${LSW_BENCH_VX_BUDGET:-60}
	RESOLVES=5
	OVN_PORTS=${LSW_BENCH_OVN_PORTS:-100}
else
	RUNS=${LSW_BENCH_RUNS:-3}
	SECS=${LSW_BENCH_SECS:-3}
	SCALES=${LSW_BENCH_SCALES:-"1024 65536 262144 1048576"}
	ARP_N=65536
	VX_BUDGET=${LSW_BENCH_VX_BUDGET:-60}
	RESOLVES=20
	OVN_PORTS=${LSW_BENCH_OVN_PORTS:-1000}
fi
BUMS=${LSW_BENCH_BUMS:-"1 8 64"}
IMPLS="lsw vx"

# impls R [IMPL...]: the switches (default: $IMPLS) in the order of
# round R, turned by one each round, so that none always goes first (a
# first run may pay for cold caches).
impls()
{
	local r=$1 i
	local -a l

	shift
	read -r -a l <<< "${*:-$IMPLS}"
	for ((i = 0; i < ${#l[@]}; i++)); do
		echo "${l[(i + r) % ${#l[@]}]}"
	done
}

TMP=$(mktemp -d)

# result METRIC IMPL VALUE UNIT
result()
{
	echo "@bench $1 $2 $3 $4"
}

die()
{
	echo "# bench: $*" >&2
	exit 1
}

now()
{
	date +%s.%N
}

# ctr NS DEV COUNTER
ctr()
{
	nsx "$1" cat "/sys/class/net/$2/statistics/$3"
}

# kmem_kb: the kernel's own allocations, in kB: slab (kmalloc and
# kmem_cache objects, and large kmalloc), vmalloc (a large kvmalloc, such
# as a big rhashtable bucket array) and per-CPU memory (a vxlan FDB
# destination's route cache).  Free page counts would be off by the pages
# the per-CPU page lists happen to hold.
kmem_kb()
{
	awk '/^(Slab|VmallocUsed|Percpu):/ { n += $2 } END { print n }' /proc/meminfo
}

ns()
{
	echo "b-$1-$2"
}

# --- topology --------------------------------------------------------------

# topo_del IMPL: the topology gone, its switches first: deleting a
# device is synchronous, a namespace's devices go when the kernel gets to
# it.
topo_del()
{
	local impl=$1 n dev

	[[ $impl != ovs ]] || ovs_del
	for n in hv1 hv2; do
		for dev in lsw5001 vx0 br0; do
			ip -n "$(ns "$impl" "$n")" link del "$dev" 2>/dev/null
		done
	done
	for n in vma vmb hv1 hv2; do
		ip netns del "$(ns "$impl" "$n")" 2>/dev/null
	done
	return 0
}

# topo_reset IMPL...: these topologies made anew.
topo_reset()
{
	local impl

	for impl in "$@"; do
		topo_del "$impl"
		topo_make "$impl"
	done
}

# topo_make IMPL: bench_topo, and if OVS's does not come, the benchmark
# goes on without it.
topo_make()
{
	bench_topo "$1" && return
	[[ $1 == ovs ]] || die "$1: no topology"
	ovs_drop "$OVS_WHY"
}

# bench_topo IMPL: the picture above, for lsw, vx or gnv.
bench_topo()
{
	local impl=$1 hv1 hv2 vma vmb n

	hv_pair -4 -s -n "$(ns "$impl" hv1),$(ns "$impl" hv2)"
	hv1=$HV1 hv2=$HV2
	vma=$(ns "$impl" vma) vmb=$(ns "$impl" vmb)
	for n in "$vma" "$vmb"; do
		ip netns add "$n" || die "netns $n"
		nsx "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
			net.ipv6.conf.default.disable_ipv6=1
		ip -n "$n" link set lo up
	done
	ip link add eth0 netns "$vma" address $VMA_MAC type veth \
		peer name vnet0 netns "$hv1"
	ip link add eth0 netns "$vmb" address $VMB_MAC type veth \
		peer name vnet0 netns "$hv2"
	ip -n "$vma" -b - <<-EOF
	link set eth0 mtu 1450
	addr add $VMA_IP/24 dev eth0
	link set eth0 up
	neigh replace $VMB_IP lladdr $VMB_MAC dev eth0 nud permanent
	EOF
	ip -n "$vmb" -b - <<-EOF
	link set eth0 mtu 1450
	addr add $VMB_IP/24 dev eth0
	link set eth0 up
	neigh replace $VMA_IP lladdr $VMA_MAC dev eth0 nud permanent
	EOF

	case $impl in
	lsw)
		sw_lsw "$hv1" $UL4_1 $UL4_2 $VMA_MAC $VMB_MAC
		sw_lsw "$hv2" $UL4_2 $UL4_1 $VMB_MAC $VMA_MAC
		;;
	gnv)
		sw_lsw "$hv1" $UL4_1 $UL4_2 $VMA_MAC $VMB_MAC encap geneve
		sw_lsw "$hv2" $UL4_2 $UL4_1 $VMB_MAC $VMA_MAC encap geneve
		;;
	vx)
		sw_vx "$hv1" $UL4_1 $UL4_2 $VMA_MAC $VMB_MAC
		sw_vx "$hv2" $UL4_2 $UL4_1 $VMB_MAC $VMA_MAC
		;;
	ovs)
		sw_ovs hv1 $UL4_1 $UL4_2 $VMA_MAC $VMB_MAC &&
		sw_ovs hv2 $UL4_2 $UL4_1 $VMB_MAC $VMA_MAC
		;;
	esac
}

# sw_lsw NS LOCAL REMOTE LOCAL_VM_MAC REMOTE_VM_MAC [LINK_OPTIONS...]
sw_lsw()
{
	"$LSW" -n "$1" link add lsw5001 vni 5001 local "$2" dev ul0 \
		learning off mac-limit 0 arp-limit 0 "${@:6}" || die "lsw link add"
	ip -n "$1" -b - <<-EOF
	link set vnet0 master lsw5001
	link set vnet0 up
	link set lsw5001 up
	EOF
	"$LSW" -n "$1" -batch - <<-EOF || die "lsw entries"
	vtep add $3 dev lsw5001
	mac add $4 dev lsw5001 port vnet0
	mac add $5 dev lsw5001 vtep $3
	EOF
}

# sw_vx NS LOCAL REMOTE LOCAL_VM_MAC REMOTE_VM_MAC
sw_vx()
{
	ip -n "$1" -b - <<-EOF || die "vxlan"
	link add vx0 type vxlan id 5001 local $2 dstport 4789 dev ul0 nolearning
	link add br0 type bridge
	link set vx0 master br0
	link set vnet0 master br0
	link set vx0 up
	link set vnet0 up
	link set br0 up
	EOF
	bridge -n "$1" -b - <<-EOF || die "bridge entries"
	link set dev vx0 learning off
	link set dev vnet0 learning off
	fdb append 00:00:00:00:00:00 dev vx0 dst $3
	fdb add $4 dev vnet0 master static
	fdb add $5 dev vx0 master static
	fdb add $5 dev vx0 dst $3
	EOF
}

# ingress_drop NS DEV on|off: drop what DEV receives (its counters still
# count it: a veth's rx is its peer's tx).
ingress_drop()
{
	if [[ $3 == on ]]; then
		tc -n "$1" qdisc add dev "$2" clsact
		tc -n "$1" filter add dev "$2" ingress matchall action drop
	else
		tc -n "$1" qdisc del dev "$2" clsact
	fi
}

# --- Open vSwitch: the kernel datapath, programmed as OVN programs a switch ---

# Impl "ovs": per hypervisor, an ovsdb-server and an ovs-vswitchd of its
# own (the Debian packages "make deps" unpacks, lsw_ovsdb.sh's pieces),
# started in the hypervisor's namespace so that its kernel datapath lives
# there, in $TMP/ovs-HV.  Bridge br-int has the VM's port (OpenFlow port
# 1) and two flow-based tunnel ports, VXLAN (2) and Geneve (3), whose
# destination and key each rule sets; no learning, no NORMAL.  Table 0
# classifies as OVN's physical-to-logical stage does (the logical
# datapath, 5001, into the metadata; reg10=1 for a frame from a tunnel),
# table 1 is the L2 lookup: one rule per MAC, and the flood rules for
# BUM (to the local port only when from a tunnel).  Documentation/
# performance.rst has the rules as they are installed.
OVS_VNI=5001
OVS_VM=1 OVS_VXLAN=2 OVS_GENEVE=3
# The one L2 lookup rule's match, for a MAC.
OVS_L2="table=1,priority=50,metadata=$OVS_VNI,dl_dst"
OVS_MCAST=01:00:00:00:00:00/01:00:00:00:00:00
# ovs-ofctl's fastest way to take many rules from a file (see
# performance.rst): one OpenFlow 1.4 bundle, or plain flow_mods.
if [[ ${LSW_BENCH_OVS_BUNDLE:-1} != 0 ]]; then
	OVS_ADD=(-O OpenFlow14 --bundle add-flows)
else
	OVS_ADD=(add-flows)
fi
# What ovs-ofctl add-flows gets for an install, as vxlan does, and the
# rules it takes at a time.
OVS_BUDGET=${LSW_BENCH_OVS_BUDGET:-600}
OVS_CHUNK=${LSW_BENCH_OVS_CHUNK:-65536}
# LSW_BENCH_OVS_VSWITCHD names another program to start in its place:
# "false" shows what happens when ovs-vswitchd does not start.
OVS_VSWITCHD=${LSW_BENCH_OVS_VSWITCHD:-ovs-vswitchd}
OVS_WHY=''
OVS_UNLOAD=''

# ovs_init: the OVS column, if LSW_BENCH_OVS is not 0 and Open vSwitch
# is there (made available by "make deps", its module in the kernel).
ovs_init()
{
	[[ ${LSW_BENCH_OVS:-1} != 0 ]] || return 0
	OVS_WHY=$(ovn_missing)
	if [[ -n $OVS_WHY ]]; then
		ovs_drop "$OVS_WHY"
		return 0
	fi
	ovn_use
	if ! lsmod | grep -q '^openvswitch '; then
		modprobe openvswitch || { echo "# bench: no Open vSwitch column: cannot load openvswitch" >&2; return 0; }
		OVS_UNLOAD=1
	fi
	IMPLS="$IMPLS ovs"
}

# ovsx HV CMD...: CMD with OVS's directories those of HV's daemons (so
# that ovs-vsctl, ovs-appctl and ovs-ofctl br-int find them).
ovsx()
{
	local d=$TMP/ovs-$1

	shift
	OVS_RUNDIR=$d OVS_DBDIR=$d OVS_LOGDIR=$d OVS_SYSCONFDIR=$d "$@"
}

ovs_on()
{
	[[ " $IMPLS " == *" ovs "* ]]
}

# ovs_drop WHY: the OVS column goes, said in one line; the rest runs on.
ovs_drop()
{
	echo "# bench: no Open vSwitch column: ${*:-unknown}" >&2
	topo_del ovs
	IMPLS=${IMPLS/ ovs/}
}

# ovs_rules LOCAL_VM_MAC REMOTE_VM_MAC REMOTE [PORT]: a hypervisor's
# rules but the remote MACs of the benchmark (PORT: the tunnel port,
# VXLAN's by default).
ovs_rules()
{
	local port=${4:-$OVS_VXLAN} tun

	tun="set_field:$3->tun_dst,set_field:$OVS_VNI->tun_id,output:$port"
	cat <<-EOF
	table=0,priority=100,in_port=$OVS_VM actions=set_field:$OVS_VNI->metadata,resubmit(,1)
	table=0,priority=100,in_port=$OVS_VXLAN,tun_id=$OVS_VNI actions=set_field:$OVS_VNI->metadata,set_field:1->reg10,resubmit(,1)
	table=0,priority=100,in_port=$OVS_GENEVE,tun_id=$OVS_VNI actions=set_field:$OVS_VNI->metadata,set_field:1->reg10,resubmit(,1)
	$OVS_L2=$1 actions=output:$OVS_VM
	$OVS_L2=$2 actions=$tun
	table=1,priority=20,metadata=$OVS_VNI,reg10=1,dl_dst=$OVS_MCAST actions=output:$OVS_VM
	table=1,priority=10,metadata=$OVS_VNI,dl_dst=$OVS_MCAST actions=output:$OVS_VM,$tun
	EOF
}

# sw_ovs HV LOCAL REMOTE LOCAL_VM_MAC REMOTE_VM_MAC: HV's daemons, br-int
# and its rules; fails (saying why on stderr) if anything does not come.
sw_ovs()
{
	local hv=$1 d=$TMP/ovs-$1 ns

	ns=$(ns ovs "$hv")
	mkdir -p "$d"
	T=$d db_start db "$OVN_ROOT/usr/share/openvswitch/vswitch.ovsschema" &&
	ovsx "$hv" ovs-vsctl --no-wait init || {
		OVS_WHY="ovsdb-server does not start on $hv: $(ovs_last "$d"/db.{stderr,log})"
		return 1
	}
	if ! ovsx "$hv" ip netns exec "$ns" "$OVS_VSWITCHD" --detach --no-chdir \
		--pidfile="$d/ovs-vswitchd.pid" --log-file="$d/ovs-vswitchd.log" \
		-vconsole:off "unix:$d/db.sock" 2>> "$d/ovs-vswitchd.stderr"; then
		OVS_WHY="ovs-vswitchd does not start on $hv: $(ovs_last "$d"/ovs-vswitchd.{stderr,log})"
		return 1
	fi
	# Without --no-wait, ovs-vsctl returns once ovs-vswitchd has the
	# bridge and its ports.
	ovsx "$hv" ovs-vsctl --timeout=120 -- add-br br-int -- set bridge br-int \
		fail-mode=secure datapath_type=system \
		protocols=OpenFlow10,OpenFlow13,OpenFlow14,OpenFlow15 \
		other-config:disable-in-band=true \
		-- add-port br-int vnet0 -- set interface vnet0 ofport_request=$OVS_VM \
		-- add-port br-int vxlan0 -- set interface vxlan0 type=vxlan \
			ofport_request=$OVS_VXLAN options:remote_ip=flow \
			options:key=flow options:local_ip="$2" \
		-- add-port br-int geneve0 -- set interface geneve0 type=geneve \
			ofport_request=$OVS_GENEVE options:remote_ip=flow \
			options:key=flow options:local_ip="$2" 2>> "$d/ovs-vsctl.stderr" || {
		OVS_WHY="ovs-vswitchd on $hv makes no br-int: $(ovs_last "$d"/ovs-vsctl.stderr "$d"/ovs-vswitchd.log)"
		return 1
	}
	ip -n "$ns" link set vnet0 up
	ovs_rules "$4" "$5" "$3" |
		ovsx "$hv" ovs-ofctl add-flows br-int - 2>> "$d/ovs-ofctl.stderr" || {
		OVS_WHY="br-int on $hv takes no rules: $(ovs_last "$d"/ovs-ofctl.stderr)"
		return 1
	}
}

# ovs_last FILE...: the last error or warning in these logs, on one line.
ovs_last()
{
	local l

	l=$(cat "$@" 2>/dev/null | grep -E 'ERR|WARN|rror|failed|denied' | tail -n 1 | tr -s ' \t' ' ')
	echo "${l:-nothing in its logs}"
}

# ovs_del: the OVS topology's daemons and datapaths gone (the namespaces
# are topo_del's).
ovs_del()
{
	local hv ns

	for hv in hv1 hv2; do
		[[ -d $TMP/ovs-$hv ]] || continue
		T=$TMP/ovs-$hv daemon_stop ovs-vswitchd
		T=$TMP/ovs-$hv daemon_stop db
		ns=$(ns ovs "$hv")
		ip netns exec "$ns" ovs-dpctl del-dp ovs-system 2>/dev/null
		rm -rf "${TMP:?}/ovs-$hv"
	done
	return 0
}

# ovs_encap PORT: both hypervisors' rules to the other's VM, and their
# flood rules, output to tunnel port PORT ($OVS_VXLAN, $OVS_GENEVE).
ovs_encap()
{
	local port=$1

	ovs_encap_hv hv1 $VMA_MAC $VMB_MAC $UL4_2 "$port" &&
	ovs_encap_hv hv2 $VMB_MAC $VMA_MAC $UL4_1 "$port" ||
		die "ovs: no encapsulation through port $port"
}

# ovs_encap_hv HV LOCAL_VM_MAC REMOTE_VM_MAC REMOTE PORT
ovs_encap_hv()
{
	ovs_rules "$2" "$3" "$4" "$5" | grep -E "dl_dst=($3|$OVS_MCAST) " |
		grep -v reg10 | ovsx "$1" ovs-ofctl --strict mod-flows br-int -
}

# ovs_dp HV: "MISSED LOST FLOWS" of HV's datapath (ovs-appctl
# dpctl/show): the upcalls so far, those lost, the megaflows now.
ovs_dp()
{
	ovsx "$1" ovs-appctl dpctl/show 2>/dev/null | awk '
		/lookups:/ { for (i = 2; i <= NF; i++) { split($i, kv, ":"); v[kv[1]] = kv[2] } }
		/^  flows:/ { f = $2 }
		END { printf "%d %d %d\n", v["missed"], v["lost"], f }'
}

# ovs_dp_mark: a reading of both hypervisors' datapaths, for ovs_dp_since.
ovs_dp_mark()
{
	OVS_MARK=("$(now)" $(ovs_dp hv1) $(ovs_dp hv2))
}

# ovs_dp_since METRIC: the upcalls (and those lost) per second since
# ovs_dp_mark, both hypervisors, and hv1's megaflows and flow limit now.
ovs_dp_since()
{
	local -a a=("$(now)" $(ovs_dp hv1) $(ovs_dp hv2)) m=("${OVS_MARK[@]}")
	local limit

	result "upcalls_$1" ovs "$(awk -v s="${m[0]}" -v e="${a[0]}" \
		-v n=$((a[1] + a[4] - m[1] - m[4])) 'BEGIN { printf "%.0f", n / (e - s) }')" upcalls/s
	result "upcalls_lost_$1" ovs "$(awk -v s="${m[0]}" -v e="${a[0]}" \
		-v n=$((a[2] + a[5] - m[2] - m[5])) 'BEGIN { printf "%.0f", n / (e - s) }')" upcalls/s
	result "dpflows_$1" ovs "${a[3]}" flows
	# What the datapath does with the frames, when there are few
	# megaflows to list: a "userspace(...slow_path...)" action sends
	# every frame up to ovs-vswitchd without counting as a miss.
	if ((a[3] > 0 && a[3] <= 16)); then
		ovsx hv1 ovs-appctl dpctl/dump-flows 2>/dev/null | head -n 2 |
			cut -c 1-400 | sed "s/^/# ovs: $1: hv1's megaflow: /"
	fi
	limit=$(ovsx hv1 ovs-appctl upcall/show 2>/dev/null |
		sed -n 's/.*(limit \([0-9]*\)).*/\1/p' | head -n 1)
	result "flowlimit_$1" ovs "${limit:-0}" flows
}

# ovs_rss_kb HV: ovs-vswitchd's resident memory.
ovs_rss_kb()
{
	awk '/^VmRSS:/ { print $2 }' "/proc/$(cat "$TMP/ovs-$1/ovs-vswitchd.pid")/status"
}

# ovs_macs_file N: the L2 lookup rules for N remote MACs, as
# macs_file's, behind hv2.
ovs_macs_file()
{
	macs_file "$1" "$OVS_L2" \
		"actions=set_field:$UL4_2->tun_dst,set_field:$OVS_VNI->tun_id,output:$OVS_VXLAN" =
}

# ovs_add HV FILE BUDGET: FILE's rules into HV's br-int, $OVS_CHUNK at a
# time (a bundle each), within BUDGET seconds.  A bundle is all or
# nothing, and ovs-ofctl holds all of its rules while it sends them:
# chunks keep the memory of a million in bounds, and what the budget
# allowed in place, as vxlan's partial install is.
ovs_add()
{
	local hv=$1 file=$2 deadline=$((SECONDS + $3)) f rc=0

	split -l "$OVS_CHUNK" -a 3 "$file" "$file.part."
	for f in "$file".part.*; do
		if ((SECONDS >= deadline)); then
			rc=124
			break
		fi
		ovsx "$hv" timeout $((deadline - SECONDS)) \
			ovs-ofctl -vconsole:off "${OVS_ADD[@]}" br-int "$f" || { rc=$?; break; }
	done
	rm -f "$file".part.*
	return "$rc"
}

# ovs_macs HV: how many of the benchmark's remote MAC rules HV has.
ovs_macs()
{
	ovsx "$1" ovs-ofctl dump-aggregate br-int \
		"table=1,dl_dst=02:00:00:00:00:00/ff:ff:ff:00:00:00" |
		sed -n 's/.*flow_count=\([0-9]*\).*/\1/p'
}

# --- pktgen ------------------------------------------------------------------

# pg_setup NS DST_MAC N: kpktgend_0 of NS sends 64-byte UDP frames out of
# eth0 to DST_MAC, or, N > 1, to a random one of the N MACs from
# 02:00:00:00:00:00 up.  pktgen spreads one device's destinations over 16
# bits only: each 65536 MACs are one more pktgen device (eth0@K).
pg_setup()
{
	local ns=$1 mac=$2 n=$3 k ndev cnt dev

	ndev=1
	if ((n > 65536)); then
		ndev=$(((n + 65535) / 65536))
	fi
	nsx "$ns" bash -c 'echo rem_device_all > /proc/net/pktgen/kpktgend_0'
	for ((k = 0; k < ndev; k++)); do
		dev=eth0
		if ((ndev > 1)); then
			dev=eth0@$k
		fi
		nsx "$ns" bash -c "echo 'add_device $dev' > /proc/net/pktgen/kpktgend_0"
		{
			echo "count 0"
			echo "clone_skb 0"
			echo "pkt_size 60"
			echo "delay 0"
			echo "burst 1"
			echo "dst $VMB_IP"
			echo "udp_dst_min 9"
			echo "udp_dst_max 9"
			if ((n > 1)); then
				cnt=$((n - k * 65536))
				((cnt > 65536)) && cnt=65536
				printf 'dst_mac 02:00:00:%02x:00:00\n' "$k"
				echo "dst_mac_count $cnt"
				echo "flag MACDST_RND"
			else
				echo "dst_mac $mac"
			fi
		} | while read -r line; do
			nsx "$ns" bash -c "echo '$line' > /proc/net/pktgen/$dev" ||
				die "pktgen $dev: $line"
		done
	done
}

# window: $SECS seconds, profiled if asked to.
window()
{
	if [[ -z ${LSW_BENCH_PERF:-} ]]; then
		sleep "$SECS"
		return
	fi
	perf record -q -e cpu-clock -a -o "$TMP/perf.data" -- sleep "$SECS" \
		> /dev/null 2>&1
	perf report -q -i "$TMP/perf.data" --stdio --sort sym 2>/dev/null |
		grep -v '^$' | head -n 40 | sed 's/^/# perf: /' >&2
}

# pg_rate NS CNS CDEV COUNTER: run pktgen in NS for $SECS seconds and
# print the rate at which COUNTER of CDEV in CNS moved (per second).
# PG_PROBE names a command whose output is taken just before the window
# and just after it, into $TMP/probe.0 and $TMP/probe.1 (probe_rate
# reads them): what else moved in the same window.
pg_rate()
{
	local ns=$1 cns=$2 cdev=$3 counter=$4 pid c0 c1 t0 t1

	nsx "$ns" bash -c 'echo start > /proc/net/pktgen/pgctrl' &
	pid=$!
	sleep 0.5
	[[ -z ${PG_PROBE:-} ]] || $PG_PROBE > "$TMP/probe.0"
	c0=$(ctr "$cns" "$cdev" "$counter") t0=$(now)
	window
	c1=$(ctr "$cns" "$cdev" "$counter") t1=$(now)
	[[ -z ${PG_PROBE:-} ]] || $PG_PROBE > "$TMP/probe.1"
	nsx "$ns" bash -c 'echo stop > /proc/net/pktgen/pgctrl'
	wait "$pid"
	awk -v a="$c0" -v b="$c1" -v s="$t0" -v e="$t1" \
		'BEGIN { printf "%.0f\n", (b - a) / (e - s) }'
}

# probe_rate NAME: the rate (per second, between the "t" lines) at which
# NAME's line moved in $TMP/probe.0 and $TMP/probe.1 (pg_rate's).
probe_rate()
{
	awk -v k="$1" '$1 == "t" { t[FILENAME] = $2 } $1 == k { v[FILENAME] = $2 }
		END { a = ARGV[1]; b = ARGV[2]; printf "%.0f\n", (v[b] - v[a]) / (t[b] - t[a]) }' \
		"$TMP/probe.0" "$TMP/probe.1"
}

# pg_rounds METRIC UNIT NS DEV [IMPL...]: $RUNS rounds of pg_rate, for
# each switch (default: $IMPLS), of the rx_packets of DEV in its
# namespace NS (vmb, hv2).  Around each, "$PG_HOOK before IMPL" and
# "$PG_HOOK after IMPL METRIC" (default pg_ovs).  PG_TOPO names the
# topology all the IMPLs run in, when they are states of one switch
# rather than switches (port security on and off, replication modes).
pg_rounds()
{
	local metric=$1 unit=$2 where=$3 dev=$4 hook=${PG_HOOK:-pg_ovs} r impl topo

	shift 4
	for ((r = 0; r < RUNS; r++)); do
		for impl in $(impls "$r" "$@"); do
			topo=${PG_TOPO:-$impl}
			"$hook" before "$impl"
			result "$metric" "$impl" "$(pg_rate "$(ns "$topo" vma)" \
				"$(ns "$topo" "$where")" "$dev" rx_packets)" "$unit"
			"$hook" after "$impl" "$metric"
		done
	done
}

# pg_ovs before|after IMPL [METRIC]: for OVS, its upcalls during a round.
pg_ovs()
{
	[[ $2 == ovs ]] || return 0
	if [[ $1 == before ]]; then
		ovs_dp_mark
	else
		ovs_dp_since "$3"
	fi
}

# --- the measurements -------------------------------------------------------

bench_pps()
{
	local impl

	log "small packets: 64-byte frames vma -> vmb"
	for impl in $IMPLS; do
		ingress_drop "$(ns "$impl" vmb)" eth0 on
		pg_setup "$(ns "$impl" vma)" $VMB_MAC 1
	done
	pg_rounds pps_64 pps vmb eth0
	for impl in $IMPLS; do
		ingress_drop "$(ns "$impl" vmb)" eth0 off
	done
}

# tcp_run IMPL: Mbit/s of one iperf3 run vma -> vmb.  IMPL ogn is the
# OVS topology with its rules turned to the Geneve tunnel port.
tcp_run()
{
	local impl=$1 vmb

	if [[ $impl == ogn ]]; then
		ovs_encap $OVS_GENEVE
		tcp_run ovs
		ovs_encap $OVS_VXLAN
		return
	fi
	vmb=$(ns "$impl" vmb)
	nsx "$vmb" iperf3 -s -1 >/dev/null 2>&1 &
	wait_for bash -c "ip netns exec '$vmb' ss -Hltn 'sport = :5201' | grep -q 5201" ||
		die "$impl: iperf3 server not listening"
	if [[ -n ${LSW_BENCH_PERF:-} ]]; then
		(sleep 1.5; window) &
	fi
	nsx "$(ns "$impl" vma)" iperf3 -c $VMB_IP -t "$((SECS + 2))" -O 1 -J 2>/dev/null |
		python3 -c 'import json, sys
print("%.1f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 1e6))'
	wait
}

bench_tcp()
{
	local r impl ogn=
	local -A mbps

	! ovs_on || ogn=ogn
	log "TCP: iperf3 vma -> vmb, lsw VXLAN, lsw Geneve and vxlan${ogn:+, OVS VXLAN and Geneve}"
	for ((r = 0; r < RUNS; r++)); do
		for impl in $(impls "$r" $IMPLS gnv $ogn); do
			mbps[$impl]=$(tcp_run "$impl")
		done
		result tcp_mbps lsw "${mbps[lsw]:-0}" Mbit/s
		result tcp_mbps vx "${mbps[vx]:-0}" Mbit/s
		# Geneve against the vxlan of the same round.
		result tcp_geneve_mbps lsw "${mbps[gnv]:-0}" Mbit/s
		result tcp_geneve_mbps vx "${mbps[vx]:-0}" Mbit/s
		if [[ -n $ogn ]]; then
			result tcp_mbps ovs "${mbps[ovs]:-0}" Mbit/s
			result tcp_geneve_mbps ovs "${mbps[ogn]:-0}" Mbit/s
		fi
	done
}

# macs_file N PREFIX SUFFIX [SEP]: N lines PREFIX, SEP (a space), MAC,
# a space and SUFFIX, MACs from 02:00:00:00:00:00 up.
macs_file()
{
	python3 -c '
import sys
n, pre, suf, sep = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
out = sys.stdout
for i in range(n):
    out.write("%s%s02:00:00:%02x:%02x:%02x %s\n" %
              (pre, sep, i >> 16, (i >> 8) & 255, i & 255, suf))
' "$1" "$2" "$3" "${4:- }"
}

# install IMPL N [dump]: install N remote MAC entries, report rate, time,
# memory and, if asked, the time of a full dump.  vxlan gets $VX_BUDGET
# seconds for each, OVS $OVS_BUDGET.  OVS's memory is the kernel's and
# ovs-vswitchd's resident memory.
install()
{
	local impl=$1 n=$2 dump=${3:-} hv m0 m1 t0 t1 t0d t1d got rc

	hv=$(ns "$impl" hv1)
	if [[ $impl == lsw ]]; then
		macs_file "$n" "mac add" "dev lsw5001 vtep $UL4_2" > "$TMP/batch"
	elif [[ $impl == ovs ]]; then
		ovs_macs_file "$n" > "$TMP/batch"
	else
		macs_file "$n" "fdb add" "dev vx0 dst $UL4_2" > "$TMP/batch"
	fi
	sleep 1
	m0=$(kmem_kb)
	[[ $impl != ovs ]] || m0=$((m0 + $(ovs_rss_kb hv1)))
	t0=$(now)
	if [[ $impl == lsw && -n ${LSW_BENCH_PERF:-} ]]; then
		perf record -q -e cpu-clock -a -o "$TMP/perf.data" -- \
			"$LSW" -n "$hv" -batch "$TMP/batch" > /dev/null 2>&1
		rc=$?
		perf report -q -i "$TMP/perf.data" --stdio --sort comm,dso,sym 2>/dev/null |
			grep -v '^$' | head -n 50 | sed 's/^/# perf: /' >&2
	elif [[ $impl == lsw ]]; then
		"$LSW" -n "$hv" -batch "$TMP/batch"
		rc=$?
	elif [[ $impl == ovs ]]; then
		ovs_add hv1 "$TMP/batch" "$OVS_BUDGET"
		rc=$?
	else
		timeout "$VX_BUDGET" bridge -n "$hv" -batch "$TMP/batch" > /dev/null 2>&1
		rc=$?
	fi
	t1=$(now)
	sleep 2
	m1=$(kmem_kb)
	[[ $impl != ovs ]] || m1=$((m1 + $(ovs_rss_kb hv1)))
	rm -f "$TMP/batch"

	# A dump counts what went in, when all of it may not have.  OVS's
	# dump of a million rules takes longer than their install (minutes
	# under TCG): there it is left out, and its count is the bridge's
	# aggregate.
	got=$n
	if [[ $impl == ovs ]] && ((n >= 1048576)); then
		dump=''
		[[ $rc == 0 ]] || got=$(ovs_macs hv1)
	elif [[ -n $dump || $rc != 0 ]]; then
		t0d=$(now)
		if [[ $impl == lsw ]]; then
			got=$("$LSW" -n "$hv" mac show dev lsw5001 |
				grep -c '02:00:00:')
		elif [[ $impl == ovs ]]; then
			got=$(ovsx hv1 ovs-ofctl dump-flows br-int table=1 |
				grep -c 'dl_dst=02:00:00:')
		else
			got=$(timeout "$VX_BUDGET" bridge -n "$hv" fdb show dev vx0 |
				grep -c '^02:00:00:')
		fi
		t1d=$(now)
		if [[ -n $dump ]]; then
			result "dump_s_$n" "$impl" "$(awk -v s="$t0d" -v e="$t1d" 'BEGIN { printf "%.2f", e - s }')" s
		fi
	fi
	log "$impl: $got of $n entries installed (status $rc)"
	result "installed_$n" "$impl" "$got" entries
	result "install_s_$n" "$impl" "$(awk -v s="$t0" -v e="$t1" 'BEGIN { printf "%.2f", e - s }')" s
	result "install_$n" "$impl" "$(awk -v g="$got" -v s="$t0" -v e="$t1" 'BEGIN { printf "%.0f", g / (e - s) }')" entries/s
	if ((got > 0)); then
		result "mem_mac_$n" "$impl" "$(( (m1 - m0) * 1024 / got ))" bytes
	fi
}

# A controller's bulk load, alone: 100k entries, each run on fresh
# switches.
bench_install()
{
	local r impl

	log "install: 100000 MAC entries"
	for ((r = 0; r < RUNS; r++)); do
		for impl in $(impls "$r"); do
			install "$impl" 100000 "$( ((r == 0)) && echo dump)"
			topo_reset "$impl"
		done
	done
}

bench_scale()
{
	local n impl

	for n in $SCALES; do
		log "scale: $n MAC entries"
		for impl in $IMPLS; do
			# The largest table is dumped too.
			install "$impl" "$n" "$( ((n >= 1048576)) && echo dump)"
			ingress_drop "$(ns "$impl" hv2)" ul0 on
			pg_setup "$(ns "$impl" vma)" - "$n"
		done
		pg_rounds "fwd_pps_$n" pps hv2 ul0
		# Start again from clean switches: no memory or time of one
		# size leaks into the next.
		topo_reset $IMPLS
	done
}

# arp_file N IMPL: N ARP entries (10.0.0.0 up, MAC 02:00:00:...), as
# IMPL takes them: lsw's "arp add", the bridge's permanent neighbours
# (vxlan), OVN's ARP responder rule per address (OVS; performance.rst).
arp_file()
{
	python3 -c '
import sys
n, impl, vni = int(sys.argv[1]), sys.argv[2], sys.argv[3]
for i in range(n):
    ip = "10.%d.%d.%d" % (i >> 16, (i >> 8) & 255, i & 255)
    mac = "02:00:00:%02x:%02x:%02x" % (i >> 16, (i >> 8) & 255, i & 255)
    if impl == "lsw":
        print("arp add %s dev lsw5001 mac %s" % (ip, mac))
    elif impl == "ovs":
        print("table=1,priority=100,metadata=%s,arp,arp_op=1,arp_tpa=%s "
              "actions=move:NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[],"
              "set_field:%s->eth_src,set_field:2->arp_op,"
              "move:NXM_NX_ARP_SHA[]->NXM_NX_ARP_THA[],set_field:%s->arp_sha,"
              "move:NXM_OF_ARP_SPA[]->NXM_OF_ARP_TPA[],set_field:%s->arp_spa,"
              "in_port" % (vni, ip, mac, mac, ip))
    else:
        print("neigh add %s lladdr %s dev br0 nud permanent" % (ip, mac))
' "$1" "$2" "$OVS_VNI"
}

# arp_pedit: tc pedit keys that turn pktgen's 64-byte UDP frame from vma
# (to ff:ff:ff:ff:ff:ff) into vma's ARP request for 10.0.0.1: the 28
# bytes after the Ethernet header, then the EtherType.
arp_pedit()
{
	python3 -c '
import sys, ipaddress
mac = bytes.fromhex(sys.argv[1].replace(":", ""))
spa = ipaddress.IPv4Address(sys.argv[2]).packed
tpa = ipaddress.IPv4Address(sys.argv[3]).packed
arp = bytes.fromhex("0001080006040001") + mac + spa + bytes(6) + tpa
for off in range(0, 28, 4):
    print("munge offset %d u32 set 0x%s" % (off, arp[off:off + 4].hex()), end=" ")
' $VMA_MAC $VMA_IP 10.0.0.1
}

# arp_check IMPL: vma's own ARP request for 10.0.0.1 gets the table's
# answer (arping checks the reply against its request).
arp_check()
{
	local got

	got=$(nsx "$(ns "$1" vma)" arping -c 1 -w 5 -s $VMA_IP -I eth0 10.0.0.1 2>&1)
	grep -qi 'reply from 10.0.0.1 \[02:00:00:00:00:01\]' <<< "$got" ||
		die "$1: vma's ARP request for 10.0.0.1 is not answered from the table: $got"
}

# arp_rate IMPL [capture]: pktgen sends vma's ARP requests for 10.0.0.1,
# in the table (pktgen's frames, rewritten by a pedit on hv1's port
# ingress, the same for every switch), for $SECS seconds: the answers vma
# receives per second, and the requests hv1 received in the same window.
# With "capture", the first answers, as tcpdump decodes them, go
# to the log.
arp_rate()
{
	local impl=$1 cap=${2:-} vma hv a0 a1 q0 q1 t0 t1 pid pg

	vma=$(ns "$impl" vma) hv=$(ns "$impl" hv1)
	tc -n "$hv" qdisc add dev vnet0 clsact
	# shellcheck disable=SC2046
	tc -n "$hv" filter add dev vnet0 ingress matchall \
		action pedit $(arp_pedit) pipe \
		action pedit ex munge eth type set 0x0806 || die "$impl: no ARP pedit"
	ingress_drop "$vma" eth0 on
	pg_setup "$vma" ff:ff:ff:ff:ff:ff 1
	if [[ -n $cap ]]; then
		nsx "$vma" timeout 30 tcpdump -c 2 -nn -e -i eth0 > "$TMP/arpcap" 2>/dev/null &
		pid=$!
		sleep 2
	fi
	nsx "$vma" bash -c 'echo start > /proc/net/pktgen/pgctrl' &
	pg=$!
	sleep 0.5
	a0=$(ctr "$vma" eth0 rx_packets) q0=$(ctr "$hv" vnet0 rx_packets) t0=$(now)
	window
	a1=$(ctr "$vma" eth0 rx_packets) q1=$(ctr "$hv" vnet0 rx_packets) t1=$(now)
	nsx "$vma" bash -c 'echo stop > /proc/net/pktgen/pgctrl'
	wait "$pg"
	if [[ -n $cap ]]; then
		wait "$pid"
		sed "s/^/# $impl: captured on vma's eth0: /" "$TMP/arpcap"
	fi
	result arp_answers "$impl" "$(awk -v a="$a0" -v b="$a1" -v s="$t0" -v e="$t1" \
		'BEGIN { printf "%.0f", (b - a) / (e - s) }')" answers/s
	result arp_requests "$impl" "$(awk -v a="$q0" -v b="$q1" -v s="$t0" -v e="$t1" \
		'BEGIN { printf "%.0f", (b - a) / (e - s) }')" requests/s
	ingress_drop "$vma" eth0 off
	tc -n "$hv" qdisc del dev vnet0 clsact
}

# ARP suppression: $ARP_N entries in lsw's ARP table, the bridge's
# neighbour table (vxlan) and as OVN's ARP responder rules (OVS): the
# rate they go in and the memory they take; then how many requests lsw
# and OVS answer per second (vxlan's bridge, without neigh_suppress,
# floods them instead: not measured).
bench_arp()
{
	local impl hv m0 m1 t0 t1 r

	log "ARP table: $ARP_N entries"
	for impl in $IMPLS; do
		hv=$(ns "$impl" hv1)
		arp_file "$ARP_N" "$impl" > "$TMP/batch"
		sleep 1
		m0=$(kmem_kb)
		[[ $impl != ovs ]] || m0=$((m0 + $(ovs_rss_kb hv1)))
		t0=$(now)
		if [[ $impl == lsw ]]; then
			"$LSW" -n "$hv" -batch "$TMP/batch"
		elif [[ $impl == ovs ]]; then
			ovs_add hv1 "$TMP/batch" "$OVS_BUDGET"
		else
			ip -n "$hv" -batch "$TMP/batch"
		fi || die "$impl: the ARP entries do not go in"
		t1=$(now)
		sleep 2
		m1=$(kmem_kb)
		[[ $impl != ovs ]] || m1=$((m1 + $(ovs_rss_kb hv1)))
		rm -f "$TMP/batch"
		result mem_arp "$impl" "$(( (m1 - m0) * 1024 / ARP_N ))" bytes
		result install_arp "$impl" "$(awk -v n="$ARP_N" -v s="$t0" -v e="$t1" \
			'BEGIN { printf "%.0f", n / (e - s) }')" entries/s
	done
	log "ARP answered from the table: vma -> 10.0.0.1"
	for impl in ${IMPLS/vx/}; do
		arp_check "$impl"
	done
	for ((r = 0; r < RUNS; r++)); do
		for impl in $(impls "$r" ${IMPLS/vx/}); do
			[[ $impl != ovs ]] || ovs_dp_mark
			arp_rate "$impl" "$( ((r == 0)) && echo capture)"
			[[ $impl != ovs ]] || ovs_dp_since arp_answers
		done
	done
}

# bum_vteps IMPL N [PER]: hv1's switch of IMPL floods to N VTEPs,
# 192.168.250.100 up, in place of hv2, every one of them behind hv2's
# ul0 (static neighbours: none answers, hv2 counts what they get).  With
# PER, lsw's are lsw VTEPs in segments of PER from segment 1, whose
# first member is hv1 itself: PER - 1 VTEPs in segment 1, then PER in
# each of the next.
bum_vteps()
{
	local impl=$1 n=$2 per=${3:-} i hv ip seg=''

	hv=$(ns "$impl" hv1)
	: > "$TMP/vteps"
	: > "$TMP/neigh"
	for ((i = 0; i < n; i++)); do
		ip=192.168.250.$((100 + i))
		[[ -z $per ]] || seg=" segment $((1 + (i + 1) / per)) lsw"
		echo "neigh replace $ip lladdr $UL_MAC2 dev ul0 nud permanent" >> "$TMP/neigh"
		if [[ $impl == lsw ]]; then
			echo "vtep replace $ip dev lsw5001$seg" >> "$TMP/vteps"
		elif [[ $impl == ovs ]]; then
			echo ",set_field:$ip->tun_dst,output:$OVS_VXLAN" >> "$TMP/vteps"
		else
			echo "fdb append 00:00:00:00:00:00 dev vx0 dst $ip" >> "$TMP/vteps"
		fi
	done
	ip -n "$hv" -b "$TMP/neigh" || die "$impl: the VTEPs' neighbours"
	# Only the new VTEPs: the first one, hv2, goes.
	if [[ $impl == lsw ]]; then
		"$LSW" -n "$hv" vtep del $UL4_2 dev lsw5001
		"$LSW" -n "$hv" -batch "$TMP/vteps"
	elif [[ $impl == ovs ]]; then
		# The flood rule, its one tunnel output N.
		echo "table=1,priority=10,metadata=$OVS_VNI,dl_dst=$OVS_MCAST actions=output:$OVS_VM,set_field:$OVS_VNI->tun_id$(tr -d '\n' < "$TMP/vteps")" |
			ovsx hv1 ovs-ofctl --strict mod-flows br-int -
	else
		bridge -n "$hv" fdb del 00:00:00:00:00:00 dev vx0 dst $UL4_2
		bridge -n "$hv" -b "$TMP/vteps"
	fi || die "$impl: the flood to $n VTEPs"
}

bench_bum()
{
	local n impl

	for n in $BUMS; do
		log "BUM: broadcast to $n VTEPs"
		for impl in $IMPLS; do
			bum_vteps "$impl" "$n"
			ingress_drop "$(ns "$impl" hv2)" ul0 on
			pg_setup "$(ns "$impl" vma)" ff:ff:ff:ff:ff:ff 1
		done
		pg_rounds "bum_pps_$n" copies/s hv2 ul0
		topo_reset $IMPLS
	done
}

# Port security (issue 20): lsw's 64-byte frames vma -> vmb with each VM
# port allowed one MAC, one IPv4 and one IPv6 address (impl "sec")
# against the same switch with none ("lsw"), the two alternating.
# pktgen's frames carry vma's own MAC and address, so they pass: a
# spoofed ping first shows that the check is on, and no drop_spoof_*
# counter may move during a window.
PSEC_HV1=("$VMA_MAC" "$VMA_IP/32" fd10::a/128)
PSEC_HV2=("$VMB_MAC" "$VMB_IP/32" fd10::b/128)

# psec_drops: hv1's drop_spoof_* counters, summed.
psec_drops()
{
	counters "$(ns lsw hv1)" lsw5001 |
		awk '$1 ~ /^drop_spoof_/ { n += $2 } END { print n + 0 }'
}

# psec_set on|off: port security on both VM ports, or none.
psec_set()
{
	local -a sec1=("${PSEC_HV1[@]}") sec2=("${PSEC_HV2[@]}")

	[[ $1 == on ]] || sec1=(none) sec2=(none)
	"$LSW" -n "$(ns lsw hv1)" port set dev vnet0 security "${sec1[@]}" &&
	"$LSW" -n "$(ns lsw hv2)" port set dev vnet0 security "${sec2[@]}" ||
		die "port security $1"
}

# psec_hook before|after IMPL [METRIC]: pg_rounds' hook: IMPL's state
# before its round, and after it, nothing dropped as spoofed.
psec_hook()
{
	local d

	if [[ $1 == before ]]; then
		if [[ $2 == sec ]]; then
			psec_set on
		else
			psec_set off
		fi
		PSEC_DROPS=$(psec_drops)
		return
	fi
	d=$(($(psec_drops) - PSEC_DROPS))
	((d == 0)) || die "$2: $d of pktgen's frames dropped as spoofed"
}

bench_portsec()
{
	local vma d

	vma=$(ns lsw vma)
	log "port security: 64-byte frames vma -> vmb, on and off"
	# The check is on: a ping from an address vma's port does not
	# have is dropped, and counted.
	psec_set on
	d=$(psec_drops)
	ip -n "$vma" addr add 172.16.10.99/32 dev eth0
	nsx "$vma" ping -c 1 -W 1 -I 172.16.10.99 $VMB_IP > /dev/null 2>&1
	ip -n "$vma" addr del 172.16.10.99/32 dev eth0
	(($(psec_drops) > d)) || die "port security on, yet a spoofed ping was not dropped"
	ingress_drop "$(ns lsw vmb)" eth0 on
	pg_setup "$vma" $VMB_MAC 1
	PG_TOPO=lsw PG_HOOK=psec_hook pg_rounds portsec_pps_64 pps vmb eth0 sec lsw
	ingress_drop "$(ns lsw vmb)" eth0 off
	psec_set off
}

# Replication modes (issue 21): hv1's lsw switch floods vma's broadcasts
# to 64 VTEPs (hv1 and 63 others) in 8 segments of 8, hv1's segment 1;
# all flagged lsw.  Head-end replication sends 63 copies of each;
# two-tier one to each of the 7 others of segment 1 and one marked copy
# to a proxy of each of the 7 other segments: 14.  The copies hv2
# receives (every VTEP address is behind it) per second; in the same
# window, the broadcasts hv1 took from vma (vnet0's rx_packets), the
# copies per broadcast, and the guest's busy CPU time per broadcast.
REPL_VTEPS=64 REPL_PER=8

# repl_probe: what repl_hook reads after a window, in pg_rate's probe
# format ("NAME VALUE"; cpu: the busy jiffies of all CPUs).
repl_probe()
{
	echo "t $(now)"
	echo "bcasts $(ctr "$(ns lsw hv1)" vnet0 rx_packets)"
	echo "copies $(ctr "$(ns lsw hv2)" ul0 rx_packets)"
	awk '/^cpu / { print "cpu", $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}

# repl_hook before|after IMPL [METRIC]: the replication mode IMPL before
# its round; after it, the window's broadcasts and CPU.
repl_hook()
{
	local b c cpu

	if [[ $1 == before ]]; then
		"$LSW" -n "$(ns lsw hv1)" link set lsw5001 replication "$2" ||
			die "replication $2"
		return
	fi
	b=$(probe_rate bcasts) c=$(probe_rate copies) cpu=$(probe_rate cpu)
	((b > 0)) || die "$2: no broadcasts replicated"
	result repl_bcast_pps "$2" "$b" bcasts/s
	result repl_copies "$2" "$(awk -v b="$b" -v c="$c" 'BEGIN { printf "%.2f", c / b }')" copies
	result repl_cpu_us "$2" "$(awk -v b="$b" -v j="$cpu" -v hz="$(getconf CLK_TCK)" \
		'BEGIN { printf "%.2f", j / hz * 1e6 / b }')" us
}

bench_repl()
{
	log "replication: broadcasts to $REPL_VTEPS VTEPs in $((REPL_VTEPS / REPL_PER)) segments, two-tier and head"
	"$LSW" -n "$(ns lsw hv1)" link set lsw5001 segment 1 || die "segment"
	bum_vteps lsw $((REPL_VTEPS - 1)) $REPL_PER
	ingress_drop "$(ns lsw hv2)" ul0 on
	pg_setup "$(ns lsw vma)" ff:ff:ff:ff:ff:ff 1
	PG_TOPO=lsw PG_HOOK=repl_hook PG_PROBE=repl_probe \
		pg_rounds repl_copies_pps copies/s hv2 ul0 two-tier head
	topo_reset lsw
}

# arp_us NS: vma resolving vmb's address once with arping, in
# microseconds (arping's own time, request sent to reply received).
arp_us()
{
	nsx "$1" arping -c 1 -w 5 -I eth0 $VMB_IP 2>/dev/null |
		sed -n 's/.*reply from .*\]  *\([0-9.]*\)ms.*/\1/p' |
		awk '{ printf "%.0f", $1 * 1000 } END { if (!NR) exit 1 }'
}

# arp_sample METRIC IMPL NS: one arp_us, as a result.
arp_sample()
{
	local us

	us=$(arp_us "$3") || die "$2: vma got no ARP reply ($1)"
	result "$1" "$2" "$us" us
}

# Address resolution three ways on hv1's lsw switch, RESOLVES times per
# round, the three interleaved: answered from the table; through a miss,
# held until hv1's controller answers it; flooded (no miss event, so
# nothing held: miss-rate 0) and answered by vmb.  And vxlan's flood.
# miss-interval 0 announces every miss, the same address each time.
bench_miss()
{
	local hv vma vx r i pid

	hv=$(ns lsw hv1) vma=$(ns lsw vma) vx=$(ns vx vma)
	"$LSW" -n "$hv" link set lsw5001 arp-hold 1000 miss-interval 0 ||
		die "lsw link set arp-hold"
	ip netns exec "$hv" python3 "$top/selftests/lsw_miss_responder.py" \
		--arp "$VMB_IP=$VMB_MAC" > "$TMP/responder" 2>&1 &
	pid=$!
	wait_for grep -qx listening "$TMP/responder" ||
		die "the responder does not listen: $(cat "$TMP/responder")"
	for ((r = 0; r < RUNS; r++)); do
		for ((i = 0; i < RESOLVES; i++)); do
			"$LSW" -n "$hv" arp replace $VMB_IP dev lsw5001 mac $VMB_MAC
			arp_sample arp_hit_us lsw "$vma"
			"$LSW" -n "$hv" arp del $VMB_IP dev lsw5001
			arp_sample arp_miss_us lsw "$vma"
			"$LSW" -n "$hv" arp del $VMB_IP dev lsw5001
			"$LSW" -n "$hv" link set lsw5001 miss-rate 0
			arp_sample arp_flood_us lsw "$vma"
			"$LSW" -n "$hv" link set lsw5001 miss-rate 100
			arp_sample arp_flood_us vx "$vx"
		done
	done
	kill "$pid"
	wait "$pid" 2>/dev/null
	topo_reset lsw
}

# --- OVN: lsw-ovn against ovn-controller --------------------------------------

# The deployment: chassis hv0 (OVS), hv1 and hv2 (lsw), each in its
# namespace with a dummy underlay device (no traffic crosses it here).
OVN_NS=(b-ovn-hv0 b-ovn-hv1 b-ovn-hv2)
OVN_IP=(192.168.251.50 192.168.251.51 192.168.251.52)

# ovn_port_mac I, ovn_port_ip I: logical port lpI's addresses.
ovn_port_mac()
{
	printf '0a:00:00:%02x:%02x:%02x\n' $(($1 >> 16)) $((($1 >> 8) & 255)) $(($1 & 255))
}

ovn_port_ip()
{
	echo "10.$((1 + ($1 >> 16))).$((($1 >> 8) & 255)).$(($1 & 255))"
}

# ovn_deploy: everything up and idle, logical switch ls1 with one
# address-less port requested on each lsw chassis (so that its agent
# makes ls1's switch, $OVN_SW), and the N ports' devices in place.
ovn_deploy()
{
	local why i c n=$OVN_PORTS
	# Daemons start slowly under TCG.
	local LSW_WAIT=120

	why=$(ovn_missing)
	[[ -z $why ]] || die "ovn: $why"
	ovn_use
	if ! lsmod | grep -q '^openvswitch '; then
		modprobe openvswitch || die "ovn: cannot load openvswitch"
		OVN_UNLOAD=1
	fi
	ovn_env
	for i in 0 1 2; do
		ip netns add "${OVN_NS[i]}" || die "netns ${OVN_NS[i]}"
		ip -n "${OVN_NS[i]}" -b - <<-EOT || die "ovn: hv$i's underlay"
		link set lo up
		link add ul0 type dummy
		addr add ${OVN_IP[i]}/24 dev ul0
		link set ul0 up
		EOT
	done
	ovn_central || die "ovn: ovn-central (NB, SB, northd)"
	ovn-nbctl ls-add ls1 -- \
		lsp-add ls1 seed1 -- lsp-set-options seed1 requested-chassis=hv1 -- \
		lsp-add ls1 seed2 -- lsp-set-options seed2 requested-chassis=hv2 ||
		die "ovn: ls1"
	ovs_chassis "${OVN_NS[0]}" hv0 "${OVN_IP[0]}" ||
		die "ovn: OVS chassis hv0 (ovs-vswitchd, ovn-controller, br-int)"
	for i in 1 2; do
		agent_start "${OVN_NS[i]}" "hv$i" "${OVN_IP[i]}" ul0 ||
			die "ovn: lsw-ovn on hv$i"
	done
	wait_for bash -c "[[ -n \$(ovn-sbctl --bare --columns=tunnel_key find datapath_binding external_ids:name=ls1) ]]" ||
		die "ovn: northd made no datapath for ls1"
	OVN_SW=ovn$(ovn-sbctl --bare --columns=tunnel_key find datapath_binding external_ids:name=ls1)
	for i in 1 2; do
		wait_for ip -n "${OVN_NS[i]}" link show "$OVN_SW" ||
			die "ovn: no switch $OVN_SW on hv$i"
	done

	# Port lpI's device pI waits on chassis I % 3.
	for c in 0 1 2; do
		for ((i = c; i < n; i += 3)); do
			echo "link add p$i type dummy"
			((c == 0)) || echo "link set p$i master $OVN_SW"
			echo "link set p$i up"
		done > "$TMP/ip"
		ip -n "${OVN_NS[c]}" -b "$TMP/ip" || die "ovn: hv$c's port devices"
	done
	for c in 1 2; do
		for ((i = c; i < n; i += 3)); do
			echo "port set dev p$i name lp$i"
		done | "$LSW" -n "${OVN_NS[c]}" -batch - || die "ovn: hv$c's port names"
	done
	for ((i = 0; i < n; i += 3)); do
		echo "-- add-port br-int p$i -- set interface p$i external_ids:iface-id=lp$i"
	done | xargs ovs-vsctl --timeout=600 --db="unix:$D/db.sock" ||
		die "ovn: hv0's ports"
	ovn-nbctl --timeout=600 --wait=hv sync || die "ovn: the chassis are not idle"
}

# ovn_lsw_has C: the number of ports lsw chassis hvC's switch holds, out
# of those bound elsewhere: a remote MAC entry with a key, and an ARP
# entry (the local ports' addresses are in its ARP table too).
ovn_lsw_has()
{
	local ns=${OVN_NS[$1]} macs arps

	macs=$("$LSW" -n "$ns" -j mac show dev "$OVN_SW" |
		jq '[.[] | select(.vtep and .key)] | length')
	arps=$("$LSW" -n "$ns" -j arp show dev "$OVN_SW" | jq 'length')
	# Each remote MAC entry counts once its address is in too.
	echo $((arps >= OVN_PORTS ? macs : 0))
}

# ovn_ovs_has: the number of ports bound elsewhere that have
# ovn-controller's flow on the OVS chassis: the one that sends to the
# port's chassis through the tunnel, OVN's option carrying its key
# (unicast keys only: below 0x8000).
ovn_ovs_has()
{
	ovs-ofctl dump-flows br-int 2>/dev/null |
		grep -i 'tun_metadata0' | grep 'output:' |
		grep -oE 'reg15=0x([0-7][0-9a-f]{3}|[0-9a-f]{1,3})[, ]' | sort -u | wc -l
}

# ovn_rss_kib NAME: the resident memory of daemon NAME ($D/NAME.pid).
ovn_rss_kib()
{
	awk '/^VmRSS:/ { print $2 }' "/proc/$(cat "$D/$1.pid")/status"
}

bench_ovn()
{
	local n=$OVN_PORTS i c t0 t1 t got deadline want left=3
	local -a args
	local -A took rss0

	log "OVN: $n logical ports over an OVS chassis and two lsw chassis"
	ovn_deploy
	for c in hv0 hv1 hv2; do
		[[ $c == hv0 ]] && rss0[$c]=$(ovn_rss_kib ovn-controller) ||
			rss0[$c]=$(ovn_rss_kib "$c")
	done
	for ((i = 0; i < n; i++)); do
		args+=(-- lsp-add ls1 "lp$i"
		       -- lsp-set-addresses "lp$i" "$(ovn_port_mac "$i") $(ovn_port_ip "$i")"
		       -- lsp-set-options "lp$i" requested-chassis=hv$((i % 3)))
	done
	t0=$(now)
	ovn-nbctl --timeout=600 "${args[@]:1}" || die "ovn: the ports"
	t1=$(now)
	log "ovn: the Northbound transaction committed in $(awk -v s="$t0" -v e="$t1" 'BEGIN { printf "%.2f", e - s }') s"

	# Each chassis in turn, until each holds what it should; a time is
	# taken when its tables were read.
	deadline=$((SECONDS + 1200))
	while ((left > 0 && SECONDS < deadline)); do
		for c in 0 1 2; do
			[[ -z ${took[$c]:-} ]] || continue
			want=$((n - (n - c + 2) / 3))
			if ((c == 0)); then
				got=$(ovn_ovs_has)
			else
				got=$(ovn_lsw_has "$c")
			fi
			t=$(now)
			((got >= want)) || continue
			took[$c]=$(awk -v s="$t1" -v e="$t" 'BEGIN { printf "%.2f", e - s }')
			left=$((left - 1))
			log "ovn: hv$c holds the $want ports bound elsewhere after ${took[$c]} s"
		done
		nap 0.2
	done
	for c in 0 1 2; do
		[[ -n ${took[$c]:-} ]] && continue
		want=$((n - (n - c + 2) / 3))
		((c == 0)) && got=$(ovn_ovs_has) || got=$(ovn_lsw_has "$c")
		die "ovn: hv$c holds $got of the $want ports bound elsewhere after 1200 s"
	done
	result "ovn_conv_s_$n" ovs "${took[0]}" s
	if awk -v a="${took[1]}" -v b="${took[2]}" 'BEGIN { exit !(a >= b) }'; then
		result "ovn_conv_s_$n" lsw "${took[1]}" s
		result "ovn_first_s_$n" lsw "${took[2]}" s
	else
		result "ovn_conv_s_$n" lsw "${took[2]}" s
		result "ovn_first_s_$n" lsw "${took[1]}" s
	fi
	result "ovn_first_s_$n" ovs "${took[0]}" s

	for c in hv0 hv1 hv2; do
		if [[ $c == hv0 ]]; then
			t=$(ovn_rss_kib ovn-controller) i=ovs
		else
			t=$(ovn_rss_kib "$c") i=lsw
		fi
		log "ovn: $c's agent: VmRSS ${rss0[$c]} kB before the ports, $t kB after"
		result "ovn_rss_kib_$n" "$i" "$t" kB
		result "ovn_rss_grow_kib_$n" "$i" "$((t - rss0[$c]))" kB
	done
	ovn_undeploy
}

# ovn_undeploy: the daemons, the namespaces, openvswitch if loaded here.
ovn_undeploy()
{
	local ns

	[[ -n ${D:-} ]] || return 0
	ovn_daemons_stop
	for ns in "${OVN_NS[@]}"; do
		ip netns del "$ns" 2>/dev/null
	done
	if [[ -n ${OVN_UNLOAD:-} ]]; then
		wait_for modprobe -r openvswitch || echo "# openvswitch stays loaded"
	fi
	rm -rf "$D"
	D='' OVN_UNLOAD=''
}

cleanup()
{
	local impl

	for impl in $IMPLS gnv; do
		topo_del "$impl"
	done
	ovn_undeploy
	if [[ -n $OVS_UNLOAD ]]; then
		wait_for modprobe -r openvswitch || echo "# openvswitch stays loaded"
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT

modprobe pktgen || die "no pktgen"
modprobe lsw || die "no lsw"
result kernel - "$(uname -r)" -
result cpus - "$(nproc)" -
ovs_init
for impl in $IMPLS gnv; do
	topo_make "$impl"
done
# Nothing runs yet: make sure the topologies pass traffic at all.
for impl in $IMPLS gnv; do
	nsx "$(ns "$impl" vma)" ping -c 1 -W 5 $VMB_IP > /dev/null && continue
	[[ $impl == ovs ]] || die "$impl: vma cannot ping vmb"
	ovs_drop "vma cannot ping vmb through it"
done

for what in ${LSW_BENCH_ONLY:-pps tcp install scale arp bum portsec repl miss ovn}; do
	t0=$SECONDS
	"bench_$what"
	log "$what took $((SECONDS - t0))s"
done
