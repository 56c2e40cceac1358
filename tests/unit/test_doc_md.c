/* test_doc_md.c — Markdown documents (SPEC §3, md4c): the text shown is the rendered text
 * (no markup, everything the markup holds), blocks and sections come from the Markdown
 * structure, and the title, byline and footer rules of plain text apply to it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jingdu/doc.h"
#include "tap.h"

static const char ARTICLE[] =
    "# 深度阅读的方法\n"
    "\n"
    "作者：李明\n"
    "\n"
    "## 一、为什么要精读\n"
    "\n"
    "精读是**慢**的，也是*快*的：读懂一页胜过翻过十本。[原文](http://example.com/a)在此，\n"
    "`grep` 只能找到字，找不到意思。&amp; &#x4E2D;文 ~~删去~~\n"
    "\n"
    "- 第一点：先读目录\n"
    "- 第二点：再读结论\n"
    "  - 细分的一点\n"
    "\n"
    "1. 准备\n"
    "2. 阅读\n"
    "\n"
    "> 书读百遍，其义自见。\n"
    "\n"
    "##二、怎样精读\n"
    "\n"
    "![阅读的姿势](pose.png)\n"
    "\n"
    "```text\n"
    "**这不是粗体**\n"
    "```\n"
    "\n"
    "| 方法 | 用时 |\n"
    "|---|---|\n"
    "| 略读 | 一小时 |\n"
    "\n"
    "---\n"
    "\n"
    "<!-- 注释不显示 -->\n"
    "\n"
    "© 2024 版权所有，转载请注明出处\n";

static struct doc *
load_md(const char *name, const char *text)
{
	const char *path = tap_tmpfile(name, text, strlen(text));
	struct doc *d = NULL;
	enum status st;

	if (!path)
		return NULL;
	st = doc_load_file(path, &d);
	if (st != OK)
		tap_diag("%s: %s", path, status_str(st));
	return d;
}

static size_t
find_block(const struct doc *d, const char *text)
{
	size_t i;

	for (i = 0; i < d->n_blocks; i++)
		if (strstr(d->text + d->blocks[i].start, text) &&
		    (size_t)(strstr(d->text + d->blocks[i].start, text) - d->text) < d->blocks[i].end)
			return i;
	return NPOS;
}

static void
test_article(void)
{
	struct doc *d = load_md("article.md", ARTICLE);
	size_t b;

	ok(d != NULL, "a Markdown article loads");
	if (!d)
		return;
	is_int(d->format, DOC_MARKDOWN, ".md is Markdown");
	/* markup is gone, its content stays */
	ok(!strstr(d->text, "**慢") && !strstr(d->text, "](") && !strstr(d->text, "##") &&
		   !strstr(d->text, "|---") && !strstr(d->text, "~~"),
	   "no emphasis, link, heading or table markup in the text");
	ok(strstr(d->text, "精读是慢的，也是快的") != NULL, "emphasis: its text kept");
	ok(strstr(d->text, "原文在此") != NULL && !strstr(d->text, "example.com"),
	   "a link shows its text, not its target");
	ok(strstr(d->text, "grep 只能") != NULL, "inline code: its text kept");
	ok(strstr(d->text, "& 中文") != NULL, "entities decoded (&amp; &#x4E2D;)");
	ok(strstr(d->text, "删去") != NULL, "strikethrough text kept");
	ok(strstr(d->text, "[image: 阅读的姿势]") != NULL, "an image shows its alt text");
	ok(!strstr(d->text, "注释不显示"), "an HTML comment is not shown");
	/* blocks */
	is_int(d->title_block, 0, "the only level-1 heading, first, is the title");
	is_str(d->title, "深度阅读的方法", "title text");
	is_int(d->blocks[0].kind, BLOCK_TITLE, "title block");
	ok(d->byline_block != NPOS && d->blocks[d->byline_block].kind == BLOCK_BYLINE,
	   "作者：李明 is the byline");
	is_str(d->author, "李明", "author");
	b = find_block(d, "第一点");
	ok(b != NPOS && strncmp(d->text + d->blocks[b].start, "• 第一点", strlen("• 第一点")) == 0,
	   "a list item is its own paragraph with a bullet");
	b = find_block(d, "第二点");
	ok(b != NPOS && d->blocks[b].end - d->blocks[b].start == strlen("• 第二点：再读结论"),
	   "the next item is another paragraph");
	b = find_block(d, "细分");
	ok(b != NPOS && strncmp(d->text + d->blocks[b].start, "◦ ", strlen("◦ ")) == 0,
	   "a nested item has its own bullet");
	ok(find_block(d, "2. 阅读") != NPOS && find_block(d, "1. 准备") != NPOS,
	   "ordered items are numbered");
	b = find_block(d, "第一点");
	ok(b != NPOS && (d->blocks[b].flags & BLOCK_F_ITEM) && !(d->blocks[b].flags & BLOCK_F_CJK),
	   "a list item is flagged (its marker is styled) and gets no first-line indent");
	b = find_block(d, "书读百遍");
	ok(b != NPOS && d->blocks[b].kind == BLOCK_PARA && (d->blocks[b].flags & BLOCK_F_QUOTE) &&
		   strncmp(d->text + d->blocks[b].start, "书读百遍", strlen("书读百遍")) == 0,
	   "a block quote is a paragraph flagged as a quote, without its >");
	b = find_block(d, "精读是慢的");
	ok(b != NPOS && (d->blocks[b].flags & BLOCK_F_CJK) &&
		   !(d->blocks[b].flags & (BLOCK_F_ITEM | BLOCK_F_QUOTE)),
	   "a CJK paragraph gets the CJK flag (first-line indent), no item or quote flag");
	b = find_block(d, "这不是粗体");
	ok(b != NPOS && d->blocks[b].kind == BLOCK_PRE &&
		   strstr(d->text + d->blocks[b].start, "**这不是粗体**") ==
		       d->text + d->blocks[b].start,
	   "a code block is preformatted, its content verbatim");
	b = find_block(d, "略读");
	ok(b != NPOS && d->blocks[b].kind == BLOCK_PRE && strstr(d->text, "方法 │ 用时"),
	   "a table is preformatted, cells separated by │");
	b = find_block(d, "版权所有");
	ok(b != NPOS && d->blocks[b].kind == BLOCK_FOOTER, "the copyright line is the footer");
	/* sections */
	is_int(d->n_sections, 3, "sections: the lead and the two ## headings");
	if (d->n_sections == 3) {
		is_str(d->sections[1].title, "一、为什么要精读", "section 1 title");
		is_str(d->sections[2].title, "二、怎样精读", "section 2: #title without a space");
		is_int(d->sections[1].level, 1, "the shallowest heading is level 1");
		is_int(d->sections[1].line, 5, "a section's line is its source line");
		is_int(d->sections[2].line, 19, "second section's source line");
	}
	for (b = 0; b + 1 < d->n_blocks; b++)
		if (d->blocks[b].end > d->blocks[b + 1].start || d->blocks[b].start > d->blocks[b].end)
			break;
	ok(b + 1 >= d->n_blocks, "blocks are in order and do not overlap");
	doc_free(d);
}

