// SPDX-License-Identifier: GPL-2.0

#include "textflag.h"

// func getg() uintptr: the running goroutine's runtime.g, which the arm64
// runtime keeps in register R28 ("g" to the assembler).
TEXT ·getg(SB), NOSPLIT, $0-8
	MOVD g, R0
	MOVD R0, ret+0(FP)
	RET
