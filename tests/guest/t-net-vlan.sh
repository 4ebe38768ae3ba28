# SPDX-License-Identifier: GPL-2.0
# lxc.net.N.type = vlan: a container's VLAN link, made in its network
# namespace on lxc.net.N.link with lxc.net.N.vlan.id, reaches the same
# VLAN on the other end of that link, and not another one; it goes with
# the container.  The links are a veth pair in a network namespace the
# test makes; a kernel without 802.1Q VLANs (this host's) skips it.
. ./lib.sh

own_netns "$0"

export ISO_PATH=/tmp/iso-net-vlan
cleanup()
{
	isoctl stop -k -n v1 >/dev/null 2>&1
	rm -rf $ISO_PATH /tmp/iso-net-vlan.conf
}
cleanup
trap cleanup EXIT
on_fail() { ip -o link; }

low_links
ip link add link isolow1 name isolow1.5 type vlan id 5 2>/dev/null ||
	{ echo "this kernel has no 802.1Q VLAN links (8021q)"; exit 77; }
ip link add link isolow1 name isolow1.6 type vlan id 6 || fail "VLAN 6"
ip addr add 10.234.5.1/24 dev isolow1.5 && ip link set isolow1.5 up &&
	ip addr add 10.234.6.1/24 dev isolow1.6 && ip link set isolow1.6 up ||
	fail "addresses on VLANs 5 and 6"
links_before=$(ip -o link | grep -c .)

cat >/tmp/iso-net-vlan.conf <<END
lxc.net.0.type = vlan
lxc.net.0.link = isolow0
lxc.net.0.vlan.id = 5
lxc.net.0.flags = up
lxc.net.0.ipv4.address = 10.234.5.2/24
lxc.net.1.type = vlan
lxc.net.1.link = isolow0
lxc.net.1.vlan.id = 7
lxc.net.1.name = seven
lxc.net.1.flags = up
lxc.net.1.ipv4.address = 10.234.6.2/24
lxc.init.cmd = /bin/sleep 1000
END
isoctl create -n v1 -f /tmp/iso-net-vlan.conf >/dev/null || fail "create"
isoctl start -n v1 || fail "start"
expect_match "VLAN 5 inside" "$(isoctl attach -n v1 -- cat /proc/net/vlan/eth0)" \
	"^eth0 +VID: 5[^0-9]"
expect_match "VLAN 7 inside" "$(isoctl attach -n v1 -- cat /proc/net/vlan/seven)" \
	"^seven +VID: 7[^0-9]"
expect_eq "no VLAN link on the host" "$(ip -o link | grep -c .)" "$links_before"
isoctl attach -n v1 -- ping -c 1 -W 5 10.234.5.1 >/dev/null ||
	fail "VLAN 5 does not reach VLAN 5"
# VLAN 7 is not 6, on the same addresses
isoctl attach -n v1 -- ping -c 1 -W 1 10.234.6.1 >/dev/null 2>&1 &&
	fail "VLAN 7 reached VLAN 6"
isoctl stop -k -n v1 || fail "stop"
expect_eq "links after stop" "$(ip -o link | grep -c .)" "$links_before"
exit 0
