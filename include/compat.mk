# SPDX-License-Identifier: GPL-2.0-only
#
# Included by every module's Kbuild.  NOSTDINC_FLAGS comes before the kernel's
# own include paths, so <linux/...> finds our shims first and the shims reach
# the real headers with #include_next.
# include/arch/ARCH/asm/ holds shims of the architecture's <asm/...> headers
# (a top-level include/asm/ would shadow every arch's asm/ at once); only
# arches that have one get the -I, as W=1 warns about missing directories.
vb_arch_include := $(wildcard $(VB_TOP)/include/arch/$(SRCARCH))
NOSTDINC_FLAGS += -I$(VB_TOP)/include $(addprefix -I,$(vb_arch_include)) \
	-I$(VB_TOP)/.probes/include
ccflags-y += -DVB_VERSION='"$(VB_VERSION)"'

# The mdev compat's code (include/vb/mdev_compat.c), for a module that
# registers an mdev parent: it adds $(vb-mdev-compat-y) to its objects, and
# the file is compiled as part of that module.  It is empty on kernels with
# mdev_register_parent().
vb-mdev-compat-y := ../include/vb/mdev_compat.o
