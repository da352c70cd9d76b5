// SPDX-License-Identifier: GPL-2.0-only
/*
 * HAVE_VIRTIO_CONFIG_OPS_SYNCHRONIZE_CBS: struct virtio_config_ops has
 * synchronize_cbs, which the virtio core calls before it lets the device
 * run (hardened vring interrupts, v5.19).  Before, the core had no such
 * hook and a transport offered none.
 */
#include <linux/virtio_config.h>

#ifndef VB_PROBE_SANITY
void vb_probe(struct virtio_config_ops *ops, void (*fn)(struct virtio_device *));
void vb_probe(struct virtio_config_ops *ops, void (*fn)(struct virtio_device *))
{
	ops->synchronize_cbs = fn;
}
#endif
