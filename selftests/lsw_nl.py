#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send one hand-built netlink request to lsw and print the kernel's answer.

The selftests use it for what the lsw tool would never send: wrong types
and lengths, out-of-range values, unknown and missing attributes.  Names
(commands, attributes) are read from uapi/linux/lsw.h, so a test says
"MAC_NEW" and "VNI" rather than numbers.

  lsw_nl.py genl CMD [--flags F,...] [--reserved N] [--dump] ATTRS
  lsw_nl.py link-add NAME [--kind KIND] ATTRS   (IFLA_INFO_DATA of lsw)
  lsw_nl.py link-set NAME ATTRS
  lsw_nl.py --serve

ATTRS is JSON: a list of [name-or-number, type, value]; types are u8, u16,
u32, u64, be16, ip4, ip6, mac, str, hex (raw bytes), flag and nest (whose
value is again such a list).  Names are looked up in the enum of the
context: LSW_A_* at the top, LSW_<NEST>_A_* inside nest NEST, IFLA_LSW_*
for links.

--flags adds NLM_F_* flags to the request (create, excl, replace,
append), --reserved sets the genetlink header's reserved field: the
family refuses both.  The genetlink header carries LSW_GENL_VERSION, read
from the header like the names.

Prints "ok" (exit 0) or "error: ERRNO: MESSAGE [offset N] [attr NAME]"
(exit 1), the message and offset being the kernel's extended ack and
NAME the attribute of the request at that offset (LSW_A_MAC, or
LSW_A_MAC.LSW_MAC_A_AGE inside a nest).  With --dump, prints one line per
reply message (its top-level attribute types) and "done".

