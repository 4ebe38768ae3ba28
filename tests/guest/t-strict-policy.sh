# SPDX-License-Identifier: GPL-2.0
# The family validates requests strictly: unknown commands, attributes the
# ABI does not have, reply-only attributes and trailing junk are refused.
. ./lib.sh

CMD_GET_INFO=1
A_PAD=1
A_INFO=2
A_UNKNOWN=200

out=$($NLSEND $CMD_GET_INFO) || fail "plain GET_INFO: $out"
expect_eq "plain GET_INFO" "$out" "ok"

out=$($NLSEND 99)
expect_match "unknown command" "$out" "^error 95 "		# EOPNOTSUPP

out=$($NLSEND $CMD_GET_INFO $A_UNKNOWN:u32:1)
expect_match "unknown attribute" "$out" "^error 22 \(Invalid argument\): .+"

out=$($NLSEND $CMD_GET_INFO $A_INFO:bin:0800060001000000)
expect_match "reply-only attribute" "$out" "^error 22 \(Invalid argument\): .+"

out=$($NLSEND $CMD_GET_INFO $A_PAD:u32:0)
expect_match "pad attribute" "$out" "^error 22 \(Invalid argument\): .+"

out=$($NLSEND $CMD_GET_INFO junk:3)
expect_match "trailing junk" "$out" "^error 22 "
