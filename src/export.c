/* export.c — highlights and notes as Markdown, W3C Web Annotation JSON, HTML, org-mode and
 * Readwise CSV; safe writing of the result (never overwrite without force). docs/export.md
 * describes every format. */
#include "jingdu/export.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jingdu/anchor.h"

#define HEADLINE_CPS 40 /* code points of a quote used as an org headline */

static const char *const format_names[] = {
#define EXPORT_FORMAT_NAME(name, str, ext) str,
    EXPORT_FORMAT_INFO(EXPORT_FORMAT_NAME)
#undef EXPORT_FORMAT_NAME
};

static const char *const format_exts[] = {
#define EXPORT_FORMAT_EXT(name, str, ext) ext,
    EXPORT_FORMAT_INFO(EXPORT_FORMAT_EXT)
#undef EXPORT_FORMAT_EXT
};

bool
export_format_parse(const char *name, enum export_format *out)
{
	size_t i;

	if (strcmp(name, "markdown") == 0) {
		*out = EXPORT_MD;
		return true;
	}
	for (i = 0; i < ARRAY_SIZE(format_names); i++) {
		if (strcmp(name, format_names[i]) == 0) {
			*out = (enum export_format)i;
			return true;
		}
	}
	return false;
}

const char *
export_format_name(enum export_format f)
{
	return format_names[f];
}

const char *
export_format_ext(enum export_format f)
{
	return format_exts[f];
}

void
export_names_add(struct export_names *l, const char *name)
{
	size_t i;

	if (!name || !*name)
		return;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], name) == 0)
			return;
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = xstrdup(name);
}

static void
names_fini(struct export_names *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* ---- shared context ---- */

struct ctx {
	const struct doc *d;
	const struct annot_highlight *h;
	size_t n;
	const struct export_opts *o;
	const char *source; /* as shown */
	char date[32];      /* ISO 8601 UTC */
	char hash[ANCHOR_HASH_SIZE];
	size_t *cps; /* code point offsets: [2i] start and [2i + 1] end of h[i] */
	struct buf *out;
};

/* Entities mentioned by a placed highlight (empty for orphans or without a callback). */
static void
entities_of(const struct ctx *c, const struct annot_highlight *h, struct export_names *names)
{
	memset(names, 0, sizeof(*names));
	if (h->orphan || !c->o || !c->o->entities)
		return;
	c->o->entities(c->o->entities_ctx, c->d, h->anchor.start, h->anchor.end, names);
}

static size_t
section_of(const struct ctx *c, const struct annot_highlight *h)
{
	if (h->orphan || c->d->n_sections == 0)
		return NPOS;
	return doc_section_at(c->d, h->anchor.start);
}

static const char *
section_title(const struct ctx *c, size_t sec)
{
	const char *t = c->d->sections[sec].title;
	return t && *t ? t : c->d->title;
}

/* The lead section carries the document's title: under the title heading it needs no
 * heading of its own. */
static bool
lead_section(const struct ctx *c, size_t sec)
{
	return strcmp(section_title(c, sec), c->d->title) == 0;
}

static size_t
cp_start_of(const struct ctx *c, const struct annot_highlight *h)
{
	return c->cps[2 * (size_t)(h - c->h)];
}

static size_t
cp_end_of(const struct ctx *c, const struct annot_highlight *h)
{
	return c->cps[2 * (size_t)(h - c->h) + 1];
}

struct bytepos {
	size_t byte, slot;
};

static int
bytepos_cmp(const void *pa, const void *pb)
{
	const struct bytepos *a = pa, *b = pb;

	return a->byte < b->byte ? -1 : a->byte > b->byte;
}

/* Code point offsets of every start and end, in one pass over the text (positions are in code
 * points in every format; counting from the start for each would be quadratic). */
static size_t *
cp_offsets(const struct doc *d, const struct annot_highlight *h, size_t n)
{
	size_t *cps = xcalloc(2 * n + 1, sizeof(*cps));
	struct bytepos *v = xcalloc(2 * n + 1, sizeof(*v));
	size_t i, at = 0, count = 0;

	for (i = 0; i < 2 * n; i++) {
		v[i].byte = MIN(i % 2 ? h[i / 2].anchor.end : h[i / 2].anchor.start, d->len);
		v[i].slot = i;
	}
	qsort(v, 2 * n, sizeof(*v), bytepos_cmp);
	for (i = 0; i < 2 * n; i++) {
		count += utf8_count(d->text + at, v[i].byte - at);
		at = v[i].byte;
		cps[v[i].slot] = count;
	}
	free(v);
	return cps;
}

/* A tag: whitespace and characters that end tags become '_'. */
static void
add_tag(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch <= ' ' || strchr("#,;:!?()[]{}<>\"'`|\\/.", ch))
			buf_addc(b, '_');
		else
			buf_addc(b, (char)ch);
	}
}

