// SPDX-License-Identifier: GPL-2.0-only
/*
 * Life cycle of mbochs mdevs, side by side against the upstream sample and
 * ours (same mdev core, different driver):
 *
 *   - rmmod while an mdev exists and while its device fd is open;
 *   - removing an mdev while its device fd is open, and while only a
 *     mapping of BAR0 is left: the remove blocks in the VFIO core until the
 *     last user is gone, the device keeps working meanwhile, and then the
 *     mdev goes away cleanly;
 *   - many create/remove cycles of an mbochs-medium (some with an
 *     open/close of the device inside) leave the slab caches, Slab and
 *     VmallocUsed where they were, and available_instances at its start.
 *
 * Leak rule: snapshots after a warm-up (A), after half the cycles (B) and
 * after all of them (C), each after dropping the dentry and inode caches.
 * A cache leaks if its active objects grew by at least a quarter of the
 * cycles in both halves (one object per cycle grows each half by half the
 * cycles; allocator noise does not grow twice in a row).  Totals: Slab may
 * grow by SLAB_TOL_KB and VmallocUsed by VMALLOC_TOL_KB from A to C (one
 * leaked VRAM alone is 16 MiB).
 *
 *   mbochs_lifecycle upstream|ours MODULE.ko [--cycles N]
 *
 * The module is loaded from MODULE.ko (its dependencies must be loaded) and
 * unloaded at the end.  Prints kselftest TAP 13; exits 0 if all pass (known
 * defects of the upstream sample are "not ok ... # TODO"), 1 on failure.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/vfio.h>

#include "vb_mdev.h"
#include "vb_tap.h"

#define TYPES_DIR	"/sys/class/mdev_bus/mbochs/mdev_supported_types"
#define TYPE		"mbochs-medium"
#define UUID		"83b8f4f2-509f-382f-3c1e-e6bfe0fa1003"
#define MODULE_DIR	"/sys/module/mbochs"
#define WARMUP		20
#define OPEN_EVERY	50
#define MAX_CACHES	1024
#define SLAB_TOL_KB	1024
#define VMALLOC_TOL_KB	1024
/* How long a remove that should block is watched, and one that should end. */
#define BLOCK_MS	400
#define FINISH_MS	5000

static const char *ko;
static long start_avail;

struct cache {
	char name[64];
	long active;
	long size;
};

struct snap {
	struct cache c[MAX_CACHES];
	int n;
	long slab_kb;
	long vmalloc_kb;
};

static struct snap snaps[3];

static int module_loaded(void)
{
	return vb_exists(MODULE_DIR);
}

static int load_mbochs(void)
{
	int ret = vb_load_module(ko, NULL);

	if (ret)
		diag("load %s: %s", ko, strerror(-ret));
	return ret;
}

/* The device still answers: GET_INFO and the vendor ID in config space. */
static int dev_answers(int dev)
{
	struct vfio_device_info info = { .argsz = sizeof(info) };
	struct vfio_region_info ri;
	uint16_t vendor = 0;

	if (ioctl(dev, VFIO_DEVICE_GET_INFO, &info))
		return 0;
	if (vb_region_info(dev, VFIO_PCI_CONFIG_REGION_INDEX, &ri))
		return 0;
	return pread(dev, &vendor, 2, ri.offset) == 2 && vendor == 0x1234;
}

static int create_mdev(void)
{
	int ret = vb_mdev_create(TYPES_DIR, TYPE, UUID);

	if (ret)
		diag("create %s: %s", UUID, strerror(-ret));
	return ret;
}

/*
 * A child that removes the mdev when told to through @go; its exit status
 * is 0 or the errno.  It is forked before the device is opened or mapped:
 * a child forked later would hold copies of those, and its own remove
 * would wait for itself.
 */
static pid_t remover(int *go)
{
	int p[2];
	pid_t pid;
	char c;

	if (pipe(p))
		return -1;
	pid = fork();
	if (!pid) {
		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			_exit(255);
		_exit(-vb_mdev_remove(UUID));
	}
	close(p[0]);
	*go = p[1];
	return pid;
}

static void remover_go(int go)
{
	if (write(go, "x", 1) != 1)
		diag("cannot start the remover: %s", strerror(errno));
	close(go);
}

/* Wait up to @ms for @pid; its exit status, or -1 while it runs. */
static int reap(pid_t pid, unsigned int ms)
{
	double end = vb_now() + ms / 1000.0;
	int status;

	do {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 255;
		vb_msleep(20);
	} while (vb_now() < end);
	return -1;
}

