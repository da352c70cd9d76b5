// SPDX-License-Identifier: GPL-2.0-only
/*
 * The code of the mdev compat (include/vb/mdev_compat.h and
 * include/vb/vfio_device.h): the mainline mdev parent interface and
 * vfio_device life cycle on top of mdev_parent_ops, for kernels without
 * mdev_register_parent().  On other kernels this file compiles to nothing.
 *
 * It is not a module of its own: a module that registers an mdev parent
 * lists $(vb-mdev-compat-y) from include/compat.mk among its objects, so
 * this file is compiled with that module's flags, KBUILD_MODNAME and
 * THIS_MODULE, and nothing here is exported.
 */
#define VB_COMPAT_IMPL
#include <linux/device.h>
#include <linux/err.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/mdev.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/vfio.h>
#include <vb_probes.h>

#ifndef HAVE_MDEV_REGISTER_PARENT

/*
 * Parents registered here.  create() and the type attributes are only
 * given the parent's struct device, so this is how they find the rest.
 * An entry is used after the lock is dropped: the mdev core calls those
 * only between mdev_register_device() and the return of
 * mdev_unregister_device(), and an entry is listed for longer than that.
 */
static LIST_HEAD(vb_mdev_parents);
static DEFINE_MUTEX(vb_mdev_parents_lock);

static struct vb_mdev_parent *vb_mdev_find_parent(struct device *dev)
{
	struct vb_mdev_parent *parent, *found = NULL;

	mutex_lock(&vb_mdev_parents_lock);
	list_for_each_entry(parent, &vb_mdev_parents, next) {
		if (parent->dev == dev) {
			found = parent;
			break;
		}
	}
	mutex_unlock(&vb_mdev_parents_lock);
	return found;
}

/* The kernel passes a type's folder, which it named "<driver>-<group>". */
static struct vb_mdev_type *vb_mdev_find_type(struct kobject *kobj,
					      struct device *dev)
{
	struct vb_mdev_parent *parent = vb_mdev_find_parent(dev);
	unsigned int i;

	if (!parent)
		return NULL;
	for (i = 0; i < parent->nr_types; i++)
		if (!strcmp(kobject_name(kobj), parent->types[i]->kobj_name))
			return parent->types[i];
	return NULL;
}

/* The type attributes of the mainline mdev core, with the same contents. */
static ssize_t name_show(struct kobject *kobj, struct device *dev, char *buf)
{
	struct vb_mdev_type *type = vb_mdev_find_type(kobj, dev);

	if (!type)
		return -ENODEV;
	return sysfs_emit(buf, "%s\n",
			  type->pretty_name ? type->pretty_name : type->sysfs_name);
}
static MDEV_TYPE_ATTR_RO(name);

static ssize_t device_api_show(struct kobject *kobj, struct device *dev,
			       char *buf)
{
	struct vb_mdev_type *type = vb_mdev_find_type(kobj, dev);

	if (!type)
		return -ENODEV;
	return sysfs_emit(buf, "%s\n", type->parent->mdev_driver->device_api);
}
static MDEV_TYPE_ATTR_RO(device_api);

static ssize_t available_instances_show(struct kobject *kobj,
					struct device *dev, char *buf)
{
	struct vb_mdev_type *type = vb_mdev_find_type(kobj, dev);
	struct vb_mdev_driver *drv;

	if (!type)
		return -ENODEV;
	drv = type->parent->mdev_driver;
	if (drv->get_available)
		return sysfs_emit(buf, "%u\n", drv->get_available(type));
	return sysfs_emit(buf, "%d\n",
			  atomic_read(&type->parent->available_instances));
}
static MDEV_TYPE_ATTR_RO(available_instances);

static ssize_t description_show(struct kobject *kobj, struct device *dev,
				char *buf)
{
	struct vb_mdev_type *type = vb_mdev_find_type(kobj, dev);

	if (!type)
		return -ENODEV;
	return type->parent->mdev_driver->show_description(type, buf);
}
static MDEV_TYPE_ATTR_RO(description);

/*
 * Description first: a driver without show_description() gets the array
 * from its second entry on (the kernel has no is_visible() for these).
 */
static struct attribute *vb_mdev_type_attrs[] = {
	&mdev_type_attr_description.attr,
	&mdev_type_attr_name.attr,
	&mdev_type_attr_device_api.attr,
	&mdev_type_attr_available_instances.attr,
	NULL,
};

/*
 * The mdev core calls this before the mdev's struct device is added, so
 * the driver's probe() runs before vfio_mdev.ko binds to the device.
 */
