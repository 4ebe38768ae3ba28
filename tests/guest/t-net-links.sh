# SPDX-License-Identifier: GPL-2.0
# lxc.net.N.type = macvlan and phys, with the scripts LXC runs for each
# network: two macvlans on one link reach each other in bridge mode and
# not in private mode, LXC's default; a phys link is lent to the
# container under its name and MTU there, and given back under its own
# name and MTU at stop, after a rename inside, and when init is killed;
# script.up and .down get LXC's arguments (hook version 0) or variables
# (version 1); a veth's routes, veth.ipv4.route and .ipv6.route, go
# through its host end.  A missing or unset link, and an up script that fails,
# stop the start in one line and leave no link behind.  The test makes
# the links in a network namespace of its own: veth pairs, which every
# kernel here has, stand for the host's links.  Its /sys is the host's:
# it looks at its links with ip.
. ./lib.sh

own_netns "$0"

export ISO_PATH=/tmp/iso-net-links
S=/tmp/iso-net-links.out
cleanup()
{
	for c in l1 l2 l3 l4; do
		isoctl stop -k -n $c >/dev/null 2>&1
	done
	rm -rf $ISO_PATH $S /tmp/iso-net-links.conf /tmp/iso-net-links.sh
}
cleanup
trap cleanup EXIT
on_fail() { ip -o link; cat $S 2>/dev/null; }

low_links
veth_pair isophys0 isophys1 || fail "a second veth pair"
# what each script is told, one line a call
cat >/tmp/iso-net-links.sh <<'EOT'
#!/bin/sh
on=
[ "$LXC_NET_TYPE.$LXC_HOOK_TYPE" != phys.up ] || ! ip link show isophys0 >/dev/null 2>&1 ||
	on=" up-on-host"
[ -z "$LXC_NET_PEER" ] || ! ip link show "$LXC_NET_PEER" >/dev/null 2>&1 ||
	on=" peer-there"
echo "$* type=$LXC_HOOK_TYPE section=$LXC_HOOK_SECTION net=$LXC_NET_TYPE parent=$LXC_NET_PARENT peer=$LXC_NET_PEER name=$LXC_NAME$on" >>/tmp/iso-net-links.out
EOT
chmod +x /tmp/iso-net-links.sh
links_before=$(ip -o link | grep -c .)

# macvlan_conf N MODE: a macvlan on isolow0 with address 10.233.0.N
macvlan_conf()
{
	cat <<-END
	lxc.net.0.type = macvlan
	lxc.net.0.link = isolow0
	lxc.net.0.flags = up
	lxc.net.0.ipv4.address = 10.233.0.$1/24
	lxc.net.0.mtu = 1400
	lxc.net.0.script.up = /tmp/iso-net-links.sh
	lxc.net.0.script.down = /tmp/iso-net-links.sh
	lxc.init.cmd = /bin/sleep 1000
	END
	[ -z "$2" ] || echo "lxc.net.0.macvlan.mode = $2"
}

macvlan_conf 2 bridge >/tmp/iso-net-links.conf
isoctl create -n l1 -f /tmp/iso-net-links.conf >/dev/null || fail "create l1"
macvlan_conf 3 bridge >/tmp/iso-net-links.conf
isoctl create -n l2 -f /tmp/iso-net-links.conf >/dev/null || fail "create l2"
isoctl start -n l1 && isoctl start -n l2 || fail "start l1 and l2"
# IFF_UP in its flags: its operstate follows later, through linkwatch
expect_eq "macvlan inside" \
	"$(isoctl attach -n l1 -- sh -c 'echo $(cat /sys/class/net/eth0/mtu) $(($(cat /sys/class/net/eth0/flags) & 1))')" \
	"1400 1"
expect_eq "no macvlan on the host" "$(ip -o link | grep -c .)" "$links_before"
isoctl attach -n l1 -- ping -c 1 -W 5 10.233.0.3 >/dev/null ||
	fail "bridge mode: l1 cannot ping l2"
