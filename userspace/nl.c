// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink plumbing on libmnl: the rtnetlink and generic netlink sockets,
 * opened on first use; one request/reply exchange, dumps included, with
 * the kernel's errors reported from its extended ack (in a batch, with
 * the line they are about); generic netlink family and multicast group
 * lookup; listening to notifications; attribute parsing.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "lsw.h"

/* As iproute2: large enough for what the kernel puts in one dump skb. */
#define NL_RCVBUF_SIZE	32768

/*
 * lsw monitor's socket receive buffer: a burst of learning or a flush of
 * a big table sends thousands of notifications at once.
 */
#define NL_MONITOR_RCVBUF	(4U << 20)

/* What netlink_sendmsg() keeps of the send buffer for itself. */
#define NL_SNDBUF_OVERHEAD	32

struct lsw_nl {
	struct mnl_socket *rtnl;
	struct mnl_socket *genl;
	int genl_sndbuf;	/* the send buffer the kernel granted */
	int family;		/* of "lsw", once looked up; else 0 */
	unsigned int seq;
	union {
		struct nlmsghdr nlh;
		char buf[LSW_NL_MSG_SIZE];
	} req;
	union {
		struct nlmsghdr nlh;
		char buf[NL_RCVBUF_SIZE];
	} rsp;
};

/* The state of one exchange, shared by the data and control callbacks. */
struct nl_xfer {
	mnl_cb_t cb;
	void *data;
	int quiet;		/* a kernel errno the caller reports itself */
	int error;		/* the kernel's errno, positive */
	const char *msg;	/* its extack message, in lsw_nl.rsp */
	bool has_off;		/* it named the offending attribute: */
	uint32_t off;		/* at this offset in the request */
	bool cb_failed;		/* cb() failed and said why */
	bool intr;		/* the dump is inconsistent */
};

int lsw_nl_init(struct lsw_ctx *ctx)
{
	ctx->nl = calloc(1, sizeof(*ctx->nl));
	if (!ctx->nl) {
		fprintf(stderr, "lsw: out of memory\n");
		return -1;
	}
	ctx->nl->seq = time(NULL);
	return 0;
}

void lsw_nl_fini(struct lsw_ctx *ctx)
{
	if (!ctx->nl)
		return;
	if (ctx->nl->rtnl)
		mnl_socket_close(ctx->nl->rtnl);
	if (ctx->nl->genl)
		mnl_socket_close(ctx->nl->genl);
	free(ctx->nl);
	ctx->nl = NULL;
}

/*
 * Batches send requests of up to LSW_BATCH_MSG_MAX bytes, and netlink
 * refuses any larger than the send buffer.  Past the sysctl limit
 * (net.core.wmem_max) only CAP_NET_ADMIN may go: try that first, then
 * settle for what is allowed; lsw_nl_max_request() reads the result.
 */
static int nl_grow_sndbuf(struct mnl_socket *sock)
{
	int fd = mnl_socket_get_fd(sock), size = LSW_BATCH_MSG_MAX;
	socklen_t len = sizeof(size);

	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof(size)))
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
	if (getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, &len))
		return 0;
	return size;
}

static struct mnl_socket *nl_open(int proto)
{
	struct mnl_socket *sock;
	int one = 1;

	sock = mnl_socket_open(proto);
	if (!sock)
		goto err;
	/*
	 * Best effort: kernels without them (before 4.12) still work, with
	 * less telling errors.  CAP_ACK keeps our request out of the error.
	 */
	mnl_socket_setsockopt(sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(sock, NETLINK_CAP_ACK, &one, sizeof(one));
	if (mnl_socket_bind(sock, 0, MNL_SOCKET_AUTOPID) < 0)
		goto err;
	return sock;

err:
	fprintf(stderr, "lsw: cannot open a netlink socket: %s\n",
		strerror(errno));
	if (sock)
		mnl_socket_close(sock);
	return NULL;
}

static struct mnl_socket *nl_sock(struct lsw_ctx *ctx, int proto)
{
	struct lsw_nl *nl = ctx->nl;
	struct mnl_socket **sockp;

