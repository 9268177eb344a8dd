#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Malformed ARP, neighbour discovery and DHCP frames from a VM, for
lsw_fuzz.sh: what lsw snoops (kmod/suppress.c) must learn nothing from
them and survive any of them.

  lsw_frames_fuzz.py crafted IFACE
      Sends one frame of each malformed kind below, then one valid frame
      of each of the four kinds the switch learns from (the controls),
      built by the same code with nothing broken.  Every malformed frame
      claims an address in 198.51.100.0/24 or 2001:db8:bad::/48, or one
      no table may hold (0.0.0.0, broadcast, multicast, loopback); the
      controls claim 192.0.2.1, 192.0.2.77, 2001:db8:900d::1 and
      2001:db8:900d::2.  Prints the number of frames sent, and how
      many of them were VLAN frames too short for their tag (below).
  lsw_frames_fuzz.py mutate IFACE SECONDS SEED
      For SECONDS, frames made from the valid and malformed ones by
      random byte changes, truncation and extension of everything after
      the Ethernet header (which stays a broadcast from IFACE's MAC).
      Prints the number of frames sent, and how many of them were VLAN
      frames too short for their tag: the kernel's receive path drops
      those before any switch sees them.

Frames leave through an AF_PACKET socket on IFACE, as from a VM, and
are not padded: a truncated frame is short on the wire too.
"""

import ipaddress
import random
import socket
import struct
import sys
import time

BCAST = b"\xff" * 6
ETH_P_IP = 0x0800
ETH_P_ARP = 0x0806
ETH_P_IPV6 = 0x86DD
ETH_P_8021Q = 0x8100
ETH_P_8021AD = 0x88A8

BAD_MAC = bytes.fromhex("02bad0000001")
GOOD_MAC = bytes.fromhex("02900d000001")


def v4(s):
    return ipaddress.IPv4Address(s).packed


def v6(s):
    return ipaddress.IPv6Address(s).packed


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def eth(src, proto, payload, tags=()):
    hdr = BCAST + src
    for tpid, vid in tags:
        hdr += struct.pack("!HH", tpid, vid)
    return hdr + struct.pack("!H", proto) + payload


def arp(sha, sip, tip, op=1, hrd=1, pro=ETH_P_IP, hln=6, pln=4, cut=None):
    p = struct.pack("!HHBBH", hrd, pro, hln, pln, op)
    p += sha + v4(sip) + b"\0" * 6 + v4(tip)
    return p if cut is None else p[:cut]


def ipv6(src, dst, nexthdr, payload, hlim=255, version=6, plen=None):
    first = version << 28
    hdr = struct.pack("!IHBB", first, len(payload) if plen is None else plen,
                      nexthdr, hlim)
    return hdr + v6(src) + v6(dst) + payload


def icmp6(src, dst, body, bad_csum=False):
    pseudo = v6(src) + v6(dst) + struct.pack("!I3xB", len(body), 58)
    c = csum(pseudo + body)
    if bad_csum:
        c ^= 0x5555
    return body[:2] + struct.pack("!H", c) + body[4:]


def nd(kind, src, dst, target, lladdr=None, opt_type=None, opt_len=1,
       code=0, flags=0, hlim=255, version=6, plen=None, nexthdr=58,
       bad_csum=False, extra_opts=b""):
    """A neighbour solicitation (135) or advertisement (136)."""
    body = struct.pack("!BBHI", kind, code, 0, flags) + v6(target) + extra_opts
    if lladdr is not None:
        if opt_type is None:
            opt_type = 1 if kind == 135 else 2
        body += struct.pack("!BB", opt_type, opt_len) + lladdr
        body += b"\0" * max(0, opt_len * 8 - 2 - len(lladdr))
    body = icmp6(src, dst, body, bad_csum)
    if nexthdr != 58:
        # A hop-by-hop header in front (8 bytes, PadN), then ICMPv6.
        body = struct.pack("!BB", 58, 0) + b"\x01\x04\0\0\0\0" + body
    return ipv6(src, dst, nexthdr, body, hlim, version, plen)


def dhcp(yiaddr, chaddr, msgtype=5, op=2, cookie=0x63825363, opts=None,
         sport=67, dport=68, frag=0, ihl=5, tot_len=None, bad_udp=False,
         bad_ip=False, cut=None):
    """A DHCP message from a server, in UDP in IPv4."""
    b = struct.pack("!BBBB", op, 1, 6, 0) + b"\0" * 12 + v4(yiaddr)
    b += b"\0" * 8 + chaddr + b"\0" * (16 - len(chaddr)) + b"\0" * 192
    b += struct.pack("!I", cookie)
    if opts is None:
        opts = bytes([53, 1, msgtype, 255])
    b += opts
    if cut is not None:
        b = b[:cut]
    src, dst = v4("192.0.2.254"), v4("255.255.255.255")
    udp = struct.pack("!HHHH", sport, dport, 8 + len(b), 0) + b
    c = csum(src + dst + struct.pack("!xBH", 17, len(udp)) + udp) or 0xFFFF
    if bad_udp:
        c ^= 0x5555
    udp = udp[:6] + struct.pack("!H", c) + udp[8:]
    # The header as long as IHL says, unless IHL is wrong on purpose:
    # then the UDP header sits where the switch must not look for it.
    total = 20 + len(udp) if tot_len is None else tot_len
    ip = struct.pack("!BBHHHBBH", 0x40 | ihl, 0, total, 1, frag, 64, 17, 0)
    ip += src + dst
    c = csum(ip)
    if bad_ip:
        c ^= 0x5555
    ip = ip[:10] + struct.pack("!H", c) + ip[12:]
    return ip + udp


def crafted(src):
    """(name, frame) of each malformed kind, then the controls."""
    B4 = "198.51.100.%d"
    B6 = "2001:db8:bad::%x"
    ll = "fe80::1"
    snm = "ff02::1:ff00:1"
    f = []

    def add(name, proto, payload, tags=()):
        f.append((name, eth(src, proto, payload, tags)))

    # ARP: each field the switch checks, wrong in turn.
    add("arp-hrd", ETH_P_ARP, arp(BAD_MAC, B4 % 1, "198.51.100.200", hrd=6))
    add("arp-pro", ETH_P_ARP, arp(BAD_MAC, B4 % 2, "198.51.100.200", pro=ETH_P_IPV6))
    add("arp-hln", ETH_P_ARP, arp(BAD_MAC, B4 % 3, "198.51.100.200", hln=8))
    add("arp-pln", ETH_P_ARP, arp(BAD_MAC, B4 % 4, "198.51.100.200", pln=16))
    add("arp-op3", ETH_P_ARP, arp(BAD_MAC, B4 % 5, "198.51.100.200", op=3))
    add("arp-op0", ETH_P_ARP, arp(BAD_MAC, B4 % 6, "198.51.100.200", op=0))
    add("arp-cut-tip", ETH_P_ARP, arp(BAD_MAC, B4 % 7, "198.51.100.200", cut=26))
    add("arp-cut-sip", ETH_P_ARP, arp(BAD_MAC, B4 % 8, "198.51.100.200", cut=16))
    add("arp-cut-hdr", ETH_P_ARP, arp(BAD_MAC, B4 % 9, "198.51.100.200", cut=6))
    add("arp-empty", ETH_P_ARP, b"")
    add("arp-sha-mcast", ETH_P_ARP, arp(bytes.fromhex("01bad0000001"), B4 % 10, "198.51.100.200"))
    add("arp-sha-zero", ETH_P_ARP, arp(b"\0" * 6, B4 % 11, "198.51.100.200"))
    for ip in ("0.0.0.0", "255.255.255.255", "224.0.0.1", "127.0.0.1"):
        add("arp-sip-" + ip, ETH_P_ARP, arp(BAD_MAC, ip, "198.51.100.200"))
    # Tags: cut short in the tag, and two of them (the switch reads one).
    f.append(("vlan-cut", BCAST + src + struct.pack("!HB", ETH_P_8021Q, 0)))
    add("qinq-arp", ETH_P_ARP, arp(BAD_MAC, B4 % 12, "198.51.100.200"),
        tags=((ETH_P_8021AD, 10), (ETH_P_8021Q, 20)))

    # Neighbour discovery: RFC 4861 section 7.1 validity, in turn.
    add("ns-hlim", ETH_P_IPV6, nd(135, B6 % 1, snm, B6 % 0xff, BAD_MAC, hlim=64))
    add("ns-code", ETH_P_IPV6, nd(135, B6 % 2, snm, B6 % 0xff, BAD_MAC, code=1))
    add("ns-csum", ETH_P_IPV6, nd(135, B6 % 3, snm, B6 % 0xff, BAD_MAC, bad_csum=True))
    add("ns-plen-long", ETH_P_IPV6, nd(135, B6 % 4, snm, B6 % 0xff, BAD_MAC, plen=200))
    add("ns-plen-short", ETH_P_IPV6, nd(135, B6 % 5, snm, B6 % 0xff, BAD_MAC, plen=8))
    add("ns-version", ETH_P_IPV6, nd(135, B6 % 6, snm, B6 % 0xff, BAD_MAC, version=4))
    add("ns-hbh", ETH_P_IPV6, nd(135, B6 % 7, snm, B6 % 0xff, BAD_MAC, nexthdr=0))
    add("ns-opt-zero", ETH_P_IPV6, nd(135, B6 % 8, snm, B6 % 0xff, BAD_MAC, opt_len=0))
    add("ns-opt-long", ETH_P_IPV6, nd(135, B6 % 9, snm, B6 % 0xff, BAD_MAC, opt_len=1,
                                      extra_opts=b"\x05\x04" + b"\0" * 6))
    add("ns-lladdr-len", ETH_P_IPV6, nd(135, B6 % 10, snm, B6 % 0xff, BAD_MAC, opt_len=2))
    add("ns-cut", ETH_P_IPV6, nd(135, B6 % 11, snm, B6 % 0xff, BAD_MAC)[:60])
    add("na-opt-zero", ETH_P_IPV6, nd(136, ll, "ff02::1", B6 % 12, BAD_MAC, opt_len=0))
    add("na-opt-long", ETH_P_IPV6, nd(136, ll, "ff02::1", B6 % 13, BAD_MAC,
                                      extra_opts=b"\x05\x09" + b"\0" * 6))
    add("na-lladdr-len", ETH_P_IPV6, nd(136, ll, "ff02::1", B6 % 14, BAD_MAC, opt_len=2))
    add("na-csum", ETH_P_IPV6, nd(136, ll, "ff02::1", B6 % 15, BAD_MAC, bad_csum=True))
    add("na-hlim", ETH_P_IPV6, nd(136, ll, "ff02::1", B6 % 16, BAD_MAC, hlim=1))
    for ip in ("ff02::1", "::1", "::"):
        add("na-target-" + ip, ETH_P_IPV6, nd(136, ll, "ff02::1", ip, BAD_MAC))
    add("ns-dad", ETH_P_IPV6, nd(135, "::", snm, B6 % 17))

    # DHCP acknowledgements, each broken in one way.
    Y = "198.51.100.%d"
    add("dhcp-cookie", ETH_P_IP, dhcp(Y % 101, BAD_MAC, cookie=0x63825364))
    add("dhcp-request", ETH_P_IP, dhcp(Y % 102, BAD_MAC, op=1))
    add("dhcp-nak", ETH_P_IP, dhcp(Y % 103, BAD_MAC, msgtype=6))
    add("dhcp-offer", ETH_P_IP, dhcp(Y % 104, BAD_MAC, msgtype=2))
    add("dhcp-type-len", ETH_P_IP, dhcp(Y % 105, BAD_MAC, opts=bytes([53, 2, 5, 5, 255])))
    add("dhcp-opt-over", ETH_P_IP, dhcp(Y % 106, BAD_MAC, opts=bytes([12, 200, 53])))
    add("dhcp-no-type", ETH_P_IP, dhcp(Y % 107, BAD_MAC, opts=b"\0" * 16))
    add("dhcp-type-after-end", ETH_P_IP, dhcp(Y % 108, BAD_MAC, opts=bytes([255, 53, 1, 5])))
    add("dhcp-totlen", ETH_P_IP, dhcp(Y % 109, BAD_MAC, tot_len=1400))
    add("dhcp-ihl", ETH_P_IP, dhcp(Y % 110, BAD_MAC, ihl=4))
    add("dhcp-ihl-long", ETH_P_IP, dhcp(Y % 111, BAD_MAC, ihl=15))
    add("dhcp-frag", ETH_P_IP, dhcp(Y % 112, BAD_MAC, frag=0x2000))
    add("dhcp-ports", ETH_P_IP, dhcp(Y % 113, BAD_MAC, sport=68, dport=67))
    add("dhcp-udp-csum", ETH_P_IP, dhcp(Y % 114, BAD_MAC, bad_udp=True))
    add("dhcp-ip-csum", ETH_P_IP, dhcp(Y % 117, BAD_MAC, bad_ip=True))
    add("dhcp-cut", ETH_P_IP, dhcp(Y % 115, BAD_MAC, cut=100))
    add("dhcp-chaddr-mcast", ETH_P_IP, dhcp(Y % 116, bytes.fromhex("01bad0000001")))
    for ip in ("0.0.0.0", "255.255.255.255", "224.0.0.1", "127.0.0.1"):
        add("dhcp-yiaddr-" + ip, ETH_P_IP, dhcp(ip, BAD_MAC))

    # The controls: the same builders, nothing broken.
    add("control-arp", ETH_P_ARP, arp(GOOD_MAC, "192.0.2.1", "192.0.2.1"))
    add("control-ns", ETH_P_IPV6, nd(135, "2001:db8:900d::1", snm, "2001:db8:900d::99", GOOD_MAC))
    add("control-na", ETH_P_IPV6, nd(136, ll, "ff02::1", "2001:db8:900d::2", GOOD_MAC))
    add("control-dhcp", ETH_P_IP, dhcp("192.0.2.77", GOOD_MAC))
    return f


def mutate(rnd, frame):
    """A random change to what follows the Ethernet header (14 bytes)."""
    b = bytearray(frame)
    how = rnd.randrange(4)
    if how == 0 and len(b) > 14:
        for _ in range(rnd.randint(1, 4)):
            b[rnd.randrange(14, len(b))] = rnd.getrandbits(8)
    elif how == 1 and len(b) > 14:
        b = b[:rnd.randrange(14, len(b))]
    elif how == 2:
        b += bytes(rnd.getrandbits(8) for _ in range(rnd.randint(1, 64)))
    elif len(b) > 16:
        # A length or count field at random: the likeliest to be trusted.
        i = rnd.randrange(14, len(b) - 1)
        b[i:i + 2] = rnd.choice((b"\0\0", b"\xff\xff", b"\0\x01", b"\x7f\xff"))
    return bytes(b)


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("crafted", "mutate"):
        sys.exit(__doc__)
    iface = sys.argv[2]
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    with open("/sys/class/net/%s/address" % iface) as fd:
        src = bytes.fromhex(fd.read().strip().replace(":", ""))
    frames = crafted(src)
    sent = short_tag = 0

    def send(frame):
        nonlocal sent, short_tag
        s.send(frame)
        sent += 1
        tpid = struct.unpack("!H", frame[12:14])[0]
        # skb_vlan_untag() wants the tag and two bytes more.
        if tpid in (ETH_P_8021Q, ETH_P_8021AD) and len(frame) < 20:
            short_tag += 1

    if sys.argv[1] == "crafted":
        for _, frame in frames:
            send(frame)
    else:
        seconds, seed = float(sys.argv[3]), int(sys.argv[4])
        rnd = random.Random(seed)
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            for _ in range(64):
                send(mutate(rnd, rnd.choice(frames)[1]))
    print(sent, short_tag)


if __name__ == "__main__":
    main()
