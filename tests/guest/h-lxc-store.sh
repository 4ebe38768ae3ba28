# SPDX-License-Identifier: GPL-2.0
# LXC's own containers under isoctl, and isoctl's under LXC: Debian's
# LXC 5.0.2, which scripts/deps.sh unpacks (never installs) into
# $ISO_LXC_ROOT, run from there in a mount namespace of this test's own
# (its /usr/share, /etc, /usr/libexec and library directory overlaid) and
# a network namespace of its own, with default.conf's lxcbr0 bridge made
# here.  lxc-create -t busybox makes a container with default.conf;
# isoctl -P lists, starts, attaches to, stops and destroys it, config
# untouched, with what its config lists in force (cap drops, mounts) as
# /proc/self/status and /proc/self/mountinfo show them, and AppArmor,
# which this host does not have, ignored in one notice line.  While
# lxc-start runs it, ls says RUNNING (lxc), and start, stop, attach,
# copy, exec, chroot and destroy refuse it.  A container isoctl made
# starts under lxc-start, and lxc-attach reaches it, but not while isoctl
# runs it.  In make check-full (ISO_FULL=1), lxc-create -t debian too,
# made with the host's network, before this test's network namespace.
# On the host only.
. ./lib.sh

root=${ISO_LXC_ROOT:-}
lib=$(find "$root/usr/lib" -maxdepth 2 -name liblxc.so.1 2>/dev/null | head -n1)
if [ -z "$root" ] || [ -z "$lib" ] || [ ! -x "$root/usr/bin/lxc-start" ]; then
	echo "no unpacked Debian LXC with liblxc1 (ISO_LXC_ROOT): scripts/deps.sh host unpacks it"
	exit 77
fi
# what LXC's busybox template copies in, and what AppArmor would want
command -v busybox >/dev/null ||
	{ echo "no busybox on this host, which lxc-create -t busybox copies"; exit 77; }
if [ "$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)" = Y ] &&
   ! command -v apparmor_parser >/dev/null; then
	echo "AppArmor is on and apparmor_parser missing: LXC's generated profile cannot load"
	exit 77
fi
libdir=$(dirname "${lib#"$root"}")
# a mount namespace of its own, and then (--net) a network namespace
if [ "${1:-}" != --inside ] && [ "${1:-}" != --net ]; then
	exec unshare -m sh "$0" --inside
fi

S=/tmp/iso-lxc-store
LXC="-P $S"
SYSFS=/tmp/iso-lxc-store.sysfs
cleanup()
{
	lxc-stop $LXC -n bb -k >/dev/null 2>&1
	isoctl -P $S stop -k -n deb >/dev/null 2>&1
	lxc-stop $LXC -n ib -k >/dev/null 2>&1
	isoctl -P $S stop -k -n bb >/dev/null 2>&1
	rm -rf $S /run/lxc/lock$S
	rmdir /run/lxc/lock/tmp /run/lxc/lock /run/lxc 2>/dev/null
	# where LXC's monitors went at their end, which LXC leaves: once
	# the last of them, which lxc-stop does not wait for, has gone
	for i in 1 2 3 4 5 6 7 8 9 10; do
		rmdir /sys/fs/cgroup/lxc.pivot /sys/fs/cgroup/*/lxc.pivot 2>/dev/null
		[ -z "$(ls -d /sys/fs/cgroup/lxc.pivot /sys/fs/cgroup/*/lxc.pivot 2>/dev/null)" ] &&
			break
		sleep 0.2
	done
	! mountpoint -q $SYSFS || umount -l $SYSFS
	rmdir $SYSFS 2>/dev/null
}
if [ "$1" = --inside ]; then
	cleanup
	trap cleanup EXIT
	trap 'exit 1' INT TERM HUP
	mount --make-rprivate / || fail "making / private"
	# LXC's files where LXC looks for them, over the host's, read-only
	for d in /usr/share /etc /usr/libexec "$libdir"; do
		[ -d "$root$d" ] || continue
		mount -t overlay iso-lxc -o "lowerdir=$root$d:$d" "$d" ||
			fail "overlaying $root$d on $d"
	done
	export PATH=$root/usr/bin:$PATH
	mkdir -p $S
	# make check-full: lxc-create -t debian with the host's network,
	# a debootstrap from its apt mirror (minutes, cached then in
	# $ISO_LXC_CACHE); checked below
	if [ "${ISO_FULL:-}" = 1 ] && command -v debootstrap >/dev/null; then
		sources=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
			sed -n 's/^URIs: *//p; s/^deb \(\[[^]]*\] \)*\([^ ]*\) .*/\2/p')
		mirror=$(echo "$sources" | grep -v security | head -n1)
		security=$(echo "$sources" | grep security | head -n1)
		[ -n "$mirror" ] || fail "no Debian mirror in the host's apt sources"
		out=$(LXC_CACHE_PATH=${ISO_LXC_CACHE:-/var/cache/lxc} lxc-create $LXC -n deb \
			-t debian -- -r bookworm --mirror="$mirror" \
			${security:+--security-mirror="$security"} 2>&1) ||
			fail "lxc-create -t debian: $(echo "$out" | tail -n 5)"
	fi
	trap - EXIT
	exec unshare -n sh "$0" --net
