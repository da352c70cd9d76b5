# shellcheck shell=sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Sourced by guest tests (busybox sh); the initramfs has it as /vb/lib/tap.sh.
#
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

# skip_all WHY: the TAP of a program that cannot run at all (the caller
# returns 4, KSFT_SKIP).
skip_all() {
	echo "TAP version 13"
	echo "1..0 # SKIP $1"
}
