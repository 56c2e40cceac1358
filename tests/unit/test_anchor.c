/* test_anchor.c — anchors and re-anchoring: unchanged text, text inserted before, a slightly
 * edited quote (fuzzy, with a score), a deleted passage (orphan), a repeated quote (nearest
 * wins), no far lookalikes; the document hash (stable, distinct, avalanche); the sample article
 * when present. */
#include "jingdu/anchor.h"

#include <stdlib.h>
#include <string.h>

#include "jingdu/util.h"
#include "tap.h"

static const char base[] =
    "第一段：深度求索在杭州成立，团队不到一百五十人。\n\n"
    "第二段：他们发布的模型以很低的训练成本达到了前沿水平，引起了硅谷的震动。\n\n"
    "第三段：Liang Wenfeng said the lab would stay focused on research, not products.\n\n"
    "第四段：大厂们随后纷纷降价，价格战从此开始。\n";

/* Anchor the first occurrence of quote in text. */
static void
make_at(const char *text, const char *quote, struct anchor *a)
{
	const char *p = strstr(text, quote);
	size_t s = p ? (size_t)(p - text) : 0;

	anchor_make(text, strlen(text), s, s + strlen(quote), a);
}

static char *
replace(const char *text, const char *from, const char *to)
{
	const char *p = strstr(text, from);
	struct buf b;

	buf_init(&b);
	if (!p) {
		buf_adds(&b, text);
		return buf_take(&b);
	}
	buf_add(&b, text, (size_t)(p - text));
	buf_adds(&b, to);
	buf_adds(&b, p + strlen(from));
	return buf_take(&b);
}

static bool
range_is(const char *text, struct anchor_match m, const char *want)
{
	return m.end >= m.start && m.end - m.start == strlen(want) &&
	       memcmp(text + m.start, want, strlen(want)) == 0;
}

static void
test_make(void)
{
	struct anchor a;
	const char *q = "以很低的训练成本";

	make_at(base, q, &a);
	is_str(a.quote, q, "quote is the exact text");
	is_int(utf8_count(a.prefix, strlen(a.prefix)), ANCHOR_CONTEXT, "prefix has 32 code points");
	is_int(utf8_count(a.suffix, strlen(a.suffix)), ANCHOR_CONTEXT, "suffix has 32 code points");
	ok(strstr(base, a.prefix) + strlen(a.prefix) == strstr(base, q),
	   "prefix ends at the quote");
	anchor_fini(&a);

	/* offsets inside a code point are moved to its boundaries */
	anchor_make(base, strlen(base), 1, 4, &a);
	is_int(a.start, 0, "start moved back to a code point boundary");
	is_int(a.end, 6, "end moved forward to a code point boundary");
	is_str(a.prefix, "", "no prefix at the start");
	anchor_fini(&a);
	anchor_make(base, strlen(base), strlen(base) - 3, strlen(base) + 50, &a);
	is_str(a.suffix, "", "no suffix at the end");
	is_int(a.end, strlen(base), "end clamped to the text");
	anchor_fini(&a);
}

static void
test_unchanged(void)
{
	struct anchor a;
	struct anchor_match m;

	make_at(base, "引起了硅谷的震动", &a);
	m = anchor_locate(base, strlen(base), &a);
	is_int(m.how, ANCHOR_EXACT, "unchanged text: exact");
	is_int(m.start, a.start, "unchanged text: same start");
	ok(m.score == 1.0, "unchanged text: score 1");
	anchor_fini(&a);
}

static void
test_inserted_before(void)
{
	struct anchor a;
	struct anchor_match m;
	char *t2 = xasprintf("新插入的一段导语，放在最前面。\n\n%s", base);

	make_at(base, "stay focused on research", &a);
	m = anchor_locate(t2, strlen(t2), &a);
	is_int(m.how, ANCHOR_MOVED, "text inserted before: moved");
	ok(range_is(t2, m, "stay focused on research"), "text inserted before: right range");
	is_int(m.start, a.start + strlen("新插入的一段导语，放在最前面。\n\n"),
	       "text inserted before: shifted by the insertion");
	anchor_fini(&a);
	free(t2);
}

