/* test_annot.c — the annotation store: round trip, migrations, soft delete and undo, moved and
 * changed documents, bookmarks and position, two processes writing at once, a writer killed
 * with SIGKILL, a read-only directory, a full disk, a corrupt database file. */
#include "jingdu/annot.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jingdu/doc.h"
#include "jingdu/util.h"
#include "tap.h"

static char tmpdir[256];

static const char article[] =
    "深度求索的故事\n\n"
    "第一段：深度求索在杭州成立，团队不到一百五十人。\n\n"
    "第二段：他们发布的模型以很低的训练成本达到了前沿水平，引起了硅谷的震动。\n\n"
    "第三段：Liang Wenfeng said the lab would stay focused on research.\n\n"
    "第四段：大厂们随后纷纷降价，价格战从此开始。\n";

static char *
tpath(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return;
	fputs(text, f);
	fclose(f);
}

static struct doc *
load(const char *path)
{
	struct doc *d = NULL;

	if (doc_load_file(path, &d) != OK)
		return NULL;
	return d;
}

static size_t
offset_of(const struct doc *d, const char *s)
{
	const char *p = strstr(d->text, s);
	return p ? (size_t)(p - d->text) : 0;
}

static struct annot_store *
open_store(const char *db)
{
	struct annot_store *s = NULL;
	struct diag dg = {0};

	if (annot_store_open(db, &s, &dg) != OK)
		tap_diag("open %s: %s", db, dg.msg);
	return s;
}

