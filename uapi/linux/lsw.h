/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * lsw: logical switch datapath for hypervisor hosts.
 *
 * One network device of kind "lsw" is one logical switch: one VNI, with a
 * VTEP table, a MAC table and an ARP/ND table.  This header is the ABI:
 *
 * - the device's link attributes (rtnetlink, IFLA_INFO_DATA of kind
 *   "lsw"), IFLA_LSW_*;
 * - the "lsw" generic netlink family, which reads and writes the tables,
 *   reports per-VNI counters, announces table changes on its "notify"
 *   multicast group and what the tables lack on its "miss" group.
 *   Documentation/netlink/specs/lsw.yaml describes the family in the
 *   YNL format.
 *
 * It is append-only: new values go at the end of their enum, nothing is
 * ever renumbered or removed.
 */
#ifndef _UAPI_LINUX_LSW_H
#define _UAPI_LINUX_LSW_H

#include <linux/types.h>

#define LSW_LINK_KIND		"lsw"

#define LSW_VNI_MAX		0xffffff
#define LSW_VXLAN_PORT		4789
#define LSW_GENEVE_PORT		6081

/*
 * Link attributes, nested in IFLA_INFO_DATA.  "fixed" attributes are set
 * when the device is created; changing them later is refused (delete and
 * re-create the device instead).  The others can change at any time.
 *
 * IFLA_LSW_VNI		u32, 1..LSW_VNI_MAX, required, fixed.  Unique per
 *			netns, UDP port and underlay address family.
 * IFLA_LSW_LOCAL	be32 (struct in_addr), fixed: local VTEP address,
 *			IPv4 underlay.
 * IFLA_LSW_LOCAL6	struct in6_addr, fixed: local VTEP address, IPv6
 *			underlay; "::" selects the IPv6 underlay with the
 *			source address left to routing.
 *			Neither LOCAL nor LOCAL6: IPv4, source from routing.
 * IFLA_LSW_LINK	u32 ifindex, fixed: underlay device (outer packets
 *			leave through it; the default MTU derives from it).
 * IFLA_LSW_PORT	be16, fixed: UDP destination port (default 4789 for
 *			VXLAN, 6081 for Geneve).
 * IFLA_LSW_PORT_RANGE	struct ifla_lsw_port_range: UDP source ports to
 *			pick from by flow hash (default: the netns's
 *			ip_local_port_range).
 * IFLA_LSW_TTL		u8: outer TTL / hop limit; 0 = the route's default.
 * IFLA_LSW_TTL_INHERIT	u8 (0/1): copy the inner packet's TTL.
 * IFLA_LSW_TOS		u8: outer TOS / traffic class.
 * IFLA_LSW_TOS_INHERIT	u8 (0/1): copy the inner packet's TOS.
 * IFLA_LSW_DF		u8, enum lsw_df: outer IPv4 Don't Fragment bit.
 * IFLA_LSW_ENCAP	u8, enum lsw_encap, fixed (default VXLAN).  A UDP
			port carries one encapsulation per netns: a device
			whose port is in use by devices of the other
			encapsulation is refused (EADDRINUSE).
 * IFLA_LSW_LEARNING	u8 (0/1): learn MACs and IPs from traffic (1).
 * IFLA_LSW_AGEING	u32 seconds: learned entries expire after this long
 *			unused (300); 0 = never.
 * IFLA_LSW_MAC_LIMIT	u32: most entries in the MAC table (16384);
 *			0 = unlimited.
 * IFLA_LSW_ARP_LIMIT	u32: most entries in the ARP/ND table (16384);
 *			0 = unlimited.
 * IFLA_LSW_ARP_SUPPRESS u8 (0/1): answer ARP requests and neighbour
 *			solicitations from the ARP/ND table (1).
 * IFLA_LSW_STRICT_VTEP	u8 (0/1): accept encapsulated frames only from
 *			VTEPs in the VTEP table (0).
 * IFLA_LSW_UDP_CSUM	u8 (0/1): outer UDP checksum over IPv4 (0).
 * IFLA_LSW_UDP_ZERO_CSUM6_TX u8 (0/1): send IPv6 outer UDP with a zero
 *			checksum (RFC 6935) (0).
 * IFLA_LSW_UDP_ZERO_CSUM6_RX u8 (0/1): accept IPv6 outer UDP with a zero
 *			checksum (RFC 6936) (0).
 * IFLA_LSW_METADATA	u8, enum lsw_metadata, fixed (default NONE): what
 *			the encapsulation carries besides the VNI.  OVN
 *			needs IFLA_LSW_ENCAP GENEVE.
 * IFLA_LSW_MISS_INTERVAL u32 ms, 0..LSW_MISS_INTERVAL_MAX: at most one miss
 *			event per address per interval (1000); 0 = no
 *			per-address limit.
 * IFLA_LSW_MISS_RATE	u32, 0..LSW_MISS_RATE_MAX: at most this many miss
 *			events per second, in bursts of as many (100);
 *			0 = no miss events.
 * IFLA_LSW_ARP_HOLD	u32 ms, 0..LSW_ARP_HOLD_MAX: hold an ARP request or
 *			neighbour solicitation for an unknown address up to
 *			this long, for a controller to answer its miss
 *			event (0: flood it at once).
 * IFLA_LSW_ARP_HOLD_LIMIT u32, 1..LSW_ARP_HOLD_LIMIT_MAX: most requests
 *			held at once (256); more are flooded at once.
 * IFLA_LSW_IP_TOFU	u8 (0/1): trust on first use (0), for the ports
 *			without port security (LSW_PORT_A_SECURITY): the
 *			first port to claim an IP address owns it while its
 *			ARP/ND entry (and the MAC entry it points to) says
 *			so; claims of it from another port (ARP, neighbour
 *			discovery, IP packets from it) are dropped, counted
 *			as DROP_SPOOF_ARP or DROP_SPOOF_IP, until the entry
 *			ages or a controller moves it.
 * IFLA_LSW_SEGMENT	u32: the underlay segment (IP subnet) this VTEP is
 *			in, as the controller numbers segments (0).  VTEP
 *			entries of the same segment (LSW_VTEP_A_SEGMENT) get
 *			their copies from this host in two-tier replication;
 *			the others through their segment's proxy.
 * IFLA_LSW_REPLICATION	u8, enum lsw_replication: how broadcast, unknown
 *			unicast and multicast frames reach the VTEPs (HEAD).
 *			MULTICAST and HYBRID need a group.
 * IFLA_LSW_GROUP	be32, fixed: the underlay multicast group of the
 *			switch, IPv4 underlay: joined on the underlay device
 *			(IFLA_LSW_LINK, or the one routing picks) while the
 *			switch is up, and what MULTICAST replication sends
 *			to (outer TTL 1 unless IFLA_LSW_TTL says otherwise).
 * IFLA_LSW_GROUP6	struct in6_addr, fixed: the same, IPv6 underlay.
 */
