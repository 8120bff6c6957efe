// SPDX-License-Identifier: GPL-2.0
/* kdb gobt's page-table reader under test, compiled in unchanged. */
#include "../module/uread.c"