static void
test_round_trip(void)
{
	char *db = tpath("rt.db"), *file = tpath("rt.txt");
	struct annot_store *s;
	struct annot_docref ref, ref2;
	struct annot_list l;
	struct doc *d;
	struct diag dg = {0};
	int64_t id1 = 0, id2 = 0;
	size_t at;

	write_file(file, article);
	d = load(file);
	s = open_store(db);
	ok(s != NULL, "store opens and is created");
	if (!s || !d)
		return;
	is_int(annot_doc_open(s, d, true, &ref, &dg), OK, "document registered");
	ok(ref.id > 0 && ref.how == ANNOT_DOC_NEW, "new document");
	is_int(strlen(ref.hash), 32, "hash is 32 hex digits");
	at = offset_of(d, "很低的训练成本");
	is_int(annot_highlight_add(s, ref.id, d, at, at + strlen("很低的训练成本"), 2,
				   "成本是关键。", &id1, &dg),
	       OK, "highlight with a Chinese note saved");
	at = offset_of(d, "Liang Wenfeng");
	is_int(annot_highlight_add(s, ref.id, d, at, at + 13, 1, NULL, &id2, &dg), OK,
	       "highlight without a note saved");
	is_int(annot_highlight_add(s, ref.id, d, at, at, 1, NULL, NULL, &dg), ERR_USAGE,
	       "empty selection refused");
	is_int(annot_highlight_add(s, ref.id, d, at, at + 3, 5, NULL, NULL, &dg), ERR_USAGE,
	       "colour 5 refused");
	annot_store_close(s);

	s = open_store(db);
	is_int(annot_doc_open(s, d, true, &ref2, &dg), OK, "reopened");
	ok(ref2.id == ref.id && ref2.how == ANNOT_DOC_SAME, "same document by hash");
	is_int(annot_highlight_list(s, ref.id, d, &l, &dg), OK, "list");
	is_int(l.n, 2, "two highlights");
	if (l.n == 2) {
		is_str(l.v[0].anchor.quote, "很低的训练成本", "first by position: the quote");
		is_str(l.v[0].note, "成本是关键。", "the note survives");
		is_int(l.v[0].color, 2, "the colour survives");
		is_str(l.v[1].anchor.quote, "Liang Wenfeng", "second by position");
		is_str(l.v[1].note, "", "no note is the empty string");
		ok(!l.v[0].orphan && l.v[0].how == ANCHOR_EXACT, "placed exactly");
		is_int(annot_highlight_at(&l, l.v[1].anchor.start), 1, "highlight_at its start");
		is_int(annot_highlight_at(&l, l.v[1].anchor.end - 1), 1,
		       "highlight_at its last byte");
		is_int(annot_highlight_at(&l, l.v[1].anchor.end), NPOS,
		       "highlight_at: end excluded");
		is_int(annot_highlight_at(&l, 0), NPOS, "highlight_at: none before");
	}
	annot_list_fini(&l);

	is_int(annot_highlight_set_note(s, id2, "他说要专注研究", &dg), OK, "note edited");
	is_int(annot_highlight_set_color(s, id2, 4, &dg), OK, "colour changed");
	is_int(annot_highlight_set_color(s, id2, 0, &dg), ERR_USAGE, "colour 0 refused");
	is_int(annot_highlight_set_note(s, 99999, "x", &dg), ERR_NOTFOUND, "unknown id: not found");
	{
		struct annot_highlight h;
		is_int(annot_highlight_get(s, id2, &h, &dg), OK, "get by id");
		is_str(h.note, "他说要专注研究", "edited note read back");
		is_int(h.color, 4, "changed colour read back");
		annot_highlight_fini(&h);
	}

	/* soft delete and undo */
	is_int(annot_highlight_delete(s, id1, &dg), OK, "delete");
	annot_highlight_list(s, ref.id, d, &l, &dg);
	is_int(l.n, 1, "deleted highlight hidden");
	annot_list_fini(&l);
	is_int(annot_highlight_undelete(s, id1, &dg), OK, "undo the delete");
	annot_highlight_list(s, ref.id, d, &l, &dg);
	is_int(l.n, 2, "undone: back in the list");
	if (l.n == 2)
		is_str(l.v[0].note, "成本是关键。", "undone highlight keeps its note");
	annot_list_fini(&l);

	/* bookmarks and position */
	{
		struct annot_bookmarks b;
		size_t off = 0;
		bool found = true;
		int64_t bid;

		is_int(annot_position_get(s, ref.id, d, &off, &found, &dg), OK, "position get");
		ok(!found && off == 0, "no position yet");
		at = offset_of(d, "第三段");
		is_int(annot_position_set(s, ref.id, d, at, &dg), OK, "position set");
		is_int(annot_position_set(s, ref.id, d, at + 3, &dg), OK, "position set again");
		annot_position_get(s, ref.id, d, &off, &found, &dg);
		ok(found && off == at + 3, "position read back");
		{
			char abs[PATH_MAX];

			off = 0;
			found = false;
			enum status pst = annot_position_by_path(
			    s, realpath(d->path, abs) ? abs : d->path, &off, &found, &dg);

			is_int(pst, OK, "position by path");
			ok(found && off == at + 3, "position by path: the saved offset (%zu)", off);
			annot_position_by_path(s, "/nonexistent/zzz", &off, &found, &dg);
			ok(!found, "position by path: an unknown path has none");
		}
		is_int(annot_bookmark_add(s, ref.id, d, offset_of(d, "第四段"), NULL, &bid, &dg),
		       OK, "bookmark added");
		is_int(annot_bookmark_add(s, ref.id, d, offset_of(d, "第一段"), "开头", NULL, &dg),
		       OK, "labelled bookmark added");
		annot_bookmark_list(s, ref.id, d, &b, &dg);
		is_int(b.n, 2, "two bookmarks");
		if (b.n == 2) {
			is_str(b.v[0].label, "开头", "ordered by offset, label kept");
			ok(strncmp(b.v[1].label, "第四段", strlen("第四段")) == 0,
			   "default label is the text at the bookmark");
		}
		annot_bookmarks_fini(&b);
		is_int(annot_bookmark_delete(s, bid, &dg), OK, "bookmark deleted");
		annot_bookmark_list(s, ref.id, d, &b, &dg);
		is_int(b.n, 1, "one bookmark left");
		annot_bookmarks_fini(&b);
	}

	/* notes list */
	{
		struct annot_docs docs;
		char *last = NULL;

		is_int(annot_docs_list(s, &docs, &dg), OK, "documents listed");
		is_int(docs.n, 1, "one document with highlights");
		if (docs.n == 1) {
			is_int(docs.v[0].n_highlights, 2, "counts highlights");
			is_int(docs.v[0].n_notes, 2, "counts notes");
			is_int(docs.v[0].n_bookmarks, 1, "counts bookmarks");
			is_str(docs.v[0].title, "深度求索的故事", "title kept");
		}
		annot_docs_fini(&docs);
		annot_last_path(s, &last, &dg);
		ok(last && strstr(last, "rt.txt"), "last path is the document");
		free(last);
	}
	annot_store_close(s);
	doc_free(d);
	free(db);
	free(file);
}

