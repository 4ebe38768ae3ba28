# SPDX-License-Identifier: GPL-2.0
# Shared by the scripts in this directory; source it, do not run it.

ISO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ISO_CACHE=${ISO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/iso}

# The kernels of the test matrix.  "debug" (from linux-source-7.3) and
# "debug-6.1" (from bookworm's linux-source-6.1) are built by
# build-debug-kernel.sh; the others are Debian's own images, fetched by
# deps.sh: 6.12-rt is Debian's PREEMPT_RT flavour.
ISO_KERNELS="6.1 6.12 6.12-rt debug debug-6.1"

msg() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
die() { msg "$*"; exit 1; }

iso_known_kernel()
{
	local k
	for k in $ISO_KERNELS; do
		[ "$k" = "$1" ] && return 0
	done
	return 1
}

# Where a kernel of the matrix lives once fetched or built: the directory
# holds vmlinuz, kdir (a kbuild tree), modules/ and a file named release.
iso_kernel_dir()
{
	echo "$ISO_CACHE/kernels/$1"
}

iso_debug_kernel()
{
	case $1 in
	debug | debug-*) return 0 ;;
	esac
	return 1
}

# The URI of the host's Debian archive, from its apt sources: the
# repository names no mirror of its own.
iso_debian_mirror()
{
	local uri

	uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
		awk '/^URIs:/ { u = $2 } /^Suites:/ && / bookworm( |$)/ { print u; exit }')
	[ -n "$uri" ] || uri=$(grep -hs '^deb ' /etc/apt/sources.list \
		/etc/apt/sources.list.d/*.list |
		awk '$0 !~ /security/ && / bookworm / {
			for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) { print $i; exit } }')
	[ -n "$uri" ] || die "no Debian bookworm archive in the host's apt sources"
	echo "$uri"
}

iso_require_kernel()
{
	local dir

	iso_known_kernel "$1" ||
		die "unknown kernel '$1' (known: ${ISO_KERNELS// /, })"
	dir=$(iso_kernel_dir "$1")
	if iso_debug_kernel "$1"; then
		# cheap when cached; rebuilds when the fragment changed
		"$ISO_ROOT/scripts/build-debug-kernel.sh" "$1" >&2 ||
			die "building the $1 kernel failed"
	elif [ ! -e "$dir/release" ]; then
		"$ISO_ROOT/scripts/deps.sh" kernel "$1" >&2 ||
			die "fetching kernel $1 failed"
	fi
	echo "$dir"
}
