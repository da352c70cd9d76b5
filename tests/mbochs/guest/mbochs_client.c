// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-guest VFIO client for an mbochs mdev parent: the same checks run
 * against the upstream sample (samples/vfio-mdev/mbochs.c) and, later, ours.
 * It loads the module (when given a .ko), checks the mdev types in sysfs,
 * creates a "small" mdev, opens it through a type1 container, reads its
 * config space, drives the EDID region, sets display modes and checks the
 * planes and dma-bufs of them, then removes the mdev (with a dma-buf still
 * open) and unloads the module.  Prints kselftest TAP 13; exits 0 if all pass (known defects
 * of the upstream sample are "not ok ... # TODO"), 1 on failure.
 * libc only, so it links statically.
 *
 *   mbochs_client TARGET [MODULE.ko]
 *
 * TARGET is "upstream" or "ours"; only the upstream sample gets TODOs.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/vfio.h>

#include "mbochs_dispi.h"
#include "test_edid.h"
#include "vb_edid_regs.h"
#include "vb_mdev.h"
#include "vb_tap.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define TYPES_DIR	"/sys/class/mdev_bus/mbochs/mdev_supported_types"
#define UUID		"83b8f4f2-509f-382f-3c1e-e6bfe0fa1001"
#define POOL_MB		256	/* the module parameter "count", default */

static const struct {
	const char *sysfs;	/* the type's folder */
	const char *name;	/* its "name" attribute */
	unsigned int mb;
	unsigned int max_x, max_y;
} types[] = {
	{ "mbochs-small", "mbochs-small", 4, 800, 600 },
	{ "mbochs-medium", "mbochs-medium", 16, 1920, 1440 },
	{ "mbochs-large", "mbochs-large", 64, 0, 0 },
};

static int upstream;

/* A check the upstream sample is known to fail: TODO there, real elsewhere. */
static void known_defect(int ok, const char *what)
{
	if (ok || !upstream) {
		result(ok, "%s", what);
		return;
	}
	printf("not ok %d - %s: %s # TODO upstream sample defect\n", ++num,
	       tap_prefix, what);
	fflush(stdout);
}

static int type_attr(unsigned int t, const char *attr, char *buf, size_t len)
{
	char path[256];

	vb_type_path(path, sizeof(path), TYPES_DIR, types[t].sysfs, attr);
	return vb_read_attr(path, buf, len);
}

static long available(unsigned int t)
{
	return vb_available(TYPES_DIR, types[t].sysfs);
}

/* The sysfs checks of the three types, before any mdev exists. */
static void check_types(void)
{
	char buf[256], want[64];
	unsigned int t, n = 0;
	struct dirent *de;
	DIR *d;

	d = opendir(TYPES_DIR);
	result(!!d, "parent %s exists", TYPES_DIR);
	if (d) {
		while ((de = readdir(d)))
			if (de->d_name[0] != '.') {
				diag("type %s", de->d_name);
				n++;
			}
		closedir(d);
	}
	result(n == ARRAY_SIZE(types), "%u mdev types (want %zu)", n,
	       ARRAY_SIZE(types));

	for (t = 0; t < ARRAY_SIZE(types); t++) {
		const char *s = types[t].sysfs;
		int ret;

		ret = type_attr(t, "name", buf, sizeof(buf));
		result(!ret && !strcmp(buf, types[t].name),
		       "%s: name \"%s\" (want %s)", s, ret ? "" : buf,
		       types[t].name);
		snprintf(want, sizeof(want), "%u MB", types[t].mb);
		ret = type_attr(t, "description", buf, sizeof(buf));
		result(!ret && strstr(buf, want),
		       "%s: description \"%s\" names %s", s, ret ? "" : buf,
		       want);
		ret = type_attr(t, "device_api", buf, sizeof(buf));
		result(!ret && !strcmp(buf, "vfio-pci"),
		       "%s: device_api \"%s\" (want vfio-pci)", s,
		       ret ? "" : buf);
		result(available(t) == POOL_MB / types[t].mb,
		       "%s: available_instances %ld (want %u)", s, available(t),
		       POOL_MB / types[t].mb);
	}
}

static int rd32(int dev, off_t off, uint32_t *v)
{
	return pread(dev, v, 4, off) == 4 ? 0 : -1;
}

static int wr32(int dev, off_t off, uint32_t v)
{
	return pwrite(dev, &v, 4, off) == 4 ? 0 : -1;
}

