# SPDX-License-Identifier: GPL-2.0
# lxc.idmap: a user namespace whose root is host uid 100000; create gives
# it the rootfs, exec, start, attach and console work as root inside.
# Runs in the guests and as root on the host.
. ./lib.sh

export ISO_PATH=/tmp/iso-userns-test
cleanup()
{
	isoctl stop -k -n u1 >/dev/null 2>&1
	rm -rf $ISO_PATH /tmp/iso-userns.conf
}
cleanup
trap cleanup EXIT
printf 'lxc.idmap = u 0 100000 65536\nlxc.idmap = g 0 100000 65536\n' >/tmp/iso-userns.conf
isoctl create -n u1 -f /tmp/iso-userns.conf >/dev/null || fail "create"
expect_eq "rootfs shifted" "$(stat -c '%u:%g' $ISO_PATH/u1/rootfs/bin/busybox)" "100000:100000"
# a device node an image ships is a host device: an idmapped create
# removes it, and says so
mknod $ISO_PATH/u1/rootfs/dev/img-null c 1 3 || fail "mknod in the image"
err=$(isoctl create -n u2 -f /tmp/iso-userns.conf -t dir:$ISO_PATH/u1/rootfs 2>&1 >/dev/null)
expect_eq "the image's device node" "$err" \
	"isoctl: lxc.idmap: removed 1 device nodes of the image's from $ISO_PATH/u2/rootfs"
[ ! -e $ISO_PATH/u2/rootfs/dev/img-null ] || fail "the image's device node is still there"
rm -f $ISO_PATH/u1/rootfs/dev/img-null
# the lock and init.pid stay root's: only the rootfs is the container's
expect_eq "its directory" "$(stat -c '%u:%g %a' $ISO_PATH/u1)" "0:100000 710"

out=$(isoctl exec -n u1 -- sh -c 'id -u; cat /proc/self/uid_map; stat -c %u /bin/busybox; touch /root/w && echo writable')
expect_eq "exec in the user namespace" "$(echo $out)" "0 0 100000 65536 0 writable"
expect_eq "owned by the mapped root on the host" "$(stat -c %u $ISO_PATH/u1/rootfs/root/w)" 100000

isoctl start -n u1 || fail "start"
pid=$(cut -d" " -f1 $ISO_PATH/u1/init.pid)
expect_eq "init runs as the mapped root" "$(awk '/^Uid:/ { print $2 }' /proc/$pid/status)" 100000
expect_eq "attach" "$(isoctl attach -n u1 -- sh -c 'id -u; cat /proc/self/uid_map' | tr -s ' ' | xargs)" "0 0 100000 65536"
out=$( (printf 'id -u\n'; sleep 1; printf '\001q') | isoctl console -n u1 | tr -d '\r')
expect_match "console" "$out" "^0$"
isoctl stop -n u1 || fail "stop"

# no supplementary group of the caller's gets in: setgroups(0, NULL)
# before the uid change (setpriv, where there is one, gives the caller
# two; busybox's takes no --groups, and the guests' root has no group to
# leak)
if setpriv --groups 4,20 true 2>/dev/null; then
	out=$(setpriv --groups 4,20 isoctl exec -n u1 -- sed -n 's/^Groups:\t*//p' /proc/self/status)
	expect_eq "no supplementary groups in exec" "$(echo $out)" ""
fi

# attach works from a sealed copy of isoctl that nobody in the container
# may ptrace or write (CVE-2019-5736): its /proc/PID/exe is a memfd, and
# its /proc files stay the host root's once it is the mapped root
isoctl start -n u1 || fail "start before attach's exposure"
isoctl attach -n u1 -- sleep 5 &
attacher=$!
wait_until 4 "attach did not become the mapped root" \
	'[ "$(awk "/^Uid:/ { print \$2 }" /proc/$attacher/status 2>/dev/null)" = 100000 ]'
