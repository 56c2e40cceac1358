/* config.c — options table, loading (through ini.c), [keys] bindings, generated docs. */
#include "jingdu/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jingdu/theme.h"

struct opt_info {
	const char *section;
	const char *key;
	enum config_type type;
	const char *def;
	long min;
	long max;
	const char *choices;
	const char *help;
};

static const struct opt_info opts[CONFIG_COUNT] = {
#define CONFIG_ROW(id, sec, key, type, def, min, max, choices, help)                               \
	{sec, key, CONFIG_##type, def, min, max, choices, help},
    CONFIG_INFO(CONFIG_ROW)
#undef CONFIG_ROW
};

static const char *const known_sections[] = {"", "ui", "reader", "search", "entities", "export"};

struct opt_value {
	long i;     /* bool, int, enum index */
	char *text; /* canonical text of the value */
	int line;
};

/* Where a user binding was made, to name it in conflict warnings. */
struct user_binding {
	enum keymap_ctx ctx;
	int key;
	int line;
};

struct config {
	struct opt_value v[CONFIG_COUNT];
	struct keymap *km;
	struct ini_warnings w;
	char *file;
	struct user_binding *ub;
	size_t n_ub;
	size_t cap_ub;
};

/* ENUM helpers: the i-th choice of "a|b|c" as a pointer and length. */
static bool
choice_at(const char *choices, int idx, const char **s, size_t *n)
{
	int i = 0;

	while (*choices) {
		size_t len = strcspn(choices, "|");

		if (i == idx) {
			*s = choices;
			*n = len;
			return true;
		}
		i++;
		choices += len;
		if (*choices == '|')
			choices++;
	}
	return false;
}

static int
choice_find(const char *choices, const char *v)
{
	const char *s;
	size_t n;
	int i;

	for (i = 0; choice_at(choices, i, &s, &n); i++)
		if (strlen(v) == n && strncasecmp_ascii(v, s, n) == 0)
			return i;
	return -1;
}

/* "auto, 1, 2" for messages and docs. */
static void
choices_list(const char *choices, const char *sep, const char *quote, struct buf *b)
{
	const char *s;
	size_t n;
	int i;

	for (i = 0; choice_at(choices, i, &s, &n); i++)
		buf_addf(b, "%s%s%.*s%s", i ? sep : "", quote, (int)n, s, quote);
}

static char *
expand_home(const char *v)
{
	const char *home = getenv("HOME");

	if (v[0] == '~' && (v[1] == '/' || v[1] == '\0') && home && *home)
		return xasprintf("%s%s", home, v + 1);
	return xstrdup(v);
}

/* Parse value for opt without side effects: on success fills *i and *text (owned). On
 * failure writes the reason into why. */
static bool
opt_parse(enum config_opt opt, const char *value, long *i, char **text, struct buf *why)
{
	const struct opt_info *o = &opts[opt];
	bool bv;
	long lv;
	int ci;

	*i = 0;
	*text = NULL;
	switch (o->type) {
	case CONFIG_BOOL:
		if (!ini_parse_bool(value, &bv)) {
			buf_addf(why, "'%s' is not on or off (also yes/no, true/false, 1/0)",
				 value);
			return false;
		}
		*i = bv;
		*text = xstrdup(bv ? "on" : "off");
		return true;
	case CONFIG_INT:
		if (!ini_parse_int(value, &lv)) {
			buf_addf(why, "'%s' is not a whole number", value);
			return false;
		}
		if (lv < o->min || lv > o->max) {
			if (opt == CONFIG_VERSION && lv > o->max)
				buf_addf(why,
					 "version %ld is newer than this jingdu understands (%ld)",
					 lv, o->max);
			else
				buf_addf(why, "%ld is out of range %ld..%ld", lv, o->min, o->max);
			return false;
		}
		*i = lv;
		*text = xasprintf("%ld", lv);
		return true;
	case CONFIG_ENUM:
		ci = choice_find(o->choices, value);
		if (ci < 0) {
			buf_addf(why, "'%s' is not one of ", value);
			choices_list(o->choices, ", ", "", why);
			return false;
		}
		{
			const char *s = "";
			size_t n = 0;

			choice_at(o->choices, ci, &s, &n);
			*text = xstrndup(s, n);
		}
		*i = ci;
		return true;
	case CONFIG_STRING:
		*text = xstrdup(value);
		return true;
	case CONFIG_PATH:
		*text = expand_home(value);
		if (opt == CONFIG_ENTITIES_FILE && **text && access(*text, R_OK) != 0) {
			buf_addf(why, "cannot read '%s'", value);
			free(*text);
			*text = NULL;
			return false;
		}
		return true;
	case CONFIG_THEME:
		if (!theme_name_valid(value)) {
			buf_addf(why, "'%s' is not a theme name", value);
			return false;
		}
		if (!theme_exists(value)) {
			buf_addf(why, "unknown theme '%s'", value);
			return false;
		}
		*text = xstrdup(value);
		return true;
	}
	return false;
}

static void
opt_store(struct config *cfg, enum config_opt opt, long i, char *text, int line)
{
	free(cfg->v[opt].text);
	cfg->v[opt].i = i;
	cfg->v[opt].text = text;
	cfg->v[opt].line = line;
}

bool
config_set(struct config *cfg, enum config_opt opt, const char *value, const char *file, int line)
{
	struct buf why;
	long i;
	char *text;

	if (!cfg || (int)opt < 0 || opt >= CONFIG_COUNT || !value)
		return false;
	buf_init(&why);
	if (!opt_parse(opt, value, &i, &text, &why)) {
		ini_warn(&cfg->w, file, line, opts[opt].key, "%s; using the default (%s)", why.s,
			 *opts[opt].def ? opts[opt].def : "empty");
		buf_fini(&why);
		return false;
	}
	buf_fini(&why);
	opt_store(cfg, opt, i, text, line);
	return true;
}

struct config *
config_new(void)
{
	struct config *cfg = xcalloc(1, sizeof(*cfg));
	int o;

	for (o = 0; o < CONFIG_COUNT; o++) {
		struct buf why;
		long i;
		char *text;

		buf_init(&why);
		/* The defaults parse by construction (a unit test checks it); a theme default
		 * is built in, so it exists even without theme files. */
		if (opts[o].type == CONFIG_THEME) {
			i = 0;
			text = xstrdup(opts[o].def);
		} else if (!opt_parse((enum config_opt)o, opts[o].def, &i, &text, &why)) {
			i = 0;
			text = xstrdup(opts[o].def);
		}
		buf_fini(&why);
		opt_store(cfg, (enum config_opt)o, i, text, 0);
	}
	cfg->km = keymap_new();
	ini_warnings_init(&cfg->w);
	return cfg;
}

void
config_free(struct config *cfg)
{
	int o;

	if (!cfg)
		return;
	for (o = 0; o < CONFIG_COUNT; o++)
		free(cfg->v[o].text);
	keymap_free(cfg->km);
	ini_warnings_fini(&cfg->w);
	free(cfg->file);
	free(cfg->ub);
	free(cfg);
}

char *
config_default_path(void)
{
	const char *env = getenv("JINGDU_CONFIG");
	char *dir, *p;

	if (env && *env)
		return xstrdup(env);
	dir = xdg_dir("config", false);
	if (!dir)
		return NULL;
	p = xasprintf("%s/config.ini", dir);
	free(dir);
	return p;
}

int
config_opt_find(const char *section, const char *key)
{
	int o;

	if (!section || !key)
		return -1;
	for (o = 0; o < CONFIG_COUNT; o++)
		if (strcmp(opts[o].section, section) == 0 && strcmp(opts[o].key, key) == 0)
			return o;
	return -1;
}

static bool
section_known(const char *s)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(known_sections); i++)
		if (strcmp(s, known_sections[i]) == 0)
			return true;
	return false;
}

