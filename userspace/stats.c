// SPDX-License-Identifier: GPL-2.0
/*
 * lsw stats: the per-VNI counters of each switch, for lsw stats show and
 * for lsw -s link show.
 */
#include <inttypes.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>

#include "lsw.h"

/* The names of the counters: their LSW_STATS_A_* names, in lower case. */
static const char *const stats_names[LSW_STATS_NR] = {
	[LSW_STATS_A_RX_PACKETS] = "rx_packets",
	[LSW_STATS_A_RX_BYTES] = "rx_bytes",
	[LSW_STATS_A_TX_PACKETS] = "tx_packets",
	[LSW_STATS_A_TX_BYTES] = "tx_bytes",
	[LSW_STATS_A_LOCAL_PACKETS] = "local_packets",
	[LSW_STATS_A_BUM_COPIES] = "bum_copies",
	[LSW_STATS_A_ARP_SUPPRESSED] = "arp_suppressed",
	[LSW_STATS_A_ARP_MISSED] = "arp_missed",
	[LSW_STATS_A_MAC_LEARNED] = "mac_learned",
	[LSW_STATS_A_MAC_AGED] = "mac_aged",
	[LSW_STATS_A_MAC_MOVED] = "mac_moved",
	[LSW_STATS_A_ARP_LEARNED] = "arp_learned",
	[LSW_STATS_A_ARP_AGED] = "arp_aged",
	[LSW_STATS_A_ARP_MOVED] = "arp_moved",
	[LSW_STATS_A_MAC_LIMIT_HIT] = "mac_limit_hit",
	[LSW_STATS_A_ARP_LIMIT_HIT] = "arp_limit_hit",
	[LSW_STATS_A_DROP_MALFORMED] = "drop_malformed",
	[LSW_STATS_A_DROP_RUNT] = "drop_runt",
	[LSW_STATS_A_DROP_STRICT_VTEP] = "drop_strict_vtep",
	[LSW_STATS_A_DROP_NO_ROUTE] = "drop_no_route",
	[LSW_STATS_A_DROP_MTU] = "drop_mtu",
	[LSW_STATS_A_DROP_TX_ERROR] = "drop_tx_error",
	[LSW_STATS_A_DROP_NOMEM] = "drop_nomem",
	[LSW_STATS_A_DROP_DOWN] = "drop_down",
	[LSW_STATS_A_DROP_LOOP] = "drop_loop",
	[LSW_STATS_A_DROP_NO_DEST] = "drop_no_dest",
	[LSW_STATS_A_DROP_SRC_MAC] = "drop_src_mac",
	[LSW_STATS_A_DROP_CSUM] = "drop_csum",
	[LSW_STATS_A_DROP_OAM] = "drop_oam",
	[LSW_STATS_A_DROP_CRIT_OPT] = "drop_crit_opt",
	[LSW_STATS_A_DROP_NO_KEY] = "drop_no_key",
	[LSW_STATS_A_DROP_OVN_OPT] = "drop_ovn_opt",
	[LSW_STATS_A_DROP_UNKNOWN_KEY] = "drop_unknown_key",
	[LSW_STATS_A_MISS_NOTIFIED] = "miss_notified",
	[LSW_STATS_A_MISS_SUPPRESSED] = "miss_suppressed",
	[LSW_STATS_A_ARP_HELD] = "arp_held",
	[LSW_STATS_A_ARP_HOLD_FULL] = "arp_hold_full",
	[LSW_STATS_A_DROP_SPOOF_MAC] = "drop_spoof_mac",
	[LSW_STATS_A_DROP_SPOOF_IP] = "drop_spoof_ip",
	[LSW_STATS_A_DROP_SPOOF_ARP] = "drop_spoof_arp",
	[LSW_STATS_A_DROP_DHCP_SERVER] = "drop_dhcp_server",
	[LSW_STATS_A_DROP_NOT_OWNER] = "drop_not_owner",
	[LSW_STATS_A_REPL_MARKED] = "repl_marked",
	[LSW_STATS_A_REPL_PROXIED] = "repl_proxied",
	[LSW_STATS_A_REPL_GROUP_RX] = "repl_group_rx",
};

/* The name of counter @type, NULL if this tool does not know it. */
const char *lsw_stats_name(uint32_t type)
{
	return type < LSW_STATS_NR ? stats_names[type] : NULL;
}

void lsw_stats_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: lsw stats show [ dev NAME ]\n"
		"       lsw stats help\n");
}

