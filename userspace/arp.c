// SPDX-License-Identifier: GPL-2.0
/*
 * lsw arp: the ARP/ND table of a switch, from which it answers ARP
 * requests and neighbour solicitations itself (ARP suppression).
 */
#include <string.h>
#include <sys/socket.h>

#include "lsw.h"

#define ARP_COL_IP	"%-25s "
#define ARP_HEADER	LSW_HDR_DEV "IP                        " \
			"MAC               FLAGS   AGE"

void lsw_arp_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: lsw arp { add | replace } IP dev NAME mac MAC [ learned ]\n"
		"       lsw arp del IP dev NAME\n"
		"       lsw arp get IP dev NAME\n"
		"       lsw arp show [ dev NAME ] [ static | learned ] [ -4 | -6 ]\n"
		"       lsw arp flush [ dev NAME ] [ static | learned ]\n"
		"       lsw arp help\n"
		"where  IP := an IPv4 address (ARP) or an IPv6 address (ND)\n");
}

static const enum mnl_attr_data_type arp_policy[LSW_ARP_A_MAX + 1] = {
	[LSW_ARP_A_IP] = MNL_TYPE_U32,
	[LSW_ARP_A_FLAGS] = MNL_TYPE_U32,
	[LSW_ARP_A_AGE] = MNL_TYPE_U32,
};

void lsw_arp_print(const struct nlattr *nest, bool table)
{
	const struct nlattr *tb[LSW_ARP_A_MAX + 1];
	char ip[LSW_IP_STRLEN], mac[LSW_MAC_STRLEN];
	const char *none = table ? "-" : NULL;

	lsw_nl_parse_nested(nest, tb, LSW_ARP_A_MAX, arp_policy);
	lsw_print_opt_string("ip", table ? ARP_COL_IP : " ip %s",
			     lsw_vtep_ip(tb[LSW_ARP_A_IP], tb[LSW_ARP_A_IP6],
					 ip), none);
	lsw_print_opt_string("mac", table ? LSW_COL_MAC : " mac %s",
			     lsw_mac_attr(tb[LSW_ARP_A_MAC], mac), none);
	lsw_entry_print_flags(tb[LSW_ARP_A_FLAGS], table);
	lsw_entry_print_age(tb[LSW_ARP_A_AGE], table);
}

/* What add, replace, del and get are told. */
struct arp_args {
	struct lsw_ip ip;
	uint32_t ifindex;
	uint8_t mac[LSW_MAC_LEN];
	bool has_mac;
	bool learned;
};

/* Each word at most once; @target: the words of add and replace. */
static int arp_parse(struct lsw_ctx *ctx, struct arp_args *a, bool target)
{
	const char *arg, *val;

	memset(a, 0, sizeof(*a));
	while ((arg = lsw_arg_peek(ctx))) {
		if (!strcmp(arg, "dev")) {
			if (lsw_arg_dev(ctx, &a->ifindex))
				return -1;
		} else if (target && !strcmp(arg, "mac")) {
			if (a->has_mac)
				goto twice;
			val = lsw_arg_required(ctx);
			if (!val || lsw_parse_mac("mac", val, a->mac))
				return -1;
			a->has_mac = true;
		} else if (target && !strcmp(arg, "learned")) {
			if (a->learned)
				goto twice;
			lsw_arg_next(ctx);
			a->learned = true;
		} else if (!a->ip.family) {
			if (lsw_parse_ip("ip", lsw_arg_next(ctx), &a->ip))
				return -1;
		} else {
			return lsw_arg_unknown("arp", arg);
		}
	}

	if (!a->ip.family || !a->ifindex) {
		fprintf(stderr,
			"lsw: \"IP dev NAME\" is required; try \"lsw arp help\"\n");
		return -1;
	}
	if (target && !a->has_mac) {
		fprintf(stderr,
			"lsw: \"mac MAC\" is required; try \"lsw arp help\"\n");
		return -1;
	}
	return 0;

twice:
	fprintf(stderr, "lsw: \"%s\" given twice\n", arg);
	return -1;
}

