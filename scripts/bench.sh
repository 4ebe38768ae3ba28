#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The hot-path cost of iso.ko: see tests/bench/run.sh.
#   scripts/bench.sh [--kernel K] [ROUNDS FORKS PINGS]
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=6.12
if [ "${1:-}" = --kernel ]; then
	kernel=$2
	shift 2
fi
exec "$ISO_ROOT/scripts/vm" run --kernel "$kernel" --timeout 1800 \
	--no-load --icount -- /tests/bench/run.sh "$@"
