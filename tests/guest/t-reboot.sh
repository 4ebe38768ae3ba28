# SPDX-License-Identifier: GPL-2.0
# A container's reboot, as LXC's: reboot(2) in its pid namespace kills
# init with SIGHUP, and its monitor starts it again, hooks and all, with
# the same config, the stop hooks told LXC_TARGET=reboot, and init with
# the default signal state, not the monitor's; poweroff lets it stop.
# stop -r sends init
# lxc.signal.reboot and waits for the new one; an init that does not
# reboot within -t says so.  autostart -r reboots the autostart ones.
. ./lib.sh

export ISO_PATH=/tmp/iso-reboot
cleanup()
{
	isoctl stop -k -n rb >/dev/null 2>&1
	rm -rf $ISO_PATH /tmp/iso-reboot.conf
}
cleanup
trap cleanup EXIT

printf '%s\n' "lxc.cap.keep = sys_boot" "lxc.init.cmd = /bin/sh /rebootinit" \
	"lxc.signal.reboot = SIGUSR2" "lxc.start.auto = 1" >/tmp/iso-reboot.conf
isoctl create -n rb -f /tmp/iso-reboot.conf >/dev/null || fail "create"
root=$ISO_PATH/rb/rootfs
echo "lxc.hook.pre-start = sh -c 'echo pre-start >>$root/boots'" >>$ISO_PATH/rb/config
# the stop hook is told whether it is a reboot
echo "lxc.hook.stop = sh -c 'echo stop-\$LXC_TARGET >>$root/targets'" >>$ISO_PATH/rb/config
# init: a line a boot; lxc.signal.reboot makes it reboot, as systemd's
# SIGINT does
cat >$root/rebootinit <<'EOT'
echo init >>/boots
trap 'reboot -f' USR2
while :; do sleep 1 & wait; done
EOT
init_of() { cut -d' ' -f1 $ISO_PATH/rb/init.pid 2>/dev/null; }

isoctl start -n rb || fail "start"
p1=$(init_of)
wait_until 10 "the first boot" '[ "$(grep -c init $root/boots)" = 1 ]'

# stop -r: the signal, then a new init
isoctl stop -r -n rb || fail "stop -r"
p2=$(init_of)
[ -n "$p2" ] && [ "$p2" != "$p1" ] || fail "stop -r: init $p1, then '$p2'"
expect_match "running again" "$(isoctl ls --fancy)" "^rb +RUNNING +$p2 "
wait_until 10 "the second boot" '[ "$(grep -c init $root/boots)" = 2 ]'
expect_eq "each boot's hooks" "$(cat $root/boots | tr '\n' ' ')" \
	"pre-start init pre-start init "
expect_eq "the stop hook's LXC_TARGET" "$(cat $root/targets)" stop-reboot
# the new init has the default signal mask and dispositions, not the
# monitor's, which blocks SIGINT, SIGTERM and SIGHUP and ignores SIGPIPE
expect_eq "the rebooted init's blocked signals" \
	"$(sed -n 's/^SigBlk:[[:space:]]*//p' /proc/$p2/status)" 0000000000000000
[ $(( 0x$(sed -n 's/^SigIgn:[[:space:]]*//p' /proc/$p2/status) & 0x1000 )) = 0 ] ||
	fail "the rebooted init ignores SIGPIPE"

# reboot(2) from inside, by another process than init
isoctl attach -n rb -- reboot -f
wait_until 10 "a reboot from inside" '[ -n "$(init_of)" ] && [ "$(init_of)" != "$p2" ]'
wait_until 10 "the third boot" '[ "$(grep -c init $root/boots)" = 3 ]'

# poweroff: it stops, and stays stopped
isoctl attach -n rb -- poweroff -f
wait_until 10 "stopped after poweroff" \
	'[ "$(isoctl ls --stopped | grep -c "^rb$")" = 1 ]'
sleep 1
expect_eq "not started again" "$(grep -c init $root/boots)" 3

# autostart -r: the running autostart containers, through stop -r
isoctl start -n rb || fail "start again"
p4=$(init_of)
isoctl autostart -r || fail "autostart -r"
[ -n "$(init_of)" ] && [ "$(init_of)" != "$p4" ] ||
	fail "autostart -r did not reboot rb: init $p4, then '$(init_of)'"

# an init that does not reboot, and bad input
sed -i 's/^lxc.signal.reboot = .*/lxc.signal.reboot = SIGWINCH/' $ISO_PATH/rb/config
err=$(isoctl stop -r -t 1 -n rb 2>&1) && fail "stop -r of an init that stays"
expect_eq "init that stays" "$err" \
	"isoctl: stop -r rb: init did not reboot within 1 s: Connection timed out"
err=$(isoctl stop -r -k -n rb 2>&1) && fail "stop -r -k"
expect_eq "stop -r -k" "$err" \
	"isoctl: stop -r and -k: a reboot or a kill, not both: Invalid argument"
isoctl stop -k -n rb || fail "stop -k"
expect_eq "a stop's LXC_TARGET, last" "$(tail -n1 $root/targets)" stop-stop
err=$(isoctl stop -r -n rb 2>&1) && fail "stop -r of a stopped one"
expect_eq "stop -r, stopped" "$err" "isoctl: stop rb: not running: No such process"
exit 0
