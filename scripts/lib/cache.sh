# SPDX-License-Identifier: GPL-2.0
#
# Where lsw keeps what it fetches and what it builds; sourced by the
# scripts (scripts/README tells the layout).
#
#   LSW_CACHE  the one cache root outside any checkout, default
#              ${XDG_CACHE_HOME:-~/.cache}/lsw: what a machine fetches or
#              builds once for every clone of lsw (the test kernels, the
#              kernel source parts, the debug kernel, the suites' last
#              times), so that a fresh clone, CI's included, finds it.
#   LSW_OUT    what this checkout builds and logs (lsw.ko per kernel,
#              check logs, packages, initramfs): the checkout's .cache,
#              unless its path has a space or a colon, which kbuild cannot
#              build in (M=...): then LSW_CACHE/out/NAME-HASH.

: "${LSW_CACHE:=${XDG_CACHE_HOME:-$HOME/.cache}/lsw}"
export LSW_CACHE

# lsw_unbuildable PATH: true if kbuild cannot build under PATH.
lsw_unbuildable()
{
	[[ $1 == *[[:space:]:]* ]]
}

if [[ -z ${LSW_OUT:-} ]]; then
	LSW_OUT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
	if lsw_unbuildable "$LSW_OUT"; then
		LSW_OUT=$LSW_CACHE/out/$(basename "$LSW_OUT" | tr -c 'A-Za-z0-9._\n-' '_')-$(
			printf '%s' "$LSW_OUT" | md5sum | cut -c1-8)
	else
		LSW_OUT=$LSW_OUT/.cache
	fi
fi
export LSW_OUT

# lsw_need_buildable WHAT PATH: fail with one line, before any work, if
# kbuild cannot build under PATH.
lsw_need_buildable()
{
	if lsw_unbuildable "$2"; then
		echo "$1: kbuild cannot build in '$2' (a space or colon in its path):" \
			"set LSW_OUT (and LSW_CACHE) to a directory without them" >&2
		return 1
	fi
}

# lsw_lock WHAT: hold this checkout's outputs for the rest of the run, or
# fail at once if another check, check-debug, bench or demo holds them
# (each rebuilds lsw and lsw.ko, which the other's guests are running).
lsw_lock()
{
	mkdir -p "$LSW_OUT" || return 1
	exec {LSW_LOCK_FD}> "$LSW_OUT/.lock"
	if ! flock -n "$LSW_LOCK_FD"; then
		echo "$1: another check, check-debug, bench or demo runs in" \
			"this checkout ($LSW_OUT): wait for it to end" >&2
		return 1
	fi
}
