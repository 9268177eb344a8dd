// SPDX-License-Identifier: GPL-2.0
/*
 * lsw port: the ports of the switches, the host's port (the lsw device
 * itself) included, their identity in OVN (the key and the name of the
 * logical port each one is) and their port security (the addresses each
 * may send from).  The switch of a port is its master.
 */
#include <ctype.h>
#include <string.h>

#include <linux/genetlink.h>

#include "lsw.h"

void lsw_port_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: lsw port set dev PORTDEV [ key KEY ] [ name NAME ]\n"
		"                    [ security { none | ALLOWED... } ]\n"
		"       lsw port show [ dev NAME ]\n"
		"       lsw port help\n"
		"where  PORTDEV := a port of a switch, or the switch itself (the host's port)\n"
		"       KEY := 0..32767, its OVN logical port's key; 0 clears it\n"
		"       NAME := its OVN logical port's name (iface-id), at most 63 bytes;\n"
		"               \"\" clears it\n"
		"       ALLOWED := { MAC [ PREFIX... ] | dhcp-server | egress }\n"
		"       PREFIX := an IPv4 or IPv6 address, or ADDRESS/LENGTH, the MAC may\n"
		"                 send from; a MAC alone may send from any\n");
}

static const enum mnl_attr_data_type port_policy[LSW_PORT_A_MAX + 1] = {
	[LSW_PORT_A_IFINDEX] = MNL_TYPE_U32,
	[LSW_PORT_A_IFNAME] = MNL_TYPE_NUL_STRING,
	[LSW_PORT_A_KEY] = MNL_TYPE_U32,
	[LSW_PORT_A_NAME] = MNL_TYPE_NUL_STRING,
	[LSW_PORT_A_SECURITY] = MNL_TYPE_NESTED,
};

static const enum mnl_attr_data_type psec_addr_policy[LSW_PSEC_ADDR_A_MAX + 1] = {
	[LSW_PSEC_ADDR_A_MAC] = MNL_TYPE_BINARY,
	[LSW_PSEC_ADDR_A_IP] = MNL_TYPE_U32,
	[LSW_PSEC_ADDR_A_IP_PLEN] = MNL_TYPE_U8,
	[LSW_PSEC_ADDR_A_IP6] = MNL_TYPE_BINARY,
	[LSW_PSEC_ADDR_A_IP6_PLEN] = MNL_TYPE_U8,
};

/* One prefix of an allowed address, ADDRESS/LENGTH, into @buf. */
static void port_psec_prefix(const struct nlattr *ip, const struct nlattr *plen,
			     int family, char *buf, size_t size)
{
	char addr[INET6_ADDRSTRLEN];

	lsw_format_ip(family, mnl_attr_get_payload(ip), addr);
	snprintf(buf, size, "%s/%u", addr,
		 plen ? mnl_attr_get_u8(plen) : family == AF_INET ? 32 : 128);
}

/*
 * A port's security: in the text, what "port set ... security" takes,
 * each MAC once followed by its prefixes; in JSON, one object per
 * allowed address as the kernel has it, and the flags.
 */
