/* test_outline.c — folding the sections outline: rows shown, the row of a hidden section,
 * sections without subsections, nested folds. */
#include <string.h>

#include "jingdu/outline.h"
#include "tap.h"

static const char TEXT[] = "标题\n\n导语的一段。\n\n"
			   "# 一\n\n正文。\n\n## 一之一\n\n正文。\n\n### 一之一之一\n\n正文。\n\n"
			   "## 一之二\n\n正文。\n\n# 二\n\n正文。\n\n## 二之一\n\n正文。\n";

static const char *
title_at(const struct outline *o, size_t row)
{
	size_t s = outline_section_at(o, row);

	return s == NPOS ? "(none)" : o->doc->sections[s].title;
}

int
main(void)
{
	struct doc *d = NULL;
	struct outline o;
	size_t i;

	if (doc_load_buffer(TEXT, strlen(TEXT), "t.txt", &d) != OK || !d) {
		ok(0, "the test document loads");
		return tap_done();
	}
	is_int(d->n_sections, 7, "lead + 6 headings");
	outline_init(&o, d);
	is_int(o.n_rows, 7, "nothing folded: every section is a row");
	for (i = 0; i < d->n_sections; i++)
		if (outline_row_of(&o, i) != i || outline_section_at(&o, i) != i)
			break;
	is_int(i, d->n_sections, "nothing folded: row i is section i");
	ok(!outline_has_children(&o, 0), "the lead has no subsections");
	ok(outline_has_children(&o, 1) && outline_has_children(&o, 2) && !outline_has_children(&o, 3),
	   "一 and 一之一 have subsections, 一之一之一 has none");
	ok(!outline_toggle(&o, 3), "a section without subsections does not fold");
	ok(!outline_toggle(&o, 99), "an unknown section does not fold");

	ok(outline_toggle(&o, 1), "fold 一");
	is_int(o.n_rows, 4, "一 folded: lead, 一, 二, 二之一");
	is_str(title_at(&o, 1), "一", "row 1 is 一");
	is_str(title_at(&o, 2), "二", "row 2 is 二");
	is_int(outline_row_of(&o, 3), 1, "a hidden section (一之一之一) shows on its folded ancestor's row");
	is_int(outline_row_of(&o, 4), 1, "一之二 too");
	is_int(outline_row_of(&o, 5), 2, "二 is on row 2");
	is_int(outline_section_at(&o, 4), NPOS, "past the last row: none");

	ok(outline_toggle(&o, 2), "fold 一之一 (hidden) as well");
	ok(outline_toggle(&o, 1), "unfold 一");
	is_int(o.n_rows, 6, "一 unfolded, 一之一 still folded: its child stays hidden");
	is_int(outline_row_of(&o, 3), 2, "一之一之一 shows on 一之一's row");
	is_str(title_at(&o, 3), "一之二", "row 3 is 一之二");
	ok(outline_toggle(&o, 2), "unfold 一之一");
	is_int(o.n_rows, 7, "all shown again");
	is_int(outline_row_of(&o, 99), NPOS, "an unknown section has no row");
	outline_fini(&o);
	doc_free(d);
	return tap_done();
}
