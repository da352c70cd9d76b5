/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scaffolding of the guest fuzzers (mbochs_fuzz, vfio_edid_fuzz): a
 * seeded PRNG, the choice of the next operation by weight, --seed/--ops,
 * and the first broken invariant, which stops the run.  A fixed seed gives
 * the same operations everywhere.  One translation unit each, so the state
 * lives here; needs vb_tap.h.  libc only, so the programs link statically.
 */
#ifndef VB_FUZZ_H
#define VB_FUZZ_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vb_tap.h"

/* --seed and --ops; rng starts at seed. */
static uint64_t seed = 1, rng;
static unsigned long nops = 100000, op_no;

/* The first broken invariant: its operation and what it was. */
static char bad_msg[1024];
static unsigned long bad_op;
static int broken;

/* An operation and how often, relative to the others, it runs. */
struct fuzz_op {
	void (*fn)(void);
	unsigned int weight;
};

static void violation(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* The first broken invariant stops the fuzz; later ones are not news. */
static void violation(const char *fmt, ...)
{
	va_list ap;

	if (broken)
		return;
	broken = 1;
	bad_op = op_no;
	va_start(ap, fmt);
	vsnprintf(bad_msg, sizeof(bad_msg), fmt, ap);
	va_end(ap);
}

/* splitmix64: tiny, good enough, and the same everywhere. */
static inline uint64_t rnd64(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* 0 to @n - 1; the modulo bias is irrelevant here. */
static inline uint32_t rnd(uint32_t n)
{
	return n ? (uint32_t)(rnd64() % n) : 0;
}

/* Eight bytes from each rnd64(), lowest first. */
static inline void fill_random(uint8_t *p, size_t n)
{
	uint64_t r = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!(i % 8))
			r = rnd64();
		p[i] = (uint8_t)r;
		r >>= 8;
	}
}

/* Run one of @n operations, picked by weight (one rnd() call). */
static inline void fuzz_one_op(const struct fuzz_op *ops, size_t n)
{
	unsigned int total = 0, r;
	size_t i;

	for (i = 0; i < n; i++)
		total += ops[i].weight;
	r = rnd(total);
	for (i = 0; r >= ops[i].weight; i++)
		r -= ops[i].weight;
	ops[i].fn();
}

/*
 * --seed N or --ops N at argv[*i]: 1 if it was one of them (*i then points
 * at N), 0 if not, -1 after a message on a bad number.
 */
static inline int fuzz_arg(int argc, char **argv, int *i)
{
	char *end;

	if (*i + 1 >= argc)
		return 0;
	if (!strcmp(argv[*i], "--seed"))
		seed = strtoull(argv[*i + 1], &end, 0);
	else if (!strcmp(argv[*i], "--ops"))
		nops = strtoul(argv[*i + 1], &end, 0);
	else
		return 0;
	++*i;
	if (*end) {
		fprintf(stderr, "%s: bad number '%s'\n", argv[0], argv[*i]);
		return -1;
	}
	return 1;
}

/* The run's verdict as one TAP line; 1 if no invariant broke. */
static inline int fuzz_verdict(void)
{
	if (broken)
		result(0, "%lu ops with seed %llu: op %lu broke an invariant: %s",
		       nops, (unsigned long long)seed, bad_op, bad_msg);
	else
		result(1, "%lu ops with seed %llu: no invariant broken", nops,
		       (unsigned long long)seed);
	return !broken;
}

#endif /* VB_FUZZ_H */
