#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The virtio-ccw transport, built-in (virtio_ccw) and ours (vb_virtio_ccw),
# side by side in one boot: every check runs once per driver, through the
# takeover tool.  For the built-in driver a "takeover" rebinds the device to
# virtio_ccw itself, so the same steps (offline, unbind, bind, online) run.
# Devices: see qemu-args; the host side (../host/run) resizes and unplugs
# disks when asked.
. ./lib.sh

CYCLES=${VB_VCCW_CYCLES:-100}
STRESS_SECS=${VB_VCCW_STRESS_SECS:-10}
# The sizes the host sets during the stress (bytes), and in sectors.
# The first differs from the disk's 64 MiB: the guest waits for it, so
# the stress starts only once the host is resizing.
SIZES="75497472 83886080 92274688 100663296 67108864"
SECTORS=$(for s in $SIZES; do printf '%s,' $((s / 512)); done)
req=0
host() {
	req=$((req + 1))
	echo "# vb-vccw-host: $*"
}

# matches TEXT ERE: does TEXT match?
matches() { echo "$1" | grep -Eq "$2"; }

# unplug T BUSID ID idle|io: the host removes the disk (device_del of ID),
# idle or while a reader/writer loops on it.  During I/O the I/O must fail
# and end; how many requests the transport failed in the host's place
# shows whether this boot hit the window between removal and report.
unplug() {
	up_t=$1 up_dev=$2 up_id=$3 up_mode=$4
	udisk=$(disk_of "$up_dev")
	rm -f /tmp/unplug.rc /tmp/unplug.err
	iopid=''
	if [ "$up_mode" = io ]; then
		# Reads and writes until they fail.  The writes go through
		# pattern, which does not create the file: dd would leave a
		# plain file in /dev once the node is gone, and a later disk
		# of that name would have no node.
		check "$up_t /dev/$udisk is a block device before the unplug" \
			[ -b "/dev/$udisk" ]
		(
			while dd if="/dev/$udisk" of=/dev/null bs=64k iflag=direct 2>/tmp/unplug.err &&
				pattern write "/dev/$udisk" 9 1 >/tmp/unplug.err 2>&1; do
				:
			done
			echo "$?" >/tmp/unplug.rc
		) &
		iopid=$!
		sleep 1
		what="a disk during I/O"
	else
		what="an idle disk"
	fi
	host unplug "$up_id"
	check "$up_t $up_dev is gone after device_del of $what" \
		wait_for 60 sh -c "! [ -e $CCW/devices/$up_dev ]"
	if [ -n "$iopid" ]; then
		check "$up_t the I/O on $udisk failed and ended, nothing hangs" \
			wait_for 60 test -e /tmp/unplug.rc
		if ! [ -e /tmp/unplug.rc ]; then
			diag "the I/O loop is still running: /dev/$udisk: $(ls -l /dev/$udisk 2>&1)"
			for p in /proc/[0-9]*; do
				case $(cat $p/comm 2>/dev/null) in
				dd) diag "dd ${p#/proc/}: state $(sed -n 's/^State:\t//p' $p/status) wchan $(cat $p/wchan)" ;;
				esac
			done
			kill "$iopid" 2>/dev/null
		fi
		up_err=$(grep -v records /tmp/unplug.err 2>/dev/null | tail -n 1)
		diag "the I/O loop ended with: $up_err"
	fi
	check "$up_t $udisk is gone" wait_for 30 sh -c "! [ -e /sys/block/$udisk ]"
	if [ -n "$iopid" ]; then
		gone=$(dmesg | grep -F "$up_dev: device gone" | tail -n 1)
		diag "${gone:-no request of $udisk had to be failed in place of the host}"
		# A request the transport failed ends the loop with EIO; else
		# the loop ends as the disk goes: its capacity drops to 0
		# (ENOSPC for a write), then its node (ENXIO, ENOENT).
		case $gone in
		*"failed "*)
			up_want="Input/output error"
			up_why="EIO, from the request the transport failed" ;;
		*)
			up_want="Input/output error|No space left|No such device|No such file"
			up_why="EIO, or ENOSPC/ENXIO/ENOENT as the disk goes" ;;
		esac
		check "$up_t the I/O failed cleanly: $up_why" \
			matches "$up_err" "$up_want"
	fi
}

