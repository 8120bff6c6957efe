# SPDX-License-Identifier: GPL-2.0
#
# gosym: Go symbols for the kernel debugger.
#
#   make              gosym.ko against the test kernel (or KDIR=...) + the CLI
#   make tools        the CLI only (tools/gosym); needs no kernel
#   make check        every test; last line "N passed, N failed"
#   make demo         build what is missing, boot QEMU, show a live session
#   make kunit        the KUnit suites in the QEMU guest
#   make fuzz         fuzz the core (FUZZ_SECONDS, default 600)
#   make style        checkpatch, sparse, W=1, kernel-doc
#
# Kernel builds are cached under $(GOSYM_CACHE) (default ~/.cache/gosym).

KDIR ?= $(shell qemu/build-kernel)

all: module tools

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tools:
	$(MAKE) -C tools

check:
	tests/run-all

demo:
	qemu/demo

kunit:
	GOSYM_SUITES=kunit tests/run-all

fuzz:
	WORK=$$(mktemp -d) tests/fuzz/run $(FUZZ_SECONDS)

style:
	GOSYM_SUITES=lint tests/run-all

clean:
	$(MAKE) -C tools clean
	find module kunit \( -name '*.o' -o -name '*.ko' -o -name '*.mod' ! -name go.mod -o \
		-name '*.mod.c' -o -name '.*.cmd' \) -delete
	rm -f modules.order Module.symvers module/modules.order kunit/modules.order

.PHONY: all module tools check demo kunit fuzz style clean
