# SPDX-License-Identifier: GPL-2.0
# The events group carries added, removed (untrack and rmdir) and OOM kill.
. ./lib.sh

trap 'kill $listener 2>/dev/null; drop_container ev1; drop_container ev2' EXIT

isoctl events --json --timeout 30 >/tmp/events 2>/tmp/events.err &
listener=$!
i=0
until grep -q listening /tmp/events.err; do
	i=$((i + 1))
	[ $i -lt 50 ] || fail "isoctl events did not start: $(cat /tmp/events.err)"
	sleep 0.1
done

new_container ev1
isoctl untrack ev1
new_container ev2
if has_memcg; then
	echo 16M >$CG/ev2/memory.max
	$CGEXEC $CG/ev2 sh -c "$EAT_MEMORY" 2>/dev/null
	wait_empty ev2
	oom="oom-kill ev2 "
else
	echo "no memory controller on cgroup v2: no OOM kill event to wait for"
	oom=""
fi
rmdir $CG/ev2 || fail "rmdir ev2"
sleep 1

got=$(sed 's/.*"event": "\([a-z-]*\)".*"name": "\([a-z0-9]*\)".*/\1 \2/' /tmp/events | uniq)
expect_eq "events" "$(echo $got)" "added ev1 removed ev1 added ev2 ${oom}removed ev2"
[ -z "$oom" ] || grep -q '"event": "oom-kill".*"pid": [1-9]' /tmp/events ||
	fail "OOM event without pid"
