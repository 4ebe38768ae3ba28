# SPDX-License-Identifier: GPL-2.0
# lxc.hook.*, as LXC runs them: each at its point, in order (pre-start,
# pre-mount, mount, autodev, start inside, start-host, stop, post-stop),
# told what LXC tells them: "NAME lxc TYPE" as arguments (version 0) or
# LXC_HOOK_TYPE and LXC_HOOK_SECTION (version 1), LXC_NAME,
# LXC_CONFIG_FILE, LXC_ROOTFS_PATH and .._MOUNT, LXC_TARGET, and the stop
# hook the container's namespaces.  exec runs them too, destroy its
# destroy hooks.  A hook that fails stops the start at that point, in one
# line, and leaves nothing: the post-stop hooks still run.  What a start
# in the background says, and its hooks, go to lxc.log.file.
. ./lib.sh

export ISO_PATH=/tmp/iso-lxc-hooks
cleanup()
{
	isoctl stop -k -n hk >/dev/null 2>&1
	# the guest's syslogd of the lxc.log.syslog check, and its socket
	[ -z "${syslogd:-}" ] || { kill $syslogd; rm -f /dev/log; } 2>/dev/null
	rm -rf $ISO_PATH
}
cleanup
trap cleanup EXIT

isoctl create -n hk >/dev/null || fail "create"
root=$ISO_PATH/hk/rootfs
cfg=$ISO_PATH/hk/config
cp $cfg $ISO_PATH/config.orig
# every hook appends to the rootfs's /hooks, which the start hook,
# inside, sees at that path and the others at $root/hooks.  A hook is
# "exec COMMAND ARGS...": the arguments go to its one command.
log=$root/hooks
cat >>$cfg <<EOT
lxc.init.cmd = /bin/sleep 1000
lxc.hook.pre-start = echo pre-start >>$log
lxc.hook.pre-mount = echo pre-mount >>$log
lxc.hook.mount = echo mount "\$LXC_ROOTFS_MOUNT" "\$LXC_ROOTFS_PATH" >>$log
lxc.hook.autodev = echo autodev >>$log
lxc.environment = HOOK_ENV=from-config
lxc.hook.start = echo start \$(stat -L -c %t:%T /proc/self/fd/0 /proc/self/fd/2) "tty=\$(cut -d' ' -f7 /proc/self/stat)" "\${ISO_SECRET:-unset}" "\${LXC_PID:-nopid}" "\$HOOK_ENV" >>/hooks
lxc.hook.start = sh -c 'readlink /proc/1/fd/0 2>/dev/null || echo "pid 1 fd 0: denied"' >>/hooks
lxc.hook.start-host = echo start-host "\$LXC_CONFIG_FILE" "\${LXC_PID:+pid}" >>$log
lxc.hook.stop = echo "stop \$LXC_NAME:\$LXC_HOOK_VERSION:\$LXC_TARGET:\$LXC_HOOK_TYPE:\${LXC_PID:+pid}" >>$log
lxc.hook.post-stop = echo post-stop "\$LXC_TARGET" "\${LXC_PID:+pid}" >>$log
EOT
# version 0: each hook's arguments, after its own words.  The start
# hook runs the container's shell: /dev/null, no terminal, none of the
# caller's variables.
ISO_SECRET=leaked isoctl start -n hk || fail "start"
isoctl stop -k -n hk || fail "stop"
# (the stop hook's namespaces after "stop": below)
expect_eq "version 0, in order, with their arguments" "$(sed 's/ mnt:.*//' $log)" \
"pre-start hk lxc pre-start
pre-mount hk lxc pre-mount
mount $root $root hk lxc mount
autodev hk lxc autodev
start 1:3 1:3 tty=0 unset nopid from-config hk lxc start
pid 1 fd 0: denied
start-host $cfg pid hk lxc start-host
stop hk:0:stop::pid hk lxc stop
post-stop stop pid hk lxc post-stop"