# sleep, as init, takes no SIGTERM: -k
isoctl stop -k -n l1 && isoctl stop -k -n l2 || fail "stop l1 and l2"
expect_eq "scripts, version 0" "$(cat $S)" \
"l1 net up macvlan isolow0 type= section= net= parent= peer= name=l1
l2 net up macvlan isolow0 type= section= net= parent= peer= name=l2
l1 net down macvlan isolow0 type= section= net= parent= peer= name=l1
l2 net down macvlan isolow0 type= section= net= parent= peer= name=l2"

# private, LXC's default: macvlans on one link do not reach each other
sed -i '/macvlan.mode/d' $ISO_PATH/l1/config $ISO_PATH/l2/config
isoctl start -n l1 && isoctl start -n l2 || fail "start l1 and l2, private"
isoctl attach -n l1 -- ping -c 1 -W 1 10.233.0.3 >/dev/null 2>&1 &&
	fail "private mode: l1 reached l2"
isoctl stop -k -n l1 && isoctl stop -k -n l2 || fail "stop l1 and l2, private"

# phys, version 1: the link is the container's under its name there
: >$S
cat >/tmp/iso-net-links.conf <<END
lxc.net.0.type = phys
lxc.net.0.link = isophys0
lxc.net.0.name = eth5
lxc.net.0.mtu = 1300
lxc.net.0.flags = up
lxc.net.0.script.up = /tmp/iso-net-links.sh
lxc.net.0.script.down = /tmp/iso-net-links.sh
lxc.net.1.type = empty
lxc.net.1.script.up = /tmp/iso-net-links.sh
lxc.hook.version = 1
lxc.cap.keep = net_admin
lxc.init.cmd = /bin/sleep 1000
END
isoctl create -n l3 -f /tmp/iso-net-links.conf >/dev/null || fail "create l3"
isoctl start -n l3 || fail "start l3"
ip link show isophys0 >/dev/null 2>&1 && fail "isophys0 still on the host"
expect_eq "phys inside" "$(isoctl attach -n l3 -- cat /sys/class/net/eth5/mtu)" 1300
# a rename inside (root there keeps CAP_NET_ADMIN) does not keep it there
isoctl attach -n l3 -- ip link set eth5 down
isoctl attach -n l3 -- ip link set eth5 name renamed0 ||
	fail "renaming eth5 in l3"
isoctl stop -k -n l3 || fail "stop l3"
expect_match "phys back, MTU too" "$(ip -o link show isophys0 2>&1)" "^[0-9]+: isophys0@isophys1: .* mtu 1500 "
expect_eq "scripts, version 1" "$(cat $S)" \
"phys isophys0 type=up section=net net=phys parent=isophys0 peer= name=l3 up-on-host
empty type=up section=net net=empty parent= peer= name=l3
phys isophys0 type=down section=net net=phys parent=isophys0 peer= name=l3"

# init killed: given back all the same; without a name, it keeps its own
sed -i '/lxc.net.0.name/d' $ISO_PATH/l3/config
isoctl start -n l3 || fail "start l3 again"
expect_eq "phys's own name inside" \
	"$(isoctl attach -n l3 -- cat /sys/class/net/isophys0/mtu)" 1300
kill -9 "$(cut -d' ' -f1 $ISO_PATH/l3/init.pid)"
wait_until 10 "l3's monitor done after a killed init" \
	'[ "$(isoctl ls --stopped | grep -c "^l3$")" = 1 ]'
expect_match "phys back after a killed init" "$(ip -o link show isophys0 2>&1)" \
	"^[0-9]+: isophys0@isophys1: .* mtu 1500 "

# init that cannot run: the start fails after the link was lent
sed -i 's#^lxc.init.cmd = .*#lxc.init.cmd = /no/such/init#' $ISO_PATH/l3/config
isoctl start -n l3 >/dev/null 2>&1 && fail "started /no/such/init"
expect_match "phys back after a failed start" "$(ip -o link show isophys0 2>&1)" \
	"^[0-9]+: isophys0@isophys1: .* mtu 1500 "
sed -i 's#^lxc.init.cmd = .*#lxc.init.cmd = /bin/sleep 1000#' $ISO_PATH/l3/config

# an up script that fails: the start stops there, and the link is back
sed -i 's#^lxc.net.0.script.up = .*#lxc.net.0.script.up = /bin/false#' \
	$ISO_PATH/l3/config
