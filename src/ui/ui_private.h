/* ui_private.h — what the files of src/ui share: the reader's state (struct ui), the pane
 * interface, styles and the drawing helpers. Only the files in src/ui include it; it is the only
 * header besides ui.h that pulls in curses (after the project headers: curses.h defines OK,
 * which must not rename enum status's OK before util.h declares it).
 *
 * Flow: ui.c reads a key, turns it into a command through the keymap (focused pane's context,
 * then global), offers it to the focused pane's key handler, then to the global handler. The
 * handlers change models and return UI_* flags; they never paint. Once per loop iteration ui.c
 * draws the dirty panes into their windows (wnoutrefresh) and calls doupdate() once. */
#ifndef JINGDU_UI_PRIVATE_H
#define JINGDU_UI_PRIVATE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "jingdu/cli.h"
#include "jingdu/cmd.h"
#include "jingdu/config.h"
#include "jingdu/doc.h"
#include "jingdu/entity.h"
#include "jingdu/keymap.h"
#include "jingdu/layout.h"
#include "jingdu/listmodel.h"
#include "jingdu/outline.h"
#include "jingdu/reader.h"
#include "jingdu/search.h"
#include "jingdu/theme.h"

#include <curses.h>

/* Handler results (htop's HandlerResult). 0 = not handled. */
enum {
	UI_HANDLED = 1 << 0,
	UI_REDRAW = 1 << 1,   /* the panes' contents changed */
	UI_RELAYOUT = 1 << 2, /* pane geometry changed */
	UI_QUIT = 1 << 3,
};

/* The UI's styles and the theme element each one takes its colours from (theme.h). */
#define UI_STYLE_INFO(_) \
	_(TEXT, TEXT) \
	_(TITLE, TITLE) \
	_(BYLINE, BYLINE) \
	_(HEADING, HEADING) \
	_(CODE, CODE) \
	_(QUOTE, QUOTE) \
	_(LIST_MARKER, LIST_MARKER) \
	_(FOOTER, FOOTER) \
	_(LEFTOVER, LEFTOVER) \
	_(DIM, DIM) \
	_(CURSORLINE, CURSOR) \
	_(SEARCH_MATCH, SEARCH_MATCH) \
	_(MENTION, ENTITY_MENTION) \
	_(BORDER, PANE_BORDER) \
	_(PANE_TITLE, PANE_TITLE) \
	_(PANE_TITLE_FOCUS, PANE_TITLE_FOCUS) \
	_(SELECTION, LIST_SELECTED) \
	_(CURRENT, LIST_CURRENT) \
	_(MARKED, ENTITY_MENTION) \
	_(STATUS, STATUS) \
	_(STATUS_MSG, STATUS_MSG) \
	_(STATUS_ERROR, STATUS_ERROR) \
	_(PROMPT, PROMPT) \
	_(HELP_KEY, HELP_KEY) \
	_(ENTITY_PER, ENTITY_PER) \
	_(ENTITY_ORG, ENTITY_ORG) \
	_(ENTITY_PRODUCT, ENTITY_PRODUCT) \
	_(ENTITY_LOC, ENTITY_LOC) \
	_(ENTITY_TERM, ENTITY_TERM) \
	_(HL1, HIGHLIGHT1) /* annot_ui.c: highlights, the selection, note markers */ \
	_(HL2, HIGHLIGHT2) \
	_(HL3, HIGHLIGHT3) \
	_(HL4, HIGHLIGHT4) \
	_(TEXT_SELECTION, SELECTION) \
	_(NOTE_MARKER, NOTE_MARKER)

enum ui_style {
#define UI_STYLE_ENUM(id, element) ST_##id,
	UI_STYLE_INFO(UI_STYLE_ENUM)
#undef UI_STYLE_ENUM
	ST_COUNT
};

enum pane_id { PANE_SECTIONS, PANE_READ, PANE_ENTITIES, PANE_COUNT };

struct ui;
struct pane;
struct annot_ui; /* annot_ui.c */
struct load_job; /* ui.c: the whole document loading while its first part is shown */

struct pane_ops {
	const char *name;
	enum keymap_ctx ctx;
	void (*draw)(struct ui *ui, struct pane *p);
	/* A command with its argument (NULL or the text after the name at the `:` prompt). */
	int (*key)(struct ui *ui, struct pane *p, enum cmd c, const char *arg);
	/* y, x inside the pane's window; bstate from curses. */
	int (*mouse)(struct ui *ui, struct pane *p, int y, int x, mmask_t bstate);
	void (*resize)(struct ui *ui, struct pane *p);
	void (*focus)(struct ui *ui, struct pane *p, bool focused);
};

struct pane {
	const struct pane_ops *ops;
	WINDOW *win;
	int y, x, h, w; /* screen geometry, border included */
	bool shown;     /* on screen now (wide layout: not hidden; narrow: overlay open) */
	bool overlay;   /* drawn over the reading pane (narrow terminals) */
	bool dirty;
	struct listmodel lm; /* lists: the selection */
};

