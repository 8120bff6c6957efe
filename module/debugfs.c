// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/gosym/: info, lookup, funcs, load
 * (Documentation/ABI/testing/debugfs-gosym).
 */
#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "gosym.h"
#include "gosym_line.h"

/* One write to lookup: thousands of addresses; more is a mistake. */
#define LOOKUP_WRITE_MAX	(64 << 10)
/* Unread answers one open file may hold: read them before writing more. */
#define LOOKUP_PENDING_MAX	(16 << 20)
#define INFO_MAX		1024

static struct dentry *gosym_dir;

static int info_show(struct seq_file *m, void *v)
{
	struct gosym_loaded *l = gosym_current_get();
	char *buf = kmalloc(INFO_MAX, GFP_KERNEL);

	if (buf) {
		gosym_format_info(l, buf, INFO_MAX);
		seq_puts(m, buf);
	}
	kfree(buf);
	gosym_loaded_put(l);
	return buf ? 0 : -ENOMEM;
}
DEFINE_SHOW_ATTRIBUTE(info);

/*
 * lookup: each open file keeps the answers to its own writes until they
 * are read, so concurrent users never see each other's.
 */
struct lookup_state {
	struct mutex lock;	/* the fields below */
	char *out;		/* answers: read from pos up to len */
	size_t len;
	size_t pos;
	size_t cap;
};

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

/* Split buf into addresses; all must parse.  Returns how many, or -EINVAL. */
static int parse_addrs(char *buf, u64 *pcs, int max)
{
	char *tok;
	int n = 0;

	while ((tok = strsep(&buf, " \t\n\r\v\f"))) {
		if (!*tok)
			continue;
		if (n == max || gosym_parse_addr(tok, &pcs[n]))
			return -EINVAL;
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

/* The answers for n PCs, newline-terminated lines appended to st->out. */
static int append_answers(struct lookup_state *st, const u64 *pcs, int n)
{
	struct gosym_loaded *l = gosym_current_get();
	const struct gosym_table *t = l ? &l->table : NULL;
	size_t need = 1;	/* snprintf's NUL after the last line */
	int i, err;

	for (i = 0; i < n; i++)
		need += gosym_format_lookup(t, pcs[i], NULL, 0) + 1;
	mutex_lock(&st->lock);
	err = reserve_answers(st, need);
	for (i = 0; !err && i < n; i++) {
		st->len += gosym_format_lookup(t, pcs[i], st->out + st->len,
					       st->cap - st->len);
		st->out[st->len++] = '\n';
	}
	mutex_unlock(&st->lock);
	gosym_loaded_put(l);
	return err;
}

static ssize_t lookup_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	struct lookup_state *st = file->private_data;
	u64 *pcs = NULL;
	char *buf;
	int n;

	if (!count || count > LOOKUP_WRITE_MAX)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	/* an address takes at least two bytes with its separator */
	pcs = kvmalloc_array(count / 2 + 1, sizeof(*pcs), GFP_KERNEL);
	if (!pcs) {
		n = -ENOMEM;
		goto out_free;
	}
	n = parse_addrs(buf, pcs, count / 2 + 1);
	if (n > 0)
		n = append_answers(st, pcs, n);
out_free:
	kvfree(pcs);
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

static const struct file_operations lookup_fops = {
	.owner = THIS_MODULE,
	.open = lookup_open,
	.release = lookup_release,
	.read = lookup_read,
	.write = lookup_write,
};

/* funcs: the table current at open, held until release. */
static void *funcs_start(struct seq_file *m, loff_t *pos)
{
	struct gosym_loaded *l = m->private;

	return l && *pos < l->table.nfunc ? pos : NULL;
}

static void *funcs_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return funcs_start(m, pos);
}

static void funcs_stop(struct seq_file *m, void *v)
{
}

static int funcs_show(struct seq_file *m, void *v)
{
	struct gosym_loaded *l = m->private;
	struct gosym_func fn;

	gosym_func_by_index(&l->table, *(loff_t *)v, &fn);
	seq_printf(m, GOSYM_FUNC_FMT "\n", fn.entry, fn.end,
		   gosym_func_name(&l->table, &fn));
	return 0;
}

static const struct seq_operations funcs_seq_ops = {
	.start = funcs_start,
	.next = funcs_next,
	.stop = funcs_stop,
	.show = funcs_show,
};

static int funcs_open(struct inode *inode, struct file *file)
{
	int err = seq_open(file, &funcs_seq_ops);

	if (!err)
		((struct seq_file *)file->private_data)->private =
			gosym_current_get();
	return err;
}

static int funcs_release(struct inode *inode, struct file *file)
{
	gosym_loaded_put(((struct seq_file *)file->private_data)->private);
	return seq_release(inode, file);
}

static const struct file_operations funcs_fops = {
	.owner = THIS_MODULE,
	.open = funcs_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = funcs_release,
};

/*
 * load: one write is one whole table, validated and indexed before it
 * replaces the active one; a bad table changes nothing.
 */
static ssize_t load_write(struct file *file, const char __user *ubuf,
			  size_t count, loff_t *ppos)
{
	struct gosym_loaded *l;
	void *data;

	if (*ppos)
		return -EINVAL;
	if (count > GOSYM_MAX_LOAD)
		return -EFBIG;
	data = kvmalloc(count ? count : 1, GFP_KERNEL);
	if (!data)
		return -ENOMEM;
	if (copy_from_user(data, ubuf, count)) {
		kvfree(data);
		return -EFAULT;
	}
	l = gosym_loaded_create(data, count, "debugfs:load");
	if (IS_ERR(l)) {
		kvfree(data);
		return PTR_ERR(l);
	}
	l->owned = data;
	pr_info("%s: %s table, %u functions, %zu bytes, ready in %llu us\n",
		l->source, gosym_version_name(l->table.version),
		l->table.nfunc, count, l->init_ns / 1000);
	gosym_install(l);
	*ppos = count;
	return count;
}

static const struct file_operations load_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = load_write,
};

/**
 * gosym_debugfs_init() - create /sys/kernel/debug/gosym/
 *
 * Failures are not errors: the module works without debugfs (kdb).
 */
void gosym_debugfs_init(void)
{
	gosym_dir = debugfs_create_dir("gosym", NULL);
	debugfs_create_file("info", 0400, gosym_dir, NULL, &info_fops);
	debugfs_create_file("lookup", 0600, gosym_dir, NULL, &lookup_fops);
	debugfs_create_file("funcs", 0400, gosym_dir, NULL, &funcs_fops);
	debugfs_create_file("load", 0200, gosym_dir, NULL, &load_fops);
}

/**
 * gosym_debugfs_exit() - remove /sys/kernel/debug/gosym/
 */
void gosym_debugfs_exit(void)
{
	debugfs_remove(gosym_dir);
}
