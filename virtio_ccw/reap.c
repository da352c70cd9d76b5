// SPDX-License-Identifier: GPL-2.0-only
/*
 * vb_virtio_ccw: standing in for a device that is gone.
 *
 * When the host removes a device (QMP device_del) the guest hears of it
 * only later, through a channel report.  Requests the driver queued in
 * between reach nobody, and a driver without a cancel path of its own
 * (virtio-blk: del_gendisk() waits for every request in flight) waits for
 * them for ever.  So once we know the device is gone (CIO_GONE, a notify
 * the host refused, or the removal of a lost device), we play the device's
 * part on the split ring until the driver resets it or deletes its queues:
 * every buffer the driver made available is returned as used, with length
 * 0 and, on a block device, the status byte set to "I/O error", and the
 * queue's callback is run as an interrupt would run it.
 *
 * Which buffers are outstanding comes from the ring alone: the host used
 * the chains in avail order up to used->idx (QEMU drains a block device's
 * requests before it drops it, and completes them into the ring even if
 * the interrupt no longer arrives), so every chain between used->idx and
 * avail->idx is one the host never answered.  Those are the ones we use.
 *
 * Memory ordering, the same contract a device keeps with virtio_ring.c:
 * the driver writes descriptors and the avail entry, then (write barrier)
 * avail->idx.  We read avail->idx with acquire semantics, so the avail
 * entries and descriptors behind it are seen complete.  We write the
 * status byte and the used entry, then (write barrier) used->idx, which
 * the driver reads before it reads the entry (its read barrier).  Before
 * we stop for lack of work we re-enable notifications (avail_event, or the
 * NO_NOTIFY flag the host may have left set) and, after a full barrier,
 * look at avail->idx again, so a chain added meanwhile is either seen by
 * us now or announced by a notify.  We never write anything the driver
 * writes: only used entries, used->idx, used->flags and avail_event.
 *
 * Packed rings and rings behind the DMA API (VIRTIO_F_ACCESS_PLATFORM) are
 * not handled: their queues are broken instead, as before.
 */
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <linux/virtio.h>
#include <linux/virtio_blk.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_ring.h>
#include <linux/workqueue.h>

#include "vccw.h"

/*
 * A driver that adds buffers without notifying (it relies on the device
 * polling the ring) is still answered within this time.
 */
#define VCCW_REAP_PERIOD	(HZ / 10)

/* Descriptors in an indirect table we accept; QEMU takes no more either. */
#define VCCW_REAP_MAX_INDIRECT	1024

static struct workqueue_struct *vccw_reap_wq;

/* Guest-physical address range that is RAM we may address directly. */
static void *vccw_reap_ptr(u64 addr, u64 len)
{
	if (!len || addr + len < addr)
		return NULL;
	if (!pfn_valid(PHYS_PFN(addr)) || !pfn_valid(PHYS_PFN(addr + len - 1)))
		return NULL;
	return phys_to_virt(addr);
}

/*
 * Find the last device-writable byte of the chain at @head and set it to
 * VIRTIO_BLK_S_IOERR: the virtio-blk status byte is the last byte the
 * device writes (virtio spec, 5.2.6).  Every index, length and address is
 * checked; a chain we cannot follow fails with -EINVAL and nothing is
 * written.
 */
static int vccw_reap_blk_status(struct virtio_device *vdev,
				struct vring_desc *table, unsigned int n,
				unsigned int head)
{
	unsigned int i = head, steps = 0;
	bool indirect = false;
	u64 status = 0;
	bool found = false;
	u8 *p;

	for (;;) {
		u16 flags;
		u64 addr;
		u32 len;

		if (i >= n || ++steps > n)
			return -EINVAL;
		flags = virtio16_to_cpu(vdev, READ_ONCE(table[i].flags));
		addr = virtio64_to_cpu(vdev, READ_ONCE(table[i].addr));
		len = virtio32_to_cpu(vdev, READ_ONCE(table[i].len));

		if (flags & VRING_DESC_F_INDIRECT) {
			/* One level only, and never chained on (spec 2.7.5.3). */
			if (indirect || (flags & VRING_DESC_F_NEXT) ||
			    len % sizeof(*table) ||
			    len / sizeof(*table) > VCCW_REAP_MAX_INDIRECT)
				return -EINVAL;
			table = vccw_reap_ptr(addr, len);
			if (!table)
				return -EINVAL;
			n = len / sizeof(*table);
			indirect = true;
			i = 0;
			steps = 0;
			continue;
		}
		if ((flags & VRING_DESC_F_WRITE) && len) {
			status = addr + len - 1;
			found = true;
		}
		if (!(flags & VRING_DESC_F_NEXT))
			break;
		i = virtio16_to_cpu(vdev, READ_ONCE(table[i].next));
	}
	if (!found)
		return -EINVAL;
	p = vccw_reap_ptr(status, 1);
	if (!p)
		return -EINVAL;
	WRITE_ONCE(*p, VIRTIO_BLK_S_IOERR);
	return 0;
}

