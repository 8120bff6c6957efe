// SPDX-License-Identifier: GPL-2.0
/*
 * kdb commands: gosym, gofunc, gopcs, goinfo.  They run with every CPU stopped,
 * so they only read the table that was active when kdb was entered: no
 * allocation, no sleeping, no locks.  Output goes through one static
 * buffer, which is safe because kdb runs one command at a time.
 */
#include <linux/kdb.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "gosym.h"
#include "gosym_line.h"

/* A look-up with its inlined frames: a line each, a few at most in practice */
static char kdb_buf[GOSYM_LINE_MAX * 8];
static struct gosym_table kdb_view;

static const struct gosym_table *kdb_table(void)
{
	return gosym_table_view(gosym_current_peek(), &kdb_view);
}

static int kdb_gosym(int argc, const char **argv)
{
	const struct gosym_table *t = kdb_table();
	bool inl = argc >= 1 && !strcmp(argv[1], "-i");
	int i, first = inl ? 2 : 1;
	u64 pc;

	if (argc < first)
		return KDB_ARGCOUNT;
	/* all addresses are checked before any answer, as in the CLI */
	for (i = first; i <= argc; i++) {
		if (gosym_parse_addr(argv[i], &pc)) {
			kdb_printf("gosym: bad address '%s'\n", argv[i]);
			return KDB_BADINT;
		}
	}
	/* kdb passes at most a score of arguments: no need to poll for ^C */
	for (i = first; i <= argc; i++) {
		gosym_parse_addr(argv[i], &pc);
		if (inl)
			gosym_format_lookup_inline(t, pc, kdb_buf,
						   sizeof(kdb_buf));
		else
			gosym_format_lookup(t, pc, kdb_buf, sizeof(kdb_buf));
		kdb_printf("%s\n", kdb_buf);
	}
	return 0;
}

static int kdb_gofunc(int argc, const char **argv)
{
	const struct gosym_table *t = kdb_table();
	struct gosym_func fn;

	if (argc != 1)
		return KDB_ARGCOUNT;
	if (!t || gosym_func_by_name(t, argv[1], &fn)) {
		kdb_printf("gofunc: no function named '%s'\n", argv[1]);
		return 0;
	}
	gosym_format_func(t, &fn, kdb_buf, sizeof(kdb_buf));
	kdb_printf("%s\n", kdb_buf);
	return 0;
}

static bool kdb_range(void *ctx, const struct gosym_func *fn, u64 start,
		      u64 end)
{
	gosym_format_range(ctx, fn, start, end, kdb_buf, sizeof(kdb_buf));
	kdb_printf("%s\n", kdb_buf);
	return true;
}

static int kdb_gopcs(int argc, const char **argv)
{
	const struct gosym_table *t = kdb_table();
	const char *file;
	s32 line;

	if (argc != 1)
		return KDB_ARGCOUNT;
	strscpy(kdb_buf, argv[1], sizeof(kdb_buf));
	if (gosym_parse_file_line(kdb_buf, &file, &line)) {
		kdb_printf("gopcs: give FILE:LINE, not '%s'\n", argv[1]);
		return KDB_BADINT;
	}
	if (!t || gosym_line_pcs(t, file, line, kdb_range, (void *)t) <= 0)
		kdb_printf("gopcs: no code at %s:%d\n", file, line);
	return 0;
}

static int kdb_goinfo(int argc, const char **argv)
{
	if (argc)
		return KDB_ARGCOUNT;
	gosym_format_info(gosym_current_peek(), kdb_buf, sizeof(kdb_buf));
	kdb_printf("%s", kdb_buf);
	return 0;
}

static kdbtab_t gosym_kdb_cmds[] = {
	{
		.name = "gosym",
		.func = kdb_gosym,
		.usage = "[-i] ADDR...",
		.help = "Go function and file:line of each address (-i: inlined frames too)",
		.flags = KDB_ENABLE_ALWAYS_SAFE,
	},
	{
		.name = "gofunc",
		.func = kdb_gofunc,
		.usage = "NAME",
		.help = "Entry, end and name of a Go function",
		.flags = KDB_ENABLE_ALWAYS_SAFE,
	},
	{
		.name = "gopcs",
		.func = kdb_gopcs,
		.usage = "FILE:LINE",
		.help = "Every Go PC range of a source line",
		.flags = KDB_ENABLE_ALWAYS_SAFE,
	},
	{
		.name = "goinfo",
		.func = kdb_goinfo,
		.usage = "",
		.help = "The Go table gosym answers from",
		.flags = KDB_ENABLE_ALWAYS_SAFE,
	},
};

/**
 * gosym_kdb_init() - register the kdb commands
 *
 * Return: 0, or -EBUSY if another module holds one of the names.
 */
int gosym_kdb_init(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(gosym_kdb_cmds); i++) {
		if (kdb_register(&gosym_kdb_cmds[i])) {
			pr_err("kdb command '%s' is taken\n",
			       gosym_kdb_cmds[i].name);
			goto err_unregister;
		}
	}
	return 0;

err_unregister:
	while (--i >= 0)
		kdb_unregister(&gosym_kdb_cmds[i]);
	return -EBUSY;
}

/**
 * gosym_kdb_exit() - unregister the kdb commands
 */
void gosym_kdb_exit(void)
{
	int i;

	for (i = ARRAY_SIZE(gosym_kdb_cmds) - 1; i >= 0; i--)
		kdb_unregister(&gosym_kdb_cmds[i]);
}
