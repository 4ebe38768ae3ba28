# SPDX-License-Identifier: GPL-2.0
# lxc.net.N.type = veth on a bridge made by isoctl net bridge: two
# containers ping each other and the host; the veths go at stop, when
# init crashes too; a missing bridge fails cleanly.  Runs in the guests
# and as root on the host, on addresses of its own in 10.231.0.0/24.
. ./lib.sh

export ISO_PATH=/tmp/iso-net-test
BR=isotestbr0
cleanup()
{
	for c in n1 n2 n3; do
		isoctl stop -k -n $c >/dev/null 2>&1
	done
	isoctl net bridge del $BR >/dev/null 2>&1
	rm -rf $ISO_PATH /tmp/iso-net.conf /tmp/iso-net.saved
}
cleanup
trap cleanup EXIT

# net_conf N: a veth on $BR with address 10.231.0.N
net_conf()
{
	cat <<-END
	lxc.net.0.type = veth
	lxc.net.0.link = $BR
	lxc.net.0.flags = up
	lxc.net.0.name = eth0
	lxc.net.0.hwaddr = 02:00:0a:e7:00:0$1
	lxc.net.0.mtu = 1400
	lxc.net.0.ipv4.address = 10.231.0.$1/24
	lxc.net.0.ipv4.gateway = 10.231.0.1
	END
	[ -z "$IPV6" ] || echo "lxc.net.0.ipv6.address = fd00:e7::$1/64"
}

# IPv6 too where the kernel has it (the debug kernel has not)
IPV6=
[ ! -e /proc/net/if_inet6 ] || IPV6=1

veths() { ip -o link show type veth 2>/dev/null | grep -c .; }
veths_before=$(veths)

isoctl net bridge add $BR || fail "net bridge add"
err=$(isoctl net bridge add $BR 2>&1) && fail "added $BR twice"
expect_eq "second bridge add" "$err" "isoctl: adding bridge $BR: File exists"
expect_match "net bridge ls" "$(isoctl net bridge ls)" "^$BR +up *$"
ip addr add 10.231.0.1/24 dev $BR || fail "addressing $BR"

for n in 2 3; do
	net_conf $n >/tmp/iso-net.conf
	isoctl create -n n$n -f /tmp/iso-net.conf >/dev/null || fail "create n$n"
done

# exec: one-shot, with its veth, reaching the host over the bridge
out=$(isoctl exec -n n2 -- sh -c 'cat /sys/class/net/eth0/address /sys/class/net/eth0/mtu; ip route | grep default; ping -c 1 -W 5 10.231.0.1 >/dev/null && echo pong')
expect_eq "exec on the bridge" "$(echo $out)" \
	"02:00:0a:e7:00:02 1400 default via 10.231.0.1 dev eth0 pong"
expect_eq "exec leaves no veth" "$(veths)" "$veths_before"

# LXC's gateway words: auto, $BR's first address; dev, no gateway; and
# auto where $BR has no IPv4 address, one line
cfg=$ISO_PATH/n2/config
cp $cfg /tmp/iso-net.saved
sed -i 's/^lxc.net.0.ipv4.gateway = .*/lxc.net.0.ipv4.gateway = auto/' $cfg
expect_match "gateway = auto" "$(isoctl exec -n n2 -- ip route | grep default)" \
	"^default via 10.231.0.1 dev eth0 *$"
sed -i 's/^lxc.net.0.ipv4.gateway = .*/lxc.net.0.ipv4.gateway = dev/' $cfg
expect_match "gateway = dev" "$(isoctl exec -n n2 -- ip route | grep default)" \
	"^default dev eth0( |$)"
sed -i 's/^lxc.net.0.ipv4.gateway = .*/lxc.net.0.ipv4.gateway = auto/' $cfg
ip addr del 10.231.0.1/24 dev $BR || fail "taking $BR's address"
err=$(isoctl exec -n n2 -- true 2>&1) && fail "gateway = auto on a bridge without IPv4"
ip addr add 10.231.0.1/24 dev $BR || fail "giving $BR its address back"
expect_eq "gateway = auto, no address" "$err" \
	"isoctl: starting lxc.net.0.ipv4.gateway = auto: $BR has no IPv4 address: Cannot assign requested address"
expect_eq "no veth left" "$(veths)" "$veths_before"
mv /tmp/iso-net.saved $cfg

