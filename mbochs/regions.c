// SPDX-License-Identifier: GPL-2.0-only
/*
 * Regions and the data path: what VFIO_DEVICE_GET_REGION_INFO reports, and
 * read(), write() and mmap() on the device fd.
 */
#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "mbochs.h"

static struct mbochs_state *to_mbochs(struct vfio_device *vdev)
{
	return container_of(vdev, struct mbochs_state, vdev);
}

/**
 * mbochs_get_region_info_caps() - describe one region
 * @vdev: device
 * @info: in: index; out: everything but argsz and cap_offset
 * @caps: capability chain to append to
 *
 * Return: 0 or a negative errno.
 */
int mbochs_get_region_info_caps(struct vfio_device *vdev,
				struct vfio_region_info *info,
				struct vfio_info_cap *caps)
{
	struct mbochs_state *s = to_mbochs(vdev);
	const u32 rw = VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE;

	if (info->index >= MBOCHS_NUM_REGIONS)
		return -EINVAL;

	info->offset = MBOCHS_INDEX_TO_OFFSET(info->index);
	info->size = 0;
	info->flags = 0;

	switch (info->index) {
	case VFIO_PCI_CONFIG_REGION_INDEX:
		info->size = MBOCHS_CONFIG_SIZE;
		info->flags = rw;
		break;
	case VFIO_PCI_BAR0_REGION_INDEX:
		info->size = s->vram_size;
		info->flags = rw | VFIO_REGION_INFO_FLAG_MMAP;
		break;
	case VFIO_PCI_BAR2_REGION_INDEX:
		info->size = MBOCHS_MMIO_SIZE;
		info->flags = rw;
		break;
	case MBOCHS_EDID_REGION_INDEX:
		return vfio_edid_region_info(s->edid, info, caps);
	}
	return 0;
}

/* BAR0 is plain memory: no lock, the guest owns its contents. */
static ssize_t vram_rw(struct mbochs_state *s, char __user *buf,
		       size_t count, loff_t off, bool write)
{
	unsigned long left;

	if (off < 0 || off >= s->vram_size || count > s->vram_size - off)
		return -EINVAL;

	if (write)
		left = copy_from_user(s->vram + off, buf, count);
	else
		left = copy_to_user(buf, s->vram + off, count);
	return left ? -EFAULT : count;
}

static ssize_t mbochs_rw(struct mbochs_state *s, char __user *buf,
			 size_t count, loff_t *ppos, bool write)
{
	u64 index = MBOCHS_OFFSET_TO_INDEX((u64)*ppos);
	loff_t off = *ppos & MBOCHS_OFFSET_MASK;
	ssize_t ret;

	if (*ppos < 0)
		return -EINVAL;

	switch (index) {
	case VFIO_PCI_CONFIG_REGION_INDEX:
		ret = mbochs_config_rw(s, buf, count, off, write);
		break;
	case VFIO_PCI_BAR0_REGION_INDEX:
		ret = vram_rw(s, buf, count, off, write);
		break;
	case VFIO_PCI_BAR2_REGION_INDEX:
		ret = mbochs_mmio_rw(s, buf, count, off, write);
		break;
	case MBOCHS_EDID_REGION_INDEX:
		ret = vfio_edid_region_rw(s->edid, buf, count, off, write);
		break;
	default:
		return -EINVAL;
	}
	if (ret > 0)
		*ppos += ret;
	return ret;
}

ssize_t mbochs_read(struct vfio_device *vdev, char __user *buf,
		    size_t count, loff_t *ppos)
{
	return mbochs_rw(to_mbochs(vdev), buf, count, ppos, false);
}

ssize_t mbochs_write(struct vfio_device *vdev, const char __user *buf,
		     size_t count, loff_t *ppos)
{
	/* The write paths only read from @buf. */
	return mbochs_rw(to_mbochs(vdev), (char __user *)buf, count, ppos,
			 true);
}

/* What vram_pte_set() needs to find the page behind a user address. */
struct vram_map {
	struct mm_struct *mm;
	unsigned long start;
	struct page **pages;
	pgprot_t prot;
};

/*
 * Called by apply_to_page_range() with the page table lock held.  Special:
 * the mm takes no reference on the page and does not count it in the rmap;
 * the pages belong to the device until its release, which comes after the
 * last mapping is gone (each one holds the device file open).
 */
static int vram_pte_set(pte_t *pte, unsigned long addr, void *data)
{
	struct vram_map *m = data;
	struct page *page = m->pages[(addr - m->start) >> PAGE_SHIFT];

	set_pte_at(m->mm, addr, pte,
		   pte_mkspecial(pfn_pte(page_to_pfn(page), m->prot)));
	return 0;
}

/**
 * mbochs_mmap() - map video memory (BAR0) into userspace
 * @vdev: device
 * @vma: a shared mapping inside BAR0
 *
 * Return: 0 or a negative errno.
 */
int mbochs_mmap(struct vfio_device *vdev, struct vm_area_struct *vma)
{
	struct mbochs_state *s = to_mbochs(vdev);
	unsigned int shift = MBOCHS_OFFSET_SHIFT - PAGE_SHIFT;
	unsigned long pgoff = vma->vm_pgoff & (BIT_ULL(shift) - 1);
	struct vram_map m;

	/* Work in pages: the byte offset may not fit in 64 bits. */
	if (vma->vm_pgoff >> shift != VFIO_PCI_BAR0_REGION_INDEX)
		return -EINVAL;
	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	if (pgoff >= s->vram_size >> PAGE_SHIFT ||
	    vma_pages(vma) > (s->vram_size >> PAGE_SHIFT) - pgoff)
		return -EINVAL;

	/*
	 * The whole mapping is filled now, so the guest's first touch of
	 * video memory takes no faults, in one walk of the page tables from
	 * the page list made at creation.  Not vm_insert_pages(): it takes a
	 * reference and an rmap count for each page, which made its mmap() of
	 * 16 MiB three times as slow under `make bench` (1.5 ms against
	 * 0.5).  Not remap_pfn_range() per physical run: vmalloc pages come
	 * in short runs, and for a run that is not the whole VMA x86 looks up
	 * the memory type of every page (3.6 ms).  As a PFN map, the mapping
	 * may not grow, is left out of core dumps, and get_user_pages()
	 * refuses it (so does vfio type1 for page-backed PFNs), so nothing
	 * outside the device ever holds the pages.
	 */
	vm_flags_set(vma, VM_PFNMAP | VM_IO | VM_DONTEXPAND | VM_DONTDUMP);
	m.mm = vma->vm_mm;
	m.start = vma->vm_start;
	m.pages = s->vram_pages + pgoff;
	m.prot = vma->vm_page_prot;
	return apply_to_page_range(vma->vm_mm, vma->vm_start,
				   vma->vm_end - vma->vm_start,
				   vram_pte_set, &m);
}
