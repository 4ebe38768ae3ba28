# SPDX-License-Identifier: GPL-2.0
# isoctl copy, as lxc-copy copies a directory rootfs: the rootfs, owners,
# modes and links kept, and the config, with lxc.rootfs.path,
# lxc.uts.name (lxc.utsname too) and the rootfs's /etc/hostname the new
# name's (not with -K), new MACs (not with -M; lxc.network.hwaddr too),
# the hooks that live in the container's directory (quoted or not) and
# lxc.mount.fstab copied beside it, other hooks left as they are;
# lxc.hook.clone runs in a mount namespace of its own with LXC's
# arguments and variables, LXC_SRC_NAME among them, and what it writes to
# LXC_ROOTFS_MOUNT is the copy's; the copy starts.  -R renames, running
# the old one's destroy hooks and keeping its MACs; a destroy hook that
# fails keeps the old one and not the copy.  A running source, a name
# taken, a clone hook that fails, a hook in the image, two hooks of one
# name: one line, and nothing left.  An /etc/hostname that is no file is
# left.  In the guests only: an /etc/hostname that is a symlink out of
# the rootfs is not followed out, and an idmapped container's copy
# starts.
. ./lib.sh

export ISO_PATH=/tmp/iso-copy
cleanup()
{
	for c in c1 c2 c3 c4 c5 u1 u2; do
		isoctl stop -k -n $c >/dev/null 2>&1
	done
	rm -rf $ISO_PATH /tmp/iso-copy.escape /tmp/iso-copy.other /tmp/iso-copy.hook
}
cleanup
trap cleanup EXIT

key() { sed -n "s/^$2 *= *//p" $ISO_PATH/$1/config | tail -n1; }
# tree DIR: each file's path, type, mode, owner and link target
tree() { (cd "$1" && find . -printf '%p %y %m %U:%G %l\n' | sort); }

isoctl create -n c1 >/dev/null || fail "create c1"
dir=$ISO_PATH/c1
cat >$dir/clone.sh <<'EOT'
#!/bin/sh
{
	printf 'args'; printf ' <%s>' "$@"; echo
	echo "name $LXC_NAME src $LXC_SRC_NAME"
	echo "config $LXC_CONFIG_FILE"
	echo "rootfs $LXC_ROOTFS_MOUNT $LXC_ROOTFS_PATH"
	echo "mnt $(readlink /proc/self/ns/mnt)"
} >>"$(dirname "$LXC_CONFIG_FILE")/clone.log"
touch "$LXC_ROOTFS_MOUNT/cloned"
EOT
chmod 750 $dir/clone.sh
printf "#!/bin/sh\nexit 0\n" >/tmp/iso-copy.hook && chmod 755 /tmp/iso-copy.hook
echo "none mnt tmpfs defaults,create=dir 0 0" >$dir/fstab
# a file of the image's with an owner, a mode and a link of its own
chown 1234:567 $dir/rootfs/etc/hostname
chmod 604 $dir/rootfs/etc/hostname
ln -s ../etc/hostname $dir/rootfs/bin/hostname-link
sed -i 's/^lxc.uts.name = c1$/lxc.utsname = c1/' $dir/config
cat >>$dir/config <<EOT
lxc.init.cmd = /bin/sleep 1000
lxc.net.0.type = empty
lxc.net.0.hwaddr = 00:16:3e:12:34:56
lxc.network.type = empty
lxc.network.hwaddr = 00:16:3e:ab:cd:ef
lxc.hook.clone = "$dir/clone.sh"
lxc.hook.pre-start = /tmp/iso-copy.hook
lxc.hook.destroy = echo destroyed "\$LXC_NAME" >>$ISO_PATH/destroy.log
lxc.mount.fstab = $dir/fstab
EOT
old_config=$(cat $dir/config)
old_tree=$(tree $dir/rootfs)

