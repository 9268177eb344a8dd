// SPDX-License-Identifier: GPL-2.0
/*
 * lsw link: the switches themselves, network devices of kind "lsw",
 * created, deleted and shown over rtnetlink.
 */
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
		"Usage: lsw link add [ name ] NAME\n"
		"       lsw link del [ dev ] NAME\n"
		"       lsw link show [ [ dev ] NAME ]\n"
		"       lsw link help\n");
}

static const enum mnl_attr_data_type link_policy[IFLA_MAX + 1] = {
	[IFLA_IFNAME] = MNL_TYPE_NUL_STRING,
	[IFLA_MTU] = MNL_TYPE_U32,
	[IFLA_OPERSTATE] = MNL_TYPE_U8,
	[IFLA_LINKINFO] = MNL_TYPE_NESTED,
};

static const enum mnl_attr_data_type linkinfo_policy[IFLA_INFO_MAX + 1] = {
	[IFLA_INFO_KIND] = MNL_TYPE_NUL_STRING,
	[IFLA_INFO_DATA] = MNL_TYPE_NESTED,
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

/* What the reply to a RTM_GETLINK by name said about the device. */
struct link_req {
	bool print;
	bool is_lsw;
	int ifindex;
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
 * The switch's own attributes, IFLA_INFO_DATA of kind "lsw", are to be
 * printed here, after the generic ones, once uapi/linux/lsw.h defines
 * them: parse @data with lsw_nl_parse_nested() and an IFLA_LSW_* policy.
 */
static void link_print_data(const struct nlattr *data)
{
}

static void link_print(const struct ifinfomsg *ifm, const struct nlattr **tb,
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
	lsw_print_nl();
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
	if (req->is_lsw && req->print)
		link_print(ifm, tb, info);
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

/* RTM_GETLINK for one device, by name. */
static int link_get(struct lsw_ctx *ctx, const char *name,
		    struct link_req *req)
{
	struct nlmsghdr *nlh = link_msg(ctx, RTM_GETLINK, 0, 0);

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

static int link_show(struct lsw_ctx *ctx)
{
	struct link_req req = { .print = true };
	const char *name = NULL;
	struct nlattr *linkinfo;
	struct nlmsghdr *nlh;
	int ret;

	if (link_parse_dev(ctx, &name, false))
		return -1;

	lsw_print_start();
	if (name) {
		ret = link_get(ctx, name, &req);
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
	return ret;
}

static int link_add(struct lsw_ctx *ctx)
{
	const char *name = NULL, *arg;
	struct nlattr *linkinfo;
	struct nlmsghdr *nlh;

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
		} else if (!name) {
			name = lsw_arg_next(ctx);
		} else {
			/*
			 * The switch's attributes (IFLA_LSW_*, nested in
			 * IFLA_INFO_DATA) are to be parsed here, once
			 * uapi/linux/lsw.h defines them.
			 */
			fprintf(stderr, "lsw: unknown link attribute \"%s\"\n",
				arg);
			return -1;
		}
	}
	if (!name) {
		fprintf(stderr,
			"lsw: a device name is required; try \"lsw link help\"\n");
		return -1;
	}
	if (lsw_check_ifname(name))
		return -1;

	nlh = link_msg(ctx, RTM_NEWLINK,
		       NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK, 0);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	linkinfo = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, LSW_LINK_KIND);
	mnl_attr_nest_end(nlh, linkinfo);
	return lsw_nl_request(ctx, NETLINK_ROUTE, nlh, NULL, NULL);
}

static int link_del(struct lsw_ctx *ctx)
{
	struct link_req req = {};
	const char *name = NULL;
	struct nlmsghdr *nlh;

	if (link_parse_dev(ctx, &name, true))
		return -1;
	if (link_get(ctx, name, &req))
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
	{ .name = "delete", .run = link_del },
	{ .name = "help" },
	{}
};

int lsw_link_main(struct lsw_ctx *ctx)
{
	return lsw_dispatch(ctx, "link", link_cmds, "show", lsw_link_usage);
}
