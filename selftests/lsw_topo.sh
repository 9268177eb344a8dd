# SPDX-License-Identifier: GPL-2.0
#
# Topology, traffic and capture helpers of the datapath suites (lsw_dp.sh,
# lsw_geneve.sh, lsw_pmtu.sh), sourced after lib.sh.
#
# The building blocks, as lsw_dp.sh draws them: two hypervisor
# namespaces hv1 and hv2 on an underlay veth ul0 (hv_pair), or routed
# through a namespace rt (hv_routed); switches on them (sw); VM
# namespaces whose eth0 is a veth to a port of a switch (vm); topo puts
# them together as the NSX walkthrough.  Tests check packets with
# captures (cap_*), decoded by lsw_pkt.py, tables with "lsw -j" and
# counters with snapshots (lib.sh: lswj, snap, grew).
#
# Each test calls topo_init first (hv_pair and hv_routed do): processes
# it starts in the background (spawn) are killed when it ends.  Outside
# a test (the bench, the demo), the caller cleans up after itself.

UL4_1=192.168.250.51
UL4_2=192.168.250.52
UL6_1=fd00:250::51
UL6_2=fd00:250::52
VMA_IP=172.16.10.11
VMB_IP=172.16.10.12
VMC_IP=172.16.10.13
VMD_IP=172.16.10.14
VMA_MAC=00:50:56:00:00:0a
VMB_MAC=00:50:56:00:00:0b
VMC_MAC=00:50:56:00:00:0c
VMD_MAC=00:50:56:00:00:0d
BCAST=ff:ff:ff:ff:ff:ff
UL_MAC1=02:00:00:00:01:51
UL_MAC2=02:00:00:00:01:52
# hv_routed: hv1 and hv2 on two subnets, rt between them.
RT4_1=192.168.251.51
RT4_2=192.168.252.52
RT6_1=fd00:251::51
RT6_2=fd00:252::52
RT_MAC2=02:00:00:00:02:52

# --- helpers --------------------------------------------------------------

nsx()
{
	ip netns exec "$@"
}

# Background processes of the current test (captures, servers): killed
# when it ends, before its namespaces go (a process would keep its
# namespace, and the switches in it, alive).
BG=()

__topo_test_cleanup()
{
	local rc=$?

	set +eE
	trap - ERR
	if ((${#BG[@]})); then
		kill "${BG[@]}" 2>/dev/null
		wait "${BG[@]}" 2>/dev/null
	fi
	BG=()
	(exit "$rc")
	__lsw_test_cleanup
}

topo_init()
{
	if [[ -n ${LSW_IN_TEST:-} ]]; then
		trap '__topo_test_cleanup' EXIT
	fi
	lsw_module_load
}

# spawn OUTFILE NS CMD...: CMD in NS in the background, its output in
# OUTFILE; $SPAWNED is its pid.  (Not through a shell function: $! must
# be the process itself, for kill.)
spawn()
{
	local out=$1 ns=$2

	shift 2
	echo "# + $* > ${out##*/} & (in ${ns##*-})"
	ip netns exec "$ns" "$@" > "$out" 2>&1 &
	SPAWNED=$!
	BG+=("$SPAWNED")
}

# ipb NS: the ip commands on stdin, one process ("" = this netns); each
# is printed.
ipb()
{
	local ns=$1 cmds

	cmds=$(cat)
	comment " + ip ${ns:+-n ${ns##*-} }" "$cmds"
	if [[ -n $ns ]]; then
		ip -n "$ns" -batch - <<< "$cmds"
	else
		ip -batch - <<< "$cmds"
	fi
}

# lswb NS: the lsw commands on stdin, one process; each is printed.
lswb()
{
	local ns=$1 cmds

	cmds=$(cat)
	comment " + lsw -n ${ns##*-} " "$cmds"
	"$LSW" -n "$ns" -batch - <<< "$cmds"
}

# pkt NS ARGS...: lsw_pkt.py in NS.
pkt()
{
	local ns=$1

	shift
	run ip netns exec "$ns" python3 -S "$PKT" "$@"
}

# hv_pair [-4] [-s] [-n NAME1,NAME2]: namespaces HV1 and HV2 joined by
# the underlay veth ul0 ($UL_MAC1, $UL_MAC2), with IPv4 and IPv6
# addresses ($UL4_1, $UL6_1 and $UL4_2, $UL6_2).
#   -4  IPv4 only: IPv6 off in both, so that the hosts send nothing of
#       their own (a suite that counts every frame, the bench)
#   -s  static neighbour entries for each other's addresses: no ARP or
#       ND on the underlay
#   -n  these names for the namespaces instead of unique ones
hv_pair()
{
	local opt v6=1 static= names= i j
	local -a hv mac=("$UL_MAC1" "$UL_MAC2") ip4=("$UL4_1" "$UL4_2") ip6=("$UL6_1" "$UL6_2")

	OPTIND=1
	while getopts 4sn: opt; do
		case $opt in
		4) v6= ;;
		s) static=1 ;;
		n) names=$OPTARG ;;
		*) fail "hv_pair: unknown option" ;;
		esac
	done
	topo_init
	if [[ -n $names ]]; then
		ns_create HV1="${names%%,*}" HV2="${names#*,}"
	else
		ns_create HV1 HV2
	fi
	hv=("$HV1" "$HV2")
	ipb "" <<< "link add ul0 netns $HV1 type veth peer name ul0 netns $HV2" ||
		fail "no underlay veth"
	for i in 0 1; do
		j=$((1 - i))
		if [[ -z $v6 ]]; then
			run nsx "${hv[i]}" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
				net.ipv6.conf.default.disable_ipv6=1 || fail "IPv6 stays on"
		fi
		{
			echo "link set ul0 address ${mac[i]}"
			echo "addr add ${ip4[i]}/24 dev ul0"
			[[ -z $v6 ]] || echo "addr add ${ip6[i]}/64 dev ul0 nodad"
			echo "link set ul0 up"
			if [[ -n $static ]]; then
				echo "neigh replace ${ip4[j]} lladdr ${mac[j]} dev ul0 nud permanent"
				[[ -z $v6 ]] || echo "neigh replace ${ip6[j]} lladdr ${mac[j]} dev ul0 nud permanent"
			fi
		} | ipb "${hv[i]}" || fail "underlay setup in ${hv[i]##*-}"
	done
}

