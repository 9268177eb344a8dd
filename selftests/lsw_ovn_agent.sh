#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lsw-ovn, the OVN chassis agent, on the host, against a real OVN
# Southbound database, with a stand-in for the kernel:
#
#   ovn-nbctl --> NB ovsdb-server --> ovn-northd --> SB ovsdb-server
#                                                      |   ^
#        fake OVS chassis rows (ovn-sbctl chassis-add,  |   | Chassis hv1,
#        lsp-bind): hv2 geneve 192.0.2.2, hv3 ...       v   | claims, up
#                                                     lsw-ovn (hv1, 192.0.2.1)
#                                                       |  lsw -batch -, lsw -j ... show
#                                                       v  ip link set ... up alias
#                                       lsw_ovn_fake.py: devices and tables in a
#                                       JSON file, every command logged
#
# Every daemon runs in a directory of its own per test and is stopped at
# its end.  Nothing waits for a fixed time: each check polls until it
# holds (up to $LSW_WAIT seconds).
#
# - register: Chassis hv1 with its geneve Encap (csum), hostname and
#   port-up-notif; Chassis_Private; ovn-nbctl --wait=hv returns, nb_cfg
#   echoed.
# - tables: the switch of a logical switch (VNI = tunnel key, geneve,
#   metadata ovn, learning off, up, ifalias), and its VTEP, MAC (with
#   keys) and ARP/ND tables exactly as the database says: remote VIFs of
#   two chassis, a local port, "unknown" addresses and a chassis whose
#   encap is IPv6 left out; no switch for a datapath with nothing here.
# - claim: a port named by its lsw port name, and one by its device
#   name (requested by host name), are claimed (chassis, encap, up in SB
#   and NB) and get their keys.
# - requested_chassis: a port requested and bound elsewhere is not
#   claimed (no key, its MAC behind the other chassis); requested here
#   it is, its MAC local; requested elsewhere again it is released, and
#   bound there its MAC is behind that chassis again.
# - port_gone: the device goes (or is renamed): the binding is released,
#   and no "mac del" is sent for entries the kernel deleted itself.
# - lsp_del: a remote port deleted: its entries go, and its VTEP with
#   the last port behind it; the local one deleted: its entries go;
#   the logical switch deleted: the switch stays while a port is on it,
#   and goes with its last port.
# - sb_restart: the Southbound server killed: nothing is sent to the
#   kernel while it is away (changes made behind the agent's back
#   included); started again on the same database: the agent reconnects,
#   repairs exactly those changes (no flush, no other deletion), and the
#   binding is still its own.
# - sb_late: the Southbound server starts after the agent: it retries
#   with backoff, logging it, then registers.
# - resync: ovn-appctl lsw-ovn/resync repairs a change made behind the
#   agent's back.
# - kernel_refuses: an entry the kernel refuses is logged and left out,
#   the entries after it are programmed all the same, the port is
#   claimed; once the kernel accepts it, it is programmed (30 s later).
# - vxlan_refused: a chassis with a vxlan encap: the agent refuses to
#   run (exit status 2, the message names the chassis), at start and
#   when one appears later, and touches nothing in the kernel.
# - bad_keys: (a database whose schema lets them in) a datapath key above
#   16777215 and a port key above 32767 are refused with a message each,
#   and the other ports of the same datapath are served.
# - foreign_switch: an ovnN switch not made as lsw-ovn makes it is left
#   alone, with a message.
# - exit: SIGTERM leaves the chassis, bindings and kernel as they are;
#   "exit --cleanup" releases the bindings and deletes the chassis, and
#   still touches nothing in the kernel.
# - remotes: tcp: and ssl: remotes (with --private-key, --certificate,
#   --ca-cert); a server whose certificate the CA did not sign: logged
#   and retried, not registered.
#
# Needs python3-openvswitch for /usr/bin/python3 (the agent's
# interpreter), jq, openssl, and the programs and schemas of
# openvswitch-common, ovn-common and ovn-central: installed, or unpacked
# into $LSW_CACHE/ovn/root (installed, ovn-central would start its
# daemons on this host).  "make deps" provides them all; without one,
# the suite is skipped with one line that names it.  Not root.  No
# kernel module: lsw_ovn.sh runs the agent against the real one, in the
# VM.  LSW_OVN_KEEP=1 keeps each test's directory (daemons' logs, the
# fake's state and log).

source "$(dirname "$0")/lib.sh"
source "$LSW_SELFTESTS/lsw_ovsdb.sh"

LSW_NO_DMESG=1
LSW_WAIT=${LSW_WAIT:-60}
AGENT=$LSW_TOP/ovn/lsw-ovn
FAKE=$LSW_TOP/selftests/lsw_ovn_fake.py
# The agent's interpreter: python3-openvswitch is Debian's, for it only.
PYTHON=/usr/bin/python3
# Open vSwitch and OVN where they are installed, else where "make deps"
# unpacked them.
OVN_ROOT=$LSW_CACHE/ovn/root
PATH=$PATH:$OVN_ROOT/usr/bin:$OVN_ROOT/usr/sbin
OVN_SCHEMAS=/usr/share/ovn
[[ -f "$OVN_SCHEMAS/ovn-sb.ovsschema" ]] || OVN_SCHEMAS=$OVN_ROOT/usr/share/ovn

