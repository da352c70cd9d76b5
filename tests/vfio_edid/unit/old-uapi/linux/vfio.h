/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for a VFIO uapi header from before the GFX additions: only the
 * ioctl base the shim builds on.  Used by uapi_test.c.
 */
#ifndef _VB_OLD_UAPI_VFIO_H
#define _VB_OLD_UAPI_VFIO_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define VFIO_TYPE	(';')
#define VFIO_BASE	100

#endif
