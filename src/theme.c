/* theme.c — theme elements, theme files, theme lookup and colour resolution. */
#include "jingdu/theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef JINGDU_DATADIR
#define JINGDU_DATADIR "/usr/local/share/jingdu"
#endif

struct element_info {
	const char *name;
	const char *def;
	const char *mono;
	const char *help;
};

static const struct element_info elements[THEME_ELEMENT_COUNT] = {
#define THEME_ELEMENT_ROW(id, name, def, mono, help) {name, def, mono, help},
    THEME_ELEMENT_INFO(THEME_ELEMENT_ROW)
#undef THEME_ELEMENT_ROW
};

static const char *const color_names[16] = {
    "black",        "red",           "green",       "yellow",         "blue",
    "magenta",      "cyan",          "white",       "bright_black",   "bright_red",
    "bright_green", "bright_yellow", "bright_blue", "bright_magenta", "bright_cyan",
    "bright_white",
};

static const struct {
	const char *name;
	unsigned attr;
} attr_names[] = {
    {"bold", THEME_ATTR_BOLD},
    {"underline", THEME_ATTR_UNDERLINE},
    {"reverse", THEME_ATTR_REVERSE},
    {"dim", THEME_ATTR_DIM},
    {"italic", THEME_ATTR_ITALIC},
    {"none", 0},
    {"normal", 0},
};

/* xterm's default values for the 16 system colours. */
static const unsigned char system_rgb[16][3] = {
    {0, 0, 0},     {205, 0, 0},     {0, 205, 0},     {205, 205, 0},   {0, 0, 238}, {205, 0, 205},
    {0, 205, 205}, {229, 229, 229}, {127, 127, 127}, {255, 0, 0},     {0, 255, 0}, {255, 255, 0},
    {92, 92, 255}, {255, 0, 255},   {0, 255, 255},   {255, 255, 255},
};

const char *
theme_element_name(enum theme_element e)
{
	return (int)e >= 0 && e < THEME_ELEMENT_COUNT ? elements[e].name : "";
}

const char *
theme_element_help(enum theme_element e)
{
	return (int)e >= 0 && e < THEME_ELEMENT_COUNT ? elements[e].help : "";
}

int
theme_element_from_name(const char *name)
{
	int i;

	if (!name)
		return -1;
	for (i = 0; i < THEME_ELEMENT_COUNT; i++)
		if (strcmp(name, elements[i].name) == 0)
			return i;
	return -1;
}

