# SPDX-License-Identifier: GPL-2.0
# lxc.cgroup.dir, .dir.container, .dir.container.inner, .dir.monitor,
# .dir.monitor.pivot and .relative, as LXC places cgroups: seen in
# /proc/PID/cgroup of init, of its monitor and of what attach runs, in
# every hierarchy the host has (v2, v1 or both).  Limits go on the outer
# cgroup and the tasks into the inner one; freeze, ps, attach and stop
# find them where start put them, even after a killed monitor; stop
# leaves none.  Keys that do not fit together fail the start in one line
# and leave nothing.
. ./lib.sh

export ISO_PATH=/tmp/iso-cgroup-dir
CONF=/tmp/iso-cgroup-dir.conf

# The mount points of the hierarchies isoctl uses: not the named ones.
hierarchies()
{
	awk '{ for (i = 7; $i != "-"; i++); t = $(i + 1)
	       if ((t == "cgroup" && $(i + 3) !~ /name=/) || t == "cgroup2")
		       print $5 }' /proc/self/mountinfo
}

# every iso-t, below a hierarchy's root or below our own cgroup in it
cleanup()
{
	isoctl stop -k -n c1 >/dev/null 2>&1
	for h in $(hierarchies); do
		find "$h" -maxdepth 4 -type d -name iso-t 2>/dev/null
	done | while read -r d; do
		find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null
	done
	rm -rf $ISO_PATH $CONF
}
cleanup
trap cleanup EXIT

# cgroup_paths PID: the paths of PID's cgroups that isoctl manages.
cgroup_paths()
{
	grep -v ':name=' /proc/$1/cgroup | cut -d: -f3- | sort -u
}

# expect_cgroups WHAT PID PATH: each of PID's cgroups is PATH.
expect_cgroups()
{
	expect_eq "$1" "$(cgroup_paths $2)" "$3"
}

# no_dir WHAT REL: no hierarchy has REL.
no_dir()
{
	for h in $(hierarchies); do
		[ ! -d "$h/$2" ] || fail "$1 left $h/$2"
	done
}

init_of() { cut -d' ' -f1 $ISO_PATH/$1/init.pid; }
ppid_of() { awk '/^PPid:/ { print $2 }' /proc/$1/status; }

# an init that reboots on lxc.signal.reboot, as stop -r asks
printf "%s\n" "lxc.init.cmd = /sbin/rebooter" "lxc.cap.keep = sys_boot" >$CONF
isoctl create -n c1 -f $CONF >/dev/null || fail "create c1"
cat >$ISO_PATH/c1/rootfs/sbin/rebooter <<'EOT'
#!/bin/sh
trap 'reboot -f' INT
while :; do sleep 1 & wait; done
EOT
chmod 755 $ISO_PATH/c1/rootfs/sbin/rebooter
base_config=$(cat $ISO_PATH/c1/config)

# lxc.cgroup.dir: D/NAME, parents made; the commands find it there
echo "lxc.cgroup.dir = iso-t/a" >>$ISO_PATH/c1/config
isoctl start -n c1 || fail "start with lxc.cgroup.dir"
pid=$(init_of c1)
expect_cgroups "init with lxc.cgroup.dir" $pid /iso-t/a/c1
no_dir "lxc.cgroup.dir" iso/c1
isoctl freeze -n c1 || fail "freeze with lxc.cgroup.dir"
expect_eq "state, frozen" "$(isoctl info -n c1 | sed -n 's/^State: *//p')" FROZEN
isoctl unfreeze -n c1 || fail "unfreeze with lxc.cgroup.dir"
expect_match "ps" "$(isoctl ps -n c1)" "(^| )$pid( |$)"
expect_eq "attach's cgroups, from inside" \
	"$(isoctl attach -n c1 -- cat /proc/self/cgroup | grep -v ':name=' |
	   cut -d: -f3- | sort -u)" /
kill_monitor c1 "init with lxc.cgroup.dir"
no_dir "stop with lxc.cgroup.dir" iso-t/a/c1
[ ! -e $ISO_PATH/c1/cgroup ] || fail "stop left the record of its cgroups"
for h in $(hierarchies); do
	[ -d "$h/iso-t/a" ] || fail "lxc.cgroup.dir's parent went from $h"
done

# .container, .inner, .monitor, .pivot: limits outside, tasks inside;
# paths as LXC simplifies them
if [ -e /sys/fs/cgroup/cgroup.controllers ]; then
	limit="lxc.cgroup2.pids.max = 77"
	pids=/sys/fs/cgroup
else
	limit="lxc.cgroup.pids.max = 77"
	pids=/sys/fs/cgroup/pids
fi
printf '%s\n' "$base_config" "$limit" \
	"lxc.cgroup.dir.container = iso-t//box/./c1/" \
	"lxc.cgroup.dir.container.inner = ns" \
	"lxc.cgroup.dir.monitor = iso-t/mon/c1" \
	"lxc.cgroup.dir.monitor.pivot = iso-t/piv" >$ISO_PATH/c1/config
isoctl start -n c1 || fail "start with lxc.cgroup.dir.container"
pid=$(init_of c1)
monitor=$(ppid_of $pid)
expect_cgroups "init, inner" $pid /iso-t/box/c1/ns
expect_cgroups "monitor" $monitor /iso-t/mon/c1
if [ -e $pids/iso-t/box/c1/pids.max ]; then
	expect_eq "the limit, outside" "$(cat $pids/iso-t/box/c1/pids.max)" 77
	expect_eq "the inner cgroup's own" "$(cat $pids/iso-t/box/c1/ns/pids.max)" max
else
	echo "no pids controller: the limit's place was not looked at"