	sockp = proto == NETLINK_GENERIC ? &nl->genl : &nl->rtnl;
	if (!*sockp) {
		*sockp = nl_open(proto);
		if (*sockp && proto == NETLINK_GENERIC)
			nl->genl_sndbuf = nl_grow_sndbuf(*sockp);
	}
	return *sockp;
}

/* A request, built in place and sent by lsw_nl_request(). */
struct nlmsghdr *lsw_nl_msg(struct lsw_ctx *ctx, uint16_t type,
			    uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(ctx->nl->req.buf);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	return nlh;
}

struct nlmsghdr *lsw_nl_genl_msg(struct lsw_ctx *ctx, uint16_t family,
				 uint8_t cmd, uint8_t version, uint16_t flags)
{
	struct nlmsghdr *nlh = lsw_nl_msg(ctx, family, flags);
	struct genlmsghdr *genl;

	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return nlh;
}

struct nl_tb {
	const struct nlattr **tb;
	unsigned int max;
	const enum mnl_attr_data_type *policy;
};

static int nl_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nl_tb *t = data;
	unsigned int type = mnl_attr_get_type(attr);

	/* Newer kernels add attributes; malformed ones read as absent. */
	if (type > t->max)
		return MNL_CB_OK;
	if (t->policy && t->policy[type] != MNL_TYPE_UNSPEC &&
	    mnl_attr_validate(attr, t->policy[type]) < 0)
		return MNL_CB_OK;
	t->tb[type] = attr;
	return MNL_CB_OK;
}

/*
 * Fills tb[0..max] with the attributes after @offset bytes of payload.
 * @policy, indexed by type like @tb, may be NULL.
 */
void lsw_nl_parse(const struct nlmsghdr *nlh, unsigned int offset,
		  const struct nlattr **tb, unsigned int max,
		  const enum mnl_attr_data_type *policy)
{
	struct nl_tb t = { .tb = tb, .max = max, .policy = policy };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	mnl_attr_parse(nlh, offset, nl_attr_cb, &t);
}

void lsw_nl_parse_nested(const struct nlattr *nest, const struct nlattr **tb,
			 unsigned int max,
			 const enum mnl_attr_data_type *policy)
{
	struct nl_tb t = { .tb = tb, .max = max, .policy = policy };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	mnl_attr_parse_nested(nest, nl_attr_cb, &t);
}

/* @ip as attribute @type if it is IPv4, as attribute @type6 if IPv6. */
void lsw_nl_put_ip(struct nlmsghdr *nlh, uint16_t type, uint16_t type6,
		   const struct lsw_ip *ip)
{
	if (ip->family == AF_INET)
		mnl_attr_put(nlh, type, sizeof(ip->v4), &ip->v4);
	else
		mnl_attr_put(nlh, type6, sizeof(ip->v6), &ip->v6);
}

/*
 * The end of an exchange: an ack, or an error, which nl_talk() reports
 * once it knows the exchange is over (and, in a batch, which line the
 * error is about).
 */
