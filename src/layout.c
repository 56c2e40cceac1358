/* layout.c — width-correct line layout: per-block fitting over tailored break opportunities
 * and grapheme clusters, the lazy per-width cache, positions, cells for drawing, and the
 * text of `jingdu print`. See layout.h for the contract and docs/layout.md for the rules. */
#include "jingdu/layout.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unigbrk.h>
#include <unilbrk.h>

#include "layout_private.h"

#define LINE_CHUNK_BYTES ((size_t)2 << 20)

/* How far a run of blanks before a source line break is looked at to join it. */
#define JOIN_LOOKBACK 64

struct block_lines {
	struct layout_line *lines; /* text lines, then the spacer line when para_spacing */
	uint32_t n;
	uint32_t n_text;
	bool done;
};

/* Lines of laid-out blocks live in chunks that are only freed all at once (on a change of
 * options or layout_free): no allocation per block. */
struct line_chunk {
	struct line_chunk *next;
	size_t n, cap;
	struct layout_line v[];
};

struct layout {
	const struct doc *d;
	struct line_chunk *chunks;
	size_t chunk_next; /* size of the last chunk allocated */
	struct layout_opts o;
	int w; /* effective width */
	struct block_lines *bl;
	char *scratch; /* breaks, grapheme starts and the text copy of the block being laid out */
	size_t scap;
	struct layout_line *tmp;
	size_t tcap;
	struct layout_cell *cells; /* layout_print's line buffer */
	size_t ccap;
};

/* What the fitting and the cell walk both need to know about a block. */
struct ctx {
	const char *s;
	size_t bs, be; /* block range */
	size_t cs;     /* content start: leading blanks of a reflowed block are not shown */
	bool pre;
	int w, amb, tab;
	const char *g; /* grapheme cluster starts (g[i - bs]), NULL: every code point starts one */
};

enum unit_kind { U_TEXT, U_SPACE, U_NL };

struct unit {
	size_t end;
	int w;
	enum unit_kind kind;
};

void
layout_opts_default(struct layout_opts *o)
{
	o->width = 80;
	o->ambiguous_width = 1;
	o->tab_width = 8;
	o->cjk_indent = 4;
	o->para_spacing = true;
	o->max_width = 0;
}

int
layout_effective_width(const struct layout_opts *o)
{
	int w = o->width < 1 ? 1 : o->width;

	if (o->max_width > 0 && o->max_width < w)
		w = o->max_width;
	return w > 30000 ? 30000 : w;
}

static bool
is_blank(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000;
}

/* Code point at s[i] (inside [.., end)); *len gets its length. */
static uint32_t
cp_at(const char *s, size_t i, size_t end, int *len)
{
	uint32_t c;

	if ((unsigned char)s[i] < 0x80) {
		*len = 1;
		return (unsigned char)s[i];
	}
	*len = utf8_decode_fast(s + i, end - i, &c);
	return c;
}

static bool
is_cjkish(uint32_t cp)
{
	return layout_cp_is_cjk_nospace(cp) || cp == 0x201C || cp == 0x201D || cp == 0x2018 ||
	       cp == 0x2019 || cp == 0x2014 || cp == 0x2026 || cp == 0x00B7;
}

