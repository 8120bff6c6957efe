// SPDX-License-Identifier: GPL-2.0
//
// gosym-truth is the Go program whose pclntab the test kernel embeds in its
// .gopclntab section.  It runs inside the guest and reports, from Go's own
// runtime, what its PCs mean: the ground truth the end-to-end tests compare
// the module against.  It links enough of the standard library to be
// real-sized (thousands of functions), not a toy.
//
// Usage:
//
//	gosym-truth pcs [N]     up to N PCs of its own text, one line each:
//	                        PC<TAB>FUNC<TAB>ENTRY<TAB>FILE:LINE
//	                        FUNC is the physical function ("-" where the
//	                        runtime names only an inlined one), ENTRY its
//	                        entry, FILE:LINE the innermost position
//	gosym-truth frames      PCs from runtime.Callers, each followed by its
//	                        CallersFrames expansion, innermost first:
//	                        PC<TAB>FRAME<TAB>FUNC<TAB>FILE:LINE
//	gosym-truth spin        loop forever (a running Go program for kdb)
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"crypto/tls"
	"debug/elf"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"reflect"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"text/template"
	"time"
)

// keep references the library code so the linker keeps it.
var keep = []interface{}{
	http.ListenAndServe, tls.Dial, template.New, regexp.MustCompile,
	json.Marshal, gzip.NewWriter, sha256.Sum256, sort.Strings,
}

// textRange is the running program's text: .text from its ELF file,
// moved by the load bias when it is position-independent (the bias is the
// difference between this function's runtime and link-time addresses).
func textRange() (uint64, uint64, error) {
	f, err := elf.Open("/proc/self/exe")
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	s := f.Section(".text")
	if s == nil {
		return 0, 0, fmt.Errorf("no .text section")
	}
	var bias uint64
	if syms, err := f.Symbols(); err == nil {
		for _, sym := range syms {
			if sym.Name == "main.textRange" {
				bias = uint64(reflect.ValueOf(textRange).Pointer()) - sym.Value
				break
			}
		}
	}
	return s.Addr + bias, s.Addr + s.Size + bias, nil
}

// printPC writes one truth line for pc: the physical function's name and
// entry, and the innermost source position.  CallersFrames takes return
// addresses and looks up the byte before them, so it is given pc+1 (a
// function's last byte, where pc+1 is the next function, is skipped).  Go
// 1.19 expands no inlined frames for a bare PC: its one frame is the
// innermost function, whose Func is nil when that is an inlined call; the
// name is then printed as "-" (the entry is still the physical one's), as
// it is where the runtime has none (the table's first function).  Where
// the runtime has no position it reports "?:0".
func printPC(w *bytes.Buffer, pc uintptr) {
	fn := runtime.FuncForPC(pc)
	if fn == nil || runtime.FuncForPC(pc+1) == nil ||
		runtime.FuncForPC(pc+1).Entry() != fn.Entry() {
		return
	}
	frame, _ := runtime.CallersFrames([]uintptr{pc + 1}).Next()
	name := frame.Function
	if frame.Func == nil || name == "" {
		name = "-"
	}
	fmt.Fprintf(w, "%#x\t%s\t%#x\t%s:%d\n", pc, name, fn.Entry(),
		frame.File, frame.Line)
}

func cmdPCs(n int) error {
	lo, hi, err := textRange()
	if err != nil {
		return err
	}
	var w bytes.Buffer
	stride := (hi - lo) / uint64(n)
	if stride == 0 {
		stride = 1
	}
	// An odd stride reaches entries, interiors and odd offsets alike.
	stride |= 1
	for pc := lo; pc < hi; pc += stride {
		printPC(&w, uintptr(pc))
	}
	os.Stdout.Write(w.Bytes())
	return nil
}

//go:noinline
func leaf(w *bytes.Buffer) {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(1, pcs)
	for _, pc := range pcs[:n] {
		frames := runtime.CallersFrames([]uintptr{pc})
		for {
			f, more := frames.Next()
			fmt.Fprintf(w, "%#x\tframe\t%s\t%s:%d\n", pc, f.Function, f.File, f.Line)
			if !more {
				break
			}
		}
	}
}

func inlinedStep(w *bytes.Buffer) { leaf(w) }

//go:noinline
func middle(w *bytes.Buffer, depth int) {
	if depth == 0 {
		inlinedStep(w)
		return
	}
	middle(w, depth-1)
}

func cmdFrames() {
	var w bytes.Buffer
	middle(&w, 3)
	os.Stdout.Write(w.Bytes())
}

func spin() {
	x := 0
	for {
		x++
		if x%100000000 == 0 {
			time.Sleep(time.Millisecond)
		}
	}
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: gosym-truth pcs [N] | frames | spin")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "pcs":
		n := 20000
		if len(os.Args) > 2 {
			v, err := strconv.Atoi(os.Args[2])
			if err != nil || v <= 0 {
				fmt.Fprintln(os.Stderr, "gosym-truth: bad count")
				os.Exit(2)
			}
			n = v
		}
		if err := cmdPCs(n); err != nil {
			fmt.Fprintln(os.Stderr, "gosym-truth:", err)
			os.Exit(1)
		}
	case "frames":
		cmdFrames()
	case "spin":
		spin()
	case "keep":
		fmt.Println(len(keep))
	default:
		fmt.Fprintln(os.Stderr, "gosym-truth: unknown command")
		os.Exit(2)
	}
}
