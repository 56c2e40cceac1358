/* listmodel.c — scroll/selection arithmetic for lists (see listmodel.h). */
#include "jingdu/listmodel.h"

#include "jingdu/util.h"

static size_t
lm_height(const struct listmodel *m)
{
	return m->height ? m->height : 1;
}

static void
lm_fix(struct listmodel *m)
{
	size_t h = lm_height(m);

	if (m->rows == 0) {
		m->sel = m->top = 0;
		return;
	}
	if (m->sel >= m->rows)
		m->sel = m->rows - 1;
	if (m->sel < m->top)
		m->top = m->sel;
	if (m->sel >= m->top + h)
		m->top = m->sel - h + 1;
	/* no blank rows at the bottom when the list could fill them */
	if (m->top + h > m->rows)
		m->top = m->rows > h ? m->rows - h : 0;
}

void
listmodel_init(struct listmodel *m)
{
	m->rows = m->height = m->top = m->sel = 0;
}

void
listmodel_set_rows(struct listmodel *m, size_t rows)
{
	m->rows = rows;
	lm_fix(m);
}

void
listmodel_set_height(struct listmodel *m, size_t height)
{
	m->height = height;
	lm_fix(m);
}

void
listmodel_move(struct listmodel *m, long delta)
{
	if (m->rows == 0)
		return;
	if (delta < 0 && (size_t)-delta > m->sel)
		m->sel = 0;
	else if (delta > 0 && (size_t)delta >= m->rows - m->sel)
		m->sel = m->rows - 1;
	else
		m->sel = (size_t)((long)m->sel + delta);
	lm_fix(m);
}

void
listmodel_page(struct listmodel *m, int pages)
{
	listmodel_move(m, (long)pages * (long)lm_height(m));
}

void
listmodel_select(struct listmodel *m, size_t item)
{
	m->sel = item;
	lm_fix(m);
}

void
listmodel_scroll(struct listmodel *m, long delta)
{
	size_t h = lm_height(m), maxtop = m->rows > h ? m->rows - h : 0;

	if (delta < 0)
		m->top = (size_t)-delta > m->top ? 0 : m->top - (size_t)-delta;
	else
		m->top = MIN(maxtop, m->top + (size_t)delta);
	if (m->sel < m->top)
		m->sel = m->top;
	if (m->sel >= m->top + h)
		m->sel = m->top + h - 1;
	lm_fix(m);
}

size_t
listmodel_item_at(const struct listmodel *m, size_t y)
{
	if (y >= lm_height(m) || m->top + y >= m->rows)
		return NPOS;
	return m->top + y;
}

int
listmodel_command(struct listmodel *m, enum cmd c)
{
	switch (c) {
	case CMD_LINE_DOWN:
		listmodel_move(m, 1);
		return 1;
	case CMD_LINE_UP:
		listmodel_move(m, -1);
		return -1;
	case CMD_PAGE_DOWN:
	case CMD_HALF_PAGE_DOWN:
		listmodel_page(m, 1);
		return 1;
	case CMD_PAGE_UP:
	case CMD_HALF_PAGE_UP:
		listmodel_page(m, -1);
		return -1;
	case CMD_START:
		listmodel_select(m, 0);
		return 1;
	case CMD_END:
		listmodel_select(m, m->rows ? m->rows - 1 : 0);
		return -1;
	default:
		return 0;
	}
}
