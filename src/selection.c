/* selection.c — cursor motions, column mapping and selection ranges (see selection.h). */
#include <stdlib.h>
#include <unictype.h>
#include <unigbrk.h>

#include "jingdu/selection.h"
#include "jingdu/util.h"

/* Index of the last block starting at or before off (0 when none). */
static size_t
block_of(const struct doc *d, size_t off)
{
	size_t lo = 0, hi = d->n_blocks;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->blocks[mid].start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? lo - 1 : 0;
}

static bool
in_block(const struct doc *d, size_t off)
{
	size_t b;

	if (!d->n_blocks || off >= d->len)
		return false;
	b = block_of(d, off);
	return d->blocks[b].start <= off && off < d->blocks[b].end;
}

static bool
visible(const struct doc *d, size_t off)
{
	return in_block(d, off) && d->text[off] != '\n';
}

static size_t
raw_next(const struct doc *d, size_t off)
{
	const uint8_t *s = (const uint8_t *)d->text, *e = s + d->len;
	const uint8_t *n;

	if (off >= d->len)
		return d->len;
	n = u8_grapheme_next(s + off, e);
	return n ? (size_t)(n - s) : d->len;
}

static size_t
raw_prev(const struct doc *d, size_t off)
{
	const uint8_t *s = (const uint8_t *)d->text;
	const uint8_t *p;

	if (off == 0)
		return 0;
	if (off > d->len)
		off = d->len;
	p = u8_grapheme_prev(s + off, s);
	return p ? (size_t)(p - s) : 0;
}

size_t
sel_grapheme_end(const struct doc *d, size_t off)
{
	return raw_next(d, off);
}

size_t
sel_grapheme_next(const struct doc *d, size_t off)
{
	size_t n = raw_next(d, off);

	while (n < d->len && !visible(d, n))
		n = raw_next(d, n);
	return n < d->len ? n : off;
}

size_t
sel_grapheme_prev(const struct doc *d, size_t off)
{
	size_t p = off;

	while (p > 0) {
		p = raw_prev(d, p);
		if (visible(d, p))
			return p;
	}
	return off;
}

size_t
sel_visible(const struct doc *d, size_t off)
{
	size_t n;

	if (off > d->len)
		off = d->len;
	if (visible(d, off))
		return off;
	/* off may sit inside a cluster: step back to its start first */
	if (off > 0 && off < d->len) {
		size_t p = raw_prev(d, raw_next(d, off));

		if (p <= off && visible(d, p))
			return p;
	}
	n = sel_grapheme_next(d, off);
	if (n != off)
		return n;
	return sel_grapheme_prev(d, off);
}

/* ---------- words ---------- */

static uint32_t
cp_at(const struct doc *d, size_t off)
{
	uint32_t cp = 0;

	if (off >= d->len)
		return 0;
	utf8_decode(d->text + off, d->len - off, &cp);
	return cp;
}

enum { CL_SPACE, CL_WORD, CL_HAN, CL_PUNCT, CL_HIRA, CL_KATA, CL_HANGUL };

static int
cp_class(uint32_t cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == 0x3000 || cp == 0xa0)
		return CL_SPACE;
	if ((cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
	    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff) || cp == 0x3005)
		return CL_HAN;
	if (cp >= 0x3040 && cp <= 0x309f)
		return CL_HIRA;
	if ((cp >= 0x30a0 && cp <= 0x30ff) || (cp >= 0x31f0 && cp <= 0x31ff) ||
	    (cp >= 0xff66 && cp <= 0xff9f))
		return CL_KATA;
	if ((cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0x1100 && cp <= 0x11ff) ||
	    (cp >= 0x3130 && cp <= 0x318f))
		return CL_HANGUL;
	if (cp == '_' || uc_is_alnum(cp))
		return CL_WORD;
	if (uc_is_space(cp))
		return CL_SPACE;
	return CL_PUNCT;
}

static int
class_at(const struct doc *d, size_t off)
{
	return cp_class(cp_at(d, off));
}

size_t
sel_word_next(const struct doc *d, size_t off)
{
	size_t p = sel_visible(d, off), n, b = block_of(d, p);
	int c = class_at(d, p);

	for (;;) {
		n = sel_grapheme_next(d, p);
		if (n == p)
			return p;        /* end of the text */
		if (block_of(d, n) != b) /* a new block starts a new word */
			return n;
		if (raw_next(d, p) != n && c != CL_SPACE) /* a joined line break separates */
			c = CL_SPACE;
		p = n;
		if (class_at(d, p) != c && class_at(d, p) != CL_SPACE)
			return p;
		if (class_at(d, p) == CL_SPACE)
			c = CL_SPACE;
	}
}

size_t
sel_word_prev(const struct doc *d, size_t off)
{
	size_t p = sel_grapheme_prev(d, sel_visible(d, off)), q, b;
	int c;

	if (p == off)
		return off;
	while (class_at(d, p) == CL_SPACE) {
		q = sel_grapheme_prev(d, p);
		if (q == p)
			return p;
		p = q;
	}
	c = class_at(d, p);
	b = block_of(d, p);
	for (;;) {
		q = sel_grapheme_prev(d, p);
		if (q == p || block_of(d, q) != b || class_at(d, q) != c || raw_next(d, q) != p)
			return p;
		p = q;
	}
}

/* ---------- sentences ---------- */

