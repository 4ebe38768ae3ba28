#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The hot-path cost of iso.ko: see tests/bench/run.sh.  With --limits, the
# cost of the enforcement controllers (tests/bench/limits.sh), against
# the module as it was before the controller framework (ISO_BENCH_BASE,
# a commit; by default the parent of the one that added the framework),
# built here for the guest's kernel.
#   scripts/bench.sh [--kernel K] [ROUNDS FORKS PINGS]
#   scripts/bench.sh [--kernel K] --limits [ROUNDS FORKS PINGS PACKETS]
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=6.12
if [ "${1:-}" = --kernel ]; then
	kernel=$2
	shift 2
fi
if [ "${1:-}" != --limits ]; then
	exec "$ISO_ROOT/scripts/vm" run --kernel "$kernel" --timeout 1800 \
		--no-load --icount -- /tests/bench/run.sh "$@"
fi
shift

base=${ISO_BENCH_BASE:-$(git -C "$ISO_ROOT" log -1 --format=%H \
	--grep='^iso.ko: a controller framework, and fork_rate on it$')}
[ -n "$base" ] || die "no commit adds the controller framework: set ISO_BENCH_BASE"
[ -n "${ISO_BENCH_BASE:-}" ] || base=$base^
kdir=$(iso_require_kernel "$kernel")/kdir
src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
git -C "$ISO_ROOT" archive "$base" kmod include | tar -x -C "$src" ||
	die "no commit $base to build the baseline module from"
make -s -C "$kdir" M="$src/kmod" modules >"$src/build.log" 2>&1 ||
	die "building the baseline iso.ko of $base failed: $(tail -n5 "$src/build.log")"
msg "baseline: iso.ko of $(git -C "$ISO_ROOT" log -1 --format='%h %s' "$base")"
"$ISO_ROOT/scripts/vm" run --kernel "$kernel" --timeout 3600 --no-load \
	--icount --add "$src/kmod/iso.ko:/lib/iso/iso-base.ko" -- \
	/tests/bench/limits.sh "$@"
