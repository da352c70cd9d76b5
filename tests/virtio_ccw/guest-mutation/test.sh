#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The mutation check (manual: tests/virtio_ccw/mutation asks for it with a
# vb_virtio_ccw built VB_VIRTIO_CCW_UNSERIALIZED=1): the config-space stress
# of ../guest, VB_BENCH runs (default 10) on our driver with the host
# resizing the disk, each reported as "# mutation: run I detected|missed".
# Every run is also a TAP line that passes either way: what counts is the
# detection rate, which tests/virtio_ccw/mutation prints and judges.
. ./lib.sh

RUNS=${VB_BENCH:-10}
SECS=6
SIZES="75497472 83886080 92274688 100663296 67108864"
SECTORS=$(for s in $SIZES; do printf '%s,' $((s / 512)); done)
echo "TAP version 13"
modprobe virtio_blk
dev=0.0.0010
if ! load_ours; then
	echo "1..0 # SKIP vb_virtio_ccw not loadable: $(head -n 1 /tmp/modprobe.err)"
	exit 4
fi
modinfo vb_virtio_ccw 2>/dev/null | grep -i unserial | sed 's/^/# modinfo: /'
vt vb_virtio_ccw takeover $dev
check "$dev on vb_virtio_ccw" owned $dev vb_virtio_ccw
disk=$(disk_of $dev)
i=1
detected=0
while [ $i -le "$RUNS" ]; do
	echo "# vb-vccw-host: resize d0 $SIZES"
	wait_for 60 eval '[ "$(cat /sys/block/$disk/size)" != 131072 ]'
	cfgstress "$disk" "$SECS" 4 "${SECTORS%,}" >/tmp/stress.out 2>&1
	rc=$?
	echo "# vb-vccw-host: stop d0 67108864"
	sed 's/^/# /' /tmp/stress.out
	if [ $rc != 0 ]; then
		echo "# mutation: run $i detected"
		detected=$((detected + 1))
	else
		echo "# mutation: run $i missed"
	fi
	ok "run $i of the stress: $( [ $rc != 0 ] && echo detected || echo missed)"
	wait_for 30 eval '[ "$(cat /sys/block/$disk/size)" = 131072 ]'
	i=$((i + 1))
done
echo "# mutation: detected $detected of $RUNS"
echo "1..$n"
[ "$fails" -eq 0 ]
