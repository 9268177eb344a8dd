# SPDX-License-Identifier: GPL-2.0
"""What one switch should be, from the Southbound database.

For each datapath (logical switch) the switch is ovn<tunnel_key>, and:
  - a local port of the switch is the logical port named by its lsw port
    name, or its device name when it has none; it is served here (its
    Port_Binding claimed, its key set) unless requested-chassis names
    another chassis;
  - its VTEPs are the Geneve Encap IPs of the other chassis with a VIF
    bound on the datapath;
  - its MAC table: each MAC of those VIFs behind its chassis' Encap IP,
    with the port's tunnel_key as key; and each MAC of the local ports
    on their device (learning is off on the switch);
  - its ARP/ND table: the IPs of all of those ports, at their MAC.
Only VIFs (Port_Binding.type "") count: router, localnet, localport and
gateway ports are OVN's logical pipeline, which lsw does not run.

Nothing here changes anything: compute() returns a DatapathState, and
the problems it found (keys lsw cannot carry, addresses claimed twice,
chassis unreachable over this chassis' underlay family), which the agent
logs once each.
"""

from . import kernel

VNI_MAX = 16777215
PORT_KEY_MAX = 32767
# Words of Port_Binding.mac that are not addresses: OVN adds no ARP
# responder and no MAC binding for them, and neither does lsw.
NOT_ADDRESSES = ("unknown", "router", "dynamic")


def switch_name(tunnel_key):
    return "ovn%d" % tunnel_key


def switch_key(name):
    """The tunnel key of switch @name if it is a name lsw-ovn gives, else
    None."""
    if name.startswith("ovn") and name[3:].isdigit() and name[3] != "0":
        return int(name[3:])
    return None


def parse_addresses(column):
    """(MAC, [IP...]) for each "MAC IP..." of Port_Binding.mac; words that
    are not addresses are skipped, prefix lengths dropped."""
    result = []
    for text in column:
        words = text.split()
        if not words or words[0] in NOT_ADDRESSES:
            continue
        try:
            mac = kernel.norm_mac(words[0])
        except ValueError:
            continue
        ips = []
        for word in words[1:]:
            try:
                ips.append(kernel.norm_ip(word.split("/")[0]))
            except ValueError:
                pass
        result.append((mac, ips))
    return result


def _first(column):
    """The row of an optional reference column, or None."""
    return column[0] if column else None


class World:
    """What every datapath's computation needs to know about the chassis,
    taken once per round from the replica."""

    def __init__(self, idl, cfg, have, ports):
        self.cfg = cfg
        self.have = have
        self.us = None
        for ch in idl.tables["Chassis"].rows.values():
            if ch.name == cfg.chassis:
                self.us = ch.uuid
        self._encap_ip = {}
        # switch name -> {logical port name -> device}, from "port show"
        self.ports = ports

    def requested(self, pb):
        """True if @pb is requested here, False if elsewhere, None if
        nowhere in particular."""
        if "Port_Binding.requested_chassis" in self.have:
            ch = _first(pb.requested_chassis)
            if ch is not None:
                return ch.uuid == self.us
        # The option names a chassis by name or host name; northd fills
        # requested_chassis only once that chassis is registered.  A list
        # names the main chassis first (live migration): only that one
        # binds the port here.
        names = pb.options.get("requested-chassis", "").split(",")
        main = names[0].strip()
        if not main:
            return None
        return main in (self.cfg.chassis, self.cfg.hostname)

    def encap_ip(self, pb, ch):
        """The Geneve IP through which port @pb of chassis @ch is reached:
        its Encap if it names one, else its chassis' (the lowest IP if it
        has several), or None."""
        if "Port_Binding.encap" in self.have:
            e = _first(pb.encap)
            if e is not None and e.type == "geneve":
                return e.ip
        if ch.uuid not in self._encap_ip:
            ips = sorted(e.ip for e in ch.encaps
                         if e is not None and e.type == "geneve")
            self._encap_ip[ch.uuid] = ips[0] if ips else None
        return self._encap_ip[ch.uuid]


