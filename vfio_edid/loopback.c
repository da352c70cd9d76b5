// SPDX-License-Identifier: GPL-2.0-only
/*
 * A vfio_edid instance owned by the module itself and driven through
 * debugfs, so that tests exercise the real region handler without a vGPU:
 *
 *   loopback/region        pread/pwrite go to vfio_edid_region_rw()
 *   loopback/events        one line per link_change callback; a write
 *                          clears it
 *   loopback/load_default  "WxH" calls vfio_edid_load_default()
 *   loopback/edid/         the vfio_edid_debugfs_add() view
 */
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>

#include "internal.h"

#define LB_MAX_SIZE	1024
/* The limits of an mbochs-medium vGPU, so tests can see modes clamped. */
#define LB_MAX_XRES	1920
#define LB_MAX_YRES	1440
/* Oldest events are dropped beyond this many. */
#define LB_EVENTS	64

struct lb_event {
	bool up;
	u32 xres;
	u32 yres;
};

static struct vfio_edid *lb;
static struct dentry *lb_dir, *lb_region, *lb_events, *lb_default;

static DEFINE_MUTEX(lb_ev_lock);
static struct lb_event lb_ev[LB_EVENTS];
static unsigned int lb_ev_first, lb_ev_count;

static void lb_link_change(void *priv, bool up, u32 xres, u32 yres)
{
	struct lb_event *ev;

	mutex_lock(&lb_ev_lock);
	if (lb_ev_count == LB_EVENTS) {
		lb_ev_first = (lb_ev_first + 1) % LB_EVENTS;
		lb_ev_count--;
	}
	ev = &lb_ev[(lb_ev_first + lb_ev_count) % LB_EVENTS];
	ev->up = up;
	ev->xres = xres;
	ev->yres = yres;
	lb_ev_count++;
	mutex_unlock(&lb_ev_lock);
}

static const struct vfio_edid_ops lb_ops = {
	.link_change = lb_link_change,
};

static ssize_t lb_region_read(struct file *file, char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	ssize_t ret = vfio_edid_region_rw(lb, ubuf, count, *ppos, false);

	if (ret > 0)
		*ppos += ret;
	return ret;
}

static ssize_t lb_region_write(struct file *file, const char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	/* The region handler takes a writable pointer for both directions. */
	ssize_t ret = vfio_edid_region_rw(lb, (char __user *)ubuf, count,
					  *ppos, true);

	if (ret > 0)
		*ppos += ret;
	return ret;
}

static const struct file_operations lb_region_fops = {
	.owner = THIS_MODULE,
	.read = lb_region_read,
	.write = lb_region_write,
	.llseek = default_llseek,
};

static int lb_events_show(struct seq_file *s, void *unused)
{
	struct lb_event *ev;
	unsigned int i;

	mutex_lock(&lb_ev_lock);
	for (i = 0; i < lb_ev_count; i++) {
		ev = &lb_ev[(lb_ev_first + i) % LB_EVENTS];
		if (ev->up)
			seq_printf(s, "up %u %u\n", ev->xres, ev->yres);
		else
			seq_puts(s, "down\n");
	}
	mutex_unlock(&lb_ev_lock);
	return 0;
}

static int lb_events_open(struct inode *inode, struct file *file)
{
	return single_open(file, lb_events_show, NULL);
}

static ssize_t lb_events_write(struct file *file, const char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	mutex_lock(&lb_ev_lock);
	lb_ev_first = 0;
	lb_ev_count = 0;
	mutex_unlock(&lb_ev_lock);
	return count;
}

static const struct file_operations lb_events_fops = {
	.owner = THIS_MODULE,
	.open = lb_events_open,
	.read = seq_read,
	.write = lb_events_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static ssize_t lb_default_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	u32 xres, yres;
	int ret;

	ret = vfio_edid_parse_res(ubuf, count, &xres, &yres);
	if (!ret)
		ret = vfio_edid_load_default(lb, xres, yres, NULL);
	return ret ? ret : count;
}

static const struct file_operations lb_default_fops = {
	.owner = THIS_MODULE,
	.write = lb_default_write,
	.llseek = noop_llseek,
};

int vfio_edid_loopback_init(struct dentry *root)
{
	lb = vfio_edid_create(NULL, LB_MAX_SIZE, LB_MAX_XRES, LB_MAX_YRES,
			      &lb_ops, NULL);
	if (IS_ERR(lb))
		return PTR_ERR(lb);

	lb_dir = debugfs_create_dir("loopback", root);
	lb_region = debugfs_create_file("region", 0600, lb_dir, NULL,
					&lb_region_fops);
	lb_events = debugfs_create_file("events", 0600, lb_dir, NULL,
					&lb_events_fops);
	lb_default = debugfs_create_file("load_default", 0200, lb_dir, NULL,
					 &lb_default_fops);
	vfio_edid_debugfs_add(lb, lb_dir);
	return 0;
}

/*
 * The files that reach the instance go first (debugfs waits for running
 * handlers), then the instance with its own view, then the directory.
 */
void vfio_edid_loopback_exit(void)
{
	debugfs_remove(lb_region);
	debugfs_remove(lb_events);
	debugfs_remove(lb_default);
	vfio_edid_destroy(lb);
	debugfs_remove_recursive(lb_dir);
}
