// SPDX-License-Identifier: GPL-2.0-only
/*
 * HAVE_MDEV_REGISTER_PARENT: a parent registers its mdev types with
 * mdev_register_parent() and an array of struct mdev_type, for an
 * mdev_driver that creates a vfio_device per mdev.  New in v6.1 (the
 * mdev_type/mdev_parent rework); older kernels (5.10) use
 * mdev_register_device() with struct mdev_parent_ops.
 */
/* Before v5.15 <linux/mdev.h> relied on its includer for struct device and guid_t. */
#include <linux/device.h>
#include <linux/uuid.h>
#include <linux/mdev.h>

#ifndef VB_PROBE_SANITY
int vb_probe(struct mdev_parent *parent, struct device *dev,
	     struct mdev_driver *drv, struct mdev_type **types);
int vb_probe(struct mdev_parent *parent, struct device *dev,
	     struct mdev_driver *drv, struct mdev_type **types)
{
	return mdev_register_parent(parent, dev, drv, types, 1);
}
#endif
