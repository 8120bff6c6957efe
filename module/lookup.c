// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/gosym/lookup: write requests, read their answers.
 *
 * A write holds whitespace-separated requests: an address (its look-up
 * line; with inline mode on, its inlined frames' lines first), "pcs
 * FILE:LINE" (a START<TAB>END<TAB>FUNC line for each PC range of that
 * source line), "inline on" / "inline off" (the mode for the open
 * file's later addresses; off at open), "bt TID" (the Go frames of a
 * user thread's stack, inlined ones expanded: bt.c) or "gbt PID G" (those
 * of the parked goroutine whose runtime.g is at G in process PID).  Every
 * request in a write is checked before any is answered, so a bad one fails
 * the write with -EINVAL and leaves nothing behind.  Each open file keeps
 * the answers to its own writes until they are read: concurrent users
 * never see each other's.
 */
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "gosym.h"
#include "gosym_line.h"

/* One write: thousands of addresses; more is a mistake. */
#define LOOKUP_WRITE_MAX	(64 << 10)
/* Unread answers one open file may hold: read them before writing more. */
#define LOOKUP_PENDING_MAX	(16 << 20)

struct lookup_state {
	struct mutex lock;	/* the fields below */
	char *out;		/* answers: read from pos up to len */
	size_t len;
	size_t pos;
	size_t cap;
	bool inline_on;		/* inline mode after the last write */
};

enum request_kind {
	REQ_ADDR,
	REQ_PCS,
	REQ_INLINE,
	REQ_BT,
};

struct request {
	enum request_kind kind;
	u64 pc;			/* REQ_ADDR */
	const char *file;	/* REQ_PCS: points into the write's copy */
	s32 line;
	bool on;		/* REQ_INLINE */
	int tid;		/* REQ_BT: the thread, then its frames */
	u64 g;			/* 0, or the goroutine's runtime.g */
	int nframes;		/* or -errno */
	u64 *frames;
	char comm[TASK_COMM_LEN];
};

/* The next non-empty token, or NULL. */
static char *next_token(char **buf)
{
	char *tok;

	do {
		tok = strsep(buf, " \t\n\r\v\f");
	} while (tok && !*tok);
	return tok;
}

static int lookup_open(struct inode *inode, struct file *file)
{
	struct lookup_state *st = kzalloc(sizeof(*st), GFP_KERNEL);

	if (!st)
		return -ENOMEM;
	mutex_init(&st->lock);
	file->private_data = st;
	return stream_open(inode, file);
}

static int lookup_release(struct inode *inode, struct file *file)
{
	struct lookup_state *st = file->private_data;

	mutex_destroy(&st->lock);
	kvfree(st->out);
	kfree(st);
	return 0;
}

/* The arguments of "bt TID" or "gbt PID G". */
static int parse_bt(char **buf, struct request *r, bool goroutine)
{
	char *tok = next_token(buf);

	if (!tok || kstrtoint(tok, 10, &r->tid) || r->tid <= 0)
		return -EINVAL;
	if (!goroutine)
		return 0;
	tok = next_token(buf);
	if (!tok || gosym_parse_addr(tok, &r->g) || !r->g)
		return -EINVAL;
	return 0;
}

/* Split buf into requests; all must parse.  Returns how many, or -EINVAL. */
static int parse_requests(char *buf, struct request *reqs, int max)
{
	char *tok;
	int n = 0;

	while ((tok = next_token(&buf))) {
		if (n == max)
			return -EINVAL;
		if (!strcmp(tok, "pcs")) {
			tok = next_token(&buf);
			reqs[n].kind = REQ_PCS;
			if (!tok || gosym_parse_file_line(tok, &reqs[n].file,
							  &reqs[n].line))
				return -EINVAL;
		} else if (!strcmp(tok, "inline")) {
			tok = next_token(&buf);
			reqs[n].kind = REQ_INLINE;
			if (!tok || (strcmp(tok, "on") && strcmp(tok, "off")))
				return -EINVAL;
			reqs[n].on = !strcmp(tok, "on");
		} else if (!strcmp(tok, "bt") || !strcmp(tok, "gbt")) {
			reqs[n].kind = REQ_BT;
			reqs[n].frames = NULL;
			reqs[n].g = 0;
			if (parse_bt(&buf, &reqs[n], tok[0] == 'g'))
				return -EINVAL;
		} else {
			reqs[n].kind = REQ_ADDR;
			if (gosym_parse_addr(tok, &reqs[n].pc))
				return -EINVAL;
		}
		n++;
	}
	return n ? n : -EINVAL;
}

/*
 * Room for need more bytes of answers: unread ones move to the front, and
 * the buffer at least doubles when it grows, so many small writes before
 * a read cost linear time.
 */
static int reserve_answers(struct lookup_state *st, size_t need)
{
	size_t unread = st->len - st->pos, cap;
	char *out;

	if (unread + need > LOOKUP_PENDING_MAX)
		return -ENOSPC;
	if (st->pos && unread + need > st->cap - st->len) {
		memmove(st->out, st->out + st->pos, unread);
		st->len = unread;
		st->pos = 0;
	}
	if (st->len + need <= st->cap)
		return 0;
	cap = max(2 * st->cap, st->len + need);
	out = kvmalloc(cap, GFP_KERNEL);
	if (!out)
		return -ENOMEM;
	if (st->len)
		memcpy(out, st->out, st->len);
	kvfree(st->out);
	st->out = out;
	st->cap = cap;
	return 0;
}

