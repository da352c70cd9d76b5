// SPDX-License-Identifier: GPL-2.0-only
/*
 * HAVE_VFIO_FREE_DEVICE: a driver's vfio_device_ops.release must end with
 * vfio_free_device().  True in v6.1 only: the helper came with
 * vfio_alloc_device() and the unified vfio_device life cycle (v6.1), and
 * was removed in v6.2 when the core started freeing the device itself.
 */
#include <linux/vfio.h>

#ifndef VB_PROBE_SANITY
void vb_probe(struct vfio_device *vdev);
void vb_probe(struct vfio_device *vdev)
{
	vfio_free_device(vdev);
}
#endif
