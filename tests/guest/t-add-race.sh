# SPDX-License-Identifier: GPL-2.0
# ADD racing the rmdir of its cgroup: the rmdir's probe fires while ADD
# holds the cgroup but has not published the container yet.  ADD must see
# the cgroup dying and refuse, or the container would outlive its cgroup
# for good, its name taken.  A test build of iso.ko (ISO_KUNIT=y, the debug
# kernels) can hold ADD there; other builds cannot, so this skips.
. ./lib.sh

DELAY=/sys/module/iso/parameters/add_delay_ms
[ -w $DELAY ] || { echo "iso.ko is not a test build (no add_delay_ms)"; exit 77; }
trap 'echo 0 >$DELAY; isoctl untrack race1 2>/dev/null; rmdir $CG/race1 2>/dev/null' EXIT

mkdir $CG/race1 || fail "mkdir"
echo 3000 >$DELAY
isoctl track $CG/race1 --name race1 >/tmp/race.out 2>&1 &
adder=$!
# Under TCG isoctl can take longer than any fixed sleep to reach ADD: wait
# until the kernel shows it inside the delay.
i=0
until [ "$(cat /proc/$adder/wchan 2>/dev/null)" = msleep ]; do
	i=$((i + 1))
	kill -0 $adder 2>/dev/null || fail "ADD ended before its delay: $(cat /tmp/race.out)"
	[ $i -lt 300 ] || fail "ADD never reached its delay"
	sleep 0.1
done
rmdir $CG/race1 || fail "rmdir while ADD waits"
wait $adder && fail "ADD of a removed cgroup succeeded"
echo 0 >$DELAY
expect_match "ADD says why" "$(cat /tmp/race.out)" "cgroup is being removed"
isoctl stats race1 --json 2>/dev/null && fail "race1 outlived its cgroup"
expect_eq "containers" "$(isoctl checkconfig | sed -n 's/^Containers: \([0-9]*\) .*/\1/p')" 0