void
theme_palette_rgb(int index, unsigned char *r, unsigned char *g, unsigned char *b)
{
	static const unsigned char cube[6] = {0, 95, 135, 175, 215, 255};

	if (index < 0 || index > 255)
		index = 0;
	if (index < 16) {
		*r = system_rgb[index][0];
		*g = system_rgb[index][1];
		*b = system_rgb[index][2];
	} else if (index < 232) {
		index -= 16;
		*r = cube[index / 36];
		*g = cube[(index / 6) % 6];
		*b = cube[index % 6];
	} else {
		*r = *g = *b = (unsigned char)(8 + 10 * (index - 232));
	}
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool
word_eq(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && strncasecmp_ascii(s, w, n) == 0;
}

static bool
parse_color1(const char *s, size_t n, struct theme_color *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->index = THEME_COLOR_DEFAULT;
	out->fallback = -1;
	if (n == 0)
		return false;
	if (s[0] == '#' && (n == 7 || n == 4)) {
		int v[6];

		for (i = 1; i < n; i++)
			if ((v[i - 1] = hexval(s[i])) < 0)
				return false;
		out->index = -2;
		out->rgb = true;
		if (n == 7) {
			out->r = (unsigned char)(v[0] * 16 + v[1]);
			out->g = (unsigned char)(v[2] * 16 + v[3]);
			out->b = (unsigned char)(v[4] * 16 + v[5]);
		} else {
			out->r = (unsigned char)(v[0] * 17);
			out->g = (unsigned char)(v[1] * 17);
			out->b = (unsigned char)(v[2] * 17);
		}
		return true;
	}
	if (s[0] >= '0' && s[0] <= '9') {
		int v = 0;

		if (n > 3)
			return false;
		for (i = 0; i < n; i++) {
			if (s[i] < '0' || s[i] > '9')
				return false;
			v = v * 10 + (s[i] - '0');
		}
		if (v > 255)
			return false;
		out->index = v;
		return true;
	}
	if (word_eq(s, n, "default")) {
		out->index = THEME_COLOR_DEFAULT;
		return true;
	}
	if (word_eq(s, n, "gray") || word_eq(s, n, "grey")) {
		out->index = 8;
		return true;
	}
	for (i = 0; i < 16; i++) {
		if (word_eq(s, n, color_names[i])) {
			out->index = (int)i;
			return true;
		}
	}
	return false;
}

bool
theme_parse_color(const char *s, size_t n, struct theme_color *out)
{
	const char *slash = memchr(s, '/', n);
	struct theme_color fb;

	if (!slash)
		return parse_color1(s, n, out);
	if (!parse_color1(s, (size_t)(slash - s), out))
		return false;
	if (!parse_color1(slash + 1, n - (size_t)(slash + 1 - s), &fb) || fb.rgb || fb.index < 0 ||
	    fb.index > 15) {
		out->index = THEME_COLOR_DEFAULT;
		out->rgb = false;
		return false;
	}
	out->fallback = fb.index;
	return true;
}

static bool
parse_attr(const char *s, size_t n, unsigned *attr)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(attr_names); i++) {
		if (word_eq(s, n, attr_names[i].name)) {
			*attr = attr_names[i].attr;
			return true;
		}
	}
	return false;
}

static const char *const token_seps = " \t,";

bool
theme_parse_spec(const char *s, struct theme_spec *out, struct ini_warnings *w, const char *file,
		 int line, const char *key)
{
	int ncolors = 0;
	bool good = true;
	struct theme_spec spec;

	memset(&spec, 0, sizeof(spec));
	spec.fg.index = spec.bg.index = THEME_COLOR_DEFAULT;
	spec.fg.fallback = spec.bg.fallback = -1;
	s += strspn(s, token_seps);
	if (!*s) {
		ini_warn(w, file, line, key, "no colour or attribute given");
		return false;
	}
	while (*s) {
		size_t n = strcspn(s, token_seps);
		struct theme_color c;
		unsigned a;

		if (parse_attr(s, n, &a)) {
			spec.attrs |= a;
		} else if (theme_parse_color(s, n, &c)) {
			if (ncolors == 0)
				spec.fg = c;
			else if (ncolors == 1)
				spec.bg = c;
			else {
				ini_warn(w, file, line, key,
					 "more than two colours ('%.*s' ignored)", (int)MIN(n, 64),
					 s);
				good = false;
			}
			ncolors++;
		} else {
			ini_warn(
			    w, file, line, key,
			    "'%.*s' is not a colour (name, 0-255, #rrggbb) or attribute (bold, "
			    "underline, reverse, dim, italic)",
			    (int)MIN(n, 64), s);
			good = false;
		}
		s += n;
		s += strspn(s, token_seps);
	}
	*out = spec;
	return good;
}

bool
theme_parse_attrs(const char *s, unsigned *out, struct ini_warnings *w, const char *file, int line,
		  const char *key)
{
	unsigned attrs = 0;
	bool good = true;

	s += strspn(s, token_seps);
	while (*s) {
		size_t n = strcspn(s, token_seps);
		unsigned a;

		if (parse_attr(s, n, &a)) {
			attrs |= a;
		} else {
			ini_warn(
			    w, file, line, key,
			    "'%.*s' is not an attribute (bold, underline, reverse, dim, italic, "
			    "none)",
			    (int)MIN(n, 64), s);
			good = false;
		}
		s += n;
		s += strspn(s, token_seps);
	}
	*out = attrs;
	return good;
}

