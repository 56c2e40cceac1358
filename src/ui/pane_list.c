/* pane_list.c — the two side panes, both lists over a listmodel: the sections pane (the outline,
 * nesting indented, the current section marked with ▶, sections that mention the selected entity
 * marked with •) and the entities pane (the current section's entities grouped by type with
 * counts; whole-document and read-so-far scopes). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_private.h"
#include "jingdu/util.h"

/* ---- shared row drawing ---- */

static void
row_clear(WINDOW *w, int y, int x, int width, attr_t a)
{
	int i;

	wattrset(w, a);
	for (i = 0; i < width; i++)
		mvwaddch(w, y, x + i, ' ');
	wattrset(w, A_NORMAL);
}

static bool
doc_is_cjk(const struct doc *d)
{
	size_t i, cjk = 0, n = 0, off = 0;

	for (i = 0; off < d->len && i < 400; i++) {
		uint32_t cp;

		off += (size_t)utf8_decode(d->text + off, d->len - off, &cp);
		if (cp > ' ') {
			n++;
			cjk += uc_is_cjk(cp);
		}
	}
	return n && cjk * 3 > n;
}

/* ---- sections ---- */

static const char *
section_label(struct ui *ui, size_t i)
{
	const struct section *s = &ui->doc->sections[i];

	if (i == 0 && s->heading == NPOS && ui->doc->n_sections > 1)
		return doc_is_cjk(ui->doc) ? "导语" : "Lead";
	return s->title;
}

static void
sections_draw(struct ui *ui, struct pane *p)
{
	struct listmodel *lm = &p->lm;
	size_t cur = ui_current_section(ui), y, cur_row = outline_row_of(&ui->outline, cur);
	int cw = p->w - 2;
	bool focused = ui->focus == PANE_SECTIONS;

	listmodel_set_rows(lm, ui->outline.n_rows);
	listmodel_set_height(lm, p->h > 2 ? (size_t)(p->h - 2) : 1);
	if (!focused)
		listmodel_select(lm, cur_row);
	werase(p->win);
	ui_box(ui, p, "Sections", NULL);
	if (cw <= 0)
		return;
	for (y = 0; y + 2 < (size_t)p->h; y++) {
		size_t row = listmodel_item_at(lm, y), i;
		const struct section *s;
		const char *label;
		attr_t a = ui_attr(ui, ST_TEXT);
		int x = 1, indent;

		if (row == NPOS || (i = outline_section_at(&ui->outline, row)) == NPOS)
			break;
		s = &ui->doc->sections[i];
		if (row == lm->sel && focused)
			a = ui_attr(ui, ST_SELECTION);
		else if (row == cur_row)
			a = ui_attr(ui, ST_CURRENT);
		row_clear(p->win, 1 + (int)y, 1, cw, a);
		if (row == cur_row) /* the current section, or the folded one that holds it */
			ui_put(p->win, 1 + (int)y, x, 1, "▶", strlen("▶"), ST_CURRENT,
			       row == lm->sel && focused ? a : ui_attr(ui, ST_CURRENT));
		if (ui->ents && ui->ent_selected != NPOS && cw > 2 &&
		    entity_count_in_section(ui->ents, ui->ent_selected, i))
			ui_put(p->win, 1 + (int)y, x + 1, 1, "•", strlen("•"), ST_MARKED,
			       row == lm->sel && focused ? a : ui_attr(ui, ST_MARKED));
		indent = 2 + (s->level > 1 ? (s->level - 1) * 2 : 0);
		if (ui->outline.folded[i] && indent + 2 < cw) { /* folded: ▸ before the title */
			ui_put(p->win, 1 + (int)y, x + indent, 2, "▸ ", strlen("▸ "), ST_TEXT, a);
			indent += 2;
		}
		if (indent >= cw)
			continue;
		label = section_label(ui, i);
		ui_put(p->win, 1 + (int)y, x + indent, cw - indent, label, strlen(label), ST_TEXT, a);
	}
}

