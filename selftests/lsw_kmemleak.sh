#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The last suite of "make check-debug": after every other suite has run
# in this boot, unload lsw and ask kmemleak for what nobody references
# any more.  It must report nothing.  Needs a kernel with
# CONFIG_DEBUG_KMEMLEAK ("make debug-kernel"); skips elsewhere.
#
# kmemleak reports an object only once it is older than its minimum age
# (5 s) and was found unreferenced by a scan; objects freed by RCU
# callbacks or workers after the unload need a moment too.  So: unload,
# wait for the grace periods, and scan twice a few seconds apart, as
# Documentation/dev-tools/kmemleak.rst suggests.

source "$(dirname "$0")/lib.sh"

KMEMLEAK=/sys/kernel/debug/kmemleak

TESTS=(
	module_unloads
	no_leaks
)

test_module_unloads()
{
	# Unloading deletes the lsw devices the suites may have left in
	# namespaces of their own; what the module frees then counts too.
	if lsw_module_loaded; then
		run modprobe -r lsw || fail "lsw does not unload: $OUT"
	fi
	! lsw_module_loaded || fail "lsw still loaded"
}

test_no_leaks()
{
	local leaks

	[[ -w $KMEMLEAK ]] || skip "no kmemleak in this kernel"
	sleep 6
	echo scan > "$KMEMLEAK"
	sleep 6
	echo scan > "$KMEMLEAK"
	leaks=$(cat "$KMEMLEAK")
	if [[ -n $leaks ]]; then
		printf '%s\n' "$leaks" | head -n 200 | sed 's/^/# /'
		fail "kmemleak: $(grep -c '^unreferenced object' <<< "$leaks") unreferenced object(s)"
	fi
	log "kmemleak: nothing unreferenced"
}

lsw_require modprobe
lsw_run_tests