/* -2: not a keys section; -1: [keys] (each command's own context); else the context. */
static int
keys_section_ctx(const char *s, bool *bad)
{
	*bad = false;
	if (strcmp(s, "keys") == 0)
		return -1;
	if (strncmp(s, "keys.", 5) == 0) {
		int c = keymap_ctx_from_name(s + 5);

		if (c < 0)
			*bad = true;
		return c < 0 ? -2 : c;
	}
	return -2;
}

static enum keymap_ctx
primary_ctx(enum cmd c)
{
	unsigned mask = keymap_default_ctxs(c);
	int i;

	for (i = 0; i < KEYMAP_CTX_COUNT; i++)
		if (mask & (1u << i))
			return (enum keymap_ctx)i;
	return KEYMAP_GLOBAL;
}

static size_t
ub_hash(enum keymap_ctx ctx, int key)
{
	unsigned long long h = ((unsigned long long)(unsigned)key << 3) ^ (unsigned)ctx;

	return (size_t)((h * 0x9e3779b97f4a7c15ull) >> 20);
}

/* cfg->ub is an open-addressing table (cap_ub a power of two; line 0 = empty slot). */
static struct user_binding *
ub_slot(const struct config *cfg, enum keymap_ctx ctx, int key)
{
	size_t mask, h;

	if (!cfg->cap_ub)
		return NULL;
	mask = cfg->cap_ub - 1;
	for (h = ub_hash(ctx, key) & mask; cfg->ub[h].line; h = (h + 1) & mask)
		if (cfg->ub[h].ctx == ctx && cfg->ub[h].key == key)
			return &cfg->ub[h];
	return &cfg->ub[h];
}

