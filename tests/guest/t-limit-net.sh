# SPDX-License-Identifier: GPL-2.0
# net: two containers on a bridge, each in its own netns.  n2's limit
# comes from its config, before its init runs, and counts its netns: its
# counters match its veth's statistics (bytes: the veth's less 14 a
# packet); a denied port's connect fails and counts; a UDP quota holds to
# the packet, fires one event, and is re-armed when raised; another
# container in n2's netns counts its own sockets there.  A container
# in the host netns counts its own sockets: an accepted TCP connection and
# unconnected UDP, IPv4 and IPv6; an rx quota holds; a container inside
# it counts to both, and its own quota holds.  rmmod with limits armed
# leaves no hook behind.
# LIMIT_SET is command 7; ISO_A_LIMIT 5 (CONTROLLER 1, PARAMS 2); net's
# RULES 2 (RULE 1: PROTO 1, PORT_MIN 2, PORT_MAX 3, VERDICT 4), DEFAULT 3,
# QUOTA_RX 4, QUOTA_TX 5.
. ./lib.sh
guest_only "it turns IPv6 off on the machine for exact counts"

NT=/tests/tools/nettraffic
export ISO_PATH=/tmp/iso-limit-net
BR=isotestbr1
cleanup()
{
	kill $listener 2>/dev/null
	for c in n2 n3; do
		isoctl stop -k -n $c >/dev/null 2>&1
	done
	isoctl untrack hi >/dev/null 2>&1
	drop_container hn
	drop_container n2s
	isoctl net bridge del $BR >/dev/null 2>&1
	rm -rf $ISO_PATH /tmp/iso-limit-net.conf
}
cleanup
trap cleanup EXIT
iso_loaded || iso_reload

# Bad terms: EINVAL, naming the attribute; isoctl says so in one line.
new_container hn
set_hn() { echo "7 3:nest 2:str:hn end 5:nest 1:str:net 2:nest $* end end"; }
rule() { echo "1:nest $* end"; }
expect_error "gre" 22 $(set_hn 2:nest $(rule 1:u8:47 4:u32:1) end)
expect_error "no verdict" 22 $(set_hn 2:nest $(rule 1:u8:6 2:u16:25) end)
expect_error "verdict 2" 22 $(set_hn 2:nest $(rule 1:u8:6 4:u32:2) end)
expect_error "icmp port" 22 $(set_hn 2:nest $(rule 1:u8:1 2:u16:8 4:u32:1) end)
expect_error "port 0" 22 $(set_hn 2:nest $(rule 1:u8:6 2:u16:0 4:u32:1) end)
expect_error "ports reversed" 22 \
	$(set_hn 2:nest $(rule 1:u8:6 2:u16:20 3:u16:10 4:u32:1) end)
expect_error "default 2" 22 $(set_hn 3:u32:2)
expect_error "quota 0" 22 $(set_hn 5:u64:0)
expect_error "a state attribute" 22 $(set_hn 7:u64:1)
out=$(isoctl limit hn --net-deny gre 2>&1) && fail "isoctl took gre"
expect_eq "isoctl on gre" "$(echo "$out" | wc -l)" 1
expect_match "isoctl on gre says" "$out" "^isoctl: limit --net-deny gre: not "

# Exact counts: no IPv6 chatter, no ARP (static neighbours, below).
v6=$(sysctl -n net.ipv6.conf.default.disable_ipv6 2>/dev/null)
trap 'cleanup; [ -z "$v6" ] || sysctl -qw net.ipv6.conf.all.disable_ipv6=0 net.ipv6.conf.default.disable_ipv6=$v6' EXIT
[ -z "$v6" ] || sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
	net.ipv6.conf.default.disable_ipv6=1

isoctl net bridge add $BR || fail "net bridge add"
ip addr add 10.232.0.1/24 dev $BR || fail "addressing $BR"
for n in 2 3; do
	{
		echo "lxc.net.0.type = veth"
		echo "lxc.net.0.link = $BR"
		echo "lxc.net.0.flags = up"
		echo "lxc.net.0.name = eth0"
		echo "lxc.net.0.hwaddr = 02:00:0a:e8:00:0$n"
		echo "lxc.net.0.ipv4.address = 10.232.0.$n/24"
		[ $n = 3 ] || echo "iso.limit.net = account"
	} >/tmp/iso-limit-net.conf
	isoctl create -n n$n -f /tmp/iso-limit-net.conf >/dev/null ||
		fail "create n$n"
	isoctl start -n n$n || fail "start n$n"
