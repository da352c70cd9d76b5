// SPDX-License-Identifier: GPL-2.0-only
/*
 * HAVE_AIRQ_HANDLER_TPI_INFO: an adapter-interrupt handler is called with
 * the interrupt's struct tpi_info (v5.17, for directed PCI interrupts);
 * before, with a bool that said whether the interrupt was floating.
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
static void vb_probe_handler(struct airq_struct *airq,
			     struct tpi_info *tpi_info)
{
}

void vb_probe(struct airq_struct *airq);
void vb_probe(struct airq_struct *airq)
{
	airq->handler = vb_probe_handler;
}
#endif
