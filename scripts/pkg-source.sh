#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# pkg-source.sh DEST [VERSION]: the module's source tree as DKMS builds
# it, in DEST: kmod/ (the Kbuild, sources and compat-detect.sh), uapi/,
# scripts/version.sh, a VERSION file (so that the tree builds without
# git) and dkms.conf with its version filled in.  Used by "make
# dkms-install" (DEST /usr/src/lsw-VERSION) and debian/rules.

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:?usage: pkg-source.sh DEST [VERSION]}
version=${2:-$("$top/scripts/version.sh" "$top")}

mkdir -p "$dest/kmod" "$dest/uapi/linux" "$dest/scripts"
for f in "$top"/kmod/Kbuild "$top"/kmod/*.[ch] "$top"/kmod/*.sh; do
	case $f in *.mod.c) continue ;; esac
	install -p -m "$([[ -x $f ]] && echo 0755 || echo 0644)" "$f" "$dest/kmod/"
done
install -p -m 0644 "$top"/uapi/linux/*.h "$dest/uapi/linux/"
install -p -m 0755 "$top/scripts/version.sh" "$dest/scripts/"
echo "$version" > "$dest/VERSION"
sed "s/#MODULE_VERSION#/$version/" "$top/dkms.conf" > "$dest/dkms.conf"
