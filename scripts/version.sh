#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The version of lsw: from git where the tree is a checkout, else from the
# VERSION file a release (or the DKMS package) carries.
top=${1:-.}
if v=$(git -C "$top" describe --tags --always --dirty 2>/dev/null) && [ -n "$v" ]; then
	case $v in
	[0-9]*) echo "$v" ;;
	*) echo "0.0.0-g$v" ;;
	esac
elif [ -f "$top/VERSION" ]; then
	cat "$top/VERSION"
else
	echo 0.0.0
fi
