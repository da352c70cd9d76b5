/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vfio_edid: the VFIO GFX EDID region for vGPU drivers.
 *
 * A driver creates one instance per device, reports the region with
 * vfio_edid_region_info() and forwards region reads and writes to
 * vfio_edid_region_rw().  Region layout (all offsets in bytes):
 *
 *   0x000  struct vfio_region_gfx_edid, six 32-bit registers in host
 *          byte order, each accessed as exactly 4 aligned bytes
 *   0x018  gap, no access
 *   0x800  the EDID blob, edid_max_size bytes, any length and alignment
 *
 * The blob offset matches the upstream mbochs sample, so userspace that
 * hard-coded it keeps working.  Errors: -EPERM for a write to a read-only
 * register, -EBUSY for a blob or size write while the link is up, -EINVAL
 * for anything malformed.  A refused access changes nothing.
 */
#ifndef _VFIO_EDID_H
#define _VFIO_EDID_H

#include <linux/types.h>

#include "edid.h"

struct dentry;
struct device;
struct vfio_edid;
struct vfio_info_cap;
struct vfio_region_info;

#define VFIO_EDID_BLOB_OFFSET	0x800

/**
 * struct vfio_edid_ops - callbacks from a vfio_edid instance to its driver
 * @link_change: the guest-visible link went up (@up true, with the
 *	preferred mode of the new EDID clamped to the instance's maximum)
 *	or down (@up false, @xres and @yres 0).  Called synchronously from
 *	the vfio_edid_region_rw() or vfio_edid_load_default() call that
 *	changed the link, so locks the caller holds around those calls are
 *	held here too.  The instance's state lock is not held: the callback
 *	may use vfio_edid_copy_blob(), but must not change the link state of
 *	the same instance.  Callbacks of one instance never overlap and
 *	arrive in the order of the transitions.  May be NULL.
 */
struct vfio_edid_ops {
	void (*link_change)(void *priv, bool up, u32 xres, u32 yres);
};

struct vfio_edid *vfio_edid_create(struct device *dev, u32 max_size,
				   u32 max_xres, u32 max_yres,
				   const struct vfio_edid_ops *ops, void *priv);
void vfio_edid_destroy(struct vfio_edid *e);
int vfio_edid_region_info(struct vfio_edid *e, struct vfio_region_info *info,
			  struct vfio_info_cap *caps);
ssize_t vfio_edid_region_rw(struct vfio_edid *e, char __user *buf,
			    size_t count, loff_t off, bool write);
int vfio_edid_load_default(struct vfio_edid *e, u32 xres, u32 yres,
			   const char *name);
size_t vfio_edid_copy_blob(struct vfio_edid *e, void *dst, size_t len);
void vfio_edid_debugfs_add(struct vfio_edid *e, struct dentry *parent);

#endif /* _VFIO_EDID_H */
