// SPDX-License-Identifier: GPL-2.0
/*
 * The CLI's commands on a table opened in this process (-e, -t); on the
 * live module they hand over to live.c.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../module/gosym_line.h"
#include "batch.h"
#include "commands.h"
#include "output.h"
#include "util.h"

/*
 * A command's own -i/--inline, before its arguments: *set says whether it
 * was given, optind is then the first argument.  Returns -1 for any other
 * option.
 */
static int inline_option(int argc, char **argv, bool *set)
{
	static const struct option opts[] = {
		{ "inline", no_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*set = false;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+i", opts, NULL)) != -1) {
		if (c != 'i')
			return -1;
		*set = true;
	}
	return 0;
}

/* The look-up line of pc, with inl its inlined frames' lines first. */
void print_lookup(const struct gosym_table *t, uint64_t pc, bool inl)
{
	char line[GOSYM_LINE_MAX * (GOSYM_MAX_INLINE + 1)];
	struct lookup l;

	if (inl) {
		gosym_format_lookup_inline(t, pc, line, sizeof(line));
		print_lookup_lines(line);
		return;
	}
	if (json_output) {
		lookup_from_table(t, pc, &l);
		print_lookup_json(&l);
		return;
	}
	gosym_format_lookup(t, pc, line, sizeof(line));
	puts(line);
}

/* A batch's answers, in the order its PCs came in. */
static void print_batch(const struct gosym_table *t, struct batch *b)
{
	char line[GOSYM_LINE_MAX];
	struct batch_answer *a;
	struct lookup l;
	size_t i;

	for (i = 0; i < b->n; i++) {
		a = &b->answers[i];
		if (json_output) {
			lookup_from_answer(t, b->pcs[i], a->found ? &a->fn : NULL,
					   &a->pos, &l);
			print_lookup_json(&l);
		} else {
			gosym_format_answer(t, b->pcs[i],
					    a->found ? &a->fn : NULL, &a->pos,
					    line, sizeof(line));
			puts(line);
		}
	}
}

/* Look up and print a batch: together, unless inlined frames are wanted. */
static void lookup_print(const struct gosym_table *t, struct batch *b,
			 bool inl)
{
	size_t i;

	if (inl) {
		for (i = 0; i < b->n; i++)
			print_lookup(t, b->pcs[i], true);
	} else {
		batch_lookup(t, b);
		print_batch(t, b);
	}
	fflush(stdout);
}

/* Addresses from stdin, whitespace-separated, answered as they arrive. */
static int lookup_stdin(const struct gosym_table *t, struct batch *b,
			bool inl)
{
	static struct addr_reader r;
	int got;

	addr_reader_init(&r, STDIN_FILENO);
	while ((got = addr_reader_fill(&r, b)) > 0)
		lookup_print(t, b, inl);
	/* the good addresses before a bad one are answered */
	if (got < 0)
		lookup_print(t, b, inl);
	return got ? EXIT_USAGE : EXIT_OK;
}

/* Addresses from the command line, already checked. */
static void lookup_args(const struct gosym_table *t, struct batch *b,
			char **addrs, int n, bool inl)
{
	int i;

	for (i = 0; i < n; i++) {
		gosym_parse_addr(addrs[i], &b->pcs[b->n++]);
		if (b->n == BATCH_MAX || i == n - 1) {
			lookup_print(t, b, inl);
			b->n = 0;
		}
	}
}

int cmd_lookup(struct source *src, int argc, char **argv)
{
	struct batch b;
	bool inl;
	uint64_t pc;
	int i, ret = EXIT_OK;

	if (inline_option(argc, argv, &inl)) {
		errorf("usage: gosym lookup [-i] [ADDR...]");
		return EXIT_USAGE;
	}
	/* all addresses are checked before any answer is printed */
	for (i = optind; i < argc; i++) {
		if (gosym_parse_addr(argv[i], &pc)) {
			errorf("bad address '%s'", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (src->kind == SOURCE_LIVE)
		return live_lookup(src, argv + optind, argc - optind, stdin, inl);
	if (inl)
		source_funcdata(src);
	if (batch_alloc(&b))
		return EXIT_USAGE;
	if (optind == argc)
		ret = lookup_stdin(&src->table, &b, inl);
	else
		lookup_args(&src->table, &b, argv + optind, argc - optind, inl);
	batch_free(&b);
	return ret;
}

/* A function's funcs line, at the addresses the program runs at. */
static void print_table_func(const struct gosym_table *t,
			     const struct gosym_func *fn)
{
	print_func(fn->entry + t->bias, fn->end + t->bias, gosym_func_name(t, fn));
}

int cmd_funcs(struct source *src, int argc, char **argv)
{
	struct gosym_func fn;
	uint32_t i;

	(void)argv;
	if (argc != 1) {
		errorf("usage: gosym funcs");
		return EXIT_USAGE;
	}
	if (src->kind == SOURCE_LIVE)
		return live_funcs(src, NULL);
	for (i = 0; !gosym_func_by_index(&src->table, i, &fn); i++)
		print_table_func(&src->table, &fn);
	return EXIT_OK;
}

int cmd_func(struct source *src, int argc, char **argv)
{
	struct gosym_func fn;

	if (argc != 2) {
		errorf("usage: gosym func NAME");
		return EXIT_USAGE;
	}
	if (src->kind == SOURCE_LIVE)
		return live_funcs(src, argv[1]);
	if (source_index_names(src))
		return EXIT_USAGE;
	if (gosym_func_by_name(&src->table, argv[1], &fn)) {
		errorf("no function named '%s'", argv[1]);
		return EXIT_NOTFOUND;
	}
	print_table_func(&src->table, &fn);
	return EXIT_OK;
}

static bool print_range(void *ctx, const struct gosym_func *fn, uint64_t start,
			uint64_t end)
{
	const struct gosym_table *t = ctx;

	print_func(start + t->bias, end + t->bias, gosym_func_name(t, fn));
	return true;
}

int cmd_pcs(struct source *src, int argc, char **argv)
{
	const char *file;
	int32_t line;

	if (argc != 2) {
		errorf("usage: gosym pcs FILE:LINE");
		return EXIT_USAGE;
	}
	if (gosym_parse_file_line(argv[1], &file, &line)) {
		errorf("bad position '%s': give FILE:LINE", argv[1]);
		return EXIT_USAGE;
	}
	if (src->kind == SOURCE_LIVE)
		return live_pcs(src, file, line);
	if (gosym_line_pcs(&src->table, file, line, print_range,
			   &src->table) <= 0) {
		errorf("no code at %s:%d", file, line);
		return EXIT_NOTFOUND;
	}
	return EXIT_OK;
}

int cmd_info(struct source *src, int argc, char **argv)
{
	const struct gosym_table *t = &src->table;
	char text[1024];
	size_t n;

	(void)argv;
	if (argc != 1) {
		errorf("usage: gosym info");
		return EXIT_USAGE;
	}
	if (src->kind == SOURCE_LIVE)
		return live_info(src);
	/* the lines the module's info has too, then this source's own */
	n = gosym_format_table_info(t, text, sizeof(text));
	if (n >= sizeof(text))
		n = sizeof(text) - 1;
	snprintf(text + n, sizeof(text) - n,
		 "source\t%s\nbias\t0x%llx\nindex_bytes\t%llu\ncheckpoints\t%u\n",
		 src->origin, (unsigned long long)t->bias,
		 (unsigned long long)t->index_bytes, t->ncheckpoints);
	print_info_text(text);
	return EXIT_OK;
}

int cmd_funcdata(struct source *src, int argc, char **argv)
{
	const struct gosym_table *t = &src->table;

	(void)argv;
	if (argc != 1) {
		errorf("usage: gosym -e FILE funcdata > gofunc.bin");
		return EXIT_USAGE;
	}
	if (src->kind != SOURCE_ELF) {
		errorf("funcdata copies an ELF file's go:func.* data: give -e FILE");
		return EXIT_USAGE;
	}
	if (t->version < GOSYM_GO118) {
		errorf("%s: a %s table's inline trees are addressed, not offsets: use table -i",
		       src->path, gosym_version_name(t->version));
		return EXIT_USAGE;
	}
	if (source_funcdata(src))
		return EXIT_USAGE;
	fflush(stdout);
	if (fwrite(t->fd_data, 1, t->fd_size, stdout) != t->fd_size) {
		errorf("writing the funcdata: %s", strerror(errno));
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int cmd_table(struct source *src, int argc, char **argv)
{
	bool bundle;

	if (inline_option(argc, argv, &bundle) || optind != argc)
		goto usage;
	if (src->kind == SOURCE_LIVE) {
		errorf("table copies a file's table: give -e FILE");
		return EXIT_USAGE;
	}
	if (bundle && source_funcdata(src))
		return EXIT_USAGE;
	fflush(stdout);
	if (write_table(src, STDOUT_FILENO, bundle)) {
		errorf("writing the table: %s", strerror(errno));
		return EXIT_USAGE;
	}
	return EXIT_OK;

usage:
	errorf("usage: gosym -e FILE table [-i] > FILE.tab");
	return EXIT_USAGE;
}
