// SPDX-License-Identifier: GPL-2.0

//go:build amd64 || arm64 || 386 || arm || mips || mipsle || ppc64 || ppc64le || riscv64 || s390x

package main

// getg returns the address of the calling goroutine's runtime.g: what
// gosym bt PID G and kdb gobt PID G start from (getg_$GOARCH.s).
func getg() uintptr
