/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim for <asm/cio.h> (s390): dma32_t and virt_to_dma32() for kernels
 * before the s390 DMA address types (v6.10), where channel programs held
 * 31-bit physical addresses in plain u32 fields.
 */
#ifndef _VB_ASM_CIO_H
#define _VB_ASM_CIO_H

#include_next <asm/cio.h>

#ifdef __KERNEL__
#include <vb_probes.h>

#ifndef HAVE_DMA32_T
#include <asm/page.h>

typedef u32 dma32_t;

static inline dma32_t virt_to_dma32(void *ptr)
{
	return (u32)__pa(ptr);
}
#endif
#endif /* __KERNEL__ */

#endif /* _VB_ASM_CIO_H */
