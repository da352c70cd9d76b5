# shellcheck shell=bash
# Shared settings and helpers for the test harness.  Source it; do not run it.

# The repo root, found from this file so callers may run from anywhere.
VB_TOP=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
# Everything downloaded or generated lives here, never in the work tree.
VB_CACHE=${VB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/virt-backports}
VB_RELEASES="bullseye bookworm trixie sid"
VB_ARCHES="amd64 s390x ppc64el"
VB_MIRROR=${VB_MIRROR:-http://deb.debian.org/debian}
VB_SECURITY_MIRROR=${VB_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
export VB_TOP VB_CACHE VB_RELEASES VB_ARCHES

vb_log() { printf 'vb: %s\n' "$*" >&2; }
vb_die() { vb_log "error: $*"; exit 1; }

# vb_retry N CMD...: the archive sometimes answers "File has unexpected
# size ... Mirror sync in progress?"; a later attempt usually succeeds.
vb_retry() {
	local n=$1 i
	shift
	for ((i = 1; ; i++)); do
		"$@" && return 0
		((i < n)) || return 1
		vb_log "attempt $i/$n failed, retrying: $*"
		sleep $((i * 10))
	done
}

# Debian arch -> kernel ARCH.
vb_karch() {
	case $1 in
	amd64) echo x86 ;;
	s390x) echo s390 ;;
	ppc64el) echo powerpc ;;
	*) vb_die "unknown arch: $1" ;;
	esac
}

# Debian arch -> CROSS_COMPILE prefix (empty: we build on amd64).
vb_cross_compile() {
	case $1 in
	amd64) echo "" ;;
	s390x) echo s390x-linux-gnu- ;;
	ppc64el) echo powerpc64le-linux-gnu- ;;
	*) vb_die "unknown arch: $1" ;;
	esac
}

# Debian arch -> the $arch dkms uses (uname -m of the target).
vb_dkms_arch() {
	case $1 in
	amd64) echo x86_64 ;;
	s390x) echo s390x ;;
	ppc64el) echo ppc64le ;;
	*) vb_die "unknown arch: $1" ;;
	esac
}

# Debian arch -> kernel flavour of linux-image-<flavour>.
vb_flavour() {
	case $1 in
	amd64) echo amd64 ;;
	s390x) echo s390x ;;
	ppc64el) echo powerpc64le ;;
	*) vb_die "unknown arch: $1" ;;
	esac
}

# vb_with_lock NAME CMD...: run CMD holding $VB_CACHE/locks/NAME, so two
# parallel callers wait for each other instead of building the same thing.
vb_with_lock() {
	local name=$1
	shift
	mkdir -p "$VB_CACHE/locks"
	(
		flock 9
		"$@"
	) 9>"$VB_CACHE/locks/$name.lock"
}

# The project's files: tracked plus untracked-but-not-ignored, NUL-separated.
vb_ls_files() {
	git -C "${1:-$VB_TOP}" ls-files -z --cached --others --exclude-standard
}
