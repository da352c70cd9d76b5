/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim for <linux/vfio.h>: the graphics part of the VFIO uapi.
 *
 * Used from kernel modules (where the next header is the kernel's own
 * VFIO header, which pulls in the uapi) and from userspace test programs
 * built with -Iinclude (where the next header is the installed uapi).
 * Everything below is defined only if the header we wrap does not already
 * provide it.  The layouts are ABI: they are pinned with
 * static assertions that check whichever definition is in effect.
 */
#ifndef _VB_LINUX_VFIO_H
#define _VB_LINUX_VFIO_H

#include_next <linux/vfio.h>

#ifdef __KERNEL__
#include <linux/build_bug.h>
#include <linux/stddef.h>
#else
#include <assert.h>
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
#define VFIO_GFX_PLANE_TYPE_PROBE		0x1
#define VFIO_GFX_PLANE_TYPE_DMABUF		0x2
#define VFIO_GFX_PLANE_TYPE_REGION		0x4
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

static_assert(offsetof(struct vfio_region_gfx_edid, edid_offset) == 0,
	      "vfio_region_gfx_edid.edid_offset");
static_assert(offsetof(struct vfio_region_gfx_edid, edid_max_size) == 4,
	      "vfio_region_gfx_edid.edid_max_size");
static_assert(offsetof(struct vfio_region_gfx_edid, edid_size) == 8,
	      "vfio_region_gfx_edid.edid_size");
static_assert(offsetof(struct vfio_region_gfx_edid, max_xres) == 12,
	      "vfio_region_gfx_edid.max_xres");
static_assert(offsetof(struct vfio_region_gfx_edid, max_yres) == 16,
	      "vfio_region_gfx_edid.max_yres");
static_assert(offsetof(struct vfio_region_gfx_edid, link_state) == 20,
	      "vfio_region_gfx_edid.link_state");
static_assert(sizeof(struct vfio_region_gfx_edid) == 24,
	      "sizeof(struct vfio_region_gfx_edid)");

static_assert(offsetof(struct vfio_device_gfx_plane_info, drm_plane_type) == 8,
	      "vfio_device_gfx_plane_info.drm_plane_type");
static_assert(offsetof(struct vfio_device_gfx_plane_info, drm_format_mod) == 16,
	      "vfio_device_gfx_plane_info.drm_format_mod");
static_assert(offsetof(struct vfio_device_gfx_plane_info, size) == 36,
	      "vfio_device_gfx_plane_info.size");
static_assert(offsetof(struct vfio_device_gfx_plane_info, y_hot) == 52,
	      "vfio_device_gfx_plane_info.y_hot");
static_assert(offsetof(struct vfio_device_gfx_plane_info, dmabuf_id) == 56,
	      "vfio_device_gfx_plane_info.dmabuf_id");

#ifdef __KERNEL__
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <vb_probes.h>

#ifndef HAVE_VFIO_ALLOC_DEVICE
#include <vb/vfio_device.h>
#endif

struct vfio_device;

/*
 * vfio_device_ops members that only some kernels have.  A driver lists
 * them in its ops initializer; each expands to nothing where the kernel
 * lacks the member (and then does not need it).
 */
#if defined(HAVE_VFIO_DEVICE_OPS_DETACH_IOAS)
#define VFIO_OPS_IOMMUFD_EMULATED					\
	.bind_iommufd = vfio_iommufd_emulated_bind,			\
	.unbind_iommufd = vfio_iommufd_emulated_unbind,			\
	.attach_ioas = vfio_iommufd_emulated_attach_ioas,		\
	.detach_ioas = vfio_iommufd_emulated_detach_ioas,
#elif defined(HAVE_VFIO_DEVICE_OPS_BIND_IOMMUFD)
#define VFIO_OPS_IOMMUFD_EMULATED					\
	.bind_iommufd = vfio_iommufd_emulated_bind,			\
	.unbind_iommufd = vfio_iommufd_emulated_unbind,			\
	.attach_ioas = vfio_iommufd_emulated_attach_ioas,
#else
#define VFIO_OPS_IOMMUFD_EMULATED
#endif

#ifdef HAVE_VFIO_DEVICE_OPS_GET_REGION_INFO_CAPS
#define VFIO_OPS_GET_REGION_INFO_CAPS(fn)	.get_region_info_caps = (fn),
#else
#define VFIO_OPS_GET_REGION_INFO_CAPS(fn)
#endif

/**
 * vfio_get_region_info_ioctl() - answer VFIO_DEVICE_GET_REGION_INFO
 * @vdev: the device
 * @arg: the user's struct vfio_region_info
 * @get: the driver's get_region_info_caps implementation
 *
 * Kernels with vfio_device_ops.get_region_info_caps do this in the core and
 * never pass the command to the driver's ioctl(); older ones do, and the
 * driver calls this from there.  An argsz larger than the structure is
 * accepted; the capability chain is returned only if it fits.
 *
 * Return: 0 or a negative errno.
 */
static inline long
vfio_get_region_info_ioctl(struct vfio_device *vdev, void __user *arg,
			   int (*get)(struct vfio_device *vdev,
				      struct vfio_region_info *info,
				      struct vfio_info_cap *caps))
{
	unsigned long minsz = offsetofend(struct vfio_region_info, offset);
	struct vfio_region_info __user *uinfo = arg;
	struct vfio_region_info info = {};
	struct vfio_info_cap caps = {};
	long ret;

	if (copy_from_user(&info, uinfo, minsz))
		return -EFAULT;
	if (info.argsz < minsz)
		return -EINVAL;

	ret = get(vdev, &info, &caps);
	if (ret)
		goto out;

	if (caps.size) {
		info.flags |= VFIO_REGION_INFO_FLAG_CAPS;
		if (info.argsz < sizeof(info) + caps.size) {
			/* Tell the user how much room the chain needs. */
			info.argsz = sizeof(info) + caps.size;
			info.cap_offset = 0;
		} else {
			vfio_info_cap_shift(&caps, sizeof(info));
			if (copy_to_user(uinfo + 1, caps.buf, caps.size)) {
				ret = -EFAULT;
				goto out;
			}
			info.cap_offset = sizeof(info);
		}
	}
	if (copy_to_user(uinfo, &info, minsz))
		ret = -EFAULT;
out:
	kfree(caps.buf);
	return ret;
}

/**
 * vb_vfio_release_done() - end a vfio_device_ops.release callback
 * @vdev: the device being released
 *
 * In v6.1 the driver's release callback had to free the device with
 * vfio_free_device(); from v6.2 the core frees it after the callback.
 */
static inline void vb_vfio_release_done(struct vfio_device *vdev)
{
#ifdef HAVE_VFIO_FREE_DEVICE
	vfio_free_device(vdev);
#endif
}
#endif /* __KERNEL__ */

#endif /* _VB_LINUX_VFIO_H */