static void
test_moved_and_changed(void)
{
	char *db = tpath("mv.db"), *f1 = tpath("mv1.txt"), *f2 = tpath("mv2.txt");
	struct annot_store *s = open_store(db);
	struct annot_docref ref, r2;
	struct annot_list l;
	struct diag dg = {0};
	struct doc *d;
	char *changed;
	size_t at, pos;
	int64_t orphan_id = 0;
	bool found;

	write_file(f1, article);
	d = load(f1);
	if (!s || !d)
		return;
	annot_doc_open(s, d, true, &ref, &dg);
	at = offset_of(d, "引起了硅谷的震动");
	annot_highlight_add(s, ref.id, d, at, at + strlen("引起了硅谷的震动"), 1, "震动", NULL,
			    &dg);
	at = offset_of(d, "Liang Wenfeng");
	annot_highlight_add(s, ref.id, d, at, at + strlen("Liang Wenfeng"), 2, "", NULL, &dg);
	at = offset_of(d, "价格战从此开始");
	annot_highlight_add(s, ref.id, d, at, at + strlen("价格战从此开始"), 3, "价格战",
			    &orphan_id, &dg);
	annot_position_set(s, ref.id, d, offset_of(d, "第三段"), &dg);
	annot_bookmark_add(s, ref.id, d, offset_of(d, "第二段"), "书签", NULL, &dg);
	doc_free(d);

	/* moved: same text, another path */
	rename(f1, f2);
	d = load(f2);
	annot_doc_open(s, d, true, &r2, &dg);
	ok(r2.id == ref.id && r2.how == ANNOT_DOC_SAME, "moved file: same document, notes kept");
	doc_free(d);

	/* changed at the same path: a paragraph inserted at the top, the last one deleted */
	changed = xasprintf("新加的一段导语。\n\n%.*s", (int)(strstr(article, "第四段") - article),
			    article);
	write_file(f2, changed);
	d = load(f2);
	is_int(annot_doc_open(s, d, true, &r2, &dg), OK, "changed file opened");
	ok(r2.id == ref.id && r2.how == ANNOT_DOC_CHANGED, "changed file: matched by path");
	is_int(r2.n_moved, 2, "two highlights moved");
	is_int(r2.n_orphans, 1, "one orphan");
	annot_highlight_list(s, r2.id, d, &l, &dg);
	is_int(l.n, 3, "nothing dropped");
	if (l.n == 3) {
		ok(!l.v[0].orphan && l.v[0].anchor.start == offset_of(d, "引起了硅谷的震动"),
		   "re-anchored at the new offset");
		is_str(l.v[0].note, "震动", "its note kept");
		ok(!l.v[1].orphan && l.v[1].anchor.start == offset_of(d, "Liang Wenfeng") &&
		       l.v[1].how == ANCHOR_MOVED,
		   "the next one follows the same shift (%s at %zu %s, want %zu)",
		   anchor_how_str(l.v[1].how), l.v[1].anchor.start, l.v[1].anchor.quote,
		   offset_of(d, "Liang Wenfeng"));
		ok(l.v[2].orphan, "deleted passage: orphan, listed last");
		is_str(l.v[2].anchor.quote, "价格战从此开始", "orphan keeps its text");
		is_str(l.v[2].note, "价格战", "orphan keeps its note");
	}
	annot_list_fini(&l);
	annot_position_get(s, r2.id, d, &pos, &found, &dg);
	ok(found && pos == offset_of(d, "第三段"), "reading position follows the text");
	{
		struct annot_bookmarks b;
		annot_bookmark_list(s, r2.id, d, &b, &dg);
		ok(b.n == 1 && !b.v[0].orphan && b.v[0].offset == offset_of(d, "第二段"),
		   "bookmark follows the text");
		annot_bookmarks_fini(&b);
	}
	/* reopened: the saved re-anchoring holds (same hash now) */
	annot_doc_open(s, d, true, &r2, &dg);
	is_int(r2.how, ANNOT_DOC_SAME, "after re-anchoring the new text is the document's");

	/* the file replaced by an unrelated text: a new document; the old keeps its notes */
	{
		struct doc *other;
		struct annot_docref r3;

		write_file(f2, "完全不同的另一篇文章。\n\n内容和原来的没有任何关系。\n");
		other = load(f2);
		annot_doc_open(s, other, true, &r3, &dg);
		ok(r3.id != r2.id && r3.how == ANNOT_DOC_NEW,
		   "replaced by an unrelated text: a new document");
		annot_highlight_list(s, r2.id, d, &l, &dg);
		ok(l.n == 3 && !l.v[0].orphan, "the old document keeps its placed highlights");
		annot_list_fini(&l);
		doc_free(other);
		write_file(f2, changed);
		other = load(f2);
		annot_doc_open(s, other, true, &r3, &dg);
		ok(r3.id == r2.id && r3.how == ANNOT_DOC_SAME, "the old text back: its notes back");
		doc_free(other);
	}

	/* re-attach the orphan by hand */
	at = offset_of(d, "第一段");
	is_int(annot_highlight_reattach(s, orphan_id, d, at, at + strlen("第一段"), &dg), OK,
	       "orphan re-attached");
	annot_highlight_list(s, r2.id, d, &l, &dg);
	ok(l.n == 3 && !l.v[0].orphan && !l.v[2].orphan && strcmp(l.v[0].note, "价格战") == 0,
	   "re-attached: placed, first by position, note kept");
	annot_list_fini(&l);
	doc_free(d);
	annot_store_close(s);
	free(changed);
	free(db);
	free(f1);
	free(f2);
}

