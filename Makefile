# SPDX-License-Identifier: GPL-2.0-only
#
# virt-backports: out-of-tree virtualization modules for stock distro kernels.
#
#   make                 build the modules that apply to KDIR (or KVER)
#   sudo make install    build and install through DKMS for the running kernel
#   sudo make uninstall  remove it again
#   make check           the whole test suite (installs its own dependencies);
#                        VB_SOURCE_KERNELS=bullseye:s390x adds cells whose
#                        stock kernel the archive lacks, built from source
#   make deb / make rpm  packages in dist/
#   make fuzz            longer fixed-seed fuzz runs in a VM (FUZZ_CELLS,
#                        FUZZ_OPS, FUZZ_SEED)
#   make bench           both benchmarks below, in VMs:
#   make bench-mbochs    our mbochs against the upstream sample
#                        (BENCH_CELLS, BENCH_ROUNDS)
#   make demo            an mbochs vGPU in a VM of a stock Debian kernel:
#                        EDID through edid-decode, its display as demo.png
#                        (DEMO_CELL, DEMO_PNG); your kernel is not touched
#   make bench-vccw      virtio-ccw: ours against the built-in transport
#   make mutation-vccw   the stress against an unserialized vb_virtio_ccw
#
# KVER picks an installed kernel, KDIR a header tree; ARCH=, CROSS_COMPILE=,
# W=1 and C=2 pass through to Kbuild.

VB_TOP := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
PACKAGE := virt-backports
# The version lives in debian/changelog only; DKMS passes it in VB_VERSION
# because its build tree has no debian/.
VB_VERSION ?= $(shell awk -F'[()]' 'NR == 1 { sub(/-[^-]*$$/, "", $$2); print $$2 }' \
	$(VB_TOP)/debian/changelog 2>/dev/null)

KVER ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KVER)/build

KBUILD_ARGS := -C $(KDIR) M=$(VB_TOP) VB_TOP=$(VB_TOP) VB_VERSION=$(VB_VERSION)
PROBE_ARGS := -C $(KDIR)
# Debug only: a vb_virtio_ccw without channel-I/O serialization, for the
# mutation check of its tests (see virtio_ccw/README.md).
ifneq ($(VB_VIRTIO_CCW_UNSERIALIZED),)
KBUILD_ARGS += VB_VIRTIO_CCW_UNSERIALIZED=$(VB_VIRTIO_CCW_UNSERIALIZED)
endif
ifneq ($(ARCH),)
KBUILD_ARGS += ARCH=$(ARCH)
PROBE_ARGS += ARCH=$(ARCH)
endif
ifneq ($(CROSS_COMPILE),)
KBUILD_ARGS += CROSS_COMPILE=$(CROSS_COMPILE)
PROBE_ARGS += CROSS_COMPILE=$(CROSS_COMPILE)
endif
ifneq ($(CC),cc)
KBUILD_ARGS += CC=$(CC)
PROBE_ARGS += CC=$(CC)
endif

.PHONY: all modules probes headers-check clean install uninstall deps \
	check deb rpm fuzz bench bench-mbochs demo bench-vccw mutation-vccw

all: modules

headers-check:
	@if [ ! -f "$(KDIR)/Makefile" ]; then \
		echo "vb: no kernel headers at $(KDIR)" >&2; \
		echo "vb: installed header trees:" >&2; \
		found=; \
		for d in /lib/modules/*/build /usr/src/linux-headers-*; do \
			[ -f "$$d/Makefile" ] && [ -f "$$d/.config" ] || continue; \
			echo "vb:   $$d" >&2; found=1; \
		done; \
		[ -n "$$found" ] || echo "vb:   (none)" >&2; \
		echo "vb: pick one with 'make KVER=<version>' or 'make KDIR=<path>'," >&2; \
		echo "vb: or install the headers (Debian: apt install linux-headers-$(KVER))." >&2; \
		exit 1; \
	fi

probes: headers-check
	@$(VB_TOP)/scripts/run-probes $(VB_TOP)/.probes $(PROBE_ARGS)

modules: probes
	@sel=$$($(VB_TOP)/scripts/select-modules $(KDIR)/.config) || exit 1; \
	echo "$$sel" | sed -n 's/^skip /vb: skip /p'; \
	mods=$$(echo "$$sel" | awk '$$1 == "build" { print $$3 }'); \
	echo "$$sel" | awk '$$1 == "build" { print "vb: build " $$2 }'; \
	if [ -z "$$mods" ]; then echo "vb: nothing to build for $(KDIR)"; exit 0; fi; \
	$(MAKE) $(KBUILD_ARGS) VB_MODULES="$$mods" modules

clean:
	@if [ -f "$(KDIR)/Makefile" ]; then \
		$(MAKE) $(KBUILD_ARGS) VB_MODULES="$$(for k in */Kbuild; do dirname $$k; done)" clean; \
	fi
	rm -rf $(VB_TOP)/.probes $(VB_TOP)/dist

