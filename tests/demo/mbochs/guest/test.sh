#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# `make demo` in the guest (tests/demo/run boots it): load mbochs, find the
# disk the host gave us for the picture, run mbochs_demo.
for m in vfio vfio_iommu_type1 mdev mbochs virtio_pci virtio_blk; do
	modprobe "$m" 2>/dev/null
done
# 5.10 binds mdevs to VFIO with vfio_mdev, newer kernels need nothing.
modprobe vfio_mdev 2>/dev/null
i=0
while [ ! -b /dev/vda ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
if [ ! -b /dev/vda ]; then
	echo "TAP version 13"
	echo "1..1"
	echo "not ok 1 - a virtio disk for the picture (/dev/vda)"
	exit 1
fi
exec mbochs_demo /dev/vda
