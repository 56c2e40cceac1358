/* annot_ui.c — the reader's half of highlights, notes, bookmarks, reading position and export
 * (see annot_ui.h). The database calls are those of annot.h, each one transaction; a failed
 * change leaves the screen as it was (the note stays in the editor) and says why on the status
 * line. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jingdu/annot.h"
#include "jingdu/export.h"
#include "jingdu/noteedit.h"
#include "jingdu/selection.h"
#include "jingdu/util.h"
#include "annot_ui.h"
#include "jingdu/cli.h"

enum list_kind { LIST_NONE, LIST_HIGHLIGHTS, LIST_BOOKMARKS, LIST_EXPORT };

struct annot_ui {
	struct annot_store *store; /* NULL: no database (why in dberr) */
	char dberr[600];
	int64_t doc_id; /* 0: the document is not in the database */
	struct annot_list hl;
	struct annot_bookmarks bm;

	struct selection sel;
	int goal_col; /* column kept by j/k, -1 none */
	bool pressed; /* mouse button 1 is down in the reading pane */
	size_t press_off;
	int64_t last_made; /* the highlight made last (a and 1-4 act on it), 0 none */
	int64_t undo_id;   /* the last deleted highlight (u), 0 none */
	int64_t undo_bm;   /* unused: bookmarks are deleted for good */

	/* note editor */
	bool editing;
	struct noteedit ed;
	int64_t edit_id;
	size_t ed_first;

	/* list over the reading pane */
	enum list_kind list;
	struct listmodel lm;
	/* selection made before H was opened (Enter on an orphan re-attaches to it) */
	bool have_reattach;
	size_t reattach_start, reattach_end;

	/* export: format chosen, waiting for y/n before overwriting */
	bool confirm;
	enum export_format exp_fmt;
	char *exp_path;

	/* drawing: highlights that touch the view */
	size_t view_first, view_last; /* indexes in hl.v, [first, last) */
	size_t sel_a, sel_b;          /* the selection's range, sel_a == sel_b none */
};

static struct annot_ui *
aui(struct ui *ui)
{
	if (!ui->annot)
		ui->annot = xcalloc(1, sizeof(struct annot_ui));
	return ui->annot;
}

static void
no_db_message(struct ui *ui)
{
	struct annot_ui *a = aui(ui);

	ui_message(ui, true, "%s", a->dberr[0] ? a->dberr : "no notes database");
}

static void shorten_path(char *msg, size_t size);

/* A database error on the status line, its path written short. */
static void
db_error(struct ui *ui, struct diag *dg)
{
	shorten_path(dg->msg, sizeof(dg->msg));
	ui_message(ui, true, "%s", dg->msg);
}

static bool
have_doc(struct ui *ui)
{
	struct annot_ui *a = aui(ui);

	if (!a->store || !a->doc_id) {
		no_db_message(ui);
		return false;
	}
	return true;
}

static void
reload(struct ui *ui)
{
	struct annot_ui *a = aui(ui);
	struct diag dg = {0};

	if (!a->store || !a->doc_id)
		return;
	annot_list_fini(&a->hl); /* the list calls overwrite what they are given */
	annot_bookmarks_fini(&a->bm);
	if (annot_highlight_list(a->store, a->doc_id, ui->doc, &a->hl, &dg) != OK)
		db_error(ui, &dg);
	memset(&dg, 0, sizeof(dg));
	if (annot_bookmark_list(a->store, a->doc_id, ui->doc, &a->bm, &dg) != OK)
		db_error(ui, &dg);
	listmodel_set_rows(&a->lm, a->list == LIST_HIGHLIGHTS  ? a->hl.n
				   : a->list == LIST_BOOKMARKS ? a->bm.n
							       : a->lm.rows);
	ui_dirty_all(ui);
}

static size_t
hl_index(struct annot_ui *a, int64_t id)
{
	size_t i;

	for (i = 0; i < a->hl.n; i++)
		if (a->hl.v[i].id == id)
			return i;
	return NPOS;
}

/* ---------- database ---------- */

/* msg with the database's long path written short (~/… or …/dir/file), so that what is
 * wrong fits on the status line. */
static void
shorten_path(char *msg, size_t size)
{
	char *path = annot_default_path(false), *at, *tail;
	const char *home = getenv("HOME");
	char *shortp;

	if (!path)
		return;
	at = strstr(msg, path);
	if (!at) {
		free(path);
		return;
	}
	if (home && *home && strncmp(path, home, strlen(home)) == 0 && path[strlen(home)] == '/')
		shortp = xasprintf("~%s", path + strlen(home));
	else {
		char *slash = strrchr(path, '/'), *prev = NULL;

		if (slash && slash > path)
			for (prev = slash - 1; prev > path && *prev != '/'; prev--)
				;
		shortp = prev && prev > path ? xasprintf("…%s", prev) : xstrdup(path);
	}
	tail = xstrdup(at + strlen(path));
	snprintf(at, size - (size_t)(at - msg), "%s%s", shortp, tail);
	free(tail);
	free(shortp);
	free(path);
}

void
annot_ui_init(struct ui *ui)
{
	struct annot_ui *a = aui(ui);
	struct diag dg = {0};

	a->goal_col = -1;
	listmodel_init(&a->lm);
	if (annot_store_open(NULL, &a->store, &dg) != OK) {
		a->store = NULL;
		shorten_path(dg.msg, sizeof(dg.msg));
		snprintf(a->dberr, sizeof(a->dberr), "%s; reading without notes", dg.msg);
	} else if (dg.msg[0]) {
		shorten_path(dg.msg, sizeof(dg.msg));
		snprintf(a->dberr, sizeof(a->dberr), "%s", dg.msg); /* read-only */
	}
}

