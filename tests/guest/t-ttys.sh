# SPDX-License-Identifier: GPL-2.0
# lxc.tty.max, lxc.tty.dir and lxc.pty.max, as LXC sets them up: the
# container's ttys are ptys of its own devpts, bound on /dev/DIR/ttyN with
# /dev/ttyN a link there (the console on /dev/DIR/console too), or on
# /dev/ttyN without a dir; init is told container_ttys; its devpts takes
# lxc.pty.max.  isoctl console -t N reaches a shell on ttyN, one client
# a tty, and names a tty that is not there.
. ./lib.sh

export ISO_PATH=/tmp/iso-ttys
cleanup()
{
	isoctl stop -k -n y1 >/dev/null 2>&1
	rm -rf $ISO_PATH /tmp/iso-ttys.conf
}
cleanup
trap cleanup EXIT

printf '%s\n' "lxc.tty.max = 2" "lxc.tty.dir = lxc" "lxc.pty.max = 16" \
	"lxc.init.cmd = /bin/sh /ttyinit" >/tmp/iso-ttys.conf
isoctl create -n y1 -f /tmp/iso-ttys.conf >/dev/null || fail "create"
root=$ISO_PATH/y1/rootfs
# init: a shell on tty1, and what it sees of its terminals
cat >$root/ttyinit <<'EOT'
sh </dev/tty1 >/dev/tty1 2>&1 &
{
	echo "container_ttys=$container_ttys"
	for t in /dev/console /dev/lxc/console /dev/lxc/tty1 /dev/lxc/tty2; do
		echo "$t $(stat -c '%F %t' $t)"
	done
	echo "/dev/tty1 -> $(readlink /dev/tty1), /dev/tty2 -> $(readlink /dev/tty2)"
	echo "same console: $(stat -c %t:%T /dev/console) $(stat -c %t:%T /dev/lxc/console)"
	grep -o ' /dev/pts .*' /proc/self/mountinfo
} >/ttys.part
mv /ttys.part /ttys.seen
exec sleep 1000
EOT
isoctl start -n y1 || fail "start"
wait_until 10 "init's report" "[ -s $root/ttys.seen ]"
seen=$(cat $root/ttys.seen)
expect_match "container_ttys" "$seen" "^container_ttys=lxc/tty1 lxc/tty2$"
for t in /dev/console /dev/lxc/console /dev/lxc/tty1 /dev/lxc/tty2; do
	# 0x88, 136: the devpts's ptys
	expect_match "$t" "$seen" "^$t character special file 88$"
done
expect_match "links" "$seen" "^/dev/tty1 -> lxc/tty1, /dev/tty2 -> lxc/tty2$"
expect_match "console on both" "$seen" "^same console: (88:[0-9a-f]+) \1$"
expect_match "lxc.pty.max" "$seen" "^ /dev/pts .* devpts devpts .*,max=16"

out=$( (printf 'echo TTY-$((6*7))\n'; sleep 1; printf '\001q') | isoctl console -n y1 -t 1)
expect_match "console -t 1" "$out" "^TTY-42"
err=$( (sleep 2; printf '\001q') | isoctl console -n y1 -t 2 >/dev/null & sleep 0.5;
       isoctl console -n y1 -t 2 </dev/null 2>&1; wait)
expect_eq "second client on tty 2" "$err" \
	"isoctl: console y1: another client has tty 2: Device or resource busy"
err=$(isoctl console -n y1 -t 3 </dev/null 2>&1) && fail "console -t 3"
expect_eq "no tty 3" "$err" "isoctl: console y1: no tty 3 (lxc.tty.max): No such device"
err=$(isoctl console -n y1 -t x </dev/null 2>&1) && fail "console -t x"
expect_eq "console -t x" "$err" \
	"isoctl: console -t x: give a tty from 1 to 64, or 0 for the console: Invalid argument"
isoctl stop -k -n y1 || fail "stop"

# no lxc.tty.dir: the ttys are /dev/ttyN themselves
sed -i '/lxc.tty.dir/d' $ISO_PATH/y1/config
printf 'stat -c "%%F %%t" /dev/tty1 /dev/tty2 >/ttys.part; mv /ttys.part /ttys.seen; exec sleep 1000\n' \
	>$root/ttyinit
rm -f $root/ttys.seen
isoctl start -n y1 || fail "start without a tty dir"
wait_until 10 "init's report" "[ -s $root/ttys.seen ]"
expect_eq "ttys without a dir" "$(cat $root/ttys.seen | tr '\n' ' ')" \
	"character special file 88 character special file 88 "
exit 0
