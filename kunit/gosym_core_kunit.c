// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for the gosym core, on real tables of every layout with the
 * answers Go's debug/gosym gives for them (kunit/gen-vectors):
 *
 * gosym_tables:  every sampled look-up and every funcs line as debug/gosym
 * gosym_index:   PCs at every entry and last byte, before and after the text
 * gosym_refusal: truncated and corrupted tables refused with -EINVAL, and
 *                random header damage never read out of bounds (KASAN)
 * gosym_timing:  look-up cost in the kernel, as diagnostics only
 */
#include <kunit/test.h>
#include <linux/ktime.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "gosym_core.h"
#include "gosym_line.h"
#include "vectors.h"

/* Mismatches reported one by one before only the count is. */
#define REPORT_MAX	5

static void vector_desc(const struct gosym_vector *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}

/* The vectors' array is sized by the generator: no KUNIT_ARRAY_PARAM. */
static const void *vector_gen_params(const void *prev, char *desc)
{
	const struct gosym_vector *v = prev ? (const struct gosym_vector *)prev + 1 :
					      gosym_vectors;

	if (v >= gosym_vectors + gosym_nvectors)
		return NULL;
	vector_desc(v, desc);
	return v;
}

static void lookups_match_debug_gosym_test(struct kunit *test)
{
	const struct gosym_vector *v = test->param_value;
	struct gosym_table *t = gosym_vector_open(test, v);
	char *got = kunit_kmalloc(test, GOSYM_LINE_MAX, GFP_KERNEL);
	char *want = kunit_kmalloc(test, GOSYM_LINE_MAX, GFP_KERNEL);
	char addr[32];
	const char *pcs = v->pcs, *expect = v->expect;
	int n = 0, bad = 0;
	u64 pc;

	KUNIT_ASSERT_NOT_NULL(test, got);
	KUNIT_ASSERT_NOT_NULL(test, want);
	while (gosym_next_line(&pcs, addr, sizeof(addr))) {
		KUNIT_ASSERT_EQ(test, gosym_parse_addr(addr, &pc), 0);
		KUNIT_ASSERT_TRUE(test, gosym_next_line(&expect, want,
							GOSYM_LINE_MAX));
		gosym_format_lookup(t, pc, got, GOSYM_LINE_MAX);
		n++;
		if (!strcmp(got, want))
			continue;
		if (++bad <= REPORT_MAX)
			KUNIT_EXPECT_STREQ_MSG(test, got, want, "%s: pc %s",
					       v->name, addr);
	}
	KUNIT_EXPECT_EQ_MSG(test, bad, 0, "%s: %d of %d look-ups differ",
			    v->name, bad, n);
	KUNIT_EXPECT_GT(test, n, 1000);
}

static void funcs_match_debug_gosym_test(struct kunit *test)
{
	const struct gosym_vector *v = test->param_value;
	struct gosym_table *t = gosym_vector_open(test, v);
	char *got = kunit_kmalloc(test, GOSYM_LINE_MAX, GFP_KERNEL);
	char *want = kunit_kmalloc(test, GOSYM_LINE_MAX, GFP_KERNEL);
	const char *funcs = v->funcs;
	struct gosym_func fn;
	u32 i = 0;
	int bad = 0;

	KUNIT_ASSERT_NOT_NULL(test, got);
	KUNIT_ASSERT_NOT_NULL(test, want);
	while (gosym_next_line(&funcs, want, GOSYM_LINE_MAX)) {
		KUNIT_ASSERT_EQ(test, gosym_func_by_index(t, i, &fn), 0);
		gosym_format_func(t, &fn, got, GOSYM_LINE_MAX);
		if (strcmp(got, want) && ++bad <= REPORT_MAX)
			KUNIT_EXPECT_STREQ(test, got, want);
		i++;
	}
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_EQ(test, i, t->nfunc);
	KUNIT_EXPECT_EQ(test, gosym_func_by_index(t, i, &fn), -ENOENT);
}

