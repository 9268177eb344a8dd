// SPDX-License-Identifier: GPL-2.0
/*
 * The Geneve header (RFC 8926, section 3.4):
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |Ver|  Opt Len  |O|C|    Rsvd.  |          Protocol Type        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |        Virtual Network Identifier (VNI)       |    Reserved   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Variable-Length Options                    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * and each option (section 3.5):
 *
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |          Option Class         |C|    Type     |R|R|R| Length  |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                 Variable-Length Option Data                   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Opt Len and an option's Length count 4-byte words, the option header
 * excluded from the latter.
 *
 * lsw sends version 0, no options, Transparent Ethernet Bridging.  It
 * takes what a switch can use: version 0 (a later version may move every
 * field), Ethernet frames, and no option it would have to understand.
 * lsw implements no option, so the C bit (some option is critical) or
 * an option with the critical bit set (RFC 8926 section 3.5.1: a
 * receiver that does not understand it MUST drop the packet) makes it
 * drop the packet; other options are skipped.  An OAM packet (O bit) is
 * control traffic for the tunnel endpoint, which lsw does not speak,
 * and never a VM's: it is dropped too (section 3.4: it MUST NOT be
 * forwarded to a tenant).  The reserved fields are ignored, as the RFC
 * asks.
 *
 * A switch with OVN metadata speaks one option, OVN's (ovn-architecture(7),
 * "Tunnel Encapsulations"): class 0x0102 (Open vSwitch), type 0x80
 * (critical), one word of data,
 *
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |R|  Logical Ingress Port Key   |    Logical Egress Port Key    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * It sends it on every packet, with the C bit set, and requires it of
 * every packet it takes, once, with that length and R clear: OVN never
 * sends another, and an OVS chassis drops a packet without it.  The C
 * bit is not checked on receipt, the options are: any other critical
 * option is still one lsw does not understand.
 *
 * lsw marks a copy for a proxy to replicate in its segment (two-tier
 * replication, repl.c) with an option of its own, in the range RFC 8926
 * keeps for experimental use (section 7.2): class 0xfff0, type 0x01 (not
 * critical), no data, the option header alone.  It goes only to VTEPs
 * flagged as lsw's; another receiver would skip it, as the RFC asks.
 */

#include <linux/if_ether.h>
#include <linux/skbuff.h>

#include "lsw.h"

/* The fixed part of the header. */
struct lsw_geneve_hdr {
	u8 ver_optlen;			/* Ver: 2 bits, Opt Len: 6 bits */
	u8 flags;			/* O, C, reserved */
	__be16 proto;
	u8 vni[3];
	u8 rsvd;
};

/* An option's header. */
struct lsw_geneve_opt {
	__be16 class;
	u8 type;			/* C (critical), then the type */
	u8 len;				/* 3 reserved bits, Length: 5 bits */
};

#define LSW_GENEVE_VER_SHIFT	6
#define LSW_GENEVE_OPTLEN_MASK	0x3f
#define LSW_GENEVE_F_OAM	0x80
#define LSW_GENEVE_F_CRIT	0x40
#define LSW_GENEVE_OPT_CRIT	0x80
#define LSW_GENEVE_OPT_LEN_MASK	0x1f

/* lsw's replication mark: experimental class, a type not critical. */
#define LSW_MARK_OPT_CLASS	0xfff0
#define LSW_MARK_OPT_TYPE	0x01

/* OVN's option: the class of Open vSwitch, the type of OVN's metadata. */
#define LSW_OVN_OPT_CLASS	0x0102
#define LSW_OVN_OPT_TYPE	0x80
#define LSW_OVN_OPT_RSVD	BIT(31)

static_assert(sizeof(struct lsw_geneve_hdr) == LSW_ENCAP_HLEN);
static_assert(sizeof(struct lsw_geneve_opt) == 4);
static_assert(sizeof(struct lsw_geneve_opt) + 4 == LSW_OVN_OPT_LEN);
static_assert(sizeof(struct lsw_geneve_opt) == LSW_MARK_OPT_LEN);

/*
 * Put the Geneve header in front of the frame at skb->data, with OVN's
 * option of data @ovn unless it is 0 (no OVN metadata: a frame with it
 * always has an ingress and an egress key), and lsw's mark if @marked.
 * The caller made room for it (skb_cow_head()).
 */
