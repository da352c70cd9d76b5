// SPDX-License-Identifier: GPL-2.0-only
/*
 * vb_virtio_ccw: the channel-program engine.  A device runs one channel
 * program at a time: io_mutex is held from the start of a program to the
 * moment its result has been read, so the single CCW in the device's DMA
 * area, the payload buffers and the result slot always belong to exactly
 * one caller.  The interrupt handler completes a request only when the
 * interrupt parameter carries that request's tag.
 */
#include <linux/bitops.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>
#include <asm/cio.h>

#include "vccw.h"

#ifdef VB_VIRTIO_CCW_UNSERIALIZED
/*
 * Mutation-check build: no serialization at all, so that the stress tests
 * can show that they notice.  main.c warns loudly at load time.
 */
void vccw_io_lock(struct vccw_device *vc)
{
}

void vccw_io_unlock(struct vccw_device *vc)
{
}

void vccw_config_lock(struct vccw_device *vc, unsigned long *flags)
{
	*flags = 0;
}

void vccw_config_unlock(struct vccw_device *vc, unsigned long flags)
{
}

static void vccw_assert_io_locked(struct vccw_device *vc)
{
}
#else
void vccw_io_lock(struct vccw_device *vc)
{
	mutex_lock(&vc->io_mutex);
}

void vccw_io_unlock(struct vccw_device *vc)
{
	mutex_unlock(&vc->io_mutex);
}

void vccw_config_lock(struct vccw_device *vc, unsigned long *flags)
	__acquires(&vc->config_lock)
{
	spin_lock_irqsave(&vc->config_lock, *flags);
}

void vccw_config_unlock(struct vccw_device *vc, unsigned long flags)
	__releases(&vc->config_lock)
{
	spin_unlock_irqrestore(&vc->config_lock, flags);
}

static void vccw_assert_io_locked(struct vccw_device *vc)
{
	lockdep_assert_held(&vc->io_mutex);
}
#endif

void vccw_io_init(struct vccw_device *vc)
{
	mutex_init(&vc->io_mutex);
	init_completion(&vc->slot.done);
	spin_lock_init(&vc->config_lock);
	rwlock_init(&vc->irq_lock);
	INIT_LIST_HEAD(&vc->vqs);
}

/*
 * Interrupt parameters identify requests.  0 is what the channel subsystem
 * reports for unsolicited interrupts, so it is never a tag.
 */
static u32 vccw_new_tag(struct vccw_device *vc)
{
	if (++vc->next_tag == 0)
		vc->next_tag = 1;
	return vc->next_tag;
}

/* Called with the ccw device lock held. */
static void vccw_complete_locked(struct vccw_device *vc, u32 tag, int err)
{
	if (!vc->slot.tag || vc->slot.tag != tag)
		return;
	vc->slot.err = err;
	vc->slot.tag = 0;
	complete(&vc->slot.done);
}

/*
 * vccw_fail_io_locked: the device is gone.  Refuse new channel programs and
 * give the one in flight (if any) an error at once instead of letting it
 * wait for an interrupt that will not come.  Caller holds the ccw device
 * lock.
 */
void vccw_fail_io_locked(struct vccw_device *vc, int err)
{
	vc->broken = true;
	if (vc->slot.tag)
		vccw_complete_locked(vc, vc->slot.tag, err);
}

void vccw_fail_io(struct vccw_device *vc, int err)
{
	unsigned long flags;

	spin_lock_irqsave(get_ccwdev_lock(vc->cdev), flags);
	vccw_fail_io_locked(vc, err);
	spin_unlock_irqrestore(get_ccwdev_lock(vc->cdev), flags);
}

static int vccw_start(struct vccw_device *vc, u32 *tag)
{
	struct ccw_device *cdev = vc->cdev;
	unsigned long deadline = jiffies + HZ;
	unsigned long flags;
	int ret;

	for (;;) {
		spin_lock_irqsave(get_ccwdev_lock(cdev), flags);
		if (vc->broken) {
			ret = -ENODEV;
		} else {
			*tag = vccw_new_tag(vc);
			vc->slot.tag = *tag;
			vc->slot.err = 0;
			reinit_completion(&vc->slot.done);
			ret = ccw_device_start(cdev, &vc->dma->ccw, *tag, 0, 0);
			if (ret)
				vc->slot.tag = 0;
		}
		spin_unlock_irqrestore(get_ccwdev_lock(cdev), flags);
		/* Busy: status of an earlier program is still pending. */
		if (ret != -EBUSY || time_after(jiffies, deadline))
			return ret;
		usleep_range(50, 200);
	}
}

/*
 * The host did not answer within io_timeout: terminate the program with a
 * clear, whose completion interrupt carries the same tag.  If even that
 * does not come back, the device is unusable.
 */
