/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vb_virtio_ccw: virtio over s390 channel I/O, written for virt-backports.
 * Shared definitions of the ccw glue (main.c), the channel-program engine
 * (io.c), the adapter-interrupt areas (airq.c) and the virtio_config_ops
 * (virtio.c).
 */
#ifndef _VB_VCCW_H
#define _VB_VCCW_H

#include <linux/completion.h>
#include <linux/device.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/virtio.h>
#include <linux/workqueue.h>
#include <asm/ccwdev.h>
#include <asm/cio.h>
#include <asm/isc.h>
#include <asm/schid.h>

#define VCCW_NAME		"vb_virtio_ccw"

/* Control-unit type of every virtio-ccw device (virtio spec, 4.3). */
#define VCCW_CU_TYPE		0x3832

/* Channel commands of the virtio-ccw transport (virtio spec, 4.3.2). */
#define VCCW_CMD_WRITE_FEAT	0x11
#define VCCW_CMD_READ_FEAT	0x12
#define VCCW_CMD_SET_VQ		0x13
#define VCCW_CMD_WRITE_CONF	0x21
#define VCCW_CMD_READ_CONF	0x22
#define VCCW_CMD_WRITE_STATUS	0x31
#define VCCW_CMD_READ_VQ_CONF	0x32
#define VCCW_CMD_VDEV_RESET	0x33
#define VCCW_CMD_SET_IND	0x43
#define VCCW_CMD_SET_CONF_IND	0x53
#define VCCW_CMD_READ_STATUS	0x72
#define VCCW_CMD_SET_IND_ADAPTER 0x73
#define VCCW_CMD_SET_VIRTIO_REV	0x83

/* Interrupt subclass of virtio adapter interrupts, the one QEMU expects. */
#define VCCW_AIRQ_ISC		IO_SCH_ISC

/* The highest transport revision we speak (2 adds READ_STATUS). */
#define VCCW_REV_MAX		2

/* The device's config space is at most this big (the READ_CONF limit). */
#define VCCW_CONFIG_SIZE	0x100

/* Classic indicators are one 64-bit word: at most 64 queues. */
#define VCCW_CLASSIC_MAX_VQS	64

/*
 * Payloads of the channel commands.  All are big-endian on the wire,
 * which is the CPU's byte order on s390, except the feature word, which
 * the spec defines as little-endian.
 */
struct vccw_feature_desc {
	__le32 features;
	u8 index;
} __packed;

struct vccw_rev_info {
	u16 revision;
	u16 length;
} __packed;

struct vccw_vq_config {
	u16 index;
	u16 num;
} __packed;

/* SET_VQ for revision 0: one contiguous legacy ring. */
struct vccw_vq_info_legacy {
	u64 queue;
	u32 align;
	u16 index;
	u16 num;
} __packed;

/* SET_VQ for revision 1 and later: the three ring parts separately. */
struct vccw_vq_info {
	u64 desc;
	u32 res0;
	u16 index;
	u16 num;
	u64 driver;
	u64 device;
} __packed;

struct vccw_thinint_area {
	u64 summary_indicator;
	u64 indicator;
	u64 bit_nr;
	u8 isc;
} __packed;

/*
 * Device-visible state of one online device, in one DMA allocation below
 * 2 GiB (channel programs take 31-bit addresses): the host reads the
 * channel command word, writes the indicators, reads and writes the status.
 */
struct vccw_dma_area {
	struct ccw1 ccw;		/* the one channel program, io_mutex */
	unsigned long indicators;	/* classic queue indicators: bit n = queue n */
	unsigned long conf_indicators;	/* bit 0: the config space changed */
	u64 ind_addr;			/* payload of SET_IND and SET_CONF_IND */
	u8 status;
	/*
	 * Payload of every other command (config space, feature words,
	 * queue and indicator setup), io_mutex: one program at a time, so
	 * one buffer serves them all and no command allocates.
	 */
	u8 payload[VCCW_CONFIG_SIZE] __aligned(8);
} __aligned(8);

struct vccw_airq_area;

/* One virtqueue. */
struct vccw_vq {
	struct virtqueue *vq;
	struct list_head node;		/* in vccw_device.vqs, irq_lock */
	unsigned int index;
	long cookie;			/* DIAG 0x500 hint from the host */
	/* adapter-interrupt bit of this queue, or -1 (classic) */
	long airq_bit;
	/*
	 * Packed rings only, reap_lock: where the gone host stopped (reap.c)
	 * and, from then on, where we stand in for it: the next descriptor
	 * to use and its wrap counter.
	 */
	bool reap_known;
	bool reap_wrap;
	u16 reap_next;
};

