// SPDX-License-Identifier: GPL-2.0
/*
 * The three tables (vtep.c, mac.c, arp.c): their commands, once for
 * all, told which table (ctx->table) and which operation (verb->op) they
 * run for; each table's descriptor says what is its own (the requests,
 * the fields of an entry, the filter words).  Also what the tables share
 * with lsw monitor and lsw stats: the lsw device a reply or notification
 * is about, and an entry's fields, flags and age as shown.
 *
 * Each entry prints in one of two layouts, with the same JSON: a row of
 * the table "show" and "get" print (@table), or "keyword value" pairs in
 * an event line of lsw monitor.
 */
#include <assert.h>
#include <net/if.h>
#include <string.h>

#include <linux/genetlink.h>

#include "lsw.h"

/* "static,learned,permanent" */
#define FLAGS_STRLEN	32

/* By bit: LSW_ENTRY_F_STATIC, LEARNED, PERMANENT. */
static const char *const entry_flag_names[] = {
	"static", "learned", "permanent"
};

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
static void entry_print_flags(const struct nlattr *attr, bool table)
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
static void entry_print_age(const struct nlattr *attr, bool table)
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

static_assert(LSW_VTEP_A_MAX <= LSW_ENTRY_A_MAX, "LSW_ENTRY_A_MAX");
static_assert(LSW_ARP_A_MAX <= LSW_ENTRY_A_MAX, "LSW_ENTRY_A_MAX");

/*
 * The attributes of entry nest @nest of table @t: its fields say what
 * each attribute is, and so how it is validated (a malformed one reads
 * as absent).  MAC addresses and IPv6 addresses are checked for their
 * length where they are read.
 */
static void entry_nest_parse(const struct lsw_table *t,
			     const struct nlattr *nest,
			     const struct nlattr **tb)
{
	enum mnl_attr_data_type policy[LSW_ENTRY_A_MAX + 1] = {};
	unsigned int i, max = 0;
	const struct lsw_field *f;

	for (i = 0; i < t->n_fields; i++) {
		f = &t->fields[i];
		if (f->type != LSW_FIELD_MAC)
			policy[f->attr] = MNL_TYPE_U32;
		if (f->attr > max)
			max = f->attr;
		if (f->attr6 > max)
			max = f->attr6;
	}
	lsw_nl_parse_nested(nest, tb, max, policy);
}

/* An address as attribute @ip or @ip6, formatted; NULL if neither. */
static const char *entry_ip(const struct nlattr *ip, const struct nlattr *ip6,
			    char *buf)
{
	if (ip)
		return lsw_format_ip(AF_INET, mnl_attr_get_payload(ip), buf);
	if (ip6 && mnl_attr_get_payload_len(ip6) == sizeof(struct in6_addr))
		return lsw_format_ip(AF_INET6, mnl_attr_get_payload(ip6), buf);
	return NULL;
}

/* A 6-byte address attribute, formatted; NULL if absent or malformed. */
static const char *entry_mac(const struct nlattr *attr, char *buf)
{
	if (!attr || mnl_attr_get_payload_len(attr) != LSW_MAC_LEN)
		return NULL;
	return lsw_format_mac(mnl_attr_get_payload(attr), buf);
}

/*
 * A number: in JSON a number, or null when absent; in the text as
 * @fmt's string, "-" in a table when absent.
 */
static void entry_print_u32(const struct lsw_field *f,
			    const struct nlattr *attr, bool table)
{
	const char *fmt = table ? f->col : f->event;
	char buf[16];

	if (!attr) {
		lsw_print_opt_string(f->key, fmt, NULL, table ? "-" : NULL);
		return;
	}
	snprintf(buf, sizeof(buf), "%u", mnl_attr_get_u32(attr));
	lsw_print_uint(f->key, NULL, mnl_attr_get_u32(attr));
	lsw_print_text(fmt, buf);
}

/*
 * A counter's number, shown by its name ("drop_spoof_arp"); one from a
 * newer kernel by its number.
 */
