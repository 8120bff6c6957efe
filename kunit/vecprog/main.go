// SPDX-License-Identifier: GPL-2.0
//
// vecprog is a small Go program whose cross-built tables are the KUnit
// suites' vectors: the Go runtime plus a few functions of its own, with an
// inlined call, a closure and a method.
package main

import (
	"fmt"
	"os"
)

type point struct{ x, y int }

func (p point) add(q point) point { return point{p.x + q.x, p.y + q.y} }

func twice(f func(int) int, v int) int { return f(f(v)) }

//go:noinline
func work(n int) int {
	p := point{n, n * 2}.add(point{1, 2})
	return twice(func(v int) int { return v + p.x }, p.y)
}

func main() {
	fmt.Fprintln(os.Stdout, work(len(os.Args)))
}
