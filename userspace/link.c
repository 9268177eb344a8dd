// SPDX-License-Identifier: GPL-2.0
/*
 * lsw link: the switches themselves, network devices of kind "lsw",
 * created, changed, deleted and shown over rtnetlink, with their IFLA_LSW_*
 * attributes and their ports (the devices enslaved to them).
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/lsw.h>
#include <linux/rtnetlink.h>

#include "lsw.h"

/* The longest link layer address the kernel has (MAX_ADDR_LEN). */
#define LINK_ADDR_MAX	32

void lsw_link_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: lsw link add [ name ] NAME vni VNI [ FIXED ] [ LINK_OPTIONS ]\n"
		"                    [ mtu MTU ] [ address MAC ]\n"
		"       lsw link set NAME [ LINK_OPTIONS ] [ port { add | del } PORTDEV ]...\n"
		"       lsw link del [ dev ] NAME\n"
		"       lsw link show [ [ dev ] NAME ]\n"
		"       lsw link help\n"
		"where  FIXED := [ local ADDR ] [ dev UNDERLAY ] [ dstport PORT ]\n"
		"                [ encap { vxlan | geneve } ] [ metadata { none | ovn } ]\n"
		"                [ group GROUP ]\n"
		"       LINK_OPTIONS := [ srcport MIN MAX ] [ ttl { TTL | auto | inherit } ]\n"
		"               [ tos { TOS | inherit } ] [ df { set | unset | inherit } ]\n"
		"               [ learning { on | off } ] [ ageing SECONDS ]\n"
		"               [ mac-limit N ] [ arp-limit N ] [ arp-suppress { on | off } ]\n"
		"               [ strict-vtep { on | off } ] [ udpcsum { on | off } ]\n"
		"               [ udp6zerocsumtx { on | off } ]\n"
		"               [ udp6zerocsumrx { on | off } ]\n"
		"               [ miss-interval MSEC ] [ miss-rate N ]\n"
		"               [ arp-hold MSEC ] [ arp-hold-limit N ] [ ip-tofu { on | off } ]\n"
		"               [ segment SEGMENT ]\n"
		"               [ replication { head | two-tier | multicast | hybrid } ]\n"
		"       VNI := 1..16777215\n"
		"FIXED attributes are set when the switch is created, LINK_OPTIONS at any\n"
		"time; lsw -s link show adds the counters of each switch.\n");
}

static const enum mnl_attr_data_type link_policy[IFLA_MAX + 1] = {
	[IFLA_IFNAME] = MNL_TYPE_NUL_STRING,
	[IFLA_MTU] = MNL_TYPE_U32,
	[IFLA_OPERSTATE] = MNL_TYPE_U8,
	[IFLA_LINKINFO] = MNL_TYPE_NESTED,
	[IFLA_MASTER] = MNL_TYPE_U32,
};

static const enum mnl_attr_data_type linkinfo_policy[IFLA_INFO_MAX + 1] = {
	[IFLA_INFO_KIND] = MNL_TYPE_NUL_STRING,
	[IFLA_INFO_DATA] = MNL_TYPE_NESTED,
};

static const enum mnl_attr_data_type data_policy[IFLA_LSW_MAX + 1] = {
	[IFLA_LSW_VNI] = MNL_TYPE_U32,
	[IFLA_LSW_LOCAL] = MNL_TYPE_U32,
	[IFLA_LSW_LINK] = MNL_TYPE_U32,
	[IFLA_LSW_PORT] = MNL_TYPE_U16,
	[IFLA_LSW_TTL] = MNL_TYPE_U8,
	[IFLA_LSW_TTL_INHERIT] = MNL_TYPE_U8,
	[IFLA_LSW_TOS] = MNL_TYPE_U8,
	[IFLA_LSW_TOS_INHERIT] = MNL_TYPE_U8,
	[IFLA_LSW_DF] = MNL_TYPE_U8,
	[IFLA_LSW_ENCAP] = MNL_TYPE_U8,
	[IFLA_LSW_LEARNING] = MNL_TYPE_U8,
	[IFLA_LSW_AGEING] = MNL_TYPE_U32,
	[IFLA_LSW_MAC_LIMIT] = MNL_TYPE_U32,
	[IFLA_LSW_ARP_LIMIT] = MNL_TYPE_U32,
	[IFLA_LSW_ARP_SUPPRESS] = MNL_TYPE_U8,
	[IFLA_LSW_IP_TOFU] = MNL_TYPE_U8,
	[IFLA_LSW_STRICT_VTEP] = MNL_TYPE_U8,
	[IFLA_LSW_UDP_CSUM] = MNL_TYPE_U8,
	[IFLA_LSW_UDP_ZERO_CSUM6_TX] = MNL_TYPE_U8,
	[IFLA_LSW_UDP_ZERO_CSUM6_RX] = MNL_TYPE_U8,
	[IFLA_LSW_METADATA] = MNL_TYPE_U8,
	[IFLA_LSW_MISS_INTERVAL] = MNL_TYPE_U32,
	[IFLA_LSW_MISS_RATE] = MNL_TYPE_U32,
	[IFLA_LSW_ARP_HOLD] = MNL_TYPE_U32,
	[IFLA_LSW_ARP_HOLD_LIMIT] = MNL_TYPE_U32,
	[IFLA_LSW_SEGMENT] = MNL_TYPE_U32,
	[IFLA_LSW_REPLICATION] = MNL_TYPE_U8,
	[IFLA_LSW_GROUP] = MNL_TYPE_U32,
};

