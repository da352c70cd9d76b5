// SPDX-License-Identifier: GPL-2.0-only
/*
 * vb_virtio_ccw: the virtio side.  virtio_config_ops on top of the channel
 * commands of the virtio-ccw transport, the virtqueues, and the life cycle
 * of the virtio device of an online ccw device.
 */
#include <linux/err.h>
#include <linux/io.h>
#include <linux/kvm_para.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>
#include <asm/virtio-ccw.h>

#include "vccw.h"

/*
 * Run one command whose payload is @len bytes at @data.  The payload goes
 * through the device's DMA payload buffer both ways: commands that read
 * from the device still carry input (READ_FEAT and READ_VQ_CONF pass the
 * index in the buffer).
 */
static int vccw_xfer_locked(struct vccw_device *vc, u8 cmd, u8 flags,
			    void *data, u16 len, bool from_device)
{
	u8 *buf = vc->dma->payload;
	int ret;

	if (WARN_ON_ONCE(len > sizeof(vc->dma->payload)))
		return -EINVAL;
	memcpy(buf, data, len);
	ret = vccw_do_io_locked(vc, cmd, flags, virt_to_dma32(buf), len);
	if (!ret && from_device)
		memcpy(data, buf, len);
	return ret;
}

static int vccw_xfer(struct vccw_device *vc, u8 cmd, u8 flags, void *data,
		     u16 len, bool from_device)
{
	int ret;

	vccw_io_lock(vc);
	ret = vccw_xfer_locked(vc, cmd, flags, data, len, from_device);
	vccw_io_unlock(vc);
	return ret;
}

/*
 * Revisions are tried from the highest we allow down; the host rejects the
 * ones it does not know.  A host that rejects revision 0 too predates the
 * command and speaks legacy virtio, which is revision 0.
 */
static int vccw_negotiate_revision(struct vccw_device *vc)
{
	struct vccw_rev_info rev = {};
	int r, ret;

	for (r = vccw_max_revision; r >= 0; r--) {
		rev.revision = r;
		rev.length = 0;		/* no revision so far has data */
		ret = vccw_xfer(vc, VCCW_CMD_SET_VIRTIO_REV, 0, &rev,
				sizeof(rev), false);
		if (ret != -EOPNOTSUPP)
			break;
	}
	if (r < 0) {
		r = 0;
		ret = 0;
	}
	if (ret)
		return ret;
	vc->revision = r;
	dev_dbg(&vc->cdev->dev, "transport revision %d\n", r);
	return 0;
}

static int vccw_read_features(struct vccw_device *vc, u8 index, u32 *word)
{
	struct vccw_feature_desc fd = { .index = index };
	int ret;

	ret = vccw_xfer(vc, VCCW_CMD_READ_FEAT, 0, &fd, sizeof(fd), true);
	if (!ret)
		*word = le32_to_cpu(fd.features);
	return ret;
}

static int vccw_write_features(struct vccw_device *vc, u8 index, u32 word)
{
	struct vccw_feature_desc fd = {
		.features = cpu_to_le32(word),
		.index = index,
	};

	return vccw_xfer(vc, VCCW_CMD_WRITE_FEAT, 0, &fd, sizeof(fd), false);
}

static u64 vccw_get_features(struct virtio_device *vdev)
{
	struct vccw_device *vc = to_vccw(vdev);
	u32 lo = 0, hi = 0;

	if (vccw_read_features(vc, 0, &lo))
		return 0;
	/* Legacy devices have 32 feature bits only. */
	if (vc->revision >= 1 && vccw_read_features(vc, 1, &hi))
		hi = 0;
	return (u64)hi << 32 | lo;
}

