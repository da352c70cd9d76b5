// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-guest VFIO client for an mbochs mdev parent: the same checks run
 * against the upstream sample (samples/vfio-mdev/mbochs.c) and, later, ours.
 * It loads the module (when given a .ko), checks the mdev types in sysfs,
 * creates a "small" mdev, opens it through a type1 container, reads its
 * config space, drives the EDID region, then removes the mdev and unloads
 * the module.  Prints kselftest TAP 13; exits 0 if all pass (known defects
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
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/vfio.h>

#include "test_edid.h"
#include "vb_edid_regs.h"
#include "vb_tap.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define TYPES_DIR	"/sys/class/mdev_bus/mbochs/mdev_supported_types"
#define MDEV_DIR	"/sys/bus/mdev/devices"
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

/* Read a sysfs attribute, without the trailing newline; -errno on error. */
static int read_attr(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	close(fd);
	buf[n] = 0;
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = 0;
	return 0;
}

static int write_attr(const char *path, const char *val)
{
	ssize_t n;
	int fd = open(path, O_WRONLY);

	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	if (n < 0)
		n = -errno;
	close(fd);
	return n < 0 ? n : 0;
}

static int type_attr(unsigned int t, const char *attr, char *buf, size_t len)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s/%s", TYPES_DIR, types[t].sysfs, attr);
	return read_attr(path, buf, len);
}

static long available(unsigned int t)
{
	char buf[64];

	if (type_attr(t, "available_instances", buf, sizeof(buf)))
		return -1;
	return strtol(buf, NULL, 10);
}

static int exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static int load_module(const char *ko)
{
	int fd = open(ko, O_RDONLY | O_CLOEXEC), ret;

	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, "", 0) ? -errno : 0;
	close(fd);
	return ret;
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

/* The mdev's IOMMU group number from its iommu_group link; -1 if none. */
static int mdev_group(void)
{
	char link[256], *p;
	ssize_t n;

	n = readlink(MDEV_DIR "/" UUID "/iommu_group", link, sizeof(link) - 1);
	if (n < 0)
		return -1;
	link[n] = 0;
	p = strrchr(link, '/');
	return p ? atoi(p + 1) : -1;
}

/*
 * GET_REGION_INFO as QEMU does it: first with the bare struct, then, if the
 * device asks for more (capabilities), again with the size it asked for.
 * Returns a malloc'ed info or NULL (errno set).
 */
static struct vfio_region_info *region_info(int dev, unsigned int index)
{
	struct vfio_region_info *info;
	size_t sz = sizeof(*info);

	for (;;) {
		info = calloc(1, sz);
		if (!info)
			return NULL;
		info->argsz = sz;
		info->index = index;
		if (ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, info)) {
			free(info);
			return NULL;
		}
		if (info->argsz <= sz)
			return info;
		sz = info->argsz;
		free(info);
		if (sz > 4096) {
			errno = E2BIG;
			return NULL;
		}
	}
}

/* The region's type capability, or NULL. */
static struct vfio_region_info_cap_type *cap_type(struct vfio_region_info *info)
{
	struct vfio_info_cap_header *h;
	__u32 off;
	int hops = 0;

	if (!(info->flags & VFIO_REGION_INFO_FLAG_CAPS))
		return NULL;
	for (off = info->cap_offset; off && hops < 16; off = h->next, hops++) {
		if (off < sizeof(*info) ||
		    off + sizeof(struct vfio_region_info_cap_type) > info->argsz)
			return NULL;
		h = (void *)((char *)info + off);
		if (h->id == VFIO_REGION_INFO_CAP_TYPE)
			return (void *)h;
	}
	return NULL;
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
	struct vfio_region_info_cap_type *ct;
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

	cfg = region_info(dev, VFIO_PCI_CONFIG_REGION_INDEX);
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
		ri = region_info(dev, i);
		if (!ri)
			continue;
		ct = cap_type(ri);
		if (ct && ct->type == VFIO_REGION_TYPE_GFX &&
		    ct->subtype == VFIO_REGION_SUBTYPE_GFX_EDID && !edid_ri) {
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

/* Container and group: open the mdev's device fd. */
static void check_vfio(void)
{
	struct vfio_group_status gs = { .argsz = sizeof(gs) };
	int container, group, dev, grp, iommu, ret;
	char path[64];

	grp = mdev_group();
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
		close(dev);
	}
out_group:
	close(group);
out_container:
	close(container);
}

int main(int argc, char **argv)
{
	char path[256];
	unsigned int t;
	int ret;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s upstream|ours [MODULE.ko]\n", argv[0]);
		return KSFT_FAIL;
	}
	upstream = !strcmp(argv[1], "upstream");
	tap_prefix = argv[1];
	printf("TAP version 13\n");
	diag("target %s", argv[1]);

	if (argc == 3) {
		ret = load_module(argv[2]);
		result(!ret, "load %s%s%s", argv[2], ret ? ": " : "",
		       ret ? strerror(-ret) : "");
		if (ret)
			goto out;
	}
	check_types();

	snprintf(path, sizeof(path), "%s/%s/create", TYPES_DIR, types[0].sysfs);
	ret = write_attr(path, UUID);
	result(!ret && exists(MDEV_DIR "/" UUID), "create mdev %s (%s)%s%s",
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

	ret = write_attr(MDEV_DIR "/" UUID "/remove", "1");
	result(!ret && !exists(MDEV_DIR "/" UUID), "remove mdev%s%s",
	       ret ? ": " : "", ret ? strerror(-ret) : "");
	result(available(0) == POOL_MB / types[0].mb,
	       "%s: available_instances %ld again (want %u)", types[0].sysfs,
	       available(0), POOL_MB / types[0].mb);
unload:
	if (argc == 3) {
		ret = syscall(SYS_delete_module, "mbochs", O_NONBLOCK) ? -errno : 0;
		result(!ret, "unload mbochs%s%s", ret ? ": " : "",
		       ret ? strerror(-ret) : "");
	}
out:
	printf("1..%d\n", num);
	return failed ? KSFT_FAIL : KSFT_PASS;
}
