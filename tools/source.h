/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GOSYM_SOURCE_H
#define GOSYM_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../module/gosym_core.h"

#define GOSYM_DEBUGFS	"/sys/kernel/debug/gosym"

enum source_kind {
	SOURCE_LIVE,	/* the module, through debugfs */
	SOURCE_ELF,	/* -e FILE */
	SOURCE_RAW,	/* -t FILE */
};

/* Where answers come from: an opened table in memory, or the live module. */
struct source {
	enum source_kind kind;
	const char *path;	/* the file, or the debugfs directory */
	uint64_t text;		/* --text, 0 if not given */
	uint64_t bias;		/* --bias: runtime minus link-time addresses */
	const char *origin;	/* for info: e.g. "elf:.gopclntab" */
	void *map;
	size_t map_len;
	void *index;
	uint8_t *names;
	int text_filled;	/* the header's 0 text start came from the ELF */
	uint64_t table_offset;	/* of the table in the mapped file */
	struct gosym_table table;
};

int source_open(struct source *src);
int source_index_names(struct source *src);
int source_funcdata(struct source *src);
int source_funcdata_quiet(struct source *src);
int source_open_file(struct source *src, const char *path);
int write_table(const struct source *src, int fd, bool bundle);
void source_close(struct source *src);
int read_file_map(const char *path, void **map, size_t *len);

#endif /* GOSYM_SOURCE_H */
