# SPDX-License-Identifier: GPL-2.0
# The iso family under a fuzzer (tests/tools/nlfuzz): random and mutated
# requests, from root with every capability and with none, for
# ISO_NLFUZZ_SECONDS (default 15), with a cgroup of its own to ADD, SET
# and DEL.  Every request must be answered, the module must answer after
# and forget the cgroup once it is removed; scripts/vm fails the run on
# any report in dmesg.
. ./lib.sh

iso_loaded || { echo "iso.ko is not loaded"; exit 77; }
dir=$CG/nlfuzz
rmdir $dir 2>/dev/null
mkdir $dir || fail "mkdir $dir"
id=$(stat -c %i $dir)
out=$(/tests/tools/nlfuzz ${ISO_NLFUZZ_SECONDS:-15} 2>&1 3<$dir) || fail "nlfuzz: $out"
rmdir $dir || fail "rmdir $dir"
echo "$out"
expect_match "nlfuzz with capabilities" "$out" "^nlfuzz: [0-9]+ requests with all capabilities: ok [0-9]+;.* EINVAL [0-9]+;"
expect_match "nlfuzz without capabilities" "$out" "^nlfuzz: [0-9]+ requests without capabilities:.* EPERM [0-9]+;"
expect_match "the module after" "$out" "^nlfuzz: the module still answers: ABI [0-9]+, [0-9]+ containers$"
# its cgroup gone, nothing of it is tracked (the unregistration is
# deferred).  The fuzzer may also have tracked a cgroup that exists, by a
# path of its words ("c1", "iso"): that one stays, and is untracked here.
wait_until 5 "a fuzzed container outlived its cgroup" \
	'! isoctl stats --json | grep -Eq "\"cgroup_id\": $id[,}]"'
for other in $(isoctl stats --json | grep -o '"cgroup_id": [0-9]*' | cut -d" " -f2); do
	$NLSEND 3 3:nest 3:u64:$other end >/dev/null
done
expect_eq "containers left" \
	"$(isoctl checkconfig | sed -n "s/^Containers: \([0-9]*\) .*/\1/p")" 0