static const char *entry_reason(const struct nlattr *attr, char *buf)
{
	const char *name;

	if (!attr)
		return NULL;
	name = lsw_stats_name(mnl_attr_get_u32(attr));
	if (name)
		return name;
	snprintf(buf, LSW_IP_STRLEN, "%u", mnl_attr_get_u32(attr));
	return buf;
}

/*
 * A bit of a flags attribute: JSON true or false; in the table @col's
 * "yes" or "no", in an event line @event if set.
 */
static void entry_print_bit(const struct lsw_field *f,
			    const struct nlattr *attr, bool table)
{
	bool set = attr && (mnl_attr_get_u32(attr) & f->min);

	lsw_print_bool(f->key, NULL, set);
	if (table)
		lsw_print_text(f->col, set ? "yes" : "no");
	else if (set)
		lsw_print_text("%s", f->event);
}

/* The value of an IP, MAC, DEV or REASON field as text; NULL if absent. */
static const char *entry_field_text(const struct lsw_field *f,
				    const struct nlattr **tb, char *buf)
{
	const struct nlattr *attr = tb[f->attr];

	switch (f->type) {
	case LSW_FIELD_IP:
		return entry_ip(attr, tb[f->attr6], buf);
	case LSW_FIELD_MAC:
		return entry_mac(attr, buf);
	case LSW_FIELD_DEV:
		return attr ? lsw_format_ifindex(mnl_attr_get_u32(attr), buf) :
			      NULL;
	case LSW_FIELD_REASON:
		return entry_reason(attr, buf);
	default:
		return NULL;
	}
}

/* The fields of an entry of table @t, absent ones as "-" in a table. */
void lsw_entry_print(const struct lsw_table *t, const struct nlattr *nest,
		     bool table)
{
	const struct nlattr *tb[LSW_ENTRY_A_MAX + 1];
	const struct lsw_field *f;
	char buf[LSW_IP_STRLEN];
	unsigned int i;

	entry_nest_parse(t, nest, tb);
	for (i = 0; i < t->n_fields; i++) {
		f = &t->fields[i];
		if (f->type == LSW_FIELD_FLAGS)
			entry_print_flags(tb[f->attr], table);
		else if (f->type == LSW_FIELD_AGE)
			entry_print_age(tb[f->attr], table);
		else if (f->type == LSW_FIELD_U32)
			entry_print_u32(f, tb[f->attr], table);
		else if (f->type == LSW_FIELD_BIT)
			entry_print_bit(f, tb[f->attr], table);
		else
			lsw_print_opt_string(f->key, table ? f->col : f->event,
					     entry_field_text(f, tb, buf),
					     table ? "-" : NULL);
	}
}

/* How show and get print the entries of one table. */
struct entry_show {
	const struct lsw_table *t;
	int family;		/* show -4 or -6: filtered here */
	bool header_done;
};

/* The kernel filters on flags only: the key's family is filtered here. */
static bool entry_match(const struct entry_show *show,
			const struct nlattr *nest)
{
	const struct lsw_field *key = &show->t->fields[0];
	const struct nlattr *tb[LSW_ENTRY_A_MAX + 1];

	if (!show->family)
		return true;
	entry_nest_parse(show->t, nest, tb);
	return show->family == AF_INET ? !!tb[key->attr] : !!tb[key->attr6];
}

/*
 * A show or get reply: one row per entry nest of the table (a message
 * may hold several), the table's header before the first.
 */
static int entry_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[LSW_A_MAX + 1], *attr;
	struct entry_show *show = data;
	struct lsw_entry_dev d;

	lsw_entry_parse(nlh, tb);
	lsw_entry_dev_get(tb, &d);
	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(attr) != show->t->nest ||
		    mnl_attr_validate(attr, MNL_TYPE_NESTED) < 0)
			continue;
		if (!entry_match(show, attr))
			continue;
		if (!show->header_done) {
			lsw_print_text("%s\n", show->t->header);
			show->header_done = true;
		}
		lsw_print_open_object(NULL);
		lsw_entry_print_dev(&d, true);
		lsw_entry_print(show->t, attr, true);
		lsw_print_nl();
		lsw_print_close_object();
	}
	return MNL_CB_OK;
}

