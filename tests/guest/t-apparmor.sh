# SPDX-License-Identifier: GPL-2.0
# lxc.apparmor.*, as LXC treats them.  Where AppArmor is off (this
# host), the profile is ignored in one notice line and the container
# starts.  Where it is on (Debian's guest kernels): "unconfined" needs
# iso.privileged too, and then init runs unconfined (its
# /proc/PID/attr/current); without securityfs's mount rules a start needs
# lxc.apparmor.allow_incomplete; a profile that is not loaded fails the
# start, in one line, and leaves nothing.  "generated", with the
# apparmor_parser and /etc/apparmor.d of Debian's apparmor package that
# the guest carries (scripts/check.sh adds them), is loaded, confines
# init and attach (what it denies is denied inside), takes
# lxc.apparmor.raw's rules and allow_nesting's, has a policy namespace of
# its own, and is gone after the stop; a rule apparmor_parser refuses
# fails the start and leaves nothing.
. ./lib.sh

export ISO_PATH=/tmp/iso-apparmor
cleanup()
{
	isoctl stop -k -n a1 >/dev/null 2>&1
	rm -rf $ISO_PATH
}
cleanup
trap cleanup EXIT
# what AppArmor denied last, where a check fails
on_fail() { dmesg | grep 'apparmor="DENIED"' | tail -n 3; }

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
	# allow_nesting's /dev/.lxc mounts: never where no generated profile
	# denies them, but for iso.privileged, and then read-only
	with "lxc.apparmor.allow_nesting = 1"
	isoctl start -n a1 || fail "start with allow_nesting"
	expect_eq "no nesting mounts unconfined" \
		"$(isoctl attach -n a1 -- sh -c 'grep -c " /dev/.lxc/" /proc/self/mountinfo')" 0
	isoctl stop -k -n a1 || fail "stop"
	with "lxc.apparmor.allow_nesting = 1" "iso.privileged = 1"
	isoctl start -n a1 || fail "start with allow_nesting, privileged"
	out=$(isoctl attach -n a1 -- sh -c 'grep -c " /dev/.lxc/\(proc\|sys\) ro," /proc/self/mountinfo; echo x >/dev/.lxc/proc/sys/kernel/hostname' 2>&1)
	expect_match "nesting mounts, read-only" "$out" "^2
.*Read-only file system"
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
# what a generated profile denies below, allowed here
out=$(isoctl attach -n a1 -- sh -c 'head -c1 /proc/kcore >/dev/null && cat /etc/hostname >/dev/null && mkdir -p /tmp/p && mount -t proc proc /tmp/p && echo allowed' 2>&1)
expect_eq "unconfined, privileged" "$out" allowed
isoctl stop -k -n a1 || fail "stop"

# a profile that is not loaded, and mount rules: with no securityfs
# mounted (a guest mounts none, then does) a start takes
# allow_incomplete, and init's exec finds it not loaded; with it, the
# start fails before anything
securityfs=/sys/kernel/security
if [ "${ISO_GUEST:-}" = 1 ] && [ ! -e $securityfs/apparmor ]; then
	with "lxc.apparmor.profile = iso-no-such-profile"
	err=$(isoctl start -n a1 2>&1) && fail "started with no mount rules known"
	expect_eq "no mount rules" "$err" \
		"isoctl: lxc.apparmor.profile: this AppArmor has no mount rules (or securityfs is not mounted); lxc.apparmor.allow_incomplete = 1 starts it so: Operation not supported"
	with "lxc.apparmor.profile = iso-no-such-profile" "lxc.apparmor.allow_incomplete = 1"
	err=$(isoctl start -n a1 2>&1) && fail "started with a profile that is not loaded"
	expect_eq "a profile not loaded, at exec" "$err" \
		"isoctl: lxc.apparmor.profile iso-no-such-profile at init's exec: No such file or directory"
	[ ! -e $ISO_PATH/a1/init.pid ] || fail "a refused start left init.pid"
	expect_eq "nothing left running" "$(isoctl ls --running)" ""
	mount -t securityfs securityfs $securityfs || fail "mounting securityfs"
fi
with "lxc.apparmor.profile = iso-no-such-profile"
err=$(isoctl start -n a1 2>&1) && fail "started with a profile that is not loaded"
expect_eq "a profile not loaded" "$err" \
	"isoctl: lxc.apparmor.profile iso-no-such-profile: not loaded: No such file or directory"
[ ! -e $ISO_PATH/a1/init.pid ] || fail "a refused start left init.pid"

