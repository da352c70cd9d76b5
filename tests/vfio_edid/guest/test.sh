#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# In the guest: load vfio_edid and drive it through debugfs (the generator and
# the loopback instance, which forwards to the real region handler).  The
# harness has mounted debugfs and put vfio_edid_test on PATH.
if ! modprobe vfio_edid; then
	echo "TAP version 13"
	echo "1..1"
	echo "not ok 1 - modprobe vfio_edid"
	exit 1
fi
vfio_edid_test "$VB_VERSION"
rc=$?
# A library with no users must unload cleanly.
if ! rmmod vfio_edid; then
	echo "# rmmod vfio_edid failed"
	exit 1
fi
exit $rc
