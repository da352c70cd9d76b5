// SPDX-License-Identifier: GPL-2.0-only
/*
 * HAVE_DMA32_T: s390 has the dma32_t type for 31-bit channel-I/O DMA
 * addresses (struct ccw1.cda) and virt_to_dma32(), from the s390 series
 * that introduced dma32_t/dma64_t (v6.10); before, cda was a plain __u32
 * holding the physical address.  Only asked on s390; everywhere else it fails.
 */
#include <linux/kconfig.h>
#ifdef CONFIG_S390
#include <asm/cio.h>
#endif

#ifndef VB_PROBE_SANITY
#ifndef CONFIG_S390
#error "s390 only"
#endif
dma32_t vb_probe(void *p);
dma32_t vb_probe(void *p)
{
	return virt_to_dma32(p);
}
#endif