# slab_grown: the caches that grew by a leak's amount in both halves of the
# cycles (/tmp/slab0, /tmp/slabmid, /tmp/slab1) into /tmp/slabgrow.
slab_grown() {
	awk -v half="$((CYCLES / 2))" -v ncpu="$(nproc)" '
		FILENAME == ARGV[1] { a[$1] = $2; next }
		FILENAME == ARGV[2] { m[$1] = $2; next }
		{ lim = half; if ($3 * ncpu > lim) lim = $3 * ncpu }
		# vmalloc frees its vmap_area objects lazily, in batches;
		# /proc/vmallocinfo (checked below) counts the live ones.
		($1 in a) && ($1 in m) && $1 != "vmap_area" {
			if (m[$1] - a[$1] >= lim && $2 - m[$1] >= lim)
				print $1, a[$1], "->", m[$1], "->", $2
		}' /tmp/slab0 /tmp/slabmid /tmp/slab1 >/tmp/slabgrow
}

echo "TAP version 13"
for m in virtio_blk virtio_net virtio_rng; do
	modprobe $m || diag "modprobe $m failed"
done

# On a kernel whose virtio_rng is known broken (RNG_DEFECT, lib.sh), show
# that the built-in transport fails as well, then keep the rng offline: the
# hwrng thread would otherwise sit on a read that never completes.
if [ -n "$RNG_DEFECT" ]; then
	diag "$RNG_DEFECT"
	hwrng_read /tmp/rng0 64 1
	rc=$?
	check "the built-in virtio_ccw gets no data from /dev/hwrng either (the kernel's defect, not the transport's)" \
		[ $rc != 0 ]
	echo 0 >$CCW/devices/0.0.0030/online
fi

# The driver's smoke test first: it loads and unloads vb_virtio_ccw itself.
if ours_built; then
	run_smoke
fi

drivers=virtio_ccw
if load_ours; then
	drivers="$drivers vb_virtio_ccw"
fi

# --- the tool's view, before anything moved -------------------------------
vb-virtio-ccw status >/tmp/status 2>&1
sed 's/^/# /' /tmp/status
check "status lists the 10 virtio-ccw devices" \
	[ "$(grep -c '^0\.0\.' /tmp/status)" = 10 ]
check "status: 0.0.0010 is a block device on virtio_ccw with a disk" \
	grep -Eq '^0\.0\.0010 +block +1 +virtio_ccw +disk:vd' /tmp/status
check "status: 0.0.0020 is a net device, 0.0.0030 an rng" \
	sh -c "grep -Eq '^0\.0\.0020 +net ' /tmp/status && grep -Eq '^0\.0\.0030 +rng ' /tmp/status"
vb-virtio-ccw takeover 0.0.0 >/dev/null 2>&1
check "the tool rejects a malformed bus id (exit 2)" [ $? = 2 ]
vb-virtio-ccw takeover 0.0.00ff >/dev/null 2>&1
check "the tool rejects a bus id that is not a virtio-ccw device (exit 2)" [ $? = 2 ]

if [ "$drivers" = virtio_ccw ]; then
	skip "vb_virtio_ccw: the same checks on our driver" \
		"vb_virtio_ccw not loadable here: $(head -n 1 /tmp/modprobe.err 2>/dev/null)"
	vt vb_virtio_ccw takeover 0.0.0011 >/dev/null
	check "takeover without vb_virtio_ccw fails and leaves 0.0.0011 on virtio_ccw with its disk" \
		eval '[ $vt_rc = 1 ] && owned 0.0.0011 virtio_ccw && disk_of 0.0.0011 >/dev/null'
fi

