# shellcheck shell=bash
# Collect test results from parallel jobs, then print them as one TAP 13
# stream.  Jobs cannot number their lines (they do not know how many lines
# the others produce), so each job appends unnumbered results to its own file:
#
#   ok - DESCRIPTION            not ok - DESCRIPTION
#   ok - DESCRIPTION # SKIP why # a diagnostic line
#
# and vb_tap_print numbers the files' lines in order.

# vb_tap_ok FILE DESC / vb_tap_fail FILE DESC / vb_tap_skip FILE DESC WHY /
# vb_tap_diag FILE TEXT...: append one result (or diagnostics) to FILE.
vb_tap_ok() { echo "ok - $2" >>"$1"; }
vb_tap_fail() { echo "not ok - $2" >>"$1"; }
vb_tap_skip() { echo "ok - $2 # SKIP $3" >>"$1"; }
vb_tap_diag() {
	local f=$1
	shift
	printf '%s\n' "$@" | sed 's/^/# /' >>"$f"
}

# vb_tap_result FILE OK DESC: ok when OK is 0 (an exit status), else not ok.
vb_tap_result() {
	if [[ $2 == 0 ]]; then vb_tap_ok "$1" "$3"; else vb_tap_fail "$1" "$3"; fi
}

# vb_tap_print FILE...: print one TAP 13 stream of the results in FILEs and,
# as the very last line, "N passed, N failed, N skipped".  Returns 1 when
# anything failed.  A "not ok ... # TODO" is a known failure and counts as
# neither; a missing FILE counts as one failure, since its job died.
vb_tap_print() {
	local f
	for f; do
		if [[ -f $f ]]; then
			cat "$f"
		else
			echo "not ok - results missing: $f"
		fi
	done | awk '
		/^(not )?ok / {
			sub(/^ok( -)? /, "ok - ") || sub(/^not ok( -)? /, "not ok - ")
			lines[++n] = $0
			if ($0 ~ /# *[Ss][Kk][Ii][Pp]/) skipped++
			else if ($0 ~ /^not ok/ && $0 !~ /# *TODO/) failed++
			else if ($0 !~ /^not ok/) passed++
			next
		}
		{ lines[++n] = $0 }
		END {
			print "TAP version 13"
			for (i = 1; i <= n; i++) if (lines[i] ~ /^(not )?ok /) plan++
			print "1.." plan + 0
			num = 0
			for (i = 1; i <= n; i++) {
				l = lines[i]
				if (l ~ /^ok - /) l = "ok " ++num " - " substr(l, 6)
				else if (l ~ /^not ok - /) l = "not ok " ++num " - " substr(l, 10)
				print l
			}
			printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped
			exit failed > 0
		}'
}
