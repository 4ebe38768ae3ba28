# SPDX-License-Identifier: GPL-2.0
#
#   make                 iso.ko for KDIR and userspace/isoctl
#   make KDIR=/path      iso.ko for another kernel's build tree
#   make check           every test; ends with "N passed, N failed"
#   make check-full      the same, with the container tests on the debug
#                        and RT kernels too
#   make demo            boot the 6.12 guest and show isoctl talking to iso.ko
#   make bench-query     query cost: iso.ko dumps and GETs against cgroupfs
#   make bench           probe overhead: fork/exec and ping-pong, with and without
#   make bench-limits    the controllers' overhead: idle, armed, and net
#   make fuzz            the config parser under libFuzzer, until stopped
#                        (FUZZ_SECONDS=N to stop after N seconds)
#   make install         isoctl, isoctl-serve, the man page, bash completion
#                        and the systemd unit under PREFIX (/usr/local),
#                        staged in DESTDIR
#   make dkms            iso.ko's sources in /usr/src/iso-VERSION, added to
#                        DKMS (then: dkms install iso/VERSION)
#
# Also: make module, make isoctl, make checkpatch, make clean.

ISO_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/iso

# The running kernel's tree on a lab machine, else Debian's 6.1 headers:
# installed ones first, then the copy scripts/deps.sh unpacks.
KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
		    $(lastword $(sort $(wildcard /usr/src/linux-headers-6.1.*-amd64))) \
		    $(wildcard $(ISO_CACHE)/kernels/6.1/kdir))

# Refuse a missing tree up front, in one line, before kbuild's own noise.
ifneq ($(filter all module,$(or $(MAKECMDGOALS),all)),)
ifeq ($(KDIR),)
$(error no kernel build tree found: set KDIR=/path/to/linux/build, or run scripts/deps.sh)
endif
ifeq ($(wildcard $(KDIR)/Makefile),)
$(error KDIR=$(KDIR) is not a kernel build tree (no Makefile there))
endif
endif

all: module isoctl

module:
	$(MAKE) -C "$(KDIR)" M="$(CURDIR)/kmod" modules

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBEXECDIR ?= $(PREFIX)/lib/iso
MANDIR ?= $(PREFIX)/share/man
UNITDIR ?= $(PREFIX)/lib/systemd/system
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions

isoctl:
	$(MAKE) -C userspace PREFIX="$(PREFIX)" LIBEXECDIR="$(LIBEXECDIR)"

install: isoctl
	install -D -m 0755 userspace/isoctl "$(DESTDIR)$(BINDIR)/isoctl"
	install -D -m 0755 userspace/isoctl-serve "$(DESTDIR)$(LIBEXECDIR)/isoctl-serve"
	install -D -m 0644 Documentation/isoctl.8 "$(DESTDIR)$(MANDIR)/man8/isoctl.8"
	install -D -m 0644 contrib/bash-completion/isoctl "$(DESTDIR)$(COMPLETIONDIR)/isoctl"
	mkdir -p "$(DESTDIR)$(UNITDIR)"
	sed 's|@BINDIR@|$(BINDIR)|' contrib/isoctl-serve.service \
		>"$(DESTDIR)$(UNITDIR)/isoctl-serve.service"
	sed 's|@BINDIR@|$(BINDIR)|' contrib/isoctl-autostart.service \
		>"$(DESTDIR)$(UNITDIR)/isoctl-autostart.service"

# cmocka unit tests and the programs the guest tests use
tests: isoctl
	$(MAKE) -C tests all

checkpatch:
	scripts/checkpatch.sh

check:
	scripts/check.sh

check-full:
	scripts/check.sh --full

demo:
	scripts/demo.sh

bench:
	scripts/bench.sh

FUZZ_SECONDS ?= 0
fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)

bench-limits:
	scripts/bench.sh --limits

bench-query:
	scripts/vm run --kernel 6.12 --mem 3072 --timeout 3600 --icount -- /tests/bench/query.sh

clean:
	$(MAKE) -C userspace clean
	$(MAKE) -C tests clean
	@if [ -f "$(KDIR)/Makefile" ]; then \
		$(MAKE) -C "$(KDIR)" M="$(CURDIR)/kmod" clean; fi
	rm -rf build

# The module's sources as DKMS wants them, in DKMS_SRC/iso-VERSION.
DKMS_VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf 2>/dev/null)
DKMS_SRC ?= /usr/src
# Sources only: not what a build left (features.h, *.mod.c, objects).
DKMS_FILES := dkms.conf Kbuild include/uapi/linux/iso.h kmod/Kbuild \
	$(filter-out %.mod.c,$(wildcard kmod/*.c kmod/controllers/*.c)) \
	$(filter-out kmod/features.h,$(wildcard kmod/*.h kmod/controllers/*.h)) \
	$(wildcard kmod/probes/*.c) kmod/probes/run.sh
dkms-source:
	rm -rf "$(DKMS_SRC)/iso-$(DKMS_VERSION)"
	mkdir -p "$(DKMS_SRC)/iso-$(DKMS_VERSION)"
	cp --parents $(DKMS_FILES) "$(DKMS_SRC)/iso-$(DKMS_VERSION)/"

# Again for the same version: what DKMS has of it goes first.
dkms: dkms-source
	if dkms status -m iso -v "$(DKMS_VERSION)" | grep -q .; then \
		dkms remove -m iso -v "$(DKMS_VERSION)" --all; fi
	dkms add -m iso -v "$(DKMS_VERSION)"

.PHONY: all module isoctl install dkms dkms-source tests checkpatch check check-full demo bench \
	bench-limits bench-query fuzz clean
