# SPDX-License-Identifier: GPL-2.0
# isoctl top on the host, in tmux: sorted by CPU, then by the keys that
# change the sort, reverse it, filter by name, pause; a terminal resized
# too small and back; no full-screen clear once it runs (no flicker); q
# quits with the terminal given back.  Driven with send-keys, read with
# capture-pane.
. ./lib.sh

export ISO_PATH=/tmp/iso-top-test
S=isotoptest
# a server of its own, without the user's tmux.conf
tmux() { command tmux -L iso-top-$$ -f /dev/null "$@"; }
cleanup()
{
	tmux kill-server 2>/dev/null
	for c in aa-idle zz-busy; do
		isoctl stop -k -n $c >/dev/null 2>&1
	done
	rm -rf $ISO_PATH /tmp/iso-top.*
}
cleanup
trap cleanup EXIT
command -v tmux >/dev/null || fail "no tmux: scripts/deps.sh installs it"

isoctl create -n aa-idle >/dev/null || fail "create aa-idle"
isoctl create -n zz-busy >/dev/null || fail "create zz-busy"
isoctl start -n aa-idle -d && isoctl start -n zz-busy -d || fail "start"
isoctl attach -n zz-busy -- sh -c 'while :; do :; done &' </dev/null >/dev/null ||
	fail "attach the load"

err=$(isoctl top </dev/null 2>&1) && fail "top ran without a terminal"
expect_eq "no terminal" "$err" \
	"isoctl: starting top: Inappropriate ioctl for device (it needs a terminal; isoctl stats --watch does not)"
err=$(isoctl top -d 0 2>&1) && fail "-d 0 was taken"
expect_match "-d 0" "$err" '^isoctl: parsing -d 0: Invalid argument'
err=$(script -qec "isoctl top -s forks" /dev/null 2>&1) && fail "-s forks was taken without iso.ko"
expect_match "-s forks" "$err" 'isoctl: parsing -s forks: Invalid argument \(iso.ko is not loaded'

tmux new-session -d -s $S -x 120 -y 20 \
	"ISO_PATH=$ISO_PATH PATH=$PATH isoctl top -d 0.5; echo \"rc=\$?\" >/tmp/iso-top.rc; sleep 30"
tmux pipe-pane -t $S -o 'cat >/tmp/iso-top.raw'
screen() { tmux capture-pane -p -t $S; }
# rows NAME...: the rows of the table, in order
rows() { screen | awk 'NR > 3 && $1 ~ /^(aa|zz)-/ { print $1 }' | tr '\n' ' '; }
wait_until 10 "top shows no CPU % yet" 'screen | grep -q "^zz-busy  *[1-9][0-9.]*%"'
expect_match "header" "$(screen | head -n1)" '^isoctl top: 2 of 2 containers, from cgroupfs, every 0\.5 s, by CPU %$'
expect_eq "by CPU" "$(rows)" "zz-busy aa-idle "
tmux send-keys -t $S n
wait_until 3 "n did not sort by name" '[ "$(rows)" = "aa-idle zz-busy " ]'
tmux send-keys -t $S r
wait_until 3 "r did not reverse" '[ "$(rows)" = "zz-busy aa-idle " ]'
expect_match "reversed" "$(screen | head -n1)" 'by NAME \(reversed\)$'
tmux send-keys -t $S r '>'
wait_until 3 "> did not move to CPU %" 'screen | head -n1 | grep -q "by CPU %$"'
tmux send-keys -t $S / z z Enter
wait_until 3 "the filter did not apply" '[ "$(rows)" = "zz-busy " ]'
expect_match "filtered" "$(screen | head -n1)" ': 1 of 2 containers'
expect_eq "the filter" "$(screen | sed -n 2p)" "filter: zz"
tmux send-keys -t $S / Enter
wait_until 3 "the filter did not clear" '[ "$(rows)" = "zz-busy aa-idle " ]'
tmux send-keys -t $S Space
wait_until 3 "space did not pause" 'screen | head -n1 | grep -q ", paused$"'
tmux send-keys -t $S Space

# too small: it says so, and comes back
tmux resize-window -t $S -x 30 -y 4
wait_until 3 "too small not said" 'screen | grep -q "terminal too small"'
tmux resize-window -t $S -x 120 -y 20
wait_until 3 "not back after resizing" '[ "$(rows)" = "zz-busy aa-idle " ]'

# no flicker: two seconds of frames, after the first, clear nothing
: >/tmp/iso-top.raw
sleep 2
grep -q "$(printf '\033\\[2J\\|\033\\[H\033\\[J')" /tmp/iso-top.raw &&
	fail "top clears the screen as it runs"
[ -s /tmp/iso-top.raw ] || fail "top drew nothing in 2 s"

tmux send-keys -t $S q
wait_until 5 "q did not quit" '[ -e /tmp/iso-top.rc ]'
expect_eq "exit status" "$(cat /tmp/iso-top.rc)" rc=0
# the terminal given back: off the alternate screen, the cursor shown
expect_eq "terminal restored" \
	"$(tmux display-message -p -t $S '#{alternate_on} #{cursor_flag}')" "0 1"
tmux kill-session -t $S

# paused, it waits for a key alone; SIGTERM still ends it
rm -f /tmp/iso-top.rc
tmux new-session -d -s $S -x 120 -y 20 \
	"ISO_PATH=$ISO_PATH PATH=$PATH isoctl top; echo \"rc=\$?\" >/tmp/iso-top.rc; sleep 30"
wait_until 10 "top did not start again" 'screen | grep -q "^zz-busy"'
tmux send-keys -t $S Space
wait_until 3 "space did not pause" 'screen | head -n1 | grep -q ", paused$"'
pkill -TERM -x isoctl -P "$(tmux display-message -p -t $S '#{pane_pid}')" ||
	fail "no top to send SIGTERM to"
wait_until 5 "SIGTERM did not end a paused top" '[ -e /tmp/iso-top.rc ]'
expect_eq "exit status on SIGTERM" "$(cat /tmp/iso-top.rc)" rc=0
expect_eq "terminal restored on SIGTERM" \
	"$(tmux display-message -p -t $S '#{alternate_on} #{cursor_flag}')" "0 1"
exit 0
