// SPDX-License-Identifier: GPL-2.0-only
/*
 * vccwbench seq|rand DEV SECS /
 * vccwbench ab seq|rand|cfg DISK_A DISK_B SECS|COUNT PAIRS: the virtio-ccw
 * transport benchmark (tests/virtio_ccw/bench/run).
 *
 *   seq   1 MiB O_DIRECT reads from the start of DEV, wrapping, for SECS
 *         seconds: MB/s
 *   rand  4 KiB O_DIRECT reads at random 4 KiB-aligned offsets (fixed
 *         seed), for SECS seconds: IOPS
 *   cfg   COUNT reads of /sys/block/DISK/cache_type: with
 *         VIRTIO_BLK_F_CONFIG_WCE (QEMU config-wce=on) every read is one
 *         virtio config read, i.e. one READ_CONF channel program through
 *         the transport and back: the median read, in microseconds
 *   ab    PAIRS pairs of one of those measures, alternating between the
 *         disks DISK_A and DISK_B (names in /sys/block): one line
 *         "KIND VALUE_A VALUE_B" per pair
 *
 * cfg is measured only in pairs (ab).  Prints one line "seq MBPS" or
 * "rand IOPS", or one line per pair; exit 1 on an I/O error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/fs.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* MB/s (seq) or IOPS (rand) of SECS seconds of reads of DEV, or -1. */
static double io_run(const char *mode, const char *dev, double secs)
{
	int rnd = !strcmp(mode, "rand");
	size_t bs = rnd ? 4096 : 1 << 20;
	uint64_t size, off = 0, x = 88172645463325252ULL, ops = 0;
	double t0, t, ret = -1;
	void *buf = NULL;
	int fd;

	fd = open(dev, O_RDONLY | O_DIRECT);
	if (fd < 0 || ioctl(fd, BLKGETSIZE64, &size) || size < bs) {
		fprintf(stderr, "vccwbench: %s: %s\n", dev, strerror(errno));
		goto out;
	}
	if (posix_memalign(&buf, 4096, bs)) {
		buf = NULL;
		goto out;
	}
	t0 = now();
	do {
		if (rnd) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			off = x % (size / bs) * bs;
		} else if (off + bs > size) {
			off = 0;
		}
		if (pread(fd, buf, bs, off) != (ssize_t)bs) {
			fprintf(stderr, "vccwbench: read at %llu: %s\n",
				(unsigned long long)off, strerror(errno));
			goto out;
		}
		if (!rnd)
			off += bs;
		ops++;
		t = now() - t0;
	} while (t < secs);
	ret = rnd ? ops / t : ops * (double)bs / t / 1e6;
out:
	free(buf);
	if (fd >= 0)
		close(fd);
	return ret;
}

static int io_bench(const char *mode, const char *dev, double secs)
{
	double v = io_run(mode, dev, secs);

	if (v < 0)
		return 1;
	printf(strcmp(mode, "rand") ? "%s %.1f\n" : "%s %.0f\n", mode, v);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * COUNT reads of DISK's cache_type, each timed on its own: the median, in
 * microseconds, or -1.  The median rather than the mean, because under
 * TCG a vCPU the host does not run for a while adds its whole absence to
 * the one read it happens to be in.
 */
static double cfg_reads(const char *disk, long count)
{
	char path[256], buf[64];
	double t0, *us, med;
	long i;
	int fd;

	if (count < 1)
		return -1;
	us = calloc(count, sizeof(*us));
	if (!us)
		return -1;
	snprintf(path, sizeof(path), "/sys/block/%s/cache_type", disk);
	for (i = 0; i < count; i++) {
		t0 = now();
		fd = open(path, O_RDONLY);
		if (fd < 0 || read(fd, buf, sizeof(buf)) <= 0) {
			fprintf(stderr, "vccwbench: %s: %s\n", path, strerror(errno));
			free(us);
			return -1;
		}
		close(fd);
		us[i] = (now() - t0) * 1e6;
	}
	qsort(us, count, sizeof(*us), cmp_double);
	med = count % 2 ? us[count / 2] : (us[count / 2 - 1] + us[count / 2]) / 2;
	free(us);
	return med;
}

/* One measure of KIND on DISK: AMOUNT seconds, or reads for cfg. */
static double measure(const char *kind, const char *disk, double amount)
{
	char dev[256];

	if (!strcmp(kind, "cfg"))
		return cfg_reads(disk, (long)amount);
	snprintf(dev, sizeof(dev), "/dev/%s", disk);
	return io_run(kind, dev, amount);
}

/*
 * Two disks in alternating turns, A first in even pairs and B first in
 * odd ones: a burst of host load (under TCG the vCPUs are host threads)
 * then lands on both disks alike instead of on whichever was measured
 * at the time.
 */
static int ab_bench(const char *kind, const char *a, const char *b,
		    double amount, long pairs)
{
	double va, vb;
	long i;

	if (strcmp(kind, "seq") && strcmp(kind, "rand") && strcmp(kind, "cfg"))
		return 2;
	for (i = 0; i < pairs; i++) {
		if (i % 2) {
			vb = measure(kind, b, amount);
			va = measure(kind, a, amount);
		} else {
			va = measure(kind, a, amount);
			vb = measure(kind, b, amount);
		}
		if (va < 0 || vb < 0)
			return 1;
		printf("%s %.1f %.1f\n", kind, va, vb);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && (!strcmp(argv[1], "seq") || !strcmp(argv[1], "rand")))
		return io_bench(argv[1], argv[2], atof(argv[3]));
	if (argc == 7 && !strcmp(argv[1], "ab"))
		return ab_bench(argv[2], argv[3], argv[4], atof(argv[5]),
				atol(argv[6]));
	fprintf(stderr,
		"usage: vccwbench seq|rand DEV SECS |\n"
		"       ab seq|rand|cfg DISK_A DISK_B SECS|COUNT PAIRS\n");
	return 2;
}
