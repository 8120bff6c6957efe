// SPDX-License-Identifier: GPL-2.0
/*
 * Find a Go pclntab in an ELF file: its .gopclntab section, else the bytes
 * between the runtime.pclntab and runtime.epclntab symbols (PIE and
 * external-linker builds keep the table in .data.rel.ro).  ELF32 and ELF64
 * of either byte order; every header field is checked against the image.
 */
#include <string.h>

#include "../module/gosym_core.h"
#include "elf.h"
#include "util.h"

#define EI_CLASS	4
#define EI_DATA		5
#define ELFCLASS32	1
#define ELFCLASS64	2
#define ELFDATA2MSB	2
#define SHT_SYMTAB	2
#define SHT_NOBITS	8

struct elf {
	const uint8_t *img;
	size_t len;
	int is64;
	int big;
	uint64_t shoff;
	unsigned int shentsize, shnum, shstrndx;
};

/* A section header, whichever the class. */
struct shdr {
	uint32_t name, type, link;
	uint64_t addr, offset, size, entsize;
};

static uint64_t get(const struct elf *e, uint64_t off, unsigned int n)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		v |= (uint64_t)e->img[off + (e->big ? n - 1 - i : i)] << (8 * i);
	return v;
}

static int in_image(const struct elf *e, uint64_t off, uint64_t n)
{
	return off <= e->len && n <= e->len - off;
}

int elf_is_elf(const uint8_t *img, size_t len)
{
	return len >= 16 && !memcmp(img, "\177ELF", 4);
}

static int read_shdr(const struct elf *e, unsigned int i, struct shdr *s)
{
	uint64_t o = e->shoff + (uint64_t)i * e->shentsize;

	if (i >= e->shnum || !in_image(e, o, e->shentsize))
		return -1;
	s->name = get(e, o, 4);
	s->type = get(e, o + 4, 4);
	if (e->is64) {
		s->addr = get(e, o + 16, 8);
		s->offset = get(e, o + 24, 8);
		s->size = get(e, o + 32, 8);
		s->link = get(e, o + 40, 4);
		s->entsize = get(e, o + 56, 8);
	} else {
		s->addr = get(e, o + 12, 4);
		s->offset = get(e, o + 16, 4);
		s->size = get(e, o + 20, 4);
		s->link = get(e, o + 24, 4);
		s->entsize = get(e, o + 36, 4);
	}
	return 0;
}

static int open_elf(struct elf *e, const uint8_t *img, size_t len)
{
	struct shdr s0;

	if (!elf_is_elf(img, len))
		return -1;
	e->img = img;
	e->len = len;
	e->is64 = img[EI_CLASS] == ELFCLASS64;
	e->big = img[EI_DATA] == ELFDATA2MSB;
	if (img[EI_CLASS] != ELFCLASS32 && img[EI_CLASS] != ELFCLASS64)
		return -1;
	if (!in_image(e, 0, e->is64 ? 64 : 52))
		return -1;
	e->shoff = get(e, e->is64 ? 40 : 32, e->is64 ? 8 : 4);
	e->shentsize = get(e, e->is64 ? 58 : 46, 2);
	e->shnum = get(e, e->is64 ? 60 : 48, 2);
	e->shstrndx = get(e, e->is64 ? 62 : 50, 2);
	if (!e->shoff || e->shentsize < (e->is64 ? 64U : 40U)) {
		e->shnum = 0;	/* no usable section headers */
		return 0;
	}
	/* more than 0xff00 sections: the real counts are in section 0 */
	if (e->shnum == 0 || e->shstrndx == 0xffff) {
		unsigned int shnum = e->shnum;

		e->shnum = 1;
		if (read_shdr(e, 0, &s0))
			return -1;
		e->shnum = shnum ? shnum : s0.size;
		if (e->shstrndx == 0xffff)
			e->shstrndx = s0.link;
		if (e->shnum != s0.size && !shnum)
			return -1;	/* more sections than an int holds */
	}
	return 0;
}

/* The NUL-terminated string at off in section strtab, or NULL. */
static const char *str_at(const struct elf *e, const struct shdr *strtab,
			  uint64_t off)
{
	uint64_t o = strtab->offset + off;

	if (off >= strtab->size || !in_image(e, strtab->offset, strtab->size))
		return NULL;
	if (!memchr(e->img + o, 0, strtab->size - off))
		return NULL;
	return (const char *)e->img + o;
}

