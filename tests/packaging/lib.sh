# shellcheck shell=bash
# Shared by the packaging tests (deb, rpm, install): kselftest-style TAP
# output and the checks that the .deb and the .rpm must both pass.
# Source it; do not run it.

# shellcheck source=tests/lib/common.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/../lib/common.sh"

# shellcheck source=tests/lib/tap.sh
. "$VB_TOP/tests/lib/tap.sh"

# The results go through tests/lib/tap.sh (one file, numbered and counted
# by vb_tap_print at the end); stderr gets each result as it happens.
tap_file=
tap_failed=0

tap_begin() {
	tap_file=$(mktemp "${TMPDIR:-/tmp}/vb-tap.XXXXXX")
	trap 'rm -f "$tap_file"' EXIT
}

# tap_diag: copy stdin into the results as comments; tap_note TEXT: one.
tap_diag() { sed 's/^/# /' >>"$tap_file"; }
tap_note() { printf '# %s\n' "$*" >>"$tap_file"; }

tap_pass() {
	vb_tap_ok "$tap_file" "$*"
	vb_log "ok - $*"
}

tap_fail() {
	tap_failed=$((tap_failed + 1))
	vb_tap_fail "$tap_file" "$*"
	vb_log "not ok - $*"
}

tap_skip() {
	local name=$1
	shift
	vb_tap_skip "$tap_file" "$name" "$*"
	vb_log "skip - $name: $*"
}

# tap_check NAME CMD...: one test point from CMD's exit status; CMD's output
# is shown (as comments) only when it fails.
tap_check() {
	local _tc_name=$1 _tc_out _tc_rc=0
	shift
	_tc_out=$("$@" 2>&1) || _tc_rc=$?
	if [ "$_tc_rc" -eq 0 ]; then
		tap_pass "$_tc_name"
	else
		tap_fail "$_tc_name"
		printf '%s\n' "$_tc_out" | tail -n 40 | tap_diag
	fi
	return "$_tc_rc"
}

# tap_end: print the whole TAP stream; fails when a test failed.
tap_end() {
	vb_tap_print "$tap_file"
}

# tap_skip_all REASON: nothing can run on this host.
tap_skip_all() {
	echo "TAP version 13"
	echo "1..0 # SKIP $*"
	exit 0
}

# need_tools TOOL...: skip the whole script when a host tool is missing
# (`make check` installs them through tests/lib/deps).
need_tools() {
	local t
	for t; do
		command -v "$t" >/dev/null 2>&1 ||
			tap_skip_all "$t is not installed (tests/lib/deps installs it)"
	done
}

# The version, from the one place that defines it.
vb_changelog_version() {
	sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' "$VB_TOP/debian/changelog"
}
vb_upstream_version() {
	local v
	v=$(vb_changelog_version)
	echo "${v%-*}"
}

# What scripts/install-extras installs (EREs: man pages get compressed).
VB_EXTRA_FILES='/usr/sbin/vb-virtio-ccw /usr/share/man/man8/vb-virtio-ccw\.8(\.gz)?
/usr/share/initramfs-tools/hooks/vb-virtio-ccw
/usr/share/initramfs-tools/scripts/init-top/vb-virtio-ccw
/usr/lib/dracut/dracut\.conf\.d/50-vb-virtio-ccw\.conf'

# check_payload LIST: LIST holds a package's paths, one per line, absolute
# ("/usr/src/..."). Checks that the DKMS source tree is complete and holds
# nothing else. Prints the problems; fails when there are any.
check_payload() {
	local list=$1 ver src f d bad=0
	ver=$(vb_upstream_version)
	src=/usr/src/virt-backports-$ver
	for f in dkms.conf Kbuild Makefile; do
		grep -qx "$src/$f" "$list" || { echo "missing: $src/$f"; bad=1; }
	done
	# Every project file of include/, scripts/ and each module folder (a
	# folder with a Kbuild) is shipped.
	if git -C "$VB_TOP" rev-parse --git-dir >/dev/null 2>&1; then
		while IFS= read -r -d '' f; do
			d=${f%%/*}
			[ "$d" != "$f" ] || continue
			case $d in
			include | scripts) ;;
			*) [ -f "$VB_TOP/$d/Kbuild" ] || continue ;;
			esac
			[ -f "$VB_TOP/$f" ] || continue
			grep -qxF "$src/$f" "$list" || { echo "missing: $src/$f"; bad=1; }
		done < <(vb_ls_files)
	fi
	[ -f "$VB_TOP/vfio_edid/Kbuild" ] && ! grep -qx "$src/vfio_edid/Kbuild" "$list" &&
		{ echo "missing: $src/vfio_edid/Kbuild"; bad=1; }
	# Nothing else: no tests, packaging, CI, dotfiles or build products.
	grep -E "^$src/(tests|debian|rpm|\.ci|dist)(/|$)" "$list" | sed 's/^/not wanted: /' | grep . && bad=1
	grep -E '/\.[^/]*$|\.(o|ko|cmd|mod|mod\.c|a|orig|rej)$|~$' "$list" | sed 's/^/not wanted: /' | grep . && bad=1
	# The files outside the tree: scripts/install-extras.
	for f in $VB_EXTRA_FILES; do
		grep -Eqx "$f" "$list" || { echo "missing: $f"; bad=1; }
	done
	grep -v '^$' "$list" | grep -Ev "^($src|/usr/share/doc/virt-backports-dkms)(/|$)" |
		grep -Evx "$(echo $VB_EXTRA_FILES | tr ' ' '|')" |
		grep -Evx '/usr/(sbin|share/man(/man8)?|share/initramfs-tools(/hooks|/scripts(/init-top)?)?|lib(/dracut(/dracut\.conf\.d)?)?)/?' |
		grep -Ev '^/usr/share/lintian/overrides/virt-backports-dkms$' |
		grep -Ev '^/(usr(/src|/share(/doc|/lintian(/overrides)?)?)?)?/?$' | sed 's/^/outside the tree: /' | grep . && bad=1
	return "$bad"
}

# check_dkms_conf FILE: the version from debian/changelog is substituted.
check_dkms_conf() {
	local ver
	ver=$(vb_upstream_version)
	grep -qx "PACKAGE_VERSION=\"$ver\"" "$1" || {
		echo "dkms.conf has: $(grep PACKAGE_VERSION= "$1")"
		echo "expected PACKAGE_VERSION=\"$ver\""
		return 1
	}
	! grep -n '#MODULE_VERSION#' "$1"
}
