# shellcheck shell=sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Shared by the virtio_ccw guest tests (guest-files copies it next to each
# test.sh).  busybox sh.

CCW=/sys/bus/ccw
n=0
fails=0

ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $*"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
diag() { echo "# $*"; }
# check_ref DRIVER DESC CMD...: like check, but on the built-in driver (the
# reference, not ours to fix) a failure is a known defect: "# TODO".
check_ref() {
	if [ "$1" != virtio_ccw ]; then
		shift
		check "$@"
		return
	fi
	desc=$2
	shift 2
	if "$@"; then
		ok "$desc"
	else
		n=$((n + 1))
		echo "not ok $n - $desc # TODO a defect of the built-in virtio_ccw, not ours"
	fi
}
# check_same DRIVER KEY DESC CMD...: a check whose failure on ours is a
# TODO when the built-in driver failed the same check (KEY) earlier in the
# boot: then the kernel or QEMU is at fault, not the transport.
check_same() {
	cs_drv=$1 cs_key=$2 cs_desc=$3
	shift 3
	if "$@"; then
		ok "$cs_desc"
		return
	fi
	if [ "$cs_drv" = virtio_ccw ]; then
		echo "$cs_key" >>/tmp/builtin-failed
	elif ! grep -qx "$cs_key" /tmp/builtin-failed 2>/dev/null; then
		notok "$cs_desc"
		return
	fi
	n=$((n + 1))
	echo "not ok $n - $cs_desc # TODO fails on the built-in virtio_ccw too (kernel or QEMU, not the transport)"
}
# check DESC CMD...: one result from CMD's exit status.
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else notok "$desc"; fi
}

# owner BUSID: the ccw driver of a device, "-" when unbound.
owner() {
	if [ -L "$CCW/devices/$1/driver" ]; then
		d=$(readlink "$CCW/devices/$1/driver")
		echo "${d##*/}"
	else
		echo -
	fi
}
# owned BUSID DRIVER: bound to DRIVER and online.
owned() {
	[ "$(owner "$1")" = "$2" ] &&
		[ "$(cat "$CCW/devices/$1/online")" = 1 ]
}
# disk_of BUSID / net_of BUSID: the block device or interface of a device now.
disk_of() {
	for b in "$CCW/devices/$1"/virtio*/block/*; do
		[ -d "$b" ] && { echo "${b##*/}"; return 0; }
	done
	return 1
}
net_of() {
	for b in "$CCW/devices/$1"/virtio*/net/*; do
		[ -d "$b" ] && { echo "${b##*/}"; return 0; }
	done
	return 1
}

# wait_for SECS CMD...: poll CMD every 0.1 s until it succeeds.
wait_for() {
	w=$(($1 * 10))
	shift
	while ! "$@"; do
		w=$((w - 1))
		[ "$w" -gt 0 ] || return 1
		sleep 0.1
	done
}

# vt DRIVER ARGS...: the takeover tool with DRIVER as the replacement; for
# the built-in driver a takeover rebinds it to itself.  Its output goes to
# the TAP as diagnostics.
vt() {
	vt_drv=$1
	shift
	vb-virtio-ccw --driver "$vt_drv" "$@" >/tmp/vt.out 2>&1
	vt_rc=$?
	sed 's/^/# /' /tmp/vt.out
	return $vt_rc
}

# load_ours: is our module there (built for this kernel and loadable)?
load_ours() {
	[ -d "$CCW/drivers/vb_virtio_ccw" ] && return 0
	modprobe vb_virtio_ccw 2>/tmp/modprobe.err || return 1
	wait_for 5 test -d "$CCW/drivers/vb_virtio_ccw"
}

# pattern_rw DEV SEED MIB: write the pattern SEED over the first MIB MiB of
# DEV and read it back; only a failure prints (pattern's TAP diagnostics).
pattern_rw() {
	pattern write "$@" >/tmp/pattern.out && pattern check "$@" >>/tmp/pattern.out &&
		return 0
	cat /tmp/pattern.out
	return 1
}
# feature_bit BUSID BIT: virtio feature bit BIT (0 or 1) as negotiated on
# the device BUSID.
feature_bit() {
	cut -c"$(($2 + 1))" "$CCW/devices/$1"/virtio*/features 2>/dev/null
}

