// SPDX-License-Identifier: GPL-2.0-only
/*
 * debugfs: the module-wide "generate" file and the per-device view that
 * drivers attach with vfio_edid_debugfs_add().
 */
#include <linux/debugfs.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "internal.h"

/* Longest accepted "WxH" line, with room for a newline. */
#define RES_LINE_MAX	24

/**
 * vfio_edid_parse_res() - parse "WxH" written to a debugfs file
 * @ubuf: user buffer
 * @count: its length
 * @xres: receives W
 * @yres: receives H
 *
 * Return: 0, -EINVAL for malformed input, or -EFAULT.
 */
int vfio_edid_parse_res(const char __user *ubuf, size_t count,
			u32 *xres, u32 *yres)
{
	char line[RES_LINE_MAX];
	char *h;

	if (!count || count >= sizeof(line))
		return -EINVAL;
	if (copy_from_user(line, ubuf, count))
		return -EFAULT;
	line[count] = '\0';

	h = strchr(line, 'x');
	if (!h)
		return -EINVAL;
	*h++ = '\0';
	if (kstrtou32(line, 10, xres) || kstrtou32(h, 10, yres))
		return -EINVAL;
	return 0;
}

/*
 * "generate": the last EDID produced from a "WxH" write.  Shared by all
 * openers so that "echo 1024x768 > generate; cat generate" works.
 */
static DEFINE_MUTEX(gen_lock);
static u8 gen_blob[EDID_BLOCK_SIZE];
static size_t gen_len;

static ssize_t gen_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos)
{
	u8 blob[EDID_BLOCK_SIZE];
	u32 xres, yres;
	int ret;

	ret = vfio_edid_parse_res(ubuf, count, &xres, &yres);
	if (ret)
		return ret;
	ret = vfio_edid_generate(blob, sizeof(blob), xres, yres, NULL);
	if (ret < 0)
		return ret;

	mutex_lock(&gen_lock);
	memcpy(gen_blob, blob, ret);
	gen_len = ret;
	mutex_unlock(&gen_lock);
	return count;
}

static ssize_t gen_read(struct file *file, char __user *ubuf, size_t count,
			loff_t *ppos)
{
	u8 blob[EDID_BLOCK_SIZE];
	size_t len;

	mutex_lock(&gen_lock);
	len = gen_len;
	memcpy(blob, gen_blob, len);
	mutex_unlock(&gen_lock);
	return simple_read_from_buffer(ubuf, count, ppos, blob, len);
}

static const struct file_operations gen_fops = {
	.owner = THIS_MODULE,
	.read = gen_read,
	.write = gen_write,
	.llseek = default_llseek,
};

void vfio_edid_debugfs_init(struct dentry *root)
{
	debugfs_create_file("generate", 0600, root, NULL, &gen_fops);
}

/* Per-device "blob": the edid_size bytes of the buffer, link up or not. */
static ssize_t dev_blob_read(struct file *file, char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	struct vfio_edid *e = file->private_data;
	ssize_t ret;
	size_t len;
	u8 *tmp;

	tmp = kmalloc(e->regs.edid_max_size, GFP_KERNEL);
	if (!tmp)
		return -ENOMEM;
	mutex_lock(&e->lock);
	len = e->regs.edid_size;
	memcpy(tmp, e->blob, len);
	mutex_unlock(&e->lock);

	ret = simple_read_from_buffer(ubuf, count, ppos, tmp, len);
	kfree(tmp);
	return ret;
}

static const struct file_operations dev_blob_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = dev_blob_read,
	.llseek = default_llseek,
};

static int dev_state_show(struct seq_file *s, void *unused)
{
	struct vfio_edid *e = s->private;
	struct vfio_region_gfx_edid regs;
	struct vfio_edid_mode mode;

	mutex_lock(&e->lock);
	regs = e->regs;
	mode = e->mode;
	mutex_unlock(&e->lock);

	seq_printf(s, "link: %s\n",
		   regs.link_state == VFIO_DEVICE_GFX_LINK_STATE_UP ?
		   "up" : "down");
	seq_printf(s, "edid_offset: %u\n", regs.edid_offset);
	seq_printf(s, "edid_size: %u\n", regs.edid_size);
	seq_printf(s, "edid_max_size: %u\n", regs.edid_max_size);
	seq_printf(s, "max_xres: %u\n", regs.max_xres);
	seq_printf(s, "max_yres: %u\n", regs.max_yres);
	if (regs.link_state == VFIO_DEVICE_GFX_LINK_STATE_UP)
		seq_printf(s, "mode: %ux%u\n", mode.xres, mode.yres);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(dev_state);

/**
 * vfio_edid_debugfs_add() - show an instance's blob and state in debugfs
 * @e: instance
 * @parent: the driver's debugfs directory for the device
 *
 * Creates @parent/edid/ with "blob" (raw EDID, edid_size bytes) and
 * "state" (registers and current mode, as text).  Call at most once per
 * instance.  vfio_edid_destroy() removes the files, so destroy the
 * instance before removing @parent.
 */
void vfio_edid_debugfs_add(struct vfio_edid *e, struct dentry *parent)
{
	e->debugfs = debugfs_create_dir("edid", parent);
	debugfs_create_file("blob", 0400, e->debugfs, e, &dev_blob_fops);
	debugfs_create_file("state", 0400, e->debugfs, e, &dev_state_fops);
}
EXPORT_SYMBOL_GPL(vfio_edid_debugfs_add);
