/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few types and error numbers the freestanding core needs, from the
 * kernel when built into gosym.ko and from the C library headers (types
 * only; the core calls no library function) when built into the CLI.
 */
#ifndef _GOSYM_TYPES_H
#define _GOSYM_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/compiler.h>
#include <linux/kernel.h>	/* ARRAY_SIZE */
#else
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>

typedef __UINT8_TYPE__ u8;
typedef __UINT16_TYPE__ u16;
typedef __UINT32_TYPE__ u32;
typedef __UINT64_TYPE__ u64;
typedef __INT32_TYPE__ s32;
typedef __INT64_TYPE__ s64;

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif
#endif

#endif /* _GOSYM_TYPES_H */
