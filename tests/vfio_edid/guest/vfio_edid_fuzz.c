// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bounded, fixed-seed fuzzer of vfio_edid.ko, run in every VM boot after
 * the functional test.  It drives the loopback instance (debugfs
 * loopback/region, events, load_default) and the module-wide "generate"
 * file with random and edge-case accesses, keeps a model of the semantics
 * that vfio_edid.h and the kernel-doc promise, and compares the module
 * with the model after every operation:
 *
 *   - edid_offset, edid_max_size, max_xres and max_yres never change;
 *   - link_state is UP or DOWN, edid_size <= edid_max_size, and both hold
 *     what the model predicts;
 *   - a register access that is not 4 aligned bytes, an access in the gap
 *     or across an edge of the blob window fails with EINVAL, a write to a
 *     read-only register with EPERM, a blob or edid_size write while the
 *     link is up with EBUSY;
 *   - link up succeeds exactly when the blob is a valid EDID (our own
 *     reading of the rules documented for vfio_edid_validate()), and while
 *     the link is up the blob reads back valid;
 *   - a refused access returns a negative errno and changes nothing: not
 *     the registers, the blob, the file position, nor the events;
 *   - the events file shows exactly the transitions the model made.
 *
 * Its own PRNG (splitmix64, in vb_fuzz.h) makes a run the same on every
 * libc and arch.
 * Prints kselftest TAP 13; exits 0 if all pass, 1 on failure, 4 if the
 * module is not loaded.  libc only, so it links statically anywhere.
 *
 *   vfio_edid_fuzz [--seed N] [--ops N]
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vb_edid_regs.h"
#include "vb_fuzz.h"
#include "vb_tap.h"
#include "vb_time.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define MOD_DIR		"/sys/module/vfio_edid"
#define DBG_DIR		"/sys/kernel/debug/vfio_edid"
#define LB_DIR		DBG_DIR "/loopback"

/* struct vfio_region_gfx_edid, indexed by offset / 4 in the model. */
#define REGS_SIZE	0x18
#define NREGS		(REGS_SIZE / 4)
#define BLOB_OFF	0x800
#define BLOCK		128
#define EDID_MAX	(256 * BLOCK)
/* The loopback keeps the newest this many events. */
#define LB_EVENTS	64
/* Every access the model lets succeed fits; a guard page follows. */
#define BUF_SIZE	(64 * 1024)
/* Longest "WxH" line the module parses is one shorter than this. */
#define RES_LINE_MAX	24
/* Sizes vfio_edid_generate() surely accepts at 60 Hz. */
#define GEN_SAFE_XMIN	640
#define GEN_SAFE_XMAX	1920
#define GEN_SAFE_YMIN	480
#define GEN_SAFE_YMAX	1440
#define GEN_MAX_SIDE	4095
/* Accesses remembered for the report of a violation. */
#define NREC		8

#define NTESTS		7

struct event {
	int up;
	uint32_t xres;
	uint32_t yres;
};

/* What the module should hold, as far as the fuzzer can tell. */
static struct {
	uint32_t regs[NREGS];
	uint8_t blob[EDID_MAX];
	int64_t pos;			/* file position of the region fd */
	struct event ev[LB_EVENTS];
	unsigned int ev_first, ev_count;
	uint32_t mode_x, mode_y;	/* of the newest link up */
	uint8_t gen[BLOCK];
	ssize_t gen_len;
} m;

static struct {
	unsigned long accesses;
	unsigned long up_ok, up_refused;
	unsigned long ebusy, eperm, einval, vfs;
	unsigned long seeks, seek_refused;
	unsigned long def_ok, def_refused, gen_ok, gen_refused;
	unsigned long blob_checks, ev_checks, views;
} st;

struct rec {
	const char *what;
	int64_t off;
	uint64_t len;
	uint32_t val;
	int64_t ret;
};

static struct rec recent[NREC];
static unsigned long nrec;

static int region = -1, events_fd = -1, def_fd = -1, gen_fd = -1;
static uint8_t *io;			/* BUF_SIZE bytes, then a guard page */
static uint8_t edid[EDID_MAX];
static int need_ev_check;

static const uint8_t edid_hdr[8] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0 };

static uint32_t max_size(void)
{
	return m.regs[R_EDID_MAX / 4];
}

static int link_up(void)
{
	return m.regs[R_LINK / 4] == LINK_UP;
}

static void fix_sum(uint8_t *block)
{
	uint8_t sum = 0;
	int i;

	for (i = 0; i < BLOCK - 1; i++)
		sum += block[i];
	block[BLOCK - 1] = (uint8_t)(0x100 - sum);
}

static int sum_ok(const uint8_t *block)
{
	uint8_t sum = 0;
	int i;

	for (i = 0; i < BLOCK; i++)
		sum += block[i];
	return !sum;
}

/*
 * The documented rules: a non-zero whole number of blocks, at most 256,
 * the fixed header, every block summing to zero, the extension count
 * matching the size, and a first descriptor of block 0 that is a
 * detailed timing (non-zero clock and active size).  Interlaced timings
 * report the frame height.
 */
static int edid_valid(const uint8_t *b, uint32_t size, uint32_t *xres,
		      uint32_t *yres)
{
	const uint8_t *d = b + 54;
	uint32_t blocks, i, clock, hact, vact;

	if (!size || size % BLOCK || size / BLOCK > 256)
		return 0;
	if (memcmp(b, edid_hdr, sizeof(edid_hdr)))
		return 0;
	blocks = size / BLOCK;
	for (i = 0; i < blocks; i++)
		if (!sum_ok(b + i * BLOCK))
			return 0;
	if (b[126] != blocks - 1)
		return 0;
	clock = d[0] | (d[1] << 8);
	hact = d[2] | ((d[4] & 0xf0) << 4);
	vact = d[5] | ((d[7] & 0xf0) << 4);
	if (!clock || !hact || !vact)
		return 0;
	if (xres)
		*xres = hact;
	if (yres)
		*yres = d[17] & 0x80 ? 2 * vact : vact;
	return 1;
}