static void check_edid(int dev, unsigned int idx, struct vfio_region_info *ri,
		       unsigned int t)
{
	uint32_t off_, max, size, xres, yres, link, v;
	off_t base = ri->offset;
	uint8_t edid[128], back[128];
	int ok;

	ok = !rd32(dev, base + R_EDID_OFFSET, &off_) &&
	     !rd32(dev, base + R_EDID_MAX, &max) &&
	     !rd32(dev, base + R_EDID_SIZE, &size) &&
	     !rd32(dev, base + R_MAX_XRES, &xres) &&
	     !rd32(dev, base + R_MAX_YRES, &yres) &&
	     !rd32(dev, base + R_LINK, &link);
	result(ok, "EDID region %u: read the 24-byte register block", idx);
	if (!ok)
		return;
	diag("edid_offset 0x%x max_size %u size %u max %ux%u link %u",
	     off_, max, size, xres, yres, link);
	result(off_ >= 24 && off_ + max <= ri->size && max >= 128,
	       "EDID: blob at 0x%x, %u bytes, inside the 0x%llx-byte region",
	       off_, max, (unsigned long long)ri->size);
	result(xres == types[t].max_x && yres == types[t].max_y,
	       "EDID: max resolution %ux%u (want %ux%u)", xres, yres,
	       types[t].max_x, types[t].max_y);

	ok = !wr32(dev, base + R_LINK, LINK_DOWN) &&
	     !rd32(dev, base + R_LINK, &v) && v == LINK_DOWN;
	result(ok, "EDID: link down");

	make_edid(edid);
	ok = pwrite(dev, edid, sizeof(edid), base + off_) == sizeof(edid);
	result(ok, "EDID: write a 128-byte blob at edid_offset");

	ok = !wr32(dev, base + R_EDID_SIZE, sizeof(edid)) &&
	     !rd32(dev, base + R_EDID_SIZE, &v) && v == sizeof(edid);
	result(ok, "EDID: edid_size %u", (unsigned int)sizeof(edid));

	ok = !wr32(dev, base + R_LINK, LINK_UP) &&
	     !rd32(dev, base + R_LINK, &v) && v == LINK_UP;
	result(ok, "EDID: link up");

	memset(back, 0, sizeof(back));
	ok = pread(dev, back, sizeof(back), base + off_) == sizeof(back) &&
	     !memcmp(back, edid, sizeof(edid));
	result(ok, "EDID: the blob reads back unchanged");
}

/*
 * The VFIO convention: argsz may be larger than the struct the kernel knows
 * (newer userspace); the kernel must accept it and fill what it knows.
 */
static void check_big_argsz(int dev, unsigned int idx, __u32 need)
{
	struct vfio_region_info *info;
	size_t sz = need + 64;
	int ret;

	info = calloc(1, sz);
	if (!info) {
		result(0, "calloc");
		return;
	}
	info->argsz = sz;
	info->index = idx;
	ret = ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, info);
	if (ret)
		diag("GET_REGION_INFO(%u, argsz %zu): %s", idx, sz,
		     strerror(errno));
	known_defect(!ret && info->size,
		     "GET_REGION_INFO accepts argsz larger than it needs");
	free(info);
}

static void check_device(int dev)
{
	struct vfio_device_info dinfo = { .argsz = sizeof(dinfo) };
	struct vfio_region_info *cfg, *ri, *edid_ri = NULL;
	unsigned int i, edid_idx = 0;
	uint8_t c[64];
	int ok;

	ok = !ioctl(dev, VFIO_DEVICE_GET_INFO, &dinfo);
	result(ok && (dinfo.flags & VFIO_DEVICE_FLAGS_PCI) &&
	       dinfo.num_regions > VFIO_PCI_CONFIG_REGION_INDEX,
	       "DEVICE_GET_INFO: flags 0x%x (PCI), %u regions, %u irqs",
	       dinfo.flags, dinfo.num_regions, dinfo.num_irqs);
	if (!ok)
		return;

	cfg = vb_region_info_caps(dev, VFIO_PCI_CONFIG_REGION_INDEX);
	result(cfg && cfg->size >= sizeof(c) &&
	       (cfg->flags & VFIO_REGION_INFO_FLAG_READ),
	       "config region: size 0x%llx, readable",
	       cfg ? (unsigned long long)cfg->size : 0ULL);
	if (cfg) {
		ok = pread(dev, c, sizeof(c), cfg->offset) == sizeof(c);
		result(ok && c[0] == 0x34 && c[1] == 0x12 && c[2] == 0x11 &&
		       c[3] == 0x11,
		       "config: vendor:device %02x%02x:%02x%02x (want 1234:1111)",
		       c[1], c[0], c[3], c[2]);
		result(ok && c[0x0b] == 0x03,
		       "config: class 0x%02x%02x is a display controller",
		       c[0x0b], c[0x0a]);
		free(cfg);
	}

	for (i = 0; i < dinfo.num_regions; i++) {
		ri = vb_region_info_caps(dev, i);
		if (!ri)
			continue;
		if (vb_region_is_edid(ri) && !edid_ri) {
			edid_ri = ri;
			edid_idx = i;
			continue;
		}
		free(ri);
	}
	result(!!edid_ri,
	       "a region with the GFX/GFX_EDID type capability (index %u)",
	       edid_idx);
	if (!edid_ri)
		return;
	result((edid_ri->flags & VFIO_REGION_INFO_FLAG_READ) &&
	       (edid_ri->flags & VFIO_REGION_INFO_FLAG_WRITE) &&
	       edid_ri->size >= sizeof(struct vfio_region_gfx_edid),
	       "EDID region: read/write, 0x%llx bytes at 0x%llx",
	       (unsigned long long)edid_ri->size,
	       (unsigned long long)edid_ri->offset);
	check_big_argsz(dev, edid_idx, edid_ri->argsz);
	check_edid(dev, edid_idx, edid_ri, 0);
	free(edid_ri);
}