unplug_dev=0.0.0012 unplug_id=vd2
for drv in $drivers; do
	T="[$drv]"
	# --- data integrity across takeover and handback ------------------
	dev=0.0.0010
	disk=$(disk_of $dev)
	check "$T pattern 1 written through virtio_ccw ($disk)" \
		eval 'owned $dev virtio_ccw && pattern write /dev/$disk 1 16'
	vt "$drv" takeover $dev
	check "$T takeover $dev: the tool succeeded and $drv owns it, online" \
		eval '[ $vt_rc = 0 ] && owned $dev $drv'
	disk=$(disk_of $dev)
	check "$T pattern 1 reads back intact after the takeover ($disk)" \
		pattern check "/dev/$disk" 1 16
	check "$T pattern 2 written through $drv" pattern write "/dev/$disk" 2 16
	vt "$drv" handback $dev
	check "$T handback $dev: virtio_ccw owns it, online" \
		eval '[ $vt_rc = 0 ] && owned $dev virtio_ccw'
	disk=$(disk_of $dev)
	check "$T pattern 2 reads back intact after the handback" \
		pattern check "/dev/$disk" 2 16

	# --- many cycles: no slab growth ----------------------------------
	# Settle the caches first (sysfs, kernfs, bio pools grow once), then
	# count.  SLUB's active-object count includes the per-CPU slabs, so
	# a cache may drift by a few slabs; a leak of one object per cycle
	# shows as >= CYCLES objects.
	i=0 bad=''
	while [ $i -lt 10 ]; do
		vt "$drv" takeover $dev >/dev/null && vt "$drv" handback $dev >/dev/null || bad="warm-up $i"
		i=$((i + 1))
	done
	sync
	echo 3 >/proc/sys/vm/drop_caches
	slab0=$(slab_kb)
	slab_objs3 >/tmp/slab0
	vmalloc0=$(grep -vc unpurged /proc/vmallocinfo)
	t0=$(date +%s)
	i=0
	while [ $i -lt "$CYCLES" ] && [ -z "$bad" ]; do
		if [ $i = $((CYCLES / 2)) ]; then
			slab_objs3 >/tmp/slabmid
		fi
		vb-virtio-ccw --driver "$drv" takeover $dev >/tmp/vt.out 2>&1 || bad="takeover in cycle $i"
		disk=$(disk_of $dev)
		if [ $((i % 10)) = 0 ] && [ -z "$bad" ]; then
			pattern check "/dev/$disk" $((i + 2)) 1 >/tmp/p.out || bad="cycle $i: $(cat /tmp/p.out)"
			pattern write "/dev/$disk" $((i + 3)) 1 >/dev/null
		fi
		vb-virtio-ccw --driver "$drv" handback $dev >>/tmp/vt.out 2>&1 || bad="${bad:-handback in cycle $i}"
		if [ $((i % 10)) = 0 ] && [ -z "$bad" ]; then
			disk=$(disk_of $dev)
			pattern check "/dev/$disk" $((i + 3)) 1 >/tmp/p.out || bad="cycle $i: $(cat /tmp/p.out)"
			pattern write "/dev/$disk" $((i + 12)) 1 >/dev/null
		fi
		i=$((i + 1))
	done
	t1=$(date +%s)
	[ -z "$bad" ] || sed 's/^/# /' /tmp/vt.out
	check "$T $i takeover/handback cycles of $dev, data checked every 10th (${bad:-no error}, $((t1 - t0)) s)" \
		eval '[ -z "$bad" ] && [ "$i" = "$CYCLES" ]'
	sync
	echo 3 >/proc/sys/vm/drop_caches
	slab1=$(slab_kb)
	slab_objs >/tmp/slab1
	vmalloc1=$(grep -vc unpurged /proc/vmallocinfo)
	# A leak of one object per cycle grows its cache in both halves by
	# half the cycles or more.  Even after the shrink, a cache drifts by
	# up to a slab per CPU between two reads (seen on 6.1: kmalloc-96
	# +55 then +155, 42 objects a slab; lsm_file_cache +82 then +59;
	# both while Slab shrank), so a growth counts only beyond that too.
	slab_grown
	# Objects freed through RCU are back only after a grace period, and
	# a host too busy to run the vCPUs stretches those (seen on 6.12 at
	# load 8: kmalloc-96 +107 then +118 while Slab shrank by 420 kB).
	# A leaked object stays: so a growth must still be there when read
	# again, up to 5 times 2 s later.
	tries=0
	while [ -s /tmp/slabgrow ] && [ $tries -lt 5 ]; do
		sed 's/^/# grew, reading again: /' /tmp/slabgrow
		sleep 2
		slab_objs >/tmp/slab1
		slab_grown
		tries=$((tries + 1))
	done
	sed 's/^/# grew: /' /tmp/slabgrow
	check_ref "$drv" "$T no slab cache grew by one object per cycle or more (and by more than a slab per CPU), in both halves (Slab ${slab0} -> ${slab1} kB)" \
		[ ! -s /tmp/slabgrow ]
	check_ref "$drv" "$T Slab grew less than 1 MiB over $CYCLES cycles" \
		[ $((slab1 - slab0)) -lt 1024 ]
	check_ref "$drv" "$T live vmalloc areas grew by fewer than $CYCLES ($vmalloc0 -> $vmalloc1)" \
		[ $((vmalloc1 - vmalloc0)) -lt "$CYCLES" ]
	disk=$(disk_of $dev)
	pattern write "/dev/$disk" 1000 1 >/dev/null

	# --- refusal when in use ------------------------------------------
	dev=0.0.0011
	disk=$(disk_of $dev)
	mkswap "/dev/$disk" >/dev/null 2>&1 && swapon "/dev/$disk"
	vt "$drv" takeover $dev
	check "$T takeover of $dev refused while $disk is swap (exit 1, message)" \
		eval '[ $vt_rc = 1 ] && grep -q "in use" /tmp/vt.out && grep -q swap /tmp/vt.out'
	check "$T $dev is still online on virtio_ccw with its swap" \
		eval 'owned $dev virtio_ccw && grep -q "^/dev/$disk " /proc/swaps'
	swapoff "/dev/$disk"
	vt "$drv" takeover $dev
	check "$T takeover of $dev after swapoff" [ $vt_rc = 0 ]
	vt "$drv" handback $dev >/dev/null

	dev=0.0.0020
	nic=$(net_of $dev)
	ip link set "$nic" up
	vt "$drv" takeover $dev
	check "$T takeover of $dev refused while $nic is up" \
		eval '[ $vt_rc = 1 ] && grep -q "interface is up" /tmp/vt.out'
	ip link set "$nic" down

	# --- virtio-net: two NICs on one hub, two network namespaces ------
	# (UDP with a checked payload and no UDP checksum: see udpecho.c.)
	vt "$drv" takeover 0.0.0020 0.0.0021
	check "$T takeover of both NICs" [ $vt_rc = 0 ]
	nic0=$(net_of 0.0.0020) nic1=$(net_of 0.0.0021)
	unshare -n sleep 600 &
	nspid=$!
	sleep 0.2
	ip link set "$nic1" netns "$nspid"
	ip addr add 10.99.0.1/24 dev "$nic0"
	ip link set "$nic0" up
	nsenter -t "$nspid" -n ip addr add 10.99.0.2/24 dev "$nic1"
	nsenter -t "$nspid" -n ip link set "$nic1" up
	nsenter -t "$nspid" -n ip link set lo up
	check "$T $nic1 is in another network namespace" \
		sh -c "! [ -e /sys/class/net/$nic1 ] && nsenter -t $nspid -n ip link show $nic1 >/dev/null"
	nsenter -t "$nspid" -n udpecho server 10.99.0.2 7777 300 >/tmp/echo.out 2>&1 &
	echopid=$!
	sleep 0.3
	check_same "$drv" udp64 "$T 100 UDP datagrams of 64 bytes from $nic0 (10.99.0.1) to $nic1 in the other namespace and back, intact" \
		sh -c "udpecho client 10.99.0.2 7777 100 64 >/tmp/udp.out 2>&1"
	sed 's/^/# /' /tmp/udp.out
	check_same "$drv" udp1400 "$T 200 datagrams of 1400 bytes, intact" \
		sh -c "udpecho client 10.99.0.2 7777 200 1400 >/tmp/udp.out 2>&1"
	sed 's/^/# /' /tmp/udp.out
	# Where the datagrams went: InErrors/InCsumErrors name a checksum
	# the receiver rejected.
	grep '^Udp:' /proc/net/snmp | sed 's/^/# udp, first namespace: /'
	nsenter -t "$nspid" -n grep '^Udp:' /proc/net/snmp | sed 's/^/# udp, other namespace: /'
	kill "$echopid" 2>/dev/null
	wait "$echopid" 2>/dev/null
	nsenter -t "$nspid" -n ip link set "$nic1" down
	nsenter -t "$nspid" -n ip link set "$nic1" netns 1
	kill "$nspid"
	wait "$nspid" 2>/dev/null
	ip addr flush dev "$nic0"
	ip link set "$nic0" down
	wait_for 5 test -e "/sys/class/net/$nic1"
	vt "$drv" handback 0.0.0020 0.0.0021
	check "$T handback of both NICs, back in the first namespace" [ $vt_rc = 0 ]

	# --- virtio-rng -----------------------------------------------------
	dev=0.0.0030
	if [ -n "$RNG_DEFECT" ]; then
		skip "$T virtio-rng: takeover, rng_current, /dev/hwrng reads" "$RNG_DEFECT"
	else
		vt "$drv" takeover $dev
		rng=$(tr ' ' '\n' </sys/class/misc/hw_random/rng_available | grep -x 'virtio_rng\.[0-9]*' | head -n 1)
		echo "$rng" >/sys/class/misc/hw_random/rng_current 2>/dev/null
		check "$T rng_current is $rng after the takeover of $dev" \
			eval '[ -n "$rng" ] && [ "$(cat /sys/class/misc/hw_random/rng_current)" = "$rng" ]'
		hwrng_read /tmp/rng 256 4
		check "$T /dev/hwrng returns 1024 bytes, not all alike" \
			sh -c "[ \$(wc -c </tmp/rng) = 1024 ] && [ \$(od -An -v -tx1 /tmp/rng | tr ' ' '\n' | sed '/^$/d' | sort -u | wc -l) -gt 100 ]"
		vt "$drv" handback $dev >/dev/null
	fi

	# --- config-space race: cache_type threads vs host block_resize ----
	dev=0.0.0010
	vt "$drv" takeover $dev >/dev/null
	disk=$(disk_of $dev)
	host resize d0 $SIZES
	wait_for 60 eval '[ "$(cat /sys/block/$disk/size)" != 131072 ]' ||
		diag "the host did not start resizing within 60 s"
	cfgstress "$disk" "$STRESS_SECS" 4 "${SECTORS%,}" >/tmp/stress.out 2>&1
	rc=$?
	sed 's/^/# /' /tmp/stress.out
	check "$T ${STRESS_SECS}s of 4 threads writing/reading cache_type + size reads while the host resizes: no torn or foreign value" \
		[ $rc = 0 ]
	check "$T the guest saw at least 2 of the sizes the host set" \
		[ "$(sed -n 's/.*distinct=\([0-9]*\).*/\1/p' /tmp/stress.out)" -ge 2 ]
	host stop d0 67108864
	check "$T the size is back to 64 MiB after the host's last resize" \
		wait_for 30 sh -c "[ \"\$(cat /sys/block/$disk/size)\" = 131072 ]"
	check "$T pattern written before the stress still intact" \
		pattern check "/dev/$disk" 1000 1
	vt "$drv" handback $dev >/dev/null

	# --- hot-unplug ---------------------------------------------------
	# The built-in transport (6.1 to 7.2) hangs for good on an unplug
	# during I/O: virtblk_remove -> del_gendisk waits in
	# blk_mq_freeze_queue_wait for a request queued after the host
	# removed the device, which nobody ever completes, in the cio
	# workqueue, which then handles no other channel event, and the
	# hung dd blocks the poweroff.  So it gets the idle unplug.  Ours
	# answers a gone device's requests itself (virtio_ccw/reap.c), so
	# it is unplugged during I/O: the I/O must fail and end.
	vt "$drv" takeover $unplug_dev >/dev/null
	if [ "$drv" = virtio_ccw ]; then
		skip "$T device_del of a disk during I/O" \
			"known defect of the built-in virtio_ccw: del_gendisk hangs on requests in flight (hung task); only the idle unplug runs"
		unplug "$T" $unplug_dev $unplug_id idle
	else
		unplug "$T" $unplug_dev $unplug_id io
	fi
	disk=$(disk_of 0.0.0011)
	check "$T another disk ($disk) still works after the unplug" \
		pattern_rw "/dev/$disk" 77 2
	unplug_dev=0.0.0013 unplug_id=vd3