static struct theme *
theme_alloc(const char *name, const char *path)
{
	struct theme *t = xcalloc(1, sizeof(*t));
	int i;

	t->name = xstrdup(name);
	t->path = xstrdup(path);
	t->description = xstrdup("");
	for (i = 0; i < THEME_ELEMENT_COUNT; i++) {
		theme_parse_spec(elements[i].def, &t->spec[i], NULL, NULL, 0, NULL);
		theme_parse_attrs(elements[i].mono, &t->mono[i], NULL, NULL, 0, NULL);
	}
	return t;
}

struct theme *
theme_new_default(void)
{
	struct theme *t = theme_alloc("default", "(built-in)");

	free(t->description);
	t->description = xstrdup("Dark, 256 colours (built in)");
	return t;
}

struct theme *
theme_new_mono(void)
{
	struct theme *t = theme_alloc("mono", "(built-in)");
	int i;

	free(t->description);
	t->description = xstrdup("No colours, attributes only (built in)");
	for (i = 0; i < THEME_ELEMENT_COUNT; i++) {
		memset(&t->spec[i], 0, sizeof(t->spec[i]));
		t->spec[i].fg.index = t->spec[i].bg.index = THEME_COLOR_DEFAULT;
		t->spec[i].fg.fallback = t->spec[i].bg.fallback = -1;
		t->spec[i].attrs = t->mono[i];
	}
	return t;
}

void
theme_free(struct theme *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->path);
	free(t->description);
	free(t);
}

bool
theme_name_valid(const char *name)
{
	size_t i;

	if (!name || !*name)
		return false;
	if (strchr(name, '/'))
		return true;
	if (name[0] == '.' || strlen(name) > 100)
		return false;
	for (i = 0; name[i]; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-' || c == '.'))
			return false;
	}
	return true;
}

static bool
is_readable_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, R_OK) == 0;
}

char *
theme_find(const char *name, bool *builtin)
{
	char *dirs[5];
	size_t nd = 0, i;
	char *found = NULL;
	const char *env;
	char *d;

	if (builtin)
		*builtin = false;
	if (!theme_name_valid(name))
		return NULL;
	if (strchr(name, '/'))
		return is_readable_file(name) ? xstrdup(name) : NULL;
	d = xdg_dir("config", false);
	if (d) {
		dirs[nd++] = xasprintf("%s/themes", d);
		free(d);
	}
	env = getenv("JINGDU_THEMES");
	if (env && *env)
		dirs[nd++] = xstrdup(env);
	d = exe_dir();
	dirs[nd++] = xasprintf("%s/themes", d);
	dirs[nd++] = xasprintf("%s/../share/jingdu/themes", d);
	free(d);
	dirs[nd++] = xstrdup(JINGDU_DATADIR "/themes");
	for (i = 0; i < nd; i++) {
		if (!found) {
			char *p = xasprintf("%s/%s.ini", dirs[i], name);

			if (is_readable_file(p))
				found = p;
			else
				free(p);
		}
		free(dirs[i]);
	}
	if (!found && builtin)
		*builtin = strcmp(name, "default") == 0 || strcmp(name, "mono") == 0;
	return found;
}

bool
theme_exists(const char *name)
{
	bool builtin = false;
	char *p = theme_find(name, &builtin);

	free(p);
	return p != NULL || builtin;
}

struct theme *
theme_load_buffer(const char *name, const char *label, const char *text, size_t len,
		  struct ini_warnings *w)
{
	struct theme *t = theme_alloc(name ? name : "", label ? label : "");
	struct ini ini;
	size_t i;
	bool mono_set[THEME_ELEMENT_COUNT] = {false};
	bool colors_set[THEME_ELEMENT_COUNT] = {false};
	int el;

