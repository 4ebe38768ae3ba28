# SPDX-License-Identifier: GPL-2.0
# insmod, use, rmmod, 50 times; the runner then checks dmesg and kmemleak.
. ./lib.sh

i=0
while [ $i -lt 50 ]; do
	rmmod iso || fail "rmmod iso, round $i"
	insmod "$ISO_KO" || fail "insmod iso.ko, round $i"
	isoctl version >/dev/null || fail "isoctl version, round $i"
	i=$((i + 1))
done
expect_eq "refcount" "$(cat /sys/module/iso/refcnt)" 0