/*
 * Display: plane queries (VFIO_DEVICE_QUERY_GFX_PLANE) and dma-bufs
 * (VFIO_DEVICE_GET_GFX_DMABUF) of modes set through the dispi registers.
 * The mdev is a small one: 4 MiB of video memory, modes up to 800x600.
 */
#define PAGE_SZ		4096u
#define PLANE_MINSZ	((uint32_t)(offsetof(struct vfio_device_gfx_plane_info, \
					   dmabuf_id) + sizeof(__u32)))

/* A dma-buf kept open across the removal of its device (ours only). */
static struct {
	int fd;
	uint32_t *map;
	size_t len;
	unsigned int w, h, seed;
} kept = { .fd = -1 };

static void skip(const char *what, const char *why)
{
	printf("ok %d - %s: %s # SKIP %s\n", ++num, tap_prefix, what, why);
	fflush(stdout);
}

static uint32_t pixel(unsigned int x, unsigned int y, unsigned int seed)
{
	return (seed << 24) ^ (y << 12) ^ x ^ 0x00808080;
}

/* Draw the pattern into video memory at @off through pwrite(), line by line. */
static int draw_pwrite(const struct mbochs_dispi *d, off_t off,
		       unsigned int w, unsigned int h, unsigned int stride,
		       unsigned int seed)
{
	uint32_t line[800];
	unsigned int x, y;

	if (w > 800)
		return -1;
	for (y = 0; y < h; y++) {
		for (x = 0; x < w; x++)
			line[x] = pixel(x, y, seed);
		if (pwrite(d->dev, line, w * 4, d->bar0 + off +
			   (off_t)y * stride) != (ssize_t)(w * 4))
			return -1;
	}
	return 0;
}

/* The first pixel that differs from the pattern, as y * w + x, or -1. */
static long first_bad_pixel(const uint32_t *fb, unsigned int w,
			    unsigned int h, unsigned int stride,
			    unsigned int seed)
{
	unsigned int x, y;

	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			if (fb[(size_t)y * (stride / 4) + x] != pixel(x, y, seed))
				return (long)y * w + x;
	return -1;
}

static int cloexec(int fd)
{
	int f = fcntl(fd, F_GETFD);

	return f >= 0 && (f & FD_CLOEXEC);
}

/*
 * Query the primary plane.  The upstream sample fails the first query of
 * each new mode (checked once in check_mode()); ask it again.
 */
static int query_primary(int dev, struct vfio_device_gfx_plane_info *p)
{
	int ret = mbochs_query_plane(dev, sizeof(*p), VFIO_GFX_PLANE_TYPE_DMABUF,
				     PLANE_PRIMARY, p);

	if (ret && upstream)
		ret = mbochs_query_plane(dev, sizeof(*p),
					 VFIO_GFX_PLANE_TYPE_DMABUF,
					 PLANE_PRIMARY, p);
	return ret;
}

/* A query of the primary plane that must describe no framebuffer. */
static void check_empty_plane(int dev, const char *what)
{
	struct vfio_device_gfx_plane_info p;
	int ret;

	ret = query_primary(dev, &p);
	result(!ret && !p.drm_format && !p.width && !p.height && !p.size,
	       "%s: empty plane (ret %d, format 0x%x, %ux%u, size %u)", what,
	       ret, p.drm_format, p.width, p.height, p.size);
}