# hv_routed: namespaces HV1 and HV2 in two underlay subnets, routed by
# RT (forwarding IPv4 and IPv6):
#
#   hv1 ul0 192.168.251.51/24 -- ul1 [ rt ] ul2 -- ul0 192.168.252.52/24 hv2
#           fd00:251::51/64     .251.1   .252.1     fd00:252::52/64
#                               fd00:251::1   fd00:252::1 (ul2: $RT_MAC2)
hv_routed()
{
	topo_init
	ns_create HV1 HV2 RT
	ipb "" <<-EOF
	link add ul0 netns $HV1 type veth peer name ul1 netns $RT
	link add ul0 netns $HV2 type veth peer name ul2 netns $RT
	EOF
	ipb "$RT" <<-EOF
	link set ul2 address $RT_MAC2
	addr add 192.168.251.1/24 dev ul1
	addr add fd00:251::1/64 dev ul1 nodad
	addr add 192.168.252.1/24 dev ul2
	addr add fd00:252::1/64 dev ul2 nodad
	link set ul1 up
	link set ul2 up
	EOF
	run nsx "$RT" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
	ipb "$HV1" <<-EOF
	addr add $RT4_1/24 dev ul0
	addr add $RT6_1/64 dev ul0 nodad
	link set ul0 up
	route add default via 192.168.251.1
	route add ::/0 via fd00:251::1
	EOF
	ipb "$HV2" <<-EOF
	addr add $RT4_2/24 dev ul0
	addr add $RT6_2/64 dev ul0 nodad
	link set ul0 up
	route add default via 192.168.252.1
	route add ::/0 via fd00:252::1
	EOF
}

# sw NS NAME VNI LOCAL [LINK_OPTIONS...]: a switch over ul0, up.  No
# IPv6 on it (nor on any device the tests switch): no router
# solicitation, MLD report or DAD probe to flood, nothing but the tests'
# own frames crosses the switches.
sw()
{
	local ns=$1 name=$2 vni=$3 local=$4

	shift 4
	run "$LSW" -n "$ns" link add "$name" vni "$vni" local "$local" dev ul0 "$@"
	ipb "$ns" <<-EOF
	link set $name addrgenmode none
	link set $name up
	EOF
}

# vm VAR HVNS SWITCH PORT IP MAC: a VM namespace (its name in $VAR) whose
# eth0 is a veth to PORT, a port of SWITCH (an lsw device or a bridge),
# with the switch's MTU ($VM_MTU, 1450 unless set), as a cloud sets its
# VMs' MTU.
vm()
{
	local var=$1 hv=$2 switch=$3 port=$4 ip=$5 mac=$6

	ns_create "$var"
	ipb "" <<< "link add eth0 netns ${!var} address $mac type veth peer name $port netns $hv"
	ipb "${!var}" <<-EOF
	link set eth0 addrgenmode none
	link set eth0 mtu ${VM_MTU:-1450}
	addr add $ip/24 dev eth0
	link set eth0 up
	EOF
	ipb "$hv" <<-EOF
	link set $port addrgenmode none
	link set $port master $switch
	link set $port up
	EOF
}

