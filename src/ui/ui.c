/* ui.c — the terminal reader and the sole owner of curses: terminal setup (newterm on /dev/tty
 * when standard input is the article), colour pairs, pane geometry, the input loop (key →
 * keymap → command → focused pane, then the global handler), the `/` `\` `:` prompt, the help
 * screen, the status line, and the one doupdate() per loop iteration. */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "jingdu/readpos.h"
#include "jingdu/ui.h"
#include "jingdu/embedded.h"
#include "jingdu/util.h"
#include "ui_private.h"
#include "annot_ui.h"

#define PROBE_TIMEOUT_MS 150 /* for the terminal's answer about ambiguous width */
#define MIN_COLS 20
#define MIN_ROWS 5
#define SAVE_EVERY_SEC 5

static SCREEN *ui_screen;
static double ui_t_loaded; /* when the document was loaded (bench) */

/* Entity extraction runs in a thread so the first screen does not wait for it (it reads the
 * immutable document only; the UI touches no entity function until it has finished). */
struct ent_job {
	const struct doc *doc;
	struct entity_opts eo;
	struct entity_set *out;
	enum status st;
	atomic_bool done;
	pthread_t thread;
};

/* A long file: the first HEAD_BYTES are loaded and shown at once (doc_load_file_head) while
 * this thread loads the whole file; load_collect() then puts the whole document in place of
 * the first part, keeping the reader's place (the part's text is a prefix of the whole's). */
#define HEAD_BYTES ((size_t)128 * 1024)
/* What the status line says while a command waits for the whole document */
#define LOADING_MSG "loading the whole document…"
/* Files up to this size are loaded whole before the first screen (~10 ms). */
#define PART_MIN_FILE ((size_t)1024 * 1024)
/* Below the end of the part, a move forward runs at once while more than this is left. */
#define HEAD_MARGIN ((size_t)16 * 1024)

struct load_job {
	char *path;
	const char *encoding; /* borrowed from the options */
	struct doc *doc;
	enum status st;
	atomic_bool done;
	pthread_t thread;
	size_t origin;    /* cur_off when the first part was shown: has the reader moved? */
	long delay_ms;    /* JINGDU_TEST_LOAD_DELAY_MS: a slow disk, for the e2e tests */
	bool started;     /* the thread runs (started after the first screen is drawn, so that
			   * its big allocations do not slow that screen down) */
	long long size;   /* the file's size, for the status line */
};

static bool ents_collect(struct ui *ui, bool wait);
static void ents_start(struct ui *ui);
static enum status load_collect(struct ui *ui, bool wait);
static void load_job_free(struct load_job *job);
static void load_begin(struct ui *ui);
static FILE *ui_tty_in, *ui_tty_out;

/* ---------- services for the panes ---------- */

void
ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof(ui->msg), fmt, ap);
	va_end(ap);
	ui->msg_error = error;
	ui->status_dirty = true;
}

void
ui_dirty_all(struct ui *ui)
{
	int i;

	for (i = 0; i < PANE_COUNT; i++)
		ui->panes[i].dirty = true;
	ui->status_dirty = true;
}

size_t
ui_current_section(struct ui *ui)
{
	size_t s = doc_section_at(ui->doc, ui->rd.cur_off);

	return s == NPOS ? 0 : s;
}

void
ui_jump_section(struct ui *ui, size_t sec)
{
	if (sec >= ui->doc->n_sections)
		return;
	reader_goto_top(&ui->rd, ui->doc->sections[sec].start);
	ui_dirty_all(ui);
}

void
ui_focus(struct ui *ui, int pane)
{
	int old = ui->focus;

	if (pane == old)
		return;
	ui->focus = pane;
	if (ui->panes[old].ops->focus)
		ui->panes[old].ops->focus(ui, &ui->panes[old], false);
	if (ui->panes[pane].ops->focus)
		ui->panes[pane].ops->focus(ui, &ui->panes[pane], true);
	ui_dirty_all(ui);
}

static void *
retire_thread(void *arg)
{
	layout_free(arg);
	return NULL;
}

static void
ui_retire_wait(struct ui *ui)
{
	if (ui->retiring) {
		pthread_join(ui->retire_thread, NULL);
		ui->retiring = false;
	}
}

void
ui_layout_retire(struct ui *ui, struct layout *old)
{
	ui_retire_wait(ui);
	if (pthread_create(&ui->retire_thread, NULL, retire_thread, old) == 0)
		ui->retiring = true;
	else
		layout_free(old);
}

/* ---------- geometry ---------- */

static void
pane_place(struct ui *ui, struct pane *p, int y, int x, int h, int w)
{
	p->y = y;
	p->x = x;
	p->h = h;
	p->w = w;
	if (p->win) {
		delwin(p->win);
		p->win = NULL;
	}
	if (h > 0 && w > 0 && (p->win = newwin(h, w, y, x)))
		wbkgdset(p->win, ' ' | ui_attr(ui, ST_TEXT));
	p->dirty = true;
}

/* Widths of the side panes in the wide layout. */
static void
side_widths(const struct ui *ui, int cols, int *sw, int *ew)
{
	*sw = ui->hide_sections ? 0 : cols * ui->sections_pct / 100;
	*ew = ui->hide_entities ? 0 : cols * ui->entities_pct / 100;
	if (*sw + *ew > cols - MIN_COLS) /* the reading pane keeps room */
		*sw = *ew = 0;
}

/* The text width of the reading pane on a terminal of cols columns (inside its border). */
static int
reading_width(const struct ui *ui, int cols)
{
	int sw = 0, ew = 0;

	if (cols >= ui->overlay_below)
		side_widths(ui, cols, &sw, &ew);
	return cols - sw - ew - 2 > 0 ? cols - sw - ew - 2 : 1;
}

static void
ui_geometry(struct ui *ui)
{
	int rows, cols, h, sw, ew, rw;
	struct pane *ps = &ui->panes[PANE_SECTIONS], *pr = &ui->panes[PANE_READ],
		    *pe = &ui->panes[PANE_ENTITIES];

	getmaxyx(stdscr, rows, cols);
	ui->rows = rows;
	ui->cols = cols;
	ui->too_small = cols < MIN_COLS || rows < MIN_ROWS;
	if (ui->status) {
		delwin(ui->status);
		ui->status = NULL;
	}
	if (ui->too_small) {
		int i;

		for (i = 0; i < PANE_COUNT; i++)
			ui->panes[i].shown = false;
		return;
	}
	ui->status = newwin(1, cols, rows - 1, 0);
	if (ui->status) /* keys are read through it: it needs the keypad too */
		keypad(ui->status, TRUE);
	h = rows - 1;
	ui->narrow = cols < ui->overlay_below;
	if (ui->narrow) {
		int ow = cols * 3 / 4 > 40 ? 40 : cols * 3 / 4;

		/* side panes are overlays: shown only while they have the focus */
		pane_place(ui, pr, 0, 0, h, cols);
		pr->shown = true;
		pane_place(ui, ps, 0, 0, h, ow);
		ps->overlay = true;
		ps->shown = ui->focus == PANE_SECTIONS;
		pane_place(ui, pe, 0, cols - ow, h, ow);
		pe->overlay = true;
		pe->shown = ui->focus == PANE_ENTITIES;
	} else {
		side_widths(ui, cols, &sw, &ew);
		rw = cols - sw - ew;
		ps->overlay = pe->overlay = false;
		ps->shown = sw > 0;
		pe->shown = ew > 0;
		pane_place(ui, ps, 0, 0, h, sw);
		pane_place(ui, pr, 0, sw, h, rw);
		pane_place(ui, pe, 0, sw + rw, h, ew);
		pr->shown = true;
		if ((ui->focus == PANE_SECTIONS && !ps->shown) ||
		    (ui->focus == PANE_ENTITIES && !pe->shown))
			ui->focus = PANE_READ;
	}
	pr->ops->resize(ui, pr);
	ps->ops->resize(ui, ps);
	pe->ops->resize(ui, pe);
	ui_dirty_all(ui);
}

/* ---------- drawing ---------- */

/* "? help   q quit " with the keys in effect (the config may rebind them); a command without
 * a key is left out. */
