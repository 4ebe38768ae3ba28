# SPDX-License-Identifier: GPL-2.0
# lxc.namespace.share.NS, .clone and .keep, as LXC applies them: a
# container that shares another's network and UTS namespaces, by name,
# by pid and by path, is born in them, gets no network of its own and
# leaves the other's hostname be; one that keeps the host's IPC or UTS
# namespace is in it.  What isoctl cannot do fails the start in one line:
# a container that is not running, a mount namespace kept, a user
# namespace without lxc.idmap, a mount namespace shared, clone and keep
# together.
. ./lib.sh

export ISO_PATH=/tmp/iso-namespaces
cleanup()
{
	for c in s1 s2 s3; do
		isoctl stop -k -n $c >/dev/null 2>&1
	done
	rm -rf $ISO_PATH /tmp/iso-namespaces.conf
}
cleanup
trap cleanup EXIT

ns() { readlink /proc/$1/ns/$2; }
init_of() { cut -d' ' -f1 $ISO_PATH/$1/init.pid; }

printf '%s\n' "lxc.uts.name = first" "lxc.init.cmd = /bin/sleep 1000" \
	>/tmp/iso-namespaces.conf
isoctl create -n s1 -f /tmp/iso-namespaces.conf >/dev/null || fail "create s1"
isoctl start -n s1 || fail "start s1"
p1=$(init_of s1)

# s2 shares s1's network and UTS namespaces, by name
printf '%s\n' "lxc.uts.name = second" "lxc.init.cmd = /bin/sleep 1000" \
	"lxc.namespace.share.net = s1" "lxc.namespace.share.uts = s1" \
	"lxc.net.0.type = veth" >/tmp/iso-namespaces.conf
isoctl create -n s2 -f /tmp/iso-namespaces.conf >/dev/null || fail "create s2"
veths=$(ip -o link show type veth 2>/dev/null | grep -c .)
isoctl start -n s2 || fail "start s2"
p2=$(init_of s2)
expect_eq "s2 in s1's net" "$(ns $p2 net)" "$(ns $p1 net)"
expect_eq "s2 in s1's uts" "$(ns $p2 uts)" "$(ns $p1 uts)"
[ "$(ns $p2 ipc)" != "$(ns $p1 ipc)" ] || fail "s2 shares s1's ipc too"
[ "$(ns $p2 pid)" != "$(ns $p1 pid)" ] || fail "s2 shares s1's pid too"
expect_eq "s1's hostname" "$(isoctl attach -n s2 -- hostname)" first
expect_eq "no veth for a shared network" \
	"$(ip -o link show type veth 2>/dev/null | grep -c .)" "$veths"
isoctl stop -k -n s2 || fail "stop s2"

# by pid, and by path; the pid namespace too: s1's init is there
sed -i 's/^lxc.namespace.share.net = s1$/lxc.namespace.share.net = '"$p1"'/;
	s#^lxc.namespace.share.uts = s1$#lxc.namespace.share.ipc = /proc/'"$p1"'/ns/ipc#' \
	$ISO_PATH/s2/config
echo "lxc.namespace.share.pid = s1" >>$ISO_PATH/s2/config
isoctl start -n s2 || fail "start s2 by pid and path"
p2=$(init_of s2)
for t in net ipc pid; do
	expect_eq "s2 in s1's $t" "$(ns $p2 $t)" "$(ns $p1 $t)"
done
[ "$(ns $p2 uts)" != "$(ns $p1 uts)" ] || fail "s2 shares s1's uts still"
# its monitor, init's parent, came back: ours, and its children's pid one
mon=$(cut -d' ' -f4 /proc/$p2/stat)
for t in net ipc pid pid_for_children; do
	expect_eq "the monitor's $t" "$(ns $mon $t)" "$(ns $$ $t)"
done
expect_eq "s2's own hostname" "$(isoctl attach -n s2 -- hostname)" second
isoctl stop -k -n s2 || fail "stop s2, second time"

# s3 keeps the host's IPC namespace (and so its own of the rest)
printf '%s\n' "lxc.init.cmd = /bin/sleep 1000" "lxc.namespace.keep = ipc" \
	>/tmp/iso-namespaces.conf
isoctl create -n s3 -f /tmp/iso-namespaces.conf >/dev/null || fail "create s3"
isoctl start -n s3 || fail "start s3"
p3=$(init_of s3)
expect_eq "s3 keeps the host's ipc" "$(ns $p3 ipc)" "$(ns $$ ipc)"
[ "$(ns $p3 net)" != "$(ns $$ net)" ] || fail "s3 kept the host's net"
isoctl stop -k -n s3 || fail "stop s3"
# clone names the ones it gets: uts and ipc are the host's
sed -i 's/^lxc.namespace.keep = ipc$/lxc.namespace.clone = mnt pid net cgroup/' \
	$ISO_PATH/s3/config
isoctl start -n s3 || fail "start s3 with clone"
p3=$(init_of s3)
expect_eq "s3's uts, the host's" "$(ns $p3 uts)" "$(ns $$ uts)"
expect_eq "its hostname left be" "$(isoctl attach -n s3 -- hostname)" "$(hostname)"
isoctl stop -k -n s3 || fail "stop s3 with clone"
# LXC's own example leaves cgroup out: its own all the same, and said
sed -i 's/^lxc.namespace.clone = .*/lxc.namespace.clone = mnt pid uts ipc net/' \
	$ISO_PATH/s3/config
out=$(isoctl start -n s3 2>&1) || fail "start s3 without cgroup in clone: $out"
expect_eq "cgroup left out" "$out" \
	"isoctl: notice: lxc.namespace.clone: the cgroup namespace is the container's own all the same"
[ "$(ns $(init_of s3) cgroup)" != "$(ns $$ cgroup)" ] || fail "s3 has the host's cgroup namespace"
isoctl stop -k -n s3 || fail "stop s3, cgroup left out"

# what isoctl cannot do: one line each, nothing started
bad()
{
	printf '%s\n' "lxc.init.cmd = /bin/sleep 1000" "$1" >$ISO_PATH/s3/config
	echo "lxc.rootfs.path = dir:$ISO_PATH/s3/rootfs" >>$ISO_PATH/s3/config
	err=$(isoctl start -n s3 2>&1) && fail "started with $1"
	expect_eq "$1" "$err" "$2"
}
isoctl stop -k -n s1 || fail "stop s1"
bad "lxc.namespace.share.net = s1" \
	"isoctl: lxc.namespace.share net = s1 (not running): No such process"
bad "lxc.namespace.share.net = nosuch" \
	"isoctl: lxc.namespace.share net = nosuch: No such file or directory"
bad "lxc.namespace.keep = mnt" \
	"isoctl: starting lxc.namespace.keep: isoctl needs a mount namespace of the container's own: Invalid argument"
bad "lxc.namespace.clone = mnt pid user" \
	"isoctl: starting lxc.namespace.clone: a user namespace needs lxc.idmap: Invalid argument"
bad "lxc.namespace.share.mnt = 1" \
	"isoctl: starting lxc.namespace.share.mnt: isoctl shares net, uts, ipc and pid: Operation not supported"
printf '%s\n' "lxc.namespace.clone = net" "lxc.namespace.keep = ipc" \
	>/tmp/iso-namespaces.conf
err=$(isoctl create -n s4 -f /tmp/iso-namespaces.conf 2>&1) &&
	fail "created with clone and keep"
expect_match "clone and keep" "$err" \
	"iso-namespaces.conf:2: lxc.namespace.keep: lxc.namespace.clone and .keep cannot both be set"
expect_eq "nothing left running" "$(isoctl ls --running)" ""

exit 0