static void check_rmmod(void)
{
	struct vb_vfio v;
	const char *why;
	int ret;

	if (create_mdev())
		return;
	ret = vb_unload_module("mbochs");
	if (ret) {
		result(module_loaded() && vb_mdev_exists(UUID),
		       "rmmod with an mdev and no open fd: refused (%s), the mdev stays",
		       strerror(-ret));
	} else {
		/* The parent goes and takes its mdevs with it. */
		result(!vb_mdev_exists(UUID) && !module_loaded(),
		       "rmmod with an mdev and no open fd: unloads and removes the mdev");
		if (load_mbochs() || create_mdev())
			return;
	}

	ret = vb_vfio_open(UUID, &v, &why);
	result(!ret, "open the device%s%s", ret ? ": " : "", why);
	if (ret)
		goto out;
	ret = vb_unload_module("mbochs");
	result(ret == -EWOULDBLOCK || ret == -EBUSY,
	       "rmmod while the device fd is open: refused (%s)",
	       ret ? strerror(-ret) : "it unloaded");
	result(module_loaded() && dev_answers(v.dev),
	       "the module stays loaded and the device answers");
	vb_vfio_close(&v);
out:
	ret = vb_mdev_remove(UUID);
	result(!ret && !vb_mdev_exists(UUID), "remove the mdev after closing");
}

/* Close one more of the fds until the remove in @pid ends; what did it. */
static const char *release_until_done(pid_t pid, struct vb_vfio *v, int *st)
{
	static const char *const steps[] = { "the device fd", "the group fd",
					     "the container fd" };
	int *fds[] = { &v->dev, &v->group, &v->container };
	unsigned int i;

	for (i = 0; i < 3; i++) {
		close(*fds[i]);
		*fds[i] = -1;
		*st = reap(pid, FINISH_MS);
		if (*st >= 0)
			return steps[i];
	}
	return NULL;
}

static void check_remove_open(void)
{
	struct vb_vfio v;
	const char *why, *what;
	int ret, st, fd2, go;
	pid_t pid;

	if (create_mdev())
		return;
	pid = remover(&go);
	ret = vb_vfio_open(UUID, &v, &why);
	result(!ret, "open the device%s%s", ret ? ": " : "", why);
	if (ret) {
		remover_go(go);
		waitpid(pid, NULL, 0);
		return;
	}
	remover_go(go);
	st = reap(pid, BLOCK_MS);
	result(st < 0, "remove while the device fd is open blocks (%s)",
	       st < 0 ? "still waiting" : "it returned");
	if (st >= 0) {
		/* Then the open fd must fail cleanly, not crash. */
		diag("remove returned %d; GET_INFO on the old fd: %s", st,
		     dev_answers(v.dev) ? "answers" : strerror(errno));
		vb_vfio_close(&v);
		return;
	}
	result(dev_answers(v.dev), "while it blocks the open device still answers");
	/* The VFIO core decides whether a device going away can be opened. */
	fd2 = ioctl(v.group, VFIO_GROUP_GET_DEVICE_FD, UUID);
	result(fd2 < 0 || dev_answers(fd2),
	       "while it blocks another GROUP_GET_DEVICE_FD %s",
	       fd2 < 0 ? "fails" : "gives a device that answers");
	if (fd2 < 0)
		diag("GROUP_GET_DEVICE_FD: %s", strerror(errno));
	else
		close(fd2);
	ret = vb_unload_module("mbochs");
	result(ret, "while it blocks rmmod is refused (%s)",
	       ret ? strerror(-ret) : "it unloaded");

	what = release_until_done(pid, &v, &st);
	result(what && !st, "remove finished after closing %s (status %d)",
	       what ? what : "everything", st);
	if (!what) {
		/* A remover stuck in the kernel cannot be reaped; leave it. */
		kill(pid, SIGKILL);
		reap(pid, 1000);
	}
	vb_vfio_close(&v);
	result(!vb_mdev_exists(UUID) && vb_available(TYPES_DIR, TYPE) == start_avail,
	       "the mdev is gone, available_instances %ld (want %ld)",
	       vb_available(TYPES_DIR, TYPE), start_avail);
}

/* Accesses the compiler must make: a fault here is what is being tested. */
static void poke(uint8_t *p, uint8_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELAXED);
}

