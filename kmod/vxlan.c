// SPDX-License-Identifier: GPL-2.0
/*
 * The VXLAN header (RFC 7348, section 5):
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |R|R|R|R|I|R|R|R|            Reserved                           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                VXLAN Network Identifier (VNI) |   Reserved    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The RFC has receivers ignore the reserved bits.  lsw refuses a header
 * that sets any, as the kernel's vxlan does without its extensions: a
 * sender that sets them speaks an extension (GBP, GPE, ...) that lsw
 * does not, and would be misunderstood.  But one: lsw's own mark of a
 * copy for a proxy to replicate in its segment (two-tier replication,
 * repl.c), bit 15 of the first word, the last of the reserved byte after
 * the flags (0x00010000 as a big-endian word).  None of the extensions
 * the kernel knows (GBP's G, D and A bits, GPE's bits, remote checksum
 * offload) uses it, and lsw sends it only to VTEPs flagged as lsw's.
 */

#include <linux/skbuff.h>
#include <net/vxlan.h>

#include "lsw.h"

#define LSW_VXLAN_HF_MARK	cpu_to_be32(BIT(16))

static_assert(sizeof(struct vxlanhdr) == LSW_ENCAP_HLEN);

/*
 * Put the VXLAN header in front of the frame at skb->data, @marked for a
 * proxy.  The caller made room for it (skb_cow_head()).
 */
void lsw_vxlan_push(struct sk_buff *skb, u32 vni, bool marked)
{
	struct vxlanhdr *vxh = __skb_push(skb, sizeof(*vxh));

	vxh->vx_flags = VXLAN_HF_VNI | (marked ? LSW_VXLAN_HF_MARK : 0);
	vxh->vx_vni = cpu_to_be32(vni << 8);
}

/* The VNI field of the header at @hdr, whatever its flags say. */
u32 lsw_vxlan_vni(const void *hdr)
{
	const struct vxlanhdr *vxh = hdr;

	return be32_to_cpu(vxh->vx_vni) >> 8;
}

/*
 * Whether the header at @hdr is one lsw takes: I set, maybe lsw's mark,
 * the rest zero.
 */
bool lsw_vxlan_valid(const void *hdr)
{
	const struct vxlanhdr *vxh = hdr;

	return (vxh->vx_flags & ~LSW_VXLAN_HF_MARK) == VXLAN_HF_VNI &&
	       !(vxh->vx_vni & ~VXLAN_VNI_MASK);
}

/* Whether the valid header at @hdr carries lsw's mark. */
bool lsw_vxlan_marked(const void *hdr)
{
	const struct vxlanhdr *vxh = hdr;

	return vxh->vx_flags & LSW_VXLAN_HF_MARK;
}
