// SPDX-License-Identifier: GPL-2.0-only
/*
 * Userspace unit tests for vfio_edid/edid_validate.c and edid_gen.c.
 * Prints kselftest TAP 13.  If VB_EDID_DECODE names an edid-decode binary
 * (the run script sets it), generated blobs are also fed to
 * "edid-decode --check".
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/errno.h>
#include <linux/types.h>

#include "edid.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static int test_num, test_fail;

static void result(int ok, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void result(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", ok ? "" : "not ", ++test_num);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!ok)
		test_fail++;
}

static void skip(const char *why, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void skip(const char *why, const char *fmt, ...)
{
	va_list ap;

	printf("ok %d - ", ++test_num);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" # SKIP %s\n", why);
}

static void fix_sum(u8 *block)
{
	u8 sum = 0;
	int i;

	for (i = 0; i < EDID_BLOCK_SIZE - 1; i++)
		sum += block[i];
	block[EDID_BLOCK_SIZE - 1] = (u8)(0x100 - sum);
}

/* A 1920x1080 base block followed by a minimal CTA-861 extension. */
static void make_two_blocks(u8 *b)
{
	vfio_edid_generate(b, EDID_BLOCK_SIZE, 1920, 1080, NULL);
	b[126] = 1;
	fix_sum(b);
	memset(b + EDID_BLOCK_SIZE, 0, EDID_BLOCK_SIZE);
	b[EDID_BLOCK_SIZE] = 0x02;
	b[EDID_BLOCK_SIZE + 1] = 0x03;
	b[EDID_BLOCK_SIZE + 2] = 4;
	fix_sum(b + EDID_BLOCK_SIZE);
}

static void expect_invalid(const u8 *b, size_t size, const char *name,
			   const char *want_why)
{
	const char *why = NULL;
	int ret = vfio_edid_validate(b, size, NULL, &why);

	result(ret == -EINVAL && why && strstr(why, want_why),
	       "validate rejects %s (ret %d, why '%s')", name, ret,
	       why ? why : "(null)");
}

static void test_validate(void)
{
	u8 b[2 * EDID_BLOCK_SIZE], c[2 * EDID_BLOCK_SIZE + 1];
	struct vfio_edid_mode m;
	const char *why = "unset";
	u8 *big;
	int ret;

	make_two_blocks(b);
	memset(&m, 0, sizeof(m));
	ret = vfio_edid_validate(b, EDID_BLOCK_SIZE * 2, &m, &why);
	result(ret == 0 && !why, "validate accepts a two-block EDID");
	result(m.xres == 1920 && m.yres == 1080 && m.clock_khz == 138500 &&
	       m.htotal == 2080 && m.vtotal == 1111,
	       "validate reports the preferred mode (%ux%u %u kHz %ux%u)",
	       m.xres, m.yres, m.clock_khz, m.htotal, m.vtotal);

	vfio_edid_generate(b, EDID_BLOCK_SIZE, 800, 600, NULL);
	result(vfio_edid_validate(b, EDID_BLOCK_SIZE, NULL, NULL) == 0,
	       "validate accepts one block with NULL outputs");

	expect_invalid(b, 0, "size 0", "empty");
	expect_invalid(b, 100, "a truncated block (100 bytes)", "multiple");
	memcpy(c, b, EDID_BLOCK_SIZE);
	memset(c + EDID_BLOCK_SIZE, 0, sizeof(c) - EDID_BLOCK_SIZE);
	expect_invalid(c, EDID_BLOCK_SIZE + 1, "size 129", "multiple");

	memcpy(c, b, EDID_BLOCK_SIZE);
	c[0] = 0x01;
	fix_sum(c);
	expect_invalid(c, EDID_BLOCK_SIZE, "a bad header byte 0", "header");
	memcpy(c, b, EDID_BLOCK_SIZE);
	c[7] = 0xff;
	fix_sum(c);
	expect_invalid(c, EDID_BLOCK_SIZE, "a bad header byte 7", "header");

	memcpy(c, b, EDID_BLOCK_SIZE);
	c[60]++;
	expect_invalid(c, EDID_BLOCK_SIZE, "a bad checksum in block 0",
		       "block 0");

	make_two_blocks(b);
	b[EDID_BLOCK_SIZE + 10] ^= 0x40;
	expect_invalid(b, 2 * EDID_BLOCK_SIZE, "a bad checksum in block 1",
		       "extension block");

	make_two_blocks(b);
	expect_invalid(b, EDID_BLOCK_SIZE,
		       "two-block EDID truncated to one block", "extension count");
	vfio_edid_generate(b, EDID_BLOCK_SIZE, 800, 600, NULL);
	memset(b + EDID_BLOCK_SIZE, 0, EDID_BLOCK_SIZE);
	b[EDID_BLOCK_SIZE] = 0x02;
	fix_sum(b + EDID_BLOCK_SIZE);
	expect_invalid(b, 2 * EDID_BLOCK_SIZE,
		       "extension count 0 with two blocks", "extension count");

	vfio_edid_generate(b, EDID_BLOCK_SIZE, 800, 600, NULL);
	memset(b + 54, 0, 3);
	b[54 + 3] = 0x10;
	fix_sum(b);
	expect_invalid(b, EDID_BLOCK_SIZE, "no detailed timing first",
		       "detailed timing");

	big = calloc(EDID_MAX_BLOCKS + 1, EDID_BLOCK_SIZE);
	if (big) {
		vfio_edid_generate(big, EDID_BLOCK_SIZE, 800, 600, NULL);
		expect_invalid(big, (EDID_MAX_BLOCKS + 1) * EDID_BLOCK_SIZE,
			       "257 blocks", "256 blocks");
		free(big);
	}
}

