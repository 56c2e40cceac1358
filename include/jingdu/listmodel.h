/* listmodel.h — scroll and selection state of a list shown in a window of `height` rows:
 * which row is selected and which row is at the top. Curses-free (the sections and entities
 * panes draw from it; unit tests drive it). Invariant after every call: when rows > 0,
 * 0 <= sel < rows and top <= sel < top + height; when rows == 0, sel == top == 0. */
#ifndef JINGDU_LISTMODEL_H
#define JINGDU_LISTMODEL_H

#include <stddef.h>

#include "jingdu/cmd.h"

struct listmodel {
	size_t rows;   /* number of items */
	size_t height; /* visible rows (>= 1 when drawn; 0 is treated as 1) */
	size_t top;    /* first visible item */
	size_t sel;    /* selected item */
};

void listmodel_init(struct listmodel *m);
/* Change the item count or the height; keeps the selection where possible. */
void listmodel_set_rows(struct listmodel *m, size_t rows);
void listmodel_set_height(struct listmodel *m, size_t height);
/* Move the selection by delta rows (clamped), by pages, or to an item; scroll to keep it shown. */
void listmodel_move(struct listmodel *m, long delta);
void listmodel_page(struct listmodel *m, int pages);
void listmodel_select(struct listmodel *m, size_t item);
/* The moves every list makes for a command: a line, a page (half pages move a page), the
 * first or the last item. Returns the direction of the move (1 down, -1 up), 0 when c is not
 * one of them (nothing changed). */
int listmodel_command(struct listmodel *m, enum cmd c);
/* Scroll the view by delta rows without moving the selection off screen (it follows). */
void listmodel_scroll(struct listmodel *m, long delta);
/* Item shown at visible row y, or NPOS-like (size_t)-1 when y is past the end. */
size_t listmodel_item_at(const struct listmodel *m, size_t y);

#endif
