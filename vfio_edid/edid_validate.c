// SPDX-License-Identifier: GPL-2.0-only
/*
 * Structural EDID checks and extraction of the preferred mode.
 *
 * Only what a vGPU needs before it trusts a blob supplied by userspace:
 * the blob must be a whole number of intact blocks and block 0 must start
 * with a detailed timing, which EDID 1.3 and 1.4 require to be the
 * preferred mode.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/string.h>
#include <linux/types.h>

#include "edid.h"

#define EDID_EXT_COUNT		126
#define EDID_FIRST_DESC		54

static const u8 edid_header[8] = {
	0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00
};

static bool edid_block_sum_ok(const u8 *block)
{
	u8 sum = 0;
	int i;

	for (i = 0; i < EDID_BLOCK_SIZE; i++)
		sum += block[i];
	return sum == 0;
}

/*
 * An 18-byte descriptor with a non-zero pixel clock is a detailed timing;
 * anything else is a display descriptor.
 */
static int edid_parse_dtd(const u8 *d, struct vfio_edid_mode *mode)
{
	u32 clock = d[0] | (d[1] << 8);
	u32 hact = d[2] | ((d[4] & 0xf0) << 4);
	u32 hblank = d[3] | ((d[4] & 0x0f) << 8);
	u32 vact = d[5] | ((d[7] & 0xf0) << 4);
	u32 vblank = d[6] | ((d[7] & 0x0f) << 8);

	if (!clock || !hact || !vact)
		return -EINVAL;

	mode->xres = hact;
	mode->yres = vact;
	mode->clock_khz = clock * 10;
	mode->htotal = hact + hblank;
	mode->vtotal = vact + vblank;
	/* Interlaced timings describe one field; report the frame. */
	if (d[17] & 0x80) {
		mode->yres *= 2;
		mode->vtotal *= 2;
	}
	return 0;
}

/**
 * vfio_edid_validate() - check an EDID blob and find its preferred mode
 * @blob: the EDID bytes
 * @size: number of bytes in @blob that are meant to be the EDID
 * @pref: if not NULL, receives the preferred mode on success
 * @why: if not NULL, receives a static string naming the first problem
 *
 * Checks that @size is a non-zero multiple of 128 no larger than 256
 * blocks, that block 0 starts with the fixed header, that every block's
 * bytes sum to zero, that the extension count in byte 126 matches @size,
 * and that the first descriptor of block 0 is a detailed timing.
 *
 * Return: 0 if the blob is usable, -EINVAL otherwise.
 */
int vfio_edid_validate(const u8 *blob, size_t size,
		       struct vfio_edid_mode *pref, const char **why)
{
	struct vfio_edid_mode mode;
	const char *msg;
	size_t blocks, i;

	if (!size) {
		msg = "empty";
		goto bad;
	}
	if (size % EDID_BLOCK_SIZE) {
		msg = "size not a multiple of 128";
		goto bad;
	}
	blocks = size / EDID_BLOCK_SIZE;
	if (blocks > EDID_MAX_BLOCKS) {
		msg = "more than 256 blocks";
		goto bad;
	}
	if (memcmp(blob, edid_header, sizeof(edid_header))) {
		msg = "bad header";
		goto bad;
	}
	for (i = 0; i < blocks; i++) {
		if (!edid_block_sum_ok(blob + i * EDID_BLOCK_SIZE)) {
			msg = i ? "bad checksum in extension block" :
				  "bad checksum in block 0";
			goto bad;
		}
	}
	if (blob[EDID_EXT_COUNT] != blocks - 1) {
		msg = "extension count does not match size";
		goto bad;
	}
	if (edid_parse_dtd(blob + EDID_FIRST_DESC, &mode)) {
		msg = "no preferred detailed timing";
		goto bad;
	}

	if (pref)
		*pref = mode;
	if (why)
		*why = NULL;
	return 0;

bad:
	if (why)
		*why = msg;
	return -EINVAL;
}
EXPORT_SYMBOL_GPL(vfio_edid_validate);