/* ---- Markdown ---- */

static void
yaml_str(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (; s && *s; s++) {
		unsigned char ch = (unsigned char)*s;
		switch (ch) {
		case '"':
			buf_adds(b, "\\\"");
			break;
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\t':
			buf_adds(b, "\\t");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		default:
			if (ch < 0x20 || ch == 0x7f) {
				buf_addf(b, "\\x%02x", ch);
			} else if (ch >= 0x80) {
				/* C1 controls, U+2028/2029 (YAML line breaks) and U+FEFF escaped */
				uint32_t c;
				int l = utf8_decode(s, strlen(s), &c);
				if ((c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029 ||
				    c == 0xfeff)
					buf_addf(b, "\\u%04x", (unsigned)c);
				else
					buf_add(b, s, (size_t)l);
				s += l - 1;
			} else {
				buf_addc(b, (char)ch);
			}
		}
	}
	buf_addc(b, '"');
}

/* Markdown-escape one line of quoted text (ASCII punctuation that would become markup). */
static void
md_line(struct buf *b, const char *s, size_t n)
{
	size_t i;

	if (n > 0 && strchr("#-+=|", s[0]))
		buf_addc(b, '\\');
	else if (n > 1 && s[0] >= '0' && s[0] <= '9') {
		size_t j = 0;
		while (j < n && s[j] >= '0' && s[j] <= '9')
			j++;
		if (j < n && (s[j] == '.' || s[j] == ')')) {
			buf_add(b, s, j);
			buf_addc(b, '\\');
			s += j;
			n -= j;
		}
	}
	for (i = 0; i < n; i++) {
		if (strchr("\\`*_[]<>&~", s[i]) && s[i])
			buf_addc(b, '\\');
		buf_addc(b, s[i]);
	}
}

/* "> line" for each line of s (an empty line becomes ">"). */
static void
md_quote(struct buf *b, const char *s)
{
	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		buf_adds(b, n ? "> " : ">");
		md_line(b, s, n);
		buf_addc(b, '\n');
		if (!nl)
			break;
		s = nl + 1;
	}
}

static void
md_highlight(struct ctx *c, const struct annot_highlight *h)
{
	struct buf *b = c->out;
	struct export_names names;
	size_t i;

	md_quote(b, h->anchor.quote);
	buf_addc(b, '\n');
	if (h->orphan)
		buf_adds(b, "*Orphan: this passage was not found in the current text.*\n\n");
	if (h->note[0]) {
		buf_adds(b, h->note);
		buf_adds(b, "\n\n");
	}
	entities_of(c, h, &names);
	buf_adds(b, "#");
	buf_adds(b, annot_color_name(h->color));
	if (h->orphan)
		buf_adds(b, " #orphan");
	for (i = 0; i < names.n; i++) {
		buf_adds(b, " #");
		add_tag(b, names.v[i]);
	}
	names_fini(&names);
	if (!h->orphan)
		buf_addf(b, " · %zu–%zu", cp_start_of(c, h), cp_end_of(c, h));
	buf_adds(b, "\n\n");
}

