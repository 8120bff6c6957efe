# SPDX-License-Identifier: GPL-2.0
# The CLI's interface (SPEC.md): sourced by tests/userspace, which sets
# G, ORACLE, WORK and the corpus.
# shellcheck shell=bash

bin() { awk -F'\t' -v n="$1" '$1 == n { print $3 }' "$WORK/corpus"; }
T=$(bin truth-amd64)

# exit status and stderr of a command: "STATUS|STDERR-FIRST-LINE"
status() {
	local err
	err=$("$@" 2>&1 >/dev/null)
	echo "$?|${err%%$'\n'*}"
}

expect_status() { # NAME STATUS PREFIX CMD...
	local name=$1 want=$2 prefix=$3 got
	shift 3
	got=$(status "$@")
	if [ "${got%%|*}" = "$want" ] && [[ "${got#*|}" == "$prefix"* ]]; then
		ok "$name"
	else
		not_ok "$name"
		echo "#   wanted $want, '$prefix...'; got $got"
	fi
}

check "--help prints usage and exits 0" sh -c "'$G' --help | grep -q 'lookup \[-i\] \[ADDR'"
check "--version exits 0" "$G" --version
expect_status "no command: usage, exit 2" 2 "Usage:" "$G"
expect_status "unknown command: exit 2" 2 "gosym: unknown command" "$G" -e "$T" frobnicate
expect_status "bad address argument: exit 2" 2 "gosym: bad address 'zz'" "$G" -e "$T" lookup 0x401000 zz
expect_status "bad address on stdin: exit 2" 2 "gosym: bad address '0xg'" sh -c "echo 0xg | '$G' -e '$T' lookup"
expect_status "address overflow: exit 2" 2 "gosym: bad address" "$G" -e "$T" lookup 0x10000000000000000
expect_status "missing file: exit 2" 2 "gosym: /nonexistent" "$G" -e /nonexistent info
expect_status "not an ELF file: exit 2" 2 "gosym: " "$G" -e "$TESTS_DIR/lib.sh" info
expect_status "not a table: exit 2" 2 "gosym: " "$G" -t "$TESTS_DIR/lib.sh" info
expect_status "func of an unknown name: exit 1" 1 "gosym: no function named" "$G" -e "$T" func no.such.func
expect_status "two sources: exit 2" 2 "gosym: give one table source" "$G" -e "$T" -t "$T" info
expect_status "live mode without the module: exit 2" 2 "gosym: /nonexistent-debugfs/info" \
	"$G" -d /nonexistent-debugfs info

"$G" -e "$T" funcs > "$WORK/cli.funcs"
grep -P '\tmain\.main$' "$WORK/cli.funcs" > "$WORK/cli.func.want"
"$G" -e "$T" func main.main > "$WORK/cli.func.got"
same "func NAME prints its funcs line" "$WORK/cli.func.want" "$WORK/cli.func.got"

head -200 "$WORK/truth-amd64.pcs" > "$WORK/cli.pcs"
"$G" -e "$T" lookup < "$WORK/cli.pcs" > "$WORK/cli.stdin"
# shellcheck disable=SC2046
"$G" -e "$T" lookup $(cat "$WORK/cli.pcs") > "$WORK/cli.args"
same "lookup: arguments and stdin agree" "$WORK/cli.stdin" "$WORK/cli.args"
tr '\n' ' ' < "$WORK/cli.pcs" | "$G" -e "$T" lookup > "$WORK/cli.spaces"
same "lookup: any whitespace separates addresses" "$WORK/cli.stdin" "$WORK/cli.spaces"
check "lookup: decimal and hex agree" sh -c \
	"[ \"\$('$G' -e '$T' lookup 4198400 | cut -f2-)\" = \"\$('$G' -e '$T' lookup 0x401000 | cut -f2-)\" ]"

# A batch is answered sorted by PC (batch.c): in any order, with repeats,
# each answer must be the one the PC gets looked up alone.
shuf -n 100 --random-source="$WORK/cli.pcs" "$WORK/cli.pcs" > "$WORK/cli.shuf"
head -20 "$WORK/cli.shuf" >> "$WORK/cli.shuf"
echo 0x10 >> "$WORK/cli.shuf"
"$G" -e "$T" lookup < "$WORK/cli.shuf" > "$WORK/cli.batch"
while read -r pc; do "$G" -e "$T" lookup "$pc"; done < "$WORK/cli.shuf" > "$WORK/cli.alone"
same "lookup: a shuffled batch with repeats answers as each PC alone" \
	"$WORK/cli.alone" "$WORK/cli.batch"
pc1=$(head -1 "$WORK/cli.pcs")
check "lookup: the addresses before a bad one are answered" sh -c \
	"echo '$pc1 zz' | '$G' -e '$T' lookup 2>/dev/null | grep -q '^$pc1	'"
