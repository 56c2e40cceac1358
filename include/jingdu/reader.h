/* reader.h — the reading pane's model, curses-free: which laid-out line is at the top of the
 * view, which line holds the cursor, and how keys move them. The place is kept as byte offsets
 * (top_off, cur_off), so a new width or a new height (resize, toggled panes) never loses it:
 * reader_relayout() finds the lines again through layout_pos_at().
 *
 * Invariant after every call: the cursor line is one of the `height` lines shown from top, and
 * the view never starts past the point where the last line of the document is at the bottom
 * (unless the whole document is shorter than the view).
 * Lifetime: borrows the layout and the doc; the owner frees them after the reader. */
#ifndef JINGDU_READER_H
#define JINGDU_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "jingdu/doc.h"
#include "jingdu/layout.h"

struct reader {
	struct layout *lay;
	const struct doc *doc;
	size_t height;         /* rows shown (0 treated as 1) */
	struct layout_pos top; /* first line shown */
	struct layout_pos cur; /* the cursor line */
	size_t cur_row;        /* cursor line's row in the view: 0 .. height-1 */
	size_t top_off;        /* byte offset at the start of the top line */
	size_t cur_off;        /* byte offset of the cursor (within the cursor line) */
	size_t scroll_off;     /* lines kept between the cursor and the edge it moves towards
				* (vim's scrolloff; at most half the view; 0 after reader_init) */
};

void reader_init(struct reader *r, struct layout *lay, const struct doc *d);
/* New number of rows: keeps the top line and the cursor (scrolling if it fell off). */
void reader_set_height(struct reader *r, size_t height);
/* After layout_set_opts(): find top and cursor again from their byte offsets. */
void reader_relayout(struct reader *r);
/* Move the cursor by n lines (negative: up), scrolling at the edges: the view scrolls when the
 * cursor comes within scroll_off lines of the edge it moves towards (unless the document's start
 * or end is shown). Jumps (reader_goto*, start, end) place lines as they say, without margin. */
void reader_move(struct reader *r, long n);
/* Scroll the view by n lines; the cursor stays on its line while it is at least scroll_off
 * lines inside the view, else it moves with the view. */
void reader_scroll(struct reader *r, long n);
/* Page down/up: the view and the cursor move by height-1 lines (one line of context). */
void reader_page(struct reader *r, int pages);
/* Put the cursor on the line that shows byte offset off; that line goes `context` rows below
 * the top of the view (clamped) unless it is already visible. */
void reader_goto(struct reader *r, size_t off, size_t context);
/* Put the cursor on the line of off and that line at the top of the view (section jumps). */
void reader_goto_top(struct reader *r, size_t off);
void reader_start(struct reader *r);
void reader_end(struct reader *r);
/* Byte offset after the last line shown (for the percentage). */
size_t reader_view_end(struct reader *r);
/* 0..100: how far the bottom of the view is into the document. */
int reader_percent(struct reader *r);

#endif
