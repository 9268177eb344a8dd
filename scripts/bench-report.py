#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# bench-report.py SAMPLES JSON: the medians of the "@bench METRIC IMPL
# VALUE UNIT" lines of one kernel's run (selftests/bench/lsw_bench.sh),
# as a table of lsw, vxlan, Open vSwitch (impl "ovs", when it ran) and
# the ratios lsw/vxlan and lsw/OVS, and the same as JSON.  OVS's datapath
# counters during the packet rows (upcalls, megaflows) follow in a table
# of their own.  The OVN part's rows compare lsw-ovn with ovn-controller
# instead (there impl "ovs" is ovn-controller), in a table of their own;
# so do lsw's rows against itself: port security on and off (impls "sec"
# and "lsw"), two-tier replication against head.
# The targets of the benchmark are checked at the end, after the ratios
# of lsw's own rows to each other (address resolution through a miss).

import json
import statistics
import sys

NAMES = {"lsw": "lsw", "vx": "vxlan", "ovs": "ovn-controller",
         "sec": "security_on",
         "two-tier": "two-tier", "head": "head"}

# Row order and what each row means; N-suffixed metrics are expanded.
# lsw is compared with vxlan ("vx"), unless a row names another (and
# the impl compared with it, if not lsw).
ROWS = [
    ("pps_64", "64-byte frames, VM to VM", "pps", "higher"),
    ("tcp_mbps", "TCP, VM to VM (iperf3)", "Mbit/s", "higher"),
    ("tcp_geneve_mbps", "TCP, VM to VM, lsw Geneve", "Mbit/s", "higher"),
    ("fwd_pps_*", "forwarding, {n} MACs", "pps", "higher"),
    ("install_*", "install {n} MACs", "entries/s", "higher"),
    ("install_s_*", "install {n} MACs, time", "s", "lower"),
    ("installed_*", "installed of {n} (budget)", "entries", "higher"),
    ("dump_s_*", "dump {n} MACs, time", "s", "lower"),
    ("mem_mac_*", "memory per MAC, {n}", "bytes", "lower"),
    ("mem_arp", "memory per ARP entry", "bytes", "lower"),
    ("install_arp", "install ARP entries", "entries/s", "higher"),
    ("arp_answers", "ARP requests answered", "answers/s", "higher"),
    ("arp_requests", "ARP requests received", "requests/s", "higher"),
    ("bum_pps_*", "BUM to {n} VTEPs", "copies/s", "higher"),
    ("portsec_pps_64", "64-byte frames, VM to VM", "pps", "higher", "lsw", "sec"),
    ("repl_bcast_pps", "broadcasts replicated, 64 VTEPs", "bcasts/s", "higher",
     "head", "two-tier"),
    ("repl_copies_pps", "copies sent, 64 VTEPs", "copies/s", "higher", "head", "two-tier"),
    ("repl_copies", "copies per broadcast", "copies", "lower", "head", "two-tier"),
    ("repl_cpu_us", "CPU per broadcast (whole guest)", "us", "lower", "head", "two-tier"),
    ("arp_hit_us", "ARP answered from the table", "us", "lower"),
    ("arp_miss_us", "ARP via a miss and a controller", "us", "lower"),
    ("arp_flood_us", "ARP flooded, answered by the VM", "us", "lower"),
    ("ovn_conv_s_*", "{n} ports in every table, slowest", "s", "lower", "ovs"),
    ("ovn_first_s_*", "{n} ports in every table, fastest", "s", "lower", "ovs"),
    ("ovn_rss_kib_*", "agent's resident memory, {n} ports", "kB", "lower", "ovs"),
    ("ovn_rss_grow_kib_*", "of it added by the {n} ports", "kB", "lower", "ovs"),
]

# The tables, by the pair of impls compared: (impl, against, column titles).
TABLES = [
    ("lsw", "vx", ("lsw", "vxlan")),
    ("lsw", "ovs", ("lsw-ovn", "ovn-controller")),
    ("sec", "lsw", ("security on", "security off")),
    ("two-tier", "head", ("two-tier", "head")),
]

# OVS's datapath during a packet row: (metric prefix, column).
OVS_DP = [
    ("upcalls_", "upcalls/s"),
    ("upcalls_lost_", "lost/s"),
    ("dpflows_", "megaflows"),
    ("flowlimit_", "flow limit"),
]

# lsw against itself: (label, numerator, denominator), lsw's medians.
OWN_RATIOS = [
    ("ARP through a miss / answered from the table", "arp_miss_us", "arp_hit_us"),
    ("ARP through a miss / flooded, answered by the VM", "arp_miss_us", "arp_flood_us"),
]


