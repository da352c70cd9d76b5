// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-guest test of vfio_edid.ko through sysfs and debugfs.  Expects the
 * module loaded and debugfs mounted at /sys/kernel/debug.  Prints
 * kselftest TAP 13; exits 0 if all pass, 1 on failure, 4 if the module is
 * not loaded.  libc only, so it links statically for any architecture.
 *
 *   vfio_edid_test [expected-module-version]
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vb_edid_regs.h"
#include "vb_tap.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define MOD_DIR		"/sys/module/vfio_edid"
#define DBG_DIR		"/sys/kernel/debug/vfio_edid"
#define LB_DIR		DBG_DIR "/loopback"

/* The blob window and the loopback instance's limits. */
#define BLOB_OFF	0x800
#define LB_MAX_SIZE	1024
#define LB_MAX_XRES	1920
#define LB_MAX_YRES	1440

static int region = -1;

/* Whole-file helpers; return bytes read/written or -errno. */
static ssize_t read_file(const char *path, void *buf, size_t len)
{
	ssize_t n, total = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -errno;
	while ((size_t)total < len) {
		n = read(fd, (char *)buf + total, len - total);
		if (n < 0) {
			n = -errno;
			close(fd);
			return n;
		}
		if (!n)
			break;
		total += n;
	}
	close(fd);
	return total;
}

static int write_str(const char *path, const char *s)
{
	ssize_t n;
	int fd = open(path, O_WRONLY);

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	n = n < 0 ? -errno : 0;
	close(fd);
	return n;
}

static int read_text(const char *path, char *buf, size_t len)
{
	ssize_t n = read_file(path, buf, len - 1);

	if (n < 0) {
		buf[0] = '\0';
		return n;
	}
	buf[n] = '\0';
	return 0;
}

/* Region accessors: 0 on success, -errno on failure. */
static int reg_rd(off_t off, uint32_t *val)
{
	ssize_t n = pread(region, val, sizeof(*val), off);

	if (n < 0)
		return -errno;
	return n == sizeof(*val) ? 0 : -EIO;
}

static int reg_wr(off_t off, uint32_t val)
{
	ssize_t n = pwrite(region, &val, sizeof(val), off);

	if (n < 0)
		return -errno;
	return n == sizeof(val) ? 0 : -EIO;
}

static uint32_t reg(off_t off)
{
	uint32_t val = 0xdeadbeef;

	reg_rd(off, &val);
	return val;
}

