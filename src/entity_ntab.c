/* entity_ntab.c — the runtime name table (names from the user's list and names the detectors
 * found while reading a document) with longest-match lookup, and a small string map. */
#include "entity_ntab.h"

#include <stdlib.h>
#include <string.h>

#include "jingdu/util.h"

/* ---- string map ------------------------------------------------------------------------- */

static uint64_t
smap_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

void
smap_init(struct smap *m)
{
	memset(m, 0, sizeof(*m));
}

void
smap_fini(struct smap *m)
{
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

static void
smap_grow(struct smap *m)
{
	struct smap_slot *old = m->slots;
	size_t oldcap = m->cap, i;

	m->cap = oldcap ? oldcap * 2 : 64;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (i = 0; i < oldcap; i++) {
		if (old[i].key) {
			size_t j = (size_t)old[i].hash & (m->cap - 1);

			while (m->slots[j].key)
				j = (j + 1) & (m->cap - 1);
			m->slots[j] = old[i];
		}
	}
	free(old);
}

size_t *
smap_get(struct smap *m, const char *s, size_t n)
{
	uint64_t h;
	size_t j;

	if (!m->cap)
		return NULL;
	h = smap_hash(s, n);
	for (j = (size_t)h & (m->cap - 1); m->slots[j].key; j = (j + 1) & (m->cap - 1))
		if (m->slots[j].hash == h && m->slots[j].len == n &&
		    memcmp(m->slots[j].key, s, n) == 0)
			return &m->slots[j].val;
	return NULL;
}

size_t *
smap_put(struct smap *m, const char *s, size_t n, size_t val, bool *added)
{
	size_t *v = smap_get(m, s, n);
	uint64_t h;
	size_t j;

	if (added)
		*added = !v;
	if (v)
		return v;
	if ((m->n + 1) * 2 > m->cap)
		smap_grow(m);
	h = smap_hash(s, n);
	for (j = (size_t)h & (m->cap - 1); m->slots[j].key; j = (j + 1) & (m->cap - 1))
		;
	m->slots[j].key = s;
	m->slots[j].len = n;
	m->slots[j].hash = h;
	m->slots[j].val = val;
	m->n++;
	return &m->slots[j].val;
}

/* ---- name table ------------------------------------------------------------------------- */

void
ntab_init(struct ntab *t)
{
	memset(t, 0, sizeof(*t));
	smap_init(&t->index);
}

static void
snap_free(struct ntab *t)
{
	size_t i;

	for (i = 0; i < t->n_snap; i++)
		free(t->snap[i].canon);
	free(t->snap);
	t->snap = NULL;
	t->n_snap = 0;
}

void
ntab_fini(struct ntab *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->e[i].s);
		free(t->e[i].canon);
	}
	free(t->e);
	snap_free(t);
	free(t->first);
	smap_fini(&t->index);
	memset(t, 0, sizeof(*t));
}

bool
ntab_add(struct ntab *t, const char *s, size_t n, int type, const char *canon, int prio)
{
	size_t *v, i;
	bool added;
	struct ntab_entry *e;

	if (n == 0 || n > 255)
		return false;
	v = smap_get(&t->index, s, n);
	if (v) {
		e = &t->e[*v];
		if (prio <= e->prio)
			return false;
		free(e->canon);
		e->canon = xstrdup(canon);
		e->canon_n = strlen(canon);
		e->type = type;
		e->prio = prio;
		return true;
	}
	t->e = xgrow(t->e, &t->cap, t->n + 1, sizeof(*t->e));
	i = t->n++;
	e = &t->e[i];
	e->s = xstrndup(s, n);
	e->n = n;
	e->type = type;
	e->canon = xstrdup(canon);
	e->canon_n = strlen(canon);
	e->prio = prio;
	/* the key is the entry's own string, which does not move when t->e grows */
	smap_put(&t->index, e->s, e->n, i, &added);
	return true;
}

const struct ntab_entry *
ntab_get(const struct ntab *t, const char *s, size_t n)
{
	size_t *v = smap_get((struct smap *)(uintptr_t)&t->index, s, n);

	return v ? &t->e[*v] : NULL;
}

/* Sort rows carry the entry's bytes, so the comparison needs no global state. */
struct sort_row {
	const char *s;
	size_t n, idx;
};

static int
cmp_row(const void *a, const void *b)
{
	const struct sort_row *x = a, *y = b;
	int c = memcmp(x->s, y->s, MIN(x->n, y->n));

	if (c)
		return c;
	return x->n < y->n ? -1 : x->n > y->n;
}