static int
user_version(const char *db)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_open(db, &h) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return v;
}

static void
test_migrations(void)
{
	char *db = tpath("mig.db"), *db2 = tpath("newer.db");
	struct annot_store *s;
	struct diag dg = {0};
	sqlite3 *h;

	s = open_store(db);
	annot_store_close(s);
	is_int(user_version(db), ANNOT_SCHEMA_VERSION, "fresh database at the current schema");
	s = open_store(db);
	ok(s != NULL, "reopened without migrating again");
	annot_store_close(s);
	/* a database from a newer jingdu is refused and left alone */
	sqlite3_open(db2, &h);
	sqlite3_exec(h, "CREATE TABLE future(x); PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(h);
	s = NULL;
	is_int(annot_store_open(db2, &s, &dg), ERR_DB, "newer schema: ERR_DB");
	ok(s == NULL && strstr(dg.msg, "newer"), "newer schema: message says so (%s)", dg.msg);
	is_int(user_version(db2), 99, "newer database untouched");
	free(db);
	free(db2);
}

static void
test_corrupt(void)
{
	char *db = tpath("corrupt.db");
	struct annot_store *s = NULL;
	struct diag dg = {0};
	char junk[8192];
	size_t i;
	FILE *f;
	struct stat st1, st2;

	for (i = 0; i < sizeof(junk); i++)
		junk[i] = (char)(i * 7 + 3);
	f = fopen(db, "wb");
	fwrite(junk, 1, sizeof(junk), f);
	fclose(f);
	stat(db, &st1);
	is_int(annot_store_open(db, &s, &dg), ERR_DB, "corrupt file: ERR_DB");
	ok(s == NULL, "corrupt file: no store");
	ok(strstr(dg.msg, "corrupt") != NULL, "corrupt file: clear message (%s)", dg.msg);
	stat(db, &st2);
	ok(st1.st_size == st2.st_size && st2.st_size == (off_t)sizeof(junk),
	   "corrupt file left untouched");
	annot_store_close(s); /* NULL is fine */
	free(db);
}

/* Child: add n highlights with notes, each its own transaction. */
static void
child_write(const char *db, const char *file, int who, int n)
{
	struct annot_store *s = NULL;
	struct annot_docref ref;
	struct diag dg = {0};
	struct doc *d = load(file);
	int i, fails = 0;

	if (!d || annot_store_open(db, &s, &dg) != OK)
		_exit(3);
	if (annot_doc_open(s, d, true, &ref, &dg) != OK)
		_exit(4);
	for (i = 0; i < n; i++) {
		char note[64];
		size_t at = (size_t)(i * 3) % (d->len - 10);
		while (at > 0 && ((unsigned char)d->text[at] & 0xC0) == 0x80)
			at--;
		snprintf(note, sizeof(note), "writer %d note %d", who, i);
		if (annot_highlight_add(s, ref.id, d, at, at + 6, 1 + i % 4, note, NULL, &dg) != OK)
			fails++;
		if (annot_position_set(s, ref.id, d, at, &dg) != OK)
			fails++;
	}
	annot_store_close(s);
	doc_free(d);
	_exit(fails ? 5 : 0);
}

static void
test_two_writers(void)
{
	char *db = tpath("two.db"), *file = tpath("two.txt");
	struct annot_store *s;
	struct annot_docref ref;
	struct annot_list l;
	struct diag dg = {0};
	struct doc *d;
	pid_t p[2];
	int i, st, good = 0, n = 60;

	write_file(file, article);
	for (i = 0; i < 2; i++) {
		fflush(stdout);
		p[i] = fork();
		if (p[i] == 0)
			child_write(db, file, i, n);
	}
	for (i = 0; i < 2; i++)
		if (waitpid(p[i], &st, 0) == p[i] && WIFEXITED(st) && WEXITSTATUS(st) == 0)
			good++;
	is_int(good, 2, "two processes writing at once both succeed");
	s = open_store(db);
	d = load(file);
	if (!s || !d)
		return;
	annot_doc_open(s, d, false, &ref, &dg);
	annot_highlight_list(s, ref.id, d, &l, &dg);
	is_int(l.n, 2 * n, "nothing lost: every highlight of both writers is there");
	{
		int seen[2] = {0, 0};
		size_t k;
		for (k = 0; k < l.n; k++) {
			if (strncmp(l.v[k].note, "writer 0", 8) == 0)
				seen[0]++;
			else if (strncmp(l.v[k].note, "writer 1", 8) == 0)
				seen[1]++;
		}
		ok(seen[0] == n && seen[1] == n, "each writer's notes complete (%d, %d)", seen[0],
		   seen[1]);
	}
	annot_list_fini(&l);
	{
		struct annot_docs docs;
		annot_docs_list(s, &docs, &dg);
		is_int(docs.n, 1, "one document row, not two (registration raced safely)");
		annot_docs_fini(&docs);
	}
	annot_store_close(s);
	doc_free(d);
	free(db);
	free(file);
}

static void
test_sigkill(void)
{
	char *db = tpath("kill.db"), *file = tpath("kill.txt");
	int pfd[2];
	pid_t pid;
	char c = 0;
	struct annot_store *s;
	struct annot_docref ref;
	struct annot_list l;
	struct diag dg = {0};
	struct doc *d;
	int st;

	write_file(file, article);
	if (pipe(pfd) != 0)
		return;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct annot_store *cs = NULL;
		struct doc *cd = load(file);
		size_t at;

		close(pfd[0]);
		if (!cd || annot_store_open(db, &cs, &dg) != OK ||
		    annot_doc_open(cs, cd, true, &ref, &dg) != OK)
			_exit(3);
		at = offset_of(cd, "深度求索在杭州");
		if (annot_highlight_add(cs, ref.id, cd, at, at + strlen("深度求索在杭州"), 1,
					"第一条笔记", NULL, &dg) != OK)
			_exit(4);
		if (annot_highlight_add(cs, ref.id, cd, at + 3, at + 9, 2, "第二条笔记", NULL,
					&dg) != OK)
			_exit(4);
		/* saved: tell the parent, then wait to be killed with the store still open */
		if (write(pfd[1], "k", 1) != 1)
			_exit(5);
		for (;;)
			pause();
	}
	close(pfd[1]);
	ok(read(pfd[0], &c, 1) == 1 && c == 'k', "writer saved its notes");
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	close(pfd[0]);
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "writer killed with SIGKILL");
	s = open_store(db);
	d = load(file);
	if (!s || !d)
		return;
	annot_doc_open(s, d, false, &ref, &dg);
	annot_highlight_list(s, ref.id, d, &l, &dg);
	is_int(l.n, 2, "both notes survive the kill");
	ok(l.n == 2 && strcmp(l.v[0].note, "第一条笔记") == 0 &&
	       strcmp(l.v[1].note, "第二条笔记") == 0,
	   "note texts intact");
	annot_list_fini(&l);
	annot_store_close(s);
	doc_free(d);
	free(db);
	free(file);
}

