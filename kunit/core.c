// SPDX-License-Identifier: GPL-2.0
/* The core under test, compiled into the test module unchanged. */
#include "../module/gosym_core.c"
