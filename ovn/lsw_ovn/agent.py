# SPDX-License-Identifier: GPL-2.0
"""The reconciliation: from the replica and the local ports to the kernel
and back to the database.

One round (Agent.run) does, in order:
  1. Southbound: process what the server sent; on a new connection (the
     first, or after the database was away) rebuild the indexes, forget
     what is known of the kernel, and mark everything dirty, so that the
     round reconciles every switch against a dump of its real tables.
  2. Refuse a VXLAN-mode deployment (the only refusal that stops lsw-ovn).
  3. Local ports: "lsw -j port show" (every --poll-interval); a port that
     came, went, moved or was renamed marks its switches dirty.
  4. Desired state of each dirty switch (desired.py).
  5. Kernel: per dirty switch, one "lsw -batch -" with what differs from
     what was last applied (or, when that is unknown, from a dump):
     switch creation, port keys, table entries, deletion of a switch no
     longer needed.  A failed batch is retried with backoff; a line the
     kernel refused is left out of the retries for a while (and logged),
     so that one bad entry does not hold back the others.
  6. Database: one transaction at a time, with the registration, the
     claims of the ports served here (chassis, encap, up: once their key
     and entries are in the kernel), the release of ports bound here and
     no longer served, and nb_cfg echoed once the kernel is in step.

While the database is away nothing at all is done to the kernel: what is
programmed keeps forwarding, and nothing is deleted on a guess.
"""

import time

import ovs.db.idl
import ovs.vlog

from . import desired
from . import kernel
from . import southbound

vlog = ovs.vlog.Vlog("agent")

BACKOFF_MIN = 1.0
BACKOFF_MAX = 30.0
# How long a batch line the kernel refused is left out before it is
# tried again.
REJECT_TIME = 30.0
# How often the switches are listed again, to notice one deleted or
# changed behind lsw-ovn's back (sooner when "port show" hints at it).
RELINK_TIME = 30.0


class Refused(Exception):
    """lsw-ovn cannot serve this deployment at all."""


class Config:
    def __init__(self, remote, chassis, hostname, encap_ip, encap_dev=None,
                 poll_interval=1.0):
        self.remote = remote
        self.chassis = chassis
        self.hostname = hostname
        self.encap_ip = kernel.norm_ip(encap_ip)
        self.encap_dev = encap_dev
        self.poll_interval = poll_interval