if ! command -v apparmor_parser >/dev/null; then
	with "lxc.apparmor.profile = generated"
	err=$(isoctl start -n a1 2>&1) && fail "started generated with no apparmor_parser"
	expect_eq "generated, no parser" "$err" \
		"isoctl: lxc.apparmor.profile = generated: running apparmor_parser: No such file or directory"
	echo "skip: no apparmor_parser here (scripts/deps.sh unpacks Debian's apparmor): generated profiles not loaded"
	exit 77
fi

# generated: LXC's name, and its policy namespace's
profile="lxc-a1_<$ISO_PATH>"
ns="lxc-a1_<-tmp-iso-apparmor>"
nsdir=$securityfs/apparmor/policy/namespaces/$ns
loaded() { grep -qF "$profile (" $securityfs/apparmor/profiles; }
gone()
{
	! loaded || fail "$1: the profile is still loaded"
	[ ! -e "$nsdir" ] || fail "$1: its namespace is left"
	[ ! -e $ISO_PATH/a1/apparmor ] || fail "$1: its file is left"
}
in_a1() { isoctl attach -n a1 -- sh -c "$1" 2>&1; }

# iso.privileged: all caps and no mount restrictions of isoctl's, so
# what is denied is the profile's
with "lxc.apparmor.profile = generated" "iso.privileged = 1" \
	"lxc.apparmor.raw = deny /etc/hostname r,"
isoctl start -n a1 || fail "start, generated"
loaded || fail "the generated profile is not loaded"
label=$(cat /proc/$(init_of)/attr/current)
if [ "$(cat $securityfs/apparmor/features/domain/stack 2>/dev/null)" = yes ]; then
	[ -d "$nsdir" ] || fail "no policy namespace $ns"
	expect_eq "init's label, stacked" "$label" "$profile//&:$ns:unconfined (enforce)"
else
	expect_eq "init's label" "$label" "$profile (enforce)"
fi
# as the host sees it: inside, its namespace's view hides the profile
isoctl attach -n a1 -- sleep 31 &
attach=$!
sleep31() {
	for p in /proc/[0-9]*; do
		[ "$(tr '\0' ' ' <$p/cmdline 2>/dev/null)" != "sleep 31 " ] ||
			{ echo ${p#/proc/}; return; }
	done
}
wait_until 10 "attach's sleep" 'pid=$(sleep31); [ -n "$pid" ]'
expect_eq "attach's label" "$(cat /proc/$pid/attr/current)" "$label"
kill $pid
wait $attach
# what the profile denies, denied inside
out=$(in_a1 'head -c1 /proc/kcore >/dev/null && echo read')
expect_match "/proc/kcore" "$out" "Permission denied"
out=$(in_a1 'cat /etc/hostname && echo read')
expect_match "lxc.apparmor.raw's rule" "$out" "Permission denied"
out=$(in_a1 'mkdir -p /tmp/p && mount -t proc proc /tmp/p && echo mounted')
expect_match "proc mounted elsewhere than /proc" "$out" "[Pp]ermission denied"
out=$(in_a1 'mount -t tmpfs tmp /tmp/p && echo mounted')
expect_eq "a tmpfs mounted" "$out" mounted
isoctl stop -k -n a1 || fail "stop"
gone "after the stop"
# exec (lxc-execute) loads it too, named after the same store
out=$(isoctl exec -n a1 -- sh -c 'head -c1 /proc/kcore >/dev/null && echo read' 2>&1)
expect_match "exec: /proc/kcore" "$out" "Permission denied"
gone "after an exec"

# allow_nesting: any mount, and proc and sys at /dev/.lxc for lxc-start
with "lxc.apparmor.profile = generated" "iso.privileged = 1" \
	"lxc.apparmor.allow_nesting = 1"
isoctl start -n a1 || fail "start, generated with nesting"
out=$(in_a1 'mkdir -p /tmp/p && mount -t proc proc /tmp/p && echo mounted')
expect_eq "proc mounted, nesting" "$out" mounted
out=$(in_a1 'grep -c " /dev/.lxc/\(proc\|sys\) " /proc/self/mountinfo')
expect_eq "nesting's /dev/.lxc mounts" "$out" 2
isoctl stop -k -n a1 || fail "stop"
gone "after a nesting stop"

# a rule the parser refuses: no start, and nothing loaded or left
with "lxc.apparmor.profile = generated" "lxc.apparmor.raw = not a rule,"
err=$(isoctl start -n a1 2>&1) && fail "started with a bad raw rule"
expect_match "a bad rule" "$(echo "$err" | tail -n1)" \
	"^isoctl: lxc.apparmor.profile = generated: running apparmor_parser failed \(status [0-9]+\)"
gone "after a refused rule"
[ ! -e $ISO_PATH/a1/init.pid ] || fail "a refused start left init.pid"
echo ok
