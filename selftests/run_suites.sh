#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run lsw selftest suites (all of them by default) and print one KTAP
# document: each suite's own KTAP output, indented, as a subtest.  This
# is what runs inside the VM: one boot serves every suite.
#
#   run_suites.sh [SUITE.sh ...]

dir=$(cd "$(dirname "$0")" && pwd)

if [[ $# -gt 0 ]]; then
	suites=("$@")
else
	mapfile -t suites < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$dir/suites")
fi

if [[ ${#suites[@]} == 0 ]]; then
	echo "run_suites: no suites to run" >&2
	exit 1
fi

echo "KTAP version 1"
echo "1..${#suites[@]}"
n=0
status=0
for s in "${suites[@]}"; do
	n=$((n + 1))
	name=$(basename "$s" .sh)
	echo "# Subtest: $name"
	start=$SECONDS
	case $s in
	*.sh) run=(bash "$dir/$(basename "$s")") ;;
	*) run=("$dir/$(basename "$s")") ;;
	esac
	"${run[@]}" 2>&1 | sed 's/^/  /'
	rc=${PIPESTATUS[0]}
	echo "  # $name: $((SECONDS - start))s"
	case $rc in
	0) echo "ok $n $name" ;;
	4) echo "ok $n $name # SKIP" ;;
	*) echo "not ok $n $name"; status=1 ;;
	esac
done
exit $status
