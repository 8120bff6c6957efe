// SPDX-License-Identifier: GPL-2.0
/*
 * The vectors' table (GOSYM_VECTOR_TABLE, from kunit/gen/vectors.h) and what
 * the suites share
 * to use them.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "vectors.h"
#include "gen/vectors.h"

const struct gosym_vector gosym_vectors[] = { GOSYM_VECTOR_TABLE };
const size_t gosym_nvectors = ARRAY_SIZE(gosym_vectors);

const struct gosym_vector *gosym_vector_find(const char *name)
{
	size_t i;

	for (i = 0; i < gosym_nvectors; i++)
		if (!strcmp(gosym_vectors[i].name, name))
			return &gosym_vectors[i];
	return NULL;
}

static void free_index(void *index)
{
	kvfree(index);
}

/* Open and index a vector's table in place; the test fails if it can't. */
struct gosym_table *gosym_vector_open(struct kunit *test,
				      const struct gosym_vector *v)
{
	struct gosym_table *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	void *index;
	u64 bytes;

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_EQ_MSG(test, gosym_table_open(t, v->tab,
						   v->tab_end - v->tab, v->text),
			    0, "%s: %s", v->name, t->error);
	bytes = gosym_index_bytes(t);
	index = kvmalloc(bytes + gosym_names_bytes(t) + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, index);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, free_index, index), 0);
	gosym_index_build(t, index);
	gosym_names_build(t, (u8 *)index + bytes);
	return t;
}

/* The next line of a NUL-terminated text into buf; false at the end. */
bool gosym_next_line(const char **p, char *buf, size_t len)
{
	const char *nl;
	size_t n;

	if (!**p)
		return false;
	nl = strchrnul(*p, '\n');
	n = min_t(size_t, nl - *p, len - 1);
	memcpy(buf, *p, n);
	buf[n] = 0;
	*p = *nl ? nl + 1 : nl;
	return true;
}

/* splitmix64, as tools/bench.c */
u64 gosym_test_random(u64 *state)
{
	u64 z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}
