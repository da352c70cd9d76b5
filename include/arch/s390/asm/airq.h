/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim for <asm/airq.h> (s390): the three-argument airq_iv_create(bits,
 * flags, vector) of v5.17 and later, for kernels whose version takes two
 * and always allocates the bit vector itself.  Only a NULL vector (let
 * the airq core allocate) can be had there.
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
#endif /* __KERNEL__ */

#endif /* _VB_ASM_AIRQ_H */
