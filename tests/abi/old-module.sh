#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build iso.ko as it was one ABI version ago, from git history, for
# Debian kernel K: t-abi.sh loads it, to see what isoctl says to a module
# of another ABI.  Prints the module's path.
#
#   tests/abi/old-module.sh K OUTDIR
#
# Exits 77, saying why, where history has no such commit (a shallow
# clone): there is then no older module to build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../scripts/lib.sh"
k=${1:?usage: old-module.sh KERNEL OUTDIR}
out=${2:?usage: old-module.sh KERNEL OUTDIR}
kdir=$(readlink -f "$(iso_kernel_dir "$k")/kdir")

abi=$(sed -n 's/^#define ISO_ABI_VERSION[[:space:]]*\([0-9]*\)$/\1/p' \
	"$ISO_ROOT/include/uapi/linux/iso.h")
# the commit that made it $abi: its parent has the one before
bump=$(git -C "$ISO_ROOT" log -1 --format=%H \
	-G"^#define ISO_ABI_VERSION[[:space:]]+$abi\$" -- include/uapi/linux/iso.h 2>/dev/null || true)
if [ -z "$bump" ] || ! git -C "$ISO_ROOT" cat-file -e "$bump^" 2>/dev/null; then
	echo "no commit before ABI $abi in this clone's history (shallow?)"
	exit 77
fi
rm -rf "$out"
mkdir -p "$out"
git -C "$ISO_ROOT" archive "$bump^" kmod include | tar -x -C "$out"
old=$(sed -n 's/^#define ISO_ABI_VERSION[[:space:]]*\([0-9]*\)$/\1/p' \
	"$out/include/uapi/linux/iso.h")
[ "$old" = $((abi - 1)) ] || die "$bump^ has ABI '$old', not $((abi - 1))"
make -s -C "$kdir" M="$out/kmod" modules >&2
mv "$out/kmod/iso.ko" "$out/iso-abi$old.ko"
echo "$out/iso-abi$old.ko"
