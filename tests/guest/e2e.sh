# SPDX-License-Identifier: GPL-2.0
# End-to-end checks of gosym.ko in the guest (busybox sh), run by tests/qemu
# through qemu/run.  Prints "ok - ..." / "not ok - ..." lines.
#
# /extra/other.tab: another real table for load; /extra/big.tab: a table
# of 64 MiB or more.

T=/tmp/e2e
mkdir -p $T
. /extra/lib.sh

insmod /lib/modules/gosym.ko
check "insmod gosym.ko" test -d $D
check "info: source is vmlinux:.gopclntab" test "$(key source)" = "vmlinux:.gopclntab"
check "info: version go1.18, a 64-bit little-endian layout" test "$(key version)/$(key ptrsize)/$(key endian)" = "go1.18/8/little"

gosym-truth pcs 20000 > $T/truth
cut -f1 $T/truth > $T/pcs
check "the Go program reported 15000+ PCs" test "$(wc -l < $T/pcs)" -ge 15000

# debugfs directly: one open file, writes of many addresses, then reads
# (a write must hold whole addresses: lines of 200 of them here)
exec 3<>$D/lookup
: > $T/debugfs
awk '{ printf "%s%s", $1, (NR % 200 ? " " : "\n") } END { print "" }' $T/pcs |
while read -r line; do
	[ -n "$line" ] || continue
	echo "$line" >&3
	cat <&3 >> $T/debugfs
done
exec 3>&-
# many one-address writes before one read
head -3000 $T/pcs | while read -r a; do echo $a >&3; done 3<>$D/lookup
exec 3<>$D/lookup
head -3000 $T/pcs | while read -r a; do echo $a >&3; done
cat <&3 > $T/debugfs.many
exec 3>&-
head -3000 $T/debugfs > $T/debugfs.head
check "3000 one-address writes, then one read" cmp $T/debugfs.head $T/debugfs.many
compare "debugfs lookup" $T/debugfs
gosym lookup < $T/pcs > $T/live
compare "CLI live lookup" $T/live
check "CLI live lookup: the address before a bad one is answered" test \
	"$(echo "$(head -1 $T/pcs) zz" | gosym lookup 2>/dev/null)" = "$(head -1 $T/live)"
gosym -e /bin/gosym-truth lookup < $T/pcs > $T/offline
compare "CLI offline lookup of the same binary" $T/offline

gosym -e /bin/gosym-truth funcs > $T/funcs.offline
cat $D/funcs > $T/funcs.live
check "funcs lists every function" cmp $T/funcs.offline $T/funcs.live
check "funcs count equals info" test "$(wc -l < $T/funcs.live)" = "$(key funcs)"

# Inlined frames: vmlinux's .gofunc holds the program's inline trees.
check "info: inline yes" test "$(key inline)" = yes
gosym lookup -i < $T/pcs > $T/inl.live
gosym -e /bin/gosym-truth lookup -i < $T/pcs > $T/inl.offline
check "lookup -i: live as offline ($(grep -c inlined $T/inl.live) inlined frames at $(wc -l < $T/pcs) PCs)" \
	cmp $T/inl.offline $T/inl.live
# and as the running program's own stacks (runtime.Callers, CallersFrames):
# each group of frames at its return address - 1, innermost first
gosym-truth frames > $T/frames
awk -F'\t' 'NF == 5 { if (!g) print $1; g = $5 != "call" }' $T/frames |
	while read -r ret; do echo $((ret - 1)); done > $T/frames.pcs
awk -F'\t' 'NF == 5 { print $3 "\t" $4 }' $T/frames > $T/frames.want
gosym lookup -i < $T/frames.pcs | awk -F'\t' '{
	if (substr($1, 1, 11) == " (inlined) ") print $2 "\t" $3
	else { f = $2; sub(/\+0x[0-9a-f]+\/0x[0-9a-f]+$/, "", f); print f "\t" $3 } }' > $T/frames.got
check "lookup -i: $(wc -l < $T/frames.want) frames of $(wc -l < $T/frames.pcs) stack PCs as the runtime's" \
	cmp $T/frames.want $T/frames.got
printf 'inline maybe\n' > $T/badinl
check "an inline request other than on/off fails with EINVAL" sh -c "! cat $T/badinl > $D/lookup"