done
pid2=$(cut -d" " -f1 $ISO_PATH/n2/init.pid)
pid3=$(cut -d" " -f1 $ISO_PATH/n3/init.pid)
in2() { nsenter -t $pid2 -n "$@"; }
in3() { nsenter -t $pid3 -n "$@"; }
for p in $pid2 $pid3; do
	nsenter -t $p -n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 2>/dev/null
done
in2 arp -i eth0 -s 10.232.0.3 02:00:0a:e8:00:03 || fail "n2: arp -s"
in3 arp -i eth0 -s 10.232.0.2 02:00:0a:e8:00:02 || fail "n3: arp -s"
expect_eq "n2 owns its netns" "$(limit_field n2 own_netns)" true
in2 ping -c 1 -W 5 10.232.0.3 >/dev/null || fail "n2 cannot ping n3"
sleep 1

# The host's side of n2's veth: what it sends, n2 receives.
veth_stat() { cat /sys/class/net/veth${pid2}_0/statistics/$1; }
snap()
{
	echo "$(limit_field n2 rx_packets) $(limit_field n2 rx_bytes)" \
		"$(limit_field n2 tx_packets) $(limit_field n2 tx_bytes)" \
		"$(veth_stat tx_packets) $(veth_stat tx_bytes)" \
		"$(veth_stat rx_packets) $(veth_stat rx_bytes)"
}
set -- $(snap)
before="$*"
in2 ping -c 5 -i 0.2 -W 5 10.232.0.3 >/dev/null || fail "ping in the window"
fresh /tmp/ln-srv /tmp/ln-srv.err
in3 $NT tcp-serve 10.232.0.3 5001 >/tmp/ln-srv 2>/tmp/ln-srv.err &
wait_until 5 "tcp-serve did not start" 'grep -q listening /tmp/ln-srv.err'
expect_eq "tcp in the window" "$(in2 $NT tcp-send 10.232.0.3 5001 200000)" \
	"sent 200000"
wait_until 5 "tcp-serve did not end" 'grep -q read /tmp/ln-srv'
fresh /tmp/ln-udp /tmp/ln-udp.err
in2 $NT udp-recv 10.232.0.2 5002 20 5 >/tmp/ln-udp 2>/tmp/ln-udp.err &
wait_until 5 "udp-recv did not start" 'grep -q listening /tmp/ln-udp.err'
in3 $NT udp-send 10.232.0.2 5002 20 300 >/dev/null
in2 $NT udp-send 10.232.0.3 5009 10 700 >/dev/null
wait_until 5 "udp-recv did not end" 'grep -q received /tmp/ln-udp'
expect_eq "udp in the window" "$(cat /tmp/ln-udp)" "received 20"
sleep 0.5
set -- $(snap) $before
for d in rx tx; do
	# packets and bytes of iso, then of the veth, after and before
	if [ $d = rx ]; then
		ip=$(($1 - $9)) ib=$(($2 - ${10})) vp=$(($5 - ${13})) vb=$(($6 - ${14}))
	else
		ip=$(($3 - ${11})) ib=$(($4 - ${12})) vp=$(($7 - ${15})) vb=$(($8 - ${16}))
	fi
	echo "n2 $d: iso $ip packets $ib bytes, veth $vp packets $vb bytes"
	[ "$ip" -ge 25 ] || fail "$d: only $ip packets counted"
	expect_eq "$d packets as the veth's" "$ip" "$vp"
	expect_eq "$d bytes as the veth's less 14 a packet" "$ib" \
		"$((vb - 14 * vp))"
done

# Egress rules: tcp:25 denied fails at once and counts; tcp:26 passes.
# UDP to a denied port gets EPERM.
isoctl limit n2 --net-deny tcp:25 --net-deny udp:5003-5004 ||
	fail "setting rules"
for port in 25 26; do
	fresh /tmp/ln-srv$port
	in3 $NT tcp-serve 10.232.0.3 $port >/tmp/ln-srv$port 2>&1 &