def human(n):
    n = int(n)
    if n >= 1 << 20 and n % (1 << 20) == 0:
        return "%dM" % (n >> 20)
    if n >= 1024 and n % 1024 == 0:
        return "%dk" % (n >> 10)
    if n >= 1000 and n % 1000 == 0:
        return "%dk" % (n // 1000)
    return str(n)


def fmt(v):
    if v is None:
        return "-"
    if v >= 100:
        return "%.0f" % v
    return "%.2f" % v


def main():
    samples, out = sys.argv[1], sys.argv[2]
    vals = {}
    meta = {}
    with open(samples) as f:
        for line in f:
            w = line.split()
            if len(w) != 5 or w[0] != "@bench":
                continue
            _, metric, impl, value, unit = w
            if impl == "-":
                meta[metric] = value
                continue
            try:
                vals.setdefault(metric, {}).setdefault(impl, []).append(float(value))
            except ValueError:
                pass

    rows = []
    for pat, label, unit, better, *vs in ROWS:
        vs, impl = (vs + ["vx", "lsw"][len(vs):])[:2]
        if pat.endswith("*"):
            prefix = pat[:-1]
            keys = [k for k in vals if k.startswith(prefix) and k[len(prefix):].isdigit()]
            keys.sort(key=lambda k: int(k[len(prefix):]))
        else:
            keys = [pat] if pat in vals else []
        for k in keys:
            n = k[len(pat) - 1:] if pat.endswith("*") else ""
            # A few thousand entries are lost in the noise of the
            # kernel's other allocations.
            if pat == "mem_mac_*" and int(n) < 65536:
                continue
            med = {i: statistics.median(v) for i, v in vals[k].items()}
            lsw, vx = med.get(impl), med.get(vs)
            ratio = lsw / vx if lsw is not None and vx else None
            row = {
                "metric": k,
                "label": label.format(n=human(n) if n else ""),
                "unit": unit,
                "better": better,
                "runs": max(len(v) for v in vals[k].values()),
                NAMES[impl]: lsw,
                NAMES[vs]: vx,
                "impl": NAMES[impl],
                "vs": NAMES[vs],
                "ratio": ratio,
            }
            if vs == "vx":
                ovs = med.get("ovs")
                row["ovs"] = ovs
                row["ratio_ovs"] = lsw / ovs if lsw is not None and ovs else None
                row["ovs_dp"] = {col: statistics.median(vals[pre + k]["ovs"])
                                 for pre, col in OVS_DP
                                 if "ovs" in vals.get(pre + k, {})}
            rows.append(row)

    own = []
    for what, num, den in OWN_RATIOS:
        a = next((r["lsw"] for r in rows if r["metric"] == num), None)
        b = next((r["lsw"] for r in rows if r["metric"] == den), None)
        if a is not None and b:
            own.append((what, a / b))

    # Replication: head sends a copy to each of the 63 other VTEPs,
    # two-tier to the 7 others of its segment and to one proxy in each
    # of the 7 other segments.
    for what, m, inv in (("broadcasts/s two-tier/head (expected 63/14 = 4.50)",
                          "repl_bcast_pps", False),
                         ("CPU per broadcast head/two-tier (expected 4.50)",
                          "repl_cpu_us", True)):
        r = next((r["ratio"] for r in rows if r["metric"] == m), None)
        if r:
            own.append((what, 1 / r if inv else r))

    targets = []

    def ratio(metric):
        return next((r["ratio"] for r in rows if r["metric"] == metric), None)

    def value(metric, impl="lsw"):
        return next((r[impl] for r in rows if r["metric"] == metric), None)

    def ratio_ovs(metric):
        return next((r.get("ratio_ovs") for r in rows if r["metric"] == metric), None)

    for m, what in (("pps_64", "small-packet rate"), ("tcp_mbps", "TCP throughput"),
                    ("tcp_geneve_mbps", "TCP throughput, Geneve")):
        r = ratio(m)
        if r is not None:
            targets.append((what + " lsw/vxlan >= 1.0 (aim 1.2)", "%.2f" % r, r >= 1.0))
    fwd = sorted((int(r["metric"][8:]), r["lsw"]) for r in rows
                 if r["metric"].startswith("fwd_pps_") and r["lsw"])
    if len(fwd) >= 2:
        (n0, small), (n1, big) = fwd[0], fwd[-1]
        targets.append(("forwarding at %s within 10%% of %s" % (human(n1), human(n0)),
                        "%.2f" % (big / small), big >= 0.9 * small))
    # The targets are for a controller's bulk loads: 100k and 1M entries
    # (smaller installs are mostly the tools' start-up).
    for r in rows:
        if r["metric"] in ("install_100000", "install_1048576") \
                and r["ratio"] is not None:
            targets.append(("install rate %s lsw/vxlan >= 10" % human(r["metric"][8:]),
                            "%.1f" % r["ratio"], r["ratio"] >= 10))
    t = value("install_s_1048576")
    if t is not None:
        targets.append(("1M MAC entries installed in < 10 s", "%.2f s" % t, t < 10))
    for r in rows:
        if r["metric"].startswith("mem_mac_") and r["lsw"] is not None \
                and int(r["metric"][8:]) >= 65536:
            targets.append(("memory per MAC entry <= 128 bytes (%s)" % human(r["metric"][8:]),
                            "%.0f" % r["lsw"], r["lsw"] <= 128))

    # Port security (issue 20): its cost on the small-packet rate.
    r = ratio("portsec_pps_64")
    if r is not None:
        targets.append(("64-byte frames port security on/off >= 0.95", "%.3f" % r, r >= 0.95))

    # Against Open vSwitch: the issue 23 targets.
    r = ratio_ovs("pps_64")
    if r is not None:
        targets.append(("small-packet rate lsw/OVS >= 1.2", "%.2f" % r, r >= 1.2))
    r = ratio_ovs("fwd_pps_1048576")
    if r is not None:
        targets.append(("forwarding at 1M MACs lsw/OVS >= 2", "%.2f" % r, r >= 2))
    for m in ("install_100000", "install_1048576"):
        r = ratio_ovs(m)
        if r is not None:
            targets.append(("install rate %s lsw/OVS >= 10" % human(m[8:]), "%.1f" % r, r >= 10))
    for row in rows:
        if row["metric"].startswith("mem_mac_") and row.get("ratio_ovs") is not None \
                and int(row["metric"][8:]) >= 65536:
            targets.append(("memory per MAC entry lsw/OVS <= 0.5 (%s)" % human(row["metric"][8:]),
                            "%.2f" % row["ratio_ovs"], row["ratio_ovs"] <= 0.5))

    def pct(v):
        return "%.2f" % v if v is not None else "-"

    print("# kernel %s, %s CPUs" % (meta.get("kernel", "?"), meta.get("cpus", "?")))
    for impl, vs, title in TABLES:
        impl, vs = NAMES[impl], NAMES[vs]
        these = [r for r in rows if r["impl"] == impl and r["vs"] == vs]
        if not these:
            continue
        with_ovs = any(r.get("ovs") is not None for r in these)
        if with_ovs:
            hdr = "%-36s %-10s %10s %10s %10s %8s %8s" % (
                "", "unit", "lsw", "vxlan", "ovs", "lsw/vx", "lsw/ovs")
        else:
            hdr = "%-36s %-8s %14s %14s %8s" % (("", "unit") + title + ("ratio",))
        print(hdr)
        print("-" * len(hdr))
        for r in these:
            tail = "" if r["better"] == "higher" else "  (lower is better)"
            if with_ovs:
                print("%-36s %-10s %10s %10s %10s %8s %8s%s" % (
                    r["label"], r["unit"], fmt(r[impl]), fmt(r[vs]),
                    fmt(r.get("ovs")), pct(r["ratio"]), pct(r.get("ratio_ovs")), tail))
            else:
                print("%-36s %-8s %14s %14s %8s%s" % (
                    r["label"], r["unit"], fmt(r[impl]), fmt(r[vs]),
                    pct(r["ratio"]), tail))
        print()
    dp = [r for r in rows if r.get("ovs_dp")]
    if dp:
        cols = [c for _, c in OVS_DP]
        hdr = "%-36s" % "OVS datapath during the row" + "".join(" %10s" % c for c in cols)
        print(hdr)
        print("-" * len(hdr))
        for r in dp:
            print("%-36s" % r["label"] + "".join(
                " %10s" % fmt(r["ovs_dp"].get(c)) for c in cols))
        print()
    for what, r in own:
        print("%-56s %8.2f" % (what, r))
    if own:
        print()
    for what, got, ok in targets:
        print("%-6s %-48s %s" % ("met" if ok else "NOT", what, got))

    with open(out, "w") as f:
        json.dump({"kernel": meta.get("kernel"), "cpus": meta.get("cpus"),
                   "rows": rows,
                   "ratios": [{"ratio": w, "value": r} for w, r in own],
                   "targets": [{"target": w, "value": g, "met": ok}
                               for w, g, ok in targets],
                   "samples": vals}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
