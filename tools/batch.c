// SPDX-License-Identifier: GPL-2.0
/*
 * Many look-ups at once, as `gosym lookup` gets them from stdin: the PCs
 * are sorted, so the table is read front to back, a function's PCs share
 * one look-up of the function and one pass over its pc-value streams
 * (gosym_pc_pos_next()), and the answers go back to the order the PCs
 * came in.  Reading stops at what has already arrived, so addresses typed
 * or piped one at a time are still answered one at a time.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../module/gosym_line.h"
#include "batch.h"
#include "util.h"

#define RADIX_BITS	11
#define ADDR_MAX	63	/* the longest address text taken */

/**
 * batch_alloc() - memory for batches of up to BATCH_MAX PCs
 * @b: filled in
 *
 * Return: 0, or -1 after printing why.
 */
int batch_alloc(struct batch *b)
{
	memset(b, 0, sizeof(*b));
	b->pcs = malloc(BATCH_MAX * sizeof(*b->pcs));
	b->keys = malloc(BATCH_MAX * sizeof(*b->keys));
	b->tmp = malloc(BATCH_MAX * sizeof(*b->tmp));
	b->answers = malloc(BATCH_MAX * sizeof(*b->answers));
	b->cap = BATCH_MAX;
	if (b->pcs && b->keys && b->tmp && b->answers)
		return 0;
	batch_free(b);
	errorf("out of memory for a batch of look-ups");
	return -1;
}

void batch_free(struct batch *b)
{
	free(b->pcs);
	free(b->keys);
	free(b->tmp);
	free(b->answers);
	memset(b, 0, sizeof(*b));
}

static unsigned int bits_for(uint64_t v)
{
	return v ? 64 - __builtin_clzll(v) : 0;
}

/*
 * LSD radix sort of keys on bits [from, to), RADIX_BITS at a time; stable,
 * so keys equal there keep their order.  Returns the sorted array, which
 * is keys or tmp.
 */
static uint64_t *radix_sort(uint64_t *keys, uint64_t *tmp, size_t n,
			    unsigned int from, unsigned int to)
{
	static size_t count[1 << RADIX_BITS];
	unsigned int shift;
	uint64_t *swap;
	size_t i, sum, c;

	for (shift = from; shift < to; shift += RADIX_BITS) {
		memset(count, 0, sizeof(count));
		for (i = 0; i < n; i++)
			count[(keys[i] >> shift) & ((1 << RADIX_BITS) - 1)]++;
		for (sum = 0, i = 0; i < ARRAY_SIZE(count); i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			tmp[count[(keys[i] >> shift) &
				  ((1 << RADIX_BITS) - 1)]++] = keys[i];
		swap = keys;
		keys = tmp;
		tmp = swap;
	}
	return keys;
}

/*
 * Each key is a PC's offset from the table's first function, above its
 * position in the batch: sorting the keys sorts the PCs, and equal PCs
 * stay in order.  PCs outside the table are answered here.  Returns how
 * many keys there are, or -1 if they do not fit 64 bits.
 */
static long make_keys(const struct gosym_table *t, struct batch *b,
		      unsigned int *ibits)
{
	uint64_t pc;
	size_t i, n = 0;

	*ibits = bits_for(b->n - 1);
	if (*ibits + bits_for(t->pc_hi - t->pc_lo) > 64)
		return -1;
	for (i = 0; i < b->n; i++) {
		pc = b->pcs[i] - t->bias;
		b->answers[i].found = false;
		if (pc >= t->pc_lo && pc < t->pc_hi)
			b->keys[n++] = (pc - t->pc_lo) << *ibits | i;
	}
	return n;
}

/* Look up one PC, the function fn being the one looked up last. */
static void answer(const struct gosym_table *t, uint64_t pc,
		   struct gosym_func *fn, struct gosym_cursor *cur,
		   struct batch_answer *a)
{
	if (pc < fn->entry || pc >= fn->end) {
		if (gosym_func_by_pc(t, pc, fn)) {
			*fn = (struct gosym_func){ 0 };
			a->found = false;
			return;
		}
	}
	a->found = true;
	a->fn = *fn;
	gosym_pc_pos_next(t, cur, fn, pc, &a->pos);
}

/**
 * batch_lookup() - answer every PC of a batch
 * @t: an opened and indexed table
 * @b: b->n PCs in b->pcs, as the running program sees them; b->answers
 *	gets an answer for each, in the same order
 */
void batch_lookup(const struct gosym_table *t, struct batch *b)
{
	struct gosym_cursor cur = GOSYM_CURSOR_INIT;
	struct gosym_func fn = { 0 };
	uint64_t *sorted, mask;
	unsigned int ibits;
	long n, i;

	if (!b->n)
		return;
	n = make_keys(t, b, &ibits);
	if (n < 0) {
		/* a table spanning most of 64 bits: no sort, same answers */
		for (i = 0; i < (long)b->n; i++)
			answer(t, b->pcs[i] - t->bias, &fn, &cur,
			       &b->answers[i]);
		return;
	}
	sorted = radix_sort(b->keys, b->tmp, n, ibits,
			    ibits + bits_for(t->pc_hi - t->pc_lo));
	mask = (1ULL << ibits) - 1;
	for (i = 0; i < n; i++)
		answer(t, (sorted[i] >> ibits) + t->pc_lo, &fn, &cur,
		       &b->answers[sorted[i] & mask]);
}

void addr_reader_init(struct addr_reader *r, int fd)
{
	r->fd = fd;
	r->eof = false;
	r->start = 0;
	r->len = 0;
}

/* Whether more input has arrived already, so reading it will not wait. */
static bool input_ready(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) > 0;
}