enum {
	IFLA_LSW_UNSPEC,
	IFLA_LSW_VNI,
	IFLA_LSW_LOCAL,
	IFLA_LSW_LOCAL6,
	IFLA_LSW_LINK,
	IFLA_LSW_PORT,
	IFLA_LSW_PORT_RANGE,
	IFLA_LSW_TTL,
	IFLA_LSW_TTL_INHERIT,
	IFLA_LSW_TOS,
	IFLA_LSW_TOS_INHERIT,
	IFLA_LSW_DF,
	IFLA_LSW_ENCAP,
	IFLA_LSW_LEARNING,
	IFLA_LSW_AGEING,
	IFLA_LSW_MAC_LIMIT,
	IFLA_LSW_ARP_LIMIT,
	IFLA_LSW_ARP_SUPPRESS,
	IFLA_LSW_STRICT_VTEP,
	IFLA_LSW_UDP_CSUM,
	IFLA_LSW_UDP_ZERO_CSUM6_TX,
	IFLA_LSW_UDP_ZERO_CSUM6_RX,
	IFLA_LSW_METADATA,
	IFLA_LSW_MISS_INTERVAL,
	IFLA_LSW_MISS_RATE,
	IFLA_LSW_ARP_HOLD,
	IFLA_LSW_ARP_HOLD_LIMIT,
	IFLA_LSW_IP_TOFU,
	IFLA_LSW_SEGMENT,
	IFLA_LSW_REPLICATION,
	IFLA_LSW_GROUP,
	IFLA_LSW_GROUP6,
	__IFLA_LSW_MAX
};

#define IFLA_LSW_MAX	(__IFLA_LSW_MAX - 1)

struct ifla_lsw_port_range {
	__be16	low;
	__be16	high;
};

enum lsw_df {
	LSW_DF_UNSET,		/* DF clear */
	LSW_DF_SET,		/* DF set */
	LSW_DF_INHERIT,		/* DF from the inner IPv4 header, set for IPv6 */
	__LSW_DF_MAX
};

#define LSW_DF_MAX	(__LSW_DF_MAX - 1)

enum lsw_encap {
	LSW_ENCAP_UNSPEC,
	LSW_ENCAP_VXLAN,	/* RFC 7348 */
	LSW_ENCAP_GENEVE,	/* RFC 8926: version 0, no options sent
				 * (but OVN's, with LSW_METADATA_OVN);
				 * options received are skipped, unless
				 * critical (dropped)
				 */
	__LSW_ENCAP_MAX
};

#define LSW_ENCAP_MAX	(__LSW_ENCAP_MAX - 1)