static uint32_t clamp(uint32_t val, uint32_t max)
{
	return max && val > max ? max : val;
}

static void push_event(int up, uint32_t xres, uint32_t yres)
{
	struct event *ev;

	if (m.ev_count == LB_EVENTS) {
		m.ev_first = (m.ev_first + 1) % LB_EVENTS;
		m.ev_count--;
	}
	ev = &m.ev[(m.ev_first + m.ev_count) % LB_EVENTS];
	ev->up = up;
	ev->xres = xres;
	ev->yres = yres;
	m.ev_count++;
	if (up) {
		m.mode_x = xres;
		m.mode_y = yres;
	}
}

static void record(const char *what, int64_t off, uint64_t len, uint32_t val,
		   int64_t ret)
{
	struct rec *r = &recent[nrec++ % NREC];

	r->what = what;
	r->off = off;
	r->len = len;
	r->val = val;
	r->ret = ret;
}

static const char *errname(int64_t ret)
{
	static char buf[32];

	switch (ret) {
	case -EINVAL:
		return "EINVAL";
	case -EPERM:
		return "EPERM";
	case -EBUSY:
		return "EBUSY";
	case -EFAULT:
		return "EFAULT";
	case -ERANGE:
		return "ERANGE";
	case -ENOMEM:
		return "ENOMEM";
	case -EOVERFLOW:
		return "EOVERFLOW";
	default:
		snprintf(buf, sizeof(buf), "%lld", (long long)ret);
		return buf;
	}
}

/*
 * @s as C-escaped text, so that garbage cannot break a TAP line.  Two
 * buffers in turn: one message may show two strings.
 */
static const char *esc(const char *s, size_t len)
{
	static char bufs[2][1024];
	static int turn;
	char *buf = bufs[turn++ % 2];
	size_t i, n = 0;
	unsigned char c;

	for (i = 0; i < len && n + 5 < sizeof(bufs[0]); i++) {
		c = s[i];
		if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"')
			buf[n++] = c;
		else
			n += snprintf(buf + n, sizeof(bufs[0]) - n, "\\x%02x", c);
	}
	buf[n] = '\0';
	return buf;
}

/*
 * What an access of @len bytes at @off should return, from the model.
 * *@vague is set for accesses the VFS may refuse before the module sees
 * them (negative or overflowing positions, sizes beyond our buffer): those
 * must fail with EINVAL or EFAULT and change nothing.
 */
static int64_t predict(int64_t off, uint64_t len, int wr, int *vague)
{
	uint32_t max = max_size(), val;
	uint64_t pos;

	*vague = off < 0 || len > BUF_SIZE ||
		 (uint64_t)off + len > (uint64_t)INT64_MAX;
	if (*vague)
		return -EINVAL;
	if (off < REGS_SIZE) {
		if (len != 4 || off % 4)
			return -EINVAL;
		if (!wr)
			return 4;
		memcpy(&val, io, sizeof(val));
		switch (off) {
		case R_EDID_SIZE:
			if (link_up())
				return -EBUSY;
			return val > max ? -EINVAL : 4;
		case R_LINK:
			if (val != LINK_UP && val != LINK_DOWN)
				return -EINVAL;
			if (val == LINK_UP && !link_up() &&
			    !edid_valid(m.blob, m.regs[R_EDID_SIZE / 4], NULL, NULL))
				return -EINVAL;
			return 4;
		default:
			return -EPERM;
		}
	}
	if (off < BLOB_OFF)
		return -EINVAL;
	pos = off - BLOB_OFF;
	if (pos >= max || len > max - pos)
		return -EINVAL;
	if (!len)
		return 0;
	if (wr && link_up())
		return -EBUSY;
	return (int64_t)len;
}

static void set_link(uint32_t val)
{
	uint32_t x = 0, y = 0;

	if (val == m.regs[R_LINK / 4])
		return;
	m.regs[R_LINK / 4] = val;
	if (val == LINK_DOWN) {
		push_event(0, 0, 0);
		return;
	}
	edid_valid(m.blob, m.regs[R_EDID_SIZE / 4], &x, &y);
	push_event(1, clamp(x, m.regs[R_MAX_XRES / 4]),
		   clamp(y, m.regs[R_MAX_YRES / 4]));
	st.up_ok++;
}

/* The model's side of an access that succeeded as predicted. */
static void apply(int64_t off, int64_t got, int wr)
{
	uint32_t val;

	if (off < REGS_SIZE) {
		memcpy(&val, io, sizeof(val));
		if (!wr) {
			if (val != m.regs[off / 4])
				violation("register 0x%llx reads 0x%x, model 0x%x",
					  (long long)off, val, m.regs[off / 4]);
		} else if (off == R_EDID_SIZE) {
			m.regs[R_EDID_SIZE / 4] = val;
		} else {
			set_link(val);
		}
		return;
	}
	if (!got)
		return;
	off -= BLOB_OFF;
	if (wr)
		memcpy(m.blob + off, io, got);
	else if (memcmp(io, m.blob + off, got))
		violation("blob read of %lld bytes at 0x%llx differs from what was written",
			  (long long)got, (long long)off);
}

/*
 * One region access of @len bytes at @off (at the file position instead,
 * with read()/write(), when @at_pos), from or into io[], checked against
 * the model.  Returns the result, a negative errno on failure.
 */
