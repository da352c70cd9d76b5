// SPDX-License-Identifier: GPL-2.0-only
/*
 * HAVE_VFIO_DEVICE_OPS_GET_REGION_INFO_CAPS: the VFIO core answers
 * VFIO_DEVICE_GET_REGION_INFO itself and asks the driver through
 * vfio_device_ops.get_region_info_caps; the driver's ioctl() no longer sees
 * that command.  New around v6.19 (absent from 6.12, present in 7.2).
 */
#include <linux/vfio.h>

#ifndef VB_PROBE_SANITY
static int vb_probe_caps(struct vfio_device *vdev,
			 struct vfio_region_info *info,
			 struct vfio_info_cap *caps)
{
	return 0;
}

const struct vfio_device_ops vb_probe_ops = {
	.get_region_info_caps = vb_probe_caps,
};
#endif