static int vccw_finalize_features(struct virtio_device *vdev)
{
	struct vccw_device *vc = to_vccw(vdev);
	int ret;

	if (vc->revision >= 1 && !__virtio_test_bit(vdev, VIRTIO_F_VERSION_1)) {
		dev_err(&vdev->dev,
			"transport revision %u needs VIRTIO_F_VERSION_1\n",
			vc->revision);
		return -EINVAL;
	}
	vring_transport_features(vdev);
	/*
	 * virtio-ccw has no channel command to reset a single queue, and we
	 * notify without data, so neither may be accepted even where the
	 * ring code would keep the bits.
	 */
	__virtio_clear_bit(vdev, VIRTIO_F_RING_RESET);
	__virtio_clear_bit(vdev, VIRTIO_F_NOTIFICATION_DATA);

	ret = vccw_write_features(vc, 0, lower_32_bits(vdev->features));
	if (ret || vc->revision == 0)
		return ret;
	return vccw_write_features(vc, 1, upper_32_bits(vdev->features));
}

static bool vccw_config_range_ok(struct vccw_device *vc, unsigned int offset,
				 unsigned int len)
{
	if (len <= VCCW_CONFIG_SIZE && offset <= VCCW_CONFIG_SIZE - len)
		return true;
	dev_err_ratelimited(&vc->cdev->dev,
			    "config access at %u+%u beyond %u bytes\n",
			    offset, len, VCCW_CONFIG_SIZE);
	return false;
}

/*
 * READ_CONF and WRITE_CONF always start at offset 0 and use the DMA
 * payload buffer directly.  Both run with io_mutex held from the channel
 * program to the shadow update, so the shadow always matches what the host
 * last saw, in program order.  On success the config bytes [0, end) are in
 * the payload buffer until io_mutex is dropped.
 */
static int vccw_read_config_locked(struct vccw_device *vc, unsigned int end)
{
	unsigned long flags;
	int ret;

	ret = vccw_do_io_locked(vc, VCCW_CMD_READ_CONF, 0,
				virt_to_dma32(vc->dma->payload), end);
	if (ret)
		return ret;
	vccw_config_lock(vc, &flags);
	memcpy(vc->config, vc->dma->payload, end);
	vc->config_valid = max(vc->config_valid, end);
	vccw_config_unlock(vc, flags);
	return 0;
}

static void vccw_get_config(struct virtio_device *vdev, unsigned int offset,
			    void *buf, unsigned int len)
{
	struct vccw_device *vc = to_vccw(vdev);
	int ret;

	if (!vccw_config_range_ok(vc, offset, len)) {
		memset(buf, 0, len);
		return;
	}
	vccw_io_lock(vc);
	ret = vccw_read_config_locked(vc, offset + len);
	if (ret)
		memset(buf, 0, len);
	else
		memcpy(buf, vc->dma->payload + offset, len);
	vccw_io_unlock(vc);
}

static void vccw_set_config(struct virtio_device *vdev, unsigned int offset,
			    const void *buf, unsigned int len)
{
	struct vccw_device *vc = to_vccw(vdev);
	unsigned int end = offset + len;
	unsigned long flags;
	int ret = 0;

	if (!vccw_config_range_ok(vc, offset, len))
		return;
	vccw_io_lock(vc);
	/* The write covers [0, end): the bytes before offset must be known. */
	if (vc->config_valid < offset)
		ret = vccw_read_config_locked(vc, offset);
	if (!ret) {
		vccw_config_lock(vc, &flags);
		memcpy(vc->config + offset, buf, len);
		memcpy(vc->dma->payload, vc->config, end);
		vc->config_valid = max(vc->config_valid, end);
		vccw_config_unlock(vc, flags);
		ret = vccw_do_io_locked(vc, VCCW_CMD_WRITE_CONF, 0,
					virt_to_dma32(vc->dma->payload), end);
	}
	vccw_io_unlock(vc);
	if (ret)
		dev_warn_ratelimited(&vc->cdev->dev,
				     "config write failed: %d\n", ret);
}

static u8 vccw_get_status(struct virtio_device *vdev)
{
	struct vccw_device *vc = to_vccw(vdev);
	u8 status;

	vccw_io_lock(vc);
	/*
	 * Revision 2 can read the status back; before that the last value
	 * written is the answer.  A failed read leaves the byte unchanged.
	 */
	if (vc->revision >= 2)
		vccw_do_io_locked(vc, VCCW_CMD_READ_STATUS, 0,
				  virt_to_dma32(&vc->dma->status),
				  sizeof(vc->dma->status));
	status = vc->dma->status;
	vccw_io_unlock(vc);
	return status;
}