static int64_t access_region(const char *what, int64_t off, uint64_t len,
			     int wr, int at_pos)
{
	int64_t want, got;
	uint32_t val = 0;
	int vague;

	/* The rest of a multi-access operation would only blur the report. */
	if (broken)
		return -ECANCELED;
	if (at_pos)
		off = m.pos;
	want = predict(off, len, wr, &vague);
	if (wr && len >= sizeof(val) && len <= BUF_SIZE)
		memcpy(&val, io, sizeof(val));
	if (at_pos)
		got = wr ? write(region, io, len) : read(region, io, len);
	else
		got = wr ? pwrite(region, io, len, off) :
			      pread(region, io, len, off);
	if (got < 0)
		got = -errno;
	record(what, off, len, val, got);
	st.accesses++;
	/* Link writes, taken or refused, are followed by an events check. */
	if (wr && off == R_LINK)
		need_ev_check = 1;

	if (vague) {
		if (got != -EINVAL && got != -EFAULT)
			violation("%s of %llu bytes at %lld: want EINVAL or EFAULT, got %s",
				  what, (unsigned long long)len, (long long)off,
				  errname(got));
		st.vfs++;
		return got;
	}
	if (got != want) {
		if (got >= 0 && want >= 0)
			violation("%s of %llu bytes at 0x%llx: returned %lld, want %lld",
				  what, (unsigned long long)len, (long long)off,
				  (long long)got, (long long)want);
		else
			violation("%s of %llu bytes at 0x%llx: want %s, got %s",
				  what, (unsigned long long)len, (long long)off,
				  want < 0 ? errname(want) : "success",
				  got < 0 ? errname(got) : "success");
		return got;
	}
	if (got < 0) {
		if (got == -EBUSY)
			st.ebusy++;
		else if (got == -EPERM)
			st.eperm++;
		else
			st.einval++;
		if (wr && off == R_LINK && len == 4 && val == LINK_UP)
			st.up_refused++;
		return got;
	}
	apply(off, got, wr);
	if (at_pos)
		m.pos += got;
	return got;
}

/* Raw helpers for setup and the final check: 0 or -errno. */
static int reg_rd(int64_t off, uint32_t *val)
{
	ssize_t n = pread(region, val, sizeof(*val), off);

	if (n < 0)
		return -errno;
	return n == sizeof(*val) ? 0 : -EIO;
}

static int reg_wr(int64_t off, uint32_t val)
{
	ssize_t n = pwrite(region, &val, sizeof(val), off);

	if (n < 0)
		return -errno;
	return n == sizeof(val) ? 0 : -EIO;
}

/* After every operation: all six registers are what the model says. */
static void check_regs(void)
{
	static const char * const names[NREGS] = {
		"edid_offset", "edid_max_size", "edid_size",
		"max_xres", "max_yres", "link_state",
	};
	uint32_t val;
	int i, ret;

	for (i = 0; i < NREGS; i++) {
		ret = reg_rd(i * 4, &val);
		if (ret) {
			violation("reading %s failed: %s", names[i], errname(ret));
			return;
		}
		if (i == R_LINK / 4 && val != LINK_UP && val != LINK_DOWN) {
			violation("link_state is %u, neither UP nor DOWN", val);
			return;
		}
		if (i == R_EDID_SIZE / 4 && val > max_size()) {
			violation("edid_size %u exceeds edid_max_size %u", val,
				  max_size());
			return;
		}
		if (val != m.regs[i]) {
			violation("%s is 0x%x, model 0x%x", names[i], val,
				  m.regs[i]);
			return;
		}
	}
}

/* The whole blob is what the model says, and valid while the link is up. */
static void check_blob(void)
{
	static uint8_t buf[EDID_MAX];
	uint32_t size = m.regs[R_EDID_SIZE / 4];
	ssize_t n = pread(region, buf, max_size(), BLOB_OFF);
	uint32_t i;

	st.blob_checks++;
	if (n != (ssize_t)max_size()) {
		violation("reading the whole blob returned %s",
			  n < 0 ? errname(-errno) : "a short count");
		return;
	}
	if (memcmp(buf, m.blob, max_size())) {
		for (i = 0; buf[i] == m.blob[i]; i++)
			;
		violation("blob byte 0x%x is 0x%02x, model 0x%02x", i, buf[i],
			  m.blob[i]);
		return;
	}
	if (link_up() &&
	    (memcmp(buf, edid_hdr, sizeof(edid_hdr)) || !sum_ok(buf) ||
	     !edid_valid(buf, size, NULL, NULL)))
		violation("link is up but the blob (%u bytes) is not a valid EDID",
			  size);
}

static void check_pos(void)
{
	off_t pos = lseek(region, 0, SEEK_CUR);

	if (pos != m.pos)
		violation("file position is %lld, model %lld", (long long)pos,
			  (long long)m.pos);
}

/* Read the events file into @buf; 0 or -errno. */
static int read_events(char *buf, size_t len)
{
	ssize_t n, total = 0;

	if (lseek(events_fd, 0, SEEK_SET) < 0)
		return -errno;
	while ((size_t)total < len - 1) {
		n = read(events_fd, buf + total, len - 1 - total);
		if (n < 0)
			return -errno;
		if (!n)
			break;
		total += n;
	}
	buf[total] = '\0';
	return 0;
}

static int events_match(int report)
{
	char got[4096], want[4096];
	const struct event *ev;
	size_t len = 0;
	unsigned int i;
	int ret;

	want[0] = '\0';
	for (i = 0; i < m.ev_count; i++) {
		ev = &m.ev[(m.ev_first + i) % LB_EVENTS];
		if (ev->up)
			len += snprintf(want + len, sizeof(want) - len, "up %u %u\n",
					ev->xres, ev->yres);
		else
			len += snprintf(want + len, sizeof(want) - len, "down\n");
	}
	ret = read_events(got, sizeof(got));
	st.ev_checks++;
	if (ret) {
		if (report)
			violation("reading events failed: %s", errname(ret));
		return 0;
	}
	if (strcmp(got, want)) {
		if (report)
			violation("events differ from the model: got \"%s\", want \"%s\"",
				  esc(got, strlen(got)), esc(want, strlen(want)));
		return 0;
	}
	return 1;
}

