# SPDX-License-Identifier: GPL-2.0
# lxc.apparmor.profile, as LXC treats it.  Where AppArmor is off (this
# host), the key is ignored in one notice line and the container starts.
# Where it is on (Debian's guest kernels): "unconfined" needs
# iso.privileged too, and then init runs unconfined (its
# /proc/PID/attr/current); a profile that is not loaded fails the start
# at init's exec, in one line, and leaves nothing; "generated", which
# isoctl does not generate yet, fails the start rather than run the
# container less confined.  No guest here has apparmor_parser to load a
# profile of its own, so a confining profile's effect is not looked at.
. ./lib.sh

export ISO_PATH=/tmp/iso-apparmor
cleanup()
{
	isoctl stop -k -n a1 >/dev/null 2>&1
	rm -rf $ISO_PATH
}
cleanup
trap cleanup EXIT

isoctl create -n a1 >/dev/null || fail "create"
cfg=$ISO_PATH/a1/config
echo "lxc.init.cmd = /bin/sleep 1000" >>$cfg
base=$(cat $cfg)
with() { printf '%s\n' "$base" "$@" >$cfg; }
init_of() { cut -d' ' -f1 $ISO_PATH/a1/init.pid; }

if [ "$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)" != Y ]; then
	with "lxc.apparmor.profile = generated"
	out=$(isoctl start -n a1 2>&1) || fail "start where AppArmor is off: $out"
	expect_match "the notice" "$out" \
		'^isoctl: notice: lxc.apparmor.profile = generated: AppArmor is not on here, so it is ignored, as LXC ignores it$'
	isoctl stop -k -n a1 || fail "stop"
	echo "AppArmor is off here: only that it is ignored was checked"
	echo ok
	exit 0
fi

with "lxc.apparmor.profile = unconfined"
err=$(isoctl start -n a1 2>&1) && fail "started unconfined without iso.privileged"
expect_eq "unconfined" "$err" \
	"isoctl: lxc.apparmor.profile unconfined: it needs iso.privileged = 1 too: Operation not permitted"
[ ! -e $ISO_PATH/a1/init.pid ] || fail "a refused start left init.pid"

with "lxc.apparmor.profile = unconfined" "iso.privileged = 1"
isoctl start -n a1 || fail "start unconfined, privileged"
expect_eq "init's profile" "$(cat /proc/$(init_of)/attr/current)" unconfined
expect_eq "attach's profile" "$(isoctl attach -n a1 -- cat /proc/self/attr/current)" \
	unconfined
isoctl stop -k -n a1 || fail "stop"

# a profile that is not loaded: before anything where securityfs says
# which are, else at init's exec (a guest mounts none, then does)
with "lxc.apparmor.profile = iso-no-such-profile"
for round in 1 2; do
	err=$(isoctl start -n a1 2>&1) && fail "started with a profile that is not loaded"
	if [ -e /sys/kernel/security/apparmor/profiles ]; then
		expect_eq "a profile not loaded" "$err" \
			"isoctl: lxc.apparmor.profile iso-no-such-profile: not loaded: No such file or directory"
	else
		expect_eq "a profile not loaded, at exec" "$err" \
			"isoctl: lxc.apparmor.profile iso-no-such-profile at init's exec: No such file or directory"
	fi
	[ ! -e $ISO_PATH/a1/init.pid ] || fail "a refused start left init.pid"
	expect_eq "nothing left running" "$(isoctl ls --running)" ""
	[ "${ISO_GUEST:-}" = 1 ] && [ ! -e /sys/kernel/security/apparmor ] || break
	mount -t securityfs securityfs /sys/kernel/security || fail "mounting securityfs"
done

with "lxc.apparmor.profile = generated"
err=$(isoctl start -n a1 2>&1) && fail "started with a generated profile"
expect_eq "generated" "$err" \
	"isoctl: lxc.apparmor.profile = generated: isoctl generates no profile yet: name a loaded one: Operation not supported"
echo ok