static void
ui_key_hints(struct ui *ui, char *out, size_t outsz)
{
	static const enum cmd hint_cmd[] = {CMD_HELP, CMD_QUIT};
	static const char *const hint_name[] = {"help", "quit"};
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < sizeof(hint_cmd) / sizeof(hint_cmd[0]); i++) {
		char name[32];
		int key;
		int n;

		if (keymap_keys(ui->km, -1, hint_cmd[i], &key, 1) == 0)
			continue;
		n = snprintf(out + len, outsz - len, "%s%s %s", len ? "   " : "",
			     keymap_key_name(key, name, sizeof(name)), hint_name[i]);
		if (n < 0 || (size_t)n >= outsz - len)
			break;
		len += (size_t)n;
	}
	if (len && len + 1 < outsz) {
		out[len] = ' ';
		out[len + 1] = '\0';
	}
}

static void
status_draw(struct ui *ui)
{
	WINDOW *w = ui->status;
	char left[256], right[64];
	size_t sec = ui_current_section(ui);
	int lw, rw, x;
	attr_t a = ui_attr(ui, ST_STATUS);

	if (!w)
		return;
	if (annot_ui_draw_status(ui, w)) /* the note editor */
		return;
	wattrset(w, a);
	werase(w);
	wbkgdset(w, ' ' | a);
	wmove(w, 0, 0);
	wclrtoeol(w);
	if (ui->prompt) {
		char pre[2] = {(char)(ui->prompt == '\\' ? '?' : ui->prompt), 0};
		char *mb;
		size_t i, cursor_col = 1;
		struct buf b;

		buf_init(&b);
		for (i = 0; i < ui->plen; i++) {
			char tmp[8];
			int n = utf8_encode((uint32_t)ui->pbuf[i], tmp);

			if (i == ui->pcur)
				cursor_col = 1 + (size_t)ui_str_width(b.s ? b.s : "", b.len);
			buf_add(&b, tmp, (size_t)n);
		}
		if (ui->pcur >= ui->plen)
			cursor_col = 1 + (size_t)ui_str_width(b.s ? b.s : "", b.len);
		mb = buf_take(&b);
		wattrset(w, ui_attr(ui, ST_PROMPT));
		wbkgdset(w, ' ' | ui_attr(ui, ST_PROMPT));
		werase(w);
		ui_put(w, 0, 0, 1, pre, 1, ST_PROMPT, ui_attr(ui, ST_PROMPT));
		ui_put(w, 0, 1, ui->cols - 2, mb, strlen(mb), ST_PROMPT, ui_attr(ui, ST_PROMPT));
		if (ui->msg[0] && ui->msg_error) {
			int mw = ui_str_width(ui->msg, strlen(ui->msg));
			int col = ui->cols - mw - 1;

			if (col > (int)cursor_col + 2)
				ui_put(w, 0, col, mw, ui->msg, strlen(ui->msg), ST_STATUS_ERROR,
				       ui_attr(ui, ST_STATUS_ERROR));
		}
		free(mb);
		wmove(w, 0, (int)MIN(cursor_col, (size_t)ui->cols - 1));
		return;
	}
	if (ui->load_job) /* the first part of a long file: no total yet */
		snprintf(left, sizeof(left), " %02zu/… · loading %lld MB…", sec + 1,
			 (ui->load_job->size + (1 << 19)) >> 20);
	else
		snprintf(left, sizeof(left), " %02zu/%02zu · %d%%", sec + 1, ui->doc->n_sections,
			 reader_percent(&ui->rd));
	ui_key_hints(ui, right, sizeof(right));
	lw = ui_put(w, 0, 0, ui->cols, left, strlen(left), ST_STATUS, a);
	rw = ui_str_width(right, strlen(right));
	x = lw;
	if (ui->msg[0]) {
		int room = ui->cols - x - 3 - (ui->cols - x - 3 > rw + 10 ? rw : 0);

		if (room > 0) {
			ui_put(w, 0, x, 3, " · ", strlen(" · "), ST_STATUS, a);
			x += 3;
			x += ui_put(w, 0, x, room, ui->msg, strlen(ui->msg),
				    ui->msg_error ? ST_STATUS_ERROR : ST_STATUS_MSG,
				    ui_attr(ui, ui->msg_error ? ST_STATUS_ERROR : ST_STATUS_MSG));
		}
	}
	if (ui->cols - x > rw + 1)
		ui_put(w, 0, ui->cols - rw, rw, right, strlen(right), ST_STATUS, a);
}

static void
help_draw(struct ui *ui)
{
	int h = ui->rows - 1, w = ui->cols, y;
	WINDOW *win = newwin(h, w, 0, 0);
	struct pane fake;

	if (!win)
		return;
	memset(&fake, 0, sizeof(fake));
	wbkgdset(win, ' ' | ui_attr(ui, ST_TEXT));
	fake.win = win;
	fake.h = h;
	fake.w = w;
	fake.ops = &pane_read_ops;
	werase(win);
	ui_box(ui, &fake, "Keys (q or Esc closes)", NULL);
	listmodel_set_rows(&ui->help_lm, ui->n_help_lines);
	listmodel_set_height(&ui->help_lm, h > 2 ? (size_t)(h - 2) : 1);
	for (y = 0; y + 2 < h; y++) {
		size_t i = ui->help_lm.top + (size_t)y;

		if (i >= ui->n_help_lines)
			break;
		ui_put(win, 1 + y, 2, w - 3, ui->help_lines[i], strlen(ui->help_lines[i]), ST_TEXT,
		       ui->help_lines[i][0] != ' ' ? ui_attr(ui, ST_HEADING) : ui_attr(ui, ST_HELP_KEY));
	}
	wnoutrefresh(win);
	delwin(win);
}

static void
ui_draw(struct ui *ui)
{
	int i;
	static const int order[PANE_COUNT] = {PANE_READ, PANE_SECTIONS, PANE_ENTITIES};

	if (ui->too_small) {
		const char *m = ui->cols >= 18 ? "terminal too small" : ui->cols >= 9 ? "too small" : "!";

		bkgdset(' ' | ui_attr(ui, ST_TEXT));
		erase();
		ui_put(stdscr, ui->rows / 2, 0, ui->cols, m, strlen(m), ST_TEXT, A_BOLD);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	for (i = 0; i < PANE_COUNT; i++) {
		struct pane *p = &ui->panes[order[i]];

		if (!p->shown || !p->win)
			continue;
		/* an overlay covers the reading pane: redraw it whenever the reading pane was */
		if (p->overlay && ui->panes[PANE_READ].dirty)
			p->dirty = true;
		if (!p->dirty)
			continue;
		p->ops->draw(ui, p);
		wnoutrefresh(p->win);
		p->dirty = false;
	}
	annot_ui_draw_overlay(ui); /* H, ' and x lists */
	if (ui->help)
		help_draw(ui);
	status_draw(ui);
	if (ui->status) {
		curs_set(ui->prompt || annot_ui_editing(ui) ? 1 : 0);
		wnoutrefresh(ui->status);
	}
	doupdate();
}

/* ---------- search ---------- */

static void
search_set(struct ui *ui, const char *pat, size_t len)
{
	if (ui->have_search)
		search_fini(&ui->srch);
	ui->have_search = search_compile_case(&ui->srch, pat, len, ui->search_case);
	ui->match_start = ui->match_end = NPOS;
}

/* Find the next match from the cursor (or from origin during incremental search) and move the
 * view there. from_cursor=false: the search starts at the cursor itself (a new search). */
void
ui_search_step(struct ui *ui, bool forward, bool from_cursor)
{
	const struct doc *d = ui->doc;
	size_t at, e = 0, from = ui->rd.cur_off;
	bool wrapped = false;

	if (!ui->have_search) {
		ui_message(ui, true, "no search pattern");
		return;
	}
	if (forward) {
		if (from_cursor && ui->match_start != NPOS && ui->match_start >= from)
			from = ui->match_start + 1;
		else if (from_cursor)
			from = from + 1;
		if (from > d->len)
			from = d->len;
		while (from < d->len && ((unsigned char)d->text[from] & 0xc0) == 0x80)
			from++;
		at = search_next(&ui->srch, d->text, d->len, from, &e);
		if (at == NPOS && ui->search_wrap) {
			at = search_next(&ui->srch, d->text, d->len, 0, &e);
			wrapped = true;
		}
	} else {
		if (from_cursor && ui->match_start != NPOS && ui->match_start <= from)
			from = ui->match_start;
		at = search_prev(&ui->srch, d->text, d->len, from, &e);
		if (at == NPOS && ui->search_wrap) {
			at = search_prev(&ui->srch, d->text, d->len, d->len, &e);
			wrapped = true;
		}
	}
	if (at == NPOS) {
		ui->match_start = ui->match_end = NPOS;
		ui_message(ui, true, search_next(&ui->srch, d->text, d->len, 0, NULL) == NPOS
					     ? "not found"
					     : (forward ? "search hit BOTTOM without a match"
							: "search hit TOP without a match"));
		ui_dirty_all(ui);
		return;
	}
	ui->match_start = at;
	ui->match_end = e;
	reader_goto(&ui->rd, at, ui->rd.height / 3);
	ui->rd.cur_off = at;
	if (wrapped)
		ui_message(ui, false, forward ? "search hit BOTTOM, continuing at TOP"
					      : "search hit TOP, continuing at BOTTOM");
	else
		ui->msg[0] = '\0';
	ui_dirty_all(ui);
}

/* ---------- prompt ---------- */

static char *
prompt_text(struct ui *ui)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < ui->plen; i++) {
		char tmp[8];
		int n = utf8_encode((uint32_t)ui->pbuf[i], tmp);

		buf_add(&b, tmp, (size_t)n);
	}
	return buf_take(&b);
}

