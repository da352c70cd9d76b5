// SPDX-License-Identifier: GPL-2.0-only
/*
 * cfgstress DISK SECS THREADS SIZES: race virtio-blk's config space.
 *
 * For the first half of SECS seconds, THREADS threads each loop over
 * /sys/block/DISK/cache_type: write "write back" or "write through" (each a
 * config write of the writeback byte), then read it back (a config read).
 * Every read must be one of the two values.  Then "write back" is written
 * once and for the second half the threads only read: every read must be
 * exactly "write back", so a config read that comes back empty or with
 * another request's bytes ("write through" is a zero byte) shows.
 *
 * All along one more thread reads /sys/block/DISK/size, which the kernel
 * updates from the capacity field when the host resizes the disk; every
 * size seen must be in SIZES (comma-separated sectors, the sizes the host
 * sets).  With per-device serialization missing in the transport,
 * concurrent config accesses share one buffer and return each other's
 * bytes.
 *
 * A config access that takes longer than 5 s counts as bad too: a lost
 * completion makes the caller wait for the transport's timeout (under TCG
 * a normal one takes milliseconds), and so does a steady half in which
 * not a single read got through.
 *
 * Prints "reads=N writes=N bad=N sizes=N badsizes=N distinct=N maxms=N"
 * and the first few bad values; exit 0 when nothing was bad, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_SIZES	64

static char cache_path[256], size_path[256];
static double deadline, half;
static int steady;
static unsigned long long sizes[MAX_SIZES];
static int nsizes;
static unsigned long reads, writes, bad, size_reads, bad_sizes, reported;
static unsigned long steady_reads;
static double max_lat;

#define STALL_SECS	5.0
static unsigned long long seen[MAX_SIZES];
static int nseen;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void report(const char *what, const char *val)
{
	pthread_mutex_lock(&lock);
	if (reported++ < 5)
		printf("# bad %s: '%s'\n", what, val);
	pthread_mutex_unlock(&lock);
}

static int read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = 0;
	return 0;
}

static void *cache_thread(void *arg)
{
	static const char *const vals[] = { "write back", "write through" };
	unsigned long r = 0, w = 0, b = 0;
	unsigned int i = (unsigned long)arg;
	double t, lat, worst = 0;
	char buf[64];
	int fd;

	while (now() < (steady ? deadline : half)) {
		if (steady)
			goto check;
		t = now();
		fd = open(cache_path, O_WRONLY);
		if (fd < 0 || write(fd, vals[i & 1], strlen(vals[i & 1])) < 0) {
			b++;
			report("cache_type write", strerror(errno));
		} else {
			w++;
		}
		if (fd >= 0)
			close(fd);
		lat = now() - t;
		if (lat > worst)
			worst = lat;
		i++;
check:
		t = now();
		if (read_file(cache_path, buf, sizeof(buf))) {
			b++;
			report("cache_type read", strerror(errno));
			continue;
		}
		lat = now() - t;
		if (lat > worst)
			worst = lat;
		r++;
		if (strcmp(buf, "write back\n") &&
		    (steady || strcmp(buf, "write through\n"))) {
			b++;
			buf[strcspn(buf, "\n")] = 0;
			report("cache_type", buf);
		}
	}
	pthread_mutex_lock(&lock);
	reads += r;
	writes += w;
	bad += b;
	if (steady)
		steady_reads += r;
	if (worst > max_lat)
		max_lat = worst;
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void *size_thread(void *arg)
{
	unsigned long long v;
	char buf[64], *end;
	int i, ok;

	(void)arg;
	while (now() < deadline) {
		if (read_file(size_path, buf, sizeof(buf))) {
			bad_sizes++;
			report("size read", strerror(errno));
			continue;
		}
		size_reads++;
		v = strtoull(buf, &end, 10);
		for (ok = 0, i = 0; i < nsizes; i++)
			ok |= sizes[i] == v;
		if (!ok || *end != '\n') {
			bad_sizes++;
			buf[strcspn(buf, "\n")] = 0;
			report("size", buf);
			continue;
		}
		for (i = 0; i < nseen && seen[i] != v; i++)
			;
		if (i == nseen && nseen < MAX_SIZES)
			seen[nseen++] = v;
		usleep(1000);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t th[33];
	char *s, *tok;
	double t;
	int i, n, fd;

	if (argc != 5) {
		fprintf(stderr, "usage: cfgstress DISK SECS THREADS SIZES\n");
		return 2;
	}
	snprintf(cache_path, sizeof(cache_path), "/sys/block/%s/cache_type", argv[1]);
	snprintf(size_path, sizeof(size_path), "/sys/block/%s/size", argv[1]);
	deadline = now() + atof(argv[2]);
	half = (now() + deadline) / 2;
	n = atoi(argv[3]);
	if (n < 1 || n > 32) {
		fprintf(stderr, "cfgstress: 1 to 32 threads\n");
		return 2;
	}
	for (s = argv[4]; (tok = strtok(s, ",")) && nsizes < MAX_SIZES; s = NULL)
		sizes[nsizes++] = strtoull(tok, NULL, 0);
	pthread_create(&th[n], NULL, size_thread, NULL);
	for (steady = 0; steady < 2; steady++) {
		if (steady) {
			t = now();
			fd = open(cache_path, O_WRONLY);
			if (fd < 0 || write(fd, "write back", 10) != 10) {
				bad++;
				report("cache_type write", strerror(errno));
			}
			if (fd >= 0)
				close(fd);
			if (now() - t > max_lat)
				max_lat = now() - t;
		}
		for (i = 0; i < n; i++)
			pthread_create(&th[i], NULL, cache_thread, (void *)(unsigned long)i);
		for (i = 0; i < n; i++)
			pthread_join(th[i], NULL);
	}
	pthread_join(th[n], NULL);
	if (max_lat > STALL_SECS) {
		bad++;
		printf("# bad: a config access took %.1f s\n", max_lat);
	}
	if (!steady_reads) {
		bad++;
		printf("# bad: no read got through in the steady half\n");
	}
	printf("reads=%lu writes=%lu bad=%lu sizes=%lu badsizes=%lu distinct=%d maxms=%.0f\n",
	       reads, writes, bad, size_reads, bad_sizes, nseen, max_lat * 1000);
	return bad || bad_sizes ? 1 : 0;
}
