# SPDX-License-Identifier: GPL-2.0
# lxc.net.N.veth.*, as LXC applies them: veth.n_rxqueues and .n_txqueues
# give the container's end its queues, the host's the mirror of them;
# veth.mode = router puts the host end on no bridge, but routes the
# container's address to it and answers ARP for its gateway there, an
# address nobody has, with forwarding on, so that the container reaches
# an address of the host's through it; veth.vlan.id and .tagged.id make the host end
# a port of those VLANs on a bridge that filters them: two containers of
# one VLAN reach each other and one of another does not, and "none" keeps
# no untagged VLAN.  VLANs with router mode, or on a bridge that does not
# filter them, fail the start in one line and leave no link behind.  In
# a network namespace of its own, and a mount namespace where
# /sys/class/net is that namespace's.
. ./lib.sh

if [ -z "${ISO_OWN_NETNS:-}" ]; then
	exec env ISO_OWN_NETNS=1 unshare -mn sh "$0"
fi
ip link set lo up

export ISO_PATH=/tmp/iso-net-veth
SYSFS=/tmp/iso-net-veth.sysfs
cleanup()
{
	[ -z "${nbr:-}" ] || kill $nbr 2>/dev/null
	for c in v1 v2 v3 v4; do
		isoctl stop -k -n $c >/dev/null 2>&1
	done
	rm -rf $ISO_PATH
	! mountpoint -q $SYSFS 2>/dev/null || umount -l $SYSFS
	rmdir $SYSFS 2>/dev/null
}
cleanup
trap cleanup EXIT
on_fail() { ip -o link; ip route; }
mount --make-rprivate / && mkdir -p $SYSFS && mount -t sysfs sysfs $SYSFS &&
	mount --bind $SYSFS/class/net /sys/class/net &&
	mount --bind $SYSFS/devices/virtual/net /sys/devices/virtual/net ||
	fail "this network namespace's /sys/class/net"

# config N LINES...: container vN's config, with a veth named isovN
config()
{
	local n=$1

	shift
	isoctl create -n v$n >/dev/null || fail "create v$n"
	printf '%s\n' "lxc.init.cmd = /bin/sleep 1000" "lxc.net.0.type = veth" \
		"lxc.net.0.flags = up" "lxc.net.0.veth.pair = isov$n" "$@" \
		>>$ISO_PATH/v$n/config
}
count() { ls -d "$1"/$2-* 2>/dev/null | grep -c .; }

# the queues: the container's end as asked, the host's its mirror
config 1 "lxc.net.0.veth.n_rxqueues = 3" "lxc.net.0.veth.n_txqueues = 2"
isoctl start -n v1 || fail "start with veth queues"
expect_eq "host end rx queues" "$(count /sys/class/net/isov1/queues rx)" 2
expect_eq "host end tx queues" "$(count /sys/class/net/isov1/queues tx)" 3
expect_eq "container end rx queues" \
	"$(isoctl attach -n v1 -- sh -c 'ls -d /sys/class/net/eth0/queues/rx-* | wc -l')" 3
expect_eq "container end tx queues" \
	"$(isoctl attach -n v1 -- sh -c 'ls -d /sys/class/net/eth0/queues/tx-* | wc -l')" 2
isoctl destroy -f -n v1 >/dev/null || fail "destroy v1"

# router mode: no bridge; a route, a proxy and forwarding on the host end
ip addr add 10.234.0.1/32 dev lo || fail "the host's address"
# a default route elsewhere, as a host has: the proxy answers for an
# address that routes out through another link
low_links
ip route add default dev isolow0 || fail "a default route"
# the gateway is no address of the host's: only the proxy answers for it
config 2 "lxc.net.0.veth.mode = router" "lxc.net.0.ipv4.address = 10.234.0.2/32" \
	"lxc.net.0.ipv4.gateway = 169.254.0.1"
isoctl start -n v2 || fail "start in router mode"
expect_match "router: the route" "$(ip route show dev isov2)" '^10\.234\.0\.2 '
# busybox's ip shows no proxy entry: the ping below needs it all the same
! ip -V 2>&1 | grep -q iproute2 ||
	expect_match "router: the proxy" "$(ip neigh show proxy dev isov2)" '^169\.254\.0\.1'
