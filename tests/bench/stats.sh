# SPDX-License-Identifier: GPL-2.0
# What the benchmarks print of their runs, one number a line in a file.

median()
{
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# The spread of one side: "p25-p75 (min-max)".
spread()
{
	sort -n | awk '{ v[NR] = $1 } END {
		printf "%d-%d (%d-%d)", v[int((NR + 3) / 4)], v[int((3 * NR + 3) / 4)],
			v[1], v[NR] }'
}

# round_ratios OFF ON: each round's ratio, (on + on) / (off + off), for
# files of two runs a round each, measured off, on, on, off: a linear
# drift cancels within the round.  One a line, sorted.
round_ratios()
{
	awk 'NR % 2 { a = $1; next } { print a + $1 }' "$1" >"$1.2"
	awk 'NR % 2 { a = $1; next } { print a + $1 }' "$2" >"$2.2"
	paste "$1.2" "$2.2" | awk '{ print $2 / $1 }' | sort -n
}
