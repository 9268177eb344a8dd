# SPDX-License-Identifier: GPL-2.0
#
# OVS and OVN daemons for the OVN suites (lsw_ovn_agent.sh, lsw_ovn.sh),
# sourced after lib.sh: each daemon keeps its database, socket, pidfile,
# control socket and log in the test's directory $T.

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
