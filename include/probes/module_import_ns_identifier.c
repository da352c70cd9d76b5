// SPDX-License-Identifier: GPL-2.0-only
/*
 * HAVE_MODULE_IMPORT_NS_IDENTIFIER: MODULE_IMPORT_NS() takes a bare
 * identifier and stringifies it.  v6.13 (commit cdd30ebb1b9f "module:
 * Convert symbol namespace to string literal") made it take a string
 * literal instead, so the identifier form no longer compiles (present in
 * 5.10, 6.1 and 6.12; absent from 7.2).
 */
#include <linux/module.h>

#ifndef VB_PROBE_SANITY
MODULE_IMPORT_NS(DMA_BUF);
#endif
