/* annot.c — the annotation store on SQLite: schema and migrations, documents by text hash and
 * path, highlights, bookmarks, reading position, re-anchoring of changed documents, and errors
 * mapped to a status with a message a reader can act on. docs/annotations.md describes the
 * schema and the choices. */
#include "jingdu/annot.h"

#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BUSY_TIMEOUT_MS 5000
#define MARK_CPS 16  /* code points of text kept with a bookmark or the position */
#define LABEL_CPS 24 /* code points of a default bookmark label */

struct annot_store {
	sqlite3 *db;
	char *path;
	bool readonly; /* opened read-only: every change returns ERR_READONLY */
};

/* Migrations: migrations[i] brings the schema from user_version i to i + 1. Never edit one
 * that has shipped; add a new one and bump ANNOT_SCHEMA_VERSION. */
static const char *const migrations[] = {
    /* 0 → 1 */
    "CREATE TABLE documents ("
    "  id INTEGER PRIMARY KEY,"
    "  hash TEXT NOT NULL UNIQUE," /* anchor_text_hash of the normalized text */
    "  path TEXT,"                 /* last absolute path it was opened from */
    "  title TEXT NOT NULL DEFAULT '',"
    "  author TEXT NOT NULL DEFAULT '',"
    "  length INTEGER NOT NULL DEFAULT 0," /* bytes of normalized text */
    "  created INTEGER NOT NULL,"
    "  last_opened INTEGER NOT NULL);"
    "CREATE INDEX documents_path ON documents(path);"
    "CREATE TABLE highlights ("
    "  id INTEGER PRIMARY KEY,"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id),"
    "  color INTEGER NOT NULL DEFAULT 1 CHECK (color BETWEEN 1 AND 4),"
    "  start_off INTEGER NOT NULL,"
    "  end_off INTEGER NOT NULL,"
    "  quote TEXT NOT NULL,"
    "  prefix TEXT NOT NULL DEFAULT '',"
    "  suffix TEXT NOT NULL DEFAULT '',"
    "  note TEXT NOT NULL DEFAULT '',"
    "  orphan INTEGER NOT NULL DEFAULT 0,"
    "  anchor_how TEXT NOT NULL DEFAULT 'exact',"
    "  anchor_score REAL NOT NULL DEFAULT 1.0,"
    "  created INTEGER NOT NULL,"
    "  updated INTEGER NOT NULL,"
    "  deleted INTEGER);" /* NULL, or when it was (soft) deleted */
    "CREATE INDEX highlights_doc ON highlights(doc_id, start_off);"
    "CREATE TABLE bookmarks ("
    "  id INTEGER PRIMARY KEY,"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id),"
    "  offset INTEGER NOT NULL,"
    "  quote TEXT NOT NULL DEFAULT '',"
    "  prefix TEXT NOT NULL DEFAULT '',"
    "  suffix TEXT NOT NULL DEFAULT '',"
    "  label TEXT NOT NULL DEFAULT '',"
    "  orphan INTEGER NOT NULL DEFAULT 0,"
    "  created INTEGER NOT NULL);"
    "CREATE INDEX bookmarks_doc ON bookmarks(doc_id, offset);"
    "CREATE TABLE positions ("
    "  doc_id INTEGER PRIMARY KEY REFERENCES documents(id),"
    "  offset INTEGER NOT NULL,"
    "  quote TEXT NOT NULL DEFAULT '',"
    "  prefix TEXT NOT NULL DEFAULT '',"
    "  suffix TEXT NOT NULL DEFAULT '',"
    "  updated INTEGER NOT NULL);",
};

/* ---- errors ---- */

/* The directory part of path, owned ("." when there is none). */
static char *
dir_of(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');

	if (!slash) {
		free(dir);
		return xstrdup(".");
	}
	slash[slash == dir] = '\0'; /* "/x" → "/" */
	return dir;
}

static bool
dir_exists(const char *path)
{
	char *dir = dir_of(path);
	struct stat st;
	bool ok = stat(dir, &st) == 0 && S_ISDIR(st.st_mode);

	free(dir);
	return ok;
}

static bool
dir_writable(const char *path)
{
	char *dir = dir_of(path);
	bool w = access(dir, W_OK) == 0;

	free(dir);
	return w;
}

/* Map a SQLite failure to a status and a message saying what could not be done and why. */
static enum status
db_fail(const char *path, sqlite3 *db, int rc, const char *what, struct diag *dg)
{
	int prim = rc & 0xff;
	const char *why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
	enum status st;

	switch (prim) {
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		st = ERR_READONLY;
		diag_set(dg, path, 0, "%s: %s is read-only", what, path);
		break;
	case SQLITE_FULL:
		st = ERR_IO;
		diag_set(dg, path, 0, "%s: the disk holding %s is full", what, path);
		break;
	case SQLITE_CANTOPEN:
		if (!dir_exists(path)) {
			st = ERR_NOENT;
			diag_set(dg, path, 0, "%s: the directory of %s does not exist", what, path);
		} else if (!dir_writable(path)) {
			st = ERR_READONLY;
			diag_set(dg, path, 0, "%s: the directory of %s is not writable", what,
				 path);
		} else {
			st = ERR_IO;
			diag_set(dg, path, 0, "%s: cannot open %s (%s)", what, path, why);
		}
		break;
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		st = ERR_DB;
		diag_set(dg, path, 0,
			 "%s: %s is corrupt or not a jingdu database (left untouched; move it "
			 "away to start a new one)",
			 what, path);
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		st = ERR_DB;
		diag_set(dg, path, 0, "%s: %s is locked by another process; try again", what, path);
		break;
	case SQLITE_IOERR:
		st = ERR_IO;
		if (errno == ENOSPC || rc == SQLITE_IOERR_WRITE)
			diag_set(dg, path, 0, "%s: cannot write %s (disk full or I/O error)", what,
				 path);
		else
			diag_set(dg, path, 0, "%s: I/O error on %s (%s)", what, path, why);
		break;
	default:
		st = ERR_DB;
		diag_set(dg, path, 0, "%s: database error in %s (%s)", what, path, why);
		break;
	}
	return st;
}

