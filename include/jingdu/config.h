/* config.h — the user's settings: one table of options (CONFIG_INFO) drives parsing, defaults,
 * config.example.ini, docs/config.md and `jingdu --dump-config`; the [keys] sections rebind
 * commands (keymap.h). Loading never fails on content: every bad line or value becomes a
 * warning (file, line, key), the default applies and the rest of the file still counts. Never
 * prints; the UI shows the first warning in the status line, `jingdu check-config` prints all.
 *
 * Call order: cfg = config_new() (defaults, default keys); config_load(cfg, o->config_path
 * or NULL); config_apply_cli(cfg, o); read values with config_bool/int/str/choice and keys with
 * config_keymap(); for colours, theme_load(config_str(cfg, CONFIG_UI_THEME), &t,
 * config_warnings(cfg)) (its problems join the list), caps = config_theme_caps(cfg, &term),
 * theme_resolve(t, &caps, styles); show config_warning_str(cfg, 0) if there is one;
 * config_free(cfg). Strings returned are owned by cfg and live until config_free or the next
 * load/set of that option.
 *
 * File: ini.h's dialect. Sections [ui] [reader] [search] [entities] [export], the top-level
 * config_version, and [keys] / [keys.CONTEXT] (CONTEXT: global reader sections entities list
 * prompt). In [keys], `command_name = KEY [KEY…]` (see keymap.h for key names; `none` unbinds)
 * replaces the command's keys in the context of its default keys (global for most; reader for
 * cursor motions; prompt for edit-*); [keys.CONTEXT] replaces them in that context only. */
#ifndef JINGDU_CONFIG_H
#define JINGDU_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "jingdu/cli.h"
#include "jingdu/ini.h"
#include "jingdu/keymap.h"
#include "jingdu/theme.h"
#include "jingdu/util.h"

#define CONFIG_FORMAT_VERSION 1

enum config_type {
	CONFIG_BOOL,   /* on/off yes/no true/false 1/0 */
	CONFIG_INT,    /* decimal, within [min, max] */
	CONFIG_ENUM,   /* one of the choices "a|b|c"; config_choice() gives the index */
	CONFIG_STRING, /* any text */
	CONFIG_PATH,   /* a file or directory; a leading ~/ means $HOME */
	CONFIG_THEME,  /* a theme name (theme.h) that exists */
};

