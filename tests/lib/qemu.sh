# shellcheck shell=bash
# QEMU (TCG) command lines per Debian architecture, and one generic
# boot-and-collect function.  Sourced by tests/lib/vm and by anyone else who
# boots a guest (the packaging install test boots a Debian disk image).
#
# Architectures are Debian names: amd64, s390x, ppc64el.  The machine
# settings are the ones verified in ../shared/FACTS.md; change them there
# first.

# vb_qemu_bin ARCH: the system emulator binary for ARCH.
vb_qemu_bin() {
	case $1 in
	amd64) echo qemu-system-x86_64 ;;
	s390x) echo qemu-system-s390x ;;
	ppc64el) echo qemu-system-ppc64 ;;
	*) vb_die "unknown arch '$1'" ;;
	esac
}

# vb_qemu_console ARCH: the guest's console device name for console=.
vb_qemu_console() {
	case $1 in
	amd64) echo ttyS0 ;;
	s390x) echo ttysclp0 ;;
	ppc64el) echo hvc0 ;;
	*) vb_die "unknown arch '$1'" ;;
	esac
}

# vb_qemu_kernel_name ARCH: file name of the bootable kernel in a kernel
# cell; ppc64el boots the ELF vmlinux, the others a compressed image.
vb_qemu_kernel_name() {
	case $1 in
	ppc64el) echo vmlinux ;;
	*) echo vmlinuz ;;
	esac
}

# vb_qemu_cmd ARCH: set the array VB_QEMU_CMD to the emulator, machine,
# CPU and memory for ARCH (no kernel, no console plumbing) and print it.
vb_qemu_cmd() {
	local arch=$1 mem
	case $arch in
	amd64)
		mem=1G
		VB_QEMU_CMD=(qemu-system-x86_64 -accel tcg)
		;;
	s390x)
		mem=1G
		VB_QEMU_CMD=(qemu-system-s390x -M s390-ccw-virtio -cpu max)
		;;
	ppc64el)
		# kvm-hv refuses to load without cap-nested-hv; the broken/off
		# caps keep TCG from warning about Spectre mitigations it
		# cannot emulate.  SLOF and a 64K-page kernel want 2G.
		mem=2G
		# shellcheck disable=SC2054 # commas separate -M properties
		VB_QEMU_CMD=(qemu-system-ppc64
			-M pseries,cap-nested-hv=on,cap-cfpc=broken,cap-sbbc=broken,cap-ibs=broken,cap-ccf-assist=off
			-cpu power9)
		;;
	*) vb_die "unknown arch '$arch'" ;;
	esac
	VB_QEMU_CMD+=(-m "${VB_QEMU_MEM:-$mem}")
	printf '%q ' "${VB_QEMU_CMD[@]}"
	echo
}

# vb_qemu_append ARCH: the kernel command line every boot gets.
#
# panic=-1 turns a panic into an immediate reboot, which -no-reboot turns
# into a QEMU exit, so a dead guest never waits for the timeout.  We do NOT
# set oops=panic or panic_on_warn: a test that triggers a WARN or an Oops
# should still let the remaining tests run and the final dmesg dump happen;
# splat-check fails the run from the log.  VB_QEMU_APPEND adds more (for
# example "oops=panic panic_on_warn=1" when bisecting).
vb_qemu_append() {
	local quirks=''
	# Under TCG on a busy host the x86 kernel's check that the IO-APIC timer
	# ticks can time out and panic ("IO-APIC + timer doesn't work!"; seen
	# once in a cold make check); no_timer_check skips it, as in most VMs.
	case $1 in
	amd64 | x86_64) quirks=' no_timer_check' ;;
	esac
	echo "console=$(vb_qemu_console "$1") panic=-1$quirks ${VB_QEMU_APPEND:-}"
}