static int nl_report(struct nl_xfer *x, const struct nlmsghdr *nlh,
		     int error, size_t tlv_offset)
{
	static const enum mnl_attr_data_type policy[NLMSGERR_ATTR_MAX + 1] = {
		[NLMSGERR_ATTR_MSG] = MNL_TYPE_NUL_STRING,
		[NLMSGERR_ATTR_OFFS] = MNL_TYPE_U32,
		[NLMSGERR_ATTR_MISS_NEST] = MNL_TYPE_U32,
	};
	const struct nlattr *tb[NLMSGERR_ATTR_MAX + 1] = {};
	const char *msg = NULL;

	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) &&
	    tlv_offset <= mnl_nlmsg_get_payload_len(nlh)) {
		lsw_nl_parse(nlh, tlv_offset, tb, NLMSGERR_ATTR_MAX, policy);
		if (tb[NLMSGERR_ATTR_MSG])
			msg = mnl_attr_get_str(tb[NLMSGERR_ATTR_MSG]);
	}

	if (!error) {
		if (msg)
			fprintf(stderr, "Warning: %s\n", msg);
		return MNL_CB_STOP;
	}

	x->error = error < 0 ? -error : EPROTO;
	x->msg = msg && *msg ? msg : NULL;
	/*
	 * Where in the request the fault is: the offending attribute, or
	 * else the nest an attribute is missing from.  Either lies inside
	 * the entry at fault, which is all a batch needs to know.
	 */
	if (tb[NLMSGERR_ATTR_OFFS]) {
		x->has_off = true;
		x->off = mnl_attr_get_u32(tb[NLMSGERR_ATTR_OFFS]);
	} else if (tb[NLMSGERR_ATTR_MISS_NEST]) {
		x->has_off = true;
		x->off = mnl_attr_get_u32(tb[NLMSGERR_ATTR_MISS_NEST]);
	}
	return MNL_CB_STOP;
}

/*
 * "Error: " and the kernel's words, verbatim, or its errno's.  In a
 * batch, after the line, or the lines, the request came from: @lines
 * maps the offending attribute of a coalesced request to its line.
 */
static void nl_print_error(struct lsw_ctx *ctx, const struct nl_xfer *x,
			   const struct lsw_batch *lines)
{
	const char *msg = x->msg ? x->msg : strerror(x->error);
	unsigned int first, last;

	if (!ctx->batch_name) {
		fprintf(stderr, "Error: %s\n", msg);
		return;
	}
	first = ctx->lineno;
	last = first;
	if (lines)
		lsw_batch_lines(lines, x->has_off, x->off, &first, &last);
	if (first == last)
		fprintf(stderr, "lsw: batch %s line %u: Error: %s\n",
			ctx->batch_name, first, msg);
	else
		fprintf(stderr, "lsw: batch %s lines %u-%u: Error: %s\n",
			ctx->batch_name, first, last, msg);
	ctx->reported = true;
}

static int nl_error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	size_t offset = sizeof(*err);

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*err)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	/* Unless capped, our request is echoed between the two. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (err->msg.nlmsg_len < sizeof(err->msg))
			offset = SIZE_MAX;
		else
			offset += err->msg.nlmsg_len - sizeof(err->msg);
	}
	return nl_report(data, nlh, err->error, offset);
}

static int nl_done_cb(const struct nlmsghdr *nlh, void *data)
{
	int error = 0;

	/* A dump that fails part way says so here, its extack after. */
	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(error))
		memcpy(&error, mnl_nlmsg_get_payload(nlh), sizeof(error));
	return nl_report(data, nlh, error, sizeof(error));
}

/* Not const: libmnl declares mnl_cb_run2() to take it writable. */
static mnl_cb_t nl_ctl_cb[NLMSG_MIN_TYPE] = {
	[NLMSG_ERROR] = nl_error_cb,
	[NLMSG_DONE] = nl_done_cb,
};

static int nl_data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nl_xfer *x = data;

	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		x->intr = true;
	if (!x->cb)
		return MNL_CB_OK;
	/*
	 * The exchange ends when the kernel ends it, never on MNL_CB_STOP:
	 * what it still sends would be read as the next request's reply.
	 */
	if (x->cb(nlh, x->data) != MNL_CB_ERROR)
		return MNL_CB_OK;
	x->cb_failed = true;
	return MNL_CB_ERROR;
}

/* Dumps read again when the table changed under them, at most. */
#define NL_DUMP_TRIES	5

/* A whole dump's replies, kept until it is known to be consistent. */
struct nl_acc {
	char *buf;
	size_t len;
	size_t size;
};