# the stop hook's namespaces are the container's: mnt:/proc/PID/fd/N ...
rm $log
cat >$ISO_PATH/stop-hook <<EOT
#!/bin/sh
echo "args \$1 \$2 \$3"
shift 3
for ns; do echo "\${ns%%:*} \$(readlink \${ns#*:})"; done
EOT
chmod +x $ISO_PATH/stop-hook
sed -i '/^lxc.hook/d' $cfg
cat >>$cfg <<EOT
lxc.hook.start = echo "\$(readlink /proc/self/ns/net)" >>/hooks
lxc.hook.stop = $ISO_PATH/stop-hook >>$log
EOT
isoctl start -n hk && isoctl stop -k -n hk || fail "start with a stop hook"
start_ns=$(sed -n 's/^\(net:\[[0-9]*\]\) hk lxc start$/\1/p' $log)
[ -n "$start_ns" ] || fail "the start hook saw no network namespace: $(cat $log)"
expect_eq "the stop hook's net namespace" "$(sed -n 's/^net //p' $log)" "$start_ns"
expect_eq "the stop hook's namespaces" "$(cut -d' ' -f1 $log | tr '\n' ' ')" \
	"$start_ns args mnt pid uts ipc net cgroup "
expect_match "the stop hook's arguments" "$(cat $log)" "^args hk lxc stop$"

# a start hook that keeps CAP_SYS_PTRACE, no user namespace, may look at
# pid 1's fds: none of them, and not pid 1's terminal, is the caller's
# (here a pty of ptyrun's)
rm $log
sed -i '/^lxc.hook/d' $cfg
cat >>$cfg <<EOT
lxc.cap.keep = sys_ptrace dac_override
lxc.hook.start = sh -c 'ls -l /proc/1/fd/; echo "tty \$(cut -d" " -f7 /proc/1/stat)"' >>/hooks
EOT
# exec, in the caller's session: its pty was pid 1's terminal
out=$(../tools/ptyrun isoctl exec -n hk -- true 2>&1) || fail "exec under a pty: $out"
grep -q 'null' $log || fail "the start hook could not see pid 1's fds: $(cat $log)"
grep -q ' -> /dev/pts/' $log && fail "pid 1 held the caller's pty: $(cat $log)"
grep -q ' -> /.*lock' $log && fail "pid 1 held the state lock: $(cat $log)"
expect_eq "pid 1's controlling terminal" "$(sed -n 's/^tty //p' $log)" 0
# what fails after that is still said, by the parent, in one line
echo "lxc.hook.start = sh -c 'exit 3'" >>$cfg
out=$(../tools/ptyrun isoctl exec -n hk -- true 2>&1) &&
	fail "exec past a failing start hook under a pty"
out=$(echo "$out" | tr -d '\r')
expect_match "nothing typed into the caller's pty" "$out" "^input left: ''$"
expect_eq "a failing start hook under a pty" "$(echo "$out" | sed '/^$/d; /^input left:/d')" \
	"isoctl: hk: lxc.hook.start \"sh -c 'exit 3'\": exited with 3"
sed -i '/^lxc.cap.keep/d; /^lxc.hook/d' $cfg

# version 1: the environment instead of arguments
rm $log
sed -i '/^lxc.hook/d' $cfg
cat >>$cfg <<EOT
lxc.hook.version = 1
lxc.hook.pre-start = echo "pre-start \$# \$LXC_HOOK_TYPE \$LXC_HOOK_SECTION \$LXC_HOOK_VERSION" >>$log
lxc.hook.stop = echo "stop \$# \$LXC_HOOK_TYPE \$(readlink \$LXC_NET_NS)" >>$log
EOT
isoctl start -n hk && isoctl stop -k -n hk || fail "start with version 1"
expect_match "version 1" "$(cat $log | tr '\n' ' ')" \
	"^pre-start 0 pre-start lxc 1 stop 0 stop net:\[[0-9]+\] $"

# exec (lxc-execute) runs them too
rm $log
out=$(isoctl exec -n hk -- /bin/echo inside 2>&1) || fail "exec: $out"
expect_eq "exec's hooks" "$(cat $log | cut -d' ' -f1,3 | tr '\n' ' ')" \
	"pre-start pre-start stop stop "