err=$(isoctl start -n l3 2>&1) && fail "started with a failing up script"
expect_eq "failing up script" "$err" \
	'isoctl: l3: lxc.net.0.script.up "/bin/false": exited with 1'
ip link show isophys0 >/dev/null 2>&1 || fail "isophys0 not back after a failed start"

# veth.ipv4.route and .ipv6.route: through the host's end, gone with it
: >$S
cat >/tmp/iso-net-links.conf <<END
lxc.net.0.type = veth
lxc.net.0.veth.pair = isorv0
lxc.net.0.script.up = /tmp/iso-net-links.sh
lxc.net.0.script.down = /tmp/iso-net-links.sh
lxc.hook.version = 1
lxc.net.0.veth.ipv4.route = 10.236.0.0/24
lxc.net.0.veth.ipv4.route = 10.236.1.0/24
lxc.init.cmd = /bin/sleep 1000
END
v6=
if [ -e /proc/net/if_inet6 ]; then
	echo "lxc.net.0.veth.ipv6.route = fd00:ec::/64" >>/tmp/iso-net-links.conf
	v6=" fd00:ec::/64"
fi
isoctl create -n l4 -f /tmp/iso-net-links.conf >/dev/null || fail "create l4"
isoctl start -n l4 || fail "start l4"
routes=$(ip -4 route show dev isorv0; [ -z "$v6" ] || ip -6 route show dev isorv0)
expect_eq "veth routes" "$(echo "$routes" | grep -Eo '^(10\.236|fd00:ec)[^ ]*' | tr '\n' ' ')" \
	"10.236.0.0/24 10.236.1.0/24$v6 "
isoctl stop -k -n l4 || fail "stop l4"
expect_eq "veth routes gone" "$(ip route | grep -c 10.236)" 0
# a veth's scripts are told its host end, and the down script still sees it
expect_eq "veth scripts" "$(cat $S)" \
"veth isorv0 type=up section=net net=veth parent= peer=isorv0 name=l4 peer-there
veth isorv0 type=down section=net net=veth parent= peer=isorv0 name=l4 peer-there"
# a route the kernel refuses: one line, no veth left
echo "lxc.net.0.veth.ipv4.route = 10.236.2.1/24" >>$ISO_PATH/l4/config
err=$(isoctl start -n l4 2>&1) && fail "started with a bad route"
expect_eq "bad veth route" "$err" \
	"isoctl: adding veth route 10.236.2.1/24 via isorv0: Invalid argument"
ip link show isorv0 >/dev/null 2>&1 && fail "isorv0 left after a bad route"

# none, the host's network, with another type: refused
printf '%s\n' "lxc.net.0.type = none" "lxc.net.1.type = macvlan" \
	"lxc.net.1.link = isolow0" >>$ISO_PATH/l4/config
err=$(isoctl start -n l4 2>&1) && fail "started none with a macvlan"
expect_eq "none with a macvlan" "$err" \
	"isoctl: starting lxc.net.1 with lxc.net.0.type = none, which shares the host's network: Invalid argument"

# no link, or one that is not there: one line, nothing left
mounts_before=$(wc -l </proc/self/mountinfo)
sed -i '/\.link =/d' $ISO_PATH/l1/config
err=$(isoctl start -n l1 2>&1) && fail "started a macvlan without a link"
expect_eq "macvlan without a link" "$err" \
	"isoctl: starting lxc.net.0.type = macvlan without lxc.net.0.link: Invalid argument"
echo "lxc.net.0.link = isonope0" >>$ISO_PATH/l1/config
err=$(isoctl start -n l1 2>&1) && fail "started on a missing link"
expect_eq "missing link" "$err" \
	"isoctl: finding lxc.net.0.link isonope0 for a macvlan: No such device"
expect_eq "missing link: state" "$(isoctl ls --stopped | grep -c l1)" 1
expect_eq "missing link: mounts" "$(wc -l </proc/self/mountinfo)" "$mounts_before"
expect_eq "links at the end" "$(ip -o link | grep -c .)" "$links_before"
exit 0