/* In ip(8)'s order, so that both tools show a device alike. */
static const struct {
	unsigned int flag;
	const char *name;
} link_flags[] = {
	{ IFF_LOOPBACK,		"LOOPBACK" },
	{ IFF_BROADCAST,	"BROADCAST" },
	{ IFF_POINTOPOINT,	"POINTOPOINT" },
	{ IFF_MULTICAST,	"MULTICAST" },
	{ IFF_NOARP,		"NOARP" },
	{ IFF_ALLMULTI,		"ALLMULTI" },
	{ IFF_PROMISC,		"PROMISC" },
	{ IFF_MASTER,		"MASTER" },
	{ IFF_SLAVE,		"SLAVE" },
	{ IFF_DEBUG,		"DEBUG" },
	{ IFF_DYNAMIC,		"DYNAMIC" },
	{ IFF_AUTOMEDIA,	"AUTOMEDIA" },
	{ IFF_PORTSEL,		"PORTSEL" },
	{ IFF_NOTRAILERS,	"NOTRAILERS" },
	{ IFF_UP,		"UP" },
	{ IFF_LOWER_UP,		"LOWER_UP" },
	{ IFF_DORMANT,		"DORMANT" },
	{ IFF_ECHO,		"ECHO" },
};

static const char *const link_operstates[] = {
	[IF_OPER_UNKNOWN] = "UNKNOWN",
	[IF_OPER_NOTPRESENT] = "NOTPRESENT",
	[IF_OPER_DOWN] = "DOWN",
	[IF_OPER_LOWERLAYERDOWN] = "LOWERLAYERDOWN",
	[IF_OPER_TESTING] = "TESTING",
	[IF_OPER_DORMANT] = "DORMANT",
	[IF_OPER_UP] = "UP",
};

/*
 * Indexed by enum lsw_df, lsw_encap, lsw_metadata, lsw_replication:
 * words in and out.
 */
static const char *const link_df_names[] = {
	[LSW_DF_UNSET] = "unset",
	[LSW_DF_SET] = "set",
	[LSW_DF_INHERIT] = "inherit",
};

static const char *const link_encap_names[] = {
	[LSW_ENCAP_VXLAN] = "vxlan",
	[LSW_ENCAP_GENEVE] = "geneve",
};

static const char *const link_metadata_names[] = {
	[LSW_METADATA_NONE] = "none",
	[LSW_METADATA_OVN] = "ovn",
};

static const char *const link_replication_names[] = {
	[LSW_REPLICATION_HEAD] = "head",
	[LSW_REPLICATION_TWO_TIER] = "two-tier",
	[LSW_REPLICATION_MULTICAST] = "multicast",
	[LSW_REPLICATION_HYBRID] = "hybrid",
};

/* The words of each LINK_CHOICE attribute. */
static const struct link_choice {
	uint16_t attr;
	const char *const *names;
	unsigned int n;
} link_choices[] = {
	{ IFLA_LSW_DF, link_df_names, LSW_ARRAY_SIZE(link_df_names) },
	{ IFLA_LSW_ENCAP, link_encap_names, LSW_ARRAY_SIZE(link_encap_names) },
	{ IFLA_LSW_METADATA, link_metadata_names,
	  LSW_ARRAY_SIZE(link_metadata_names) },
	{ IFLA_LSW_REPLICATION, link_replication_names,
	  LSW_ARRAY_SIZE(link_replication_names) },
};

/* How the value of an attribute is typed, sent and shown. */
enum link_type {
	LINK_U32,	/* u32 in @min..@max */
	LINK_BOOL,	/* on|off, as a u8 0/1 */
	LINK_LOCAL,	/* an IPv4 or IPv6 address: LOCAL or LOCAL6 */
	LINK_GROUP,	/* an IPv4 or IPv6 group: GROUP or GROUP6 */
	LINK_DEV,	/* a device name, sent as its ifindex (u32) */
	LINK_PORT,	/* a UDP port, be16 */
	LINK_RANGE,	/* two UDP ports: struct ifla_lsw_port_range */
	LINK_TTL,	/* N|auto|inherit: TTL, TTL_INHERIT (u8 each) */
	LINK_TOS,	/* N|inherit: TOS, TOS_INHERIT (u8 each) */
	LINK_CHOICE,	/* a word of @names, sent as its index (u8) */
	LINK_MTU,	/* IFLA_MTU, outside of IFLA_INFO_DATA */
	LINK_ADDRESS,	/* IFLA_ADDRESS, outside of IFLA_INFO_DATA */
};

/*
 * The words "add" and "set" take, in the order "show" prints them.  The
 * text output uses the same words, so that it reads as a command line;
 * JSON keys follow the attribute names.
 */
