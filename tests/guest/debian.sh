# SPDX-License-Identifier: GPL-2.0
# gosym.ko on Debian 12's own kernel (busybox sh), run by tests/debian: no
# .gopclntab and no kdb there, so it must come up without a table, say so,
# and answer once one is loaded.

T=/tmp/debian
mkdir -p $T
. /extra/lib.sh

check "insmod gosym.ko on $(uname -r)" insmod /lib/modules/gosym.ko
check "info: no table yet" test "$(key source)" = "none"
check "info: kdb is missing from this kernel" test "$(key kdb)" = "no"
check "a look-up without a table answers ?" test "$(gosym lookup 0x401000 | cut -f2-)" = "$(printf '?\t?:0')"
check "dmesg says there is no table" sh -c "dmesg | grep -q 'gosym: no table'"
check "gosym load of the Go program's own ELF file" gosym load /bin/gosym-truth
check "info: source is debugfs:load" test "$(key source)" = "debugfs:load"

gosym-truth pcs 20000 > $T/truth
cut -f1 $T/truth > $T/pcs
gosym lookup < $T/pcs > $T/live
compare "look-ups after load" $T/live
check "funcs lists every function" sh -c "gosym -e /bin/gosym-truth funcs | cmp - $D/funcs"
check "a bad address fails with EINVAL" sh -c "! echo 0xzz > $D/lookup"
check "rmmod" rmmod gosym
