// SPDX-License-Identifier: GPL-2.0-only
/*
 * HAVE_VFIO_DEVICE_OPS_BIND_IOMMUFD: struct vfio_device_ops has the iommufd
 * members (bind_iommufd, unbind_iommufd, attach_ioas), which emulated-IOMMU
 * drivers fill with the vfio_iommufd_emulated_*() helpers.  Added in v6.2
 * with iommufd support for emulated VFIO devices (absent from 6.1, present
 * in 6.12).
 */
#include <linux/vfio.h>

#ifndef VB_PROBE_SANITY
const struct vfio_device_ops vb_probe_ops = {
	.bind_iommufd = vfio_iommufd_emulated_bind,
	.unbind_iommufd = vfio_iommufd_emulated_unbind,
	.attach_ioas = vfio_iommufd_emulated_attach_ioas,
};
#endif
