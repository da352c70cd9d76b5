// SPDX-License-Identifier: GPL-2.0-only
/*
 * mbochs: a mediated bochs-display vGPU with an EDID region.  This file is
 * the mdev/VFIO glue: types, instance life cycle, ioctls and the parent
 * device.
 */
#include <linux/atomic.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "mbochs.h"

#ifndef VB_VERSION
#define VB_VERSION "0.0"
#endif

/* Default monitor of a type without a resolution limit. */
#define MBOCHS_DEFAULT_XRES	1024
#define MBOCHS_DEFAULT_YRES	768

static unsigned int mbochs_pool_mbytes = 256;
module_param_named(count, mbochs_pool_mbytes, uint, 0444);
MODULE_PARM_DESC(count, "megabytes of video memory shared by all " MBOCHS_NAME " devices");

/* Video memory left for new devices, in MiB. */
static atomic_t mbochs_avail_mbytes;

static struct mbochs_type mbochs_types[] = {
	{
		.type.sysfs_name = "small",
		.type.pretty_name = MBOCHS_NAME "-small",
		.mbytes = 4,
		.max_x = 800,
		.max_y = 600,
	}, {
		.type.sysfs_name = "medium",
		.type.pretty_name = MBOCHS_NAME "-medium",
		.mbytes = 16,
		.max_x = 1920,
		.max_y = 1440,
	}, {
		.type.sysfs_name = "large",
		.type.pretty_name = MBOCHS_NAME "-large",
		.mbytes = 64,
	},
};

static struct mdev_type *mbochs_mdev_types[] = {
	&mbochs_types[0].type,
	&mbochs_types[1].type,
	&mbochs_types[2].type,
};

static struct mdev_parent mbochs_parent;
static struct class mbochs_class = {
	.name = MBOCHS_NAME,
};

static struct device mbochs_dev;

static struct mbochs_state *to_mbochs(struct vfio_device *vdev)
{
	return container_of(vdev, struct mbochs_state, vdev);
}

static bool mbochs_reserve(u32 mbytes)
{
	int avail = atomic_read(&mbochs_avail_mbytes);

	do {
		if (avail < (int)mbytes)
			return false;
	} while (!atomic_try_cmpxchg(&mbochs_avail_mbytes, &avail,
				     avail - mbytes));
	return true;
}

static int mbochs_init_dev(struct vfio_device *vdev)
{
	struct mbochs_state *s = to_mbochs(vdev);
	struct mdev_device *mdev = to_mdev_device(vdev->dev);
	const struct mbochs_type *type =
		container_of(mdev->type, struct mbochs_type, type);
	unsigned int i, npages;
	int ret;

	if (!mbochs_reserve(type->mbytes))
		return -ENOSPC;

	s->type = type;
	s->vram_size = type->mbytes * SZ_1M;
	mutex_init(&s->lock);

	ret = -ENOMEM;
	s->vram = vmalloc_user(s->vram_size);
	if (!s->vram)
		goto err_unreserve;
	npages = s->vram_size >> PAGE_SHIFT;
	s->vram_pages = kvmalloc_array(npages, sizeof(*s->vram_pages),
				       GFP_KERNEL);
	if (!s->vram_pages)
		goto err_vram;
	for (i = 0; i < npages; i++)
		s->vram_pages[i] = vmalloc_to_page(s->vram + i * PAGE_SIZE);

	s->edid = vfio_edid_create(vdev->dev, MBOCHS_EDID_MAX_SIZE,
				   type->max_x, type->max_y,
				   &mbochs_edid_ops, s);
	if (IS_ERR(s->edid)) {
		ret = PTR_ERR(s->edid);
		goto err_vram;
	}

	mbochs_reset(s);
	return 0;

err_vram:
	kvfree(s->vram_pages);
	vfree(s->vram);
err_unreserve:
	mutex_destroy(&s->lock);
	atomic_add(type->mbytes, &mbochs_avail_mbytes);
	return ret;
}

static void mbochs_release_dev(struct vfio_device *vdev)
{
	struct mbochs_state *s = to_mbochs(vdev);

	vfio_edid_destroy(s->edid);
	kvfree(s->vram_pages);
	vfree(s->vram);
	mutex_destroy(&s->lock);
	atomic_add(s->type->mbytes, &mbochs_avail_mbytes);
	vb_vfio_release_done(vdev);
}

/* A guest that starts with a monitor attached, at the type's largest mode. */
static int mbochs_plug_monitor(struct mbochs_state *s)
{
	u32 xres = s->type->max_x ? s->type->max_x : MBOCHS_DEFAULT_XRES;
	u32 yres = s->type->max_y ? s->type->max_y : MBOCHS_DEFAULT_YRES;

	return vfio_edid_load_default(s->edid, xres, yres, "mbochs");
}

