/* test_theme.c — theme specs, shipped theme files, lookup order and colour resolution. */
#include "jingdu/theme.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"

static const char *const shipped[] = {"default", "light", "solarized-dark", "gruvbox", "mono"};

static char themes_dir[4096];

static void
test_colors(void)
{
	struct theme_color c;
	static const char *const bad[] = {"",       "#12345",          "#gggggg", "256",  "1000",
					  "purple", "#ff0000/#00ff00", "red/16",  "red/", "/red",
					  "-1"};
	size_t i;

	ok(theme_parse_color("red", 3, &c) && c.index == 1 && !c.rgb, "red is 1");
	ok(theme_parse_color("BRIGHT_WHITE", 12, &c) && c.index == 15, "bright_white is 15");
	ok(theme_parse_color("grey", 4, &c) && c.index == 8, "grey is 8");
	ok(theme_parse_color("default", 7, &c) && c.index == -1, "default is -1");
	ok(theme_parse_color("234", 3, &c) && c.index == 234, "234");
	ok(theme_parse_color("#87afff", 7, &c) && c.rgb && c.r == 0x87 && c.g == 0xaf &&
	       c.b == 0xff,
	   "#87afff");
	ok(theme_parse_color("#fa0", 4, &c) && c.rgb && c.r == 0xff && c.g == 0xaa && c.b == 0,
	   "#fa0");
	ok(theme_parse_color("#859900/green", 13, &c) && c.rgb && c.fallback == 2,
	   "#859900/green has fallback 2");
	ok(theme_parse_color("#859900/10", 10, &c) && c.fallback == 10, "fallback by number");
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		ok(!theme_parse_color(bad[i], strlen(bad[i]), &c), "'%s' is not a colour", bad[i]);
}

static void
test_specs(void)
{
	struct theme_spec sp;
	struct ini_warnings w;

	ini_warnings_init(&w);
	ok(theme_parse_spec("#87afff 234 bold", &sp, &w, "f", 1, "k"), "full spec");
	ok(sp.fg.rgb && sp.bg.index == 234 && sp.attrs == THEME_ATTR_BOLD, "full spec values");
	ok(theme_parse_spec("red", &sp, &w, "f", 1, "k") && sp.fg.index == 1 && sp.bg.index == -1,
	   "fg only");
	ok(theme_parse_spec("default default reverse,bold", &sp, &w, "f", 1, "k") &&
	       sp.attrs == (THEME_ATTR_REVERSE | THEME_ATTR_BOLD),
	   "attrs with commas");
	ok(theme_parse_spec("underline italic dim", &sp, &w, "f", 1, "k") &&
	       sp.attrs == (THEME_ATTR_UNDERLINE | THEME_ATTR_ITALIC | THEME_ATTR_DIM) &&
	       sp.fg.index == -1,
	   "attrs only");
	is_int(w.n, 0, "no warnings so far");
	ok(!theme_parse_spec("red blue green", &sp, &w, "f", 7, "k"), "three colours");
	ok(!theme_parse_spec("purple bold", &sp, &w, "f", 8, "k"), "unknown colour");
	ok(sp.attrs == THEME_ATTR_BOLD, "the good part is kept");
	ok(!theme_parse_spec("", &sp, &w, "f", 9, "k"), "empty spec");
	is_int(w.n, 3, "three warnings");
	if (w.n == 3) {
		is_int(w.v[1].line, 8, "warning line");
		ok(strstr(w.v[1].msg, "purple") != NULL, "names the bad colour: %s", w.v[1].msg);
	}
	ini_warnings_fini(&w);
}

static char *
slurp(const char *path)
{
	char *s;
	size_t n;

	return read_file(path, &s, &n) == OK ? s : NULL;
}

/* WCAG contrast ratio (body text needs 4.5, the rest 3.0, WCAG's floors for normal and
 * large text) of two 256-palette colours (or rgb when >= 256 in direct mode). */