/* Take the word at buf[start, end) into the batch; -1 after an error. */
static int take_addr(struct addr_reader *r, size_t end, struct batch *b)
{
	char word[ADDR_MAX + 1];
	size_t len = end - r->start;

	if (len > ADDR_MAX) {
		errorf("bad address '%.*s...'", ADDR_MAX, r->buf + r->start);
		return -1;
	}
	memcpy(word, r->buf + r->start, len);
	word[len] = '\0';
	if (gosym_parse_addr(word, &b->pcs[b->n])) {
		errorf("bad address '%s'", word);
		return -1;
	}
	b->n++;
	r->start = end;
	return 0;
}

static bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/*
 * The whole words in the buffer, while the batch has room: 1 if one is
 * cut by the buffer's end (or the buffer is used up), 0 if the batch is
 * full, -1 after a bad one.
 */
static int take_words(struct addr_reader *r, struct batch *b)
{
	size_t end;

	while (b->n < b->cap) {
		while (r->start < r->len && is_space(r->buf[r->start]))
			r->start++;
		for (end = r->start; end < r->len && !is_space(r->buf[end]);)
			end++;
		if (end == r->start)
			return 1;
		if (end == r->len && !r->eof && end - r->start <= ADDR_MAX)
			return 1;
		if (take_addr(r, end, b))
			return -1;
	}
	return 0;
}

/**
 * addr_reader_fill() - the next batch of addresses
 * @r: the reader
 * @b: gets the addresses in b->pcs and their count in b->n
 *
 * Takes what has arrived: it waits for input only while the batch is
 * empty, and stops at b->cap addresses.
 *
 * Return: 1 with a batch, 0 at the end of the input, -1 after printing a
 * bad address or a read error (b->n then counts the good ones before it).
 */
int addr_reader_fill(struct addr_reader *r, struct batch *b)
{
	ssize_t got;
	int more;

	b->n = 0;
	for (;;) {
		more = take_words(r, b);
		if (more <= 0)
			return more ? -1 : 1;
		if (r->eof)
			return b->n > 0;
		if (b->n && !input_ready(r->fd))
			return 1;
		/* keep the cut word at the front, and read on after it */
		memmove(r->buf, r->buf + r->start, r->len - r->start);
		r->len -= r->start;
		r->start = 0;
		got = read(r->fd, r->buf + r->len, sizeof(r->buf) - r->len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			errorf("reading addresses: %s", strerror(errno));
			return -1;
		}
		if (!got)
			r->eof = true;
		r->len += got;
	}
}
