/* doc_private.h — the steps of building a struct doc, shared by doc_load.c (bytes → text)
 * and doc.c (text → blocks, sections, marks). Not part of the public interface. */
#ifndef JINGDU_DOC_PRIVATE_H
#define JINGDU_DOC_PRIVATE_H

#include "jingdu/doc.h"

/* Convert and normalize n bytes into d->text / d->len; counts repairs in d. */
enum status doc_normalize(const char *in, size_t n, const char *encoding, struct doc *d);
/* The same for a buffer the caller gives up (it still frees it): the bytes already read are
 * handed back to the system as the text grows, so the file and its text are not both held
 * in full. The buffer's contents are undefined afterwards. */
enum status doc_normalize_consume(char *in, size_t n, const char *encoding, struct doc *d);
/* Find blocks, title, byline, footer, marks and sections of d->text. */
void doc_structure(struct doc *d);

/* A heading that starts a section: its block, its number (01 → 1, else 0), its title (owned;
 * doc_make_sections takes it). */
struct doc_heading {
	size_t block;
	int number;
	char *title;
};
/* The steps after the blocks, shared by plain text (doc.c) and Markdown (doc_md.c). */
void doc_mark_front_back(struct doc *d, size_t first_heading_block, bool blank_mode);
void doc_make_sections(struct doc *d, const struct doc_heading *heads, size_t n);
/* d->line_starts and d->n_lines of d->text. */
void doc_line_table(struct doc *d);
/* Is [a,b) mostly CJK (a paragraph that gets the first-line indent)? */
bool doc_mostly_cjk(const char *s, size_t a, size_t b);

/* Markdown (doc_md.c): the source in d->text rendered to the text the reader shows, its blocks
 * (kind, level, range in the rendered text; section and flags unset) and its headings. */
struct md_heading_info {
	size_t block;   /* index into blocks */
	size_t src_off; /* where its text starts in the source (after the front matter), or NPOS */
};
struct md_render {
	char *text; /* owned, NUL-terminated */
	size_t len;
	struct block *blocks; /* owned */
	size_t n_blocks;
	struct md_heading_info *heads; /* owned */
	size_t n_heads;
	size_t src_skip; /* bytes of front matter before the Markdown proper */
};
enum status doc_md_render(struct doc *d, struct md_render *r);
/* The structure of a Markdown document: d->text (the source) becomes the rendered text, with its
 * blocks, title, byline, footer, leftovers and sections; the plain-text rules if md4c fails. */
void doc_structure_md(struct doc *d);

#endif
