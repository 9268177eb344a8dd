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
		"Usage: lsw vtep { add | replace | del } IP dev NAME\n"
		"       lsw vtep get IP dev NAME\n"
		"       lsw vtep show [ dev NAME ]\n"
		"       lsw vtep flush [ dev NAME ]\n"
		"       lsw vtep help\n"
		"where  IP := an IPv4 or IPv6 address, of the underlay's family\n");
}

/* An entry is its address, and nothing else. */
static const struct lsw_field vtep_fields[] = {
	{ .word = "vtep address", .type = LSW_FIELD_IP,
	  .attr = LSW_VTEP_A_IP, .attr6 = LSW_VTEP_A_IP6,
	  .key = "vtep", .col = "%s", .event = " vtep %s" },
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
	.header = LSW_HDR_DEV "VTEP IP",
	.key_required = "a VTEP address",
	.dev_required = "\"dev NAME\"",
};
