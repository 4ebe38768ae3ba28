# SPDX-License-Identifier: GPL-2.0
# isoctl exec, as lxc-execute: namespaces, rootfs, mounts, cgroups, exit
# status, and nothing left behind after success or any failure.  Runs in
# the guests (cgroup v2 or v1) and as root on the host (hybrid).
. ./lib.sh

export ISO_PATH=/tmp/iso-exec-test
rm -rf $ISO_PATH
trap 'rm -rf $ISO_PATH /tmp/iso-exec-src' EXIT
isoctl create -n bb >/dev/null || fail "create"
cfg=$ISO_PATH/bb/config

mounts_before=$(wc -l </proc/self/mountinfo)

# no_leftovers WHAT: no cgroup of bb's, no extra mount
no_leftovers()
{
	local d

	for d in $(find /sys/fs/cgroup -maxdepth 3 -type d -name bb 2>/dev/null); do
		case $d in */iso/bb) fail "$1 left cgroup $d" ;; esac
	done
	expect_eq "$1 leaves the host's mounts" "$(wc -l </proc/self/mountinfo)" "$mounts_before"
}

isoctl exec -n bb -- /bin/true || fail "exec true: $?"
# an exec holds the container's lock for its whole run: no start, no
# second exec and no destroy of it meanwhile
isoctl exec -n bb -- sleep 3 &
held=$!
wait_exec $held isoctl
sleep 1
expect_eq "start during an exec" "$(isoctl start -n bb 2>&1)" \
	"isoctl: start bb: already running: Device or resource busy"
expect_eq "exec during an exec" "$(isoctl exec -n bb -- true 2>&1)" \
	"isoctl: exec bb: running, or in an exec: Device or resource busy"
expect_eq "destroy during an exec" "$(isoctl destroy -n bb 2>&1)" \
	"isoctl: destroy bb: started again, or in an exec: Device or resource busy"
wait $held || fail "the exec holding the lock: $?"
isoctl exec -n bb -- sh -c 'exit 7'
expect_eq "exit status" $? 7
# no fd of the caller's gets in, a directory fd least of all (a root
# outside the container's), and the cwd is the container's /
out=$(cd /tmp && isoctl exec -n bb -- sh -c 'pwd; ls /proc/self/fd' 8>/tmp/iso-exec-fd 9</)
expect_eq "fds and cwd inside" "$(echo $out)" "/ 0 1 2 3"
rm -f /tmp/iso-exec-fd
# rooted at its own cgroup in every hierarchy, v1 or v2
out=$(isoctl exec -n bb -- sh -c 'echo $$ $(hostname) $(sed "s/.*://" /proc/self/cgroup | sort -u)')
expect_eq "pid 1, hostname, cgroup namespace" "$out" "1 bb /"
# its own cgroups under /sys/fs/cgroup: pid 1 in every one, no host pid
out=$(isoctl exec -n bb -- sh -c 'n=0; for f in /sys/fs/cgroup/cgroup.procs /sys/fs/cgroup/*/cgroup.procs; do [ -e $f ] || continue; n=$((n + 1)); grep -qx 1 $f || echo "1 not in $f"; done; echo $n')
expect_match "its cgroups in /sys/fs/cgroup" "$out" "^[1-9][0-9]*$"
# lxc.mount.auto: what it names, no more
cp $cfg $cfg.orig
sed -i '/^lxc.mount.auto/d' $cfg
echo 'lxc.mount.auto = proc:mixed' >>$cfg
out=$(isoctl exec -n bb -- sh -c 'ls /sys | wc -l; [ -e /proc/self/status ] && echo proc')
expect_eq "lxc.mount.auto = proc:mixed" "$(echo $out)" "0 proc"
mv $cfg.orig $cfg
# /dev/console: the caller's terminal when it has one, as lxc-execute
isoctl exec -n bb -- test -e /dev/console </dev/null && fail "a console without a terminal"
if command -v script >/dev/null; then
	out=$(script -q -c "isoctl exec -n bb -- sh -c 'test -c /dev/console && echo console'" /dev/null | tr -d '\r')
	expect_eq "the terminal as /dev/console" "$out" console
fi
expect_eq "own network namespace" "$(isoctl exec -n bb -- ls /sys/class/net)" "lo"
isoctl exec -n bb -- sh -c 'echo 1 >/proc/sys/kernel/sysrq' 2>/dev/null &&
	fail "/proc/sys is writable"