static const struct {
	u32 x, y, clock_khz, vtotal;
} cvt_known[] = {
	/* Reference values from the VESA CVT-RB tables. */
	{ 640, 480, 23500, 494 },
	{ 1280, 720, 64000, 741 },
	{ 1920, 1080, 138500, 1111 },
	{ 1920, 1200, 154000, 1235 },
	{ 2560, 1440, 241500, 1481 },
	{ 3840, 2160, 533250, 2222 },
};

static void test_cvt(void)
{
	struct vfio_edid_mode m;
	size_t i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(cvt_known); i++) {
		memset(&m, 0, sizeof(m));
		ret = vfio_edid_cvt_rb(cvt_known[i].x, cvt_known[i].y, 60, &m);
		result(ret == 0 && m.clock_khz == cvt_known[i].clock_khz &&
		       m.vtotal == cvt_known[i].vtotal &&
		       m.htotal == cvt_known[i].x + 160,
		       "cvt_rb %ux%u = %u kHz, vtotal %u (got %u, %u)",
		       cvt_known[i].x, cvt_known[i].y, cvt_known[i].clock_khz,
		       cvt_known[i].vtotal, m.clock_khz, m.vtotal);
	}
}

static const struct {
	u32 x, y;
} gen_good[] = {
	{ 640, 480 }, { 800, 600 }, { 1024, 768 }, { 1280, 720 },
	{ 1280, 1024 }, { 1366, 768 }, { 1600, 900 }, { 1920, 1080 },
	{ 1920, 1200 }, { 2560, 1080 }, { 2560, 1440 }, { 3840, 2160 },
	{ 3840, 2400 }, { 4095, 2160 }, { 400, 300 }, { 100, 4000 },
};

static const struct {
	u32 x, y;
	int err;
} gen_bad[] = {
	{ 0, 0, -ERANGE },
	{ 0, 1080, -ERANGE },
	{ 1920, 0, -ERANGE },
	{ 4096, 2160, -ERANGE },	/* DTD width field is 12 bits */
	{ 1920, 4096, -ERANGE },	/* DTD height field is 12 bits */
	{ 4095, 4095, -ERANGE },	/* pixel clock above 655.35 MHz */
	{ 5120, 2880, -ERANGE },
	{ 320, 240, -ERANGE },		/* pixel clock below 10 MHz */
	{ 64, 64, -ERANGE },
	{ 0xffffffff, 0xffffffff, -ERANGE },
};

