/* cli_check_config.c — `jingdu check-config [PATH]` and the hidden generators
 * `--dump-config`, `--dump-keys`, `--dump-theme` (docs and config.example.ini come from them). */
#include "jingdu/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "jingdu/config.h"
#include "jingdu/keymap.h"
#include "jingdu/theme.h"

int
cli_check_config(int argc, char **argv, const struct cli_opts *o)
{
	const char *path = NULL;
	char *def = NULL;
	struct config *cfg;
	struct theme *t = NULL;
	enum status s;
	size_t i, n;
	int k;

	for (k = 0; k < argc; k++) {
		if (argv[k][0] == '-' && argv[k][1] != '\0') {
			fprintf(stderr, "jingdu: check-config: unknown option %s\n", argv[k]);
			return 2;
		}
		if (path) {
			fprintf(stderr, "jingdu: check-config: one file at a time\n");
			return 2;
		}
		path = argv[k];
	}
	if (!path && o && o->config_path)
		path = o->config_path;
	if (!path) {
		struct stat st;

		def = config_default_path();
		if (!def || stat(def, &st) != 0) {
			printf("%s: no config file; the defaults apply\n", def ? def : "(none)");
			free(def);
			return 0;
		}
		path = def;
	}
	cfg = config_new();
	s = config_load(cfg, path);
	if (s != OK) {
		fprintf(stderr, "jingdu: %s: %s\n", path, status_str(s));
		config_free(cfg);
		free(def);
		return 1;
	}
	/* The theme the file names (it exists: config_load checked) is checked too. */
	theme_load(config_str(cfg, CONFIG_UI_THEME), &t, config_warnings(cfg));
	theme_free(t);
	n = config_warning_count(cfg);
	for (i = 0; i < n; i++) {
		char *w = config_warning_str(cfg, i);

		printf("%s\n", w);
		free(w);
	}
	if (config_warnings(cfg)->dropped)
		printf("%s: %zu more problems not shown\n", path, config_warnings(cfg)->dropped);
	if (n == 0)
		printf("%s: ok\n", path);
	config_free(cfg);
	free(def);
	return n ? 1 : 0;
}

static int
dump(struct buf *b)
{
	fwrite(b->s, 1, b->len, stdout);
	buf_fini(b);
	return fflush(stdout) == 0 ? 0 : 1;
}

static int
dump_usage(const char *what, const char *choices)
{
	fprintf(stderr, "jingdu: --dump-%s takes %s\n", what, choices);
	return 2;
}

int
cli_dump_config(int argc, char **argv, const struct cli_opts *o)
{
	struct buf b;
	const char *fmt = argc > 0 ? argv[0] : "ini";

	(void)o;
	buf_init(&b);
	if (argc > 1)
		return dump_usage("config", "ini, md or help");
	if (strcmp(fmt, "ini") == 0)
		config_write_example(&b);
	else if (strcmp(fmt, "md") == 0)
		config_write_markdown(&b);
	else if (strcmp(fmt, "help") == 0)
		config_write_help(&b);
	else
		return dump_usage("config", "ini, md or help");
	return dump(&b);
}

int
cli_dump_keys(int argc, char **argv, const struct cli_opts *o)
{
	struct buf b;
	struct config *cfg;
	const char *fmt = argc > 0 ? argv[0] : "md";
	struct keymap *km;

	if (strcmp(fmt, "tmux") == 0) {
		/* The e2e harness: each key name to what tmux send-keys takes, one per line. */
		int k, rc = 0;

		for (k = 1; k < argc; k++) {
			const char *why = NULL;
			int key = keymap_parse_key(argv[k], &why);
			char name[48];

			if (key < 0 || !keymap_key_tmux(key, name, sizeof(name))) {
				fprintf(stderr, "jingdu: %s: %s\n", argv[k],
					key < 0 ? why : "tmux has no name for this key");
				rc = 2;
				continue;
			}
			printf("%s\n", name);
		}
		return rc;
	}
	if (argc > 1 || (strcmp(fmt, "md") && strcmp(fmt, "text")))
		return dump_usage("keys", "md, text or tmux KEY...");
	buf_init(&b);
	if (strcmp(fmt, "md") == 0) {
		/* The docs show the defaults, whatever the user's config says. */
		km = keymap_new();
		keymap_doc_markdown(km, &b);
		keymap_free(km);
	} else {
		/* The help text shows the keys in effect: the config's bindings applied. */
		cfg = config_new();
		config_load(cfg, o ? o->config_path : NULL);
		keymap_help_text(config_keymap(cfg), &b, false);
		config_free(cfg);
	}
	return dump(&b);
}

int
cli_dump_theme(int argc, char **argv, const struct cli_opts *o)
{
	struct buf b;
	const char *fmt = argc > 0 ? argv[0] : "md";

	(void)o;
	if (argc > 1 || (strcmp(fmt, "md") && strcmp(fmt, "ini")))
		return dump_usage("theme", "md or ini");
	buf_init(&b);
	if (strcmp(fmt, "md") == 0)
		theme_doc_elements(&b);
	else
		theme_write_default(&b);
	return dump(&b);
}
