/* layout_break.c — line-break opportunities: UAX #14 from libunistring 1.0
 * (u8_possible_linebreaks), then tailored to the Chinese and Japanese line-breaking rules of
 * W3C clreq and jlreq, Korean keep-all, and a few fixes for libunistring's Unicode 14 rules.
 * Each tailoring is listed with its reason in docs/layout.md; test_linebreak.c measures the
 * result against LineBreakTest.txt. */
#include "jingdu/layout.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unilbrk.h>

#include "layout_private.h"


static const char nostart_list[] =
	"，。、；：？！）》」』〉】〕］｝〗〙〛｠､｡〞・·～〜／‧﹐﹑﹒﹔﹕﹖﹗‼⁇⁈⁉”’"
	"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
	"ｧｨｩｪｫｬｭｮｯｰーー々〻ゝゞヽヾ゠ヿ,.;:?!)]}%";
static const char noend_list[] = "（《「『“‘〈【〔［｛〖〘〚｟｢〝([{";
static const char unit_list[] = "%‰‱℃℉°′″年月日时時分秒万亿億元角个個岁歲号號次倍份度";

struct trait_entry {
	uint32_t cp;
	unsigned traits;
};

static struct trait_entry trait_table[256];
static size_t trait_count;
unsigned layout_ascii_traits[128];

static int
trait_cmp(const void *x, const void *y)
{
	const struct trait_entry *a = x, *b = y;

	return a->cp < b->cp ? -1 : a->cp > b->cp;
}

static void
trait_add_list(const char *s, unsigned t)
{
	while (*s) {
		uint32_t c;
		size_t k;

		s += utf8_decode_fast(s, 4, &c);
		if (c < 0x80)
			continue; /* ASCII is handled by char_traits() directly */
		for (k = 0; k < trait_count; k++)
			if (trait_table[k].cp == c)
				break;
		if (k == trait_count) {
			if (trait_count == ARRAY_SIZE(trait_table))
				return;
			trait_table[trait_count].cp = c;
			trait_table[trait_count++].traits = 0;
		}
		trait_table[k].traits |= t;
	}
}

/* Direct tables for the blocks most punctuation comes from. */
static unsigned traits_2000[0x70], traits_3000[0x100], traits_ff00[0x100];
static bool traits_direct;

static unsigned
trait_lookup(uint32_t cp)
{
	size_t lo = 0, hi = trait_count;

	if (traits_direct) {
		if (cp >= 0x3000 && cp < 0x3100)
			return traits_3000[cp - 0x3000];
		if (cp >= 0xFF00 && cp < 0x10000)
			return traits_ff00[cp - 0xFF00];
		if (cp >= 0x2000 && cp < 0x2070)
			return traits_2000[cp - 0x2000];
	}

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cp < trait_table[mid].cp)
			hi = mid;
		else if (cp > trait_table[mid].cp)
			lo = mid + 1;
		else
			return trait_table[mid].traits;
	}
	return 0;
}

static unsigned char_traits(uint32_t cp, bool want_unit);

static void
trait_table_init(void)
{
	uint32_t c;

	if (trait_count)
		return;
	for (c = 0; c < 128; c++)
		layout_ascii_traits[c] = char_traits(c, true);
	trait_add_list(nostart_list, T_NOSTART);
	trait_add_list(noend_list, T_NOEND);
	trait_add_list(unit_list, T_UNIT);
	trait_add_list("“‘", T_OPENQ);
	trait_add_list("”’", T_CLOSEQ);
	trait_add_list("—", T_DASH);
	trait_add_list("…‥⋯⸺⸻", T_ELLIPSIS);
	qsort(trait_table, trait_count, sizeof(trait_table[0]), trait_cmp);
	/* fill the direct tables from the sorted one */
	for (c = 0; c < 0x100; c++) {
		traits_3000[c] = trait_lookup(0x3000 + c);
		traits_ff00[c] = trait_lookup(0xFF00 + c);
		if (c < 0x70)
			traits_2000[c] = trait_lookup(0x2000 + c);
	}
	traits_direct = true;
}

