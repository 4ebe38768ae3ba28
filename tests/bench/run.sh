#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# In one guest boot: the fork/exec/exit and pipe ping-pong benchmarks run
# in a cgroup without iso.ko, and with iso.ko tracking 100 containers, the
# benchmark's own among them, so every probe hits.  Rounds alternate
# between the two to spread the emulator's drift; medians are compared.
#   run.sh [ROUNDS] [FORKS] [PINGS]
ROUNDS=${1:-9}
FORKS=${2:-1000}
PINGS=${3:-20000}
CG=/sys/fs/cgroup
B=/tests/bench

median()
{
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

in_cgroup()
{
	/tests/tools/cgexec $CG/bench0 "$@"
}

for i in $(seq 0 99); do
	mkdir $CG/bench$i
done

track()
{
	insmod /lib/iso/iso.ko || exit 1
	for i in $(seq 0 99); do
		isoctl track $CG/bench$i --name bench$i || exit 1
	done
}

untrack()
{
	rmmod iso || exit 1
}

grep -q '^iso ' /proc/modules && rmmod iso
r=0
while [ $r -lt "$ROUNDS" ]; do
	in_cgroup $B/forkexec "$FORKS" /bin/true >>/tmp/fork.off
	in_cgroup $B/pingpong "$PINGS" >>/tmp/ping.off
	track
	in_cgroup $B/forkexec "$FORKS" /bin/true >>/tmp/fork.on
	in_cgroup $B/pingpong "$PINGS" >>/tmp/ping.on
	[ -n "$ISO_BENCH_NOCHECK" ] || isoctl stats bench0 --json | grep -q '"forks": [1-9]' ||
		{ echo "bench: iso.ko counted nothing"; exit 1; }
	untrack
	r=$((r + 1))
done

for b in fork ping; do
	off=$(median </tmp/$b.off)
	on=$(median </tmp/$b.on)
	ratio=$(awk -v a="$on" -v b="$off" 'BEGIN { printf "%.3f", a / b }')
	echo "bench $b: without iso.ko ${off} ns, with 100 containers ${on} ns, ratio $ratio"
done
