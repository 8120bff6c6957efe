# SPDX-License-Identifier: GPL-2.0
# Helpers for the guest test scripts (busybox sh): results as "ok - ..." /
# "not ok - ..." lines, and a comparison with the running Go program's own
# account of its PCs.
# shellcheck shell=sh

D=/sys/kernel/debug/gosym

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }
check() { # NAME CMD...
	name=$1
	shift
	if "$@" > $T/out 2>&1; then ok "$name"; else not_ok "$name"; head -5 $T/out | sed 's/^/#   /'; fi
}
key() { grep "^$1	" $D/info | cut -f2; }

# Ground truth from the running Go program itself (runtime.CallersFrames):
# PC, physical function ("-": the runtime names only an inlined one),
# entry, innermost FILE:LINE ("?:0" where the runtime has none, where
# debug/gosym reports line -1).
compare() { # NAME ANSWERS: each answer line against the truth line
	awk -F'\t' -v name="$1" '
	NR == FNR { t[FNR] = $0; next }
	{
		split(t[FNR], w, "\t")
		f = $2; pos = $3
		if (pos == ":-1") pos = "?:0"
		plus = 0
		for (i = length(f); i > 0; i--) if (substr(f, i, 1) == "+") { plus = i; break }
		fname = substr(f, 1, plus - 1)
		split(substr(f, plus + 1), os, "/")
		# offsets from the entry: small numbers (awk printf %x is 32-bit)
		off = (w[1] + 0) - (w[3] + 0)
		if ($1 != w[1] || off != os[1] + 0 || pos != w[4] || (w[2] != "-" && w[2] != fname)) {
			bad++
			if (bad <= 3) printf "#   want %s\n#   got  %s\n", t[FNR], $0
		}
		n++
	}
	END {
		if (n == 0 || bad) printf "not ok - %s: %d of %d differ from the runtime\n", name, bad, n
		else printf "ok - %s: %d PCs as the runtime says\n", name, n
	}' $T/truth "$2"
}

