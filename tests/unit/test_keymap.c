/* test_keymap.c — key names, default bindings, lookup order, rebinding and docs. */
#include "jingdu/keymap.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"

static int
key(const char *name)
{
	return keymap_parse_key(name, NULL);
}

static void
test_names(void)
{
	static const char *const round[] = {
	    "j",         "J",      "?",      "/",     "[",      "]",       "'",       "\\",
	    "`",         ":",      "0",      "好",    "C-d",    "M-x",     "M-X",     "C-M-a",
	    "PageDown",  "PageUp", "Home",   "End",   "Up",     "Down",    "Left",    "Right",
	    "Enter",     "Esc",    "Tab",    "S-Tab", "Space",  "F1",      "F5",      "F12",
	    "Backspace", "Delete", "Insert", "S-Up",  "C-Left", "M-Enter", "C-Space", "M-Space",
	};
	static const char *const bad[] = {
	    "",   "jj",   "gg",   "Foo",  "F13",      "S-x",       "C-1",
	    "C-", "\x01", "\x7f", "\xff", "\xe5\xa5", "PageDownX", "Ctrl-d",
	};
	char name[48];
	const char *why;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(round); i++) {
		int k = key(round[i]);

		ok(k >= 0, "'%s' parses", round[i]);
		is_str(keymap_key_name(k, name, sizeof(name)), round[i], "'%s' prints back",
		       round[i]);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		why = NULL;
		ok(keymap_parse_key(bad[i], &why) == JKEY_NONE && why && *why,
		   "bad key name #%zu rejected with a reason (%s)", i, why ? why : "-");
	}
	is_int(key("j"), 'j', "j is its code point");
	is_int(key("好"), 0x597d, "a CJK character is its code point");
	is_int(key("PgDn"), JKEY_PAGEDOWN, "PgDn is PageDown");
	is_int(key("pgup"), JKEY_PAGEUP, "special names are case-insensitive");
	is_int(key("BackTab"), JKEY_BACKTAB, "BackTab is S-Tab");
	is_int(key("S-Tab"), JKEY_BACKTAB, "S-Tab is one key");
	is_int(key("C-D"), key("C-d"), "C-D is C-d");
	ok(key("M-x") != key("M-X"), "M-x and M-X differ");
	is_int(key("Space"), ' ', "Space is ' '");
	is_int(key(" "), ' ', "a literal space is Space");
	is_int(key("C-i"), JKEY_TAB, "C-i is Tab");
	is_int(key("C-m"), JKEY_ENTER, "C-m is Enter");
	is_int(key("C-["), JKEY_ESC, "C-[ is Esc");
	is_int(key("C-h"), JKEY_BACKSPACE, "C-h is Backspace");
	is_int(key("Return"), JKEY_ENTER, "Return is Enter");
	is_int(keymap_parse_keyn("jk", 1, NULL), 'j', "parse_keyn honours the length");
	/* Terminal bytes. */
	is_int(keymap_key_from_char(4), key("C-d"), "byte 4 is C-d");
	is_int(keymap_key_from_char(9), JKEY_TAB, "byte 9 is Tab");
	is_int(keymap_key_from_char(13), JKEY_ENTER, "byte 13 is Enter");
	is_int(keymap_key_from_char(10), JKEY_ENTER, "byte 10 is Enter");
	is_int(keymap_key_from_char(27), JKEY_ESC, "byte 27 is Esc");
	is_int(keymap_key_from_char(127), JKEY_BACKSPACE, "byte 127 is Backspace");
	is_int(keymap_key_from_char(JKEY_META | 24), key("M-C-x"), "meta + byte 24 is M-C-x");
	is_int(keymap_key_from_char('x'), 'x', "printable bytes stay");
	/* Every valid code parses back from its name. */
	{
		int codes[] = {'a',
			       'Z',
			       0x3000,
			       JKEY_F3,
			       JKEY_CTRL | 'z',
			       JKEY_META | JKEY_UP,
			       JKEY_SHIFT | JKEY_HOME,
			       JKEY_CTRL | JKEY_META | JKEY_SHIFT | JKEY_F9};

		for (i = 0; i < ARRAY_SIZE(codes); i++)
			is_int(key(keymap_key_name(codes[i], name, sizeof(name))), codes[i],
			       "code %#x round-trips via '%s'", (unsigned)codes[i], name);
	}
	is_str(keymap_key_name(-1, name, sizeof(name)), "<none>", "no key prints <none>");
	ok(strncmp(keymap_key_name(0x1f, name, sizeof(name)), "<0x", 3) == 0,
	   "unprintable code prints as hex");
	keymap_key_name(JKEY_CTRL | JKEY_META | JKEY_SHIFT | JKEY_PAGEDOWN, name, 4);
	is_int((int)strlen(name), 3, "names truncate to the buffer");
}

