// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VFIO GFX EDID region: register block, blob window and the link
 * state machine.  See vfio_edid.h for the layout and error conventions.
 */
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vfio.h>

#include "internal.h"

#define EDID_REGS_SIZE	sizeof(struct vfio_region_gfx_edid)
#define EDID_REG(field)	offsetof(struct vfio_region_gfx_edid, field)

/**
 * vfio_edid_create() - allocate the EDID state of one device
 * @dev: device named in log messages, or NULL
 * @max_size: room for the blob: a multiple of 128, from 128 to 32768
 * @max_xres: largest width reported to the guest, 0 for no limit
 * @max_yres: largest height reported to the guest, 0 for no limit
 * @ops: driver callbacks, may be NULL
 * @priv: passed to the callbacks
 *
 * The instance starts with the link down and an empty blob; use
 * vfio_edid_load_default() to present a monitor.
 *
 * Return: the instance, or an ERR_PTR() on failure.
 */
struct vfio_edid *vfio_edid_create(struct device *dev, u32 max_size,
				   u32 max_xres, u32 max_yres,
				   const struct vfio_edid_ops *ops, void *priv)
{
	struct vfio_edid *e;

	if (max_size < EDID_BLOCK_SIZE || max_size > EDID_MAX_SIZE ||
	    max_size % EDID_BLOCK_SIZE)
		return ERR_PTR(-EINVAL);

	e = kzalloc_obj(*e, GFP_KERNEL);
	if (!e)
		return ERR_PTR(-ENOMEM);
	e->blob = kzalloc(max_size, GFP_KERNEL);
	if (!e->blob) {
		kfree(e);
		return ERR_PTR(-ENOMEM);
	}

	mutex_init(&e->link_lock);
	mutex_init(&e->lock);
	e->dev = dev;
	e->ops = ops;
	e->priv = priv;
	e->regs.edid_offset = VFIO_EDID_BLOB_OFFSET;
	e->regs.edid_max_size = max_size;
	e->regs.max_xres = max_xres;
	e->regs.max_yres = max_yres;
	e->regs.link_state = VFIO_DEVICE_GFX_LINK_STATE_DOWN;
	return e;
}
EXPORT_SYMBOL_GPL(vfio_edid_create);

/**
 * vfio_edid_destroy() - free an instance and its debugfs files
 * @e: instance from vfio_edid_create(), or NULL
 *
 * No callback is made, even if the link is up.  The caller must make sure
 * no other call on @e is running or will be made.
 */
void vfio_edid_destroy(struct vfio_edid *e)
{
	if (!e)
		return;
	debugfs_remove_recursive(e->debugfs);
	mutex_destroy(&e->lock);
	mutex_destroy(&e->link_lock);
	kfree(e->blob);
	kfree(e);
}
EXPORT_SYMBOL_GPL(vfio_edid_destroy);

/**
 * vfio_edid_region_info() - describe the EDID region
 * @e: instance
 * @info: receives the region size and READ|WRITE flags; the caller
 *	fills in the offset and handles VFIO_REGION_INFO_FLAG_CAPS
 * @caps: capability chain that receives the GFX/GFX_EDID type capability
 *
 * Return: 0 or a negative errno from the capability chain.
 */
int vfio_edid_region_info(struct vfio_edid *e, struct vfio_region_info *info,
			  struct vfio_info_cap *caps)
{
	struct vfio_region_info_cap_type cap = {
		.header.id = VFIO_REGION_INFO_CAP_TYPE,
		.header.version = 1,
		.type = VFIO_REGION_TYPE_GFX,
		.subtype = VFIO_REGION_SUBTYPE_GFX_EDID,
	};

	info->size = VFIO_EDID_BLOB_OFFSET + e->regs.edid_max_size;
	info->flags = VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE;
	return vfio_info_add_capability(caps, &cap.header, sizeof(cap));
}
EXPORT_SYMBOL_GPL(vfio_edid_region_info);

static void edid_notify(struct vfio_edid *e, bool up, u32 xres, u32 yres)
{
	lockdep_assert_held(&e->link_lock);
	if (e->ops && e->ops->link_change)
		e->ops->link_change(e->priv, up, xres, yres);
}

static u32 edid_clamp(u32 val, u32 max)
{
	return max && val > max ? max : val;
}

