#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write small synthetic pclntabs, the way Go's linker lays them out.

  mktable.py DIR [N]

writes N (default 48) tables to DIR, covering every layout (go1.2, go1.16,
go1.18, go1.20), both pointer sizes, both byte orders and quanta 1, 2, 4,
each a few KiB with a few dozen functions, several files per compilation
unit and line tables that go up and down.  They seed the fuzzer (small
inputs run thousands of times faster than real tables) and, read with
tests/oracle -t, check gosym against debug/gosym on combinations no Go
release produces together.
"""
import os
import random
import struct
import sys

MAGIC = {"go1.2": 0xfffffffb, "go1.16": 0xfffffffa,
         "go1.18": 0xfffffff0, "go1.20": 0xfffffff1}


def varint(v):
    out = bytearray()
    while True:
        b = v & 0x7f
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def stream(ranges, quantum):
    """A pc-value stream for [(value, length in bytes)...]."""
    out, prev = bytearray(), -1
    for value, length in ranges:
        d = value - prev
        uv = (d << 1) if d >= 0 else ((~d << 1) | 1)
        out += varint(uv & 0xffffffff) + varint(length // quantum)
        prev = value
    return bytes(out + b"\0")


class Writer:
    def __init__(self, big, ptrsize):
        self.e = ">" if big else "<"
        self.ps = ptrsize

    def u32(self, v):
        return struct.pack(self.e + "I", v & 0xffffffff)

    def word(self, v):
        return struct.pack(self.e + ("Q" if self.ps == 8 else "I"), v)


def make(version, ptrsize, big, quantum, rng):
    w = Writer(big, ptrsize)
    nfunc = rng.randint(1, 40)
    files = ["pkg%d/file%d.go" % (rng.randint(0, 9), i) for i in range(rng.randint(1, 6))]
    text = 0x401000 if ptrsize == 8 else 0x8049000
    funcs, pc = [], text
    for i in range(nfunc):
        size = quantum * rng.randint(1, 200)
        nr = rng.randint(1, 8)
        cuts = sorted(rng.sample(range(1, size // quantum), min(nr - 1, size // quantum - 1))) if size // quantum > 1 else []
        bounds = [0] + [c * quantum for c in cuts] + [size]
        lens = [b - a for a, b in zip(bounds, bounds[1:])]
        lines = [(rng.randint(1, 3000), n) for n in lens]
        fnos = [(rng.randrange(len(files)) + (1 if version == "go1.2" else 0), n) for n in lens]
        # a gap of padding with no line, as real tables have
        if rng.random() < 0.3 and len(lines) > 1:
            lines = lines[:-1]
        funcs.append(dict(name="main.f%d_%s" % (i, "x" * rng.randint(0, 20)),
                          entry=pc, size=size, pcln=stream(lines, quantum),
                          pcfile=stream(fnos, quantum)))
        pc += size
    end = pc

    names = bytearray()
    for f in funcs:
        f["nameoff"] = len(names)
        names += f["name"].encode() + b"\0"
    pctab = bytearray(b"\0")
    for f in funcs:
        f["pcfile_off"] = len(pctab)
        pctab += f["pcfile"]
        f["pcln_off"] = len(pctab)
        pctab += f["pcln"]
    head = struct.pack(w.e + "I", MAGIC[version]) + bytes([0, 0, quantum, ptrsize])

    if version == "go1.2":
        return make_go12(w, head, funcs, files, names, pctab, end)

    filetab = bytearray()
    cutab = bytearray()
    for name in files:
        cutab += w.u32(len(filetab))
        filetab += name.encode() + b"\0"
    new = version in ("go1.18", "go1.20")
    fsz = 4 if new else ptrsize
    nwords = 8 if new else 7
    hdr_len = 8 + nwords * ptrsize
    off_names = hdr_len
    off_cu = off_names + len(names)
    off_file = off_cu + len(cutab)
    off_pc = off_file + len(filetab)
    off_ln = off_pc + len(pctab)
    functab_len = (2 * len(funcs) + 1) * fsz
    recs, rec_off = bytearray(), []
    for f in funcs:
        rec_off.append(functab_len + len(recs))
        entry = w.u32(f["entry"] - text) if new else w.word(f["entry"])
        rec = entry + w.u32(f["nameoff"]) + w.u32(0) + w.u32(0) + w.u32(0) + \
            w.u32(f["pcfile_off"]) + w.u32(f["pcln_off"]) + w.u32(0) + w.u32(0)
        if version == "go1.20":
            rec += w.u32(rng_line(f))
        rec += bytes([0, 0, 0, 0])
        recs += rec
        while len(recs) % ptrsize:
            recs += b"\0"
    functab = bytearray()
    for f, ro in zip(funcs, rec_off):
        if new:
            functab += w.u32(f["entry"] - text) + w.u32(ro)
        else:
            functab += w.word(f["entry"]) + w.word(ro)
    functab += w.u32(end - text) if new else w.word(end)
    words = [len(funcs), len(files)] + ([text] if new else []) + \
        [off_names, off_cu, off_file, off_pc, off_ln]
    out = head + b"".join(w.word(x) for x in words)
    return bytes(out + names + cutab + filetab + pctab + functab + recs)


def rng_line(f):
    return 1 + len(f["name"])


def make_go12(w, head, funcs, files, names, pctab, end):
    ps = w.ps
    n = len(funcs)
    functab_at = 8 + ps
    functab_len = (2 * n + 1) * ps
    filetab_ptr_at = functab_at + functab_len
    recs_at = filetab_ptr_at + 4
    while recs_at % ps:
        recs_at += 1
    rec_len = ps + 8 * 4
    names_at = recs_at + n * rec_len
    pctab_at = names_at + len(names)
    strings_at = pctab_at + len(pctab)
    strs, stroffs = bytearray(), []
    for name in files:
        stroffs.append(strings_at + len(strs))
        strs += name.encode() + b"\0"
    filetab_at = strings_at + len(strs)
    while filetab_at % 4:
        filetab_at += 1
        strs += b"\0"
    out = bytearray(head + w.word(n))
    for i, f in enumerate(funcs):
        out += w.word(f["entry"]) + w.word(recs_at + i * rec_len)
    out += w.word(end)
    out += w.u32(filetab_at)
    while len(out) < recs_at:
        out += b"\0"
    for f in funcs:
        out += w.word(f["entry"]) + w.u32(names_at + f["nameoff"]) + w.u32(0) + \
            w.u32(0) + w.u32(0) + w.u32(pctab_at + f["pcfile_off"]) + \
            w.u32(pctab_at + f["pcln_off"]) + w.u32(0) + w.u32(0)
    out += names + pctab + strs
    out += w.u32(len(files) + 1) + b"".join(w.u32(o) for o in stroffs)
    return bytes(out)


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 48
    os.makedirs(out, exist_ok=True)
    rng = random.Random(1)
    combos = [(v, ps, big, q) for v in MAGIC for ps in (4, 8)
              for big in (False, True) for q in (1, 2, 4)]
    for i in range(n):
        v, ps, big, q = combos[i % len(combos)]
        name = "%s-%d-%s-q%d-%d" % (v, ps * 8, "be" if big else "le", q, i)
        with open(os.path.join(out, name), "wb") as f:
            f.write(make(v, ps, big, q, rng))


if __name__ == "__main__":
    main()
