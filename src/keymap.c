/* keymap.c — key codes, key names, default bindings (SPEC §2), lookup and rebinding. */
#include "jingdu/keymap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

struct keymap {
	struct keymap_binding *v;
	size_t n;
	size_t cap;
	/* Open-addressing index (ctx, key) -> binding index + 1, rebuilt after removals, so a
	 * config with thousands of bindings still loads in linear time. */
	size_t *slot;
	size_t nslot; /* power of two, > 2 * n */
};

struct jkey_info {
	const char *name;
	const char *alias;
};

static const struct jkey_info jkey_table[] = {
#define JKEY_ROW(id, name, alias) {name, alias},
    JKEY_INFO(JKEY_ROW)
#undef JKEY_ROW
};

static const char *const ctx_names[KEYMAP_CTX_COUNT] = {
#define KEYMAP_CTX_ROW(id, name) name,
    KEYMAP_CTX_INFO(KEYMAP_CTX_ROW)
#undef KEYMAP_CTX_ROW
};

/* The default bindings of SPEC §2. Where the SPEC gives one key two meanings, the context
 * decides: `b` is page-up in lists and word-prev in the reading pane (PgUp and C-b page up
 * there); `?` is help (the status line advertises "? help"), so search-backward is `\`. */
struct keymap_default {
	enum keymap_ctx ctx;
	enum cmd cmd;
	const char *keys;
};

