/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim for <linux/mm.h>: vm_flags_set(), which v6.3 added when it made
 * vm_flags read-only outside the mm core, for kernels that predate it.
 */
#ifndef _VB_LINUX_MM_H
#define _VB_LINUX_MM_H

#include_next <linux/mm.h>

#include <vb_probes.h>

#ifndef HAVE_VM_FLAGS_SET
static inline void vm_flags_set(struct vm_area_struct *vma,
				vm_flags_t flags)
{
	vma->vm_flags |= flags;
}
#endif

#endif /* _VB_LINUX_MM_H */