/*
 * Metadata the switch puts in (and requires of) each encapsulated frame.
 *
 * OVN: the Geneve option of OVN's logical switches (class 0x0102, type
 * 0x80, critical, 4 bytes: bit 31 reserved, 0; bits 30..16 the logical
 * ingress port's key; bits 15..0 the logical egress port's key), so that
 * the switch is a chassis of an OVN deployment.  A frame leaves with the
 * key of the port it came from (LSW_PORT_A_KEY) and, as its egress, the
 * remote MAC entry's key (LSW_MAC_A_KEY), LSW_OVN_MC_FLOOD (broadcast and
 * multicast) or LSW_OVN_MC_UNKNOWN (unknown unicast); without either key
 * it is not sent (DROP_NO_KEY).  A frame arrives with the option or is
 * dropped (DROP_OVN_OPT); it goes to the local port whose key is its
 * egress key (DROP_UNKNOWN_KEY if none), or, for a multicast group key
 * (LSW_OVN_MC_FLOOD and above), is switched as any frame from the
 * underlay.
 */
enum lsw_metadata {
	LSW_METADATA_NONE,	/* the VNI only */
	LSW_METADATA_OVN,	/* OVN's Geneve option; Geneve only */
	__LSW_METADATA_MAX
};

#define LSW_METADATA_MAX	(__LSW_METADATA_MAX - 1)

/*
 * Replication of broadcast, unknown unicast and multicast (BUM) frames,
 * as NSX's logical switches do it.
 *
 * HEAD: one copy to every VTEP of the VTEP table, from this host.
 * TWO_TIER: one copy to every VTEP of this host's segment
 * (IFLA_LSW_SEGMENT), and one marked copy to one proxy VTEP of each
 * other segment, which sends it on, unmarked, to the VTEPs of its own
 * segment but the sender.  A segment's proxy is one of its VTEPs flagged
 * LSW_VTEP_F_LSW (only those understand the mark): among those flagged
 * LSW_VTEP_F_PROXY if any, picked by a hash of the VNI and the address,
 * so that the VNIs of a segment spread over its VTEPs.  A segment with
 * no LSW_VTEP_F_LSW VTEP gets a copy per VTEP, as in HEAD.
 * Whatever its own mode, a switch sends a marked copy it receives on to
 * its segment: the sender chose it as a proxy.
 * MULTICAST: one copy to the switch's underlay multicast group
 * (IFLA_LSW_GROUP or IFLA_LSW_GROUP6), as the kernel's vxlan does with
 * "group": the underlay carries it to the VTEPs that joined.
 * HYBRID: one copy to the group, for this host's segment, and one marked
 * copy to the proxy of each other segment, as in TWO_TIER; a proxy in
 * HYBRID mode sends a marked copy on to its group rather than to each
 * VTEP of its segment.
 */
enum lsw_replication {
	LSW_REPLICATION_HEAD,
	LSW_REPLICATION_TWO_TIER,
	LSW_REPLICATION_MULTICAST,
	LSW_REPLICATION_HYBRID,
	__LSW_REPLICATION_MAX
};

#define LSW_REPLICATION_MAX	(__LSW_REPLICATION_MAX - 1)

/* OVN's logical port keys: 1..LSW_OVN_KEY_MAX; 0 is none. */
#define LSW_OVN_KEY_MAX		32767
/* OVN's multicast group keys, as egress keys. */
#define LSW_OVN_MC_FLOOD	32768	/* _MC_flood */
#define LSW_OVN_MC_UNKNOWN	32769	/* _MC_unknown */

/* The longest port name (LSW_PORT_A_NAME), in bytes, without its NUL. */
#define LSW_PORT_NAME_MAX	63

/* The most allowed addresses of one port (LSW_PSEC_A_ADDR). */
#define LSW_PSEC_ADDR_MAX	32

#define LSW_DEFAULT_AGEING	300
#define LSW_DEFAULT_MAC_LIMIT	16384
#define LSW_DEFAULT_ARP_LIMIT	16384
#define LSW_DEFAULT_MISS_INTERVAL	1000
#define LSW_DEFAULT_MISS_RATE	100
#define LSW_DEFAULT_ARP_HOLD_LIMIT	256
#define LSW_MISS_INTERVAL_MAX	3600000
#define LSW_MISS_RATE_MAX	1000000
#define LSW_ARP_HOLD_MAX	10000
#define LSW_ARP_HOLD_LIMIT_MAX	65536

