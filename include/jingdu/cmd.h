/* cmd.h — the named commands of the reader: one X-macro holds every action a key, the `:`
 * prompt, the help screen or docs/keys.md can name. Owns the command names and their help
 * text; owns no state and knows nothing of keys (keymap.h) or the screen (the UI interprets a
 * command for the focused pane: line-down moves the cursor in the reading pane and the
 * selection in a list). Names are lowercase-with-dashes; cmd_from_name() also accepts
 * underscores, so `[keys] next_section = ]` names next-section.
 *
 * Columns: ID (enum CMD_ID), name, group (enum cmd_group), argument hint ("" when the command
 * takes none; the `:` prompt passes the rest of the line), help text. */
#ifndef JINGDU_CMD_H
#define JINGDU_CMD_H

#include <stdbool.h>
#include <stddef.h>

#define CMD_GROUP_INFO(_)                                                                          \
	_(MOVE, "Moving")                                                                          \
	_(SECTION, "Sections")                                                                     \
	_(PANE, "Panes")                                                                           \
	_(SEARCH, "Search")                                                                        \
	_(CURSOR, "Cursor (reading pane)")                                                         \
	_(SELECT, "Selection and highlights")                                                      \
	_(ANNOT, "Notes, bookmarks, export")                                                       \
	_(ENTITY, "Entities")                                                                      \
	_(EDIT, "Line editor (prompts and notes)")                                                 \
	_(MISC, "Other")

enum cmd_group {
/* clang-format off */
#define CMD_GROUP_ENUM(id, title) CMD_GROUP_##id,
	CMD_GROUP_INFO(CMD_GROUP_ENUM)
#undef CMD_GROUP_ENUM
	CMD_GROUP_COUNT
	/* clang-format on */
};