static int nl_acc_add(struct nl_acc *acc, const void *data, size_t len)
{
	if (acc->len + len > acc->size) {
		size_t size = acc->size ? acc->size : 1 << 16;
		char *buf;

		while (size < acc->len + len)
			size *= 2;
		buf = realloc(acc->buf, size);
		if (!buf) {
			fprintf(stderr, "lsw: out of memory\n");
			return -1;
		}
		acc->buf = buf;
		acc->size = size;
	}
	memcpy(acc->buf + acc->len, data, len);
	acc->len += len;
	return 0;
}

/*
 * The first reading of a dump: note NLM_F_DUMP_INTR, and find its end
 * (NLMSG_DONE, or the error that ends it).  The messages themselves are
 * handed to the caller's callback later, once the dump is consistent.
 */
static int nl_dump_scan(void *buf, size_t len, unsigned int seq,
			unsigned int portid, struct nl_xfer *x)
{
	struct nlmsghdr *nlh = buf;
	int left = len;

	while (mnl_nlmsg_ok(nlh, left)) {
		if (!mnl_nlmsg_seq_ok(nlh, seq) ||
		    !mnl_nlmsg_portid_ok(nlh, portid)) {
			errno = EPROTO;
			return MNL_CB_ERROR;
		}
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
			x->intr = true;
		if (nlh->nlmsg_type == NLMSG_DONE)
			return nl_done_cb(nlh, x) == MNL_CB_ERROR ?
			       MNL_CB_ERROR : MNL_CB_STOP;
		if (nlh->nlmsg_type == NLMSG_ERROR)
			return nl_error_cb(nlh, x) == MNL_CB_ERROR ?
			       MNL_CB_ERROR : MNL_CB_STOP;
		nlh = mnl_nlmsg_next(nlh, &left);
	}
	return MNL_CB_OK;
}

static void nl_dump_unmark(void *buf, size_t len)
{
	struct nlmsghdr *nlh = buf;
	int left = len;

	while (mnl_nlmsg_ok(nlh, left)) {
		nlh->nlmsg_flags &= ~NLM_F_DUMP_INTR;
		nlh = mnl_nlmsg_next(nlh, &left);
	}
}

/*
 * Sends @nlh and feeds each message of the reply to @cb until the ack or
 * the end of the dump.  Returns 0; -1 after saying what failed; or the
 * kernel's errno, positive, if it is @quiet, unreported.
 * @lines, if not NULL, tells which batch lines the request carries.
 */