static int find_section(const struct elf *e, const char *name,
			struct shdr *out)
{
	struct shdr names, s;
	const char *n;
	unsigned int i;

	if (read_shdr(e, e->shstrndx, &names))
		return -1;
	for (i = 1; i < e->shnum; i++) {
		if (read_shdr(e, i, &s))
			return -1;
		n = str_at(e, &names, s.name);
		if (n && !strcmp(n, name)) {
			*out = s;
			return 0;
		}
	}
	return -1;
}

/* Value of the named symbol in .symtab. */
static int find_symbol(const struct elf *e, const char *name, uint64_t *val)
{
	struct shdr symtab, strtab;
	unsigned int esz = e->is64 ? 24 : 16;
	const char *n;
	uint64_t i, o;

	if (find_section(e, ".symtab", &symtab) || symtab.type != SHT_SYMTAB ||
	    read_shdr(e, symtab.link, &strtab) ||
	    !in_image(e, symtab.offset, symtab.size))
		return -1;
	for (i = 1; i < symtab.size / esz; i++) {
		o = symtab.offset + i * esz;
		n = str_at(e, &strtab, get(e, o, 4));
		if (!n || strcmp(n, name))
			continue;
		*val = get(e, o + (e->is64 ? 8 : 4), e->is64 ? 8 : 4);
		return 0;
	}
	return -1;
}

/* The allocated section holding address va, with file bytes. */
static int section_at(const struct elf *e, uint64_t va, struct shdr *out)
{
	unsigned int i;

	for (i = 1; i < e->shnum; i++) {
		if (read_shdr(e, i, out))
			return -1;
		if (out->type != SHT_NOBITS && out->addr && va >= out->addr &&
		    va - out->addr < out->size &&
		    in_image(e, out->offset, out->size))
			return 0;
	}
	return -1;
}

/* File offset of virtual address va, through the section holding it. */
static int addr_to_offset(const struct elf *e, uint64_t va, uint64_t len,
			  uint64_t *off)
{
	struct shdr s;

	if (section_at(e, va, &s) || len > s.size - (va - s.addr))
		return -1;
	*off = s.offset + (va - s.addr);
	return 0;
}

static uint64_t text_start(const struct elf *e)
{
	struct shdr text;
	uint64_t v;

	if (!find_symbol(e, "runtime.text", &v))
		return v;
	if (!find_section(e, ".text", &text))
		return text.addr;
	return 0;
}

/*
 * No section headers and no symbols (stripped with sstrip, or a dump):
 * look for a table by its header - a magic, two zero bytes, a quantum and
 * a pointer size, on a 4-byte boundary - and take the first place where
 * the whole table passes the core's checks, as GoReSym does.  The table
 * is taken to run to the end of the file; look-ups stay inside it.
 */
static int scan_pclntab(const struct elf *e, struct elf_pclntab *out)
{
	struct gosym_table t;
	const uint8_t *p;
	uint64_t off;

	for (off = 0; off + 16 <= e->len; off += 4) {
		p = e->img + off;
		if (p[4] || p[5] || (p[6] != 1 && p[6] != 2 && p[6] != 4) ||
		    (p[7] != 4 && p[7] != 8) ||
		    gosym_version_from_magic(p, 4) < 0)
			continue;
		if (gosym_table_open(&t, p, e->len - off, 0) || !t.nfunc)
			continue;
		out->offset = off;
		out->size = e->len - off;
		out->how = "scan";
		return 0;
	}
	return -1;
}

/**
 * elf_find_pclntab() - locate the Go pclntab of an ELF image
 * @img: the whole file
 * @len: its size
 * @out: where the table is, on success
 * @why: on failure, a reason for the user
 *
 * The .gopclntab section, else the runtime.pclntab symbols, else a scan
 * for a valid table header.
 *
 * Return: 0, or -1 with @why set.
 */
