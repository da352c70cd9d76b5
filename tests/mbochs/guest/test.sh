#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# In the guest: run mbochs_client against each mbochs target, side by side in
# the same boot: the upstream sample (built at test time from the release's
# linux-source by tests/mbochs/upstream-build, put in upstream/ by
# tests/mbochs/guest-files; upstream/unavailable says why it is missing) and
# ours (mbochs.ko from the bundle, where dkms.conf builds it).  The client
# loads the upstream .ko itself (finit_module, like insmod; it is not in
# /lib/modules, so it never clashes with ours) and unloads it.
#
# Then mbochs_bench --quick, so the benchmark keeps working: it must run and
# print figures, whatever they are.  With VB_BENCH=ROUNDS (`make bench`,
# tests/mbochs/bench) only the full benchmark runs, upstream and ours
# alternating for ROUNDS rounds, and its goals are checked.

# merge_tap: one TAP stream from several programs (see tests/lib/guest/tap.sh).
# shellcheck source-path=SCRIPTDIR source=../../lib/guest/tap.sh
. /vb/lib/tap.sh
# modprobe_all and mdev_deps, the stock modules of an mdev parent (see
# tests/lib/guest/modules.sh).
# shellcheck source=../../lib/guest/modules.sh
. /vb/lib/modules.sh

# have_ours: is our mbochs.ko built for this kernel (dkms.conf)?
have_ours() {
	grep -q '^updates/mbochs\.ko:' "/lib/modules/$VB_KVER/modules.dep"
}

run_upstream() {
	if [ -f upstream/unavailable ]; then
		skip_all "upstream: $(cat upstream/unavailable)"
		return 4
	fi
	# shellcheck disable=SC2086 # a word list
	modprobe_all $mdev_deps || return 1
	mbochs_client upstream upstream/mbochs.ko
}

run_ours() {
	if ! have_ours; then
		skip_all "ours: mbochs.ko is not built for $VB_KVER"
		return 4
	fi
	# shellcheck disable=SC2086 # a word list
	modprobe_all $mdev_deps mbochs || return 1
	mbochs_client ours
	rc=$?
	rmmod mbochs && rmmod vfio_edid || {
		echo "not ok - rmmod mbochs vfio_edid after the test"
		rc=1
	}
	return $rc
}

# mbochs_instances: ours only; it unloads mbochs itself.
run_instances() {
	if ! have_ours; then
		skip_all "instances: mbochs.ko is not built for $VB_KVER"
		return 4
	fi
	# shellcheck disable=SC2086 # a word list
	modprobe_all $mdev_deps mbochs || return 1
	mbochs_instances
	rc=$?
	[ -d /sys/module/mbochs ] && rmmod mbochs
	rmmod vfio_edid || {
		echo "not ok - rmmod vfio_edid after the test"
		rc=1
	}
	return $rc
}

# The fuzz costs a few syscalls per operation; see the ops/s it reports.
fuzz_ops=${VB_FUZZ_OPS:-100000}

# more_upstream: BAR0 edges, mdevctl and a fifth of the fuzz against the
# upstream sample.  Its fuzz stays away from the end of BAR0, where accesses
# index past the sample's page array (see mbochs_edges.c).
more_upstream() {
	[ -f upstream/mbochs.ko ] || return 0
	mbochs_edges upstream upstream/mbochs.ko
	echo "@@end mbochs_edges-upstream $?"
	mbochs_fuzz upstream upstream/mbochs.ko --seed "${VB_FUZZ_SEED:-1}" \
		--ops $((fuzz_ops / 5))
	echo "@@end mbochs_fuzz-upstream $?"
	insmod upstream/mbochs.ko
	mbochs_mdevctl.sh upstream
	echo "@@end mbochs_mdevctl-upstream $?"
	rmmod mbochs
}

# more_ours: BAR0 edges, mdevctl and the fuzzer against ours.
more_ours() {
	have_ours || return 0
	modprobe mbochs
	mbochs_edges ours
	echo "@@end mbochs_edges-ours $?"
	mbochs_mdevctl.sh ours
	echo "@@end mbochs_mdevctl-ours $?"
	mbochs_fuzz ours --seed "${VB_FUZZ_SEED:-1}" --ops "$fuzz_ops"
	echo "@@end mbochs_fuzz-ours $?"
	r="ok 1"
	rmmod mbochs && rmmod vfio_edid || r="not ok 1"
	printf 'TAP version 13\n%s - ours: rmmod mbochs vfio_edid after the tests\n1..1\n' "$r"
	echo "@@end rmmod-ours 0"
}

# run_bench [ARGS...]: mbochs_bench on whichever targets this kernel has.
run_bench() {
	[ -f upstream/unavailable ] || set -- "$@" --upstream upstream/mbochs.ko
	have_ours && set -- "$@" --ours
	# shellcheck disable=SC2086 # a word list
	modprobe_all $mdev_deps || return 1
	mbochs_bench "$@"
	rc=$?
	if have_ours && grep -q '^vfio_edid ' /proc/modules && ! rmmod vfio_edid; then
		echo "not ok - rmmod vfio_edid after the benchmark"
		rc=1
	fi
	return $rc
}

if [ -n "${VB_BENCH:-}" ]; then
	{
		run_bench --rounds "$VB_BENCH"
		echo "@@end mbochs_bench $?"
	} | merge_tap
	exit
fi

{
	run_upstream
	echo "@@end mbochs_client-upstream $?"
	more_upstream
	run_ours
	echo "@@end mbochs_client-ours $?"
	more_ours
	run_instances
	echo "@@end mbochs_instances $?"
	run_bench --quick
	echo "@@end mbochs_bench $?"
} | merge_tap
