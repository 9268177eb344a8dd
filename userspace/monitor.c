// SPDX-License-Identifier: GPL-2.0
/*
 * lsw monitor: the changes to the tables and to the ports as they
 * happen, from the "lsw" family's "notify" multicast group, one line
 * each; and, when asked for, the misses, from its "miss" group.
 *
 * Misses are never shown unasked, "all" included: the group needs
 * CAP_NET_ADMIN, and a listener there makes the switches hold requests
 * for a controller's answer (lsw link ... arp-hold).
 *
 * Scripts and tests read the output as it comes: nothing but events goes
 * to stdout, each line is sent at once, and with -j each line is one
 * JSON object on its own (newline-delimited JSON), not an array that
 * would only be complete at the end.
 */
#include <assert.h>
#include <string.h>

#include <linux/genetlink.h>

#include "lsw.h"

void lsw_monitor_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: lsw monitor [ all | vtep | mac | arp | port | miss ]...\n"
		"       lsw monitor help\n"
		"One line per change: [OBJECT EVENT] dev NAME vni VNI ENTRY, or\n"
		"[port EVENT] PORT as lsw port show prints it, where\n"
		"EVENT := { added | deleted | learned | aged | moved }\n"
		"and per miss: [miss] dev NAME vni VNI { ip IP | mac MAC } port PORTDEV.\n"
		"all is vtep, mac, arp and port; misses are shown only when asked for.\n");
}

static const char *const monitor_events[] = {
	[LSW_EVENT_ADDED] = "added",
	[LSW_EVENT_DELETED] = "deleted",
	[LSW_EVENT_LEARNED] = "learned",
	[LSW_EVENT_AGED] = "aged",
	[LSW_EVENT_MOVED] = "moved",
};

/* A miss is shown as an entry of a table of its own. */
enum { MISS_IP, MISS_MAC, MISS_PORT, MISS_REFUSED };

static const struct lsw_field miss_fields[] = {
	[MISS_IP] = { .word = "ip", .type = LSW_FIELD_IP,
		      .attr = LSW_MISS_A_IP, .attr6 = LSW_MISS_A_IP6,
		      .key = "ip", .event = " ip %s" },
	[MISS_MAC] = { .word = "mac", .type = LSW_FIELD_MAC,
		       .attr = LSW_MISS_A_MAC, .key = "mac", .event = " mac %s" },
	[MISS_PORT] = { .word = "port", .type = LSW_FIELD_DEV,
			.attr = LSW_MISS_A_PORT,
			.key = "port", .event = " port %s" },
	/* A refusal by port security: the LSW_STATS_A_DROP_* it counts. */
	[MISS_REFUSED] = { .word = "refused", .type = LSW_FIELD_REASON,
			   .attr = LSW_MISS_A_REFUSED,
			   .key = "refused", .event = " refused %s" },
};

static_assert(LSW_MISS_A_MAX <= LSW_ENTRY_A_MAX, "LSW_ENTRY_A_MAX");

static const struct lsw_table monitor_miss = {
	.name = "miss",
	.nest = LSW_A_MISS,
	.ntf = LSW_CMD_MISS_NTF,
	.fields = miss_fields,
	.n_fields = LSW_ARRAY_SIZE(miss_fields),
};

/*
 * What lsw monitor shows: the tables' notifications and the ports' (@table
 * NULL), which lsw port prints, on "notify"; the misses on "miss".
 */
static const struct monitor_object {
	const char *name;
	uint8_t ntf;
	const struct lsw_table *table;
} monitor_objects[] = {
	{ "vtep", LSW_CMD_VTEP_NTF, &lsw_vtep_table },
	{ "mac", LSW_CMD_MAC_NTF, &lsw_mac_table },
	{ "arp", LSW_CMD_ARP_NTF, &lsw_arp_table },
	{ "port", LSW_CMD_PORT_NTF, NULL },
	{ "miss", LSW_CMD_MISS_NTF, &monitor_miss },
};

/* "all": every object on "notify", not the misses. */
#define MONITOR_ALL	0xfU
#define MONITOR_MISS	0x10U

struct monitor {
	int family;
	unsigned int objects;	/* bit i: monitor_objects[i] wanted */
};

