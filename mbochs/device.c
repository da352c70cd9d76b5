// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device model: PCI config space and the BAR2 MMIO registers of a
 * bochs-display (EDID window, dispi interface, QEMU extended registers).
 */
#include <linux/kernel.h>
#include <linux/pci_ids.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "mbochs.h"

#define MBOCHS_VENDOR_ID		0x1234
#define MBOCHS_DEVICE_ID		0x1111
#define MBOCHS_SUBVENDOR_ID		0x1af4	/* Red Hat / Qumranet */
#define MBOCHS_SUBDEVICE_ID		0x1100	/* QEMU */

/* BAR2 layout, as QEMU's bochs-display has it */
#define MMIO_EDID_BASE			0x000
#define MMIO_EDID_SIZE			0x400
#define MMIO_DISPI_BASE			0x500
#define MMIO_DISPI_SIZE			(VBE_DISPI_INDEX_COUNT * 2)
#define MMIO_QEXT_BASE			0x600
#define MMIO_QEXT_REG_SIZE		0x600
#define MMIO_QEXT_BYTEORDER		0x604
#define MMIO_QEXT_SIZE			8
#define QEXT_LITTLE_ENDIAN		0x1e1e1e1e

/* Config space and registers are little endian whatever the host is. */
static void put_le16(u16 val, u8 *p)
{
	p[0] = val;
	p[1] = val >> 8;
}

static void put_le32(u32 val, u8 *p)
{
	put_le16(val, p);
	put_le16(val >> 16, p + 2);
}

static u16 get_le16(const u8 *p)
{
	return p[0] | p[1] << 8;
}

static void config_set16(struct mbochs_state *s, unsigned int off, u16 val,
			 u16 wmask)
{
	put_le16(val, &s->config[off]);
	put_le16(wmask, &s->config_wmask[off]);
}

static void config_set32(struct mbochs_state *s, unsigned int off, u32 val,
			 u32 wmask)
{
	put_le32(val, &s->config[off]);
	put_le32(wmask, &s->config_wmask[off]);
}

/*
 * A 32-bit memory BAR of a power-of-two size: the guest may change only the
 * address bits above the size, so writing all ones reads back the size mask.
 */
static void config_set_bar(struct mbochs_state *s, unsigned int off,
			   u32 size, u32 flags)
{
	config_set32(s, off, flags, ~(size - 1) & PCI_BASE_ADDRESS_MEM_MASK);
}

static void mbochs_config_reset(struct mbochs_state *s)
{
	memset(s->config, 0, sizeof(s->config));
	memset(s->config_wmask, 0, sizeof(s->config_wmask));

	config_set16(s, PCI_VENDOR_ID, MBOCHS_VENDOR_ID, 0);
	config_set16(s, PCI_DEVICE_ID, MBOCHS_DEVICE_ID, 0);
	config_set16(s, PCI_COMMAND, 0,
		     PCI_COMMAND_MEMORY | PCI_COMMAND_INTX_DISABLE);
	s->config[PCI_REVISION_ID] = 0x01;
	config_set16(s, PCI_CLASS_DEVICE, PCI_CLASS_DISPLAY_OTHER, 0);
	config_set16(s, PCI_SUBSYSTEM_VENDOR_ID, MBOCHS_SUBVENDOR_ID, 0);
	config_set16(s, PCI_SUBSYSTEM_ID, MBOCHS_SUBDEVICE_ID, 0);

	config_set_bar(s, PCI_BASE_ADDRESS_0, s->vram_size,
		       PCI_BASE_ADDRESS_SPACE_MEMORY |
		       PCI_BASE_ADDRESS_MEM_TYPE_32 |
		       PCI_BASE_ADDRESS_MEM_PREFETCH);
	config_set_bar(s, PCI_BASE_ADDRESS_2, MBOCHS_MMIO_SIZE,
		       PCI_BASE_ADDRESS_SPACE_MEMORY |
		       PCI_BASE_ADDRESS_MEM_TYPE_32);

	/* Firmware and the guest record the routing here; nothing uses it. */
	s->config_wmask[PCI_INTERRUPT_LINE] = 0xff;
}

static void mbochs_dispi_reset(struct mbochs_state *s)
{
	memset(s->dispi, 0, sizeof(s->dispi));
	s->dispi[VBE_DISPI_INDEX_ID] = VBE_DISPI_ID5;
	s->dispi[VBE_DISPI_INDEX_VIDEO_MEMORY_64K] = s->vram_size / SZ_64K;
}

/**
 * mbochs_reset() - put config space and the display registers in their
 *	power-on state
 * @s: device
 *
 * The EDID and the link state belong to the monitor and are kept.
 */
void mbochs_reset(struct mbochs_state *s)
{
	mutex_lock(&s->lock);
	mbochs_config_reset(s);
	mbochs_dispi_reset(s);
	mutex_unlock(&s->lock);
}

/**
 * mbochs_config_rw() - access the PCI config space region
 * @s: device
 * @buf: user buffer
 * @count: bytes
 * @off: offset in config space
 * @write: true for a write
 *
 * Any access inside config space is allowed.  A write changes only the bits
 * the guest may change and drops the rest silently, as hardware does.
 *
 * Return: @count or a negative errno.
 */
