#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A reference controller that answers lsw's misses from its own table.

It joins the "miss" multicast group of the "lsw" generic netlink family
(which needs CAP_NET_ADMIN in the netns) and, for each miss event, sets
the entry the switch lacks if it knows it: an ARP/ND entry
(LSW_CMD_ARP_SET) for an IP address, a MAC entry behind a VTEP
(LSW_CMD_MAC_SET) for a MAC address.  That is what a controller that
answers on demand does (Documentation/networking/lsw.rst, "Answering
misses on demand"); a real one would look the address up in its view of
the VMs instead of a table on its command line.

  lsw_miss_responder.py [--arp IP=MAC]... [--mac MAC=VTEP]... [--learned]

Raw generic netlink, as lsw_nl.py speaks it (its helpers and the names
of uapi/linux/lsw.h): no library.  It prints "listening" once it has
joined the group, then one line per miss and one per answer, flushed at
once, for the tests to read:

  miss dev NAME vni VNI ip IP port IFINDEX
  answered ip IP mac MAC
  unknown ip IP

With --learned the entries it sets are dynamic, and age.  It runs until
killed (SIGTERM, SIGINT).  Exit status 1 if it cannot join the group
(EPERM for the unprivileged).
"""

import argparse
import errno
import os
import signal
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# pylint: disable=wrong-import-position
import lsw_nl  # noqa: E402

SOL_NETLINK = 270
NETLINK_ADD_MEMBERSHIP = 1


def mac_str(raw):
    return ":".join("%02x" % b for b in raw)


class Responder:
    def __init__(self, enums, arp, macs, learned):
        self.enums = enums
        self.arp = arp
        self.macs = macs
        self.flags = enums["LSW_ENTRY_F_LEARNED"] if learned else 0
        self.family, groups = lsw_nl.genl_family_groups("lsw")
        if "miss" not in groups:
            sys.exit("lsw_miss_responder: the lsw family has no miss group")
        self.group = groups["miss"]
        self.listen = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                    lsw_nl.NETLINK_GENERIC)
        self.listen.bind((0, 0))
        # Answers go on a socket of their own: their acks must not mix
        # with the events.
        self.req = lsw_nl.Netlink(lsw_nl.NETLINK_GENERIC)

    def join(self):
        try:
            self.listen.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
                                   self.group)
        except OSError as e:
            print("error: %s: cannot join the miss group" %
                  errno.errorcode.get(e.errno, str(e.errno)), flush=True)
            return False
        print("listening", flush=True)
        return True

    def value(self, name):
        return self.enums[name]

    def set_entry(self, cmd, items):
        packer = lsw_nl.Attrs(self.enums)
        payload = struct.pack("=BBH", self.value("LSW_CMD_" + cmd),
                              self.value("LSW_GENL_VERSION"), 0)
        payload += packer.pack("LSW_A_", items)
        err, msg, _, _ = self.req.request(self.family, 0, payload)
        if err:
            return "error %s %s" % (errno.errorcode.get(-err, str(-err)),
                                    msg or "")
        return None

    def address(self, miss):
        """What a miss nest asks for: ("ip", IP, "ip4" or "ip6") or
        ("mac", MAC, None); None if malformed."""
        for key, kind, fam, size in (("LSW_MISS_A_IP", "ip4", socket.AF_INET, 4),
                                     ("LSW_MISS_A_IP6", "ip6", socket.AF_INET6, 16)):
            raw = miss.get(self.value(key))
            if raw and len(raw[0]) >= size:
                return "ip", socket.inet_ntop(fam, raw[0][:size]), kind
        raw = miss.get(self.value("LSW_MISS_A_MAC"))
        if raw and len(raw[0]) >= 6:
            return "mac", mac_str(raw[0][:6]), None
        return None

    def answer(self, ifindex, what, addr, kind):
        """Answer one miss from the table, and say what was done."""
        dev = ["IFINDEX", "u32", ifindex]
        flags = [["FLAGS", "u32", self.flags]] if self.flags else []
        if what == "ip":
            mac = self.arp.get(addr)
            if not mac:
                return "unknown ip %s" % addr
            err = self.set_entry("ARP_SET", [dev, [
                "ARP", "nest", [["IP" if kind == "ip4" else "IP6", kind, addr],
                                ["MAC", "mac", mac]] + flags]])
            return err or "answered ip %s mac %s" % (addr, mac)
        vtep = self.macs.get(addr)
        if not vtep:
            return "unknown mac %s" % addr
        vkind = "ip6" if ":" in vtep else "ip4"
        err = self.set_entry("MAC_SET", [dev, [
            "MAC", "nest", [["ADDR", "mac", addr],
                            ["VTEP_IP6" if vkind == "ip6" else "VTEP_IP",
                             vkind, vtep]] + flags]])
        return err or "answered mac %s vtep %s" % (addr, vtep)

    def event(self, body):
        """One message of the group: print it, and answer it."""
        if body[0] != self.value("LSW_CMD_MISS_NTF"):
            return
        top = lsw_nl.parse_attrs(body[lsw_nl.GENL_HDRLEN:])

        def u32(attrs, name):
            raw = attrs.get(self.value(name))
            return struct.unpack("=I", raw[0][:4])[0] if raw else 0

        name = top.get(self.value("LSW_A_IFNAME"), [b"?"])[0]
        miss = lsw_nl.parse_attrs(top.get(self.value("LSW_A_MISS"), [b""])[0])
        addr = self.address(miss)
        if not addr:
            print("malformed miss", flush=True)
            return
        print("miss dev %s vni %u %s %s port %u" %
              (name.rstrip(b"\0").decode(), u32(top, "LSW_A_VNI"), addr[0],
               addr[1], u32(miss, "LSW_MISS_A_PORT")), flush=True)
        print(self.answer(u32(top, "LSW_A_IFINDEX"), *addr), flush=True)

    def run(self):
        while True:
            try:
                data = self.listen.recv(1 << 16)
            except OSError as e:
                if e.errno == errno.ENOBUFS:
                    print("overflow: misses lost", flush=True)
                    continue
                raise
            while len(data) >= 16:
                length, mtype = struct.unpack("=IH", data[:6])
                if length < 16:
                    break
                if mtype == self.family:
                    self.event(data[16:length])
                data = data[(length + 3) & ~3:]


def pairs(items, what):
    out = {}
    for item in items:
        key, sep, val = item.partition("=")
        if not sep or not key or not val:
            sys.exit("lsw_miss_responder: %s takes KEY=VALUE, not %s" %
                     (what, item))
        out[key.lower()] = val.lower()
    return out


def main():
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--arp", action="append", default=[],
                    help="IP=MAC: answer misses of IP")
    ap.add_argument("--mac", action="append", default=[],
                    help="MAC=VTEP: answer misses of MAC")
    ap.add_argument("--learned", action="store_true",
                    help="set dynamic entries, which age")
    ap.add_argument("--uapi", default=os.path.join(top, "uapi/linux/lsw.h"))
    args = ap.parse_args()

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    r = Responder(lsw_nl.uapi_enums(args.uapi), pairs(args.arp, "--arp"),
                  pairs(args.mac, "--mac"), args.learned)
    if not r.join():
        return 1
    try:
        r.run()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
