/* readpos.c — last reading position per document (see readpos.h). */
#include "jingdu/readpos.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct rp_entry {
	size_t off, len;
	char *path;
};

static size_t
rp_load(const char *dir, struct rp_entry **out)
{
	char *file = xasprintf("%s/positions", dir), *text, *line, *next;
	struct rp_entry *e = NULL;
	size_t n = 0, cap = 0, len;

	*out = NULL;
	if (read_file(file, &text, &len) != OK) {
		free(file);
		return 0;
	}
	free(file);
	for (line = text; line && *line && n < READPOS_MAX; line = next) {
		char *tab1, *tab2, *endp;
		unsigned long long off, dlen;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		tab1 = strchr(line, '\t');
		tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
		if (!tab2 || tab2[1] != '/')
			continue;
		errno = 0;
		off = strtoull(line, &endp, 10);
		if (errno || endp != tab1)
			continue;
		dlen = strtoull(tab1 + 1, &endp, 10);
		if (errno || endp != tab2)
			continue;
		e = xgrow(e, &cap, n + 1, sizeof(*e));
		e[n].off = (size_t)off;
		e[n].len = (size_t)dlen;
		e[n].path = xstrdup(tab2 + 1);
		n++;
	}
	free(text);
	*out = e;
	return n;
}

static void
rp_free(struct rp_entry *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(e[i].path);
	free(e);
}

char *
readpos_key(const char *path)
{
	char buf[PATH_MAX];

	if (!path || strcmp(path, "-") == 0 || !realpath(path, buf))
		return NULL;
	if (strchr(buf, '\n') || strchr(buf, '\t'))
		return NULL;
	return xstrdup(buf);
}

/* The saved offset and length of key; false when unknown or not consistent. */
static bool
rp_lookup(const char *dir, const char *key, size_t *off, size_t *len)
{
	struct rp_entry *e;
	size_t n = rp_load(dir, &e), i;
	bool found = false;

	for (i = 0; i < n && !found; i++)
		if (strcmp(e[i].path, key) == 0 && e[i].off <= e[i].len) {
			*off = e[i].off;
			*len = e[i].len;
			found = true;
		}
	rp_free(e, n);
	return found;
}

bool
readpos_get(const char *dir, const char *key, size_t len, size_t *off)
{
	size_t o, l;

	if (!rp_lookup(dir, key, &o, &l) || l != len)
		return false;
	*off = o;
	return true;
}

bool
readpos_peek(const char *dir, const char *key, size_t *off)
{
	size_t l;

	return rp_lookup(dir, key, off, &l);
}

enum status
readpos_set(const char *dir, const char *key, size_t len, size_t off)
{
	struct rp_entry *e;
	size_t n, i;
	char *file, *tmp;
	FILE *f;
	int bad;

	if (!key || key[0] != '/' || strchr(key, '\n') || strchr(key, '\t'))
		return ERR_USAGE;
	n = rp_load(dir, &e);
	file = xasprintf("%s/positions", dir);
	tmp = xasprintf("%s/positions.%ld.tmp", dir, (long)getpid());
	f = fopen(tmp, "w");
	if (!f) {
		enum status st = errno == EACCES || errno == EROFS ? ERR_READONLY : ERR_IO;

		rp_free(e, n);
		free(file);
		free(tmp);
		return st;
	}
	fprintf(f, "%zu\t%zu\t%s\n", off, len, key);
	for (i = 0; i < n && i + 1 < READPOS_MAX; i++)
		if (strcmp(e[i].path, key) != 0)
			fprintf(f, "%zu\t%zu\t%s\n", e[i].off, e[i].len, e[i].path);
	bad = ferror(f);
	bad |= fclose(f) != 0;
	if (bad || rename(tmp, file) != 0) {
		unlink(tmp);
		bad = 1;
	}
	rp_free(e, n);
	free(file);
	free(tmp);
	return bad ? ERR_IO : OK;
}

char *
readpos_last(const char *dir)
{
	struct rp_entry *e;
	size_t n = rp_load(dir, &e), i;
	char *last = NULL;

	for (i = 0; i < n && !last; i++)
		if (access(e[i].path, R_OK) == 0)
			last = xstrdup(e[i].path);
	rp_free(e, n);
	return last;
}
