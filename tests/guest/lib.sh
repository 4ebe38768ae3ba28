# SPDX-License-Identifier: GPL-2.0
# Sourced by the guest tests.

ISO_KO=/lib/iso/iso.ko
NLSEND=/tests/tools/nlsend

# A test may define on_fail: what it prints after the FAIL line, which
# run.sh carries onto its result line, says what was seen.
fail()
{
	echo "FAIL: $*"
	! type on_fail >/dev/null 2>&1 || on_fail
	exit 1
}

# expect_eq WHAT GOT WANT
expect_eq()
{
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# expect_match WHAT TEXT PATTERN (grep -E)
expect_match()
{
	echo "$2" | grep -qE -- "$3" || fail "$1: '$2' does not match /$3/"
}

iso_loaded() { grep -qs '^iso ' /proc/modules; }

# Leave the module loaded with default parameters, whatever a test did.
iso_reload()
{
	! iso_loaded || rmmod iso || fail "rmmod iso"
	insmod "$ISO_KO" "$@" || fail "insmod iso.ko $*"
}

# The running release, escaped for grep -E ("6.12.95+deb12-amd64").
release_re() { uname -r | sed 's/[][\.*^$+?(){}|]/\\&/g'; }

# Whether containers are chrooted here, without CAP_SYS_CHROOT: "/" is
# the initramfs (scripts/vm --initramfs-root), which pivot_root cannot
# move (but where the kernel mounts it on nullfs, as 7.3 does).
containers_chrooted()
{
	grep -q '^[0-9]* [0-9]* [^ ]* / / .* - rootfs ' /proc/self/mountinfo &&
		! unshare -m sh -c 'mount -t tmpfs t /tmp && cd /tmp && pivot_root . .' 2>/dev/null
}

# container_caps MASK: the capability mask MASK as a container here
# holds it, without CAP_SYS_CHROOT (bit 18) where it is chrooted.
container_caps()
{
	if containers_chrooted; then
		printf '%016x\n' $((0x$1 & ~(1 << 18)))
	else
		echo "$1"
	fi
}
# Docker's: chown dac_override fowner fsetid kill setgid setuid setpcap
# net_bind_service net_raw sys_chroot mknod audit_write setfcap
DOCKER_CAPS=$(container_caps 00000000a80425fb)

# The cgroup2 tree the module tests work in: /sys/fs/cgroup on a v2
# guest; on a pure v1 guest, the private controller-less hierarchy that
# isoctl mounts there for iso.ko (Documentation/iso-netlink.rst).
CG=/sys/fs/cgroup
if [ ! -e $CG/cgroup.controllers ]; then
	CG=/run/iso/cgroup2
	if [ ! -e $CG/cgroup.controllers ]; then
		mkdir -p $CG && mount -t cgroup2 cgroup2 $CG ||
			fail "mounting cgroup2 at $CG"
	fi
fi

# The memory controller is on the tree: a pure v1 guest has it on v1.
has_memcg() { grep -qw memory $CG/cgroup.controllers; }
CGEXEC=/tests/tools/cgexec

# iso_stat NAME FIELD: one number from isoctl stats NAME --json.
iso_stat()
{
	isoctl stats "$1" --json | sed -n "s/.*\"$2\": \([0-9]*\).*/\1/p"
}

# limit_field NAME FIELD: one number or word of isoctl limit NAME --json.
limit_field()
{
	isoctl limit "$1" --json | sed -n "s/.*\"$2\": \([a-z0-9]*\).*/\1/p"
}

# expect_error WHAT ERRNO NLSEND-ARGS...: fails with ERRNO and says why.
expect_error()
{
	local what=$1 errno=$2 out
	shift 2
	out=$($NLSEND "$@")
	expect_match "$what" "$out" "^error $errno \(.*\): .+"
}

# A fresh cgroup $CG/$1, tracked as container $1.
new_container()
{
	mkdir "$CG/$1" || fail "mkdir $CG/$1"
	isoctl track "$CG/$1" --name "$1" || fail "isoctl track $1"
}

# Untrack and remove container $1, its sub-cgroups and its tasks.
drop_container()
{
	isoctl untrack "$1" 2>/dev/null
	[ -d "$CG/$1" ] || return 0
	echo 1 >"$CG/$1/cgroup.kill" 2>/dev/null
	sleep 0.2
	find "$CG/$1" -depth -type d -exec rmdir {} \; 2>/dev/null
}

# Anonymous memory that doubles until the OOM killer stops it.
EAT_MEMORY='awk "BEGIN { s = \"x\"; while (1) s = s s }"'

# fresh FILE...: each FILE emptied now.  A command put in the background
# with >FILE opens FILE only once its shell runs, which may be after a
# wait_until read what an earlier command left there: its "listening".
fresh()
{
	local f

	for f; do
		: >"$f"
	done
}

# wait_until SECONDS WHAT CONDITION: evaluate the shell CONDITION every
# 0.1 s until it holds, or fail with WHAT after SECONDS.  CONDITION sees
# the caller's variables, but not its positional parameters.
wait_until()
{
	local i=0

	until eval "$3"; do
		i=$((i + 1))
		[ $i -lt $(($1 * 10)) ] || fail "$2"
		sleep 0.1
	done
}

# wait_exec PID COMM: until PID runs COMM (cgexec has joined and exec'd).
wait_exec()
{
	local pid=$1 comm=$2

	wait_until 10 "pid $pid never ran $comm" '[ "$(cat /proc/$pid/comm 2>/dev/null)" = "$comm" ]'
}

# Wait until cgroup $1 has no task left.
wait_empty()
{
	local events=$CG/$1/cgroup.events

	wait_until 10 "cgroup $1 did not empty" 'grep -q "^populated 0" "$events"'
}

# kill_monitor NAME WHAT: SIGKILL the monitor of running container NAME
# (under $ISO_PATH); its init must die with it, or "WHAT outlived its
# monitor" fails.  Then the next start takes over the cgroups it left,
# and a stop takes them down.
kill_monitor()
{
	local pid

	pid=$(cut -d" " -f1 $ISO_PATH/$1/init.pid)
	kill -9 "$(awk '/^PPid:/ { print $2 }' /proc/$pid/status)"
	wait_until 5 "$2 outlived its monitor" \
		'[ ! -e /proc/$pid ] || grep -q "^State:.*Z" /proc/$pid/status 2>/dev/null'
	isoctl start -n $1 || fail "start after a killed monitor"
	isoctl stop -n $1 || fail "stop after a killed monitor"
}

# Escape attempts, and tests that change the machine's own files, run
# only in the QEMU guests, never on a host.  guest_only [WHY]
guest_only()
{
	[ "${ISO_GUEST:-}" = 1 ] ||
		{ echo "${1:-an escape attempt}: it runs only in the QEMU guests"; exit 77; }
}

# own_netns "$0": the test runs again, in a network namespace of its own,
# whose links stand for the host's.  Its /sys is still the host's.
own_netns()
{
	[ -n "${ISO_OWN_NETNS:-}" ] || exec env ISO_OWN_NETNS=1 unshare -n sh "$1"
	ip link set lo up
}

# veth_pair NAME PEER: a veth pair in this network namespace.  Busybox's
# ip takes no peer name: the kernel's vethN is renamed.
veth_pair()
{
	local peer

	ip link add "$1" type veth || return 1
	peer=$(ip -o link show | sed -n "s/^[0-9]*: \(veth[0-9]*\)@$1:.*/\1/p")
	[ -n "$peer" ] && ip link set "$peer" name "$2"
}

# low_links: isolow0 and isolow1, a veth pair, up: a host's link and what
# is at its other end.
low_links()
{
	veth_pair isolow0 isolow1 || fail "a veth pair"
	ip link set isolow0 up && ip link set isolow1 up || fail "isolow0 and 1 up"
}
