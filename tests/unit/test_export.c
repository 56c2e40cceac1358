/* test_export.c — every export format: structure (JSON parsed back by a small checker and, when
 * present, python3 -m json.tool; CSV parsed per RFC 4180), quoted YAML, HTML escaping, org
 * escaping, no BOM, orphans marked, entity tags; `jingdu export` run in-process: -o -, the
 * default output name, never overwriting without --force. */
#include "jingdu/export.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jingdu/annot.h"
#include "jingdu/cli.h"
#include "jingdu/doc.h"
#include "tap.h"

static char tmpdir[256];

static const char article[] =
    "Title: \"quoted\" & <b>bold</b>\n\n"
    "01 说真话\n\n"
    "深度求索在杭州成立，*团队*不到一百五十人。<script>alert(1)</script> & more.\n\n"
    "02 价格战\n\n"
    "大厂们随后纷纷降价，\"价格战\", 从此开始。\n";

/* ---- a tiny JSON checker (RFC 8259 grammar, no semantics) ---- */

struct js {
	const char *p, *end;
};

static void
js_ws(struct js *j)
{
	while (j->p < j->end && strchr(" \t\r\n", *j->p))
		j->p++;
}

static bool js_value(struct js *j, int depth);

static bool
js_string(struct js *j)
{
	if (j->p >= j->end || *j->p != '"')
		return false;
	j->p++;
	while (j->p < j->end && *j->p != '"') {
		unsigned char c = (unsigned char)*j->p;
		if (c < 0x20)
			return false;
		if (c == '\\') {
			j->p++;
			if (j->p >= j->end)
				return false;
			if (*j->p == 'u') {
				int k;
				for (k = 1; k <= 4; k++)
					if (j->p + k >= j->end ||
					    !strchr("0123456789abcdefABCDEF", j->p[k]) || !j->p[k])
						return false;
				j->p += 4;
			} else if (!strchr("\"\\/bfnrt", *j->p) || !*j->p) {
				return false;
			}
		}
		j->p++;
	}
	if (j->p >= j->end)
		return false;
	j->p++;
	return true;
}

static bool
js_number(struct js *j)
{
	const char *s = j->p;

	if (j->p < j->end && *j->p == '-')
		j->p++;
	while (j->p < j->end && strchr("0123456789.eE+-", *j->p) && *j->p)
		j->p++;
	return j->p > s;
}

static bool
js_value(struct js *j, int depth)
{
	if (depth > 64)
		return false;
	js_ws(j);
	if (j->p >= j->end)
		return false;
	if (*j->p == '{' || *j->p == '[') {
		char close = *j->p == '{' ? '}' : ']';
		bool obj = *j->p == '{';
		j->p++;
		js_ws(j);
		if (j->p < j->end && *j->p == close) {
			j->p++;
			return true;
		}
		for (;;) {
			js_ws(j);
			if (obj) {
				if (!js_string(j))
					return false;
				js_ws(j);
				if (j->p >= j->end || *j->p != ':')
					return false;
				j->p++;
			}
			if (!js_value(j, depth + 1))
				return false;
			js_ws(j);
			if (j->p < j->end && *j->p == ',') {
				j->p++;
				continue;
			}
			if (j->p < j->end && *j->p == close) {
				j->p++;
				return true;
			}
			return false;
		}
	}
	if (*j->p == '"')
		return js_string(j);
	if (strncmp(j->p, "true", 4) == 0 || strncmp(j->p, "null", 4) == 0) {
		j->p += 4;
		return true;
	}
	if (strncmp(j->p, "false", 5) == 0) {
		j->p += 5;
		return true;
	}
	return js_number(j);
}

static bool
json_valid(const char *s, size_t n)
{
	struct js j = {s, s + n};

	if (!js_value(&j, 0))
		return false;
	js_ws(&j);
	return j.p == j.end;
}

/* ---- RFC 4180 CSV reader: counts records and checks each has 6 fields ---- */

