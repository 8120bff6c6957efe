// SPDX-License-Identifier: GPL-2.0
/*
 * The active table.  Readers that may sleep (debugfs) take a reference;
 * kdb, with every CPU stopped, reads the pointer as it is.  Replacing the
 * table publishes the new one with RCU and drops the old one's reference,
 * so readers in flight finish on the old table, which is freed after the
 * last of them and a grace period.
 */
#include <linux/firmware.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "gosym.h"
#include "gosym_line.h"

/* Functions whose checkpoints are filled between reschedules. */
#define FILL_SLICE	1024

static struct gosym_loaded __rcu *gosym_current;
static DEFINE_MUTEX(gosym_install_lock);

/**
 * gosym_loaded_create() - validate and index a table
 * @b: the table's bytes and, optionally, the funcdata of its inline
 *	trees; the caller keeps them alive (see @owned, @fw)
 * @source: where they came from, for info and messages
 *
 * Refuses a bad table, or funcdata that does not fit it, with a one-line
 * pr_err saying why.
 *
 * Return: the table with one reference, or ERR_PTR(-EINVAL or -ENOMEM).
 */
struct gosym_loaded *gosym_loaded_create(const struct gosym_bundle *b,
					 const char *source)
{
	u64 start = ktime_get_ns(), bytes;
	struct gosym_loaded *l;
	u32 next = 0;
	int err;

	l = kzalloc(sizeof(*l), GFP_KERNEL);
	if (!l)
		return ERR_PTR(-ENOMEM);
	kref_init(&l->ref);
	strscpy(l->source, source, sizeof(l->source));
	if (gosym_table_open(&l->table, b->table, b->table_size, 0)) {
		pr_err("%s: bad pclntab: %s\n", source, l->table.error);
		err = -EINVAL;
		goto err_free;
	}
	if (b->funcdata) {
		gosym_funcdata_set(&l->table, b->funcdata, b->funcdata_size,
				   b->funcdata_base);
		if (gosym_funcdata_check(&l->table, 0) < 0) {
			pr_err("%s: bad funcdata: an inline tree does not fit the table\n",
			       source);
			err = -EINVAL;
			goto err_free;
		}
	}
	bytes = gosym_index_bytes(&l->table);
	l->index = kvmalloc(bytes + gosym_names_bytes(&l->table) + 1,
			    GFP_KERNEL);
	if (!l->index) {
		err = -ENOMEM;
		goto err_free;
	}
	gosym_index_build(&l->table, l->index);
	gosym_names_build(&l->table, (u8 *)l->index + bytes);
	/* filled now, look-ups never write: kdb and readers run lock-free */
	while (next < l->table.nfunc) {
		next = gosym_index_fill(&l->table, next, FILL_SLICE);
		cond_resched();
	}
	l->init_ns = ktime_get_ns() - start;
	return l;

err_free:
	kfree(l);
	return ERR_PTR(err);
}

static void gosym_loaded_release(struct kref *ref)
{
	struct gosym_loaded *l = container_of(ref, struct gosym_loaded, ref);

	/* a reader may have fetched the pointer but not yet its reference */
	synchronize_rcu();
	kvfree(l->index);
	kvfree(l->owned);
	release_firmware(l->fw);
	kfree(l);
}

/**
 * gosym_loaded_put() - drop a reference to a table
 * @l: the table, or NULL
 *
 * Context: process context; may sleep.
 */
void gosym_loaded_put(struct gosym_loaded *l)
{
	if (l)
		kref_put(&l->ref, gosym_loaded_release);
}

/**
 * gosym_current_get() - a reference to the active table
 *
 * Return: the table, to be released with gosym_loaded_put(), or NULL if
 * there is none.
 */
struct gosym_loaded *gosym_current_get(void)
{
	struct gosym_loaded *l;

	rcu_read_lock();
	l = rcu_dereference(gosym_current);
	if (l && !kref_get_unless_zero(&l->ref))
		l = NULL;
	rcu_read_unlock();
	return l;
}

/**
 * gosym_current_peek() - the active table, for kdb
 *
 * Context: only with every other CPU stopped (kdb), when nothing can
 * replace or free the table while the caller uses it.
 *
 * Return: the table, or NULL.
 */
struct gosym_loaded *gosym_current_peek(void)
{
	return rcu_dereference_raw(gosym_current);
}

/**
 * gosym_install() - make a table the active one
 * @l: the table, whose reference passes to the module; NULL for none
 *
 * Readers of the previous table finish on it; it is freed after them.
 */
void gosym_install(struct gosym_loaded *l)
{
	struct gosym_loaded *old;

	mutex_lock(&gosym_install_lock);
	old = rcu_replace_pointer(gosym_current, l,
				  lockdep_is_held(&gosym_install_lock));
	mutex_unlock(&gosym_install_lock);
	gosym_loaded_put(old);
}

/**
 * gosym_format_info() - the info lines of a table (SPEC.md)
 * @l: the table, or NULL for none
 * @buf: where the lines go
 * @len: size of @buf
 *
 * Return: the number of bytes written, without the NUL.
 */
int gosym_format_info(const struct gosym_loaded *l, char *buf, size_t len)
{
	const struct gosym_table *t;
	int n = 0;

	if (!l)
		return scnprintf(buf, len,
				 "source\tnone\nfuncs\t0\nkdb\t%s\n",
				 IS_ENABLED(CONFIG_KGDB_KDB) ? "yes" : "no");
	t = &l->table;
	n = min_t(int, gosym_format_table_info(t, buf, len), len - 1);
	n += scnprintf(buf + n, len - n,
		       "source\t%s\nbias\t0x%llx\nindex_bytes\t%llu\ninit_ns\t%llu\n",
		       l->source, READ_ONCE(l->bias),
		       t->index_bytes + gosym_names_bytes(t), l->init_ns);
	n += scnprintf(buf + n, len - n, "inline\t%s\nkdb\t%s\n",
		       t->fd_data ? "yes" : "no",
		       IS_ENABLED(CONFIG_KGDB_KDB) ? "yes" : "no");
	return n;
}

/**
 * gosym_table_view() - a table as look-ups should see it now
 * @l: the table, or NULL for none
 * @view: room for a copy of @l's table
 *
 * The copy carries the bias as it is at this moment, so that a look-up
 * formats every line of its answer with one bias while debugfs bias may
 * change it; everything else is shared with @l, which must stay alive
 * while @view is used.
 *
 * Return: @view, or NULL if @l is NULL.
 */
const struct gosym_table *gosym_table_view(const struct gosym_loaded *l,
					   struct gosym_table *view)
{
	if (!l)
		return NULL;
	*view = l->table;
	view->bias = READ_ONCE(l->bias);
	return view;
}