static const struct keymap_default keymap_defaults[] = {
    {KEYMAP_GLOBAL, CMD_LINE_DOWN, "j Down"},
    {KEYMAP_GLOBAL, CMD_LINE_UP, "k Up"},
    {KEYMAP_GLOBAL, CMD_PAGE_DOWN, "Space PageDown C-f"},
    {KEYMAP_GLOBAL, CMD_PAGE_UP, "b PageUp C-b"},
    {KEYMAP_GLOBAL, CMD_HALF_PAGE_DOWN, "C-d"},
    {KEYMAP_GLOBAL, CMD_HALF_PAGE_UP, "C-u"},
    {KEYMAP_GLOBAL, CMD_SCROLL_DOWN, "C-e"},
    {KEYMAP_GLOBAL, CMD_SCROLL_UP, "C-y"},
    {KEYMAP_GLOBAL, CMD_START, "g Home"},
    {KEYMAP_GLOBAL, CMD_END, "G End"},
    {KEYMAP_GLOBAL, CMD_NEXT_SECTION, "]"},
    {KEYMAP_GLOBAL, CMD_PREV_SECTION, "["},
    {KEYMAP_GLOBAL, CMD_FOCUS_NEXT, "Tab"},
    {KEYMAP_GLOBAL, CMD_FOCUS_PREV, "S-Tab"},
    {KEYMAP_GLOBAL, CMD_TOGGLE_SECTIONS, "t"},
    {KEYMAP_GLOBAL, CMD_TOGGLE_ENTITIES, "e"},
    {KEYMAP_GLOBAL, CMD_ACTIVATE, "Enter"},
    {KEYMAP_GLOBAL, CMD_CANCEL, "Esc"},
    {KEYMAP_GLOBAL, CMD_SEARCH_FORWARD, "/"},
    {KEYMAP_GLOBAL, CMD_SEARCH_BACKWARD, "\\"},
    {KEYMAP_GLOBAL, CMD_NEXT_MATCH, "n"},
    {KEYMAP_GLOBAL, CMD_PREV_MATCH, "N"},
    {KEYMAP_GLOBAL, CMD_NOTE, "a"},
    {KEYMAP_GLOBAL, CMD_DELETE, "d"},
    {KEYMAP_GLOBAL, CMD_UNDO, "u"},
    {KEYMAP_GLOBAL, CMD_BOOKMARK, "m"},
    {KEYMAP_GLOBAL, CMD_BOOKMARKS, "'"},
    {KEYMAP_GLOBAL, CMD_HIGHLIGHTS, "H"},
    {KEYMAP_GLOBAL, CMD_EXPORT, "x"},
    {KEYMAP_GLOBAL, CMD_ENTITY_SCOPE, "E"},
    {KEYMAP_GLOBAL, CMD_ENTITY_READ, "R"},
    {KEYMAP_GLOBAL, CMD_PROMPT, ":"},
    {KEYMAP_GLOBAL, CMD_HELP, "? F1"},
    {KEYMAP_GLOBAL, CMD_REDRAW, "C-l"},
    {KEYMAP_GLOBAL, CMD_QUIT, "q"},
    {KEYMAP_READER, CMD_CURSOR_LEFT, "h Left"},
    {KEYMAP_READER, CMD_CURSOR_RIGHT, "l Right"},
    {KEYMAP_READER, CMD_WORD_NEXT, "w"},
    {KEYMAP_READER, CMD_WORD_PREV, "b"},
    {KEYMAP_READER, CMD_SENTENCE_NEXT, ")"},
    {KEYMAP_READER, CMD_SENTENCE_PREV, "("},
    {KEYMAP_READER, CMD_PARAGRAPH_NEXT, "}"},
    {KEYMAP_READER, CMD_PARAGRAPH_PREV, "{"},
    {KEYMAP_READER, CMD_LINE_START, "0"},
    {KEYMAP_READER, CMD_LINE_END, "$"},
    {KEYMAP_READER, CMD_SELECT, "v"},
    {KEYMAP_READER, CMD_HIGHLIGHT, "Enter"},
    {KEYMAP_READER, CMD_COLOR_1, "1"},
    {KEYMAP_READER, CMD_COLOR_2, "2"},
    {KEYMAP_READER, CMD_COLOR_3, "3"},
    {KEYMAP_READER, CMD_COLOR_4, "4"},
    {KEYMAP_SECTIONS, CMD_FOLD_TOGGLE, "o"},
    {KEYMAP_LIST, CMD_CANCEL, "q"},
    {KEYMAP_PROMPT, CMD_ACTIVATE, "Enter"},
    {KEYMAP_PROMPT, CMD_CANCEL, "Esc C-g"},
    {KEYMAP_PROMPT, CMD_EDIT_LEFT, "Left C-b"},
    {KEYMAP_PROMPT, CMD_EDIT_RIGHT, "Right C-f"},
    {KEYMAP_PROMPT, CMD_EDIT_HOME, "Home C-a"},
    {KEYMAP_PROMPT, CMD_EDIT_END, "End C-e"},
    {KEYMAP_PROMPT, CMD_EDIT_BACKSPACE, "Backspace"},
    {KEYMAP_PROMPT, CMD_EDIT_DELETE, "Delete C-d"},
    {KEYMAP_PROMPT, CMD_EDIT_KILL_START, "C-u"},
    {KEYMAP_PROMPT, CMD_EDIT_KILL_WORD, "C-w"},
    {KEYMAP_PROMPT, CMD_EDIT_HISTORY_PREV, "Up"},
    {KEYMAP_PROMPT, CMD_EDIT_HISTORY_NEXT, "Down"},
    {KEYMAP_PROMPT, CMD_EDIT_EXTERNAL, "C-x"},
};

/* Decode one UTF-8 sequence strictly (no overlongs, surrogates or > U+10FFFF). Returns its
 * length, or 0 when s[0..n) does not start with a valid sequence. */
static size_t
utf8_decode_strict(const unsigned char *s, size_t n, int *cp)
{
	size_t len, i;
	int c;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

static bool
key_char_printable(int cp)
{
	return cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp < 0xa0) && cp < JKEY_SPECIAL;
}

static bool
key_is_special(int base)
{
	return base > JKEY_FIRST_SPECIAL_ && base < JKEY_LAST_SPECIAL_;
}

