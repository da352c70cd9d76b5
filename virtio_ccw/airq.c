// SPDX-License-Identifier: GPL-2.0-only
/*
 * vb_virtio_ccw: adapter ("thin") interrupts.  Queue indicators live in
 * shared areas: one adapter-interrupt vector (one bit per queue, devices
 * take contiguous runs) and one summary byte per area.  The host sets the
 * queue's bit, then the summary byte, then raises an adapter interrupt on
 * the virtio ISC; the handler of every area whose summary byte is set scans
 * its vector.
 *
 * The summary indicator must be DMA-capable memory (under protected
 * virtualization the host can only see shared pages), and the allocator
 * the in-tree transport uses for it, cio_dma_zalloc(), is not exported.
 * register_adapter_interrupt() is, and when it is given no summary pointer
 * it allocates a byte from that same channel-subsystem DMA pool itself
 * (AIRQ_PTR_ALLOCATED) and frees it again at unregistration.  That byte is
 * exactly what we need: it is what the airq core tests before calling our
 * handler, and its physical address is what the host writes to.  So each
 * area registers with lsi_ptr left NULL and hands the allocated byte's
 * address to the host; no private allocator is needed.  The vectors come
 * from airq_iv_create(), which is exported and allocates DMA memory too.
 */
#include <linux/cache.h>
#include <linux/io.h>
#include <linux/slab.h>
#include <linux/virtio_ring.h>
#include <asm/airq.h>

#include "vccw.h"

/* One cache line of indicator bits per area, 8 areas. */
#define VCCW_AIRQ_BITS		(L1_CACHE_BYTES * BITS_PER_BYTE)
#define VCCW_AIRQ_AREAS		8

struct vccw_airq_area {
	struct airq_struct airq;
	struct airq_iv *iv;
	/* readers: the interrupt handler; writers: (de)allocating bits */
	rwlock_t lock;
};

/* Areas are created on demand and live until the module goes. */
static struct vccw_airq_area *vccw_areas[VCCW_AIRQ_AREAS];
static DEFINE_MUTEX(vccw_areas_mutex);

static void vccw_airq_scan(struct vccw_airq_area *area)
{
	unsigned long bit = 0, vq;

	for (;;) {
		bit = airq_iv_scan(area->iv, bit, airq_iv_end(area->iv));
		if (bit == -1UL)
			return;
		vq = airq_iv_get_ptr(area->iv, bit);
		if (vq)
			vring_interrupt(0, (void *)vq);
		bit++;
	}
}

static void vccw_airq_handler(struct airq_struct *airq,
			      struct tpi_info *tpi_info)
{
	struct vccw_airq_area *area =
		container_of(airq, struct vccw_airq_area, airq);

	read_lock(&area->lock);
	vccw_airq_scan(area);
	/*
	 * Rearm the summary, then look again: a bit the host set between
	 * the first scan and the rearm raised no new interrupt.
	 */
	WRITE_ONCE(*airq->lsi_ptr, 0);
	/* Summary store before the rescan's loads; the host sets the queue
	 * bit before the summary.
	 */
	smp_mb();
	vccw_airq_scan(area);
	read_unlock(&area->lock);
}

VB_DEFINE_AIRQ_HANDLER(vccw_airq_handler)

static struct vccw_airq_area *vccw_airq_area_new(void)
{
	struct vccw_airq_area *area;

	area = kzalloc_obj(*area, GFP_KERNEL);
	if (!area)
		return NULL;
	rwlock_init(&area->lock);
	area->iv = airq_iv_create(VCCW_AIRQ_BITS, AIRQ_IV_ALLOC | AIRQ_IV_PTR |
				  AIRQ_IV_CACHELINE, NULL);
	if (!area->iv)
		goto free_area;
	area->airq.handler = VB_AIRQ_HANDLER(vccw_airq_handler);
	area->airq.isc = VCCW_AIRQ_ISC;
	/* lsi_ptr stays NULL: the airq core allocates the summary byte. */
	if (register_adapter_interrupt(&area->airq))
		goto free_iv;
	return area;

free_iv:
	airq_iv_release(area->iv);
free_area:
	kfree(area);
	return NULL;
}

/**
 * vccw_airq_attach - give a device's queues indicator bits
 * @vc: the device
 * @vqs: its queues, queue i gets bit first + i
 * @nvqs: number of queues
 * @area: the SET_IND_ADAPTER payload to fill in
 *
 * Return: 0, -ENOSPC when every area is full, or -ENOMEM.
 */
int vccw_airq_attach(struct vccw_device *vc, struct vccw_vq **vqs,
		     unsigned int nvqs, struct vccw_thinint_area *area)
{
	struct vccw_airq_area *a;
	unsigned long first, flags;
	unsigned int i, n;
	int ret = -ENOSPC;

	if (!nvqs || nvqs > VCCW_AIRQ_BITS)
		return -EINVAL;
	mutex_lock(&vccw_areas_mutex);
	for (n = 0; n < VCCW_AIRQ_AREAS; n++) {
		if (!vccw_areas[n])
			vccw_areas[n] = vccw_airq_area_new();
		a = vccw_areas[n];
		if (!a) {
			ret = -ENOMEM;
			break;
		}
		write_lock_irqsave(&a->lock, flags);
		first = airq_iv_alloc(a->iv, nvqs);
		if (first != -1UL) {
			for (i = 0; i < nvqs; i++) {
				vqs[i]->airq_bit = first + i;
				airq_iv_set_ptr(a->iv, first + i,
						(unsigned long)vqs[i]->vq);
			}
		}
		write_unlock_irqrestore(&a->lock, flags);
		if (first == -1UL)
			continue;
		vc->airq = a;
		vc->airq_first = first;
		vc->airq_nbits = nvqs;
		vc->airq_summary = virt_to_phys(a->airq.lsi_ptr);
		area->summary_indicator = vc->airq_summary;
		area->indicator = virt_to_phys(a->iv->vector);
		area->bit_nr = first;
		area->isc = VCCW_AIRQ_ISC;
		ret = 0;
		break;
	}
	mutex_unlock(&vccw_areas_mutex);
	return ret;
}

void vccw_airq_detach(struct vccw_device *vc)
{
	struct vccw_airq_area *a = vc->airq;
	unsigned long flags, i;

	if (!a)
		return;
	write_lock_irqsave(&a->lock, flags);
	for (i = 0; i < vc->airq_nbits; i++)
		airq_iv_set_ptr(a->iv, vc->airq_first + i, 0);
	airq_iv_free(a->iv, vc->airq_first, vc->airq_nbits);
	write_unlock_irqrestore(&a->lock, flags);
	vc->airq = NULL;
}

/* Wait for running handlers of the device's area to finish. */
void vccw_airq_sync(struct vccw_device *vc)
{
	struct vccw_airq_area *a = vc->airq;

	if (!a)
		return;
	write_lock_irq(&a->lock);
	write_unlock_irq(&a->lock);
}

void vccw_airq_exit(void)
{
	unsigned int n;

	for (n = 0; n < VCCW_AIRQ_AREAS; n++) {
		if (!vccw_areas[n])
			continue;
		unregister_adapter_interrupt(&vccw_areas[n]->airq);
		airq_iv_release(vccw_areas[n]->iv);
		kfree(vccw_areas[n]);
		vccw_areas[n] = NULL;
	}
}
