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
#else
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif

#endif /* _GOSYM_TYPES_H */
