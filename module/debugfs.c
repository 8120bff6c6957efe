// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/gosym/: info, funcs, load, bias; lookup is in
 * lookup.c (Documentation/ABI/testing/debugfs-gosym).
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

#define INFO_MAX		1024
#define BIAS_WRITE_MAX		32

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

	u64 bias = READ_ONCE(l->bias);

	gosym_func_by_index(&l->table, *(loff_t *)v, &fn);
	seq_printf(m, GOSYM_FUNC_FMT "\n", fn.entry + bias, fn.end + bias,
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
	struct gosym_bundle b;
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
	if (gosym_bundle_parse(data, count, &b)) {
		pr_err("debugfs:load: bad bundle: its sizes do not add up\n");
		l = ERR_PTR(-EINVAL);
	} else {
		l = gosym_loaded_create(&b, "debugfs:load");
	}
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

/*
 * bias: where the program runs relative to its table's addresses (a PIE
 * or moved text), for the active table; a load starts again from 0.
 */
static ssize_t bias_read(struct file *file, char __user *ubuf, size_t count,
			 loff_t *ppos)
{
	struct gosym_loaded *l = gosym_current_get();
	char buf[BIAS_WRITE_MAX];
	int n;

	n = scnprintf(buf, sizeof(buf), "0x%llx\n", l ? READ_ONCE(l->bias) : 0);
	gosym_loaded_put(l);
	return simple_read_from_buffer(ubuf, count, ppos, buf, n);
}

static ssize_t bias_write(struct file *file, const char __user *ubuf,
			  size_t count, loff_t *ppos)
{
	char buf[BIAS_WRITE_MAX];
	struct gosym_loaded *l;
	u64 bias;

	if (!count || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (count && buf[count - 1] == '\n')
		buf[count - 1] = '\0';
	if (gosym_parse_addr(buf, &bias))
		return -EINVAL;
	l = gosym_current_get();
	if (!l)
		return -ENOENT;
	WRITE_ONCE(l->bias, bias);
	gosym_loaded_put(l);
	return count;
}

static const struct file_operations bias_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = bias_read,
	.write = bias_write,
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
	debugfs_create_file("lookup", 0600, gosym_dir, NULL, &gosym_lookup_fops);
	debugfs_create_file("funcs", 0400, gosym_dir, NULL, &funcs_fops);
	debugfs_create_file("load", 0200, gosym_dir, NULL, &load_fops);
	debugfs_create_file("bias", 0600, gosym_dir, NULL, &bias_fops);
}

/**
 * gosym_debugfs_exit() - remove /sys/kernel/debug/gosym/
 */
void gosym_debugfs_exit(void)
{
	debugfs_remove(gosym_dir);
}