static enum status
store_fail(struct annot_store *s, int rc, const char *what, struct diag *dg)
{
	return db_fail(s->path, s->db, rc, what, dg);
}

static enum status
readonly_fail(struct annot_store *s, const char *what, struct diag *dg)
{
	diag_set(dg, s->path, 0, "%s: %s is read-only", what, s->path);
	return ERR_READONLY;
}

/* ---- small SQLite helpers ---- */

static int
exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

static int
prepare(struct annot_store *s, const char *sql, sqlite3_stmt **st)
{
	return sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
}

static void
bind_text(sqlite3_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st, i, v ? v : "", -1, SQLITE_TRANSIENT);
}

static const char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

static size_t
col_size(sqlite3_stmt *st, int i)
{
	sqlite3_int64 v = sqlite3_column_int64(st, i);
	return v < 0 ? 0 : (size_t)v;
}

static int
begin(struct annot_store *s)
{
	return exec(s->db, "BEGIN IMMEDIATE");
}

static int
commit(struct annot_store *s)
{
	int rc = exec(s->db, "COMMIT");
	if (rc != SQLITE_OK)
		exec(s->db, "ROLLBACK");
	return rc;
}

static void
rollback(struct annot_store *s)
{
	exec(s->db, "ROLLBACK");
}

static int64_t
now(void)
{
	return (int64_t)time(NULL);
}

/* Run a statement that changes rows, with its parameters already bound; finalizes it.
 * Returns a SQLite code; *changes gets the number of changed rows. */
static int
step_done(struct annot_store *s, sqlite3_stmt *st, int *changes)
{
	int rc = sqlite3_step(st);

	sqlite3_finalize(st);
	if (rc == SQLITE_DONE) {
		if (changes)
			*changes = sqlite3_changes(s->db);
		return SQLITE_OK;
	}
	return rc;
}

/* ---- open / close ---- */

char *
annot_default_path(bool create)
{
	const char *env = getenv("JINGDU_DB");
	char *dir, *path;

	if (env && *env)
		return xstrdup(env);
	dir = xdg_dir("data", create);
	if (!dir)
		return NULL;
	path = xasprintf("%s/jingdu.db", dir);
	free(dir);
	return path;
}

static int
migrate(sqlite3 *db, int *version)
{
	sqlite3_stmt *st;
	int rc, v = 0;

	rc = exec(db, "BEGIN IMMEDIATE");
	if (rc != SQLITE_OK)
		return rc;
	/* read the version inside the transaction: another process may have just migrated */
	rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			v = sqlite3_column_int(st, 0);
			rc = SQLITE_OK;
		}
		sqlite3_finalize(st);
	}
	while (rc == SQLITE_OK && v >= 0 && v < (int)ARRAY_SIZE(migrations)) {
		char pragma[64];
		rc = exec(db, migrations[v]);
		if (rc != SQLITE_OK)
			break;
		v++;
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", v);
		rc = exec(db, pragma);
	}
	*version = v;
	if (rc != SQLITE_OK) {
		int keep = sqlite3_extended_errcode(db);
		exec(db, "ROLLBACK");
		return keep ? keep : rc;
	}
	rc = exec(db, "COMMIT");
	if (rc != SQLITE_OK)
		exec(db, "ROLLBACK");
	return rc;
}

/* Read user_version without writing. */
static int
read_version(sqlite3 *db, int *version)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);

	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*version = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Is rc a lock conflict with another process that is worth waiting out? Some of them do not
 * go through the busy handler (a journal-mode change or a lock upgrade while two processes open
 * a new database at the same moment), so opening retries them itself. */
