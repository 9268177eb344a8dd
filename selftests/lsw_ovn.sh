#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lsw as an OVN chassis beside Open vSwitch, with a real OVN (issue 19):
# Debian's ovn-central, an OVS chassis (ovs-vswitchd and ovn-controller)
# and two lsw chassis (lsw-ovn and the lsw module), in the VM.
#
#              NB ovsdb-server <-- ovn-northd --> SB ovsdb-server
#                                                  ^    ^     ^
#                        ovn-controller, ovs-vswitchd  lsw-ovn   lsw-ovn
#   namespaces:          [ hv0 (OVS) ]        [ hv1 (lsw) ]   [ hv2 (lsw) ]
#                          br-int  vif0        ovnK vnet1 vnet3  ovnK vnet2
#                          ul0 .50             ul0 .51           ul0 .52
#                            \___________ br0 in ul __________/
#   VMs (10.0.0.1N/24, fd00::1N/64): vm0 on hv0 (lp0), vm1 and vm3 on hv1
#   (lp1, lp3), vm2 on hv2 (lp2); logical switch ls1, VNI K its tunnel key.
#
# The deployment is made once (the first test) and shared by the tests
# after it, in this order; the suite stops every daemon and deletes every
# namespace when it ends.
#
# - deploy: the daemons, from the Open vSwitch and OVN packages that
#   "make deps" unpacks into $LSW_CACHE/ovn (not installed); the four
#   ports bound where they should be (SB chassis and up), and each pair
#   of VMs reaches the other.
# - chassis: "ovn-sbctl show" lists hv1 and hv2 with their geneve encap
#   and the ports bound there; the lsw switches' tables are what the
#   database says (VTEPs, MACs with the ports' keys, ARP/ND).
# - ping_tcp: ping and TCP between every pair of the four VMs (lsw<->OVS,
#   lsw<->lsw, and vm1<->vm3 in one lsw switch): ping both ways (IPv6
#   one way), TCP one way, both ways between lsw and OVS; on hv1's
#   underlay, vm1<->vm0 is Geneve with VNI K and OVN's option carrying
#   the right ingress and egress keys, both ways (OVS sent its half).
# - arp_nd: vm1 resolves the others afresh: ARP and ND for known ports
#   are answered by hv1's switch (arp_suppressed grows, the replies carry
#   the ports' MACs) and no ARP request or neighbour solicitation crosses
#   the underlay.
# - move: vm3 moves from hv1 to hv2 (requested-chassis and its veth):
#   the binding follows, hv1's switch has lp3 behind hv2, and vm0, vm1
#   and vm2 reach it; the time until they do is printed, not judged.
# - sb_restart: the Southbound server stopped and started again while
#   vm1 pings vm0 and vm2: no echo lost; a change made in the Northbound
#   database meanwhile (an address added to lp2), and one made to hv1's
#   ARP table behind the agent's back, are in step afterwards.
# - lsp_del: lp0 deleted: its MAC and addresses leave both lsw hosts'
#   tables, and the VTEP of hv0 with them.
#
# Needs the packages "make deps" unpacks (skipped without them), the
# kernel's openvswitch module (loaded here, unloaded at the end), jq,
# tcpdump and python3.  Nothing here judges speed.

source "$(dirname "$0")/lib.sh"
source "$LSW_SELFTESTS/lsw_topo.sh"
source "$LSW_SELFTESTS/lsw_ovsdb.sh"

LSW_WAIT=${LSW_WAIT:-60}

TESTS=(
	deploy
	chassis
	ping_tcp
	arp_nd
	move
	sb_restart
	lsp_del
)

# The deployment's fixed names: every test finds it by them.
N_UL=$LSW_NS_PREFIX-ul
N_HV=("$LSW_NS_PREFIX-hv0" "$LSW_NS_PREFIX-hv1" "$LSW_NS_PREFIX-hv2")
N_VM=("$LSW_NS_PREFIX-vm0" "$LSW_NS_PREFIX-vm1" "$LSW_NS_PREFIX-vm2" "$LSW_NS_PREFIX-vm3")
UL_IP=(192.168.250.50 192.168.250.51 192.168.250.52)
VM_IP=(10.0.0.10 10.0.0.11 10.0.0.12 10.0.0.13)
VM_IP6=(fd00::10 fd00::11 fd00::12 fd00::13)
VM_MAC=(0a:00:00:00:00:10 0a:00:00:00:00:11 0a:00:00:00:00:12 0a:00:00:00:00:13)
# Where each VM starts: its chassis, and its port's device there.
VM_HV=(0 1 2 1)
VM_PORT=(vif0 vnet1 vnet2 vnet3)

