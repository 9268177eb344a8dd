// SPDX-License-Identifier: GPL-2.0
/*
 * lsw arp: the ARP/ND table of a switch, from which it answers ARP
 * requests and neighbour solicitations itself (ARP suppression).
 */
#include <sys/socket.h>

#include "lsw.h"

#define ARP_HEADER	LSW_HDR_DEV "IP                        " \
			"MAC               FLAGS     AGE"

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

enum { ARP_IP, ARP_MAC, ARP_FLAGS, ARP_AGE };

static const struct lsw_field arp_fields[] = {
	/* Wider than other addresses: IPv6 is as common here as IPv4. */
	[ARP_IP] = { .word = "ip", .type = LSW_FIELD_IP,
		     .attr = LSW_ARP_A_IP, .attr6 = LSW_ARP_A_IP6,
		     .key = "ip", .col = "%-25s ", .event = " ip %s" },
	[ARP_MAC] = { .word = "mac", .type = LSW_FIELD_MAC,
		      .attr = LSW_ARP_A_MAC,
		      .key = "mac", .col = LSW_COL_MAC, .event = " mac %s" },
	[ARP_FLAGS] = { .word = "learned", .type = LSW_FIELD_FLAGS,
			.attr = LSW_ARP_A_FLAGS },
	[ARP_AGE] = { .type = LSW_FIELD_AGE, .attr = LSW_ARP_A_AGE },
};

static int arp_check(unsigned int given)
{
	if (!(given & 1U << ARP_MAC)) {
		fprintf(stderr,
			"lsw: \"mac MAC\" is required; try \"lsw arp help\"\n");
		return -1;
	}
	return 0;
}

const struct lsw_table lsw_arp_table = {
	.name = "arp",
	.nest = LSW_A_ARP,
	.ntf = LSW_CMD_ARP_NTF,
	.req = {
		[LSW_OP_ADD] = { LSW_CMD_ARP_NEW },
		[LSW_OP_REPLACE] = { LSW_CMD_ARP_SET },
		[LSW_OP_DEL] = { LSW_CMD_ARP_DEL },
		[LSW_OP_GET] = { LSW_CMD_ARP_GET },
		[LSW_OP_SHOW] = { LSW_CMD_ARP_GET, NLM_F_DUMP },
		[LSW_OP_FLUSH] = { LSW_CMD_ARP_FLUSH },
	},
	.fields = arp_fields,
	.n_fields = LSW_ARRAY_SIZE(arp_fields),
	.header = ARP_HEADER,
	.key_required = "\"IP dev NAME\"",
	.dev_required = "\"IP dev NAME\"",
	.filter = LSW_FILTER_FLAGS | LSW_FILTER_FAMILY,
	.check = arp_check,
};