done
wait_until 5 "servers did not start" \
	'grep -q listening /tmp/ln-srv25 && grep -q listening /tmp/ln-srv26'
expect_eq "denied tcp:25" "$(in2 timeout 2 $NT tcp-send 10.232.0.3 25 10)" \
	"connect: ECONNREFUSED"
expect_eq "allowed tcp:26" "$(in2 $NT tcp-send 10.232.0.3 26 10)" "sent 10"
expect_eq "denied udp:5004" "$(in2 $NT udp-send 10.232.0.3 5004 3 100)" \
	"sent 0 refused 3 EPERM"
expect_eq "denied count" "$(limit_field n2 denied)" 4
expect_match "text: rules" "$(isoctl limit n2)" \
	"egress deny tcp:25, deny udp:5003-5004, else allow, 4 denied"

# A tx quota of 50000 bytes: 48 datagrams of 1000 bytes (1028 with their
# headers) pass, the 49th is dropped, and so is all that follows; one
# event.  Raised, it lets 10 more through.
fresh /tmp/ln-events /tmp/ln-events.err
isoctl events --json --timeout 60 >/tmp/ln-events 2>/tmp/ln-events.err &
listener=$!
wait_until 5 "isoctl events did not start" 'grep -q listening /tmp/ln-events.err'
isoctl limit n2 --net-quota tx:50000 || fail "setting the quota"
# a change replaces the limit whole: the rules are gone
expect_eq "the quota replaced the rules" "$(isoctl limit n2 | grep -c egress)" 0
fresh /tmp/ln-q
in3 $NT udp-recv 10.232.0.3 5005 100 2 >/tmp/ln-q 2>/dev/null &
sleep 0.3
expect_eq "sender over the quota" "$(in2 $NT udp-send 10.232.0.3 5005 60 1000)" \
	"sent 48 refused 12 EPERM"
wait_until 5 "udp-recv did not end" 'grep -q received /tmp/ln-q'
expect_eq "received under the quota" "$(cat /tmp/ln-q)" "received 48"
expect_eq "quota used" "$(limit_field n2 quota_used_tx)" $((48 * 1028))
expect_eq "quota spent" "$(limit_field n2 quota_spent_tx)" true
expect_eq "quota drops" "$(limit_field n2 quota_drops_tx)" 12
mine() { grep '"name": "n2".*"net"' /tmp/ln-events; }
wait_until 5 "no quota event" '[ "$(mine | wc -l)" -ge 1 ]'
in2 $NT udp-send 10.232.0.3 5005 5 1000 >/dev/null
sleep 0.3
expect_eq "one event" "$(mine | wc -l)" 1
expect_match "the event" "$(mine)" '"quota_spent_tx": true'
isoctl limit n2 --net-quota tx:60280 || fail "raising the quota"
expect_eq "raised: not spent" "$(limit_field n2 quota_spent_tx)" false
expect_eq "raised: 10 more" "$(in2 $NT udp-send 10.232.0.3 5005 11 1000)" \
	"sent 10 refused 1 EPERM"

# Another container with a net limit, in n2's netns: its sockets' packets
# are its own, unconnected UDP received included, and not n2's.
new_container n2s
isoctl limit n2s --net-account || fail "net on n2s"
expect_eq "n2s owns no netns" "$(limit_field n2s own_netns)" false
tx2=$(limit_field n2 tx_packets) rx2=$(limit_field n2 rx_packets)
fresh /tmp/ln-s /tmp/ln-s.err
$CGEXEC $CG/n2s nsenter -t $pid2 -n $NT udp-recv 10.232.0.2 5011 5 5 \
	>/tmp/ln-s 2>/tmp/ln-s.err &
wait_until 5 "n2s udp-recv did not start" 'grep -q listening /tmp/ln-s.err'
in3 $NT udp-send 10.232.0.2 5011 5 100 >/dev/null
wait_until 5 "n2s udp-recv did not end" 'grep -q "received 5" /tmp/ln-s'
# a receiver in n3, so that no ICMP error comes back to n2s's socket
fresh /tmp/ln-s3.err
in3 $NT udp-recv 10.232.0.3 5010 5 5 >/dev/null 2>/tmp/ln-s3.err &
wait_until 5 "n3 udp-recv did not start" 'grep -q listening /tmp/ln-s3.err'
expect_eq "n2s sends past n2's spent quota" \
	"$($CGEXEC $CG/n2s nsenter -t $pid2 -n $NT udp-send 10.232.0.3 5010 5 100)" \
	"sent 5 refused 0 none"
