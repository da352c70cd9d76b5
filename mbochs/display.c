// SPDX-License-Identifier: GPL-2.0-only
/*
 * The display side: the monitor (EDID link), what the dispi interface
 * offers because of it, the plane the dispi registers describe
 * (VFIO_DEVICE_QUERY_GFX_PLANE) and dma-bufs of it
 * (VFIO_DEVICE_GET_GFX_DMABUF).
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/fcntl.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <drm/drm_fourcc.h>
#include <drm/drm_plane.h>

#include "mbochs.h"

MODULE_IMPORT_NS("DMA_BUF");

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

/*
 * The framebuffer the dispi registers describe, or false if there is none
 * a dma-buf can show: display off, a format without a DRM equivalent, or a
 * mode that does not fit video memory.  Every register is the guest's, so
 * the arithmetic is done in 64 bits and checked against video memory here,
 * where it is used, whatever order the guest wrote the registers in.
 */
static bool mbochs_scanout(struct mbochs_state *s, struct mbochs_fb *fb)
{
	const u16 *r = s->dispi;
	u64 stride, offset, size;
	u32 format, cpp;

	lockdep_assert_held(&s->lock);

	if (!(r[VBE_DISPI_INDEX_ENABLE] & VBE_DISPI_ENABLED))
		return false;

	switch (r[VBE_DISPI_INDEX_BPP]) {
	case 32:
		format = DRM_FORMAT_XRGB8888;
		cpp = 4;
		break;
	case 24:
		format = DRM_FORMAT_RGB888;
		cpp = 3;
		break;
	case 16:
		format = DRM_FORMAT_RGB565;
		cpp = 2;
		break;
	case 15:
		format = DRM_FORMAT_XRGB1555;
		cpp = 2;
		break;
	default:
		/* 8 bpp indexes a palette, and this device has none. */
		return false;
	}

	if (!r[VBE_DISPI_INDEX_XRES] || !r[VBE_DISPI_INDEX_YRES])
		return false;

	/* A virtual width below the visible one means "as wide as visible". */
	stride = (u64)max(r[VBE_DISPI_INDEX_VIRT_WIDTH],
			  r[VBE_DISPI_INDEX_XRES]) * cpp;
	offset = r[VBE_DISPI_INDEX_Y_OFFSET] * stride +
		 (u64)r[VBE_DISPI_INDEX_X_OFFSET] * cpp;
	size = PAGE_ALIGN(stride * r[VBE_DISPI_INDEX_YRES]);

	/*
	 * A dma-buf starts on a page and the plane has no field for where
	 * the first pixel is inside it, so a panned start that is not page
	 * aligned cannot be shown.
	 */
	if (offset & ~PAGE_MASK)
		return false;
	if (offset > s->vram_size || size > s->vram_size - offset)
		return false;

	fb->drm_format = format;
	fb->width = r[VBE_DISPI_INDEX_XRES];
	fb->height = r[VBE_DISPI_INDEX_YRES];
	fb->stride = stride;
	fb->offset = offset;
	fb->size = size;
	return true;
}

static struct mbochs_fb *mbochs_fb_by_id(struct mbochs_state *s, u32 id)
{
	int i;

	for (i = 0; i < MBOCHS_MAX_FBS; i++)
		if (id && s->fbs[i].id == id)
			return &s->fbs[i];
	return NULL;
}

static bool mbochs_fb_equal(const struct mbochs_fb *a,
			    const struct mbochs_fb *b)
{
	return a->drm_format == b->drm_format && a->width == b->width &&
	       a->height == b->height && a->stride == b->stride &&
	       a->offset == b->offset && a->size == b->size;
}

/*
 * The slot of framebuffer @fb: the one that already has it, or a new id in
 * an unused slot or the least recently queried one.  Userspace (QEMU)
 * caches dma-bufs by id, so ids count up: one comes back only after 2^32
 * others, and never while it is still remembered here.
 */
