# SPDX-License-Identifier: GPL-2.0
# lxc.sched.core, as LXC applies it: init's thread group gets a core
# scheduling domain of its own (PR_SCHED_CORE_CREATE), whose cookie what
# attach runs shares and the host's tasks do not; it needs a pid
# namespace of its own.  A kernel without core scheduling (Debian's)
# fails the start in one line; one without SMT starts it, saying there
# is no domain.  No kernel here has core scheduling (Debian's have not,
# and 7.3's debug kernel with it reports a KASAN error at boot: see
# Documentation/testing.rst), so the domain itself is checked only where
# one has, with SMT.
. ./lib.sh

export ISO_PATH=/tmp/iso-sched-core
cleanup()
{
	isoctl stop -k -n sc >/dev/null 2>&1
	rm -rf $ISO_PATH
}
cleanup
trap cleanup EXIT

printf '%s\n' "lxc.sched.core = 1" "lxc.namespace.keep = pid" >$ISO_PATH.conf
isoctl create -n sc -f $ISO_PATH.conf >/dev/null || fail "create"
rm -f $ISO_PATH.conf
cp ../tools/schedcookie $ISO_PATH/sc/rootfs/bin/schedcookie || fail "copying schedcookie"
err=$(isoctl start -n sc 2>&1) && fail "started with lxc.sched.core and the host's pid namespace"
expect_eq "a pid namespace of its own" "$err" \
	"isoctl: lxc.sched.core: it needs a pid namespace of its own: Invalid argument"

sed -i '/^lxc.namespace.keep/d' $ISO_PATH/sc/config
echo "lxc.init.cmd = /bin/sleep 1000" >>$ISO_PATH/sc/config
if ! err=$(isoctl start -n sc 2>&1); then
	expect_eq "no core scheduling" "$err" \
		"isoctl: lxc.sched.core: this kernel has no core scheduling (CONFIG_SCHED_CORE): Invalid argument"
	[ ! -e $ISO_PATH/sc/init.pid ] || fail "a refused lxc.sched.core left init.pid"
	echo "this kernel has no core scheduling: the refusal was checked"
	exit 0
fi
pid=$(cut -d' ' -f1 $ISO_PATH/sc/init.pid)
if [ -n "$err" ]; then
	expect_eq "no SMT" "$err" \
		"isoctl: notice: lxc.sched.core: no SMT here, so no core scheduling domain"
	expect_eq "attach without SMT" "$(isoctl attach -n sc -- echo in </dev/null)" in
	echo "no SMT here: the start without a domain was checked"
	exit 0
fi
cookie=$(../tools/schedcookie $pid)
expect_match "init's cookie" "$cookie" '^[1-9][0-9]*$'
expect_eq "the host's: none" "$(../tools/schedcookie)" 0
expect_eq "attach shares init's" \
	"$(isoctl attach -n sc -- /bin/schedcookie </dev/null)" "$cookie"
isoctl stop -k -n sc || fail "stop"
echo "a core scheduling domain, cookie $cookie"
exit 0
