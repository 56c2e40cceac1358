/* outline.h — the sections pane's model, curses-free: which sections are folded and which rows
 * the outline shows. A folded section hides its subsections (the sections after it with a
 * deeper level, up to the next one of its level or shallower); the row of a hidden section is
 * its nearest shown ancestor's. Folding changes rows only: reading order, `]`/`[` and jumps go
 * through every section.
 *
 * Lifetime: borrows the document (its sections); outline_fini() frees what init allocated. A
 * new document (the whole one after a long file's first part) needs a new outline. */
#ifndef JINGDU_OUTLINE_H
#define JINGDU_OUTLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "jingdu/doc.h"

struct outline {
	const struct doc *doc;
	bool *folded;  /* per section */
	size_t *rows;  /* the shown sections, in order */
	size_t n_rows;
};

/* Every section shown, none folded. */
void outline_init(struct outline *o, const struct doc *d);
void outline_fini(struct outline *o);
/* Does sec have subsections (something to fold)? */
bool outline_has_children(const struct outline *o, size_t sec);
/* Fold sec, or unfold it when folded. A section without subsections does not fold: false. */
bool outline_toggle(struct outline *o, size_t sec);
/* The row showing sec: its own, or its nearest folded ancestor's. NPOS for an unknown section. */
size_t outline_row_of(const struct outline *o, size_t sec);
/* The section shown on row, or NPOS past the last row. */
size_t outline_section_at(const struct outline *o, size_t row);

#endif
