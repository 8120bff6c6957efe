// SPDX-License-Identifier: GPL-2.0
/*
 * unwind: Go frames from a PC, an SP and a copy of the stack, offline.
 * For stacks read out of a stopped machine (tools/gosym-gdb.py's go-bt),
 * a core file or anywhere else: the core's unwinder, as the module's bt
 * runs it, over memory from a file instead of a live process.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../module/gosym_line.h"
#include "commands.h"
#include "util.h"

/* The stack: the bytes of a file, at an address of the program. */
struct memory {
	const uint8_t *bytes;
	size_t len;
	uint64_t addr;
	bool big_endian;
};

static bool read_memory(void *ctx, uint64_t addr, unsigned int size,
			uint64_t *val)
{
	const struct memory *m = ctx;
	unsigned int i;

	*val = 0;
	if (addr < m->addr || addr - m->addr > m->len ||
	    m->len - (addr - m->addr) < size)
		return false;
	for (i = 0; i < size; i++)
		*val |= (uint64_t)m->bytes[addr - m->addr + i] <<
			8 * (m->big_endian ? size - 1 - i : i);
	return true;
}

static bool print_frame(void *ctx, uint64_t pc)
{
	print_lookup(ctx, pc, true);
	return true;
}

/* FILE@ADDR: the file's name, cut off, and the address */
static int parse_memory_arg(char *arg, uint64_t *addr)
{
	char *at = strrchr(arg, '@');

	if (!at || at == arg || gosym_parse_addr(at + 1, addr))
		return -1;
	*at = 0;
	return 0;
}

int cmd_unwind(struct source *src, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "return", no_argument, NULL, 'r' },
		{ "lr", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	struct memory m = { .big_endian = src->table.big_endian };
	struct gosym_uregs regs = { 0 };
	unsigned int flags = 0;
	void *map;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+rl:", opts, NULL)) != -1) {
		if (c == 'r')
			flags = GOSYM_UNWIND_RETURN;
		else if (c != 'l' || gosym_parse_addr(optarg, &regs.lr))
			goto usage;
	}
	if (argc - optind != 3 || gosym_parse_addr(argv[optind], &regs.pc) ||
	    gosym_parse_addr(argv[optind + 1], &regs.sp) ||
	    parse_memory_arg(argv[optind + 2], &m.addr))
		goto usage;
	if (src->kind == SOURCE_LIVE) {
		errorf("unwind reads a stack from a file: give -e or -t (gosym bt unwinds live)");
		return EXIT_USAGE;
	}
	if (read_file_map(argv[optind + 2], &map, &m.len))
		return EXIT_USAGE;
	m.bytes = map;
	source_funcdata_quiet(src);
	/*
	 * x86 is the one architecture Go gives PC quantum 1; every other
	 * (arm, arm64, ppc64, mips, riscv64, s390x) calls with a link register
	 */
	gosym_unwind(&src->table, src->table.quantum == 1 ? GOSYM_ARCH_X86 :
		     GOSYM_ARCH_LR, flags, &regs, read_memory, &m, print_frame,
		     &src->table);
	if (map)
		munmap(map, m.len);
	return EXIT_OK;

usage:
	errorf("usage: gosym unwind [-r] [--lr LR] PC SP STACKFILE@ADDR");
	return EXIT_USAGE;
}