fi
expect_eq "attach's cgroups, from inside the inner one" \
	"$(isoctl attach -n c1 -- cat /proc/self/cgroup | grep -v ':name=' |
	   cut -d: -f3- | sort -u)" /
expect_match "ps, inner" "$(isoctl ps -n c1)" "(^| )$pid( |$)"
# a reboot comes back to the same places, the monitor from the pivot
isoctl stop -r -n c1 || fail "stop -r with lxc.cgroup.dir.monitor.pivot"
wait_until 10 "no reboot" '[ "$(init_of c1 2>/dev/null)" != "$pid" ] && [ -n "$(init_of c1 2>/dev/null)" ]'
pid=$(init_of c1)
expect_cgroups "init, rebooted" $pid /iso-t/box/c1/ns
expect_cgroups "monitor, rebooted" $monitor /iso-t/mon/c1
isoctl stop -n c1 || fail "stop with lxc.cgroup.dir.container"
wait_until 5 "the monitor did not end" '[ ! -e /proc/$monitor ]'
no_dir "stop, container" iso-t/box/c1
no_dir "stop, monitor" iso-t/mon/c1
for h in $(hierarchies); do
	[ -d "$h/iso-t/piv" ] || fail "no pivot cgroup in $h"
done
# a killed monitor's cgroups, inner and its own too, go at the next start
isoctl start -n c1 || fail "start again with lxc.cgroup.dir.container"
kill_monitor c1 "init with lxc.cgroup.dir.container"
no_dir "a killed monitor, container" iso-t/box/c1
no_dir "a killed monitor, monitor" iso-t/mon/c1
[ ! -e $ISO_PATH/c1/cgroup ] || fail "stop left the record of its cgroups"

# lxc.cgroup.relative: below the monitor's first cgroup, not the root,
# nor the cgroup of its own that it then moves into
printf '%s\n' "$base_config" "lxc.cgroup.relative = 1" \
	"lxc.cgroup.dir.container = iso-t/box/c1" \
	"lxc.cgroup.dir.monitor = iso-t/mon/c1" >$ISO_PATH/c1/config
own=/tmp/iso-cgroup-dir.own
v2=$(hierarchies | while read -r h; do
	[ -e "$h/cgroup.controllers" ] && echo "$h" && break; done)
mkdir -p "$v2/iso-t/rel" || fail "mkdir $v2/iso-t/rel"
sh -c 'echo $$ >"$1/iso-t/rel/cgroup.procs" &&
	grep -v ":name=" /proc/self/cgroup | cut -d: -f3- | sort -u >"$2" &&
	exec isoctl start -n c1' sh "$v2" $own || fail "start, relative"
pid=$(init_of c1)
monitor=$(ppid_of $pid)
expect_cgroups "init, relative" $pid "$(sed 's#/$##; s#$#/iso-t/box/c1#' $own | sort -u)"
expect_match "v2, relative" "$(grep '^0::' /proc/$pid/cgroup)" \
	'^0::/iso-t/rel/iso-t/box/c1$'
expect_cgroups "monitor, relative" $monitor \
	"$(sed 's#/$##; s#$#/iso-t/mon/c1#' $own | sort -u)"
isoctl stop -n c1 || fail "stop, relative"
[ ! -d "$v2/iso-t/rel/iso-t/box/c1" ] || fail "stop, relative, left its cgroup"
rm -f $own

# keys that do not fit together: one line, nothing left
printf '%s\n' "$base_config" "lxc.cgroup.dir = iso-t/x" \
	"lxc.cgroup.dir.container = iso-t/y" >$ISO_PATH/c1/config
err=$(isoctl start -n c1 2>&1) && fail "started with lxc.cgroup.dir and .container"
expect_eq "dir and dir.container" "$err" \
	"isoctl: placing cgroups: lxc.cgroup.dir conflicts with lxc.cgroup.dir.container and .monitor: Invalid argument"
printf '%s\n' "$base_config" "lxc.cgroup.dir.container = iso-t/y" \
	>$ISO_PATH/c1/config
err=$(isoctl start -n c1 2>&1) && fail "started without lxc.cgroup.dir.monitor"
expect_eq "dir.container alone" "$err" \
	"isoctl: placing cgroups: lxc.cgroup.dir.container and lxc.cgroup.dir.monitor must both be set: Invalid argument"
printf '%s\n' "$base_config" "lxc.cgroup.dir.monitor = iso-t/m1" \
	"lxc.cgroup.dir.monitor.pivot = iso-t/p1" >$ISO_PATH/c1/config
err=$(isoctl start -n c1 2>&1) && fail "started without lxc.cgroup.dir.container"
expect_eq "dir.monitor alone" "$err" \
	"isoctl: placing cgroups: lxc.cgroup.dir.container and lxc.cgroup.dir.monitor must both be set: Invalid argument"
for d in x y m1 p1; do
	no_dir "a refused start" iso-t/$d
done
[ ! -e $ISO_PATH/c1/cgroup ] || fail "a refused start left a record"
echo "lxc.cgroup.dir = /abs" >$CONF
err=$(isoctl create -n c2 -f $CONF 2>&1) && fail "created with an absolute lxc.cgroup.dir"
expect_eq "absolute" "$err" \
	"isoctl: $CONF:1: lxc.cgroup.dir: \"/abs\" is not a relative path without \"..\""
[ ! -e $ISO_PATH/c2 ] || fail "a refused create left c2"
echo "lxc.cgroup.dir.container.inner = a/b" >$CONF
err=$(isoctl create -n c2 -f $CONF 2>&1) && fail "created with inner a/b"
expect_eq "inner with a slash" "$err" \
	"isoctl: $CONF:1: lxc.cgroup.dir.container.inner: \"a/b\" is not a single directory name"
echo ok
