/* theme.h — colour themes: the semantic screen elements (one X-macro), theme files
 * (themes/NAME.ini) that map them to colours and attributes, the search for a theme by name,
 * and the resolution of a theme for a terminal's colour capabilities. Curses-free: the UI
 * turns a resolved struct theme_style into colour pairs and A_* attributes.
 *
 * A theme file has a [colors] section, one line per element: `element = FG [BG] [ATTR…]`, where
 * a colour is a name (default, black, red, green, yellow, blue, magenta, cyan, white,
 * bright_black … bright_white, gray/grey), a number 0–255 or #rrggbb, optionally followed by
 * `/FALLBACK` (a name or 0–15) used on terminals with fewer than 256 colours instead of the
 * automatic nearest colour (`#859900/green`), and ATTR is bold,
 * underline, reverse, dim, italic (or none), separated by spaces or commas. An optional [mono]
 * section gives the attributes used without colours (`element = bold underline`); an element
 * whose [colors] line has both colours `default` uses that line's attributes; the others use
 * the built-in attribute-only styles. An optional [theme] section may carry
 * `description = …`. Elements a theme leaves out take the built-in default (dark) values.
 * Unknown elements, colours and attributes are warnings, never failures. theme_load() itself
 * does not warn when a theme is not found: it returns ERR_NOTFOUND and the caller says where
 * the name came from.
 *
 * Lookup of NAME (theme_find): $XDG_CONFIG_HOME/jingdu/themes/NAME.ini (~/.config/…), then
 * $JINGDU_THEMES/NAME.ini, then themes/NAME.ini next to the binary, then ../share/jingdu/themes
 * relative to the binary, then JINGDU_DATADIR/themes (compile-time, default
 * /usr/local/share/jingdu); `default` and `mono` are also built in. A NAME with a '/' is a
 * path. */
#ifndef JINGDU_THEME_H
#define JINGDU_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include "jingdu/ini.h"
#include "jingdu/util.h"

#define THEME_ATTR_BOLD 0x01u
#define THEME_ATTR_UNDERLINE 0x02u
#define THEME_ATTR_REVERSE 0x04u
#define THEME_ATTR_DIM 0x08u
#define THEME_ATTR_ITALIC 0x10u

/* Elements: ID, name, default (dark) spec, attribute-only (mono) spec, what it colours. The
 * default specs are the built-in `default` theme and equal themes/default.ini (a test checks). */
#define THEME_ELEMENT_INFO(_)                                                                      \
	_(TEXT, "text", "252 234", "none", "Body text of the reading pane")                        \
	_(HEADING, "heading", "#87afff 234 bold", "bold", "Section headings in the text")          \
	_(TITLE, "title", "#ffd787 234 bold", "bold underline", "The document title")              \
	_(BYLINE, "byline", "245 234 italic", "dim", "Author, date and source lines")              \
	_(QUOTE, "quote", "#afaf87 234 italic", "dim", "Block quotes")                             \
	_(CODE, "code", "#87d7af 236", "none", "Code blocks and inline code")                      \
	_(LIST_MARKER, "list_marker", "#87afff 234", "bold", "Bullets and numbers of lists")       \
	_(LINK, "link", "#5fafd7 234 underline", "underline", "Link text")                         \
	_(DIM, "dim", "242 234", "dim", "Secondary text")                                          \
	_(FOOTER, "footer", "242 234 italic", "dim", "Footnotes and the end-of-article block")     \
	_(LEFTOVER, "leftover", "240 234", "dim", "Boilerplate left over from a web page")         \
	_(PLACEHOLDER, "placeholder", "#d75f5f 234 reverse", "reverse",                            \
	  "Visible placeholders for control characters")                                           \
	_(SELECTION, "selection", "255 #005f87", "underline reverse", "The selection being made")  \
	_(HIGHLIGHT1, "highlight1", "232 #d7af00", "reverse", "Highlight colour 1")                \
	_(HIGHLIGHT2, "highlight2", "232 #5faf5f", "underline", "Highlight colour 2")              \
	_(HIGHLIGHT3, "highlight3", "232 #5fafd7", "bold underline", "Highlight colour 3")         \
	_(HIGHLIGHT4, "highlight4", "232 #d787d7", "bold reverse", "Highlight colour 4")           \
	_(NOTE_MARKER, "note_marker", "#ffaf00 234 bold", "bold",                                  \
	  "The marker of a highlight that has a note")                                             \
	_(ENTITY_PER, "entity_per", "#ffaf87 234", "bold", "People")                               \
	_(ENTITY_ORG, "entity_org", "#87d7ff 234", "underline", "Organisations")                   \
	_(ENTITY_PRODUCT, "entity_product", "#87d787 234", "italic", "Products")                   \
	_(ENTITY_LOC, "entity_loc", "#d787ff 234", "dim", "Places")                                \
	_(ENTITY_TERM, "entity_term", "#ffd75f 234", "bold underline", "Terms")                    \
	_(ENTITY_MENTION, "entity_mention", "232 #af87d7", "underline",                            \
	  "Mentions of the selected entity in the text")                                           \
	_(SEARCH_MATCH, "search_match", "232 #ff8700", "bold underline reverse", "Search matches") \
	_(CURSOR, "cursor", "234 252", "reverse", "The reading cursor")                            \
	_(PANE_BORDER, "pane_border", "240 234", "none", "Pane borders")                           \
	_(PANE_TITLE, "pane_title", "245 234", "none", "Pane titles")                              \
	_(PANE_TITLE_FOCUS, "pane_title_focus", "#87afff 234 bold", "bold reverse",                \
	  "The title of the focused pane")                                                         \
	_(LIST_SELECTED, "list_selected", "255 238 bold", "reverse", "The selected row of a list") \
	_(LIST_CURRENT, "list_current", "#ffd787 234", "bold",                                     \
	  "The current section in the sections pane")                                              \
	_(STATUS, "status", "250 236", "reverse", "The status line")                               \
	_(STATUS_MSG, "status_msg", "#afd787 236", "bold reverse",                                 \
	  "Confirmations in the status line")                                                      \
	_(STATUS_ERROR, "status_error", "231 #af0000 bold", "bold reverse",                        \
	  "Errors and warnings in the status line")                                                \
	_(PROMPT, "prompt", "255 236", "none", "The : / and note prompts")                         \
	_(HELP_KEY, "help_key", "#ffd787 234 bold", "bold", "Key names on the help screen")