# --- packages ----------------------------------------------------------------

ovn_need()
{
	local why tool

	why=$(ovn_missing)
	for tool in jq tcpdump; do
		command -v "$tool" >/dev/null || why=${why:-"$tool not found"}
	done
	if [[ -n $why ]]; then
		echo "TAP version 13"
		echo "1..0 # SKIP $why"
		exit "$ksft_skip"
	fi
	ovn_use
}

# --- daemons -----------------------------------------------------------------

# ovn_teardown: every daemon, every namespace, the openvswitch module if
# the suite loaded it; the deployment's logs when a test failed.
ovn_teardown()
{
	local rc=$? ns log

	set +eE
	trap - ERR
	[[ -n ${D:-} ]] || return "$rc"
	ovn_daemons_stop
	if [[ $rc != 0 ]]; then
		for log in "$D"/{hv1,hv2,ovn-controller,ovs-vswitchd,northd}.log; do
			[[ -e $log ]] || continue
			echo "# --- $(basename "$log"), last lines:"
			grep -v '|poller|\|jsonrpc\|reconnect' "$log" | tail -n 15 | sed 's/^/#   /'
		done
	fi
	for ns in "${N_VM[@]}" "${N_HV[@]}" "$N_UL"; do
		ip netns del "$ns" 2>/dev/null
	done
	if [[ -e $D/unload-openvswitch ]]; then
		# Its datapaths go with their namespaces, asynchronously.
		wait_for modprobe -r openvswitch || echo "# openvswitch stays loaded"
	fi
	rm -rf "$D"
	return "$rc"
}

# hv_agent N: lsw-ovn as chassis hvN in its namespace.
hv_agent()
{
	agent_start "${N_HV[$1]}" "hv$1" "${UL_IP[$1]}" ul0
}

# --- the database -------------------------------------------------------------

pb()
{
	ovn-sbctl --bare --columns="$1" find port_binding logical_port="$2"
}

# claimed LP CHASSIS: LP's binding names CHASSIS and is up.
claimed()
{
	local uuid

	uuid=$(pb chassis "$1")
	[[ -n $uuid && $(ovn-sbctl --bare --columns=name list chassis "$uuid") == "$2" &&
	   $(pb up "$1") == true ]]
}

# keys: K (ls1's tunnel key), SW (the lsw switches' name), KP[i] (lpi's).
keys()
{
	local i

	K=$(ovn-sbctl --bare --columns=tunnel_key find datapath_binding external_ids:name=ls1)
	SW=ovn$K
	KP=()
	for i in 0 1 2 3; do
		KP[i]=$(pb tunnel_key "lp$i")
	done
}

# --- the lsw chassis' tables ---------------------------------------------------

# tables N: hvN's switch's tables, one sorted line per entry (the host's
# own MAC left out).
tables()
{
	{
		"$LSW" -n "${N_HV[$1]}" -j vtep show dev "$SW" | jq -r '.[] | "vtep \(.vtep)"'
		"$LSW" -n "${N_HV[$1]}" -j mac show dev "$SW" |
			jq -r '.[] | select(.vtep) | "mac \(.mac) vtep \(.vtep) key \(.key)"'
		"$LSW" -n "${N_HV[$1]}" -j arp show dev "$SW" | jq -r '.[] | "arp \(.ip) \(.mac)"'
	} | sort
}

# has N LINE...: hvN's tables hold every LINE.
has()
{
	local n=$1 t l

	shift
	t=$(tables "$n")
	for l in "$@"; do
		grep -qxF "$l" <<< "$t" || return 1
	done
}

# lacks N WORD...: no line of hvN's tables has any WORD.
lacks()
{
	local n=$1 t w

	shift
	t=$(tables "$n")
	for w in "$@"; do
		! grep -qw -- "$w" <<< "$t" || return 1
	done
}

# entries_of I HV: the table lines for VM I's port bound on chassis HV.
entries_of()
{
	echo "mac ${VM_MAC[$1]} vtep ${UL_IP[$2]} key ${KP[$1]}"
	echo "arp ${VM_IP[$1]} ${VM_MAC[$1]}"
	echo "arp ${VM_IP6[$1]} ${VM_MAC[$1]}"
}