static void check_plane_flags(int dev)
{
	static const struct {
		uint32_t flags;
		int ret;
		const char *what;
	} cases[] = {
		{ VFIO_GFX_PLANE_TYPE_PROBE | VFIO_GFX_PLANE_TYPE_DMABUF, 0,
		  "PROBE|DMABUF: supported" },
		{ VFIO_GFX_PLANE_TYPE_PROBE | VFIO_GFX_PLANE_TYPE_REGION, -EINVAL,
		  "PROBE|REGION: not supported (-EINVAL)" },
		{ VFIO_GFX_PLANE_TYPE_PROBE, -EINVAL, "PROBE alone: -EINVAL" },
		{ VFIO_GFX_PLANE_TYPE_PROBE | VFIO_GFX_PLANE_TYPE_DMABUF |
		  VFIO_GFX_PLANE_TYPE_REGION, -EINVAL,
		  "PROBE|DMABUF|REGION: -EINVAL" },
		{ 0, -EINVAL, "no flags: -EINVAL" },
		{ VFIO_GFX_PLANE_TYPE_REGION, -EINVAL, "REGION: -EINVAL" },
		{ VFIO_GFX_PLANE_TYPE_DMABUF | 0x80, -EINVAL,
		  "DMABUF with an unknown flag: -EINVAL" },
	};
	struct {
		struct vfio_device_gfx_plane_info p;
		uint8_t more[64];
	} big;
	struct vfio_device_gfx_plane_info p;
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		ret = mbochs_query_plane(dev, sizeof(p), cases[i].flags,
					 PLANE_PRIMARY, &p);
		result(ret == cases[i].ret, "QUERY_GFX_PLANE %s (got %d)",
		       cases[i].what, ret);
	}

	ret = mbochs_query_plane(dev, PLANE_MINSZ - 1,
				 VFIO_GFX_PLANE_TYPE_PROBE |
				 VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, &p);
	result(ret == -EINVAL, "QUERY_GFX_PLANE argsz %u (too small): -EINVAL (got %d)",
	       PLANE_MINSZ - 1, ret);
	ret = mbochs_query_plane(dev, 0, VFIO_GFX_PLANE_TYPE_DMABUF,
				 PLANE_PRIMARY, &p);
	result(ret == -EINVAL, "QUERY_GFX_PLANE argsz 0: -EINVAL (got %d)", ret);

	memset(&big, 0xa5, sizeof(big));
	ret = mbochs_query_plane(dev, sizeof(big), VFIO_GFX_PLANE_TYPE_DMABUF,
				 PLANE_PRIMARY, &big.p);
	result(!ret && big.more[0] == 0xa5 && big.more[63] == 0xa5,
	       "QUERY_GFX_PLANE argsz %zu (larger): accepted, nothing written past the struct (got %d)",
	       sizeof(big), ret);
}

/* The fields of a 32-bit plane of w x h at stride w * 4. */
static void check_plane_fields(const struct vfio_device_gfx_plane_info *p,
			       unsigned int w, unsigned int h)
{
	result(p->drm_format == FOURCC_XRGB8888 && !p->drm_format_mod,
	       "plane: XRGB8888 (0x%x), linear (modifier 0x%llx)",
	       p->drm_format, (unsigned long long)p->drm_format_mod);
	result(p->width == w && p->height == h && p->stride == w * 4,
	       "plane: %ux%u stride %u (want %ux%u stride %u)", p->width,
	       p->height, p->stride, w, h, w * 4);
	result(p->size >= w * h * 4, "plane: size %u holds %u bytes", p->size,
	       w * h * 4);
	/* The uapi says "size of plane in bytes, align on page". */
	known_defect(p->size % PAGE_SZ == 0, "plane: size is page aligned");
	result(!p->x_pos && !p->y_pos && !p->x_hot && !p->y_hot,
	       "plane: position and hotspot 0");
}

/*
 * Export @id, check the fd, map it and compare it with the pattern @seed.
 * Returns the fd (the map in *map, *len) or -1.
 */
static int export_and_check(int dev, uint32_t id, unsigned int w,
			    unsigned int h, unsigned int seed, const char *what,
			    uint32_t **map, size_t *len)
{
	unsigned int rows;
	off_t end;
	long bad;
	int fd;

	fd = mbochs_get_dmabuf(dev, id);
	result(fd >= 0, "%s: GET_GFX_DMABUF(%u) gives a dma-buf fd%s%s", what,
	       id, fd < 0 ? ": " : "", fd < 0 ? strerror(-fd) : "");
	if (fd < 0)
		return -1;
	known_defect(cloexec(fd), "the dma-buf fd is close-on-exec");
	end = lseek(fd, 0, SEEK_END);
	result(end >= (off_t)w * h * 4, "%s: dma-buf size %lld", what,
	       (long long)end);
	if (end < (off_t)w * h * 4) {
		close(fd);
		return -1;
	}
	/*
	 * Only whole pages of a dma-buf can be mapped: a size that is not
	 * page aligned leaves the last lines out of reach.
	 */
	*len = end & ~(off_t)(PAGE_SZ - 1);
	rows = *len / (w * 4) < h ? *len / (w * 4) : h;
	known_defect(rows == h, "the dma-buf's whole pages hold the framebuffer");
	*map = mmap(NULL, *len, PROT_READ, MAP_SHARED, fd, 0);
	if (*map == MAP_FAILED)
		diag("%s: mmap the dma-buf: %s", what, strerror(errno));
	/*
	 * A shared mapping of a read-only file is not VM_SHARED, which is
	 * what the sample's mmap insists on.
	 */
	known_defect(*map != MAP_FAILED, "mmap(PROT_READ, MAP_SHARED) of the dma-buf");
	if (*map == MAP_FAILED) {
		close(fd);
		return -1;
	}
	bad = first_bad_pixel(*map, w, rows, w * 4, seed);
	result(bad < 0, "%s: dma-buf shows the BAR0 pattern in %u/%u lines (bad pixel %ld)",
	       what, rows, h, bad);
	return fd;
}