static struct nlmsghdr *arp_msg(struct lsw_ctx *ctx, uint8_t cmd,
				uint16_t flags, const struct arp_args *a,
				bool target)
{
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	nlh = lsw_batch_msg(ctx, cmd, flags, a->ifindex);
	if (!nlh)
		return NULL;
	nest = mnl_attr_nest_start(nlh, LSW_A_ARP);
	lsw_nl_put_ip(nlh, LSW_ARP_A_IP, LSW_ARP_A_IP6, &a->ip);
	if (target) {
		mnl_attr_put(nlh, LSW_ARP_A_MAC, LSW_MAC_LEN, a->mac);
		mnl_attr_put_u32(nlh, LSW_ARP_A_FLAGS,
				 a->learned ? LSW_ENTRY_F_LEARNED :
					      LSW_ENTRY_F_STATIC);
	}
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

static int arp_write(struct lsw_ctx *ctx, uint8_t cmd, uint16_t flags,
		     bool target)
{
	struct nlmsghdr *nlh;
	struct arp_args a;

	if (arp_parse(ctx, &a, target))
		return -1;
	nlh = arp_msg(ctx, cmd, flags, &a, target);
	if (!nlh)
		return -1;
	return lsw_batch_send(ctx, nlh);
}

static int arp_add(struct lsw_ctx *ctx)
{
	return arp_write(ctx, LSW_CMD_ARP_NEW, NLM_F_CREATE | NLM_F_EXCL,
			 true);
}

static int arp_replace(struct lsw_ctx *ctx)
{
	return arp_write(ctx, LSW_CMD_ARP_NEW, NLM_F_CREATE | NLM_F_REPLACE,
			 true);
}

static int arp_del(struct lsw_ctx *ctx)
{
	return arp_write(ctx, LSW_CMD_ARP_DEL, 0, false);
}

static int arp_get(struct lsw_ctx *ctx)
{
	struct lsw_entry_show show = {
		.type = LSW_A_ARP,
		.header = ARP_HEADER,
		.print = lsw_arp_print,
	};
	struct nlmsghdr *nlh;
	struct arp_args a;
	int ret;

	if (arp_parse(ctx, &a, false))
		return -1;
	nlh = arp_msg(ctx, LSW_CMD_ARP_GET, 0, &a, false);
	if (!nlh)
		return -1;
	lsw_print_start();
	ret = lsw_nl_request(ctx, NETLINK_GENERIC, nlh, lsw_entry_show_cb,
			     &show);
	lsw_print_end();
	return ret;
}

/*
 * The kernel filters on flags only: the address family (-4, -6) is
 * filtered here.
 */
static bool arp_match_family(const struct nlattr *nest, const void *arg)
{
	const struct nlattr *tb[LSW_ARP_A_MAX + 1];
	const int *family = arg;

	lsw_nl_parse_nested(nest, tb, LSW_ARP_A_MAX, arp_policy);
	return *family == AF_INET ? !!tb[LSW_ARP_A_IP] : !!tb[LSW_ARP_A_IP6];
}

/* [ dev NAME ] [ static | learned ], and for show [ -4 | -6 ]. */
static int arp_parse_filter(struct lsw_ctx *ctx, uint32_t *ifindex,
			    struct lsw_entry_filter *f, int *family)
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
		if (family && (!strcmp(arg, "-4") || !strcmp(arg, "-6"))) {
			*family = arg[1] == '4' ? AF_INET : AF_INET6;
			lsw_arg_next(ctx);
			continue;
		}
		ret = lsw_entry_filter_arg(ctx, f, false);
		if (ret < 0)
			return -1;
		if (!ret)
			return lsw_arg_unknown("arp", arg);
	}
	return 0;
}

static int arp_show(struct lsw_ctx *ctx)
{
	struct lsw_entry_show show = {
		.type = LSW_A_ARP,
		.header = ARP_HEADER,
		.print = lsw_arp_print,
	};
	struct lsw_entry_filter f;
	uint32_t ifindex;
	int family = 0;

	if (arp_parse_filter(ctx, &ifindex, &f, &family))
		return -1;
	if (family) {
		show.match = arp_match_family;
		show.arg = &family;
	}
	return lsw_entry_request(ctx, LSW_CMD_ARP_GET, NLM_F_DUMP, ifindex, &f,
				 &show);
}

static int arp_flush(struct lsw_ctx *ctx)
{
	struct lsw_entry_filter f;
	uint32_t ifindex;

	if (arp_parse_filter(ctx, &ifindex, &f, NULL))
		return -1;
	return lsw_entry_request(ctx, LSW_CMD_ARP_FLUSH, 0, ifindex, &f, NULL);
}

static const struct lsw_verb arp_cmds[] = {
	{ .name = "show", .run = arp_show },
	{ .name = "list", .run = arp_show },
	{ .name = "add", .run = arp_add },
	{ .name = "replace", .run = arp_replace },
	{ .name = "delete", .run = arp_del },
	{ .name = "get", .run = arp_get },
	{ .name = "flush", .run = arp_flush },
	{ .name = "help" },
	{}
};

int lsw_arp_main(struct lsw_ctx *ctx)
{
	return lsw_dispatch(ctx, "arp", arp_cmds, "show", lsw_arp_usage);
}
