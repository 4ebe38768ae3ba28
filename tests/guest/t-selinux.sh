# SPDX-License-Identifier: GPL-2.0
# lxc.selinux.context and .keyring, as LXC applies them.  Where SELinux
# is off (the host, and the guests but one), they are ignored with one
# notice, as LXC ignores them.  Where it is on (the 6.12-rt guest boots
# with security=selinux, and this test loads scripts/selinux-policy.sh's
# policy, permissive): init execs into the context, attach takes init's,
# the session keyring has .keyring's label, or else the context's, and a
# context the policy does not know fails the start, leaving nothing.
. ./lib.sh

export ISO_PATH=/tmp/iso-selinux
POLICY=/etc/iso-test/selinux.policy
CTX=user_u:base_r:iso_container_t
KEYCTX=user_u:object_r:iso_keyring_t
cleanup()
{
	isoctl stop -k -n s1 >/dev/null 2>&1
	rm -rf $ISO_PATH /tmp/iso-selinux.conf
}
cleanup
trap cleanup EXIT

# keyctl, which tools/keyring calls, needs iso.seccomp = 0
printf '%s\n' "lxc.selinux.context = $CTX" "iso.seccomp = 0" >/tmp/iso-selinux.conf
isoctl create -n s1 -f /tmp/iso-selinux.conf >/dev/null || fail "create"
cp ../tools/keyring $ISO_PATH/s1/rootfs/bin/keyring || fail "copying keyring"
conf=$ISO_PATH/s1/config

# the kernel registers selinuxfs only where SELinux is on
if ! grep -qw selinuxfs /proc/filesystems; then
	out=$(isoctl start -n s1 2>&1) || fail "start where SELinux is off: $out"
	expect_match "ignored where SELinux is off" "$out" \
		"^isoctl: notice: lxc.selinux.context = $CTX: SELinux is not on here \(no selinuxfs\), so it is ignored, as LXC ignores it$"
	isoctl stop -k -n s1 || fail "stop"
	exit 0
fi

guest_only "loading an SELinux policy"
[ -f $POLICY ] || fail "no $POLICY (scripts/selinux-policy.sh, given by make check)"
mkdir -p /sys/fs/selinux
grep -q ' /sys/fs/selinux ' /proc/mounts ||
	mount -t selinuxfs selinuxfs /sys/fs/selinux || fail "mounting selinuxfs"
expect_eq "permissive before the policy" "$(cat /sys/fs/selinux/enforce)" 0
cat $POLICY >/sys/fs/selinux/load || fail "loading $POLICY"
expect_eq "permissive" "$(cat /sys/fs/selinux/enforce)" 0
# no /etc/selinux/config, which LXC's test, is_selinux_enabled(), wants
# too: isoctl applies the context where selinuxfs is
[ ! -e /etc/selinux/config ] || fail "this guest has an /etc/selinux/config"
own=$(tr -d '\0' </proc/self/attr/current)
expect_eq "this shell's context" "$own" user_u:base_r:base_t

label() { tr -d '\0' </proc/$1/attr/current; }

isoctl start -n s1 || fail "start with a context"
pid=$(cut -d' ' -f1 $ISO_PATH/s1/init.pid)
expect_eq "init's context" "$(label $pid)" $CTX
expect_eq "attach's keyring, labelled as init's" \
	"$(isoctl attach -n s1 -- /bin/keyring security </dev/null)" $CTX
# init's, not the config's, which is changed
sed -i "s/^lxc.selinux.context = .*/lxc.selinux.context = $own/" $conf
expect_eq "attach takes init's" \
	"$(isoctl attach -n s1 -- cat /proc/self/attr/current </dev/null | tr -d '\0')" $CTX
isoctl stop -k -n s1 || fail "stop"
sed -i "s/^lxc.selinux.context = .*/lxc.selinux.context = $CTX/" $conf

# exec's command, as lxc-execute's, and the session keyring's label
expect_eq "exec's context" \
	"$(isoctl exec -n s1 -- cat /proc/self/attr/current | tr -d '\0')" $CTX
expect_eq "the keyring has the context's" \
	"$(isoctl exec -n s1 -- /bin/keyring security)" $CTX
echo "lxc.selinux.context.keyring = $KEYCTX" >>$conf
expect_eq "the keyring has .keyring's" \
	"$(isoctl exec -n s1 -- /bin/keyring security)" $KEYCTX
# no keyring of its own: the starter's, as it is
echo "lxc.keyring.session = 0" >>$conf
expect_eq "lxc.keyring.session = 0: the starter's keyring" \
	"$(isoctl exec -n s1 -- /bin/keyring security)" "$(../tools/keyring security)"
sed -i '/^lxc.keyring.session/d' $conf

# LXC's default, unconfined_t, leaves the starter's: the control
sed -i '/^lxc.selinux/d' $conf
echo "lxc.selinux.context = unconfined_t" >>$conf
expect_eq "unconfined_t: the starter's" \
	"$(isoctl exec -n s1 -- cat /proc/self/attr/current | tr -d '\0')" "$own"
expect_eq "unconfined_t: the keyring too" \
	"$(isoctl exec -n s1 -- /bin/keyring security)" "$own"

# a context the policy does not know, for init or its keyring
sed -i '/^lxc.selinux/d' $conf
echo "lxc.selinux.context = user_u:base_r:nosuch_t" >>$conf
err=$(isoctl start -n s1 2>&1) && fail "start with an unknown context"
expect_eq "an unknown context" "$err" \
	"isoctl: lxc.selinux.context = user_u:base_r:nosuch_t: not a context of the policy loaded: Invalid argument"
sed -i '/^lxc.selinux/d' $conf
printf '%s\n' "lxc.selinux.context = $CTX" "lxc.selinux.context.keyring = user_u:object_r:nosuch_t" >>$conf
err=$(isoctl start -n s1 2>&1) && fail "start with an unknown keyring context"
expect_eq "an unknown keyring context" "$err" \
	"isoctl: lxc.selinux.context.keyring = user_u:object_r:nosuch_t: not a context of the policy loaded: Invalid argument"
expect_eq "nothing left: state" "$(isoctl info -n s1 | sed -n 's/^State: *//p')" STOPPED
for d in $(find /sys/fs/cgroup -path "*/iso/s1" 2>/dev/null); do
	fail "a failed start left cgroup $d"
done
exit 0
