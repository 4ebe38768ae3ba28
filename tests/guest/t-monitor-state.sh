# SPDX-License-Identifier: GPL-2.0
# isoctl monitor's state changes, as lxc-monitor prints them: the
# containers' monitors publish STARTING, RUNNING, STOPPING, STOPPED (and
# ABORTING for a start that failed), freeze FREEZING, FROZEN and THAWED,
# through the store's one monitord, whose socket is in /run/iso/monitor.
# With iso.ko loaded they come merged with its events; without it,
# alone.  A reader too slow is let go, says so, and resyncs.  monitord
# leaves once nobody listens.
. ./lib.sh

export ISO_PATH=/tmp/iso-monstate-test
# monitord_pid [STORE]: the store's monitord, by its title (no pgrep in
# the guests)
monitord_pid()
{
	local p store=${1:-$ISO_PATH}

	for p in /proc/[0-9]*; do
		[ "$(tr '\0' ' ' 2>/dev/null <$p/cmdline)" != "iso-monitord $store " ] ||
			echo "${p#/proc/}"
	done
}

cleanup()
{
	for m in $mon $mon2; do
		kill -CONT $m 2>/dev/null
		kill $m 2>/dev/null
	done
	for c in ms1 ms2 ms3; do
		isoctl stop -k -n $c >/dev/null 2>&1
	done
	isoctl stop -k -P /tmp/iso-monstate-later -n ms4 >/dev/null 2>&1
	kill $(monitord_pid) $(monitord_pid /tmp/iso-monstate-later) 2>/dev/null
	rm -rf $ISO_PATH /tmp/iso-monstate-later /tmp/ms.*
}
# what was seen: the listener, what it said and printed, the monitords
on_fail()
{
	echo "monitor $mon: $(sed -n 's/^State:[[:space:]]*//p' /proc/$mon/status 2>/dev/null)"
	echo "said: $(tr '\n' '/' </tmp/ms.err 2>/dev/null)"
	echo "printed: $(tr '\n' '/' </tmp/ms.out 2>/dev/null | cut -c1-200)"
	echo "monitords: $(monitord_pid) $(monitord_pid /tmp/iso-monstate-later); $(ls /run/iso/monitor | tr '\n' ' ')"
}
mon= mon2=
cleanup
trap cleanup EXIT

# sock_of PID: monitord PID's socket, beside the lock it holds
sock_of()
{
	local f

	for f in /proc/$1/fd/*; do
		case $(readlink $f) in
		/run/iso/monitor/*.lock) echo "$(readlink $f | sed 's/\.lock$/.sock/')" ;;
		esac
	done
}

# states FILE NAME: NAME's state changes in FILE, on one line
states()
{
	sed -n "s/^state $2 \([A-Z]*\).*/\1/p" "$1" | tr '\n' ' '
}

for c in ms1 ms2 ms3; do
	isoctl create -n $c >/dev/null || fail "create $c"
done
printf 'lxc.init.cmd = /no/such/init\n' >>$ISO_PATH/ms3/config

# --timeout only in case the test dies: it is killed at the end
fresh /tmp/ms.out /tmp/ms.err
isoctl monitor -n 'ms[13]' --timeout 600 >/tmp/ms.out 2>/tmp/ms.err &
mon=$!
wait_until 5 "monitor did not start" 'grep -q listening /tmp/ms.err'
if iso_loaded; then
	expect_eq "merged with iso.ko's events: no note" "$(cat /tmp/ms.err)" "isoctl: listening"
else
	expect_eq "without iso.ko, one note" "$(cat /tmp/ms.err)" \
		"isoctl: iso module not loaded (insmod kmod/iso.ko): only state changes are shown
