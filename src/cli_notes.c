/* cli_notes.c — `jingdu notes [--json]`: every document in the notes database that has
 * highlights, most recently opened first, with counts. The text form is a table;
 * the --json form is a stable list documented in docs/annotations.md. */
#include "jingdu/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jingdu/annot.h"

/* Text for the terminal: controls and bidi overrides shown as U+FFFD, newlines as spaces. */
static void
add_clean(struct buf *b, const char *s)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		uint32_t c;
		int l = utf8_decode(s + i, n - i, &c);
		if (c == '\n' || c == '\t')
			buf_addc(b, ' ');
		else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
			 (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
			buf_adds(b, "\xef\xbf\xbd");
		else
			buf_add(b, s + i, (size_t)l);
		i += (size_t)l;
	}
}

static void
iso_date(int64_t t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void
notes_json(const struct annot_docs *l, struct buf *b)
{
	size_t i;

	buf_adds(b, "[");
	for (i = 0; i < l->n; i++) {
		const struct annot_docinfo *di = &l->v[i];
		char when[32];

		iso_date(di->last_opened, when);
		buf_adds(b, i ? ",\n  {" : "\n  {");
		buf_adds(b, "\"title\": ");
		buf_add_json(b, di->title, strlen(di->title));
		buf_adds(b, ", \"author\": ");
		buf_add_json(b, di->author, strlen(di->author));
		buf_adds(b, ", \"path\": ");
		buf_add_json(b, di->path, strlen(di->path));
		buf_addf(b,
			 ", \"hash\": \"%s\", \"highlights\": %zu, \"notes\": %zu, "
			 "\"orphans\": %zu, \"bookmarks\": %zu, \"last_opened\": \"%s\"}",
			 di->hash, di->n_highlights, di->n_notes, di->n_orphans, di->n_bookmarks,
			 when);
	}
	buf_adds(b, l->n ? "\n]\n" : "]\n");
}

static void
notes_text(const struct annot_docs *l, struct buf *b)
{
	size_t i;

	if (l->n == 0) {
		buf_adds(b, "no highlights yet\n");
		return;
	}
	buf_adds(b, "highlights  notes  orphans  bookmarks  document\n");
	for (i = 0; i < l->n; i++) {
		const struct annot_docinfo *di = &l->v[i];

		buf_addf(b, "%10zu  %5zu  %7zu  %9zu  ", di->n_highlights, di->n_notes,
			 di->n_orphans, di->n_bookmarks);
		add_clean(b, di->title);
		if (di->path[0]) {
			buf_adds(b, "  ");
			add_clean(b, di->path);
		}
		buf_addc(b, '\n');
	}
}

int
cli_notes(int argc, char **argv, const struct cli_opts *o)
{
	bool json = false;
	struct annot_store *s = NULL;
	struct annot_docs l;
	struct diag dg = {0};
	struct buf b;
	int i;

	(void)o;
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			json = true;
		} else {
			fprintf(stderr, "jingdu: notes: unexpected argument %s\n", argv[i]);
			fprintf(stderr, "usage: jingdu notes [--json]\n");
			return 2;
		}
	}
	if (annot_store_open(NULL, &s, &dg) != OK) {
		fprintf(stderr, "jingdu: %s\n", dg.msg);
		return 1;
	}
	if (annot_docs_list(s, &l, &dg) != OK) {
		fprintf(stderr, "jingdu: %s\n", dg.msg);
		annot_store_close(s);
		return 1;
	}
	buf_init(&b);
	if (json)
		notes_json(&l, &b);
	else
		notes_text(&l, &b);
	fwrite(b.s, 1, b.len, stdout);
	buf_fini(&b);
	annot_docs_fini(&l);
	annot_store_close(s);
	return fflush(stdout) == 0 ? 0 : 1;
}