/* Offsets worth trying: register edges, the gap, window edges, far away. */
static int64_t pick_off(void)
{
	static const int64_t fixed[] = {
		0x18, 0x1c, 0x20, 0x100, 0x7fc, 0x7fd, 0x7fe, 0x7ff,
		BLOB_OFF, BLOB_OFF + 1, BLOB_OFF + 3, 0x1000, 0xffff,
		1LL << 20, 1LL << 31, (1LL << 32) + R_LINK,
		(1LL << 32) + BLOB_OFF, INT64_MAX, INT64_MAX - 3,
		-1, -4, -BLOB_OFF, INT64_MIN,
	};
	uint32_t max = max_size();

	switch (rnd(6)) {
	case 0:
		return rnd(REGS_SIZE + 4);
	case 1:
		return fixed[rnd(ARRAY_SIZE(fixed))];
	case 2:
		return BLOB_OFF + max - 4 + rnd(8);
	case 3:
		return BLOB_OFF + rnd(max);
	case 4:
		return rnd(BLOB_OFF + max + 64);
	default:
		return (int64_t)rnd64();
	}
}

/* Sizes worth trying: 0, around 4, around blocks and the window, huge. */
static uint64_t pick_len(void)
{
	static const uint64_t fixed[] = {
		0, 1, 2, 3, 4, 5, 7, 8, 16, 24, 127, 128, 129, 256,
		4096, BUF_SIZE, BUF_SIZE + 1, 1ULL << 31, INT64_MAX,
		(uint64_t)INT64_MAX + 1, UINT64_MAX,
	};
	uint32_t max = max_size();

	switch (rnd(5)) {
	case 0:
		return fixed[rnd(ARRAY_SIZE(fixed))];
	case 1:
		return max - 1 + rnd(3);
	case 2:
		return rnd(max + 16);
	default:
		return rnd(9);
	}
}

static void op_reg_read(void)
{
	access_region("register read", 4 * rnd(NREGS), 4, 0, 0);
}

static void op_ro_write(void)
{
	static const int64_t ro[] = {
		R_EDID_OFFSET, R_EDID_MAX, R_MAX_XRES, R_MAX_YRES,
	};
	int64_t off = ro[rnd(ARRAY_SIZE(ro))];
	uint32_t val = rnd(2) ? m.regs[off / 4] + 1 + rnd(8) : (uint32_t)rnd64();

	memcpy(io, &val, sizeof(val));
	access_region("read-only register write", off, 4, 1, 0);
}

static void op_size_write(void)
{
	uint32_t max = max_size();
	const uint32_t pick[] = {
		0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK, max - 1, max,
		max + 1, max + BLOCK, 0x7fffffff, 0x80000000, 0xffffffff,
	};
	uint32_t val;

	switch (rnd(3)) {
	case 0:
		val = pick[rnd(ARRAY_SIZE(pick))];
		break;
	case 1:
		val = BLOCK * (1 + rnd(max / BLOCK));
		break;
	default:
		val = rnd(2) ? rnd(max + 2) : (uint32_t)rnd64();
		break;
	}
	memcpy(io, &val, sizeof(val));
	access_region("edid_size write", R_EDID_SIZE, 4, 1, 0);
}

static void op_link_write(void)
{
	static const uint32_t garbage[] = {
		0, 3, 4, 0x100, 0x01000000, 0x02000000, 0x80000001, 0xffffffff,
	};
	uint32_t val;

	switch (rnd(8)) {
	case 0:
		val = garbage[rnd(ARRAY_SIZE(garbage))];
		break;
	case 1:
		val = (uint32_t)rnd64();
		break;
	default:
		val = rnd(2) ? LINK_UP : LINK_DOWN;
		break;
	}
	memcpy(io, &val, sizeof(val));
	access_region("link_state write", R_LINK, 4, 1, 0);
}

/* Anything at all: random offsets and sizes, reads and writes. */
static void op_edge(void)
{
	int64_t off = pick_off();
	uint64_t len = pick_len();
	int wr = rnd(2);

	if (wr)
		fill_random(io, len < BUF_SIZE ? len : BUF_SIZE);
	access_region(wr ? "write" : "read", off, len, wr, 0);
}

static void blob_range(uint32_t *pos, uint32_t *len)
{
	uint32_t max = max_size();

	*pos = rnd(4) ? rnd(max) : (rnd(2) ? 0 : max - 1 - rnd(8));
	switch (rnd(4)) {
	case 0:
		*len = max - *pos;
		break;
	case 1:
		*len = rnd(max - *pos + 1);
		break;
	default:
		*len = rnd(17) < max - *pos ? rnd(17) : max - *pos;
		break;
	}
}

static void op_blob_write(void)
{
	uint32_t pos, len;

	blob_range(&pos, &len);
	/* Sometimes pieces of a real EDID, so that fragments line up. */
	if (rnd(2)) {
		fill_random(io, len);
	} else {
		memcpy(io, edid + pos, len);
		if (len)
			io[rnd(len)] ^= 1 << rnd(8);
	}
	access_region("blob write", BLOB_OFF + pos, len, 1, 0);
}

static void op_blob_read(void)
{
	uint32_t pos, len;

	blob_range(&pos, &len);
	access_region("blob read", BLOB_OFF + pos, len, 0, 0);
}

/*
 * A valid EDID of @blocks blocks in edid[]: random bytes under the fixed
 * header, a random detailed timing first and matching checksums.
 */
static void build_edid(uint32_t blocks)
{
	uint8_t *d = edid + 54;
	uint32_t hact, vact, clock, i;

	fill_random(edid, blocks * BLOCK);
	memcpy(edid, edid_hdr, sizeof(edid_hdr));
	edid[126] = (uint8_t)(blocks - 1);
	clock = 1 + rnd(0xffff);
	hact = rnd(2) ? 640 + rnd(1400) : 1 + rnd(0xfff);
	vact = rnd(2) ? 480 + rnd(1000) : 1 + rnd(0xfff);
	d[0] = clock & 0xff;
	d[1] = clock >> 8;
	d[2] = hact & 0xff;
	d[4] = ((hact >> 8) << 4) | (d[4] & 0x0f);
	d[5] = vact & 0xff;
	d[7] = ((vact >> 8) << 4) | (d[7] & 0x0f);
	for (i = 0; i < blocks; i++)
		fix_sum(edid + i * BLOCK);
}

