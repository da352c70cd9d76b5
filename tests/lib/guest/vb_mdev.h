/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sysfs, module and VFIO helpers for the guest programs that drive an mdev
 * parent (mbochs, upstream sample or ours): create and remove mdevs, load and
 * unload a module, and open an mdev's device fd through a type1 container as
 * QEMU does.  One translation unit each, so everything here is static
 * inline: a program need not use all of it.
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
#include <time.h>
#include <unistd.h>
#include <linux/vfio.h>

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

static inline double vb_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline void vb_msleep(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
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

#endif /* VB_MDEV_H */
