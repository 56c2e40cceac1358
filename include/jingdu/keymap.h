/* keymap.h — keys and what they do. Owns the key codes (independent of curses), the key-name
 * parser and printer shared by the config, the help screen, docs/keys.md and the e2e harness,
 * and the bindings: (context, key) -> command, with the defaults of SPEC §2.
 *
 * A key is an int: a Unicode code point for a character (' ' is Space), or one of the JKEY_*
 * specials below, optionally or'ed with JKEY_CTRL / JKEY_META / JKEY_SHIFT. The UI turns what
 * curses returns into these codes: characters from get_wch() through keymap_key_from_char()
 * (control bytes become C-x, Tab, Enter, Esc, Backspace), KEY_* function keys to the matching
 * JKEY_* (KEY_BTAB -> JKEY_BACKTAB, KEY_NPAGE -> JKEY_PAGEDOWN…), and Esc followed by a key
 * within ESCDELAY to JKEY_META | key.
 *
 * Key names (keymap_parse_key): any single character (`j`, `J`, `?`, `/`, `[`, `'`, `好`);
 * `Space`; `Enter` (`Return`), `Esc` (`Escape`), `Tab`, `S-Tab` (`BackTab`), `Backspace` (`BS`),
 * `Delete` (`Del`), `Insert` (`Ins`), `Home`, `End`, `PageUp` (`PgUp`), `PageDown` (`PgDn`),
 * `Up`, `Down`, `Left`, `Right`, `F1`..`F12`; prefixes `C-` (control: letters, `@ [ \ ] ^ _`,
 * Space and specials), `M-` (meta/alt: anything) and `S-` (shift: specials only). Special names
 * are case-insensitive, characters are not (`j` and `J` differ; `C-D` = `C-d`). C-i, C-m, C-[
 * and C-h are the same keys as Tab, Enter, Esc and Backspace, as in a terminal.
 *
 * Contexts: a key is looked up in the focused context, then in the global one (except in the
 * prompt context, whose unbound keys are text). A binding is (context, key) -> command; one
 * key has at most one command per context; a command may have many keys. */
#ifndef JINGDU_KEYMAP_H
#define JINGDU_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "jingdu/cmd.h"
#include "jingdu/util.h"

#define JKEY_SPECIAL 0x110000
#define JKEY_CTRL 0x1000000
#define JKEY_META 0x2000000
#define JKEY_SHIFT 0x4000000
#define JKEY_MODS (JKEY_CTRL | JKEY_META | JKEY_SHIFT)
#define JKEY_BASE(k) ((k) & ~JKEY_MODS)

/* Specials: ID, canonical name, alias (or NULL). */
#define JKEY_INFO(_)                                                                               \
	_(ENTER, "Enter", "Return")                                                                \
	_(ESC, "Esc", "Escape")                                                                    \
	_(TAB, "Tab", NULL)                                                                        \
	_(BACKTAB, "S-Tab", "BackTab")                                                             \
	_(BACKSPACE, "Backspace", "BS")                                                            \
	_(DELETE, "Delete", "Del")                                                                 \
	_(INSERT, "Insert", "Ins")                                                                 \
	_(HOME, "Home", NULL)                                                                      \
	_(END, "End", NULL)                                                                        \
	_(PAGEUP, "PageUp", "PgUp")                                                                \
	_(PAGEDOWN, "PageDown", "PgDn")                                                            \
	_(UP, "Up", NULL)                                                                          \
	_(DOWN, "Down", NULL)                                                                      \
	_(LEFT, "Left", NULL)                                                                      \
	_(RIGHT, "Right", NULL)                                                                    \
	_(F1, "F1", NULL)                                                                          \
	_(F2, "F2", NULL)                                                                          \
	_(F3, "F3", NULL)                                                                          \
	_(F4, "F4", NULL)                                                                          \
	_(F5, "F5", NULL)                                                                          \
	_(F6, "F6", NULL)                                                                          \
	_(F7, "F7", NULL)                                                                          \
	_(F8, "F8", NULL)                                                                          \
	_(F9, "F9", NULL)                                                                          \
	_(F10, "F10", NULL)                                                                        \
	_(F11, "F11", NULL)                                                                        \
	_(F12, "F12", NULL)

enum jkey {
	JKEY_NONE = -1,
	JKEY_FIRST_SPECIAL_ = JKEY_SPECIAL - 1,
/* clang-format off */
#define JKEY_ENUM(id, name, alias) JKEY_##id,
	JKEY_INFO(JKEY_ENUM)
#undef JKEY_ENUM
	JKEY_LAST_SPECIAL_
	/* clang-format on */
};

/* Contexts: ID, name (as in docs and `[keys.NAME]` config sections). */
#define KEYMAP_CTX_INFO(_)                                                                         \
	_(GLOBAL, "global")                                                                        \
	_(READER, "reader")                                                                        \
	_(SECTIONS, "sections")                                                                    \
	_(ENTITIES, "entities")                                                                    \
	_(LIST, "list")                                                                            \
	_(PROMPT, "prompt")