static const struct mbochs_fb *mbochs_fb_get(struct mbochs_state *s,
					     const struct mbochs_fb *fb)
{
	struct mbochs_fb *slot = &s->fbs[0];
	u32 id;
	int i;

	lockdep_assert_held(&s->lock);

	for (i = 0; i < MBOCHS_MAX_FBS; i++) {
		struct mbochs_fb *f = &s->fbs[i];

		if (f->id && mbochs_fb_equal(f, fb)) {
			slot = f;
			goto found;
		}
		if (slot->id && (!f->id || f->last_used < slot->last_used))
			slot = f;
	}

	slot->id = 0;
	do {
		id = ++s->last_fb_id;
	} while (!id || mbochs_fb_by_id(s, id));
	*slot = *fb;
	slot->id = id;
found:
	slot->last_used = ++s->fb_clock;
	return slot;
}

/**
 * mbochs_query_gfx_plane() - answer VFIO_DEVICE_QUERY_GFX_PLANE
 * @s: device
 * @arg: the user's struct vfio_device_gfx_plane_info
 *
 * Only dma-buf planes exist.  The primary plane is whatever the dispi
 * registers describe right now; with none (display off, or a mode the
 * device cannot export) it is reported empty, drm_format 0, which is what
 * QEMU takes as "nothing to show".  There is no cursor and no overlay.
 *
 * Return: 0 or a negative errno.
 */
long mbochs_query_gfx_plane(struct mbochs_state *s, void __user *arg)
{
	unsigned long minsz = offsetofend(struct vfio_device_gfx_plane_info,
					  dmabuf_id);
	struct vfio_device_gfx_plane_info plane, out = {};
	const struct mbochs_fb *slot = NULL;
	struct mbochs_fb fb = {};

	if (copy_from_user(&plane, arg, minsz))
		return -EFAULT;
	if (plane.argsz < minsz)
		return -EINVAL;

	if (plane.flags & VFIO_GFX_PLANE_TYPE_PROBE)
		return plane.flags == (VFIO_GFX_PLANE_TYPE_PROBE |
				       VFIO_GFX_PLANE_TYPE_DMABUF) ? 0 : -EINVAL;
	if (plane.flags != VFIO_GFX_PLANE_TYPE_DMABUF)
		return -EINVAL;

	switch (plane.drm_plane_type) {
	case DRM_PLANE_TYPE_PRIMARY:
	case DRM_PLANE_TYPE_CURSOR:
	case DRM_PLANE_TYPE_OVERLAY:
		break;
	default:
		return -EINVAL;
	}

	mutex_lock(&s->lock);
	if (plane.drm_plane_type == DRM_PLANE_TYPE_PRIMARY &&
	    mbochs_scanout(s, &fb)) {
		slot = mbochs_fb_get(s, &fb);
		fb = *slot;
	}
	mutex_unlock(&s->lock);

	/* Everything after the input fields is ours to fill. */
	out.argsz = plane.argsz;
	out.flags = plane.flags;
	out.drm_plane_type = plane.drm_plane_type;
	if (slot) {
		out.drm_format = fb.drm_format;
		out.drm_format_mod = DRM_FORMAT_MOD_LINEAR;
		out.width = fb.width;
		out.height = fb.height;
		out.stride = fb.stride;
		out.size = fb.size;
		out.dmabuf_id = fb.id;
	}

	return copy_to_user(arg, &out, minsz) ? -EFAULT : 0;
}

/*
 * An exported framebuffer.  It holds its own reference on every page, so
 * it needs nothing from the device: video memory is vmalloc memory, and
 * vfree() drops only the allocation's reference, leaving pages we still
 * hold to us.  The device can go away while the dma-buf lives on (the
 * dma-buf pins our module through its owner).
 */
struct mbochs_dmabuf {
	unsigned int npages;
	struct page *pages[];
};

static void mbochs_dmabuf_free(struct mbochs_dmabuf *db)
{
	unsigned int i;

	for (i = 0; i < db->npages; i++)
		put_page(db->pages[i]);
	kvfree(db);
}

static struct sg_table *mbochs_dmabuf_map(struct dma_buf_attachment *at,
					  enum dma_data_direction dir)
{
	struct mbochs_dmabuf *db = at->dmabuf->priv;
	struct sg_table *sgt;
	int ret;

	sgt = kzalloc_obj(*sgt, GFP_KERNEL);
	if (!sgt)
		return ERR_PTR(-ENOMEM);

