# SPDX-License-Identifier: GPL-2.0
# Sourced by the guest tests.

ISO_KO=/lib/iso/iso.ko
NLSEND=/tests/tools/nlsend

fail() { echo "FAIL: $*"; exit 1; }

# expect_eq WHAT GOT WANT
expect_eq()
{
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# expect_match WHAT TEXT PATTERN (grep -E)
expect_match()
{
	echo "$2" | grep -qE -- "$3" || fail "$1: '$2' does not match /$3/"
}

iso_loaded() { grep -q '^iso ' /proc/modules; }

# Leave the module loaded with default parameters, whatever a test did.
iso_reload()
{
	! iso_loaded || rmmod iso || fail "rmmod iso"
	insmod "$ISO_KO" "$@" || fail "insmod iso.ko $*"
}

# The running release, escaped for grep -E ("6.12.95+deb12-amd64").
release_re() { uname -r | sed 's/[][\.*^$+?(){}|]/\\&/g'; }