class DatapathState:
    """What switch ovn<key> should be.

    wanted:  the datapath needs the switch (a port bound or requested
             here, or a device enslaved to it already)
    tables:  its Tables
    served:  Port_Binding row -> the local device that serves it
    keys:    device -> the port key it should have (0: none)
    """

    def __init__(self, key):
        self.key = key
        self.switch = switch_name(key)
        self.wanted = False
        self.tables = kernel.Tables()
        self.served = {}
        self.keys = {}
        self.problems = []   # (once-key, message)
        self.refused = False


def _owned(state, pb, addr, claimed):
    """Whether @addr is @pb's: the first port (in tunnel key order) that
    has an address keeps it."""
    owner = claimed.setdefault(addr, pb.logical_port)
    if owner == pb.logical_port:
        return True
    state.problems.append((
        ("dup", state.key, addr, pb.logical_port),
        "%s: address %s of logical port %s is %s's already: ignored" %
        (state.switch, addr, pb.logical_port, owner)))
    return False


def _add_port(state, pb, target, claimed):
    """Adds the entries of one port."""
    t = state.tables
    for mac, ips in parse_addresses(pb.mac):
        if not _owned(state, pb, mac, claimed):
            continue
        t.macs[mac] = target
        for ip in ips:
            if _owned(state, pb, ip, claimed):
                t.arps[ip] = mac


def compute(idl, dp, world):
    """The DatapathState of datapath row @dp (refused if lsw cannot carry
    its key: a problem says why)."""
    key = dp.tunnel_key
    state = DatapathState(key)
    if not 1 <= key <= VNI_MAX:
        state.problems.append((
            ("dp-key", dp.uuid, key),
            "datapath %s (%s): tunnel key %d does not fit a 24-bit Geneve "
            "VNI (1..%d): refusing to serve it" %
            (dp.external_ids.get("name", "?"), dp.uuid, key, VNI_MAX)))
        state.refused = True
        return state

    ports = world.ports.get(state.switch, {})
    state.wanted = bool(ports)
    for dev in ports.values():
        state.keys[dev] = 0

    claimed = {}
    family = kernel.ip_family(world.cfg.encap_ip)
    for pb in sorted(idl.pbs(dp.uuid), key=lambda r: r.tunnel_key):
        if pb.type != "":
            continue
        if not 1 <= pb.tunnel_key <= PORT_KEY_MAX:
            state.problems.append((
                ("port-key", pb.uuid, pb.tunnel_key),
                "logical port %s: tunnel key %d does not fit OVN's 15-bit "
                "Geneve port key (1..%d): refusing to serve it" %
                (pb.logical_port, pb.tunnel_key, PORT_KEY_MAX)))
            continue
        requested = world.requested(pb)
        ch = _first(pb.chassis)
        bound_here = ch is not None and ch.uuid == world.us
        if requested or bound_here:
            state.wanted = True

        dev = ports.get(pb.logical_port)
        if dev is not None and requested is not False:
            state.served[pb] = dev
            state.keys[dev] = pb.tunnel_key
            _add_port(state, pb, kernel.local(dev), claimed)
            continue
        if ch is None or bound_here:
            continue
        ip = world.encap_ip(pb, ch)
        if ip is None:
            state.problems.append((
                ("no-encap", ch.uuid),
                "chassis %s has no geneve encap: its ports are not "
                "reachable from here" % ch.name))
            continue
        try:
            ip = kernel.norm_ip(ip)
            ok = kernel.ip_family(ip) == family
        except ValueError:
            ok = False
        if not ok:
            state.problems.append((
                ("encap-family", ch.uuid, ip),
                "chassis %s: encap IP %s is not an IPv%d address like this "
                "chassis' %s: its ports are not reachable from here" %
                (ch.name, ip, family, world.cfg.encap_ip)))
            continue
        state.tables.vteps.add(ip)
        _add_port(state, pb, kernel.remote(ip, pb.tunnel_key), claimed)
    return state
