/* test_selection.c — the reading pane's character cursor and selection: grapheme steps across
 * lines, joined source lines and paragraphs, word/sentence/paragraph motions, the column
 * mapping of a laid-out line, and the range a selection covers. */
#include <stdlib.h>
#include <string.h>

#include "jingdu/selection.h"
#include "jingdu/util.h"
#include "tap.h"

static size_t
find(const struct doc *d, const char *s)
{
	const char *p = strstr(d->text, s);

	return p ? (size_t)(p - d->text) : NPOS;
}

int
main(void)
{
	/* two paragraphs; the first is hard-wrapped (a source line break inside it); an emoji
	 * ZWJ sequence and a combining mark make multi-code-point graphemes */
	const char *src = "标题\n\n第一句话。第二句！“引号句。”后面\n接着 Latin words here. "
			  "x\xcc\x81\xcc\xa3t\xc3\xa9 ok\n\n"
			  "第二段开始。\n";
	struct doc *d = NULL;
	struct selection s = {0};
	size_t a, e, p, q, i;
	struct layout_opts o;
	struct layout *lay;
	struct layout_pos lp;
	const struct layout_line *l;

	if (doc_load_buffer(src, strlen(src), "t.txt", &d) != OK) {
		ok(0, "load");
		return tap_done();
	}
	p = find(d, "第一");
	is_int(sel_grapheme_next(d, p), p + 3, "l over a Han character: 3 bytes");
	is_int(sel_grapheme_prev(d, p + 3), p, "h back");
	/* across the source line break inside the paragraph: 面 → 接 (the \n is skipped) */
	p = find(d, "面\n接");
	is_int(sel_grapheme_next(d, p), p + 4, "l steps over a joined source line break");
	is_int(sel_grapheme_prev(d, p + 4), p, "h steps back over it");
	/* across paragraphs: the last grapheme of paragraph 1 → the first of paragraph 2 */
	p = find(d, "ok\n\n");
	q = find(d, "第二段");
	is_int(sel_grapheme_next(d, p + 1), q, "l from the end of a paragraph goes to the next");
	is_int(sel_grapheme_prev(d, q), p + 1, "h from the start of a paragraph goes back");
	/* a letter with two combining marks (no precomposed form, so NFC keeps three code
	 * points) is one step */
	p = find(d, "x\xcc"); /* NFC puts U+0323 before U+0301 */
	is_int(sel_grapheme_next(d, p), p + 5, "x + two combining marks is one grapheme");
	is_int(sel_grapheme_end(d, p), p + 5, "its end");
	is_int(sel_grapheme_prev(d, p + 5), p, "and one step back");
	/* the ends of the text */
	p = find(d, "。\n") + 0;
	p = find(d, "第二段开始。");
	q = p + strlen("第二段开始");
	is_int(sel_grapheme_next(d, q), q, "l at the last grapheme stays");
	is_int(sel_grapheme_prev(d, d->blocks[0].start), d->blocks[0].start,
	       "h at the first stays");

	/* selection: v at 第, six l: seven characters covered, like vim */
	p = find(d, "第一句话");
	sel_start(&s, p);
	for (i = 0; i < 6; i++)
		s.cursor = sel_grapheme_next(d, s.cursor);
	ok(sel_range(d, &s, &a, &e), "active selection has a range");
	is_int(a, p, "selection starts at the anchor");
	ok(e - a == strlen("第一句话。第二"), "covers the anchor and the cursor grapheme");
	/* backwards selection */
	s.anchor = find(d, "第二句");
	s.cursor = p;
	sel_range(d, &s, &a, &e);
	ok(a == p && e == find(d, "第二句") + 3, "a backward selection covers both ends");
	/* across lines and paragraphs */
	s.anchor = find(d, "后面");
	s.cursor = find(d, "第二段");
	sel_range(d, &s, &a, &e);
	ok(a == find(d, "后面") && e == find(d, "第二段") + 3, "a selection spans paragraphs");
	s.active = false;
	ok(!sel_range(d, &s, &a, &e), "no range when inactive");

	/* words */
	p = find(d, "Latin");
	is_int(sel_word_next(d, p), find(d, "words"), "w over a Latin word");
	is_int(sel_word_prev(d, find(d, "words")), p, "b back to it");
	p = find(d, "第一句话");
	is_int(sel_word_next(d, p), find(d, "。第二句"),
	       "w over a run of Han stops at punctuation");
	is_int(sel_word_next(d, find(d, "。第二句")), find(d, "第二句"), "w over punctuation");
	/* sentences */
	p = find(d, "第一句话");
	is_int(sel_sentence_next(d, p), find(d, "第二句"), ") to the next sentence");
	is_int(sel_sentence_next(d, find(d, "第二句")), find(d, "“引号句"), ") after ！");
	is_int(sel_sentence_next(d, find(d, "“引号句")), find(d, "后面"),
	       ") skips the closing quote");
	is_int(sel_sentence_next(d, find(d, "接着")), find(d, "x\xcc"), ") after '. '");
	is_int(sel_sentence_prev(d, find(d, "后面")), find(d, "“引号句"), "( back");
	is_int(sel_sentence_prev(d, find(d, "第二段")), find(d, "x\xcc"),
	       "( from a paragraph start goes into the previous paragraph");
	/* paragraphs */
	is_int(sel_paragraph_next(d, find(d, "第二句")), find(d, "第二段"),
	       "} to the next paragraph");
	is_int(sel_paragraph_prev(d, find(d, "第二段")), find(d, "第一句"), "{ to the previous");
	is_int(sel_paragraph_prev(d, find(d, "第二句")), find(d, "第一句"),
	       "{ to this paragraph's start");

	/* columns in a laid-out line (first-line indent of 4 columns) */
	layout_opts_default(&o);
	o.width = 20;
	lay = layout_new(d, &o);
	p = find(d, "第一句");
	lp = layout_pos_at(lay, p);
	l = layout_line_at(lay, lp);
	ok(l != NULL, "line of the first paragraph");
	if (l) {
		is_int(sel_line_col(lay, l, p), l->indent,
		       "the first character is after the indent");
		is_int(sel_line_col(lay, l, p + 3), l->indent + 2, "a Han character is 2 columns");
		is_int(sel_line_off(lay, l, l->indent + 3), p + 3, "column inside a wide cell");
		is_int(sel_line_off(lay, l, 0), p, "a column in the indent is the first cell");
		ok(sel_line_last(lay, l) < l->end && sel_line_last(lay, l) >= l->start,
		   "the last cell is on the line");
	}
	layout_free(lay);
	doc_free(d);

	/* the whole sample: l from the start to the end and h back visit the same positions,
	 * each shown inside a block, never on a line break */
	{
		const char *path = tap_shared("samples/deepseek-bigtech.zh.txt");
		size_t n = 0, bad = 0, *pos = NULL, cap = 0;

		if (!path || doc_load_file(path, &d) != OK) {
			tap_diag("skipped: shared sample absent");
			return tap_done();
		}
		p = sel_visible(d, 0);
		for (;;) {
			pos = xgrow(pos, &cap, n + 1, sizeof(*pos));
			pos[n++] = p;
			if (d->text[p] == '\n')
				bad++;
			q = sel_grapheme_next(d, p);
			if (q == p)
				break;
			p = q;
		}
		is_int(bad, 0, "no stop on a line break in the sample (%zu stops)", n);
		for (i = n; i-- > 1;)
			if (sel_grapheme_prev(d, pos[i]) != pos[i - 1])
				bad++;
		is_int(bad, 0, "h retraces l over the whole sample");
		free(pos);
		doc_free(d);
	}
	return tap_done();
}