static const struct link_opt {
	const char *word;
	const char *key;	/* JSON */
	uint16_t attr;
	uint8_t type;		/* enum link_type */
	bool fixed;		/* set by "add" only: the kernel refuses */
	uint32_t min;
	uint32_t max;
} link_opts[] = {
	{ "vni", "vni", IFLA_LSW_VNI, LINK_U32, true, 1, LSW_VNI_MAX },
	{ "local", "local", IFLA_LSW_LOCAL, LINK_LOCAL, true, 0, 0 },
	{ "dev", "underlay", IFLA_LSW_LINK, LINK_DEV, true, 0, 0 },
	{ "dstport", "dstport", IFLA_LSW_PORT, LINK_PORT, true, 1, 65535 },
	{ "srcport", "srcport", IFLA_LSW_PORT_RANGE, LINK_RANGE, false,
	  1, 65535 },
	{ "ttl", "ttl", IFLA_LSW_TTL, LINK_TTL, false, 0, 255 },
	{ "tos", "tos", IFLA_LSW_TOS, LINK_TOS, false, 0, 255 },
	{ "df", "df", IFLA_LSW_DF, LINK_CHOICE, false, 0, 0 },
	{ "encap", "encap", IFLA_LSW_ENCAP, LINK_CHOICE, true, 0, 0 },
	{ "metadata", "metadata", IFLA_LSW_METADATA, LINK_CHOICE, true, 0, 0 },
	{ "learning", "learning", IFLA_LSW_LEARNING, LINK_BOOL, false, 0, 0 },
	{ "ageing", "ageing", IFLA_LSW_AGEING, LINK_U32, false, 0, UINT32_MAX },
	{ "mac-limit", "mac_limit", IFLA_LSW_MAC_LIMIT, LINK_U32, false,
	  0, UINT32_MAX },
	{ "arp-limit", "arp_limit", IFLA_LSW_ARP_LIMIT, LINK_U32, false,
	  0, UINT32_MAX },
	{ "arp-suppress", "arp_suppress", IFLA_LSW_ARP_SUPPRESS, LINK_BOOL,
	  false, 0, 0 },
	{ "strict-vtep", "strict_vtep", IFLA_LSW_STRICT_VTEP, LINK_BOOL,
	  false, 0, 0 },
	{ "udpcsum", "udp_csum", IFLA_LSW_UDP_CSUM, LINK_BOOL, false, 0, 0 },
	{ "udp6zerocsumtx", "udp_zero_csum6_tx", IFLA_LSW_UDP_ZERO_CSUM6_TX,
	  LINK_BOOL, false, 0, 0 },
	{ "udp6zerocsumrx", "udp_zero_csum6_rx", IFLA_LSW_UDP_ZERO_CSUM6_RX,
	  LINK_BOOL, false, 0, 0 },
	{ "miss-interval", "miss_interval", IFLA_LSW_MISS_INTERVAL, LINK_U32,
	  false, 0, LSW_MISS_INTERVAL_MAX },
	{ "miss-rate", "miss_rate", IFLA_LSW_MISS_RATE, LINK_U32, false,
	  0, LSW_MISS_RATE_MAX },
	{ "arp-hold", "arp_hold", IFLA_LSW_ARP_HOLD, LINK_U32, false,
	  0, LSW_ARP_HOLD_MAX },
	{ "arp-hold-limit", "arp_hold_limit", IFLA_LSW_ARP_HOLD_LIMIT, LINK_U32,
	  false, 1, LSW_ARP_HOLD_LIMIT_MAX },
	{ "ip-tofu", "ip_tofu", IFLA_LSW_IP_TOFU, LINK_BOOL, false, 0, 0 },
	{ "segment", "segment", IFLA_LSW_SEGMENT, LINK_U32, false,
	  0, UINT32_MAX },
	{ "replication", "replication", IFLA_LSW_REPLICATION, LINK_CHOICE,
	  false, 0, 0 },
	{ "group", "group", IFLA_LSW_GROUP, LINK_GROUP, true, 0, 0 },
	/* Generic device attributes: "ip link set" changes them. */
	{ "mtu", "mtu", IFLA_MTU, LINK_MTU, true, 1, UINT32_MAX },
	{ "address", "address", IFLA_ADDRESS, LINK_ADDRESS, true, 0, 0 },
};

#define LINK_NOPTS	LSW_ARRAY_SIZE(link_opts)

/* The values "add" or "set" were given, indexed like link_opts[]. */
struct link_cfg {
	struct {
		bool given;
		bool inherit;	/* ttl, tos */
		uint32_t v;	/* srcport: the low end */
		uint32_t high;	/* srcport: the high end */
	} val[LINK_NOPTS];
	struct lsw_ip local;
	struct lsw_ip group;
	uint8_t addr[LSW_MAC_LEN];
};

/* A port of a switch: a device with an IFLA_MASTER. */
struct link_port {
	uint32_t ifindex;
	uint32_t master;
	char name[IFNAMSIZ];
};

/* What a RTM_GETLINK said, and what printing its replies needs. */
struct link_req {
	bool print;
	bool is_lsw;
	uint32_t ifindex;
	uint32_t master;	/* IFLA_MASTER, 0 if none */

	/* Every device with a master, for the ports of each switch. */
	struct link_port *ports;
	size_t n_ports;
	size_t cap_ports;

	/* -s: the switches' counters. */
	struct lsw_stats *stats;
	size_t n_stats;
};

static void link_print_flags(unsigned int flags)
{
	const char *sep = "";
	size_t i;

	lsw_print_text(" <");
	lsw_print_open_array("flags");
	if ((flags & IFF_UP) && !(flags & IFF_RUNNING)) {
		lsw_print_string(NULL, "%s", "NO-CARRIER");
		sep = ",";
	}
	for (i = 0; i < LSW_ARRAY_SIZE(link_flags); i++) {
		if (!(flags & link_flags[i].flag))
			continue;
		lsw_print_text("%s", sep);
		lsw_print_string(NULL, "%s", link_flags[i].name);
		sep = ",";
	}
	lsw_print_close_array();
	lsw_print_text(">");
}

