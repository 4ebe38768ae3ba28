#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build a debug kernel (lockdep, PROVE_RCU, kmemleak, KASAN, KUnit) from
# Debian's kernel source: allnoconfig plus scripts/kernel/debug.config.
#
#   build-debug-kernel.sh [debug | debug-6.1]
#
# "debug" is built from linux-source-7.3 (trixie-backports, fetched with a
# private apt state so the host's sources stay bookworm only), "debug-6.1"
# from bookworm's linux-source-6.1: some bugs show only on one of them.  A
# build is cached in $ISO_CACHE/debug/<key>, the key hashing the fragment,
# the source package and the compiler; $ISO_CACHE/kernels/<name> points at
# the current one.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

FRAGMENT=$ISO_ROOT/scripts/kernel/debug.config
TRIXIE_APT=$ISO_CACHE/apt-trixie

trixie_apt()
{
	apt-get -o Dir::Etc::SourceList="$TRIXIE_APT/sources.list" \
		-o Dir::Etc::SourceParts=/dev/null \
		-o Dir::Etc::Preferences=/dev/null \
		-o Dir::Etc::PreferencesParts=/dev/null \
		-o Dir::State::Lists="$TRIXIE_APT/lists" \
		-o Dir::State::status="$TRIXIE_APT/status" \
		-o Dir::Cache="$TRIXIE_APT/cache" \
		-o APT::Sandbox::User=root "$@"
}

trixie_apt_init()
{
	mkdir -p "$TRIXIE_APT/lists/partial" "$TRIXIE_APT/cache/archives/partial"
	touch "$TRIXIE_APT/status"
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]" \
		"$(iso_debian_mirror) trixie-backports main" \
		>"$TRIXIE_APT/sources.list"
	trixie_apt update -qq
}

# Print the path of the unpacked source tree of package $1.
fetch_source()
{
	local pkg=$1 dir=$ISO_CACHE/src deb tarball

	mkdir -p "$dir"
	if [ ! -d "$dir/$pkg" ]; then
		rm -f "$dir/$pkg"_*.deb
		if [ "$pkg" = linux-source-6.1 ]; then
			(cd "$dir" && apt-get download -o APT::Sandbox::User=root \
				"$pkg") >&2 || return 1
		else
			trixie_apt_init >&2 || return 1
			(cd "$dir" && trixie_apt download "$pkg") >&2 || return 1
		fi
		deb=$(ls "$dir/$pkg"_*.deb)
		tarball=./usr/src/$pkg.tar.xz
		rm -rf "$dir/$pkg.tmp"
		mkdir -p "$dir/$pkg.tmp"
		dpkg-deb --fsys-tarfile "$deb" | tar -xO "$tarball" |
			tar -xJ -C "$dir/$pkg.tmp" || return 1
		mv "$dir/$pkg.tmp/$pkg" "$dir/$pkg"
		rmdir "$dir/$pkg.tmp"
		rm -f "$deb"
	fi
	echo "$dir/$pkg"
}

# Options spelled differently in one source live in debug-<package>.config.
fragments()
{
	echo "$FRAGMENT"
	[ ! -e "${FRAGMENT%.config}-$1.config" ] ||
		echo "${FRAGMENT%.config}-$1.config"
}

cache_key()
{
	{
		cat $(fragments "$1")
		echo "$1"
		gcc --version | head -n1
		# kbuild records pahole's version and checks it on module builds
		pahole --version 2>/dev/null || echo "no pahole"
	} | sha256sum | cut -c1-16
}

# Every option the fragment asks for must survive olddefconfig: a
# dependency that is not met drops it silently otherwise.
check_config()
{
	local config=$1 line bad=0
	shift

	while read -r line; do
		case $line in
		CONFIG_*=*) ;;
		*) continue ;;
		esac
		grep -qx -- "$line" "$config" && continue
		msg "fragment asks for $line, config has:" \
			"$(grep -- "^${line%%=*}=" "$config" || echo unset)"
		bad=1
	done < <(cat "$@")
	return $bad
}

build()
{
	local name=$1 pkg=$2 src out build start jobs

	src=$(fetch_source "$pkg") || {
		msg "$pkg: download or unpack failed"
		return 1
	}
	out=$ISO_CACHE/debug/$(cache_key "$pkg")
	build=$out/build
	if [ -e "$out/release" ]; then
		ln -sfn "$out" "$(iso_kernel_dir "$name")"
		return 0
	fi

	msg "building the $name kernel from $pkg into $out"
	start=$(date +%s)
	jobs=$(($(nproc) + 1))
	rm -rf "$out"
	mkdir -p "$build"
	make -s -C "$src" O="$build" allnoconfig >/dev/null
	"$src/scripts/kconfig/merge_config.sh" -m -O "$build" \
		"$build/.config" $(fragments "$pkg") >/dev/null
	make -s -C "$src" O="$build" olddefconfig
	check_config "$build/.config" $(fragments "$pkg") || return 1
	make -s -C "$src" O="$build" -j"$jobs" bzImage modules || return 1

	cp "$build/arch/x86/boot/bzImage" "$out/vmlinuz"
	ln -sfn "$build" "$out/kdir"
	mkdir -p "$out/modules"
	make -s -C "$src" O="$build" kernelrelease >"$out/release.tmp"
	mv "$out/release.tmp" "$out/release"
	mkdir -p "$ISO_CACHE/kernels"
	ln -sfn "$out" "$(iso_kernel_dir "$name")"
	msg "built $pkg ($(cat "$out/release")) in $(($(date +%s) - start)) s"
}

main()
{
	local name=${1:-debug} pkg

	case $name in
	debug) pkg=linux-source-7.3 ;;
	debug-6.1) pkg=linux-source-6.1 ;;
	*) die "usage: build-debug-kernel.sh [debug | debug-6.1]" ;;
	esac
	"$ISO_ROOT/scripts/deps.sh" host
	# one build at a time: a second caller waits, then finds it cached
	mkdir -p "$ISO_CACHE/debug"
	exec 9>"$ISO_CACHE/debug/.lock"
	flock 9
	build "$name" "$pkg" || die "$pkg did not build the $name kernel"
}

main "$@"