/*
 * The result slot of the one channel program a device may have in flight.
 * A request owns the slot from its start to its completion; the interrupt
 * handler fills it only when the interrupt parameter equals the slot's tag,
 * so a late or unsolicited interrupt can never complete another request.
 */
struct vccw_slot {
	u32 tag;			/* 0: no request in flight */
	int err;
	struct completion done;
};

/* One online device: created by set_online, gone after set_offline. */
struct vccw_device {
	struct virtio_device vdev;
	struct ccw_device *cdev;
	struct device_dma_parameters dma_parms;
	struct subchannel_id schid;
	unsigned int revision;
	bool thinint;			/* adapter interrupts in use */

	/*
	 * io_mutex serializes channel programs: start, wait, reading the
	 * result and reusing the DMA area.  The slot itself (and broken) is
	 * protected by the ccw device lock, which the interrupt handler
	 * holds.
	 */
	struct mutex io_mutex;
	struct vccw_slot slot;
	u32 next_tag;
	bool broken;			/* lost or removed: fail every request */
	bool registered;		/* vdev registered: may be referenced */
	struct vccw_dma_area *dma;
	dma32_t dma_addr;

	/* Shadow of the device's config space, under config_lock. */
	spinlock_t config_lock;
	u8 config[VCCW_CONFIG_SIZE];
	unsigned int config_valid;	/* bytes of config[] read from the host */

	/*
	 * irq_lock: readers are the interrupt paths that look up queues,
	 * writers add or remove queues and synchronize callbacks.
	 */
	rwlock_t irq_lock;
	struct list_head vqs;
	struct vccw_airq_area *airq;	/* area holding our queue bits */
	unsigned long airq_first;	/* first bit of ours in it */
	unsigned int airq_nbits;
	u64 airq_summary;		/* DMA address of the area's summary */

	/*
	 * Standing in for a gone device (reap.c).  reap_lock serializes the
	 * reaper's ring writes and guards the flags; gone is also read
	 * without it on the notify path.
	 */
	spinlock_t reap_lock;
	bool gone;			/* the host has dropped the device */
	bool reap_active;		/* queues set up and not yet reset */
	bool reap_failed;		/* cannot reap: queues broken instead */
	unsigned long reaped;		/* buffers we used in the host's place */
	struct delayed_work reap_work;
};

/*
 * One ccw device bound to us: lives from probe to remove.  online points to
 * the current vccw_device; it changes under the ccw device lock, which the
 * interrupt handler also holds, so the handler never sees a stale pointer.
 */
struct vccw_port {
	struct ccw_device *cdev;
	struct vccw_device *online;
	struct work_struct online_work;
	bool lost;
};

static inline struct vccw_device *to_vccw(struct virtio_device *vdev)
{
	return container_of(vdev, struct vccw_device, vdev);
}

/* Module parameters, read-only after load. */
extern bool vccw_use_airq;
extern unsigned int vccw_io_timeout;
extern unsigned int vccw_max_revision;

/* io.c */
void vccw_io_init(struct vccw_device *vc);
void vccw_io_lock(struct vccw_device *vc);
void vccw_io_unlock(struct vccw_device *vc);
int vccw_do_io_locked(struct vccw_device *vc, u8 cmd, u8 flags,
		      dma32_t cda, u16 count);
int vccw_do_io(struct vccw_device *vc, u8 cmd, u8 flags, dma32_t cda,
	       u16 count);
void vccw_fail_io_locked(struct vccw_device *vc, int err);
void vccw_fail_io(struct vccw_device *vc, int err);
void vccw_irq_handler(struct ccw_device *cdev, unsigned long intparm,
		      struct irb *irb);
void vccw_config_lock(struct vccw_device *vc, unsigned long *flags);
void vccw_config_unlock(struct vccw_device *vc, unsigned long flags);

/* airq.c */
int vccw_airq_attach(struct vccw_device *vc, struct vccw_vq **vqs,
		     unsigned int nvqs, struct vccw_thinint_area *area);
void vccw_airq_detach(struct vccw_device *vc);
void vccw_airq_sync(struct vccw_device *vc);
void vccw_airq_exit(void);

/* reap.c */
void vccw_reap_init(struct vccw_device *vc);
void vccw_reap_gone(struct vccw_device *vc);
bool vccw_reap_kick(struct vccw_device *vc, struct virtqueue *vq);
void vccw_reap_set_active(struct vccw_device *vc, bool active);
int vccw_reap_wq_init(void);
void vccw_reap_wq_exit(void);

/* virtio.c */
int vccw_online_virtio(struct ccw_device *cdev, struct vccw_port *port);
void vccw_offline_virtio(struct vccw_port *port);

#endif /* _VB_VCCW_H */
