/* anchor.c — text anchors (position + quote with context) and re-anchoring: exact position,
 * exact quote, bounded fuzzy match with a minimum score, else orphan. Also the 128-bit hash that
 * identifies a document's text. docs/annotations.md explains the rules and thresholds. */
#include "jingdu/anchor.h"

#include <stdlib.h>
#include <string.h>

#include "jingdu/util.h"

/* Fuzzy matching limits. */
#define NEAR_CPS 2000          /* the near window reaches this many code points (at least) */
#define MAX_FUZZY_CPS 4000     /* longer quotes are only matched exactly */
#define MAX_FAR_CELLS 32000000 /* quote × text code points for the whole-text pass */
#define MIN_FUZZY_CPS 4        /* shorter quotes are only matched exactly */
#define SHORT_QUOTE_CPS 8      /* shorter quotes also need their context to agree */
#define MAX_OCCURRENCES 100000 /* exact occurrences examined */
#define MAX_CANDIDATES 4000    /* fuzzy end positions scored */
#define EXACT_WINDOW 65536     /* bytes either side of the old position searched first */

/* Weights of the fuzzy score: quote similarity and context similarity. */
#define W_QUOTE 0.7
#define W_CONTEXT 0.3
#define MIN_QUOTE_SIM_NEAR 0.75
#define MIN_QUOTE_SIM_FAR 0.8
#define MIN_CONTEXT_FAR 0.5
#define MIN_CONTEXT_SHORT 0.5

/* ---- code points ---- */

static size_t
cp_start(const char *text, size_t len, size_t off)
{
	if (off >= len)
		return len;
	while (off > 0 && ((unsigned char)text[off] & 0xC0) == 0x80)
		off--;
	return off;
}

static size_t
cp_end(const char *text, size_t len, size_t off)
{
	if (off >= len)
		return len;
	while (off < len && ((unsigned char)text[off] & 0xC0) == 0x80)
		off++;
	return off;
}

/* Byte offset n code points before off (stops at 0). */
static size_t
cp_back(const char *text, size_t off, size_t n)
{
	while (n-- > 0 && off > 0)
		off = utf8_prev(text, off);
	return off;
}

/* Byte offset n code points after off (stops at len). */
static size_t
cp_fwd(const char *text, size_t len, size_t off, size_t n)
{
	uint32_t c;

	while (n-- > 0 && off < len)
		off += (size_t)utf8_decode(text + off, len - off, &c);
	return off;
}

/* Decode s[0, n) into code points; offs (when not NULL) gets each one's byte offset plus
 * base, and one more entry for the end. Returns the count. */
static size_t
cp_decode(const char *s, size_t n, size_t base, uint32_t **cps, size_t **offs)
{
	size_t cap = n + 1, k = 0, i = 0;
	uint32_t *v = xmalloc(cap * sizeof(*v));
	size_t *o = offs ? xmalloc(cap * sizeof(*o)) : NULL;

	while (i < n) {
		uint32_t c;
		int l = utf8_decode(s + i, n - i, &c);
		if (o)
			o[k] = base + i;
		v[k++] = c;
		i += (size_t)l;
	}
	if (o)
		o[k] = base + n;
	*cps = v;
	if (offs)
		*offs = o;
	return k;
}

