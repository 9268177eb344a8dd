# SPDX-License-Identifier: GPL-2.0
"""The OVN Southbound database: schema, replica, and this chassis' rows.

The schema is asked of the server (get_schema) rather than read from a
file: the agent then follows the server it talks to, newer or older
than the OVN installed beside it (if any), monitoring only the tables
and columns it needs, and those of them the server has.

SbIdl is ovs.db.idl's replica plus two indexes lsw-ovn keeps up to date
from the IDL's change notifications (Idl.notify): the port bindings of
each datapath, and which datapaths changed since the agent last looked.
The IDL does not notify what it forgets when it reconnects and reloads
the whole database, so the indexes are rebuilt from the replica then.
"""

import collections
import errno
import ssl

import ovs.db.idl
import ovs.jsonrpc
import ovs.stream
import ovs.vlog

vlog = ovs.vlog.Vlog("southbound")

DB_NAME = "OVN_Southbound"

# Without these lsw-ovn cannot work.
REQUIRED = {
    "Chassis": ["name", "hostname", "encaps", "other_config"],
    "Encap": ["type", "ip", "chassis_name", "options"],
    "Datapath_Binding": ["tunnel_key", "external_ids"],
    "Port_Binding": ["logical_port", "type", "datapath", "tunnel_key",
                     "chassis", "mac", "options"],
}
# Used where the server's schema has them (OVN 20.09 and later).
OPTIONAL = {
    "SB_Global": ["nb_cfg"],
    "Chassis_Private": ["name", "chassis", "nb_cfg", "nb_cfg_timestamp"],
    "Port_Binding": ["up", "encap", "requested_chassis"],
}

# What ovn-controller puts in other_config and northd reads.  lsw has no
# OVS datapath type or interface types, no bridge mappings; it reports
# its ports as up itself (Port_Binding.up) once they are programmed.
CHASSIS_OTHER_CONFIG = {
    "datapath-type": "",
    "iface-types": "",
    "ovn-bridge-mappings": "",
    "ovn-chassis-mac-mappings": "",
    "ovn-cms-options": "",
    "is-interconn": "false",
    "port-up-notif": "true",
}
ENCAP_TYPE = "geneve"
ENCAP_OPTIONS = {"csum": "true"}


def _ssl_connect(stream, connect=ovs.stream.SSLStream.connect):
    """python3-openvswitch (3.1) lets an error of the SSL handshake (a
    server certificate the CA did not sign, a server that does not speak
    SSL) escape SSLStream.connect(), which would end lsw-ovn: it is a
    connection that failed, logged and retried with backoff like any
    other."""
    try:
        return connect(stream)
    except ssl.SSLError as e:
        vlog.warn("%s: SSL: %s" % (stream.name, e))
        return errno.EPROTO


ovs.stream.SSLStream.connect = _ssl_connect


def parse_remotes(remote):
    """"tcp:A:6642,tcp:B:6642" -> a list, as ovs.db.idl splits it."""
    remotes = []
    for r in remote.split(","):
        if remotes and ":" not in r:
            remotes[-1] += "," + r
        else:
            remotes.append(r)
    return remotes


class SchemaFetcher:
    """Asks the server for the OVN_Southbound schema, over a session that
    reconnects with backoff (and logs it) until it gets an answer."""

    def __init__(self, remote):
        self.session = ovs.jsonrpc.Session.open_multiple(
            parse_remotes(remote))
        self.seqno = None
        self.request_id = None

    def run(self):
        """The schema (JSON), once the server has sent it; else None."""
        self.session.run()
        if not self.session.is_connected():
            return None
        if self.session.get_seqno() != self.seqno:
            self.seqno = self.session.get_seqno()
            msg = ovs.jsonrpc.Message.create_request("get_schema", [DB_NAME])
            self.request_id = msg.id
            self.session.send(msg)
        while True:
            msg = self.session.recv()
            if msg is None:
                return None
            if msg.id != self.request_id:
                continue
            if msg.type == ovs.jsonrpc.Message.T_REPLY:
                return msg.result
            if msg.type == ovs.jsonrpc.Message.T_ERROR:
                vlog.err("%s: no %s database here (%s); trying again" %
                         (self.session.get_name(), DB_NAME, msg.error))
                self.session.force_reconnect()
                return None

    def wait(self, poller):
        self.session.wait(poller)
        self.session.recv_wait(poller)

    def close(self):
        self.session.close()


def schema_helper(schema_json):
    """A SchemaHelper for what lsw-ovn monitors, and the set of the
    OPTIONAL "table.column"s the server has.  ValueError if the server
    lacks something REQUIRED."""
    helper = ovs.db.idl.SchemaHelper(None, schema_json)
    tables = schema_json.get("tables", {})
    missing = ["%s.%s" % (t, c) for t, cols in REQUIRED.items()
               for c in cols if c not in tables.get(t, {}).get("columns", {})]
    if missing:
        raise ValueError("the server's %s schema (version %s) lacks %s" %
                         (DB_NAME, schema_json.get("version", "?"),
                          ", ".join(missing)))
    have = set()
    wanted = collections.defaultdict(list)
    for t, cols in REQUIRED.items():
        wanted[t].extend(cols)
    for t, cols in OPTIONAL.items():
        for c in cols:
            if c in tables.get(t, {}).get("columns", {}):
                wanted[t].append(c)
                have.add("%s.%s" % (t, c))
    for t, cols in wanted.items():
        helper.register_columns(t, cols)
    return helper, have


