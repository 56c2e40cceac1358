/* test_layout.c — the layout module: the wrap cases of notes/cjk-layout.md §9, widths against
 * glibc wcwidth(), cells and placeholders, soft joins, indents, positions, width 1, and a
 * property test over every width 2..140 and both ambiguous widths for the shared sample,
 * samples/ *.txt and the fixtures in tests/unit/data/layout/. The properties are checked on
 * the printed text with this file's own width function (from EastAsianWidth.txt), not
 * layout's. */
#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "jingdu/doc.h"
#include "jingdu/layout.h"
#include "tap.h"

/* ---- the test's own width: East Asian Width from the UCD file ---- */

static signed char *eaw; /* per code point: 0 zero-width, 1 narrow, 2 wide, 3 ambiguous */

static bool
eaw_load(void)
{
	FILE *f = fopen("/usr/share/unicode/EastAsianWidth.txt", "r");
	char line[512];

	if (!f)
		return false;
	eaw = malloc(0x110000);
	memset(eaw, 1, 0x110000);
	while (fgets(line, sizeof(line), f)) {
		unsigned lo, hi, c;
		char cls[4] = "", cat[4] = "";
		char *semi = strchr(line, ';'), *hash = strchr(line, '#');

		if (line[0] == '#' || !semi || !hash)
			continue;
		if (sscanf(line, "%x..%x", &lo, &hi) != 2) {
			if (sscanf(line, "%x", &lo) != 1)
				continue;
			hi = lo;
		}
		sscanf(semi + 1, "%3[A-Za-z]", cls);
		sscanf(hash + 1, " %2s", cat);
		for (c = lo; c <= hi && c < 0x110000; c++) {
			if (!strcmp(cat, "Mn") || !strcmp(cat, "Me") || !strcmp(cat, "Cf"))
				eaw[c] = 0;
			else if (!strcmp(cls, "W") || !strcmp(cls, "F"))
				eaw[c] = 2;
			else if (!strcmp(cls, "A"))
				eaw[c] = 3;
		}
	}
	fclose(f);
	for (unsigned c = 0xFE00; c <= 0xFE0F; c++)
		eaw[c] = 0;
	return true;
}

static int
test_cp_width(uint32_t c, int amb)
{
	if (c >= 0x110000)
		return 1;
	return eaw[c] == 3 ? amb : eaw[c];
}

/* Decode strictly; returns length or 0 when the bytes are not valid UTF-8. */
static int
dec(const unsigned char *s, size_t n, uint32_t *cp)
{
	int k, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		k = 2, *cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		k = 3, *cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		k = 4, *cp = s[0] & 0x07;
	else
		return 0;
	if ((size_t)k > n)
		return 0;
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3F);
	}
	if ((k == 3 && *cp < 0x800) || (k == 4 && (*cp < 0x10000 || *cp > 0x10FFFF)) ||
	    (*cp >= 0xD800 && *cp <= 0xDFFF))
		return 0;
	return k;
}

/* ---- helpers ---- */

static struct doc *
load(const char *text)
{
	struct doc *d = NULL;

	doc_load_buffer(text, strlen(text), "test.txt", &d);
	return d;
}

/* Lay out text at width w and return the lines joined with '|' (no spacing, no indent). */
static char *
wrap(const char *text, int w, int amb)
{
	static char out[8192];
	struct doc *d = load(text);
	struct layout_opts o;
	struct layout *l;
	struct buf b;
	size_t i;

	out[0] = '\0';
	if (!d)
		return out;
	layout_opts_default(&o);
	o.width = w;
	o.ambiguous_width = amb;
	o.para_spacing = false;
	o.cjk_indent = 0;
	l = layout_new(d, &o);
	buf_init(&b);
	layout_print(l, &b);
	for (i = 0; i < b.len && i < sizeof(out) - 1; i++)
		out[i] = b.s[i] == '\n' ? '|' : b.s[i];
	out[i] = '\0';
	if (i > 0 && out[i - 1] == '|')
		out[i - 1] = '\0';
	buf_fini(&b);
	layout_free(l);
	doc_free(d);
	return out;
}

