/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The look-up line and address syntax shared by debugfs, kdb and the CLI
 * (../shared/SPEC.md): "ADDR\tFUNC+0xOFF/0xSIZE\tFILE:LINE".
 */
#ifndef _GOSYM_LINE_H
#define _GOSYM_LINE_H

#include "gosym_core.h"

/* A funcs line: ENTRY<TAB>END<TAB>NAME; a pcs line: START<TAB>END<TAB>NAME. */
#define GOSYM_FUNC_FMT	"0x%llx\t0x%llx\t%s"

/* What starts the line of an inlined frame (SPEC.md). */
#define GOSYM_INLINED	" (inlined) "

/* Room for a look-up line with a long Go name and path. */
#define GOSYM_LINE_MAX	1024

int gosym_parse_addr(const char *s, u64 *addr);
int gosym_parse_file_line(char *s, const char **file, s32 *line);
int gosym_format_lookup(const struct gosym_table *t, u64 pc, char *buf,
			size_t len);
int gosym_format_answer(const struct gosym_table *t, u64 pc,
			const struct gosym_func *fn,
			const struct gosym_pos *pos, char *buf, size_t len);
int gosym_format_lookup_inline(const struct gosym_table *t, u64 pc, char *buf,
			       size_t len);
int gosym_format_table_info(const struct gosym_table *t, char *buf,
			    size_t len);
int gosym_format_range(const struct gosym_table *t,
		       const struct gosym_func *fn, u64 start, u64 end,
		       char *buf, size_t len);
int gosym_format_func(const struct gosym_table *t,
		      const struct gosym_func *fn, char *buf, size_t len);

#endif /* _GOSYM_LINE_H */