isoctl: listening"
fi
md=$(monitord_pid)
[ -n "$md" ] || fail "no iso-monitord for $ISO_PATH"
sock=$(sock_of $md)
[ -S "$sock" ] || fail "no monitord socket in /run/iso/monitor: '$sock'"
expect_eq "/run/iso/monitor is root's alone" "$(stat -c '%U %a' /run/iso/monitor)" "root 700"
expect_eq "nothing made in the store" "$(ls -A $ISO_PATH | tr '\n' ' ')" "ms1 ms2 ms3 "

# a second listener shares the one monitord
fresh /tmp/ms.json /tmp/ms.err2
isoctl monitor -n ms1 --json --timeout 600 >/tmp/ms.json 2>/tmp/ms.err2 &
mon2=$!
wait_until 5 "second monitor did not start" 'grep -q listening /tmp/ms.err2'
expect_eq "one monitord for the store" "$(monitord_pid)" "$md"

isoctl start -n ms1 || fail "start ms1"
pid=$(cut -d" " -f1 $ISO_PATH/ms1/init.pid)
isoctl start -n ms2 || fail "start ms2"
isoctl freeze -n ms1 || fail "freeze"
isoctl unfreeze -n ms1 || fail "unfreeze"
isoctl stop -n ms1 || fail "stop ms1"
isoctl stop -n ms2 || fail "stop ms2"
isoctl start -n ms3 2>/dev/null && fail "ms3 started with no init"
want="STARTING RUNNING FREEZING FROZEN THAWED STOPPING STOPPED "
wait_until 10 "not every state change came" '[ "$(states /tmp/ms.out ms1)" = "$want" ]'
wait_until 10 "no STOPPED for the failed start" 'grep -q "^state ms3 STOPPED" /tmp/ms.out'
expect_eq "a failed start" "$(states /tmp/ms.out ms3)" "STARTING ABORTING STOPPED "
expect_match "RUNNING names init" "$(cat /tmp/ms.out)" "^state ms1 RUNNING pid=$pid$"
grep -q ms2 /tmp/ms.out && fail "-n 'ms[13]' printed ms2"
if iso_loaded; then
	# start tracks the container in iso.ko: its added and removed too
	expect_match "iso.ko's events" "$(cat /tmp/ms.out)" "^added ms1 cgroup_id=[0-9]+"
	expect_match "iso.ko's events" "$(cat /tmp/ms.out)" "^removed ms1 cgroup_id=[0-9]+"
fi
wait_until 10 "--json: not every state change came" \
	'[ $(grep -c "\"event\": \"state\"" /tmp/ms.json) -eq 7 ]'
expect_match "--json" "$(grep RUNNING /tmp/ms.json)" \
	"^\{ \"event\": \"state\", \"time_ns\": [0-9]{19}, \"name\": \"ms1\", \"state\": \"RUNNING\", \"pid\": $pid \}$"
kill $mon2
wait $mon2 2>/dev/null
mon2=

# Stopped, the reader takes nothing while 360 changes come, more than
# the 32 KiB monitord lets wait for a listener: monitord lets it go, and
# it says so once, listens again and prints where each container stands.
isoctl start -n ms1 || fail "start ms1 again"
kill -STOP $mon
i=0
while [ $i -lt 120 ]; do
	isoctl freeze -n ms1 && isoctl unfreeze -n ms1 || fail "freeze round $i"
	i=$((i + 1))
done
kill -CONT $mon
wait_until 10 "the loss was not said" 'grep -q "state changes were lost" /tmp/ms.err'
wait_until 10 "no sync line" 'grep -q "^sync ms1" /tmp/ms.out'
expect_eq "said once" "$(grep -c "were lost" /tmp/ms.err)" 1
grep -q "^isoctl: events were lost" /tmp/ms.err && fail "iso.ko's events said lost"
expect_match "sync: where ms1 stands" "$(grep '^sync ms1' /tmp/ms.out)" \
	"^sync ms1 RUNNING pid=[0-9]+$"
