#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# In one guest boot, what the enforcement controllers cost, against the
# goals of their issue:
#   idle   no limit set anywhere: iso.ko tracking 100 containers, the
#          benchmark's own among them, against the module as it was before
#          the controller framework (/lib/iso/iso-base.ko, which
#          scripts/bench.sh builds): fork/exec/exit and pipe ping-pong,
#          at most 1% slower;
#   armed  fork_rate and cpu_budget set on the benchmark's own container,
#          at limits it never reaches, against none: the same, at most 3%;
#   net    two containers, each in its own netns, over a veth: a net limit
#          with a tx quota armed on the sender and one counting on the
#          receiver, against none: ns per UDP packet, at most 5%.
# Each round measures off, on, on, off; a ratio is the median of the
# per-round ratios, over ROUNDS rounds.  Exits 1 if a ratio is over its
# goal.  scripts/bench.sh --limits boots the guest with --icount, so that
# a ratio is one of work done.
# ISO_BENCH_PHASES picks some of "idle armed net".
#   limits.sh [ROUNDS] [FORKS] [PINGS] [PACKETS]
ROUNDS=${1:-9}
FORKS=${2:-300}
PINGS=${3:-20000}
PACKETS=${4:-20000}
CG=/sys/fs/cgroup
D=$CG/bench
B=/tests/bench
CGEXEC=/tests/tools/cgexec
. $B/stats.sh
PHASES=${ISO_BENCH_PHASES:-idle armed net}
rm -f /tmp/lb.*
over=0

# phase NAME: whether to run it
phase() { case " $PHASES " in *" $1 "*) return 0 ;; esac; return 1; }

mkdir -p $D

# load KO: iso.ko (or the baseline) tracking $D/c0..c99, q0 the bench's
load()
{
	! grep -q '^iso ' /proc/modules || rmmod iso || exit 1
	insmod "$1" && $B/query setup $D 100 || exit 1
}

# cpu SIDE: one run of each CPU benchmark in c0, appended to /tmp/lb.*
cpu()
{
	$CGEXEC $D/c0 $B/forkexec "$FORKS" /bin/true >>/tmp/lb.fork.$1 &&
		$CGEXEC $D/c0 $B/pingpong "$PINGS" >>/tmp/lb.ping.$1 ||
		{ echo "bench: a run failed"; exit 1; }
}

# report WHAT GOAL BENCH...: each bench's median round ratio, against GOAL
report()
{
	local what=$1 goal=$2 b ratio
	shift 2

	for b in "$@"; do
		for side in off on; do
			[ "$(wc -l </tmp/lb.$b.$side)" = $((2 * ROUNDS)) ] ||
				{ echo "bench $what $b: runs missing"; exit 1; }
		done
		ratio=$(round_ratios /tmp/lb.$b.off /tmp/lb.$b.on | median)
		echo "bench $what $b: off $(median </tmp/lb.$b.off) ns" \
			"(spread $(spread </tmp/lb.$b.off)), on" \
			"$(median </tmp/lb.$b.on) ns (spread $(spread </tmp/lb.$b.on));" \
			"median ratio of $ROUNDS rounds $ratio, goal <= $goal"
		awk -v r="$ratio" -v g="$goal" 'BEGIN { exit !(r > g) }' &&
			over=1
	done
}

# idle: today's module against the one before the framework
if ! phase idle; then
	:
elif [ -e /lib/iso/iso-base.ko ]; then
	r=0
	while [ $r -lt "$ROUNDS" ]; do
		load /lib/iso/iso-base.ko
		cpu off
		load /lib/iso/iso.ko
		cpu on
		cpu on
		load /lib/iso/iso-base.ko
		cpu off
		r=$((r + 1))
	done
	report idle 1.01 fork ping
	rm -f /tmp/lb.fork.* /tmp/lb.ping.*
else
	echo "bench idle: skipped, no /lib/iso/iso-base.ko (scripts/bench.sh --limits builds it)"
fi