static void
record_user_binding(struct config *cfg, enum keymap_ctx ctx, int key, int line)
{
	struct user_binding *u;

	if (2 * (cfg->n_ub + 1) >= cfg->cap_ub) {
		struct user_binding *old = cfg->ub;
		size_t oldcap = cfg->cap_ub, i;

		cfg->cap_ub = oldcap ? oldcap * 2 : 64;
		cfg->ub = xcalloc(cfg->cap_ub, sizeof(*cfg->ub));
		for (i = 0; i < oldcap; i++)
			if (old[i].line)
				*ub_slot(cfg, old[i].ctx, old[i].key) = old[i];
		free(old);
	}
	u = ub_slot(cfg, ctx, key);
	if (!u->line)
		cfg->n_ub++;
	u->ctx = ctx;
	u->key = key;
	u->line = line > 0 ? line : 1;
}

static int
user_binding_line(const struct config *cfg, enum keymap_ctx ctx, int key)
{
	const struct user_binding *u = ub_slot(cfg, ctx, key);

	return u ? u->line : 0;
}

static void
apply_binding(struct config *cfg, const char *label, const struct ini_entry *e, int sctx)
{
	enum cmd c = cmd_from_name(e->key);
	enum keymap_ctx ctx;
	const char *s = e->value;
	int keys[64];
	size_t nk = 0, i;
	bool any_bad = false;

	if (c == CMD_NONE) {
		ini_warn(&cfg->w, label, e->line, e->key, "unknown command (see docs/keys.md)");
		return;
	}
	ctx = sctx < 0 ? primary_ctx(c) : (enum keymap_ctx)sctx;
	s += strspn(s, " \t");
	if (!*s) {
		ini_warn(&cfg->w, label, e->line, e->key,
			 "no key given (write none to unbind); keeping the default keys");
		return;
	}
	if (strlen(s) == 4 && strncasecmp_ascii(s, "none", 4) == 0) {
		keymap_unbind_cmd(cfg->km, (int)ctx, c);
		return;
	}
	while (*s) {
		size_t n = strcspn(s, " \t");
		const char *why = NULL;
		int k = keymap_parse_keyn(s, n, &why);

		if (k < 0) {
			ini_warn(&cfg->w, label, e->line, e->key, "'%.*s': %s", (int)MIN(n, 64), s,
				 why ? why : "not a key");
			any_bad = true;
		} else if (nk < ARRAY_SIZE(keys)) {
			for (i = 0; i < nk && keys[i] != k; i++)
				;
			if (i == nk)
				keys[nk++] = k;
		}
		s += n;
		s += strspn(s, " \t");
	}
	if (nk == 0) {
		(void)any_bad;
		return; /* every key was bad: keep the defaults */
	}
	keymap_unbind_cmd(cfg->km, (int)ctx, c);
	for (i = 0; i < nk; i++) {
		bool was_user = false;
		enum cmd old = keymap_bind(cfg->km, ctx, keys[i], c, true, &was_user);
		char kn[48];

		if (old != CMD_NONE && was_user)
			ini_warn(&cfg->w, label, e->line, e->key,
				 "'%s' is also bound to %s on line %d; this binding counts",
				 keymap_key_name(keys[i], kn, sizeof(kn)), cmd_name(old),
				 user_binding_line(cfg, ctx, keys[i]));
		record_user_binding(cfg, ctx, keys[i], e->line);
	}
}

