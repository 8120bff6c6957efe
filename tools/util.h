/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GOSYM_UTIL_H
#define GOSYM_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit codes: SPEC.md */
#define EXIT_OK		0
#define EXIT_NOTFOUND	1
#define EXIT_USAGE	2

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

void errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* GOSYM_UTIL_H */