static void
render_md(struct ctx *c)
{
	struct buf *b = c->out;
	size_t i, cur = NPOS;
	bool orphans = false;

	buf_adds(b, "---\ntitle: ");
	yaml_str(b, c->d->title);
	buf_adds(b, "\nauthor: ");
	yaml_str(b, c->d->author ? c->d->author : "");
	buf_adds(b, "\nsource: ");
	yaml_str(b, c->source);
	buf_adds(b, "\nexported: ");
	yaml_str(b, c->date);
	buf_addf(b, "\nhighlights: %zu\n---\n\n# ", c->n);
	md_line(b, c->d->title, strlen(c->d->title));
	buf_adds(b, "\n\n");
	if (c->n == 0)
		buf_adds(b, "*No highlights.*\n");
	for (i = 0; i < c->n; i++) {
		const struct annot_highlight *h = &c->h[i];
		size_t sec = section_of(c, h);

		if (h->orphan && !orphans) {
			buf_adds(b, "## Orphaned highlights\n\n");
			orphans = true;
		} else if (!h->orphan && sec != cur) {
			int lvl = MIN(6, MAX(2, c->d->sections[sec].level + 1));
			const char *t = section_title(c, sec);
			int k;
			if (!lead_section(c, sec)) {
				for (k = 0; k < lvl; k++)
					buf_addc(b, '#');
				buf_addc(b, ' ');
				md_line(b, t, strlen(t));
				buf_adds(b, "\n\n");
			}
			cur = sec;
		}
		md_highlight(c, h);
	}
}

/* ---- JSON (W3C Web Annotation Data Model) ---- */

static void
json_str(struct buf *b, const char *s)
{
	buf_add_json(b, s ? s : "", s ? strlen(s) : 0);
}

static void
iso_time(int64_t t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void
json_tag(struct buf *b, const char *value, bool *first)
{
	if (!*first)
		buf_adds(b, ",");
	*first = false;
	buf_adds(b,
		 "\n          {\"type\": \"TextualBody\", \"purpose\": \"tagging\", \"value\": ");
	json_str(b, value);
	buf_adds(b, "}");
}

static void
json_highlight(struct ctx *c, const struct annot_highlight *h, bool last)
{
	struct buf *b = c->out;
	struct export_names names;
	char t1[32], t2[32];
	bool first = true;
	size_t i;

	iso_time(h->created, t1);
	iso_time(h->updated, t2);
	buf_addf(b, "      {\n        \"id\": \"urn:jingdu:%s:%lld\",\n", c->hash,
		 (long long)h->id);
	buf_adds(b, "        \"type\": \"Annotation\",\n");
	buf_addf(b, "        \"motivation\": \"%s\",\n",
		 h->note[0] ? "commenting" : "highlighting");
	buf_addf(b, "        \"created\": \"%s\",\n        \"modified\": \"%s\",\n", t1, t2);
	buf_adds(b, "        \"body\": [");
	if (h->note[0]) {
		buf_adds(b, "\n          {\"type\": \"TextualBody\", \"purpose\": \"commenting\", "
			    "\"format\": \"text/plain\", \"value\": ");
		json_str(b, h->note);
		buf_adds(b, "}");
		first = false;
	}
	json_tag(b, annot_color_name(h->color), &first);
	if (h->orphan)
		json_tag(b, "orphan", &first);
	entities_of(c, h, &names);
	for (i = 0; i < names.n; i++)
		json_tag(b, names.v[i], &first);
	names_fini(&names);
	buf_adds(b, "\n        ],\n        \"target\": {\n          \"source\": ");
	json_str(b, c->source);
	buf_adds(b, ",\n          \"selector\": [\n            {\"type\": \"TextQuoteSelector\", "
		    "\"exact\": ");
	json_str(b, h->anchor.quote);
	buf_adds(b, ", \"prefix\": ");
	json_str(b, h->anchor.prefix);
	buf_adds(b, ", \"suffix\": ");
	json_str(b, h->anchor.suffix);
	buf_adds(b, "}");
	if (!h->orphan)
		buf_addf(b,
			 ",\n            {\"type\": \"TextPositionSelector\", \"start\": %zu, "
			 "\"end\": %zu}",
			 cp_start_of(c, h), cp_end_of(c, h));
	buf_adds(b, "\n          ]\n        }");
	if (h->orphan)
		buf_adds(b, ",\n        \"orphan\": true");
	buf_addf(b, ",\n        \"color\": \"%s\"\n      }%s\n", annot_color_name(h->color),
		 last ? "" : ",");
}

static void
render_json(struct ctx *c)
{
	struct buf *b = c->out;
	size_t i;

	buf_adds(b, "{\n  \"@context\": \"http://www.w3.org/ns/anno.jsonld\",\n");
	buf_addf(b, "  \"id\": \"urn:jingdu:%s\",\n", c->hash);
	buf_adds(b, "  \"type\": \"AnnotationCollection\",\n  \"label\": ");
	json_str(b, c->d->title);
	buf_adds(b, ",\n");
	if (c->d->author) {
		buf_adds(b, "  \"creator\": ");
		json_str(b, c->d->author);
		buf_adds(b, ",\n");
	}
	buf_addf(b, "  \"generated\": \"%s\",\n  \"total\": %zu,\n", c->date, c->n);
	buf_adds(b, "  \"first\": {\n    \"type\": \"AnnotationPage\",\n    \"startIndex\": 0,\n"
		    "    \"items\": [\n");
	for (i = 0; i < c->n; i++)
		json_highlight(c, &c->h[i], i + 1 == c->n);
	buf_adds(b, "    ]\n  }\n}\n");
}

/* ---- HTML ---- */

static void
html_text(struct buf *b, const char *s, bool br)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&#39;");
			break;
		case '\n':
			buf_adds(b, br ? "<br>\n" : " ");
			break;
		default:
			buf_addc(b, *s);
		}
	}
}