expect_eq "n2s rx" "$(limit_field n2s rx_packets)" 5
expect_eq "n2s tx" "$(limit_field n2s tx_packets)" 5
expect_eq "not n2's rx" "$(limit_field n2 rx_packets)" "$rx2"
expect_eq "not n2's tx" "$(limit_field n2 tx_packets)" "$tx2"

# TCP segments this netns has sent again, from /proc/net/snmp.
tcp_retrans()
{
	awk '/^Tcp:/ { if (!n) { for (i = 1; i <= NF; i++) if ($i == "RetransSegs") f = i; n = 1 } else print $f }' /proc/net/snmp
}

# The host netns: hn counts its own sockets.  Its server accepts a TCP
# connection from outside, its unconnected UDP socket receives from
# outside, and neither outside socket is hn's.
isoctl limit hn --net-account || fail "net on hn"
expect_eq "hn by socket" "$(limit_field hn own_netns)" false
fresh /tmp/ln-hn /tmp/ln-hn.err
$CGEXEC $CG/hn $NT tcp-serve 127.0.0.1 5006 >/tmp/ln-hn 2>/tmp/ln-hn.err &
wait_until 5 "hn tcp-serve did not start" 'grep -q listening /tmp/ln-hn.err'
retrans0=$(tcp_retrans)
$NT tcp-send 127.0.0.1 5006 50000 >/dev/null
wait_until 5 "hn tcp-serve did not end" 'grep -q read /tmp/ln-hn'
rx=$(limit_field hn rx_bytes)
# a segment sent again (a debug kernel under load is slow to ACK) is
# received, and counted, again: at most 64 KiB on loopback
retrans=$(($(tcp_retrans) - retrans0))
echo "hn: an accepted connection of 50000 bytes: rx $rx bytes in $(limit_field hn rx_packets) packets, tx $(limit_field hn tx_packets) packets, $retrans segments sent again"
[ "$rx" -ge 50000 ] && [ "$rx" -lt $((60000 + retrans * 65536)) ] ||
	fail "hn rx $rx bytes, with $retrans segments sent again"
[ "$(limit_field hn tx_packets)" -ge 1 ] || fail "hn sent no ACK"
fresh /tmp/ln-hu /tmp/ln-hu.err
$CGEXEC $CG/hn $NT udp-recv 127.0.0.1 5007 10 5 >/tmp/ln-hu 2>/tmp/ln-hu.err &
wait_until 5 "hn udp-recv did not start" 'grep -q listening /tmp/ln-hu.err'
rx0=$(limit_field hn rx_packets) rb0=$(limit_field hn rx_bytes)
$NT udp-send 127.0.0.1 5007 10 100 >/dev/null
wait_until 5 "hn udp-recv did not end" 'grep -q "received 10" /tmp/ln-hu'
expect_eq "hn unconnected udp packets" "$(($(limit_field hn rx_packets) - rx0))" 10
expect_eq "hn unconnected udp bytes" "$(($(limit_field hn rx_bytes) - rb0))" 1280

