#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# In the guest: load vfio_edid and drive it through debugfs (the generator and
# the loopback instance, which forwards to the real region handler): first the
# functional test, then a bounded fuzz with a fixed seed.  The harness has
# mounted debugfs and put vfio_edid_test and vfio_edid_fuzz on PATH.
if ! modprobe vfio_edid; then
	echo "TAP version 13"
	echo "1..1"
	echo "not ok 1 - modprobe vfio_edid"
	exit 1
fi

# merge_tap: one TAP stream from several programs (see tests/lib/guest/tap.sh).
. /vb/lib/tap.sh

# The fuzz checks every register and the whole blob after each operation, so
# it costs about 8 syscalls per operation; keep it near 10 s even when TCG
# shares the host with other boots.  Measured, 100000 ops: amd64 4-7 s,
# ppc64el 7-9 s; s390x is far slower per syscall (1400-2200 ops/s).
case $VB_ARCH in
s390x) fuzz_ops=25000 ;;
*) fuzz_ops=100000 ;;
esac
fuzz_ops=${VB_FUZZ_OPS:-$fuzz_ops}

{
	vfio_edid_test "$VB_VERSION"
	echo "@@end vfio_edid_test $?"
	vfio_edid_fuzz --seed "${VB_FUZZ_SEED:-1}" --ops "$fuzz_ops"
	echo "@@end vfio_edid_fuzz $?"
} | merge_tap
rc=$?
# A library with no users must unload cleanly.
if ! rmmod vfio_edid; then
	echo "# rmmod vfio_edid failed"
	exit 1
fi
exit $rc
