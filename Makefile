# SPDX-License-Identifier: GPL-2.0
#
# lsw: make            build kmod/lsw.ko (against KDIR) and userspace/lsw
#      make deps       install prerequisites and the test kernels (apt)
#                      (the test kernels go to LSW_CACHE, ~/.cache/lsw by
#                      default: see scripts/README)
#      make demo       the two-hypervisor walkthrough, in a VM
#      make check      every selftest, on every supported kernel, in a VM
#      make check-debug every selftest on the debug kernel (KASAN, kmemleak,
#                      lockdep...), which "make debug-kernel" builds (6.12,
#                      cached in LSW_CACHE)
#      make bench      lsw against the kernel's vxlan, on every kernel, in a VM
#                      (LSW_BENCH_QUICK=1: a short run); Documentation/performance.rst
#      make sparse     the module through sparse (C=2)
#      make checkpatch the kernel's checkpatch.pl --strict on the sources
#      make nl-gen     kmod/netlink-gen.[ch] from the YNL spec (ynl-gen-c.py)
#      make deb        Debian packages lsw-dkms, lsw-tools and lsw-ovn,
#                      in .cache/pkg/ (LSW_OUT/pkg/)
#      make dkms-install / dkms-remove   the module through DKMS (root)
#      make htmldocs   Documentation/networking/lsw.rst as HTML, in .cache/

KVER_RUNNING := $(shell uname -r)
# The running kernel's headers where they exist, else the newest Debian
# headers installed (a build host rarely runs the kernel it builds for).
KDIR ?= $(shell if [ -d /lib/modules/$(KVER_RUNNING)/build ]; then \
		echo /lib/modules/$(KVER_RUNNING)/build; \
	else \
		ls -d /usr/src/linux-headers-* 2>/dev/null | \
		grep -v -e '-common$$' | sort -V | tail -n1; \
	fi)

# What every clone shares (kernels, kernel sources), and this checkout's
# own outputs (scripts/lib/cache.sh; LSW_OUT moves out of a checkout
# whose path has a space, which kbuild cannot take).
LSW_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/lsw
export LSW_CACHE
HTMLDOCS := $(or $(LSW_OUT),$(CURDIR)/.cache)/htmldocs

CHECKPATCH ?= $(LSW_CACHE)/src/linux-source-6.12/scripts/checkpatch.pl

KSRCS := $(filter-out %.mod.c,$(wildcard kmod/*.c kmod/*.h)) uapi/linux/lsw.h

.PHONY: all module userspace clean deps check demo sparse checkpatch \
	check-kdir deb dkms-install dkms-remove htmldocs bench \
	debug-kernel check-debug nl-gen

all: module userspace

check-kdir:
	@if [ -z "$(KDIR)" ] || [ ! -d "$(KDIR)" ]; then \
		echo "No kernel headers found (KDIR='$(KDIR)')."; \
		echo "Install them with 'make deps', or pass KDIR=/path/to/build."; \
		exit 1; \
	fi

module: check-kdir
	@case "$(CURDIR)" in *[[:space:]:]*) \
		echo "kbuild cannot build in a path with a space or colon:" \
			"use scripts/build-kmod.sh KVER (it builds in LSW_OUT)"; \
		exit 1 ;; \
	esac
	$(MAKE) -C $(KDIR) M=$(CURDIR)/kmod modules

userspace:
	$(MAKE) -C userspace

sparse: check-kdir
	$(MAKE) -C $(KDIR) M=$(CURDIR)/kmod C=2 modules

checkpatch:
	@if [ ! -x "$(CHECKPATCH)" ]; then \
		echo "checkpatch.pl not found at $(CHECKPATCH): run 'make deps'"; \
		exit 1; \
	fi
	$(CHECKPATCH) --strict --no-tree --quiet --show-types -f $(KSRCS)

deps:
	@scripts/deps.sh

deb:
	scripts/pkg-deb.sh

# DKMS_KERNELS="KVER..." builds and installs for those kernels instead of
# the running one.
dkms-install:
	scripts/dkms-install.sh

dkms-remove:
	scripts/dkms-remove.sh

nl-gen:
	scripts/nl-gen.sh

htmldocs:
	sphinx-build -W -q -b html -d $(HTMLDOCS)/.doctrees \
		-c Documentation/sphinx Documentation/networking \
		$(HTMLDOCS)
	@echo "htmldocs: $(HTMLDOCS)/lsw.html"

check: deps
	scripts/check.sh

demo: deps
	scripts/demo.sh

bench: deps
	scripts/bench.sh

debug-kernel: deps
	scripts/debug-kernel.sh

check-debug: debug-kernel
	scripts/check-debug.sh

clean:
	-[ -z "$(KDIR)" ] || [ ! -d "$(KDIR)" ] || \
		$(MAKE) -C $(KDIR) M=$(CURDIR)/kmod clean
	$(MAKE) -C userspace clean
