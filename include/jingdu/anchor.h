/* anchor.h — text anchors for highlights, bookmarks and the reading position, and the
 * re-anchoring that finds them again after the document's text changed. Pure functions over a
 * byte string (the normalized text of a struct doc): no SQLite, no I/O, no globals.
 *
 * An anchor is a W3C-Web-Annotation-style pair of selectors:
 *   position: [start, end) byte offsets into the normalized text;
 *   quote:    the exact text of that range, plus up to ANCHOR_CONTEXT code points of prefix
 *             (the text just before) and suffix (the text just after).
 *
 * anchor_locate() finds an anchor in a (possibly changed) text, in this order:
 *   1. ANCHOR_EXACT  the stored position still holds the quote;
 *   2. ANCHOR_MOVED  the quote occurs elsewhere: the occurrence whose prefix/suffix agree best
 *                    wins, and among equally good ones the nearest to the old position;
 *   3. ANCHOR_FUZZY  a bounded approximate match (edit distance in code points) of the quote,
 *                    first near the old position, then in the whole text, scored by quote and
 *                    context similarity; it must reach a minimum score, and a match far from the
 *                    old position must also have matching context (never a lookalike far away);
 *   4. ANCHOR_ORPHAN nothing good enough: the caller keeps the anchor and lists it as orphan.
 * docs/annotations.md gives the thresholds and why. */
#ifndef JINGDU_ANCHOR_H
#define JINGDU_ANCHOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ANCHOR_CONTEXT 32 /* code points of prefix and suffix kept with a quote */

struct anchor {
	size_t start, end; /* byte offsets in the normalized text, end exclusive */
	char *quote;       /* owned, NUL-terminated: the exact text of [start, end) */
	char *prefix;      /* owned: up to ANCHOR_CONTEXT code points before start */
	char *suffix;      /* owned: up to ANCHOR_CONTEXT code points after end */
};

enum anchor_how {
	ANCHOR_EXACT,  /* same position, same quote */
	ANCHOR_MOVED,  /* the exact quote, at another position */
	ANCHOR_FUZZY,  /* an approximate match; see score */
	ANCHOR_ORPHAN, /* not found */
};

struct anchor_match {
	enum anchor_how how;
	size_t start, end; /* the new byte range (undefined for ANCHOR_ORPHAN) */
	double score;      /* 1.0 for EXACT/MOVED, the similarity (0..1) for FUZZY, 0 for ORPHAN */
};

/* Minimum scores of a fuzzy match: near the old position, and anywhere else. */
#define ANCHOR_MIN_SCORE_NEAR 0.75
#define ANCHOR_MIN_SCORE_FAR 0.85

/* Build the anchor of text[start, end) (clamped to the text and to code point boundaries).
 * a is overwritten; release with anchor_fini(). */
void anchor_make(const char *text, size_t len, size_t start, size_t end, struct anchor *a);
/* Build an anchor from stored parts (strings copied; NULL = ""). */
void anchor_set(struct anchor *a, size_t start, size_t end, const char *quote, const char *prefix,
		const char *suffix);
void anchor_fini(struct anchor *a);
void anchor_copy(struct anchor *dst, const struct anchor *src);

/* Find a in text[0, len). Never allocates anything the caller must free. */
struct anchor_match anchor_locate(const char *text, size_t len, const struct anchor *a);
const char *anchor_how_str(enum anchor_how how); /* "exact", "moved", "fuzzy", "orphan" */

/* Number of code points in text[0, off): the unit of TextPositionSelector in exports. */
size_t anchor_cp_offset(const char *text, size_t len, size_t off);

/* The document identity: a 128-bit hash of the normalized text (not cryptographic; fast
 * enough for every open of a large file), as 32 lowercase hex digits + NUL. Stable across
 * versions and platforms: the notes database depends on it. */
#define ANCHOR_HASH_SIZE 33
void anchor_text_hash(const char *text, size_t len, char out[ANCHOR_HASH_SIZE]);

#endif
