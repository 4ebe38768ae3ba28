# SPDX-License-Identifier: GPL-2.0
# isoctl version and checkconfig show what the loaded module reports.
. ./lib.sh

out=$(isoctl version) || fail "isoctl version: exit $?"
abi=$(echo "$out" | sed -n 's/^isoctl .* (ABI \([0-9]*\))$/\1/p')
[ -n "$abi" ] || fail "isoctl version shows no ABI: $out"
expect_match "version" "$out" "^iso.ko [0-9.]+ \(ABI $abi\) on Linux $(release_re)\$"

out=$(isoctl checkconfig) || fail "isoctl checkconfig: exit $?"
expect_match "checkconfig module" "$out" "iso.ko: version [0-9.]+, ABI $abi, kernel $(release_re)"
expect_match "checkconfig containers" "$out" "^Containers: 0 of at most 4096\$"
expect_match "checkconfig features" "$out" "^Features:.* sched-tracepoints"
expect_match "checkconfig features" "$out" "^Features:.* cgroup-tracepoints"
expect_match "checkconfig layout" "$out" "^Cgroup layout: v2\$"
expect_match "checkconfig v2 mount" "$out" "^Cgroup v2 mount: /sys/fs/cgroup\$"
expect_match "checkconfig controllers" "$out" "^Cgroup v2 controllers:.*memory"
# vm-init mounts it with nsdelegate.  Each new mount of cgroup2 sets the
# flags of the one hierarchy: one without it clears it everywhere.
expect_match "checkconfig nsdelegate" "$out" "^Cgroup v2 nsdelegate: yes\$"
opts=$(awk '$5 == "/sys/fs/cgroup" { print $NF }' /proc/self/mountinfo)
mkdir -p /tmp/cg2-without /tmp/cg2-with
mount -t cgroup2 -o "$(echo $opts | sed 's/,nsdelegate//')" cgroup2 /tmp/cg2-without ||
	fail "mounting cgroup2 without nsdelegate"
out=$(isoctl checkconfig)
mount -t cgroup2 -o "$opts" cgroup2 /tmp/cg2-with || fail "mounting cgroup2 with $opts again"
umount /tmp/cg2-without /tmp/cg2-with
expect_eq "cgroup2's options restored" \
	"$(awk '$5 == "/sys/fs/cgroup" { print $NF }' /proc/self/mountinfo)" "$opts"
expect_match "checkconfig no nsdelegate" "$out" \
	"^Cgroup v2 nsdelegate: no \(a container's root can raise its own cgroup's limits from inside\)\$"
for ns in Mount Utsname Ipc Pid User Network Cgroup; do
	expect_match "checkconfig $ns" "$out" "^$ns namespace: enabled\$"
done
