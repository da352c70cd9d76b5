/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim for <linux/virtio.h>: vb_virtqueue_set_num_max(vq, num) records the
 * largest ring the device allows in struct virtqueue's num_max (v5.18);
 * on older kernels there is no such field, nobody asks, and it does
 * nothing.
 */
#ifndef _VB_LINUX_VIRTIO_H
#define _VB_LINUX_VIRTIO_H

#include_next <linux/virtio.h>

#ifdef __KERNEL__
#include <vb_probes.h>

static inline void vb_virtqueue_set_num_max(struct virtqueue *vq,
					    unsigned int num)
{
#ifdef HAVE_VIRTQUEUE_NUM_MAX
	vq->num_max = num;
#endif
}
#endif /* __KERNEL__ */

#endif /* _VB_LINUX_VIRTIO_H */