static bool
busy_rc(int rc)
{
	return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

static void
busy_wait(int *tries)
{
	struct timespec ts = {0, 20 * 1000 * 1000};

	(*tries)++;
	nanosleep(&ts, NULL);
}

#define BUSY_TRIES (BUSY_TIMEOUT_MS / 20)

/* Open read-write and bring the schema up to date. */
static enum status
open_rw(const char *path, sqlite3 **out, struct diag *dg)
{
	int tries = 0;

	sqlite3 *db = NULL;
	int rc, v = 0;

	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(db, 1);
	/* the first statement reads the file: a corrupt one fails here */
	while (busy_rc(rc = read_version(db, &v)) && tries < BUSY_TRIES)
		busy_wait(&tries);
	if (rc != SQLITE_OK)
		goto fail;
	if (v > ANNOT_SCHEMA_VERSION) {
		diag_set(dg, path, 0,
			 "%s was written by a newer jingdu (schema %d, this one knows %d); left "
			 "untouched",
			 path, v, ANNOT_SCHEMA_VERSION);
		sqlite3_close(db);
		return ERR_DB;
	}
	while (busy_rc(rc = exec(db, "PRAGMA journal_mode = WAL")) && tries < BUSY_TRIES)
		busy_wait(&tries);
	if (rc != SQLITE_OK)
		goto fail;
	if ((rc = exec(db, "PRAGMA synchronous = FULL")) != SQLITE_OK ||
	    (rc = exec(db, "PRAGMA foreign_keys = ON")) != SQLITE_OK)
		goto fail;
	if (v < ANNOT_SCHEMA_VERSION) {
		while (busy_rc(rc = migrate(db, &v)) && tries < BUSY_TRIES)
			busy_wait(&tries);
		if (rc != SQLITE_OK)
			goto fail;
	}
	*out = db;
	return OK;
fail : {
	enum status st = db_fail(path, db, rc == SQLITE_OK ? SQLITE_ERROR : rc,
				 "cannot open the notes database", dg);
	sqlite3_close(db);
	return st;
}
}

/* Open read-only (a read-only directory or file): reads work, changes fail cleanly. */
static enum status
open_ro(const char *path, sqlite3 **out)
{
	sqlite3 *db = NULL;
	char *uri;
	int rc, v = 0;
	struct buf b;
	const char *p;

	/* immutable: no locks, no -wal/-shm files to create in a directory we cannot write */
	buf_init(&b);
	buf_adds(&b, "file:");
	for (p = path; *p; p++) {
		if (*p == '?' || *p == '#' || *p == '%')
			buf_addf(&b, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&b, *p);
	}
	buf_adds(&b, "?immutable=1");
	uri = buf_take(&b);
	rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	free(uri);
	if (rc == SQLITE_OK)
		rc = read_version(db, &v);
	if (rc != SQLITE_OK || v < 1 || v > ANNOT_SCHEMA_VERSION) {
		sqlite3_close(db);
		return ERR_DB;
	}
	sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
	*out = db;
	return OK;
}

enum status
annot_store_open(const char *path, struct annot_store **out, struct diag *dg)
{
	struct annot_store *s;
	sqlite3 *db = NULL;
	char *p;
	enum status st;

	*out = NULL;
	if (path)
		p = xstrdup(path);
	else {
		p = annot_default_path(true);
		if (!p) {
			int e = errno;
			char *want = annot_default_path(false);
			diag_set(dg, want, 0,
				 "cannot create the data directory for %s (%s): notes cannot be "
				 "saved",
				 want, strerror(e));
			free(want);
			return e == EACCES || e == EROFS || e == EPERM ? ERR_READONLY : ERR_IO;
		}
	}
	st = open_rw(p, &db, dg);
	if (st == ERR_READONLY && open_ro(p, &db) == OK) {
		/* usable for reading; dg keeps the read-only message as a warning */
		s = xcalloc(1, sizeof(*s));
		s->db = db;
		s->path = p;
		s->readonly = true;
		*out = s;
		return OK;
	}
	if (st != OK) {
		free(p);
		return st;
	}
	s = xcalloc(1, sizeof(*s));
	s->db = db;
	s->path = p;
	if (dg)
		dg->msg[0] = '\0';
	*out = s;
	return OK;
}

void
annot_store_close(struct annot_store *s)
{
	if (!s)
		return;
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

const char *
annot_store_path(const struct annot_store *s)
{
	return s->path;
}

bool
annot_store_readonly(const struct annot_store *s)
{
	return s->readonly;
}

const char *
annot_color_name(int color)
{
	static const char *const names[] = {"yellow", "green", "blue", "pink"};

	if (color < 1 || color > ANNOT_COLORS)
		color = 1;
	return names[color - 1];
}

/* ---- text helpers ---- */

static size_t
fwd_cps(const char *text, size_t len, size_t off, size_t n)
{
	uint32_t c;

	while (n-- > 0 && off < len)
		off += (size_t)utf8_decode(text + off, len - off, &c);
	return off;
}

/* The anchor of a mark (bookmark, position) at off: MARK_CPS code points from off. */
static void
mark_anchor(const struct doc *d, size_t off, struct anchor *a)
{
	off = MIN(off, d->len);
	anchor_make(d->text, d->len, off, fwd_cps(d->text, d->len, off, MARK_CPS), a);
}

/* A mark's offset in the current text; *orphan when it could not be placed (then the old
 * offset, clamped). */
static size_t
mark_locate(const struct doc *d, const struct anchor *a, bool *orphan)
{
	struct anchor_match m = anchor_locate(d->text, d->len, a);
	size_t off;

	*orphan = m.how == ANCHOR_ORPHAN;
	if (!*orphan)
		return m.start;
	off = MIN(a->start, d->len);
	while (off > 0 && ((unsigned char)d->text[off] & 0xC0) == 0x80)
		off--;
	return off;
}

/* Absolute path of the document's file, or NULL for standard input / no path. */
static char *
doc_abs_path(const struct doc *d)
{
	char buf[PATH_MAX];

	if (!d->path || strcmp(d->path, "-") == 0)
		return NULL;
	if (realpath(d->path, buf))
		return xstrdup(buf);
	return xstrdup(d->path);
}

/* ---- documents ---- */

/* Locate a, trying first its old range moved by *shift (the move of the previous highlight in
 * text order: an insertion moves all that follow alike), then anchor_locate. Updates *shift. */
static struct anchor_match
locate_shifted(const struct doc *d, const struct anchor *a, long long *shift)
{
	struct anchor_match m;
	size_t qlen = strlen(a->quote);
	long long ns = (long long)a->start + *shift;

	size_t np = strlen(a->prefix), nx = strlen(a->suffix);

	/* taken only with the quote and both sides of its context intact */
	if (*shift != 0 && ns >= 0 && (size_t)ns >= np && (size_t)ns + qlen + nx <= d->len &&
	    a->end - a->start == qlen && memcmp(d->text + ns, a->quote, qlen) == 0 &&
	    memcmp(d->text + ns - np, a->prefix, np) == 0 &&
	    memcmp(d->text + ns + qlen, a->suffix, nx) == 0) {
		m.how = ANCHOR_MOVED;
		m.start = (size_t)ns;
		m.end = (size_t)ns + qlen;
		m.score = 1.0;
		return m;
	}
	m = anchor_locate(d->text, d->len, a);
	if (m.how != ANCHOR_ORPHAN)
		*shift = (long long)m.start - (long long)a->start;
	return m;
}

/* A stored anchor read before any row is changed (updating rows while a SELECT over their
 * index is still stepping could visit a moved row twice). */
struct stored {
	int64_t id;
	bool live; /* highlights: not deleted */
	struct anchor a;
};

static void
stored_free(struct stored *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		anchor_fini(&v[i].a);
	free(v);
}

/* Read every row of a query (id, start, end, quote, prefix, suffix[, live]); for marks (no end
 * column: end < 0) the anchor ends after its quote. */
static int
stored_read(struct annot_store *s, const char *sql, int64_t doc_id, bool mark, struct stored **out,
	    size_t *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	rc = prepare(s, sql, &st);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(st, 1, doc_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct stored *r;

		*out = xgrow(*out, &cap, *n + 1, sizeof(**out));
		r = &(*out)[(*n)++];
		r->id = sqlite3_column_int64(st, 0);
		anchor_set(&r->a, col_size(st, 1), col_size(st, 2), col_text(st, 3),
			   col_text(st, 4), col_text(st, 5));
		if (mark)
			r->a.end = r->a.start + strlen(r->a.quote);
		r->live = mark || sqlite3_column_int(st, 6) != 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		stored_free(*out, *n);
		*out = NULL;
		*n = 0;
		return rc;
	}
	return SQLITE_OK;
}

static int
highlight_save_match(struct annot_store *s, const struct doc *d, int64_t id, struct anchor_match m)
{
	sqlite3_stmt *up;
	struct anchor na;
	int rc;

	if (m.how == ANCHOR_ORPHAN) {
		/* keep the stored anchor: it is all we know of the passage */
		rc = prepare(s,
			     "UPDATE highlights SET orphan = 1, anchor_how = 'orphan', "
			     "anchor_score = 0 WHERE id = ?",
			     &up);
		if (rc != SQLITE_OK)
			return rc;
		sqlite3_bind_int64(up, 1, id);
		return step_done(s, up, NULL);
	}
	rc = prepare(s,
		     "UPDATE highlights SET start_off = ?, end_off = ?, quote = ?, prefix = ?, "
		     "suffix = ?, orphan = 0, anchor_how = ?, anchor_score = ? WHERE id = ?",
		     &up);
	if (rc != SQLITE_OK)
		return rc;
	anchor_make(d->text, d->len, m.start, m.end, &na);
	sqlite3_bind_int64(up, 1, (sqlite3_int64)na.start);
	sqlite3_bind_int64(up, 2, (sqlite3_int64)na.end);
	bind_text(up, 3, na.quote);
	bind_text(up, 4, na.prefix);
	bind_text(up, 5, na.suffix);
	bind_text(up, 6, anchor_how_str(m.how));
	sqlite3_bind_double(up, 7, m.score);
	sqlite3_bind_int64(up, 8, id);
	anchor_fini(&na);
	return step_done(s, up, NULL);
}

/* Re-anchor a bookmark (k == 0) or the position (k == 1) and save it. */
static int
mark_save(struct annot_store *s, const struct doc *d, int k, const struct stored *r)
{
	static const char *const upd[] = {
	    "UPDATE bookmarks SET offset = ?1, quote = ?2, prefix = ?3, suffix = ?4, "
	    "orphan = ?5 WHERE id = ?6",
	    "UPDATE positions SET offset = ?1, quote = ?2, prefix = ?3, suffix = ?4 "
	    "WHERE doc_id = ?6 AND ?5 >= 0",
	};
	sqlite3_stmt *up;
	struct anchor na;
	bool orphan;
	size_t off = mark_locate(d, &r->a, &orphan);
	int rc;

	if (orphan) {
		anchor_copy(&na, &r->a); /* keep what we knew */
		na.start = off;
	} else {
		mark_anchor(d, off, &na);
	}
	rc = prepare(s, upd[k], &up);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(up, 1, (sqlite3_int64)off);
		bind_text(up, 2, na.quote);
		bind_text(up, 3, na.prefix);
		bind_text(up, 4, na.suffix);
		sqlite3_bind_int(up, 5, orphan);
		sqlite3_bind_int64(up, 6, r->id);
		rc = step_done(s, up, NULL);
	}
	anchor_fini(&na);
	return rc;
}

/* Re-anchor every highlight, bookmark and the position of doc_id against d. With save, the
 * results are written (inside the caller's transaction). */
static int
reanchor_doc(struct annot_store *s, int64_t doc_id, const struct doc *d, bool save,
	     struct annot_docref *ref)
{
	static const char *const marks[] = {
	    "SELECT id, offset, offset, quote, prefix, suffix FROM bookmarks WHERE doc_id = ?",
	    "SELECT doc_id, offset, offset, quote, prefix, suffix FROM positions WHERE doc_id = ?",
	};
	struct stored *v;
	size_t n, i;
	long long shift = 0;
	int rc, k;

	rc = stored_read(s,
			 "SELECT id, start_off, end_off, quote, prefix, suffix, deleted IS NULL "
			 "FROM highlights WHERE doc_id = ? ORDER BY start_off, id",
			 doc_id, false, &v, &n);
	if (rc != SQLITE_OK)
		return rc;
	for (i = 0; i < n && rc == SQLITE_OK; i++) {
		struct anchor_match m = locate_shifted(d, &v[i].a, &shift);

		if (v[i].live) { /* deleted ones are re-anchored too, not counted */
			if (m.how == ANCHOR_EXACT)
				ref->n_exact++;
			else if (m.how == ANCHOR_MOVED)
				ref->n_moved++;
			else if (m.how == ANCHOR_FUZZY)
				ref->n_fuzzy++;
			else
				ref->n_orphans++;
		}
		if (save)
			rc = highlight_save_match(s, d, v[i].id, m);
	}
	stored_free(v, n);
	if (rc != SQLITE_OK || !save)
		return rc;
	/* bookmarks and the position: same rule, a short quote of the text that follows */
	for (k = 0; k < 2; k++) {
		rc = stored_read(s, marks[k], doc_id, true, &v, &n);
		if (rc != SQLITE_OK)
			return rc;
		for (i = 0; i < n && rc == SQLITE_OK; i++)
			rc = mark_save(s, d, k, &v[i]);
		stored_free(v, n);
		if (rc != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

/* Look a document up by hash, then by path: *id 0 when neither matches. */
static int
doc_find(struct annot_store *s, const char *hash, const char *path, int64_t *id, bool *by_hash)
{
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	*by_hash = false;
	rc = prepare(s, "SELECT id FROM documents WHERE hash = ?", &st);
	if (rc != SQLITE_OK)
		return rc;
	bind_text(st, 1, hash);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*by_hash = true;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	if (*id || !path)
		return SQLITE_OK;
	rc = prepare(s,
		     "SELECT id FROM documents WHERE path = ? ORDER BY last_opened DESC, id DESC "
		     "LIMIT 1",
		     &st);
	if (rc != SQLITE_OK)
		return rc;
	bind_text(st, 1, path);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

enum status
annot_doc_open(struct annot_store *s, const struct doc *d, bool create, struct annot_docref *ref,
	       struct diag *dg)
{
	char *path = doc_abs_path(d);
	sqlite3_stmt *st;
	bool by_hash, tx = false;
	int64_t id;
	int rc;

	memset(ref, 0, sizeof(*ref));
	anchor_text_hash(d->text, d->len, ref->hash);
	ref->how = ANNOT_DOC_NEW;
	if (!s->readonly) {
		rc = begin(s);
		if (rc != SQLITE_OK)
			goto fail;
		tx = true;
	}
	rc = doc_find(s, ref->hash, path, &id, &by_hash);
	if (rc != SQLITE_OK)
		goto fail;
	if (id && !by_hash) {
		/* Same path, other text. If not one highlight can be placed in it, the file was
		 * replaced by another text rather than edited: it is a new document, and the old
		 * one keeps its notes intact instead of becoming a list of orphans. */
		struct annot_docref probe = *ref;
		rc = reanchor_doc(s, id, d, false, &probe);
		if (rc != SQLITE_OK)
			goto fail;
		if (probe.n_exact + probe.n_moved + probe.n_fuzzy == 0 && probe.n_orphans > 0)
			id = 0;
	}
	if (id && by_hash) {
		ref->how = ANNOT_DOC_SAME;
		if (!s->readonly) {
			rc = prepare(
			    s,
			    "UPDATE documents SET path = coalesce(?, path), last_opened = ? "
			    "WHERE id = ?",
			    &st);
			if (rc != SQLITE_OK)
				goto fail;
			if (path)
				bind_text(st, 1, path);
			else
				sqlite3_bind_null(st, 1);
			sqlite3_bind_int64(st, 2, now());
			sqlite3_bind_int64(st, 3, id);
			rc = step_done(s, st, NULL);
		}
	} else if (id) {
		ref->how = ANNOT_DOC_CHANGED;
		rc = reanchor_doc(s, id, d, !s->readonly, ref);
		if (rc == SQLITE_OK && !s->readonly) {
			rc = prepare(
			    s,
			    "UPDATE documents SET hash = ?, title = ?, author = ?, length = ?, "
			    "last_opened = ? WHERE id = ?",
			    &st);
			if (rc != SQLITE_OK)
				goto fail;
			bind_text(st, 1, ref->hash);
			bind_text(st, 2, d->title);
			bind_text(st, 3, d->author);
			sqlite3_bind_int64(st, 4, (sqlite3_int64)d->len);
			sqlite3_bind_int64(st, 5, now());
			sqlite3_bind_int64(st, 6, id);
			rc = step_done(s, st, NULL);
		}
	} else if (create) {
		if (s->readonly) {
			free(path);
			return readonly_fail(s, "cannot register the document", dg);
		}
		rc = prepare(s,
			     "INSERT INTO documents (hash, path, title, author, length, created, "
			     "last_opened) VALUES (?, ?, ?, ?, ?, ?, ?)",
			     &st);
		if (rc != SQLITE_OK)
			goto fail;
		bind_text(st, 1, ref->hash);
		if (path)
			bind_text(st, 2, path);
		else
			sqlite3_bind_null(st, 2);
		bind_text(st, 3, d->title);
		bind_text(st, 4, d->author);
		sqlite3_bind_int64(st, 5, (sqlite3_int64)d->len);
		sqlite3_bind_int64(st, 6, now());
		sqlite3_bind_int64(st, 7, now());
		rc = step_done(s, st, NULL);
		if (rc == SQLITE_OK)
			id = sqlite3_last_insert_rowid(s->db);
	}
	if (rc != SQLITE_OK)
		goto fail;
	if (tx) {
		rc = commit(s);
		tx = false;
		if (rc != SQLITE_OK)
			goto fail;
	}
	ref->id = id;
	free(path);
	return OK;
fail : {
	enum status stt = store_fail(s, rc, "cannot open the document's notes", dg);
	if (tx)
		rollback(s);
	free(path);
	ref->id = 0;
	return stt;
}
}

/* ---- highlights ---- */

void
annot_highlight_fini(struct annot_highlight *h)
{
	anchor_fini(&h->anchor);
	free(h->note);
	h->note = NULL;
}

void
annot_list_fini(struct annot_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		annot_highlight_fini(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static enum anchor_how
how_parse(const char *s)
{
	if (strcmp(s, "moved") == 0)
		return ANCHOR_MOVED;
	if (strcmp(s, "fuzzy") == 0)
		return ANCHOR_FUZZY;
	if (strcmp(s, "orphan") == 0)
		return ANCHOR_ORPHAN;
	return ANCHOR_EXACT;
}

#define HL_COLUMNS                                                                                 \
	"id, doc_id, color, start_off, end_off, quote, prefix, suffix, note, orphan, "             \
	"anchor_how, anchor_score, created, updated"

static void
highlight_from_row(sqlite3_stmt *st, struct annot_highlight *h)
{
	memset(h, 0, sizeof(*h));
	h->id = sqlite3_column_int64(st, 0);
	h->doc_id = sqlite3_column_int64(st, 1);
	h->color = sqlite3_column_int(st, 2);
	anchor_set(&h->anchor, col_size(st, 3), col_size(st, 4), col_text(st, 5), col_text(st, 6),
		   col_text(st, 7));
	h->note = xstrdup(col_text(st, 8));
	h->orphan = sqlite3_column_int(st, 9) != 0;
	h->how = how_parse(col_text(st, 10));
	h->score = sqlite3_column_double(st, 11);
	h->created = sqlite3_column_int64(st, 12);
	h->updated = sqlite3_column_int64(st, 13);
}

enum status
annot_highlight_add(struct annot_store *s, int64_t doc_id, const struct doc *d, size_t start,
		    size_t end, int color, const char *note, int64_t *id, struct diag *dg)
{
	struct anchor a;
	sqlite3_stmt *st;
	int rc;

	if (color < 1 || color > ANNOT_COLORS) {
		diag_set(dg, NULL, 0, "highlight colour must be 1 to %d, not %d", ANNOT_COLORS,
			 color);
		return ERR_USAGE;
	}
	if (start >= end || start >= d->len) {
		diag_set(dg, NULL, 0, "cannot highlight an empty selection");
		return ERR_USAGE;
	}
	if (s->readonly)
		return readonly_fail(s, "cannot save the highlight", dg);
	anchor_make(d->text, d->len, start, end, &a);
	rc = prepare(s,
		     "INSERT INTO highlights (doc_id, color, start_off, end_off, quote, prefix, "
		     "suffix, note, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		     &st);
	if (rc == SQLITE_OK) {
		int64_t t = now();
		sqlite3_bind_int64(st, 1, doc_id);
		sqlite3_bind_int(st, 2, color);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)a.start);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)a.end);
		bind_text(st, 5, a.quote);
		bind_text(st, 6, a.prefix);
		bind_text(st, 7, a.suffix);
		bind_text(st, 8, note);
		sqlite3_bind_int64(st, 9, t);
		sqlite3_bind_int64(st, 10, t);
		rc = step_done(s, st, NULL);
	}
	anchor_fini(&a);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "cannot save the highlight", dg);
	if (id)
		*id = sqlite3_last_insert_rowid(s->db);
	return OK;
}

/* Run an UPDATE of one highlight (parameter 1 is bound by the caller's binder). */
static enum status
highlight_update(struct annot_store *s, int64_t id, const char *sql, const char *text_arg,
		 int int_arg, const char *what, struct diag *dg)
{
	sqlite3_stmt *st;
	int rc, changes = 0;

	if (s->readonly)
		return readonly_fail(s, what, dg);
	rc = prepare(s, sql, &st);
	if (rc == SQLITE_OK) {
		if (text_arg)
			bind_text(st, 1, text_arg);
		else
			sqlite3_bind_int(st, 1, int_arg);
		sqlite3_bind_int64(st, 2, now());
		sqlite3_bind_int64(st, 3, id);
		rc = step_done(s, st, &changes);
	}
	if (rc != SQLITE_OK)
		return store_fail(s, rc, what, dg);
	if (changes == 0) {
		diag_set(dg, NULL, 0, "%s: no highlight %lld", what, (long long)id);
		return ERR_NOTFOUND;
	}
	return OK;
}

enum status
annot_highlight_set_note(struct annot_store *s, int64_t id, const char *note, struct diag *dg)
{
	return highlight_update(s, id, "UPDATE highlights SET note = ?, updated = ? WHERE id = ?",
				note ? note : "", 0, "cannot save the note", dg);
}

enum status
annot_highlight_set_color(struct annot_store *s, int64_t id, int color, struct diag *dg)
{
	if (color < 1 || color > ANNOT_COLORS) {
		diag_set(dg, NULL, 0, "highlight colour must be 1 to %d, not %d", ANNOT_COLORS,
			 color);
		return ERR_USAGE;
	}
	return highlight_update(s, id, "UPDATE highlights SET color = ?, updated = ? WHERE id = ?",
				NULL, color, "cannot change the colour", dg);
}

enum status
annot_highlight_delete(struct annot_store *s, int64_t id, struct diag *dg)
{
	return highlight_update(
	    s, id, "UPDATE highlights SET deleted = ?2, updated = ?2 WHERE id = ?3 AND ?1 = 0",
	    NULL, 0, "cannot delete the highlight", dg);
}

enum status
annot_highlight_undelete(struct annot_store *s, int64_t id, struct diag *dg)
{
	return highlight_update(
	    s, id,
	    "UPDATE highlights SET deleted = NULL, updated = ?2 WHERE id = ?3 AND "
	    "?1 = 0",
	    NULL, 0, "cannot restore the highlight", dg);
}

enum status
annot_highlight_reattach(struct annot_store *s, int64_t id, const struct doc *d, size_t start,
			 size_t end, struct diag *dg)
{
	struct anchor a;
	sqlite3_stmt *st;
	int rc, changes = 0;

	if (start >= end || start >= d->len) {
		diag_set(dg, NULL, 0, "cannot attach a highlight to an empty selection");
		return ERR_USAGE;
	}
	if (s->readonly)
		return readonly_fail(s, "cannot re-attach the highlight", dg);
	anchor_make(d->text, d->len, start, end, &a);
	rc = prepare(s,
		     "UPDATE highlights SET start_off = ?, end_off = ?, quote = ?, prefix = ?, "
		     "suffix = ?, orphan = 0, anchor_how = 'exact', anchor_score = 1.0, "
		     "updated = ? WHERE id = ?",
		     &st);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)a.start);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)a.end);
		bind_text(st, 3, a.quote);
		bind_text(st, 4, a.prefix);
		bind_text(st, 5, a.suffix);
		sqlite3_bind_int64(st, 6, now());
		sqlite3_bind_int64(st, 7, id);
		rc = step_done(s, st, &changes);
	}
	anchor_fini(&a);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "cannot re-attach the highlight", dg);
	if (!changes) {
		diag_set(dg, NULL, 0, "no highlight %lld", (long long)id);
		return ERR_NOTFOUND;
	}
	return OK;
}

