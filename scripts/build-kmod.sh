#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-kmod.sh KVER [MAKE ARGS...]: build lsw.ko for the kernel release
# KVER in its own tree, $LSW_OUT/build/KVER/kmod/lsw.ko, so that builds
# for several kernels live side by side (the sources are symlinks: the
# checkout's path may have a space, which kbuild cannot take, the build
# tree's may not).
# LSW_KDIR names the kernel build tree when it is not Debian's headers
# package (the debug kernel's).

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib/kernels.sh"

kver=${1:?usage: build-kmod.sh KVER [MAKE ARGS...]}
shift
kdir=${LSW_KDIR:-$(lsw_kdir "$kver")}
bdir=$LSW_OUT/build/$kver
lsw_need_buildable build "$bdir" || exit 1

if [[ ! -d $kdir ]]; then
	echo "build: no headers for $kver in $kdir: run 'make deps'" >&2
	exit 1
fi

rm -rf "$bdir"
mkdir -p "$bdir/kmod"
ln -s "$top/uapi" "$bdir/uapi"
ln -s "$top/scripts" "$bdir/scripts"
for f in "$top"/kmod/Kbuild "$top"/kmod/*.[ch] "$top"/kmod/*.sh; do
	case $f in *.mod.c) continue ;; esac
	ln -s "$f" "$bdir/kmod/"
done

make -C "$kdir" M="$bdir/kmod" LSW_VERSION="$("$top/scripts/version.sh" "$top")" \
	"$@" modules