static int
sections_key(struct ui *ui, struct pane *p, enum cmd c, const char *arg)
{
	struct listmodel *lm = &p->lm;

	(void)arg;
	if (listmodel_command(lm, c))
		return UI_HANDLED | UI_REDRAW;
	switch (c) {
	case CMD_ACTIVATE:
		if (outline_section_at(&ui->outline, lm->sel) != NPOS) {
			ui_jump_section(ui, outline_section_at(&ui->outline, lm->sel));
			if (p->overlay)
				ui_focus(ui, PANE_READ);
		}
		return UI_HANDLED | UI_REDRAW | UI_RELAYOUT;
	case CMD_FOLD_TOGGLE: {
		size_t sec = outline_section_at(&ui->outline, lm->sel);

		if (sec == NPOS || !outline_toggle(&ui->outline, sec)) {
			ui_message(ui, false, "no subsections to fold");
			break;
		}
		listmodel_set_rows(lm, ui->outline.n_rows);
		listmodel_select(lm, outline_row_of(&ui->outline, sec));
		break;
	}
	default:
		return 0;
	}
	return UI_HANDLED | UI_REDRAW;
}

/* Mouse in a list pane: the wheel scrolls (true, *flags set); otherwise *item is the row's
 * item under the pointer, or NPOS outside the list. */
static bool
list_mouse_item(struct pane *p, int y, mmask_t bstate, size_t *item, int *flags)
{
	*flags = UI_HANDLED | UI_REDRAW;
	if (bstate & BUTTON4_PRESSED) {
		listmodel_scroll(&p->lm, -3);
		return true;
	}
#ifdef BUTTON5_PRESSED
	if (bstate & BUTTON5_PRESSED) {
		listmodel_scroll(&p->lm, 3);
		return true;
	}
#endif
	*item = y < 1 || y >= p->h - 1 ? NPOS : listmodel_item_at(&p->lm, (size_t)(y - 1));
	return false;
}

static int
sections_mouse(struct ui *ui, struct pane *p, int y, int x, mmask_t bstate)
{
	size_t i;
	int flags;

	(void)x;
	if (list_mouse_item(p, y, bstate, &i, &flags))
		return flags;
	if (i == NPOS || outline_section_at(&ui->outline, i) == NPOS)
		return UI_HANDLED;
	listmodel_select(&p->lm, i);
	ui_jump_section(ui, outline_section_at(&ui->outline, i));
	return UI_HANDLED | UI_REDRAW;
}

static void
list_resize(struct ui *ui, struct pane *p)
{
	(void)ui;
	listmodel_set_height(&p->lm, p->h > 2 ? (size_t)(p->h - 2) : 1);
}

static void
sections_focus(struct ui *ui, struct pane *p, bool focused)
{
	if (focused)
		listmodel_select(&p->lm, outline_row_of(&ui->outline, ui_current_section(ui)));
	p->dirty = true;
}

const struct pane_ops pane_sections_ops = {
	.name = "sections",
	.ctx = KEYMAP_SECTIONS,
	.draw = sections_draw,
	.key = sections_key,
	.mouse = sections_mouse,
	.resize = list_resize,
	.focus = sections_focus,
};

/* ---- entities ---- */

static enum ui_style
type_style(enum entity_type t)
{
	switch (t) {
	case ENTITY_PER:
		return ST_ENTITY_PER;
	case ENTITY_ORG:
		return ST_ENTITY_ORG;
	case ENTITY_PRODUCT:
		return ST_ENTITY_PRODUCT;
	case ENTITY_LOC:
		return ST_ENTITY_LOC;
	default:
		return ST_ENTITY_TERM;
	}
}

static void
ent_add_row(struct ui *ui, struct ent_row r)
{
	ui->ent_rows = xgrow(ui->ent_rows, &ui->cap_ent_rows, ui->n_ent_rows + 1,
			     sizeof(*ui->ent_rows));
	ui->ent_rows[ui->n_ent_rows++] = r;
}

