#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch.pl --strict, from the kernel source the debug kernel is built
# from, over every kernel-side file git tracks.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

checkpatch=
for src in "$ISO_CACHE"/src/linux-source-*/; do
	[ -x "$src/scripts/checkpatch.pl" ] && checkpatch=$src/scripts/checkpatch.pl
done
[ -n "$checkpatch" ] ||
	die "no kernel source with scripts/checkpatch.pl in $ISO_CACHE/src (run scripts/build-debug-kernel.sh)"

cd "$ISO_ROOT"
mapfile -t files < <(git ls-files 'kmod/*.[ch]' 'tests/kunit/*.[ch]' 'tests/runner/*.[ch]' 'include/uapi/*.h')
[ ${#files[@]} -gt 0 ] || die "no kernel-side files tracked by git"
"$checkpatch" --strict --no-tree --quiet --show-types -f "${files[@]}"
echo "checkpatch --strict: ${#files[@]} files clean"