static void
test_edited(void)
{
	struct anchor a;
	struct anchor_match m;
	const char *q = "他们发布的模型以很低的训练成本达到了前沿水平";
	char *t2 = replace(base, "以很低的训练成本", "以极低的训练成本");
	char *t3;

	make_at(base, q, &a);
	m = anchor_locate(t2, strlen(t2), &a);
	is_int(m.how, ANCHOR_FUZZY, "one character edited: fuzzy");
	ok(range_is(t2, m, "他们发布的模型以极低的训练成本达到了前沿水平"),
	   "one character edited: the edited passage");
	ok(m.score > ANCHOR_MIN_SCORE_NEAR && m.score < 1.0, "fuzzy score recorded (%.3f)",
	   m.score);

	/* edited and moved: still found, with a lower score */
	t3 = xasprintf("开头加了一句话。\n\n%s", t2);
	m = anchor_locate(t3, strlen(t3), &a);
	is_int(m.how, ANCHOR_FUZZY, "edited and shifted: fuzzy");
	ok(range_is(t3, m, "他们发布的模型以极低的训练成本达到了前沿水平"),
	   "edited and shifted: the edited passage");
	anchor_fini(&a);
	free(t2);
	free(t3);

	/* Latin: a word changed */
	make_at(base, "said the lab would stay focused on research", &a);
	t2 = replace(base, "would stay", "will stay");
	m = anchor_locate(t2, strlen(t2), &a);
	is_int(m.how, ANCHOR_FUZZY, "Latin word changed: fuzzy");
	ok(range_is(t2, m, "said the lab will stay focused on research"),
	   "Latin word changed: the edited passage");
	anchor_fini(&a);
	free(t2);
}

static void
test_deleted(void)
{
	struct anchor a;
	struct anchor_match m;
	char *t2 = replace(
	    base, "第二段：他们发布的模型以很低的训练成本达到了前沿水平，引起了硅谷的震动。\n\n",
	    "");

	make_at(base, "以很低的训练成本达到了前沿水平", &a);
	m = anchor_locate(t2, strlen(t2), &a);
	is_int(m.how, ANCHOR_ORPHAN, "passage deleted: orphan");
	ok(m.score == 0.0, "orphan score 0");
	is_str(a.quote, "以很低的训练成本达到了前沿水平", "the orphan keeps its quote");
	anchor_fini(&a);
	free(t2);

	/* rewritten beyond recognition: orphan, not a lookalike */
	make_at(base, "大厂们随后纷纷降价", &a);
	t2 = replace(base, "大厂们随后纷纷降价", "小公司们坚持不降");
	m = anchor_locate(t2, strlen(t2), &a);
	is_int(m.how, ANCHOR_ORPHAN, "rewritten passage: orphan");
	anchor_fini(&a);
	free(t2);
}

static void
test_repeated(void)
{
	/* the same sentence three times, far apart; the highlight is on the second */
	const char *s = "价格战从此开始";
	struct buf b;
	char *t1, *t2;
	struct anchor a;
	struct anchor_match m;
	size_t second;
	int i;

	buf_init(&b);
	for (i = 0; i < 3; i++) {
		int j;
		buf_addf(&b, "第%d部分。", i);
		for (j = 0; j < 20; j++)
			buf_adds(&b, "一些填充的文字，");
		buf_adds(&b, s);
		buf_adds(&b, "。\n\n");
	}
	t1 = buf_take(&b);
	second = (size_t)(strstr(strstr(t1, s) + 1, s) - t1);
	anchor_make(t1, strlen(t1), second, second + strlen(s), &a);
	/* insert text before: all three move; the nearest to the old position wins. The context
	 * differs only in the part number, far outside 32 code points, so it cannot decide. */
	t2 = xasprintf("序。\n\n%s", t1);
	m = anchor_locate(t2, strlen(t2), &a);
	is_int(m.how, ANCHOR_MOVED, "repeated quote: moved");
	is_int(m.start, second + strlen("序。\n\n"), "repeated quote: the nearest occurrence wins");
	free(t2);

	anchor_fini(&a);
	free(t1);
}

static void
test_no_far_lookalike(void)
{
	/* A short quote whose text is gone; the same words appear far away in other context. */
	struct buf b;
	char *t1, *t2;
	struct anchor a;
	struct anchor_match m;
	size_t at;
	int j;

	buf_init(&b);
	buf_adds(&b, "开头：张三说过这句话。\n\n");
	for (j = 0; j < 400; j++)
		buf_adds(&b, "与主题无关的填充文字，");
	buf_adds(&b, "\n\n结尾：李四也说过这句话。\n");
	t1 = buf_take(&b);
	at = (size_t)(strstr(t1, "张三说过") - t1);
	anchor_make(t1, strlen(t1), at, at + strlen("张三说过"), &a);
	t2 = replace(t1, "开头：张三说过这句话。", "开头：（已删除）");
	m = anchor_locate(t2, strlen(t2), &a);
	is_int(m.how, ANCHOR_ORPHAN, "deleted short quote: orphan, not the far lookalike");
	free(t2);
	anchor_fini(&a);
	free(t1);
}

