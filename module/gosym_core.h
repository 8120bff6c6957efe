/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gosym core: read a Go pclntab in place.
 *
 * A table is opened from bytes (gosym_table_open), which checks the header
 * and every offset that a look-up will later follow, then indexed
 * (gosym_index_build) into caller-provided memory.  Look-ups never allocate,
 * sleep or lock, so they are safe from kdb with every CPU stopped, and never
 * read outside the table, whatever its bytes.
 */
#ifndef _GOSYM_CORE_H
#define _GOSYM_CORE_H

#include "gosym_types.h"

/* Table layouts, named after the Go release that introduced them. */
enum gosym_version {
	GOSYM_GO12 = 1,		/* magic 0xfffffffb, Go 1.2 - 1.15 */
	GOSYM_GO116,		/* magic 0xfffffffa, Go 1.16 - 1.17 */
	GOSYM_GO118,		/* magic 0xfffffff0, Go 1.18 - 1.19 */
	GOSYM_GO120,		/* magic 0xfffffff1, Go 1.20 and later */
};

/* Largest table the core accepts: offsets are 32 bits, with room to spare. */
#define GOSYM_MAX_TABLE_SIZE	0x80000000ULL

/* Decoder states of one pc-value stream, 1 << shift bytes of text apart */
struct gosym_ckset {
	u64 *bits;		/* boundaries that have a checkpoint */
	u32 *rank;		/* checkpoints before each bits word */
	u32 *base;		/* per bits word: stream offsets count from here */
	u8 *recs;		/* rec_size bytes each */
	u32 nboundaries;	/* boundaries, with or without one */
	u32 ncheckpoints;
	u8 shift;
	u8 rec_size;
};

struct gosym_table {
	const u8 *data;
	u64 size;
	u32 magic;
	enum gosym_version version;
	bool big_endian;
	bool swap;		/* table byte order differs from the host's */
	u8 ptrsize;
	u8 quantum;
	u8 fieldsize;		/* functab field: ptrsize, or 4 from go1.18 */
	bool plain_functab;	/* go1.18+ in host order: u32s read directly */
	u32 nfunc;
	u32 nfiles;
	u64 text_start;		/* added to go1.18+ entry offsets */
	u64 pc_lo;		/* first function's entry */
	u64 pc_hi;		/* end of the last function */
	u64 bias;		/* runtime - table addresses (PIE, moved text) */

	/* Offsets of the table's regions in data. */
	u64 functab;
	u64 funcdata;		/* base of funcoff values */
	u64 funcnametab;
	u64 cutab;
	u64 filetab;
	u64 filetab_end;	/* go1.2: end of the file offset array */
	u64 pctab;

	/* The index, in memory of gosym_index_bytes() from the caller. */
	u32 *buckets;		/* function covering each bucket's start */
	u32 nbuckets;
	u8 bucket_shift;
	u8 *subs;		/* functions from the bucket's, per 1/8 */
	struct gosym_ckset ck_ln;	/* pcln checkpoints */
	struct gosym_ckset ck_fl;	/* pcfile checkpoints */
	u32 ncheckpoints;	/* in both */
	u8 *name_hash;		/* optional: gosym_names_build() */

	/* Optional, gosym_funcdata_set(): where inline trees live. */
	const u8 *fd_data;
	u64 fd_size;
	u64 fd_base;
	u64 index_bytes;
	u64 ck_count[2];	/* checkpoints 1 and 2 KiB apart */

	const char *error;	/* why gosym_table_open() refused */
};

/* A function, as gosym_func_*() report it. */
struct gosym_func {
	u32 index;
	u64 entry;
	u64 end;
};

/* A source position; file is "" and line -1 where the table has none. */
struct gosym_pos {
	const char *file;
	s32 line;
};

int gosym_table_open(struct gosym_table *t, const void *data, u64 size,
		     u64 text_start);
u64 gosym_index_bytes(struct gosym_table *t);
void gosym_index_build(struct gosym_table *t, void *mem);
u32 gosym_index_fill(const struct gosym_table *t, u32 first, u32 count);
u64 gosym_names_bytes(const struct gosym_table *t);
void gosym_names_build(struct gosym_table *t, u8 *mem);

