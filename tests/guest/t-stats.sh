# SPDX-License-Identifier: GPL-2.0
# isoctl stats with iso.ko: docker stats' table from one dump, CPU % from
# two samples, iso.ko's counters, a PARENT column for nested containers,
# limits, net I/O from the net controller; --json, --prometheus and
# --watch; and the errors of a wrong name or interval.
. ./lib.sh

NT=/tests/tools/nettraffic
trap 'kill $spinner 2>/dev/null; drop_container st1; drop_container st2' EXIT
drop_container st1
drop_container st2

new_container st1
new_container st2
mkdir $CG/st1/in || fail "mkdir st1/in"
isoctl track $CG/st1/in --name st1in || fail "track st1in"
# st1in spins, so st1 does too; st2 idles
$CGEXEC $CG/st1/in sh -c 'while :; do :; done' &
spinner=$!
isoctl limit st2 --fork-rate 50/s || fail "fork_rate on st2"
isoctl limit st2 --net-account || fail "net on st2"
expect_eq "datagrams from st2" \
	"$($CGEXEC $CG/st2 $NT udp-send 127.0.0.1 5099 4 100)" "sent 4 refused 0 none"

# cell TABLE ROW HEADER: one cell of a table, columns being 3+ spaces apart
cell()
{
	echo "$1" | awk -F '   +' -v row="$2" -v col="$3" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
		$1 == row { print $c }'
}

out=$(isoctl stats) || fail "isoctl stats"
echo "$out" >/tmp/st.table
expect_eq "header" "$(echo "$out" | head -n1 | sed 's/   */|/g')" \
	"NAME|CPU %|MEM USAGE / LIMIT|MEM %|NET I/O|BLOCK I/O|PIDS|FORKS|EXECS|EXITS|CSW|OOM|LIMITS|PARENT"
expect_eq "rows, by name" "$(echo "$out" | awk 'NR > 1 { print $1 }' | grep '^st' | tr '\n' ' ')" \
	"st1 st1in st2 "
expect_eq "st1in's parent" "$(cell "$out" st1in PARENT)" st1
expect_eq "st1's parent" "$(cell "$out" st1 PARENT)" -
expect_eq "st2's parent" "$(cell "$out" st2 PARENT)" -
# one spinning task: near 100% of a CPU, but TCG shares the host's two
pct=$(cell "$out" st1in "CPU %" | tr -d %)
expect_match "st1in spins ($pct%)" "$pct" '^[0-9]+\.[0-9]{2}$'
[ "${pct%.*}" -ge 30 ] || fail "st1in spins at only $pct%"
pct=$(cell "$out" st1 "CPU %" | tr -d %)
[ "${pct%.*}" -ge 30 ] || fail "st1, which holds st1in, at only $pct%"
pct=$(cell "$out" st2 "CPU %" | tr -d %)
[ "${pct%.*}" -lt 5 ] || fail "st2 idles at $pct%"
expect_eq "st1in's tasks" "$(cell "$out" st1in PIDS)" 1
expect_eq "st2's tasks" "$(cell "$out" st2 PIDS)" 0
expect_eq "st2's forks" "$(cell "$out" st2 FORKS)" "$(iso_stat st2 forks)"
expect_eq "st2's limits" "$(cell "$out" st2 LIMITS)" "fork_rate: killed 0, net: denied 0"
expect_eq "st1's limits" "$(cell "$out" st1 LIMITS)" -
# four datagrams of 100 bytes, each in 28 bytes of headers
expect_match "st2's net I/O" "$(cell "$out" st2 "NET I/O")" ' / 512B$'
expect_eq "st1's net I/O, without a net limit or a veth" "$(cell "$out" st1 "NET I/O")" --
if has_memcg; then
	expect_match "st1's memory" "$(cell "$out" st1 "MEM USAGE / LIMIT")" \
		'^[0-9.]+(B|KiB|MiB) / [0-9.]+(MiB|GiB)$'
	expect_match "st1's block I/O" "$(cell "$out" st1 "BLOCK I/O")" '^[0-9.]+[kMG]?B / [0-9.]+[kMG]?B$'
