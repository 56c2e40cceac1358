/* layout_width.c — display width of code points, as the terminal will draw them through
 * ncurses: glibc 2.36's wcwidth() (Unicode 14, the same data as libunistring 1.0 apart from
 * the exceptions below), East Asian Ambiguous characters at the chosen width, and the kinds
 * that decide how a code point is shown (drawn, attached, dropped, or a placeholder). */
#include "jingdu/layout.h"

#include <unictype.h>
#include <unigbrk.h>
#include <uniwidth.h>

#include "layout_private.h"

/* Where glibc 2.36 wcwidth() and libunistring 1.0 uc_width(.., "UTF-8") disagree (measured
 * over all code points; tests/unit/test_layout.c checks it again against wcwidth()). */
static const struct {
	uint32_t lo, hi;
	int8_t width;
} glibc_exceptions[] = {
	{0x00AD, 0x00AD, 1},   {0x0600, 0x0605, 1},   {0x06DD, 0x06DD, 1},   {0x070F, 0x070F, 1},
	{0x0890, 0x0891, 1},   {0x08E2, 0x08E2, 1},   {0x0CBF, 0x0CBF, 0},   {0x0CC6, 0x0CC6, 0},
	{0x2028, 0x2029, -1},  {0x3248, 0x324F, 2},   {0x4DC0, 0x4DFF, 2},   {0x110BD, 0x110BD, 1},
	{0x110CD, 0x110CD, 1}, {0x11A07, 0x11A08, 0}, {0x11C3F, 0x11C3F, 0},
};

int
layout_glibc_width(uint32_t cp)
{
	size_t i;

	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return -1;
	if (cp < 0x7F)
		return 1;
	if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
	    (cp >= 0x3400 && cp <= 0x4DBF))
		return 2;
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	for (i = 0; i < sizeof(glibc_exceptions) / sizeof(glibc_exceptions[0]); i++)
		if (cp >= glibc_exceptions[i].lo && cp <= glibc_exceptions[i].hi)
			return glibc_exceptions[i].width;
	if (uc_is_general_category(cp, UC_CATEGORY_Cn))
		return -1;
	return uc_width(cp, "UTF-8");
}

static bool
is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Zero-width characters that are never sent: joiners, emoji presentation selectors,
 * directional marks, tags, and other format characters of width 0. */
static bool
is_dropped(uint32_t cp, int w)
{
	if (cp == 0x200D || cp == 0xFE0E || cp == 0xFE0F || cp == 0x00AD)
		return true;
	if (w != 0)
		return false;
	return uc_is_general_category(cp, UC_CATEGORY_Cf);
}

enum cp_kind
layout_cp_kind(uint32_t cp, int amb, int *width)
{
	int w;

	if (cp >= 0x20 && cp < 0x7F) {
		*width = 1;
		return cp == ' ' ? CP_SPACE : CP_SPACING;
	}
	if (cp == '\t' || cp == '\n') {
		*width = 0;
		return cp == '\t' ? CP_TAB : CP_NEWLINE;
	}
	if (cp < 0x20 || cp == 0x7F) {
		*width = 2;
		return CP_CARET;
	}
	if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3)) {
		*width = 2;
		return CP_SPACING;
	}
	if (cp == 0x3000) {
		*width = 2;
		return CP_SPACE;
	}
	/* CJK punctuation, kana, full-width forms: wide (marks 302A-302F, 3099-309A excepted) */
	if ((cp >= 0x3001 && cp <= 0x3029) || (cp >= 0x3030 && cp <= 0x303E) ||
	    (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x309B && cp <= 0x30FF) ||
	    (cp >= 0xFF01 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6)) {
		*width = 2;
		return CP_SPACING;
	}
	if ((cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E)) {
		*width = amb == 2 && eaw_is_ambiguous(cp) ? 2 : 1;
		return CP_SPACING;
	}
	w = layout_glibc_width(cp);
	if (w < 0 || is_bidi_control(cp)) {
		*width = amb == 2 ? 2 : 1; /* U+FFFD is East Asian Ambiguous */
		return CP_REPL;
	}
	if (is_dropped(cp, w)) {
		*width = 0;
		return CP_DROP;
	}
	if (w == 0) {
		*width = 0;
		return CP_MARK;
	}
	if (w == 1 && amb == 2 && eaw_is_ambiguous(cp))
		w = 2;
	*width = w;
	return CP_SPACING;
}

int
layout_cp_width(uint32_t cp, int ambiguous_width)
{
	int w;
	enum cp_kind k = layout_cp_kind(cp, ambiguous_width, &w);

	if (k == CP_TAB || k == CP_NEWLINE)
		return 1;
	return w;
}

bool
layout_cp_is_cjk_nospace(uint32_t cp)
{
	if (cp >= 0x1100 && cp <= 0x11FF)
		return false;
	if ((cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x3130 && cp <= 0x318F))
		return false;
	return uc_is_cjk(cp);
}

/* A code point that starts and ends its own grapheme cluster when all its neighbours are of
 * the same sort: grapheme break property Other, Control or a whole Hangul syllable. A block
 * made only of these needs no u8_grapheme_breaks(). */
bool
layout_cp_is_simple(uint32_t cp)
{
	int g;

	if (cp < 0x300 || (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0x3000 && cp <= 0x3029) ||
	    (cp >= 0x3030 && cp <= 0x3098) || (cp >= 0x309B && cp <= 0x30FF) ||
	    (cp >= 0xFF01 && cp <= 0xFF9D) || (cp >= 0x2010 && cp <= 0x2027) ||
	    (cp >= 0x2030 && cp <= 0x205E))
		return true;
	g = uc_graphemeclusterbreak_property(cp);
	return g == GBP_OTHER || g == GBP_CONTROL || g == GBP_LF || g == GBP_LV || g == GBP_LVT;
}

bool
layout_cp_is_unsafe(uint32_t cp)
{
	return (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}
