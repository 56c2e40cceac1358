/* main.c — command-line entry: common options, then a subcommand or the reader. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jingdu/cli.h"
#include "jingdu/config.h"
#include "jingdu/ui.h"

#define JINGDU_VERSION "0.1.0"

struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv, const struct cli_opts *o);
};

static const struct subcommand subcommands[] = {
	{"print", cli_print},       {"toc", cli_toc},     {"entities", cli_entities},
	{"export", cli_export},     {"notes", cli_notes}, {"check-config", cli_check_config},
	/* hidden: the tables behind config.example.ini, docs/ and the e2e harness */
	{"--dump-config", cli_dump_config}, {"--dump-keys", cli_dump_keys},
	{"--dump-theme", cli_dump_theme},
};

/* Take the common options out of argv wherever they stand; returns the new argc, or -1 on a
 * usage error (already reported). */
static int
parse_common(int argc, char **argv, struct cli_opts *o)
{
	int i, j = 1;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = NULL;

		if (strcmp(a, "--") == 0) {
			while (i < argc)
				argv[j++] = argv[i++];
			break;
		}
		if (strcmp(a, "--config") == 0 || strcmp(a, "--theme") == 0 ||
		    strcmp(a, "--ambiguous-width") == 0 || strcmp(a, "--encoding") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "jingdu: %s needs a value\n", a);
				return -1;
			}
			val = argv[++i];
		} else if (strncmp(a, "--config=", 9) == 0 || strncmp(a, "--theme=", 8) == 0 ||
			   strncmp(a, "--ambiguous-width=", 18) == 0 ||
			   strncmp(a, "--encoding=", 11) == 0) {
			val = strchr(a, '=') + 1;
		}
		if (val) {
			if (strncmp(a, "--config", 8) == 0)
				o->config_path = val;
			else if (strncmp(a, "--theme", 7) == 0)
				o->theme = val;
			else if (strncmp(a, "--encoding", 10) == 0)
				o->encoding = val;
			else if (strcmp(val, "1") == 0 || strcmp(val, "2") == 0)
				o->ambiguous_width = val[0] - '0';
			else {
				fprintf(stderr, "jingdu: --ambiguous-width takes 1 or 2, not '%s'\n", val);
				return -1;
			}
			continue;
		}
		if (strcmp(a, "--no-color") == 0) {
			o->no_color = true;
			continue;
		}
		argv[j++] = argv[i];
	}
	argv[j] = NULL;
	return j;
}

int
main(int argc, char **argv)
{
	struct cli_opts o = {0};
	size_t k;
	const char *file = NULL;
	int i;

	setlocale(LC_ALL, "");
	if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
		o.no_color = true;
	argc = parse_common(argc, argv, &o);
	if (argc < 0)
		return 2;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			struct buf b;

			buf_init(&b);
			config_write_help(&b);
			fputs(cli_usage, stdout);
			printf("\n%s", b.s ? b.s : "");
			buf_fini(&b);
			return 0;
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("jingdu %s\n", JINGDU_VERSION);
			return 0;
		}
	}
	if (argc > 1) {
		for (k = 0; k < ARRAY_SIZE(subcommands); k++)
			if (strcmp(argv[1], subcommands[k].name) == 0)
				return subcommands[k].run(argc - 2, argv + 2, &o);
	}
	for (i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, "jingdu: unknown option %s (see jingdu --help)\n", argv[i]);
			return 2;
		}
		if (file) {
			fprintf(stderr, "jingdu: one file at a time (see jingdu --help)\n");
			return 2;
		}
		file = argv[i];
	}
	return ui_run(file, &o);
}
