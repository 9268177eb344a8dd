// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/lsw.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "netlink-gen.h"

#include <uapi/linux/lsw.h>

/* Common nested types */
const struct nla_policy lsw_arp_nl_policy[LSW_ARP_A_AGE + 1] = {
	[LSW_ARP_A_IP] = { .type = NLA_U32, },
	[LSW_ARP_A_IP6] = NLA_POLICY_EXACT_LEN(16),
	[LSW_ARP_A_MAC] = NLA_POLICY_EXACT_LEN(6),
	[LSW_ARP_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, 0x7),
	[LSW_ARP_A_AGE] = { .type = NLA_U32, },
};

const struct nla_policy lsw_arp_filter_nl_policy[LSW_FILTER_A_FLAGS + 1] = {
	[LSW_FILTER_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, 0x7),
};

const struct nla_policy lsw_arp_input_nl_policy[LSW_ARP_A_FLAGS + 1] = {
	[LSW_ARP_A_IP] = { .type = NLA_U32, },
	[LSW_ARP_A_IP6] = NLA_POLICY_EXACT_LEN(16),
	[LSW_ARP_A_MAC] = NLA_POLICY_EXACT_LEN(6),
	[LSW_ARP_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, 0x7),
};

const struct nla_policy lsw_arp_key_nl_policy[LSW_ARP_A_IP6 + 1] = {
	[LSW_ARP_A_IP] = { .type = NLA_U32, },
	[LSW_ARP_A_IP6] = NLA_POLICY_EXACT_LEN(16),
};

const struct nla_policy lsw_filter_nl_policy[LSW_FILTER_A_VTEP_IP6 + 1] = {
	[LSW_FILTER_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, 0x7),
	[LSW_FILTER_A_PORT] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_FILTER_A_VTEP_IP] = { .type = NLA_U32, },
	[LSW_FILTER_A_VTEP_IP6] = NLA_POLICY_EXACT_LEN(16),
};

const struct nla_policy lsw_mac_nl_policy[LSW_MAC_A_KEY + 1] = {
	[LSW_MAC_A_ADDR] = NLA_POLICY_EXACT_LEN(6),
	[LSW_MAC_A_VTEP_IP] = { .type = NLA_U32, },
	[LSW_MAC_A_VTEP_IP6] = NLA_POLICY_EXACT_LEN(16),
	[LSW_MAC_A_VTEP_MAC] = NLA_POLICY_EXACT_LEN(6),
	[LSW_MAC_A_PORT] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_MAC_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, 0x7),
	[LSW_MAC_A_AGE] = { .type = NLA_U32, },
	[LSW_MAC_A_KEY] = NLA_POLICY_RANGE(NLA_U32, 1, LSW_OVN_KEY_MAX),
};

const struct nla_policy lsw_mac_input_nl_policy[LSW_MAC_A_KEY + 1] = {
	[LSW_MAC_A_ADDR] = NLA_POLICY_EXACT_LEN(6),
	[LSW_MAC_A_VTEP_IP] = { .type = NLA_U32, },
	[LSW_MAC_A_VTEP_IP6] = NLA_POLICY_EXACT_LEN(16),
	[LSW_MAC_A_VTEP_MAC] = NLA_POLICY_EXACT_LEN(6),
	[LSW_MAC_A_PORT] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_MAC_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, 0x7),
	[LSW_MAC_A_KEY] = NLA_POLICY_RANGE(NLA_U32, 1, LSW_OVN_KEY_MAX),
};

const struct nla_policy lsw_mac_key_nl_policy[LSW_MAC_A_ADDR + 1] = {
	[LSW_MAC_A_ADDR] = NLA_POLICY_EXACT_LEN(6),
};

