#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what iso needs to build and test; safe to run again.
#
#   deps.sh            host packages and the Debian kernels
#   deps.sh host       host packages only
#   deps.sh kernel K   Debian kernel K (6.1, 6.12 or 6.12-rt) into the cache
#   deps.sh bench      the peers bench-exec.sh compares with: lxc, bwrap
#
# Kernels are unpacked with dpkg-deb into $ISO_CACHE, never installed.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

HOST_PACKAGES="build-essential bc bison flex libelf-dev libssl-dev kmod cpio liburing-dev
	xz-utils zstd pkg-config python3 rsync qemu-system-x86 busybox-static
	libnl-3-dev libnl-genl-3-dev libnl-route-3-dev libcmocka-dev
	libseccomp-dev libcap-dev libbpf-dev libjson-c-dev libmicrohttpd-dev dwarves
	libkeyutils-dev libapparmor-dev libselinux1-dev
	debootstrap clang python3-prometheus-client python3-yaml python3-jsonschema dkms
	libncurses-dev tmux
	libclang-rt-14-dev"

BENCH_PACKAGES="lxc bubblewrap"

BACKPORTS_LIST=/etc/apt/sources.list.d/bookworm-backports.sources

apt_updated=
apt_update()
{
	[ -n "$apt_updated" ] && return 0
	apt-get update -qq || die "apt-get update failed"
	apt_updated=1
}

have_backports()
{
	grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/
}

add_backports()
{
	local mirror

	have_backports && return 0
	msg "adding bookworm-backports as an apt source ($BACKPORTS_LIST)"
	mirror=$(iso_debian_mirror)
	cat >"$BACKPORTS_LIST.tmp" <<-EOF
	Types: deb
	URIs: $mirror
	Suites: bookworm-backports
	Components: main
	Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
	EOF
	mv "$BACKPORTS_LIST.tmp" "$BACKPORTS_LIST"
	apt_updated=
}

install_host()
{
	local missing="" p

	for p in ${1:-$HOST_PACKAGES}; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	msg "installing:$missing"
	apt_update
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends $missing ||
		die "apt-get install failed for:$missing"
}

# The concrete package a Debian meta package (linux-image-amd64, ...)
# points to in one suite.
resolve_meta()
{
	local meta=$1 suite=$2 dep

	dep=$(apt-cache show "$meta/$suite" 2>/dev/null |
		sed -n 's/^Depends: *\([^ ,]*\).*/\1/p' | head -n1)
	[ -n "$dep" ] || die "$meta: not found in $suite (apt-cache show $meta/$suite)"
	echo "$dep"
}

# The headers and kbuild packages that linux-headers-<release> depends on.
header_deps()
{
	apt-cache depends "$1" 2>/dev/null |
		sed -n 's/^ *Depends: *\(linux-\(headers\|kbuild\)-[^ ]*\).*/\1/p' |
		sort -u
}

fetch_debs()
{
	local dest=$1
	shift
	mkdir -p "$dest"
	(cd "$dest" && apt-get download -o APT::Sandbox::User=root "$@" \
		>download.log 2>&1) || {
		tail -n 5 "$dest/download.log" >&2
		die "apt-get download failed for: $*"
	}
}

# Debian's headers include their -common half by absolute path; point it
# into the unpacked tree instead.
fix_header_paths()
{
	local root=$1 kdir=$2

	sed -i "s|^include /usr/src/|include $root/usr/src/|" "$kdir/Makefile"
}

kernel_suite()
{
	case $1 in
	6.1) echo bookworm-security ;;
	6.12 | 6.12-rt) echo bookworm-backports ;;
	*) die "no Debian package for kernel '$1' (fetchable: 6.1, 6.12, 6.12-rt)" ;;
	esac
}

# Debian's meta package of kernel $1's image or headers ($2).
kernel_meta()
{
	case $1 in
	*-rt) echo "linux-$2-rt-amd64" ;;
	*) echo "linux-$2-amd64" ;;
	esac
}

