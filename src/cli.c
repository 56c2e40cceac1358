/* cli.c — shared pieces of the headless subcommands: usage text, document loading, toc. */
#include "jingdu/cli.h"

#include "jingdu/config.h"
#include "jingdu/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cli_usage[] =
	"usage: jingdu [OPTIONS] [FILE | -]            open the reader (no FILE: the last document\n"
	"                                              read, or the bundled sample on first run)\n"
	"       jingdu print [--width N] FILE          the text as the reading pane lays it out at\n"
	"                                              N columns (lines stay within [reader] width,\n"
	"                                              80 by default, as in the reader)\n"
	"       jingdu toc [--json] FILE               the section outline\n"
	"       jingdu entities [--json] [--section N] FILE   entities per section, with counts\n"
	"       jingdu export [--format md|json|html|org|csv] [-o OUT] [--force] FILE\n"
	"       jingdu notes [--json]                  documents that have highlights\n"
	"       jingdu check-config [PATH]             validate a config file\n"
	"\n"
	"options:\n"
	"  --config PATH            config file (default $XDG_CONFIG_HOME/jingdu/config.ini)\n"
	"  --theme NAME             colour theme\n"
	"  --ambiguous-width 1|2    columns of East Asian Ambiguous characters (“ ” — …)\n"
	"  --encoding NAME          the file's encoding (GB18030, BIG5, SHIFT_JIS, EUC-KR…);\n"
	"                           default: UTF-8, else detected\n"
	"  --no-color               no colours (also the NO_COLOR environment variable)\n"
	"  --help                   this text\n"
	"  --version                the version\n"
	"\n"
	"exit status: 0 ok, 1 runtime error, 2 usage error\n";

void
cli_layout_opts(const struct config *cfg, const struct cli_opts *o, struct layout_opts *lo)
{
	layout_opts_default(lo);
	if (cfg) {
		lo->max_width = (int)config_int(cfg, CONFIG_READER_WIDTH);
		lo->cjk_indent = 2 * (int)config_int(cfg, CONFIG_READER_CJK_INDENT);
		lo->para_spacing = config_int(cfg, CONFIG_READER_PARAGRAPH_SPACING) > 0;
		lo->tab_width = (int)config_int(cfg, CONFIG_READER_TAB_WIDTH);
		if (config_choice(cfg, CONFIG_READER_AMBIGUOUS_WIDTH) != CONFIG_AMBIGUOUS_AUTO)
			lo->ambiguous_width = config_choice(cfg, CONFIG_READER_AMBIGUOUS_WIDTH);
	}
	if (o && o->ambiguous_width)
		lo->ambiguous_width = o->ambiguous_width;
}

struct doc *
cli_load_doc(const char *path, const struct cli_opts *o)
{
	struct doc *d = NULL;
	enum status st;

	(void)o;
	st = doc_load_file_enc(path, o ? o->encoding : NULL, &d);
	if (st != OK) {
		fprintf(stderr, "jingdu: %s: %s\n", strcmp(path, "-") ? path : "(stdin)",
			status_str(st));
		return NULL;
	}
	if (d->n_invalid)
		fprintf(stderr, "jingdu: %s: %zu invalid byte sequence%s replaced by U+FFFD\n", path,
			d->n_invalid, d->n_invalid == 1 ? "" : "s");
	return d;
}

int
cli_toc(int argc, char **argv, const struct cli_opts *o)
{
	bool json = false;
	const char *file = NULL;
	struct doc *d;
	struct buf b;
	int i;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, "jingdu: toc: unknown option %s\n", argv[i]);
			return 2;
		} else if (!file)
			file = argv[i];
		else {
			fprintf(stderr, "jingdu: toc: more than one file\n");
			return 2;
		}
	}
	if (!file) {
		fprintf(stderr, "jingdu: toc: no file given\n");
		return 2;
	}
	d = cli_load_doc(file, o);
	if (!d)
		return 1;
	buf_init(&b);
	if (json)
		doc_toc_json(d, &b);
	else
		doc_toc_text(d, &b);
	fwrite(b.s, 1, b.len, stdout);
	buf_fini(&b);
	doc_free(d);
	return 0;
}
