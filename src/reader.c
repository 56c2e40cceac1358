/* reader.c — top line, cursor line and their movement over the layout (see reader.h). */
#include "jingdu/reader.h"

static size_t
rd_height(const struct reader *r)
{
	return r->height ? r->height : 1;
}

static size_t
rd_line_off(struct reader *r, struct layout_pos p)
{
	const struct layout_line *l = layout_line_at(r->lay, p);

	return l ? l->start : 0;
}

static bool
rd_pos_eq(struct layout_pos a, struct layout_pos b)
{
	return a.block == b.block && a.line == b.line;
}

/* Can the view start at p and still be full? i.e. are there height-1 lines after p. */
static bool
rd_full_from(struct reader *r, struct layout_pos p)
{
	size_t i;

	for (i = 1; i < rd_height(r); i++)
		if (!layout_pos_next(r->lay, &p))
			return false;
	return true;
}

/* The top that puts the last line of the document at the bottom of the view. */
static struct layout_pos
rd_last_top(struct reader *r)
{
	struct layout_pos p = {0, 0};
	size_t i, n = 0;

	if (r->doc->n_blocks == 0)
		return p;
	p.block = r->doc->n_blocks - 1;
	layout_block_lines(r->lay, p.block, &n);
	p.line = n ? n - 1 : 0;
	for (i = 1; i < rd_height(r); i++)
		if (!layout_pos_prev(r->lay, &p))
			break;
	return p;
}

static bool
rd_before(struct layout_pos a, struct layout_pos b)
{
	return a.block < b.block || (a.block == b.block && a.line < b.line);
}

static void
rd_sync(struct reader *r)
{
	r->top_off = rd_line_off(r, r->top);
}

/* Recompute cur_row from top and cur (cur must be at or after top). */
static void
rd_fix(struct reader *r)
{
	struct layout_pos p = r->top;
	size_t row = 0, h = rd_height(r);
	struct layout_pos last = rd_last_top(r);

	if (rd_before(r->cur, r->top))
		r->top = r->cur;
	/* cursor below the view: scroll so it is the last row */
	for (;;) {
		p = r->top;
		row = 0;
		while (!rd_pos_eq(p, r->cur) && row < h && layout_pos_next(r->lay, &p))
			row++;
		if (rd_pos_eq(p, r->cur) && row < h)
			break;
		/* move top down by the overshoot */
		if (!layout_pos_next(r->lay, &r->top))
			break;
	}
	/* never leave blank rows at the bottom when the document could fill them */
	if (rd_before(last, r->top)) {
		r->top = last;
		p = r->top;
		row = 0;
		while (!rd_pos_eq(p, r->cur) && layout_pos_next(r->lay, &p))
			row++;
	}
	r->cur_row = row < h ? row : h - 1;
	rd_sync(r);
}

/* scroll_off, at most half the view */
static size_t
rd_margin(const struct reader *r)
{
	size_t h = rd_height(r);

	return r->scroll_off < (h - 1) / 2 ? r->scroll_off : (h - 1) / 2;
}

/* After the cursor moved towards the bottom (dir > 0) or the top (dir < 0): scroll so that
 * scroll_off lines stay between it and that edge, as far as the document goes. */
static void
rd_keep_margin(struct reader *r, int dir)
{
	size_t m = rd_margin(r), h = rd_height(r);
	struct layout_pos last;

	if (m == 0)
		return;
	if (dir < 0) {
		while (r->cur_row < m && layout_pos_prev(r->lay, &r->top))
			r->cur_row++;
	} else {
		last = rd_last_top(r);
		while (r->cur_row + m > h - 1 && rd_before(r->top, last) &&
		       layout_pos_next(r->lay, &r->top))
			r->cur_row--;
	}
	rd_sync(r);
}

void
reader_init(struct reader *r, struct layout *lay, const struct doc *d)
{
	r->lay = lay;
	r->doc = d;
	r->height = 1;
	r->top.block = r->top.line = 0;
	r->cur = r->top;
	r->cur_row = 0;
	r->top_off = r->cur_off = 0;
	if (d->n_blocks) {
		r->top_off = r->cur_off = d->blocks[0].start;
	}
}

void
reader_set_height(struct reader *r, size_t height)
{
	r->height = height;
	rd_fix(r);
}

void
reader_relayout(struct reader *r)
{
	if (r->doc->n_blocks == 0)
		return;
	r->top = layout_pos_at(r->lay, r->top_off);
	r->cur = layout_pos_at(r->lay, r->cur_off);
	if (rd_before(r->cur, r->top))
		r->top = r->cur;
	r->top_off = rd_line_off(r, r->top);
	rd_fix(r);
	/* keep the old top offset: rd_fix may have moved top only to keep the cursor shown */
}