static char *
print_doc(struct doc *d, int w, int amb)
{
	struct layout_opts o;
	struct layout *l;
	struct buf b;

	layout_opts_default(&o);
	o.width = w;
	o.ambiguous_width = amb;
	l = layout_new(d, &o);
	buf_init(&b);
	layout_print(l, &b);
	layout_free(l);
	return buf_take(&b);
}

/* ---- §9 of notes/cjk-layout.md ---- */

static void
test_wrap_cases(void)
{
	is_str(wrap("我们今天讨论中文断行问题", 10, 1), "我们今天讨|论中文断行|问题", "§9 #1 Han at 10");
	is_str(wrap("DeepSeek的MoE路线", 10, 1), "DeepSeek的|MoE路线", "§9 #2 mixed");
	is_str(wrap("使用 Linux 系统阅读", 10, 1), "使用 Linux|系统阅读",
	       "§9 #3 trailing space hangs");
	is_str(wrap("今天天气很好。明天", 12, 1), "今天天气很|好。明天", "§9 #4 at 12: 。 pushes 好 down");
	is_str(wrap("今天天气很好。明天", 10, 1), "今天天气很|好。明天", "。 never starts a line (push out)");
	is_str(wrap("他说：“你好。”然后走了", 8, 1), "他说：|“你好。”|然后走了",
	       "§9 #5 quotes break outside, not inside");
	is_str(wrap("我们——至少是我——不同意", 8, 1), "我们——至|少是我——|不同意", "§9 #6 —— whole");
	is_str(wrap("他想了想……还是算了", 8, 1), "他想了|想……还是|算了", "§9 #7 …… not at line start");
	is_str(wrap("안녕하세요 세계 여러분", 10, 1), "안녕하세요|세계|여러분", "§9 #10 Korean keep-all");
	is_str(wrap("家庭👨‍👩‍👧成员", 6, 1), "家庭|👨👩👧|成员", "§9 #11 ZWJ cluster whole (ZWJ not sent)");
	is_str(wrap("名字\t值", 4, 1), "名字|值", "§9 #16 tab expands and hangs");
	is_str(wrap("Supercalifragilisticexpialidocious是长词", 12, 1),
	       "Supercalifra|gilisticexpi|alidocious是|长词", "§9 #18 long word broken at the width");
	is_str(wrap("列夫·托尔斯泰", 4, 1), "列|夫·|托尔|斯泰", "§9 #19 · not at line start");
	is_str(wrap("时间9～10点", 6, 1), "时间|9～10|点", "§9 #20 9～10 stays together");
	is_str(wrap("ちょっとキャッシュ", 8, 1), "ちょっと|キャッ|シュ", "small kana never start a line");
	is_str(wrap("コンピューター", 6, 1), "コン|ピュー|ター", "ー and small kana stay with the kana before");
	is_str(wrap("人々は々", 4, 1), "人々|は々", "々 never starts a line");
	is_str(wrap("see e.g. example.com now", 12, 1), "see e.g.|example.com|now",
	       "LB29: e.g. and example.com are not split");
	is_str(wrap("见https://example.com/a/very/long/path说明", 20, 1),
	       "见https://example.co|m/a/very/long/path说|明", "a URL longer than the line: broken at the width");
	is_str(wrap("see https://example.com/a/b.html, ok", 30, 1),
	       "see|https://example.com/a/b.html,|ok", "a URL that fits stays whole");
	is_str(wrap("ab cd", 5, 1), "ab cd", "a line may end exactly at the margin");
	is_str(wrap("（括号）《书名》", 4, 1), "（括|号）|《书|名》", "opening marks never end a line");
	is_str(wrap("“你好”", 2, 1), "“|你|好|”", "width 2: the rules yield, nothing is lost");
}