masked=0
for f in /proc/kcore /proc/keys /proc/timer_list; do
	[ -e $f ] || continue
	expect_eq "masked $f" "$(isoctl exec -n bb -- sh -c "wc -c <$f")" 0
	masked=$((masked + 1))
done
[ $masked -gt 0 ] || fail "none of the masked /proc files exists here"
# (no terminal here, so no /dev/console: t-confinement has that case)
expect_eq "/dev" "$(isoctl exec -n bb -- sh -c 'ls /dev | tr "\n" " "' </dev/null 2>/dev/null)" \
	"fd full mqueue null ptmx pts random shm stderr stdin stdout tty urandom zero "
no_leftovers "exec"

# security defaults: Docker's capabilities (t-confinement has
# the rest), the seccomp denylist
expect_eq "Docker's capabilities" \
	"$(isoctl exec -n bb -- sed -n 's/^CapBnd:\t//p' /proc/self/status)" $DOCKER_CAPS
expect_eq "seccomp" "$(isoctl exec -n bb -- sed -n 's/^Seccomp:\t//p' /proc/self/status)" 2
expect_eq "no_new_privs off" "$(isoctl exec -n bb -- sed -n 's/^NoNewPrivs:\t//p' /proc/self/status)" 0
err=$(isoctl exec -n bb -- insmod /dev/null 2>&1) && fail "insmod ran"
echo "lxc.no_new_privs = 1" >>$cfg
echo "iso.seccomp = 0" >>$cfg
expect_eq "no_new_privs on" "$(isoctl exec -n bb -- sed -n 's/^NoNewPrivs:\t//p' /proc/self/status)" 1
expect_eq "seccomp off" "$(isoctl exec -n bb -- sed -n 's/^Seccomp:\t//p' /proc/self/status)" 0
sed -i '/^lxc.no_new_privs/d; /^iso.seccomp/d' $cfg

# an fstab-style mount entry, created and read-only
mkdir -p /tmp/iso-exec-src && echo hello >/tmp/iso-exec-src/file
echo "lxc.mount.entry = /tmp/iso-exec-src mnt/src none bind,ro,noatime,create=dir 0 0" >>$cfg
expect_eq "mount entry" "$(isoctl exec -n bb -- cat /mnt/src/file)" hello
expect_match "its flags" "$(isoctl exec -n bb -- grep ' /mnt/src ' /proc/mounts)" " ro,.*noatime"
isoctl exec -n bb -- sh -c 'echo x >/mnt/src/file' 2>/dev/null &&
	fail "read-only bind is writable"

# lxc.ephemeral: the container goes once it ends, from exec (as from
# lxc-execute) and from start, as LXC's does
isoctl create -n eph >/dev/null && echo 'lxc.ephemeral = 1' >>$ISO_PATH/eph/config ||
	fail "create eph"
expect_eq "ephemeral: exec" "$(isoctl exec -n eph -- echo ran 2>&1)" ran
[ ! -e $ISO_PATH/eph ] || fail "exec left an ephemeral container"
isoctl create -n eph >/dev/null || fail "create eph again"
printf 'lxc.ephemeral = 1\nlxc.init.cmd = /bin/sleep 1000\n' >>$ISO_PATH/eph/config
isoctl start -n eph && isoctl stop -k -n eph || fail "start and stop eph"
[ ! -e $ISO_PATH/eph ] || fail "stop left an ephemeral container"
wait_until 20 "the ephemeral container's removal did not end" \
	'! ls -A $ISO_PATH | grep -q "^\.eph\.removing\."'
[ -z "$(find /sys/fs/cgroup -maxdepth 4 -type d -name eph)" ] || fail "ephemeral: a cgroup left"

# lxc.rootfs.options: mount flags on the rootfs, as LXC's dir storage
# takes them; what only a filesystem would take fails
echo "lxc.rootfs.options = ro,nosuid" >>$cfg
expect_match "lxc.rootfs.options" "$(isoctl exec -n bb -- grep ' / ' /proc/mounts)" \
	" / [a-z0-9]+ ro,nosuid"
isoctl exec -n bb -- touch /x 2>/dev/null && fail "a read-only rootfs was written"
echo "lxc.rootfs.options = idmap=container" >>$cfg
err=$(isoctl exec -n bb -- true 2>&1) && fail "ran with idmap= rootfs options"
expect_eq "lxc.rootfs.options: idmap=" "$err" \
	"isoctl: lxc.rootfs.options: \"idmap=container\": only mount flags apply to a directory rootfs: Invalid argument"
sed -i '/^lxc.rootfs.options/d' $cfg
no_leftovers "lxc.rootfs.options"

