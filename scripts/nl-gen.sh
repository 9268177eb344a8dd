#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# nl-gen.sh [--check]: write kmod/netlink-gen.c and kmod/netlink-gen.h,
# the "lsw" family's policies and operations table, from its YNL spec
# (Documentation/netlink/specs/lsw.yaml) with the kernel's own generator,
# ynl-gen-c.py of the 6.12 sources "make deps" unpacks.  With --check,
# write them aside and fail on any difference from the files checked in:
# they are generated, never edited.
#
# The spec gives some operations an attribute set that is a subset of
# the top-level one, whose entry nest points to a narrower set (mac-new's
# mac nest takes no age), as ovpn's spec does.  The 6.12 generator
# ignores such overrides in subsets (later ones honour them); so the
# generator reads a copy of the spec in which each subset that overrides
# an attribute is spelled out as a set of its own, with the same
# attribute numbers and C names.
#
# LSW_YNL names another tools/net/ynl directory (its kernel tree must
# hold Documentation/netlink/*.yaml, the schemas the generator checks
# the spec against).

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib/kernels.sh"

check=
if [[ ${1:-} == --check ]]; then
	check=1
	shift
fi
[[ $# == 0 ]] || { echo "usage: nl-gen.sh [--check]" >&2; exit 2; }

ynl=${LSW_YNL:-$LSW_CACHE/src/linux-source-6.12/tools/net/ynl}
schemas=$ynl/../../../Documentation/netlink
spec=$top/Documentation/netlink/specs/lsw.yaml
if [[ ! -f $ynl/ynl-gen-c.py || ! -f $schemas/genetlink-legacy.yaml ]]; then
	echo "nl-gen: no ynl-gen-c.py and schemas under $ynl: run 'make deps'" >&2
	exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The generator names its input by the path below the directory that
# holds MAINTAINERS ("do not edit, generated from" that path), and
# validates it against the schema two directories up from it.
tree=$tmp/tree
mkdir -p "$tree/Documentation/netlink/specs"
touch "$tree/MAINTAINERS"
cp "$schemas"/*.yaml "$tree/Documentation/netlink/"

python3 - "$spec" "$tree/Documentation/netlink/specs/lsw.yaml" <<'EOF'
import sys
import yaml

src, dst = sys.argv[1], sys.argv[2]
with open(src, encoding='utf-8') as f:
    first = f.readline()
    f.seek(0)
    spec = yaml.safe_load(f)

fam = spec['name'].replace('-', '_')
sets = {s['name']: s for s in spec['attribute-sets']}


def prefix(s):
    if 'name-prefix' in s:
        return s['name-prefix']
    if s['name'] == spec['name']:
        return fam + '-a-'
    return f"{fam}-a-{s['name']}-"


def values(s):
    out, val = {}, 1
    for a in s['attributes']:
        val = a.get('value', val)
        out[a['name']] = (val, a)
        val += 1
    return out


for s in spec['attribute-sets']:
    parent = sets.get(s.get('subset-of'))
    if not parent or all(list(a) == ['name'] for a in s['attributes']):
        continue
    real = values(parent)
    attrs = []
    for a in s['attributes']:
        val, base = real[a['name']]
        attrs.append({**base, **a, 'value': val})
    del s['subset-of']
    s['name-prefix'] = prefix(parent)
    s['attributes'] = attrs


class Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


with open(dst, 'w', encoding='utf-8') as f:
    f.write(first)
    yaml.dump(spec, f, Dumper=Dumper, sort_keys=False)
EOF

out=$top/kmod
[[ -z $check ]] || out=$tmp
for part in header source; do
	ext=${part:0:1}
	[[ $ext == s ]] && ext=c
	(cd "$tree" && python3 "$ynl/ynl-gen-c.py" --mode kernel --$part \
		--spec Documentation/netlink/specs/lsw.yaml \
		-o "$out/netlink-gen.$ext")
done

if [[ -n $check ]]; then
	rc=0
	for f in netlink-gen.h netlink-gen.c; do
		diff -u "$top/kmod/$f" "$tmp/$f" || rc=1
	done
	if [[ $rc != 0 ]]; then
		echo "nl-gen: kmod/netlink-gen.[ch] differ from what the spec generates: run scripts/nl-gen.sh" >&2
		exit 1
	fi
	echo "nl-gen: kmod/netlink-gen.[ch] are what the spec generates"
fi