ssize_t mbochs_config_rw(struct mbochs_state *s, char __user *buf,
			 size_t count, loff_t off, bool write)
{
	u8 tmp[MBOCHS_CONFIG_SIZE];
	size_t i;

	if (off < 0 || off >= MBOCHS_CONFIG_SIZE ||
	    count > MBOCHS_CONFIG_SIZE - off)
		return -EINVAL;

	if (write) {
		if (copy_from_user(tmp, buf, count))
			return -EFAULT;
		mutex_lock(&s->lock);
		for (i = 0; i < count; i++) {
			u8 m = s->config_wmask[off + i];

			s->config[off + i] = (s->config[off + i] & ~m) |
					     (tmp[i] & m);
		}
		mutex_unlock(&s->lock);
		return count;
	}

	mutex_lock(&s->lock);
	memcpy(tmp, &s->config[off], count);
	mutex_unlock(&s->lock);
	if (copy_to_user(buf, tmp, count))
		return -EFAULT;
	return count;
}

static u16 dispi_read(struct mbochs_state *s, unsigned int index)
{
	u32 xres, yres;

	if (s->dispi[VBE_DISPI_INDEX_ENABLE] & VBE_DISPI_GETCAPS) {
		mbochs_dispi_limits(s, &xres, &yres);
		switch (index) {
		case VBE_DISPI_INDEX_XRES:
			return xres;
		case VBE_DISPI_INDEX_YRES:
			return yres;
		case VBE_DISPI_INDEX_BPP:
			return VBE_DISPI_MAX_BPP;
		}
	}
	return s->dispi[index];
}

static bool dispi_bpp_valid(u16 bpp)
{
	return bpp == 8 || bpp == 15 || bpp == 16 || bpp == 24 || bpp == 32;
}

/* A value the device cannot take leaves the register unchanged. */
static void dispi_write(struct mbochs_state *s, unsigned int index, u16 val)
{
	u32 xres, yres;

	mbochs_dispi_limits(s, &xres, &yres);
	switch (index) {
	case VBE_DISPI_INDEX_ID:
		if (val < VBE_DISPI_ID0 || val > VBE_DISPI_ID5)
			return;
		break;
	case VBE_DISPI_INDEX_XRES:
		if (val > xres)
			return;
		break;
	case VBE_DISPI_INDEX_YRES:
		if (val > yres)
			return;
		break;
	case VBE_DISPI_INDEX_BPP:
		if (!dispi_bpp_valid(val))
			return;
		break;
	case VBE_DISPI_INDEX_BANK:
		/* No banked window on this device: the LFB is BAR0. */
		return;
	case VBE_DISPI_INDEX_VIDEO_MEMORY_64K:
		return;
	}
	s->dispi[index] = val;
}

static u32 qext_read(unsigned int reg)
{
	switch (reg) {
	case MMIO_QEXT_REG_SIZE:
		return MMIO_QEXT_SIZE;
	case MMIO_QEXT_BYTEORDER:
		return QEXT_LITTLE_ENDIAN;
	}
	return 0;
}

static void mmio_read(struct mbochs_state *s, unsigned int off, u8 *val,
		      size_t count)
{
	memset(val, 0, count);

	if (off < MMIO_EDID_BASE + MMIO_EDID_SIZE) {
		unsigned int pos = off - MMIO_EDID_BASE;

		if (s->link_up && pos < s->edid_len)
			memcpy(val, &s->edid_blob[pos],
			       min_t(size_t, count, s->edid_len - pos));
		return;
	}
	if (off >= MMIO_DISPI_BASE && off < MMIO_DISPI_BASE + MMIO_DISPI_SIZE) {
		if (count == 2)
			put_le16(dispi_read(s, (off - MMIO_DISPI_BASE) / 2), val);
		return;
	}
	if (off >= MMIO_QEXT_BASE && off < MMIO_QEXT_BASE + MMIO_QEXT_SIZE) {
		if (count == 4)
			put_le32(qext_read(off), val);
		return;
	}
}

static void mmio_write(struct mbochs_state *s, unsigned int off,
		       const u8 *val, size_t count)
{
	/*
	 * The EDID window is read-only and the byte order register accepts
	 * only little endian, which it already is, so only dispi writes
	 * change anything.
	 */
	if (off >= MMIO_DISPI_BASE && off < MMIO_DISPI_BASE + MMIO_DISPI_SIZE &&
	    count == 2)
		dispi_write(s, (off - MMIO_DISPI_BASE) / 2,
			    get_le16(val));
}

/**
 * mbochs_mmio_rw() - access the BAR2 registers
 * @s: device
 * @buf: user buffer
 * @count: 1, 2, 4 or 8 bytes
 * @off: offset in BAR2, aligned to @count
 * @write: true for a write
 *
 * Registers take accesses of their own width; others read as zero and
 * ignore writes, like unassigned MMIO.
 *
 * Return: @count or a negative errno.
 */
ssize_t mbochs_mmio_rw(struct mbochs_state *s, char __user *buf,
		       size_t count, loff_t off, bool write)
{
	u8 val[8];

	if (count != 1 && count != 2 && count != 4 && count != 8)
		return -EINVAL;
	if (off < 0 || off >= MBOCHS_MMIO_SIZE || off % count)
		return -EINVAL;

	if (write) {
		if (copy_from_user(val, buf, count))
			return -EFAULT;
		mutex_lock(&s->lock);
		mmio_write(s, off, val, count);
		mutex_unlock(&s->lock);
		return count;
	}

	mutex_lock(&s->lock);
	mmio_read(s, off, val, count);
	mutex_unlock(&s->lock);
	if (copy_to_user(buf, val, count))
		return -EFAULT;
	return count;
}
