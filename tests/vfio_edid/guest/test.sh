#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# In the guest: load vfio_edid and drive it through debugfs (the generator and
# the loopback instance, which forwards to the real region handler): first the
# functional test, then a bounded fuzz with a fixed seed.  The harness has
# mounted debugfs and put vfio_edid_test and vfio_edid_fuzz on PATH.
if ! modprobe vfio_edid; then
	echo "TAP version 13"
	echo "1..1"
	echo "not ok 1 - modprobe vfio_edid"
	exit 1
fi

# Each program prints its own TAP 13 stream and exits 0, 1 or 4 (skip); a line
# "@@end NAME STATUS" follows each.  Merge them into one stream: one header,
# the results renumbered, one plan at the end.  A program that ran fewer tests
# than it planned, or exited otherwise than 0 or 4 without a failing test, adds
# a failure.  Exits 1 if anything failed.
merge_tap() {
	awk '
		BEGIN { print "TAP version 13" }
		/^TAP version / { next }
		/^1\.\.[0-9]+/ {
			plan = $1; sub(/^1\.\./, "", plan)
			if (match($0, /# *[Ss][Kk][Ii][Pp].*/)) skip = substr($0, RSTART)
			next
		}
		/^(not )?ok($|[ \t])/ {
			status = /^not ok/ ? "not ok" : "ok"
			rest = $0; sub(/^(not )?ok[ \t]*[0-9]*/, "", rest)
			n++
			ran++
			print status " " n rest
			if (status == "not ok" && $0 !~ /# *TODO/) fails++
			next
		}
		/^@@end / {
			if (plan == "" || plan != ran) {
				n++
				fails++
				print "not ok " n " - " $2 ": planned " (plan == "" ? "no" : plan) " tests, ran " ran + 0
			} else if ($3 != 0 && $3 != 4 && !fails) {
				n++
				print "not ok " n " - " $2 " exited " $3 " without a failing test"
			}
			if ($3 != 0 && $3 != 4) bad = 1
			total_fails += fails
			plan = ""; ran = 0; fails = 0
			next
		}
		{ print }
		END {
			print "1.." n (n ? "" : " " skip)
			exit (bad || total_fails) ? 1 : 0
		}'
}

# The fuzz checks every register and the whole blob after each operation, so
# it costs about 8 syscalls per operation; keep it near 10 s even when TCG
# shares the host with other boots.  Measured, 100000 ops: amd64 4-7 s,
# ppc64el 7-9 s; s390x is far slower per syscall (1400-2200 ops/s).
case $VB_ARCH in
s390x) fuzz_ops=25000 ;;
*) fuzz_ops=100000 ;;
esac

{
	vfio_edid_test "$VB_VERSION"
	echo "@@end vfio_edid_test $?"
	vfio_edid_fuzz --seed 1 --ops "$fuzz_ops"
	echo "@@end vfio_edid_fuzz $?"
} | merge_tap
rc=$?
# A library with no users must unload cleanly.
if ! rmmod vfio_edid; then
	echo "# rmmod vfio_edid failed"
	exit 1
fi
exit $rc
