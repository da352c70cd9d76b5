// SPDX-License-Identifier: GPL-2.0-only
/*
 * HAVE_MDEV_PARENT_OPS_CREATE_KOBJ: a parent registers struct
 * mdev_parent_ops with mdev_register_device(), and its create() callback
 * is given the kobject of the type being instantiated (its only way to
 * tell the types apart).  That is the API up to v5.12 (5.10 here); v5.13
 * dropped the kobject ("vfio/mdev: Remove kobj from
 * mdev_parent_ops->create()") and v6.1 replaced the whole interface with
 * mdev_register_parent() (see mdev_register_parent.c).
 */
/* Before v5.15 <linux/mdev.h> relied on its includer for struct device and guid_t. */
#include <linux/device.h>
#include <linux/uuid.h>
#include <linux/mdev.h>

#ifndef VB_PROBE_SANITY
static int vb_probe_create(struct kobject *kobj, struct mdev_device *mdev)
{
	return 0;
}

const struct mdev_parent_ops vb_probe_ops = {
	.create = vb_probe_create,
};
#endif