static long mbochs_get_device_info(void __user *arg)
{
	unsigned long minsz = offsetofend(struct vfio_device_info, num_irqs);
	struct vfio_device_info info;

	if (copy_from_user(&info, arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz)
		return -EINVAL;

	info.flags = VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_RESET;
	info.num_regions = MBOCHS_NUM_REGIONS;
	info.num_irqs = VFIO_PCI_NUM_IRQS;

	return copy_to_user(arg, &info, minsz) ? -EFAULT : 0;
}

/* The device has no interrupts: every index reports a count of zero. */
static long mbochs_get_irq_info(void __user *arg)
{
	unsigned long minsz = offsetofend(struct vfio_irq_info, count);
	struct vfio_irq_info info;

	if (copy_from_user(&info, arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz || info.index >= VFIO_PCI_NUM_IRQS)
		return -EINVAL;

	info.flags = 0;
	info.count = 0;

	return copy_to_user(arg, &info, minsz) ? -EFAULT : 0;
}

static long mbochs_ioctl(struct vfio_device *vdev, unsigned int cmd,
			 unsigned long arg)
{
	struct mbochs_state *s = to_mbochs(vdev);
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case VFIO_DEVICE_GET_INFO:
		return mbochs_get_device_info(uarg);
	case VFIO_DEVICE_GET_REGION_INFO:
		return vfio_get_region_info_ioctl(vdev, uarg,
						  mbochs_get_region_info_caps);
	case VFIO_DEVICE_GET_IRQ_INFO:
		return mbochs_get_irq_info(uarg);
	case VFIO_DEVICE_SET_IRQS:
		return -EINVAL;
	case VFIO_DEVICE_RESET:
		mbochs_reset(s);
		return 0;
	case VFIO_DEVICE_QUERY_GFX_PLANE:
		return mbochs_query_gfx_plane(s, uarg);
	case VFIO_DEVICE_GET_GFX_DMABUF:
		return mbochs_get_gfx_dmabuf(s, uarg);
	}
	return -ENOTTY;
}

static const struct vfio_device_ops mbochs_dev_ops = {
	.init = mbochs_init_dev,
	.release = mbochs_release_dev,
	.read = mbochs_read,
	.write = mbochs_write,
	.ioctl = mbochs_ioctl,
	VFIO_OPS_GET_REGION_INFO_CAPS(mbochs_get_region_info_caps)
	.mmap = mbochs_mmap,
	VFIO_OPS_IOMMUFD_EMULATED
};

static int mbochs_probe(struct mdev_device *mdev)
{
	struct mbochs_state *s;
	int ret;

	s = vfio_alloc_device(mbochs_state, vdev, mdev_dev(mdev),
			      &mbochs_dev_ops);
	if (IS_ERR(s))
		return PTR_ERR(s);

	/* Before registration: userspace must never see a device without one. */
	ret = mbochs_plug_monitor(s);
	if (ret)
		goto err_put;

	ret = vfio_register_emulated_iommu_dev(&s->vdev);
	if (ret)
		goto err_put;

	dev_set_drvdata(mdev_dev(mdev), s);
	return 0;

err_put:
	vfio_put_device(&s->vdev);
	return ret;
}

static void mbochs_remove(struct mdev_device *mdev)
{
	struct mbochs_state *s = dev_get_drvdata(mdev_dev(mdev));

	vfio_unregister_group_dev(&s->vdev);
	vfio_put_device(&s->vdev);
}

static unsigned int mbochs_get_available(struct mdev_type *mtype)
{
	const struct mbochs_type *type =
		container_of(mtype, struct mbochs_type, type);

	return atomic_read(&mbochs_avail_mbytes) / type->mbytes;
}

static ssize_t mbochs_show_description(struct mdev_type *mtype, char *buf)
{
	const struct mbochs_type *type =
		container_of(mtype, struct mbochs_type, type);

	if (type->max_x)
		return sysfs_emit(buf, "virtual display, %u MB video memory, up to %ux%u\n",
				  type->mbytes, type->max_x, type->max_y);
	return sysfs_emit(buf, "virtual display, %u MB video memory\n",
			  type->mbytes);
}

static struct mdev_driver mbochs_driver = {
	.device_api = VFIO_DEVICE_API_PCI_STRING,
	.driver = {
		.name = MBOCHS_NAME,
		.owner = THIS_MODULE,
		.mod_name = KBUILD_MODNAME,
	},
	.probe = mbochs_probe,
	.remove = mbochs_remove,
	.get_available = mbochs_get_available,
	.show_description = mbochs_show_description,
};

/* Static: the module cannot go away while the device is registered. */
static void mbochs_dev_release(struct device *dev)
{
}

static int __init mbochs_init(void)
{
	int ret;

	atomic_set(&mbochs_avail_mbytes, min_t(unsigned int, mbochs_pool_mbytes,
					       INT_MAX));

	ret = mdev_register_driver(&mbochs_driver);
	if (ret)
		return ret;

	ret = class_register(&mbochs_class);
	if (ret)
		goto err_driver;

	mbochs_dev.class = &mbochs_class;
	mbochs_dev.release = mbochs_dev_release;
	dev_set_name(&mbochs_dev, "%s", MBOCHS_NAME);
	ret = device_register(&mbochs_dev);
	if (ret)
		goto err_put;

	ret = mdev_register_parent(&mbochs_parent, &mbochs_dev, &mbochs_driver,
				   mbochs_mdev_types,
				   ARRAY_SIZE(mbochs_mdev_types));
	if (ret)
		goto err_device;
	return 0;

err_device:
	device_del(&mbochs_dev);
err_put:
	put_device(&mbochs_dev);
	class_unregister(&mbochs_class);
err_driver:
	mdev_unregister_driver(&mbochs_driver);
	return ret;
}

static void __exit mbochs_exit(void)
{
	mdev_unregister_parent(&mbochs_parent);
	device_unregister(&mbochs_dev);
	class_unregister(&mbochs_class);
	mdev_unregister_driver(&mbochs_driver);
}

module_init(mbochs_init);
module_exit(mbochs_exit);

MODULE_DESCRIPTION("Mediated bochs-display vGPU with an EDID region");
MODULE_LICENSE("GPL");
MODULE_VERSION(VB_VERSION);
