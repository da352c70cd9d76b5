/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mbochs: a mediated bochs-display vGPU.  State shared by the device model
 * (device.c), the region data path (regions.c), the display side
 * (display.c) and the mdev/VFIO glue (main.c).
 */
#ifndef _MBOCHS_H
#define _MBOCHS_H

#include <linux/mdev.h>
#include <linux/mutex.h>
#include <linux/pci_regs.h>
#include <linux/sizes.h>
#include <linux/types.h>
#include <linux/vfio.h>

#include "vfio_edid.h"

#define MBOCHS_NAME			"mbochs"

/* Region indexes: the PCI ones, then the EDID region, as in the sample. */
#define MBOCHS_EDID_REGION_INDEX	VFIO_PCI_NUM_REGIONS
#define MBOCHS_NUM_REGIONS		(MBOCHS_EDID_REGION_INDEX + 1)

/* A region's offset in the device fd is its index shifted by this. */
#define MBOCHS_OFFSET_SHIFT		40
#define MBOCHS_INDEX_TO_OFFSET(i)	((u64)(i) << MBOCHS_OFFSET_SHIFT)
#define MBOCHS_OFFSET_TO_INDEX(o)	((o) >> MBOCHS_OFFSET_SHIFT)
#define MBOCHS_OFFSET_MASK		(MBOCHS_INDEX_TO_OFFSET(1) - 1)

#define MBOCHS_CONFIG_SIZE		PCI_CFG_SPACE_SIZE
#define MBOCHS_MMIO_SIZE		SZ_4K
#define MBOCHS_EDID_MAX_SIZE		SZ_1K

/* bochs dispi interface registers, 16 bits each at 0x500 in BAR2 */
#define VBE_DISPI_INDEX_ID		0x0
#define VBE_DISPI_INDEX_XRES		0x1
#define VBE_DISPI_INDEX_YRES		0x2
#define VBE_DISPI_INDEX_BPP		0x3
#define VBE_DISPI_INDEX_ENABLE		0x4
#define VBE_DISPI_INDEX_BANK		0x5
#define VBE_DISPI_INDEX_VIRT_WIDTH	0x6
#define VBE_DISPI_INDEX_VIRT_HEIGHT	0x7
#define VBE_DISPI_INDEX_X_OFFSET	0x8
#define VBE_DISPI_INDEX_Y_OFFSET	0x9
#define VBE_DISPI_INDEX_VIDEO_MEMORY_64K 0xa
#define VBE_DISPI_INDEX_COUNT		0xb

#define VBE_DISPI_ID0			0xb0c0
#define VBE_DISPI_ID5			0xb0c5

#define VBE_DISPI_ENABLED		0x01
#define VBE_DISPI_GETCAPS		0x02

/* Largest mode the dispi interface describes, for types without a limit. */
#define VBE_DISPI_MAX_XRES		16000
#define VBE_DISPI_MAX_YRES		12000
#define VBE_DISPI_MAX_BPP		32

/* Framebuffers remembered per device for VFIO_DEVICE_GET_GFX_DMABUF. */
#define MBOCHS_MAX_FBS			16

/**
 * struct mbochs_fb - a framebuffer in video memory, as a plane shows it
 * @id: the dmabuf_id userspace sees; 0 marks an unused slot
 * @drm_format: DRM fourcc
 * @width: pixels
 * @height: lines
 * @stride: bytes from one line to the next
 * @offset: first byte in video memory, page aligned
 * @size: bytes exported, page aligned, inside video memory from @offset
 * @last_used: when a query last returned it, to evict the stalest
 */
struct mbochs_fb {
	u32 id;
	u32 drm_format;
	u32 width;
	u32 height;
	u32 stride;
	u32 offset;
	u32 size;
	u64 last_used;
};

/**
 * struct mbochs_type - one mdev type
 * @type: the mdev core's part
 * @mbytes: video memory, taken from the module's pool per instance
 * @max_x: largest width, 0 for no limit
 * @max_y: largest height, 0 for no limit
 */
struct mbochs_type {
	struct mdev_type type;
	u32 mbytes;
	u32 max_x;
	u32 max_y;
};

/**
 * struct mbochs_state - one mediated device
 * @vdev: the VFIO device, first so vfio_alloc_device() can embed it
 * @type: the mdev type it was created as
 * @edid: the EDID region, served by vfio_edid
 * @vram: BAR0, vmalloc_user() memory so it can be mapped to userspace
 * @vram_size: size of @vram and of BAR0, a power of two
 * @vram_pages: the pages of @vram in order, looked up once at creation so
 *	that mapping BAR0 and exporting a framebuffer need no page table walk
 *	per page
 * @lock: protects everything below; vfio_edid's state lock nests inside it
 * @config: PCI config space as the guest sees it, little endian
 * @config_wmask: bits of @config the guest may change
 * @dispi: bochs dispi registers
 * @link_up: a monitor is connected (the EDID link is up)
 * @mode_x: width limit while @link_up: the monitor's mode
 * @mode_y: height limit while @link_up
 * @edid_len: bytes of @edid_blob valid while @link_up
 * @edid_blob: the EDID shown in the BAR2 window
 * @fbs: framebuffers handed out as dmabuf ids, zeroed at allocation
 * @last_fb_id: the newest dmabuf id; ids are never reused for another
 *	framebuffer while they are in @fbs
 * @fb_clock: counts plane queries, for @mbochs_fb.last_used
 */
struct mbochs_state {
	struct vfio_device vdev;
	const struct mbochs_type *type;
	struct vfio_edid *edid;
	void *vram;
	u32 vram_size;
	struct page **vram_pages;

	struct mutex lock;	/* config, dispi and monitor state */
	u8 config[MBOCHS_CONFIG_SIZE];
	u8 config_wmask[MBOCHS_CONFIG_SIZE];
	u16 dispi[VBE_DISPI_INDEX_COUNT];
	bool link_up;
	u32 mode_x;
	u32 mode_y;
	size_t edid_len;
	u8 edid_blob[MBOCHS_EDID_MAX_SIZE];
	struct mbochs_fb fbs[MBOCHS_MAX_FBS];
	u32 last_fb_id;
	u64 fb_clock;
};

/* device.c */
void mbochs_reset(struct mbochs_state *s);
ssize_t mbochs_config_rw(struct mbochs_state *s, char __user *buf,
			 size_t count, loff_t off, bool write);
ssize_t mbochs_mmio_rw(struct mbochs_state *s, char __user *buf,
		       size_t count, loff_t off, bool write);

/* regions.c */
int mbochs_get_region_info_caps(struct vfio_device *vdev,
				struct vfio_region_info *info,
				struct vfio_info_cap *caps);
ssize_t mbochs_read(struct vfio_device *vdev, char __user *buf,
		    size_t count, loff_t *ppos);
ssize_t mbochs_write(struct vfio_device *vdev, const char __user *buf,
		     size_t count, loff_t *ppos);
int mbochs_mmap(struct vfio_device *vdev, struct vm_area_struct *vma);

/* display.c */
extern const struct vfio_edid_ops mbochs_edid_ops;
void mbochs_dispi_limits(struct mbochs_state *s, u32 *xres, u32 *yres);
long mbochs_query_gfx_plane(struct mbochs_state *s, void __user *arg);
long mbochs_get_gfx_dmabuf(struct mbochs_state *s, void __user *arg);

#endif /* _MBOCHS_H */
