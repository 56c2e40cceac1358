/* cli.h — the headless subcommands (print, toc, entities, export, notes, check-config).
 * Each takes the arguments after its name and the common options, writes its result to
 * stdout and one-line errors ("jingdu: FILE: what is wrong") to stderr, and returns the exit
 * code: 0 ok, 1 runtime error, 2 usage error. They never touch the terminal. */
#ifndef JINGDU_CLI_H
#define JINGDU_CLI_H

#include <stdbool.h>

#include "jingdu/doc.h"

struct cli_opts {
	const char *config_path; /* --config, or NULL */
	const char *theme;       /* --theme, or NULL */
	int ambiguous_width;     /* --ambiguous-width: 1 or 2; 0 = from config */
	bool no_color;           /* --no-color or NO_COLOR */
	const char *encoding;    /* --encoding, or NULL */
};

int cli_print(int argc, char **argv, const struct cli_opts *o);
int cli_toc(int argc, char **argv, const struct cli_opts *o);
int cli_entities(int argc, char **argv, const struct cli_opts *o);
int cli_export(int argc, char **argv, const struct cli_opts *o);
int cli_notes(int argc, char **argv, const struct cli_opts *o);
int cli_check_config(int argc, char **argv, const struct cli_opts *o);

struct config;
struct layout_opts;
/* The layout options of the reading pane, from the config and the command line: the one place
 * both the reader and `jingdu print` take them from, so their lines agree. cfg may be NULL. */
void cli_layout_opts(const struct config *cfg, const struct cli_opts *o, struct layout_opts *lo);

struct export_names;
/* Export's entity callback (export.h's export_opts.entities), shared by `jingdu export` and the
 * reader's `x`: ctx is a struct entity_set; adds each entity mentioned inside [start, end) once. */
void cli_entities_in_range(void *ctx, const struct doc *d, size_t start, size_t end,
			   struct export_names *out);

/* Load a document for a subcommand; prints the one-line error and returns NULL on failure. */
struct doc *cli_load_doc(const char *path, const struct cli_opts *o);

/* The usage text of `jingdu --help`. */
extern const char cli_usage[];

#endif
