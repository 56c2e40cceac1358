/* entity_ntab.h — private to the entity module: a string map (keys borrowed, values size_t)
 * and the runtime name table (user-list names and detected names) with longest match. */
#ifndef JINGDU_ENTITY_NTAB_H
#define JINGDU_ENTITY_NTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "entity_private.h"

struct smap_slot {
	const char *key; /* borrowed: must outlive the map */
	size_t len;
	uint64_t hash;
	size_t val;
};
struct smap {
	struct smap_slot *slots;
	size_t cap, n;
};
void smap_init(struct smap *m);
void smap_fini(struct smap *m);
size_t *smap_get(struct smap *m, const char *s, size_t n);
/* Insert (s, n) → val when absent; returns the value slot (existing or new). */
size_t *smap_put(struct smap *m, const char *s, size_t n, size_t val, bool *added);

#define NT_IGNORE 6 /* entry type: a name the user ignores (acts as a blocker) */

struct ntab_entry {
	char *s; /* surface form (owned) */
	size_t n;
	int type;       /* enum entity_type, GAZ_BLOCK or NT_IGNORE */
	char *canon;    /* identity of the entity it names (owned) */
	size_t canon_n; /* strlen(canon) */
	int prio;       /* higher wins when the same surface is added twice */
};
struct ntab {
	struct ntab_entry *e;
	size_t n, cap;
	struct smap index;
	/* what ntab_match and ntab_may_start see: the entries as they were at the last
	 * ntab_finish, sorted by bytes (surface borrowed, identity copied). ntab_add does not
	 * touch it, so one thread may match while another adds. */
	struct ntab_entry *snap;
	size_t n_snap;
	struct gaz_first *first;
	size_t n_first;
	uint8_t bits[65536 / 8];
};
void ntab_init(struct ntab *t);
void ntab_fini(struct ntab *t);
/* Add or (with a higher prio) replace an entry; returns true when it changed the table. */
bool ntab_add(struct ntab *t, const char *s, size_t n, int type, const char *canon, int prio);
const struct ntab_entry *ntab_get(const struct ntab *t, const char *s, size_t n);
/* Build the lookup index (the snapshot ntab_match reads): entries added later are matched
 * only after the next ntab_finish. */
void ntab_finish(struct ntab *t);
/* Could an entry start with code point cp? (false: ntab_match finds nothing there) */
static inline bool
ntab_may_start(const struct ntab *t, uint32_t cp)
{
	return t->n_first && (cp >= 65536 || (t->bits[cp >> 3] & (1u << (cp & 7))));
}
/* Longest entry at text[pos] (Latin entries on word boundaries); 0 when none. */
size_t ntab_match(const struct ntab *t, const char *text, size_t len, size_t pos,
		  const struct ntab_entry **out);

/* ---- the user's entity list (entity_user.c) ---- */
struct user_type {
	char *canon;
	int type;
};
struct user_list {
	struct user_type *types; /* retyped entities, by canonical key */
	size_t n_types, cap_types;
	struct diag *warnings;
	size_t n_warnings, cap_warnings;
};
/* The list's path from the options, $JINGDU_ENTITIES or the default (NULL: none). */
char *user_list_path(const struct entity_opts *o, bool *explicit_path);
/* Read the list named by the options into the name table; problems become warnings. */
void user_list_load(struct user_list *u, struct ntab *nt, const struct entity_opts *o);
void user_list_parse(struct user_list *u, struct ntab *nt, const char *file, const char *text,
		     size_t len);
void user_list_retype(struct user_list *u, const char *canon, int type);
void user_list_fini(struct user_list *u);

#endif
