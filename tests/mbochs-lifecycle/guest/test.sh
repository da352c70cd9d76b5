#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# In the guest: the life cycle of mbochs mdevs (rmmod and remove while the
# device is open or mapped, create/remove cycles with the slab kept flat),
# against the upstream sample (upstream/, from tests/mbochs/guest-files) and
# ours.  A folder of its own because the cycles take most of a test's time
# budget under TCG.  mbochs_lifecycle loads and unloads each module itself.

# merge_tap: one TAP stream from several programs (see tests/lib/guest/tap.sh).
# shellcheck source-path=SCRIPTDIR source=../../lib/guest/tap.sh
. /vb/lib/tap.sh
# modprobe_all and mdev_deps, the stock modules of an mdev parent (see
# tests/lib/guest/modules.sh).
# shellcheck source=../../lib/guest/modules.sh
. /vb/lib/modules.sh

# Cycles per target.  Measured under TCG on a loaded host, mbochs-medium:
# ours 22-33 ms a cycle (it zeroes 16 MiB of VRAM per instance), the sample
# 4-19 ms (it allocates VRAM pages on first touch).  The sample is only the
# baseline of the mdev core, so half as many cycles keep the test near 45 s.
cycles=1000
upstream_cycles=500

run_upstream() {
	if [ -f upstream/unavailable ]; then
		skip_all "upstream: $(cat upstream/unavailable)"
		return 4
	fi
	# shellcheck disable=SC2086 # a word list
	modprobe_all $mdev_deps || return 1
	mbochs_lifecycle upstream upstream/mbochs.ko --cycles "$upstream_cycles"
}

run_ours() {
	ko=$(sed -n 's,^\(updates/mbochs\.ko\):.*,\1,p' "/lib/modules/$VB_KVER/modules.dep")
	if [ -z "$ko" ]; then
		skip_all "ours: mbochs.ko is not built for $VB_KVER"
		return 4
	fi
	# Our mbochs needs vfio_edid, which the program does not load.
	# shellcheck disable=SC2086 # a word list
	modprobe_all $mdev_deps vfio_edid || return 1
	mbochs_lifecycle ours "/lib/modules/$VB_KVER/$ko" --cycles "$cycles"
	rc=$?
	rmmod vfio_edid || {
		echo "not ok - rmmod vfio_edid after the test"
		rc=1
	}
	return $rc
}

{
	run_upstream
	echo "@@end mbochs_lifecycle-upstream $?"
	run_ours
	echo "@@end mbochs_lifecycle-ours $?"
} | merge_tap