static void names_find_their_functions_test(struct kunit *test)
{
	const struct gosym_vector *v = test->param_value;
	struct gosym_table *t = gosym_vector_open(test, v);
	struct gosym_func fn, found;
	u32 i;

	for (i = 0; i < t->nfunc; i += 1 + t->nfunc / 200) {
		gosym_func_by_index(t, i, &fn);
		KUNIT_ASSERT_EQ(test, gosym_func_by_name(t, gosym_func_name(t, &fn),
							 &found), 0);
		/* the first of that name: never after this one */
		KUNIT_EXPECT_LE(test, found.index, i);
		KUNIT_EXPECT_STREQ(test, gosym_func_name(t, &found),
				   gosym_func_name(t, &fn));
	}
	KUNIT_EXPECT_EQ(test, gosym_func_by_name(t, "no.such.function", &fn),
			-ENOENT);
}

static struct kunit_case gosym_tables_cases[] = {
	KUNIT_CASE_PARAM(lookups_match_debug_gosym_test, vector_gen_params),
	KUNIT_CASE_PARAM(funcs_match_debug_gosym_test, vector_gen_params),
	KUNIT_CASE_PARAM(names_find_their_functions_test, vector_gen_params),
	{}
};

static struct kunit_suite gosym_tables_suite = {
	.name = "gosym_tables",
	.test_cases = gosym_tables_cases,
};

/* The index: each function found from its first and last byte. */
static void every_entry_and_last_byte_find_their_function_test(struct kunit *test)
{
	const struct gosym_vector *v = test->param_value;
	struct gosym_table *t = gosym_vector_open(test, v);
	struct gosym_func fn, got;
	u32 i;

	for (i = 0; i < t->nfunc; i++) {
		gosym_func_by_index(t, i, &fn);
		if (fn.end == fn.entry)
			continue;	/* empty: its entry belongs to the next */
		KUNIT_ASSERT_EQ(test, gosym_func_by_pc(t, fn.entry, &got), 0);
		KUNIT_EXPECT_EQ_MSG(test, got.entry, fn.entry, "function %u", i);
		KUNIT_EXPECT_EQ_MSG(test, got.end, fn.end, "function %u", i);
		KUNIT_ASSERT_EQ(test, gosym_func_by_pc(t, fn.end - 1, &got), 0);
		KUNIT_EXPECT_EQ_MSG(test, got.entry, fn.entry, "function %u", i);
	}
}

static void pcs_outside_the_text_find_nothing_test(struct kunit *test)
{
	const struct gosym_vector *v = test->param_value;
	struct gosym_table *t = gosym_vector_open(test, v);
	struct gosym_func fn;

	if (t->pc_lo)
		KUNIT_EXPECT_EQ(test, gosym_func_by_pc(t, t->pc_lo - 1, &fn),
				-ENOENT);
	KUNIT_EXPECT_EQ(test, gosym_func_by_pc(t, 0, &fn), -ENOENT);
	KUNIT_EXPECT_EQ(test, gosym_func_by_pc(t, t->pc_hi, &fn), -ENOENT);
	KUNIT_EXPECT_EQ(test, gosym_func_by_pc(t, t->pc_hi + 4096, &fn),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, gosym_func_by_pc(t, ~0ULL, &fn), -ENOENT);
}

static void index_stays_within_a_hundredth_of_the_table_test(struct kunit *test)
{
	const struct gosym_vector *v = test->param_value;
	struct gosym_table *t = gosym_vector_open(test, v);

	KUNIT_EXPECT_LE(test, t->index_bytes, t->size / 100 + 256);
}

/* A second way to look a PC up, to hold against gosym_pc_pos(). */
struct other_way {
	const struct gosym_table *t;
	struct gosym_cursor cur;	/* through one cursor */
	struct gosym_table plain;	/* the table without checkpoints */
};

typedef void (*other_pos_fn)(struct other_way *w, const struct gosym_func *fn,
			     u64 pc, struct gosym_pos *pos);

