/* entity_tmp.c — TEMPORARY stand-in for entity.c (branch `entity`) so the reader links before
 * the entity module lands: extraction finds nothing (ERR_NOTFOUND), so the entities pane shows
 * its empty state. Delete this file when entity.c is merged. */
#include "jingdu/entity.h"

#include <stdlib.h>

struct entity_set {
	int unused;
};

const char *
entity_type_str(enum entity_type t)
{
	static const char *s[] = {"PER", "ORG", "PRODUCT", "LOC", "TERM"};

	return (unsigned)t < ENTITY_N_TYPES ? s[t] : "?";
}

const char *
entity_type_label(enum entity_type t)
{
	static const char *s[] = {"人物", "机构", "产品", "地点", "术语"};

	return (unsigned)t < ENTITY_N_TYPES ? s[t] : "?";
}

enum status
entity_extract(const struct doc *d, const struct entity_opts *o, struct entity_set **out)
{
	(void)d;
	(void)o;
	*out = NULL;
	return ERR_NOTFOUND;
}

void
entity_set_free(struct entity_set *s)
{
	free(s);
}

const struct entity *
entity_get(const struct entity_set *s, size_t id)
{
	(void)s;
	(void)id;
	return NULL;
}

const struct entity_mention *
entity_set_mention(const struct entity_set *s, size_t i)
{
	(void)s;
	(void)i;
	return NULL;
}

void
entity_view_section(const struct entity_set *s, size_t sec, struct entity_view *v)
{
	(void)s;
	(void)sec;
	v->refs = NULL;
	v->n = 0;
}

void
entity_view_document(const struct entity_set *s, struct entity_view *v)
{
	entity_view_section(s, 0, v);
}

void
entity_view_before(const struct entity_set *s, size_t off, struct entity_view *v)
{
	(void)off;
	entity_view_section(s, 0, v);
}

void
entity_view_fini(struct entity_view *v)
{
	free(v->refs);
	v->refs = NULL;
	v->n = 0;
}

size_t
entity_count_in_section(const struct entity_set *s, size_t id, size_t sec)
{
	(void)s;
	(void)id;
	(void)sec;
	return 0;
}

const struct entity_mention *
entity_mention_next(const struct entity_set *s, size_t id, size_t off)
{
	(void)s;
	(void)id;
	(void)off;
	return NULL;
}

const struct entity_mention *
entity_mention_prev(const struct entity_set *s, size_t id, size_t off)
{
	return entity_mention_next(s, id, off);
}
