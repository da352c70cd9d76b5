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
 * part on the ring until the driver resets it or deletes its queues:
 * every buffer the driver made available is returned as used, with length
 * 0 and, on a block device, the status byte set to "I/O error", and the
 * queue's callback is run as an interrupt would run it.
 *
 * Split rings.  Which buffers are outstanding comes from the ring alone:
 * the host used the chains in avail order up to used->idx (QEMU drains a
 * block device's requests before it drops it, and completes them into the
 * ring even if the interrupt no longer arrives), so every chain between
 * used->idx and avail->idx is one the host never answered.  Those are the
 * ones we use.
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
 * Packed rings (virtio spec 2.8) have no index in memory: one descriptor
 * ring, where the driver marks a descriptor available by giving its AVAIL
 * flag the value of its wrap counter and USED the opposite; the device
 * writes used elements into the same slots, in slot order from its own
 * position, with AVAIL and USED both equal to its wrap counter and the
 * buffer id the driver put in the chain's last descriptor.  Each used
 * element moves the device's position on by as many slots as its chain
 * took (one for an indirect table), and a wrap counter flips each time its
 * position passes the end of the ring.  We need the host's position (its
 * next slot and wrap counter) once; after that we keep it ourselves, in
 * struct vccw_vq, as a device would.
 *
 * Where the host stopped.  As on split rings, the host used every chain it
 * took, so its next slot to read is also its next slot to write.  Slots
 * that hold used elements (AVAIL == USED) carry the wrap counter of the lap
 * they were written in; the host writes them in slot order, so its current
 * lap fills the slots below its position while those above still hold the
 * previous lap's (or new descriptors of the driver): scanning the slots in
 * order, their wrap bits change at most once, and the last used element
 * before the change (or the last one, if there is no change) is the newest.
 * The host's position is right after it, unless the chain it stands for
 * took several slots: its head, which had the NEXT flag, is gone, so the
 * ring alone cannot say how many.  With VIRTIO_RING_F_EVENT_IDX the host
 * publishes its position itself, in the device event suppression structure
 * (off_wrap), whenever it re-enables notifications, which QEMU does after
 * it took all it found: if that is valid (flags DESC) and lies less than a
 * ring ahead, every slot in between must be one the driver wrote in that
 * lap (the rest of the last chain), and it is the position.  Without that
 * word, the position is right after the newest used element if nothing
 * waits there (a rest of a chain would look like waiting descriptors), or
 * if an indirect descriptor waits there: it is always a chain of its own,
 * so it cannot be the rest of the last one.  Anything else there might be
 * such a rest, buffers the driver already took back, and we give up
 * rather than write to them.  A ring without any used element is full of
 * the driver's descriptors, and the host stands where its two laps meet
 * (where AVAIL changes).
 *
 * Then we use chain by chain, as a device does: the head's flags are read
 * with acquire semantics (the driver writes them last, after a write
 * barrier), every descriptor of the chain must be available in its lap,
 * and the used element goes to the head's slot (we use in ring order, so
 * it is exactly where the driver looks next), id and length first, flags
 * after a write barrier.  Before we stop we ask for a notify at our
 * position (off_wrap with the DESC flag, or ENABLE), then look again after
 * a full barrier.  We write only used elements and the device event
 * suppression structure.
 *
 * Rings behind the DMA API (VIRTIO_F_ACCESS_PLATFORM) are not handled:
 * their queues are broken instead, as before.
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
 * The virtio-blk status byte is the last byte the device writes (virtio
 * spec, 5.2.6): while following a chain, remember the last byte of each
 * device-writable descriptor.
 */
static void vccw_reap_note_write(u16 flags, u64 addr, u32 len, u64 *status,
				 bool *found)
{
	if ((flags & VRING_DESC_F_WRITE) && len) {
		*status = addr + len - 1;
		*found = true;
	}
}

/* Set the status byte found by vccw_reap_note_write() to "I/O error". */
static int vccw_reap_set_ioerr(bool found, u64 status)
{
	u8 *p = found ? vccw_reap_ptr(status, 1) : NULL;

	if (!p)
		return -EINVAL;
	WRITE_ONCE(*p, VIRTIO_BLK_S_IOERR);
	return 0;
}

