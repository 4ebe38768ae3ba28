#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A small SELinux policy for the guest that boots with SELinux
# (t-selinux): what the kernel's own generator of a minimal policy,
# scripts/selinux/mdp, writes for the 6.12-rt guest's configuration,
# compiled by Debian's checkpolicy (which deps.sh unpacks), with the two
# types t-selinux labels a container and its keyring with.
#
#   scripts/selinux-policy.sh OUT
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || die "usage: selinux-policy.sh OUT"
out=$1
src=
for d in "$ISO_CACHE"/src/linux-source-*/; do
	[ ! -f "$d/scripts/selinux/mdp/mdp.c" ] || src=${d%/}
done
[ -n "$src" ] ||
	die "no kernel source with scripts/selinux/mdp in $ISO_CACHE/src (run scripts/build-debug-kernel.sh debug)"
checkpolicy=$ISO_CACHE/selinux/root/usr/bin/checkpolicy
[ -x "$checkpolicy" ] || die "no checkpolicy in $ISO_CACHE/selinux (run scripts/deps.sh host)"
kdir=$(iso_kernel_dir 6.12-rt)/kdir
[ -f "$kdir/include/generated/autoconf.h" ] ||
	die "no configured 6.12-rt headers in $kdir (run scripts/deps.sh kernel 6.12-rt)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -I"$src/include" -I"$src/security/selinux/include" -I"$kdir/include" \
	-o "$tmp/mdp" "$src/scripts/selinux/mdp/mdp.c"
"$tmp/mdp" "$tmp/policy.conf" "$tmp/file_contexts"
# Debian's checkpolicy predates some of the kernel's policy capabilities,
# which a permissive guest does not miss.  The types: mdp allows base_t
# everything on itself, and so the two others here.
sed -i '/^policycap /d
	s/^type base_t;$/type base_t;\ntype iso_container_t;\ntype iso_keyring_t;/
	s/^role base_r types { base_t };$/role base_r types { base_t iso_container_t };/
	s/^allow base_t base_t:\(.*\);$/allow { base_t iso_container_t } { base_t iso_container_t iso_keyring_t }:\1;/' \
	"$tmp/policy.conf"
grep -q '^type iso_container_t;$' "$tmp/policy.conf" ||
	die "mdp's policy.conf has no \"type base_t;\" line to add types after"
# version 33, which every kernel of the matrix loads (a newer checkpolicy
# would write a newer one by default)
"$checkpolicy" -U allow -c 33 -o "$tmp/policy" "$tmp/policy.conf" >"$tmp/checkpolicy.log" 2>&1 || {
	tail -n 5 "$tmp/checkpolicy.log" >&2
	die "checkpolicy failed"
}
mkdir -p "$(dirname "$out")"
mv "$tmp/policy" "$out"
