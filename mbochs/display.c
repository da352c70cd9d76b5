// SPDX-License-Identifier: GPL-2.0-only
/*
 * The display side: the monitor (EDID link) and what the dispi interface
 * offers because of it.  Plane queries and dma-bufs come later.
 */
#include <linux/kernel.h>
#include <linux/lockdep.h>

#include "mbochs.h"

/*
 * vfio_edid calls this with its own state lock dropped and ours not held,
 * after the guest-side user (or vfio_edid_load_default()) changed the link.
 * The blob is copied here so BAR2 reads need only our lock.  It is copied
 * straight into our state: vfio_edid's state lock nests inside ours, which
 * is safe because vfio_edid never calls out or waits for us while holding
 * it, and it spares an allocation on every link change (the EDID round
 * trip of `make bench`).
 */
static void mbochs_link_change(void *priv, bool up, u32 xres, u32 yres)
{
	struct mbochs_state *s = priv;

	mutex_lock(&s->lock);
	s->link_up = up;
	s->mode_x = xres;
	s->mode_y = yres;
	s->edid_len = up ? vfio_edid_copy_blob(s->edid, s->edid_blob,
					       sizeof(s->edid_blob)) : 0;
	mutex_unlock(&s->lock);
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