isoctl start -n n2 && isoctl start -n n3 || fail "start n2 and n3"
pid2=$(cut -d" " -f1 $ISO_PATH/n2/init.pid)
pid3=$(cut -d" " -f1 $ISO_PATH/n3/init.pid)
expect_match "both ports on $BR" "$(isoctl net bridge ls)" \
	"^$BR +up +(veth${pid2}_0 veth${pid3}_0|veth${pid3}_0 veth${pid2}_0)$"
isoctl attach -n n2 -- ping -c 2 -W 5 10.231.0.3 >/dev/null ||
	fail "n2 cannot ping n3"
isoctl attach -n n3 -- ping -c 2 -W 5 10.231.0.2 >/dev/null ||
	fail "n3 cannot ping n2"
if [ -n "$IPV6" ]; then
	# the address is usable once duplicate address detection is done
	isoctl attach -n n2 -- sh -c 'for i in 1 2 3 4 5 6 7 8 9 10; do
		ping -c 1 -W 1 fd00:e7::3 >/dev/null 2>&1 && exit 0; sleep 0.5; done
		exit 1' || fail "n2 cannot ping n3 over IPv6"
fi
info=$(isoctl info -n n2)
expect_match "info: IP" "$info" "^IP: +10\.231\.0\.2$"
[ -z "$IPV6" ] || expect_match "info: IPv6" "$info" "^IP: +fd00:e7::2$"
expect_match "info: link" "$info" "^Link: +veth${pid2}_0$"
tx=$(isoctl info -n n2 -H | sed -n 's/^ TX bytes: *//p')
[ "$tx" -gt 0 ] || fail "info: TX bytes $tx after pinging"
expect_match "info --json: link" "$(isoctl info -n n2 --json)" \
	"\"links\": \[ \{ \"name\": \"veth${pid2}_0\", \"tx_bytes\": [1-9][0-9]*, \"rx_bytes\": [0-9]+, \"total_bytes\": [1-9]"
# lxc-ls --fancy's addresses, and -F's order
v6=-
[ -z "$IPV6" ] || v6=fd00:e7::2
expect_match "ls --fancy: n2" "$(isoctl ls --fancy)" "^n2 +RUNNING +$pid2 +0 +- +10\.231\.0\.2 +$v6 +false$"
expect_eq "ls -F" "$(isoctl ls -F ipv4,name | grep n3)" "10.231.0.3 n3"
expect_match "ls --json: n2" "$(isoctl ls --json)" "\"name\": \"n2\", .*\"ipv4\": \"10\.231\.0\.2\""

# init crashes: its monitor removes the veth
kill -9 $pid3
sleep 1
ip link show veth${pid3}_0 >/dev/null 2>&1 && fail "veth of a crashed init left"
isoctl stop -n n2 || fail "stop n2"
ip link show veth${pid2}_0 >/dev/null 2>&1 && fail "veth left after stop"
expect_eq "no veth left" "$(veths)" "$veths_before"

# a bridge that does not exist: one line, nothing left
mounts_before=$(wc -l </proc/self/mountinfo)
net_conf 4 | sed 's/= isotestbr0/= isonobr9/' >/tmp/iso-net.conf
isoctl create -n n1 -f /tmp/iso-net.conf >/dev/null || fail "create n1"
err=$(isoctl start -n n1 2>&1) && fail "started on a missing bridge"
expect_eq "missing bridge" "$err" "isoctl: lxc.net.link bridge isonobr9: No such device"
err=$(isoctl exec -n n1 -- true 2>&1) && fail "exec on a missing bridge"
expect_eq "exec, missing bridge" "$err" "isoctl: lxc.net.link bridge isonobr9: No such device"
expect_eq "missing bridge: no veth" "$(veths)" "$veths_before"
expect_eq "missing bridge: state" "$(isoctl ls --stopped | grep -c n1)" 1
for d in $(find /sys/fs/cgroup -maxdepth 3 -type d -name n1 2>/dev/null); do
	case $d in */iso/n1) fail "missing bridge left cgroup $d" ;; esac
done
expect_eq "missing bridge: mounts" "$(wc -l </proc/self/mountinfo)" "$mounts_before"

isoctl net bridge del $BR || fail "net bridge del"
err=$(isoctl net bridge del $BR 2>&1) && fail "deleted $BR twice"
expect_eq "second bridge del" "$err" "isoctl: deleting bridge $BR: No such device"
err=$(isoctl net bridge add a/b 2>&1) && fail "bridge name with a slash"
expect_match "bad bridge name" "$err" "not an interface name"
exit 0