static bool
is_terminal(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xff01 || cp == 0xff1f || cp == '!' || cp == '?' ||
	       cp == 0xff0e || cp == 0x203c || cp == 0x2047 || cp == 0x2049;
}

static bool
is_closer(uint32_t cp)
{
	return cp == 0x201d || cp == 0x2019 || cp == 0x300d || cp == 0x300f || cp == 0xff09 ||
	       cp == 0x300b || cp == ')' || cp == '"' || cp == '\'' || cp == ']' || cp == 0x3011;
}

/* Sentence starts of block b: calls back with each; stops when fn returns false. */
static void
block_sentences(const struct doc *d, size_t b, bool (*fn)(size_t start, void *arg), void *arg)
{
	const struct block *bl = &d->blocks[b];
	size_t p = sel_visible(d, bl->start);

	if (p < bl->start || p >= bl->end)
		return;
	if (!fn(p, arg))
		return;
	while (p < bl->end) {
		uint32_t cp = cp_at(d, p);
		size_t n = raw_next(d, p);
		bool end = is_terminal(cp);

		if (cp == '.' && (n >= bl->end || class_at(d, n) == CL_SPACE))
			end = true;
		if (end) {
			while (n < bl->end && (is_terminal(cp_at(d, n)) || is_closer(cp_at(d, n))))
				n = raw_next(d, n);
			while (n < bl->end && class_at(d, n) == CL_SPACE)
				n = raw_next(d, n);
			if (n >= bl->end)
				return;
			if (!fn(n, arg))
				return;
		}
		p = n;
	}
}

struct sent_find {
	size_t off, before, after;
};

static bool
sent_cb(size_t start, void *arg)
{
	struct sent_find *f = arg;

	if (start < f->off) {
		f->before = start;
		return true;
	}
	if (start > f->off) {
		f->after = start;
		return false;
	}
	return true;
}

size_t
sel_sentence_next(const struct doc *d, size_t off)
{
	struct sent_find f = {off, NPOS, NPOS};

	if (!d->n_blocks)
		return off;
	block_sentences(d, block_of(d, off), sent_cb, &f);
	if (f.after != NPOS)
		return f.after;
	return sel_paragraph_next(d, off);
}

size_t
sel_sentence_prev(const struct doc *d, size_t off)
{
	struct sent_find f = {off, NPOS, NPOS};
	size_t b;

	if (!d->n_blocks)
		return off;
	b = block_of(d, off);
	block_sentences(d, b, sent_cb, &f);
	if (f.before != NPOS)
		return f.before;
	while (b > 0) {
		b--;
		f.off = d->len;
		f.before = NPOS;
		block_sentences(d, b, sent_cb, &f);
		if (f.before != NPOS)
			return f.before;
	}
	return off;
}

/* ---------- paragraphs ---------- */

size_t
sel_paragraph_next(const struct doc *d, size_t off)
{
	size_t b;

	if (!d->n_blocks)
		return off;
	for (b = block_of(d, off) + 1; b < d->n_blocks; b++) {
		size_t p = sel_visible(d, d->blocks[b].start);

		if (p > off && p < d->blocks[b].end)
			return p;
	}
	return off;
}

size_t
sel_paragraph_prev(const struct doc *d, size_t off)
{
	size_t b, p;

	if (!d->n_blocks)
		return off;
	b = block_of(d, off);
	for (;;) {
		p = sel_visible(d, d->blocks[b].start);
		if (p < off)
			return p;
		if (b == 0)
			return off;
		b--;
	}
}

/* ---------- columns ---------- */

static struct layout_cell *
line_cells(struct layout *lay, const struct layout_line *l, size_t *n)
{
	size_t cap = layout_line_cells(lay, l, NULL, 0);
	struct layout_cell *c = xmalloc((cap ? cap : 1) * sizeof(*c));

	*n = layout_line_cells(lay, l, c, cap);
	return c;
}

int
sel_line_col(struct layout *lay, const struct layout_line *l, size_t off)
{
	size_t n, i;
	struct layout_cell *c = line_cells(lay, l, &n);
	int col = l->indent;

	for (i = 0; i < n; i++) {
		if (off >= c[i].off && off < c[i].end)
			break;
		col += c[i].width;
	}
	free(c);
	return col;
}

size_t
sel_line_off(struct layout *lay, const struct layout_line *l, int col)
{
	size_t n, i, last = l->start;
	struct layout_cell *c = line_cells(lay, l, &n);
	int x = l->indent;
	bool any = false;

	for (i = 0; i < n; i++) {
		if (c[i].width == 0)
			continue;
		if (!any || c[i].off != last) {
			last = c[i].off;
			any = true;
		}
		if (x + c[i].width > col)
			break;
		x += c[i].width;
	}
	free(c);
	return last;
}

size_t
sel_line_last(struct layout *lay, const struct layout_line *l)
{
	return sel_line_off(lay, l, 1 << 30);
}

/* ---------- selection ---------- */

void
sel_start(struct selection *s, size_t at)
{
	s->active = true;
	s->anchor = s->cursor = at;
}

bool
sel_range(const struct doc *d, const struct selection *s, size_t *start, size_t *end)
{
	size_t a, b;

	if (!s->active)
		return false;
	a = MIN(s->anchor, s->cursor);
	b = MAX(s->anchor, s->cursor);
	*start = a;
	*end = b < d->len ? sel_grapheme_end(d, b) : d->len;
	if (*end <= *start)
		*end = MIN(*start + 1, d->len);
	return *start < *end;
}
