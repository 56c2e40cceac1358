/* fuzz_doc.c — the document model: any bytes, loaded as plain text and as Markdown (md4c,
 * doc_md.c), must load into a consistent document or be rejected with a status, never crash.
 * Checks the model's invariants on every input: blocks in order inside the text, every block in
 * a section, sections inside the text and titled, the text valid UTF-8 without NUL bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "jingdu/doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(const uint8_t *data, size_t size, const char *name)
{
	struct doc *d = NULL;
	size_t i;
	struct buf b;

	if (doc_load_buffer((const char *)data, size, name, &d) != OK)
		return;
	for (i = 0; i < d->n_blocks; i++) {
		if (d->blocks[i].start >= d->blocks[i].end || d->blocks[i].end > d->len ||
		    (i > 0 && d->blocks[i].start < d->blocks[i - 1].end) ||
		    d->blocks[i].section >= d->n_sections)
			abort();
	}
	if (strlen(d->text) != d->len || u8_check((const uint8_t *)d->text, d->len) != NULL)
		abort();
	for (i = 0; i < d->n_sections; i++)
		if (d->sections[i].start > d->sections[i].end || d->sections[i].end > d->len ||
		    !d->sections[i].title)
			abort();
	buf_init(&b);
	doc_toc_json(d, &b);
	buf_fini(&b);
	doc_free(d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check(data, size, "fuzz.txt");
	check(data, size, "fuzz.md");
	return 0;
}
