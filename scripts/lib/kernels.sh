# SPDX-License-Identifier: GPL-2.0
#
# Which test kernels there are and where; sourced by the scripts.

. "$(dirname "${BASH_SOURCE[0]}")/cache.sh"

# lsw_kver_of_meta PKG: the kernel release an installed Debian headers
# metapackage points at, e.g. linux-headers-amd64 -> 6.1.0-56-amd64: the
# headers lsw builds against (no package lists needed).
lsw_kver_of_meta()
{
	dpkg-query -W -f='${Depends}\n' "$1" 2>/dev/null |
		tr ',' '\n' | sed -n 's/^ *linux-headers-\([^ ]*-amd64\)\( .*\)\?$/\1/p' |
		head -n1
}

# lsw_kernels: the kernel releases "make deps" placed in the cache.
lsw_kernels()
{
	if [[ ! -f $LSW_CACHE/kernels/list ]]; then
		echo "no test kernels in $LSW_CACHE/kernels: run 'make deps'" >&2
		return 1
	fi
	cat "$LSW_CACHE/kernels/list"
}

# lsw_kernels_selected: lsw_kernels narrowed by LSW_KERNELS ("6.12"
# keeps the releases that start with it; "6.1" is 6.1.x, not 6.12).
lsw_kernels_selected()
{
	local all

	all=$(lsw_kernels) || return 1
	if [[ -n ${LSW_KERNELS:-} ]]; then
		grep -E "^(${LSW_KERNELS// /|})([.-]|$)" <<< "$all"
	else
		echo "$all"
	fi
}

# lsw_kdir KVER: the headers to build against for KVER.
lsw_kdir()
{
	echo "/usr/src/linux-headers-$1"
}