int
keymap_key_from_char(int c)
{
	int mods, base;

	if (c < 0)
		return JKEY_NONE;
	mods = c & JKEY_MODS;
	base = c & ~JKEY_MODS;
	if (mods & JKEY_CTRL) {
		if (base >= 'A' && base <= 'Z')
			base += 'a' - 'A';
		switch (base) {
		case 'i':
			return (mods & ~JKEY_CTRL) | JKEY_TAB;
		case 'm':
		case 'j':
			return (mods & ~JKEY_CTRL) | JKEY_ENTER;
		case '[':
			return (mods & ~JKEY_CTRL) | JKEY_ESC;
		case 'h':
			return (mods & ~JKEY_CTRL) | JKEY_BACKSPACE;
		case '@':
			return mods | ' ';
		default:
			return mods | base;
		}
	}
	switch (base) {
	case 0:
		return mods | JKEY_CTRL | ' ';
	case 8:
	case 127:
		return mods | JKEY_BACKSPACE;
	case 9:
		return mods | JKEY_TAB;
	case 10:
	case 13:
		return mods | JKEY_ENTER;
	case 27:
		return mods | JKEY_ESC;
	case 28:
		return mods | JKEY_CTRL | '\\';
	case 29:
		return mods | JKEY_CTRL | ']';
	case 30:
		return mods | JKEY_CTRL | '^';
	case 31:
		return mods | JKEY_CTRL | '_';
	default:
		if (base >= 1 && base <= 26)
			return mods | JKEY_CTRL | ('a' + base - 1);
		return c;
	}
}

static bool
name_eq(const char *a, size_t n, const char *b)
{
	return b && strlen(b) == n && strncasecmp_ascii(a, b, n) == 0;
}

int
keymap_parse_keyn(const char *name, size_t n, const char **why)
{
	const char *dummy;
	int mods = 0, base = JKEY_NONE, cp;
	size_t i;

	if (!why)
		why = &dummy;
	*why = NULL;
	if (!name || n == 0) {
		*why = "empty key name";
		return JKEY_NONE;
	}
	/* Modifier prefixes: C-, M-, S- (each letter in either case), as long as something
	 * follows them. */
	while (n > 2 && name[1] == '-' && strchr("CcMmSs", name[0])) {
		switch (name[0]) {
		case 'C':
		case 'c':
			mods |= JKEY_CTRL;
			break;
		case 'M':
		case 'm':
			mods |= JKEY_META;
			break;
		default:
			mods |= JKEY_SHIFT;
			break;
		}
		name += 2;
		n -= 2;
	}
	if (utf8_decode_strict((const unsigned char *)name, n, &cp) == n) {
		if (!key_char_printable(cp)) {
			*why = "not a printable character";
			return JKEY_NONE;
		}
		base = cp;
	} else if (name_eq(name, n, "Space")) {
		base = ' ';
	} else {
		for (i = 0; i < ARRAY_SIZE(jkey_table); i++) {
			if (name_eq(name, n, jkey_table[i].name) ||
			    name_eq(name, n, jkey_table[i].alias)) {
				base = JKEY_SPECIAL + (int)i;
				break;
			}
		}
		if (base == JKEY_NONE) {
			*why = "unknown key name";
			return JKEY_NONE;
		}
	}
	if (mods & JKEY_SHIFT) {
		if (base == JKEY_TAB) {
			base = JKEY_BACKTAB;
			mods &= ~JKEY_SHIFT;
		} else if (!key_is_special(base)) {
			*why = "S- only goes with special keys (write the capital letter instead)";
			return JKEY_NONE;
		}
	}
	if ((mods & JKEY_CTRL) && !key_is_special(base)) {
		int b = base;

		if (b >= 'A' && b <= 'Z')
			b += 'a' - 'A';
		if (!((b >= 'a' && b <= 'z') || strchr("@[\\]^_ ", b) != NULL) || b == 0) {
			*why = "C- only goes with letters, @ [ \\ ] ^ _, Space and special keys";
			return JKEY_NONE;
		}
	}
	return keymap_key_from_char(mods | base);
}

int
keymap_parse_key(const char *name, const char **why)
{
	return keymap_parse_keyn(name, name ? strlen(name) : 0, why);
}