fi
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
# LXC finds a bridge in /sys/class/net: this namespace's
mkdir -p $SYSFS && mount -t sysfs sysfs $SYSFS ||
	fail "mounting this network namespace's sysfs"
mount --bind $SYSFS/class/net /sys/class/net &&
	mount --bind $SYSFS/devices/virtual/net /sys/devices/virtual/net ||
	fail "binding this namespace's /sys/class/net"
ip link set lo up && ip link add lxcbr0 type bridge &&
	ip addr add 10.0.3.1/24 dev lxcbr0 && ip link set lxcbr0 up ||
	fail "making lxcbr0"

# a container LXC made, with Debian's default.conf
out=$(lxc-create $LXC -n bb -t busybox 2>&1) ||
	fail "lxc-create -t busybox: $(echo "$out" | tail -n 3)"
config=$(cat $S/bb/config)
expect_match "lxc-create's config" "$config" '^lxc.net.0.link = lxcbr0$'
expect_match "isoctl -P $S ls" "$(isoctl -P $S ls)" '^bb$'
out=$(isoctl -P $S start -n bb 2>&1) || fail "start LXC's container: $out"
expect_match "the notice that AppArmor is off here" "$out" "lxc.apparmor.profile"
expect_eq "isoctl -P $S info" "$(isoctl -P $S info -n bb | sed -n 's/^State: *//p')" RUNNING
status=$(isoctl -P $S attach -n bb -- cat /proc/self/status) || fail "attach"
bnd=$(echo "$status" | sed -n 's/^CapBnd:[[:space:]]*//p')
# lxc.cap.drop = sys_module mac_admin mac_override sys_time
for cap in 16 25 32 33; do
	[ $(( (0x$bnd >> cap) & 1 )) = 0 ] || fail "capability $cap not dropped: CapBnd $bnd"
done
mounts=$(isoctl -P $S attach -n bb -- cat /proc/self/mountinfo) || fail "attach: mountinfo"
# lxc.mount.auto = ... sys:ro; lxc.mount.entry = /lib lib none ro,bind;
# shm dev/shm tmpfs
expect_match "sys:ro" "$mounts" ' /sys ro,[^ ]* .*- sysfs '
expect_match "/lib bound read-only" "$mounts" ' /lib ro[, ]'
expect_match "/dev/shm" "$mounts" ' /dev/shm [^ ]* .*- tmpfs '
expect_match "eth0 on lxcbr0" "$(ip -o link show master lxcbr0)" 'veth'
isoctl -P $S stop -k -n bb || fail "stop LXC's container"
expect_eq "config untouched" "$(cat $S/bb/config)" "$config"

