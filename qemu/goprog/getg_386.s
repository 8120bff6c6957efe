// SPDX-License-Identifier: GPL-2.0

#include "textflag.h"

// func getg() uintptr: the runtime keeps g in thread-local storage
TEXT ·getg(SB), NOSPLIT, $0-4
	MOVL	(TLS), AX
	MOVL	AX, ret+0(FP)
	RET
