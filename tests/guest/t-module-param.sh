# SPDX-License-Identifier: GPL-2.0
# max_containers is reported, and a cap of zero refuses to load.
. ./lib.sh

rmmod iso || fail "rmmod iso"
if insmod "$ISO_KO" max_containers=0 2>/dev/null; then
	fail "insmod with max_containers=0 succeeded"
fi
dmesg | tail -n 5 | grep -q "max_containers must be at least 1" ||
	fail "no message for max_containers=0"

iso_reload max_containers=7
out=$(isoctl checkconfig)
expect_match "cap" "$out" "^Containers: 0 of at most 7\$"
expect_eq "sysfs" "$(cat /sys/module/iso/parameters/max_containers)" 7
iso_reload
