// SPDX-License-Identifier: GPL-2.0
/*
 * lsw port: the ports of the switches, the host's port (the lsw device
 * itself) included, and their identity in OVN: the key and the name of
 * the logical port each one is.  The switch of a port is its master.
 */
#include <string.h>

#include <linux/genetlink.h>

#include "lsw.h"

void lsw_port_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: lsw port set dev PORTDEV [ key KEY ] [ name NAME ]\n"
		"       lsw port show [ dev NAME ]\n"
		"       lsw port help\n"
		"where  PORTDEV := a port of a switch, or the switch itself (the host's port)\n"
		"       KEY := 0..32767, its OVN logical port's key; 0 clears it\n"
		"       NAME := its OVN logical port's name (iface-id), at most 63 bytes;\n"
		"               \"\" clears it\n");
}

static const enum mnl_attr_data_type port_policy[LSW_PORT_A_MAX + 1] = {
	[LSW_PORT_A_IFINDEX] = MNL_TYPE_U32,
	[LSW_PORT_A_IFNAME] = MNL_TYPE_NUL_STRING,
	[LSW_PORT_A_KEY] = MNL_TYPE_U32,
	[LSW_PORT_A_NAME] = MNL_TYPE_NUL_STRING,
};

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

/* A port's key and name, what is given of them: one request per port. */
static int port_set(struct lsw_ctx *ctx, const struct lsw_verb *verb)
{
	uint32_t ifindex = 0, key = 0;
	const char *name = NULL, *arg, *val;
	bool has_key = false;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	int family;

	while ((arg = lsw_arg_peek(ctx))) {
		if (!strcmp(arg, "dev")) {
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
	if (!has_key && !name) {
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