char *
annot_ui_last_path(struct ui *ui)
{
	struct annot_ui *a = aui(ui);
	struct diag dg = {0};
	char *p = NULL;

	if (!a->store || annot_last_path(a->store, &p, &dg) != OK || !p)
		return NULL;
	if (access(p, R_OK) != 0) {
		free(p);
		return NULL;
	}
	return p;
}

void
annot_ui_open_doc(struct ui *ui)
{
	struct annot_ui *a = aui(ui);
	struct annot_docref ref;
	struct diag dg = {0};

	if (!a->store) {
		ui_message(ui, true, "%s", a->dberr);
		return;
	}
	if (annot_doc_open(a->store, ui->doc, true, &ref, &dg) != OK) {
		db_error(ui, &dg);
		return;
	}
	a->doc_id = ref.id;
	if (!a->doc_id) { /* read-only database that does not know this document */
		ui_message(ui, true, "%s", a->dberr[0] ? a->dberr : "document not in the database");
		return;
	}
	reload(ui);
	if (a->dberr[0])
		ui_message(ui, true, "%s", a->dberr);
	else if (ref.how == ANNOT_DOC_CHANGED &&
		 ref.n_exact + ref.n_moved + ref.n_fuzzy + ref.n_orphans) {
		if (ref.n_orphans)
			ui_message(
			    ui, true,
			    "text changed: %zu highlight%s orphaned (H lists them), %zu placed",
			    ref.n_orphans, ref.n_orphans == 1 ? "" : "s",
			    ref.n_exact + ref.n_moved + ref.n_fuzzy);
		else
			ui_message(
			    ui, false,
			    "text changed: %zu highlight%s re-anchored (%zu moved, %zu fuzzy)",
			    ref.n_exact + ref.n_moved + ref.n_fuzzy,
			    ref.n_exact + ref.n_moved + ref.n_fuzzy == 1 ? "" : "s", ref.n_moved,
			    ref.n_fuzzy);
	}
}

static bool
is_stdin(struct ui *ui)
{
	return !ui->doc->path || strcmp(ui->doc->path, "-") == 0;
}

bool
annot_ui_position(struct ui *ui, size_t *off)
{
	struct annot_ui *a = aui(ui);
	struct diag dg = {0};
	bool found = false;

	if (!a->store || !a->doc_id || is_stdin(ui))
		return false;
	if (annot_position_get(a->store, a->doc_id, ui->doc, off, &found, &dg) != OK)
		return false;
	return found;
}

bool
annot_ui_position_hint(struct ui *ui, size_t *off)
{
	struct annot_ui *a = aui(ui);
	struct diag dg = {0};
	bool found = false;

	if (!a->store || !ui->doc_key)
		return false;
	if (annot_position_by_path(a->store, ui->doc_key, off, &found, &dg) != OK)
		return false;
	return found;
}

bool
annot_ui_save_position(struct ui *ui)
{
	struct annot_ui *a = aui(ui);
	struct diag dg = {0};

	if (!a->store || !a->doc_id || annot_store_readonly(a->store))
		return false;
	if (is_stdin(ui))
		return true; /* standard input: its notes are kept (by text), not its position */
	return annot_position_set(a->store, a->doc_id, ui->doc, ui->rd.cur_off, &dg) == OK;
}

void
annot_ui_free(struct ui *ui)
{
	struct annot_ui *a = ui->annot;

	if (!a)
		return;
	annot_list_fini(&a->hl);
	annot_bookmarks_fini(&a->bm);
	if (a->editing)
		noteedit_fini(&a->ed);
	free(a->exp_path);
	annot_store_close(a->store);
	free(a);
	ui->annot = NULL;
}

/* ---------- cursor ---------- */

static const struct layout_line *
cur_line(struct ui *ui)
{
	return layout_line_at(ui->lay, ui->rd.cur);
}

/* Put the cursor on byte offset off (a visible grapheme), scrolling as needed. */
static void
cursor_to(struct ui *ui, size_t off, bool forward)
{
	struct annot_ui *a = aui(ui);
	size_t h = ui->rd.height ? ui->rd.height : 1;

	reader_goto(&ui->rd, off, forward ? h - 1 : 0);
	ui->rd.cur_off = off;
	if (a->sel.active)
		a->sel.cursor = off;
	a->goal_col = -1;
}

/* The cursor's offset made valid for a character cursor (on a visible grapheme of its line). */
static size_t
cursor_off(struct ui *ui)
{
	const struct layout_line *l = cur_line(ui);
	size_t off = ui->rd.cur_off;

	if (l && l->start == l->end) /* a blank spacer line: the end of the block above */
		return sel_visible(ui->doc, off);
	if (l && (off < l->start || off >= l->end))
		off = l->start;
	return sel_visible(ui->doc, off);
}

static int
move_lines(struct ui *ui, enum cmd c)
{
	struct annot_ui *a = aui(ui);
	const struct layout_line *l = cur_line(ui);
	int goal = a->goal_col;

	if (goal < 0)
		goal = l ? sel_line_col(ui->lay, l, cursor_off(ui)) : 0;
	reader_move(&ui->rd, c == CMD_LINE_DOWN ? 1 : -1);
	l = cur_line(ui);
	if (l && l->start < l->end)
		ui->rd.cur_off = sel_line_off(ui->lay, l, goal);
	a->goal_col = goal;
	if (a->sel.active)
		a->sel.cursor = cursor_off(ui);
	return UI_HANDLED | UI_REDRAW;
}