static void link_print_operstate(const struct nlattr *attr)
{
	uint8_t state = mnl_attr_get_u8(attr);
	char buf[4];

	if (state < LSW_ARRAY_SIZE(link_operstates) && link_operstates[state]) {
		lsw_print_string("operstate", " state %s",
				 link_operstates[state]);
	} else {
		snprintf(buf, sizeof(buf), "%u", state);
		lsw_print_string("operstate", " state %s", buf);
	}
}

static void link_print_address(const struct nlattr *attr)
{
	const uint8_t *addr = mnl_attr_get_payload(attr);
	unsigned int len = mnl_attr_get_payload_len(attr), i;
	char buf[LINK_ADDR_MAX * 3 + 1];

	if (!len || len > LINK_ADDR_MAX)
		return;
	for (i = 0; i < len; i++)
		snprintf(buf + 3 * i, sizeof(buf) - 3 * i, "%02x:", addr[i]);
	buf[3 * len - 1] = '\0';
	lsw_print_string("address", " address %s", buf);
}

/*
 * The words of LINK_CHOICE option @o.  Each has its entry: the last is
 * found when no other is.
 */
static const struct link_choice *link_choice(const struct link_opt *o)
{
	size_t i;

	for (i = 0; i < LSW_ARRAY_SIZE(link_choices) - 1; i++)
		if (link_choices[i].attr == o->attr)
			break;
	return &link_choices[i];
}

/* A word of the option's, or the number if the kernel is newer than us. */
static void link_print_name(const struct link_opt *o, uint8_t v)
{
	const struct link_choice *c = link_choice(o);
	char fmt[32], buf[4];

	snprintf(fmt, sizeof(fmt), " %s %%s", o->word);
	if (v < c->n && c->names[v]) {
		lsw_print_string(o->key, fmt, c->names[v]);
	} else {
		snprintf(buf, sizeof(buf), "%u", v);
		lsw_print_string(o->key, fmt, buf);
	}
}

/* TTL and TOS: a number, or "inherit"; a TTL of 0 is the route's. */
static void link_print_inherit(const struct link_opt *o,
			       const struct nlattr *val,
			       const struct nlattr *inherit)
{
	uint8_t v = mnl_attr_get_u8(val);
	char fmt[32];

	if (inherit && mnl_attr_get_u8(inherit)) {
		snprintf(fmt, sizeof(fmt), " %s %%s", o->word);
		lsw_print_string(o->key, fmt, "inherit");
	} else if (o->type == LINK_TTL && !v) {
		lsw_print_uint(o->key, NULL, 0);
		lsw_print_text(" %s auto", o->word);
	} else {
		snprintf(fmt, sizeof(fmt), " %s %%u", o->word);
		lsw_print_uint(o->key, fmt, v);
	}
}

static void link_print_opt(const struct link_opt *o, const struct nlattr **tb)
{
	const struct nlattr *attr = tb[o->attr];
	const struct ifla_lsw_port_range *range;
	char fmt[32], buf[LSW_IP_STRLEN];

	switch (o->type) {
	case LINK_U32:
		snprintf(fmt, sizeof(fmt), " %s %%u", o->word);
		lsw_print_uint(o->key, fmt, mnl_attr_get_u32(attr));
		break;
	case LINK_BOOL:
		snprintf(fmt, sizeof(fmt), " %s %%s", o->word);
		lsw_print_bool(o->key, fmt, mnl_attr_get_u8(attr));
		break;
	case LINK_LOCAL:
	case LINK_GROUP:
		/* LOCAL6 and GROUP6 are printed in LOCAL's and GROUP's
		 * place (see link_print_data).
		 */
		lsw_format_ip(mnl_attr_get_type(attr) == IFLA_LSW_LOCAL6 ||
			      mnl_attr_get_type(attr) == IFLA_LSW_GROUP6 ?
			      AF_INET6 : AF_INET, mnl_attr_get_payload(attr),
			      buf);
		lsw_print_string(o->key, o->type == LINK_LOCAL ? " local %s" :
								 " group %s",
				 buf);
		break;
	case LINK_DEV:
		if (!mnl_attr_get_u32(attr))
			break;
		lsw_print_string(o->key, " dev %s",
				 lsw_format_ifindex(mnl_attr_get_u32(attr),
						    buf));
		break;
	case LINK_PORT:
		lsw_print_uint(o->key, " dstport %u",
			       ntohs(mnl_attr_get_u16(attr)));
		break;
	case LINK_RANGE:
		if (mnl_attr_get_payload_len(attr) < sizeof(*range))
			break;
		range = mnl_attr_get_payload(attr);
		lsw_print_open_object(o->key);
		lsw_print_uint("low", " srcport %u", ntohs(range->low));
		lsw_print_uint("high", " %u", ntohs(range->high));
		lsw_print_close_object();
		break;
	case LINK_TTL:
		link_print_inherit(o, attr, tb[IFLA_LSW_TTL_INHERIT]);
		break;
	case LINK_TOS:
		link_print_inherit(o, attr, tb[IFLA_LSW_TOS_INHERIT]);
		break;
	case LINK_CHOICE:
		link_print_name(o, mnl_attr_get_u8(attr));
		break;
	}
}

/*
 * The switch's own attributes, IFLA_INFO_DATA of kind "lsw", on a line
 * of their own; those the kernel did not send are left out.
 */
