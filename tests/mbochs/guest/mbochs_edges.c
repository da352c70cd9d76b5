// SPDX-License-Identifier: GPL-2.0-only
/*
 * The edges of BAR0 (video memory) of an mbochs mdev, side by side against
 * the upstream sample and ours:
 *
 *   - pread/pwrite and an mmap of the whole BAR see the same bytes: a
 *     pattern written with pwrite over the BAR reads back through the
 *     mapping and the other way round; then single accesses at page
 *     boundaries, unaligned offsets, the first and last byte and the last
 *     page change exactly the bytes they name;
 *   - an access past the end fails (EINVAL, as vfio-pci answers one that
 *     starts outside a BAR) and one across the end either fails and changes
 *     nothing or is short and changes only what it reports;
 *   - mmap larger than the BAR, past its end, MAP_PRIVATE, or of a region
 *     that is not mmappable fails, and so does growing a mapping with
 *     mremap; an mmap of only the last page works;
 *   - after all of it the BAR holds exactly what the test wrote (a shadow
 *     copy), through both paths.
 *
 * The upstream sample serves pread/pwrite of BAR0 from the page two after
 * the one asked for (it subtracts the MMIO BAR's offset instead of the
 * memory BAR's), so its last two pages index past its page array: those
 * accesses are never made against it, and its whole-BAR sweep stops well
 * before the end.
 *
 *   mbochs_edges upstream|ours [MODULE.ko]
 *
 * Prints kselftest TAP 13; exits 0 if all pass (known defects of the
 * upstream sample are "not ok ... # TODO"), 1 on failure.
 */
#define _GNU_SOURCE	/* mremap */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/vfio.h>

#include "vb_mdev.h"
#include "vb_tap.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define TYPES_DIR	"/sys/class/mdev_bus/mbochs/mdev_supported_types"
#define TYPE		"mbochs-small"
#define UUID		"83b8f4f2-509f-382f-3c1e-e6bfe0fa1002"
#define VRAM_SIZE	(4u << 20)
#define EDID_INDEX	VFIO_PCI_NUM_REGIONS
#define CHUNK		(64u << 10)
/* How much of BAR0 the upstream sample is swept over, away from its end. */
#define UPSTREAM_SPAN	(256u << 10)

static int upstream, dev = -1;
static uint64_t bar_off, bar_size, span;
static long page;
static uint8_t *map, *shadow, *buf;

