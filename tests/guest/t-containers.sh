# SPDX-License-Identifier: GPL-2.0
# Tracking, reading, nesting and automatic removal of containers.
. ./lib.sh

# a failure must not leave c1 tracked for the tests after this one
trap 'drop_container c1' EXIT
new_container c1
out=$(isoctl stats --json) || fail "isoctl stats --json"
expect_match "dump has c1" "$out" '"name": "c1"'
expect_match "path" "$out" '"cgroup_path": "/c1"'
expect_eq "cgroup id is the inode" "$(iso_stat c1 cgroup_id)" "$(stat -c %i $CG/c1)"
expect_eq "no tasks yet" "$(iso_stat c1 threads)" 0

# A task in a nested cgroup counts toward the container.
mkdir $CG/c1/sub || fail "mkdir sub"
before=$(iso_stat c1 forks)
# (exit keeps sh from exec'ing the last command in place of a fork)
$CGEXEC $CG/c1/sub sh -c '/bin/true; /bin/true; exit 0' || fail "cgexec"
expect_eq "forks from a nested cgroup" $(($(iso_stat c1 forks) - before)) 2

# Tasks now: one process of three threads is not measurable with busybox,
# so count processes.
$CGEXEC $CG/c1 sleep 60 &
s1=$!
$CGEXEC $CG/c1/sub sleep 60 &
s2=$!
wait_exec $s1 sleep
wait_exec $s2 sleep
expect_eq "threads" "$(iso_stat c1 threads)" 2
expect_eq "processes" "$(iso_stat c1 processes)" 2
kill $s1 $s2
wait

# A process whose main thread has exited is still a process.
$CGEXEC $CG/c1 /tests/tools/load leader-exits 60 &
s1=$!
wait_until 10 "the leader never exited" 'grep -q "^State:.*zombie" /proc/$s1/status 2>/dev/null'
expect_eq "threads without the leader" "$(iso_stat c1 threads)" 1
expect_eq "a process without its leader" "$(iso_stat c1 processes)" 1
kill $s1
wait

# The init's namespaces and pid, when given.
$CGEXEC $CG/c1 unshare -u -i sleep 60 &
initpid=$!
wait_exec $initpid sleep
isoctl untrack c1 || fail "untrack"
isoctl stats c1 --json 2>/dev/null && fail "c1 still there after untrack"
isoctl track $CG/c1 --name c1 --pid $initpid || fail "track --pid"
out=$(isoctl stats c1 --json)
expect_match "init pid" "$out" "\"init_pid\": $initpid,"
uts=$(readlink /proc/$initpid/ns/uts | tr -dc 0-9)
net=$(readlink /proc/$initpid/ns/net | tr -dc 0-9)
expect_match "uts ns" "$out" "\"uts\": $uts[,}]"
expect_match "net ns" "$out" "\"net\": $net[,}]"
[ "$uts" != "$(readlink /proc/self/ns/uts | tr -dc 0-9)" ] || fail "unshare -u had no effect"
kill $initpid
wait

# Removing the cgroup removes the container; isoctl says so.
rmdir $CG/c1/sub || fail "rmdir sub"
isoctl stats c1 --json >/dev/null || fail "c1 gone with a sub-cgroup"
rmdir $CG/c1 || fail "rmdir c1"
err=$(isoctl stats c1 --json 2>&1) && fail "c1 still there after rmdir"
expect_eq "error" "$err" 'isoctl: no such container "c1"'
expect_eq "count" "$(isoctl checkconfig | sed -n 's/^Containers: \([0-9]*\) .*/\1/p')" 0