expect_eq "sync: -n still applies" "$(grep -c '^sync ms2' /tmp/ms.out)" 0
expect_eq "sync: ms3" "$(grep '^sync ms3' /tmp/ms.out)" "sync ms3 STOPPED"
# and it goes on
isoctl stop -n ms1 || fail "stop ms1 after the loss"
wait_until 10 "no change after the resync" \
	'sed "1,/^sync ms3/d" /tmp/ms.out | grep -q "^state ms1 STOPPED"'
kill $mon
wait $mon 2>/dev/null
mon=

# nobody listens: monitord leaves after its 5 s, and takes its socket
wait_until 10 "monitord outlived its listeners" '[ -z "$(monitord_pid)" ]'
[ ! -e "$sock" ] || fail "monitord left its socket"
# nobody listens, nobody publishes: a start is not slowed by it
isoctl start -n ms1 && isoctl stop -n ms1 || fail "start without a listener"
[ -z "$(monitord_pid)" ] || fail "a start made a monitord"

# a monitord killed leaves its socket: the next one replaces it
fresh /tmp/ms.out /tmp/ms.err
isoctl monitor --timeout 600 >/tmp/ms.out 2>/tmp/ms.err &
mon=$!
wait_until 5 "monitor did not start" 'grep -q listening /tmp/ms.err'
md=$(monitord_pid)
kill -9 $mon $md
wait $mon 2>/dev/null
wait_until 5 "monitord outlived SIGKILL" '! kill -0 $md 2>/dev/null'
[ -S "$sock" ] || fail "no stale socket to replace"
fresh /tmp/ms.out /tmp/ms.err
isoctl monitor -n ms2 --timeout 600 >/tmp/ms.out 2>/tmp/ms.err &
mon=$!
wait_until 5 "monitor did not start over a stale socket" 'grep -q listening /tmp/ms.err'
isoctl start -n ms2 || fail "start ms2 again"
wait_until 10 "nothing came over a stale socket" \
	'[ "$(states /tmp/ms.out ms2)" = "STARTING RUNNING " ]'
isoctl stop -n ms2 || fail "stop ms2 again"
kill $mon
wait $mon 2>/dev/null
mon=

# a store not made yet: monitor makes nothing, and hears it once it is
later=/tmp/iso-monstate-later
fresh /tmp/ms.out /tmp/ms.err
isoctl monitor -P $later --timeout 600 >/tmp/ms.out 2>/tmp/ms.err &
mon=$!
wait_until 5 "monitor of a store to come did not start" 'grep -q listening /tmp/ms.err'
[ ! -e $later ] || fail "monitor made the store $later"
isoctl create -P $later -n ms4 >/dev/null || fail "create ms4"
isoctl start -P $later -n ms4 || fail "start ms4"
wait_until 10 "nothing came from a store made later" \
	'[ "$(states /tmp/ms.out ms4)" = "STARTING RUNNING " ]'
# SIGTERM, while it is listened to (it would leave 5 s after the last
# listener anyway): monitord goes, and takes its socket.  The listener,
# stopped meanwhile, then finds it gone, and starts another.
md=$(monitord_pid $later)
[ -n "$md" ] || fail "no monitord for $later"
sock=$(sock_of $md)
[ -S "$sock" ] || fail "no socket for $later's monitord"
kill -STOP $mon
kill $md
wait_until 5 "monitord outlived SIGTERM" '! kill -0 $md 2>/dev/null'
[ ! -e "$sock" ] || fail "monitord left its socket on SIGTERM"
kill -CONT $mon
wait_until 5 "monitor did not say monitord went" 'grep -q "state changes were lost" /tmp/ms.err'
wait_until 5 "monitor did not start another monitord" '[ -S "$sock" ]'
isoctl stop -P $later -n ms4 || fail "stop ms4"
wait_until 10 "nothing came through the new monitord" \
	'[ "$(states /tmp/ms.out ms4)" = "STARTING RUNNING STOPPING STOPPED " ]'
kill $mon
wait $mon 2>/dev/null
mon=
exit 0