static int
move_cursor(struct ui *ui, enum cmd c)
{
	const struct doc *d = ui->doc;
	size_t off = cursor_off(ui), n = off;
	const struct layout_line *l = cur_line(ui);
	bool fwd = true;

	switch (c) {
	case CMD_CURSOR_LEFT:
		n = sel_grapheme_prev(d, off);
		fwd = false;
		break;
	case CMD_CURSOR_RIGHT:
		n = sel_grapheme_next(d, off);
		break;
	case CMD_WORD_NEXT:
		n = sel_word_next(d, off);
		break;
	case CMD_WORD_PREV:
		n = sel_word_prev(d, off);
		fwd = false;
		break;
	case CMD_SENTENCE_NEXT:
		n = sel_sentence_next(d, off);
		break;
	case CMD_SENTENCE_PREV:
		n = sel_sentence_prev(d, off);
		fwd = false;
		break;
	case CMD_PARAGRAPH_NEXT:
		n = sel_paragraph_next(d, off);
		break;
	case CMD_PARAGRAPH_PREV:
		n = sel_paragraph_prev(d, off);
		fwd = false;
		break;
	case CMD_LINE_START:
		n = l && l->start < l->end ? sel_visible(d, l->start) : off;
		fwd = false;
		break;
	case CMD_LINE_END:
		n = l && l->start < l->end ? sel_line_last(ui->lay, l) : off;
		break;
	default:
		return 0;
	}
	cursor_to(ui, n, fwd);
	return UI_HANDLED | UI_REDRAW;
}

/* ---------- highlights ---------- */

/* The highlight the note/colour/delete keys act on: under the cursor, else the one just
 * made. NPOS when none. */
static size_t
target(struct ui *ui)
{
	struct annot_ui *a = aui(ui);
	size_t i = annot_highlight_at(&a->hl, cursor_off(ui));

	if (i == NPOS && a->last_made)
		i = hl_index(a, a->last_made);
	return i;
}

static bool
make_highlight(struct ui *ui, int color)
{
	struct annot_ui *a = aui(ui);
	struct diag dg = {0};
	size_t s, e;
	int64_t id;

	if (!sel_range(ui->doc, &a->sel, &s, &e))
		return false;
	if (!have_doc(ui))
		return false;
	if (annot_highlight_add(a->store, a->doc_id, ui->doc, s, e, color, NULL, &id, &dg) != OK) {
		db_error(ui, &dg);
		return false;
	}
	a->sel.active = false;
	a->last_made = id;
	reload(ui);
	ui_message(ui, false, "highlighted (%s) · a note · 1-4 colour · d delete",
		   annot_color_name(color));
	return true;
}

static void
editor_open(struct ui *ui, size_t i)
{
	struct annot_ui *a = aui(ui);

	if (a->editing)
		noteedit_fini(&a->ed);
	noteedit_init(&a->ed, a->hl.v[i].note);
	a->edit_id = a->hl.v[i].id;
	a->editing = true;
	a->ed_first = 0;
	ui->msg[0] = '\0';
	ui->status_dirty = true;
}

static void
editor_close(struct ui *ui)
{
	struct annot_ui *a = aui(ui);

	if (a->editing)
		noteedit_fini(&a->ed);
	a->editing = false;
	ui->status_dirty = true;
}

static void
editor_save(struct ui *ui)
{
	struct annot_ui *a = aui(ui);
	struct diag dg = {0};

	if (!a->store) {
		no_db_message(ui); /* the note stays in the editor */
		return;
	}
	if (annot_highlight_set_note(a->store, a->edit_id, a->ed.s, &dg) != OK) {
		shorten_path(dg.msg, sizeof(dg.msg));
		ui_message(ui, true, "%s (the note is kept: Enter retries, Esc drops it)", dg.msg);
		return;
	}
	editor_close(ui);
	reload(ui);
	ui_message(ui, false, "note saved");
}

static int
delete_highlight(struct ui *ui, size_t i)
{
	struct annot_ui *a = aui(ui);
	struct diag dg = {0};
	int64_t id = a->hl.v[i].id;

	if (annot_highlight_delete(a->store, id, &dg) != OK) {
		db_error(ui, &dg);
		return UI_HANDLED | UI_REDRAW;
	}
	a->undo_id = id;
	if (a->last_made == id)
		a->last_made = 0;
	reload(ui);
	ui_message(ui, false, "highlight deleted · u undoes");
	return UI_HANDLED | UI_REDRAW;
}

static int
undo(struct ui *ui)
{
	struct annot_ui *a = aui(ui);
	struct diag dg = {0};

	if (!a->undo_id) {
		ui_message(ui, false, "nothing to undo");
		return UI_HANDLED | UI_REDRAW;
	}
	if (!have_doc(ui))
		return UI_HANDLED | UI_REDRAW;
	if (annot_highlight_undelete(a->store, a->undo_id, &dg) != OK) {
		db_error(ui, &dg);
		return UI_HANDLED | UI_REDRAW;
	}
	a->last_made = a->undo_id;
	a->undo_id = 0;
	reload(ui);
	ui_message(ui, false, "highlight restored");
	return UI_HANDLED | UI_REDRAW;
}

static int
set_color(struct ui *ui, int color)
{
	struct annot_ui *a = aui(ui);
	struct diag dg = {0};
	size_t i;

	if (a->sel.active) {
		make_highlight(ui, color);
		return UI_HANDLED | UI_REDRAW;
	}
	i = target(ui);
	if (i == NPOS) {
		ui_message(ui, false, "no highlight here (v selects, Enter highlights)");
		return UI_HANDLED | UI_REDRAW;
	}
	if (!have_doc(ui))
		return UI_HANDLED | UI_REDRAW;
	if (annot_highlight_set_color(a->store, a->hl.v[i].id, color, &dg) != OK) {
		db_error(ui, &dg);
		return UI_HANDLED | UI_REDRAW;
	}
	reload(ui);
	ui_message(ui, false, "colour %s", annot_color_name(color));
	return UI_HANDLED | UI_REDRAW;
}

/* ---------- lists ---------- */

static void
list_open(struct ui *ui, enum list_kind k, size_t rows)
{
	struct annot_ui *a = aui(ui);

	a->list = k;
	listmodel_init(&a->lm);
	listmodel_set_rows(&a->lm, rows);
	ui_dirty_all(ui);
}