static int raw_rd(off_t off, void *buf, size_t len)
{
	ssize_t n = pread(region, buf, len, off);

	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

static int raw_wr(off_t off, const void *buf, size_t len)
{
	ssize_t n = pwrite(region, buf, len, off);

	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

static void fix_sum(uint8_t *block)
{
	uint8_t sum = 0;
	int i;

	for (i = 0; i < 127; i++)
		sum += block[i];
	block[127] = (uint8_t)(0x100 - sum);
}

static int sum_ok(const uint8_t *block)
{
	uint8_t sum = 0;
	int i;

	for (i = 0; i < 128; i++)
		sum += block[i];
	return sum == 0;
}

static const uint8_t edid_hdr[8] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0 };

/*
 * A minimal EDID 1.3 base block whose first descriptor is a detailed
 * timing of the given size; built here, independent of the module's own
 * generator.  @vact is the field height when @interlaced.
 */
static void make_edid(uint8_t *b, unsigned int hact, unsigned int vact,
		      int interlaced)
{
	unsigned int hbl = 160, vbl = 40, clock = 14850;
	uint8_t *d = b + 54;

	memset(b, 0, 128);
	memcpy(b, edid_hdr, sizeof(edid_hdr));
	b[8] = 0x04;	/* "ABC" */
	b[9] = 0x43;
	b[18] = 1;
	b[19] = 3;
	b[20] = 0x80;
	d[0] = clock & 0xff;
	d[1] = clock >> 8;
	d[2] = hact & 0xff;
	d[3] = hbl & 0xff;
	d[4] = ((hact >> 8) << 4) | (hbl >> 8);
	d[5] = vact & 0xff;
	d[6] = vbl & 0xff;
	d[7] = ((vact >> 8) << 4) | (vbl >> 8);
	d[8] = 48;
	d[9] = 32;
	d[10] = 0x35;
	d[17] = 0x1a | (interlaced ? 0x80 : 0);
	fix_sum(b);
}

/* DTD 1 of a base block: width, height, pixel clock in kHz. */
static void dtd_mode(const uint8_t *b, unsigned int *w, unsigned int *h,
		     unsigned int *khz)
{
	const uint8_t *d = b + 54;

	*khz = (d[0] | (d[1] << 8)) * 10;
	*w = d[2] | ((d[4] & 0xf0) << 4);
	*h = d[5] | ((d[7] & 0xf0) << 4);
}

static int events_are(const char *want)
{
	char buf[4096];

	if (read_text(LB_DIR "/events", buf, sizeof(buf)))
		return 0;
	if (strcmp(buf, want)) {
		diag("events: got '%s', want '%s'", buf, want);
		return 0;
	}
	return 1;
}

static void events_clear(void)
{
	write_str(LB_DIR "/events", "\n");
}

static void test_version(const char *want)
{
	char v[128];
	int ret = read_text(MOD_DIR "/version", v, sizeof(v));

	v[strcspn(v, "\n")] = '\0';
	if (want)
		result(!ret && !strcmp(v, want),
		       "module version is '%s' (got '%s')", want, v);
	else
		result(!ret && v[0] >= '0' && v[0] <= '9' && strcmp(v, "0.0"),
		       "module version is set by the build (got '%s')", v);
}

static void test_generate_one(unsigned int w, unsigned int h,
			      unsigned int khz)
{
	uint8_t b[256];
	unsigned int gw, gh, gkhz;
	char res[32];
	ssize_t n;
	int ret;

	snprintf(res, sizeof(res), "%ux%u\n", w, h);
	ret = write_str(DBG_DIR "/generate", res);
	n = read_file(DBG_DIR "/generate", b, sizeof(b));
	if (ret || n != 128) {
		result(0, "generate %ux%u (write %d, read %zd)", w, h, ret, n);
		return;
	}
	dtd_mode(b, &gw, &gh, &gkhz);
	result(!memcmp(b, edid_hdr, 8) && sum_ok(b) && b[18] == 1 &&
	       b[19] == 4 && b[126] == 0 && gw == w && gh == h && gkhz == khz,
	       "generate %ux%u: EDID 1.4 header, checksum, preferred %ux%u @ %u kHz",
	       w, h, gw, gh, gkhz);
}

static void test_generate(void)
{
	test_generate_one(640, 480, 23500);
	test_generate_one(1366, 768, 72250);
	test_generate_one(1920, 1080, 138500);
	test_generate_one(3840, 2160, 533250);
	result(write_str(DBG_DIR "/generate", "4096x2160\n") == -ERANGE,
	       "generate 4096x2160 fails with ERANGE");
	result(write_str(DBG_DIR "/generate", "1920\n") == -EINVAL,
	       "generate rejects malformed input");
}

static void test_registers(void)
{
	static const struct {
		off_t off;
		const char *name;
	} ro[] = {
		{ R_EDID_OFFSET, "edid_offset" },
		{ R_EDID_MAX, "edid_max_size" },
		{ R_MAX_XRES, "max_xres" },
		{ R_MAX_YRES, "max_yres" },
	};
	uint32_t v, before;
	uint8_t buf[24];
	size_t i;

	result(reg_wr(R_LINK, LINK_DOWN) == 0 && reg(R_LINK) == LINK_DOWN,
	       "link_state DOWN write accepted");
	result(reg_wr(R_EDID_SIZE, 0) == 0 && reg(R_EDID_SIZE) == 0,
	       "edid_size 0 write accepted");
	result(reg(R_EDID_OFFSET) == BLOB_OFF, "edid_offset is 0x%x (got 0x%x)",
	       BLOB_OFF, reg(R_EDID_OFFSET));
	result(reg(R_EDID_MAX) == LB_MAX_SIZE, "edid_max_size is %u (got %u)",
	       LB_MAX_SIZE, reg(R_EDID_MAX));
	result(reg(R_MAX_XRES) == LB_MAX_XRES, "max_xres is %u (got %u)",
	       LB_MAX_XRES, reg(R_MAX_XRES));
	result(reg(R_MAX_YRES) == LB_MAX_YRES, "max_yres is %u (got %u)",
	       LB_MAX_YRES, reg(R_MAX_YRES));

	for (i = 0; i < ARRAY_SIZE(ro); i++) {
		before = reg(ro[i].off);
		result(reg_wr(ro[i].off, before + 8) == -EPERM &&
		       reg(ro[i].off) == before,
		       "write to read-only %s fails with EPERM, value kept",
		       ro[i].name);
	}

	result(raw_rd(2, &v, 4) == -EINVAL, "unaligned register read fails");
	result(raw_wr(R_EDID_SIZE + 1, &v, 4) == -EINVAL,
	       "unaligned register write fails");
	result(raw_rd(R_EDID_SIZE, &v, 2) == -EINVAL,
	       "2-byte register read fails");
	before = reg(R_EDID_SIZE);
	v = 0x80;
	result(raw_wr(R_EDID_SIZE, &v, 2) == -EINVAL &&
	       reg(R_EDID_SIZE) == before, "2-byte register write fails");
	result(raw_rd(0, buf, 8) == -EINVAL, "8-byte register read fails");
	result(raw_rd(0, buf, sizeof(buf)) == -EINVAL,
	       "24-byte read of the whole register block fails");
	result(raw_rd(R_LINK + 2, buf, 4) == -EINVAL,
	       "read straddling the last register fails");

	result(reg_wr(R_EDID_SIZE, LB_MAX_SIZE + 1) == -EINVAL &&
	       reg(R_EDID_SIZE) == before,
	       "edid_size > edid_max_size fails with EINVAL, value kept");
	result(reg_wr(R_EDID_SIZE, 0xffffffff) == -EINVAL,
	       "edid_size 0xffffffff fails");
	result(reg_wr(R_EDID_SIZE, LB_MAX_SIZE) == 0 &&
	       reg(R_EDID_SIZE) == LB_MAX_SIZE, "edid_size = edid_max_size ok");
	result(reg_wr(R_LINK, 0) == -EINVAL && reg_wr(R_LINK, 3) == -EINVAL &&
	       reg(R_LINK) == LINK_DOWN, "link_state values 0 and 3 fail");
}

static void test_window(void)
{
	uint8_t buf[16], back[16];
	off_t end = BLOB_OFF + LB_MAX_SIZE;

	result(raw_rd(24, buf, 4) == -EINVAL, "read in the gap (0x18) fails");
	result(raw_wr(BLOB_OFF - 4, buf, 4) == -EINVAL,
	       "write in the gap (0x7fc) fails");
	result(raw_rd(BLOB_OFF - 1, buf, 2) == -EINVAL,
	       "read straddling the window start fails");
	result(raw_rd(end - 1, buf, 2) == -EINVAL,
	       "read straddling the window end fails");
	result(raw_wr(end - 4, buf, 8) == -EINVAL,
	       "write straddling the window end fails");
	result(raw_rd(end, buf, 1) == -EINVAL, "read at the window end fails");
	result(raw_rd(1 << 20, buf, 1) == -EINVAL, "read far beyond fails");

	memcpy(buf, "\x11\x22\x33\x44\x55", 5);
	memset(back, 0, sizeof(back));
	result(raw_wr(BLOB_OFF + 3, buf, 5) == 0 &&
	       raw_rd(BLOB_OFF + 3, back, 5) == 0 && !memcmp(buf, back, 5),
	       "odd-sized unaligned blob write and read back");
	result(raw_rd(end - 1, back, 1) == 0, "last byte of the window reads");
	result(raw_wr(BLOB_OFF, buf, 0) == 0, "zero-length blob write is ok");
}

static int load_blob(const uint8_t *b, uint32_t size)
{
	int ret = raw_wr(BLOB_OFF, b, size);

	return ret ? ret : reg_wr(R_EDID_SIZE, size);
}

static void test_link(void)
{
	uint8_t b[256], back[256], bad[128];
	char state[1024];

	reg_wr(R_LINK, LINK_DOWN);
	events_clear();
	result(events_are(""), "events cleared");

	memset(bad, 0, sizeof(bad));
	result(load_blob(bad, 128) == 0 && reg_wr(R_LINK, LINK_UP) == -EINVAL &&
	       reg(R_LINK) == LINK_DOWN, "link up with a zero blob fails");
	make_edid(bad, 1920, 1080, 0);
	bad[100] ^= 1;
	result(load_blob(bad, 128) == 0 && reg_wr(R_LINK, LINK_UP) == -EINVAL &&
	       reg(R_LINK) == LINK_DOWN, "link up with a bad checksum fails");
	make_edid(bad, 1920, 1080, 0);
	bad[126] = 1;
	fix_sum(bad);
	result(load_blob(bad, 128) == 0 && reg_wr(R_LINK, LINK_UP) == -EINVAL &&
	       reg(R_LINK) == LINK_DOWN,
	       "link up with an extension count mismatch fails");
	make_edid(bad, 1920, 1080, 0);
	result(load_blob(bad, 128) == 0 && reg_wr(R_EDID_SIZE, 0) == 0 &&
	       reg_wr(R_LINK, LINK_UP) == -EINVAL && reg(R_LINK) == LINK_DOWN,
	       "link up with edid_size 0 fails");
	result(load_blob(bad, 128) == 0 && reg_wr(R_EDID_SIZE, 100) == 0 &&
	       reg_wr(R_LINK, LINK_UP) == -EINVAL && reg(R_LINK) == LINK_DOWN,
	       "link up with edid_size 100 fails");
	result(events_are(""), "no events from refused link ups");

	make_edid(b, 1920, 1080, 0);
	result(load_blob(b, 128) == 0 && reg_wr(R_LINK, LINK_UP) == 0 &&
	       reg(R_LINK) == LINK_UP, "link up with a valid 1920x1080 EDID");
	result(events_are("up 1920 1080\n"), "events show 'up 1920 1080'");
	result(reg_wr(R_LINK, LINK_UP) == 0 && events_are("up 1920 1080\n"),
	       "second link up is a no-op");

	memset(back, 0, sizeof(back));
	result(raw_wr(BLOB_OFF, bad, 16) == -EBUSY &&
	       raw_rd(BLOB_OFF, back, 128) == 0 && !memcmp(back, b, 128),
	       "blob write while up fails with EBUSY, blob kept");
	result(reg_wr(R_EDID_SIZE, 256) == -EBUSY && reg(R_EDID_SIZE) == 128,
	       "edid_size write while up fails with EBUSY");
	read_text(LB_DIR "/edid/state", state, sizeof(state));
	result(strstr(state, "link: up\n") && strstr(state, "mode: 1920x1080\n"),
	       "edid/state shows the link up at 1920x1080");
	result(read_file(LB_DIR "/edid/blob", back, sizeof(back)) == 128 &&
	       !memcmp(back, b, 128), "edid/blob shows the loaded EDID");

	result(reg_wr(R_LINK, LINK_DOWN) == 0 && reg(R_LINK) == LINK_DOWN &&
	       events_are("up 1920 1080\ndown\n"), "link down reported as 'down'");
	result(reg_wr(R_LINK, LINK_DOWN) == 0 &&
	       events_are("up 1920 1080\ndown\n"), "second link down is a no-op");

	/* Two blocks: base with extension count 1 plus a bare CTA block. */
	events_clear();
	make_edid(b, 1280, 720, 0);
	b[126] = 1;
	fix_sum(b);
	memset(b + 128, 0, 128);
	b[128] = 0x02;
	b[129] = 0x03;
	b[130] = 4;
	fix_sum(b + 128);
	result(load_blob(b, 256) == 0 && reg_wr(R_LINK, LINK_UP) == 0 &&
	       events_are("up 1280 720\n"), "two-block EDID brings the link up");
	reg_wr(R_LINK, LINK_DOWN);
	b[200] ^= 0x10;
	events_clear();
	result(load_blob(b, 256) == 0 && reg_wr(R_LINK, LINK_UP) == -EINVAL &&
	       reg(R_LINK) == LINK_DOWN && events_are(""),
	       "bad checksum in block 1 keeps the link down");

	/* Each axis is clamped on its own to the instance's maximum. */
	make_edid(b, 2560, 1600, 0);
	result(load_blob(b, 128) == 0 && reg_wr(R_LINK, LINK_UP) == 0 &&
	       events_are("up 1920 1440\n"),
	       "mode beyond max_xres and max_yres is reported clamped");
	reg_wr(R_LINK, LINK_DOWN);
	events_clear();
	make_edid(b, 1280, 1600, 0);
	result(load_blob(b, 128) == 0 && reg_wr(R_LINK, LINK_UP) == 0 &&
	       events_are("up 1280 1440\n"),
	       "mode beyond max_yres only is clamped in y only");
	reg_wr(R_LINK, LINK_DOWN);
	events_clear();

	/* Interlaced: the DTD holds field lines, reported at frame height. */
	make_edid(b, 1920, 540, 1);
	result(load_blob(b, 128) == 0 && reg_wr(R_LINK, LINK_UP) == 0 &&
	       events_are("up 1920 1080\n"),
	       "interlaced mode is reported at frame height");
	reg_wr(R_LINK, LINK_DOWN);
}

static void test_load_default(void)
{
	uint8_t b[128];
	unsigned int w, h, khz;

	reg_wr(R_LINK, LINK_DOWN);
	events_clear();
	result(write_str(LB_DIR "/load_default", "1024x768\n") == 0 &&
	       reg(R_LINK) == LINK_UP && reg(R_EDID_SIZE) == 128 &&
	       events_are("up 1024 768\n"), "load_default 1024x768 links up");
	memset(b, 0, sizeof(b));
	raw_rd(BLOB_OFF, b, sizeof(b));
	dtd_mode(b, &w, &h, &khz);
	result(!memcmp(b, edid_hdr, 8) && sum_ok(b) && w == 1024 && h == 768,
	       "load_default blob is a valid 1024x768 EDID");
	result(write_str(LB_DIR "/load_default", "800x600\n") == 0 &&
	       events_are("up 1024 768\ndown\nup 800 600\n"),
	       "load_default while up goes down, then up");
	result(write_str(LB_DIR "/load_default", "5000x600\n") == -EINVAL &&
	       events_are("up 1024 768\ndown\nup 800 600\n"),
	       "load_default beyond max_xres fails, nothing changes");
	reg_wr(R_LINK, LINK_DOWN);
}

int main(int argc, char **argv)
{
	printf("TAP version 13\n");
	if (access(MOD_DIR, F_OK)) {
		printf("1..0 # SKIP vfio_edid is not loaded\n");
		return KSFT_SKIP;
	}

	test_version(argc > 1 ? argv[1] : NULL);
	if (access(DBG_DIR, F_OK)) {
		result(0, "%s exists (is debugfs mounted?)", DBG_DIR);
		printf("1..%d\n", num);
		return KSFT_FAIL;
	}
	test_generate();

	region = open(LB_DIR "/region", O_RDWR);
	result(region >= 0, "open loopback/region");
	if (region >= 0) {
		test_registers();
		test_window();
		test_link();
		test_load_default();
		close(region);
	}

	printf("1..%d\n", num);
	if (failed)
		diag("%d of %d tests failed", failed, num);
	return failed ? KSFT_FAIL : KSFT_PASS;
}
