// SPDX-License-Identifier: GPL-2.0

#include "textflag.h"

// func getg() uintptr: the running goroutine's runtime.g, from thread-local
// storage, where the amd64 runtime keeps it.
TEXT ·getg(SB), NOSPLIT, $0-8
	MOVQ (TLS), AX
	MOVQ AX, ret+0(FP)
	RET