const struct nla_policy lsw_port_nl_policy[LSW_PORT_A_SECURITY + 1] = {
	[LSW_PORT_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_PORT_A_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[LSW_PORT_A_KEY] = NLA_POLICY_MAX(NLA_U32, LSW_OVN_KEY_MAX),
	[LSW_PORT_A_NAME] = { .type = NLA_NUL_STRING, .len = LSW_PORT_NAME_MAX, },
	[LSW_PORT_A_SECURITY] = NLA_POLICY_NESTED(lsw_psec_nl_policy),
};

const struct nla_policy lsw_port_input_nl_policy[LSW_PORT_A_SECURITY + 1] = {
	[LSW_PORT_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_PORT_A_KEY] = NLA_POLICY_MAX(NLA_U32, LSW_OVN_KEY_MAX),
	[LSW_PORT_A_NAME] = { .type = NLA_NUL_STRING, .len = LSW_PORT_NAME_MAX, },
	[LSW_PORT_A_SECURITY] = NLA_POLICY_NESTED(lsw_psec_nl_policy),
};

const struct nla_policy lsw_psec_nl_policy[LSW_PSEC_A_FLAGS + 1] = {
	[LSW_PSEC_A_ADDR] = NLA_POLICY_NESTED(lsw_psec_addr_nl_policy),
	[LSW_PSEC_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, 0x3),
};

const struct nla_policy lsw_psec_addr_nl_policy[LSW_PSEC_ADDR_A_IP6_PLEN + 1] = {
	[LSW_PSEC_ADDR_A_MAC] = NLA_POLICY_EXACT_LEN(6),
	[LSW_PSEC_ADDR_A_IP] = { .type = NLA_U32, },
	[LSW_PSEC_ADDR_A_IP_PLEN] = NLA_POLICY_MAX(NLA_U8, 32),
	[LSW_PSEC_ADDR_A_IP6] = NLA_POLICY_EXACT_LEN(16),
	[LSW_PSEC_ADDR_A_IP6_PLEN] = NLA_POLICY_MAX(NLA_U8, 128),
};

const struct nla_policy lsw_vtep_nl_policy[LSW_VTEP_A_FLAGS + 1] = {
	[LSW_VTEP_A_IP] = { .type = NLA_U32, },
	[LSW_VTEP_A_IP6] = NLA_POLICY_EXACT_LEN(16),
	[LSW_VTEP_A_SEGMENT] = { .type = NLA_U32, },
	[LSW_VTEP_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, 0x7),
};

const struct nla_policy lsw_vtep_key_nl_policy[LSW_VTEP_A_IP6 + 1] = {
	[LSW_VTEP_A_IP] = { .type = NLA_U32, },
	[LSW_VTEP_A_IP6] = NLA_POLICY_EXACT_LEN(16),
};

/* LSW_CMD_VTEP_NEW - do */
static const struct nla_policy lsw_vtep_new_nl_policy[LSW_A_VTEP + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_A_VTEP] = NLA_POLICY_NESTED(lsw_vtep_nl_policy),
};

/* LSW_CMD_VTEP_DEL - do */
static const struct nla_policy lsw_vtep_del_nl_policy[LSW_A_VTEP + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_A_VTEP] = NLA_POLICY_NESTED(lsw_vtep_key_nl_policy),
};

/* LSW_CMD_VTEP_GET - do */
static const struct nla_policy lsw_vtep_get_do_nl_policy[LSW_A_VTEP + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_A_VTEP] = NLA_POLICY_NESTED(lsw_vtep_nl_policy),
};

/* LSW_CMD_VTEP_GET - dump */
static const struct nla_policy lsw_vtep_get_dump_nl_policy[LSW_A_IFINDEX + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
};

/* LSW_CMD_VTEP_FLUSH - do */
static const struct nla_policy lsw_vtep_flush_nl_policy[LSW_A_IFINDEX + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
};

/* LSW_CMD_MAC_NEW - do */
static const struct nla_policy lsw_mac_new_nl_policy[LSW_A_MAC + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_A_MAC] = NLA_POLICY_NESTED(lsw_mac_input_nl_policy),
};

