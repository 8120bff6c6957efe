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
	src->table_offset = where.offset;
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
	struct gosym_bundle b;

	if (src->kind == SOURCE_LIVE) {
		src->origin = "live";
		return 0;
	}
	if (read_file_map(src->path, &src->map, &src->map_len))
		return -1;
	if (src->kind == SOURCE_ELF)
		return open_elf_source(src);
	src->origin = "raw";
	if (gosym_bundle_parse(src->map, src->map_len, &b)) {
		errorf("%s: bad bundle: its sizes do not add up", src->path);
		return -1;
	}
	if (open_table(src, b.table, b.table_size, 0))
		return -1;
	if (b.funcdata) {
		src->origin = "bundle";
		gosym_funcdata_set(&src->table, b.funcdata, b.funcdata_size,
				   b.funcdata_base);
	}
	if (src->table.version >= GOSYM_GO118 && !src->table.text_start)
		errorf("note: %s has no text start (Go 1.26+): give --text ADDR",
		       src->path);
	return 0;
}

/**
 * source_funcdata_quiet() - find where the table's inline trees live
 * @src: an opened local source
 *
 * An ELF file has them outside the pclntab, a bundle next to it; without
 * them look-ups show no inlined frames.
 *
 * Return: 0 if found, -1 if not.
 */
int source_funcdata_quiet(struct source *src)
{
	struct elf_funcdata fd;

	if (src->table.fd_data)
		return 0;
	if (src->kind != SOURCE_ELF ||
	    elf_find_funcdata(src->map, src->map_len, &src->table,
			      src->table_offset, &fd))
		return -1;
	gosym_funcdata_set(&src->table, (uint8_t *)src->map + fd.offset,
			   fd.size, fd.base);
	return 0;
}

/**
 * source_funcdata() - source_funcdata_quiet(), with a note if none is found
 * @src: an opened local source
 *
 * Return: 0 if found, -1 if not.
 */
int source_funcdata(struct source *src)
{
	if (!source_funcdata_quiet(src))
		return 0;
	errorf("note: %s: no inline trees found: no inlined frames", src->path);
	return -1;
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

/**
 * write_table() - write the opened table, alone or as a bundle, in one write
 * @src: an opened local source
 * @fd: where to
 * @bundle: with the funcdata of its inline trees (gosym_bundle_header()),
 *	if source_funcdata() found it; else the table alone
 *
 * A go1.18+ table whose header records no text start (Go 1.26) gets the
 * one the ELF file gave, so that it stands alone; a note says so.
 *
 * Return: 0, or -1 with errno set.
 */
int write_table(const struct source *src, int fd, bool bundle)
{
	const struct gosym_table *t = &src->table;
	uint64_t v = t->text_start, hdr, len;
	unsigned int i, at = 8 + 2 * t->ptrsize;
	const uint8_t *bytes = t->data;
	uint8_t *copy = NULL;
	ssize_t n;

	bundle = bundle && t->fd_data;
	hdr = bundle ? GOSYM_BUNDLE_HEADER : 0;
	len = hdr + t->size + (bundle ? t->fd_size : 0);
	if (src->text_filled || bundle) {
		copy = malloc(len);
		if (!copy) {
			errorf("out of memory for a copy of the table");
			errno = ENOMEM;
			return -1;
		}
		if (bundle) {
			gosym_bundle_header(copy, t->size, t->fd_size, t->fd_base);
			memcpy(copy + hdr + t->size, t->fd_data, t->fd_size);
		}
		memcpy(copy + hdr, t->data, t->size);
		bytes = copy;
	}
	if (src->text_filled) {
		for (i = 0; i < t->ptrsize; i++)
			copy[hdr + at + (t->big_endian ? t->ptrsize - 1 - i : i)] =
				v >> (8 * i);
		errorf("note: filled in the text start 0x%llx the table header lacks",
		       (unsigned long long)v);
	}
	n = write(fd, bytes, len);
	free(copy);
	if (n < 0)
		return -1;
	if ((uint64_t)n != len) {
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
