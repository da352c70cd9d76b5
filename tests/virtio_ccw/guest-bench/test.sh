#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make bench's virtio-ccw part (manual: only tests/virtio_ccw/bench/run asks
# for it): the same disk in the same boot, driven by the built-in transport
# and by ours in turns (vb-virtio-ccw moves it between rounds), ROUNDS
# rounds of sequential read, 4 KiB random read and config-read latency.
# The figures are "# bench: DRIVER ROUND KIND VALUE" lines for the host.
. ./lib.sh

ROUNDS=${VB_BENCH:-3}
SECS=${VB_BENCH_SECS:-5}
echo "TAP version 13"
modprobe virtio_blk
dev=0.0.0010
if ! load_ours; then
	echo "1..0 # SKIP vb_virtio_ccw not loadable: $(head -n 1 /tmp/modprobe.err)"
	exit 4
fi
disk=$(disk_of $dev)
# Fill the disk so reads are of written blocks, not holes.
dd if=/dev/zero of="/dev/$disk" bs=1M count=128 oflag=direct 2>/dev/null
r=1
while [ $r -le "$ROUNDS" ]; do
	for drv in virtio_ccw vb_virtio_ccw; do
		if [ $drv = virtio_ccw ]; then
			vt vb_virtio_ccw handback $dev >/dev/null
		else
			vt vb_virtio_ccw takeover $dev >/dev/null
		fi
		if ! owned $dev $drv; then
			notok "round $r: $dev on $drv"
			continue
		fi
		disk=$(disk_of $dev)
		for kind in seq rand cfg; do
			if [ $kind = cfg ]; then
				out=$(vccwbench cfg "$disk" 2000)
			else
				out=$(vccwbench $kind "/dev/$disk" "$SECS")
			fi
			if [ -n "$out" ]; then
				echo "# bench: $drv $r $out"
			else
				notok "round $r: $drv $kind"
			fi
		done
	done
	ok "round $r: both drivers measured"
	r=$((r + 1))
done
vt vb_virtio_ccw handback $dev >/dev/null
echo "1..$n"
[ "$fails" -eq 0 ]