enum status
annot_highlight_get(struct annot_store *s, int64_t id, struct annot_highlight *h, struct diag *dg)
{
	sqlite3_stmt *st;
	int rc;

	memset(h, 0, sizeof(*h));
	rc = prepare(s, "SELECT " HL_COLUMNS " FROM highlights WHERE id = ?", &st);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "cannot read the highlight", dg);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		highlight_from_row(st, h);
		sqlite3_finalize(st);
		return OK;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE) {
		diag_set(dg, NULL, 0, "no highlight %lld", (long long)id);
		return ERR_NOTFOUND;
	}
	return store_fail(s, rc, "cannot read the highlight", dg);
}

static int
highlight_cmp(const void *pa, const void *pb)
{
	const struct annot_highlight *a = pa, *b = pb;

	if (a->orphan != b->orphan)
		return a->orphan ? 1 : -1;
	if (!a->orphan) {
		if (a->anchor.start != b->anchor.start)
			return a->anchor.start < b->anchor.start ? -1 : 1;
		if (a->anchor.end != b->anchor.end)
			return a->anchor.end < b->anchor.end ? -1 : 1;
	}
	if (a->created != b->created)
		return a->created < b->created ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

enum status
annot_highlight_list(struct annot_store *s, int64_t doc_id, const struct doc *d,
		     struct annot_list *l, struct diag *dg)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	l->v = NULL;
	l->n = 0;
	rc = prepare(s,
		     "SELECT " HL_COLUMNS " FROM highlights WHERE doc_id = ? AND deleted IS NULL "
		     "ORDER BY start_off, end_off, id",
		     &st);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "cannot read the highlights", dg);
	sqlite3_bind_int64(st, 1, doc_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct annot_highlight *h;
		struct anchor *a;

		l->v = xgrow(l->v, &cap, l->n + 1, sizeof(*l->v));
		h = &l->v[l->n++];
		highlight_from_row(st, h);
		a = &h->anchor;
		/* verify against the text in hand (a read-only store may hold old positions) */
		if (d && (h->orphan || a->end > d->len || a->start > a->end ||
			  strlen(a->quote) != a->end - a->start ||
			  memcmp(d->text + a->start, a->quote, a->end - a->start) != 0)) {
			struct anchor_match m = anchor_locate(d->text, d->len, a);
			if (m.how == ANCHOR_ORPHAN) {
				h->orphan = true;
			} else {
				struct anchor na;
				anchor_make(d->text, d->len, m.start, m.end, &na);
				anchor_fini(a);
				*a = na;
				h->orphan = false;
				if (m.how != ANCHOR_EXACT) {
					h->how = m.how;
					h->score = m.score;
				}
			}
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		annot_list_fini(l);
		return store_fail(s, rc, "cannot read the highlights", dg);
	}
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), highlight_cmp);
	return OK;
}

