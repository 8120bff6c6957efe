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
//	                        PC<TAB>FUNC<TAB>ENTRY<TAB>FILE:LINE<TAB>INNER
//	                        FUNC is the physical function ("-" where the
//	                        runtime names only an inlined one), ENTRY its
//	                        entry, FILE:LINE the innermost position, INNER
//	                        the innermost function, inlined or not
//	gosym-truth frames      the stacks of a few call chains with inlined
//	                        calls, from runtime.Callers, a frame a line:
//	                        PC<TAB>frame<TAB>FUNC<TAB>FILE:LINE<TAB>KIND
//	                        KIND "inlined", or "call" for the physical
//	                        frame that ends each PC's group (its PC the
//	                        group's first: the real return address)
//	gosym-truth park        park a goroutine in a blocking read(2) at the end
//	                        of a call chain (an inlined call, a method
//	                        value) and another in a channel receive at the
//	                        end of a second, print runtime.Stack of all
//	                        goroutines, "GOSYM-G 0xADDR" (the second's
//	                        runtime.g; amd64 only) and GOSYM-PARKED, then
//	                        wait forever (park spin: loop forever, so that
//	                        a CPU is in its code when the guest stops)
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
	"syscall"
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
	name, inner := frame.Function, frame.Function
	if frame.Func == nil || name == "" {
		name = "-"
	}
	if inner == "" {
		inner = "-"
	}
	fmt.Fprintf(w, "%#x\t%s\t%#x\t%s:%d\t%s\n", pc, name, fn.Entry(),
		frame.File, frame.Line, inner)
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

// leaf records the stack it is called on.  Go 1.19's runtime.Callers
// gives one PC per frame, inlined ones included: a group per physical
// frame, whose first PC is the return address and whose others stand for
// the inlined calls (each a parent PC + 1).  Each is printed with its
// CallersFrames frame; the group's last, physical one says "call".
//
//go:noinline
func leaf(w *bytes.Buffer) {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(1, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for _, pc := range pcs[:n] {
		f, _ := frames.Next()
		kind := "inlined"
		if f.Func != nil {
			kind = "call"
		}
		fmt.Fprintf(w, "%#x\tframe\t%s\t%s:%d\t%s\n", pc, f.Function, f.File,
			f.Line, kind)
	}
	fmt.Fprintln(w)
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

// Three levels inlined into one physical function.
func inlC(w *bytes.Buffer) { leaf(w) }
func inlB(w *bytes.Buffer) { inlC(w) }
func inlA(w *bytes.Buffer) { inlB(w) }

//go:noinline
func deep(w *bytes.Buffer) { inlA(w) }

// A method value, whose call goes through the compiler's -fm wrapper.
type walker struct{ w *bytes.Buffer }

//go:noinline
func (k walker) step() { inlA(k.w) }

//go:noinline
func viaMethodValue(w *bytes.Buffer) {
	f := walker{w}.step
	f()
}

// Standard library code inlined into ours, and ours into a closure.
//
//go:noinline
func viaClosure(w *bytes.Buffer) {
	sort.Slice([]int{2, 1}, func(i, j int) bool {
		if i == 1 && j == 0 {
			inlB(w)
		}
		return i < j
	})
}

func cmdFrames() {
	var w bytes.Buffer
	middle(&w, 3)
	deep(&w)
	viaMethodValue(&w)
	viaClosure(&w)
	os.Stdout.Write(w.Bytes())
}

// A chain of calls ending in a system call that blocks, so that the
// goroutine's thread sits in the kernel with its user registers saved:
// what gosym bt unwinds.
type parker struct{ fd int }

//go:noinline
func (p parker) e(buf []byte) { syscall.Read(p.fd, buf) }

func (p parker) d(buf []byte) { p.e(buf) } // inlined into c

//go:noinline
func (p parker) c(buf []byte) { p.d(buf) }

//go:noinline
func parkB(p parker, buf []byte) {
	f := p.c // a method value
	f(buf)
}

//go:noinline
func parkA(p parker) { parkB(p, make([]byte, 8)) }

// The same shape of chain, ending in a channel receive: the goroutine waits
// in the scheduler, on no thread, and is found by its runtime.g.
type waiter struct {
	ch chan int
	g  chan uintptr
}

//go:noinline
func (w waiter) e() {
	w.g <- getg()
	<-w.ch
}

func (w waiter) d() { w.e() } // inlined into c

//go:noinline
func (w waiter) c() { w.d() }

//go:noinline
func waitB(w waiter) {
	f := w.c // a method value
	f()
}

//go:noinline
func waitA(w waiter) { waitB(w) }

func cmdPark(spinning bool) {
	var fds [2]int
	if err := syscall.Pipe(fds[:]); err != nil {
		fmt.Fprintln(os.Stderr, "gosym-truth:", err)
		os.Exit(1)
	}
	go parkA(parker{fds[0]})
	w := waiter{make(chan int), make(chan uintptr)}
	go waitA(w)
	g := <-w.g
	time.Sleep(500 * time.Millisecond)
	buf := make([]byte, 1<<20)
	os.Stdout.Write(buf[:runtime.Stack(buf, true)])
	fmt.Printf("GOSYM-G %#x\n", g)
	fmt.Println("GOSYM-PARKED")
	if spinning {
		spin()
	}
	select {}
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
		fmt.Fprintln(os.Stderr, "usage: gosym-truth pcs [N] | frames | park [spin] | spin")
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
	case "park":
		cmdPark(len(os.Args) > 2 && os.Args[2] == "spin")
	case "spin":
		spin()
	case "keep":
		fmt.Println(len(keep))
	default:
		fmt.Fprintln(os.Stderr, "gosym-truth: unknown command")
		os.Exit(2)
	}
}