# gosym bt: a goroutine blocked in read(2) at the end of a call chain; its
# thread's stack through the module against the program's runtime.Stack
# (tests/qemu compares the lists).  And a goroutine parked in a channel
# receive, on no thread: gosym bt PID G from its runtime.g.  The program
# stays parked for kdb gobt after this script.
gosym-truth park > $T/park.out &
ppid=$!
i=0
while ! grep -q GOSYM-PARKED $T/park.out && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
g=$(sed -n 's/^GOSYM-G //p' $T/park.out)
gosym bt $ppid > $T/bt.out
gosym bt $ppid $g > $T/gbt.out
check "gosym bt $ppid: a thread in main.parkA's chain" grep -q 'main\.parkA+' $T/bt.out
check "gosym bt $ppid $g: the goroutine, in main.waitA's chain" grep -q 'main\.waitA+' $T/gbt.out
check "gosym bt of a goroutine starts in the scheduler" sh -c "sed -n 2p $T/gbt.out | grep -q runtime.gopark+"
check "a G that is no goroutine is refused" sh -c \
	"gosym bt $ppid $((g + 8)) | grep -qx '# goroutine $(printf 0x%x $((g + 8))) of $ppid: not a parked goroutine'"
check "a G not in memory is refused" sh -c \
	"gosym bt $ppid 0x1000 | grep -q ': cannot read the goroutine'"
check "a gbt request without G fails with EINVAL" sh -c "! echo 'gbt $ppid' > $D/lookup"
check "gosym bt of no process fails" sh -c "! gosym bt 999999 2>/dev/null"
# the program's runtime.Stack and the walks, for tests/qemu to compare
for f in park bt gbt; do
	echo "E2E-BEGIN $f"
	cat $T/$f.out
	echo "E2E-END $f"
done

# Line -> PC ranges: live (a "pcs FILE:LINE" request to lookup) as offline.
pos=$(sed -n 5000p $T/live | cut -f3)
gosym -e /bin/gosym-truth pcs "$pos" > $T/pcs.offline
gosym pcs "$pos" > $T/pcs.live
check "pcs $pos: live as offline ($(wc -l < $T/pcs.live) ranges)" cmp $T/pcs.offline $T/pcs.live
check "pcs of a line with no code exits 1" sh -c "gosym pcs no/such/file.go:1; test \$? = 1"
printf 'pcs nocolon\n' > $T/badpcs
check "a pcs request without FILE:LINE fails with EINVAL" sh -c "! cat $T/badpcs > $D/lookup"

# bias: a PIE's runtime addresses, as offline --bias answers them
probe=$(head -1 $T/pcs)
check "bias starts at 0" test "$(cat $D/bias)" = 0x0
echo 0x10000 > $D/bias
check "info shows the bias" test "$(key bias)" = 0x10000
check "look-ups take the bias off" test \
	"$(gosym lookup $((probe + 0x10000)))" = "$(gosym -e /bin/gosym-truth --bias 0x10000 lookup $((probe + 0x10000)))"
check "funcs add it" test "$(sed -n 100p $D/funcs)" = "$(gosym -e /bin/gosym-truth --bias 0x10000 funcs | sed -n 100p)"
check "pcs add it" test "$(gosym pcs "$pos" | head -1)" = "$(gosym -e /bin/gosym-truth --bias 0x10000 pcs "$pos" | head -1)"
check "a bad bias fails" sh -c "! echo banana > $D/bias"
check "and keeps the bias" test "$(cat $D/bias)" = 0x10000
echo 0 > $D/bias

# Bad writes fail with EINVAL and change nothing.
probe=$(head -1 $T/pcs)
want=$(gosym lookup $probe)
bad_write() { # NAME, input on stdin
	exec 3<>$D/lookup
	if cat >&3 2>$T/err; then not_ok "$1 is refused"; else
		if grep -q "Invalid argument" $T/err; then ok "$1 fails with EINVAL"; else not_ok "$1: $(cat $T/err)"; fi
	fi
	echo $probe >&3
	got=$(cat <&3)
	exec 3>&-
	check "$1 leaves nothing behind" test "$got" = "$want"
}
echo "0x12zz" | bad_write "a non-number"
echo "0x401000 banana 0x401001" | bad_write "one bad address among good ones"
echo "99999999999999999999999" | bad_write "an address that overflows"
echo "   " | bad_write "a write with no address"
head -c 70000 /dev/zero | tr '\0' '1' | bad_write "an overlong line"
head -c 1048576 /dev/urandom | bad_write "1 MiB of garbage"
check "info unchanged after bad writes" test "$(key source)" = "vmlinux:.gopclntab"

# load: another real table replaces the active one while readers read.
other_pc=$(gosym -t /extra/other.tab funcs | sed -n 100p | cut -f1)
gosym -t /extra/other.tab lookup $other_pc > $T/other.want
n_own=$(wc -l < $T/funcs.live)
n_other=$(gosym -t /extra/other.tab funcs | wc -l)
readers=
for r in 1 2 3 4; do
	(
		i=0; bad=0
		while [ ! -e $T/stop ]; do
			n=$(cat $D/funcs | wc -l)
			[ "$n" = "$n_own" ] || [ "$n" = "$n_other" ] || bad=$((bad + 1))
			gosym lookup $probe $other_pc > /dev/null || bad=$((bad + 1))
			i=$((i + 1))
		done
		echo "$i $bad" > $T/reader.$r
	) &
	readers="$readers $!"
