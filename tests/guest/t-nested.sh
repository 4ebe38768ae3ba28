# SPDX-License-Identifier: GPL-2.0
# Nested containers have cgroup semantics: a container counts its whole
# subtree, nested containers included, as cpu.stat does.  Removing the
# inner one's cgroup ends it and takes nothing from the outer ones.
. ./lib.sh

trap 'kill $sleeper 2>/dev/null; drop_container n1; iso_reload' EXIT

new_container n1
mkdir -p $CG/n1/a/b || fail "mkdir"
isoctl track $CG/n1/a/b --name n1b || fail "a container inside one"
isoctl track $CG/n1/a --name n1a || fail "a container between two"

snap() { echo "$(iso_stat n1 "$1") $(iso_stat n1a "$1") $(iso_stat n1b "$1")"; }
# delta BEFORE AFTER: the three differences
delta() {
	set -- $1 $2
	echo "$(($4 - $1)) $(($5 - $2)) $(($6 - $3))"
}

before=$(snap forks)
$CGEXEC $CG/n1/a/b sh -c '/bin/true; /bin/true; exit 0' || fail "cgexec b"
expect_eq "forks in b count in n1, n1a and n1b" "$(delta "$before" "$(snap forks)")" "2 2 2"
before=$(snap forks)
$CGEXEC $CG/n1/a sh -c '/bin/true; exit 0' || fail "cgexec a"
expect_eq "forks in a count in n1 and n1a" "$(delta "$before" "$(snap forks)")" "1 1 0"

$CGEXEC $CG/n1/a/b sleep 60 &
sleeper=$!
wait_exec $sleeper sleep
expect_eq "a task in b is in all three" "$(snap threads)" "1 1 1"
kill $sleeper
wait

# CPU: the outer ones have at least what the inner one has.
$CGEXEC $CG/n1/a/b sh -c 'i=0; while [ $i -lt 20000 ]; do i=$((i + 1)); done'
set -- $(snap cpu_ns)
[ "$3" -gt 0 ] && [ "$2" -ge "$3" ] && [ "$1" -ge "$2" ] ||
	fail "cpu_ns n1 $1, n1a $2, n1b $3: outer below inner"

# rmdir ends the inner container, soon; the outer ones lose nothing.
before=$(snap forks)
rmdir $CG/n1/a/b || fail "rmdir b"
wait_until 5 "n1b still there 5 s after rmdir" '! isoctl stats n1b --json >/dev/null 2>&1'
set -- $before
expect_eq "n1 after rmdir of b" "$(iso_stat n1 forks)" "$1"
expect_eq "n1a after rmdir of b" "$(iso_stat n1a forks)" "$2"

# max_depth caps the level a container may sit at: $CG/n1/a is level 2.
isoctl untrack n1a
iso_reload max_depth=1
new_container n2
out=$(isoctl track $CG/n1/a --name n1a 2>&1) && fail "level 2 accepted under max_depth=1"
expect_match "max_depth" "$out" "max_depth"
drop_container n2
