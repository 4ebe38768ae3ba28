# SPDX-License-Identifier: GPL-2.0
# What later tests need from every kernel of the matrix: dummy, macvlan and
# VLAN links, IPv4 and IPv6 socket lookups for netfilter, cgroup BPF (the
# device allowlist) and AppArmor.  Built in on the debug kernels; loaded
# from Debian's own modules on the stock ones (scripts/vm).
. ./lib.sh

trap 'ip link del isodum0 2>/dev/null' EXIT

ip link add isodum0 type dummy || fail "a dummy link"
ip link add link isodum0 name isomv0 type macvlan || fail "a macvlan link"
ip link add link isodum0 name isodum0.5 type vlan id 5 || fail "a VLAN link"
for sym in nf_sk_lookup_slow_v4 nf_sk_lookup_slow_v6 cgroup_bpf_enabled_key; do
	grep -qw "$sym" /proc/kallsyms || fail "$sym: not in this kernel"
done
expect_eq "AppArmor" "$(cat /sys/module/apparmor/parameters/enabled 2>&1)" Y