/* LSW_CMD_MAC_DEL - do */
static const struct nla_policy lsw_mac_del_nl_policy[LSW_A_MAC + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_A_MAC] = NLA_POLICY_NESTED(lsw_mac_key_nl_policy),
};

/* LSW_CMD_MAC_GET - do */
static const struct nla_policy lsw_mac_get_do_nl_policy[LSW_A_MAC + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_A_MAC] = NLA_POLICY_NESTED(lsw_mac_nl_policy),
};

/* LSW_CMD_MAC_GET - dump */
static const struct nla_policy lsw_mac_get_dump_nl_policy[LSW_A_FILTER + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_A_FILTER] = NLA_POLICY_NESTED(lsw_filter_nl_policy),
};

/* LSW_CMD_MAC_FLUSH - do */
static const struct nla_policy lsw_mac_flush_nl_policy[LSW_A_FILTER + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_A_FILTER] = NLA_POLICY_NESTED(lsw_filter_nl_policy),
};

/* LSW_CMD_ARP_NEW - do */
static const struct nla_policy lsw_arp_new_nl_policy[LSW_A_ARP + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_A_ARP] = NLA_POLICY_NESTED(lsw_arp_input_nl_policy),
};

/* LSW_CMD_ARP_DEL - do */
static const struct nla_policy lsw_arp_del_nl_policy[LSW_A_ARP + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_A_ARP] = NLA_POLICY_NESTED(lsw_arp_key_nl_policy),
};

/* LSW_CMD_ARP_GET - do */
static const struct nla_policy lsw_arp_get_do_nl_policy[LSW_A_ARP + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_A_ARP] = NLA_POLICY_NESTED(lsw_arp_nl_policy),
};

/* LSW_CMD_ARP_GET - dump */
static const struct nla_policy lsw_arp_get_dump_nl_policy[LSW_A_FILTER + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_A_FILTER] = NLA_POLICY_NESTED(lsw_arp_filter_nl_policy),
};

/* LSW_CMD_ARP_FLUSH - do */
static const struct nla_policy lsw_arp_flush_nl_policy[LSW_A_FILTER + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_A_FILTER] = NLA_POLICY_NESTED(lsw_arp_filter_nl_policy),
};

/* LSW_CMD_STATS_GET - do */
static const struct nla_policy lsw_stats_get_nl_policy[LSW_A_IFINDEX + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
};

/* LSW_CMD_VTEP_SET - do */
static const struct nla_policy lsw_vtep_set_nl_policy[LSW_A_VTEP + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_A_VTEP] = NLA_POLICY_NESTED(lsw_vtep_nl_policy),
};

/* LSW_CMD_MAC_SET - do */
static const struct nla_policy lsw_mac_set_nl_policy[LSW_A_MAC + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_A_MAC] = NLA_POLICY_NESTED(lsw_mac_input_nl_policy),
};

/* LSW_CMD_ARP_SET - do */
static const struct nla_policy lsw_arp_set_nl_policy[LSW_A_ARP + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_A_ARP] = NLA_POLICY_NESTED(lsw_arp_input_nl_policy),
};

/* LSW_CMD_PORT_GET - do */
static const struct nla_policy lsw_port_get_do_nl_policy[LSW_A_PORT + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_A_PORT] = NLA_POLICY_NESTED(lsw_port_nl_policy),
};

/* LSW_CMD_PORT_GET - dump */
static const struct nla_policy lsw_port_get_dump_nl_policy[LSW_A_IFINDEX + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
};

