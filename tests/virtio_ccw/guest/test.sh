#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# vb_virtio_ccw guest tests.  Each program prints its own TAP; merge_tap
# (tests/lib/guest/tap.sh) makes one stream of them.  smoke.sh is the
# minimal takeover/handback check; the full suite adds its programs here.
# shellcheck source=/dev/null
. /vb/lib/tap.sh

# shellcheck disable=SC2043 # one program so far; the suite adds more
for t in smoke; do
	sh "./$t.sh"
	echo "@@end $t $?"
done | merge_tap
