#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Packaging and documentation, on the host (no VM, no module loaded):
#
#   tree --pkg-source.sh--> /usr/src/lsw-V --dkms build -k--> lsw.ko x 2 kernels
#   tree --make deb--> $LSW_OUT/.../lsw-dkms.deb + lsw-tools.deb --apt--> host
#                                   + lsw-ovn.deb --apt--> host
#   Documentation/ --sphinx-build -W / groff -ww--> no warning
#   lsw help <--every command and keyword--> lsw(8)
#   lsw-ovn --help <--every option--> lsw-ovn(8)
#
# - dkms_build: the tree "make dkms-install" puts in /usr/src carries
#   the release (VERSION file, dkms.conf) outside any git repository;
#   the real dkms adds it, its kernel range refuses other kernels, and
#   "make dkms-remove" removes it all.  The tree is pkg-source.sh's, as
#   in lsw-dkms: deb_install_purge has DKMS build it, for both kernels,
#   so it is not built twice.
# - deb_build_lintian: "make deb" builds lsw-dkms, lsw-tools and lsw-ovn,
#   with the expected contents and dependencies, and lintian finds no
#   error.
# - deb_install_purge: apt installs both packages; lsw -V, man -w lsw,
#   bash completion work; DKMS built and installed lsw.ko for the
#   supported kernels whose headers are installed, without git (the
#   version from the VERSION file), with its kernel's vermagic and the
#   release as its version; purging them leaves nothing of lsw behind.
# - ovn_install_purge: apt installs lsw-tools and lsw-ovn; the agent runs
#   from the installed tree on its packaged, byte-compiled modules (not
#   the source tree's), says the release, has its manual; its unit is
#   installed, valid, and neither enabled nor started; /etc/default/lsw-ovn
#   is a conffile; purging leaves nothing of it behind.
# - sphinx_docs: Documentation/networking/lsw.rst builds warning-free.
# - man_matches_help: lsw(8) and "lsw help" name the same commands and
#   keywords (scripts/pkg-man-check.py), and the check does catch a
#   missing command.
# - ovn_man_matches_help: every option "lsw-ovn --help" lists is in the
#   OPTIONS of lsw-ovn(8), and the check does catch a missing one.
# - man_renders: groff -man -ww finds nothing to warn about in lsw(8)
#   and lsw-ovn(8).
#
# Needs root for the DKMS and package tests, and the tools "make deps"
# installs; a test whose tool is missing is skipped.  The machine is left
# as it was: no lsw in DKMS, no lsw package, no file outside $LSW_OUT
# but what apt logs (the files DKMS creates the first time it runs, its
# signing key, and depmod's indexes of kernels that had none, go too).
# An lsw that is already installed (by package or DKMS) is never touched:
# the tests that would touch it are skipped.

source "$(dirname "$0")/lib.sh"
source "$LSW_TOP/scripts/lib/kernels.sh"

LSW_NO_DMESG=1

TESTS=(
	dkms_build
	deb_build_lintian
	deb_install_purge
	ovn_install_purge
	sphinx_docs
	man_matches_help
	ovn_man_matches_help
	man_renders
)

WORK=$LSW_OUT/pkg-selftest
VERSION=$("$LSW_TOP/scripts/version.sh" "$LSW_TOP")
MOK=(/var/lib/dkms/mok.key /var/lib/dkms/mok.pub)
# apt as the tests run it: no questions, and a wait for the dpkg lock
# rather than a failure when another apt holds it.
APT=(env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o Dpkg::Use-Pty=0
	-o DPkg::Lock::Timeout=300)

# need TOOL...: skip the test unless every tool is there.
need()
{
	local tool

	for tool in "$@"; do
		command -v "$tool" >/dev/null || skip "$tool not found (make deps)"
	done
}

need_root()
{
	[[ $(id -u) == 0 ]] || skip "must be run as root"
}

