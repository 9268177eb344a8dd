# SPDX-License-Identifier: GPL-2.0
#
# The checkout's own files; sourced by the scripts that copy it.

# lsw_copy_tree TOP DEST: copy the files of the checkout TOP into DEST:
# those git tracks or would track, as they are in the work tree
# (uncommitted changes included), or without git everything but the
# build outputs, caches and .git.
lsw_copy_tree()
{
	local top=$1 dest=$2

	mkdir -p "$dest" || return 1
	if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
		git -C "$top" ls-files -z -c -o --exclude-standard |
			(cd "$top" && while IFS= read -r -d '' f; do
				[[ -e $f || -L $f ]] && printf '%s\0' "$f"
			done) |
			tar -C "$top" --null -T - -cf - | tar -C "$dest" -xf -
	else
		tar -C "$top" --exclude=./.cache --exclude=./.git --exclude='*.o' \
			--exclude='*.ko' --exclude=./userspace/lsw -cf - . |
			tar -C "$dest" -xf -
	fi
}