/* Options: ID, section ("" = top level), key, type, default, min, max, choices, help. */
#define CONFIG_INFO(_)                                                                                 \
	_(VERSION, "", "config_version", INT, "1", 1, CONFIG_FORMAT_VERSION, "",                       \
	  "Format version of this file. A newer version than this jingdu knows is reported.")          \
	_(UI_THEME, "ui", "theme", THEME, "default", 0, 0, "",                                         \
	  "Colour theme: default, light, solarized-dark, gruvbox, mono, or your own "                  \
	  "(docs/theme.md).")                                                                          \
	_(UI_COLORS, "ui", "colors", ENUM, "auto", 0, 0, "auto|truecolor|256|16|8|none",               \
	  "Colours to use: auto asks the terminal; none styles with attributes only (as "              \
	  "NO_COLOR).")                                                                                \
	_(UI_MOUSE, "ui", "mouse", BOOL, "on", 0, 0, "",                                               \
	  "Mouse: wheel scrolls, click focuses and selects, drag selects text.")                       \
	_(UI_SECTIONS_PANE, "ui", "sections_pane", BOOL, "on", 0, 0, "",                               \
	  "Show the sections pane at start.")                                                          \
	_(UI_SECTIONS_WIDTH, "ui", "sections_width", INT, "20", 5, 60, "",                             \
	  "Width of the sections pane, in percent of the terminal width.")                             \
	_(UI_ENTITIES_PANE, "ui", "entities_pane", BOOL, "on", 0, 0, "",                               \
	  "Show the entities pane at start.")                                                          \
	_(UI_ENTITIES_WIDTH, "ui", "entities_width", INT, "22", 5, 60, "",                             \
	  "Width of the entities pane, in percent of the terminal width.")                             \
	_(UI_OVERLAY_BELOW, "ui", "overlay_below", INT, "60", 0, 1000, "",                             \
	  "Below this many terminal columns the side panes become overlays toggled by key.")           \
	_(UI_EDITOR, "ui", "editor", STRING, "", 0, 0, "",                                             \
	  "Editor for long notes (C-x in the note prompt); empty means $VISUAL, then $EDITOR.")        \
	_(READER_WIDTH, "reader", "width", INT, "80", 0, 1000, "",                                     \
	  "Longest text line in columns; a wider pane centres the text. 0 means the pane width.")      \
	_(READER_AMBIGUOUS_WIDTH, "reader", "ambiguous_width", ENUM, "auto", 0, 0, "auto|1|2",         \
	  "Columns of East Asian Ambiguous characters such as “ ” — …: 1, 2 or auto (ask the " \
	  "terminal).")                                                                                \
	_(READER_CJK_INDENT, "reader", "cjk_indent", INT, "2", 0, 8, "",                               \
	  "Indent the first line of CJK paragraphs by this many full-width spaces (clreq: 2); 0 "      \
	  "for none.")                                                                          \
	_(READER_PARAGRAPH_SPACING, "reader", "paragraph_spacing", INT, "1", 0, 4, "",                 \
	  "Blank lines between paragraphs.")                                                           \
	_(READER_TAB_WIDTH, "reader", "tab_width", INT, "8", 1, 16, "",                                \
	  "Columns per tab stop in code blocks and plain text.")                                       \
	_(READER_SCROLL_OFF, "reader", "scroll_off", INT, "2", 0, 20, "",                              \
	  "Lines kept visible above and below the cursor when it moves (0 = none).")                   \
	_(SEARCH_CASE, "search", "case", ENUM, "smart", 0, 0, "smart|ignore|sensitive",                \
	  "Letter case in searches: smart ignores case unless the search has a capital letter.")       \
	_(SEARCH_WRAP, "search", "wrap", BOOL, "on", 0, 0, "",                                         \
	  "Continue a search from the other end of the document.")                                     \
	_(ENTITIES_FILE, "entities", "file", PATH, "", 0, 0, "",                                       \
	  "Your own entity list (see docs/entity.md); empty means none. A leading ~/ is your "         \
	  "home.")                                                                                     \
	_(ENTITIES_SCOPE, "entities", "scope", ENUM, "section", 0, 0, "section|document",              \
	  "What the entities pane lists at start: the current section or the whole document.")         \
	_(ENTITIES_READ_SO_FAR, "entities", "read_so_far", BOOL, "off", 0, 0, "",                      \
	  "List only entities in the text read so far.")                                               \
	_(ENTITIES_MIN_COUNT, "entities", "min_count", INT, "1", 1, 1000, "",                          \
	  "Leave out entities mentioned fewer times than this.")                                       \
	_(EXPORT_DIRECTORY, "export", "directory", PATH, "", 0, 0, "",                                 \
	  "Where the x key writes exports; empty means the current directory. A leading ~/ is "        \
	  "your home.")                                                                                \
	_(EXPORT_FORMAT, "export", "format", ENUM, "md", 0, 0, "md|json|html|org|csv",                 \
	  "Default export format.")

enum config_opt {
/* clang-format off */
#define CONFIG_ENUM(id, sec, key, type, def, min, max, choices, help) CONFIG_##id,
	CONFIG_INFO(CONFIG_ENUM)
#undef CONFIG_ENUM
	CONFIG_COUNT
	/* clang-format on */
};

/* Indexes of the ENUM choices (config_choice()), in the order of the table's choices. */
enum config_colors {
	CONFIG_COLORS_AUTO,
	CONFIG_COLORS_TRUECOLOR,
	CONFIG_COLORS_256,
	CONFIG_COLORS_16,
	CONFIG_COLORS_8,
	CONFIG_COLORS_NONE
};
/* For ambiguous_width the index is the width, 0 meaning auto. */
enum config_ambiguous { CONFIG_AMBIGUOUS_AUTO, CONFIG_AMBIGUOUS_1, CONFIG_AMBIGUOUS_2 };
enum config_search_case { CONFIG_CASE_SMART, CONFIG_CASE_IGNORE, CONFIG_CASE_SENSITIVE };
enum config_scope { CONFIG_SCOPE_SECTION, CONFIG_SCOPE_DOCUMENT };
enum config_export_format {
	CONFIG_EXPORT_MD,
	CONFIG_EXPORT_JSON,
	CONFIG_EXPORT_HTML,
	CONFIG_EXPORT_ORG,
	CONFIG_EXPORT_CSV
};

