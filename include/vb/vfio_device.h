/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The mainline vfio_device life cycle (v6.1): a driver embeds struct
 * vfio_device first in its own state, allocates that with
 * vfio_alloc_device() (which calls vfio_device_ops.init), registers it,
 * and ends it with vfio_put_device() (which calls .release).  Included by
 * the <linux/vfio.h> shim on kernels without vfio_alloc_device().
 *
 * On those kernels (5.10) an emulated-IOMMU device can only be an mdev,
 * and the VFIO device of an mdev belongs to vfio_mdev.ko, which calls the
 * parent's mdev_parent_ops.  So this vfio_device is never seen by the VFIO
 * core: the mdev compat (include/vb/mdev_compat.c) attaches it to its mdev
 * when the driver registers it and forwards the mdev_parent_ops calls to
 * the vfio_device_ops below.
 *
 * The kernel already has a struct vfio_device and a struct vfio_device_ops
 * of another shape, so the mainline-shaped ones are called vb_* and the
 * mainline names are mapped to them for the driver (as the backports
 * project does), except in the compat's own code (VB_COMPAT_IMPL), which
 * needs both.
 */
#ifndef _VB_VFIO_DEVICE_H
#define _VB_VFIO_DEVICE_H

#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <linux/mm_types.h>
#include <linux/mutex.h>
#include <linux/stddef.h>
#include <linux/types.h>

struct device;
struct vb_vfio_device_ops;

/**
 * struct vb_vfio_device - mainline-shaped VFIO device of a driver
 * @dev: the device it represents (the mdev)
 * @ops: the driver's callbacks
 * @open_lock: serialises @ops->open_device and @ops->close_device
 * @open_count: open device file descriptors
 */
struct vb_vfio_device {
	struct device *dev;
	const struct vb_vfio_device_ops *ops;
	/* private to the compat */
	struct mutex open_lock;
	unsigned int open_count;
};

/**
 * struct vb_vfio_device_ops - the vfio_device_ops members of v6.1 that the
 * compat can serve
 * @name: driver name
 * @init: set up the driver's state, from vfio_alloc_device()
 * @release: undo @init, from vfio_put_device()
 * @open_device: first file descriptor opened (optional)
 * @close_device: last file descriptor closed (optional)
 * @read: read(2) on a device fd
 * @write: write(2) on a device fd
 * @ioctl: ioctl(2) on a device fd, every VFIO_DEVICE_* command
 * @mmap: mmap(2) on a device fd
 */
struct vb_vfio_device_ops {
	char *name;
	int (*init)(struct vb_vfio_device *vdev);
	void (*release)(struct vb_vfio_device *vdev);
	int (*open_device)(struct vb_vfio_device *vdev);
	void (*close_device)(struct vb_vfio_device *vdev);
	ssize_t (*read)(struct vb_vfio_device *vdev, char __user *buf,
			size_t count, loff_t *ppos);
	ssize_t (*write)(struct vb_vfio_device *vdev, const char __user *buf,
			 size_t count, loff_t *ppos);
	long (*ioctl)(struct vb_vfio_device *vdev, unsigned int cmd,
		      unsigned long arg);
	int (*mmap)(struct vb_vfio_device *vdev, struct vm_area_struct *vma);
};

struct vb_vfio_device *vb_vfio_alloc_device(size_t size, struct device *dev,
					    const struct vb_vfio_device_ops *ops);
void vb_vfio_put_device(struct vb_vfio_device *vdev);
int vb_vfio_register_emulated_iommu_dev(struct vb_vfio_device *vdev);
void vb_vfio_unregister_group_dev(struct vb_vfio_device *vdev);

#ifndef VB_COMPAT_IMPL
#define vfio_device			vb_vfio_device
#define vfio_device_ops			vb_vfio_device_ops
#define vfio_put_device			vb_vfio_put_device
#define vfio_register_emulated_iommu_dev vb_vfio_register_emulated_iommu_dev
#define vfio_unregister_group_dev	vb_vfio_unregister_group_dev

/*
 * The vfio_device must be the first member of @type: then the pointer is
 * the driver's state, and an ERR_PTR() stays one.
 */
#define vfio_alloc_device(type, member, dev, ops)			\
	((struct type *)vb_vfio_alloc_device(sizeof(struct type) +	\
		BUILD_BUG_ON_ZERO(offsetof(struct type, member)), dev, ops))
#endif /* VB_COMPAT_IMPL */

#endif /* _VB_VFIO_DEVICE_H */
