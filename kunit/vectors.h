/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The KUnit vectors: real tables with Go's debug/gosym answers for them,
 * generated at build time by kunit/gen-vectors.
 */
#ifndef _GOSYM_KUNIT_VECTORS_H
#define _GOSYM_KUNIT_VECTORS_H

#include <kunit/test.h>

#include "gosym_core.h"

struct gosym_vector {
	const char *name;
	const u8 *tab;
	const u8 *tab_end;
	const char *pcs;	/* one address a line */
	const char *expect;	/* debug/gosym's look-up line for each */
	const char *funcs;	/* debug/gosym's funcs lines */
	u64 text;
};

extern const struct gosym_vector gosym_vectors[];
extern const size_t gosym_nvectors;

const struct gosym_vector *gosym_vector_find(const char *name);
struct gosym_table *gosym_vector_open(struct kunit *test,
				      const struct gosym_vector *v);
bool gosym_next_line(const char **p, char *buf, size_t len);
u64 gosym_test_random(u64 *state);

#endif /* _GOSYM_KUNIT_VECTORS_H */
