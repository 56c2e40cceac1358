/* export.h — highlights and notes of one document rendered as Markdown, W3C Web Annotation
 * JSON, self-contained HTML, org-mode or Readwise CSV, and written to a file without ever
 * overwriting one unless asked. Renders into a struct buf (UTF-8, no BOM); never prints or
 * exits. Orphaned highlights are included, marked, in every format. docs/export.md describes
 * each format.
 *
 * Entities: export does not depend on the entity module. The caller may pass a callback that
 * adds the names of the entities a highlight mentions (export_names_add); they become tags. */
#ifndef JINGDU_EXPORT_H
#define JINGDU_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "jingdu/annot.h"
#include "jingdu/doc.h"
#include "jingdu/util.h"

#define EXPORT_FORMAT_INFO(_)                                                                      \
	_(MD, "md", "md")                                                                          \
	_(JSON, "json", "json")                                                                    \
	_(HTML, "html", "html")                                                                    \
	_(ORG, "org", "org")                                                                       \
	_(CSV, "csv", "csv")

enum export_format {
#define EXPORT_FORMAT_ENUM(name, str, ext) EXPORT_##name,
	EXPORT_FORMAT_INFO(EXPORT_FORMAT_ENUM)
#undef EXPORT_FORMAT_ENUM
};

/* "md" (also "markdown"), "json", "html", "org", "csv" → format; false if unknown. */
bool export_format_parse(const char *name, enum export_format *out);
const char *export_format_name(enum export_format f);
const char *export_format_ext(enum export_format f); /* without the dot */

/* A list of names filled by the entity callback; strings owned by the list. */
struct export_names {
	char **v;
	size_t n, cap;
};
void export_names_add(struct export_names *l, const char *name);

struct export_opts {
	const char *source; /* the document's location as shown (default: d->path) */
	time_t now;         /* the "exported" date (0 = time(NULL)) */
	/* Optional: add to out the entities mentioned in d->text[start, end). */
	void (*entities)(void *ctx, const struct doc *d, size_t start, size_t end,
			 struct export_names *out);
	void *entities_ctx;
};

/* Render the highlights h[0, n) of d (as returned by annot_highlight_list: placed ones by
 * position, then orphans) in format f, appending to out. o may be NULL. */
void export_render(enum export_format f, const struct doc *d, const struct annot_highlight *h,
		   size_t n, const struct export_opts *o, struct buf *out);

/* The default output file name: the base name of d->path without its extension, plus ".ext",
 * inside dir (NULL = current directory). Owned by the caller. */
char *export_default_path(const struct doc *d, enum export_format f, const char *dir);

/* Write data to path. Without force, an existing path is never touched: ERR_EXISTS. With force
 * the file is replaced atomically (temporary file + rename). "-" writes to standard output. */
enum status export_write_file(const char *path, const char *data, size_t len, bool force,
			      struct diag *dg);

#endif