# a hook that fails stops the start there, and leaves nothing; the stop
# and post-stop hooks then run, as LXC's lxc_end() runs them
cp $ISO_PATH/config.orig $cfg
echo "lxc.hook.stop = echo stop >>$log" >>$cfg
echo "lxc.hook.post-stop = echo post-stop >>$log" >>$cfg
for hook in pre-start pre-mount mount autodev start start-host; do
	rm -f $log
	sed -i '/^lxc.hook.\(post-\)\?stop/!{/^lxc.hook/d}' $cfg
	echo "lxc.hook.$hook = sh -c 'exit 3'" >>$cfg
	err=$(isoctl start -n hk 2>&1) && fail "started past a failing $hook hook"
	expect_eq "a failing $hook hook" "$err" \
		"isoctl: hk: lxc.hook.$hook \"sh -c 'exit 3'\": exited with 3"
	[ ! -e $ISO_PATH/hk/init.pid ] || fail "$hook: init.pid left"
	[ -z "$(find /sys/fs/cgroup -maxdepth 4 -type d -name hk)" ] ||
		fail "$hook: a cgroup left"
	expect_eq "$hook: stop, post-stop" "$(sed 's/ mnt:.*//' $log)" \
		"stop hk lxc stop
post-stop hk lxc post-stop"
done

# lxc.log.file: what a start in the background says once it is there,
# its hooks' stderr too, each of isoctl's lines with the time; nothing
# of it above lxc.log.level ERROR; a log that cannot be opened fails
# the start
sed -i '/^lxc.hook/d' $cfg
echo "lxc.log.file = $ISO_PATH/hk.log" >>$cfg
echo "lxc.hook.stop = sh -c 'echo the stop hook speaks >&2; exit 5'" >>$cfg
isoctl start -n hk || fail "start with lxc.log.file"
isoctl stop -k -n hk || fail "stop with lxc.log.file"
wait_until 5 "nothing in the log" 'grep -q exited $ISO_PATH/hk.log'
expect_eq "the log" "$(sed 's/^[0-9-]*T[0-9:]*Z /TIME /' $ISO_PATH/hk.log)" \
	"the stop hook speaks
TIME isoctl: hk: lxc.hook.stop \"sh -c 'echo the stop hook speaks >&2; exit 5'\": exited with 5"
expect_eq "the log is root's" "$(stat -c '%U %a' $ISO_PATH/hk.log)" "root 600"
rm $ISO_PATH/hk.log
echo "lxc.log.level = FATAL" >>$cfg
isoctl start -n hk && isoctl stop -k -n hk || fail "start, stop at FATAL"
expect_eq "FATAL: nothing" "$(cat $ISO_PATH/hk.log)" ""
sed -i '/^lxc.log/d' $cfg
# lxc.log.syslog: the same lines to syslog, once, with its facility,
# the container's name before each, the ones the container's setup says
# too (an init that is not there), logged by the monitor; a guest's own
# busybox syslogd listens on /dev/log (the host's is not the test's)
if [ "${ISO_GUEST:-}" != 1 ]; then
	echo "lxc.log.syslog: checked in a guest, with a syslogd of the test's"
elif [ -e /dev/log ]; then
	echo "lxc.log.syslog: not checked, this guest has a /dev/log already"
else
	syslogd -n -O $ISO_PATH/syslog &
	syslogd=$!
	wait_until 5 "no /dev/log" '[ -S /dev/log ]'
	echo "lxc.log.syslog = local3" >>$cfg
	isoctl start -n hk || fail "start with lxc.log.syslog"
	isoctl stop -k -n hk || fail "stop with lxc.log.syslog"
	wait_until 5 "nothing in syslog" 'grep -q exited $ISO_PATH/syslog'
	line=$(grep exited $ISO_PATH/syslog)
	expect_eq "syslog: said once" "$(echo "$line" | grep -c .)" 1
	expect_match "syslog" "$line" \
		" local3\.err isoctl\[[0-9]+\]: hk: lxc\.hook\.stop \"sh -c 'echo the stop hook speaks >&2; exit 5'\": exited with 5$"
	echo "lxc.init.cmd = /no/such/init" >>$cfg
	err=$(isoctl start -n hk 2>&1) && fail "started /no/such/init"
	wait_until 5 "the child's line not in syslog" 'grep -q no/such/init $ISO_PATH/syslog'
	line=$(grep no/such/init $ISO_PATH/syslog)
	expect_match "syslog: the container's setup" "$line" \
		" local3\.err isoctl\[[0-9]+\]: hk: .*/no/such/init.*: No such file or directory$"
	expect_match "syslog: that line, said" "$err" "/no/such/init.*: No such file or directory$"
	kill $syslogd
	wait $syslogd
	syslogd=
	rm -f /dev/log
	sed -i '/^lxc.log/d; /^lxc.init.cmd = \/no\/such\/init$/d' $cfg
	echo "lxc.log.syslog: in syslog, as local3"
