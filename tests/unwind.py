#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""gosym unwind against the runtime's own stacks, on this machine (amd64).

  tests/unwind.py GOSYM TRUTH

Runs TRUTH (qemu/goprog) park: one goroutine blocked in read(2), one parked
in a channel receive (its runtime.g printed), and runtime.Stack of both.
Copies their stacks out of /proc/PID/mem - the thread's from the SP and PC
/proc/PID/task/TID/syscall gives, the goroutine's from its g.sched - and
has gosym unwind them: the same functions in the same order as
runtime.Stack lists, or the check fails.  Prints ok / not ok lines.
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

SYS_READ = 0  # x86_64


def report(ok, name, detail=""):
    print(("ok - " if ok else "not ok - ") + name)
    if not ok and detail:
        print("#   " + str(detail)[:2000].replace("\n", "\n#   "))


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


def main():
    gosym, truth = sys.argv[1:3]
    proc = subprocess.Popen([truth, "park"], stdout=subprocess.PIPE, text=True)
    text = ""
    try:
        for line in proc.stdout:
            text += line
            if line.startswith("GOSYM-PARKED"):
                break
        time.sleep(0.2)
        creator = creator_of(text)
        with tempfile.TemporaryDirectory() as tmp:
            # the thread in read(2): its user SP and PC, as the kernel saved them
            want = stack_names(text, "main.parkA")
            got, tid = [], None
            for t in os.listdir("/proc/%d/task" % proc.pid):
                with open("/proc/%d/task/%s/syscall" % (proc.pid, t)) as f:
                    f = f.read().split()
                if f and f[0] == str(SYS_READ):
                    tid, sp, pc = t, int(f[-2], 16), int(f[-1], 16)
            if tid:
                rc, out, err = unwind(gosym, truth, pc, sp,
                                      read_mem(proc.pid, sp, 64 << 10), sp, False, tmp)
                got = walk_names(out.splitlines())
            report(tid and same_stack(want, got, creator),
                   "unwind: the thread blocked in read(2), %d frames as runtime.Stack lists them"
                   % len(want), (want, got))
            # the goroutine parked in a channel receive, from its g.sched
            want = stack_names(text, "main.waitA")
            g = int(re.search(r"^GOSYM-G (\S+)", text, re.M).group(1), 16)
            lo, hi, _, _, _, _, _, gsp, gpc = struct.unpack("<9Q", read_mem(proc.pid, g, 72))
            rc, out, err = unwind(gosym, truth, gpc, gsp,
                                  read_mem(proc.pid, gsp, hi - gsp), gsp, True, tmp)
            got = walk_names(out.splitlines())
            report(lo <= gsp < hi and same_stack(want, got, creator),
                   "unwind -r: the goroutine parked in a channel receive, from its g.sched: "
                   "%d frames as runtime.Stack lists them" % len(want), (want, got, err))
            first = (out.splitlines() or [""])[0].split("\t")
            report(len(first) > 1 and first[1].startswith("runtime.gopark+"),
                   "unwind -r: the goroutine's walk starts in runtime.gopark", out[:200])
            # a stack copy that ends early ends the walk there, quietly
            rc, out, err = unwind(gosym, truth, gpc, gsp, read_mem(proc.pid, gsp, 8), gsp,
                                  True, tmp)
            report(rc == 0 and len(out.splitlines()) == 1,
                   "unwind over a stack cut short: one frame, no error", (rc, out, err))
    finally:
        proc.kill()
        proc.wait()


main()
