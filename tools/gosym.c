// SPDX-License-Identifier: GPL-2.0
/*
 * gosym: symbolize Go PCs from a Go pclntab, as Go's debug/gosym would,
 * offline from an ELF file or raw table, or live through the gosym module's
 * debugfs files.  Interfaces: ../shared/SPEC.md and
 * Documentation/gosym.1.rst.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../module/gosym_line.h"
#include "commands.h"
#include "output.h"
#include "source.h"
#include "util.h"

#define GOSYM_VERSION	"0.1"

static const struct command {
	const char *name;
	int (*run)(struct source *src, int argc, char **argv);
	bool needs_table;	/* false: runs without opening the source */
	const char *usage;
} commands[] = {
	{ "lookup", cmd_lookup, true,
	  "lookup [-i] [ADDR...]  look-up lines; no ADDR: addresses from stdin;\n"
	  "                     -i: inlined frames first, innermost first" },
	{ "funcs", cmd_funcs, true,
	  "funcs              ENTRY<TAB>END<TAB>NAME for every function" },
	{ "func", cmd_func, true,
	  "func NAME          the funcs line of NAME (exit 1 if none)" },
	{ "pcs", cmd_pcs, true,
	  "pcs FILE:LINE      START<TAB>END<TAB>FUNC of each PC range of that line" },
	{ "info", cmd_info, true,
	  "info               KEY<TAB>VALUE facts about the table" },
	{ "table", cmd_table, true,
	  "table [-i]         the raw pclntab on stdout (for -t, firmware, load);\n"
	  "                     -i: with its inline trees, as a bundle" },
	{ "funcdata", cmd_funcdata, true,
	  "funcdata           the go:func.* data of its inline trees (vmlinux .gofunc)" },
	{ "load", cmd_load, false,
	  "load [--bias N] FILE  give FILE's table (ELF or raw) to the module" },
	{ "bt", cmd_bt, true,
	  "bt PID [G]         Go frames of each thread of a running process, or\n"
	  "                     of its parked goroutine whose runtime.g is at G (live)" },
	{ "unwind", cmd_unwind, true,
	  "unwind [-r] [--lr LR] PC SP FILE@ADDR  Go frames from PC and SP over a\n"
	  "                     stack copied to FILE from ADDR (-r: PC is a return\n"
	  "                     address; --lr: link register, arm64 and others)" },
	{ "bench", cmd_bench, true,
	  "bench [-n N] [--seed S]  time open and look-ups (-e only)" },
};

static void show_usage(FILE *f)
{
	size_t i;

	fprintf(f,
		"Usage: gosym [SOURCE] [--json] COMMAND [ARGS]\n"
		"Symbolize Go PCs with Go's own function table (pclntab).\n\n"
		"Sources (default: the live gosym module, %s):\n"
		"  -e, --elf FILE     an ELF file: its .gopclntab section or runtime.pclntab\n"
		"  -t, --table FILE   a raw pclntab\n"
		"      --text ADDR    text start for go1.18+ tables (default: from the\n"
		"                     table, else the ELF's runtime.text)\n"
		"      --bias N       the program runs N bytes above its link address\n"
		"                     (PIE): look-ups take N off, funcs add it\n"
		"  -d, --debugfs DIR  the module's debugfs directory\n\n"
		"Options:\n"
		"      --json         answers as JSON lines\n"
		"  -h, --help         this help\n"
		"  -V, --version      the version\n\n"
		"Commands:\n", GOSYM_DEBUGFS);
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %s\n", commands[i].usage);
	fprintf(f,
		"\nAn address is hex with 0x, or decimal.  Exit status: 0 ok, 1 a name\n"
		"not found, 2 usage or input error.  See gosym(1).\n");
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "elf", required_argument, NULL, 'e' },
		{ "table", required_argument, NULL, 't' },
		{ "text", required_argument, NULL, 'T' },
		{ "bias", required_argument, NULL, 'B' },
		{ "debugfs", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct source src = { .kind = SOURCE_LIVE, .path = GOSYM_DEBUGFS };
	const struct command *cmd;
	int c, ret;

	/* options stop at the command; its own options are its business */
	while ((c = getopt_long(argc, argv, "+e:t:d:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'e':
		case 't':
			if (src.kind != SOURCE_LIVE) {
				errorf("give one table source only");
				return EXIT_USAGE;
			}
			src.kind = c == 'e' ? SOURCE_ELF : SOURCE_RAW;
			src.path = optarg;
			break;
		case 'T':
			if (gosym_parse_addr(optarg, &src.text) || !src.text) {
				errorf("bad --text address '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'B':
			if (gosym_parse_addr(optarg, &src.bias)) {
				errorf("bad --bias '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'd':
			src.path = optarg;
			break;
		case 'j':
			json_output = true;
			break;
		case 'h':
			show_usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("gosym %s\n", GOSYM_VERSION);
			return EXIT_OK;
		default:
			show_usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		show_usage(stderr);
		return EXIT_USAGE;
	}
	cmd = find_command(argv[optind]);
	if (!cmd) {
		errorf("unknown command '%s' (see gosym --help)", argv[optind]);
		return EXIT_USAGE;
	}
	if ((src.text || src.bias) && src.kind == SOURCE_LIVE) {
		errorf("--text and --bias go with -e or -t");
		return EXIT_USAGE;
	}
	if (cmd->needs_table && source_open(&src)) {
		source_close(&src);
		return EXIT_USAGE;
	}
	ret = cmd->run(&src, argc - optind, argv + optind);
	source_close(&src);
	if (fflush(stdout) || ferror(stdout)) {
		errorf("writing output: %s", strerror(errno));
		return EXIT_USAGE;
	}
	return ret;
}