show_tables()
{
	log "hv$1's tables ($SW):"
	tables "$1" | sed 's/^/#   /'
}

# wait_has N LINE...: until hvN's tables hold every LINE.
wait_has()
{
	wait_for has "$@" || { show_tables "$1"; fail "hv$1's tables lack: ${*:2}"; }
}

# --- the deployment ----------------------------------------------------------

deployed()
{
	topo_init
	[[ -e $D/deployed ]] || fail "no deployment (deploy failed)"
	# The keys deploy read (each ovn-sbctl costs seconds under TCG).
	source "$D/deployed"
}

# underlay: the ul namespace's bridge br0, a veth ul0 to it from each hv.
underlay()
{
	local i

	ip netns add "$N_UL"
	for i in 0 1 2; do
		ip netns add "${N_HV[i]}"
	done
	ipb "$N_UL" <<-EOF
	link set lo up
	link add br0 type bridge
	link set br0 up
	EOF
	for i in 0 1 2; do
		ipb "" <<< "link add ul0 netns ${N_HV[i]} type veth peer name ul$i netns $N_UL"
		ipb "$N_UL" <<-EOF
		link set ul$i master br0
		link set ul$i up
		EOF
		ipb "${N_HV[i]}" <<-EOF
		link set lo up
		addr add ${UL_IP[i]}/24 dev ul0
		link set ul0 up
		EOF
	done
}

# vms: each VM's namespace and eth0, its peer (VM_PORT) in its chassis'
# namespace, not yet attached.  MTU 1400: room for Geneve and OVN's
# option.
vms()
{
	local i

	for i in 0 1 2 3; do
		ip netns add "${N_VM[i]}"
		ipb "" <<< "link add eth0 netns ${N_VM[i]} address ${VM_MAC[i]} type veth peer name ${VM_PORT[i]} netns ${N_HV[VM_HV[i]]}"
		ipb "${N_VM[i]}" <<-EOF
		link set lo up
		link set eth0 addrgenmode none
		link set eth0 mtu 1400
		addr add ${VM_IP[i]}/24 dev eth0
		addr add ${VM_IP6[i]}/64 dev eth0 nodad
		link set eth0 up
		EOF
		ipb "${N_HV[VM_HV[i]]}" <<-EOF
		link set ${VM_PORT[i]} addrgenmode none
		link set ${VM_PORT[i]} mtu 1400
		link set ${VM_PORT[i]} up
		EOF
	done
}

# attach I N: VM I's port becomes lpI on lsw chassis hvN (its switch must
# exist).
attach()
{
	local ns=${N_HV[$2]}

	run ip -n "$ns" link set "${VM_PORT[$1]}" master "$SW"
	run "$LSW" -n "$ns" port set dev "${VM_PORT[$1]}" name "lp$1"
}

switch_up()
{
	ip -n "${N_HV[$1]}" link show "$SW" up 2>/dev/null | grep -q UP
}

# reach I J: VM I pings VM J once (for wait_for).
reach()
{
	ip netns exec "${N_VM[$1]}" ping -c 1 -W 1 "${VM_IP[$2]}" >/dev/null 2>&1
}

test_deploy()
{
	local i j start=$SECONDS

	if ! lsmod | grep -q '^openvswitch '; then
		run modprobe openvswitch || fail "cannot load openvswitch"
		touch "$D/unload-openvswitch"
	fi
	lsw_module_load
	underlay
	vms

	# ovn-central: NB, SB, northd; ls1 and its four ports.
	run ovn_central || fail "ovn-central (NB, SB, northd)"
	run ovn-nbctl ls-add ls1
	for i in 0 1 2 3; do
		run ovn-nbctl lsp-add ls1 "lp$i" -- lsp-set-addresses "lp$i" \
			"${VM_MAC[i]} ${VM_IP[i]} ${VM_IP6[i]}" -- \
			lsp-set-options "lp$i" requested-chassis="hv${VM_HV[i]}"
	done

	# The OVS chassis hv0: its own database, ovs-vswitchd and
	# ovn-controller in its namespace; vm0's port gets lp0's iface-id.
	run ovs_chassis "${N_HV[0]}" hv0 "${UL_IP[0]}" ||
		fail "OVS chassis hv0 (ovs-vswitchd, ovn-controller, br-int)"
	run ovs-vsctl --db="unix:$D/db.sock" add-port br-int vif0 -- \
		set interface vif0 external_ids:iface-id=lp0

	# The lsw chassis: the agents make ls1's switch (ports are
	# requested there), the VMs' ports join it, named.
	hv_agent 1 || fail "lsw-ovn on hv1"
	hv_agent 2 || fail "lsw-ovn on hv2"
	keys
	log "ls1: tunnel key $K; ports' keys ${KP[*]}"
	for i in 1 2; do
		wait_for switch_up "$i" || fail "no switch $SW on hv$i"
	done
	run "$LSW" -n "${N_HV[1]}" link show dev "$SW"
	attach 1 1
	attach 3 1
	attach 2 2

	for i in 0 1 2 3; do
		wait_for claimed "lp$i" "hv${VM_HV[i]}" || fail "lp$i not bound to hv${VM_HV[i]}"
	done
	run ovn-nbctl --timeout=60 --wait=hv sync || fail "the chassis did not catch up"
	for i in 0 1 2 3; do
		for j in 0 1 2 3; do
			((i != j)) || continue
			wait_for reach "$i" "$j" || fail "vm$i does not reach vm$j"
		done
	done
	log "deployed in $((SECONDS - start))s"
	declare -p K SW KP | sed 's/^declare -a/declare -ga/; s/^declare --/declare -g/' > "$D/deployed"
}