void
pane_entities_rebuild(struct ui *ui)
{
	struct entity_view v = {NULL, 0};
	struct pane *p = &ui->panes[PANE_ENTITIES];
	size_t sel_id = NPOS, i;
	int t;

	/* keep the selection on the same entity while the user works in the pane; otherwise
	 * start from the highlighted entity or the top of the new list */
	if (ui->focus == PANE_ENTITIES && p->lm.sel < ui->n_ent_rows &&
	    !ui->ent_rows[p->lm.sel].header)
		sel_id = ui->ent_rows[p->lm.sel].id;
	else
		listmodel_init(&p->lm);
	/* the pane's height before any move: with the fresh model's height of 1, skipping the
	 * first group's header would scroll it out of view */
	listmodel_set_height(&p->lm, p->h > 2 ? (size_t)(p->h - 2) : 1);
	ui->n_ent_rows = 0;
	ui->ent_section = ui_current_section(ui);
	if (ui->ents) {
		if (ui->ent_scope == 1)
			entity_view_document(ui->ents, &v);
		else if (ui->ent_scope == 2)
			entity_view_before(ui->ents, reader_view_end(&ui->rd), &v);
		else
			entity_view_section(ui->ents, ui->ent_section, &v);
		for (t = 0; t < ENTITY_N_TYPES; t++) {
			size_t header = ui->n_ent_rows, total = 0;

			for (i = 0; i < v.n; i++) {
				const struct entity *e = entity_get(ui->ents, v.refs[i].id);

				if (!e || (int)e->type != t || v.refs[i].count < ui->ent_min_count)
					continue;
				if (total == 0)
					ent_add_row(ui, (struct ent_row){true, (enum entity_type)t, 0, 0});
				ent_add_row(ui, (struct ent_row){false, (enum entity_type)t, v.refs[i].id,
								 v.refs[i].count});
				total++;
			}
			if (total)
				ui->ent_rows[header].count = total;
		}
		entity_view_fini(&v);
	}
	listmodel_set_rows(&p->lm, ui->n_ent_rows);
	for (i = 0; i < ui->n_ent_rows; i++)
		if (!ui->ent_rows[i].header && ui->ent_rows[i].id == (sel_id != NPOS ? sel_id : ui->ent_selected)) {
			listmodel_select(&p->lm, i);
			break;
		}
	if (i == ui->n_ent_rows && p->lm.sel < ui->n_ent_rows && ui->ent_rows[p->lm.sel].header)
		listmodel_move(&p->lm, 1);
	p->dirty = true;
}

static void
entities_draw(struct ui *ui, struct pane *p)
{
	struct listmodel *lm = &p->lm;
	int cw = p->w - 2;
	size_t y;
	char title[64];
	bool focused = ui->focus == PANE_ENTITIES;

	if (ui->ent_scope == 0 && ui->ent_section != ui_current_section(ui))
		pane_entities_rebuild(ui);
	if (ui->ent_scope == 1)
		snprintf(title, sizeof(title), "Entities · all");
	else if (ui->ent_scope == 2)
		snprintf(title, sizeof(title), "Entities · read");
	else if (ui->doc->sections[ui->ent_section].number > 0)
		snprintf(title, sizeof(title), "Entities · %02d", ui->doc->sections[ui->ent_section].number);
	else if (ui->ent_section == 0 && ui->doc->sections[0].heading == NPOS && ui->doc->n_sections > 1)
		snprintf(title, sizeof(title), "Entities · %s", section_label(ui, 0));
	else
		snprintf(title, sizeof(title), "Entities · %zu/%zu", ui->ent_section + 1, ui->doc->n_sections);
	listmodel_set_height(lm, p->h > 2 ? (size_t)(p->h - 2) : 1);
	werase(p->win);
	ui_box(ui, p, title, NULL);
	if (cw <= 0)
		return;
	if (ui->n_ent_rows == 0) {
		const char *empty = ui->ents	  ? "no entities here"
				    : ui->ent_job || ui->load_job ? "finding entities…"
						  : "no entities yet";

		if (p->h > 2)
			ui_put(p->win, 1, 2, cw - 1, empty, strlen(empty), ST_DIM, ui_attr(ui, ST_DIM));
		return;
	}
	for (y = 0; y + 2 < (size_t)p->h; y++) {
		size_t i = listmodel_item_at(lm, y);
		const struct ent_row *r;
		attr_t a;
		char cnt[24];
		int cntw, namew;

		if (i == NPOS)
			break;
		r = &ui->ent_rows[i];
		if (r->header) {
			const char *label = entity_type_label(r->type);
			char buf[64];

			snprintf(buf, sizeof(buf), "%s %s", label, entity_type_str(r->type));
			a = ui_attr(ui, type_style(r->type)) | A_BOLD;
			row_clear(p->win, 1 + (int)y, 1, cw, ui_attr(ui, ST_TEXT));
			ui_put(p->win, 1 + (int)y, 1, cw, buf, strlen(buf), ST_TEXT, a);
			continue;
		}
		{
			const struct entity *e = entity_get(ui->ents, r->id);

			if (i == lm->sel && focused)
				a = ui_attr(ui, ST_SELECTION);
			else if (r->id == ui->ent_selected)
				a = ui_attr(ui, ST_MENTION);
			else
				a = ui_attr(ui, type_style(r->type));
			row_clear(p->win, 1 + (int)y, 1, cw, a);
			snprintf(cnt, sizeof(cnt), "%zu", r->count);
			cntw = (int)strlen(cnt);
			namew = cw - 2 - cntw - 2; /* a blank between name and count */
			if (namew > 0 && e)
				ui_put(p->win, 1 + (int)y, 3, namew, e->name, strlen(e->name), ST_TEXT, a);
			if (cntw + 1 < cw)
				ui_put(p->win, 1 + (int)y, 1 + cw - cntw - 1, cntw, cnt, (size_t)cntw,
				       ST_TEXT, a);
		}
	}
}

