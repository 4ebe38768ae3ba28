# SPDX-License-Identifier: GPL-2.0
# A module of another ABI version: the iso.ko of the commit before the
# last ABI bump (tests/abi/old-module.sh, which scripts/check.sh runs and
# hands to the 6.12 guest), loaded in place of this one.  What it does
# not know is refused, and isoctl names both versions.
. ./lib.sh

old=$(ls /lib/iso/iso-abi*.ko 2>/dev/null | head -n1)
if [ -z "$old" ]; then
	echo "no module of an older ABI here: scripts/check.sh builds one (tests/abi/old-module.sh) for the 6.12 guest"
	exit 77
fi
abi=$(sed -n 's/.*iso-abi\([0-9]*\)\.ko$/\1/p' <<EOT
$old
EOT
)
ours=$(isoctl version | sed -n 's/^isoctl .* (ABI \([0-9]*\))$/\1/p')
[ -n "$abi" ] && [ -n "$ours" ] && [ "$abi" -lt "$ours" ] ||
	fail "old module '$old' (ABI '$abi'), isoctl ABI '$ours'"

cleanup()
{
	drop_container abi1
	rm -f /tmp/abi.err
	iso_reload
}
trap cleanup EXIT
! iso_loaded || rmmod iso || fail "rmmod iso"
insmod "$old" || fail "insmod $old"

out=$(isoctl version 2>/tmp/abi.err) || fail "version against ABI $abi"
expect_match "version names the module's ABI" "$out" "^iso.ko .* \(ABI $abi\)"
expect_eq "version warns" "$(cat /tmp/abi.err)" \
	"isoctl: iso.ko was built for ABI $abi, this isoctl for ABI $ours: what came since is refused"
# what both know still works
new_container abi1
isoctl stats abi1 --json >/dev/null || fail "stats against ABI $abi"
isoctl limit abi1 --fork-rate 100/s || fail "fork_rate against ABI $abi"
# exec_count came with ABI $ours
err=$(isoctl limit abi1 --exec-count /bin/busybox 2>&1) &&
	fail "an ABI $abi module took exec_count"
expect_eq "exec_count against ABI $abi" "$err" \
	"isoctl: limit: setting exec_count on abi1: Operation not supported (no controller by that name in this iso.ko; iso.ko was built for ABI $abi, this isoctl for ABI $ours)"
# a refusal that has nothing to do with the ABI says nothing of it
err=$(isoctl limit nosuch --fork-rate 100/s 2>&1) && fail "limit on no container"
case $err in *ABI*) fail "ENOENT named the ABI: $err" ;; esac
exit 0