/* Levenshtein distance of two short code point strings. */
static size_t
lev(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t *row = xmalloc((nb + 1) * sizeof(*row));
	size_t i, j, d;

	for (j = 0; j <= nb; j++)
		row[j] = j;
	for (i = 1; i <= na; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (j = 1; j <= nb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	d = row[nb];
	free(row);
	return d;
}

/* Similarity (0..1) of a stored context string with the text actually beside [start, end). */
static double
side_sim(const char *stored, const char *text, size_t from, size_t to)
{
	uint32_t *a, *b;
	size_t na, nb, d, m;
	double sim;

	if (!stored[0])
		return from == to ? 1.0 : 0.5; /* it was at an end of the text */
	na = cp_decode(stored, strlen(stored), 0, &a, NULL);
	nb = cp_decode(text + from, to - from, 0, &b, NULL);
	d = lev(a, na, b, nb);
	m = MAX(na, nb);
	sim = m ? 1.0 - (double)d / (double)m : 1.0;
	free(a);
	free(b);
	return sim;
}

/* Context similarity of a candidate range: the mean of prefix and suffix similarity. */
static double
context_sim(const char *text, size_t len, size_t start, size_t end, const struct anchor *a)
{
	size_t np = utf8_count(a->prefix, strlen(a->prefix));
	size_t ns = utf8_count(a->suffix, strlen(a->suffix));
	double p = side_sim(a->prefix, text, cp_back(text, start, np ? np : ANCHOR_CONTEXT), start);
	double s = side_sim(a->suffix, text, end, cp_fwd(text, len, end, ns ? ns : ANCHOR_CONTEXT));

	return (p + s) / 2.0;
}

/* How many sides (0..2) of the stored context agree byte for byte. */
static int
context_class(const char *text, size_t len, size_t start, size_t end, const struct anchor *a)
{
	size_t np = strlen(a->prefix), ns = strlen(a->suffix);
	int c = 0;

	if (np <= start && memcmp(text + start - np, a->prefix, np) == 0)
		c++;
	if (ns <= len - end && memcmp(text + end, a->suffix, ns) == 0)
		c++;
	return c;
}

static size_t
dist(size_t a, size_t b)
{
	return a > b ? a - b : b - a;
}

/* ---- exact quote ---- */

/* First occurrence of needle (nn > 0 bytes) in hay[0, n), or NULL. */
static const char *
find_bytes(const char *hay, size_t n, const char *needle, size_t nn)
{
	const char *p = hay, *end = hay + n;

	while ((size_t)(end - p) >= nn) {
		p = memchr(p, needle[0], (size_t)(end - p) - nn + 1);
		if (!p)
			return NULL;
		if (memcmp(p, needle, nn) == 0)
			return p;
		p++;
	}
	return NULL;
}

struct exact_best {
	size_t at, d; /* NPOS when none */
	int c;        /* context class 0..2 */
	double s;     /* context similarity */
	size_t seen;
};

/* Consider every occurrence of the quote starting in [lo, hi). */
static void
exact_scan(const char *text, size_t len, const struct anchor *a, size_t qlen, size_t lo, size_t hi,
	   struct exact_best *b)
{
	size_t old = MIN(a->start, len), p = lo;
	const char *hit;

	hi = MIN(hi, len);
	while (p < hi && p + qlen <= len && b->seen < MAX_OCCURRENCES &&
	       (hit = find_bytes(text + p, MIN(len, hi + qlen) - p, a->quote, qlen)) != NULL) {
		size_t at = (size_t)(hit - text), d = dist(at, old);
		double s;
		int c;

		b->seen++;
		p = at + 1;
		if (((unsigned char)text[at] & 0xC0) == 0x80)
			continue;
		c = context_class(text, len, at, at + qlen, a);
		if (b->at != NPOS && (c < b->c || (c == b->c && d > b->d)))
			continue;
		s = -1; /* context similarity: computed only to break an exact tie */
		if (b->at != NPOS && c == b->c && d == b->d) {
			if (b->s < 0)
				b->s = context_sim(text, len, b->at, b->at + qlen, a);
			s = context_sim(text, len, at, at + qlen, a);
			if (s <= b->s)
				continue;
		}
		b->at = at;
		b->c = c;
		b->d = d;
		b->s = s;
	}
}

static bool
locate_exact(const char *text, size_t len, const struct anchor *a, size_t qlen,
	     struct anchor_match *m)
{
	size_t old = MIN(a->start, len);
	struct exact_best b = {NPOS, 0, -1, 0, 0};

	/* Near the old position first: an occurrence there with both sides of its context intact
	 * is the nearest of the best class, so the rest of the text need not be read. */
	exact_scan(text, len, a, qlen, old > EXACT_WINDOW ? old - EXACT_WINDOW : 0,
		   old + EXACT_WINDOW, &b);
	if (b.at == NPOS || b.c < 2) {
		b.at = NPOS;
		b.seen = 0;
		exact_scan(text, len, a, qlen, 0, len, &b);
	}
	if (b.at == NPOS)
		return false;
	if (b.s < 0)
		b.s = context_sim(text, len, b.at, b.at + qlen, a);
	/* A short quote with no agreeing context, far away, is a lookalike, not a move. */
	if (b.c == 0 && utf8_count(a->quote, qlen) < SHORT_QUOTE_CPS && b.s < MIN_CONTEXT_SHORT &&
	    utf8_count(text + MIN(b.at, old), b.d) > NEAR_CPS)
		return false;
	m->how = ANCHOR_MOVED;
	m->start = b.at;
	m->end = b.at + qlen;
	m->score = 1.0;
	return true;
}

/* ---- fuzzy quote ---- */

struct fuzzy_best {
	bool found;
	size_t start, end; /* bytes */
	double score, qsim, csim;
	size_t d;
};

/* Approximate matching (Sellers: edit distance to any substring) of q[0, m) in the code points
 * t[0, n) whose byte offsets are offs[]; every end with at most k edits is scored. */
static void
fuzzy_scan(const char *text, size_t len, const struct anchor *a, const uint32_t *q, size_t m,
	   const uint32_t *t, const size_t *offs, size_t n, size_t k, bool far,
	   struct fuzzy_best *best)
{
	size_t *cost = xmalloc((m + 1) * sizeof(*cost));
	size_t *from = xmalloc((m + 1) * sizeof(*from));
	size_t i, j, scored = 0, old = MIN(a->start, len);

	for (i = 0; i <= m; i++) {
		cost[i] = i;
		from[i] = 0;
	}
	for (j = 1; j <= n && scored < MAX_CANDIDATES; j++) {
		size_t dcost = cost[0], dfrom = from[0];
		cost[0] = 0;
		from[0] = j;
		for (i = 1; i <= m; i++) {
			size_t c_up = cost[i], f_up = from[i];
			size_t c = dcost + (q[i - 1] != t[j - 1]), f = dfrom;
			/* equal costs: prefer the later start (the tighter match) */
			if (cost[i - 1] + 1 < c || (cost[i - 1] + 1 == c && from[i - 1] > f)) {
				c = cost[i - 1] + 1; /* skip a quote code point */
				f = from[i - 1];
			}
			if (c_up + 1 < c || (c_up + 1 == c && f_up > f)) {
				c = c_up + 1; /* an extra text code point */
				f = f_up;
			}
			dcost = c_up;
			dfrom = f_up;
			cost[i] = c;
			from[i] = f;
		}
		if (cost[m] <= k && from[m] < j) {
			size_t bs = offs[from[m]], be = offs[j];
			double qs = 1.0 - (double)cost[m] / (double)m;
			double cs = context_sim(text, len, bs, be, a);
			double sc = W_QUOTE * qs + W_CONTEXT * cs;
			bool okay;

			scored++;
			if (far)
				okay = qs >= MIN_QUOTE_SIM_FAR && cs >= MIN_CONTEXT_FAR &&
				       sc >= ANCHOR_MIN_SCORE_FAR;
			else
				okay = qs >= MIN_QUOTE_SIM_NEAR && sc >= ANCHOR_MIN_SCORE_NEAR;
			if (m < SHORT_QUOTE_CPS && cs < MIN_CONTEXT_SHORT)
				okay = false;
			if (okay && (!best->found || sc > best->score + 1e-9 ||
				     (sc > best->score - 1e-9 && dist(bs, old) < best->d))) {
				best->found = true;
				best->start = bs;
				best->end = be;
				best->score = sc;
				best->qsim = qs;
				best->csim = cs;
				best->d = dist(bs, old);
			}
		}
	}
	free(cost);
	free(from);
}

static bool
locate_fuzzy(const char *text, size_t len, const struct anchor *a, size_t qlen,
	     struct anchor_match *mt)
{
	uint32_t *q, *t;
	size_t *offs;
	size_t m, n, k, reach, ws, we;
	struct fuzzy_best best = {0};

	m = cp_decode(a->quote, qlen, 0, &q, NULL);
	if (m < MIN_FUZZY_CPS || m > MAX_FUZZY_CPS) {
		free(q);
		return false;
	}
	k = m - (size_t)((double)m * MIN_QUOTE_SIM_NEAR + 0.999999);
	/* near: the old position ± max(2 × quote, NEAR_CPS) code points */
	reach = MAX(2 * m, (size_t)NEAR_CPS);
	ws = cp_back(text, cp_start(text, len, MIN(a->start, len)), reach);
	we = cp_fwd(text, len, cp_start(text, len, MIN(a->start, len)), m + reach);
	n = cp_decode(text + ws, we - ws, ws, &t, &offs);
	fuzzy_scan(text, len, a, q, m, t, offs, n, k, false, &best);
	free(t);
	free(offs);
	if (!best.found) {
		/* far: the whole text, with stricter rules */
		size_t ncp = utf8_count(text, len);
		if ((double)ncp * (double)m <= (double)MAX_FAR_CELLS && (ws > 0 || we < len)) {
			size_t kf = m - (size_t)((double)m * MIN_QUOTE_SIM_FAR + 0.999999);
			n = cp_decode(text, len, 0, &t, &offs);
			fuzzy_scan(text, len, a, q, m, t, offs, n, kf, true, &best);
			free(t);
			free(offs);
		}
	}
	free(q);
	if (!best.found)
		return false;
	mt->how = ANCHOR_FUZZY;
	mt->start = best.start;
	mt->end = best.end;
	mt->score = best.score;
	return true;
}

/* ---- public ---- */

static char *
dup_range(const char *s, size_t a, size_t b)
{
	return xstrndup(s + a, b - a);
}

void
anchor_make(const char *text, size_t len, size_t start, size_t end, struct anchor *a)
{
	start = cp_start(text, len, MIN(start, len));
	end = cp_end(text, len, MIN(MAX(end, start), len));
	a->start = start;
	a->end = end;
	a->quote = dup_range(text, start, end);
	a->prefix = dup_range(text, cp_back(text, start, ANCHOR_CONTEXT), start);
	a->suffix = dup_range(text, end, cp_fwd(text, len, end, ANCHOR_CONTEXT));
}

void
anchor_set(struct anchor *a, size_t start, size_t end, const char *quote, const char *prefix,
	   const char *suffix)
{
	a->start = start;
	a->end = end;
	a->quote = xstrdup(quote ? quote : "");
	a->prefix = xstrdup(prefix ? prefix : "");
	a->suffix = xstrdup(suffix ? suffix : "");
}

void
anchor_fini(struct anchor *a)
{
	free(a->quote);
	free(a->prefix);
	free(a->suffix);
	a->quote = a->prefix = a->suffix = NULL;
}

void
anchor_copy(struct anchor *dst, const struct anchor *src)
{
	anchor_set(dst, src->start, src->end, src->quote, src->prefix, src->suffix);
}

struct anchor_match
anchor_locate(const char *text, size_t len, const struct anchor *a)
{
	struct anchor_match m = {ANCHOR_ORPHAN, 0, 0, 0.0};
	size_t qlen = strlen(a->quote);

	if (qlen == 0) {
		/* an empty quote (a bookmark at the very end): keep the position, clamped */
		m.how = ANCHOR_EXACT;
		m.start = m.end = cp_start(text, len, MIN(a->start, len));
		m.score = 1.0;
		return m;
	}
	if (a->start <= len && a->end <= len && a->end >= a->start && a->end - a->start == qlen &&
	    memcmp(text + a->start, a->quote, qlen) == 0) {
		m.how = ANCHOR_EXACT;
		m.start = a->start;
		m.end = a->end;
		m.score = 1.0;
		return m;
	}
	if (qlen <= len && locate_exact(text, len, a, qlen, &m))
		return m;
	if (locate_fuzzy(text, len, a, qlen, &m))
		return m;
	m.how = ANCHOR_ORPHAN;
	m.start = m.end = 0;
	m.score = 0.0;
	return m;
}

const char *
anchor_how_str(enum anchor_how how)
{
	switch (how) {
	case ANCHOR_EXACT:
		return "exact";
	case ANCHOR_MOVED:
		return "moved";
	case ANCHOR_FUZZY:
		return "fuzzy";
	case ANCHOR_ORPHAN:
		break;
	}
	return "orphan";
}

size_t
anchor_cp_offset(const char *text, size_t len, size_t off)
{
	return utf8_count(text, MIN(off, len));
}

/* ---- document hash ----
 * A 128-bit non-cryptographic hash, fast enough to run on every open of a 100 MB document
 * (about 2 GB/s; a portable SHA-256 ran at 50 MB/s here). Structure: four 64-bit lanes, each
 * taking every fourth 8-byte little-endian word with a multiply-rotate-multiply round; the tail
 * and the length are folded in; two different mixes of the lanes give the two halves, each
 * finished with a multiply-xorshift avalanche. The result must never change: it is how the
 * notes database recognizes a document (test_anchor pins a value). */

#define H_P1 0x9E3779B185EBCA87ULL
#define H_P2 0xC2B2AE3D27D4EB4FULL
#define H_P3 0x165667B19E3779F9ULL
#define H_P4 0x85EBCA77C2B2AE63ULL
#define H_P5 0x27D4EB2F165667C5ULL

static uint64_t
rotl64(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static uint64_t
load64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
	       (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
}

static uint64_t
lane_round(uint64_t acc, uint64_t v)
{
	return rotl64(acc + v * H_P2, 31) * H_P1;
}

static uint64_t
avalanche(uint64_t h)
{
	h ^= h >> 33;
	h *= H_P2;
	h ^= h >> 29;
	h *= H_P3;
	h ^= h >> 32;
	return h;
}

void
anchor_text_hash(const char *text, size_t len, char out[ANCHOR_HASH_SIZE])
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	uint64_t v[4] = {H_P1 + H_P2, H_P2, 0, (uint64_t)0 - H_P1};
	uint64_t t = 0, h[2];
	int i, k;

	while ((size_t)(end - p) >= 32) {
		v[0] = lane_round(v[0], load64(p));
		v[1] = lane_round(v[1], load64(p + 8));
		v[2] = lane_round(v[2], load64(p + 16));
		v[3] = lane_round(v[3], load64(p + 24));
		p += 32;
	}
	/* the tail: whole words into the lanes in turn, then the last bytes as one word */
	for (k = 0; (size_t)(end - p) >= 8; k++, p += 8)
		v[k] = lane_round(v[k], load64(p));
	for (i = 0; p < end; i++, p++)
		t |= (uint64_t)*p << (8 * i);
	v[k & 3] = lane_round(v[k & 3], t ^ ((uint64_t)i << 56));
	h[0] = rotl64(v[0], 1) + rotl64(v[1], 7) + rotl64(v[2], 12) + rotl64(v[3], 18);
	h[1] = rotl64(v[0], 29) ^ rotl64(v[1], 41) ^ rotl64(v[2], 47) ^ rotl64(v[3], 53);
	for (k = 0; k < 4; k++) {
		h[0] = (h[0] ^ lane_round(0, v[k])) * H_P1 + H_P4;
		h[1] = (h[1] + lane_round(H_P5, v[3 - k])) * H_P4 + H_P3;
	}
	h[0] = avalanche(h[0] + (uint64_t)len);
	h[1] = avalanche(h[1] ^ ((uint64_t)len * H_P5));
	for (i = 0; i < 16; i++) {
		unsigned char b = (unsigned char)(h[i / 8] >> (56 - 8 * (i % 8)));
		out[2 * i] = hex[b >> 4];
		out[2 * i + 1] = hex[b & 15];
	}
	out[32] = '\0';
}