/*
 * Where answers go: with out NULL only their length is counted, so that
 * one pass sizes the buffer and a second fills it with the same bytes.
 */
struct answers {
	const struct gosym_table *t;
	char *out;
	size_t len;
	size_t cap;
	bool inline_on;
};

/* Where the next answer goes, and its room: none while only counting. */
static char *next_out(const struct answers *a)
{
	return a->out ? a->out + a->len : NULL;
}

static size_t next_room(const struct answers *a)
{
	return a->out ? a->cap - a->len : 0;
}

static __printf(2, 3) void put_text(struct answers *a, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	a->len += vsnprintf(next_out(a), next_room(a), fmt, args);
	va_end(args);
}

static bool put_range(void *ctx, const struct gosym_func *fn, u64 start,
		      u64 end)
{
	struct answers *a = ctx;

	a->len += gosym_format_range(a->t, fn, start, end, next_out(a),
				     next_room(a));
	put_text(a, "\n");
	return true;
}

/* A walk's frames: its "# thread" or "# goroutine" line, then each one's. */
static void put_bt(struct answers *a, const struct request *r)
{
	char head[GOSYM_BT_HEADER_MAX];
	int i;

	gosym_bt_header(head, sizeof(head), r->tid, r->g, r->comm, r->nframes);
	put_text(a, "%s\n", head);
	for (i = 0; i < r->nframes; i++) {
		a->len += gosym_format_lookup_inline(a->t, r->frames[i],
						     next_out(a), next_room(a));
		put_text(a, "\n");
	}
}

/*
 * Unwind each bt request's thread once, before its answer is sized and
 * written: the stack may change, its answer must not.
 */
static int collect_bts(const struct gosym_table *t, struct request *reqs,
		       int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (reqs[i].kind != REQ_BT)
			continue;
		reqs[i].frames = kmalloc_array(GOSYM_BT_MAX,
					       sizeof(*reqs[i].frames),
					       GFP_KERNEL);
		if (!reqs[i].frames)
			return -ENOMEM;
		reqs[i].nframes = t ? gosym_bt_collect(t, reqs[i].tid,
						       reqs[i].g,
						       reqs[i].frames,
						       GOSYM_BT_MAX,
						       reqs[i].comm) : 0;
	}
	return 0;
}

static void free_bts(struct request *reqs, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (reqs[i].kind == REQ_BT)
			kfree(reqs[i].frames);
}

static void put_answers(struct answers *a, const struct request *reqs, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		switch (reqs[i].kind) {
		case REQ_ADDR:
			a->len += (a->inline_on ? gosym_format_lookup_inline :
				   gosym_format_lookup)(a->t, reqs[i].pc,
							next_out(a),
							next_room(a));
			put_text(a, "\n");
			break;
		case REQ_PCS:
			if (a->t)
				gosym_line_pcs(a->t, reqs[i].file, reqs[i].line,
					       put_range, a);
			break;
		case REQ_INLINE:
			a->inline_on = reqs[i].on;
			break;
		case REQ_BT:
			put_bt(a, &reqs[i]);
			break;
		}
	}
}

/* The answers to n requests, appended to st->out. */
static int append_answers(struct lookup_state *st, struct request *reqs, int n)
{
	struct gosym_loaded *l = gosym_current_get();
	struct gosym_table view;
	struct answers a = { .t = gosym_table_view(l, &view) };
	int err;

	err = collect_bts(a.t, reqs, n);
	if (err)
		goto out;
	mutex_lock(&st->lock);
	a.inline_on = st->inline_on;
	put_answers(&a, reqs, n);
	/* one more byte: snprintf's NUL after the last line */
	err = reserve_answers(st, a.len + 1);
	if (!err) {
		a.out = st->out + st->len;
		a.cap = st->cap - st->len;
		a.len = 0;
		a.inline_on = st->inline_on;
		put_answers(&a, reqs, n);
		st->len += a.len;
		st->inline_on = a.inline_on;
	}
	mutex_unlock(&st->lock);
out:
	free_bts(reqs, n);
	gosym_loaded_put(l);
	return err;
}

static ssize_t lookup_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	struct lookup_state *st = file->private_data;
	struct request *reqs;
	char *buf;
	int n;

	if (!count || count > LOOKUP_WRITE_MAX)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	/* a request takes at least two bytes with its separator */
	reqs = kvmalloc_array(count / 2 + 1, sizeof(*reqs), GFP_KERNEL);
	if (!reqs) {
		n = -ENOMEM;
		goto out_free;
	}
	n = parse_requests(buf, reqs, count / 2 + 1);
	if (n > 0)
		n = append_answers(st, reqs, n);
out_free:
	kvfree(reqs);
	kfree(buf);
	return n < 0 ? n : count;
}

static ssize_t lookup_read(struct file *file, char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	struct lookup_state *st = file->private_data;
	size_t n;

	mutex_lock(&st->lock);
	n = min(count, st->len - st->pos);
	if (n && copy_to_user(ubuf, st->out + st->pos, n)) {
		mutex_unlock(&st->lock);
		return -EFAULT;
	}
	st->pos += n;
	if (st->pos == st->len) {
		st->pos = 0;
		st->len = 0;
	}
	mutex_unlock(&st->lock);
	return n;
}

const struct file_operations gosym_lookup_fops = {
	.owner = THIS_MODULE,
	.open = lookup_open,
	.release = lookup_release,
	.read = lookup_read,
	.write = lookup_write,
};
