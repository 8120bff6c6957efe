/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GOSYM_ELF_H
#define GOSYM_ELF_H

#include <stddef.h>
#include <stdint.h>

/* Where a Go pclntab lies in an ELF image held in memory. */
struct elf_pclntab {
	uint64_t offset;	/* of the table in the image */
	uint64_t size;
	uint64_t text_start;	/* runtime.text, else .text's address, else 0 */
	const char *how;	/* ".gopclntab" or "runtime.pclntab" */
};

/* Where a table's funcdata (inline trees) lies in the image. */
struct elf_funcdata {
	uint64_t offset;
	uint64_t size;
	uint64_t base;		/* the address of its first byte */
};

struct gosym_table;

int elf_is_elf(const uint8_t *img, size_t len);
int elf_find_funcdata(const uint8_t *img, size_t len,
		      const struct gosym_table *t, uint64_t table_offset,
		      struct elf_funcdata *out);
int elf_find_pclntab(const uint8_t *img, size_t len, struct elf_pclntab *out,
		     const char **why);

#endif /* GOSYM_ELF_H */
