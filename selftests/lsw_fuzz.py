#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Netlink fuzzing of lsw: the "lsw" generic netlink family and rtnetlink
links of kind lsw, from inside a network namespace that holds the lsw
devices named on the command line.

  lsw_fuzz.py garbage SECONDS SEED DEV...
      Random and mutated messages: every command number (valid or not),
      every request flag, random attribute types, lengths and nesting,
      well-formed entries and filters on any command (flushes and gets
      included), truncated attributes and messages, boundary values.  Then random
      RTM_NEWLINK requests of kind lsw (new devices, deleted again when
      created, and changes to DEV...).
  lsw_fuzz.py model SECONDS SEED DEV4 DEV6 PORT
      Table requests against a model: NEW, SET, DEL and FLUSH (with and
      without a filter) of single entries, valid or broken in one place,
      and PORT_SET of the ports' keys and names (a key in use by another
      port of the switch: EEXIST).
      A whole request must end as the model says (NEW of an entry that
      exists: EEXIST; DEL of one that does not: ENOENT) and change the
      model as it asked.  A request with something its operation does not
      take (an entry in a flush, another table's entry, a reply's
      attribute, an unknown attribute in the entry, an NLM_F_CREATE,
      EXCL or REPLACE flag) must be refused with EINVAL and change
      nothing.  At the end, the dumped tables of DEV4 (IPv4 underlay, with
      port PORT) and DEV6 (IPv6), and the dumped ports, must equal the
      model.