static void
prompt_open(struct ui *ui, int kind)
{
	ui->prompt = kind;
	ui->plen = ui->pcur = 0;
	ui->prompt_origin_top = ui->rd.top_off;
	ui->prompt_origin_cur = ui->rd.cur_off;
	ui->msg[0] = '\0';
	ui->status_dirty = true;
}

static void
prompt_restore_origin(struct ui *ui)
{
	ui->rd.top_off = ui->prompt_origin_top;
	ui->rd.cur_off = ui->prompt_origin_cur;
	reader_relayout(&ui->rd);
}

static void
prompt_incremental(struct ui *ui)
{
	char *t;

	if (ui->prompt != '/' && ui->prompt != '\\')
		return;
	prompt_restore_origin(ui);
	t = prompt_text(ui);
	search_set(ui, t, strlen(t));
	free(t);
	if (ui->have_search) {
		ui_search_step(ui, ui->prompt == '/', false);
		if (ui->match_start == NPOS)
			prompt_restore_origin(ui);
	} else
		ui->msg[0] = '\0';
	ui_dirty_all(ui);
}

static int run_command(struct ui *ui, enum cmd c, const char *arg);

static int
prompt_accept(struct ui *ui)
{
	char *t = prompt_text(ui);
	int kind = ui->prompt, r = UI_HANDLED | UI_REDRAW;

	ui->prompt = 0;
	if (kind == ':') {
		char *s = t, *end;
		enum cmd c;

		while (*s == ' ')
			s++;
		for (end = s; *end && *end != ' '; end++)
			;
		c = cmd_from_namen(s, (size_t)(end - s));
		while (*end == ' ')
			end++;
		if (!*s)
			;
		else if (c == CMD_NONE || c == CMD_PROMPT)
			ui_message(ui, true, "unknown command: %.*s", (int)(end - s), s);
		else
			r = run_command(ui, c, *end ? end : NULL);
	} else if (ui->have_search) {
		ui->search_backward = kind == '\\';
		if (ui->match_start == NPOS)
			ui_message(ui, true, "not found: %s", t);
	}
	free(t);
	ui_dirty_all(ui);
	return r;
}

static int
prompt_key(struct ui *ui, int key)
{
	enum cmd c = keymap_lookup(ui->km, KEYMAP_PROMPT, key);
	size_t i;

	switch (c) {
	case CMD_ACTIVATE:
		return prompt_accept(ui);
	case CMD_CANCEL:
		if (ui->prompt != ':') {
			prompt_restore_origin(ui);
			if (ui->have_search)
				search_fini(&ui->srch);
			ui->have_search = false;
		}
		ui->prompt = 0;
		ui->msg[0] = '\0';
		ui_dirty_all(ui);
		return UI_HANDLED | UI_REDRAW;
	case CMD_EDIT_LEFT:
		if (ui->pcur)
			ui->pcur--;
		break;
	case CMD_EDIT_RIGHT:
		if (ui->pcur < ui->plen)
			ui->pcur++;
		break;
	case CMD_EDIT_HOME:
		ui->pcur = 0;
		break;
	case CMD_EDIT_END:
		ui->pcur = ui->plen;
		break;
	case CMD_EDIT_BACKSPACE:
		if (ui->plen == 0) { /* backspace on an empty prompt closes it, as in vim */
			return prompt_key(ui, keymap_parse_key("Esc", NULL));
		}
		if (ui->pcur) {
			memmove(ui->pbuf + ui->pcur - 1, ui->pbuf + ui->pcur,
				(ui->plen - ui->pcur) * sizeof(wchar_t));
			ui->pcur--;
			ui->plen--;
			prompt_incremental(ui);
		}
		break;
	case CMD_EDIT_DELETE:
		if (ui->pcur < ui->plen) {
			memmove(ui->pbuf + ui->pcur, ui->pbuf + ui->pcur + 1,
				(ui->plen - ui->pcur - 1) * sizeof(wchar_t));
			ui->plen--;
			prompt_incremental(ui);
		}
		break;
	case CMD_EDIT_KILL_START:
		memmove(ui->pbuf, ui->pbuf + ui->pcur, (ui->plen - ui->pcur) * sizeof(wchar_t));
		ui->plen -= ui->pcur;
		ui->pcur = 0;
		prompt_incremental(ui);
		break;
	case CMD_EDIT_KILL_WORD:
		i = ui->pcur;
		while (i > 0 && ui->pbuf[i - 1] == L' ')
			i--;
		while (i > 0 && ui->pbuf[i - 1] != L' ')
			i--;
		memmove(ui->pbuf + i, ui->pbuf + ui->pcur, (ui->plen - ui->pcur) * sizeof(wchar_t));
		ui->plen -= ui->pcur - i;
		ui->pcur = i;
		prompt_incremental(ui);
		break;
	case CMD_NONE:
		/* text: printable characters only (controls never enter the pattern) */
		if (key >= 0x20 && key < JKEY_SPECIAL && !(key >= 0x7f && key < 0xa0) &&
		    ui->plen + 1 < ARRAY_SIZE(ui->pbuf)) {
			memmove(ui->pbuf + ui->pcur + 1, ui->pbuf + ui->pcur,
				(ui->plen - ui->pcur) * sizeof(wchar_t));
			ui->pbuf[ui->pcur++] = (wchar_t)key;
			ui->plen++;
			prompt_incremental(ui);
		}
		break;
	default:
		break;
	}
	ui->status_dirty = true;
	return UI_HANDLED;
}

/* ---------- help ---------- */

static void
help_build(struct ui *ui)
{
	struct buf b;
	char *s, *line, *next;

	if (ui->help_lines)
		return;
	buf_init(&b);
	keymap_help_text(ui->km, &b, false);
	buf_adds(&b, "\nCommands run by name at the `:` prompt, e.g. :goto-section 2, "
		     ":search-forward TEXT, :dump-screen PATH.\n");
	s = buf_take(&b);
	for (line = s; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		ui->help_lines = xrealloc(ui->help_lines, (ui->n_help_lines + 1) * sizeof(char *));
		ui->help_lines[ui->n_help_lines++] = xstrdup(line);
	}
	free(s);
	listmodel_init(&ui->help_lm);
}

static int
help_key(struct ui *ui, enum cmd c)
{
	switch (c) {
	case CMD_LINE_DOWN:
	case CMD_SCROLL_DOWN:
		listmodel_scroll(&ui->help_lm, 1);
		break;
	case CMD_LINE_UP:
	case CMD_SCROLL_UP:
		listmodel_scroll(&ui->help_lm, -1);
		break;
	case CMD_PAGE_DOWN:
	case CMD_HALF_PAGE_DOWN:
		listmodel_scroll(&ui->help_lm, (long)ui->help_lm.height - 1);
		break;
	case CMD_PAGE_UP:
	case CMD_HALF_PAGE_UP:
		listmodel_scroll(&ui->help_lm, -(long)ui->help_lm.height + 1);
		break;
	case CMD_START:
		listmodel_scroll(&ui->help_lm, -(long)ui->n_help_lines);
		break;
	case CMD_END:
		listmodel_scroll(&ui->help_lm, (long)ui->n_help_lines);
		break;
	case CMD_CANCEL:
	case CMD_HELP:
	case CMD_QUIT:
		ui->help = false;
		ui_dirty_all(ui);
		break;
	default:
		break;
	}
	return UI_HANDLED | UI_REDRAW;
}

/* ---------- dump screen (tests) ---------- */

