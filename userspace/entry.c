// SPDX-License-Identifier: GPL-2.0
/*
 * What the three tables (vtep.c, mac.c, arp.c) have in common, and share
 * with lsw monitor: the lsw device a reply or notification is about, the
 * entry flags and age, the show/get table layout, and the show and flush
 * filter words.
 *
 * Each entry prints in one of two layouts, with the same JSON: a row of
 * the table "show" and "get" print (@table), or "keyword value" pairs in
 * an event line of lsw monitor.
 */
#include <net/if.h>
#include <string.h>

#include <linux/genetlink.h>

#include "lsw.h"

/* "static,learned" */
#define FLAGS_STRLEN	32

static const char *const entry_flag_names[] = { "static", "learned" };

static const enum mnl_attr_data_type entry_policy[LSW_A_MAX + 1] = {
	[LSW_A_IFINDEX] = MNL_TYPE_U32,
	[LSW_A_IFNAME] = MNL_TYPE_NUL_STRING,
	[LSW_A_VNI] = MNL_TYPE_U32,
	[LSW_A_EVENT] = MNL_TYPE_U8,
};

/* The top-level attributes of @nlh, a message of the "lsw" family. */
void lsw_entry_parse(const struct nlmsghdr *nlh, const struct nlattr **tb)
{
	lsw_nl_parse(nlh, GENL_HDRLEN, tb, LSW_A_MAX, entry_policy);
}

/* Replies name the device; notifications may only give its index. */
void lsw_entry_dev_get(const struct nlattr **tb, struct lsw_entry_dev *d)
{
	memset(d, 0, sizeof(*d));
	if (tb[LSW_A_IFINDEX])
		d->ifindex = mnl_attr_get_u32(tb[LSW_A_IFINDEX]);
	if (tb[LSW_A_VNI])
		d->vni = mnl_attr_get_u32(tb[LSW_A_VNI]);
	if (tb[LSW_A_IFNAME])
		d->ifname = mnl_attr_get_str(tb[LSW_A_IFNAME]);
	else if (d->ifindex)
		d->ifname = lsw_format_ifindex(d->ifindex, d->buf);
}

void lsw_entry_print_dev(const struct lsw_entry_dev *d, bool table)
{
	if (table) {
		lsw_print_uint("vni", LSW_COL_VNI, d->vni);
		lsw_print_opt_string("ifname", LSW_COL_DEV, d->ifname, "-");
	} else {
		lsw_print_opt_string("ifname", " dev %s", d->ifname, NULL);
		lsw_print_uint("vni", " vni %u", d->vni);
	}
}

/*
 * JSON: an array of names.  Text: the names joined by commas in the
 * table; nothing in an event line, where the event says as much.
 */
void lsw_entry_print_flags(const struct nlattr *attr, bool table)
{
	uint32_t flags = attr ? mnl_attr_get_u32(attr) : 0;
	char buf[FLAGS_STRLEN] = "", *p = buf;
	unsigned int i;

	lsw_print_open_array("flags");
	for (i = 0; i < LSW_ARRAY_SIZE(entry_flag_names); i++) {
		if (!(flags & (1U << i)))
			continue;
		lsw_print_string(NULL, NULL, entry_flag_names[i]);
		p += snprintf(p, buf + sizeof(buf) - p, "%s%s",
			      p == buf ? "" : ",", entry_flag_names[i]);
		flags &= ~(1U << i);
	}
	/* From a newer kernel: shown, but by number. */
	if (flags) {
		char hex[16];

		snprintf(hex, sizeof(hex), "0x%x", flags);
		lsw_print_string(NULL, NULL, hex);
		snprintf(p, buf + sizeof(buf) - p, "%s%s",
			 p == buf ? "" : ",", hex);
	}
	lsw_print_close_array();
	if (table)
		lsw_print_text(LSW_COL_FLAGS, *buf ? buf : "-");
}

/* Milliseconds in JSON; seconds to a tenth in the table's last column. */
void lsw_entry_print_age(const struct nlattr *attr, bool table)
{
	char buf[24];
	uint32_t ms;

	if (!attr) {
		lsw_print_opt_string("age_ms", table ? "%s" : NULL, NULL, "-");
		return;
	}
	ms = mnl_attr_get_u32(attr);
	lsw_print_uint("age_ms", NULL, ms);
	snprintf(buf, sizeof(buf), "%u.%u", ms / 1000, ms % 1000 / 100);
	if (table)
		lsw_print_text("%s", buf);
}