static void
list_close(struct ui *ui)
{
	struct annot_ui *a = aui(ui);
	struct pane *p = &ui->panes[PANE_READ];

	a->list = LIST_NONE;
	a->have_reattach = false;
	if (p->win)
		touchwin(p->win);
	ui_dirty_all(ui);
}

static int
bookmark_add(struct ui *ui)
{
	struct annot_ui *a = aui(ui);
	struct diag dg = {0};
	int64_t id;

	if (!have_doc(ui))
		return UI_HANDLED | UI_REDRAW;
	if (annot_bookmark_add(a->store, a->doc_id, ui->doc, cursor_off(ui), NULL, &id, &dg) !=
	    OK) {
		db_error(ui, &dg);
		return UI_HANDLED | UI_REDRAW;
	}
	reload(ui);
	ui_message(ui, false, "bookmark added (' lists them)");
	return UI_HANDLED | UI_REDRAW;
}

static char *
expand_home(const char *p)
{
	const char *home = getenv("HOME");

	if (p[0] == '~' && p[1] == '/' && home)
		return xasprintf("%s%s", home, p + 1);
	return xstrdup(p);
}

static void
export_write(struct ui *ui, bool force)
{
	struct annot_ui *a = aui(ui);
	struct diag dg = {0};
	struct export_opts eo = {0};
	struct buf b;
	enum status st;

	buf_init(&b);
	if (ui->ents) { /* the entities are tags once their extraction has finished */
		eo.entities = cli_entities_in_range;
		eo.entities_ctx = ui->ents;
	}
	export_render(a->exp_fmt, ui->doc, a->hl.v, a->hl.n, &eo, &b);
	st = export_write_file(a->exp_path, b.s ? b.s : "", b.len, force, &dg);
	buf_fini(&b);
	if (st == ERR_EXISTS && !force) {
		a->confirm = true;
		ui_message(ui, false, "%s exists: overwrite it? (y/n)", a->exp_path);
		return;
	}
	a->confirm = false;
	if (st != OK)
		db_error(ui, &dg);
	else
		ui_message(ui, false, "exported %zu highlight%s to %s", a->hl.n,
			   a->hl.n == 1 ? "" : "s", a->exp_path);
}

/* Where x writes format f: the document's base name in [export] directory, else here. */
static char *
export_path(struct ui *ui, enum export_format f)
{
	const char *dir = config_str(ui->cfg, CONFIG_EXPORT_DIRECTORY);
	char *d = dir && *dir ? expand_home(dir) : NULL;
	char *p = export_default_path(ui->doc, f, d);

	free(d);
	return p;
}

static void
export_start(struct ui *ui, enum export_format f)
{
	struct annot_ui *a = aui(ui);

	free(a->exp_path);
	a->exp_fmt = f;
	a->exp_path = export_path(ui, f);
	export_write(ui, false);
}

static int
list_activate(struct ui *ui)
{
	struct annot_ui *a = aui(ui);
	size_t i = a->lm.sel;
	struct diag dg = {0};

	if (a->list == LIST_EXPORT) {
		list_close(ui);
		export_start(ui, (enum export_format)i);
		return UI_HANDLED | UI_REDRAW;
	}
	if (a->list == LIST_BOOKMARKS) {
		if (i < a->bm.n) {
			size_t off = sel_visible(ui->doc, a->bm.v[i].offset);

			list_close(ui);
			reader_goto(&ui->rd, off, ui->rd.height / 3);
			ui->rd.cur_off = off;
		}
		return UI_HANDLED | UI_REDRAW;
	}
	if (i >= a->hl.n)
		return UI_HANDLED | UI_REDRAW;
	if (!a->hl.v[i].orphan) {
		size_t off = a->hl.v[i].anchor.start;

		list_close(ui);
		a->sel.active = false;
		reader_goto(&ui->rd, off, ui->rd.height / 3);
		ui->rd.cur_off = sel_visible(ui->doc, off);
		return UI_HANDLED | UI_REDRAW;
	}
	/* an orphan: re-attach it to the selection made before the list was opened */
	if (!a->have_reattach) {
		ui_message(ui, false,
			   "orphan: select its new place first (v + motions), then H, "
			   "then Enter on it");
		return UI_HANDLED | UI_REDRAW;
	}
	if (!have_doc(ui))
		return UI_HANDLED | UI_REDRAW;
	if (annot_highlight_reattach(a->store, a->hl.v[i].id, ui->doc, a->reattach_start,
				     a->reattach_end, &dg) != OK) {
		db_error(ui, &dg);
		return UI_HANDLED | UI_REDRAW;
	}
	a->sel.active = false;
	a->last_made = a->hl.v[i].id;
	list_close(ui);
	reload(ui);
	ui_message(ui, false, "re-attached to the selection");
	return UI_HANDLED | UI_REDRAW;
}

