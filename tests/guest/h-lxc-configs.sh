# SPDX-License-Identifier: GPL-2.0
# Debian's LXC configs load: each /usr/share/lxc/config/*.conf and
# /etc/lxc/default.conf, from the lxc and liblxc-common packages that
# scripts/deps.sh unpacks (never installs) into $ISO_LXC_ROOT, makes a
# container with isoctl create -f, includes and all.  They include each
# other by absolute path, so they are put where LXC has them, in a mount
# namespace of this test's own.  On the host only.
. ./lib.sh

root=${ISO_LXC_ROOT:-}
if [ -z "$root" ] || [ ! -d "$root/usr/share/lxc/config" ]; then
	echo "no unpacked Debian LXC (ISO_LXC_ROOT): scripts/deps.sh host unpacks it"
	exit 77
fi
if [ "${1:-}" != --inside ]; then
	exec unshare -m sh "$0" --inside
fi

export ISO_PATH=/tmp/iso-lxc-configs
trap 'isoctl stop -k -n deb >/dev/null 2>&1; rm -rf $ISO_PATH /tmp/iso-lxc-configs.conf' EXIT
rm -rf $ISO_PATH
mount --make-rprivate / || fail "making / private"
if [ -d /usr/share/lxc ]; then
	mount --bind "$root/usr/share/lxc" /usr/share/lxc || fail "bind over /usr/share/lxc"
else
	# nothing of the host's is made: a tmpfs over /usr/share, here only
	mount -t tmpfs iso-lxc /usr/share || fail "tmpfs on /usr/share"
	mkdir /usr/share/lxc
	mount --bind "$root/usr/share/lxc" /usr/share/lxc || fail "bind of $root/usr/share/lxc"
fi

n=0
for f in /usr/share/lxc/config/*.conf "$root/etc/lxc/default.conf"; do
	name=c$n
	err=$(isoctl create -n $name -t busybox -f "$f" 2>&1 >/dev/null) ||
		fail "create -f $f: $err"
	# the includes were followed: what they say is in the stored config
	# or noted as read, and the config loads again as start will load it
	out=$(isoctl checkconfig -f $ISO_PATH/$name/config) ||
		fail "checkconfig -f of $f's container: $out"
	# and every key of theirs is applied
	expect_eq "checkconfig -f of $f's container" "$out" \
		"$ISO_PATH/$name/config: every key is applied"
	isoctl destroy -n $name >/dev/null || fail "destroy $name"
	n=$((n + 1))
done
echo "$n configs loaded"
# bookworm's lxc and liblxc-common: 42 in /usr/share/lxc/config
[ $n -ge 40 ] || fail "only $n configs: is $root Debian's LXC?"

# default.conf: the bridge, the MAC template drawn; its AppArmor keys
# (generated, allow_nesting) are applied (ignored where AppArmor is off)
isoctl create -n dflt -t busybox -f "$root/etc/lxc/default.conf" >/dev/null ||
	fail "create with default.conf"
grep -q "^lxc.apparmor.allow_nesting = 1" $ISO_PATH/dflt/config ||
	fail "default.conf: no lxc.apparmor.allow_nesting = 1 to check"
out=$(isoctl checkconfig -f $ISO_PATH/dflt/config)
! echo "$out" | grep -q "^  lxc.apparmor." ||
	fail "default.conf: lxc.apparmor.* listed as not applied: $out"
# with LXC's MAC template, which lxc-create draws once, into the config
printf 'lxc.include = %s\nlxc.net.0.hwaddr = 00:16:3e:xx:xx:xx\n' \
	"$root/etc/lxc/default.conf" >/tmp/iso-lxc-configs.conf
isoctl create -n mac -t busybox -f /tmp/iso-lxc-configs.conf >/dev/null ||
	fail "create with a MAC template"
expect_match "the MAC drawn at create" \
	"$(grep '^lxc.net.0.hwaddr' $ISO_PATH/mac/config)" \
	"^lxc.net.0.hwaddr = 00:16:3e(:[0-9a-f]{2}){3}$"
# common.conf through debian.common.conf: its seccomp profile applied,
# and its tty dir
printf 'lxc.include = /usr/share/lxc/config/debian.common.conf\n' >/tmp/iso-lxc-configs.conf
isoctl create -n deb -t busybox -f /tmp/iso-lxc-configs.conf >/dev/null ||
	fail "create with debian.common.conf"
out=$(isoctl checkconfig -f $ISO_PATH/deb/config)
case $out in
*lxc.seccomp.profile*) fail "common.conf's seccomp profile was noted: $out" ;;
esac
# which debian.common.conf then takes back with an empty lxc.tty.dir
case $out in
*lxc.tty.dir*) fail "lxc.tty.dir, taken back by debian.common.conf, was noted: $out" ;;
esac
# and it starts, under common.seccomp: forced umounts say EACCES
isoctl start -n deb || fail "start with debian.common.conf"
expect_match "common.seccomp's filter, and isoctl's" \
	"$(isoctl attach -n deb -- cat /proc/self/status)" "Seccomp_filters:[[:space:]]+2"
expect_match "reject_force_umount" \
	"$(isoctl attach -n deb -- umount -f /no/such 2>&1)" "Permission denied"
isoctl stop -k -n deb || fail "stop deb"
rm -f /tmp/iso-lxc-configs.conf
exit 0