# IPv6, on loopback: lo's alone is turned back on, and hn counts its own
# sockets only.  hn's unconnected socket receives 10 datagrams of 100
# bytes (148 with their headers) and its own socket sends 10, to a
# receiver outside; then an rx quota of 5 such datagrams holds.
sysctl -qw net.ipv6.conf.lo.disable_ipv6=0 || fail "IPv6 on lo"
wait_until 5 "lo has no ::1" 'ip -6 addr show dev lo | grep -q "::1/"'
fresh /tmp/ln-h6 /tmp/ln-h6.err
$CGEXEC $CG/hn $NT udp-recv ::1 5008 10 5 >/tmp/ln-h6 2>/tmp/ln-h6.err &
wait_until 5 "hn udp-recv on ::1 did not start" 'grep -q listening /tmp/ln-h6.err'
fresh /tmp/ln-o6 /tmp/ln-o6.err
$NT udp-recv ::1 5009 10 5 >/tmp/ln-o6 2>/tmp/ln-o6.err &
wait_until 5 "udp-recv on ::1 did not start" 'grep -q listening /tmp/ln-o6.err'
rx0=$(limit_field hn rx_packets) rb0=$(limit_field hn rx_bytes)
tx0=$(limit_field hn tx_packets) tb0=$(limit_field hn tx_bytes)
$NT udp-send ::1 5008 10 100 >/dev/null
$CGEXEC $CG/hn $NT udp-send ::1 5009 10 100 >/dev/null
wait_until 5 "hn udp-recv on ::1 did not end" 'grep -q "received 10" /tmp/ln-h6'
wait_until 5 "udp-recv on ::1 did not end" 'grep -q "received 10" /tmp/ln-o6'
expect_eq "hn IPv6 udp rx packets" "$(($(limit_field hn rx_packets) - rx0))" 10
expect_eq "hn IPv6 udp rx bytes" "$(($(limit_field hn rx_bytes) - rb0))" 1480
expect_eq "hn IPv6 udp tx packets" "$(($(limit_field hn tx_packets) - tx0))" 10
expect_eq "hn IPv6 udp tx bytes" "$(($(limit_field hn tx_bytes) - tb0))" 1480
isoctl limit hn --net-quota rx:740 || fail "an rx quota on hn"
fresh /tmp/ln-q6 /tmp/ln-q6.err
$CGEXEC $CG/hn $NT udp-recv ::1 5010 8 2 >/tmp/ln-q6 2>/tmp/ln-q6.err &
wait_until 5 "hn udp-recv for the quota did not start" 'grep -q listening /tmp/ln-q6.err'
$NT udp-send ::1 5010 8 100 >/dev/null
wait_until 10 "hn udp-recv for the quota did not end" 'grep -q received /tmp/ln-q6'
expect_eq "received under the rx quota" "$(cat /tmp/ln-q6)" "received 5"
expect_eq "rx quota used" "$(limit_field hn quota_used_rx)" 740
expect_eq "rx quota spent" "$(limit_field hn quota_spent_rx)" true
expect_eq "rx quota drops" "$(limit_field hn quota_drops_rx)" 3

# Nested: hi, inside hn, has a tx quota of 3 datagrams of 100 bytes (128
# with their headers).  What hi sends counts to hi and to hn; hi's quota
# drops the fourth and fifth, and hn counts neither.
mkdir $CG/hn/hi && isoctl track $CG/hn/hi --name hi || fail "tracking hi in hn"
isoctl limit hi --net-quota tx:384 || fail "a tx quota on hi"
fresh /tmp/ln-hi /tmp/ln-hi.err
$NT udp-recv 127.0.0.1 5011 5 2 >/tmp/ln-hi 2>/tmp/ln-hi.err &
wait_until 5 "udp-recv for hi did not start" 'grep -q listening /tmp/ln-hi.err'
tx0=$(limit_field hn tx_packets) tb0=$(limit_field hn tx_bytes)
expect_eq "hi over its quota" \
	"$($CGEXEC $CG/hn/hi $NT udp-send 127.0.0.1 5011 5 100)" \
	"sent 3 refused 2 EPERM"
wait_until 5 "udp-recv for hi did not end" 'grep -q received /tmp/ln-hi'
expect_eq "received from hi" "$(cat /tmp/ln-hi)" "received 3"
expect_eq "hi tx packets" "$(limit_field hi tx_packets)" 3
expect_eq "hi quota drops" "$(limit_field hi quota_drops_tx)" 2
expect_eq "hn counts what hi sent" "$(($(limit_field hn tx_packets) - tx0))" 3
expect_eq "hn counts hi's bytes" "$(($(limit_field hn tx_bytes) - tb0))" 384
expect_eq "hn drops none of it" "$(limit_field hn quota_drops_tx)" 0

# Unloading with every limit armed; then the links still carry packets,
# through no hook of a module that is gone (the guest's dmesg is checked).
kill $listener 2>/dev/null
rmmod iso || fail "rmmod with net limits armed"
in2 ping -c 1 -W 5 10.232.0.3 >/dev/null || fail "no ping after rmmod"
ping -c 1 -W 5 127.0.0.1 >/dev/null || fail "no loopback after rmmod"
iso_reload
exit 0
