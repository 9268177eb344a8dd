#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Packets for the lsw datapath selftests (lsw_dp.sh, lsw_geneve.sh,
lsw_pmtu.sh), without scapy.

  lsw_pkt.py frame IFACE [--dst MAC] [--src MAC] [--mark TEXT] [--count N]
      Ethernet frames of the local experimental EtherType 0x88b5 whose
      payload starts with MARK, sent on IFACE through an AF_PACKET socket.
  lsw_pkt.py flood IFACE N [--dst MAC] [--seed S]
      N such frames, each from a different random unicast source MAC.
  lsw_pkt.py garp-flood IFACE N
      N gratuitous ARP requests from IFACE's MAC, each for another
      address (10.0.0.1 upward); prints "sent N".
  lsw_pkt.py arp IFACE TIP --sip IP [--count N]
      N (1) broadcast ARP requests for TIP from IFACE's MAC and IP.
  lsw_pkt.py arp-flood IFACE N --sip IP [--seed S] [--rate R]
      N broadcast ARP requests from IFACE's MAC and IP, each for another
      random address of 10.0.0.0/8, at most R (0: no limit) a second;
      prints "sent N".
  lsw_pkt.py spoof IFACE KIND IP [--src MAC] [--dst MAC] [--sip IP]
                   [--count N] [--mark TEXT]
      N (1) frames from IFACE claiming IP, from its MAC or MAC, to DST
      (broadcast, or 33:33:00:00:00:01 for IPv6), the attacks of port
      security (lsw_portsec.sh).  KIND: garp, a gratuitous ARP request
      (sender MAC and IP: MAC, IP); na, an unsolicited neighbour
      advertisement (override) for target IP with MAC as its target
      link-layer address, from SIP (IP) to ff02::1; udp, a UDP packet
      (port 9 to 9, payload TEXT) from IP to 255.255.255.255 or ff02::1;
      dhcp-offer, a DHCP OFFER from IP, port 67 to 68, to
      255.255.255.255.
  lsw_pkt.py vxlan SRC_IP DST_IP [--port P] [--vni N] [--flags HEX]
                   [--rsvd HEX] [--inner-dst MAC] [--inner-src MAC]
                   [--mark TEXT] [--truncate N] [--runt]
      One VXLAN packet over an ordinary UDP socket bound to SRC_IP:
      8-byte header (first word FLAGS, default 0x08000000: the I bit;
      second word VNI << 8 | RSVD), then an inner 0x88b5 frame carrying
      MARK.  --truncate N sends only the first N bytes of the UDP
      payload; --runt an inner frame shorter than an Ethernet header.
  lsw_pkt.py geneve SRC_IP DST_IP [--port P] [--vni N] [--ver V] [--oam]
                    [--crit 0|1] [--proto HEX] [--rsvd HEX] [--rsvd2 HEX]
                    [--ovn IN:OUT|0xWORD] [--opt CLASS:TYPE:LEN[:RFLAGS],...]
                    [--optlen N] [--inner-dst MAC] [--inner-src MAC]
                    [--mark TEXT] [--truncate N] [--runt]
      One Geneve packet (RFC 8926), as vxlan sends: version V (0), the O
      bit with --oam, protocol type HEX (6558), reserved fields, and the
      options listed, each CLASS:TYPE:LEN with LEN 4-byte words of data
      (TYPE 0x80 and up is a critical option; RFLAGS the 3 reserved bits
      of its length byte).  --ovn puts OVN's option first (class 0x0102,
      type 0x80, one word: ingress key IN in bits 30..16, egress key OUT
      in bits 15..0, or the whole WORD as given).  The C bit is set when
      an option is critical, unless --crit says otherwise; the Opt Len
      field is the options' length unless --optlen N gives it.
  lsw_pkt.py dump PCAP
      One line per packet of a pcap file, key=value words: the Ethernet
      header (dst src type); for an 802.1Q tag its VLAN ID and the type
      it carries (vlan vtype), the rest decoded as that type; for
      IPv4/IPv6 saddr daddr ttl len df frag; for UDP sport dport; for
      UDP to port 4789 (or $LSW_VXLAN_PORT) the VXLAN header (vxflags
      vni vxrsvd), a "|" and the inner frame, its
      words prefixed with "i" (idst isrc itype ...); mark=TEXT for 0x88b5
      payloads, arp=OP for ARP, icmp=TYPE icode=CODE for ICMP and ICMPv6
      (and icmpmtu=MTU for "fragmentation needed" and "packet too
      big").  For UDP to port
      6081 (or $LSW_GENEVE_PORT) the Geneve header: gnver gnoptlen (in
      4-byte words) gno (OAM bit) gnc (critical bit) gnrsvd gnproto vni
      gnrsvd2, then gnopt=CLASS:TYPE:LEN per option (LEN in 4-byte words,
      as on the wire; gnopt=bad when the options overrun the header),
      for OVN's option (0x0102:0x80:1) ovnin=KEY ovnout=KEY ovnrsvd=BIT,
      and the inner frame as for VXLAN when the protocol is 0x6558.
  lsw_pkt.py tcp-recv PORT
      Accept one TCP connection (IPv4 or IPv6), read to EOF, print "BYTES SHA256".
  lsw_pkt.py tcp-send HOST PORT BYTES
      Send BYTES random bytes, print "BYTES SHA256".
"""

import os
import socket
import struct
import sys

ETH_P_MARK = 0x88b5
VXLAN_PORT = int(os.environ.get("LSW_VXLAN_PORT", "4789"))
GENEVE_PORT = int(os.environ.get("LSW_GENEVE_PORT", "6081"))
ETH_P_TEB = 0x6558


def mac_bytes(mac):
    return bytes(int(x, 16) for x in mac.split(":"))


def mac_str(b):
    return ":".join("%02x" % x for x in b)


def mark_frame(dst, src, mark):
    payload = mark.encode() + b"\0"
    payload += b"\0" * max(0, 46 - len(payload))
    return mac_bytes(dst) + mac_bytes(src) + struct.pack("!H", ETH_P_MARK) + payload


def raw_socket(iface):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    return s


def iface_mac(iface):
    with open("/sys/class/net/%s/address" % iface) as f:
        return f.read().strip()


def cmd_frame(a):
    s = raw_socket(a.iface)
    src = a.src or iface_mac(a.iface)
    for i in range(a.count):
        mark = a.mark if a.count == 1 else "%s-%d" % (a.mark, i)
        s.send(mark_frame(a.dst, src, mark))


def cmd_flood(a):
    import random
    rnd = random.Random(a.seed)
    s = raw_socket(a.iface)
    seen = set()
    while len(seen) < a.n:
        b = bytearray(rnd.getrandbits(8) for _ in range(6))
        b[0] &= 0xfe                    # unicast
        b[0] |= 0x02                    # locally administered
        b = bytes(b)
        if b in seen:
            continue
        seen.add(b)
        s.send(mark_frame(a.dst, mac_str(b), "flood"))


def arp_request(mac):
    """A broadcast ARP request from mac, padded to 60 bytes: the sender
    IP goes at 28, the target IP at 38."""
    return bytearray(b"\xff" * 6 + mac + b"\x08\x06" +
                     struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + mac +
                     b"\0" * 4 + b"\0" * 6 + b"\0" * 4 + b"\0" * 18)


def cmd_garp_flood(a):
    s = raw_socket(a.iface)
    f = arp_request(mac_bytes(iface_mac(a.iface)))
    sent = 0
    for i in range(1, a.n + 1):
        ip = struct.pack("!I", 0x0a000000 + i)
        f[28:32] = ip
        f[38:42] = ip
        sent += s.send(f) == len(f)
    print("sent %d" % sent)


def cmd_arp(a):
    s = raw_socket(a.iface)
    f = arp_request(mac_bytes(iface_mac(a.iface)))
    f[28:32] = socket.inet_aton(a.sip)
    f[38:42] = socket.inet_aton(a.tip)
    for _ in range(a.count):
        s.send(f)


def cmd_arp_flood(a):
    import random
    import time
    rnd = random.Random(a.seed)
    s = raw_socket(a.iface)
    f = arp_request(mac_bytes(iface_mac(a.iface)))
    f[28:32] = socket.inet_aton(a.sip)
    sent = 0
    start = time.monotonic()
    for i, tip in enumerate(rnd.sample(range(0x0a000001, 0x0b000000), a.n)):
        # Never faster than the rate: the i-th request waits until
        # i / rate seconds have passed (a slow host is only slower).
        if a.rate and i % 100 == 0:
            ahead = start + i / a.rate - time.monotonic()
            if ahead > 0:
                time.sleep(ahead)
        f[38:42] = struct.pack("!I", tip)
        sent += s.send(f) == len(f)
    print("sent %d" % sent)


def inet_csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def ip4_packet(src, dst, proto, payload):
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 0, 0, 64,
                      proto, 0, src, dst)
    return hdr[:10] + struct.pack("!H", inet_csum(hdr)) + hdr[12:] + payload


def ip6_packet(src, dst, proto, payload, hlim=64):
    return struct.pack("!IHBB16s16s", 0x60000000, len(payload), proto, hlim,
                       src, dst) + payload


def l4_csum(src, dst, proto, data, off):
    """data with its checksum, at off, computed under the pseudo-header
    of src and dst (4 or 16 bytes each)."""
    if len(src) == 4:
        ph = src + dst + struct.pack("!BBH", 0, proto, len(data))
    else:
        ph = src + dst + struct.pack("!I3xB", len(data), proto)
    c = inet_csum(ph + data) or 0xffff
    return data[:off] + struct.pack("!H", c) + data[off + 2:]


def udp_packet(src, dst, sport, dport, data):
    udp = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    udp = l4_csum(src, dst, 17, udp, 6)
    if len(src) == 4:
        return 0x0800, ip4_packet(src, dst, 17, udp)
    return 0x86dd, ip6_packet(src, dst, 17, udp)


def dhcp_offer(mac, yiaddr):
    msg = struct.pack("!BBBBIHH4s4s4s4s16s64s128sI", 2, 1, 6, 0, 0x1234, 0,
                      0, b"\0" * 4, socket.inet_aton(yiaddr), b"\0" * 4,
                      b"\0" * 4, mac + b"\0" * 10, b"", b"", 0x63825363)
    return msg + bytes([53, 1, 2, 255])


def cmd_spoof(a):
    s = raw_socket(a.iface)
    src = mac_bytes(a.src or iface_mac(a.iface))
    v6 = ":" in a.ip
    dst = a.dst or ("33:33:00:00:00:01" if v6 else "ff:ff:ff:ff:ff:ff")
    fam = socket.AF_INET6 if v6 else socket.AF_INET
    ip = socket.inet_pton(fam, a.ip)
    if a.kind == "garp":
        etype = 0x0806
        body = (struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + src + ip +
                b"\0" * 6 + ip)
    elif a.kind == "na":
        etype = 0x86dd
        sip = socket.inet_pton(fam, a.sip or a.ip)
        all_nodes = socket.inet_pton(fam, "ff02::1")
        na = (struct.pack("!BBHI", 136, 0, 0, 0x20000000) + ip +
              bytes([2, 1]) + src)
        body = ip6_packet(sip, all_nodes, 58,
                          l4_csum(sip, all_nodes, 58, na, 2), 255)
    elif a.kind == "udp":
        daddr = socket.inet_pton(fam, "ff02::1" if v6 else "255.255.255.255")
        etype, body = udp_packet(ip, daddr, 9, 9, a.mark.encode())
    elif a.kind == "dhcp-offer":
        etype, body = udp_packet(ip, b"\xff" * 4, 67, 68,
                                 dhcp_offer(src, "172.16.10.200"))
    else:
        usage("no such kind of spoof: " + a.kind)
    f = mac_bytes(dst) + src + struct.pack("!H", etype) + body
    f += b"\0" * max(0, 60 - len(f))
    for _ in range(a.count):
        s.send(f)


def inner_frame(a):
    if a.runt:
        return mac_bytes(a.inner_dst) + mac_bytes(a.inner_src)[:4]
    return mark_frame(a.inner_dst, a.inner_src, a.mark)


# udp_send A HEADER: HEADER and the inner frame, truncated as asked, in
# one datagram from A.src_ip to A.dst_ip, port A.port.
def udp_send(a, hdr):
    family = socket.AF_INET6 if ":" in a.src_ip else socket.AF_INET
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.bind((a.src_ip, 0))
    data = hdr + inner_frame(a)
    if a.truncate is not None:
        data = data[:a.truncate]
    s.sendto(data, (a.dst_ip, a.port))


def cmd_vxlan(a):
    udp_send(a, struct.pack("!II", int(a.flags, 16),
                            (a.vni << 8) | int(a.rsvd, 16)))


def geneve_options(spec):
    """The options of "CLASS:TYPE:LEN[:RFLAGS],..." and whether one is
    critical; each option's data is LEN words of a recognizable pattern."""
    opts, crit = b"", False
    for o in filter(None, spec.split(",")):
        f = [int(x, 0) for x in o.split(":")]
        cls, typ, words = f[0], f[1], f[2]
        rflags = f[3] if len(f) > 3 else 0
        crit |= bool(typ & 0x80)
        opts += struct.pack("!HBB", cls, typ, (rflags << 5) | words)
        opts += bytes((0xa0 + i) & 0xff for i in range(4 * words))
    return opts, crit


OVN_CLASS, OVN_TYPE = 0x0102, 0x80


def ovn_option(spec):
    """OVN's option, its data "IN:OUT" (the keys) or a whole word."""
    if ":" in spec:
        ingress, egress = (int(x, 0) for x in spec.split(":"))
        word = (ingress << 16) | egress
    else:
        word = int(spec, 0)
    return struct.pack("!HBBI", OVN_CLASS, OVN_TYPE, 1, word)


def cmd_geneve(a):
    opts, crit = geneve_options(a.opt)
    if a.ovn is not None:
        opts = ovn_option(a.ovn) + opts
        crit = True
    if a.crit is not None:
        crit = bool(a.crit)
    optlen = len(opts) // 4 if a.optlen is None else a.optlen
    rsvd = int(a.rsvd, 16)
    hdr = struct.pack("!BBHI", (a.ver << 6) | (optlen & 0x3f),
                      (a.oam << 7) | (crit << 6) | (rsvd & 0x3f),
                      int(a.proto, 16), (a.vni << 8) | int(a.rsvd2, 16))
    udp_send(a, hdr + opts)


def pcap_packets(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        return
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        end = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        end = ">"
    else:
        raise SystemExit("%s: not a pcap file" % path)
    linktype = struct.unpack(end + "I", data[20:24])[0]
    if linktype != 1:
        raise SystemExit("%s: link type %d, not Ethernet" % (path, linktype))
    off = 24
    while off + 16 <= len(data):
        _, _, caplen, _ = struct.unpack(end + "IIII", data[off:off + 16])
        off += 16
        if off + caplen > len(data):
            break                       # still being written
        yield data[off:off + caplen]
        off += caplen


def ip6_str(b):
    return socket.inet_ntop(socket.AF_INET6, b)


def describe_eth(pkt, words, depth=0):
    pre = "i" * depth

    def add(key, val):
        words.append("%s%s=%s" % (pre, key, val))

    if len(pkt) < 14:
        add("runt", len(pkt))
        return
    etype = struct.unpack("!H", pkt[12:14])[0]
    add("dst", mac_str(pkt[0:6]))
    add("src", mac_str(pkt[6:12]))
    add("type", "0x%04x" % etype)
    body = pkt[14:]
    if etype == 0x8100 and len(body) >= 4:
        tci, etype = struct.unpack("!HH", body[:4])
        add("vlan", tci & 0xfff)
        add("vtype", "0x%04x" % etype)
        body = body[4:]
    if etype == ETH_P_MARK:
        add("mark", body.split(b"\0")[0].decode(errors="replace"))
        return
    if etype == 0x0806 and len(body) >= 28:
        add("arp", struct.unpack("!H", body[6:8])[0])
        add("arp_sip", socket.inet_ntoa(body[14:18]))
        add("arp_tip", socket.inet_ntoa(body[24:28]))
        return
    if etype == 0x0800 and len(body) >= 20:
        ihl = (body[0] & 0xf) * 4
        tot, fragw = struct.unpack("!HH", body[2:4] + body[6:8])
        proto = body[9]
        add("saddr", socket.inet_ntoa(body[12:16]))
        add("daddr", socket.inet_ntoa(body[16:20]))
        add("ttl", body[8])
        add("len", tot)
        add("df", fragw >> 14 & 1)
        add("frag", 1 if fragw & 0x3fff else 0)
        if fragw & 0x1fff:
            return                      # not the first fragment
        l4 = body[ihl:tot]
    elif etype == 0x86dd and len(body) >= 40:
        plen = struct.unpack("!H", body[4:6])[0]
        proto = body[6]
        add("saddr", ip6_str(body[8:24]))
        add("daddr", ip6_str(body[24:40]))
        add("ttl", body[7])
        add("len", plen + 40)
        add("frag", 1 if proto == 44 else 0)
        l4 = body[40:40 + plen]
    else:
        return
    if proto in (1, 58) and len(l4) >= 8:
        add("icmp", l4[0])
        add("icode", l4[1])
        # The MTU of "fragmentation needed" and "packet too big".
        if proto == 1 and l4[0] == 3 and l4[1] == 4:
            add("icmpmtu", struct.unpack("!H", l4[6:8])[0])
        elif proto == 58 and l4[0] == 2:
            add("icmpmtu", struct.unpack("!I", l4[4:8])[0])
        return
    if proto != 17 or len(l4) < 8:
        return
    sport, dport = struct.unpack("!HH", l4[0:4])
    add("sport", sport)
    add("dport", dport)
    if depth:
        return
    if dport == VXLAN_PORT:
        describe_vxlan(l4[8:], words)
    elif dport == GENEVE_PORT:
        describe_geneve(l4[8:], words)


def describe_vxlan(vx, words):
    if len(vx) < 8:
        words.append("vxtrunc=%d" % len(vx))
        return
    w0, w1 = struct.unpack("!II", vx[:8])
    words.append("vxflags=0x%08x" % w0)
    words.append("vni=%d" % (w1 >> 8))
    words.append("vxrsvd=%d" % (w1 & 0xff))
    words.append("|")
    describe_eth(vx[8:], words, 1)


def describe_geneve(gn, words):
    if len(gn) < 8:
        words.append("gntrunc=%d" % len(gn))
        return
    b0, b1, proto, w1 = struct.unpack("!BBHI", gn[:8])
    optlen = (b0 & 0x3f) * 4
    words += ["gnver=%d" % (b0 >> 6), "gnoptlen=%d" % (b0 & 0x3f),
              "gno=%d" % (b1 >> 7), "gnc=%d" % (b1 >> 6 & 1),
              "gnrsvd=%d" % (b1 & 0x3f), "gnproto=0x%04x" % proto,
              "vni=%d" % (w1 >> 8), "gnrsvd2=%d" % (w1 & 0xff)]
    opts = gn[8:8 + optlen]
    off = 0
    while off < optlen:
        if off + 4 > len(opts) or off + 4 + (opts[off + 3] & 0x1f) * 4 > optlen:
            words.append("gnopt=bad")
            break
        cls, typ, ln = struct.unpack("!HBB", opts[off:off + 4])
        words.append("gnopt=0x%04x:0x%02x:%d" % (cls, typ, ln & 0x1f))
        if (cls, typ, ln & 0x1f) == (OVN_CLASS, OVN_TYPE, 1):
            word = struct.unpack("!I", opts[off + 4:off + 8])[0]
            words += ["ovnin=%d" % (word >> 16 & 0x7fff),
                      "ovnout=%d" % (word & 0xffff),
                      "ovnrsvd=%d" % (word >> 31)]
        off += 4 + (ln & 0x1f) * 4
    if proto == ETH_P_TEB and len(gn) >= 8 + optlen:
        words.append("|")
        describe_eth(gn[8 + optlen:], words, 1)


def cmd_dump(a):
    for pkt in pcap_packets(a.pcap):
        words = []
        describe_eth(pkt, words)
        print(" ".join(words))


def cmd_tcp_recv(a):
    import hashlib
    # IPv4 and IPv6 alike (mapped addresses).
    ls = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    ls.bind(("::", a.port))
    ls.listen(1)
    ls.settimeout(a.timeout)
    c, _ = ls.accept()
    c.settimeout(a.timeout)
    h = hashlib.sha256()
    n = 0
    while True:
        b = c.recv(65536)
        if not b:
            break
        h.update(b)
        n += len(b)
    print(n, h.hexdigest())


def cmd_tcp_send(a):
    import hashlib
    data = os.urandom(a.bytes)
    s = socket.create_connection((a.host, a.port), timeout=a.timeout)
    s.sendall(data)
    s.shutdown(socket.SHUT_WR)
    s.recv(1)                           # wait for the peer's close
    print(len(data), hashlib.sha256(data).hexdigest())


# Each command: its function, positional arguments (name, type), options
# (name: (type, default)); a type of None is a flag.  No argparse: this
# runs many times per test in an emulated VM, where every import counts.
COMMANDS = {
    "frame": (cmd_frame, [("iface", str)], {
        "dst": (str, "ff:ff:ff:ff:ff:ff"), "src": (str, None),
        "mark": (str, "lsw"), "count": (int, 1)}),
    "flood": (cmd_flood, [("iface", str), ("n", int)], {
        "dst": (str, "ff:ff:ff:ff:ff:ff"), "seed": (int, None)}),
    "garp-flood": (cmd_garp_flood, [("iface", str), ("n", int)], {}),
    "arp": (cmd_arp, [("iface", str), ("tip", str)], {
        "sip": (str, "0.0.0.0"), "count": (int, 1)}),
    "arp-flood": (cmd_arp_flood, [("iface", str), ("n", int)], {
        "sip": (str, "0.0.0.0"), "seed": (int, None), "rate": (int, 0)}),
    "spoof": (cmd_spoof, [("iface", str), ("kind", str), ("ip", str)], {
        "src": (str, None), "dst": (str, None), "sip": (str, None),
        "count": (int, 1), "mark": (str, "spoof")}),
    "vxlan": (cmd_vxlan, [("src_ip", str), ("dst_ip", str)], {
        "port": (int, VXLAN_PORT), "vni": (int, 5001),
        "flags": (str, "08000000"), "rsvd": (str, "0"),
        "inner-dst": (str, "ff:ff:ff:ff:ff:ff"),
        "inner-src": (str, "00:50:56:00:00:99"), "mark": (str, "vxlan"),
        "truncate": (int, None), "runt": (None, False)}),
    "geneve": (cmd_geneve, [("src_ip", str), ("dst_ip", str)], {
        "port": (int, GENEVE_PORT), "vni": (int, 5001), "ver": (int, 0),
        "oam": (None, False), "crit": (int, None), "proto": (str, "6558"),
        "rsvd": (str, "0"), "rsvd2": (str, "0"), "opt": (str, ""),
        "ovn": (str, None), "optlen": (int, None),
        "inner-dst": (str, "ff:ff:ff:ff:ff:ff"),
        "inner-src": (str, "00:50:56:00:00:99"), "mark": (str, "geneve"),
        "truncate": (int, None), "runt": (None, False)}),
    "dump": (cmd_dump, [("pcap", str)], {}),
    "tcp-recv": (cmd_tcp_recv, [("port", int)], {"timeout": (float, 60)}),
    "tcp-send": (cmd_tcp_send, [("host", str), ("port", int), ("bytes", int)],
                 {"timeout": (float, 60)}),
}


class Args:
    pass


def usage(msg):
    sys.stderr.write("lsw_pkt.py: %s\n%s" % (msg, __doc__))
    sys.exit(2)


def main():
    argv = sys.argv[1:]
    if not argv or argv[0] not in COMMANDS:
        usage("no such command" if argv else "no command")
    fn, positional, options = COMMANDS[argv[0]]
    a = Args()
    for name, (typ, default) in options.items():
        setattr(a, name.replace("-", "_"), default)
    pos = []
    i = 1
    while i < len(argv):
        arg = argv[i]
        if arg.startswith("--"):
            name = arg[2:]
            if name not in options:
                usage("unknown option " + arg)
            typ = options[name][0]
            if typ is None:
                val = True
            else:
                i += 1
                if i >= len(argv):
                    usage("no value for " + arg)
                val = typ(argv[i])
            setattr(a, name.replace("-", "_"), val)
        else:
            pos.append(arg)
        i += 1
    if len(pos) != len(positional):
        usage("%s takes %d arguments" % (argv[0], len(positional)))
    for (name, typ), val in zip(positional, pos):
        setattr(a, name, typ(val))
    fn(a)


if __name__ == "__main__":
    sys.exit(main())
