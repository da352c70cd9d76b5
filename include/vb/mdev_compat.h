/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The mainline mdev parent interface (v6.1: struct mdev_type, struct
 * mdev_parent, mdev_register_parent(), an mdev_driver with probe/remove
 * per mdev) on kernels that only have struct mdev_parent_ops with
 * create(kobj, mdev) (5.10).  Included by the <linux/mdev.h> shim.
 *
 * mdev_register_parent() registers the parent with mdev_register_device()
 * and one type attribute group per struct mdev_type.  Creating an mdev
 * calls the driver's probe() with a stand-in struct mdev_device that
 * carries the type; the driver's vfio_device (include/vb/vfio_device.h)
 * then receives the read/write/ioctl/mmap calls that vfio_mdev.ko makes
 * through mdev_parent_ops.  The code is include/vb/mdev_compat.c, linked
 * into each module that lists $(vb-mdev-compat-y) (include/compat.mk).
 *
 * The kernel has a struct mdev_driver of another shape, and private
 * structs named mdev_device, mdev_type and mdev_parent, so the
 * mainline-shaped ones are called vb_* and the mainline names are mapped
 * to them for the driver, except in the compat's own code (VB_COMPAT_IMPL).
 */
#ifndef _VB_MDEV_COMPAT_H
#define _VB_MDEV_COMPAT_H

#include <linux/atomic.h>
#include <linux/device.h>
#include <linux/list.h>
#include <linux/sysfs.h>
#include <linux/types.h>
#include <vb_probes.h>

/* The driver's vfio_device must be the compat one, which this serves. */
#ifdef HAVE_VFIO_ALLOC_DEVICE
#error "mdev compat: this kernel has mdev_parent_ops but also vfio_alloc_device(); not supported"
#endif

struct vb_mdev_parent;
struct vb_vfio_device;

/**
 * struct vb_mdev_type - one kind of mdev a parent offers
 * @sysfs_name: folder name after the "<parent driver>-" prefix, set by the driver
 * @pretty_name: the "name" attribute (default @sysfs_name), set by the driver
 * @parent: set by mdev_register_parent()
 * @kobj_name: the type folder's full name, which is how create() tells
 *	the types apart
 * @group: the type's attributes, named @sysfs_name as the kernel requires
 */
struct vb_mdev_type {
	const char *sysfs_name;
	const char *pretty_name;
	struct vb_mdev_parent *parent;
	/* private to the compat */
	const char *kobj_name;
	struct attribute_group group;
};

/**
 * struct vb_mdev_device - the driver's view of one mdev
 * @mdev: the kernel's mdev
 * @type: the type it was created as
 * @driver_data: the driver's drvdata of the mdev's struct device, kept
 *	here while vfio_mdev is bound to it and owns its drvdata
 * @vdev: the VFIO device the driver registered for it
 */
struct vb_mdev_device {
	struct mdev_device *mdev;
	struct vb_mdev_type *type;
	/* private to the compat */
	void *driver_data;
	struct vb_vfio_device *vdev;
};

/**
 * struct vb_mdev_driver - what a parent driver does with its mdevs
 * @device_api: the "device_api" attribute of every type
 * @max_instances: mdevs the parent can have in all, if no @get_available
 * @probe: set up a new mdev
 * @remove: tear an mdev down
 * @get_available: the "available_instances" attribute of a type (optional)
 * @show_description: the "description" attribute of a type (optional)
 * @driver: only for the driver's own use here: nothing is registered
 *	with the mdev bus, where vfio_mdev.ko drives every mdev
 */
struct vb_mdev_driver {
	const char *device_api;
	unsigned int max_instances;
	int (*probe)(struct vb_mdev_device *mdev);
	void (*remove)(struct vb_mdev_device *mdev);
	unsigned int (*get_available)(struct vb_mdev_type *mtype);
	ssize_t (*show_description)(struct vb_mdev_type *mtype, char *buf);
	struct device_driver driver;
};

/**
 * struct vb_mdev_parent - a device that mdevs are created under
 * @dev: that device
 * @mdev_driver: the driver of its mdevs
 * @types: its types
 * @nr_types: entries in @types
 * @available_instances: mdevs left, for a driver without get_available
 * @ops: what is registered with mdev_register_device()
 * @type_groups: @ops.supported_type_groups
 * @next: in the compat's list of parents
 */
struct vb_mdev_parent {
	struct device *dev;
	struct vb_mdev_driver *mdev_driver;
	struct vb_mdev_type **types;
	unsigned int nr_types;
	atomic_t available_instances;
	/* private to the compat */
	struct mdev_parent_ops ops;
	struct attribute_group **type_groups;
	struct list_head next;
};

int vb_mdev_register_parent(struct vb_mdev_parent *parent, struct device *dev,
			    struct vb_mdev_driver *mdev_driver,
			    struct vb_mdev_type **types, unsigned int nr_types);
void vb_mdev_unregister_parent(struct vb_mdev_parent *parent);
int vb_mdev_register_driver(struct vb_mdev_driver *drv);
void vb_mdev_unregister_driver(struct vb_mdev_driver *drv);

/* Valid from the driver's probe() until its remove() has returned. */
static inline struct vb_mdev_device *vb_to_mdev_device(struct device *dev)
{
	struct mdev_device *mdev = mdev_from_dev(dev);

	return mdev ? mdev_get_drvdata(mdev) : NULL;
}

static inline struct device *vb_mdev_dev(struct vb_mdev_device *mdev)
{
	return mdev_dev(mdev->mdev);
}

#ifndef VB_COMPAT_IMPL
#define mdev_type			vb_mdev_type
#define mdev_device			vb_mdev_device
#define mdev_driver			vb_mdev_driver
#define mdev_parent			vb_mdev_parent
#define mdev_register_parent		vb_mdev_register_parent
#define mdev_unregister_parent		vb_mdev_unregister_parent
#define mdev_register_driver		vb_mdev_register_driver
#define mdev_unregister_driver		vb_mdev_unregister_driver
#define to_mdev_device			vb_to_mdev_device
#define mdev_dev			vb_mdev_dev
#endif /* VB_COMPAT_IMPL */

#endif /* _VB_MDEV_COMPAT_H */
