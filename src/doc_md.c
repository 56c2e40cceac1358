/* doc_md.c — Markdown documents (SPEC §3): md4c parses the normalized source (CommonMark with
 * GitHub's tables, strikethrough, task lists and autolinks, and `#title` headings without the
 * space, as Chinese writers often type them); this file renders it to the text the reader shows
 * and lays its blocks over that text. Markup is not text: `**`, `_`, `#`, fences, link targets
 * and table rules are dropped; everything the markup holds is kept:
 *   - headings → HEADING blocks of their level; paragraphs → PARA;
 *   - each list item → its own PARA starting with "• " (nested: "◦ "), "1. " in ordered lists,
 *     "☐ "/"☑ " for task items;
 *   - code blocks, HTML blocks and tables → PRE (table cells joined by " │ ", one row a line);
 *   - links → their text; images → "[image: ALT]"; inline HTML tags dropped (<br> → line break);
 *   - entities (&amp; &#x4E2D; …) decoded; a NUL reference becomes U+FFFD;
 *   - a thematic break → a PARA "* * *"; YAML front matter (--- … --- at the top) is not shown,
 *     its `title:` becomes the document's title line.
 * The rendered text replaces d->text, so every offset (highlights, search, entities) refers to
 * what is on the screen. */
#include <md4c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

#include "doc_private.h"

struct md_list {
	bool ordered;
	unsigned next; /* next item number (ordered) */
};

struct md_state {
	struct buf out;
	struct md_heading_info *heads;
	size_t n_heads, cap_heads;
	struct block *blocks;
	size_t n_blocks, cap_blocks;
	const char *src, *src_end; /* the Markdown source md4c reads */
	/* the block being written: kind, level, where its text starts */
	bool open;
	enum block_kind kind;
	int level;
	size_t start, src_off;
	/* containers */
	struct md_list lists[32];
	int depth;         /* list nesting (0 = none) */
	char prefix[32];   /* an item's marker, written when its first block opens */
	bool item_pending; /* a list item has begun and its marker is not written yet */
	int table_cell;    /* cells written in the current table row */
	int quote;         /* block quote nesting */
	unsigned flags;    /* the open block's flags */
	int raw;           /* inside a code block, HTML block or table: PRE */
};

static void
md_push_block(struct md_state *st, enum block_kind kind, int level, size_t start, size_t end,
	      size_t src_off, unsigned flags)
{
	struct block *b;

	if (st->n_blocks == st->cap_blocks)
		st->blocks = xgrow(st->blocks, &st->cap_blocks, st->n_blocks + 1, sizeof(*b));
	b = &st->blocks[st->n_blocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->level = level;
	b->start = start;
	b->end = end;
	b->flags = flags;
	if (kind == BLOCK_HEADING) {
		struct md_heading_info *h;

		if (st->n_heads == st->cap_heads)
			st->heads = xgrow(st->heads, &st->cap_heads, st->n_heads + 1, sizeof(*h));
		h = &st->heads[st->n_heads++];
		h->block = st->n_blocks - 1;
		h->src_off = src_off;
	}
}

/* Start a block of kind at the end of the text (blocks are separated by a blank line). */
static void
md_open(struct md_state *st, enum block_kind kind, int level)
{
	if (st->open)
		return;
	if (st->out.len > 0)
		buf_adds(&st->out, "\n\n");
	st->open = true;
	st->kind = kind;
	st->level = level;
	st->start = st->out.len;
	st->src_off = NPOS;
	st->flags = kind == BLOCK_PARA && st->quote ? BLOCK_F_QUOTE : 0;
	if (st->item_pending) {
		buf_adds(&st->out, st->prefix);
		st->item_pending = false;
		if (kind == BLOCK_PARA)
			st->flags |= BLOCK_F_ITEM;
	}
}

/* End the open block: trailing blanks and line ends are not part of it. An empty block
 * (nothing but the markup) leaves no trace. */
static void
md_close(struct md_state *st)
{
	size_t end = st->out.len;

	if (!st->open)
		return;
	st->open = false;
	while (end > st->start && (st->out.s[end - 1] == '\n' || st->out.s[end - 1] == ' ' ||
				   st->out.s[end - 1] == '\t'))
		end--;
	if (end == st->start) {
		/* take back the separator too */
		st->out.len = st->start >= 2 && st->n_blocks ? st->start - 2 : st->start;
		if (st->out.s)
			st->out.s[st->out.len] = '\0';
		return;
	}
	st->out.len = end;
	st->out.s[end] = '\0';
	md_push_block(st, st->kind, st->level, st->start, end, st->src_off, st->flags);
}

static int
md_enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct md_state *st = ud;

	switch (type) {
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		md_close(st);
		if (st->depth < (int)(sizeof(st->lists) / sizeof(st->lists[0]))) {
			st->lists[st->depth].ordered = type == MD_BLOCK_OL;
			st->lists[st->depth].next =
			    type == MD_BLOCK_OL ? ((MD_BLOCK_OL_DETAIL *)detail)->start : 0;
		}
		st->depth++;
		break;
	case MD_BLOCK_LI: {
		const MD_BLOCK_LI_DETAIL *li = detail;
		int d = st->depth > 0 ? st->depth - 1 : 0;

		md_close(st);
		if (d >= (int)(sizeof(st->lists) / sizeof(st->lists[0])))
			d = (int)(sizeof(st->lists) / sizeof(st->lists[0])) - 1;
		if (li->is_task)
			snprintf(st->prefix, sizeof(st->prefix), "%s ",
				 li->task_mark == ' ' ? "☐" : "☑");
		else if (st->lists[d].ordered)
			snprintf(st->prefix, sizeof(st->prefix), "%u. ", st->lists[d].next++);
		else
			snprintf(st->prefix, sizeof(st->prefix), "%s ", d == 0 ? "•" : "◦");
		st->item_pending = true;
		break;
	}
	case MD_BLOCK_H:
		md_close(st);
		md_open(st, BLOCK_HEADING, (int)((MD_BLOCK_H_DETAIL *)detail)->level);
		break;
	case MD_BLOCK_CODE:
	case MD_BLOCK_HTML:
	case MD_BLOCK_TABLE:
		md_close(st);
		md_open(st, BLOCK_PRE, 0);
		st->raw++;
		break;
	case MD_BLOCK_TR:
		st->table_cell = 0;
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		if (st->table_cell++ > 0)
			buf_adds(&st->out, " │ ");
		break;
	case MD_BLOCK_P:
		if (!st->raw) {
			md_close(st);
			md_open(st, BLOCK_PARA, 0);
		}
		break;
	case MD_BLOCK_HR:
		md_close(st);
		md_open(st, BLOCK_PARA, 0);
		buf_adds(&st->out, "* * *");
		md_close(st);
		break;
	case MD_BLOCK_QUOTE:
		md_close(st);
		st->quote++;
		break;
	case MD_BLOCK_DOC:
	case MD_BLOCK_THEAD:
	case MD_BLOCK_TBODY:
		break;
	}
	return 0;
}

