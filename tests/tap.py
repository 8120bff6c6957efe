# SPDX-License-Identifier: GPL-2.0
"""The Python checks' TAP lines (tests/run-all counts them)."""


def report(ok, name, detail=""):
    """An "ok - NAME" or "not ok - NAME" line; for a failure, detail (a
    string, or anything, shown as repr) after it as "#" lines."""
    print(("ok - " if ok else "not ok - ") + name)
    if not ok and detail:
        text = detail if isinstance(detail, str) else repr(detail)
        print("#   " + text[:2000].replace("\n", "\n#   "))
