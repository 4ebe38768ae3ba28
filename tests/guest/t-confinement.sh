# SPDX-License-Identifier: GPL-2.0
# A default container is confined as a Docker one is: Docker's
# capabilities, a seccomp denylist, /proc/sys and the masked paths held.
# Root inside tries the ways out that keeping CAP_SYS_ADMIN opened.
. ./lib.sh
guest_only

export ISO_PATH=/tmp/iso-confine-test
rm -rf $ISO_PATH
trap 'rm -rf $ISO_PATH' EXIT
isoctl create -n bb >/dev/null || fail "create"
cfg=$ISO_PATH/bb/config
cp $cfg $cfg.orig

DOCKER=$DOCKER_CAPS
out=$(isoctl exec -n bb -- sed -n 's/^CapBnd:\t//p; s/^CapEff:\t//p' /proc/self/status 2>&1)
expect_eq "Docker's capabilities, bounding and effective" "$(echo $out)" "$DOCKER $DOCKER"
grep -q '^lxc.cap' $cfg && fail "the busybox template still writes $(grep '^lxc.cap' $cfg)"

# what CAP_SYS_ADMIN was the way to
out=$(isoctl exec -n bb -- sh -c '
	umount /proc/sys 2>/dev/null && echo "umounted /proc/sys"
	umount -l /proc/kcore 2>/dev/null && echo "unmasked /proc/kcore"
	mount -t tmpfs t /mnt 2>/dev/null && echo "mounted a tmpfs"
	mount -o remount,rw /sys 2>/dev/null && echo "remounted /sys"
	echo "|/bin/sh" 2>/dev/null >/proc/sys/kernel/core_pattern && echo "wrote core_pattern"
	true')
expect_eq "root inside tries its way out" "$out" ""
for f in /sys/devices/virtual/powercap /proc/asound; do
	[ -e $f ] || continue
	expect_eq "masked $f" "$(isoctl exec -n bb -- ls -A $f)" ""
done

# LXC's device allowlist: a node of any device may be made, and only a
# few used (kmsg takes a write-only open with no capability at all)
devices='
	mknod /dev/k c 1 11 || echo "mknod refused"
	echo iso-test 2>&- >/dev/k && echo "wrote to /dev/kmsg"
	mknod /dev/sda b 8 0 && dd if=/dev/sda of=/dev/null count=1 2>&1 |
		grep -q "Operation not permitted" || echo "opened a disk"
	echo x >/dev/null || echo "no /dev/null"
	true'
out=$(isoctl exec -n bb -- sh -c "$devices" 2>&1)
expect_eq "the default device list" "$out" ""
# changed by the keys of the hierarchy that enforces it (v1 files or v2's
# BPF program), as LXC does, with the kernel's own meaning of allow and
# deny; the other kind's keys are ignored
cat >>$cfg <<EOF
lxc.cgroup.devices.allow = c 1:11 w
lxc.cgroup2.devices.deny = c 1:3 w
EOF
out=$(isoctl exec -n bb -- sh -c "$devices; cat /dev/null && echo read /dev/null" 2>&1)
if [ -e /sys/fs/cgroup/cgroup.controllers ]; then
	expect_eq "lxc.cgroup2.devices.deny on v2" "$out" "sh: can't create /dev/null: Operation not permitted
no /dev/null
read /dev/null"
else
	expect_eq "lxc.cgroup.devices.allow on v1" "$out" "wrote to /dev/kmsg
read /dev/null"
fi
echo "lxc.cgroup2.devices.allow = c 1:x w" >>$cfg
err=$(isoctl exec -n bb -- true 2>&1) && fail "a bad device rule ran"
expect_eq "a bad device rule" "$err" \
	"isoctl: $cfg:$(wc -l <$cfg): lxc.cgroup2.devices.allow: \"c 1:x w\" is not a device rule like \"c 1:3 rwm\" or \"a\""
cp $cfg.orig $cfg

# a device node the image ships is no device inside: the rootfs is nodev
root=$ISO_PATH/bb/rootfs
mknod $root/tmp/n c 1 3 || fail "mknod in the rootfs"
isoctl exec -n bb -- sh -c 'echo x >/tmp/n' 2>/dev/null &&
	fail "the image's device node works inside"
# unless lxc.autodev = 0 says /dev is the image's: then start says so
echo "lxc.autodev = 0" >>$cfg
err=$(isoctl exec -n bb -- sh -c 'echo x >/tmp/n && echo written' 2>&1)
expect_eq "lxc.autodev = 0" "$err" "isoctl: warning: bb has lxc.autodev = 0: the device nodes of its image work inside
written"
cp $cfg.orig $cfg
rm $root/tmp/n

# no new namespace without CAP_SYS_ADMIN: a user namespace would give
# root inside every capability over new ones
if busybox --list | grep -qx unshare; then
	out=$(isoctl exec -n bb -- sh -c 'unshare -U -r true 2>/dev/null && echo "made a user namespace"; unshare -n true 2>/dev/null && echo "made a network namespace"; true')
	expect_eq "new namespaces" "$out" ""
fi

# a default container is root-safe: no warning
err=$(isoctl exec -n bb -- true 2>&1)
expect_eq "no warning" "$err" ""

# iso.privileged: unconfined, and said so
echo "iso.privileged = 1" >>$cfg
err=$(isoctl exec -n bb -- sh -c 'sed -n "s/^CapBnd:\t//p" /proc/self/status' 2>&1)
expect_match "iso.privileged warns" "$(echo "$err" | head -1)" \
	"^isoctl: warning: bb is not root-safe: its root keeps cap_sys_admin,cap_sys_module,cap_sys_rawio,cap_mknod,.* on the host \\(see isoctl\\(8\\), SECURITY\\)$"
expect_eq "iso.privileged keeps all" "$(echo "$err" | tail -1)" \
	"$(container_caps "$(sed -n 's/^CapBnd:\t//p' /proc/self/status)")"
out=$(isoctl exec -n bb -- sh -c "$devices" 2>/dev/null)
expect_eq "iso.privileged: no device list" "$out" "wrote to /dev/kmsg
opened a disk"
# as does keeping CAP_SYS_ADMIN by name
cp $cfg.orig $cfg
echo "lxc.cap.keep = sys_admin chown" >>$cfg
err=$(isoctl exec -n bb -- true 2>&1)
expect_eq "lxc.cap.keep = sys_admin" "$err" \
	"isoctl: warning: bb is not root-safe: its root keeps cap_sys_admin on the host (see isoctl(8), SECURITY)"
# LXC's meaning of each key, and the two together refused
cp $cfg.orig $cfg
echo "lxc.cap.drop = sys_admin net_raw" >>$cfg
bnd=$(isoctl exec -n bb -- sed -n 's/^CapBnd:\t//p' /proc/self/status)
[ $(( 0x$bnd >> 21 & 1 )) -eq 0 ] && [ $(( 0x$bnd >> 13 & 1 )) -eq 0 ] &&
	[ $(( 0x$bnd >> 24 & 1 )) -eq 1 ] || fail "lxc.cap.drop: CapBnd $bnd"
echo "lxc.cap.keep = chown" >>$cfg
err=$(isoctl exec -n bb -- true 2>&1) && fail "cap.drop and cap.keep together ran"
expect_eq "both keys" "$err" \
	"isoctl: $cfg:$(wc -l <$cfg): lxc.cap.keep: lxc.cap.drop and lxc.cap.keep together"
cp $cfg.orig $cfg

# attach's own process, in the container's namespaces with the host's
# files at hand: it runs from a sealed copy of isoctl, and is not
# dumpable, so that root with the container's capabilities (Docker's,
# without CAP_SYS_PTRACE) can neither ptrace it nor read its /proc files
isoctl start -n bb || fail "start bb"
isoctl attach -n bb -- sleep 5 &
attacher=$!
wait_until 4 "attach did not take the container's capabilities" \
	'[ "$(sed -n "s/^CapEff:\t//p" /proc/$attacher/status 2>/dev/null)" = $DOCKER ]'
expect_match "attach runs from" "$(readlink /proc/$attacher/exe)" '^/memfd:isoctl \(deleted\)$'
err=$(/tests/tools/capexec cap_chown,cap_dac_override,cap_fowner,cap_fsetid,cap_kill,cap_setgid,cap_setuid,cap_setpcap,cap_setfcap,cap_mknod,cap_net_bind_service,cap_net_raw,cap_sys_chroot,cap_audit_write \
	cat /proc/$attacher/environ 2>&1 >/dev/null)
expect_eq "attach's /proc to the container's root" "$err" \
	"cat: can't open '/proc/$attacher/environ': Permission denied"
# nor freeze or limit it: it stays in the caller's cgroups, and only its
# child joins the container's
expect_eq "attach's own cgroups" "$(cat /proc/$attacher/cgroup)" "$(cat /proc/self/cgroup)"
wait_until 4 "attach's child did not run sleep" \
	'child=$(grep -l "^PPid:[[:space:]]*$attacher\$" /proc/[0-9]*/status 2>/dev/null | cut -d/ -f3) &&
	[ "$(cat /proc/$child/comm 2>/dev/null)" = sleep ]'
expect_eq "attach's child's cgroups" "$(cat /proc/$child/cgroup)" \
	"$(cat /proc/$(cut -d' ' -f1 $ISO_PATH/bb/init.pid)/cgroup)"
wait $attacher || fail "attach -- sleep 5"
isoctl stop -n bb || fail "stop bb"

# the #!/proc/self/exe trap (CVE-2019-5736): a binary of the container's
# that is a script for /proc/self/exe makes the isoctl that runs it run
# again inside, where the container holds its executable and writes to
# it once it has exited: that is the sealed copy, never the host's binary
cp /tests/tools/exegrab $root/bin/exegrab || fail "copying exegrab"
printf '#!/proc/self/exe\n' >$root/bin/trap && chmod 755 $root/bin/trap
# isoctl's loader and libraries, which a glibc image has, for it to run
libs=$(cd / && find lib64 lib/x86_64-linux-gnu -maxdepth 1 ! -type d)
for f in $libs; do
	mkdir -p $root/${f%/*} && cp -L /$f $root/$f || fail "copying /$f"
done
sum=$(sha256sum </usr/bin/isoctl)
isoctl start -n bb || fail "start bb for the trap"
isoctl attach -n bb -- /bin/exegrab 20 >/tmp/exegrab.out </dev/null &
grabber=$!
wait_until 5 "exegrab did not start" 'isoctl ps -n bb | grep -q exegrab'
i=0
while kill -0 $grabber 2>/dev/null && [ $i -lt 20 ]; do
	isoctl attach -n bb -- /bin/trap </dev/null >/dev/null 2>&1
	i=$((i + 1))
done
wait $grabber
expect_eq "the trap's isoctl, written to" "$(cat /tmp/exegrab.out)" \
	"/memfd:isoctl (deleted): write: Operation not permitted"
expect_eq "the host's isoctl" "$(sha256sum </usr/bin/isoctl)" "$sum"
isoctl stop -n bb || fail "stop bb after the trap"
rm $root/bin/exegrab $root/bin/trap /tmp/exegrab.out
(cd $root && rm $libs && rmdir lib64 lib/x86_64-linux-gnu lib 2>/dev/null)

# the caller's terminal is never the container's: exec and attach give a
# terminal a pty of the container's own, and with none a session with no
# terminal.  TIOCSTI from inside types nothing into the caller's: into
# its own pty, which echoes it, or where legacy TIOCSTI is off (6.2 on,
# as Debian's 6.12), nowhere: EIO without CAP_SYS_ADMIN.
root=$ISO_PATH/bb/rootfs
cp /tests/tools/tiocsti $root/bin/tiocsti || fail "copying tiocsti"
for cmd in "exec" "start" "attach"; do
	if [ $cmd = start ]; then
		isoctl start -n bb || fail "start bb for attach"
		continue
	fi
	# on a terminal: its stdio are a pty of the container's own devpts
	out=$(/tests/tools/ptyrun isoctl $cmd -n bb -- sh -c \
		'stat -L -c %d /proc/$$/fd/0 /proc/$$/fd/1 /proc/$$/fd/2 /dev/pts/ptmx |
		 uniq | wc -l; /bin/tiocsti "echo pwned"' | tr -d '\r')
	expect_eq "$cmd on a terminal: on the container's devpts" "$(echo "$out" | head -1)" 1
	expect_match "$cmd on a terminal: TIOCSTI" "$(echo "$out" | sed -n 2p)" \
		"^((echo pwned)?typed into /dev/tty|TIOCSTI: Input/output error)$"
	expect_eq "$cmd on a terminal: the caller's input" "$(echo "$out" | tail -1)" "input left: ''"
	# run from a terminal, with none of it on stdio
	out=$(/tests/tools/ptyrun sh -c "isoctl $cmd -n bb -- /bin/tiocsti 'echo pwned' </dev/null >/tmp/tiocsti.out 2>&1" | tr -d '\r')
	expect_eq "$cmd with no terminal: TIOCSTI" "$(cat /tmp/tiocsti.out)" \
		"no terminal: No such device or address"
	expect_eq "$cmd with no terminal: the caller's input" "$(echo "$out" | tail -1)" "input left: ''"
done
isoctl stop -n bb || fail "stop bb after attach"
# its terminal is the container's /dev/console, and only where the
# caller's stdio was one: a pipe stays a pipe
out=$(/tests/tools/ptyrun sh -c 'isoctl exec -n bb -- sh -c "tty; readlink /proc/self/fd/1" | cat' | tr -d '\r')
expect_match "exec's terminal" "$(echo "$out" | head -2 | tr '\n' ' ')" \
	'^/dev/console pipe:\[[0-9]+\] $'
rm $root/bin/tiocsti /tmp/tiocsti.out

# where "/" is the initramfs (scripts/vm --initramfs-root), which
# pivot_root will not move, the rootfs is moved over it and chrooted
# into, and the initramfs stays the mount namespace's root beneath it:
# the host's mounts there are detached, and CAP_SYS_CHROOT is gone, which
# setns(2) into that namespace, to the initramfs, needs (on top of the
# CAP_SYS_ADMIN a privileged container keeps).  A chroot's ".." only
# comes back to the rootfs.  Elsewhere pivot_root leaves nothing of the
# host's in the namespace.
cp /tests/tools/rootout $root/bin/rootout || fail "copying rootout"
roots=$(isoctl checkconfig 2>/dev/null | sed -n 's/^Container roots: //p')
refused="chroot: chroot: Operation not permitted
setns: setns: Operation not permitted"
if containers_chrooted; then
	expect_match "checkconfig" "$roots" '^chroot \("/" is the initramfs'
	expect_eq "the host's mounts detached" \
		"$(/tests/tools/mountsleft /tmp/iso-mountsleft | xargs)" \
		"rootfs / tmpfs / proc /proc"
	rmdir /tmp/iso-mountsleft
	expect_eq "the ways out" "$(isoctl exec -n bb -- /bin/rootout /tests/guest/lib.sh)" "$refused"
	isoctl start -n bb || fail "start bb"
	expect_eq "the ways out, attached" \
		"$(isoctl attach -n bb -- /bin/rootout /tests/guest/lib.sh)" "$refused"
	isoctl stop -n bb || fail "stop bb"
	echo "iso.privileged = 1" >>$cfg
	expect_eq "the ways out, privileged" \
		"$(isoctl exec -n bb -- /bin/rootout /tests/guest/lib.sh 2>/dev/null)" "$refused"
	# attach takes no more than init has: no CAP_SYS_CHROOT either
	isoctl start -n bb 2>/dev/null || fail "start bb privileged"
	expect_eq "the ways out, privileged and attached" \
		"$(isoctl attach -n bb -- /bin/rootout /tests/guest/lib.sh 2>/dev/null)" "$refused"
	isoctl stop -n bb || fail "stop bb privileged"
	cp $cfg.orig $cfg
else
	expect_eq "checkconfig" "$roots" pivot_root
	expect_eq "the ways out, after pivot_root" \
		"$(isoctl exec -n bb -- /bin/rootout /tests/guest/lib.sh)" \
		"chroot: /tests/guest/lib.sh out of sight
setns: setns: Operation not permitted"
	echo "iso.privileged = 1" >>$cfg
	expect_eq "the ways out after pivot_root, privileged" \
		"$(isoctl exec -n bb -- /bin/rootout /tests/guest/lib.sh 2>/dev/null)" \
		"chroot: /tests/guest/lib.sh out of sight
setns: /tests/guest/lib.sh out of sight"
	cp $cfg.orig $cfg
fi
rm $root/bin/rootout
