# SPDX-License-Identifier: GPL-2.0
# isoctl stats on containers isoctl started: from iso.ko where it is
# loaded, the figures its v2 cgroup lacks from v1 (6.1's pure v1 guest);
# from cgroupfs without it, on v1, v2 and hybrid hosts, saying once which
# columns are missing; net I/O from the host end of a veth.  Runs in the
# guests and as root on the host, on addresses of its own in
# 10.233.0.0/24.
. ./lib.sh

export ISO_PATH=/tmp/iso-stats-test
BR=isostatbr0
# the guests load iso.ko (ISO_LOAD=1): both halves run there; the host
# has no module loading, so there the cgroupfs half runs alone
was_loaded=
iso_loaded 2>/dev/null && was_loaded=1
[ -n "$was_loaded" ] || [ "${ISO_GUEST:-}" != 1 ] || [ "${ISO_LOAD:-1}" = 0 ] ||
	fail "iso.ko is not loaded in this guest"
cleanup()
{
	for c in sc1 sc2; do
		isoctl stop -k -n $c >/dev/null 2>&1
	done
	isoctl net bridge del $BR >/dev/null 2>&1
	rm -rf $ISO_PATH /tmp/iso-stats.conf /tmp/iso-stats.err
	[ -z "$was_loaded" ] || iso_loaded || iso_reload
}
cleanup
trap cleanup EXIT

isoctl net bridge add $BR || fail "net bridge add"
ip addr add 10.233.0.1/24 dev $BR || fail "addressing $BR"
cat >/tmp/iso-stats.conf <<-END
lxc.net.0.type = veth
lxc.net.0.link = $BR
lxc.net.0.flags = up
lxc.net.0.name = eth0
lxc.net.0.ipv4.address = 10.233.0.2/24
END
isoctl create -n sc1 -f /tmp/iso-stats.conf >/dev/null || fail "create sc1"
isoctl create -n sc2 >/dev/null || fail "create sc2"
isoctl start -n sc1 -d || fail "start sc1"
isoctl start -n sc2 -d || fail "start sc2"
isoctl attach -n sc1 -- sh -c 'while :; do :; done &' || fail "spinner in sc1"
# 3 pings of 1000 bytes: each way, 1028 bytes of IP in 1042 of Ethernet
isoctl attach -n sc1 -- ping -c 3 -s 1000 -W 5 10.233.0.1 >/dev/null || fail "ping from sc1"

cell()
{
	echo "$1" | awk -F '   +' -v row="$2" -v col="$3" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
		$1 == row { print $c }'
}

# check WHERE: the table has both, the spinner, memory and the veth
check()
{
	local out pct

	out=$(isoctl stats sc1 sc2 2>/tmp/iso-stats.err) || fail "$1: isoctl stats"
	expect_eq "$1: rows" "$(echo "$out" | awk 'NR > 1 { print $1 }' | tr '\n' ' ')" "sc1 sc2 "
	pct=$(cell "$out" sc1 "CPU %" | tr -d %)
	[ "${pct%.*}" -ge 30 ] || fail "$1: sc1 spins at only $pct%: $out"
	expect_match "$1: sc1's memory" "$(cell "$out" sc1 "MEM USAGE / LIMIT")" \
		'^[0-9.]+(B|KiB|MiB) / [0-9.]+(MiB|GiB|TiB)$'
	expect_match "$1: sc1's tasks" "$(cell "$out" sc1 PIDS)" '^[2-9]$'
	# the veth's host end, at least the pings, both ways
	expect_match "$1: sc1's net I/O" "$(cell "$out" sc1 "NET I/O")" \
		'^[3-9](\.[0-9]+)?kB / [3-9](\.[0-9]+)?kB$'
	expect_eq "$1: sc2 has no veth" "$(cell "$out" sc2 "NET I/O")" --
	echo "$out"
}

if [ -n "$was_loaded" ]; then
	out=$(check iso.ko)
	expect_eq "iso.ko: nothing on stderr" "$(cat /tmp/iso-stats.err)" ""
	expect_match "iso.ko's columns" "$(echo "$out" | head -n1)" ' FORKS +EXECS +EXITS +CSW +OOM +LIMITS$'
	expect_match "sc1 is iso.ko's" "$(isoctl stats sc1)" '^sc1 .* [0-9]+ +[0-9]+ +- *$'
	# one iso.ko does not track, as if started before it was loaded:
	# its row comes from cgroupfs, iso.ko's columns unknown
	isoctl untrack sc2 || fail "untrack sc2"
	expect_match "sc2 from cgroupfs" "$(isoctl stats sc2)" '^sc2 .* -- +-- +-- +-- +-- +-- *$'
	rmmod iso || fail "rmmod iso"
fi

out=$(check cgroupfs)
expect_eq "cgroupfs: header" "$(echo "$out" | head -n1 | sed 's/   */|/g')" \
	"NAME|CPU %|MEM USAGE / LIMIT|MEM %|NET I/O|BLOCK I/O|PIDS"
# said once, also when watching
timeout -s INT 2.5 isoctl stats --watch 1 >/dev/null 2>/tmp/iso-stats.err
expect_eq "cgroupfs: said once" "$(cat /tmp/iso-stats.err)" \
	"isoctl: iso.ko is not loaded: figures from cgroupfs, without FORKS, EXECS, EXITS, CSW, OOM and LIMITS"
out=$(isoctl stats --json 2>/dev/null) || fail "cgroupfs: --json"
expect_match "cgroupfs: json" "$out" \
	'^\[\{ "name": "sc1", "cgroup_id": [0-9]+, "stats": \{ "cpu_ns": [0-9]+, "threads": [0-9]+, "memory_current": [0-9]+, "memory_max": [0-9]+ \}'
out=$(isoctl stats --prometheus 2>/dev/null) || fail "cgroupfs: --prometheus"
expect_match "cgroupfs: prometheus" "$out" '^iso_module_loaded 0$'
expect_match "cgroupfs: veth bytes" "$out" \
	'^iso_container_network_receive_bytes_total\{container="sc1",source="veth"\} [0-9]{4,}$'
echo "$out" | grep -q forks && fail "cgroupfs: forks without iso.ko"
# a stopped container is not there
isoctl stop -k -n sc2 || fail "stop sc2"
err=$(isoctl stats sc2 2>&1) && fail "stats of a stopped container"
expect_match "stopped" "$err" 'isoctl: no such container "sc2"$'
exit 0
