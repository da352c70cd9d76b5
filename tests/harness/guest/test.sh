#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The harness's own test, in every cell: the guest runs the kernel the host
# meant, the stock modules in the initramfs load, and the host can reach the
# guest over QMP (see ../host/run).  It proves the harness on arches where
# no module of the bundle applies (s390x 6.1 has no VFIO).
n=0
fails=0
check() {
	desc=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc"
		fails=$((fails + 1))
	fi
}

echo "TAP version 13"
check "running kernel $VB_EXPECT_KVER (got $(uname -r))" \
	[ "$(uname -r)" = "$VB_EXPECT_KVER" ]
check "debugfs is mounted" grep -q ' /sys/kernel/debug debugfs ' /proc/mounts
check "modprobe virtio_blk (a stock module from the initramfs)" \
	sh -c 'modprobe virtio_blk && [ -d /sys/module/virtio_blk ]'
# The host side waits for this line before it queries QMP; give it time.
echo "# vb-harness: ready for QMP"
sleep 2
echo "1..$n"
[ "$fails" -eq 0 ]
