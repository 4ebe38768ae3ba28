# SPDX-License-Identifier: GPL-2.0
# isoctl autostart, as lxc-autostart: the containers that say
# lxc.start.auto = 1, group by group (-g), each in lxc.start.order,
# lxc.start.delay seconds after the one before; -s shuts them down last
# first, -L lists what would be done.  ls shows AUTOSTART and GROUPS.  A start that fails says so, and
# the exit status says whether all or some failed.  On the host only:
# it is the store's logic, over start and stop.
. ./lib.sh

export ISO_PATH=/tmp/iso-autostart
cleanup()
{
	for c in a1 a2 a3 g1 g2 bad; do
		isoctl stop -k -n $c >/dev/null 2>&1
	done
	rm -rf $ISO_PATH
}
cleanup
trap cleanup EXIT

# new NAME KEY=VALUE...: a busybox container whose config says those
new()
{
	local name=$1

	shift
	isoctl create -n $name -t busybox >/dev/null || fail "create $name"
	for kv in "$@"; do
		echo "$kv" >>$ISO_PATH/$name/config
	done
}
new a1 "lxc.start.auto = 1" "lxc.start.order = 2"
new a2 "lxc.start.auto = 1" "lxc.start.order = 1" "lxc.start.delay = 2"
new a3 "lxc.start.auto = 0"
new g1 "lxc.start.auto = 1" "lxc.group = onboot"
# two groups on one line, another on the next, and the order below 0
new g2 "lxc.start.auto = 1" "lxc.group = web db" "lxc.group = cache" \
	"lxc.start.order = -5" "lxc.start.delay = 10"

# ls shows them as lxc-ls does
expect_eq "ls: autostart and groups" "$(isoctl ls -F name,autostart,groups | grep -E '^(a3|g2) ')" \
	"a3   0         -
g2   1         web, db, cache"

list() { isoctl autostart -L "$@" | tr '\n' ' '; }
expect_eq "no -g: those in no group, by order" "$(list)" "a2 2 a1 0 "
expect_eq "-g onboot,: onboot, then no group" "$(list -g onboot,)" "g1 0 a2 2 a1 0 "
expect_eq "-g ,onboot: no group, then onboot" "$(list -g ,onboot)" "a2 2 a1 0 g1 0 "
expect_eq "-g web -g cache: g2 once" "$(list -g web -g cache)" "g2 10 "
expect_eq "a group is matched whole" "$(list -g we,webs)" ""
expect_eq "-a: every group at once" "$(list -a)" "g2 10 g1 0 a2 2 a1 0 "
expect_eq "-A: lxc.start.auto = 0 too, ties by name" "$(list -a -A)" \
	"g2 10 a3 0 g1 0 a2 2 a1 0 "
expect_eq "-s: nothing runs" "$(list -a -s)" ""

# the start: each started, a2's delay before a1
isoctl autostart -g onboot, || fail "autostart"
expect_eq "started" "$(isoctl ls --running | tr '\n' ' ')" "a1 a2 g1 "
t1=$(stat -c %Y $ISO_PATH/a1/init.pid) t2=$(stat -c %Y $ISO_PATH/a2/init.pid)
[ $((t1 - t2)) -ge 2 ] || fail "a1 started $((t1 - t2)) s after a2, not its 2 s delay"
expect_eq "again: nothing to start" "$(list -g onboot,)" ""
expect_eq "-s lists the running, last first" "$(list -a -s)" "a1 a2 g1 "
expect_eq "-k too" "$(list -a -k)" "a1 a2 g1 "
# -P reaches each start and stop: ISO_PATH says another store
ISO_PATH=/tmp/iso-autostart-none isoctl autostart -P $ISO_PATH -a -k ||
	fail "autostart -k -P"
expect_eq "-k -P: all killed" "$(isoctl ls --running)" ""
ISO_PATH=/tmp/iso-autostart-none isoctl autostart -P $ISO_PATH -g onboot, ||
	fail "autostart -P"
expect_eq "-P: started" "$(isoctl ls --running | tr '\n' ' ')" "a1 a2 g1 "
# no wait after the last one: g2's 10 s
t0=$(date +%s)
isoctl autostart -g web || fail "autostart -g web"
[ $(($(date +%s) - t0)) -lt 10 ] || fail "autostart waited after its last start"
isoctl stop -k -n g2 >/dev/null || fail "stop g2"

# a start that fails: said, and the status says all or some failed
new bad "lxc.start.auto = 1" "lxc.init.cmd = /no/such/init" "lxc.start.order = 9"
err=$(isoctl autostart 2>&1)
expect_eq "one of one failed: status 1" "$?" 1
expect_match "the failure said" "$err" "^isoctl: autostart: starting bad failed$"
isoctl stop -k -n a1 >/dev/null || fail "stop a1"
isoctl autostart >/dev/null 2>&1
expect_eq "one of two failed: status 2" "$?" 2
expect_eq "a1 started again" "$(isoctl ls --running | tr '\n' ' ')" "a1 a2 g1 "

# the shutdown: every one, whatever its group or lxc.start.auto
isoctl autostart -a -A -s -t 5 || fail "autostart -s"
expect_eq "all stopped" "$(isoctl ls --running)" ""

# a config that does not load is said, and left out
new broken "lxc.start.auto = 1"
echo "lxc.no.such.key = 1" >>$ISO_PATH/broken/config
out=$(isoctl autostart -L -a 2>&1) || fail "autostart -L with a broken config"
expect_eq "a broken config" "$out" "isoctl: $ISO_PATH/broken/config:$(wc -l <$ISO_PATH/broken/config): unknown key \"lxc.no.such.key\"
g2 10
g1 0
a2 2
a1 0
bad 0"
rm -r $ISO_PATH/broken

# bad input, in one line
err=$(isoctl autostart -P /tmp/iso-autostart-none 2>&1) && fail "took a store that is not there"
expect_eq "a store that is not there" "$err" \
	"isoctl: autostart: listing /tmp/iso-autostart-none: No such file or directory"
err=$(isoctl autostart -t soon 2>&1) && fail "took -t soon"
expect_eq "-t soon" "$err" "isoctl: autostart -t soon: not a number of seconds up to 2147483, or -1: Invalid argument"
err=$(isoctl autostart -s -t 3000000 2>&1) && fail "took -t 3000000"
expect_eq "-t 3000000" "$err" "isoctl: autostart -t 3000000: not a number of seconds up to 2147483, or -1: Invalid argument"
exit 0
