/* test_doc.c — the document model: loading, normalization, blocks, sections, bad input. */
#include <dirent.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jingdu/doc.h"
#include "tap.h"

static struct doc *
load_str(const char *s, const char *hint)
{
	struct doc *d = NULL;
	enum status st = doc_load_buffer(s, strlen(s), hint, &d);

	if (st != OK)
		tap_diag("load failed: %s", status_str(st));
	return d;
}

static size_t
count_kind(const struct doc *d, enum block_kind k)
{
	size_t i, n = 0;

	for (i = 0; i < d->n_blocks; i++)
		n += d->blocks[i].kind == k;
	return n;
}

static bool
starts(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

static char *
block_text(const struct doc *d, size_t b)
{
	return xstrndup(d->text + d->blocks[b].start, d->blocks[b].end - d->blocks[b].start);
}

static void
test_real_sample(void)
{
	const char *path = tap_shared("samples/deepseek-bigtech.zh.txt");
	struct doc *d = NULL;
	size_t i, last_line;
	char *t;

	if (!path) {
		tap_diag("skipped: ../shared/samples/deepseek-bigtech.zh.txt is absent");
		return;
	}
	is_int(doc_load_file(path, &d), OK, "the real sample loads");
	if (!d)
		return;
	is_int(d->n_sections, 4, "real sample: exactly four sections");
	for (i = 0; i < d->n_sections; i++)
		is_int(d->sections[i].level, 1, "real sample: section %zu is top-level", i + 1);
	if (d->n_sections == 4) {
		ok(strcmp(d->sections[0].title, d->title) == 0 && starts(d->title, "为什么领有资源"),
		   "the lead is titled by the article's title");
		ok(starts(d->sections[1].title, "01"), "section 2 starts with 01: %s", d->sections[1].title);
		ok(starts(d->sections[2].title, "02"), "section 3 starts with 02: %s", d->sections[2].title);
		ok(starts(d->sections[3].title, "03"), "section 4 starts with 03: %s", d->sections[3].title);
		is_str(d->sections[1].title, "01 说真话", "glued heading shown as number plus first clause");
		is_int(d->sections[1].line, 9, "section 01 starts on source line 9");
	}
	is_str(d->author, "白树真", "the byline is recognised");
	ok(d->byline_block != NPOS && d->blocks[d->byline_block].kind == BLOCK_BYLINE,
	   "the byline is a block of its own kind");
	is_int(count_kind(d, BLOCK_FOOTER), 2, "two footer blocks");
	last_line = d->n_lines;
	ok(d->n_blocks >= 2 && d->blocks[d->n_blocks - 1].kind == BLOCK_FOOTER &&
		   d->blocks[d->n_blocks - 2].kind == BLOCK_FOOTER &&
		   doc_line_at(d, d->blocks[d->n_blocks - 2].start) == last_line - 1,
	   "the footer is the last two lines");
	ok(d->blocks[d->n_blocks - 1].section == 3, "the footer belongs to the last section");
	is_int(d->n_marks, 1, "one web leftover");
	if (d->n_marks == 1) {
		t = xstrndup(d->text + d->marks[0].start, d->marks[0].end - d->marks[0].start);
		is_str(t, "张开剩余82%", "the leftover is 张开剩余82%%");
		free(t);
		ok(doc_block_at(d, d->marks[0].start) != NPOS &&
			   d->blocks[doc_block_at(d, d->marks[0].start)].kind == BLOCK_PARA,
		   "the leftover stays in the text of its paragraph");
	}
	/* glued heading: the number is a heading block, the rest its paragraph */
	for (i = 0; i < d->n_blocks; i++)
		if (d->blocks[i].kind == BLOCK_HEADING)
			break;
	ok(i < d->n_blocks && (d->blocks[i].flags & BLOCK_F_GLUED), "01 is a glued heading block");
	if (i + 1 < d->n_blocks) {
		t = block_text(d, i);
		is_str(t, "01", "the heading block holds the number");
		free(t);
		t = block_text(d, i + 1);
		ok(starts(t, "说真话"), "its paragraph starts with the first sentence");
		free(t);
	}
	ok(d->blocks[0].kind == BLOCK_TITLE, "the first line is the title block");
	doc_free(d);
}

static void
test_normalize(void)
{
	struct doc *d;

	d = load_str("\xEF\xBB\xBFline one\r\nline two\rline three\r\n", "x.txt");
	ok(d && d->had_bom && d->had_crlf, "BOM and CR LF seen");
	if (d) {
		is_str(d->text, "line one\nline two\nline three\n", "BOM stripped, CRLF and CR become LF");
		is_int(d->n_lines, 3, "three lines");
		doc_free(d);
	}
	d = load_str("cafe\xCC\x81 r\xC3\xA9sum\xC3\xA9\n", NULL);
	if (d) {
		is_str(d->text, "caf\xC3\xA9 r\xC3\xA9sum\xC3\xA9\n", "NFC composes e + U+0301");
		doc_free(d);
	}
	d = load_str("\xEF\xAA\x80", NULL); /* U+FA80, a CJK compatibility ideograph */
	ok(d && strcmp(d->text, "\xE5\xA9\xA2") == 0, "NFC maps U+FA80 to U+5A62");
	doc_free(d);
	{
		static const char bad[] = "ok\xE4\xB8 bad\xC0\xAF end\xED\xA0\x80!";
		d = NULL;
		is_int(doc_load_buffer(bad, sizeof(bad) - 1, NULL, &d), OK, "invalid UTF-8 loads");
		if (d) {
			ok(d->n_invalid >= 3, "invalid sequences counted (%zu)", d->n_invalid);
			ok(strstr(d->text, "\xEF\xBF\xBD") != NULL, "replaced by U+FFFD");
			ok(strstr(d->text, "ok") == d->text && strstr(d->text, "end") && strstr(d->text, "!"),
			   "the valid text around them is kept");
			doc_free(d);
		}
	}
	{
		static const char nul[] = "hello\0world\nsecond line\n";
		d = NULL;
		is_int(doc_load_buffer(nul, sizeof(nul) - 1, NULL, &d), OK, "a stray NUL loads");
		if (d) {
			ok(d->n_nul == 1 && strstr(d->text, "hello\xEF\xBF\xBDworld"), "NUL becomes U+FFFD");
			doc_free(d);
		}
	}
}

static void
test_encodings(void)
{
	const char *utf8 = "第一章 开始\n\n这是一个用国标编码保存的中文文件，里面有足够多的汉字，"
			   "让编码检测能够可靠地判断出它的编码。我们再多写几句话，确保检测器有足够的证据。"
			   "阅读器应当把它转换成统一码，然后正常显示。\n";
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	char out[4096], *ip = (char *)(uintptr_t)utf8, *op = out;
	size_t il = strlen(utf8), ol = sizeof(out);
	struct doc *d = NULL;

	if (cd == (iconv_t)-1 || iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		ok(0, "iconv to GB18030 works");
		return;
	}
	iconv_close(cd);
	is_int(doc_load_buffer(out, (size_t)(op - out), "gb.txt", &d), OK, "a GB18030 file loads");
	if (d) {
		is_str(d->text, utf8, "GB18030 detected and converted to UTF-8");
		is_int(d->n_invalid, 0, "with no replacement characters");
		doc_free(d);
	}
	{
		/* UTF-16LE with BOM */
		static const char u16[] = "\xFF\xFE" "A\0" "\x2D\x4E" "\n\0";
		d = NULL;
		is_int(doc_load_buffer(u16, sizeof(u16) - 1, NULL, &d), OK, "UTF-16LE with BOM loads");
		ok(d && strcmp(d->text, "A\xE4\xB8\xAD\n") == 0, "UTF-16LE converted");
		doc_free(d);
	}
}

static void
test_blocks(void)
{
	struct doc *d;
	char *t;

	/* blank-line separated, hard-wrapped */
	d = load_str("Title\n\nfirst line of a paragraph\nwrapped here\n\n中文第一行\n中文第二行\n", NULL);
	if (d) {
		is_int(d->n_blocks, 3, "title + two paragraphs");
		t = d->n_blocks > 1 ? block_text(d, 1) : NULL;
		is_str(t, "first line of a paragraph\nwrapped here", "a hard-wrapped paragraph is one block");
		free(t);
		ok(d->n_blocks > 2 && (d->blocks[2].flags & BLOCK_F_CJK), "a Chinese paragraph is marked CJK");
		ok(d->n_blocks > 1 && !(d->blocks[1].flags & BLOCK_F_CJK), "a Latin one is not");
		doc_free(d);
	}
	/* no blank lines: one paragraph per line */
	d = load_str("标题\n第一段。\n第二段。\n第三段。\n", NULL);
	if (d) {
		is_int(d->n_blocks, 4, "without blank lines every line is a paragraph");
		doc_free(d);
	}
	/* indented code and tables are preformatted */
	d = load_str("Intro text here.\n\n    int main(void)\n    {\n    }\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nEnd.\n", NULL);
	if (d) {
		is_int(count_kind(d, BLOCK_PRE), 2, "an indented block and a table are preformatted");
		doc_free(d);
	}
	/* indentation as paragraph indent (novel style) is not code */
	d = load_str("    第一段开头有缩进。\n\n    第二段也有缩进。\n\n    第三段同样。\n", NULL);
	if (d) {
		is_int(count_kind(d, BLOCK_PRE), 0, "indent on every paragraph is not code");
		doc_free(d);
	}
}

static void
test_headings(void)
{
	struct doc *d;

	d = load_str("书名\n\n序言的文字在这里。\n\n第一章 开端\n\n第二天早上，他出门了。\n\n"
		     "第二章 发展\n\n正文。\n\n第三章 结局\n\n正文。\n", "novel.txt");
	if (d) {
		is_int(d->n_sections, 4, "preface + three chapters");
		if (d->n_sections == 4) {
			is_str(d->sections[0].title, "书名", "the lead is titled by the title");
			is_str(d->sections[1].title, "第一章 开端", "chapter one");
			is_str(d->sections[3].title, "第三章 结局", "chapter three");
			is_int(d->sections[1].line, 5, "chapter one on line 5");
		}
		doc_free(d);
	}
	d = load_str("Some words before.\n\n# Top\n\ntext\n\n## Sub\n\ntext\n\n### Deeper\n\ntext\n", "m.txt");
	if (d) {
		is_int(d->n_sections, 4, "markdown: lead + 3 headings");
		if (d->n_sections == 4) {
			is_int(d->sections[1].level, 1, "# is level 1");
			is_int(d->sections[2].level, 2, "## is level 2");
			is_int(d->sections[3].level, 3, "### is level 3");
			is_str(d->sections[2].title, "Sub", "the #s are not in the title");
		}
		doc_free(d);
	}
	d = load_str("Spec\n\n1. Intro\n1.1 Scope\n2. Design\n2.1 Parts\n\n1. Intro\n\nBody.\n\n"
		     "1.1 Scope\n\nBody.\n\n2. Design\n\nSteps:\n1. Open\n2. Save\n\n2.1 Parts\n\nBody.\n", "t.txt");
	if (d) {
		is_int(d->n_sections, 5, "technical: lead + 4 numbered headings (TOC and list skipped)");
		if (d->n_sections == 5) {
			is_int(d->sections[1].line, 8, "the body's 1. Intro is the heading, not the TOC's");
			is_int(d->sections[2].level, 2, "1.1 is one level deeper");
			is_str(d->sections[4].title, "2.1 Parts", "2.1 Parts");
		}
		doc_free(d);
	}
	d = load_str("\xEF\xBB\xBFThe Book\r\n\r\nChapter 1\r\n\r\nIt began.\r\n\r\nChapter 2\r\n\r\nIt went on.\r\n", "n.txt");
	if (d) {
		is_int(d->n_sections, 3, "English chapters with BOM and CRLF");
		if (d->n_sections == 3)
			is_str(d->sections[2].title, "Chapter 2", "Chapter 2");
		doc_free(d);
	}
	d = load_str("이야기\n\n1장. 시작\n\n본문.\n\n2장. 끝\n\n본문.\n", "k.txt");
	if (d) {
		is_int(d->n_sections, 3, "Korean 1장. chapters");
		doc_free(d);
	}
	/* numbers in running text are not headings */
	d = load_str("标题\n导语。\n01说真话，第一节。\n10月的时候，事情发生了。\n20年前，没有这些。\n02第二节的开头。\n正文。\n", NULL);
	if (d) {
		is_int(d->n_sections, 3, "10月 and 20年前 are not headings; 01 and 02 are");
		doc_free(d);
	}
	/* a glued number may be followed by an opening quote */
	d = load_str("标题\n导语。\n01“少跑腿”成了硬指标。\n正文。\n02第二节。\n", NULL);
	if (d) {
		is_int(d->n_sections, 3, "01“… is a glued heading");
		if (d->n_sections == 3)
			is_str(d->sections[1].title, "01 “少跑腿”成了硬指标", "titled with its first clause");
		doc_free(d);
	}
	/* inconsistent numbering is body text */
	d = load_str("标题\n导语。\n05这里不是标题。\n正文。\n", NULL);
	if (d) {
		is_int(d->n_sections, 1, "a lone 05 is not a heading");
		doc_free(d);
	}
	/* a sentence-final line is not a heading */
	d = load_str("标题\n\n第一章 他走了。\n\n正文。\n", NULL);
	if (d) {
		is_int(d->n_sections, 1, "a heading candidate ending with 。 is body text");
		doc_free(d);
	}
}

static void
test_no_headings(void)
{
	struct buf b;
	struct doc *d = NULL;
	size_t i, maxlen = 0;
	int k;

	buf_init(&b);
	for (k = 0; k < 300; k++)
		buf_adds(&b, "这是一段没有标题的文字，它会重复很多次，让文档变得足够长，以便测试自动分节的功能。\n\n");
	is_int(doc_load_buffer(b.s, b.len, "plain.txt", &d), OK, "a long text without headings loads");
	if (d) {
		ok(d->n_sections >= 2, "it is split into sections (%zu)", d->n_sections);
		for (i = 0; i < d->n_sections; i++)
			maxlen = MAX(maxlen, utf8_count(d->text + d->sections[i].start,
							 d->sections[i].end - d->sections[i].start));
		ok(maxlen <= 4000, "no section is huge (largest %zu characters)", maxlen);
		ok(d->sections[d->n_sections - 1].end == d->len, "the sections cover the text");
		doc_free(d);
	}
	buf_fini(&b);
}

static void
test_bad_input(void)
{
	char dir[] = "/tmp/jingdu-test-XXXXXX";
	char path[256];
	struct doc *d = NULL;
	FILE *f;
	size_t i;
	struct buf b;

	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return;
	}
	snprintf(path, sizeof(path), "%s/empty.txt", dir);
	f = fopen(path, "w");
	fclose(f);
	is_int(doc_load_file(path, &d), ERR_EMPTY, "empty file: a clear error");
	ok(d == NULL, "and no document");
	is_int(doc_load_file(dir, &d), ERR_ISDIR, "a directory: a clear error");
	snprintf(path, sizeof(path), "%s/missing.txt", dir);
	is_int(doc_load_file(path, &d), ERR_NOENT, "a missing file: a clear error");
	snprintf(path, sizeof(path), "%s/binary.bin", dir);
	f = fopen(path, "wb");
	for (i = 0; i < 20000; i++)
		fputc((int)((i * 7919u + (i >> 3)) & 0xFF), f);
	fclose(f);
	is_int(doc_load_file(path, &d), ERR_BINARY, "a binary file: a clear error");
	/* a single line of 50 MB */
	snprintf(path, sizeof(path), "%s/long.txt", dir);
	f = fopen(path, "wb");
	for (i = 0; i < 50 * 1024 * 1024 / 24; i++)
		fputs("中文和English混排一行", f);
	fclose(f);
	is_int(doc_load_file(path, &d), OK, "a single 50 MB line loads");
	if (d) {
		ok(d->n_sections >= 1 && d->n_blocks == 1, "as one paragraph (%zu blocks)", d->n_blocks);
		doc_free(d);
		d = NULL;
	}
	unlink(path);
	/* 10,000 headings */
	buf_init(&b);
	for (i = 1; i <= 10000; i++)
		buf_addf(&b, "第%zu章 标题\n\n正文%zu。\n\n", i, i);
	is_int(doc_load_buffer(b.s, b.len, NULL, &d), OK, "10,000 headings load");
	if (d) {
		is_int(d->n_sections, 10000, "10,000 sections");
		ok(d->n_sections == 10000 && d->sections[9999].line == 39997, "the last on line 39997");
		doc_free(d);
		d = NULL;
	}
	buf_fini(&b);
	snprintf(path, sizeof(path), "%s/binary.bin", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/empty.txt", dir);
	unlink(path);
	rmdir(dir);
}

/* Each fixture tests/unit/data/doc/X.txt with X.toc.json: the outline must equal it
 * (whitespace aside). */
static char *
squash(const char *s)
{
	char *o = xmalloc(strlen(s) + 1), *p = o;
	bool in_str = false;

	for (; *s; s++) {
		if (*s == '"' && (s == o || s[-1] != '\\'))
			in_str = !in_str;
		if (!in_str && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r'))
			continue;
		*p++ = *s;
	}
	*p = '\0';
	return o;
}

static void
test_fixtures_in(const char *dirname)
{
	DIR *dir = opendir(dirname);
	struct dirent *e;
	int n = 0;

	if (!dir) {
		tap_diag("no fixtures in %s", dirname);
		return;
	}
	while ((e = readdir(dir))) {
		size_t l = strlen(e->d_name);
		char txt[1024], json[1024];
		char *want, *got_s, *a, *b2;
		size_t wl;
		struct doc *d = NULL;
		struct buf got;

		if (l < 9 || strcmp(e->d_name + l - 9, ".toc.json") != 0)
			continue;
		snprintf(json, sizeof(json), "%s/%s", dirname, e->d_name);
		snprintf(txt, sizeof(txt), "%s/%.*s.txt", dirname, (int)(l - 9), e->d_name);
		if (read_file(json, &want, &wl) != OK)
			continue;
		if (doc_load_file(txt, &d) != OK) {
			ok(0, "fixture %s loads", txt);
			free(want);
			continue;
		}
		buf_init(&got);
		doc_toc_json(d, &got);
		got_s = buf_take(&got);
		a = squash(got_s);
		b2 = squash(want);
		if (!ok(strcmp(a, b2) == 0, "outline of %s", txt)) {
			tap_diag("got:  %s", a);
			tap_diag("want: %s", b2);
		}
		free(a);
		free(b2);
		free(got_s);
		free(want);
		doc_free(d);
		n++;
	}
	closedir(dir);
	tap_diag("%d outline fixtures in %s", n, dirname);
}

static void
test_fixtures(void)
{
	struct doc *d = NULL;
	size_t i, maxlen = 0;

	test_fixtures_in("tests/unit/data/doc");
	test_fixtures_in("samples");
	/* noheadings.txt: the split points are ours; its .expect.txt states the bounds */
	if (doc_load_file("tests/unit/data/doc/noheadings.txt", &d) == OK) {
		ok(d->n_sections >= 3, "noheadings.txt: at least 3 sections (%zu)", d->n_sections);
		for (i = 0; i < d->n_sections; i++)
			maxlen = MAX(maxlen, utf8_count(d->text + d->sections[i].start,
							 d->sections[i].end - d->sections[i].start));
		ok(maxlen <= 4000, "noheadings.txt: every section <= 4000 characters (%zu)", maxlen);
		doc_free(d);
	}
}

int
main(void)
{
	test_real_sample();
	test_normalize();
	test_encodings();
	test_blocks();
	test_headings();
	test_no_headings();
	test_bad_input();
	test_fixtures();
	return tap_done();
}