# Batching must not hold back an answer until the input ends.
check "lookup: answers each address on stdin as it arrives" python3 - "$G" "$T" "$pc1" <<'EOF'
import select, subprocess, sys
g, t, pc = sys.argv[1:]
p = subprocess.Popen([g, "-e", t, "lookup"], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE)
p.stdin.write(pc.encode() + b"\n")
p.stdin.flush()
ready, _, _ = select.select([p.stdout], [], [], 20)
line = p.stdout.readline() if ready else b""
p.stdin.close()
p.wait()
print("got", line)
sys.exit(0 if line.startswith(pc.encode() + b"\t") else 1)
EOF

"$G" -e "$T" table > "$WORK/cli.tab"
"$G" -t "$WORK/cli.tab" lookup < "$WORK/cli.pcs" > "$WORK/cli.raw"
same "-t on the extracted table answers as -e" "$WORK/cli.stdin" "$WORK/cli.raw"

"$G" -e "$T" info > "$WORK/cli.info"
check "info has every SPEC.md key" sh -c "for k in magic version ptrsize quantum endian funcs files textstart size; do grep -q \"^\$k	\" '$WORK/cli.info' || exit 1; done"
check "info funcs equals debug/gosym's count" sh -c \
	"[ \"\$(grep '^funcs' '$WORK/cli.info' | cut -f2)\" = \"\$('$ORACLE' info '$T' | grep '^funcs' | cut -f2)\" ]"
for spec in "truth-s390x:big:go1.18:8" "truth-386:little:go1.18:4" "pcln115:little:go1.2:8" \
	"esbuild-linux-32-0.13.15:little:go1.16:4" "esbuild-linux-s390x-0.28.2:big:go1.20:8"; do
	IFS=: read -r n endian ver ps <<< "$spec"
	flag=-e
	[ "$n" = pcln115 ] && flag=-t
	check "info of $n: $endian endian, $ver, ptrsize $ps" sh -c \
		"'$G' $flag '$(bin "$n")' info | grep -qx 'endian	$endian' &&
		 '$G' $flag '$(bin "$n")' info | grep -qx 'version	$ver' &&
		 '$G' $flag '$(bin "$n")' info | grep -qx 'ptrsize	$ps'"
done

check "--json: every line is JSON with the plain answer's fields" python3 - "$G" "$T" "$WORK/cli.pcs" <<'PY'
import json, subprocess, sys
g, t, pcs = sys.argv[1:]
addrs = open(pcs).read().split()
plain = subprocess.run([g, "-e", t, "lookup"] + addrs, capture_output=True, text=True, check=True).stdout.splitlines()
js = subprocess.run([g, "-e", t, "--json", "lookup"] + addrs, capture_output=True, text=True, check=True).stdout.splitlines()
assert len(plain) == len(js) == len(addrs)
for p, j in zip(plain, js):
    o = json.loads(j)
    a, f, pos = p.split("\t")
    assert o["addr"] == a
    if f == "?":
        assert o["func"] is None
        continue
    assert f == "%s+%#x/%#x" % (o["func"], o["offset"], o["size"]), (p, j)
    assert pos == "%s:%d" % (o["file"], o["line"]), (p, j)
for line in subprocess.run([g, "-e", t, "--json", "funcs"], capture_output=True, text=True, check=True).stdout.splitlines()[:50]:
    assert set(json.loads(line)) == {"entry", "end", "name"}
info = json.loads(subprocess.run([g, "-e", t, "--json", "info"], capture_output=True, text=True, check=True).stdout)
assert info["version"] == "go1.18" and info["magic"] == "0xfffffff0"
PY

check "bench prints its SPEC.md keys" sh -c \
	"'$G' -e '$T' bench -n 1000 --seed 7 > '$WORK/cli.bench' && for k in open_ns index_bytes func_ns line_ns; do grep -q \"^\$k	\" '$WORK/cli.bench' || exit 1; done"
check "bench prints batch_ns and load_ns too" sh -c \
	"for k in batch_ns load_ns; do grep -q \"^\$k	[0-9]\" '$WORK/cli.bench' || exit 1; done"
expect_status "bench: bad -n is a usage error" 2 "gosym: bad -n" "$G" -e "$T" bench -n 0

# unwind (tests/unwind.py checks its walks): the arguments it needs
head -c 64 /dev/zero > "$WORK/cli.stack"
expect_status "unwind without FILE@ADDR is a usage error" 2 "gosym: usage: gosym unwind" \
	"$G" -e "$T" unwind 0x401000 0x1000 "$WORK/cli.stack"
