/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GOSYM_OUTPUT_H
#define GOSYM_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../module/gosym_core.h"

extern bool json_output;

/* One look-up answer, from the core or parsed from a live look-up line. */
struct lookup {
	uint64_t addr;
	bool found;
	const char *func;
	uint64_t off, size;
	const char *file;
	long line;
};

void lookup_from_table(const struct gosym_table *t, uint64_t pc,
		       struct lookup *l);
void lookup_from_answer(const struct gosym_table *t, uint64_t pc,
			const struct gosym_func *fn,
			const struct gosym_pos *pos, struct lookup *l);
int lookup_from_line(char *line, struct lookup *l);
void print_lookup_json(const struct lookup *l);
void print_lookup_lines(char *lines);
void print_func(uint64_t entry, uint64_t end, const char *name);
void print_info_text(char *text);
void print_kv_begin(void);
void print_kv(const char *key, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void print_kv_end(void);

#endif /* GOSYM_OUTPUT_H */