static int vb_mdev_create(struct kobject *kobj, struct mdev_device *kmdev)
{
	struct vb_mdev_type *type;
	struct vb_mdev_parent *parent;
	struct vb_mdev_driver *drv;
	struct vb_mdev_device *mdev;
	struct device *dev = mdev_dev(kmdev);
	int ret;

	type = vb_mdev_find_type(kobj, mdev_parent_dev(kmdev));
	if (!type)
		return -EINVAL;
	parent = type->parent;
	drv = parent->mdev_driver;

	if (!drv->get_available &&
	    !atomic_add_unless(&parent->available_instances, -1, 0))
		return -EUSERS;

	ret = -ENOMEM;
	mdev = kzalloc_obj(*mdev, GFP_KERNEL);
	if (!mdev)
		goto err_available;
	mdev->mdev = kmdev;
	mdev->type = type;
	mdev_set_drvdata(kmdev, mdev);

	ret = drv->probe(mdev);
	if (ret)
		goto err_free;

	/*
	 * vfio_mdev.ko keeps its own pointer in the device's drvdata while it
	 * is bound, so hold the driver's until remove().
	 */
	mdev->driver_data = dev_get_drvdata(dev);
	dev_set_drvdata(dev, NULL);
	return 0;

err_free:
	dev_set_drvdata(dev, NULL);
	mdev_set_drvdata(kmdev, NULL);
	kfree(mdev);
err_available:
	if (!drv->get_available)
		atomic_inc(&parent->available_instances);
	return ret;
}

/* Called after the device is deleted, so vfio_mdev.ko has let go of it. */
static int vb_mdev_remove(struct mdev_device *kmdev)
{
	struct vb_mdev_device *mdev = mdev_get_drvdata(kmdev);
	struct vb_mdev_parent *parent = mdev->type->parent;
	struct device *dev = mdev_dev(kmdev);

	dev_set_drvdata(dev, mdev->driver_data);
	parent->mdev_driver->remove(mdev);
	dev_set_drvdata(dev, NULL);
	mdev_set_drvdata(kmdev, NULL);
	kfree(mdev);
	if (!parent->mdev_driver->get_available)
		atomic_inc(&parent->available_instances);
	return 0;
}

/*
 * The VFIO calls, from vfio_mdev.ko while it is bound: between the end of
 * create() and the start of remove(), so the mdev and the driver's
 * vfio_device are there.
 */
static struct vb_vfio_device *vb_mdev_vdev(struct mdev_device *kmdev)
{
	struct vb_mdev_device *mdev = mdev_get_drvdata(kmdev);

	return mdev->vdev;
}

static int vb_mdev_open(struct mdev_device *kmdev)
{
	struct vb_vfio_device *vdev = vb_mdev_vdev(kmdev);
	int ret = 0;

	if (!vdev)
		return -ENODEV;
	/* As in mainline: the driver stays loaded while a device fd is open. */
	if (!try_module_get(THIS_MODULE))
		return -ENODEV;

	mutex_lock(&vdev->open_lock);
	if (!vdev->open_count && vdev->ops->open_device)
		ret = vdev->ops->open_device(vdev);
	if (!ret)
		vdev->open_count++;
	mutex_unlock(&vdev->open_lock);

	if (ret)
		module_put(THIS_MODULE);
	return ret;
}

static void vb_mdev_release(struct mdev_device *kmdev)
{
	struct vb_vfio_device *vdev = vb_mdev_vdev(kmdev);

	mutex_lock(&vdev->open_lock);
	if (!--vdev->open_count && vdev->ops->close_device)
		vdev->ops->close_device(vdev);
	mutex_unlock(&vdev->open_lock);
	module_put(THIS_MODULE);
}

static ssize_t vb_mdev_read(struct mdev_device *kmdev, char __user *buf,
			    size_t count, loff_t *ppos)
{
	struct vb_vfio_device *vdev = vb_mdev_vdev(kmdev);

	if (!vdev->ops->read)
		return -EINVAL;
	return vdev->ops->read(vdev, buf, count, ppos);
}

static ssize_t vb_mdev_write(struct mdev_device *kmdev, const char __user *buf,
			     size_t count, loff_t *ppos)
{
	struct vb_vfio_device *vdev = vb_mdev_vdev(kmdev);

	if (!vdev->ops->write)
		return -EINVAL;
	return vdev->ops->write(vdev, buf, count, ppos);
}

static long vb_mdev_ioctl(struct mdev_device *kmdev, unsigned int cmd,
			  unsigned long arg)
{
	struct vb_vfio_device *vdev = vb_mdev_vdev(kmdev);

	if (!vdev->ops->ioctl)
		return -EINVAL;
	return vdev->ops->ioctl(vdev, cmd, arg);
}

static int vb_mdev_mmap(struct mdev_device *kmdev, struct vm_area_struct *vma)
{
	struct vb_vfio_device *vdev = vb_mdev_vdev(kmdev);

	if (!vdev->ops->mmap)
		return -EINVAL;
	return vdev->ops->mmap(vdev, vma);
}

static void vb_mdev_free_types(struct vb_mdev_parent *parent)
{
	unsigned int i;

	for (i = 0; i < parent->nr_types; i++) {
		kfree(parent->types[i]->kobj_name);
		parent->types[i]->kobj_name = NULL;
	}
	kfree(parent->type_groups);
	parent->type_groups = NULL;
}

int vb_mdev_register_parent(struct vb_mdev_parent *parent, struct device *dev,
			    struct vb_mdev_driver *mdev_driver,
			    struct vb_mdev_type **types, unsigned int nr_types)
{
	unsigned int i;
	int ret;

