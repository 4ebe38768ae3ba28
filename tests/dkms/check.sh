#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# dkms build of iso.ko against Debian kernel K's headers (6.1, 6.12),
# from make dkms-source, into a scratch DKMS tree: no kernel installed,
# the host's own DKMS tree and /lib/modules left as they were.
#
#   tests/dkms/check.sh K
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../scripts/lib.sh"
k=${1:?usage: check.sh KERNEL}
dir=$(iso_kernel_dir "$k")
release=$(cat "$dir/release")
kdir=$(readlink -f "$dir/kdir")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$ISO_ROOT/dkms.conf")
module=$(sed -n 's/^#define ISO_MODULE_VERSION "\(.*\)"/\1/p' "$ISO_ROOT/kmod/iso.h")
[ "$version" = "$module" ] ||
	die "dkms.conf says $version, kmod/iso.h's ISO_MODULE_VERSION $module"

# what a build must not touch: anything there newer than this stamp
touch "$tmp/stamp"
sleep 1
written() { find /var/lib/dkms /lib/modules /etc/dkms -newer "$tmp/stamp" 2>/dev/null; }

make -s -C "$ISO_ROOT" dkms-source DKMS_SRC="$tmp/src"
mkdir "$tmp/tree"
# dkms looks for sign-file in the host's linux-kbuild, and would make a
# MOK key in /var/lib/dkms if it found one: no signing here
sign_file=/nonexistent dkms build -m iso -v "$version" -k "$release" \
	--dkmstree "$tmp/tree" --sourcetree "$tmp/src" --kernelsourcedir "$kdir" \
	| tee "$tmp/log"
grep -q "modules won't be signed" "$tmp/log" || die "dkms meant to sign the module"
ko=$tmp/tree/iso/$version/$release/x86_64/module/iso.ko
[ -f "$ko" ] || ko=$(ls "$ko".* 2>/dev/null | head -n1)
[ -n "$ko" ] && [ -f "$ko" ] || die "dkms build left no iso.ko"
modinfo -F vermagic "$ko" | grep -q "^$release " ||
	die "$ko: vermagic $(modinfo -F vermagic "$ko"), not $release"
[ "$(modinfo -F version "$ko")" = "$version" ] ||
	die "$ko: version $(modinfo -F version "$ko")"
# BUILD_EXCLUSIVE_KERNEL: a kernel older than 6.1 is refused, not built
rc=0
sign_file=/nonexistent dkms build -m iso -v "$version" -k 5.10.0-32-amd64 \
	--dkmstree "$tmp/tree" --sourcetree "$tmp/src" --kernelsourcedir "$kdir" \
	>"$tmp/old.log" 2>&1 || rc=$?
cat "$tmp/old.log"
[ $rc -ne 0 ] || die "dkms built iso.ko for 5.10"
grep -q "BUILD_EXCLUSIVE" "$tmp/old.log" || die "5.10 refused, but not for BUILD_EXCLUSIVE"
[ ! -e "$tmp/tree/iso/$version/5.10.0-32-amd64" ] || die "dkms left a 5.10 build"
[ -z "$(written)" ] || die "the build wrote: $(written | head -n3)"
echo "dkms built $ko for $release"