TESTS=(
	register
	tables
	claim
	requested_chassis
	port_gone
	lsp_del
	sb_restart
	sb_late
	resync
	kernel_refuses
	vxlan_refused
	bad_keys
	foreign_switch
	exit
	remotes
)

need_all()
{
	local tool

	for tool in ovsdb-server ovsdb-tool ovsdb-client ovs-appctl ovn-northd \
		ovn-nbctl ovn-sbctl ovn-appctl jq openssl; do
		if ! command -v "$tool" >/dev/null; then
			echo "TAP version 13"
			echo "1..0 # SKIP $tool not found (make deps)"
			exit "$ksft_skip"
		fi
	done
	if [[ ! -f "$OVN_SCHEMAS/ovn-sb.ovsschema" ]]; then
		echo "TAP version 13"
		echo "1..0 # SKIP no OVN schemas in /usr/share/ovn (make deps)"
		exit "$ksft_skip"
	fi
	if ! "$PYTHON" -c 'import ovs.db.idl' 2>/dev/null; then
		echo "TAP version 13"
		echo "1..0 # SKIP python3-openvswitch not installed for $PYTHON (make deps)"
		exit "$ksft_skip"
	fi
}

# --- daemons ---------------------------------------------------------------

# ovn_env: a directory for this test's daemons, sockets, logs and
# "kernel"; everything in it is stopped and removed when the test ends.
ovn_env()
{
	T=$(mktemp -d /tmp/lsw-ovn-agent.XXXXXX)
	export OVS_RUNDIR=$T OVS_LOGDIR=$T OVS_DBDIR=$T OVS_SYSCONFDIR=$T
	export OVN_RUNDIR=$T OVN_LOGDIR=$T OVN_DBDIR=$T OVN_SYSCONFDIR=$T
	export OVN_NB_DB=unix:$T/nb.sock OVN_SB_DB=unix:$T/sb.sock
	export LSW_FAKE_STATE=$T/kernel.json LSW_FAKE_LOG=$T/kernel.log
	export LSW_FAKE_FAIL=$T/kernel.fail
	mkdir "$T/bin"
	ln -s "$FAKE" "$T/bin/lsw"
	ln -s "$FAKE" "$T/bin/ip"
	: > "$LSW_FAKE_LOG"
	trap '__rc=$?; ovn_cleanup $__rc; (exit $__rc); __lsw_test_cleanup' EXIT
}