test_chassis()
{
	local i sec

	deployed
	run ovn-sbctl show
	# One block per chassis: its name, encap and bound ports (names
	# unquoted).
	OUT=$(tr -d '"' <<< "$OUT")
	for i in 1 2; do
		sec=$(awk -v c="hv$i" '/^Chassis / { on = ($2 == c) } on' <<< "$OUT")
		grep -q "Encap geneve" <<< "$sec" || fail "hv$i: no geneve encap"
		grep -qF "ip: ${UL_IP[i]}" <<< "$sec" || fail "hv$i: not its encap IP"
	done
	[[ $(awk '/^Chassis / { c = $2 } /Port_Binding/ { print c, $2 }' <<< "$OUT" |
	     sort | tr '\n' ' ') == "hv0 lp0 hv1 lp1 hv1 lp3 hv2 lp2 " ]] ||
		fail "ovn-sbctl show does not bind lp0 to hv0, lp1 and lp3 to hv1, lp2 to hv2"
	# The switches as lsw-ovn made them, and their tables.
	run "$LSW" -n "${N_HV[1]}" -j link show dev "$SW"
	jq -e ".[0].vni == $K and .[0].metadata == \"ovn\"" <<< "$OUT" >/dev/null ||
		fail "$SW: not VNI $K with metadata ovn"
	run "$LSW" -n "${N_HV[1]}" -j port show dev "$SW"
	[[ $(jq -c '[.[] | select(.name) | [.ifname, .key, .name]] | sort' <<< "$OUT") == \
	   "[[\"vnet1\",${KP[1]},\"lp1\"],[\"vnet3\",${KP[3]},\"lp3\"]]" ]] ||
		fail "hv1's ports do not carry lp1's and lp3's keys"
	wait_has 1 "vtep ${UL_IP[0]}" "vtep ${UL_IP[2]}" \
		"$(entries_of 0 0)" "$(entries_of 2 2)"
	wait_has 2 "vtep ${UL_IP[0]}" "vtep ${UL_IP[1]}" \
		"$(entries_of 0 0)" "$(entries_of 1 1)" "$(entries_of 3 1)"
	show_tables 1
	show_tables 2
}

# Pings of each VM to every other (IPv4; IPv6 one way per pair), and TCP
# for each pair, both ways between lsw and OVS.
test_ping_tcp()
{
	local i j k

	deployed
	for i in 0 1 2 3; do
		for j in 0 1 2 3; do
			((i != j)) || continue
			ping_ok "${N_VM[i]}" "${VM_IP[j]}"
			((i < j)) || continue
			ping_ok "${N_VM[i]}" "${VM_IP6[j]}"
			tcp_transfer "${N_VM[i]}" "${N_VM[j]}" "${VM_IP[j]}" 131072
			((i == 0)) || continue
			tcp_transfer "${N_VM[j]}" "${N_VM[i]}" "${VM_IP[i]}" 131072
		done
	done
	# On the wire between lsw and OVS, both ways: VNI K, OVN's option
	# with the sender's and the receiver's keys.
	cap_start ul "${N_HV[1]}" ul0
	ping_ok "${N_VM[1]}" "${VM_IP[0]}"
	cap_sync ul "${N_HV[1]}" ul0
	cap_stop ul
	k="dport=6081 gnc=1 gnopt=0x0102:0x80:1 ovnrsvd=0 vni=$K"
	[[ $(cap_count ul "saddr=${UL_IP[1]}" "daddr=${UL_IP[0]}" $k \
		"ovnin=${KP[1]}" "ovnout=${KP[0]}" iicmp=8) == 3 ]] ||
		fail "vm1's echo requests did not leave hv1 with lp1's and lp0's keys"
	[[ $(cap_count ul "saddr=${UL_IP[0]}" "daddr=${UL_IP[1]}" $k \
		"ovnin=${KP[0]}" "ovnout=${KP[1]}" iicmp=0) == 3 ]] ||
		fail "vm0's echo replies did not come from OVS with lp0's and lp1's keys"
}