fi
echo "lxc.log.file = /no/such/dir/hk.log" >>$cfg
err=$(isoctl start -n hk 2>&1) && fail "started with a log it cannot open"
expect_eq "a log it cannot open" "$err" \
	"isoctl: opening lxc.log.file /no/such/dir/hk.log: No such file or directory"
[ ! -e $ISO_PATH/hk/init.pid ] || fail "a log it cannot open left init.pid"
sed -i '/^lxc.log/d; /^lxc.hook/d' $cfg

# lxc.rootfs.mount: the rootfs bound there to pivot, and the mount hooks
# find it there, in the container's mount namespace only
mkdir -p /tmp/iso-lxc-hooks.mnt
printf '%s\n' "lxc.init.cmd = /bin/sleep 1000" \
	"lxc.rootfs.mount = /tmp/iso-lxc-hooks.mnt" \
	"lxc.hook.mount = sh -c 'echo \"\$LXC_ROOTFS_MOUNT\" >\"\$LXC_ROOTFS_MOUNT/rmnt\"; grep -c \" /tmp/iso-lxc-hooks.mnt \" /proc/self/mountinfo >>\"\$LXC_ROOTFS_MOUNT/rmnt\"'" \
	>>$cfg
isoctl start -n hk || fail "start with lxc.rootfs.mount"
expect_eq "the mount hook, with lxc.rootfs.mount" "$(isoctl attach -n hk -- cat /rmnt)" \
	"/tmp/iso-lxc-hooks.mnt
1"
! grep -q " /tmp/iso-lxc-hooks.mnt " /proc/self/mountinfo ||
	fail "lxc.rootfs.mount's bind is on the host"
isoctl stop -k -n hk || fail "stop with lxc.rootfs.mount"
sed -i 's#^lxc.rootfs.mount = .*#lxc.rootfs.mount = /no/such/dir#' $cfg
err=$(isoctl start -n hk 2>&1) && fail "started with a missing lxc.rootfs.mount"
expect_eq "a missing lxc.rootfs.mount" "$err" \
	"isoctl: bind-mounting rootfs $root on /no/such/dir: No such file or directory"
[ ! -e $ISO_PATH/hk/init.pid ] || fail "a missing lxc.rootfs.mount left init.pid"
sed -i '/^lxc.rootfs.mount/d; /^lxc.hook/d; /^lxc.init.cmd = \/bin\/sleep 1000$/d' $cfg
rm -f $root/rmnt
rmdir /tmp/iso-lxc-hooks.mnt

# lxc.monitor.unshare: what a pre-start hook mounts is the monitor's,
# and the container's, not the host's
mkdir -p /tmp/iso-lxc-hooks.unshare
printf '%s\n' "lxc.init.cmd = /bin/sleep 1000" "lxc.monitor.unshare = 1" \
	"lxc.hook.pre-start = sh -c 'mount -t tmpfs iso-unshare /tmp/iso-lxc-hooks.unshare && echo mounted >/tmp/iso-lxc-hooks.unshare/m'" \
	>>$cfg
isoctl start -n hk || fail "start with lxc.monitor.unshare"
! grep -q " /tmp/iso-lxc-hooks.unshare " /proc/self/mountinfo ||
	fail "lxc.monitor.unshare: the hook's mount is on the host"