static int
dump_screen(struct ui *ui, const char *path)
{
	FILE *f;
	int y, x;

	if (!path || !*path) {
		ui_message(ui, true, "dump-screen needs a PATH");
		return UI_HANDLED | UI_REDRAW;
	}
	ui_draw(ui); /* the screen as it would show now */
	f = fopen(path, "w");
	if (!f) {
		ui_message(ui, true, "dump-screen: %s: %s", path, strerror(errno));
		return UI_HANDLED | UI_REDRAW;
	}
	for (y = 0; y < ui->rows; y++) {
		struct buf b;

		buf_init(&b);
		for (x = 0; x < ui->cols; x++) {
			cchar_t cc;
			wchar_t wc[CCHARW_MAX + 1];
			attr_t a;
			short pair;
			int i;

			if (mvwin_wch(curscr, y, x, &cc) == ERR)
				break;
			if (getcchar(&cc, wc, &a, &pair, NULL) == ERR)
				continue;
			if (wc[0] == L'\0')
				continue;
			for (i = 0; wc[i] && i < CCHARW_MAX; i++) {
				char tmp[8];
				int n = utf8_encode((uint32_t)wc[i], tmp);

				buf_add(&b, tmp, (size_t)n);
			}
			if (wcwidth(wc[0]) == 2)
				x++;
		}
		while (b.len && b.s[b.len - 1] == ' ')
			b.s[--b.len] = '\0';
		fprintf(f, "%s\n", b.s ? b.s : "");
		buf_fini(&b);
	}
	fclose(f);
	return UI_HANDLED;
}

/* ---------- commands ---------- */

static int
next_pane(struct ui *ui, int dir)
{
	int i, p = ui->focus;

	for (i = 0; i < PANE_COUNT; i++) {
		p = (p + dir + PANE_COUNT) % PANE_COUNT;
		if (ui->narrow || ui->panes[p].shown)
			return p;
	}
	return ui->focus;
}

static int
toggle_pane(struct ui *ui, int pane)
{
	if (ui->narrow) {
		ui_focus(ui, ui->focus == pane ? PANE_READ : pane);
		return UI_HANDLED | UI_RELAYOUT;
	}
	if (pane == PANE_SECTIONS)
		ui->hide_sections = !ui->hide_sections;
	else
		ui->hide_entities = !ui->hide_entities;
	if (ui->focus == pane)
		ui_focus(ui, PANE_READ);
	return UI_HANDLED | UI_RELAYOUT;
}

/* `:theme NAME`: load the theme and make the colour pairs again; the old theme stays when NAME
 * is not found. The first problem of the theme file goes to the status line. */
static int
theme_switch(struct ui *ui, const char *name)
{
	struct ini_warnings w;
	struct theme *t = NULL;
	enum status st;

	if (!name || !*name) {
		ui_message(ui, true, "theme: which theme? (:theme NAME)");
		return UI_HANDLED | UI_REDRAW;
	}
	ini_warnings_init(&w);
	st = theme_load(name, &t, &w);
	if (st == ERR_NOTFOUND) {
		theme_free(t);
		ui_message(ui, true, "theme %s not found", name);
	} else {
		theme_free(ui->theme);
		ui->theme = t;
		ui_styles_init(ui);
		if (w.n) {
			struct buf b;

			buf_init(&b);
			ini_warning_format(&w.v[0], &b);
			ui_message(ui, true, "%s", b.s ? b.s : "");
			buf_fini(&b);
		} else
			ui_message(ui, false, "theme %s", name);
		clearok(curscr, TRUE);
	}
	ini_warnings_fini(&w);
	return UI_HANDLED | UI_RELAYOUT;
}

static int
run_command(struct ui *ui, enum cmd c, const char *arg)
{
	struct pane *fp = &ui->panes[ui->focus];
	int r;
	size_t sec;

	if (ui->help)
		return help_key(ui, c);
	if ((r = annot_ui_command(ui, c, arg)) != 0) /* cursor, selection, notes, lists */
		return r;
	if (fp->ops->key && (r = fp->ops->key(ui, fp, c, arg)) != 0)
		return r;
	/* commands that move the text act on the reading pane from anywhere */
	switch (c) {
	case CMD_LINE_DOWN:
	case CMD_LINE_UP:
	case CMD_PAGE_DOWN:
	case CMD_PAGE_UP:
	case CMD_HALF_PAGE_DOWN:
	case CMD_HALF_PAGE_UP:
	case CMD_SCROLL_DOWN:
	case CMD_SCROLL_UP:
	case CMD_START:
	case CMD_END:
		return ui->panes[PANE_READ].ops->key(ui, &ui->panes[PANE_READ], c, arg);
	case CMD_NEXT_SECTION:
	case CMD_PREV_SECTION:
		sec = ui_current_section(ui);
		if (c == CMD_NEXT_SECTION) {
			if (sec + 1 >= ui->doc->n_sections) {
				ui_message(ui, false, "last section");
				return UI_HANDLED | UI_REDRAW;
			}
			sec++;
		} else if (ui->rd.cur_off > ui->doc->sections[sec].start &&
			   ui->rd.top_off > ui->doc->sections[sec].start) {
			/* inside a section: [ goes to its start first */
		} else if (sec == 0) {
			ui_message(ui, false, "first section");
			return UI_HANDLED | UI_REDRAW;
		} else
			sec--;
		ui_jump_section(ui, sec);
		return UI_HANDLED | UI_REDRAW;
	case CMD_GOTO_SECTION: {
		long n = arg ? strtol(arg, NULL, 10) : 0;

		if (n < 1 || (size_t)n > ui->doc->n_sections) {
			ui_message(ui, true, "goto-section: give a number from 1 to %zu",
				   ui->doc->n_sections);
			return UI_HANDLED | UI_REDRAW;
		}
		ui_jump_section(ui, (size_t)n - 1);
		return UI_HANDLED | UI_REDRAW;
	}
	case CMD_FOCUS_NEXT:
	case CMD_FOCUS_PREV:
		ui_focus(ui, next_pane(ui, c == CMD_FOCUS_NEXT ? 1 : -1));
		return UI_HANDLED | (ui->narrow ? UI_RELAYOUT : UI_REDRAW);
	case CMD_TOGGLE_SECTIONS:
		return toggle_pane(ui, PANE_SECTIONS);
	case CMD_TOGGLE_ENTITIES:
		return toggle_pane(ui, PANE_ENTITIES);
	case CMD_SEARCH_FORWARD:
	case CMD_SEARCH_BACKWARD:
		if (arg) {
			search_set(ui, arg, strlen(arg));
			ui->search_backward = c == CMD_SEARCH_BACKWARD;
			ui_search_step(ui, c == CMD_SEARCH_FORWARD, false);
		} else
			prompt_open(ui, c == CMD_SEARCH_FORWARD ? '/' : '\\');
		return UI_HANDLED | UI_REDRAW;
	case CMD_NEXT_MATCH:
	case CMD_PREV_MATCH:
		if (!ui->have_search && pane_entities_jump(ui, c == CMD_NEXT_MATCH ? 1 : -1))
			return UI_HANDLED | UI_REDRAW;
		ui_search_step(ui, (c == CMD_NEXT_MATCH) != ui->search_backward, true);
		return UI_HANDLED | UI_REDRAW;
	case CMD_CANCEL:
		/* Esc undoes the innermost thing: an open overlay, then the search highlight,
		 * then the selected entity */
		if (ui->narrow && ui->focus != PANE_READ) {
			ui_focus(ui, PANE_READ);
			return UI_HANDLED | UI_RELAYOUT;
		} else if (ui->have_search) {
			search_fini(&ui->srch);
			ui->have_search = false;
			ui->match_start = ui->match_end = NPOS;
		} else if (ui->ent_selected != NPOS) {
			ui->ent_selected = NPOS;
		}
		ui->msg[0] = '\0';
		ui_dirty_all(ui);
		return UI_HANDLED | UI_REDRAW;
	case CMD_ENTITY_SCOPE:
		ui->ent_scope = ui->ent_scope == 1 ? 0 : 1;
		pane_entities_rebuild(ui);
		ui_message(ui, false, ui->ent_scope ? "entities of the whole document"
						    : "entities of the current section");
		return UI_HANDLED | UI_REDRAW;
	case CMD_ENTITY_READ:
		ui->ent_scope = ui->ent_scope == 2 ? 0 : 2;
		pane_entities_rebuild(ui);
		ui_message(ui, false, ui->ent_scope ? "entities read so far"
						    : "entities of the current section");
		return UI_HANDLED | UI_REDRAW;
	case CMD_PROMPT:
		prompt_open(ui, ':');
		return UI_HANDLED | UI_REDRAW;
	case CMD_HELP:
		help_build(ui);
		ui->help = true;
		return UI_HANDLED | UI_REDRAW;
	case CMD_REDRAW:
		clearok(curscr, TRUE);
		return UI_HANDLED | UI_RELAYOUT;
	case CMD_DUMP_SCREEN:
		return dump_screen(ui, arg);
	case CMD_THEME:
		return theme_switch(ui, arg);
	case CMD_QUIT:
		return UI_QUIT;
	case CMD_FOLD_TOGGLE: /* the sections pane folds; elsewhere, say where */
		ui_message(ui, false, "folding is in the sections pane (focus it with Tab)");
		return UI_HANDLED | UI_REDRAW;
	case CMD_ACTIVATE:
	case CMD_HIGHLIGHT:
		return UI_HANDLED;
	case CMD_NONE:
		return 0;
	default:
		if (cmd_group(c) == CMD_GROUP_EDIT)
			ui_message(ui, true, "%s: only while editing a prompt or a note", cmd_name(c));
		else
			ui_message(ui, true, "%s: not available here", cmd_name(c));
		return UI_HANDLED | UI_REDRAW;
	}
}

