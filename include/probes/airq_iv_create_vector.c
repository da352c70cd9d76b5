// SPDX-License-Identifier: GPL-2.0-only
/*
 * HAVE_AIRQ_IV_CREATE_VECTOR: airq_iv_create() takes a third argument, a
 * caller-provided bit vector (NULL: allocate one), added in v5.17 for the
 * s390 PCI interrupt rework; before, it took only the bit count and flags.
 * Only asked on s390; everywhere else it fails.
 */
#include <linux/kconfig.h>
#ifdef CONFIG_S390
/* (asm/airq.h is not self-contained: bit_spinlock.h needs cpu_relax.) */
#include <linux/processor.h>
#include <asm/airq.h>
#endif

#ifndef VB_PROBE_SANITY
#ifndef CONFIG_S390
#error "s390 only"
#endif
struct airq_iv *vb_probe(void);
struct airq_iv *vb_probe(void)
{
	return airq_iv_create(64, AIRQ_IV_ALLOC, NULL);
}
#endif