static int
md_leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct md_state *st = ud;

	(void)detail;
	switch (type) {
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		md_close(st);
		st->depth--;
		st->item_pending = false;
		break;
	case MD_BLOCK_LI:
		md_close(st);
		st->item_pending = false;
		break;
	case MD_BLOCK_HTML:
		/* a comment is not shown: drop the block (and its separator) */
		if (st->open && st->out.len - st->start >= 7 &&
		    memcmp(st->out.s + st->start, "<!--", 4) == 0) {
			size_t e = st->out.len;

			while (e > st->start && (st->out.s[e - 1] == '\n' || st->out.s[e - 1] == ' '))
				e--;
			if (e - st->start >= 7 && memcmp(st->out.s + e - 3, "-->", 3) == 0) {
				st->out.len = st->start; /* md_close drops an empty block */
				st->out.s[st->out.len] = '\0';
			}
		}
		/* fall through */
	case MD_BLOCK_CODE:
	case MD_BLOCK_TABLE:
		st->raw--;
		md_close(st);
		break;
	case MD_BLOCK_TR:
		buf_addc(&st->out, '\n');
		break;
	case MD_BLOCK_QUOTE:
		md_close(st);
		st->quote--;
		break;
	case MD_BLOCK_H:
	case MD_BLOCK_P:
		if (!st->raw)
			md_close(st);
		break;
	default:
		break;
	}
	return 0;
}

static int
md_enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct md_state *st = ud;

	(void)detail;
	if (type == MD_SPAN_IMG) {
		md_open(st, BLOCK_PARA, 0);
		buf_adds(&st->out, "[image: ");
	}
	return 0;
}

static int
md_leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct md_state *st = ud;

	(void)detail;
	if (type == MD_SPAN_IMG) {
		if (st->out.len >= 2 && memcmp(st->out.s + st->out.len - 2, ": ", 2) == 0) {
			st->out.len -= 2; /* no alt text: "[image]" */
			st->out.s[st->out.len] = '\0';
		}
		buf_addc(&st->out, ']');
	}
	return 0;
}

