/* fuzz_doc.c — the plain-text parser: any bytes must load into a consistent document or be
 * rejected with a status, never crash. Checks the model's invariants on every input. */
#include <stdint.h>
#include <stdlib.h>

#include "jingdu/doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc *d = NULL;
	size_t i;
	struct buf b;

	if (doc_load_buffer((const char *)data, size, "fuzz.txt", &d) != OK)
		return 0;
	for (i = 0; i < d->n_blocks; i++) {
		if (d->blocks[i].start >= d->blocks[i].end || d->blocks[i].end > d->len ||
		    (i > 0 && d->blocks[i].start < d->blocks[i - 1].end) ||
		    d->blocks[i].section >= d->n_sections)
			abort();
	}
	for (i = 0; i < d->n_sections; i++)
		if (d->sections[i].start > d->sections[i].end || d->sections[i].end > d->len ||
		    !d->sections[i].title)
			abort();
	buf_init(&b);
	doc_toc_json(d, &b);
	buf_fini(&b);
	doc_free(d);
	return 0;
}