/* A field's value, as typed. */
union entry_val {
	struct lsw_ip ip;
	uint8_t mac[LSW_MAC_LEN];
	uint32_t ifindex;
	uint32_t u32;
};

/* What add, replace, del and get are told: fields as in the table. */
struct entry_args {
	uint32_t ifindex;
	unsigned int given;	/* bit i: fields[i] typed, val[i] set */
	union entry_val val[LSW_ENTRY_A_MAX];
};

/* The key's bit in entry_args.given: fields[0]. */
#define ENTRY_KEY	1U

/* The value of field @f, typed as @s. */
static int entry_field_parse(const struct lsw_field *f, const char *s,
			     union entry_val *v)
{
	switch (f->type) {
	case LSW_FIELD_IP:
		return lsw_parse_ip(f->word, s, &v->ip);
	case LSW_FIELD_MAC:
		return lsw_parse_mac(f->word, s, v->mac);
	case LSW_FIELD_DEV:
		return lsw_parse_dev(s, &v->ifindex);
	case LSW_FIELD_U32:
		return lsw_parse_u32(f->word, s, f->min, f->max, &v->u32);
	default:
		return 0;
	}
}

/* The field of @t that the keyword @word names, or NULL. */
static const struct lsw_field *entry_field_find(const struct lsw_table *t,
						const char *word)
{
	const struct lsw_field *f = t->fields, *end = f + t->n_fields;

	for (f++; f < end; f++)
		if (f->word && !strcmp(f->word, word))
			return f;
	return NULL;
}

/*
 * KEY dev NAME, in any order, each word at most once; and with @whole
 * (add, replace) the keywords of the other fields.
 */
static int entry_args_parse(struct lsw_ctx *ctx, const struct lsw_table *t,
			    struct entry_args *a, bool whole)
{
	const struct lsw_field *f;
	const char *arg, *val;
	unsigned int i;

	a->ifindex = 0;
	a->given = 0;
	while ((arg = lsw_arg_peek(ctx))) {
		if (!strcmp(arg, "dev")) {
			if (lsw_arg_dev(ctx, &a->ifindex))
				return -1;
			continue;
		}
		f = whole ? entry_field_find(t, arg) : NULL;
		if (!f) {
			if (a->given & ENTRY_KEY)
				return lsw_arg_unknown(t->name, arg);
			if (entry_field_parse(&t->fields[0], lsw_arg_next(ctx),
					      &a->val[0]))
				return -1;
			a->given |= ENTRY_KEY;
			continue;
		}
		i = f - t->fields;
		if (a->given & 1U << i) {
			fprintf(stderr, "lsw: \"%s\" given twice\n", arg);
			return -1;
		}
		if (f->type == LSW_FIELD_FLAGS || f->type == LSW_FIELD_BIT) {
			lsw_arg_next(ctx);
		} else {
			val = lsw_arg_required(ctx);
			if (!val || entry_field_parse(f, val, &a->val[i]))
				return -1;
		}
		a->given |= 1U << i;
	}

	if (!(a->given & ENTRY_KEY) || !a->ifindex) {
		fprintf(stderr, "lsw: %s is required; try \"lsw %s help\"\n",
			a->given & ENTRY_KEY ? t->dev_required : t->key_required,
			t->name);
		return -1;
	}
	if (whole && t->check)
		return t->check(a->given);
	return 0;
}

/*
 * The attribute of field @f in the request, if it was @given; the flags
 * always: "learned", or else static.
 */
static void entry_field_put(struct nlmsghdr *nlh, const struct lsw_field *f,
			    const union entry_val *v, bool given)
{
	if (f->type == LSW_FIELD_FLAGS)
		mnl_attr_put_u32(nlh, f->attr, given ? LSW_ENTRY_F_LEARNED :
						       LSW_ENTRY_F_STATIC);
	else if (!given || f->type == LSW_FIELD_BIT)
		return;
	else if (f->type == LSW_FIELD_IP)
		lsw_nl_put_ip(nlh, f->attr, f->attr6, &v->ip);
	else if (f->type == LSW_FIELD_MAC)
		mnl_attr_put(nlh, f->attr, LSW_MAC_LEN, v->mac);
	else if (f->type == LSW_FIELD_DEV)
		mnl_attr_put_u32(nlh, f->attr, v->ifindex);
	else if (f->type == LSW_FIELD_U32)
		mnl_attr_put_u32(nlh, f->attr, v->u32);
}

