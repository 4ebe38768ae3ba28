# SPDX-License-Identifier: GPL-2.0
# The counters agree with what cgroupfs and the test itself know.
. ./lib.sh

trap 'for c in cpu mem fx oom sig; do drop_container $c; done; rm -f /tmp/mem' EXIT

# CPU time within 2% of cpu.stat's usage_usec after 2 s of load.
new_container cpu
$CGEXEC $CG/cpu timeout 2 sh -c 'while :; do :; done'
iso=$(($(iso_stat cpu cpu_ns) / 1000))
cg=$(sed -n 's/^usage_usec //p' $CG/cpu/cpu.stat)
[ "$cg" -ge 1000000 ] || fail "load ran only ${cg} us"
diff=$((iso > cg ? iso - cg : cg - iso))
[ $((diff * 100)) -le $((cg * 2)) ] ||
	fail "cpu: iso ${iso} us, cpu.stat ${cg} us, off by ${diff} us"
echo "cpu: iso ${iso} us, cpu.stat ${cg} us"

# Memory of a quiescent container: memory.current to the page.  Where the
# memory controller is not on cgroup v2 (a pure v1 guest), the module
# says nothing about memory rather than something wrong.
new_container mem
if has_memcg; then
	$CGEXEC $CG/mem sh -c 'dd if=/dev/zero of=/tmp/mem bs=1M count=3 2>/dev/null; sleep 60' &
	holder=$!
	wait_until 10 "dd did not write 3 MiB" '[ "$(stat -c %s /tmp/mem 2>/dev/null)" = 3145728 ]'
	sleep 0.2
	iso=$(iso_stat mem memory_current)
	cg=$(cat $CG/mem/memory.current)
	diff=$((iso > cg ? iso - cg : cg - iso))
	[ $diff -le 4096 ] || fail "memory: iso $iso, memory.current $cg"
	[ "$cg" -gt 3000000 ] || fail "memory.current $cg is below the 3 MiB file"
	expect_eq "memory.max" "$(iso_stat mem memory_max)" 18446744073709551615
	echo 50000000 >$CG/mem/memory.max
	expect_eq "memory.max set" "$(iso_stat mem memory_max)" 49999872
	peak=$(iso_stat mem memory_peak)
	[ "$peak" -ge "$cg" ] || fail "memory peak $peak below current $cg"
	kill $holder
else
	isoctl stats mem --json | grep -q memory_current &&
		fail "memory figures without the memory controller on v2"
	echo "memory: no memory controller on cgroup v2, none reported"
fi

# N forks, execs and exits: exactly N, plus the exec and exit of the
# shell that cgexec runs.
N=50
new_container fx
$CGEXEC $CG/fx sh -c 'i=0; while [ $i -lt 50 ]; do /bin/true; i=$((i + 1)); done'
expect_eq "forks" "$(iso_stat fx forks)" $N
expect_eq "execs" "$(iso_stat fx execs)" $((N + 1))
expect_eq "exits" "$(iso_stat fx exits)" $((N + 1))

# OOM kills match memory.events after a forced OOM.
if has_memcg; then
	new_container oom
	echo 16M >$CG/oom/memory.max
	echo 0 >$CG/oom/memory.swap.max 2>/dev/null
	$CGEXEC $CG/oom sh -c "$EAT_MEMORY" 2>/dev/null
	events=$(sed -n 's/^oom_kill //p' $CG/oom/memory.events)
	[ "$events" -ge 1 ] || fail "no OOM kill happened"
	expect_eq "oom kills" "$(iso_stat oom oom_kills)" "$events"
fi

# Fatal signals: SIGKILL, and SIGTERM with no handler.
new_container sig
$CGEXEC $CG/sig sleep 60 &
p1=$!
$CGEXEC $CG/sig sleep 60 &
p2=$!
wait_exec $p1 sleep
wait_exec $p2 sleep
kill -KILL $p1
kill -TERM $p2
wait $p1 $p2
expect_eq "fatal signals" "$(iso_stat sig fatal_signals)" 2
