/* test_noteedit.c — the note line editor: editing by grapheme over wide characters, paste,
 * controls, and horizontal scrolling. */
#include <stdlib.h>
#include <string.h>

#include "jingdu/layout.h"
#include "jingdu/noteedit.h"
#include "jingdu/util.h"
#include "tap.h"

static int
width_of(const char *s, size_t n)
{
	size_t i = 0;
	int w = 0;

	while (i < n) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);

		if (k <= 0)
			k = 1;
		w += layout_cp_width(cp, 1);
		i += (size_t)k;
	}
	return w;
}

int
main(void)
{
	struct noteedit e;
	size_t first = 0;
	int col = 0;

	noteedit_init(&e, NULL);
	is_str(e.s, "", "starts empty");
	ok(!noteedit_backspace(&e), "backspace on empty does nothing");
	noteedit_insert(&e, "重要的观点", strlen("重要的观点"));
	is_str(e.s, "重要的观点", "typed CJK text");
	is_int(e.cur, 15, "cursor after it");
	ok(noteedit_backspace(&e), "backspace");
	is_str(e.s, "重要的观", "backspace removes a whole CJK character (3 bytes)");
	noteedit_left(&e);
	noteedit_left(&e);
	is_int(e.cur, 6, "left twice: 2 characters back");
	noteedit_insert_cp(&e, 0x4e0d); /* 不 */
	is_str(e.s, "重要不的观", "insert in the middle");
	ok(noteedit_delete(&e), "delete under the cursor");
	is_str(e.s, "重要不观", "delete removed 的");
	noteedit_home(&e);
	ok(!noteedit_left(&e), "left at the start does not move");
	ok(noteedit_right(&e), "right");
	is_int(e.cur, 3, "right steps over a CJK character");
	noteedit_end(&e);
	/* a combining sequence and an emoji ZWJ sequence are deleted as one */
	noteedit_insert(&e, "e\xcc\x81", 3); /* not normalized: typed */
	noteedit_backspace(&e);
	is_str(e.s, "重要不观", "backspace removes e + combining acute at once");
	noteedit_insert(&e, "x\xcc\x81\xcc\xa3", 5);
	noteedit_left(&e);
	is_int(e.cur, strlen("重要不观"),
	       "left over a letter with two combining marks in one step");
	noteedit_end(&e);
	noteedit_backspace(&e);
	is_str(e.s, "重要不观", "and backspace removes it in one");
	noteedit_insert(&e, "한국", strlen("한국"));
	noteedit_backspace(&e);
	is_str(e.s, "重要不观한", "backspace over a Hangul syllable");
	noteedit_backspace(&e);
	/* paste: newline and tab become spaces, controls dropped, invalid bytes U+FFFD */
	noteedit_insert(&e, "a\nb\tc\x1b[0m\xff", 10);
	is_str(e.s, "重要不观a b c[0m\xef\xbf\xbd", "paste sanitized");
	/* kill word, kill start */
	noteedit_set(&e, "one two  三四");
	ok(noteedit_kill_word(&e), "C-w");
	is_str(e.s, "one two  ", "C-w removed the last word");
	noteedit_kill_word(&e);
	is_str(e.s, "one ", "C-w removes spaces then a word");
	noteedit_set(&e, "abc");
	e.cur = 2;
	noteedit_kill_start(&e);
	is_str(e.s, "c", "C-u removes up to the cursor");
	is_int(e.cur, 0, "cursor at the start");
	/* set keeps newlines (a note from $EDITOR) */
	noteedit_set(&e, "line1\nline2");
	is_str(e.s, "line1\nline2", "set keeps newlines");
	/* scrolling: 30 CJK characters (60 columns) in a 20-column field */
	noteedit_set(&e, "");
	{
		int i;

		for (i = 0; i < 30; i++)
			noteedit_insert_cp(&e, 0x4e00 + (unsigned)i);
	}
	noteedit_view(&e, 20, width_of, &first, &col);
	ok(col <= 19, "the cursor is inside the field (col %d)", col);
	is_int(width_of(e.s + first, e.cur - first), col,
	       "the column is the width before the cursor");
	ok(first % 3 == 0 && first > 0, "scrolled to a character boundary");
	noteedit_home(&e);
	noteedit_view(&e, 20, width_of, &first, &col);
	ok(first == 0 && col == 0, "home scrolls back");
	/* a paragraph of the sample pasted, then removed by backspace one grapheme at a time */
	{
		const char *path = tap_shared("samples/deepseek-bigtech.zh.txt");
		char *text = NULL;
		size_t len = 0, nl, n = 0;

		if (!path || read_file(path, &text, &len) != OK) {
			tap_diag("skipped: shared sample absent");
		} else {
			char *para = strchr(text, '\n') + 1;

			nl = (size_t)(strchr(para, '\n') - para);
			noteedit_set(&e, "");
			noteedit_insert(&e, para, nl);
			is_int(e.len, nl, "a pasted paragraph of the sample is kept byte for byte");
			while (noteedit_backspace(&e))
				n++;
			ok(e.len == 0 && n > 0 && n <= utf8_count(para, nl),
			   "backspace emptied it in %zu steps", n);
			free(text);
		}
	}
	noteedit_fini(&e);
	return tap_done();
}
