// SPDX-License-Identifier: GPL-2.0
/*
 * Reading another process's memory with every CPU stopped (kdb gobt).
 *
 * access_process_vm() takes the mmap lock and may fault pages in: neither is
 * allowed in kdb.  The nofault helpers read through the page tables of the
 * CPU kdb runs on, which are not the target's.  So walk the target mm's page
 * tables by hand, the way perf_get_pgtable_size() does without locks, each
 * entry read with copy_from_kernel_nofault() (the machine is stopped, but a
 * damaged mm must still not oops us), and copy the bytes out of the direct
 * map.  A page that is not present - never touched, swapped out, device
 * memory - is a failed read: the caller stops there and says so.
 */
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/uaccess.h>

#include "gosym.h"

/* Entries of the page tables are read like this: never a fault. */
#define read_entry(val, ptr) \
	(!copy_from_kernel_nofault(&(val), (ptr), sizeof(val)))

/* The direct-map address of @pfn's byte @off, or NULL if it has none. */
static const void *pfn_kaddr(unsigned long pfn, unsigned long off)
{
	struct page *page;

	if (!pfn_valid(pfn))
		return NULL;
	page = pfn_to_page(pfn);
	if (PageHighMem(page))
		return NULL;
	return (const u8 *)page_address(page) + off;
}

/* Byte @addr of a huge page: @pfn its first page, @mask its size's mask */
static const void *huge_kaddr(unsigned long pfn, unsigned long addr,
			      unsigned long mask)
{
	return pfn_kaddr(pfn + ((addr & ~mask) >> PAGE_SHIFT),
			 offset_in_page(addr));
}

/*
 * The kernel address of user address @addr in @mm, valid to the end of its
 * page (at least), or NULL.  Huge pages end the walk at their level.
 */
static const void *user_kaddr(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgdp, pgd;
	p4d_t *p4dp, p4d;
	pud_t *pudp, pud;
	pmd_t *pmdp, pmd;
	pte_t *ptep, pte;

	/* a user page table page in high memory has no direct map */
	if (IS_ENABLED(CONFIG_HIGHPTE))
		return NULL;
	pgdp = pgd_offset(mm, addr);
	if (!read_entry(pgd, pgdp) || pgd_none(pgd) || pgd_bad(pgd))
		return NULL;
	p4dp = p4d_offset_lockless(pgdp, pgd, addr);
	if (!read_entry(p4d, p4dp) || !p4d_present(p4d) || p4d_bad(p4d))
		return NULL;
	pudp = pud_offset_lockless(p4dp, p4d, addr);
	if (!read_entry(pud, pudp) || !pud_present(pud))
		return NULL;
	if (pud_leaf(pud))
		return huge_kaddr(pud_pfn(pud), addr, PUD_MASK);
	pmdp = pmd_offset_lockless(pudp, pud, addr);
	if (!read_entry(pmd, pmdp) || !pmd_present(pmd))
		return NULL;
	if (pmd_leaf(pmd))
		return huge_kaddr(pmd_pfn(pmd), addr, PMD_MASK);
	if (pmd_bad(pmd))
		return NULL;
	ptep = pte_offset_kernel(&pmd, addr);
	if (!read_entry(pte, ptep) || !pte_present(pte))
		return NULL;
	return pfn_kaddr(pte_pfn(pte), offset_in_page(addr));
}

/**
 * gosym_uread_nofault() - copy user memory of any process, from kdb
 * @mm: the process's address space (the machine stopped, so no reference
 *	is taken: kdb cannot sleep to drop one)
 * @addr: user address
 * @buf: where the bytes go
 * @size: how many, across pages if need be
 *
 * Never faults, sleeps or locks, so it is safe with every CPU stopped; it
 * sees only pages present in memory, through the page tables of @mm.
 *
 * Return: 0, or -EFAULT if some byte is not in memory.
 */
int gosym_uread_nofault(struct mm_struct *mm, u64 addr, void *buf,
			size_t size)
{
	u8 *out = buf;

	if (!mm || addr >= TASK_SIZE_MAX || size > TASK_SIZE_MAX - addr)
		return -EFAULT;
	while (size) {
		size_t n = min_t(size_t, size, PAGE_SIZE - offset_in_page(addr));
		const void *src = user_kaddr(mm, addr);

		if (!src || copy_from_kernel_nofault(out, src, n))
			return -EFAULT;
		out += n;
		addr += n;
		size -= n;
	}
	return 0;
}