struct config;

struct config *config_new(void);
void config_free(struct config *cfg);

/* The config file jingdu reads without --config: $JINGDU_CONFIG, else
 * $XDG_CONFIG_HOME/jingdu/config.ini, else ~/.config/jingdu/config.ini. Owned by the caller. */
char *config_default_path(void);

/* Load path, or the default path when path is NULL. A missing default file is not a problem
 * (OK, nothing read); a missing or unreadable explicit path returns its error and adds a
 * warning. Malformed content never fails: see config_warning(). May be called once per cfg. */
enum status config_load(struct config *cfg, const char *path);
/* Load from memory (label names it in warnings). */
void config_load_buffer(struct config *cfg, const char *label, const char *text, size_t len);

/* Apply the command line's overrides (--theme, --ambiguous-width, --no-color): bad values
 * become warnings naming "command line". */
void config_apply_cli(struct config *cfg, const struct cli_opts *o);
/* Set one option from text as if read at file:line; false (and a warning) if the value is bad. */
bool config_set(struct config *cfg, enum config_opt opt, const char *value, const char *file,
		int line);

bool config_bool(const struct config *cfg, enum config_opt opt);
long config_int(const struct config *cfg, enum config_opt opt);
/* The value as text: strings, paths (~/ expanded), themes, enums' choice names, "on"/"off",
 * numbers. Never NULL. */
const char *config_str(const struct config *cfg, enum config_opt opt);
/* Index of an ENUM option's value in its choices. */
int config_choice(const struct config *cfg, enum config_opt opt);
/* Line of the file that set opt, 0 when it has its default (or came from the command line). */
int config_line(const struct config *cfg, enum config_opt opt);
/* The file that was read, or NULL. */
const char *config_file(const struct config *cfg);

/* The colour capabilities to resolve the theme with: the terminal's (term: colour count and
 * direct colour as curses reports them) limited by `colors` (auto and truecolor: as the terminal;
 * 256, 16, 8: at most that many, except that a direct-colour terminal stays direct; none: no
 * colours) and by term->no_color (NO_COLOR, --no-color). */
struct theme_caps config_theme_caps(const struct config *cfg, const struct theme_caps *term);

/* The keys, with the config's bindings applied. Owned by cfg. */
struct keymap *config_keymap(const struct config *cfg);

/* Problems found, in file order. */
size_t config_warning_count(const struct config *cfg);
const struct ini_warning *config_warning(const struct config *cfg, size_t i);
/* "FILE:LINE: key: problem" of warning i, owned by the caller; NULL when out of range. */
char *config_warning_str(const struct config *cfg, size_t i);
/* The list itself, e.g. to add theme warnings to it. */
struct ini_warnings *config_warnings(struct config *cfg);

/* Table metadata. */
const char *config_opt_section(enum config_opt opt);
const char *config_opt_key(enum config_opt opt);
enum config_type config_opt_type(enum config_opt opt);
const char *config_opt_default(enum config_opt opt);
/* The option named "section.key" or key in section; -1 when unknown. */
int config_opt_find(const char *section, const char *key);

/* Generated text: config.example.ini, docs/config.md, and a short list for --help. */
void config_write_example(struct buf *b);
void config_write_markdown(struct buf *b);
void config_write_help(struct buf *b);

/* CLI entry points in src/cli_check_config.c, for main.c to wire:
 *   jingdu --dump-config [ini|md|help]   config.example.ini (default), docs/config.md, or the
 *                                        option list for --help
 *   jingdu --dump-keys [md|text]         docs/keys.md (default) or the help screen's text
 *   jingdu --dump-keys tmux KEY...       each key name as tmux send-keys spells it (e2e)
 *   jingdu --dump-theme [md|ini]         the element table of docs/theme.md or default.ini
 * argv are the arguments after the option; they return the exit code. */
int cli_dump_config(int argc, char **argv, const struct cli_opts *o);
int cli_dump_keys(int argc, char **argv, const struct cli_opts *o);
int cli_dump_theme(int argc, char **argv, const struct cli_opts *o);

#endif