Every request must be answered by a clean ack or error, and an error by a
known errno; a message whose own length is wrong may go unanswered (the
kernel discards it).  Prints a KTAP-comment summary and exits 1 on any
violation.
"""

import errno
import os
import random
import select
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsw_nl  # noqa: E402
from lsw_nl import (NETLINK_GENERIC, NETLINK_ROUTE, NLM_F_ACK,  # noqa: E402
                    NLM_F_CREATE, NLM_F_DUMP, NLM_F_EXCL, NLM_F_REPLACE,
                    NLM_F_REQUEST, NLA_F_NESTED, NLMSG_DONE, NLMSG_ERROR,
                    attr, parse_attrs)

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
E = lsw_nl.uapi_enums(os.path.join(TOP, "uapi", "linux", "lsw.h"))
RTM_NEWLINK, RTM_DELLINK = 16, 17
IFLA_IFNAME, IFLA_LINKINFO, IFLA_INFO_KIND, IFLA_INFO_DATA = 3, 18, 1, 2
NLA_F_NET_BYTEORDER = 0x4000

# What an error may be: a clean refusal, never a kernel-internal code.
ALLOWED = {errno.EINVAL, errno.ERANGE, errno.EOPNOTSUPP, errno.ENOENT,
           errno.EEXIST, errno.ENODEV, errno.ENOSPC, errno.EPERM,
           errno.EMSGSIZE, errno.EBUSY, errno.EADDRINUSE, errno.EAFNOSUPPORT,
           errno.ENOBUFS, errno.E2BIG, errno.EADDRNOTAVAIL, errno.ELOOP,
           errno.ENOMEM, errno.EPROTONOSUPPORT}

BOUNDARY32 = [0, 1, 2, 0xff, 0xffff, 0xffffff, 0x1000000, 0x7fffffff,
              0x80000000, 0xfffffffe, 0xffffffff]


class Fuzzer:
    def __init__(self, seed):
        self.rnd = random.Random(seed)
        self.genl = lsw_nl.Netlink(NETLINK_GENERIC)
        self.rtnl = lsw_nl.Netlink(NETLINK_ROUTE)
        for nl in (self.genl, self.rtnl):
            nl.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
        self.family = lsw_nl.genl_family("lsw")
        self.sent = 0
        self.acked = 0
        self.errors = {}
        self.silent = 0
        self.bad = []

    # --- transport -------------------------------------------------------

    def send(self, nl, mtype, flags, payload, length=None):
        """One request; returns (errno or 0, replies) or None if unanswered."""
        nl.seq += 1
        seq = nl.seq
        total = 16 + len(payload)
        msg = struct.pack("=IHHII", total if length is None else length,
                          mtype, flags | NLM_F_REQUEST, seq, 0) + payload
        self.sent += 1
        try:
            nl.sock.send(msg)
        except OSError as e:
            # The socket layer itself refused it: as clean as an error.
            self.note_error(e.errno, None)
            return e.errno, []
        if length is not None:
            # A message longer than its datagram: the kernel drops it
            # without a word (a stray answer would be skipped by seq).
            self.silent += 1
            return None
        replies = []
        while True:
            ready, _, _ = select.select([nl.sock], [], [], 2.0)
            if not ready:
                self.bad.append("no answer to message type %d flags %#x" %
                                (mtype, flags))
                return None
            data = nl.sock.recv(1 << 20)
            while len(data) >= 16:
                rlen, rtype, rflags, rseq, _ = struct.unpack("=IHHII",
                                                             data[:16])
                body = data[16:rlen]
                data = data[(rlen + 3) & ~3:]
                if rseq != seq:
                    continue        # a late answer to an earlier one
                if rtype == NLMSG_DONE:
                    err = struct.unpack("=i", body[:4])[0] \
                        if len(body) >= 4 else 0
                    if err:
                        self.note_error(-err, None)
                        return -err, replies
                    self.acked += 1
                    return 0, replies
                if rtype == NLMSG_ERROR:
                    err, msg, _ = nl.error(body, rflags)
                    if err == 0:
                        self.acked += 1
                        return 0, replies
                    self.note_error(-err, msg)
                    return -err, replies
                replies.append(body)
                if not rflags & 2:  # not NLM_F_MULTI: a do reply
                    continue

    def note_error(self, err, msg):
        self.errors[err] = self.errors.get(err, 0) + 1
        if err not in ALLOWED:
            self.bad.append("errno %s (%s)" %
                            (errno.errorcode.get(err, err), msg))

    # --- random material -------------------------------------------------

    def blob(self, n=None):
        r = self.rnd
        if n is None:
            n = r.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 16, 17, 20, 64,
                          r.randrange(300)])
        kind = r.randrange(4)
        if kind == 0:
            return bytes(n)
        if kind == 1:
            return b"\xff" * n
        if kind == 2 and n >= 4:
            return struct.pack("=I", r.choice(BOUNDARY32)) + bytes(n - 4)
        return bytes(r.randrange(256) for _ in range(n))

    def attrs(self, depth=0, maxtype=16):
        r = self.rnd
        out = b""
        for _ in range(r.randrange(6)):
            atype = r.randrange(maxtype) if r.random() < 0.9 else \
                r.randrange(1 << 14)
            if depth < 3 and r.random() < 0.3:
                payload = self.attrs(depth + 1, 12)
                atype |= NLA_F_NESTED
            else:
                payload = self.blob()
                if r.random() < 0.05:
                    atype |= r.choice([NLA_F_NESTED, NLA_F_NET_BYTEORDER])
            a = attr(atype, payload)
            roll = r.random()
            if roll < 0.03 and len(a) > 4:
                # nla_len beyond the attribute (and maybe the message).
                a = struct.pack("=HH", len(a) + r.randrange(1, 64),
                                atype) + a[4:]
            elif roll < 0.06:
                a = struct.pack("=HH", r.randrange(4), atype) + a[4:]
            elif roll < 0.08:
                a = a[:r.randrange(len(a) + 1)]
            out += a
        return out

    def mutate(self, payload):
        r = self.rnd
        b = bytearray(payload)
        for _ in range(r.randrange(1, 4)):
            if not b:
                break
            i = r.randrange(len(b))
            op = r.randrange(3)
            if op == 0:
                b[i] ^= 1 << r.randrange(8)
            elif op == 1:
                b[i] = r.choice([0, 0xff, 0x80, 0x7f])
            else:
                del b[i:]
        return bytes(b)

    # --- the garbage phase -----------------------------------------------

    def genl_garbage(self, ifindexes):
        r = self.rnd
        cmd = r.randrange(E["__LSW_CMD_MAX"] + 3)
        flags = NLM_F_ACK
        # The family refuses them all (resv_start_op 0): not too often,
        # or little would get past the header.
        for f in (NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE, 0x800):
            if r.random() < 0.05:
                flags |= f
        dump = r.random() < 0.2
        if dump:
            flags |= NLM_F_DUMP
        payload = self.attrs(maxtype=E["__LSW_A_MAX"] + 2)
        if r.random() < 0.5:
            # Well-formed entries and filters, on any command: a flush
            # or a get with an entry, a NEW with a filter...
            nests = [self.entry_nest() for _ in range(r.randrange(1, 4))]
            r.shuffle(nests)
            payload = b"".join(nests) + (payload if r.random() < 0.3 else b"")
        if r.random() < 0.7 and ifindexes:
            payload = attr(E["LSW_A_IFINDEX"],
                           struct.pack("=I", r.choice(ifindexes))) + payload
        if r.random() < 0.2:
            payload = self.mutate(payload)
        hdr = struct.pack("=BBH", cmd, r.choice([0, 1, 2, 255]),
                          0 if r.random() < 0.97 else r.randrange(1, 1 << 16))
        if r.random() < 0.05:
            hdr = hdr[:r.randrange(4)]
        length = None
        if r.random() < 0.03:
            length = 16 + len(hdr + payload) + r.randrange(1, 32)
        self.send(self.genl, self.family, flags, hdr + payload, length)

    def entry_nest(self):
        """A well-formed VTEP, MAC or ARP entry nest, a port, or a
        filter, with now and then a reply's attribute (AGE, IFNAME) in
        it."""
        r = self.rnd
        mac = bytes([2, 0, 0, 0, 0, r.randrange(1, 8)])
        ip4 = struct.pack("!I", 0xc6336400 + r.randrange(1, 8))
        ip6 = socket.inet_pton(socket.AF_INET6,
                               "2001:db8::%x" % r.randrange(1, 8))
        ip = r.choice([("IP", ip4), ("IP6", ip6)])
        kind = r.choice(["VTEP", "MAC", "ARP", "FILTER", "PORT"])
        if kind == "PORT":
            inner = attr(E["LSW_PORT_A_IFINDEX"],
                         struct.pack("=I", r.randrange(1, 40)))
            if r.random() < 0.7:
                inner += attr(E["LSW_PORT_A_KEY"], struct.pack(
                    "=I", r.choice([0, 1, 2, 3, E["LSW_OVN_KEY_MAX"],
                                    E["LSW_OVN_MC_FLOOD"]])))
            if r.random() < 0.5:
                inner += attr(E["LSW_PORT_A_NAME"], b"lp%d\0" %
                              r.randrange(4))
            if r.random() < 0.1:
                inner += attr(E["LSW_PORT_A_IFNAME"], b"veth0\0")
            return attr(E["LSW_A_PORT"] | NLA_F_NESTED, inner)
        if kind == "VTEP":
            inner = attr(E["LSW_VTEP_A_" + ip[0]], ip[1])
        elif kind == "MAC":
            inner = attr(E["LSW_MAC_A_ADDR"], mac)
            inner += attr(E["LSW_MAC_A_VTEP_" + ip[0]], ip[1])
        elif kind == "ARP":
            inner = attr(E["LSW_ARP_A_" + ip[0]], ip[1])
            inner += attr(E["LSW_ARP_A_MAC"], mac)
        else:
            inner = attr(E["LSW_FILTER_A_FLAGS"],
                         struct.pack("=I", r.choice([1, 2])))
        if kind in ("MAC", "ARP") and r.random() < 0.2:
            inner += attr(E["LSW_%s_A_AGE" % kind], struct.pack("=I", 1))
        if kind == "MAC" and r.random() < 0.2:
            inner += attr(E["LSW_MAC_A_KEY"], struct.pack(
                "=I", r.choice([0, 1, E["LSW_OVN_KEY_MAX"] + 1])))
        return attr(E["LSW_A_" + kind] | NLA_F_NESTED, inner)

    def link_attrs(self):
        r = self.rnd
        out = b""
        for _ in range(r.randrange(1, 8)):
            atype = r.randrange(E["__IFLA_LSW_MAX"] + 2)
            if atype == E["IFLA_LSW_VNI"] and r.random() < 0.7:
                payload = struct.pack("=I", r.choice(BOUNDARY32 +
                                                     [5001, 7000]))
            elif r.random() < 0.5:
                payload = struct.pack("=I", r.choice(BOUNDARY32))[
                    :r.choice([1, 2, 4, 4, 4])]
            else:
                payload = self.blob()
            out += attr(atype, payload)
        return out

    def rtnl_garbage(self, names):
        r = self.rnd
        change = names and r.random() < 0.3
        if change:
            index = socket.if_nametoindex(r.choice(names))
            flags = NLM_F_ACK
            name = b""
        else:
            index = 0
            flags = NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL
            name = attr(IFLA_IFNAME, b"lswfuzz\0")
        info = attr(IFLA_INFO_KIND, b"lsw\0")
        data = self.link_attrs()
        if r.random() < 0.2:
            data = self.mutate(data)
        info += attr(IFLA_INFO_DATA | NLA_F_NESTED, data)
        payload = struct.pack("=BxHiII", socket.AF_UNSPEC, 0, index, 0, 0)
        payload += name + attr(IFLA_LINKINFO | NLA_F_NESTED, info)
        res = self.send(self.rtnl, RTM_NEWLINK, flags, payload)
        if res and res[0] == 0 and not change:
            self.created += 1
            self.del_link("lswfuzz")

    def del_link(self, name):
        payload = struct.pack("=BxHiII", socket.AF_UNSPEC, 0, 0, 0, 0)
        payload += attr(IFLA_IFNAME, name.encode() + b"\0")
        res = self.send(self.rtnl, RTM_DELLINK, NLM_F_ACK, payload)
        if not res or res[0]:
            self.bad.append("cannot delete %s: %s" % (name, res))

    def garbage(self, seconds, names):
        ifindexes = [socket.if_nametoindex(n) for n in names] + [0, 1, 9999]
        self.created = 0
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for _ in range(50):
                if self.rnd.random() < 0.8:
                    self.genl_garbage(ifindexes)
                else:
                    self.rtnl_garbage(names)
        print("# garbage: %d sent, %d acked, %d with a bad length, "
              "%d links created and deleted" %
              (self.sent, self.acked, self.silent, self.created))

    # --- the model phase -------------------------------------------------

    def model(self, seconds, dev4, dev6, port):
        r = self.rnd
        devs = {dev4: (socket.AF_INET, socket.if_nametoindex(dev4)),
                dev6: (socket.AF_INET6, socket.if_nametoindex(dev6))}
        port_index = socket.if_nametoindex(port)
        tables = {(d, t): {} for d in devs for t in ("vtep", "mac", "arp")}
        # The switches' own entries (their addresses, permanent): there
        # from the start, and no request changes them.
        for d in devs:
            tables[(d, "mac")] = self.dump(devs[d][1], "mac")
        # The ports, the switches' own included: ifindex -> [switch,
        # key, name], as the kernel has them at the start.
        ports = self.dump_ports()
        macs = ["02:00:00:00:%02x:%02x" % (i // 256, i % 256)
                for i in range(1, 40)]
        ips4 = ["198.51.100.%d" % i for i in range(1, 30)]
        ips6 = ["2001:db8::%x" % i for i in range(1, 30)]
        done = {"ok": 0, "refused": 0, "stray": 0}

        def addr(family, text):
            return socket.inet_pton(family, text)

        def entry(fam, table, r):
            """A valid entry nest of table: (key, value, nest bytes)."""
            ips = ips4 if fam == socket.AF_INET else ips6
            ipattr = "IP" if fam == socket.AF_INET else "IP6"
            if table == "vtep":
                key = r.choice(ips)
                return key, (), attr(E["LSW_VTEP_A_" + ipattr],
                                     addr(fam, key))
            if table == "mac":
                key = r.choice(macs)
                nest = attr(E["LSW_MAC_A_ADDR"],
                            bytes(int(x, 16) for x in key.split(":")))
                if fam == socket.AF_INET and r.random() < 0.4:
                    where = ("port", port_index)
                    nest += attr(E["LSW_MAC_A_PORT"],
                                 struct.pack("=I", port_index))
                else:
                    vtep = r.choice(ips)
                    where = ("vtep", vtep)
                    nest += attr(E["LSW_MAC_A_VTEP_" + ipattr],
                                 addr(fam, vtep))
                return key, where, nest
            fam_ip = r.choice([socket.AF_INET, socket.AF_INET6])
            key = r.choice(ips4 if fam_ip == socket.AF_INET else ips6)
            nest = attr(E["LSW_ARP_A_IP" if fam_ip == socket.AF_INET
                          else "LSW_ARP_A_IP6"], addr(fam_ip, key))
            mac = r.choice(macs)
            nest += attr(E["LSW_ARP_A_MAC"],
                         bytes(int(x, 16) for x in mac.split(":")))
            return key, ("mac", mac), nest

        def key_nest(table, key):
            if table == "mac":
                return attr(E["LSW_MAC_A_ADDR"],
                            bytes(int(x, 16) for x in key.split(":")))
            fam_ip = socket.AF_INET6 if ":" in key else socket.AF_INET
            return attr(E["LSW_ARP_A_IP6" if ":" in key else "LSW_ARP_A_IP"],
                        addr(fam_ip, key))

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if r.random() < 0.1:
                self.model_port(ports, done)
                continue
            dev = r.choice(list(devs))
            fam, index = devs[dev]
            table = r.choice(["vtep", "mac", "arp"])
            op = r.choices(["new", "set", "del", "flush"], [8, 6, 6, 0.5])[0]
            up = table.upper()
            t = tables[(dev, table)]
            key, where, nest = entry(fam, table, r)
            full = nest
            if op == "del" and table != "vtep":
                # DEL names the entry by its key alone.
                nest = key_nest(table, key)
            flags_attr = None
            if table != "vtep" and op in ("new", "set"):
                flags_attr = r.choice([None, 1, 2, 3, 4, 0])
                if flags_attr is not None:
                    nest += attr(E["LSW_%s_A_FLAGS" % up],
                                 struct.pack("=I", flags_attr))
            value = () if table == "vtep" else \
                (where, 2 if flags_attr == 2 else 1)
            # One broken place, sometimes; flags other than one of STATIC
            # and LEARNED count as one.
            broken = op != "flush" and \
                (r.random() < 0.2 or flags_attr in (0, 3, 4))
            stray = None
            if broken and flags_attr not in (0, 3, 4):
                if r.random() < 0.5:
                    nest = self.mutate(nest)
                else:
                    # Not an attribute of the nest: refused.
                    nest += attr(r.randrange(20, 40), self.blob(4))
                    stray = "an unknown attribute in the entry"
            filt = None
            if op == "flush" and table != "vtep" and r.random() < 0.5:
                filt = r.choice([1, 2])
            payload = attr(E["LSW_A_IFINDEX"], struct.pack("=I", index))
            if op == "del" and table != "vtep" and not broken and \
                    r.random() < 0.1:
                # The rest of the entry: not DEL's to take.
                nest = full
                stray = "more than the key in a DEL entry"
            if op != "flush":
                payload += attr(E["LSW_A_" + up] | NLA_F_NESTED, nest)
            elif r.random() < 0.3:
                # A flush that carries an entry once flushed the whole
                # table: the entry is not the flush's to take.
                payload += attr(E["LSW_A_" + up] | NLA_F_NESTED, nest)
                stray = "an entry in a flush"
            if filt:
                payload += attr(E["LSW_A_FILTER"] | NLA_F_NESTED,
                                attr(E["LSW_FILTER_A_FLAGS"],
                                     struct.pack("=I", filt)))
            roll = r.random()
            if roll < 0.08:
                # Attributes no table request takes at the top (VNI,
                # IFNAME are replies'), or another table's entry.
                other = r.choice([t2 for t2 in ("VTEP", "MAC", "ARP")
                                  if t2 != up])
                payload += r.choice([
                    attr(E["LSW_A_VNI"], struct.pack("=I", 5001)),
                    attr(E["LSW_A_IFNAME"], b"lsw5001\0"),
                    attr(E["LSW_A_" + other] | NLA_F_NESTED, b""),
                    attr(E["LSW_A_FILTER"] | NLA_F_NESTED, b"")
                    if op != "flush" or table == "vtep" else
                    attr(E["LSW_A_VNI"], struct.pack("=I", 1))])
                stray = "a top-level attribute it does not take"
            nlflags = NLM_F_ACK
            if r.random() < 0.08:
                nlflags |= r.choice([NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE,
                                     NLM_F_CREATE | NLM_F_EXCL,
                                     NLM_F_CREATE | NLM_F_REPLACE])
                stray = "an NLM_F_* flag"
            cmd = E["LSW_CMD_%s_%s" % (up, op.upper())]
            payload = struct.pack("=BBH", cmd, E["LSW_GENL_VERSION"], 0) + \
                payload
            res = self.send(self.genl, self.family, nlflags, payload)
            if res is None:
                continue
            err = res[0]
            if stray:
                # Refused whole, whatever else the request holds (a
                # broken entry before the stray may be refused first,
                # for its own reason).
                done["stray"] += 1
                if err != errno.EINVAL and not (broken and err):
                    self.bad.append("%s %s with %s: %s, not EINVAL" %
                                    (table, op, stray,
                                     errno.errorcode.get(err, err)))
                    self.resync(t, dev, index, table)
                continue
            if broken:
                if err:
                    done["refused"] += 1
                else:
                    # A mutation the kernel accepted: whatever it did,
                    # the dump will say; take the kernel's word for it.
                    done["ok"] += 1
                    self.resync(t, dev, index, table)
                continue
            # A whole request: its outcome is known.
            want = {"new": 0 if key not in t else errno.EEXIST,
                    "set": 0,
                    "del": 0 if key in t else errno.ENOENT,
                    "flush": 0}[op]
            if err != want:
                self.bad.append("%s %s %s: %s, the model says %s" %
                                (dev, table, op,
                                 errno.errorcode.get(err, err),
                                 errno.errorcode.get(want, want)))
                self.resync(t, dev, index, table)
                continue
            done["refused" if err else "ok"] += 1
            if err:
                continue
            if op in ("new", "set"):
                t[key] = value
            elif op == "del":
                del t[key]
            elif filt or table == "mac":
                # A flush keeps the switch's own entry, whatever it asks.
                for k in [k for k, v in t.items()
                          if (not filt or v[1] & filt) and
                          not v[1] & E["LSW_ENTRY_F_PERMANENT"]]:
                    del t[k]
            else:
                t.clear()
        print("# model: %d requests applied, %d refused, %d stray refused" %
              (done["ok"], done["refused"], done["stray"]))
        got = self.dump_ports()
        if got != ports:
            self.bad.append("the ports differ from the model:\n"
                            "#   kernel %s\n#   model  %s" %
                            (sorted(got.items()), sorted(ports.items())))
        else:
            print("# ports: %d, as the model says" % len(ports))
        for (dev, table), t in sorted(tables.items()):
            got = self.dump(devs[dev][1], table)
            if got != t:
                self.bad.append("%s %s table differs from the model:\n"
                                "#   kernel %s\n#   model  %s" %
                                (dev, table, sorted(got.items()),
                                 sorted(t.items())))
            else:
                print("# %s %s: %d entries, as the model says" %
                      (dev, table, len(t)))

    def model_port(self, ports, done):
        """One PORT_SET of a port's key or name (or both), valid or broken
        in one place; its outcome checked against the model."""
        r = self.rnd
        target = r.choice(sorted(ports))
        switch = ports[target][0]
        key = r.choice([None, 0, 1, 2, 3])
        name = r.choice([None, "", "lp1", "lp2", "n" * 63])
        if key is None and name is None:
            key = 1
        nest = attr(E["LSW_PORT_A_IFINDEX"], struct.pack("=I", target))
        top = b""
        broken = None
        roll = r.random()
        if roll < 0.05:
            key, broken = E["LSW_OVN_KEY_MAX"] + 1, errno.ERANGE
        elif roll < 0.1:
            name, broken = "n" * 64, errno.EINVAL
        elif roll < 0.15:
            nest += attr(E["LSW_PORT_A_IFNAME"], b"x\0")
            broken = errno.EINVAL
        elif roll < 0.2:
            others = [p for p, v in ports.items() if v[0] != switch]
            if others:
                # The switch of another port: not this port's.
                top = attr(E["LSW_A_IFINDEX"],
                           struct.pack("=I", ports[r.choice(others)][0]))
                broken = errno.ENODEV
        if key is not None:
            nest += attr(E["LSW_PORT_A_KEY"], struct.pack("=I", key))
        if name is not None:
            nest += attr(E["LSW_PORT_A_NAME"], name.encode() + b"\0")
        payload = struct.pack("=BBH", E["LSW_CMD_PORT_SET"],
                              E["LSW_GENL_VERSION"], 0)
        payload += top + attr(E["LSW_A_PORT"] | NLA_F_NESTED, nest)
        res = self.send(self.genl, self.family, NLM_F_ACK, payload)
        if res is None:
            return
        err = res[0]
        if broken:
            want = broken
        elif key and any(p != target and v[0] == switch and v[1] == key
                         for p, v in ports.items()):
            want = errno.EEXIST
        else:
            want = 0
        if err != want:
            self.bad.append("port set %d key %s name %r: %s, the model "
                            "says %s" % (target, key, name,
                                         errno.errorcode.get(err, err),
                                         errno.errorcode.get(want, want)))
            ports.clear()
            ports.update(self.dump_ports())
            return
        done["refused" if err else "ok"] += 1
        if not err:
            if key is not None:
                ports[target][1] = key
            if name is not None:
                ports[target][2] = name

    def dump_ports(self):
        """Every port of the netns: ifindex -> [switch, key, name]."""
        payload = struct.pack("=BBH", E["LSW_CMD_PORT_GET"], 1, 0)
        res = self.send(self.genl, self.family, NLM_F_DUMP, payload)
        out = {}
        if not res or res[0]:
            self.bad.append("port dump failed: %s" % (res,))
            return out
        for body in res[1]:
            top = parse_attrs(body[4:])
            switch = struct.unpack("=I", top[E["LSW_A_IFINDEX"]][0])[0]
            a = {k: v[0] for k, v in
                 parse_attrs(top[E["LSW_A_PORT"]][0]).items()}
            index = struct.unpack("=I", a[E["LSW_PORT_A_IFINDEX"]])[0]
            out[index] = [switch,
                          struct.unpack("=I", a[E["LSW_PORT_A_KEY"]])[0],
                          a[E["LSW_PORT_A_NAME"]].rstrip(b"\0").decode()]
        return out

    def resync(self, t, dev, index, table):
        t.clear()
        t.update(self.dump(index, table))

    def dump(self, index, table):
        up = table.upper()
        payload = struct.pack("=BBH", E["LSW_CMD_%s_GET" % up], 1, 0)
        payload += attr(E["LSW_A_IFINDEX"], struct.pack("=I", index))
        res = self.send(self.genl, self.family, NLM_F_DUMP, payload)
        out = {}
        if not res or res[0]:
            self.bad.append("%s dump failed: %s" % (table, res))
            return out
        for body in res[1]:
            top = parse_attrs(body[4:])
            for nest in top.get(E["LSW_A_" + up], []):
                a = {k: v[0] for k, v in parse_attrs(nest).items()}
                key, value = self.entry(table, a)
                out[key] = value
        return out

    @staticmethod
    def entry(table, a):
        def ip(raw):
            return socket.inet_ntop(socket.AF_INET if len(raw) == 4
                                    else socket.AF_INET6, raw)

        def mac(raw):
            return ":".join("%02x" % x for x in raw)

        p = "LSW_%s_A_" % table.upper()
        if table == "vtep":
            return ip(a.get(E[p + "IP"]) or a[E[p + "IP6"]]), ()
        flags = struct.unpack("=I", a[E[p + "FLAGS"]])[0]
        if table == "mac":
            if E[p + "PORT"] in a:
                where = ("port", struct.unpack("=I", a[E[p + "PORT"]])[0])
            else:
                where = ("vtep", ip(a.get(E[p + "VTEP_IP"]) or
                                    a[E[p + "VTEP_IP6"]]))
            return mac(a[E[p + "ADDR"]]), (where, flags)
        key = ip(a.get(E[p + "IP"]) or a[E[p + "IP6"]])
        return key, (("mac", mac(a[E[p + "MAC"]])), flags)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    mode, seconds, seed = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    fz = Fuzzer(seed)
    print("# %s: seed %d" % (mode, seed))
    if mode == "garbage":
        fz.garbage(seconds, sys.argv[4:])
    elif mode == "model":
        fz.model(seconds, *sys.argv[4:7])
    else:
        sys.exit(__doc__)
    print("# errors: " + ", ".join("%s %d" % (errno.errorcode.get(e, e), n)
                                   for e, n in sorted(fz.errors.items())))
    for b in fz.bad[:20]:
        print("# BAD: " + b)
    return 1 if fz.bad else 0


if __name__ == "__main__":
    sys.exit(main())