/* One row of the entities pane: a type header or an entity. */
struct ent_row {
	bool header;
	enum entity_type type;
	size_t id, count;
};

struct ui {
	const struct cli_opts *opts;
	struct config *cfg; /* owns the keymap */
	struct theme *theme;
	struct doc *doc;
	char *doc_key; /* readpos key, or NULL (stdin) */
	char *state_dir;
	struct layout *lay;
	struct layout_opts lo;
	struct reader rd;
	struct outline outline; /* the sections pane's folds */
	struct keymap *km;
	struct entity_set *ents;   /* NULL until extraction finished (it runs in a thread) */
	struct ent_job *ent_job;   /* the extraction in progress, or NULL */
	bool ent_started;          /* extraction started (after the first screen is drawn) */
	struct load_job *load_job; /* doc is a long file's first part while this loads the
				    * whole; NULL once the whole document is in place */
	pthread_t retire_thread;   /* freeing an old layout */
	bool retiring;

	struct pane panes[PANE_COUNT];
	int focus;
	bool hide_sections, hide_entities; /* wide layout toggles */
	int sections_pct, entities_pct;    /* pane widths in percent */
	int overlay_below;                 /* narrow below this many columns */
	enum search_case search_case;
	bool search_wrap;
	size_t ent_min_count;
	bool narrow, too_small;
	int rows, cols;
	WINDOW *status;

	/* styles */
	attr_t st_attr[ST_COUNT];
	short st_pair[ST_COUNT];

	/* search */
	struct search srch;
	bool have_search;
	bool search_backward;
	size_t match_start, match_end; /* current match, NPOS when none */

	/* entities */
	int ent_scope;        /* 0 section, 1 whole document, 2 read so far */
	size_t ent_selected;  /* the highlighted entity (Enter), NPOS when none */
	struct ent_row *ent_rows;
	size_t n_ent_rows, cap_ent_rows;
	size_t ent_section;   /* section the rows were built for */

	/* prompt: '/', '\\' (backward search), ':' or 0 */
	int prompt;
	wchar_t pbuf[512];
	size_t plen, pcur;
	size_t prompt_origin_top, prompt_origin_cur;

	/* help overlay */
	bool help;
	char **help_lines;
	size_t n_help_lines;
	struct listmodel help_lm;

	char msg[512];
	bool msg_error;
	size_t last_section; /* for noticing section changes */
	bool status_dirty;
	bool mouse;

	struct annot_ui *annot; /* highlights, notes, bookmarks, position (annot_ui.h) */
};

/* draw.c */
void ui_styles_init(struct ui *ui);
/* Draw UTF-8 text at (y, x) into at most maxw columns, sanitized (controls and bidi controls
 * become U+FFFD, no ZWJ/VS16); returns the columns used. */
int ui_put(WINDOW *w, int y, int x, int maxw, const char *s, size_t len, enum ui_style st,
	   attr_t extra);
/* Columns that ui_put would use for s. */
int ui_str_width(const char *s, size_t len);
/* A cchar_t from one layout cell; returns columns (0 when nothing to draw). */
int ui_cell_cchar(const struct layout_cell *c, attr_t a, short pair, cchar_t *out, int room);
void ui_box(struct ui *ui, struct pane *p, const char *title, const char *right);
attr_t ui_attr(struct ui *ui, enum ui_style st);

/* pane_read.c, pane_list.c */
extern const struct pane_ops pane_read_ops;
extern const struct pane_ops pane_sections_ops;
extern const struct pane_ops pane_entities_ops;
void pane_entities_rebuild(struct ui *ui);
/* n/N over the selected entity's mentions; 0 when no entity is selected. */
int pane_entities_jump(struct ui *ui, int dir);

/* ui.c services for the panes */
void ui_message(struct ui *ui, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ui_dirty_all(struct ui *ui);
size_t ui_current_section(struct ui *ui);
void ui_jump_section(struct ui *ui, size_t sec);
void ui_search_step(struct ui *ui, bool forward, bool from_cursor);
void ui_focus(struct ui *ui, int pane);
/* Free a layout that is no longer used, in a background thread (joined before the next one
 * and before the document is freed). */
void ui_layout_retire(struct ui *ui, struct layout *old);

/* term_probe.c: how many columns the terminal gives East Asian Ambiguous characters (1 or 2;
 * 1 when it does not say within timeout_ms). Before curses has the terminal. rest (64 bytes)
 * gets the keys read meanwhile, *nrest their count, to be pushed back into curses' input. */
#define TERM_PROBE_REST 64
/* CLOCK_MONOTONIC in milliseconds (ui.c). */
double ui_now_ms(void);
int term_probe_ambiguous(int in_fd, int out_fd, int timeout_ms, char *rest, size_t *nrest);

#endif