static void port_psec_print(const struct nlattr *nest)
{
	const struct nlattr *a, *tb[LSW_PSEC_ADDR_A_MAX + 1];
	char mac[18], last[18] = "", pfx[INET6_ADDRSTRLEN + 4];
	uint32_t flags = 0;

	lsw_print_text("  security");
	lsw_print_open_object("security");
	lsw_print_open_array("addresses");
	mnl_attr_for_each_nested(a, nest) {
		if (mnl_attr_get_type(a) == LSW_PSEC_A_FLAGS &&
		    mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
			flags = mnl_attr_get_u32(a);
		if (mnl_attr_get_type(a) != LSW_PSEC_A_ADDR ||
		    mnl_attr_validate(a, MNL_TYPE_NESTED) < 0)
			continue;
		memset(tb, 0, sizeof(tb));
		lsw_nl_parse_nested(a, tb, LSW_PSEC_ADDR_A_MAX,
				    psec_addr_policy);
		if (!tb[LSW_PSEC_ADDR_A_MAC] ||
		    mnl_attr_get_payload_len(tb[LSW_PSEC_ADDR_A_MAC]) != 6)
			continue;
		lsw_format_mac(mnl_attr_get_payload(tb[LSW_PSEC_ADDR_A_MAC]),
			       mac);
		lsw_print_open_object(NULL);
		lsw_print_string("mac", strcmp(mac, last) ? " %s" : NULL, mac);
		memcpy(last, mac, sizeof(last));
		if (tb[LSW_PSEC_ADDR_A_IP]) {
			port_psec_prefix(tb[LSW_PSEC_ADDR_A_IP],
					 tb[LSW_PSEC_ADDR_A_IP_PLEN], AF_INET,
					 pfx, sizeof(pfx));
			lsw_print_string("ip", " %s", pfx);
		}
		if (tb[LSW_PSEC_ADDR_A_IP6] &&
		    mnl_attr_get_payload_len(tb[LSW_PSEC_ADDR_A_IP6]) == 16) {
			port_psec_prefix(tb[LSW_PSEC_ADDR_A_IP6],
					 tb[LSW_PSEC_ADDR_A_IP6_PLEN], AF_INET6,
					 pfx, sizeof(pfx));
			lsw_print_string("ip6", " %s", pfx);
		}
		lsw_print_close_object();
	}
	lsw_print_close_array();
	if (lsw_print_is_json()) {
		lsw_print_bool("dhcp_server", NULL,
			       flags & LSW_PSEC_F_DHCP_SERVER);
		lsw_print_bool("egress", NULL, flags & LSW_PSEC_F_EGRESS);
	} else {
		if (flags & LSW_PSEC_F_DHCP_SERVER)
			lsw_print_text(" dhcp-server");
		if (flags & LSW_PSEC_F_EGRESS)
			lsw_print_text(" egress");
	}
	lsw_print_close_object();
}

/*
 * The port of a PORT_GET reply or a PORT_NTF notification: its name, its
 * master (the switch), and its key and name if it has them.
 */
void lsw_port_print(const struct nlmsghdr *nlh)
{
	const struct nlattr *top[LSW_A_MAX + 1], *tb[LSW_PORT_A_MAX + 1];
	char buf[16];
	const char *ifname = NULL, *name = NULL;
	struct lsw_entry_dev d;
	uint32_t key = 0;

	lsw_entry_parse(nlh, top);
	lsw_entry_dev_get(top, &d);
	memset(tb, 0, sizeof(tb));
	if (top[LSW_A_PORT] &&
	    mnl_attr_validate(top[LSW_A_PORT], MNL_TYPE_NESTED) >= 0)
		lsw_nl_parse_nested(top[LSW_A_PORT], tb, LSW_PORT_A_MAX,
				    port_policy);
	if (tb[LSW_PORT_A_IFNAME])
		ifname = mnl_attr_get_str(tb[LSW_PORT_A_IFNAME]);
	else if (tb[LSW_PORT_A_IFINDEX])
		ifname = lsw_format_ifindex(mnl_attr_get_u32(tb[LSW_PORT_A_IFINDEX]),
					    buf);
	if (tb[LSW_PORT_A_KEY])
		key = mnl_attr_get_u32(tb[LSW_PORT_A_KEY]);
	if (tb[LSW_PORT_A_NAME])
		name = mnl_attr_get_str(tb[LSW_PORT_A_NAME]);

	lsw_print_opt_string("ifname", "%s", ifname, "-");
	lsw_print_opt_string("master", "  master %s", d.ifname, "-");
	/* None is no key, no name: left out, as "show" leaves them. */
	if (key)
		lsw_print_uint("key", "  key %u", key);
	if (name && *name)
		lsw_print_string("name", "  name %s", name);
	if (tb[LSW_PORT_A_SECURITY])
		port_psec_print(tb[LSW_PORT_A_SECURITY]);
}

static int port_show_cb(const struct nlmsghdr *nlh, void *data)
{
	lsw_print_open_object(NULL);
	lsw_port_print(nlh);
	lsw_print_nl();
	lsw_print_close_object();
	return MNL_CB_OK;
}

/* Every port of switch NAME, or of every switch. */
static int port_show(struct lsw_ctx *ctx, const struct lsw_verb *verb)
{
	uint32_t ifindex = 0;
	struct nlmsghdr *nlh;
	const char *arg;
	int family, ret;

	while ((arg = lsw_arg_peek(ctx))) {
		/* "dev" once: the second is an unknown argument. */
		if (strcmp(arg, "dev") || ifindex)
			return lsw_arg_unknown("port", arg);
		if (lsw_arg_dev(ctx, &ifindex))
			return -1;
	}

	family = lsw_nl_family(ctx);
	if (family < 0)
		return -1;
	nlh = lsw_nl_genl_msg(ctx, family, LSW_CMD_PORT_GET, LSW_GENL_VERSION,
			      NLM_F_DUMP);
	if (ifindex)
		mnl_attr_put_u32(nlh, LSW_A_IFINDEX, ifindex);
	lsw_print_start();
	ret = lsw_nl_request(ctx, NETLINK_GENERIC, nlh, port_show_cb, NULL);
	lsw_print_end();
	return ret;
}

/* The words after "security": allowed addresses and flags, or none. */
struct port_psec {
	bool given;
	uint32_t flags;
	unsigned int n;
	struct {
		uint8_t mac[6];
		struct lsw_ip ip;	/* family 0: none */
		uint32_t plen;
	} addr[LSW_PSEC_ADDR_MAX + 1];
};

/* Whether @s is a MAC address, XX:XX:XX:XX:XX:XX. */
static bool port_is_mac(const char *s)
{
	unsigned int i;

	if (strlen(s) != 17)
		return false;
	for (i = 0; i < 17; i++)
		if (i % 3 == 2 ? s[i] != ':' : !isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* ADDRESS[/LENGTH] for the MAC last given. */
static int port_psec_prefix_parse(struct port_psec *ps, const char *s)
{
	char buf[INET6_ADDRSTRLEN + 8], *slash;
	uint32_t max;

	if (!ps->n) {
		fprintf(stderr,
			"lsw: invalid security \"%s\": a MAC address comes first\n",
			s);
		return -1;
	}
	if (ps->addr[ps->n - 1].ip.family) {
		/* A MAC's second prefix: an entry of its own. */
		if (ps->n > LSW_PSEC_ADDR_MAX) {
			fprintf(stderr,
				"lsw: too many allowed addresses (at most %u)\n",
				LSW_PSEC_ADDR_MAX);
			return -1;
		}
		memcpy(ps->addr[ps->n].mac, ps->addr[ps->n - 1].mac, 6);
		ps->n++;
	}
	snprintf(buf, sizeof(buf), "%s", s);
	slash = strchr(buf, '/');
	if (slash)
		*slash++ = '\0';
	if (lsw_parse_ip("security address", buf, &ps->addr[ps->n - 1].ip))
		return -1;
	max = ps->addr[ps->n - 1].ip.family == AF_INET ? 32 : 128;
	ps->addr[ps->n - 1].plen = max;
	return slash ? lsw_parse_u32("prefix length", slash, 0, max,
				     &ps->addr[ps->n - 1].plen) : 0;
}

/* "security" and what follows it, up to the next keyword of "set". */
static int port_psec_parse(struct lsw_ctx *ctx, struct port_psec *ps)
{
	const char *arg;

	if (ps->given) {
		fprintf(stderr, "lsw: \"security\" given twice\n");
		return -1;
	}
	ps->given = true;
	if (lsw_arg_is(ctx, "none")) {
		lsw_arg_next(ctx);
		return 0;
	}
	while ((arg = lsw_arg_peek(ctx))) {
		if (!strcmp(arg, "dev") || !strcmp(arg, "key") ||
		    !strcmp(arg, "name"))
			break;
		lsw_arg_next(ctx);
		if (!strcmp(arg, "dhcp-server")) {
			ps->flags |= LSW_PSEC_F_DHCP_SERVER;
		} else if (!strcmp(arg, "egress")) {
			ps->flags |= LSW_PSEC_F_EGRESS;
		} else if (port_is_mac(arg)) {
			if (ps->n > LSW_PSEC_ADDR_MAX) {
				fprintf(stderr,
					"lsw: too many allowed addresses (at most %u)\n",
					LSW_PSEC_ADDR_MAX);
				return -1;
			}
			if (lsw_parse_mac("MAC address", arg,
					  ps->addr[ps->n].mac))
				return -1;
			ps->addr[ps->n++].ip.family = 0;
		} else if (port_psec_prefix_parse(ps, arg)) {
			return -1;
		}
	}
	if (!ps->n) {
		fprintf(stderr,
			"lsw: \"security\" needs a MAC address, or \"none\"\n");
		return -1;
	}
	return 0;
}

/* The security nest of a request: empty for none. */
static void port_psec_put(struct nlmsghdr *nlh, const struct port_psec *ps)
{
	struct nlattr *nest, *one;
	unsigned int i;

	nest = mnl_attr_nest_start(nlh, LSW_PORT_A_SECURITY);
	for (i = 0; i < ps->n; i++) {
		one = mnl_attr_nest_start(nlh, LSW_PSEC_A_ADDR);
		mnl_attr_put(nlh, LSW_PSEC_ADDR_A_MAC, 6, ps->addr[i].mac);
		if (ps->addr[i].ip.family == AF_INET) {
			mnl_attr_put(nlh, LSW_PSEC_ADDR_A_IP, 4,
				     &ps->addr[i].ip.v4);
			mnl_attr_put_u8(nlh, LSW_PSEC_ADDR_A_IP_PLEN,
					ps->addr[i].plen);
		} else if (ps->addr[i].ip.family == AF_INET6) {
			mnl_attr_put(nlh, LSW_PSEC_ADDR_A_IP6, 16,
				     &ps->addr[i].ip.v6);
			mnl_attr_put_u8(nlh, LSW_PSEC_ADDR_A_IP6_PLEN,
					ps->addr[i].plen);
		}
		mnl_attr_nest_end(nlh, one);
	}
	if (ps->n)
		mnl_attr_put_u32(nlh, LSW_PSEC_A_FLAGS, ps->flags);
	mnl_attr_nest_end(nlh, nest);
}

/*
 * A port's key, name and security, what is given of them: one request
 * per port.
 */
static int port_set(struct lsw_ctx *ctx, const struct lsw_verb *verb)
{
	uint32_t ifindex = 0, key = 0;
	const char *name = NULL, *arg, *val;
	struct port_psec ps = { 0 };
	bool has_key = false;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	int family;

	while ((arg = lsw_arg_peek(ctx))) {
		if (!strcmp(arg, "security")) {
			lsw_arg_next(ctx);
			if (port_psec_parse(ctx, &ps))
				return -1;
		} else if (!strcmp(arg, "dev")) {
			if (lsw_arg_dev(ctx, &ifindex))
				return -1;
		} else if (!strcmp(arg, "key") && !has_key) {
			val = lsw_arg_required(ctx);
			if (!val || lsw_parse_u32("key", val, 0, LSW_OVN_KEY_MAX,
						  &key))
				return -1;
			has_key = true;
		} else if (!strcmp(arg, "name") && !name) {
			name = lsw_arg_required(ctx);
			if (!name)
				return -1;
			if (strlen(name) > LSW_PORT_NAME_MAX) {
				fprintf(stderr,
					"lsw: invalid name \"%s\": longer than %u bytes\n",
					name, LSW_PORT_NAME_MAX);
				return -1;
			}
		} else if (!strcmp(arg, "key") || !strcmp(arg, "name")) {
			fprintf(stderr, "lsw: \"%s\" given twice\n", arg);
			return -1;
		} else {
			return lsw_arg_unknown("port", arg);
		}
	}
	if (!ifindex) {
		fprintf(stderr,
			"lsw: \"dev PORTDEV\" is required; try \"lsw port help\"\n");
		return -1;
	}
	if (!has_key && !name && !ps.given) {
		fprintf(stderr,
			"lsw: nothing to change; try \"lsw port help\"\n");
		return -1;
	}

	/* Before the request is built: the look-up uses the same buffer. */
	family = lsw_nl_family(ctx);
	if (family < 0)
		return -1;
	nlh = lsw_nl_genl_msg(ctx, family, LSW_CMD_PORT_SET, LSW_GENL_VERSION,
			      0);
	nest = mnl_attr_nest_start(nlh, LSW_A_PORT);
	mnl_attr_put_u32(nlh, LSW_PORT_A_IFINDEX, ifindex);
	if (has_key)
		mnl_attr_put_u32(nlh, LSW_PORT_A_KEY, key);
	if (name)
		mnl_attr_put_strz(nlh, LSW_PORT_A_NAME, name);
	if (ps.given)
		port_psec_put(nlh, &ps);
	mnl_attr_nest_end(nlh, nest);
	return lsw_nl_request(ctx, NETLINK_GENERIC, nlh, NULL, NULL);
}

static const struct lsw_verb port_cmds[] = {
	{ .name = "show", .run = port_show },
	{ .name = "list", .run = port_show },
	{ .name = "set", .run = port_set },
	{ .name = "help" },
	{}
};

int lsw_port_main(struct lsw_ctx *ctx, const struct lsw_verb *verb)
{
	return lsw_dispatch(ctx, "port", port_cmds, "show", lsw_port_usage);
}
