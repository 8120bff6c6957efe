# SPDX-License-Identifier: GPL-2.0
"""Go stacks as runtime.Stack prints them and as gosym walks them, and the
rule by which the two must agree (tests/unwind.py, tests/qemu)."""
import re


def stack_names(text, func):
    """Function names, innermost first, of the runtime.Stack goroutine in
    text whose frames include func."""
    for block in text.split("\n\n"):
        names = []
        for line in block.splitlines():
            if line.startswith(("\t", "goroutine ", "created by ", "GOSYM")) or not line:
                continue
            names.append(re.sub(r"\([^(]*$", "", line))
        if func in names:
            return names
    return []


def walk_names(lines):
    """Function names of a walk's look-up lines (lookup -i), innermost first."""
    out = []
    for line in lines:
        f = line.split("\t")
        if len(f) < 3 or line.startswith("#"):
            continue
        if f[0].startswith(" (inlined) "):
            out.append(f[1])
        else:
            out.append(re.sub(r"\+0x[0-9a-f]+/0x[0-9a-f]+$", "", f[1]))
    return out


def walk_blocks(lines):
    """The walks of a bt answer or kdb gobt: the look-up lines after each
    "# thread" / "# goroutine" line, a list each."""
    blocks = []
    for line in lines:
        if line.startswith("# "):
            blocks.append([])
        elif blocks:
            blocks[-1].append(line)
    return blocks


def walk_with(lines, func):
    """The names of the walk in lines that has func, or []."""
    for block in walk_blocks(lines):
        names = walk_names(block)
        if func in names:
            return names
    return []


def creator_of(text):
    """The function whose go statement started the goroutines, or None."""
    m = re.search(r"^created by (\S+)", text, re.M)
    return m.group(1) if m else None


def same_stack(want, got, creator):
    """Whether a walk's names (got) are runtime.Stack's (want), once the
    frames runtime.Stack leaves out are set aside: the scheduler and system
    call code a goroutine waits in before its account starts, the
    compiler's wrappers (method values' -fm; the closure a go statement
    runs, CREATOR.funcN) and runtime.goexit."""
    wrapper = re.compile(re.escape(creator or "-") + r"\.func\d+$")
    got = [n for n in got if not n.endswith("-fm") and n != "runtime.goexit" and
           not wrapper.match(n)]
    while got and want and got[0] != want[0]:
        got.pop(0)
    return len(want) >= 5 and got == want