/* LSW_CMD_PORT_SET - do */
static const struct nla_policy lsw_port_set_nl_policy[LSW_A_PORT + 1] = {
	[LSW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[LSW_A_PORT] = NLA_POLICY_NESTED(lsw_port_input_nl_policy),
};

/* Ops table for lsw */
const struct genl_split_ops lsw_nl_ops[24] = {
	{
		.cmd		= LSW_CMD_VTEP_NEW,
		.pre_doit	= lsw_nl_pre_doit,
		.doit		= lsw_nl_vtep_new_doit,
		.post_doit	= lsw_nl_post_doit,
		.policy		= lsw_vtep_new_nl_policy,
		.maxattr	= LSW_A_VTEP,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= LSW_CMD_VTEP_DEL,
		.pre_doit	= lsw_nl_pre_doit,
		.doit		= lsw_nl_vtep_del_doit,
		.post_doit	= lsw_nl_post_doit,
		.policy		= lsw_vtep_del_nl_policy,
		.maxattr	= LSW_A_VTEP,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= LSW_CMD_VTEP_GET,
		.pre_doit	= lsw_nl_pre_doit,
		.doit		= lsw_nl_vtep_get_doit,
		.post_doit	= lsw_nl_post_doit,
		.policy		= lsw_vtep_get_do_nl_policy,
		.maxattr	= LSW_A_VTEP,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd		= LSW_CMD_VTEP_GET,
		.start		= lsw_nl_vtep_dump_start,
		.dumpit		= lsw_nl_vtep_get_dumpit,
		.done		= lsw_nl_dump_done,
		.policy		= lsw_vtep_get_dump_nl_policy,
		.maxattr	= LSW_A_IFINDEX,
		.flags		= GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= LSW_CMD_VTEP_FLUSH,
		.pre_doit	= lsw_nl_pre_doit_any,
		.doit		= lsw_nl_vtep_flush_doit,
		.post_doit	= lsw_nl_post_doit,
		.policy		= lsw_vtep_flush_nl_policy,
		.maxattr	= LSW_A_IFINDEX,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= LSW_CMD_MAC_NEW,
		.pre_doit	= lsw_nl_pre_doit,
		.doit		= lsw_nl_mac_new_doit,
		.post_doit	= lsw_nl_post_doit,
		.policy		= lsw_mac_new_nl_policy,
		.maxattr	= LSW_A_MAC,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= LSW_CMD_MAC_DEL,
		.pre_doit	= lsw_nl_pre_doit,
		.doit		= lsw_nl_mac_del_doit,
		.post_doit	= lsw_nl_post_doit,
		.policy		= lsw_mac_del_nl_policy,
		.maxattr	= LSW_A_MAC,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= LSW_CMD_MAC_GET,
		.pre_doit	= lsw_nl_pre_doit,
		.doit		= lsw_nl_mac_get_doit,
		.post_doit	= lsw_nl_post_doit,
		.policy		= lsw_mac_get_do_nl_policy,
		.maxattr	= LSW_A_MAC,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd		= LSW_CMD_MAC_GET,
		.start		= lsw_nl_mac_dump_start,
		.dumpit		= lsw_nl_mac_get_dumpit,
		.done		= lsw_nl_dump_done,
		.policy		= lsw_mac_get_dump_nl_policy,
		.maxattr	= LSW_A_FILTER,
		.flags		= GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= LSW_CMD_MAC_FLUSH,
		.pre_doit	= lsw_nl_pre_doit_any,
		.doit		= lsw_nl_mac_flush_doit,
		.post_doit	= lsw_nl_post_doit,
		.policy		= lsw_mac_flush_nl_policy,
		.maxattr	= LSW_A_FILTER,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= LSW_CMD_ARP_NEW,
		.pre_doit	= lsw_nl_pre_doit,
		.doit		= lsw_nl_arp_new_doit,
		.post_doit	= lsw_nl_post_doit,
		.policy		= lsw_arp_new_nl_policy,
		.maxattr	= LSW_A_ARP,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= LSW_CMD_ARP_DEL,
		.pre_doit	= lsw_nl_pre_doit,
		.doit		= lsw_nl_arp_del_doit,
		.post_doit	= lsw_nl_post_doit,
		.policy		= lsw_arp_del_nl_policy,
		.maxattr	= LSW_A_ARP,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= LSW_CMD_ARP_GET,
		.pre_doit	= lsw_nl_pre_doit,
		.doit		= lsw_nl_arp_get_doit,
		.post_doit	= lsw_nl_post_doit,
		.policy		= lsw_arp_get_do_nl_policy,
		.maxattr	= LSW_A_ARP,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd		= LSW_CMD_ARP_GET,
		.start		= lsw_nl_arp_dump_start,
		.dumpit		= lsw_nl_arp_get_dumpit,
		.done		= lsw_nl_dump_done,
		.policy		= lsw_arp_get_dump_nl_policy,
		.maxattr	= LSW_A_FILTER,
		.flags		= GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= LSW_CMD_ARP_FLUSH,
		.pre_doit	= lsw_nl_pre_doit_any,
		.doit		= lsw_nl_arp_flush_doit,
		.post_doit	= lsw_nl_post_doit,
		.policy		= lsw_arp_flush_nl_policy,
		.maxattr	= LSW_A_FILTER,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= LSW_CMD_STATS_GET,
		.pre_doit	= lsw_nl_pre_doit,
		.doit		= lsw_nl_stats_get_doit,
		.post_doit	= lsw_nl_post_doit,
		.policy		= lsw_stats_get_nl_policy,
		.maxattr	= LSW_A_IFINDEX,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd	= LSW_CMD_STATS_GET,
		.start	= lsw_nl_stats_dump_start,
		.dumpit	= lsw_nl_stats_get_dumpit,
		.flags	= GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= LSW_CMD_INFO_GET,
		.pre_doit	= lsw_nl_pre_doit_noattr,
		.doit		= lsw_nl_info_get_doit,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd		= LSW_CMD_VTEP_SET,
		.pre_doit	= lsw_nl_pre_doit,
		.doit		= lsw_nl_vtep_set_doit,
		.post_doit	= lsw_nl_post_doit,
		.policy		= lsw_vtep_set_nl_policy,
		.maxattr	= LSW_A_VTEP,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= LSW_CMD_MAC_SET,
		.pre_doit	= lsw_nl_pre_doit,
		.doit		= lsw_nl_mac_set_doit,
		.post_doit	= lsw_nl_post_doit,
		.policy		= lsw_mac_set_nl_policy,
		.maxattr	= LSW_A_MAC,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= LSW_CMD_ARP_SET,
		.pre_doit	= lsw_nl_pre_doit,
		.doit		= lsw_nl_arp_set_doit,
		.post_doit	= lsw_nl_post_doit,
		.policy		= lsw_arp_set_nl_policy,
		.maxattr	= LSW_A_ARP,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= LSW_CMD_PORT_GET,
		.pre_doit	= lsw_nl_pre_doit_any,
		.doit		= lsw_nl_port_get_doit,
		.post_doit	= lsw_nl_post_doit,
		.policy		= lsw_port_get_do_nl_policy,
		.maxattr	= LSW_A_PORT,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd		= LSW_CMD_PORT_GET,
		.start		= lsw_nl_port_dump_start,
		.dumpit		= lsw_nl_port_get_dumpit,
		.policy		= lsw_port_get_dump_nl_policy,
		.maxattr	= LSW_A_IFINDEX,
		.flags		= GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= LSW_CMD_PORT_SET,
		.pre_doit	= lsw_nl_pre_doit_any,
		.doit		= lsw_nl_port_set_doit,
		.post_doit	= lsw_nl_post_doit,
		.policy		= lsw_port_set_nl_policy,
		.maxattr	= LSW_A_PORT,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
};

static const struct genl_multicast_group lsw_nl_mcgrps[] = {
	[LSW_NLGRP_NOTIFY] = { "notify", },
	[LSW_NLGRP_MISS] = { "miss", },
};
