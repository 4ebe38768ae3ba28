# SPDX-License-Identifier: GPL-2.0
# Without the module, isoctl says how to load it and checkconfig still
# reports the host.
. ./lib.sh

rmmod iso || fail "rmmod iso"
err=$(isoctl version 2>&1 >/dev/null)
rc=$?
expect_eq "version exit status" "$rc" 1
expect_eq "version message" "$err" "isoctl: iso module not loaded (insmod kmod/iso.ko)"

out=$(isoctl checkconfig 2>&1)
expect_match "checkconfig message" "$out" "iso module not loaded \(insmod kmod/iso.ko\)"
expect_match "checkconfig layout" "$out" "^Cgroup layout: v2\$"
expect_match "checkconfig namespaces" "$out" "^Pid namespace: enabled\$"

iso_reload
isoctl version >/dev/null || fail "isoctl version after reload"