/* Validate the blob and bring the link up; lock held. */
static int edid_link_up_locked(struct vfio_edid *e)
{
	struct vfio_edid_mode mode;
	const char *why;
	int ret;

	ret = vfio_edid_validate(e->blob, e->regs.edid_size, &mode, &why);
	if (ret) {
		if (e->dev)
			dev_warn_ratelimited(e->dev, "EDID link up refused, %u bytes: %s\n",
					     e->regs.edid_size, why);
		else
			pr_warn_ratelimited("vfio_edid: link up refused, %u bytes: %s\n",
					    e->regs.edid_size, why);
		return ret;
	}
	mode.xres = edid_clamp(mode.xres, e->regs.max_xres);
	mode.yres = edid_clamp(mode.yres, e->regs.max_yres);
	e->mode = mode;
	e->regs.link_state = VFIO_DEVICE_GFX_LINK_STATE_UP;
	return 0;
}

static void edid_link_down_locked(struct vfio_edid *e)
{
	memset(&e->mode, 0, sizeof(e->mode));
	e->regs.link_state = VFIO_DEVICE_GFX_LINK_STATE_DOWN;
}

static int edid_set_link(struct vfio_edid *e, u32 state)
{
	bool up = state == VFIO_DEVICE_GFX_LINK_STATE_UP;
	u32 xres, yres;
	int ret = 0;

	if (state != VFIO_DEVICE_GFX_LINK_STATE_UP &&
	    state != VFIO_DEVICE_GFX_LINK_STATE_DOWN)
		return -EINVAL;

	mutex_lock(&e->link_lock);
	mutex_lock(&e->lock);
	if (state == e->regs.link_state) {
		mutex_unlock(&e->lock);
		goto out;
	}
	if (up)
		ret = edid_link_up_locked(e);
	else
		edid_link_down_locked(e);
	xres = e->mode.xres;
	yres = e->mode.yres;
	mutex_unlock(&e->lock);

	if (!ret)
		edid_notify(e, up, xres, yres);
out:
	mutex_unlock(&e->link_lock);
	return ret;
}

static int edid_set_size(struct vfio_edid *e, u32 size)
{
	int ret = 0;

	mutex_lock(&e->lock);
	if (vfio_edid_link_up(e))
		ret = -EBUSY;
	else if (size > e->regs.edid_max_size)
		ret = -EINVAL;
	else
		e->regs.edid_size = size;
	mutex_unlock(&e->lock);
	return ret;
}

static u32 edid_reg_read(struct vfio_edid *e, loff_t off)
{
	u32 val;

	mutex_lock(&e->lock);
	switch (off) {
	case EDID_REG(edid_offset):
		val = e->regs.edid_offset;
		break;
	case EDID_REG(edid_max_size):
		val = e->regs.edid_max_size;
		break;
	case EDID_REG(edid_size):
		val = e->regs.edid_size;
		break;
	case EDID_REG(max_xres):
		val = e->regs.max_xres;
		break;
	case EDID_REG(max_yres):
		val = e->regs.max_yres;
		break;
	default:
		val = e->regs.link_state;
		break;
	}
	mutex_unlock(&e->lock);
	return val;
}

static ssize_t edid_reg_rw(struct vfio_edid *e, char __user *buf,
			   size_t count, loff_t off, bool write)
{
	u32 val;
	int ret;

	if (count != sizeof(u32) || off % sizeof(u32))
		return -EINVAL;

	if (!write) {
		val = edid_reg_read(e, off);
		if (copy_to_user(buf, &val, sizeof(val)))
			return -EFAULT;
		return count;
	}

	if (copy_from_user(&val, buf, sizeof(val)))
		return -EFAULT;
	switch (off) {
	case EDID_REG(edid_size):
		ret = edid_set_size(e, val);
		break;
	case EDID_REG(link_state):
		ret = edid_set_link(e, val);
		break;
	default:
		ret = -EPERM;
		break;
	}
	return ret ? ret : count;
}

/*
 * User memory is copied through a bounce buffer so that no page fault is
 * taken with the state lock held and a faulting write changes nothing.
 * The usual access, one block, bounces on the stack: no allocation.
 */