static bool
csv_parse(const char *s, size_t n, size_t *records, char *first_note, size_t cap)
{
	size_t i = 0, fields = 0, rec = 0;

	first_note[0] = '\0';
	while (i < n) {
		size_t k = 0;
		if (s[i] != '"')
			return false; /* we quote every field */
		i++;
		for (;;) {
			if (i >= n)
				return false;
			if (s[i] == '"') {
				if (i + 1 < n && s[i + 1] == '"') {
					if (rec == 1 && fields == 4 && k + 1 < cap)
						first_note[k++] = '"';
					i += 2;
					continue;
				}
				i++;
				break;
			}
			if (rec == 1 && fields == 4 && k + 1 < cap)
				first_note[k++] = s[i];
			i++;
		}
		if (rec == 1 && fields == 4)
			first_note[k] = '\0';
		fields++;
		if (i < n && s[i] == ',') {
			i++;
			continue;
		}
		if (i + 1 < n && s[i] == '\r' && s[i + 1] == '\n') {
			if (fields != 6)
				return false;
			fields = 0;
			rec++;
			i += 2;
			continue;
		}
		return false;
	}
	*records = rec;
	return fields == 0;
}

/* ---- fixtures ---- */

static void
fake_entities(void *ctx, const struct doc *d, size_t start, size_t end, struct export_names *out)
{
	const char *p = strstr(d->text + start, "深度求索");

	(void)ctx;
	if (p && (size_t)(p - d->text) + strlen("深度求索") <= end) {
		export_names_add(out, "深度求索");
		export_names_add(out, "Hang zhou");
		export_names_add(out, "深度求索"); /* duplicates are dropped */
	}
}

static void
hl_make(struct annot_highlight *h, const struct doc *d, const char *quote, int color,
	const char *note, bool orphan, int64_t id)
{
	const char *p = strstr(d->text, quote);
	size_t s = p ? (size_t)(p - d->text) : 0;

	memset(h, 0, sizeof(*h));
	h->id = id;
	h->color = color;
	anchor_make(d->text, d->len, s, s + strlen(quote), &h->anchor);
	if (orphan) {
		free(h->anchor.quote);
		h->anchor.quote = xstrdup(quote);
	}
	h->note = xstrdup(note);
	h->orphan = orphan;
	h->created = h->updated = 1764000000;
}

static char *
render(enum export_format f, const struct doc *d, const struct annot_highlight *h, size_t n)
{
	struct export_opts o = {0};
	struct buf b;

	o.now = 1764000000;
	o.entities = fake_entities;
	buf_init(&b);
	export_render(f, d, h, n, &o, &b);
	return buf_take(&b);
}

