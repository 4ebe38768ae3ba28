# SPDX-License-Identifier: GPL-2.0
# start, stop, console, attach, info, ps, freeze, unfreeze and destroy -f,
# as LXC's commands of the same names; racing starts; failed starts and
# crashed inits leaving nothing behind.  Runs in the guests (v2, and v1
# in the 6.1 guest) and as root on the host (hybrid); t-lifecycle-userns
# runs it again with c1 unprivileged (ISO_CREATE=--userns).
. ./lib.sh

export ISO_PATH=/tmp/iso-life-test
cleanup()
{
	for c in c1 c2 c3 c4; do
		isoctl stop -k -n $c >/dev/null 2>&1
	done
	rm -rf $ISO_PATH /tmp/iso-life.conf
}
cleanup
trap cleanup EXIT

# no_leftovers WHAT NAME: no cgroup, lock holder or console socket of NAME
no_leftovers()
{
	local d

	for d in $(find /sys/fs/cgroup -maxdepth 3 -type d -name "$2" 2>/dev/null); do
		case $d in */iso/$2) fail "$1 left cgroup $d" ;; esac
	done
	[ ! -e $ISO_PATH/$2/console.sock ] || fail "$1 left console.sock"
	[ ! -e $ISO_PATH/$2/init.pid ] || fail "$1 left init.pid"
	expect_eq "$1: state" "$(isoctl info -n $2 | sed -n 's/^State: *//p')" STOPPED
}

# wait_running WHAT: until c1 runs, for 5 s at most
wait_running()
{
	wait_until 5 "$1 did not start" '[ -n "$(isoctl ls --running)" ]'
}

# systemd's named hierarchy, which hybrid and v1 hosts have beside the
# controllers: this host's own, or one mounted here in a pure v1 guest,
# where systemd would have mounted it
if [ "${ISO_GUEST:-}" = 1 ] && [ ! -e /sys/fs/cgroup/cgroup.controllers ] &&
	! grep -q ' - cgroup cgroup .*[,]name=systemd' /proc/self/mountinfo; then
	mkdir -p /sys/fs/cgroup/systemd &&
		mount -t cgroup -o none,name=systemd cgroup /sys/fs/cgroup/systemd ||
		fail "mounting a name=systemd hierarchy"
	# and one mounted read-only, as for a nested isoctl: left out
	mkdir -p /sys/fs/cgroup/isoro &&
		mount -t cgroup -o ro,none,name=isoro cgroup /sys/fs/cgroup/isoro ||
		fail "mounting a read-only named hierarchy"
	# gone again at the end, for the tests after this one
	trap 'cleanup; for h in systemd isoro; do
		umount /sys/fs/cgroup/$h && rmdir /sys/fs/cgroup/$h; done' EXIT
fi
named=$(grep -c ' - cgroup cgroup .*[,]name=systemd' /proc/self/mountinfo)

# the config's host name, in LXC's old spelling, must outlast the boot:
# the template's /etc/hostname says c1
printf 'lxc.console.logfile = %s/c1.log\nlxc.utsname = so-lxc2\n' $ISO_PATH >/tmp/iso-life.conf
isoctl create ${ISO_CREATE:-} -n c1 -f /tmp/iso-life.conf >/dev/null || fail "create c1"

# two racing starts: one wins, the other says it is already running
isoctl start -n c1 -d >/tmp/iso-life.1 2>&1 &
isoctl start -n c1 >/tmp/iso-life.2 2>&1 &
wait
won=$(grep -c . /tmp/iso-life.1 /tmp/iso-life.2 | grep -c ':0$')
expect_eq "one of two racing starts wins" "$won" 1
expect_eq "the other one" "$(cat /tmp/iso-life.1 /tmp/iso-life.2)" \
	"isoctl: start c1: already running: Device or resource busy"
rm -f /tmp/iso-life.1 /tmp/iso-life.2

pid=$(cut -d" " -f1 $ISO_PATH/c1/init.pid)
if [ -n "${ISO_CREATE:-}" ]; then
	uid=$(awk '/^Uid:/ { print $2 }' /proc/$pid/status)
	[ "$uid" -gt 0 ] || fail "--userns: init runs as host uid '$uid'"