/*
 * Find the last device-writable byte of the split-ring chain at @head and
 * set it to VIRTIO_BLK_S_IOERR.  Every index, length and address is
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
		vccw_reap_note_write(flags, addr, len, &status, &found);
		if (!(flags & VRING_DESC_F_NEXT))
			break;
		i = virtio16_to_cpu(vdev, READ_ONCE(table[i].next));
	}
	return vccw_reap_set_ioerr(found, status);
}

static u16 vccw_reap_avail_idx(struct virtio_device *vdev,
			       struct vring_avail *avail)
{
	/* Acquire: the avail entries and descriptors it covers are valid. */
	return virtio16_to_cpu(vdev, smp_load_acquire(&avail->idx));
}

/*
 * Use every chain the driver made available on the split ring of @vq, as
 * the device would (see the top of the file for the ordering).  Called
 * with reap_lock held: one writer per device at a time.  Returns the
 * number of chains used, or -EINVAL on a ring we cannot read (the caller
 * then breaks the device).
 */
static int vccw_reap_fill_split(struct vccw_device *vc, struct virtqueue *vq,
				bool blk, bool event)
{
	struct virtio_device *vdev = &vc->vdev;
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

#define VCCW_PK_AVAIL		BIT(VRING_PACKED_DESC_F_AVAIL)
#define VCCW_PK_USED		BIT(VRING_PACKED_DESC_F_USED)
#define VCCW_PK_WRAP		BIT(VRING_PACKED_EVENT_F_WRAP_CTR)

/* Made available by the driver in the lap whose wrap counter is @wrap. */
static bool vccw_pk_avail(u16 flags, bool wrap)
{
	return !!(flags & VCCW_PK_AVAIL) == wrap &&
	       !!(flags & VCCW_PK_USED) != wrap;
}

/* Written by a device: AVAIL and USED alike (the lap's wrap counter). */
static bool vccw_pk_used(u16 flags)
{
	return !(flags & VCCW_PK_AVAIL) == !(flags & VCCW_PK_USED);
}

static u16 vccw_pk_flags(const struct vring_packed_desc *d)
{
	return le16_to_cpu(READ_ONCE(d->flags));
}

/* Slot and wrap counter as one number modulo 2 * @num: laps alternate. */
static unsigned int vccw_pk_abs(unsigned int num, u16 idx, bool wrap)
{
	return idx + (wrap ? 0 : num);
}

static void vccw_pk_step(unsigned int num, u16 *idx, bool *wrap,
			 unsigned int n)
{
	*idx += n;
	if (*idx >= num) {
		*idx -= num;
		*wrap = !*wrap;
	}
}

/*
 * The last device-writable byte of an indirect table of packed
 * descriptors (read in table order, spec 2.8.20), in *@status.
 */
static int vccw_pk_indirect_status(u64 addr, u32 len, u64 *status,
				   bool *found)
{
	struct vring_packed_desc *t;
	unsigned int i, n;

	if (len % sizeof(*t) || len / sizeof(*t) > VCCW_REAP_MAX_INDIRECT)
		return -EINVAL;
	t = vccw_reap_ptr(addr, len);
	if (!t)
		return -EINVAL;
	n = len / sizeof(*t);
	for (i = 0; i < n; i++) {
		u16 flags = vccw_pk_flags(&t[i]);
		u32 l = le32_to_cpu(READ_ONCE(t[i].len));

		/* One level only. */
		if (flags & VRING_DESC_F_INDIRECT)
			return -EINVAL;
		vccw_reap_note_write(flags, le64_to_cpu(READ_ONCE(t[i].addr)), l,
				     status, found);
	}
	return 0;
}

/*
 * Follow the chain whose head is at @head, in the lap of @wrap: returns
 * the number of slots it takes and its buffer id in *@id; on a block
 * device its status byte is set to VIRTIO_BLK_S_IOERR.  Every descriptor
 * must be available in its own lap (a chain may wrap), an indirect one
 * alone in its chain; -EINVAL, with nothing written, otherwise.
 */
static int vccw_pk_chain(struct vring_packed_desc *desc, unsigned int num,
			 u16 head, bool wrap, bool blk, u16 *id)
{
	unsigned int n = 0;
	bool found = false;
	u64 status = 0;
	u16 i = head;

	for (;;) {
		u16 flags = vccw_pk_flags(&desc[i]);
		u64 addr = le64_to_cpu(READ_ONCE(desc[i].addr));
		u32 len = le32_to_cpu(READ_ONCE(desc[i].len));

		if (!vccw_pk_avail(flags, wrap) || ++n > num)
			return -EINVAL;
		if (flags & VRING_DESC_F_INDIRECT) {
			if (n != 1 || (flags & VRING_DESC_F_NEXT) || !len)
				return -EINVAL;
			if (blk && vccw_pk_indirect_status(addr, len, &status,
							   &found))
				return -EINVAL;
		} else {
			vccw_reap_note_write(flags, addr, len, &status, &found);
		}
		if (!(flags & VRING_DESC_F_NEXT))
			break;
		vccw_pk_step(num, &i, &wrap, 1);
	}
	/* The driver takes back no id beyond its ring. */
	*id = le16_to_cpu(READ_ONCE(desc[i].id));
	if (*id >= num)
		return -EINVAL;
	if (blk && vccw_reap_set_ioerr(found, status))
		return -EINVAL;
	return n;
}

/*
 * Where the host stopped, from the ring (see the top of the file for why
 * this is right): its next slot in *@next and its wrap counter in *@wrap.
 */
static int vccw_pk_host_pos(struct virtio_device *vdev,
			    struct vring_packed_desc *desc, unsigned int num,
			    struct vring_packed_desc_event *dev_event,
			    u16 *next, bool *wrap)
{
	bool changed = false, bit = false;
	unsigned int i, ahead;
	int last = -1;
	u16 flags, ev;

	for (i = 0; i < num; i++) {
		flags = vccw_pk_flags(&desc[i]);
		if (!vccw_pk_used(flags))
			continue;
		if (last < 0) {
			bit = flags & VCCW_PK_USED;
			last = i;
		} else if (!!(flags & VCCW_PK_USED) == bit) {
			/* The older lap's bit, then the newer one's again. */
			if (changed)
				return -EINVAL;
			last = i;
		} else {
			changed = true;
		}
	}
	if (last >= 0) {
		*next = last;
		*wrap = bit;
		vccw_pk_step(num, next, wrap, 1);
	} else {
		/* All the driver's: the host is where its two laps meet. */
		bit = vccw_pk_flags(&desc[0]) & VCCW_PK_AVAIL;
		for (i = 1; i < num; i++)
			if (!!(vccw_pk_flags(&desc[i]) & VCCW_PK_AVAIL) != bit)
				break;
		*next = i % num;
		*wrap = vccw_pk_flags(&desc[*next]) & VCCW_PK_AVAIL;
	}

	/* The host's own word, if it fits: the last chain took more slots. */
	ev = le16_to_cpu(READ_ONCE(dev_event->off_wrap));
	if (virtio_has_feature(vdev, VIRTIO_RING_F_EVENT_IDX) &&
	    le16_to_cpu(READ_ONCE(dev_event->flags)) ==
	    VRING_PACKED_EVENT_FLAG_DESC && (ev & ~VCCW_PK_WRAP) < num) {
		ahead = (vccw_pk_abs(num, ev & ~VCCW_PK_WRAP, ev & VCCW_PK_WRAP) +
			 2 * num - vccw_pk_abs(num, *next, *wrap)) % (2 * num);
		if (ahead < num) {
			for (i = 0; i < ahead; i++) {
				if (!vccw_pk_avail(vccw_pk_flags(&desc[*next]),
						   *wrap))
					return -EINVAL;
				vccw_pk_step(num, next, wrap, 1);
			}
			return 0;
		}
	}
	/*
	 * Without it: nothing waiting there means no rest of a chain
	 * either.  What waits there may be the rest of a chain the host used
	 * last, buffers the driver has taken back: we must not write to
	 * them.  An indirect descriptor is never part of a longer chain, so
	 * one there is where a new chain starts; anything else, we give up.
	 */
	flags = vccw_pk_flags(&desc[*next]);
	if (!vccw_pk_avail(flags, *wrap))
		return 0;
	if (!(flags & VRING_DESC_F_INDIRECT) ||
	    !virtio_has_feature(vdev, VIRTIO_RING_F_INDIRECT_DESC))
		return -EINVAL;
	return 0;
}

/*
 * The packed-ring counterpart of vccw_reap_fill_split(): same contract,
 * ordering at the top of the file.
 */
static int vccw_reap_fill_packed(struct vccw_device *vc, struct virtqueue *vq,
				 bool blk, bool event)
{
	struct virtio_device *vdev = &vc->vdev;
	unsigned int num = virtqueue_get_vring_size(vq);
	struct vring_packed_desc_event *dev_event;
	struct vring_packed_desc *desc;
	struct vccw_vq *info = vq->priv;
	int done = 0;

	/* Slot numbers and the wrap bit share 16 bits (spec 2.8.10). */
	if (!num || num > VCCW_PK_WRAP)
		return -EINVAL;
	desc = vccw_reap_ptr(virtqueue_get_desc_addr(vq),
			     (u64)num * sizeof(*desc));
	dev_event = vccw_reap_ptr(virtqueue_get_used_addr(vq),
				  sizeof(*dev_event));
	if (!desc || !dev_event)
		return -EINVAL;
	if (!info->reap_known) {
		if (vccw_pk_host_pos(vdev, desc, num, dev_event,
				     &info->reap_next, &info->reap_wrap))
			return -EINVAL;
		info->reap_known = true;
	}

	for (;;) {
		u16 next = info->reap_next, flags, id;
		bool wrap = info->reap_wrap;
		int n;

		/* Acquire: the rest of the chain was written before. */
		flags = le16_to_cpu(smp_load_acquire(&desc[next].flags));
		if (!vccw_pk_avail(flags, wrap)) {
			/* Ask for a notify on the next chain, then look again. */
			if (event) {
				WRITE_ONCE(dev_event->off_wrap,
					   cpu_to_le16(next |
						       (wrap ? VCCW_PK_WRAP : 0)));
				/* The offset counts once the flag says so. */
				smp_wmb();
				WRITE_ONCE(dev_event->flags,
					   cpu_to_le16(VRING_PACKED_EVENT_FLAG_DESC));
			} else {
				WRITE_ONCE(dev_event->flags,
					   cpu_to_le16(VRING_PACKED_EVENT_FLAG_ENABLE));
			}
			/* The request must be visible before we re-read. */
			smp_mb();
			/* Acquire, as above. */
			flags = le16_to_cpu(smp_load_acquire(&desc[next].flags));
			if (!vccw_pk_avail(flags, wrap))
				break;
		}
		n = vccw_pk_chain(desc, num, next, wrap, blk, &id);
		if (n < 0)
			return n;
		WRITE_ONCE(desc[next].id, cpu_to_le16(id));
		WRITE_ONCE(desc[next].len, cpu_to_le32(0));
		/* Status byte, id and length before the flags that publish them. */
		smp_wmb();
		WRITE_ONCE(desc[next].flags,
			   cpu_to_le16(wrap ? VCCW_PK_AVAIL | VCCW_PK_USED : 0));
		vccw_pk_step(num, &info->reap_next, &info->reap_wrap, n);
		done++;
	}
	vc->reaped += done;
	return done;
}

/*
 * Use every chain the driver made available on @vq.  Called with
 * reap_lock held.  Returns the number of chains used, or -EINVAL on a ring
 * we cannot read (the caller then breaks the device).
 */
static int vccw_reap_fill(struct vccw_device *vc, struct virtqueue *vq)
{
	struct virtio_device *vdev = &vc->vdev;
	bool blk = vdev->id.device == VIRTIO_ID_BLOCK;
	bool event = virtio_has_feature(vdev, VIRTIO_RING_F_EVENT_IDX);

	if (virtio_has_feature(vdev, VIRTIO_F_RING_PACKED))
		return vccw_reap_fill_packed(vc, vq, blk, event);
	return vccw_reap_fill_split(vc, vq, blk, event);
}

static bool vccw_reap_supported(struct vccw_device *vc)
{
	return virtio_has_dma_quirk(&vc->vdev);
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
		vccw_reap_give_up(vc, "rings behind the DMA API are not reaped");
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
