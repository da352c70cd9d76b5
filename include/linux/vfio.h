/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim for <linux/vfio.h>: the graphics part of the VFIO uapi.
 *
 * Used from kernel modules (where the next header is the kernel's
 * include/linux/vfio.h, which pulls in the uapi) and from userspace test
 * programs built with -Iinclude (where the next header is the installed
 * uapi header).  Everything below is defined only if the header we wrap
 * does not already provide it.  The layouts are ABI: they are pinned with
 * static assertions that check whichever definition is in effect.
 */
#ifndef _VB_LINUX_VFIO_H
#define _VB_LINUX_VFIO_H

#include_next <linux/vfio.h>

#ifdef __KERNEL__
#include <linux/stddef.h>
#else
#include <stddef.h>
#endif

#ifndef VFIO_REGION_TYPE_GFX
#define VFIO_REGION_TYPE_GFX			(1)
#endif

#ifndef VFIO_REGION_SUBTYPE_GFX_EDID
#define VFIO_REGION_SUBTYPE_GFX_EDID		(1)

/*
 * Register block at the start of a GFX EDID region; the EDID blob itself
 * lives at edid_offset within the same region.  Only edid_size and
 * link_state are writable.
 */
struct vfio_region_gfx_edid {
	__u32 edid_offset;	/* RO: where the blob starts */
	__u32 edid_max_size;	/* RO: room for the blob, in bytes */
	__u32 edid_size;	/* RW: bytes of the blob in use */
	__u32 max_xres;		/* RO: largest width, 0 if unlimited */
	__u32 max_yres;		/* RO: largest height, 0 if unlimited */
	__u32 link_state;	/* RW: VFIO_DEVICE_GFX_LINK_STATE_* */
#define VFIO_DEVICE_GFX_LINK_STATE_UP		1
#define VFIO_DEVICE_GFX_LINK_STATE_DOWN		2
};
#endif /* VFIO_REGION_SUBTYPE_GFX_EDID */

#ifndef VFIO_DEVICE_QUERY_GFX_PLANE
/*
 * Argument of VFIO_DEVICE_QUERY_GFX_PLANE.  With PROBE set together with
 * DMABUF or REGION the call only asks whether that kind of plane is
 * supported; without PROBE it describes the plane currently shown.
 */
struct vfio_device_gfx_plane_info {
	__u32 argsz;
	__u32 flags;
#define VFIO_GFX_PLANE_TYPE_PROBE		(1 << 0)
#define VFIO_GFX_PLANE_TYPE_DMABUF		(1 << 1)
#define VFIO_GFX_PLANE_TYPE_REGION		(1 << 2)
	__u32 drm_plane_type;	/* in: DRM_PLANE_TYPE_* */
	__u32 drm_format;	/* out: DRM fourcc */
	__u64 drm_format_mod;	/* out: DRM format modifier */
	__u32 width;
	__u32 height;
	__u32 stride;
	__u32 size;		/* bytes, page aligned */
	__u32 x_pos;		/* cursor plane position */
	__u32 y_pos;
	__u32 x_hot;		/* cursor hotspot */
	__u32 y_hot;
	union {
		__u32 region_index;	/* with VFIO_GFX_PLANE_TYPE_REGION */
		__u32 dmabuf_id;	/* with VFIO_GFX_PLANE_TYPE_DMABUF */
	};
};

#define VFIO_DEVICE_QUERY_GFX_PLANE	_IO(VFIO_TYPE, VFIO_BASE + 14)
#endif /* VFIO_DEVICE_QUERY_GFX_PLANE */

#ifndef VFIO_DEVICE_GET_GFX_DMABUF
/* Takes a __u32 dmabuf_id from QUERY_GFX_PLANE, returns a dma-buf fd. */
#define VFIO_DEVICE_GET_GFX_DMABUF	_IO(VFIO_TYPE, VFIO_BASE + 15)
#endif

_Static_assert(offsetof(struct vfio_region_gfx_edid, edid_offset) == 0,
	       "vfio_region_gfx_edid.edid_offset");
_Static_assert(offsetof(struct vfio_region_gfx_edid, edid_max_size) == 4,
	       "vfio_region_gfx_edid.edid_max_size");
_Static_assert(offsetof(struct vfio_region_gfx_edid, edid_size) == 8,
	       "vfio_region_gfx_edid.edid_size");
_Static_assert(offsetof(struct vfio_region_gfx_edid, max_xres) == 12,
	       "vfio_region_gfx_edid.max_xres");
_Static_assert(offsetof(struct vfio_region_gfx_edid, max_yres) == 16,
	       "vfio_region_gfx_edid.max_yres");
_Static_assert(offsetof(struct vfio_region_gfx_edid, link_state) == 20,
	       "vfio_region_gfx_edid.link_state");
_Static_assert(sizeof(struct vfio_region_gfx_edid) == 24,
	       "sizeof(struct vfio_region_gfx_edid)");

_Static_assert(offsetof(struct vfio_device_gfx_plane_info, drm_plane_type) == 8,
	       "vfio_device_gfx_plane_info.drm_plane_type");
_Static_assert(offsetof(struct vfio_device_gfx_plane_info, drm_format_mod) == 16,
	       "vfio_device_gfx_plane_info.drm_format_mod");
_Static_assert(offsetof(struct vfio_device_gfx_plane_info, size) == 36,
	       "vfio_device_gfx_plane_info.size");
_Static_assert(offsetof(struct vfio_device_gfx_plane_info, y_hot) == 52,
	       "vfio_device_gfx_plane_info.y_hot");
_Static_assert(offsetof(struct vfio_device_gfx_plane_info, dmabuf_id) == 56,
	       "vfio_device_gfx_plane_info.dmabuf_id");

#endif /* _VB_LINUX_VFIO_H */