/* &name; &#123; &#x1F600; → UTF-8; unknown names are kept as written. */
static void
md_entity(struct buf *out, const char *s, size_t n)
{
	static const struct {
		const char *name, *utf8;
	} names[] = {
	    {"&amp;", "&"},	 {"&lt;", "<"},	     {"&gt;", ">"},	 {"&quot;", "\""},
	    {"&apos;", "'"},	 {"&nbsp;", "\xC2\xA0"}, {"&copy;", "©"},	 {"&reg;", "®"},
	    {"&mdash;", "—"},	 {"&ndash;", "–"},   {"&hellip;", "…"},	 {"&middot;", "·"},
	    {"&laquo;", "«"},	 {"&raquo;", "»"},   {"&ldquo;", "“"},	 {"&rdquo;", "”"},
	    {"&lsquo;", "‘"},	 {"&rsquo;", "’"},   {"&times;", "×"},	 {"&yen;", "¥"},
	    {"&emsp;", "\xE2\x80\x83"}, {"&ensp;", "\xE2\x80\x82"}, {"&thinsp;", "\xE2\x80\x89"},
	};
	size_t i;

	if (n > 3 && s[1] == '#') {
		bool hex = s[2] == 'x' || s[2] == 'X';
		unsigned long cp = strtoul(s + (hex ? 3 : 2), NULL, hex ? 16 : 10);
		uint8_t tmp[6];
		int k;

		if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			cp = 0xFFFD;
		k = u8_uctomb(tmp, (ucs4_t)cp, sizeof(tmp));
		if (k > 0)
			buf_add(out, (const char *)tmp, (size_t)k);
		return;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == n && memcmp(names[i].name, s, n) == 0) {
			buf_adds(out, names[i].utf8);
			return;
		}
	buf_add(out, s, n);
}

static int
md_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *ud)
{
	struct md_state *st = ud;

	if (!st->open)
		md_open(st, BLOCK_PARA, 0); /* text of a tight list item */
	/* where the block's text starts in the source (md4c's text points into it, except for
	 * the line breaks and NUL replacements it makes up) */
	if (st->src_off == NPOS && type != MD_TEXT_BR && type != MD_TEXT_SOFTBR &&
	    type != MD_TEXT_NULLCHAR && text >= st->src && text < st->src_end)
		st->src_off = (size_t)(text - st->src);
	switch (type) {
	case MD_TEXT_NULLCHAR:
		buf_adds(&st->out, "\xEF\xBF\xBD");
		break;
	case MD_TEXT_BR:
	case MD_TEXT_SOFTBR:
		buf_addc(&st->out, st->raw ? ' ' : '\n');
		break;
	case MD_TEXT_ENTITY:
		md_entity(&st->out, text, size);
		break;
	case MD_TEXT_HTML:
		/* an inline tag is markup; a line break tag breaks the line */
		if (size >= 3 && (strncasecmp(text, "<br", 3) == 0))
			buf_addc(&st->out, '\n');
		else if (st->kind == BLOCK_PRE)
			buf_add(&st->out, text, size); /* an HTML block: shown as written */
		break;
	default:
		buf_add(&st->out, text, size);
		break;
	}
	return 0;
}

/* YAML front matter: "---" on the first line and a closing "---" or "..." within 8 KiB. Returns
 * the bytes it takes (0 when none) and its title, owned, or NULL. */
static size_t
md_front_matter(const char *s, size_t n, char **title)
{
	size_t i, limit = MIN(n, (size_t)8192);

	*title = NULL;
	if (n < 4 || memcmp(s, "---\n", 4) != 0)
		return 0;
	for (i = 4; i < limit;) {
		const char *nl = memchr(s + i, '\n', limit - i);
		size_t end = nl ? (size_t)(nl - s) : limit;

		if ((end - i == 3 && (memcmp(s + i, "---", 3) == 0 || memcmp(s + i, "...", 3) == 0)))
			return nl ? end + 1 : end;
		if (!*title && end - i > 6 && strncmp(s + i, "title:", 6) == 0) {
			size_t a = i + 6, b = end;

			while (a < b && (s[a] == ' ' || s[a] == '\t'))
				a++;
			while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
				b--;
			if (b - a >= 2 && (s[a] == '"' || s[a] == '\'') && s[b - 1] == s[a]) {
				a++;
				b--;
			}
			if (b > a)
				*title = xstrndup(s + a, b - a);
		}
		if (!nl)
			break;
		i = end + 1;
	}
	free(*title);
	*title = NULL;
	return 0; /* not closed: not front matter */
}