static void link_print_data(const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_LSW_MAX + 1], *local6, *group6;
	size_t i;

	if (!data)
		return;
	lsw_nl_parse_nested(data, tb, IFLA_LSW_MAX, data_policy);
	local6 = tb[IFLA_LSW_LOCAL6];
	if (local6 &&
	    mnl_attr_get_payload_len(local6) == sizeof(struct in6_addr))
		tb[IFLA_LSW_LOCAL] = local6;
	group6 = tb[IFLA_LSW_GROUP6];
	if (group6 &&
	    mnl_attr_get_payload_len(group6) == sizeof(struct in6_addr))
		tb[IFLA_LSW_GROUP] = group6;

	lsw_print_text("\n   ");
	for (i = 0; i < LINK_NOPTS; i++) {
		if (link_opts[i].type == LINK_MTU ||
		    link_opts[i].type == LINK_ADDRESS)
			continue;
		if (tb[link_opts[i].attr])
			link_print_opt(&link_opts[i], tb);
	}
}

static void link_print_ports(const struct link_req *req, uint32_t ifindex)
{
	bool any = false;
	size_t i;

	lsw_print_open_array("ports");
	for (i = 0; i < req->n_ports; i++) {
		if (req->ports[i].master != ifindex)
			continue;
		if (!any)
			lsw_print_text("\n    ports");
		any = true;
		lsw_print_string(NULL, " %s", req->ports[i].name);
	}
	lsw_print_close_array();
}

static void link_print_stats(const struct link_req *req, uint32_t ifindex)
{
	size_t i;

	for (i = 0; i < req->n_stats; i++) {
		if (req->stats[i].ifindex == ifindex) {
			lsw_stats_print(&req->stats[i], "    ");
			return;
		}
	}
}

static void link_print(const struct link_req *req,
		       const struct ifinfomsg *ifm, const struct nlattr **tb,
		       const struct nlattr **info)
{
	lsw_print_open_object(NULL);
	lsw_print_uint("ifindex", "%u:", ifm->ifi_index);
	lsw_print_string("ifname", " %s:", tb[IFLA_IFNAME] ?
			 mnl_attr_get_str(tb[IFLA_IFNAME]) : NULL);
	link_print_flags(ifm->ifi_flags);
	if (tb[IFLA_MTU])
		lsw_print_uint("mtu", " mtu %u",
			       mnl_attr_get_u32(tb[IFLA_MTU]));
	if (tb[IFLA_OPERSTATE])
		link_print_operstate(tb[IFLA_OPERSTATE]);
	if (tb[IFLA_ADDRESS])
		link_print_address(tb[IFLA_ADDRESS]);
	link_print_data(info[IFLA_INFO_DATA]);
	link_print_ports(req, ifm->ifi_index);
	lsw_print_nl();
	if (req->stats)
		link_print_stats(req, ifm->ifi_index);
	lsw_print_close_object();
}

static int link_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[IFLA_MAX + 1], *info[IFLA_INFO_MAX + 1] = {};
	const struct ifinfomsg *ifm = mnl_nlmsg_get_payload(nlh);
	struct link_req *req = data;
	const char *kind = NULL;

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifm))
		return MNL_CB_OK;

	lsw_nl_parse(nlh, sizeof(*ifm), tb, IFLA_MAX, link_policy);
	if (tb[IFLA_LINKINFO]) {
		lsw_nl_parse_nested(tb[IFLA_LINKINFO], info, IFLA_INFO_MAX,
				    linkinfo_policy);
		if (info[IFLA_INFO_KIND])
			kind = mnl_attr_get_str(info[IFLA_INFO_KIND]);
	}

	/* In a dump, the last device wins: only a get looks at these. */
	req->is_lsw = kind && !strcmp(kind, LSW_LINK_KIND);
	req->ifindex = ifm->ifi_index;
	req->master = tb[IFLA_MASTER] ? mnl_attr_get_u32(tb[IFLA_MASTER]) : 0;
	if (req->is_lsw && req->print)
		link_print(req, ifm, tb, info);
	return MNL_CB_OK;
}

/* Every device that has a master, whatever its kind. */
static int link_ports_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct ifinfomsg *ifm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[IFLA_MAX + 1];
	struct link_req *req = data;
	struct link_port *p;

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifm))
		return MNL_CB_OK;
	lsw_nl_parse(nlh, sizeof(*ifm), tb, IFLA_MAX, link_policy);
	if (!tb[IFLA_MASTER] || !mnl_attr_get_u32(tb[IFLA_MASTER]) ||
	    !tb[IFLA_IFNAME])
		return MNL_CB_OK;

	if (req->n_ports == req->cap_ports) {
		size_t cap = req->cap_ports ? 2 * req->cap_ports : 16;

		p = realloc(req->ports, cap * sizeof(*p));
		if (!p) {
			fprintf(stderr, "lsw: out of memory\n");
			return MNL_CB_ERROR;
		}
		req->ports = p;
		req->cap_ports = cap;
	}
	p = &req->ports[req->n_ports++];
	p->ifindex = ifm->ifi_index;
	p->master = mnl_attr_get_u32(tb[IFLA_MASTER]);
	snprintf(p->name, sizeof(p->name), "%s",
		 mnl_attr_get_str(tb[IFLA_IFNAME]));
	return MNL_CB_OK;
}

static struct nlmsghdr *link_msg(struct lsw_ctx *ctx, uint16_t type,
				 uint16_t flags, int ifindex)
{
	struct nlmsghdr *nlh = lsw_nl_msg(ctx, type, flags);
	struct ifinfomsg *ifm;

	ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));
	ifm->ifi_family = AF_UNSPEC;
	ifm->ifi_index = ifindex;
	return nlh;
}