done

# --- hot-unplug of a packed-ring disk during I/O, on ours ------------------
# vd4 has packed=on: reap.c must find where the host stopped in a ring that
# has no index in memory and answer from there, like on the split rings.
dev=0.0.0014
if [ "$drivers" = virtio_ccw ]; then
	skip "[vb_virtio_ccw] device_del of a packed-ring disk during I/O" \
		"vb_virtio_ccw not loadable here"
else
	T="[vb_virtio_ccw packed]"
	vt vb_virtio_ccw takeover $dev
	check "$T takeover $dev: vb_virtio_ccw owns it, online" \
		eval '[ $vt_rc = 0 ] && owned $dev vb_virtio_ccw'
	# Feature bit 34 is VIRTIO_F_RING_PACKED: without it this would be
	# the split ring again.
	diag "virtio features of $dev: $(cat "$CCW/devices/$dev"/virtio*/features 2>/dev/null)"
	check "$T $dev negotiated a packed ring (feature bit 34)" \
		[ "$(feature_bit $dev 34)" = 1 ]
	disk=$(disk_of $dev)
	check "$T pattern written and read back on the packed ring ($disk)" \
		pattern_rw "/dev/$disk" 5 4
	unplug "$T" $dev vd4 io
	check "$T the transport did not give up on the packed ring" \
		sh -c "! dmesg | grep -F '$dev: device gone' | grep -q 'not completed'"
	disk=$(disk_of 0.0.0011)
	check "$T another disk ($disk) still works after the unplug" \
		pattern_rw "/dev/$disk" 78 2
