#!/usr/bin/env python3
"""import_jieba_idf.py — write data/entity/jieba/idf.txt: inverse document frequencies of words
of 2-4 Han characters from Debian's python3-jieba (jieba/analyse/idf.txt, MIT/Expat licence,
https://github.com/fxsjy/jieba), kept for the words of data/entity/friso/vocab.txt (a vocabulary word jieba does not list is
taken as rare, as jieba itself does). Used to pick the key terms of a document (TF-IDF over recurring words).
Usage: python3 scripts/import_jieba_idf.py [PATH/TO/idf.txt]"""
import os, sys

src = sys.argv[1] if len(sys.argv) > 1 else '/usr/lib/python3/dist-packages/jieba/analyse/idf.txt'
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'entity', 'jieba')
os.makedirs(out, exist_ok=True)
vocab_path = os.path.join(out, '..', 'friso', 'vocab.txt')
vocab = {l.strip() for l in open(vocab_path, encoding='utf-8') if not l.startswith('#')}
rows = {}
for line in open(src, encoding='utf-8'):
    parts = line.split()
    if len(parts) != 2:
        continue
    w, v = parts[0], float(parts[1])
    if 2 <= len(w) <= 4 and all(0x3400 <= ord(c) <= 0x9fff for c in w) and w in vocab:
        rows[w] = v
with open(os.path.join(out, 'idf.txt'), 'w', encoding='utf-8') as f:
    f.write('# word<TAB>idf, from python3-jieba analyse/idf.txt (MIT/Expat, (c) Sun Junyi),\n'
            '# imported by scripts/import_jieba_idf.py (the words of friso/vocab.txt).\n')
    for w in sorted(rows):
        f.write('%s\t%.2f\n' % (w, rows[w]))