void lsw_geneve_push(struct sk_buff *skb, u32 vni, u32 ovn, bool marked)
{
	struct lsw_geneve_hdr *gh;
	struct lsw_geneve_opt *opt;
	u8 optlen = 0, flags = 0;

	if (marked) {
		opt = __skb_push(skb, sizeof(*opt));
		opt->class = htons(LSW_MARK_OPT_CLASS);
		opt->type = LSW_MARK_OPT_TYPE;
		opt->len = 0;
		optlen = LSW_MARK_OPT_LEN / 4;
	}

	if (ovn) {
		__be32 data = htonl(ovn);

		memcpy(__skb_push(skb, sizeof(data)), &data, sizeof(data));
		opt = __skb_push(skb, sizeof(*opt));
		opt->class = htons(LSW_OVN_OPT_CLASS);
		opt->type = LSW_OVN_OPT_TYPE;
		opt->len = 1;
		optlen += LSW_OVN_OPT_LEN / 4;
		flags = LSW_GENEVE_F_CRIT;
	}

	gh = __skb_push(skb, sizeof(*gh));
	gh->ver_optlen = optlen;
	gh->flags = flags;
	gh->proto = htons(ETH_P_TEB);
	gh->vni[0] = vni >> 16;
	gh->vni[1] = vni >> 8;
	gh->vni[2] = vni;
	gh->rsvd = 0;
}

/* The VNI field of the header at @hdr, whatever the rest says. */
u32 lsw_geneve_vni(const void *hdr)
{
	const struct lsw_geneve_hdr *gh = hdr;

	return gh->vni[0] << 16 | gh->vni[1] << 8 | gh->vni[2];
}

/* The header's length with its options, from its fixed part at @hdr. */
unsigned int lsw_geneve_hlen(const void *hdr)
{
	const struct lsw_geneve_hdr *gh = hdr;

	return sizeof(*gh) + (gh->ver_optlen & LSW_GENEVE_OPTLEN_MASK) * 4;
}

/*
 * Whether the fixed part of the header at @hdr is one lsw may take, its
 * options aside: version 0, an Ethernet frame inside.
 */
bool lsw_geneve_valid(const void *hdr)
{
	const struct lsw_geneve_hdr *gh = hdr;

	return !(gh->ver_optlen >> LSW_GENEVE_VER_SHIFT) &&
	       gh->proto == htons(ETH_P_TEB);
}

static bool lsw_geneve_is_ovn(const struct lsw_geneve_opt *opt)
{
	return opt->class == htons(LSW_OVN_OPT_CLASS) &&
	       opt->type == LSW_OVN_OPT_TYPE;
}

static bool lsw_geneve_is_mark(const struct lsw_geneve_opt *opt)
{
	return opt->class == htons(LSW_MARK_OPT_CLASS) &&
	       opt->type == LSW_MARK_OPT_TYPE &&
	       !(opt->len & LSW_GENEVE_OPT_LEN_MASK);
}

/*
 * Check a whole header, options included, at @hdr: lsw_geneve_hlen()
 * bytes of it are at hand.  @ovn is NULL for a switch without metadata;
 * with OVN metadata, OVN's option is required, and its data goes to
 * *@ovn.  *@marked says whether lsw's mark is among the options (NULL:
 * no matter).  Returns 0 if lsw takes the packet, else the counter to
 * drop it under (LSW_STAT()).
 */
unsigned int lsw_geneve_check(const void *hdr, u32 *ovn, bool *marked)
{
	const struct lsw_geneve_hdr *gh = hdr;
	unsigned int off = sizeof(*gh), hlen = lsw_geneve_hlen(hdr);
	bool found = false;

	if (marked)
		*marked = false;
	if (!lsw_geneve_valid(hdr))
		return LSW_STAT(DROP_MALFORMED);
	if (gh->flags & LSW_GENEVE_F_OAM)
		return LSW_STAT(DROP_OAM);
	/* Without metadata, no option is critical to lsw: C says enough. */
	if (!ovn && (gh->flags & LSW_GENEVE_F_CRIT))
		return LSW_STAT(DROP_CRIT_OPT);

	/* A sender may leave C clear and still mark an option critical:
	 * the options themselves have the last word.  Options are whole
	 * words, so each option header is within the options.
	 */
	while (off < hlen) {
		const struct lsw_geneve_opt *opt = hdr + off;
		unsigned int len = (opt->len & LSW_GENEVE_OPT_LEN_MASK) * 4;

		if (ovn && lsw_geneve_is_ovn(opt)) {
			__be32 data;

			/* Once, one word, and that word within the options. */
			if (found || len != sizeof(data) ||
			    off + sizeof(*opt) + sizeof(data) > hlen)
				return LSW_STAT(DROP_OVN_OPT);
			memcpy(&data, opt + 1, sizeof(data));
			*ovn = ntohl(data);
			if (*ovn & LSW_OVN_OPT_RSVD)
				return LSW_STAT(DROP_OVN_OPT);
			found = true;
		} else if (lsw_geneve_is_mark(opt)) {
			if (marked)
				*marked = true;
		} else if (opt->type & LSW_GENEVE_OPT_CRIT) {
			return LSW_STAT(DROP_CRIT_OPT);
		}
		off += sizeof(*opt) + len;
	}
	/* The last option must end where Opt Len says the options do. */
	if (off != hlen)
		return LSW_STAT(DROP_MALFORMED);
	if (ovn && !found)
		return LSW_STAT(DROP_OVN_OPT);
	return 0;
}
