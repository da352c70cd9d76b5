// SPDX-License-Identifier: GPL-2.0-only
/*
 * vfio_edid: library serving the VFIO GFX EDID region for vGPU drivers,
 * plus debugfs tooling (generator, loopback instance) for tests.
 */
#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/module.h>

#include "internal.h"

#ifndef VB_VERSION
#define VB_VERSION "0.0"
#endif

static struct dentry *vfio_edid_root;

static int __init vfio_edid_init(void)
{
	int ret;

	vfio_edid_root = debugfs_create_dir("vfio_edid", NULL);
	vfio_edid_debugfs_init(vfio_edid_root);
	ret = vfio_edid_loopback_init(vfio_edid_root);
	if (ret)
		debugfs_remove_recursive(vfio_edid_root);
	return ret;
}

static void __exit vfio_edid_exit(void)
{
	vfio_edid_loopback_exit();
	debugfs_remove_recursive(vfio_edid_root);
}

module_init(vfio_edid_init);
module_exit(vfio_edid_exit);

MODULE_DESCRIPTION("VFIO GFX EDID region library for vGPU drivers");
MODULE_LICENSE("GPL");
MODULE_VERSION(VB_VERSION);