static void vccw_set_status(struct virtio_device *vdev, u8 status)
{
	struct vccw_device *vc = to_vccw(vdev);
	u8 old;

	vccw_io_lock(vc);
	old = vc->dma->status;
	vc->dma->status = status;
	if (vccw_do_io_locked(vc, VCCW_CMD_WRITE_STATUS, 0,
			      virt_to_dma32(&vc->dma->status),
			      sizeof(vc->dma->status)))
		vc->dma->status = old;
	vccw_io_unlock(vc);
}

static void vccw_reset(struct virtio_device *vdev)
{
	struct vccw_device *vc = to_vccw(vdev);
	unsigned long flags;

	/*
	 * A device that was reset uses no buffer any more: stop answering
	 * for a gone one before the driver takes back what it still holds.
	 */
	vccw_reap_set_active(vc, false);
	vccw_io_lock(vc);
	vc->dma->status = 0;
	vccw_do_io_locked(vc, VCCW_CMD_VDEV_RESET, 0, 0, 0);
	/* The device may present a different config space after a reset. */
	vccw_config_lock(vc, &flags);
	vc->config_valid = 0;
	vccw_config_unlock(vc, flags);
	vccw_io_unlock(vc);
}

/*
 * Kick: DIAG 0x500 with the queue's cookie, which the host hands back.  A
 * host that refuses the notify no longer has the device (it may not have
 * told the guest yet): from then on, as after CIO_GONE, we answer the
 * queues ourselves, so the request just queued is not left behind.
 */
static bool vccw_notify(struct virtqueue *vq)
{
	struct vccw_device *vc = to_vccw(vq->vdev);
	struct vccw_vq *info = vq->priv;
	u32 schid;
	long cookie;

	if (READ_ONCE(vc->gone))
		return vccw_reap_kick(vc, vq);
	BUILD_BUG_ON(sizeof(vc->schid) != sizeof(schid));
	memcpy(&schid, &vc->schid, sizeof(schid));
	cookie = kvm_hypercall3(KVM_S390_VIRTIO_CCW_NOTIFY, schid, vq->index,
				READ_ONCE(info->cookie));
	WRITE_ONCE(info->cookie, cookie);
	if (cookie >= 0)
		return true;
	vccw_reap_gone(vc);
	return vccw_reap_kick(vc, vq);
}

static int vccw_register_vq(struct vccw_device *vc, struct vccw_vq *info,
			    bool release)
{
	struct virtqueue *vq = info->vq;
	struct vccw_vq_info_legacy l = {};
	struct vccw_vq_info s = {};

	if (vc->revision == 0) {
		l.index = info->index;
		if (!release) {
			l.queue = virtqueue_get_desc_addr(vq);
			l.align = KVM_VIRTIO_CCW_RING_ALIGN;
			l.num = virtqueue_get_vring_size(vq);
		}
		return vccw_xfer(vc, VCCW_CMD_SET_VQ, 0, &l, sizeof(l), false);
	}
	s.index = info->index;
	if (!release) {
		s.desc = virtqueue_get_desc_addr(vq);
		s.driver = virtqueue_get_avail_addr(vq);
		s.device = virtqueue_get_used_addr(vq);
		s.num = virtqueue_get_vring_size(vq);
	}
	return vccw_xfer(vc, VCCW_CMD_SET_VQ, 0, &s, sizeof(s), false);
}

static void vccw_del_vq(struct vccw_device *vc, struct vccw_vq *info)
{
	unsigned long flags;
	int ret;

	write_lock_irqsave(&vc->irq_lock, flags);
	list_del(&info->node);
	write_unlock_irqrestore(&vc->irq_lock, flags);

	ret = vccw_register_vq(vc, info, true);
	/* A device that is gone has no queues to release. */
	if (ret && ret != -ENODEV)
		dev_warn(&vc->cdev->dev, "releasing queue %u: %d\n",
			 info->index, ret);
	vring_del_virtqueue(info->vq);
	kfree(info);
}