class Agent:
    def __init__(self, cfg, lsw):
        self.cfg = cfg
        self.lsw = lsw
        self.fetcher = southbound.SchemaFetcher(cfg.remote)
        self.idl = None
        self.have = set()
        self.connected = False
        self.seqno = None

        self.links = None       # our switches: name -> "link show" object
        self.foreign = set()    # ovnN devices that are not as lsw-ovn makes
        self.relink = False     # read the switches again at the next poll
        self.next_relink = 0.0
        self.masters = set()    # the ovnN masters "port show" last listed
        self.ports = None       # device -> (master, key, lsw port name)
        self.port_names = {}    # switch -> {logical port name: device}
        self.next_poll = 0.0

        self.states = {}        # switch -> desired.DatapathState
        self.dp_switch = {}     # datapath uuid -> switch
        self.switch_dp = {}     # and back
        self.dirty = set()      # switches whose state is to be computed
        self.kernel_dirty = set()   # switches to program
        self.applied = {}       # switch -> Tables last applied (None: dump)
        self.retry = {}         # switch -> (monotonic time, backoff)
        self.rejected = {}      # batch line -> monotonic time to retry it
        self.incomplete = {}    # switch -> when to retry the lines left out
        self.ip_pending = []    # ip(8) lines still to run
        self.aliases = {}       # switch -> the ifalias it was given

        self.txn = None
        self.txn_retry = 0.0
        self.bindings_dirty = True
        self.once = set()

    # --- logging ---------------------------------------------------------

    def warn_once(self, key, message):
        if key not in self.once:
            self.once.add(key)
            vlog.warn(message)

    # --- the round -------------------------------------------------------

    def run(self):
        if self.idl is None and not self._open():
            return
        self.idl.run()
        self._txn_run()

        connected = self.idl.is_connected()
        if connected != self.connected:
            self.connected = connected
            if connected:
                vlog.info("%s: connected; reconciling the switches with "
                          "the database" % self.idl.session_name())
                self._resync()
            else:
                vlog.warn("%s: connection lost; the switches keep "
                          "forwarding as programmed until it is back" %
                          self.idl.session_name())
        if not connected:
            return
        if self.idl.change_seqno != self.seqno:
            self.seqno = self.idl.change_seqno
            self.bindings_dirty = True
        self._check_vxlan()

        now = time.monotonic()
        if now >= self.next_poll:
            self._poll(now)
        if self.links is None or self.ports is None:
            return
        world = desired.World(self.idl, self.cfg, self.have,
                              self.port_names)
        if world.us is not None:
            self._compute(world)
            self._program(now)
        self._bindings(world)

    def wait(self, poller):
        if self.idl is None:
            self.fetcher.wait(poller)
            return
        self.idl.wait(poller)
        if self.txn is not None:
            self.txn.wait(poller)
        if not self.connected:
            return
        deadlines = [self.next_poll]
        deadlines += [t for t, _ in self.retry.values()]
        deadlines += self.incomplete.values()
        if self.txn is None and self.txn_retry:
            deadlines.append(self.txn_retry)
        delay = min(deadlines) - time.monotonic()
        poller.timer_wait(max(0, int(delay * 1000) + 1))

    def _open(self):
        schema = self.fetcher.run()
        if schema is None:
            return False
        try:
            helper, self.have = southbound.schema_helper(schema)
        except ValueError as e:
            raise Refused(str(e))
        self.fetcher.close()
        self.idl = southbound.SbIdl(self.cfg.remote, helper)
        return True

    def resync(self):
        """Reconciles every switch against a dump of the kernel, as after a
        reconnection (ovn-appctl lsw-ovn/resync)."""
        if self.connected:
            vlog.info("resynchronising with the kernel")
            self._resync()

    def _resync(self):
        self.idl.rebuild()
        self.links = None
        self.ports = None
        self.next_poll = 0.0
        self.applied = {}
        self.retry = {}
        self.rejected = {}
        self.incomplete = {}
        self.bindings_dirty = True
        self.txn_retry = 0.0

    def _check_vxlan(self):
        for ch in self.idl.tables["Chassis"].rows.values():
            if ch.name == self.cfg.chassis:
                continue    # this chassis' encaps are lsw-ovn's to set
            for e in ch.encaps:
                if e is not None and e.type == "vxlan":
                    raise Refused(
                        "chassis %s registers a vxlan encap (%s): OVN runs "
                        "this deployment in VXLAN mode, and lsw carries "
                        "OVN's metadata in Geneve only; refusing to run" %
                        (ch.name, e.ip))

    # --- local ports ---------------------------------------------------

    def _our_links(self, links):
        """The ovnN switches that are as lsw-ovn makes them; the others
        are logged once and left alone."""
        ours = {}
        self.foreign = set()
        for name, link in links.items():
            key = desired.switch_key(name)
            if key is None:
                continue
            wrong = []
            for attr, want in (("vni", key), ("encap", "geneve"),
                               ("metadata", "ovn")):
                if link.get(attr) != want:
                    wrong.append("%s %s" % (attr, link.get(attr, "none")))
            try:
                local = kernel.norm_ip(link.get("local", ""))
            except ValueError:
                local = link.get("local")
            if local != self.cfg.encap_ip:
                wrong.append("local %s" % link.get("local", "none"))
            if (self.cfg.encap_dev and
                    link.get("underlay") != self.cfg.encap_dev):
                wrong.append("dev %s" % link.get("underlay", "none"))
            if wrong:
                self.foreign.add(name)
                self.warn_once(
                    ("foreign", name, tuple(wrong)),
                    "%s is not a switch lsw-ovn would make (%s): leaving it "
                    "and its ports alone (lsw link del %s lets lsw-ovn make "
                    "it again)" % (name, ", ".join(wrong), name))
                continue
            ours[name] = link
        return ours

    def _poll(self, now):
        self.next_poll = now + self.cfg.poll_interval
        try:
            listed = self.lsw.ports()
            masters = {p.get("master") for p in listed
                       if desired.switch_key(p.get("master") or "")}
            if (self.links is None or self.relink or masters != self.masters
                    or now >= self.next_relink):
                self._read_links()
                self.next_relink = now + RELINK_TIME
            self.masters = masters
        except kernel.KernelError as e:
            self.warn_once(("poll", str(e)),
                           "cannot read the switches and ports: %s" % e)
            return
        ports = {}
        for p in listed:
            if p.get("master") in self.links:
                ports[p["ifname"]] = (p["master"], p.get("key") or 0,
                                      p.get("name") or "")
        old = self.ports or {}
        for dev in old.keys() | ports.keys():
            if old.get(dev) == ports.get(dev):
                continue
            self.bindings_dirty = True
            for p in (old.get(dev), ports.get(dev)):
                if p is not None:
                    self.dirty.add(p[0])
            gone = old.get(dev)
            if gone is not None and (dev not in ports or
                                     ports[dev][0] != gone[0]):
                # The kernel deleted its MAC entries with the port.
                if self.applied.get(gone[0]) is not None:
                    self.applied[gone[0]].drop_port(dev)
        self.ports = ports

        names = {}
        for dev in sorted(ports):
            master, _, name = ports[dev]
            lname = name or dev
            on = names.setdefault(master, {})
            if lname in on:
                self.warn_once(
                    ("dup-port", master, lname, dev),
                    "%s: ports %s and %s are both logical port %s: %s is "
                    "ignored" % (master, on[lname], dev, lname, dev))
                continue
            on[lname] = dev
        self.port_names = names

    def _read_links(self):
        foreign = self.foreign
        links = self._our_links(self.lsw.links())
        # One no longer in the way is made as it should be.
        self.dirty.update(foreign ^ self.foreign)
        try:
            aliases = {d.get("ifname"): d.get("ifalias")
                       for d in self.lsw.ip_links()}
        except kernel.KernelError as e:
            self.warn_once(("ip", str(e)), "cannot read the devices: %s" % e)
            aliases = {}
        old = self.links or {}
        for sw in old.keys() | links.keys():
            if old.get(sw) == links.get(sw):
                continue
            self.dirty.add(sw)
            if (old.get(sw) or {}).get("ifindex") != \
                    (links.get(sw) or {}).get("ifindex"):
                # New, gone, or made again: what it holds is unknown.
                self.applied[sw] = None
        self.aliases = {sw: aliases.get(sw) for sw in links}
        self.links = links
        self.relink = False

    # --- desired state -------------------------------------------------

    def _compute(self, world):
        idl = self.idl
        dps = idl.tables["Datapath_Binding"].rows
        if idl.all_dirty:
            idl.all_dirty = False
            changed = set(dps)
            self.dirty.update(self.states, self.links)
        else:
            changed = idl.dirty
        idl.dirty = set()
        for uuid in changed:
            old = self.dp_switch.pop(uuid, None)
            if old is not None:
                self.dirty.add(old)
            dp = dps.get(uuid)
            if dp is not None:
                self.dp_switch[uuid] = desired.switch_name(dp.tunnel_key)
                self.dirty.add(self.dp_switch[uuid])
        if not self.dirty:
            return

        self.switch_dp = {sw: uuid for uuid, sw in self.dp_switch.items()}
        for sw in self.dirty:
            dp = dps.get(self.switch_dp.get(sw))
            state = desired.compute(idl, dp, world) if dp else None
            if state is None or state.refused:
                # No datapath (any more), or one lsw cannot carry: the
                # switch stays only while it has ports, and empty.
                problems = state.problems if state else []
                state = desired.DatapathState(desired.switch_key(sw))
                on = self.port_names.get(sw, {})
                state.wanted = any(dev != sw for dev in on.values())
                state.keys = {dev: 0 for dev in on.values()}
                state.problems = problems
            self.states[sw] = state
            for key, message in state.problems:
                self.warn_once(key, message)
            self.kernel_dirty.add(sw)
            self.bindings_dirty = True
        self.dirty = set()

    # --- kernel --------------------------------------------------------

    def _plan(self, sw):
        """The batch lines for switch @sw, the ip(8) lines after them, and
        the tables the switch has once they are applied (None if it is
        to go); or None if there is nothing to do."""
        state = self.states.get(sw)
        exists = sw in self.links
        wanted = state is not None and state.wanted
        if not wanted:
            if not exists:
                return None
            return ["link del %s" % sw], [], None
        if sw in self.foreign:
            return None

        lines, ip_lines = [], []
        if exists:
            have = self.applied[sw]
        else:
            have = kernel.Tables()
            add = ("link add %s vni %d local %s encap geneve metadata ovn" %
                   (sw, state.key, self.cfg.encap_ip))
            if self.cfg.encap_dev:
                add += " dev %s" % self.cfg.encap_dev
            lines.append(add + " learning off arp-suppress on")
            ip_lines.append("link set dev %s up" % sw)

        # Keys are unique within a switch: clear before setting.
        sets = []
        for dev, key in sorted(state.keys.items()):
            port = self.ports.get(dev)
            if port is not None and port[1] != key:
                (lines if key == 0 else sets).append(
                    "port set dev %s key %d" % (dev, key))
        lines += sets
        lines += kernel.diff(sw, state.tables, have)

        alias = self._alias(sw)
        if alias is not None and self.aliases.get(sw) != alias:
            # ip(8) takes a double-quoted word; the name is the CMS's.
            clean = alias.replace('"', "").replace("\\", "")
            ip_lines.append('link set dev %s alias "%s"' % (sw, clean))
        return lines, ip_lines, state.tables

    def _alias(self, sw):
        dp = self.idl.tables["Datapath_Binding"].rows.get(
            self.switch_dp.get(sw))
        return dp.external_ids.get("name") if dp is not None else None

    def _program(self, now):
        todo = [sw for sw in sorted(self.kernel_dirty)
                if self.retry.get(sw, (0, 0))[0] <= now]
        todo += [sw for sw, t in sorted(self.incomplete.items())
                 if t <= now and sw not in self.kernel_dirty]
        unknown = [sw for sw in todo
                   if sw in self.links and self.applied.get(sw) is None]
        try:
            if unknown:
                # One dump of every switch is cheaper than many of one.
                dumps = self.lsw.tables(unknown[0] if len(unknown) == 1
                                        else None)
                for sw in unknown:
                    self.applied[sw] = dumps.get(sw, kernel.Tables())
        except kernel.KernelError as e:
            vlog.warn("cannot read the tables: %s" % e)
            for sw in todo:
                self._failed(sw, now, None)
            return

        for sw in todo:
            plan = self._plan(sw)
            if plan is None:
                self.kernel_dirty.discard(sw)
                self.retry.pop(sw, None)
                continue
            lines, ip_lines, tables = plan
            skipped = [ln for ln in lines if self.rejected.get(ln, 0) > now]
            lines = [ln for ln in lines if ln not in skipped]
            try:
                self.lsw.batch(lines)
            except kernel.KernelError as e:
                bad = [lines[i - 1] for i in e.lines if 0 < i <= len(lines)]
                self._failed(sw, now, bad, str(e))
                continue
            for ln in lines:
                vlog.dbg("%s" % ln)
            self._applied(sw, lines, tables, skipped)
            self.ip_pending += ip_lines
            self.kernel_dirty.discard(sw)
            self.retry.pop(sw, None)
        self._run_ip()

    def _applied(self, sw, lines, tables, skipped):
        created = lines and lines[0].startswith("link add ")
        if tables is None:
            vlog.info("deleted switch %s: no port of its datapath is bound "
                      "or requested here" % sw)
            self.links.pop(sw, None)
            self.applied.pop(sw, None)
            self.aliases.pop(sw, None)
            self.incomplete.pop(sw, None)
            return
        if created:
            vlog.info("created switch %s" % sw)
            self.links[sw] = {"ifname": sw}
        # A line left out leaves the kernel in a state not worth
        # predicting: look before the next change, and try the line again
        # once its time out is over.
        self.applied[sw] = None if skipped else tables.copy()
        if skipped:
            self.incomplete[sw] = min(self.rejected[ln] for ln in skipped)
        else:
            self.incomplete.pop(sw, None)
        for ln in lines:
            words = ln.split()
            if words[:2] == ["port", "set"]:
                master, _, name = self.ports[words[3]]
                self.ports[words[3]] = (master, int(words[5]), name)

    def _failed(self, sw, now, bad, message=None):
        """Switch @sw's batch failed on lines @bad (None: not even tried):
        retry it from a dump of its tables, after a backoff unless the
        failed line was named and is left out of the retry."""
        self.applied[sw] = None
        # It may be a switch or a port that went behind lsw-ovn's back.
        self.relink = True
        self.next_poll = 0.0
        # An entry is left out of the retries for a while; the switch
        # itself (link add, del) is retried after a backoff.
        entries = [ln for ln in bad or () if not ln.startswith("link ")]
        if message is not None:
            for ln in entries:
                self.rejected[ln] = now + REJECT_TIME
            vlog.warn("%s: the kernel refused %s: %s%s" %
                      (sw, "; ".join(bad) if bad else "a change", message,
                       " (left out for %d s)" % REJECT_TIME if entries
                       else ""))
        backoff = 0.0 if entries else min(
            BACKOFF_MAX, max(BACKOFF_MIN, 2 * self.retry.get(sw, (0, 0))[1]))
        self.retry[sw] = (now + backoff, backoff)
        self.kernel_dirty.add(sw)

    def _run_ip(self):
        lines, self.ip_pending = self.ip_pending, []
        try:
            # -force: the other lines run even if one fails.
            self.lsw.ip_batch(lines, force=True)
        except kernel.KernelError as e:
            vlog.warn("ip: %s" % e)
        for ln in lines:
            words = ln.split(None, 5)
            if len(words) == 6 and words[4] == "alias":
                self.aliases[words[3]] = self._alias(words[3])

    # --- database ------------------------------------------------------

    def _txn_run(self):
        if self.txn is None:
            return
        status = self.txn.commit()
        if status == ovs.db.idl.Transaction.INCOMPLETE:
            return
        if status not in (ovs.db.idl.Transaction.SUCCESS,
                          ovs.db.idl.Transaction.UNCHANGED,
                          ovs.db.idl.Transaction.TRY_AGAIN):
            vlog.err("transaction failed (%s): %s; trying again" %
                     (status, self.txn.get_error()))
            self.txn_retry = time.monotonic() + BACKOFF_MIN * 5
        self.txn = None
        self.bindings_dirty = True

    def _bindings(self, world):
        if self.txn is not None or time.monotonic() < self.txn_retry:
            return
        if not self.bindings_dirty:
            return
        self.txn_retry = 0.0
        idl = self.idl
        txn = ovs.db.idl.Transaction(idl)
        txn.add_comment("lsw-ovn: chassis %s" % self.cfg.chassis)
        changed = southbound.register(idl, txn, self.cfg, self.have)
        if world.us is not None and not changed:
            changed = self._claims(world)
            if not self.kernel_dirty and not self.retry:
                changed |= self._echo_nb_cfg()
        if changed:
            self.txn = txn
            self._txn_run()
        else:
            txn.abort()
        self.bindings_dirty = bool(self.kernel_dirty)

    def _claims(self, world):
        """Claims the ports served here whose switch is programmed,
        releases the ports bound here and served no more."""
        us = self.idl.tables["Chassis"].rows[world.us]
        encap = [e for e in us.encaps
                 if e is not None and e.type == southbound.ENCAP_TYPE and
                 e.ip == self.cfg.encap_ip]
        changed = False
        served = set()
        for sw, state in self.states.items():
            for pb, dev in state.served.items():
                served.add(pb.uuid)
                port = self.ports.get(dev)
                if (sw in self.kernel_dirty or port is None or
                        port[1] != pb.tunnel_key):
                    continue
                changed |= self._bind(pb, [us], [True], encap[:1],
                                      "for %s" % dev)
        for pb in self.idl.tables["Port_Binding"].rows.values():
            if (pb.type == "" and pb.uuid not in served and
                    [c.uuid for c in pb.chassis if c is not None] ==
                    [world.us]):
                changed |= self._bind(pb, [], [False], [], "not served here")
        return changed

    def _bind(self, pb, chassis, up, encap, why):
        """Binds @pb to @chassis (a list of none or this one), @why being
        said in the log."""
        changed = False
        if [c.uuid for c in pb.chassis if c is not None] != \
                [c.uuid for c in chassis]:
            vlog.info("%s logical port %s %s" %
                      ("claiming" if chassis else "releasing",
                       pb.logical_port, why))
            pb.chassis = chassis
            changed = True
        if "Port_Binding.up" in self.have and pb.up != up:
            pb.up = up
            changed = True
        if "Port_Binding.encap" in self.have and \
                [e.uuid for e in pb.encap if e is not None] != \
                [e.uuid for e in encap]:
            pb.encap = encap
            changed = True
        return changed

    def _echo_nb_cfg(self):
        """Tells northd (ovn-nbctl --wait=hv) that this chassis is in step
        with the database's nb_cfg, as ovn-controller does once its flows
        are installed."""
        if ("Chassis_Private.nb_cfg" not in self.have or
                "SB_Global.nb_cfg" not in self.have):
            return False
        glob = next(iter(self.idl.tables["SB_Global"].rows.values()), None)
        cp = southbound.find(self.idl, "Chassis_Private", self.cfg.chassis)
        if glob is None or cp is None or cp.nb_cfg == glob.nb_cfg:
            return False
        cp.nb_cfg = glob.nb_cfg
        cp.nb_cfg_timestamp = int(time.time() * 1000)
        return True

    # --- exit ------------------------------------------------------------

    def cleanup_txn(self):
        """A transaction that releases every port bound here and deletes
        this chassis' rows, or None if not connected."""
        if not self.connected or self.txn is not None:
            return None
        txn = ovs.db.idl.Transaction(self.idl)
        txn.add_comment("lsw-ovn: chassis %s leaves" % self.cfg.chassis)
        us = southbound.find(self.idl, "Chassis", self.cfg.chassis)
        for pb in self.idl.tables["Port_Binding"].rows.values():
            if us is not None and [c.uuid for c in pb.chassis
                                   if c is not None] == [us.uuid]:
                self._bind(pb, [], [False], [], "as the chassis leaves")
        southbound.unregister(self.idl, txn, self.cfg)
        return txn

    def status(self):
        """What ovn-appctl lsw-ovn/status prints."""
        out = ["chassis: %s (encap geneve %s)" % (self.cfg.chassis,
                                                  self.cfg.encap_ip)]
        if self.idl is None:
            out.append("southbound: waiting for the schema")
        else:
            out.append("southbound: %s, %s" % (
                self.idl.session_name(),
                "connected" if self.connected else "not connected"))
        for sw in sorted(self.links or {}):
            state = self.states.get(sw)
            served = sorted(pb.logical_port for pb in state.served) \
                if state else []
            t = self.applied.get(sw)
            out.append("%s: %s; ports %s" % (
                sw, "%d vteps, %d macs, %d arps" %
                (len(t.vteps), len(t.macs), len(t.arps)) if t else
                "tables unknown", " ".join(served) or "none"))
        return "\n".join(out)

