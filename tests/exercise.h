/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GOSYM_TEST_EXERCISE_H
#define GOSYM_TEST_EXERCISE_H

#include <stddef.h>
#include <stdint.h>

#include "../module/gosym_core.h"

void exercise_table(struct gosym_table *t, const uint64_t *seeds, size_t n,
		    uint32_t maxfuncs);

#endif /* GOSYM_TEST_EXERCISE_H */