static struct vccw_vq *vccw_setup_vq(struct vccw_device *vc,
				     unsigned int index,
				     vq_callback_t *callback,
				     const char *name, bool ctx)
{
	struct vccw_vq_config cfg = { .index = index };
	struct vccw_vq *info;
	struct virtqueue *vq;
	unsigned long flags;
	int ret;

	ret = vccw_xfer(vc, VCCW_CMD_READ_VQ_CONF, 0, &cfg, sizeof(cfg), true);
	if (ret)
		return ERR_PTR(ret);
	if (!cfg.num)
		return ERR_PTR(-ENOENT);

	info = kzalloc_obj(*info, GFP_KERNEL);
	if (!info)
		return ERR_PTR(-ENOMEM);
	info->index = index;
	info->airq_bit = -1;
	/* Legacy devices take the ring size they announce, nothing less. */
	vq = vring_create_virtqueue(index, cfg.num, KVM_VIRTIO_CCW_RING_ALIGN,
				    &vc->vdev, true, vc->revision > 0, ctx,
				    vccw_notify, callback, name);
	if (!vq) {
		kfree(info);
		return ERR_PTR(-ENOMEM);
	}
	vb_virtqueue_set_num_max(vq, cfg.num);
	vq->priv = info;
	info->vq = vq;

	ret = vccw_register_vq(vc, info, false);
	if (ret) {
		dev_warn(&vc->cdev->dev, "SET_VQ %u failed: %d\n", index, ret);
		vring_del_virtqueue(vq);
		kfree(info);
		return ERR_PTR(ret);
	}
	write_lock_irqsave(&vc->irq_lock, flags);
	list_add_tail(&info->node, &vc->vqs);
	write_unlock_irqrestore(&vc->irq_lock, flags);
	return info;
}

/* Tell the host where to signal: adapter interrupts, else classic. */
static int vccw_set_indicators(struct vccw_device *vc, struct vccw_vq **infos,
			       unsigned int n)
{
	struct vccw_thinint_area area = {};
	int ret;

	if (vc->thinint) {
		ret = vccw_airq_attach(vc, infos, n, &area);
		if (!ret) {
			ret = vccw_xfer(vc, VCCW_CMD_SET_IND_ADAPTER,
					CCW_FLAG_SLI, &area, sizeof(area),
					false);
			if (ret)
				vccw_airq_detach(vc);
		}
		if (ret == -ENODEV)
			return ret;
		if (ret) {
			dev_info(&vc->cdev->dev,
				 "adapter interrupts unavailable (%d), using classic indicators\n",
				 ret);
			vc->thinint = false;
		}
	}
	if (!vc->thinint) {
		if (n > VCCW_CLASSIC_MAX_VQS)
			return -EINVAL;
		vccw_io_lock(vc);
		vc->dma->indicators = 0;
		vc->dma->ind_addr = virt_to_phys(&vc->dma->indicators);
		ret = vccw_do_io_locked(vc, VCCW_CMD_SET_IND, 0,
					virt_to_dma32(&vc->dma->ind_addr),
					sizeof(vc->dma->ind_addr));
		vccw_io_unlock(vc);
		if (ret)
			return ret;
	}
	vccw_io_lock(vc);
	vc->dma->conf_indicators = 0;
	vc->dma->ind_addr = virt_to_phys(&vc->dma->conf_indicators);
	ret = vccw_do_io_locked(vc, VCCW_CMD_SET_CONF_IND, 0,
				virt_to_dma32(&vc->dma->ind_addr),
				sizeof(vc->dma->ind_addr));
	vccw_io_unlock(vc);
	return ret;
}