static uint8_t peek(const uint8_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static void check_remove_mapped(void)
{
	struct vfio_region_info ri;
	struct vb_vfio v;
	const char *why;
	uint8_t *map;
	int ret, st, go;
	pid_t pid;

	if (create_mdev())
		return;
	pid = remover(&go);
	ret = vb_vfio_open(UUID, &v, &why);
	if (!ret)
		ret = vb_region_info(v.dev, VFIO_PCI_BAR0_REGION_INDEX, &ri);
	map = ret ? MAP_FAILED : mmap(NULL, ri.size, PROT_READ | PROT_WRITE,
				      MAP_SHARED, v.dev, ri.offset);
	result(map != MAP_FAILED, "open the device and map BAR0");
	if (map == MAP_FAILED) {
		vb_vfio_close(&v);
		remover_go(go);
		waitpid(pid, NULL, 0);
		return;
	}
	poke(map, 0x11);
	poke(map + ri.size - 1, 0x22);
	vb_vfio_close(&v);

	remover_go(go);
	st = reap(pid, BLOCK_MS);
	result(st < 0, "remove with only a BAR0 mapping left blocks (%s)",
	       st < 0 ? "still waiting" : "it returned");
	poke(map + 1, 0x33);
	result(peek(map) == 0x11 && peek(map + 1) == 0x33 &&
	       peek(map + ri.size - 1) == 0x22,
	       "meanwhile the mapping still reads and writes");
	munmap(map, ri.size);
	if (st < 0)
		st = reap(pid, FINISH_MS);
	result(!st, "remove finished after munmap (status %d)", st);
	if (st < 0) {
		/* A remover stuck in the kernel cannot be reaped; leave it. */
		kill(pid, SIGKILL);
		reap(pid, 1000);
	}
	result(!vb_mdev_exists(UUID) && vb_available(TYPES_DIR, TYPE) == start_avail,
	       "the mdev is gone, available_instances %ld (want %ld)",
	       vb_available(TYPES_DIR, TYPE), start_avail);
}

static long meminfo_kb(const char *key)
{
	char line[256];
	size_t len = strlen(key);
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, len) && line[len] == ':') {
			v = strtol(line + len + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

/*
 * Objects such as kernfs nodes go back to their cache only after an RCU
 * grace period, and on a loaded TCG host a grace period can take seconds:
 * a snapshot taken too early counts them as grown.  Drop the caches and
 * wait until Slab stops shrinking (at most about 3 s).
 */
static void settle(void)
{
	long prev = -1, now;
	int i;

	for (i = 0; i < 15; i++) {
		vb_write_attr("/proc/sys/vm/drop_caches", "2");
		vb_msleep(200);
		now = meminfo_kb("Slab");
		if (prev >= 0 && now >= prev)
			break;
		prev = now;
	}
}

static int snapshot(struct snap *s)
{
	char line[512];
	FILE *f;

	sync();
	settle();
	s->n = 0;
	f = fopen("/proc/slabinfo", "r");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f) && s->n < MAX_CACHES) {
		struct cache *c = &s->c[s->n];
		long total;

		if (line[0] == '#' || !strncmp(line, "slabinfo", 8))
			continue;
		if (sscanf(line, "%63s %ld %ld %ld", c->name, &c->active, &total,
			   &c->size) == 4)
			s->n++;
	}
	fclose(f);
	s->slab_kb = meminfo_kb("Slab");
	s->vmalloc_kb = meminfo_kb("VmallocUsed");
	return 0;
}

static const struct cache *find(const struct snap *s, const char *name)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->c[i].name, name))
			return &s->c[i];
	return NULL;
}

/* One create/remove cycle, with an open/close of the device every so often. */
static int cycle(unsigned int i, char *why, size_t room)
{
	struct vb_vfio v;
	const char *step;
	int ret;

	ret = vb_mdev_create(TYPES_DIR, TYPE, UUID);
	if (ret) {
		snprintf(why, room, "create: %s", strerror(-ret));
		return 0;
	}
	if (!(i % OPEN_EVERY)) {
		ret = vb_vfio_open(UUID, &v, &step);
		if (ret || !dev_answers(v.dev)) {
			snprintf(why, room, "open: %s: %s", step, strerror(-ret));
			vb_vfio_close(&v);
			vb_mdev_remove(UUID);
			return 0;
		}
		vb_vfio_close(&v);
	}
	ret = vb_mdev_remove(UUID);
	if (ret || vb_mdev_exists(UUID)) {
		snprintf(why, room, "remove: %s", strerror(-ret));
		return 0;
	}
	return 1;
}