static int vccw_cancel(struct vccw_device *vc, u32 tag)
{
	struct ccw_device *cdev = vc->cdev;
	unsigned long flags;
	bool pending;

	spin_lock_irqsave(get_ccwdev_lock(cdev), flags);
	pending = vc->slot.tag == tag;
	if (pending && ccw_device_clear(cdev, tag))
		vccw_complete_locked(vc, tag, -ETIMEDOUT);
	spin_unlock_irqrestore(get_ccwdev_lock(cdev), flags);
	if (!pending)
		return vc->slot.err;

	dev_err(&cdev->dev, "channel program timed out after %u s, cleared\n",
		vccw_io_timeout);
	if (!wait_for_completion_timeout(&vc->slot.done, 5 * HZ)) {
		dev_err(&cdev->dev, "clear did not complete: device unusable\n");
		vccw_fail_io(vc, -ETIMEDOUT);
	}
	return -ETIMEDOUT;
}

/**
 * vccw_do_io_locked - run one channel command and wait for its end
 * @vc: the device, with io_mutex held
 * @cmd: channel command code
 * @flags: CCW flags (CCW_FLAG_SLI where the host may transfer less)
 * @cda: DMA address of the payload
 * @count: payload length
 *
 * Return: 0, -EOPNOTSUPP on a command reject, -ENODEV when the device is
 * gone, -ETIMEDOUT or another error.
 */
int vccw_do_io_locked(struct vccw_device *vc, u8 cmd, u8 flags,
		      dma32_t cda, u16 count)
{
	struct ccw1 *ccw = &vc->dma->ccw;
	u32 tag = 0;
	int ret;

	vccw_assert_io_locked(vc);
	ccw->cmd_code = cmd;
	ccw->flags = flags;
	ccw->count = count;
	ccw->cda = cda;
	ret = vccw_start(vc, &tag);
	if (ret)
		return ret;
	if (!wait_for_completion_timeout(&vc->slot.done,
					 vccw_io_timeout * HZ))
		return vccw_cancel(vc, tag);
	return vc->slot.err;
}

int vccw_do_io(struct vccw_device *vc, u8 cmd, u8 flags, dma32_t cda,
	       u16 count)
{
	int ret;

	vccw_io_lock(vc);
	ret = vccw_do_io_locked(vc, cmd, flags, cda, count);
	vccw_io_unlock(vc);
	return ret;
}

static int vccw_irb_err(struct irb *irb)
{
	u32 dstat = scsw_dstat(&irb->scsw);

	if (scsw_fctl(&irb->scsw) & SCSW_FCTL_CLEAR_FUNC)
		return -ETIMEDOUT;
	if (scsw_cstat(&irb->scsw) || scsw_cc(&irb->scsw))
		return -EIO;
	if (!(dstat & ~(DEV_STAT_CHN_END | DEV_STAT_DEV_END)))
		return 0;
	/* The host rejects commands (and revisions) it does not know. */
	if ((dstat & DEV_STAT_UNIT_CHECK) && (irb->ecw[0] & SNS0_CMD_REJECT))
		return -EOPNOTSUPP;
	return -EIO;
}

/* Classic indicators: the host sets bit n for queue n, then interrupts. */
static void vccw_classic_interrupt(struct vccw_device *vc)
{
	unsigned long *ind = &vc->dma->indicators;
	struct vccw_vq *info;

	if (!READ_ONCE(*ind))
		return;
	read_lock(&vc->irq_lock);
	list_for_each_entry(info, &vc->vqs, node) {
		if (info->index >= VCCW_CLASSIC_MAX_VQS)
			continue;
		/* Clear before the ring is looked at, so no kick is lost. */
		if (test_and_clear_bit(info->index, ind))
			vring_interrupt(0, info->vq);
	}
	read_unlock(&vc->irq_lock);
}

/*
 * The channel subsystem calls this with the ccw device lock held: the
 * port's online pointer cannot change under us.
 */
void vccw_irq_handler(struct ccw_device *cdev, unsigned long intparm,
		      struct irb *irb)
{
	struct vccw_port *port = dev_get_drvdata(&cdev->dev);
	struct vccw_device *vc = port ? port->online : NULL;

	if (!vc)
		return;
	if (IS_ERR(irb)) {
		/* The channel subsystem gave up on the current request. */
		vccw_complete_locked(vc, intparm, PTR_ERR(irb));
		return;
	}
	if (intparm && scsw_is_solicited(&irb->scsw) &&
	    (scsw_stctl(&irb->scsw) & SCSW_STCTL_STATUS_PEND))
		vccw_complete_locked(vc, intparm, vccw_irb_err(irb));

	vccw_classic_interrupt(vc);
	if (test_and_clear_bit(0, &vc->dma->conf_indicators))
		virtio_config_changed(&vc->vdev);
}
