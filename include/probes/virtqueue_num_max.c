// SPDX-License-Identifier: GPL-2.0-only
/*
 * HAVE_VIRTQUEUE_NUM_MAX: struct virtqueue has num_max, the largest ring
 * the device allows, which the transport fills in and the core consults
 * when a driver resizes a ring (v5.18, with virtqueue reset/resize).
 * Before, there was no such field and nothing to tell.
 */
#include <linux/virtio.h>

#ifndef VB_PROBE_SANITY
void vb_probe(struct virtqueue *vq);
void vb_probe(struct virtqueue *vq)
{
	vq->num_max = 256;
}
#endif