fi
unpriv=false
[ -z "${ISO_CREATE:-}" ] || unpriv=true
expect_match "ls --fancy" "$(isoctl ls --fancy)" "^c1 +RUNNING +$pid +0 +- +- +- +$unpriv$"
expect_eq "ls --running" "$(isoctl ls --running)" c1
expect_eq "ls --stopped" "$(isoctl ls --stopped)" ""
info=$(isoctl info -n c1)
expect_match "info: state" "$info" "^State: +RUNNING$"
expect_match "info: pid" "$info" "^PID: +$pid$"
expect_match "info: CPU use" "$info" "^CPU use: +[0-9.]+ seconds$"
expect_match "info: memory use" "$info" "^Memory use: +[0-9.]+ (bytes|KiB|MiB)$"
expect_match "info: kernel memory use" "$info" "^KMem use: +[0-9.]+ (bytes|KiB|MiB)$"
if grep -qw io /sys/fs/cgroup/cgroup.controllers 2>/dev/null || [ -d /sys/fs/cgroup/blkio ]; then
	expect_match "info: block I/O" "$info" "^BlkIO use: +[0-9.]+ (bytes|KiB|MiB)$"
fi
expect_match "info --json" "$(isoctl info -n c1 --json)" \
	"^\{ \"name\": \"c1\", \"state\": \"RUNNING\", \"pid\": $pid, .*\"memory_bytes\": [1-9]"
mem=$(isoctl info -n c1 -H | sed -n 's/^Memory use: *//p')
expect_match "info -H: raw bytes" "$mem" "^[1-9][0-9]+$"

# with iso.ko loaded, start tracks the container from before its init is
# cloned: the module's CPU time is cpu.stat's, the container's own set-up
# included, and it knows the init.  On a pure v1 guest the cgroup is in
# the private cgroup2 hierarchy isoctl mounted.
if iso_loaded; then
	expect_match "info: tracked by iso.ko" "$info" "^iso.ko: +cgroup id [0-9]+$"
	expect_match "info: iso.ko counts forks" "$info" "^ forks +[1-9]"
	expect_match "stats: init pid" "$(isoctl stats c1 --json)" \
		"\"name\": \"c1\".*\"init_pid\": $pid,"
	v2=$(ls -d /sys/fs/cgroup/iso/c1 /sys/fs/cgroup/unified/iso/c1 \
		/run/iso/cgroup2/iso/c1 2>/dev/null | head -n1)
	[ -n "$v2" ] || fail "no v2 cgroup for c1"
	iso_us=$(($(iso_stat c1 cpu_ns) / 1000))
	cg_us=$(sed -n 's/^usage_usec //p' $v2/cpu.stat)
	diff=$((iso_us > cg_us ? iso_us - cg_us : cg_us - iso_us))
	[ $((diff * 100)) -le $((cg_us * 2)) ] ||
		fail "tracked from birth: iso $iso_us us, cpu.stat $cg_us us"
	echo "tracked from birth: iso $iso_us us, cpu.stat $cg_us us"
fi