char *
keymap_key_name(int key, char *out, size_t outsz)
{
	char tmp[48];
	size_t len = 0;
	int base;

	if (!out || outsz == 0)
		return out;
	tmp[0] = '\0';
	if (key < 0) {
		snprintf(out, outsz, "<none>");
		return out;
	}
	base = key & ~JKEY_MODS;
	if (key & JKEY_CTRL)
		len += (size_t)snprintf(tmp + len, sizeof(tmp) - len, "C-");
	if (key & JKEY_META)
		len += (size_t)snprintf(tmp + len, sizeof(tmp) - len, "M-");
	if ((key & JKEY_SHIFT) && base != JKEY_BACKTAB)
		len += (size_t)snprintf(tmp + len, sizeof(tmp) - len, "S-");
	if (base == ' ') {
		snprintf(tmp + len, sizeof(tmp) - len, "Space");
	} else if (key_is_special(base)) {
		snprintf(tmp + len, sizeof(tmp) - len, "%s", jkey_table[base - JKEY_SPECIAL].name);
	} else if (key_char_printable(base)) {
		char u[5];
		int ul = utf8_encode((uint32_t)base, u);

		u[ul] = '\0';
		snprintf(tmp + len, sizeof(tmp) - len, "%s", u);
	} else {
		snprintf(tmp + len, sizeof(tmp) - len, "<0x%x>", (unsigned)key);
	}
	snprintf(out, outsz, "%s", tmp);
	return out;
}

char *
keymap_key_tmux(int key, char *out, size_t outsz)
{
	static const struct {
		int key;
		const char *name;
	} tmux_names[] = {
	    {JKEY_ENTER, "Enter"},  {JKEY_ESC, "Escape"},       {JKEY_TAB, "Tab"},
	    {JKEY_BACKTAB, "BTab"}, {JKEY_BACKSPACE, "BSpace"}, {JKEY_DELETE, "DC"},
	    {JKEY_INSERT, "IC"},    {JKEY_HOME, "Home"},        {JKEY_END, "End"},
	    {JKEY_PAGEUP, "PPage"}, {JKEY_PAGEDOWN, "NPage"},   {JKEY_UP, "Up"},
	    {JKEY_DOWN, "Down"},    {JKEY_LEFT, "Left"},        {JKEY_RIGHT, "Right"},
	    {' ', "Space"},
	};
	int base = JKEY_BASE(key);
	const char *name = NULL;
	char tmp[16];
	size_t i;

	if (!out || outsz == 0 || key < 0)
		return NULL;
	if ((key & JKEY_SHIFT) && !(base >= JKEY_UP && base <= JKEY_RIGHT) && base != JKEY_HOME &&
	    base != JKEY_END)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(tmux_names); i++)
		if (tmux_names[i].key == base)
			name = tmux_names[i].name;
	if (!name && base >= JKEY_F1 && base <= JKEY_F12) {
		snprintf(tmp, sizeof(tmp), "F%d", base - JKEY_F1 + 1);
		name = tmp;
	}
	if (!name && key_char_printable(base)) {
		int n = utf8_encode((uint32_t)base, tmp);

		tmp[n] = '\0';
		name = tmp;
	}
	if (!name)
		return NULL;
	snprintf(out, outsz, "%s%s%s%s", (key & JKEY_CTRL) ? "C-" : "",
		 (key & JKEY_META) ? "M-" : "", (key & JKEY_SHIFT) ? "S-" : "", name);
	return out;
}

const char *
keymap_ctx_name(enum keymap_ctx ctx)
{
	if ((int)ctx < 0 || (int)ctx >= KEYMAP_CTX_COUNT)
		return "";
	return ctx_names[ctx];
}

int
keymap_ctx_from_name(const char *name)
{
	int i;

	if (!name)
		return -1;
	for (i = 0; i < KEYMAP_CTX_COUNT; i++)
		if (strlen(name) == strlen(ctx_names[i]) &&
		    strncasecmp_ascii(name, ctx_names[i], strlen(name)) == 0)
			return i;
	return -1;
}

static size_t
slot_hash(enum keymap_ctx ctx, int key)
{
	unsigned long long h = ((unsigned long long)(unsigned)key << 3) ^ (unsigned)ctx;

	h *= 0x9e3779b97f4a7c15ull;
	return (size_t)(h >> 20);
}