static int
list_command(struct ui *ui, enum cmd c)
{
	struct annot_ui *a = aui(ui);
	struct diag dg = {0};

	if (listmodel_command(&a->lm, c))
		return UI_HANDLED | UI_REDRAW;
	switch (c) {
	case CMD_ACTIVATE:
	case CMD_HIGHLIGHT:
		return list_activate(ui);
	case CMD_CANCEL:
	case CMD_QUIT:
	case CMD_HIGHLIGHTS:
	case CMD_BOOKMARKS:
	case CMD_EXPORT:
		list_close(ui);
		break;
	case CMD_NOTE:
		if (a->list == LIST_HIGHLIGHTS && a->lm.sel < a->hl.n)
			editor_open(ui, a->lm.sel);
		break;
	case CMD_DELETE:
		if (a->list == LIST_HIGHLIGHTS && a->lm.sel < a->hl.n)
			return delete_highlight(ui, a->lm.sel);
		if (a->list == LIST_BOOKMARKS && a->lm.sel < a->bm.n) {
			if (annot_bookmark_delete(a->store, a->bm.v[a->lm.sel].id, &dg) != OK)
				db_error(ui, &dg);
			else
				ui_message(ui, false, "bookmark deleted");
			reload(ui);
		}
		break;
	case CMD_UNDO:
		if (a->list == LIST_HIGHLIGHTS)
			return undo(ui);
		break;
	case CMD_COLOR_1:
	case CMD_COLOR_2:
	case CMD_COLOR_3:
	case CMD_COLOR_4:
		if (a->list == LIST_HIGHLIGHTS && a->lm.sel < a->hl.n && have_doc(ui)) {
			if (annot_highlight_set_color(a->store, a->hl.v[a->lm.sel].id,
						      (int)(c - CMD_COLOR_1) + 1, &dg) != OK)
				db_error(ui, &dg);
			reload(ui);
		}
		break;
	default:
		break;
	}
	ui_dirty_all(ui);
	return UI_HANDLED | UI_REDRAW;
}

/* ---------- $EDITOR ---------- */

static void
editor_external(struct ui *ui)
{
	struct annot_ui *a = aui(ui);
	const char *ed = config_str(ui->cfg, CONFIG_UI_EDITOR);
	char path[] = "/tmp/jingdu-note-XXXXXX";
	int fd, status = 0;
	pid_t pid;
	char *text = NULL;
	size_t len = 0;

	if (!ed || !*ed)
		ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed) {
		ui_message(ui, true, "no editor: set [ui] editor, $VISUAL or $EDITOR");
		return;
	}
	fd = mkstemp(path);
	if (fd < 0) {
		ui_message(ui, true, "cannot make a temporary file: %s", strerror(errno));
		return;
	}
	if (write(fd, a->ed.s, a->ed.len) != (ssize_t)a->ed.len) {
		close(fd);
		unlink(path);
		ui_message(ui, true, "cannot write a temporary file");
		return;
	}
	close(fd);
	def_prog_mode();
	endwin();
	pid = fork();
	if (pid == 0) {
		/* the editor command may carry arguments; the file is passed as "$1", never
		 * pasted into the command line */
		execl("/bin/sh", "sh", "-c", xasprintf("%s \"$1\"", ed), "sh", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		ui_message(ui, true, "the editor failed; the note is unchanged");
	} else if (read_file(path, &text, &len) == OK) {
		while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
			text[--len] = '\0';
		noteedit_set(&a->ed, text);
		free(text);
		ui_message(ui, false, "edited · Enter saves, Esc cancels");
	}
	unlink(path);
	ui_dirty_all(ui);
}

/* ---------- keys ---------- */

bool
annot_ui_modal(struct ui *ui)
{
	struct annot_ui *a = ui->annot;

	return a && (a->editing || a->confirm || a->list != LIST_NONE);
}

bool
annot_ui_editing(struct ui *ui)
{
	return ui->annot && ui->annot->editing;
}

static int
editor_key(struct ui *ui, int key)
{
	struct annot_ui *a = aui(ui);
	enum cmd c = keymap_lookup(ui->km, KEYMAP_PROMPT, key);

	switch (c) {
	case CMD_ACTIVATE:
		editor_save(ui);
		break;
	case CMD_CANCEL:
		editor_close(ui);
		ui_message(ui, false, "note not changed");
		break;
	case CMD_EDIT_LEFT:
		noteedit_left(&a->ed);
		break;
	case CMD_EDIT_RIGHT:
		noteedit_right(&a->ed);
		break;
	case CMD_EDIT_HOME:
		noteedit_home(&a->ed);
		break;
	case CMD_EDIT_END:
		noteedit_end(&a->ed);
		break;
	case CMD_EDIT_BACKSPACE:
		noteedit_backspace(&a->ed);
		break;
	case CMD_EDIT_DELETE:
		noteedit_delete(&a->ed);
		break;
	case CMD_EDIT_KILL_START:
		noteedit_kill_start(&a->ed);
		break;
	case CMD_EDIT_KILL_WORD:
		noteedit_kill_word(&a->ed);
		break;
	case CMD_EDIT_EXTERNAL:
		editor_external(ui);
		break;
	case CMD_NONE:
		if (key >= 0x20 && key < JKEY_SPECIAL && !(key >= 0x7f && key < 0xa0))
			noteedit_insert_cp(&a->ed, (unsigned)key);
		break;
	default:
		break;
	}
	ui->status_dirty = true;
	return UI_HANDLED;
}

int
annot_ui_key(struct ui *ui, int key)
{
	struct annot_ui *a = aui(ui);

	if (a->editing)
		return editor_key(ui, key);
	if (a->confirm) {
		a->confirm = false;
		if (key == 'y' || key == 'Y')
			export_write(ui, true);
		else
			ui_message(ui, false, "not exported: %s is unchanged", a->exp_path);
		return UI_HANDLED | UI_REDRAW;
	}
	if (a->list != LIST_NONE)
		return list_command(ui, keymap_lookup(ui->km, KEYMAP_LIST, key));
	return 0;
}

static bool
is_motion(enum cmd c)
{
	switch (c) {
	case CMD_PAGE_DOWN:
	case CMD_PAGE_UP:
	case CMD_HALF_PAGE_DOWN:
	case CMD_HALF_PAGE_UP:
	case CMD_SCROLL_DOWN:
	case CMD_SCROLL_UP:
	case CMD_START:
	case CMD_END:
	case CMD_NEXT_SECTION:
	case CMD_PREV_SECTION:
	case CMD_GOTO_SECTION:
	case CMD_NEXT_MATCH:
	case CMD_PREV_MATCH:
		return true;
	default:
		return false;
	}
}

