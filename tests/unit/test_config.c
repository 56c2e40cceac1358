/* test_config.c — option table, loading with warnings, [keys], check-config, generated files. */
#include "jingdu/config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <iniparser/iniparser.h>

#include "jingdu/theme.h"
#include "tap.h"

static char cwd[2048];
static char tmpdir[] = "/tmp/jingdu-config-XXXXXX";

static char *
write_tmp(const char *name, const char *text, size_t len)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");

	if (f) {
		fwrite(text, 1, len, f);
		fclose(f);
	}
	return path;
}

static char *
slurp(const char *path)
{
	char *s;
	size_t n;

	return read_file(path, &s, &n) == OK ? s : NULL;
}

static void
dump_warnings(const struct config *cfg)
{
	size_t i;

	for (i = 0; i < config_warning_count(cfg); i++) {
		char *s = config_warning_str(cfg, i);

		tap_diag("  %s", s);
		free(s);
	}
}

static void
test_defaults(void)
{
	struct config *cfg = config_new();
	int o;

	is_int(config_warning_count(cfg), 0, "defaults: no warnings");
	for (o = 0; o < CONFIG_COUNT; o++) {
		struct config *c2 = config_new();

		ok(config_set(c2, (enum config_opt)o, config_opt_default((enum config_opt)o), "t",
			      1),
		   "default of %s parses", config_opt_key((enum config_opt)o));
		ok(config_opt_find(config_opt_section((enum config_opt)o),
				   config_opt_key((enum config_opt)o)) == o,
		   "%s found by name", config_opt_key((enum config_opt)o));
		config_free(c2);
	}
	is_str(config_str(cfg, CONFIG_UI_THEME), "default", "theme default");
	is_int(config_int(cfg, CONFIG_UI_SECTIONS_WIDTH), 20, "sections 20%%");
	is_int(config_int(cfg, CONFIG_UI_ENTITIES_WIDTH), 22, "entities 22%%");
	ok(config_bool(cfg, CONFIG_UI_MOUSE), "mouse on");
	is_int(config_choice(cfg, CONFIG_READER_AMBIGUOUS_WIDTH), CONFIG_AMBIGUOUS_AUTO, "auto");
	is_int(config_choice(cfg, CONFIG_SEARCH_CASE), CONFIG_CASE_SMART, "smart case");
	is_int(config_choice(cfg, CONFIG_EXPORT_FORMAT), CONFIG_EXPORT_MD, "md export");
	is_str(config_str(cfg, CONFIG_EXPORT_FORMAT), "md", "md as text");
	is_str(config_str(cfg, CONFIG_UI_MOUSE), "on", "bool as text");
	is_str(config_str(cfg, CONFIG_READER_WIDTH), "80", "int as text");
	is_int(config_line(cfg, CONFIG_READER_WIDTH), 0, "defaults have line 0");
	ok(config_file(cfg) == NULL, "no file read");
	is_int(keymap_lookup(config_keymap(cfg), KEYMAP_READER, 'q'), CMD_QUIT, "default keys");
	/* Enum index order matches the choices. */
	ok(config_set(cfg, CONFIG_UI_COLORS, "none", "t", 1) &&
	       config_choice(cfg, CONFIG_UI_COLORS) == CONFIG_COLORS_NONE,
	   "colors none");
	ok(config_set(cfg, CONFIG_UI_COLORS, "256", "t", 1) &&
	       config_choice(cfg, CONFIG_UI_COLORS) == CONFIG_COLORS_256,
	   "colors 256");
	ok(config_set(cfg, CONFIG_READER_AMBIGUOUS_WIDTH, "2", "t", 1) &&
	       config_choice(cfg, CONFIG_READER_AMBIGUOUS_WIDTH) == 2,
	   "ambiguous 2 is index 2");
	ok(config_set(cfg, CONFIG_SEARCH_CASE, "Sensitive", "t", 1) &&
	       config_choice(cfg, CONFIG_SEARCH_CASE) == CONFIG_CASE_SENSITIVE,
	   "enums are case-insensitive");
	ok(config_set(cfg, CONFIG_ENTITIES_SCOPE, "document", "t", 1) &&
	       config_choice(cfg, CONFIG_ENTITIES_SCOPE) == CONFIG_SCOPE_DOCUMENT,
	   "scope document");
	ok(config_set(cfg, CONFIG_EXPORT_FORMAT, "csv", "t", 1) &&
	       config_choice(cfg, CONFIG_EXPORT_FORMAT) == CONFIG_EXPORT_CSV,
	   "format csv");
	is_int(config_warning_count(cfg), 0, "still no warnings");
	config_free(cfg);
	config_free(NULL);
}

