// SPDX-License-Identifier: GPL-2.0
/*
 * mutate: feed the core damaged copies of a real table and exercise every
 * answer of each one that opens.  Built with AddressSanitizer and UBSan,
 * and every copy sits in a buffer of exactly its size, so a read outside
 * the table aborts the run.
 *
 *	mutate FILE [SEED]     FILE a raw pclntab
 *
 * Damage: every truncation up to the end of the header region plus 512
 * bytes, 2000 random truncations, every bit of the header flipped, and
 * 4000 random bit flips, byte stores and offset-sized stores over the
 * whole table.  Prints a summary; exits 1 if the undamaged table fails.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exercise.h"

static unsigned long opened, refused;
static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Every question a user can ask, with 300 random PCs. */
static void exercise(struct gosym_table *t)
{
	uint64_t seeds[300];
	size_t i;

	for (i = 0; i < 300; i++)
		seeds[i] = rnd();
	exercise_table(t, seeds, 300, 3000);
}

static void try_bytes(const uint8_t *data, size_t len)
{
	struct gosym_table t;
	uint8_t *copy = malloc(len ? len : 1);

	if (!copy)
		abort();
	memcpy(copy, data, len);
	if (gosym_table_open(&t, copy, len, 0)) {
		refused++;
	} else {
		opened++;
		exercise(&t);
	}
	free(copy);
}

int main(int argc, char **argv)
{
	struct gosym_table t;
	size_t len, i, hdr, n;
	uint8_t *data, *m;
	FILE *f;
	int k, b;

	if (argc < 2) {
		fprintf(stderr, "usage: mutate FILE [SEED]\n");
		return 2;
	}
	rng_state = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
	f = fopen(argv[1], "rb");
	if (!f || fseek(f, 0, SEEK_END) || ftell(f) < 0)
		return 2;
	len = ftell(f);
	rewind(f);
	data = malloc(len);
	if (!data || fread(data, 1, len, f) != len)
		return 2;
	fclose(f);
	if (gosym_table_open(&t, data, len, 0)) {
		fprintf(stderr, "mutate: the undamaged table is refused: %s\n",
			t.error);
		return 1;
	}
	hdr = 8 + 8 * (size_t)t.ptrsize;
	for (i = 0; i <= hdr + 512 && i <= len; i++)
		try_bytes(data, i);
	for (k = 0; k < 2000; k++)
		try_bytes(data, rnd() % len);
	m = malloc(len);
	for (i = 0; i < hdr && i < len; i++) {
		for (b = 0; b < 8; b++) {
			memcpy(m, data, len);
			m[i] ^= 1 << b;
			try_bytes(m, len);
		}
	}
	for (k = 0; k < 4000; k++) {
		memcpy(m, data, len);
		i = rnd() % len;
		switch (k % 3) {
		case 0:
			m[i] ^= 1 << (rnd() % 8);
			break;
		case 1:
			m[i] = rnd();
			break;
		default:
			n = len - i < 4 ? len - i : 4;
			memset(m + i, (k & 4) ? 0xff : 0, n);
			break;
		}
		try_bytes(m, len);
	}
	printf("mutate: %lu opened, %lu refused, no out-of-bounds access\n",
	       opened, refused);
	free(m);
	free(data);
	return 0;
}
