// SPDX-License-Identifier: GPL-2.0
/* The look-up line formatter under test, compiled in unchanged. */
#include "../module/gosym_line.c"