size_t
annot_highlight_at(const struct annot_list *l, size_t off)
{
	size_t i, found = NPOS;

	for (i = 0; i < l->n && !l->v[i].orphan && l->v[i].anchor.start <= off; i++)
		if (off < l->v[i].anchor.end)
			found = i;
	return found;
}

/* ---- bookmarks ---- */

void
annot_bookmarks_fini(struct annot_bookmarks *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		free(b->v[i].label);
	free(b->v);
	b->v = NULL;
	b->n = 0;
}

/* The first words at off, one line, as a default label. */
static char *
default_label(const struct doc *d, size_t off)
{
	size_t end = fwd_cps(d->text, d->len, off, LABEL_CPS), i;
	struct buf b;

	buf_init(&b);
	for (i = off; i < end; i++)
		buf_addc(&b, d->text[i] == '\n' ? ' ' : d->text[i]);
	return buf_take(&b);
}

enum status
annot_bookmark_add(struct annot_store *s, int64_t doc_id, const struct doc *d, size_t offset,
		   const char *label, int64_t *id, struct diag *dg)
{
	struct anchor a;
	sqlite3_stmt *st;
	char *lab;
	int rc;

	if (s->readonly)
		return readonly_fail(s, "cannot save the bookmark", dg);
	mark_anchor(d, offset, &a);
	lab = label && *label ? xstrdup(label) : default_label(d, a.start);
	rc = prepare(s,
		     "INSERT INTO bookmarks (doc_id, offset, quote, prefix, suffix, label, "
		     "created) VALUES (?, ?, ?, ?, ?, ?, ?)",
		     &st);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, doc_id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)a.start);
		bind_text(st, 3, a.quote);
		bind_text(st, 4, a.prefix);
		bind_text(st, 5, a.suffix);
		bind_text(st, 6, lab);
		sqlite3_bind_int64(st, 7, now());
		rc = step_done(s, st, NULL);
	}
	anchor_fini(&a);
	free(lab);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "cannot save the bookmark", dg);
	if (id)
		*id = sqlite3_last_insert_rowid(s->db);
	return OK;
}

