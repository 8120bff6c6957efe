#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""gosym unwind against the runtime's own stacks, on this machine.

  tests/unwind.py GOSYM TRUTH GOARCH [RUNNER]

Runs TRUTH (qemu/goprog) park: one goroutine blocked in read(2), one parked
in a channel receive (its runtime.g printed), and runtime.Stack of both.
Copies their stacks out of /proc/PID/mem - the thread's from the SP and PC
/proc/PID/task/TID/syscall gives, the goroutine's from its g.sched - and
has gosym unwind them: the same functions in the same order as
runtime.Stack lists, or the check fails.  Prints ok / not ok lines.

With RUNNER (qemu-aarch64-static, ...), TRUTH runs under qemu-user: the
goroutine is read the same way, at the guest's addresses as qemu-user
maps them; the thread is not (its registers are the emulator's).
"""
import os
import re
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gostack import creator_of, same_stack, stack_names, walk_names  # noqa: E402
from tap import report  # noqa: E402

SYS_READ = {"Q": 0, "I": 3}  # x86_64, i386


def read_mem(pid, addr, size):
    """Bytes of the process from addr, as many as can be read up to size."""
    out = b""
    with open("/proc/%d/mem" % pid, "rb", buffering=0) as f:
        while len(out) < size:
            try:
                f.seek(addr + len(out))
                chunk = f.read(min(4096 - (addr + len(out)) % 4096, size - len(out)))
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out


def unwind(gosym, truth, pc, sp, stack, addr, ret, tmp):
    path = os.path.join(tmp, "stack-%x" % addr)
    with open(path, "wb") as f:
        f.write(stack)
    argv = [gosym, "-e", truth, "unwind"] + (["-r"] if ret else []) + \
        ["%#x" % pc, "%#x" % sp, "%s@%#x" % (path, addr)]
    r = subprocess.run(argv, capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr


def thread_case(gosym, truth, pid, text, creator, arch, tmp):
    """The thread in read(2): its user SP and PC, as the kernel saved them."""
    want, got, tid = stack_names(text, "main.parkA"), [], None
    for t in os.listdir("/proc/%d/task" % pid):
        with open("/proc/%d/task/%s/syscall" % (pid, t)) as f:
            f = f.read().split()
        if f and f[0] == str(SYS_READ[word_format(truth)[1]]):
            tid, sp, pc = t, int(f[-2], 16), int(f[-1], 16)
    if tid:
        _, out, _ = unwind(gosym, truth, pc, sp, read_mem(pid, sp, 64 << 10), sp, False, tmp)
        got = walk_names(out.splitlines())
    report(tid and same_stack(want, got, creator),
           "unwind%s: the thread blocked in read(2), %d frames as runtime.Stack lists them"
           % (arch, len(want)), (want, got))


def guest_base(pid, truth):
    """Where qemu-user put the guest's address 0 in its own address space
    (0 for a native process, and usually for a 64-bit guest): the first
    mapping of TRUTH less its first PT_LOAD's address."""
    with open(truth, "rb") as f:
        elf = f.read(4096)
    e = ">" if elf[5] == 2 else "<"
    if elf[4] == 2:  # ELF64: e_phoff, e_phentsize, e_phnum; p_type, p_vaddr
        phoff, = struct.unpack_from(e + "Q", elf, 32)
        size, num = struct.unpack_from(e + "HH", elf, 54)
        phdr = lambda at: struct.unpack_from(e + "I12xQ", elf, at)
    else:
        phoff, = struct.unpack_from(e + "I", elf, 28)
        size, num = struct.unpack_from(e + "HH", elf, 42)
        phdr = lambda at: struct.unpack_from(e + "I4xI", elf, at)
    first = min(vaddr for kind, vaddr in (phdr(phoff + i * size) for i in range(num))
                if kind == 1)
    path = os.path.realpath(truth)
    with open("/proc/%d/maps" % pid) as f:
        starts = [int(l.split("-")[0], 16) for l in f if l.rstrip().endswith(path)]
    return min(starts) - (first & ~0xfff) if starts else 0


def word_format(truth):
    """struct format of a word of TRUTH's: its ELF class and byte order."""
    with open(truth, "rb") as f:
        ident = f.read(6)
    return (">" if ident[5] == 2 else "<") + ("Q" if ident[4] == 2 else "I")


def goroutine_case(gosym, truth, pid, text, creator, arch, tmp):
    """The goroutine parked in a channel receive, from its g.sched."""
    want = stack_names(text, "main.waitA")
    g = int(re.search(r"^GOSYM-G (\S+)", text, re.M).group(1), 16)
    fmt, base = word_format(truth), guest_base(pid, truth)
    words = struct.unpack(fmt[0] + 9 * fmt[1], read_mem(pid, base + g, 9 * struct.calcsize(fmt)))
    lo, hi, sp, pc = words[0], words[1], words[7], words[8]
    rc, out, err = unwind(gosym, truth, pc, sp, read_mem(pid, base + sp, hi - sp), sp, True, tmp)
    got = walk_names(out.splitlines())
    report(lo <= sp < hi and same_stack(want, got, creator),
           "unwind -r%s: the goroutine parked in a channel receive, from its g.sched: "
           "%d frames as runtime.Stack lists them" % (arch, len(want)), (want, got, err))
    first = (out.splitlines() or [""])[0].split("\t")
    report(len(first) > 1 and first[1].startswith("runtime.gopark+"),
           "unwind -r%s: the goroutine's walk starts in runtime.gopark" % arch, out[:200])
    # a stack copy that ends early (here: empty) ends the walk there, quietly
    rc, out, err = unwind(gosym, truth, pc, sp, b"", sp, True, tmp)
    report(rc == 0 and len(out.splitlines()) == 1,
           "unwind%s over a stack cut short: one frame, no error" % arch, (rc, out, err))


def main():
    gosym, truth = sys.argv[1:3]
    arch = " (%s)" % sys.argv[3]
    runner = sys.argv[4:5]
    proc = subprocess.Popen(runner + [truth, "park"], stdout=subprocess.PIPE, text=True)
    text = ""
    try:
        for line in proc.stdout:
            text += line
            if line.startswith("GOSYM-PARKED"):
                break
        time.sleep(0.2)
        creator = creator_of(text)
        with tempfile.TemporaryDirectory() as tmp:
            if not runner:
                thread_case(gosym, truth, proc.pid, text, creator, arch, tmp)
            goroutine_case(gosym, truth, proc.pid, text, creator, arch, tmp)
    finally:
        proc.kill()
        proc.wait()


main()