/* ---------- input ---------- */

static int
key_from_curses(int rc, wint_t wc)
{
	if (rc == OK)
		return keymap_key_from_char((int)wc);
	switch (wc) {
	case KEY_DOWN:
		return JKEY_DOWN;
	case KEY_UP:
		return JKEY_UP;
	case KEY_LEFT:
		return JKEY_LEFT;
	case KEY_RIGHT:
		return JKEY_RIGHT;
	case KEY_HOME:
		return JKEY_HOME;
	case KEY_END:
		return JKEY_END;
	case KEY_NPAGE:
		return JKEY_PAGEDOWN;
	case KEY_PPAGE:
		return JKEY_PAGEUP;
	case KEY_BTAB:
		return JKEY_BACKTAB;
	case KEY_BACKSPACE:
		return JKEY_BACKSPACE;
	case KEY_DC:
		return JKEY_DELETE;
	case KEY_IC:
		return JKEY_INSERT;
	case KEY_ENTER:
		return JKEY_ENTER;
	default:
		if (wc >= (wint_t)KEY_F(1) && wc <= (wint_t)KEY_F(12))
			return JKEY_F1 + (int)(wc - KEY_F(1));
		return JKEY_NONE;
	}
}

static int
handle_mouse(struct ui *ui)
{
	MEVENT ev;
	int order[PANE_COUNT] = {PANE_SECTIONS, PANE_ENTITIES, PANE_READ}, i;

	if (getmouse(&ev) != OK || ui->too_small || ui->help || ui->prompt)
		return 0;
	if (annot_ui_dragging(ui) || ev.bstate == REPORT_MOUSE_POSITION) /* a drag selects */
		return annot_ui_drag(ui, ev.y, ev.x, ev.bstate);
	for (i = 0; i < PANE_COUNT; i++) {
		struct pane *p = &ui->panes[order[i]];

		if (!p->shown || ev.y < p->y || ev.y >= p->y + p->h || ev.x < p->x ||
		    ev.x >= p->x + p->w)
			continue;
		if (!(ev.bstate & (BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
				   | BUTTON5_PRESSED
#endif
				   )) &&
		    ui->focus != order[i])
			ui_focus(ui, order[i]);
		return (p->ops->mouse ? p->ops->mouse(ui, p, ev.y - p->y, ev.x - p->x, ev.bstate) : 0) |
		       UI_HANDLED | UI_REDRAW;
	}
	return 0;
}

/* Scripted input (JINGDU_SCRIPT): one key name per word, `:command args` lines, `#` comments. */
struct script {
	char *text;
	char *pos;
	char *pending_cmd;
};

static int
script_next(struct script *s, char **cmdline)
{
	*cmdline = NULL;
	for (;;) {
		char *p = s->pos, *end;
		int key;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			return JKEY_NONE - 1; /* end */
		if (*p == '#' || *p == ':') {
			end = strchr(p, '\n');
			if (end)
				*end++ = '\0';
			else
				end = p + strlen(p);
			s->pos = end;
			if (*p == ':') {
				*cmdline = p + 1;
				return JKEY_NONE;
			}
			continue;
		}
		for (end = p; *end && *end != ' ' && *end != '\t' && *end != '\n'; end++)
			;
		key = keymap_parse_keyn(p, (size_t)(end - p), NULL);
		s->pos = end;
		if (key != JKEY_NONE)
			return key;
	}
}

/* ---------- main ---------- */

static void
ui_endwin_hook(void)
{
	if (ui_screen && !isendwin())
		endwin();
}

/* probe: ask the terminal for its ambiguous width (ambiguous_width = auto); *probe gets it */
static bool
term_open(bool headless, int *probe)
{
	FILE *in = stdin, *out = stdout;
	const char *term = getenv("TERM");
	char typed[TERM_PROBE_REST];
	size_t ntyped = 0;

	if (headless) {
		in = ui_tty_in = fopen("/dev/null", "r");
		out = ui_tty_out = fopen("/dev/null", "w");
		if (!term || !*term)
			term = "xterm-256color";
	} else {
		if (!isatty(fileno(stdin))) {
			in = ui_tty_in = fopen("/dev/tty", "r");
			if (!in) {
				fprintf(stderr, "jingdu: cannot open /dev/tty for keys: %s\n",
					strerror(errno));
				return false;
			}
		}
		if (!isatty(fileno(stdout))) {
			out = ui_tty_out = fopen("/dev/tty", "w");
			if (!out) {
				fprintf(stderr, "jingdu: cannot open /dev/tty for the screen: %s\n",
					strerror(errno));
				return false;
			}
		}
	}
	if (probe)
		*probe = term_probe_ambiguous(fileno(in), fileno(out), PROBE_TIMEOUT_MS, typed,
					      &ntyped);
	ui_screen = newterm(term, out, in);
	if (!ui_screen) {
		fprintf(stderr, "jingdu: cannot initialise the terminal (TERM=%s)\n",
			term ? term : "unset");
		return false;
	}
	set_term(ui_screen);
	/* keys typed during the probe come first (ungetch returns the last pushed first) */
	while (ntyped > 0)
		ungetch((unsigned char)typed[--ntyped]);
	/* a terminal that cannot move the cursor (TERM=dumb) cannot show the panes */
	if (!headless) {
		char *cup = tigetstr("cup");

		if (!cup || cup == (char *)-1) {
			endwin();
			delscreen(ui_screen);
			ui_screen = NULL;
			fprintf(stderr, "jingdu: the terminal cannot move the cursor (TERM=%s)\n",
				term ? term : "unset");
			return false;
		}
	}
	die_set_hook(ui_endwin_hook);
	return true;
}

static void
term_close(void)
{
	if (ui_screen) {
		endwin();
		delscreen(ui_screen);
		ui_screen = NULL;
	}
	if (ui_tty_in)
		fclose(ui_tty_in);
	if (ui_tty_out)
		fclose(ui_tty_out);
	ui_tty_in = ui_tty_out = NULL;
}

/* The bundled sample's name in the binary (scripts/embed.sh), used when no copy is on disk. */
#define EMBEDDED_SAMPLE "samples/zh-reading.txt"

static char *
find_document(struct ui *ui, const char *path)
{
	char *dir, *p;
	const char *env;

	if (path)
		return xstrdup(path);
	if ((p = annot_ui_last_path(ui)))
		return p;
	if (ui->state_dir && (p = readpos_last(ui->state_dir)))
		return p;
	env = getenv("JINGDU_SAMPLE");
	if (env && *env)
		return xstrdup(env);
	dir = exe_dir();
	p = xasprintf("%s/samples/zh-reading.txt", dir);
	if (access(p, R_OK) != 0) {
		free(p);
		p = xasprintf("%s/../share/jingdu/samples/zh-reading.txt", dir);
		if (access(p, R_OK) != 0) {
			/* not installed beside the binary: the copy compiled into it */
			free(p);
			p = xstrdup(EMBEDDED_SAMPLE);
		}
	}
	free(dir);
	return p;
}

static void
save_position(struct ui *ui)
{
	if (ui->load_job) /* only the first part is known: keep the place saved before */
		return;
	if (annot_ui_save_position(ui)) /* the notes database; the state file is the fallback */
		return;
	if (ui->doc_key && ui->state_dir)
		readpos_set(ui->state_dir, ui->doc_key, ui->doc->len, ui->rd.cur_off);
}

