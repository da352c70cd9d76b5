#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# vb_virtio_ccw guest tests.  Each program prints its own TAP; merge_tap
# (tests/lib/guest/tap.sh) makes one stream of them.  smoke.sh is the
# minimal takeover/handback check; the full suite adds its programs here.
# shellcheck source=/dev/null
. /vb/lib/tap.sh

# Every program needs a virtio-blk-ccw disk on the QEMU command line.
if ! grep -qx 3832/02 /sys/bus/ccw/devices/*/cutype 2>/dev/null; then
	echo "TAP version 13"
	echo "1..0 # SKIP no virtio-blk-ccw disk in this boot"
	exit 4
fi

# shellcheck disable=SC2043 # one program so far; the suite adds more
for t in smoke; do
	sh "./$t.sh"
	echo "@@end $t $?"
done | merge_tap
