/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Register offsets and link states of the VFIO GFX EDID region, taken from
 * the uapi (through the project's shim), for the guest test programs.
 */
#ifndef VB_EDID_REGS_H
#define VB_EDID_REGS_H

#include <stddef.h>
#include <linux/vfio.h>

#define VB_EDID_REG(field)	((int)offsetof(struct vfio_region_gfx_edid, field))
#define R_EDID_OFFSET	VB_EDID_REG(edid_offset)
#define R_EDID_MAX	VB_EDID_REG(edid_max_size)
#define R_EDID_SIZE	VB_EDID_REG(edid_size)
#define R_MAX_XRES	VB_EDID_REG(max_xres)
#define R_MAX_YRES	VB_EDID_REG(max_yres)
#define R_LINK		VB_EDID_REG(link_state)
#define LINK_UP		VFIO_DEVICE_GFX_LINK_STATE_UP
#define LINK_DOWN	VFIO_DEVICE_GFX_LINK_STATE_DOWN

#endif /* VB_EDID_REGS_H */
