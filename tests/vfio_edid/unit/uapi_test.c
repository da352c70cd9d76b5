// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checks the GFX part of the VFIO uapi as seen through include/linux/vfio.h.
 * Built twice by the run script: against the installed uapi header, and
 * against old-uapi/ which lacks the GFX definitions so that the shim's own
 * ones (and their static assertions) are used.
 */
#include <stdio.h>
#include <stddef.h>
#include <linux/vfio.h>

#if defined(VB_EXPECT_OLD_UAPI) && !defined(_VB_OLD_UAPI_VFIO_H)
#error "include_next did not reach old-uapi/linux/vfio.h"
#endif

static int num, fail;

static void result(int ok, const char *name)
{
	printf("%sok %d - %s: %s\n", ok ? "" : "not ", ++num, VB_UAPI_SRC,
	       name);
	if (!ok)
		fail++;
}

int main(void)
{
	struct vfio_device_gfx_plane_info p;

	printf("TAP version 13\n");
	result(VFIO_REGION_TYPE_GFX == 1, "VFIO_REGION_TYPE_GFX");
	result(VFIO_REGION_SUBTYPE_GFX_EDID == 1, "VFIO_REGION_SUBTYPE_GFX_EDID");
	result(VFIO_DEVICE_GFX_LINK_STATE_UP == 1 &&
	       VFIO_DEVICE_GFX_LINK_STATE_DOWN == 2, "link state values");
	result(sizeof(struct vfio_region_gfx_edid) == 24 &&
	       offsetof(struct vfio_region_gfx_edid, link_state) == 20,
	       "vfio_region_gfx_edid layout");
	result(VFIO_GFX_PLANE_TYPE_PROBE == 1 &&
	       VFIO_GFX_PLANE_TYPE_DMABUF == 2 &&
	       VFIO_GFX_PLANE_TYPE_REGION == 4, "plane type flags");
	result(_IO(';', 100 + 14) == VFIO_DEVICE_QUERY_GFX_PLANE,
	       "VFIO_DEVICE_QUERY_GFX_PLANE");
	result(_IO(';', 100 + 15) == VFIO_DEVICE_GET_GFX_DMABUF,
	       "VFIO_DEVICE_GET_GFX_DMABUF");
	result(offsetof(struct vfio_device_gfx_plane_info, dmabuf_id) ==
	       offsetof(struct vfio_device_gfx_plane_info, region_index) &&
	       sizeof(p) == 64, "vfio_device_gfx_plane_info layout");
	printf("1..%d\n", num);
	return fail ? 1 : 0;
}