fi

# --- transport revisions 1 and 0, on both drivers ------------------------
# vd5's host offers revision 1 at most and vd6's revision 0: each rejects
# the request for 2 (and vd6 the one for 1 too), and the driver steps down.
# Revision 0 is legacy virtio: no VIRTIO_F_VERSION_1 (feature bit 32), 32
# feature bits, and the legacy queue layout.
for drv in $drivers; do
	T="[$drv]"
	for rev in 1 0; do
		dev=0.0.001$((6 - rev))
		vt "$drv" takeover $dev
		check "$T takeover $dev (the host offers revision $rev at most): $drv owns it, online" \
			eval '[ $vt_rc = 0 ] && owned $dev $drv'
		if [ "$drv" = vb_virtio_ccw ]; then
			check "$T $dev stepped down to transport revision $rev" \
				[ "$(cat "$CCW/devices/$dev/revision")" = "$rev" ]
		fi
		v1=1
		[ $rev = 1 ] || v1=0
		check "$T $dev: VIRTIO_F_VERSION_1 (bit 32) is $v1 at revision $rev" \
			[ "$(feature_bit $dev 32)" = $v1 ]
		disk=$(disk_of $dev)
		check "$T pattern written and read back at revision $rev ($disk)" \
			pattern_rw "/dev/$disk" $((40 + rev)) 4
		vt "$drv" handback $dev >/dev/null
	done