--serve answers many requests in one process (starting python is most
of a request's time in a TCG guest, and more under KASAN): each request
on stdin is its arguments, a NUL after each, the count first; the answer
is what that request alone would print (stdout and stderr), then a line
"lsw_nl.py: exit STATUS".  Each request gets its own socket, as alone.
"""

import argparse
import errno
import json
import os
import re
import socket
import struct
import sys

NETLINK_ROUTE = 0
NETLINK_GENERIC = 16
NLM_F_REQUEST, NLM_F_MULTI, NLM_F_ACK = 1, 2, 4
NLM_F_DUMP = 0x300
NLM_F_REPLACE, NLM_F_EXCL, NLM_F_CREATE = 0x100, 0x200, 0x400
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLM_F_CAPPED, NLM_F_ACK_TLVS = 0x100, 0x200
NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS = 1, 2
NETLINK_CAP_ACK, NETLINK_EXT_ACK = 10, 11
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
CTRL_ATTR_MCAST_GROUPS = 7
CTRL_ATTR_MCAST_GRP_NAME, CTRL_ATTR_MCAST_GRP_ID = 1, 2
RTM_NEWLINK, RTM_GETLINK = 16, 18
IFLA_IFNAME, IFLA_LINKINFO = 3, 18
IFLA_INFO_KIND, IFLA_INFO_DATA = 1, 2
NLA_F_NESTED = 0x8000

NLM_F_APPEND = 0x800
GENL_HDRLEN = 4

# Flags the "lsw" family refuses (its resv_start_op is 0), to test that.
FLAGS = {"create": NLM_F_CREATE, "excl": NLM_F_EXCL,
         "replace": NLM_F_REPLACE, "append": NLM_F_APPEND}


def uapi_enums(path, cache={}):
    """Every NAME = value of the enums in the uapi header, and of its
    #defines of a plain number (LSW_GENL_VERSION)."""
    if path in cache:
        return cache[path]
    text = open(path).read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    names = {}
    for name, value in re.findall(r"^#define\s+(\w+)\s+(0x[0-9a-fA-F]+|\d+)\s*$",
                                  text, flags=re.M):
        names[name] = int(value, 0)
    for body in re.findall(r"enum\s*\w*\s*\{(.*?)\}", text, flags=re.S):
        value = -1
        for item in body.split(","):
            item = item.strip()
            if not item:
                continue
            if "=" in item:
                name, expr = (x.strip() for x in item.split("=", 1))
                value = int(expr, 0)
            else:
                name = item
                value += 1
            names[name] = value
    cache[path] = names
    return names


# The nests whose attributes' enum is not named after them.
NEST_PREFIX = {"SECURITY": "LSW_PSEC_A_", "ADDR": "LSW_PSEC_ADDR_A_"}


class Attrs:
    def __init__(self, enums):
        self.enums = enums
        # Offset in the message -> name of each attribute packed, for
        # naming the one an extack points at.
        self.names = {}

    def number(self, prefix, name):
        if isinstance(name, int):
            return name
        if name.isdigit():
            return int(name)
        key = prefix + name
        if key not in self.enums:
            sys.exit("lsw_nl.py: unknown attribute %s" % key)
        return self.enums[key]

    def pack(self, prefix, items, offset=0, path=""):
        """The attributes of items; offset: where they start in the
        message, path: the name of the nest they are in."""
        out = b""
        for name, kind, value in items:
            atype = self.number(prefix, name)
            full = path + (str(name) if isinstance(name, int) or
                           str(name).isdigit() else prefix + name)
            self.names[offset + len(out)] = full
            if kind == "nest":
                inner = prefix if isinstance(name, int) else \
                    NEST_PREFIX.get(name, "LSW_%s_A_" % name)
                payload = self.pack(inner, value, offset + len(out) + 4,
                                    full + ".")
                atype |= NLA_F_NESTED
            else:
                payload = self.scalar(kind, value)
            out += attr(atype, payload)
        return out

    @staticmethod
    def scalar(kind, value):
        if kind == "u8":
            return struct.pack("=B", value)
        if kind == "u16":
            return struct.pack("=H", value)
        if kind == "u32":
            return struct.pack("=I", value)
        if kind == "u64":
            return struct.pack("=Q", value)
        if kind == "be16":
            return struct.pack(">H", value)
        if kind == "ip4":
            return socket.inet_pton(socket.AF_INET, value)
        if kind == "ip6":
            return socket.inet_pton(socket.AF_INET6, value)
        if kind == "mac":
            return bytes(int(x, 16) for x in value.split(":"))
        if kind == "str":
            return value.encode() + b"\0"
        if kind == "hex":
            return bytes.fromhex(value)
        if kind == "flag":
            return b""
        sys.exit("lsw_nl.py: unknown type %s" % kind)


def attr(atype, payload):
    length = 4 + len(payload)
    pad = (4 - length % 4) % 4
    return struct.pack("=HH", length, atype) + payload + b"\0" * pad


def parse_attrs(data):
    out = {}
    while len(data) >= 4:
        length, atype = struct.unpack("=HH", data[:4])
        if length < 4:
            break
        out.setdefault(atype & 0x3fff, []).append(data[4:length])
        data = data[(length + 3) & ~3:]
    return out


class Netlink:
    def __init__(self, proto):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, proto)
        self.sock.setsockopt(270, NETLINK_EXT_ACK, 1)
        self.sock.setsockopt(270, NETLINK_CAP_ACK, 1)
        self.sock.bind((0, 0))
        self.seq = 1

    def request(self, mtype, flags, payload, dump=False):
        self.seq += 1
        flags |= NLM_F_REQUEST | (0 if dump else NLM_F_ACK)
        msg = struct.pack("=IHHII", 16 + len(payload), mtype, flags,
                          self.seq, 0) + payload
        self.sock.send(msg)
        replies = []
        while True:
            data = self.sock.recv(1 << 20)
            while data:
                length, rtype, rflags, _, _ = struct.unpack("=IHHII",
                                                            data[:16])
                body = data[16:length]
                data = data[(length + 3) & ~3:]
                if rtype == NLMSG_DONE:
                    return 0, None, None, replies
                if rtype == NLMSG_ERROR:
                    return self.error(body, rflags) + (replies,)
                replies.append(body)
                if not dump:
                    continue

    @staticmethod
    def error(body, flags):
        err = struct.unpack("=i", body[:4])[0]
        rest = body[4:]
        # The original request follows, capped to its header if asked.
        orig_len = struct.unpack("=I", rest[:4])[0]
        rest = rest[16:] if flags & NLM_F_CAPPED else \
            rest[(orig_len + 3) & ~3:]
        msg = offs = None
        if flags & NLM_F_ACK_TLVS:
            tlvs = parse_attrs(rest)
            if NLMSGERR_ATTR_MSG in tlvs:
                msg = tlvs[NLMSGERR_ATTR_MSG][0].rstrip(b"\0").decode()
            if NLMSGERR_ATTR_OFFS in tlvs:
                offs = struct.unpack("=I", tlvs[NLMSGERR_ATTR_OFFS][0])[0]
        return err, msg, offs


def genl_family_groups(name):
    """The id of generic netlink family name, and its multicast groups'
    ids by name."""
    nl = Netlink(NETLINK_GENERIC)
    payload = struct.pack("=BBH", CTRL_CMD_GETFAMILY, 1, 0) + \
        attr(CTRL_ATTR_FAMILY_NAME, name.encode() + b"\0")
    nl.seq += 1
    msg = struct.pack("=IHHII", 16 + len(payload), GENL_ID_CTRL,
                      NLM_F_REQUEST, nl.seq, 0) + payload
    nl.sock.send(msg)
    data = nl.sock.recv(65536)
    length, rtype = struct.unpack("=IH", data[:6])
    if rtype == NLMSG_ERROR:
        sys.exit("lsw_nl.py: no generic netlink family %s" % name)
    tlvs = parse_attrs(data[20:length])
    groups = {}
    for nest in parse_attrs(tlvs.get(CTRL_ATTR_MCAST_GROUPS, [b""])[0]).values():
        grp = parse_attrs(nest[0])
        if CTRL_ATTR_MCAST_GRP_NAME in grp and CTRL_ATTR_MCAST_GRP_ID in grp:
            gname = grp[CTRL_ATTR_MCAST_GRP_NAME][0].rstrip(b"\0").decode()
            groups[gname] = struct.unpack("=I", grp[CTRL_ATTR_MCAST_GRP_ID][0][:4])[0]
    return struct.unpack("=H", tlvs[CTRL_ATTR_FAMILY_ID][0][:2])[0], groups