static void
test_ambiguous(void)
{
	is_str(wrap("他说：“你好。”然后走了", 8, 2), "他说：|“你|好。”然|后走了", "quotes at ambiguous 2");
	is_str(wrap("“ab”", 4, 1), "“ab”", "ambiguous 1: “ab” is 4 columns");
	is_str(wrap("“ab”", 4, 2), "“a|b”", "ambiguous 2: “ab” does not fit 4 columns");
	is_int(layout_cp_width(0x201C, 1), 1, "“ is 1 column at ambiguous 1");
	is_int(layout_cp_width(0x201C, 2), 2, "“ is 2 columns at ambiguous 2");
	is_int(layout_cp_width(0x00E9, 2), 2, "é is ambiguous");
	is_int(layout_cp_width(0x0301, 2), 0, "a combining mark stays 0 at ambiguous 2");
	is_int(layout_cp_width(0x2764, 2), 1, "❤ is not ambiguous (EAW N)");
	is_int(layout_cp_width(0x4E2D, 1), 2, "中 is wide");
	is_int(layout_cp_width(0xFF01, 1), 2, "！ is wide");
	is_int(layout_cp_width(0x200D, 1), 0, "ZWJ is dropped");
	is_int(layout_cp_width(0x1B, 1), 2, "ESC shows as ^[");
	is_int(layout_cp_width(0x1FA77, 1), 1, "U+1FA77 (unknown to glibc 2.36) shows as U+FFFD");
	is_int(layout_cp_width(0x1FA77, 2), 2, "... which is ambiguous");
}

