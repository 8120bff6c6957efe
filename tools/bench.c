// SPDX-License-Identifier: GPL-2.0
/*
 * gosym bench: what opening a table and looking PCs up cost, measured the
 * way tests/oracle's bench measures Go's debug/gosym (same PCs from the same
 * seed), so the two can be compared as ratios from one run; and, where the
 * file has inline trees, what expanding inlined frames adds (inline_ns:
 * the frames' positions and the physical function's, at each PC).
 * batch_ns is the same look-ups as `gosym lookup` makes them from a long
 * input: in batches, sorted, answered in input order (batch.c).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "batch.h"
#include "commands.h"
#include "output.h"
#include "util.h"

#define OPEN_ROUNDS	20

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* splitmix64: the generator tests/oracle uses too, so both draw alike */
static uint64_t next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static bool count_frame(void *ctx, const char *name,
			const struct gosym_pos *pos)
{
	(void)name;
	*(uint64_t *)ctx += pos->line;
	return true;
}

/* Another source on src's file, mapped, checked and indexed anew. */
static void open_afresh(const struct source *src, struct source *s)
{
	*s = (struct source){ .kind = src->kind, .path = src->path,
			      .text = src->text, .bias = src->bias };
	if (source_open(s))
		exit(EXIT_USAGE);
}

/*
 * PC -> file:line for all pcs the way `gosym lookup` reads them, on a
 * table opened afresh: its checkpoints are filled as the batches need
 * them, as the one-at-a-time loop's were.
 */
static uint64_t time_batches(const struct source *src, const uint64_t *pcs,
			     unsigned long n, struct batch *b, uint64_t *sink)
{
	const struct gosym_table *t;
	unsigned long i, done;
	struct source s;
	uint64_t start;

	open_afresh(src, &s);
	t = &s.table;
	start = now_ns();
	for (done = 0; done < n; done += b->n) {
		b->n = n - done < BATCH_MAX ? n - done : BATCH_MAX;
		for (i = 0; i < b->n; i++)
			b->pcs[i] = pcs[done + i] + t->bias;
		batch_lookup(t, b);
		for (i = 0; i < b->n; i++)
			*sink += b->answers[i].found ? b->answers[i].pos.line : 0;
	}
	start = now_ns() - start;
	source_close(&s);
	return start;
}

/*
 * What one read at a random place in the table costs now.  Each place
 * comes from the byte the read before it returned, so the reads wait on
 * each other as a look-up's do (the function's record, then its streams).
 * A look-up is a few such reads apart from its decoding, and what they
 * cost moves with whatever else on the machine shares its caches, while
 * debug/gosym's PCToLine is mostly computation: this says which kind of
 * run a set of ratios came from.
 */
static uint64_t time_table_reads(const struct gosym_table *t, unsigned long n,
				 uint64_t *sink)
{
	const u8 *data = t->data;
	uint64_t at = 0, start;
	unsigned long i;
	unsigned int bits = 1;	/* an opened table is more than 2 bytes */

	/* places within the largest power of two that fits, half or more */
	while (bits < 63 && (2ULL << bits) <= t->size)
		bits++;
	/* every page mapped first: a page fault is not what this measures */
	for (i = 0; i < t->size; i += 4096)
		*sink += data[i];
	start = now_ns();
	for (i = 0; i < n; i++)
		at = (((at + i) ^ data[at]) * 0x9e3779b97f4a7c15ULL) >>
		     (64 - bits);
	start = now_ns() - start;
	*sink += at;
	return start;
}

/* Mean time of read + validate + index, over fresh opens of the file. */
static uint64_t time_open(const struct source *src)
{
	struct source s;
	uint64_t start, total = 0;
	int i;

	for (i = 0; i < OPEN_ROUNDS; i++) {
		start = now_ns();
		open_afresh(src, &s);
		total += now_ns() - start;
		source_close(&s);
	}
	return total / OPEN_ROUNDS;
}

int cmd_bench(struct source *src, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	const struct gosym_table *t = &src->table;
	unsigned long n = 200000, i;
	uint64_t seed = 1, state, *pcs, start, func_ns, line_ns, sink = 0;
	uint64_t inline_ns = 0, batch_ns, open_ns, outer, load_ns;
	struct batch b;
	bool inl;
	struct gosym_func fn;
	struct gosym_pos pos;
	char *end;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "n:", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			n = strtoul(optarg, &end, 10);
			if (*end || !n || n > 100000000) {
				errorf("bad -n '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case 's':
			seed = strtoull(optarg, &end, 10);
			if (*end) {
				errorf("bad --seed '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		default:
			errorf("usage: gosym -e FILE bench [-n N] [--seed S]");
			return EXIT_USAGE;
		}
	}
	if (src->kind == SOURCE_LIVE) {
		errorf("bench measures a file: give -e FILE or -t FILE");
		return EXIT_USAGE;
	}
	if (t->pc_hi <= t->pc_lo) {
		errorf("%s: the table covers no text", src->path);
		return EXIT_USAGE;
	}
	/* first, before this command's own allocations change the heap */
	open_ns = time_open(src);
	pcs = malloc(n * sizeof(*pcs));
	if (!pcs) {
		errorf("out of memory for %lu PCs", n);
		return EXIT_USAGE;
	}
	if (batch_alloc(&b)) {
		free(pcs);
		return EXIT_USAGE;
	}
	state = seed;
	for (i = 0; i < n; i++)
		pcs[i] = t->pc_lo + next_random(&state) % (t->pc_hi - t->pc_lo);

	start = now_ns();
	for (i = 0; i < n; i++)
		if (!gosym_func_by_pc(t, pcs[i], &fn))
			sink += fn.entry;
	func_ns = now_ns() - start;

	start = now_ns();
	for (i = 0; i < n; i++) {
		if (gosym_func_by_pc(t, pcs[i], &fn))
			continue;
		gosym_pc_pos(t, &fn, pcs[i], &pos);
		sink += pos.line;
	}
	line_ns = now_ns() - start;

	batch_ns = time_batches(src, pcs, n, &b, &sink);

	/* the same look-ups with inlined frames, where the file has them */
	inl = !source_funcdata_quiet(src);
	start = now_ns();
	for (i = 0; inl && i < n; i++) {
		if (gosym_func_by_pc(t, pcs[i], &fn))
			continue;
		gosym_inline_walk(t, &fn, pcs[i], count_frame, &sink, &outer);
		gosym_pc_pos(t, &fn, outer, &pos);
		sink += pos.line;
	}
	inline_ns = now_ns() - start;

	/* last, so that its reads leave the look-ups' caches alone */
	load_ns = time_table_reads(t, n, &sink);

	print_kv_begin();
	print_kv("open_ns", "%llu", (unsigned long long)open_ns);
	print_kv("index_bytes", "%llu", (unsigned long long)t->index_bytes);
	print_kv("table_bytes", "%llu", (unsigned long long)t->size);
	print_kv("funcs", "%u", t->nfunc);
	print_kv("pcs", "%lu", n);
	print_kv("seed", "%llu", (unsigned long long)seed);
	print_kv("func_ns", "%.1f", (double)func_ns / n);
	print_kv("line_ns", "%.1f", (double)line_ns / n);
	print_kv("batch_ns", "%.1f", (double)batch_ns / n);
	if (inl)
		print_kv("inline_ns", "%.1f", (double)inline_ns / n);
	print_kv("load_ns", "%.1f", (double)load_ns / n);
	print_kv_end();
	batch_free(&b);
	free(pcs);
	/* keep the loops' results alive without printing them */
	return sink == 42 ? EXIT_OK : EXIT_OK;
}
