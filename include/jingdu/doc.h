/* doc.h — the document model. A struct doc owns the normalized text of one article
 * (UTF-8, valid, NFC, LF line ends, no BOM) and its structure: blocks, sections and marks.
 * Every other module refers to the text by byte offsets into doc->text; nothing copies it.
 *
 * Lifetime: doc_load_*() builds a complete, immutable document; doc_free() releases it and
 * everything it owns at once. Nothing in here prints, exits or touches the terminal.
 *
 * Blocks tile the text in order: each block is a byte range [start, end). Inside a
 * paragraph, source line breaks are kept as '\n' in the text; the layout joins them (no space
 * between CJK characters, one space between Latin words). Blank lines between blocks belong to
 * no block. Sections are contiguous runs of blocks; section 0 always starts at the first
 * block (the lead, titled by the document title, or the first heading when the text starts
 * with one). */
#ifndef JINGDU_DOC_H
#define JINGDU_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "jingdu/util.h"

#define BLOCK_KIND_INFO(_) \
	_(PARA, "para") \
	_(HEADING, "heading") \
	_(PRE, "pre") \
	_(TITLE, "title") \
	_(BYLINE, "byline") \
	_(FOOTER, "footer")

enum block_kind {
#define BLOCK_KIND_ENUM(name, str) BLOCK_##name,
	BLOCK_KIND_INFO(BLOCK_KIND_ENUM)
#undef BLOCK_KIND_ENUM
};
const char *block_kind_str(enum block_kind k);

/* Block flags */
enum {
	BLOCK_F_CJK = 1 << 0,   /* a paragraph of mostly CJK text: gets the first-line indent */
	BLOCK_F_GLUED = 1 << 1, /* a heading cut from the front of its paragraph ("01说真话") */
	BLOCK_F_ITEM = 1 << 2,  /* a list item (Markdown): starts with its marker ("• ", "1. ") */
	BLOCK_F_QUOTE = 1 << 3, /* inside a block quote (Markdown) */
};

struct block {
	enum block_kind kind;
	unsigned flags;
	int level;      /* heading level 1..6; 0 for other blocks */
	size_t start;   /* byte range in doc->text, end exclusive */
	size_t end;
	size_t section; /* index of the section that contains it */
};

enum mark_kind {
	MARK_LEFTOVER, /* a web-page leftover such as 展开剩余82%: shown dimmed, kept */
};

struct mark {
	enum mark_kind kind;
	size_t start, end;
};

struct section {
	int level;          /* 1 = top level */
	int number;         /* the section's number when numbered (01 → 1), else 0 */
	char *title;        /* owned display title, one line, e.g. "01 说真话" */
	size_t start, end;  /* byte range covered (from its first block to the next section) */
	size_t first_block; /* blocks [first_block, first_block + n_blocks) */
	size_t n_blocks;
	size_t heading;     /* index of its heading block, NPOS for the lead or a split section */
	size_t line;        /* 1-based source line where it starts */
};

enum doc_format { DOC_TEXT, DOC_MARKDOWN };

struct doc {
	char *path;  /* as given, or "-" for standard input; owned */
	char *text;  /* normalized text, NUL-terminated; owned */
	size_t len;
	enum doc_format format;
	size_t n_invalid; /* invalid byte sequences replaced by U+FFFD */
	size_t n_nul;     /* NUL bytes replaced by U+FFFD (counted in n_invalid too) */
	bool had_bom;
	bool had_crlf;

	struct block *blocks;
	size_t n_blocks;
	struct section *sections;
	size_t n_sections;
	struct mark *marks;
	size_t n_marks;

	size_t title_block;  /* NPOS when the document has no title line */
	size_t byline_block; /* NPOS when none */
	char *title;         /* owned; the title line, else the file name, never NULL */
	char *author;        /* owned; from the byline, or NULL */

	size_t *line_starts; /* byte offset of each line's start (line 1 at index 0) */
	size_t n_lines;
};

/* Load a file ("-" = standard input). On failure returns ERR_* and *out stays NULL.
 * Rejects directories, missing files, empty files and binary files with a status. */
enum status doc_load_file(const char *path, struct doc **out);
/* Build a document from a buffer (copied). path_hint may be NULL. */
enum status doc_load_buffer(const char *buf, size_t len, const char *path_hint,
			    struct doc **out);
/* The same with an explicit source encoding (--encoding; NULL = detect). */
enum status doc_load_file_enc(const char *path, const char *encoding, struct doc **out);
enum status doc_load_buffer_enc(const char *buf, size_t len, const char *path_hint,
				const char *encoding, struct doc **out);
void doc_free(struct doc *d);
/* The first part of a long file, so that the first screen need not wait for the whole one:
 * reads at most max bytes of path, cuts them after their last line end and builds a document
 * of that part (*whole = false). When the whole file is at most max bytes, or is not a regular
 * file ("-"), or starts with a UTF-16 BOM, or has no line end in its first max bytes, the
 * whole file is loaded instead (*whole = true). The part's text is a prefix of the whole
 * document's text when both were decoded the same way: the caller checks it (memcmp) before
 * carrying offsets from one to the other. */
enum status doc_load_file_head(const char *path, const char *encoding, size_t max,
			       struct doc **out, bool *whole);

/* Index of the section / block containing byte offset off (clamped to the text). */
size_t doc_section_at(const struct doc *d, size_t off);
size_t doc_block_at(const struct doc *d, size_t off);
/* 1-based source line of byte offset off. */
size_t doc_line_at(const struct doc *d, size_t off);
/* Is [start,end) inside a mark of kind k? Returns the mark index or NPOS. */
size_t doc_mark_at(const struct doc *d, size_t off);

/* Write a JSON list for `toc --json` / a plain outline for `toc` into b. */
void doc_toc_json(const struct doc *d, struct buf *b);
void doc_toc_text(const struct doc *d, struct buf *b);

#endif
