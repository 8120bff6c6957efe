/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GOSYM_COMMANDS_H
#define GOSYM_COMMANDS_H

#include <stdbool.h>
#include <stdio.h>

#include "source.h"

/* Each returns an exit status (util.h) and gets argv[0] = its own name. */
int cmd_lookup(struct source *src, int argc, char **argv);
int cmd_funcs(struct source *src, int argc, char **argv);
int cmd_func(struct source *src, int argc, char **argv);
int cmd_pcs(struct source *src, int argc, char **argv);
int cmd_info(struct source *src, int argc, char **argv);
int cmd_table(struct source *src, int argc, char **argv);
int cmd_funcdata(struct source *src, int argc, char **argv);
int cmd_load(struct source *src, int argc, char **argv);
int cmd_bt(struct source *src, int argc, char **argv);
int cmd_unwind(struct source *src, int argc, char **argv);
int cmd_bench(struct source *src, int argc, char **argv);

void print_lookup(const struct gosym_table *t, uint64_t pc, bool inl);

/* live.c: the same commands through the module's debugfs files */
int live_lookup(struct source *src, char **addrs, int n, FILE *in, bool inl);
int live_funcs(struct source *src, const char *name);
int live_info(struct source *src);
int live_pcs(struct source *src, const char *file, int32_t line);

#endif /* GOSYM_COMMANDS_H */
