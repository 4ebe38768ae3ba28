# SPDX-License-Identifier: GPL-2.0
# Shared by the scripts in this directory; source it, do not run it.

ISO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ISO_CACHE=${ISO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/iso}

# The kernels of the test matrix.  "debug" is built by build-debug-kernel.sh;
# the others are Debian's own images, fetched by deps.sh.
ISO_KERNELS="6.1 6.12 debug"

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
	if [ "$1" = debug ]; then
		echo "$ISO_CACHE/kernels/debug"
	else
		echo "$ISO_CACHE/kernels/$1"
	fi
}

iso_require_kernel()
{
	local dir

	iso_known_kernel "$1" ||
		die "unknown kernel '$1' (known: ${ISO_KERNELS// /, })"
	dir=$(iso_kernel_dir "$1")
	if [ "$1" = debug ]; then
		# cheap when cached; rebuilds when the fragment changed
		"$ISO_ROOT/scripts/build-debug-kernel.sh" >&2 ||
			die "building the debug kernel failed"
	elif [ ! -e "$dir/release" ]; then
		"$ISO_ROOT/scripts/deps.sh" kernel "$1" >&2 ||
			die "fetching kernel $1 failed"
	fi
	echo "$dir"
}
