#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make bench's virtio-ccw part (manual: only tests/virtio_ccw/bench/run asks
# for it).  ROUNDS rounds, each in two halves.
#   One disk (seq, rand): the disk 0.0.0010 moves between the built-in
#   transport and ours (vb-virtio-ccw), TURNS times to each in turn, and
#   each turn measures sequential and 4 KiB random reads on it for SECS
#   seconds each: the same device, the two drivers' samples a takeover
#   apart.  Who goes first alternates by round.
#   Two disks (seq-ab, rand-ab, cfg): one driver has 0.0.0010 while the
#   other has 0.0.0011, and the two are measured in alternating turns
#   (vccwbench ab) on reads and on config reads, so that a burst of host
#   load cannot favour either driver; then the disks swap drivers, so
#   neither disk favours one.
# The figures are "# bench: DRIVER ROUND KIND VALUE" lines for the host,
# the i-th of a kind in a round taken next to the other driver's i-th.
. ./lib.sh

ROUNDS=${VB_BENCH:-12}
SECS=${VB_BENCH_SECS:-1}
TURNS=3
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
# other DRIVER: the other of the two drivers.
other() {
	if [ "$1" = virtio_ccw ]; then echo vb_virtio_ccw; else echo virtio_ccw; fi
}
# move BUSID DRIVER: DRIVER gets the disk BUSID (if it has not got it).
move() {
	if [ "$2" = virtio_ccw ]; then
		owned "$1" virtio_ccw || vt vb_virtio_ccw handback "$1" >/dev/null
	else
		owned "$1" vb_virtio_ccw || vt vb_virtio_ccw takeover "$1" >/dev/null
	fi
	owned "$1" "$2"
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
	# right after the other.
	if [ $((r % 2)) = 1 ]; then
		order="virtio_ccw vb_virtio_ccw"
	else
		order="vb_virtio_ccw virtio_ccw"
	fi
	bad=0
	t=1
	while [ $t -le $TURNS ]; do
		for drv in $order; do
			if ! move $dev "$drv"; then
				notok "round $r: $dev on $drv"
				bad=1
				continue
			fi
			disk=$(disk_of $dev)
			one_disk "$drv" $r
		done
		t=$((t + 1))
	done
	for drv in $order; do
		drv2=$(other "$drv")
		if ! move $dev "$drv" || ! move $dev2 "$drv2"; then
			notok "round $r: $dev on $drv, $dev2 on $drv2"
			bad=1
			continue
		fi
		disk=$(disk_of $dev)
		disk2=$(disk_of $dev2)
		two_disks "$drv" "$drv2" $r
	done
	[ $bad = 1 ] || ok "round $r: both drivers measured"
	r=$((r + 1))
done
move $dev virtio_ccw
move $dev2 virtio_ccw
echo "1..$n"
[ "$fails" -eq 0 ]
