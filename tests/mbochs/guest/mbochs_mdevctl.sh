#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# mbochs_mdevctl.sh TARGET: Debian's mdevctl (put in mdevctl/ by
# tests/mbochs/guest-files, with its libraries and loader) against the mbochs
# module that is loaded now: list the types, start and stop an mdev by
# parent/type/UUID, define one persistently, start it by UUID, stop and
# undefine it; each step is checked in sysfs and in /etc/mdevctl.d.  There is
# no udev or systemd here, so what needs them (automatic start on boot or on
# the parent's arrival) is not tested.  Prints TAP 13; exits 4 (skip) when
# mdevctl is unavailable.
target=$1
here=$(dirname "$0")
dir=$here/mdevctl
mdev=/sys/bus/mdev/devices
u1=83b8f4f2-509f-382f-3c1e-e6bfe0fa1011
u2=83b8f4f2-509f-382f-3c1e-e6bfe0fa1012

echo "TAP version 13"
if [ -f "$dir/unavailable" ] || [ ! -x "$dir/mdevctl" ]; then
	echo "1..0 # SKIP $target: mdevctl: $(cat "$dir/unavailable" 2>/dev/null)"
	exit 4
fi

n=0 fails=0
check() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $target: mdevctl $2"
	else
		echo "not ok $n - $target: mdevctl $2"
		fails=$((fails + 1))
	fi
}

# The binary is bookworm's, linked dynamically; the initramfs has no /lib,
# so its loader is called with the libraries beside it.
mdevctl() {
	"$dir/ld-linux-x86-64.so.2" --library-path "$dir" "$dir/mdevctl" "$@"
}

# mdev_type UUID: the type of an existing mdev, from its mdev_type link.
mdev_type() {
	t=$(readlink "$mdev/$1/mdev_type") || return 1
	basename "$t"
}

# Its configuration lives under /etc/mdevctl.d, which the package creates.
mkdir -p /etc/mdevctl.d/scripts.d/callouts /etc/mdevctl.d/scripts.d/notifiers

out=$(mdevctl --version 2>&1)
check $? "--version: $out (package $(cat "$dir/version"))"

out=$(mdevctl types 2>&1)
echo "$out" | grep -q 'mbochs-small' && echo "$out" | grep -q 'mbochs-large'
check $? "types lists mbochs-small and mbochs-large"
[ "$fails" = 0 ] || echo "$out" | sed 's/^/# /'

out=$(mdevctl start -p mbochs -t mbochs-small -u "$u1" 2>&1)
rc=$?
[ "$rc" = 0 ] && [ "$(mdev_type "$u1")" = mbochs-small ]
check $? "start -p mbochs -t mbochs-small -u UUID: the mdev is in sysfs"
[ "$rc" = 0 ] || echo "# $out"

out=$(mdevctl list 2>&1)
echo "$out" | grep -q "^$u1 mbochs mbochs-small"
check $? "list shows it"
echo "$out" | sed 's/^/# /'

out=$(mdevctl stop -u "$u1" 2>&1)
rc=$?
[ "$rc" = 0 ] && [ ! -e "$mdev/$u1" ]
check $? "stop -u UUID: the mdev is gone from sysfs"
[ "$rc" = 0 ] || echo "# $out"
[ -e "$mdev/$u1" ] && echo 1 >"$mdev/$u1/remove"

out=$(mdevctl define -p mbochs -t mbochs-medium -u "$u2" 2>&1)
rc=$?
[ "$rc" = 0 ] && [ -f "/etc/mdevctl.d/mbochs/$u2" ] && [ ! -e "$mdev/$u2" ]
check $? "define -p mbochs -t mbochs-medium -u UUID: a config file, no mdev yet"
[ "$rc" = 0 ] || echo "# $out"

mdevctl list --defined 2>&1 | grep -q "^$u2 mbochs mbochs-medium"
check $? "list --defined shows it"

out=$(mdevctl start -u "$u2" 2>&1)
rc=$?
[ "$rc" = 0 ] && [ "$(mdev_type "$u2")" = mbochs-medium ]
check $? "start -u UUID of the defined one: an mbochs-medium in sysfs"
[ "$rc" = 0 ] || echo "# $out"

out=$(mdevctl stop -u "$u2" 2>&1)
rc=$?
[ "$rc" = 0 ] && [ ! -e "$mdev/$u2" ]
check $? "stop it: gone from sysfs"
[ "$rc" = 0 ] || echo "# $out"
[ -e "$mdev/$u2" ] && echo 1 >"$mdev/$u2/remove"

out=$(mdevctl undefine -u "$u2" 2>&1)
rc=$?
[ "$rc" = 0 ] && [ ! -e "/etc/mdevctl.d/mbochs/$u2" ] &&
	! mdevctl list --defined 2>&1 | grep -q "$u2"
check $? "undefine -u UUID: the config file and the definition are gone"
[ "$rc" = 0 ] || echo "# $out"

echo "1..$n"
[ "$fails" = 0 ]
