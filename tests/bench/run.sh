#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# In one guest boot: the fork/exec/exit and pipe ping-pong benchmarks,
# pinned to one CPU, run in a cgroup without iso.ko, and with iso.ko
# tracking 100 containers, the benchmark's own among them, so every probe
# hits.  Each round measures off, on, on, off, so that the emulator's drift
# cancels within it; the per-round ratios and their median are reported,
# with the spread of each side.
# scripts/bench.sh boots the guest with --icount: its clock counts
# instructions, so a ratio is one of work done, free of the host's noise.
#   run.sh [ROUNDS] [FORKS] [PINGS]
ROUNDS=${1:-15}
FORKS=${2:-300}
PINGS=${3:-20000}
CG=/sys/fs/cgroup
D=$CG/bench
B=/tests/bench
. $B/stats.sh

in_cgroup()
{
	/tests/tools/cgexec $D/c0 "$@"
}

mkdir -p $D
i=0
while [ $i -lt 100 ]; do
	mkdir -p $D/c$i
	i=$((i + 1))
done

# In one process, so that little time passes between off and on.
track()
{
	insmod /lib/iso/iso.ko && $B/query setup $D 100 || exit 1
}

untrack()
{
	rmmod iso || exit 1
}

# measure SIDE: one run of each benchmark, appended to /tmp/*.SIDE
measure()
{
	in_cgroup $B/forkexec "$FORKS" /bin/true >>/tmp/fork.$1
	in_cgroup $B/pingpong "$PINGS" >>/tmp/ping.$1
}

grep -q '^iso ' /proc/modules && rmmod iso
r=0
while [ $r -lt "$ROUNDS" ]; do
	measure off
	track
	measure on
	measure on
	[ -n "$ISO_BENCH_NOCHECK" ] || isoctl stats q0 --json | grep -q '"forks": [1-9]' ||
		{ echo "bench: iso.ko counted nothing"; exit 1; }
	untrack
	measure off
	r=$((r + 1))
done

for b in fork ping; do
	off=$(median </tmp/$b.off)
	on=$(median </tmp/$b.on)
	ratio=$(awk -v a="$on" -v b="$off" 'BEGIN { printf "%.3f", a / b }')
	echo "bench $b: without iso.ko ${off} ns, with 100 containers ${on} ns, ratio $ratio"
	echo "bench $b: spread p25-p75 (min-max) over $ROUNDS rounds:" \
		"without $(spread </tmp/$b.off), with $(spread </tmp/$b.on)"
	round_ratios /tmp/$b.off /tmp/$b.on |
		awk '{ v[NR] = $1 } END { printf "bench %s: per-round ratios %.3f-%.3f, median %.3f\n", "'$b'", v[1], v[NR], v[int((NR + 1) / 2)] }'
done
