/* noteedit.h — the one-line text editor of notes, curses-free: a UTF-8 buffer and a cursor
 * that moves and deletes by grapheme cluster (so a CJK character, an emoji sequence or a
 * letter with combining marks goes in one step), insertion of typed or pasted text, and the
 * horizontal scrolling that keeps the cursor visible in a field of a given width. The UI
 * draws it and feeds it keys; the text never leaves the editor until the caller takes it, so
 * a failed save keeps it for another try. */
#ifndef JINGDU_NOTEEDIT_H
#define JINGDU_NOTEEDIT_H

#include <stdbool.h>
#include <stddef.h>

struct noteedit {
	char *s;    /* UTF-8, NUL-terminated, owned */
	size_t len; /* bytes */
	size_t cap;
	size_t cur; /* byte offset of the cursor, at a grapheme boundary */
};

/* Start with text (NULL = empty), cursor at the end. */
void noteedit_init(struct noteedit *e, const char *text);
void noteedit_fini(struct noteedit *e);
/* Replace the whole text (cursor at the end). */
void noteedit_set(struct noteedit *e, const char *text);
/* Insert n bytes of UTF-8 at the cursor (invalid bytes become U+FFFD; C0/C1 controls are
 * dropped except tab, which becomes a space, and newline, kept as typed in $EDITOR but turned
 * into a space when pasted into the line). The cursor goes after the text. */
void noteedit_insert(struct noteedit *e, const char *s, size_t n);
/* One code point (a key). */
void noteedit_insert_cp(struct noteedit *e, unsigned cp);
/* Cursor movement; false when it could not move. */
bool noteedit_left(struct noteedit *e);
bool noteedit_right(struct noteedit *e);
void noteedit_home(struct noteedit *e);
void noteedit_end(struct noteedit *e);
/* Deletion: the grapheme before / under the cursor, everything before the cursor, the word
 * (spaces, then non-spaces) before the cursor. false when nothing was deleted. */
bool noteedit_backspace(struct noteedit *e);
bool noteedit_delete(struct noteedit *e);
bool noteedit_kill_start(struct noteedit *e);
bool noteedit_kill_word(struct noteedit *e);

/* Horizontal scrolling: which byte to start drawing at so that the cursor is visible in a
 * field of width columns, given width_fn (display columns of a UTF-8 string); *col receives
 * the cursor's column in the field. *first is kept when the cursor is still visible from it
 * (pass the previous value, 0 at first). */
void noteedit_view(const struct noteedit *e, int width, int (*width_fn)(const char *, size_t),
		   size_t *first, int *col);

#endif