/* RTM_GETLINK for one device, by name, or by index if @name is NULL. */
static int link_get(struct lsw_ctx *ctx, const char *name, uint32_t ifindex,
		    struct link_req *req)
{
	struct nlmsghdr *nlh = link_msg(ctx, RTM_GETLINK, 0,
					name ? 0 : ifindex);

	if (name)
		mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	return lsw_nl_request(ctx, NETLINK_ROUTE, nlh, link_cb, req);
}

/* [ dev ] NAME, and nothing after it. */
static int link_parse_dev(struct lsw_ctx *ctx, const char **name,
			  bool required)
{
	const char *arg;

	while ((arg = lsw_arg_peek(ctx))) {
		if (*name) {
			fprintf(stderr, "lsw: unexpected argument \"%s\"\n",
				arg);
			return -1;
		}
		if (lsw_arg_is(ctx, "dev"))
			*name = lsw_arg_required(ctx);
		else
			*name = lsw_arg_next(ctx);
		if (!*name)
			return -1;
	}

	if (*name)
		return lsw_check_ifname(*name);
	if (required) {
		fprintf(stderr,
			"lsw: a device name is required; try \"lsw link help\"\n");
		return -1;
	}
	return 0;
}

static int link_show(struct lsw_ctx *ctx, const struct lsw_verb *verb)
{
	struct link_req req = { .print = true };
	const char *name = NULL;
	struct nlattr *linkinfo;
	struct nlmsghdr *nlh;
	int ret;

	if (link_parse_dev(ctx, &name, false))
		return -1;

	/*
	 * What the devices are shown with comes first: replies cannot be
	 * waited for while the replies of the dump are being read.
	 */
	nlh = link_msg(ctx, RTM_GETLINK, NLM_F_DUMP, 0);
	ret = lsw_nl_request(ctx, NETLINK_ROUTE, nlh, link_ports_cb, &req);
	if (!ret && ctx->stats)
		ret = lsw_stats_fetch(ctx, 0, &req.stats, &req.n_stats);
	if (ret)
		goto out;

	lsw_print_start();
	if (name) {
		ret = link_get(ctx, name, 0, &req);
	} else {
		/* Kernels with lsw loaded dump only its devices. */
		nlh = link_msg(ctx, RTM_GETLINK, NLM_F_DUMP, 0);
		linkinfo = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
		mnl_attr_put_strz(nlh, IFLA_INFO_KIND, LSW_LINK_KIND);
		mnl_attr_nest_end(nlh, linkinfo);
		ret = lsw_nl_request(ctx, NETLINK_ROUTE, nlh, link_cb, &req);
	}
	lsw_print_end();

	if (!ret && name && !req.is_lsw) {
		fprintf(stderr, "lsw: %s is not an lsw device\n", name);
		ret = -1;
	}
out:
	free(req.ports);
	free(req.stats);
	return ret;
}

/*
 * The value of the link attribute named by the next word, if it is one
 * ("set": a changeable one).  1 if it took the word and its value, 0 if
 * the word is not an attribute, -1 after saying what is wrong.
 */
static int link_parse_opt(struct lsw_ctx *ctx, struct link_cfg *cfg,
			  bool set)
{
	const char *word = lsw_arg_peek(ctx), *val, *high;
	const struct link_opt *o;
	unsigned int i, choice;
	bool b;

	for (i = 0; i < LINK_NOPTS; i++)
		if (!strcmp(word, link_opts[i].word))
			break;
	if (i == LINK_NOPTS)
		return 0;
	o = &link_opts[i];
	if (set && o->fixed) {
		fprintf(stderr,
			"lsw: \"%s\" cannot be changed: delete the switch and add it again%s\n",
			word, o->type == LINK_MTU || o->type == LINK_ADDRESS ?
			", or use ip link set" : "");
		return -1;
	}
	if (cfg->val[i].given) {
		fprintf(stderr, "lsw: \"%s\" given twice\n", word);
		return -1;
	}
	val = lsw_arg_required(ctx);
	if (!val)
		return -1;

	switch (o->type) {
	case LINK_U32:
	case LINK_PORT:
	case LINK_MTU:
		if (lsw_parse_u32(word, val, o->min, o->max, &cfg->val[i].v))
			return -1;
		break;
	case LINK_BOOL:
		if (lsw_parse_bool(word, val, &b))
			return -1;
		cfg->val[i].v = b;
		break;
	case LINK_LOCAL:
		if (lsw_parse_ip(word, val, &cfg->local))
			return -1;
		break;
	case LINK_GROUP:
		if (lsw_parse_ip(word, val, &cfg->group))
			return -1;
		break;
	case LINK_DEV:
		if (lsw_parse_dev(val, &cfg->val[i].v))
			return -1;
		break;
	case LINK_RANGE:
		high = lsw_arg_next(ctx);
		if (!high) {
			fprintf(stderr, "lsw: \"srcport\" takes MIN and MAX\n");
			return -1;
		}
		if (lsw_parse_u32(word, val, o->min, o->max, &cfg->val[i].v) ||
		    lsw_parse_u32(word, high, o->min, o->max,
				  &cfg->val[i].high))
			return -1;
		if (cfg->val[i].v > cfg->val[i].high) {
			fprintf(stderr,
				"lsw: invalid srcport \"%s %s\": MIN is above MAX\n",
				val, high);
			return -1;
		}
		break;
	case LINK_TTL:
	case LINK_TOS:
		if (!strcmp(val, "inherit"))
			cfg->val[i].inherit = true;
		else if (o->type == LINK_TTL && !strcmp(val, "auto"))
			cfg->val[i].v = 0;
		else if (lsw_parse_u32(word, val, o->min, o->max,
				       &cfg->val[i].v))
			return -1;
		break;
	case LINK_CHOICE:
		if (lsw_parse_choice(word, val, link_choice(o)->names,
				     link_choice(o)->n, &choice))
			return -1;
		cfg->val[i].v = choice;
		break;
	case LINK_ADDRESS:
		if (lsw_parse_mac(word, val, cfg->addr))
			return -1;
		break;
	}
	cfg->val[i].given = true;
	return 1;
}