/* Jump to the next (dir > 0) or previous mention of the selected entity after/before the
 * cursor, wrapping; reports "name k/n" in the status line. */
static void
ent_jump(struct ui *ui, int dir)
{
	const struct entity *e;
	const struct entity_mention *m;
	size_t k;
	bool wrapped = false;

	if (!ui->ents || ui->ent_selected == NPOS || !(e = entity_get(ui->ents, ui->ent_selected)))
		return;
	if (dir > 0) {
		m = entity_mention_next(ui->ents, ui->ent_selected, ui->rd.cur_off);
		if (!m) {
			m = entity_mention_next(ui->ents, ui->ent_selected, 0);
			if (m && m->start != 0)
				wrapped = true;
			if (!m && e->count && (m = entity_set_mention(ui->ents, e->mentions[0])))
				wrapped = true;
		}
	} else {
		m = entity_mention_prev(ui->ents, ui->ent_selected, ui->rd.cur_off);
		if (!m) {
			m = entity_mention_prev(ui->ents, ui->ent_selected, SIZE_MAX - 1);
			wrapped = true;
		}
	}
	if (!m)
		return;
	reader_goto(&ui->rd, m->start, ui->rd.height / 3);
	ui->rd.cur_off = m->start;
	for (k = 0; k < e->count; k++)
		if (entity_set_mention(ui->ents, e->mentions[k])->start == m->start)
			break;
	ui_message(ui, false, "%s %zu/%zu%s", e->name, k + 1, e->count,
		   wrapped ? (dir > 0 ? " · wrapped to the top" : " · wrapped to the bottom") : "");
}

int
pane_entities_jump(struct ui *ui, int dir)
{
	if (ui->ent_selected == NPOS)
		return 0;
	ent_jump(ui, dir);
	return UI_HANDLED | UI_REDRAW;
}

static int
entities_key(struct ui *ui, struct pane *p, enum cmd c, const char *arg)
{
	struct listmodel *lm = &p->lm;
	long dir = listmodel_command(lm, c);

	(void)arg;
	if (dir == 0 && c != CMD_ACTIVATE)
		return 0;
	if (c == CMD_ACTIVATE) {
		if (lm->sel < ui->n_ent_rows && !ui->ent_rows[lm->sel].header) {
			ui->ent_selected = ui->ent_rows[lm->sel].id;
			ui->panes[PANE_SECTIONS].dirty = true;
			ent_jump(ui, 1);
			if (p->overlay)
				ui_focus(ui, PANE_READ);
		}
		return UI_HANDLED | UI_REDRAW;
	}
	/* skip type headers */
	while (lm->sel < ui->n_ent_rows && ui->ent_rows[lm->sel].header) {
		size_t before = lm->sel;

		listmodel_move(lm, dir);
		if (lm->sel == before) {
			listmodel_move(lm, -dir);
			if (lm->sel == before)
				break;
		}
	}
	return UI_HANDLED | UI_REDRAW;
}

static int
entities_mouse(struct ui *ui, struct pane *p, int y, int x, mmask_t bstate)
{
	size_t i;
	int flags;

	(void)x;
	if (list_mouse_item(p, y, bstate, &i, &flags))
		return flags;
	if (i == NPOS || ui->ent_rows[i].header)
		return UI_HANDLED;
	listmodel_select(&p->lm, i);
	return entities_key(ui, p, CMD_ACTIVATE, NULL);
}

static void
entities_focus(struct ui *ui, struct pane *p, bool focused)
{
	(void)ui;
	(void)focused;
	p->dirty = true;
}

const struct pane_ops pane_entities_ops = {
	.name = "entities",
	.ctx = KEYMAP_ENTITIES,
	.draw = entities_draw,
	.key = entities_key,
	.mouse = entities_mouse,
	.resize = list_resize,
	.focus = entities_focus,
};