struct shadow_arg {
	struct config *cfg;
	const char *label;
	struct keymap *defaults;
};

static void
report_shadow(enum keymap_ctx ctx, int key, enum cmd global_cmd, enum cmd ctx_cmd, void *arg)
{
	struct shadow_arg *sa = arg;
	int line = user_binding_line(sa->cfg, KEYMAP_GLOBAL, key);
	char kn[48];

	if (line == 0)
		return; /* the global side is a default: the context binding is deliberate */
	if (keymap_lookup_exact(sa->defaults, KEYMAP_GLOBAL, key) == global_cmd &&
	    keymap_lookup_exact(sa->defaults, ctx, key) == ctx_cmd)
		return; /* the file restates a pairing the defaults make on purpose (b, Enter, q) */
	keymap_key_name(key, kn, sizeof(kn));
	ini_warn(&sa->cfg->w, sa->label, line, cmd_name(global_cmd),
		 "'%s' runs %s in the %s context, so this binding does not work there (bind it "
		 "in [keys.%s] as well)",
		 kn, cmd_name(ctx_cmd), keymap_ctx_name(ctx), keymap_ctx_name(ctx));
}

struct warning_ref {
	struct ini_warning w;
	size_t seq;
};

static int
warning_cmp(const void *a, const void *b)
{
	const struct warning_ref *x = a, *y = b;

	if (x->w.line != y->w.line)
		return x->w.line < y->w.line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Stable sort of w->v[first..] by line (all from one file). */
static void
sort_warnings(struct ini_warnings *w, size_t first)
{
	struct warning_ref *r;
	size_t n = w->n - first, i;

	if (n < 2)
		return;
	r = xmalloc(n * sizeof(*r));
	for (i = 0; i < n; i++) {
		r[i].w = w->v[first + i];
		r[i].seq = i;
	}
	qsort(r, n, sizeof(*r), warning_cmp);
	for (i = 0; i < n; i++)
		w->v[first + i] = r[i].w;
	free(r);
}

/* Apply ini's entries; warnings from index first on (the parser's and ours) end up sorted
 * by line. */
static void
config_apply_ini(struct config *cfg, const char *label, const struct ini *ini, size_t first)
{
	size_t i;

	for (i = 0; i < ini->n; i++) {
		const struct ini_entry *e = &ini->v[i];
		bool badctx;
		int kctx = keys_section_ctx(e->section, &badctx);
		int o;

		if (!e->key) {
			char *name = xasprintf("[%s]", e->section);

			if (badctx)
				ini_warn(&cfg->w, label, e->line, name,
					 "unknown key context (global, reader, sections, entities, "
					 "list, prompt); its lines are ignored");
			else if (kctx == -2 && !section_known(e->section))
				ini_warn(&cfg->w, label, e->line, name,
					 "unknown section; its lines are ignored");
			free(name);
			continue;
		}
		if (kctx != -2) {
			apply_binding(cfg, label, e, kctx);
			continue;
		}
		if (badctx || !section_known(e->section))
			continue;
		o = config_opt_find(e->section, e->key);
		if (o < 0) {
			if (e->section[0])
				ini_warn(&cfg->w, label, e->line, e->key, "unknown key in [%s]",
					 e->section);
			else
				ini_warn(&cfg->w, label, e->line, e->key,
					 "unknown key outside any section");
			continue;
		}
		config_set(cfg, (enum config_opt)o, e->value, label, e->line);
	}
	{
		struct shadow_arg sa = {cfg, label, keymap_new()};

		keymap_shadowed(cfg->km, true, report_shadow, &sa);
		keymap_free(sa.defaults);
	}
	/* Keep the warnings in line order: ini.c reports while parsing, the options after. */
	sort_warnings(&cfg->w, first);
}

void
config_load_buffer(struct config *cfg, const char *label, const char *text, size_t len)
{
	struct ini ini;
	size_t first = cfg->w.n;

	ini_init(&ini);
	ini_parse(&ini, label, text, len, &cfg->w);
	config_apply_ini(cfg, label, &ini, first);
	ini_fini(&ini);
}

enum status
config_load(struct config *cfg, const char *path)
{
	char *def = NULL;
	struct ini ini;
	enum status s;
	struct stat st;
	bool explicit_path = path != NULL;
	size_t first = cfg->w.n;

	if (!path) {
		def = config_default_path();
		if (!def)
			return OK;
		path = def;
		if (stat(path, &st) != 0) {
			free(def);
			return OK;
		}
	}
	ini_init(&ini);
	s = ini_load(&ini, path, &cfg->w);
	if (s != OK) {
		ini_warn(&cfg->w, path, 0, "", "cannot read the config: %s%s", status_str(s),
			 explicit_path ? "" : "; using the defaults");
		ini_fini(&ini);
		free(def);
		return s;
	}
	free(cfg->file);
	cfg->file = xstrdup(path);
	config_apply_ini(cfg, path, &ini, first);
	ini_fini(&ini);
	free(def);
	return OK;
}

void
config_apply_cli(struct config *cfg, const struct cli_opts *o)
{
	if (!cfg || !o)
		return;
	if (o->theme)
		config_set(cfg, CONFIG_UI_THEME, o->theme, "command line", 0);
	if (o->ambiguous_width == 1 || o->ambiguous_width == 2)
		config_set(cfg, CONFIG_READER_AMBIGUOUS_WIDTH, o->ambiguous_width == 1 ? "1" : "2",
			   "command line", 0);
	if (o->no_color)
		config_set(cfg, CONFIG_UI_COLORS, "none", "command line", 0);
}

static bool
opt_ok(const struct config *cfg, enum config_opt opt)
{
	return cfg && (int)opt >= 0 && opt < CONFIG_COUNT;
}

bool
config_bool(const struct config *cfg, enum config_opt opt)
{
	return opt_ok(cfg, opt) && cfg->v[opt].i != 0;
}

long
config_int(const struct config *cfg, enum config_opt opt)
{
	return opt_ok(cfg, opt) ? cfg->v[opt].i : 0;
}

int
config_choice(const struct config *cfg, enum config_opt opt)
{
	return opt_ok(cfg, opt) ? (int)cfg->v[opt].i : 0;
}

const char *
config_str(const struct config *cfg, enum config_opt opt)
{
	return opt_ok(cfg, opt) && cfg->v[opt].text ? cfg->v[opt].text : "";
}

int
config_line(const struct config *cfg, enum config_opt opt)
{
	return opt_ok(cfg, opt) ? cfg->v[opt].line : 0;
}

const char *
config_file(const struct config *cfg)
{
	return cfg ? cfg->file : NULL;
}

struct theme_caps
config_theme_caps(const struct config *cfg, const struct theme_caps *term)
{
	struct theme_caps c = *term;

	switch (config_choice(cfg, CONFIG_UI_COLORS)) {
	case CONFIG_COLORS_NONE:
		c.no_color = true;
		break;
	case CONFIG_COLORS_256:
		if (!c.direct)
			c.colors = MIN(c.colors, 256);
		break;
	case CONFIG_COLORS_16:
		if (!c.direct)
			c.colors = MIN(c.colors, 16);
		break;
	case CONFIG_COLORS_8:
		if (!c.direct)
			c.colors = MIN(c.colors, 8);
		break;
	default:
		break;
	}
	return c;
}

struct keymap *
config_keymap(const struct config *cfg)
{
	return cfg ? cfg->km : NULL;
}

size_t
config_warning_count(const struct config *cfg)
{
	return cfg ? cfg->w.n : 0;
}

const struct ini_warning *
config_warning(const struct config *cfg, size_t i)
{
	return cfg && i < cfg->w.n ? &cfg->w.v[i] : NULL;
}

char *
config_warning_str(const struct config *cfg, size_t i)
{
	struct buf b;

	if (!cfg || i >= cfg->w.n)
		return NULL;
	buf_init(&b);
	ini_warning_format(&cfg->w.v[i], &b);
	return buf_take(&b);
}

struct ini_warnings *
config_warnings(struct config *cfg)
{
	return cfg ? &cfg->w : NULL;
}

const char *
config_opt_section(enum config_opt opt)
{
	return (int)opt >= 0 && opt < CONFIG_COUNT ? opts[opt].section : "";
}

const char *
config_opt_key(enum config_opt opt)
{
	return (int)opt >= 0 && opt < CONFIG_COUNT ? opts[opt].key : "";
}

enum config_type
config_opt_type(enum config_opt opt)
{
	return (int)opt >= 0 && opt < CONFIG_COUNT ? opts[opt].type : CONFIG_STRING;
}

const char *
config_opt_default(enum config_opt opt)
{
	return (int)opt >= 0 && opt < CONFIG_COUNT ? opts[opt].def : "";
}

/* Generated text. */

static void
values_text(enum config_opt o, struct buf *b, bool md)
{
	const struct opt_info *oi = &opts[o];

	switch (oi->type) {
	case CONFIG_BOOL:
		buf_adds(b, md ? "`on` / `off`" : "on or off");
		break;
	case CONFIG_INT:
		buf_addf(b, md ? "%ld–%ld" : "%ld..%ld", oi->min, oi->max);
		break;
	case CONFIG_ENUM:
		choices_list(oi->choices, md ? ", " : ", ", md ? "`" : "", b);
		break;
	case CONFIG_STRING:
		buf_adds(b, "text");
		break;
	case CONFIG_PATH:
		buf_adds(b, "path");
		break;
	case CONFIG_THEME:
		buf_adds(b, "theme name");
		break;
	}
}

/* Wrap text to about 94 columns behind "; ". */
static void
comment_wrapped(struct buf *b, const char *text)
{
	const char *s = text;
	size_t col = 0;

	buf_adds(b, ";");
	while (*s) {
		size_t n = strcspn(s, " ");

		if (col > 0 && col + 1 + n > 94) {
			buf_adds(b, "\n;");
			col = 0;
		}
		buf_addc(b, ' ');
		buf_add(b, s, n);
		col += 1 + n;
		s += n;
		s += strspn(s, " ");
	}
	buf_addc(b, '\n');
}

static void
cmd_key_name(enum cmd c, char *out, size_t n)
{
	size_t i;

	snprintf(out, n, "%s", cmd_name(c));
	for (i = 0; out[i]; i++)
		if (out[i] == '-')
			out[i] = '_';
}

static void
example_keys(struct buf *b)
{
	struct keymap *km = keymap_new();
	int c, ctx;
	char name[64];

	buf_adds(b, "\n[keys]\n");
	comment_wrapped(b, "Bind a command to one or more keys separated by spaces, or to none. "
			   "Key names: j, J, C-d (control), M-x (meta/alt), PageDown, PgDn, Home, "
			   "End, Up, Down, Left, Right, Enter, Esc, Tab, S-Tab, Space, F1..F12, "
			   "Backspace, Delete, and any single character; see docs/keys.md. "
			   "A line in [keys] replaces the command's keys in its own context; "
			   "[keys.global], [keys.reader], [keys.sections], [keys.entities], "
			   "[keys.list] and [keys.prompt] change one context only. "
			   "The defaults, to uncomment and change:");
	for (c = CMD_NONE + 1; c < CMD_COUNT; c++) {
		struct buf k;
		int keys[32];
		size_t n = keymap_keys(km, (int)primary_ctx((enum cmd)c), (enum cmd)c, keys, 32), i;
		char kn[48];

		if (n == 0)
			continue;
		buf_init(&k);
		for (i = 0; i < n && i < 32; i++)
			buf_addf(&k, "%s%s", i ? " " : "",
				 keymap_key_name(keys[i], kn, sizeof(kn)));
		cmd_key_name((enum cmd)c, name, sizeof(name));
		buf_addf(b, "; %s = %s\n", name, k.s);
		buf_fini(&k);
	}
	for (ctx = 0; ctx < KEYMAP_CTX_COUNT; ctx++) {
		bool header = false;

		for (c = CMD_NONE + 1; c < CMD_COUNT; c++) {
			int keys[32];
			size_t n, i;
			char kn[48];

			if ((int)primary_ctx((enum cmd)c) == ctx)
				continue;
			n = keymap_keys(km, ctx, (enum cmd)c, keys, 32);
			if (n == 0)
				continue;
			if (!header) {
				buf_addf(b, "\n; [keys.%s]\n",
					 keymap_ctx_name((enum keymap_ctx)ctx));
				header = true;
			}
			cmd_key_name((enum cmd)c, name, sizeof(name));
			buf_addf(b, "; %s =", name);
			for (i = 0; i < n && i < 32; i++)
				buf_addf(b, " %s", keymap_key_name(keys[i], kn, sizeof(kn)));
			buf_addc(b, '\n');
		}
	}
	keymap_free(km);
}

void
config_write_example(struct buf *b)
{
	const char *section = NULL;
	int o;

	buf_adds(b,
		 "; config.example.ini — every jingdu option with its default value.\n"
		 "; Generated by `jingdu --dump-config` from include/jingdu/config.h; do not edit "
		 "by hand.\n"
		 "; Copy it to ~/.config/jingdu/config.ini ($XDG_CONFIG_HOME/jingdu/config.ini) "
		 "or pass\n"
		 "; --config PATH, and check it with `jingdu check-config PATH`.\n"
		 "; Lines starting with ; or # are comments. Booleans: on/off, yes/no, true/false, "
		 "1/0.\n");
	for (o = 0; o < CONFIG_COUNT; o++) {
		const struct opt_info *oi = &opts[o];
		struct buf h;

		if (!section || strcmp(section, oi->section) != 0) {
			section = oi->section;
			buf_adds(b, "\n");
			if (*section)
				buf_addf(b, "[%s]\n", section);
		} else {
			buf_adds(b, "\n");
		}
		buf_init(&h);
		buf_addf(&h, "%s Values: ", oi->help);
		values_text((enum config_opt)o, &h, false);
		buf_adds(&h, ".");
		comment_wrapped(b, h.s);
		buf_fini(&h);
		if (*oi->def)
			buf_addf(b, "%s = %s\n", oi->key, oi->def);
		else
			buf_addf(b, "%s =\n", oi->key);
	}
	example_keys(b);
}

void
config_write_markdown(struct buf *b)
{
	const char *section = NULL;
	int o;

	buf_adds(
	    b,
	    "# Configuration\n\n"
	    "<!-- Generated by `jingdu --dump-config md` from include/jingdu/config.h; do not "
	    "edit by hand. -->\n\n"
	    "jingdu reads one INI file: `--config PATH` if given, else `$JINGDU_CONFIG`, else\n"
	    "`$XDG_CONFIG_HOME/jingdu/config.ini` (`~/.config/jingdu/config.ini` when\n"
	    "`XDG_CONFIG_HOME` is unset). A missing default file means the defaults, silently;\n"
	    "a missing `--config` file is reported. `config.example.ini` at the top of the\n"
	    "repository lists every option with its default. `--theme`, `--ambiguous-width` and\n"
	    "`--no-color` override the file.\n\n"
	    "## Problems are warnings\n\n"
	    "A bad line or value never stops jingdu: it becomes a warning that names the file,\n"
	    "the line and the key, the option keeps its default, and every other line still\n"
	    "counts. The reader shows the first warning in the status line;\n"
	    "`jingdu check-config [PATH]` prints all of them, one per line\n"
	    "(`PATH:LINE: key: problem`), and exits 1 when there is any (0 when clean).\n"
	    "Without PATH it checks the file the reader would read. It also checks the theme the\n"
	    "file names.\n\n"
	    "## Syntax\n\n"
	    "- `[section]` lines and `key = value` lines; `;` or `#` at the start of a line\n"
	    "  starts a comment. Section and key names are ASCII letters, digits, `_`, `-` and\n"
	    "  `.`, case-insensitive (`[reader:wrap]` is a bad section name: its lines are\n"
	    "  reported once and ignored).\n"
	    "- Values are trimmed. An inline comment starts at `;` after a blank, or at `#`\n"
	    "  after a blank and followed by a blank or the end of the line, so\n"
	    "  `text = #d0d0d0 #1c1c1c` keeps both colours. Double quotes keep everything\n"
	    "  inside (`\"  a ; b  \"`). A trailing `\\` is part of the value (no line\n"
	    "  continuation).\n"
	    "- Booleans: `on`/`off`, `yes`/`no`, `true`/`false`, `1`/`0`. Numbers are decimal.\n"
	    "- A key set twice: the last one counts, and it is reported.\n"
	    "- Lines over 1000 bytes, lines that are not valid UTF-8 or contain NUL bytes are\n"
	    "  reported and skipped; files over 1 MiB are not read.\n\n"
	    "jingdu parses the file itself (src/ini.c) instead of calling iniparser 4.1: that\n"
	    "version drops the whole file for one malformed line, crashes in its typed getters\n"
	    "on sections like `[reader:wrap]` (CVE-2023-33461), cuts unquoted `#rrggbb` values,\n"
	    "does not know `on`/`off`, and keeps no line numbers, which every warning needs.\n"
	    "Ordinary files mean the same to both.\n\n"
	    "## Options\n");
	for (o = 0; o < CONFIG_COUNT; o++) {
		const struct opt_info *oi = &opts[o];

		if (!section || strcmp(section, oi->section) != 0) {
			section = oi->section;
			if (*section)
				buf_addf(b, "\n### [%s]\n\n", section);
			else
				buf_adds(b, "\n### Top level (before any section)\n\n");
			buf_adds(b, "| Key | Default | Values | Meaning |\n|---|---|---|---|\n");
		}
		buf_addf(b, "| `%s` | %s%s%s | ", oi->key, *oi->def ? "`" : "",
			 *oi->def ? oi->def : "(empty)", *oi->def ? "`" : "");
		values_text((enum config_opt)o, b, true);
		buf_addf(b, " | %s |\n", oi->help);
	}
	buf_adds(
	    b,
	    "\n### [keys]\n\n"
	    "`command_name = KEY [KEY…]` binds a command (dashes or underscores:\n"
	    "`next_section` names `next-section`) to keys, replacing its default keys in the\n"
	    "command's own context: `reader` for cursor motions, selection and colours,\n"
	    "`prompt` for the line editor, `sections` for folding, `global` for the rest.\n"
	    "`[keys.global]`, `[keys.reader]`, `[keys.sections]`, `[keys.entities]`,\n"
	    "`[keys.list]` and `[keys.prompt]` change one context only. `none` removes the\n"
	    "command's keys; an empty value is reported and keeps the defaults. A key bound\n"
	    "to two commands in one context by the file is reported (the later line counts), as\n"
	    "is a global binding that a pane's own binding hides (`[keys] quit = w` does not\n"
	    "quit in the reading pane, where `w` moves by word). Key names and the defaults are\n"
	    "in docs/keys.md; the `?` screen shows the keys in effect.\n\n"
	    "## For developers\n\n"
	    "One table, `CONFIG_INFO` in include/jingdu/config.h (section, key, type, default,\n"
	    "range, choices, help), drives parsing, defaults, this file, config.example.ini and\n"
	    "`jingdu --dump-config [ini|md|help]`; commands come from `CMD_INFO` (cmd.h), keys "
	    "and\n"
	    "contexts from keymap.h, theme elements from `THEME_ELEMENT_INFO` (theme.h). Add an\n"
	    "option by adding a row, then regenerate the files with\n"
	    "`JINGDU_REGEN=1 build/tests/test_config` and `JINGDU_REGEN=1 build/tests/test_theme`\n"
	    "(or the `--dump-*` options); `make test` fails while config.example.ini,\n"
	    "docs/config.md, docs/keys.md, docs/theme.md or themes/default.ini differ from what\n"
	    "the tables generate.\n");
}

void
config_write_help(struct buf *b)
{
	const char *section = NULL;
	int o;

	buf_adds(b, "config options (config.ini; see docs/config.md):\n");
	for (o = 0; o < CONFIG_COUNT; o++) {
		const struct opt_info *oi = &opts[o];
		char name[64];
		struct buf v;

		if (!section || strcmp(section, oi->section) != 0) {
			section = oi->section;
			if (*section)
				buf_addf(b, "  [%s]\n", section);
		}
		snprintf(name, sizeof(name), "%s = %s", oi->key, oi->def);
		buf_init(&v);
		values_text((enum config_opt)o, &v, false);
		buf_addf(b, "    %-28s %s\n", name, v.s);
		buf_fini(&v);
	}
	buf_adds(b, "  [keys]\n    command_name = KEY ...       see jingdu --dump-keys\n");
}