static void
test_values(void)
{
	static const char *const yes[] = {"on", "ON", "yes", "True", "1"};
	static const char *const no[] = {"off", "No", "false", "FALSE", "0"};
	static const char *const notbool[] = {"", "o", "2", "yess", "enable", " on"};
	struct config *cfg = config_new();
	size_t i;

	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		config_set(cfg, CONFIG_UI_MOUSE, "off", "t", 1);
		ok(config_set(cfg, CONFIG_UI_MOUSE, yes[i], "t", 1) &&
		       config_bool(cfg, CONFIG_UI_MOUSE),
		   "'%s' is on", yes[i]);
	}
	for (i = 0; i < ARRAY_SIZE(no); i++) {
		config_set(cfg, CONFIG_UI_MOUSE, "on", "t", 1);
		ok(config_set(cfg, CONFIG_UI_MOUSE, no[i], "t", 1) &&
		       !config_bool(cfg, CONFIG_UI_MOUSE),
		   "'%s' is off", no[i]);
	}
	for (i = 0; i < ARRAY_SIZE(notbool); i++)
		ok(!config_set(cfg, CONFIG_UI_MOUSE, notbool[i], "t", 1), "'%s' is not a boolean",
		   notbool[i]);
	ok(!config_set(cfg, CONFIG_UI_SECTIONS_WIDTH, "4", "t", 1), "4%% below range");
	ok(!config_set(cfg, CONFIG_UI_SECTIONS_WIDTH, "61", "t", 1), "61%% above range");
	ok(!config_set(cfg, CONFIG_UI_SECTIONS_WIDTH, "0x10", "t", 1), "hex is not decimal");
	ok(!config_set(cfg, CONFIG_UI_SECTIONS_WIDTH, "99999999999999999999", "t", 1), "overflow");
	ok(!config_set(cfg, CONFIG_UI_SECTIONS_WIDTH, "20%", "t", 1), "20%% is not a number");
	ok(config_set(cfg, CONFIG_UI_SECTIONS_WIDTH, "010", "t", 1) &&
	       config_int(cfg, CONFIG_UI_SECTIONS_WIDTH) == 10,
	   "010 is ten, not octal");
	ok(!config_set(cfg, CONFIG_VERSION, "2", "t", 3), "config_version 2 is too new");
	ok(strstr(config_warning(cfg, config_warning_count(cfg) - 1)->msg, "newer") != NULL,
	   "says the version is newer");
	setenv("HOME", "/home/reader", 1);
	ok(config_set(cfg, CONFIG_EXPORT_DIRECTORY, "~/notes", "t", 1), "export directory");
	is_str(config_str(cfg, CONFIG_EXPORT_DIRECTORY), "/home/reader/notes", "~/ expanded");
	ok(config_set(cfg, CONFIG_EXPORT_DIRECTORY, "a~/b", "t", 1) &&
	       strcmp(config_str(cfg, CONFIG_EXPORT_DIRECTORY), "a~/b") == 0,
	   "other paths as given");
	ok(!config_set(cfg, CONFIG_ENTITIES_FILE, "/nonexistent/entities.txt", "t", 9),
	   "unreadable entity list is reported");
	is_str(config_str(cfg, CONFIG_ENTITIES_FILE), "", "and the default stays");
	ok(!config_set(cfg, CONFIG_UI_THEME, "../etc/passwd", "t", 1) ||
	       theme_exists("../etc/passwd"),
	   "a path to a missing theme is refused");
	ok(!config_set(cfg, CONFIG_UI_THEME, "no such", "t", 1), "bad theme name");
	ok(config_set(cfg, CONFIG_UI_THEME, "mono", "t", 1), "built-in mono");
	config_free(cfg);
}

