// SPDX-License-Identifier: GPL-2.0
/*
 * lsw mac: the MAC table of a switch, which says behind which local port
 * or remote VTEP each MAC address is.
 */
#include <string.h>
#include <sys/socket.h>

#include "lsw.h"

#define MAC_HEADER	LSW_HDR_DEV "MAC               VTEP IP         " \
			"VTEP MAC          PORT            FLAGS   AGE"

void lsw_mac_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: lsw mac { add | replace } MAC dev NAME TARGET [ learned ]\n"
		"       lsw mac del MAC dev NAME\n"
		"       lsw mac get MAC dev NAME\n"
		"       lsw mac show [ dev NAME ] [ FILTER ]\n"
		"       lsw mac flush [ dev NAME ] [ FILTER ]\n"
		"       lsw mac help\n"
		"where  TARGET := { vtep IP [ vtep-mac MAC ] | port PORTDEV }\n"
		"       FILTER := [ static | learned ] [ port PORTDEV ] [ vtep IP ]\n");
}

static const enum mnl_attr_data_type mac_policy[LSW_MAC_A_MAX + 1] = {
	[LSW_MAC_A_VTEP_IP] = MNL_TYPE_U32,
	[LSW_MAC_A_PORT] = MNL_TYPE_U32,
	[LSW_MAC_A_FLAGS] = MNL_TYPE_U32,
	[LSW_MAC_A_AGE] = MNL_TYPE_U32,
};

/* A 6-byte address attribute, formatted; NULL if absent or malformed. */
const char *lsw_mac_attr(const struct nlattr *attr, char *buf)
{
	if (!attr || mnl_attr_get_payload_len(attr) != LSW_MAC_LEN)
		return NULL;
	return lsw_format_mac(mnl_attr_get_payload(attr), buf);
}

void lsw_mac_print(const struct nlattr *nest, bool table)
{
	const struct nlattr *tb[LSW_MAC_A_MAX + 1];
	char mac[LSW_MAC_STRLEN], vtep_mac[LSW_MAC_STRLEN];
	char ip[LSW_IP_STRLEN], port_buf[16];
	const char *none = table ? "-" : NULL, *port = NULL;

	lsw_nl_parse_nested(nest, tb, LSW_MAC_A_MAX, mac_policy);
	if (tb[LSW_MAC_A_PORT])
		port = lsw_format_ifindex(mnl_attr_get_u32(tb[LSW_MAC_A_PORT]),
					  port_buf);
	lsw_print_opt_string("mac", table ? LSW_COL_MAC : " mac %s",
			     lsw_mac_attr(tb[LSW_MAC_A_ADDR], mac), none);
	lsw_print_opt_string("vtep", table ? LSW_COL_IP : " vtep %s",
			     lsw_vtep_ip(tb[LSW_MAC_A_VTEP_IP],
					 tb[LSW_MAC_A_VTEP_IP6], ip), none);
	lsw_print_opt_string("vtep_mac", table ? LSW_COL_MAC : " vtep-mac %s",
			     lsw_mac_attr(tb[LSW_MAC_A_VTEP_MAC], vtep_mac),
			     none);
	lsw_print_opt_string("port", table ? LSW_COL_DEV : " port %s", port,
			     none);
	lsw_entry_print_flags(tb[LSW_MAC_A_FLAGS], table);
	lsw_entry_print_age(tb[LSW_MAC_A_AGE], table);
}

/* What add, replace, del and get are told. */
struct mac_args {
	uint8_t addr[LSW_MAC_LEN];
	bool has_addr;
	uint32_t ifindex;
	struct lsw_ip vtep;
	uint8_t vtep_mac[LSW_MAC_LEN];
	bool has_vtep_mac;
	uint32_t port;
	bool learned;
};

/* Each word at most once; @target: the words of add and replace. */
static int mac_parse(struct lsw_ctx *ctx, struct mac_args *a, bool target)
{
	const char *arg, *val;

	memset(a, 0, sizeof(*a));
	while ((arg = lsw_arg_peek(ctx))) {
		if (!strcmp(arg, "dev")) {
			if (lsw_arg_dev(ctx, &a->ifindex))
				return -1;
		} else if (target && !strcmp(arg, "vtep")) {
			if (a->vtep.family)
				goto twice;
			val = lsw_arg_required(ctx);
			if (!val || lsw_parse_ip("vtep", val, &a->vtep))
				return -1;
		} else if (target && !strcmp(arg, "vtep-mac")) {
			if (a->has_vtep_mac)
				goto twice;
			val = lsw_arg_required(ctx);
			if (!val || lsw_parse_mac("vtep-mac", val, a->vtep_mac))
				return -1;
			a->has_vtep_mac = true;
		} else if (target && !strcmp(arg, "port")) {
			if (a->port)
				goto twice;
			val = lsw_arg_required(ctx);
			if (!val || lsw_parse_dev(val, &a->port))
				return -1;
		} else if (target && !strcmp(arg, "learned")) {
			if (a->learned)
				goto twice;
			lsw_arg_next(ctx);
			a->learned = true;
		} else if (!a->has_addr) {
			if (lsw_parse_mac("mac", lsw_arg_next(ctx), a->addr))
				return -1;
			a->has_addr = true;
		} else {
			return lsw_arg_unknown("mac", arg);
		}
	}

	if (!a->has_addr || !a->ifindex) {
		fprintf(stderr,
			"lsw: \"MAC dev NAME\" is required; try \"lsw mac help\"\n");
		return -1;
	}
	if (!target)
		return 0;
	if (!a->vtep.family && !a->port) {
		fprintf(stderr,
			"lsw: \"vtep IP\" or \"port PORTDEV\" is required; try \"lsw mac help\"\n");
		return -1;
	}
	if (a->vtep.family && a->port) {
		fprintf(stderr,
			"lsw: \"vtep\" and \"port\" exclude each other: an entry is remote or local\n");
		return -1;
	}
	if (a->has_vtep_mac && !a->vtep.family) {
		fprintf(stderr,
			"lsw: \"vtep-mac\" goes with \"vtep\", not with \"port\"\n");
		return -1;
	}
	return 0;

twice:
	fprintf(stderr, "lsw: \"%s\" given twice\n", arg);
	return -1;
}

