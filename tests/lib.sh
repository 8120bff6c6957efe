# SPDX-License-Identifier: GPL-2.0
# Test helpers: each check prints "ok - NAME" or "not ok - NAME" (TAP-like)
# and `make check` counts those lines into its closing "N passed, N failed".
# shellcheck shell=bash

TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$TESTS_DIR/../qemu/lib.sh"
WORK=${WORK:-$(mktemp -d)}

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }

# check NAME CMD...: ok if CMD succeeds; its output is shown on failure.
check() {
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		ok "$name"
	else
		not_ok "$name"
		printf '%s\n' "$out" | tail -20 | sed 's/^/#   /'
	fi
}

# same NAME FILE1 FILE2: ok if identical; shows the first differences.
same() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1"
		diff "$2" "$3" | head -10 | sed 's/^/#   /'
	fi
}