static const char html_style[] =
    "body{max-width:42em;margin:2em auto;padding:0 1em;font:17px/1.7 system-ui,sans-serif;"
    "color:#222;background:#fff}\n"
    "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em}h3,h4,h5,h6{font-size:1.05em}\n"
    ".meta{color:#666;font-size:.9em}\n"
    "blockquote{margin:1.2em 0 .4em;padding:.2em .8em;border-left:4px solid #bbb}\n"
    "mark{color:inherit;padding:.05em 0}\n"
    "mark.c1{background:#fff3a3}mark.c2{background:#c8f2c2}"
    "mark.c3{background:#c7e3ff}mark.c4{background:#ffd0e5}\n"
    "blockquote.c1{border-color:#e6c300}blockquote.c2{border-color:#4caf50}"
    "blockquote.c3{border-color:#3f8fd8}blockquote.c4{border-color:#e0609a}\n"
    ".note{margin:.3em 0 .3em 1em;white-space:pre-wrap}\n"
    ".tags{margin:0 0 1.2em 1em;color:#777;font-size:.85em}\n"
    ".orphan{color:#a33;font-style:italic}\n"
    "@media (prefers-color-scheme:dark){body{color:#ddd;background:#1b1b1b}"
    "mark.c1{background:#6b5d00}mark.c2{background:#275c2a}mark.c3{background:#1f4b73}"
    "mark.c4{background:#6e2a4a}.meta,.tags{color:#999}}\n";