static void check_cycles(unsigned int cycles)
{
	unsigned int i, half = cycles / 2, opened = 0;
	const struct cache *b, *c;
	long d1, d2, dslab, dvm;
	char why[256] = "";
	int ok = 1, leaks = 0, j;
	double t0, secs;

	for (i = 0; i < WARMUP && ok; i++)
		ok = cycle(i, why, sizeof(why));
	result(ok && !snapshot(&snaps[0]), "%u warm-up cycles, snapshot A%s%s",
	       WARMUP, ok ? "" : ": ", why);
	if (!ok)
		return;
	t0 = vb_now();
	for (i = 0; i < cycles && ok; i++) {
		ok = cycle(i, why, sizeof(why));
		opened += !(i % OPEN_EVERY);
		if (i + 1 == half)
			snapshot(&snaps[1]);
	}
	secs = vb_now() - t0;
	snapshot(&snaps[2]);
	result(ok, "%u create/remove cycles of %s (%u with an open/close): "
	       "%.1f s, %.1f ms each%s%s",
	       i, TYPE, opened, secs, i ? secs * 1000 / i : 0.0, ok ? "" : ": ",
	       why);
	if (!ok)
		return;

	for (j = 0; j < snaps[0].n; j++) {
		const struct cache *a = &snaps[0].c[j];

		b = find(&snaps[1], a->name);
		c = find(&snaps[2], a->name);
		if (!b || !c)
			continue;
		d1 = b->active - a->active;
		d2 = c->active - b->active;
		if (d1 >= (long)half / 2 && d2 >= (long)half / 2) {
			leaks++;
			diag("cache %s grows: %ld -> %ld -> %ld objects of %ld bytes",
			     a->name, a->active, b->active, c->active, a->size);
		} else if (labs(c->active - a->active) * a->size >= 64 * 1024) {
			diag("cache %s moved: %ld -> %ld -> %ld objects of %ld bytes",
			     a->name, a->active, b->active, c->active, a->size);
		}
	}
	result(!leaks, "no slab cache grows in both halves by %u objects or more (%d do)",
	       half / 2, leaks);
	dslab = snaps[2].slab_kb - snaps[0].slab_kb;
	dvm = snaps[2].vmalloc_kb - snaps[0].vmalloc_kb;
	diag("Slab %ld -> %ld -> %ld kB, VmallocUsed %ld -> %ld -> %ld kB",
	     snaps[0].slab_kb, snaps[1].slab_kb, snaps[2].slab_kb,
	     snaps[0].vmalloc_kb, snaps[1].vmalloc_kb, snaps[2].vmalloc_kb);
	result(snaps[0].slab_kb > 0 && dslab <= SLAB_TOL_KB,
	       "Slab grew %ld kB over %u cycles (tolerance %d kB)", dslab,
	       cycles, SLAB_TOL_KB);
	result(snaps[0].vmalloc_kb >= 0 && dvm <= VMALLOC_TOL_KB,
	       "VmallocUsed grew %ld kB over %u cycles (tolerance %d kB)", dvm,
	       cycles, VMALLOC_TOL_KB);
	result(vb_available(TYPES_DIR, TYPE) == start_avail,
	       "available_instances %ld after the cycles (want %ld)",
	       vb_available(TYPES_DIR, TYPE), start_avail);
}

int main(int argc, char **argv)
{
	unsigned int cycles = 1000;
	int ret;

	if (argc == 5 && !strcmp(argv[3], "--cycles")) {
		cycles = strtoul(argv[4], NULL, 0);
	} else if (argc != 3) {
		fprintf(stderr, "usage: %s upstream|ours MODULE.ko [--cycles N]\n",
			argv[0]);
		return KSFT_FAIL;
	}
	tap_prefix = argv[1];
	ko = argv[2];
	printf("TAP version 13\n");

	ret = vb_load_module(ko, NULL);
	result(!ret, "load %s%s%s", ko, ret ? ": " : "", ret ? strerror(-ret) : "");
	if (ret)
		goto out;
	start_avail = vb_available(TYPES_DIR, TYPE);
	diag("%s: available_instances %ld", TYPE, start_avail);

	check_rmmod();
	if (!module_loaded() && load_mbochs())
		goto out;
	check_remove_open();
	check_remove_mapped();
	check_cycles(cycles);

	if (vb_mdev_exists(UUID))
		vb_mdev_remove(UUID);
	ret = vb_unload_module("mbochs");
	result(!ret && !module_loaded(), "rmmod with no mdev left%s%s",
	       ret ? ": " : "", ret ? strerror(-ret) : "");
out:
	printf("1..%d\n", num);
	return failed ? KSFT_FAIL : KSFT_PASS;
}
