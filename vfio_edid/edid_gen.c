// SPDX-License-Identifier: GPL-2.0-only
/*
 * Generator for a minimal EDID 1.4 base block describing one mode.
 *
 * The preferred (and only) timing follows VESA CVT with reduced blanking,
 * version 1, at 60 Hz.  It is computed for the exact requested size rather
 * than the 8-pixel cell grid CVT normally rounds to, because a guest
 * should be offered the size the host asked for.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/math64.h>
#include <linux/string.h>
#include <linux/types.h>

#include "edid.h"

/* CVT reduced blanking v1 constants. */
#define CVT_RB_MIN_VBLANK_US	460
#define CVT_RB_HBLANK		160
#define CVT_RB_HSYNC		32
#define CVT_RB_HFPORCH		48
#define CVT_RB_VFPORCH		3
#define CVT_RB_MIN_VBPORCH	6
#define CVT_CLOCK_STEP_HZ	250000

#define GEN_REFRESH		60
/* Detailed timings hold active and blanking sizes in 12 bits. */
#define DTD_MAX_12BIT		4095
/* ... and the pixel clock in 16 bits of 10 kHz; below 10 MHz is invalid. */
#define DTD_MIN_CLOCK_KHZ	10000
#define DTD_MAX_CLOCK_KHZ	(65535 * 10)
/* Range limits without the EDID 1.4 offset flags stop at 255 kHz. */
#define RANGE_MAX_HFREQ_KHZ	255
#define RANGE_MIN_VFREQ		50
#define RANGE_MAX_VFREQ		GEN_REFRESH
/*
 * Physical size is derived from an assumed 96 dpi, but never below 10 cm,
 * which conformance checkers treat as implausible.
 */
#define GEN_DPI			96
#define GEN_MIN_MM		100

#define DESC_SIZE		18
#define DESC_TAG_DUMMY		0x10
#define DESC_TAG_RANGE		0xfd
#define DESC_TAG_NAME		0xfc

static const char gen_default_name[] = "vfio-edid";
static const char gen_vendor[3] = { 'V', 'B', 'P' };

/*
 * sRGB primaries and D65 white point as 10-bit binary fractions, in the
 * order red x/y, green x/y, blue x/y, white x/y.
 */
static const u16 gen_chroma[8] = {
	655, 338, 307, 614, 154, 61, 320, 337
};

/* CVT signals the aspect ratio through the vertical sync width. */
static u32 cvt_vsync_lines(u32 x, u32 y)
{
	if (x * 3 == y * 4)
		return 4;
	if (x * 9 == y * 16)
		return 5;
	if (x * 10 == y * 16)
		return 6;
	if (x * 4 == y * 5 || x * 9 == y * 15)
		return 7;
	return 10;
}

/**
 * vfio_edid_cvt_rb() - CVT reduced blanking v1 timing for a mode
 * @xres: active width, at most 4095
 * @yres: active height, at most 4095
 * @refresh: field rate in Hz, 1 to 240
 * @mode: receives the timing
 *
 * Return: 0, or -ERANGE if the inputs are outside the supported range.
 */
int vfio_edid_cvt_rb(u32 xres, u32 yres, u32 refresh,
		     struct vfio_edid_mode *mode)
{
	u32 vsync, vbi, min_vbi;
	u64 hz;

	if (!xres || !yres || xres > DTD_MAX_12BIT || yres > DTD_MAX_12BIT ||
	    !refresh || refresh > 240)
		return -ERANGE;

	/*
	 * The spec estimates the line period from the frame period minus the
	 * minimum blanking time, then rounds the blanking time up to whole
	 * lines.  Written in integers: lines = 460us * yres * r / (1s - 460us * r).
	 */
	vbi = CVT_RB_MIN_VBLANK_US * yres * refresh /
	      (1000000 - CVT_RB_MIN_VBLANK_US * refresh) + 1;
	vsync = cvt_vsync_lines(xres, yres);
	min_vbi = CVT_RB_VFPORCH + vsync + CVT_RB_MIN_VBPORCH;
	if (vbi < min_vbi)
		vbi = min_vbi;

	mode->xres = xres;
	mode->yres = yres;
	mode->htotal = xres + CVT_RB_HBLANK;
	mode->vtotal = yres + vbi;
	hz = (u64)refresh * mode->vtotal * mode->htotal;
	mode->clock_khz = div_u64(hz, CVT_CLOCK_STEP_HZ) *
			  (CVT_CLOCK_STEP_HZ / 1000);
	return 0;
}

static u32 px_to_mm(u32 px)
{
	u32 mm = (px * 254 + GEN_DPI * 5) / (GEN_DPI * 10);

	return mm < GEN_MIN_MM ? GEN_MIN_MM : mm;
}

static void gen_put_dtd(u8 *d, const struct vfio_edid_mode *m, u32 vsync)
{
	u32 clock = m->clock_khz / 10;
	u32 hblank = m->htotal - m->xres;
	u32 vblank = m->vtotal - m->yres;
	u32 hmm = px_to_mm(m->xres);
	u32 vmm = px_to_mm(m->yres);

	d[0] = clock & 0xff;
	d[1] = clock >> 8;
	d[2] = m->xres & 0xff;
	d[3] = hblank & 0xff;
	d[4] = ((m->xres >> 8) << 4) | (hblank >> 8);
	d[5] = m->yres & 0xff;
	d[6] = vblank & 0xff;
	d[7] = ((m->yres >> 8) << 4) | (vblank >> 8);
	/* Sync offsets and widths all fit the low-bit fields. */
	d[8] = CVT_RB_HFPORCH;
	d[9] = CVT_RB_HSYNC;
	d[10] = (CVT_RB_VFPORCH << 4) | vsync;
	d[11] = 0;
	d[12] = hmm & 0xff;
	d[13] = vmm & 0xff;
	d[14] = ((hmm >> 8) << 4) | (vmm >> 8);
	d[15] = 0;
	d[16] = 0;
	/* Digital separate sync; reduced blanking uses +hsync, -vsync. */
	d[17] = 0x18 | 0x02;
}