class SbIdl(ovs.db.idl.Idl):
    """The replica, with the port bindings of each datapath and the
    datapaths that changed (see the module's comment)."""

    def __init__(self, remote, helper):
        # Any member of a clustered database serves a chassis, as for
        # ovn-controller: the followers pass its writes to the leader.
        super().__init__(remote, helper, leader_only=False)
        self.dp_pbs = collections.defaultdict(set)   # dp uuid -> PB uuids
        self._pb_dp = {}                              # PB uuid -> dp uuid
        self.dirty = set()                            # dp uuids
        self.all_dirty = True

    def notify(self, event, row, updates=None):
        table = row._table.name
        if table == "Port_Binding":
            self._index_pb(row, event != ovs.db.idl.ROW_DELETE)
        elif table == "Datapath_Binding":
            self.dirty.add(row.uuid)
        elif table in ("Chassis", "Encap"):
            # Rare (registrations, encap changes): every datapath may have
            # a port bound to the chassis.
            self.all_dirty = True

    def _index_pb(self, row, present):
        old = self._pb_dp.pop(row.uuid, None)
        if old is not None:
            self.dp_pbs[old].discard(row.uuid)
            if not self.dp_pbs[old]:
                del self.dp_pbs[old]
            self.dirty.add(old)
        if present:
            dp = row.datapath
            if dp is None:
                # Its datapath is not in the replica (yet): look again at
                # everything once it is.
                self.all_dirty = True
                return
            self._pb_dp[row.uuid] = dp.uuid
            self.dp_pbs[dp.uuid].add(row.uuid)
            self.dirty.add(dp.uuid)

    def rebuild(self):
        """Indexes from scratch, after the replica was reloaded."""
        self.dp_pbs.clear()
        self._pb_dp.clear()
        for row in self.tables["Port_Binding"].rows.values():
            self._index_pb(row, True)
        self.all_dirty = True

    def pbs(self, dp_uuid):
        rows = self.tables["Port_Binding"].rows
        return [rows[u] for u in self.dp_pbs.get(dp_uuid, ()) if u in rows]

    def is_connected(self):
        """Connected, with a complete replica of the database."""
        # ovs.db.idl has no public accessor for the session's state.
        return (self._session.is_connected() and
                self.state == self.IDL_S_MONITORING)


def find(idl, table, name):
    for row in idl.tables[table].rows.values():
        if row.name == name:
            return row
    return None


def register(idl, txn, cfg, have):
    """Adds to @txn what makes the database hold this chassis as @cfg says
    (Chassis, its Encap, Chassis_Private); returns whether it added
    anything.  Rows that are right already are left alone, and an Encap
    of the same type and IP is updated in place rather than replaced,
    since (type, ip) is unique in the Encap table."""
    changed = False
    ch = find(idl, "Chassis", cfg.chassis)
    if ch is None:
        ch = txn.insert(idl.tables["Chassis"])
        ch.name = cfg.chassis
        ch.hostname = cfg.hostname
        ch.other_config = CHASSIS_OTHER_CONFIG
        encaps = []
        changed = True
    else:
        if ch.hostname != cfg.hostname:
            ch.hostname = cfg.hostname
            changed = True
        other = dict(ch.other_config)
        other.update(CHASSIS_OTHER_CONFIG)
        if other != ch.other_config:
            ch.other_config = other
            changed = True
        encaps = [e for e in ch.encaps if e is not None]

    same = [e for e in encaps if e.type == ENCAP_TYPE and e.ip == cfg.encap_ip]
    if same:
        encap = same[0]
        if encap.options != ENCAP_OPTIONS:
            encap.options = ENCAP_OPTIONS
            changed = True
        if encap.chassis_name != cfg.chassis:
            encap.chassis_name = cfg.chassis
            changed = True
    else:
        encap = txn.insert(idl.tables["Encap"])
        encap.type = ENCAP_TYPE
        encap.ip = cfg.encap_ip
        encap.chassis_name = cfg.chassis
        encap.options = ENCAP_OPTIONS
        changed = True
    if len(encaps) != 1 or not same:
        ch.encaps = [encap]
        changed = True

    if "Chassis_Private.name" in have:
        cp = find(idl, "Chassis_Private", cfg.chassis)
        if cp is None:
            cp = txn.insert(idl.tables["Chassis_Private"])
            cp.name = cfg.chassis
            cp.chassis = [ch]
            changed = True
        elif [c.uuid for c in cp.chassis if c is not None] != [ch.uuid]:
            cp.chassis = [ch]
            changed = True
    return changed


def unregister(idl, txn, cfg):
    """Adds to @txn the deletion of this chassis' rows (its Encap goes
    with its Chassis, which alone refers to it)."""
    for table in ("Chassis_Private", "Chassis"):
        if table in idl.tables:
            row = find(idl, table, cfg.chassis)
            if row is not None:
                row.delete()
