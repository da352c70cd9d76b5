# shellcheck shell=sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Sourced by guest tests (busybox sh); the initramfs has it as
# /vb/lib/modules.sh.  Loading the stock modules a test needs, with the
# failure reported as TAP.

# The stock modules an mdev parent needs.  vfio_mdev (binds mdevs to VFIO)
# exists only up to 5.15.
mdev_deps="vfio vfio_iommu_type1 mdev"
if grep -q '/vfio_mdev\.ko:' "/lib/modules/$VB_KVER/modules.dep"; then
	mdev_deps="$mdev_deps vfio_mdev"
fi

# modprobe_all MOD...: modprobe takes one module per call; the first that
# fails ends it, as a failing TAP stream of its own.
modprobe_all() {
	for m in "$@"; do
		if ! modprobe "$m"; then
			echo "TAP version 13"
			echo "1..1"
			echo "not ok 1 - modprobe $m"
			return 1
		fi
	done
}
