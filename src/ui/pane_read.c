/* pane_read.c — the reading pane: copies the layout's lines to the screen cell by cell (one
 * cchar_t per cell, whole rows, never curses auto-wrap) with the styles of block kinds, marks,
 * search matches, the selected entity's mentions and the cursor line. Movement lives in the
 * curses-free reader model (reader.h). */
#include <stdlib.h>
#include <string.h>

#include "ui_private.h"
#include "annot_ui.h"
#include "jingdu/util.h"

#define MAX_RANGES 512

struct range {
	size_t start, end;
};

struct ranges {
	struct range r[MAX_RANGES];
	size_t n;
};

static bool
in_ranges(const struct ranges *rs, size_t start, size_t end)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (rs->r[i].start < end && start < rs->r[i].end)
			return true;
	return false;
}

static enum ui_style
block_style(const struct block *b)
{
	switch (b->kind) {
	case BLOCK_TITLE:
		return ST_TITLE;
	case BLOCK_BYLINE:
		return ST_BYLINE;
	case BLOCK_HEADING:
		return ST_HEADING;
	case BLOCK_FOOTER:
		return ST_DIM;
	case BLOCK_PRE:
		return ST_CODE;
	default:
		return b->flags & BLOCK_F_QUOTE ? ST_QUOTE : ST_TEXT;
	}
}

static void
collect_marks(struct ui *ui, size_t a, size_t b, struct ranges *rs)
{
	const struct doc *d = ui->doc;
	size_t i;

	rs->n = 0;
	for (i = 0; i < d->n_marks && rs->n < MAX_RANGES; i++)
		if (d->marks[i].start < b && a < d->marks[i].end)
			rs->r[rs->n++] = (struct range){d->marks[i].start, d->marks[i].end};
}

static void
collect_matches(struct ui *ui, size_t a, size_t b, struct ranges *rs)
{
	size_t at = a, e;

	rs->n = 0;
	if (!ui->have_search)
		return;
	/* a match may start before the view and reach into it */
	at = a > 256 ? a - 256 : 0;
	while (at < ui->doc->len && ui->doc->text[at] && ((unsigned char)ui->doc->text[at] & 0xc0) == 0x80)
		at++;
	while (rs->n < MAX_RANGES &&
	       (at = search_next_before(&ui->srch, ui->doc->text, ui->doc->len, at, b, &e)) != NPOS) {
		if (e > a)
			rs->r[rs->n++] = (struct range){at, e};
		at = e > at ? e : at + 1;
	}
}

