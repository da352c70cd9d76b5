/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim for <linux/mdev.h>: the mainline mdev parent interface (v6.1,
 * mdev_register_parent()) on kernels that only have mdev_parent_ops.
 */
#ifndef _VB_LINUX_MDEV_H
#define _VB_LINUX_MDEV_H

/* Before v5.15 <linux/mdev.h> relied on its includer for struct device and guid_t. */
#include <linux/device.h>
#include <linux/uuid.h>
#include_next <linux/mdev.h>

#include <vb_probes.h>

#ifndef HAVE_MDEV_REGISTER_PARENT
#ifndef HAVE_MDEV_PARENT_OPS_CREATE_KOBJ
#error "mdev: this kernel has neither mdev_register_parent() nor mdev_parent_ops.create(kobj, mdev)"
#endif
#include <vb/mdev_compat.h>
#endif

#endif /* _VB_LINUX_MDEV_H */
