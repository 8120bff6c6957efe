/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gosym.ko internals: the active table and its users (debugfs, kdb).
 */
#ifndef _GOSYM_H
#define _GOSYM_H

#include <linux/kref.h>
#include <linux/types.h>

#include "gosym_core.h"

/* Largest table "load" accepts; larger writes fail with -EFBIG. */
#define GOSYM_MAX_LOAD		(512U << 20)

struct firmware;

/*
 * Exported by a kernel carrying a .gopclntab section (qemu/gopclntab.patch);
 * only ever resolved with symbol_get().
 */
extern const char __start_gopclntab[];
extern const char __stop_gopclntab[];
/* And, optionally, the go:func.* data its inline trees live in. */
extern const char __start_gofunc[];
extern const char __stop_gofunc[];

/*
 * A validated, indexed table and what keeps its bytes alive.  Immutable
 * once published; freed when the last reference goes.
 */
struct gosym_loaded {
	struct kref ref;
	struct gosym_table table;
	void *index;		/* gosym_index_bytes() + names */
	void *owned;		/* the bytes, if a load copied them (kvmalloc) */
	const struct firmware *fw;	/* the bytes, if from firmware */
	char source[48];	/* e.g. "vmlinux:.gopclntab" */
	u64 init_ns;		/* validate + index */
	u64 bias;		/* debugfs bias: READ_ONCE / WRITE_ONCE */
};

struct gosym_loaded *gosym_loaded_create(const struct gosym_bundle *b,
					 const char *source);
void gosym_loaded_put(struct gosym_loaded *l);
struct gosym_loaded *gosym_current_get(void);
struct gosym_loaded *gosym_current_peek(void);
void gosym_install(struct gosym_loaded *l);
int gosym_format_info(const struct gosym_loaded *l, char *buf, size_t len);
const struct gosym_table *gosym_table_view(const struct gosym_loaded *l,
					   struct gosym_table *view);

extern const struct file_operations gosym_lookup_fops;

struct mm_struct;
struct task_struct;

/* Frames a "bt" request or kdb gobt reports at most. */
#define GOSYM_BT_MAX	64
typedef bool (*gosym_bt_fn)(void *ctx, u64 pc);
int gosym_bt_task(const struct gosym_table *t, struct task_struct *task,
		  u64 g, bool nofault, gosym_bt_fn emit, void *ctx);
int gosym_bt_collect(const struct gosym_table *t, pid_t tid, u64 g, u64 *pcs,
		     int max, char *comm);
/* "# goroutine 0x... of PID: " and the longest reason, with room to spare */
#define GOSYM_BT_HEADER_MAX	128
void gosym_bt_header(char *buf, size_t len, int tid, u64 g, const char *comm,
		     int err);
int gosym_uread_nofault(struct mm_struct *mm, u64 addr, void *buf,
			size_t size);

void gosym_debugfs_init(void);
void gosym_debugfs_exit(void);
#if IS_ENABLED(CONFIG_KGDB_KDB)
int gosym_kdb_init(void);
void gosym_kdb_exit(void);
#else
static inline int gosym_kdb_init(void) { return 0; }
static inline void gosym_kdb_exit(void) { }
#endif

#endif /* _GOSYM_H */
