/* SPDX-License-Identifier: GPL-2.0-only */
/* vfio_edid: state shared between the files of the module. */
#ifndef _VFIO_EDID_INTERNAL_H
#define _VFIO_EDID_INTERNAL_H

#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/vfio.h>

#include "vfio_edid.h"

/*
 * Two locks so that the driver callback can run without the state lock:
 * @link_lock is held across a link transition and its callback, which
 * keeps callbacks ordered; @lock protects the fields below and is never
 * held while calling out or touching user memory.  Order: link_lock, lock.
 */
struct vfio_edid {
	struct mutex link_lock;		/* held across a transition */
	struct mutex lock;		/* protects the state below */
	struct device *dev;
	const struct vfio_edid_ops *ops;
	void *priv;
	struct vfio_region_gfx_edid regs;
	/* Preferred mode after clamping; valid while the link is up. */
	struct vfio_edid_mode mode;
	u8 *blob;
	struct dentry *debugfs;
};

static inline bool vfio_edid_link_up(const struct vfio_edid *e)
{
	return e->regs.link_state == VFIO_DEVICE_GFX_LINK_STATE_UP;
}

int vfio_edid_parse_res(const char __user *ubuf, size_t count,
			u32 *xres, u32 *yres);
void vfio_edid_debugfs_init(struct dentry *root);
int vfio_edid_loopback_init(struct dentry *root);
void vfio_edid_loopback_exit(void);

#endif /* _VFIO_EDID_INTERNAL_H */
