// SPDX-License-Identifier: GPL-2.0
/*
 * lsw vtep: the VTEP table of a switch, the remote tunnel endpoints that
 * get a copy of its broadcast, unknown unicast and multicast frames.
 */
#include <string.h>
#include <sys/socket.h>

#include "lsw.h"

#define VTEP_HEADER	LSW_HDR_DEV "VTEP IP"

void lsw_vtep_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: lsw vtep { add | replace | del } IP dev NAME\n"
		"       lsw vtep get IP dev NAME\n"
		"       lsw vtep show [ dev NAME ]\n"
		"       lsw vtep flush [ dev NAME ]\n"
		"       lsw vtep help\n"
		"where  IP := an IPv4 or IPv6 address, of the underlay's family\n");
}

static const enum mnl_attr_data_type vtep_policy[LSW_VTEP_A_MAX + 1] = {
	[LSW_VTEP_A_IP] = MNL_TYPE_U32,
};

/* The address of a VTEP entry, or of an entry's VTEP: "-" if none. */
const char *lsw_vtep_ip(const struct nlattr *ip, const struct nlattr *ip6,
			char *buf)
{
	if (ip)
		return lsw_format_ip(AF_INET, mnl_attr_get_payload(ip), buf);
	if (ip6 && mnl_attr_get_payload_len(ip6) == sizeof(struct in6_addr))
		return lsw_format_ip(AF_INET6, mnl_attr_get_payload(ip6), buf);
	return NULL;
}

void lsw_vtep_print(const struct nlattr *nest, bool table)
{
	const struct nlattr *tb[LSW_VTEP_A_MAX + 1];
	char buf[LSW_IP_STRLEN];

	lsw_nl_parse_nested(nest, tb, LSW_VTEP_A_MAX, vtep_policy);
	lsw_print_opt_string("vtep", table ? "%s" : " vtep %s",
			     lsw_vtep_ip(tb[LSW_VTEP_A_IP],
					 tb[LSW_VTEP_A_IP6], buf),
			     table ? "-" : NULL);
}

/* [ IP ] dev NAME, in either order. */
struct vtep_args {
	uint32_t ifindex;
	struct lsw_ip ip;
};

static int vtep_parse(struct lsw_ctx *ctx, struct vtep_args *a, bool ip,
		      bool dev_required)
{
	const char *arg;

	memset(a, 0, sizeof(*a));
	while ((arg = lsw_arg_peek(ctx))) {
		if (!strcmp(arg, "dev")) {
			if (lsw_arg_dev(ctx, &a->ifindex))
				return -1;
		} else if (ip && !a->ip.family) {
			if (lsw_parse_ip("vtep address", lsw_arg_next(ctx),
					 &a->ip))
				return -1;
		} else {
			return lsw_arg_unknown("vtep", arg);
		}
	}
	if (ip && !a->ip.family) {
		fprintf(stderr,
			"lsw: a VTEP address is required; try \"lsw vtep help\"\n");
		return -1;
	}
	if (dev_required && !a->ifindex) {
		fprintf(stderr,
			"lsw: \"dev NAME\" is required; try \"lsw vtep help\"\n");
		return -1;
	}
	return 0;
}

static int vtep_write(struct lsw_ctx *ctx, uint8_t cmd, uint16_t flags)
{
	struct vtep_args a;
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	if (vtep_parse(ctx, &a, true, true))
		return -1;
	nlh = lsw_batch_msg(ctx, cmd, flags, a.ifindex);
	if (!nlh)
		return -1;
	nest = mnl_attr_nest_start(nlh, LSW_A_VTEP);
	lsw_nl_put_ip(nlh, LSW_VTEP_A_IP, LSW_VTEP_A_IP6, &a.ip);
	mnl_attr_nest_end(nlh, nest);
	return lsw_batch_send(ctx, nlh);
}

static int vtep_add(struct lsw_ctx *ctx)
{
	return vtep_write(ctx, LSW_CMD_VTEP_NEW, NLM_F_CREATE | NLM_F_EXCL);
}

static int vtep_replace(struct lsw_ctx *ctx)
{
	return vtep_write(ctx, LSW_CMD_VTEP_NEW,
			  NLM_F_CREATE | NLM_F_REPLACE);
}

static int vtep_del(struct lsw_ctx *ctx)
{
	return vtep_write(ctx, LSW_CMD_VTEP_DEL, 0);
}

static int vtep_get(struct lsw_ctx *ctx)
{
	struct lsw_entry_show show = {
		.type = LSW_A_VTEP,
		.header = VTEP_HEADER,
		.print = lsw_vtep_print,
	};
	struct vtep_args a;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	int ret;

	if (vtep_parse(ctx, &a, true, true))
		return -1;
	nlh = lsw_batch_msg(ctx, LSW_CMD_VTEP_GET, 0, a.ifindex);
	if (!nlh)
		return -1;
	nest = mnl_attr_nest_start(nlh, LSW_A_VTEP);
	lsw_nl_put_ip(nlh, LSW_VTEP_A_IP, LSW_VTEP_A_IP6, &a.ip);
	mnl_attr_nest_end(nlh, nest);

	lsw_print_start();
	ret = lsw_nl_request(ctx, NETLINK_GENERIC, nlh, lsw_entry_show_cb,
			     &show);
	lsw_print_end();
	return ret;
}

static int vtep_show(struct lsw_ctx *ctx)
{
	struct lsw_entry_show show = {
		.type = LSW_A_VTEP,
		.header = VTEP_HEADER,
		.print = lsw_vtep_print,
	};
	struct vtep_args a;

	if (vtep_parse(ctx, &a, false, false))
		return -1;
	return lsw_entry_request(ctx, LSW_CMD_VTEP_GET, NLM_F_DUMP, a.ifindex,
				 NULL, &show);
}

static int vtep_flush(struct lsw_ctx *ctx)
{
	struct vtep_args a;

	if (vtep_parse(ctx, &a, false, false))
		return -1;
	return lsw_entry_request(ctx, LSW_CMD_VTEP_FLUSH, 0, a.ifindex, NULL,
				 NULL);
}

static const struct lsw_verb vtep_cmds[] = {
	{ .name = "show", .run = vtep_show },
	{ .name = "list", .run = vtep_show },
	{ .name = "add", .run = vtep_add },
	{ .name = "replace", .run = vtep_replace },
	{ .name = "delete", .run = vtep_del },
	{ .name = "get", .run = vtep_get },
	{ .name = "flush", .run = vtep_flush },
	{ .name = "help" },
	{}
};

int lsw_vtep_main(struct lsw_ctx *ctx)
{
	return lsw_dispatch(ctx, "vtep", vtep_cmds, "show", lsw_vtep_usage);
}
