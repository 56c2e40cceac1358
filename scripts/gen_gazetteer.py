#!/usr/bin/env python3
"""gen_gazetteer.py — compile data/entity/* into src/entity_gaz.c (committed, deterministic).

The output holds sorted arrays with offsets into string blobs, so nothing is parsed or
relocated when jingdu starts:
  - gazetteer keys (every name and alias, plus blockers) sorted by bytes, each with its
    group (entity) and type, and an index of first code points;
  - the general vocabulary (2-4 Han characters), sorted by bytes;
  - surnames, given-name characters, transliteration characters (sorted code points);
  - cue words by kind, Latin term/ignore words, common English words.
Usage: python3 scripts/gen_gazetteer.py [OUT.c]   (default src/entity_gaz.c)"""
import os, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
D = os.path.join(ROOT, 'data', 'entity')
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, 'src', 'entity_gaz.c')
TYPES = ['PER', 'ORG', 'PRODUCT', 'LOC', 'TERM']
BLOCK = 5
warnings = []


def lines(name):
    for n, line in enumerate(open(os.path.join(D, name), encoding='utf-8'), 1):
        line = line.strip()
        if line and not line.startswith('#'):
            yield n, line


def is_cjk(ch):
    o = ord(ch)
    return 0x2e80 <= o <= 0x9fff or 0xac00 <= o <= 0xd7af or 0xf900 <= o <= 0xfaff or o >= 0x20000


def nchars_ok(k):
    # a CJK key needs two characters; a Latin one two characters as well
    return len(k) >= 2


# ---- traditional spellings (data/entity/unihan/hant.txt, Unihan kTraditionalVariant) --------
# Every Chinese name, alias, blocker, cue word, surname, given-name character and vocabulary
# word also gets its traditional spellings, so Taiwan and Hong Kong text (台積電, 陳, 記者)
# is read like mainland text. A character with several traditional forms (台 → 台 臺) gives
# every combination, at most HANT_CAP spellings per word.
HANT = {}
if os.path.exists(os.path.join(D, 'unihan', 'hant.txt')):
    for _, l in lines('unihan/hant.txt'):
        sc, _, tc = l.partition('\t')
        if len(sc) == 1 and tc:
            HANT[sc] = tc
HANT_CAP = 8


def hant(w, cap=HANT_CAP):
    """the traditional spellings of w other than w itself (empty when it has none)"""
    out = ['']
    for ch in w:
        vs = HANT.get(ch, ch)
        out = [o + v for o in out for v in vs][:cap]
    return [o for o in out if o != w]


# ---- entity lists: union of lines that share a name --------------------------------------
groups = []  # [type, canonical, [names]]
owner = {}   # name -> group index
weak = set()  # names written "~name": also an ordinary word (小米 millet, 苹果 apple)
for fname in ['places.txt', 'orgs.txt', 'products.txt', 'people.txt', 'countries.txt', 'terms.txt',
              'jieba/city_short.txt']:
    if not os.path.exists(os.path.join(D, fname)):
        continue
    for n, line in lines(fname):
        head, _, rest = line.partition('=')
        parts = head.split(None, 1)
        if len(parts) != 2 or parts[0] not in TYPES:
            warnings.append(f'{fname}:{n}: expected "TYPE name = aliases"')
            continue
        t = TYPES.index(parts[0])
        names = [parts[1].strip()] + [a.strip() for a in rest.split(',') if a.strip()]
        for x in names:
            if x.startswith('~'):
                weak.add(x[1:].strip())
        names = [x[1:].strip() if x.startswith('~') else x for x in names]
        names = [x for x in names if nchars_ok(x)]
        if not names:
            continue
        hit = [owner[x] for x in names if x in owner and groups[owner[x]][0] == t]
        if hit:
            g = hit[0]
        else:
            g = len(groups)
            groups.append([t, names[0], []])
        for x in names:
            if x in owner:
                if owner[x] != g:
                    warnings.append(f'{fname}:{n}: "{x}" already names {groups[owner[x]][1]}; kept there')
                continue
            owner[x] = g
            groups[g][2].append(x)

