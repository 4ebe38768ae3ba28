# SPDX-License-Identifier: GPL-2.0
# What LXC's config says init runs as and with, seen from inside:
# lxc.environment (NAME=VALUE, and NAME passed on from the caller),
# lxc.init.uid, .gid, .groups and .cwd, lxc.prlimit.*, lxc.proc.*, and
# lxc.sysctl.* of the net, uts and ipc namespaces, the host's untouched,
# lxc.time.offset.* in a time namespace that attach enters too, and
# lxc.seccomp.profile, its notify rules answered through
# lxc.seccomp.notify.proxy; for start's init and for exec's command, as
# lxc-execute's, which is lxc.execute.cmd when exec is given none.  A
# bad one fails the start in one line and leaves nothing.
. ./lib.sh

export ISO_PATH=/tmp/iso-lxc-init
cleanup()
{
	isoctl stop -k -n li >/dev/null 2>&1
	[ -z "${proxy_pid:-}" ] || kill $proxy_pid 2>/dev/null
	rm -rf $ISO_PATH /tmp/iso-lxc-init.conf /tmp/iso-lxc-init.seccomp \
		/tmp/iso-lxc-init.proxy /tmp/iso-lxc-init.proxy.log
}
cleanup
trap cleanup EXIT

# a new network namespace starts with the host's: the sysctl ends on
# the other value
host_forward=$(cat /proc/sys/net/ipv4/ip_forward)
cat >/tmp/iso-lxc-init.conf <<EOT
lxc.console.logfile = $ISO_PATH/li.log
lxc.init.cmd = /bin/sh /report
lxc.environment = APP=demo
lxc.environment = ISO_FROM_CALLER
lxc.environment = PATH=/bin:/sbin
lxc.init.uid = 1000
lxc.init.gid = 100
lxc.init.groups = 4,27
lxc.init.cwd = /work
lxc.prlimit.nofile = 512:1024
lxc.prlimit.core = unlimited
lxc.proc.oom_score_adj = 10
lxc.sysctl.net.ipv4.ip_forward = $host_forward
lxc.sysctl.net.ipv4.ip_forward = $((1 - host_forward))
lxc.sysctl.kernel.domainname = iso-test
lxc.sysctl.kernel.msgmax = 12345
lxc.time.offset.boot = 2h
lxc.time.offset.monotonic = 1500ms
lxc.execute.cmd = /bin/sh /report-exec
EOT
isoctl create -n li -f /tmp/iso-lxc-init.conf >/dev/null ||
	fail "create"
mkdir $ISO_PATH/li/rootfs/work
cat >$ISO_PATH/li/rootfs/report <<'EOT'
echo "ID $(id -u) $(id -g) $(id -G | tr ' ' ',')"
echo "CWD $(pwd)"
echo "ENV $APP $ISO_FROM_CALLER $PATH"
echo "NOFILE $(ulimit -Sn) $(ulimit -Hn) CORE $(ulimit -Sc)"
echo "OOM $(cat /proc/self/oom_score_adj)"
echo "SYSCTL $(cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/domainname /proc/sys/kernel/msgmax | tr '\n' ' ')"
echo "TIME $(cat /proc/self/timens_offsets | tr -s ' \n' '  ')"
echo "UP $(cut -d. -f1 /proc/uptime)"
echo "CAPS $(grep CapEff /proc/self/status | cut -f2)"
EOT
cp $ISO_PATH/li/rootfs/report $ISO_PATH/li/rootfs/report-exec
echo 'sleep 1000' >>$ISO_PATH/li/rootfs/report

check_report()
{
	local out=$1 what=$2

	expect_match "$what: uid, gid, groups" "$out" "^ID 1000 100 (100,)?4,27$"
	expect_match "$what: cwd" "$out" "^CWD /work$"
	expect_match "$what: environment" "$out" "^ENV demo passed /bin:/sbin$"
	expect_match "$what: prlimits" "$out" "^NOFILE 512 1024 CORE unlimited$"
	expect_match "$what: lxc.proc" "$out" "^OOM 10$"
	expect_match "$what: lxc.sysctl" "$out" "^SYSCTL $((1 - host_forward)) iso-test 12345 $"
	expect_match "$what: lxc.time.offset" "$out" \
		"^TIME monotonic 1 500000000 boottime 7200 0 $"
	up=$(echo "$out" | sed -n 's/^UP //p')
	[ "${up:-0}" -ge 7200 ] || fail "$what: uptime $up, not 2h on"
	expect_match "$what: no capability left" "$out" "^CAPS 0000000000000000$"
}

