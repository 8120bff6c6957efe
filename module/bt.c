// SPDX-License-Identifier: GPL-2.0
/*
 * Go backtraces of user threads and parked goroutines, for debugfs
 * "bt TID [G]" and kdb gobt.  A walk starts from the thread's saved user
 * registers, or from a goroutine's g.sched, and goes on by the table's pcsp
 * streams (gosym_unwind()).  The stack is read with access_process_vm() in
 * process context, or through the page tables by hand in kdb (uread.c).
 */
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/sched/task_stack.h>
#include <linux/string.h>

#include "gosym.h"

/*
 * The words of a runtime.g that a parked goroutine's walk starts from, in
 * pointer-sized words from its start.  g begins "stack stack (lo, hi);
 * stackguard0; stackguard1; _panic; _defer; m; sched gobuf", and gobuf
 * "sp; pc; ...": the same from Go 1.4 to at least Go 1.25.  The pclntab
 * records no types, so this is the one layout gosym assumes.
 */
enum g_word {
	G_STACK_LO = 0,
	G_STACK_HI = 1,
	G_SCHED_SP = 7,
	G_SCHED_PC = 8,
};

/*
 * The architecture's part: how its calls return (gosym_unwind()) and the
 * link register of a thread's saved user registers.  x86 and arm64 so far;
 * the other link-register machines need only user_lr().
 */
#if defined(CONFIG_X86)
#define BT_ARCH		GOSYM_ARCH_X86
static u64 user_lr(struct pt_regs *regs) { return 0; }
#elif defined(CONFIG_ARM64)
#define BT_ARCH		GOSYM_ARCH_LR
static u64 user_lr(struct pt_regs *regs) { return regs->regs[30]; }
#else
#define BT_ARCH		-1	/* none: gosym_bt_task() says so */
static u64 user_lr(struct pt_regs *regs) { return 0; }
#endif

struct bt_walk {
	struct task_struct *task;
	bool nofault;		/* kdb: no access_process_vm() */
	gosym_bt_fn emit;
	void *ctx;
	int n;
};

static bool bt_copy(struct bt_walk *w, u64 addr, void *buf, unsigned int size)
{
	if (w->nofault)
		return !gosym_uread_nofault(w->task->mm, addr, buf, size);
	return access_process_vm(w->task, addr, buf, size, FOLL_FORCE) == size;
}

/* A pointer-sized word of the program, 4 or 8 bytes. */
static bool bt_read(void *ctx, u64 addr, unsigned int size, u64 *val)
{
	u32 v32;

	*val = 0;
	if (size == 4) {
		if (!bt_copy(ctx, addr, &v32, 4))
			return false;
		*val = v32;
		return true;
	}
	return bt_copy(ctx, addr, val, 8);
}

static bool bt_frame(void *ctx, u64 pc)
{
	struct bt_walk *w = ctx;

	w->n++;
	return w->emit(w->ctx, pc);
}

/*
 * A parked goroutine's PC and SP, from its g.sched.  The runtime clears
 * sched.sp when it runs the goroutine, and a g's saved SP lies on its own
 * stack: anything else is not a parked goroutine.
 */
static int g_start(const struct gosym_table *t, struct bt_walk *w, u64 g,
		   struct gosym_uregs *regs)
{
	unsigned int ps = t->ptrsize;
	u64 lo, hi;

	if (!bt_read(w, g + G_STACK_LO * ps, ps, &lo) ||
	    !bt_read(w, g + G_STACK_HI * ps, ps, &hi) ||
	    !bt_read(w, g + G_SCHED_SP * ps, ps, &regs->sp) ||
	    !bt_read(w, g + G_SCHED_PC * ps, ps, &regs->pc))
		return -EFAULT;
	if (!regs->sp)
		return -EBUSY;
	if (regs->sp < lo || regs->sp >= hi || !regs->pc)
		return -ENOENT;
	/* parked or in a system call, a goroutine's LR is on its stack */
	regs->lr = 0;
	return 0;
}

/**
 * gosym_bt_task() - the Go frames of a user thread or of a parked goroutine
 * @t: the table of the program the task runs (with its bias)
 * @task: the thread (any thread of the process, for a goroutine)
 * @g: 0 for the thread's own stack, else the address of a goroutine's
 *	runtime.g in the process
 * @nofault: read memory through @task's page tables, never faulting or
 *	sleeping (kdb), instead of access_process_vm()
 * @emit: called with each frame's PC, innermost first: return addresses
 *	less one, so that each looks up to its call; false stops the walk
 * @ctx: passed to @emit
 *
 * A thread should be stopped or blocked in the kernel (in a system call,
 * say), so that its saved user registers are current.
 *
 * Return: the number of frames, or a negative errno that
 * gosym_bt_header() explains.
 */
