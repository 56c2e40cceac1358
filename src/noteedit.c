/* noteedit.c — the note line editor's model (see noteedit.h). */
#include <stdlib.h>
#include <string.h>
#include <unigbrk.h>

#include "jingdu/noteedit.h"
#include "jingdu/util.h"

static void
ne_reserve(struct noteedit *e, size_t more)
{
	e->s = xgrow(e->s, &e->cap, e->len + more + 1, 1);
}

void
noteedit_init(struct noteedit *e, const char *text)
{
	memset(e, 0, sizeof(*e));
	ne_reserve(e, 64);
	e->s[0] = '\0';
	if (text)
		noteedit_set(e, text);
}

void
noteedit_fini(struct noteedit *e)
{
	free(e->s);
	memset(e, 0, sizeof(*e));
}

static void
ne_insert(struct noteedit *e, const char *s, size_t n, bool keep_nl)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		char tmp[8];
		int m;

		if (k <= 0) {
			cp = 0xfffd;
			k = 1;
		}
		i += (size_t)k;
		if (cp == '\t' || (cp == '\n' && !keep_nl) || cp == '\r')
			cp = ' ';
		else if ((cp < 0x20 && cp != '\n') || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			continue;
		m = utf8_encode(cp, tmp);
		ne_reserve(e, (size_t)m);
		memmove(e->s + e->cur + m, e->s + e->cur, e->len - e->cur + 1);
		memcpy(e->s + e->cur, tmp, (size_t)m);
		e->cur += (size_t)m;
		e->len += (size_t)m;
	}
}

void
noteedit_set(struct noteedit *e, const char *text)
{
	e->len = e->cur = 0;
	e->s[0] = '\0';
	ne_insert(e, text, strlen(text), true);
}

void
noteedit_insert(struct noteedit *e, const char *s, size_t n)
{
	ne_insert(e, s, n, false);
}

void
noteedit_insert_cp(struct noteedit *e, unsigned cp)
{
	char tmp[8];
	int n = utf8_encode(cp, tmp);

	if (n > 0)
		ne_insert(e, tmp, (size_t)n, false);
}

static size_t
ne_next(const struct noteedit *e, size_t off)
{
	const uint8_t *s = (const uint8_t *)e->s;
	const uint8_t *n;

	if (off >= e->len)
		return e->len;
	n = u8_grapheme_next(s + off, s + e->len);
	return n ? (size_t)(n - s) : e->len;
}

static size_t
ne_prev(const struct noteedit *e, size_t off)
{
	const uint8_t *s = (const uint8_t *)e->s;
	const uint8_t *p;

	if (off == 0)
		return 0;
	p = u8_grapheme_prev(s + off, s);
	return p ? (size_t)(p - s) : 0;
}

static void
ne_cut(struct noteedit *e, size_t a, size_t b)
{
	memmove(e->s + a, e->s + b, e->len - b + 1);
	e->len -= b - a;
	if (e->cur >= b)
		e->cur -= b - a;
	else if (e->cur > a)
		e->cur = a;
}

bool
noteedit_left(struct noteedit *e)
{
	if (!e->cur)
		return false;
	e->cur = ne_prev(e, e->cur);
	return true;
}

bool
noteedit_right(struct noteedit *e)
{
	if (e->cur >= e->len)
		return false;
	e->cur = ne_next(e, e->cur);
	return true;
}

void
noteedit_home(struct noteedit *e)
{
	e->cur = 0;
}

void
noteedit_end(struct noteedit *e)
{
	e->cur = e->len;
}

bool
noteedit_backspace(struct noteedit *e)
{
	size_t p;

	if (!e->cur)
		return false;
	p = ne_prev(e, e->cur);
	ne_cut(e, p, e->cur);
	return true;
}

bool
noteedit_delete(struct noteedit *e)
{
	if (e->cur >= e->len)
		return false;
	ne_cut(e, e->cur, ne_next(e, e->cur));
	return true;
}

bool
noteedit_kill_start(struct noteedit *e)
{
	if (!e->cur)
		return false;
	ne_cut(e, 0, e->cur);
	return true;
}

static bool
ne_space_at(const struct noteedit *e, size_t off)
{
	return e->s[off] == ' ' || (e->len - off >= 3 && !memcmp(e->s + off, "\xe3\x80\x80", 3));
}

bool
noteedit_kill_word(struct noteedit *e)
{
	size_t p = e->cur, q;

	if (!p)
		return false;
	while (p > 0 && ne_space_at(e, (q = ne_prev(e, p))))
		p = q;
	while (p > 0 && !ne_space_at(e, (q = ne_prev(e, p))))
		p = q;
	ne_cut(e, p, e->cur);
	return true;
}

void
noteedit_view(const struct noteedit *e, int width, int (*width_fn)(const char *, size_t),
	      size_t *first, int *col)
{
	size_t f = *first;
	int w;

	if (width < 1)
		width = 1;
	if (f > e->cur || f > e->len)
		f = 0;
	/* the cursor needs its own column: text before it must fit in width - 1 */
	if (f > e->cur)
		f = e->cur;
	w = width_fn(e->s + f, e->cur - f);
	if (w > width - 1) {
		/* scroll right: start as late as keeps the cursor two thirds across */
		int target = (width - 1) * 2 / 3;

		f = e->cur;
		while (f > 0) {
			size_t p = ne_prev(e, f);

			if (width_fn(e->s + p, e->cur - p) > target)
				break;
			f = p;
		}
		w = width_fn(e->s + f, e->cur - f);
	}
	*first = f;
	*col = w;
}
