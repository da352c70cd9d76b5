/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim for <linux/module.h>: MODULE_IMPORT_NS() in its v6.13 form, which
 * takes a string literal ("DMA_BUF").  Older kernels stringify a bare
 * identifier; both forms end up as the same "import_ns=DMA_BUF" modinfo
 * tag, which is all modpost and the module loader read.  Importing a
 * namespace that a kernel does not have (dma-buf symbols were moved into
 * DMA_BUF in v5.16) is harmless: only used symbols are checked.
 */
#ifndef _VB_LINUX_MODULE_H
#define _VB_LINUX_MODULE_H

#include_next <linux/module.h>

#include <vb_probes.h>

#ifdef HAVE_MODULE_IMPORT_NS_IDENTIFIER
#undef MODULE_IMPORT_NS
#define MODULE_IMPORT_NS(ns)	MODULE_INFO(import_ns, ns)
#endif

#endif /* _VB_LINUX_MODULE_H */
