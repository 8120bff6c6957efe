// SPDX-License-Identifier: GPL-2.0
/*
 * kdb commands: gosym, gofunc, gopcs, gobt, goinfo.  They run with every CPU
 * stopped, so they only read the table that was active when kdb was entered:
 * no allocation, no sleeping, no locks but RCU's read side (to find tasks).
 * Output goes through one static buffer, which is safe because kdb runs one
 * command at a time.
 */
#include <linux/ctype.h>
#include <linux/kdb.h>
#include <linux/kernel.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
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

struct kdb_walk {
	const struct gosym_table *t;
	struct task_struct *task;
	int tid;
	u64 g;
	int n;
};

/* The walk's "# thread" or "# goroutine" line; err < 0 says why it failed. */
static void kdb_bt_header(const struct kdb_walk *w, int err)
{
	gosym_bt_header(kdb_buf, sizeof(kdb_buf), w->tid, w->g, w->task->comm,
			err);
	kdb_printf("%s\n", kdb_buf);
}

/* A frame's look-up lines, printed as the walk finds it */
static bool kdb_bt_frame(void *ctx, u64 pc)
{
	struct kdb_walk *w = ctx;

	if (!w->n++)
		kdb_bt_header(w, 0);
	gosym_format_lookup_inline(w->t, pc, kdb_buf, sizeof(kdb_buf));
	kdb_printf("%s\n", kdb_buf);
	return w->n < GOSYM_BT_MAX;
}

static void kdb_bt_task(struct kdb_walk *w)
{
	int err;

	w->n = 0;
	err = gosym_bt_task(w->t, w->task, w->g, true, kdb_bt_frame, w);
	if (err <= 0)
		kdb_bt_header(w, err);
}

/* gobt TID | gobt PID G: one thread, or one goroutine of a process */
static int kdb_gobt_pid(struct kdb_walk *w, const char *pid, const char *g)
{
	if (kstrtoint(pid, 10, &w->tid) || w->tid <= 0)
		return KDB_BADINT;
	if (g && (gosym_parse_addr(g, &w->g) || !w->g)) {
		kdb_printf("gobt: bad goroutine address '%s'\n", g);
		return KDB_BADINT;
	}
	w->task = pid_task(find_pid_ns(w->tid, &init_pid_ns), PIDTYPE_PID);
	if (!w->task)
		kdb_printf("gobt: no thread %d\n", w->tid);
	else
		kdb_bt_task(w);
	return 0;
}

/* gobt COMM: every thread of every task so named (as far as comm keeps) */
static void kdb_gobt_comm(struct kdb_walk *w, const char *comm)
{
	struct task_struct *g, *p;
	int found = 0;

	/* kdb_flags (for ^C) is not exported: walks are bounded instead */
	for_each_process_thread(g, p) {
		if (strncmp(p->comm, comm, TASK_COMM_LEN - 1))
			continue;
		w->task = p;
		w->tid = task_pid_nr(p);
		kdb_bt_task(w);
		found++;
	}
	if (!found)
		kdb_printf("gobt: no task named '%s'\n", comm);
}

static int kdb_gobt(int argc, const char **argv)
{
	struct kdb_walk w = { .t = kdb_table() };
	int ret = 0;

	if (argc < 1 || argc > 2)
		return KDB_ARGCOUNT;
	if (!w.t) {
		kdb_printf("gobt: no Go table loaded\n");
		return 0;
	}
	rcu_read_lock();
	if (argc == 2 || isdigit(argv[1][0]))
		ret = kdb_gobt_pid(&w, argv[1], argc == 2 ? argv[2] : NULL);
	else
		kdb_gobt_comm(&w, argv[1]);
	rcu_read_unlock();
	return ret;
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
		.name = "gobt",
		.func = kdb_gobt,
		.usage = "TID|COMM | PID G",
		.help = "Go frames of a thread, of each named COMM, or of goroutine G",
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
