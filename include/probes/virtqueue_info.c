// SPDX-License-Identifier: GPL-2.0-only
/*
 * HAVE_VIRTQUEUE_INFO: virtio_config_ops.find_vqs takes one array of
 * struct virtqueue_info (name, callback, ctx) instead of three parallel
 * arrays (callbacks, names, ctx).  Changed in v6.11 by the series that
 * introduced struct virtqueue_info (Jiri Pirko, 2024).
 */
#include <linux/virtio_config.h>

#ifndef VB_PROBE_SANITY
int vb_probe(struct virtio_device *vdev, unsigned int nvqs,
	     struct virtqueue *vqs[], struct virtqueue_info vqs_info[],
	     struct irq_affinity *desc);
int vb_probe(struct virtio_device *vdev, unsigned int nvqs,
	     struct virtqueue *vqs[], struct virtqueue_info vqs_info[],
	     struct irq_affinity *desc)
{
	return vdev->config->find_vqs(vdev, nvqs, vqs, vqs_info, desc);
}
#endif