/* Run edid-decode --check on a blob; 1 = pass, 0 = fail, -1 = no tool. */
static int edid_decode_check(const char *tool, const u8 *blob, size_t len,
			     char *out, size_t outlen)
{
	char path[] = "/tmp/vfio-edid-unit-XXXXXX";
	char cmd[512];
	size_t n = 0;
	FILE *p;
	int fd, status;

	out[0] = '\0';
	fd = mkstemp(path);
	if (fd < 0)
		return -1;
	if (write(fd, blob, len) != (ssize_t)len) {
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	snprintf(cmd, sizeof(cmd), "'%s' --check '%s' 2>&1", tool, path);
	p = popen(cmd, "r");
	if (!p) {
		unlink(path);
		return -1;
	}
	n = fread(out, 1, outlen - 1, p);
	out[n] = '\0';
	status = pclose(p);
	unlink(path);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	       strstr(out, "EDID conformity: PASS") &&
	       !strstr(out, "Failures:");
}

static void print_diag(const char *out)
{
	const char *line = out, *nl;

	while (*line) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line);
		printf("# %.*s\n", (int)(nl - line), line);
		line = *nl ? nl + 1 : nl;
	}
}

static void test_generate(void)
{
	const char *tool = getenv("VB_EDID_DECODE");
	static char out[16384];
	struct vfio_edid_mode m;
	u8 b[EDID_BLOCK_SIZE + 16];
	size_t i;
	int ret, ok;

	for (i = 0; i < ARRAY_SIZE(gen_good); i++) {
		memset(b, 0xaa, sizeof(b));
		ret = vfio_edid_generate(b, sizeof(b), gen_good[i].x,
					 gen_good[i].y, NULL);
		memset(&m, 0, sizeof(m));
		ok = ret == EDID_BLOCK_SIZE && b[EDID_BLOCK_SIZE] == 0xaa &&
		     vfio_edid_validate(b, EDID_BLOCK_SIZE, &m, NULL) == 0 &&
		     m.xres == gen_good[i].x && m.yres == gen_good[i].y;
		result(ok, "generate %ux%u: valid, preferred mode round-trips",
		       gen_good[i].x, gen_good[i].y);

		if (!tool || !*tool) {
			skip("edid-decode not installed",
			     "edid-decode --check %ux%u",
			     gen_good[i].x, gen_good[i].y);
			continue;
		}
		ret = edid_decode_check(tool, b, EDID_BLOCK_SIZE, out,
					sizeof(out));
		if (ret < 0) {
			result(0, "edid-decode --check %ux%u (could not run)",
			       gen_good[i].x, gen_good[i].y);
			continue;
		}
		if (!ret || strstr(out, "Warnings:"))
			print_diag(out);
		result(ret == 1, "edid-decode --check %ux%u", gen_good[i].x,
		       gen_good[i].y);
	}

	for (i = 0; i < ARRAY_SIZE(gen_bad); i++) {
		ret = vfio_edid_generate(b, sizeof(b), gen_bad[i].x,
					 gen_bad[i].y, NULL);
		result(ret == gen_bad[i].err, "generate %ux%u fails with %d (got %d)",
		       gen_bad[i].x, gen_bad[i].y, gen_bad[i].err, ret);
	}

	ret = vfio_edid_generate(b, EDID_BLOCK_SIZE - 1, 800, 600, NULL);
	result(ret == -EINVAL, "generate into 127 bytes fails with -EINVAL");
	ret = vfio_edid_generate(b, sizeof(b), 800, 600, "fourteen chars");
	result(ret == -EINVAL, "generate with a 14-char name fails");
	ret = vfio_edid_generate(b, sizeof(b), 800, 600, "");
	result(ret == -EINVAL, "generate with an empty name fails");
	ret = vfio_edid_generate(b, sizeof(b), 800, 600, "bad\tname");
	result(ret == -EINVAL, "generate with a control character fails");

	ret = vfio_edid_generate(b, sizeof(b), 800, 600, "thirteen char");
	result(ret == EDID_BLOCK_SIZE && b[54 + 36 + 3] == 0xfc &&
	       !memcmp(b + 54 + 36 + 5, "thirteen char", 13),
	       "generate stores a 13-char name unterminated");
	ret = vfio_edid_generate(b, sizeof(b), 800, 600, "mdev");
	result(ret == EDID_BLOCK_SIZE && !memcmp(b + 54 + 36 + 5, "mdev\n ", 6),
	       "generate stores a short name with newline and padding");
}

int main(void)
{
	printf("TAP version 13\n");
	test_validate();
	test_cvt();
	test_generate();
	printf("1..%d\n", test_num);
	if (test_fail)
		printf("# %d of %d tests failed\n", test_fail, test_num);
	return test_fail ? 1 : 0;
}
