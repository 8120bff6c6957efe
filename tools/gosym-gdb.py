# SPDX-License-Identifier: GPL-2.0
"""gdb commands for Go PCs in a kernel that carries a Go table (gosym).

  (gdb) source tools/gosym-gdb.py
  (gdb) go-sym ADDR...        look-up lines, inlined frames first
  (gdb) go-bt [G | PC SP]     Go backtraces

For a gdb session on a kernel over kgdb (kgdbwait) or QEMU's gdb stub, in
the style of the kernel's scripts/gdb lx-* commands.  The table (vmlinux
.gopclntab, between __start_gopclntab and __stop_gopclntab) and its inline
trees (.gofunc, if the kernel has them) are read from the target once, as
a bundle, and answered by the gosym CLI: the same core and the same lines
as the module, debugfs and kdb.  GOSYM_CLI names the CLI (default: gosym
on PATH, else tools/gosym next to this file).
"""
import os
import shutil
import struct
import subprocess
import tempfile

import gdb

HERE = os.path.dirname(os.path.abspath(__file__))


def cli():
    return (os.environ.get("GOSYM_CLI") or shutil.which("gosym") or
            os.path.join(HERE, "gosym"))


def symbol_address(name):
    try:
        return int(gdb.parse_and_eval("(unsigned long)&%s" % name))
    except gdb.error:
        return None


def read(start, stop):
    return bytes(gdb.selected_inferior().read_memory(start, stop - start))


class GoTable:
    """The target's table, copied into a bundle file on first use."""
    path = None

    @classmethod
    def get(cls):
        if cls.path:
            return cls.path
        start = symbol_address("__start_gopclntab")
        stop = symbol_address("__stop_gopclntab")
        if start is None or stop is None or stop <= start:
            raise gdb.GdbError("go-sym: this kernel has no .gopclntab section")
        table = read(start, stop)
        fstart = symbol_address("__start_gofunc")
        fstop = symbol_address("__stop_gofunc")
        funcdata = read(fstart, fstop) if fstart and fstop and fstop > fstart else b""
        fd, cls.path = tempfile.mkstemp(prefix="gosym-gdb.", suffix=".bundle")
        with os.fdopen(fd, "wb") as f:
            # gosym's bundle: magic, table size, funcdata size and address
            f.write(b"GOSYMBN1" + struct.pack("<QQQ", len(table), len(funcdata), 0))
            f.write(table)
            f.write(funcdata)
        return cls.path