static bool
has_bom(const char *s)
{
	return (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
	       (unsigned char)s[2] == 0xBF;
}

static size_t
count(const char *s, const char *what)
{
	size_t n = 0;

	while ((s = strstr(s, what)) != NULL) {
		n++;
		s += strlen(what);
	}
	return n;
}

/* A NULL-terminated argument vector of owned copies (string literals are const). */
static char **
vec(int n, ...)
{
	char **v = xcalloc((size_t)n + 1, sizeof(*v));
	va_list ap;
	int i;

	va_start(ap, n);
	for (i = 0; i < n; i++)
		v[i] = xstrdup(va_arg(ap, const char *));
	va_end(ap);
	return v;
}

static void
vec_free(char **v)
{
	size_t i;

	for (i = 0; v[i]; i++)
		free(v[i]);
	free(v);
}

static int
run_argv(char *const argv[])
{
	pid_t pid;
	int st;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0) {
			dup2(null, 1);
			dup2(null, 2);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static char *
tpath(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static char *
slurp(const char *path)
{
	char *s = NULL;
	size_t n;

	if (read_file(path, &s, &n) != OK)
		return NULL;
	return s;
}

static void
test_formats(void)
{
	struct doc *d = NULL;
	struct annot_highlight h[3];
	char *s, *p;
	size_t n, i;

	if (doc_load_buffer(article, strlen(article), "/tmp/article.txt", &d) != OK) {
		ok(0, "load the fixture");
		return;
	}
	hl_make(&h[0], d, "深度求索在杭州成立，*团队*", 1,
		"第一条笔记：他说 \"好\", 然后\n* 第二行", false, 1);
	hl_make(&h[1], d, "<script>alert(1)</script> & more.", 3, "", false, 2);
	hl_make(&h[2], d, "一段已经删掉的文字", 4, "孤儿的笔记", true, 3);

	/* Markdown */
	s = render(EXPORT_MD, d, h, 3);
	ok(!has_bom(s), "md: no BOM");
	ok(strncmp(s, "---\ntitle: \"Title: \\\"quoted\\\" & <b>bold</b>\"\n",
		   strlen("---\ntitle: \"Title: \\\"quoted\\\" & <b>bold</b>\"\n")) == 0,
	   "md: YAML title quoted and escaped");
	ok(strstr(s, "\nauthor: \"") && strstr(s, "\nsource: \"file:///tmp/article.txt\"") &&
	       strstr(s, "\nexported: \"2025-11-24T"),
	   "md: author, source and exported date quoted");
	ok(strstr(s, "\n## 01 说真话\n") != NULL, "md: a heading per section");
	ok(strstr(s, "> 深度求索在杭州成立，\\*团队\\*\n") != NULL,
	   "md: block quote, markup escaped");
	ok(strstr(s, "第一条笔记：他说 \"好\", 然后\n* 第二行\n") != NULL,
	   "md: note below the quote");
	ok(strstr(s, "#yellow #深度求索 #Hang_zhou") != NULL, "md: colour and entities as tags");
	ok(count(s, "#深度求索") == 1, "md: entity tags deduplicated");
	ok(strstr(s, "> \\<script\\>alert(1)\\</script\\> \\& more.") != NULL,
	   "md: HTML in a quote escaped");
	p = strstr(s, "## Orphaned highlights");
	ok(p && strstr(p, "> 一段已经删掉的文字") && strstr(p, "孤儿的笔记") &&
	       strstr(p, "#orphan"),
	   "md: orphan listed with its text, note and mark");
	free(s);

	/* JSON */
	s = render(EXPORT_JSON, d, h, 3);
	ok(!has_bom(s), "json: no BOM");
	ok(json_valid(s, strlen(s)), "json: parses");
	ok(strstr(s, "\"@context\": \"http://www.w3.org/ns/anno.jsonld\"") &&
	       strstr(s, "\"type\": \"AnnotationCollection\"") &&
	       count(s, "\"type\": \"Annotation\"") == 3,
	   "json: an AnnotationCollection of 3 Annotations");
	ok(count(s, "\"type\": \"TextQuoteSelector\"") == 3,
	   "json: every item has a quote selector");
	ok(count(s, "\"type\": \"TextPositionSelector\"") == 2,
	   "json: placed items have a position selector, the orphan none");
	{
		size_t cs = utf8_count(d->text, h[0].anchor.start);
		size_t ce = utf8_count(d->text, h[0].anchor.end);
		char *want = xasprintf(
		    "\"type\": \"TextPositionSelector\", \"start\": %zu, \"end\": %zu}", cs, ce);
		ok(strstr(s, want) != NULL, "json: positions in code points (%zu-%zu)", cs, ce);
		free(want);
	}
	ok(strstr(s, "\"purpose\": \"commenting\", \"format\": \"text/plain\", \"value\": "
		     "\"第一条笔记：他说 \\\"好\\\", 然后\\n* 第二行\"") != NULL,
	   "json: the note as a TextualBody, escaped");
	ok(strstr(s, "\"exact\": \"一段已经删掉的文字\"") && strstr(s, "\"orphan\": true"),
	   "json: orphan marked, with its quote");
	p = tpath("out.json");
	{
		FILE *f = fopen(p, "wb");
		if (f) {
			fputs(s, f);
			fclose(f);
		}
	}
	if (access("/usr/bin/python3", X_OK) == 0) {
		char **argv = vec(4, "python3", "-m", "json.tool", p);
		is_int(run_argv(argv), 0, "json: python3 -m json.tool accepts it");
		vec_free(argv);
	} else {
		tap_diag("skipped: python3 absent");
	}
	free(p);
	free(s);

	/* HTML */
	s = render(EXPORT_HTML, d, h, 3);
	ok(!has_bom(s), "html: no BOM");
	ok(strncmp(s, "<!DOCTYPE html>", 15) == 0 && strstr(s, "<meta charset=\"utf-8\">") &&
	       strstr(s, "</html>\n"),
	   "html: a complete page");
	ok(strstr(s, "mark.c1{") && strstr(s, "mark.c2{") && strstr(s, "mark.c3{") &&
	       strstr(s, "mark.c4{"),
	   "html: inline CSS with the four colours");
	ok(strstr(s, "<script>") == NULL &&
	       strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more.") &&
	       strstr(s, "<title>Title: &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;</title>"),
	   "html: text escaped");
	ok(strstr(s, "<blockquote class=\"c3\"") && strstr(s, "<mark class=\"c3\">"),
	   "html: the colour of each highlight");
	ok(strstr(s, "class=\"orphan\"") && strstr(s, "孤儿的笔记"),
	   "html: orphan marked with its note");
	ok(strstr(s, "<p class=\"note\">第一条笔记：他说 &quot;好&quot;, 然后 * 第二行</p>") !=
	       NULL,
	   "html: the note escaped");
	free(s);

	/* org */
	s = render(EXPORT_ORG, d, h, 3);
	ok(!has_bom(s), "org: no BOM");
	ok(strncmp(s, "#+TITLE: Title: \"quoted\" & <b>bold</b>\n", 39) == 0, "org: title keyword");
	ok(strstr(s, "\n* 01 说真话\n") &&
	       strstr(s, "#+BEGIN_QUOTE\n深度求索在杭州成立，*团队*\n#+END_QUOTE\n"),
	   "org: section headline and quote block");
	ok(strstr(s, ":yellow:深度求索:Hang_zhou:") != NULL, "org: colour and entities as tags");
	ok(strstr(s, "\n,* 第二行\n") != NULL,
	   "org: a note line that looks like a headline is escaped");
	ok(strstr(s, "* Orphaned highlights\n") && strstr(s, ":pink:orphan:"),
	   "org: orphan marked");
	free(s);

	/* CSV */
	s = render(EXPORT_CSV, d, h, 3);
	ok(!has_bom(s), "csv: no BOM");
	ok(strncmp(s, "Highlight,Title,Author,URL,Note,Location\r\n", 42) == 0,
	   "csv: Readwise's columns");
	{
		char note[256];
		size_t recs = 0;
		ok(csv_parse(s + 42, strlen(s) - 42, &recs, note, sizeof(note)) && recs == 3,
		   "csv: RFC 4180 records, 6 fields each (%zu)", recs);
		(void)note;
	}
	ok(strstr(s, "\"第一条笔记：他说 \"\"好\"\", 然后\n* 第二行\"") != NULL,
	   "csv: quotes doubled, newline kept inside quotes");
	ok(strstr(s, "\"[orphan: not found in the current text] 孤儿的笔记\",\"\"\r\n") != NULL,
	   "csv: orphan marked in the note, no location");
	free(s);

	/* empty list */
	s = render(EXPORT_JSON, d, h, 0);
	ok(json_valid(s, strlen(s)) && strstr(s, "\"total\": 0"),
	   "json: an empty collection is valid");
	free(s);
	s = render(EXPORT_CSV, d, h, 0);
	is_str(s, "Highlight,Title,Author,URL,Note,Location\r\n", "csv: empty is the header only");
	free(s);

	for (i = 0; i < 3; i++)
		annot_highlight_fini(&h[i]);
	doc_free(d);
	(void)n;
}

static void
test_yaml(void)
{
	const char *t = "A: \"b\"\\c\td\x01"
			"e\xe2\x80\xa8"
			"f\xc2\x85"
			"g 中文\n";
	struct doc *d = NULL;
	char *s;

	if (doc_load_buffer(t, strlen(t), "y.txt", &d) != OK) {
		ok(0, "load");
		return;
	}
	s = render(EXPORT_MD, d, NULL, 0);
	*strstr(s + 4, "\n---\n") = '\0'; /* the front matter only */
	tap_diag("title line: %.*s", (int)(strchr(s + 4, '\n') - s - 4), s + 4);
	ok(strstr(s, "\\\"b\\\"\\\\c") != NULL, "yaml: quotes and backslashes escaped");
	ok(strstr(s, "\\u2028") != NULL || strstr(s, "\xe2\x80\xa8") == NULL,
	   "yaml: U+2028 escaped, never raw");
	ok(strstr(s, "\xc2\x85") == NULL, "yaml: C1 control never raw");
	ok(strstr(s, " 中文") != NULL, "yaml: CJK kept as is");
	free(s);
	doc_free(d);
}

static void
test_names(void)
{
	enum export_format f;
	struct doc *d = NULL;
	char *p;

	ok(export_format_parse("md", &f) && f == EXPORT_MD, "format md");
	ok(export_format_parse("markdown", &f) && f == EXPORT_MD, "format markdown");
	ok(export_format_parse("csv", &f) && f == EXPORT_CSV, "format csv");
	ok(!export_format_parse("pdf", &f), "format pdf refused");
	doc_load_buffer("x\n", 2, "some/dir/my.notes.txt", &d);
	p = export_default_path(d, EXPORT_JSON, NULL);
	is_str(p, "my.notes.json", "default name: base name, last extension replaced");
	free(p);
	p = export_default_path(d, EXPORT_ORG, "/out");
	is_str(p, "/out/my.notes.org", "default name in a directory");
	free(p);
	doc_free(d);
}

static void
test_write(void)
{
	char *p = tpath("w.md"), *s;
	struct diag dg = {0};

	is_int(export_write_file(p, "one\n", 4, false, &dg), OK, "write a new file");
	is_int(export_write_file(p, "two\n", 4, false, &dg), ERR_EXISTS, "existing file: refused");
	ok(strstr(dg.msg, "--force") != NULL, "existing file: message names --force (%s)", dg.msg);
	s = slurp(p);
	is_str(s, "one\n", "existing file untouched");
	free(s);
	is_int(export_write_file(p, "three\n", 6, true, &dg), OK, "--force replaces");
	s = slurp(p);
	is_str(s, "three\n", "replaced content");
	free(s);
	free(p);
	p = tpath("no/such/dir/x.md");
	ok(export_write_file(p, "x", 1, false, &dg) == ERR_NOENT && dg.msg[0],
	   "missing directory: a status and a message");
	free(p);
}

/* Run cli_export in-process with stdout and stderr redirected to files. */
static int
cli(const char *out, int argc, char **argv)
{
	int o1 = dup(1), o2 = dup(2), fd, rc;
	char *err = xasprintf("%s.err", out);

	fflush(stdout);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	dup2(fd, 1);
	close(fd);
	fd = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	dup2(fd, 2);
	close(fd);
	rc = cli_export(argc, argv, NULL);
	fflush(stdout);
	fflush(stderr);
	dup2(o1, 1);
	dup2(o2, 2);
	close(o1);
	close(o2);
	free(err);
	return rc;
}

static void
test_cli(void)
{
	char *file = tpath("article.txt"), *db = tpath("cli.db"), *out = tpath("stdout");
	char *s, *here, cwd[4096];
	struct annot_store *st = NULL;
	struct annot_docref ref;
	struct diag dg = {0};
	struct doc *d = NULL;
	FILE *f;
	const char *q = "价格战";

	f = fopen(file, "wb");
	if (!f)
		return;
	fputs(article, f);
	fclose(f);
	setenv("JINGDU_DB", db, 1);
	if (doc_load_file(file, &d) != OK || annot_store_open(NULL, &st, &dg) != OK ||
	    annot_doc_open(st, d, true, &ref, &dg) != OK) {
		ok(0, "set up the store: %s", dg.msg);
		return;
	}
	{
		size_t at = (size_t)(strstr(d->text, q) - d->text);
		annot_highlight_add(st, ref.id, d, at, at + strlen(q), 2, "一条笔记", NULL, &dg);
		at = (size_t)(strstr(d->text, "深度求索在杭州成立") - d->text);
		annot_highlight_add(st, ref.id, d, at, at + strlen("深度求索在杭州成立"), 1, NULL, NULL,
				    &dg);
	}
	annot_store_close(st);
	doc_free(d);

	{
		char **argv = vec(5, "--format", "md", "-o", "-", file);
		is_int(cli(out, 5, argv), 0, "export -o -: exit 0");
		s = slurp(out);
		ok(s && strstr(s, "> 价格战") && strstr(s, "一条笔记") && strstr(s, "#green"),
		   "export -o -: the quote, note and colour on stdout");
		ok(s && strstr(s, "#杭州"), "export: the entities a highlight mentions are its tags");
		free(s);
		vec_free(argv);
	}
	{
		char **argv = vec(4, "--format=json", "-o", "-", file);
		is_int(cli(out, 4, argv), 0, "export --format=json: exit 0");
		s = slurp(out);
		ok(s && json_valid(s, strlen(s)) && strstr(s, "\"exact\": \"价格战\""),
		   "export --format=json: valid, with the quote");
		free(s);
		vec_free(argv);
	}
	{
		char **argv = vec(3, "--format", "pdf", file);
		is_int(cli(out, 3, argv), 2, "unknown format: usage error 2");
		vec_free(argv);
	}
	{
		char **argv = vec(1, "-o");
		is_int(cli(out, 1, argv), 2, "-o without a value: usage error 2");
		vec_free(argv);
	}
	{
		char **argv = vec(2, file, "x");
		is_int(cli(out, 2, argv), 2, "two files: usage error 2");
		vec_free(argv);
	}
	{
		char *missing = tpath("missing.txt");
		char **argv = vec(1, missing);
		is_int(cli(out, 1, argv), 1, "missing file: exit 1");
		free(missing);
		vec_free(argv);
	}

	/* default output: FILE's base name + extension in the current directory */
	if (!getcwd(cwd, sizeof(cwd)) || chdir(tmpdir) != 0) {
		ok(0, "chdir");
		return;
	}
	{
		char **argv = vec(3, "--format", "org", file);
		is_int(cli(out, 3, argv), 0, "no -o: exit 0");
		here = tpath("article.org");
		s = slurp(here);
		ok(s && strstr(s, "一条笔记"), "no -o: wrote article.org in the current directory");
		free(s);
		f = fopen(here, "wb");
		fputs("mine\n", f);
		fclose(f);
		is_int(cli(out, 3, argv), 1, "existing output without --force: exit 1");
		s = slurp(here);
		is_str(s, "mine\n", "existing output untouched");
		free(s);
		{
			char *errf = xasprintf("%s.err", out);
			s = slurp(errf);
			free(errf);
		}
		ok(s && strstr(s, "--force") && strncmp(s, "jingdu: ", 8) == 0,
		   "existing output: one clear error line");
		free(s);
		vec_free(argv);
	}
	{
		char **argv = vec(4, "--format", "org", "--force", file);
		is_int(cli(out, 4, argv), 0, "--force: exit 0");
		s = slurp(here);
		ok(s && strstr(s, "一条笔记"), "--force: overwritten");
		free(s);
		vec_free(argv);
	}
	if (chdir(cwd) != 0)
		ok(0, "chdir back");

	/* the file changes: a paragraph inserted at the top; the export still has the highlight,
	 * anchored (not orphaned), with its note, at the shifted position */
	f = fopen(file, "wb");
	fputs("新插入的一段。\n\n", f);
	fputs(article, f);
	fclose(f);
	{
		char **argv = vec(5, "--format", "json", "-o", "-", file);
		char *want;
		size_t cs;

		is_int(cli(out, 5, argv), 0, "changed file: export exit 0");
		s = slurp(out);
		cs = utf8_count("新插入的一段。\n\n", strlen("新插入的一段。\n\n")) +
		     utf8_count(article, (size_t)(strstr(article, q) - article));
		want =
		    xasprintf("\"start\": %zu, \"end\": %zu}", cs, cs + utf8_count(q, strlen(q)));
		ok(s && json_valid(s, strlen(s)) && strstr(s, "\"exact\": \"价格战\"") &&
		       strstr(s, "一条笔记") && !strstr(s, "\"orphan\": true") && strstr(s, want),
		   "changed file: highlight re-anchored with its note at %s", want);
		free(want);
		free(s);
		vec_free(argv);
	}
	free(here);
	unsetenv("JINGDU_DB");
	free(file);
	free(db);
	free(out);
}

static void
cleanup(void)
{
	char **argv = vec(3, "rm", "-rf", tmpdir);

	if (tmpdir[0])
		run_argv(argv);
	vec_free(argv);
}

int
main(void)
{
	const char *t = getenv("TMPDIR");

	(void)tap_shared;
	snprintf(tmpdir, sizeof(tmpdir), "%s/jingdu-export-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir)) {
		printf("Bail out! cannot make a temporary directory\n");
		return 1;
	}
	test_names();
	test_yaml();
	test_formats();
	test_write();
	test_cli();
	cleanup();
	return tap_done();
}
