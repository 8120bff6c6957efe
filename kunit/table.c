// SPDX-License-Identifier: GPL-2.0
/* The module's table handling under test, compiled in unchanged. */
#include "../module/table.c"