static bool link_cfg_given(const struct link_cfg *cfg, bool data)
{
	size_t i;

	for (i = 0; i < LINK_NOPTS; i++) {
		if (!cfg->val[i].given)
			continue;
		if (!data || (link_opts[i].type != LINK_MTU &&
			      link_opts[i].type != LINK_ADDRESS))
			return true;
	}
	return false;
}

/* IFLA_MTU, IFLA_ADDRESS, and IFLA_LINKINFO with the switch's own. */
static void link_put_cfg(struct nlmsghdr *nlh, const struct link_cfg *cfg)
{
	struct ifla_lsw_port_range range;
	struct nlattr *linkinfo, *data;
	const struct link_opt *o;
	size_t i;

	for (i = 0; i < LINK_NOPTS; i++) {
		if (!cfg->val[i].given)
			continue;
		if (link_opts[i].type == LINK_MTU)
			mnl_attr_put_u32(nlh, IFLA_MTU, cfg->val[i].v);
		else if (link_opts[i].type == LINK_ADDRESS)
			mnl_attr_put(nlh, IFLA_ADDRESS, LSW_MAC_LEN, cfg->addr);
	}

	linkinfo = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, LSW_LINK_KIND);
	if (!link_cfg_given(cfg, true))
		goto out;
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	for (i = 0; i < LINK_NOPTS; i++) {
		o = &link_opts[i];
		if (!cfg->val[i].given)
			continue;
		switch (o->type) {
		case LINK_U32:
		case LINK_DEV:
			mnl_attr_put_u32(nlh, o->attr, cfg->val[i].v);
			break;
		case LINK_BOOL:
		case LINK_CHOICE:
			mnl_attr_put_u8(nlh, o->attr, cfg->val[i].v);
			break;
		case LINK_LOCAL:
			lsw_nl_put_ip(nlh, IFLA_LSW_LOCAL, IFLA_LSW_LOCAL6,
				      &cfg->local);
			break;
		case LINK_GROUP:
			lsw_nl_put_ip(nlh, IFLA_LSW_GROUP, IFLA_LSW_GROUP6,
				      &cfg->group);
			break;
		case LINK_PORT:
			mnl_attr_put_u16(nlh, o->attr, htons(cfg->val[i].v));
			break;
		case LINK_RANGE:
			range.low = htons(cfg->val[i].v);
			range.high = htons(cfg->val[i].high);
			mnl_attr_put(nlh, o->attr, sizeof(range), &range);
			break;
		case LINK_TTL:
		case LINK_TOS:
			/* N: the value, not inherited; inherit: just that. */
			if (!cfg->val[i].inherit)
				mnl_attr_put_u8(nlh, o->attr, cfg->val[i].v);
			mnl_attr_put_u8(nlh, o->type == LINK_TTL ?
					IFLA_LSW_TTL_INHERIT :
					IFLA_LSW_TOS_INHERIT,
					cfg->val[i].inherit);
			break;
		}
	}
	mnl_attr_nest_end(nlh, data);
out:
	mnl_attr_nest_end(nlh, linkinfo);
}

static int link_add(struct lsw_ctx *ctx, const struct lsw_verb *verb)
{
	const char *name = NULL, *arg;
	struct link_cfg cfg = {};
	struct nlmsghdr *nlh;
	int ret;

	while ((arg = lsw_arg_peek(ctx))) {
		if (lsw_arg_is(ctx, "name")) {
			if (name) {
				fprintf(stderr,
					"lsw: device name given twice\n");
				return -1;
			}
			name = lsw_arg_required(ctx);
			if (!name)
				return -1;
			continue;
		}
		ret = link_parse_opt(ctx, &cfg, false);
		if (ret < 0)
			return -1;
		if (ret)
			continue;
		if (name)
			return lsw_arg_unknown("link", arg);
		name = lsw_arg_next(ctx);
	}
	if (!name) {
		fprintf(stderr,
			"lsw: a device name is required; try \"lsw link help\"\n");
		return -1;
	}
	if (lsw_check_ifname(name))
		return -1;
	/* link_opts[0]: the kernel would refuse it, but less clearly. */
	if (!cfg.val[0].given) {
		fprintf(stderr,
			"lsw: \"vni VNI\" is required; try \"lsw link help\"\n");
		return -1;
	}

	nlh = link_msg(ctx, RTM_NEWLINK,
		       NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK, 0);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	link_put_cfg(nlh, &cfg);
	return lsw_nl_request(ctx, NETLINK_ROUTE, nlh, NULL, NULL);
}

/* "port add DEV" or "port del DEV" of lsw link set. */
struct link_port_op {
	bool add;
	const char *name;
	uint32_t ifindex;
};