	ini_init(&ini);
	ini_parse(&ini, label, text, len, w);
	for (i = 0; i < ini.n; i++) {
		const struct ini_entry *e = &ini.v[i];

		if (!e->key) {
			if (strcmp(e->section, "colors") && strcmp(e->section, "colours") &&
			    strcmp(e->section, "mono") && strcmp(e->section, "theme")) {
				char *sname = xasprintf("[%s]", e->section);

				ini_warn(w, label, e->line, sname,
					 "unknown section (colors, mono and theme are known)");
				free(sname);
			}
			continue;
		}
		if (strcmp(e->section, "theme") == 0) {
			if (strcmp(e->key, "description") == 0) {
				free(t->description);
				t->description = xstrdup(e->value);
			} else if (strcmp(e->key, "name") != 0) {
				ini_warn(w, label, e->line, e->key, "unknown key in [theme]");
			}
			continue;
		}
		if (strcmp(e->section, "colors") && strcmp(e->section, "colours") &&
		    strcmp(e->section, "mono")) {
			if (e->section[0] == '\0')
				ini_warn(w, label, e->line, e->key, "outside any section");
			continue; /* the unknown section was reported */
		}
		el = theme_element_from_name(e->key);
		if (el < 0) {
			ini_warn(w, label, e->line, e->key, "unknown element");
			continue;
		}
		if (strcmp(e->section, "mono") == 0) {
			unsigned a;

			theme_parse_attrs(e->value, &a, w, label, e->line, e->key);
			t->mono[el] = a;
			mono_set[el] = true;
		} else {
			struct theme_spec sp;

			if (theme_parse_spec(e->value, &sp, w, label, e->line, e->key) ||
			    *e->value) {
				t->spec[el] = sp;
				colors_set[el] = true;
			}
		}
	}
	ini_fini(&ini);
	/* An element drawn in the terminal's own colours keeps its attributes without colours
	 * too (so mono.ini's lines apply under NO_COLOR), unless [mono] says otherwise. */
	for (el = 0; el < THEME_ELEMENT_COUNT; el++)
		if (colors_set[el] && !mono_set[el] && !t->spec[el].fg.rgb &&
		    t->spec[el].fg.index < 0 && !t->spec[el].bg.rgb && t->spec[el].bg.index < 0)
			t->mono[el] = t->spec[el].attrs;
	return t;
}

enum status
theme_load_file(const char *path, struct theme **out, struct ini_warnings *w)
{
	char *text = NULL;
	size_t len = 0;
	enum status s;
	const char *base = strrchr(path, '/');
	char *name;
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".ini") == 0)
		n -= 4;
	name = xstrndup(base, n);
	s = ini_read_file(path, &text, &len);
	if (s != OK) {
		ini_warn(w, path, 0, "", "cannot read the theme: %s", status_str(s));
		*out = theme_new_default();
		free(name);
		return s;
	}
	*out = theme_load_buffer(name, path, text, len, w);
	free((*out)->path);
	(*out)->path = xstrdup(path);
	free(text);
	free(name);
	return OK;
}

enum status
theme_load(const char *name, struct theme **out, struct ini_warnings *w)
{
	bool builtin = false;
	char *path = theme_find(name, &builtin);
	enum status s;

	if (path) {
		s = theme_load_file(path, out, w);
		free(path);
		return s;
	}
	if (builtin && strcmp(name, "mono") == 0) {
		*out = theme_new_mono();
		return OK;
	}
	*out = theme_new_default();
	return builtin ? OK : ERR_NOTFOUND;
}

/* Colour mapping. */

static int
nearest_256(unsigned char r, unsigned char g, unsigned char b)
{
	int best = 16, i;
	long bestd = -1;

	for (i = 16; i < 256; i++) {
		unsigned char pr, pg, pb;
		long dr, dg, db, d;

		theme_palette_rgb(i, &pr, &pg, &pb);
		dr = (long)r - pr;
		dg = (long)g - pg;
		db = (long)b - pb;
		/* Weighted for the eye's sensitivity (a cheap "redmean"-like weighting). */
		d = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
		if (bestd < 0 || d < bestd) {
			bestd = d;
			best = i;
		}
	}
	return best;
}

/* Nearest ANSI colour by hue and lightness: grays go to black/white (and, with 16 colours,
 * bright black / bright white); saturated colours to the colour of their hue sector, bright
 * when light (16 colours). */
