// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>

#include "../module/gosym_line.h"
#include "util.h"

/* An error for the user: "gosym: ..." on stderr. */
void errorf(const char *fmt, ...)
{
	va_list ap;

	fputs("gosym: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/**
 * next_addr() - the next whitespace-separated address on a stream
 * @in: the stream
 * @word: room for the address text, kept for the caller
 * @cap: size of @word
 * @pc: the address
 *
 * Return: 1 with an address, 0 at the end, -1 after printing a bad one.
 */
int next_addr(FILE *in, char *word, size_t cap, uint64_t *pc)
{
	size_t n = 0;
	int c;

	while ((c = getc(in)) != EOF && isspace(c))
		;
	for (; c != EOF && !isspace(c); c = getc(in)) {
		if (n == cap - 1) {
			word[n] = 0;
			errorf("bad address '%s...'", word);
			return -1;
		}
		word[n++] = c;
	}
	word[n] = 0;
	if (!n)
		return 0;
	if (gosym_parse_addr(word, pc)) {
		errorf("bad address '%s'", word);
		return -1;
	}
	return 1;
}