expect_eq "router: forwarding" "$(cat /proc/sys/net/ipv4/conf/isov2/forwarding)" 1
[ ! -e /sys/class/net/isov2/master ] || fail "router mode put the veth on a bridge"
isoctl attach -n v2 -- ping -c 1 -W 5 10.234.0.1 >/dev/null ||
	fail "router mode: the host's address is out of reach"
isoctl destroy -f -n v2 >/dev/null || fail "destroy v2"
expect_eq "router: the route, after" "$(ip route show 10.234.0.2)" ""

# l2proxy on the host's uplink isolow0: a neighbour on it (isolow1, in a
# network namespace of its own) reaches the routed container, whose
# address the host answers ARP for there; it needs forwarding on the
# uplink, checked first; without l2proxy nobody answers
unshare -n sleep 1000 &
nbr=$!
wait_until 5 "the neighbour's netns" '[ "$(readlink /proc/$nbr/ns/net)" != "$(readlink /proc/self/ns/net)" ]'
in_nbr() { nsenter -t $nbr -n "$@"; }
ip link set isolow1 netns $nbr || fail "isolow1 to the neighbour"
in_nbr ip link set isolow1 up && in_nbr ip addr add 10.235.0.9/24 dev isolow1 ||
	fail "the neighbour's address"
ip addr add 10.235.0.1/24 dev isolow0 || fail "the uplink's address"
echo 0 >/proc/sys/net/ipv4/conf/isolow0/forwarding
config 3 "lxc.net.0.veth.mode = router" "lxc.net.0.link = isolow0" \
	"lxc.net.0.l2proxy = 1" "lxc.net.0.ipv4.address = 10.235.0.50/32" \
	"lxc.net.0.ipv4.gateway = 169.254.0.1"
err=$(isoctl start -n v3 2>&1) && fail "l2proxy started without forwarding"
expect_eq "l2proxy, no forwarding" "$err" \
	"isoctl: starting: lxc.net.0.l2proxy needs net.ipv4.conf.isolow0.forwarding = 1: Invalid argument"
[ ! -e /sys/class/net/isov3 ] || fail "a refused l2proxy left its veth"
echo 1 >/proc/sys/net/ipv4/conf/isolow0/forwarding
isoctl start -n v3 || fail "start with l2proxy"
! ip -V 2>&1 | grep -q iproute2 ||
	expect_match "l2proxy: the entry" "$(ip neigh show proxy dev isolow0)" '^10\.235\.0\.50'
in_nbr busybox ping -c 1 -W 5 10.235.0.50 >/dev/null ||
	fail "l2proxy: the neighbour cannot reach the container"
isoctl stop -k -n v3 || fail "stop v3"
! ip -V 2>&1 | grep -q iproute2 ||
	expect_eq "l2proxy: the entry, after" "$(ip neigh show proxy dev isolow0)" ""
# an entry there before the start is someone else's: it stays
if ip -V 2>&1 | grep -q iproute2; then
	ip neigh add proxy 10.235.0.50 dev isolow0 || fail "the admin's proxy entry"
	isoctl start -n v3 && isoctl stop -k -n v3 || fail "start, stop over an entry"
	expect_match "l2proxy: the admin's entry stays" \
		"$(ip neigh show proxy dev isolow0)" '^10\.235\.0\.50'
	ip neigh del proxy 10.235.0.50 dev isolow0
	# a start that fails after the entry was made takes it away
	echo "lxc.net.0.veth.pair = isolow0" >>$ISO_PATH/v3/config
	! isoctl start -n v3 2>/dev/null || fail "started with a veth named as a link there"
	expect_eq "l2proxy: the entry, after a failed start" \
		"$(ip neigh show proxy dev isolow0)" ""
	sed -i '$d' $ISO_PATH/v3/config
fi
sed -i 's/^lxc.net.0.l2proxy = 1$/lxc.net.0.l2proxy = 0/' $ISO_PATH/v3/config
isoctl start -n v3 || fail "start without l2proxy"
in_nbr ip neigh flush dev isolow1 || fail "flushing the neighbour's cache"
! in_nbr busybox ping -c 1 -W 2 10.235.0.50 >/dev/null 2>&1 ||
	fail "the container was reached without l2proxy"
