#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# In the guest, for SECONDS (60): one process creates 200 containers, a
# nested one inside every other, fills them with short-lived tasks and
# destroys them, over and over; a second dumps without pause and checks
# that every dump is consistent; a third races ADD against rmdir of the
# same cgroup; a fourth sets and clears fork_rate, cpu_budget, mem_watch
# and net limits on containers as they come and go; a fifth burns CPU; a
# sixth listens to the events, so that they are built and sent; a
# seventh sends UDP from inside the containers, through the net hooks.
# Halfway, iso.ko is unloaded under the load and loaded again.  At the
# end no container may be left: one whose cgroup went before its ADD
# finished must not survive.  The runner then checks dmesg, lockdep,
# KASAN and kmemleak.
#   churn.sh [SECONDS] [CONTAINERS]
. /tests/guest/lib.sh

SECONDS_TOTAL=${1:-60}
N=${2:-200}
STOP=/tmp/churn.stop
rm -f $STOP /tmp/churn.*

# Destroy half by untrack then rmdir, half by rmdir alone.  A round of
# 200 takes minutes on a debug kernel under TCG: the stop is checked at
# each container, and what was made is destroyed.
churn()
{
	local round=0 total=0 i made

	while [ ! -e $STOP ]; do
		i=0
		while [ $i -lt "$N" ] && [ ! -e $STOP ]; do
			mkdir $CG/churn$i
			isoctl track $CG/churn$i --name churn$i 2>/dev/null
			if [ $((i % 2)) -eq 1 ]; then
				mkdir $CG/churn$i/in
				isoctl track $CG/churn$i/in --name churn${i}in \
					2>/dev/null
				# forks the limiter's 5/s may kill at birth
				$CGEXEC $CG/churn$i/in sh -c \
					'/bin/true; /bin/true; exit 0'
			fi
			$CGEXEC $CG/churn$i sh -c 'true; true; exit 0'
			i=$((i + 1))
		done
		made=$i
		i=0
		while [ $i -lt "$made" ]; do
			[ $((i % 2)) -eq 0 ] &&
				isoctl untrack churn$i 2>/dev/null
			rmdir $CG/churn$i/in 2>/dev/null
			rmdir $CG/churn$i
			i=$((i + 1))
		done
		round=$((round + 1))
		total=$((total + made))
		echo "$round rounds, $total containers" >/tmp/churn.rounds
	done
}

# A dump is consistent when every record is whole and no name repeats.
dumper()
{
	local n=0 bad=0 out names

	while [ ! -e $STOP ]; do
		out=$(isoctl stats --json 2>/dev/null) || continue
		n=$((n + 1))
		names=$(echo "$out" | grep -o '"name": "[^"]*"')
		if echo "$names" | sort | uniq -d | grep -q .; then
			echo "dump $n repeats a name" >>/tmp/churn.bad
		fi
		if [ "$(echo "$out" | grep -c '"stats": {')" != \
		     "$(echo "$names" | grep -c .)" ]; then
			echo "dump $n has a record without stats" >>/tmp/churn.bad
		fi
	done
	echo $n >/tmp/churn.dumps
}

# ADD and rmdir of one cgroup at once, so that some ADDs land while the
# cgroup is being removed.
racer()
{
	local n=0

	while [ ! -e $STOP ]; do
		mkdir $CG/race
		# every other time with a monitor, whose socket then closes
		if [ $((n % 2)) -eq 0 ]; then
			isoctl track $CG/race --name race 2>/dev/null &
		else
			$NLSEND 2 3:nest 2:str:race 5:str:/race 11:flag end \
				>/dev/null 2>&1 &
		fi
		rmdir $CG/race
		wait
		# its cgroup is gone: the container must go too, once the
		# deferred unregistration has run
		if isoctl stats race --json >/dev/null 2>&1; then
			sleep 1
			if isoctl stats race --json >/dev/null 2>&1; then
				echo "race $n: a container outlived its cgroup" \
					>>/tmp/churn.bad
				isoctl untrack race
			fi
		fi
		n=$((n + 1))
	done
	echo $n >/tmp/churn.races
}

