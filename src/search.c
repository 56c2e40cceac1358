/* search.c — folded text search (see search.h). The first code point of the pattern has at most
 * four spellings that fold to it (a, A, ａ, Ａ); each is found with memmem, which is fast on
 * long texts, and the rest of the pattern is compared code point by code point. */
#define _GNU_SOURCE /* memmem */
#include "jingdu/search.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>

#include "jingdu/util.h"

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

size_t
search_next(const struct search *s, const char *text, size_t len, size_t from, size_t *end)
{
	size_t next[4];
	int i;

	if (!s->n || from >= len)
		return NPOS;
	for (i = 0; i < s->n_forms; i++)
		next[i] = NPOS - 1; /* not looked up yet */
	for (;;) {
		size_t best = NPOS, e;

		for (i = 0; i < s->n_forms; i++) {
			if (next[i] == NPOS - 1 || (next[i] != NPOS && next[i] < from)) {
				const char *p = memmem(text + from, len - from, s->forms[i],
						       s->form_len[i]);

				next[i] = p ? (size_t)(p - text) : NPOS;
			}
			if (next[i] < best)
				best = next[i];
		}
		if (best == NPOS)
			return NPOS;
		e = search_match_at(s, text, len, best);
		if (e) {
			if (end)
				*end = e;
			return best;
		}
		from = best + 1;
		while (from < len && ((unsigned char)text[from] & 0xc0) == 0x80)
			from++;
		if (from >= len)
			return NPOS;
	}
}

size_t
search_prev(const struct search *s, const char *text, size_t len, size_t before, size_t *end)
{
	size_t window = 64 * 1024;

	if (before > len)
		before = len;
	for (;;) {
		size_t lo = before > window ? before - window : 0;
		size_t at, e, last = NPOS, last_end = 0;

		while (lo > 0 && ((unsigned char)text[lo] & 0xc0) == 0x80)
			lo--;
		at = lo;
		while ((at = search_next(s, text, len, at, &e)) != NPOS && at < before) {
			last = at;
			last_end = e;
			at++;
			while (at < len && ((unsigned char)text[at] & 0xc0) == 0x80)
				at++;
		}
		if (last != NPOS) {
			if (end)
				*end = last_end;
			return last;
		}
		if (lo == 0)
			return NPOS;
		window *= 4;
	}
}
