# SPDX-License-Identifier: GPL-2.0
# isoctl monitor: -n REGEX picks whole names, as lxc-monitor's does; a
# monitor stopped while events pile up past its socket's buffer says
# they were lost, prints every container from a dump ("sync"), and goes
# on.  isoctl events, its older name, is t-events'.
. ./lib.sh

cleanup()
{
	[ -z "$rmem_max" ] || sysctl -qw net.core.rmem_max=$rmem_max
	kill -CONT $mon 2>/dev/null
	kill $mon 2>/dev/null
	for c in mo1 mo2 mo3; do drop_container $c; done
	i=0
	while [ $i -lt $N ]; do
		drop_container lost$i
		i=$((i + 1))
	done
	rm -f /tmp/mon.*
}
# what was seen: the monitor, what it said, and its netlink socket's
# Rmem and Drops (the generic netlink ones with a group)
on_fail()
{
	echo "monitor $mon: $(sed -n 's/^State:[[:space:]]*//p' /proc/$mon/status 2>/dev/null)"
	echo "said: $(tr '\n' '/' </tmp/mon.err 2>/dev/null)"
	echo "printed: $(grep -c . /tmp/mon.out 2>/dev/null) lines; $N tracked in ${took:-?} s"
	awk '$2 == 16 && $4 != "00000000" { print "netlink rmem", $5, "drops", $9 }' /proc/net/netlink
}
N=60
mon= rmem_max=
trap cleanup EXIT
cleanup

err=$(isoctl monitor -n '(' 2>&1) && fail "a bad regex was taken"
expect_match "bad regex" "$err" '^isoctl: parsing -n \(: Invalid argument \(.+\)$'

fresh /tmp/mon.out /tmp/mon.err
isoctl monitor -n 'mo[12]' --json --timeout 30 >/tmp/mon.out 2>/tmp/mon.err &
mon=$!
wait_until 5 "monitor did not start" 'grep -q listening /tmp/mon.err'
for c in mo1 mo2 mo3; do new_container $c; done
for c in mo1 mo2 mo3; do drop_container $c; done
wait_until 10 "not every event came" '[ $(grep -c . /tmp/mon.out) -ge 4 ]'
got=$(sed 's/.*"event": "\([a-z]*\)".*"name": "\([a-z0-9]*\)".*/\1 \2/' /tmp/mon.out | tr '\n' ' ')
expect_eq "-n mo[12], whole names" "$got" "added mo1 added mo2 removed mo1 removed mo2 "
kill $mon
wait $mon 2>/dev/null

# Stopped, it reads nothing while N events come: more than its socket
# holds once rmem_max caps the 32 KiB libnl asks for at 4 KiB.  Then it
# says so and resyncs.
rmem_max=$(sysctl -n net.core.rmem_max)
sysctl -qw net.core.rmem_max=4096 || fail "setting rmem_max"
fresh /tmp/mon.out /tmp/mon.err
isoctl monitor --timeout 60 >/tmp/mon.out 2>/tmp/mon.err &
mon=$!
wait_until 5 "monitor did not start" 'grep -q listening /tmp/mon.err'
sysctl -qw net.core.rmem_max=$rmem_max
kill -STOP $mon
t0=$(date +%s)
i=0
while [ $i -lt $N ]; do
	new_container lost$i
	i=$((i + 1))
done
drop_container lost0
took=$(($(date +%s) - t0))
kill -CONT $mon
wait_until 10 "the loss was not said" 'grep -q "events were lost" /tmp/mon.err'
expect_eq "said once" "$(cat /tmp/mon.err)" "isoctl: listening
isoctl: events were lost (the socket's buffer overflowed): resyncing"
wait_until 10 "no sync lines" '[ $(grep -c "^sync lost" /tmp/mon.out) -eq $((N - 1)) ]'
grep -q "^sync lost0 " /tmp/mon.out && fail "lost0, removed before the resync, was synced"
# and it goes on
new_container mo1
wait_until 5 "no event after the resync" 'grep -q "^added mo1 " /tmp/mon.out'
exit 0