int gosym_func_by_index(const struct gosym_table *t, u32 index,
			struct gosym_func *fn);
int gosym_func_by_pc(const struct gosym_table *t, u64 pc,
		     struct gosym_func *fn);
const char *gosym_func_name(const struct gosym_table *t,
			    const struct gosym_func *fn);
int gosym_func_by_name(const struct gosym_table *t, const char *name,
		       struct gosym_func *fn);
void gosym_pc_pos(const struct gosym_table *t, const struct gosym_func *fn,
		  u64 pc, struct gosym_pos *pos);

/* A pc-value decoder's state: val holds up to pc, the next pair is at off */
struct gosym_pcstate {
	u64 off;
	u64 pc;
	u32 val;
};

/* Where the last look-up left a function's pcln and pcfile streams */
struct gosym_cursor {
	u32 index;		/* the function; ~0 before the first */
	u64 pc;			/* the PC last looked up in it */
	struct gosym_pcstate ln;
	struct gosym_pcstate fl;
};

#define GOSYM_CURSOR_INIT	{ .index = ~0U }

void gosym_pc_pos_next(const struct gosym_table *t, struct gosym_cursor *cur,
		       const struct gosym_func *fn, u64 pc,
		       struct gosym_pos *pos);

/* A PC range [start, end) of fn; false stops the walk that found it. */
typedef bool (*gosym_range_fn)(void *ctx, const struct gosym_func *fn,
			       u64 start, u64 end);
int gosym_line_pcs(const struct gosym_table *t, const char *file, s32 line,
		   gosym_range_fn emit, void *ctx);

/* Inlined frames reported at one PC at most. */
#define GOSYM_MAX_INLINE	32

/* An inlined frame: false stops the walk that found it. */
typedef bool (*gosym_frame_fn)(void *ctx, const char *name,
			       const struct gosym_pos *pos);
void gosym_funcdata_set(struct gosym_table *t, const void *data, u64 size,
			u64 base);
int gosym_funcdata_check(const struct gosym_table *t, u32 limit);
int gosym_inline_walk(const struct gosym_table *t, const struct gosym_func *fn,
		      u64 pc, gosym_frame_fn emit, void *ctx, u64 *outer_pc);

/* How an architecture's calls leave return addresses, for unwinding. */
enum gosym_arch {
	GOSYM_ARCH_X86,		/* pushed on the stack: x86_64, 386 */
	GOSYM_ARCH_LR,		/* in a link register: arm64 and the rest */
};

/* Where a walk starts: a thread's registers, or a goroutine's g.sched */
struct gosym_uregs {
	u64 pc;
	u64 sp;
	u64 lr;			/* link-register machines; 0 if unknown */
};

typedef bool (*gosym_read_fn)(void *ctx, u64 addr, unsigned int size,
			      u64 *val);
typedef bool (*gosym_uframe_fn)(void *ctx, u64 pc);
/* gosym_unwind() flags */
#define GOSYM_UNWIND_RETURN	1	/* the first PC is a return address */
int gosym_unwind(const struct gosym_table *t, enum gosym_arch arch,
		 unsigned int flags, const struct gosym_uregs *regs,
		 gosym_read_fn read, void *rctx, gosym_uframe_fn emit,
		 void *ectx);

/* A table with the funcdata of its inline trees, as one blob. */
#define GOSYM_BUNDLE_HEADER	32
struct gosym_bundle {
	const u8 *table;
	u64 table_size;
	const u8 *funcdata;	/* NULL if none */
	u64 funcdata_size;
	u64 funcdata_base;
};

int gosym_bundle_parse(const void *data, u64 size, struct gosym_bundle *b);
void gosym_bundle_header(u8 *hdr, u64 table_size, u64 funcdata_size,
			 u64 funcdata_base);

const char *gosym_version_name(enum gosym_version v);
int gosym_version_from_magic(const u8 *data, u64 size);

#endif /* _GOSYM_CORE_H */