/* layout's widths against glibc's wcwidth() in C.UTF-8, the width ncurses will use. */
static void
test_glibc_widths(void)
{
	unsigned c, bad = 0, checked = 0;

	if (!setlocale(LC_CTYPE, "C.UTF-8") || wcwidth(0x4E2D) != 2) {
		tap_diag("skipped: C.UTF-8 locale absent");
		return;
	}
	for (c = 0xA0; c < 0x110000; c++) {
		int g, m, want;

		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		g = wcwidth((wchar_t)c);
		m = layout_cp_width(c, 1);
		if (g < 0 || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
			want = 1; /* U+FFFD placeholder */
		else if (c == 0x00AD || c == 0x200D || c == 0xFE0E || c == 0xFE0F)
			want = 0; /* dropped */
		else
			want = g;
		checked++;
		if (m != want && bad++ < 5)
			tap_diag("U+%04X: layout %d, wcwidth %d", c, m, g);
	}
	setlocale(LC_CTYPE, "C");
	ok(bad == 0, "layout_cp_width agrees with glibc wcwidth on %u code points (%u differ)",
	   checked, bad);
}

static size_t
cells_of(const char *text, int w, struct layout_cell *cells, size_t max, struct doc **dp,
	 struct layout **lp)
{
	struct layout_opts o;
	size_t n;
	const struct layout_line *ln;

	*dp = load(text);
	layout_opts_default(&o);
	o.width = w;
	o.cjk_indent = 0;
	*lp = layout_new(*dp, &o);
	ln = layout_block_lines(*lp, 0, &n);
	return layout_line_cells(*lp, &ln[0], cells, max);
}

static void
test_cells(void)
{
	struct layout_cell c[64];
	struct doc *d;
	struct layout *l;
	size_t n;

	n = cells_of("a\033[1mb", 40, c, 64, &d, &l);
	ok(n == 7 && !strcmp(c[1].s, "^") && !strcmp(c[2].s, "[") &&
		   (c[1].flags & LAYOUT_CELL_PLACEHOLDER) && c[1].off == 1 && c[1].end == 2,
	   "ESC is the placeholder ^[ over the ESC byte");
	layout_free(l);
	doc_free(d);

	n = cells_of("x\xe2\x80\xaey\xe2\x81\xa6z", 40, c, 64, &d, &l);
	ok(n == 5 && !strcmp(c[1].s, "\xEF\xBF\xBD") && !strcmp(c[3].s, "\xEF\xBF\xBD"),
	   "bidi override and isolate show as U+FFFD");
	layout_free(l);
	doc_free(d);

	n = cells_of("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9 \xe2\x9d\xa4\xef\xb8\x8f", 40, c,
		     64, &d, &l);
	ok(n == 4 && c[0].width == 2 && c[1].width == 2 && c[0].end == 7 && c[3].len == 3 &&
		   c[3].width == 1,
	   "ZWJ sequence: one cell per emoji, ZWJ and VS16 not drawn");
	layout_free(l);
	doc_free(d);

	n = cells_of("q\xcc\x83\xcc\x81!", 40, c, 64, &d, &l);
	ok(n == 2 && c[0].len == 5 && c[0].width == 1 && c[0].end == 5, "marks join their base cell");
	layout_free(l);
	doc_free(d);

	n = cells_of("ab\tc", 40, c, 64, &d, &l);
	ok(n == 9 && c[7].off == 2 && (c[7].flags & LAYOUT_CELL_SPACE) && !strcmp(c[8].s, "c"),
	   "a tab expands to the next stop as spaces");
	layout_free(l);
	doc_free(d);

	n = cells_of("A\xc2\x9b" "B\x7f", 40, c, 64, &d, &l);
	ok(n == 5 && !strcmp(c[1].s, "\xEF\xBF\xBD") && !strcmp(c[3].s, "^") && !strcmp(c[4].s, "?"),
	   "C1 CSI shows as U+FFFD, DEL as ^?");
	layout_free(l);
	doc_free(d);
}

static void
test_joins_and_indent(void)
{
	is_str(wrap("中文段落的第一行\n接着第二行。\n\n二", 80, 1), "中文段落的第一行接着第二行。|二",
	       "a source line break between CJK joins with nothing");
	is_str(wrap("words on one line\nand the next\n\nx", 80, 1), "words on one line and the next|x",
	       "a source line break between words joins with one space");
	is_str(wrap("中文，  \n  English\n\nx", 80, 1), "中文，English|x",
	       "no space after full-width punctuation; blanks around the break go");
	is_str(wrap("한국어 문장\n다음 줄\n\nx", 80, 1), "한국어 문장 다음 줄|x", "Korean joins with a space");
	{
		struct doc *d = load("这是一个中文段落，它应该有首行缩进，宽度足够的时候就有。\n\n"
				     "第二个中文段落也一样，有缩进，而且比较长一些。\n");
		char *s = d ? print_doc(d, 20, 1) : NULL;

		if (s && !strstr(s, "\n    第二个中文段落"))
			tap_diag("got:\n%s", s);
		ok(s && strstr(s, "\n    第二个中文段落"), "a CJK paragraph gets the 4-column first-line indent");
		free(s);
		s = d ? print_doc(d, 6, 1) : NULL;
		ok(s && strstr(s, "\n第二个") && !strstr(s, "  第"), "the indent yields at narrow widths");
		free(s);
		doc_free(d);
	}
}

static void
test_positions(void)
{
	const char *text = "第一段的文字，足够长，可以折成好几行来测试位置。\n\n"
			   "Second paragraph with some English words in it.\n";
	struct doc *d = load(text);
	struct layout_opts o;
	struct layout *l;
	struct layout_pos p, q;
	const struct layout_line *ln;
	size_t off, steps = 0;

	if (!ok(d != NULL, "load"))
		return;
	layout_opts_default(&o);
	o.width = 12;
	l = layout_new(d, &o);
	off = (size_t)(strstr(d->text, "English") - d->text);
	p = layout_pos_at(l, off);
	ln = layout_line_at(l, p);
	ok(ln && ln->start <= off && off < ln->end, "layout_pos_at finds the line that shows an offset");
	q = p;
	while (layout_pos_prev(l, &q))
		steps++;
	ok(q.block == 0 && q.line == 0 && steps > 3, "layout_pos_prev walks back to the start (%zu)", steps);
	while (layout_pos_next(l, &q))
		steps--;
	ok(!layout_pos_next(l, &q), "layout_pos_next stops at the end");
	o.width = 30;
	layout_set_opts(l, &o);
	p = layout_pos_at(l, off);
	ln = layout_line_at(l, p);
	ok(ln && ln->start <= off && off < ln->end, "after a resize the same offset is still shown");
	layout_free(l);
	doc_free(d);
}

static void
test_width_one(void)
{
	struct doc *d = load("中文ab\033“");
	char *s;
	const char *p;
	bool good = true;

	if (!d)
		return;
	s = print_doc(d, 1, 2);
	for (p = s; *p; p++)
		if (*p != '\n' && (p[1] != '\n' || (unsigned char)*p >= 0x80))
			good = false;
	ok(good && strstr(s, "?\n?\na\nb\n?\n?\n"), "width 1: one column a line, wide characters as ?");
	free(s);
	doc_free(d);
}

static void
test_pre(void)
{
	struct doc *d = load("Some text here.\n\n```\nint x = 1;\n    return x;   // a comment that is long\n```\n\nend\n");
	char *s;

	if (!d)
		return;
	s = print_doc(d, 20, 1);
	ok(s && strstr(s, "\nint x = 1;\n    return x;") != NULL,
	   "preformatted lines keep their own lines and indentation");
	ok(s && strstr(s, "    return x;   // a\ncomment that is long\n"),
	   "a long preformatted line is broken at the width");
	free(s);
	doc_free(d);
}

/* ---- property test ---- */

static const char NOSTART[] = "，。、；：？！）》」』”’〉】〕…,.;:?!)]}ゃゅょっぁぃぅぇぉャュョッァィゥェォー々";
static const char NOEND[] = "（《「『“‘〈【〔([{";

static bool
in_set(const char *set, uint32_t cp)
{
	const unsigned char *s = (const unsigned char *)set;

	while (*s) {
		uint32_t c;
		int k = dec(s, 4, &c);

		if (c == cp)
			return true;
		s += k ? k : 1;
	}
	return false;
}

static bool
is_ws(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == 0x3000 || c == '\r';
}

/* The visible characters the text should show, in order, by this test's own rules:
 * controls as ^X or U+FFFD, bidi controls and code points glibc does not know as U+FFFD,
 * joiners, emoji selectors and invisible format characters left out. */
static uint32_t *
expected_chars(const char *t, size_t n, size_t *count)
{
	uint32_t *v = malloc((2 * n + 1) * sizeof(*v));
	size_t i = 0, k = 0;

	while (i < n) {
		uint32_t c;
		int len = dec((const unsigned char *)t + i, n - i, &c);

		i += (size_t)(len ? len : 1);
		if (is_ws(c))
			continue;
		if (c < 0x20 || c == 0x7F) {
			v[k++] = '^';
			v[k++] = c == 0x7F ? '?' : c ^ 0x40;
		} else if ((c >= 0x80 && c < 0xA0) || (c >= 0x202A && c <= 0x202E) ||
			   (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029 ||
			   (c >= 0x80 && wcwidth((wchar_t)c) < 0)) {
			v[k++] = 0xFFFD;
		} else if (c == 0x200D || c == 0xFE0E || c == 0xFE0F || c == 0xAD ||
			   (c < 0x110000 && eaw[c] == 0 && wcwidth((wchar_t)c) == 0 &&
			    (c == 0x200B || c == 0x200C || c == 0x200E || c == 0x200F || c == 0x2060 ||
			     c == 0xFEFF || (c >= 0xE0000 && c <= 0xE007F)))) {
			continue;
		} else {
			v[k++] = c;
		}
	}
	*count = k;
	return v;
}

struct prop_result {
	unsigned over, badutf8, lost, start_bad, end_bad, paths;
	char first[256];
};

static void
prop_check(struct doc *d, int w, int amb, const uint32_t *want, size_t nwant,
	   struct prop_result *r)
{
	struct layout_opts o;
	struct layout *l;
	size_t b, k = 0;
	struct layout_cell *cells = malloc(((size_t)w + 16) * sizeof(*cells));
	struct buf out, ln;
	char *printed;

	layout_opts_default(&o);
	o.width = w;
	o.ambiguous_width = amb;
	l = layout_new(d, &o);
	buf_init(&out);
	buf_init(&ln);
	for (b = 0; b < d->n_blocks; b++) {
		size_t n, i;
		const struct layout_line *lines = layout_block_lines(l, b, &n);

		for (i = 0; i < n; i++) {
			size_t nc = layout_line_cells(l, &lines[i], cells, (size_t)w + 16), j;
			const unsigned char *s;
			int width = 0;
			uint32_t first = 0, second = 0, last = 0;

			ln.len = 0;
			for (j = 0; j < (size_t)lines[i].indent; j++)
				buf_addc(&ln, ' ');
			for (j = 0; j < nc && j < (size_t)w + 16; j++)
				buf_add(&ln, cells[j].s, cells[j].len);
			buf_add(&out, ln.s, ln.len);
			buf_addc(&out, '\n');
			for (s = (const unsigned char *)ln.s; s < (const unsigned char *)ln.s + ln.len;) {
				uint32_t c;
				int kk = dec(s, (size_t)((const unsigned char *)ln.s + ln.len - s), &c);

				if (!kk) {
					r->badutf8++;
					s++;
					continue;
				}
				s += kk;
				width += test_cp_width(c, amb);
				if (!is_ws(c)) {
					if (!first)
						first = c;
					else if (!second)
						second = c;
					last = c;
					if (k < nwant && want[k] == c)
						k++;
					else if (!r->lost++)
						snprintf(r->first, sizeof(r->first),
							 "w=%d amb=%d: U+%04X where U+%04X was due", w, amb,
							 c, k < nwant ? want[k] : 0);
				}
			}
			if (width > w && !r->over++)
				snprintf(r->first, sizeof(r->first), "w=%d amb=%d: line of %d columns: %s", w,
					 amb, width, ln.s);
			if (w >= 10 && lines[i].start > d->blocks[b].start &&
			    d->text[lines[i].start - 1] != '\n' && first &&
			    (in_set(NOSTART, first) || (first == 0x2014 && second == 0x2014))) {
				if (!r->start_bad++)
					snprintf(r->first, sizeof(r->first), "w=%d: line starts with a closing mark: %s",
						 w, ln.s);
			}
			if (w >= 10 && lines[i].end < d->blocks[b].end && d->text[lines[i].end] != '\n' &&
			    lines[i].end > lines[i].start && last && in_set(NOEND, last) && nc > 0 &&
			    !(cells[MIN(nc, (size_t)w + 16) - 1].flags & LAYOUT_CELL_PLACEHOLDER)) {
				if (!r->end_bad++)
					snprintf(r->first, sizeof(r->first), "w=%d: line ends with an opening mark: %s",
						 w, ln.s);
			}
		}
	}
	if (k != nwant && !r->lost++)
		snprintf(r->first, sizeof(r->first), "w=%d amb=%d: %zu of %zu characters shown", w, amb, k,
			 nwant);
	printed = print_doc(d, w, amb);
	{
		/* the fast path (tailoring just ahead of the fitting) and the slow one agree */
		char *slow;

		layout_debug_slow_path = 1;
		slow = print_doc(d, w, amb);
		layout_debug_slow_path = 0;
		if (strcmp(slow, printed) != 0 && !r->paths++)
			snprintf(r->first, sizeof(r->first), "w=%d amb=%d: fast and slow paths differ", w,
				 amb);
		free(slow);
	}
	{
		/* layout_print must show the same lines (it strips trailing blanks) */
		struct buf t;
		const char *a = out.s;

		buf_init(&t);
		while (a && *a) {
			const char *e = strchr(a, '\n');
			size_t len = (size_t)(e - a);

			for (;;) {
				if (len > 0 && a[len - 1] == ' ')
					len--;
				else if (len >= 3 && !memcmp(a + len - 3, "\xE3\x80\x80", 3))
					len -= 3;
				else
					break;
			}
			buf_add(&t, a, len);
			buf_addc(&t, '\n');
			a = e + 1;
		}
		if (strcmp(t.s ? t.s : "", printed) != 0 && !r->lost++)
			snprintf(r->first, sizeof(r->first), "w=%d: layout_print differs from the cells", w);
		buf_fini(&t);
	}
	free(printed);
	buf_fini(&out);
	buf_fini(&ln);
	free(cells);
	layout_free(l);
}

static void
prop_file(const char *path)
{
	struct doc *d = NULL;
	struct prop_result r;
	uint32_t *want;
	size_t nwant;
	int w, amb;
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

	if (doc_load_file(path, &d) != OK) {
		ok(0, "%s loads", name);
		return;
	}
	want = expected_chars(d->text, d->len, &nwant);
	memset(&r, 0, sizeof(r));
	for (amb = 1; amb <= 2; amb++)
		for (w = 2; w <= 140; w++)
			prop_check(d, w, amb, want, nwant, &r);
	ok(r.over == 0, "%s: no line wider than the width (widths 2..140, ambiguous 1 and 2)", name);
	ok(r.badutf8 == 0, "%s: valid UTF-8", name);
	ok(r.lost == 0, "%s: every visible character once and in order", name);
	ok(r.start_bad == 0, "%s: no closing mark at a line start the layout made (width >= 10)", name);
	ok(r.end_bad == 0, "%s: no opening mark at a line end the layout made (width >= 10)", name);
	ok(r.paths == 0, "%s: the one-pass fast path gives the same lines as the slow path", name);
	if (r.over || r.badutf8 || r.lost || r.start_bad || r.end_bad || r.paths)
		tap_diag("%s: first problem: %s", name, r.first);
	free(want);
	doc_free(d);
}

static void
prop_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char *names[256];
	size_t n = 0, i;

	if (!dp) {
		tap_diag("skipped: %s absent", dir);
		return;
	}
	while ((e = readdir(dp)) != NULL && n < 256) {
		size_t len = strlen(e->d_name);

		if (len > 4 && !strcmp(e->d_name + len - 4, ".txt"))
			names[n++] = xasprintf("%s/%s", dir, e->d_name);
	}
	closedir(dp);
	for (i = 0; i < n; i++) {
		prop_file(names[i]);
		free(names[i]);
	}
}

static void
test_properties(void)
{
	const char *shared = tap_shared("samples/deepseek-bigtech.zh.txt");

	if (!eaw_load()) {
		tap_diag("skipped: /usr/share/unicode/EastAsianWidth.txt absent (unicode-data)");
		return;
	}
	if (!setlocale(LC_CTYPE, "C.UTF-8") || wcwidth(0x4E2D) != 2) {
		tap_diag("skipped: property tests need the C.UTF-8 locale (glibc's wcwidth)");
		free(eaw);
		return;
	}
	if (shared)
		prop_file(shared);
	else
		tap_diag("skipped: shared sample absent");
	prop_dir("tests/unit/data/layout");
	prop_dir("samples");
	prop_dir("tests/unit/data/doc");
	setlocale(LC_CTYPE, "C");
	free(eaw);
}

int
main(void)
{
	test_wrap_cases();
	test_ambiguous();
	test_glibc_widths();
	test_cells();
	test_joins_and_indent();
	test_positions();
	test_width_one();
	test_pre();
	test_properties();
	return tap_done();
}