int gosym_bt_task(const struct gosym_table *t, struct task_struct *task,
		  u64 g, bool nofault, gosym_bt_fn emit, void *ctx)
{
	struct bt_walk w = {
		.task = task, .nofault = nofault, .emit = emit, .ctx = ctx,
	};
	unsigned int flags = 0;
	struct gosym_uregs regs;
	struct pt_regs *saved;
	int err;

	if (BT_ARCH < 0)
		return -EOPNOTSUPP;
	if ((task->flags & PF_KTHREAD) || !task->mm)
		return -EINVAL;
	if (g) {
		err = g_start(t, &w, g, &regs);
		if (err)
			return err;
		/* g.sched.pc is where a call (to mcall, say) returns to */
		flags = GOSYM_UNWIND_RETURN;
	} else {
		saved = task_pt_regs(task);
		regs.pc = instruction_pointer(saved);
		regs.sp = user_stack_pointer(saved);
		regs.lr = user_lr(saved);
	}
	err = gosym_unwind(t, BT_ARCH, flags, &regs, bt_read, &w, bt_frame,
			   &w);
	return err < 0 ? err : w.n;
}

/* Why gosym_bt_task() could not walk, for a "# thread" or "# goroutine" line */
static const char *bt_strerror(int err)
{
	switch (err) {
	case -ESRCH:
		return "no such thread";
	case -EINVAL:
		return "a kernel thread or an exited process";
	case -EOPNOTSUPP:
		return "no unwinder for this architecture";
	case -EFAULT:
		return "cannot read the goroutine (not in memory)";
	case -EBUSY:
		return "the goroutine is running: unwind its thread";
	case -ENOENT:
		return "not a parked goroutine";
	default:
		return "cannot unwind";
	}
}

/**
 * gosym_bt_header() - the line that heads a walk's frames
 * @buf: where it goes, without a newline
 * @len: room in @buf (GOSYM_BT_HEADER_MAX is enough)
 * @tid: the thread, or the process for a goroutine
 * @g: 0, or the goroutine's runtime.g
 * @comm: the thread's name
 * @err: gosym_bt_task()'s return: a negative one is explained instead
 *
 * "# thread TID COMM" or "# goroutine G of PID COMM", or with ": REASON"
 * for COMM when there are no frames to follow.
 */
void gosym_bt_header(char *buf, size_t len, int tid, u64 g, const char *comm,
		     int err)
{
	char who[48];

	if (g)
		snprintf(who, sizeof(who), "goroutine 0x%llx of %d", g, tid);
	else
		snprintf(who, sizeof(who), "thread %d", tid);
	if (err < 0)
		snprintf(buf, len, "# %s: %s", who, bt_strerror(err));
	else
		snprintf(buf, len, "# %s %s", who, comm);
}

struct bt_collect {
	u64 *pcs;
	int n;
	int max;
};

static bool collect_frame(void *ctx, u64 pc)
{
	struct bt_collect *c = ctx;

	c->pcs[c->n++] = pc;
	return c->n < c->max;
}

/**
 * gosym_bt_collect() - the Go frames of a thread or goroutine, by thread id
 * @t: the table of the program the thread runs (with its bias)
 * @tid: the thread, in the caller's pid namespace
 * @g: 0, or the address of a parked goroutine's runtime.g in its process
 * @pcs: where the frames' PCs go, innermost first, as gosym_bt_task()
 *	reports them
 * @max: room in @pcs
 * @comm: the thread's name, at least TASK_COMM_LEN bytes
 *
 * Process context: may sleep.
 *
 * Return: the number of frames, or a negative errno that
 * gosym_bt_header() explains.
 */
int gosym_bt_collect(const struct gosym_table *t, pid_t tid, u64 g, u64 *pcs,
		     int max, char *comm)
{
	struct bt_collect c = { .pcs = pcs, .max = max };
	char name[TASK_COMM_LEN];
	struct task_struct *task;
	struct pid *pid;
	int n;

	pid = find_get_pid(tid);
	task = get_pid_task(pid, PIDTYPE_PID);
	put_pid(pid);
	if (!task)
		return -ESRCH;
	get_task_comm(name, task);
	memcpy(comm, name, sizeof(name));
	n = gosym_bt_task(t, task, g, false, collect_frame, &c);
	put_task_struct(task);
	return n < 0 ? n : c.n;
}
