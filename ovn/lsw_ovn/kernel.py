# SPDX-License-Identifier: GPL-2.0
"""The kernel, through the lsw tool.

lsw-ovn never speaks netlink itself: it runs "lsw -j ... show" to read
what the kernel holds and "lsw -batch -" to change it, so that it works
with whatever the lsw tool of the same release speaks, and so that the
operator can replay any change it makes.  Bringing a new switch up and
giving it the logical switch's name as its ifalias are generic device
attributes that the lsw tool leaves to ip(8).

A switch's tables are held as a Tables: what lsw-ovn wants them to hold
(desired.py) and what the kernel holds (a dump) have the same shape, and
diff() turns the difference between the two into batch lines, in an
order the kernel accepts.
"""

import ipaddress
import json
import os
import re
import shutil
import subprocess

# A batch line the kernel refused, as the lsw tool reports it.
_BATCH_LINE_RE = re.compile(r"^lsw: batch \S+ lines? (\d+)(?:-(\d+))?:")

# A change of thousands of entries takes the tool a second or two; a tool
# that hangs must not hang the agent for ever.
_TOOL_TIMEOUT = 300


class KernelError(Exception):
    """A command of the lsw tool (or of ip) failed.

    'lines' are the batch lines (1-based) it named as failed, if any.
    """

    def __init__(self, message, lines=()):
        super().__init__(message)
        self.lines = tuple(lines)


def norm_ip(text):
    """The canonical text of IPv4 or IPv6 address @text; ValueError if none."""
    return ipaddress.ip_address(text).compressed


def ip_family(text):
    return ipaddress.ip_address(text).version


_MAC_RE = re.compile(r"^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}$")


def norm_mac(text):
    """The canonical (lower case, two digits a byte) text of a MAC address;
    ValueError if @text is not one."""
    if not isinstance(text, str) or not _MAC_RE.match(text):
        raise ValueError("invalid MAC address %r" % (text,))
    return ":".join("%02x" % int(b, 16) for b in text.split(":"))


def remote(ip, key):
    """A MAC entry behind remote VTEP @ip, for the OVN port of key @key."""
    return ("vtep", ip, key, None)


def local(dev):
    """A MAC entry on local port @dev."""
    return ("port", dev)


class Tables:
    """The three tables of one switch.

    vteps: set of IP texts
    macs:  MAC text -> remote(ip, key) or local(dev); whatever else a
           dump finds (learned entries, a vtep-mac lsw-ovn does not set)
           is kept in a form that never equals what lsw-ovn wants
    arps:  IP text -> MAC text (learned entries: a tuple, likewise)
    """

    __slots__ = ("vteps", "macs", "arps")

    def __init__(self):
        self.vteps = set()
        self.macs = {}
        self.arps = {}

    def __eq__(self, other):
        return (self.vteps == other.vteps and self.macs == other.macs and
                self.arps == other.arps)

    def __len__(self):
        return len(self.vteps) + len(self.macs) + len(self.arps)

    def copy(self):
        t = Tables()
        t.vteps = set(self.vteps)
        t.macs = dict(self.macs)
        t.arps = dict(self.arps)
        return t

    def drop_port(self, dev):
        """Forgets the MAC entries on port @dev: the kernel deletes them
        with the port."""
        self.macs = {m: t for m, t in self.macs.items() if t != local(dev)}


def _mac_line(verb, mac, sw, target):
    if target[0] == "port":
        return "mac %s %s dev %s port %s" % (verb, mac, sw, target[1])
    _, ip, key, _ = target
    line = "mac %s %s dev %s vtep %s" % (verb, mac, sw, ip)
    return line + " key %d" % key if key else line


def diff(sw, want, have):
    """The batch lines that turn switch @sw's tables from @have into @want.

    Additions first and VTEPs before the MACs behind them, deletions last
    and in the reverse order, so that at no point in between does a MAC
    point at a VTEP that is not in the table.  Entries are written with
    "replace", which adds or overwrites: an entry that appeared since the
    last look does not fail the batch.  Lines of one command and switch
    follow each other, so that the tool sends them in one request.
    """
    lines = []
    for ip in sorted(want.vteps - have.vteps):
        lines.append("vtep replace %s dev %s" % (ip, sw))
    for mac in sorted(want.macs):
        if have.macs.get(mac) != want.macs[mac]:
            lines.append(_mac_line("replace", mac, sw, want.macs[mac]))
    for ip in sorted(want.arps):
        if have.arps.get(ip) != want.arps[ip]:
            lines.append("arp replace %s dev %s mac %s" %
                         (ip, sw, want.arps[ip]))
    for ip in sorted(have.arps.keys() - want.arps.keys()):
        lines.append("arp del %s dev %s" % (ip, sw))
    for mac in sorted(have.macs.keys() - want.macs.keys()):
        lines.append("mac del %s dev %s" % (mac, sw))
    for ip in sorted(have.vteps - want.vteps):
        lines.append("vtep del %s dev %s" % (ip, sw))
    return lines


