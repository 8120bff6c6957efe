// SPDX-License-Identifier: GPL-2.0
/*
 * Go backtraces of user threads, for debugfs "bt TID": the thread's saved
 * user registers, then the table's pcsp streams (gosym_unwind()) over its
 * stack, read with access_process_vm().  Process context only: reading
 * another process's memory may sleep, so kdb cannot do this.
 */
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/sched/task_stack.h>
#include <linux/string.h>

#include "gosym.h"

struct bt_walk {
	struct task_struct *task;
	u64 *pcs;
	int n;
	int max;
};

static bool bt_read(void *ctx, u64 addr, unsigned int size, u64 *val)
{
	struct bt_walk *w = ctx;
	u32 v32;

	*val = 0;
	if (size == 4) {
		if (access_process_vm(w->task, addr, &v32, 4, FOLL_FORCE) != 4)
			return false;
		*val = v32;
		return true;
	}
	return access_process_vm(w->task, addr, val, 8, FOLL_FORCE) == 8;
}

static bool bt_frame(void *ctx, u64 pc, bool caller)
{
	struct bt_walk *w = ctx;

	/* a return address is looked up at the call before it */
	w->pcs[w->n++] = caller ? pc - 1 : pc;
	return w->n < w->max;
}

/**
 * gosym_bt_collect() - the Go frames of a user thread's stack
 * @t: the table of the program the thread runs (with its bias)
 * @tid: the thread, in the caller's pid namespace
 * @pcs: where the frames' PCs go, innermost first (return addresses less
 *	one, so that each looks up to its call)
 * @max: room in @pcs
 * @comm: the thread's name, at least TASK_COMM_LEN bytes
 *
 * The thread should be stopped or blocked in the kernel (in a system
 * call, say), so that its saved user registers are current.
 *
 * Return: the number of frames, -ESRCH if there is no such thread,
 * -EINVAL for a kernel thread, -EOPNOTSUPP on an architecture the
 * unwinder does not know.
 */
int gosym_bt_collect(const struct gosym_table *t, pid_t tid, u64 *pcs,
		     int max, char *comm)
{
	struct bt_walk w = { .pcs = pcs, .max = max };
	char name[TASK_COMM_LEN];
	struct pt_regs *regs;
	struct pid *pid;
	int n;

	if (!IS_ENABLED(CONFIG_X86))
		return -EOPNOTSUPP;
	pid = find_get_pid(tid);
	w.task = get_pid_task(pid, PIDTYPE_PID);
	put_pid(pid);
	if (!w.task)
		return -ESRCH;
	get_task_comm(name, w.task);
	memcpy(comm, name, sizeof(name));
	if (w.task->flags & PF_KTHREAD) {
		put_task_struct(w.task);
		return -EINVAL;
	}
	regs = task_pt_regs(w.task);
	n = gosym_unwind(t, GOSYM_ARCH_X86, instruction_pointer(regs),
			 user_stack_pointer(regs), bt_read, &w, bt_frame, &w);
	put_task_struct(w.task);
	return n < 0 ? n : w.n;
}