static void
ui_init_state(struct ui *ui)
{
	int i;
	static const struct pane_ops *ops[PANE_COUNT] = {&pane_sections_ops, &pane_read_ops,
							 &pane_entities_ops};

	for (i = 0; i < PANE_COUNT; i++) {
		ui->panes[i].ops = ops[i];
		listmodel_init(&ui->panes[i].lm);
	}
	ui->focus = PANE_READ;
	ui->match_start = ui->match_end = NPOS;
	ui->ent_selected = NPOS;
	ui->ent_section = NPOS;
}

static void
ui_free(struct ui *ui)
{
	size_t i;
	int k;

	for (k = 0; k < PANE_COUNT; k++)
		if (ui->panes[k].win)
			delwin(ui->panes[k].win);
	if (ui->status)
		delwin(ui->status);
	if (ui->have_search)
		search_fini(&ui->srch);
	for (i = 0; i < ui->n_help_lines; i++)
		free(ui->help_lines[i]);
	free(ui->help_lines);
	free(ui->ent_rows);
	if (ui->ent_job && !atomic_load(&ui->ent_job->done)) {
		/* quitting before the entities are found: do not wait for them; the thread still
		 * reads the document, so it stays allocated until the process exits */
		pthread_detach(ui->ent_job->thread);
		ui->ent_job = NULL;
		ui->doc = NULL;
	}
	if (ui->load_job && ui->load_job->started && !atomic_load(&ui->load_job->done)) {
		/* quitting while the whole document loads: the thread is left to the exit */
		pthread_detach(ui->load_job->thread);
	} else if (ui->load_job) {
		load_job_free(ui->load_job);
	}
	ui->load_job = NULL;
	ents_collect(ui, true);
	entity_set_free(ui->ents);
	annot_ui_free(ui);
	ui_retire_wait(ui);
	config_free(ui->cfg); /* and the keymap it owns */
	theme_free(ui->theme);
	layout_free(ui->lay);
	outline_fini(&ui->outline);
	doc_free(ui->doc);
	free(ui->doc_key);
	free(ui->state_dir);
}

double
ui_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* JINGDU_BENCH=N: draw the first screen, then N keystrokes, into a terminal on /dev/null;
 * prints the timings to stderr. Used by bench/run.sh. */
static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* JINGDU_BENCH=N: draw the first screen, then N keystrokes, into a terminal on /dev/null;
 * prints the timings to stderr. Used by bench/bench_ui.sh. */
static void
bench_run(struct ui *ui, long n, double t0)
{
	static const char *keys[] = {"j", "j", "Space", "k", "]", "b", "Space", "G", "g", "["};
	double t1, sum = 0, t, *times = xcalloc((size_t)(n > 0 ? n : 1), sizeof(double));
	double kworst[ARRAY_SIZE(keys)] = {0};
	long i;
	size_t k;

	ui_draw(ui);
	t1 = ui_now_ms();
	load_begin(ui);
	fprintf(stderr, "load-ms %.3f (document module: read, normalize, sections)\n",
		ui_t_loaded - t0);
	fprintf(stderr, "first-screen-ms %.3f (from start) %.3f (after the load)\n", t1 - t0,
		t1 - ui_t_loaded);
	fprintf(stderr, "first-screen-part %s\n", ui->load_job ? "yes" : "no");
	if (load_collect(ui, true) != OK)
		fprintf(stderr, "whole-document-failed\n");
	fprintf(stderr, "whole-document-ms %.3f\n", ui_now_ms() - t0);
	if (!ui->ent_started)
		ents_start(ui);
	ents_collect(ui, true);
	t = ui_now_ms();
	fprintf(stderr, "entities-ready-ms %.3f\n", t - t0);
	ui_draw(ui);
	for (i = 0; i < n; i++) {
		int key = keymap_parse_key(keys[i % (long)ARRAY_SIZE(keys)], NULL);
		enum cmd c = keymap_lookup(ui->km, ui->panes[ui->focus].ops->ctx, key);
		int r;

		t = ui_now_ms();
		r = run_command(ui, c, NULL);
		if (r & UI_RELAYOUT)
			ui_geometry(ui);
		ui_dirty_all(ui);
		ui_draw(ui);
		t = ui_now_ms() - t;
		sum += t;
		times[i] = t;
		if (t > kworst[i % (long)ARRAY_SIZE(keys)])
			kworst[i % (long)ARRAY_SIZE(keys)] = t;
	}
	qsort(times, (size_t)(n > 0 ? n : 0), sizeof(double), cmp_double);
	if (n > 0)
		fprintf(stderr, "keys %ld mean-ms %.3f p50-ms %.3f p95-ms %.3f p99-ms %.3f max-ms %.3f\n",
			n, sum / (double)n, times[n / 2], times[n * 95 / 100], times[n * 99 / 100],
			times[n - 1]);
	for (k = 0; k < ARRAY_SIZE(keys); k++)
		fprintf(stderr, "worst-ms %s %.3f\n", keys[k], kworst[k]);
	free(times);
	t = ui_now_ms();
	run_command(ui, CMD_END, NULL);
	ui_draw(ui);
	fprintf(stderr, "end-key-ms %.3f\n", ui_now_ms() - t);
	t = ui_now_ms();
	resizeterm(ui->rows > 30 ? ui->rows - 10 : ui->rows + 10,
		   ui->cols > 100 ? ui->cols - 30 : ui->cols + 30);
	ui_geometry(ui);
	ui_draw(ui);
	fprintf(stderr, "resize-ms %.3f\n", ui_now_ms() - t);
}


static void *
ent_thread(void *arg)
{
	struct ent_job *job = arg;

	/* below the reader's thread: keys and frames come first on a busy machine */
	(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 5);
	job->st = entity_extract(job->doc, &job->eo, &job->out);
	atomic_store(&job->done, true);
	return NULL;
}

static void
ents_start(struct ui *ui)
{
	struct ent_job *job = xcalloc(1, sizeof(*job));
	const char *list = config_str(ui->cfg, CONFIG_ENTITIES_FILE);

	ui->ent_started = true;
	job->doc = ui->doc;
	job->eo.user_list = *list ? list : NULL;
	atomic_init(&job->done, false);
	if (pthread_create(&job->thread, NULL, ent_thread, job) != 0) {
		ent_thread(job); /* no thread: do it now */
		job->thread = pthread_self();
	}
	ui->ent_job = job;
}

/* Collect the finished extraction (wait=true: wait for it). Returns true when it was
 * installed now. */
static bool
ents_collect(struct ui *ui, bool wait)
{
	struct ent_job *job = ui->ent_job;

	if (!job || (!wait && !atomic_load(&job->done)))
		return false;
	if (!pthread_equal(job->thread, pthread_self()))
		pthread_join(job->thread, NULL);
	ui->ents = job->st == OK ? job->out : NULL;
	if (job->st != OK)
		entity_set_free(job->out);
	free(job);
	ui->ent_job = NULL;
	if (ui->ents && entity_set_n_warnings(ui->ents) && !ui->msg[0]) {
		const struct diag *w = entity_set_warning(ui->ents, 0);

		ui_message(ui, true, "%s:%d: %s", w->file, w->line, w->msg);
	}
	pane_entities_rebuild(ui);
	ui_dirty_all(ui);
	return true;
}

/* The reading pane's model over ui->lay and ui->doc, with the config's scroll_off. */
static void
reader_setup(struct ui *ui)
{
	reader_init(&ui->rd, ui->lay, ui->doc);
	ui->rd.scroll_off = (size_t)config_int(ui->cfg, CONFIG_READER_SCROLL_OFF);
}

/* What needs the whole document: its highlights and notes, the saved place (restore: go there),
 * a word about repaired bytes. */
static void
doc_ready(struct ui *ui, bool restore)
{
	size_t off;

	if (ui->doc->n_invalid)
		ui_message(ui, true, "%zu invalid byte sequence%s replaced by U+FFFD",
			   ui->doc->n_invalid, ui->doc->n_invalid == 1 ? "" : "s");
	annot_ui_open_doc(ui);
	if (restore && (annot_ui_position(ui, &off) ||
			(ui->doc_key && readpos_get(ui->state_dir, ui->doc_key, ui->doc->len, &off))))
		reader_goto(&ui->rd, off, 0);
	pane_entities_rebuild(ui);
}

