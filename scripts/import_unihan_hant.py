#!/usr/bin/env python3
"""import_unihan_hant.py — write data/entity/unihan/hant.txt: for every simplified Han character
with a different traditional form, its traditional variants (Unihan kTraditionalVariant), from
Debian's unicode-data package (/usr/share/unicode/Unihan_Variants.txt.bz2, Unicode licence).
scripts/gen_gazetteer.py uses it to give every Chinese name, blocker, cue word, surname,
given-name character and vocabulary word its traditional spellings (台积电 → 台積電, 臺積電).
Usage: python3 scripts/import_unihan_hant.py [PATH/TO/Unihan_Variants.txt(.bz2)]"""
import bz2, os, sys

src = sys.argv[1] if len(sys.argv) > 1 else '/usr/share/unicode/Unihan_Variants.txt.bz2'
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'entity', 'unihan')
os.makedirs(out, exist_ok=True)
opener = bz2.open if src.endswith('.bz2') else open
rows = {}
with opener(src, 'rt', encoding='utf-8') as f:
    for line in f:
        parts = line.rstrip('\n').split('\t')
        if len(parts) != 3 or parts[1] != 'kTraditionalVariant':
            continue
        s = chr(int(parts[0][2:], 16))
        ts = [chr(int(u[2:], 16)) for u in parts[2].split()]
        # the character itself first when it is also traditional (台 → 台 臺 颱), then the rest
        ts = sorted(set(ts), key=lambda c: (c != s, ord(c)))
        if ts != [s]:
            rows[s] = ts
with open(os.path.join(out, 'hant.txt'), 'w', encoding='utf-8') as f:
    f.write('# simplified<TAB>traditional variants, from Unihan_Variants.txt kTraditionalVariant\n'
            '# (Unicode Character Database, Unicode licence; Debian package unicode-data),\n'
            '# imported by scripts/import_unihan_hant.py.\n')
    for s in sorted(rows):
        f.write('%s\t%s\n' % (s, ''.join(rows[s])))
print(len(rows), 'characters', file=sys.stderr)