done
check "load another real table (go1.18, $(wc -c < /extra/other.tab) bytes)" gosym load /extra/other.tab
check "info: source is debugfs:load" test "$(key source)" = "debugfs:load"
gosym lookup $other_pc > $T/other.got
check "look-ups answer from the loaded table" cmp $T/other.want $T/other.got
i=0
while [ $i -lt 10 ]; do gosym load /bin/gosym-truth && gosym load /extra/other.tab; i=$((i + 1)); done
touch $T/stop
# (not a bare wait: the parked Go program above runs on, for kdb)
wait $readers
for r in 1 2 3 4; do
	read n bad < $T/reader.$r
	check "reader $r: $n rounds across 21 loads, every answer whole" test "$bad" = 0 -a "$n" -gt 0
done
check "load a ${BIG_MB:-64} MiB table" gosym load /extra/big.tab
check "the big table answers" test "$(gosym lookup $probe | cut -f2)" = "$(gosym -t /extra/big.tab lookup $probe | cut -f2)"
head -c 4096 /extra/other.tab > $T/trunc.tab
check "load of a truncated table fails" sh -c "! gosym load $T/trunc.tab"
check "and keeps the previous table" test "$(key size)" = "$(wc -c < /extra/big.tab)"
check "load the original back" gosym load /bin/gosym-truth

# a Go 1.26 binary: its table records no text start; load fills it in
gosym -e /extra/go126 funcs | awk -F'\t' 'NR % 20 == 1 { print $1 }' > $T/pcs126
gosym -e /extra/go126 lookup < $T/pcs126 > $T/want126
check "load a Go 1.26 binary (its table has text start 0)" gosym load /extra/go126
gosym lookup < $T/pcs126 > $T/got126
check "its $(wc -l < $T/pcs126) look-ups answer as offline" cmp $T/want126 $T/got126
check "load --bias sets the bias with the table" gosym load --bias 0x2000 /bin/gosym-truth
check "info shows it" test "$(key bias)" = 0x2000
check "load the original back" gosym load /bin/gosym-truth
check "a load starts at bias 0" test "$(key bias)" = 0x0

# A position-independent build of the program, run here: its runtime
# addresses resolve through the load bias (where it is mapped, less its
# link address), as a user reads it from /proc/PID/maps.
if [ -e /extra/truth-pie ]; then
	mkdir -p /lib64 && cp /extra/ld-linux-x86-64.so.2 /lib64/
	echo 0 > /proc/sys/kernel/randomize_va_space	# the same base each run
	/extra/truth-pie pcs 5000 > $T/pie.truth
	/extra/truth-pie spin & pid=$!
	sleep 1
	base=$(grep -m1 truth-pie /proc/$pid/maps | cut -d- -f1)
	kill $pid
	echo 2 > /proc/sys/kernel/randomize_va_space
	bias=$((0x$base - $(cat /extra/pie.link)))
	check "load a PIE build with its load bias ($(printf 0x%x $bias))" gosym load --bias $bias /extra/truth-pie
	cp $T/truth $T/truth.own
	cp $T/pie.truth $T/truth
	cut -f1 $T/pie.truth | gosym lookup > $T/pie.live
	compare "PIE: runtime addresses through the bias" $T/pie.live
	cp $T/truth.own $T/truth
	check "load the original back" gosym load /bin/gosym-truth
fi

# unload and load again, 20 times
i=0
while [ $i -lt 20 ]; do
	rmmod gosym || break
	insmod /lib/modules/gosym.ko || break
	i=$((i + 1))
done
check "rmmod and insmod 20 times" test $i = 20
check "info after reloading" test "$(key source)" = "vmlinux:.gopclntab"

# What kdb must print, through debugfs and the CLI, for tests/qemu to
# compare with the kdb session that follows.
echo "E2E-EXPECT-GOSYM $(gosym lookup $(cat /extra/kdb.pcs) | tr '\t\n' '|;')"
echo "E2E-EXPECT-GOFUNC $(gosym func main.main | tr '\t' '|')"
echo "E2E-EXPECT-GOINFO $(grep -v init_ns $D/info | tr '\t\n' '|;')"
echo "E2E-EXPECT-GOPCS $(gosym pcs "$(cat /extra/kdb.pos)" | tr '\t\n' '|;')"
echo "E2E-EXPECT-GOSYMI $(gosym lookup -i $(cat /extra/kdb.inl) | tr '\t\n' '|;')"
# and kdb gobt's arguments: the parked program (left running) and goroutine
echo "GOSYM-VAR PID $ppid"
echo "GOSYM-VAR G $g"
