/* layout_private.h — pieces of the layout module shared by its source files (layout.c,
 * layout_break.c, layout_width.c, eaw.c). Not part of the public interface. */
#ifndef JINGDU_LAYOUT_PRIVATE_H
#define JINGDU_LAYOUT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <unilbrk.h>

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

/* layout_width.c: does cp form a grapheme cluster on its own among neighbours of its sort
 * (break property Other, Control, LF, LV, LVT)? Is it a C1 control, line/paragraph separator
 * or bidi control (replaced before break analysis)? */
bool layout_cp_is_simple(uint32_t cp);
bool layout_cp_is_unsafe(uint32_t cp);

/* layout_break.c: the tailoring pass over p from u8_possible_linebreaks(), which also reports
 * what the text holds: */
enum {
	SCAN_CONTROL = 1 << 0, /* C0/C1 controls (not tab, not LF), bidi controls, LS/PS */
	SCAN_NEWLINE = 1 << 1, /* LF */
	SCAN_COMPLEX = 1 << 2, /* code points that join grapheme clusters (marks, ZWJ, RI, ...) */
};
unsigned layout_breaks_scan(const char *s, size_t n, char *p);

/* Character traits the tailoring rules look at. */
enum {
	T_NOSTART = 1 << 0,  /* never at a line start (closing marks, small kana, ...) */
	T_NOEND = 1 << 1,    /* never at a line end (opening marks) */
	T_OPENQ = 1 << 2,    /* “ ‘ */
	T_CLOSEQ = 1 << 3,   /* ” ’ */
	T_DASH = 1 << 4,     /* — (pairs never split nor start a line) */
	T_ELLIPSIS = 1 << 5, /* … ‥ ⋯ ⸺ ⸻: never start a line */
	T_HANGUL = 1 << 6,
	T_DIGIT = 1 << 7,
	T_UNIT = 1 << 8,   /* a unit after a number: % 年 ℃ ... */
	T_CJK = 1 << 9,    /* East Asian text for the quote rules */
	T_IS = 1 << 10,    /* ASCII infix separator . , : ; */
	T_LETTER = 1 << 11, /* a letter of an alphabet (LB29's AL side) */
	T_MARK = 1 << 12,  /* combining mark or joiner: never a break before it here */
};

/* The traits that make a rule look at a position: of the character there, of the one before. */
#define TC_MASK (T_NOSTART | T_DASH | T_ELLIPSIS | T_HANGUL | T_UNIT | T_DIGIT | T_OPENQ)
#define TA_MASK (T_NOEND | T_DASH | T_HANGUL | T_DIGIT | T_IS | T_CLOSEQ)
extern unsigned layout_ascii_traits[128];

/* The tailoring pass as a cursor, so that the fitting loop can run it just ahead of itself:
 * lb_tailor_to() tailors p at every code point from t->i up to and including upto (offsets
 * in s[0..n)) and returns the SCAN_* flags of what it passed. The URL rule is separate
 * (layout_breaks_urls), to be applied first. */
struct lb_tailor {
	size_t i, pa, pa2;
	uint32_t a;
	unsigned ta, ta2, flags;
};
void lb_tailor_init(struct lb_tailor *t);
unsigned lb_tailor_to(struct lb_tailor *t, const char *s, size_t n, char *p, size_t upto);
void layout_breaks_urls(const char *s, size_t n, char *p);

/* Bring t up to date after a run of ideographs [from, to) (block-relative) that it was at
 * the start of, and in which no rule applied. */
static inline void
lb_tailor_run(struct lb_tailor *t, size_t from, size_t to)
{
	if (to - from >= 6) {
		t->pa2 = to - 6;
		t->ta2 = T_CJK;
	} else {
		t->pa2 = t->pa;
		t->ta2 = t->ta;
	}
	t->pa = to - 3;
	t->ta = T_CJK;
	t->a = 0x4E00;
	t->i = to;
}

/* Advance t over one ideograph (k = 3) or printable ASCII character at i when only the
 * simplest rule (no break before an ASCII closing mark) applies; false when lb_tailor_to()
 * must look. p is the break array of the same text. */
static inline bool
lb_tailor_fast(struct lb_tailor *t, size_t i, unsigned char ch, char *p)
{
	unsigned tc;

	if (t->i != i || t->pa == (size_t)-1 || (t->ta & (TA_MASK & ~T_DIGIT)))
		return false;
	if (ch < 0x80) {
		if (ch <= 0x20 || ch == 0x7F)
			return false;
		tc = layout_ascii_traits[ch];
		if (tc & (TC_MASK & ~(T_DIGIT | T_NOSTART)))
			return false;
		if ((tc & T_DIGIT) && (t->a == 0xFF5E || t->a == 0x301C || t->a == '~'))
			return false;
		if ((tc & T_NOSTART) && p[i] == UC_BREAK_POSSIBLE)
			p[i] = UC_BREAK_PROHIBITED;
		t->i = i + 1;
		t->a = ch;
	} else {
		if (t->ta & T_DIGIT) /* 2025年: the unit rule looks */
			return false;
		tc = T_CJK;
		t->i = i + 3;
		t->a = 0x4E00;
	}
	t->pa2 = t->pa;
	t->ta2 = t->ta;
	t->pa = i;
	t->ta = tc;
	return true;
}

/* layout_break.c: the tailoring pass alone, over p from u8_possible_linebreaks(). Bytes 0x01
 * in s are soft-join fillers and are skipped when looking at neighbours. */
void layout_breaks_tailor(const char *s, size_t n, char *p);

/* Would a line starting at s[q] break a line-start/line-end rule (closing mark at the start,
 * opening mark at the end, a split ——)? s[from] is where looking back must stop. */
bool layout_break_is_bad(const char *s, size_t from, size_t q);

#endif
