/* fuzz_anchor.c — anchor_make + anchor_locate on arbitrary text pairs. The input is
 * "OLD TEXT \x01 NEW TEXT"; the first two bytes pick the anchored range in the old text. Both
 * texts go through doc_load_buffer (as documents do), then the invariants are checked: a placed
 * match lies inside the new text on code point boundaries, and an exact or moved match holds
 * the quote. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jingdu/anchor.h"
#include "jingdu/doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
boundary(const char *t, size_t len, size_t off)
{
	return off == len || (off < len && ((unsigned char)t[off] & 0xC0) != 0x80);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *sep;
	struct doc *a = NULL, *b = NULL;
	struct anchor an;
	struct anchor_match m;
	size_t start, end;

	if (size < 3)
		return 0;
	sep = memchr(s + 2, '\x01', size - 2);
	if (!sep)
		return 0;
	if (doc_load_buffer(s + 2, (size_t)(sep - s - 2), "old", &a) != OK)
		return 0;
	if (doc_load_buffer(sep + 1, size - (size_t)(sep + 1 - s), "new", &b) != OK) {
		doc_free(a);
		return 0;
	}
	start = a->len ? (size_t)data[0] * a->len / 256 : 0;
	end = start + (size_t)data[1] % 64 + 1;
	anchor_make(a->text, a->len, start, end, &an);
	if (!boundary(a->text, a->len, an.start) || !boundary(a->text, a->len, an.end))
		abort();
	m = anchor_locate(b->text, b->len, &an);
	if (m.how != ANCHOR_ORPHAN) {
		if (m.start > m.end || m.end > b->len || !boundary(b->text, b->len, m.start) ||
		    !boundary(b->text, b->len, m.end))
			abort();
		if ((m.how == ANCHOR_EXACT || m.how == ANCHOR_MOVED) &&
		    (m.end - m.start != strlen(an.quote) ||
		     memcmp(b->text + m.start, an.quote, m.end - m.start) != 0))
			abort();
		if (m.score < 0.0 || m.score > 1.0)
			abort();
	}
	anchor_fini(&an);
	doc_free(a);
	doc_free(b);
	return 0;
}