/* 800x600x32: first query, fields, export, pixels through each path. */
static uint32_t check_mode(const struct mbochs_dispi *d)
{
	const unsigned int w = 800, h = 600;
	struct vfio_device_gfx_plane_info p, p2;
	uint32_t *map, *bar0, id;
	size_t len;
	long bad;
	int ret, fd, fd2;

	result(!mbochs_dispi_set_mode(d, w, h, 32),
	       "dispi: set %ux%ux32 through BAR2", w, h);
	ret = mbochs_query_plane(d->dev, sizeof(p), VFIO_GFX_PLANE_TYPE_DMABUF,
				 PLANE_PRIMARY, &p);
	if (ret)
		diag("first QUERY_GFX_PLANE after the mode set: %s",
		     strerror(-ret));
	known_defect(!ret, "the first QUERY_GFX_PLANE after a mode set succeeds");
	if (ret)
		ret = mbochs_query_plane(d->dev, sizeof(p),
					 VFIO_GFX_PLANE_TYPE_DMABUF,
					 PLANE_PRIMARY, &p);
	result(!ret, "QUERY_GFX_PLANE DMABUF primary%s%s", ret ? ": " : "",
	       ret ? strerror(-ret) : "");
	if (ret)
		return 0;
	diag("plane: format 0x%x %ux%u stride %u size %u id %u", p.drm_format,
	     p.width, p.height, p.stride, p.size, p.dmabuf_id);
	check_plane_fields(&p, w, h);
	id = p.dmabuf_id;

	ret = mbochs_query_plane(d->dev, sizeof(p2), VFIO_GFX_PLANE_TYPE_DMABUF,
				 PLANE_PRIMARY, &p2);
	result(!ret && p2.dmabuf_id == id && p2.width == w,
	       "the same mode queried again keeps dmabuf_id %u (got %u)", id,
	       p2.dmabuf_id);
	ret = mbochs_query_plane(d->dev, sizeof(p2), VFIO_GFX_PLANE_TYPE_DMABUF,
				 PLANE_CURSOR, &p2);
	result(!ret && !p2.drm_format && !p2.size,
	       "cursor plane: none (ret %d, format 0x%x)", ret, p2.drm_format);
	ret = mbochs_query_plane(d->dev, sizeof(p2), VFIO_GFX_PLANE_TYPE_DMABUF,
				 7, &p2);
	result(ret || (!p2.drm_format && !p2.size),
	       "unknown plane type 7: an error or no plane (ret %d)", ret);

	ret = mbochs_get_dmabuf(d->dev, id + 1000);
	result(ret == -ENOENT, "GET_GFX_DMABUF(unknown id %u): -ENOENT (got %d)",
	       id + 1000, ret);

	result(!draw_pwrite(d, 0, w, h, w * 4, 1),
	       "draw a pattern into BAR0 with pwrite");
	fd = export_and_check(d->dev, id, w, h, 1, "pwrite", &map, &len);
	if (fd < 0)
		return id;

	result(mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0) == MAP_FAILED,
	       "a private mapping of the dma-buf is refused");

	/* The same pages: what is drawn through a BAR0 mapping shows at once. */
	bar0 = mmap(NULL, d->bar0_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		    d->dev, d->bar0);
	result(bar0 != MAP_FAILED, "mmap BAR0%s%s", bar0 == MAP_FAILED ? ": " : "",
	       bar0 == MAP_FAILED ? strerror(errno) : "");
	if (bar0 != MAP_FAILED) {
		unsigned int x, y;

		for (y = 0; y < h; y++)
			for (x = 0; x < w; x++)
				bar0[y * w + x] = pixel(x, y, 2);
		bad = first_bad_pixel(map, w, len / (w * 4) < h ? len / (w * 4) : h,
				      w * 4, 2);
		result(bad < 0, "dma-buf map shows a pattern drawn via BAR0 mmap (bad pixel %ld)",
		       bad);
		munmap(bar0, d->bar0_size);
	}

	if (upstream) {
		skip("a second dma-buf of the same id is independent",
		     "upstream gives a second fd of one dma-buf without a reference");
		skip("draw through a writable dma-buf mapping",
		     "upstream exports read-only dma-bufs");
		munmap(map, len);
		close(fd);
		return id;
	}

	fd2 = mbochs_get_dmabuf(d->dev, id);
	result(fd2 >= 0 && fd2 != fd, "a second GET_GFX_DMABUF(%u) gives another fd",
	       id);
	munmap(map, len);
	close(fd);
	if (fd2 < 0)
		return id;
	map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, 0);
	result(map != MAP_FAILED && first_bad_pixel(map, w, h, w * 4, 2) < 0,
	       "the second dma-buf maps and shows the pattern after the first is closed");
	if (map == MAP_FAILED) {
		close(fd2);
		return id;
	}
	{
		uint32_t line[800];
		unsigned int x;

		for (x = 0; x < w; x++)
			map[(h - 1) * w + x] = pixel(x, h - 1, 3);
		ret = pread(d->dev, line, sizeof(line),
			    d->bar0 + (off_t)(h - 1) * w * 4) == sizeof(line);
		for (x = 0; ret && x < w; x++)
			ret = line[x] == pixel(x, h - 1, 3);
		result(ret, "a line drawn via the dma-buf map reads back with pread of BAR0");
		for (x = 0; x < w; x++)
			map[(h - 1) * w + x] = pixel(x, h - 1, 2);
	}
	/* Kept open until the mdev is gone; see check_kept_dmabuf(). */
	kept.fd = fd2;
	kept.map = map;
	kept.len = len;
	kept.w = w;
	kept.h = h;
	kept.seed = 2;
	return id;
}

