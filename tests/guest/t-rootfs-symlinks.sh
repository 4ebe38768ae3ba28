# SPDX-License-Identifier: GPL-2.0
# A rootfs is the image's, and symlinks in it must not lead isoctl, root
# on the host, to a host file: every path inside is resolved inside.
# Each case below plants one and checks that the host is untouched and
# that what was made is inside the rootfs, where the link leads there.
. ./lib.sh
guest_only

export ISO_PATH=/tmp/iso-links-test
rm -rf $ISO_PATH /tmp/x /tmp/y /tmp/devx /tmp/procx /tmp/iso-links-src
trap 'rm -rf $ISO_PATH /tmp/x /tmp/y /tmp/devx /tmp/procx /tmp/iso-links-src' EXIT
isoctl create -n bb >/dev/null || fail "create"
cfg=$ISO_PATH/bb/config
root=$ISO_PATH/bb/rootfs
cp $cfg $cfg.orig

# create=file through an absolute symlink (the issue's case)
ln -sf /tmp/x $root/etc/resolv.conf
echo nameserver 192.0.2.1 >/tmp/iso-links-src
echo "lxc.mount.entry = /tmp/iso-links-src etc/resolv.conf none bind,create=file 0 0" >>$cfg
isoctl exec -n bb -- true || fail "exec with a bind over a symlink"
[ ! -e /tmp/x ] || fail "create=file made /tmp/x on the host"
[ -f $root/tmp/x ] || fail "create=file did not make the file inside the rootfs"

# create=dir up through ".."
cp $cfg.orig $cfg
echo "lxc.mount.entry = /etc mnt/../../../../../../tmp/y none bind,ro,create=dir 0 0" >>$cfg
isoctl exec -n bb -- true || fail "exec with a .. target"
[ ! -e /tmp/y ] || fail "create=dir made /tmp/y on the host"
[ -d $root/tmp/y ] || fail "create=dir did not make the dir inside the rootfs"

# the mounts isoctl makes itself, /dev and /proc, as links that lead to
# a host directory as well as to one in the rootfs: they must land on
# the rootfs's, where the container will look for them
cp $cfg.orig $cfg
mkdir -p /tmp/devx /tmp/procx $root/tmp/devx $root/tmp/procx
mv $root/dev $root/dev.orig && ln -s /tmp/devx $root/dev
mv $root/proc $root/proc.orig && ln -s /tmp/procx $root/proc
out=$(isoctl exec -n bb -- sh -c 'test -c /dev/null && cat /proc/self/comm' 2>&1)
expect_eq "/dev and /proc through links" "$out" cat
expect_eq "the host's dirs untouched" "$(ls -A /tmp/devx /tmp/procx | tr -d '\n')" \
	"/tmp/devx:/tmp/procx:"
# a link that leads nowhere inside fails, in one line, making nothing
rm -rf /tmp/devx /tmp/procx $root/tmp/devx
err=$(isoctl exec -n bb -- true 2>&1) && fail "exec with a dangling /dev link ran"
expect_eq "dangling /dev" "$(echo "$err" | wc -l)" 1
[ ! -e /tmp/devx ] && [ ! -e $root/tmp/devx ] || fail "a dangling /dev link made a dir"
rm $root/dev $root/proc && mv $root/dev.orig $root/dev && mv $root/proc.orig $root/proc

# a program that is a link through /proc/self/fd to a directory fd the
# caller leaked, the host's /, runs nothing of the host's (runc's
# CVE-2024-21626, its third way): the fd is closed before the exec
printf '#!/bin/sh\ntouch /tmp/escaped\n' >/tmp/hostonly && chmod +x /tmp/hostonly
ln -s /proc/self/fd/9/tmp/hostonly $root/bin/trap
isoctl exec -n bb -- /bin/trap 9</ 2>/dev/null
[ ! -e /tmp/escaped ] || fail "a leaked fd ran a host program"
rm -f /tmp/hostonly /tmp/escaped $root/bin/trap

# an absolute target outside the rootfs is refused, naming it
echo "lxc.mount.entry = /etc /tmp/y none bind,create=dir 0 0" >>$cfg
err=$(isoctl exec -n bb -- true 2>&1) && fail "a target outside the rootfs was used"
expect_eq "outside target" "$err" \
	"isoctl: lxc.mount.entry: /tmp/y is not inside the rootfs $root: Invalid argument"
[ ! -e /tmp/y ] || fail "the refused entry made /tmp/y"
# and one under the rootfs's path is the same as the relative one
cp $cfg.orig $cfg
echo "lxc.mount.entry = /tmp $root/mnt/abs none bind,ro,create=dir 0 0" >>$cfg
expect_eq "absolute target in the rootfs" \
	"$(isoctl exec -n bb -- sh -c 'test -e /mnt/abs/iso-links-src && echo ok')" ok