isoctl copy -n c1 -N c2 -- a1 "b 2" >/dev/null || fail "copy c1 c2"
new=$ISO_PATH/c2
expect_eq "c1's config" "$(cat $dir/config)" "$old_config"
expect_eq "rootfs" "$(key c2 lxc.rootfs.path)" "dir:$new/rootfs"
expect_eq "uts name" "$(key c2 lxc.uts.name)" c2
expect_eq "no lxc.utsname left" "$(key c2 lxc.utsname)" ""
expect_eq "/etc/hostname" "$(cat $new/rootfs/etc/hostname)" c2
expect_eq "c1's /etc/hostname" "$(cat $dir/rootfs/etc/hostname)" c1
for k in lxc.net.0.hwaddr lxc.network.hwaddr; do
	mac=$(key c2 $k)
	expect_match "a new MAC, $k" "$mac" '^00:16:3e:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$'
	[ "$mac" != "$(key c1 $k)" ] || fail "$k was kept"
done
expect_eq "the clone hook" "$(key c2 lxc.hook.clone)" "\"$new/clone.sh\""
expect_eq "the clone hook's mode" "$(stat -c %a $new/clone.sh)" 750
expect_eq "a hook elsewhere" "$(key c2 lxc.hook.pre-start)" /tmp/iso-copy.hook
expect_eq "the fstab" "$(key c2 lxc.mount.fstab)" "$new/fstab"
expect_eq "the fstab's lines" "$(cat $new/fstab)" "$(cat $dir/fstab)"
expect_eq "the clone hook's run" "$(grep -v '^mnt' $new/clone.log)" \
"args <c2> <lxc> <clone> <a1> <b 2>
name c2 src c1
config $new/config
rootfs $new/rootfs $new/rootfs"
[ "$(sed -n 's/^mnt //p' $new/clone.log)" != "$(readlink /proc/self/ns/mnt)" ] ||
	fail "the clone hook ran in our mount namespace"
[ -e $new/rootfs/cloned ] || fail "what the clone hook wrote is not in the copy"
[ ! -e $dir/rootfs/cloned ] || fail "the clone hook wrote into the source"
rm $new/rootfs/cloned
expect_eq "the rootfs's files" "$(tree $new/rootfs)" "$old_tree"

isoctl start -n c2 || fail "start the copy"
expect_eq "the copy's hostname" "$(isoctl attach -n c2 -- hostname)" c2
isoctl stop -k -n c2 || fail "stop the copy"

# -K keeps the name; -M the MACs; hook version 1 gets copy's arguments alone
echo "lxc.hook.version = 1" >>$dir/config
isoctl copy -n c1 -N c3 -K -M -- x >/dev/null || fail "copy -K -M"
expect_eq "-K: uts name" "$(key c3 lxc.utsname)" c1
expect_eq "-K: /etc/hostname" "$(cat $ISO_PATH/c3/rootfs/etc/hostname)" c1
expect_eq "-M" "$(key c3 lxc.net.0.hwaddr)" 00:16:3e:12:34:56
expect_eq "version 1's arguments" "$(sed -n 's/^args //p' $ISO_PATH/c3/clone.log)" "<x>"

# -R: the old one goes, its destroy hooks run; the MACs stay, the name not
isoctl copy -n c3 -N c4 -R >/dev/null || fail "copy -R"
[ ! -e $ISO_PATH/c3 ] || fail "-R left the old container"
expect_eq "-R's destroy hook" "$(cat $ISO_PATH/destroy.log)" "destroyed c3"
expect_eq "-R keeps the MAC" "$(key c4 lxc.net.0.hwaddr)" 00:16:3e:12:34:56
expect_eq "-R renames" "$(key c4 lxc.uts.name)" c4
expect_eq "-R's /etc/hostname" "$(cat $ISO_PATH/c4/rootfs/etc/hostname)" c4
expect_eq "-R's hook" "$(key c4 lxc.hook.clone)" "\"$ISO_PATH/c4/clone.sh\""
isoctl start -n c4 || fail "start the renamed one"
isoctl stop -k -n c4 || fail "stop the renamed one"
# a destroy hook that fails keeps the old one, and not the copy
echo "lxc.hook.destroy = false" >>$ISO_PATH/c4/config
err=$(isoctl copy -n c4 -N c5 -R 2>&1) && fail "renamed with a failing destroy hook"
expect_match "-R, failing destroy hook" "$err" 'lxc.hook.destroy "false": exited with 1'
[ -e $ISO_PATH/c4/config ] || fail "-R with a failing destroy hook lost the old one"
[ ! -e $ISO_PATH/c5 ] || fail "-R with a failing destroy hook kept the copy"