/* "[OBJECT EVENT]"; a miss is no change: "[miss]", and no "event" key. */
static void monitor_print_head(const char *object, const char *event,
			       bool has_event)
{
	lsw_print_string("object", "[%s", object);
	if (has_event)
		lsw_print_opt_string("event", " %s", event, NULL);
	lsw_print_text("]");
}

static int monitor_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[LSW_A_MAX + 1], *attr;
	const struct monitor_object *obj;
	const struct genlmsghdr *genl;
	struct monitor *mon = data;
	const struct lsw_table *t;
	struct lsw_entry_dev d;
	const char *event = NULL;
	char buf[16];
	unsigned int i;
	uint8_t ev;

	if (nlh->nlmsg_type != mon->family ||
	    mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN)
		return MNL_CB_OK;
	genl = mnl_nlmsg_get_payload(nlh);
	for (i = 0; i < LSW_ARRAY_SIZE(monitor_objects); i++)
		if (monitor_objects[i].ntf == genl->cmd)
			break;
	if (i == LSW_ARRAY_SIZE(monitor_objects) || !(mon->objects & 1U << i))
		return MNL_CB_OK;
	obj = &monitor_objects[i];
	t = obj->table;

	lsw_entry_parse(nlh, tb);
	lsw_entry_dev_get(tb, &d);
	if (tb[LSW_A_EVENT]) {
		ev = mnl_attr_get_u8(tb[LSW_A_EVENT]);
		if (ev < LSW_ARRAY_SIZE(monitor_events))
			event = monitor_events[ev];
		if (!event) {
			/* From a newer kernel: shown, but by number. */
			snprintf(buf, sizeof(buf), "%u", ev);
			event = buf;
		}
	}

	if (!t) {
		lsw_print_open_object(NULL);
		monitor_print_head(obj->name, event, true);
		lsw_print_text(" ");
		lsw_port_print(nlh);
		lsw_print_close_object();
		lsw_print_record_end();
		return MNL_CB_OK;
	}

	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(attr) != t->nest ||
		    mnl_attr_validate(attr, MNL_TYPE_NESTED) < 0)
			continue;
		lsw_print_open_object(NULL);
		monitor_print_head(obj->name, event, t != &monitor_miss);
		lsw_entry_print_dev(&d, false);
		lsw_entry_print(t, attr, false);
		lsw_print_close_object();
		lsw_print_record_end();
	}
	return MNL_CB_OK;
}

static int monitor_run(struct lsw_ctx *ctx)
{
	struct lsw_nl_group groups[2];
	struct monitor mon = {};
	unsigned int i, n = 0;
	const char *arg;

	while ((arg = lsw_arg_next(ctx))) {
		if (!strcmp(arg, "all")) {
			mon.objects |= MONITOR_ALL;
			continue;
		}
		for (i = 0; i < LSW_ARRAY_SIZE(monitor_objects); i++)
			if (!strcmp(arg, monitor_objects[i].name))
				break;
		if (i == LSW_ARRAY_SIZE(monitor_objects))
			return lsw_arg_unknown("monitor", arg);
		mon.objects |= 1U << i;
	}
	if (!mon.objects)
		mon.objects = MONITOR_ALL;

	/* In a batch, what came before happens before we listen. */
	if (lsw_batch_flush(ctx))
		return -1;
	if (mon.objects & MONITOR_ALL)
		groups[n++].name = LSW_MCGRP_NOTIFY;
	if (mon.objects & MONITOR_MISS)
		groups[n++].name = LSW_MCGRP_MISS;
	for (i = 0; i < n; i++) {
		mon.family = lsw_nl_genl_group(ctx, LSW_GENL_NAME,
					       groups[i].name, &groups[i].id);
		if (mon.family < 0)
			return -1;
	}
	return lsw_nl_listen(ctx, groups, n, monitor_cb, &mon);
}

/* "lsw monitor" alone listens; "lsw monitor help" is the usage. */
int lsw_monitor_main(struct lsw_ctx *ctx, const struct lsw_verb *verb)
{
	if (lsw_arg_is(ctx, "help")) {
		lsw_monitor_usage(stdout);
		return 0;
	}
	return monitor_run(ctx);
}
