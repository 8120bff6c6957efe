# SPDX-License-Identifier: GPL-2.0
"""gdb commands for Go PCs in a kernel that carries a Go table (gosym).

  (gdb) source tools/gosym-gdb.py
  (gdb) go-sym ADDR...        look-up lines, inlined frames first

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
