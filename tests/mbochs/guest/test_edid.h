/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The EDID the mbochs guest programs write into the EDID region: valid, so
 * that a driver which checks the blob before it brings the link up (ours
 * does, through vfio_edid) accepts it.
 */
#ifndef TEST_EDID_H
#define TEST_EDID_H

#include <stdint.h>
#include <string.h>

/* A valid EDID 1.4 base block: one 800x600@60 detailed timing. */
static void make_edid(uint8_t e[128])
{
	static const uint8_t head[] = {
		0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00,
		0x59, 0x54,		/* manufacturer "VBT" */
		0x01, 0x00,		/* product */
		0x00, 0x00, 0x00, 0x00,	/* serial */
		0x01, 0x24,		/* week 1, 2026 */
		0x01, 0x04,		/* EDID 1.4 */
		0xa5,			/* digital, 8 bpc, DisplayPort */
		0x20, 0x18,		/* 32 x 24 cm */
		0x78,			/* gamma 2.2 */
		0x06,			/* RGB 4:4:4, preferred mode native */
	};
	static const uint8_t dtd[] = {
		0xa0, 0x0f,		/* 40.00 MHz */
		0x20, 0x00, 0x30,	/* 800 active, 256 blank */
		0x58, 0x1c, 0x20,	/* 600 active, 28 blank */
		0x28, 0x80, 0x14, 0x00,	/* hsync 40+128, vsync 1+4 */
		0x40, 0xf0, 0x10,	/* 320 x 240 mm */
		0x00, 0x00,		/* no border */
		0x1e,			/* digital separate, +h +v */
	};
	unsigned int i, sum = 0;

	memset(e, 0, 128);
	memcpy(e, head, sizeof(head));
	/* 25..34: chromaticity (sRGB) */
	memcpy(e + 25, "\xee\x91\xa3\x54\x4c\x99\x26\x0f\x50\x54", 10);
	/* 35..37 established timings: 800x600@60 */
	e[36] = 0x40;
	/* 38..53 standard timings: unused */
	for (i = 38; i < 54; i++)
		e[i] = 0x01;
	memcpy(e + 54, dtd, sizeof(dtd));
	/* Descriptors 2..4: dummy (tag 0x10). */
	for (i = 72; i < 126; i += 18)
		e[i + 3] = 0x10;
	for (i = 0; i < 127; i++)
		sum += e[i];
	e[127] = (uint8_t)(256 - sum % 256);
}

#endif /* TEST_EDID_H */