# Chinese administrative places from friso: the full name, and its short form without the
# administrative suffix (赣州市 → 赣州, 黔东南苗族侗族自治州 → 黔东南) when that short form is not an
# ordinary word and not already a name.
import re
vocab_set = {w for _, w in lines('friso/vocab.txt')}
idf = {}
if os.path.exists(os.path.join(D, 'jieba', 'idf.txt')):
    for _, l in lines('jieba/idf.txt'):
        w, _, v = l.partition('\t')
        idf[w] = float(v)
PREP_CHARS = set('在向从到往对于和与同跟给为被把让去来访赴回离驻抵飞至及或是由经')
# friso's vocabulary holds place names too: a short form that is a vocabulary word still counts
# as a name when it has 3+ characters and is rare in general text (jieba idf >= 8.5: 六盘水
# yes); two-character short forms must not be words at all (大厂, 和平 stay words)
ADMIN = re.compile(r'^(.{2,}?)((?:[^族]{1,3}族)*自治[州县区旗]|特别行政区|地区|新区|林区|矿区|[省市县区盟旗州])$')
for n, w in lines('friso/places_cn.txt'):
    if w in owner:
        continue
    names = [w]
    m = ADMIN.match(w)
    short = m.group(1) if m else ''
    if (m and len(short) >= 2 and short not in owner and short[0] not in PREP_CHARS and
            (short not in vocab_set or (len(short) >= 3 and idf.get(short, 12.0) >= 8.5))):
        names.append(m.group(1))
    g = len(groups)
    groups.append([3, w, []])
    for x in names:
        owner[x] = g
        groups[g][2].append(x)

hant_names = 0
for gi, g in enumerate(groups):
    for x in list(g[2]):
        if not any(is_cjk(c) for c in x):
            continue
        for v in hant(x):
            if v not in owner:
                owner[v] = gi
                g[2].append(v)
                hant_names += 1
            if x in weak:
                weak.add(v)

keys = {}  # name -> (group, type)
for gi, (t, canon, names) in enumerate(groups):
    for x in names:
        keys[x] = (gi, t)

# ---- vocabulary and blockers ---------------------------------------------------------------
vocab = {w for _, w in lines('friso/vocab.txt')}
for w in sorted(vocab):
    for v in hant(w, 4):
        if v not in vocab_set:
            vocab_set.add(v)
            if w in idf and v not in idf:
                idf[v] = idf[w]
vocab = sorted(vocab_set)
blockers = {w for _, w in lines('blockers.txt')}
blockers |= {v for b in blockers for v in hant(b)}
# Derived blockers: a vocabulary word that holds a CJK name strictly inside it (not at its
# start, not at its end: 阿里山 stays a place-ish word, 中国人 keeps 中国) or that ends in the
# first characters of a name (其中|国内 must not give 中国) — unless the word starts with a
# preposition-like character that usually precedes a place (在, 向, 从 …) or is a name itself.
PREP = set('在向从到往对于和与同跟给为被把让去来访赴回离驻抵飞至及或是由经')
cjk_keys = [k for k in keys if all(is_cjk(c) for c in k) and len(k) >= 2]
prefixes = {}
for k in cjk_keys:
    for m in range(1, len(k)):
        prefixes.setdefault(k[:m], []).append(k)
inner = {}
for k in cjk_keys:
    inner.setdefault(k[0], []).append(k)
derived = 0
for w in vocab:
    if w in keys or w[0] in PREP:
        continue
    block = False
    for i in range(1, len(w) - 1):
        for k in inner.get(w[i], ()):
            if i + len(k) < len(w) and w.startswith(k, i):
                block = True
    for j in range(1, len(w)):
        if w[j:] in prefixes and w[j:] not in keys:
            block = True
    if block:
        blockers.add(w)
        derived += 1
for b in sorted(blockers):
    if b not in keys:
        keys[b] = (0xffff, BLOCK)

# ---- small lists ----------------------------------------------------------------------------
def chars_of(name):
    s = set()
    for _, l in lines(name):
        for ch in l:
            if is_cjk(ch):
                s.add(ord(ch))
    return sorted(s)


surn = [w for _, w in lines('friso/surnames.txt')]
surn = surn + [v for w in surn for v in hant(w)]
surname1 = sorted({ord(w) for w in surn if len(w) == 1})
surname2 = sorted({w for w in surn if len(w) == 2})


