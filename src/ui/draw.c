/* draw.c — styles (colour pairs) and the only ways text reaches the screen: layout cells turned
 * into cchar_t, and ui_put() for short strings (titles, entity names, status, help), which
 * sanitizes as the layout does: no control character, ESC or bidi control is ever sent. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui_private.h"
#include "jingdu/util.h"

static const enum theme_element style_element[ST_COUNT] = {
#define UI_STYLE_ELEMENT(id, element) THEME_##element,
	UI_STYLE_INFO(UI_STYLE_ELEMENT)
#undef UI_STYLE_ELEMENT
};

static attr_t
theme_attrs(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & THEME_ATTR_BOLD)
		r |= A_BOLD;
	if (a & THEME_ATTR_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & THEME_ATTR_REVERSE)
		r |= A_REVERSE;
	if (a & THEME_ATTR_DIM)
		r |= A_DIM;
#ifdef A_ITALIC
	if (a & THEME_ATTR_ITALIC)
		r |= A_ITALIC;
#endif
	return r;
}

/* Colour pairs from the theme, resolved for what the terminal (and the config, NO_COLOR,
 * --no-color) allows. Pair i+1 is style i. */
void
ui_styles_init(struct ui *ui)
{
	struct theme_caps term = {0, false, ui->opts && ui->opts->no_color}, caps;
	struct theme_style styles[THEME_ELEMENT_COUNT];
	int i;

	if (has_colors() && !term.no_color && start_color() == OK) {
		use_default_colors();
		term.colors = COLORS;
		term.direct = COLORS >= 0x1000000;
	}
	caps = ui->cfg ? config_theme_caps(ui->cfg, &term) : term;
	theme_resolve(ui->theme, &caps, styles);
	for (i = 0; i < ST_COUNT; i++) {
		const struct theme_style *st = &styles[style_element[i]];

		ui->st_attr[i] = theme_attrs(st->attrs);
		ui->st_pair[i] = 0;
		if (caps.colors > 0 && !caps.no_color && term.colors > 0 &&
		    init_extended_pair(i + 1, st->fg, st->bg) == OK)
			ui->st_pair[i] = (short)(i + 1);
	}
}

attr_t
ui_attr(struct ui *ui, enum ui_style st)
{
	return ui->st_attr[st] | (attr_t)COLOR_PAIR(ui->st_pair[st]);
}

static bool
is_hidden_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x061c || cp == 0x200e ||
	       cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	       (cp >= 0xfff9 && cp <= 0xfffb) || cp == 0xfeff;
}

static bool
is_dropped(uint32_t cp)
{
	return cp == 0x200d || cp == 0xfe0e || cp == 0xfe0f || (cp >= 0xe0000 && cp <= 0xe007f);
}

/* Append one code point to a row of cchar_t: spacing characters start a cell, zero-width ones
 * join the previous cell. Returns the columns added (0 or the width), -1 when it does not fit. */
static int
row_add(cchar_t *row, int *n, wchar_t *cur, int *ncur, uint32_t cp, attr_t a, short pair,
	int room)
{
	int w;
	wchar_t wc[2];

	if (is_dropped(cp))
		return 0;
	if (is_hidden_control(cp))
		cp = 0xfffd;
	w = wcwidth((wchar_t)cp);
	if (w < 0) {
		cp = 0xfffd;
		w = 1;
	}
	if (w == 0) {
		if (*n > 0 && *ncur < CCHARW_MAX - 1) {
			cur[(*ncur)++] = (wchar_t)cp;
			cur[*ncur] = L'\0';
			setcchar(&row[*n - 1], cur, a, pair, NULL);
		}
		return 0;
	}
	if (w > room)
		return -1;
	wc[0] = (wchar_t)cp;
	wc[1] = L'\0';
	setcchar(&row[*n], wc, a, pair, NULL);
	cur[0] = (wchar_t)cp;
	cur[1] = L'\0';
	*ncur = 1;
	(*n)++;
	return w;
}