ovn_cleanup()
{
	local rc=$1 pidfile log

	set +eE
	trap - ERR
	for pidfile in "$T"/*.pid; do
		[[ -e $pidfile ]] && daemon_stop "$(basename "$pidfile" .pid)"
	done
	if [[ $rc != 0 ]]; then
		for log in "$T"/hv*.log; do
			[[ -e $log ]] || continue
			echo "# --- $(basename "$log"), last lines:"
			grep -v '|poller|\|jsonrpc' "$log" | tail -n 25 | sed 's/^/#   /'
		done
		echo "# --- kernel.log, last lines:"
		tail -n 25 "$LSW_FAKE_LOG" | sed 's/^/#   /'
	fi
	[[ -n ${LSW_OVN_KEEP:-} ]] && log "kept $T" || rm -rf "$T"
}

# ovn_start: NB and SB servers and northd, as ovn-central runs them.
ovn_start()
{
	ovn_env
	db_start sb "$OVN_SCHEMAS/ovn-sb.ovsschema"
	db_start nb "$OVN_SCHEMAS/ovn-nb.ovsschema"
	ovn-northd --detach --no-chdir --pidfile="$T/northd.pid" \
		--log-file="$T/northd.log" --unixctl="$T/northd.ctl" -vconsole:off \
		--ovnnb-db="$OVN_NB_DB" --ovnsb-db="$OVN_SB_DB" \
		2>>"$T/northd.stderr"
	ovn-nbctl init
}

# agent_start NAME IP [OPTION...]: lsw-ovn as chassis NAME with encap IP,
# detached, its log at debug level in $T/NAME.log.
agent_start()
{
	local name=$1 ip=$2

	shift 2
	env PATH="$T/bin:$PATH" LSW="$T/bin/lsw" "$PYTHON" "$AGENT" \
		--chassis "$name" --encap-ip "$ip" --detach --no-chdir \
		--pidfile="$T/$name.pid" --log-file="$T/$name.log" \
		--unixctl="$T/$name.ctl" -vconsole:off -vfile:dbg "$@"
}

# agent_start_registered NAME IP [OPTION...]: and wait for its Chassis.
agent_start_registered()
{
	agent_start "$@"
	wait_for chassis_is "$1"
}

# --- the database ----------------------------------------------------------

chassis_is()
{
	[[ -n $(ovn-sbctl --bare --columns=_uuid find chassis name="$1") ]]
}

no_chassis()
{
	! chassis_is "$1"
}

# pb COLUMN LP: a column of logical port LP's Port_Binding.
pb()
{
	ovn-sbctl --bare --columns="$1" find port_binding logical_port="$2"
}

# bound_to LP CHASSIS: LP's binding names CHASSIS ("" for none).
bound_to()
{
	local uuid name=""

	uuid=$(pb chassis "$1")
	if [[ -n $uuid ]]; then
		name=$(ovn-sbctl --bare --columns=name list chassis "$uuid")
	fi
	[[ $name == "$2" ]]
}

# claimed LP CHASSIS: bound there and up, in SB and (through northd) NB.
claimed()
{
	bound_to "$1" "$2" && [[ $(pb up "$1") == true ]] &&
		[[ $(ovn-nbctl lsp-get-up "$1") == up ]]
}

released()
{
	bound_to "$1" "" && [[ $(pb up "$1") == false ]]
}

dp_key()
{
	ovn-sbctl --bare --columns=tunnel_key find datapath_binding \
		external_ids:name="$1"
}

# lsp NAME SWITCH ADDRESSES [OPTIONS]: a logical switch port.
lsp()
{
	ovn-nbctl lsp-add "$2" "$1"
	ovn-nbctl lsp-set-addresses "$1" "$3"
	if [[ -n ${4:-} ]]; then
		ovn-nbctl lsp-set-options "$1" "$4"
	fi
}

# --- the "kernel" ----------------------------------------------------------

k()
{
	"$T/bin/lsw" "$@"
}

kip()
{
	"$T/bin/ip" "$@"
}

# vif DEV SWITCH [NAME]: a VM's port: a device enslaved to SWITCH, with
# lsw port name NAME.
vif()
{
	kip link add "$1" type dummy
	k link set "$2" port add "$1"
	if [[ -n ${3:-} ]]; then
		k port set dev "$1" name "$3"
	fi
}

# tables SW: switch SW's tables, one sorted line per entry, from the
# fake's state (reading it logs nothing).
tables()
{
	jq -r --arg sw "$1" '.devs[$sw] // empty |
		(.vtep[] | "vtep \(.)"),
		(.mac | to_entries[] | "mac \(.key) " +
			if .value.port then "port \(.value.port)"
			else "vtep \(.value.vtep) key \(.value.key)" end),
		(.arp | to_entries[] | "arp \(.key) \(.value.mac)")' \
		"$LSW_FAKE_STATE" | sort
}

tables_are()
{
	[[ $(tables "$1") == "$(sort <<< "$2")" ]]
}

# wait_tables SW EXPECTED: until SW's tables are exactly EXPECTED.
wait_tables()
{
	__expected=$2
	if ! wait_for tables_expected "$1"; then
		log "expected:"
		sort <<< "$2" | sed 's/^/#   /'
		log "got:"
		tables "$1" | sed 's/^/#   /'
		fail "$1's tables are not as the database says"
	fi
}

tables_expected()
{
	tables_are "$1" "$__expected"
}

# dev_json DEV JQ: a field of device DEV in the fake's state.
dev_json()
{
	jq -r --arg d "$1" ".devs[\$d] | $2" "$LSW_FAKE_STATE"
}

exists()
{
	[[ $(dev_json "$1" 'type') == object ]]
}

port_key()
{
	[[ $(dev_json "$1" .key) == "$2" ]]
}

# mark: where the kernel's log is now; since MARK: what was run after.
mark()
{
	wc -l < "$LSW_FAKE_LOG"
}

since()
{
	tail -n "+$(($1 + 1))" "$LSW_FAKE_LOG"
}

# writes MARK: the commands run since MARK that change the kernel (all
# but "show").
writes()
{
	since "$1" | grep -E '^(ok|error): (lsw|ip) ' |
		grep -vE '^(ok|error): (lsw|ip) \S+ (show|list)( |$)' || true
}

# agent_count NAME PATTERN: how many lines of NAME's log match PATTERN.
agent_count()
{
	grep -cE -- "$2" "$T/$1.log" || true
}

# agent_logged NAME PATTERN [COUNT]: NAME's log has COUNT (1) lines
# matching PATTERN.
agent_logged()
{
	(($(agent_count "$1" "$2") >= ${3:-1}))
}

no_flush()
{
	if grep -E '^(ok|error): lsw \S+ flush' "$LSW_FAKE_LOG"; then
		fail "the agent flushed a table"
	fi
}

# --- a deployment ------------------------------------------------------------

# Logical switch ls1: lp1 (for a VM here), lp2 on OVS chassis hv2, lp3 on
# hv3.  Sets K1 (ls1's tunnel key) and KP1..KP3 (the ports').
deployment()
{
	ovn-nbctl ls-add ls1
	lsp lp1 ls1 "00:00:00:00:01:01 10.0.0.1 fd00::1"
	lsp lp2 ls1 "00:00:00:00:01:02 10.0.0.2"
	lsp lp3 ls1 "00:00:00:00:01:03 10.0.0.3 10.0.0.33"
	ovn-sbctl chassis-add hv2 geneve 192.0.2.2
	ovn-sbctl chassis-add hv3 geneve 192.0.2.3
	wait_for bash -c "[[ -n \$(ovn-sbctl --bare --columns=_uuid find port_binding logical_port=lp3) ]]"
	ovn-sbctl lsp-bind lp2 hv2
	ovn-sbctl lsp-bind lp3 hv3
	K1=$(dp_key ls1)
	KP1=$(pb tunnel_key lp1)
	KP2=$(pb tunnel_key lp2)
	KP3=$(pb tunnel_key lp3)
	SW=ovn$K1
}

remote_entries()
{
	cat <<-EOF
	vtep 192.0.2.2
	vtep 192.0.2.3
	mac 00:00:00:00:01:02 vtep 192.0.2.2 key $KP2
	mac 00:00:00:00:01:03 vtep 192.0.2.3 key $KP3
	arp 10.0.0.2 00:00:00:00:01:02
	arp 10.0.0.3 00:00:00:00:01:03
	arp 10.0.0.33 00:00:00:00:01:03
	EOF
}

local_entries()
{
	cat <<-EOF
	mac 00:00:00:00:01:01 port tap1
	arp 10.0.0.1 00:00:00:00:01:01
	arp fd00::1 00:00:00:00:01:01
	EOF
}

# A deployment with lp1 bound here on tap1, every table programmed.
bound_deployment()
{
	ovn_start
	deployment
	ovn-nbctl lsp-set-options lp1 requested-chassis=hv1
	agent_start_registered hv1 192.0.2.1
	wait_for exists "$SW"
	vif tap1 "$SW" lp1
	wait_for claimed lp1 hv1
	wait_tables "$SW" "$(remote_entries; local_entries)"
	settle
}

# settle: until hv1 has done all it had to (it echoes nb_cfg once the
# kernel is in step with the database).
settle()
{
	run ovn-nbctl --timeout="$LSW_WAIT" --wait=hv sync
}

# --- the tests -------------------------------------------------------------

test_register()
{
	local ch encap

	ovn_start
	agent_start_registered hv1 192.0.2.1
	ch=$(ovn-sbctl --bare --columns=_uuid find chassis name=hv1)
	run ovn-sbctl list chassis "$ch"
	[[ $(ovn-sbctl --bare --columns=hostname list chassis "$ch") == "$(hostname)" ]] ||
		fail "hostname is not the host's"
	[[ $(ovn-sbctl get chassis "$ch" other_config:port-up-notif) == '"true"' ]] ||
		fail "port-up-notif is not set"
	encap=$(ovn-sbctl --bare --columns=encaps list chassis "$ch")
	run ovn-sbctl list encap "$encap"
	[[ $(ovn-sbctl --bare --columns=type list encap "$encap") == geneve ]]
	[[ $(ovn-sbctl --bare --columns=ip list encap "$encap") == 192.0.2.1 ]]
	[[ $(ovn-sbctl get encap "$encap" options:csum) == '"true"' ]]
	[[ $(ovn-sbctl --bare --columns=chassis_name list encap "$encap") == hv1 ]]
	run ovn-sbctl --bare --columns=chassis find chassis_private name=hv1
	[[ $OUT == "$ch" ]] || fail "Chassis_Private hv1 does not point at hv1"

	# northd waits for every Chassis_Private to echo nb_cfg.
	ovn-nbctl ls-add ls1
	run ovn-nbctl --timeout="$LSW_WAIT" --wait=hv sync ||
		fail "ovn-nbctl --wait=hv did not return: nb_cfg not echoed"
	[[ $(ovn-sbctl --bare --columns=nb_cfg find chassis_private name=hv1) == \
	   $(ovn-sbctl --bare --columns=nb_cfg list sb_global) ]]
	# Nothing is bound or requested here: no switch.
	[[ $(jq '[.devs[] | select(.kind == "lsw")] | length' \
		"$LSW_FAKE_STATE" 2>/dev/null || echo 0) == 0 ]] ||
		fail "a switch was made for nothing"
}

# sw_is_up_as SWITCH ALIAS: whether SWITCH is up, with ifalias ALIAS.
sw_is_up_as()
{
	run kip -j link show dev "$1"
	[[ $(jq -r '.[0] | "\(.ifalias) \(.flags | index("UP") != null)"' <<< "$OUT") == "$2 true" ]]
}

test_tables()
{
	ovn_start
	deployment
	ovn-nbctl lsp-set-options lp1 requested-chassis=hv1
	# Left out: "unknown" addresses, a chassis over IPv6 (this one's
	# underlay is IPv4), and a logical switch with nothing here.
	lsp lp4 ls1 "unknown"
	ovn-sbctl chassis-add hv4 geneve 2001:db8::4
	lsp lp5 ls1 "00:00:00:00:01:05 10.0.0.5"
	ovn-nbctl ls-add ls2
	lsp lp6 ls2 "00:00:00:00:02:06 10.0.2.6"
	wait_for bash -c "[[ -n \$(ovn-sbctl --bare --columns=_uuid find port_binding logical_port=lp6) ]]"
	ovn-sbctl lsp-bind lp4 hv3
	ovn-sbctl lsp-bind lp5 hv4
	ovn-sbctl lsp-bind lp6 hv2

	agent_start_registered hv1 192.0.2.1
	# lp1 is requested here: the switch is made before any port.
	wait_tables "$SW" "$(remote_entries)"
	run k -j link show "$SW"
	[[ $(jq -r '.[0] | "\(.vni) \(.local) \(.encap) \(.metadata) \(.learning) \(.arp_suppress)"' <<< "$OUT") == \
	   "$K1 192.0.2.1 geneve ovn false true" ]] || fail "$SW is not as designed"
	# The agent brings the switch up and names it after its tables.
	wait_for sw_is_up_as "$SW" ls1 || fail "$SW is not up with alias ls1"
	wait_for agent_logged hv1 "chassis hv4: encap IP 2001:db8::4 is not an IPv4"
	exists "ovn$(dp_key ls2)" && fail "a switch for ls2, which has nothing here"

	vif tap1 "$SW" lp1
	wait_tables "$SW" "$(remote_entries; local_entries)"
	wait_for port_key tap1 "$KP1"

	# A change: lp3's addresses.
	ovn-nbctl lsp-set-addresses lp3 "00:00:00:00:01:33 10.0.0.3"
	wait_tables "$SW" "$(remote_entries | sed -e 's/01:03/01:33/' -e '/10.0.0.33/d'; local_entries)"
	no_flush
}

test_claim()
{
	ovn_start
	deployment
	# Requested by host name, as the option may.
	lsp lp7 ls1 "00:00:00:00:01:07 10.0.0.7" requested-chassis="$(hostname)"
	agent_start_registered hv1 192.0.2.1
	wait_for exists "$SW"
	# lp1 by its lsw port name; lp7 by its device name.
	vif tap1 "$SW" lp1
	vif lp7 "$SW"
	wait_for claimed lp1 hv1
	wait_for claimed lp7 hv1
	wait_for port_key tap1 "$KP1"
	wait_for port_key lp7 "$(pb tunnel_key lp7)"
	run ovn-sbctl show
	grep -A8 'Chassis hv1' <<< "$OUT" | grep -q 'Port_Binding lp1' ||
		fail "ovn-sbctl show does not list lp1 on hv1"
	[[ $(ovn-sbctl --bare --columns=encap find port_binding logical_port=lp1) == \
	   $(ovn-sbctl --bare --columns=encaps find chassis name=hv1) ]] ||
		fail "lp1's encap is not hv1's"
	wait_for agent_logged hv1 "claiming logical port lp1 for tap1"
}

test_requested_chassis()
{
	ovn_start
	deployment
	# lp1 runs on OVS chassis hv2, and its VM is about to move here.
	ovn-nbctl lsp-set-options lp1 requested-chassis=hv2
	ovn-sbctl lsp-bind lp1 hv2
	# The switch exists only because lp8 is requested here.
	lsp lp8 ls1 "00:00:00:00:01:08" requested-chassis=hv1
	agent_start_registered hv1 192.0.2.1
	wait_for exists "$SW"
	vif tap1 "$SW" lp1
	wait_tables "$SW" "$(remote_entries; remote_lp1)"
	settle
	bound_to lp1 hv2 || fail "lp1 is claimed, though requested on hv2"
	port_key tap1 0 || fail "tap1 has a key, though lp1 is requested on hv2"

	# Moved here.
	ovn-nbctl lsp-set-options lp1 requested-chassis=hv1
	wait_for claimed lp1 hv1
	wait_tables "$SW" "$(remote_entries; local_entries)"
	wait_for port_key tap1 "$KP1"

	# And back: released here, then bound there (as ovn-controller
	# does once its VM runs).
	ovn-nbctl lsp-set-options lp1 requested-chassis=hv2
	wait_for released lp1
	wait_tables "$SW" "$(remote_entries)"
	wait_for port_key tap1 0
	ovn-sbctl lsp-bind lp1 hv2
	wait_tables "$SW" "$(remote_entries; remote_lp1)"
	no_flush
}

# lp1's entries when it is bound to hv2.
remote_lp1()
{
	cat <<-EOF
	mac 00:00:00:00:01:01 vtep 192.0.2.2 key $KP1
	arp 10.0.0.1 00:00:00:00:01:01
	arp fd00::1 00:00:00:00:01:01
	EOF
}

test_port_gone()
{
	local m

	bound_deployment
	m=$(mark)
	kip link del tap1
	wait_for released lp1
	wait_tables "$SW" "$(remote_entries)"
	if since "$m" | grep -E 'mac del 00:00:00:00:01:01'; then
		fail "a mac del for an entry the kernel deleted with its port"
	fi
	since "$m" | grep -q 'arp del 10.0.0.1 ' || fail "lp1's ARP entry stayed"

	# Back, then renamed: released again.
	vif tap1 "$SW" lp1
	wait_for claimed lp1 hv1
	k port set dev tap1 name other
	wait_for released lp1
	wait_tables "$SW" "$(remote_entries)"
	no_flush
}

test_lsp_del()
{
	bound_deployment
	ovn-nbctl lsp-del lp3
	wait_tables "$SW" "$(remote_entries | grep -v '192.0.2.3\|01:03'; local_entries)"
	ovn-nbctl lsp-del lp1
	wait_tables "$SW" "$(remote_entries | grep -v '192.0.2.3\|01:03')"
	wait_for port_key tap1 0

	ovn-nbctl ls-del ls1
	wait_tables "$SW" ""
	exists "$SW" || fail "$SW went with tap1 on it"
	kip link del tap1
	wait_for bash -c "! jq -e '.devs[\"$SW\"]' '$LSW_FAKE_STATE' >/dev/null"
	wait_for agent_logged hv1 "deleted switch $SW"
	no_flush
}

test_sb_restart()
{
	local m n

	bound_deployment
	daemon_stop sb
	wait_for agent_logged hv1 "connection lost; the switches keep forwarding"
	# Behind the agent's back: a stray entry, a missing one.
	k arp add 10.9.9.9 dev "$SW" mac 00:00:00:00:09:09
	k mac del 00:00:00:00:01:02 dev "$SW"
	m=$(mark)
	# Two reconnection attempts: the agent ran while the server was away.
	n=$(agent_count hv1 "connection attempt failed")
	wait_for agent_logged hv1 "connection attempt failed" $((n + 2))
	[[ -z $(writes "$m") ]] ||
		fail "the agent changed the kernel while the database was away"

	m=$(mark)
	db_start sb "$OVN_SCHEMAS/ovn-sb.ovsschema"
	wait_for agent_logged hv1 "connected; reconciling" 2
	wait_tables "$SW" "$(remote_entries; local_entries)"
	[[ $(writes "$m") == "ok: lsw mac replace 00:00:00:00:01:02 dev $SW vtep 192.0.2.2 key $KP2
ok: lsw arp del 10.9.9.9 dev $SW" ]] || fail "the reconciliation did more than repair"
	claimed lp1 hv1 || fail "lp1 is not bound here after the restart"
	no_flush
}

test_sb_late()
{
	ovn_env
	agent_start hv1 192.0.2.1
	wait_for agent_logged hv1 "sb.sock: connection attempt failed" 2
	agent_logged hv1 "waiting [0-9]+ seconds before reconnect" ||
		fail "no word of the backoff"
	db_start sb "$OVN_SCHEMAS/ovn-sb.ovsschema"
	wait_for chassis_is hv1
}

test_resync()
{
	bound_deployment
	k vtep del 192.0.2.3 dev "$SW"
	k arp replace 10.0.0.2 dev "$SW" mac 00:00:00:00:09:09
	tables_are "$SW" "$(remote_entries; local_entries)" &&
		fail "the change behind the agent's back did not happen"
	run ovn-appctl -t "$T/hv1.ctl" lsw-ovn/resync
	wait_tables "$SW" "$(remote_entries; local_entries)"
	run ovn-appctl -t "$T/hv1.ctl" lsw-ovn/status
	grep -q "^$SW: 2 vteps, 3 macs, 5 arps; ports lp1$" <<< "$OUT" ||
		fail "lsw-ovn/status does not show $SW as programmed"
}

test_vxlan_refused()
{
	local pid m

	ovn_start
	deployment
	ovn-nbctl lsp-set-options lp1 requested-chassis=hv1
	ovn-sbctl chassis-add hv9 vxlan 192.0.2.9
	# In the foreground: its exit status.
	if run timeout "$LSW_WAIT" env PATH="$T/bin:$PATH" "$PYTHON" "$AGENT" \
		--chassis hv1 --encap-ip 192.0.2.1 --unixctl="$T/fg.ctl"; then
		fail "the agent ran in a VXLAN-mode deployment"
	else
		[[ $? == 2 ]] || fail "exit status is not 2"
	fi
	grep -q "chassis hv9 registers a vxlan encap (192.0.2.9): OVN runs this deployment in VXLAN mode" <<< "$OUT" ||
		fail "no message names the cause"
	[[ ! -s $LSW_FAKE_STATE ]] || fail "the kernel was touched"

	# Appearing while it runs: the agent stops, the kernel stays.
	ovn-sbctl chassis-del hv9
	agent_start_registered hv1 192.0.2.1
	wait_tables "$SW" "$(remote_entries)"
	settle
	pid=$(cat "$T/hv1.pid")
	m=$(mark)
	ovn-sbctl chassis-add hv9 vxlan 192.0.2.9
	wait_for bash -c "! kill -0 $pid"
	agent_logged hv1 "chassis hv9 registers a vxlan encap" ||
		fail "no message names the cause"
	[[ -z $(writes "$m") ]] || fail "the agent changed the kernel on its way out"
	tables_are "$SW" "$(remote_entries)" || fail "the tables changed"
}

test_kernel_refuses()
{
	ovn_start
	deployment
	ovn-nbctl lsp-set-options lp1 requested-chassis=hv1
	echo '^lsw arp replace 10\.0\.0\.3 ' > "$LSW_FAKE_FAIL"
	agent_start_registered hv1 192.0.2.1
	# 10.0.0.33 comes after 10.0.0.3 in the batch.
	wait_tables "$SW" "$(remote_entries | grep -v '10.0.0.3 ')"
	wait_for agent_logged hv1 "$SW: the kernel refused arp replace 10.0.0.3 dev $SW mac 00:00:00:00:01:03: lsw: batch - line [0-9]+: Error: injected failure \(left out for 30 s\)"
	vif tap1 "$SW" lp1
	wait_for claimed lp1 hv1
	wait_tables "$SW" "$(remote_entries | grep -v '10.0.0.3 '; local_entries)"

	# Accepted again: programmed when its 30 s out are over.
	rm "$LSW_FAKE_FAIL"
	wait_tables "$SW" "$(remote_entries; local_entries)"
	no_flush
}

# sb_insert TABLE ROW...: one transaction of named rows (ROW: JSON with
# "table", "row", "uuid-name").
sb_insert()
{
	local ops

	ops=$(printf '%s\n' "$@" | jq -cs '[ "OVN_Southbound" ] +
		map({op: "insert"} + .)')
	run ovsdb-client transact "$OVN_SB_DB" "$ops"
}

test_bad_keys()
{
	ovn_env
	# OVN's schema bounds both keys as lsw does; a future one may not.
	jq '.tables.Datapath_Binding.columns.tunnel_key.type.key.maxInteger = 4294967295 |
	    .tables.Port_Binding.columns.tunnel_key.type.key.maxInteger = 65535' \
		"$OVN_SCHEMAS/ovn-sb.ovsschema" > "$T/wide.ovsschema"
	db_start sb "$T/wide.ovsschema"
	# No northd: it would delete datapaths that are not in NB.
	sb_insert \
		'{"table":"Datapath_Binding","uuid-name":"big","row":{"tunnel_key":16777216,"external_ids":["map",[["name","big"]]]}}' \
		'{"table":"Port_Binding","row":{"logical_port":"lp-big","datapath":["named-uuid","big"],"tunnel_key":1,"mac":"00:00:00:00:03:01","options":["map",[["requested-chassis","hv1"]]]}}' \
		'{"table":"Datapath_Binding","uuid-name":"dp7","row":{"tunnel_key":7,"external_ids":["map",[["name","ls7"]]]}}' \
		'{"table":"Port_Binding","row":{"logical_port":"lp-wide","datapath":["named-uuid","dp7"],"tunnel_key":40000,"mac":"00:00:00:00:07:01 10.7.0.1","options":["map",[["requested-chassis","hv1"]]]}}' \
		'{"table":"Port_Binding","row":{"logical_port":"lp-good","datapath":["named-uuid","dp7"],"tunnel_key":3,"mac":"00:00:00:00:07:03 10.7.0.3","options":["map",[["requested-chassis","hv1"]]]}}'
	agent_start_registered hv1 192.0.2.1
	wait_for exists ovn7
	vif tap1 ovn7 lp-wide
	vif tap3 ovn7 lp-good
	wait_tables ovn7 "mac 00:00:00:00:07:03 port tap3
arp 10.7.0.3 00:00:00:00:07:03"
	wait_for bound_to lp-good hv1
	wait_for port_key tap3 3
	agent_logged hv1 "logical port lp-wide: tunnel key 40000 does not fit OVN's 15-bit Geneve port key \(1..32767\): refusing to serve it" ||
		fail "no message for port key 40000"
	agent_logged hv1 "datapath big \(.*\): tunnel key 16777216 does not fit a 24-bit Geneve VNI \(1..16777215\): refusing to serve it" ||
		fail "no message for datapath key 16777216"
	bound_to lp-wide "" || fail "lp-wide is claimed"
	bound_to lp-big "" || fail "lp-big is claimed"
	port_key tap1 0 || fail "tap1 has a key"
	if grep -E 'link add ovn16777216|key 40000' "$LSW_FAKE_LOG"; then
		fail "a key lsw cannot carry went to the kernel"
	fi
	# Once each.
	[[ $(grep -c "tunnel key 40000" "$T/hv1.log") == 1 ]] ||
		fail "the message is repeated"
}

test_foreign_switch()
{
	local m

	ovn_start
	deployment
	ovn-nbctl lsp-set-options lp1 requested-chassis=hv1
	k link add "$SW" vni "$K1" local 192.0.2.1 encap vxlan
	m=$(mark)
	agent_start_registered hv1 192.0.2.1
	wait_for agent_logged hv1 "$SW is not a switch lsw-ovn would make \(encap vxlan, metadata none\): leaving it"
	settle
	[[ -z $(tables "$SW") ]] || fail "the agent programmed $SW"
	[[ -z $(writes "$m") ]] || fail "the agent touched the kernel"
	# Deleted by the operator: the agent makes it as it should be.
	k link del "$SW"
	wait_tables "$SW" "$(remote_entries)"
	[[ $(dev_json "$SW" .cfg.metadata) == ovn ]]
}

test_exit()
{
	local m

	bound_deployment
	m=$(mark)
	daemon_stop hv1
	agent_logged hv1 "exiting; the switches keep forwarding as programmed" ||
		fail "no word of the exit"
	chassis_is hv1 || fail "SIGTERM unregistered the chassis"
	claimed lp1 hv1 || fail "SIGTERM released lp1"

	agent_start_registered hv1 192.0.2.1
	wait_for agent_logged hv1 "connected; reconciling" 2
	run ovn-nbctl --timeout="$LSW_WAIT" --wait=hv sync
	claimed lp1 hv1 || fail "the restart released lp1"
	run ovn-appctl -t "$T/hv1.ctl" exit --cleanup
	wait_for no_chassis hv1
	wait_for released lp1
	wait_for bash -c "[[ ! -e $T/hv1.pid ]]"
	chassis_is hv2 || fail "the cleanup took another chassis"
	[[ -z $(writes "$m") ]] ||
		fail "stopping or restarting the agent changed the kernel"
	tables_are "$SW" "$(remote_entries; local_entries)" ||
		fail "the tables changed"
}

# listening DB: the port DB's server listens on, from its log (the last
# "listening on port").
listening()
{
	sed -n 's/.*listening on port \([0-9]*\)$/\1/p' "$T/$1.log" | tail -n 1
}

test_remotes()
{
	local port n pki

	ovn_start
	deployment
	ovn-nbctl lsp-set-options lp1 requested-chassis=hv1

	run ovs-appctl -t "$T/sb.ctl" ovsdb-server/add-remote ptcp:0:127.0.0.1
	wait_for bash -c "grep -q 'listening on port' '$T/sb.log'"
	port=$(listening sb)
	agent_start_registered hv1 192.0.2.1 --remote "tcp:127.0.0.1:$port"
	wait_tables "$SW" "$(remote_entries)"

	pki=$T/pki
	mkdir "$pki"
	openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=lsw-ovn-ca \
		-keyout "$pki/ca.key" -out "$pki/ca.pem" 2>/dev/null
	# And an authority that signed neither.
	openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=other-ca \
		-keyout "$pki/other.key" -out "$pki/other.pem" 2>/dev/null
	for n in sb hv5; do
		openssl req -newkey rsa:2048 -nodes -subj "/CN=$n" \
			-keyout "$pki/$n.key" -out "$pki/$n.csr" 2>/dev/null
		openssl x509 -req -days 1 -in "$pki/$n.csr" -CA "$pki/ca.pem" \
			-CAkey "$pki/ca.key" -CAcreateserial \
			-out "$pki/$n.pem" 2>/dev/null
	done
	daemon_stop sb
	db_start sb "$OVN_SCHEMAS/ovn-sb.ovsschema" \
		--private-key="$pki/sb.key" --certificate="$pki/sb.pem" \
		--ca-cert="$pki/ca.pem" --remote=pssl:0:127.0.0.1
	wait_for bash -c "[[ \$(grep -c 'listening on port' '$T/sb.log') -ge 2 ]]"
	port=$(listening sb)
	fails env PATH="$T/bin:$PATH" "$PYTHON" "$AGENT" --chassis hv5 \
		--encap-ip 192.0.2.5 --remote "ssl:127.0.0.1:$port"
	grep -q "an ssl: remote needs --private-key, --certificate and --ca-cert" <<< "$OUT" ||
		fail "no message for the missing SSL options"
	# The server's certificate is not signed by the CA it is given: the
	# agent says so and tries again, as for any failed connection.
	agent_start hv6 192.0.2.6 --remote "ssl:127.0.0.1:$port" \
		--private-key "$pki/hv5.key" --certificate "$pki/hv5.pem" \
		--ca-cert "$pki/other.pem"
	wait_for agent_logged hv6 "SSL: .*certificate verify failed" 2
	kill -0 "$(cat "$T/hv6.pid")" || fail "the agent died of an SSL error"
	agent_start_registered hv5 192.0.2.5 --remote "ssl:127.0.0.1:$port" \
		--private-key "$pki/hv5.key" --certificate "$pki/hv5.pem" \
		--ca-cert "$pki/ca.pem"
	run ovn-sbctl show
	chassis_is hv6 && fail "hv6 registered through an untrusted server"
	return 0
}

need_all
lsw_run_tests
