/* ini.h — a small, safe INI reader for the config and the themes, and the warning list they
 * share. It replaces iniparser 4.1 (cjk-layout.md §7): iniparser drops a whole file for one
 * malformed line, crashes on `[a:b]` sections with its typed getters, cuts `#rrggbb` values
 * and keeps no line numbers. This reader keeps every good line, reports every bad one with
 * its line number, and never fails on any input (it only refuses files over 1 MiB).
 *
 * Dialect (compatible with iniparser for ordinary files): `[section]` lines, `key = value`
 * lines, full-line comments starting with `;` or `#`. Section and key names are ASCII
 * letters, digits, `_`, `-` and `.`, lowercased (as iniparser does). A value is trimmed; it may
 * be quoted with double quotes ("  kept  "); an unquoted value ends at an inline comment: a `;`
 * after whitespace, or a `#` after whitespace and followed by whitespace or the end, so
 * `text = #d0d0d0 #1c1c1c` keeps both colours and `q = #` binds `#`. No line continuation: a
 * trailing `\` is part of the value. Lines longer than 1000 bytes, invalid UTF-8 and NUL bytes
 * are reported and skipped. */
#ifndef JINGDU_INI_H
#define JINGDU_INI_H

#include <stdbool.h>
#include <stddef.h>

#include "jingdu/util.h"

#define INI_MAX_LINE 1000
#define INI_MAX_FILE (1024 * 1024)

/* A problem in a config or theme file: file, 1-based line (0: the file as a whole), key (or
 * the offending text; may be ""), message. All strings owned. */
struct ini_warning {
	char *file;
	int line;
	char *key;
	char *msg;
};

/* At most INI_MAX_WARNINGS are kept; the rest are only counted in dropped. */
#define INI_MAX_WARNINGS 1000
struct ini_warnings {
	struct ini_warning *v;
	size_t n;
	size_t cap;
	size_t dropped;
};

void ini_warnings_init(struct ini_warnings *w);
void ini_warnings_fini(struct ini_warnings *w);
void ini_warn(struct ini_warnings *w, const char *file, int line, const char *key, const char *fmt,
	      ...) __attribute__((format(printf, 5, 6)));
/* "FILE:LINE: key: message" (":LINE" left out when line is 0, "key: " when key is empty),
 * appended to b. */
void ini_warning_format(const struct ini_warning *x, struct buf *b);

/* One `key = value` (key != NULL) or one `[section]` line (key == NULL, value == NULL). */
struct ini_entry {
	char *section; /* "" before the first section */
	char *key;
	char *value;
	int line;
};

struct ini {
	struct ini_entry *v;
	size_t n;
	size_t cap;
};

void ini_init(struct ini *ini);
void ini_fini(struct ini *ini);
/* Parse text[0..len) (NUL bytes allowed; they make their line bad). label names the file in
 * warnings. Entries in sections with a bad name are skipped (one warning for the section);
 * a key set twice in a section is reported and both entries are kept in order. */
void ini_parse(struct ini *ini, const char *label, const char *text, size_t len,
	       struct ini_warnings *w);
/* Read a whole file ("-": standard input) of at most INI_MAX_FILE bytes into a malloc'd,
 * NUL-terminated buffer. Stops reading past the limit, so /dev/zero or an endless FIFO
 * cannot exhaust memory: ERR_TOOBIG. Other errors as read_file(). */
enum status ini_read_file(const char *path, char **text, size_t *len);
/* Read and parse a file. Returns OK, or the read error (ERR_NOENT…, ERR_TOOBIG over 1 MiB)
 * without touching w. */
enum status ini_load(struct ini *ini, const char *path, struct ini_warnings *w);

/* Booleans as the config spells them: on/off yes/no true/false 1/0 (ASCII case-insensitive). */
bool ini_parse_bool(const char *s, bool *out);
/* A decimal integer, optional sign, surrounding blanks not allowed, no overflow. */
bool ini_parse_int(const char *s, long *out);

#endif
