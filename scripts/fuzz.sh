#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The config parser under libFuzzer, with ASan and UBSan.
#
#   fuzz.sh [SECONDS]   replay tests/fuzz/corpus/, then fuzz for SECONDS
#                       (until stopped if none); exits non-zero on a crash,
#                       a leak or a hang, the input left in build/fuzz/
set -euo pipefail
. "$(dirname "$0")/lib.sh"

seconds=${1:-0}
out=$ISO_ROOT/build/fuzz
fuzzer=$ISO_ROOT/tests/fuzz/fuzz_config

make -s -C "$ISO_ROOT/tests" fuzz/fuzz_config
mkdir -p "$out/corpus"
cd "$out"

# every input that once failed, once each
mapfile -t cases < <(find "$ISO_ROOT/tests/fuzz/corpus" -type f ! -name '.*')
if [ ${#cases[@]} -gt 0 ]; then
	"$fuzzer" -timeout=5 "${cases[@]}"
	echo "fuzz: ${#cases[@]} kept cases replayed"
fi

seeds=("$ISO_ROOT/tests/fuzz/seeds")
[ -d "$ISO_ROOT/../shared/examples" ] && seeds+=("$ISO_ROOT/../shared/examples")
# a hang is an input that takes over 5 s; max_len fits any real config line
"$fuzzer" -max_total_time="$seconds" -timeout=5 -max_len=16384 \
	-dict="$ISO_ROOT/tests/fuzz/config.dict" -artifact_prefix="$out/" \
	-print_final_stats=1 "$out/corpus" "${seeds[@]}"
