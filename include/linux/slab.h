/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: the typed allocator kzalloc_obj(), new in the 7.x series (absent
 * from 6.12, present in 7.2), for kernels that predate it.
 */
#ifndef _VB_LINUX_SLAB_H
#define _VB_LINUX_SLAB_H

#include_next <linux/slab.h>

#ifndef kzalloc_obj
#define kzalloc_obj(P, GFP) \
	({ typeof(P) *__vb_p = kzalloc(sizeof(P), GFP); __vb_p; })
#endif

#endif /* _VB_LINUX_SLAB_H */
