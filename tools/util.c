// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>

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