/* One random corruption, or none; returns the size to claim. */
static uint32_t corrupt_edid(uint32_t size)
{
	uint32_t i = rnd(size), blk = i / BLOCK * BLOCK, max = max_size();
	uint8_t *d = edid + 54;

	switch (rnd(14)) {
	case 0:
		edid[i] ^= 1 << rnd(8);
		break;
	case 1:
		/* Valid again unless it hit the header, count or timing. */
		edid[i] ^= 1 << rnd(8);
		fix_sum(edid + blk);
		break;
	case 2:
		edid[126] = (uint8_t)(edid[126] + 1 + rnd(255));
		fix_sum(edid);
		break;
	case 3:
		d[0] = 0;
		d[1] = 0;
		fix_sum(edid);
		break;
	case 4:
		if (rnd(2)) {
			d[2] = 0;
			d[4] &= 0x0f;
		} else {
			d[5] = 0;
			d[7] &= 0x0f;
		}
		fix_sum(edid);
		break;
	case 5:
		edid[rnd(sizeof(edid_hdr))] ^= 1 << rnd(8);
		fix_sum(edid);
		break;
	case 6:
		return rnd(2) ? size - 1 - rnd(BLOCK - 1) : size + 1 + rnd(BLOCK);
	case 7:
		return rnd(2) ? 0 : rnd(max + 1);
	case 8:
		return size + BLOCK <= max ? size + BLOCK : size - BLOCK;
	default:
		break;
	}
	return size;
}

/*
 * A mostly-valid EDID: take the link down (usually), write the blob and
 * its size, and try to bring the link up.
 */
static void op_load_edid(void)
{
	uint32_t max = max_size(), blocks, size, claim;

	switch (rnd(10)) {
	case 0:
		blocks = 1 + rnd(max / BLOCK);
		break;
	case 1:
	case 2:
		blocks = max >= 2 * BLOCK ? 2 : 1;
		break;
	default:
		blocks = 1;
		break;
	}
	size = blocks * BLOCK;
	build_edid(blocks);
	claim = rnd(3) ? size : corrupt_edid(size);

	if (link_up() && rnd(4)) {
		memcpy(io, &(uint32_t){ LINK_DOWN }, 4);
		access_region("link down before load", R_LINK, 4, 1, 0);
	}
	memcpy(io, edid, size);
	access_region("EDID blob write", BLOB_OFF, size, 1, 0);
	memcpy(io, &claim, sizeof(claim));
	access_region("EDID size write", R_EDID_SIZE, 4, 1, 0);
	memcpy(io, &(uint32_t){ LINK_UP }, 4);
	access_region("link up after load", R_LINK, 4, 1, 0);
}

/* lseek() (negative and huge too), then read() or write() there. */
static void op_seek(void)
{
	int whence = rnd(2) ? SEEK_SET : SEEK_CUR;
	int64_t off, want, got;
	uint64_t len;
	int wr;

	off = rnd(2) ? pick_off() : (int64_t)rnd(64) - 32;
	if (whence == SEEK_SET)
		want = off;
	else if (__builtin_add_overflow(m.pos, off, &want))
		return;
	if (want < 0)
		want = -EINVAL;
	got = lseek(region, off, whence);
	if (got < 0)
		got = -errno;
	record(whence == SEEK_SET ? "lseek SEEK_SET" : "lseek SEEK_CUR", off,
	       0, 0, got);
	st.seeks++;
	if (got != want) {
		violation("lseek(%lld, %s) returned %lld, want %lld",
			  (long long)off, whence == SEEK_SET ? "SEEK_SET" : "SEEK_CUR",
			  (long long)got, (long long)want);
		return;
	}
	if (got < 0) {
		st.seek_refused++;
		check_pos();
		return;
	}
	m.pos = got;
	len = rnd(2) ? pick_len() : rnd(9);
	wr = rnd(2);
	if (wr)
		fill_random(io, len < BUF_SIZE ? len : BUF_SIZE);
	access_region(wr ? "write at file position" : "read at file position",
		      0, len, wr, 1);
	check_pos();
}

/*
 * A "WxH" line for load_default or generate in @s.  Returns its length;
 * sets *@parses when the module's parser surely accepts it (then *@xres
 * and *@yres are its numbers) and *@garbage when we cannot tell.
 */
static size_t make_res(char *s, size_t room, int *parses, int *garbage,
		       uint32_t *xres, uint32_t *yres)
{
	static const uint32_t sides[] = {
		0, 1, 2, 16, 100, 479, 480, 639, 640, 1024, 1080, 1439, 1440,
		1441, 1919, 1920, 1921, 2160, 3840, 4095, 4096, 65535,
		0xffffffff,
	};
	static const char * const bad[] = {
		"", "\n", "x", "x\n", "1920", "1920\n", "x1080", "1920x",
		" 640x480", "640 x480", "640x 480", "640x480x", "640x480\n\n",
		"-640x480", "640x-480", "0x640x480", "4294967296x480",
		"640x4294967296", "0000000000000001920x1080\n",
		"1920x1080                 ", "0x1p4x1080", "abcxdef",
	};
	uint32_t pick = rnd(10);
	size_t len, i;

	*parses = 0;
	*garbage = 0;
	if (pick < 5) {
		*xres = rnd(2) ? GEN_SAFE_XMIN + rnd(GEN_SAFE_XMAX - GEN_SAFE_XMIN + 1) :
				 sides[rnd(ARRAY_SIZE(sides))];
		*yres = rnd(2) ? GEN_SAFE_YMIN + rnd(GEN_SAFE_YMAX - GEN_SAFE_YMIN + 1) :
				 sides[rnd(ARRAY_SIZE(sides))];
		*parses = 1;
		return snprintf(s, room, "%ux%u%s", *xres, *yres, rnd(4) ? "\n" : "");
	}
	if (pick < 8) {
		/* Each of these fails to parse: EINVAL. */
		i = rnd(ARRAY_SIZE(bad));
		len = strlen(bad[i]);
		memcpy(s, bad[i], len);
		return len;
	}
	/* Random bytes, mostly digits around an 'x'. */
	*garbage = 1;
	len = rnd(RES_LINE_MAX + 4);
	for (i = 0; i < len; i++)
		s[i] = rnd(4) ? "0123456789x\n+ "[rnd(14)] : (char)rnd(256);
	return len;
}

