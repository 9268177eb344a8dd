#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Check that the YNL spec of the "lsw" generic netlink family,
# Documentation/netlink/specs/lsw.yaml, agrees with the uAPI header,
# uapi/linux/lsw.h, value for value:
#
#  - the family name and version defines, the multicast group defines;
#  - every constant, enum and flags definition;
#  - every attribute set (members, __*_MAX and *_MAX);
#  - every operation (the command enum);
#  - every enum member and LSW_* define of the header is described by the
#    spec (IFLA_LSW_* are rtnetlink, not part of the family: they must be
#    listed in Documentation/networking/lsw.rst instead);
#
# and with the module's policies, kmod/netlink-gen.c: each operation's do
# and dump takes exactly the attributes the spec lists for it, each entry
# nest exactly those of its set (a subset's override of nested-attributes
# included), with the command, permission and hooks the spec gives.
# scripts/nl-gen.sh --check proves the file is what the kernel's
# generator writes from the spec; this reads the spec's meaning into the
# C independently, and needs neither the generator nor its kernel tree.
#
# C names are derived from the spec the way the kernel's ynl-gen-c.py
# does (name-prefix, enum-name, c-family-name, ...), so a header
# generated with "ynl-gen-c.py --mode uapi" would agree with the real one.
#
# Needs python3 and its yaml module only: no network, no kernel module.
# Output is KTAP, one test per checked group; exit 0 pass, 1 fail, 4 skip.
#
# Usage: ynl_spec_check.py [REPOSITORY_ROOT]   (default: parent of selftests/)

import ast
import os
import re
import sys

KSFT_PASS = 0
KSFT_FAIL = 1
KSFT_SKIP = 4

SPEC = 'Documentation/netlink/specs/lsw.yaml'
HEADER = 'uapi/linux/lsw.h'
POLICIES = 'kmod/netlink-gen.c'
RST = 'Documentation/networking/lsw.rst'
# Header enums that are not part of the genetlink family, by member prefix.
RTNL_PREFIX = 'IFLA_LSW_'


def c_upper(name):
    return name.upper().replace('-', '_')


def c_lower(name):
    return name.lower().replace('-', '_')


# --- the header ------------------------------------------------------------