# vb_qemu_boot --arch A --kernel K --log F [--initrd I] [--append S]
#              [--timeout SECS] [--qmp SOCKET] [-- EXTRA QEMU ARGS...]
#
# Boot one guest with its serial console in F (QEMU's own messages go there
# too), never longer than SECS (default 180).  Returns QEMU's exit status,
# 124 on timeout.  Sets VB_BOOT_SECONDS to the wall-clock time.  --append
# is added after vb_qemu_append.  VB_QEMU_EXTRA (words) is added to every
# boot, for ad-hoc debugging.
vb_qemu_boot() {
	local arch='' kernel='' initrd='' append='' timeout=180 log='' qmp=''
	local -a extra=() cmd
	local start rc

	while (($#)); do
		case $1 in
		--arch) arch=$2; shift 2 ;;
		--kernel) kernel=$2; shift 2 ;;
		--initrd) initrd=$2; shift 2 ;;
		--append) append=$2; shift 2 ;;
		--timeout) timeout=$2; shift 2 ;;
		--log) log=$2; shift 2 ;;
		--qmp) qmp=$2; shift 2 ;;
		--) shift; extra=("$@"); break ;;
		*) vb_die "vb_qemu_boot: unknown option '$1'" ;;
		esac
	done
	[[ -n $arch && -n $kernel && -n $log ]] ||
		vb_die "vb_qemu_boot: --arch, --kernel and --log are required"

	vb_qemu_cmd "$arch" >/dev/null
	cmd=("${VB_QEMU_CMD[@]}"
		-display none -monitor none -serial stdio -no-reboot
		-kernel "$kernel"
		-append "$(vb_qemu_append "$arch") $append")
	[[ -z $initrd ]] || cmd+=(-initrd "$initrd")
	[[ -z $qmp ]] || cmd+=(-qmp "unix:$qmp,server=on,wait=off")
	# shellcheck disable=SC2206 # VB_QEMU_EXTRA is deliberately word-split
	cmd+=(${VB_QEMU_EXTRA:-} "${extra[@]}")

	{
		printf '# '
		printf '%q ' "${cmd[@]}"
		echo
	} >"$log"
	start=$EPOCHREALTIME
	rc=0
	# -k: a QEMU wedged in TCG may ignore SIGTERM; the run must end.
	timeout -k 10 "$timeout" "${cmd[@]}" </dev/null >>"$log" 2>&1 || rc=$?
	# shellcheck disable=SC2034 # the result, read by callers
	VB_BOOT_SECONDS=$(awk -v a="$start" -v b="$EPOCHREALTIME" \
		'BEGIN { printf "%.1f", b - a }')
	return "$rc"
}

# vb_wait_log FILE REGEX [SECS]: wait until a line of FILE matches the
# extended REGEX (for host-side hooks that must act at a point of a guest
# test).  Fails after SECS (default 60).
vb_wait_log() {
	local file=$1 re=$2 secs=${3:-60} i
	for ((i = 0; i < secs * 5; i++)); do
		grep -Eq -- "$re" "$file" 2>/dev/null && return 0
		sleep 0.2
	done
	return 1
}

# vb_guest_requests FILE PREFIX HANDLER [SECS]: the guest-to-host request
# channel of host-side hooks.  The guest prints "PREFIX WORDS..." on its
# console (a test.sh's output is indented; that does not matter) and waits
# for the effect; this calls "HANDLER WORDS..." once for each such complete
# line of FILE, in order, and returns when the guest prints VB-GUEST-END,
# or after SECS (default 600) seconds.
vb_guest_requests() {
	local file=$1 prefix=$2 handler=$3 secs=${4:-600} seen=0 total line
	local -a words
	local end=$((SECONDS + secs))
	while ((SECONDS < end)); do
		total=$(wc -l <"$file" 2>/dev/null || echo 0)
		if ((total > seen)); then
			while IFS= read -r line; do
				line=${line%$'\r'}
				[[ $line == VB-GUEST-END ]] && return 0
				[[ $line == *"$prefix "* ]] || continue
				read -r -a words <<<"${line#*"$prefix "}"
				"$handler" "${words[@]}"
			done < <(sed -n "$((seen + 1)),${total}p" "$file")
			seen=$total
		fi
		sleep 0.2
	done
	return 1
}