# what systemd needs to boot in the container: the named hierarchy at
# its place, rooted at the container's own cgroup there, and cgroups of
# its own in it
if [ "$named" != 0 ]; then
	out=$(isoctl attach -n c1 -- sh -c '
		grep -c " /sys/fs/cgroup/systemd rw,.* - cgroup [^ ]* .*name=systemd" \
			/proc/self/mountinfo
		grep ":name=systemd:" /proc/self/cgroup
		mkdir /sys/fs/cgroup/systemd/init.scope &&
			echo $$ >/sys/fs/cgroup/systemd/init.scope/cgroup.procs &&
			grep ":name=systemd:" /proc/self/cgroup' </dev/null 2>&1)
	expect_match "name=systemd in the container" "$(echo $out)" \
		"^1 [0-9]+:name=systemd:/ [0-9]+:name=systemd:/init.scope$"
	for d in $(find /sys/fs/cgroup -path "*/iso/c1/init.scope" 2>/dev/null); do
		dir=$d
	done
	expect_match "its cgroup on the host" "${dir:-}" "/systemd/iso/c1/init.scope$"
	if [ -d /sys/fs/cgroup/isoro ]; then
		expect_eq "a read-only named hierarchy left out" \
			"$(isoctl attach -n c1 -- ls /sys/fs/cgroup/isoro 2>&1 </dev/null)" \
			"ls: /sys/fs/cgroup/isoro: No such file or directory"
	fi
fi

# ps: host pids, with the pid each has inside; init is 1 there
expect_match "ps: init" "$(isoctl ps -n c1)" "^$pid +1 +init"
# what a container names its processes reaches no terminal raw
isoctl attach -n c1 -- sh -c 'sleep 30; true' "$(printf 'x\033[2Jy')" &
attached=$!
wait_until 5 "the attached sh did not show up in ps" 'isoctl ps -n c1 | grep -q "sleep 30"'
out=$(isoctl ps -n c1)
kill $attached
echo "$out" | grep -q "$(printf '\033')" && fail "ps wrote the container's escape raw"
expect_match "ps shows it escaped" "$out" 'x\?\[2Jy$'

# attach: its namespaces, root and cgroup; not pid 1
out=$(isoctl attach -n c1 -- sh -c 'echo $(hostname) $(cat /proc/1/comm) $(sed "s/.*://" /proc/self/cgroup | sort -u); touch /attached')
expect_eq "attach" "$out" "so-lxc2 init /"
[ -e $ISO_PATH/c1/rootfs/attached ] || fail "attach did not write into the rootfs"
isoctl attach -n c1 -- sh -c 'exit 5'
expect_eq "attach passes the exit status" $? 5
out=$(cd /tmp && isoctl attach -n c1 -- sh -c 'pwd; ls /proc/self/fd' 9</)
expect_eq "attach: fds and cwd inside" "$(echo $out)" "/ 0 1 2 3"

# console: commands typed reach the shell init runs; its output comes
# back and goes to lxc.console.logfile too
out=$( (printf 'echo CONSOLE-$((6*7))\n'; sleep 1; printf '\001q') | isoctl console -n c1)
expect_match "console" "$out" "^CONSOLE-42"
grep -q '^CONSOLE-42' $ISO_PATH/c1.log || fail "console log has no CONSOLE-42"
err=$( (sleep 2; printf '\001q') | isoctl console -n c1 >/dev/null & sleep 0.5;
       isoctl console -n c1 </dev/null 2>&1; wait)
expect_eq "second console client" "$err" \
	"isoctl: console c1: another client has the console: Device or resource busy"

out=$( (printf 'echo ESC-$((6*7))\n'; sleep 1; printf '\002q') | isoctl console -n c1 -e b)
expect_match "console -e b leaves on Ctrl-b q" "$out" "^ESC-42"
err=$(isoctl console -n c1 -e 1 </dev/null 2>&1) && fail "console -e 1"
expect_eq "console -e 1" "$err" "isoctl: console -e 1: give a letter, as -e b for Ctrl-b: Invalid argument"

# freeze and unfreeze
isoctl freeze -n c1 || fail "freeze"
expect_match "frozen" "$(isoctl ls --fancy)" "^c1 +FROZEN +$pid "
expect_eq "ls --active has frozen ones" "$(isoctl ls --active)" c1
expect_eq "ls --running has not" "$(isoctl ls --running)" ""
grep -q '^State: *FROZEN' /proc/$pid/status 2>/dev/null ||
	expect_match "init stopped" "$(cat /proc/$pid/stat | cut -d' ' -f3)" "^[DST]$"
isoctl unfreeze -n c1 || fail "unfreeze"
expect_match "thawed" "$(isoctl ls --fancy)" "^c1 +RUNNING +$pid "

err=$(isoctl destroy -n c1 2>&1) && fail "destroyed a running container"
expect_match "destroy running" "$err" "running as pid $pid \(stop it, or -f\)"

# stop: busybox init halts on the template's SIGUSR1, well within 10 s,
# frozen as well: stop thaws it first, or it would take no signal
isoctl freeze -n c1 || fail "freeze before stop"
start=$(date +%s)
# -t is checked, overflow included: seconds * 1000 must fit poll()
expect_eq "stop -t too long" "$(isoctl stop -n c1 -t 5000000 2>&1)" \
	"isoctl: stop -t 5000000: not a number of seconds from -1 (no limit) to 2147483: Invalid argument"
isoctl stop -n c1 || fail "stop"
took=$(( $(date +%s) - start ))
[ $took -lt 10 ] || fail "stop took $took s: init did not halt on its signal"
kill -0 $pid 2>/dev/null && fail "init $pid still alive after stop"
no_leftovers "stop" c1
if iso_loaded; then
	isoctl stats c1 --json >/dev/null 2>&1 && fail "iso.ko still tracks c1 after stop"
fi
err=$(isoctl stop -n c1 2>&1) && fail "stopped a stopped container"
expect_eq "stop stopped" "$err" "isoctl: stop c1: not running: No such process"

# an init that ignores its halt signal is killed after -t seconds
echo 'lxc.signal.halt = SIGHUP' >>$ISO_PATH/c1/config	# busybox: reload
isoctl start -n c1 || fail "start again"
start=$(date +%s)
isoctl stop -n c1 -t 1 || fail "stop -t 1"
took=$(( $(date +%s) - start ))
[ $took -ge 1 ] && [ $took -le 4 ] || fail "stop -t 1 took $took s"
no_leftovers "stop -t 1" c1

# stop, freeze and unfreeze of one container take turns: a freeze while
# stop waits out its -t would leave init frozen past its SIGKILL
isoctl start -n c1 || fail "start for a freeze during stop"
isoctl stop -n c1 -t 2 &
stopper=$!
sleep 0.5
err=$(isoctl freeze -n c1 2>&1) && fail "froze c1 during its stop"
expect_eq "freeze during stop" "$err" "isoctl: freeze c1: not running: No such process"
wait $stopper || fail "stop -t 2 with a freeze waiting"
no_leftovers "freeze during stop" c1
# but stop -k does not wait behind a stop that waits for ever
isoctl start -n c1 || fail "start for a stop -k during stop"
isoctl stop -n c1 -t -1 &
stopper=$!
# once it polls init's pidfd, it holds the lock
wait_until 5 "stop -t -1 did not wait for init" 'grep -q poll /proc/$stopper/wchan 2>/dev/null'
timeout 10 isoctl stop -n c1 -k || fail "stop -k behind a stop -t -1"
wait_until 5 "stop -t -1 outlived init" '! kill -0 $stopper 2>/dev/null || grep -q "^State:.*Z" /proc/$stopper/status'
wait $stopper || fail "stop -t -1 once killed"
no_leftovers "stop -k during stop" c1
isoctl start -n c1 && isoctl stop -n c1 -k || fail "stop -k"
no_leftovers "stop -k" c1
sed -i '/^lxc.signal.halt = SIGHUP/d' $ISO_PATH/c1/config

# lxc.signal.stop: what stop -k sends, and stop past its -t; one init
# catches ends it its way, one it ignores is followed by SIGKILL
cat >$ISO_PATH/c1/rootfs/stop-trap <<'EOT'
trap 'echo "caught USR1" >/stopped; exit 0' USR1
while :; do sleep 1; done
EOT
cp $ISO_PATH/c1/config $ISO_PATH/c1/config.before-stop-signal
printf 'lxc.init.cmd = /bin/sh /stop-trap\nlxc.signal.stop = SIGUSR1\n' >>$ISO_PATH/c1/config
isoctl start -n c1 && isoctl stop -n c1 -k || fail "stop -k with lxc.signal.stop"
expect_eq "stop -k sent lxc.signal.stop" "$(cat $ISO_PATH/c1/rootfs/stopped 2>&1)" "caught USR1"
no_leftovers "stop -k with lxc.signal.stop" c1
rm $ISO_PATH/c1/rootfs/stopped
echo 'lxc.signal.stop = SIGUSR2' >>$ISO_PATH/c1/config
isoctl start -n c1 || fail "start with an ignored lxc.signal.stop"
start=$(date +%s)
isoctl stop -n c1 -k -t 1 || fail "stop -k -t 1 with an ignored lxc.signal.stop"
took=$(( $(date +%s) - start ))
[ $took -ge 1 ] && [ $took -le 4 ] || fail "stop -k -t 1, signal ignored, took $took s"
[ ! -e $ISO_PATH/c1/rootfs/stopped ] || fail "USR2 was caught as USR1"
no_leftovers "stop -k with an ignored lxc.signal.stop" c1
mv $ISO_PATH/c1/config.before-stop-signal $ISO_PATH/c1/config
rm $ISO_PATH/c1/rootfs/stop-trap

# init's own /proc files, written as root inside, in a user namespace
# too (t-lifecycle-userns): lxc.time.offset's, lxc.proc's
printf 'lxc.time.offset.boot = 1h\nlxc.proc.oom_score_adj = 7\n' >>$ISO_PATH/c1/config
isoctl start -n c1 || fail "start with lxc.time.offset and lxc.proc"
expect_eq "lxc.time.offset, lxc.proc" \
	"$(isoctl attach -n c1 -- cat /proc/self/timens_offsets /proc/1/oom_score_adj | tr -s ' \n' '  ')" \
	"monotonic 0 0 boottime 3600 0 7 "
isoctl stop -k -n c1 || fail "stop with lxc.time.offset"
sed -i '/^lxc.time.offset.boot/d; /^lxc.proc.oom_score_adj/d' $ISO_PATH/c1/config
no_leftovers "lxc.time.offset" c1

# an init that dies: the monitor still takes everything down
isoctl start -n c1 || fail "start before the crash"
kill -9 "$(cut -d" " -f1 $ISO_PATH/c1/init.pid)"
sleep 1
no_leftovers "a crashed init" c1

# start -F: in the foreground, this terminal (here a file) is the console
isoctl start -n c1 -F </dev/null >/tmp/iso-life.fg 2>&1 &
fg=$!
wait_running "start -F"
isoctl attach -n c1 -- sh -c 'echo FG-$((6*7)) >/dev/console'
isoctl stop -n c1 || fail "stop after start -F"
wait $fg
expect_eq "start -F exits when init does" $? 0
grep -q 'FG-42' /tmp/iso-life.fg || fail "start -F: console output not on its stdout"
rm -f /tmp/iso-life.fg
no_leftovers "start -F" c1

# SIGTERM to the monitor halts the container as stop does
isoctl start -n c1 -F </dev/null >/dev/null 2>&1 &
fg=$!
wait_running "start -F again"
kill -TERM $fg
wait $fg
expect_eq "start -F after SIGTERM" $? 0
no_leftovers "SIGTERM to the monitor" c1

# a monitor killed: init dies with it, and the next start takes over
# the empty cgroups it left
isoctl start -n c1 || fail "start before killing the monitor"
kill_monitor c1 init
no_leftovers "a killed monitor" c1

# init.pid names a pid and when it started: a pid since reused by
# another process is not init, and stop must not signal it
isoctl start -n c1 || fail "start before the decoy"
sleep 300 &
decoy=$!
cp $ISO_PATH/c1/init.pid /tmp/iso-life.pid
echo "$decoy 1" >$ISO_PATH/c1/init.pid
isoctl stop -n c1 >/dev/null 2>&1
kill -0 $decoy 2>/dev/null || fail "stop signalled a reused pid"
kill $decoy
cp /tmp/iso-life.pid $ISO_PATH/c1/init.pid
isoctl stop -n c1 || fail "stop after the decoy"
no_leftovers "the decoy" c1

# a container that makes cgroups of its own, as systemd does: init moved
# and its children to init.scope, then controllers enabled for the
# children (v2), or child cgroups in its v1 hierarchies.  attach joins init's cgroup, the
# one that still takes a process, and stop removes them children first.
isoctl start -n c1 || fail "start for nested cgroups"
kind=$(isoctl attach -n c1 -- sh -c '
	cd /sys/fs/cgroup || exit 1
	if [ -e cgroup.controllers ]; then
		mkdir init.scope || exit 1
		# (cat, gone by then, is among them)
		for p in $(cat cgroup.procs); do
			echo $p 2>/dev/null >init.scope/cgroup.procs
		done
		echo v2
	else
		for h in *; do
			[ -e $h/tasks ] || continue
			mkdir $h/init.scope || exit 1
			# a new cpuset has no CPUs to run on until given some
			if [ -e $h/cpuset.cpus ]; then
				cat $h/cpuset.cpus >$h/init.scope/cpuset.cpus &&
					cat $h/cpuset.mems >$h/init.scope/cpuset.mems || exit 1
			fi
			echo 1 >$h/init.scope/tasks || exit 1
		done
		echo v1
	fi' </dev/null) || fail "moving init to init.scope: $kind"
if [ "$kind" = v2 ]; then
	isoctl attach -n c1 -- sh -c 'echo +pids >/sys/fs/cgroup/cgroup.subtree_control' </dev/null ||
		fail "enabling pids for init.scope"
	expect_eq "attach joins init's cgroup" \
		"$(isoctl attach -n c1 -- cat /proc/self/cgroup </dev/null)" "0::/init.scope"
fi
# and nested deeper than a path can name (5100 bytes, PATH_MAX 4096)
deep=$(isoctl attach -n c1 -- sh -c '
	cd /sys/fs/cgroup || exit 1
	[ -e cgroup.controllers ] || cd -P "$(dirname "$(ls */tasks | head -1)")" || exit 1
	i=0
	while [ $i -lt 300 ]; do
		mkdir nested-cgroup-16 && cd -P nested-cgroup-16 || exit 1
		i=$((i + 1))
	done
	echo $i' </dev/null)
expect_eq "cgroups 300 deep" "$deep" 300
# and on v1, one of its own that it froze, with a task in it: v1's
# freezer holds a task even from SIGKILL, so stop thaws it
if [ "$kind" = v1 ]; then
	held=$(isoctl attach -n c1 -- sh -c '
		h=$(dirname "$(ls /sys/fs/cgroup/*/freezer.state 2>/dev/null | head -1)")
		[ -e "$h/freezer.state" ] || { echo "no freezer"; exit 0; }
		mkdir $h/held || exit 1
		sh -c "echo 0 >$h/held/tasks && exec sleep 1000" </dev/null >/dev/null 2>&1 &
		i=0
		until [ -n "$(cat $h/held/tasks)" ]; do
			i=$((i + 1))
			[ $i -lt 50 ] || exit 1
			sleep 0.1
		done
		echo FROZEN >$h/held/freezer.state || exit 1
		i=0
		until [ "$(cat $h/held/freezer.state)" = FROZEN ]; do
			i=$((i + 1))
			[ $i -lt 50 ] || exit 1
			sleep 0.1
		done
		echo FROZEN' </dev/null) || fail "freezing a cgroup of its own: $held"
	case $held in
	FROZEN) ;;
	"no freezer") echo "no v1 freezer: the frozen cgroup case did not run" ;;
	*) fail "freezing a cgroup of its own: $held" ;;
	esac
fi
isoctl stop -n c1 || fail "stop with nested cgroups"
no_leftovers "stop with nested cgroups" c1
for d in $(find /sys/fs/cgroup -path "*/iso/c1" 2>/dev/null); do
	fail "stop left $d"
done

# destroy -f stops it first, frozen or not
isoctl start -n c1 || fail "start before destroy -f"
isoctl freeze -n c1 || fail "freeze before destroy -f"
isoctl destroy -n c1 -f >/dev/null || fail "destroy -f"
[ ! -e $ISO_PATH/c1 ] || fail "destroy -f left the directory"
for d in $(find /sys/fs/cgroup -maxdepth 3 -type d -name c1 2>/dev/null); do
	case $d in */iso/c1) fail "destroy -f left cgroup $d" ;; esac
done

# failed starts leave nothing behind
mounts_before=$(wc -l </proc/self/mountinfo)
isoctl create -n c2 >/dev/null || fail "create c2"
echo 'lxc.init.cmd = /no/such/init' >>$ISO_PATH/c2/config
err=$(isoctl start -n c2 2>&1) && fail "started with a missing init"
expect_eq "missing init" "$err" "isoctl: executing /no/such/init: No such file or directory"
no_leftovers "a missing init" c2
isoctl create -n c3 >/dev/null || fail "create c3"
rm -rf $ISO_PATH/c3/rootfs
err=$(isoctl start -n c3 2>&1) && fail "started without a rootfs"
expect_eq "missing rootfs" "$err" "isoctl: finding rootfs $ISO_PATH/c3/rootfs: No such file or directory"
no_leftovers "a missing rootfs" c3
err=$(isoctl start -n c4 2>&1) && fail "started a container that does not exist"
expect_match "no such container" "$err" "^isoctl: finding container $ISO_PATH/c4: No such file or directory$"
expect_eq "the host's mounts" "$(wc -l </proc/self/mountinfo)" "$mounts_before"
exit 0