/* Panning: the plane follows the start offset, with a new id. */
static void check_offsets(const struct mbochs_dispi *d, uint32_t id0)
{
	const unsigned int w = 800, h = 600, yoff = 64;
	struct vfio_device_gfx_plane_info p;
	uint32_t *map;
	size_t len;
	int ret, fd;

	ret = mbochs_dispi_set(d, DISPI_Y_OFFSET, yoff);
	ret = ret ? -1 : query_primary(d->dev, &p);
	result(!ret && p.width == w && p.height == h && p.dmabuf_id != id0,
	       "Y_OFFSET %u: %ux%u plane with a new dmabuf_id %u (was %u)",
	       yoff, p.width, p.height, p.dmabuf_id, id0);
	if (ret || !p.drm_format)
		return;
	result(!draw_pwrite(d, (off_t)yoff * w * 4, w, h, w * 4, 4),
	       "draw a pattern at line %u of BAR0", yoff);
	fd = export_and_check(d->dev, p.dmabuf_id, w, h, 4, "panned", &map, &len);
	if (fd >= 0) {
		munmap(map, len);
		close(fd);
	}

	/* A start that is not page aligned: a dma-buf cannot start there. */
	ret = mbochs_dispi_set(d, DISPI_Y_OFFSET, 0) ||
	      mbochs_dispi_set(d, DISPI_X_OFFSET, 1);
	ret = ret ? -1 : query_primary(d->dev, &p);
	result(!ret, "X_OFFSET 1: QUERY_GFX_PLANE succeeds (got %d)", ret);
	if (!ret && p.drm_format) {
		fd = mbochs_get_dmabuf(d->dev, p.dmabuf_id);
		known_defect(fd >= 0,
			     "X_OFFSET 1: the plane it reports can be exported");
		if (fd >= 0)
			close(fd);
	} else if (!ret) {
		result(1, "X_OFFSET 1: reported as no plane");
	}
	mbochs_dispi_set(d, DISPI_X_OFFSET, 0);
}

/*
 * Twenty framebuffers (panned starts): twenty ids, none reused, and only a
 * bounded number remembered, since every one is kernel memory the guest
 * asks for.
 */
static void check_fb_cap(const struct mbochs_dispi *d)
{
	struct vfio_device_gfx_plane_info p;
	unsigned int k, j, reused = 0;
	uint32_t ids[20];
	int fd, ok = 1;

	ok = !mbochs_dispi_set_mode(d, 800, 600, 32);
	for (k = 0; ok && k < ARRAY_SIZE(ids); k++) {
		/* 32 lines of 3200 bytes: page-aligned starts. */
		ok = !mbochs_dispi_set(d, DISPI_Y_OFFSET, 32 * (k + 1)) &&
		     !query_primary(d->dev, &p) && p.drm_format;
		ids[k] = p.dmabuf_id;
		for (j = 0; j < k; j++)
			reused += ids[j] == ids[k];
	}
	result(ok && !reused, "%zu panned framebuffers get %zu distinct dmabuf ids",
	       ARRAY_SIZE(ids), ARRAY_SIZE(ids));
	if (!ok)
		return;
	fd = mbochs_get_dmabuf(d->dev, ids[0]);
	diag("GET_GFX_DMABUF(oldest id %u): %d", ids[0], fd);
	known_defect(fd == -ENOENT,
		     "the oldest of them is forgotten: remembered framebuffers are capped");
	if (fd >= 0)
		close(fd);
	fd = mbochs_get_dmabuf(d->dev, ids[ARRAY_SIZE(ids) - 1]);
	result(fd >= 0, "the newest of them exports");
	if (fd >= 0)
		close(fd);
}

