#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# pkg-man-check.py LSW MANPAGE: lsw(8) and "lsw help" must agree.
#
#   - the commands (OBJECT COMMAND) in "lsw OBJECT help" and in the man
#     page's SYNOPSIS are the same set;
#   - every command of the help has an entry in COMMANDS;
#   - every entry in COMMANDS is a command of the help;
#   - the keywords (lowercase words and -options) of the help's syntax
#     and of the SYNOPSIS are the same set, and each is explained
#     (set in bold) somewhere in the man page outside the SYNOPSIS.
#
# Prints one line per disagreement; exit status 1 if there is any.

import re
import shlex
import subprocess
import sys


def run_help(lsw, *args):
    p = subprocess.run([lsw, *args], capture_output=True, text=True,
                       check=True)
    return p.stdout


# -j[son] is one option, -json: fold the optional tail into the word.
OPT_TAIL = re.compile(r'(-\w+)\[(\w+)\]')
KEYWORD = re.compile(r'^(-[0-9a-zA-Z][\w-]*|[a-z][a-z0-9-]*)$')


def keywords(line):
    """The keywords of one line of syntax."""
    line = OPT_TAIL.sub(r'\1\2', line)
    line = re.sub(r'[\[\]{}|]|\.\.\.', ' ', line)
    return {w for w in line.split() if KEYWORD.match(w)}


def commands(line, objects):
    """The (object, command) pairs of one "lsw OBJECT ..." line."""
    m = re.search(r'\blsw\s+(\S+)\s*(.*)', line)
    if not m or m.group(1) not in objects:
        return set()
    obj, rest = m.groups()
    if rest.startswith('{'):
        alts = rest[1:rest.index('}')]
        return {(obj, w.strip()) for w in alts.split('|')}
    word = rest.split()[0] if rest.split() else ''
    if not re.match(r'^[a-z]', word):
        word = ''               # "lsw monitor [ all | ... ]": no command word
    return {(obj, word)}


def syntax_lines(text):
    """The lines of usage text that are syntax, not prose: "lsw ..."
    lines and "X := { ... }" or "[ ... ]" definitions, each with its
    indented continuation lines; and, apart, the definitions that no
    syntax uses (such as EVENT, which describes output)."""
    defs = []           # [name, text]
    usage = []
    cur = None
    for raw in text.splitlines():
        indented = raw[:1].isspace()
        line = re.sub(r'^(Usage:|where)\s+', '', raw.strip())
        m = re.match(r'^([A-Z_]+)\s*:=\s*(.*)', line)
        if line.startswith('lsw '):
            cur = ['', line]
            usage.append(cur)
        elif m:
            cur = None
            if m.group(2)[:1] in ('{', '['):
                cur = [m.group(1), m.group(2)]
                defs.append(cur)
        elif cur and indented and line:
            cur[1] += ' ' + line
        else:
            cur = None
    used = ' '.join(t for _, t in usage + defs)
    syntax = [t for _, t in usage]
    other = []
    for name, t in defs:
        (syntax if re.search(r'\b%s\b' % name, used) else other).append(t)
    return syntax, other


def parse_help(lsw):
    main = run_help(lsw, 'help')
    m = re.search(r'OBJECT\s*:=\s*\{([^}]*)\}', main)
    if not m:
        sys.exit('man-check: no "OBJECT := { ... }" in "lsw help"')
    objects = [w.strip() for w in m.group(1).split('|')]
    text = main.split('\n\n')[0] + '\n'
    for obj in objects:
        text += run_help(lsw, obj, 'help')
    return (objects, *syntax_lines(text))


# --- the man page ---------------------------------------------------------

def unroff(s):
    s = s.replace('\\-', '-').replace('\\(dq', '"').replace('\\(aq', "'")
    s = s.replace('\\~', ' ').replace('\\ ', ' ').replace('\\&', '')
    return s


def strip_fonts(s):
    return re.sub(r'\\f[BIRP]', '', s)


