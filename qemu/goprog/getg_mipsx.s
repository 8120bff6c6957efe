// SPDX-License-Identifier: GPL-2.0

//go:build mips || mipsle

#include "textflag.h"

// func getg() uintptr: the runtime keeps g in R30 ("g")
TEXT ·getg(SB), NOSPLIT, $0-4
	MOVW	g, R1
	MOVW	R1, ret+0(FP)
	RET
