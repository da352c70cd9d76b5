// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-guest benchmark of an mbochs mdev parent: the upstream sample
 * (samples/vfio-mdev/mbochs.c) and ours, side by side in the same boot.
 * Both register the same class and parent ("mbochs"), so they cannot be
 * loaded together: the program loads one, measures, unloads it, loads the
 * other, and repeats that for several rounds so that a change in the
 * host's load hits both alike.  Every figure is the median of all runs
 * (CLOCK_MONOTONIC).
 *
 * Measures, all on an "mbochs-medium" mdev (16 MiB of video memory):
 *   first touch   mmap() the whole BAR0 of a freshly created mdev and
 *                 memcpy() 16 MiB into it from an already-touched buffer
 *                 (the mmap is inside the timed part; creating and opening
 *                 the mdev are timed separately, for information)
 *   memcpy        the guest's plain memcpy() of 16 MiB between two
 *                 already-touched anonymous buffers: the bandwidth first
 *                 touch is held against (and, for information, into a
 *                 fresh mapping of 4 KiB pages, page tables filled but
 *                 never used: what such a new mapping costs by itself)
 *   plane         after setting a new mode through the dispi registers
 *                 (untimed; a different XRGB8888 mode each run, from
 *                 1024x768 up): VFIO_DEVICE_QUERY_GFX_PLANE until it gives
 *                 the plane, VFIO_DEVICE_GET_GFX_DMABUF, close() of the
 *                 dma-buf fd.  A new mode each time because the upstream
 *                 sample drops its page references when a dma-buf is
 *                 released but keeps the buffer for its mode: exporting the
 *                 same mode again frees pages it still uses and corrupts
 *                 memory (a kernel crash within a few runs).  Its first
 *                 query after a mode change also fails with ENOMEM (it
 *                 forgets the buffer it just made); the query that follows
 *                 succeeds, and both count, as they would for QEMU.
 *   query         VFIO_DEVICE_QUERY_GFX_PLANE alone, mode unchanged (for
 *                 information: the path without the sample's defects)
 *   EDID          link down, write a 128-byte blob, set edid_size, link up,
 *                 through the EDID region
 *
 *   mbochs_bench [--quick] [--rounds N] [--upstream MODULE.ko] [--ours]
 *
 * --upstream loads the sample from MODULE.ko (finit_module, like insmod);
 * --ours loads ours with modprobe.  The VFIO modules must be loaded.
 * Prints kselftest TAP 13: one line per target and measure (it ran and gave
 * a number), then, without --quick and with both targets, one line per goal
 * (ours against upstream).  The table of figures is printed as diagnostics
 * between "VB-BENCH-TABLE-BEGIN" and "VB-BENCH-TABLE-END" for the host.
 * --quick runs each measure a few times only, so `make check` keeps the
 * program working; its figures mean nothing.  libc only, so it links
 * statically.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <linux/vfio.h>

#include "mbochs_dispi.h"
#include "test_edid.h"
#include "vb_edid_regs.h"
#include "vb_mdev.h"
#include "vb_tap.h"

#define TYPES_DIR	"/sys/class/mdev_bus/mbochs/mdev_supported_types"
#define TYPE		"mbochs-medium"
#define UUID		"83b8f4f2-509f-382f-3c1e-e6bfe0fab001"
#define VRAM_SIZE	(16u << 20)

/* Mode of run i: widths 1024..1912 in steps of 8, then taller. */
#define MODE_X(i)		(1024 + 8 * ((i) % 112))
#define MODE_Y(i)		(768 + 8 * ((i) / 112))
#define MODE_MAX_RUNS		(112 * 30)

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

/* Goals, as ratios: ours against upstream, or against memcpy. */
#define GOAL_TOUCH		3.0
#define GOAL_TOUCH_MEMCPY	0.5
#define GOAL_PLANE		1.0
#define GOAL_EDID		1.0

enum measure {
	M_TOUCH, M_MMAP, M_CREATE, M_PLANE, M_QUERY, M_EDID,
	/* The EDID round trip's four writes, and a register read, apart. */
	M_EDID_DOWN, M_EDID_BLOB, M_EDID_SIZE, M_EDID_UP, M_EDID_READ,
	M_NUM
};

static const char *const measure_name[M_NUM] = {
	[M_TOUCH] = "first touch of 16 MiB through a BAR0 mmap",
	[M_MMAP] = "of which mmap()",
	[M_CREATE] = "create and open an mbochs-medium mdev",
	[M_PLANE] = "new mode: plane query + dma-buf export + close",
	[M_QUERY] = "plane query alone, mode unchanged",
	[M_EDID] = "EDID link down, 128-byte write, link up",
	[M_EDID_DOWN] = "EDID: write link_state down",
	[M_EDID_BLOB] = "EDID: write the 128-byte blob",
	[M_EDID_SIZE] = "EDID: write edid_size",
	[M_EDID_UP] = "EDID: write link_state up",
	[M_EDID_READ] = "EDID: read a register",
};

/* Samples of one measure, in nanoseconds. */
struct series {
	double *v;
	int n, cap;
};

struct target {
	const char *name;
	const char *ko;			/* upstream: the module file */
	int loaded_ok;			/* loaded at least once */
	int no_planes;			/* the plane probe says no dma-bufs */
	struct series s[M_NUM];
	const char *skip[M_NUM];	/* why a measure could not run */
	char skip_buf[M_NUM][128];
};

static struct series memcpy_ns, fresh_ns;
static int memcpy_bad;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int series_init(struct series *s, int cap)
{
	s->v = calloc(cap, sizeof(*s->v));
	s->n = 0;
	s->cap = cap;
	return s->v ? 0 : -1;
}

static void series_add(struct series *s, double ns)
{
	if (s->n < s->cap)
		s->v[s->n++] = ns;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The q-quantile (nearest rank) of the samples; 0 if there are none. */
static double quantile(const struct series *s, double q)
{
	double *tmp, v;
	int i;

	if (!s->n)
		return 0;
	tmp = malloc(s->n * sizeof(*tmp));
	if (!tmp)
		return 0;
	memcpy(tmp, s->v, s->n * sizeof(*tmp));
	qsort(tmp, s->n, sizeof(*tmp), cmp_double);
	i = (int)(q * (s->n - 1) + 0.5);
	v = tmp[i];
	free(tmp);
	return v;
}

static double median(const struct series *s)
{
	return quantile(s, 0.5);
}

/* Ours may not export planes yet: pending, not failed. */
static int pending(const struct target *t, enum measure m)
{
	return (m == M_PLANE || m == M_QUERY) && t->no_planes && !t->ko;
}

static void set_skip(struct target *t, enum measure m, const char *fmt,
		     const char *arg)
{
	if (t->skip[m])
		return;
	snprintf(t->skip_buf[m], sizeof(t->skip_buf[m]), fmt, arg);
	t->skip[m] = t->skip_buf[m];
}

static off_t region_offset(int dev, unsigned int index, __u64 min_size)
{
	struct vfio_region_info *info = vb_region_info_caps(dev, index);
	off_t off = -1;

	if (info && info->size >= min_size)
		off = info->offset;
	free(info);
	return off;
}

static int rd32(int dev, off_t off, uint32_t *v)
{
	return pread(dev, v, 4, off) == 4 ? 0 : -1;
}

static int wr32(int dev, off_t off, uint32_t v)
{
	return pwrite(dev, &v, 4, off) == 4 ? 0 : -1;
}

static int load_target(const struct target *t)
{
	if (!t->ko)
		return system("modprobe mbochs") == 0 ? 0 : -ENOENT;
	return vb_load_module(t->ko, NULL);
}

/*
 * The guest's own memcpy() of VRAM_SIZE bytes between touched buffers; and,
 * for information, into a fresh anonymous mapping of small pages whose page
 * tables MADV_POPULATE_WRITE filled (never touched through it): the start
 * ours' BAR0 mapping gives, so the difference to the first is what a new
 * mapping of 4 KiB pages costs by itself (the touched buffers may be
 * transparent huge pages; BAR0 never is).
 */
static void bench_memcpy(const uint8_t *src, uint8_t *dst, int reps)
{
	double t0;
	void *p;
	int r;

	for (r = 0; r < reps; r++) {
		p = mmap(NULL, VRAM_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED) {
			memcpy_bad = 1;
			return;
		}
		/* Without THP the first fails, before 5.14 the second: no figure. */
		madvise(p, VRAM_SIZE, MADV_NOHUGEPAGE);
		if (!madvise(p, VRAM_SIZE, MADV_POPULATE_WRITE)) {
			t0 = now_ns();
			memcpy(p, src, VRAM_SIZE);
			series_add(&fresh_ns, now_ns() - t0);
			if (memcmp(p, src, VRAM_SIZE))
				memcpy_bad = 1;
		}
		munmap(p, VRAM_SIZE);

		memset(dst, r, VRAM_SIZE);
		t0 = now_ns();
		memcpy(dst, src, VRAM_SIZE);
		series_add(&memcpy_ns, now_ns() - t0);
		/* Keeps the copy observable. */
		if (memcmp(dst, src, VRAM_SIZE))
			memcpy_bad = 1;
	}
}

/* Each run: a new mdev, its BAR0 mapped and written whole for the first time. */
static void bench_touch(struct target *t, const uint8_t *src, int reps)
{
	double t0, tm, t1;
	struct vb_vfio v;
	const char *why;
	off_t bar0;
	void *p;
	int r, ret;

	for (r = 0; r < reps; r++) {
		t0 = now_ns();
		ret = vb_mdev_create(TYPES_DIR, TYPE, UUID);
		if (ret) {
			set_skip(t, M_TOUCH, "create mdev: %s", strerror(-ret));
			return;
		}
		ret = vb_vfio_open(UUID, &v, &why);
		t1 = now_ns();
		if (ret) {
			set_skip(t, M_TOUCH, "open the mdev: %s", strerror(-ret));
			vb_mdev_remove(UUID);
			return;
		}
		series_add(&t->s[M_CREATE], t1 - t0);

		bar0 = region_offset(v.dev, VFIO_PCI_BAR0_REGION_INDEX, VRAM_SIZE);
		if (bar0 < 0) {
			set_skip(t, M_TOUCH, "%s", "no 16 MiB BAR0 region");
			goto out;
		}
		t0 = now_ns();
		p = mmap(NULL, VRAM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
			 v.dev, bar0);
		if (p == MAP_FAILED) {
			set_skip(t, M_TOUCH, "mmap BAR0: %s", strerror(errno));
			goto out;
		}
		tm = now_ns();
		memcpy(p, src, VRAM_SIZE);
		t1 = now_ns();
		if (memcmp(p, src, VRAM_SIZE)) {
			set_skip(t, M_TOUCH, "%s", "BAR0 does not read back what was written");
		} else {
			series_add(&t->s[M_TOUCH], t1 - t0);
			series_add(&t->s[M_MMAP], tm - t0);
		}
		munmap(p, VRAM_SIZE);
out:
		vb_vfio_close(&v);
		ret = vb_mdev_remove(UUID);
		if (ret) {
			set_skip(t, M_TOUCH, "remove mdev: %s", strerror(-ret));
			return;
		}
	}
}

static int plane_ok(const struct vfio_device_gfx_plane_info *plane,
		    unsigned int x, unsigned int y)
{
	return plane->drm_format == FOURCC_XRGB8888 &&
	       plane->width == x && plane->height == y &&
	       plane->stride >= x * 4 && plane->dmabuf_id;
}

/* Query until the plane of the new mode shows; returns the queries made. */
static int query_new_plane(int dev, struct vfio_device_gfx_plane_info *plane,
			   unsigned int x, unsigned int y)
{
	int tries;

	for (tries = 1; tries <= 3; tries++)
		if (!mbochs_query_plane(dev, sizeof(*plane),
					VFIO_GFX_PLANE_TYPE_DMABUF,
					PLANE_PRIMARY, plane) &&
		    plane_ok(plane, x, y))
			return tries;
	return 0;
}

static void bench_plane(struct target *t, int dev, int reps)
{
	struct vfio_device_gfx_plane_info plane = {
		.argsz = sizeof(plane),
		.flags = VFIO_GFX_PLANE_TYPE_PROBE | VFIO_GFX_PLANE_TYPE_DMABUF,
	};
	int r, fd, tries, extra = 0;
	unsigned int x = 0, y = 0;
	struct mbochs_dispi d;
	double t0;

	/* The uapi's way to ask whether the device exports dma-bufs at all. */
	if (ioctl(dev, VFIO_DEVICE_QUERY_GFX_PLANE, &plane)) {
		set_skip(t, M_PLANE, "no dma-buf planes (probe: %s)", strerror(errno));
		set_skip(t, M_QUERY, "no dma-buf planes (probe: %s)", strerror(errno));
		t->no_planes = 1;
		return;
	}
	if (mbochs_dispi_open(&d, dev)) {
		set_skip(t, M_PLANE, "%s", "no BAR2 region");
		set_skip(t, M_QUERY, "%s", "no BAR2 region");
		return;
	}

	for (r = 0; r < reps && r < MODE_MAX_RUNS; r++) {
		x = MODE_X(r);
		y = MODE_Y(r);
		if (mbochs_dispi_set_mode(&d, x, y, 32)) {
			set_skip(t, M_PLANE, "%s", "cannot set a mode through BAR2");
			return;
		}
		t0 = now_ns();
		tries = query_new_plane(dev, &plane, x, y);
		fd = tries ? mbochs_get_dmabuf(dev, plane.dmabuf_id) : -EINVAL;
		if (fd >= 0)
			close(fd);
		series_add(&t->s[M_PLANE], now_ns() - t0);
		if (fd < 0) {
			t->s[M_PLANE].n = 0;
			t->s[M_QUERY].n = 0;
			snprintf(t->skip_buf[M_PLANE], sizeof(t->skip_buf[M_PLANE]),
				 "%ux%u: %s failed: %s", x, y,
				 tries ? "GET_GFX_DMABUF" : "QUERY_GFX_PLANE",
				 strerror(tries ? -fd : errno));
			t->skip[M_PLANE] = t->skip_buf[M_PLANE];
			return;
		}
		extra += tries - 1;
	}
	if (extra)
		diag("%s: %d of %d mode changes needed more than one plane query",
		     t->name, extra, r);

	/* The last mode stays; its plane is known. */
	for (r = 0; r < reps; r++) {
		t0 = now_ns();
		if (mbochs_query_plane(dev, sizeof(plane), VFIO_GFX_PLANE_TYPE_DMABUF,
				       PLANE_PRIMARY, &plane) ||
		    !plane_ok(&plane, x, y)) {
			t->s[M_QUERY].n = 0;
			set_skip(t, M_QUERY, "query failed: %s", strerror(errno));
			return;
		}
		series_add(&t->s[M_QUERY], now_ns() - t0);
	}
}

static void bench_edid(struct target *tg, int dev, int reps)
{
	uint8_t edid[128], back[128];
	double t[5];
	uint32_t blob, v;
	off_t base;
	int r, i, ok;

	base = vb_edid_region_offset(dev);
	if (base < 0 || rd32(dev, base + R_EDID_OFFSET, &blob)) {
		set_skip(tg, M_EDID, "%s", "no EDID region");
		return;
	}
	make_edid(edid);
	for (r = 0; r < reps; r++) {
		t[0] = now_ns();
		ok = !wr32(dev, base + R_LINK, LINK_DOWN);
		t[1] = now_ns();
		ok = ok && pwrite(dev, edid, sizeof(edid), base + blob) == sizeof(edid);
		t[2] = now_ns();
		ok = ok && !wr32(dev, base + R_EDID_SIZE, sizeof(edid));
		t[3] = now_ns();
		ok = ok && !wr32(dev, base + R_LINK, LINK_UP);
		t[4] = now_ns();
		series_add(&tg->s[M_EDID], t[4] - t[0]);
		for (i = 0; i < 4; i++)
			series_add(&tg->s[M_EDID_DOWN + i], t[i + 1] - t[i]);
		t[0] = now_ns();
		ok = ok && !rd32(dev, base + R_EDID_SIZE, &v);
		series_add(&tg->s[M_EDID_READ], now_ns() - t[0]);
		if (!ok) {
			tg->s[M_EDID].n = 0;
			set_skip(tg, M_EDID, "region write failed: %s", strerror(errno));
			return;
		}
	}
	ok = !rd32(dev, base + R_LINK, &v) && v == LINK_UP &&
	     pread(dev, back, sizeof(back), base + blob) == sizeof(back) &&
	     !memcmp(back, edid, sizeof(edid));
	if (!ok) {
		tg->s[M_EDID].n = 0;
		set_skip(tg, M_EDID, "%s", "link not up or blob changed after the runs");
	}
}

/* Plane first: ours limits modes to the monitor's, and the EDID is 800x600. */
static void bench_display(struct target *t, int plane_reps, int edid_reps)
{
	struct vb_vfio v;
	const char *why;
	int ret;

	ret = vb_mdev_create(TYPES_DIR, TYPE, UUID);
	if (!ret)
		ret = vb_vfio_open(UUID, &v, &why);
	if (ret) {
		set_skip(t, M_PLANE, "mdev: %s", strerror(-ret));
		set_skip(t, M_QUERY, "mdev: %s", strerror(-ret));
		set_skip(t, M_EDID, "mdev: %s", strerror(-ret));
		vb_mdev_remove(UUID);
		return;
	}
	bench_plane(t, v.dev, plane_reps);
	bench_edid(t, v.dev, edid_reps);
	vb_vfio_close(&v);
	ret = vb_mdev_remove(UUID);
	if (ret)
		set_skip(t, M_EDID, "remove mdev: %s", strerror(-ret));
}

static void run_round(struct target *t, const uint8_t *src, int touch_reps,
		      int plane_reps, int edid_reps)
{
	int ret;

	ret = load_target(t);
	if (ret) {
		diag("%s: load: %s", t->name, strerror(-ret));
		set_skip(t, M_TOUCH, "load: %s", strerror(-ret));
		set_skip(t, M_PLANE, "load: %s", strerror(-ret));
		set_skip(t, M_QUERY, "load: %s", strerror(-ret));
		set_skip(t, M_EDID, "load: %s", strerror(-ret));
		return;
	}
	t->loaded_ok = 1;
	bench_touch(t, src, touch_reps);
	bench_display(t, plane_reps, edid_reps);
	ret = vb_unload_module("mbochs");
	if (ret) {
		/* The next round could not load it again: stop here. */
		result(0, "%s: unload mbochs: %s", t->name, strerror(-ret));
		exit(KSFT_FAIL);
	}
}

/* A figure for the table: "12.3 ms" or "45.6 us". */
static const char *fmt_time(char *buf, size_t len, double ns)
{
	if (ns >= 1e6)
		snprintf(buf, len, "%.2f ms", ns / 1e6);
	else
		snprintf(buf, len, "%.1f us", ns / 1e3);
	return buf;
}

/* The median of @s, or "-" without samples. */
static const char *series_time(char *buf, size_t len, const struct series *s)
{
	return s->n ? fmt_time(buf, len, median(s)) : "-";
}

static double mib_per_s(double ns)
{
	return ns > 0 ? (VRAM_SIZE / 1048576.0) / (ns / 1e9) : 0;
}

/* The bandwidth of copying VRAM_SIZE in @ns: "1234 MiB/s". */
static const char *fmt_bw(char *buf, size_t len, double ns)
{
	snprintf(buf, len, "%.0f MiB/s", mib_per_s(ns));
	return buf;
}

static void report_measure(struct target *t, enum measure m)
{
	const struct series *s = &t->s[m];
	char a[32], b[32], c[32];

	/* The parts of a measure are diagnostics: no runs is no failure. */
	if (m == M_MMAP || m >= M_EDID_DOWN) {
		if (s->n)
			diag("%s: %s, %d runs: median %s (p25 %s, p75 %s)",
			     t->name, measure_name[m], s->n,
			     fmt_time(a, sizeof(a), median(s)),
			     fmt_time(b, sizeof(b), quantile(s, 0.25)),
			     fmt_time(c, sizeof(c), quantile(s, 0.75)));
		return;
	}

	if (!s->n) {
		if (pending(t, m))
			printf("ok %d - %s: %s: %s # SKIP %s\n", ++num, tap_prefix,
			       t->name, measure_name[m], t->skip[m]);
		else
			result(0, "%s: %s: %s", t->name, measure_name[m],
			       t->skip[m] ? t->skip[m] : "no runs");
		fflush(stdout);
		return;
	}
	result(median(s) > 0, "%s: %s, %d runs: median %s (p25 %s, p75 %s)",
	       t->name, measure_name[m], s->n, fmt_time(a, sizeof(a), median(s)),
	       fmt_time(b, sizeof(b), quantile(s, 0.25)),
	       fmt_time(c, sizeof(c), quantile(s, 0.75)));
}

/* One goal: the ratio, or a SKIP when a side has no figure. */
static void report_goal(const char *what, double ratio, double goal,
			const char *pending)
{
	if (pending) {
		printf("ok %d - %s: goal %s >= %.1fx # SKIP pending: %s\n", ++num,
		       tap_prefix, what, goal, pending);
		fflush(stdout);
		return;
	}
	result(ratio >= goal, "goal %s: %.2fx (goal >= %.1fx)", what, ratio,
	       goal);
}

/* "upstream / ours" of a time measure; 0 when either is missing. */
static double speedup(const struct target *up, const struct target *ours,
		      enum measure m)
{
	double u = median(&up->s[m]), o = median(&ours->s[m]);

	return u > 0 && o > 0 ? u / o : 0;
}

static const char *cell_time(char *buf, size_t len, const struct target *t,
			     enum measure m)
{
	if (!t)
		return "-";
	if (!t->s[m].n)
		return pending(t, m) ? "pending" : "failed";
	return fmt_time(buf, len, median(&t->s[m]));
}

static void table_row(const char *what, const struct target *up,
		      const struct target *ours, enum measure m, double goal)
{
	char a[32], b[32], r[32], g[32];
	double x = up && ours ? speedup(up, ours, m) : 0;
	const char *met = "-";

	if (x > 0)
		snprintf(r, sizeof(r), "%.2fx", x);
	else
		snprintf(r, sizeof(r), "-");
	if (goal > 0) {
		snprintf(g, sizeof(g), ">= %.1fx", goal);
		if (x > 0)
			met = x >= goal ? "yes" : "NO";
		else if (ours && pending(ours, m))
			met = "pending";
	} else {
		snprintf(g, sizeof(g), "(info)");
	}
	diag("| %s | %s | %s | %s | %s | %s |", what,
	     cell_time(a, sizeof(a), up, m), cell_time(b, sizeof(b), ours, m),
	     r, g, met);
}

static void print_table(const struct target *up, const struct target *ours,
			const char *cell)
{
	double mc = median(&memcpy_ns), o = 0, frac = 0;
	char a[32], b[32], r[32];

	if (ours && ours->s[M_TOUCH].n && mc > 0) {
		o = median(&ours->s[M_TOUCH]);
		frac = mc / o;
	}
	diag("VB-BENCH-TABLE-BEGIN %s", cell);
	diag("| measure | upstream | ours | ratio | goal | met? |");
	diag("|---|---|---|---|---|---|");
	table_row("first touch, 16 MiB BAR0 mmap + memcpy (mbochs-medium)",
		  up, ours, M_TOUCH, GOAL_TOUCH);
	snprintf(r, sizeof(r), "%.0f%%", frac * 100);
	diag("| %s (%s = %.0f MiB/s) | - | %s | %s | >= %.0f%% | %s |",
	     "first touch against guest memcpy of 16 MiB between touched buffers",
	     fmt_time(a, sizeof(a), mc), mib_per_s(mc),
	     frac > 0 ? fmt_bw(b, sizeof(b), o) : "-", frac > 0 ? r : "-",
	     GOAL_TOUCH_MEMCPY * 100,
	     frac > 0 ? (frac >= GOAL_TOUCH_MEMCPY ? "yes" : "NO") : "-");
	table_row("new mode, then plane query + dma-buf export + close (XRGB8888, 1024x768 and up)",
		  up, ours, M_PLANE, GOAL_PLANE);
	table_row("EDID link down + 128-byte write + size + link up",
		  up, ours, M_EDID, GOAL_EDID);
	table_row("first touch: of which mmap()", up, ours, M_MMAP, 0);
	table_row("plane query alone, mode unchanged",
		  up, ours, M_QUERY, 0);
	table_row("create + open an mbochs-medium mdev (ours allocates its VRAM here)",
		  up, ours, M_CREATE, 0);
	diag("memcpy median %s over %d runs; %s %s; ratio = upstream time / ours time",
	     fmt_time(b, sizeof(b), mc), memcpy_ns.n,
	     "into a fresh 4 KiB-page mapping", series_time(a, sizeof(a), &fresh_ns));
	diag("VB-BENCH-TABLE-END %s", cell);
}

int main(int argc, char **argv)
{
	int quick = 0, rounds = 0, want_ours = 0, i, r, m, n = 0;
	int touch_reps, plane_reps, edid_reps;
	struct target targets[2], *up = NULL, *ours = NULL;
	const char *cell = getenv("VB_CELL");
	uint8_t *src, *dst;
	char b[32];

	memset(targets, 0, sizeof(targets));
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			quick = 1;
		} else if (!strcmp(argv[i], "--rounds") && i + 1 < argc) {
			rounds = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--upstream") && i + 1 < argc) {
			up = &targets[n++];
			up->name = "upstream";
			up->ko = argv[++i];
		} else if (!strcmp(argv[i], "--ours") && !want_ours) {
			want_ours = 1;
		} else {
			fprintf(stderr, "usage: %s %s\n", argv[0],
				"[--quick] [--rounds N] [--upstream MODULE.ko] [--ours]");
			return KSFT_FAIL;
		}
	}
	if (want_ours) {
		ours = &targets[n++];
		ours->name = "ours";
	}
	/*
	 * Short rounds, many of them: the host's load changes from second to
	 * second, and the closer together the two modules' runs are, the more
	 * alike it hits them.
	 */
	if (rounds <= 0)
		rounds = quick ? 1 : 12;
	touch_reps = quick ? 1 : 2;
	plane_reps = quick ? 20 : 200;
	edid_reps = quick ? 20 : 200;

	tap_prefix = "bench";
	printf("TAP version 13\n");
	if (!n) {
		printf("1..0 # SKIP no target\n");
		return KSFT_SKIP;
	}
	diag("%s: %d rounds; per round: %d first touches, %d plane exports, %d EDID round trips",
	     quick ? "quick" : "full", rounds, touch_reps, plane_reps, edid_reps);

	src = mmap(NULL, VRAM_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	dst = mmap(NULL, VRAM_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (src == MAP_FAILED || dst == MAP_FAILED ||
	    series_init(&memcpy_ns, rounds * touch_reps) ||
	    series_init(&fresh_ns, rounds * touch_reps)) {
		result(0, "allocate the buffers");
		return KSFT_FAIL;
	}
	for (i = 0; i < n; i++) {
		for (m = 0; m < M_NUM; m++) {
			int reps = m == M_PLANE || m == M_QUERY ? plane_reps :
				   m >= M_EDID ? edid_reps : touch_reps;

			if (series_init(&targets[i].s[m], rounds * reps)) {
				result(0, "allocate the samples");
				return KSFT_FAIL;
			}
		}
	}
	/* Touched, and not all one value, so the read-back checks mean something. */
	for (i = 0; i < (int)VRAM_SIZE; i++)
		src[i] = (uint8_t)(i * 7 + (i >> 12));
	memset(dst, 0, VRAM_SIZE);

	/* Alternating which target goes first, so neither always follows the other. */
	for (r = 0; r < rounds; r++) {
		bench_memcpy(src, dst, touch_reps);
		for (i = 0; i < n; i++)
			run_round(&targets[r % 2 ? n - 1 - i : i], src,
				  touch_reps, plane_reps, edid_reps);
	}

	result(!memcpy_bad && memcpy_ns.n > 0 && median(&memcpy_ns) > 0,
	       "guest memcpy of 16 MiB between touched buffers, %d runs: median %.2f ms (%.0f MiB/s); into a fresh 4 KiB-page mapping %s",
	       memcpy_ns.n, median(&memcpy_ns) / 1e6,
	       mib_per_s(median(&memcpy_ns)), series_time(b, sizeof(b), &fresh_ns));
	for (i = 0; i < n; i++) {
		if (!targets[i].loaded_ok) {
			result(0, "%s: load mbochs: %s", targets[i].name,
			       targets[i].skip[M_TOUCH]);
			continue;
		}
		for (m = 0; m < M_NUM; m++)
			report_measure(&targets[i], m);
	}

	if (!quick && up && ours) {
		double x = speedup(up, ours, M_TOUCH);
		double mc = median(&memcpy_ns), o = median(&ours->s[M_TOUCH]);

		report_goal("first touch ours/upstream", x, GOAL_TOUCH, NULL);
		result(o > 0 && mc / o >= GOAL_TOUCH_MEMCPY,
		       "goal first touch at %.0f%% of the guest's memcpy bandwidth (goal >= %.0f%%)",
		       o > 0 ? mc / o * 100 : 0,
		       GOAL_TOUCH_MEMCPY * 100);
		report_goal("plane query + dma-buf ours/upstream",
			    speedup(up, ours, M_PLANE), GOAL_PLANE,
			    ours->no_planes ? ours->skip[M_PLANE] : NULL);
		report_goal("EDID round trip ours/upstream",
			    speedup(up, ours, M_EDID), GOAL_EDID, NULL);
	}
	print_table(up, ours, cell ? cell : "");

	printf("1..%d\n", num);
	return failed ? KSFT_FAIL : KSFT_PASS;
}
