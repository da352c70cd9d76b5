/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _VB_SHIM_LINUX_STRING_H
#define _VB_SHIM_LINUX_STRING_H
#include <string.h>
#endif
