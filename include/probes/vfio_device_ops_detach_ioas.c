// SPDX-License-Identifier: GPL-2.0-only
/*
 * HAVE_VFIO_DEVICE_OPS_DETACH_IOAS: struct vfio_device_ops has detach_ioas,
 * with vfio_iommufd_emulated_detach_ioas() for emulated-IOMMU drivers.
 * Added after the other iommufd members (v6.6, detach_ioas support for
 * emulated VFIO devices; present in 6.12).
 */
#include <linux/vfio.h>

#ifndef VB_PROBE_SANITY
const struct vfio_device_ops vb_probe_ops = {
	.detach_ioas = vfio_iommufd_emulated_detach_ioas,
};
#endif
