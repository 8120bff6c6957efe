# SPDX-License-Identifier: GPL-2.0
# Stress of gosym.ko in the guest (busybox sh), run by tests/stress:
# concurrent readers while load swaps tables, unload racing a reader, bad
# input on every writable file, an allocation failure at load.  Prints
# "ok - ..." / "not ok - ..." lines; qemu/run fails the run on any splat
# and scans kmemleak before powering off.

T=/tmp/stress
mkdir -p $T
. /extra/lib.sh

[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
insmod /lib/modules/gosym.ko
A=/bin/gosym-truth
B=/extra/other.tab
pa=$(gosym -e $A funcs | sed -n 1000p | cut -f1)
pb=$(gosym -t $B funcs | sed -n 1000p | cut -f1)
# each reader knows both possible answers for its PCs
gosym -e $A lookup $pa $pb > $T/want.a
gosym -t $B lookup $pa $pb > $T/want.b
na=$(gosym -e $A funcs | wc -l)
nb=$(gosym -t $B funcs | wc -l)

reader_lookup() { # each with its own open file, checking its own answers
	i=0; bad=0
	while [ ! -e $T/stop ]; do
		gosym lookup $pa $pb > $T/got.$1
		cmp -s $T/got.$1 $T/want.a || cmp -s $T/got.$1 $T/want.b || bad=$((bad + 1))
		i=$((i + 1))
	done
	echo "$i $bad" > $T/res.$1
}
reader_funcs() {
	i=0; bad=0
	while [ ! -e $T/stop ]; do
		n=$(wc -l < $D/funcs)
		[ "$n" = "$na" ] || [ "$n" = "$nb" ] || bad=$((bad + 1))
		i=$((i + 1))
	done
	echo "$i $bad" > $T/res.$1
}
for r in 1 2 3 4; do reader_lookup l$r & done
for r in 1 2 3 4; do reader_funcs f$r & done
i=0
while [ $i -lt 50 ]; do
	gosym load $B || break
	gosym load $A || break
	i=$((i + 1))
done
touch $T/stop
wait
check "load swapped tables 100 times under 8 readers" test $i = 50
for r in l1 l2 l3 l4 f1 f2 f3 f4; do
	read n bad < $T/res.$r
	check "reader $r: $n rounds, every answer from one whole table" test "$bad" = 0 -a "$n" -gt 0
done
rm -f $T/stop

# unload racing a reader: rmmod is refused (EBUSY) while the reader holds
# a file open, so it is retried until the module is free
( while [ ! -e $T/stop ]; do cat $D/funcs > /dev/null 2>&1; gosym lookup $pa > /dev/null 2>&1; done ) &
i=0
busy=0
while [ $i -lt 100 ] && [ $busy -lt 100000 ]; do
	if rmmod gosym 2>/dev/null; then
		insmod /lib/modules/gosym.ko || break
		i=$((i + 1))
	else
		busy=$((busy + 1))
	fi
done
touch $T/stop
wait
check "rmmod and insmod 100 times with a reader racing ($busy busy refusals)" test $i = 100

# bad input on every writable file
expect_fail() { # NAME MESSAGE CMD...: CMD must fail, saying MESSAGE
	name=$1
	msg=$2
	shift 2
	if "$@" 2> $T/err; then
		not_ok "$name is refused"
	elif grep -q "$msg" $T/err; then
		ok "$name is refused ($msg)"
	else
		not_ok "$name: $(head -1 $T/err)"
	fi
}
size_before=$(key size)
gosym -e $A table > $T/a.tab
head -c 65536 /dev/urandom > $T/random
expect_fail "random bytes to lookup" "Invalid argument" sh -c "cat $T/random > $D/lookup"
expect_fail "random bytes to load" "Invalid argument" dd if=$T/random of=$D/load bs=65536 count=1
expect_fail "a table cut in two writes to load" "Invalid argument" dd if=$T/a.tab of=$D/load bs=4096 count=2
expect_fail "a second write on the same open load file" "Invalid argument" sh -c \
	"exec 3>$D/load; dd if=$T/a.tab bs=4M >&3 2>/dev/null && dd if=$T/a.tab bs=4M >&3"
expect_fail "writing to info" "Invalid argument" sh -c "echo x > $D/info"
expect_fail "writing to funcs" "Invalid argument" sh -c "echo x > $D/funcs"
expect_fail "seeking in lookup" "Illegal seek" sh -c "exec 3<>$D/lookup; dd if=/dev/zero of=/dev/fd/3 bs=1 count=1 seek=5"
expect_fail "seeking in load" "Illegal seek" sh -c "exec 3>$D/load; dd if=/dev/zero of=/dev/fd/3 bs=1 count=1 seek=5"
check "nothing changed the table" test "$(key size)" = "$size_before"
check "look-ups still answer right" test "$(gosym lookup $pa | cut -f2)" = "$(gosym -e $A lookup $pa | cut -f2)"

# an allocation failure while loading: ENOMEM, nothing changed, no leak
F=/sys/kernel/debug/failslab
if [ -d $F ]; then
	echo 1 > $F/task-filter
	echo 100 > $F/probability
	echo 0 > $F/interval
	echo -1 > $F/times
	echo 0 > $F/space
	echo 1 > $F/ignore-gfp-wait 2>/dev/null
	echo 0 > $F/ignore-gfp-wait
	gosym -t $B table 2>/dev/null > /dev/null
	sh -c "echo 1 > /proc/self/make-it-fail; exec gosym load $B" 2> $T/err
	rc=$?
	echo 0 > $F/probability
	check "an allocation failure fails load (ENOMEM)" sh -c "[ $rc != 0 ] && grep -q 'Cannot allocate memory' $T/err"
	check "and keeps the previous table" test "$(key size)" = "$size_before"
else
	not_ok "failslab is not in this kernel"
fi
