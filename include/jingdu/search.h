/* search.h — text search for the reader: case-insensitive for Latin (and every cased script,
 * through libunistring's simple case mapping), full-width/half-width folded (ＡＰＩ finds API,
 * the ideographic space finds a space). Curses-free; works on any valid UTF-8 text by byte
 * offsets, so it searches the whole document, not what is laid out.
 *
 * Lifetime: search_compile() fills a struct search from a pattern; search_fini() releases it.
 * The text is borrowed per call and must have a NUL at text[len] (documents do); embedded NULs
 * are allowed. Matches never overlap the end of the text and always start and end on code
 * point boundaries. */
#ifndef JINGDU_SEARCH_H
#define JINGDU_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct search {
	bool case_sensitive; /* fold widths only, not case */
	uint32_t *cps;       /* the folded pattern */
	size_t n;
	char forms[4][8]; /* UTF-8 encodings of every code point that folds to cps[0] */
	uint8_t form_len[4];
	int n_forms;
	/* The longest prefix of the pattern that has one spelling only (CJK, kana, Hangul), as
	 * bytes; lit_len 0 when the pattern starts with a foldable character. */
	uint8_t lit[255];
	uint8_t lit_len;
};

/* The folded form of one code point (case and width folded). */
uint32_t search_fold(uint32_t cp);
/* Width folded only (full-width ASCII to ASCII, the ideographic space to a space). */
uint32_t search_fold_width(uint32_t cp);
/* false (and nothing to free) when the pattern is empty. Case-insensitive. */
bool search_compile(struct search *s, const char *pattern, size_t len);
/* Case rules of the config: SEARCH_CASE_SMART (insensitive unless the pattern has a capital
 * letter), SEARCH_CASE_IGNORE, SEARCH_CASE_SENSITIVE. Widths are always folded. */
enum search_case { SEARCH_CASE_SMART, SEARCH_CASE_IGNORE, SEARCH_CASE_SENSITIVE };
bool search_compile_case(struct search *s, const char *pattern, size_t len, enum search_case c);
void search_fini(struct search *s);
/* Does a match start at byte off? Returns its end offset, or 0 when not. */
size_t search_match_at(const struct search *s, const char *text, size_t len, size_t off);
/* The first match starting at or after from; NPOS when none. *end gets the match end. */
size_t search_next(const struct search *s, const char *text, size_t len, size_t from,
		   size_t *end);
/* The same, only matches starting before limit (reads no further: for drawing a view). */
size_t search_next_before(const struct search *s, const char *text, size_t len, size_t from,
			  size_t limit, size_t *end);
/* The last match starting before `before`; NPOS when none. */
size_t search_prev(const struct search *s, const char *text, size_t len, size_t before,
		   size_t *end);

#endif
