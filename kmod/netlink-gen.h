/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/lsw.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_LSW_GEN_H
#define _LINUX_LSW_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/lsw.h>

/* Common nested types */
extern const struct nla_policy lsw_arp_nl_policy[LSW_ARP_A_AGE + 1];
extern const struct nla_policy lsw_arp_filter_nl_policy[LSW_FILTER_A_FLAGS + 1];
extern const struct nla_policy lsw_arp_input_nl_policy[LSW_ARP_A_FLAGS + 1];
extern const struct nla_policy lsw_arp_key_nl_policy[LSW_ARP_A_IP6 + 1];
extern const struct nla_policy lsw_filter_nl_policy[LSW_FILTER_A_VTEP_IP6 + 1];
extern const struct nla_policy lsw_mac_nl_policy[LSW_MAC_A_KEY + 1];
extern const struct nla_policy lsw_mac_input_nl_policy[LSW_MAC_A_KEY + 1];
extern const struct nla_policy lsw_mac_key_nl_policy[LSW_MAC_A_ADDR + 1];
extern const struct nla_policy lsw_port_nl_policy[LSW_PORT_A_SECURITY + 1];
extern const struct nla_policy lsw_port_input_nl_policy[LSW_PORT_A_SECURITY + 1];
extern const struct nla_policy lsw_psec_nl_policy[LSW_PSEC_A_FLAGS + 1];
extern const struct nla_policy lsw_psec_addr_nl_policy[LSW_PSEC_ADDR_A_IP6_PLEN + 1];
extern const struct nla_policy lsw_vtep_nl_policy[LSW_VTEP_A_FLAGS + 1];
extern const struct nla_policy lsw_vtep_key_nl_policy[LSW_VTEP_A_IP6 + 1];

/* Ops table for lsw */
extern const struct genl_split_ops lsw_nl_ops[24];

int lsw_nl_pre_doit(const struct genl_split_ops *ops, struct sk_buff *skb,
		    struct genl_info *info);
int lsw_nl_pre_doit_any(const struct genl_split_ops *ops, struct sk_buff *skb,
			struct genl_info *info);
int lsw_nl_pre_doit_noattr(const struct genl_split_ops *ops,
			   struct sk_buff *skb, struct genl_info *info);
void
lsw_nl_post_doit(const struct genl_split_ops *ops, struct sk_buff *skb,
		 struct genl_info *info);
int lsw_nl_vtep_dump_start(struct netlink_callback *cb);
int lsw_nl_mac_dump_start(struct netlink_callback *cb);
int lsw_nl_arp_dump_start(struct netlink_callback *cb);
int lsw_nl_stats_dump_start(struct netlink_callback *cb);
int lsw_nl_port_dump_start(struct netlink_callback *cb);
int lsw_nl_dump_done(struct netlink_callback *cb);

int lsw_nl_vtep_new_doit(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_vtep_del_doit(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_vtep_get_doit(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_vtep_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int lsw_nl_vtep_flush_doit(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_mac_new_doit(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_mac_del_doit(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_mac_get_doit(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_mac_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int lsw_nl_mac_flush_doit(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_arp_new_doit(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_arp_del_doit(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_arp_get_doit(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_arp_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int lsw_nl_arp_flush_doit(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_stats_get_doit(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_stats_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int lsw_nl_info_get_doit(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_vtep_set_doit(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_mac_set_doit(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_arp_set_doit(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_port_get_doit(struct sk_buff *skb, struct genl_info *info);
int lsw_nl_port_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int lsw_nl_port_set_doit(struct sk_buff *skb, struct genl_info *info);

enum {
	LSW_NLGRP_NOTIFY,
	LSW_NLGRP_MISS,
};

#endif /* _LINUX_LSW_GEN_H */