def genl_family(name):
    return genl_family_groups(name)[0]


def ifindex(name):
    try:
        return socket.if_nametoindex(name)
    except OSError:
        return 0


def report(err, msg, offs, replies, dump, names=None):
    if dump:
        for body in replies:
            tlvs = parse_attrs(body[4:])
            print(" ".join(str(t) for t in sorted(tlvs)))
    if err:
        line = "error: %s" % errno.errorcode.get(-err, str(-err))
        if msg:
            line += ": " + msg
        if offs is not None:
            line += " [offset %d]" % offs
            if names and offs in names:
                line += " [attr %s]" % names[offs]
        print(line)
        return 1
    print("done" if dump else "ok")
    return 0


def main(argv=None):
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(prog="lsw_nl.py")
    ap.add_argument("op", choices=["genl", "link-add", "link-set"])
    ap.add_argument("target", help="command (genl) or device name")
    ap.add_argument("attrs", nargs="?", default="[]")
    ap.add_argument("--flags", default="")
    ap.add_argument("--reserved", type=int, default=0)
    ap.add_argument("--kind", default="lsw")
    ap.add_argument("--dump", action="store_true")
    ap.add_argument("--uapi", default=os.path.join(top, "uapi/linux/lsw.h"))
    args = ap.parse_intermixed_args(argv)

    enums = uapi_enums(args.uapi)
    packer = Attrs(enums)
    items = json.loads(args.attrs)
    flags = 0
    for f in filter(None, args.flags.split(",")):
        flags |= FLAGS[f]
    if args.dump:
        flags |= NLM_F_DUMP

    if args.op == "genl":
        if "LSW_GENL_VERSION" not in enums:
            sys.exit("lsw_nl.py: no LSW_GENL_VERSION in %s" % args.uapi)
        cmd = packer.number("LSW_CMD_", args.target)
        payload = struct.pack("=BBH", cmd, enums["LSW_GENL_VERSION"],
                              args.reserved)
        payload += packer.pack("LSW_A_", items, 16 + GENL_HDRLEN)
        nl = Netlink(NETLINK_GENERIC)
        result = nl.request(genl_family("lsw"), flags, payload, args.dump)
    else:
        index = ifindex(args.target) if args.op == "link-set" else 0
        payload = struct.pack("=BxHiII", socket.AF_UNSPEC, 0, index, 0, 0)
        if args.op == "link-add":
            flags |= NLM_F_CREATE | NLM_F_EXCL
            payload += attr(IFLA_IFNAME, args.target.encode() + b"\0")
        info = attr(IFLA_INFO_KIND, args.kind.encode() + b"\0")
        info += attr(IFLA_INFO_DATA | NLA_F_NESTED,
                     packer.pack("IFLA_LSW_", items))
        packer.names.clear()    # offsets of a genetlink request only
        payload += attr(IFLA_LINKINFO | NLA_F_NESTED, info)
        nl = Netlink(NETLINK_ROUTE)
        result = nl.request(RTM_NEWLINK, flags, payload)
    return report(*result, args.dump, packer.names)


def read_request(stream):
    """The arguments of the next request on stream, None at its end."""
    def field():
        out = bytearray()
        while True:
            c = stream.read(1)
            if not c:
                return None
            if c == b"\0":
                return out.decode()
            out += c
    count = field()
    if count is None:
        return None
    args = []
    for _ in range(int(count)):
        arg = field()
        if arg is None:
            return None
        args.append(arg)
    return args


def serve():
    """main() per request read from stdin, its output and status after
    it, until stdin ends."""
    import contextlib
    import io
    import traceback

    while True:
        argv = read_request(sys.stdin.buffer)
        if argv is None:
            return 0
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            try:
                rc = main(argv)
            except SystemExit as e:
                if isinstance(e.code, str):
                    print(e.code, file=sys.stderr)
                    rc = 1
                else:
                    rc = e.code or 0
            except Exception:   # what a crash of one process would say
                traceback.print_exc()
                rc = 1
        sys.stdout.write(out.getvalue())
        sys.stdout.write("lsw_nl.py: exit %d\n" % rc)
        sys.stdout.flush()


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        sys.exit(serve())
    sys.exit(main())
