// SPDX-License-Identifier: GPL-2.0

package main

// getg returns the address of the calling goroutine's runtime.g: what
// gosym bt PID G and kdb gobt PID G start from (getg_amd64.s).
func getg() uintptr