static void
html_highlight(struct ctx *c, const struct annot_highlight *h)
{
	struct buf *b = c->out;
	struct export_names names;
	int col = h->color >= 1 && h->color <= ANNOT_COLORS ? h->color : 1;
	size_t i;

	buf_addf(b, "<blockquote class=\"c%d\"", col);
	if (!h->orphan)
		buf_addf(b, " data-start=\"%zu\" data-end=\"%zu\"", cp_start_of(c, h),
			 cp_end_of(c, h));
	buf_addf(b, "><p><mark class=\"c%d\">", col);
	html_text(b, h->anchor.quote, true);
	buf_adds(b, "</mark></p></blockquote>\n");
	if (h->orphan)
		buf_adds(b, "<p class=\"orphan\">Orphan: this passage was not found in the current "
			    "text.</p>\n");
	if (h->note[0]) {
		buf_adds(b, "<p class=\"note\">");
		html_text(b, h->note, false);
		buf_adds(b, "</p>\n");
	}
	buf_adds(b, "<p class=\"tags\">");
	html_text(b, annot_color_name(h->color), false);
	if (h->orphan)
		buf_adds(b, " · orphan");
	entities_of(c, h, &names);
	for (i = 0; i < names.n; i++) {
		buf_adds(b, " · ");
		html_text(b, names.v[i], false);
	}
	names_fini(&names);
	buf_adds(b, "</p>\n");
}

static void
render_html(struct ctx *c)
{
	struct buf *b = c->out;
	size_t i, cur = NPOS;
	bool orphans = false;

	buf_adds(b, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<title>");
	html_text(b, c->d->title, false);
	buf_adds(b, "</title>\n<style>\n");
	buf_adds(b, html_style);
	buf_adds(b, "</style>\n</head>\n<body>\n<h1>");
	html_text(b, c->d->title, false);
	buf_adds(b, "</h1>\n<p class=\"meta\">");
	if (c->d->author) {
		html_text(b, c->d->author, false);
		buf_adds(b, " · ");
	}
	html_text(b, c->source, false);
	buf_adds(b, " · exported ");
	html_text(b, c->date, false);
	buf_addf(b, " · %zu highlight%s</p>\n", c->n, c->n == 1 ? "" : "s");
	for (i = 0; i < c->n; i++) {
		const struct annot_highlight *h = &c->h[i];
		size_t sec = section_of(c, h);

		if (h->orphan && !orphans) {
			buf_adds(b, "<h2>Orphaned highlights</h2>\n");
			orphans = true;
		} else if (!h->orphan && sec != cur) {
			int lvl = MIN(6, MAX(2, c->d->sections[sec].level + 1));
			if (!lead_section(c, sec)) {
				buf_addf(b, "<h%d>", lvl);
				html_text(b, section_title(c, sec), false);
				buf_addf(b, "</h%d>\n", lvl);
			}
			cur = sec;
		}
		html_highlight(c, h);
	}
	buf_adds(b, "</body>\n</html>\n");
}

/* ---- org-mode ---- */

/* One line of text for a keyword or headline: newlines become spaces. */
static void
org_oneline(struct buf *b, const char *s, size_t max_cps)
{
	size_t n = 0;

	for (; *s && n < max_cps; s++) {
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
		buf_addc(b, *s == '\n' || *s == '\r' ? ' ' : *s);
	}
	if (*s) {
		while (((unsigned char)*s & 0xC0) == 0x80)
			buf_addc(b, *s++);
		buf_adds(b, "…");
	}
}

/* Body lines: a line that org would read as a headline or keyword gets a leading comma. */
static void
org_body(struct buf *b, const char *s)
{
	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		if ((n > 0 && s[0] == '*') || (n > 1 && s[0] == '#' && s[1] == '+') ||
		    (n > 0 && s[0] == ','))
			buf_addc(b, ',');
		buf_add(b, s, n);
		buf_addc(b, '\n');
		if (!nl)
			break;
		s = nl + 1;
	}
}

