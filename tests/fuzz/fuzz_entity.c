/* fuzz_entity.c — entity extraction: any document must extract without crashing, with mentions
 * sorted, non-overlapping and inside the text, and every view consistent with them. */
#include <stdint.h>
#include <stdlib.h>

#include "jingdu/doc.h"
#include "jingdu/entity.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc *d = NULL;
	struct entity_set *es = NULL;
	struct entity_opts eo = {.no_user_list = true};
	struct entity_view v;
	struct buf b;
	size_t i, sum = 0, sec;

	if (doc_load_buffer((const char *)data, size, "fuzz.txt", &d) != OK)
		return 0;
	if (entity_extract(d, &eo, &es) != OK)
		abort();
	for (i = 0; i < entity_set_n_mentions(es); i++) {
		const struct entity_mention *m = entity_set_mention(es, i);

		if (m->start >= m->end || m->end > d->len || m->entity >= entity_set_count(es) ||
		    (i > 0 && m->start < entity_set_mention(es, i - 1)->end))
			abort();
	}
	for (sec = 0; sec < d->n_sections; sec++) {
		entity_view_section(es, sec, &v);
		for (i = 0; i < v.n; i++)
			sum += v.refs[i].count;
		entity_view_fini(&v);
	}
	if (sum != entity_set_n_mentions(es))
		abort();
	for (i = 0; i < entity_set_count(es); i++) {
		const struct entity *e = entity_get(es, i);

		if (!e->name || !e->count ||
		    (entity_mention_next(es, i, 0) == NULL && e->first > 0))
			abort();
	}
	buf_init(&b);
	entity_write_json(es, d, NPOS, &b);
	entity_write_text(es, d, NPOS, &b);
	buf_fini(&b);
	entity_set_free(es);
	doc_free(d);
	return 0;
}
