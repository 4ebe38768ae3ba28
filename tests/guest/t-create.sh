# SPDX-License-Identifier: GPL-2.0
# create, ls and destroy as lxc-create, lxc-ls and lxc-destroy do them,
# and every bad input leaving nothing behind.  Runs in the guest and, as
# root, on the host.
. ./lib.sh

export ISO_PATH=/tmp/iso-create-test
rm -rf $ISO_PATH
trap 'rm -rf $ISO_PATH /tmp/bad.conf' EXIT
EXAMPLE=/tests/unit/data/lxc-legacy.conf
[ -e $EXAMPLE ] || EXAMPLE=../unit/data/lxc-legacy.conf

# nothing_left WHAT: the store holds exactly the containers named after.
nothing_left()
{
	local what=$1
	shift
	expect_eq "$what leaves nothing" "$(echo $(ls $ISO_PATH 2>/dev/null))" "$*"
}

out=$(isoctl create -n c1 -t busybox -f $EXAMPLE) || fail "create: $out"
expect_eq "create" "$out" "Created container c1 in $ISO_PATH/c1"
[ -x $ISO_PATH/c1/rootfs/bin/busybox ] || fail "no busybox in the rootfs"
[ -L $ISO_PATH/c1/rootfs/sbin/init ] || fail "no /sbin/init applet"
grep -q '^lxc.utsname = so-lxc$' $ISO_PATH/c1/config || fail "user config not kept"
out=$(chroot $ISO_PATH/c1/rootfs /bin/sh -c 'cat /etc/hostname; id -u')
expect_eq "chroot into the rootfs" "$(echo $out)" "c1 0"

isoctl chroot -n c1 -- sh -c ': <&9' 9</ 2>/dev/null &&
	fail "chroot: the caller's fd 9 got in"
# the course's password step, through isoctl chroot
printf 'secret\nsecret\n' | isoctl chroot -n c1 -- passwd >/dev/null 2>&1 ||
	fail "isoctl chroot -n c1 -- passwd"
grep -q '^root:\$' $ISO_PATH/c1/rootfs/etc/shadow || fail "root's password not set"
# it is exec with only lo (the config's veth is not made): the
# container's namespaces and confinement, never the host's root chrooted
expect_eq "chroot's capabilities: Docker's" \
	"$(isoctl chroot -n c1 -- sed -n 's/^CapBnd:\t//p' /proc/self/status)" $DOCKER_CAPS
expect_eq "chroot's network" "$(isoctl chroot -n c1 -- ls /sys/class/net | xargs)" lo
expect_eq "chroot's pid" "$(isoctl chroot -n c1 -- sh -c 'echo $$')" 1

expect_eq "ls" "$(isoctl ls)" c1
expect_match "ls --fancy" "$(isoctl ls --fancy)" "^c1 +STOPPED +0 +0 +- +- +- +false$"
expect_eq "ls --fancy's header" "$(isoctl ls --fancy | head -n1)" "NAME STATE   PID AUTOSTART GROUPS IPV4 IPV6 UNPRIVILEGED"
expect_eq "ls -F" "$(isoctl ls -F state,name)" "STATE   NAME
STOPPED c1"
err=$(isoctl ls -F name,ram 2>&1) && fail "ls -F took ram"
expect_eq "ls -F ram" "$err" "isoctl: parsing -F ram: Invalid argument (not a column: name, state, pid, autostart, groups, ipv4, ipv6, unprivileged)"
expect_eq "ls --json" "$(isoctl ls --json)" \
	"[{ \"name\": \"c1\", \"state\": \"STOPPED\", \"pid\": 0, \"ipv4\": \"\", \"ipv6\": \"\", \"unprivileged\": false, \"autostart\": false, \"groups\": [ ] }]"
expect_eq "ls --running" "$(isoctl ls --running)" ""

err=$(isoctl create -n c1 2>&1) && fail "second create succeeded"
expect_eq "second create" "$err" "isoctl: creating container $ISO_PATH/c1: File exists"
nothing_left "second create" c1

err=$(isoctl create -n a/b 2>&1) && fail "a name with a slash"
expect_eq "slash" "$err" "isoctl: create a/b: the name has a slash: Invalid argument"
long=$(head -c 65 /dev/zero | tr '\0' n)
err=$(isoctl create -n $long 2>&1) && fail "a long name"
expect_match "long" "$err" "the name is longer than 64 bytes"

err=$(isoctl create -n c2 -t nope 2>&1) && fail "unknown template"
expect_match "template" "$err" 'no template "nope"'

printf 'lxc.uts.name = x\nlxc.bogus = 1\n' >/tmp/bad.conf
err=$(isoctl create -n c3 -f /tmp/bad.conf 2>&1) && fail "unknown key"
expect_eq "unknown key" "$err" 'isoctl: /tmp/bad.conf:2: unknown key "lxc.bogus"'
printf 'lxc.net.0.hwaddr = 00:30:6E:08:EC\n' >/tmp/bad.conf
err=$(isoctl create -n c3 -f /tmp/bad.conf 2>&1) && fail "bad MAC"
expect_match "bad MAC" "$err" '/tmp/bad.conf:1: .*is not a unicast MAC address'
printf 'lxc.cap.drop = sys_nope\n' >/tmp/bad.conf
err=$(isoctl create -n c3 -f /tmp/bad.conf 2>&1) && fail "bad capability"
expect_eq "bad capability" "$err" 'isoctl: /tmp/bad.conf:1: lxc.cap.drop: "sys_nope" is not a capability'
err=$(isoctl create -n c3 -f /nonexistent.conf 2>&1) && fail "missing config"
expect_match "missing config" "$err" '/nonexistent.conf: No such file or directory'
nothing_left "bad input" c1

# a running container is refused without -f (c1's example config wants
# a bridge br0: this one has no network)
isoctl create -n run1 >/dev/null && isoctl start -n run1 || fail "start"
expect_eq "ls --active" "$(isoctl ls --active)" "run1"
err=$(isoctl destroy -n run1 2>&1) && fail "destroyed a running container"
expect_match "destroy running" "$err" "running as pid $(cut -d" " -f1 $ISO_PATH/run1/init.pid)"
isoctl destroy -n run1 -f >/dev/null || fail "destroy -f"
isoctl destroy -n c1 >/dev/null || fail "destroy"
nothing_left "destroy"
err=$(isoctl destroy -n c1 2>&1) && fail "destroyed a missing container"
expect_match "destroy missing" "$err" "No such file or directory"