static int nl_talk(struct lsw_ctx *ctx, int proto, struct nlmsghdr *nlh,
		   mnl_cb_t cb, void *data, int quiet,
		   const struct lsw_batch *lines)
{
	struct nl_xfer x;
	struct lsw_nl *nl = ctx->nl;
	struct mnl_socket **sockp;
	unsigned int seq, portid;
	int ret = MNL_CB_OK;
	bool dump = cb && (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	struct nl_acc acc = {};
	unsigned int tries = 0;
	ssize_t len;

	sockp = proto == NETLINK_GENERIC ? &nl->genl : &nl->rtnl;
	if (!nl_sock(ctx, proto))
		return -1;

	/* Only an ack tells when a reply that is not a dump is over. */
	if (!dump && (nlh->nlmsg_flags & NLM_F_DUMP) != NLM_F_DUMP)
		nlh->nlmsg_flags |= NLM_F_ACK;
again:
	/*
	 * A dump is read whole before anything is printed: if the table
	 * changed under it (NLM_F_DUMP_INTR), it is read again.
	 */
	x = (struct nl_xfer){ .cb = dump ? NULL : cb, .data = data,
			      .quiet = quiet };
	acc.len = 0;
	seq = ++nl->seq;
	nlh->nlmsg_seq = seq;
	portid = mnl_socket_get_portid(*sockp);

	if (mnl_socket_sendto(*sockp, nlh, nlh->nlmsg_len) < 0) {
		fprintf(stderr, "lsw: cannot send to the kernel: %s\n",
			strerror(errno));
		goto broken;
	}

	do {
		len = mnl_socket_recvfrom(*sockp, nl->rsp.buf,
					  sizeof(nl->rsp.buf));
		if (len < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr,
				"lsw: cannot receive from the kernel: %s\n",
				strerror(errno));
			goto broken;
		}
		if (dump) {
			if (nl_acc_add(&acc, nl->rsp.buf, len))
				goto broken;
			ret = nl_dump_scan(nl->rsp.buf, len, seq, portid, &x);
		} else {
			ret = mnl_cb_run2(nl->rsp.buf, len, seq, portid,
					  nl_data_cb, &x, nl_ctl_cb,
					  LSW_ARRAY_SIZE(nl_ctl_cb));
		}
	} while (len < 0 || ret > MNL_CB_STOP);

	if (dump && ret != MNL_CB_ERROR && !x.error) {
		if (x.intr && ++tries < NL_DUMP_TRIES)
			goto again;
		/* libmnl stops at a message marked NLM_F_DUMP_INTR: the
		 * mark is known, and reported below.
		 */
		nl_dump_unmark(acc.buf, acc.len);
		x.cb = cb;
		ret = mnl_cb_run2(acc.buf, acc.len, seq, portid, nl_data_cb,
				  &x, NULL, 0);
		if (ret > MNL_CB_STOP)
			ret = MNL_CB_OK;
	}
	free(acc.buf);
	acc.buf = NULL;

	if (ret == MNL_CB_ERROR) {
		if (!x.cb_failed)
			fprintf(stderr, "lsw: bad reply from the kernel: %s\n",
				strerror(errno));
		goto broken;
	}
	if (x.error == quiet && quiet)
		return x.error;
	if (x.error) {
		nl_print_error(ctx, &x, lines);
		return -1;
	}
	if (x.intr) {
		fprintf(stderr,
			"lsw: the dump changed while read, and may be inconsistent; try again\n");
		return -1;
	}
	return 0;

broken:
	free(acc.buf);
	/* The rest of the reply may be queued: start afresh next time. */
	mnl_socket_close(*sockp);
	*sockp = NULL;
	return -1;
}

/*
 * One request/reply exchange on the NETLINK_ROUTE or NETLINK_GENERIC
 * socket.  @cb, which may be NULL, sees each message of the reply and
 * returns MNL_CB_OK, or MNL_CB_ERROR after saying why.  Any failure is
 * reported on stderr (the kernel's as "Error: ...") and returns -1.
 *
 * Coalesced batch entries wait in batch.c for a request like this one:
 * they go first, so that the kernel sees everything in the order given.
 */
int lsw_nl_request(struct lsw_ctx *ctx, int proto, struct nlmsghdr *nlh,
		   mnl_cb_t cb, void *data)
{
	if (lsw_batch_flush(ctx))
		return -1;
	/* The request may rename or delete any device. */
	lsw_parse_dev_forget();
	return nl_talk(ctx, proto, nlh, cb, data, 0, NULL) ? -1 : 0;
}

/* A coalesced batch request, on the generic netlink socket. */
int lsw_nl_request_lines(struct lsw_ctx *ctx, struct nlmsghdr *nlh,
			 const struct lsw_batch *lines)
{
	return nl_talk(ctx, NETLINK_GENERIC, nlh, NULL, NULL, 0, lines) ?
	       -1 : 0;
}

/*
 * The largest request the generic netlink socket takes, up to
 * LSW_BATCH_MSG_MAX; at least LSW_NL_MSG_SIZE, which any socket takes.
 */