/* Make the host stop signalling before the queues go away. */
static void vccw_clear_indicators(struct vccw_device *vc)
{
	struct vccw_thinint_area area = {};
	int ret;

	if (vc->airq) {
		/* A registration without queue indicators switches them off. */
		area.summary_indicator = vc->airq_summary;
		area.isc = VCCW_AIRQ_ISC;
		ret = vccw_xfer(vc, VCCW_CMD_SET_IND_ADAPTER, CCW_FLAG_SLI,
				&area, sizeof(area), false);
	} else {
		vccw_io_lock(vc);
		vc->dma->ind_addr = 0;
		ret = vccw_do_io_locked(vc, VCCW_CMD_SET_IND, 0,
					virt_to_dma32(&vc->dma->ind_addr),
					sizeof(vc->dma->ind_addr));
		vccw_io_unlock(vc);
	}
	if (ret && ret != -ENODEV)
		dev_info(&vc->cdev->dev, "deregistering indicators: %d\n", ret);
	/* Either way no handler may reach our queues any more. */
	vccw_airq_detach(vc);
}

static void vccw_del_vqs(struct virtio_device *vdev)
{
	struct vccw_device *vc = to_vccw(vdev);
	struct vccw_vq *info, *tmp;

	/* Nothing may touch the rings once they are freed. */
	vccw_reap_set_active(vc, false);
	vccw_clear_indicators(vc);
	list_for_each_entry_safe(info, tmp, &vc->vqs, node)
		vccw_del_vq(vc, info);
}

static int vccw_find_vqs(struct virtio_device *vdev, unsigned int nvqs,
			 struct virtqueue *vqs[],
			 struct virtqueue_info vqs_info[],
			 struct irq_affinity *desc)
{
	struct vccw_device *vc = to_vccw(vdev);
	struct vccw_vq **infos;
	unsigned int i, n = 0;
	int ret;

	infos = kcalloc(nvqs, sizeof(*infos), GFP_KERNEL);
	if (!infos)
		return -ENOMEM;
	for (i = 0; i < nvqs; i++) {
		vqs[i] = NULL;
		if (!vqs_info[i].name)
			continue;
		infos[n] = vccw_setup_vq(vc, n, vqs_info[i].callback,
					 vqs_info[i].name, vqs_info[i].ctx);
		if (IS_ERR(infos[n])) {
			ret = PTR_ERR(infos[n]);
			goto fail;
		}
		vqs[i] = infos[n]->vq;
		n++;
	}
	vc->thinint = vccw_use_airq && n;
	ret = vccw_set_indicators(vc, infos, n);
	if (ret)
		goto fail;
	kfree(infos);
	/* The queues exist: if the device goes, we answer for it. */
	vccw_reap_set_active(vc, true);
	return 0;

fail:
	kfree(infos);
	vccw_del_vqs(vdev);
	for (i = 0; i < nvqs; i++)
		vqs[i] = NULL;
	return ret;
}

VB_DEFINE_FIND_VQS(vccw_find_vqs)

/*
 * Wait until no interrupt path can still be calling a queue callback: the
 * classic handler holds irq_lock, the adapter handler its area's lock.
 */
static void __maybe_unused vccw_synchronize_cbs(struct virtio_device *vdev)
{
	struct vccw_device *vc = to_vccw(vdev);

	write_lock_irq(&vc->irq_lock);
	write_unlock_irq(&vc->irq_lock);
	vccw_airq_sync(vc);
}

static const char *vccw_bus_name(struct virtio_device *vdev)
{
	return dev_name(&to_vccw(vdev)->cdev->dev);
}

static const struct virtio_config_ops vccw_config_ops = {
	.get = vccw_get_config,
	.set = vccw_set_config,
	.get_status = vccw_get_status,
	.set_status = vccw_set_status,
	.reset = vccw_reset,
	.find_vqs = VB_FIND_VQS(vccw_find_vqs),
	.del_vqs = vccw_del_vqs,
	VB_SYNCHRONIZE_CBS(vccw_synchronize_cbs)
	.get_features = vccw_get_features,
	.finalize_features = vccw_finalize_features,
	.bus_name = vccw_bus_name,
};

