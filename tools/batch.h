/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GOSYM_BATCH_H
#define GOSYM_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../module/gosym_core.h"

/* Most PCs looked up together (2^18): about 19 MB of working memory. */
#define BATCH_MAX	262144U

/* One PC's answer: found says whether fn and pos hold one. */
struct batch_answer {
	struct gosym_func fn;
	struct gosym_pos pos;
	bool found;
};

/* Memory for batches of up to BATCH_MAX PCs. */
struct batch {
	uint64_t *pcs;
	uint64_t *keys, *tmp;	/* for the sort */
	struct batch_answer *answers;
	size_t n;
	size_t cap;		/* room in pcs (addr_reader_fill) */
};

int batch_alloc(struct batch *b);
void batch_free(struct batch *b);
void batch_lookup(const struct gosym_table *t, struct batch *b);

/* Whitespace-separated addresses from a file descriptor, in batches. */
struct addr_reader {
	int fd;
	bool eof;
	size_t start, len;	/* unread text in buf */
	char buf[1 << 16];
};

void addr_reader_init(struct addr_reader *r, int fd);
int addr_reader_fill(struct addr_reader *r, struct batch *b);

#endif /* GOSYM_BATCH_H */
