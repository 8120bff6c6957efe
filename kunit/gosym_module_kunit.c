// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for gosym.ko's own logic:
 *
 * gosym_module: address parsing (debugfs, kdb and the CLI share it), the
 * look-up line formatter, and table replacement while a reader holds the
 * old table.
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "gosym.h"
#include "gosym_line.h"
#include "vectors.h"

struct addr_case {
	const char *text;
	int err;
	u64 value;
};

static const struct addr_case addr_cases[] = {
	{ "0x4758c6", 0, 0x4758c6 },
	{ "0X4758C6", 0, 0x4758c6 },
	{ "4674758", 0, 4674758 },
	{ "010", 0, 10 },		/* decimal, not octal */
	{ "0", 0, 0 },
	{ "0xffffffffffffffff", 0, ~0ULL },
	{ "18446744073709551615", 0, ~0ULL },
	{ "0x10000000000000000", -EINVAL },
	{ "18446744073709551616", -EINVAL },
	{ "", -EINVAL },
	{ "0x", -EINVAL },
	{ "0x12zz", -EINVAL },
	{ "-1", -EINVAL },
	{ " 1", -EINVAL },
	{ "1 ", -EINVAL },
	{ "banana", -EINVAL },
};

static void addr_desc(const struct addr_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "\"%s\"", c->text);
}

KUNIT_ARRAY_PARAM(addr, addr_cases, addr_desc);

static void addresses_parse_as_hex_with_0x_or_decimal_test(struct kunit *test)
{
	const struct addr_case *c = test->param_value;
	u64 v = 0x5a5a;

	KUNIT_EXPECT_EQ_MSG(test, gosym_parse_addr(c->text, &v), c->err,
			    "\"%s\"", c->text);
	if (!c->err)
		KUNIT_EXPECT_EQ(test, v, c->value);
	else
		KUNIT_EXPECT_EQ_MSG(test, v, 0x5a5a, "a bad address changed the value");
}

static void no_table_answers_question_marks_test(struct kunit *test)
{
	char buf[64];

	gosym_format_lookup(NULL, 0x4758c6, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "0x4758c6\t?\t?:0");
}

static void lines_follow_the_percent_ps_convention_test(struct kunit *test)
{
	const struct gosym_vector *v = gosym_vector_find("go118_amd64");
	char *buf = kunit_kmalloc(test, GOSYM_LINE_MAX, GFP_KERNEL);
	char *want = kunit_kmalloc(test, GOSYM_LINE_MAX, GFP_KERNEL);
	struct gosym_table *t;
	struct gosym_func fn;
	int n, full;

	KUNIT_ASSERT_NOT_NULL(test, v);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, want);
	t = gosym_vector_open(test, v);
	KUNIT_ASSERT_EQ(test, gosym_func_by_index(t, 1, &fn), 0);
	full = gosym_format_lookup(t, fn.entry + 3, buf, GOSYM_LINE_MAX);
	n = snprintf(want, GOSYM_LINE_MAX, "0x%llx\t%s+0x3/0x%llx\t",
		     fn.entry + 3, gosym_func_name(t, &fn), fn.end - fn.entry);
	KUNIT_EXPECT_EQ(test, strncmp(buf, want, n), 0);
	KUNIT_EXPECT_NOT_NULL(test, strchr(buf + n, ':'));
	/* a short buffer gets a cut, terminated line and the full length */
	KUNIT_EXPECT_EQ(test, gosym_format_lookup(t, fn.entry + 3, buf, 8), full);
	KUNIT_EXPECT_EQ(test, strlen(buf), 7);
}

static void free_loaded(void *l)
{
	gosym_loaded_put(l);
}

static struct gosym_loaded *load_vector(struct kunit *test, const char *name)
{
	const struct gosym_vector *v = gosym_vector_find(name);
	struct gosym_loaded *l;

	struct gosym_bundle b = { };

	KUNIT_ASSERT_NOT_NULL(test, v);
	b.table = v->tab;
	b.table_size = v->tab_end - v->tab;
	l = gosym_loaded_create(&b, name);
	KUNIT_ASSERT_FALSE(test, IS_ERR(l));
	return l;
}

