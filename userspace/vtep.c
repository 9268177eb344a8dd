// SPDX-License-Identifier: GPL-2.0
/*
 * lsw vtep: the VTEP table of a switch, the remote tunnel endpoints that
 * get a copy of its broadcast, unknown unicast and multicast frames.
 */
#include <sys/socket.h>

#include "lsw.h"

void lsw_vtep_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: lsw vtep { add | replace } IP dev NAME [ segment SEGMENT ]\n"
		"                [ lsw ] [ proxy ]\n"
		"       lsw vtep del IP dev NAME\n"
		"       lsw vtep get IP dev NAME\n"
		"       lsw vtep show [ dev NAME ]\n"
		"       lsw vtep flush [ dev NAME ]\n"
		"       lsw vtep help\n"
		"where  IP := an IPv4 or IPv6 address, of the underlay's family\n"
		"       SEGMENT := the VTEP's underlay segment, a number (0)\n"
		"       lsw: the VTEP is lsw's, and may be its segment's proxy\n"
		"       proxy: its segment's preferred proxy (NSX's MTEP); needs lsw\n");
}

/*
 * An entry is its address, its segment and what it may do in two-tier
 * replication: the columns of NSX's "vxlan network vtep list".
 */
static const struct lsw_field vtep_fields[] = {
	/* As wide as the ARP/ND table's: IPv6 underlays are common. */
	{ .word = "vtep address", .type = LSW_FIELD_IP,
	  .attr = LSW_VTEP_A_IP, .attr6 = LSW_VTEP_A_IP6,
	  .key = "vtep", .col = "%-25s ", .event = " vtep %s" },
	{ .word = "segment", .type = LSW_FIELD_U32,
	  .attr = LSW_VTEP_A_SEGMENT, .key = "segment", .col = "%-10s ",
	  .event = " segment %s", .min = 0, .max = UINT32_MAX },
	{ .word = "lsw", .type = LSW_FIELD_BIT, .attr = LSW_VTEP_A_FLAGS,
	  .key = "lsw", .col = "%-4s ", .event = " lsw",
	  .min = LSW_VTEP_F_LSW },
	{ .word = "proxy", .type = LSW_FIELD_BIT, .attr = LSW_VTEP_A_FLAGS,
	  .key = "proxy", .col = "%-5s ", .event = " proxy",
	  .min = LSW_VTEP_F_PROXY },
	/* The switch's pick (NSX's "Is MTEP"): shown, never typed. */
	{ .type = LSW_FIELD_BIT, .attr = LSW_VTEP_A_FLAGS,
	  .key = "acting", .col = "%s", .event = " acting",
	  .min = LSW_VTEP_F_ACTING },
};

const struct lsw_table lsw_vtep_table = {
	.name = "vtep",
	.nest = LSW_A_VTEP,
	.ntf = LSW_CMD_VTEP_NTF,
	.req = {
		[LSW_OP_ADD] = { LSW_CMD_VTEP_NEW },
		[LSW_OP_REPLACE] = { LSW_CMD_VTEP_SET },
		[LSW_OP_DEL] = { LSW_CMD_VTEP_DEL },
		[LSW_OP_GET] = { LSW_CMD_VTEP_GET },
		[LSW_OP_SHOW] = { LSW_CMD_VTEP_GET, NLM_F_DUMP },
		[LSW_OP_FLUSH] = { LSW_CMD_VTEP_FLUSH },
	},
	.fields = vtep_fields,
	.n_fields = LSW_ARRAY_SIZE(vtep_fields),
	.header = LSW_HDR_DEV "VTEP IP                   SEGMENT    LSW  PROXY ACTING",
	.key_required = "a VTEP address",
	.dev_required = "\"dev NAME\"",
};
