/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernels lsw builds against lives here.
 * Kbuild force-includes this file; the flags come from compat-detect.sh,
 * which looks for each feature in the target kernel's headers.  The rest
 * of lsw is written against current mainline.
 */
#ifndef _LSW_COMPAT_H
#define _LSW_COMPAT_H

#include <linux/netdevice.h>
#include <net/genetlink.h>

/* The GSO helpers have a header of their own (6.5). */
#ifdef LSW_HAVE_NET_GSO_H
#include <net/gso.h>
#endif

/* Lockless TX moved from a feature flag to a netdev bit field (6.9). */
static inline void lsw_compat_set_lltx(struct net_device *dev)
{
#ifdef LSW_HAVE_NETDEV_LLTX
	dev->lltx = true;
#else
	dev->features |= NETIF_F_LLTX;
#endif
}

/*
 * The IP tunnel helpers count what they send in the device's per-CPU
 * tstats.  The core allocates and frees them when told which kind a
 * device has (pcpu_stat_type, 6.6); before, the driver did.
 */
static inline void lsw_compat_tstats_setup(struct net_device *dev)
{
#ifdef LSW_HAVE_PCPU_STAT_TYPE
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
#endif
}

static inline int lsw_compat_tstats_alloc(struct net_device *dev)
{
#ifndef LSW_HAVE_PCPU_STAT_TYPE
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		return -ENOMEM;
#endif
	return 0;
}

static inline void lsw_compat_tstats_free(struct net_device *dev)
{
#ifndef LSW_HAVE_PCPU_STAT_TYPE
	free_percpu(dev->tstats);
	dev->tstats = NULL;
#endif
}

/*
 * Generic netlink operations in do and dump halves, each with its own
 * policy and hooks (struct genl_split_ops, 6.2): what the generator
 * writes into netlink-gen.c, and what the family registers.
 *
 * Before, a family had one struct genl_ops per command, one policy for
 * both halves, and pre_doit/post_doit for the whole family.  There, the
 * generated table is built against a copy of the 6.2 type, and
 * lsw_compat_genl_register() folds each command's halves into one
 * struct genl_ops whose policy admits what either half takes.  The
 * family's hooks and the dump's start then hold each half to its own
 * policy, with nla_validate() (the core's own check, so its own extack
 * message), before they run the half's hooks.  A dump's start has no
 * extack there (6.5): a dump refused that late is refused by its errno
 * alone.
 */
#ifdef LSW_HAVE_GENL_SPLIT_OPS
static inline int lsw_compat_genl_register(struct genl_family *family,
					   const struct genl_split_ops *ops,
					   unsigned int n)
{
	family->split_ops = ops;
	family->n_split_ops = n;
	return genl_register_family(family);
}

static inline void lsw_compat_genl_unregister(struct genl_family *family)
{
	genl_unregister_family(family);
}
#else
struct genl_split_ops {
	int (*pre_doit)(const struct genl_split_ops *ops, struct sk_buff *skb,
			struct genl_info *info);
	int (*doit)(struct sk_buff *skb, struct genl_info *info);
	void (*post_doit)(const struct genl_split_ops *ops,
			  struct sk_buff *skb, struct genl_info *info);
	int (*start)(struct netlink_callback *cb);
	int (*dumpit)(struct sk_buff *skb, struct netlink_callback *cb);
	int (*done)(struct netlink_callback *cb);
	const struct nla_policy *policy;
	unsigned int maxattr;
	u8 cmd;
	u8 internal_flags;
	u8 flags;
	u8 validate;
};

/*
 * The registered split table and the struct genl_ops folded from it.
 * The hooks find their half here; netlink.c, which registers the family,
 * is the only file that reaches this (each file gets its own copy).
 */
struct lsw_compat_genl {
	const struct genl_split_ops *split;
	unsigned int n_split;
	struct genl_ops *ops;
	unsigned int n_ops;
};

static inline struct lsw_compat_genl *lsw_compat_genl(void)
{
	static struct lsw_compat_genl genl;

	return &genl;
}

