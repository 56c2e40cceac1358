/* anchor.c — text anchors (position + quote with context) and re-anchoring: exact position,
 * exact quote, bounded fuzzy match with a minimum score, else orphan. Also the SHA-256 that
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

static bool
locate_exact(const char *text, size_t len, const struct anchor *a, size_t qlen,
	     struct anchor_match *m)
{
	size_t old = MIN(a->start, len), p = 0, seen = 0;
	size_t best = NPOS, best_d = 0;
	int best_c = -1;
	double best_s = 0;
	const char *hit;

	while (p + qlen <= len && seen < MAX_OCCURRENCES &&
	       (hit = find_bytes(text + p, len - p, a->quote, qlen)) != NULL) {
		size_t at = (size_t)(hit - text), d = dist(at, old);
		int c;

		seen++;
		p = at + 1;
		if (((unsigned char)text[at] & 0xC0) == 0x80)
			continue;
		c = context_class(text, len, at, at + qlen, a);
		if (c < best_c || (c == best_c && d > best_d))
			continue;
		if (c == best_c && d == best_d) {
			double s = context_sim(text, len, at, at + qlen, a);
			if (s <= best_s)
				continue;
			best_s = s;
		} else {
			best_s = context_sim(text, len, at, at + qlen, a);
		}
		best = at;
		best_c = c;
		best_d = d;
	}
	if (best == NPOS)
		return false;
	/* A short quote with no agreeing context, far away, is a lookalike, not a move. */
	if (best_c == 0 && utf8_count(a->quote, qlen) < SHORT_QUOTE_CPS &&
	    best_s < MIN_CONTEXT_SHORT && utf8_count(text + MIN(best, old), best_d) > NEAR_CPS)
		return false;
	m->how = ANCHOR_MOVED;
	m->start = best;
	m->end = best + qlen;
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

/* ---- SHA-256 (FIPS 180-4) ---- */

struct sha256 {
	uint32_t h[8];
	uint64_t n; /* bytes hashed */
	unsigned char blk[64];
	size_t used;
};

static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t
ror(uint32_t x, int n)
{
	return (x >> n) | (x << (32 - n));
}

static void
sha256_block(struct sha256 *c, const unsigned char *p)
{
	uint32_t w[64], s[8], t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (i = 16; i < 64; i++) {
		uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	memcpy(s, c->h, sizeof(s));
	for (i = 0; i < 64; i++) {
		t1 = s[7] + (ror(s[4], 6) ^ ror(s[4], 11) ^ ror(s[4], 25)) +
		     ((s[4] & s[5]) ^ (~s[4] & s[6])) + sha256_k[i] + w[i];
		t2 = (ror(s[0], 2) ^ ror(s[0], 13) ^ ror(s[0], 22)) +
		     ((s[0] & s[1]) ^ (s[0] & s[2]) ^ (s[1] & s[2]));
		memmove(s + 1, s, 7 * sizeof(s[0]));
		s[4] += t1;
		s[0] = t1 + t2;
	}
	for (i = 0; i < 8; i++)
		c->h[i] += s[i];
}

static void
sha256_add(struct sha256 *c, const unsigned char *p, size_t n)
{
	c->n += n;
	while (n > 0) {
		size_t take = MIN(n, 64 - c->used);
		memcpy(c->blk + c->used, p, take);
		c->used += take;
		p += take;
		n -= take;
		if (c->used == 64) {
			sha256_block(c, c->blk);
			c->used = 0;
		}
	}
}

void
anchor_text_hash(const char *text, size_t len, char out[65])
{
	static const uint32_t init[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
					 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	static const char hex[] = "0123456789abcdef";
	struct sha256 c;
	unsigned char pad[72] = {0x80};
	uint64_t bits;
	size_t padlen, i;

	memcpy(c.h, init, sizeof(init));
	c.n = 0;
	c.used = 0;
	sha256_add(&c, (const unsigned char *)text, len);
	bits = c.n * 8;
	padlen = (c.used < 56 ? 56 : 120) - c.used;
	for (i = 0; i < 8; i++)
		pad[padlen + i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_add(&c, pad, padlen + 8);
	for (i = 0; i < 32; i++) {
		unsigned char b = (unsigned char)(c.h[i / 4] >> (24 - 8 * (i % 4)));
		out[2 * i] = hex[b >> 4];
		out[2 * i + 1] = hex[b & 15];
	}
	out[64] = '\0';
}
