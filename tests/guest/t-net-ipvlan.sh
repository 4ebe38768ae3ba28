# SPDX-License-Identifier: GPL-2.0
# lxc.net.N.type = ipvlan: a container's ipvlan link, made in its network
# namespace on lxc.net.N.link, shares that link's MAC address and, in
# lxc.net.N.ipvlan.mode l2, reaches the other end of it; it goes with the
# container.  lxc.net.N.ipvlan.isolation: two containers' ipvlans on one
# link reach each other in bridge, not in private, where the other end
# is still reached.  The links are a veth pair in a network namespace the test
# makes; a kernel without ipvlan (this host's, the debug ones) skips it.
. ./lib.sh

own_netns "$0"

export ISO_PATH=/tmp/iso-net-ipvlan
cleanup()
{
	isoctl stop -k -n i1 >/dev/null 2>&1
	isoctl stop -k -n i2 >/dev/null 2>&1
	rm -rf $ISO_PATH /tmp/iso-net-ipvlan.conf
}
cleanup
trap cleanup EXIT
on_fail() { ip -o link; }

low_links
ip link add link isolow0 name isoprobe type ipvlan 2>/dev/null ||
	{ echo "this kernel has no ipvlan links"; exit 77; }
ip link del isoprobe
ip addr add 10.235.0.1/24 dev isolow1 || fail "an address on isolow1"
links_before=$(ip -o link | grep -c .)
mac=$(ip -o link show isolow0 | sed -n 's/.*link\/ether \([^ ]*\).*/\1/p')

cat >/tmp/iso-net-ipvlan.conf <<END
lxc.net.0.type = ipvlan
lxc.net.0.link = isolow0
lxc.net.0.ipvlan.mode = l2
lxc.net.0.ipvlan.isolation = bridge
lxc.net.0.flags = up
lxc.net.0.ipv4.address = 10.235.0.2/24
lxc.init.cmd = /bin/sleep 1000
END
isoctl create -n i1 -f /tmp/iso-net-ipvlan.conf >/dev/null || fail "create"
out=$(isoctl start -n i1 2>&1) || fail "start: $out"
expect_eq "start says nothing" "$out" ""
expect_eq "isolow0's MAC inside" \
	"$(isoctl attach -n i1 -- cat /sys/class/net/eth0/address)" "$mac"
expect_eq "no ipvlan on the host" "$(ip -o link | grep -c .)" "$links_before"
isoctl attach -n i1 -- ping -c 1 -W 5 10.235.0.1 >/dev/null ||
	fail "the ipvlan does not reach isolow1"

sed 's/10.235.0.2/10.235.0.3/' /tmp/iso-net-ipvlan.conf >$ISO_PATH/i2.conf
isoctl create -n i2 -f $ISO_PATH/i2.conf >/dev/null || fail "create i2"
isoctl start -n i2 || fail "start i2"
isoctl attach -n i1 -- ping -c 1 -W 5 10.235.0.3 >/dev/null ||
	fail "bridge: i1 does not reach i2"
isoctl stop -k -n i1 || fail "stop"
isoctl stop -k -n i2 || fail "stop i2"
expect_eq "links after stop" "$(ip -o link | grep -c .)" "$links_before"

sed -i 's/^lxc.net.0.ipvlan.isolation = bridge$/lxc.net.0.ipvlan.isolation = private/' \
	$ISO_PATH/i1/config $ISO_PATH/i2/config
isoctl start -n i1 || fail "start, private"
isoctl start -n i2 || fail "start i2, private"
! isoctl attach -n i1 -- ping -c 1 -W 2 10.235.0.3 >/dev/null ||
	fail "private: i1 reaches i2"
isoctl attach -n i1 -- ping -c 1 -W 5 10.235.0.1 >/dev/null ||
	fail "private: i1 does not reach isolow1"
isoctl stop -k -n i1 || fail "stop, private"
isoctl stop -k -n i2 || fail "stop i2, private"
expect_eq "links after the private ones" "$(ip -o link | grep -c .)" "$links_before"
exit 0