static u16 vccw_reap_avail_idx(struct virtio_device *vdev,
			       struct vring_avail *avail)
{
	/* Acquire: the avail entries and descriptors it covers are valid. */
	return virtio16_to_cpu(vdev, smp_load_acquire(&avail->idx));
}

/*
 * Use every chain the driver made available on @vq, as the device would
 * (see the top of the file for the ordering).  Called with reap_lock held:
 * one writer per device at a time.  Returns the number of chains used, or
 * -EINVAL on a ring we cannot read (the caller then breaks the device).
 */
static int vccw_reap_fill(struct vccw_device *vc, struct virtqueue *vq)
{
	struct virtio_device *vdev = &vc->vdev;
	bool blk = vdev->id.device == VIRTIO_ID_BLOCK;
	bool event = virtio_has_feature(vdev, VIRTIO_RING_F_EVENT_IDX);
	unsigned int num = virtqueue_get_vring_size(vq);
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	__virtio16 *avail_event;
	u16 used_idx, avail_idx;
	int done = 0;

	desc = vccw_reap_ptr(virtqueue_get_desc_addr(vq),
			     (u64)num * sizeof(*desc));
	avail = vccw_reap_ptr(virtqueue_get_avail_addr(vq),
			      struct_size(avail, ring, num + 1));
	used = vccw_reap_ptr(virtqueue_get_used_addr(vq),
			     struct_size(used, ring, num) + sizeof(*avail_event));
	if (!num || !desc || !avail || !used)
		return -EINVAL;
	avail_event = (__virtio16 *)&used->ring[num];

	/* Only we write used->idx now: the host is gone. */
	used_idx = virtio16_to_cpu(vdev, READ_ONCE(used->idx));
	for (;;) {
		struct vring_used_elem *elem;
		unsigned int head;

		avail_idx = vccw_reap_avail_idx(vdev, avail);
		if (avail_idx == used_idx) {
			/* Ask for a notify on the next chain, then look again. */
			if (event)
				WRITE_ONCE(*avail_event,
					   cpu_to_virtio16(vdev, used_idx));
			else
				WRITE_ONCE(used->flags, 0);
			/* The request must be visible before we re-read. */
			smp_mb();
			avail_idx = vccw_reap_avail_idx(vdev, avail);
			if (avail_idx == used_idx)
				break;
		}
		/* More outstanding chains than the ring holds: not a ring. */
		if ((u16)(avail_idx - used_idx) > num)
			return -EINVAL;
		head = virtio16_to_cpu(vdev,
				       READ_ONCE(avail->ring[used_idx % num]));
		if (head >= num)
			return -EINVAL;
		if (blk && vccw_reap_blk_status(vdev, desc, num, head))
			return -EINVAL;
		elem = &used->ring[used_idx % num];
		WRITE_ONCE(elem->id, cpu_to_virtio32(vdev, head));
		WRITE_ONCE(elem->len, cpu_to_virtio32(vdev, 0));
		used_idx++;
		/* Status byte and entry before the index that publishes them. */
		smp_wmb();
		WRITE_ONCE(used->idx, cpu_to_virtio16(vdev, used_idx));
		done++;
	}
	vc->reaped += done;
	return done;
}

static bool vccw_reap_supported(struct vccw_device *vc)
{
	return !virtio_has_feature(&vc->vdev, VIRTIO_F_RING_PACKED) &&
	       virtio_has_dma_quirk(&vc->vdev);
}

/* Fall back to what a transport can always do: fail new requests. */
static void vccw_reap_give_up(struct vccw_device *vc, const char *why)
{
	unsigned long flags;
	bool first;

	spin_lock_irqsave(&vc->reap_lock, flags);
	first = !vc->reap_failed;
	vc->reap_failed = true;
	spin_unlock_irqrestore(&vc->reap_lock, flags);
	if (!first)
		return;
	dev_warn(&vc->cdev->dev,
		 "device gone: %s, requests in flight are not completed\n",
		 why);
	virtio_break_device(&vc->vdev);
}

/* Called with reap_lock held. */
static void vccw_reap_schedule(struct vccw_device *vc, unsigned long delay)
{
	if (vc->reap_active && !vc->reap_failed)
		mod_delayed_work(vccw_reap_wq, &vc->reap_work, delay);
}