def _flags(entry):
    return entry.get("flags") or []


def _parse_mac_entry(e):
    """The Tables value of a "mac show" entry."""
    if "learned" in _flags(e) or e.get("vtep_mac"):
        return ("kernel", e.get("port"), e.get("vtep"), e.get("key"),
                e.get("vtep_mac"), tuple(_flags(e)))
    if e.get("port"):
        return local(e["port"])
    return remote(norm_ip(e["vtep"]), e.get("key") or 0)


class Lsw:
    """The lsw tool ($LSW, else lsw in PATH) and ip(8) (in PATH)."""

    def __init__(self, lsw=None, ip=None):
        self.lsw = (lsw or os.environ.get("LSW") or shutil.which("lsw") or
                    "lsw")
        self.ip = ip or shutil.which("ip") or "ip"

    @staticmethod
    def _run(argv, stdin=None):
        try:
            p = subprocess.run(argv, input=stdin, capture_output=True,
                               text=True, timeout=_TOOL_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise KernelError("%s: no answer in %d s" %
                              (" ".join(argv), _TOOL_TIMEOUT))
        except OSError as e:
            raise KernelError("%s: %s" % (argv[0], e.strerror))
        if p.returncode:
            err = p.stderr.strip() or (
                "killed by signal %d" % -p.returncode if p.returncode < 0
                else "exit status %d" % p.returncode)
            lines = []
            for text in p.stderr.splitlines():
                m = _BATCH_LINE_RE.match(text)
                if m:
                    first = int(m.group(1))
                    last = int(m.group(2) or first)
                    lines.extend(range(first, last + 1))
            raise KernelError(err, lines)
        return p.stdout

    def show(self, obj, dev=None):
        """The JSON array "lsw -j OBJ show [dev DEV]" prints."""
        argv = [self.lsw, "-j", obj, "show"]
        if dev:
            argv += ["dev", dev]
        out = self._run(argv)
        try:
            data = json.loads(out) if out.strip() else []
        except ValueError as e:
            raise KernelError("%s: unreadable JSON: %s" %
                              (" ".join(argv), e))
        if not isinstance(data, list):
            raise KernelError("%s: not a JSON array" % " ".join(argv))
        return data

    def links(self):
        """Every lsw switch: name -> its "link show" object."""
        return {link["ifname"]: link for link in self.show("link")}

    def ports(self):
        """Every port of every switch, as "port show" lists them."""
        return self.show("port")

    def ip_links(self):
        """Every device, as "ip -j link show" prints it."""
        try:
            data = json.loads(self._run([self.ip, "-j", "link", "show"]))
        except ValueError as e:
            raise KernelError("ip -j link show: unreadable JSON: %s" % e)
        return data if isinstance(data, list) else []

    def tables(self, dev=None):
        """The tables of switch @dev, or of every switch: name -> Tables."""
        result = {}

        def get(e):
            return result.setdefault(e["ifname"], Tables())

        for e in self.show("vtep", dev):
            get(e).vteps.add(norm_ip(e["vtep"]))
        for e in self.show("mac", dev):
            get(e).macs[norm_mac(e["mac"])] = _parse_mac_entry(e)
        for e in self.show("arp", dev):
            mac = norm_mac(e["mac"])
            if "learned" in _flags(e):
                mac = ("kernel", mac, tuple(_flags(e)))
            get(e).arps[norm_ip(e["ip"])] = mac
        if dev:
            result.setdefault(dev, Tables())
        return result

    def batch(self, lines):
        """Runs @lines through "lsw -batch -"; KernelError names the lines
        that failed (those before them were applied, the ones after them
        were not)."""
        if lines:
            self._run([self.lsw, "-batch", "-"], "\n".join(lines) + "\n")

    def ip_batch(self, lines, force=False):
        """Runs @lines through "ip -batch -" (with -force, all of them even
        if one fails)."""
        if lines:
            argv = [self.ip] + (["-force"] if force else []) + ["-batch", "-"]
            self._run(argv, "\n".join(lines) + "\n")
