/* search.c — folded text search (see search.h). The first code point of the pattern has at most
 * four spellings that fold to it (a, A, ａ, Ａ); candidates are found with memchr/strcspn
 * (forward) or memrchr (backward), and the pattern is compared code point by code point. */
#define _GNU_SOURCE /* memrchr */
#include "jingdu/search.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>

#include "jingdu/util.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

uint32_t
search_fold(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	if (cp >= 0xff01 && cp <= 0xff5e) /* full-width ASCII */
		cp -= 0xfee0;
	else if (cp == 0x3000) /* ideographic space */
		cp = ' ';
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	if (cp >= 0x2e80 && cp < 0xfb00) /* CJK, kana, Hangul: no case */
		return cp;
	return uc_tolower(cp);
}

uint32_t
search_fold_width(uint32_t cp)
{
	if (cp >= 0xff01 && cp <= 0xff5e)
		return cp - 0xfee0;
	if (cp == 0x3000)
		return ' ';
	return cp;
}

static uint32_t
fold_cp(const struct search *s, uint32_t cp)
{
	return s->case_sensitive ? search_fold_width(cp) : search_fold(cp);
}

static void
search_add_form(struct search *s, uint32_t cp)
{
	char tmp[8];
	int i, n;

	if (fold_cp(s, cp) != s->cps[0] || s->n_forms >= 4)
		return;
	n = utf8_encode(cp, tmp);
	for (i = 0; i < s->n_forms; i++)
		if (s->form_len[i] == n && memcmp(s->forms[i], tmp, (size_t)n) == 0)
			return;
	memcpy(s->forms[s->n_forms], tmp, (size_t)n);
	s->form_len[s->n_forms++] = (uint8_t)n;
}

bool
search_compile_case(struct search *s, const char *pattern, size_t len, enum search_case c)
{
	size_t off = 0;
	uint32_t f;
	bool cs = c == SEARCH_CASE_SENSITIVE;

	memset(s, 0, sizeof(*s));
	if (len == 0)
		return false;
	if (c == SEARCH_CASE_SMART) /* a capital letter anywhere makes the search exact */
		while (off < len && !cs) {
			uint32_t cp;

			off += (size_t)utf8_decode(pattern + off, len - off, &cp);
			cs = uc_tolower(cp) != cp;
		}
	s->case_sensitive = cs;
	s->cps = xmalloc(len * sizeof(*s->cps));
	off = 0;
	while (off < len) {
		uint32_t cp;

		off += (size_t)utf8_decode(pattern + off, len - off, &cp);
		s->cps[s->n++] = fold_cp(s, cp);
	}
	f = s->cps[0];
	search_add_form(s, f);
	if (!cs)
		search_add_form(s, uc_toupper(f));
	if (f == ' ')
		search_add_form(s, 0x3000);
	else if (f >= 0x21 && f <= 0x7e) {
		search_add_form(s, f + 0xfee0);
		if (!cs && f >= 'a' && f <= 'z')
			search_add_form(s, f - 32 + 0xfee0);
	} else if (!cs)
		search_add_form(s, uc_totitle(f));
	/* the literal prefix for the fast forward scan */
	off = 0;
	while (off < len) {
		uint32_t cp;
		int n = utf8_decode(pattern + off, len - off, &cp);

		if (!(cp >= 0x2e80 && cp < 0xfb00 && cp != 0x3000) || s->lit_len + n > 255)
			break;
		memcpy(s->lit + s->lit_len, pattern + off, (size_t)n);
		s->lit_len = (uint8_t)(s->lit_len + n);
		off += (size_t)n;
	}
	return true;
}

bool
search_compile(struct search *s, const char *pattern, size_t len)
{
	return search_compile_case(s, pattern, len, SEARCH_CASE_IGNORE);
}

void
search_fini(struct search *s)
{
	free(s->cps);
	memset(s, 0, sizeof(*s));
}

size_t
search_match_at(const struct search *s, const char *text, size_t len, size_t off)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		uint32_t cp;

		if (off >= len)
			return 0;
		off += (size_t)utf8_decode(text + off, len - off, &cp);
		if (fold_cp(s, cp) != s->cps[i])
			return 0;
	}
	return off;
}

/* The next start of the literal bytes lit[0..m) (m >= 2) at or after from, before limit. With
 * SSE2: compare 16 positions at a time on the first and the last byte (W. Muła's "SIMD-friendly
 * substring search"), then memcmp the candidates. */
static size_t
lit_find(const unsigned char *t, size_t len, size_t from, size_t limit, const uint8_t *lit,
	 size_t m)
{
	size_t i = from;

#ifdef __SSE2__
	const __m128i first = _mm_set1_epi8((char)lit[0]), last = _mm_set1_epi8((char)lit[m - 1]);

	while (i < limit && i + m - 1 + 16 <= len) {
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(t + i + m - 1));
		unsigned mask = (unsigned)_mm_movemask_epi8(
			_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last)));

		while (mask) {
			size_t at = i + (size_t)__builtin_ctz(mask);

			if (at >= limit)
				return NPOS;
			if (memcmp(t + at + 1, lit + 1, m - 2) == 0)
				return at;
			mask &= mask - 1;
		}
		i += 16;
	}