def with_hant(cps):
    return sorted(set(cps) | {ord(v) for c in cps for v in HANT.get(chr(c), '')})


given1 = with_hant(chars_of('friso/given1.txt'))
given_first = with_hant(chars_of('friso/given_first.txt'))
given_last = with_hant(chars_of('friso/given_last.txt'))
translit = with_hant(chars_of('translit.txt'))
ja_surnames = sorted({w for _, l in lines('ja_surnames.txt') for w in l.split()})
CUE_KINDS = ['suffix', 'weaksuffix', 'pre', 'post', 'jpost', 'source', 'sourceend', 'product', 'org', 'orgpre', 'samesuffix', 'placesuffix', 'productpre']
cues = []
for n, l in lines('cues.txt'):
    kind, _, w = l.partition(' ')
    if kind not in CUE_KINDS or not w:
        warnings.append(f'cues.txt:{n}: unknown line')
        continue
    cues.append((CUE_KINDS.index(kind), w))
    cues.extend((CUE_KINDS.index(kind), v) for v in hant(w))
cues = sorted(set(cues), key=lambda c: (c[0], c[1].encode()))
latin = []
for n, l in lines('latin.txt'):
    kind, _, w = l.partition(' ')
    if kind not in ('term', 'ignore') or not w:
        warnings.append(f'latin.txt:{n}: unknown line')
        continue
    latin.append((w, 0 if kind == 'term' else 1))
latin = sorted(dict(latin).items(), key=lambda x: x[0].encode())
en_common = sorted({w.lower() for _, l in lines('en_common.txt') for w in l.split()}, key=lambda x: x.encode())


# ---- output ---------------------------------------------------------------------------------
def cstr(b):
    r = []
    for ch in b.decode('utf-8'):
        if ch in '"\\?':
            r.append('\\' + ch)
        elif ord(ch) < 32:
            r.append('\\%03o' % ord(ch))
        else:
            r.append(ch)
    return ''.join(r)


def blob(name, words):
    """Emit one string blob and an offset array (n + 1 entries)."""
    offs, pos, chunks, line = [], 0, [], []
    for w in words:
        b = w.encode('utf-8')
        offs.append(pos)
        pos += len(b)
        line.append(cstr(b))
        if len(line) == 32:
            chunks.append('\t"' + ''.join(line) + '"')
            line = []
    if line:
        chunks.append('\t"' + ''.join(line) + '"')
    offs.append(pos)
    o = []
    o.append(f'const char {name}_str[] =\n' + ('\n'.join(chunks) if chunks else '\t""') + ';')
    o.append(f'const uint32_t {name}_off[{len(offs)}] = {{')
    for i in range(0, len(offs), 12):
        o.append('\t' + ', '.join(str(x) for x in offs[i:i + 12]) + ',')
    o.append('};')
    o.append(f'const size_t {name}_n = {len(words)};')
    return '\n'.join(o)


def u32(name, arr):
    o = [f'const uint32_t {name}[{max(1, len(arr))}] = {{']
    for i in range(0, len(arr), 12):
        o.append('\t' + ', '.join('0x%x' % x for x in arr[i:i + 12]) + ',')
    if not arr:
        o.append('\t0,')
    o.append('};')
    o.append(f'const size_t {name}_n = {len(arr)};')
    return '\n'.join(o)


key_list = sorted(keys, key=lambda k: k.encode('utf-8'))
out = []
out.append('/* entity_gaz.c — GENERATED by scripts/gen_gazetteer.py from data/entity/ (see data/README.md\n'
           ' * for sources and licences). Do not edit; edit the lists and rerun the script. */')
out.append('#include "entity_private.h"\n')
out.append('// clang-format off')
out.append(f'/* {len(groups)} entities, {len(key_list)} keys ({len(blockers)} blockers, {derived} derived), '
           f'{len(vocab)} vocabulary words */')
out.append(blob('gaz_key', key_list))
out.append(f'const struct gaz_keyinfo gaz_key_info[{len(key_list)}] = {{')
for i in range(0, len(key_list), 8):
    out.append('\t' + ' '.join('{%d, %d, %d},' % (keys[k][0], keys[k][1], k in weak)
                               for k in key_list[i:i + 8]))
