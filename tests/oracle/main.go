// SPDX-License-Identifier: GPL-2.0
//
// oracle answers gosym's questions with Go's own debug/gosym, so that the
// tests compare gosym against Go at test time rather than against stored
// expectations.
//
//	oracle funcs FILE               ENTRY<TAB>END<TAB>NAME per function
//	oracle lookup FILE              addresses on stdin -> SPEC.md look-up lines
//	oracle sample FILE N SEED       PCs worth checking: every entry, entry+1,
//	                                last byte and end, then N random ones
//	oracle bench FILE N SEED        open_ns, func_ns, line_ns as gosym bench
//	oracle info FILE                magic, version, funcs
//	oracle linetopc FILE            FILE:LINE lines on stdin -> that line,
//	                                a tab, and LineToPC's PC or "none"
//
// FILE is an ELF file (its .gopclntab section, else runtime.pclntab) or,
// with -t, a raw table.
//
// Go 1.19's debug/gosym reads go1.18+ entries relative to the text address
// its caller passes (cmd/objfile passes .text's).  The oracle passes the
// text start the Go linker recorded in the table header, which is
// runtime.text: in externally linked binaries .text begins with C start-up
// code (Debian's hugo: _start at .text, Go code 0x100 bytes later), where
// the .text address would shift every function.  Go 1.26 writes 0 there;
// then runtime.text, else .text, stands in.  Go 1.19's debug/gosym predates the go1.20 magic
// (0xfffffff1); that layout reads as go1.18 for every field debug/gosym
// uses, so the oracle hands such a table over with the go1.18 magic, as
// newer Go releases' debug/gosym does internally.
package main

import (
	"bufio"
	"debug/elf"
	"debug/gosym"
	"encoding/binary"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

type table struct {
	data []byte
	text uint64
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "oracle: "+format+"\n", args...)
	os.Exit(2)
}

func symbolValue(f *elf.File, name string) (uint64, bool) {
	syms, err := f.Symbols()
	if err != nil {
		return 0, false
	}
	for _, s := range syms {
		if s.Name == name {
			return s.Value, true
		}
	}
	return 0, false
}

func readELF(path string) table {
	f, err := elf.Open(path)
	if err != nil {
		fail("%s: %v", path, err)
	}
	defer f.Close()
	var t table
	if v, ok := symbolValue(f, "runtime.text"); ok {
		t.text = v
	} else if s := f.Section(".text"); s != nil {
		t.text = s.Addr
	}
	if s := f.Section(".gopclntab"); s != nil {
		if t.data, err = s.Data(); err != nil {
			fail("%s: %v", path, err)
		}
		return withHeaderText(t)
	}
	start, ok1 := symbolValue(f, "runtime.pclntab")
	end, ok2 := symbolValue(f, "runtime.epclntab")
	if !ok1 || !ok2 {
		fail("%s: no .gopclntab and no runtime.pclntab", path)
	}
	for _, s := range f.Sections {
		if s.Addr <= start && end <= s.Addr+s.Size && s.Type != elf.SHT_NOBITS {
			d, err := s.Data()
			if err != nil {
				fail("%s: %v", path, err)
			}
			t.data = d[start-s.Addr : end-s.Addr]
			return withHeaderText(t)
		}
	}
	fail("%s: runtime.pclntab in no section", path)
	return t
}

// withHeaderText sets t.text from a go1.18+ header where it is not 0.
func withHeaderText(t table) table {
	d := t.data
	if len(d) < 8 || (d[7] != 4 && d[7] != 8) {
		return t
	}
	var bo binary.ByteOrder = binary.LittleEndian
	if d[0] == 0xff {
		bo = binary.BigEndian
	}
	magic := bo.Uint32(d)
	ps := int(d[7])
	off := 8 + 2*ps
	if (magic != 0xfffffff0 && magic != 0xfffffff1) || len(d) < off+ps {
		return t
	}
	var v uint64
	if ps == 4 {
		v = uint64(bo.Uint32(d[off:]))
	} else {
		v = bo.Uint64(d[off:])
	}
	if v != 0 {
		t.text = v
	}
	return t
}

func load(args []string) (table, []string) {
	if len(args) >= 2 && args[0] == "-t" {
		d, err := os.ReadFile(args[1])
		if err != nil {
			fail("%v", err)
		}
		return withHeaderText(table{data: d}), args[2:]
	}
	if len(args) >= 2 && args[0] == "-e" {
		args = args[1:]
	}
	if len(args) < 1 {
		fail("missing FILE")
	}
	return readELF(args[0]), args[1:]
}

// asGo118 returns data with a go1.20 magic replaced by go1.18's (see above).
func asGo118(data []byte) []byte {
	if len(data) < 4 {
		return data
	}
	le := binary.LittleEndian.Uint32(data)
	be := binary.BigEndian.Uint32(data)
	if le != 0xfffffff1 && be != 0xfffffff1 {
		return data
	}
	c := append([]byte(nil), data...)
	if le == 0xfffffff1 {
		binary.LittleEndian.PutUint32(c, 0xfffffff0)
	} else {
		binary.BigEndian.PutUint32(c, 0xfffffff0)
	}
	return c
}

func open(t table) *gosym.Table {
	tab, err := gosym.NewTable(nil, gosym.NewLineTable(asGo118(t.data), t.text))
	if err != nil {
		fail("NewTable: %v", err)
	}
	return tab
}

