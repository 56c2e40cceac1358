/* layout_tmp.c — TEMPORARY stand-in for layout.c (branch `layout`) so the UI can be built and
 * tried before the real layout lands: one cell per code point, greedy wrap by column, controls
 * shown as U+FFFD. No line-breaking rules. Delete this file when layout.c is merged. */
#include "jingdu/layout.h"

#include <stdlib.h>
#include <string.h>
#include <uniwidth.h>

struct tmp_block {
	struct layout_line *lines;
	size_t n;
	bool done;
};

struct layout {
	const struct doc *d;
	struct layout_opts o;
	struct tmp_block *blocks;
};

static bool
tmp_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f;
}

static int
tmp_width(uint32_t cp, int amb)
{
	(void)amb;
	if (tmp_is_control(cp))
		return 1;
	if (cp == 0x200d || cp == 0xfe0f)
		return 0;
	return uc_width(cp, "UTF-8") < 0 ? 1 : uc_width(cp, "UTF-8");
}

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
layout_cp_width(uint32_t cp, int ambiguous_width)
{
	return tmp_width(cp, ambiguous_width);
}

struct layout *
layout_new(const struct doc *d, const struct layout_opts *o)
{
	struct layout *l = xcalloc(1, sizeof(*l));

	l->d = d;
	l->o = *o;
	l->blocks = xcalloc(d->n_blocks ? d->n_blocks : 1, sizeof(*l->blocks));
	return l;
}

static void
tmp_drop(struct layout *l)
{
	size_t i;

	for (i = 0; i < l->d->n_blocks; i++) {
		free(l->blocks[i].lines);
		l->blocks[i].lines = NULL;
		l->blocks[i].n = 0;
		l->blocks[i].done = false;
	}
}

void
layout_free(struct layout *l)
{
	if (!l)
		return;
	tmp_drop(l);
	free(l->blocks);
	free(l);
}

void
layout_set_opts(struct layout *l, const struct layout_opts *o)
{
	tmp_drop(l);
	l->o = *o;
}

const struct layout_opts *
layout_get_opts(const struct layout *l)
{
	return &l->o;
}

static void
tmp_lay(struct layout *l, size_t b)
{
	struct tmp_block *tb = &l->blocks[b];
	const struct block *bl = &l->d->blocks[b];
	const char *t = l->d->text;
	size_t cap = 0, off = bl->start;
	int width = l->o.width < 1 ? 1 : l->o.width;
	struct layout_line cur;

	if (l->o.max_width > 0 && width > l->o.max_width)
		width = l->o.max_width;
	memset(&cur, 0, sizeof(cur));
	cur.start = cur.end = off;
	cur.block = (uint32_t)b;
	if ((bl->flags & BLOCK_F_CJK) && bl->kind == BLOCK_PARA && l->o.cjk_indent < width)
		cur.indent = cur.width = (uint16_t)l->o.cjk_indent;
	while (off < bl->end) {
		uint32_t cp;
		int n = utf8_decode(t + off, bl->end - off, &cp);
		int w = cp == '\n' ? 0 : tmp_width(cp, l->o.ambiguous_width);

		if (cur.width + w > width && cur.end > cur.start) {
			tb->lines = xgrow(tb->lines, &cap, tb->n + 1, sizeof(*tb->lines));
			tb->lines[tb->n++] = cur;
			cur.start = cur.end = off;
			cur.indent = cur.width = 0;
		}
		cur.end = off + (size_t)n;
		cur.width = (uint16_t)(cur.width + w);
		off += (size_t)n;
	}
	tb->lines = xgrow(tb->lines, &cap, tb->n + 2, sizeof(*tb->lines));
	tb->lines[tb->n++] = cur;
	if (l->o.para_spacing) {
		memset(&cur, 0, sizeof(cur));
		cur.start = cur.end = bl->end;
		cur.block = (uint32_t)b;
		tb->lines[tb->n++] = cur;
	}
	tb->done = true;
}

const struct layout_line *
layout_block_lines(struct layout *l, size_t b, size_t *n)
{
	if (b >= l->d->n_blocks) {
		*n = 0;
		return NULL;
	}
	if (!l->blocks[b].done)
		tmp_lay(l, b);
	*n = l->blocks[b].n;
	return l->blocks[b].lines;
}

struct layout_pos
layout_pos_at(struct layout *l, size_t off)
{
	struct layout_pos p = {0, 0};
	const struct layout_line *lines;
	size_t n, i;

	if (l->d->n_blocks == 0)
		return p;
	p.block = doc_block_at(l->d, off);
	lines = layout_block_lines(l, p.block, &n);
	for (i = 0; i < n; i++)
		if (lines[i].start <= off && (off < lines[i].end || lines[i].start == lines[i].end))
			p.line = i;
	for (i = 0; i < n; i++)
		if (lines[i].start <= off && off < lines[i].end) {
			p.line = i;
			break;
		}
	if (off >= l->d->blocks[p.block].end && n)
		p.line = n - 1;
	return p;
}

bool
layout_pos_next(struct layout *l, struct layout_pos *p)
{
	size_t n;

	layout_block_lines(l, p->block, &n);
	if (p->line + 1 < n) {
		p->line++;
		return true;
	}
	if (p->block + 1 < l->d->n_blocks) {
		p->block++;
		p->line = 0;
		return true;
	}
	return false;
}

bool
layout_pos_prev(struct layout *l, struct layout_pos *p)
{
	size_t n;

	if (p->line > 0) {
		p->line--;
		return true;
	}
	if (p->block > 0) {
		p->block--;
		layout_block_lines(l, p->block, &n);
		p->line = n ? n - 1 : 0;
		return true;
	}
	return false;
}

const struct layout_line *
layout_line_at(struct layout *l, struct layout_pos p)
{
	size_t n;
	const struct layout_line *lines = layout_block_lines(l, p.block, &n);

	if (!lines || p.line >= n)
		return NULL;
	return &lines[p.line];
}

size_t
layout_line_cells(struct layout *l, const struct layout_line *line, struct layout_cell *cells,
		  size_t max)
{
	size_t off = line->start, k = 0;
	const char *t = l->d->text;

	while (off < line->end) {
		uint32_t cp;
		int n = utf8_decode(t + off, line->end - off, &cp);

		if (cp != '\n') {
			if (k < max) {
				struct layout_cell *c = &cells[k];

				if (tmp_is_control(cp))
					cp = 0xfffd;
				c->len = (uint8_t)utf8_encode(cp, c->s);
				c->s[c->len] = '\0';
				c->width = (uint8_t)tmp_width(cp, 1);
				c->off = off;
				c->end = off + (size_t)n;
			}
			k++;
		}
		off += (size_t)n;
	}
	return max ? MIN(k, max) : k;
}

void
layout_print(struct layout *l, struct buf *b)
{
	struct layout_cell cells[512];
	size_t i, j, k, n;

	for (i = 0; i < l->d->n_blocks; i++) {
		const struct layout_line *lines = layout_block_lines(l, i, &n);

		for (j = 0; j < n; j++) {
			size_t m = layout_line_cells(l, &lines[j], cells, ARRAY_SIZE(cells));

			if (m)
				for (k = 0; k < lines[j].indent; k++)
					buf_addc(b, ' ');
			for (k = 0; k < m; k++)
				buf_add(b, cells[k].s, cells[k].len);
			buf_addc(b, '\n');
		}
	}
}
