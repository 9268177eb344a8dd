#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A stand-in for the kernel, for lsw_ovn_agent.sh: run as "lsw" it speaks
the lsw tool's syntax, run as "ip" the few ip(8) link commands lsw-ovn
and the test use; both keep the "kernel's" devices and tables in a JSON
file ($LSW_FAKE_STATE) and log every command they run ($LSW_FAKE_LOG).

It is strict: the words of lsw(8) and of OVN-DESIGN.md ("lsw port",
"metadata ovn", "key N") and nothing else, errors as the kernel gives
them (an entry added twice, deleted while absent, a key in use, a device
that is not there), and batches that stop at the first failing line,
the lines before it applied.  The log lets the test check what was
programmed, and that nothing was flushed or deleted when it must not be.

Log lines:  "exec lsw ARGS..." per run, then "ok: CMD" or "error: CMD:
MESSAGE" per command (batch lines included).

Faults: a command ("lsw WORDS..." or "ip WORDS...") that matches a line
(a Python regular expression) of the file $LSW_FAKE_FAIL fails, as the
kernel would refuse it, with "injected failure".
"""

import fcntl
import ipaddress
import json
import os
import re
import sys

VNI_MAX = 16777215
KEY_MAX = 32767
NAME_MAX = 63


class CmdError(Exception):
    """A command failed; @kernel: as the kernel would say it."""

    def __init__(self, message, kernel=True):
        super().__init__(message)
        self.kernel = kernel


def usage(msg):
    return CmdError(msg, kernel=False)


# --- state -------------------------------------------------------------

class State:
    def __init__(self, path):
        self.path = path
        self.lock = open(path + ".lock", "a")
        fcntl.flock(self.lock, fcntl.LOCK_EX)
        try:
            with open(path) as f:
                self.data = json.load(f)
        except FileNotFoundError:
            self.data = {"next_ifindex": 2, "devs": {}}
        self.devs = self.data["devs"]

    def save(self):
        tmp = self.path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(self.data, f, indent=1, sort_keys=True)
        os.rename(tmp, self.path)

    def dev(self, name):
        d = self.devs.get(name)
        if d is None:
            raise CmdError("Cannot find device \"%s\"" % name, kernel=False)
        return d

    def lsw(self, name):
        d = self.dev(name)
        if d["kind"] != "lsw":
            raise CmdError("%s is not an lsw device" % name, kernel=False)
        return d

    def add(self, name, kind):
        check_ifname(name)
        if name in self.devs:
            raise CmdError("device %s exists" % name)
        d = {"ifindex": self.data["next_ifindex"], "kind": kind, "up": False,
             "alias": "", "master": None, "key": 0, "pname": ""}
        self.data["next_ifindex"] += 1
        self.devs[name] = d
        return d

    def release(self, name):
        """@name stops being a port: its identity and MAC entries go."""
        d = self.devs[name]
        master = d["master"]
        d["master"] = None
        d["key"] = 0
        d["pname"] = ""
        if master in self.devs:
            macs = self.devs[master]["mac"]
            for mac in [m for m, e in macs.items() if e["port"] == name]:
                del macs[mac]

    def delete(self, name):
        d = self.devs[name]
        if d["kind"] == "lsw":
            for p in [n for n, x in self.devs.items() if x["master"] == name]:
                self.release(p)
        elif d["master"]:
            self.release(name)
        del self.devs[name]


def check_ifname(name):
    if (not name or len(name) >= 16 or name in (".", "..") or
            re.search(r"[/:\s]", name)):
        raise usage("\"%s\" is not a valid device name" % name)


def parse_ip(what, s):
    try:
        return ipaddress.ip_address(s)
    except ValueError:
        raise usage("invalid %s \"%s\"" % (what, s))


def parse_mac(what, s):
    if not re.fullmatch(r"[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}", s or ""):
        raise usage("invalid %s \"%s\"" % (what, s))
    return ":".join("%02x" % int(b, 16) for b in s.split(":"))


def parse_u32(what, s, lo, hi):
    if not s or not re.fullmatch(r"[0-9]+|0[xX][0-9a-fA-F]+", s):
        raise usage("invalid %s \"%s\"" % (what, s))
    v = int(s, 0)
    if not lo <= v <= hi:
        raise usage("invalid %s \"%s\": not in %d..%d" % (what, s, lo, hi))
    return v


def parse_bool(what, s):
    if s not in ("on", "off"):
        raise usage("invalid %s \"%s\": expected off|on" % (what, s))
    return s == "on"


class Args:
    """The words of one command."""

    def __init__(self, obj, words):
        self.obj = obj
        self.words = list(words)

    def peek(self):
        return self.words[0] if self.words else None

    def next(self):
        return self.words.pop(0) if self.words else None

    def value(self, keyword):
        if not self.words:
            raise usage("\"%s\" requires an argument" % keyword)
        return self.words.pop(0)

    def unknown(self, word):
        return usage("unknown argument \"%s\"; try \"lsw %s help\"" %
                     (word, self.obj))


def pick(table, word, what):
    """The entry of @table @word names, or its unique prefix (as lsw(8))."""
    if word in table:
        return table[word]
    found = {v for k, v in table.items() if word and k.startswith(word)}
    if len(found) != 1:
        raise usage("%s %s \"%s\"" % ("ambiguous" if found else "unknown",
                                      what, word))
    return found.pop()


# --- lsw link ----------------------------------------------------------

def choice(*names):
    def parse(what, s):
        if s not in names:
            raise usage("invalid %s \"%s\": expected %s" %
                        (what, s, "|".join(names)))
        return s
    return parse


def u32(lo, hi):
    return lambda what, s: parse_u32(what, s, lo, hi)


# The words of "link add" and "link set": the key of their value in the
# switch's attributes, how it is parsed, and whether only "add" takes it.
LINK_OPTS = {
    "vni": ("vni", u32(1, VNI_MAX), True),
    "local": ("local", lambda w, s: str(parse_ip(w, s)), True),
    "dev": ("underlay", lambda w, s: s, True),
    "dstport": ("dstport", u32(1, 65535), True),
    "encap": ("encap", choice("vxlan", "geneve"), True),
    "metadata": ("metadata", choice("none", "ovn"), True),
    "learning": ("learning", parse_bool, False),
    "ageing": ("ageing", u32(0, 2**32 - 1), False),
    "arp-suppress": ("arp_suppress", parse_bool, False),
    "strict-vtep": ("strict_vtep", parse_bool, False),
    "udpcsum": ("udp_csum", parse_bool, False),
}


def link_opts(st, a, cfg, fixed):
    """Consumes the attributes of "link add" (@fixed) or "link set"."""
    while a.peek() in LINK_OPTS and (fixed or not LINK_OPTS[a.peek()][2]):
        w = a.next()
        key, parse, _ = LINK_OPTS[w]
        cfg[key] = parse(w, a.value(w))
        if key == "underlay":
            st.dev(cfg[key])


def link_add(st, a):
    name = None
    cfg = {"encap": "vxlan", "metadata": "none", "learning": True,
           "arp_suppress": True, "strict_vtep": False, "udp_csum": False,
           "ageing": 300}
    while a.peek() is not None:
        if a.peek() == "name":
            a.next()
            name = a.value("name")
            continue
        before = len(a.words)
        link_opts(st, a, cfg, True)
        if len(a.words) != before:
            continue
        if name:
            raise a.unknown(a.peek())
        name = a.next()
    if not name:
        raise usage("a device name is required; try \"lsw link help\"")
    check_ifname(name)
    if "vni" not in cfg:
        raise usage("\"vni VNI\" is required; try \"lsw link help\"")
    if cfg["metadata"] == "ovn" and cfg["encap"] != "geneve":
        raise CmdError("metadata ovn needs encap geneve")
    cfg.setdefault("dstport", 6081 if cfg["encap"] == "geneve" else 4789)
    fam = ipaddress.ip_address(cfg.get("local", "0.0.0.0")).version
    for other, d in st.devs.items():
        c = d.get("cfg")
        if (c and c["vni"] == cfg["vni"] and c["dstport"] == cfg["dstport"]
                and ipaddress.ip_address(c.get("local", "0.0.0.0")).version
                == fam):
            raise CmdError("VNI %d is in use by %s" % (cfg["vni"], other))
    d = st.add(name, "lsw")
    d.update({"cfg": cfg, "vtep": [], "mac": {}, "arp": {}})


def link_set(st, a):
    name = a.next()
    if not name:
        raise usage("a device name is required; try \"lsw link help\"")
    d = st.lsw(name)
    cfg = dict(d["cfg"])
    ops = []
    while a.peek() is not None:
        if a.peek() == "port":
            a.next()
            verb, dev = a.next(), a.next()
            if verb not in ("add", "del", "delete") or not dev:
                raise usage("\"port\" takes add PORTDEV or del PORTDEV; "
                            "try \"lsw link help\"")
            ops.append((verb == "add", dev))
            continue
        before = len(a.words)
        link_opts(st, a, cfg, False)
        if len(a.words) == before:
            raise a.unknown(a.peek())
    if not ops and cfg == d["cfg"]:
        raise usage("nothing to change; try \"lsw link help\"")
    d["cfg"] = cfg
    for add, dev in ops:
        p = st.dev(dev)
        if add and p["master"] and p["master"] != name:
            raise usage("%s is already a port of %s: \"port del\" it there "
                        "first" % (dev, p["master"]))
        if not add and p["master"] != name:
            raise usage("%s is not a port of %s" % (dev, name))
        if add:
            if p["kind"] == "lsw":
                raise CmdError("an lsw device cannot be a port")
            p["master"] = name
        else:
            st.release(dev)


def link_del(st, a):
    if a.peek() == "dev":
        a.next()
    name = a.next()
    if not name or a.peek() is not None:
        raise usage("usage: lsw link del [ dev ] NAME")
    d = st.dev(name)
    if d["kind"] != "lsw":
        raise usage("%s is not an lsw device, not deleting it" % name)
    st.delete(name)


def link_flags(d):
    flags = ["BROADCAST", "MULTICAST"]
    if d["master"]:
        flags.append("SLAVE")
    if d["up"]:
        flags += ["UP", "LOWER_UP"]
    return flags


def link_show(st, a):
    name = None
    if a.peek() == "dev":
        a.next()
    if a.peek() is not None:
        name = a.next()
        st.lsw(name)
    if a.peek() is not None:
        raise a.unknown(a.peek())
    out = []
    for n, d in sorted(st.devs.items(), key=lambda x: x[1]["ifindex"]):
        if d["kind"] != "lsw" or (name and n != name):
            continue
        o = {"ifindex": d["ifindex"], "ifname": n, "flags": link_flags(d),
             "mtu": 1450, "operstate": "UNKNOWN" if d["up"] else "DOWN"}
        o.update(d["cfg"])
        o["ports"] = sorted(p for p, x in st.devs.items()
                            if x["master"] == n)
        out.append(o)
    return out


# --- lsw port ----------------------------------------------------------

def port_switch(st, dev):
    """The switch of port @dev: its master, or itself (the host port)."""
    d = st.dev(dev)
    if d["kind"] == "lsw":
        return dev
    if d["master"] and st.devs[d["master"]]["kind"] == "lsw":
        return d["master"]
    raise CmdError("%s is not a port of an lsw switch" % dev)


def port_set(st, a):
    dev = key = name = None
    while a.peek() is not None:
        w = a.next()
        if w == "dev" and dev is None:
            dev = a.value(w)
        elif w == "key" and key is None:
            key = parse_u32("key", a.value(w), 0, KEY_MAX)
        elif w == "name" and name is None:
            name = a.value(w)
            if len(name.encode()) > NAME_MAX:
                raise usage("invalid name \"%s\": longer than %d bytes" %
                            (name, NAME_MAX))
        else:
            raise a.unknown(w)
    if dev is None:
        raise usage("\"dev PORTDEV\" is required; try \"lsw port help\"")
    if key is None and name is None:
        raise usage("nothing to change; try \"lsw port help\"")
    sw = port_switch(st, dev)
    if key:
        for other, x in st.devs.items():
            if (other != dev and x["key"] == key and
                    (other == sw or x["master"] == sw)):
                raise CmdError("key %d is port %s's" % (key, other))
    d = st.devs[dev]
    if key is not None:
        d["key"] = key
    if name is not None:
        d["pname"] = name


def port_show(st, a):
    sw = None
    if a.peek() == "dev":
        a.next()
        sw = a.value("dev")
        st.lsw(sw)
    if a.peek() is not None:
        raise a.unknown(a.peek())
    out = []
    for n, d in sorted(st.devs.items(), key=lambda x: x[1]["ifindex"]):
        master = n if d["kind"] == "lsw" else d["master"]
        if not master or (sw and master != sw):
            continue
        o = {"ifname": n, "master": master}
        if d["key"]:
            o["key"] = d["key"]
        if d["pname"]:
            o["name"] = d["pname"]
        out.append(o)
    return out


# --- lsw vtep/mac/arp --------------------------------------------------

def entry_dev(st, a, kw):
    if a.peek() != "dev":
        raise usage("\"%s dev NAME\" is required; try \"lsw %s help\"" %
                    (kw, a.obj))
    a.next()
    return st.lsw(a.value("dev"))


def same_family(sw, ip):
    local = ipaddress.ip_address(sw["cfg"].get("local", "0.0.0.0"))
    if ip.version != local.version:
        raise CmdError("VTEP %s is not of the underlay's family" % ip)


def vtep_write(st, a, verb):
    ip = parse_ip("vtep", a.next())
    sw = entry_dev(st, a, "IP")
    if a.peek() is not None:
        raise a.unknown(a.peek())
    same_family(sw, ip)
    ip = str(ip)
    if verb == "del":
        if ip not in sw["vtep"]:
            raise CmdError("VTEP %s is not in the table" % ip)
        sw["vtep"].remove(ip)
    elif ip in sw["vtep"]:
        if verb == "add":
            raise CmdError("VTEP %s is in the table already" % ip)
    else:
        sw["vtep"].append(ip)


def entry_words(a, verb, e, parsers):
    """Consumes the words of an entry into @e: @parsers maps a keyword to
    (the key of @e its value goes to, the value's parser); "learned"
    makes it learned."""
    while verb != "del" and a.peek() is not None:
        w = a.next()
        if w == "learned" and e["flags"] == ["static"]:
            e["flags"] = ["learned"]
        elif w in parsers and e[parsers[w][0]] is None:
            key, parse = parsers[w]
            e[key] = parse(a.value(w))
        else:
            raise a.unknown(w)
    if a.peek() is not None:
        raise a.unknown(a.peek())


def table_write(table, key, entry, verb, what):
    """add, replace or del @key of @table (a MAC or ARP/ND table)."""
    if verb == "del":
        if key not in table:
            raise CmdError("%s is not in the table" % what)
        del table[key]
    elif verb == "add" and key in table:
        raise CmdError("%s is in the table already" % what)
    else:
        table[key] = entry


def mac_write(st, a, verb):
    mac = parse_mac("mac", a.next())
    sw = entry_dev(st, a, "MAC")
    swname = next(n for n, d in st.devs.items() if d is sw)

    def vtep(v):
        ip = parse_ip("vtep", v)
        same_family(sw, ip)
        return str(ip)

    def port(v):
        if port_switch(st, v) != swname:
            raise CmdError("%s is not a port of %s" % (v, swname))
        return v

    e = {"vtep": None, "vtep_mac": None, "port": None, "key": None,
         "flags": ["static"]}
    entry_words(a, verb, e, {
        "vtep": ("vtep", vtep),
        "vtep-mac": ("vtep_mac", lambda v: parse_mac("vtep-mac", v)),
        "key": ("key", lambda v: parse_u32("key", v, 1, KEY_MAX)),
        "port": ("port", port),
    })
    if verb != "del":
        if not e["vtep"] and not e["port"]:
            raise usage("\"vtep IP\" or \"port PORTDEV\" is required; try "
                        "\"lsw mac help\"")
        if e["vtep"] and e["port"]:
            raise usage("\"vtep\" and \"port\" exclude each other: an "
                        "entry is remote or local")
        if e["port"] and (e["key"] or e["vtep_mac"]):
            raise CmdError("a key or vtep-mac is for remote entries only")
    table_write(sw["mac"], mac, e, verb, "MAC %s" % mac)


def arp_write(st, a, verb):
    ip = str(parse_ip("ip", a.next()))
    sw = entry_dev(st, a, "IP")
    e = {"mac": None, "flags": ["static"]}
    entry_words(a, verb, e, {"mac": ("mac", lambda v: parse_mac("mac", v))})
    if verb != "del" and not e["mac"]:
        raise usage("\"mac MAC\" is required; try \"lsw arp help\"")
    table_write(sw["arp"], ip, e, verb, ip)


def table_switches(st, a):
    if a.peek() == "dev":
        a.next()
        name = a.value("dev")
        st.lsw(name)
        names = [name]
    else:
        names = sorted((n for n, d in st.devs.items() if d["kind"] == "lsw"),
                       key=lambda n: st.devs[n]["ifindex"])
    if a.peek() is not None:
        raise a.unknown(a.peek())
    return names


def table_show(st, a):
    out = []
    for n in table_switches(st, a):
        sw = st.devs[n]
        head = {"ifname": n, "vni": sw["cfg"]["vni"]}
        if a.obj == "vtep":
            out += [dict(head, vtep=ip) for ip in sw["vtep"]]
        elif a.obj == "mac":
            for mac, e in sorted(sw["mac"].items()):
                o = dict(head, mac=mac, vtep=e["vtep"],
                         vtep_mac=e["vtep_mac"], port=e["port"])
                if e["key"]:
                    o["key"] = e["key"]
                o.update(flags=e["flags"], age_ms=None)
                out.append(o)
        else:
            out += [dict(head, ip=ip, mac=e["mac"], flags=e["flags"],
                         age_ms=None) for ip, e in sorted(sw["arp"].items())]
    return out


def table_flush(st, a):
    for n in table_switches(st, a):
        sw = st.devs[n]
        sw[a.obj] = [] if a.obj == "vtep" else {}


WRITERS = {"vtep": vtep_write, "mac": mac_write, "arp": arp_write}


def table_cmd(verb):
    def run(st, a):
        if verb in ("add", "replace", "del"):
            WRITERS[a.obj](st, a, verb)
        elif verb == "show":
            return table_show(st, a)
        else:
            table_flush(st, a)
    return run


TABLE_CMDS = {"add": table_cmd("add"), "replace": table_cmd("replace"),
              "delete": table_cmd("del"), "show": table_cmd("show"),
              "list": table_cmd("show"), "flush": table_cmd("flush")}
OBJECTS = {
    "link": {"add": link_add, "set": link_set, "delete": link_del,
             "show": link_show, "list": link_show},
    "port": {"set": port_set, "show": port_show, "list": port_show},
    "vtep": TABLE_CMDS, "mac": TABLE_CMDS, "arp": TABLE_CMDS,
}


def lsw_cmd(st, words):
    if not words:
        raise usage("Usage: lsw [ OPTIONS ] OBJECT { COMMAND | help }")
    obj = pick({k: k for k in list(OBJECTS) + ["stats", "monitor", "help"]},
               words[0], "object")
    if obj not in OBJECTS:
        raise usage("the fake lsw has no \"%s\"" % obj)
    cmds = OBJECTS[obj]
    fn = pick(cmds, words[1], "command") if len(words) > 1 else cmds["show"]
    return fn(st, Args(obj, words[2:]))


# --- ip link -----------------------------------------------------------

def ip_cmd(st, words):
    a = Args("ip", words)
    if a.next() not in ("link", "l"):
        raise usage("Object \"%s\" is unknown, try \"ip help\"." % words[0])
    verb = a.next() or "show"
    if a.peek() == "dev":
        a.next()
    name = a.next()
    if verb == "add":
        if a.words != ["type", "dummy"]:
            raise usage("the fake ip adds \"NAME type dummy\" only")
        st.add(name, "dummy")
    elif verb in ("del", "delete"):
        if a.words:
            raise usage("Error: either \"dev\" is duplicate, or \"%s\" is "
                        "a garbage." % a.words[0])
        st.dev(name)
        st.delete(name)
    elif verb == "set":
        d = st.dev(name)
        while a.peek() is not None:
            w = a.next()
            if w in ("up", "down"):
                d["up"] = w == "up"
            elif w == "alias":
                d["alias"] = a.value(w)
            elif w == "master":
                m = a.value(w)
                st.dev(m)
                if d["master"]:
                    st.release(name)
                d["master"] = m
            elif w == "nomaster":
                if d["master"]:
                    st.release(name)
            else:
                raise usage("Error: either \"dev\" is duplicate, or \"%s\" "
                            "is a garbage." % w)
    elif verb in ("show", "list"):
        if a.words:
            raise usage("Error: either \"dev\" is duplicate, or \"%s\" is "
                        "a garbage." % a.words[0])
        out = []
        for n, d in sorted(st.devs.items(), key=lambda x: x[1]["ifindex"]):
            if name and n != name:
                continue
            o = {"ifindex": d["ifindex"], "ifname": n, "flags": link_flags(d)}
            if d["master"]:
                o["master"] = d["master"]
            if d["alias"]:
                o["ifalias"] = d["alias"]
            out.append(o)
        if name and not out:
            st.dev(name)
        return out
    else:
        raise usage("Command \"%s\" is unknown, try \"ip link help\"." % verb)


# --- driver ------------------------------------------------------------

def split_line(line):
    """Words, as lsw's batch_split (and ip's makeargs) split them."""
    words, i, n = [], 0, len(line)
    while True:
        while i < n and line[i].isspace():
            i += 1
        if i >= n or line[i] == "#":
            return words
        word = ""
        while i < n and not line[i].isspace():
            if line[i] in "\"'":
                q = line[i]
                j = line.find(q, i + 1)
                if j < 0:
                    raise usage("unterminated quote")
                word += line[i + 1:j]
                i = j + 1
            else:
                word += line[i]
                i += 1
        words.append(word)


class Log:
    def __init__(self):
        path = os.environ.get("LSW_FAKE_LOG")
        self.f = open(path, "a") if path else None

    def __call__(self, text):
        if self.f:
            self.f.write(text + "\n")
            self.f.flush()


def injected(tool, words):
    path = os.environ.get("LSW_FAKE_FAIL")
    if not path or not os.path.exists(path):
        return False
    text = "%s %s" % (tool, " ".join(words))
    with open(path) as f:
        return any(line.rstrip("\n") and re.search(line.rstrip("\n"), text)
                   for line in f)


def run_one(st, log, tool, words, cmd):
    try:
        if injected(tool, words):
            raise CmdError("injected failure")
        out = cmd(st, words)
    except CmdError as e:
        log("error: %s %s: %s" % (tool, " ".join(words), e))
        raise
    log("ok: %s %s" % (tool, " ".join(words)))
    return out


def main():
    tool = "ip" if os.path.basename(sys.argv[0]) == "ip" else "lsw"
    cmd = ip_cmd if tool == "ip" else lsw_cmd
    log = Log()
    log("exec %s %s" % (tool, " ".join(sys.argv[1:])))
    args = sys.argv[1:]
    opts = {"json": False, "batch": None, "force": False}
    names = {"json": "json", "pretty": "pretty", "batch": "batch"}
    if tool == "ip":
        names = {"json": "json", "batch": "batch", "force": "force"}
    while args and args[0].startswith("-") and args[0] != "-":
        try:
            opt = pick(names, args.pop(0).lstrip("-"), "option")
        except CmdError as e:
            sys.stderr.write("%s: %s\n" % (tool, e))
            return 1
        if opt == "batch":
            if not args:
                sys.stderr.write("%s: \"-batch\" requires an argument\n" %
                                 tool)
                return 1
            opts["batch"] = args.pop(0)
        elif opt != "pretty":
            opts[opt] = True

    st = State(os.environ["LSW_FAKE_STATE"])
    status = 0
    try:
        if opts["batch"] is None:
            try:
                out = run_one(st, log, tool, args, cmd)
            except CmdError as e:
                sys.stderr.write("%s%s\n" % ("Error: " if e.kernel else
                                             "%s: " % tool, e))
                return 1
            if out is not None:
                if not opts["json"]:
                    sys.stderr.write("%s: the fake prints JSON only (-j)\n" %
                                     tool)
                    return 1
                print(json.dumps(out))
            return 0
        if args:
            sys.stderr.write("%s: -batch takes no OBJECT\n" % tool)
            return 1
        f = sys.stdin if opts["batch"] == "-" else open(opts["batch"])
        for lineno, line in enumerate(f, 1):
            try:
                words = split_line(line)
                if words:
                    run_one(st, log, tool, words, cmd)
            except CmdError as e:
                if tool == "ip":
                    sys.stderr.write("%s\nCommand failed %s:%d\n" %
                                     (e, opts["batch"], lineno))
                    status = 1
                    if opts["force"]:
                        continue
                elif e.kernel:
                    sys.stderr.write("lsw: batch %s line %d: Error: %s\n" %
                                     (opts["batch"], lineno, e))
                else:
                    sys.stderr.write("lsw: %s\nlsw: batch %s line %d: "
                                     "command failed\n" %
                                     (e, opts["batch"], lineno))
                return 1
        return status
    finally:
        st.save()


if __name__ == "__main__":
    sys.exit(main())