/* Run fn in a child and return its exit code (or 100 + signal). */
static int
in_child(int (*fn)(void *), void *arg)
{
	pid_t pid;
	int st;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int rc = fn(arg);
		fflush(stdout);
		_exit(rc);
	}
	if (waitpid(pid, &st, 0) != pid)
		return 99;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 100 + WTERMSIG(st);
}

struct ro_arg {
	const char *db, *newdb, *file;
};

/* As an unprivileged user: the existing database opens read-only, writes fail with
 * ERR_READONLY, reads work; a new database in the directory cannot be created. */
static int
ro_child(void *p)
{
	const struct ro_arg *a = p;
	struct annot_store *s = NULL;
	struct annot_docref ref;
	struct annot_list l;
	struct diag dg = {0};
	struct doc *d;
	char *note = xstrdup("只读目录里写的笔记");
	size_t at;

	if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
		return 10;
	if (access(a->db, W_OK) == 0)
		return 11; /* not read-only after all */
	d = load(a->file);
	if (!d)
		return 12;
	if (annot_store_open(a->db, &s, &dg) != OK)
		return 13;
	if (!annot_store_readonly(s) || !strstr(dg.msg, "read-only"))
		return 14;
	if (annot_doc_open(s, d, false, &ref, &dg) != OK || ref.id == 0)
		return 15;
	if (annot_highlight_list(s, ref.id, d, &l, &dg) != OK || l.n != 1)
		return 16;
	annot_list_fini(&l);
	at = offset_of(d, "第二段");
	if (annot_highlight_add(s, ref.id, d, at, at + 9, 1, note, NULL, &dg) != ERR_READONLY)
		return 17;
	if (!strstr(dg.msg, "read-only") || strcmp(note, "只读目录里写的笔记") != 0)
		return 18; /* a clear message, and the caller's note untouched */
	if (annot_position_set(s, ref.id, d, at, &dg) != ERR_READONLY)
		return 19;
	annot_store_close(s);
	s = NULL;
	if (annot_store_open(a->newdb, &s, &dg) != ERR_READONLY || s)
		return 20;
	free(note);
	doc_free(d);
	return 0;
}

