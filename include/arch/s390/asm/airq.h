/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim for <asm/airq.h> (s390), for kernels before v5.17:
 *  - the three-argument airq_iv_create(bits, flags, vector), where the
 *    kernel's takes two and always allocates the bit vector itself (only
 *    a NULL vector, "let the airq core allocate", can be had there);
 *  - handlers take a struct tpi_info *; where the kernel passes a bool
 *    (floating) instead, VB_DEFINE_AIRQ_HANDLER(fn) defines an adapter
 *    that calls fn with NULL, and VB_AIRQ_HANDLER(fn) names whichever
 *    function airq_struct.handler must point to.
 */
#ifndef _VB_ASM_AIRQ_H
#define _VB_ASM_AIRQ_H

#include_next <asm/airq.h>

#ifdef __KERNEL__
#include <vb_probes.h>

#ifndef HAVE_AIRQ_IV_CREATE_VECTOR
static inline struct airq_iv *vb_airq_iv_create(unsigned long bits,
						unsigned long flags,
						unsigned long *vector)
{
	if (vector)
		return NULL;
	return airq_iv_create(bits, flags);
}

#define airq_iv_create(bits, flags, vector) \
	vb_airq_iv_create(bits, flags, vector)
#endif

#ifndef HAVE_AIRQ_HANDLER_TPI_INFO
struct tpi_info;

#define VB_DEFINE_AIRQ_HANDLER(fn)					\
static void fn##_vb_floating(struct airq_struct *airq, bool floating)	\
{									\
	fn(airq, NULL);							\
}

#define VB_AIRQ_HANDLER(fn) fn##_vb_floating
#else
#define VB_DEFINE_AIRQ_HANDLER(fn)
#define VB_AIRQ_HANDLER(fn) fn
#endif
#endif /* __KERNEL__ */

#endif /* _VB_ASM_AIRQ_H */