isoctl destroy -f -n v3 >/dev/null || fail "destroy v3"
# the pair at once, not with the neighbour's netns, which goes later
ip link del isolow0
kill $nbr
wait $nbr 2>/dev/null

# VLANs, on a bridge that filters them
links_before=$(ip -o link | grep -c .)
ip link add isovbr type bridge && ip link set isovbr up || fail "a bridge"
if ! (echo 1 >/sys/class/net/isovbr/bridge/vlan_filtering) 2>/dev/null; then
	config 3 "lxc.net.0.link = isovbr" "lxc.net.0.veth.vlan.id = 5"
	err=$(isoctl start -n v3 2>&1) && fail "started with VLANs on a bridge that cannot filter them"
	expect_eq "no vlan_filtering" "$err" \
		"isoctl: veth.vlan isovbr does not filter VLANs (vlan_filtering): Operation not permitted"
	expect_eq "links after a refused start" "$(ip -o link | grep -c .)" $((links_before + 1))
	echo "VLANs: this kernel's bridges filter none (CONFIG_BRIDGE_VLAN_FILTERING): the refusal was checked"
	echo ok
	exit 0
fi
config 1 "lxc.net.0.link = isovbr" "lxc.net.0.veth.vlan.id = 5" \
	"lxc.net.0.ipv4.address = 10.235.0.1/24"
config 2 "lxc.net.0.link = isovbr" "lxc.net.0.veth.vlan.id = 5" \
	"lxc.net.0.veth.vlan.tagged.id = 7" "lxc.net.0.ipv4.address = 10.235.0.2/24"
config 3 "lxc.net.0.link = isovbr" "lxc.net.0.veth.vlan.id = 6" \
	"lxc.net.0.ipv4.address = 10.235.0.3/24"
config 4 "lxc.net.0.link = isovbr" "lxc.net.0.veth.vlan.id = none" \
	"lxc.net.0.veth.vlan.tagged.id = 5" "lxc.net.0.ipv4.address = 10.235.0.4/24"
for n in 1 2 3 4; do
	isoctl start -n v$n || fail "start v$n with VLANs"
done
isoctl attach -n v1 -- ping -c 1 -W 5 10.235.0.2 >/dev/null ||
	fail "VLAN 5 does not reach VLAN 5"
! isoctl attach -n v1 -- ping -c 1 -W 2 10.235.0.3 >/dev/null ||
	fail "VLAN 5 reaches VLAN 6"
! isoctl attach -n v1 -- ping -c 1 -W 2 10.235.0.4 >/dev/null ||
	fail "VLAN 5 reaches a port with no untagged VLAN"
for n in 1 2 3 4; do
	isoctl destroy -f -n v$n >/dev/null || fail "destroy v$n"
done

# what start refuses
config 1 "lxc.net.0.veth.mode = router" "lxc.net.0.veth.vlan.id = 5"
err=$(isoctl start -n v1 2>&1) && fail "started with VLANs in router mode"
expect_eq "VLANs in router mode" "$err" \
	"isoctl: starting lxc.net.0.veth.vlan.*: only on a bridge, in bridge mode: Invalid argument"
sed -i 's/^lxc.net.0.veth.mode = router$/lxc.net.0.link = isovbr/' $ISO_PATH/v1/config
echo "lxc.net.0.veth.vlan.tagged.id = 5" >>$ISO_PATH/v1/config
err=$(isoctl start -n v1 2>&1) && fail "started with a VLAN tagged and untagged"
expect_eq "a VLAN tagged and untagged" "$err" \
	"isoctl: starting lxc.net.0.veth.vlan.id 5 is tagged too: Invalid argument"
ip link add isovbr2 type bridge && ip link set isovbr2 up || fail "a second bridge"
sed -i '$d; s/^lxc.net.0.link = isovbr$/lxc.net.0.link = isovbr2/' $ISO_PATH/v1/config
links_before=$(ip -o link | grep -c .)
err=$(isoctl start -n v1 2>&1) && fail "started with VLANs on a bridge that does not filter them"
expect_eq "no vlan_filtering" "$err" \
	"isoctl: veth.vlan isovbr2 does not filter VLANs (vlan_filtering): Operation not permitted"
expect_eq "links after a refused start" "$(ip -o link | grep -c .)" $links_before
echo ok