/*
 * A show or get reply: one row per entry nest of type @type (a message
 * may hold several), the table's header before the first.
 */
int lsw_entry_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[LSW_A_MAX + 1], *attr;
	struct lsw_entry_show *show = data;
	struct lsw_entry_dev d;

	lsw_entry_parse(nlh, tb);
	lsw_entry_dev_get(tb, &d);
	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(attr) != show->type ||
		    mnl_attr_validate(attr, MNL_TYPE_NESTED) < 0)
			continue;
		if (show->match && !show->match(attr, show->arg))
			continue;
		if (!show->header_done) {
			lsw_print_text("%s\n", show->header);
			show->header_done = true;
		}
		lsw_print_open_object(NULL);
		lsw_entry_print_dev(&d, true);
		show->print(attr, true);
		lsw_print_nl();
		lsw_print_close_object();
	}
	return MNL_CB_OK;
}

/*
 * One word of a show or flush filter, if the next argument is one:
 * static, learned, and for the MAC table (@mac) port DEV and vtep IP.
 * Returns 1 if it took the word and added it to @filter, 0 if the word
 * is not a filter word, -1 after saying what is wrong.
 */
int lsw_entry_filter_arg(struct lsw_ctx *ctx, struct lsw_entry_filter *f,
			 bool mac)
{
	const char *arg = lsw_arg_peek(ctx), *val;

	if (!strcmp(arg, "static") || !strcmp(arg, "learned")) {
		f->flags |= !strcmp(arg, "static") ? LSW_ENTRY_F_STATIC :
						     LSW_ENTRY_F_LEARNED;
		lsw_arg_next(ctx);
		return 1;
	}
	if (!mac)
		return 0;
	if (!strcmp(arg, "port")) {
		if (f->port) {
			fprintf(stderr, "lsw: \"port\" given twice\n");
			return -1;
		}
		val = lsw_arg_required(ctx);
		if (!val || lsw_parse_dev(val, &f->port))
			return -1;
		return 1;
	}
	if (!strcmp(arg, "vtep")) {
		if (f->vtep.family) {
			fprintf(stderr, "lsw: \"vtep\" given twice\n");
			return -1;
		}
		val = lsw_arg_required(ctx);
		if (!val || lsw_parse_ip("vtep", val, &f->vtep))
			return -1;
		return 1;
	}
	return 0;
}

/* LSW_A_FILTER, if there is anything to filter on. */
void lsw_entry_filter_put(struct nlmsghdr *nlh,
			  const struct lsw_entry_filter *f)
{
	struct nlattr *nest;

	if (!f->flags && !f->port && !f->vtep.family)
		return;
	nest = mnl_attr_nest_start(nlh, LSW_A_FILTER);
	if (f->flags)
		mnl_attr_put_u32(nlh, LSW_FILTER_A_FLAGS, f->flags);
	if (f->port)
		mnl_attr_put_u32(nlh, LSW_FILTER_A_PORT, f->port);
	if (f->vtep.family)
		lsw_nl_put_ip(nlh, LSW_FILTER_A_VTEP_IP, LSW_FILTER_A_VTEP_IP6,
			      &f->vtep);
	mnl_attr_nest_end(nlh, nest);
}

/*
 * The request for show (a dump, @ifindex 0 for every device) or flush,
 * with @f if not NULL, and its exchange; @show prints the replies.
 */
int lsw_entry_request(struct lsw_ctx *ctx, uint8_t cmd, uint16_t flags,
		      uint32_t ifindex, const struct lsw_entry_filter *f,
		      struct lsw_entry_show *show)
{
	struct nlmsghdr *nlh;
	int family, ret;

	family = lsw_nl_family(ctx);
	if (family < 0)
		return -1;
	nlh = lsw_nl_genl_msg(ctx, family, cmd, LSW_GENL_VERSION, flags);
	if (ifindex)
		mnl_attr_put_u32(nlh, LSW_A_IFINDEX, ifindex);
	if (f)
		lsw_entry_filter_put(nlh, f);
	if (!show)
		return lsw_nl_request(ctx, NETLINK_GENERIC, nlh, NULL, NULL);

	lsw_print_start();
	ret = lsw_nl_request(ctx, NETLINK_GENERIC, nlh, lsw_entry_show_cb,
			     show);
	lsw_print_end();
	return ret;
}
