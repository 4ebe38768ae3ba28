#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The demo, inside the 6.12 guest, iso.ko loaded: three busybox
# containers with different loads, what isoctl stats shows of them, the
# events as they come, and a limit acting.
set -e
export ISO_PATH=/var/lib/iso
mkdir -p $ISO_PATH

say()
{
	echo
	echo "### $*"
}

step()
{
	say "$*"
	"$@"
}

step isoctl version

say "isoctl monitor, in the background: the containers' state changes and iso.ko's events"
isoctl monitor >/tmp/demo.events 2>&1 &
events=$!
until grep -q listening /tmp/demo.events; do sleep 0.1; done

for c in web batch forker; do
	step isoctl create -n $c -t busybox
	step isoctl start -n $c -d
done

say "web idles; batch spins on a CPU; forker starts a process every few ms"
# no terminal for attach, not even for errors: the loads outlive it
load()
{
	isoctl attach -n "$1" -- sh -c "$2" </dev/null >/dev/null 2>/tmp/demo.attach ||
		{ echo "demo: attach to $1 failed: $(cat /tmp/demo.attach)"; exit 1; }
}
load batch 'while :; do :; done &'
load forker 'while :; do /bin/true; done &'
sleep 3

step isoctl stats

say "at most 20 new processes a second in forker: the rest die at birth"
isoctl limit forker --fork-rate 20/s
sleep 3
step isoctl limit forker
step isoctl stats forker batch

say "isoctl stats --prometheus, a few of its lines"
isoctl stats --prometheus | grep -E '^iso_container_(cpu_seconds|forks)_total'

for c in web batch forker; do
	isoctl stop -k -n $c
done
say "stopped; iso.ko untracked them"
step isoctl stats --json

say "what isoctl monitor printed"
kill $events
wait $events 2>/dev/null || true
grep -v '^isoctl: listening$' /tmp/demo.events