/* The bad config. */
static const char bad_config[] = "; a config with problems\n"     /* 1 */
				 "config_version = 1\n"           /* 2 */
				 "[ui]\n"                         /* 3 */
				 "theme = nosuchtheme\n"          /* 4 */
				 "sections_width = 30\n"          /* 5 */
				 "mouse = off\n"                  /* 6 */
				 "[reader:wrap]\n"                /* 7 */
				 "width = 100\n"                  /* 8 */
				 "[reader]\n"                     /* 9 */
				 "this line has no equals sign\n" /* 10 */
				 "width = banana\n"               /* 11 */
				 "ambiguous_width = 7\n"          /* 12 */
				 "tab_width = 8\n"                /* 13 */
				 "paragraph_spacing = 2\n"        /* 14 */
				 "[keys]\n"                       /* 15 */
				 "quit =\n"                       /* 16 */
				 "next_section = J\n"             /* 17 */
				 "[search]\n"                     /* 18 */
				 "case = ignore\n";               /* 19 */

static void
test_bad_config(void)
{
	char *path = write_tmp("bad.ini", bad_config, strlen(bad_config));
	struct config *cfg = config_new();
	static const struct {
		int line;
		const char *key;
		const char *words;
	} want[] = {
	    {4, "theme", "unknown theme 'nosuchtheme'"},
	    {7, "[reader:wrap]", "bad section name"},
	    {10, "this line has no equals sign", "not a 'key = value' line"},
	    {11, "width", "'banana' is not a whole number"},
	    {12, "ambiguous_width", "'7' is not one of auto, 1, 2"},
	    {16, "quit", "no key given"},
	};
	size_t i;
	struct keymap *km;

	is_int(config_load(cfg, path), OK, "bad config loads");
	is_str(config_file(cfg), path, "file recorded");
	is_int(config_warning_count(cfg), ARRAY_SIZE(want), "six problems");
	dump_warnings(cfg);
	for (i = 0; i < ARRAY_SIZE(want) && i < config_warning_count(cfg); i++) {
		const struct ini_warning *w = config_warning(cfg, i);

		is_int(w->line, want[i].line, "problem %zu on line %d", i, want[i].line);
		is_str(w->key, want[i].key, "problem %zu names %s", i, want[i].key);
		ok(strstr(w->msg, want[i].words) != NULL, "problem %zu says %s", i, want[i].words);
		is_str(w->file, path, "problem %zu names the file", i);
	}
	{
		char *s = config_warning_str(cfg, 3);
		char *exp = xasprintf("%s:11: width: 'banana' is not a whole number; using the "
				      "default (80)",
				      path);

		is_str(s, exp, "PATH:LINE: key: problem");
		free(s);
		free(exp);
	}
	ok(config_warning_str(cfg, 99) == NULL, "out of range warning");
	/* Defaults for the bad values. */
	is_str(config_str(cfg, CONFIG_UI_THEME), "default", "bad theme: default");
	is_int(config_int(cfg, CONFIG_READER_WIDTH), 80,
	       "banana width: default (and [reader:wrap] ignored)");
	is_int(config_choice(cfg, CONFIG_READER_AMBIGUOUS_WIDTH), CONFIG_AMBIGUOUS_AUTO,
	       "ambiguous_width 7: default");
	/* The good values as given. */
	is_int(config_int(cfg, CONFIG_UI_SECTIONS_WIDTH), 30, "sections_width 30");
	is_int(config_line(cfg, CONFIG_UI_SECTIONS_WIDTH), 5, "set on line 5");
	ok(!config_bool(cfg, CONFIG_UI_MOUSE), "mouse off");
	is_int(config_int(cfg, CONFIG_READER_TAB_WIDTH), 8, "tab_width 8");
	is_int(config_int(cfg, CONFIG_READER_PARAGRAPH_SPACING), 2, "paragraph_spacing 2");
	is_int(config_choice(cfg, CONFIG_SEARCH_CASE), CONFIG_CASE_IGNORE, "case ignore");
	km = config_keymap(cfg);
	is_int(keymap_lookup(km, KEYMAP_READER, 'J'), CMD_NEXT_SECTION, "J next-section");
	is_int(keymap_lookup(km, KEYMAP_READER, ']'), CMD_NONE, "] no longer bound");
	is_int(keymap_lookup(km, KEYMAP_READER, 'q'), CMD_QUIT, "empty binding kept q");
	config_free(cfg);
	free(path);
}

static int
count_lines(const char *s)
{
	int n = 0;

	for (; s && *s; s++)
		n += *s == '\n';
	return n;
}

