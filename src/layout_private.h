/* layout_private.h — pieces of the layout module shared by its source files (layout.c,
 * layout_break.c, layout_width.c, eaw.c). Not part of the public interface. */
#ifndef JINGDU_LAYOUT_PRIVATE_H
#define JINGDU_LAYOUT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* eaw.c (generated): East Asian Width A, without marks, format characters and private use. */
bool eaw_is_ambiguous(uint32_t cp);

/* How layout shows one code point. */
enum cp_kind {
	CP_SPACING, /* drawn, width 1 or 2 */
	CP_MARK,    /* nonspacing: drawn attached to the cell before it, width 0 */
	CP_DROP,    /* invisible format character: never sent to the terminal (ZWJ, VS16, ...) */
	CP_CARET,   /* C0 control or DEL: shown as ^X (2 columns) */
	CP_REPL,    /* C1 control, bidi override/isolate, code point unknown to glibc: U+FFFD */
	CP_TAB,
	CP_NEWLINE,
	CP_SPACE, /* U+0020 or U+3000: whitespace that may hang at a line end */
};

/* Kind of cp; *width gets its columns under ambiguous width amb (tab: 0, newline: 0). */
enum cp_kind layout_cp_kind(uint32_t cp, int amb, int *width);

/* Width as glibc 2.36 wcwidth() gives it in a UTF-8 locale (-1: control or unknown). */
int layout_glibc_width(uint32_t cp);

/* Is cp a character that a soft line join leaves no space next to (CJK but not Hangul)? */
bool layout_cp_is_cjk_nospace(uint32_t cp);

/* layout_break.c: the tailoring pass alone, over p from u8_possible_linebreaks(). Bytes 0x01
 * in s are soft-join fillers and are skipped when looking at neighbours. */
void layout_breaks_tailor(const char *s, size_t n, char *p);

/* Would a line starting at s[q] break a line-start/line-end rule (closing mark at the start,
 * opening mark at the end, a split ——)? s[from] is where looking back must stop. */
bool layout_break_is_bad(const char *s, size_t from, size_t q);

#endif