/* Traits of cp; T_UNIT of Han characters only when want_unit (it costs a lookup). */
static unsigned
char_traits(uint32_t cp, bool want_unit)
{
	unsigned t;

	if (cp < 0x80) {
		if (cp >= '0' && cp <= '9')
			return T_DIGIT;
		if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
			return T_LETTER;
		t = 0;
		if (cp == '.' || cp == ',' || cp == ':' || cp == ';')
			t |= T_IS;
		if (cp == '(' || cp == '[' || cp == '{')
			t |= T_NOEND;
		if (cp && strchr(",.;:?!)]}%", (int)cp))
			t |= T_NOSTART;
		if (cp == '%')
			t |= T_UNIT;
		return t;
	}
	if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF))
		return T_CJK | (want_unit ? (trait_lookup(cp) & T_UNIT) : 0);
	if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
	    (cp >= 0x3130 && cp <= 0x318F))
		return T_HANGUL;
	t = trait_lookup(cp);
	if ((cp >= 0x3000 && cp <= 0x30FF) || (cp >= 0xFF00 && cp <= 0xFFEF)) {
		t |= T_CJK;
		if (cp >= 0xFF10 && cp <= 0xFF19)
			t |= T_DIGIT;
		if ((cp >= 0x302A && cp <= 0x302F) || cp == 0x3099 || cp == 0x309A ||
		    cp == 0xFF9E || cp == 0xFF9F)
			t |= T_MARK;
		return t;
	}
	if (cp >= 0x2010 && cp <= 0x205E)
		return t;
	if (uc_is_cjk(cp) || (cp >= 0x20000 && cp <= 0x3FFFF))
		t |= T_CJK;
	if (cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
	    uc_is_general_category(cp, UC_CATEGORY_M))
		t |= T_MARK;
	else if (cp < 0x2E80 && !(t & T_CJK) && uc_is_general_category(cp, UC_CATEGORY_L))
		t |= T_LETTER;
	return t;
}

static void
prohibit(char *p, size_t i)
{
	if (p[i] == UC_BREAK_POSSIBLE)
		p[i] = UC_BREAK_PROHIBITED;
}

static bool
is_ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Keep URLs whole: no break inside scheme://... or www.... */
static void
tailor_urls(const char *s, size_t n, char *p)
{
	size_t i = 0;

	const char *q = NULL, *w = NULL;

	while (i + 4 <= n) {
		size_t a, b;

		/* next ':' and 'w' at or after i, searched again only once passed */
		if (q != (const char *)-1 && (!q || q < s + i)) {
			q = memchr(s + i, ':', n - i);
			if (!q)
				q = (const char *)-1;
		}
		if (w != (const char *)-1 && (!w || w < s + i)) {
			w = memchr(s + i, 'w', n - i);
			if (!w)
				w = (const char *)-1;
		}
		if (q == (const char *)-1 && w == (const char *)-1)
			return;
		if (q != (const char *)-1 && (w == (const char *)-1 || q < w)) {
			a = (size_t)(q - s);
			if (a + 3 > n || q[1] != '/' || q[2] != '/') {
				i = a + 1;
				continue;
			}
			while (a > 0 && ((unsigned char)s[a - 1] < 0x80) &&
			       (is_ascii_alnum((unsigned char)s[a - 1]) || s[a - 1] == '+' ||
				s[a - 1] == '-' || s[a - 1] == '.'))
				a--;
			if (a == (size_t)(q - s)) {
				i = a + 1;
				continue;
			}
		} else {
			a = (size_t)(w - s);
			if (a + 4 > n || memcmp(w, "www.", 4) != 0 ||
			    (a > 0 && (is_ascii_alnum((unsigned char)s[a - 1]) || s[a - 1] == '.' ||
				       s[a - 1] == '/'))) {
				i = a + 1;
				continue;
			}
		}
		b = a;
		while (b < n && (unsigned char)s[b] > 0x20 && (unsigned char)s[b] < 0x7F &&
		       s[b] != '"' && s[b] != '<' && s[b] != '>')
			b++;
		/* trailing punctuation belongs to the sentence, not the URL */
		while (b > a && strchr(".,;:!?)]}'", s[b - 1]))
			b--;
		for (i = a + 1; i < b; i++)
			prohibit(p, i);
		i = b > a ? b : a + 1;
	}
}



