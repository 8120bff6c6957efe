// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for kdb gobt's reader of another process's memory:
 *
 * gosym_uread: gosym_uread_nofault() walks an mm's page tables by hand and
 * must read what the process wrote, across pages, and refuse - never
 * fault - where nothing is in memory: a page mapped but never touched, an
 * address not mapped, a kernel address, a range that wraps.  The test's
 * own mm (kunit_vm_mmap() attaches one) stands in for the stopped task's.
 */
#include <kunit/test.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/uaccess.h>

#include "gosym.h"

/* Two fresh pages of the test's mm, or the test is skipped. */
static unsigned long user_pages(struct kunit *test)
{
	unsigned long addr = kunit_vm_mmap(test, NULL, 0, 2 * PAGE_SIZE,
					   PROT_READ | PROT_WRITE,
					   MAP_ANONYMOUS | MAP_PRIVATE, 0);

	if (IS_ERR_VALUE(addr) || !addr)
		kunit_skip(test, "no user memory for the test (%ld)", (long)addr);
	return addr;
}

static void reads_what_the_process_wrote_across_pages_test(struct kunit *test)
{
	unsigned long addr = user_pages(test);
	u8 want[64], got[64];
	int i;

	for (i = 0; i < sizeof(want); i++)
		want[i] = i * 7 + 1;
	/* 32 bytes at the end of the first page, 32 at the start of the next */
	KUNIT_ASSERT_EQ(test, copy_to_user((void __user *)(addr + PAGE_SIZE - 32),
					   want, sizeof(want)), 0);
	memset(got, 0, sizeof(got));
	KUNIT_EXPECT_EQ(test, gosym_uread_nofault(current->mm,
						  addr + PAGE_SIZE - 32, got,
						  sizeof(got)), 0);
	KUNIT_EXPECT_MEMEQ(test, got, want, sizeof(want));
}

static void an_untouched_page_is_refused_test(struct kunit *test)
{
	unsigned long addr = user_pages(test);
	u64 v = 0x5a5a;

	/* touch the first page only: the second has no page behind it yet */
	KUNIT_ASSERT_EQ(test, put_user(v, (u64 __user *)addr), 0);
	KUNIT_EXPECT_EQ(test, gosym_uread_nofault(current->mm, addr, &v, 8), 0);
	KUNIT_EXPECT_EQ(test, v, 0x5a5a);
	KUNIT_EXPECT_EQ(test, gosym_uread_nofault(current->mm, addr + PAGE_SIZE,
						  &v, 8), -EFAULT);
	/* and a read that runs into it fails as a whole */
	KUNIT_EXPECT_EQ(test, gosym_uread_nofault(current->mm,
						  addr + PAGE_SIZE - 4, &v, 8),
			-EFAULT);
}

static void what_is_not_user_memory_is_refused_test(struct kunit *test)
{
	unsigned long addr = user_pages(test);
	static u64 kernel_word = 1;
	u64 v;

	KUNIT_EXPECT_EQ(test, gosym_uread_nofault(NULL, addr, &v, 8), -EFAULT);
	KUNIT_EXPECT_EQ(test, gosym_uread_nofault(current->mm,
						  (unsigned long)&kernel_word,
						  &v, 8), -EFAULT);
	KUNIT_EXPECT_EQ(test, gosym_uread_nofault(current->mm, ~0ULL - 3, &v,
						  8), -EFAULT);
	/* nothing is mapped in the first page of any process */
	KUNIT_EXPECT_EQ(test, gosym_uread_nofault(current->mm, 0, &v, 8),
			-EFAULT);
}

static struct kunit_case gosym_uread_cases[] = {
	KUNIT_CASE(reads_what_the_process_wrote_across_pages_test),
	KUNIT_CASE(an_untouched_page_is_refused_test),
	KUNIT_CASE(what_is_not_user_memory_is_refused_test),
	{}
};

static struct kunit_suite gosym_uread_suite = {
	.name = "gosym_uread",
	.test_cases = gosym_uread_cases,
};

kunit_test_suite(gosym_uread_suite);
