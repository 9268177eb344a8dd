// SPDX-License-Identifier: GPL-2.0
/*
 * Requests that write table entries (vtep, mac and arp add, replace and
 * del), and their coalescing under -batch.
 *
 * A controller installs tens of thousands of entries at a time; one
 * request and one ack per entry would make that a round trip per line.
 * The "lsw" family takes many entry nests in one NEW or DEL request, so
 * consecutive batch lines that differ only in their entry (same command,
 * same lsw device) are gathered here into one
 * request of up to LSW_BATCH_MSG_MAX bytes, sent when a line does not
 * fit in it, when any other request is about to go (nl.c sends what is
 * pending first, so the kernel sees everything in the order of the
 * file), and at the end of the batch.
 *
 * The kernel applies the entries in order and stops at the first that
 * fails, pointing at its offending attribute with NLMSGERR_ATTR_OFFS, a
 * byte offset in the request.  Each entry's place in the request is
 * recorded with its line, so that the error is reported against the
 * line it is about (lsw_batch_lines()).
 *
 * Outside of a batch the same requests carry one entry and go at once.
 */
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>

#include "lsw.h"

/* Where one entry nest lies in the pending request, and its line. */
struct batch_entry {
	uint32_t off;
	uint32_t len;
	unsigned int line;
};

struct lsw_batch {
	char *buf;		/* the pending request, @max bytes */
	size_t max;		/* 0 until the first entry */
	uint32_t head;		/* up to the entries: headers and ifindex */

	struct batch_entry *ents;	/* in the order of their offsets */
	size_t n;
	size_t cap;
};

struct lsw_batch *lsw_batch_new(void)
{
	struct lsw_batch *b = calloc(1, sizeof(*b));

	if (!b)
		fprintf(stderr, "lsw: out of memory\n");
	return b;
}

void lsw_batch_free(struct lsw_batch *b)
{
	if (!b)
		return;
	free(b->buf);
	free(b->ents);
	free(b);
}

/*
 * A request for @cmd on lsw device @ifindex, to which the caller adds
 * exactly one entry nest before lsw_batch_send().  NULL, after saying
 * why, if the "lsw" family is not there.
 */
struct nlmsghdr *lsw_batch_msg(struct lsw_ctx *ctx, uint8_t cmd,
			       uint16_t flags, uint32_t ifindex)
{
	struct nlmsghdr *nlh;
	int family;

	/* Before the request is built: the look-up uses the same buffer. */
	family = lsw_nl_family(ctx);
	if (family < 0)
		return NULL;
	nlh = lsw_nl_genl_msg(ctx, family, cmd, LSW_GENL_VERSION, flags);
	/* First, so that lsw_batch_send() finds where the entry starts. */
	mnl_attr_put_u32(nlh, LSW_A_IFINDEX, ifindex);
	return nlh;
}

/* The length of @nlh up to its entries: headers and LSW_A_IFINDEX. */
static uint32_t batch_head_len(const struct nlmsghdr *nlh)
{
	const struct nlattr *attr = mnl_nlmsg_get_payload_offset(nlh,
								 GENL_HDRLEN);

	return (const char *)mnl_attr_next(attr) - (const char *)nlh;
}

/* Whether @nlh goes in the same request as the pending entries. */
static bool batch_same(const struct lsw_batch *b, const struct nlmsghdr *nlh,
		       uint32_t head)
{
	const struct nlmsghdr *pending = (const struct nlmsghdr *)b->buf;

	/* Type, flags, command and ifindex; not the length. */
	return head == b->head &&
	       nlh->nlmsg_type == pending->nlmsg_type &&
	       nlh->nlmsg_flags == pending->nlmsg_flags &&
	       !memcmp((const char *)nlh + sizeof(*nlh),
		       b->buf + sizeof(*nlh), head - sizeof(*nlh));
}

static int batch_grow(struct lsw_batch *b)
{
	size_t cap = b->cap ? 2 * b->cap : 1024;
	struct batch_entry *ents;

	ents = realloc(b->ents, cap * sizeof(*ents));
	if (!ents) {
		fprintf(stderr, "lsw: out of memory\n");
		return -1;
	}
	b->ents = ents;
	b->cap = cap;
	return 0;
}

/*
 * Sends a request from lsw_batch_msg(), or, in a batch, adds its entry
 * to the pending request (sending that first if @nlh cannot join it).
 * Returns 0, or -1 after saying what failed: in a batch, a failure may
 * be that of an earlier line, reported as such.
 */
int lsw_batch_send(struct lsw_ctx *ctx, struct nlmsghdr *nlh)
{
	struct lsw_batch *b = ctx->batch;
	struct nlmsghdr *pending;
	struct batch_entry *e;
	uint32_t head, len;

	if (!b)
		return lsw_nl_request(ctx, NETLINK_GENERIC, nlh, NULL, NULL);

	head = batch_head_len(nlh);
	len = nlh->nlmsg_len - head;
	if (b->n && (!batch_same(b, nlh, head) ||
		     ((struct nlmsghdr *)b->buf)->nlmsg_len + len > b->max)) {
		if (lsw_batch_flush(ctx))
			return -1;
	}

	if (!b->buf) {
		b->max = lsw_nl_max_request(ctx);
		b->buf = malloc(b->max);
		if (!b->buf) {
			fprintf(stderr, "lsw: out of memory\n");
			return -1;
		}
	}
	if (!b->n) {
		memcpy(b->buf, nlh, head);
		b->head = head;
		((struct nlmsghdr *)b->buf)->nlmsg_len = head;
	}
	if (b->n == b->cap && batch_grow(b))
		return -1;

	pending = (struct nlmsghdr *)b->buf;
	e = &b->ents[b->n++];
	e->off = pending->nlmsg_len;
	e->len = len;
	e->line = ctx->lineno;
	memcpy(b->buf + e->off, (const char *)nlh + head, len);
	pending->nlmsg_len += len;
	return 0;
}

/* Sends the pending entries, if any.  0, or -1 after saying why. */
int lsw_batch_flush(struct lsw_ctx *ctx)
{
	struct lsw_batch *b = ctx->batch;
	int ret;

	if (!b || !b->n)
		return 0;
	ret = lsw_nl_request_lines(ctx, (struct nlmsghdr *)b->buf, b);
	/* Sent, applied or not: the kernel said what became of them. */
	b->n = 0;
	return ret;
}

/*
 * The batch lines an error about the pending request is about: the line
 * of the entry holding the attribute at offset @off, if the kernel named
 * one; else every line of the request, from @first to @last.
 */
void lsw_batch_lines(const struct lsw_batch *b, bool has_off, uint32_t off,
		     unsigned int *first, unsigned int *last)
{
	size_t lo = 0, hi = b->n, mid;

	if (!b->n)
		return;
	*first = b->ents[0].line;
	*last = b->ents[b->n - 1].line;
	if (!has_off)
		return;

	/* The last entry starting at or before @off: a binary search. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (b->ents[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	if (b->ents[lo].off <= off && off < b->ents[lo].off + b->ents[lo].len)
		*first = *last = b->ents[lo].line;
}