static inline const struct genl_split_ops *lsw_compat_genl_half(u8 cmd,
								u8 cap)
{
	const struct lsw_compat_genl *g = lsw_compat_genl();
	unsigned int i;

	for (i = 0; i < g->n_split; i++)
		if (g->split[i].cmd == cmd && (g->split[i].flags & cap))
			return &g->split[i];
	return NULL;
}

/*
 * The request @nlh against @half's own policy, as the core checks a
 * split operation: not at all without a policy.
 */
static inline int lsw_compat_genl_validate(const struct genl_split_ops *half,
					   const struct nlmsghdr *nlh,
					   struct netlink_ext_ack *extack)
{
	if (!half->policy)
		return 0;
	return nla_validate(nlmsg_attrdata(nlh, GENL_HDRLEN),
			    nlmsg_attrlen(nlh, GENL_HDRLEN), half->maxattr,
			    half->policy, extack);
}

static inline int lsw_compat_genl_pre_doit(const struct genl_ops *ops,
					   struct sk_buff *skb,
					   struct genl_info *info)
{
	const struct genl_split_ops *half;
	int err;

	half = lsw_compat_genl_half(ops->cmd, GENL_CMD_CAP_DO);
	err = lsw_compat_genl_validate(half, info->nlhdr, info->extack);
	if (err || !half->pre_doit)
		return err;
	return half->pre_doit(half, skb, info);
}

static inline void lsw_compat_genl_post_doit(const struct genl_ops *ops,
					     struct sk_buff *skb,
					     struct genl_info *info)
{
	const struct genl_split_ops *half;

	half = lsw_compat_genl_half(ops->cmd, GENL_CMD_CAP_DO);
	if (half->post_doit)
		half->post_doit(half, skb, info);
}

static inline int lsw_compat_genl_start(struct netlink_callback *cb)
{
	const struct genl_split_ops *half;
	int err;

	half = lsw_compat_genl_half(genl_dumpit_info(cb)->op.cmd,
				    GENL_CMD_CAP_DUMP);
	err = lsw_compat_genl_validate(half, cb->nlh, cb->extack);
	if (err || !half->start)
		return err;
	return half->start(cb);
}

/*
 * Let @op's policy admit what @half's does too: a new array when both
 * halves have one (freed with the ops), as long as they agree on every
 * attribute they share.
 */
static inline int lsw_compat_genl_merge(struct genl_ops *op,
					const struct genl_split_ops *half)
{
	unsigned int max = max(op->maxattr, half->maxattr), i;
	struct nla_policy *policy;

	if (!half->policy)
		return 0;
	if (!op->policy) {
		op->policy = half->policy;
		op->maxattr = half->maxattr;
		return 0;
	}
	policy = kcalloc(max + 1, sizeof(*policy), GFP_KERNEL);
	if (!policy)
		return -ENOMEM;
	memcpy(policy, op->policy, (op->maxattr + 1) * sizeof(*policy));
	for (i = 0; i <= half->maxattr; i++) {
		if (half->policy[i].type == NLA_UNSPEC)
			continue;
		if (WARN_ON(policy[i].type != NLA_UNSPEC &&
			    memcmp(&policy[i], &half->policy[i],
				   sizeof(*policy)))) {
			kfree(policy);
			return -EINVAL;
		}
		/* Its members are const: not an assignment. */
		memcpy(&policy[i], &half->policy[i], sizeof(*policy));
	}
	op->policy = policy;
	op->maxattr = max;
	return 0;
}

/* A merged policy is the one that is neither half's. */
static inline void lsw_compat_genl_free(struct lsw_compat_genl *g)
{
	const struct genl_split_ops *half;
	const struct nla_policy *policy;
	unsigned int i;
	bool merged;

	for (i = 0; i < g->n_ops; i++) {
		policy = g->ops[i].policy;
		half = lsw_compat_genl_half(g->ops[i].cmd, GENL_CMD_CAP_DO);
		merged = !half || half->policy != policy;
		half = lsw_compat_genl_half(g->ops[i].cmd, GENL_CMD_CAP_DUMP);
		if (merged && (!half || half->policy != policy))
			kfree(policy);
	}
	kfree(g->ops);
	memset(g, 0, sizeof(*g));
}