static void
index_put(struct keymap *km, size_t i)
{
	size_t mask = km->nslot - 1, h;

	for (h = slot_hash(km->v[i].ctx, km->v[i].key) & mask; km->slot[h]; h = (h + 1) & mask)
		;
	km->slot[h] = i + 1;
}

static void
index_rebuild(struct keymap *km)
{
	size_t i, want = 64;

	while (want <= 2 * km->n + 2)
		want *= 2;
	if (want != km->nslot) {
		free(km->slot);
		km->slot = xcalloc(want, sizeof(*km->slot));
		km->nslot = want;
	} else {
		memset(km->slot, 0, km->nslot * sizeof(*km->slot));
	}
	for (i = 0; i < km->n; i++)
		index_put(km, i);
}

static ssize_t
keymap_find(const struct keymap *km, enum keymap_ctx ctx, int key)
{
	size_t mask, h;

	if (!km->nslot)
		return -1;
	mask = km->nslot - 1;
	for (h = slot_hash(ctx, key) & mask; km->slot[h]; h = (h + 1) & mask) {
		const struct keymap_binding *b = &km->v[km->slot[h] - 1];

		if (b->ctx == ctx && b->key == key)
			return (ssize_t)(km->slot[h] - 1);
	}
	return -1;
}

enum cmd
keymap_bind(struct keymap *km, enum keymap_ctx ctx, int key, enum cmd cmd, bool user,
	    bool *was_user)
{
	ssize_t at;
	enum cmd old = CMD_NONE;

	if (was_user)
		*was_user = false;
	if (!km || key < 0 || (int)ctx < 0 || (int)ctx >= KEYMAP_CTX_COUNT || cmd <= CMD_NONE ||
	    cmd >= CMD_COUNT)
		return CMD_NONE;
	at = keymap_find(km, ctx, key);
	if (at >= 0) {
		struct keymap_binding *b = &km->v[at];

		if (b->cmd != cmd) {
			old = b->cmd;
			if (was_user)
				*was_user = b->user;
		}
		b->cmd = cmd;
		b->user = user;
		return old;
	}
	km->v = xgrow(km->v, &km->cap, km->n + 1, sizeof(*km->v));
	km->v[km->n].ctx = ctx;
	km->v[km->n].key = key;
	km->v[km->n].cmd = cmd;
	km->v[km->n].user = user;
	km->n++;
	if (2 * km->n + 2 >= km->nslot)
		index_rebuild(km);
	else
		index_put(km, km->n - 1);
	return CMD_NONE;
}

static void
keymap_remove_at(struct keymap *km, size_t i)
{
	memmove(&km->v[i], &km->v[i + 1], (km->n - i - 1) * sizeof(*km->v));
	km->n--;
}

bool
keymap_unbind(struct keymap *km, enum keymap_ctx ctx, int key)
{
	ssize_t at;

	if (!km)
		return false;
	at = keymap_find(km, ctx, key);
	if (at < 0)
		return false;
	keymap_remove_at(km, (size_t)at);
	index_rebuild(km);
	return true;
}

size_t
keymap_unbind_cmd(struct keymap *km, int ctx, enum cmd cmd)
{
	size_t i, j = 0, count = 0;

	if (!km)
		return 0;
	for (i = 0; i < km->n; i++) {
		if (km->v[i].cmd == cmd && (ctx < 0 || (int)km->v[i].ctx == ctx))
			count++;
		else
			km->v[j++] = km->v[i];
	}
	km->n = j;
	if (count)
		index_rebuild(km);
	return count;
}

struct keymap *
keymap_new(void)
{
	struct keymap *km = xcalloc(1, sizeof(*km));
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keymap_defaults); i++) {
		const char *s = keymap_defaults[i].keys;

		while (*s) {
			size_t n = strcspn(s, " ");
			int key = keymap_parse_keyn(s, n, NULL);

			if (key >= 0)
				keymap_bind(km, keymap_defaults[i].ctx, key, keymap_defaults[i].cmd,
					    false, NULL);
			s += n;
			s += strspn(s, " ");
		}
	}
	return km;
}