/* samples PCs, ascending, looked up both ways: the answers agree. */
static void expect_same_positions(struct kunit *test, const char *way,
				  other_pos_fn other_pos, unsigned int samples)
{
	const struct gosym_vector *v = test->param_value;
	struct gosym_table *t = gosym_vector_open(test, v);
	struct other_way *w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	struct gosym_pos other, alone;
	struct gosym_func fn;
	u64 pc, step;
	int bad = 0;

	KUNIT_ASSERT_NOT_NULL(test, w);
	w->t = t;
	w->cur = (struct gosym_cursor)GOSYM_CURSOR_INIT;
	w->plain = *t;
	w->plain.ck_ln.nboundaries = 0;
	w->plain.ck_fl.nboundaries = 0;
	step = (t->pc_hi - t->pc_lo) / samples + 1;
	for (pc = t->pc_lo; pc < t->pc_hi; pc += step) {
		KUNIT_ASSERT_EQ(test, gosym_func_by_pc(t, pc, &fn), 0);
		other_pos(w, &fn, pc, &other);
		gosym_pc_pos(t, &fn, pc, &alone);
		if ((other.line != alone.line || other.file != alone.file) &&
		    ++bad <= REPORT_MAX)
			KUNIT_FAIL(test, "%s: pc 0x%llx: %s %s:%d, alone %s:%d",
				   v->name, pc, way, other.file, other.line,
				   alone.file, alone.line);
	}
	KUNIT_EXPECT_EQ(test, bad, 0);
}

static void pos_through_cursor(struct other_way *w, const struct gosym_func *fn,
			       u64 pc, struct gosym_pos *pos)
{
	gosym_pc_pos_next(w->t, &w->cur, fn, pc, pos);
}

static void pos_without_checkpoints(struct other_way *w,
				    const struct gosym_func *fn, u64 pc,
				    struct gosym_pos *pos)
{
	gosym_pc_pos(&w->plain, fn, pc, pos);
}

/* Ascending PCs through one cursor, as a sorted batch looks them up. */
static void a_cursor_answers_as_each_pc_alone_test(struct kunit *test)
{
	expect_same_positions(test, "through a cursor", pos_through_cursor,
			      5000);
}

/*
 * A checkpoint's state, decoded on forward or back from it, answers as
 * decoding from the function's entry does: the same table without
 * checkpoints is the reference.
 */
static void checkpoints_answer_as_decoding_from_the_entry_test(struct kunit *test)
{
	expect_same_positions(test, "from the entry", pos_without_checkpoints,
			      20000);
}

static struct kunit_case gosym_index_cases[] = {
	KUNIT_CASE_PARAM(every_entry_and_last_byte_find_their_function_test,
			 vector_gen_params),
	KUNIT_CASE_PARAM(checkpoints_answer_as_decoding_from_the_entry_test,
			 vector_gen_params),
	KUNIT_CASE_PARAM(a_cursor_answers_as_each_pc_alone_test,
			 vector_gen_params),
	KUNIT_CASE_PARAM(pcs_outside_the_text_find_nothing_test, vector_gen_params),
	KUNIT_CASE_PARAM(index_stays_within_a_hundredth_of_the_table_test,
			 vector_gen_params),
	{}
};

static struct kunit_suite gosym_index_suite = {
	.name = "gosym_index",
	.test_cases = gosym_index_cases,
};

/*
 * Refusal.  Damaged copies live in kmalloc buffers of exactly their size,
 * so KASAN reports (and fails the test on) any read past them.
 */
static int open_copy(struct kunit *test, const u8 *data, size_t len,
		     struct gosym_table *t, u8 **copy)
{
	*copy = kunit_kmalloc(test, len ? len : 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, *copy);
	memcpy(*copy, data, len);
	return gosym_table_open(t, *copy, len, 0);
}

/* Whatever opened answers every question without reading outside it. */
static void exercise(struct kunit *test, struct gosym_table *t)
{
	u64 state = 1, pc, span = t->pc_hi - t->pc_lo;
	struct gosym_func fn;
	struct gosym_pos pos;
	void *index;
	int k;

	index = kvmalloc(gosym_index_bytes(t) + gosym_names_bytes(t) + 1,
			 GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, index);
	gosym_index_build(t, index);
	gosym_names_build(t, (u8 *)index + t->index_bytes);
	for (k = 0; k < 200; k++) {
		pc = t->pc_lo + gosym_test_random(&state) % (span ? span : 1);
		if (!gosym_func_by_pc(t, pc, &fn))
			gosym_pc_pos(t, &fn, pc, &pos);
	}
	gosym_func_by_name(t, "main.main", &fn);
	kvfree(index);
}

