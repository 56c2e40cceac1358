/* entity_match.c — lookups over the compiled-in gazetteer (src/entity_gaz.c): longest key
 * at a text position, vocabulary and word-list membership, cue words. */
#include "entity_private.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "jingdu/util.h"

/* One bit per BMP code point: does any key start with it? Built once from gaz_first. */
static uint8_t first_bits[65536 / 8];
static bool gaz_ready;
/* A bitmap over hashed first-two-character pairs: most text positions start no key, and
 * this rejects them before the binary search. Built once from gaz_pair_key. */
#define PAIR_BITS (1u << 20)
static uint8_t pair_bits[PAIR_BITS / 8];

static uint32_t
pair_bit(uint64_t k)
{
	return (uint32_t)((k * 0x9E3779B97F4A7C15ull) >> 44); /* 20 bits */
}

/* Pairs are sorted by first code point then second: for each BMP first code point, the
 * range of its pairs (built once), so a lookup is a short binary search over second code
 * points. */
static uint32_t pair_lo[65536], pair_hi[65536];

/* Index of pair key k in gaz_pair_key, or NPOS. */
static size_t
pair_find(uint64_t k)
{
	size_t lo = 0, hi = gaz_pair_n;
	uint32_t bit = pair_bit(k), c1 = (uint32_t)(k >> 21);

	if (!(pair_bits[bit >> 3] & (1u << (bit & 7))))
		return NPOS;
	if (c1 < 65536) {
		lo = pair_lo[c1];
		hi = pair_hi[c1];
	}
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (gaz_pair_key[mid] < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < gaz_pair_n && gaz_pair_key[lo] == k ? lo : NPOS;
}

/* Per cue kind: the range of its words in the cue table and bitmaps of the code points its
 * words start and end with (a quick reject before comparing). */
static size_t cue_lo[CUE_N_KINDS], cue_hi[CUE_N_KINDS];
static uint8_t cue_first[CUE_N_KINDS][65536 / 8], cue_last[CUE_N_KINDS][65536 / 8];

/* Cue words by (kind, first code point) and by (kind, last code point): a small open hash
 * over "kind << 21 | cp" giving a range of cue_by_first (the cue table's own order: a kind's
 * words are sorted by bytes, so those sharing a first character are contiguous) or of
 * cue_by_last (indices sorted by kind, last code point, then index). */
#define CUE_SLOTS 8192 /* at least twice the cue words (gaz_init checks: test_entity too) */
struct cue_slot {
	uint32_t key; /* kind << 21 | cp, plus 1 (0: empty) */
	uint16_t lo, hi;
};
static struct cue_slot cue_first_slots[CUE_SLOTS], cue_last_slots[CUE_SLOTS];
static uint16_t *cue_by_last;
static bool cue_index_ok;

static uint32_t
cue_slot_hash(uint32_t key)
{
	return (key * 0x9E3779B1u) >> 19; /* 13 bits */
}

static struct cue_slot *
cue_slot_get(struct cue_slot *tab, uint32_t key, bool add)
{
	uint32_t j = cue_slot_hash(key + 1), n;

	for (n = 0; n < CUE_SLOTS; n++, j = (j + 1) & (CUE_SLOTS - 1)) {
		if (tab[j].key == key + 1)
			return &tab[j];
		if (!tab[j].key) {
			if (!add)
				return NULL;
			tab[j].key = key + 1;
			return &tab[j];
		}
	}
	return NULL;
}

bool
gaz_cue_indexed(void)
{
	return cue_index_ok;
}

static uint32_t
cue_last_cp(size_t i)
{
	const char *w = gaz_cue_str + gaz_cue_off[i];
	size_t wl = gaz_cue_off[i + 1] - gaz_cue_off[i], p = utf8_prev(w, wl);
	uint32_t cp;

	utf8_decode(w + p, wl - p, &cp);
	return cp;
}

static int
cmp_cue_last(const void *a, const void *b)
{
	size_t i = *(const uint16_t *)a, j = *(const uint16_t *)b;
	uint32_t ki = (uint32_t)gaz_cue_kind[i] << 21 | cue_last_cp(i);
	uint32_t kj = (uint32_t)gaz_cue_kind[j] << 21 | cue_last_cp(j);

	if (ki != kj)
		return ki < kj ? -1 : 1;
	return i < j ? -1 : i > j;
}

/* Build both indexes; false (and the plain scans are used) when the table does not fit them. */
static bool
cue_index_build(void)
{
	size_t i;

	if (gaz_cue_n >= 65535 || gaz_cue_n * 2 > CUE_SLOTS)
		return false;
	for (i = 0; i < gaz_cue_n; i++) {
		size_t wl = gaz_cue_off[i + 1] - gaz_cue_off[i];
		uint32_t cp;
		struct cue_slot *sl;

		if (wl == 0 || gaz_cue_kind[i] >= CUE_N_KINDS)
			continue;
		utf8_decode_fast(gaz_cue_str + gaz_cue_off[i], wl, &cp);
		if (cp >= (1u << 21))
			return false;
		sl = cue_slot_get(cue_first_slots, (uint32_t)gaz_cue_kind[i] << 21 | cp, true);
		if (!sl)
			return false;
		if (sl->hi == 0) {
			sl->lo = (uint16_t)i;
		} else if (sl->hi != i) {
			return false; /* not contiguous */
		}
		sl->hi = (uint16_t)(i + 1);
	}
	cue_by_last = xmalloc((gaz_cue_n + 1) * sizeof(*cue_by_last));
	for (i = 0; i < gaz_cue_n; i++)
		cue_by_last[i] = (uint16_t)i;
	qsort(cue_by_last, gaz_cue_n, sizeof(*cue_by_last), cmp_cue_last);
	for (i = 0; i < gaz_cue_n; i++) {
		size_t c = cue_by_last[i], wl = gaz_cue_off[c + 1] - gaz_cue_off[c];
		struct cue_slot *sl;

		if (wl == 0 || gaz_cue_kind[c] >= CUE_N_KINDS)
			continue;
		sl = cue_slot_get(cue_last_slots, (uint32_t)gaz_cue_kind[c] << 21 | cue_last_cp(c),
				  true);
		if (!sl)
			return false;
		if (sl->hi == 0)
			sl->lo = (uint16_t)i;
		sl->hi = (uint16_t)(i + 1);
	}
	return true;
}

/* Do the n bytes at a and b agree (short strings: no call)? */
static inline bool
bytes_eq(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

static void
bit_set(uint8_t *bits, uint32_t cp)
{
	if (cp < 65536)
		bits[cp >> 3] |= (uint8_t)(1u << (cp & 7));
}

static bool
bit_get(const uint8_t *bits, uint32_t cp)
{
	return cp >= 65536 || (bits[cp >> 3] & (1u << (cp & 7)));
}

void
gaz_init(void)
{
	size_t i;

	if (gaz_ready)
		return;
	for (i = 0; i < gaz_first_n; i++)
		if (gaz_first[i].cp < 65536)
			first_bits[gaz_first[i].cp >> 3] |= (uint8_t)(1u << (gaz_first[i].cp & 7));
	for (i = 0; i < gaz_pair_n; i++) {
		uint32_t bit = pair_bit(gaz_pair_key[i]), c1 = (uint32_t)(gaz_pair_key[i] >> 21);

		pair_bits[bit >> 3] |= (uint8_t)(1u << (bit & 7));
		if (c1 < 65536) {
			if (pair_hi[c1] == 0)
				pair_lo[c1] = (uint32_t)i;
			pair_hi[c1] = (uint32_t)i + 1;
		}
	}
	for (i = 0; i < CUE_N_KINDS; i++)
		cue_lo[i] = cue_hi[i] = 0;
	for (i = 0; i < gaz_cue_n; i++) {
		unsigned k = gaz_cue_kind[i];
		const char *w = gaz_cue_str + gaz_cue_off[i];
		size_t wl = gaz_cue_off[i + 1] - gaz_cue_off[i];
		uint32_t cp;

		if (k >= CUE_N_KINDS || wl == 0)
			continue;
		if (cue_hi[k] == 0)
			cue_lo[k] = i;
		cue_hi[k] = i + 1;
		utf8_decode_fast(w, wl, &cp);
		bit_set(cue_first[k], cp);
		utf8_decode_fast(w + utf8_prev(w, wl), wl - utf8_prev(w, wl), &cp);
		bit_set(cue_last[k], cp);
	}
	cue_index_ok = cue_index_build();
	gaz_ready = true;
}

static bool
is_word_byte(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

static bool
is_katakana(uint32_t cp)
{
	return (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC;
}

/* A key that starts (ends) with katakana must not continue a katakana word: タイ is not in
 * タイプライター. */
static bool
kana_boundary_ok(const char *text, size_t len, size_t pos, size_t kl)
{
	uint32_t a, z, c;
	size_t pe;

	utf8_decode_fast(text + pos, len - pos, &a);
	if (is_katakana(a) && pos > 0) {
		size_t pp = utf8_prev(text, pos);

		utf8_decode_fast(text + pp, len - pp, &c);
		if (is_katakana(c))
			return false;
	}
	pe = utf8_prev(text, pos + kl);
	utf8_decode_fast(text + pe, len - pe, &z);
	if (is_katakana(z) && pos + kl < len) {
		utf8_decode_fast(text + pos + kl, len - pos - kl, &c);
		if (is_katakana(c))
			return false;
	}
	return true;
}

static const struct gaz_first *
first_find(uint32_t cp)
{
	size_t lo = 0, hi = gaz_first_n;

	if (cp < 65536 && !(first_bits[cp >> 3] & (1u << (cp & 7))))
		return NULL;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (gaz_first[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < gaz_first_n && gaz_first[lo].cp == cp ? &gaz_first[lo] : NULL;
}

/* Compare key i's first m bytes with p[0..m): <0, 0, >0 (a shorter key compares lower). */
static int
key_cmp_prefix(size_t i, const char *p, size_t m)
{
	size_t kl = gaz_key_off[i + 1] - gaz_key_off[i];
	int c = memcmp(gaz_key_str + gaz_key_off[i], p, MIN(kl, m));

	if (c)
		return c;
	return kl < m ? -1 : 0;
}

size_t
gaz_match(const char *text, size_t len, size_t pos, size_t *key)
{
	uint32_t cp;
	size_t best = 0, lo, hi, m;
	bool latin;
	int k;

	if (pos >= len)
		return 0;
	k = utf8_decode_fast(text + pos, len - pos, &cp);
	if (cp < 65536 ? !(first_bits[cp >> 3] & (1u << (cp & 7))) : !first_find(cp))
		return 0;
	latin = cp < 128 && is_word_byte((unsigned char)cp);
	if (latin && pos > 0 && is_word_byte((unsigned char)text[pos - 1]))
		return 0;
	/* Keys are sorted by bytes: the keys that start with text[pos, pos + m) are a contiguous
	 * range, narrowed one character at a time; the range's first key is the prefix itself
	 * when it is a key. */
	{
		size_t pi;
		uint32_t c2;

		/* the first two characters (key_pair's pair, decoded once here) */
		if ((size_t)k >= len - pos)
			return 0;
		m = (size_t)k + (size_t)utf8_decode_fast(text + pos + k, len - pos - (size_t)k, &c2);
		pi = pair_find((uint64_t)cp << 21 | c2);
		if (pi == NPOS)
			return 0;
		lo = gaz_pair_lo[pi];
		hi = gaz_pair_hi[pi];
		if (hi - lo <= 24) {
			/* a short range: try each key (cheaper than narrowing) */
			size_t i;

			for (i = lo; i < hi; i++) {
				size_t kl = gaz_key_off[i + 1] - gaz_key_off[i];
				bool ok2 = true;

				/* every key of the range starts with the pair (m bytes) */
				if (kl <= best || kl < m || pos + kl > len ||
				    !bytes_eq(gaz_key_str + gaz_key_off[i] + m, text + pos + m,
					      kl - m))
					continue;
				if (is_word_byte((unsigned char)text[pos + kl - 1]) &&
				    pos + kl < len && is_word_byte((unsigned char)text[pos + kl]))
					ok2 = false;
				if (latin && pos + kl + 1 < len &&
				    (text[pos + kl] == '-' || text[pos + kl] == '.') &&
				    is_word_byte((unsigned char)text[pos + kl + 1]))
					ok2 = false;
				if (ok2 && cp >= 0x30A0 && !kana_boundary_ok(text, len, pos, kl))
					ok2 = false;
				if (ok2) {
					best = kl;
					*key = i;
				}
			}
			return best;
		}
	}
	while (lo < hi) {
		size_t a = lo, b = hi, kl;

		/* lower bound: first key >= prefix */
		while (a < b) {
			size_t mid = (a + b) / 2;

			if (key_cmp_prefix(mid, text + pos, m) < 0)
				a = mid + 1;
			else
				b = mid;
		}
		lo = a;
		/* upper bound: first key whose first m bytes are greater */
		b = hi;
		while (a < b) {
			size_t mid = (a + b) / 2;

			if (key_cmp_prefix(mid, text + pos, m) <= 0)
				a = mid + 1;
			else
				b = mid;
		}
		hi = a;
		if (lo >= hi)
			break;
		kl = gaz_key_off[lo + 1] - gaz_key_off[lo];
		if (kl == m) {
			bool ok = true;

			if (is_word_byte((unsigned char)text[pos + m - 1]) && pos + m < len &&
			    is_word_byte((unsigned char)text[pos + m]))
				ok = false;
			/* "Qwen-7B": a Latin key must not stop before '-' or '.' + word character
			 */
			if (latin && pos + m + 1 < len &&
			    (text[pos + m] == '-' || text[pos + m] == '.') &&
			    is_word_byte((unsigned char)text[pos + m + 1]))
				ok = false;
			if (ok && cp >= 0x30A0 && !kana_boundary_ok(text, len, pos, m))
				ok = false;
			if (ok) {
				best = m;
				*key = lo;
			}
		}
		if (pos + m >= len)
			break;
		{
			uint32_t c2;

			m += (size_t)utf8_decode_fast(text + pos + m, len - pos - m, &c2);
		}
	}
	return best;
}

/* Hash indexes over the large sorted blobs (vocabulary, gazetteer keys, common English words
 * asked once per English word), built once
 * when a large document asks for them (gaz_index_large): a lookup is then a hash and a probe
 * or two instead of a binary search of 16-18 comparisons. Same answers either way. */
struct blob_index {
	uint32_t *slots; /* index + 1, 0: empty */
	size_t mask;
};
static struct blob_index vocab_index, key_index, en_common_index;
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static uint64_t
blob_hash(const char *s, size_t n)
{
	uint64_t h = (uint64_t)n * 0x9E3779B97F4A7C15ull;

	while (n >= 8) {
		uint64_t w;

		memcpy(&w, s, 8);
		h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
		h ^= h >> 31;
		s += 8;
		n -= 8;
	}
	if (n) {
		uint64_t w = 0;

		memcpy(&w, s, n);
		h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
		h ^= h >> 31;
	}
	return h * 0x94D049BB133111EBull;
}

static void
blob_index_build(struct blob_index *ix, const char *str, const uint32_t *off, size_t n)
{
	size_t cap = 1024, i;

	while (cap < n + n / 2)
		cap *= 2;
	ix->slots = xcalloc(cap, sizeof(*ix->slots));
	for (i = 0; i < n; i++) {
		size_t j = (size_t)(blob_hash(str + off[i], off[i + 1] - off[i]) >> 32) & (cap - 1);

		while (ix->slots[j])
			j = (j + 1) & (cap - 1);
		ix->slots[j] = (uint32_t)i + 1;
	}
	ix->mask = cap - 1;
}

static void
index_build_all(void)
{
	blob_index_build(&vocab_index, gaz_vocab_str, gaz_vocab_off, gaz_vocab_n);
	blob_index_build(&key_index, gaz_key_str, gaz_key_off, gaz_key_n);
	blob_index_build(&en_common_index, gaz_en_common_str, gaz_en_common_off, gaz_en_common_n);
}

void
gaz_index_large(void)
{
	pthread_once(&index_once, index_build_all);
}

static size_t
blob_index_find(const struct blob_index *ix, const char *str, const uint32_t *off, const char *s,
		size_t len)
{
	size_t j = (size_t)(blob_hash(s, len) >> 32) & ix->mask;

	while (ix->slots[j]) {
		size_t i = ix->slots[j] - 1;

		if (off[i + 1] - off[i] == len && memcmp(str + off[i], s, len) == 0)
			return i;
		j = (j + 1) & ix->mask;
	}
	return NPOS;
}

size_t
gaz_key_find(const char *s, size_t len)
{
	if (key_index.slots)
		return blob_index_find(&key_index, gaz_key_str, gaz_key_off, s, len);
	return gaz_blob_find(gaz_key_str, gaz_key_off, gaz_key_n, s, len);
}

static size_t
vocab_find(const char *s, size_t len)
{
	if (vocab_index.slots)
		return blob_index_find(&vocab_index, gaz_vocab_str, gaz_vocab_off, s, len);
	return gaz_blob_find(gaz_vocab_str, gaz_vocab_off, gaz_vocab_n, s, len);
}

size_t
gaz_blob_find(const char *str, const uint32_t *off, size_t n, const char *s, size_t len)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		size_t ml = off[mid + 1] - off[mid];
		int c = memcmp(str + off[mid], s, MIN(ml, len));

		if (c == 0)
			c = ml < len ? -1 : ml > len ? 1 : 0;
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NPOS;
}

bool
gaz_is_vocab(const char *s, size_t n)
{
	return vocab_find(s, n) != NPOS;
}

unsigned
gaz_vocab_idf_of(const char *s, size_t n)
{
	size_t i = vocab_find(s, n);

	return i == NPOS ? 0 : gaz_vocab_idf[i];
}

bool
gaz_cp_in(const uint32_t *set, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (set[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && set[lo] == cp;
}

bool
gaz_cue_may_start(enum gaz_cue_kind kind, uint32_t cp)
{
	return bit_get(cue_first[kind], cp);
}

bool
gaz_cue_may_end(enum gaz_cue_kind kind, uint32_t cp)
{
	return bit_get(cue_last[kind], cp);
}

size_t
gaz_cue_at(enum gaz_cue_kind kind, const char *s, size_t n)
{
	size_t lo, hi, i, best = 0;
	uint32_t cp;
	int k;

	if (n == 0)
		return 0;
	k = utf8_decode_fast(s, n, &cp);
	if (!bit_get(cue_first[kind], cp))
		return 0;
	if (cue_index_ok && cp < (1u << 21)) {
		const struct cue_slot *sl =
		    cue_slot_get(cue_first_slots, (uint32_t)kind << 21 | cp, false);

		if (!sl)
			return 0;
		for (i = sl->lo; i < sl->hi; i++) {
			size_t cl = gaz_cue_off[i + 1] - gaz_cue_off[i];

			if (cl > best && cl <= n &&
			    bytes_eq(s + k, gaz_cue_str + gaz_cue_off[i] + k, cl - (size_t)k))
				best = cl;
		}
		return best;
	}
	/* the kind's words are sorted by bytes: find the first one starting with s's first
	 * character, then try those that share it */
	lo = cue_lo[kind];
	hi = cue_hi[kind];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		size_t cl = gaz_cue_off[mid + 1] - gaz_cue_off[mid];
		int c = memcmp(gaz_cue_str + gaz_cue_off[mid], s, MIN(cl, (size_t)k));

		if (c < 0 || (c == 0 && cl < (size_t)k))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < cue_hi[kind]; i++) {
		size_t cl = gaz_cue_off[i + 1] - gaz_cue_off[i];

		if (cl < (size_t)k || memcmp(gaz_cue_str + gaz_cue_off[i], s, (size_t)k) != 0)
			break;
		if (cl > best && cl <= n && memcmp(s, gaz_cue_str + gaz_cue_off[i], cl) == 0)
			best = cl;
	}
	return best;
}

void
gaz_cue_mark_first(enum gaz_cue_kind kind, uint32_t *tab, uint32_t bit)
{
	size_t i;

	for (i = cue_lo[kind]; i < cue_hi[kind]; i++) {
		uint32_t cp;
		size_t wl = gaz_cue_off[i + 1] - gaz_cue_off[i];

		if (wl == 0 || gaz_cue_kind[i] != kind)
			continue;
		utf8_decode_fast(gaz_cue_str + gaz_cue_off[i], wl, &cp);
		if (cp < 65536)
			tab[cp] |= bit;
	}
}

size_t
gaz_cue_before(enum gaz_cue_kind kind, const char *s, size_t n)
{
	size_t i, best = 0, p;
	uint32_t cp;

	if (n == 0)
		return 0;
	p = utf8_prev(s, n);
	utf8_decode_fast(s + p, n - p, &cp);
	if (!bit_get(cue_last[kind], cp))
		return 0;
	if (cue_index_ok && cp < (1u << 21)) {
		const struct cue_slot *sl =
		    cue_slot_get(cue_last_slots, (uint32_t)kind << 21 | cp, false);

		if (!sl)
			return 0;
		for (i = sl->lo; i < sl->hi; i++) {
			size_t c = cue_by_last[i], cl = gaz_cue_off[c + 1] - gaz_cue_off[c];

			if (cl > best && cl <= n &&
			    bytes_eq(s + n - cl, gaz_cue_str + gaz_cue_off[c], cl))
				best = cl;
		}
		return best;
	}
	for (i = cue_lo[kind]; i < cue_hi[kind]; i++) {
		size_t cl = gaz_cue_off[i + 1] - gaz_cue_off[i];

		if (cl > best && cl <= n &&
		    memcmp(s + n - cl, gaz_cue_str + gaz_cue_off[i], cl) == 0)
			best = cl;
	}
	return best;
}

int
gaz_latin_kind_of(const char *s, size_t n)
{
	size_t i = gaz_blob_find(gaz_latin_str, gaz_latin_off, gaz_latin_n, s, n);

	return i == NPOS ? -1 : gaz_latin_kind[i];
}

bool
gaz_is_en_common(const char *s, size_t n)
{
	char low[32];
	size_t i;

	if (n == 0 || n >= sizeof(low))
		return false;
	for (i = 0; i < n; i++)
		low[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : s[i];
	if (en_common_index.slots)
		return blob_index_find(&en_common_index, gaz_en_common_str, gaz_en_common_off, low,
				       n) != NPOS;
	return gaz_blob_find(gaz_en_common_str, gaz_en_common_off, gaz_en_common_n, low, n) != NPOS;
}