static double
lum(int c)
{
	unsigned char rgb[3];
	double v[3];
	int i;

	theme_palette_rgb(c, &rgb[0], &rgb[1], &rgb[2]);
	for (i = 0; i < 3; i++) {
		double x = rgb[i] / 255.0;

		v[i] = x <= 0.03928 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

static double
contrast(int a, int b)
{
	double la = lum(a), lb = lum(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static bool
style_eq(const struct theme_style *a, const struct theme_style *b)
{
	return a->fg == b->fg && a->bg == b->bg && a->attrs == b->attrs;
}

static void
check_distinct(const char *theme, const char *mode, const struct theme_style *st, int first,
	       int count, const char *what)
{
	int i, j;
	bool distinct = true;

	for (i = first; i < first + count; i++)
		for (j = i + 1; j < first + count; j++)
			if (style_eq(&st[i], &st[j]))
				distinct = false;
	ok(distinct, "%s %s: %s distinct", theme, mode, what);
}

static void
test_shipped(void)
{
	struct theme_caps modes[] = {
	    {8, false, false},      {16, false, false}, {256, false, false},
	    {1 << 24, true, false}, {256, false, true}, {0, false, false},
	};
	const char *mode_names[] = {"8", "16", "256", "direct", "NO_COLOR", "no colours"};
	size_t i, m;

	for (i = 0; i < ARRAY_SIZE(shipped); i++) {
		char path[4200];
		struct ini_warnings w;
		struct theme *t = NULL;
		struct ini ini;
		char *text;
		size_t k, ncolors = 0;
		struct theme_style st[THEME_ELEMENT_COUNT];

		snprintf(path, sizeof(path), "%s/%s.ini", themes_dir, shipped[i]);
		ini_warnings_init(&w);
		is_int(theme_load_file(path, &t, &w), OK, "%s loads", shipped[i]);
		is_int(w.n, 0, "%s loads without warnings", shipped[i]);
		for (k = 0; k < w.n; k++)
			tap_diag("%s:%d: %s: %s", w.v[k].file, w.v[k].line, w.v[k].key, w.v[k].msg);
		ok(t && *t->description, "%s has a description", shipped[i]);
		/* Every element is set explicitly. */
		text = slurp(path);
		ini_init(&ini);
		if (text)
			ini_parse(&ini, path, text, strlen(text), NULL);
		for (k = 0; k < ini.n; k++)
			if (ini.v[k].key && strcmp(ini.v[k].section, "colors") == 0)
				ncolors++;
		is_int(ncolors, THEME_ELEMENT_COUNT, "%s sets every element", shipped[i]);
		ini_fini(&ini);
		free(text);
		for (m = 0; t && m < ARRAY_SIZE(modes); m++) {
			theme_resolve(t, &modes[m], st);
			check_distinct(shipped[i], mode_names[m], st, THEME_HIGHLIGHT1, 4,
				       "highlights 1-4");
			check_distinct(shipped[i], mode_names[m], st, THEME_ENTITY_PER, 5,
				       "entity types");
			ok(!style_eq(&st[THEME_SELECTION], &st[THEME_HIGHLIGHT1]) &&
			       !style_eq(&st[THEME_SELECTION], &st[THEME_TEXT]),
			   "%s %s: selection stands out", shipped[i], mode_names[m]);
			if (modes[m].no_color || modes[m].colors < 8) {
				ok(st[THEME_TEXT].fg == -1 && st[THEME_HIGHLIGHT1].bg == -1,
				   "%s %s: no colours at all", shipped[i], mode_names[m]);
				continue;
			}
			for (k = 0; k < THEME_ELEMENT_COUNT; k++) {
				int lim = modes[m].direct ? (1 << 24) : modes[m].colors;

				if (st[k].fg >= lim || st[k].bg >= lim || st[k].fg < -1 ||
				    st[k].bg < -1)
					break;
			}
			ok(k == THEME_ELEMENT_COUNT, "%s %s: every colour within range", shipped[i],
			   mode_names[m]);
			if (strcmp(shipped[i], "mono") != 0)
				ok(st[THEME_TEXT].fg != st[THEME_TEXT].bg, "%s %s: text fg != bg",
				   shipped[i], mode_names[m]);
			if (modes[m].colors == 256 && strcmp(shipped[i], "mono") != 0) {
				static const int readable[] = {
				    THEME_TEXT,           THEME_HEADING,    THEME_QUOTE,
				    THEME_CODE,           THEME_HIGHLIGHT1, THEME_HIGHLIGHT2,
				    THEME_HIGHLIGHT3,     THEME_HIGHLIGHT4, THEME_SELECTION,
				    THEME_STATUS,         THEME_ENTITY_PER, THEME_ENTITY_ORG,
				    THEME_ENTITY_PRODUCT, THEME_ENTITY_LOC, THEME_ENTITY_TERM,
				};

				for (k = 0; k < ARRAY_SIZE(readable); k++) {
					int e = readable[k];
					double r = contrast(st[e].fg, st[e].bg);

					ok(r >= (e == THEME_TEXT ? 4.5 : 3.0),
					   "%s: %s contrast %.1f", shipped[i],
					   theme_element_name((enum theme_element)e), r);
				}
			}
		}
		theme_free(t);
		ini_warnings_fini(&w);
	}
}

static void
test_default_file(void)
{
	char path[4200];
	struct buf b;
	char *file;
	struct theme *t = NULL, *d = theme_new_default();
	int e;
	bool same = true;

	snprintf(path, sizeof(path), "%s/default.ini", themes_dir);
	buf_init(&b);
	theme_write_default(&b);
	if (getenv("JINGDU_REGEN")) {
		FILE *f = fopen(path, "w");

		if (f) {
			fputs(b.s, f);
			fclose(f);
		}
		tap_diag("wrote %s", path);
	}
	file = slurp(path);
	ok(file && strcmp(file, b.s) == 0,
	   "themes/default.ini is what the element table generates (JINGDU_REGEN=1 rewrites it)");
	free(file);
	buf_fini(&b);
	theme_load_file(path, &t, NULL);
	for (e = 0; t && e < THEME_ELEMENT_COUNT; e++)
		if (memcmp(&t->spec[e], &d->spec[e], sizeof(d->spec[e])) != 0 ||
		    t->mono[e] != d->mono[e])
			same = false;
	ok(t && same, "default.ini loads to the built-in default");
	theme_free(t);
	theme_free(d);
}

static void
test_resolve(void)
{
	struct theme *t = theme_load_buffer("t", "t.ini",
					    "[colors]\n"
					    "text = #ff0000 234\n"
					    "heading = bright_red #859900/green bold\n"
					    "quote = 196 21\n",
					    strlen("[colors]\n"
						   "text = #ff0000 234\n"
						   "heading = bright_red #859900/green bold\n"
						   "quote = 196 21\n"),
					    NULL);
	struct theme_style st[THEME_ELEMENT_COUNT];
	struct theme_caps c8 = {8, false, false}, c16 = {16, false, false},
			  c256 = {256, false, false}, cd = {1 << 24, true, false},
			  cn = {256, false, true};

	theme_resolve(t, &c256, st);
	is_int(st[THEME_TEXT].fg, 196, "#ff0000 at 256 is 196");
	is_int(st[THEME_TEXT].bg, 234, "234 at 256 stays");
	is_int(st[THEME_HEADING].fg, 9, "bright_red at 256 is 9");
	is_int(st[THEME_HEADING].bg, 100, "#859900 at 256 is 100 (#878700)");
	is_int(st[THEME_HEADING].attrs, THEME_ATTR_BOLD, "bold kept");
	theme_resolve(t, &c8, st);
	is_int(st[THEME_TEXT].fg, 1, "#ff0000 at 8 is red");
	is_int(st[THEME_TEXT].bg, 0, "234 at 8 is black");
	is_int(st[THEME_HEADING].fg, 1, "bright_red at 8 is red");
	is_int(st[THEME_HEADING].bg, 2, "the /green fallback at 8");
	is_int(st[THEME_QUOTE].fg, 1, "196 at 8 is red");
	is_int(st[THEME_QUOTE].bg, 4, "21 at 8 is blue");
	theme_resolve(t, &c16, st);
	is_int(st[THEME_HEADING].fg, 9, "bright_red at 16 stays");
	is_int(st[THEME_QUOTE].bg, 4, "21 (#0000ff) at 16 is blue");
	theme_resolve(t, &cd, st);
	is_int(st[THEME_TEXT].fg, 0xff0000, "direct colour keeps #ff0000");
	is_int(st[THEME_TEXT].bg, 0x1c1c1c, "234 in direct colour is #1c1c1c");
	is_int(st[THEME_HEADING].bg, 0x859900, "direct colour ignores the fallback");
	theme_resolve(t, &cn, st);
	ok(st[THEME_TEXT].fg == -1 && st[THEME_TEXT].bg == -1, "NO_COLOR: default colours");
	is_int(st[THEME_HIGHLIGHT1].attrs, THEME_ATTR_REVERSE, "NO_COLOR: highlight1 reverse");
	is_int(st[THEME_HEADING].attrs, THEME_ATTR_BOLD, "NO_COLOR: heading bold");
	theme_free(t);
}

static void
test_warnings_and_lookup(void)
{
	struct ini_warnings w;
	struct theme *t;
	const char *bad = "[theme]\ndescription = x\n[colors]\ntext = red\nbogus = blue\n"
			  "heading = purple bold\n[weird]\nfoo = 1\n[mono]\ntext = blink\n";
	char tmp[] = "/tmp/jingdu-theme-XXXXXX";
	char path[4200], *found;
	bool builtin;
	FILE *f;

	ini_warnings_init(&w);
	t = theme_load_buffer("bad", "bad.ini", bad, strlen(bad), &w);
	is_int(w.n, 4, "four problems");
	if (w.n == 4) {
		is_int(w.v[0].line, 5, "unknown element on line 5");
		is_str(w.v[0].key, "bogus", "names the element");
		is_int(w.v[1].line, 6, "unknown colour on line 6");
		is_int(w.v[2].line, 7, "unknown section on line 7");
		is_int(w.v[3].line, 10, "unknown attribute on line 10");
	}
	is_int(t->spec[THEME_TEXT].fg.index, 1, "good line applied");
	is_int(t->spec[THEME_HEADING].attrs, THEME_ATTR_BOLD, "partly good line applied");
	theme_free(t);
	ini_warnings_fini(&w);

	ok(!theme_name_valid("") && !theme_name_valid(".hidden") && !theme_name_valid("a b") &&
	       theme_name_valid("solarized-dark") && theme_name_valid("./x.ini"),
	   "theme names");
	/* Lookup order: XDG beats JINGDU_THEMES; unknown names are not found. */
	if (!mkdtemp(tmp)) {
		ok(0, "mkdtemp");
		return;
	}
	snprintf(path, sizeof(path), "%s/jingdu", tmp);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/jingdu/themes", tmp);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/jingdu/themes/gruvbox.ini", tmp);
	f = fopen(path, "w");
	if (f) {
		fputs("[colors]\ntext = red blue\n", f);
		fclose(f);
	}
	setenv("XDG_CONFIG_HOME", tmp, 1);
	setenv("JINGDU_THEMES", themes_dir, 1);
	found = theme_find("gruvbox", NULL);
	is_str(found, path, "a user theme overrides the shipped one");
	free(found);
	found = theme_find("light", NULL);
	ok(found && strstr(found, "/themes/light.ini"), "shipped theme found via JINGDU_THEMES");
	free(found);
	t = NULL;
	is_int(theme_load("gruvbox", &t, NULL), OK, "load user gruvbox");
	ok(t && t->spec[THEME_TEXT].bg.index == 4, "the user's file was read");
	theme_free(t);
	found = theme_find("nosuch", &builtin);
	ok(!found && !builtin, "nosuch is not found");
	ok(!theme_exists("nosuch") && theme_exists("light") && theme_exists("default"),
	   "theme_exists");
	unsetenv("JINGDU_THEMES");
	ok(theme_exists("mono") && theme_exists("default"), "mono and default are built in");
	t = NULL;
	is_int(theme_load("nosuch", &t, NULL), ERR_NOTFOUND, "unknown theme: ERR_NOTFOUND");
	ok(t && strcmp(t->name, "default") == 0, "and the built-in default");
	theme_free(t);
	t = NULL;
	ok(theme_load("mono", &t, NULL) == OK && t->spec[THEME_TEXT].fg.index == -1,
	   "built-in mono");
	theme_free(t);
	unlink(path);
	snprintf(path, sizeof(path), "%s/jingdu/themes", tmp);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/jingdu", tmp);
	rmdir(path);
	rmdir(tmp);
}

static void
test_garbage(void)
{
	static const char *const inputs[] = {
	    "[colors]\ntext = \n",        "[colors]\ntext",
	    "[colors:x]\ntext = red\n",   "[colors]\ntext = #\n",
	    "[colors]\ntext = ////\n",    "[colors]\ntext = red/\n",
	    "[colors]\n\xff\xfe = red\n", "\0\0\0",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(inputs); i++) {
		struct ini_warnings w;
		struct theme *t;

		ini_warnings_init(&w);
		t = theme_load_buffer("g", "g.ini", inputs[i], strlen(inputs[i]) + (i == 7 ? 3 : 0),
				      &w);
		ok(t && w.n >= 1, "garbage %zu: loaded with %zu warning(s)", i, w.n);
		theme_free(t);
		ini_warnings_fini(&w);
	}
}

int
main(void)
{
	char cwd[2048];

	(void)tap_shared;
	if (!getcwd(cwd, sizeof(cwd)))
		return 1;
	snprintf(themes_dir, sizeof(themes_dir), "%s/themes", cwd);
	test_colors();
	test_specs();
	test_default_file();
	test_shipped();
	test_resolve();
	test_warnings_and_lookup();
	test_garbage();
	return tap_done();
}