enum status
annot_bookmark_delete(struct annot_store *s, int64_t id, struct diag *dg)
{
	sqlite3_stmt *st;
	int rc, changes = 0;

	if (s->readonly)
		return readonly_fail(s, "cannot delete the bookmark", dg);
	rc = prepare(s, "DELETE FROM bookmarks WHERE id = ?", &st);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, id);
		rc = step_done(s, st, &changes);
	}
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "cannot delete the bookmark", dg);
	if (!changes) {
		diag_set(dg, NULL, 0, "no bookmark %lld", (long long)id);
		return ERR_NOTFOUND;
	}
	return OK;
}

static int
bookmark_cmp(const void *pa, const void *pb)
{
	const struct annot_bookmark *a = pa, *b = pb;

	if (a->offset != b->offset)
		return a->offset < b->offset ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

enum status
annot_bookmark_list(struct annot_store *s, int64_t doc_id, const struct doc *d,
		    struct annot_bookmarks *b, struct diag *dg)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	b->v = NULL;
	b->n = 0;
	rc = prepare(s,
		     "SELECT id, offset, quote, prefix, suffix, label, orphan, created FROM "
		     "bookmarks WHERE doc_id = ? ORDER BY offset, id",
		     &st);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "cannot read the bookmarks", dg);
	sqlite3_bind_int64(st, 1, doc_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct annot_bookmark *m;
		struct anchor a;

		b->v = xgrow(b->v, &cap, b->n + 1, sizeof(*b->v));
		m = &b->v[b->n++];
		m->id = sqlite3_column_int64(st, 0);
		anchor_set(&a, col_size(st, 1), col_size(st, 1), col_text(st, 2), col_text(st, 3),
			   col_text(st, 4));
		a.end = a.start + strlen(a.quote);
		m->label = xstrdup(col_text(st, 5));
		m->created = sqlite3_column_int64(st, 7);
		if (d)
			m->offset = mark_locate(d, &a, &m->orphan);
		else {
			m->offset = a.start;
			m->orphan = sqlite3_column_int(st, 6) != 0;
		}
		anchor_fini(&a);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		annot_bookmarks_fini(b);
		return store_fail(s, rc, "cannot read the bookmarks", dg);
	}
	if (b->n > 1)
		qsort(b->v, b->n, sizeof(*b->v), bookmark_cmp);
	return OK;
}

