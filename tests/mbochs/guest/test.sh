#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# In the guest: run mbochs_client against each mbochs target.  For now the
# only target is the upstream sample, built at test time from the release's
# linux-source by tests/mbochs/upstream-build and put in upstream/ by
# tests/mbochs/guest-files (upstream/unavailable says why it is missing).
# The client loads the .ko itself (finit_module, like insmod; it is not in
# /lib/modules, so it never clashes with our own mbochs.ko) and unloads it.
if [ -f upstream/unavailable ]; then
	echo "TAP version 13"
	echo "1..0 # SKIP $(cat upstream/unavailable)"
	exit 4
fi

# The stock dependencies; vfio_mdev (binds mdevs to VFIO) exists only
# up to 5.15.
for m in vfio vfio_iommu_type1 mdev; do
	if ! modprobe "$m"; then
		echo "TAP version 13"
		echo "1..1"
		echo "not ok 1 - modprobe $m"
		exit 1
	fi
done
if grep -q '/vfio_mdev\.ko:' "/lib/modules/$VB_KVER/modules.dep" &&
	! modprobe vfio_mdev; then
	echo "TAP version 13"
	echo "1..1"
	echo "not ok 1 - modprobe vfio_mdev"
	exit 1
fi

exec mbochs_client upstream upstream/mbochs.ko