	if (!nr_types)
		return -EINVAL;

	memset(parent, 0, sizeof(*parent));
	parent->dev = dev;
	parent->mdev_driver = mdev_driver;
	parent->types = types;
	parent->nr_types = nr_types;
	atomic_set(&parent->available_instances, mdev_driver->max_instances);

	/* NULL-terminated, as supported_type_groups must be. */
	parent->type_groups = kcalloc(nr_types + 1,
				      sizeof(*parent->type_groups), GFP_KERNEL);
	if (!parent->type_groups)
		return -ENOMEM;
	for (i = 0; i < nr_types; i++) {
		struct vb_mdev_type *type = types[i];

		type->parent = parent;
		type->kobj_name = kasprintf(GFP_KERNEL, "%s-%s",
					    dev_driver_string(dev),
					    type->sysfs_name);
		if (!type->kobj_name) {
			ret = -ENOMEM;
			goto err_free;
		}
		type->group.name = type->sysfs_name;
		type->group.attrs = mdev_driver->show_description ?
				    vb_mdev_type_attrs : vb_mdev_type_attrs + 1;
		parent->type_groups[i] = &type->group;
	}

	parent->ops.owner = THIS_MODULE;
	parent->ops.supported_type_groups = parent->type_groups;
	parent->ops.create = vb_mdev_create;
	parent->ops.remove = vb_mdev_remove;
	parent->ops.open = vb_mdev_open;
	parent->ops.release = vb_mdev_release;
	parent->ops.read = vb_mdev_read;
	parent->ops.write = vb_mdev_write;
	parent->ops.ioctl = vb_mdev_ioctl;
	parent->ops.mmap = vb_mdev_mmap;

	mutex_lock(&vb_mdev_parents_lock);
	list_add(&parent->next, &vb_mdev_parents);
	mutex_unlock(&vb_mdev_parents_lock);

	ret = mdev_register_device(dev, &parent->ops);
	if (ret)
		goto err_unlist;
	return 0;

err_unlist:
	mutex_lock(&vb_mdev_parents_lock);
	list_del(&parent->next);
	mutex_unlock(&vb_mdev_parents_lock);
err_free:
	vb_mdev_free_types(parent);
	return ret;
}

/* Removes every mdev of the parent first, as mainline does. */
void vb_mdev_unregister_parent(struct vb_mdev_parent *parent)
{
	mdev_unregister_device(parent->dev);

	mutex_lock(&vb_mdev_parents_lock);
	list_del(&parent->next);
	mutex_unlock(&vb_mdev_parents_lock);
	vb_mdev_free_types(parent);
}

/*
 * Nothing to register: every mdev on these kernels is driven by
 * vfio_mdev.ko, and the parent's driver is reached through the parent.
 */
int vb_mdev_register_driver(struct vb_mdev_driver *drv)
{
	return drv->probe && drv->remove && drv->device_api ? 0 : -EINVAL;
}

void vb_mdev_unregister_driver(struct vb_mdev_driver *drv)
{
}

struct vb_vfio_device *vb_vfio_alloc_device(size_t size, struct device *dev,
					    const struct vb_vfio_device_ops *ops)
{
	struct vb_vfio_device *vdev;
	int ret;

	if (WARN_ON(size < sizeof(*vdev)))
		return ERR_PTR(-EINVAL);

	vdev = kzalloc(size, GFP_KERNEL);
	if (!vdev)
		return ERR_PTR(-ENOMEM);
	vdev->dev = dev;
	vdev->ops = ops;
	mutex_init(&vdev->open_lock);

	/* A failed init() has undone itself: no release(). */
	ret = ops->init ? ops->init(vdev) : 0;
	if (ret) {
		mutex_destroy(&vdev->open_lock);
		kfree(vdev);
		return ERR_PTR(ret);
	}
	return vdev;
}

/*
 * The driver holds the only reference: the VFIO core of these kernels
 * knows vfio_mdev.ko's device, never this one.
 */
void vb_vfio_put_device(struct vb_vfio_device *vdev)
{
	if (vdev->ops->release)
		vdev->ops->release(vdev);
	mutex_destroy(&vdev->open_lock);
	kfree(vdev);
}

/* Only an mdev's VFIO device can be served, by vfio_mdev.ko. */
int vb_vfio_register_emulated_iommu_dev(struct vb_vfio_device *vdev)
{
	struct vb_mdev_device *mdev = vb_to_mdev_device(vdev->dev);

	if (!mdev)
		return -EINVAL;
	if (mdev->vdev)
		return -EBUSY;
	mdev->vdev = vdev;
	return 0;
}

/*
 * Mainline waits here for the device fds to be closed.  On these kernels
 * vfio_mdev.ko did that when it was unbound, before remove() (or the
 * device was never added, on probe()'s error path).
 */
void vb_vfio_unregister_group_dev(struct vb_vfio_device *vdev)
{
	struct vb_mdev_device *mdev = vb_to_mdev_device(vdev->dev);

	if (mdev && mdev->vdev == vdev)
		mdev->vdev = NULL;
}

#endif /* HAVE_MDEV_REGISTER_PARENT */
