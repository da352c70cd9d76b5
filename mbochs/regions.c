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
	unsigned long num = vma_pages(vma);

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
	 * video memory takes no faults; in batches, a page table lock per
	 * batch instead of per page, and from the page list made at creation
	 * (remap_vmalloc_range() walks the kernel page tables for each page
	 * and locks and maps one page at a time: 4096 for 16 MiB, a quarter
	 * of the first touch under `make bench`).  Like it, the mapping may
	 * not grow and is left out of core dumps.
	 */
	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	return vm_insert_pages(vma, vma->vm_start, s->vram_pages + pgoff, &num);
}