static bool
is_wide_punct(uint32_t cp)
{
	return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
	       (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
	       (cp >= 0xFF5B && cp <= 0xFF65);
}

/* Start of the soft join around the line break at nl: blanks before it (bounded). */
static size_t
join_start(const struct ctx *c, size_t nl)
{
	size_t a = nl;

	while (a > c->cs && nl - a < JOIN_LOOKBACK) {
		size_t q = utf8_prev(c->s, a);
		int k;

		if (!is_blank(cp_at(c->s, q, c->be, &k)))
			break;
		a = q;
	}
	return a;
}

/* End of the soft join that contains the line break at nl: blanks and line breaks after it. */
static size_t
join_end(const struct ctx *c, size_t nl)
{
	size_t e = nl + 1;

	while (e < c->be) {
		int k;
		uint32_t cp = cp_at(c->s, e, c->be, &k);

		if (!is_blank(cp) && cp != '\n')
			break;
		e += (size_t)k;
	}
	return e;
}

/* Does the join [a, e) show as one space (true) or as nothing? Nothing between two CJK
 * characters (not Hangul: Korean separates words by spaces) or next to full-width
 * punctuation; a space otherwise. */
static bool
join_is_space(const struct ctx *c, size_t a, size_t e)
{
	uint32_t x, y;
	int k;

	if (a <= c->cs || e >= c->be)
		return false;
	x = cp_at(c->s, utf8_prev(c->s, a), c->be, &k);
	y = cp_at(c->s, e, c->be, &k);
	if (is_blank(x) || x == '\n')
		return false;
	if (is_wide_punct(x) || is_wide_punct(y))
		return false;
	return !(is_cjkish(x) && is_cjkish(y));
}

/* If a soft join starts at i (a blank or a line break in a reflowed block), its end. */
static size_t
join_at(const struct ctx *c, size_t i, uint32_t cp)
{
	size_t j;

	if (c->pre)
		return 0;
	if (cp == '\n')
		return join_end(c, i);
	j = i;
	while (j < c->be && j - i <= JOIN_LOOKBACK) {
		int k;
		uint32_t d = cp_at(c->s, j, c->be, &k);

		if (d == '\n')
			return join_start(c, j) == i ? join_end(c, j) : 0;
		if (!is_blank(d))
			return 0;
		j += (size_t)k;
	}
	return 0;
}

/* Columns of one code point inside a cluster, as cells show it at width w. */
static int
cp_cell_width(uint32_t cp, const struct ctx *c)
{
	int w;

	switch (layout_cp_kind(cp, c->amb, &w)) {
	case CP_MARK:
	case CP_DROP:
	case CP_TAB:
	case CP_NEWLINE:
		return 0;
	default:
		return w > c->w ? 1 : w;
	}
}

static bool
is_cell_start(uint32_t cp, int amb)
{
	int w;
	enum cp_kind k = layout_cp_kind(cp, amb, &w);

	return k == CP_SPACING || k == CP_CARET || k == CP_REPL || k == CP_SPACE;
}

/* The unit that starts at i, at column col: a grapheme cluster (or, when a cluster is wider
 * than the line, one of its cells), a blank, a soft join, or a preformatted line break. */
static void
unit_at(const struct ctx *c, size_t i, int col, struct unit *u)
{
	int k, w;
	uint32_t cp;
	size_t j, e;

	if (i < c->cs) {
		u->end = c->cs;
		u->w = 0;
		u->kind = U_SPACE;
		return;
	}
	cp = cp_at(c->s, i, c->be, &k);
	if (cp == '\n' && c->pre) {
		u->end = i + 1;
		u->w = 0;
		u->kind = U_NL;
		return;
	}
	if (cp == '\n' || is_blank(cp)) {
		u->kind = U_SPACE;
		e = join_at(c, i, cp);
		if (e) {
			u->end = e;
			u->w = join_is_space(c, i, e) ? 1 : 0;
			return;
		}
		u->end = i + (size_t)k;
		if (cp == '\t')
			u->w = c->tab - col % c->tab;
		else if (cp == 0x3000)
			u->w = c->w < 2 ? 1 : 2;
		else
			u->w = 1;
		return;
	}
	u->kind = U_TEXT;
	e = i + (size_t)k;
	if (c->g)
		while (e < c->be && !c->g[e - c->bs])
			e++;
	w = cp_cell_width(cp, c);
	for (j = i + (size_t)k; j < e;) {
		uint32_t d = cp_at(c->s, j, e, &k);

		w += cp_cell_width(d, c);
		j += (size_t)k;
	}
	if (w > c->w) {
		/* a cluster wider than the line: its cells go one by one */
		w = cp_cell_width(cp, c);
		j = i + (size_t)(cp < 0x80 ? 1 : utf8_decode_fast(c->s + i, e - i, &cp));
		while (j < e) {
			uint32_t d = cp_at(c->s, j, e, &k);

			if (is_cell_start(d, c->amb))
				break;
			j += (size_t)k;
		}
		e = j;
	}
	u->end = e;
	u->w = w;
}

static void
ctx_init(struct ctx *c, const struct layout *l, size_t b)
{
	const struct block *bl = &l->d->blocks[b];
	size_t i;

	c->s = l->d->text;
	c->bs = bl->start;
	c->be = bl->end;
	c->pre = bl->kind == BLOCK_PRE;
	c->w = l->w;
	c->amb = l->o.ambiguous_width;
	c->tab = l->o.tab_width;
	c->g = NULL;
	i = c->bs;
	if (!c->pre) {
		while (i < c->be) {
			int k;
			uint32_t cp = cp_at(c->s, i, c->be, &k);

			if (!is_blank(cp) && cp != '\n')
				break;
			i += (size_t)k;
		}
	}
	c->cs = i;
}

/* Break opportunities (p) and cluster starts (g, or c->g = NULL) for block c. The breaks are
 * computed on a copy of the text in which soft joins become fillers that UAX #14 attaches to
 * the character before them (0x01, class CM) and a space when the join shows one; controls
 * become letters and bidi controls U+FFFD: the same bytes as the source, so offsets agree. */
/* The copy of block c's text that break analysis sees (see block_prepare). */
static void
block_copy(const struct ctx *c, char *t)
{
	const char *s = c->s + c->bs;
	size_t n = c->be - c->bs, i;

	memcpy(t, s, n);
	for (i = 0; i < c->cs - c->bs; i++)
		t[i] = ' ';
	while (i < n) {
		unsigned char ch = (unsigned char)s[i];
		uint32_t cp;
		int k;

		if (ch == '\n' && !c->pre) {
			size_t a = join_start(c, c->bs + i) - c->bs;
			size_t e = join_end(c, c->bs + i) - c->bs;

			memset(t + a, 0x01, e - a);
			if (join_is_space(c, c->bs + a, c->bs + e))
				t[e - 1] = ' ';
			i = e;
			continue;
		}
		if (ch < 0x80) {
			if ((ch < 0x20 && ch != '\t' && ch != '\n') || ch == 0x7F)
				t[i] = 'x';
			i++;
			continue;
		}
		if (ch >= 0xE4 && ch <= 0xE9) { /* ideographs: nothing to replace */
			i += 3;
			continue;
		}
		k = utf8_decode_fast(s + i, n - i, &cp);
		if (cp >= 0x80 && cp < 0xA0)
			memset(t + i, 'x', (size_t)k);
		else if (layout_cp_is_unsafe(cp))
			memcpy(t + i, "\xEF\xBF\xBD", 3);
		i += (size_t)k;
	}
}

static void
block_prepare(struct layout *l, struct ctx *c, char **pp)
{
	size_t n = c->be - c->bs;
	const char *s = c->s + c->bs;
	char *p, *g, *t;
	unsigned flags;

	if (l->scap < 3 * n) {
		free(l->scratch);
		l->scap = 3 * n + 1024;
		l->scratch = xmalloc(l->scap);
	}
	p = l->scratch;
	g = p + n;
	t = g + n;
	*pp = p;
	if (n == 0)
		return;
	if (!c->pre && memchr(c->s + c->cs, '\n', c->be - c->cs)) {
		/* soft joins: straight to the copy */
		block_copy(c, t);
		u8_possible_linebreaks((const uint8_t *)t, n, "UTF-8", p);
		flags = layout_breaks_scan(t, n, p);
	} else {
		u8_possible_linebreaks((const uint8_t *)s, n, "UTF-8", p);
		flags = layout_breaks_scan(s, n, p);
		if (flags & SCAN_CONTROL) { /* again on the copy */
			block_copy(c, t);
			layout_breaks(t, n, p);
		}
	}
	if (flags & SCAN_COMPLEX) {
		u8_grapheme_breaks((const uint8_t *)s, n, g);
		c->g = g;
	}
}

static void
push_line(struct layout *l, size_t *nl, size_t start, size_t end, size_t b, int indent,
	  int width)
{
	struct layout_line *ln;

	l->tmp = xgrow(l->tmp, &l->tcap, *nl + 1, sizeof(*l->tmp));
	ln = &l->tmp[(*nl)++];
	ln->start = start;
	ln->end = end;
	ln->block = (uint32_t)b;
	ln->indent = (uint16_t)indent;
	ln->width = (uint16_t)width;
}

/* Where to break when no break opportunity fits: the last cluster boundary before the unit
 * that overflows at i, preferring one that keeps closing marks off the line start and
 * opening marks off the line end; i itself when none does. *vis gets the line's width. */
static size_t
emergency_break(const struct ctx *c, size_t ls, size_t i, int indent, int *vis)
{
	size_t q = ls, best = NPOS;
	int col = indent, v = indent, best_v = 0;
	bool seen = false;

	while (q < i) {
		struct unit u;

		unit_at(c, q, col, &u);
		if (seen && u.kind == U_TEXT && !layout_break_is_bad(c->s, c->cs, q)) {
			best = q;
			best_v = v;
		}
		col += u.w;
		if (u.kind == U_TEXT) {
			v = col;
			seen = true;
		}
		q = u.end;
	}
	if (best == NPOS || !layout_break_is_bad(c->s, c->cs, i)) {
		*vis = v;
		return i;
	}
	*vis = best_v;
	return best;
}

/* Is the unbreakable run that starts at q (no break opportunity before it ends) wider than a
 * whole line? Then it will be broken at the width anyway, and the current line is filled
 * rather than left short. */
/* The fitting of one block. When t is set, the tailoring of p runs just ahead of the fitting
 * (the fast path: one pass over the text); it gives up (abort) on anything the fast path does
 * not handle (controls, soft joins, complex clusters), and the block is done again the slow
 * way: breaks computed over the whole block first. */
struct fit {
	struct ctx *c;
	char *p;
	struct lb_tailor *t;
	bool abort;
};

/* Make sure p is tailored at i; false (and abort) when the fast path must give up. */
static bool
fit_tailored(struct fit *f, size_t i)
{
	const struct ctx *c = f->c;
	unsigned fl;

	if (!f->t || f->t->i > i - c->bs)
		return true;
	fl = lb_tailor_to(f->t, c->s + c->bs, c->be - c->bs, f->p, i - c->bs);
	if ((fl & (SCAN_CONTROL | SCAN_COMPLEX)) || ((fl & SCAN_NEWLINE) && !c->pre)) {
		f->abort = true;
		return false;
	}
	return true;
}

static bool
run_longer_than_line(struct fit *f, size_t q)
{
	const struct ctx *c = f->c;
	int col = 0;
	size_t i = q;

	while (i < c->be) {
		struct unit u;
		unsigned char ch = (unsigned char)c->s[i];

		if (!fit_tailored(f, i))
			return false;
		if (i > q && f->p[i - c->bs] == UC_BREAK_POSSIBLE)
			return false;
		if (!c->g && c->w >= 2 && ch > 0x20 && ch < 0x7F) {
			u.end = i + 1;
			u.w = 1;
		} else if (!c->g && c->w >= 2 && ch >= 0xE4 && ch <= 0xE9) {
			u.end = i + 3;
			u.w = 2;
		} else {
			unit_at(c, i, col, &u);
			if (u.kind != U_TEXT)
				return false;
		}
		col += u.w;
		if (col > c->w)
			return true;
		i = u.end;
	}
	return false;
}

static struct layout_line *
chunk_alloc(struct layout *l, size_t n)
{
	struct line_chunk *c = l->chunks;

	if (!c || c->cap - c->n < n) {
		/* chunks grow from 64 KiB to 2 MiB; the big ones are aligned and advised as
		 * huge pages: a whole-document layout of 100 MB writes ~30 MB of lines, and
		 * 4 KiB page faults would cost more than the writing */
		size_t want = l->chunks ? MIN(l->chunk_next * 2, LINE_CHUNK_BYTES) : 65536;
		size_t bytes = MAX(sizeof(*c) + n * sizeof(c->v[0]), want);
		void *mem = NULL;

		l->chunk_next = want;
		if (bytes >= LINE_CHUNK_BYTES) {
			bytes = (bytes + LINE_CHUNK_BYTES - 1) / LINE_CHUNK_BYTES * LINE_CHUNK_BYTES;
			if (posix_memalign(&mem, LINE_CHUNK_BYTES, bytes) != 0)
				mem = NULL;
#ifdef MADV_HUGEPAGE
			if (mem)
				madvise(mem, bytes, MADV_HUGEPAGE);
#endif
		}
		if (!mem)
			mem = xmalloc(bytes);
		c = mem;
		c->cap = (bytes - sizeof(*c)) / sizeof(c->v[0]);
		c->next = l->chunks;
		c->n = 0;
		l->chunks = c;
	}
	c->n += n;
	return c->v + c->n - n;
}

/* Fit the units of block c into lines (appended to l->tmp; *nlp gets their number).
 * False when the fast path gave up. */
static bool
block_fit(struct layout *l, struct ctx *cx, size_t b, char *p, struct lb_tailor *t, size_t *nlp)
{
	const struct block *blk = &l->d->blocks[b];
	struct fit f = {cx, p, t, false};
	struct ctx c = *cx;
	size_t nl = 0, ls, i, cand = NPOS;
	int ind, col, vis, cand_vis = 0;
	bool seen = false, fast;

	f.c = &c;
	ind = blk->kind == BLOCK_PARA && (blk->flags & BLOCK_F_CJK) && l->o.cjk_indent > 0 &&
			      l->w >= 2 * l->o.cjk_indent
		      ? l->o.cjk_indent
		      : 0;
	ls = c.bs;
	col = vis = ind;
	i = c.cs; /* the blanks before it are not shown, and belong to the first line */
	fast = !c.g && c.w >= 2;
	while (i < c.be) {
		struct unit u;
		unsigned char ch;

		/* fast path: runs of ASCII letters and CJK ideographs that fit */
		if (fast && seen) {
			const char *pb = p - c.bs;
			/* Inside a run of ideographs after a character no rule looks back from, the
			 * tailoring has nothing to do; its state is brought up to date when the run
			 * ends (han0: start of such a run, block-relative; han1: after its last) */
			size_t han0 = NPOS, han1 = 0;

			for (;;) {
				int w;
				size_t k, r = i - c.bs;

				ch = (unsigned char)c.s[i];
				if (ch >= 0xE4 && ch <= 0xE9) {
					w = 2, k = 3;
					if (t && han0 != NPOS) {
						han1 = r + 3;
					} else if (t && t->i <= r) {
						if (t->i == r && !(t->ta & TA_MASK) && t->pa != NPOS) {
							han0 = r;
							han1 = r + 3;
						} else if (!fit_tailored(&f, i)) {
							return false;
						}
					}
				} else if (ch > 0x20 && ch < 0x7F) {
					w = 1, k = 1;
					if (han0 != NPOS) {
						lb_tailor_run(t, han0, han1);
						han0 = NPOS;
					}
					if (t && t->i <= r && !lb_tailor_fast(t, r, ch, p) &&
					    !fit_tailored(&f, i))
						return false;
				} else {
					break;
				}
				if (pb[i] == UC_BREAK_POSSIBLE) {
					cand = i;
					cand_vis = vis;
				}
				if (col + w > c.w)
					break;
				col += w;
				vis = col;
				i += k;
				if (i >= c.be)
					break;
			}
			if (han0 != NPOS)
				lb_tailor_run(t, han0, han1);
			if (i >= c.be)
				break;
		}
		if (!fit_tailored(&f, i))
			return false;
		ch = (unsigned char)c.s[i];

		/* fast path: ASCII letters and CJK ideographs in blocks without complex clusters */
		if (ch > 0x20 && ch < 0x7F && fast) {
			u.end = i + 1;
			u.w = 1;
			u.kind = U_TEXT;
		} else if (ch >= 0xE4 && ch <= 0xE9 && fast) {
			u.end = i + 3;
			u.w = 2;
			u.kind = U_TEXT;
		} else if ((ch == 0xE3 || ch == 0xEF) && fast && i + 2 < c.be) {
			uint32_t cp;

			utf8_decode_fast(c.s + i, 3, &cp);
			if ((cp >= 0x3001 && cp <= 0x3029) || (cp >= 0x3030 && cp <= 0x303E) ||
			    (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x309B && cp <= 0x30FF) ||
			    (cp >= 0xFF01 && cp <= 0xFF60)) {
				u.end = i + 3;
				u.w = 2;
				u.kind = U_TEXT;
			} else {
				unit_at(&c, i, col, &u);
			}
		} else {
			unit_at(&c, i, col, &u);
		}
		if (u.kind == U_NL) {
			push_line(l, &nl, ls, u.end, b, ind, vis);
			ls = i = u.end;
			ind = col = vis = 0;
			seen = false;
			cand = NPOS;
			continue;
		}
		if (seen && i > ls && p[i - c.bs] == UC_BREAK_POSSIBLE) {
			cand = i;
			cand_vis = vis;
		}
		if (u.kind == U_SPACE) {
			col += u.w;
			i = u.end;
			continue;
		}
		if (col + u.w > c.w) {
			size_t e;
			int ev;

			if (!seen) {
				if (ind > 0) { /* the indent yields */
					col -= ind;
					vis -= ind;
					ind = 0;
					continue;
				}
				if (i > ls) { /* blanks fill the line: they end it */
					push_line(l, &nl, ls, i, b, 0, 0);
					ls = i;
					col = vis = 0;
					cand = NPOS;
					continue;
				}
				/* cannot happen: no unit is wider than the line */
			} else {
				bool longer = cand != NPOS && run_longer_than_line(&f, cand);

				if (f.abort)
					return false;
				if (cand != NPOS && !longer) {
					e = cand;
					ev = cand_vis;
				} else {
					e = emergency_break(&c, ls, i, ind, &ev);
				}
				push_line(l, &nl, ls, e, b, ind, ev);
				ls = i = e;
				ind = col = vis = 0;
				seen = false;
				cand = NPOS;
				continue;
			}
		}
		col += u.w;
		vis = col;
		seen = true;
		i = u.end;
	}
	if (ls < c.be || nl == 0)
		push_line(l, &nl, ls, c.be, b, ind, seen ? vis : ind);
	*nlp = nl;
	return true;
}

int layout_debug_slow_path;

static void
block_layout(struct layout *l, size_t b)
{
	struct block_lines *bl = &l->bl[b];
	struct ctx c;
	char *p;
	size_t nl = 0, n;
	bool done = false;

	ctx_init(&c, l, b);
	n = c.be - c.bs;
	/* soft joins need the slow path: do not try the fast one on them */
	if (!layout_debug_slow_path && n > 0 &&
	    (c.pre || !memchr(c.s + c.cs, '\n', c.be - c.cs))) {
		struct lb_tailor t;

		if (l->scap < n) {
			free(l->scratch);
			l->scap = n + 1024;
			l->scratch = xmalloc(l->scap);
		}
		p = l->scratch;
		u8_possible_linebreaks((const uint8_t *)c.s + c.bs, n, "UTF-8", p);
		layout_breaks_urls(c.s + c.bs, n, p);
		lb_tailor_init(&t);
		done = block_fit(l, &c, b, p, &t, &nl);
	}
	if (!done) {
		ctx_init(&c, l, b);
		block_prepare(l, &c, &p);
		block_fit(l, &c, b, p, NULL, &nl);
	}
	bl->n_text = (uint32_t)nl;
	if (l->o.para_spacing)
		push_line(l, &nl, c.be, c.be, b, 0, 0);
	bl->lines = chunk_alloc(l, nl);
	memcpy(bl->lines, l->tmp, nl * sizeof(*bl->lines));
	bl->n = (uint32_t)nl;
	bl->done = true;
}

static void
cache_drop(struct layout *l)
{
	size_t b;

	while (l->chunks) {
		struct line_chunk *c = l->chunks;

		l->chunks = c->next;
		free(c);
	}
	if (!l->bl)
		return;
	for (b = 0; b < l->d->n_blocks; b++) {
		l->bl[b].lines = NULL;
		l->bl[b].n = l->bl[b].n_text = 0;
		l->bl[b].done = false;
	}
}

static void
opts_apply(struct layout *l, const struct layout_opts *o)
{
	l->o = *o;
	if (l->o.width < 1)
		l->o.width = 1;
	if (l->o.ambiguous_width != 2)
		l->o.ambiguous_width = 1;
	if (l->o.tab_width < 1 || l->o.tab_width > 64)
		l->o.tab_width = 8;
	if (l->o.cjk_indent < 0 || l->o.cjk_indent > 16)
		l->o.cjk_indent = 4;
	if (l->o.max_width < 0)
		l->o.max_width = 0;
	l->w = layout_effective_width(&l->o);
}

struct layout *
layout_new(const struct doc *d, const struct layout_opts *o)
{
	struct layout *l = xcalloc(1, sizeof(*l));
	struct layout_opts def;

	if (!o) {
		layout_opts_default(&def);
		o = &def;
	}
	l->d = d;
	opts_apply(l, o);
	l->bl = xcalloc(d->n_blocks ? d->n_blocks : 1, sizeof(*l->bl));
	return l;
}

void
layout_free(struct layout *l)
{
	if (!l)
		return;
	cache_drop(l);
	free(l->bl);
	free(l->scratch);
	free(l->tmp);
	free(l->cells);
	free(l);
}

void
layout_set_opts(struct layout *l, const struct layout_opts *o)
{
	struct layout old = *l;

	opts_apply(l, o);
	if (old.w == l->w && old.o.ambiguous_width == l->o.ambiguous_width &&
	    old.o.tab_width == l->o.tab_width && old.o.cjk_indent == l->o.cjk_indent &&
	    old.o.para_spacing == l->o.para_spacing)
		return;
	cache_drop(l);
}

const struct layout_opts *
layout_get_opts(const struct layout *l)
{
	return &l->o;
}

const struct layout_line *
layout_block_lines(struct layout *l, size_t b, size_t *n)
{
	if (b >= l->d->n_blocks) {
		*n = 0;
		return NULL;
	}
	if (!l->bl[b].done)
		block_layout(l, b);
	*n = l->bl[b].n;
	return l->bl[b].lines;
}

struct layout_pos
layout_pos_at(struct layout *l, size_t off)
{
	struct layout_pos pos = {0, 0};
	const struct layout_line *ln;
	size_t b, n, lo, hi;

	if (l->d->n_blocks == 0)
		return pos;
	b = doc_block_at(l->d, off);
	ln = layout_block_lines(l, b, &n);
	pos.block = b;
	lo = 0;
	hi = l->bl[b].n_text;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (ln[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	pos.line = lo;
	return pos;
}

bool
layout_pos_next(struct layout *l, struct layout_pos *p)
{
	size_t n;

	if (p->block >= l->d->n_blocks)
		return false;
	layout_block_lines(l, p->block, &n);
	if (p->line + 1 < n) {
		p->line++;
		return true;
	}
	if (p->block + 1 >= l->d->n_blocks)
		return false;
	p->block++;
	p->line = 0;
	return true;
}

bool
layout_pos_prev(struct layout *l, struct layout_pos *p)
{
	size_t n;

	if (p->block >= l->d->n_blocks)
		return false;
	if (p->line > 0) {
		p->line--;
		return true;
	}
	if (p->block == 0)
		return false;
	p->block--;
	layout_block_lines(l, p->block, &n);
	p->line = n ? n - 1 : 0;
	return true;
}

const struct layout_line *
layout_line_at(struct layout *l, struct layout_pos p)
{
	size_t n;
	const struct layout_line *ln = layout_block_lines(l, p.block, &n);

	if (!ln || p.line >= n)
		return NULL;
	return &ln[p.line];
}

/* Cell output for layout_line_cells. */
struct cellout {
	struct layout_cell *cells;
	size_t max, n;
	int col, w;
	bool attach; /* may the next nonspacing mark join the last cell? */
	int marks;
};

static struct layout_cell *
cell_add(struct cellout *o, const char *s, size_t len, int width, unsigned flags, size_t off,
	 size_t end)
{
	struct layout_cell *cl = NULL;

	if (o->n < o->max) {
		cl = &o->cells[o->n];
		memcpy(cl->s, s, len);
		cl->s[len] = '\0';
		cl->len = (uint8_t)len;
		cl->width = (uint8_t)width;
		cl->flags = (uint8_t)flags;
		cl->off = off;
		cl->end = end;
	}
	o->n++;
	o->col += width;
	o->marks = 0;
	return cl;
}

/* A blank of width w: shown only while it fits (blanks at a line end hang in the margin). */
static void
cell_blank(struct cellout *o, const char *s, size_t len, int w, size_t off, size_t end)
{
	if (o->col + w <= o->w)
		cell_add(o, s, len, w, LAYOUT_CELL_SPACE, off, end);
	else
		o->col += w;
	o->attach = false;
}

size_t
layout_line_cells(struct layout *l, const struct layout_line *line, struct layout_cell *cells,
		  size_t max)
{
	struct ctx c;
	struct cellout o = {cells, cells ? max : 0, 0, line->indent, l->w, false, 0};
	size_t i = line->start;

	if (line->start >= line->end || line->block >= l->d->n_blocks)
		return 0;
	ctx_init(&c, l, line->block);
	while (i < line->end) {
		int k, w;
		uint32_t cp;
		size_t e;
		enum cp_kind kind;

		if (i < c.cs) {
			i = c.cs;
			continue;
		}
		cp = cp_at(c.s, i, c.be, &k);
		if (cp == '\n' || is_blank(cp)) {
			e = join_at(&c, i, cp);
			if (e) {
				if (join_is_space(&c, i, e))
					cell_blank(&o, " ", 1, 1, i, e);
				o.attach = false;
				i = e;
				continue;
			}
			if (cp == '\n') { /* preformatted line end */
				i++;
				continue;
			}
			if (cp == '\t') {
				int n = c.tab - o.col % c.tab;

				while (n-- > 0)
					cell_blank(&o, " ", 1, 1, i, i + 1);
			} else if (cp == 0x3000 && c.w >= 2) {
				cell_blank(&o, "\xE3\x80\x80", 3, 2, i, i + 3);
			} else {
				cell_blank(&o, " ", 1, 1, i, i + (size_t)k);
			}
			i += (size_t)k;
			continue;
		}
		kind = layout_cp_kind(cp, c.amb, &w);
		switch (kind) {
		case CP_CARET:
			if (c.w < 2) {
				cell_add(&o, "?", 1, 1, LAYOUT_CELL_PLACEHOLDER, i, i + (size_t)k);
			} else {
				char two = cp == 0x7F ? '?' : (char)(cp ^ 0x40);

				cell_add(&o, "^", 1, 1, LAYOUT_CELL_PLACEHOLDER, i, i + (size_t)k);
				cell_add(&o, &two, 1, 1, LAYOUT_CELL_PLACEHOLDER, i, i + (size_t)k);
			}
			o.attach = false;
			break;
		case CP_REPL:
			if (w > c.w)
				cell_add(&o, "?", 1, 1, LAYOUT_CELL_PLACEHOLDER, i, i + (size_t)k);
			else
				cell_add(&o, "\xEF\xBF\xBD", 3, w, LAYOUT_CELL_PLACEHOLDER, i,
					 i + (size_t)k);
			o.attach = true;
			break;
		case CP_DROP:
			if (o.n > 0 && o.n <= o.max && o.cells[o.n - 1].end == i)
				o.cells[o.n - 1].end = i + (size_t)k;
			break;
		case CP_MARK:
			if (o.attach && o.marks < 4 && o.n <= o.max) {
				struct layout_cell *cl = o.n ? &o.cells[o.n - 1] : NULL;

				if (cl && cl->len + k < (int)sizeof(cl->s)) {
					memcpy(cl->s + cl->len, c.s + i, (size_t)k);
					cl->len = (uint8_t)(cl->len + k);
					cl->s[cl->len] = '\0';
					cl->end = i + (size_t)k;
				}
				o.marks++;
			}
			break;
		default:
			if (w > c.w)
				cell_add(&o, "?", 1, 1, LAYOUT_CELL_PLACEHOLDER, i, i + (size_t)k);
			else
				cell_add(&o, c.s + i, (size_t)k, w, 0, i, i + (size_t)k);
			o.attach = true;
			break;
		}
		i += (size_t)k;
	}
	return o.n;
}

void
layout_print(struct layout *l, struct buf *b)
{
	size_t blk;

	if (l->ccap < (size_t)l->w + 8) {
		free(l->cells);
		l->ccap = (size_t)l->w + 8;
		l->cells = xmalloc(l->ccap * sizeof(*l->cells));
	}
	for (blk = 0; blk < l->d->n_blocks; blk++) {
		size_t n, k;
		const struct layout_line *ln = layout_block_lines(l, blk, &n);

		for (k = 0; k < n; k++) {
			size_t nc = layout_line_cells(l, &ln[k], l->cells, l->ccap), j, len0;
			int s;

			if (nc > l->ccap) {
				free(l->cells);
				l->ccap = nc + 8;
				l->cells = xmalloc(l->ccap * sizeof(*l->cells));
				nc = layout_line_cells(l, &ln[k], l->cells, l->ccap);
			}
			while (nc > 0 && (l->cells[nc - 1].flags & LAYOUT_CELL_SPACE))
				nc--;
			len0 = b->len;
			if (nc > 0)
				for (s = 0; s < ln[k].indent; s++)
					buf_addc(b, ' ');
			for (j = 0; j < nc; j++)
				buf_add(b, l->cells[j].s, l->cells[j].len);
			(void)len0;
			buf_addc(b, '\n');
		}
	}
}