/*
 * What a "WxH" write should return: 0 for success, a negative errno, and
 * *@maybe set when both success and ERANGE are right (sizes near the
 * generator's limits, which we do not recompute).  @limit applies the
 * instance's maximum, as load_default does.
 */
static int64_t res_expect(int parses, uint32_t xres, uint32_t yres,
			  int limit, int *maybe)
{
	uint32_t maxx = m.regs[R_MAX_XRES / 4], maxy = m.regs[R_MAX_YRES / 4];

	*maybe = 0;
	if (!parses)
		return -EINVAL;
	if (limit && ((maxx && xres > maxx) || (maxy && yres > maxy)))
		return -EINVAL;
	if (!xres || !yres || xres > GEN_MAX_SIDE || yres > GEN_MAX_SIDE)
		return -ERANGE;
	if (xres >= GEN_SAFE_XMIN && xres <= GEN_SAFE_XMAX &&
	    yres >= GEN_SAFE_YMIN && yres <= GEN_SAFE_YMAX)
		return 0;
	*maybe = 1;
	return -ERANGE;
}

/* Does a "WxH" write's result agree with res_expect()? */
static int res_ok(int64_t got, size_t len, int garbage, int64_t want,
		  int maybe)
{
	if (got >= 0)
		return got == (int64_t)len && (garbage || maybe || !want);
	if (garbage)
		return got == -EINVAL || got == -ERANGE;
	return got == want;
}

/* A generated block: valid, one block, preferred mode as asked. */
static int gen_block_ok(const uint8_t *b, int parses, uint32_t xres,
			uint32_t yres, uint32_t *gx, uint32_t *gy)
{
	if (!edid_valid(b, BLOCK, gx, gy))
		return 0;
	return !parses || (*gx == xres && *gy == yres);
}

static void op_load_default(void)
{
	uint32_t xres = 0, yres = 0, gx = 0, gy = 0;
	char s[RES_LINE_MAX + 8];
	int parses, garbage, maybe;
	uint8_t b[BLOCK];
	int64_t want, got;
	size_t len;

	len = make_res(s, sizeof(s), &parses, &garbage, &xres, &yres);
	want = res_expect(parses, xres, yres, 1, &maybe);
	got = write(def_fd, s, len);
	if (got < 0)
		got = -errno;
	record("load_default write", 0, len, xres, got);
	need_ev_check = 1;
	if (!res_ok(got, len, garbage, want, maybe)) {
		violation("load_default \"%s\": want %s, got %s", esc(s, len),
			  want < 0 && !maybe ? errname(want) : "success",
			  got < 0 ? errname(got) : "success");
		return;
	}
	if (got < 0) {
		st.def_refused++;
		return;
	}
	st.def_ok++;
	/* The new blob is the generator's; take it, and check it. */
	if (pread(region, b, sizeof(b), BLOB_OFF) != sizeof(b)) {
		violation("reading the blob after load_default failed");
		return;
	}
	if (!gen_block_ok(b, parses, xres, yres, &gx, &gy)) {
		violation("load_default \"%s\" left a bad EDID or mode %ux%u",
			  esc(s, len), gx, gy);
		return;
	}
	if (link_up())
		push_event(0, 0, 0);
	push_event(1, clamp(gx, m.regs[R_MAX_XRES / 4]),
		   clamp(gy, m.regs[R_MAX_YRES / 4]));
	memcpy(m.blob, b, sizeof(b));
	m.regs[R_EDID_SIZE / 4] = BLOCK;
	m.regs[R_LINK / 4] = LINK_UP;
}

static void op_generate(void)
{
	uint32_t xres = 0, yres = 0, gx = 0, gy = 0;
	char s[RES_LINE_MAX + 8];
	int parses, garbage, maybe;
	uint8_t b[2 * BLOCK];
	int64_t want, got;
	ssize_t n;
	size_t len;

	len = make_res(s, sizeof(s), &parses, &garbage, &xres, &yres);
	want = res_expect(parses, xres, yres, 0, &maybe);
	got = write(gen_fd, s, len);
	if (got < 0)
		got = -errno;
	record("generate write", 0, len, xres, got);
	if (!res_ok(got, len, garbage, want, maybe)) {
		violation("generate \"%s\": want %s, got %s", esc(s, len),
			  want < 0 && !maybe ? errname(want) : "success",
			  got < 0 ? errname(got) : "success");
		return;
	}
	n = pread(gen_fd, b, sizeof(b), 0);
	if (got < 0) {
		st.gen_refused++;
		if (n != m.gen_len || (n > 0 && memcmp(b, m.gen, n)))
			violation("refused generate \"%s\" changed what generate reads",
				  esc(s, len));
		return;
	}
	st.gen_ok++;
	if (n != BLOCK || !gen_block_ok(b, parses, xres, yres, &gx, &gy)) {
		violation("generate \"%s\" reads back %zd bytes, "
			  "not a valid EDID of that mode (%ux%u)",
			  esc(s, len), n, gx, gy);
		return;
	}
	memcpy(m.gen, b, BLOCK);
	m.gen_len = BLOCK;
}

/* A whole small file; bytes read or -errno. */
static ssize_t read_path(const char *path, void *buf, size_t len)
{
	ssize_t n, total = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -errno;
	while ((size_t)total < len) {
		n = read(fd, (char *)buf + total, len - total);
		if (n <= 0) {
			total = n < 0 ? -errno : total;
			break;
		}
		total += n;
	}
	close(fd);
	return total;
}