int
annot_ui_command(struct ui *ui, enum cmd c, const char *arg)
{
	struct annot_ui *a = aui(ui);
	bool reading = ui->focus == PANE_READ;
	size_t i;

	if (annot_ui_modal(ui)) {
		if (a->list != LIST_NONE && !a->editing && !a->confirm)
			return list_command(ui, c);
		return 0;
	}
	switch (c) {
	case CMD_LINE_DOWN:
	case CMD_LINE_UP:
		if (!reading)
			return 0;
		return move_lines(ui, c);
	case CMD_CURSOR_LEFT:
	case CMD_CURSOR_RIGHT:
	case CMD_WORD_NEXT:
	case CMD_WORD_PREV:
	case CMD_SENTENCE_NEXT:
	case CMD_SENTENCE_PREV:
	case CMD_PARAGRAPH_NEXT:
	case CMD_PARAGRAPH_PREV:
	case CMD_LINE_START:
	case CMD_LINE_END:
		if (!reading)
			return 0;
		return move_cursor(ui, c);
	case CMD_SELECT:
		if (a->sel.active) {
			a->sel.active = false;
			ui_message(ui, false, "selection cancelled");
		} else {
			sel_start(&a->sel, cursor_off(ui));
			ui_message(ui, false,
				   "-- SELECT -- motions extend · Enter highlights · Esc");
		}
		return UI_HANDLED | UI_REDRAW;
	case CMD_HIGHLIGHT:
	case CMD_ACTIVATE:
		if (!reading || !a->sel.active)
			return 0;
		make_highlight(ui, 1);
		return UI_HANDLED | UI_REDRAW;
	case CMD_CANCEL:
		if (!a->sel.active)
			return 0;
		a->sel.active = false;
		ui->msg[0] = '\0';
		return UI_HANDLED | UI_REDRAW;
	case CMD_COLOR_1:
	case CMD_COLOR_2:
	case CMD_COLOR_3:
	case CMD_COLOR_4:
		return set_color(ui, (int)(c - CMD_COLOR_1) + 1);
	case CMD_NOTE:
		if (a->sel.active && !make_highlight(ui, 1))
			return UI_HANDLED | UI_REDRAW;
		i = target(ui);
		if (i == NPOS) {
			ui_message(ui, false, "no highlight here (v selects, Enter highlights)");
			return UI_HANDLED | UI_REDRAW;
		}
		editor_open(ui, i);
		return UI_HANDLED | UI_REDRAW;
	case CMD_DELETE:
		if (!reading)
			return 0;
		i = annot_highlight_at(&a->hl, cursor_off(ui));
		if (i == NPOS) {
			ui_message(ui, false, "no highlight under the cursor");
			return UI_HANDLED | UI_REDRAW;
		}
		if (!have_doc(ui))
			return UI_HANDLED | UI_REDRAW;
		return delete_highlight(ui, i);
	case CMD_UNDO:
		return undo(ui);
	case CMD_BOOKMARK:
		return bookmark_add(ui);
	case CMD_BOOKMARKS:
		if (!a->store || !a->doc_id) {
			no_db_message(ui);
			return UI_HANDLED | UI_REDRAW;
		}
		if (!a->bm.n) {
			ui_message(ui, false, "no bookmarks yet (m adds one)");
			return UI_HANDLED | UI_REDRAW;
		}
		list_open(ui, LIST_BOOKMARKS, a->bm.n);
		return UI_HANDLED | UI_REDRAW;
	case CMD_HIGHLIGHTS:
		if (!a->store || !a->doc_id) {
			no_db_message(ui);
			return UI_HANDLED | UI_REDRAW;
		}
		if (!a->hl.n) {
			ui_message(ui, false, "no highlights yet (v selects, Enter highlights)");
			return UI_HANDLED | UI_REDRAW;
		}
		a->have_reattach =
		    sel_range(ui->doc, &a->sel, &a->reattach_start, &a->reattach_end);
		list_open(ui, LIST_HIGHLIGHTS, a->hl.n);
		/* start on the highlight under the cursor, or the first orphan when reattaching */
		i = annot_highlight_at(&a->hl, cursor_off(ui));
		if (a->have_reattach)
			for (i = 0; i < a->hl.n && !a->hl.v[i].orphan; i++)
				;
		if (i != NPOS && i < a->hl.n)
			listmodel_select(&a->lm, i);
		return UI_HANDLED | UI_REDRAW;
	case CMD_EXPORT: {
		enum export_format f;

		if (arg && *arg) {
			if (!export_format_parse(arg, &f)) {
				ui_message(ui, true,
					   "export: unknown format %s (md json html org csv)", arg);
				return UI_HANDLED | UI_REDRAW;
			}
			export_start(ui, f);
			return UI_HANDLED | UI_REDRAW;
		}
		list_open(ui, LIST_EXPORT, EXPORT_CSV + 1);
		if (export_format_parse(config_str(ui->cfg, CONFIG_EXPORT_FORMAT), &f))
			listmodel_select(&a->lm, (size_t)f);
		return UI_HANDLED | UI_REDRAW;
	}
	default:
		break;
	}
	if (reading && is_motion(c)) {
		/* let the pane (or ui.c) move, then keep the selection on the cursor */
		a->goal_col = -1;
		return 0;
	}
	return 0;
}

/* ---------- mouse ---------- */

/* Columns of blank that centre a text narrower than the reading pane (as pane_read.c draws). */
static int
text_pad(struct ui *ui)
{
	int cw = ui->panes[PANE_READ].w - 2, max = layout_get_opts(ui->lay)->max_width;

	return max > 0 && max < cw ? (cw - max) / 2 : 0;
}