static void
test_tmux(void)
{
	static const char *const pairs[][2] = {
	    {"j", "j"},
	    {"C-d", "C-d"},
	    {"M-x", "M-x"},
	    {"PageDown", "NPage"},
	    {"PgUp", "PPage"},
	    {"S-Tab", "BTab"},
	    {"Enter", "Enter"},
	    {"Esc", "Escape"},
	    {"Space", "Space"},
	    {"F5", "F5"},
	    {"Backspace", "BSpace"},
	    {"Delete", "DC"},
	    {"?", "?"},
	    {"好", "好"},
	    {"S-Up", "S-Up"},
	    {"C-Left", "C-Left"},
	    {"M-Enter", "M-Enter"},
	};
	char out[48];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(pairs); i++)
		is_str(keymap_key_tmux(key(pairs[i][0]), out, sizeof(out)), pairs[i][1],
		       "tmux name of %s", pairs[i][0]);
	ok(keymap_key_tmux(key("S-F5"), out, sizeof(out)) == NULL, "S-F5 has no tmux name");
	ok(keymap_key_tmux(-1, out, sizeof(out)) == NULL, "no key, no name");
}

static void
test_defaults(void)
{
	struct keymap *km = keymap_new();
	int c;

	/* Every key of SPEC §2. */
	is_int(keymap_lookup(km, KEYMAP_READER, 'j'), CMD_LINE_DOWN, "j line-down");
	is_int(keymap_lookup(km, KEYMAP_READER, JKEY_DOWN), CMD_LINE_DOWN, "Down line-down");
	is_int(keymap_lookup(km, KEYMAP_READER, 'k'), CMD_LINE_UP, "k line-up");
	is_int(keymap_lookup(km, KEYMAP_READER, ' '), CMD_PAGE_DOWN, "Space page-down");
	is_int(keymap_lookup(km, KEYMAP_READER, JKEY_PAGEDOWN), CMD_PAGE_DOWN, "PgDn page-down");
	is_int(keymap_lookup(km, KEYMAP_READER, JKEY_PAGEUP), CMD_PAGE_UP, "PgUp page-up");
	is_int(keymap_lookup(km, KEYMAP_SECTIONS, 'b'), CMD_PAGE_UP, "b page-up in a list");
	is_int(keymap_lookup(km, KEYMAP_READER, 'b'), CMD_WORD_PREV, "b word-prev in the reader");
	is_int(keymap_lookup(km, KEYMAP_READER, 'g'), CMD_START, "g start");
	is_int(keymap_lookup(km, KEYMAP_READER, JKEY_HOME), CMD_START, "Home start");
	is_int(keymap_lookup(km, KEYMAP_READER, 'G'), CMD_END, "G end");
	is_int(keymap_lookup(km, KEYMAP_READER, JKEY_END), CMD_END, "End end");
	is_int(keymap_lookup(km, KEYMAP_READER, ']'), CMD_NEXT_SECTION, "] next-section");
	is_int(keymap_lookup(km, KEYMAP_READER, '['), CMD_PREV_SECTION, "[ prev-section");
	is_int(keymap_lookup(km, KEYMAP_ENTITIES, JKEY_TAB), CMD_FOCUS_NEXT, "Tab focus-next");
	is_int(keymap_lookup(km, KEYMAP_ENTITIES, JKEY_BACKTAB), CMD_FOCUS_PREV,
	       "S-Tab focus-prev");
	is_int(keymap_lookup(km, KEYMAP_READER, 't'), CMD_TOGGLE_SECTIONS, "t toggle-sections");
	is_int(keymap_lookup(km, KEYMAP_READER, 'e'), CMD_TOGGLE_ENTITIES, "e toggle-entities");
	is_int(keymap_lookup(km, KEYMAP_READER, '/'), CMD_SEARCH_FORWARD, "/ search-forward");
	is_int(keymap_lookup(km, KEYMAP_READER, 'n'), CMD_NEXT_MATCH, "n next-match");
	is_int(keymap_lookup(km, KEYMAP_READER, 'N'), CMD_PREV_MATCH, "N prev-match");
	is_int(keymap_lookup(km, KEYMAP_READER, 'h'), CMD_CURSOR_LEFT, "h cursor-left");
	is_int(keymap_lookup(km, KEYMAP_READER, 'l'), CMD_CURSOR_RIGHT, "l cursor-right");
	is_int(keymap_lookup(km, KEYMAP_READER, 'w'), CMD_WORD_NEXT, "w word-next");
	is_int(keymap_lookup(km, KEYMAP_READER, ')'), CMD_SENTENCE_NEXT, ") sentence-next");
	is_int(keymap_lookup(km, KEYMAP_READER, '('), CMD_SENTENCE_PREV, "( sentence-prev");
	is_int(keymap_lookup(km, KEYMAP_READER, '}'), CMD_PARAGRAPH_NEXT, "} paragraph-next");
	is_int(keymap_lookup(km, KEYMAP_READER, '{'), CMD_PARAGRAPH_PREV, "{ paragraph-prev");
	is_int(keymap_lookup(km, KEYMAP_READER, 'v'), CMD_SELECT, "v select");
	is_int(keymap_lookup(km, KEYMAP_READER, JKEY_ENTER), CMD_HIGHLIGHT, "Enter highlight");
	is_int(keymap_lookup(km, KEYMAP_SECTIONS, JKEY_ENTER), CMD_ACTIVATE, "Enter activate");
	is_int(keymap_lookup(km, KEYMAP_READER, JKEY_ESC), CMD_CANCEL, "Esc cancel");
	for (c = 0; c < 4; c++)
		is_int(keymap_lookup(km, KEYMAP_READER, '1' + c), CMD_COLOR_1 + c, "%d color",
		       c + 1);
	is_int(keymap_lookup(km, KEYMAP_READER, 'a'), CMD_NOTE, "a note");
	is_int(keymap_lookup(km, KEYMAP_READER, 'd'), CMD_DELETE, "d delete");
	is_int(keymap_lookup(km, KEYMAP_READER, 'u'), CMD_UNDO, "u undo");
	is_int(keymap_lookup(km, KEYMAP_READER, 'm'), CMD_BOOKMARK, "m bookmark");
	is_int(keymap_lookup(km, KEYMAP_READER, '\''), CMD_BOOKMARKS, "' bookmarks");
	is_int(keymap_lookup(km, KEYMAP_READER, 'H'), CMD_HIGHLIGHTS, "H highlights");
	is_int(keymap_lookup(km, KEYMAP_READER, 'x'), CMD_EXPORT, "x export");
	is_int(keymap_lookup(km, KEYMAP_READER, ':'), CMD_PROMPT, ": prompt");
	is_int(keymap_lookup(km, KEYMAP_READER, '?'), CMD_HELP, "? help");
	is_int(keymap_lookup(km, KEYMAP_READER, 'q'), CMD_QUIT, "q quit");
	is_int(keymap_lookup(km, KEYMAP_LIST, 'q'), CMD_CANCEL, "q closes a list");
	is_int(keymap_lookup(km, KEYMAP_READER, key("C-l")), CMD_REDRAW, "C-l redraw");
	is_int(keymap_lookup(km, KEYMAP_PROMPT, 'q'), CMD_NONE, "the prompt has no fallback");
	is_int(keymap_lookup(km, KEYMAP_PROMPT, JKEY_ENTER), CMD_ACTIVATE, "Enter in the prompt");
	is_int(keymap_lookup(km, KEYMAP_READER, 'Z'), CMD_NONE, "Z unbound");
	/* Every key action of the table that is not a prompt-only command has a key. */
	for (c = CMD_NONE + 1; c < CMD_COUNT; c++) {
		if (c == CMD_GOTO_SECTION || c == CMD_THEME || c == CMD_DUMP_SCREEN)
			continue;
		ok(keymap_keys(km, -1, (enum cmd)c, NULL, 0) > 0, "%s has a default key",
		   cmd_name((enum cmd)c));
	}
	/* The only default shadowings are the SPEC's deliberate ones. */
	is_int(keymap_shadowed(km, false, NULL, NULL), 3,
	       "defaults shadow only b, Enter and q (list)");
	is_int(keymap_shadowed(km, true, NULL, NULL), 0, "no user shadowing by default");
	keymap_free(km);
}

