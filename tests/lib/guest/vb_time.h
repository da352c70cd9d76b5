/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The clock and the sleep of the guest programs (one translation unit each,
 * so everything here is static inline).  libc only, so the programs link
 * statically.
 */
#ifndef VB_TIME_H
#define VB_TIME_H

#include <errno.h>
#include <time.h>

/* CLOCK_MONOTONIC in seconds: only differences mean anything. */
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

#endif /* VB_TIME_H */