/* Run cli_check_config with stdout captured. */
static int
run_check(const char *path, char **out)
{
	char *cap = xasprintf("%s/out.txt", tmpdir);
	int saved, fd, rc;
	char *argv[2] = {(char *)(uintptr_t)path, NULL};
	struct cli_opts o = {0};

	fflush(stdout);
	saved = dup(1);
	fd = open(cap, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 1);
	close(fd);
	rc = cli_check_config(path ? 1 : 0, argv, &o);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	*out = slurp(cap);
	unlink(cap);
	free(cap);
	return rc;
}

/* Run one of the cli_dump_* functions with stdout captured. */
static int
run_dump(int (*fn)(int, char **, const struct cli_opts *), int argc, char **argv, char **out)
{
	char *cap = xasprintf("%s/dump.txt", tmpdir);
	int saved, fd, rc;
	struct cli_opts o = {0};

	fflush(stdout);
	saved = dup(1);
	fd = open(cap, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 1);
	close(fd);
	rc = fn(argc, argv, &o);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	*out = slurp(cap);
	unlink(cap);
	free(cap);
	return rc;
}

static void
test_dumps(void)
{
	char *out = NULL, *file;
	char a_ini[] = "ini", a_md[] = "md", a_help[] = "help", a_tmux[] = "tmux", a_bad[] = "x";
	char k1[] = "PgDn", k2[] = "C-d", k3[] = "S-Tab", k4[] = "nope";
	char *argv_ini[] = {a_ini}, *argv_md[] = {a_md}, *argv_help[] = {a_help},
	     *argv_bad[] = {a_bad}, *argv_tmux[] = {a_tmux, k1, k2, k3},
	     *argv_tmux_bad[] = {a_tmux, k4};
	char path[4200];

	snprintf(path, sizeof(path), "%s/config.example.ini", cwd);
	file = slurp(path);
	is_int(run_dump(cli_dump_config, 0, NULL, &out), 0, "--dump-config");
	ok(out && file && strcmp(out, file) == 0, "--dump-config prints config.example.ini");
	free(out);
	free(file);
	is_int(run_dump(cli_dump_config, 1, argv_ini, &out), 0, "--dump-config ini");
	free(out);
	snprintf(path, sizeof(path), "%s/docs/config.md", cwd);
	file = slurp(path);
	is_int(run_dump(cli_dump_config, 1, argv_md, &out), 0, "--dump-config md");
	ok(out && file && strcmp(out, file) == 0, "--dump-config md prints docs/config.md");
	free(out);
	free(file);
	is_int(run_dump(cli_dump_config, 1, argv_help, &out), 0, "--dump-config help");
	ok(out && strstr(out, "[reader]"), "help lists sections");
	free(out);
	is_int(run_dump(cli_dump_config, 1, argv_bad, &out), 2, "--dump-config x: usage error");
	free(out);
	snprintf(path, sizeof(path), "%s/docs/keys.md", cwd);
	file = slurp(path);
	is_int(run_dump(cli_dump_keys, 0, NULL, &out), 0, "--dump-keys");
	ok(out && file && strcmp(out, file) == 0, "--dump-keys prints docs/keys.md");
	free(out);
	free(file);
	is_int(run_dump(cli_dump_keys, 4, argv_tmux, &out), 0, "--dump-keys tmux");
	is_str(out, "NPage\nC-d\nBTab\n", "tmux names");
	free(out);
	is_int(run_dump(cli_dump_keys, 2, argv_tmux_bad, &out), 2, "bad key name for tmux");
	free(out);
	is_int(run_dump(cli_dump_theme, 1, argv_ini, &out), 0, "--dump-theme ini");
	snprintf(path, sizeof(path), "%s/themes/default.ini", cwd);
	file = slurp(path);
	ok(out && file && strcmp(out, file) == 0, "--dump-theme ini prints themes/default.ini");
	free(out);
	free(file);
}

static void
test_check_config(void)
{
	char *path = write_tmp("bad2.ini", bad_config, strlen(bad_config));
	char *out = NULL, *p;
	char example[4096];

	is_int(run_check(path, &out), 1, "check-config: exit 1 on the bad config");
	is_int(count_lines(out), 6, "one line per problem");
	p = xasprintf("%s:7: [reader:wrap]: ", path);
	ok(out && strstr(out, p), "names [reader:wrap] with its line");
	free(p);
	free(out);
	snprintf(example, sizeof(example), "%s/config.example.ini", cwd);
	is_int(run_check(example, &out), 0, "check-config config.example.ini: exit 0");
	p = xasprintf("%s: ok\n", example);
	is_str(out, p, "says ok");
	free(p);
	free(out);
	is_int(run_check("/nonexistent/config.ini", &out), 1, "missing explicit file: exit 1");
	free(out);
	setenv("JINGDU_CONFIG", "/nonexistent/config.ini", 1);
	is_int(run_check(NULL, &out), 0, "missing default file: exit 0");
	ok(out && strstr(out, "defaults apply"), "says the defaults apply");
	free(out);
	setenv("JINGDU_CONFIG", path, 1);
	is_int(run_check(NULL, &out), 1, "no PATH: the default path is checked");
	free(out);
	unsetenv("JINGDU_CONFIG");
	free(path);
}