static int
hex_val(char c)
{
	return c <= '9' ? c - '0' : c - 'a' + 10;
}

/* Differing bits of two 32-digit hex hashes. */
static int
bits_differ(const char *a, const char *b)
{
	int i, n = 0;

	for (i = 0; i < 32; i++) {
		int x = hex_val(a[i]) ^ hex_val(b[i]);
		n += (x & 1) + (x >> 1 & 1) + (x >> 2 & 1) + (x >> 3 & 1);
	}
	return n;
}

static void
test_hash(void)
{
	char h[ANCHOR_HASH_SIZE], h2[ANCHOR_HASH_SIZE];
	char(*all)[ANCHOR_HASH_SIZE];
	unsigned char buf[301];
	size_t i, j, dup = 0;
	int min_bits = 128, total = 0, flips = 0;

	anchor_text_hash("", 0, h);
	is_int(strlen(h), 32, "hash: 32 hex digits");
	/* pinned: the notes database recognizes documents by this value; it must never change */
	is_str(h, "a27f16355740d3e2d84e815740a92eee", "hash of the empty text is stable");
	anchor_text_hash(base, strlen(base), h);
	is_str(h, "a14f4205a37c1a84115fe4a2182e46af", "hash of a CJK text is stable");

	/* every prefix of a text, lengths 0..300 (all tail paths), hashes differently */
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)(i * 37 + 11);
	all = xmalloc(sizeof(buf) * sizeof(*all));
	for (i = 0; i < sizeof(buf); i++)
		anchor_text_hash((const char *)buf, i, all[i]);
	for (i = 0; i < sizeof(buf); i++)
		for (j = i + 1; j < sizeof(buf); j++)
			dup += strcmp(all[i], all[j]) == 0;
	is_int(dup, 0, "301 prefixes, 301 different hashes");
	free(all);

	/* avalanche: flipping any one bit of a 100-byte text changes about half the bits */
	anchor_text_hash((const char *)buf, 100, h);
	for (i = 0; i < 100 * 8; i++) {
		int d;
		buf[i / 8] ^= (unsigned char)(1u << (i % 8));
		anchor_text_hash((const char *)buf, 100, h2);
		buf[i / 8] ^= (unsigned char)(1u << (i % 8));
		d = bits_differ(h, h2);
		total += d;
		flips++;
		if (d < min_bits)
			min_bits = d;
	}
	ok(total / flips >= 56 && total / flips <= 72,
	   "one-bit flips change %d of 128 bits on average", total / flips);
	ok(min_bits >= 30, "and never fewer than 30 (%d)", min_bits);
}

static size_t
cp_skip(const char *text, size_t len, size_t off, int n)
{
	uint32_t c;

	while (n-- > 0 && off < len)
		off += (size_t)utf8_decode(text + off, len - off, &c);
	return off;
}

static void
test_sample(void)
{
	const char *path = tap_shared("samples/deepseek-bigtech.zh.txt");
	char *text, *t2;
	size_t len, s, e;
	struct anchor a;
	struct anchor_match m;

	if (!path) {
		tap_diag("skipped: samples/deepseek-bigtech.zh.txt absent");
		return;
	}
	if (read_file(path, &text, &len) != OK) {
		ok(0, "read the sample");
		return;
	}
	/* a highlight in the middle of the article */
	s = len / 2;
	while (s < len && text[s] != '\n')
		s++;
	s++;
	e = s;
	e = cp_skip(text, len, s, 20);
	anchor_make(text, len, s, e, &a);
	m = anchor_locate(text, len, &a);
	is_int(m.how, ANCHOR_EXACT, "sample: unchanged is exact");
	t2 = xasprintf("插入的一段新文字。\n\n%s", text);
	m = anchor_locate(t2, strlen(t2), &a);
	ok(m.how == ANCHOR_MOVED && m.start == s + strlen("插入的一段新文字。\n\n"),
	   "sample: paragraph inserted at the top → moved by its length");
	free(t2);
	/* delete the highlighted line's first two code points: fuzzy, nearby */
	t2 = xasprintf("%.*s%s", (int)s, text, text + cp_skip(text, len, s, 2));
	m = anchor_locate(t2, strlen(t2), &a);
	ok(m.how == ANCHOR_FUZZY && m.start == s,
	   "sample: first two characters deleted → fuzzy at %zu (%s, %.3f)", m.start,
	   anchor_how_str(m.how), m.score);
	anchor_fini(&a);
	free(t2);
	free(text);
}

int
main(void)
{
	test_make();
	test_unchanged();
	test_inserted_before();
	test_edited();
	test_deleted();
	test_repeated();
	test_no_far_lookalike();
	test_hash();
	test_sample();
	return tap_done();
}