static int link_parse_port(struct lsw_ctx *ctx, struct link_port_op *op)
{
	const char *verb, *dev;

	lsw_arg_next(ctx);
	verb = lsw_arg_next(ctx);
	dev = lsw_arg_next(ctx);
	if (!verb || (strcmp(verb, "add") && strcmp(verb, "del") &&
		      strcmp(verb, "delete")) || !dev) {
		fprintf(stderr,
			"lsw: \"port\" takes add PORTDEV or del PORTDEV; try \"lsw link help\"\n");
		return -1;
	}
	op->add = !strcmp(verb, "add");
	op->name = dev;
	return lsw_parse_dev(dev, &op->ifindex);
}

/*
 * Enslaves a port, or releases it: IFLA_MASTER on the port.  Only ports
 * of this switch are released: the port may be some other master's.
 */
static int link_port(struct lsw_ctx *ctx, const char *name, uint32_t ifindex,
		     const struct link_port_op *op)
{
	struct link_req req = {};
	struct nlmsghdr *nlh;

	if (link_get(ctx, NULL, op->ifindex, &req))
		return -1;
	if (!op->add && req.master != ifindex) {
		fprintf(stderr, "lsw: %s is not a port of %s\n", op->name, name);
		return -1;
	}
	/*
	 * IFLA_MASTER alone would move a port from its switch (or bridge)
	 * to this one, as "ip link set DEV master" does; "port add" only
	 * adds, so that a typo cannot take a VM off its switch.
	 */
	if (op->add && req.master && req.master != ifindex) {
		char master[IF_NAMESIZE];

		if (!if_indextoname(req.master, master))
			snprintf(master, sizeof(master), "ifindex %u", req.master);
		fprintf(stderr,
			"lsw: %s is already a port of %s: \"port del\" it there first\n",
			op->name, master);
		return -1;
	}
	nlh = link_msg(ctx, RTM_NEWLINK, NLM_F_ACK, op->ifindex);
	mnl_attr_put_u32(nlh, IFLA_MASTER, op->add ? ifindex : 0);
	return lsw_nl_request(ctx, NETLINK_ROUTE, nlh, NULL, NULL);
}

static int link_set(struct lsw_ctx *ctx, const struct lsw_verb *verb)
{
	struct link_port_op *ops = NULL;
	struct link_cfg cfg = {};
	struct link_req req = {};
	const char *name, *arg;
	struct nlmsghdr *nlh;
	int ret = -1, n = 0;
	size_t i;

	name = lsw_arg_next(ctx);
	if (!name) {
		fprintf(stderr,
			"lsw: a device name is required; try \"lsw link help\"\n");
		return -1;
	}
	if (lsw_check_ifname(name))
		return -1;
	/* At most one port operation per two words left. */
	ops = calloc(ctx->argc / 2 + 1, sizeof(*ops));
	if (!ops) {
		fprintf(stderr, "lsw: out of memory\n");
		return -1;
	}

	while ((arg = lsw_arg_peek(ctx))) {
		if (!strcmp(arg, "port")) {
			if (link_parse_port(ctx, &ops[n++]))
				goto out;
			continue;
		}
		ret = link_parse_opt(ctx, &cfg, true);
		if (ret < 0)
			goto out;
		if (!ret) {
			ret = lsw_arg_unknown("link", arg);
			goto out;
		}
	}
	ret = -1;
	if (!n && !link_cfg_given(&cfg, false)) {
		fprintf(stderr,
			"lsw: nothing to change; try \"lsw link help\"\n");
		goto out;
	}

	if (link_get(ctx, name, 0, &req))
		goto out;
	if (!req.is_lsw) {
		fprintf(stderr, "lsw: %s is not an lsw device\n", name);
		goto out;
	}

	/* The attributes first, then the ports in the order given. */
	if (link_cfg_given(&cfg, false)) {
		nlh = link_msg(ctx, RTM_NEWLINK, NLM_F_ACK, req.ifindex);
		link_put_cfg(nlh, &cfg);
		if (lsw_nl_request(ctx, NETLINK_ROUTE, nlh, NULL, NULL))
			goto out;
	}
	for (i = 0; i < (size_t)n; i++)
		if (link_port(ctx, name, req.ifindex, &ops[i]))
			goto out;
	ret = 0;
out:
	free(ops);
	return ret;
}

static int link_del(struct lsw_ctx *ctx, const struct lsw_verb *verb)
{
	struct link_req req = {};
	const char *name = NULL;
	struct nlmsghdr *nlh;

	if (link_parse_dev(ctx, &name, true))
		return -1;
	if (link_get(ctx, name, 0, &req))
		return -1;
	if (!req.is_lsw) {
		fprintf(stderr,
			"lsw: %s is not an lsw device, not deleting it\n",
			name);
		return -1;
	}

	/* By index: the device just checked, even if renamed since. */
	nlh = link_msg(ctx, RTM_DELLINK, NLM_F_ACK, req.ifindex);
	return lsw_nl_request(ctx, NETLINK_ROUTE, nlh, NULL, NULL);
}

static const struct lsw_verb link_cmds[] = {
	{ .name = "show", .run = link_show },
	{ .name = "list", .run = link_show },
	{ .name = "add", .run = link_add },
	{ .name = "set", .run = link_set },
	{ .name = "delete", .run = link_del },
	{ .name = "help" },
	{}
};

int lsw_link_main(struct lsw_ctx *ctx, const struct lsw_verb *verb)
{
	return lsw_dispatch(ctx, "link", link_cmds, "show", lsw_link_usage);
}
