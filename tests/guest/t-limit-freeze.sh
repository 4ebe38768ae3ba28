# SPDX-License-Identifier: GPL-2.0
# cpu_budget's freeze: under isoctl start, a spinning init with a 1 s
# budget ends frozen, by its monitor, on the event iso.ko sends it; raised,
# the budget is armed again and isoctl unfreeze lets the init run.  A
# container with no monitor (tracked, or run by exec) is refused freeze,
# in one line.
# LIMIT_SET is command 7; ISO_A_LIMIT 5 (CONTROLLER 1, PARAMS 2);
# cpu_budget's BUDGET_NS 2, ACTION 3 (3 freeze).
. ./lib.sh

export ISO_PATH=/tmp/iso-limit-freeze
rm -rf $ISO_PATH
mon=
trap '[ -z "$mon" ] || kill $mon; isoctl stop -k -n fz >/dev/null 2>&1; drop_container fz0; drop_container fz1; rm -rf $ISO_PATH /tmp/fz.mon' EXIT
iso_loaded || iso_reload

new_container fz0
expect_error "freeze, no monitor" 95 \
	7 3:nest 2:str:fz0 end 5:nest 1:str:cpu_budget 2:nest \
	2:u64:1000000000 3:u32:3 end end
out=$(isoctl limit fz0 --cpu-budget 1s --on-exceed freeze 2>&1) &&
	fail "freeze without a monitor"
expect_eq "lines" "$(echo "$out" | wc -l)" 1
expect_match "why" "$out" "freeze needs a monitor"
isoctl limit fz0 --cpu-budget 1s --on-exceed notify || fail "notify on fz0"
drop_container fz0

# A monitor is its socket: added by one that then closes (nlsend's), the
# container has none, and freeze is refused.  Other commands refuse the
# attribute.
mkdir $CG/fz1 || fail "mkdir fz1"
$NLSEND 2 3:nest 2:str:fz1 5:str:/fz1 11:flag end >/tmp/fz-add
expect_match "ADD with a monitor" "$(cat /tmp/fz-add)" "^ok"
expect_error "freeze, its monitor closed" 95 \
	7 3:nest 2:str:fz1 end 5:nest 1:str:cpu_budget 2:nest \
	2:u64:1000000000 3:u32:3 end end
expect_error "a monitor named by GET" 22 4 3:nest 2:str:fz1 11:flag end
drop_container fz1

isoctl create -n fz >/dev/null || fail "create"
printf 'while :; do :; done\n' >$ISO_PATH/fz/rootfs/spin
echo "lxc.init.cmd = /bin/sh /spin" >>$ISO_PATH/fz/config
echo "iso.limit.cpu_budget = 1s,on-exceed=freeze" >>$ISO_PATH/fz/config
err=$(isoctl exec -n fz -- true 2>&1) && fail "exec took freeze"
expect_eq "exec: lines" "$(echo "$err" | wc -l)" 1
expect_match "exec: why" "$err" "applying iso.limit.cpu_budget to fz: .*monitor"

# the monitor says FREEZING when iso.ko asks it to freeze
fresh /tmp/fz.mon
isoctl monitor -n fz --timeout 600 >/tmp/fz.mon 2>&1 &
mon=$!
wait_until 5 "isoctl monitor did not start" 'grep -q listening /tmp/fz.mon'
isoctl start -n fz || fail "start"
wait_until 60 "not frozen by its monitor" \
	'isoctl ls --fancy | grep -Eq "^fz +FROZEN"'
wait_until 5 "no FREEZING state change" 'grep -q "^state fz FREEZING pid=" /tmp/fz.mon'
expect_eq "state changes before unfreeze" \
	"$(sed -n 's/^state fz \([A-Z]*\).*/\1/p' /tmp/fz.mon | tr '\n' ' ')" \
	"STARTING RUNNING FREEZING "
expect_eq "told" "$(limit_field fz freeze_sent)" true
over=$(limit_field fz overshoot_ns)
used=$(limit_field fz used_ns)
echo "1 s budget, freeze: $((over / 1000000)) ms past it when the monitor was told, $(((used - 1000000000) / 1000000)) ms when frozen"
sleep 1
expect_eq "frozen: no CPU" "$(limit_field fz used_ns)" "$used"

# raised, armed again; thawed, it runs
isoctl limit fz --cpu-budget 1h || fail "raising"
expect_eq "armed again" "$(limit_field fz spent)" false
expect_match "the action kept" "$(isoctl limit fz)" "on exceeding freeze"
isoctl unfreeze -n fz || fail "unfreeze"
wait_until 10 "thawed, it does not run" \
	'[ "$(limit_field fz used_ns)" -gt $((used + 100000000)) ]'
isoctl stop -k -n fz || fail "stop"
wait_until 5 "no STOPPED" 'grep -q "^state fz STOPPED" /tmp/fz.mon'
expect_eq "state changes" \
	"$(sed -n 's/^state fz \([A-Z]*\).*/\1/p' /tmp/fz.mon | tr '\n' ' ')" \
	"STARTING RUNNING FREEZING THAWED STOPPING STOPPED "
kill $mon
wait $mon 2>/dev/null
mon=

# The monitor gone, its container has none: unloading with it running
# and the budget armed is clean (dmesg).
isoctl start -n fz || fail "start again"
iso_reload
isoctl stop -k -n fz || fail "stop after the reload"