int
ui_put(WINDOW *w, int y, int x, int maxw, const char *s, size_t len, enum ui_style st,
       attr_t extra)
{
	cchar_t row[512];
	wchar_t cur[CCHARW_MAX + 1];
	int n = 0, ncur = 0, cols = 0;
	size_t off = 0;
	attr_t a;
	short pair;

	if (maxw <= 0 || !s)
		return 0;
	if (maxw > (int)ARRAY_SIZE(row))
		maxw = (int)ARRAY_SIZE(row);
	a = extra;
	pair = PAIR_NUMBER((int)extra);
	a &= ~A_COLOR;
	(void)st;
	while (off < len && s[off]) {
		uint32_t cp;
		int add;

		off += (size_t)utf8_decode(s + off, len - off, &cp);
		add = row_add(row, &n, cur, &ncur, cp, a, pair, maxw - cols);
		if (add < 0)
			break;
		cols += add;
	}
	if (n)
		mvwadd_wchnstr(w, y, x, row, n);
	return cols;
}

int
ui_str_width(const char *s, size_t len)
{
	size_t off = 0;
	int cols = 0;

	while (off < len && s[off]) {
		uint32_t cp;
		int w;

		off += (size_t)utf8_decode(s + off, len - off, &cp);
		if (is_dropped(cp))
			continue;
		if (is_hidden_control(cp))
			cp = 0xfffd;
		w = wcwidth((wchar_t)cp);
		cols += w < 0 ? 1 : w;
	}
	return cols;
}

int
ui_cell_cchar(const struct layout_cell *c, attr_t a, short pair, cchar_t *out, int room)
{
	wchar_t wc[CCHARW_MAX + 1];
	size_t off = 0;
	int n = 0, w;

	if (c->width == 0)
		return 0;
	while (off < c->len && n < CCHARW_MAX) {
		uint32_t cp;

		off += (size_t)utf8_decode(c->s + off, c->len - off, &cp);
		if (is_dropped(cp))
			continue;
		if (is_hidden_control(cp))
			cp = 0xfffd; /* the layout already replaced these; belt and braces */
		if (n > 0 && wcwidth((wchar_t)cp) != 0)
			break; /* a second spacing character cannot share the cell */
		wc[n++] = (wchar_t)cp;
	}
	wc[n] = L'\0';
	w = n ? wcwidth(wc[0]) : -1;
	if (w != c->width) {
		/* curses would count this cell differently from the layout: draw a placeholder of
		 * the layout's width so every later column stays where the layout put it */
		wc[0] = c->width == 2 ? 0xff1f /* ？ */ : 0xfffd;
		wc[1] = L'\0';
		w = c->width;
	}
	if (w > room)
		return 0;
	setcchar(out, wc, a, pair, NULL);
	return w;
}

void
ui_box(struct ui *ui, struct pane *p, const char *title, const char *right)
{
	WINDOW *w = p->win;
	bool focus = p >= ui->panes && p < ui->panes + PANE_COUNT && ui->focus == (int)(p - ui->panes);
	attr_t a = ui_attr(ui, ST_BORDER);
	attr_t ta = ui_attr(ui, focus ? ST_PANE_TITLE_FOCUS : ST_PANE_TITLE);
	int tw, rw = 0, room;

	wattrset(w, a);
	wborder_set(w, WACS_VLINE, WACS_VLINE, WACS_HLINE, WACS_HLINE, WACS_ULCORNER,
		    WACS_URCORNER, WACS_LLCORNER, WACS_LRCORNER);
	room = p->w - 4;
	if (right && room > 8) {
		rw = ui_str_width(right, strlen(right));
		if (rw > room / 2)
			rw = 0;
		else
			mvwaddch(w, 0, p->w - 3 - rw, ' ');
	}
	if (title && room > 0) {
		int maxw = room - (rw ? rw + 3 : 0);

		if (maxw > 0) {
			mvwaddch(w, 0, 1, ' ');
			tw = ui_put(w, 0, 2, maxw, title, strlen(title), ST_PANE_TITLE, ta);
			if (tw < maxw)
				mvwaddch(w, 0, 2 + tw, ' ');
		}
	}
	if (rw) {
		ui_put(w, 0, p->w - 2 - rw, rw, right, strlen(right), ST_PANE_TITLE, ta);
		mvwaddch(w, 0, p->w - 2, ' ');
	}
	wattrset(w, A_NORMAL);
}
