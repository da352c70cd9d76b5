/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _VB_SHIM_LINUX_EXPORT_H
#define _VB_SHIM_LINUX_EXPORT_H
#define EXPORT_SYMBOL_GPL(sym) extern int vb_shim_export_##sym
#endif
