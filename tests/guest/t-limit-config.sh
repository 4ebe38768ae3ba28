# SPDX-License-Identifier: GPL-2.0
# iso.limit.* in a container's config: each limit holds from before the
# init runs; without iso.ko the container does not start, says why in one
# line, and leaves no cgroup behind.
. ./lib.sh

export ISO_PATH=/tmp/iso-limit-config
rm -rf $ISO_PATH
trap 'rm -rf $ISO_PATH' EXIT
iso_loaded || iso_reload

isoctl create -n lf >/dev/null || fail "create"
echo "iso.limit.fork_rate = 1/s,burst=1" >>$ISO_PATH/lf/config
out=$(isoctl exec -n lf -- sh -c 'n=0; for i in 1 2 3 4 5 6 7 8; do
	(exit 0) 2>/dev/null && n=$((n + 1)); done; echo $n' 2>/dev/null)
echo "8 subshells at 1/s in a container: $out ran"
[ "$out" -ge 0 ] && [ "$out" -lt 8 ] || fail "$out of 8 ran at 1/s"

# A budget the init spends at once: killed, so exec reports SIGKILL.
sed -i '/^iso.limit/d' $ISO_PATH/lf/config
echo "iso.limit.cpu_budget = 200ms,on-exceed=kill" >>$ISO_PATH/lf/config
isoctl exec -n lf -- sh -c 'while :; do :; done' 2>/dev/null
expect_eq "a spinner under a 200 ms budget" $? 137

# A file a limit names is the rootfs's: the config file is on the host,
# not in the rootfs, and the start fails in one line that says so.
sed -i '/^iso.limit/d' $ISO_PATH/lf/config
echo "iso.limit.exec_count = $ISO_PATH/lf/config" >>$ISO_PATH/lf/config
err=$(isoctl exec -n lf -- true 2>&1) && fail "counted a file outside the rootfs"
expect_eq "a file outside the rootfs" "$err" \
	"isoctl: applying iso.limit.exec_count to lf: $ISO_PATH/lf/config in its rootfs: opening it: No such file or directory"
# /bin/sh is an absolute symlink to /bin/busybox, which is the
# rootfs's own copy, not the host's; isoctl limit names it as the
# container sees it too, through its init's root.
sed -i '/^iso.limit/d' $ISO_PATH/lf/config
echo "iso.limit.exec_count = /bin/sh" >>$ISO_PATH/lf/config
isoctl exec -n lf -- sleep 3 &
wait_until 10 "lf did not start" '[ -n "$(limit_field lf ino)" ]'
ino=$(stat -c %i $ISO_PATH/lf/rootfs/bin/busybox)
[ "$ino" != "$(stat -c %i /bin/busybox)" ] || fail "the rootfs shares the host's busybox"
expect_eq "the config's file" "$(limit_field lf ino)" "$ino"
isoctl limit lf --clear exec-count --exec-count /bin/sh || fail "isoctl limit lf"
expect_eq "isoctl limit's file" "$(limit_field lf ino)" "$ino"
wait $! || fail "the counted container failed"
sed -i '/^iso.limit/d' $ISO_PATH/lf/config
echo "iso.limit.cpu_budget = 200ms,on-exceed=kill" >>$ISO_PATH/lf/config

rmmod iso || fail "rmmod iso"
err=$(isoctl exec -n lf -- true 2>&1) && fail "started without iso.ko"
expect_eq "lines" "$(echo "$err" | wc -l)" 1
expect_match "why" "$err" "applying iso.limit.cpu_budget to lf: .*iso.ko is not loaded"
left=$(find /sys/fs/cgroup /run/iso/cgroup2 -name 'lf*' 2>/dev/null)
[ -z "$left" ] || fail "cgroups left behind: $left"
iso_reload