[ ! -e /tmp/iso-lxc-hooks.unshare/m ] || fail "lxc.monitor.unshare: the hook wrote to the host's directory"
pid=$(cut -d' ' -f1 $ISO_PATH/hk/init.pid)
monitor=$(awk '/^PPid:/ { print $2 }' /proc/$pid/status)
grep -q " /tmp/iso-lxc-hooks.unshare " /proc/$monitor/mountinfo ||
	fail "lxc.monitor.unshare: the monitor does not have the hook's mount"
isoctl stop -k -n hk || fail "stop with lxc.monitor.unshare"
rmdir /tmp/iso-lxc-hooks.unshare
sed -i '/^lxc.monitor.unshare/d; /^lxc.hook/d; /^lxc.init.cmd = \/bin\/sleep 1000$/d' $cfg

# lxc.monitor.signal.pdeath: what init gets when its monitor dies
cat >$root/pdeath <<'EOT'
#!/bin/sh
trap 'echo "got TERM" >/pdeath.out; exit 0' TERM
while :; do sleep 1 & wait; done
EOT
chmod 755 $root/pdeath
printf '%s\n' "lxc.init.cmd = /pdeath" "lxc.monitor.signal.pdeath = SIGTERM" >>$cfg
# as root, and as a user of lxc.init.uid, whose change of ids clears it
for uid in "" 1000; do
	[ -z "$uid" ] || echo "lxc.init.uid = $uid" >>$cfg
	chmod 777 $root
	isoctl start -n hk || fail "start with lxc.monitor.signal.pdeath ${uid:+as $uid}"
	pid=$(cut -d' ' -f1 $ISO_PATH/hk/init.pid)
	kill -9 "$(awk '/^PPid:/ { print $2 }' /proc/$pid/status)"
	wait_until 10 "init ${uid:+($uid) }got no SIGTERM from its monitor's death" \
		'[ "$(cat $root/pdeath.out 2>/dev/null)" = "got TERM" ]'
	wait_until 10 "init outlived its SIGTERM" '[ ! -e /proc/$pid ]'
	# the next start takes over what the killed monitor left
	isoctl start -n hk && isoctl stop -k -n hk || fail "start after a killed monitor"
	chmod 755 $root
	rm -f $root/pdeath.out
done
rm -f $root/pdeath
sed -i '/^lxc.monitor.signal.pdeath/d; /^lxc.init.cmd = \/pdeath$/d; /^lxc.init.uid/d' $cfg

# destroy: its hooks first; one that fails keeps the container
sed -i '/^lxc.hook/d' $cfg
echo "lxc.hook.destroy = sh -c 'exit 4'" >>$cfg
err=$(isoctl destroy -n hk 2>&1) && fail "destroyed past a failing hook"
expect_eq "a failing destroy hook" "$err" \
	"isoctl: hk: lxc.hook.destroy \"sh -c 'exit 4'\": exited with 4"
[ -f $cfg ] || fail "a failing destroy hook did not keep the container"
sed -i '$d' $cfg
echo "lxc.hook.destroy = echo destroy \$LXC_CONFIG_FILE >>$ISO_PATH/destroyed" >>$cfg
# lxc.rootfs.managed = 0: the hooks run, and all is left, as in LXC
echo "lxc.rootfs.managed = 0" >>$cfg
err=$(isoctl destroy -n hk 2>&1) || fail "destroy, unmanaged: $err"
expect_eq "destroy, unmanaged" "$err" \
	"isoctl: notice: hk: lxc.rootfs.managed = 0: its directory and rootfs are left, as LXC leaves them
Destroyed container hk"
expect_eq "destroy hook, unmanaged" "$(cat $ISO_PATH/destroyed)" "destroy $cfg hk lxc destroy"
[ -f $cfg ] && [ -x $root/bin/busybox ] || fail "an unmanaged destroy removed something"
expect_match "still listed" "$(isoctl ls)" "^hk$"
sed -i '$d' $cfg
rm $ISO_PATH/destroyed
isoctl destroy -n hk >/dev/null || fail "destroy"
expect_eq "destroy hook" "$(cat $ISO_PATH/destroyed)" "destroy $cfg hk lxc destroy"
[ ! -e $ISO_PATH/hk ] || fail "destroy left the container"
exit 0
