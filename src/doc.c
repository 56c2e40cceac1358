/* doc.c — document structure: lines → blocks (paragraphs, headings, preformatted runs),
 * title, byline, footer, web leftovers, and sections with levels and consistent numbering.
 * The rules are SPEC §3; docs/documents.md explains the choices. */
#define _GNU_SOURCE /* memmem */
#include "jingdu/doc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_private.h"

/* Heading families, in rank order (a family earlier in the list is a higher level). */
enum family {
	FAM_NONE,
	FAM_MD,       /* # ATX and setext */
	FAM_VOLUME,   /* 第X卷/部/篇, Part N, Book N */
	FAM_CHAPTER,  /* 第X章/回/話/集, X장, Chapter N, 番外 */
	FAM_SECTION,  /* 第X节/節, Section N */
	FAM_CNENUM,   /* 一、 */
	FAM_CNPAREN,  /* （一） */
	FAM_DOTTED,   /* 1. / 1.1 / 1.1.1 */
	FAM_NUMCOMMA, /* 1、 */
	FAM_TWODIGIT, /* 01 alone or glued: 01说真话 */
	FAM_COUNT
};

/* Families whose single heading is not enough evidence. */
static const bool family_weak[FAM_COUNT] = {
	[FAM_CNENUM] = true, [FAM_CNPAREN] = true, [FAM_DOTTED] = true,
	[FAM_NUMCOMMA] = true, [FAM_TWODIGIT] = true,
};

#define MAX_DEPTH 6
#define HEADING_MAX_CPS 40 /* a heading's text, not counting its number */
#define SCAN_MAX 512       /* bytes of a line looked at when classifying it */
#define SPLIT_CPS 3000     /* sections of a document without headings: about this long */

#define NUM_END(ln) ((ln)->cstart + (ln)->num_len)

/* One line as classify_heading sees it. Built on the fly from the text; only heading
 * candidates keep theirs (struct cand). */
struct line {
	size_t start, end;      /* without the newline */
	size_t cstart;          /* after leading whitespace (ASCII, tab, U+3000) */
	size_t cend;            /* before trailing whitespace */
	int32_t num[MAX_DEPTH]; /* heading number components */
	uint32_t num_len;       /* bytes from cstart to where the number (and its mark) ends */
	int16_t indent;         /* leading columns of ASCII blank (tab = 4) */
	uint8_t fam;            /* enum family of a heading candidate */
	uint8_t depth;          /* DOTTED depth, MD level */
	bool blank : 1;
	bool pre : 1;           /* preformatted: indented code, table, fence */
	bool accepted : 1;
	bool glued : 1;         /* number glued to its paragraph's first sentence */
};

/* What the structure pass keeps for every line: one byte. Everything else about a line
 * (its ends, indentation, trimmed range) is recomputed from the text when needed. */
enum {
	LF_BLANK = 1 << 0,  /* only whitespace */
	LF_IND4 = 1 << 1,   /* indented by 4 columns or more */
	LF_PRE = 1 << 2,    /* preformatted: indented code, table, fence */
	LF_TOC = 1 << 3,    /* a table-of-contents entry */
	LF_SETEXT = 1 << 4, /* underline of an accepted setext heading */
};

/* A heading candidate: the sparse part of the line table (a few lines in a hundred). */
struct cand {
	struct line ln;
	size_t line;  /* 0-based line index */
	size_t block; /* its heading block, once the blocks exist */
};

static const char *const block_kind_names[] = {
#define BLOCK_KIND_NAME(name, str) str,
	BLOCK_KIND_INFO(BLOCK_KIND_NAME)
#undef BLOCK_KIND_NAME
};

const char *
block_kind_str(enum block_kind k)
{
	return (size_t)k < ARRAY_SIZE(block_kind_names) ? block_kind_names[k] : "?";
}

/* ---- small text helpers ---- */

static uint32_t
cp_at(const char *s, size_t end, size_t off, int *len)
{
	uint32_t cp = 0;

	*len = off < end ? utf8_decode(s + off, end - off, &cp) : 0;
	return cp;
}

static bool
is_space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0x3000 || c == '\f' || c == '\v' || c == 0xA0;
}

static bool
starts_with(const char *s, size_t end, size_t off, const char *lit)
{
	size_t n = strlen(lit);

	return off + n <= end && memcmp(s + off, lit, n) == 0;
}

static size_t
skip_spaces(const char *s, size_t end, size_t off)
{
	int k;

	while (off < end && is_space_cp(cp_at(s, end, off, &k)))
		off += (size_t)k;
	return off;
}

static size_t
cps_between(const char *s, size_t a, size_t b)
{
	return utf8_count(s + a, b - a);
}

/* Code points in [a, b), counting no further than limit + 1 (for "is it short?"). */
static size_t
cps_upto(const char *s, size_t a, size_t b, size_t limit)
{
	return utf8_count(s + a, MIN(b - a, (limit + 1) * 4));
}

/* Value of a Chinese numeral 一..九十九, 百, 千, 两, 〇/零 forms; -1 when not one. */
static int
cn_digit(uint32_t c)
{
	static const uint32_t d[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
				     0x516D, 0x4E03, 0x516B, 0x4E5D};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(d); i++)
		if (c == d[i])
			return (int)i;
	if (c == 0x96F6) /* 零 */
		return 0;
	if (c == 0x4E24) /* 两 */
		return 2;
	if (c == 0x58F9) return 1; /* 壹 */
	if (c == 0x8D30) return 2; /* 贰 */
	if (c == 0x53C1) return 3; /* 叁 */
	return -1;
}

static int
cn_unit(uint32_t c)
{
	if (c == 0x5341 || c == 0x62FE) /* 十 拾 */
		return 10;
	if (c == 0x767E || c == 0x4F70) /* 百 佰 */
		return 100;
	if (c == 0x5343 || c == 0x4EDF) /* 千 仟 */
		return 1000;
	return 0;
}

/* Parse a number at off: ASCII or full-width digits, or Chinese numerals. Returns the
 * value (or -1) and sets *next. */
static int
parse_number(const char *s, size_t end, size_t off, size_t *next)
{
	int k, val = 0, digits = 0, section = 0, cur = -1;
	uint32_t c = cp_at(s, end, off, &k);
	size_t p = off;

	if ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19)) {
		while (p < end && digits < 6) {
			c = cp_at(s, end, p, &k);
			if (c >= '0' && c <= '9')
				val = val * 10 + (int)(c - '0');
			else if (c >= 0xFF10 && c <= 0xFF19)
				val = val * 10 + (int)(c - 0xFF10);
			else
				break;
			digits++;
			p += (size_t)k;
		}
		*next = p;
		return val;
	}
	while (p < end && digits < 8) {
		int dv, uv;

		c = cp_at(s, end, p, &k);
		dv = cn_digit(c);
		uv = cn_unit(c);
		if (dv >= 0)
			cur = dv;
		else if (uv) {
			section += (cur < 0 ? 1 : cur) * uv;
			cur = -1;
		} else
			break;
		digits++;
		p += (size_t)k;
	}
	if (!digits)
		return -1;
	*next = p;
	return section + (cur < 0 ? 0 : cur);
}

static int
roman_value(const char *s, size_t n)
{
	int v = 0, prev = 0;
	size_t i;

	for (i = n; i-- > 0;) {
		int x;

		switch (toupper((unsigned char)s[i])) {
		case 'I': x = 1; break;
		case 'V': x = 5; break;
		case 'X': x = 10; break;
		case 'L': x = 50; break;
		case 'C': x = 100; break;
		default: return -1;
		}
		v += x < prev ? -x : x;
		prev = MAX(prev, x);
	}
	return v;
}

