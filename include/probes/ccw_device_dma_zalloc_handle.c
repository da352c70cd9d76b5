// SPDX-License-Identifier: GPL-2.0-only
/*
 * HAVE_CCW_DEVICE_DMA_ZALLOC_HANDLE: ccw_device_dma_zalloc() returns the
 * DMA address through a third argument (dma32_t *), from the same s390
 * series as dma32_t (v6.10); before, the DMA address of the memory was
 * its physical address.  Only asked on s390; everywhere else it fails.
 */
#include <linux/kconfig.h>
#ifdef CONFIG_S390
#include <asm/ccwdev.h>
#include <asm/cio.h>
#endif

#ifndef VB_PROBE_SANITY
#ifndef CONFIG_S390
#error "s390 only"
#endif
void *vb_probe(struct ccw_device *cdev, dma32_t *handle);
void *vb_probe(struct ccw_device *cdev, dma32_t *handle)
{
	return ccw_device_dma_zalloc(cdev, 8, handle);
}
#endif
