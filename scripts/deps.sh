#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what lsw needs on Debian/Ubuntu, and place the test kernels.
#
# Idempotent: packages already installed are left alone, kernels already
# unpacked in the cache ($LSW_CACHE, outside the checkout: every clone
# shares them) are not fetched again, and when nothing is missing apt is
# not run at all.  Run as root (or with sudo available); everything comes
# from the distribution's apt repositories.

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib/kernels.sh"

SUDO=
if [[ $(id -u) != 0 ]]; then
	SUDO=sudo
fi

# Build: compiler, kernel headers for both supported kernels, libmnl.
# Checks: sparse, the kernel source (checkpatch.pl, tools/net/ynl).
# VM: qemu, a static busybox for the initramfs, kmod/cpio/xz to pack it.
# Tests: iproute2, tcpdump and tshark to look at packets on the wire,
# iperf3 for TCP streams; python3-openvswitch, the OVSDB client library
# lsw-ovn runs on (lsw_ovn_agent.sh; a library, it starts no daemon).
# Packaging and docs (selftests/lsw_pkg.sh, make deb): dkms, debhelper
# with dh-dkms and dh-python, lintian, sphinx, groff and man-db,
# bash-completion.
# The debug kernel (make debug-kernel): flex, bison and libssl-dev too.
# lsw_ovn.sh: the shared libraries and Python module that Open vSwitch
# and OVN, unpacked below, link against.
packages=(
	gcc make pkg-config libmnl-dev libelf-dev bc
	linux-headers-amd64 linux-headers-6.12-amd64 linux-source-6.12
	sparse
	qemu-system-x86 busybox-static kmod cpio xz-utils
	iproute2 iputils-ping iputils-arping ethtool tcpdump tshark procps psmisc
	jq util-linux dnsmasq-base iperf3
	python3 python3-yaml python3-jsonschema python3-openvswitch
	dkms dh-dkms dh-python debhelper fakeroot lintian python3-sphinx
	groff-base man-db bash-completion
	flex bison libssl-dev
	libbpf1 libcap-ng0 libnuma1 libssl3 libunbound8 libxdp1 libudev1
	python3-sortedcontainers
)

# dpkg-query fails for a package this machine has never heard of: a
# fresh machine's case, not an error.
installed=" $({ dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null || true; } |
	awk '/ ok installed$/ { printf "%s ", $1 }')"
missing=()
for p in "${packages[@]}"; do
	[[ $installed == *" $p "* ]] || missing+=("$p")
done

# apt_update: the package lists, once, and only when something is to be
# installed or fetched (a fresh machine has none).
updated=
apt_update()
{
	[[ -z $updated ]] || return 0
	echo "deps: apt-get update"
	$SUDO apt-get update -q
	updated=1
}

if [[ ${#missing[@]} -gt 0 ]]; then
	apt_update
	echo "deps: installing ${missing[*]}"
	$SUDO env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# unpack_debs DIR PKG...: the packages downloaded (not installed) and
# unpacked into DIR, which holds nothing else afterwards.
unpack_debs()
{
	local dir=$1 tmp deb

	shift
	tmp=$(mktemp -d)
	chmod 755 "$tmp"
	(cd "$tmp" && apt-get download -q "$@" >/dev/null 2>&1 ||
	 apt-get download -q "$@")
	rm -rf "$dir"
	mkdir -p "$dir"
	for deb in "$tmp"/*.deb; do
		dpkg-deb -x "$deb" "$dir"
	done
	rm -rf "$tmp"
}

# The test kernels: the images that match the installed headers.
mkdir -p "$LSW_CACHE/kernels"
: > "$LSW_CACHE/kernels/list.new"
for meta in linux-headers-amd64 linux-headers-6.12-amd64; do
	kver=$(lsw_kver_of_meta "$meta")
	if [[ -z $kver ]]; then
		echo "deps: cannot tell which kernel $meta stands for" >&2
		exit 1
	fi
	dir=$LSW_CACHE/kernels/$kver
	if [[ ! -f $dir/boot/vmlinuz-$kver || ! -f $dir/lib/modules/$kver/modules.dep ]]; then
		img=linux-image-$kver
		apt-cache show "$img" >/dev/null 2>&1 || apt_update
		# Debian 12 ships the 6.12 image only as -unsigned next
		# to the signed one; both carry the same vmlinuz.
		if apt-cache show "$img-unsigned" >/dev/null 2>&1; then
			img=$img-unsigned
		fi
		echo "deps: fetching $img"
		unpack_debs "$dir" "$img"
		# The package's postinst would run depmod: do it here so
		# that modprobe can resolve load order in the cache.
		depmod -b "$dir" "$kver"
	fi
	echo "$kver" >> "$LSW_CACHE/kernels/list.new"
done
if cmp -s "$LSW_CACHE/kernels/list.new" "$LSW_CACHE/kernels/list"; then
	rm "$LSW_CACHE/kernels/list.new"
else
	mv "$LSW_CACHE/kernels/list.new" "$LSW_CACHE/kernels/list"
fi

# Parts of the 6.12 source: checkpatch.pl and the YNL tools.
src=$LSW_CACHE/src/linux-source-6.12
if [[ ! -f $src/scripts/checkpatch.pl || ! -d $src/tools/net/ynl ]]; then
	echo "deps: unpacking parts of linux-source-6.12"
	mkdir -p "$LSW_CACHE/src"
	tar -C "$LSW_CACHE/src" -xf /usr/src/linux-source-6.12.tar.xz \
		--wildcards 'linux-source-6.12/scripts/*' \
		'linux-source-6.12/tools/net/ynl/*' \
		'linux-source-6.12/Documentation/netlink/*'
fi

# Open vSwitch and OVN for lsw_ovn.sh, which runs their daemons in the
# test VM: unpacked into the cache, not installed.  Installed, their
# packages would start ovsdb-server, ovs-vswitchd, ovn-northd and
# ovn-controller on this host; the VM runs them from here instead.
# Statically linked to OVS's own libraries, they need only the plain
# ones installed above.  Fetched again when the archive has other
# versions.
ovn_pkgs=(openvswitch-common openvswitch-switch python3-openvswitch
	ovn-common ovn-central ovn-host)
ovn=$LSW_CACHE/ovn
# candidates: "PACKAGE: VERSION" of each, as the archive has them.
candidates()
{
	apt-cache policy "${ovn_pkgs[@]}" 2>/dev/null |
		awk '/^[^ ]/ { p = $1 } /Candidate:/ { print p, $2 }'
}
want=$(candidates)
if [[ $want == *"(none)"* || $(wc -l <<< "$want") != "${#ovn_pkgs[@]}" ]]; then
	apt_update
	want=$(candidates)
fi
if [[ $(cat "$ovn/versions" 2>/dev/null) != "$want" ]]; then
	echo "deps: fetching ${ovn_pkgs[*]} into $ovn"
	rm -f "$ovn/versions"
	unpack_debs "$ovn/root" "${ovn_pkgs[@]}"
	echo "$want" > "$ovn/versions"
fi

echo "deps: ready ($(tr '\n' ' ' < "$LSW_CACHE/kernels/list"))"
