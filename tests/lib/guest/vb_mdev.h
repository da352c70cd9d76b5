/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sysfs, module and VFIO helpers for the guest programs that drive an mdev
 * parent (mbochs, upstream sample or ours): create and remove mdevs, load and
 * unload a module, and open an mdev's device fd through a type1 container as
 * QEMU does, find its regions.  The mbochs programs take the same
 * arguments ("upstream|ours [MODULE.ko]") and report loading and unloading
 * alike: vb_target_args(), vb_tap_load_module(), vb_tap_mdev_remove(),
 * vb_tap_unload_module().
 * One translation unit each, so everything here is static inline: a program
 * need not use all of it.
 * libc only, so the programs link statically.
 */
#ifndef VB_MDEV_H
#define VB_MDEV_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/vfio.h>

#include "vb_tap.h"
#include "vb_time.h"

#define VB_MDEV_DIR	"/sys/bus/mdev/devices"

/* A sysfs attribute without its trailing newline; 0 or -errno. */
static inline int vb_read_attr(const char *path, char *buf, size_t len)
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

static inline int vb_write_attr(const char *path, const char *val)
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

static inline int vb_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* finit_module, like insmod; 0 or -errno. */
static inline int vb_load_module(const char *ko, const char *params)
{
	int fd = open(ko, O_RDONLY | O_CLOEXEC), ret;

	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, params ? params : "", 0) ? -errno : 0;
	close(fd);
	return ret;
}

/* delete_module without waiting for users, as rmmod does; 0 or -errno. */
static inline int vb_unload_module(const char *name)
{
	return syscall(SYS_delete_module, name, O_NONBLOCK) ? -errno : 0;
}

/* Path of an mdev type's attribute: TYPES/TYPE/ATTR. */
static inline void vb_type_path(char *path, size_t len, const char *types,
				const char *type, const char *attr)
{
	snprintf(path, len, "%s/%s/%s", types, type, attr);
}

/* A type's available_instances, or -1. */
static inline long vb_available(const char *types, const char *type)
{
	char path[256], buf[64];

	vb_type_path(path, sizeof(path), types, type, "available_instances");
	if (vb_read_attr(path, buf, sizeof(buf)))
		return -1;
	return strtol(buf, NULL, 10);
}

static inline int vb_mdev_create(const char *types, const char *type,
				 const char *uuid)
{
	char path[256];

	vb_type_path(path, sizeof(path), types, type, "create");
	return vb_write_attr(path, uuid);
}

static inline int vb_mdev_remove(const char *uuid)
{
	char path[256];

	snprintf(path, sizeof(path), VB_MDEV_DIR "/%s/remove", uuid);
	return vb_write_attr(path, "1");
}

static inline int vb_mdev_exists(const char *uuid)
{
	char path[256];

	snprintf(path, sizeof(path), VB_MDEV_DIR "/%s", uuid);
	return vb_exists(path);
}

/* The mdev's IOMMU group number from its iommu_group link; -1 if none. */
static inline int vb_mdev_group(const char *uuid)
{
	char path[256], link[256], *p;
	ssize_t n;

	snprintf(path, sizeof(path), VB_MDEV_DIR "/%s/iommu_group", uuid);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return -1;
	link[n] = 0;
	p = strrchr(link, '/');
	return p ? atoi(p + 1) : -1;
}

/* An open mdev: container, group and device fds, -1 when closed. */
struct vb_vfio {
	int container;
	int group;
	int dev;
};

static inline void vb_vfio_close(struct vb_vfio *v)
{
	if (v->dev >= 0)
		close(v->dev);
	if (v->group >= 0)
		close(v->group);
	if (v->container >= 0)
		close(v->container);
	v->dev = -1;
	v->group = -1;
	v->container = -1;
}

/*
 * Container, group, type1 IOMMU, device fd.  0 or -errno; on failure @why
 * names the step and everything is closed again.
 */
