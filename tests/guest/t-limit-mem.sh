# SPDX-License-Identifier: GPL-2.0
# mem_watch: one event per crossing of the level, up and then down, none
# for a fall that stays within the hysteresis; the test prints how long
# after each crossing the event was stamped.  Bad terms are refused with
# their errno; without a v2 memory controller the watch is refused.
# LIMIT_SET is command 7; ISO_A_LIMIT 5 (CONTROLLER 1, PARAMS 2);
# mem_watch's LEVEL 2, HYSTERESIS 3, INTERVAL_MS 4.
. ./lib.sh

LOAD=/tests/tools/load
trap 'kill $listener 2>/dev/null; drop_container mw1' EXIT
iso_loaded || iso_reload

new_container mw1
set_mw1() { echo "7 3:nest 2:str:mw1 end 5:nest 1:str:mem_watch 2:nest $* end end"; }
expect_error "no level" 22 $(set_mw1 4:u32:100)
expect_error "level 0" 22 $(set_mw1 2:u64:0)
expect_error "hysteresis at the level" 22 $(set_mw1 2:u64:4096 3:u64:4096)
expect_error "interval 5 ms" 22 $(set_mw1 2:u64:4096 4:u32:5)
expect_error "interval 61 s" 22 $(set_mw1 2:u64:4096 4:u32:61000)
expect_error "a state attribute" 22 $(set_mw1 2:u64:4096 6:u64:1)
out=$(isoctl limit mw1 --mem-watch 64M,every=5ms 2>&1) &&
	fail "isoctl took every=5ms"
expect_eq "isoctl on every=5ms" "$(echo "$out" | wc -l)" 1

if ! has_memcg; then
	out=$(isoctl limit mw1 --mem-watch 64M 2>&1) &&
		fail "a watch without a v2 memory controller"
	expect_eq "lines" "$(echo "$out" | wc -l)" 1
	expect_match "why" "$out" "no memory controller on cgroup v2"
	echo "no v2 memory controller: the watch is refused"
	exit 0
fi

fresh /tmp/mw-events /tmp/mw-events.err
isoctl events --json --timeout 60 >/tmp/mw-events 2>/tmp/mw-events.err &
listener=$!
wait_until 5 "isoctl events did not start" 'grep -q listening /tmp/mw-events.err'

# 64 MiB, hysteresis 16 MiB: 40+16 stays under; +16 crosses up; freeing
# 16 stays within the band; freeing 16 more crosses down.  Each step holds
# a second, ten reads.
isoctl limit mw1 --mem-watch 64M,hysteresis=16M || fail "setting mem_watch"
expect_eq "armed below" "$(limit_field mw1 above)" false
$CGEXEC $CG/mw1 $LOAD mem 1000 +40 +16 +16 - - - >/tmp/mw-steps ||
	fail "load mem: $(cat /tmp/mw-steps)"
wait_until 5 "no event down" '[ "$(limit_field mw1 down)" = 1 ]'
expect_eq "crossings up" "$(limit_field mw1 up)" 1
expect_eq "below again" "$(limit_field mw1 above)" false
mine() { grep "\"name\": \"mw1\".*mem_watch" /tmp/mw-events; }
wait_until 5 "not two events" '[ "$(mine | wc -l)" = 2 ]'
mine >/tmp/mw-mine
# ms from the end and from the start of step $2 to event $1's stamp
latency()
{
	local ev step
	ev=$(sed -n "$1s/.*\"time_ns\": \([0-9]*\).*/\1/p" /tmp/mw-mine)
	step=$(sed -n "$2p" /tmp/mw-steps)
	set -- $step
	echo "$(((ev - $3) / 1000000)) $(((ev - $2) / 1000000))"
}
expect_match "first event" "$(sed -n 1p /tmp/mw-mine)" '"above": true, "usage": [0-9]*, "up": 1'
expect_match "second event" "$(sed -n 2p /tmp/mw-mine)" '"above": false, .*"down": 1'
set -- $(latency 1 3) $(latency 2 5)
echo "mem_watch, read every 100 ms: up $1 to $2 ms, down $3 to $4 ms after the step's end and start"
# each after its own step began: not down at the fall within the band
for ms in $2 $4; do
	[ "$ms" -ge 0 ] && [ "$ms" -lt 1000 ] || fail "an event $ms ms after its step began"
done

# A changed level takes the side it finds, without an event; clearing it
# and unloading with a watch armed are clean (dmesg).
fresh /tmp/mw-hog
$CGEXEC $CG/mw1 $LOAD mem 3000 +24 >/tmp/mw-hog &
hog=$!
wait_until 10 "24 MiB not touched" 'grep -q "^+24" /tmp/mw-hog'
isoctl limit mw1 --mem-watch 16M,every=10ms || fail "changing the level"
expect_eq "changed: above" "$(limit_field mw1 above)" true
expect_eq "changed: no crossing" "$(limit_field mw1 up)" 1
sleep 0.2
expect_eq "changed: no event" "$(mine | wc -l)" 2
isoctl limit mw1 --clear mem_watch || fail "clearing"
isoctl limit mw1 --mem-watch 16M,every=10ms || fail "setting again"
kill $listener
wait $listener 2>/dev/null
iso_reload
wait $hog