enum theme_element {
/* clang-format off */
#define THEME_ELEMENT_ENUM(id, name, def, mono, help) THEME_##id,
	THEME_ELEMENT_INFO(THEME_ELEMENT_ENUM)
#undef THEME_ELEMENT_ENUM
	THEME_ELEMENT_COUNT
	/* clang-format on */
};

const char *theme_element_name(enum theme_element e);
const char *theme_element_help(enum theme_element e);
/* -1 when unknown. */
int theme_element_from_name(const char *name);

/* A colour as written: THEME_COLOR_DEFAULT (the terminal's), an index 0–255, or an RGB value
 * (rgb true). */
#define THEME_COLOR_DEFAULT (-1)
struct theme_color {
	int index; /* -1 default, 0..255; or -2 when rgb */
	bool rgb;
	unsigned char r, g, b;
	int fallback; /* 0..15 for terminals with fewer than 256 colours, or -1: automatic */
};

struct theme_spec {
	struct theme_color fg, bg;
	unsigned attrs;
};

struct theme {
	char *name;
	char *path; /* the file it came from; "(built-in)" for the embedded ones */
	char *description;
	struct theme_spec spec[THEME_ELEMENT_COUNT];
	unsigned mono[THEME_ELEMENT_COUNT];
};

/* Parse one spec ("#87afff 234 bold"). Problems are reported to w (may be NULL) under
 * file/line/key; what parses is kept. Returns false if anything was wrong. */
bool theme_parse_spec(const char *s, struct theme_spec *out, struct ini_warnings *w,
		      const char *file, int line, const char *key);
/* Attributes only ("bold underline"). */
bool theme_parse_attrs(const char *s, unsigned *out, struct ini_warnings *w, const char *file,
		       int line, const char *key);
/* Colour name / number / #rrggbb, with an optional /FALLBACK. */
bool theme_parse_color(const char *s, size_t n, struct theme_color *out);

/* The built-in default theme (the X-macro's specs). */
struct theme *theme_new_default(void);
/* The built-in mono theme (default colours, the mono attributes). */
struct theme *theme_new_mono(void);
void theme_free(struct theme *t);

/* Path of theme NAME by the search order above (owned), or NULL when no file exists.
 * *builtin is set when NULL is returned but NAME is a built-in theme. */
char *theme_find(const char *name, bool *builtin);
/* Is NAME a theme that theme_load can open? */
bool theme_exists(const char *name);
/* Is NAME well-formed (letters, digits, _ - . ; not starting with '.'), or a path with '/'? */
bool theme_name_valid(const char *name);

/* Load a theme by name. Starts from the built-in default and applies the file's lines.
 * Returns OK, ERR_NOTFOUND (no such theme; *out is then the built-in default, no warning is
 * added), or a read error (same fallback, and a warning). *out is always set. */
enum status theme_load(const char *name, struct theme **out, struct ini_warnings *w);
/* Load from a file path / from a buffer (label names it in warnings). */
enum status theme_load_file(const char *path, struct theme **out, struct ini_warnings *w);
struct theme *theme_load_buffer(const char *name, const char *label, const char *text, size_t len,
				struct ini_warnings *w);

/* What the terminal can show. colors: 0 (none) / 8 / 16 / 88 / 256 / more. direct: ncurses
 * direct-colour (COLORS = 2^24, colour values are 0xRRGGBB). no_color: NO_COLOR, --no-color
 * or colors = none in the config: attributes only. */
struct theme_caps {
	int colors;
	bool direct;
	bool no_color;
};

/* A resolved style: fg/bg are -1 (terminal default) or a colour number the terminal has:
 * 0..colors-1, or 0xRRGGBB when caps.direct. attrs are THEME_ATTR_*. */
struct theme_style {
	int fg;
	int bg;
	unsigned attrs;
};

/* Resolve every element for caps. Without colours (no_color, colors < 8) the styles are the
 * theme's mono attributes with default colours. #rrggbb maps to the nearest of the 256-colour
 * palette (16..255), of the 16 or of the 8 ANSI colours (by hue and lightness, so distinct
 * hues stay distinct); indexes above what the terminal has map the same way. */
void theme_resolve(const struct theme *t, const struct theme_caps *caps,
		   struct theme_style out[THEME_ELEMENT_COUNT]);
/* The RGB value of a 256-colour palette index (xterm's values). */
void theme_palette_rgb(int index, unsigned char *r, unsigned char *g, unsigned char *b);

/* The Markdown table of elements for docs/theme.md. */
void theme_doc_elements(struct buf *b);
/* A theme file with the built-in default values (themes/default.ini). */
void theme_write_default(struct buf *b);

#endif