static inline int vb_vfio_open(const char *uuid, struct vb_vfio *v, const char **why)
{
	struct vfio_group_status gs = { .argsz = sizeof(gs) };
	char path[64];
	int grp, iommu, ret;

	v->container = -1;
	v->group = -1;
	v->dev = -1;
	grp = vb_mdev_group(uuid);
	*why = "no iommu_group link";
	if (grp < 0)
		return -ENOENT;
	*why = "open /dev/vfio/vfio";
	v->container = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC);
	if (v->container < 0)
		goto fail;
	snprintf(path, sizeof(path), "/dev/vfio/%d", grp);
	*why = "open the group";
	v->group = open(path, O_RDWR | O_CLOEXEC);
	if (v->group < 0)
		goto fail;
	*why = "GROUP_GET_STATUS";
	if (ioctl(v->group, VFIO_GROUP_GET_STATUS, &gs))
		goto fail;
	*why = "GROUP_SET_CONTAINER";
	if (ioctl(v->group, VFIO_GROUP_SET_CONTAINER, &v->container))
		goto fail;
	iommu = ioctl(v->container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) > 0 ?
		VFIO_TYPE1v2_IOMMU : VFIO_TYPE1_IOMMU;
	*why = "SET_IOMMU";
	if (ioctl(v->container, VFIO_SET_IOMMU, iommu))
		goto fail;
	*why = "GROUP_GET_DEVICE_FD";
	v->dev = ioctl(v->group, VFIO_GROUP_GET_DEVICE_FD, uuid);
	if (v->dev < 0)
		goto fail;
	*why = "";
	return 0;
fail:
	ret = -errno;
	vb_vfio_close(v);
	return ret;
}

/* GET_REGION_INFO with the bare struct; 0 or -errno. */
static inline int vb_region_info(int dev, unsigned int index,
				 struct vfio_region_info *info)
{
	memset(info, 0, sizeof(*info));
	info->argsz = sizeof(*info);
	info->index = index;
	return ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, info) ? -errno : 0;
}

/*
 * GET_REGION_INFO as QEMU does it: the bare struct first, then, if the device
 * asks for more (capabilities), again with the size it asked for (the
 * upstream sample refuses a larger argsz than it needs).  A malloc'ed info,
 * or NULL with errno set.
 */
static inline struct vfio_region_info *
vb_region_info_caps(int dev, unsigned int index)
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

/* The region's type capability, or NULL; a malformed chain is none. */
static inline struct vfio_region_info_cap_type *
vb_region_cap_type(struct vfio_region_info *info)
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

static inline int vb_region_is_edid(struct vfio_region_info *info)
{
	struct vfio_region_info_cap_type *ct = vb_region_cap_type(info);

	return ct && ct->type == VFIO_REGION_TYPE_GFX &&
	       ct->subtype == VFIO_REGION_SUBTYPE_GFX_EDID;
}

/* Offset of the EDID region (found by its type capability); -1 if none. */
static inline off_t vb_edid_region_offset(int dev)
{
	struct vfio_device_info dinfo = { .argsz = sizeof(dinfo) };
	struct vfio_region_info *info;
	off_t off = -1;
	unsigned int i;

	if (ioctl(dev, VFIO_DEVICE_GET_INFO, &dinfo))
		return -1;
	for (i = 0; i < dinfo.num_regions && off < 0; i++) {
		info = vb_region_info_caps(dev, i);
		if (info && vb_region_is_edid(info))
			off = info->offset;
		free(info);
	}
	return off;
}

/*
 * "upstream|ours [MODULE.ko]": sets tap_prefix to the target and starts the
 * TAP output.  1 for the upstream sample, 0 for ours, -1 after a usage
 * message.
 */
static inline int vb_target_args(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s upstream|ours [MODULE.ko]\n", argv[0]);
		return -1;
	}
	tap_prefix = argv[1];
	printf("TAP version 13\n");
	return !strcmp(argv[1], "upstream");
}

/* vb_load_module() without parameters, as a TAP check; 0 or -errno. */
static inline int vb_tap_load_module(const char *ko)
{
	int ret = vb_load_module(ko, NULL);

	result(!ret, "load %s%s%s", ko, ret ? ": " : "",
	       ret ? strerror(-ret) : "");
	return ret;
}

/* vb_mdev_remove() as a TAP check named @what: the mdev is gone; 0 or -errno. */
static inline int vb_tap_mdev_remove(const char *uuid, const char *what)
{
	int ret = vb_mdev_remove(uuid);

	result(!ret && !vb_mdev_exists(uuid), "%s%s%s", what, ret ? ": " : "",
	       ret ? strerror(-ret) : "");
	return ret;
}

/* vb_unload_module() as a TAP check; 0 or -errno. */
static inline int vb_tap_unload_module(const char *name)
{
	int ret = vb_unload_module(name);

	result(!ret, "unload %s%s%s", name, ret ? ": " : "",
	       ret ? strerror(-ret) : "");
	return ret;
}

#endif /* VB_MDEV_H */