# topo 4|6 [LINK_OPTIONS...]: the walkthrough over an IPv4 or IPv6
# underlay, $L1/$L2 the VTEP addresses.  Each switch has the other in its
# VTEP table, unless NO_VTEP=1.
topo()
{
	local fam=$1

	shift
	hv_pair
	if [[ $fam == 6 ]]; then
		L1=$UL6_1 L2=$UL6_2 VM_MTU=1430
	else
		L1=$UL4_1 L2=$UL4_2 VM_MTU=1450
	fi
	sw "$HV1" lsw5001 5001 "$L1" "$@"
	sw "$HV2" lsw5001 5001 "$L2" "$@"
	vm VMA "$HV1" lsw5001 vnet0 "$VMA_IP" "$VMA_MAC"
	vm VMB "$HV2" lsw5001 vnet0 "$VMB_IP" "$VMB_MAC"
	if [[ -z ${NO_VTEP:-} ]]; then
		run "$LSW" -n "$HV1" vtep add "$L2" dev lsw5001
		run "$LSW" -n "$HV2" vtep add "$L1" dev lsw5001
	fi
}

# static_neigh: vma and vmb know each other's MAC: no ARP between them,
# not even the probes that confirm a neighbour seconds later.
static_neigh()
{
	run ip -n "$VMA" neigh replace "$VMB_IP" lladdr "$VMB_MAC" dev eth0 nud permanent
	run ip -n "$VMB" neigh replace "$VMA_IP" lladdr "$VMA_MAC" dev eth0 nud permanent
}

# ping_ok NS DST [PING ARGS...]: every echo answered.
ping_ok()
{
	local ns=$1 dst=$2

	shift 2
	run nsx "$ns" ping -c 3 -i 0.2 -W 5 "$@" "$dst" ||
		fail "no answer from $dst"
	[[ $OUT == *" 0% packet loss"* ]] || fail "echoes lost to $dst"
}

# ping_fails NS DST [PING ARGS...]: no echo answered.
ping_fails()
{
	local ns=$1 dst=$2

	shift 2
	fails nsx "$ns" ping -c 1 -W 2 "$@" "$dst"
	[[ $OUT == *" 0 received"* || $OUT == *"100% packet loss"* ]] ||
		fail "unexpected ping result to $dst"
}

# tcp_transfer FROM TO DST BYTES: BYTES random bytes over TCP from
# namespace FROM to DST (an address of namespace TO), received intact.
tcp_transfer()
{
	local from=$1 to=$2 dst=$3 bytes=$4 sent got

	spawn "$T/tcp.recv" "$to" python3 -S "$PKT" tcp-recv 5201
	wait_for bash -c "ip netns exec '$to' ss -Hltn 'sport = :5201' | grep -q 5201" ||
		fail "TCP server not listening"
	pkt "$from" tcp-send "$dst" 5201 "$bytes" || fail "TCP transfer failed"
	sent=$OUT
	wait "$SPAWNED" || fail "TCP receiver failed: $(cat "$T/tcp.recv")"
	got=$(cat "$T/tcp.recv")
	log "sent $sent"
	log "got  $got"
	[[ $sent == "$bytes "* ]] || fail "did not send $bytes bytes"
	[[ $got == "$sent" ]] || fail "received data differs"
}

# udp_drops NS PORT: the drops of the IPv4 UDP socket bound to PORT in NS.
udp_drops()
{
	nsx "$1" awk -v p="$(printf ':%04X' "$2")" \
		'substr($2, length($2) - 4) == p { print $NF; n++ } END { if (!n) print "none" }' \
		/proc/net/udp
}

# ul_tx_packets: the packets hv1's ul0 has sent, counted by the interface
# (a busy host's tcpdump may miss some).
ul_tx_packets()
{
	ip -n "$HV1" -s -j link show ul0 | jq '.[0].stats64.tx.packets'
}

# gro_transfer: 1 MiB of TCP from vma to vmb, cut into segments on the
# wire (hv1's ul0 does no segmentation offload) and merged on arrival
# (hv2's ul0 runs GRO, in NAPI mode): hv1's ul0 is captured as "tx",
# hv2's as "rx"; GRO_TX0 is ul_tx_packets before, hv2's counters before
# and after are in the caller's b and a ("local -A b a").
gro_transfer()
{
	run nsx "$HV1" ethtool -K ul0 tso off gso off tx-udp_tnl-segmentation off
	run nsx "$HV2" ethtool -K ul0 gro on
	snap b "$HV2" lsw5001
	GRO_TX0=$(ul_tx_packets)
	cap_start tx "$HV1" ul0
	cap_start rx "$HV2" ul0
	tcp_transfer "$VMA" "$VMB" "$VMB_IP" 1048576
	cap_sync tx "$HV1" ul0
	cap_sync rx "$HV2" ul0
	cap_stop tx
	cap_stop rx
	snap a "$HV2" lsw5001
	show_growth hv2 b a
}