/*
 * Generic netlink family "lsw", version LSW_GENL_VERSION.
 *
 * Every request names its logical switch with LSW_A_IFINDEX (the lsw
 * device, in the requester's netns); dumps and flushes may omit it to
 * cover every lsw device in the netns.  Table entries travel in nests,
 * LSW_A_VTEP, LSW_A_MAC or LSW_A_ARP; a NEW, SET or DEL request may
 * carry many of them (a batch).  Entries are applied in order; on the
 * first that fails, the request stops and the extack says why and points
 * into that entry (at its offending attribute, or at the whole nest): the
 * entries before it are applied, the ones after it are not.  A batch
 * that breaks the policy is refused whole, before any entry is applied.
 *
 * Each command takes the attributes listed below and no other: a request
 * with any other attribute, at the top or in a nest, is refused whole
 * (EINVAL), the extack pointing at that attribute.  The family checks
 * every header (resv_start_op 0): a non-zero reserved field, or any
 * nlmsg_flags bit besides NLM_F_REQUEST, NLM_F_ACK, NLM_F_ECHO and
 * NLM_F_DUMP (NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE...), is refused.
 *
 * Mutating commands need CAP_NET_ADMIN in the user namespace owning the
 * device's netns.
 *
 * LSW_CMD_VTEP_NEW	[ifindex] [vtep { ip | ip6, segment?, flags? }]*
 * LSW_CMD_VTEP_SET	[ifindex] [vtep { ip | ip6, segment?, flags? }]*
 * LSW_CMD_VTEP_DEL	[ifindex] [vtep { ip | ip6 }]*
 * LSW_CMD_VTEP_GET	do: [ifindex] [vtep { ip | ip6 }]
 *			    -> [ifindex] [vni] [vtep]
 *			dump: [ifindex]? -> one message per entry
 * LSW_CMD_VTEP_FLUSH	[ifindex]? : every VTEP entry
 *
 * LSW_CMD_MAC_NEW	[ifindex] [mac { addr, vtep-ip | vtep-ip6 | port,
 * LSW_CMD_MAC_SET	vtep-mac?, flags? }]*
 * LSW_CMD_MAC_DEL	[ifindex] [mac { addr }]*
 * LSW_CMD_MAC_GET	do: [ifindex] [mac { addr }] -> [ifindex] [vni] [mac]
 *			dump: [ifindex]? [filter]? -> one message per entry
 * LSW_CMD_MAC_FLUSH	[ifindex]? [filter]?
 *
 * LSW_CMD_ARP_NEW	[ifindex] [arp { ip | ip6, mac, flags? }]*
 * LSW_CMD_ARP_SET
 * LSW_CMD_ARP_DEL	[ifindex] [arp { ip | ip6 }]*
 * LSW_CMD_ARP_GET	do: [ifindex] [arp { ip | ip6 }] -> [ifindex] [vni] [arp]
 *			dump: [ifindex]? [filter { flags }]? -> one message
 *			per entry
 * LSW_CMD_ARP_FLUSH	[ifindex]? [filter { flags }]?
 *
 * LSW_CMD_STATS_GET	do: [ifindex] -> [ifindex] [vni] [stats]
 *			dump: (no attribute) -> one message per lsw device in
 *			the netns
 *
 * LSW_CMD_VTEP_NTF, LSW_CMD_MAC_NTF, LSW_CMD_ARP_NTF
 *			multicast on "notify": [ifindex] [ifname] [vni]
 *			[event] [vtep | mac | arp], one per changed entry.
 *
 * LSW_CMD_INFO_GET	do: (no attribute) -> [version]: the module's version
 *			string.
 *
 * LSW_CMD_PORT_GET	do: [ifindex]? [port { ifindex }]
 *			    -> [ifindex] [ifname] [vni] [port]
 *			dump: [ifindex]? -> one message per port, the host's
 *			port (the lsw device itself) included
 * LSW_CMD_PORT_SET	[ifindex]? [port { ifindex, key?, name?,
 *			security { addr { mac, ip?, ip-plen?, ip6?,
 *			ip6-plen? }*, flags? }? }]*
 * LSW_CMD_PORT_NTF	multicast on "notify": [ifindex] [ifname] [vni]
 *			[event] [port]: a port joined the switch (ADDED),
 *			left it (DELETED), or its key or name changed
 *			(ADDED).
 *
 * A port is named by its own ifindex (LSW_PORT_A_IFINDEX): an enslaved
 * device, or the lsw device itself for the host's port.  Its switch is
 * its master; the top-level ifindex, if given, must be that switch.
 * PORT_SET changes what the request gives of the port (a key of 0 or an
 * empty name clears it); a key is unique within a switch: a port's key in
 * use by another port fails the request (EEXIST), the extack naming that
 * port.  A port's key and name go with it when it leaves the switch.
 * A SECURITY nest replaces the port's whole port security; an empty one
 * (no ADDR) removes it.  PORT_GET replies carry it when the port has it.
 * LSW_CMD_MISS_NTF	multicast on "miss": [ifindex] [ifname] [vni]
 *			[miss { ip | ip6 | mac, port }]: a local port asked
 *			for what the tables lack: an ARP request (ip) or a
 *			neighbour solicitation (ip6) for an address not in
 *			the ARP/ND table, with IFLA_LSW_ARP_SUPPRESS on; or a
 *			unicast frame to a MAC address not in the MAC table.
 *			Limited per address (IFLA_LSW_MISS_INTERVAL) and per
 *			switch (IFLA_LSW_MISS_RATE).  Joining "miss" needs
 *			CAP_NET_ADMIN in the netns's user namespace: a
 *			listener is what makes a switch hold requests
 *			(IFLA_LSW_ARP_HOLD) for a controller to answer.
 *
 * NEW creates entries: one that exists already fails the request
 * (EEXIST, "Entry already exists").  SET creates entries or replaces the
 * ones that exist (an identical one is left as it is).  Static entries
 * are what a controller sets: they never age, and learning never changes
 * them.  LSW_ENTRY_F_LEARNED in a NEW or SET request makes a dynamic
 * entry instead, which ages like a learned one.
 *
 * Dumps set NLM_F_DUMP_INTR on a message when the table changed while the
 * dump was running: the dump may have missed or repeated entries.
 */