# DKMS, and the packages it needs, for the running kernel (or KVER=).
install uninstall:
	@$(VB_TOP)/scripts/dkms-install $@ "$(VB_VERSION)" "$(KVER)"

deb:
	@$(VB_TOP)/debian/build-deb

rpm:
	@$(VB_TOP)/rpm/build "$(VB_VERSION)"

check:
	@$(VB_TOP)/tests/run

# The virtio-ccw transports side by side (s390x, TCG): throughput and
# config-read latency, ours against the built-in one; `make bench` runs it
# too.  BENCH_VCCW_CELLS, BENCH_VCCW_ROUNDS.  And the mutation check: does
# the stress catch a transport built without I/O serialization?
BENCH_VCCW_CELLS ?= bookworm:s390x
BENCH_VCCW_ROUNDS ?= 12
bench-vccw:
	@VB_BENCH_ROUNDS=$(BENCH_VCCW_ROUNDS) $(VB_TOP)/tests/virtio_ccw/bench/run $(BENCH_VCCW_CELLS)
mutation-vccw:
	@$(VB_TOP)/tests/virtio_ccw/mutation $(firstword $(BENCH_VCCW_CELLS))

# The fuzzers (vfio_edid's, and mbochs's where the kernel has mdev) run in
# every `make check` boot (100k operations, seed 1); this runs them longer,
# with another seed if asked, on the cells named.  mbochs fuzzes ours at
# about 30k ops/s under TCG (and the upstream sample, a fifth as long).
FUZZ_CELLS ?= bookworm:amd64 sid:ppc64el
FUZZ_OPS ?= 2000000
FUZZ_SEED ?= 1
fuzz:
	@$(VB_TOP)/tests/lib/matrix $(FUZZ_CELLS)
	@VB_FUZZ_OPS=$(FUZZ_OPS) VB_FUZZ_SEED=$(FUZZ_SEED) VB_VM_TESTS="vfio_edid mbochs" \
		VB_VM_TEST_TIMEOUT=1500 VB_VM_TIMEOUT=1800 \
		$(VB_TOP)/tests/lib/vm $(FUZZ_CELLS)

# Not part of `make check` (which runs the benchmark once, quickly, only to
# keep it working): figures under TCG need a quiet machine and minutes.
# bookworm:amd64 by default; mbochs and the sample exist on every amd64
# cell, e.g. BENCH_CELLS="bullseye:amd64 bookworm:amd64 trixie:amd64 sid:amd64".
BENCH_CELLS ?= bookworm:amd64
BENCH_ROUNDS ?= 12
bench: bench-mbochs bench-vccw
bench-mbochs:
	@VB_BENCH_ROUNDS=$(BENCH_ROUNDS) $(VB_TOP)/tests/mbochs/bench $(BENCH_CELLS)

# Try mbochs without installing anything into your kernel: see README.md.
# DEMO_FLAGS=--check prints TAP and checks the picture (tests/demo/check).
DEMO_CELL ?= bookworm:amd64
DEMO_PNG ?= demo.png
demo:
	@$(VB_TOP)/tests/demo/run $(DEMO_FLAGS) $(DEMO_CELL) $(abspath $(DEMO_PNG))
