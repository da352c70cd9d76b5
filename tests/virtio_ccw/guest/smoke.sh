#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Smoke test of vb_virtio_ccw: move a virtio-blk-ccw disk (and a
# virtio-rng-ccw device, if the boot has one) from the built-in virtio_ccw
# driver to ours, use them, and hand them back.  In a boot with
# initcall_blacklist=virtio_ccw_init (no built-in driver), loading the
# module must take every device by itself instead.
#
# The boot needs a virtio-blk-ccw disk of at least 1 MiB, e.g.
#   -drive if=none,id=d0,file=IMG,format=raw -device virtio-blk-ccw,drive=d0
#   -object rng-random,id=r0,filename=/dev/urandom -device virtio-rng-ccw,rng=r0
n=0
fails=0
ok() {
	n=$((n + 1))
	echo "ok $n - $*"
}
nok() {
	n=$((n + 1))
	fails=$((fails + 1))
	echo "not ok $n - $*"
}
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else nok "$desc"; fi
}

BUILTIN=/sys/bus/ccw/drivers/virtio_ccw
TMP=/tmp/vccw-smoke
mkdir -p "$TMP"

# find_dev MODEL: bus id of the first virtio-ccw device of that virtio
# device id (cutype 3832/MODEL: 02 block, 04 entropy).
find_dev() {
	for d in /sys/bus/ccw/devices/*; do
		[ "$(cat "$d/cutype" 2>/dev/null)" = "3832/$1" ] || continue
		basename "$d"
		return 0
	done
	return 1
}

driver_of() {
	l=$(readlink "/sys/bus/ccw/devices/$1/driver" 2>/dev/null) || return 0
	basename "$l"
}

# wait_for SECONDS CMD...: poll CMD every 0.2 s.
wait_for() {
	t=$(($1 * 5))
	shift
	while [ "$t" -gt 0 ]; do
		"$@" && return 0
		sleep 0.2
		t=$((t - 1))
	done
	return 1
}

# blockdev_of BUSID: /dev/NAME of the disk on that ccw device, once it is
# there.
blockdev_of() {
	for b in /sys/bus/ccw/devices/"$1"/virtio*/block/*; do
		[ -e "$b" ] || continue
		name=$(basename "$b")
		[ -b "/dev/$name" ] && echo "/dev/$name" && return 0
	done
	return 1
}

has_disk() { blockdev_of "$1" >/dev/null; }
is_online() { [ "$(cat "/sys/bus/ccw/devices/$1/online")" = 1 ]; }

# read_back DEV SEEK FILE: the blocks at SEEK (4 KiB units) equal FILE.
read_back() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	cnt=$(($(wc -c <"$3") / 4096))
	dd if="$1" of="$TMP/back" bs=4096 skip="$2" count="$cnt" 2>/dev/null &&
		cmp -s "$3" "$TMP/back"
}

write_blocks() {
	dd if="$3" of="$1" bs=4096 seek="$2" conv=fsync 2>/dev/null
}

# move BUSID FROM TO: unbind from driver FROM, bind to TO.
move() {
	echo "$1" >"/sys/bus/ccw/drivers/$2/unbind" &&
		echo "$1" >"/sys/bus/ccw/drivers/$3/bind"
}

echo "TAP version 13"
modprobe virtio_blk
modprobe virtio_rng 2>/dev/null

blk=$(find_dev 02)
if [ -z "$blk" ]; then
	echo "1..0 # SKIP no virtio-blk-ccw device in this boot"
	exit 4
fi
rng=$(find_dev 04)
# RNG_DEFECT (exported by lib.sh of the tests that run this one): the
# kernel's virtio_rng gives no data on any transport; the rng is left alone.
if [ -n "$rng" ] && [ -n "${RNG_DEFECT:-}" ]; then
	echo "# rng $rng not used: $RNG_DEFECT"
	rng=
fi

if [ -d "$BUILTIN" ]; then
	mode=runtime
else
	mode=boot
fi
echo "# disk $blk, rng ${rng:-none}, takeover at $mode"

dd if=/dev/urandom of="$TMP/a" bs=4096 count=64 2>/dev/null
dd if=/dev/urandom of="$TMP/b" bs=4096 count=64 2>/dev/null

if [ "$mode" = runtime ]; then
	check "the built-in virtio_ccw driver has $blk" \
		[ "$(driver_of "$blk")" = virtio_ccw ]
	dev=$(blockdev_of "$blk")
	check "write 256 KiB through the built-in transport" \
		sh -c "dd if='$TMP/a' of='$dev' bs=4096 seek=16 conv=fsync 2>/dev/null"
fi

check "modprobe vb_virtio_ccw" modprobe vb_virtio_ccw
check "modinfo version is set" \
	[ -n "$(cat /sys/module/vb_virtio_ccw/version 2>/dev/null)" ]

if [ "$mode" = runtime ]; then
	check "loading does not take a device the built-in driver has" \
		[ "$(driver_of "$blk")" = virtio_ccw ]
	check "unbind from virtio_ccw, bind to vb_virtio_ccw" \
		move "$blk" virtio_ccw vb_virtio_ccw
fi
check "$blk is bound to vb_virtio_ccw" wait_for 10 \
	sh -c "[ \"\$(basename \"\$(readlink /sys/bus/ccw/devices/$blk/driver)\")\" = vb_virtio_ccw ]"
check "$blk comes online" wait_for 30 is_online "$blk"
check "its disk appears" wait_for 30 has_disk "$blk"
check "transport attribute reads vb_virtio_ccw" \
	[ "$(cat "/sys/bus/ccw/devices/$blk/transport" 2>/dev/null)" = vb_virtio_ccw ]
echo "# revision $(cat "/sys/bus/ccw/devices/$blk/revision" 2>/dev/null)," \
	"indicators $(cat "/sys/bus/ccw/devices/$blk/indicators" 2>/dev/null)"
check "a transport revision was negotiated" \
	grep -qx '[012]' "/sys/bus/ccw/devices/$blk/revision"
# Feature bit 34 is VIRTIO_F_RING_PACKED (QEMU's packed=on).
feat=$(cat /sys/bus/ccw/devices/"$blk"/virtio*/features 2>/dev/null)
echo "# virtio features $feat (packed ring: $(echo "$feat" | cut -c35))"
dev=$(blockdev_of "$blk")
if [ "$mode" = runtime ]; then
	check "data written by the built-in transport reads back" \
		read_back "$dev" 16 "$TMP/a"