static void *
load_thread(void *arg)
{
	struct load_job *job = arg;

	/* below the reader's thread: on a busy machine the first screen and the keys come first */
	(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 5);
	if (job->delay_ms > 0) {
		struct timespec ts = {job->delay_ms / 1000, (job->delay_ms % 1000) * 1000000L};

		nanosleep(&ts, NULL);
	}
	job->st = doc_load_file_enc(job->path, job->encoding, &job->doc);
	atomic_store(&job->done, true);
	return NULL;
}

static void
load_start(struct ui *ui, const char *path, long long size)
{
	struct load_job *job = xcalloc(1, sizeof(*job));

	job->path = xstrdup(path);
	job->encoding = ui->opts ? ui->opts->encoding : NULL;
	job->size = size;
	if (getenv("JINGDU_TEST_LOAD_DELAY_MS"))
		job->delay_ms = strtol(getenv("JINGDU_TEST_LOAD_DELAY_MS"), NULL, 10);
	atomic_init(&job->done, false);
	job->thread = pthread_self();
	ui->load_job = job;
}

/* Start loading the whole document (once the first screen is on the terminal). */
static void
load_begin(struct ui *ui)
{
	struct load_job *job = ui->load_job;

	if (!job || job->started)
		return;
	job->started = true;
	if (pthread_create(&job->thread, NULL, load_thread, job) != 0) {
		job->thread = pthread_self();
		load_thread(job); /* no thread: do it now */
	}
}

static void
load_job_free(struct load_job *job)
{
	if (!pthread_equal(job->thread, pthread_self()))
		pthread_join(job->thread, NULL);
	doc_free(job->doc);
	free(job->path);
	free(job);
}

/* Put the whole document in place of its first part when it is loaded (wait: wait for it).
 * The reader keeps its place; the saved place is taken only if the reader has not moved since
 * the first screen. Returns the load's status: not OK means the whole file could not be read
 * (the caller ends the reader with that error, as a failed load at the start would). */
static enum status
load_collect(struct ui *ui, bool wait)
{
	struct load_job *job = ui->load_job;
	struct doc *part = ui->doc;
	struct layout *old = ui->lay;
	size_t top = ui->rd.top_off, cur = ui->rd.cur_off, h = ui->rd.height;
	bool moved, same;
	enum status st;

	if (!job || (!wait && !atomic_load(&job->done)))
		return OK;
	load_begin(ui);
	if (!atomic_load(&job->done)) {
		ui_message(ui, false, "%s", LOADING_MSG);
		ui_draw(ui);
	}
	if (!pthread_equal(job->thread, pthread_self()))
		pthread_join(job->thread, NULL);
	job->thread = pthread_self();
	ui->load_job = NULL;
	if ((st = job->st) != OK) {
		load_job_free(job);
		return st;
	}
	moved = cur != job->origin;
	same = job->doc->len >= part->len && memcmp(job->doc->text, part->text, part->len) == 0;
	ui->doc = job->doc;
	job->doc = NULL;
	load_job_free(job);
	ui->lay = layout_new(ui->doc, &ui->lo);
	reader_setup(ui);
	ui->rd.height = h;
	if (same) {
		ui->rd.top_off = top;
		ui->rd.cur_off = cur;
	}
	reader_relayout(&ui->rd);
	ui_retire_wait(ui); /* a layout of the part may still be being freed */
	layout_free(old);
	outline_fini(&ui->outline);
	outline_init(&ui->outline, ui->doc);
	doc_free(part);
	if (!strcmp(ui->msg, LOADING_MSG))
		ui->msg[0] = '\0';
	doc_ready(ui, !moved || !same);
	ents_start(ui);
	ui_dirty_all(ui);
	return OK;
}

/* While the whole document loads, a command that only moves through the part on screen runs
 * at once; any other (G, sections, search, entities, highlights, prompts) waits for it. */
static bool
cmd_needs_whole(struct ui *ui, enum cmd c)
{
	switch (c) {
	case CMD_NONE:
	case CMD_LINE_UP:
	case CMD_PAGE_UP:
	case CMD_HALF_PAGE_UP:
	case CMD_SCROLL_UP:
	case CMD_START:
	case CMD_CURSOR_LEFT:
	case CMD_CURSOR_RIGHT:
	case CMD_WORD_PREV:
	case CMD_SENTENCE_PREV:
	case CMD_PARAGRAPH_PREV:
	case CMD_LINE_START:
	case CMD_LINE_END:
	case CMD_TOGGLE_SECTIONS:
	case CMD_TOGGLE_ENTITIES:
	case CMD_HELP:
	case CMD_REDRAW:
	case CMD_QUIT:
	case CMD_CANCEL:
		return false;
	case CMD_LINE_DOWN:
	case CMD_PAGE_DOWN:
	case CMD_HALF_PAGE_DOWN:
	case CMD_SCROLL_DOWN:
	case CMD_WORD_NEXT:
	case CMD_SENTENCE_NEXT:
	case CMD_PARAGRAPH_NEXT:
		return reader_view_end(&ui->rd) + HEAD_MARGIN >= ui->doc->len;
	default:
		return true;
	}
}

/* The config file, the theme and the options the reader uses. Layout options come from
 * cli_layout_opts(), as for `jingdu print`, so the pane shows print's lines. Problems go to the
 * status line (the first one). */
static void
ui_config(struct ui *ui)
{
	struct config *cfg = config_new();
	const char *theme_name;
	char *w;
	enum status st;

	ui->cfg = cfg;
	config_load(cfg, ui->opts ? ui->opts->config_path : NULL);
	if (ui->opts)
		config_apply_cli(cfg, ui->opts);
	ui->km = config_keymap(cfg);
	theme_name = config_str(cfg, CONFIG_UI_THEME);
	st = theme_load(theme_name, &ui->theme, config_warnings(cfg));
	if ((w = config_warning_str(cfg, 0))) {
		ui_message(ui, true, "%s", w);
		free(w);
	} else if (st == ERR_NOTFOUND)
		ui_message(ui, true, "theme %s not found; using the default", theme_name);

	ui->hide_sections = !config_bool(cfg, CONFIG_UI_SECTIONS_PANE);
	ui->hide_entities = !config_bool(cfg, CONFIG_UI_ENTITIES_PANE);
	ui->sections_pct = (int)config_int(cfg, CONFIG_UI_SECTIONS_WIDTH);
	ui->entities_pct = (int)config_int(cfg, CONFIG_UI_ENTITIES_WIDTH);
	ui->overlay_below = (int)config_int(cfg, CONFIG_UI_OVERLAY_BELOW);
	ui->search_case = config_choice(cfg, CONFIG_SEARCH_CASE) == CONFIG_CASE_SENSITIVE ? SEARCH_CASE_SENSITIVE
			  : config_choice(cfg, CONFIG_SEARCH_CASE) == CONFIG_CASE_IGNORE  ? SEARCH_CASE_IGNORE
											  : SEARCH_CASE_SMART;
	ui->search_wrap = config_bool(cfg, CONFIG_SEARCH_WRAP);
	ui->ent_scope = config_bool(cfg, CONFIG_ENTITIES_READ_SO_FAR)		     ? 2
			: config_choice(cfg, CONFIG_ENTITIES_SCOPE) == CONFIG_SCOPE_DOCUMENT ? 1
											     : 0;
	ui->ent_min_count = (size_t)config_int(cfg, CONFIG_ENTITIES_MIN_COUNT);

	/* the same layout options as `jingdu print` (config + command line) */
	cli_layout_opts(cfg, ui->opts, &ui->lo);
}

/* The screen is drawn in UTF-8 (wide characters, box lines): under a locale of another
 * character set (LANG=C or POSIX, as containers and ssh sessions often have) ncursesw would
 * draw every non-ASCII character as a blank. Then, as tmux does, take a UTF-8 locale for the
 * characters. */