slab_kb() { awk '/^Slab:/ { print $2 }' /proc/meminfo; }
# slab_objs: "cache active_objs objs_per_slab" of every slab cache.  SLUB
# counts every object of a per-CPU slab as active, so a cache drifts by
# whole per-CPU partial lists (hundreds of small objects) between two
# reads; shrinking each cache first hands those slabs back to the node
# lists.  The pause lets RCU-deferred frees (kernfs nodes) land.
slab_objs() {
	for c in /sys/kernel/slab/*/shrink; do echo 1 >"$c"; done 2>/dev/null
	sleep 1
	for c in /sys/kernel/slab/*/shrink; do echo 1 >"$c"; done 2>/dev/null
	awk 'NR > 2 { print $1, $2, $5 }' /proc/slabinfo
}
# slab_objs3: slab_objs read three times, each cache's median count.  A
# small cache's count jumps by whole slabs from one read to the next with
# nothing else running (kmalloc-96 on 6.1, 42 objects a slab, in three
# reads in a row: 756, 1218, 504; a 300-cycle run of either driver ended
# where it started, at 756), so one low read as a baseline would look like
# growth later on.
slab_objs3() {
	slab_objs >/tmp/slabr1
	slab_objs >/tmp/slabr2
	slab_objs >/tmp/slabr3
	awk '{ n[$1]++; v[$1, n[$1]] = $2; per[$1] = $3 }
		END {
			for (c in n) {
				if (n[c] != 3) continue
				# The middle one: with a <= b, it is b unless
				# d is below b, then the larger of a and d.
				a = v[c, 1]; b = v[c, 2]; d = v[c, 3]
				if (a > b) { t = a; a = b; b = t }
				if (d < b) b = a > d ? a : d
				print c, b, per[c]
			}
		}' /tmp/slabr1 /tmp/slabr2 /tmp/slabr3
}

# ours_built: is vb_virtio_ccw.ko in this initramfs (built for this kernel)?
ours_built() {
	[ -n "$(find "/lib/modules/$(uname -r)" -name vb_virtio_ccw.ko 2>/dev/null)" ]
}

# RNG_DEFECT: why /dev/hwrng can give no data on this kernel whatever the
# transport, or empty (exported: smoke.sh reads it too).  Known: Debian's
# 5.10.262 (bullseye's last 5.10) virtio_rng, seen returning 0 bytes with
# virtio-rng-pci on amd64 (5.10.0-46) and never completing a read on s390x
# with the built-in virtio_ccw.  Matched on "uname -r" and /proc/version,
# so that a kernel built from that source (tests/lib/source-kernel) is
# known too; the runtime test checks that the built-in transport really
# fails there, so an entry that no longer holds is caught.
RNG_DEFECT=
if { uname -r; cat /proc/version; } | grep -q '5\.10\.262'; then
	RNG_DEFECT="the kernel's virtio_rng (Debian 5.10.262) gives no data from /dev/hwrng on any transport"
fi
export RNG_DEFECT

# hwrng_read FILE BS COUNT: dd from /dev/hwrng, killed after 15 s (a read
# the device never answers waits killably); true when FILE got all
# BS*COUNT bytes.
hwrng_read() {
	timeout -s KILL 15 dd if=/dev/hwrng of="$1" bs="$2" count="$3" 2>/dev/null
	[ "$(wc -c <"$1")" = $(($2 * $3)) ]
}

# run_smoke: the driver's own smoke test (smoke.sh, next to test.sh), its
# results renumbered into this test's TAP with a "smoke:" prefix.
run_smoke() {
	sh ./smoke.sh >/tmp/smoke.tap 2>&1
	while IFS= read -r l; do
		case $l in
		"ok "*) ok "smoke: ${l#ok * - }" ;;
		"not ok "*) notok "smoke: ${l#not ok * - }" ;;
		"#"*) echo "$l" ;;
		esac
	done </tmp/smoke.tap
}