/* The instance's own debugfs view, edid/state and edid/blob, agrees. */
static void op_view(void)
{
	static uint8_t b[EDID_MAX + 1];
	uint32_t size = m.regs[R_EDID_SIZE / 4];
	char want[256], got[512];
	size_t len;
	ssize_t n;

	len = snprintf(want, sizeof(want),
		       "link: %s\nedid_offset: %u\nedid_size: %u\n"
		       "edid_max_size: %u\nmax_xres: %u\nmax_yres: %u\n",
		       link_up() ? "up" : "down", m.regs[R_EDID_OFFSET / 4],
		       size, max_size(), m.regs[R_MAX_XRES / 4],
		       m.regs[R_MAX_YRES / 4]);
	if (link_up())
		snprintf(want + len, sizeof(want) - len, "mode: %ux%u\n",
			 m.mode_x, m.mode_y);
	st.views++;
	n = read_path(LB_DIR "/edid/state", got, sizeof(got) - 1);
	record("edid/state read", 0, sizeof(got) - 1, 0, n);
	if (n < 0) {
		violation("reading edid/state failed: %s", errname(n));
		return;
	}
	got[n] = '\0';
	if (strcmp(got, want)) {
		violation("edid/state is \"%s\", want \"%s\"", esc(got, n),
			  esc(want, strlen(want)));
		return;
	}
	n = read_path(LB_DIR "/edid/blob", b, sizeof(b));
	record("edid/blob read", 0, sizeof(b), 0, n);
	if (n != (ssize_t)size || memcmp(b, m.blob, size))
		violation("edid/blob read %s, not the %u bytes of the blob",
			  n < 0 ? errname(n) : "other bytes", size);
}

static void op_events(void)
{
	events_match(1);
}

/* Any write clears the events. */
static void op_events_clear(void)
{
	char s[8];
	size_t len = 1 + rnd(sizeof(s));
	ssize_t n;

	fill_random((uint8_t *)s, len);
	n = write(events_fd, s, len);
	record("events write", 0, len, 0, n < 0 ? -errno : n);
	if (n != (ssize_t)len) {
		violation("events write of %zu bytes returned %zd", len, n);
		return;
	}
	m.ev_first = 0;
	m.ev_count = 0;
}

static const struct fuzz_op op_table[] = {
	{ op_reg_read, 6 },
	{ op_ro_write, 4 },
	{ op_size_write, 8 },
	{ op_link_write, 10 },
	{ op_edge, 20 },
	{ op_blob_write, 12 },
	{ op_blob_read, 8 },
	{ op_load_edid, 12 },
	{ op_seek, 6 },
	{ op_load_default, 3 },
	{ op_generate, 3 },
	{ op_events, 1 },
	{ op_view, 1 },
	{ op_events_clear, 1 },
};

static void report_recent(void)
{
	unsigned long i = nrec > NREC ? nrec - NREC : 0;
	const struct rec *r;

	diag("last accesses before the violation, oldest first:");
	for (; i < nrec; i++) {
		r = &recent[i % NREC];
		diag("  %s: off %lld (0x%llx) len %llu val 0x%x -> %s", r->what,
		     (long long)r->off, (unsigned long long)r->off,
		     (unsigned long long)r->len, r->val,
		     r->ret < 0 ? errname(r->ret) : "ok");
	}
	diag("reproduce: vfio_edid_fuzz --seed %llu --ops %lu",
	     (unsigned long long)seed, bad_op);
}

static uint32_t ro_at_start[NREGS];

static int setup(char *why, size_t room)
{
	uint8_t b[2 * BLOCK];
	uint32_t max;
	ssize_t n;
	int i, ret;

	region = open(LB_DIR "/region", O_RDWR);
	events_fd = open(LB_DIR "/events", O_RDWR);
	def_fd = open(LB_DIR "/load_default", O_WRONLY);
	gen_fd = open(DBG_DIR "/generate", O_RDWR);
	if (region < 0 || events_fd < 0 || def_fd < 0 || gen_fd < 0) {
		snprintf(why, room, "cannot open the debugfs files: %s",
			 strerror(errno));
		return -1;
	}
	for (i = 0; i < NREGS; i++) {
		ret = reg_rd(4 * i, &m.regs[i]);
		if (ret) {
			snprintf(why, room, "reading register 0x%x: %s", 4 * i,
				 errname(ret));
			return -1;
		}
	}
	memcpy(ro_at_start, m.regs, sizeof(ro_at_start));
	max = max_size();
	if (m.regs[R_EDID_OFFSET / 4] != BLOB_OFF || max < BLOCK ||
	    max > EDID_MAX || max % BLOCK ||
	    (m.regs[R_LINK / 4] != LINK_UP && m.regs[R_LINK / 4] != LINK_DOWN) ||
	    m.regs[R_EDID_SIZE / 4] > max) {
		snprintf(why, room, "registers off the documented layout: "
			 "edid_offset 0x%x, edid_max_size %u, edid_size %u, link_state %u",
			 m.regs[0], max, m.regs[R_EDID_SIZE / 4],
			 m.regs[R_LINK / 4]);
		return -1;
	}
	if (pread(region, m.blob, max, BLOB_OFF) != max) {
		snprintf(why, room, "reading the blob failed");
		return -1;
	}
	m.pos = lseek(region, 0, SEEK_CUR);
	if (write(events_fd, "\n", 1) != 1) {
		snprintf(why, room, "clearing the events failed");
		return -1;
	}
	n = pread(gen_fd, b, sizeof(b), 0);
	if (n < 0 || n > BLOCK) {
		snprintf(why, room, "reading generate returned %zd", n);
		return -1;
	}
	memcpy(m.gen, b, n);
	m.gen_len = n;
	return 0;
}