static void
render_org(struct ctx *c)
{
	struct buf *b = c->out;
	size_t i, cur = NPOS;
	bool orphans = false;

	buf_adds(b, "#+TITLE: ");
	org_oneline(b, c->d->title, (size_t)-1);
	buf_adds(b, "\n#+AUTHOR: ");
	org_oneline(b, c->d->author ? c->d->author : "", (size_t)-1);
	buf_addf(b, "\n#+DATE: %s\n#+SOURCE: ", c->date);
	org_oneline(b, c->source, (size_t)-1);
	buf_adds(b, "\n\n");
	for (i = 0; i < c->n; i++) {
		const struct annot_highlight *h = &c->h[i];
		size_t sec = section_of(c, h), k;
		struct export_names names;

		if (h->orphan && !orphans) {
			buf_adds(b, "* Orphaned highlights\n");
			orphans = true;
		} else if (!h->orphan && sec != cur) {
			buf_adds(b, "* ");
			org_oneline(b, section_title(c, sec), (size_t)-1);
			buf_addc(b, '\n');
			cur = sec;
		}
		buf_adds(b, "** ");
		org_oneline(b, h->anchor.quote, HEADLINE_CPS);
		buf_adds(b, " :");
		buf_adds(b, annot_color_name(h->color));
		buf_adds(b, ":");
		if (h->orphan)
			buf_adds(b, "orphan:");
		entities_of(c, h, &names);
		for (k = 0; k < names.n; k++) {
			add_tag(b, names.v[k]);
			buf_addc(b, ':');
		}
		names_fini(&names);
		buf_adds(b, "\n");
		if (!h->orphan)
			buf_addf(b, ":PROPERTIES:\n:START_CP: %zu\n:END_CP: %zu\n:END:\n",
				 cp_start_of(c, h), cp_end_of(c, h));
		else
			buf_adds(b, "Orphan: this passage was not found in the current text.\n");
		buf_adds(b, "#+BEGIN_QUOTE\n");
		org_body(b, h->anchor.quote);
		buf_adds(b, "#+END_QUOTE\n");
		if (h->note[0])
			org_body(b, h->note);
		buf_addc(b, '\n');
	}
}

/* ---- CSV (Readwise) ---- */

static void
csv_field(struct buf *b, const char *s, bool last)
{
	buf_addc(b, '"');
	for (; s && *s; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_adds(b, last ? "\"\r\n" : "\",");
}

static void
render_csv(struct ctx *c)
{
	struct buf *b = c->out;
	size_t i;

	buf_adds(b, "Highlight,Title,Author,URL,Note,Location\r\n");
	for (i = 0; i < c->n; i++) {
		const struct annot_highlight *h = &c->h[i];
		char loc[32] = "";
		char *note;

		if (!h->orphan)
			snprintf(loc, sizeof(loc), "%zu", cp_start_of(c, h));
		note = h->orphan ? xasprintf("[orphan: not found in the current text]%s%s",
					     h->note[0] ? " " : "", h->note)
				 : xstrdup(h->note);
		csv_field(b, h->anchor.quote, false);
		csv_field(b, c->d->title, false);
		csv_field(b, c->d->author ? c->d->author : "", false);
		csv_field(b, c->source, false);
		csv_field(b, note, false);
		csv_field(b, loc, true);
		free(note);
	}
}

/* ---- public ---- */

/* A file: URI for a path (absolute when it exists), percent-encoding all but unreserved
 * characters and '/'. */
static char *
file_uri(const char *path)
{
	char abs[PATH_MAX];
	const char *p = realpath(path, abs) ? abs : path;
	struct buf b;

	buf_init(&b);
	buf_adds(&b, "file://");
	if (p[0] != '/')
		buf_addc(&b, '/');
	for (; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr("-._~/", ch))
			buf_addc(&b, (char)ch);
		else
			buf_addf(&b, "%%%02X", ch);
	}
	return buf_take(&b);
}

