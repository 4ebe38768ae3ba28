# SPDX-License-Identifier: GPL-2.0
# fork_rate: processes over the rate are killed at birth, having run
# nothing, and counted; threads never are; a fork bomb is held at the rate
# while a shell outside answers within a second; one event a second at
# most says so; and bad limits are refused with the right errno.
# Commands: LIMIT_SET 7, LIMIT_CLEAR 8, LIMIT_GET 9.  ISO_A_CONTAINER 3
# (NAME 2), ISO_A_LIMIT 5: CONTROLLER 1, PARAMS 2; fork_rate's RATE 2,
# BURST 3, KILLED 4.
. ./lib.sh

FORKRATE=/tests/tools/forkrate
trap 'kill $listener 2>/dev/null; drop_container fr1' EXIT
iso_loaded || iso_reload

new_container fr1

# Bad input: one line each, and nothing set.
expect_error "rate 0" 22 7 3:nest 2:str:fr1 end 5:nest 1:str:fork_rate 2:nest 2:u32:0 end end
expect_error "rate -1" 22 7 3:nest 2:str:fr1 end 5:nest 1:str:fork_rate 2:nest 2:u32:4294967295 end end
expect_error "no rate" 22 7 3:nest 2:str:fr1 end 5:nest 1:str:fork_rate 2:nest 3:u32:5 end end
expect_error "state in a request" 22 7 3:nest 2:str:fr1 end 5:nest 1:str:fork_rate 2:nest 2:u32:5 4:u64:1 end end
expect_error "unknown controller" 95 7 3:nest 2:str:fr1 end 5:nest 1:str:no_such 2:nest end end
expect_error "no such container" 2 7 3:nest 2:str:nosuch end 5:nest 1:str:fork_rate 2:nest 2:u32:5 end end
expect_error "no limit nest" 22 7 3:nest 2:str:fr1 end
out=$(/tests/tools/capexec cap_net_admin $NLSEND 7 3:nest 2:str:fr1 end 5:nest 1:str:fork_rate 2:nest 2:u32:5 end end)
expect_match "without CAP_SYS_ADMIN" "$out" "^error 1 \(.*\): .+"
out=$(isoctl limit fr1 --fork-rate -5/s 2>&1) && fail "isoctl took a negative rate"
expect_eq "isoctl on a negative rate" "$(echo "$out" | wc -l)" 1
out=$(isoctl limit fr1 --clear fork-rate 2>&1) || fail "clearing an unset limit: $out"
expect_match "clearing an unset limit" "$out" "nothing was set"
expect_match "no limits" "$(isoctl limit fr1)" "^fr1: no limits$"

fresh /tmp/fr-events /tmp/fr-events.err
isoctl events --json --timeout 60 >/tmp/fr-events 2>/tmp/fr-events.err &
listener=$!
wait_until 5 "isoctl events did not start" 'grep -q listening /tmp/fr-events.err'

# Serial forks for 3 s at 2/s with a burst of 2: 7 or 8 born (a debug
# kernel under TCG forks only some 4 a second), the rest killed before it
# ran, and counted.  Under PREEMPT_RT the probe may not signal, a work
# item does (Documentation/controllers.rst), and a child may run first.
isoctl limit fr1 --fork-rate 2/s,burst=2 || fail "setting fork_rate"
expect_match "limit shown" "$(isoctl limit fr1 --json)" \
	'"fork_rate": \{ "rate": 2, "burst": 2, "killed": 0, "missed": 0 \}'
set -- $($CGEXEC $CG/fr1 $FORKRATE serial 3)
[ "$1 $3 $5" = "born killed ran" ] || fail "forkrate serial said: $*"
born=$2 killed=$4 ran=$6 counted=$(limit_field fr1 killed)
echo "3 s at 2/s, burst 2: born $born, killed $killed (iso.ko: $counted), ran $ran"
[ "$killed" -gt 0 ] || fail "nothing was killed"
if [ "$(cat /sys/kernel/realtime 2>/dev/null)" = 1 ]; then
	[ "$born" -ge 6 ] && [ "$counted" -ge "$killed" ] ||
		fail "born $born, killed $killed, counted $counted"
else
	[ "$born" -ge 6 ] && [ "$born" -le 8 ] ||
		fail "born $born in 3 s at 2/s with a burst of 2"
	expect_eq "children that ran" "$ran" "$born"
	expect_eq "killed count" "$counted" "$killed"
fi

# Threads are never killed, however far over the rate the process is.
out=$($CGEXEC $CG/fr1 $FORKRATE threads 100) || fail "threads: $out"
expect_eq "threads" "$out" "threads 100"

# A fork bomb, held at 5/s; a command outside answers within a second,
# or, on a debug kernel under TCG, within 5 times what it takes unloaded
# (an unheld bomb makes that minutes).
set -- $($FORKRATE answer 0.6)
allowed=$(($2 * 5 > 1000 ? $2 * 5 : 1000))
isoctl limit fr1 --fork-rate 5/s,burst=2 || fail "setting fork_rate to 5/s"
if grep -qw cpu $CG/cgroup.controllers; then
	echo +cpu >$CG/cgroup.subtree_control
fi
before=$(limit_field fr1 killed)
$CGEXEC $CG/fr1 $FORKRATE bomb 3 &
bomb=$!
set -- $($FORKRATE answer 3)
wait $bomb
echo "fork bomb: a command outside took at worst $2 ms (allowed: $allowed)"
[ "$2" -lt $allowed ] || fail "a command outside took $2 ms to answer"
[ "$(limit_field fr1 killed)" -gt "$before" ] || fail "the bomb killed nothing"
forks=$(iso_stat fr1 forks)
echo "forks counted in fr1: $forks"
wait_until 10 "the bomb outlived its 3 s" 'grep -q "^populated 0" $CG/fr1/cgroup.events'

# One event a second at most: some 6 s over the rate, so 1 to 8.
isoctl limit fr1 --fork-rate 1000/s || fail "raising fork_rate"
expect_match "raised" "$(isoctl limit fr1 --json)" '"rate": 1000, "burst": 1000'
sleep 1.1
kill $listener
events=$(grep -c '"event": "limit", .*"name": "fr1".*"controller": "fork_rate"' /tmp/fr-events)
echo "limit events: $events"
[ "$events" -ge 1 ] && [ "$events" -le 8 ] || fail "$events limit events"

# Cleared, it is gone; unloading with a limit armed is clean (dmesg).
isoctl limit fr1 --clear all || fail "clearing all"
expect_match "cleared" "$(isoctl limit fr1)" "^fr1: no limits$"
isoctl limit fr1 --fork-rate 1/s,burst=1 || fail "setting fork_rate again"
iso_reload
isoctl track $CG/fr1 --name fr1 || fail "tracking again"
expect_match "a new module has no limit" "$(isoctl limit fr1)" "^fr1: no limits$"
