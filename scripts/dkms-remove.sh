#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "make dkms-remove": every lsw version that "make dkms-install" gave to
# DKMS leaves it, for every kernel, and its /usr/src tree goes.  A version
# the lsw-dkms package installed is left to the package manager.

set -euo pipefail

if [[ $(id -u) != 0 ]]; then
	echo "dkms-remove: run as root" >&2
	exit 1
fi
if ! command -v dkms >/dev/null; then
	exit 0
fi

# "lsw/VERSION, KVER, ARCH: installed" or "lsw/VERSION: added"
dkms status -m lsw | sed -n 's|^lsw/\([^,:]*\)[,:].*|\1|p' | sort -u |
while read -r version; do
	src=/usr/src/lsw-$version
	if dpkg-query -S "$src" >/dev/null 2>&1; then
		echo "dkms-remove: $src belongs to a package: left alone"
		continue
	fi
	dkms remove -m lsw -v "$version" --all
	rm -rf "$src"
done

# A tree an interrupted install left before "dkms add".
for src in /usr/src/lsw-*; do
	[[ -f $src/dkms.conf ]] || continue
	grep -q '^PACKAGE_NAME="lsw"$' "$src/dkms.conf" || continue
	dpkg-query -S "$src" >/dev/null 2>&1 && continue
	rm -rf "$src"
done