/* Modes that do not fit video memory are no plane, never out of bounds. */
static void check_bounds(const struct mbochs_dispi *d)
{
	static const struct {
		unsigned int reg;
		uint16_t val;
		const char *what;
	} cases[] = {
		{ DISPI_VIRT_WIDTH, 4000, "VIRT_WIDTH 4000 (9.6 MB at 600 lines)" },
		{ DISPI_VIRT_WIDTH, 0xffff, "VIRT_WIDTH 65535" },
		/* Page-aligned starts, so only the size is wrong. */
		{ DISPI_Y_OFFSET, 1024, "Y_OFFSET 1024 (ends past 4 MiB)" },
		{ DISPI_Y_OFFSET, 0xffe0, "Y_OFFSET 65504" },
		{ DISPI_X_OFFSET, 0xfc00, "X_OFFSET 64512 with Y_OFFSET 640" },
	};
	char what[96];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		if (mbochs_dispi_set_mode(d, 800, 600, 32) ||
		    (cases[i].reg == DISPI_X_OFFSET &&
		     mbochs_dispi_set(d, DISPI_Y_OFFSET, 640)) ||
		    mbochs_dispi_set(d, cases[i].reg, cases[i].val)) {
			result(0, "set %s", cases[i].what);
			continue;
		}
		snprintf(what, sizeof(what), "%s", cases[i].what);
		check_empty_plane(d->dev, what);
	}
}

/* Other depths: a DRM format that matches the bytes, or no plane. */
static void check_depths(const struct mbochs_dispi *d)
{
	static const struct {
		uint16_t bpp;
		uint32_t format;	/* 0: no plane */
		unsigned int cpp;
	} cases[] = {
		{ 16, FOURCC_RGB565, 2 },
		{ 15, FOURCC_XRGB1555, 2 },
		{ 24, FOURCC_RGB888, 3 },
		{ 8, 0, 1 },		/* palette: the device has none */
	};
	struct vfio_device_gfx_plane_info p;
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		uint32_t want = cases[i].format;

		if (mbochs_dispi_set_mode(d, 640, 480, cases[i].bpp)) {
			result(0, "dispi: set 640x480 at %u bpp", cases[i].bpp);
			continue;
		}
		ret = query_primary(d->dev, &p);
		diag("%u bpp: ret %d format 0x%x stride %u", cases[i].bpp, ret,
		     p.drm_format, p.stride);
		if (!want) {
			result(!ret && !p.drm_format,
			       "%u bpp: no plane (format 0x%x)", cases[i].bpp,
			       p.drm_format);
		} else if (upstream && !ret && !p.drm_format) {
			/* The sample shows only 32 bpp: a choice, not a defect. */
			result(1, "%u bpp: no plane (upstream shows 32 bpp only)",
			       cases[i].bpp);
		} else {
			result(!ret && p.drm_format == want &&
			       p.stride == 640 * cases[i].cpp && p.width == 640,
			       "%u bpp: format 0x%x stride %u (want 0x%x, %u)",
			       cases[i].bpp, p.drm_format, p.stride, want,
			       640 * cases[i].cpp);
		}
	}
}

static void check_display(int dev)
{
	struct mbochs_dispi d;
	uint32_t id;
	int ret;

	ret = mbochs_dispi_open(&d, dev);
	result(!ret, "BAR0 and BAR2 region info%s%s", ret ? ": " : "",
	       ret ? strerror(-ret) : "");
	if (ret)
		return;
	check_plane_flags(dev);
	result(!mbochs_dispi_disable(&d), "dispi: display off");
	check_empty_plane(dev, "display off");
	id = check_mode(&d);
	check_offsets(&d, id);
	check_fb_cap(&d);
	check_bounds(&d);
	check_depths(&d);
	result(!mbochs_dispi_disable(&d), "dispi: display off again");
	check_empty_plane(dev, "display off after a mode");
	if (kept.fd >= 0) {
		/* The pixels the kept dma-buf must show after the remove. */
		kept.seed = 5;
		result(!draw_pwrite(&d, 0, kept.w, kept.h, kept.w * 4, kept.seed) &&
		       first_bad_pixel(kept.map, kept.w, kept.h, kept.w * 4,
				       kept.seed) < 0,
		       "the kept dma-buf shows a last pattern drawn into BAR0");
	}
}

