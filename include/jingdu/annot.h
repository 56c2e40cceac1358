/* annot.h — the annotation store: highlights (with notes and colours), bookmarks and the
 * reading position of every document, in one SQLite database. Owns the database connection and
 * its schema; never prints, exits or touches the terminal. The text itself is never stored
 * here beyond the quotes of the anchors (anchor.h).
 *
 * The database is $XDG_DATA_HOME/jingdu/jingdu.db (JINGDU_DB overrides the path, for tests). It
 * runs in WAL mode with synchronous=FULL, a 5 s busy timeout, and every change is one
 * transaction: two jingdu processes can use it at once, and a change that returned OK survives
 * a SIGKILL of the process.
 *
 * Documents are identified by a 128-bit hash of their normalized text (anchor_text_hash); the
 * path is a hint. annot_doc_open() finds a document by hash (a moved file keeps its notes),
 * else by path (a changed file: every highlight, bookmark and the position are re-anchored
 * against the new text and saved, orphans kept — unless not one highlight fits the new text:
 * then the file was replaced, and it is a new document), else registers it.
 *
 * Call order: annot_store_open → annot_doc_open(doc) → any of the calls below with the
 * returned ref.id and the same struct doc → annot_store_close. The struct doc must be the one
 * given to annot_doc_open (its text is used to build and check anchors).
 *
 * Errors: every function returns OK or an ERR_* status and, when dg is not NULL, a one-line
 * message in dg->msg that the UI can show as is ("cannot save the note:
 * /home/me/.local/share/jingdu/jingdu.db is read-only"). Statuses: ERR_READONLY (directory or file
 * not writable), ERR_IO (disk full, I/O error), ERR_DB (corrupt or foreign database file, too new a
 * schema, locked for longer than the timeout), ERR_NOTFOUND (no such id / document). On error
 * nothing is changed, and nothing the caller passed in (a note's text) is freed or kept: the caller
 * still owns it and can keep it in the editor and retry. A failed open leaves the database file
 * untouched (a corrupt file is never overwritten or deleted). */
#ifndef JINGDU_ANNOT_H
#define JINGDU_ANNOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jingdu/anchor.h"
#include "jingdu/doc.h"
#include "jingdu/util.h"

#define ANNOT_SCHEMA_VERSION 1
#define ANNOT_COLORS 4 /* highlight colours 1..4 */

struct annot_store; /* opaque: one open database */

/* Colour names used by exports and tags: 1 "yellow", 2 "green", 3 "blue", 4 "pink".
 * Out of range → "yellow". */
const char *annot_color_name(int color);

/* Open (creating directory, file and schema when needed) the database at path, or at the
 * default location when path is NULL (JINGDU_DB, else $XDG_DATA_HOME/jingdu/jingdu.db).
 * On failure *out is NULL and dg says why; the reader should go on without annotations.
 * An existing database that cannot be written (read-only directory or file) is opened
 * read-only: OK is returned, dg->msg holds the warning to show, annot_store_readonly() is
 * true and every change returns ERR_READONLY. On OK without warning dg->msg is "". */
enum status annot_store_open(const char *path, struct annot_store **out, struct diag *dg);
bool annot_store_readonly(const struct annot_store *s);
void annot_store_close(struct annot_store *s);             /* NULL is a no-op */
const char *annot_store_path(const struct annot_store *s); /* borrowed */
/* Default database path (owned by the caller); create=true makes the directory. NULL when
 * the directory cannot be made. */
char *annot_default_path(bool create);

/* How annot_doc_open found the document. */
enum annot_doc_how {
	ANNOT_DOC_NEW,     /* registered now (or not found, when create was false) */
	ANNOT_DOC_SAME,    /* same text (same hash); path updated if the file moved */
	ANNOT_DOC_CHANGED, /* found by path with a different text: re-anchored */
};

struct annot_docref {
	int64_t id; /* 0 when not found and create was false */
	char hash[ANCHOR_HASH_SIZE];
	enum annot_doc_how how;
	/* Set when how == ANNOT_DOC_CHANGED: what the re-anchoring did to the highlights. */
	size_t n_exact, n_moved, n_fuzzy, n_orphans;
};

/* Find (by hash, then by path) or, when create is true, register the document d. A changed
 * document is re-anchored and saved in one transaction. With create false and no match,
 * returns OK with ref->id == 0 (nothing written). */
enum status annot_doc_open(struct annot_store *s, const struct doc *d, bool create,
			   struct annot_docref *ref, struct diag *dg);

/* Highlights. */
struct annot_highlight {
	int64_t id;
	int64_t doc_id;
	int color;            /* 1..4 */
	struct anchor anchor; /* owned; its range is in the current text unless orphan */
	char *note;           /* owned, never NULL ("" = no note) */
	bool orphan;          /* could not be placed in the current text: range is meaningless */
	enum anchor_how how;  /* how it was placed at the last re-anchoring (EXACT when never) */
	double score;         /* that placement's score (1 exact, 0..1 fuzzy, 0 orphan) */
	int64_t created;      /* Unix seconds */
	int64_t updated;
};

