// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-guest life-cycle test of our mbochs (the module must be loaded): two
 * mdevs of different types at once, the pool running out, the VRAM through
 * mmap() and read/write on the same device fd, two fds on one device, the
 * module pinned while a device fd is open, and unloading it with mdevs
 * still present.  These are the paths where 5.10's mdev_parent_ops
 * (through include/vb/mdev_compat.c) and the mainline mdev core differ
 * most.  It unloads mbochs at the end.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/vfio.h>

#include "vb_mdev.h"
#include "vb_tap.h"

#define TYPES_DIR	"/sys/class/mdev_bus/mbochs/mdev_supported_types"
#define UUID_A		"83b8f4f2-509f-382f-3c1e-e6bfe0fa2001"
#define UUID_B		"83b8f4f2-509f-382f-3c1e-e6bfe0fa2002"
#define UUID_C		"83b8f4f2-509f-382f-3c1e-e6bfe0fa2003"
#define UUID_D		"83b8f4f2-509f-382f-3c1e-e6bfe0fa2004"
#define UUID_E		"83b8f4f2-509f-382f-3c1e-e6bfe0fa2005"
#define POOL_MB		256	/* the module parameter "count", default */
#define SMALL_MB	4
#define LARGE_MB	64
#define DISPI_ID_OFF	0x500	/* bochs dispi ID register in BAR2 */

/* VRAM written through mmap() reads back through read(), and the reverse. */
static void check_vram(int dev)
{
	struct vfio_region_info ri;
	uint32_t word = 0, pat = 0x5a17c0de, pat2 = 0x0badf00d;
	uint32_t *map;
	size_t last;
	int ok;

	if (vb_region_info(dev, VFIO_PCI_BAR0_REGION_INDEX, &ri)) {
		result(0, "BAR0 region info: %s", strerror(errno));
		return;
	}
	result(ri.size == SMALL_MB << 20 && (ri.flags & VFIO_REGION_INFO_FLAG_MMAP),
	       "BAR0: %llu bytes (want %u MiB), mmap-able (flags 0x%x)",
	       (unsigned long long)ri.size, SMALL_MB, ri.flags);
	map = mmap(NULL, ri.size, PROT_READ | PROT_WRITE, MAP_SHARED, dev,
		   ri.offset);
	result(map != MAP_FAILED, "mmap BAR0%s%s", map == MAP_FAILED ? ": " : "",
	       map == MAP_FAILED ? strerror(errno) : "");
	if (map == MAP_FAILED)
		return;

	last = ri.size / sizeof(*map) - 1;
	map[last] = pat;
	ok = pread(dev, &word, sizeof(word), ri.offset + last * sizeof(word)) ==
	     sizeof(word);
	result(ok && word == pat,
	       "VRAM: last word written by mmap reads back by read() (0x%08x)",
	       word);
	ok = pwrite(dev, &pat2, sizeof(pat2), ri.offset) == sizeof(pat2);
	word = map[0];
	result(ok && word == pat2,
	       "VRAM: first word written by write() shows in the mapping (0x%08x)",
	       word);
	result(mmap(map, ri.size + 4096, PROT_READ, MAP_SHARED, dev,
		    ri.offset) == MAP_FAILED,
	       "mmap past the end of BAR0 is refused");
	munmap(map, ri.size);
}

static void check_dispi(int dev)
{
	struct vfio_region_info ri;
	uint16_t id = 0;
	int ok;

	ok = !vb_region_info(dev, VFIO_PCI_BAR2_REGION_INDEX, &ri) &&
	     pread(dev, &id, sizeof(id), ri.offset + DISPI_ID_OFF) == sizeof(id);
	result(ok && id >= 0xb0c0 && id <= 0xb0c5,
	       "BAR2: dispi ID 0x%04x read through the device fd", id);
}