# lxc-create -t debian, in make check-full only (made above): its config
# includes common.conf, whose cap drops, seccomp profile and mounts are
# in force in exec's command (as lxc-execute's); and it boots.
if [ -e $S/deb/config ]; then
	config=$(cat $S/deb/config)
	expect_match "debian's config includes common.conf" "$config" \
		'^lxc.include = /usr/share/lxc/config/debian.common.conf$'
	status=$(isoctl -P $S exec -n deb -- cat /proc/self/status) ||
		fail "exec in lxc-create's debian: $status"
	bnd=$(echo "$status" | sed -n 's/^CapBnd:[[:space:]]*//p')
	# common.conf: lxc.cap.drop = mac_admin mac_override sys_time sys_module sys_rawio
	for cap in 17 25 32 33 16; do
		[ $(( (0x$bnd >> cap) & 1 )) = 0 ] || fail "deb: capability $cap not dropped: CapBnd $bnd"
	done
	# common.conf's lxc.seccomp.profile = common.seccomp, over isoctl's
	expect_match "deb: the profile's filter too" "$status" '^Seccomp_filters:[[:space:]]*2$'
	mounts=$(isoctl -P $S exec -n deb -- cat /proc/self/mountinfo)
	# lxc.mount.auto = cgroup:mixed proc:mixed sys:mixed
	expect_match "deb: proc:mixed" "$mounts" ' /proc/sys ro,[^ ]* .*- proc '
	expect_match "deb: sys:mixed" "$mounts" ' /sys ro,[^ ]* .*- sysfs '
	expect_match "deb: its os-release" \
		"$(isoctl -P $S exec -n deb -- cat /etc/os-release)" '^VERSION_CODENAME=bookworm$'
	# and its systemd boots, which on this hybrid host needs systemd's
	# named hierarchy, and halts on lxc.signal.halt (SIGRTMIN+3)
	isoctl -P $S start -n deb || fail "start deb"
	booted=
	for i in $(seq 1 120); do
		booted=$(isoctl -P $S attach -n deb -- systemctl is-system-running </dev/null 2>/dev/null)
		case $booted in running | degraded) break ;; esac
		sleep 0.5
	done
	on_fail() { isoctl -P $S attach -n deb -- systemctl --failed --no-legend </dev/null; }
	expect_match "deb: systemd booted" "$booted" '^(running|degraded)$'
	echo "deb: systemd is $booted; failed: $(on_fail | tr '\n' ' ')"
	expect_match "deb: systemd's cgroups" \
		"$(isoctl -P $S attach -n deb -- cat /proc/1/cgroup </dev/null)" '^[0-9]+:name=systemd:/init.scope$'
	unset -f on_fail
	isoctl -P $S stop -n deb || fail "stop deb, its systemd halting"
	expect_eq "deb config untouched" "$(cat $S/deb/config)" "$config"
	isoctl -P $S destroy -n deb >/dev/null || fail "destroy deb"
else
	echo "lxc-create -t debian: make check-full runs it (a debootstrap, minutes)"
fi

# while LXC runs it, isoctl leaves it be
lxc-start $LXC -n bb || fail "lxc-start"
expect_eq "lxc-info" "$(lxc-info $LXC -n bb -s -H)" RUNNING
expect_match "ls --fancy" "$(isoctl -P $S ls --fancy)" '^bb +RUNNING \(lxc\) '
for cmd in start stop attach destroy; do
	err=$(isoctl -P $S $cmd -n bb 2>&1 </dev/null) && fail "isoctl -P $S $cmd while LXC runs it"
	expect_eq "isoctl -P $S $cmd while LXC runs it" "$err" \
		"isoctl: $cmd bb: LXC runs it (lxc-stop it first): Device or resource busy"
done
for cmd in "copy -n bb -N bb2" "exec -n bb -- true" "chroot -n bb -- true"; do
	err=$(isoctl -P $S $cmd 2>&1 </dev/null) && fail "isoctl $cmd while LXC runs it"
	expect_eq "isoctl $cmd while LXC runs it" "$err" \
		"isoctl: ${cmd%% *} bb: LXC runs it (lxc-stop it first): Device or resource busy"
done
[ ! -e $S/bb2 ] || fail "a refused copy left bb2"
expect_eq "ls --running" "$(isoctl -P $S ls --running)" bb
lxc-stop $LXC -n bb -k || fail "lxc-stop"
expect_match "ls, stopped" "$(isoctl -P $S ls --fancy)" '^bb +STOPPED '
isoctl -P $S destroy -n bb >/dev/null || fail "destroy LXC's container"

# isoctl's container under lxc-start, but not while isoctl runs it
isoctl -P $S create -n ib >/dev/null || fail "isoctl -P $S create"
isoctl -P $S start -n ib || fail "isoctl start of its own"
! lxc-start $LXC -n ib >/dev/null 2>&1 || fail "lxc-start of a container isoctl runs"
expect_match "isoctl's, after lxc-start" "$(isoctl -P $S ls --fancy)" '^ib +RUNNING +[0-9]'
isoctl -P $S stop -k -n ib || fail "isoctl stop of its own"
lxc-start $LXC -n ib || fail "lxc-start of isoctl's container: $(tail -n 3 $S/ib/ib.log 2>/dev/null)"
expect_eq "lxc-info of isoctl's" "$(lxc-info $LXC -n ib -s -H)" RUNNING
expect_eq "lxc-attach to isoctl's" "$(lxc-attach $LXC -n ib -- hostname)" ib
lxc-stop $LXC -n ib -k || fail "lxc-stop of isoctl's container"
echo ok