func lookupLine(tab *gosym.Table, pc uint64) string {
	file, line, fn := tab.PCToLine(pc)
	if fn == nil {
		return fmt.Sprintf("%#x\t?\t?:0", pc)
	}
	return fmt.Sprintf("%#x\t%s+%#x/%#x\t%s:%d", pc, fn.Name, pc-fn.Entry,
		fn.End-fn.Entry, file, line)
}

func parseAddr(s string) (uint64, error) {
	if strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X") {
		return strconv.ParseUint(s[2:], 16, 64)
	}
	return strconv.ParseUint(s, 10, 64)
}

// splitmix64, as tools/bench.c.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func span(tab *gosym.Table) (uint64, uint64) {
	if len(tab.Funcs) == 0 {
		return 0, 0
	}
	return tab.Funcs[0].Entry, tab.Funcs[len(tab.Funcs)-1].End
}

func sample(tab *gosym.Table, n int, seed uint64, w *bufio.Writer) {
	for _, f := range tab.Funcs {
		fmt.Fprintf(w, "%#x\n%#x\n", f.Entry, f.Entry+1)
		if f.End > f.Entry {
			fmt.Fprintf(w, "%#x\n", f.End-1)
		}
		fmt.Fprintf(w, "%#x\n", f.End)
	}
	lo, hi := span(tab)
	if lo > 0 {
		fmt.Fprintf(w, "%#x\n0\n", lo-1)
	}
	fmt.Fprintf(w, "%#x\n%#x\n", hi, hi+4096)
	r := rng{seed}
	for i := 0; i < n && hi > lo; i++ {
		fmt.Fprintf(w, "%#x\n", lo+r.next()%(hi-lo))
	}
}

// bench times what gosym bench times: read + open (NewLineTable,
// NewTable, which builds every Func) over fresh reads of the file, then
// PCToFunc and PCToLine over the same PCs gosym draws.
func bench(path string, n int, seed uint64) {
	const rounds = 20
	var total time.Duration
	var tab *gosym.Table
	for i := 0; i < rounds; i++ {
		start := time.Now()
		tab = open(readELF(path))
		total += time.Since(start)
	}
	lo, hi := span(tab)
	if hi <= lo {
		fail("the table covers no text")
	}
	pcs := make([]uint64, n)
	r := rng{seed}
	for i := range pcs {
		pcs[i] = lo + r.next()%(hi-lo)
	}
	var sink uint64
	start := time.Now()
	for _, pc := range pcs {
		if f := tab.PCToFunc(pc); f != nil {
			sink += f.Entry
		}
	}
	funcNs := float64(time.Since(start).Nanoseconds()) / float64(n)
	start = time.Now()
	for _, pc := range pcs {
		_, line, _ := tab.PCToLine(pc)
		sink += uint64(line)
	}
	lineNs := float64(time.Since(start).Nanoseconds()) / float64(n)
	fmt.Printf("open_ns\t%d\nfunc_ns\t%.1f\nline_ns\t%.1f\nsink\t%d\n",
		total.Nanoseconds()/rounds, funcNs, lineNs, sink%2)
}

func main() {
	if len(os.Args) < 3 {
		fail("usage: oracle funcs|lookup|sample|bench|info|linetopc FILE ...")
	}
	cmd := os.Args[1]
	t, rest := load(os.Args[2:])
	w := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer w.Flush()
	switch cmd {
	case "funcs":
		for _, f := range open(t).Funcs {
			fmt.Fprintf(w, "%#x\t%#x\t%s\n", f.Entry, f.End, f.Name)
		}
	case "lookup":
		tab := open(t)
		in := bufio.NewScanner(os.Stdin)
		in.Buffer(make([]byte, 1<<20), 1<<20)
		in.Split(bufio.ScanWords)
		for in.Scan() {
			pc, err := parseAddr(in.Text())
			if err != nil {
				fail("bad address %q", in.Text())
			}
			fmt.Fprintln(w, lookupLine(tab, pc))
		}
	case "sample":
		if len(rest) != 2 {
			fail("usage: oracle sample FILE N SEED")
		}
		n, _ := strconv.Atoi(rest[0])
		seed, _ := strconv.ParseUint(rest[1], 10, 64)
		sample(open(t), n, seed, w)
	case "bench":
		if len(rest) != 2 || os.Args[2] == "-t" {
			fail("usage: oracle bench ELF N SEED")
		}
		path := os.Args[2]
		if path == "-e" {
			path = os.Args[3]
		}
		n, _ := strconv.Atoi(rest[0])
		seed, _ := strconv.ParseUint(rest[1], 10, 64)
		w.Flush()
		bench(path, n, seed)
	case "linetopc":
		tab := open(t)
		in := bufio.NewScanner(os.Stdin)
		for in.Scan() {
			pos := in.Text()
			i := strings.LastIndexByte(pos, ':')
			line, err := strconv.Atoi(pos[i+1:])
			if i < 0 || err != nil {
				fail("bad position %q", pos)
			}
			if pc, _, err := tab.LineToPC(pos[:i], line); err == nil {
				fmt.Fprintf(w, "%s\t%#x\n", pos, pc)
			} else {
				fmt.Fprintf(w, "%s\tnone\n", pos)
			}
		}
	case "info":
		tab := open(t)
		magic := binary.LittleEndian.Uint32(t.data)
		if t.data[0] == 0xff {
			magic = binary.BigEndian.Uint32(t.data)
		}
		fmt.Fprintf(w, "magic\t%#x\nfuncs\t%d\n", magic, len(tab.Funcs))
	default:
		fail("unknown command %q", cmd)
	}
}