/* Read-only and the file changed: re-anchored in memory (nothing can be saved). */
static int
ro_changed_child(void *p)
{
	const struct ro_arg *a = p;
	struct annot_store *s = NULL;
	struct annot_docref ref;
	struct annot_list l;
	struct diag dg = {0};
	struct doc *d;
	int rc = 0;

	if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
		return 10;
	d = load(a->file);
	if (!d || annot_store_open(a->db, &s, &dg) != OK || !annot_store_readonly(s))
		return 11;
	if (annot_doc_open(s, d, false, &ref, &dg) != OK || ref.how != ANNOT_DOC_CHANGED ||
	    ref.n_moved != 1)
		return 12;
	if (annot_highlight_list(s, ref.id, d, &l, &dg) != OK || l.n != 1)
		return 13;
	if (l.v[0].orphan || l.v[0].anchor.start != offset_of(d, "深度求索的故事") ||
	    strcmp(l.v[0].note, "原来的笔记") != 0)
		rc = 14;
	annot_list_fini(&l);
	annot_store_close(s);
	doc_free(d);
	return rc;
}

static void
test_readonly(void)
{
	char *dir = tpath("ro"), *db = tpath("ro/jingdu.db"), *newdb = tpath("ro/new.db");
	char *file = tpath("ro.txt");
	struct annot_store *s;
	struct annot_docref ref;
	struct annot_list l;
	struct diag dg = {0};
	struct doc *d;
	struct ro_arg a = {db, newdb, file};
	int rc;

	mkdir(dir, 0755);
	write_file(file, article);
	chmod(file, 0644);
	chmod(tmpdir, 0755);
	d = load(file);
	s = open_store(db);
	if (!s || !d)
		return;
	annot_doc_open(s, d, true, &ref, &dg);
	annot_highlight_add(s, ref.id, d, 0, 6, 1, "原来的笔记", NULL, &dg);
	annot_store_close(s);
	chmod(db, 0444);
	chmod(dir, 0555);
	rc = in_child(ro_child, &a);
	if (rc == 11) {
		tap_diag("skipped: cannot make a read-only directory here");
	} else {
		is_int(rc, 0,
		       "read-only directory: reads work, writes fail with ERR_READONLY and a "
		       "clear message, the note is kept, no new database is created");
	}
	if (rc != 11) {
		char *changed = xasprintf("只读时加的一段。\n\n%s", article);
		write_file(file, changed);
		free(changed);
		is_int(in_child(ro_changed_child, &a), 0,
		       "read-only and the file changed: re-anchored in memory, note kept");
		write_file(file, article);
	}
	chmod(dir, 0755);
	chmod(db, 0644);
	s = open_store(db);
	annot_doc_open(s, d, false, &ref, &dg);
	annot_highlight_list(s, ref.id, d, &l, &dg);
	ok(l.n == 1 && strcmp(l.v[0].note, "原来的笔记") == 0, "nothing corrupted");
	annot_list_fini(&l);
	annot_store_close(s);
	doc_free(d);
	free(dir);
	free(db);
	free(newdb);
	free(file);
}

