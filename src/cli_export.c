/* cli_export.c — `jingdu export [--format md|json|html|org|csv] [-o OUT] [--force] FILE`:
 * the highlights and notes of FILE from the notes database, rendered by export.c. Without -o
 * the result goes to FILE's base name with the format's extension in the current directory;
 * `-o -` writes to standard output. An existing file is never overwritten without --force. */
#include "jingdu/cli.h"
#include "jingdu/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jingdu/annot.h"
#include "jingdu/entity.h"
#include "jingdu/export.h"

/* Copy s to b with terminal controls (C0 but tab and newline, DEL, C1, bidi overrides and
 * isolates) replaced by U+FFFD: text from a document never reaches a terminal unfiltered. */
static void
filter_controls(struct buf *b, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t c;
		int l = utf8_decode(s + i, n - i, &c);
		bool bad = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f ||
			   (c >= 0x80 && c < 0xa0) || (c >= 0x202a && c <= 0x202e) ||
			   (c >= 0x2066 && c <= 0x2069);
		if (bad)
			buf_adds(b, "\xef\xbf\xbd");
		else
			buf_add(b, s + i, (size_t)l);
		i += (size_t)l;
	}
}

static int
usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "jingdu: export: %s%s\n", msg, arg ? arg : "");
	fprintf(stderr, "usage: jingdu export [--format md|json|html|org|csv] [-o OUT] [--force] "
			"FILE\n");
	return 2;
}

void
cli_entities_in_range(void *ctx, const struct doc *d, size_t start, size_t end,
		  struct export_names *out)
{
	const struct entity_set *es = ctx;
	size_t lo = 0, hi = entity_set_n_mentions(es), i, k;

	(void)d;
	while (lo < hi) { /* first mention starting at or after start */
		size_t mid = lo + (hi - lo) / 2;

		if (entity_set_mention(es, mid)->start < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < entity_set_n_mentions(es); i++) {
		const struct entity_mention *m = entity_set_mention(es, i);
		const char *name;
		bool seen = false;

		if (m->start >= end)
			break;
		if (m->end > end)
			continue;
		name = entity_get(es, m->entity)->name;
		for (k = 0; k < out->n && !seen; k++)
			seen = strcmp(out->v[k], name) == 0;
		if (!seen)
			export_names_add(out, name);
	}
}

int
cli_export(int argc, char **argv, const struct cli_opts *o)
{
	enum export_format fmt = EXPORT_MD;
	const char *file = NULL, *out = NULL;
	bool force = false, opts_done = false, fmt_given = false;
	struct config *cfg;
	struct annot_store *s = NULL;
	struct annot_docref ref;
	struct annot_list l = {0};
	struct diag dg = {0};
	struct doc *d;
	struct buf b;
	char *path;
	enum status st;
	int i, rc = 0;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (!opts_done && strcmp(a, "--") == 0) {
			opts_done = true;
		} else if (!opts_done && strcmp(a, "--format") == 0) {
			if (++i >= argc)
				return usage_error("--format needs a value", NULL);
			if (!export_format_parse(argv[i], &fmt))
				return usage_error("unknown format: ", argv[i]);
			fmt_given = true;
		} else if (!opts_done && strncmp(a, "--format=", 9) == 0) {
			if (!export_format_parse(a + 9, &fmt))
				return usage_error("unknown format: ", a + 9);
			fmt_given = true;
		} else if (!opts_done && (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)) {
			if (++i >= argc)
				return usage_error("-o needs a path", NULL);
			out = argv[i];
		} else if (!opts_done && strncmp(a, "--output=", 9) == 0) {
			out = a + 9;
		} else if (!opts_done && strcmp(a, "--force") == 0) {
			force = true;
		} else if (!opts_done && a[0] == '-' && a[1] != '\0') {
			return usage_error("unknown option ", a);
		} else if (!file) {
			file = a;
		} else {
			return usage_error("more than one file", NULL);
		}
	}
	if (!file)
		return usage_error("no file given", NULL);
	if (out && !*out)
		return usage_error("-o needs a path", NULL);

	/* the config gives the default format and directory (its warnings are check-config's) */
	cfg = config_new();
	config_load(cfg, o ? o->config_path : NULL);
	if (!fmt_given)
		export_format_parse(config_str(cfg, CONFIG_EXPORT_FORMAT), &fmt);
	d = cli_load_doc(file, o);
	if (!d) {
		config_free(cfg);
		return 1;
	}
	st = annot_store_open(NULL, &s, &dg);
	if (st != OK) {
		fprintf(stderr, "jingdu: %s\n", dg.msg);
		doc_free(d);
		config_free(cfg);
		return 1;
	}
	st = annot_doc_open(s, d, false, &ref, &dg);
	if (st == OK && ref.id)
		st = annot_highlight_list(s, ref.id, d, &l, &dg);
	if (st != OK) {
		fprintf(stderr, "jingdu: %s\n", dg.msg);
		annot_store_close(s);
		doc_free(d);
		config_free(cfg);
		return 1;
	}
	buf_init(&b);
	{
		struct export_opts eo = {0};
		struct entity_opts ento = {0};
		struct entity_set *es = NULL;

		ento.user_list = *config_str(cfg, CONFIG_ENTITIES_FILE)
					 ? config_str(cfg, CONFIG_ENTITIES_FILE)
					 : NULL;
		if (l.n > 0 && entity_extract(d, &ento, &es) == OK) {
			eo.entities = cli_entities_in_range;
			eo.entities_ctx = es;
		}
		export_render(fmt, d, l.v, l.n, &eo, &b);
		entity_set_free(es);
	}
	path = out ? xstrdup(out)
		   : export_default_path(d, fmt,
					 *config_str(cfg, CONFIG_EXPORT_DIRECTORY)
						 ? config_str(cfg, CONFIG_EXPORT_DIRECTORY)
						 : NULL);
	if (strcmp(path, "-") == 0 && isatty(STDOUT_FILENO)) {
		struct buf f;
		buf_init(&f);
		filter_controls(&f, b.s, b.len);
		buf_fini(&b);
		b = f;
	}
	st = export_write_file(path, b.s, b.len, force, &dg);
	if (st != OK) {
		fprintf(stderr, "jingdu: %s\n", dg.msg);
		rc = 1;
	} else if (l.n == 0) {
		fprintf(stderr, "jingdu: %s: no highlights yet; exported an empty list\n", file);
	} else if (strcmp(path, "-") != 0) {
		size_t k, orphans = 0;
		for (k = 0; k < l.n; k++)
			orphans += l.v[k].orphan;
		fprintf(stderr, "jingdu: wrote %s (%zu highlight%s, %zu orphaned)\n", path, l.n,
			l.n == 1 ? "" : "s", orphans);
	}
	free(path);
	buf_fini(&b);
	annot_list_fini(&l);
	annot_store_close(s);
	doc_free(d);
	config_free(cfg);
	return rc;
}