# armed: limits on q0 it never reaches
load /lib/iso/iso.ko
phase armed || ROUNDS_ARMED=0
arm()
{
	isoctl limit q0 --fork-rate 1000000/s,burst=1000000 \
		--cpu-budget 1h,on-exceed=notify || exit 1
}
r=0
while [ $r -lt "${ROUNDS_ARMED:-$ROUNDS}" ]; do
	cpu off
	arm
	cpu on
	cpu on
	# armed, and never reached
	limits=$(isoctl limit q0 --json)
	case $limits in
	*'"killed": 0'*'"spent": false'*) ;;
	*) echo "bench armed: not as set: $limits"; exit 1 ;;
	esac
	isoctl limit q0 --clear all || exit 1
	cpu off
	r=$((r + 1))
done
! phase armed || report armed 1.03 fork ping
phase net || exit $over

# net: na sends to nb over a veth, each in its own netns and container
mkdir -p $D/na $D/nb
$CGEXEC $D/na unshare -n sleep 100000 &
pa=$!
$CGEXEC $D/nb unshare -n sleep 100000 &
pb=$!
trap 'kill $pa $pb $sink 2>/dev/null' EXIT
sleep 0.5
# no IPv6 chatter: the quota's count below is exact
for p in $pa $pb; do
	nsenter -t $p -n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1 || exit 1
done
# busybox's ip names no peer: find it by the index lbva links to
ip link add lbva type veth || exit 1
for d in /sys/class/net/*; do
	[ "$(cat $d/ifindex)" != "$(cat /sys/class/net/lbva/iflink)" ] ||
		ip link set ${d##*/} name lbvb
done
ip link set lbva netns $pa && ip link set lbvb netns $pb || exit 1
nsenter -t $pa -n sh -c 'ip addr add 10.233.0.1/24 dev lbva &&
	ip link set lbva up && arp -i lbva -s 10.233.0.2 02:00:0a:e9:00:02' ||
	exit 1
nsenter -t $pb -n sh -c 'ip link set lbvb address 02:00:0a:e9:00:02 &&
	ip addr add 10.233.0.2/24 dev lbvb && ip link set lbvb up' || exit 1
# each end is the container's own process: in its cgroup and its netns
$CGEXEC $D/nb nsenter -t $pb -n $B/udpflood sink 10.233.0.2 9000 \
	2>/tmp/lb.sink &
sink=$!
i=0
until grep -q listening /tmp/lb.sink 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 50 ] || { echo "bench net: the sink did not start"; exit 1; }
	sleep 0.1
done
isoctl track $D/na --name na --pid $pa && isoctl track $D/nb --name nb --pid $pb ||
	exit 1
net()
{
	$CGEXEC $D/na nsenter -t $pa -n $B/udpflood send 10.233.0.2 9000 \
		"$PACKETS" 64 >>/tmp/lb.udp.$1 || exit 1
}
r=0
while [ $r -lt "$ROUNDS" ]; do
	net off
	isoctl limit na --net-quota tx:1000G && isoctl limit nb --net-account ||
		exit 1
	net on
	net on
	[ $r -gt 0 ] || { isoctl limit na; isoctl limit nb; }
	isoctl limit na --clear net && isoctl limit nb --clear net || exit 1
	net off
	r=$((r + 1))
done
report net 1.05 udp
# the hooks saw every packet, both ends: 64 bytes, and 28 of headers
isoctl limit na --net-quota tx:1000G && isoctl limit nb --net-account ||
	exit 1
net check
used=$(isoctl limit na --json | sed -n 's/.*"quota_used_tx": \([0-9]*\).*/\1/p')
[ "$used" = $((PACKETS * 92)) ] ||
	{ echo "bench net: the quota counted $used bytes, not $((PACKETS * 92))"; exit 1; }
rx=$(isoctl limit nb --json | sed -n 's/.*"rx_packets": \([0-9]*\).*/\1/p')
[ "$rx" = "$PACKETS" ] ||
	{ echo "bench net: nb counted $rx packets received, not $PACKETS"; exit 1; }
exit $over