done

# --- classic indicators (airq=0), on ours --------------------------------
# Without adapter interrupts the host signals the queues through the
# device's own indicator word and an I/O interrupt on its subchannel.  One
# disk at revision 2 and the legacy one, and a config change (the host
# resizes vd1) that must still reach the guest.
if [ "$drivers" != virtio_ccw ]; then
	T="[vb_virtio_ccw airq=0]"
	rmmod vb_virtio_ccw && modprobe vb_virtio_ccw airq=0 &&
		wait_for 5 test -d "$CCW/drivers/vb_virtio_ccw"
	check "$T reloaded with airq=0" \
		[ "$(cat /sys/module/vb_virtio_ccw/parameters/airq 2>/dev/null)" = N ]
	for dev in 0.0.0011 0.0.0016; do
		vt vb_virtio_ccw takeover $dev
		check "$T takeover $dev: classic indicators, revision $(cat "$CCW/devices/$dev/revision" 2>/dev/null)" \
			eval '[ $vt_rc = 0 ] && owned $dev vb_virtio_ccw && [ "$(cat $CCW/devices/$dev/indicators)" = classic ]'
		disk=$(disk_of $dev)
		check "$T pattern written and read back on $dev ($disk)" \
			pattern_rw "/dev/$disk" 50 4
	done
	disk=$(disk_of 0.0.0011)
	host resize d1 12582912 16777216
	# The second size: by then the host has resized twice, as its side
	# of the check wants.
	check "$T the sizes the host sets reach the guest (config changes)" \
		wait_for 60 eval '[ "$(cat /sys/block/$disk/size)" = 32768 ]'
	host stop d1 8388608
	check "$T back to 8 MiB after the host's last resize" \
		wait_for 30 sh -c "[ \"\$(cat /sys/block/$disk/size)\" = 16384 ]"
	vt vb_virtio_ccw handback 0.0.0011 0.0.0016
	check "$T handback of both disks" [ "$vt_rc" = 0 ]
fi

vb-virtio-ccw status | sed 's/^/# /'
echo "1..$n"
[ "$fails" -eq 0 ]