expect_match "attach runs from" "$(readlink /proc/$attacher/exe)" '^/memfd:isoctl \(deleted\)$'
expect_eq "attach is not dumpable: its /proc files' owner" "$(stat -c %u /proc/$attacher/environ)" 0
expect_eq "attach's own cgroups" "$(cat /proc/$attacher/cgroup)" "$(cat /proc/self/cgroup)"
wait $attacher || fail "attach -- sleep 5"
isoctl stop -n u1 || fail "stop after attach's exposure"

# a monitor killed takes init with it, in a user namespace too, where
# the uid change cleared the death signal once
isoctl start -n u1 || fail "start before killing the monitor"
kill_monitor u1 "an idmapped init"

# on an initramfs root (see t-confinement) the host's mounts stay beneath
# an idmapped container's rootfs, locked in by the kernel.  Its root may
# unmount the rootfs, but setns(2) into its mount namespace, which would
# show them, needs CAP_SYS_CHROOT, gone; in a user namespace of its own,
# where that is back, it lacks CAP_SYS_ADMIN over the mount namespace,
# and a chroot's ".." comes back to the rootfs
if containers_chrooted; then
	cp /tests/tools/rootout $ISO_PATH/u1/rootfs/bin/ || fail "copying rootout"
	expect_eq "the ways out" \
		"$(isoctl exec -n u1 -- /bin/rootout /tests/guest/lib.sh)" \
		"chroot: chroot: Operation not permitted
setns: setns: Operation not permitted"
	expect_eq "the ways out, in a user namespace of its own" \
		"$(isoctl exec -n u1 -- unshare -U -r /bin/rootout /tests/guest/lib.sh)" \
		"chroot: /tests/guest/lib.sh out of sight
setns: setns: Operation not permitted"
	rm $ISO_PATH/u1/rootfs/bin/rootout
fi

# create --userns: the idmap from root's subordinate ids, which usermod
# adds where there are none.  It writes /etc/subuid: in a guest only.
[ "${ISO_GUEST:-}" = 1 ] || exit 0
rm -f /etc/subuid /etc/subgid
out=$(isoctl create -n u3 --userns) || fail "create --userns"
expect_eq "create --userns says what it added" "$(echo "$out" | head -1)" \
	"Gave root the subordinate ids 100000-165535 in /etc/subuid and /etc/subgid"
expect_eq "/etc/subuid and /etc/subgid" "$(cat /etc/subuid /etc/subgid)" \
	"root:100000:65536
root:100000:65536"
expect_eq "its idmap" "$(grep '^lxc.idmap' $ISO_PATH/u3/config)" \
	"lxc.idmap = u 0 100000 65536
lxc.idmap = g 0 100000 65536"
expect_eq "exec in it" "$(isoctl exec -n u3 -- cat /proc/self/uid_map /proc/self/gid_map | xargs)" \
	"0 100000 65536 0 100000 65536"
isoctl start -n u3 || fail "start u3"
expect_eq "attach to it" "$(isoctl attach -n u3 -- id -u)" 0
isoctl stop -n u3 || fail "stop u3"
# root's first range is taken as it is; where root has none, usermod
# adds one at the first start nobody's range touches
printf 'alice:100000:65536\nroot:300000:70000\n0:400000:65536\n' >/etc/subuid
printf 'alice:100000:131072\n' >/etc/subgid
isoctl create -n u4 -t busybox -- --userns >/dev/null || fail "create -- --userns"
expect_eq "an existing range, and a new one" "$(grep '^lxc.idmap' $ISO_PATH/u4/config)" \
	"lxc.idmap = u 0 300000 65536
lxc.idmap = g 0 231072 65536"
expect_eq "/etc/subgid" "$(tail -1 /etc/subgid)" "root:231072:65536"
# a config that maps ids already is refused, and nothing is left
err=$(isoctl create -n u5 --userns -f /tmp/iso-userns.conf 2>&1) && fail "two idmaps"
expect_eq "--userns and an lxc.idmap" "$err" \
	"isoctl: create --userns: /tmp/iso-userns.conf has an lxc.idmap already: Invalid argument"
[ ! -e $ISO_PATH/u5 ] || fail "a refused create left $ISO_PATH/u5"
rm -f /etc/subuid /etc/subgid
exit 0
