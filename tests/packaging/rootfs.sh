# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The cached Debian 12 amd64 rootfs that the packaging tests install into
# (stock kernel, headers, dkms), and a chroot helper for it.  Sourced by
# tests/packaging/install and tests/packaging/replace; each sets $run, the
# directory whose root/ is its own fresh copy.

release=bookworm
cache=$VB_CACHE/install-rootfs
base=$cache/$release-amd64.tar
pkgs=linux-image-amd64,linux-headers-amd64,dkms,kmod,initramfs-tools

# The recipe of the cached rootfs; a different recipe rebuilds it.
recipe() {
	echo "mmdebstrap --variant=apt --include=$pkgs $release no-recommends nodoc"
	echo "$VB_MIRROR $VB_SECURITY_MIRROR"
}

make_rootfs() {
	local debs=$VB_CACHE/debs/$release/install-apt
	if [ -f "$base" ] && [ "$(recipe)" = "$(cat "$base.recipe" 2>/dev/null)" ] &&
		[ "${VB_REFRESH:-0}" != 1 ]; then
		return 0
	fi
	mkdir -p "$cache" "$debs"
	rm -rf "$base" "$base.tmp" "$base.recipe"
	# The hooks keep the .debs in the cache, so a rebuild downloads
	# nothing it already has.
	vb_retry 3 mmdebstrap --mode=root --variant=apt --format=tar \
		--aptopt='APT::Install-Recommends "false"' \
		--dpkgopt='path-exclude=/usr/share/doc/*' \
		--dpkgopt='path-include=/usr/share/doc/*/copyright' \
		--dpkgopt='path-exclude=/usr/share/man/*' \
		--dpkgopt='path-exclude=/usr/share/locale/*' \
		--include="$pkgs" \
		--setup-hook='mkdir -p "$1"/var/cache/apt/archives/' \
		--setup-hook="sync-in $debs /var/cache/apt/archives/" \
		--customize-hook="sync-out /var/cache/apt/archives $debs" \
		"$release" "$base.tmp" \
		"deb $VB_MIRROR $release main" \
		"deb $VB_MIRROR $release-updates main" \
		"deb $VB_SECURITY_MIRROR $release-security main" || return 1
	mv "$base.tmp" "$base"
	recipe >"$base.recipe"
}

# in_root CMD...: run CMD in the rootfs copy with /proc and /dev mounted, in
# a private mount namespace so no mount outlives it.
in_root() {
	unshare -m --propagation private /bin/sh -euc '
		root=$1
		shift
		mount -t proc proc "$root/proc"
		mount --rbind /dev "$root/dev"
		exec chroot "$root" /usr/bin/env -i HOME=/root LC_ALL=C.UTF-8 \
			DEBIAN_FRONTEND=noninteractive \
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
	' sh "${run:?}/root" "$@"
}
