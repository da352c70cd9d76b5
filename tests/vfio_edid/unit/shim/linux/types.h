/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace stand-in for the kernel types the pure EDID code uses. */
#ifndef _VB_SHIM_LINUX_TYPES_H
#define _VB_SHIM_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

#endif
