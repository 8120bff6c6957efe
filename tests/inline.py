#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check `gosym lookup -i` against the running Go program's own runtime.

  tests/inline.py GOSYM BINARY ARCH [RUNNER...]
  tests/inline.py --plain GOSYM BINARY PCS LOOKUPS

The second form, for binaries that cannot be run here: LOOKUPS holds the
plain look-up lines of the PCS (checked against debug/gosym); with -i the
first frame of each must be at the same FILE:LINE (the innermost position)
and the physical line be the same function at the same offset; some
frames must be inlined (the inline data was found and checks out).

Runs the guest program (qemu/goprog, built for ARCH; RUNNER is e.g.
qemu-ppc64-static) twice:
  - `frames`: stacks from runtime.Callers through call chains with inlined
    calls.  Each physical frame's group of frames must be what
    `lookup -i` prints for its return address - 1: the same functions, in
    the same order, at the same FILE:LINE.
  - `pcs`: thousands of PCs of its text, each with the innermost function
    the runtime names there (inlined or not): `lookup -i`'s first line
    must name it.
Prints one "ok - ..." or "not ok - ..." line for each.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import report as tap_report  # noqa: E402

INLINED = " (inlined) "


def run(args, stdin=None):
    r = subprocess.run(args, input=stdin, capture_output=True, text=True)
    if r.returncode:
        sys.exit("inline.py: %s failed: %s" % (" ".join(args), r.stderr[-500:]))
    return r.stdout


def expand(gosym, binary, pcs):
    """lookup -i of each PC: a list of (name, file:line) per PC."""
    out = run([gosym, "-e", binary, "lookup", "-i"],
              "".join("%#x\n" % pc for pc in pcs))
    groups, cur = [], []
    for l in out.splitlines():
        inlined = l.startswith(INLINED)
        f = l[len(INLINED):].split("\t") if inlined else l.split("\t")
        name = f[1] if inlined else f[1].rsplit("+", 1)[0]
        # no file or no line is the runtime's ?:0 (debug/gosym, which
        # look-ups follow, still reports what it decodes: ":-1", ":-7" in
        # riscv64 trampolines, "math/log_s390x.s:-1" in s390x assembly)
        nopos = f[2].startswith(":") or f[2].endswith(":-1")
        cur.append((name, "?:0" if nopos else f[2]))
        if not inlined:
            groups.append(cur)
            cur = []
    return groups


def report(ok, msg, bad):
    """A check's line, with its first four mismatches if it failed."""
    tap_report(ok, msg, "\n".join(bad[:4]))


def plain(gosym, binary, pcs_file, lookups):
    pcs = [int(l, 16) for l in open(pcs_file)]
    want = [l.rstrip("\n").split("\t") for l in open(lookups)]
    r = subprocess.run([gosym, "-e", binary, "lookup", "-i"],
                       input="".join("%#x\n" % pc for pc in pcs),
                       capture_output=True, text=True)
    bad = [r.stderr.strip()] if r.stderr.strip() else []
    groups, cur = [], []
    for l in r.stdout.splitlines():
        cur.append(l)
        if not l.startswith(INLINED):
            groups.append(cur)
            cur = []
    inlined = 0
    for w, g in zip(want, groups):
        first = g[0][len(INLINED):].split("\t") if len(g) > 1 else g[0].split("\t")
        inlined += len(g) > 1
        if first[2] != w[2] or g[-1].split("\t")[:2] != w[:2]:
            bad.append("want %s, got %s" % (w, g))
    if len(groups) != len(want):
        bad.append("%d PCs, %d answers" % (len(want), len(groups)))
    report(not bad and inlined > 0,
           "lookup -i %s: %d PCs agree with plain look-ups (%d with inlined "
           "frames)" % (binary.rsplit("/", 1)[-1], len(want), inlined), bad)


def main():
    if sys.argv[1] == "--plain":
        plain(*sys.argv[2:6])
        return
    gosym, binary, arch = sys.argv[1:4]
    runner = sys.argv[4:]
    # frames: groups of runtime frames, each ending with its physical one
    want, ret, cur = [], [], []
    for l in run(runner + [binary, "frames"]).splitlines():
        if not l:
            continue
        pc, _, func, pos, kind = l.split("\t")
        if not cur:
            ret.append(int(pc, 16))
        cur.append((func, pos))
        if kind == "call":
            want.append(cur)
            cur = []
    got = expand(gosym, binary, [r - 1 for r in ret])
    bad = ["%#x: runtime %s, gosym %s" % (r - 1, w, g)
           for r, w, g in zip(ret, want, got) if w != g]
    if len(got) != len(want):
        bad.append("%d groups, gosym printed %d" % (len(want), len(got)))
    deepest = max((len(w) for w in want), default=0)
    report(not bad and deepest >= 4,
           "lookup -i %s: %d stack frames as runtime.Callers/CallersFrames "
           "(up to %d deep in one function)" % (arch, sum(map(len, want)), deepest), bad)

    # pcs: the innermost function at each PC
    truth = [l.split("\t") for l in run(runner + [binary, "pcs", "20000"]).splitlines()]
    got = expand(gosym, binary, [int(t[0], 16) for t in truth])
    bad, inlined = [], 0
    for t, g in zip(truth, got):
        if t[4] == "-":
            continue
        inlined += len(g) > 1
        if g[0][0] != t[4] or g[0][1] != t[3]:
            bad.append("%s: runtime %s at %s, gosym %s" % (t[0], t[4], t[3], g[0]))
    if len(got) != len(truth):
        bad.append("%d PCs, gosym printed %d" % (len(truth), len(got)))
    report(not bad and inlined > 0,
           "lookup -i %s: the innermost function at %d PCs as the runtime "
           "names it (%d of them inlined)" % (arch, len(truth), inlined), bad)


main()