def bold_words(line):
    """The words a man(7) source line sets in bold."""
    words = []
    line = unroff(line)
    m = re.match(r'^\.(B|BR|RB|BI|IB)\s+(.*)', line)
    if m:
        macro, args = m.groups()
        try:
            parts = shlex.split(args.replace('\\', '\\\\'))
        except ValueError:
            parts = args.split()
        if macro == 'B':
            words += ' '.join(parts).split()
        else:
            first = 0 if macro[0] == 'B' else 1
            for i, part in enumerate(parts):
                if i % 2 == first:
                    words += strip_fonts(part).split()
    for span in re.findall(r'\\fB(.*?)(?=\\f[RIP]|$)', line):
        words += span.split()
    return {re.sub(r'[,.;:()]+$', '', w) for w in words}


def parse_man(path, objects):
    sections = {}
    name = None
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        m = re.match(r'^\.SH\s+"?([^"]*)"?', line)
        if m:
            name = m.group(1).strip()
            sections[name] = []
            continue
        if name:
            sections[name].append(line)
    synopsis = []
    for line in sections.get('SYNOPSIS', []):
        if line.startswith('.'):
            continue
        line = strip_fonts(unroff(line)).strip()
        if line:
            synopsis.append(line)
    # Join continuation lines (indented, not starting a new command)
    # so that each "lsw ..." or "X := ..." is read as a whole.
    joined = []
    for line in synopsis:
        if joined and not line.startswith('lsw ') and ':=' not in line:
            joined[-1] += ' ' + line
        else:
            joined.append(line)
    syn = []
    for line in joined:
        m = re.match(r'^[A-Z_]+\s*:=\s*(.*)', line)
        syn.append(m.group(1) if m else line)

    # COMMANDS: ".TP" then ".B OBJECT [COMMAND]" names an entry.
    entries = set()
    prev = ''
    for line in sections.get('COMMANDS', []):
        if prev == '.TP':
            m = re.match(r'^\.B\s+(.*)', unroff(line))
            if m:
                words = m.group(1).replace('"', '').split()
                if words and words[0] in objects:
                    entries.add((words[0], ' '.join(words[1:2])))
        prev = line.strip()

    bold = set()
    for name, lines in sections.items():
        if name == 'SYNOPSIS':
            continue
        for line in lines:
            bold |= bold_words(line)
    return syn, entries, bold


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: pkg-man-check.py LSW MANPAGE')
    lsw, man = sys.argv[1:]
    objects, help_lines, help_other = parse_help(lsw)
    syn_lines, entries, bold = parse_man(man, objects)

    help_cmds = set().union(*(commands(l, objects) for l in help_lines))
    syn_cmds = set().union(*(commands(l, objects) for l in syn_lines))
    help_kw = set().union(*(keywords(l) for l in help_lines))
    other_kw = set().union(*(keywords(l) for l in help_other))
    syn_kw = set().union(*(keywords(l) for l in syn_lines))
    # "lsw" itself and "help" are not keywords to explain.
    help_kw -= {'lsw'}
    syn_kw -= {'lsw'}

    problems = []

    def fmt(c):
        return ' '.join(w for w in c if w)

    # "lsw OBJECT help" is the SYNOPSIS's "OBJECT { COMMAND | help }".
    help_cmds_syn = {c for c in help_cmds if c[1] != 'help'}
    for c in sorted(help_cmds_syn - syn_cmds):
        problems.append(f'in "lsw help", not in SYNOPSIS: lsw {fmt(c)}')
    for c in sorted(syn_cmds - help_cmds_syn):
        problems.append(f'in SYNOPSIS, not in "lsw help": lsw {fmt(c)}')
    for c in sorted(c for c in help_cmds - entries if c[1] != 'help'):
        problems.append(f'no entry in COMMANDS for: lsw {fmt(c)}')
    for c in sorted(entries - help_cmds):
        problems.append(f'entry in COMMANDS, not in "lsw help": lsw {fmt(c)}')
    for w in sorted(help_kw - syn_kw):
        problems.append(f'keyword in "lsw help", not in SYNOPSIS: {w}')
    for w in sorted(syn_kw - help_kw):
        problems.append(f'keyword in SYNOPSIS, not in "lsw help": {w}')
    for w in sorted((help_kw | other_kw) - bold):
        problems.append(f'keyword never explained outside SYNOPSIS: {w}')

    for p in problems:
        print(p)
    print(f'{len(help_cmds)} commands, {len(help_kw)} keywords; '
          f'{len(problems)} disagreement(s)')
    print('help: ' + ' '.join(sorted(fmt(c) for c in help_cmds)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