int main(void)
{
	struct vfio_region_info cfg;
	struct vb_vfio va;
	const char *why;
	int dev, dev2, ret;
	uint16_t vendor = 0;
	long left;

	tap_prefix = "lifecycle";
	printf("TAP version 13\n");
	diag("mdevs A %s, B %s", UUID_A, UUID_B);

	ret = vb_mdev_create(TYPES_DIR, "mbochs-small", UUID_A);
	result(!ret && vb_mdev_exists(UUID_A), "create mdev A (mbochs-small)%s%s",
	       ret ? ": " : "", ret ? strerror(-ret) : "");
	ret = vb_mdev_create(TYPES_DIR, "mbochs-large", UUID_B);
	result(!ret && vb_mdev_exists(UUID_B), "create mdev B (mbochs-large)%s%s",
	       ret ? ": " : "", ret ? strerror(-ret) : "");
	left = vb_available(TYPES_DIR, "mbochs-large");
	result(left == (POOL_MB - SMALL_MB - LARGE_MB) / LARGE_MB,
	       "mbochs-large: available_instances %ld with both (want %u)",
	       left, (POOL_MB - SMALL_MB - LARGE_MB) / LARGE_MB);
	/* The rest of the pool holds two more large ones, and no third. */
	ret = vb_mdev_create(TYPES_DIR, "mbochs-large", UUID_C);
	if (!ret)
		ret = vb_mdev_create(TYPES_DIR, "mbochs-large", UUID_D);
	left = vb_available(TYPES_DIR, "mbochs-large");
	result(!ret && left == 0,
	       "two more mbochs-large fill the pool (available_instances %ld)",
	       left);
	ret = vb_mdev_create(TYPES_DIR, "mbochs-large", UUID_E);
	result(ret == -ENOSPC && !vb_mdev_exists(UUID_E),
	       "a third fails with ENOSPC (%s) and leaves no device",
	       ret ? strerror(-ret) : "created");

	ret = vb_mdev_create(TYPES_DIR, "mbochs-small", UUID_A);
	result(ret == -EEXIST, "creating A again fails with EEXIST (%s)",
	       strerror(-ret));

	ret = vb_vfio_open(UUID_A, &va, &why);
	result(!ret, "device fd of A%s%s%s%s", ret ? ": " : "", why,
	       ret ? ": " : "", ret ? strerror(-ret) : "");
	if (ret)
		goto unload;
	dev = va.dev;
	check_vram(dev);
	check_dispi(dev);

	/* A second fd on the same device; closing the first leaves it working. */
	dev2 = ioctl(va.group, VFIO_GROUP_GET_DEVICE_FD, UUID_A);
	result(dev2 >= 0, "a second device fd of A%s%s", dev2 < 0 ? ": " : "",
	       dev2 < 0 ? strerror(errno) : "");

	ret = -vb_unload_module("mbochs");
	result(ret == EWOULDBLOCK || ret == EBUSY,
	       "unloading mbochs with a device fd open is refused (%s)",
	       ret ? strerror(ret) : "it unloaded");
	if (!ret)
		goto out;

	close(dev);
	va.dev = -1;
	if (dev2 >= 0) {
		ret = !vb_region_info(dev2, VFIO_PCI_CONFIG_REGION_INDEX, &cfg) &&
		      pread(dev2, &vendor, sizeof(vendor), cfg.offset) ==
		      sizeof(vendor);
		result(ret && vendor == 0x1234,
		       "the second fd still reads config space (vendor 0x%04x)",
		       vendor);
		close(dev2);
	}
	vb_vfio_close(&va);

unload:
	ret = -vb_unload_module("mbochs");
	result(!ret, "unload mbochs with four mdevs present%s%s",
	       ret ? ": " : "", ret ? strerror(ret) : "");
	result(!vb_mdev_exists(UUID_A) && !vb_mdev_exists(UUID_B) &&
	       !vb_mdev_exists(UUID_C) && !vb_mdev_exists(UUID_D),
	       "... which removed them all");
	result(!vb_exists(TYPES_DIR), "... and the parent");
out:
	printf("1..%d\n", num);
	return failed ? KSFT_FAIL : KSFT_PASS;
}