static void
test_rebind(void)
{
	struct keymap *km = keymap_new();
	bool was_user = true;
	int keys[8];
	struct buf b;

	is_int(keymap_bind(km, KEYMAP_GLOBAL, 'x', CMD_QUIT, true, &was_user), CMD_EXPORT,
	       "binding x displaces export");
	ok(!was_user, "the displaced binding was a default");
	is_int(keymap_lookup(km, KEYMAP_READER, 'x'), CMD_QUIT, "x now quits");
	is_int(keymap_bind(km, KEYMAP_GLOBAL, 'x', CMD_HELP, true, &was_user), CMD_QUIT,
	       "second user binding of x");
	ok(was_user, "conflict with a user binding is detectable");
	is_int(keymap_bind(km, KEYMAP_GLOBAL, 'x', CMD_HELP, true, &was_user), CMD_NONE,
	       "same binding again displaces nothing");
	is_int((int)keymap_keys(km, KEYMAP_GLOBAL, CMD_EXPORT, keys, 8), 0, "export lost its key");
	ok(keymap_unbind(km, KEYMAP_GLOBAL, 'q'), "unbind q");
	ok(!keymap_unbind(km, KEYMAP_GLOBAL, 'q'), "unbind q twice");
	is_int(keymap_lookup(km, KEYMAP_READER, 'q'), CMD_NONE, "q does nothing");
	is_int((int)keymap_unbind_cmd(km, -1, CMD_CANCEL), 4, "cancel had four keys");
	is_int(keymap_lookup(km, KEYMAP_LIST, 'q'), CMD_NONE, "q in list unbound too");
	keymap_bind(km, KEYMAP_READER, 'j', CMD_NEXT_SECTION, true, NULL);
	is_int(keymap_shadowed(km, true, NULL, NULL), 1, "user reader j shadows global j");
	is_int(keymap_lookup(km, KEYMAP_SECTIONS, 'j'), CMD_LINE_DOWN,
	       "j still line-down in lists");
	is_int(keymap_lookup(km, KEYMAP_READER, 'j'), CMD_NEXT_SECTION, "j next-section in reader");
	is_int((int)keymap_keys(km, -1, CMD_LINE_DOWN, keys, 8), 2, "line-down keys");
	is_int(keys[0], 'j', "first key j");
	is_int(keys[1], JKEY_DOWN, "then Down");
	buf_init(&b);
	keymap_describe(km, CMD_PAGE_DOWN, &b);
	is_str(b.s, "Space PageDown C-f", "describe page-down");
	buf_fini(&b);
	is_int(keymap_bind(km, KEYMAP_GLOBAL, -1, CMD_QUIT, true, NULL), CMD_NONE,
	       "bad key ignored");
	is_int(keymap_bind(km, KEYMAP_GLOBAL, 'q', CMD_NONE, true, NULL), CMD_NONE,
	       "bad cmd ignored");
	is_int(keymap_lookup(km, KEYMAP_READER, 'q'), CMD_NONE, "q still unbound");
	keymap_free(km);
	keymap_free(NULL);
}