static void gen_put_text(u8 *d, u8 tag, const char *text)
{
	size_t n = strlen(text);

	d[3] = tag;
	memcpy(d + 5, text, n);
	if (n < DESC_SIZE - 5) {
		d[5 + n] = '\n';
		memset(d + 6 + n, ' ', DESC_SIZE - 6 - n);
	}
}

static void gen_put_range(u8 *d, const struct vfio_edid_mode *m)
{
	u32 hmin = m->clock_khz / m->htotal;
	u32 hmax = (m->clock_khz + m->htotal - 1) / m->htotal;

	d[3] = DESC_TAG_RANGE;
	d[5] = RANGE_MIN_VFREQ;
	d[6] = RANGE_MAX_VFREQ;
	d[7] = hmin;
	d[8] = hmax;
	d[9] = (m->clock_khz + 9999) / 10000;
	/* Limits only; no GTF or CVT formula support is claimed. */
	d[10] = 0x01;
	d[11] = '\n';
	memset(d + 12, ' ', DESC_SIZE - 12);
}

static bool gen_name_ok(const char *name)
{
	size_t i, n = strlen(name);

	if (!n || n > EDID_NAME_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (name[i] < 0x20 || name[i] > 0x7e)
			return false;
	return true;
}

static void gen_put_chroma(u8 *p)
{
	int i;

	p[0] = 0;
	p[1] = 0;
	for (i = 0; i < 8; i++) {
		/* Two low bits are packed four to a byte, high bits follow. */
		p[i / 4] |= (gen_chroma[i] & 3) << (6 - 2 * (i % 4));
		p[2 + i] = gen_chroma[i] >> 2;
	}
}

/**
 * vfio_edid_generate() - build an EDID 1.4 base block for one mode
 * @buf: output buffer
 * @len: size of @buf, at least 128
 * @xres: preferred width
 * @yres: preferred height
 * @name: monitor name, 1 to 13 printable ASCII characters, or NULL for
 *	  a default
 *
 * The block carries a CVT reduced blanking timing at 60 Hz as its only
 * and preferred mode, matching range limits, the monitor name and sRGB
 * colorimetry.  No extension blocks are produced.
 *
 * Return: 128 (the number of bytes written), -EINVAL for a short buffer
 * or bad name, or -ERANGE if the mode cannot be expressed: a side of 0 or
 * above 4095, a pixel clock outside 10 to 655.35 MHz, or a line rate above
 * the 255 kHz that range limits can state.
 */
int vfio_edid_generate(u8 *buf, size_t len, u32 xres, u32 yres,
		       const char *name)
{
	struct vfio_edid_mode m;
	u16 vendor;
	u8 sum = 0;
	int i, ret;

	if (len < EDID_BLOCK_SIZE)
		return -EINVAL;
	if (!name)
		name = gen_default_name;
	if (!gen_name_ok(name))
		return -EINVAL;
	ret = vfio_edid_cvt_rb(xres, yres, GEN_REFRESH, &m);
	if (ret)
		return ret;
	if (m.htotal - m.xres > DTD_MAX_12BIT ||
	    m.vtotal - m.yres > DTD_MAX_12BIT ||
	    m.clock_khz < DTD_MIN_CLOCK_KHZ ||
	    m.clock_khz > DTD_MAX_CLOCK_KHZ ||
	    m.clock_khz > RANGE_MAX_HFREQ_KHZ * m.htotal)
		return -ERANGE;

	memset(buf, 0, EDID_BLOCK_SIZE);
	buf[1] = 0xff;
	memset(buf + 2, 0xff, 4);
	buf[6] = 0xff;

	vendor = ((gen_vendor[0] - 'A' + 1) << 10) |
		 ((gen_vendor[1] - 'A' + 1) << 5) |
		 (gen_vendor[2] - 'A' + 1);
	buf[8] = vendor >> 8;
	buf[9] = vendor & 0xff;
	/* Product code and serial stay zero; week 0, year 2024. */
	buf[17] = 2024 - 1990;
	buf[18] = 1;
	buf[19] = 4;
	/* Digital input, 8 bits per primary, DisplayPort. */
	buf[20] = 0xa5;
	buf[21] = (px_to_mm(xres) + 5) / 10;
	buf[22] = (px_to_mm(yres) + 5) / 10;
	/* Gamma 2.2. */
	buf[23] = 220 - 100;
	/* sRGB default colour space, preferred mode is the native one. */
	buf[24] = 0x04 | 0x02;
	gen_put_chroma(buf + 25);
	/* No established timings; all eight standard timings unused. */
	for (i = 38; i < 54; i++)
		buf[i] = 0x01;

	gen_put_dtd(buf + 54, &m, cvt_vsync_lines(xres, yres));
	gen_put_range(buf + 54 + DESC_SIZE, &m);
	gen_put_text(buf + 54 + 2 * DESC_SIZE, DESC_TAG_NAME, name);
	buf[54 + 3 * DESC_SIZE + 3] = DESC_TAG_DUMMY;

	for (i = 0; i < EDID_BLOCK_SIZE - 1; i++)
		sum += buf[i];
	buf[EDID_BLOCK_SIZE - 1] = 0x100 - sum;
	return EDID_BLOCK_SIZE;
}
EXPORT_SYMBOL_GPL(vfio_edid_generate);
