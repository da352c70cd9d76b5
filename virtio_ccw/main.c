// SPDX-License-Identifier: GPL-2.0-only
/*
 * vb_virtio_ccw: virtio over s390 channel I/O, a replacement for the
 * transport that stock kernels build into vmlinux.  This file is the ccw
 * driver: which devices we take, bringing them online and offline, device
 * loss, sysfs and the module parameters.
 *
 * Taking devices over (see README.md): a ccw device has one driver.  While
 * the built-in virtio_ccw driver is registered it owns every virtio device,
 * and the ccw bus only ever offers us devices nobody has; we then take them
 * only when asked (claim=), so loading this module never steals or races
 * for a device.  Devices move at run time by unbind from virtio_ccw and
 * bind to vb_virtio_ccw, and back the same way.  When the built-in driver
 * is kept from registering (initcall_blacklist=virtio_ccw_init), we are the
 * only driver and claim=auto takes every device.
 */
#include <linux/device.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/workqueue.h>
#include <asm/irq.h>

#include "vccw.h"

#ifndef VB_VERSION
#define VB_VERSION "0.0"
#endif

/* The name of the stock transport's ccw driver, whose devices we leave. */
#define VCCW_BUILTIN_DRIVER	"virtio_ccw"

enum vccw_claim { VCCW_CLAIM_AUTO, VCCW_CLAIM_ALL, VCCW_CLAIM_NONE };

static char *claim = "auto";
module_param(claim, charp, 0444);
MODULE_PARM_DESC(claim,
		 "devices to take when the module loads: auto (all unbound ones unless the built-in virtio_ccw driver is registered), all (every unbound one), none (only on explicit bind)");

bool vccw_use_airq = true;
module_param_named(airq, vccw_use_airq, bool, 0444);
MODULE_PARM_DESC(airq, "use adapter (thin) interrupts when the host offers them (default: yes)");

unsigned int vccw_io_timeout = 30;
module_param_named(io_timeout, vccw_io_timeout, uint, 0444);
MODULE_PARM_DESC(io_timeout, "seconds a channel program may take before it is cleared (1-3600, default 30)");

unsigned int vccw_max_revision = VCCW_REV_MAX;
module_param_named(max_revision, vccw_max_revision, uint, 0444);
MODULE_PARM_DESC(max_revision, "highest transport revision to offer (0-2, default 2)");

static enum vccw_claim vccw_claim;

/*
 * True while ccw_driver_register() runs: the only time the bus offers us
 * devices on its own, because the driver core creates our bind file after
 * the initial attach.  A probe at any other time is an explicit bind (or a
 * new device the built-in driver, registered before us, did not take).
 * Written only by the init function, before and after registration.
 */
static bool vccw_registering;

static bool vccw_builtin_registered(struct ccw_device *cdev)
{
	struct device_driver *drv;

	drv = driver_find(VCCW_BUILTIN_DRIVER, cdev->dev.bus);
	return !!drv;
}

static bool vccw_may_claim(struct ccw_device *cdev)
{
	if (!READ_ONCE(vccw_registering))
		return true;
	switch (vccw_claim) {
	case VCCW_CLAIM_ALL:
		return true;
	case VCCW_CLAIM_AUTO:
		return !vccw_builtin_registered(cdev);
	default:
		return false;
	}
}

static void vccw_online_work(struct work_struct *work)
{
	struct vccw_port *port = container_of(work, struct vccw_port,
					      online_work);
	struct ccw_device *cdev = port->cdev;
	int ret;

	ret = ccw_device_set_online(cdev);
	if (ret)
		dev_warn(&cdev->dev, "setting online: %d\n", ret);
	put_device(&cdev->dev);
}

static int vccw_probe(struct ccw_device *cdev)
{
	struct vccw_port *port;
	unsigned long flags;

	if (!vccw_may_claim(cdev))
		return -ENODEV;
	port = kzalloc_obj(*port, GFP_KERNEL);
	if (!port)
		return -ENOMEM;
	port->cdev = cdev;
	INIT_WORK(&port->online_work, vccw_online_work);

	spin_lock_irqsave(get_ccwdev_lock(cdev), flags);
	dev_set_drvdata(&cdev->dev, port);
	cdev->handler = vccw_irq_handler;
	spin_unlock_irqrestore(get_ccwdev_lock(cdev), flags);

	/* A bound virtio device is meant to be used: bring it online. */
	get_device(&cdev->dev);
	schedule_work(&port->online_work);
	return 0;
}

static void vccw_remove(struct ccw_device *cdev)
{
	struct vccw_port *port = dev_get_drvdata(&cdev->dev);
	unsigned long flags;

	if (cancel_work_sync(&port->online_work))
		put_device(&cdev->dev);
	vccw_offline_virtio(port);

	spin_lock_irqsave(get_ccwdev_lock(cdev), flags);
	cdev->handler = NULL;
	dev_set_drvdata(&cdev->dev, NULL);
	spin_unlock_irqrestore(get_ccwdev_lock(cdev), flags);
	kfree(port);
}

static int vccw_set_online(struct ccw_device *cdev)
{
	return vccw_online_virtio(cdev, dev_get_drvdata(&cdev->dev));
}

static int vccw_set_offline(struct ccw_device *cdev)
{
	vccw_offline_virtio(dev_get_drvdata(&cdev->dev));
	return 0;
}

