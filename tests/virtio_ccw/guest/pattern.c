// SPDX-License-Identifier: GPL-2.0-only
/*
 * pattern write|check DEV SEED MIB: write or verify a known pattern over the
 * first MIB MiB of a block device with O_DIRECT, so every byte goes to and
 * comes from the device, never the page cache.  Each 512-byte sector holds
 * the seed, its own number and bytes derived from both, so a sector that is
 * lost, stale (an older seed) or misplaced (another sector's data) shows up.
 *
 * Prints one TAP diagnostic line ("# pattern: ..."): what was written or
 * checked, or the first bad sector; exit 0 when the write or the check
 * worked, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SECTOR	512
#define CHUNK	(1024 * 1024)

static void fill(unsigned char *p, uint64_t seed, uint64_t sector)
{
	uint64_t x = seed * 0x9e3779b97f4a7c15ULL ^ (sector + 1) * 0xbf58476d1ce4e5b9ULL;
	int i;

	memcpy(p, &seed, 8);
	memcpy(p + 8, &sector, 8);
	for (i = 16; i < SECTOR; i += 8) {
		/* xorshift64: cheap, and no two sectors share a stream */
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		memcpy(p + i, &x, 8);
	}
}

int main(int argc, char **argv)
{
	unsigned char *buf, want[SECTOR];
	uint64_t seed, mib, off, s, got_seed, got_sector;
	int fd, writing;
	ssize_t n;

	if (argc != 5 || (strcmp(argv[1], "write") && strcmp(argv[1], "check"))) {
		fprintf(stderr, "usage: pattern write|check DEV SEED MIB\n");
		return 2;
	}
	writing = !strcmp(argv[1], "write");
	seed = strtoull(argv[3], NULL, 0);
	mib = strtoull(argv[4], NULL, 0);
	fd = open(argv[2], (writing ? O_WRONLY : O_RDONLY) | O_DIRECT);
	if (fd < 0) {
		printf("# pattern: bad: open %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	if (posix_memalign((void **)&buf, 4096, CHUNK))
		return 1;
	for (off = 0; off < mib * CHUNK; off += CHUNK) {
		if (writing) {
			for (s = 0; s < CHUNK / SECTOR; s++)
				fill(buf + s * SECTOR, seed, off / SECTOR + s);
			n = pwrite(fd, buf, CHUNK, off);
		} else {
			n = pread(fd, buf, CHUNK, off);
		}
		if (n != CHUNK) {
			printf("# pattern: bad: %s at %llu: %s\n", writing ? "write" : "read",
			       (unsigned long long)off, n < 0 ? strerror(errno) : "short");
			return 1;
		}
		if (writing)
			continue;
		for (s = 0; s < CHUNK / SECTOR; s++) {
			fill(want, seed, off / SECTOR + s);
			if (!memcmp(buf + s * SECTOR, want, SECTOR))
				continue;
			memcpy(&got_seed, buf + s * SECTOR, 8);
			memcpy(&got_sector, buf + s * SECTOR + 8, 8);
			printf("# pattern: bad: sector %llu holds ",
			       (unsigned long long)(off / SECTOR + s));
			printf("seed %llu sector %llu, want seed %llu\n",
			       (unsigned long long)got_seed,
			       (unsigned long long)got_sector,
			       (unsigned long long)seed);
			return 1;
		}
	}
	if (writing && fsync(fd)) {
		printf("# pattern: bad: fsync: %s\n", strerror(errno));
		return 1;
	}
	printf("# pattern: %s seed %llu, %llu MiB\n", writing ? "wrote" : "intact",
	       (unsigned long long)seed, (unsigned long long)mib);
	return 0;
}
