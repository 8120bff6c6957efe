# SPDX-License-Identifier: GPL-2.0
# The guest side of tests/qemu's gdb session: the Go program parks a
# goroutine and keeps a CPU in its own code (park spin); its runtime.Stack
# goes to the log, the parked goroutine's runtime.g to gdb as {G}.  Then
# the guest waits for gdb (qemu/run --gdb) to be done.
gosym-truth park spin > /tmp/park.out &
i=0
while ! grep -q GOSYM-PARKED /tmp/park.out && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
cat /tmp/park.out
echo "GOSYM-VAR G $(sed -n 's/^GOSYM-G //p' /tmp/park.out)"
echo GOSYM-GDB-READY
read -r _
kill $!
