/* entity_user.c — the user's entity list: a text file of lines
 *	TYPE name [= alias, alias …]   add an entity (or extend a known one) with its aliases
 *	alias name = alias, alias …     merge names into an entity (its type stays)
 *	type name TYPE                  retype the entity that name belongs to
 *	ignore name                     never treat this exact text as an entity
 * '#' starts a comment line. Problems are warnings ("file:line: …"), never fatal. */
#include "entity_ntab.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "jingdu/util.h"

#define USER_PRIO 3

static void
warn(struct user_list *u, const char *file, int line, const char *msg, const char *arg)
{
	struct diag *d;

	u->warnings = xgrow(u->warnings, &u->cap_warnings, u->n_warnings + 1, sizeof(*u->warnings));
	d = &u->warnings[u->n_warnings++];
	diag_set(d, file, line, "%s%s%s", msg, arg ? ": " : "", arg ? arg : "");
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		*--e = '\0';
	return s;
}

/* The identity (canonical key) an existing name belongs to, as a fresh string: a name already
 * in the table, else its gazetteer entity; NULL for a new name. Sets *type when found. */
static char *
canon_dup(const struct ntab *nt, const char *s, size_t n, int *type)
{
	size_t key;
	const struct ntab_entry *e = ntab_get(nt, s, n);

	if (e && e->type != NT_IGNORE && e->type != GAZ_BLOCK) {
		*type = e->type;
		return xstrdup(e->canon);
	}
	key = gaz_key_find(s, n);
	if (key != NPOS && gaz_key_info[key].type != GAZ_BLOCK) {
		size_t g = gaz_key_info[key].group;

		*type = gaz_group_type[g];
		return xstrndup(gaz_group_str + gaz_group_off[g],
				gaz_group_off[g + 1] - gaz_group_off[g]);
	}
	return NULL;
}

static size_t
split_names(char *list, char **out, size_t max)
{
	size_t n = 0;
	char *p = list;

	while (p && n < max) {
		char *comma = strchr(p, ',');
		char *full = strstr(p, "，");
		char *name;

		if (full && (!comma || full < comma)) {
			*full = '\0';
			name = trim(p);
			p = full + strlen("，");
		} else if (comma) {
			*comma = '\0';
			name = trim(p);
			p = comma + 1;
		} else {
			name = trim(p);
			p = NULL;
		}
		if (*name)
			out[n++] = name;
	}
	return n;
}

static void
add_names(struct user_list *u, struct ntab *nt, char **names, size_t n, int type, bool keep_type)
{
	char *canon = NULL;
	int t = type;
	size_t i;

	for (i = 0; i < n && !canon; i++) {
		int found = -1;

		canon = canon_dup(nt, names[i], strlen(names[i]), &found);
		if (canon && keep_type)
			t = found;
	}
	if (!canon)
		canon = xstrdup(names[0]);
	if (t < 0)
		t = ENTITY_TERM;
	for (i = 0; i < n; i++)
		ntab_add(nt, names[i], strlen(names[i]), t, canon, USER_PRIO);
	if (!keep_type)
		user_list_retype(u, canon, t);
	free(canon);
}

void
user_list_retype(struct user_list *u, const char *canon, int type)
{
	size_t i;

	for (i = 0; i < u->n_types; i++)
		if (strcmp(u->types[i].canon, canon) == 0) {
			u->types[i].type = type;
			return;
		}
	u->types = xgrow(u->types, &u->cap_types, u->n_types + 1, sizeof(*u->types));
	u->types[u->n_types].canon = xstrdup(canon);
	u->types[u->n_types].type = type;
	u->n_types++;
}

void
user_list_fini(struct user_list *u)
{
	size_t i;

	for (i = 0; i < u->n_types; i++)
		free(u->types[i].canon);
	free(u->types);
	free(u->warnings);
	memset(u, 0, sizeof(*u));
}