static void
test_paths(void)
{
	struct config *cfg;
	char *p;

	setenv("XDG_CONFIG_HOME", "/x/conf", 1);
	unsetenv("JINGDU_CONFIG");
	p = config_default_path();
	is_str(p, "/x/conf/jingdu/config.ini", "XDG_CONFIG_HOME");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/home/u", 1);
	p = config_default_path();
	is_str(p, "/home/u/.config/jingdu/config.ini", "~/.config fallback");
	free(p);
	setenv("JINGDU_CONFIG", "/etc/j.ini", 1);
	p = config_default_path();
	is_str(p, "/etc/j.ini", "JINGDU_CONFIG wins");
	free(p);
	unsetenv("JINGDU_CONFIG");
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
	cfg = config_new();
	is_int(config_load(cfg, NULL), OK, "missing default file: OK");
	is_int(config_warning_count(cfg), 0, "silently");
	config_free(cfg);
	cfg = config_new();
	is_int(config_load(cfg, "/nonexistent/x.ini"), ERR_NOENT, "missing explicit file");
	is_int(config_warning_count(cfg), 1, "is reported");
	config_free(cfg);
	cfg = config_new();
	is_int(config_load(cfg, tmpdir), ERR_ISDIR, "a directory");
	config_free(cfg);
	cfg = config_new();
	is_int(config_load(cfg, "/dev/zero"), ERR_TOOBIG, "/dev/zero: too big, not endless");
	config_free(cfg);
	cfg = config_new();
	is_int(config_load(cfg, "/dev/null"), OK, "/dev/null: empty config");
	is_int(config_warning_count(cfg), 0, "no warnings");
	config_free(cfg);
	unsetenv("XDG_CONFIG_HOME");
}

static struct config *
load_str(const char *text)
{
	struct config *cfg = config_new();

	config_load_buffer(cfg, "t.ini", text, strlen(text));
	return cfg;
}

static void
test_syntax(void)
{
	struct config *cfg;
	char *big;
	struct buf b;

	cfg = load_str("[ui]\neditor = vim -f # the editor\n[export]\ndirectory = \"  a ; b  \"\n");
	is_str(config_str(cfg, CONFIG_UI_EDITOR), "vim -f", "inline # comment");
	is_str(config_str(cfg, CONFIG_EXPORT_DIRECTORY), "  a ; b  ", "quoted value kept");
	is_int(config_warning_count(cfg), 0, "clean");
	config_free(cfg);
	cfg = load_str("\xef\xbb\xbf[UI]\r\nSections_Width = 33 ; percent\r\n");
	is_int(config_int(cfg, CONFIG_UI_SECTIONS_WIDTH), 33, "BOM, CRLF, case, ; comment");
	is_int(config_warning_count(cfg), 0, "clean");
	config_free(cfg);
	/* A line over 1000 bytes is skipped, the next line still counts. */
	buf_init(&b);
	buf_adds(&b, "[ui]\neditor = ");
	while (b.len < 1500)
		buf_addc(&b, 'x');
	buf_adds(&b, "\nsections_width = 40\n");
	cfg = load_str(b.s);
	is_int(config_int(cfg, CONFIG_UI_SECTIONS_WIDTH), 40, "line after a long line counts");
	is_int(config_warning_count(cfg), 1, "long line reported");
	ok(config_warning(cfg, 0) && config_warning(cfg, 0)->line == 2, "on line 2");
	is_str(config_str(cfg, CONFIG_UI_EDITOR), "", "long value not applied");
	config_free(cfg);
	buf_fini(&b);
	/* NUL bytes and invalid UTF-8. */
	cfg = config_new();
	{
		static const char nul[] =
		    "[ui]\nmouse = o\0ff\nsections_width = 25\neditor = \xff\n";

		config_load_buffer(cfg, "t.ini", nul, sizeof(nul) - 1);
	}
	is_int(config_int(cfg, CONFIG_UI_SECTIONS_WIDTH), 25, "NUL line skipped, rest counts");
	is_int(config_warning_count(cfg), 2, "NUL and invalid UTF-8 reported");
	config_free(cfg);
	/* Unknown things. */
	cfg = load_str("colour = red\n[ui]\nthem = x\n[bogus]\na = b\n[keys.nowhere]\nquit = x\n");
	is_int(config_warning_count(cfg), 4, "unknown top key, key, section, key context");
	dump_warnings(cfg);
	is_int(keymap_lookup(config_keymap(cfg), KEYMAP_READER, 'x'), CMD_EXPORT,
	       "bindings of an unknown context ignored");
	config_free(cfg);
	/* Duplicates: the last counts, reported. */
	cfg = load_str("[ui]\nsections_width = 30\nsections_width = 35\n");
	is_int(config_int(cfg, CONFIG_UI_SECTIONS_WIDTH), 35, "last one counts");
	is_int(config_warning_count(cfg), 1, "duplicate reported");
	config_free(cfg);
	/* Nothing but garbage never crashes. */
	big = xmalloc(70000);
	memset(big, '[', 70000);
	big[69999] = '\0';
	cfg = load_str(big);
	ok(config_warning_count(cfg) >= 1, "70 kB of '[' handled");
	config_free(cfg);
	free(big);
	cfg = load_str("[keys]\n=\n[=]\n[]\n[ ui ]\nmouse=off\n\"\"=1\nkey = \"unterminated\n");
	ok(!config_bool(cfg, CONFIG_UI_MOUSE), "[ ui ] with blanks is ui");
	is_int(config_warning_count(cfg), 5, "=, [=], [], \"\", unterminated quote");
	dump_warnings(cfg);
	config_free(cfg);
}