struct annot_list {
	struct annot_highlight *v;
	size_t n;
};
void annot_list_fini(struct annot_list *l); /* frees the elements; l can be reused */

/* Add a highlight of d->text[start, end) (clamped to code point boundaries, start < end)
 * with colour 1..4 and a note (NULL or "" = none). *id receives the new row's id. */
enum status annot_highlight_add(struct annot_store *s, int64_t doc_id, const struct doc *d,
				size_t start, size_t end, int color, const char *note, int64_t *id,
				struct diag *dg);
enum status annot_highlight_set_note(struct annot_store *s, int64_t id, const char *note,
				     struct diag *dg);
enum status annot_highlight_set_color(struct annot_store *s, int64_t id, int color,
				      struct diag *dg);
/* Soft delete: the row stays, hidden from lists, until annot_highlight_undelete. */
enum status annot_highlight_delete(struct annot_store *s, int64_t id, struct diag *dg);
enum status annot_highlight_undelete(struct annot_store *s, int64_t id, struct diag *dg);
/* Re-attach a highlight (typically an orphan) to d->text[start, end): new anchor, not orphan,
 * note and colour kept. */
enum status annot_highlight_reattach(struct annot_store *s, int64_t id, const struct doc *d,
				     size_t start, size_t end, struct diag *dg);
/* One highlight by id (deleted ones too). h is overwritten; free with annot_highlight_fini. */
enum status annot_highlight_get(struct annot_store *s, int64_t id, struct annot_highlight *h,
				struct diag *dg);
void annot_highlight_fini(struct annot_highlight *h);

/* The live (not deleted) highlights of a document, placed ones ordered by start then end,
 * then the orphans ordered by creation. Each placed highlight is checked against d->text: if
 * its quote is no longer there (a read-only database could not save a re-anchoring) it is
 * re-anchored in memory. l is overwritten; free with annot_list_fini. */
enum status annot_highlight_list(struct annot_store *s, int64_t doc_id, const struct doc *d,
				 struct annot_list *l, struct diag *dg);

/* Index in l of the last placed highlight whose range contains byte offset off (the innermost
 * when they nest, as they are ordered by start), or NPOS. Orphans are never found. */
size_t annot_highlight_at(const struct annot_list *l, size_t off);

/* Bookmarks: a byte offset into d->text, anchored by the text that follows it, and a label
 * (NULL = the first words at the offset). */
struct annot_bookmark {
	int64_t id;
	size_t offset; /* current byte offset (re-anchored like highlights) */
	char *label;   /* owned, never NULL */
	bool orphan;   /* its text was not found: offset is the old one, clamped */
	int64_t created;
};
struct annot_bookmarks {
	struct annot_bookmark *v;
	size_t n;
};
void annot_bookmarks_fini(struct annot_bookmarks *b);
enum status annot_bookmark_add(struct annot_store *s, int64_t doc_id, const struct doc *d,
			       size_t offset, const char *label, int64_t *id, struct diag *dg);
enum status annot_bookmark_delete(struct annot_store *s, int64_t id, struct diag *dg);
/* Ordered by offset. b is overwritten. */
enum status annot_bookmark_list(struct annot_store *s, int64_t doc_id, const struct doc *d,
				struct annot_bookmarks *b, struct diag *dg);

/* Reading position: a byte offset, anchored like a bookmark. get returns OK with *found false
 * (and *offset 0) when none was saved. */
enum status annot_position_get(struct annot_store *s, int64_t doc_id, const struct doc *d,
			       size_t *offset, bool *found, struct diag *dg);
enum status annot_position_set(struct annot_store *s, int64_t doc_id, const struct doc *d,
			       size_t offset, struct diag *dg);
/* The saved offset of the document last opened from path (an absolute path), before the
 * document is loaded: a hint for a first screen, not re-anchored; the authoritative offset comes
 * from annot_position_get() once the document is known. *found false when none. */
enum status annot_position_by_path(struct annot_store *s, const char *path, size_t *offset,
				   bool *found, struct diag *dg);
/* The most recently opened document's path (for `jingdu` without FILE); owned, NULL if none. */
enum status annot_last_path(struct annot_store *s, char **path, struct diag *dg);

/* Documents with at least one live (not deleted) highlight, most recently opened first
 * (`jingdu notes`). */
struct annot_docinfo {
	int64_t id;
	char hash[ANCHOR_HASH_SIZE];
	char *path;   /* owned: the last path it was opened from */
	char *title;  /* owned, never NULL */
	char *author; /* owned, never NULL ("" = unknown) */
	size_t n_highlights, n_notes, n_orphans, n_bookmarks;
	int64_t last_opened; /* Unix seconds */
};
struct annot_docs {
	struct annot_docinfo *v;
	size_t n;
};
void annot_docs_fini(struct annot_docs *l);
enum status annot_docs_list(struct annot_store *s, struct annot_docs *l, struct diag *dg);

#endif