out.append('};')
# first code point index over the sorted keys
first = []
for i, k in enumerate(key_list):
    cp = ord(k[0])
    if first and first[-1][0] == cp:
        first[-1][2] = i + 1
    else:
        first.append([cp, i, i + 1])
out.append(f'const struct gaz_first gaz_first[{len(first)}] = {{')
for i in range(0, len(first), 6):
    out.append('\t' + ' '.join('{0x%x, %d, %d},' % tuple(f) for f in first[i:i + 6]))
out.append('};')
out.append(f'const size_t gaz_first_n = {len(first)};')
# keys by their first two code points: sorted (cp1 << 21 | cp2) with the key range of each
pairs = []
for i, k in enumerate(key_list):
    if len(k) < 2:
        continue
    pk = (ord(k[0]) << 21) | ord(k[1])
    if pairs and pairs[-1][0] == pk:
        pairs[-1][2] = i + 1
    else:
        pairs.append([pk, i, i + 1])
pairs.sort()
out.append(f'const uint64_t gaz_pair_key[{len(pairs)}] = {{')
for i in range(0, len(pairs), 6):
    out.append('\t' + ' '.join('0x%xull,' % p[0] for p in pairs[i:i + 6]))
out.append('};')
out.append(f'const uint32_t gaz_pair_lo[{len(pairs)}] = {{')
for i in range(0, len(pairs), 12):
    out.append('\t' + ', '.join(str(p[1]) for p in pairs[i:i + 12]) + ',')
out.append('};')
out.append(f'const uint32_t gaz_pair_hi[{len(pairs)}] = {{')
for i in range(0, len(pairs), 12):
    out.append('\t' + ', '.join(str(p[2]) for p in pairs[i:i + 12]) + ',')
out.append('};')
out.append(f'const size_t gaz_pair_n = {len(pairs)};')
out.append(blob('gaz_group', [g[1] for g in groups]))
out.append('const unsigned char gaz_group_type[%d] = {' % max(1, len(groups)))
for i in range(0, len(groups), 24):
    out.append('\t' + ', '.join(str(g[0]) for g in groups[i:i + 24]) + ',')
out.append('};')
out.append(blob('gaz_vocab', sorted(vocab, key=lambda w: w.encode())))
vs = sorted(vocab, key=lambda w: w.encode())
out.append('/* idf x 10 of each vocabulary word from jieba (120 when jieba does not list it) */')
out.append('const unsigned char gaz_vocab_idf[%d] = {' % max(1, len(vs)))
for i in range(0, len(vs), 32):
    out.append('\t' + ','.join(str(min(255, int(round(idf.get(w, 12.0) * 10)))) for w in vs[i:i + 32]) + ',')
out.append('};')
out.append(u32('gaz_surname1', surname1))
out.append(blob('gaz_surname2', sorted(surname2, key=lambda w: w.encode())))
out.append(u32('gaz_given1', given1))
out.append(u32('gaz_given_first', given_first))
out.append(u32('gaz_given_last', given_last))
out.append(u32('gaz_translit', translit))
out.append(blob('gaz_ja_surname', sorted(ja_surnames, key=lambda w: w.encode())))
out.append(blob('gaz_cue', [c[1] for c in cues]))
out.append('const unsigned char gaz_cue_kind[%d] = {' % max(1, len(cues)))
for i in range(0, len(cues), 24):
    out.append('\t' + ', '.join(str(c[0]) for c in cues[i:i + 24]) + ',')
out.append('};')
out.append(blob('gaz_latin', [w for w, _ in latin]))
out.append('const unsigned char gaz_latin_kind[%d] = {' % max(1, len(latin)))
for i in range(0, len(latin), 24):
    out.append('\t' + ', '.join(str(k) for _, k in latin[i:i + 24]) + ',')
out.append('};')
out.append(blob('gaz_en_common', en_common))
out.append('// clang-format on')
with open(OUT, 'w', encoding='utf-8') as f:
    f.write('\n'.join(out) + '\n')
for w in warnings:
    print('gen_gazetteer: ' + w, file=sys.stderr)
print(f'gen_gazetteer: {len(groups)} entities, {len(key_list)} keys, {len(blockers)} blockers '
      f'({derived} derived), {len(vocab)} vocabulary words -> {OUT}', file=sys.stderr)