static int
nearest_ansi(unsigned char r, unsigned char g, unsigned char b, int ncolors)
{
	int max = MAX(r, MAX(g, b)), min = MIN(r, MIN(g, b));
	int delta = max - min;
	double h, l = (max + min) / 510.0;
	int sector, base;

	if (delta < 40 || max < 80 || delta * 10 < max * 3) {
		if (ncolors >= 16) {
			if (l < 0.2)
				return 0;
			if (l < 0.5)
				return 8;
			if (l < 0.85)
				return 7;
			return 15;
		}
		return l < 0.45 ? 0 : 7;
	}
	if (max == r)
		h = 60.0 * ((double)(g - b) / delta);
	else if (max == g)
		h = 60.0 * (2.0 + (double)(b - r) / delta);
	else
		h = 60.0 * (4.0 + (double)(r - g) / delta);
	if (h < 0)
		h += 360.0;
	sector = (int)((h + 30.0) / 60.0) % 6;
	/* sector: 0 red, 1 yellow, 2 green, 3 cyan, 4 blue, 5 magenta */
	{
		static const int ansi[6] = {1, 3, 2, 6, 4, 5};

		base = ansi[sector];
	}
	if (ncolors >= 16 && l >= 0.6)
		base += 8;
	return base;
}

static int
resolve_color(const struct theme_color *c, const struct theme_caps *caps)
{
	unsigned char r, g, b;

	if (!c->rgb && c->index < 0)
		return -1;
	if (c->fallback >= 0 && !caps->direct && caps->colors < 256)
		return c->fallback < caps->colors ? c->fallback : c->fallback - 8;
	if (c->rgb) {
		r = c->r;
		g = c->g;
		b = c->b;
	} else {
		if (caps->direct) {
			if (c->index < 8)
				return c->index;
		} else if (c->index < caps->colors) {
			return c->index;
		} else if (c->index < 16 && caps->colors >= 8) {
			return c->index - 8; /* bright X on an 8-colour terminal: X */
		}
		theme_palette_rgb(c->index, &r, &g, &b);
	}
	if (caps->direct)
		return (r << 16) | (g << 8) | b;
	if (caps->colors >= 256)
		return nearest_256(r, g, b);
	return nearest_ansi(r, g, b, caps->colors >= 16 ? 16 : 8);
}

void
theme_resolve(const struct theme *t, const struct theme_caps *caps,
	      struct theme_style out[THEME_ELEMENT_COUNT])
{
	int i;
	bool color = caps && !caps->no_color && (caps->colors >= 8 || caps->direct);

	for (i = 0; i < THEME_ELEMENT_COUNT; i++) {
		if (!color) {
			out[i].fg = out[i].bg = -1;
			out[i].attrs = t->mono[i];
			continue;
		}
		out[i].fg = resolve_color(&t->spec[i].fg, caps);
		out[i].bg = resolve_color(&t->spec[i].bg, caps);
		out[i].attrs = t->spec[i].attrs;
	}
}

void
theme_doc_elements(struct buf *b)
{
	int i;

	buf_adds(b, "| Element | What it colours | Built-in default | Without colours |\n"
		    "|---|---|---|---|\n");
	for (i = 0; i < THEME_ELEMENT_COUNT; i++)
		buf_addf(b, "| `%s` | %s | `%s` | `%s` |\n", elements[i].name, elements[i].help,
			 elements[i].def, elements[i].mono);
}

void
theme_write_default(struct buf *b)
{
	int i;

	buf_adds(b, "; default.ini — the default jingdu theme: dark, 256 colours.\n"
		    "; element = FG [BG] [ATTR...]; see docs/theme.md. Built into the binary too.\n"
		    "[theme]\ndescription = Dark, 256 colours\n\n[colors]\n");
	for (i = 0; i < THEME_ELEMENT_COUNT; i++)
		buf_addf(b, "%s = %s\n", elements[i].name, elements[i].def);
}