fi

# Named: those only, in that order; a name not there is an error.
out=$(isoctl stats st2 st1) || fail "stats st2 st1"
expect_eq "named rows" "$(echo "$out" | awk 'NR > 1 { print $1 }' | tr '\n' ' ')" "st2 st1 "
err=$(isoctl stats st1 nope 2>&1) && fail "stats took a missing name"
expect_eq "missing name" "$err" 'isoctl: no such container "nope"'

# --json: today's layout and raw units, at once
out=$(timeout 0.8 isoctl stats st2 --json) || fail "stats --json did not print within 0.8 s"
expect_match "json" "$out" '^\[\{ "name": "st2", "cgroup_id": [0-9]+, "cgroup_path": "/st2", "init_pid": 0, "registered_ns": [0-9]+, "stats": \{ "cpu_ns": [0-9]+, '
expect_match "json net_io" "$out" '"net_io": \{ "rx_bytes": [0-9]+, "tx_bytes": 512 \}'
expect_match "json parent" "$(isoctl stats st1in --json)" '"parent": "st1"'

# --prometheus: every container, counters in seconds and bytes
out=$(isoctl stats --prometheus) || fail "stats --prometheus"
expect_match "cpu seconds" "$out" '^iso_container_cpu_seconds_total\{container="st1in",source="iso.ko"\} [0-9]+\.[0-9]{9}$'
expect_eq "one TYPE per family" "$(echo "$out" | grep -c '^# TYPE iso_container_context_switches_total counter$')" 1
expect_match "switches by kind" "$out" '^iso_container_context_switches_total\{container="st2",kind="involuntary"\} [0-9]+$'
expect_match "tx bytes" "$out" '^iso_container_network_transmit_bytes_total\{container="st2",source="net_limit"\} 512$'
expect_match "info" "$out" '^iso_container_info\{container="st1in",parent="st1",cgroup_id="[0-9]+"\} 1$'
expect_match "limit" "$out" '^iso_container_limit_info\{container="st2",controller="fork_rate"\} 1$'
expect_match "from the module" "$out" '^iso_module_loaded 1$'
# through a real parser where the guest has one (the 6.12 guest of make
# check: scripts/vm --python); test_stats_format does it on the host
if [ -d /usr/lib/python3/dist-packages/prometheus_client ]; then
	echo "$out" | /tests/tools/promcheck - >/tmp/st.prom ||
		fail "promcheck: $(cat /tmp/st.prom)"
	expect_match "parsed: switches" "$(cat /tmp/st.prom)" \
		'^iso_container_context_switches_total\{container="st2",kind="voluntary"\} [0-9.]+$'
fi

# --watch: a sample each interval until SIGTERM, one JSON line each
isoctl stats st2 --json --watch 0.2 >/tmp/st.watch &
watcher=$!
sleep 3
kill -TERM $watcher
wait $watcher || fail "stats --watch exit $? on SIGTERM"
n=$(grep -c '^\[{ "name": "st2"' /tmp/st.watch)
# 15 in 3 s, less the time each dump takes on a loaded TCG guest
[ "$n" -ge 5 ] && [ "$n" -le 16 ] || fail "--watch 0.2 gave $n samples in 3 s"
rm -f /tmp/st.watch

for bad in 0 -1 x 1e9; do
	err=$(isoctl stats --watch $bad 2>&1) && fail "--watch $bad was taken"
	expect_eq "--watch $bad" "$err" \
		"isoctl: parsing --watch $bad: Invalid argument (not a number of seconds from 0.1 to 86400)"
done
err=$(isoctl stats --json --prometheus 2>&1) && fail "two formats were taken"
err=$(isoctl stats st1 st1 2>&1) && fail "a name twice was taken"
expect_eq "a name twice" "$err" "isoctl: listing st1 twice: Invalid argument"
exit 0
