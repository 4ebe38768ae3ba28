#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Start-to-exit of /bin/true in one busybox rootfs, N times each, side by
# side: isoctl exec (all namespaces and a cgroup, no network), lxc-execute
# (Debian's lxc) on the same rootfs, and bwrap.  Prints medians and ratios.
#   scripts/bench-exec.sh [N]
set -euo pipefail
. "$(dirname "$0")/lib.sh"

N=${1:-30}
export LC_ALL=C	# $EPOCHREALTIME with a decimal point
"$ISO_ROOT/scripts/deps.sh" bench
make -s -C "$ISO_ROOT/userspace"
ISOCTL=$ISO_ROOT/userspace/isoctl

work=$(mktemp -d /tmp/iso-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export ISO_PATH=$work/iso
"$ISOCTL" create -n bb >/dev/null
rootfs=$ISO_PATH/bb/rootfs

mkdir -p "$work/lxc"
cat >"$work/lxc.conf" <<CONF
lxc.rootfs.path = dir:$rootfs
lxc.uts.name = bb
lxc.net.0.type = empty
lxc.mount.auto = proc:mixed sys:ro cgroup:mixed
lxc.apparmor.profile = unconfined
# no console, as isoctl exec has none (and /dev/pts may be read-only)
lxc.console.path = none
CONF

# median_ms CMD...: run CMD N times, print the median wall time in ms.
# The clock is bash's $EPOCHREALTIME: reading it forks nothing, where two
# date(1) runs per sample added their own start-up to every tool's time.
median_ms()
{
	local i t0 t1

	for i in $(seq "$N"); do
		t0=$EPOCHREALTIME
		"$@" >/dev/null 2>&1 || die "failed: $*"
		t1=$EPOCHREALTIME
		echo "$t0 $t1"
	done | awk '{ print ($2 - $1) * 1000 }' | sort -n |
		awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }'
}

iso=$(median_ms "$ISOCTL" exec -n bb -- /bin/true)
lxc=$(median_ms lxc-execute -n bench -P "$work/lxc" -f "$work/lxc.conf" -- /bin/true)
bwrap=$(median_ms bwrap --unshare-all --bind "$rootfs" / --proc /proc \
	--dev /dev /bin/true)

true=$(median_ms /bin/true)

echo "/bin/true:    $true ms (the cost of starting any program here)"
echo "isoctl exec:  $iso ms"
echo "lxc-execute:  $lxc ms"
echo "bwrap:        $bwrap ms"
awk -v i="$iso" -v l="$lxc" -v b="$bwrap" 'BEGIN {
	printf "isoctl/lxc-execute %.2f (goal <= 0.5), isoctl/bwrap %.2f (goal <= 1.5)\n",
	       i / l, i / b }'