static ssize_t edid_blob_rw(struct vfio_edid *e, char __user *buf,
			    size_t count, loff_t off, bool write)
{
	u32 max = e->regs.edid_max_size;
	loff_t pos = off - VFIO_EDID_BLOB_OFFSET;
	u8 block[EDID_BLOCK_SIZE];
	ssize_t ret = count;
	u8 *tmp = block;

	if (pos >= max || count > max - pos)
		return -EINVAL;
	if (!count)
		return 0;

	if (count > sizeof(block)) {
		tmp = kmalloc(count, GFP_KERNEL);
		if (!tmp)
			return -ENOMEM;
	}

	if (write) {
		if (copy_from_user(tmp, buf, count)) {
			ret = -EFAULT;
			goto out;
		}
		mutex_lock(&e->lock);
		/* The guest may be reading the blob it was told about. */
		if (vfio_edid_link_up(e))
			ret = -EBUSY;
		else
			memcpy(e->blob + pos, tmp, count);
		mutex_unlock(&e->lock);
	} else {
		mutex_lock(&e->lock);
		memcpy(tmp, e->blob + pos, count);
		mutex_unlock(&e->lock);
		if (copy_to_user(buf, tmp, count))
			ret = -EFAULT;
	}
out:
	if (tmp != block)
		kfree(tmp);
	return ret;
}

/**
 * vfio_edid_region_rw() - handle a read or write of the EDID region
 * @e: instance
 * @buf: user buffer
 * @count: bytes to transfer
 * @off: offset within the region
 * @write: true for a write
 *
 * Registers take exactly 4 bytes at their own offset; the blob window
 * takes any access that lies entirely inside it.  Writing link_state UP
 * validates the blob (see vfio_edid_validate()) and may call the driver's
 * link_change callback before returning.
 *
 * Return: @count, or a negative errno as described in vfio_edid.h.
 */
ssize_t vfio_edid_region_rw(struct vfio_edid *e, char __user *buf,
			    size_t count, loff_t off, bool write)
{
	if (off < 0)
		return -EINVAL;
	if (off < EDID_REGS_SIZE)
		return edid_reg_rw(e, buf, count, off, write);
	if (off >= VFIO_EDID_BLOB_OFFSET)
		return edid_blob_rw(e, buf, count, off, write);
	return -EINVAL;
}
EXPORT_SYMBOL_GPL(vfio_edid_region_rw);

/**
 * vfio_edid_load_default() - present a generated monitor to the guest
 * @e: instance
 * @xres: preferred width, within the instance's max_xres
 * @yres: preferred height, within the instance's max_yres
 * @name: monitor name for vfio_edid_generate(), or NULL
 *
 * Replaces the blob with vfio_edid_generate() output and brings the link
 * up, taking it down first if it was up.  Both transitions are reported
 * through the link_change callback, as if the guest-side user had made
 * them.
 *
 * Return: 0, -EINVAL if the mode exceeds the instance's maximum, or an
 * error from vfio_edid_generate().
 */
int vfio_edid_load_default(struct vfio_edid *e, u32 xres, u32 yres,
			   const char *name)
{
	u8 block[EDID_BLOCK_SIZE];
	u32 x, y;
	bool was_up;
	int ret;

	if ((e->regs.max_xres && xres > e->regs.max_xres) ||
	    (e->regs.max_yres && yres > e->regs.max_yres))
		return -EINVAL;
	ret = vfio_edid_generate(block, sizeof(block), xres, yres, name);
	if (ret < 0)
		return ret;

	mutex_lock(&e->link_lock);
	mutex_lock(&e->lock);
	was_up = vfio_edid_link_up(e);
	edid_link_down_locked(e);
	mutex_unlock(&e->lock);
	if (was_up)
		edid_notify(e, false, 0, 0);

	mutex_lock(&e->lock);
	memcpy(e->blob, block, sizeof(block));
	e->regs.edid_size = sizeof(block);
	ret = edid_link_up_locked(e);
	x = e->mode.xres;
	y = e->mode.yres;
	mutex_unlock(&e->lock);
	if (!ret)
		edid_notify(e, true, x, y);
	mutex_unlock(&e->link_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(vfio_edid_load_default);

/**
 * vfio_edid_copy_blob() - copy the EDID the guest currently sees
 * @e: instance
 * @dst: destination
 * @len: size of @dst
 *
 * Return: bytes copied: up to edid_size while the link is up, 0 while it
 * is down.
 */
size_t vfio_edid_copy_blob(struct vfio_edid *e, void *dst, size_t len)
{
	size_t n = 0;

	mutex_lock(&e->lock);
	if (vfio_edid_link_up(e)) {
		n = min_t(size_t, len, e->regs.edid_size);
		memcpy(dst, e->blob, n);
	}
	mutex_unlock(&e->lock);
	return n;
}
EXPORT_SYMBOL_GPL(vfio_edid_copy_blob);
