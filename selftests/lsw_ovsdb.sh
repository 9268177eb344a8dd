# SPDX-License-Identifier: GPL-2.0
#
# OVS and OVN daemons for the OVN suites (lsw_ovn_agent.sh, lsw_ovn.sh)
# and the benchmark's OVN part (bench/lsw_bench.sh), sourced after
# lib.sh: each daemon keeps its database, socket, pidfile, control
# socket and log in the test's directory $T.

# Open vSwitch and OVN, unpacked by scripts/deps.sh (not installed).
OVN_ROOT=$LSW_CACHE/ovn/root
AGENT=$LSW_TOP/ovn/lsw-ovn
# The agent's interpreter: python3-openvswitch is Debian's, for it.
PYTHON=/usr/bin/python3

# db_start NAME SCHEMA [OPTION...]: ovsdb-server for NAME.db (made from
# SCHEMA the first time), listening on $T/NAME.sock.
db_start()
{
	local name=$1 schema=$2

	shift 2
	[[ -e $T/$name.db ]] || ovsdb-tool create "$T/$name.db" "$schema"
	ovsdb-server --detach --no-chdir --pidfile="$T/$name.pid" \
		--log-file="$T/$name.log" --unixctl="$T/$name.ctl" -vconsole:off \
		--remote=punix:"$T/$name.sock" "$@" "$T/$name.db" \
		2>>"$T/$name.stderr"
}

# daemon_stop NAME: SIGTERM to the daemon of $T/NAME.pid; returns once
# it is gone.
daemon_stop()
{
	local pid

	pid=$(cat "$T/$1.pid" 2>/dev/null) || return 0
	kill "$pid" 2>/dev/null || true
	wait_for bash -c "! kill -0 $pid"
	rm -f "$T/$1.pid"
}

# --- a whole deployment: ovn-central, OVS chassis, lsw chassis ----------------

# ovn_missing: why the OVN deployment cannot run here (nothing if it
# can).
ovn_missing()
{
	if [[ ! -x $OVN_ROOT/usr/sbin/ovsdb-server ||
	      ! -x $OVN_ROOT/usr/lib/openvswitch-switch/ovs-vswitchd ||
	      ! -x $OVN_ROOT/usr/bin/ovn-controller ||
	      ! -x $OVN_ROOT/usr/bin/ovn-northd ]]; then
		echo "no Open vSwitch and OVN in $OVN_ROOT: run 'make deps' (scripts/deps.sh)"
	elif ! PYTHONPATH=$OVN_ROOT/usr/lib/python3/dist-packages \
		"$PYTHON" -c 'import ovs.db.idl' 2>/dev/null; then
		echo "python3-openvswitch in $OVN_ROOT does not load: run 'make deps' (scripts/deps.sh)"
	elif ! modprobe -n openvswitch 2>/dev/null; then
		echo "no openvswitch kernel module"
	fi
}

# ovn_use: the unpacked tools and python3-openvswitch, on the paths.
ovn_use()
{
	export PATH=$OVN_ROOT/usr/bin:$OVN_ROOT/usr/sbin:$OVN_ROOT/usr/lib/openvswitch-switch:$PATH
	export PYTHONPATH=$OVN_ROOT/usr/lib/python3/dist-packages
	export OVS_PKGDATADIR=$OVN_ROOT/usr/share/openvswitch
}

# ovn_env: the deployment's directory $D (a tmpfs in the VM):
# databases, sockets, pidfiles, logs, captures.
ovn_env()
{
	D=$(mktemp -d /tmp/lsw-ovn.XXXXXX)
	T=$D
	export OVS_RUNDIR=$D OVS_LOGDIR=$D OVS_DBDIR=$D OVS_SYSCONFDIR=$D
	export OVN_RUNDIR=$D OVN_LOGDIR=$D OVN_DBDIR=$D OVN_SYSCONFDIR=$D
	export OVN_NB_DB=unix:$D/nb.sock OVN_SB_DB=unix:$D/sb.sock
}

# ovn_daemons_stop: every daemon of the deployment.
ovn_daemons_stop()
{
	local pidfile

	for pidfile in "$D"/*.pid; do
		[[ -e $pidfile ]] && daemon_stop "$(basename "$pidfile" .pid)"
	done
	return 0
}

# ovn_central: the Southbound and Northbound servers and ovn-northd,
# the Northbound database initialised.
ovn_central()
{
	db_start sb "$OVN_ROOT/usr/share/ovn/ovn-sb.ovsschema" &&
	db_start nb "$OVN_ROOT/usr/share/ovn/ovn-nb.ovsschema" &&
	ovn-northd --detach --no-chdir --pidfile="$D/northd.pid" \
		--log-file="$D/northd.log" --unixctl="$D/northd.ctl" -vconsole:off \
		--ovnnb-db="$OVN_NB_DB" --ovnsb-db="$OVN_SB_DB" &&
	ovn-nbctl init
}

# ovs_chassis NS NAME ENCAP_IP: an OVS chassis in namespace NS: its own
# database ($D/db.sock), ovs-vswitchd and ovn-controller; returns once
# ovn-controller made br-int.
ovs_chassis()
{
	local ns=$1 name=$2 ip=$3

	db_start db "$OVN_ROOT/usr/share/openvswitch/vswitch.ovsschema" &&
	ovs-vsctl --no-wait init &&
	ip netns exec "$ns" ovs-vswitchd --detach --no-chdir \
		--pidfile="$D/ovs-vswitchd.pid" --log-file="$D/ovs-vswitchd.log" \
		--unixctl="$D/ovs-vswitchd.ctl" -vconsole:off "unix:$D/db.sock" &&
	ovs-vsctl --db="unix:$D/db.sock" set open . external_ids:system-id="$name" \
		external_ids:hostname="$name" external_ids:ovn-remote="$OVN_SB_DB" \
		external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip="$ip" &&
	ip netns exec "$ns" ovn-controller --detach --no-chdir \
		--pidfile="$D/ovn-controller.pid" --log-file="$D/ovn-controller.log" \
		-vconsole:off "unix:$D/db.sock" &&
	wait_for ovs-vsctl --db="unix:$D/db.sock" br-exists br-int
}

# agent_start NS NAME ENCAP_IP [ENCAP_DEV]: lsw-ovn as chassis NAME in
# namespace NS; its pidfile, log and control socket are $D/NAME.*.
agent_start()
{
	ip netns exec "$1" env LSW="$LSW" "$PYTHON" "$AGENT" \
		--remote "$OVN_SB_DB" --chassis "$2" --encap-ip "$3" \
		${4:+--encap-dev "$4"} --detach --no-chdir --pidfile="$D/$2.pid" \
		--log-file="$D/$2.log" --unixctl="$D/$2.ctl" \
		-vconsole:off -vfile:info
}
