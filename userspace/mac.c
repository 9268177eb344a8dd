// SPDX-License-Identifier: GPL-2.0
/*
 * lsw mac: the MAC table of a switch, which says behind which local port
 * or remote VTEP each MAC address is.
 */
#include <sys/socket.h>

#include "lsw.h"

#define MAC_HEADER	LSW_HDR_DEV "MAC               VTEP IP         " \
			"VTEP MAC          KEY   PORT            FLAGS     AGE"

void lsw_mac_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: lsw mac { add | replace } MAC dev NAME TARGET [ learned ]\n"
		"       lsw mac del MAC dev NAME\n"
		"       lsw mac get MAC dev NAME\n"
		"       lsw mac show [ dev NAME ] [ FILTER ]\n"
		"       lsw mac flush [ dev NAME ] [ FILTER ]\n"
		"       lsw mac help\n"
		"where  TARGET := { vtep IP [ vtep-mac MAC ] [ key KEY ] | port PORTDEV }\n"
		"       FILTER := [ static | learned ] [ port PORTDEV ] [ vtep IP ]\n"
		"       KEY := 1..32767, the remote OVN logical port's\n");
}

enum {
	MAC_ADDR, MAC_VTEP, MAC_VTEP_MAC, MAC_KEY, MAC_PORT, MAC_FLAGS,
	MAC_AGE
};

static const struct lsw_field mac_fields[] = {
	[MAC_ADDR] = { .word = "mac", .type = LSW_FIELD_MAC,
		       .attr = LSW_MAC_A_ADDR,
		       .key = "mac", .col = LSW_COL_MAC, .event = " mac %s" },
	[MAC_VTEP] = { .word = "vtep", .type = LSW_FIELD_IP,
		       .attr = LSW_MAC_A_VTEP_IP, .attr6 = LSW_MAC_A_VTEP_IP6,
		       .key = "vtep", .col = LSW_COL_IP, .event = " vtep %s" },
	[MAC_VTEP_MAC] = { .word = "vtep-mac", .type = LSW_FIELD_MAC,
			   .attr = LSW_MAC_A_VTEP_MAC,
			   .key = "vtep_mac", .col = LSW_COL_MAC,
			   .event = " vtep-mac %s" },
	[MAC_KEY] = { .word = "key", .type = LSW_FIELD_U32,
		      .attr = LSW_MAC_A_KEY, .key = "key", .col = "%-5s ",
		      .event = " key %s", .min = 1, .max = LSW_OVN_KEY_MAX },
	[MAC_PORT] = { .word = "port", .type = LSW_FIELD_DEV,
		       .attr = LSW_MAC_A_PORT,
		       .key = "port", .col = LSW_COL_DEV, .event = " port %s" },
	[MAC_FLAGS] = { .word = "learned", .type = LSW_FIELD_FLAGS,
			.attr = LSW_MAC_A_FLAGS },
	[MAC_AGE] = { .type = LSW_FIELD_AGE, .attr = LSW_MAC_A_AGE },
};

/* An entry is remote (vtep, and maybe vtep-mac) or local (port). */
static int mac_check(unsigned int given)
{
	bool vtep = given & 1U << MAC_VTEP, port = given & 1U << MAC_PORT;

	if (!vtep && !port) {
		fprintf(stderr,
			"lsw: \"vtep IP\" or \"port PORTDEV\" is required; try \"lsw mac help\"\n");
		return -1;
	}
	if (vtep && port) {
		fprintf(stderr,
			"lsw: \"vtep\" and \"port\" exclude each other: an entry is remote or local\n");
		return -1;
	}
	if ((given & 1U << MAC_VTEP_MAC) && !vtep) {
		fprintf(stderr,
			"lsw: \"vtep-mac\" goes with \"vtep\", not with \"port\"\n");
		return -1;
	}
	/* A local port's key is the port's own: lsw port set. */
	if ((given & 1U << MAC_KEY) && !vtep) {
		fprintf(stderr,
			"lsw: \"key\" goes with \"vtep\": a local port has its own (lsw port set)\n");
		return -1;
	}
	return 0;
}

const struct lsw_table lsw_mac_table = {
	.name = "mac",
	.nest = LSW_A_MAC,
	.ntf = LSW_CMD_MAC_NTF,
	.req = {
		[LSW_OP_ADD] = { LSW_CMD_MAC_NEW },
		[LSW_OP_REPLACE] = { LSW_CMD_MAC_SET },
		[LSW_OP_DEL] = { LSW_CMD_MAC_DEL },
		[LSW_OP_GET] = { LSW_CMD_MAC_GET },
		[LSW_OP_SHOW] = { LSW_CMD_MAC_GET, NLM_F_DUMP },
		[LSW_OP_FLUSH] = { LSW_CMD_MAC_FLUSH },
	},
	.fields = mac_fields,
	.n_fields = LSW_ARRAY_SIZE(mac_fields),
	.header = MAC_HEADER,
	.key_required = "\"MAC dev NAME\"",
	.dev_required = "\"MAC dev NAME\"",
	.filter = LSW_FILTER_FLAGS | LSW_FILTER_PORT | LSW_FILTER_VTEP,
	.check = mac_check,
};