static void
test_keys(void)
{
	struct config *cfg;
	struct keymap *km;
	int keys[8];

	cfg = load_str("[keys]\n"
		       "page_down = Space PgDn C-f f\n"
		       "word_prev = B\n"
		       "fold-toggle = z\n"
		       "edit_home = C-a Home\n"
		       "export = none\n"
		       "help = Foo F1\n"
		       "[keys.prompt]\n"
		       "cancel = C-c\n"
		       "[keys.list]\n"
		       "delete = D\n");
	km = config_keymap(cfg);
	is_int(config_warning_count(cfg), 1, "one bad key name");
	dump_warnings(cfg);
	is_int(keymap_lookup(km, KEYMAP_READER, 'f'), CMD_PAGE_DOWN, "f pages down");
	is_int(keymap_lookup(km, KEYMAP_READER, 'B'), CMD_WORD_PREV, "word-prev rebound in reader");
	is_int(keymap_lookup(km, KEYMAP_READER, 'b'), CMD_PAGE_UP, "b back to page-up in reader");
	is_int(keymap_lookup(km, KEYMAP_SECTIONS, 'z'), CMD_FOLD_TOGGLE, "fold in sections");
	is_int(keymap_lookup(km, KEYMAP_READER, 'z'), CMD_NONE, "not in the reader");
	is_int(keymap_lookup(km, KEYMAP_READER, 'x'), CMD_NONE, "export unbound");
	is_int((int)keymap_keys(km, -1, CMD_HELP, keys, 8), 1, "help: only F1 (Foo rejected)");
	is_int(keymap_lookup(km, KEYMAP_PROMPT, keymap_parse_key("C-c", NULL)), CMD_CANCEL,
	       "C-c cancels the prompt");
	is_int(keymap_lookup(km, KEYMAP_PROMPT, JKEY_ESC), CMD_NONE, "Esc no longer in prompt");
	is_int(keymap_lookup(km, KEYMAP_READER, JKEY_ESC), CMD_CANCEL, "Esc still global");
	is_int(keymap_lookup(km, KEYMAP_LIST, 'D'), CMD_DELETE, "D deletes in lists");
	is_int(keymap_lookup(km, KEYMAP_LIST, 'd'), CMD_DELETE, "d still via global");
	config_free(cfg);
	/* Conflicts. */
	cfg = load_str("[keys]\nquit = x\nhelp = x\n");
	is_int(config_warning_count(cfg), 1, "two commands on x: reported");
	ok(config_warning(cfg, 0) && config_warning(cfg, 0)->line == 3 &&
	       strstr(config_warning(cfg, 0)->msg, "quit on line 2"),
	   "names the other line");
	is_int(keymap_lookup(config_keymap(cfg), KEYMAP_READER, 'x'), CMD_HELP, "the later counts");
	config_free(cfg);
	cfg = load_str("[keys]\nquit = w\n");
	is_int(config_warning_count(cfg), 1, "quit = w is hidden in the reader: reported");
	dump_warnings(cfg);
	config_free(cfg);
	cfg = load_str("[keys]\nquit = Q\n[keys.reader]\nquit = w\n");
	is_int(config_warning_count(cfg), 0, "reader binding of a global command is deliberate");
	is_int(keymap_lookup(config_keymap(cfg), KEYMAP_READER, 'w'), CMD_QUIT,
	       "w quits in reader");
	is_int(keymap_lookup(config_keymap(cfg), KEYMAP_SECTIONS, 'Q'), CMD_QUIT, "Q quits");
	config_free(cfg);
	cfg = load_str("[keys]\nno_such_command = x\n");
	is_int(config_warning_count(cfg), 1, "unknown command reported");
	config_free(cfg);
}