#define LSW_GENL_NAME		"lsw"
#define LSW_GENL_VERSION	1
#define LSW_MCGRP_NOTIFY	"notify"
#define LSW_MCGRP_MISS		"miss"

enum lsw_cmd {
	LSW_CMD_UNSPEC,
	LSW_CMD_VTEP_NEW,
	LSW_CMD_VTEP_DEL,
	LSW_CMD_VTEP_GET,
	LSW_CMD_VTEP_FLUSH,
	LSW_CMD_MAC_NEW,
	LSW_CMD_MAC_DEL,
	LSW_CMD_MAC_GET,
	LSW_CMD_MAC_FLUSH,
	LSW_CMD_ARP_NEW,
	LSW_CMD_ARP_DEL,
	LSW_CMD_ARP_GET,
	LSW_CMD_ARP_FLUSH,
	LSW_CMD_STATS_GET,
	LSW_CMD_VTEP_NTF,
	LSW_CMD_MAC_NTF,
	LSW_CMD_ARP_NTF,
	LSW_CMD_INFO_GET,
	LSW_CMD_VTEP_SET,
	LSW_CMD_MAC_SET,
	LSW_CMD_ARP_SET,
	LSW_CMD_PORT_GET,
	LSW_CMD_PORT_SET,
	LSW_CMD_PORT_NTF,
	LSW_CMD_MISS_NTF,
	__LSW_CMD_MAX
};

#define LSW_CMD_MAX	(__LSW_CMD_MAX - 1)

/* Top-level attributes. */
enum lsw_attr {
	LSW_A_UNSPEC,
	LSW_A_IFINDEX,		/* u32: the lsw device */
	LSW_A_IFNAME,		/* string: its name (STATS_GET and PORT_GET
				 * replies, notifications)
				 */
	LSW_A_VNI,		/* u32: its VNI (replies only) */
	LSW_A_VTEP,		/* nest, enum lsw_vtep_attr; repeated */
	LSW_A_MAC,		/* nest, enum lsw_mac_attr; repeated */
	LSW_A_ARP,		/* nest, enum lsw_arp_attr; repeated */
	LSW_A_FILTER,		/* nest, enum lsw_filter_attr */
	LSW_A_STATS,		/* nest, enum lsw_stats_attr */
	LSW_A_EVENT,		/* u8, enum lsw_event (notifications) */
	LSW_A_PAD,
	LSW_A_VERSION,		/* string: the module's version (INFO_GET) */
	LSW_A_PORT,		/* nest, enum lsw_port_attr; repeated */
	LSW_A_MISS,		/* nest, enum lsw_miss_attr (MISS_NTF) */
	__LSW_A_MAX
};

#define LSW_A_MAX	(__LSW_A_MAX - 1)

/*
 * Entry flags: LSW_*_A_FLAGS, and the filter's FLAGS.  PERMANENT is the
 * MAC entry of the lsw device's own address, on the host's port: the
 * switch sets it when the device is created and moves it when its address
 * changes.  It never ages and learning never moves it; a NEW or DEL of
 * its address fails with EBUSY, and a FLUSH keeps it.  It does not count
 * against IFLA_LSW_MAC_LIMIT.
 */
enum {
	LSW_ENTRY_F_STATIC = 1,		/* set by a controller */
	LSW_ENTRY_F_LEARNED = 2,	/* learned; ages */
	LSW_ENTRY_F_PERMANENT = 4,	/* the lsw device's own address */
};

/*
 * VTEP table entry: a remote tunnel endpoint of the VNI, which receives
 * one copy of every broadcast, unknown unicast and multicast frame.
 * Exactly one of IP / IP6, of the device's underlay family.  SEGMENT:
 * the underlay segment the VTEP is in (0, as IFLA_LSW_SEGMENT numbers
 * them); FLAGS, LSW_VTEP_F_*: what it may do in two-tier replication
 * (enum lsw_replication).  Replies carry both.
 */
enum lsw_vtep_attr {
	LSW_VTEP_A_UNSPEC,
	LSW_VTEP_A_IP,		/* be32 */
	LSW_VTEP_A_IP6,		/* struct in6_addr */
	LSW_VTEP_A_SEGMENT,	/* u32 */
	LSW_VTEP_A_FLAGS,	/* u32, LSW_VTEP_F_* */
	__LSW_VTEP_A_MAX
};

#define LSW_VTEP_A_MAX	(__LSW_VTEP_A_MAX - 1)