# --- captures -------------------------------------------------------------

# cap_start NAME NS DEV: tcpdump on DEV in NS, everything, into NAME.pcap;
# returns once it listens.
cap_start()
{
	local name=$1 ns=$2 dev=$3

	rm -f "$T/$name.pcap" "$T/$name.err" "$T/$name.txt" "$T/$name.read"
	spawn "$T/$name.err" "$ns" tcpdump -nn -i "$dev" -s 0 -U \
		--immediate-mode -Z root -w "$T/$name.pcap"
	eval "CAP_$name=$SPAWNED"
	wait_for grep -q "listening on" "$T/$name.err" ||
		fail "tcpdump did not start: $(cat "$T/$name.err")"
}

# cap_read NAME: decode what capture NAME holds so far into NAME.txt
# (see lsw_pkt.py dump), which cap_count and cap_field read.  Not again
# when tcpdump wrote nothing since the last decode began (NAME.read is
# newer than the capture): python's start-up is most of a decode's time,
# and a capture is often read by cap_sync just before cap_stop.  A write
# in the same clock tick as NAME.read is decoded.
cap_read()
{
	local pcap=$T/$1.pcap read=$T/$1.read

	if [[ -e $pcap && -e $T/$1.txt && $read -nt $pcap ]]; then
		return 0
	fi
	: > "$read"
	python3 -S "$PKT" dump "$pcap" > "$T/$1.txt" || {
		rm -f "$read"
		return 1
	}
}

# cap_stop NAME: stop the capture, decode it and show it.
cap_stop()
{
	local name=$1 pid

	pid=$(eval echo "\$CAP_$name")
	# Not SIGINT: background commands of a script ignore it.
	kill -TERM "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	cap_read "$name"
	log "capture $name: $(wc -l < "$T/$name.txt") packets"
	head -n 40 "$T/$name.txt" | sed 's/^/#   /'
}

# cap_match NAME KEY WORD...: the packets of capture NAME (as last read)
# whose decoding has every WORD (key=value), exactly: one line each, the
# value of KEY ("" = the whole line).
cap_match()
{
	local name=$1 key=$2

	shift 2
	awk -v want="$*" -v key="$key=" '
		BEGIN { n = split(want, w, " ") }
		{
			delete have
			v = key == "=" ? $0 : ""
			for (i = 1; i <= NF; i++) {
				have[$i] = 1
				if (v == "" && index($i, key) == 1)
					v = substr($i, length(key) + 1)
			}
			for (j = 1; j <= n; j++)
				if (!(w[j] in have))
					next
			print v
		}' "$T/$name.txt"
}

# cap_count NAME WORD...: how many packets match.
cap_count()
{
	local name=$1

	shift
	cap_match "$name" "" "$@" | wc -l
}

# cap_field NAME KEY WORD...: the KEY values of the matching packets,
# sorted, on one line.
cap_field()
{
	cap_match "$@" | sort | tr '\n' ' ' | sed 's/ $//'
}

# cap_has NAME MIN WORD...: at least MIN such packets so far (reads the
# capture: for wait_for).
cap_has()
{
	local name=$1 min=$2

	shift 2
	cap_read "$name" 2>/dev/null
	(($(cap_count "$name" "$@") >= min))
}

# ping_wire [PING ARGS...]: vma pings vmb, every echo answered, while
# hv1's ul0 is captured as "ul"; the counters before and after are in
# the caller's b and a (hv1) and b2 and a2 (hv2) ("local -A b a b2 a2"),
# their growth logged.
ping_wire()
{
	snap b "$HV1" lsw5001
	snap b2 "$HV2" lsw5001
	cap_start ul "$HV1" ul0
	ping_ok "$VMA" "$VMB_IP" "$@"
	cap_sync ul "$HV1" ul0
	cap_stop ul
	snap a "$HV1" lsw5001
	snap a2 "$HV2" lsw5001
	show_growth hv1 b a
	show_growth hv2 b2 a2
}

# cap_sync NAME NS DEV: send a marked frame out of DEV in NS and wait
# until capture NAME has it: whatever DEV sent before is in the capture.
cap_sync()
{
	local name=$1 ns=$2 dev=$3 mark=sync-$RANDOM

	pkt "$ns" frame "$dev" --dst 02:00:00:00:00:ff --mark "$mark"
	wait_for cap_has "$name" 1 mark="$mark" || fail "capture $name is stuck"
}

# topo_run_tests TOOL...: run the suite's TESTS (see lib.sh), with the
# tools it needs, and a directory $T for its captures and logs.
topo_run_tests()
{
	lsw_require "$@"
	T=$(mktemp -d)
	trap 'rm -rf "$T"' EXIT
	lsw_run_tests
}