void
export_render(enum export_format f, const struct doc *d, const struct annot_highlight *h, size_t n,
	      const struct export_opts *o, struct buf *out)
{
	struct ctx c;
	char *src = NULL;
	time_t t;
	struct tm tm;

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.h = h;
	c.n = n;
	c.o = o;
	c.out = out;
	c.cps = cp_offsets(d, h, n);
	anchor_text_hash(d->text, d->len, c.hash);
	if (o && o->source)
		c.source = o->source;
	else if (d->path && strcmp(d->path, "-") != 0)
		c.source = src = file_uri(d->path);
	else
		c.source = src = xasprintf("urn:jingdu:%s", c.hash);
	t = o && o->now ? o->now : time(NULL);
	gmtime_r(&t, &tm);
	strftime(c.date, sizeof(c.date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	switch (f) {
	case EXPORT_MD:
		render_md(&c);
		break;
	case EXPORT_JSON:
		render_json(&c);
		break;
	case EXPORT_HTML:
		render_html(&c);
		break;
	case EXPORT_ORG:
		render_org(&c);
		break;
	case EXPORT_CSV:
		render_csv(&c);
		break;
	}
	free(c.cps);
	free(src);
}

char *
export_default_path(const struct doc *d, enum export_format f, const char *dir)
{
	const char *path = d->path && strcmp(d->path, "-") != 0 ? d->path : "export";
	const char *base = strrchr(path, '/');
	const char *dot;
	size_t n;

	base = base ? base + 1 : path;
	if (!*base)
		base = "export";
	dot = strrchr(base, '.');
	n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	if (dir && *dir)
		return xasprintf("%s/%.*s.%s", dir, (int)n, base, export_format_ext(f));
	return xasprintf("%.*s.%s", (int)n, base, export_format_ext(f));
}

static bool
write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		data += w;
		len -= (size_t)w;
	}
	return true;
}

static enum status
errno_status(int e)
{
	switch (e) {
	case EACCES:
	case EPERM:
	case EROFS:
		return ERR_READONLY;
	case ENOENT:
	case ENOTDIR:
		return ERR_NOENT;
	case EISDIR:
		return ERR_ISDIR;
	case EEXIST:
		return ERR_EXISTS;
	default:
		return ERR_IO;
	}
}

enum status
export_write_file(const char *path, const char *data, size_t len, bool force, struct diag *dg)
{
	int fd, e;

	if (strcmp(path, "-") == 0) {
		if (!write_all(STDOUT_FILENO, data, len)) {
			diag_set(dg, path, 0, "cannot write to standard output: %s",
				 strerror(errno));
			return ERR_IO;
		}
		return OK;
	}
	if (!force) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd < 0) {
			e = errno;
			if (e == EEXIST)
				diag_set(dg, path, 0, "%s exists; not overwritten (use --force)",
					 path);
			else
				diag_set(dg, path, 0, "cannot create %s: %s", path, strerror(e));
			return errno_status(e);
		}
		if (!write_all(fd, data, len) || fsync(fd) != 0) {
			e = errno;
			close(fd);
			unlink(path); /* our own partial file */
			diag_set(dg, path, 0, "cannot write %s: %s", path, strerror(e));
			return errno_status(e);
		}
		if (close(fd) != 0) {
			e = errno;
			unlink(path);
			diag_set(dg, path, 0, "cannot write %s: %s", path, strerror(e));
			return errno_status(e);
		}
		return OK;
	} else {
		struct stat st;
		char *tmp;

		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			diag_set(dg, path, 0, "%s is a directory", path);
			return ERR_ISDIR;
		}
		tmp = xasprintf("%s.XXXXXX", path);
		fd = mkstemp(tmp);
		if (fd < 0) {
			e = errno;
			diag_set(dg, path, 0, "cannot create %s: %s", path, strerror(e));
			free(tmp);
			return errno_status(e);
		}
		if (fchmod(fd, 0644) != 0 || !write_all(fd, data, len) || fsync(fd) != 0) {
			e = errno;
			close(fd);
			fd = -1;
		} else {
			e = close(fd) != 0 ? errno : 0;
			fd = -1;
			if (!e && rename(tmp, path) != 0)
				e = errno;
		}
		if (e) {
			unlink(tmp);
			diag_set(dg, path, 0, "cannot write %s: %s", path, strerror(e));
			free(tmp);
			return errno_status(e);
		}
		free(tmp);
		return OK;
	}
}