size_t lsw_nl_max_request(struct lsw_ctx *ctx)
{
	size_t max = LSW_BATCH_MSG_MAX;

	if (!nl_sock(ctx, NETLINK_GENERIC))
		return LSW_NL_MSG_SIZE;
	if (ctx->nl->genl_sndbuf > 0 &&
	    (size_t)ctx->nl->genl_sndbuf < max + NL_SNDBUF_OVERHEAD)
		max = ctx->nl->genl_sndbuf - NL_SNDBUF_OVERHEAD;
	return max < LSW_NL_MSG_SIZE ? LSW_NL_MSG_SIZE : max;
}

/* What CTRL_CMD_GETFAMILY is asked, and what it answered. */
struct nl_family {
	const char *group;	/* a multicast group's name, or NULL */
	int id;			/* the family's, -1 until found */
	int64_t group_id;	/* the group's, -1 until found */
};

static void nl_family_groups(const struct nlattr *groups,
			     struct nl_family *f)
{
	static const enum mnl_attr_data_type
		policy[CTRL_ATTR_MCAST_GRP_MAX + 1] = {
		[CTRL_ATTR_MCAST_GRP_NAME] = MNL_TYPE_NUL_STRING,
		[CTRL_ATTR_MCAST_GRP_ID] = MNL_TYPE_U32,
	};
	const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1];
	const struct nlattr *grp, *name, *id;

	/* An array: one nest per group, whatever its type. */
	mnl_attr_for_each_nested(grp, groups) {
		lsw_nl_parse_nested(grp, tb, CTRL_ATTR_MCAST_GRP_MAX, policy);
		name = tb[CTRL_ATTR_MCAST_GRP_NAME];
		id = tb[CTRL_ATTR_MCAST_GRP_ID];
		if (name && id && !strcmp(mnl_attr_get_str(name), f->group))
			f->group_id = mnl_attr_get_u32(id);
	}
}

static int nl_family_cb(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type policy[CTRL_ATTR_MAX + 1] = {
		[CTRL_ATTR_FAMILY_ID] = MNL_TYPE_U16,
		[CTRL_ATTR_MCAST_GROUPS] = MNL_TYPE_NESTED,
	};
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct nl_family *f = data;

	lsw_nl_parse(nlh, sizeof(struct genlmsghdr), tb, CTRL_ATTR_MAX, policy);
	if (tb[CTRL_ATTR_FAMILY_ID])
		f->id = mnl_attr_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	if (tb[CTRL_ATTR_MCAST_GROUPS] && f->group)
		nl_family_groups(tb[CTRL_ATTR_MCAST_GROUPS], f);
	return MNL_CB_OK;
}

/*
 * The id of generic netlink family @name, and, unless @group is NULL,
 * in @group_id the id of its multicast group @group; or -1 after saying
 * why.
 */
int lsw_nl_genl_group(struct lsw_ctx *ctx, const char *name,
		      const char *group, uint32_t *group_id)
{
	struct nl_family f = { .group = group, .id = -1, .group_id = -1 };
	struct nlmsghdr *nlh;
	int ret;

	nlh = lsw_nl_genl_msg(ctx, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, name);

	ret = nl_talk(ctx, NETLINK_GENERIC, nlh, nl_family_cb, &f, ENOENT,
		      NULL);
	if (ret == ENOENT) {
		fprintf(stderr,
			"lsw: generic netlink family \"%s\" not found (is the lsw module loaded?)\n",
			name);
		return -1;
	}
	if (ret)
		return -1;
	if (f.id < 0) {
		fprintf(stderr,
			"lsw: no id for generic netlink family \"%s\" in the kernel's reply\n",
			name);
		return -1;
	}
	if (group) {
		if (f.group_id < 0) {
			fprintf(stderr,
				"lsw: generic netlink family \"%s\" has no multicast group \"%s\"\n",
				name, group);
			return -1;
		}
		*group_id = f.group_id;
	}
	return f.id;
}