/* After the mdev is gone, the dma-buf kept open still shows its pixels. */
static void check_kept_dmabuf(void)
{
	uint32_t *map;
	long bad;
	int ret;

	if (upstream) {
		skip("a dma-buf outlives its removed device",
		     "upstream's dma-buf release uses the freed device state");
		return;
	}
	if (kept.fd < 0) {
		result(0, "a dma-buf was kept open across the remove");
		return;
	}
	bad = first_bad_pixel(kept.map, kept.w, kept.h, kept.w * 4, kept.seed);
	result(bad < 0, "after the remove, the kept dma-buf map shows the pattern (bad pixel %ld)",
	       bad);
	/* The dma-buf holds the module: its ops must stay. */
	ret = -vb_unload_module("mbochs");
	result(ret == EWOULDBLOCK || ret == EBUSY,
	       "unloading mbochs is refused while its dma-buf is open (%s)",
	       ret ? strerror(ret) : "it unloaded");
	munmap(kept.map, kept.len);
	map = mmap(NULL, kept.len, PROT_READ, MAP_SHARED, kept.fd, 0);
	result(map != MAP_FAILED &&
	       first_bad_pixel(map, kept.w, kept.h, kept.w * 4, kept.seed) < 0,
	       "after the remove, the kept dma-buf maps again with the same pixels");
	if (map != MAP_FAILED)
		munmap(map, kept.len);
	result(!close(kept.fd), "close the last dma-buf after the remove");
	kept.fd = -1;
}

/* Container and group: open the mdev's device fd. */
static void check_vfio(void)
{
	struct vfio_group_status gs = { .argsz = sizeof(gs) };
	int container, group, dev, grp, iommu, ret;
	char path[64];

	grp = vb_mdev_group(UUID);
	result(grp >= 0, "mdev has IOMMU group %d", grp);
	if (grp < 0)
		return;

	container = open("/dev/vfio/vfio", O_RDWR);
	ret = container >= 0 ? ioctl(container, VFIO_GET_API_VERSION) : -1;
	result(ret == VFIO_API_VERSION, "/dev/vfio/vfio: API version %d (want %d)",
	       ret, VFIO_API_VERSION);
	if (container < 0)
		return;

	snprintf(path, sizeof(path), "/dev/vfio/%d", grp);
	group = open(path, O_RDWR);
	ret = group >= 0 ? ioctl(group, VFIO_GROUP_GET_STATUS, &gs) : -1;
	result(!ret && (gs.flags & VFIO_GROUP_FLAGS_VIABLE),
	       "%s: viable (flags 0x%x)", path, gs.flags);
	if (group < 0)
		goto out_container;

	ret = ioctl(group, VFIO_GROUP_SET_CONTAINER, &container);
	result(!ret, "GROUP_SET_CONTAINER%s%s", ret ? ": " : "",
	       ret ? strerror(errno) : "");
	if (ret)
		goto out_group;

	iommu = ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) > 0 ?
		VFIO_TYPE1v2_IOMMU : VFIO_TYPE1_IOMMU;
	ret = ioctl(container, VFIO_SET_IOMMU, iommu);
	result(!ret, "SET_IOMMU %s (emulated mdev group)%s%s",
	       iommu == VFIO_TYPE1v2_IOMMU ? "type1v2" : "type1",
	       ret ? ": " : "", ret ? strerror(errno) : "");
	if (ret)
		goto out_group;

	dev = ioctl(group, VFIO_GROUP_GET_DEVICE_FD, UUID);
	result(dev >= 0, "GROUP_GET_DEVICE_FD %s%s%s", UUID,
	       dev < 0 ? ": " : "", dev < 0 ? strerror(errno) : "");
	if (dev >= 0) {
		check_device(dev);
		check_display(dev);
		close(dev);
	}
out_group:
	close(group);
out_container:
	close(container);
}

int main(int argc, char **argv)
{
	unsigned int t;
	int ret;

	upstream = vb_target_args(argc, argv);
	if (upstream < 0)
		return KSFT_FAIL;
	diag("target %s", argv[1]);

	if (argc == 3) {
		if (vb_tap_load_module(argv[2]))
			goto out;
	}
	check_types();

	ret = vb_mdev_create(TYPES_DIR, types[0].sysfs, UUID);
	result(!ret && vb_mdev_exists(UUID), "create mdev %s (%s)%s%s",
	       UUID, types[0].sysfs, ret ? ": " : "",
	       ret ? strerror(-ret) : "");
	if (ret)
		goto unload;
	for (t = 0; t < ARRAY_SIZE(types); t++)
		result(available(t) == (POOL_MB - types[0].mb) / types[t].mb,
		       "%s: available_instances %ld after it (want %u)",
		       types[t].sysfs, available(t),
		       (POOL_MB - types[0].mb) / types[t].mb);

	check_vfio();

	vb_tap_mdev_remove(UUID, "remove mdev");
	result(available(0) == POOL_MB / types[0].mb,
	       "%s: available_instances %ld again (want %u)", types[0].sysfs,
	       available(0), POOL_MB / types[0].mb);
	check_kept_dmabuf();
unload:
	if (argc == 3)
		vb_tap_unload_module("mbochs");
out:
	printf("1..%d\n", num);
	return failed ? KSFT_FAIL : KSFT_PASS;
}