#define CMD_INFO(_)                                                                                \
	_(LINE_DOWN, "line-down", MOVE, "",                                                        \
	  "Down one line (the cursor in the reading pane, the selection in a list)")               \
	_(LINE_UP, "line-up", MOVE, "", "Up one line")                                             \
	_(PAGE_DOWN, "page-down", MOVE, "", "Down one page")                                       \
	_(PAGE_UP, "page-up", MOVE, "", "Up one page")                                             \
	_(HALF_PAGE_DOWN, "half-page-down", MOVE, "", "Down half a page")                          \
	_(HALF_PAGE_UP, "half-page-up", MOVE, "", "Up half a page")                                \
	_(SCROLL_DOWN, "scroll-down", MOVE, "",                                                    \
	  "Scroll the view down one line, keeping the cursor")                                     \
	_(SCROLL_UP, "scroll-up", MOVE, "", "Scroll the view up one line, keeping the cursor")     \
	_(START, "start", MOVE, "", "Go to the start")                                             \
	_(END, "end", MOVE, "", "Go to the end")                                                   \
	_(NEXT_SECTION, "next-section", SECTION, "", "Next section")                               \
	_(PREV_SECTION, "prev-section", SECTION, "", "Previous section")                           \
	_(GOTO_SECTION, "goto-section", SECTION, "N", "Go to section N")                           \
	_(FOLD_TOGGLE, "fold-toggle", SECTION, "",                                                 \
	  "Fold or unfold the section under the selection")                                        \
	_(FOCUS_NEXT, "focus-next", PANE, "", "Focus the next pane")                               \
	_(FOCUS_PREV, "focus-prev", PANE, "", "Focus the previous pane")                           \
	_(TOGGLE_SECTIONS, "toggle-sections", PANE, "", "Show or hide the sections pane")          \
	_(TOGGLE_ENTITIES, "toggle-entities", PANE, "", "Show or hide the entities pane")          \
	_(ACTIVATE, "activate", PANE, "",                                                          \
	  "Open the selected item (jump to a section, select an entity, accept a prompt)")         \
	_(CANCEL, "cancel", PANE, "", "Cancel the selection, prompt or list")                      \
	_(SEARCH_FORWARD, "search-forward", SEARCH, "TEXT", "Search forward")                      \
	_(SEARCH_BACKWARD, "search-backward", SEARCH, "TEXT", "Search backward")                   \
	_(NEXT_MATCH, "next-match", SEARCH, "",                                                    \
	  "Next match (or next mention of the selected entity)")                                   \
	_(PREV_MATCH, "prev-match", SEARCH, "", "Previous match (or previous mention)")            \
	_(CURSOR_LEFT, "cursor-left", CURSOR, "", "Cursor left one character")                     \
	_(CURSOR_RIGHT, "cursor-right", CURSOR, "", "Cursor right one character")                  \
	_(WORD_NEXT, "word-next", CURSOR, "", "Cursor to the next word")                           \
	_(WORD_PREV, "word-prev", CURSOR, "", "Cursor to the previous word")                       \
	_(SENTENCE_NEXT, "sentence-next", CURSOR, "", "Cursor to the next sentence")               \
	_(SENTENCE_PREV, "sentence-prev", CURSOR, "", "Cursor to the previous sentence")           \
	_(PARAGRAPH_NEXT, "paragraph-next", CURSOR, "", "Cursor to the next paragraph")            \
	_(PARAGRAPH_PREV, "paragraph-prev", CURSOR, "", "Cursor to the previous paragraph")        \
	_(LINE_START, "line-start", CURSOR, "", "Cursor to the start of the screen line")          \
	_(LINE_END, "line-end", CURSOR, "", "Cursor to the end of the screen line")                \
	_(SELECT, "select", SELECT, "", "Start (or stop) a selection at the cursor")               \
	_(HIGHLIGHT, "highlight", SELECT, "", "Make the selection a highlight")                    \
	_(COLOR_1, "color-1", SELECT, "", "Highlight colour 1")                                    \
	_(COLOR_2, "color-2", SELECT, "", "Highlight colour 2")                                    \
	_(COLOR_3, "color-3", SELECT, "", "Highlight colour 3")                                    \
	_(COLOR_4, "color-4", SELECT, "", "Highlight colour 4")                                    \
	_(NOTE, "note", ANNOT, "", "Add or edit the note of the highlight under the cursor")       \
	_(DELETE, "delete", ANNOT, "", "Delete the highlight (or list item) under the cursor")     \
	_(UNDO, "undo", ANNOT, "", "Undo the last delete")                                         \
	_(BOOKMARK, "bookmark", ANNOT, "", "Bookmark the reading position")                        \
	_(BOOKMARKS, "bookmarks", ANNOT, "", "List of bookmarks")                                  \
	_(HIGHLIGHTS, "highlights", ANNOT, "", "List of all highlights (jump, edit, delete)")      \
	_(EXPORT, "export", ANNOT, "[FORMAT]", "Export highlights and notes")                      \
	_(ENTITY_SCOPE, "entity-scope", ENTITY, "",                                                \
	  "Entities of the current section or of the whole document")                              \
	_(ENTITY_READ, "entity-read", ENTITY, "",                                                  \
	  "Entities only of what has been read so far, or all")                                    \
	_(EDIT_LEFT, "edit-left", EDIT, "", "Cursor left")                                         \
	_(EDIT_RIGHT, "edit-right", EDIT, "", "Cursor right")                                      \
	_(EDIT_HOME, "edit-home", EDIT, "", "Cursor to the start of the line")                     \
	_(EDIT_END, "edit-end", EDIT, "", "Cursor to the end of the line")                         \
	_(EDIT_BACKSPACE, "edit-backspace", EDIT, "", "Delete the character before the cursor")    \
	_(EDIT_DELETE, "edit-delete", EDIT, "", "Delete the character under the cursor")           \
	_(EDIT_KILL_START, "edit-kill-start", EDIT, "", "Delete to the start of the line")         \
	_(EDIT_KILL_WORD, "edit-kill-word", EDIT, "", "Delete the word before the cursor")         \
	_(EDIT_HISTORY_PREV, "edit-history-prev", EDIT, "", "Previous entry of the history")       \
	_(EDIT_HISTORY_NEXT, "edit-history-next", EDIT, "", "Next entry of the history")           \
	_(EDIT_EXTERNAL, "edit-external", EDIT, "", "Edit the note in $EDITOR")                    \
	_(PROMPT, "prompt", MISC, "", "Command prompt (:)")                                        \
	_(HELP, "help", MISC, "", "Show the keys")                                                 \
	_(REDRAW, "redraw", MISC, "", "Redraw the screen")                                         \
	_(THEME, "theme", MISC, "NAME", "Switch to colour theme NAME")                             \
	_(DUMP_SCREEN, "dump-screen", MISC, "PATH",                                                \
	  "Write the screen as text to PATH (for tests)")                                          \
	_(QUIT, "quit", MISC, "", "Quit")

enum cmd {
	CMD_NONE = 0,
/* clang-format off */
#define CMD_ENUM(id, name, group, arg, help) CMD_##id,
	CMD_INFO(CMD_ENUM)
#undef CMD_ENUM
	CMD_COUNT
	/* clang-format on */
};

/* "line-down"; "" for CMD_NONE or an out-of-range value. Static strings. */
const char *cmd_name(enum cmd c);
const char *cmd_help(enum cmd c);
/* Argument hint ("" when none), e.g. "NAME" for theme. */
const char *cmd_arg(enum cmd c);
enum cmd_group cmd_group(enum cmd c);
const char *cmd_group_title(enum cmd_group g);
/* The command named name (dashes or underscores, ASCII case-insensitive), or CMD_NONE. */
enum cmd cmd_from_name(const char *name);
/* Same, for the first n bytes of name. */
enum cmd cmd_from_namen(const char *name, size_t n);

#endif
