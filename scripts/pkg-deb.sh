#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "make deb": build lsw-dkms, lsw-tools and lsw-ovn into $LSW_OUT/pkg/.
#
# dpkg-buildpackage writes its results next to the source tree, so the
# build runs in a copy of the tree, $LSW_OUT/pkg/lsw-DEBVERSION/: the
# files git tracks or would track, as they are in the work tree, plus a
# VERSION file with lsw's release (git describe).  The copy is built as a
# release tarball would be, without git, and gets a debian/changelog
# entry for that release on top of the repository's.
#
# The Debian version is the release made Debian-safe: "-" becomes "+",
# and a bare commit id (no tag yet) is put after 0.0.0, so that
# 0.0.0-g46c5fe1-dirty is packaged as 0.0.0+g46c5fe1+dirty.

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib/cache.sh"
. "$top/scripts/lib/tree.sh"
out=$LSW_OUT/pkg
lsw_need_buildable deb "$out" || exit 1

for tool in dpkg-buildpackage dh dh_dkms dh_bash-completion dh_python3; do
	if ! command -v "$tool" >/dev/null; then
		echo "deb: $tool not found: run 'make deps'" >&2
		exit 1
	fi
done

version=$("$top/scripts/version.sh" "$top")
# Debian versions take no "-" in a native package: 0.0.0-g1234 becomes
# 0.0.0+g1234.
debversion=$(printf '%s' "$version" | tr -c 'A-Za-z0-9.+~' '+')
src=$out/lsw-$debversion

rm -rf "$out"
mkdir -p "$src"

# The tree's files, not its build outputs, caches or .git.
lsw_copy_tree "$top" "$src"
echo "$version" > "$src/VERSION"

maint=$(sed -n 's/^Maintainer: //p' "$src/debian/control")
if [[ $(dpkg-parsechangelog -l "$top/debian/changelog" -S Version) != "$debversion" ]]; then
	{
		printf 'lsw (%s) unstable; urgency=medium\n\n' "$debversion"
		printf '  * Release %s, built by "make deb".\n\n' "$version"
		printf ' -- %s  %s\n\n' "$maint" "$(date -R)"
		cat "$top/debian/changelog"
	} > "$src/debian/changelog"
fi

echo "deb: building lsw $version (Debian $debversion) in $src"
# Git must not find the repository the copy sits in.
(cd "$src" && GIT_CEILING_DIRECTORIES=$out \
	dpkg-buildpackage -us -uc --build=full) > "$out/build.log" 2>&1 || {
	tail -n 40 "$out/build.log" >&2
	echo "deb: dpkg-buildpackage failed; log: $out/build.log" >&2
	exit 1
}
echo "deb: built in $out:"
ls -1 "$out"/*.deb "$out"/*.changes | sed 's/^/  /'