test_arp_nd()
{
	local i ip t ns=${N_VM[1]}
	local -A b a

	deployed
	snap b "${N_HV[1]}" "$SW"
	cap_start ul "${N_HV[1]}" ul0
	cap_start vm "$ns" eth0
	run ip -n "$ns" neigh flush dev eth0
	for i in 0 2 3; do
		ping_ok "$ns" "${VM_IP[i]}"
		ping_ok "$ns" "${VM_IP6[i]}"
	done
	cap_sync ul "${N_HV[1]}" ul0
	cap_sync vm "$ns" eth0
	cap_stop ul
	cap_stop vm
	snap a "${N_HV[1]}" "$SW"
	show_growth hv1 b a
	(($(grew b a arp_suppressed) >= 6)) ||
		fail "hv1 answered $(grew b a arp_suppressed) of vm1's 6 requests"
	for i in 0 2 3; do
		(($(cap_count vm arp=2 "arp_sip=${VM_IP[i]}") >= 1)) ||
			fail "no ARP reply for vm$i"
		(($(cap_count vm icmp=136 "saddr=${VM_IP6[i]}") >= 1)) ||
			fail "no neighbour advertisement for vm$i"
		for ip in "${VM_IP[i]}" "${VM_IP6[i]}"; do
			run ip -n "$ns" neigh show "$ip" dev eth0
			[[ $OUT == *"lladdr ${VM_MAC[i]} "* ]] ||
				fail "vm1 resolved $ip to something else than vm$i's MAC"
		done
	done
	t=$(cap_count ul iarp=1)
	((t == 0)) || fail "$t ARP requests crossed the underlay"
	t=$(cap_count ul iicmp=135)
	((t == 0)) || fail "$t neighbour solicitations crossed the underlay"
}

# vm3 and its port lp3, from hv1 to hv2.
test_move()
{
	local t0 t1 i

	deployed
	t0=$(date +%s.%N)
	run ovn-nbctl lsp-set-options lp3 requested-chassis=hv2
	run ip -n "${N_HV[1]}" link set vnet3 netns "${N_HV[2]}"
	run ip -n "${N_HV[2]}" link set vnet3 up
	attach 3 2
	for i in 0 1 2; do
		wait_for reach "$i" 3 || fail "vm$i does not reach vm3 on hv2"
	done
	t1=$(date +%s.%N)
	log "vm3 moved: reached from vm0, vm1 and vm2 after $(echo "$t1 - $t0" | bc) s"
	wait_for claimed lp3 hv2 || fail "lp3 not bound to hv2"
	wait_has 1 "$(entries_of 3 2)"
	run "$LSW" -n "${N_HV[1]}" -j port show dev "$SW"
	[[ $(jq -r '.[] | select(.ifname == "vnet3")' <<< "$OUT") == "" ]] ||
		fail "vnet3 is still on hv1"
	show_tables 1
	for i in 0 1 2; do
		ping_ok "${N_VM[i]}" "${VM_IP[3]}"
	done
	# Back where it was, for the tests after this one.
	run ovn-nbctl lsp-set-options lp3 requested-chassis=hv1
	run ip -n "${N_HV[2]}" link set vnet3 netns "${N_HV[1]}"
	run ip -n "${N_HV[1]}" link set vnet3 up
	attach 3 1
	wait_for claimed lp3 hv1 || fail "lp3 not bound to hv1 again"
	wait_for reach 0 3 || fail "vm0 does not reach vm3 back on hv1"
}