# Limits on containers that come and go: a limit goes with its container.
# Inner containers kill at birth past 5 forks a second, and some spend a
# 1 ms CPU budget with kill; outer ones watch a level of memory every
# 10 ms, count their execs of busybox, and hold their sockets to a 4 KiB
# tx quota that the talker spends: the probes, the hooks, the work items and their cancelling all
# run under the churn and the rmmod.
limiter()
{
	local n=0 i

	while [ ! -e $STOP ]; do
		i=$((n % N))
		isoctl limit churn$i --fork-rate 1000/s \
			--cpu-budget 1s,on-exceed=notify \
			--mem-watch 256K,every=10ms --exec-count /bin/busybox \
			--net-deny udp:7 --net-quota tx:4K 2>/dev/null
		isoctl limit churn${i}in --fork-rate 5/s,burst=1 \
			--net-account 2>/dev/null
		[ $((n % 2)) -ne 0 ] || isoctl limit churn${i}in \
			--cpu-budget 1ms,on-exceed=kill 2>/dev/null
		[ $((n % 3)) -ne 0 ] || isoctl limit churn$i --clear all \
			2>/dev/null
		isoctl limit race --fork-rate 10/s 2>/dev/null
		n=$((n + 1))
	done
	echo $n >/tmp/churn.limits
}

# UDP from the inner containers to the discard port: counted at both
# levels, denied by the rule on 7 and dropped past the quota on 9.
talker()
{
	local n=0

	while [ ! -e $STOP ]; do
		$CGEXEC $CG/churn$((n % N))/in /tests/tools/nettraffic \
			udp-send 127.0.0.1 $((7 + n % 2 * 2)) 10 200 \
			>/dev/null 2>&1
		n=$((n + 1))
	done
}

burner()
{
	while [ ! -e $STOP ]; do :; done
}

# Events are only queued while someone listens; across the rmmod too.
listener()
{
	while [ ! -e $STOP ]; do
		# long enough not to miss the debug kernels' rare events
		isoctl events --json --timeout 10 2>>/tmp/churn.events.err
	done | wc -l >/tmp/churn.events
}

rm -f /tmp/churn.events.err
listener &
# the first containers' events are heard, however slow the kernel
wait_until 60 "isoctl events did not start" \
	'grep -q listening /tmp/churn.events.err 2>/dev/null'
churn &
dumper &
racer &
limiter &
talker &
burner &

sleep $((SECONDS_TOTAL / 2))
# rmmod under load either refuses while a dump holds the module or goes
rmmod iso 2>/tmp/churn.rmmod && echo "rmmod: unloaded under load" ||
	echo "rmmod: refused ($(cat /tmp/churn.rmmod))"
grep -q '^iso ' /proc/modules || insmod $ISO_KO || fail "insmod after rmmod"
sleep $((SECONDS_TOTAL - SECONDS_TOTAL / 2))
touch $STOP
wait

echo "churn: $(cat /tmp/churn.rounds) (up to $N a round)," \
	"$(cat /tmp/churn.dumps) dumps, $(cat /tmp/churn.races) ADD/rmdir races," \
	"$(cat /tmp/churn.limits) rounds of limits, $(cat /tmp/churn.events) events"
[ ! -s /tmp/churn.bad ] || fail "$(cat /tmp/churn.bad)"
left=$(ls -d $CG/churn* $CG/race 2>/dev/null | wc -l)
[ "$left" -eq 0 ] || fail "$left churn cgroups left behind"
sleep 1	# the last rmdir's unregistration is deferred to a work item
expect_eq "containers left" "$(isoctl checkconfig | sed -n 's/^Containers: \([0-9]*\) .*/\1/p')" 0
[ "$(cat /tmp/churn.dumps)" -gt 0 ] || fail "no dump completed"
[ "$(cat /tmp/churn.limits)" -gt 0 ] || fail "no limit was set"
[ "$(cat /tmp/churn.events)" -gt 0 ] ||
	fail "no event was heard: $(tail -n3 /tmp/churn.events.err)"
rmmod iso || fail "final rmmod"