static bool
offset_at(struct ui *ui, int y, int x, size_t *off)
{
	struct layout_pos p = ui->rd.top;
	const struct layout_line *l;
	int i;

	if (y < 1)
		return false;
	for (i = 1; i < y; i++)
		if (!layout_pos_next(ui->lay, &p))
			return false;
	l = layout_line_at(ui->lay, p);
	if (!l)
		return false;
	x -= 1 + text_pad(ui);
	*off = l->start < l->end ? sel_line_off(ui->lay, l, x < 0 ? 0 : x)
				 : sel_visible(ui->doc, l->start);
	return true;
}

bool
annot_ui_dragging(struct ui *ui)
{
	return ui->annot && ui->annot->pressed;
}

int
annot_ui_drag(struct ui *ui, int y, int x, mmask_t bstate)
{
	struct pane *p = &ui->panes[PANE_READ];

	if (!annot_ui_dragging(ui) || !p->shown)
		return 0;
	return annot_ui_mouse(ui, p, y - p->y, x - p->x, bstate) | UI_HANDLED;
}

int
annot_ui_mouse(struct ui *ui, struct pane *p, int y, int x, mmask_t bstate)
{
	struct annot_ui *a = aui(ui);
	size_t off;

	if (annot_ui_modal(ui))
		return UI_HANDLED;
	/* a drag may leave the pane: hold it to the text area */
	if (y < 1)
		y = 1;
	if (y > p->h - 2)
		y = p->h - 2;
	if (x < 1)
		x = 1;
	if (bstate & BUTTON1_PRESSED) {
		if (!offset_at(ui, y, x, &off))
			return 0;
		a->pressed = true;
		a->press_off = off;
		a->sel.active = false;
		cursor_to(ui, off, true);
		return UI_HANDLED | UI_REDRAW;
	}
	if ((bstate & REPORT_MOUSE_POSITION) && a->pressed) {
		if (!offset_at(ui, y, x, &off))
			return UI_HANDLED;
		if (off != a->press_off) {
			if (!a->sel.active)
				sel_start(&a->sel, a->press_off);
			cursor_to(ui, off, off > a->press_off);
		}
		return UI_HANDLED | UI_REDRAW;
	}
	if (bstate & BUTTON1_RELEASED) {
		if (a->pressed && offset_at(ui, y, x, &off) && off != a->press_off) {
			if (!a->sel.active)
				sel_start(&a->sel, a->press_off);
			cursor_to(ui, off, off > a->press_off);
		}
		a->pressed = false;
		if (a->sel.active)
			ui_message(ui, false, "-- SELECT -- Enter highlights · Esc");
		return UI_HANDLED | UI_REDRAW;
	}
	return 0;
}

/* ---------- drawing ---------- */

void
annot_ui_draw_begin(struct ui *ui, size_t va, size_t vb)
{
	struct annot_ui *a = aui(ui);
	size_t i;

	if (a->sel.active)
		a->sel.cursor = cursor_off(ui);
	a->view_first = a->view_last = 0;
	for (i = 0; i < a->hl.n && !a->hl.v[i].orphan && a->hl.v[i].anchor.start < vb; i++)
		if (a->hl.v[i].anchor.end > va) {
			if (a->view_last == 0)
				a->view_first = i;
			a->view_last = i + 1;
		}
	a->sel_a = a->sel_b = 0;
	if (!sel_range(ui->doc, &a->sel, &a->sel_a, &a->sel_b))
		a->sel_a = a->sel_b = 0;
}

attr_t
annot_ui_cell_attr(struct ui *ui, const struct layout_cell *c, attr_t at, bool cursor_line,
		   bool over)
{
	struct annot_ui *a = aui(ui);
	size_t i;

	if (over)
		goto over;
	for (i = a->view_first; i < a->view_last; i++) {
		const struct annot_highlight *h = &a->hl.v[i];

		if (!h->orphan && h->anchor.start < c->end && c->off < h->anchor.end) {
			int col = h->color >= 1 && h->color <= 4 ? h->color : 1;

			at = ui_attr(ui, (enum ui_style)(ST_HL1 + col - 1));
			if (h->note[0] && c->end >= h->anchor.end)
				at |=
				    A_UNDERLINE; /* the last character of a highlight with a note */
		}
	}
	return at;
over:
	if (a->sel_a < a->sel_b && c->off < a->sel_b && a->sel_a < c->end)
		at = ui_attr(ui, ST_TEXT_SELECTION);
	/* the cursor cell, unless it is in the current search match (which shows the place) */
	if (cursor_line && ui->focus == PANE_READ && !annot_ui_modal(ui) &&
	    c->off <= ui->rd.cur_off && ui->rd.cur_off < c->end &&
	    !(ui->match_start != NPOS && ui->match_start <= ui->rd.cur_off &&
	      ui->rd.cur_off < ui->match_end))
		at ^= A_REVERSE;
	return at;
}

void
annot_ui_draw_row(struct ui *ui, struct pane *p, int y, const struct layout_line *l)
{
	struct annot_ui *a = aui(ui);
	size_t i;

	if (!l || l->start == l->end)
		return;
	/* a note marker in the left border on the line where a highlight with a note ends */
	for (i = a->view_first; i < a->view_last; i++) {
		const struct annot_highlight *h = &a->hl.v[i];
		size_t last = h->anchor.end > 0 ? h->anchor.end - 1 : 0;

		if (h->note[0] && last >= l->start && last < l->end) {
			/* beside the text when it is centred, else in the border */
			ui_put(p->win, 1 + y, text_pad(ui), 1, "*", 1, ST_NOTE_MARKER,
			       ui_attr(ui, ST_NOTE_MARKER));
			return;
		}
	}
}

static int
str_width(const char *s, size_t n)
{
	return ui_str_width(s, n);
}

