// SPDX-License-Identifier: GPL-2.0-only
/*
 * HAVE_VM_FLAGS_SET: vm_flags_set() sets flags of a VMA.  v6.3 ("mm:
 * introduce vma->vm_flags wrapper functions") added it and made vm_flags
 * read-only outside the mm core; before it, drivers OR'ed the flags in
 * directly (absent from 6.1, present in 6.12 and 7.2).
 */
#include <linux/mm.h>

#ifndef VB_PROBE_SANITY
void vb_probe(struct vm_area_struct *vma);
void vb_probe(struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
}
#endif
