# SPDX-License-Identifier: GPL-2.0
# The kernel's own YNL CLI (tools/net/ynl/pyynl/cli.py, from the 7.3
# source) drives iso.ko through Documentation/netlink/specs/iso.yaml
# alone: GET_INFO, a do and a dump of container-get, limit-get, a
# container-del, an error's extack, and the events group.  What it reads
# must be what isoctl reads.  It needs python3: scripts/vm --python.
. ./lib.sh

YNL=/usr/share/iso/ynl
[ -x /usr/bin/python3 ] && [ -f $YNL/pyynl/cli.py ] ||
	{ echo "no python3 and YNL in this guest: it runs where scripts/vm --python put them"; exit 77; }
# the schema was checked on the host (tests/ynl/spec-check.sh)
ynl() { python3 $YNL/pyynl/cli.py --spec $YNL/specs/iso.yaml --no-schema --output-json "$@"; }
trap 'kill $sub 2>/dev/null; for c in y1 y2 y3; do drop_container $c; done' EXIT
for c in y1 y2 y3; do drop_container $c; done

# json_field JSON KEY: a number or string of a flat key, anywhere in it
json_field()
{
	echo "$1" | python3 -c 'import json, sys
def find(o, k):
    if isinstance(o, dict):
        if k in o:
            return o[k]
        for v in o.values():
            r = find(v, k)
            if r is not None:
                return r
    if isinstance(o, list):
        for v in o:
            r = find(v, k)
            if r is not None:
                return r
print(find(json.load(sys.stdin), sys.argv[1]))' "$2"
}

out=$(ynl --do get-info) || fail "get-info: $out"
expect_eq "ABI" "$(json_field "$out" abi-version)" \
	"$(isoctl version | sed -n 's/^iso.ko .* (ABI \([0-9]*\)).*/\1/p')"
expect_eq "module version" "$(json_field "$out" module-version)" \
	"$(isoctl version | sed -n 's/^iso.ko \([^ ]*\) .*/\1/p')"
expect_match "features as flags" "$out" '"features": \[.*"sched-tracepoints"'

new_container y1
new_container y2
mkdir $CG/y1/in && isoctl track $CG/y1/in --name y3 || fail "track y3"

out=$(ynl --do container-get --json '{"container": {"name": "y1"}}') || fail "do: $out"
expect_eq "do: name" "$(json_field "$out" name)" y1
expect_eq "do: cgroup id" "$(json_field "$out" cgroup-id)" "$(iso_stat y1 cgroup_id)"
expect_eq "do: path" "$(json_field "$out" cgroup-path)" /y1
expect_eq "do: forks" "$(json_field "$out" forks)" "$(iso_stat y1 forks)"

out=$(ynl --dump container-get) || fail "dump: $out"
names=$(echo "$out" | python3 -c 'import json, sys
print(" ".join(sorted(c["container"]["name"] for c in json.load(sys.stdin))))')
expect_eq "dump: every container" "$names" \
	"$(isoctl stats --json | sed -n 's/^[[ ]*{ "name": "\([^"]*\)".*/\1/p' | sort | tr '\n' ' ' | sed 's/ $//')"
echo "$names" | grep -q 'y1 y2 y3' || fail "dump: $names"

isoctl limit y2 --fork-rate 7/s || fail "fork_rate on y2"
out=$(ynl --do limit-get --json '{"container": {"name": "y2"}}') || fail "limit-get: $out"
expect_eq "limit-get: controller" "$(json_field "$out" controller)" fork_rate

# an error: its errno and the kernel's extack, as isoctl gets them
out=$(ynl --do container-get --json '{"container": {"name": "nope"}}' 2>&1) &&
	fail "a missing container: $out"
expect_match "missing: errno" "$out" "error.*-?2|No such file"

# the events group, and a DEL made through the spec
ynl --subscribe events --duration 4 >/tmp/ynl.events 2>&1 &
sub=$!
sleep 2
out=$(ynl --do container-del --json '{"container": {"name": "y2"}}') || fail "del: $out"
isoctl stats y2 --json >/dev/null 2>&1 && fail "y2 is still there after the CLI's DEL"
wait $sub
expect_match "removed event" "$(cat /tmp/ynl.events)" '"type": "removed"'
expect_match "its name" "$(cat /tmp/ynl.events)" '"name": "y2"'
rm -f /tmp/ynl.events
exit 0
