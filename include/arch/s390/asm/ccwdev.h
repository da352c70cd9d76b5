/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim for <asm/ccwdev.h> (s390): the three-argument
 * ccw_device_dma_zalloc(cdev, size, &dma_handle) of v6.10 and later, for
 * kernels whose version takes two and whose DMA address of the memory is
 * its physical address.
 */
#ifndef _VB_ASM_CCWDEV_H
#define _VB_ASM_CCWDEV_H

#include_next <asm/ccwdev.h>

#ifdef __KERNEL__
#include <vb_probes.h>

#ifndef HAVE_CCW_DEVICE_DMA_ZALLOC_HANDLE
#include <asm/cio.h>

static inline void *vb_ccw_device_dma_zalloc(struct ccw_device *cdev,
					     size_t size, dma32_t *dma_handle)
{
	void *p = ccw_device_dma_zalloc(cdev, size);

	if (p && dma_handle)
		*dma_handle = virt_to_dma32(p);
	return p;
}

#define ccw_device_dma_zalloc(cdev, size, dma_handle) \
	vb_ccw_device_dma_zalloc(cdev, size, dma_handle)
#endif
#endif /* __KERNEL__ */

#endif /* _VB_ASM_CCWDEV_H */
