// SPDX-License-Identifier: GPL-2.0-only
/*
 * HAVE_VFIO_INFO_ADD_CAPABILITY: vfio_info_add_capability() appends a
 * capability to a VFIO_DEVICE_GET_*_INFO reply.  Exported since v4.13
 * (commit b3c0a866f177 "vfio: Introduce common function to add capabilities").
 */
#include <linux/vfio.h>

#ifndef VB_PROBE_SANITY
int vb_probe(struct vfio_info_cap *caps, struct vfio_info_cap_header *hdr);
int vb_probe(struct vfio_info_cap *caps, struct vfio_info_cap_header *hdr)
{
	return vfio_info_add_capability(caps, hdr, sizeof(*hdr));
}
#endif