class GoSym(gdb.Command):
    """Look up Go PCs in the kernel's Go table: go-sym ADDR...

Each address (an expression: 0x..., $pc, a register) gives a look-up line,
ADDR<TAB>FUNC+0xOFF/0xSIZE<TAB>FILE:LINE, after a " (inlined) " line for
each function inlined there, innermost first."""

    def __init__(self):
        super().__init__("go-sym", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        if not args:
            raise gdb.GdbError("usage: go-sym ADDR...")
        pcs = ["%#x" % (int(gdb.parse_and_eval(a)) & 0xffffffffffffffff) for a in args]
        r = subprocess.run([cli(), "-t", GoTable.get(), "lookup", "-i"] + pcs,
                           capture_output=True, text=True)
        if r.returncode:
            raise gdb.GdbError(r.stderr.strip() or "go-sym: gosym failed")
        gdb.write(r.stdout)


GoSym()

# Stack bytes go-bt copies from a thread's SP when it has no stack bounds
THREAD_STACK_COPY = 64 << 10
PAGE = 4096
# runtime.g's first words, as Go 1.4 to 1.25 lay them out (module/bt.c)
G_WORDS = 9
G_STACK_LO, G_STACK_HI, G_SCHED_SP, G_SCHED_PC = 0, 1, 7, 8


def gosym(*args):
    """The CLI's output on the target's table, or a gdb error."""
    r = subprocess.run([cli(), "-t", GoTable.get()] + list(args),
                       capture_output=True, text=True)
    if r.returncode:
        raise gdb.GdbError(r.stderr.strip() or "go-bt: gosym failed")
    return r.stdout


def read_upto(addr, size):
    """The target's bytes from addr, page by page, up to the first page
    that cannot be read (or size)."""
    out = b""
    inferior = gdb.selected_inferior()
    while len(out) < size:
        n = min(PAGE - (addr + len(out)) % PAGE, size - len(out))
        try:
            out += bytes(inferior.read_memory(addr + len(out), n))
        except gdb.MemoryError:
            break
    return out


def unwind(pc, sp, stack_end, from_g, lr=0):
    """gosym unwind over the target's stack from sp, as far as it reads."""
    stack = read_upto(sp, stack_end - sp)
    fd, path = tempfile.mkstemp(prefix="gosym-gdb.", suffix=".stack")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(stack)
        return gosym("unwind", *(["-r"] if from_g else []), "--lr", "%#x" % lr,
                     "%#x" % pc, "%#x" % sp, "%s@%#x" % (path, sp))
    finally:
        os.unlink(path)


def is_go_pc(pc):
    line = gosym("lookup", "%#x" % pc)
    return line.split("\t")[1] != "?"


def link_register(frame):
    """LR on machines that have one (arm64's x30), else 0."""
    try:
        return int(frame.read_register("lr")) & 0xffffffffffffffff
    except (gdb.error, ValueError):
        return 0


def go_threads():
    """The target's threads (QEMU: its CPUs) stopped in the table's code."""
    found = []
    selected = gdb.selected_thread()
    try:
        for t in gdb.selected_inferior().threads():
            t.switch()
            frame = gdb.newest_frame()
            pc = frame.pc()
            sp = int(frame.read_register("sp")) & 0xffffffffffffffff
            if is_go_pc(pc):
                found.append((t, pc, sp, link_register(frame)))
    finally:
        if selected:
            selected.switch()
    return found


class GoBt(gdb.Command):
    """Go backtraces from the stopped target: go-bt [G | PC SP]

With no argument, the Go stack of each thread - under QEMU's gdb stub, each
CPU - stopped in the table's code: "# thread N", then a look-up line per
frame, inlined frames expanded, innermost first, as gosym bt and kdb gobt
print them.  With G, the parked goroutine whose runtime.g is at G, read in
the address space of a thread in the table's code (or the selected thread):
"# goroutine G" and its frames from its g.sched.  With PC SP, a walk from
there in the selected thread's address space.  The frames are found by the
table's pcsp streams (gosym unwind); memory is read through the target's
current page tables, so a CPU stopped in the kernel sees kernel, not user,
memory: for threads in the kernel, use kdb gobt.  Tested on x86_64; the
goroutine form reads 64-bit little-endian words (x86_64, arm64)."""

    def __init__(self):
        super().__init__("go-bt", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        args = [int(gdb.parse_and_eval(a)) & 0xffffffffffffffff
                for a in gdb.string_to_argv(arg)]
        if len(args) == 2:
            gdb.write(unwind(args[0], args[1], args[1] + THREAD_STACK_COPY, False))
            return
        if len(args) > 2:
            raise gdb.GdbError("usage: go-bt [G | PC SP]")
        threads = go_threads()
        if not args and not threads:
            raise gdb.GdbError("go-bt: no thread is stopped in the table's code")
        selected = gdb.selected_thread()
        try:
            for t, pc, sp, lr in threads if not args else []:
                gdb.write("# thread %d\n" % t.num)
                t.switch()
                gdb.write(unwind(pc, sp, sp + THREAD_STACK_COPY, False, lr))
            if args:
                # the goroutine's process is the one a thread runs Go code of
                if threads:
                    threads[0][0].switch()
                self.goroutine(args[0])
        finally:
            selected.switch()

    @staticmethod
    def goroutine(g):
        try:
            raw = bytes(gdb.selected_inferior().read_memory(g, 8 * G_WORDS))
        except gdb.MemoryError:
            raise gdb.GdbError("go-bt: cannot read the goroutine at %#x" % g)
        w = struct.unpack("<%dQ" % G_WORDS, raw)
        lo, hi, sp, pc = w[G_STACK_LO], w[G_STACK_HI], w[G_SCHED_SP], w[G_SCHED_PC]
        if not sp:
            raise gdb.GdbError("go-bt: the goroutine at %#x is running: go-bt its thread" % g)
        if not lo <= sp < hi or not pc:
            raise gdb.GdbError("go-bt: %#x is not a parked goroutine" % g)
        gdb.write("# goroutine %#x\n" % g)
        gdb.write(unwind(pc, sp, hi, True))


GoBt()