# The supported kernels: what Debian 12's two headers metapackages point
# at, else the headers found in /usr/src.  Only those whose headers are
# installed are listed.
pkg_kernels()
{
	local meta k list=()

	for meta in linux-headers-amd64 linux-headers-6.12-amd64; do
		k=$(lsw_kver_of_meta "$meta")
		[[ -n $k ]] && list+=("$k")
	done
	if [[ ${#list[@]} != 2 ]]; then
		list=()
		for k in /usr/src/linux-headers-6.1.0-*-amd64 \
			 /usr/src/linux-headers-6.12.*-amd64; do
			[[ -d $k ]] && list+=("${k#/usr/src/linux-headers-}")
		done
	fi
	for k in "${list[@]}"; do
		[[ -d $(lsw_kdir "$k") ]] && echo "$k"
	done | sort -uV
}

# lsw_in_dkms: is any lsw known to DKMS?
lsw_in_dkms()
{
	[[ -n $(dkms status -m lsw 2>/dev/null) ]]
}

# check_ko KO KVER: lsw.ko built for KVER, carrying the release.
check_ko()
{
	local ko=$1 kver=$2 vermagic version

	[[ -f $ko ]] || fail "no module $ko"
	vermagic=$(modinfo -F vermagic "$ko")
	version=$(modinfo -F version "$ko")
	log "$ko: vermagic '$vermagic', version '$version'"
	[[ ${vermagic%% *} == "$kver" ]] || fail "vermagic of $ko is not $kver"
	[[ $version == "$VERSION" ]] || fail "version of $ko is not $VERSION"
}

# no_git DIR...: nothing above DIR is a git repository: a build there
# takes its version from the VERSION file.
no_git()
{
	local d

	for d in "$@"; do
		[[ -d $d ]] || fail "no $d"
		! git -C "$d" rev-parse 2>/dev/null ||
			fail "$d is inside a git repository"
	done
}

# --- DKMS -----------------------------------------------------------------

dkms_cleanup()
{
	local rc=$?

	set +eE
	trap - ERR
	if [[ -n ${DKMS_OURS:-} ]]; then
		dkms remove -m lsw -v "$VERSION" --all >/dev/null 2>&1
		rm -rf "/usr/src/lsw-$VERSION"
	fi
	__lsw_test_cleanup
	return "$rc"
}

test_dkms_build()
{
	local src=/usr/src/lsw-$VERSION kernels rc

	need_root
	need dkms
	if lsw_in_dkms || [[ -e $src ]]; then
		skip "an lsw is installed with DKMS already; not touching it"
	fi
	mapfile -t kernels < <(pkg_kernels)
	log "kernels: ${kernels[*]}"
	[[ ${#kernels[@]} == 2 ]] || skip "headers of both supported kernels needed (make deps)"

	DKMS_OURS=1
	trap dkms_cleanup EXIT

	# What "make dkms-install" puts in /usr/src, added to DKMS.
	run "$LSW_TOP/scripts/pkg-source.sh" "$src"
	[[ $(cat "$src/VERSION") == "$VERSION" ]]
	grep -q "^PACKAGE_VERSION=\"$VERSION\"$" "$src/dkms.conf" ||
		fail "dkms.conf does not carry version $VERSION"
	run dkms add -m lsw -v "$VERSION"
	run dkms status -m lsw -v "$VERSION"
	[[ $OUT == *": added"* ]] || fail "not added: $OUT"
	no_git "$src" "/var/lib/dkms/lsw/$VERSION"

	# The kernel range: another series is refused (status 77: skipped).
	rc=0
	run dkms build -m lsw -v "$VERSION" -k 6.18.0-1-amd64 \
		--kernelsourcedir "$(lsw_kdir "${kernels[1]}")" || rc=$?
	[[ $rc == 77 ]] || fail "a 6.18 kernel was not refused (status $rc)"

	# "make dkms-remove" undoes it.
	run "$LSW_TOP/scripts/dkms-remove.sh"
	! lsw_in_dkms || fail "lsw still in DKMS: $(dkms status -m lsw)"
	[[ ! -e $src && ! -e /var/lib/dkms/lsw ]] || fail "DKMS files left"
	DKMS_OURS=
}

# --- Debian packages ------------------------------------------------------

# build_debs: make deb, into $WORK/pkg (once per run).
build_debs()
{
	if compgen -G "$WORK/pkg/lsw-dkms_*.deb" >/dev/null &&
	   compgen -G "$WORK/pkg/lsw-tools_*.deb" >/dev/null &&
	   compgen -G "$WORK/pkg/lsw-ovn_*.deb" >/dev/null; then
		return 0
	fi
	run make -s -C "$LSW_TOP" deb LSW_OUT="$WORK" ||
		fail "make deb failed: $(tail -n 30 "$WORK/pkg/build.log" 2>/dev/null)"
}

test_deb_build_lintian()
{
	local dkms_deb tools_deb ovn_deb debversion errors rc f

	need dpkg-buildpackage dh dh_dkms dh_bash-completion lintian
	rm -rf "$WORK/pkg"
	build_debs
	dkms_deb=$(ls "$WORK"/pkg/lsw-dkms_*_all.deb)
	tools_deb=$(ls "$WORK"/pkg/lsw-tools_*.deb)
	ovn_deb=$(ls "$WORK"/pkg/lsw-ovn_*_all.deb)

	# The Debian version is the release's, made Debian-safe.
	debversion=$(dpkg-deb -f "$tools_deb" Version)
	log "release $VERSION, Debian version $debversion"
	[[ $(dpkg-deb -f "$dkms_deb" Version) == "$debversion" ]]
	[[ ${debversion//+/-} == *"${VERSION//+/-}" ]] ||
		fail "Debian version $debversion is not release $VERSION"
	[[ $(dpkg-deb -f "$dkms_deb" Depends) == *dkms* ]] ||
		fail "lsw-dkms does not depend on dkms"

	OUT=$(dpkg-deb -c "$dkms_deb")
	for f in dkms.conf VERSION kmod/Kbuild kmod/compat-detect.sh \
		 kmod/main.c uapi/linux/lsw.h scripts/version.sh; do
		grep -q " \./usr/src/lsw-$VERSION/$f\$" <<< "$OUT" ||
			fail "lsw-dkms lacks /usr/src/lsw-$VERSION/$f"
	done
	grep -q "^-rwxr-xr-x .*/kmod/compat-detect.sh$" <<< "$OUT" ||
		fail "compat-detect.sh is not executable in lsw-dkms"
	OUT=$(dpkg-deb -c "$tools_deb")
	for f in usr/sbin/lsw usr/share/man/man8/lsw.8.gz \
		 usr/share/bash-completion/completions/lsw; do
		grep -q " \./$f\$" <<< "$OUT" || fail "lsw-tools lacks /$f"
	done

	# lsw-ovn: the agent in /usr/sbin, its modules private to it in
	# /usr/share/lsw-ovn (every one of the tree's), the unit, the
	# defaults file as a conffile, the manual; the release it says.
	[[ $(dpkg-deb -f "$ovn_deb" Version) == "$debversion" ]]
	run dpkg-deb -f "$ovn_deb" Depends
	for f in 'python3:any' 'python3-openvswitch' "lsw-tools (>= $debversion)"; do
		[[ ", $OUT, " == *", $f, "* ]] || fail "lsw-ovn does not depend on $f"
	done
	OUT=$(dpkg-deb -c "$ovn_deb")
	for f in usr/share/lsw-ovn/lsw-ovn lib/systemd/system/lsw-ovn.service \
		 etc/default/lsw-ovn usr/share/man/man8/lsw-ovn.8.gz \
		 $(cd "$LSW_TOP/ovn" && printf 'usr/share/lsw-ovn/%s\n' lsw_ovn/*.py); do
		grep -q " \./$f\$" <<< "$OUT" || fail "lsw-ovn lacks /$f"
	done
	grep -q '^-rwxr-xr-x .* \./usr/share/lsw-ovn/lsw-ovn$' <<< "$OUT" ||
		fail "/usr/share/lsw-ovn/lsw-ovn is not executable"
	grep -q ' \./usr/sbin/lsw-ovn -> \.\./share/lsw-ovn/lsw-ovn$' <<< "$OUT" ||
		fail "/usr/sbin/lsw-ovn does not link to /usr/share/lsw-ovn/lsw-ovn"
	! grep -E -- '-packages/|__pycache__|\.pyc$' <<< "$OUT" ||
		fail "lsw-ovn ships public modules or bytecode"
	run bash -c "dpkg-deb --ctrl-tarfile '$ovn_deb' | tar -xOf - ./conffiles"
	[[ $OUT == /etc/default/lsw-ovn ]] || fail "conffiles: $OUT"
	run bash -c "dpkg-deb --fsys-tarfile '$ovn_deb' |
		tar -xOf - ./usr/share/lsw-ovn/lsw_ovn/__init__.py | grep '^VERSION = '"
	[[ $OUT == "VERSION = \"$VERSION\"" ]] ||
		fail "the packaged lsw-ovn is not release $VERSION"

	# The repository's own changelog stays valid as it is.
	run dpkg-parsechangelog -l "$LSW_TOP/debian/changelog" -S Version

	# Errors fail; warnings are shown (there are none today).  lintian
	# exits 1 for errors in the packages, 2 when it fails itself.
	run lintian --pedantic --info "$WORK"/pkg/lsw_*.changes && rc=0 || rc=$?
	errors=$(awk '/^E: / { n++ } END { print n + 0 }' <<< "$OUT")
	log "lintian: status $rc, $errors error(s)," \
		"$(awk '/^W: / { n++ } END { print n + 0 }' <<< "$OUT") warning(s)"
	case $rc in
	0) ((errors == 0)) || fail "lintian passed $errors error(s)" ;;
	1) fail "lintian reports errors" ;;
	*) fail "lintian itself failed (status $rc)" ;;
	esac
}

# What the package test adds under /lib/modules (depmod's indexes of a
# kernel that had none, DKMS's updates/dkms directory) goes again; only
# those, and only if they were not there before.
LIB_BEFORE=

lib_restore()
{
	local f

	[[ -s $LIB_BEFORE ]] || return 0
	find /lib/modules -mindepth 1 -depth | grep -vxF -f "$LIB_BEFORE" |
	while read -r f; do
		case $f in
		/lib/modules/*/modules.* | /lib/modules/*/updates/dkms/lsw.ko*)
			rm -f "$f" ;;
		/lib/modules/*/updates/dkms | /lib/modules/*/updates)
			rmdir "$f" 2>/dev/null ;;
		*)
			echo "# left in place: $f" ;;
		esac
	done
	return 0
}

# deb_cleanup: the packages of $DEB_OURS, installed by the test, go.
deb_cleanup()
{
	local rc=$?

	set +eE
	trap - ERR
	if [[ -n ${DEB_OURS:-} ]]; then
		"${APT[@]}" purge $DEB_OURS >/dev/null 2>&1
	fi
	lib_restore
	__lsw_test_cleanup
	return "$rc"
}

test_deb_install_purge()
{
	local kernels k ko reply

	need_root
	need apt-get dkms man dpkg-buildpackage dh dh_dkms dh_bash-completion
	if dpkg-query -W -f='${Status}\n' lsw-dkms lsw-tools 2>/dev/null |
	   grep -q 'installed' || lsw_in_dkms; then
		skip "lsw is installed already; not touching it"
	fi
	[[ -f /usr/share/bash-completion/bash_completion ]] ||
		skip "bash-completion not installed (make deps)"
	mapfile -t kernels < <(pkg_kernels)
	[[ ${#kernels[@]} -gt 0 ]] || skip "no supported kernel headers installed"
	build_debs

	LIB_BEFORE=$WORK/lib-modules.before
	find /lib/modules -mindepth 1 > "$LIB_BEFORE"
	DEB_OURS="lsw-dkms lsw-tools"
	trap deb_cleanup EXIT

	run "${APT[@]}" install --no-install-recommends "$WORK"/pkg/lsw-dkms_*_all.deb \
		"$WORK"/pkg/lsw-tools_*.deb ||
		fail "apt-get install failed"

	# lsw-tools: the tool, its manual, its completion.
	run /usr/sbin/lsw -V
	[[ $OUT == *"$VERSION"* ]] || fail "lsw -V does not say $VERSION"
	run man -w lsw
	[[ $OUT == /usr/share/man/man8/lsw.8* ]] || fail "man -w lsw: $OUT"
	reply=$(bash -c '
		source /usr/share/bash-completion/bash_completion
		_completion_loader lsw
		COMP_WORDS=(lsw mac ""); COMP_CWORD=2
		COMP_LINE="lsw mac "; COMP_POINT=${#COMP_LINE}
		_lsw; echo "${COMPREPLY[*]}"')
	log "completion of 'lsw mac ': $reply"
	[[ " $reply " == *" flush "* ]] || fail "bash completion does not work"

	# DKMS builds lsw-dkms's tree outside any git repository (check_ko
	# below: the release is the VERSION file's).
	no_git "/usr/src/lsw-$VERSION" "/var/lib/dkms/lsw/$VERSION"

	# lsw-dkms: the postinst builds for the running kernel and the
	# newest, or (where the running kernel has no /lib/modules, as in a
	# container or this VM-less host) for every kernel; kernel headers
	# installed later trigger DKMS's header hook.  Play that hook for a
	# supported kernel the postinst did not cover.
	for k in "${kernels[@]}"; do
		run dkms status -m lsw -v "$VERSION" -k "$k"
		if [[ $OUT != *": installed"* ]]; then
			log "the postinst did not build for $k: running the headers hook"
			run /etc/kernel/header_postinst.d/dkms "$k"
			run dkms status -m lsw -v "$VERSION" -k "$k"
		fi
		[[ $OUT == *": installed"* ]] || fail "lsw not installed for $k"
		ko=$(ls /lib/modules/"$k"/updates/dkms/lsw.ko* | head -n1)
		check_ko "$ko" "$k"
		# depmod knows it: modprobe would find it.
		run modinfo -k "$k" -F filename lsw
		[[ $OUT == "$ko" ]] || fail "modinfo -k $k lsw finds $OUT"
	done

	run "${APT[@]}" purge lsw-dkms lsw-tools || fail "apt-get purge failed"
	DEB_OURS=
	! dpkg-query -W -f='${Status}\n' lsw-dkms lsw-tools 2>/dev/null |
		grep -q 'installed' || fail "a package is still installed"
	! lsw_in_dkms || fail "lsw still in DKMS: $(dkms status -m lsw)"
	[[ ! -e /usr/src/lsw-$VERSION && ! -e /var/lib/dkms/lsw &&
	   ! -e /usr/sbin/lsw ]] || fail "files left behind"
	! compgen -G "/lib/modules/*/updates/dkms/lsw.ko*" >/dev/null ||
		fail "lsw.ko left in /lib/modules"
	lib_restore
	find /lib/modules -mindepth 1 | sort | diff - <(sort "$LIB_BEFORE") ||
		fail "/lib/modules is not as it was"
}

# --- lsw-ovn ---------------------------------------------------------------

OVN_FILES=(/usr/sbin/lsw-ovn /usr/share/lsw-ovn /etc/default/lsw-ovn
	/lib/systemd/system/lsw-ovn.service /usr/share/man/man8/lsw-ovn.8.gz)

test_ovn_install_purge()
{
	local unit=/lib/systemd/system/lsw-ovn.service mod f

	need_root
	need apt-get man dpkg-buildpackage dh dh_dkms dh_bash-completion dh_python3
	if dpkg-query -W -f='${Status}\n' lsw-tools lsw-ovn 2>/dev/null |
	   grep -q 'installed'; then
		skip "lsw-tools or lsw-ovn is installed already; not touching it"
	fi
	# apt would install it, and leave it when lsw-ovn is purged.
	dpkg-query -W -f='${Status}\n' python3-openvswitch 2>/dev/null |
		grep -q 'ok installed' || skip "python3-openvswitch not installed (make deps)"
	build_debs

	DEB_OURS="lsw-ovn lsw-tools"
	trap deb_cleanup EXIT
	run "${APT[@]}" install --no-install-recommends "$WORK"/pkg/lsw-tools_*.deb \
		"$WORK"/pkg/lsw-ovn_*_all.deb || fail "apt-get install failed"

	# The installed agent, from /, with nothing of this tree in its
	# environment: it finds its own modules, byte-compiled on install.
	run env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin bash -c 'cd / && lsw-ovn --help'
	[[ $OUT == *"--encap-ip IP"* && $OUT == *"--remote REMOTE"* ]] ||
		fail "lsw-ovn --help does not list its options"
	run env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin bash -c 'cd / && lsw-ovn -V'
	[[ $OUT == "lsw-ovn $VERSION" ]] || fail "lsw-ovn -V does not say $VERSION"
	[[ $(head -n1 /usr/share/lsw-ovn/lsw-ovn) == '#!/usr/bin/python3' ]] ||
		fail "lsw-ovn does not run on Debian's python3"
	OUT=$(cd / && env -i /usr/bin/python3 -v /usr/sbin/lsw-ovn -V 2>&1)
	for f in "$LSW_TOP"/ovn/lsw_ovn/*.py; do
		mod=$(basename "$f" .py)
		grep -q "^# /usr/share/lsw-ovn/lsw_ovn/__pycache__/$mod\.cpython-[0-9]*\.pyc matches /usr/share/lsw-ovn/lsw_ovn/$mod\.py$" <<< "$OUT" ||
			fail "lsw_ovn.$mod is not loaded, byte-compiled, from /usr/share/lsw-ovn"
	done
	! grep -qF "$LSW_TOP" <<< "$OUT" || fail "the installed lsw-ovn loads from $LSW_TOP"
	run man -w lsw-ovn
	[[ $OUT == /usr/share/man/man8/lsw-ovn.8* ]] || fail "man -w lsw-ovn: $OUT"

	# The unit: what it runs is there, and it is neither enabled nor
	# started until the operator has set its options.
	grep -q '^ExecStart=/usr/sbin/lsw-ovn .*\$LSW_OVN_OPTS$' "$unit" ||
		fail "$unit does not run /usr/sbin/lsw-ovn with \$LSW_OVN_OPTS"
	grep -q '^EnvironmentFile=-/etc/default/lsw-ovn$' "$unit" ||
		fail "$unit does not read /etc/default/lsw-ovn"
	if command -v systemd-analyze >/dev/null; then
		run systemd-analyze verify "$unit" || fail "systemd-analyze verify: $OUT"
	fi
	# (An enabled unit's links are made by the postinst even where
	# systemd does not run, and deb-systemd-helper records them.)
	! compgen -G "/etc/systemd/system/*.wants/lsw-ovn.service" >/dev/null ||
		fail "lsw-ovn.service is enabled on install"
	! compgen -G "/var/lib/systemd/deb-systemd-helper-enabled/*.wants/lsw-ovn.service" >/dev/null ||
		fail "deb-systemd-helper has lsw-ovn.service enabled"
	! pgrep -f '^/usr/bin/python3 /usr/sbin/lsw-ovn' >/dev/null ||
		fail "an lsw-ovn runs after the install"
	run dpkg-query -W -f='${Conffiles}' lsw-ovn
	[[ $OUT == *" /etc/default/lsw-ovn "* ]] || fail "/etc/default/lsw-ovn is not a conffile"
	grep -q '^#LSW_OVN_OPTS=".*--remote=.*--encap-ip=' /etc/default/lsw-ovn ||
		fail "/etc/default/lsw-ovn does not show LSW_OVN_OPTS"

	run "${APT[@]}" purge lsw-ovn lsw-tools || fail "apt-get purge failed"
	DEB_OURS=
	for f in "${OVN_FILES[@]}"; do
		[[ ! -e $f && ! -L $f ]] || fail "$f left behind"
	done
	! compgen -G "/var/lib/systemd/deb-systemd-helper-*/*lsw-ovn*" >/dev/null ||
		fail "deb-systemd-helper state of lsw-ovn left behind"
}

# --- documentation --------------------------------------------------------

test_sphinx_docs()
{
	local out=$WORK/sphinx

	need sphinx-build
	rm -rf "$out"
	run sphinx-build -W --keep-going -n -q -b html -d "$out/doctrees" \
		-c "$LSW_TOP/Documentation/sphinx" \
		"$LSW_TOP/Documentation/networking" "$out/html" ||
		fail "sphinx-build reports warnings"
	[[ -z $OUT ]] || fail "sphinx-build printed something"
	grep -q 'id="operator-s-guide"' "$out/html/lsw.html" ||
		fail "no operator's guide in lsw.html"
}

test_man_matches_help()
{
	local bad=$WORK/man-bad.8

	need python3
	if [[ ! -x $LSW ]]; then
		run make -s -C "$LSW_TOP/userspace" || fail "cannot build lsw"
		LSW=$LSW_TOP/userspace/lsw
	fi
	run python3 "$LSW_TOP/scripts/pkg-man-check.py" "$LSW" \
		"$LSW_TOP/Documentation/lsw.8" || fail "lsw(8) and lsw help disagree"

	# The check must see a command missing from the man page.
	mkdir -p "$WORK"
	sed '/^\\fBlsw vtep flush/d' "$LSW_TOP/Documentation/lsw.8" > "$bad"
	fails python3 "$LSW_TOP/scripts/pkg-man-check.py" "$LSW" "$bad"
	[[ $OUT == *"not in SYNOPSIS: lsw vtep flush"* ]] ||
		fail "the check missed a command left out of the SYNOPSIS"
}

# ovn_man_options HELP MAN: the long options HELP lists that the OPTIONS
# section of MAN does not describe.
ovn_man_options()
{
	local opt options

	options=$(sed -n '/^\.SH OPTIONS/,/^\.SH [^O]/p' "$2")
	for opt in $(grep -oE -- '--[a-z][a-z-]*' <<< "$1" | sort -u); do
		grep -qF -- "${opt//-/\\-}" <<< "$options" || echo "$opt"
	done
}

test_ovn_man_matches_help()
{
	local man=$LSW_TOP/ovn/lsw-ovn.8 bad=$WORK/lsw-ovn-bad.8 help missing

	/usr/bin/python3 -c 'import ovs.db.idl' 2>/dev/null ||
		skip "python3-openvswitch not installed (make deps)"
	run /usr/bin/python3 "$LSW_TOP/ovn/lsw-ovn" --help || fail "lsw-ovn --help failed"
	help=$OUT
	missing=$(ovn_man_options "$help" "$man")
	[[ -z $missing ]] || fail "not in lsw-ovn(8): $(echo $missing)"

	# The check must see an option missing from the man page.
	mkdir -p "$WORK"
	sed '/^\.BI \\-\\-encap\\-dev /d' "$man" > "$bad"
	missing=$(ovn_man_options "$help" "$bad")
	[[ $missing == --encap-dev ]] ||
		fail "the check missed --encap-dev left out ($missing)"
}

test_man_renders()
{
	local man

	need groff
	for man in "$LSW_TOP/Documentation/lsw.8" "$LSW_TOP/ovn/lsw-ovn.8"; do
		run groff -man -Tutf8 -ww -z "$man" || fail "groff failed on $man"
		[[ -z $OUT ]] || fail "groff warns on $man"
		groff -man -Tutf8 -P-cbou "$man" | grep -q '^SYNOPSIS' ||
			fail "$man renders no SYNOPSIS"
	done
}

# DKMS makes a signing key the first time it builds anything: if it was
# not there before this suite, it goes when the suite ends (and so does a
# temporary work directory).
suite_cleanup()
{
	local f

	for f in "${MOK_NEW[@]}"; do
		rm -rf "$f"
	done
}

MOK_NEW=()
if [[ $(id -u) == 0 ]]; then
	for f in "${MOK[@]}"; do
		[[ -e $f ]] || MOK_NEW+=("$f")
	done
fi
trap suite_cleanup EXIT
if ! { rm -rf "$WORK" && mkdir -p "$WORK"; } 2>/dev/null; then
	# Not ours to write (run as another user): a directory of our own.
	WORK=$(mktemp -d)
	MOK_NEW+=("$WORK")
fi

lsw_run_tests
