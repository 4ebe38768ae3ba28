# SPDX-License-Identifier: GPL-2.0
# cpu_budget: a busy loop with a 1 s budget and kill dies, and the test
# prints the overshoot; kill empties a cgroup that keeps forking; signal
# reaches every process; notify only tells, and a budget raised past use
# is armed again; bad budgets are refused with their errno.
# LIMIT_SET is command 7; ISO_A_LIMIT 5 (CONTROLLER 1, PARAMS 2);
# cpu_budget's BUDGET_NS 2, ACTION 3 (0 notify, 1 signal, 2 kill),
# SIGNAL 4.
. ./lib.sh

LOAD=/tests/tools/load
FORKRATE=/tests/tools/forkrate
trap 'kill $listener 2>/dev/null; for c in cb1 cb2 cb3 cb4; do drop_container $c; done' EXIT
iso_loaded || iso_reload

new_container cb1
set_cb1() { echo "7 3:nest 2:str:cb1 end 5:nest 1:str:cpu_budget 2:nest $* end end"; }
expect_error "budget 0" 22 $(set_cb1 2:u64:0)
expect_error "no budget" 22 $(set_cb1 3:u32:2)
expect_error "no such action" 22 $(set_cb1 2:u64:1000000000 3:u32:7)
expect_error "signal out of range" 22 $(set_cb1 2:u64:1000000000 3:u32:1 4:u32:99)
expect_error "signal without signal action" 22 $(set_cb1 2:u64:1000000000 3:u32:2 4:u32:15)
out=$(isoctl limit cb1 --cpu-budget 1s --on-exceed signal:99 2>&1) &&
	fail "isoctl took signal 99"
expect_eq "isoctl on signal 99" "$(echo "$out" | wc -l)" 1
out=$(isoctl limit cb1 --cpu-budget -1s 2>&1) && fail "isoctl took -1s"

fresh /tmp/cb-events /tmp/cb-events.err
isoctl events --json --timeout 120 >/tmp/cb-events 2>/tmp/cb-events.err &
listener=$!
wait_until 5 "isoctl events did not start" 'grep -q listening /tmp/cb-events.err'

# kill: a busy loop under a 1 s budget dies; how far past it did it run?
isoctl limit cb1 --cpu-budget 1s --on-exceed kill || fail "setting cpu_budget"
$CGEXEC $CG/cb1 $LOAD spin 30 other
rc=$?
expect_eq "the spinner's end" $rc 137
wait_until 5 "the work item did not finish" '[ "$(limit_field cb1 spent)" = true ] && grep -q "\"name\": \"cb1\".*cpu_budget" /tmp/cb-events'
over=$(limit_field cb1 overshoot_ns)
echo "1 s budget, kill: overshoot $((over / 1000000)) ms (HZ as built), $(limit_field cb1 kill_rounds) kill rounds"
[ "$over" -lt 500000000 ] || fail "overshoot $over ns"

# kill repeats until the cgroup is empty, whatever forks meanwhile.
new_container cb2
isoctl limit cb2 --cpu-budget 300ms --on-exceed kill || fail "cpu_budget on cb2"
$CGEXEC $CG/cb2 $FORKRATE bomb 60 &
bomb=$!
# (on a debug kernel it may be spent and empty before a look sees it run)
wait_until 30 "a forking cgroup was not emptied" \
	'[ "$(limit_field cb2 spent)" = true ] && grep -q "^populated 0" $CG/cb2/cgroup.events'
echo "fork loop under kill: emptied in $(limit_field cb2 kill_rounds) kill rounds"
wait $bomb

# signal:TERM goes to every process in it, nested cgroups included.
new_container cb3
mkdir $CG/cb3/in
isoctl limit cb3 --cpu-budget 500ms --on-exceed signal:TERM || fail "cpu_budget on cb3"
$CGEXEC $CG/cb3 $LOAD spin 30 other &
a=$!
$CGEXEC $CG/cb3/in $LOAD spin 30 other &
b=$!
wait $a
ra=$?
wait $b
rb=$?
expect_eq "signalled, outer" $ra 143
expect_eq "signalled, inner" $rb 143

# notify: the loop lives on; raised past what was used, armed again.
new_container cb4
isoctl limit cb4 --cpu-budget 300ms || fail "cpu_budget on cb4"
$CGEXEC $CG/cb4 $LOAD spin 1 other || fail "notify killed the spinner"
wait_until 5 "notify: not spent" '[ "$(limit_field cb4 spent)" = true ]'
isoctl limit cb4 --cpu-budget 30s --on-exceed notify || fail "raising"
expect_eq "raised: armed again" "$(limit_field cb4 spent)" false
expect_match "state" "$(isoctl limit cb4)" "^cb4: cpu_budget: 30.000 s, on exceeding notify; used (0\.9|1\.)"
kill $listener
for c in cb1 cb2 cb3 cb4; do
	grep -q "\"event\": \"limit\".*\"name\": \"$c\".*\"controller\": \"cpu_budget\"" /tmp/cb-events ||
		fail "no cpu_budget event for $c: $(cat /tmp/cb-events /tmp/cb-events.err)"
done

# Lowered under what was used, it is spent at once; unloading with the
# kill under way is clean (dmesg).
$CGEXEC $CG/cb4 $LOAD spin 30 other &
sleep 0.5
isoctl limit cb4 --cpu-budget 100ms --on-exceed kill || fail "lowering"
iso_reload
wait_until 10 "lowered: not killed" 'grep -q "^populated 0" $CG/cb4/cgroup.events'
