# SPDX-License-Identifier: GPL-2.0
#
# The verdicts and totals of "make check" and "make check-debug", sourced
# by both: host-level checks and the KTAP test cases a VM run printed all
# count, and the last line is exactly "N passed, N failed" (skips on a
# line of their own before it).

passed=0
failed=0
skipped=0

# verdict NAME STATUS [LOG]: one host-level check; a failure shows the
# end of LOG.
verdict()
{
	if [[ $2 == 0 ]]; then
		echo "ok - $1"
		passed=$((passed + 1))
	else
		echo "not ok - $1"
		failed=$((failed + 1))
		if [[ -n ${3:-} && -s $3 ]]; then
			tail -n 40 "$3" | sed 's/^/#   /'
			echo "#   (full log: $3)"
		fi
	fi
}

# tally FILE INDENT: add the KTAP test cases found at INDENT in FILE,
# and count as failed any test a plan promised but never reported.
tally()
{
	local file=$1 ind=$2 p f s planned results

	p=$(grep -cE "^${ind}ok [0-9]+ " "$file" | head -n1)
	s=$(grep -cE "^${ind}ok [0-9]+ .*# SKIP" "$file" | head -n1)
	f=$(grep -cE "^${ind}not ok [0-9]+ " "$file" | head -n1)
	planned=$(sed -n "s/^${ind}1\.\.\([0-9]*\).*/\1/p" "$file" |
		awk '{ n += $1 } END { print n + 0 }')
	results=$((p + f))
	if ((planned > results)); then
		echo "not ok - $((planned - results)) planned test(s) never reported in $file"
		f=$((f + planned - results))
	fi
	passed=$((passed + p - s))
	skipped=$((skipped + s))
	failed=$((failed + f))
}

# suites_verdicts WHAT KTAP VMLOG N: the checks of one VM run of
# run_suites.sh: each of the N suites reported, and the guest's kernel
# log is clean and the run completed (the suites' own failures are
# counted by tally; this is about the kernel: no splat, no hang, no
# guest death).
suites_verdicts()
{
	local what=$1 ktap=$2 vmlog=$3 want=$4 got

	got=$(grep -cE '^(not )?ok [0-9]+ ' "$ktap")
	[[ $got == "$want" ]]
	verdict "$what: all $want suites reported ($got)" $?
	if grep -qE '^vm: (kernel splat|timed out|the guest stopped)' "$vmlog"; then
		verdict "$what: guest kernel log clean, VM run completed" 1
		grep -E '^vm: ' "$vmlog" | grep -vE '^vm: +\[' | head -n 40 |
			sed 's/^/#   /'
		echo "#   (full log: $vmlog)"
	else
		verdict "$what: guest kernel log clean, VM run completed" 0
	fi
}

# failed_cases KTAP: for each suite that failed, its failed test cases,
# each with the comments that led to it.
failed_cases()
{
	awk '
		{ sub(/\r$/, "") }
		/^# Subtest: / { suite = $3; n = 0; next }
		/^  (ok|not ok) / {
			if ($1 == "not") {
				print "#   " suite ":"
				for (i = 0; i < n; i++) print "#   " buf[i]
				print "#   " $0
			}
			n = 0
			next
		}
		/^  / { if (n == 30) { for (i = 1; i < n; i++) buf[i - 1] = buf[i]; n-- }
			buf[n++] = $0 }
	' "$1"
}

# summary: the skips, then the last line; the status is non-zero on any
# failure.
summary()
{
	if ((skipped)); then
		echo "# $skipped skipped"
	fi
	echo "$passed passed, $failed failed"
	((failed == 0))
}