/* ---- reading position ---- */

enum status
annot_position_get(struct annot_store *s, int64_t doc_id, const struct doc *d, size_t *offset,
		   bool *found, struct diag *dg)
{
	sqlite3_stmt *st;
	int rc;

	*offset = 0;
	*found = false;
	rc =
	    prepare(s, "SELECT offset, quote, prefix, suffix FROM positions WHERE doc_id = ?", &st);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "cannot read the reading position", dg);
	sqlite3_bind_int64(st, 1, doc_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		struct anchor a;
		bool orphan;

		anchor_set(&a, col_size(st, 0), col_size(st, 0), col_text(st, 1), col_text(st, 2),
			   col_text(st, 3));
		a.end = a.start + strlen(a.quote);
		*offset = d ? mark_locate(d, &a, &orphan) : a.start;
		*found = true;
		anchor_fini(&a);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, "cannot read the reading position", dg);
	return OK;
}

enum status
annot_position_by_path(struct annot_store *s, const char *path, size_t *offset, bool *found,
		       struct diag *dg)
{
	sqlite3_stmt *st;
	int rc;

	*offset = 0;
	*found = false;
	rc = prepare(s,
		     "SELECT p.offset FROM positions p JOIN documents d ON d.id = p.doc_id "
		     "WHERE d.path = ? ORDER BY d.last_opened DESC, d.id DESC LIMIT 1",
		     &st);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "cannot read the reading position", dg);
	bind_text(st, 1, path);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*offset = col_size(st, 0);
		*found = true;
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, "cannot read the reading position", dg);
	return OK;
}

