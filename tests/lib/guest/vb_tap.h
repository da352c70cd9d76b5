/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kselftest-style TAP output for the guest test programs (one translation
 * unit each, so the state lives here).  The harness compiles every guest
 * program with this folder on the include path.
 */
#ifndef VB_TAP_H
#define VB_TAP_H

#include <stdarg.h>
#include <stdio.h>

#define KSFT_PASS	0
#define KSFT_FAIL	1
#define KSFT_SKIP	4

/* Results so far, and how many failed. */
static int num, failed;
/* Put in front of every result when set, e.g. the target of a side-by-side run. */
static const char *tap_prefix;

static void result(int ok, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void result(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", ok ? "" : "not ", ++num);
	if (tap_prefix)
		printf("%s: ", tap_prefix);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	if (!ok)
		failed++;
}

static void diag(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static void diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

#endif /* VB_TAP_H */
