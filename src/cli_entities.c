/* cli_entities.c — `jingdu entities [--json] [--section N] FILE`: entities per section with
 * counts (SPEC §1). Warnings about the user's entity list go to stderr; the output does not
 * change because of them. */
#include "jingdu/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jingdu/config.h"
#include "jingdu/entity.h"
#include "jingdu/util.h"

int
cli_entities(int argc, char **argv, const struct cli_opts *o)
{
	bool json = false;
	const char *file = NULL;
	long section = 0; /* 1-based; 0 = all */
	struct entity_set *es = NULL;
	struct entity_opts eo = {0};
	struct config *cfg;
	enum status st;
	struct doc *d;
	struct buf b;
	size_t i;
	int a;

	for (a = 0; a < argc; a++) {
		if (strcmp(argv[a], "--json") == 0) {
			json = true;
		} else if (strcmp(argv[a], "--section") == 0 ||
			   strncmp(argv[a], "--section=", 10) == 0) {
			const char *v =
			    argv[a][9] == '=' ? argv[a] + 10 : (a + 1 < argc ? argv[++a] : NULL);
			char *end;

			if (!v || !*v) {
				fprintf(stderr, "jingdu: entities: --section needs a number\n");
				return 2;
			}
			errno = 0;
			section = strtol(v, &end, 10);
			if (errno || *end || section < 1) {
				fprintf(stderr,
					"jingdu: entities: --section: not a section number: %s\n",
					v);
				return 2;
			}
		} else if (argv[a][0] == '-' && argv[a][1] != '\0') {
			fprintf(stderr, "jingdu: entities: unknown option %s\n", argv[a]);
			return 2;
		} else if (!file) {
			file = argv[a];
		} else {
			fprintf(stderr, "jingdu: entities: more than one file\n");
			return 2;
		}
	}
	if (!file) {
		fprintf(stderr, "jingdu: entities: no file given\n");
		return 2;
	}
	d = cli_load_doc(file, o);
	if (!d)
		return 1;
	if (section > 0 && (size_t)section > d->n_sections) {
		fprintf(stderr, "jingdu: %s: no section %ld (the document has %zu)\n", file,
			section, d->n_sections);
		doc_free(d);
		return 2;
	}
	/* the user's list: [entities] file in the config, else $JINGDU_ENTITIES or the default */
	cfg = config_new();
	config_load(cfg, o ? o->config_path : NULL);
	eo.user_list = config_str(cfg, CONFIG_ENTITIES_FILE);
	if (eo.user_list && !*eo.user_list)
		eo.user_list = NULL;
	st = entity_extract(d, &eo, &es);
	config_free(cfg);
	if (st != OK) {
		fprintf(stderr, "jingdu: %s: entity extraction failed\n", file);
		doc_free(d);
		return 1;
	}
	for (i = 0; i < entity_set_n_warnings(es); i++) {
		const struct diag *w = entity_set_warning(es, i);

		if (w->line > 0)
			fprintf(stderr, "jingdu: %s:%d: %s\n", w->file, w->line, w->msg);
		else
			fprintf(stderr, "jingdu: %s: %s\n", w->file, w->msg);
	}
	buf_init(&b);
	if (json)
		entity_write_json(es, d, section ? (size_t)section - 1 : NPOS, &b);
	else
		entity_write_text(es, d, section ? (size_t)section - 1 : NPOS, &b);
	fwrite(b.s, 1, b.len, stdout);
	buf_fini(&b);
	entity_set_free(es);
	doc_free(d);
	return 0;
}
