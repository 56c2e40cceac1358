#!/usr/bin/env python3
"""import_friso.py — copy the word lists jingdu uses from Debian's friso-dict (Apache-2.0,
https://github.com/lionsoul2014/friso) into data/entity/friso/, one entry a line, sorted.
Usage: python3 scripts/import_friso.py [/usr/share/friso/dict/UTF-8]
  surnames.txt     lex-lname.lex (single and compound Chinese surnames; commented ones dropped)
  given1.txt       lex-sname.lex (single-character given names)
  given_first.txt  lex-dname-1.lex (first character of two-character given names)
  given_last.txt   lex-dname-2.lex (second character of two-character given names)
  places_cn.txt    lex-cn-place.lex (Chinese provinces, prefectures, counties, districts; names
                   ending in 人, "people of", dropped)
  vocab.txt        lex-main.lex words of 2 to 4 characters (general vocabulary, used as the
                   blocker for person names and new-word discovery)"""
import os, sys

src = sys.argv[1] if len(sys.argv) > 1 else '/usr/share/friso/dict/UTF-8'
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'entity', 'friso')
os.makedirs(out, exist_ok=True)


def words(name):
    for line in open(os.path.join(src, name), encoding='utf-8'):
        w = line.strip().split('/')[0].strip()
        if w and not w.startswith('#'):
            yield w


def write(name, ws, what):
    ws = sorted(set(ws))
    with open(os.path.join(out, name), 'w', encoding='utf-8') as f:
        f.write('# %s\n# From friso-dict (Apache-2.0, (c) lionsoul), imported by scripts/import_friso.py.\n' % what)
        for w in ws:
            f.write(w + '\n')


write('surnames.txt', words('lex-lname.lex'), 'Chinese surnames (lex-lname.lex)')
write('given1.txt', [w for w in words('lex-sname.lex') if len(w) == 1], 'single-character given names (lex-sname.lex)')
write('given_first.txt', [w for w in words('lex-dname-1.lex') if len(w) == 1], 'first characters of two-character given names (lex-dname-1.lex)')
write('given_last.txt', [w for w in words('lex-dname-2.lex') if len(w) == 1], 'second characters of two-character given names (lex-dname-2.lex)')
write('places_cn.txt', [w for w in words('lex-cn-place.lex') if len(w) >= 2 and not w.endswith('人')],
      'Chinese place names (lex-cn-place.lex)')
write('vocab.txt', [w for w in words('lex-main.lex') if 2 <= len(w) <= 4 and all(ord(c) >= 0x3400 for c in w)],
      'general vocabulary, words of 2-4 Han characters (lex-main.lex)')