int elf_find_pclntab(const uint8_t *img, size_t len, struct elf_pclntab *out,
		     const char **why)
{
	struct elf e;
	struct shdr s;
	uint64_t start, stop;

	if (open_elf(&e, img, len)) {
		*why = "not a valid ELF file";
		return -1;
	}
	out->text_start = text_start(&e);
	if (!find_section(&e, ".gopclntab", &s) && s.type != SHT_NOBITS) {
		if (!in_image(&e, s.offset, s.size)) {
			*why = ".gopclntab section outside the file";
			return -1;
		}
		out->offset = s.offset;
		out->size = s.size;
		out->how = ".gopclntab";
		return 0;
	}
	if (!find_symbol(&e, "runtime.pclntab", &start) &&
	    !find_symbol(&e, "runtime.epclntab", &stop) && stop > start &&
	    !addr_to_offset(&e, start, stop - start, &out->offset)) {
		out->size = stop - start;
		out->how = "runtime.pclntab";
		return 0;
	}
	if (!scan_pclntab(&e, out))
		return 0;
	*why = "no .gopclntab section, no runtime.pclntab symbol, no valid table found by scanning";
	return -1;
}

/* Address of file offset off, through the section holding it, or 0. */
static uint64_t offset_to_addr(const struct elf *e, uint64_t off)
{
	struct shdr s;
	unsigned int i;

	for (i = 1; i < e->shnum; i++) {
		if (read_shdr(e, i, &s))
			return 0;
		if (s.type != SHT_NOBITS && s.addr && off >= s.offset &&
		    off - s.offset < s.size)
			return s.addr + (off - s.offset);
	}
	return 0;
}

/*
 * Try va as the start of the funcdata blob: from va to the end of its
 * section.  Returns the number of inline trees that check out, 0 if it is
 * no blob of this table.
 */
static int try_funcdata(const struct elf *e, const struct gosym_table *t,
			uint64_t va, struct elf_funcdata *out)
{
	struct gosym_table probe = *t;
	struct shdr s;
	int good;

	if (section_at(e, va, &s))
		return 0;
	gosym_funcdata_set(&probe, e->img + s.offset + (va - s.addr),
			   s.size - (va - s.addr), va);
	good = gosym_funcdata_check(&probe, 64);
	if (good <= 0)
		return 0;
	out->offset = s.offset + (va - s.addr);
	out->size = s.size - (va - s.addr);
	out->base = va;
	return good;
}

/*
 * A stripped go1.18+ binary: its moduledata starts with a pointer to the
 * table and holds gofunc a few dozen words on (the index moves between
 * releases), so try every word there that points into a section.
 */
static int scan_moduledata(const struct elf *e, const struct gosym_table *t,
			   uint64_t table_va, struct elf_funcdata *out)
{
	/* Go 1.26 gives it a section of its own */
	static const char *const homes[] = { ".go.module", ".noptrdata",
					     ".data", ".data.rel.ro" };
	unsigned int w = t->ptrsize, h, k;
	struct shdr s;
	uint64_t o;

	for (h = 0; h < ARRAY_SIZE(homes); h++) {
		if (find_section(e, homes[h], &s) ||
		    !in_image(e, s.offset, s.size))
			continue;
		for (o = 0; o + w <= s.size; o += w) {
			if (get(e, s.offset + o, w) != table_va)
				continue;
			for (k = 1; k < 64 && o + (k + 1) * w <= s.size; k++)
				if (try_funcdata(e, t, get(e, s.offset + o + k * w, w),
						 out))
					return 0;
		}
	}
	return -1;
}

/**
 * elf_find_funcdata() - locate the data a table's inline trees live in
 * @img: the whole file
 * @len: its size
 * @t: the file's table, opened from @img + @table_offset
 * @table_offset: where the table is in @img
 * @out: the blob for gosym_funcdata_set(), on success
 *
 * go1.18+: from the go:func.* (go1.20+) or go.func.* symbol to the end of
 * its section, else from the moduledata's gofunc; older tables hold
 * addresses, so the blob is their .rodata.  A candidate counts only if
 * the table's inline trees check out in it.
 *
 * Return: 0, or -1 if the file has no blob that fits.
 */
int elf_find_funcdata(const uint8_t *img, size_t len,
		      const struct gosym_table *t, uint64_t table_offset,
		      struct elf_funcdata *out)
{
	struct elf e;
	struct shdr s;
	uint64_t va;

	if (open_elf(&e, img, len) || !e.shnum)
		return -1;
	if (t->version < GOSYM_GO118)
		return !find_section(&e, ".rodata", &s) &&
		       try_funcdata(&e, t, s.addr, out) ? 0 : -1;
	if ((!find_symbol(&e, "go:func.*", &va) ||
	     !find_symbol(&e, "go.func.*", &va)) &&
	    try_funcdata(&e, t, va, out))
		return 0;
	va = offset_to_addr(&e, table_offset);
	return va ? scan_moduledata(&e, t, va, out) : -1;
}
