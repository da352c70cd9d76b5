// SPDX-License-Identifier: GPL-2.0-only
/*
 * vccwbench seq|rand DEV SECS / vccwbench cfg DISK COUNT: the virtio-ccw
 * transport benchmark (tests/virtio_ccw/bench/run).
 *
 *   seq   1 MiB O_DIRECT reads from the start of DEV, wrapping, for SECS
 *         seconds: MB/s
 *   rand  4 KiB O_DIRECT reads at random 4 KiB-aligned offsets (fixed
 *         seed), for SECS seconds: IOPS
 *   cfg   COUNT reads of /sys/block/DISK/cache_type: with
 *         VIRTIO_BLK_F_CONFIG_WCE (QEMU config-wce=on) every read is one
 *         virtio config read, i.e. one READ_CONF channel program through
 *         the transport and back: microseconds per read
 *
 * Prints one line "seq MBPS", "rand IOPS" or "cfg USEC"; exit 1 on an I/O
 * error.
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

static int io_bench(const char *mode, const char *dev, double secs)
{
	int rnd = !strcmp(mode, "rand");
	size_t bs = rnd ? 4096 : 1 << 20;
	uint64_t size, off = 0, x = 88172645463325252ULL, ops = 0;
	double t0, t;
	void *buf;
	int fd;

	fd = open(dev, O_RDONLY | O_DIRECT);
	if (fd < 0 || ioctl(fd, BLKGETSIZE64, &size) || size < bs) {
		fprintf(stderr, "vccwbench: %s: %s\n", dev, strerror(errno));
		return 1;
	}
	if (posix_memalign(&buf, 4096, bs))
		return 1;
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
			return 1;
		}
		if (!rnd)
			off += bs;
		ops++;
		t = now() - t0;
	} while (t < secs);
	if (rnd)
		printf("rand %.0f\n", ops / t);
	else
		printf("seq %.1f\n", ops * (double)bs / t / 1e6);
	return 0;
}

static int cfg_bench(const char *disk, long count)
{
	char path[256], buf[64];
	double t0;
	long i;
	int fd;

	snprintf(path, sizeof(path), "/sys/block/%s/cache_type", disk);
	t0 = now();
	for (i = 0; i < count; i++) {
		fd = open(path, O_RDONLY);
		if (fd < 0 || read(fd, buf, sizeof(buf)) <= 0) {
			fprintf(stderr, "vccwbench: %s: %s\n", path, strerror(errno));
			return 1;
		}
		close(fd);
	}
	printf("cfg %.1f\n", (now() - t0) / count * 1e6);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && (!strcmp(argv[1], "seq") || !strcmp(argv[1], "rand")))
		return io_bench(argv[1], argv[2], atof(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "cfg"))
		return cfg_bench(argv[2], atol(argv[3]));
	fprintf(stderr, "usage: vccwbench seq|rand DEV SECS | cfg DISK COUNT\n");
	return 2;
}