void
ntab_finish(struct ntab *t)
{
	size_t i;

	snap_free(t);
	free(t->first);
	t->snap = xmalloc((t->n + 1) * sizeof(*t->snap));
	t->first = xmalloc((t->n + 1) * sizeof(*t->first));
	t->n_first = 0;
	memset(t->bits, 0, sizeof(t->bits));
	{
		struct sort_row *rows = xmalloc((t->n + 1) * sizeof(*rows));

		for (i = 0; i < t->n; i++) {
			rows[i].s = t->e[i].s;
			rows[i].n = t->e[i].n;
			rows[i].idx = i;
		}
		qsort(rows, t->n, sizeof(*rows), cmp_row);
		for (i = 0; i < t->n; i++) {
			/* the surface string never moves or changes; the identity may (a higher
			 * priority replaces it), so the snapshot keeps its own copy */
			t->snap[i] = t->e[rows[i].idx];
			t->snap[i].canon = xstrdup(t->e[rows[i].idx].canon);
		}
		t->n_snap = t->n;
		free(rows);
	}
	for (i = 0; i < t->n; i++) {
		const struct ntab_entry *e = &t->snap[i];
		uint32_t cp;

		utf8_decode_fast(e->s, e->n, &cp);
		if (t->n_first && t->first[t->n_first - 1].cp == cp) {
			t->first[t->n_first - 1].hi = (uint32_t)i + 1;
		} else {
			t->first[t->n_first].cp = cp;
			t->first[t->n_first].lo = (uint32_t)i;
			t->first[t->n_first].hi = (uint32_t)i + 1;
			t->n_first++;
		}
		if (cp < 65536)
			t->bits[cp >> 3] |= (uint8_t)(1u << (cp & 7));
	}
}

static bool
word_byte(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* Compare an entry's first m bytes with p[0..m) (a shorter entry compares lower). */
static int
prefix_cmp(const struct ntab_entry *e, const char *p, size_t m)
{
	int c = memcmp(e->s, p, MIN(e->n, m));

	if (c)
		return c;
	return e->n < m ? -1 : 0;
}

size_t
ntab_match(const struct ntab *t, const char *text, size_t len, size_t pos,
	   const struct ntab_entry **out)
{
	uint32_t cp;
	size_t lo = 0, hi, i, best = 0;
	bool latin;

	if (!t->n_first || pos >= len)
		return 0;
	utf8_decode_fast(text + pos, len - pos, &cp);
	if (cp < 65536 && !(t->bits[cp >> 3] & (1u << (cp & 7))))
		return 0;
	hi = t->n_first;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (t->first[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= t->n_first || t->first[lo].cp != cp)
		return 0;
	latin = cp < 128 && word_byte((unsigned char)cp);
	if (latin && pos > 0 && word_byte((unsigned char)text[pos - 1]))
		return 0;
	if (t->first[lo].hi - t->first[lo].lo <= 16) {
		for (i = t->first[lo].lo; i < t->first[lo].hi; i++) {
			const struct ntab_entry *e = &t->snap[i];

			if (e->n <= best || pos + e->n > len || memcmp(text + pos, e->s, e->n) != 0)
				continue;
			if (word_byte((unsigned char)e->s[e->n - 1]) && pos + e->n < len &&
			    word_byte((unsigned char)text[pos + e->n]))
				continue;
			best = e->n;
			*out = e;
		}
		return best;
	}
	/* a long range: narrow it one character at a time (entries are sorted by bytes, so
	 * those that start with text[pos, pos + m) are contiguous; the first is the prefix
	 * itself when it is an entry) */
	{
		size_t rlo = t->first[lo].lo, rhi = t->first[lo].hi, m = 0;
		uint32_t c;

		m = (size_t)utf8_decode_fast(text + pos, len - pos, &c);
		while (rlo < rhi) {
			size_t a = rlo, b = rhi;
			const struct ntab_entry *e;

			while (a < b) {
				size_t mid = (a + b) / 2;

				if (prefix_cmp(&t->snap[mid], text + pos, m) < 0)
					a = mid + 1;
				else
					b = mid;
			}
			rlo = a;
			b = rhi;
			while (a < b) {
				size_t mid = (a + b) / 2;

				if (prefix_cmp(&t->snap[mid], text + pos, m) <= 0)
					a = mid + 1;
				else
					b = mid;
			}
			rhi = a;
			if (rlo >= rhi)
				break;
			e = &t->snap[rlo];
			if (e->n == m &&
			    !(word_byte((unsigned char)e->s[e->n - 1]) && pos + m < len &&
			      word_byte((unsigned char)text[pos + m]))) {
				best = m;
				*out = e;
			}
			if (pos + m >= len)
				break;
			m += (size_t)utf8_decode_fast(text + pos + m, len - pos - m, &c);
		}
	}
	return best;
}
