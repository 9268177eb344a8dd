# SPDX-License-Identifier: GPL-2.0
#
# Where the test kernels live and which they are; sourced by the scripts.

: "${LSW_CACHE:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.cache}"
export LSW_CACHE

# lsw_kver_of_meta PKG: the kernel release a Debian headers metapackage
# currently points at, e.g. linux-headers-amd64 -> 6.1.0-56-amd64.
lsw_kver_of_meta()
{
	apt-cache depends "$1" 2>/dev/null |
		sed -n 's/^ *Depends: linux-headers-\(.*-amd64\)$/\1/p' | head -n1
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

# lsw_kdir KVER: the headers to build against for KVER.
lsw_kdir()
{
	echo "/usr/src/linux-headers-$1"
}