static void
test_caps(void)
{
	struct config *cfg = config_new();
	struct theme_caps t256 = {256, false, false}, t8 = {8, false, false},
			  td = {1 << 24, true, false}, tn = {256, false, true}, c;

	c = config_theme_caps(cfg, &t256);
	ok(c.colors == 256 && !c.no_color, "auto: the terminal's 256");
	c = config_theme_caps(cfg, &tn);
	ok(c.no_color, "NO_COLOR from the terminal side kept");
	config_set(cfg, CONFIG_UI_COLORS, "8", "t", 1);
	c = config_theme_caps(cfg, &t256);
	is_int(c.colors, 8, "colors = 8 on a 256-colour terminal");
	config_set(cfg, CONFIG_UI_COLORS, "256", "t", 1);
	c = config_theme_caps(cfg, &t8);
	is_int(c.colors, 8, "colors = 256 cannot add colours");
	c = config_theme_caps(cfg, &td);
	ok(c.direct, "a direct-colour terminal stays direct");
	config_set(cfg, CONFIG_UI_COLORS, "none", "t", 1);
	c = config_theme_caps(cfg, &t256);
	ok(c.no_color, "colors = none");
	config_free(cfg);
}

static void
test_cli_overrides(void)
{
	struct config *cfg = config_new();
	struct cli_opts o = {0};
	char dir[4200];

	snprintf(dir, sizeof(dir), "%s/themes", cwd);
	setenv("JINGDU_THEMES", dir, 1);
	o.theme = "gruvbox";
	o.ambiguous_width = 2;
	o.no_color = true;
	config_apply_cli(cfg, &o);
	is_str(config_str(cfg, CONFIG_UI_THEME), "gruvbox", "--theme");
	is_int(config_choice(cfg, CONFIG_READER_AMBIGUOUS_WIDTH), 2, "--ambiguous-width");
	is_int(config_choice(cfg, CONFIG_UI_COLORS), CONFIG_COLORS_NONE, "--no-color");
	o.theme = "nosuch";
	config_apply_cli(cfg, &o);
	is_int(config_warning_count(cfg), 1, "bad --theme is a warning");
	ok(config_warning(cfg, 0) && strcmp(config_warning(cfg, 0)->file, "command line") == 0,
	   "from the command line");
	config_free(cfg);
}

static void
compare_generated(const char *rel, void (*gen)(struct buf *))
{
	char path[4200];
	struct buf b;
	char *file;

	snprintf(path, sizeof(path), "%s/%s", cwd, rel);
	buf_init(&b);
	gen(&b);
	if (getenv("JINGDU_REGEN")) {
		FILE *f = fopen(path, "w");

		if (f) {
			fputs(b.s, f);
			fclose(f);
			tap_diag("wrote %s", path);
		}
	}
	file = slurp(path);
	ok(file && strcmp(file, b.s) == 0,
	   "%s is what the tables generate (JINGDU_REGEN=1 build/tests/test_config rewrites it)",
	   rel);
	free(file);
	buf_fini(&b);
}

static void
gen_keys(struct buf *b)
{
	struct keymap *km = keymap_new();

	keymap_doc_markdown(km, b);
	keymap_free(km);
}

