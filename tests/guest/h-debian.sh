# SPDX-License-Identifier: GPL-2.0
# Host only (h-*): the debian template debootstraps from the host's apt
# mirror, which the guests cannot reach, into a cache that makes the
# second create take seconds.  ISO_CACHE_DIR keeps the cache between runs.
. ./lib.sh

command -v debootstrap >/dev/null || { echo "debootstrap not installed"; exit 77; }
export ISO_PATH=/tmp/iso-debian-test
rm -rf $ISO_PATH
trap 'rm -rf $ISO_PATH' EXIT

isoctl create -n d1 -t debian >/tmp/iso-debian.log 2>&1 || {
	tail -n 20 /tmp/iso-debian.log
	fail "create -t debian"
}
start=$(date +%s)
out=$(isoctl create -n d2 -t debian 2>&1) || fail "second create: $out"
took=$(( $(date +%s) - start ))
expect_match "second create uses the cache" "$out" "using the cached .*/debian/[a-z]+_amd64_minbase"
[ $took -le 10 ] || fail "second create took $took s"
out=$(isoctl exec -n d2 -- sh -c 'hostname; . /etc/os-release; echo $ID; dpkg -s dpkg | grep -c "^Status: install ok installed"')
expect_eq "debian runs" "$(echo $out)" "d2 debian 1"
err=$(isoctl create -n d3 -t debian -- --release 2>&1) && fail "bad template argument"
expect_match "bad argument" "$err" "^isoctl: debian template --release: usage:"
[ ! -e $ISO_PATH/d3 ] || fail "bad argument left d3"
exit 0
