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
 * does not, and would be misunderstood.
 */

#include <linux/skbuff.h>
#include <net/vxlan.h>

#include "lsw.h"

static_assert(sizeof(struct vxlanhdr) == LSW_ENCAP_HLEN);

/*
 * Put the VXLAN header in front of the frame at skb->data.  The caller
 * made room for it (skb_cow_head()).
 */
void lsw_vxlan_push(struct sk_buff *skb, u32 vni)
{
	struct vxlanhdr *vxh = __skb_push(skb, sizeof(*vxh));

	vxh->vx_flags = VXLAN_HF_VNI;
	vxh->vx_vni = cpu_to_be32(vni << 8);
}

/* The VNI field of the header at @hdr, whatever its flags say. */
u32 lsw_vxlan_vni(const void *hdr)
{
	const struct vxlanhdr *vxh = hdr;

	return be32_to_cpu(vxh->vx_vni) >> 8;
}

/* Whether the header at @hdr is one lsw takes: I set, the rest zero. */
bool lsw_vxlan_valid(const void *hdr)
{
	const struct vxlanhdr *vxh = hdr;

	return vxh->vx_flags == VXLAN_HF_VNI &&
	       !(vxh->vx_vni & ~VXLAN_VNI_MASK);
}
