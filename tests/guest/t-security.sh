# SPDX-License-Identifier: GPL-2.0
# Who may change and see what: changes and the events group need
# CAP_SYS_ADMIN (CAP_NET_ADMIN, which Docker hands out, is not enough); every
# command sees only the containers inside the caller's cgroup namespace;
# namespace ids go only to a caller with CAP_SYS_PTRACE.
# Commands: GET_INFO 1, ADD 2, DEL 3, GET 4, SET 6.  ISO_A_CONTAINER is 3; inside
# it NAME 2, CGROUP_ID 3, CGROUP_FD 4.
. ./lib.sh

CAPEXEC=/tests/tools/capexec
NET_ADMIN_ONLY="$CAPEXEC cap_net_admin"

trap 'kill $sleeper 2>/dev/null; drop_container s1; drop_container s2;
      drop_container inner; rmdir $CG/ns/inner $CG/ns 2>/dev/null' EXIT

new_container s1
mkdir $CG/s2 $CG/ns $CG/ns/inner || fail "mkdir"
id=$(stat -c %i $CG/s1)

# CAP_NET_ADMIN alone: no ADD, no DEL, no events.
out=$($NET_ADMIN_ONLY $NLSEND 3 3:nest 2:str:s1 end)
expect_match "DEL with CAP_NET_ADMIN only" "$out" "^error 1 "
out=$($NET_ADMIN_ONLY $NLSEND 3 3:nest 3:u64:$id end)
expect_match "DEL by id with CAP_NET_ADMIN only" "$out" "^error 1 "
isoctl stats s1 --json >/dev/null || fail "CAP_NET_ADMIN alone deleted s1"
out=$($NET_ADMIN_ONLY $NLSEND 2 3:nest 2:str:s2 4:fd:$CG/s2 end)
expect_match "ADD with CAP_NET_ADMIN only" "$out" "^error 1 "
out=$($NET_ADMIN_ONLY $NLSEND 6 3:nest 2:str:s1 6:u32:1 end)
expect_match "SET with CAP_NET_ADMIN only" "$out" "^error 1 "
out=$($NET_ADMIN_ONLY isoctl events --timeout 1 2>&1) &&
	fail "events with CAP_NET_ADMIN only: $out"
expect_match "events with CAP_NET_ADMIN only" "$out" "Operation not permitted"
# reading needs no capability: a GET of one, and a dump
expect_eq "GET without capabilities" "$($CAPEXEC none $NLSEND 4 3:nest 2:str:s1 end)" ok
$CAPEXEC none isoctl stats s1 --json >/dev/null || fail "a dump without capabilities"

# From a cgroup namespace rooted at $CG/ns, s1 does not exist: not by
# name, not by id, not in a dump, not in the count.
isoctl track $CG/ns/inner --name inner || fail "track inner"
in_ns() { $CGEXEC -n $CG/ns "$@"; }
out=$(in_ns $NLSEND 4 3:nest 3:u64:$id end)
expect_match "GET by id from a child cgroup ns" "$out" "^error 2 "
out=$(in_ns $NLSEND 4 3:nest 2:str:s1 end)
expect_match "GET by name from a child cgroup ns" "$out" "^error 2 "
out=$(in_ns $NLSEND 3 3:nest 3:u64:$id end)
expect_match "DEL by id from a child cgroup ns" "$out" "^error 2 "
out=$(in_ns $NLSEND 3 3:nest 2:str:s1 end)
expect_match "DEL by name from a child cgroup ns" "$out" "^error 2 "
isoctl stats s1 --json >/dev/null || fail "s1 deleted from a child cgroup ns"
out=$(in_ns isoctl stats --json) || fail "dump from a child cgroup ns"
expect_match "dump from a child cgroup ns has inner" "$out" '"name": "inner"'
expect_match "inner's path, from its namespace" "$out" '"cgroup_path": "/inner"'
! echo "$out" | grep -q '"name": "s1"' || fail "dump from a child cgroup ns shows s1"
count() { sed -n 's/^Containers: \([0-9]*\) .*/\1/p'; }
expect_eq "count from a child cgroup ns" "$(in_ns isoctl checkconfig | count)" 1
expect_eq "count from the root" "$(isoctl checkconfig | count)" 2

# ADD from inside refuses a cgroup outside, even one given by fd.
out=$(in_ns $NLSEND 2 3:nest 2:str:s2 4:fd:$CG/s2 end)
expect_match "ADD outside the cgroup ns by fd" "$out" "^error 1 .*outside"
isoctl stats s2 --json 2>/dev/null && fail "s2 was added from a child cgroup ns"

# Namespace ids only with CAP_SYS_PTRACE; the rest of the record stays.
$CGEXEC $CG/s1 unshare -u sleep 60 &
sleeper=$!
wait_exec $sleeper sleep
isoctl untrack s1 && isoctl track $CG/s1 --name s1 --pid $sleeper ||
	fail "track s1 --pid"
uts=$(readlink /proc/$sleeper/ns/uts | tr -dc 0-9)
out=$(isoctl stats s1 --json)
expect_match "uts ns as root" "$out" "\"uts\": $uts[,}]"
out=$($CAPEXEC cap_sys_admin isoctl stats s1 --json)
! echo "$out" | grep -q "\"uts\":" ||
	fail "namespace ids without CAP_SYS_PTRACE: $out"
expect_match "init pid without CAP_SYS_PTRACE" "$out" "\"init_pid\": $sleeper,"
out=$($CAPEXEC cap_sys_ptrace isoctl stats s1 --json)
expect_match "uts ns with CAP_SYS_PTRACE" "$out" "\"uts\": $uts[,}]"