fetch_kernel()
{
	local k=$1 suite image headers release dir root deb kdir

	suite=$(kernel_suite "$k")
	add_backports
	apt_update
	image=$(resolve_meta "$(kernel_meta "$k" image)" "$suite")
	headers=$(resolve_meta "$(kernel_meta "$k" headers)" "$suite")
	release=${headers#linux-headers-}
	dir=$(iso_kernel_dir "$k")
	if [ -e "$dir/release" ] && [ "$(cat "$dir/release")" = "$release" ]; then
		return 0
	fi

	msg "fetching kernel $k: $image $headers"
	tmp=$(mktemp -d "$ISO_CACHE/.fetch.XXXXXX")
	# shellcheck disable=SC2046
	fetch_debs "$tmp/debs" "$image" "$headers" $(header_deps "$headers")
	root=$dir/root
	rm -rf "$dir"
	mkdir -p "$root"
	for deb in "$tmp"/debs/*.deb; do
		dpkg-deb -x "$deb" "$root" || die "dpkg-deb -x $deb failed"
	done
	kdir=$root/usr/src/linux-headers-$release
	fix_header_paths "$root" "$kdir"
	ln -sfn "$kdir" "$dir/kdir"
	ln -sfn "$root/boot/vmlinuz-$release" "$dir/vmlinuz"
	ln -sfn "$root/lib/modules/$release" "$dir/modules"
	echo "$release" >"$dir/release.tmp"
	mv "$dir/release.tmp" "$dir/release"
	rm -rf "$tmp"
}

# The candidate version of Debian package $1 in the host's apt sources.
candidate()
{
	local version

	version=$(apt-cache policy "$1" | sed -n 's/^ *Candidate: *//p')
	[ -n "$version" ] && [ "$version" != "(none)" ] ||
		die "no $1 package in the host's apt sources"
	echo "$version"
}

# unpack_debs WHAT DIR VERSION PKG...: Debian's packages PKG, unpacked
# into DIR/root, never installed, unless DIR/version says VERSION already.
unpack_debs()
{
	local what=$1 dir=$2 version=$3 deb

	shift 3
	if [ -e "$dir/version" ] && [ "$(cat "$dir/version")" = "$version" ]; then
		return 0
	fi
	msg "fetching Debian's $what $version (unpacked, not installed)"
	tmp=$(mktemp -d "$ISO_CACHE/.fetch.XXXXXX")
	fetch_debs "$tmp/debs" "$@"
	rm -rf "$dir"
	mkdir -p "$dir/root"
	for deb in "$tmp"/debs/*.deb; do
		dpkg-deb -x "$deb" "$dir/root" || die "dpkg-deb -x $deb failed"
	done
	echo "$version" >"$dir/version"
	rm -rf "$tmp"
}

# Debian's LXC: the configs people bring (/usr/share/lxc/config, with
# lxc-templates' distribution ones, and /etc/lxc/default.conf), which the
# tests load, and liblxc1 with LXC's tools, which h-lxc-store runs from
# there in a mount namespace of its own to make containers that isoctl
# must then run, and to run isoctl's.  With apparmor, which lxc
# recommends: apparmor_parser and its config, that a guest carries to
# load generated profiles (t-apparmor).
fetch_lxc()
{
	local version

	version=$(candidate lxc)
	version="$version $(apt-cache policy lxc-templates liblxc1 apparmor |
		sed -n 's/^ *Candidate: *//p' | paste -sd' ')"
	unpack_debs LXC "$ISO_CACHE/lxc" "$version" \
		lxc liblxc1 liblxc-common lxc-templates apparmor
}

# Debian's checkpolicy: it compiles the small policy that the guest
# booted with SELinux loads (selinux-policy.sh).
fetch_selinux()
{
	local version

	version=$(candidate checkpolicy)
	unpack_debs checkpolicy "$ISO_CACHE/selinux" "$version" checkpolicy
}

tmp=
trap '[ -z "$tmp" ] || rm -rf "$tmp"' EXIT

main()
{
	mkdir -p "$ISO_CACHE"
	# concurrent runs (two guests booting at once) unpack one at a time
	exec 9>"$ISO_CACHE/.deps.lock"
	flock 9
	case ${1:-all} in
	host)
		install_host
		fetch_lxc
		fetch_selinux
		;;
	bench)
		install_host "$BENCH_PACKAGES"
		;;
	kernel)
		[ $# -eq 2 ] || die "usage: deps.sh kernel {6.1|6.12|6.12-rt}"
		install_host
		fetch_kernel "$2"
		;;
	all)
		install_host
		fetch_lxc
		fetch_selinux
		fetch_kernel 6.1
		fetch_kernel 6.12
		fetch_kernel 6.12-rt
		;;
	*)
		die "usage: deps.sh [host | kernel {6.1|6.12|6.12-rt} | all]"
		;;
	esac
}

main "$@"