enum {
	LSW_VTEP_F_LSW = 1,	/* speaks lsw's mark: may be a proxy */
	LSW_VTEP_F_PROXY = 2,	/* preferred proxy of its segment (NSX's
				 * "Is MTEP"); needs LSW_VTEP_F_LSW
				 */
	LSW_VTEP_F_ACTING = 4,	/* replies only: the proxy this switch (this
				 * VNI) picked for the VTEP's segment, if
				 * not its own; a request with it fails
				 */
};

/*
 * MAC table entry: where frames to ADDR go.  Remote: VTEP_IP or VTEP_IP6
 * (the device's underlay family), with VTEP_MAC as the outer destination
 * MAC if set.  Local: PORT, the ifindex of a port of the switch or of the
 * lsw device itself (the host's port).  KEY, remote entries only: the
 * OVN key of the remote logical port, the egress key of the frames sent
 * to it with LSW_METADATA_OVN; learning takes it from the ingress key of
 * the packet's OVN option.  AGE is the time since the entry was last
 * confirmed by traffic or set, in milliseconds (replies only).
 */
enum lsw_mac_attr {
	LSW_MAC_A_UNSPEC,
	LSW_MAC_A_ADDR,		/* binary, 6 bytes, unicast */
	LSW_MAC_A_VTEP_IP,	/* be32 */
	LSW_MAC_A_VTEP_IP6,	/* struct in6_addr */
	LSW_MAC_A_VTEP_MAC,	/* binary, 6 bytes */
	LSW_MAC_A_PORT,		/* u32 ifindex */
	LSW_MAC_A_FLAGS,	/* u32, LSW_ENTRY_F_* */
	LSW_MAC_A_AGE,		/* u32 ms (replies only) */
	LSW_MAC_A_KEY,		/* u32, 1..LSW_OVN_KEY_MAX */
	__LSW_MAC_A_MAX
};

#define LSW_MAC_A_MAX	(__LSW_MAC_A_MAX - 1)

/*
 * A port of a switch and its identity in OVN: KEY, its logical port's key
 * (1..LSW_OVN_KEY_MAX; 0 is none), and NAME, its logical port's name (the
 * "iface-id"; empty is none).  Replies carry all four, and SECURITY if the
 * port has port security; requests name the port by IFINDEX.
 */
enum lsw_port_attr {
	LSW_PORT_A_UNSPEC,
	LSW_PORT_A_IFINDEX,	/* u32: the port device */
	LSW_PORT_A_IFNAME,	/* string: its name (replies only) */
	LSW_PORT_A_KEY,		/* u32, 0..LSW_OVN_KEY_MAX */
	LSW_PORT_A_NAME,	/* string, at most LSW_PORT_NAME_MAX bytes */
	LSW_PORT_A_SECURITY,	/* nest, enum lsw_psec_attr */
	__LSW_PORT_A_MAX
};

#define LSW_PORT_A_MAX	(__LSW_PORT_A_MAX - 1)

/*
 * Port security, in the spirit of OVN's Logical_Switch_Port.port_security
 * and OpenStack's allowed address pairs: the addresses a port (a VM) may
 * send from.  ADDR, repeated, 1..LSW_PSEC_ADDR_MAX of them: an allowed
 * MAC address, alone (any IP address from it) or with an IPv4 prefix, an
 * IPv6 prefix, or both (only those, from it; a MAC with an IPv6 prefix
 * also has its EUI-64 link-local address).  Give a MAC several entries
 * for several prefixes; two identical entries fail the request.  On a
 * port with port security, the switch drops, before it learns or snoops
 * anything from them:
 * - frames from a MAC address not listed (DROP_SPOOF_MAC);
 * - IPv4 and IPv6 packets from an address not allowed for their source
 *   MAC; the unspecified address is allowed for what needs it (DHCP and
 *   DHCPv6 clients, neighbour discovery, MLD) and nothing else; frames
 *   with a second VLAN tag, which hides what they carry
 *   (DROP_SPOOF_IP);
 * - ARP packets whose sender MAC is not their source MAC, or whose sender
 *   IP is not allowed, and neighbour solicitations and advertisements
 *   whose link-layer address option is not their source MAC, or an
 *   advertisement whose target is not allowed; an ARP probe (sender
 *   0.0.0.0) or a duplicate address detection claims its target, which
 *   must be allowed (DROP_SPOOF_ARP);
 * - DHCP and DHCPv6 server messages (UDP from port 67 or 547), unless
 *   FLAGS has LSW_PSEC_F_DHCP_SERVER (DROP_DHCP_SERVER).
 * With LSW_PSEC_F_EGRESS, unicast frames to a MAC address the port does
 * not list are not delivered to it (DROP_NOT_OWNER).
 */
enum lsw_psec_attr {
	LSW_PSEC_A_UNSPEC,
	LSW_PSEC_A_ADDR,	/* nest, enum lsw_psec_addr_attr; repeated */
	LSW_PSEC_A_FLAGS,	/* u32, LSW_PSEC_F_* */
	__LSW_PSEC_A_MAX
};

