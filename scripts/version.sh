#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The version of lsw: from git where the tree is a checkout (the last tag,
# "v" dropped, and how far past it; 0.0.0 before any tag), else from the
# VERSION file a release (or the DKMS package) carries.
top=${1:-.}
if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
	if v=$(git -C "$top" describe --tags --dirty 2>/dev/null); then
		echo "${v#v}"
	else
		echo "0.0.0-g$(git -C "$top" describe --always --dirty)"
	fi
elif [ -f "$top/VERSION" ]; then
	cat "$top/VERSION"
else
	echo 0.0.0
fi