static inline int lsw_compat_genl_register(struct genl_family *family,
					   const struct genl_split_ops *split,
					   unsigned int n)
{
	struct lsw_compat_genl *g = lsw_compat_genl();
	struct genl_ops *op = NULL;
	unsigned int i;
	int err;

	g->split = split;
	g->n_split = n;
	g->ops = kcalloc(n, sizeof(*g->ops), GFP_KERNEL);
	if (!g->ops)
		return -ENOMEM;
	/* The table is sorted by command, its do half first. */
	for (i = 0; i < n; i++) {
		if (!op || op->cmd != split[i].cmd) {
			op = &g->ops[g->n_ops++];
			op->cmd = split[i].cmd;
			op->flags = split[i].flags &
				    ~(GENL_CMD_CAP_DO | GENL_CMD_CAP_DUMP);
		}
		if (split[i].flags & GENL_CMD_CAP_DO) {
			op->doit = split[i].doit;
		} else {
			op->start = lsw_compat_genl_start;
			op->dumpit = split[i].dumpit;
			op->done = split[i].done;
		}
		err = lsw_compat_genl_merge(op, &split[i]);
		if (err)
			goto err;
	}
	family->ops = g->ops;
	family->n_ops = g->n_ops;
	family->pre_doit = lsw_compat_genl_pre_doit;
	family->post_doit = lsw_compat_genl_post_doit;
	err = genl_register_family(family);
	if (err)
		goto err;
	return 0;

err:
	lsw_compat_genl_free(g);
	return err;
}

static inline void lsw_compat_genl_unregister(struct genl_family *family)
{
	genl_unregister_family(family);
	lsw_compat_genl_free(lsw_compat_genl());
}
#endif

/* The parsed attributes of a dump request (genl_info_dump() since 6.4). */
static inline struct nlattr **lsw_compat_dump_attrs(struct netlink_callback *cb)
{
#ifdef LSW_HAVE_GENL_INFO_DUMP
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/*
 * "May not change netns" moved from the NETIF_F_NETNS_LOCAL feature flag
 * to the netns_local bit field (6.12), later renamed netns_immutable.
 */
static inline void lsw_compat_set_netns_immutable(struct net_device *dev)
{
#if defined(LSW_HAVE_NETNS_IMMUTABLE)
	dev->netns_immutable = true;
#elif defined(LSW_HAVE_NETNS_LOCAL)
	dev->netns_local = true;
#else
	dev->features |= NETIF_F_NETNS_LOCAL;
#endif
}

/*
 * An extack message with values in it (NL_SET_ERR_MSG_FMT, 6.2; its
 * absence is the test, the headers being included above).  Before, an
 * extack message was a static string: @msg says the same without the
 * values.
 */
#ifdef NL_SET_ERR_MSG_FMT_MOD
#define lsw_compat_err_fmt(extack, msg, fmt, args...) do {		\
	(void)(msg);							\
	NL_SET_ERR_MSG_FMT_MOD(extack, fmt, ##args);			\
} while (0)
#else
#define lsw_compat_err_fmt(extack, msg, fmt, args...) do {		\
	(void)(fmt);							\
	NL_SET_ERR_MSG_MOD(extack, msg);				\
} while (0)
#endif

/*
 * A policy's range used to point to a writable struct
 * netlink_range_validation; the validator only ever read it, and now the
 * pointer is const.  Let lsw's ranges be const on older kernels too.
 */
#ifndef LSW_HAVE_NLA_RANGE_CONST
#include <net/netlink.h>
#undef NLA_POLICY_FULL_RANGE
#define NLA_POLICY_FULL_RANGE(tp, _range) {				\
	.type = NLA_ENSURE_UINT_OR_BINARY_TYPE(tp),			\
	.validation_type = NLA_VALIDATE_RANGE_PTR,			\
	.range = (struct netlink_range_validation *)(_range),		\
}
#endif

#endif /* _LSW_COMPAT_H */