#define LSW_PSEC_A_MAX	(__LSW_PSEC_A_MAX - 1)

enum {
	LSW_PSEC_F_DHCP_SERVER = 1,	/* the port may be a DHCP server */
	LSW_PSEC_F_EGRESS = 2,		/* unicast to its MACs only */
};

/*
 * An allowed address: MAC, and an IPv4 prefix IP/IP_PLEN (32 if IP_PLEN
 * is not given) and an IPv6 prefix IP6/IP6_PLEN (128), each optional.
 * A prefix's host bits must be zero.
 */
enum lsw_psec_addr_attr {
	LSW_PSEC_ADDR_A_UNSPEC,
	LSW_PSEC_ADDR_A_MAC,		/* binary, 6 bytes, unicast; required */
	LSW_PSEC_ADDR_A_IP,		/* be32 */
	LSW_PSEC_ADDR_A_IP_PLEN,	/* u8, 0..32 */
	LSW_PSEC_ADDR_A_IP6,		/* struct in6_addr */
	LSW_PSEC_ADDR_A_IP6_PLEN,	/* u8, 0..128 */
	__LSW_PSEC_ADDR_A_MAX
};

#define LSW_PSEC_ADDR_A_MAX	(__LSW_PSEC_ADDR_A_MAX - 1)

/* ARP/ND table entry: IP (IPv4) or IP6 (IPv6) is at MAC. */
enum lsw_arp_attr {
	LSW_ARP_A_UNSPEC,
	LSW_ARP_A_IP,		/* be32 */
	LSW_ARP_A_IP6,		/* struct in6_addr */
	LSW_ARP_A_MAC,		/* binary, 6 bytes, unicast */
	LSW_ARP_A_FLAGS,	/* u32, LSW_ENTRY_F_* */
	LSW_ARP_A_AGE,		/* u32 ms (replies only) */
	__LSW_ARP_A_MAX
};

#define LSW_ARP_A_MAX	(__LSW_ARP_A_MAX - 1)

/*
 * Dump and flush filter: an entry matches when it matches every attribute
 * given.  FLAGS: any of the LSW_ENTRY_F_* bits set.  PORT: MAC entries on
 * that local port.  VTEP_IP / VTEP_IP6: MAC entries behind that VTEP.
 * ARP/ND dumps and flushes take FLAGS only.
 */
enum lsw_filter_attr {
	LSW_FILTER_A_UNSPEC,
	LSW_FILTER_A_FLAGS,	/* u32 */
	LSW_FILTER_A_PORT,	/* u32 ifindex */
	LSW_FILTER_A_VTEP_IP,	/* be32 */
	LSW_FILTER_A_VTEP_IP6,	/* struct in6_addr */
	__LSW_FILTER_A_MAX
};

#define LSW_FILTER_A_MAX	(__LSW_FILTER_A_MAX - 1)

/*
 * A miss (LSW_CMD_MISS_NTF): what a local port asked for, exactly one of
 * IP, IP6 (the target of an ARP request or a neighbour solicitation) and
 * MAC (the destination of a unicast frame), and PORT, the ifindex of the
 * port that asked (the lsw device's own for the host's port).
 *
 * Or, with REFUSED, a port refused by port security or trust on first
 * use, for a controller to alarm: PORT sent a frame from source MAC that
 * was dropped under the counter REFUSED (LSW_STATS_A_DROP_SPOOF_MAC,
 * _SPOOF_IP, _SPOOF_ARP or _DHCP_SERVER).  Limited as misses are, per
 * port, MAC and reason and per switch.
 */
enum lsw_miss_attr {
	LSW_MISS_A_UNSPEC,
	LSW_MISS_A_IP,		/* be32 */
	LSW_MISS_A_IP6,		/* struct in6_addr */
	LSW_MISS_A_MAC,		/* binary, 6 bytes */
	LSW_MISS_A_PORT,	/* u32 ifindex */
	LSW_MISS_A_REFUSED,	/* u32, an LSW_STATS_A_DROP_* */
	__LSW_MISS_A_MAX
};

#define LSW_MISS_A_MAX	(__LSW_MISS_A_MAX - 1)

/*
 * Per-VNI counters, u64 each.  Every frame the switch drops is counted
 * once, under the reason it was dropped for (DROP_*).
 */
