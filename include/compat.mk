# SPDX-License-Identifier: GPL-2.0-only
#
# Included by every module's Kbuild.  NOSTDINC_FLAGS comes before the kernel's
# own include paths, so <linux/...> finds our shims first and the shims reach
# the real headers with #include_next.
# include/arch/ARCH/asm/ holds shims of the architecture's <asm/...> headers
# (a top-level include/asm/ would shadow every arch's asm/ at once).
NOSTDINC_FLAGS += -I$(VB_TOP)/include -I$(VB_TOP)/include/arch/$(SRCARCH) \
	-I$(VB_TOP)/.probes/include
ccflags-y += -DVB_VERSION='"$(VB_VERSION)"'
