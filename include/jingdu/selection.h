/* selection.h — the reading pane's character cursor and selection, curses-free. Owns the
 * cursor motions over a document's text (grapheme, word, sentence, paragraph), the mapping
 * between a byte offset and a display column inside a laid-out line, and the byte range a
 * selection covers. Every offset returned is the start of a grapheme cluster that the reading
 * pane shows inside a block: source line breaks inside a paragraph and the blank lines between
 * blocks are stepped over, so the cursor never sits on something invisible.
 *
 * A selection is (anchor, cursor), both offsets of graphemes; like vim's `v` it covers both
 * ends: [min, end of the grapheme at max). */
#ifndef JINGDU_SELECTION_H
#define JINGDU_SELECTION_H

#include <stdbool.h>
#include <stddef.h>

#include "jingdu/doc.h"
#include "jingdu/layout.h"

/* Next / previous visible grapheme start; off itself at the ends of the text. */
size_t sel_grapheme_next(const struct doc *d, size_t off);
size_t sel_grapheme_prev(const struct doc *d, size_t off);
/* The end of the grapheme that starts at off (off when at the end of the text). */
size_t sel_grapheme_end(const struct doc *d, size_t off);
/* off moved forward to a visible grapheme start (itself when it is one). */
size_t sel_visible(const struct doc *d, size_t off);

/* Word motions (vim's w / b): a word is a run of one class: Latin letters and digits, Han,
 * hiragana, katakana, Hangul, or punctuation; spaces separate. Without a word segmenter a run
 * of Han characters is one word, up to the next punctuation mark (as in vim). */
size_t sel_word_next(const struct doc *d, size_t off);
size_t sel_word_prev(const struct doc *d, size_t off);
/* Sentence motions: a sentence ends after 。！？!? (and . followed by a space), plus any
 * closing quotes or brackets, or at the end of a block. */
size_t sel_sentence_next(const struct doc *d, size_t off);
size_t sel_sentence_prev(const struct doc *d, size_t off);
/* Paragraph motions: the start of the next block / of this block (or the previous one when
 * already at its start). */
size_t sel_paragraph_next(const struct doc *d, size_t off);
size_t sel_paragraph_prev(const struct doc *d, size_t off);

/* Display column (indent included) of byte offset off in line l (the column of the cell that
 * holds off; the line's width when off is at or past its end). */
int sel_line_col(struct layout *lay, const struct layout_line *l, size_t off);
/* Byte offset of the cell at display column col of line l (the last cell when col is past the
 * end; l->start for an empty line). */
size_t sel_line_off(struct layout *lay, const struct layout_line *l, int col);
/* The last cell's start of line l (l->start when empty). */
size_t sel_line_last(struct layout *lay, const struct layout_line *l);

struct selection {
	bool active;
	size_t anchor, cursor;
};

void sel_start(struct selection *s, size_t at);
/* [*start, *end) covered by an active selection; false when not active. */
bool sel_range(const struct doc *d, const struct selection *s, size_t *start, size_t *end);

#endif
