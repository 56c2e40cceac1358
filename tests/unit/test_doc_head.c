/* test_doc_head.c — doc_load_file_head(): the first part of a long file, loaded alone so that
 * the reader's first screen does not wait for the whole file. Its text must be a prefix of the
 * whole document's text (the reader carries offsets from one to the other), cut at a line end,
 * and files it cannot cut safely are loaded whole. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jingdu/doc.h"
#include "tap.h"

/* The file written in the test's directory; an owned copy of its path. */
static char *
write_tmp(const char *name, const char *data, size_t len)
{
	const char *path = tap_tmpfile(name, data, len);

	if (!path)
		tap_diag("cannot write %s", name);
	return xstrdup(path ? path : "/nonexistent");
}

/* A long article: a title, numbered sections, CJK and Latin paragraphs, CRLF line ends in
 * places and a combining sequence that NFC composes. */
static char *
article(size_t target, size_t *len)
{
	struct buf b;
	size_t k = 0;

	buf_init(&b);
	buf_adds(&b, "长文标题\n\n撰文丨测试\n\n");
	while (b.len < target) {
		char tmp[128];

		if (k % 30 == 0) {
			snprintf(tmp, sizeof(tmp), "第%zu章 测试\n\n", k / 30 + 1);
			buf_adds(&b, tmp);
		}
		buf_adds(&b, k % 3 == 0 ? "在DeepSeek爆火之前，百度、阿里、腾讯各自投入了资源。\r\n\r\n"
			     : k % 3 == 1 ? "The reader lays out text by columns, cafe\xCC\x81 and all.\n\n"
					  : "「日本語」の組版は、禁則処理が大切です。\n第二行。\n\n");
		k++;
	}
	*len = b.len;
	return buf_take(&b);
}

static void
test_prefix(void)
{
	size_t len, max = 8192;
	char *text = article(200000, &len);
	char *path = write_tmp("long.txt", text, len);
	struct doc *head = NULL, *whole = NULL;
	bool is_whole = true;

	is_int(doc_load_file_head(path, NULL, max, &head, &is_whole), OK, "long file: head loads");
	ok(!is_whole, "long file: only the head is loaded");
	is_int(doc_load_file(path, &whole), OK, "long file: the whole loads");
	if (head && whole) {
		ok(head->len > max / 2 && head->len <= max, "head: %zu bytes of at most %zu", head->len,
		   max);
		ok(head->text[head->len - 1] == '\n' || memchr(text + head->len, '\n', 4),
		   "head: cut at a line end");
		ok(head->len < whole->len && memcmp(head->text, whole->text, head->len) == 0,
		   "head's text is a prefix of the whole text (CRLF, NFC)");
		ok(head->n_sections >= 2 && head->n_sections < whole->n_sections,
		   "head has the first sections (%zu of %zu)", head->n_sections,
		   whole->n_sections);
		is_str(head->title, whole->title, "head has the same title");
		ok(head->n_sections && whole->n_sections &&
			   strcmp(head->sections[1].title, whole->sections[1].title) == 0 &&
			   head->sections[1].start == whole->sections[1].start,
		   "head's second section is the whole's");
	}
	doc_free(head);
	doc_free(whole);
	free(path);
	free(text);
}

static void
test_whole(void)
{
	size_t len;
	char *text = article(3000, &len);
	char *small = write_tmp("small.txt", text, len);
	char *oneline, *u16;
	struct doc *d = NULL;
	bool is_whole = false;
	char *line = xmalloc(20001);
	static const char u16bom[] = "\xFF\xFE" "a\0\n\0b\0\n\0";

	is_int(doc_load_file_head(small, NULL, 8192, &d, &is_whole), OK, "small file loads");
	ok(is_whole && d && d->len > 0, "a file under the limit is loaded whole");
	doc_free(d);

	memset(line, 'x', 20000);
	line[20000] = '\n';
	oneline = write_tmp("oneline.txt", line, 20001);
	is_whole = false;
	is_int(doc_load_file_head(oneline, NULL, 8192, &d, &is_whole), OK, "one long line loads");
	ok(is_whole && d && d->len == 20001, "no line end in the head: loaded whole");
	doc_free(d);

	{
		struct buf b;

		buf_init(&b);
		while (b.len < 20000)
			buf_add(&b, u16bom + 2, sizeof(u16bom) - 3);
		u16 = xmalloc(b.len + 2);
		memcpy(u16, "\xFF\xFE", 2);
		memcpy(u16 + 2, b.s, b.len);
		free(small);
		small = write_tmp("u16.txt", u16, b.len + 2);
		is_whole = false;
		is_int(doc_load_file_head(small, NULL, 8192, &d, &is_whole), OK,
		       "UTF-16 file loads");
		ok(is_whole, "UTF-16 (BOM) is never cut: loaded whole");
		doc_free(d);
		buf_fini(&b);
		free(u16);
	}
	{
		char *missing = xasprintf("%s/none.txt", tap_tmp);

		d = (struct doc *)1;
		is_int(doc_load_file_head(missing, NULL, 8192, &d, &is_whole), ERR_NOENT,
		       "missing file: the same error as a whole load");
		ok(d == NULL, "missing file: no document");
		free(missing);
	}
	free(line);
	free(oneline);
	free(small);
	free(text);
}

/* The real article (web-scraped, glued section numbers, byline, footer): its head is still a
 * prefix of it. */
static void
test_shared_sample(void)
{
	const char *path = tap_shared("samples/deepseek-bigtech.zh.txt");
	struct doc *head = NULL, *whole = NULL;
	bool is_whole = true;

	if (!path) {
		tap_diag("skipped: ../shared/samples/deepseek-bigtech.zh.txt absent");
		return;
	}
	is_int(doc_load_file_head(path, NULL, 4096, &head, &is_whole), OK, "sample: head loads");
	is_int(doc_load_file(path, &whole), OK, "sample: whole loads");
	if (head && whole) {
		ok(!is_whole && head->len < whole->len &&
			   memcmp(head->text, whole->text, head->len) == 0,
		   "sample: head (%zu bytes) is a prefix of the whole (%zu)", head->len,
		   whole->len);
		is_str(head->title, whole->title, "sample: same title");
		ok(head->byline_block == whole->byline_block, "sample: same byline block");
	}
	doc_free(head);
	doc_free(whole);
}

int
main(void)
{
	test_prefix();
	test_whole();
	test_shared_sample();
	tap_tmpdir_done();
	return tap_done();
}