fi
check "write 256 KiB through vb_virtio_ccw" write_blocks "$dev" 128 "$TMP/b"
check "and read it back" read_back "$dev" 128 "$TMP/b"
check "disk size matches the image (sysfs size > 0)" \
	sh -c "[ \"\$(cat /sys/class/block/${dev#/dev/}/size)\" -gt 0 ]"

if [ -n "$rng" ]; then
	[ "$mode" = runtime ] && move "$rng" virtio_ccw vb_virtio_ccw
	check "$rng (virtio-rng) online on vb_virtio_ccw" wait_for 30 \
		sh -c "[ \"\$(cat /sys/bus/ccw/devices/$rng/online)\" = 1 ] &&
		       [ \"\$(cat /sys/bus/ccw/devices/$rng/transport)\" = vb_virtio_ccw ]"
	check "virtio-rng is the current hwrng" wait_for 10 \
		grep -q virtio /sys/class/misc/hw_random/rng_current
	check "read 64 bytes from /dev/hwrng" \
		[ "$(timeout -s KILL 15 dd if=/dev/hwrng bs=64 count=1 2>/dev/null | wc -c)" -eq 64 ]
fi

if [ "$mode" = runtime ]; then
	check "hand $blk back to virtio_ccw" move "$blk" vb_virtio_ccw virtio_ccw
	check "the built-in driver has its disk again" wait_for 30 has_disk "$blk"
	dev=$(blockdev_of "$blk")
	check "data written by vb_virtio_ccw reads back after handback" \
		read_back "$dev" 128 "$TMP/b"
	[ -n "$rng" ] && check "hand $rng back" move "$rng" vb_virtio_ccw virtio_ccw
	check "rmmod vb_virtio_ccw" rmmod vb_virtio_ccw
else
	check "rmmod vb_virtio_ccw while it drives the disk" rmmod vb_virtio_ccw
	check "... which leaves $blk unbound" [ -z "$(driver_of "$blk")" ]
	check "modprobe vb_virtio_ccw again takes it back" modprobe vb_virtio_ccw
	check "... and its disk reappears" wait_for 30 has_disk "$blk"
	dev=$(blockdev_of "$blk")
	check "... with the data" read_back "$dev" 128 "$TMP/b"
fi

echo "1..$n"
[ "$fails" -eq 0 ]
