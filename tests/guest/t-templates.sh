# SPDX-License-Identifier: GPL-2.0
# The dir:PATH and tar:FILE templates import an existing rootfs; bad
# sources fail with one line and leave no container.  (debian, which needs
# the network, is h-debian.sh, on the host.)  Runs in the guests and as
# root on the host.
. ./lib.sh

export ISO_PATH=/tmp/iso-tpl-test
rm -rf $ISO_PATH /tmp/iso-tpl.tgz
trap 'rm -rf $ISO_PATH /tmp/iso-tpl.tgz' EXIT

isoctl create -n src >/dev/null || fail "create src"
echo from-src >$ISO_PATH/src/rootfs/etc/motd
# GNU tar on the host reads gzip by itself; the guests' busybox tar not
z=
! tar --version 2>/dev/null | grep -q GNU || z=z
tar -C $ISO_PATH/src/rootfs -c${z}f /tmp/iso-tpl.tgz . || fail "tar"

out=$(isoctl create -n fromdir -t dir:$ISO_PATH/src/rootfs) || fail "dir: $out"
expect_eq "dir:" "$out" "Created container fromdir in $ISO_PATH/fromdir"
out=$(isoctl create -n fromtar -t tar:/tmp/iso-tpl.tgz) || fail "tar: $out"
for c in fromdir fromtar; do
	expect_eq "$c runs" "$(isoctl exec -n $c -- sh -c 'cat /etc/motd; hostname')" \
		"from-src
$c"
	grep -q "^lxc.rootfs.path = dir:$ISO_PATH/$c/rootfs$" $ISO_PATH/$c/config ||
		fail "$c: rootfs path not in its config"
done

err=$(isoctl create -n bad -t dir:/no/such/dir 2>&1) && fail "dir: missing"
expect_eq "dir: missing" "$err" "isoctl: create -t dir:/no/such/dir: No such file or directory"
err=$(isoctl create -n bad -t dir:/tmp/iso-tpl.tgz 2>&1) && fail "dir: a file"
expect_eq "dir: a file" "$err" "isoctl: create -t dir:/tmp/iso-tpl.tgz: not a directory: Not a directory"
err=$(isoctl create -n bad -t tar:/no/such.tgz 2>&1) && fail "tar: missing"
expect_eq "tar: missing" "$err" "isoctl: create -t tar:/no/such.tgz: No such file or directory"
echo "not a tarball" >$ISO_PATH/junk.tar
err=$(isoctl create -n bad -t tar:$ISO_PATH/junk.tar 2>&1) && fail "tar: not a tarball"
expect_match "tar: not a tarball" "$(echo "$err" | tail -n1)" \
	"^isoctl: tar template: extracting tar failed \(status [0-9]+\)"
err=$(isoctl create -n bad -t tar: 2>&1) && fail "tar: no path"
expect_eq "tar: no path" "$err" "isoctl: create -t tar: needs a path, as tar:/srv/root: Invalid argument"
err=$(isoctl create -n bad -t nope:x 2>&1) && fail "unknown template"
expect_match "unknown template" "$err" 'no template "nope:x"'
expect_eq "failed creates leave nothing" "$(echo $(ls $ISO_PATH))" "fromdir fromtar junk.tar src"
exit 0
