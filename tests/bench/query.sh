#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# In one guest boot: what a per-container accounting query costs from
# iso.ko and from cgroupfs, with N = 1 and 1000 containers and T = 1000,
# 5000 and 20000 sleeping threads spread over them and the host.  Every
# figure is the median of R runs, in microseconds:
#  - in one process: a dump of every container against the scraper's
#    reading of the same fields for all N (tests/bench/scrape.c), and a GET
#    of one container against its files alone;
#  - as whole processes: "isoctl stats --json" and "isoctl stats NAME
#    --json" against one run of the scraper.
# Then isoctl's start-up against /bin/true.  make bench-query boots the
# guest with --icount: its clock counts instructions, so every figure is
# work done, free of the host's noise and of the emulator's translation.
#   query.sh [R]
R=${1:-9}
CG=/sys/fs/cgroup
B=/tests/bench
D=$CG/qb

echo 200000 >/proc/sys/kernel/threads-max
echo 200000 >/proc/sys/kernel/pid_max
H=$CG/qhost
mkdir $D $H || exit 1
echo "+memory +pids" >$D/cgroup.subtree_control || exit 1

threads_now() { awk '{ split($4, a, "/"); print a[2] }' /proc/loadavg; }

# wait_threads CMP T: until the task count is CMP (-ge or -lt) T
wait_threads()
{
	local i=0

	until [ "$(threads_now)" "$1" "$2" ]; do
		i=$((i + 1))
		[ $i -lt 1200 ] || { echo "query: threads stuck at $(threads_now)"; exit 1; }
		sleep 0.1
	done
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b ? a / b : 0 }'; }

printf '%5s %6s | %9s %9s %6s | %7s %7s %6s | %10s %10s %6s | %9s %9s %6s\n' \
	N T dump scrape x get files x "isoctl all" "scrape all" x \
	"isoctl one" "scrape one" x
for N in 1 1000; do
	$B/query setup $D $N || exit 1
	for T in 1000 5000 20000; do
		base=$(threads_now)
		setsid $B/query threads $D $N $T $H &
		wait_threads -ge $((base + T))
		dump=$($B/query dump $R)
		scrape=$($B/scrape $D $N $R)
		get=$($B/query get q0 $R)
		one=$($B/scrape $D/c0 0 $R)
		pdump=$($B/query run $R isoctl stats --json)
		pscrape=$($B/query run $R $B/scrape $D $N 1)
		pget=$($B/query run $R isoctl stats q0 --json)
		pone=$($B/query run $R $B/scrape $D/c0 0 1)
		printf '%5s %6s | %9s %9s %6s | %7s %7s %6s | %10s %10s %6s | %9s %9s %6s\n' \
			$N $T $dump $scrape "$(ratio $scrape $dump)" \
			$get $one "$(ratio $one $get)" \
			$pdump $pscrape "$(ratio $pscrape $pdump)" \
			$pget $pone "$(ratio $pone $pget)"
		echo "$N $T $dump" >>/tmp/query.dumps
		kill $(pidof query)
		wait_threads -lt $((base + 50))
	done
	i=0
	while [ $i -lt $N ]; do
		rmdir $D/c$i
		i=$((i + 1))
	done
done
echo "x: cgroupfs time over iso.ko time; above 1, iso.ko is faster."

# The cost of a walk of the tasks, per task: a dump of 1000 containers
# at 20000 threads against 1000 threads.
awk '$1 == 1000 && $2 == 1000 { a = $3 } $1 == 1000 && $2 == 20000 { b = $3 }
	END { printf "dump of 1000: %.0f ns more per task (T 1000 -> 20000)\n",
		(b - a) * 1000 / 19000 }' /tmp/query.dumps

true_us=$($B/query run $R /bin/true)
for cmd in "isoctl --help" "isoctl version" "isoctl stats --json"; do
	us=$($B/query run $R $cmd)
	echo "start-up: $cmd ${us} us, /bin/true ${true_us} us, $(ratio $us $true_us)x"
done
rmdir $D $H