int lsw_nl_genl_family(struct lsw_ctx *ctx, const char *name)
{
	return lsw_nl_genl_group(ctx, name, NULL, NULL);
}

/*
 * The id of the "lsw" family, looked up once per run: a batch of 100k
 * lines must not cost 100k look-ups.
 */
int lsw_nl_family(struct lsw_ctx *ctx)
{
	int id;

	if (ctx->nl->family > 0)
		return ctx->nl->family;
	id = lsw_nl_genl_family(ctx, LSW_GENL_NAME);
	if (id > 0)
		ctx->nl->family = id;
	return id;
}

/*
 * Joins the @n multicast groups @groups of the generic netlink socket
 * and feeds every message that arrives to @cb, until SIGINT or SIGTERM:
 * then returns 0.  @cb returns MNL_CB_OK, or MNL_CB_ERROR after saying
 * why, which ends the wait with -1.
 *
 * The two signals are blocked and read from a signalfd, polled with the
 * socket: a flag set by a handler could arrive just before recv() blocks
 * and be missed until the next notification.
 */
int lsw_nl_listen(struct lsw_ctx *ctx, const struct lsw_nl_group *groups,
		  unsigned int n, mnl_cb_t cb, void *data)
{
	struct mnl_socket *sock = nl_sock(ctx, NETLINK_GENERIC);
	int size = NL_MONITOR_RCVBUF, fd, sfd, ret = -1;
	struct pollfd pfd[2];
	unsigned int i;
	sigset_t mask;
	ssize_t len;

	if (!sock)
		return -1;
	fd = mnl_socket_get_fd(sock);
	for (i = 0; i < n; i++) {
		uint32_t id = groups[i].id;

		if (!mnl_socket_setsockopt(sock, NETLINK_ADD_MEMBERSHIP, &id,
					   sizeof(id)))
			continue;
		fprintf(stderr, "lsw: cannot join the \"%s\" group: %s\n",
			groups[i].name, strerror(errno));
		return -1;
	}
	/* Best effort, as for the send buffer. */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));

	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &mask, NULL)) {
		fprintf(stderr, "lsw: cannot block signals: %s\n",
			strerror(errno));
		return -1;
	}
	sfd = signalfd(-1, &mask, SFD_CLOEXEC);
	if (sfd < 0) {
		fprintf(stderr, "lsw: cannot open a signalfd: %s\n",
			strerror(errno));
		goto out_unblock;
	}

	pfd[0].fd = fd;
	pfd[0].events = POLLIN;
	pfd[1].fd = sfd;
	pfd[1].events = POLLIN;
	for (;;) {
		if (poll(pfd, LSW_ARRAY_SIZE(pfd), -1) < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "lsw: poll: %s\n", strerror(errno));
			goto out_close;
		}
		if (pfd[1].revents) {
			struct signalfd_siginfo si;

			/* Taken, or it would strike once unblocked. */
			if (read(sfd, &si, sizeof(si)) < 0)
				continue;
			ret = 0;
			goto out_close;
		}
		if (!pfd[0].revents)
			continue;

		len = recv(fd, ctx->nl->rsp.buf, sizeof(ctx->nl->rsp.buf),
			   MSG_DONTWAIT);
		if (len < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			/* The kernel dropped some: say so, and go on. */
			if (errno == ENOBUFS) {
				fprintf(stderr,
					"lsw: notifications lost: the receive buffer overflowed\n");
				continue;
			}
			fprintf(stderr,
				"lsw: cannot receive from the kernel: %s\n",
				strerror(errno));
			goto out_close;
		}
		/* Sequence 0, port id 0: notifications are not checked. */
		if (mnl_cb_run(ctx->nl->rsp.buf, len, 0, 0, cb, data) ==
		    MNL_CB_ERROR)
			goto out_close;
	}

out_close:
	close(sfd);
out_unblock:
	sigprocmask(SIG_UNBLOCK, &mask, NULL);
	return ret;
}