/*
 * The request of @verb about one entry, from the words that describe
 * it: the whole entry for add and replace, its key for del and get.
 */
static struct nlmsghdr *entry_msg(struct lsw_ctx *ctx,
				  const struct lsw_verb *verb)
{
	const struct lsw_table *t = ctx->table;
	const struct lsw_request *req = &t->req[verb->op];
	bool whole = verb->op == LSW_OP_ADD || verb->op == LSW_OP_REPLACE;
	unsigned int i, n = whole ? t->n_fields : 1;
	uint16_t bits_attr = 0;
	uint32_t bits = 0;
	struct nlmsghdr *nlh;
	struct entry_args a;
	struct nlattr *nest;

	if (entry_args_parse(ctx, t, &a, whole))
		return NULL;
	nlh = lsw_batch_msg(ctx, req->cmd, req->flags, a.ifindex);
	if (!nlh)
		return NULL;
	nest = mnl_attr_nest_start(nlh, t->nest);
	for (i = 0; i < n; i++) {
		entry_field_put(nlh, &t->fields[i], &a.val[i],
				a.given & 1U << i);
		/* The bits of one attribute go in it together, all of
		 * them each time: the entry has those typed, no other.
		 */
		if (t->fields[i].type == LSW_FIELD_BIT) {
			bits_attr = t->fields[i].attr;
			if (a.given & 1U << i)
				bits |= t->fields[i].min;
		}
	}
	if (bits_attr)
		mnl_attr_put_u32(nlh, bits_attr, bits);
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

/* add, replace and del: sent at once, or coalesced in a batch. */
static int entry_write(struct lsw_ctx *ctx, const struct lsw_verb *verb)
{
	struct nlmsghdr *nlh = entry_msg(ctx, verb);

	if (!nlh)
		return -1;
	return lsw_batch_send(ctx, nlh);
}

static int entry_get(struct lsw_ctx *ctx, const struct lsw_verb *verb)
{
	struct entry_show show = { .t = ctx->table };
	struct nlmsghdr *nlh = entry_msg(ctx, verb);
	int ret;

	if (!nlh)
		return -1;
	lsw_print_start();
	ret = lsw_nl_request(ctx, NETLINK_GENERIC, nlh, entry_show_cb, &show);
	lsw_print_end();
	return ret;
}

/* LSW_A_FILTER; the zero value filters nothing. */
struct entry_filter {
	uint32_t flags;
	uint32_t port;
	struct lsw_ip vtep;
};

/*
 * One word of a show or flush filter, if the next argument is one of
 * those @mask (LSW_FILTER_*) allows.  Returns 1 if it took the word and
 * added it to @filter, 0 if the word is not a filter word, -1 after
 * saying what is wrong.
 */
static int entry_filter_arg(struct lsw_ctx *ctx, struct entry_filter *f,
			    unsigned int mask)
{
	const char *arg = lsw_arg_peek(ctx), *val;

	if ((mask & LSW_FILTER_FLAGS) &&
	    (!strcmp(arg, "static") || !strcmp(arg, "learned"))) {
		f->flags |= !strcmp(arg, "static") ? LSW_ENTRY_F_STATIC :
						     LSW_ENTRY_F_LEARNED;
		lsw_arg_next(ctx);
		return 1;
	}
	if ((mask & LSW_FILTER_PORT) && !strcmp(arg, "port")) {
		if (f->port) {
			fprintf(stderr, "lsw: \"port\" given twice\n");
			return -1;
		}
		val = lsw_arg_required(ctx);
		if (!val || lsw_parse_dev(val, &f->port))
			return -1;
		return 1;
	}
	if ((mask & LSW_FILTER_VTEP) && !strcmp(arg, "vtep")) {
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

/* [ dev NAME ] [ FILTER ], and for show (@family) [ -4 | -6 ]. */
static int entry_filter_parse(struct lsw_ctx *ctx, uint32_t *ifindex,
			      struct entry_filter *f, int *family)
{
	const struct lsw_table *t = ctx->table;
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
		if (family && (t->filter & LSW_FILTER_FAMILY) &&
		    (!strcmp(arg, "-4") || !strcmp(arg, "-6"))) {
			*family = arg[1] == '4' ? AF_INET : AF_INET6;
			lsw_arg_next(ctx);
			continue;
		}
		ret = entry_filter_arg(ctx, f, t->filter);
		if (ret < 0)
			return -1;
		if (!ret)
			return lsw_arg_unknown(t->name, arg);
	}
	return 0;
}

/*
 * The request of show (a dump, of every device unless "dev" names one)
 * or flush, and its exchange; @show, if not NULL, prints the replies.
 */
static int entry_filter_request(struct lsw_ctx *ctx,
				const struct lsw_verb *verb,
				struct entry_show *show)
{
	const struct lsw_request *req = &ctx->table->req[verb->op];
	struct entry_filter f;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	uint32_t ifindex;
	int family, ret;

	if (entry_filter_parse(ctx, &ifindex, &f, show ? &show->family : NULL))
		return -1;
	family = lsw_nl_family(ctx);
	if (family < 0)
		return -1;
	nlh = lsw_nl_genl_msg(ctx, family, req->cmd, LSW_GENL_VERSION,
			      req->flags);
	if (ifindex)
		mnl_attr_put_u32(nlh, LSW_A_IFINDEX, ifindex);
	if (f.flags || f.port || f.vtep.family) {
		nest = mnl_attr_nest_start(nlh, LSW_A_FILTER);
		if (f.flags)
			mnl_attr_put_u32(nlh, LSW_FILTER_A_FLAGS, f.flags);
		if (f.port)
			mnl_attr_put_u32(nlh, LSW_FILTER_A_PORT, f.port);
		if (f.vtep.family)
			lsw_nl_put_ip(nlh, LSW_FILTER_A_VTEP_IP,
				      LSW_FILTER_A_VTEP_IP6, &f.vtep);
		mnl_attr_nest_end(nlh, nest);
	}
	if (!show)
		return lsw_nl_request(ctx, NETLINK_GENERIC, nlh, NULL, NULL);

	lsw_print_start();
	ret = lsw_nl_request(ctx, NETLINK_GENERIC, nlh, entry_show_cb, show);
	lsw_print_end();
	return ret;
}

static int entry_show(struct lsw_ctx *ctx, const struct lsw_verb *verb)
{
	struct entry_show show = { .t = ctx->table };

	return entry_filter_request(ctx, verb, &show);
}

static int entry_flush(struct lsw_ctx *ctx, const struct lsw_verb *verb)
{
	return entry_filter_request(ctx, verb, NULL);
}

/*
 * The commands of every table; its descriptor names their requests.
 * The order is the search's: those of batch files first.
 */
static const struct lsw_verb entry_verbs[] = {
	{ .name = "add", .run = entry_write, .op = LSW_OP_ADD },
	{ .name = "replace", .run = entry_write, .op = LSW_OP_REPLACE },
	{ .name = "delete", .run = entry_write, .op = LSW_OP_DEL },
	{ .name = "show", .run = entry_show, .op = LSW_OP_SHOW },
	{ .name = "list", .run = entry_show, .op = LSW_OP_SHOW },
	{ .name = "get", .run = entry_get, .op = LSW_OP_GET },
	{ .name = "flush", .run = entry_flush, .op = LSW_OP_FLUSH },
	{ .name = "help" },
	{}
};

/* lsw vtep, lsw mac, lsw arp: @verb is the object's, naming its table. */
int lsw_entry_main(struct lsw_ctx *ctx, const struct lsw_verb *verb)
{
	ctx->table = verb->table;
	return lsw_dispatch(ctx, verb->table->name, entry_verbs, "show",
			    verb->usage);
}