static void vccw_release(struct device *dev)
{
	struct vccw_device *vc = to_vccw(dev_to_virtio(dev));

	ccw_device_dma_free(vc->cdev, vc->dma, sizeof(*vc->dma));
	kfree(vc);
}

static void vccw_publish(struct vccw_port *port, struct vccw_device *vc)
{
	unsigned long flags;

	spin_lock_irqsave(get_ccwdev_lock(port->cdev), flags);
	port->online = vc;
	spin_unlock_irqrestore(get_ccwdev_lock(port->cdev), flags);
}

static void vccw_set_registered(struct vccw_device *vc, bool registered)
{
	unsigned long flags;

	spin_lock_irqsave(get_ccwdev_lock(vc->cdev), flags);
	vc->registered = registered;
	spin_unlock_irqrestore(get_ccwdev_lock(vc->cdev), flags);
}

/* set_online: the ccw device is online, give it a virtio device. */
int vccw_online_virtio(struct ccw_device *cdev, struct vccw_port *port)
{
	struct vccw_device *vc;
	int ret;

	vc = kzalloc_obj(*vc, GFP_KERNEL);
	if (!vc)
		return -ENOMEM;
	vc->cdev = cdev;
	vccw_io_init(vc);
	vccw_reap_init(vc);
	vc->dma = ccw_device_dma_zalloc(cdev, sizeof(*vc->dma), &vc->dma_addr);
	if (!vc->dma) {
		kfree(vc);
		return -ENOMEM;
	}
	ccw_device_get_schid(cdev, &vc->schid);
	vc->vdev.dev.parent = &cdev->dev;
	vc->vdev.dev.release = vccw_release;
	vc->vdev.config = &vccw_config_ops;
	vc->vdev.id.vendor = cdev->id.cu_type;
	vc->vdev.id.device = cdev->id.cu_model;
	cdev->dev.dma_parms = &vc->dma_parms;

	vccw_publish(port, vc);
	ret = vccw_negotiate_revision(vc);
	if (ret) {
		dev_warn(&cdev->dev, "transport revision: %d\n", ret);
		vccw_publish(port, NULL);
		vccw_reap_set_active(vc, false);
		cdev->dev.dma_parms = NULL;
		vccw_release(&vc->vdev.dev);
		return ret;
	}
	ret = register_virtio_device(&vc->vdev);
	if (ret) {
		dev_warn(&cdev->dev, "registering the virtio device: %d\n",
			 ret);
		vccw_publish(port, NULL);
		vccw_reap_set_active(vc, false);
		cdev->dev.dma_parms = NULL;
		put_device(&vc->vdev.dev);
		return ret;
	}
	vccw_set_registered(vc, true);
	return 0;
}

/* set_offline and remove: take the virtio device away again. */
void vccw_offline_virtio(struct vccw_port *port)
{
	struct ccw_device *cdev = port->cdev;
	struct vccw_device *vc;
	unsigned long flags;
	bool lost;

	spin_lock_irqsave(get_ccwdev_lock(cdev), flags);
	vc = port->online;
	lost = port->lost;
	spin_unlock_irqrestore(get_ccwdev_lock(cdev), flags);
	if (!vc)
		return;
	/*
	 * A lost device is answered for until the driver resets it (reap.c),
	 * so that its remove does not wait for requests the host dropped.
	 * Its queues are not broken here: a broken queue hands the driver
	 * no completion, not even ours.
	 */
	if (lost) {
		vccw_fail_io(vc, -ENODEV);
		vccw_reap_gone(vc);
	}
	/*
	 * Hold vc until the interrupt handler can no longer find it: the
	 * last reference may go with unregister_virtio_device().
	 */
	get_device(&vc->vdev.dev);
	vccw_set_registered(vc, false);
	unregister_virtio_device(&vc->vdev);
	/* Normally stopped by the driver's reset or del_vqs already. */
	vccw_reap_set_active(vc, false);
	vccw_publish(port, NULL);
	cdev->dev.dma_parms = NULL;
	put_device(&vc->vdev.dev);
}
