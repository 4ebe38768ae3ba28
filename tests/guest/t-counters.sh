# SPDX-License-Identifier: GPL-2.0
# Each counter is charged to the container the task was in when the event
# happened, never decreases, and means the same on every kernel of the
# matrix (Documentation/iso-netlink.rst says where kernels differ).
. ./lib.sh

LOAD=/tests/tools/load
trap 'kill $spinner 2>/dev/null; for c in cls mv ur sw; do drop_container $c; done' EXIT

# near WHAT GOT WANT PERCENT: GOT within PERCENT% of WANT
near()
{
	local diff=$(($2 > $3 ? $2 - $3 : $3 - $2))

	[ $((diff * 100)) -le $(($3 * $4)) ] ||
		fail "$1: iso $2, want $3 within $4%"
	echo "$1: iso $2, want $3"
}

usage_usec() { sed -n 's/^usage_usec //p' $CG/$1/cpu.stat; }

# CPU time of every scheduling class at once, within 1% of cpu.stat.
new_container cls
$CGEXEC $CG/cls $LOAD spin 1.5 other &
$CGEXEC $CG/cls $LOAD spin 1.5 fifo &
$CGEXEC $CG/cls $LOAD spin 1.5 deadline &
wait
[ "$(usage_usec cls)" -ge 1500000 ] || fail "the load ran only $(usage_usec cls) us"
near "cpu, other + fifo + deadline" $(($(iso_stat cls cpu_ns) / 1000)) \
	"$(usage_usec cls)" 1

# A busy task moved in and out again: CPU follows cpu.stat, bringing no
# history in, and no counter goes down meanwhile.
new_container mv
$LOAD spin 600 other &
spinner=$!
sleep 1
echo $spinner >$CG/mv/cgroup.procs || fail "moving the spinner in"
last=""
for i in 1 2 3 4 5; do
	now=$(isoctl stats mv --json | grep -o '"[a-z_]*": [0-9][0-9]*' |
		grep -v '"\(threads\|processes\|memory_[a-z]*\|init_pid\)"')
	if [ -n "$last" ]; then
		echo "$now" | while read -r key value; do
			old=$(echo "$last" | sed -n "s/^$key //p")
			[ "${value}" -ge "${old:-0}" ] ||
				fail "$key went down: $old, then $value"
		done || exit 1
	fi
	last=$now
	sleep 0.2
done
echo $spinner >$CG/cgroup.procs || fail "moving the spinner out"
sleep 0.5
kill $spinner
wait $spinner
[ "$(usage_usec mv)" -ge 1000000 ] || fail "the spinner ran $(usage_usec mv) us inside"
near "cpu of a task moved in and out" $(($(iso_stat mv cpu_ns) / 1000)) \
	"$(usage_usec mv)" 1

# io_uring workers come from create_io_thread(), not kernel_clone(): they
# are forks too.  The one task that joined from outside (cgexec's) is the
# only exit without a fork.
new_container ur
out=$($CGEXEC $CG/ur sh -c "$LOAD uring 4; exit 0") || fail "load uring: $out"
workers=${out#workers }
[ "$workers" -ge 1 ] || fail "no io_uring worker was seen"
forks=$(iso_stat ur forks)
[ "$forks" -ge $((workers + 1)) ] ||
	fail "forks $forks: the $workers io_uring workers are missing"
expect_eq "exits, after io_uring workers came and went" "$(iso_stat ur exits)" \
	$((forks + 1))

# Context switches against the task's own counters, over its whole life
# inside the container (clone3 with CLONE_INTO_CGROUP), as wait4() gives
# them: its exit included, whose switches on PREEMPT_RT (sleeping locks,
# the parent's wakeup) are several.
new_container sw
set -- $($LOAD switches $CG/sw 300)
[ "$1" = nvcsw ] && [ "$2" -ge 250 ] || fail "load switches: $*"
near "voluntary switches" "$(iso_stat sw voluntary_ctxt_switches)" "$2" 2
iso_total=$(($(iso_stat sw voluntary_ctxt_switches) + $(iso_stat sw involuntary_ctxt_switches)))
near "all switches" $iso_total $(($2 + $4)) 2
