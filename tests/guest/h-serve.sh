# SPDX-License-Identifier: GPL-2.0
# isoctl serve on the host, from cgroupfs: /metrics parses with
# python3-prometheus-client, also while containers come and go; 404 and
# 405; malformed, slow, silent and greedy clients; the connection cap;
# no capabilities, and --user; SIGTERM; a bad or busy --listen.  The
# host has no iso.ko: the guests' t-stats checks what its figures add to
# the exposition, and test_stats_format puts such an exposition through
# the same parser.
. ./lib.sh

export ISO_PATH=/tmp/iso-serve-test
TOOLS=$(cd ../tools && pwd)
PORT=$($TOOLS/httpcheck port)
server=
cleanup()
{
	[ -z "$server" ] || kill $server 2>/dev/null
	for c in sv1 sv2; do
		isoctl stop -k -n $c >/dev/null 2>&1
	done
	rm -rf $ISO_PATH /tmp/iso-serve.*
}
cleanup
trap cleanup EXIT

/usr/bin/python3 -c 'import prometheus_client' 2>/dev/null ||
	fail "no python3-prometheus-client: scripts/deps.sh installs it"
get() { $TOOLS/httpcheck get $PORT "$@"; }
status() { get "$@" | head -n1; }

isoctl create -n sv1 >/dev/null || fail "create sv1"
isoctl create -n sv2 >/dev/null || fail "create sv2"
isoctl start -n sv1 -d || fail "start sv1"

isoctl serve --listen 127.0.0.1:$PORT --max-connections 8 2>/tmp/iso-serve.err &
server=$!
wait_until 5 "serve did not answer" '[ "$(status /metrics 2>/dev/null)" = "200 -" ]'
expect_eq "said where from" "$(cat /tmp/iso-serve.err)" \
	"isoctl serve: /metrics on 127.0.0.1:$PORT, figures from cgroupfs"