static void
test_cmd_table(void)
{
	int c;

	for (c = CMD_NONE + 1; c < CMD_COUNT; c++) {
		const char *n = cmd_name((enum cmd)c);
		char under[64];
		size_t i;

		ok(*n && strspn(n, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(n),
		   "name %s is lowercase-with-dashes", n);
		is_int(cmd_from_name(n), c, "cmd_from_name(%s)", n);
		snprintf(under, sizeof(under), "%s", n);
		for (i = 0; under[i]; i++)
			if (under[i] == '-')
				under[i] = '_';
		is_int(cmd_from_name(under), c, "cmd_from_name(%s)", under);
		ok(*cmd_help((enum cmd)c), "%s has help", n);
	}
	is_int(cmd_from_name("no-such-command"), CMD_NONE, "unknown name");
	is_int(cmd_from_name(""), CMD_NONE, "empty name");
	is_int(cmd_from_name(NULL), CMD_NONE, "NULL name");
	is_int(cmd_from_namen("quitter", 4), CMD_QUIT, "namen");
	is_str(cmd_name((enum cmd)9999), "", "out of range name");
	is_str(cmd_name(CMD_NEXT_SECTION), "next-section", "next-section");
	is_str(cmd_arg(CMD_THEME), "NAME", "theme takes NAME");
	is_int(keymap_ctx_from_name("reader"), KEYMAP_READER, "ctx name");
	is_int(keymap_ctx_from_name("nope"), -1, "bad ctx name");
}

static void
test_docs(void)
{
	struct keymap *km = keymap_new();
	struct buf b;

	buf_init(&b);
	keymap_doc_markdown(km, &b);
	ok(strstr(b.s, "| `j` `Down` | global | `line-down` |") != NULL, "markdown lists j Down");
	ok(strstr(b.s, "`\\` | global | `search-backward TEXT`") != NULL, "markdown backslash");
	ok(strstr(b.s, "| | | `dump-screen PATH` |") != NULL, "unbound commands listed");
	buf_fini(&b);
	buf_init(&b);
	keymap_help_text(km, &b, false);
	ok(strstr(b.s, "? F1") && strstr(b.s, "help"), "help text lists ? F1");
	ok(!strstr(b.s, "dump-screen"), "help hides unbound commands");
	buf_fini(&b);
	keymap_free(km);
}

int
main(void)
{
	(void)tap_shared;
	tap_diag("keymap: %d commands", CMD_COUNT - 1);
	test_names();
	test_tmux();
	test_defaults();
	test_rebind();
	test_cmd_table();
	test_docs();
	return tap_done();
}
