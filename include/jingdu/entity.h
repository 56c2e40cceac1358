/* entity.h — named entities of a document: who and what each section talks about.
 *
 * entity_extract() reads a struct doc once and returns a struct entity_set: every entity found
 * (canonical name, type, aliases, mentions as byte ranges in doc->text), plus per-section counts.
 * Sources, in one pass over the text: the built-in gazetteers (data/, compiled in), Latin-script
 * names inside CJK text, transliterated names with '·', Chinese person names (surname + given
 * name with a context cue or recurring), organization suffixes, quoted/《》 terms and new-word
 * discovery over the whole document; then the user's entity list (see docs/entities.md).
 *
 * The set is immutable after extraction and deterministic (same text and list → same set).
 * From 512 KB of text on, extraction runs its stages in two threads of its own (the second
 * joined before it returns); the result is the same as with one.
 * It refers to the text by byte offsets only: it holds no pointer into the doc, so it may
 * outlive it, but offsets are meaningful only for the doc it was built from.
 * Nothing here prints, exits or touches the terminal; user-list problems are returned as
 * warnings (struct diag with file and line), never as failures.
 *
 * Typical use (the reader's entities pane):
 *	struct entity_set *es;
 *	entity_extract(doc, NULL, &es);            // NULL opts: user list from env/default path
 *	struct entity_view v;
 *	entity_view_section(es, sec, &v);          // or _document / _before(offset)
 *	for (i = 0; i < v.n; i++) {
 *		const struct entity *e = entity_get(es, v.refs[i].id);
 *		... e->name, entity_type_label(e->type), v.refs[i].count ...
 *	}
 *	entity_view_fini(&v);
 *	m = entity_mention_next(es, id, cursor_off);   // `n`; entity_mention_prev for `N`
 *	entity_set_free(es);
 */
#ifndef JINGDU_ENTITY_H
#define JINGDU_ENTITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jingdu/doc.h"
#include "jingdu/util.h"

/* Entity types: enum name, JSON/user-list name, short Chinese label for the pane. The order
 * is the pane's grouping order. */
#define ENTITY_TYPE_INFO(_)                                                                        \
	_(PER, "PER", "人物")                                                                      \
	_(ORG, "ORG", "机构")                                                                      \
	_(PRODUCT, "PRODUCT", "产品")                                                              \
	_(LOC, "LOC", "地点")                                                                      \
	_(TERM, "TERM", "术语")

enum entity_type {
#define ENTITY_TYPE_ENUM(name, str, label) ENTITY_##name,
	ENTITY_TYPE_INFO(ENTITY_TYPE_ENUM)
#undef ENTITY_TYPE_ENUM
	    ENTITY_N_TYPES
};

/* "PER", "ORG", …; "?" when out of range. */
const char *entity_type_str(enum entity_type t);
/* "人物", "机构", …; "?" when out of range. */
const char *entity_type_label(enum entity_type t);
/* Parse "PER"/"per"/… ; false when unknown. */
bool entity_type_parse(const char *s, enum entity_type *out);

/* One mention: a byte range [start, end) of doc->text and the entity it names. */
struct entity_mention {
	size_t start;
	size_t end;
	size_t entity; /* index into the set's entities */
};

struct entity {
	char *name; /* canonical display name (owned, UTF-8) */
	enum entity_type type;
	char **aliases; /* the other forms it is written in, in this document, most used
			 * first (owned); n_aliases may be 0 */
	size_t n_aliases;
	size_t count;       /* mentions in the whole document */
	uint32_t *mentions; /* indices into entity_set mentions, in text order (owned by the
			     * set, not the entity) */
	size_t first;       /* byte offset of the first mention */
};

struct entity_set; /* opaque */

/* Options for extraction. A NULL pointer means all defaults. */
struct entity_opts {
	/* The user's entity list. NULL: $JINGDU_ENTITIES, else
	 * $XDG_CONFIG_HOME/jingdu/entities.txt when it exists (a missing default file is not a
	 * warning; a missing explicit file is). */
	const char *user_list;
	bool no_user_list; /* ignore any user list */
};

/* Extract the entities of d. Returns OK and *out (free with entity_set_free), or ERR_NOMEM
 * style failures only; a bad user list gives warnings, not a failure. */
enum status entity_extract(const struct doc *d, const struct entity_opts *o,
			   struct entity_set **out);
void entity_set_free(struct entity_set *s);

/* Warnings collected while reading the user list ("file:line: what"). */
size_t entity_set_n_warnings(const struct entity_set *s);
const struct diag *entity_set_warning(const struct entity_set *s, size_t i);

/* All entities, by id 0..n-1 (order: first mention in the text). */
size_t entity_set_count(const struct entity_set *s);
const struct entity *entity_get(const struct entity_set *s, size_t id);
/* Look up by canonical name or alias (exact); NPOS when none. */
size_t entity_find(const struct entity_set *s, const char *name);

/* All mentions, sorted by start offset (non-overlapping). */
size_t entity_set_n_mentions(const struct entity_set *s);
const struct entity_mention *entity_set_mention(const struct entity_set *s, size_t i);

/* Views: the entities of a scope with their count in that scope, most mentioned first
 * (ties: type order, then first mention). Embedded: call entity_view_fini after use. */
struct entity_ref {
	size_t id;    /* entity id */
	size_t count; /* mentions inside the scope */
	size_t first; /* byte offset of its first mention inside the scope */
};
struct entity_view {
	struct entity_ref *refs;
	size_t n;
};
/* Entities mentioned in section sec (index into doc->sections). */
void entity_view_section(const struct entity_set *s, size_t sec, struct entity_view *v);
/* Entities of the whole document. */
void entity_view_document(const struct entity_set *s, struct entity_view *v);
/* "Read so far": entities with mentions starting before byte offset off (counts are of
 * those mentions only). */
void entity_view_before(const struct entity_set *s, size_t off, struct entity_view *v);
void entity_view_fini(struct entity_view *v);

/* Mentions of entity id inside section sec (0 when none): "sections that mention X". */
size_t entity_count_in_section(const struct entity_set *s, size_t id, size_t sec);
/* Next mention of entity id starting strictly after off, or the previous one starting
 * strictly before off: returns the mention (a pointer into the set) or NULL at the end
 * (the caller decides whether to wrap: use off = 0 / off = SIZE_MAX-1 to wrap). */
const struct entity_mention *entity_mention_next(const struct entity_set *s, size_t id, size_t off);
const struct entity_mention *entity_mention_prev(const struct entity_set *s, size_t id, size_t off);

/* Output for `jingdu entities`: section = NPOS for every section, else that section only
 * (index into doc->sections). JSON exactly as SPEC §1:
 * [{"section": 1, "title": "...", "entities": [{"name": "...", "type": "ORG", "count": 3,
 *   "aliases": ["..."]}]}]  (section numbers count from 1 in document order). */
void entity_write_json(const struct entity_set *s, const struct doc *d, size_t section,
		       struct buf *b);
/* A readable table per section. */
void entity_write_text(const struct entity_set *s, const struct doc *d, size_t section,
		       struct buf *b);

#endif
