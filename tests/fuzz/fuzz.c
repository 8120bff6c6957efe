// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the gosym core: open any bytes as a table and, when
 * they open, ask every question (PCs drawn from the input, every function's
 * entry and last byte, names, iteration).  With ASan and UBSan any read
 * outside the table, any undefined arithmetic, aborts.
 *
 * The custom mutator makes it structure-aware: half the time, instead of
 * flipping raw bytes, it sets a header word, a function table entry or a
 * function record field of a real table to a value near a boundary, which
 * reaches the checks behind the header far more often than raw flips do.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../exercise.h"

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

static uint64_t read_le(const uint8_t *p, unsigned int n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

/* Every question, with PCs taken from the input's own bytes. */
static void ask_everything(struct gosym_table *t, const uint8_t *data,
			   size_t size)
{
	uint64_t seeds[64];
	size_t n = 0;

	for (; n < 64 && (n + 1) * 8 <= size; n++)
		seeds[n] = read_le(data + n * 8, 8);
	exercise_table(t, seeds, n, 4096);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gosym_table t;
	uint8_t *copy = malloc(size ? size : 1);

	if (!copy)
		return 0;
	/* a copy of exactly this size: ASan sees one byte past it */
	memcpy(copy, data, size);
	if (!gosym_table_open(&t, copy, size, 0))
		ask_everything(&t, copy, size);
	free(copy);
	return 0;
}

/* Values that sit on the boundaries the checks guard. */
static uint64_t boundary_value(size_t size, unsigned int seed)
{
	switch (seed % 8) {
	case 0: return 0;
	case 1: return size;
	case 2: return size - 1;
	case 3: return size + 1;
	case 4: return 0xffffffffULL;
	case 5: return 0x7fffffffULL;
	case 6: return (uint64_t)size / 2;
	default: return seed;
	}
}

static void put(uint8_t *p, uint64_t v, unsigned int n, int big)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		p[big ? n - 1 - i : i] = v >> (8 * i);
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed)
{
	struct gosym_table t;
	uint64_t off;
	unsigned int ps, field;
	int big;

	srand(seed);
	if (size < 16 || rand() % 2 || gosym_table_open(&t, data, size, 0))
		return LLVMFuzzerMutate(data, size, max_size);
	big = t.big_endian;
	ps = t.ptrsize;
	switch (rand() % 3) {
	case 0:		/* a header word */
		off = 8 + (rand() % 8) * ps;
		if (off + ps <= size)
			put(data + off, boundary_value(size, rand()), ps, big);
		break;
	case 1:		/* a function table entry or funcoff */
		off = t.functab + (rand() % (2 * t.nfunc + 1)) * t.fieldsize;
		if (off + t.fieldsize <= size)
			put(data + off, boundary_value(size, rand()), t.fieldsize, big);
		break;
	default:	/* a field of some function's record */
		if (!t.nfunc)
			break;
		off = t.functab + (2 * (rand() % t.nfunc) + 1) * t.fieldsize;
		off = t.funcdata + read_le(data + off, 4);
		field = rand() % 9;
		off += field ? t.fieldsize + (field - 1) * 4 : 0;
		if (off + 4 <= size)
			put(data + off, boundary_value(size, rand()), 4, big);
		break;
	}
	return size;
}
