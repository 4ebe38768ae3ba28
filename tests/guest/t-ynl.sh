# SPDX-License-Identifier: GPL-2.0
# The kernel's own YNL CLI (tools/net/ynl/pyynl/cli.py, from the 7.3
# source) drives iso.ko through Documentation/netlink/specs/iso.yaml
# alone: GET_INFO, a do and a dump of container-get, limit-get, a
# container-del, an error's extack, and the events group.  What it reads
# must be what isoctl reads.  It needs python3: scripts/vm --python.
. ./lib.sh

YNL=/usr/share/iso/ynl
if [ ! -x /usr/bin/python3 ] || [ ! -f $YNL/pyynl/cli.py ]; then
	[ "${ISO_PYTHON:-0}" = 0 ] || fail "scripts/vm --python, but no python3 or YNL here"
	echo "no python3 and YNL in this guest: it runs where scripts/vm --python put them"
	exit 77
fi
# the schema was checked on the host (tests/ynl/spec-check.sh)
ynl() { python3 -B $YNL/pyynl/cli.py --spec $YNL/specs/iso.yaml --no-schema --output-json "$@"; }

# the kernel's policy, every attribute a request may carry, as the spec
# says it: types, lengths, minimums, and reply-only for the rest
ynl --policy --do container-get >/tmp/ynl.policy || fail "policy: $(cat /tmp/ynl.policy)"
out=$(python3 -B /tests/ynl/policy-check /tmp/ynl.policy $YNL/specs/iso.yaml) ||
	fail "the kernel's policy and the spec: $out"
trap 'kill $sub 2>/dev/null; for c in y1 y2 y3 yready; do drop_container $c; done' EXIT
for c in y1 y2 y3 yready; do drop_container $c; done

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
expect_match "missing: errno" "$out" "No such file or directory"
expect_match "missing: extack" "$out" "no such container"

# the events group, and a DEL made through the spec: the subscriber is
# ready once it printed an event of a container made for that
fresh /tmp/ynl.events
# it ends on its own after --duration: past the waits below, whatever
# they take, and killed once they are over; unbuffered, as a file is
# not a terminal and each event must be there as it comes
PYTHONUNBUFFERED=1 ynl --subscribe events --duration 150 >/tmp/ynl.events 2>&1 &
sub=$!
i=0
until grep -q '"name": "yready"' /tmp/ynl.events; do
	new_container yready
	drop_container yready
	i=$((i + 1))
	[ $i -lt 60 ] || fail "the subscriber never got an event: $(cat /tmp/ynl.events)"
	sleep 0.5
done
out=$(ynl --do container-del --json '{"container": {"name": "y2"}}') || fail "del: $out"
isoctl stats y2 --json >/dev/null 2>&1 && fail "y2 is still there after the CLI's DEL"
# the CLI's python, under TCG beside another guest, takes its time
wait_until 30 "no removed event for y2" 'grep -q "\"name\": \"y2\"" /tmp/ynl.events'
kill $sub
wait $sub 2>/dev/null
expect_match "removed event" "$(cat /tmp/ynl.events)" '"type": "removed"'
expect_match "its name" "$(cat /tmp/ynl.events)" '"name": "y2"'
rm -f /tmp/ynl.events
exit 0
