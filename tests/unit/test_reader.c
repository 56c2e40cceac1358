/* test_reader.c — the reading pane model: cursor and view movement over the real layout, and the
 * place kept across width and height changes. */
#include <stdlib.h>
#include <string.h>

#include "jingdu/reader.h"
#include "jingdu/util.h"
#include "tap.h"

static int
line_has(struct reader *r, struct layout_pos p, size_t off)
{
	const struct layout_line *l = layout_line_at(r->lay, p);

	return l && l->start <= off && (off < l->end || (l->start == l->end && off == l->start));
}

static size_t
row_of(struct reader *r)
{
	struct layout_pos p = r->top;
	size_t row = 0;

	while (!(p.block == r->cur.block && p.line == r->cur.line) && layout_pos_next(r->lay, &p))
		row++;
	return row;
}

int
main(void)
{
	struct buf b;
	struct doc *d = NULL;
	struct layout_opts o;
	struct layout *lay;
	struct reader r;
	size_t i, off, target;
	int bad = 0;
	const char *path;

	buf_init(&b);
	buf_adds(&b, "标题\n\n");
	for (i = 0; i < 60; i++)
		buf_addf(&b, "第%zu段。中文段落的内容，用来测试阅读位置在改变宽度以后仍然保持不变。"
			     "Latin words mixed in paragraph %zu.\n\n", i, i);
	if (doc_load_buffer(b.s, b.len, "t.txt", &d) != OK) {
		ok(0, "load test document");
		return tap_done();
	}
	layout_opts_default(&o);
	o.width = 30;
	lay = layout_new(d, &o);
	reader_init(&r, lay, d);
	reader_set_height(&r, 10);
	is_int(r.cur_row, 0, "starts with the cursor on the top row");
	is_int(reader_percent(&r) < 100, 1, "a long document is not 100%% at the start");
	reader_move(&r, 5);
	is_int(r.cur_row, 5, "cursor moves down 5 rows without scrolling");
	ok(r.top.block == 0 && r.top.line == 0, "the view did not scroll");
	reader_move(&r, 10);
	is_int(r.cur_row, 9, "moving past the bottom keeps the cursor on the last row");
	ok(r.top.block != 0 || r.top.line != 0, "and scrolls the view");
	reader_move(&r, -100);
	ok(r.cur_row == 0 && r.top.block == 0 && r.top.line == 0, "moving far up returns to the top");
	reader_page(&r, 1);
	is_int(r.cur_row, 0, "page down keeps the cursor row");
	is_int(row_of(&r), r.cur_row, "cur_row agrees with the layout");
	reader_end(&r);
	is_int(reader_percent(&r), 100, "G: 100%%");
	is_int(r.cur_row, 9, "G: cursor on the last row of a full view");
	{
		struct layout_pos p = r.cur;

		ok(!layout_pos_next(lay, &p), "G: cursor on the last line of the document");
	}
	reader_page(&r, 1);
	is_int(reader_percent(&r), 100, "page down at the end stays at the end");
	reader_start(&r);
	ok(r.top.block == 0 && r.top.line == 0 && r.cur_row == 0, "g: back to the start");

	/* the place survives width changes: the cursor's offset stays on the cursor line */
	target = strstr(d->text, "第37段") - d->text;
	reader_goto_top(&r, target);
	ok(line_has(&r, r.cur, target), "goto_top: cursor line shows the target offset");
	is_int(r.cur_row, 0, "goto_top: the target line is at the top");
	for (i = 1; i <= 80; i += 3) {
		o.width = (int)i;
		layout_set_opts(lay, &o);
		reader_relayout(&r);
		bad += !line_has(&r, r.cur, target);
		bad += row_of(&r) != r.cur_row;
		reader_set_height(&r, 1 + i % 13);
		bad += !line_has(&r, r.cur, target);
		bad += r.cur_row >= r.height;
	}
	is_int(bad, 0, "widths 1..80 and heights 1..13: the cursor stays on the target text");
	o.width = 30;
	layout_set_opts(lay, &o);
	reader_relayout(&r);
	reader_set_height(&r, 10);
	off = strstr(d->text, "第12段") - d->text;
	reader_goto(&r, off, 3);
	ok(line_has(&r, r.cur, off), "goto: cursor on the line of the offset");
	is_int(r.cur_row, 3, "goto: three rows of context above");
	reader_goto(&r, off + 3, 3);
	is_int(r.cur_row, 3, "goto within the view does not scroll");
	reader_scroll(&r, 2);
	is_int(r.cur_row, 1, "scrolling down 2 keeps the cursor on its line (row 3 -> 1)");
	reader_scroll(&r, 5);
	is_int(r.cur_row, 0, "scrolling further drags the cursor along");

	/* scroll_off: margins towards the edge the cursor moves to, none at the document's ends */
	r.scroll_off = 2;
	reader_start(&r);
	reader_move(&r, 7);
	is_int(r.cur_row, 7, "scroll_off 2: moving down to row 7 of 10 does not scroll");
	ok(r.top.block == 0 && r.top.line == 0, "scroll_off 2: the view is still at the start");
	reader_move(&r, 1);
	is_int(r.cur_row, 7, "scroll_off 2: one more line scrolls, two lines stay below the cursor");
	is_int(row_of(&r), r.cur_row, "scroll_off 2: cur_row agrees with the layout");
	reader_move(&r, -4);
	is_int(r.cur_row, 3, "scroll_off 2: moving up inside the view does not scroll");
	reader_move(&r, -2);
	is_int(r.cur_row, 2, "scroll_off 2: two lines stay above the cursor moving up");
	reader_move(&r, -100);
	ok(r.cur_row == 0 && r.top.block == 0 && r.top.line == 0,
	   "scroll_off 2: at the document's start the cursor reaches the top row");
	reader_end(&r);
	is_int(r.cur_row, 9, "scroll_off 2: G puts the cursor on the last row");
	reader_move(&r, -1);
	is_int(r.cur_row, 8, "scroll_off 2: at the document's end no margin is forced moving up");
	reader_start(&r);
	reader_scroll(&r, 1);
	is_int(r.cur_row, 2, "scroll_off 2: scrolling down drags the cursor to two lines below the top");
	reader_scroll(&r, -1);
	is_int(r.cur_row, 3, "scroll_off 2: scrolling back keeps the cursor on its line");
	target = strstr(d->text, "第20段") - d->text;
	reader_goto_top(&r, target);
	is_int(r.cur_row, 0, "scroll_off 2: a section jump still puts its line at the top");
	r.scroll_off = 20;
	reader_goto_top(&r, target);
	reader_move(&r, 6);
	is_int(r.cur_row, 5, "scroll_off 20 is at most half the view: 4 lines below the cursor of 10");
	r.scroll_off = 0;

	/* a document shorter than the view */
	layout_free(lay);
	doc_free(d);
	d = NULL;
	doc_load_buffer("短。\n", strlen("短。\n"), "s.txt", &d);
	lay = layout_new(d, &o);
	reader_init(&r, lay, d);
	reader_set_height(&r, 20);
	reader_move(&r, 50);
	reader_page(&r, 3);
	reader_end(&r);
	ok(r.top.block == 0 && r.top.line == 0, "short document: the view never scrolls");
	is_int(reader_percent(&r), 100, "short document: 100%%");
	layout_free(lay);
	doc_free(d);

	path = tap_shared("samples/deepseek-bigtech.zh.txt");
	if (!path)
		tap_diag("skipped: shared sample absent");
	else if (doc_load_file(path, &d) == OK) {
		o.width = 50;
		lay = layout_new(d, &o);
		reader_init(&r, lay, d);
		reader_set_height(&r, 30);
		for (i = 0; i < d->n_sections; i++) {
			reader_goto_top(&r, d->sections[i].start);
			bad += doc_section_at(d, r.cur_off) != i;
		}
		is_int(bad, 0, "sample: jumping to each section puts the cursor in it");
		layout_free(lay);
		doc_free(d);
	}
	buf_fini(&b);
	return tap_done();
}
