// SPDX-License-Identifier: GPL-2.0-only
/*
 * The display side: the monitor (EDID link) and what the dispi interface
 * offers because of it.  Plane queries and dma-bufs come later.
 */
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "mbochs.h"

/*
 * vfio_edid calls this with its own lock dropped and ours not held, after
 * the guest-side user (or vfio_edid_load_default()) changed the link.  The
 * blob is copied here so BAR2 reads need only our lock.
 */
static void mbochs_link_change(void *priv, bool up, u32 xres, u32 yres)
{
	struct mbochs_state *s = priv;
	size_t len = 0;
	u8 *blob;

	blob = kmalloc(MBOCHS_EDID_MAX_SIZE, GFP_KERNEL);
	if (up && blob)
		len = vfio_edid_copy_blob(s->edid, blob, MBOCHS_EDID_MAX_SIZE);

	mutex_lock(&s->lock);
	s->link_up = up;
	s->mode_x = xres;
	s->mode_y = yres;
	s->edid_len = len;
	if (len)
		memcpy(s->edid_blob, blob, len);
	mutex_unlock(&s->lock);
	kfree(blob);
}

const struct vfio_edid_ops mbochs_edid_ops = {
	.link_change = mbochs_link_change,
};

/**
 * mbochs_dispi_limits() - the largest mode the guest may set
 * @s: device, lock held
 * @xres: width limit
 * @yres: height limit
 *
 * With a monitor connected, its preferred mode (already within the type's
 * limit); without one, the type's limit, or what dispi can describe.
 */
void mbochs_dispi_limits(struct mbochs_state *s, u32 *xres, u32 *yres)
{
	lockdep_assert_held(&s->lock);

	if (s->link_up && s->mode_x && s->mode_y) {
		*xres = s->mode_x;
		*yres = s->mode_y;
		return;
	}
	*xres = s->type->max_x ? s->type->max_x : VBE_DISPI_MAX_XRES;
	*yres = s->type->max_y ? s->type->max_y : VBE_DISPI_MAX_YRES;
}

/* Planes and dma-bufs are not exported yet. */
long mbochs_query_gfx_plane(struct mbochs_state *s, void __user *arg)
{
	return -EINVAL;
}

long mbochs_get_gfx_dmabuf(struct mbochs_state *s, void __user *arg)
{
	return -EINVAL;
}
