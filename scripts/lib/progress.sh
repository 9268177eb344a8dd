# SPDX-License-Identifier: GPL-2.0
#
# Progress lines for the long runs (make check, check-debug, bench),
# sourced by their scripts: one line as each suite (or build, or boot)
# ends, with its counts and its time, the time since the start and what
# is left.  The full KTAP goes to the log files as before.
#
# A run has lanes that go side by side (a kernel, a VM, the host's own
# checks), each with the list of items it will do.  What is left is the
# longest lane's rest, from the time each item took in the last run on
# this machine ($LSW_CACHE/times/KIND: "LANE ITEM SECONDS" lines), else
# the same item's time on another lane, else a guess.

PROGRESS_GUESS=${PROGRESS_GUESS:-120}

# progress_init KIND DIR: start the clock; DIR keeps this run's lanes.
# The lines go to what is stdout now, also from a subshell whose stdout
# is a log file.
progress_init()
{
	PROGRESS_TIMES=$LSW_CACHE/times/$1
	PROGRESS_DIR=$2
	PROGRESS_T0=$(date +%s)
	rm -rf "$PROGRESS_DIR"
	mkdir -p "$PROGRESS_DIR"
	exec {PROGRESS_FD}>&1
}

# progress_estimate LANE ITEM: the seconds ITEM should take.
progress_estimate()
{
	local est=

	if [[ -f $PROGRESS_TIMES ]]; then
		est=$(awk -v lane="$1" -v item="$2" '
			$2 == item { n++; sum += $3; if ($1 == lane) own = $3 }
			END { if (own != "") print own; else if (n) print int(sum / n) }' \
			"$PROGRESS_TIMES")
	fi
	echo "${est:-$PROGRESS_GUESS}"
}

# progress_plan LANE ITEM...: what LANE will do, in order.  The lane's
# file: the time its current item started, then "ITEM ESTIMATE" lines.
progress_plan()
{
	local lane=$1 item

	shift
	{
		date +%s
		for item in "$@"; do
			echo "$item $(progress_estimate "$lane" "$item")"
		done
	} > "$PROGRESS_DIR/$lane.lane"
}

# progress_duration SECONDS: "7m05s".
progress_duration()
{
	if (($1 >= 60)); then
		printf '%dm%02ds' $(($1 / 60)) $(($1 % 60))
	else
		printf '%ds' "$1"
	fi
}

# progress_left: the seconds the longest lane still needs.
progress_left()
{
	local now f

	now=$(date +%s)
	for f in "$PROGRESS_DIR"/*.lane; do
		[[ -f $f ]] || continue
		awk -v now="$now" '
			NR == 1 { start = $1; next }
			NR == 2 { cur = $2 - (now - start); left = cur > 0 ? cur : 0; next }
			{ left += $2 }
			END { print left + 0 }' "$f"
	done | sort -n | tail -n1
}

# progress_done LANE ITEM SECONDS [WHAT]: ITEM of LANE ended after
# SECONDS; print WHAT (counts, a verdict) with the times.
progress_done()
{
	local lane=$1 item=$2 secs=$3 what=${4:-done} f left now

	f=$PROGRESS_DIR/$lane.lane
	now=$(date +%s)
	if [[ -f $f ]]; then
		awk -v now="$now" -v item="$item" '
			NR == 1 { print now; next }
			!gone && $1 == item { gone = 1; next }
			{ print }' "$f" > "$f.new" && mv "$f.new" "$f"
	fi
	echo "$lane $item $secs" >> "$PROGRESS_DIR/times"
	left=$(progress_left)
	printf '# %s %s: %s (%s); %s elapsed, %s\n' "$lane" "$item" "$what" \
		"$(progress_duration "$secs")" \
		"$(progress_duration $((now - PROGRESS_T0)))" \
		"$( ((${left:-0} > 0)) && echo "about $(progress_duration "$left") left" ||
			echo "nearly done")" >&"$PROGRESS_FD"
}

# progress_end LANE: LANE has nothing left (it stopped early, say).
progress_end()
{
	rm -f "$PROGRESS_DIR/$1.lane"
}

# progress_counts P F S: "17 passed, 0 failed[, 2 skipped]".
progress_counts()
{
	printf '%d passed, %d failed' "$1" "$2"
	(($3)) && printf ', %d skipped' "$3"
	echo
}

# progress_ktap LANE: pass run_suites.sh's KTAP through, with a progress
# line when the guest starts and as each suite ends.
progress_ktap()
{
	local lane=$1 line name='' p=0 f=0 s=0 start=$SECONDS what

	while IFS= read -r line; do
		printf '%s\n' "$line"
		# The guest's serial line ends lines with CR LF.
		line=${line%$'\r'}
		case $line in
		"KTAP version 1")
			progress_done "$lane" boot $((SECONDS - start)) "guest up"
			start=$SECONDS
			;;
		"# Subtest: "*)
			name=${line#\# Subtest: }
			p=0 f=0 s=0 start=$SECONDS
			;;
		"  ok "[0-9]*"# SKIP"*) s=$((s + 1)) ;;
		"  ok "[0-9]*) p=$((p + 1)) ;;
		"  not ok "[0-9]*) f=$((f + 1)) ;;
		"ok "[0-9]* | "not ok "[0-9]*)
			what=$(progress_counts "$p" "$f" "$s")
			case $line in
			"not ok "*) what="FAILED, $what" ;;
			*"# SKIP"*) what="skipped, $what" ;;
			esac
			progress_done "$lane" "${name:-?}" $((SECONDS - start)) "$what"
			name=
			;;
		esac
	done
}

# progress_save: keep this run's times for the next run's estimates
# (an item that did not end keeps its old time).
progress_save()
{
	[[ -f $PROGRESS_DIR/times ]] || return 0
	mkdir -p "$(dirname "$PROGRESS_TIMES")"
	touch "$PROGRESS_TIMES"
	awk 'NR == FNR { new[$1 " " $2] = $3; next }
	     !(($1 " " $2) in new) { print }
	     END { for (k in new) print k, new[k] }' \
		"$PROGRESS_DIR/times" "$PROGRESS_TIMES" |
		sort > "$PROGRESS_TIMES.$$"
	mv "$PROGRESS_TIMES.$$" "$PROGRESS_TIMES"
}