/*
 * Called by the channel subsystem with the ccw device lock held.  A device
 * that is gone fails its channel program in flight and every later one at
 * once, so that the removal that follows (NOTIFY_DONE) cannot hang on I/O
 * that will never end.  From now on we answer its virtqueues ourselves
 * (reap.c), from a work item, until the driver resets the device: the
 * requests the host never saw come back as failed, so the driver's remove
 * does not wait for them for ever.
 */
static int vccw_notify(struct ccw_device *cdev, int event)
{
	struct vccw_port *port = dev_get_drvdata(&cdev->dev);
	struct vccw_device *vc = port ? port->online : NULL;

	if (!vc)
		return NOTIFY_DONE;
	switch (event) {
	case CIO_OPER:
		return NOTIFY_OK;
	case CIO_GONE:
		port->lost = true;
		vccw_fail_io_locked(vc, -ENODEV);
		vccw_reap_gone(vc);
		return NOTIFY_DONE;
	default:
		return NOTIFY_DONE;
	}
}

static ssize_t transport_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", VCCW_NAME);
}
static DEVICE_ATTR_RO(transport);

static ssize_t vccw_online_show(struct device *dev, char *buf,
				bool want_revision)
{
	struct ccw_device *cdev = to_ccwdev(dev);
	struct vccw_port *port;
	unsigned long flags;
	unsigned int revision = 0;
	bool online = false, thinint = false;

	spin_lock_irqsave(get_ccwdev_lock(cdev), flags);
	port = dev_get_drvdata(dev);
	if (port && port->online) {
		online = true;
		revision = port->online->revision;
		thinint = port->online->thinint;
	}
	spin_unlock_irqrestore(get_ccwdev_lock(cdev), flags);
	if (!online)
		return sysfs_emit(buf, "none\n");
	if (want_revision)
		return sysfs_emit(buf, "%u\n", revision);
	return sysfs_emit(buf, "%s\n", thinint ? "adapter" : "classic");
}

static ssize_t revision_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	return vccw_online_show(dev, buf, true);
}
static DEVICE_ATTR_RO(revision);

static ssize_t indicators_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	return vccw_online_show(dev, buf, false);
}
static DEVICE_ATTR_RO(indicators);

static struct attribute *vccw_dev_attrs[] = {
	&dev_attr_transport.attr,
	&dev_attr_revision.attr,
	&dev_attr_indicators.attr,
	NULL,
};
ATTRIBUTE_GROUPS(vccw_dev);

static struct ccw_device_id vccw_ids[] = {
	{ CCW_DEVICE(VCCW_CU_TYPE, 0) },
	{},
};
MODULE_DEVICE_TABLE(ccw, vccw_ids);

static struct ccw_driver vccw_driver = {
	.driver = {
		.owner = THIS_MODULE,
		.name = VCCW_NAME,
		.dev_groups = vccw_dev_groups,
	},
	.ids = vccw_ids,
	.probe = vccw_probe,
	.remove = vccw_remove,
	.set_online = vccw_set_online,
	.set_offline = vccw_set_offline,
	.notify = vccw_notify,
	.int_class = IRQIO_VIR,
};

static int vccw_check_params(void)
{
	if (!strcmp(claim, "auto"))
		vccw_claim = VCCW_CLAIM_AUTO;
	else if (!strcmp(claim, "all"))
		vccw_claim = VCCW_CLAIM_ALL;
	else if (!strcmp(claim, "none"))
		vccw_claim = VCCW_CLAIM_NONE;
	else
		return -EINVAL;
	if (vccw_io_timeout < 1 || vccw_io_timeout > 3600)
		return -EINVAL;
	if (vccw_max_revision > VCCW_REV_MAX)
		return -EINVAL;
	return 0;
}

static int __init vb_virtio_ccw_init(void)
{
	int ret;

	ret = vccw_check_params();
	if (ret) {
		pr_err(VCCW_NAME ": invalid parameter (claim=auto|all|none, io_timeout=1-3600, max_revision=0-%d)\n",
		       VCCW_REV_MAX);
		return ret;
	}
#ifdef VB_VIRTIO_CCW_UNSERIALIZED
	pr_warn(VCCW_NAME ": ******************************************************\n");
	pr_warn(VCCW_NAME ": DEBUG BUILD: channel I/O is NOT serialized.  Concurrent\n");
	pr_warn(VCCW_NAME ": requests corrupt each other.  Mutation testing only.\n");
	pr_warn(VCCW_NAME ": ******************************************************\n");
#endif
	ret = vccw_reap_wq_init();
	if (ret)
		return ret;
	WRITE_ONCE(vccw_registering, true);
	ret = ccw_driver_register(&vccw_driver);
	WRITE_ONCE(vccw_registering, false);
	if (ret) {
		vccw_airq_exit();
		vccw_reap_wq_exit();
	}
	return ret;
}

static void __exit vb_virtio_ccw_exit(void)
{
	ccw_driver_unregister(&vccw_driver);
	/* Every device is gone: nobody holds indicator bits any more. */
	vccw_airq_exit();
	vccw_reap_wq_exit();
}

module_init(vb_virtio_ccw_init);
module_exit(vb_virtio_ccw_exit);

MODULE_DESCRIPTION("virtio over s390 channel I/O (virt-backports replacement transport)");
MODULE_VERSION(VB_VERSION);
MODULE_LICENSE("GPL");
#ifdef VB_VIRTIO_CCW_UNSERIALIZED
MODULE_INFO(vb_unserialized, "DEBUG BUILD: channel I/O not serialized");
#endif
