/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EDID validation and generation.  Pure code: no allocation, no locking,
 * no kernel services beyond <linux/types.h>, <linux/errno.h> and
 * <linux/string.h>, so the same sources build in the userspace unit tests.
 */
#ifndef _VFIO_EDID_EDID_H
#define _VFIO_EDID_EDID_H

#include <linux/types.h>

#define EDID_BLOCK_SIZE		128
/* Byte 126 counts extension blocks, so at most 1 + 255 blocks. */
#define EDID_MAX_BLOCKS		256
#define EDID_MAX_SIZE		(EDID_BLOCK_SIZE * EDID_MAX_BLOCKS)
/* Monitor name descriptor holds at most 13 characters. */
#define EDID_NAME_MAX		13

/**
 * struct vfio_edid_mode - a display mode taken from or put into an EDID
 * @xres: horizontal active pixels
 * @yres: vertical active lines
 * @clock_khz: pixel clock in kHz
 * @htotal: horizontal total (active + blanking) in pixels
 * @vtotal: vertical total (active + blanking) in lines
 */
struct vfio_edid_mode {
	u32 xres;
	u32 yres;
	u32 clock_khz;
	u32 htotal;
	u32 vtotal;
};

int vfio_edid_validate(const u8 *blob, size_t size,
		       struct vfio_edid_mode *pref, const char **why);
int vfio_edid_generate(u8 *buf, size_t len, u32 xres, u32 yres,
		       const char *name);
int vfio_edid_cvt_rb(u32 xres, u32 yres, u32 refresh,
		     struct vfio_edid_mode *mode);

#endif /* _VFIO_EDID_EDID_H */