# /dev, a tmpfs of 64 MiB, or of lxc.autodev.tmpfs.size bytes (in pages)
expect_match "/dev's size" "$(isoctl exec -n bb -- grep ' /dev ' /proc/mounts)" \
	"^tmpfs /dev tmpfs .*size=65536k"
echo "lxc.autodev.tmpfs.size = 2000000" >>$cfg
expect_match "lxc.autodev.tmpfs.size" \
	"$(isoctl exec -n bb -- grep ' /dev ' /proc/mounts)" "^tmpfs /dev tmpfs .*size=1956k"
sed -i '/^lxc.autodev.tmpfs.size/d' $cfg

# lxc.mount.fstab: a file of such lines, comments and blanks aside; a
# bad line fails as FILE:LINE
mkdir -p /tmp/iso-exec-fstab && echo fstab >/tmp/iso-exec-fstab/file
cat >/tmp/iso-exec.fstab <<EOT
# from lxc.mount.fstab

   /tmp/iso-exec-fstab mnt/fstab none bind,ro,create=dir 0 0
EOT
echo "lxc.mount.fstab = /tmp/iso-exec.fstab" >>$cfg
expect_eq "lxc.mount.fstab, with lxc.mount.entry" \
	"$(isoctl exec -n bb -- cat /mnt/src/file /mnt/fstab/file 2>&1)" "hello
fstab"
expect_match "lxc.mount.fstab's flags" \
	"$(isoctl exec -n bb -- grep ' /mnt/fstab ' /proc/mounts)" " ro,"
echo "/tmp/iso-exec-src /no/such none bind 0 0" >>/tmp/iso-exec.fstab
err=$(isoctl exec -n bb -- true 2>&1) && fail "ran with a bad fstab line"
expect_eq "a bad fstab line" "$err" \
	"isoctl: lxc.mount.fstab /tmp/iso-exec.fstab:4: /no/such is not inside the rootfs $ISO_PATH/bb/rootfs: Invalid argument"
no_leftovers "a bad fstab line"
sed -i '/^lxc.mount.fstab/d' $cfg
rm -r /tmp/iso-exec.fstab /tmp/iso-exec-fstab

# limits, in the hierarchy this host has
if [ -e /sys/fs/cgroup/cgroup.controllers ] &&
   grep -qw memory /sys/fs/cgroup/cgroup.controllers; then
	echo "lxc.cgroup2.memory.max = 64M" >>$cfg
	echo "lxc.cgroup2.pids.max = 50" >>$cfg
	out=$(isoctl exec -n bb -- cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/pids.max)
	expect_eq "v2 limits" "$(echo $out)" "67108864 50"
	echo "lxc.cgroup.memory.limit_in_bytes = 64M" >>$cfg
	err=$(isoctl exec -n bb -- true 2>&1) && fail "v1 key on a v2 host ran"
	expect_eq "v1 key on v2" "$err" \
		"isoctl: lxc.cgroup memory.limit_in_bytes: this host has no cgroup v1 memory controller: No such file or directory"
	no_leftovers "a v1 key on v2"
	sed -i '/^lxc.cgroup.memory/d' $cfg
elif [ -d /sys/fs/cgroup/memory ]; then
	echo "lxc.cgroup.memory.limit_in_bytes = 64M" >>$cfg
	echo "lxc.cgroup.cpuset.cpus = 0" >>$cfg
	out=$(isoctl exec -n bb -- cat /sys/fs/cgroup/memory/memory.limit_in_bytes \
		/sys/fs/cgroup/cpuset/cpuset.cpus) || fail "v1 limits"
	expect_eq "v1 limits, seen inside" "$(echo $out)" "67108864 0"
fi

# failures: a missing command, a missing rootfs
err=$(isoctl exec -n bb -- /nonexistent 2>&1) && fail "missing command ran"
expect_eq "missing command" "$err" "isoctl: executing /nonexistent: No such file or directory"
no_leftovers "a missing command"
mv $ISO_PATH/bb/rootfs $ISO_PATH/bb/rootfs.away
err=$(isoctl exec -n bb -- true 2>&1) && fail "missing rootfs ran"
expect_eq "missing rootfs" "$err" \
	"isoctl: finding rootfs $ISO_PATH/bb/rootfs: No such file or directory"
mv $ISO_PATH/bb/rootfs.away $ISO_PATH/bb/rootfs
err=$(isoctl exec -n nope -- true 2>&1) && fail "missing container ran"
expect_match "missing container" "$err" "finding container .*nope"
no_leftovers "failures"