bool
annot_ui_draw_status(struct ui *ui, WINDOW *w)
{
	struct annot_ui *a = ui->annot;
	const char *label = "note: ";
	int lw, room, col;
	attr_t pa;

	if (!a || !a->editing)
		return false;
	pa = ui_attr(ui, ST_PROMPT);
	wattrset(w, pa);
	wbkgdset(w, ' ' | pa);
	werase(w);
	lw = ui_put(w, 0, 0, ui->cols, label, strlen(label), ST_PROMPT, pa | A_BOLD);
	room = ui->cols - lw - 1;
	if (ui->msg[0] && ui->msg_error) {
		/* the error takes the line's right part; the note keeps at least half */
		int mw = ui_str_width(ui->msg, strlen(ui->msg));
		int keep = room / 2 > 10 ? room / 2 : room;

		if (mw > room - keep)
			mw = room - keep;
		if (mw > 4) {
			ui_put(w, 0, ui->cols - mw, mw, ui->msg, strlen(ui->msg), ST_STATUS_ERROR,
			       ui_attr(ui, ST_STATUS_ERROR));
			room -= mw + 1;
		}
	}
	if (room < 1)
		room = 1;
	noteedit_view(&a->ed, room, str_width, &a->ed_first, &col);
	ui_put(w, 0, lw, room, a->ed.s + a->ed_first, a->ed.len - a->ed_first, ST_PROMPT, pa);
	wmove(w, 0, lw + col < ui->cols ? lw + col : ui->cols - 1);
	return true;
}

static void
row_text(struct ui *ui, size_t i, struct buf *b)
{
	struct annot_ui *a = aui(ui);

	if (a->list == LIST_EXPORT) {
		static const char *names[] = {"Markdown", "JSON (W3C Web Annotation)",
					      "HTML (one page)", "org-mode", "CSV (Readwise)"};
		char *p = export_path(ui, (enum export_format)i);

		buf_addf(b, "%-5s %-26s %s", export_format_name((enum export_format)i), names[i],
			 p);
		free(p);
	} else if (a->list == LIST_BOOKMARKS) {
		const struct annot_bookmark *m = &a->bm.v[i];
		size_t sec = doc_section_at(ui->doc, m->offset);

		buf_addf(
		    b, "%s %3d%%  ", m->orphan ? "?" : " ",
		    (int)(ui->doc->len ? (double)m->offset * 100.0 / (double)ui->doc->len : 0));
		if (sec != NPOS)
			buf_addf(b, "[%s] ", ui->doc->sections[sec].title);
		buf_adds(b, m->label);
	} else {
		const struct annot_highlight *h = &a->hl.v[i];
		const char *q = h->anchor.quote;
		size_t k;

		if (h->orphan)
			buf_adds(b, "ORPHAN ");
		else {
			size_t sec = doc_section_at(ui->doc, h->anchor.start);

			if (sec != NPOS && ui->doc->sections[sec].number)
				buf_addf(b, "%02d ", ui->doc->sections[sec].number);
			if (h->how == ANCHOR_FUZZY)
				buf_addf(b, "~%.0f%% ", h->score * 100);
		}
		buf_addf(b, "%s ", annot_color_name(h->color));
		buf_adds(b, "「");
		for (k = 0; q[k]; k++)
			buf_addc(b, q[k] == '\n' ? ' ' : q[k]);
		buf_adds(b, "」");
		if (h->note[0]) {
			buf_adds(b, " ✎ ");
			for (k = 0; h->note[k]; k++)
				buf_addc(b, h->note[k] == '\n' ? ' ' : h->note[k]);
		}
	}
}

void
annot_ui_draw_overlay(struct ui *ui)
{
	struct annot_ui *a = ui->annot;
	struct pane *rp = &ui->panes[PANE_READ], fake;
	WINDOW *win;
	int h, w, y;
	const char *title;
	char right[64];

	if (!a || a->list == LIST_NONE || !rp->win || ui->too_small)
		return;
	h = rp->h;
	w = rp->w;
	win = newwin(h, w, rp->y, rp->x);
	if (!win)
		return;
	memset(&fake, 0, sizeof(fake));
	wbkgdset(win, ' ' | ui_attr(ui, ST_TEXT));
	werase(win);
	fake.win = win;
	fake.h = h;
	fake.w = w;
	title = a->list == LIST_HIGHLIGHTS
		    ? "Highlights · Enter jump (orphan: re-attach) · a note · d delete · u undo"
		: a->list == LIST_BOOKMARKS ? "Bookmarks · Enter jump · d delete"
					    : "Export as · Enter writes";
	snprintf(right, sizeof(right), "%zu/%zu", a->lm.rows ? a->lm.sel + 1 : 0, a->lm.rows);
	ui_box(ui, &fake, title, right);
	listmodel_set_height(&a->lm, h > 2 ? (size_t)(h - 2) : 1);
	for (y = 0; y + 2 < h; y++) {
		size_t i = listmodel_item_at(&a->lm, (size_t)y);
		struct buf b;
		enum ui_style st = ST_TEXT;
		attr_t at;

		if (i == (size_t)-1 || i >= a->lm.rows)
			break;
		buf_init(&b);
		row_text(ui, i, &b);
		if (a->list == LIST_HIGHLIGHTS && i < a->hl.n) {
			int c =
			    a->hl.v[i].color >= 1 && a->hl.v[i].color <= 4 ? a->hl.v[i].color : 1;

			st = a->hl.v[i].orphan ? ST_DIM : (enum ui_style)(ST_HL1 + c - 1);
		}
		at = i == a->lm.sel ? ui_attr(ui, ST_SELECTION) : ui_attr(ui, st);
		if (i == a->lm.sel) {
			int k;

			wattrset(win, at);
			for (k = 1; k < w - 1; k++)
				mvwaddch(win, 1 + y, k, ' ');
		}
		ui_put(win, 1 + y, 2, w - 4, b.s ? b.s : "", b.len,
		       i == a->lm.sel ? ST_SELECTION : st, at);
		buf_fini(&b);
	}
	wnoutrefresh(win);
	delwin(win);
}
