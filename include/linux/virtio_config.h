/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim for <linux/virtio_config.h>: transports write find_vqs() with the
 * v6.11 signature (one struct virtqueue_info array).  On older kernels the
 * op takes parallel callbacks/names/ctx arrays; VB_DEFINE_FIND_VQS(fn)
 * then defines an adapter that packs them into virtqueue_info and calls
 * fn, and VB_FIND_VQS(fn) names whichever function the op must point to.
 * VB_SYNCHRONIZE_CBS(fn) sets the synchronize_cbs op where it exists.
 * Also the names of feature bits VIRTIO_F_NOTIFICATION_DATA and
 * VIRTIO_F_RING_RESET.
 */
#ifndef _VB_LINUX_VIRTIO_CONFIG_H
#define _VB_LINUX_VIRTIO_CONFIG_H

#include_next <linux/virtio_config.h>

/* Feature bit 38 (virtio 1.1), named in the uapi since v6.4. */
#ifndef VIRTIO_F_NOTIFICATION_DATA
#define VIRTIO_F_NOTIFICATION_DATA	38
#endif

/* Feature bit 40 (virtio 1.2), named in the uapi since v5.18. */
#ifndef VIRTIO_F_RING_RESET
#define VIRTIO_F_RING_RESET		40
#endif

#ifdef __KERNEL__
#include <vb_probes.h>

#ifndef HAVE_VIRTQUEUE_INFO
#include <linux/slab.h>

struct virtqueue_info {
	const char *name;
	vq_callback_t *callback;
	bool ctx;
};

#define VB_DEFINE_FIND_VQS(fn)						\
static int fn##_vb_arrays(struct virtio_device *vdev, unsigned int nvqs,	\
			  struct virtqueue *vqs[],			\
			  vq_callback_t *callbacks[],			\
			  const char * const names[], const bool *ctx,	\
			  struct irq_affinity *desc)			\
{									\
	struct virtqueue_info *info;					\
	unsigned int i;							\
	int ret;							\
									\
	info = kcalloc(nvqs, sizeof(*info), GFP_KERNEL);		\
	if (!info)							\
		return -ENOMEM;						\
	for (i = 0; i < nvqs; i++) {					\
		info[i].name = names[i];				\
		info[i].callback = callbacks ? callbacks[i] : NULL;	\
		info[i].ctx = ctx ? ctx[i] : false;			\
	}								\
	ret = fn(vdev, nvqs, vqs, info, desc);				\
	kfree(info);							\
	return ret;							\
}

#define VB_FIND_VQS(fn) fn##_vb_arrays
#else
#define VB_DEFINE_FIND_VQS(fn)
#define VB_FIND_VQS(fn) fn
#endif

/*
 * VB_SYNCHRONIZE_CBS(fn): the .synchronize_cbs member of a virtio_config_ops
 * initializer where the kernel has that op (v5.19); nothing before, where
 * the core never waits for a transport's callbacks that way.
 */
#ifdef HAVE_VIRTIO_CONFIG_OPS_SYNCHRONIZE_CBS
#define VB_SYNCHRONIZE_CBS(fn)	.synchronize_cbs = (fn),
#else
#define VB_SYNCHRONIZE_CBS(fn)
#endif
#endif /* __KERNEL__ */

#endif /* _VB_LINUX_VIRTIO_CONFIG_H */