host_sysctls=$(cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/domainname /proc/sys/kernel/msgmax)
# lxc.environment = ISO_FROM_CALLER: from start's caller, as lxc-start's
ISO_FROM_CALLER=passed isoctl start -n li || fail "start"
wait_until 10 "init did not report" 'grep -q "^CAPS" $ISO_PATH/li.log'
check_report "$(tr -d '\r' <$ISO_PATH/li.log)" "start's init"
expect_match "attach: the time namespace" \
	"$(isoctl attach -n li -- cat /proc/self/timens_offsets | tr -s ' \n' '  ')" \
	"^monotonic 1 500000000 boottime 7200 0 $"
isoctl stop -k -n li || fail "stop"

expect_eq "the host's sysctls" \
	"$(cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/domainname /proc/sys/kernel/msgmax)" \
	"$host_sysctls"

# no command: lxc.execute.cmd's
out=$(ISO_FROM_CALLER=passed isoctl exec -n li 2>&1) || fail "exec: $out"
check_report "$out" "exec's command"
out=$(isoctl exec -n li -- /bin/sh -c 'echo GIVEN $(id -u)' 2>&1) || fail "exec CMD: $out"
expect_eq "exec CMD: the command given" "$(echo "$out" | tail -n1)" "GIVEN 1000"
sed -i '/^lxc.execute.cmd/d' $ISO_PATH/li/config
err=$(isoctl exec -n li 2>&1) && fail "exec without a command or lxc.execute.cmd"
expect_eq "exec, no command" "$(echo "$err" | tail -n1)" \
	"isoctl: exec li: no command, and no lxc.execute.cmd in its config: Invalid argument"

# bad values fail where they are; one the kernel refuses fails the start
echo 'lxc.init.uid = root' >>$ISO_PATH/li/config
err=$(isoctl start -n li 2>&1) && fail "started with lxc.init.uid = root"
expect_eq "a bad uid" "$err" \
	"isoctl: $ISO_PATH/li/config:$(wc -l <$ISO_PATH/li/config): lxc.init.uid: \"root\" is not a number up to 4294967294"
sed -i '$d' $ISO_PATH/li/config
echo 'lxc.init.cwd = /no/such/dir' >>$ISO_PATH/li/config
err=$(isoctl start -n li 2>&1) && fail "started in a cwd that is not there"
expect_match "a missing cwd" "$err" "entering lxc.init.cwd /no/such/dir: No such file or directory"
[ ! -e $ISO_PATH/li/init.pid ] || fail "a failed start left init.pid"
sed -i '$d' $ISO_PATH/li/config
echo 'lxc.sysctl.no.such = 1' >>$ISO_PATH/li/config
err=$(isoctl start -n li 2>&1) && fail "started with a sysctl that is not there"
expect_eq "a missing sysctl" "$err" \
	"isoctl: applying lxc.sysctl.no.such: opening /proc/sys/no/such: No such file or directory"
[ ! -e $ISO_PATH/li/init.pid ] || fail "a failed start left init.pid"

# lxc.keyring.session: a session keyring of its own (the default), not
# its starter's, whose possessor-only key it cannot find; = 0 shares it,
# as LXC's.  attach never shares the caller's.  Seen where keyctl is
# allowed, iso.seccomp = 0: the default seccomp list forbids it.
sed -i '$d' $ISO_PATH/li/config
cp ../tools/keyring $ISO_PATH/li/rootfs/bin/keyring || fail "copying keyring"
echo 'iso.seccomp = 0' >>$ISO_PATH/li/config
find_key()
{
	../tools/keyring put iso-test-key isoctl "$@" -- /bin/keyring find iso-test-key 2>&1
}
expect_eq "exec: a session keyring of its own" "$(find_key exec -n li)" absent
echo 'lxc.keyring.session = 0' >>$ISO_PATH/li/config
expect_eq "exec: lxc.keyring.session = 0 shares it" "$(find_key exec -n li)" found
../tools/keyring put iso-test-key isoctl start -n li || fail "start, keyring shared"
expect_eq "attach: never the caller's" "$(find_key attach -n li)" absent
isoctl stop -k -n li || fail "stop, keyring shared"

# lxc.seccomp.profile: LXC's policy file, loaded over isoctl's own
# denylist, for init and for attach, as lxc-attach loads it too.  A
# line LXC refuses fails the start, with its file and line.
sed -i '/^iso.seccomp/d; /^lxc.keyring.session/d' $ISO_PATH/li/config
cat >/tmp/iso-lxc-init.seccomp <<EOT
2
denylist
reject_force_umount  # as LXC's common.seccomp
[all]
sethostname errno 38
EOT
echo 'lxc.seccomp.profile = /tmp/iso-lxc-init.seccomp' >>$ISO_PATH/li/config
isoctl start -n li || fail "start with a seccomp profile"
expect_match "init: its filter and the profile's" \
	"$(isoctl attach -n li -- cat /proc/1/status)" "Seccomp_filters:[[:space:]]+2"