# another store: -p
isoctl copy -n c1 -N c5 -p /tmp/iso-copy.other >/dev/null || fail "copy -p"
expect_eq "-p: rootfs" "$(sed -n 's/^lxc.rootfs.path = //p' /tmp/iso-copy.other/c5/config)" \
	"dir:/tmp/iso-copy.other/c5/rootfs"
isoctl destroy -P /tmp/iso-copy.other -n c5 >/dev/null || fail "destroy -p's copy"

# what copy refuses, and leaves nothing of
isoctl start -n c1 || fail "start c1"
err=$(isoctl copy -n c1 -N c5 2>&1) && fail "copied a running container"
expect_eq "running" "$err" "isoctl: copy c1: running, or in an exec or a copy: Device or resource busy"
isoctl stop -k -n c1 || fail "stop c1"
before=$(tree $ISO_PATH/c2)
err=$(isoctl copy -n c1 -N c2 2>&1) && fail "copied onto c2"
expect_eq "taken" "$err" "isoctl: copy: creating $ISO_PATH/c2: File exists"
expect_eq "a refused copy's target" "$(tree $ISO_PATH/c2)" "$before"
cp $dir/config $ISO_PATH/config.good
echo "lxc.hook.clone = false" >>$dir/config
err=$(isoctl copy -n c1 -N c5 2>&1) && fail "copied with a failing clone hook"
expect_match "failing hook" "$err" 'lxc.hook.clone "false": exited with 1'
[ ! -e $ISO_PATH/c5 ] || fail "a failed copy left c5"
cp $ISO_PATH/config.good $dir/config
echo "lxc.hook.start-host = $dir/rootfs/bin/true" >>$dir/config
err=$(isoctl copy -n c1 -N c5 2>&1) && fail "copied a hook in the image"
expect_eq "a hook in the image" "$err" \
	"isoctl: copy lxc.hook.start-host: $dir/rootfs/bin/true is in the image: Invalid argument"
[ ! -e $ISO_PATH/c5 ] || fail "a refused copy left c5"
cp $ISO_PATH/config.good $dir/config
mkdir $dir/sub && cp $dir/clone.sh $dir/sub/clone.sh
echo "lxc.hook.post-stop = $dir/sub/clone.sh" >>$dir/config
err=$(isoctl copy -n c1 -N c5 2>&1) && fail "copied two hooks of one name"
expect_match "two hooks of one name" "$err" "have one name"
[ ! -e $ISO_PATH/c5 ] || fail "a refused copy left c5"
cp $ISO_PATH/config.good $dir/config

# an /etc/hostname that is no file is left
rm $dir/rootfs/etc/hostname && mkdir $dir/rootfs/etc/hostname
isoctl copy -n c1 -N c5 >/dev/null || fail "copy with a directory for /etc/hostname"
[ -d $ISO_PATH/c5/rootfs/etc/hostname ] || fail "a directory /etc/hostname was touched"
isoctl destroy -n c5 >/dev/null || fail "destroy c5"

if [ "${ISO_GUEST:-}" = 1 ]; then
	# the image's /etc/hostname is a symlink out of it
	echo outside >/tmp/iso-copy.escape
	rmdir $dir/rootfs/etc/hostname
	ln -s /tmp/iso-copy.escape $dir/rootfs/etc/hostname
	isoctl copy -n c1 -N c5 >/dev/null || fail "copy with a symlinked hostname"
	expect_eq "the host's file" "$(cat /tmp/iso-copy.escape)" outside
	# an idmapped container's copy gets through to its rootfs
	isoctl create -n u1 --userns >/dev/null || fail "create --userns"
	echo "lxc.init.cmd = /bin/sleep 1000" >>$ISO_PATH/u1/config
	isoctl copy -n u1 -N u2 >/dev/null || fail "copy an idmapped container"
	expect_eq "the idmapped copy's directory" "$(stat -c '%a %U' $ISO_PATH/u2)" \
		"$(stat -c '%a %U' $ISO_PATH/u1)"
	isoctl start -n u2 || fail "start an idmapped copy"
	expect_eq "the idmapped copy's hostname" "$(isoctl attach -n u2 -- hostname)" u2
	isoctl stop -k -n u2 || fail "stop the idmapped copy"
else
	echo "a symlinked /etc/hostname and --userns (/etc/subuid): they run only in the QEMU guests"
fi
echo ok