# bound, it keeps no capability and can gain none
expect_eq "no_new_privs" "$(awk '/^NoNewPrivs:/ { print $2 }' /proc/$server/status)" 1
expect_eq "effective" "$(awk '/^CapEff:/ { print $2 }' /proc/$server/status)" 0000000000000000
expect_eq "permitted" "$(awk '/^CapPrm:/ { print $2 }' /proc/$server/status)" 0000000000000000
expect_eq "ambient" "$(awk '/^CapAmb:/ { print $2 }' /proc/$server/status)" 0000000000000000
out=$($TOOLS/promcheck http://127.0.0.1:$PORT/metrics) || fail "exposition: $out"
expect_match "module" "$out" '^iso_module_loaded\{\} 0\.0$'
expect_match "sv1's tasks" "$out" '^iso_container_tasks\{container="sv1"\} [1-9]'
expect_match "sv1's CPU" "$out" '^iso_container_cpu_seconds_total\{container="sv1",source="cgroupfs"\} '
echo "$out" | grep -q 'container="sv2"' && fail "a stopped container was scraped"

expect_eq "other path" "$(status /nope)" "404 -"
expect_eq "other method" "$(status /metrics POST)" "405 GET, HEAD"
expect_eq "HEAD" "$(status /metrics HEAD)" "200 -"
expect_match "not HTTP" "$($TOOLS/httpcheck raw $PORT 00ff0d0a0d0a)" '^(HTTP/1\.[01] 400 |closed$)'
huge=$(head -c 20000 /dev/zero | tr '\0' a)
expect_match "a 20 kB header" \
	"$($TOOLS/httpcheck raw $PORT $(printf 'GET /metrics HTTP/1.1\r\nHost: x\r\nX: %s\r\n\r\n' $huge | od -An -v -tx1 | tr -d ' \n'))" \
	'^(HTTP/1\.[01] 4[0-9][0-9] |closed$)'
expect_eq "served after both" "$(status /metrics)" "200 -"

# one address holds at most half the connections; the rest are closed
expect_eq "per address" "$($TOOLS/httpcheck hold $PORT 6 0.5)" 2
# a client that sends a byte a second holds one, and no one else waits
$TOOLS/httpcheck slow $PORT 3 >/tmp/iso-serve.slow &
slow=$!
expect_eq "beside a slow client" "$(status /metrics)" "200 -"
wait $slow
expect_eq "a slow client is served" "$(cat /tmp/iso-serve.slow)" "still open"
# eight held from two addresses: a third waits, until they go
expect_eq "at the cap" "$($TOOLS/httpcheck hold $PORT 4 0.2 127.0.0.1 -- \
	$TOOLS/httpcheck hold $PORT 4 0.2 127.0.0.2 -- \
	$TOOLS/httpcheck get $PORT /metrics GET 127.0.0.3)" timeout
wait_until 5 "not served after the cap" '[ "$(status /metrics)" = "200 -" ]'

# a scrape while containers start and stop is whole every time: ten
# scrapes at least, and as many more as it takes sv2 to start and stop
# once more while they run
( n=0
  while [ ! -e /tmp/iso-serve.stop ]; do
	isoctl start -n sv2 -d && sleep 0.2 && isoctl stop -k -n sv2 &&
		n=$((n + 1)) && echo $n >/tmp/iso-serve.churn
  done ) >/dev/null 2>&1 &
churn=$!
wait_until 10 "sv2 did not start" '[ -s /tmp/iso-serve.churn ]'
n=0
while [ $n -lt 10 ] || [ "$(cat /tmp/iso-serve.churn)" -lt 2 ]; do
	$TOOLS/promcheck http://127.0.0.1:$PORT/metrics >/tmp/iso-serve.out ||
		fail "scrape $n during churn: $(cat /tmp/iso-serve.out)"
	n=$((n + 1))
	[ $n -lt 200 ] || fail "sv2 did not start and stop again in 200 scrapes"
done
touch /tmp/iso-serve.stop
wait $churn

# SIGTERM: exit 0, the port free again
kill -TERM $server
wait $server || fail "serve exit $? on SIGTERM"
server=
expect_eq "stopped" "$(status /metrics)" refused
for bad in x 127.0.0.1 127.0.0.1:0 127.0.0.1:65536 256.0.0.1:80 '[::1:80' localhost:80 ; do
	err=$(isoctl serve --listen "$bad" 2>&1) && fail "--listen $bad was taken"
	expect_eq "--listen $bad" "$err" \
		"isoctl: parsing --listen $bad: Invalid argument (not ADDR:PORT, as 127.0.0.1:9100 or [::1]:9100)"
done
err=$(isoctl serve --listen 127.0.0.1:$PORT --user no-such-user-x 2>&1) &&
	fail "an unknown --user was taken"
expect_eq "unknown user" "$err" "isoctl: finding user no-such-user-x: No such file or directory"

# --user: as nobody, who cannot read root's store, which it says; the
# scrape is whole without it.  A client silent past --idle-timeout is
# dropped.
chmod 0700 $ISO_PATH
isoctl serve --listen 127.0.0.1:$PORT --user nobody --idle-timeout 2 2>/tmp/iso-serve.err &
server=$!
wait_until 5 "serve did not come back" '[ "$(status /metrics 2>/dev/null)" = "200 -" ]'
expect_eq "as nobody" "$(awk '/^Uid:/ { print $2 $3 $4 $5 }' /proc/$server/status)" \
	"$(id -u nobody)$(id -u nobody)$(id -u nobody)$(id -u nobody)"
expect_eq "said the store is out of reach" "$(sed -n 2p /tmp/iso-serve.err)" \
	"isoctl serve: reading $ISO_PATH: Permission denied: the containers iso.ko does not track are left out"
expect_eq "nobody's scrape" "$($TOOLS/promcheck http://127.0.0.1:$PORT/metrics)" \
	'iso_module_loaded{} 0.0'
expect_eq "a silent client" "$($TOOLS/httpcheck silent $PORT 4)" dropped
err=$(isoctl serve --listen 127.0.0.1:$PORT 2>&1) && fail "two on one port"
expect_eq "busy port" "$err" "isoctl: listening on 127.0.0.1:$PORT: Address already in use"
exit 0
