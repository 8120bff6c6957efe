# SPDX-License-Identifier: GPL-2.0
# Shared settings for the qemu/ scripts: where things are cached and built.
# shellcheck shell=bash

QEMU_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP_DIR=$(dirname "$QEMU_DIR")
GOSYM_CACHE=${GOSYM_CACHE:-$HOME/.cache/gosym}
KSRC_TARBALL=/usr/src/linux-source-6.12.tar.xz

die() {
	echo "gosym: $*" >&2
	exit 2
}

# need_pkgs PKG...: install the Debian packages that are missing.
need_pkgs() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	[ "$(id -u)" -eq 0 ] || die "missing packages (run as root to install): ${missing[*]}"
	echo "gosym: installing ${missing[*]}" >&2
	if [ ! -e "$GOSYM_CACHE/.apt-updated" ]; then
		apt-get update -q >&2 || die "apt-get update failed"
		mkdir -p "$GOSYM_CACHE" && touch "$GOSYM_CACHE/.apt-updated"
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		"${missing[@]}" >&2 || die "apt-get install failed: ${missing[*]}"
}

# apt_private DIR ARCH SOURCES: set APT_OPTS for apt-get / apt-cache to use
# package lists and a cache of their own under DIR, for architecture ARCH,
# from the sources.list line SOURCES ("-": the host's sources), so that
# downloading another architecture's or release's package leaves the
# host's apt state alone.
apt_private() {
	local dir=$1 arch=$2 src=$3
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
	APT_OPTS=(-q -o APT::Architecture="$arch" -o APT::Architectures="$arch"
		-o APT::Sandbox::User=root -o Dir::State::Lists="$dir/lists"
		-o Dir::Cache="$dir/cache")
	if [ "$src" != - ]; then
		echo "$src" > "$dir/sources.list"
		APT_OPTS+=(-o Dir::Etc::SourceList="$dir/sources.list"
			-o Dir::Etc::SourceParts=/nonexistent)
	fi
}

# The GOARCHes tests/corpus builds the Go programs for.
ARCHES="amd64 386 arm arm64 ppc64le ppc64 s390x mips riscv64"

KERNEL_PKGS=(linux-source-6.12 build-essential bc bison flex libelf-dev libssl-dev
	cpio xz-utils kmod python3 golang-go binutils)
QEMU_PKGS=(qemu-system-x86 busybox-static cpio python3-pexpect golang-go)
# An arm64 guest (qemu/run --arch arm64): emulator and cross compilers.
QEMU_ARM64_PKGS=(qemu-system-arm gcc-aarch64-linux-gnu libc6-dev-arm64-cross cpio
	python3-pexpect golang-go)