/* Without the model: the region still works end to end. */
static int still_answers(char *why, size_t room)
{
	uint8_t b[BLOCK], back[BLOCK];
	char ev[4096], *last;
	uint32_t v;
	int i;

	memset(b, 0, sizeof(b));
	memcpy(b, edid_hdr, sizeof(edid_hdr));
	b[54] = 6500 & 0xff;		/* 65 MHz, 1024x768 */
	b[55] = 6500 >> 8;
	b[56] = 1024 & 0xff;
	b[58] = (1024 >> 8) << 4;
	b[59] = 768 & 0xff;
	b[61] = (768 >> 8) << 4;
	fix_sum(b);

	if (reg_wr(R_LINK, LINK_DOWN) || reg_rd(R_LINK, &v) || v != LINK_DOWN) {
		snprintf(why, room, "link down failed");
		return 0;
	}
	if (pwrite(region, b, sizeof(b), BLOB_OFF) != sizeof(b) ||
	    reg_wr(R_EDID_SIZE, sizeof(b))) {
		snprintf(why, room, "loading an EDID failed");
		return 0;
	}
	if (reg_wr(R_LINK, LINK_UP) || reg_rd(R_LINK, &v) || v != LINK_UP) {
		snprintf(why, room, "link up with a valid EDID failed");
		return 0;
	}
	if (pread(region, back, sizeof(back), BLOB_OFF) != sizeof(back) ||
	    memcmp(b, back, sizeof(b))) {
		snprintf(why, room, "the blob does not read back");
		return 0;
	}
	if (read_events(ev, sizeof(ev)) || !strchr(ev, '\n')) {
		snprintf(why, room, "no events after a link up");
		return 0;
	}
	ev[strlen(ev) - 1] = '\0';
	last = strrchr(ev, '\n');
	last = last ? last + 1 : ev;
	if (strcmp(last, "up 1024 768")) {
		snprintf(why, room, "last event is \"%s\"", last);
		return 0;
	}
	for (i = 0; i < NREGS; i++) {
		if (i == R_EDID_SIZE / 4 || i == R_LINK / 4)
			continue;
		if (reg_rd(4 * i, &v) || v != ro_at_start[i]) {
			snprintf(why, room, "read-only register 0x%x changed", 4 * i);
			return 0;
		}
	}
	if (reg_wr(R_LINK, LINK_DOWN)) {
		snprintf(why, room, "final link down failed");
		return 0;
	}
	return 1;
}

static int parse_args(int argc, char **argv)
{
	int i, ret;

	for (i = 1; i < argc; i++) {
		ret = fuzz_arg(argc, argv, &i);
		if (ret < 0)
			return -1;
		if (!ret) {
			fprintf(stderr, "usage: %s [--seed N] [--ops N]\n", argv[0]);
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	long page = sysconf(_SC_PAGESIZE);
	char why[512];
	double t0, secs;
	uint8_t *map;
	int ok;

	if (parse_args(argc, argv))
		return KSFT_FAIL;
	printf("TAP version 13\n");
	if (access(MOD_DIR, F_OK)) {
		printf("1..0 # SKIP vfio_edid is not loaded\n");
		return KSFT_SKIP;
	}
	printf("1..%d\n", NTESTS);

	/* An access beyond io[] faults instead of scribbling on our data. */
	map = mmap(NULL, BUF_SIZE + page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED || mprotect(map + BUF_SIZE, page, PROT_NONE)) {
		perror("mmap");
		return KSFT_FAIL;
	}
	io = map;
	rng = seed;
	build_edid(1);

	if (setup(why, sizeof(why))) {
		result(0, "fuzz setup: %s", why);
		while (num < NTESTS)
			result(0, "fuzz not run: setup failed");
		return KSFT_FAIL;
	}
	result(1, "fuzz setup: region at the documented layout "
	       "(edid_offset 0x%x, edid_max_size %u, max %ux%u)",
	       m.regs[0], max_size(), m.regs[R_MAX_XRES / 4],
	       m.regs[R_MAX_YRES / 4]);

	t0 = vb_now();
	for (op_no = 1; op_no <= nops && !broken; op_no++) {
		fuzz_one_op(op_table, ARRAY_SIZE(op_table));
		if (!broken)
			check_regs();
		if (!broken)
			check_blob();
		if (!broken && need_ev_check)
			events_match(1);
		need_ev_check = 0;
	}
	op_no--;
	if (!broken) {
		check_blob();
		check_pos();
	}
	secs = vb_now() - t0;
	diag("%lu ops, %lu region accesses in %.1f s: %.0f ops/s; checks: "
	     "%lu blob, %lu events, %lu edid/ view",
	     op_no, st.accesses, secs, secs > 0 ? op_no / secs : 0.0,
	     st.blob_checks, st.ev_checks, st.views);

	if (!fuzz_verdict()) {
		report_recent();
		/* Coverage of a cut-short run and a diverged model say nothing. */
		while (num < NTESTS - 1)
			printf("ok %d - fuzz coverage and events "
			       "# SKIP the fuzz stopped at op %lu\n", ++num, bad_op);
	} else {
		result(st.up_ok && st.up_refused,
		       "fuzz reached both link-up paths: %lu accepted, %lu refused",
		       st.up_ok, st.up_refused);
		result(st.ebusy && st.eperm && st.einval && st.vfs &&
		       st.seek_refused,
		       "fuzz reached every refusal: EBUSY %lu, EPERM %lu, "
		       "EINVAL %lu, by the VFS %lu, lseek %lu",
		       st.ebusy, st.eperm, st.einval, st.vfs, st.seek_refused);
		result(st.def_ok && st.def_refused && st.gen_ok && st.gen_refused,
		       "load_default accepted %lu, refused %lu; "
		       "generate accepted %lu, refused %lu",
		       st.def_ok, st.def_refused, st.gen_ok, st.gen_refused);
		ok = events_match(0);
		result(ok, "events match the model after the fuzz (%u events)",
		       m.ev_count);
	}
	ok = still_answers(why, sizeof(why));
	result(ok, "region still answers after the fuzz%s%s", ok ? "" : ": ",
	       ok ? "" : why);

	if (failed)
		diag("%d of %d tests failed", failed, num);
	return failed ? KSFT_FAIL : KSFT_PASS;
}