enum keymap_ctx {
/* clang-format off */
#define KEYMAP_CTX_ENUM(id, name) KEYMAP_##id,
	KEYMAP_CTX_INFO(KEYMAP_CTX_ENUM)
#undef KEYMAP_CTX_ENUM
	KEYMAP_CTX_COUNT
	/* clang-format on */
};

const char *keymap_ctx_name(enum keymap_ctx ctx);
/* -1 when unknown. */
int keymap_ctx_from_name(const char *name);

/* Parse one key name (see above). Returns the key code, or JKEY_NONE (-1) when name is not a
 * key; then *why (if not NULL) gets a static explanation. */
int keymap_parse_key(const char *name, const char **why);
/* Same for the first n bytes. */
int keymap_parse_keyn(const char *name, size_t n, const char **why);
/* Canonical name of key into out (NUL-terminated, truncated to outsz); returns out. Unknown
 * codes print as "<0x...>". 32 bytes are always enough. */
char *keymap_key_name(int key, char *out, size_t outsz);
/* The name tmux's send-keys understands for key (NPage, BTab, Escape, C-d, M-x, F5, a literal
 * character…), into out; returns out, or NULL when tmux has no name for it (e.g. S-F5). For the
 * e2e harness (jingdu --dump-keys tmux KEY...). */
char *keymap_key_tmux(int key, char *out, size_t outsz);
/* A character or control byte as read from the terminal -> key code: 9 Tab, 10/13 Enter, 27
 * Esc, 8/127 Backspace, 0 C-Space, 1..26 C-a..C-z, 28..31 C-\ C-] C-^ C-_, others unchanged.
 * Also normalises C-i, C-m, C-[, C-h (with any other modifier kept). */
int keymap_key_from_char(int c);

struct keymap;

/* A keymap with the default bindings of SPEC §2. Free with keymap_free (NULL is fine). */
struct keymap *keymap_new(void);
void keymap_free(struct keymap *km);

/* The command for key in ctx, else in the global context (not for KEYMAP_PROMPT); CMD_NONE. */
enum cmd keymap_lookup(const struct keymap *km, enum keymap_ctx ctx, int key);
/* The command bound in ctx itself (no fallback); CMD_NONE. */
enum cmd keymap_lookup_exact(const struct keymap *km, enum keymap_ctx ctx, int key);

/* Bind key to cmd in ctx, replacing what key did there. Returns the command it displaced
 * (CMD_NONE if none or the same); *was_user (if not NULL) says whether the displaced binding
 * came from a keymap_bind with user=true. user marks bindings made by the config, so that two
 * config lines binding one key can be reported as a conflict. */
enum cmd keymap_bind(struct keymap *km, enum keymap_ctx ctx, int key, enum cmd cmd, bool user,
		     bool *was_user);
/* Remove the binding of key in ctx; false if there was none. */
bool keymap_unbind(struct keymap *km, enum keymap_ctx ctx, int key);
/* Remove every binding of cmd in ctx (or in every context when ctx is -1); returns how many. */
size_t keymap_unbind_cmd(struct keymap *km, int ctx, enum cmd cmd);

/* The contexts where cmd has default bindings, as a bit mask (1 << ctx); 0 if it has none. */
unsigned keymap_default_ctxs(enum cmd cmd);

/* Keys of cmd in ctx (ctx -1: every context, duplicates removed), in binding order; writes at
 * most max into keys and returns the total count. */
size_t keymap_keys(const struct keymap *km, int ctx, enum cmd cmd, int *keys, size_t max);
/* "j Down" — the key names of cmd (every context, duplicates removed, space-separated) appended
 * to b; nothing when unbound. For the help screen. */
void keymap_describe(const struct keymap *km, enum cmd cmd, struct buf *b);

/* One binding, for iteration (help screen, docs). */
struct keymap_binding {
	enum keymap_ctx ctx;
	int key;
	enum cmd cmd;
	bool user;
};
size_t keymap_count(const struct keymap *km);
const struct keymap_binding *keymap_get(const struct keymap *km, size_t i);

/* Global bindings that a context binding hides (the key does something else when that pane
 * has the focus). For each, calls fn(ctx, key, global_cmd, ctx_cmd, arg) and returns the
 * count. Only pairs where at least one side is a user binding are reported when user_only. */
size_t keymap_shadowed(const struct keymap *km, bool user_only,
		       void (*fn)(enum keymap_ctx ctx, int key, enum cmd global_cmd,
				  enum cmd ctx_cmd, void *arg),
		       void *arg);

/* The Markdown of docs/keys.md: every command by group with its keys per context. */
void keymap_doc_markdown(const struct keymap *km, struct buf *b);
/* Plain text help (the `?` screen and --dump-keys): one "  KEYS  name  help" line per command
 * grouped under group titles; commands without keys are listed with "-" only if all. */
void keymap_help_text(const struct keymap *km, struct buf *b, bool all);

#endif
