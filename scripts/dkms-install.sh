#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "make dkms-install": the module's source in /usr/src/lsw-VERSION, then
# dkms add, build and install, for the running kernel or for each of
# $DKMS_KERNELS ("6.1.0-56-amd64 6.12.117+deb12-amd64").  An install of
# the same version is replaced; "make dkms-remove" undoes it all.

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)

if [[ $(id -u) != 0 ]]; then
	echo "dkms-install: run as root" >&2
	exit 1
fi
if ! command -v dkms >/dev/null; then
	echo "dkms-install: dkms is not installed (make deps)" >&2
	exit 1
fi

version=$("$top/scripts/version.sh" "$top")
src=/usr/src/lsw-$version
if dpkg-query -S "$src" >/dev/null 2>&1; then
	echo "dkms-install: $src belongs to a package (lsw-dkms): remove it first" >&2
	exit 1
fi

if [[ -n $(dkms status -m lsw -v "$version") ]]; then
	dkms remove -m lsw -v "$version" --all
fi
rm -rf "$src"
"$top/scripts/pkg-source.sh" "$src" "$version"
dkms add -m lsw -v "$version"
for kver in ${DKMS_KERNELS:-$(uname -r)}; do
	dkms build -m lsw -v "$version" -k "$kver"
	dkms install -m lsw -v "$version" -k "$kver"
done
dkms status -m lsw -v "$version"