expect_match "attach: the profile's too" \
	"$(isoctl attach -n li -- cat /proc/self/status)" "Seccomp_filters:[[:space:]]+2"
expect_match "the profile's errno, not the capability's EPERM" \
	"$(isoctl attach -n li -- hostname other 2>&1)" "Function not implemented"
isoctl stop -k -n li || fail "stop, seccomp profile"

# notify rules: start's monitor hands each call to
# lxc.seccomp.notify.proxy in LXC's wire format, with the cookie, the
# task's /proc dir, its memory and the listener, and the proxy's answer
# is the call's: ../tools/seccompproxy answers 4242, and init's getppid()
# (busybox sh's $PPID) says so.  Attach, and exec, which have no monitor
# to answer, refuse such a profile; a proxy that is not there fails the
# start.
printf '2\ndenylist\ngetppid notify\n' >/tmp/iso-lxc-init.seccomp
proxy=/tmp/iso-lxc-init.proxy
../tools/seccompproxy $proxy 4242 >$proxy.log 2>&1 &
proxy_pid=$!
wait_until 5 "the proxy listening" 'grep -q listening $proxy.log'
cp $ISO_PATH/li/config $ISO_PATH/li.config
printf '%s\n' "lxc.seccomp.notify.proxy = unix:$proxy" \
	"lxc.seccomp.notify.cookie = iso-cookie" \
	"lxc.init.cmd = /bin/sh /ppid.sh" >>$ISO_PATH/li/config
echo 'echo PPID=$PPID; exec sleep 1000' >$ISO_PATH/li/rootfs/ppid.sh
rm -f $ISO_PATH/li.log
isoctl start -n li || fail "start with notify rules"
# on the console, whose log lxc.console.logfile keeps
wait_until 10 "init's PPID= on the console" 'grep -q PPID= $ISO_PATH/li.log'
expect_eq "getppid(), answered by the proxy" "$(grep -o 'PPID=[0-9]*' $ISO_PATH/li.log)" PPID=4242
init=$(cut -d' ' -f1 $ISO_PATH/li/init.pid)
# 110: x86_64's getppid
expect_match "what the proxy was sent" "$(cat $proxy.log)" \
	"^nr=110 pid=$init init=$init monitor=[0-9]+ cookie=iso-cookie fds=3 procdir=1 mem=rw listener=1 sizes=1\$"
monitor=$(sed -n 's/.* monitor=\([0-9]*\) .*/\1/p' $proxy.log)
expect_eq "the monitor said it is" "$(cat /proc/$monitor/comm 2>&1)" isoctl
! ls -l /proc/$init/fd | grep -q 'seccomp notify' || fail "init has the listener"
err=$(isoctl attach -n li -- true 2>&1) && fail "attach with notify rules"
expect_eq "attach, notify rules" "$err" \
	"isoctl: attach li: its lxc.seccomp.profile has notify rules, which only start's monitor answers: Operation not supported"
isoctl stop -k -n li || fail "stop, notify rules"
wait $proxy_pid || fail "the proxy: $(cat $proxy.log)"
err=$(isoctl start -n li 2>&1) && fail "started with no proxy listening"
expect_eq "no proxy" "$err" \
	"isoctl: lxc.seccomp.notify.proxy: connecting to $proxy: Connection refused"
[ ! -e $ISO_PATH/li/init.pid ] || fail "a start with no proxy left init.pid"
err=$(isoctl exec -n li -- true 2>&1) && fail "exec with notify rules"
expect_eq "exec, notify rules" "$err" \
	"isoctl: lxc.seccomp.profile: its notify rules need start's monitor to answer them: Operation not supported"
mv $ISO_PATH/li.config $ISO_PATH/li/config
rm -f $proxy $proxy.log $ISO_PATH/li/rootfs/ppid.sh
printf '2\ndenylist\n[amd64]\n' >/tmp/iso-lxc-init.seccomp
err=$(isoctl start -n li 2>&1) && fail "started with a profile LXC refuses"
expect_eq "a bad profile" "$err" \
	"isoctl: reading lxc.seccomp.profile /tmp/iso-lxc-init.seccomp:3: Invalid argument ([amd64]: no such architecture section)"
[ ! -e $ISO_PATH/li/init.pid ] || fail "a failed start left init.pid"
left=$(find /sys/fs/cgroup /run/iso/cgroup2 -maxdepth 4 -type d -name li 2>/dev/null)
[ -z "$left" ] || fail "a failed start left its cgroup: $left"
rm /tmp/iso-lxc-init.seccomp
err=$(isoctl start -n li 2>&1) && fail "started with no profile file"
expect_eq "a missing profile" "$err" \
	"isoctl: opening lxc.seccomp.profile /tmp/iso-lxc-init.seccomp: No such file or directory"
exit 0
