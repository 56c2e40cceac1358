/* fuzz_layout.c — libFuzzer target for the layout: any bytes as a document, laid out at a few
 * widths (1, 2, 3, 7, 40) and both ambiguous widths; aborts when a line's cells are wider than
 * the width, when a line's range leaves its block, or when lines do not tile their block. */
#include <stdint.h>
#include <stdlib.h>

#include "jingdu/doc.h"
#include "jingdu/layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int widths[] = {1, 2, 3, 7, 40};
	struct doc *d = NULL;
	struct layout_cell cells[64];
	size_t wi, b;
	int amb;

	if (doc_load_buffer((const char *)data, size, "fuzz", &d) != OK)
		return 0;
	for (amb = 1; amb <= 2; amb++) {
		for (wi = 0; wi < sizeof(widths) / sizeof(widths[0]); wi++) {
			struct layout_opts o;
			struct layout *l;
			struct buf out;

			layout_opts_default(&o);
			o.width = widths[wi];
			o.ambiguous_width = amb;
			l = layout_new(d, &o);
			for (b = 0; b < d->n_blocks; b++) {
				size_t n, k, at = d->blocks[b].start;
				const struct layout_line *ln = layout_block_lines(l, b, &n);

				for (k = 0; k < n; k++) {
					size_t nc = layout_line_cells(l, &ln[k], cells, 64), j;
					int w = ln[k].indent;

					if (ln[k].start != at && ln[k].start != ln[k].end)
						abort();
					if (ln[k].end > d->blocks[b].end)
						abort();
					at = ln[k].end;
					for (j = 0; j < nc && j < 64; j++)
						w += cells[j].width;
					if (w > widths[wi])
						abort();
				}
				if (at != d->blocks[b].end)
					abort();
			}
			buf_init(&out);
			layout_print(l, &out);
			buf_fini(&out);
			layout_free(l);
		}
	}
	doc_free(d);
	return 0;
}