static void
collect_mentions(struct ui *ui, size_t a, size_t b, struct ranges *rs)
{
	const struct entity *e;
	size_t lo, hi;

	rs->n = 0;
	if (!ui->ents || ui->ent_selected == NPOS)
		return;
	e = entity_get(ui->ents, ui->ent_selected);
	if (!e)
		return;
	lo = 0;
	hi = e->count;
	while (lo < hi) { /* first mention ending after a */
		size_t mid = lo + (hi - lo) / 2;
		const struct entity_mention *m = entity_set_mention(ui->ents, e->mentions[mid]);

		if (m->end <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < e->count && rs->n < MAX_RANGES; lo++) {
		const struct entity_mention *m = entity_set_mention(ui->ents, e->mentions[lo]);

		if (m->start >= b)
			break;
		rs->r[rs->n++] = (struct range){m->start, m->end};
	}
}

static void
read_draw(struct ui *ui, struct pane *p)
{
	struct reader *rd = &ui->rd;
	int cw = p->w - 2, ch = p->h - 2, y, pad = 0, max;
	struct layout_pos pos = rd->top;
	struct ranges marks, matches, mentions;
	struct layout_cell *cells;
	cchar_t *row;
	size_t view_a, view_b, cap;
	char right[32];
	const char *title = ui->doc->title;

	if (ui->load_job) /* the first part of a long file: how far is not known yet */
		snprintf(right, sizeof(right), "…");
	else
		snprintf(right, sizeof(right), "%d%%", reader_percent(rd));
	ui_box(ui, p, title, right);
	if (cw <= 0 || ch <= 0)
		return;
	max = layout_get_opts(ui->lay)->max_width;
	if (max > 0 && max < cw)
		pad = (cw - max) / 2;
	cap = (size_t)cw * 2 + 16;
	cells = xmalloc(cap * sizeof(*cells));
	row = xmalloc(((size_t)cw + 1) * sizeof(*row));
	view_a = rd->top_off;
	view_b = reader_view_end(rd);
	collect_marks(ui, view_a, view_b, &marks);
	collect_matches(ui, view_a, view_b, &matches);
	collect_mentions(ui, view_a, view_b, &mentions);
	annot_ui_draw_begin(ui, view_a, view_b); /* highlights, selection */
	for (y = 0; y < ch; y++) {
		const struct layout_line *l = layout_line_at(ui->lay, pos);
		bool cursor = l && (size_t)y == rd->cur_row;
		enum ui_style base = ST_TEXT;
		int col = 0, n = 0;
		size_t k, m = 0, marker_end = 0; /* a list item's marker: [block start, marker_end) */
		attr_t fill = cursor ? ui_attr(ui, ST_CURSORLINE) : ui_attr(ui, ST_TEXT);
		wchar_t sp[2] = {L' ', L'\0'};

		for (k = 0; k < (size_t)pad && col < cw; k++, col++) /* centre a narrower text */
			setcchar(&row[n++], sp, fill & ~A_COLOR, (short)PAIR_NUMBER((int)fill), NULL);
		if (l) {
			const struct block *b = &ui->doc->blocks[l->block];
			const char *sp_at;

			base = block_style(b);
			if ((b->flags & BLOCK_F_ITEM) &&
			    (sp_at = memchr(ui->doc->text + b->start, ' ', b->end - b->start)))
				marker_end = (size_t)(sp_at - ui->doc->text);
			m = layout_line_cells(ui->lay, l, cells, cap);
			for (k = 0; k < l->indent && col < cw; k++, col++)
				setcchar(&row[n++], sp, fill & ~A_COLOR, (short)PAIR_NUMBER((int)fill), NULL);
		}
		for (k = 0; k < m; k++) {
			const struct layout_cell *c = &cells[k];
			enum ui_style st = base;
			attr_t a;
			int w;

			if (marks.n && in_ranges(&marks, c->off, c->end))
				st = ST_DIM;
			else if (c->off < marker_end)
				st = ST_LIST_MARKER;
			if (cursor && (st == ST_TEXT || st == ST_DIM))
				a = ui_attr(ui, ST_CURSORLINE) | (st == ST_DIM ? A_DIM : 0);
			else if (cursor)
				a = ui_attr(ui, st) | A_UNDERLINE;
			else
				a = ui_attr(ui, st);
			a = annot_ui_cell_attr(ui, c, a, cursor, false); /* highlights */
			if (mentions.n && in_ranges(&mentions, c->off, c->end))
				a = ui_attr(ui, ST_MENTION) | (cursor ? A_REVERSE : 0);
			if (matches.n && in_ranges(&matches, c->off, c->end))
				a = ui_attr(ui, ST_SEARCH_MATCH) |
				    (c->off >= ui->match_start && c->off < ui->match_end ? A_BOLD | A_UNDERLINE : 0);
			a = annot_ui_cell_attr(ui, c, a, cursor, true); /* selection, cursor */
			w = ui_cell_cchar(c, a & ~A_COLOR, (short)PAIR_NUMBER((int)a), &row[n], cw - col);
			if (w <= 0) {
				if (c->width > 0)
					break; /* no room: never wrap */
				continue;
			}
			n++;
			col += w;
		}
		while (col < cw) {
			setcchar(&row[n++], sp, fill & ~A_COLOR, (short)PAIR_NUMBER((int)fill), NULL);
			col++;
		}
		mvwadd_wchnstr(p->win, 1 + y, 1, row, n);
		annot_ui_draw_row(ui, p, y, l); /* note marker */
		if (!l || !layout_pos_next(ui->lay, &pos))
			pos.block = ui->doc->n_blocks; /* past the end: blank rows */
	}
	free(cells);
	free(row);
}

static int
read_key(struct ui *ui, struct pane *p, enum cmd c, const char *arg)
{
	struct reader *rd = &ui->rd;
	long half = (long)(rd->height > 1 ? rd->height / 2 : 1);

	(void)p;
	(void)arg;
	switch (c) {
	case CMD_LINE_DOWN:
		reader_move(rd, 1);
		break;
	case CMD_LINE_UP:
		reader_move(rd, -1);
		break;
	case CMD_PAGE_DOWN:
		reader_page(rd, 1);
		break;
	case CMD_PAGE_UP:
		reader_page(rd, -1);
		break;
	case CMD_HALF_PAGE_DOWN:
		reader_scroll(rd, half);
		reader_move(rd, half);
		break;
	case CMD_HALF_PAGE_UP:
		reader_scroll(rd, -half);
		reader_move(rd, -half);
		break;
	case CMD_SCROLL_DOWN:
		reader_scroll(rd, 1);
		break;
	case CMD_SCROLL_UP:
		reader_scroll(rd, -1);
		break;
	case CMD_START:
		reader_start(rd);
		break;
	case CMD_END:
		reader_end(rd);
		break;
	default:
		return 0;
	}
	return UI_HANDLED | UI_REDRAW;
}

static int
read_mouse(struct ui *ui, struct pane *p, int y, int x, mmask_t bstate)
{
	int r;

	if ((r = annot_ui_mouse(ui, p, y, x, bstate)) != 0) /* click, drag: selection */
		return r;
	if (bstate & BUTTON4_PRESSED) {
		reader_scroll(&ui->rd, -3);
		return UI_HANDLED | UI_REDRAW;
	}
#ifdef BUTTON5_PRESSED
	if (bstate & BUTTON5_PRESSED) {
		reader_scroll(&ui->rd, 3);
		return UI_HANDLED | UI_REDRAW;
	}
#endif
	if (bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED)) {
		if (y >= 1 && y < p->h - 1) {
			long d = (long)(y - 1) - (long)ui->rd.cur_row;

			reader_move(&ui->rd, d);
		}
		return UI_HANDLED | UI_REDRAW;
	}
	return 0;
}

static void
read_resize(struct ui *ui, struct pane *p)
{
	struct layout_opts o = ui->lo;

	o.width = p->w - 2 > 0 ? p->w - 2 : 1;
	if (o.width != layout_get_opts(ui->lay)->width) {
		/* a fresh layout rather than layout_set_opts(): dropping the old cache visits every
		 * block (~150 ms on a 100 MB document); the old layout is freed in the background */
		struct layout *old = ui->lay;

		ui->lo = o;
		ui->lay = layout_new(ui->doc, &o);
		ui->rd.lay = ui->lay;
		ui_layout_retire(ui, old);
		reader_relayout(&ui->rd);
	}
	reader_set_height(&ui->rd, p->h - 2 > 0 ? (size_t)(p->h - 2) : 1);
}

static void
read_focus(struct ui *ui, struct pane *p, bool focused)
{
	(void)ui;
	(void)focused;
	p->dirty = true;
}

const struct pane_ops pane_read_ops = {
	.name = "reading",
	.ctx = KEYMAP_READER,
	.draw = read_draw,
	.key = read_key,
	.mouse = read_mouse,
	.resize = read_resize,
	.focus = read_focus,
};