static void every_truncation_of_the_header_is_refused_test(struct kunit *test)
{
	const struct gosym_vector *v = test->param_value;
	struct gosym_table t;
	size_t len, hdr = 8 + 8 * 8 + 512;
	u8 *copy;

	for (len = 0; len <= hdr; len++) {
		KUNIT_EXPECT_EQ_MSG(test, open_copy(test, v->tab, len, &t, &copy),
				    -EINVAL, "%s cut at %zu bytes", v->name, len);
		kunit_kfree(test, copy);
	}
}

static void a_flipped_header_bit_is_refused_or_harmless_test(struct kunit *test)
{
	const struct gosym_vector *v = test->param_value;
	size_t len = v->tab_end - v->tab, i;
	struct gosym_table t;
	int bit, opened = 0;
	u8 *copy;

	/* one copy, each bit flipped and restored in turn */
	copy = kvmalloc(len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, v->tab, len);
	for (i = 0; i < 8 + 8 * (size_t)v->tab[7] && i < len; i++) {
		for (bit = 0; bit < 8; bit++) {
			copy[i] ^= 1 << bit;
			if (!gosym_table_open(&t, copy, len, v->text)) {
				opened++;
				exercise(test, &t);
			}
			copy[i] ^= 1 << bit;
		}
	}
	kvfree(copy);
	kunit_info(test, "%s: %d of the flipped headers still open", v->name,
		   opened);
}

/* One corruption of a go1.18 table, and the reason it must be refused. */
struct corruption {
	const char *desc;
	void (*apply)(u8 *tab, size_t len);
};

static void put32(u8 *p, u32 v)
{
	memcpy(p, &v, 4);	/* the amd64 vector is little-endian */
}

static u64 get64(const u8 *p)
{
	u64 v;

	memcpy(&v, p, 8);
	return v;
}

static void bad_magic(u8 *tab, size_t len) { put32(tab, 0xfffffff5); }
static void pad_byte_set(u8 *tab, size_t len) { tab[5] = 1; }
static void quantum_three(u8 *tab, size_t len) { tab[6] = 3; }
static void pointer_size_five(u8 *tab, size_t len) { tab[7] = 5; }
static void pctab_past_the_end(u8 *tab, size_t len) { put32(tab + 8 + 6 * 8, len + 1); }
static void functab_past_the_end(u8 *tab, size_t len) { put32(tab + 8 + 7 * 8, len + 8); }
static void regions_out_of_order(u8 *tab, size_t len) { put32(tab + 8 + 4 * 8, 8); }
static void too_many_functions(u8 *tab, size_t len) { put32(tab + 8, 0x7fffffff); }

/* Entries of functions 10 and 11 swapped: no longer in order. */
static void entries_out_of_order(u8 *tab, size_t len)
{
	u8 *ft = tab + get64(tab + 8 + 7 * 8), tmp[4];

	memcpy(tmp, ft + 10 * 8, 4);
	memcpy(ft + 10 * 8, ft + 11 * 8, 4);
	memcpy(ft + 11 * 8, tmp, 4);
}

/* The byte before cutab ends the last name: without it no name ends. */
static void names_not_terminated(u8 *tab, size_t len)
{
	tab[get64(tab + 8 + 4 * 8) - 1] = 'x';
}

/* Function 3's record points past the end of the table. */
static void record_past_the_end(u8 *tab, size_t len)
{
	u8 *ft = tab + get64(tab + 8 + 7 * 8);

	put32(ft + 3 * 8 + 4, len);
}

/* Function 5's name offset past the name region. */
static void name_past_its_region(u8 *tab, size_t len)
{
	u8 *ft = tab + get64(tab + 8 + 7 * 8);
	u32 funcoff;

	memcpy(&funcoff, ft + 5 * 8 + 4, 4);
	put32(ft + funcoff + 4, 0x7ffffff0);
}

/* Function 7's pcln offset past the pc-value region. */
static void pcln_past_its_region(u8 *tab, size_t len)
{
	u8 *ft = tab + get64(tab + 8 + 7 * 8);
	u32 funcoff;

	memcpy(&funcoff, ft + 7 * 8 + 4, 4);
	put32(ft + funcoff + 4 + 5 * 4, 0x7ffffff0);
}

