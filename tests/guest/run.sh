#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# In the guest: run each tests/guest/t-*.sh (or those named) and print one
# line each, "PASS name", "FAIL name" or "SKIP name: why", then a summary.
# A test exits 0 to pass, 77 to skip (saying why on stdout), else it fails.
cd "$(dirname "$0")"
pass=0 fail=0 skip=0
[ $# -gt 0 ] || set -- t-*.sh
for t in "$@"; do
	name=${t%.sh}
	t0=$(date +%s)
	# no terminal, whatever the console is: isoctl gives a terminal
	# a pty of the container's, and the tests that want one (ptyrun)
	# make their own
	out=$(sh "./$t" 2>&1 </dev/null)
	rc=$?
	# how long each test takes, for keeping make check within its time
	echo "# $name took $(($(date +%s) - t0)) s"
	if [ $rc -eq 0 ]; then
		echo "PASS $name"
		pass=$((pass + 1))
	elif [ $rc -eq 77 ]; then
		echo "SKIP $name: $(echo "$out" | tail -n1)"
		skip=$((skip + 1))
	else
		# what failed, on the result line: a summary shows only those
		why=$(echo "$out" | awk '/^FAIL: /{ f = 1 }
			f { printf "%s%s", s, $0; s = " | " }' | cut -c1-600)
		echo "FAIL $name (exit $rc)${why:+: ${why#FAIL: }}"
		echo "$out" | sed 's/^/    /'
		fail=$((fail + 1))
	fi
done
echo "guest suite on $(uname -r): $pass ok, $fail not ok, $skip skipped"
[ $fail -eq 0 ]
