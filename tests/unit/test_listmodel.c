/* test_listmodel.c — scroll/selection invariants of the curses-free list model. */
#include "jingdu/listmodel.h"
#include "jingdu/util.h"
#include "tap.h"

static int
invariant(const struct listmodel *m)
{
	if (m->rows == 0)
		return m->sel == 0 && m->top == 0;
	return m->sel < m->rows && m->top <= m->sel && m->sel < m->top + (m->height ? m->height : 1);
}

int
main(void)
{
	struct listmodel m;
	size_t rows, h;
	long d;
	int bad = 0;

	listmodel_init(&m);
	listmodel_set_height(&m, 5);
	listmodel_move(&m, 3);
	ok(m.sel == 0 && m.top == 0, "empty list: moving keeps sel=top=0");
	is_int(listmodel_item_at(&m, 0), NPOS, "empty list: no item at row 0");

	listmodel_set_rows(&m, 20);
	listmodel_move(&m, 7);
	is_int(m.sel, 7, "move 7 selects item 7");
	is_int(m.top, 3, "the view scrolls so item 7 is the last visible row");
	listmodel_move(&m, -100);
	ok(m.sel == 0 && m.top == 0, "move far up clamps to the first item");
	listmodel_page(&m, 1);
	is_int(m.sel, 5, "page down moves by the height");
	listmodel_move(&m, 1000);
	ok(m.sel == 19 && m.top == 15, "move far down clamps to the last item, view full");
	listmodel_set_height(&m, 30);
	is_int(m.top, 0, "taller window: top goes back to 0 (no blank rows at the end)");
	listmodel_set_height(&m, 4);
	listmodel_select(&m, 10);
	ok(m.sel == 10 && m.top <= 10 && m.top + 4 > 10, "select 10 keeps it visible");
	listmodel_scroll(&m, 5);
	ok(m.sel >= m.top && invariant(&m), "scroll down drags the selection along (sel %zu top %zu)",
	   m.sel, m.top);
	is_int(listmodel_item_at(&m, 1), m.top + 1, "item_at row 1 is top+1");
	is_int(listmodel_item_at(&m, 4), NPOS, "item_at past the height is NPOS");
	listmodel_set_rows(&m, 3);
	ok(m.sel == 2 && m.top == 0, "shrinking the list clamps sel and top");

	/* exhaustive small cases: the invariant after every operation */
	for (rows = 0; rows < 12; rows++)
		for (h = 0; h < 7; h++)
			for (d = -13; d <= 13; d++) {
				listmodel_init(&m);
				listmodel_set_height(&m, h);
				listmodel_set_rows(&m, rows);
				listmodel_move(&m, d);
				bad += !invariant(&m);
				listmodel_scroll(&m, -d);
				bad += !invariant(&m);
				listmodel_page(&m, (int)(d % 3));
				bad += !invariant(&m);
				listmodel_set_height(&m, (size_t)(d < 0 ? -d : d) % 5);
				bad += !invariant(&m);
			}
	tap_diag("%s", tap_shared("") ? "shared/ present (unused here)" : "shared/ absent (unused here)");
	is_int(bad, 0, "invariant holds over 12x7x27 operation sequences");
	/* the moves every list shares */
	listmodel_init(&m);
	listmodel_set_height(&m, 5);
	listmodel_set_rows(&m, 20);
	is_int(listmodel_command(&m, CMD_LINE_DOWN), 1, "line-down moves down");
	is_int(m.sel, 1, "line-down: item 1");
	is_int(listmodel_command(&m, CMD_HALF_PAGE_DOWN), 1, "half-page-down moves down");
	is_int(m.sel, 6, "half-page-down: a page, to item 6");
	is_int(listmodel_command(&m, CMD_END), -1, "end: the direction is up (from the end)");
	is_int(m.sel, 19, "end: the last item");
	is_int(listmodel_command(&m, CMD_PAGE_UP), -1, "page-up moves up");
	is_int(m.sel, 14, "page-up: item 14");
	is_int(listmodel_command(&m, CMD_START), 1, "start: the direction is down (from the start)");
	is_int(m.sel, 0, "start: the first item");
	is_int(listmodel_command(&m, CMD_ACTIVATE), 0, "activate is not a move");
	is_int(m.sel, 0, "activate: nothing moved");
	return tap_done();
}