void
keymap_free(struct keymap *km)
{
	if (!km)
		return;
	free(km->v);
	free(km->slot);
	free(km);
}

enum cmd
keymap_lookup_exact(const struct keymap *km, enum keymap_ctx ctx, int key)
{
	ssize_t at;

	if (!km)
		return CMD_NONE;
	at = keymap_find(km, ctx, key);
	return at < 0 ? CMD_NONE : km->v[at].cmd;
}

enum cmd
keymap_lookup(const struct keymap *km, enum keymap_ctx ctx, int key)
{
	enum cmd c = keymap_lookup_exact(km, ctx, key);

	if (c == CMD_NONE && ctx != KEYMAP_PROMPT && ctx != KEYMAP_GLOBAL)
		c = keymap_lookup_exact(km, KEYMAP_GLOBAL, key);
	return c;
}

unsigned
keymap_default_ctxs(enum cmd cmd)
{
	unsigned mask = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keymap_defaults); i++)
		if (keymap_defaults[i].cmd == cmd)
			mask |= 1u << keymap_defaults[i].ctx;
	return mask;
}

size_t
keymap_keys(const struct keymap *km, int ctx, enum cmd cmd, int *keys, size_t max)
{
	size_t i, j, count = 0;

	if (!km)
		return 0;
	for (i = 0; i < km->n; i++) {
		bool dup = false;

		if (km->v[i].cmd != cmd || (ctx >= 0 && (int)km->v[i].ctx != ctx))
			continue;
		if (ctx < 0) {
			for (j = 0; j < i; j++)
				if (km->v[j].cmd == cmd && km->v[j].key == km->v[i].key)
					dup = true;
			if (dup)
				continue;
		}
		if (count < max && keys)
			keys[count] = km->v[i].key;
		count++;
	}
	return count;
}

void
keymap_describe(const struct keymap *km, enum cmd cmd, struct buf *b)
{
	size_t n = keymap_keys(km, -1, cmd, NULL, 0), i;
	int *keys;
	char name[48];

	if (n == 0)
		return;
	keys = xmalloc(n * sizeof(*keys));
	keymap_keys(km, -1, cmd, keys, n);
	for (i = 0; i < n; i++) {
		if (i)
			buf_addc(b, ' ');
		buf_adds(b, keymap_key_name(keys[i], name, sizeof(name)));
	}
	free(keys);
}

size_t
keymap_count(const struct keymap *km)
{
	return km ? km->n : 0;
}

const struct keymap_binding *
keymap_get(const struct keymap *km, size_t i)
{
	return km && i < km->n ? &km->v[i] : NULL;
}

size_t
keymap_shadowed(const struct keymap *km, bool user_only,
		void (*fn)(enum keymap_ctx ctx, int key, enum cmd global_cmd, enum cmd ctx_cmd,
			   void *arg),
		void *arg)
{
	size_t i, count = 0;

	if (!km)
		return 0;
	for (i = 0; i < km->n; i++) {
		const struct keymap_binding *b = &km->v[i];
		ssize_t g;

		if (b->ctx == KEYMAP_GLOBAL || b->ctx == KEYMAP_PROMPT)
			continue;
		g = keymap_find(km, KEYMAP_GLOBAL, b->key);
		if (g < 0 || km->v[g].cmd == b->cmd)
			continue;
		if (user_only && !b->user && !km->v[g].user)
			continue;
		if (fn)
			fn(b->ctx, b->key, km->v[g].cmd, b->cmd, arg);
		count++;
	}
	return count;
}

/* A key name as Markdown inline code, safe inside a table cell. */
static void
md_key(struct buf *b, int key)
{
	char name[48];

	keymap_key_name(key, name, sizeof(name));
	if (strchr(name, '`'))
		buf_addf(b, "`` %s ``", name);
	else if (strcmp(name, "|") == 0)
		buf_adds(b, "`\\|`");
	else
		buf_addf(b, "`%s`", name);
}