static const struct corruption corruptions[] = {
	{ "bad magic", bad_magic },
	{ "nonzero pad byte", pad_byte_set },
	{ "pc quantum 3", quantum_three },
	{ "pointer size 5", pointer_size_five },
	{ "pc-value table past the end", pctab_past_the_end },
	{ "function table past the end", functab_past_the_end },
	{ "regions out of order", regions_out_of_order },
	{ "more functions than bytes", too_many_functions },
	{ "function entries out of order", entries_out_of_order },
	{ "function names without a terminator", names_not_terminated },
	{ "function record past the end", record_past_the_end },
	{ "name offset past its region", name_past_its_region },
	{ "pcln offset past its region", pcln_past_its_region },
};

static void corruption_desc(const struct corruption *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(corruption, corruptions, corruption_desc);

static void a_corrupt_table_is_refused_test(struct kunit *test)
{
	const struct corruption *c = test->param_value;
	const struct gosym_vector *v = gosym_vector_find("go118_amd64");
	size_t len;
	struct gosym_table t;
	u8 *copy;

	KUNIT_ASSERT_NOT_NULL(test, v);
	len = v->tab_end - v->tab;
	KUNIT_ASSERT_EQ(test, open_copy(test, v->tab, len, &t, &copy), 0);
	c->apply(copy, len);
	KUNIT_EXPECT_EQ_MSG(test, gosym_table_open(&t, copy, len, 0), -EINVAL,
			    "%s was not refused", c->desc);
	KUNIT_EXPECT_NOT_NULL(test, t.error);
}

static struct kunit_case gosym_refusal_cases[] = {
	KUNIT_CASE_PARAM(every_truncation_of_the_header_is_refused_test,
			 vector_gen_params),
	KUNIT_CASE_PARAM(a_flipped_header_bit_is_refused_or_harmless_test,
			 vector_gen_params),
	KUNIT_CASE_PARAM(a_corrupt_table_is_refused_test, corruption_gen_params),
	{}
};

static struct kunit_suite gosym_refusal_suite = {
	.name = "gosym_refusal",
	.test_cases = gosym_refusal_cases,
};

/* Look-up cost in the kernel: a diagnostic, never an assertion. */
static void lookup_cost_is_reported_test(struct kunit *test)
{
	const struct gosym_vector *v = test->param_value;
	struct gosym_table *t = gosym_vector_open(test, v);
	const int n = 20000;
	u64 state = 1, start, func_ns, line_ns, sink = 0, *pcs;
	struct gosym_func fn;
	struct gosym_pos pos;
	int i;

	pcs = kunit_kmalloc_array(test, n, sizeof(*pcs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pcs);
	for (i = 0; i < n; i++)
		pcs[i] = t->pc_lo + gosym_test_random(&state) %
				    (t->pc_hi - t->pc_lo);
	gosym_index_fill(t, 0, t->nfunc);
	start = ktime_get_ns();
	for (i = 0; i < n; i++)
		if (!gosym_func_by_pc(t, pcs[i], &fn))
			sink += fn.entry;
	func_ns = ktime_get_ns() - start;
	start = ktime_get_ns();
	for (i = 0; i < n; i++) {
		if (gosym_func_by_pc(t, pcs[i], &fn))
			continue;
		gosym_pc_pos(t, &fn, pcs[i], &pos);
		sink += pos.line;
	}
	line_ns = ktime_get_ns() - start;
	kunit_info(test, "%s: %u functions, %llu-byte table: %llu ns per PC->function, %llu ns per PC->file:line (%d PCs%s)",
		   v->name, t->nfunc, t->size, func_ns / n, line_ns / n, n,
		   IS_ENABLED(CONFIG_KASAN) ? ", KASAN on" : "");
	KUNIT_EXPECT_NE(test, sink, 0);
}

static struct kunit_case gosym_timing_cases[] = {
	KUNIT_CASE_PARAM(lookup_cost_is_reported_test, vector_gen_params),
	{}
};

static struct kunit_suite gosym_timing_suite = {
	.name = "gosym_timing",
	.test_cases = gosym_timing_cases,
};

kunit_test_suites(&gosym_tables_suite, &gosym_index_suite,
		  &gosym_refusal_suite, &gosym_timing_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for gosym");
