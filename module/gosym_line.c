// SPDX-License-Identifier: GPL-2.0
/*
 * Addresses in and look-up lines out, one implementation for the module's
 * debugfs files, its kdb commands and the CLI, so all three agree to the
 * byte.  Only snprintf() is needed, which the kernel and libc share.
 */
#ifdef __KERNEL__
#include <linux/kernel.h>
#else
#include <stdio.h>
#endif
#include "gosym_line.h"

/**
 * gosym_parse_addr() - parse an address: hex with "0x", or decimal
 * @s: NUL-terminated text, nothing else around it
 * @addr: the value, on success
 *
 * Unlike kstrtou64(s, 0) a leading 0 does not mean octal: "010" is ten.
 *
 * Return: 0, or -EINVAL for anything else, including overflow.
 */
int gosym_parse_addr(const char *s, u64 *addr)
{
	unsigned int base = 10, digit;
	u64 v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digit = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			digit = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			digit = *s - 'A' + 10;
		else
			return -EINVAL;
		if (v > (~0ULL - digit) / base)
			return -EINVAL;
		v = v * base + digit;
	}
	*addr = v;
	return 0;
}

/**
 * gosym_format_lookup() - the look-up line of a PC, without a newline
 * @t: an opened and indexed table, or NULL for "no table"
 * @pc: the address, as the running program sees it (@t->bias is taken off
 *	before the look-up)
 * @buf: where the line goes, NUL-terminated, cut at @len - 1 bytes
 * @len: size of @buf
 *
 * Return: what snprintf() returns: the length of the whole line.
 */
int gosym_format_lookup(const struct gosym_table *t, u64 pc, char *buf,
			size_t len)
{
	struct gosym_func fn;
	struct gosym_pos pos;

	if (!t || gosym_func_by_pc(t, pc - t->bias, &fn))
		return snprintf(buf, len, "0x%llx\t?\t?:0",
				(unsigned long long)pc);
	gosym_pc_pos(t, &fn, pc - t->bias, &pos);
	return snprintf(buf, len, "0x%llx\t%s+0x%llx/0x%llx\t%s:%d",
			(unsigned long long)pc, gosym_func_name(t, &fn),
			(unsigned long long)(pc - t->bias - fn.entry),
			(unsigned long long)(fn.end - fn.entry),
			pos.file, pos.line);
}

/**
 * gosym_format_func() - the funcs line of a function, without a newline
 * @t: the function's table; its bias is added to the addresses
 * @fn: the function
 * @buf: where the line goes, NUL-terminated, cut at @len - 1 bytes
 * @len: size of @buf
 *
 * Return: what snprintf() returns: the length of the whole line.
 */
int gosym_format_func(const struct gosym_table *t,
		      const struct gosym_func *fn, char *buf, size_t len)
{
	return snprintf(buf, len, GOSYM_FUNC_FMT,
			(unsigned long long)(fn->entry + t->bias),
			(unsigned long long)(fn->end + t->bias),
			gosym_func_name(t, fn));
}

/**
 * gosym_format_table_info() - the info lines every table has (SPEC.md)
 * @t: an opened table
 * @buf: where the lines go, NUL-terminated, cut at @len - 1 bytes
 * @len: size of @buf
 *
 * magic, version, ptrsize, quantum, endian, funcs, files, textstart and
 * size, one KEY<TAB>VALUE line each; the module and the CLI add their own.
 *
 * Return: what snprintf() returns: the length of all the lines.
 */
int gosym_format_table_info(const struct gosym_table *t, char *buf,
			    size_t len)
{
	return snprintf(buf, len,
			"magic\t0x%08x\nversion\t%s\nptrsize\t%u\nquantum\t%u\n"
			"endian\t%s\nfuncs\t%u\nfiles\t%u\ntextstart\t0x%llx\n"
			"size\t%llu\n",
			t->magic, gosym_version_name(t->version), t->ptrsize,
			t->quantum, t->big_endian ? "big" : "little", t->nfunc,
			t->nfiles, (unsigned long long)(t->version >= GOSYM_GO118 ?
							t->text_start : t->pc_lo),
			(unsigned long long)t->size);
}
