// SPDX-License-Identifier: GPL-2.0
/*
 * Table sources for the CLI: an ELF file (-e), a raw table (-t), each mapped
 * read-only and read in place by the core, or the live module (no table in
 * this process; commands talk to debugfs).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elf.h"
#include "source.h"
#include "util.h"

/**
 * read_file_map() - map a whole file read-only
 * @path: the file
 * @map: the mapping (NULL for an empty file)
 * @len: its length
 *
 * Return: 0, or -1 after printing why.
 */
int read_file_map(const char *path, void **map, size_t *len)
{
	struct stat st;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		errorf("%s: %s", path, strerror(errno));
		goto err_close;
	}
	if (!S_ISREG(st.st_mode)) {
		errorf("%s: not a regular file", path);
		goto err_close;
	}
	*len = st.st_size;
	*map = NULL;
	if (*len) {
		*map = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0);
		if (*map == MAP_FAILED) {
			errorf("%s: %s", path, strerror(errno));
			goto err_close;
		}
	}
	close(fd);
	return 0;

err_close:
	if (fd >= 0)
		close(fd);
	return -1;
}

/*
 * Open and index the table at data, size bytes.  A go1.18+ table is read
 * relative to the text start its header records unless --text says
 * otherwise; where the header says 0 (Go 1.26 does), elf_text stands in.
 */
static int open_table(struct source *src, const uint8_t *data, uint64_t size,
		      uint64_t elf_text)
{
	struct gosym_table *t = &src->table;
	uint64_t bytes;

	if (gosym_table_open(t, data, size, src->text)) {
		errorf("%s: bad pclntab: %s", src->path, t->error);
		return -1;
	}
	if (t->version >= GOSYM_GO118 && !t->text_start && elf_text) {
		if (gosym_table_open(t, data, size, elf_text)) {
			errorf("%s: bad pclntab: %s", src->path, t->error);
			return -1;
		}
		src->text_filled = 1;
	}
	t->bias = src->bias;
	bytes = gosym_index_bytes(t);
	src->index = malloc(bytes ? bytes : 1);
	if (!src->index) {
		errorf("out of memory for the index (%llu bytes)",
		       (unsigned long long)bytes);
		return -1;
	}
	gosym_index_build(t, src->index);
	return 0;
}

static int open_elf_source(struct source *src)
{
	struct elf_pclntab where;
	const char *why;

	if (!elf_is_elf(src->map, src->map_len)) {
		errorf("%s: not an ELF file (use -t for a raw table)", src->path);
		return -1;
	}
	if (elf_find_pclntab(src->map, src->map_len, &where, &why)) {
		errorf("%s: %s", src->path, why);
		return -1;
	}
	src->origin = !strcmp(where.how, ".gopclntab") ? "elf:.gopclntab" :
		      !strcmp(where.how, "scan") ? "elf:scan" : "elf:runtime.pclntab";
	return open_table(src, (uint8_t *)src->map + where.offset, where.size,
			  where.text_start);
}

/**
 * source_open() - open the table a command reads
 * @src: kind, path and text filled in by the caller
 *
 * Return: 0, or -1 after printing why.
 */
int source_open(struct source *src)
{
	if (src->kind == SOURCE_LIVE) {
		src->origin = "live";
		return 0;
	}
	if (read_file_map(src->path, &src->map, &src->map_len))
		return -1;
	if (src->kind == SOURCE_ELF)
		return open_elf_source(src);
	src->origin = "raw";
	if (open_table(src, src->map, src->map_len, 0))
		return -1;
	if (src->table.version >= GOSYM_GO118 && !src->table.text_start)
		errorf("note: %s has no text start (Go 1.26+): give --text ADDR",
		       src->path);
	return 0;
}

/**
 * source_index_names() - index function names for name look-ups
 * @src: an opened local source
 *
 * Return: 0, or -1 after printing why.
 */
int source_index_names(struct source *src)
{
	src->names = malloc(gosym_names_bytes(&src->table) + 1);
	if (!src->names) {
		errorf("out of memory for the name index");
		return -1;
	}
	gosym_names_build(&src->table, src->names);
	return 0;
}

/**
 * source_open_file() - open a file as an ELF file or, if not one, a raw table
 * @src: the source to fill in
 * @path: the file
 *
 * Return: 0, or -1 after printing why.
 */
int source_open_file(struct source *src, const char *path)
{
	uint8_t magic[4] = { 0 };
	FILE *f = fopen(path, "rb");

	if (f) {
		if (fread(magic, 1, sizeof(magic), f) != sizeof(magic))
			magic[0] = 0;
		fclose(f);
	}
	*src = (struct source){ .path = path,
				.kind = elf_is_elf(magic, 16) ? SOURCE_ELF : SOURCE_RAW };
	return source_open(src);
}

/*
 * Write the table, whole, in one write(2).  A go1.18+ table whose header
 * records no text start (Go 1.26 writes 0) gets the one the ELF file gave,
 * so that it stands on its own: as a raw table, in the module, embedded.
 */
int write_table(const struct source *src, int fd)
{
	const struct gosym_table *t = &src->table;
	const uint8_t *bytes = t->data;
	uint8_t *copy = NULL;
	uint64_t v = t->text_start;
	ssize_t n;
	unsigned int i, at = 8 + 2 * t->ptrsize;

	if (src->text_filled) {
		copy = malloc(t->size);
		if (!copy) {
			errorf("out of memory for a copy of the table");
			return -1;
		}
		memcpy(copy, t->data, t->size);
		for (i = 0; i < t->ptrsize; i++)
			copy[at + (t->big_endian ? t->ptrsize - 1 - i : i)] = v >> (8 * i);
		bytes = copy;
		errorf("note: filled in the text start 0x%llx the table header lacks",
		       (unsigned long long)v);
	}
	n = write(fd, bytes, t->size);
	free(copy);
	if (n < 0)
		return -1;
	if ((uint64_t)n != t->size) {
		errno = EIO;
		return -1;
	}
	return 0;
}

/**
 * source_close() - release what source_open() took
 * @src: the source
 */
void source_close(struct source *src)
{
	free(src->index);
	free(src->names);
	src->index = NULL;
	src->names = NULL;
	if (src->map)
		munmap(src->map, src->map_len);
	src->map = NULL;
}