class Header:
    """The enums and defines of a uAPI header, with their values."""

    def __init__(self, path):
        with open(path, encoding='utf-8') as f:
            text = f.read()
        text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
        text = re.sub(r'//[^\n]*', '', text)
        text = re.sub(r'\\\n', ' ', text)

        self.raw_defines = {}       # name -> expression text
        self.defines = {}           # name -> int or str
        self.members = {}           # enum member -> value
        self.member_enum = {}       # enum member -> index in self.enums
        self.enums = []             # [(tag or None, [member, ...])]
        self.errors = []

        for m in re.finditer(r'^[ \t]*#[ \t]*define[ \t]+(\w+)(\(?)[ \t]*(.*)$',
                             text, flags=re.M):
            if m.group(2) or not m.group(3).strip():
                continue            # function-like macro or include guard
            self.raw_defines[m.group(1)] = m.group(3).strip()

        for m in re.finditer(r'\benum\s+(\w+)?\s*\{(.*?)\}\s*;', text, flags=re.S):
            tag, body = m.group(1), m.group(2)
            names = []
            val = -1
            for item in body.split(','):
                item = item.strip()
                if not item:
                    continue
                em = re.fullmatch(r'(\w+)\s*(?:=\s*(.+))?', item, flags=re.S)
                if not em:
                    self.errors.append(f'cannot parse enum member "{item}"')
                    continue
                name, expr = em.group(1), em.group(2)
                try:
                    val = self.eval(expr) if expr is not None else val + 1
                except ValueError as e:
                    self.errors.append(f'{name}: {e}')
                    continue
                if name in self.members:
                    self.errors.append(f'{name} defined twice')
                self.members[name] = val
                self.member_enum[name] = len(self.enums)
                names.append(name)
            self.enums.append((tag, names))

        for name in self.raw_defines:
            try:
                self.defines[name] = self.lookup(name)
            except ValueError as e:
                self.errors.append(f'#define {name}: {e}')

    def lookup(self, name, depth=0):
        if name in self.members:
            return self.members[name]
        if name in self.defines:
            return self.defines[name]
        if name in self.raw_defines and depth < 32:
            val = self.eval(self.raw_defines[name], depth + 1)
            self.defines[name] = val
            return val
        raise ValueError(f'unknown symbol {name}')

    def eval(self, expr, depth=0):
        """Value of a C constant expression (integers, strings, symbols)."""
        expr = expr.strip()
        m = re.fullmatch(r'"((?:[^"\\]|\\.)*)"', expr)
        if m:
            return m.group(1)
        py = re.sub(r'\b(0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]*\b', r'\1', expr)
        try:
            tree = ast.parse(py, mode='eval')
        except SyntaxError:
            raise ValueError(f'cannot evaluate "{expr}"') from None
        return self._eval_node(tree.body, expr, depth)

    def _eval_node(self, node, expr, depth):
        binops = {
            ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
            ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a // b,
            ast.Mod: lambda a, b: a % b, ast.LShift: lambda a, b: a << b,
            ast.RShift: lambda a, b: a >> b, ast.BitOr: lambda a, b: a | b,
            ast.BitAnd: lambda a, b: a & b, ast.BitXor: lambda a, b: a ^ b,
        }
        unops = {ast.USub: lambda a: -a, ast.UAdd: lambda a: a,
                 ast.Invert: lambda a: ~a}
        if isinstance(node, ast.Constant) and isinstance(node.value, int):
            return node.value
        if isinstance(node, ast.Name):
            return self.lookup(node.id, depth)
        if isinstance(node, ast.BinOp) and type(node.op) in binops:
            return binops[type(node.op)](self._eval_node(node.left, expr, depth),
                                         self._eval_node(node.right, expr, depth))
        if isinstance(node, ast.UnaryOp) and type(node.op) in unops:
            return unops[type(node.op)](self._eval_node(node.operand, expr, depth))
        raise ValueError(f'cannot evaluate "{expr}"')

    def value(self, name):
        if name in self.members:
            return self.members[name]
        return self.defines.get(name)

    def has(self, name):
        return name in self.members or name in self.defines

    def enum_of(self, name):
        """(tag, members) of the enum holding name, or None for a define."""
        if name in self.member_enum:
            return self.enums[self.member_enum[name]]
        return None


# --- the checks ------------------------------------------------------------

class Group:
    def __init__(self, name):
        self.name = name
        self.diags = []
        self.skip = None
        self.claimed = set()    # header names this group accounts for

    def fail(self, msg):
        self.diags.append(msg)

    @property
    def ok(self):
        return not self.diags


def expect(group, hdr, cname, value):
    """The header defines cname with this value."""
    group.claimed.add(cname)
    if not hdr.has(cname):
        group.fail(f'{cname} (= {value!r}) is not in the header')
        return
    got = hdr.value(cname)
    if got != value:
        group.fail(f'{cname}: spec {value!r}, header {got!r}')


def expect_enum(group, hdr, cnames, tag, kind):
    """cnames are exactly the members of one header enum tagged tag (None:
    anonymous), or, for flags, LSW_* defines not in any enum."""
    in_enum = [n for n in cnames if n in hdr.member_enum]
    if not in_enum:
        if not any(hdr.has(n) for n in cnames):
            return
        if kind != 'flags':
            group.fail(f'{cnames[0]} is a #define in the header, not an enum member')
        elif tag:
            group.fail(f'spec renders "enum {tag}", the header has #defines: '
                       'set enum-name to empty')
        return
    where = {hdr.member_enum[n] for n in in_enum}
    if len(where) > 1:
        group.fail(f'members spread over several header enums: {", ".join(in_enum)}')
        return
    enum = hdr.enum_of(in_enum[0])
    htag, members = enum
    if htag != tag:
        group.fail(f'enum name: spec {"enum " + tag if tag else "anonymous"}, '
                   f'header {"enum " + htag if htag else "anonymous"}')
    for m in members:
        if m not in cnames:
            group.fail(f'{m} (= {hdr.members[m]}) is in the header, not in the spec')
        group.claimed.add(m)


