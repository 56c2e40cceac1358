/* annot_ui.h — highlights, notes, bookmarks, reading position and export in the reader: the
 * character cursor and the selection of the reading pane (models in selection.h), the note
 * line editor (noteedit.h) on the status line, the highlight and bookmark lists and the export
 * format list drawn over the reading pane, and the link to the notes database (annot.h).
 * ui.c and pane_read.c call these hooks; all the state lives in struct annot_ui (annot_ui.c).
 *
 * Without a database (it cannot be opened, is corrupt, or the directory is not writable) the
 * reader still reads: the status line says why, changes are refused with that message and the
 * reading position falls back to the state file (readpos.h). */
#ifndef JINGDU_ANNOT_UI_H
#define JINGDU_ANNOT_UI_H

#include "ui_private.h"

/* Open the database (before the document: it knows the last document read). */
void annot_ui_init(struct ui *ui);
/* The last document read according to the database (owned), or NULL. */
char *annot_ui_last_path(struct ui *ui);
/* After the document is loaded and laid out: find or register it, load its highlights and
 * bookmarks, report a re-anchoring. */
void annot_ui_open_doc(struct ui *ui);
/* The saved reading position; false when the database has none for this document. */
bool annot_ui_position(struct ui *ui, size_t *off);
/* The saved position of the document at ui->doc_key before the document is known (a hint for the
 * first screen of a long file); false when none. */
bool annot_ui_position_hint(struct ui *ui, size_t *off);
/* Save the reading position; false when there is no database to save it in. */
bool annot_ui_save_position(struct ui *ui);
void annot_ui_free(struct ui *ui);

/* A command (key or `:`), before the panes see it; 0 when not ours. */
int annot_ui_command(struct ui *ui, enum cmd c, const char *arg);
/* Something modal is open (note editor, a list, a confirmation): every key goes to
 * annot_ui_key first. */
bool annot_ui_modal(struct ui *ui);
int annot_ui_key(struct ui *ui, int key);
/* The note editor is open (the terminal cursor is shown on the status line). */
bool annot_ui_editing(struct ui *ui);

/* Drawing the reading pane: once per draw for the byte range shown, then per cell (returns
 * the attributes to draw it with: over=false before the entity mentions and search matches are
 * applied, for the highlight colours; over=true after them, for the selection and the cursor
 * cell), then per row (the note marker in the left border). */
void annot_ui_draw_begin(struct ui *ui, size_t a, size_t b);
attr_t annot_ui_cell_attr(struct ui *ui, const struct layout_cell *c, attr_t a, bool cursor_line,
			  bool over);
void annot_ui_draw_row(struct ui *ui, struct pane *p, int y, const struct layout_line *l);
/* The status line while the editor or a confirmation is open; false when it is not ours. */
bool annot_ui_draw_status(struct ui *ui, WINDOW *w);
/* A list over the reading pane, when one is open (after the panes, before doupdate). */
void annot_ui_draw_overlay(struct ui *ui);
/* Mouse in the reading pane: press starts a selection, drag extends it; 0 when not ours. */
int annot_ui_mouse(struct ui *ui, struct pane *p, int y, int x, mmask_t bstate);
/* While button 1 is held after a press in the reading pane, every mouse event (motion, release,
 * wherever it is) goes to annot_ui_drag (screen coordinates); so does a motion report without
 * a press, which is ignored (returns 0: no focus change, no redraw). */
bool annot_ui_dragging(struct ui *ui);
int annot_ui_drag(struct ui *ui, int y, int x, mmask_t bstate);

#endif
