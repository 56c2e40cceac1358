/* outline.c — folding the outline of sections (see outline.h). */
#include "jingdu/outline.h"

#include <stdlib.h>

/* The first section after sec that is not one of its subsections. */
static size_t
subtree_end(const struct doc *d, size_t sec)
{
	size_t i = sec + 1;

	while (i < d->n_sections && d->sections[i].level > d->sections[sec].level)
		i++;
	return i;
}

static void
outline_rebuild(struct outline *o)
{
	const struct doc *d = o->doc;
	size_t i = 0;

	o->n_rows = 0;
	while (i < d->n_sections) {
		o->rows[o->n_rows++] = i;
		i = o->folded[i] ? subtree_end(d, i) : i + 1;
	}
}

void
outline_init(struct outline *o, const struct doc *d)
{
	size_t n = d->n_sections ? d->n_sections : 1;

	o->doc = d;
	o->folded = xcalloc(n, sizeof(*o->folded));
	o->rows = xcalloc(n, sizeof(*o->rows));
	outline_rebuild(o);
}

void
outline_fini(struct outline *o)
{
	free(o->folded);
	free(o->rows);
	o->folded = NULL;
	o->rows = NULL;
	o->n_rows = 0;
}

bool
outline_has_children(const struct outline *o, size_t sec)
{
	return sec < o->doc->n_sections && subtree_end(o->doc, sec) > sec + 1;
}

bool
outline_toggle(struct outline *o, size_t sec)
{
	if (!outline_has_children(o, sec))
		return false;
	o->folded[sec] = !o->folded[sec];
	outline_rebuild(o);
	return true;
}

size_t
outline_row_of(const struct outline *o, size_t sec)
{
	size_t lo = 0, hi = o->n_rows;

	if (sec >= o->doc->n_sections || o->n_rows == 0)
		return NPOS;
	/* the last shown section at or before sec: rows are in document order */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (o->rows[mid] <= sec)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t
outline_section_at(const struct outline *o, size_t row)
{
	return row < o->n_rows ? o->rows[row] : NPOS;
}