static int
english_number(const char *s, size_t n)
{
	static const char *const words[] = {
		"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
		"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
		"sixteen", "seventeen", "eighteen", "nineteen", "twenty",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (strlen(words[i]) == n && strncasecmp_ascii(s, words[i], n) == 0)
			return (int)i;
	return -1;
}

/* ---- heading candidates ---- */

static bool
ends_sentence(const char *s, size_t start, size_t end)
{
	int k;
	uint32_t c;
	size_t p;

	if (end <= start)
		return false;
	p = utf8_prev(s, end);
	c = cp_at(s, end, p, &k);
	/* closing quotes after the mark: look one further */
	if ((c == 0x201D || c == 0x300D || c == 0x300F || c == ')' || c == 0xFF09) && p > start) {
		p = utf8_prev(s, p);
		c = cp_at(s, end, p, &k);
	}
	return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0E;
}

/* Does the line stop inside a sentence (a comma, colon, dash…), so it cannot be a title? */
static bool
ends_midsentence(const char *s, size_t start, size_t end)
{
	int k;
	uint32_t c;

	if (end <= start)
		return false;
	c = cp_at(s, end, utf8_prev(s, end), &k);
	return c == 0xFF0C || c == 0x3001 || c == ',' || c == 0xFF1B || c == ';' || c == '-' ||
	       c == 0x2014 || c == 0xFF1A || c == ':' || c == 0x300C || c == 0x201C || c == '(' ||
	       c == 0xFF08;
}

/* Title text after a number must be short. */
static bool
short_rest(const char *s, size_t from, size_t end)
{
	return cps_upto(s, from, end, HEADING_MAX_CPS) <= HEADING_MAX_CPS && !ends_sentence(s, from, end);
}

/* Is cp a unit or date word that follows a number in running text (10月, 20年, 30%)? */
static bool
is_unit_cp(uint32_t c)
{
	static const uint32_t u[] = {
		0x5E74, 0x6708, 0x65E5, 0x53F7, 0x65F6, 0x70B9, 0x5206, 0x79D2, 0x4E2A, 0x4F4D,
		0x540D, 0x4E07, 0x4EBF, 0x5143, 0x5C81, 0x5929, 0x5468, 0x5E74, 0x500D, 0x6B21,
		0x4EBA, 0x5BB6, 0x7C73, 0x516C, 0x5343, 0x767E, 0x5341, 0x4EF6, 0x53F0, 0x5F20,
		0x5C42, 0x697C, 0x5BA4, 0x7AE0, 0x8282, 0x6761, 0x9875, 0x9879, 0x4EE3, 0x7EA7,
		0x5206, 0x5EA6, 0x6210, 0x5E74, 0x8F6E, 0x573A, 0x7BC7, 0x5F0F, 0x7801, 0x5757,
		0xFF05, 0x4E16, 0x5468, 0x5C0F, 0x53E5,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(u); i++)
		if (c == u[i])
			return true;
	return false;
}

static void
classify_heading(const char *s, struct line *ln, const struct line *next)
{
	size_t p = ln->cstart, end = MIN(ln->cend, ln->cstart + SCAN_MAX), q;
	int k, n;
	uint32_t c = cp_at(s, end, p, &k);

	ln->fam = FAM_NONE;
	ln->num_len = 0;
	if (ln->blank || ln->pre)
		return;
	/* Markdown ATX */
	if (c == '#') {
		int lvl = 0;

		q = p;
		while (q < end && s[q] == '#' && lvl < 7) {
			q++;
			lvl++;
		}
		if (lvl <= 6 && (q == ln->cend || s[q] == ' ' || s[q] == '\t')) {
			ln->fam = FAM_MD;
			ln->depth = lvl;
			ln->num_len = (uint32_t)(skip_spaces(s, ln->cend, q) - ln->cstart);
		}
		return;
	}
	/* Markdown setext: the next line is === or --- */
	if (next && !next->blank && ln->indent < 4) {
		size_t a = next->cstart, b = next->cend, i;
		char u = s[a];

		if ((u == '=' || u == '-') && b > a && (u == '=' || b - a >= 3)) {
			for (i = a; i < b && s[i] == u; i++)
				;
			if (i == b && cps_upto(s, ln->cstart, ln->cend, 80) <= 80) {
				ln->fam = FAM_MD;
				ln->depth = u == '=' ? 1 : 2;
				ln->num_len = (uint32_t)(ln->cstart - ln->cstart);
				return;
			}
		}
	}
	/* 第X章 … / 第X卷 … */
	if (c == 0x7B2C) { /* 第 */
		size_t after;

		n = parse_number(s, end, p + (size_t)k, &after);
		if (n >= 0) {
			uint32_t u = cp_at(s, end, after, &k);
			enum family f = FAM_NONE;

			if (u == 0x5377 || u == 0x90E8 || u == 0x7BC7) /* 卷 部 篇 */
				f = FAM_VOLUME;
			else if (u == 0x7AE0 || u == 0x56DE || u == 0x8A71 || u == 0x8BDD ||
				 u == 0x96C6 || u == 0x5E55) /* 章 回 話 话 集 幕 */
				f = FAM_CHAPTER;
			else if (u == 0x8282 || u == 0x7BC0) /* 节 節 */
				f = FAM_SECTION;
			if (f != FAM_NONE && short_rest(s, after + (size_t)k, ln->cend)) {
				ln->fam = f;
				ln->num[0] = n;
				ln->depth = 1;
				ln->num_len = (uint32_t)(after + (size_t)k - ln->cstart);
			}
		}
		return;
	}
	/* 番外 */
	if (starts_with(s, end, p, "番外") && short_rest(s, p, ln->cend)) {
		ln->fam = FAM_CHAPTER;
		ln->num[0] = -1; /* unnumbered: fits anywhere */
		ln->depth = 1;
		ln->num_len = (uint32_t)(p + 6 - ln->cstart);
		return;
	}
	/* Korean 제1장 / 1장 */
	q = p;
	if (starts_with(s, end, q, "제"))
		q = skip_spaces(s, end, q + 3);
	if (q < end && s[q] >= '0' && s[q] <= '9') {
		size_t after;

		n = parse_number(s, end, q, &after);
		after = skip_spaces(s, end, after);
		if (starts_with(s, end, after, "장") && short_rest(s, after + 3, ln->cend)) {
			ln->fam = FAM_CHAPTER;
			ln->num[0] = n;
			ln->depth = 1;
			ln->num_len = (uint32_t)(after + 3 - ln->cstart);
			if (NUM_END(ln) < ln->cend && s[NUM_END(ln)] == '.')
				ln->num_len++;
			return;
		}
	}
	/* 一、 and （一） */
	if (cn_digit(c) >= 0 || cn_unit(c)) {
		size_t after;

		n = parse_number(s, end, p, &after);
		if (n > 0 && starts_with(s, end, after, "、") && short_rest(s, after + 3, ln->cend)) {
			ln->fam = FAM_CNENUM;
			ln->num[0] = n;
			ln->depth = 1;
			ln->num_len = (uint32_t)(after + 3 - ln->cstart);
		}
		return;
	}
	if (c == 0xFF08 || c == '(') {
		size_t after;

		n = parse_number(s, end, p + (size_t)k, &after);
		if (n > 0 && cn_digit(cp_at(s, end, p + (size_t)k, &k)) >= 0) {
			uint32_t close = cp_at(s, end, after, &k);

			if ((close == 0xFF09 || close == ')') && short_rest(s, after + (size_t)k, ln->cend)) {
				ln->fam = FAM_CNPAREN;
				ln->num[0] = n;
				ln->depth = 1;
				ln->num_len = (uint32_t)(after + (size_t)k - ln->cstart);
			}
		}
		return;
	}
	/* Chapter N, Part N, Section N, Book N */
	if (isalpha((unsigned char)s[p])) {
		static const struct {
			const char *word;
			enum family fam;
		} kw[] = {
			{"chapter", FAM_CHAPTER}, {"part", FAM_VOLUME}, {"book", FAM_VOLUME},
			{"section", FAM_SECTION},
		};
		size_t i;

		for (i = 0; i < ARRAY_SIZE(kw); i++) {
			size_t wl = strlen(kw[i].word), a, b;
			int v;

			if (p + wl >= end || strncasecmp_ascii(s + p, kw[i].word, wl) != 0 ||
			    (s[p + wl] != ' ' && s[p + wl] != '\t'))
				continue;
			a = skip_spaces(s, end, p + wl);
			for (b = a; b < end && isalnum((unsigned char)s[b]); b++)
				;
			if (b == a)
				return;
			if (isdigit((unsigned char)s[a])) {
				size_t nx;

				v = parse_number(s, end, a, &nx);
				if (nx != b)
					return;
			} else {
				v = roman_value(s + a, b - a);
				if (v <= 0)
					v = english_number(s + a, b - a);
			}
			if (v < 0 || !short_rest(s, b, ln->cend))
				return;
			ln->fam = kw[i].fam;
			ln->num[0] = v;
			ln->depth = 1;
			ln->num_len = (uint32_t)(b - ln->cstart);
			return;
		}
		return;
	}
	if (!(c >= '0' && c <= '9'))
		return;
	/* 01 alone, or glued to the first sentence: 01说真话，… */
	if (end - p >= 2 && isdigit((unsigned char)s[p + 1]) &&
	    (p + 2 == ln->cend || !isdigit((unsigned char)s[p + 2]))) {
		size_t after = p + 2;
		uint32_t u = cp_at(s, end, after, &k);

		n = (s[p] - '0') * 10 + (s[p + 1] - '0');
		if (after == ln->cend) {
			ln->fam = FAM_TWODIGIT;
			ln->num[0] = n;
			ln->depth = 1;
			ln->num_len = (uint32_t)(after - ln->cstart);
			return;
		}
		/* glued: a CJK letter (not a unit: 10月, 20年) or an opening quote or bracket */
		if ((uc_is_cjk_letter(u) && !is_unit_cp(u)) || u == 0x201C || u == 0x300C ||
		    u == 0x300E || u == 0x300A || u == 0xFF08) {
			ln->fam = FAM_TWODIGIT;
			ln->glued = true;
			ln->num[0] = n;
			ln->depth = 1;
			ln->num_len = (uint32_t)(after - ln->cstart);
			return;
		}
		if ((u == ' ' || u == 0x3000) && short_rest(s, after, ln->cend)) {
			ln->fam = FAM_TWODIGIT;
			ln->num[0] = n;
			ln->depth = 1;
			ln->num_len = (uint32_t)(after - ln->cstart);
			return;
		}
	}
	/* 1. / 1.1 / 1.1.1 and 1、 */
	{
		int depth = 0;
		int32_t comps[MAX_DEPTH];
		size_t after = p;
		bool trailing_dot = false;

		for (;;) {
			size_t nx;

			if (after >= end || !isdigit((unsigned char)s[after]) || depth == MAX_DEPTH)
				break;
			comps[depth++] = parse_number(s, end, after, &nx);
			after = nx;
			trailing_dot = false;
			if (after < end && s[after] == '.') {
				after++;
				trailing_dot = true;
				continue;
			}
			break;
		}
		if (depth == 0)
			return;
		if (starts_with(s, end, after, "、") && depth == 1) {
			if (short_rest(s, after + 3, ln->cend)) {
				ln->fam = FAM_NUMCOMMA;
				ln->num[0] = comps[0];
				ln->depth = 1;
				ln->num_len = (uint32_t)(after + 3 - ln->cstart);
			}
			return;
		}
		/* "1." needs its dot; "1.1" may end without one; then a blank and a title */
		if ((depth == 1 && !trailing_dot) || after >= ln->cend ||
		    (s[after] != ' ' && s[after] != '\t' && s[after] != (char)0xE3))
			return;
		if (!short_rest(s, after, ln->cend))
			return;
		{
			size_t t = skip_spaces(s, ln->cend, after);
			uint32_t first = cp_at(s, ln->cend, t, &k);

			/* a title starts with a capital letter, a CJK letter or a digit */
			if (!(isupper((int)(first < 128 ? first : 0)) || uc_is_cjk_letter(first) ||
			      first > 0x7F))
				return;
		}
		ln->fam = FAM_DOTTED;
		memcpy(ln->num, comps, sizeof(int32_t) * (size_t)depth);
		ln->depth = depth;
		ln->num_len = (uint32_t)(after - ln->cstart);
	}
}

/* ---- tables of contents: an entry whose text comes again later as a heading ---- */

static uint64_t
toc_key(const char *s, const struct line *ln)
{
	uint64_t h = 1469598103934665603ull;
	size_t a = ln->cstart, b = ln->cend, i;

	/* drop a trailing page number, when dot leaders or a wide gap set it apart */
	{
		size_t e = b, gap;

		while (e > a && isdigit((unsigned char)s[e - 1]))
			e--;
		if (e < b) {
			gap = e;
			for (;;) {
				if (gap > a && (s[gap - 1] == ' ' || s[gap - 1] == '\t' || s[gap - 1] == '.'))
					gap--;
				else if (gap >= a + 3 && memcmp(s + gap - 3, "…", 3) == 0)
					gap -= 3;
				else
					break;
			}
			if (e - gap >= 2 || (e > gap && s[e - 1] == '\t'))
				b = gap;
		}
	}
	for (i = a; i < b; i++) {
		if (s[i] == ' ' || s[i] == '\t')
			continue;
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h ? h : 1;
}

static void
mark_toc_entries(const char *s, struct cand *c, size_t n, uint8_t *lf)
{
	size_t cap = 64, i;
	uint64_t *set;

	if (n < 2)
		return;
	while (cap < n * 2)
		cap *= 2;
	set = xcalloc(cap, sizeof(*set));
	for (i = n; i-- > 0;) {
		uint64_t key;
		size_t h;

		if (c[i].ln.fam == FAM_NONE || c[i].ln.glued)
			continue;
		key = toc_key(s, &c[i].ln);
		for (h = key & (cap - 1); set[h] && set[h] != key; h = (h + 1) & (cap - 1))
			;
		if (set[h] == key) {
			lf[c[i].line] |= LF_TOC;
			c[i].ln.fam = FAM_NONE;
		} else
			set[h] = key;
	}
	free(set);
}

/* ---- numbering consistency ---- */

static bool
dotted_follows(const int32_t *prev, int pd, const int32_t *cur, int cd)
{
	int i;

	if (pd == 0)
		return cd == 1 && (cur[0] == 1 || cur[0] == 0);
	if (cd == pd + 1) { /* one level deeper: prev.1 */
		for (i = 0; i < pd; i++)
			if (cur[i] != prev[i])
				return false;
		return cur[pd] == 1 || cur[pd] == 0;
	}
	if (cd > pd)
		return false;
	for (i = 0; i < cd - 1; i++) /* same or shallower: next at that level */
		if (cur[i] != prev[i])
			return false;
	return cur[cd - 1] == prev[cd - 1] + 1;
}

static void
accept_headings(struct cand *c, size_t n)
{
	int expect[FAM_COUNT], accepted[FAM_COUNT] = {0};
	int32_t dprev[MAX_DEPTH] = {0};
	int dprev_depth = 0;
	size_t i;
	int f;

	for (f = 0; f < FAM_COUNT; f++)
		expect[f] = -1; /* -1: the first may be 0 or 1 */
	for (i = 0; i < n; i++) {
		struct line *ln = &c[i].ln;
		bool ok;

		if (ln->fam == FAM_NONE)
			continue;
		f = ln->fam;
		if (f == FAM_MD)
			ok = true;
		else if (f == FAM_DOTTED)
			ok = dotted_follows(dprev, dprev_depth, ln->num, ln->depth);
		else if (ln->num[0] < 0)
			ok = accepted[f] > 0 || f == FAM_CHAPTER;
		else if (expect[f] < 0)
			ok = ln->num[0] == 0 || ln->num[0] == 1;
		else
			ok = ln->num[0] == expect[f];
		if (!ok)
			continue;
		ln->accepted = true;
		accepted[f]++;
		if (f == FAM_DOTTED) {
			memcpy(dprev, ln->num, sizeof(dprev));
			dprev_depth = ln->depth;
		} else if (ln->num[0] >= 0) {
			expect[f] = ln->num[0] + 1;
		}
		/* a higher-level heading restarts the numbering below it */
		for (int g = f + 1; g < FAM_COUNT; g++) {
			if (f == FAM_MD)
				break;
			expect[g] = -1;
			if (g == FAM_DOTTED)
				dprev_depth = 0;
		}
	}
	/* weak families need two headings */
	for (i = 0; i < n; i++)
		if (c[i].ln.accepted && family_weak[c[i].ln.fam] && accepted[c[i].ln.fam] < 2)
			c[i].ln.accepted = false;
}

/* ---- title, byline, footer, leftovers ---- */

static bool
line_has_any(const char *s, size_t a, size_t b, const char *const *words, size_t nw)
{
	size_t i;

	for (i = 0; i < nw; i++) {
		size_t wl = strlen(words[i]);
		const char *p = s + a;

		while ((size_t)(p - s) + wl <= b) {
			const char *hit = memchr(p, words[i][0], b - (size_t)(p - s));

			if (!hit || (size_t)(hit - s) + wl > b)
				break;
			if (memcmp(hit, words[i], wl) == 0)
				return true;
			p = hit + 1;
		}
	}
	return false;
}

/* Byline: 撰文丨X, 作者：X, 文/X, By X. Returns where the name starts, or NPOS. */
static size_t
byline_name(const char *s, size_t a, size_t b)
{
	static const char *const lead[] = {
		"撰文", "作者", "文字", "记者", "编辑", "撰稿", "执笔", "文", "著", "筆者", "글", "기자", "by", "By",
		"BY", "Written by", "written by",
	};
	size_t i;

	if (cps_upto(s, a, b, 40) > 40)
		return NPOS;
	for (i = 0; i < ARRAY_SIZE(lead); i++) {
		size_t wl = strlen(lead[i]), p;
		int k;
		uint32_t c;

		if (!starts_with(s, b, a, lead[i]))
			continue;
		p = a + wl;
		c = cp_at(s, b, p, &k);
		if (c == 0x4E28 || c == '|' || c == 0xFF5C || c == ':' || c == 0xFF1A || c == '/' ||
		    c == 0xFF0F || c == 0x2502 || c == 0x4E28) {
			p = skip_spaces(s, b, p + (size_t)k);
		} else if (c == ' ' && isalpha((unsigned char)lead[i][0]) && p + 1 < b &&
			   isupper((unsigned char)s[p + 1])) {
			p = skip_spaces(s, b, p);
		} else {
			continue;
		}
		if (p < b)
			return p;
	}
	return NPOS;
}

static bool
is_footer_line(const char *s, size_t a, size_t b)
{
	static const char *const words[] = {
		"发布于", "发表于", "原标题", "责任编辑", "转载", "版权", "授权", "免责声明", "来源：",
		"来源:", "Copyright", "copyright", "COPYRIGHT", "©", "All rights reserved",
		"all rights reserved", "無断転載", "無断複製", "저작권", "무단", "阅读原文", "编辑：",
	};

	return cps_upto(s, a, b, 200) <= 200 && line_has_any(s, a, b, words, ARRAY_SIZE(words));
}

static void
add_mark(struct doc *d, size_t *cap, enum mark_kind k, size_t a, size_t b)
{
	d->marks = xgrow(d->marks, cap, d->n_marks + 1, sizeof(*d->marks));
	d->marks[d->n_marks].kind = k;
	d->marks[d->n_marks].start = a;
	d->marks[d->n_marks].end = b;
	d->n_marks++;
}

/* Where the next 剩余 / 剩餘 at or after p is, or NPOS. at[] remembers the first of each at or
 * after the previous search (NPOS: none left), so the text is searched once in all, not once
 * a paragraph. */
static size_t
next_leftover(const struct doc *d, size_t at[2], size_t p)
{
	static const char *const words[2] = {"剩余", "剩餘"};
	int i;

	for (i = 0; i < 2; i++) {
		if (at[i] != NPOS && at[i] < p) {
			const char *hit = memmem(d->text + p, d->len - p, words[i], 6);

			at[i] = hit ? (size_t)(hit - d->text) : NPOS;
		}
	}
	return MIN(at[0], at[1]);
}

/* 展开剩余82%: two CJK letters, 剩余, digits, % (the scraped text may substitute the verb). */
static void
find_leftovers(struct doc *d, size_t *cap, size_t a, size_t b, size_t at[2])
{
	const char *s = d->text;
	size_t p = a;

	while (p + 6 < b) {
		size_t h = next_leftover(d, at, p), q, start;

		if (h == NPOS || h + 6 > b)
			break;
		p = h + 1;
		if (!starts_with(s, b, h, "剩余") && !starts_with(s, b, h, "剩餘"))
			continue;
		q = h + 6;
		if (q >= b || !isdigit((unsigned char)s[q]))
			continue;
		while (q < b && isdigit((unsigned char)s[q]))
			q++;
		if (starts_with(s, b, q, "%"))
			q += 1;
		else if (starts_with(s, b, q, "％"))
			q += 3;
		else
			continue;
		start = h;
		for (int i = 0; i < 2 && start > a; i++) {
			size_t prev = utf8_prev(s, start);
			int k;

			if (!uc_is_cjk_letter(cp_at(s, b, prev, &k)))
				break;
			start = prev;
		}
		add_mark(d, cap, MARK_LEFTOVER, start, q);
		p = q;
	}
	/* "展开全文" / "阅读全文" leftovers (all 12 bytes long) */
	{
		static const char *const words[] = {"展开全文", "点击展开", "阅读全文"};
		size_t i;

		for (i = 0; i < ARRAY_SIZE(words); i++) {
			size_t wl = strlen(words[i]);

			if (b - a == wl && memcmp(s + a, words[i], wl) == 0)
				add_mark(d, cap, MARK_LEFTOVER, a, b);
		}
	}
}

/* ---- building ---- */

static void
add_block(struct doc *d, size_t *cap, enum block_kind k, size_t a, size_t b, int level,
	  unsigned flags)
{
	struct block *bl;

	if (b <= a)
		return;
	d->blocks = xgrow(d->blocks, cap, d->n_blocks + 1, sizeof(*d->blocks));
	bl = &d->blocks[d->n_blocks++];
	bl->kind = k;
	bl->start = a;
	bl->end = b;
	bl->level = level;
	bl->flags = flags;
	bl->section = 0;
}

/* Are CJK letters at least a third as many as Latin letters among the first 64 code points
 * (and at least one)? Stops as soon as the rest cannot change the answer: with seen code
 * points counted, the answer is yes once 3 cjk >= latin + (64 - seen) (up >= 64), no once
 * 3 (cjk + 64 - seen) < latin (down < 0). */
static bool
mostly_cjk(const char *s, size_t a, size_t b)
{
	size_t p = a, cjk = 0, seen = 0;
	long up = 0, down = 192; /* 3 cjk - latin + seen; 3 cjk - latin - 3 seen + 192 */

	while (p < b && seen < 64) {
		unsigned char c0 = (unsigned char)s[p];
		bool letter;

		seen++;
		if (c0 < 0x80) {
			p++;
			if ((unsigned)((c0 | 0x20) - 'a') < 26) { /* isalpha() of ASCII */
				down -= 4;
				if (down < 0)
					return false;
			} else {
				up++;
				down -= 3;
			}
			continue;
		}
		if (c0 >= 0xE5 && c0 <= 0xE9 && b - p >= 3) { /* U+5000..U+9FFF: ideographs */
			letter = true;
			p += 3;
		} else if ((c0 & 0xF0) == 0xE0 && b - p >= 3) { /* other CJK: no call */
			uint32_t c = ((uint32_t)(c0 & 0x0F) << 12) |
				     ((uint32_t)((unsigned char)s[p + 1] & 0x3F) << 6) |
				     ((unsigned char)s[p + 2] & 0x3F);

			/* ideographs; CJK punctuation and full-width forms are no letters */
			letter = (c >= 0x4E00 && c <= 0x9FFF) ||
				 (!(c >= 0x3008 && c <= 0x303F) && c < 0xFF00 && uc_is_cjk_letter(c));
			p += 3;
		} else {
			uint32_t c;

			p += (size_t)utf8_decode(s + p, b - p, &c);
			letter = uc_is_cjk_letter(c);
		}
		if (letter) {
			cjk++;
			up += 4;
			if (up >= 64)
				return true;
		} else {
			up++;
			down -= 3;
		}
		if (down < 0)
			return false;
	}
	return cjk > 0 && up >= (long)seen; /* 3 cjk >= latin */
}

/* Is the code point at off a space (is_space_cp)? Sets *k to its length. ASCII first. */
static inline bool
space_at(const char *s, size_t end, size_t off, int *k)
{
	unsigned char c = (unsigned char)s[off];

	if (c < 0x80) {
		*k = 1;
		return c == ' ' || c == '\t' || c == '\f' || c == '\v';
	}
	if (c != 0xE3 && c != 0xC2) { /* U+3000 is E3 80 80, U+00A0 is C2 A0 */
		*k = 0;
		return false;
	}
	return is_space_cp(cp_at(s, end, off, k));
}

/* Byte offset where line i ends (its newline, or the end of the text). */
static inline size_t
line_end(const struct doc *d, size_t i)
{
	if (i + 1 < d->n_lines)
		return d->line_starts[i + 1] - 1;
	return d->len > d->line_starts[i] && d->text[d->len - 1] == '\n' ? d->len - 1 : d->len;
}

/* Fill ln with line i's range, indentation and trimmed range; everything else zero. */
static void
line_view(const struct doc *d, size_t i, struct line *ln)
{
	const char *s = d->text;
	size_t p = d->line_starts[i], e = line_end(d, i);
	int k;

	memset(ln, 0, sizeof(*ln));
	ln->start = p;
	ln->end = e;
	while (p < e && (s[p] == ' ' || s[p] == '\t')) {
		ln->indent += s[p] == '\t' ? 4 : 1;
		p++;
	}
	while (p < e && space_at(s, e, p, &k))
		p += (size_t)k;
	ln->cstart = p;
	ln->cend = e;
	while (ln->cend > ln->cstart) {
		unsigned char c = (unsigned char)s[ln->cend - 1];
		size_t prev;

		if (c < 0x80) {
			if (c != ' ' && c != '\t' && c != '\f' && c != '\v')
				break;
			ln->cend--;
			continue;
		}
		prev = utf8_prev(s, ln->cend);
		if (!is_space_cp(cp_at(s, e, prev, &k)))
			break;
		ln->cend = prev;
	}
	ln->blank = ln->cstart == ln->cend;
}

void
doc_line_table(struct doc *d)
{
	const char *s = d->text, *q = s, *e = s + d->len;
	size_t cap = 1, n = 0;

	/* count the lines first: one allocation, no copying while growing */
	while ((q = memchr(q, '\n', (size_t)(e - q))) != NULL) {
		cap++;
		q++;
	}
	d->line_starts = xmalloc_huge(cap * sizeof(size_t));
	d->line_starts[n++] = 0;
	for (q = s; (q = memchr(q, '\n', (size_t)(e - q))) != NULL; q++)
		d->line_starts[n++] = (size_t)(q - s) + 1;
	/* a final newline does not start a line of its own */
	if (n > 1 && d->line_starts[n - 1] == d->len)
		n--;
	d->n_lines = n;
}

/* The line table (doc_line_table) and one flag byte a line. */
static uint8_t *
scan_lines(struct doc *d, bool *blank_mode, size_t *indented, size_t *nonblank)
{
	size_t n, i;
	bool seen_text = false, pending_blank = false;
	uint8_t *lf;

	doc_line_table(d);
	n = d->n_lines;
	lf = xmalloc(n);
	*blank_mode = false;
	*indented = *nonblank = 0;
	for (i = 0; i < n; i++) {
		struct line ln;

		line_view(d, i, &ln);
		lf[i] = (uint8_t)((ln.blank ? LF_BLANK : 0) | (ln.indent >= 4 ? LF_IND4 : 0));
		if (ln.blank) {
			if (seen_text)
				pending_blank = true;
		} else {
			(*nonblank)++;
			if (ln.indent >= 4)
				(*indented)++;
			if (pending_blank)
				*blank_mode = true;
			seen_text = true;
		}
	}
	return lf;
}

/* Is line ln preformatted: fenced code, indented code (when indentation is not just how
 * every paragraph starts), a table? *fence carries the open fence from line to line. */
/* prev: the previous line's flags (LF_BLANK for the first line). */
static bool
line_is_pre(const char *s, const struct line *ln, bool indent_counts, uint8_t prev, bool *fence)
{
	size_t bars = 0, box = 0;

	if (starts_with(s, ln->cend, ln->cstart, "```") || starts_with(s, ln->cend, ln->cstart, "~~~")) {
		*fence = !*fence;
		return true;
	}
	if (*fence)
		return true;
	if (ln->blank)
		return false;
	/* indented code starts after a blank line (or at the top) and continues while indented */
	if (indent_counts && ln->indent >= 4 && (prev & (LF_BLANK | LF_PRE)))
		return true;
	{
		const char *q = s + ln->cstart, *e = s + MIN(ln->cend, ln->cstart + SCAN_MAX);

		while ((q = memchr(q, '|', (size_t)(e - q))) != NULL && bars < 3) {
			bars++;
			q++;
		}
		q = s + ln->cstart;
		while ((q = memchr(q, 0xE2, (size_t)(e - q))) != NULL && box < 2) {
			if (q + 1 < e && (q[1] == '\x94' || q[1] == '\x95'))
				box++;
			q++;
		}
	}
	return (bars >= 2 && s[ln->cstart] == '|') || box >= 2 || bars >= 3;
}

/* The first clause of [t, e) (at most 20 code points) appended to b after a space. */
static void
add_first_clause(struct buf *b, const char *s, size_t t, size_t e)
{
	size_t clause = t;
	int k;

	while (clause < e && cps_between(s, t, clause) < 20) {
		uint32_t c = cp_at(s, e, clause, &k);

		if (c == 0xFF0C || c == ',' || c == 0x3002 || c == 0xFF01 || c == 0xFF1F ||
		    c == 0xFF1B || c == ';' || c == 0xFF1A || c == ':' || c == '!' || c == '?' ||
		    c == 0x3001)
			break;
		clause += (size_t)k;
	}
	if (clause > t) {
		buf_addc(b, ' ');
		buf_add(b, s + t, clause - t);
		if (clause < e && cps_between(s, t, clause) >= 20)
			buf_adds(b, "…");
	}
}

/* Display title of accepted candidate c[i] (n candidates; lf: the line flags). */
static char *
heading_title(const struct doc *d, const struct cand *c, size_t n, size_t i, const uint8_t *lf)
{
	const char *s = d->text;
	const struct line *ln = &c[i].ln;
	struct buf b;
	size_t a = ln->cstart, e = ln->cend, t;

	buf_init(&b);
	if (ln->fam == FAM_MD && NUM_END(ln) > ln->cstart) { /* strip # marks */
		a = NUM_END(ln);
		while (e > a && (s[e - 1] == '#' || s[e - 1] == ' '))
			e--;
		if (e == a)
			e = ln->cend;
		buf_add(&b, s + a, e - a);
		return buf_take(&b);
	}
	if (ln->fam == FAM_TWODIGIT) {
		buf_add(&b, s + a, 2);
		t = ln->glued ? NUM_END(ln) : skip_spaces(s, e, NUM_END(ln));
		if (!ln->glued && t >= e) { /* 01 alone: the next line's first clause */
			size_t j = c[i].line + 1;
			struct line next;

			while (j < d->n_lines && (lf[j] & LF_BLANK))
				j++;
			if (j >= d->n_lines || (i + 1 < n && c[i + 1].line == j))
				return buf_take(&b);
			line_view(d, j, &next);
			t = next.cstart;
			e = next.cend;
		}
		add_first_clause(&b, s, t, e);
		return buf_take(&b);
	}
	buf_add(&b, s + a, e - a);
	return buf_take(&b);
}

static char *
first_clause(const char *s, size_t a, size_t e, size_t max_cps)
{
	size_t p = a;
	int k;

	while (p < e && cps_between(s, a, p) < max_cps) {
		uint32_t c = cp_at(s, e, p, &k);

		if (c == '\n' || c == 0x3002 || c == 0xFF0C || c == 0xFF01 || c == 0xFF1F ||
		    (c == '.' && p + 1 < e && s[p + 1] == ' '))
			break;
		p += (size_t)k;
	}
	if (p < e && cps_between(s, a, p) >= max_cps)
		return xasprintf("%.*s…", (int)(p - a), s + a);
	return xstrndup(s + a, p - a);
}

static char *
basename_title(const char *path)
{
	const char *slash, *dot;

	if (!path || strcmp(path, "-") == 0)
		return xstrdup("(stdin)");
	slash = strrchr(path, '/');
	slash = slash ? slash + 1 : path;
	dot = strrchr(slash, '.');
	return dot && dot > slash ? xstrndup(slash, (size_t)(dot - slash)) : xstrdup(slash);
}

static void
add_section(struct doc *d, size_t *cap, int level, int number, char *title, size_t first_block,
	    size_t heading)
{
	struct section *sec;

	d->sections = xgrow(d->sections, cap, d->n_sections + 1, sizeof(*d->sections));
	sec = &d->sections[d->n_sections++];
	memset(sec, 0, sizeof(*sec));
	sec->level = level;
	sec->number = number;
	sec->title = title;
	sec->first_block = first_block;
	sec->heading = heading;
}

/* Heading candidates of every line (pass 2 of doc_structure): marks preformatted lines in lf
 * and returns the candidates in line order. */
static struct cand *
find_candidates(const struct doc *d, uint8_t *lf, bool blank_mode, bool indent_counts, size_t *nout)
{
	const char *s = d->text;
	struct cand *c = NULL;
	size_t n = 0, cap = 0, i;
	struct line cur, next;
	bool fence = false;
	uint8_t prev_fam = FAM_NONE;

	if (d->n_lines > 0)
		line_view(d, 0, &next);
	for (i = 0; i < d->n_lines; i++) {
		cur = next;
		if (i + 1 < d->n_lines)
			line_view(d, i + 1, &next);
		if (line_is_pre(s, &cur, indent_counts, i ? lf[i - 1] : LF_BLANK, &fence)) {
			lf[i] |= LF_PRE;
			cur.pre = true;
		}
		classify_heading(s, &cur, i + 1 < d->n_lines ? &next : NULL);
		/* a numbered heading in a paragraph of several lines is a list item, not a heading */
		if (blank_mode && cur.fam != FAM_NONE && cur.fam != FAM_MD && !cur.glued && i > 0 &&
		    !(lf[i - 1] & (LF_BLANK | LF_PRE)) && prev_fam == FAM_NONE)
			cur.fam = FAM_NONE;
		prev_fam = cur.fam;
		if (cur.fam == FAM_NONE)
			continue;
		c = xgrow(c, &cap, n + 1, sizeof(*c));
		c[n].ln = cur;
		c[n].line = i;
		c[n].block = NPOS;
		n++;
	}
	*nout = n;
	return c;
}

void
doc_structure(struct doc *d)
{
	const char *s = d->text;
	uint8_t *lf;
	struct cand *cands;
	size_t nlines, ncands, i, k, bcap = 0, indented, nonblank;
	bool blank_mode;
	size_t para_start = NPOS, para_end = 0, pre_start = NPOS, pre_end = 0;
	int fam_level[FAM_COUNT] = {0}, next_level = 1, md_max = 0, md_shift = 0;
	size_t first_heading_block = NPOS;

	lf = scan_lines(d, &blank_mode, &indented, &nonblank);
	nlines = d->n_lines;
	cands = find_candidates(d, lf, blank_mode, blank_mode && indented * 2 < nonblank, &ncands);
	mark_toc_entries(s, cands, ncands, lf);
	accept_headings(cands, ncands);
	/* keep the accepted candidates only */
	for (i = k = 0; i < ncands; i++) {
		if (!cands[i].ln.accepted)
			continue;
		cands[k++] = cands[i];
	}
	ncands = k;
	/* every block starts on a line, a glued heading's line starts two: one allocation */
	bcap = nlines + ncands + 1;
	d->blocks = xmalloc_huge(bcap * sizeof(*d->blocks));
	for (i = 0; i < ncands; i++)
		if (cands[i].ln.fam == FAM_MD && NUM_END(&cands[i].ln) == cands[i].ln.cstart &&
		    cands[i].line + 1 < nlines)
			lf[cands[i].line + 1] |= LF_SETEXT;
	/* levels: Markdown keeps its own; other families by rank, below Markdown's deepest */
	{
		bool present[FAM_COUNT] = {false};

		for (i = 0; i < ncands; i++) {
			present[cands[i].ln.fam] = true;
			if (cands[i].ln.fam == FAM_MD)
				md_max = MAX(md_max, cands[i].ln.depth);
		}
		for (int f = FAM_VOLUME; f < FAM_COUNT; f++)
			if (present[f])
				fam_level[f] = md_max + next_level++;
	}

	/* the shallowest heading is level 1 (a text of ## headings only is not all level 2) */
	{
		int min_level = 7;

		for (i = 0; i < ncands; i++) {
			const struct line *ln = &cands[i].ln;

			min_level = MIN(min_level, ln->fam == FAM_MD ? ln->depth : fam_level[ln->fam]);
		}
		if (min_level > 1 && min_level < 7) {
			for (int f = FAM_VOLUME; f < FAM_COUNT; f++)
				if (fam_level[f])
					fam_level[f] -= min_level - 1;
			md_shift = min_level - 1;
		}
	}
	/* blocks */
#define FLUSH_PARA() \
	do { \
		if (para_start != NPOS) \
			add_block(d, &bcap, BLOCK_PARA, para_start, para_end, 0, \
				  mostly_cjk(s, para_start, para_end) ? BLOCK_F_CJK : 0); \
		para_start = NPOS; \
	} while (0)
#define FLUSH_PRE() \
	do { \
		if (pre_start != NPOS) \
			add_block(d, &bcap, BLOCK_PRE, pre_start, pre_end, 0, 0); \
		pre_start = NPOS; \
	} while (0)
	for (i = k = 0; i < nlines; i++) {
		struct line view;
		const struct line *ln;

		if ((lf[i] & LF_BLANK) && !(lf[i] & LF_PRE)) {
			FLUSH_PARA();
			FLUSH_PRE();
			continue;
		}
		if (k < ncands && cands[k].line == i) {
			int level;

			ln = &cands[k].ln;
			level = ln->fam == FAM_MD ? ln->depth - md_shift
				: fam_level[ln->fam] + (ln->fam == FAM_DOTTED ? ln->depth - 1 : 0);
			FLUSH_PARA();
			FLUSH_PRE();
			level = MIN(MAX(level, 1), 6);
			if (ln->glued) {
				add_block(d, &bcap, BLOCK_HEADING, ln->cstart, NUM_END(ln), level,
					  BLOCK_F_GLUED);
				cands[k].block = d->n_blocks - 1;
				para_start = skip_spaces(s, ln->cend, NUM_END(ln));
				para_end = ln->cend;
				if (para_start >= para_end)
					para_start = NPOS;
				else if (!blank_mode)
					FLUSH_PARA();
			} else {
				add_block(d, &bcap, BLOCK_HEADING, ln->cstart, ln->cend, level, 0);
				cands[k].block = d->n_blocks - 1;
			}
			if (first_heading_block == NPOS)
				first_heading_block = cands[k].block;
			k++;
			continue;
		}
		line_view(d, i, &view);
		ln = &view;
		if (lf[i] & (LF_PRE | LF_TOC | LF_SETEXT)) {
			FLUSH_PARA();
			if (pre_start == NPOS)
				pre_start = ln->start;
			pre_end = ln->blank ? ln->start : ln->end;
			if (ln->blank) /* inside a fence: keep going */
				pre_end = ln->end;
			if (lf[i] & LF_SETEXT)
				FLUSH_PRE();
			continue;
		}
		FLUSH_PRE();
		/* a byline near the top stands alone even without blank lines around it */
		if (blank_mode && d->n_blocks < 6 && byline_name(s, ln->cstart, ln->cend) != NPOS) {
			FLUSH_PARA();
			add_block(d, &bcap, BLOCK_PARA, ln->cstart, ln->cend, 0, 0);
			continue;
		}
		/* the first line is the title when short, even when a line follows it directly;
		 * but a hard-wrapped first paragraph (its first line as long as the next) is not */
		if (blank_mode && d->n_blocks == 0 && para_start == NPOS && i + 1 < nlines &&
		    !(lf[i + 1] & LF_BLANK) && !(k < ncands && cands[k].line == i + 1)) {
			struct line nx;

			line_view(d, i + 1, &nx);
			if (cps_upto(s, ln->cstart, ln->cend, 40) <= 40 &&
			    !ends_sentence(s, ln->cstart, ln->cend) &&
			    !ends_midsentence(s, ln->cstart, ln->cend) &&
			    cps_upto(s, ln->cstart, ln->cend, 40) < cps_upto(s, nx.cstart, nx.cend, 200)) {
				add_block(d, &bcap, BLOCK_PARA, ln->cstart, ln->cend, 0, 0);
				continue;
			}
		}
		if (para_start == NPOS) {
			para_start = ln->cstart;
		}
		para_end = ln->cend;
		if (!blank_mode)
			FLUSH_PARA();
	}
	FLUSH_PARA();
	FLUSH_PRE();
#undef FLUSH_PARA
#undef FLUSH_PRE
	if (d->n_blocks > 0 && d->n_blocks < bcap) /* give back what paragraphs of several lines left */
		d->blocks = xrealloc(d->blocks, d->n_blocks * sizeof(*d->blocks));

	doc_mark_front_back(d, first_heading_block, blank_mode);
	{
		struct doc_heading *heads = xcalloc(ncands ? ncands : 1, sizeof(*heads));

		for (i = 0; i < ncands; i++) {
			const struct line *ln = &cands[i].ln;

			heads[i].block = cands[i].block;
			heads[i].number = ln->fam == FAM_DOTTED ? ln->num[ln->depth - 1] : MAX(ln->num[0], 0);
			heads[i].title = heading_title(d, cands, ncands, i, lf);
		}
		doc_make_sections(d, heads, ncands);
		free(heads);
	}
	free(cands);
	free(lf);
}

bool
doc_mostly_cjk(const char *s, size_t a, size_t b)
{
	return mostly_cjk(s, a, b);
}

/* After the blocks, the rules plain text and Markdown (doc_md.c) share: title and byline
 * (only before the first heading), the footer, web leftovers. */
void
doc_mark_front_back(struct doc *d, size_t first_heading_block, bool blank_mode)
{
	const char *s = d->text;
	size_t i, mcap = 0;

	/* title and byline: only before the first heading; a TITLE block made by the format (a
	 * Markdown document's lone level-1 heading) is the title as it stands */
	d->title_block = NPOS;
	d->byline_block = NPOS;
	if (d->n_blocks > 0 && d->blocks[0].kind == BLOCK_TITLE) {
		d->title_block = 0;
		d->title = xstrndup(s + d->blocks[0].start, d->blocks[0].end - d->blocks[0].start);
	}
	{
		size_t limit = MIN(d->n_blocks, first_heading_block == NPOS ? (size_t)6 : first_heading_block);

		for (i = 0; i < limit && i < 6; i++) {
			struct block *bl = &d->blocks[i];
			size_t name;

			if (bl->kind != BLOCK_PARA || memchr(s + bl->start, '\n', bl->end - bl->start))
				continue;
			name = byline_name(s, bl->start, bl->end);
			if (name != NPOS) {
				bl->kind = BLOCK_BYLINE;
				d->byline_block = i;
				d->author = xstrndup(s + name, bl->end - name);
				break;
			}
		}
		if (d->n_blocks > 0 && d->blocks[0].kind == BLOCK_PARA && first_heading_block != 0) {
			struct block *bl = &d->blocks[0];
			size_t cps = cps_upto(s, bl->start, bl->end, 100);
			bool one_line = !memchr(s + bl->start, '\n', bl->end - bl->start);

			if (one_line && (d->byline_block == 1 || cps <= 40 ||
					 (blank_mode && cps <= 100 && !ends_sentence(s, bl->start, bl->end)))) {
				bl->kind = BLOCK_TITLE;
				bl->flags &= ~(unsigned)BLOCK_F_CJK;
				d->title_block = 0;
				d->title = xstrndup(s + bl->start, bl->end - bl->start);
			}
		}
		if (!d->title && first_heading_block == 0)
			d->title = xstrndup(s + d->blocks[0].start, d->blocks[0].end - d->blocks[0].start);
		if (!d->title)
			d->title = basename_title(d->path);
	}
	/* footer: trailing lines of reprint notices, publication data, copyright */
	for (i = d->n_blocks; i-- > 0 && d->n_blocks - i <= 4;) {
		struct block *bl = &d->blocks[i];

		if (bl->kind != BLOCK_PARA || !is_footer_line(s, bl->start, bl->end))
			break;
		bl->kind = BLOCK_FOOTER;
		bl->flags &= ~(unsigned)BLOCK_F_CJK;
	}
	/* web leftovers */
	{
		size_t at[2] = {0, 0}; /* a guess at 0: find_leftovers checks each hit */

		for (i = 0; i < d->n_blocks; i++) {
			const struct block *bl = &d->blocks[i];

			/* quick test first: only a 12-byte paragraph can be 展开全文 and the like */
			if (bl->kind == BLOCK_PARA &&
			    (bl->end - bl->start == 12 || MIN(at[0], at[1]) < bl->end))
				find_leftovers(d, &mcap, bl->start, bl->end, at);
		}
	}
}

/* Sections: the lead (when the first heading is not the first block) and one per heading in
 * heads (titles taken), or, with no heading, sections of about SPLIT_CPS characters; then
 * every block's section and the sections' ranges and source lines. */
void
doc_make_sections(struct doc *d, const struct doc_heading *heads, size_t n)
{
	const char *s = d->text;
	size_t i, scap = 0;

	/* sections */
	if (n == 0) {
		size_t start = 0, cps = 0;

		for (i = 0; i < d->n_blocks; i++) {
			size_t bc = cps_between(s, d->blocks[i].start,
						MIN(d->blocks[i].end, d->blocks[i].start + 4 * SPLIT_CPS));

			if (i > start && cps + bc > SPLIT_CPS && d->blocks[i].kind == BLOCK_PARA) {
				add_section(d, &scap, 1, 0,
					    d->n_sections == 0 ? xstrdup(d->title)
							       : first_clause(s, d->blocks[start].start,
									      d->blocks[start].end, 20),
					    start, NPOS);
				start = i;
				cps = 0;
			}
			cps += bc;
		}
		if (d->n_blocks > 0 || d->n_sections == 0)
			add_section(d, &scap, 1, 0,
				    d->n_sections == 0 || start >= d->n_blocks
					    ? xstrdup(d->title)
					    : first_clause(s, d->blocks[start].start, d->blocks[start].end, 20),
				    start, NPOS);
	} else {
		if (heads[0].block > 0)
			add_section(d, &scap, 1, 0, xstrdup(d->title), 0, NPOS);
		for (i = 0; i < n; i++)
			add_section(d, &scap, d->blocks[heads[i].block].level, heads[i].number,
				    heads[i].title, heads[i].block, heads[i].block);
	}
	for (i = 0; i < d->n_sections; i++) {
		struct section *sec = &d->sections[i];
		size_t next = i + 1 < d->n_sections ? d->sections[i + 1].first_block : d->n_blocks;
		size_t b;

		sec->n_blocks = next - sec->first_block;
		sec->start = sec->first_block < d->n_blocks ? d->blocks[sec->first_block].start : d->len;
		sec->end = next < d->n_blocks ? d->blocks[next].start : d->len;
		sec->line = doc_line_at(d, sec->start);
		for (b = sec->first_block; b < next; b++)
			d->blocks[b].section = i;
	}
	if (d->n_sections > 0)
		d->sections[0].start = 0;
}

/* ---- public ---- */

enum status
doc_load_buffer(const char *buf, size_t len, const char *path_hint, struct doc **out)
{
	return doc_load_buffer_enc(buf, len, path_hint, NULL, out);
}

/* Build a document from bytes; *owned (when not NULL) is freed as soon as the normalized text
 * exists, so the raw bytes and the structure never take memory at the same time. */
static enum status
doc_build(const char *buf, size_t len, char **owned, const char *path_hint, const char *encoding,
	  struct doc **out)
{
	struct doc *d = xcalloc(1, sizeof(*d));
	enum status st;

	*out = NULL;
	d->path = xstrdup(path_hint ? path_hint : "-");
	st = owned ? doc_normalize_consume(*owned, len, encoding, d)
		   : doc_normalize(buf, len, encoding, d);
	if (owned) {
		free(*owned);
		*owned = NULL;
	}
	if (st == OK && d->len == 0)
		st = ERR_EMPTY;
	if (st != OK) {
		doc_free(d);
		return st;
	}
	if (path_hint) {
		size_t pl = strlen(path_hint);

		if ((pl > 3 && strcmp(path_hint + pl - 3, ".md") == 0) ||
		    (pl > 9 && strcmp(path_hint + pl - 9, ".markdown") == 0))
			d->format = DOC_MARKDOWN;
	}
	if (d->format == DOC_MARKDOWN)
		doc_structure_md(d);
	else
		doc_structure(d);
	*out = d;
	return OK;
}

enum status
doc_load_buffer_enc(const char *buf, size_t len, const char *path_hint, const char *encoding,
		    struct doc **out)
{
	return doc_build(buf, len, NULL, path_hint, encoding, out);
}

enum status
doc_load_file(const char *path, struct doc **out)
{
	return doc_load_file_enc(path, NULL, out);
}

enum status
doc_load_file_enc(const char *path, const char *encoding, struct doc **out)
{
	char *buf;
	size_t len;
	enum status st;

	*out = NULL;
	st = read_file(path, &buf, &len);
	if (st != OK)
		return st;
	st = doc_build(buf, len, &buf, path, encoding, out);
	free(buf);
	return st;
}

void
doc_free(struct doc *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->n_sections; i++)
		free(d->sections[i].title);
	free(d->sections);
	free(d->blocks);
	free(d->marks);
	free(d->line_starts);
	free(d->title);
	free(d->author);
	free(d->text);
	free(d->path);
	free(d);
}

size_t
doc_block_at(const struct doc *d, size_t off)
{
	size_t lo = 0, hi = d->n_blocks;

	if (d->n_blocks == 0)
		return NPOS;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->blocks[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t
doc_section_at(const struct doc *d, size_t off)
{
	size_t lo = 0, hi = d->n_sections;

	if (d->n_sections == 0)
		return NPOS;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->sections[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t
doc_line_at(const struct doc *d, size_t off)
{
	size_t lo = 0, hi = d->n_lines;

	if (d->n_lines == 0)
		return 1;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo + 1;
}

size_t
doc_mark_at(const struct doc *d, size_t off)
{
	size_t i;

	for (i = 0; i < d->n_marks; i++)
		if (d->marks[i].start <= off && off < d->marks[i].end)
			return i;
	return NPOS;
}

void
doc_toc_json(const struct doc *d, struct buf *b)
{
	size_t i;

	buf_addc(b, '[');
	for (i = 0; i < d->n_sections; i++) {
		const struct section *sec = &d->sections[i];

		buf_adds(b, i ? ",\n " : "\n ");
		buf_addf(b, "{\"index\": %zu, \"level\": %d, \"title\": ", i + 1, sec->level);
		buf_add_json(b, sec->title, strlen(sec->title));
		buf_addf(b, ", \"line\": %zu}", sec->line);
	}
	buf_adds(b, d->n_sections ? "\n]\n" : "]\n");
}

void
doc_toc_text(const struct doc *d, struct buf *b)
{
	size_t i;

	for (i = 0; i < d->n_sections; i++) {
		const struct section *sec = &d->sections[i];
		int l;

		for (l = 1; l < sec->level; l++)
			buf_adds(b, "  ");
		buf_addf(b, "%s\t%zu\n", sec->title, sec->line);
	}
}