static struct nlmsghdr *mac_msg(struct lsw_ctx *ctx, uint8_t cmd,
				uint16_t flags, const struct mac_args *a,
				bool target)
{
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	nlh = lsw_batch_msg(ctx, cmd, flags, a->ifindex);
	if (!nlh)
		return NULL;
	nest = mnl_attr_nest_start(nlh, LSW_A_MAC);
	mnl_attr_put(nlh, LSW_MAC_A_ADDR, LSW_MAC_LEN, a->addr);
	if (target) {
		if (a->vtep.family)
			lsw_nl_put_ip(nlh, LSW_MAC_A_VTEP_IP,
				      LSW_MAC_A_VTEP_IP6, &a->vtep);
		if (a->has_vtep_mac)
			mnl_attr_put(nlh, LSW_MAC_A_VTEP_MAC, LSW_MAC_LEN,
				     a->vtep_mac);
		if (a->port)
			mnl_attr_put_u32(nlh, LSW_MAC_A_PORT, a->port);
		mnl_attr_put_u32(nlh, LSW_MAC_A_FLAGS,
				 a->learned ? LSW_ENTRY_F_LEARNED :
					      LSW_ENTRY_F_STATIC);
	}
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

static int mac_write(struct lsw_ctx *ctx, uint8_t cmd, uint16_t flags,
		     bool target)
{
	struct nlmsghdr *nlh;
	struct mac_args a;

	if (mac_parse(ctx, &a, target))
		return -1;
	nlh = mac_msg(ctx, cmd, flags, &a, target);
	if (!nlh)
		return -1;
	return lsw_batch_send(ctx, nlh);
}

static int mac_add(struct lsw_ctx *ctx)
{
	return mac_write(ctx, LSW_CMD_MAC_NEW, NLM_F_CREATE | NLM_F_EXCL,
			 true);
}

static int mac_replace(struct lsw_ctx *ctx)
{
	return mac_write(ctx, LSW_CMD_MAC_NEW, NLM_F_CREATE | NLM_F_REPLACE,
			 true);
}

static int mac_del(struct lsw_ctx *ctx)
{
	return mac_write(ctx, LSW_CMD_MAC_DEL, 0, false);
}

static int mac_get(struct lsw_ctx *ctx)
{
	struct lsw_entry_show show = {
		.type = LSW_A_MAC,
		.header = MAC_HEADER,
		.print = lsw_mac_print,
	};
	struct nlmsghdr *nlh;
	struct mac_args a;
	int ret;

	if (mac_parse(ctx, &a, false))
		return -1;
	nlh = mac_msg(ctx, LSW_CMD_MAC_GET, 0, &a, false);
	if (!nlh)
		return -1;
	lsw_print_start();
	ret = lsw_nl_request(ctx, NETLINK_GENERIC, nlh, lsw_entry_show_cb,
			     &show);
	lsw_print_end();
	return ret;
}

/* [ dev NAME ] [ FILTER ], for show and flush. */
static int mac_parse_filter(struct lsw_ctx *ctx, uint32_t *ifindex,
			    struct lsw_entry_filter *f)
{
	const char *arg;
	int ret;

	*ifindex = 0;
	memset(f, 0, sizeof(*f));
	while ((arg = lsw_arg_peek(ctx))) {
		if (!strcmp(arg, "dev")) {
			if (lsw_arg_dev(ctx, ifindex))
				return -1;
			continue;
		}
		ret = lsw_entry_filter_arg(ctx, f, true);
		if (ret < 0)
			return -1;
		if (!ret)
			return lsw_arg_unknown("mac", arg);
	}
	return 0;
}

static int mac_show(struct lsw_ctx *ctx)
{
	struct lsw_entry_show show = {
		.type = LSW_A_MAC,
		.header = MAC_HEADER,
		.print = lsw_mac_print,
	};
	struct lsw_entry_filter f;
	uint32_t ifindex;

	if (mac_parse_filter(ctx, &ifindex, &f))
		return -1;
	return lsw_entry_request(ctx, LSW_CMD_MAC_GET, NLM_F_DUMP, ifindex, &f,
				 &show);
}

static int mac_flush(struct lsw_ctx *ctx)
{
	struct lsw_entry_filter f;
	uint32_t ifindex;

	if (mac_parse_filter(ctx, &ifindex, &f))
		return -1;
	return lsw_entry_request(ctx, LSW_CMD_MAC_FLUSH, 0, ifindex, &f, NULL);
}

static const struct lsw_verb mac_cmds[] = {
	{ .name = "show", .run = mac_show },
	{ .name = "list", .run = mac_show },
	{ .name = "add", .run = mac_add },
	{ .name = "replace", .run = mac_replace },
	{ .name = "delete", .run = mac_del },
	{ .name = "get", .run = mac_get },
	{ .name = "flush", .run = mac_flush },
	{ .name = "help" },
	{}
};

int lsw_mac_main(struct lsw_ctx *ctx)
{
	return lsw_dispatch(ctx, "mac", mac_cmds, "show", lsw_mac_usage);
}