void
reader_move(struct reader *r, long n)
{
	int dir = n > 0 ? 1 : n < 0 ? -1 : 0;

	for (; n > 0; n--)
		if (!layout_pos_next(r->lay, &r->cur))
			break;
	for (; n < 0; n++)
		if (!layout_pos_prev(r->lay, &r->cur))
			break;
	r->cur_off = rd_line_off(r, r->cur);
	rd_fix(r);
	if (dir)
		rd_keep_margin(r, dir);
}

void
reader_scroll(struct reader *r, long n)
{
	size_t h = rd_height(r);
	long row = (long)r->cur_row;

	for (; n > 0; n--) {
		if (!rd_full_from(r, r->top))
			break;
		{
			struct layout_pos t = r->top;

			if (!layout_pos_next(r->lay, &t) || !rd_full_from(r, t))
				break;
			r->top = t;
		}
		row--;
	}
	for (; n < 0; n++) {
		if (!layout_pos_prev(r->lay, &r->top))
			break;
		row++;
	}
	/* keep the cursor inside the view, scroll_off lines from an edge the view can move past */
	{
		struct layout_pos t = r->top, last = rd_last_top(r);
		long m = (long)rd_margin(r);
		long lo = layout_pos_prev(r->lay, &t) ? m : 0;
		long hi = rd_before(r->top, last) ? (long)h - 1 - m : (long)h - 1;
		long want = row < lo ? lo : row > hi ? hi : row, i;

		if (want != row) {
			r->cur = r->top;
			for (i = 0; i < want; i++)
				layout_pos_next(r->lay, &r->cur);
			r->cur_off = rd_line_off(r, r->cur);
		}
	}
	rd_fix(r);
}

void
reader_page(struct reader *r, int pages)
{
	long step = (long)rd_height(r) > 1 ? (long)rd_height(r) - 1 : 1;
	struct layout_pos before = r->top;

	reader_scroll(r, step * pages);
	if (rd_pos_eq(before, r->top))
		reader_move(r, step * pages); /* at an end: move the cursor instead */
}

void
reader_goto(struct reader *r, size_t off, size_t context)
{
	struct layout_pos p, t;
	size_t i, h = rd_height(r);
	bool visible = false;

	if (r->doc->n_blocks == 0)
		return;
	if (off > r->doc->len)
		off = r->doc->len;
	p = layout_pos_at(r->lay, off);
	t = r->top;
	for (i = 0; i < h; i++) {
		if (rd_pos_eq(t, p)) {
			visible = true;
			break;
		}
		if (!layout_pos_next(r->lay, &t))
			break;
	}
	r->cur = p;
	r->cur_off = off;
	if (!visible) {
		if (context >= h)
			context = h - 1;
		r->top = p;
		for (i = 0; i < context; i++)
			if (!layout_pos_prev(r->lay, &r->top))
				break;
	}
	rd_fix(r);
}

void
reader_goto_top(struct reader *r, size_t off)
{
	if (r->doc->n_blocks == 0)
		return;
	if (off > r->doc->len)
		off = r->doc->len;
	r->cur = r->top = layout_pos_at(r->lay, off);
	r->cur_off = off;
	rd_fix(r);
}

void
reader_start(struct reader *r)
{
	if (r->doc->n_blocks)
		reader_goto_top(r, r->doc->blocks[0].start);
}

void
reader_end(struct reader *r)
{
	size_t n = 0;

	if (r->doc->n_blocks == 0)
		return;
	r->cur.block = r->doc->n_blocks - 1;
	layout_block_lines(r->lay, r->cur.block, &n);
	r->cur.line = n ? n - 1 : 0;
	r->cur_off = rd_line_off(r, r->cur);
	r->top = rd_last_top(r);
	rd_fix(r);
}

size_t
reader_view_end(struct reader *r)
{
	struct layout_pos p = r->top;
	const struct layout_line *l;
	size_t i;

	for (i = 1; i < rd_height(r); i++)
		if (!layout_pos_next(r->lay, &p))
			break;
	l = layout_line_at(r->lay, p);
	return l ? l->end : 0;
}

int
reader_percent(struct reader *r)
{
	size_t end;
	struct layout_pos p = r->top;
	size_t i;

	if (r->doc->len == 0)
		return 100;
	for (i = 1; i < rd_height(r); i++)
		if (!layout_pos_next(r->lay, &p))
			return 100; /* the end of the document is shown */
	if (!layout_pos_next(r->lay, &p))
		return 100;
	end = reader_view_end(r);
	if (end >= r->doc->len)
		return 100;
	return (int)((double)end * 100.0 / (double)r->doc->len);
}