#endif
	for (; i < limit && i + m <= len; i++)
		if (t[i] == lit[0] && t[i + m - 1] == lit[m - 1] && memcmp(t + i, lit, m) == 0)
			return i;
	return NPOS;
}

/* The next position at or after from (and before limit) where one of the spellings of the
 * first code point starts and the whole pattern matches. Two scans: with one spelling,
 * memchr for its last byte (in CJK text a continuation byte, far rarer than the lead byte);
 * with several, strcspn over their first bytes (the text is NUL-terminated). Each call reads
 * only as far as the match it returns (or limit). */
static size_t
search_scan(const struct search *s, const char *text, size_t len, size_t from, size_t limit,
	    size_t *end)
{
	size_t at, e;
	int i;

	if (limit > len)
		limit = len;
	if (s->lit_len >= 2) { /* the literal prefix (CJK): first/last byte filter */
		while ((at = lit_find((const unsigned char *)text, len, from, limit, s->lit,
				      s->lit_len)) != NPOS) {
			if ((e = search_match_at(s, text, len, at))) {
				if (end)
					*end = e;
				return at;
			}
			from = at + 1;
		}
		return NPOS;
	}
	if (s->n_forms == 1) {
		size_t o = s->form_len[0] - 1;
		unsigned char last = (unsigned char)s->forms[0][o];

		while (from < limit) {
			const char *p;

			if (from + o >= len)
				return NPOS;
			p = memchr(text + from + o, last, MIN(len, limit + o) - (from + o));
			if (!p)
				return NPOS;
			at = (size_t)(p - text) - o;
			if (memcmp(text + at, s->forms[0], s->form_len[0]) == 0 &&
			    (e = search_match_at(s, text, len, at))) {
				if (end)
					*end = e;
				return at;
			}
			from = at + 1;
		}
		return NPOS;
	}
	{
		char set[8];
		int n = 0, j;

		for (i = 0; i < s->n_forms; i++) {
			for (j = 0; j < n && set[j] != s->forms[i][0]; j++)
				;
			if (j == n)
				set[n++] = s->forms[i][0];
		}
		set[n] = '\0';
		while (from < limit) {
			at = from + strcspn(text + from, set);
			if (at >= limit)
				return NPOS;
			if (text[at] == '\0') { /* an embedded NUL stopped strcspn */
				from = at + 1;
				continue;
			}
			for (i = 0; i < s->n_forms; i++)
				if (at + s->form_len[i] <= len &&
				    memcmp(text + at, s->forms[i], s->form_len[i]) == 0 &&
				    (e = search_match_at(s, text, len, at))) {
					if (end)
						*end = e;
					return at;
				}
			from = at + 1;
		}
		return NPOS;
	}
}

size_t
search_next(const struct search *s, const char *text, size_t len, size_t from, size_t *end)
{
	if (!s->n || from >= len)
		return NPOS;
	return search_scan(s, text, len, from, len, end);
}

size_t
search_next_before(const struct search *s, const char *text, size_t len, size_t from,
		   size_t limit, size_t *end)
{
	if (!s->n || from >= len || from >= limit)
		return NPOS;
	return search_scan(s, text, len, from, limit, end);
}

size_t
search_prev(const struct search *s, const char *text, size_t len, size_t before, size_t *end)
{
	const unsigned char *t = (const unsigned char *)text;
	bool lead[256] = {false};
	size_t e;
	int i;

	if (!s->n)
		return NPOS;
	if (before > len)
		before = len;
	if (s->n_forms == 1) { /* memrchr for the first byte of the only spelling */
		while (before > 0) {
			const char *p = memrchr(text, (unsigned char)s->forms[0][0], before);
			size_t at;

			if (!p)
				return NPOS;
			at = (size_t)(p - text);
			if (at + s->form_len[0] <= len &&
			    memcmp(p, s->forms[0], s->form_len[0]) == 0 &&
			    (e = search_match_at(s, text, len, at))) {
				if (end)
					*end = e;
				return at;
			}
			before = at;
		}
		return NPOS;
	}
	/* several spellings: one backward pass over a table of their first bytes */
	for (i = 0; i < s->n_forms; i++)
		lead[(unsigned char)s->forms[i][0]] = true;
	while (before > 0) {
		size_t at = before - 1;

		if (lead[t[at]])
			for (i = 0; i < s->n_forms; i++)
				if (at + s->form_len[i] <= len &&
				    memcmp(text + at, s->forms[i], s->form_len[i]) == 0 &&
				    (e = search_match_at(s, text, len, at))) {
					if (end)
						*end = e;
					return at;
				}
		before = at;
	}
	return NPOS;
}