class Checker:
    def __init__(self, spec, hdr, spec_name):
        self.spec = spec
        self.hdr = hdr
        self.spec_name = spec_name
        self.fam = spec.get('name', '')
        self.fam_ident = self.fam.replace('-', '_')
        self.groups = []

    def group(self, name):
        g = Group(name)
        self.groups.append(g)
        return g

    # family name, version, multicast groups
    def check_family(self):
        g = self.group('family name, version and multicast groups')
        s = self.spec
        proto = s.get('protocol', 'genetlink')
        if proto not in ('genetlink', 'genetlink-c', 'genetlink-legacy'):
            g.fail(f'protocol {proto}: not a generic netlink spec')
        uapi = s.get('uapi-header', f'linux/{self.fam_ident}.h')
        if uapi != 'linux/lsw.h':
            g.fail(f'uapi-header is {uapi}, the header is linux/lsw.h')
        expect(g, self.hdr, c_upper(s.get('c-family-name', self.fam + '_FAMILY_NAME')),
               self.fam)
        expect(g, self.hdr, c_upper(s.get('c-version-name', self.fam + '_FAMILY_VERSION')),
               s.get('version', 1))
        for grp in s.get('mcast-groups', {}).get('list', []):
            cname = c_upper(grp.get('c-define-name',
                                    f"{self.fam_ident}-mcgrp-{grp['name']}"))
            expect(g, self.hdr, cname, grp['name'])
        # Any other multicast group define in the header?
        pfx = c_upper(f'{self.fam_ident}-mcgrp-')
        for name in self.hdr.defines:
            if name.startswith(pfx) and name not in g.claimed:
                g.fail(f'{name} is in the header, not in the spec\'s mcast-groups')
                g.claimed.add(name)

    def check_consts(self):
        consts = [d for d in self.spec.get('definitions', [])
                  if d['type'] == 'const' and not d.get('header')]
        g = self.group('definitions: constants')
        for d in consts:
            # ynl-gen-c: <family>-<name>, upper case
            expect(g, self.hdr, c_upper(f"{self.fam_ident}-{d['name']}"), d['value'])

    def check_enum_defs(self):
        for d in self.spec.get('definitions', []):
            if d['type'] not in ('enum', 'flags') or d.get('header'):
                continue
            kind = d['type']
            g = self.group(f"definitions: {kind} {d['name']}")
            pfx = d.get('name-prefix', f"{self.fam_ident}-{d['name']}-")
            if 'enum-name' in d:
                tag = c_lower(d['enum-name']) if d['enum-name'] else None
            else:
                tag = c_lower(f"{self.fam_ident}-{d['name']}")
            val = d.get('value-start', 0)
            if not isinstance(val, int):
                g.fail(f'value-start {val!r} is not a number')
                continue
            cnames = []
            seen = {}
            last = None
            for i, e in enumerate(d.get('entries', [])):
                if isinstance(e, str):
                    e = {'name': e}
                if 'value' in e:
                    val = e['value']
                elif i:
                    val += 1
                user = (1 << val) if kind == 'flags' else val
                cname = c_upper(pfx + e['name'])
                if user in seen:
                    g.fail(f'{cname} and {seen[user]} share the value {user}')
                seen[user] = cname
                cnames.append(cname)
                expect(g, self.hdr, cname, user)
                last = val
            if d.get('render-max') and last is not None:
                if kind == 'flags':
                    mask = sum(seen)
                    cname = c_upper(pfx + 'mask')
                    cnames.append(cname)
                    expect(g, self.hdr, cname, mask)
                else:
                    for cname, v in ((c_upper('__' + pfx + 'max'), last + 1),
                                     (c_upper(pfx + 'max'), last)):
                        cnames.append(cname)
                        expect(g, self.hdr, cname, v)
            expect_enum(g, self.hdr, cnames, tag, kind)
            if kind == 'flags':
                # #define-style flags: every define with the prefix.
                fpfx = c_upper(pfx)
                for name in self.hdr.defines:
                    if name.startswith(fpfx) and name not in cnames:
                        g.fail(f'{name} is in the header, not in the spec')
                        g.claimed.add(name)

    def attr_set_prefix(self, aset):
        if 'name-prefix' in aset:
            return aset['name-prefix']
        if aset['name'] == self.fam:
            return self.fam_ident + '-a-'
        return f"{self.fam_ident}-a-{aset['name']}-"

    def check_attr_sets(self):
        for aset in self.spec.get('attribute-sets', []):
            if 'subset-of' in aset:
                continue
            g = self.group(f"attribute-set {aset['name']}")
            pfx = c_upper(self.attr_set_prefix(aset))
            tag = c_lower(aset['enum-name']) if aset.get('enum-name') else None
            cnames = []
            seen = {}
            val = 1
            for a in aset.get('attributes', []):
                if 'value' in a:
                    val = a['value']
                cname = c_upper(a.get('name-prefix', pfx) + a['name'])
                if val in seen:
                    g.fail(f'{cname} and {seen[val]} share the value {val}')
                seen[val] = cname
                cnames.append(cname)
                expect(g, self.hdr, cname, val)
                val += 1
            if seen:
                last = max(seen)
                for cname, v in (
                        (c_upper(aset.get('attr-cnt-name', f'__{pfx}max')), last + 1),
                        (c_upper(aset.get('attr-max-name', f'{pfx}max')), last)):
                    cnames.append(cname)
                    expect(g, self.hdr, cname, v)
            expect_enum(g, self.hdr, cnames, tag, 'attrs')

    def check_ops(self):
        g = self.group('operations')
        ops = self.spec.get('operations', {})
        if ops.get('enum-model', 'unified') != 'unified':
            g.fail(f"enum-model {ops['enum-model']}: only unified is checked")
            return
        pfx = c_upper(ops.get('name-prefix', f'{self.fam}-cmd-'))
        apfx = c_upper(ops['async-prefix']) if 'async-prefix' in ops else None
        tag = c_lower(ops['enum-name']) if ops.get('enum-name') else None
        cnames, acnames = [], []
        seen = {}
        val = 1
        for op in ops.get('list', []):
            if 'value' in op:
                val = op['value']
            is_async = 'notify' in op or 'event' in op
            cname = (apfx if is_async and apfx else pfx) + c_upper(op['name'])
            if val in seen:
                g.fail(f'{cname} and {seen[val]} share the value {val}')
            seen[val] = cname
            (acnames if is_async and apfx else cnames).append(cname)
            expect(g, self.hdr, cname, val)
            val += 1
        if cnames:
            last = max(v for v, n in seen.items() if n in cnames)
            for cname, v in ((c_upper(self.spec.get('cmd-cnt-name', f'__{pfx}max')),
                              last + 1),
                             (c_upper(self.spec.get('cmd-max-name', f'{pfx}max')), last)):
                cnames.append(cname)
                expect(g, self.hdr, cname, v)
        expect_enum(g, self.hdr, cnames, tag, 'ops')
        if acnames:
            atag = c_lower(ops['async-enum']) if ops.get('async-enum') else None
            expect_enum(g, self.hdr, acnames, atag, 'ops')

    def check_refs(self):
        """The spec is consistent with itself: what it names exists."""
        g = self.group('spec cross-references')
        s = self.spec
        defs = {d['name']: d for d in s.get('definitions', [])}
        sets = {a['name']: a for a in s.get('attribute-sets', [])}
        grps = {m['name'] for m in s.get('mcast-groups', {}).get('list', [])}
        ops = {o['name']: o for o in s.get('operations', {}).get('list', [])}

        def attrs_of(name):
            a = sets[name]
            if 'subset-of' in a:
                return {x['name'] for x in sets[a['subset-of']]['attributes']}
            return {x['name'] for x in a['attributes']}

        for a in sets.values():
            if 'subset-of' in a:
                if a['subset-of'] not in sets:
                    g.fail(f"set {a['name']}: subset of unknown set {a['subset-of']}")
                    continue
                for x in a['attributes']:
                    if x['name'] not in attrs_of(a['subset-of']):
                        g.fail(f"set {a['name']}: {x['name']} not in {a['subset-of']}")
            for x in a['attributes']:
                where = f"{a['name']}.{x['name']}"
                if 'nested-attributes' in x and x['nested-attributes'] not in sets:
                    g.fail(f"{where}: unknown set {x['nested-attributes']}")
                if x.get('type') == 'nest' and 'nested-attributes' not in x:
                    g.fail(f'{where}: nest without nested-attributes')
                if 'enum' in x and x['enum'] not in defs:
                    g.fail(f"{where}: unknown enum {x['enum']}")
                for k, v in x.get('checks', {}).items():
                    if k == 'flags-mask' and v not in defs:
                        g.fail(f'{where}: unknown flags {v}')
                    if k in ('min', 'max') and isinstance(v, str) and \
                            not re.fullmatch(r'[us](8|16|32|64)-(min|max)', v) and \
                            v not in defs:
                        g.fail(f'{where}: unknown limit {v}')

        for o in ops.values():
            if 'attribute-set' in o and o['attribute-set'] not in sets:
                g.fail(f"op {o['name']}: unknown set {o['attribute-set']}")
                continue
            names = attrs_of(o['attribute-set']) if 'attribute-set' in o else set()
            lists = []
            for mode in ('do', 'dump'):
                for msg in ('request', 'reply'):
                    lists.append((f'{mode} {msg}',
                                  o.get(mode, {}).get(msg, {}).get('attributes', [])))
            lists.append(('event', o.get('event', {}).get('attributes', [])))
            for where, attrs in lists:
                for x in attrs:
                    if x not in names:
                        g.fail(f"op {o['name']} {where}: unknown attribute {x}")
            if 'notify' in o and o['notify'] not in ops:
                g.fail(f"op {o['name']}: notifies unknown op {o['notify']}")
            if ('notify' in o or 'event' in o) and o.get('mcgrp') not in grps:
                g.fail(f"op {o['name']}: unknown multicast group {o.get('mcgrp')}")

    def check_coverage(self, claimed):
        """Every name the header gives is accounted for by the spec."""
        g = self.group('every header enum member and LSW_* define is in the spec')
        hdr = self.hdr
        for tag, members in hdr.enums:
            for m in members:
                if m.startswith(RTNL_PREFIX) or m.startswith('__' + RTNL_PREFIX):
                    continue
                if m not in claimed:
                    g.fail(f"{m} (enum {tag or 'anonymous'}) is not in the spec")
        pfx = c_upper(self.fam_ident) + '_'
        for name in hdr.defines:
            if name.startswith(RTNL_PREFIX) or name.startswith('_UAPI'):
                continue
            if name.lstrip('_').startswith(pfx) and name not in claimed:
                g.fail(f'#define {name} is not in the spec')
        for e in hdr.errors:
            g.fail(f'header: {e}')

    def check_link_attrs(self, rst_path):
        g = self.group('IFLA_LSW_* (rtnetlink) documented in lsw.rst')
        names = [m for tag, members in self.hdr.enums for m in members
                 if m.startswith(RTNL_PREFIX)]
        names = [m for m in names if not m.endswith('_UNSPEC')]
        if not os.path.exists(rst_path):
            g.skip = f'{RST} not found'
            return
        with open(rst_path, encoding='utf-8') as f:
            text = f.read()
        for m in names:
            if not re.search(r'\b' + re.escape(m) + r'\b', text):
                g.fail(f'{m} is not documented in {RST}')

    # --- the generated policies ------------------------------------------

    def real_attr(self, set_name, name):
        """An attribute of a set as the spec means it, a subset's
        overrides applied, and the set that numbers it."""
        sets = {a['name']: a for a in self.spec['attribute-sets']}
        aset = sets[set_name]
        over = next(a for a in aset['attributes'] if a['name'] == name)
        if 'subset-of' not in aset:
            return over, aset
        parent = sets[aset['subset-of']]
        base = next(a for a in parent['attributes'] if a['name'] == name)
        return {**base, **over}, parent

    def attr_cname(self, set_name, name):
        attr, numbering = self.real_attr(set_name, name)
        return c_upper(attr.get('name-prefix', self.attr_set_prefix(numbering))
                       + name)

    def attr_value(self, set_name, name):
        attr, numbering = self.real_attr(set_name, name)
        val = 1
        for a in numbering['attributes']:
            val = a.get('value', val)
            if a['name'] == name:
                return val
            val += 1
        raise KeyError(name)

    def check_policy(self, g, where, pols, pname, set_name, names):
        """Policy pname admits exactly names of set_name, nests recursing."""
        if pname not in pols:
            g.fail(f'{where}: no policy {pname} in {POLICIES}')
            return
        maxname, entries = pols[pname]
        want = {self.attr_cname(set_name, n): n for n in names}
        if set(entries) != set(want):
            extra = sorted(set(entries) - set(want))
            missing = sorted(set(want) - set(entries))
            g.fail(f'{where}: {pname} admits {sorted(entries)}, the spec '
                   f'{sorted(want)} (extra {extra}, missing {missing})')
        top = max(names, key=lambda n: self.attr_value(set_name, n))
        if maxname != self.attr_cname(set_name, top):
            g.fail(f'{where}: {pname} ends at {maxname}, the spec at '
                   f'{self.attr_cname(set_name, top)}')
        for cname, name in want.items():
            attr, _ = self.real_attr(set_name, name)
            if attr.get('type') != 'nest' or cname not in entries:
                continue
            nested = attr['nested-attributes']
            m = re.fullmatch(r'NLA_POLICY_NESTED\((\w+)\)', entries[cname])
            npol = f"{self.fam_ident}_{c_lower(nested)}_nl_policy"
            if not m or m.group(1) != npol:
                g.fail(f'{where}: {cname} is {entries[cname]}, the spec '
                       f'nests {nested} (NLA_POLICY_NESTED({npol}))')
                continue
            if npol in self.checked_nests:
                continue
            self.checked_nests.add(npol)
            nset = [a['name'] for a in
                    {a['name']: a for a in self.spec['attribute-sets']}
                    [nested]['attributes']
                    if a.get('type') != 'unused']
            self.check_policy(g, f'{where} > {name}', pols, npol, nested, nset)

    def check_policies(self, path):
        g = self.group(f'policies and operations of {POLICIES} match the spec')
        if not os.path.exists(path):
            g.fail(f'{path} not found (scripts/nl-gen.sh writes it)')
            return
        with open(path, encoding='utf-8') as f:
            text = f.read()
        pols = {}
        for m in re.finditer(r'^(?:static )?const struct nla_policy (\w+)'
                             r'\[(\w+) \+ 1\] = \{\n(.*?)^\};', text,
                             flags=re.S | re.M):
            entries = dict(re.findall(r'^\t\[(\w+)\] = (.*),$', m.group(3),
                                      flags=re.M))
            pols[m.group(1)] = (m.group(2), entries)
        m = re.search(r'^const struct genl_split_ops \w+\[\d+\] = \{\n(.*?)^\};',
                      text, flags=re.S | re.M)
        if not m:
            g.fail(f'no struct genl_split_ops table in {path}')
            return
        table = [dict(re.findall(r'^\t\t\.(\w+)\s*= (.*),$', b, flags=re.M))
                 for b in re.findall(r'^\t\{\n(.*?)^\t\},', m.group(1),
                                     flags=re.S | re.M)]
        self.checked_nests = set()
        ops = self.spec.get('operations', {})
        pfx = c_upper(ops.get('name-prefix', f'{self.fam}-cmd-'))
        want = 0
        for op in ops.get('list', []):
            for mode in ('do', 'dump'):
                if mode not in op or 'event' in op:
                    continue
                want += 1
                cmd = pfx + c_upper(op['name'])
                cap = 'GENL_CMD_CAP_' + mode.upper()
                where = f"{op['name']} {mode}"
                half = [e for e in table if e.get('cmd') == cmd and
                        cap in e.get('flags', '').split(' | ')]
                if len(half) != 1:
                    g.fail(f'{where}: {len(half)} entries for {cmd} with '
                           f'{cap} in the operations table')
                    continue
                e = half[0]
                flags = set(e.get('flags', '').split(' | ')) - {cap}
                spec_flags = {c_upper('genl-' + x) for x in op.get('flags', [])}
                if flags != spec_flags:
                    g.fail(f'{where}: flags {sorted(flags)}, the spec '
                           f'{sorted(spec_flags)}')
                hooks = (('pre_doit', 'doit', 'post_doit') if mode == 'do'
                         else ('start', 'dumpit', 'done'))
                spec_hooks = (op[mode].get('pre'),
                              f"{self.fam}-nl-{op['name']}-{mode}it",
                              op[mode].get('post'))
                for field, hook in zip(hooks, spec_hooks):
                    if e.get(field) != (c_lower(hook) if hook else None):
                        g.fail(f'{where}: .{field} is {e.get(field)}, the '
                               f'spec {hook and c_lower(hook)}')
                names = op[mode].get('request', {}).get('attributes')
                if not names:
                    if 'policy' in e:
                        g.fail(f'{where}: the spec gives no request, the '
                               f'table a policy ({e["policy"]})')
                    continue
                if 'policy' not in e:
                    g.fail(f'{where}: no policy for a request of {names}')
                    continue
                maxname, _ = pols.get(e['policy'], (None, None))
                if e.get('maxattr') != maxname:
                    g.fail(f'{where}: .maxattr {e.get("maxattr")}, its '
                           f'policy ends at {maxname}')
                self.check_policy(g, where, pols, e['policy'],
                                  op['attribute-set'], names)
        if len(table) != want:
            g.fail(f'the operations table has {len(table)} entries, the '
                   f'spec {want} do and dump halves')

    def run(self, rst_path):
        self.check_family()
        self.check_consts()
        self.check_enum_defs()
        self.check_attr_sets()
        self.check_ops()
        self.check_refs()
        claimed = set()
        for g in self.groups:
            claimed |= g.claimed
        self.check_coverage(claimed)
        self.check_link_attrs(rst_path)
        self.check_policies(self.policies_path)
        return self.groups


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(here)
    spec_path = os.path.join(root, SPEC)
    hdr_path = os.path.join(root, HEADER)

    print('TAP version 13')
    try:
        import yaml
    except ImportError:
        print('1..0 # SKIP python3 yaml module not installed')
        return KSFT_SKIP

    try:
        with open(spec_path, encoding='utf-8') as f:
            spec = yaml.safe_load(f)
        hdr = Header(hdr_path)
        checker = Checker(spec, hdr, spec_path)
        checker.policies_path = os.path.join(root, POLICIES)
        groups = checker.run(os.path.join(root, RST))
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as e:
        print('1..1')
        print(f'# {type(e).__name__}: {e}')
        print('not ok 1 load the spec and the header')
        print('# Totals: pass:0 fail:1 xfail:0 xpass:0 skip:0 error:0')
        return KSFT_FAIL

    print(f'# spec {spec_path}')
    print(f'# header {hdr_path}')
    print(f'1..{len(groups)}')
    npass = nfail = nskip = 0
    for i, g in enumerate(groups, 1):
        for d in g.diags:
            print(f'# {d}')
        if g.skip:
            print(f'ok {i} {g.name} # SKIP {g.skip}')
            nskip += 1
        elif g.ok:
            print(f'ok {i} {g.name}')
            npass += 1
        else:
            print(f'not ok {i} {g.name}')
            nfail += 1
    print(f'# Totals: pass:{npass} fail:{nfail} xfail:0 xpass:0 skip:{nskip} error:0')
    return KSFT_FAIL if nfail else KSFT_PASS


if __name__ == '__main__':
    sys.exit(main())
