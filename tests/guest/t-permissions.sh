# SPDX-License-Identifier: GPL-2.0
# Changes need CAP_SYS_ADMIN in the initial user namespace; a caller in a
# cgroup namespace sees only the containers inside it.
. ./lib.sh

trap 'drop_container pa; drop_container pb' EXIT
new_container pa
new_container pb

# root of a new user namespace is not root of the initial one
err=$(unshare -U -r isoctl track $CG/pa --name px 2>&1) &&
	fail "track from a user namespace succeeded"
expect_match "track in userns" "$err" "Operation not permitted"
err=$(unshare -U -r isoctl untrack pa 2>&1) &&
	fail "untrack from a user namespace succeeded"
expect_match "untrack in userns" "$err" "Operation not permitted"
out=$(unshare -U -r isoctl stats --json) || fail "stats from a user namespace"
expect_match "stats in userns" "$out" '"name": "pa"'

# From inside container pa's cgroup namespace: pa, at "/", and nothing else.
out=$($CGEXEC -n $CG/pa isoctl stats --json) || fail "stats inside pa"
expect_match "sees itself" "$out" '"name": "pa", "cgroup_id": [0-9]+, "cgroup_path": "/"'
echo "$out" | grep -q '"pb"' && fail "pa's namespace sees pb: $out"
err=$($CGEXEC -n $CG/pa isoctl stats pb 2>&1) && fail "pa reads pb"
expect_eq "get pb from pa" "$err" 'isoctl: no such container "pb"'

# From the host, both.
out=$(isoctl stats --json)
expect_match "host sees pa" "$out" '"pa"'
expect_match "host sees pb" "$out" '"pb"'

# Events name every container: listening takes CAP_SYS_ADMIN too.
err=$(unshare -U -r isoctl events --timeout 1 2>&1) &&
	fail "events from a user namespace succeeded"
expect_match "events in userns" "$err" "subscribing to the iso events group: Operation not permitted"