static void
test_misc(void)
{
	struct doc *d;

	d = load_md("fm.md", "---\ntitle: \"前置的标题\"\ndate: 2024-01-01\n---\n\n正文第一段。\n");
	ok(d && strcmp(d->title, "前置的标题") == 0 && !strstr(d->text, "date:"),
	   "front matter: its title is the title, the rest not shown");
	doc_free(d);
	d = load_md("code-heading.md", "# 题目\n\n正文。\n\n## `代码`标题\n\n正文。\n\n## &amp; 实体\n\n正文\n");
	ok(d && d->n_sections == 3 && d->sections[1].line == 5 && d->sections[2].line == 9,
	   "headings starting with inline code or an entity have their source lines (5, 9)");
	doc_free(d);
	d = load_md("plain.md", "只有一段文字，没有任何标记。\n");
	ok(d && d->n_sections == 1 && d->n_blocks == 1, "a Markdown file without markup: one block");
	doc_free(d);
	d = load_md("empty-markup.md", "# \n\n---\n");
	ok(d != NULL, "only markup: loads without a crash");
	doc_free(d);
	d = load_md("hostile.md", "# 标题\n\n\x1b]0;title\x07 和 \xe2\x80\xae 反向\n\n&#0; &#xD800;\n");
	ok(d && strstr(d->text, "\x1b") && strstr(d->text, "\xEF\xBF\xBD"),
	   "control characters reach the model (the screen shows placeholders), bad references → U+FFFD");
	doc_free(d);
	{
		/* many headings and deep nesting: no crash, every heading a section */
		struct buf b;
		int i;

		buf_init(&b);
		for (i = 0; i < 3000; i++)
			buf_addf(&b, "## 第%d节\n\n内容%d。\n\n", i + 1, i);
		for (i = 0; i < 200; i++)
			buf_addf(&b, "%*s- 嵌套\n", i * 2, "");
		d = load_md("many.md", b.s);
		ok(d && d->n_sections == 3000, "3000 headings: 3000 sections (%zu)",
		   d ? d->n_sections : 0);
		doc_free(d);
		buf_fini(&b);
	}
}

int
main(void)
{
	test_article();
	test_misc();
	tap_tmpdir_done();
	return tap_done();
}