void
lb_tailor_init(struct lb_tailor *t)
{
	trait_table_init();
	memset(t, 0, sizeof(*t));
	t->pa = t->pa2 = NPOS;
}

unsigned
lb_tailor_to(struct lb_tailor *t, const char *s, size_t n, char *p, size_t upto)
{
	unsigned flags = 0;
	size_t i = t->i, pa = t->pa, pa2 = t->pa2;
	uint32_t a = t->a;
	unsigned ta = t->ta, ta2 = t->ta2;

	while (i < n && i <= upto) {
		uint32_t c, b = 0;
		unsigned tc, tb = 0;
		int k;
		unsigned char ch = (unsigned char)s[i];

		/* runs of ideographs or ASCII letters after a character no rule looks back from:
		 * nothing to do but remember the last two */
		if (pa != NPOS && !(ta & TA_MASK) &&
		    ((ch >= 0xE4 && ch <= 0xE9) || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'))) {
			size_t j = i, last = NPOS, prev = pa;
			unsigned tl = 0, tp = ta;

			for (;;) {
				unsigned char cj = j < n && j <= upto ? (unsigned char)s[j] : 0;

				if (cj >= 0xE4 && cj <= 0xE9) {
					prev = last != NPOS ? last : prev;
					tp = last != NPOS ? tl : tp;
					last = j;
					tl = T_CJK;
					j += 3;
				} else if ((cj | 0x20) >= 'a' && (cj | 0x20) <= 'z') {
					prev = last != NPOS ? last : prev;
					tp = last != NPOS ? tl : tp;
					last = j;
					tl = T_LETTER;
					j++;
				} else {
					break;
				}
			}
			pa2 = prev;
			ta2 = tp;
			pa = last;
			ta = tl;
			a = tl == T_CJK ? 0x4E00 : (unsigned char)s[last];
			i = j;
			continue;
		}
		if (ch < 0x80) {
			if (ch < 0x20 || ch == 0x7F) {
				if (ch == 0x01) { /* a soft-join filler: transparent */
					flags |= SCAN_CONTROL;
					i++;
					continue;
				}
				if (ch == '\n')
					flags |= SCAN_NEWLINE;
				else if (ch != '\t')
					flags |= SCAN_CONTROL;
			}
			c = ch;
			k = 1;
			tc = layout_ascii_traits[ch];
		} else if (ch >= 0xE4 && ch <= 0xE9 && !(ta & T_DIGIT)) {
			c = 0x4E00; /* any ideograph: no rule needs which */
			k = 3;
			tc = T_CJK;
		} else {
			k = utf8_decode_fast(s + i, n - i, &c);
			tc = char_traits(c, ta & T_DIGIT);
			if (ch >= 0xCC && !(flags & SCAN_COMPLEX) && !layout_cp_is_simple(c))
				flags |= SCAN_COMPLEX;
			if (ch == 0xC2 || ch == 0xE2)
				if (layout_cp_is_unsafe(c))
					flags |= SCAN_CONTROL;
		}
		if (pa != NPOS && ((tc & TC_MASK) || (ta & TA_MASK)) && p[i] != UC_BREAK_MANDATORY) {
			if ((tc & (T_DASH | T_OPENQ)) || (ta & T_CLOSEQ)) {
				size_t j = i + (size_t)k;

				while (j < n && (unsigned char)s[j] == 0x01)
					j++;
				if (j < n) {
					utf8_decode_fast(s + j, n - j, &b);
					tb = char_traits(b, false);
				}
			}
			/* clreq/jlreq: closing marks, small kana, ー, 々 never start a line */
			if (tc & T_NOSTART)
				prohibit(p, i);
			/* opening marks never end a line */
			if (ta & T_NOEND)
				prohibit(p, i);
			/* —— and …… never split, never start a line */
			if ((tc & T_DASH) && ((ta & T_DASH) || (tb & T_DASH)))
				prohibit(p, i);
			if (tc & T_ELLIPSIS)
				prohibit(p, i);
			/* Korean keep-all */
			if ((tc & T_HANGUL) && (ta & T_HANGUL))
				prohibit(p, i);
			/* numbers with units; 9～10 */
			if ((ta & T_DIGIT) && (tc & T_UNIT))
				prohibit(p, i);
			if ((tc & T_DIGIT) && pa2 != NPOS && (ta2 & T_DIGIT) &&
			    (a == 0xFF5E || a == 0x301C || a == '~'))
				prohibit(p, i);
			/* UAX #14 LB29 (missing in libunistring 1.0): IS × AL */
			if ((ta & T_IS) && (tc & T_LETTER))
				prohibit(p, i);
			/* quotes in East Asian text: break before “ and after ”
			 * (Unicode 15.1 LB19a, clreq) */
			if ((tc & T_OPENQ) && p[i] == UC_BREAK_PROHIBITED &&
			    !(ta & (T_NOEND | T_OPENQ | T_DASH)) && a != ' ' &&
			    ((ta & T_CJK) || (tb & T_CJK)) && !(tb & T_MARK))
				p[i] = UC_BREAK_POSSIBLE;
			if ((ta & T_CLOSEQ) && p[i] == UC_BREAK_PROHIBITED &&
			    !(tc & (T_NOSTART | T_CLOSEQ | T_MARK | T_ELLIPSIS)) &&
			    !((tc & T_DASH) && (tb & T_DASH)) && c != ' ' && c != '\n' &&
			    ((tc & T_CJK) || (pa2 != NPOS && (ta2 & T_CJK))))
				p[i] = UC_BREAK_POSSIBLE;
		}
		ta2 = ta;
		pa2 = pa;
		a = c;
		ta = tc;
		pa = i;
		i += (size_t)k;
	}
	t->i = i;
	t->pa = pa;
	t->pa2 = pa2;
	t->a = a;
	t->ta = ta;
	t->ta2 = ta2;
	t->flags |= flags;
	return flags;
}

unsigned
layout_breaks_scan(const char *s, size_t n, char *p)
{
	struct lb_tailor t;
	unsigned flags;

	lb_tailor_init(&t);
	flags = lb_tailor_to(&t, s, n, p, n);
	tailor_urls(s, n, p);
	return flags;
}

void
layout_breaks_urls(const char *s, size_t n, char *p)
{
	tailor_urls(s, n, p);
}

void
layout_breaks_tailor(const char *s, size_t n, char *p)
{
	layout_breaks_scan(s, n, p);
}

void
layout_breaks(const char *s, size_t n, char *p)
{
	if (n == 0)
		return;
	u8_possible_linebreaks((const uint8_t *)s, n, "UTF-8", p);
	layout_breaks_tailor(s, n, p);
}

bool
layout_break_is_bad(const char *s, size_t from, size_t q)
{
	uint32_t a, c;
	size_t pa;
	unsigned ta, tc;

	if (q <= from)
		return false;
	trait_table_init();
	pa = utf8_prev(s, q);
	utf8_decode(s + pa, q - pa, &a);
	utf8_decode(s + q, 4, &c);
	ta = char_traits(a, false);
	tc = char_traits(c, false);
	return (tc & (T_NOSTART | T_ELLIPSIS | T_CLOSEQ)) || (ta & (T_NOEND | T_OPENQ)) ||
	       ((ta & T_DASH) && (tc & T_DASH));
}