enum lsw_stats_attr {
	LSW_STATS_A_UNSPEC,
	LSW_STATS_A_PAD,
	LSW_STATS_A_RX_PACKETS,		/* decapsulated from the underlay */
	LSW_STATS_A_RX_BYTES,
	LSW_STATS_A_TX_PACKETS,		/* encapsulated to the underlay */
	LSW_STATS_A_TX_BYTES,
	LSW_STATS_A_LOCAL_PACKETS,	/* switched between local ports */
	LSW_STATS_A_BUM_COPIES,		/* head-end replicated copies */
	LSW_STATS_A_ARP_SUPPRESSED,	/* requests answered locally */
	LSW_STATS_A_ARP_MISSED,		/* requests flooded: IP unknown */
	LSW_STATS_A_MAC_LEARNED,
	LSW_STATS_A_MAC_AGED,
	LSW_STATS_A_MAC_MOVED,
	LSW_STATS_A_ARP_LEARNED,
	LSW_STATS_A_ARP_AGED,
	LSW_STATS_A_ARP_MOVED,
	LSW_STATS_A_MAC_LIMIT_HIT,	/* not learned: table full */
	LSW_STATS_A_ARP_LIMIT_HIT,	/* not learned: table full */
	LSW_STATS_A_DROP_MALFORMED,	/* bad encapsulation header */
	LSW_STATS_A_DROP_RUNT,		/* inner frame too short */
	LSW_STATS_A_DROP_STRICT_VTEP,	/* sender not in the VTEP table */
	LSW_STATS_A_DROP_NO_ROUTE,	/* no route to the VTEP */
	LSW_STATS_A_DROP_MTU,		/* too big for the path */
	LSW_STATS_A_DROP_TX_ERROR,	/* the underlay refused it */
	LSW_STATS_A_DROP_NOMEM,		/* out of memory */
	LSW_STATS_A_DROP_DOWN,		/* the switch or the port is down */
	LSW_STATS_A_DROP_LOOP,		/* would go back where it came from */
	LSW_STATS_A_DROP_NO_DEST,	/* no port and no VTEP to flood to */
	LSW_STATS_A_DROP_SRC_MAC,	/* invalid source MAC */
	LSW_STATS_A_DROP_CSUM,		/* outer UDP checksum */
	LSW_STATS_A_DROP_OAM,		/* Geneve O bit: control traffic for
					 * the tunnel endpoint, not for a VM
					 */
	LSW_STATS_A_DROP_CRIT_OPT,	/* Geneve C bit, or an option with the
					 * critical bit: lsw implements no
					 * option (but OVN's, with
					 * LSW_METADATA_OVN)
					 */
	LSW_STATS_A_DROP_NO_KEY,	/* LSW_METADATA_OVN: not sent to the
					 * underlay, its port or its remote
					 * MAC entry has no key
					 */
	LSW_STATS_A_DROP_OVN_OPT,	/* LSW_METADATA_OVN: OVN's option
					 * missing or malformed
					 */
	LSW_STATS_A_DROP_UNKNOWN_KEY,	/* LSW_METADATA_OVN: no local port
					 * has the egress key (or it is 0)
					 */
	LSW_STATS_A_MISS_NOTIFIED,	/* miss events sent */
	LSW_STATS_A_MISS_SUPPRESSED,	/* misses not announced: over
					 * IFLA_LSW_MISS_RATE
					 */
	LSW_STATS_A_ARP_HELD,		/* requests held for a controller */
	LSW_STATS_A_ARP_HOLD_FULL,	/* not held, flooded at once: the
					 * hold queue was full
					 */
	LSW_STATS_A_DROP_SPOOF_MAC,	/* port security: source MAC not
					 * the port's
					 */
	LSW_STATS_A_DROP_SPOOF_IP,	/* port security or IP_TOFU: source
					 * IP not the port's
					 */
	LSW_STATS_A_DROP_SPOOF_ARP,	/* port security or IP_TOFU: ARP or
					 * neighbour discovery claims an
					 * address not the port's
					 */
	LSW_STATS_A_DROP_DHCP_SERVER,	/* port security: DHCP server
					 * message from a port not allowed
					 * to send them
					 */
	LSW_STATS_A_DROP_NOT_OWNER,	/* port security with
					 * LSW_PSEC_F_EGRESS: not delivered,
					 * the port does not list the
					 * destination MAC
					 */
	LSW_STATS_A_REPL_MARKED,	/* marked copies to the proxies of
					 * other segments (two-tier), part
					 * of BUM_COPIES
					 */
	LSW_STATS_A_REPL_PROXIED,	/* copies sent on as a proxy, to
					 * this host's segment
					 */
	LSW_STATS_A_REPL_GROUP_RX,	/* frames received from the
					 * underlay multicast group
					 */
	__LSW_STATS_A_MAX
};

#define LSW_STATS_A_MAX	(__LSW_STATS_A_MAX - 1)

/* What a notification announces. */
enum lsw_event {
	LSW_EVENT_UNSPEC,
	LSW_EVENT_ADDED,	/* set (or replaced) by a controller */
	LSW_EVENT_DELETED,	/* deleted or flushed by a controller, or gone
				 * with its port or device
				 */
	LSW_EVENT_LEARNED,	/* learned from traffic */
	LSW_EVENT_AGED,		/* expired */
	LSW_EVENT_MOVED,	/* learned again, somewhere else */
	__LSW_EVENT_MAX
};

#define LSW_EVENT_MAX	(__LSW_EVENT_MAX - 1)

#endif /* _UAPI_LINUX_LSW_H */