static void todo(int ok, const char *why, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A check the upstream sample is known to fail: TODO there, real elsewhere. */
static void todo(int ok, const char *why, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (ok || !upstream) {
		result(ok, "%s", what);
		return;
	}
	printf("not ok %d - %s: %s # TODO upstream sample defect: %s\n", ++num,
	       tap_prefix, what, why);
	fflush(stdout);
}

/* A check that must not run against the upstream sample. */
static void not_run(const char *what, const char *why)
{
	printf("not ok %d - %s: %s # TODO upstream sample defect, not run: %s\n",
	       ++num, tap_prefix, what, why);
	fflush(stdout);
}

static uint64_t rng = 0x6d626f636873;

static uint64_t rnd64(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void fill_random(uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)rnd64();
}

/* A byte that differs with the offset, the page and the tag. */
static uint8_t pattern(uint64_t off, unsigned int tag)
{
	return (uint8_t)(((off * 2654435761u) >> 11) ^ (off >> 12) ^ off ^
			 (tag * 0x5b));
}

/* pread/pwrite of the whole range in CHUNK pieces; 0 or the failing offset + 1. */
static uint64_t rw_range(uint8_t *p, uint64_t off, uint64_t len, int write)
{
	uint64_t done;
	ssize_t n;

	for (done = 0; done < len; done += n) {
		size_t c = len - done < CHUNK ? len - done : CHUNK;

		n = write ? pwrite(dev, p + done, c, bar_off + off + done) :
			    pread(dev, p + done, c, bar_off + off + done);
		if (n != (ssize_t)c)
			return off + done + 1;
	}
	return 0;
}

/* First offset in [0, len) where a and b differ, or -1. */
static long long first_diff(const uint8_t *a, const uint8_t *b, uint64_t len)
{
	uint64_t i;

	if (!memcmp(a, b, len))
		return -1;
	for (i = 0; a[i] == b[i]; i++)
		;
	return i;
}

/* Where does what pwrite put at offset 0 show up in the mapping? */
static void diag_shift(void)
{
	uint64_t p;

	for (p = 0; p + 16 <= bar_size && p < 8 * (uint64_t)page; p += page)
		if (!memcmp(map + p, shadow, 16)) {
			diag("pwrite at BAR0 offset 0 shows up in the mapping at 0x%llx",
			     (unsigned long long)p);
			return;
		}
}

static void sweeps(void)
{
	uint64_t i, bad;
	long long d;

	/* pwrite -> mmap */
	for (i = 0; i < span; i++)
		shadow[i] = pattern(i, 1);
	bad = rw_range(shadow, 0, span, 1);
	result(!bad, "pwrite a pattern over BAR0 [0, 0x%llx) in %u KiB pieces%s",
	       (unsigned long long)span, CHUNK >> 10, bad ? ": failed" : "");
	d = first_diff(map, shadow, span);
	if (d >= 0)
		diag("first difference at 0x%llx: mapping 0x%02x, written 0x%02x",
		     d, map[d], shadow[d]);
	if (d >= 0 && upstream)
		diag_shift();
	todo(d < 0, "pread/pwrite of BAR0 are two pages off from mmap",
	     "the mapping shows what pwrite wrote, at every offset");

	/* mmap -> pread */
	for (i = 0; i < span; i++) {
		shadow[i] = pattern(i, 2);
		map[i] = shadow[i];
	}
	bad = rw_range(buf, 0, span, 0);
	d = bad ? 0 : first_diff(buf, shadow, span);
	if (d >= 0 && !bad)
		diag("first difference at 0x%llx: pread 0x%02x, mapped 0x%02x",
		     d, buf[d], shadow[d]);
	todo(!bad && d < 0, "pread/pwrite of BAR0 are two pages off from mmap",
	     "pread shows what was written through the mapping, at every offset");
	/* The rest of the checks start from what the mapping holds. */
	memcpy(shadow, map, span);
}

/* One access of @len at @off: pwrite -> mapping, then mapping -> pread. */
static int one_case(uint64_t off, uint64_t len, char *why, size_t room)
{
	uint8_t before = 0, after = 0;
	ssize_t n;

	if (off)
		before = map[off - 1];
	if (off + len < span)
		after = map[off + len];
	fill_random(buf, len);
	n = pwrite(dev, buf, len, bar_off + off);
	if (n != (ssize_t)len) {
		snprintf(why, room, "pwrite returned %zd (%s)", n,
			 n < 0 ? strerror(errno) : "short");
		return 0;
	}
	memcpy(shadow + off, buf, len);
	if (memcmp(map + off, buf, len)) {
		snprintf(why, room, "the mapping does not show the pwrite");
		memcpy(shadow + off, map + off, len);
		return 0;
	}
	if ((off && map[off - 1] != before) ||
	    (off + len < span && map[off + len] != after)) {
		snprintf(why, room, "pwrite changed a neighbouring byte");
		return 0;
	}
	fill_random(map + off, len);
	memcpy(shadow + off, map + off, len);
	n = pread(dev, buf, len, bar_off + off);
	if (n != (ssize_t)len || memcmp(buf, map + off, len)) {
		snprintf(why, room, "pread returned %zd, %s", n,
			 n == (ssize_t)len ? "other bytes than mapped" : "short");
		return 0;
	}
	return 1;
}

static void cases(void)
{
	static const uint64_t lens[] = { 1, 2, 3, 4, 7, 8, 63, 4095, 4096, 4097,
					 3 * 4096 + 5 };
	uint64_t offs[32], last = bar_size - page;
	unsigned int no = 0, i, j, n = 0, bad = 0;
	char why[256] = "", first[320] = "";

	offs[no++] = 0;
	offs[no++] = 1;
	offs[no++] = 3;
	offs[no++] = page - 1;
	offs[no++] = page;
	offs[no++] = page + 1;
	offs[no++] = 2 * page - 2;
	offs[no++] = bar_size / 2 - 1;
	offs[no++] = bar_size / 2 + 5;
	offs[no++] = last - 1;
	offs[no++] = last;
	offs[no++] = last + 1;
	offs[no++] = last + page / 2 + 3;
	offs[no++] = bar_size - 8;
	offs[no++] = bar_size - 4;
	offs[no++] = bar_size - 2;
	offs[no++] = bar_size - 1;

	for (i = 0; i < no; i++)
		for (j = 0; j < ARRAY_SIZE(lens); j++) {
			if (offs[i] + lens[j] > span)
				continue;
			n++;
			if (!one_case(offs[i], lens[j], why, sizeof(why)) &&
			    !bad++)
				snprintf(first, sizeof(first), "off 0x%llx len %llu: %s",
					 (unsigned long long)offs[i],
					 (unsigned long long)lens[j], why);
		}
	if (bad)
		diag("%u of %u failed, first %s", bad, n, first);
	todo(!bad, "pread/pwrite of BAR0 are two pages off from mmap",
	     "%u single accesses (page boundaries, unaligned, first byte%s) agree with the mapping",
	     n, span == bar_size ? ", last byte, last page" : "");
	if (upstream)
		not_run("pread/pwrite in the last pages of BAR0",
			"they index past the sample's page array");
}

/* A refused access must be an error (EINVAL by the VFIO convention). */
static void beyond_one(const char *what, uint64_t off, size_t len, int write)
{
	ssize_t n;
	int err;

	memset(buf, 0xa5, len);
	n = write ? pwrite(dev, buf, len, bar_off + off) :
		    pread(dev, buf, len, bar_off + off);
	err = errno;
	result(n < 0, "%s %s: refused (%zd%s%s)", write ? "pwrite" : "pread",
	       what, n, n < 0 ? ", " : "", n < 0 ? strerror(err) : "");
	if (n < 0)
		todo(err == EINVAL, "an access outside BAR0 returns EFAULT",
		     "%s %s: EINVAL (got %s)", write ? "pwrite" : "pread", what,
		     strerror(err));
}

/*
 * Across the end: either an error and nothing changed, or a short count
 * and only those bytes changed (vfio-pci truncates; ours refuses).
 */
static void across_end(void)
{
	uint64_t off = bar_size - 4;
	ssize_t n;
	int ok;

	memset(buf, 0x5a, 8);
	n = pwrite(dev, buf, 8, bar_off + off);
	if (n == 4)
		memcpy(shadow + off, buf, 4);
	ok = (n < 0 || n == 4) && !memcmp(map + off, shadow + off, 4);
	result(ok, "pwrite of 8 bytes across the end: %zd%s%s, the last 4 bytes %s",
	       n, n < 0 ? ", " : "", n < 0 ? strerror(errno) : "",
	       n == 4 ? "written" : "unchanged");
	n = pread(dev, buf, 8, bar_off + off);
	ok = n < 0 || (n == 4 && !memcmp(buf, shadow + off, 4));
	result(ok, "pread of 8 bytes across the end: %zd%s%s", n,
	       n < 0 ? ", " : "", n < 0 ? strerror(errno) : "");
	n = pread(dev, buf, bar_size + page, bar_off);
	ok = n < 0 || (n == (ssize_t)bar_size && !memcmp(buf, shadow, bar_size));
	result(ok, "pread of the whole BAR plus a page: %zd%s%s", n,
	       n < 0 ? ", " : "", n < 0 ? strerror(errno) : "");
}

static void beyond(void)
{
	beyond_one("of 1 byte at the end of BAR0", bar_size, 1, 0);
	beyond_one("of 1 byte at the end of BAR0", bar_size, 1, 1);
	beyond_one("of a page one page past the end", bar_size + page, page, 0);
	beyond_one("of a page one page past the end", bar_size + page, page, 1);
	if (upstream)
		not_run("accesses across the end of BAR0",
			"they index past the sample's page array");
	else
		across_end();
}

/*
 * Once BAR0 is mapped, ask for every further mapping right below it: if
 * the new one could merge with it, the mm may take it without asking the
 * driver, and a driver whose mappings can merge must check for that.
 */
static void *try_map(uint64_t off, uint64_t len, int flags)
{
	uint8_t *hint = map && map != MAP_FAILED ? map - len : NULL;

	return mmap(hint, len, PROT_READ | PROT_WRITE, flags, dev, off);
}

static void check_map_refused(const char *what, uint64_t off, uint64_t len,
			      int flags, const char *why)
{
	void *p = try_map(off, len, flags);
	int err = errno;
	char msg[256];

	snprintf(msg, sizeof(msg), "mmap %s: refused%s%s", what,
		 p == MAP_FAILED ? " with " : "",
		 p == MAP_FAILED ? strerror(err) : "");
	if (why)
		todo(p == MAP_FAILED, why, "%s", msg);
	else
		result(p == MAP_FAILED, "%s", msg);
	if (p != MAP_FAILED) {
		diag("mapped 0x%llx bytes at offset 0x%llx", (unsigned long long)len,
		     (unsigned long long)off);
		munmap(p, len);
	}
}

static void check_maps(void)
{
	struct vfio_region_info ri;
	uint8_t *p;
	int ret;

	check_map_refused("of BAR0 plus a page", bar_off, bar_size + page,
			  MAP_SHARED, NULL);
	check_map_refused("of a page past the end of BAR0", bar_off + bar_size,
			  page, MAP_SHARED, NULL);
	check_map_refused("of BAR0 MAP_PRIVATE", bar_off, bar_size, MAP_PRIVATE,
			  NULL);
	if (!vb_region_info(dev, VFIO_PCI_CONFIG_REGION_INDEX, &ri))
		check_map_refused("of the config space region", ri.offset, page,
				  MAP_SHARED, NULL);
	ret = vb_region_info(dev, VFIO_PCI_BAR2_REGION_INDEX, &ri);
	result(!ret && !(ri.flags & VFIO_REGION_INFO_FLAG_MMAP),
	       "BAR2 (MMIO registers) is not mmappable (flags 0x%x)", ri.flags);
	if (!ret)
		check_map_refused("of BAR2", ri.offset, page, MAP_SHARED, NULL);
	/*
	 * The sample puts the EDID region right before BAR0 and its BAR0
	 * mappings are plain page mappings, which merge: a mapping of the
	 * EDID region below one of BAR0 never reaches its mmap check.
	 */
	ret = vb_region_info(dev, EDID_INDEX, &ri);
	if (!ret)
		check_map_refused("of the EDID region, just below a BAR0 mapping",
				  ri.offset, page, MAP_SHARED,
				  "the mm merges it into the BAR0 mapping, bypassing the sample's mmap check");

	/* A mapping of BAR0 must not grow past the BAR either. */
	p = mremap(map, bar_size, bar_size + page, MREMAP_MAYMOVE);
	todo(p == MAP_FAILED, "its BAR0 mappings can grow past the BAR",
	     "mremap of the BAR0 mapping to a page more: refused%s%s",
	     p == MAP_FAILED ? " with " : "", p == MAP_FAILED ? strerror(errno) : "");
	if (p != MAP_FAILED) {
		map = p;
		p = mremap(map, bar_size + page, bar_size, 0);
		if (p == MAP_FAILED) {
			result(0, "shrink the BAR0 mapping back: %s", strerror(errno));
			return;
		}
	}

	p = try_map(bar_off + bar_size - page, page, MAP_SHARED);
	todo(p != MAP_FAILED, "it maps BAR0 only from its first page",
	     "mmap of only the last page of BAR0%s%s",
	     p == MAP_FAILED ? ": " : "", p == MAP_FAILED ? strerror(errno) : "");
	if (p == MAP_FAILED)
		return;
	result(!memcmp(p, map + bar_size - page, page),
	       "the last-page mapping shows the same bytes as the whole-BAR one");
	p[page - 1] ^= 0xff;
	shadow[bar_size - 1] ^= 0xff;
	result(map[bar_size - 1] == shadow[bar_size - 1] &&
	       pread(dev, buf, 1, bar_off + bar_size - 1) == 1 &&
	       buf[0] == shadow[bar_size - 1],
	       "a write to the last byte through it shows in the other mapping and in pread");
	munmap(p, page);
}

/* The BAR holds exactly what the test wrote, through both paths. */
static void final_state(void)
{
	uint64_t bad;
	long long d;

	/* The sample's pwrites land two pages off, where the shadow has no record. */
	d = first_diff(map, shadow, span);
	todo(d < 0, "pread/pwrite of BAR0 are two pages off from mmap",
	     "the mapping holds exactly what was written (first difference %lld)", d);
	bad = rw_range(buf, 0, span, 0);
	d = bad ? 0 : first_diff(buf, shadow, span);
	todo(!bad && d < 0, "pread/pwrite of BAR0 are two pages off from mmap",
	     "pread of [0, 0x%llx) holds exactly what was written",
	     (unsigned long long)span);
}

static void run(void)
{
	struct vfio_region_info ri;
	const uint32_t rw = VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE;
	int ret;

	ret = vb_region_info(dev, VFIO_PCI_BAR0_REGION_INDEX, &ri);
	result(!ret && ri.size == VRAM_SIZE &&
	       (ri.flags & (rw | VFIO_REGION_INFO_FLAG_MMAP)) ==
	       (rw | VFIO_REGION_INFO_FLAG_MMAP),
	       "BAR0: 0x%llx bytes (want 0x%x) at 0x%llx, flags 0x%x (rw, mmap)",
	       (unsigned long long)ri.size, VRAM_SIZE,
	       (unsigned long long)ri.offset, ri.flags);
	if (ret || ri.size != VRAM_SIZE)
		return;
	bar_off = ri.offset;
	bar_size = ri.size;
	span = upstream ? UPSTREAM_SPAN : bar_size;

	map = try_map(bar_off, bar_size, MAP_SHARED);
	result(map != MAP_FAILED, "mmap the whole of BAR0 shared%s%s",
	       map == MAP_FAILED ? ": " : "",
	       map == MAP_FAILED ? strerror(errno) : "");
	if (map == MAP_FAILED)
		return;
	sweeps();
	cases();
	beyond();
	check_maps();
	final_state();
	munmap(map, bar_size);
}

int main(int argc, char **argv)
{
	struct vb_vfio v;
	const char *why;
	int ret;

	upstream = vb_target_args(argc, argv);
	if (upstream < 0)
		return KSFT_FAIL;
	page = sysconf(_SC_PAGESIZE);
	shadow = malloc(VRAM_SIZE);
	buf = malloc(VRAM_SIZE + 2 * page);
	if (!shadow || !buf) {
		result(0, "malloc");
		goto out;
	}

	if (argc == 3) {
		if (vb_tap_load_module(argv[2]))
			goto out;
	}
	ret = vb_mdev_create(TYPES_DIR, TYPE, UUID);
	result(!ret, "create %s %s%s%s", TYPE, UUID, ret ? ": " : "",
	       ret ? strerror(-ret) : "");
	if (ret)
		goto unload;
	ret = vb_vfio_open(UUID, &v, &why);
	result(!ret, "open the device%s%s%s%s", ret ? ": " : "", why,
	       ret ? ": " : "", ret ? strerror(-ret) : "");
	if (!ret) {
		dev = v.dev;
		run();
		vb_vfio_close(&v);
	}
	vb_tap_mdev_remove(UUID, "remove the mdev");
unload:
	if (argc == 3)
		vb_tap_unload_module("mbochs");
out:
	printf("1..%d\n", num);
	return failed ? KSFT_FAIL : KSFT_PASS;
}
