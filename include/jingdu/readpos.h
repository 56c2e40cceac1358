/* readpos.h — the last reading position of each document and the last document read, kept in a
 * small text file (`positions` in the state directory, $XDG_STATE_HOME/jingdu) until the
 * annotations database takes them over. Curses-free; never prints.
 *
 * The file holds one line per document, most recent first, at most READPOS_MAX lines:
 * "<byte offset>\t<document length>\t<absolute path>\n". It is replaced atomically (write to a
 * temporary file, rename), so a crash leaves the old or the new file, never half of one.
 * Paths containing a tab or a newline are not remembered. Standard input is never remembered. */
#ifndef JINGDU_READPOS_H
#define JINGDU_READPOS_H

#include <stdbool.h>
#include <stddef.h>

#include "jingdu/util.h"

#define READPOS_MAX 500

/* The absolute form of path (realpath), or NULL when it does not exist. Owned by the caller. */
char *readpos_key(const char *path);
/* The saved offset of the document at key (an absolute path); false when unknown or when the
 * saved length differs from len (the file changed: start from the top). */
bool readpos_get(const char *dir, const char *key, size_t len, size_t *off);
/* The saved offset of key whatever its saved length (a hint for a first screen drawn before the
 * document's length is known); false when unknown. */
bool readpos_peek(const char *dir, const char *key, size_t *off);
/* Remember off for key and make it the last document. */
enum status readpos_set(const char *dir, const char *key, size_t len, size_t off);
/* The path of the most recently read document that still exists, or NULL. Owned by caller. */
char *readpos_last(const char *dir);

#endif
