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

KERNEL_PKGS=(linux-source-6.12 build-essential bc bison flex libelf-dev libssl-dev
	cpio xz-utils kmod python3 golang-go binutils)
QEMU_PKGS=(qemu-system-x86 busybox-static cpio python3-pexpect golang-go)
