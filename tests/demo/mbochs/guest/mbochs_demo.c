// SPDX-License-Identifier: GPL-2.0-only
/*
 * `make demo`, the guest side: create an mbochs-medium vGPU, plug in a
 * 1920x1080 monitor (an EDID from vfio_edid's generator, through the EDID
 * region), set 1920x1080x32 through the dispi registers, draw a test
 * pattern into video memory (BAR0), read it back through a dma-buf of the
 * plane, and write what the dma-buf shows to a disk for the host to turn
 * into demo.png.  The EDID goes to the console as hex between markers.
 * Prints kselftest TAP; libc only, so it links statically.
 *
 *   mbochs_demo DISK
 *
 * DISK gets a 64-byte header ("MBOCHS-DEMO", width, height, stride, DRM
 * format, all little endian u32 from byte 16) and then the framebuffer.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/vfio.h>

#include "mbochs_dispi.h"
#include "vb_edid_regs.h"
#include "vb_mdev.h"
#include "vb_tap.h"

#define TYPES_DIR	"/sys/class/mdev_bus/mbochs/mdev_supported_types"
#define TYPE		"mbochs-medium"
#define UUID		"83b8f4f2-509f-382f-3c1e-e6bfe0fa2001"
#define GENERATE	"/sys/kernel/debug/vfio_edid/generate"
#define W		1920
#define H		1080

/* The generator's EDID for WxH, from vfio_edid's debugfs file. */
static ssize_t generate_edid(uint8_t *buf, size_t len)
{
	ssize_t n;
	int fd;

	if (vb_write_attr(GENERATE, "1920x1080\n"))
		return -1;
	fd = open(GENERATE, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, len);
	close(fd);
	return n;
}

static int put32(int dev, off_t off, uint32_t v)
{
	return pwrite(dev, &v, 4, off) == 4 ? 0 : -1;
}

/* The EDID region protocol: link down, blob and size, link up. */
static int plug_monitor(int dev, off_t base, const uint8_t *edid, size_t len)
{
	uint32_t blob_off;

	if (pread(dev, &blob_off, 4, base + R_EDID_OFFSET) != 4)
		return -1;
	if (put32(dev, base + R_LINK, LINK_DOWN) ||
	    pwrite(dev, edid, len, base + blob_off) != (ssize_t)len ||
	    put32(dev, base + R_EDID_SIZE, len) ||
	    put32(dev, base + R_LINK, LINK_UP))
		return -1;
	return 0;
}

/*
 * The test pattern: eight colour bars over the top two thirds, then a grey
 * ramp, then red, green and blue ramps, left to right.
 */
static uint32_t pattern(unsigned int x, unsigned int y)
{
	static const uint32_t bars[8] = {
		0xffffff, 0xffff00, 0x00ffff, 0x00ff00,
		0xff00ff, 0xff0000, 0x0000ff, 0x000000,
	};
	uint32_t v = x * 255 / (W - 1);

	if (y < H * 2 / 3)
		return bars[x * 8 / W];
	switch ((y - H * 2 / 3) * 4 / (H - H * 2 / 3)) {
	case 0:
		return v << 16 | v << 8 | v;
	case 1:
		return v << 16;
	case 2:
		return v << 8;
	default:
		return v;
	}
}

static void print_hex(const char *tag, const uint8_t *b, size_t len)
{
	size_t i;

	printf("@@%s-begin %zu\n", tag, len);
	for (i = 0; i < len; i++)
		printf("%02x%s", b[i], i % 32 == 31 || i == len - 1 ? "\n" : "");
	printf("@@%s-end\n", tag);
	fflush(stdout);
}