static void readers_finish_on_the_table_they_hold_test(struct kunit *test)
{
	struct gosym_loaded *a = load_vector(test, "go118_amd64");
	struct gosym_loaded *b = load_vector(test, "go118_s390x");
	struct gosym_loaded *held, *now;
	char *before = kunit_kmalloc(test, GOSYM_LINE_MAX, GFP_KERNEL);
	char *after = kunit_kmalloc(test, GOSYM_LINE_MAX, GFP_KERNEL);
	struct gosym_func fn;
	u64 pc;

	KUNIT_ASSERT_NOT_NULL(test, before);
	KUNIT_ASSERT_NOT_NULL(test, after);
	gosym_install(a);
	held = gosym_current_get();
	KUNIT_ASSERT_PTR_EQ(test, held, a);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, free_loaded, held), 0);
	gosym_func_by_index(&held->table, 100, &fn);
	pc = fn.entry + 1;
	gosym_format_lookup(&held->table, pc, before, GOSYM_LINE_MAX);

	gosym_install(b);		/* the module's reference to a goes */
	now = gosym_current_get();
	KUNIT_EXPECT_PTR_EQ(test, now, b);
	gosym_loaded_put(now);

	/* a is still whole for its holder (KASAN would see a use after free) */
	gosym_format_lookup(&held->table, pc, after, GOSYM_LINE_MAX);
	KUNIT_EXPECT_STREQ(test, after, before);
	gosym_install(NULL);
	KUNIT_EXPECT_NULL(test, gosym_current_get());
}

static void a_bad_table_is_refused_and_changes_nothing_test(struct kunit *test)
{
	static const u8 junk[64] = { 0xf1, 0xff, 0xff, 0xff, 0, 0, 1, 8 };
	struct gosym_loaded *a = load_vector(test, "go118_amd64"), *now;
	struct gosym_bundle b = { .table = junk, .table_size = sizeof(junk) };

	gosym_install(a);
	KUNIT_EXPECT_EQ(test, PTR_ERR(gosym_loaded_create(&b, "junk")), -EINVAL);
	now = gosym_current_get();
	KUNIT_EXPECT_PTR_EQ(test, now, a);
	gosym_loaded_put(now);
	gosym_install(NULL);
}

static void a_bundle_must_add_up_test(struct kunit *test)
{
	const struct gosym_vector *v = gosym_vector_find("go118_amd64");
	u64 size = v->tab_end - v->tab, fd = 64;
	u8 *blob = kunit_kzalloc(test, GOSYM_BUNDLE_HEADER + size + fd,
				 GFP_KERNEL);
	struct gosym_bundle b;

	KUNIT_ASSERT_NOT_NULL(test, blob);
	memcpy(blob + GOSYM_BUNDLE_HEADER, v->tab, size);
	gosym_bundle_header(blob, size, fd, 0x1000);
	KUNIT_ASSERT_EQ(test, gosym_bundle_parse(blob, GOSYM_BUNDLE_HEADER +
						 size + fd, &b), 0);
	KUNIT_EXPECT_PTR_EQ(test, b.table, (const u8 *)blob + GOSYM_BUNDLE_HEADER);
	KUNIT_EXPECT_EQ(test, b.table_size, size);
	KUNIT_EXPECT_EQ(test, b.funcdata_size, fd);
	KUNIT_EXPECT_EQ(test, b.funcdata_base, 0x1000ULL);
	/* one byte short, or one too many: the sizes no longer add up */
	KUNIT_EXPECT_EQ(test, gosym_bundle_parse(blob, GOSYM_BUNDLE_HEADER +
						 size + fd - 1, &b), -EINVAL);
	KUNIT_EXPECT_EQ(test, gosym_bundle_parse(blob, GOSYM_BUNDLE_HEADER +
						 size + fd + 1, &b), -EINVAL);
	/* a plain table is all table */
	KUNIT_EXPECT_EQ(test, gosym_bundle_parse(v->tab, size, &b), 0);
	KUNIT_EXPECT_NULL(test, b.funcdata);
	KUNIT_EXPECT_EQ(test, b.table_size, size);
}

static void info_says_where_the_table_came_from_test(struct kunit *test)
{
	struct gosym_loaded *a = load_vector(test, "go118_amd64");
	char *buf = kunit_kmalloc(test, 1024, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, free_loaded, a), 0);
	gosym_format_info(a, buf, 1024);
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "version\tgo1.18\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "source\tgo118_amd64\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "endian\tlittle\n"));
	gosym_format_info(NULL, buf, 1024);
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "source\tnone\n"));
}

static struct kunit_case gosym_module_cases[] = {
	KUNIT_CASE_PARAM(addresses_parse_as_hex_with_0x_or_decimal_test,
			 addr_gen_params),
	KUNIT_CASE(no_table_answers_question_marks_test),
	KUNIT_CASE(lines_follow_the_percent_ps_convention_test),
	KUNIT_CASE(readers_finish_on_the_table_they_hold_test),
	KUNIT_CASE(a_bad_table_is_refused_and_changes_nothing_test),
	KUNIT_CASE(a_bundle_must_add_up_test),
	KUNIT_CASE(info_says_where_the_table_came_from_test),
	{}
};

static struct kunit_suite gosym_module_suite = {
	.name = "gosym_module",
	.test_cases = gosym_module_cases,
};

kunit_test_suite(gosym_module_suite);
