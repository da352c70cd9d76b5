/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _VB_SHIM_LINUX_ERRNO_H
#define _VB_SHIM_LINUX_ERRNO_H
/* The installed uapi header has the same numbers as the kernel. */
#include_next <linux/errno.h>
#endif
