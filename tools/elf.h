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

int elf_is_elf(const uint8_t *img, size_t len);
int elf_find_pclntab(const uint8_t *img, size_t len, struct elf_pclntab *out,
		     const char **why);

#endif /* GOSYM_ELF_H */