static void
gen_theme_doc(struct buf *b)
{
	/* docs/theme.md: hand-written text, then the generated element table. */
	char path[4200];
	char *file, *cut;

	snprintf(path, sizeof(path), "%s/docs/theme.md", cwd);
	file = slurp(path);
	cut = file ? strstr(file, "<!-- elements: generated") : NULL;
	if (cut) {
		cut = strchr(cut, '\n');
		buf_add(b, file, (size_t)(cut + 1 - file));
	}
	theme_doc_elements(b);
	free(file);
}

static void
test_generated(void)
{
	struct config *cfg = config_new();
	char path[4200];
	dictionary *d;
	int o;

	compare_generated("config.example.ini", config_write_example);
	compare_generated("docs/config.md", config_write_markdown);
	compare_generated("docs/keys.md", gen_keys);
	compare_generated("docs/theme.md", gen_theme_doc);
	snprintf(path, sizeof(path), "%s/config.example.ini", cwd);
	setenv("JINGDU_THEMES", "/nonexistent", 1);
	is_int(config_load(cfg, path), OK, "config.example.ini loads");
	is_int(config_warning_count(cfg), 0, "config.example.ini loads clean");
	dump_warnings(cfg);
	for (o = 0; o < CONFIG_COUNT; o++)
		is_str(config_str(cfg, (enum config_opt)o), config_opt_default((enum config_opt)o),
		       "example sets %s to its default", config_opt_key((enum config_opt)o));
	config_free(cfg);
	/* iniparser reads the example the same way (the dialect is compatible). */
	iniparser_set_error_callback(NULL);
	d = iniparser_load(path);
	ok(d != NULL, "iniparser loads config.example.ini");
	for (o = 0; d && o < CONFIG_COUNT; o++) {
		char key[128];
		const char *v;

		snprintf(key, sizeof(key), "%s:%s", config_opt_section((enum config_opt)o),
			 config_opt_key((enum config_opt)o));
		v = iniparser_getstring(d, key, NULL);
		is_str(v, config_opt_default((enum config_opt)o), "iniparser agrees on %s", key);
	}
	if (d)
		iniparser_freedict(d);
	/* Uncommenting every default binding of the example changes nothing and warns nothing. */
	{
		char *text = slurp(path), *keys = text ? strstr(text, "\n[keys]\n") : NULL;
		struct buf b;
		const char *l;
		struct keymap *def = keymap_new();
		size_t i;
		bool same;

		buf_init(&b);
		for (l = keys; l && *l;) {
			size_t n = strcspn(l, "\n");

			if (n > 2 && l[0] == ';' && !memchr(l, ',', n) &&
			    ((l[2] == '[' && l[n - 1] == ']') ||
			     (memchr(l, '=', n) && l[2] != ' ')))
				buf_add(&b, l + 2, n - 2);
			else
				buf_add(&b, l, n);
			buf_addc(&b, '\n');
			l += n + (l[n] ? 1 : 0);
		}
		cfg = config_new();
		config_load_buffer(cfg, "keys.ini", b.s ? b.s : "", b.len);
		is_int(config_warning_count(cfg), 0, "the example's keys uncommented load clean");
		dump_warnings(cfg);
		same = keymap_count(config_keymap(cfg)) == keymap_count(def);
		for (i = 0; same && i < keymap_count(def); i++) {
			const struct keymap_binding *x = keymap_get(def, i);

			if (keymap_lookup_exact(config_keymap(cfg), x->ctx, x->key) != x->cmd)
				same = false;
		}
		ok(same, "and give the default bindings");
		config_free(cfg);
		keymap_free(def);
		buf_fini(&b);
		free(text);
	}
	{
		struct buf b;

		buf_init(&b);
		config_write_help(&b);
		ok(strstr(b.s, "ambiguous_width = auto") != NULL, "help text lists options");
		buf_fini(&b);
	}
}

int
main(void)
{
	char rm[4200];

	if (!getcwd(cwd, sizeof(cwd)) || !mkdtemp(tmpdir))
		return 1;
	unsetenv("JINGDU_CONFIG");
	test_defaults();
	test_values();
	test_bad_config();
	test_check_config();
	test_dumps();
	test_paths();
	test_syntax();
	test_keys();
	test_cli_overrides();
	test_caps();
	test_generated();
	(void)tap_shared;
	snprintf(rm, sizeof(rm), "rm -rf '%s'", tmpdir);
	if (system(rm) != 0)
		tap_diag("could not remove %s", tmpdir);
	return tap_done();
}