static int save(const char *disk, const uint32_t *fb,
		const struct vfio_device_gfx_plane_info *p)
{
	uint32_t hdr[16] = { 0 };
	size_t len = (size_t)p->stride * p->height;
	int fd = open(disk, O_WRONLY);
	int ok;

	if (fd < 0)
		return -1;
	memcpy(hdr, "MBOCHS-DEMO", 12);
	hdr[4] = p->width;
	hdr[5] = p->height;
	hdr[6] = p->stride;
	hdr[7] = p->drm_format;
	ok = pwrite(fd, hdr, sizeof(hdr), 0) == sizeof(hdr) &&
	     pwrite(fd, fb, len, sizeof(hdr)) == (ssize_t)len && !fsync(fd);
	close(fd);
	return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct vfio_device_gfx_plane_info p;
	struct mbochs_dispi d;
	uint32_t *vram, *fb;
	unsigned int x, y;
	uint8_t edid[512];
	ssize_t edid_len;
	off_t edid_base;
	long bad = -1;
	struct vb_vfio v;
	const char *why;
	int dev, buf, ret;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DISK\n", argv[0]);
		return KSFT_FAIL;
	}
	printf("TAP version 13\n");
	diag("mbochs demo: %ux%u, picture to %s", W, H, argv[1]);

	ret = vb_mdev_create(TYPES_DIR, TYPE, UUID);
	result(!ret, "create an mbochs-medium vGPU %s", UUID);
	if (!ret)
		ret = vb_vfio_open(UUID, &v, &why);
	else
		why = "no mdev";
	result(!ret, "open it through VFIO%s%s", ret ? ": " : "", why);
	if (ret)
		goto out;
	dev = v.dev;

	edid_len = generate_edid(edid, sizeof(edid));
	result(edid_len >= 128 && edid_len % 128 == 0,
	       "vfio_edid generates a 1920x1080 EDID (%zd bytes)", edid_len);
	edid_base = vb_edid_region_offset(dev);
	result(edid_base >= 0, "find the EDID region");
	if (edid_len < 128 || edid_base < 0)
		goto out;
	result(!plug_monitor(dev, edid_base, edid, edid_len),
	       "plug the monitor in: link down, EDID, link up");
	print_hex("edid", edid, edid_len);

	result(!mbochs_dispi_open(&d, dev) &&
	       !mbochs_dispi_set_mode(&d, W, H, 32),
	       "set %ux%u at 32 bpp through the dispi registers", W, H);
	ret = mbochs_query_plane(dev, sizeof(p), VFIO_GFX_PLANE_TYPE_DMABUF,
				 PLANE_PRIMARY, &p);
	result(!ret && p.drm_format == FOURCC_XRGB8888 && p.width == W &&
	       p.height == H && p.stride == W * 4,
	       "plane: XRGB8888 %ux%u stride %u, dmabuf_id %u", p.width,
	       p.height, p.stride, p.dmabuf_id);
	if (ret || p.width != W || p.height != H || p.stride != W * 4)
		goto out;

	vram = mmap(NULL, d.bar0_size, PROT_READ | PROT_WRITE, MAP_SHARED, dev,
		    d.bar0);
	result(vram != MAP_FAILED, "map video memory (BAR0, %llu MiB)",
	       (unsigned long long)d.bar0_size >> 20);
	if (vram == MAP_FAILED)
		goto out;
	for (y = 0; y < H; y++)
		for (x = 0; x < W; x++)
			vram[y * W + x] = pattern(x, y);
	result(1, "draw colour bars and ramps into video memory");

	buf = mbochs_get_dmabuf(dev, p.dmabuf_id);
	result(buf >= 0, "export the plane as a dma-buf");
	if (buf < 0)
		goto out;
	fb = mmap(NULL, p.size, PROT_READ, MAP_SHARED, buf, 0);
	result(fb != MAP_FAILED, "map the dma-buf");
	if (fb == MAP_FAILED)
		goto out;
	for (y = 0; y < H && bad < 0; y++)
		for (x = 0; x < W; x++)
			if ((fb[y * W + x] & 0xffffff) != pattern(x, y)) {
				bad = (long)y * W + x;
				break;
			}
	result(bad < 0, "the dma-buf shows the pattern (first bad pixel %ld)",
	       bad);
	result(!save(argv[1], fb, &p), "write the dma-buf's pixels to %s",
	       argv[1]);
	munmap(fb, p.size);
	close(buf);
	munmap(vram, d.bar0_size);
	vb_vfio_close(&v);
	result(!vb_mdev_remove(UUID), "remove the vGPU");
out:
	printf("1..%d\n", num);
	return failed ? KSFT_FAIL : KSFT_PASS;
}
