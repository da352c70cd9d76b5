#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot ownership: the kernel runs with initcall_blacklist=virtio_ccw_init
# (see append), so the built-in transport never registers and the devices
# stay unbound and offline until vb_virtio_ccw, loaded from the initramfs,
# binds them by itself.  Then the data integrity check of ../guest runs on
# the disks it brought up.
. ./lib.sh

echo "TAP version 13"
modprobe virtio_blk
modprobe virtio_rng
# (See RNG_DEFECT in lib.sh; the smoke test then leaves the rng alone.)
[ -z "$RNG_DEFECT" ] || diag "$RNG_DEFECT"
check "the kernel command line has initcall_blacklist=virtio_ccw_init" \
	grep -q 'initcall_blacklist=virtio_ccw_init' /proc/cmdline
check "the built-in ccw driver virtio_ccw did not register" \
	eval '! [ -d $CCW/drivers/virtio_ccw ]'
vb-virtio-ccw handback --all >/tmp/vt.out 2>&1
rc=$?
sed 's/^/# /' /tmp/vt.out
check "handback refuses: virtio_ccw is not registered (exit 1, message)" \
	eval '[ $rc = 1 ] && grep -q "virtio_ccw is not registered" /tmp/vt.out'

# The driver's smoke test (boot mode: rmmod and modprobe while it owns the
# disk), then our checks.
if ours_built; then
	run_smoke
fi

if ! load_ours; then
	check "without vb_virtio_ccw the 3 devices are unbound and offline" \
		eval 'for d in 0.0.0010 0.0.0011 0.0.0030; do
			[ "$(owner $d)" = - ] && [ "$(cat $CCW/devices/$d/online)" = 0 ] || exit 1
		done'
	skip "vb_virtio_ccw: devices bound at boot, data integrity" \
		"vb_virtio_ccw not loadable here: $(head -n 1 /tmp/modprobe.err 2>/dev/null)"
	echo "1..$n"
	[ "$fails" -eq 0 ]
	exit
fi

all_ours() {
	for d in 0.0.0010 0.0.0011 0.0.0030; do
		owned $d vb_virtio_ccw || return 1
	done
}
check "vb_virtio_ccw bound and set online all 3 devices by itself" \
	wait_for 30 all_ours
vb-virtio-ccw status | sed 's/^/# /'
check "the disks and the rng came up on vb_virtio_ccw" \
	wait_for 30 eval 'disk_of 0.0.0010 >/dev/null && disk_of 0.0.0011 >/dev/null && [ -d $CCW/devices/0.0.0030/virtio*/driver ]'
for dev in 0.0.0010 0.0.0011; do
	disk=$(disk_of $dev)
	check "pattern 1 written to $disk ($dev)" pattern write "/dev/$disk" 1 8
	# Offline and online again: the disk goes away and comes back
	# with a new gendisk, so the read below comes from the device.
	echo 0 >$CCW/devices/$dev/online
	echo 1 >$CCW/devices/$dev/online
	check "$dev offline and online again on vb_virtio_ccw" \
		wait_for 30 eval "owned $dev vb_virtio_ccw && disk_of $dev >/dev/null"
	disk=$(disk_of $dev)
	check "pattern 1 reads back intact ($disk)" pattern check "/dev/$disk" 1 8
	check "pattern 2 written and read back" \
		pattern_rw "/dev/$disk" 2 8
done
echo "1..$n"
[ "$fails" -eq 0 ]
