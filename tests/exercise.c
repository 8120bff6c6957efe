// SPDX-License-Identifier: GPL-2.0
/*
 * Every question a user can ask, of a table that opened, whatever its
 * bytes: for tests/mutate.c and the fuzzer, both built with ASan and UBSan.
 */
#include <stdlib.h>
#include <string.h>

#include "exercise.h"

/* Count ranges; stop the walk after a thousand. */
static bool count_range(void *ctx, const struct gosym_func *fn,
			uint64_t start, uint64_t end)
{
	unsigned int *n = ctx;

	if (start >= end || start < fn->entry || end > fn->end)
		abort();
	return ++*n < 1000;
}

static bool count_frame(void *ctx, const char *name,
			const struct gosym_pos *pos)
{
	unsigned int *n = ctx;

	if (strlen(name) > (size_t)-1 / 2 || strlen(pos->file) > (size_t)-1 / 2)
		abort();
	++*n;
	return true;
}

/* Stack words for the unwinder: the table's own bytes, wherever asked. */
static bool read_table_word(void *ctx, uint64_t addr, unsigned int size,
			    uint64_t *val)
{
	const struct gosym_table *t = ctx;
	uint64_t off = t->size > 8 ? addr % (t->size - 8) : 0;

	*val = 0;
	if (t->size < 8)
		return false;
	memcpy(val, t->data + off, size < 8 ? size : 8);
	return true;
}

static bool count_uframe(void *ctx, uint64_t pc)
{
	(void)pc;
	++*(unsigned int *)ctx;
	return true;
}

static int cmp_pc(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* PCs in ascending order through one cursor answer as each alone does. */
static void exercise_cursor(const struct gosym_table *t, uint64_t *pcs,
			    size_t n)
{
	struct gosym_cursor cur = GOSYM_CURSOR_INIT;
	struct gosym_pos next, alone;
	struct gosym_func fn;
	size_t i;

	qsort(pcs, n, sizeof(*pcs), cmp_pc);
	for (i = 0; i < n; i++) {
		if (gosym_func_by_pc(t, pcs[i], &fn))
			continue;
		gosym_pc_pos_next(t, &cur, &fn, pcs[i], &next);
		gosym_pc_pos(t, &fn, pcs[i], &alone);
		if (next.line != alone.line || next.file != alone.file)
			abort();
	}
}

/*
 * Checkpoints, decoded forward or back, answer as decoding from the entry
 * does: the same table without them is the reference.
 */
static void exercise_checkpoints(const struct gosym_table *t,
				 const uint64_t *pcs, size_t n)
{
	struct gosym_table plain = *t;
	struct gosym_pos with, without;
	struct gosym_func fn;
	size_t i;

	plain.ck_ln.nboundaries = 0;
	plain.ck_fl.nboundaries = 0;
	for (i = 0; i < n; i++) {
		if (gosym_func_by_pc(t, pcs[i], &fn))
			continue;
		gosym_pc_pos(t, &fn, pcs[i], &with);
		gosym_pc_pos(&plain, &fn, pcs[i], &without);
		if (with.line != without.line || with.file != without.file)
			abort();
	}
}

/*
 * Index the table, then look up the entry and last byte of up to maxfuncs
 * functions, some of their names, and one PC for each seed, mapped into
 * the covered text and a little around it, with inlined frames from a
 * funcdata blob that is the table's own bytes (any bytes must be safe),
 * the same PCs again without checkpoints, and in ascending order through
 * a cursor;
 * and unwind from each over a "stack" of those bytes too;
 * the PC ranges of the last position found; fill every checkpoint.
 */
void exercise_table(struct gosym_table *t, const uint64_t *seeds, size_t n,
		    uint32_t maxfuncs)
{
	uint64_t span = t->pc_hi - t->pc_lo, pc;
	struct gosym_func fn, byname;
	struct gosym_pos pos = { "", -1 }, last = { "", -1 };
	unsigned int ranges = 0, frames = 0;
	struct gosym_uregs regs;
	uint64_t outer, *pcs;
	void *index, *names;
	size_t i;

	index = malloc(gosym_index_bytes(t) + 1);
	names = malloc(gosym_names_bytes(t) + 1);
	pcs = malloc(n * sizeof(*pcs) + 1);
	if (!index || !names || !pcs)
		abort();
	gosym_index_build(t, index);
	/* a set is dropped only if it marked more checkpoints than counted */
	if ((t->ck_ln.ncheckpoints && !t->ck_ln.nboundaries) ||
	    (t->ck_fl.ncheckpoints && !t->ck_fl.nboundaries))
		abort();
	gosym_names_build(t, names);
	gosym_funcdata_set(t, t->data, t->size, t->pc_lo);
	gosym_funcdata_check(t, 16);
	for (i = 0; i < t->nfunc && i < maxfuncs; i++) {
		if (gosym_func_by_index(t, i, &fn))
			abort();
		gosym_pc_pos(t, &fn, fn.entry, &pos);
		if (fn.end > fn.entry && !gosym_func_by_pc(t, fn.end - 1, &fn))
			gosym_pc_pos(t, &fn, fn.end - 1, &pos);
		if (i % 64 == 0)
			gosym_func_by_name(t, gosym_func_name(t, &fn), &byname);
	}
	for (i = 0; i < n; i++) {
		pc = t->pc_lo - 16 + seeds[i] % (span < ~0ULL - 32 ? span + 32 : span);
		pcs[i] = pc;
		if (!gosym_func_by_pc(t, pc, &fn)) {
			gosym_pc_pos(t, &fn, pc, &pos);
			if (strlen(pos.file) > t->size)
				abort();
			if (*pos.file)
				last = pos;
			gosym_inline_walk(t, &fn, pc, count_frame, &frames,
					  &outer);
			regs.pc = pc;
			regs.sp = seeds[i];
			regs.lr = seeds[i] >> 7;
			gosym_unwind(t, i & 2 ? GOSYM_ARCH_LR : GOSYM_ARCH_X86,
				     i & 1 ? GOSYM_UNWIND_RETURN : 0, &regs,
				     read_table_word, t, count_uframe, &frames);
			if (outer < fn.entry || outer >= fn.end)
				abort();
		}
	}
	exercise_checkpoints(t, pcs, n);
	exercise_cursor(t, pcs, n);
	gosym_line_pcs(t, last.file, last.line, count_range, &ranges);
	gosym_func_by_name(t, "main.main", &fn);
	gosym_index_fill(t, 0, t->nfunc < maxfuncs ? t->nfunc : maxfuncs);
	free(index);
	free(names);
	free(pcs);
}