enum status
annot_position_set(struct annot_store *s, int64_t doc_id, const struct doc *d, size_t offset,
		   struct diag *dg)
{
	struct anchor a;
	sqlite3_stmt *st;
	int rc;

	if (s->readonly)
		return readonly_fail(s, "cannot save the reading position", dg);
	mark_anchor(d, offset, &a);
	rc = prepare(s,
		     "INSERT INTO positions (doc_id, offset, quote, prefix, suffix, updated) "
		     "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(doc_id) DO UPDATE SET "
		     "offset = excluded.offset, quote = excluded.quote, prefix = excluded.prefix, "
		     "suffix = excluded.suffix, updated = excluded.updated",
		     &st);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, doc_id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)a.start);
		bind_text(st, 3, a.quote);
		bind_text(st, 4, a.prefix);
		bind_text(st, 5, a.suffix);
		sqlite3_bind_int64(st, 6, now());
		rc = step_done(s, st, NULL);
	}
	anchor_fini(&a);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "cannot save the reading position", dg);
	return OK;
}

enum status
annot_last_path(struct annot_store *s, char **path, struct diag *dg)
{
	sqlite3_stmt *st;
	int rc;

	*path = NULL;
	rc = prepare(s,
		     "SELECT path FROM documents WHERE path IS NOT NULL ORDER BY last_opened "
		     "DESC, id DESC LIMIT 1",
		     &st);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "cannot read the last document", dg);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*path = xstrdup(col_text(st, 0));
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, "cannot read the last document", dg);
	return OK;
}

/* ---- documents list ---- */

void
annot_docs_fini(struct annot_docs *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].path);
		free(l->v[i].title);
		free(l->v[i].author);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

enum status
annot_docs_list(struct annot_store *s, struct annot_docs *l, struct diag *dg)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	l->v = NULL;
	l->n = 0;
	rc = prepare(
	    s,
	    "SELECT d.id, d.hash, coalesce(d.path, ''), d.title, d.author, d.last_opened, "
	    " (SELECT count(*) FROM highlights h WHERE h.doc_id = d.id AND h.deleted IS NULL),"
	    " (SELECT count(*) FROM highlights h WHERE h.doc_id = d.id AND h.deleted IS NULL"
	    "   AND h.note <> ''),"
	    " (SELECT count(*) FROM highlights h WHERE h.doc_id = d.id AND h.deleted IS NULL"
	    "   AND h.orphan <> 0),"
	    " (SELECT count(*) FROM bookmarks b WHERE b.doc_id = d.id) AS nb "
	    "FROM documents d ORDER BY d.last_opened DESC, d.id DESC",
	    &st);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "cannot list the documents", dg);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct annot_docinfo *di;
		size_t nh = col_size(st, 6), nb = col_size(st, 9);

		if (nh == 0)
			continue;
		l->v = xgrow(l->v, &cap, l->n + 1, sizeof(*l->v));
		di = &l->v[l->n++];
		memset(di, 0, sizeof(*di));
		di->id = sqlite3_column_int64(st, 0);
		snprintf(di->hash, sizeof(di->hash), "%s", col_text(st, 1));
		di->path = xstrdup(col_text(st, 2));
		di->title = xstrdup(col_text(st, 3));
		di->author = xstrdup(col_text(st, 4));
		di->last_opened = sqlite3_column_int64(st, 5);
		di->n_highlights = nh;
		di->n_notes = col_size(st, 7);
		di->n_orphans = col_size(st, 8);
		di->n_bookmarks = nb;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		annot_docs_fini(l);
		return store_fail(s, rc, "cannot list the documents", dg);
	}
	return OK;
}
