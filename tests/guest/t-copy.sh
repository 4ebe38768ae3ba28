# SPDX-License-Identifier: GPL-2.0
# isoctl copy, as lxc-copy copies a directory rootfs: the rootfs and the
# config, with lxc.rootfs.path, lxc.uts.name and the rootfs's
# /etc/hostname the new name's (not with -K), new MACs (not with -M),
# hooks that live in the container's directory and lxc.mount.fstab
# copied beside it; lxc.hook.clone runs in a mount namespace of its own
# with LXC's arguments and variables, LXC_SRC_NAME among them, and what
# it writes to LXC_ROOTFS_MOUNT is the copy's; the copy starts.  -R
# renames, running the old one's destroy hooks and keeping its MACs.  A
# running source, a name taken, a clone hook that fails: one line, and
# nothing left.  In the guests only: an /etc/hostname that is a symlink
# out of the rootfs, which must not be followed out.
. ./lib.sh

export ISO_PATH=/tmp/iso-copy
cleanup()
{
	for c in c1 c2 c3 c4 c5; do
		isoctl stop -k -n $c >/dev/null 2>&1
	done
	rm -rf $ISO_PATH /tmp/iso-copy.escape
}
cleanup
trap cleanup EXIT

key() { sed -n "s/^$2 *= *//p" $ISO_PATH/$1/config | tail -n1; }

isoctl create -n c1 >/dev/null || fail "create c1"
dir=$ISO_PATH/c1
cat >$dir/clone.sh <<'EOT'
#!/bin/sh
{
	echo "args $*"
	echo "name $LXC_NAME src $LXC_SRC_NAME"
	echo "config $LXC_CONFIG_FILE"
	echo "rootfs $LXC_ROOTFS_MOUNT $LXC_ROOTFS_PATH"
	echo "mnt $(readlink /proc/self/ns/mnt)"
} >>"$(dirname "$LXC_CONFIG_FILE")/clone.log"
touch "$LXC_ROOTFS_MOUNT/cloned"
EOT
chmod 750 $dir/clone.sh
echo "none mnt tmpfs defaults,create=dir 0 0" >$dir/fstab
cat >>$dir/config <<EOT
lxc.init.cmd = /bin/sleep 1000
lxc.net.0.type = empty
lxc.net.0.hwaddr = 00:16:3e:12:34:56
lxc.hook.clone = $dir/clone.sh
lxc.hook.destroy = echo destroyed "\$LXC_NAME" >>$ISO_PATH/destroy.log
lxc.mount.fstab = $dir/fstab
EOT
old_config=$(cat $dir/config)

isoctl copy -n c1 -N c2 -- a1 "b 2" >/dev/null || fail "copy c1 c2"
new=$ISO_PATH/c2
expect_eq "c1's config" "$(cat $dir/config)" "$old_config"
expect_eq "rootfs" "$(key c2 lxc.rootfs.path)" "dir:$new/rootfs"
expect_eq "uts name" "$(key c2 lxc.uts.name)" c2
expect_eq "/etc/hostname" "$(cat $new/rootfs/etc/hostname)" c2
expect_eq "c1's /etc/hostname" "$(cat $dir/rootfs/etc/hostname)" c1
mac=$(key c2 lxc.net.0.hwaddr)
expect_match "a new MAC" "$mac" '^00:16:3e:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$'
[ "$mac" != 00:16:3e:12:34:56 ] || fail "the MAC was kept"
expect_eq "the clone hook" "$(key c2 lxc.hook.clone)" "$new/clone.sh"
[ -x $new/clone.sh ] || fail "the clone hook was not copied"
expect_eq "the fstab" "$(key c2 lxc.mount.fstab)" "$new/fstab"
expect_eq "the fstab's lines" "$(cat $new/fstab)" "$(cat $dir/fstab)"
expect_eq "the clone hook's run" "$(cat $new/clone.log | grep -v '^mnt')" \
"args c2 lxc clone a1 b 2
name c2 src c1
config $new/config
rootfs $new/rootfs $new/rootfs"
[ "$(sed -n 's/^mnt //p' $new/clone.log)" != "$(readlink /proc/self/ns/mnt)" ] ||
	fail "the clone hook ran in our mount namespace"
[ -e $new/rootfs/cloned ] || fail "what the clone hook wrote is not in the copy"
[ ! -e $dir/rootfs/cloned ] || fail "the clone hook wrote into the source"
expect_eq "the rootfs's files" "$(cd $new/rootfs && find . ! -name cloned ! -name hostname | sort)" \
	"$(cd $dir/rootfs && find . ! -name hostname | sort)"

isoctl start -n c2 || fail "start the copy"
expect_eq "the copy's hostname" "$(isoctl attach -n c2 -- hostname)" c2
isoctl stop -k -n c2 || fail "stop the copy"

# -K keeps the name; -M the MACs; hook version 1 gets copy's arguments alone
echo "lxc.hook.version = 1" >>$dir/config
isoctl copy -n c1 -N c3 -K -M -- x >/dev/null || fail "copy -K -M"
expect_eq "-K: uts name" "$(key c3 lxc.uts.name)" "$(key c1 lxc.uts.name)"
expect_eq "-K: /etc/hostname" "$(cat $ISO_PATH/c3/rootfs/etc/hostname)" c1
expect_eq "-M" "$(key c3 lxc.net.0.hwaddr)" 00:16:3e:12:34:56
expect_eq "version 1's arguments" "$(sed -n 's/^args //p' $ISO_PATH/c3/clone.log)" x

# -R: the old one goes, its destroy hooks run; the MACs stay
isoctl copy -n c3 -N c4 -R >/dev/null || fail "copy -R"
[ ! -e $ISO_PATH/c3 ] || fail "-R left the old container"
expect_eq "-R's destroy hook" "$(cat $ISO_PATH/destroy.log)" "destroyed c3"
expect_eq "-R keeps the MAC" "$(key c4 lxc.net.0.hwaddr)" 00:16:3e:12:34:56
expect_eq "-R renames" "$(key c4 lxc.uts.name)" c4

# what copy refuses, and leaves nothing of
isoctl start -n c1 || fail "start c1"
err=$(isoctl copy -n c1 -N c5 2>&1) && fail "copied a running container"
expect_eq "running" "$err" "isoctl: copy c1: running (stop it first): Device or resource busy"
isoctl stop -k -n c1 || fail "stop c1"
err=$(isoctl copy -n c1 -N c2 2>&1) && fail "copied onto c2"
expect_eq "taken" "$err" "isoctl: copy: creating $ISO_PATH/c2: File exists"
[ -e $ISO_PATH/c2/rootfs/cloned ] || fail "a refused copy touched c2"
echo "lxc.hook.clone = false" >>$dir/config
err=$(isoctl copy -n c1 -N c5 2>&1) && fail "copied with a failing clone hook"
expect_match "failing hook" "$err" 'lxc.hook.clone "false": exited with 1'
[ ! -e $ISO_PATH/c5 ] || fail "a failed copy left c5"

# the image's /etc/hostname is a symlink out of it
if [ "${ISO_GUEST:-}" = 1 ]; then
	echo outside >/tmp/iso-copy.escape
	sed -i '/^lxc.hook.clone = false$/d' $dir/config
	ln -sf /tmp/iso-copy.escape $dir/rootfs/etc/hostname
	isoctl copy -n c1 -N c5 >/dev/null || fail "copy with a symlinked hostname"
	expect_eq "the host's file" "$(cat /tmp/iso-copy.escape)" outside
else
	echo "a symlinked /etc/hostname: it runs only in the QEMU guests"
fi
echo ok
