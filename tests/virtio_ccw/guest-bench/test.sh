#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make bench's virtio-ccw part (manual: only tests/virtio_ccw/bench/run asks
# for it).  ROUNDS rounds; in each, the disk 0.0.0010 is driven by the
# built-in transport and by ours in turns (vb-virtio-ccw moves it), and
# each driver measures sequential and 4 KiB random reads on it for SECS
# seconds each (seq, rand: the same device), the two drivers' right
# before and right after the takeover in the middle of the round.  Around
# that, the same on two identical disks at once (seq-ab, rand-ab), and
# config reads (cfg): while one driver has 0.0.0010 the other has
# 0.0.0011, and the two are measured in alternating turns (vccwbench ab),
# so that a burst of host load cannot favour either driver; the disks swap
# drivers with the turns, so neither disk favours one.  The figures are
# "# bench: DRIVER ROUND KIND VALUE" lines for the host, the i-th of a
# kind in a round taken next to the other driver's i-th.
. ./lib.sh

ROUNDS=${VB_BENCH:-6}
SECS=${VB_BENCH_SECS:-3}
# Two disks at once: PAIRS pairs of HALF seconds of reads, and CPAIRS
# pairs of batches of BATCH config reads, per turn.
PAIRS=4
HALF=0.5
CPAIRS=10
BATCH=200
echo "TAP version 13"
modprobe virtio_blk
dev=0.0.0010
dev2=0.0.0011
if ! load_ours; then
	echo "1..0 # SKIP vb_virtio_ccw not loadable: $(head -n 1 /tmp/modprobe.err)"
	exit 4
fi
# Fill the disks so reads are of written blocks, not holes.
for d in $dev $dev2; do
	dd if=/dev/zero of="/dev/$(disk_of $d)" bs=1M count=128 oflag=direct 2>/dev/null
done
# other DRIVER: the driver that has the second disk while DRIVER has $dev.
other() {
	if [ "$1" = virtio_ccw ]; then echo vb_virtio_ccw; else echo virtio_ccw; fi
}
# one_disk DRIVER ROUND: seq and rand on $dev, which DRIVER has.
one_disk() {
	for kind in seq rand; do
		out=$(vccwbench $kind "/dev/$disk" "$SECS")
		if [ -n "$out" ]; then
			echo "# bench: $1 $2 $out"
		else
			notok "round $2: $1 $kind"
		fi
	done
}
# two_disks DRIVER DRIVER2 ROUND: seq, rand and cfg in pairs, DRIVER on
# $dev and DRIVER2 on $dev2.
two_disks() {
	for kind in seq rand cfg; do
		if [ $kind = cfg ]; then
			args="$BATCH $CPAIRS"
		else
			args="$HALF $PAIRS"
		fi
		# shellcheck disable=SC2086 # two words
		if ! vccwbench ab $kind "$disk" "$disk2" $args >/tmp/ab; then
			notok "round $3: $kind on $1 and $2"
			continue
		fi
		[ $kind = cfg ] || kind=$kind-ab
		while read -r _ va vb; do
			echo "# bench: $1 $3 $kind $va"
			echo "# bench: $2 $3 $kind $vb"
		done </tmp/ab
	done
}
r=1
while [ $r -le "$ROUNDS" ]; do
	# Who goes first alternates, so that neither driver always measures
	# right after a takeover of the other's disk.
	if [ $((r % 2)) = 1 ]; then
		order="virtio_ccw vb_virtio_ccw"
	else
		order="vb_virtio_ccw virtio_ccw"
	fi
	first=1
	for drv in $order; do
		if [ "$drv" = virtio_ccw ]; then
			vt vb_virtio_ccw handback $dev >/dev/null
			vt vb_virtio_ccw takeover $dev2 >/dev/null
		else
			vt vb_virtio_ccw handback $dev2 >/dev/null
			vt vb_virtio_ccw takeover $dev >/dev/null
		fi
		drv2=$(other "$drv")
		if ! owned $dev "$drv" || ! owned $dev2 "$drv2"; then
			notok "round $r: $dev on $drv, $dev2 on $drv2"
			continue
		fi
		disk=$(disk_of $dev)
		disk2=$(disk_of $dev2)
		# The one-disk measures of the two drivers sit on either side
		# of the round's middle takeover, seconds apart, so that the
		# host drifts as little as possible between the two of a pair.
		if [ $first = 1 ]; then
			two_disks "$drv" "$drv2" $r
			one_disk "$drv" $r
		else
			one_disk "$drv" $r
			two_disks "$drv" "$drv2" $r
		fi
		first=0
	done
	ok "round $r: both drivers measured"
	r=$((r + 1))
done
vt vb_virtio_ccw handback $dev >/dev/null
vt vb_virtio_ccw handback $dev2 >/dev/null
echo "1..$n"
[ "$fails" -eq 0 ]