struct full_arg {
	const char *db, *file;
};

/* With a tiny file size limit the database cannot grow: the write fails with a status and a
 * message, the caller's note is kept, and the store is still usable for reading. */
static int
full_child(void *p)
{
	const struct full_arg *a = p;
	struct annot_store *s = NULL;
	struct annot_docref ref;
	struct diag dg = {0};
	struct doc *d = load(a->file);
	struct rlimit rl;
	char *note;
	struct buf b;
	int i;
	enum status st = OK;

	signal(SIGXFSZ, SIG_IGN);
	if (!d || annot_store_open(a->db, &s, &dg) != OK)
		return 10;
	if (annot_doc_open(s, d, true, &ref, &dg) != OK)
		return 11;
	buf_init(&b);
	for (i = 0; i < 200; i++)
		buf_adds(&b, "很长的笔记");
	note = buf_take(&b);
	getrlimit(RLIMIT_FSIZE, &rl);
	rl.rlim_cur = 64 * 1024;
	if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
		return 12;
	for (i = 0; i < 200 && st == OK; i++)
		st = annot_highlight_add(s, ref.id, d, 0, 6, 1, note, NULL, &dg);
	if (st != ERR_IO && st != ERR_DB)
		return 13;
	printf("# full disk message: %s\n", dg.msg);
	if (!dg.msg[0] || strlen(note) != 200 * strlen("很长的笔记"))
		return 14;
	annot_store_close(s);
	free(note);
	doc_free(d);
	return 0;
}

