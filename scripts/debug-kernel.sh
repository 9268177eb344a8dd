#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "make debug-kernel": build a 6.12 kernel with KASAN, kmemleak, lockdep,
# UBSAN and the debug-object and list checks, from Debian's
# linux-source-6.12, for "make check-debug".
#
#   debug-kernel.sh           build it, unless the cached one is current
#   debug-kernel.sh --current exit 0 if the cached kernel is current
#   debug-kernel.sh --kver    print the cached kernel's release
#
# The config is allnoconfig plus scripts/debug-kernel.config plus
# selftests/config (but its last section, for a suite check-debug leaves
# out): what the test VM and the suites need, no more (a
# defconfig-based KASAN build takes well over an hour on two cores).
# Everything lives outside the tree, in $LSW_CACHE/debug-kernel (default
# ~/.cache/lsw/debug-kernel), laid out as the runner expects a kernel:
#
#   src/              the kernel sources (kept: lsw.ko builds against build/)
#   build/            the O= build tree
#   kernel/boot/vmlinuz-KVER, kernel/lib/modules/KVER/
#   kernel/stamp      what the kernel was built from (see stamp() below)

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib/cache.sh"
tarball=${LSW_DEBUG_SOURCE:-/usr/src/linux-source-6.12.tar.xz}
cache=$LSW_CACHE/debug-kernel
frag=$top/scripts/debug-kernel.config

# tarball_id: the source package as the cache knows it: name, size, time.
tarball_id()
{
	stat -L -c '%n %s %Y' "$tarball"
}

# suites_config: selftests/config up to the options that only suites
# "make check-debug" leaves out need (its "Only for" section, last).
suites_config()
{
	sed '/^# Only for /,$d' "$top/selftests/config"
}

# stamp: the sources (the tarball's name, size and time) and both config
# fragments.  A change to any of them means a rebuild; a change to this
# script alone does not.
stamp()
{
	{
		tarball_id
		cat "$frag"
		suites_config
	} | md5sum | cut -d' ' -f1
}

current()
{
	[[ -f $tarball && -f $cache/kernel/stamp &&
		$(cat "$cache/kernel/stamp") == "$(stamp)" ]]
}

case ${1:-} in
--current)
	current
	exit
	;;
--kver)
	cat "$cache/kernel/kver"
	exit
	;;
"") ;;
*)
	echo "usage: ${0##*/} [--current | --kver]" >&2
	exit 2
	;;
esac

if [[ ! -f $tarball ]]; then
	echo "debug-kernel: no $tarball: apt-get install linux-source-6.12" >&2
	exit 1
fi
if current; then
	echo "debug-kernel: $(cat "$cache/kernel/kver") is current ($cache)"
	exit 0
fi

lsw_need_buildable debug-kernel "$cache" || exit 1

t0=$SECONDS
mkdir -p "$cache"
src=$cache/src
if [[ $(cat "$src/.lsw-tarball" 2>/dev/null) != "$(tarball_id)" ]]; then
	echo "debug-kernel: unpacking $tarball"
	rm -rf "$src" "$cache/build"
	mkdir -p "$src"
	tar -xJf "$tarball" -C "$src" --strip-components=1
	tarball_id > "$src/.lsw-tarball"
fi

# allnoconfig with the fragments' values forced: nothing else comes in.
build=$cache/build
mkdir -p "$build"
{ cat "$frag"; suites_config; } > "$build/lsw.config"
make -C "$src" O="$build" KCONFIG_ALLCONFIG="$build/lsw.config" allnoconfig >/dev/null

# Every option asked for must be there as asked: an unmet dependency
# makes Kconfig drop an option without a word.
missing=$(grep -hE '^(# )?CONFIG_' "$build/lsw.config" | while read -r line; do
	if [[ $line == "# "* ]]; then
		opt=${line#\# }
		opt=${opt%% *}
		! grep -q "^$opt=" "$build/.config" || echo "$opt (wanted off)"
	else
		opt=${line%%=*}
		val=${line#*=}
		got=$(sed -n "s/^$opt=//p" "$build/.config")
		# An option asked as a module may be built in when
		# something built in selects it.
		[[ $got == "$val" || ($val == m && $got == y) ]] ||
			echo "$opt=$val (got ${got:-unset})"
	fi
done)
if [[ -n $missing ]]; then
	echo "debug-kernel: the config lacks what it asks for:" >&2
	echo "$missing" | sed 's/^/  /' >&2
	exit 1
fi

jobs=$(nproc)
make -C "$src" O="$build" -j"$jobs" bzImage modules
kver=$(make -s -C "$src" O="$build" kernelrelease)

rm -rf "$cache/kernel"
mkdir -p "$cache/kernel/boot"
make -C "$src" O="$build" INSTALL_MOD_PATH="$cache/kernel" INSTALL_MOD_STRIP=1 \
	modules_install >/dev/null
# The runner's tree has no build link: lsw.ko builds against $build.
rm -f "$cache/kernel/lib/modules/$kver/build" "$cache/kernel/lib/modules/$kver/source"
cp "$build/arch/x86/boot/bzImage" "$cache/kernel/boot/vmlinuz-$kver"
echo "$kver" > "$cache/kernel/kver"
stamp > "$cache/kernel/stamp"
echo "debug-kernel: $kver built in $((SECONDS - t0))s ($cache)"