# ping_losses FILE: echo numbers up to the last answered one that were
# never answered.
ping_losses()
{
	awk '/bytes from/ { sub(/.*icmp_seq=/, ""); sub(/ .*/, ""); got[$0] = 1
		if ($0 + 0 > last) last = $0 + 0 }
		END { for (i = 1; i <= last; i++) if (!(i in got)) n++; print n + 0 }' "$1"
}

ping_answers()
{
	grep -c 'bytes from' "$1" || true
}

test_sb_restart()
{
	local p0 p2 n before

	deployed
	wait_has 1 "arp ${VM_IP[3]} ${VM_MAC[3]}"
	spawn "$D/ping0" "${N_VM[1]}" ping -i 0.2 "${VM_IP[0]}"
	p0=$SPAWNED
	spawn "$D/ping2" "${N_VM[1]}" ping -i 0.2 "${VM_IP[2]}"
	p2=$SPAWNED
	wait_for bash -c "[[ \$(grep -c 'bytes from' '$D/ping0') -ge 3 && \$(grep -c 'bytes from' '$D/ping2') -ge 3 ]]" ||
		fail "the pings are not answered"

	before=$(grep -c 'connection lost' "$D/hv1.log" || true)
	run daemon_stop sb
	wait_for bash -c "[[ \$(grep -c 'connection lost' '$D/hv1.log') -gt $before ]]" ||
		fail "hv1's agent did not see the server go"
	# While it is away: a change in the Northbound database, and one
	# behind hv1's agent's back.
	run ovn-nbctl lsp-set-addresses lp2 "${VM_MAC[2]} ${VM_IP[2]} 10.0.0.22 ${VM_IP6[2]}"
	run "$LSW" -n "${N_HV[1]}" arp del "${VM_IP[3]}" dev "$SW"
	n=$(ping_answers "$D/ping0")
	# Echoes keep coming back while the server is down.
	wait_for bash -c "[[ \$(grep -c 'bytes from' '$D/ping0') -ge $((n + 5)) ]]" ||
		fail "vm1 -> vm0 stopped while the Southbound server is down"
	before=$(grep -c 'connected; reconciling' "$D/hv1.log" || true)
	run db_start sb "$OVN_ROOT/usr/share/ovn/ovn-sb.ovsschema" || fail "SB server again"
	wait_for bash -c "[[ \$(grep -c 'connected; reconciling' '$D/hv1.log') -gt $before ]]" ||
		fail "hv1's agent did not reconnect"
	wait_has 1 "arp 10.0.0.22 ${VM_MAC[2]}" "arp ${VM_IP[3]} ${VM_MAC[3]}"
	wait_has 2 "arp ${VM_IP[3]} ${VM_MAC[3]}"
	n=$(ping_answers "$D/ping0")
	wait_for bash -c "[[ \$(grep -c 'bytes from' '$D/ping0') -ge $((n + 3)) && \$(grep -c 'bytes from' '$D/ping2') -ge $((n + 3)) ]]" ||
		fail "the pings stopped after the restart"
	kill "$p0" "$p2"
	wait "$p0" "$p2" || true
	log "vm1 -> vm0: $(ping_answers "$D/ping0") echoes answered, $(ping_losses "$D/ping0") lost"
	log "vm1 -> vm2: $(ping_answers "$D/ping2") echoes answered, $(ping_losses "$D/ping2") lost"
	[[ $(ping_losses "$D/ping0") == 0 ]] || fail "vm1 -> vm0 lost echoes"
	[[ $(ping_losses "$D/ping2") == 0 ]] || fail "vm1 -> vm2 lost echoes"
	show_tables 1
}

test_lsp_del()
{
	local i

	deployed
	for i in 1 2; do
		wait_has "$i" "vtep ${UL_IP[0]}" "$(entries_of 0 0)"
	done
	run ovn-nbctl lsp-del lp0
	for i in 1 2; do
		wait_for lacks "$i" "${VM_MAC[0]}" "${VM_IP[0]}" "${VM_IP6[0]}" "${UL_IP[0]}" || {
			show_tables "$i"
			fail "lp0's entries or hv0's VTEP are still on hv$i"
		}
		show_tables "$i"
	done
	[[ -z $(pb _uuid lp0) ]] || fail "lp0 is still bound"
	ping_ok "${N_VM[1]}" "${VM_IP[2]}"
}

ovn_need
lsw_require ip jq python3 tcpdump bc
ovn_env
trap 'ovn_teardown' EXIT
lsw_run_tests
