/* test_search.c — folded search: Latin case, full-width/half-width, CJK, boundaries, wrap. */
#include <stdlib.h>
#include <string.h>

#include "jingdu/search.h"
#include "jingdu/util.h"
#include "tap.h"

static size_t
find(const char *text, const char *pat, size_t from, size_t *end)
{
	struct search s;
	size_t at;

	if (!search_compile(&s, pat, strlen(pat)))
		return NPOS - 1;
	at = search_next(&s, text, strlen(text), from, end);
	search_fini(&s);
	return at;
}

static size_t
rfind(const char *text, const char *pat, size_t before)
{
	struct search s;
	size_t at, e;

	search_compile(&s, pat, strlen(pat));
	at = search_prev(&s, text, strlen(text), before, &e);
	search_fini(&s);
	return at;
}

int
main(void)
{
	const char *t = "DeepSeek的ＡＰＩ和API，以及 api。月之暗面与月之暗面";
	size_t e = 0, at;
	struct search s;
	const char *path;
	char *big;
	size_t i, n;

	is_int(find(t, "deepseek", 0, &e), 0, "Latin case-insensitive: deepseek finds DeepSeek");
	is_int(e, 8, "match end is after DeepSeek");
	at = find(t, "API", 0, &e);
	is_int(at, strlen("DeepSeek的"), "API finds full-width ＡＰＩ first");
	is_int(e - at, strlen("ＡＰＩ"), "the match spans the full-width bytes");
	is_int(find(t, "ＡＰＩ", at + 1, NULL), strlen("DeepSeek的ＡＰＩ和"),
	       "full-width pattern finds half-width API");
	is_int(find(t, "aPi", strlen("DeepSeek的ＡＰＩ和API"), NULL),
	       strlen("DeepSeek的ＡＰＩ和API，以及 "), "aPi finds lower-case api");
	is_int(find(t, "以及　api", 0, NULL), strlen("DeepSeek的ＡＰＩ和API，"),
	       "an ideographic space in the pattern matches a space");
	is_int(find(t, ",", 0, NULL), strlen("DeepSeek的ＡＰＩ和API"),
	       "ASCII comma finds the full-width comma");
	at = find(t, "月之暗面", 0, &e);
	is_int(at, strlen("DeepSeek的ＡＰＩ和API，以及 api。"), "CJK pattern found");
	is_int(find(t, "月之暗面", at + 1, NULL), strlen("DeepSeek的ＡＰＩ和API，以及 api。月之暗面与"),
	       "searching from inside a match finds the next one");
	is_int(find(t, "月之暗面", e + 20, NULL), NPOS, "no match after the last one");
	is_int(find(t, "月之暗", strlen(t), NULL), NPOS, "from at the end: none");
	is_int(find(t, "Zebra", 0, NULL), NPOS, "absent pattern: NPOS");
	ok(!search_compile(&s, "", 0), "empty pattern does not compile");
	is_int(find("ÉCOLE école", "école", 1, NULL), strlen("ÉCOLE "), "Latin-1 lower");
	is_int(find("ÉCOLE école", "école", 0, NULL), 0, "école finds ÉCOLE (non-ASCII case)");
	is_int(rfind(t, "月之暗面", strlen(t)), strlen("DeepSeek的ＡＰＩ和API，以及 api。月之暗面与"),
	       "search_prev finds the last match");
	is_int(rfind(t, "月之暗面", strlen("DeepSeek的ＡＰＩ和API，以及 api。月之暗面与")),
	       strlen("DeepSeek的ＡＰＩ和API，以及 api。"), "search_prev before the last finds the first");
	is_int(rfind(t, "deepseek", 0), NPOS, "search_prev before 0: none");
	{
		const char *u = "deepseek DeepSeek ＤＥＥＰＳＥＥＫ";
		struct search c;

		search_compile_case(&c, "DeepSeek", 8, SEARCH_CASE_SMART);
		is_int(search_next(&c, u, strlen(u), 0, NULL), 9, "smart case: a capital makes it exact");
		search_fini(&c);
		search_compile_case(&c, "deepseek", 8, SEARCH_CASE_SMART);
		is_int(search_next(&c, u, strlen(u), 1, NULL), 9, "smart case: lower case ignores case");
		search_fini(&c);
		search_compile_case(&c, "DEEPSEEK", 8, SEARCH_CASE_SENSITIVE);
		is_int(search_next(&c, u, strlen(u), 0, NULL), 18,
		       "sensitive: DEEPSEEK finds only the full-width ＤＥＥＰＳＥＥＫ (widths still fold)");
		search_fini(&c);
		search_compile_case(&c, "ｄｅｅｐ", strlen("ｄｅｅｐ"), SEARCH_CASE_SENSITIVE);
		is_int(search_next(&c, u, strlen(u), 0, NULL), 0, "sensitive: ｄｅｅｐ finds deep");
		is_int(search_next(&c, u, strlen(u), 1, NULL), NPOS, "sensitive: not Deep or ＤＥＥＰ");
		search_fini(&c);
	}
	{
		/* search_next/search_prev agree with a naive scan (search_match_at at every code
		 * point) on random texts over a small alphabet, for patterns of every kind */
		static const char *const alpha[] = {"a", "A", "ａ", "Ａ", "中", "文", "月", " ", "　", "，", "b"};
		static const char *const pats[] = {"a", "aa", "中文", "月中", "a中", "中a", "ａb", " a",
						   "　中", "中文月中文", "AB", "，a"};
		unsigned seed = 12345;
		int bad = 0, trial, pi;

		for (trial = 0; trial < 200; trial++) {
			struct buf tb;
			int k, nch = (int)(seed % 60);

			buf_init(&tb);
			for (k = 0; k < nch; k++) {
				seed = seed * 1103515245u + 12345u;
				buf_adds(&tb, alpha[(seed >> 16) % ARRAY_SIZE(alpha)]);
			}
			if (!tb.s)
				buf_adds(&tb, "");
			for (pi = 0; pi < (int)ARRAY_SIZE(pats); pi++) {
				struct search c;
				size_t from, want, got, e2, last = NPOS;

				search_compile(&c, pats[pi], strlen(pats[pi]));
				for (from = 0; from <= tb.len; from++) {
					if (from < tb.len && ((unsigned char)tb.s[from] & 0xc0) == 0x80)
						continue;
					for (want = from; want < tb.len; want++)
						if (((unsigned char)tb.s[want] & 0xc0) != 0x80 &&
						    search_match_at(&c, tb.s, tb.len, want))
							break;
					if (want >= tb.len)
						want = NPOS;
					got = search_next(&c, tb.s, tb.len, from, &e2);
					bad += got != want;
					got = search_prev(&c, tb.s, tb.len, from, &e2);
					bad += got != last;
					if (from < tb.len && search_match_at(&c, tb.s, tb.len, from))
						last = from;
				}
				search_fini(&c);
			}
			buf_fini(&tb);
		}
		is_int(bad, 0, "random texts: next/prev equal a naive scan (200 texts x 12 patterns)");
	}
	is_int(search_fold(0xff21), 'a', "fold(Ａ) = a");
	is_int(search_fold(0x4e2d), 0x4e2d, "fold(中) = 中");

	/* a long text: the match far away in both directions */
	n = 3 * 1000 * 1000;
	big = xmalloc(n + 32);
	for (i = 0; i + 3 <= n; i += 3)
		memcpy(big + i, "中", 3);
	memcpy(big + n, "Ｑwen", strlen("Ｑwen") + 1);
	at = find(big, "qwen", 0, &e);
	is_int(at, n, "a match after 3 MB of CJK text is found");
	is_int(rfind(big, "qwen", strlen(big)), n, "and found backwards");
	is_int(rfind(big, "中中", 7), 6, "search_prev finds the nearest earlier overlapping match");
	is_int(rfind(big, "中中", 6), 3, "search_prev excludes a match starting at before");
	free(big);

	path = tap_shared("samples/deepseek-bigtech.zh.txt");
	if (!path) {
		tap_diag("skipped: shared sample absent");
	} else {
		char *txt;
		size_t len, cnt = 0;

		if (read_file(path, &txt, &len) == OK) {
			search_compile(&s, "月之暗面", strlen("月之暗面"));
			for (at = 0; (at = search_next(&s, txt, len, at, &e)) != NPOS; at = e)
				cnt++;
			search_fini(&s);
			ok(cnt >= 1, "月之暗面 occurs in the sample (%zu times)", cnt);
			free(txt);
		}
	}
	return tap_done();
}