static void vccw_reap_work_fn(struct work_struct *work)
{
	struct vccw_device *vc = container_of(to_delayed_work(work),
					      struct vccw_device, reap_work);
	struct vccw_vq *info;
	unsigned long flags;
	bool bad = false;
	int ret;

	if (!vccw_reap_supported(vc)) {
		vccw_reap_give_up(vc, virtio_has_dma_quirk(&vc->vdev) ?
				  "packed rings are not reaped" :
				  "rings behind the DMA API are not reaped");
		return;
	}
	/*
	 * Run the callbacks the way an interrupt would: interrupts off, and
	 * softirqs they raise (NAPI) run when bottom halves come back on.
	 * irq_lock keeps the queue list still, as it does for the handler.
	 */
	local_bh_disable();
	read_lock_irqsave(&vc->irq_lock, flags);
	list_for_each_entry(info, &vc->vqs, node) {
		spin_lock(&vc->reap_lock);
		ret = vc->reap_active ? vccw_reap_fill(vc, info->vq) : 0;
		spin_unlock(&vc->reap_lock);
		if (ret < 0) {
			bad = true;
			break;
		}
		/*
		 * Not under reap_lock: the callback may queue and notify,
		 * which takes it.  What the host completed before it went
		 * (its interrupt maybe lost) comes first in the used ring.
		 */
		vring_interrupt(0, info->vq);
	}
	read_unlock_irqrestore(&vc->irq_lock, flags);
	local_bh_enable();
	if (bad) {
		vccw_reap_give_up(vc, "malformed ring");
		return;
	}
	spin_lock_irqsave(&vc->reap_lock, flags);
	vccw_reap_schedule(vc, VCCW_REAP_PERIOD);
	spin_unlock_irqrestore(&vc->reap_lock, flags);
}

void vccw_reap_init(struct vccw_device *vc)
{
	spin_lock_init(&vc->reap_lock);
	INIT_DELAYED_WORK(&vc->reap_work, vccw_reap_work_fn);
}

/*
 * The device is gone for good.  Any context (the ccw core calls us with
 * the ccw device lock held, possibly from an interrupt).
 */
void vccw_reap_gone(struct vccw_device *vc)
{
	unsigned long flags;

	spin_lock_irqsave(&vc->reap_lock, flags);
	WRITE_ONCE(vc->gone, true);
	vccw_reap_schedule(vc, 0);
	spin_unlock_irqrestore(&vc->reap_lock, flags);
}

/*
 * The driver kicked @vq of a gone device.  Its queue lock may be held, so
 * the used entries are written here (a driver that polls for its buffer
 * sees it at once) and the callback is left to the work item.  Returns
 * false when we do not stand in for the device, and the virtio core then
 * marks the queue broken.
 */
bool vccw_reap_kick(struct vccw_device *vc, struct virtqueue *vq)
{
	unsigned long flags;
	bool ok = false;

	spin_lock_irqsave(&vc->reap_lock, flags);
	if (vc->reap_active && !vc->reap_failed && vccw_reap_supported(vc)) {
		ok = vccw_reap_fill(vc, vq) >= 0;
		vccw_reap_schedule(vc, 0);
	}
	spin_unlock_irqrestore(&vc->reap_lock, flags);
	return ok;
}

/*
 * The queues are in use (find_vqs succeeded) or about to go (reset,
 * del_vqs).  Stopping waits for a running reaper, so that after it no
 * ring memory is touched and no callback runs; it may sleep.
 */
void vccw_reap_set_active(struct vccw_device *vc, bool active)
{
	unsigned long flags, reaped;

	spin_lock_irqsave(&vc->reap_lock, flags);
	vc->reap_active = active;
	if (vc->gone)
		vccw_reap_schedule(vc, 0);
	spin_unlock_irqrestore(&vc->reap_lock, flags);
	if (active)
		return;
	cancel_delayed_work_sync(&vc->reap_work);

	spin_lock_irqsave(&vc->reap_lock, flags);
	reaped = vc->reaped;
	vc->reaped = 0;
	spin_unlock_irqrestore(&vc->reap_lock, flags);
	/* Says how often the window between removal and report is hit. */
	if (reaped)
		dev_info(&vc->cdev->dev,
			 "device gone: failed %lu requests it never answered\n",
			 reaped);
}

int vccw_reap_wq_init(void)
{
	/* Completing block I/O may be what frees memory: a rescuer. */
	vccw_reap_wq = alloc_workqueue("vb_vccw_reap",
				       WQ_UNBOUND | WQ_MEM_RECLAIM, 0);
	return vccw_reap_wq ? 0 : -ENOMEM;
}

void vccw_reap_wq_exit(void)
{
	destroy_workqueue(vccw_reap_wq);
}