static void
ui_locale(void)
{
	static const char *const utf8[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8"};
	const char *cs;
	size_t i;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	if (cs && (!strcasecmp(cs, "UTF-8") || !strcasecmp(cs, "utf8")))
		return;
	for (i = 0; i < sizeof(utf8) / sizeof(utf8[0]); i++)
		if (setlocale(LC_CTYPE, utf8[i]))
			return;
}

int
ui_run(const char *path, const struct cli_opts *o)
{
	struct ui ui;
	char *file;
	enum status st;
	const char *script_path = getenv("JINGDU_SCRIPT");
	const char *bench = getenv("JINGDU_BENCH");
	struct script script = {NULL, NULL, NULL};
	bool headless = (script_path && *script_path) || (bench && *bench);
	time_t last_save;
	size_t saved_off;
	size_t off;
	double t0 = ui_now_ms();
	enum status load_st = OK;
	int rc = 0, probed = 0;
	bool want_probe;

	ui_locale();
	memset(&ui, 0, sizeof(ui));
	ui.opts = o;
	ui_init_state(&ui);
	ui.state_dir = xdg_dir("state", true);
	annot_ui_init(&ui);
	file = find_document(&ui, path);
	if (!file) {
		ui_free(&ui);
		return 1;
	}
	if (strcmp(file, EMBEDDED_SAMPLE) == 0) {
		const struct embedded_file *e = embedded_get(EMBEDDED_SAMPLE);

		st = e ? doc_load_buffer((const char *)e->data, e->len, EMBEDDED_SAMPLE, &ui.doc)
		       : ERR_NOENT;
	} else if (script_path && *script_path) {
		/* scripted runs (tests) see the whole document from the first key */
		st = doc_load_file_enc(file, o ? o->encoding : NULL, &ui.doc);
	} else {
		bool whole = true;
		struct stat sb;

		/* a file that loads in a few milliseconds is loaded whole at once */
		if (stat(file, &sb) == 0 && sb.st_size > (off_t)PART_MIN_FILE)
			st = doc_load_file_head(file, o ? o->encoding : NULL, HEAD_BYTES, &ui.doc,
						&whole);
		else
			st = doc_load_file_enc(file, o ? o->encoding : NULL, &ui.doc);
		if (st == OK && !whole)
			load_start(&ui, file, (long long)sb.st_size);
	}
	if (st != OK) {
		fprintf(stderr, "jingdu: %s: %s\n", strcmp(file, "-") ? file : "(stdin)",
			status_str(st));
		free(file);
		ui_free(&ui);
		return 1;
	}
	ui_t_loaded = ui_now_ms();
	outline_init(&ui.outline, ui.doc);
	ui.doc_key = readpos_key(file);
	free(file);
	if (script_path && *script_path) {
		size_t len;

		if (read_file(script_path, &script.text, &len) != OK) {
			fprintf(stderr, "jingdu: %s: cannot read the key script\n", script_path);
			ui_free(&ui);
			return 1;
		}
		script.pos = script.text;
	}
	ui_config(&ui);
	if (!ui.load_job && script.text)
		ents_start(&ui); /* scripted runs see the entities from the first key */
	/* ambiguous_width = auto (and no --ambiguous-width): ask the terminal */
	want_probe = !headless &&
		     config_choice(ui.cfg, CONFIG_READER_AMBIGUOUS_WIDTH) == CONFIG_AMBIGUOUS_AUTO;
	if (!term_open(headless, want_probe ? &probed : NULL)) {
		free(script.text);
		ui_free(&ui);
		return 1;
	}
	/* lay out at the pane's width from the start: changing the width later drops the cache
	 * of every block, which costs time on a long document */
	ui.lo.width = reading_width(&ui, COLS);
	if (probed)
		ui.lo.ambiguous_width = probed;
	ui.lay = layout_new(ui.doc, &ui.lo);
	reader_setup(&ui);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	curs_set(0);
	ui_styles_init(&ui);
	if (!headless && config_bool(ui.cfg, CONFIG_UI_MOUSE)) {
		mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED |
				  BUTTON1_RELEASED | REPORT_MOUSE_POSITION /* drag selects */
#ifdef BUTTON5_PRESSED
				  | BUTTON5_PRESSED
#endif
			  ,
			  NULL);
		mouseinterval(0);
	}
	refresh(); /* stdscr once, before the windows (cjk-layout.md §3.4.7) */
	ui_geometry(&ui);
	if (!ui.load_job) {
		doc_ready(&ui, true);
	} else {
		/* the first part of a long file: the saved place, when it is in that part */
		if ((annot_ui_position_hint(&ui, &off) ||
		     (ui.doc_key && readpos_peek(ui.state_dir, ui.doc_key, &off))) &&
		    off + HEAD_MARGIN < ui.doc->len)
			reader_goto(&ui.rd, off, 0);
		ui.load_job->origin = ui.rd.cur_off;
		pane_entities_rebuild(&ui);
	}
	saved_off = ui.rd.cur_off;
	last_save = time(NULL);
	if (bench && *bench) {
		bench_run(&ui, strtol(bench, NULL, 10), t0);
		goto out;
	}
	for (;;) {
		wint_t wc = 0;
		int key, r = 0, got;
		char *cmdline = NULL;

		if ((load_st = load_collect(&ui, false)) != OK)
			break;
		ents_collect(&ui, script.text != NULL);
		ui_draw(&ui);
		/* the first screen is out: now the work that would have delayed it */
		load_begin(&ui);
		if (!ui.ent_started && !ui.load_job)
			ents_start(&ui);
		if (script.text) {
			key = script_next(&script, &cmdline);
			if (key == JKEY_NONE - 1)
				break;
			got = OK;
		} else {
			WINDOW *in = ui.status ? ui.status : stdscr;

			/* poll while the entities are being found, block otherwise; a moved
			 * position not yet saved wakes the loop when it is due (a kill then loses at
			 * most SAVE_EVERY_SEC seconds of it) */
			int tmo = ui.load_job ? 50 : ui.ent_job ? 100 : -1;

			if (ui.rd.cur_off != saved_off) {
				long due = (long)(SAVE_EVERY_SEC - (time(NULL) - last_save)) * 1000;

				due = due < 100 ? 100 : due;
				tmo = tmo < 0 || due < tmo ? (int)due : tmo;
			}
			wtimeout(in, tmo);
			got = wget_wch(in, &wc);
			if (got == ERR) {
				if (ui.rd.cur_off != saved_off &&
				    time(NULL) - last_save >= SAVE_EVERY_SEC) {
					save_position(&ui);
					saved_off = ui.rd.cur_off;
					last_save = time(NULL);
				}
				continue;
			}
			if (got == KEY_CODE_YES && wc == KEY_RESIZE) {
				ui_geometry(&ui);
				continue;
			}
			if (got == KEY_CODE_YES && wc == KEY_MOUSE) {
				if ((load_st = load_collect(&ui, true)) != OK)
					break;
				r = handle_mouse(&ui);
				goto after;
			}
			key = key_from_curses(got, wc);
		}
		if (cmdline) {
			char *s = cmdline, *end;
			enum cmd c;

			if ((load_st = load_collect(&ui, true)) != OK)
				break;
			for (end = s; *end && *end != ' '; end++)
				;
			c = cmd_from_namen(s, (size_t)(end - s));
			while (*end == ' ')
				end++;
			r = c == CMD_NONE ? 0 : run_command(&ui, c, *end ? end : NULL);
			if (c == CMD_NONE)
				ui_message(&ui, true, "unknown command: %s", s);
			goto after;
		}
		if (key == JKEY_NONE)
			continue;
		if (ui.too_small) {
			if (keymap_lookup(ui.km, KEYMAP_GLOBAL, key) == CMD_QUIT)
				break;
			continue;
		}
		if (annot_ui_modal(&ui)) /* note editor, lists, confirmation */
			r = annot_ui_key(&ui, key);
		else if (ui.prompt)
			r = prompt_key(&ui, key);
		else if (ui.help)
			r = help_key(&ui, keymap_lookup(ui.km, KEYMAP_LIST, key));
		else {
			enum cmd c = keymap_lookup(ui.km, ui.panes[ui.focus].ops->ctx, key);

			if (ui.load_job && cmd_needs_whole(&ui, c) &&
			    (load_st = load_collect(&ui, true)) != OK)
				break;
			if (c != CMD_NONE)
				ui.msg[0] = '\0';
			r = run_command(&ui, c, NULL);
		}
after:
		if (r & UI_QUIT)
			break;
		if (r & UI_RELAYOUT)
			ui_geometry(&ui);
		if (r & UI_REDRAW)
			ui_dirty_all(&ui);
		if (ui.ent_scope == 2)
			pane_entities_rebuild(&ui);
		if (ui.rd.cur_off != saved_off && time(NULL) - last_save >= SAVE_EVERY_SEC) {
			save_position(&ui);
			saved_off = ui.rd.cur_off;
			last_save = time(NULL);
		}
	}
out:
	save_position(&ui);
	term_close();
	if (load_st != OK) { /* the whole file failed after its first part was shown */
		fprintf(stderr, "jingdu: %s: %s\n", ui.doc->path, status_str(load_st));
		rc = 1;
	}
	free(script.text);
	ui_free(&ui);
	return rc;
}