void
keymap_doc_markdown(const struct keymap *km, struct buf *b)
{
	int g, c, ctx;
	int keys[32];

	buf_adds(
	    b, "# Keys\n\n"
	       "<!-- Generated by `jingdu --dump-keys` from include/jingdu/cmd.h and the default\n"
	       "     bindings in src/keymap.c; do not edit by hand. -->\n\n"
	       "Every key runs a named command; every command can be bound in the `[keys]`\n"
	       "section of the config (see docs/config.md) and typed at the `:` prompt.\n"
	       "A key is looked up in the focused pane's context (`reader`, `sections`,\n"
	       "`entities`, `list`, `prompt`) and then in `global` (the prompt context has no\n"
	       "fallback: its other keys are text).\n\n"
	       "Key names: any single character (`j`, `J`, `?`, `[`, `'`), `Space`, `Enter`,\n"
	       "`Esc`, `Tab`, `S-Tab` (`BackTab`), `Backspace`, `Delete`, `Insert`, `Home`,\n"
	       "`End`, `PageUp` (`PgUp`), `PageDown` (`PgDn`), `Up`, `Down`, `Left`, `Right`,\n"
	       "`F1`..`F12`, with the prefixes `C-` (control), `M-` (meta/alt) and `S-` (shift,\n"
	       "special keys only): `C-d`, `M-x`, `S-Up`. `C-i`, `C-m`, `C-[` and `C-h` are\n"
	       "`Tab`, `Enter`, `Esc` and `Backspace`, as the terminal sends them.\n\n"
	       "Two keys of the specification have two meanings; the context settles them:\n"
	       "`b` pages up in the side panes and lists but moves back a word in the reading\n"
	       "pane (`PageUp` and `C-b` page up everywhere); `?` shows this help (as the status\n"
	       "line says), so searching backward is `\\`.\n");
	for (g = 0; g < CMD_GROUP_COUNT; g++) {
		buf_addf(b, "\n## %s\n\n", cmd_group_title((enum cmd_group)g));
		buf_adds(b, "| Keys | Context | Command | What it does |\n|---|---|---|---|\n");
		for (c = CMD_NONE + 1; c < CMD_COUNT; c++) {
			bool any = false;

			if ((int)cmd_group((enum cmd)c) != g)
				continue;
			for (ctx = 0; ctx < KEYMAP_CTX_COUNT; ctx++) {
				size_t n = keymap_keys(km, ctx, (enum cmd)c, keys,
						       ARRAY_SIZE(keys)),
				       i;

				if (n == 0)
					continue;
				any = true;
				buf_adds(b, "| ");
				for (i = 0; i < n && i < ARRAY_SIZE(keys); i++) {
					if (i)
						buf_adds(b, " ");
					md_key(b, keys[i]);
				}
				buf_addf(b, " | %s | `%s%s%s` | %s |\n", keymap_ctx_name(ctx),
					 cmd_name((enum cmd)c), *cmd_arg((enum cmd)c) ? " " : "",
					 cmd_arg((enum cmd)c), cmd_help((enum cmd)c));
			}
			if (!any)
				buf_addf(b, "| | | `%s%s%s` | %s |\n", cmd_name((enum cmd)c),
					 *cmd_arg((enum cmd)c) ? " " : "", cmd_arg((enum cmd)c),
					 cmd_help((enum cmd)c));
		}
	}
}

void
keymap_help_text(const struct keymap *km, struct buf *b, bool all)
{
	int g, c;

	for (g = 0; g < CMD_GROUP_COUNT; g++) {
		bool header = false;

		for (c = CMD_NONE + 1; c < CMD_COUNT; c++) {
			struct buf k;

			if ((int)cmd_group((enum cmd)c) != g)
				continue;
			buf_init(&k);
			keymap_describe(km, (enum cmd)c, &k);
			if (k.len == 0 && !all) {
				buf_fini(&k);
				continue;
			}
			if (!header) {
				buf_addf(b, "%s%s\n", b->len ? "\n" : "",
					 cmd_group_title((enum cmd_group)g));
				header = true;
			}
			buf_addf(b, "  %-18s %-18s %s\n", k.len ? k.s : "-", cmd_name((enum cmd)c),
				 cmd_help((enum cmd)c));
			buf_fini(&k);
		}
	}
}