expect_status "unwind of a missing stack file says so" 2 "gosym: $WORK/no.stack" \
	"$G" -e "$T" unwind 0x401000 0x1000 "$WORK/no.stack@0x1000"
expect_status "unwind needs a file, not the live module" 2 "gosym: unwind reads a stack from a file" \
	"$G" unwind 0x401000 0x1000 "$WORK/cli.stack@0x1000"
check "unwind over zeros: the one frame, where the stack ends" test \
	"$("$G" -e "$T" unwind "$("$G" -e "$T" func main.main | cut -f1)" 0x1000 "$WORK/cli.stack@0x1000" | wc -l)" = 1
expect_status "bt G must be an address" 2 "gosym: usage: gosym bt PID [G]" "$G" bt 1 banana

# Go 1.26 writes 0 as the table's text start: table fills in the ELF's, so
# the table stands alone (as -t, in the module, embedded in a kernel).
G126=$(bin esbuild-linux-x64-0.28.2)
"$G" -e "$G126" table > "$WORK/cli.126.tab" 2> "$WORK/cli.126.err"
check "table of a Go 1.26 binary says it filled in the text start" grep -q "filled in the text start" "$WORK/cli.126.err"
"$G" -e "$G126" funcs | awk -F'\t' 'NR % 50 == 1 { print $1 }' > "$WORK/cli.126.pcs"
"$G" -e "$G126" lookup < "$WORK/cli.126.pcs" > "$WORK/cli.126.e"
"$G" -t "$WORK/cli.126.tab" lookup < "$WORK/cli.126.pcs" > "$WORK/cli.126.t" 2>/dev/null
same "that Go 1.26 table alone answers as its ELF file" "$WORK/cli.126.e" "$WORK/cli.126.t"
check "a go1.19 table is copied byte for byte" sh -c "'$G' -e '$T' table | cmp -s - '$WORK/cli.tab'"

# Recovery without section headers: the same binaries with e_shoff and
# e_shnum zeroed (as sstrip leaves them) are found by scanning.
for n in truth-amd64 truth-s390x truth-386 esbuild-linux-64-0.13.15; do
	python3 - "$(bin "$n")" "$WORK/noshdr-$n" <<'PY'
import struct, sys
d = bytearray(open(sys.argv[1], "rb").read())
e = ">" if d[5] == 2 else "<"
if d[4] == 2:
    struct.pack_into(e + "Q", d, 40, 0)
    struct.pack_into(e + "HHH", d, 58, 0, 0, 0)
else:
    struct.pack_into(e + "I", d, 32, 0)
    struct.pack_into(e + "HHH", d, 46, 0, 0, 0)
open(sys.argv[2], "wb").write(d)
PY
	"$G" -e "$WORK/noshdr-$n" lookup < "$WORK/$n.pcs" > "$WORK/noshdr-$n.got" 2>&1
	check "no section headers: $n's table is found by scanning" sh -c \
		"'$G' -e '$WORK/noshdr-$n' info | grep -qx 'source	elf:scan'"
	same "no section headers: $n answers as debug/gosym on the original" \
		"$WORK/$n.olookup" "$WORK/noshdr-$n.got"
done

# A PIE build runs above its link addresses: --bias maps the running
# program's own PCs (runtime.CallersFrames) back to its table.
if (cd "$QEMU_DIR/goprog" && CGO_ENABLED=0 go build -buildmode=pie -trimpath \
	-buildvcs=false -o "$WORK/truth-pie" .) 2>/dev/null; then
	"$WORK/truth-pie" pcs 5000 > "$WORK/pie.truth"
	read -r name entry <<< "$(awk -F'\t' '$2 != "-" { print $2, $3; exit }' "$WORK/pie.truth")"
	link=$("$G" -e "$WORK/truth-pie" func "$name" | cut -f1)
	bias=$(printf '0x%x' $((entry - link)))
	cut -f1 "$WORK/pie.truth" | "$G" -e "$WORK/truth-pie" --bias "$bias" lookup > "$WORK/pie.got"
	check "PIE: --bias $bias maps the running program's PCs to its table" python3 - \
		"$WORK/pie.truth" "$WORK/pie.got" <<'PY'
import sys
truth = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
got = [l.rstrip("\n").split("\t") for l in open(sys.argv[2])]
assert len(truth) == len(got) > 1000, (len(truth), len(got))
for t, g in zip(truth, got):
    name, offsize = g[1].rsplit("+", 1)
    entry = int(t[0], 16) - int(offsize.split("/")[0], 16)
    pos = "?:0" if g[2] == ":-1" else g[2]
    assert g[0] == t[0] and entry == int(t[2], 16) and pos == t[3] and t[1] in ("-", name), (t, g)
PY
else
	not_ok "PIE: go build -buildmode=pie"
fi