void
user_list_parse(struct user_list *u, struct ntab *nt, const char *file, const char *text,
		size_t len)
{
	char *copy = xstrndup(text, len), *line = copy, *next;
	int ln = 0;

	for (; line; line = next) {
		char *s, *eq, *names[64], *word, *rest;
		size_t n;
		enum entity_type t;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		ln++;
		s = trim(line);
		if (!*s || *s == '#')
			continue;
		word = s;
		rest = word + strcspn(word, " \t");
		if (*rest)
			*rest++ = '\0';
		rest = trim(rest);
		if (strcmp(word, "ignore") == 0) {
			if (!*rest) {
				warn(u, file, ln, "ignore: no name given", NULL);
				continue;
			}
			ntab_add(nt, rest, strlen(rest), NT_IGNORE, rest, USER_PRIO + 1);
			continue;
		}
		if (strcmp(word, "type") == 0) {
			char *sp = rest + strlen(rest), *canon;
			int old = -1;

			while (sp > rest && sp[-1] != ' ' && sp[-1] != '\t')
				sp--;
			if (sp == rest || !entity_type_parse(sp, &t)) {
				warn(u, file, ln,
				     "type: expected \"type NAME TYPE\" (PER, ORG, PRODUCT, LOC, "
				     "TERM)",
				     rest);
				continue;
			}
			sp[-1] = '\0';
			s = trim(rest);
			canon = canon_dup(nt, s, strlen(s), &old);
			if (!canon) {
				canon = xstrdup(s);
				ntab_add(nt, s, strlen(s), (int)t, canon, USER_PRIO);
			}
			user_list_retype(u, canon, (int)t);
			free(canon);
			continue;
		}
		eq = strchr(rest, '=');
		if (eq)
			*eq++ = '\0';
		if (strcmp(word, "alias") == 0) {
			char *head = trim(rest);

			if (!*head || !eq) {
				warn(u, file, ln, "alias: expected \"alias NAME = ALIAS, ALIAS\"",
				     NULL);
				continue;
			}
			names[0] = head;
			n = 1 + split_names(eq, names + 1, ARRAY_SIZE(names) - 1);
			add_names(u, nt, names, n, -1, true);
			continue;
		}
		if (!entity_type_parse(word, &t)) {
			warn(u, file, ln,
			     "unknown line (expected TYPE NAME, alias, type or ignore)", word);
			continue;
		}
		names[0] = trim(rest);
		if (!*names[0]) {
			warn(u, file, ln, "no name given", NULL);
			continue;
		}
		n = 1 + (eq ? split_names(eq, names + 1, ARRAY_SIZE(names) - 1) : 0);
		add_names(u, nt, names, n, (int)t, false);
	}
	free(copy);
}

char *
user_list_path(const struct entity_opts *o, bool *explicit_path)
{
	const char *env;
	char *dir, *p;
	struct stat st;

	*explicit_path = true;
	if (o && o->no_user_list)
		return NULL;
	if (o && o->user_list)
		return xstrdup(o->user_list);
	env = getenv("JINGDU_ENTITIES");
	if (env && *env)
		return xstrdup(env);
	*explicit_path = false;
	dir = xdg_dir("config", false);
	if (!dir)
		return NULL;
	p = xasprintf("%s/entities.txt", dir);
	free(dir);
	if (stat(p, &st) != 0) {
		free(p);
		return NULL;
	}
	return p;
}

void
user_list_load(struct user_list *u, struct ntab *nt, const struct entity_opts *o)
{
	bool explicit_path;
	char *path = user_list_path(o, &explicit_path), *text = NULL;
	size_t len = 0;
	enum status st;

	if (!path)
		return;
	st = read_file(path, &text, &len);
	if (st != OK) {
		if (explicit_path)
			warn(u, path, 0, "cannot read the entity list", status_str(st));
		free(path);
		return;
	}
	user_list_parse(u, nt, path, text, len);
	free(text);
	free(path);
}
