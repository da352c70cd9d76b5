/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Userspace side of an mbochs (bochs-display) device through its VFIO device
 * fd, for the guest test programs and the demo: the dispi mode registers
 * (16 bits each at 0x500 + index * 2 in BAR2, little endian), and plane
 * queries.  libc and the VFIO uapi only.
 *
 *   struct mbochs_dispi d;
 *   mbochs_dispi_open(&d, devfd);
 *   mbochs_dispi_set_mode(&d, 1920, 1080, 32);
 */
#ifndef MBOCHS_DISPI_H
#define MBOCHS_DISPI_H

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <unistd.h>
#include <linux/vfio.h>

#define DISPI_MMIO_BASE		0x500

enum dispi_index {
	DISPI_ID,
	DISPI_XRES,
	DISPI_YRES,
	DISPI_BPP,
	DISPI_ENABLE,
	DISPI_BANK,
	DISPI_VIRT_WIDTH,
	DISPI_VIRT_HEIGHT,
	DISPI_X_OFFSET,
	DISPI_Y_OFFSET,
	DISPI_VIDEO_MEMORY_64K,
};

#define DISPI_ENABLED		0x01
#define DISPI_LFB_ENABLED	0x40

/* DRM fourcc codes (drm_fourcc.h is not in every libc's headers). */
#define MBOCHS_FOURCC(a, b, c, d) \
	((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | \
	 (uint32_t)(d) << 24)
#define FOURCC_XRGB8888		MBOCHS_FOURCC('X', 'R', '2', '4')
#define FOURCC_RGB888		MBOCHS_FOURCC('R', 'G', '2', '4')
#define FOURCC_RGB565		MBOCHS_FOURCC('R', 'G', '1', '6')
#define FOURCC_XRGB1555		MBOCHS_FOURCC('X', 'R', '1', '5')

/* enum drm_plane_type, which is not uapi */
#define PLANE_OVERLAY		0
#define PLANE_PRIMARY		1
#define PLANE_CURSOR		2

struct mbochs_dispi {
	int dev;		/* VFIO device fd */
	off_t bar0;		/* region offsets in @dev */
	uint64_t bar0_size;
	off_t bar2;
};

/* Find BAR0 and BAR2 of the device; 0, or -errno. */
static inline int mbochs_dispi_open(struct mbochs_dispi *d, int dev)
{
	struct vfio_region_info ri;

	memset(d, 0, sizeof(*d));
	d->dev = dev;
	memset(&ri, 0, sizeof(ri));
	ri.argsz = sizeof(ri);
	ri.index = VFIO_PCI_BAR0_REGION_INDEX;
	if (ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &ri))
		return -errno;
	d->bar0 = ri.offset;
	d->bar0_size = ri.size;
	memset(&ri, 0, sizeof(ri));
	ri.argsz = sizeof(ri);
	ri.index = VFIO_PCI_BAR2_REGION_INDEX;
	if (ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &ri))
		return -errno;
	d->bar2 = ri.offset;
	return 0;
}

static inline int mbochs_dispi_write(const struct mbochs_dispi *d,
				     unsigned int index, uint16_t val)
{
	uint8_t b[2] = { val & 0xff, val >> 8 };

	return pwrite(d->dev, b, 2, d->bar2 + DISPI_MMIO_BASE + index * 2) == 2 ?
	       0 : -1;
}

static inline int mbochs_dispi_read(const struct mbochs_dispi *d,
				    unsigned int index, uint16_t *val)
{
	uint8_t b[2];

	if (pread(d->dev, b, 2, d->bar2 + DISPI_MMIO_BASE + index * 2) != 2)
		return -1;
	*val = b[0] | b[1] << 8;
	return 0;
}

/* Write a register and check that the device took the value. */
static inline int mbochs_dispi_set(const struct mbochs_dispi *d,
				   unsigned int index, uint16_t val)
{
	uint16_t back;

	if (mbochs_dispi_write(d, index, val) ||
	    mbochs_dispi_read(d, index, &back))
		return -1;
	return back == val ? 0 : -1;
}

static inline int mbochs_dispi_disable(const struct mbochs_dispi *d)
{
	return mbochs_dispi_set(d, DISPI_ENABLE, 0);
}

/*
 * The sequence a bochs driver uses: off, geometry, no panning, on with the
 * linear framebuffer.  0, or -1 if the device refused a value (a mode
 * beyond its limit, an unknown depth).
 */
static inline int mbochs_dispi_set_mode(const struct mbochs_dispi *d,
					uint16_t xres, uint16_t yres,
					uint16_t bpp)
{
	if (mbochs_dispi_disable(d) ||
	    mbochs_dispi_set(d, DISPI_BPP, bpp) ||
	    mbochs_dispi_set(d, DISPI_XRES, xres) ||
	    mbochs_dispi_set(d, DISPI_YRES, yres) ||
	    mbochs_dispi_set(d, DISPI_VIRT_WIDTH, xres) ||
	    mbochs_dispi_set(d, DISPI_VIRT_HEIGHT, yres) ||
	    mbochs_dispi_set(d, DISPI_X_OFFSET, 0) ||
	    mbochs_dispi_set(d, DISPI_Y_OFFSET, 0))
		return -1;
	return mbochs_dispi_set(d, DISPI_ENABLE,
				DISPI_ENABLED | DISPI_LFB_ENABLED);
}

/*
 * VFIO_DEVICE_QUERY_GFX_PLANE with the given argsz, flags and plane type;
 * 0 or -errno.  @p must have room for @argsz bytes.
 */
static inline int mbochs_query_plane(int dev, uint32_t argsz, uint32_t flags,
				     uint32_t type,
				     struct vfio_device_gfx_plane_info *p)
{
	memset(p, 0, sizeof(*p));
	p->argsz = argsz;
	p->flags = flags;
	p->drm_plane_type = type;
	return ioctl(dev, VFIO_DEVICE_QUERY_GFX_PLANE, p) ? -errno : 0;
}

/* VFIO_DEVICE_GET_GFX_DMABUF: a dma-buf fd, or -errno. */
static inline int mbochs_get_dmabuf(int dev, uint32_t id)
{
	int fd = ioctl(dev, VFIO_DEVICE_GET_GFX_DMABUF, &id);

	return fd < 0 ? -errno : fd;
}

#endif /* MBOCHS_DISPI_H */