static void
test_full(void)
{
	char *db = tpath("full.db"), *file = tpath("full.txt");
	struct full_arg a = {db, file};
	struct annot_store *s;
	struct annot_docref ref;
	struct annot_list l;
	struct diag dg = {0};
	struct doc *d;

	write_file(file, article);
	is_int(in_child(full_child, &a), 0, "full disk: a status and a message, the note kept");
	s = open_store(db);
	d = load(file);
	ok(s != NULL, "after a full disk the database still opens");
	if (!s || !d)
		return;
	is_int(annot_doc_open(s, d, false, &ref, &dg), OK, "and reads");
	is_int(annot_highlight_list(s, ref.id, d, &l, &dg), OK,
	       "highlights saved before are listed");
	tap_diag("%zu highlights were saved before the disk was full", l.n);
	annot_list_fini(&l);
	is_int(annot_highlight_add(s, ref.id, d, 0, 6, 1, "再试一次", NULL, &dg), OK,
	       "with space again, saving works");
	annot_store_close(s);
	doc_free(d);
	free(db);
	free(file);
}

static void
test_default_path(void)
{
	char *dir = tpath("xdg"), *p;
	struct annot_store *s = NULL;
	struct diag dg = {0};

	unsetenv("JINGDU_DB");
	setenv("XDG_DATA_HOME", dir, 1);
	p = annot_default_path(false);
	ok(p && strstr(p, "/xdg/jingdu/jingdu.db"), "default path under $XDG_DATA_HOME/jingdu");
	free(p);
	is_int(annot_store_open(NULL, &s, &dg), OK, "default store opens (directory created)");
	ok(s && access(annot_store_path(s), F_OK) == 0, "database file created");
	annot_store_close(s);
	setenv("JINGDU_DB", "/nonexistent-dir/x.db", 1);
	p = annot_default_path(false);
	is_str(p, "/nonexistent-dir/x.db", "JINGDU_DB overrides");
	free(p);
	s = NULL;
	ok(annot_store_open(NULL, &s, &dg) != OK && s == NULL && dg.msg[0],
	   "missing directory: a status and a message (%s)", dg.msg);
	unsetenv("JINGDU_DB");
	free(dir);
}

static void
cleanup(void)
{
	pid_t pid;

	if (!tmpdir[0])
		return;
	pid = fork();
	if (pid == 0) {
		execlp("rm", "rm", "-rf", tmpdir, (char *)NULL);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
}

int
main(void)
{
	const char *t = getenv("TMPDIR");

	(void)tap_shared;
	snprintf(tmpdir, sizeof(tmpdir), "%s/jingdu-annot-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir)) {
		printf("Bail out! cannot make a temporary directory\n");
		return 1;
	}
	test_round_trip();
	test_moved_and_changed();
	test_migrations();
	test_corrupt();
	test_two_writers();
	test_sigkill();
	test_readonly();
	test_full();
	test_default_path();
	cleanup();
	return tap_done();
}
