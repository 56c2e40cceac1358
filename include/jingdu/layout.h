/* layout.h — width-correct line layout. The only module that measures display width.
 * Input: a document and options; output: screen lines that refer to the document by byte
 * offset. No curses in here: the reading pane and `jingdu print` both copy lines to their
 * output through layout_line_cells(), so what print shows is what the pane shows.
 *
 * Laziness: struct layout caches the lines of each block for the current width and lays out
 * a block only when someone asks for it. layout_set_width()/layout_set_opts() drop the cache.
 * A position in the layout is (block, line within the block's lines); the reading position
 * kept by the UI is a byte offset, turned into a position with layout_pos_at().
 *
 * A block's lines are its text lines, then (when opts.para_spacing) one blank line after it.
 * Lifetime: a struct layout borrows the doc; free the layout before the doc. */
#ifndef JINGDU_LAYOUT_H
#define JINGDU_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jingdu/doc.h"

struct layout_opts {
	int width;           /* columns available, >= 1 */
	int ambiguous_width; /* 1 or 2: East Asian Ambiguous characters */
	int tab_width;       /* tab stops every n columns (default 8) */
	int cjk_indent;      /* first-line indent of CJK paragraphs in columns (default 4 = 2 x U+3000) */
	bool para_spacing;   /* a blank line after each block (default true) */
	int max_width;       /* wrap width limit for comfortable reading; 0 = none */
};
void layout_opts_default(struct layout_opts *o);

/* One screen line. [start, end) is the byte range of the document shown on it (for a blank
 * spacer line start == end). indent columns of blank come first. */
struct layout_line {
	size_t start, end;
	uint32_t block;
	uint16_t indent;
	uint16_t width; /* display columns used, indent included */
};

/* One display cell group: a grapheme cluster (or a placeholder for a control character),
 * already sanitized for the terminal. */
struct layout_cell {
	char s[32];   /* UTF-8, NUL-terminated: what to draw */
	uint8_t len;  /* bytes in s */
	uint8_t width;/* 0..2 columns */
	uint8_t flags;/* LAYOUT_CELL_* */
	size_t off;   /* byte offset of the cluster in the document */
	size_t end;   /* byte offset after the cluster */
};
/* Cell flags. A cell holds exactly one spacing character plus at most 4 nonspacing marks
 * (what one ncurses cchar_t can hold): a cluster of several spacing characters (a ZWJ
 * sequence, a flag, an emoji with a skin tone) gives one cell per spacing character, with the
 * joiners and emoji variation selectors left out (ncurses never sends a ZWJ, and VS16 makes
 * terminals disagree about the width). Several cells can share one source range (a tab's
 * spaces, the two characters of ^[). */
enum {
	LAYOUT_CELL_PLACEHOLDER = 1 << 0, /* stands for a control character, a bidi control, a
					     code point the terminal does not know, or (width 1
					     only) a character too wide for the line */
	LAYOUT_CELL_SPACE = 1 << 1,       /* whitespace: a space, a tab's spaces, a joined
					     source line break, U+3000 */
};

struct layout;

struct layout *layout_new(const struct doc *d, const struct layout_opts *o);
void layout_free(struct layout *l);
void layout_set_opts(struct layout *l, const struct layout_opts *o);
const struct layout_opts *layout_get_opts(const struct layout *l);

/* The lines of block b at the current width (laid out on first use). Borrowed pointer, valid
 * until the next layout_set_opts() or layout_free(). */
const struct layout_line *layout_block_lines(struct layout *l, size_t b, size_t *n);

struct layout_pos {
	size_t block;
	size_t line;
};
/* The position of the line that shows byte offset off. */
struct layout_pos layout_pos_at(struct layout *l, size_t off);
/* Step one screen line; false at the ends (pos unchanged). */
bool layout_pos_next(struct layout *l, struct layout_pos *p);
bool layout_pos_prev(struct layout *l, struct layout_pos *p);
const struct layout_line *layout_line_at(struct layout *l, struct layout_pos p);

/* Cells of a line, in order (indent not included). Returns how many were written (at most
 * max); call with max = 0 to count. */
size_t layout_line_cells(struct layout *l, const struct layout_line *line,
			 struct layout_cell *cells, size_t max);

/* The whole document as `jingdu print` shows it, appended to b (one line per screen line,
 * '\n' after each, indents as spaces, no trailing spaces). */
void layout_print(struct layout *l, struct buf *b);

/* Display width of one code point under the options (ambiguous width, 0 for zero-width).
 * Control characters count as their placeholder (^X: 2; C1: U+FFFD), a tab as 1. */
int layout_cp_width(uint32_t cp, int ambiguous_width);

/* Break opportunities of s[0..n) as layout uses them: p[i] is one of libunistring's
 * UC_BREAK_* values (POSSIBLE: a line may start at s[i]; MANDATORY: s[i] ends a line),
 * from u8_possible_linebreaks() with the clreq/jlreq tailoring of docs/layout.md. */
void layout_breaks(const char *s, size_t n, char *p);

/* The width layout works to: opts.width, limited by opts.max_width when set. */
int layout_effective_width(const struct layout_opts *o);

/* Testing knob: when non-zero, every block is laid out the slow way (breaks over the whole
 * block first) instead of the one-pass fast path; both must give the same lines. */
extern int layout_debug_slow_path;

#endif