	ret = sg_alloc_table_from_pages(sgt, db->pages, db->npages, 0,
					(unsigned long)db->npages << PAGE_SHIFT,
					GFP_KERNEL);
	if (ret)
		goto err_free;
	ret = dma_map_sgtable(at->dev, sgt, dir, 0);
	if (ret)
		goto err_table;
	return sgt;

err_table:
	sg_free_table(sgt);
err_free:
	kfree(sgt);
	return ERR_PTR(ret);
}

static void mbochs_dmabuf_unmap(struct dma_buf_attachment *at,
				struct sg_table *sgt,
				enum dma_data_direction dir)
{
	dma_unmap_sgtable(at->dev, sgt, dir, 0);
	sg_free_table(sgt);
	kfree(sgt);
}

/* The dma-buf core has checked that the range is inside the buffer. */
static int mbochs_dmabuf_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct mbochs_dmabuf *db = buf->priv;

	/* A private copy would never see the guest draw. */
	if (!(vma->vm_flags & VM_MAYSHARE))
		return -EINVAL;
	return vm_map_pages(vma, db->pages, db->npages);
}

static void mbochs_dmabuf_release(struct dma_buf *buf)
{
	mbochs_dmabuf_free(buf->priv);
}

/*
 * None of these take the dma-buf's reservation lock: since v6.2 the core
 * calls map, unmap and mmap with it held, before that without, and
 * nothing here needs it either way.  No vmap: the importers this serves
 * (userspace through mmap, devices through map) do not use it.
 */
static const struct dma_buf_ops mbochs_dmabuf_ops = {
	.map_dma_buf = mbochs_dmabuf_map,
	.unmap_dma_buf = mbochs_dmabuf_unmap,
	.mmap = mbochs_dmabuf_mmap,
	.release = mbochs_dmabuf_release,
};

static int mbochs_export(struct mbochs_state *s, const struct mbochs_fb *fb)
{
	DEFINE_DMA_BUF_EXPORT_INFO(info);
	unsigned int i, npages = fb->size >> PAGE_SHIFT;
	struct mbochs_dmabuf *db;
	struct dma_buf *buf;
	int fd;

	db = kvzalloc(struct_size(db, pages, npages), GFP_KERNEL_ACCOUNT);
	if (!db)
		return -ENOMEM;
	for (i = 0; i < npages; i++) {
		struct page *page = s->vram_pages[(fb->offset >> PAGE_SHIFT) + i];

		get_page(page);
		db->pages[i] = page;
		db->npages++;
	}

	info.ops = &mbochs_dmabuf_ops;
	info.size = fb->size;
	/* The VFIO user may write BAR0 anyway; the same holds for its dma-bufs. */
	info.flags = O_RDWR;
	info.priv = db;
	buf = dma_buf_export(&info);
	if (IS_ERR(buf)) {
		mbochs_dmabuf_free(db);
		return PTR_ERR(buf);
	}

	fd = dma_buf_fd(buf, O_CLOEXEC);
	if (fd < 0)
		dma_buf_put(buf);	/* frees @db through release */
	return fd;
}

/**
 * mbochs_get_gfx_dmabuf() - answer VFIO_DEVICE_GET_GFX_DMABUF
 * @s: device
 * @arg: the user's __u32 dmabuf_id, from a plane query
 *
 * Every call exports a new dma-buf of the framebuffer the id names, even
 * if the guest has moved on to another mode since.
 *
 * Return: a dma-buf fd (close-on-exec), -ENOENT for an id that is unknown
 * or no longer remembered (MBOCHS_MAX_FBS per device), or another negative
 * errno.
 */
long mbochs_get_gfx_dmabuf(struct mbochs_state *s, void __user *arg)
{
	const struct mbochs_fb *slot;
	struct mbochs_fb fb;
	u32 id;

	if (get_user(id, (u32 __user *)arg))
		return -EFAULT;

	mutex_lock(&s->lock);
	slot = mbochs_fb_by_id(s, id);
	if (slot)
		fb = *slot;
	mutex_unlock(&s->lock);
	if (!slot)
		return -ENOENT;

	return mbochs_export(s, &fb);
}
