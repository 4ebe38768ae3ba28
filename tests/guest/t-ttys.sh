# SPDX-License-Identifier: GPL-2.0
# lxc.tty.max, lxc.tty.dir and lxc.pty.max, as LXC sets them up: the
# container's ttys are ptys of its own devpts, bound on /dev/DIR/ttyN with
# /dev/ttyN a link there (the console on /dev/DIR/console too), or on
# /dev/ttyN without a dir; init is told container_ttys, their pts names;
# its devpts takes lxc.pty.max plus lxc.tty.max.  isoctl console -t N
# reaches a shell on ttyN, one client a tty, and names a tty that is not
# there.  And the console's keys: lxc.console.size and .rotate bound its
# log, lxc.console.buffer.size keeps a ring of it, lxc.console.path = none leaves init on /dev/null and console says
# so, and a host terminal as lxc.console.path is the console.
. ./lib.sh

export ISO_PATH=/tmp/iso-ttys
cleanup()
{
	isoctl stop -k -n y1 >/dev/null 2>&1
	rm -rf $ISO_PATH /tmp/iso-ttys.conf /tmp/iso-ttys.want /tmp/iso-ttys.got
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
expect_match "container_ttys" "$seen" "^container_ttys=pts/1 pts/2$"
for t in /dev/console /dev/lxc/console /dev/lxc/tty1 /dev/lxc/tty2; do
	# 0x88, 136: the devpts's ptys
	expect_match "$t" "$seen" "^$t character special file 88$"
done
expect_match "links" "$seen" "^/dev/tty1 -> lxc/tty1, /dev/tty2 -> lxc/tty2$"
expect_match "console on both" "$seen" "^same console: (88:[0-9a-f]+) \1$"
expect_match "lxc.pty.max" "$seen" "^ /dev/pts .* devpts devpts .*,max=18"

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
isoctl stop -k -n y1 || fail "stop"

# the console's log at lxc.console.size: rotated, then emptied
log=$ISO_PATH/y1.log
printf '%s\n' "lxc.console.logfile = $log" "lxc.console.size = 4kB" \
	"lxc.console.rotate = 1" >>$ISO_PATH/y1/config
printf '%s\n' 'i=0; while [ $i -lt 300 ]; do echo "line-$i-0123456789abcdef0123456789abcdef"; i=$((i + 1)); done' \
	'echo done >/ttys.seen; exec sleep 1000' >$root/ttyinit
rm -f $root/ttys.seen
isoctl start -n y1 || fail "start with a console log size"
wait_until 10 "init's lines" "[ -s $root/ttys.seen ] && grep -q line-299 $log"
[ "$(stat -c %s $log)" -le 4096 ] || fail "the log is $(stat -c %s $log) bytes, over 4096"
[ "$(stat -c %s $log.1)" = 4096 ] || fail "the rotated log is $(stat -c %s $log.1 2>&1) bytes"
grep -q "^line-299-" $log || fail "the last line is not in the log"
isoctl stop -k -n y1 || fail "stop, rotated"
rm -f $log $log.1 $root/ttys.seen
sed -i '/lxc.console.rotate/d' $ISO_PATH/y1/config
isoctl start -n y1 || fail "start with a console log size, no rotation"
wait_until 10 "init's lines" "[ -s $root/ttys.seen ] && grep -q line-299 $log"
[ "$(stat -c %s $log)" -le 4096 ] || fail "the log is $(stat -c %s $log) bytes, over 4096"
[ ! -e $log.1 ] || fail "rotated without lxc.console.rotate"
err=$(isoctl console -n y1 --log 2>&1) && fail "console --log without a ring"
expect_eq "no ring buffer" "$err" \
	"isoctl: console y1: no console ring buffer (lxc.console.buffer.size, or a monitor from before it): No data available"
isoctl stop -k -n y1 || fail "stop, emptied"

# lxc.console.buffer.size: a ring of the last bytes, rounded up to a
# power of 2 as LXC's (5000: 8192), that console --log reads once and
# --clear forgets; at the stop the log ends as the ring, up to
# lxc.console.size, as LXC mirrors it
echo "lxc.console.buffer.size = 5000" >>$ISO_PATH/y1/config
rm -f $log $root/ttys.seen
isoctl start -n y1 || fail "start with a ring buffer"
wait_until 10 "init's lines" "[ -s $root/ttys.seen ] && grep -q line-299 $log"
i=0
while [ $i -lt 300 ]; do
	printf 'line-%d-0123456789abcdef0123456789abcdef\r\n' $i
	i=$((i + 1))
done | tail -c 8192 >/tmp/iso-ttys.want
isoctl console -n y1 --log >/tmp/iso-ttys.got || fail "console --log"
cmp /tmp/iso-ttys.want /tmp/iso-ttys.got ||
	fail "console --log: $(wc -c </tmp/iso-ttys.got) bytes, not the last 8192 written"
expect_eq "console --log reads once" "$(isoctl console -n y1 --log | wc -c | tr -d " ")" 0
isoctl attach -n y1 -- sh -c 'echo more >/dev/console' </dev/null
wait_until 5 "more in the log" "grep -q '^more' $log"
expect_eq "console --log after more" "$(isoctl console -n y1 --log | od -An -c | tr -s ' ')" \
	" m o r e \r \n"
isoctl attach -n y1 -- sh -c 'echo gone >/dev/console' </dev/null
wait_until 5 "gone in the log" "grep -q '^gone' $log"
isoctl console -n y1 --clear || fail "console --clear"
expect_eq "console --log after --clear" "$(isoctl console -n y1 --log | wc -c | tr -d " ")" 0
isoctl attach -n y1 -- sh -c 'echo tail >/dev/console' </dev/null
wait_until 5 "tail in the log" "grep -q '^tail' $log"
grep -q '^line-299-' $log || fail "no line-299 in the log before the stop"
isoctl stop -k -n y1 || fail "stop with a ring buffer"
expect_eq "the log mirrors the ring at the stop" "$(od -An -c $log | tr -s ' ')" \
	" t a i l \r \n"
sed -i '/lxc.console.buffer.size/d' $ISO_PATH/y1/config
rm -f /tmp/iso-ttys.want /tmp/iso-ttys.got

# lxc.console.path = none: init's stdio is /dev/null, and no console
echo "lxc.console.path = none" >>$ISO_PATH/y1/config
printf 'exec sleep 1000\n' >$root/ttyinit
isoctl start -n y1 || fail "start without a console"
pid=$(cut -d' ' -f1 $ISO_PATH/y1/init.pid)
# the host's /dev/null, 1:3, whatever path init's mounts give it
expect_eq "init's stdio" "$(stat -L -c %t:%T /proc/$pid/fd/0 /proc/$pid/fd/1 \
	/proc/$pid/fd/2 | tr '\n' ' ')" "1:3 1:3 1:3 "
# and /dev/console is the host's /dev/null too, not a node of the image's
expect_eq "/dev/console without a console" \
	"$(isoctl attach -n y1 -- stat -L -c %t:%T /dev/console)" 1:3
err=$(isoctl console -n y1 </dev/null 2>&1) && fail "console without a console"
expect_eq "no console" "$err" \
	"isoctl: console y1: no console (lxc.console.path = none): No such device"
isoctl stop -k -n y1 || fail "stop without a console"

# a host terminal as lxc.console.path: ptyrun's, which sees the console
sed -i '/lxc.console.path/d' $ISO_PATH/y1/config
printf 'echo "CONSOLE-PATH-$((6*7))"; exec sleep 1000\n' >$root/ttyinit
out=$(../tools/ptyrun sh -c "echo \"lxc.console.path = \$(tty)\" >>$ISO_PATH/y1/config &&
	isoctl start -n y1 && sleep 2 && isoctl stop -k -n y1" | tr -d '\r')
expect_match "the console on a host terminal" "$out" "^CONSOLE-PATH-42$"
exit 0
