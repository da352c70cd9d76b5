// SPDX-License-Identifier: GPL-2.0-only
/*
 * HAVE_VFIO_ALLOC_DEVICE: a driver allocates the state that embeds its
 * struct vfio_device with vfio_alloc_device(), which calls
 * vfio_device_ops.init; vfio_put_device() ends it through .release.  New in
 * v6.1 ("vfio: Add helpers for unifying vfio_device life cycle").  Before
 * that (5.10) an mdev driver had no vfio_device at all: vfio_mdev.ko made
 * one per mdev and called the parent's mdev_parent_ops.
 */
#include <linux/vfio.h>

#ifndef VB_PROBE_SANITY
struct vb_probe_state {
	struct vfio_device vdev;
};

struct vb_probe_state *vb_probe(struct device *dev,
				const struct vfio_device_ops *ops);
struct vb_probe_state *vb_probe(struct device *dev,
				const struct vfio_device_ops *ops)
{
	return vfio_alloc_device(vb_probe_state, vdev, dev, ops);
}
#endif