enum status
doc_md_render(struct doc *d, struct md_render *r)
{
	struct md_state st;
	MD_PARSER p;
	char *fm_title = NULL;
	size_t skip = md_front_matter(d->text, d->len, &fm_title);
	int rc;

	memset(&st, 0, sizeof(st));
	memset(&p, 0, sizeof(p));
	memset(r, 0, sizeof(*r));
	buf_init(&st.out);
	st.src = d->text + skip;
	st.src_end = d->text + d->len;
	if (fm_title) {
		/* the front matter's title is the first line, as a plain text's title would be */
		md_open(&st, BLOCK_PARA, 0);
		buf_adds(&st.out, fm_title);
		md_close(&st);
		free(fm_title);
	}
	p.flags = MD_DIALECT_GITHUB | MD_FLAG_PERMISSIVEATXHEADERS;
	p.enter_block = md_enter_block;
	p.leave_block = md_leave_block;
	p.enter_span = md_enter_span;
	p.leave_span = md_leave_span;
	p.text = md_text;
	rc = md_parse(st.src, (MD_SIZE)(d->len - skip), &p, &st);
	md_close(&st);
	if (rc != 0) {
		buf_fini(&st.out);
		free(st.blocks);
		free(st.heads);
		return ERR_PARSE;
	}
	buf_addc(&st.out, '\n');
	r->len = st.out.len;
	r->text = buf_take(&st.out);
	r->blocks = st.blocks;
	r->n_blocks = st.n_blocks;
	r->heads = st.heads;
	r->n_heads = st.n_heads;
	r->src_skip = skip;
	return OK;
}

/* A heading's title for the outline: its text on one line; its number when it starts with one
 * ("01 说真话" → 1). */
static char *
md_heading_title(const char *s, size_t a, size_t b, int *number)
{
	char *t = xstrndup(s + a, b - a), *p;
	size_t i = 0;

	for (p = t; *p; p++)
		if (*p == '\n')
			*p = ' ';
	*number = 0;
	while (t[i] >= '0' && t[i] <= '9' && i < 4)
		*number = *number * 10 + (t[i++] - '0');
	if (i == 0 || i == 4 || (t[i] >= '0' && t[i] <= '9'))
		*number = 0;
	return t;
}

void
doc_structure_md(struct doc *d)
{
	struct md_render r;
	struct doc_heading *heads;
	size_t *src_line, i, k, n = 0, first = NPOS, h1 = 0, line = 1, at = 0;
	int min_level = 7;

	if (doc_md_render(d, &r) != OK || r.n_blocks == 0) {
		if (r.text) {
			free(r.text);
			free(r.blocks);
			free(r.heads);
		}
		doc_structure(d);
		return;
	}
	/* the headings' source lines, while the source is still here */
	src_line = xcalloc(r.n_heads ? r.n_heads : 1, sizeof(*src_line));
	for (i = 0; i < r.n_heads; i++) {
		size_t to = r.heads[i].src_off == NPOS ? at : r.src_skip + r.heads[i].src_off;
		const char *q;

		while (at < to && (q = memchr(d->text + at, '\n', to - at)) != NULL) {
			line++;
			at = (size_t)(q - d->text) + 1;
		}
		at = MAX(at, to);
		src_line[i] = line;
	}
	free(d->text);
	d->text = r.text;
	d->len = r.len;
	d->blocks = r.blocks;
	d->n_blocks = r.n_blocks;
	doc_line_table(d);
	for (i = 0; i < d->n_blocks; i++) {
		struct block *b = &d->blocks[i];

		if (b->kind == BLOCK_PARA && !(b->flags & (BLOCK_F_ITEM | BLOCK_F_QUOTE)) &&
		    doc_mostly_cjk(d->text, b->start, b->end))
			b->flags |= BLOCK_F_CJK;
		if (b->kind == BLOCK_HEADING && b->level == 1)
			h1++;
	}
	/* a lone level-1 heading at the top is the document's title, not a section */
	if (d->blocks[0].kind == BLOCK_HEADING && d->blocks[0].level == 1 && h1 == 1)
		d->blocks[0].kind = BLOCK_TITLE;
	heads = xcalloc(r.n_heads ? r.n_heads : 1, sizeof(*heads));
	for (i = 0; i < r.n_heads; i++)
		if (d->blocks[r.heads[i].block].kind == BLOCK_HEADING)
			min_level = MIN(min_level, d->blocks[r.heads[i].block].level);
	for (i = 0; i < r.n_heads; i++) {
		struct block *b = &d->blocks[r.heads[i].block];

		if (b->kind != BLOCK_HEADING)
			continue;
		b->level = b->level - (min_level - 1);
		if (first == NPOS)
			first = r.heads[i].block;
		heads[n].block = r.heads[i].block;
		heads[n].title = md_heading_title(d->text, b->start, b->end, &heads[n].number);
		src_line[n] = src_line[i];
		n++;
	}
	doc_mark_front_back(d, first, true); /* takes a TITLE block 0 as the title */
	doc_make_sections(d, heads, n);
	for (i = k = 0; i < d->n_sections; i++)
		if (d->sections[i].heading != NPOS && k < n)
			d->sections[i].line = src_line[k++];
	free(heads);
	free(src_line);
	free(r.heads);
}