/* What the replies are gathered into. */
struct stats_req {
	struct lsw_stats *s;
	size_t n;
	size_t cap;
};

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[LSW_A_MAX + 1], *attr;
	struct stats_req *req = data;
	struct lsw_entry_dev d;
	struct lsw_stats *s;
	unsigned int type;

	lsw_entry_parse(nlh, tb);
	if (!tb[LSW_A_STATS] ||
	    mnl_attr_validate(tb[LSW_A_STATS], MNL_TYPE_NESTED) < 0)
		return MNL_CB_OK;

	if (req->n == req->cap) {
		size_t cap = req->cap ? 2 * req->cap : 16;

		s = realloc(req->s, cap * sizeof(*s));
		if (!s) {
			fprintf(stderr, "lsw: out of memory\n");
			return MNL_CB_ERROR;
		}
		req->s = s;
		req->cap = cap;
	}
	s = &req->s[req->n++];
	memset(s, 0, sizeof(*s));
	lsw_entry_dev_get(tb, &d);
	s->ifindex = d.ifindex;
	s->vni = d.vni;
	snprintf(s->ifname, sizeof(s->ifname), "%s", d.ifname ? d.ifname : "");

	mnl_attr_for_each_nested(attr, tb[LSW_A_STATS]) {
		type = mnl_attr_get_type(attr);
		/* Newer kernels count more: those are left out. */
		if (type >= LSW_STATS_NR || !stats_names[type] ||
		    mnl_attr_validate(attr, MNL_TYPE_U64) < 0)
			continue;
		s->val[type] = mnl_attr_get_u64(attr);
		s->has[type] = true;
	}
	return MNL_CB_OK;
}

/*
 * The counters of lsw device @ifindex, or of every lsw device if 0, in
 * a new array of *@n in *@out, to be freed.  0, or -1 after saying why.
 */
int lsw_stats_fetch(struct lsw_ctx *ctx, uint32_t ifindex,
		    struct lsw_stats **out, size_t *n)
{
	struct stats_req req = {};
	struct nlmsghdr *nlh;
	int family;

	family = lsw_nl_family(ctx);
	if (family < 0)
		return -1;
	nlh = lsw_nl_genl_msg(ctx, family, LSW_CMD_STATS_GET, LSW_GENL_VERSION,
			      ifindex ? 0 : NLM_F_DUMP);
	if (ifindex)
		mnl_attr_put_u32(nlh, LSW_A_IFINDEX, ifindex);
	if (lsw_nl_request(ctx, NETLINK_GENERIC, nlh, stats_cb, &req)) {
		free(req.s);
		return -1;
	}
	*out = req.s;
	*n = req.n;
	return 0;
}

/*
 * The counters of @s: a "stats" object in JSON, one "name value" line
 * each after @indent in the text.
 */
void lsw_stats_print(const struct lsw_stats *s, const char *indent)
{
	unsigned int i;

	lsw_print_open_object("stats");
	for (i = 0; i < LSW_STATS_NR; i++) {
		if (!s->has[i])
			continue;
		lsw_print_text("%s%s ", indent, stats_names[i]);
		lsw_print_u64(stats_names[i], "%" PRIu64 "\n", s->val[i]);
	}
	lsw_print_close_object();
}

static int stats_show(struct lsw_ctx *ctx, const struct lsw_verb *verb)
{
	uint32_t ifindex = 0;
	struct lsw_stats *s;
	const char *arg;
	size_t n, i;

	while ((arg = lsw_arg_peek(ctx))) {
		/* "dev" once: the second is an unknown argument. */
		if (strcmp(arg, "dev") || ifindex)
			return lsw_arg_unknown("stats", arg);
		if (lsw_arg_dev(ctx, &ifindex))
			return -1;
	}

	if (lsw_stats_fetch(ctx, ifindex, &s, &n))
		return -1;
	lsw_print_start();
	for (i = 0; i < n; i++) {
		lsw_print_open_object(NULL);
		lsw_print_string("ifname", "%s", s[i].ifname);
		lsw_print_uint("vni", " vni %u\n", s[i].vni);
		lsw_stats_print(&s[i], "  ");
		lsw_print_close_object();
	}
	lsw_print_end();
	free(s);
	return 0;
}

static const struct lsw_verb stats_cmds[] = {
	{ .name = "show", .run = stats_show },
	{ .name = "list", .run = stats_show },
	{ .name = "help" },
	{}
};

int lsw_stats_main(struct lsw_ctx *ctx, const struct lsw_verb *verb)
{
	return lsw_dispatch(ctx, "stats", stats_cmds, "show", lsw_stats_usage);
}
