// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink plumbing on libmnl: the rtnetlink and generic netlink sockets,
 * opened on first use; one request/reply exchange, dumps included, with
 * the kernel's errors reported from its extended ack; generic netlink
 * family lookup; attribute parsing.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "lsw.h"

/* As iproute2: large enough for what the kernel puts in one dump skb. */
#define NL_RCVBUF_SIZE	32768

struct lsw_nl {
	struct mnl_socket *rtnl;
	struct mnl_socket *genl;
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

/* The end of an exchange: an ack, or the error the kernel explains. */
static int nl_report(struct nl_xfer *x, const struct nlmsghdr *nlh,
		     int error, size_t tlv_offset)
{
	static const enum mnl_attr_data_type policy[NLMSGERR_ATTR_MAX + 1] = {
		[NLMSGERR_ATTR_MSG] = MNL_TYPE_NUL_STRING,
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
	if (x->error != x->quiet)
		fprintf(stderr, "Error: %s\n", msg ? msg : strerror(x->error));
	return MNL_CB_STOP;
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

/*
 * Sends @nlh and feeds each message of the reply to @cb until the ack or
 * the end of the dump.  Returns 0; -1 after saying what failed; or the
 * kernel's errno, positive, if it is @quiet, unreported.
 */
static int nl_talk(struct lsw_ctx *ctx, int proto, struct nlmsghdr *nlh,
		   mnl_cb_t cb, void *data, int quiet)
{
	struct nl_xfer x = { .cb = cb, .data = data, .quiet = quiet };
	struct lsw_nl *nl = ctx->nl;
	struct mnl_socket **sockp;
	unsigned int seq, portid;
	int ret = MNL_CB_OK;
	ssize_t len;

	sockp = proto == NETLINK_GENERIC ? &nl->genl : &nl->rtnl;
	if (!*sockp) {
		*sockp = nl_open(proto);
		if (!*sockp)
			return -1;
	}

	/* Only an ack tells when a reply that is not a dump is over. */
	if ((nlh->nlmsg_flags & NLM_F_DUMP) != NLM_F_DUMP)
		nlh->nlmsg_flags |= NLM_F_ACK;
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
		ret = mnl_cb_run2(nl->rsp.buf, len, seq, portid, nl_data_cb,
				  &x, nl_ctl_cb, LSW_ARRAY_SIZE(nl_ctl_cb));
	} while (len < 0 || ret > MNL_CB_STOP);

	if (ret == MNL_CB_ERROR) {
		if (!x.cb_failed)
			fprintf(stderr, "lsw: bad reply from the kernel: %s\n",
				strerror(errno));
		goto broken;
	}
	if (x.error)
		return x.error == quiet ? x.error : -1;
	if (x.intr) {
		fprintf(stderr,
			"lsw: the dump changed while read, and may be inconsistent; try again\n");
		return -1;
	}
	return 0;

broken:
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
 */
int lsw_nl_request(struct lsw_ctx *ctx, int proto, struct nlmsghdr *nlh,
		   mnl_cb_t cb, void *data)
{
	return nl_talk(ctx, proto, nlh, cb, data, 0) ? -1 : 0;
}

static int nl_family_cb(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type policy[CTRL_ATTR_MAX + 1] = {
		[CTRL_ATTR_FAMILY_ID] = MNL_TYPE_U16,
	};
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];
	int *id = data;

	lsw_nl_parse(nlh, sizeof(struct genlmsghdr), tb, CTRL_ATTR_MAX, policy);
	if (tb[CTRL_ATTR_FAMILY_ID])
		*id = mnl_attr_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	return MNL_CB_OK;
}

/* The id of generic netlink family @name, or -1 after saying why. */
int lsw_nl_genl_family(struct lsw_ctx *ctx, const char *name)
{
	struct nlmsghdr *nlh;
	int id = -1, ret;

	nlh = lsw_nl_genl_msg(ctx, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, name);

	ret = nl_talk(ctx, NETLINK_GENERIC, nlh, nl_family_cb, &id, ENOENT);
	if (ret == ENOENT) {
		fprintf(stderr,
			"lsw: generic netlink family \"%s\" not found (is the lsw module loaded?)\n",
			name);
		return -1;
	}
	if (ret)
		return -1;
	if (id < 0) {
		fprintf(stderr,
			"lsw: no id for generic netlink family \"%s\" in the kernel's reply\n",
			name);
		return -1;
	}
	return id;
}
