/* ini.c — the safe INI reader and the warning list (see ini.h for the dialect). */
#include "jingdu/ini.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void
ini_warnings_init(struct ini_warnings *w)
{
	memset(w, 0, sizeof(*w));
}

void
ini_warnings_fini(struct ini_warnings *w)
{
	size_t i;

	if (!w)
		return;
	for (i = 0; i < w->n; i++) {
		free(w->v[i].file);
		free(w->v[i].key);
		free(w->v[i].msg);
	}
	free(w->v);
	memset(w, 0, sizeof(*w));
}

void
ini_warn(struct ini_warnings *w, const char *file, int line, const char *key, const char *fmt, ...)
{
	struct ini_warning *x;
	struct buf b;
	va_list ap;
	char tmp[1024];

	if (!w)
		return;
	if (w->n >= INI_MAX_WARNINGS) {
		w->dropped++;
		return;
	}
	w->v = xgrow(w->v, &w->cap, w->n + 1, sizeof(*w->v));
	x = &w->v[w->n++];
	x->file = xstrdup(file ? file : "");
	x->line = line;
	x->key = xstrdup(key ? key : "");
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	buf_init(&b);
	buf_adds(&b, tmp);
	x->msg = buf_take(&b);
}

void
ini_warning_format(const struct ini_warning *x, struct buf *b)
{
	buf_adds(b, x->file);
	if (x->line > 0)
		buf_addf(b, ":%d", x->line);
	buf_adds(b, ": ");
	if (x->key[0])
		buf_addf(b, "%s: ", x->key);
	buf_adds(b, x->msg);
}

void
ini_init(struct ini *ini)
{
	memset(ini, 0, sizeof(*ini));
}

void
ini_fini(struct ini *ini)
{
	size_t i;

	if (!ini)
		return;
	for (i = 0; i < ini->n; i++) {
		free(ini->v[i].section);
		free(ini->v[i].key);
		free(ini->v[i].value);
	}
	free(ini->v);
	memset(ini, 0, sizeof(*ini));
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static bool
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-' || c == '.';
}

/* Is s[0..n) valid UTF-8 (no overlongs, surrogates, > U+10FFFF)? */
static bool
utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];
		size_t len, k;
		unsigned long cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (n - i < len)
			return false;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += len;
	}
	return true;
}

/* A short, printable excerpt of a bad line to name it in a warning. */
static char *
excerpt(const char *s, size_t n)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		/* Stop at 40 bytes, never inside a UTF-8 sequence. */
		if (b.len >= 40 && (c & 0xc0) != 0x80)
			break;
		buf_addc(&b, c < 0x20 || c == 0x7f ? '?' : (char)c);
	}
	if (i < n)
		buf_adds(&b, "…");
	return buf_take(&b);
}

static char *
lower_dup(const char *s, size_t n)
{
	char *d = xstrndup(s, n);
	size_t i;

	for (i = 0; i < n; i++)
		if (d[i] >= 'A' && d[i] <= 'Z')
			d[i] += 'a' - 'A';
	return d;
}

static void
ini_add(struct ini *ini, const char *section, char *key, char *value, int line)
{
	struct ini_entry *e;

	ini->v = xgrow(ini->v, &ini->cap, ini->n + 1, sizeof(*ini->v));
	e = &ini->v[ini->n++];
	e->section = xstrdup(section);
	e->key = key;
	e->value = value;
	e->line = line;
}

/* Position of an inline comment in an unquoted value v[0..n), or n. */
static size_t
comment_start(const char *v, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++) {
		if (!is_blank(v[i - 1]))
			continue;
		if (v[i] == ';')
			return i;
		if (v[i] == '#' && (i + 1 == n || is_blank(v[i + 1])))
			return i;
	}
	return n;
}

/* Index of (section, key) -> last entry, to report duplicates in linear time. */
struct dup_index {
	size_t *slot; /* entry index + 1; 0 = empty */
	size_t cap;   /* power of two */
	size_t used;
};

static size_t
dup_hash(const char *section, const char *key)
{
	size_t h = 1469598103934665603u;

	for (; *section; section++)
		h = (h ^ (unsigned char)*section) * 1099511628211u;
	h = (h ^ 0xff) * 1099511628211u;
	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 1099511628211u;
	return h;
}

/* Returns the previous entry with the same section and key (or NULL), and records e. */
static const struct ini_entry *
dup_check(struct dup_index *d, const struct ini *ini, size_t e)
{
	const struct ini_entry *x = &ini->v[e];
	size_t i, mask;

	if (d->used * 2 >= d->cap) {
		size_t *old = d->slot, oldcap = d->cap, k;

		d->cap = d->cap ? d->cap * 2 : 64;
		d->slot = xcalloc(d->cap, sizeof(*d->slot));
		d->used = 0;
		for (k = 0; k < oldcap; k++) {
			if (old[k]) {
				const struct ini_entry *y = &ini->v[old[k] - 1];

				mask = d->cap - 1;
				for (i = dup_hash(y->section, y->key) & mask; d->slot[i];
				     i = (i + 1) & mask)
					;
				d->slot[i] = old[k];
				d->used++;
			}
		}
		free(old);
	}
	mask = d->cap - 1;
	for (i = dup_hash(x->section, x->key) & mask; d->slot[i]; i = (i + 1) & mask) {
		const struct ini_entry *y = &ini->v[d->slot[i] - 1];

		if (strcmp(y->key, x->key) == 0 && strcmp(y->section, x->section) == 0) {
			d->slot[i] = e + 1;
			return y;
		}
	}
	d->slot[i] = e + 1;
	d->used++;
	return NULL;
}

static void
parse_line(struct ini *ini, const char *label, int lineno, const char *s, size_t n, char **section,
	   bool *section_ok, struct dup_index *dups, struct ini_warnings *w)
{
	const char *eq, *k, *v;
	size_t kn, vn, i;
	char *key, *ex;

	while (n && is_blank(*s)) {
		s++;
		n--;
	}
	while (n && is_blank(s[n - 1]))
		n--;
	if (n == 0 || s[0] == ';' || s[0] == '#')
		return;
	if (s[0] == '[') {
		const char *close = memchr(s, ']', n);
		const char *name;
		size_t nn, rest;

		ex = excerpt(s, n);
		if (!close) {
			ini_warn(w, label, lineno, ex, "section line without ']'");
			*section_ok = false;
			free(ex);
			return;
		}
		rest = n - (size_t)(close + 1 - s);
		for (i = 0; i < rest; i++)
			if (!is_blank(close[1 + i]))
				break;
		if (i < rest && close[1 + i] != ';' && close[1 + i] != '#') {
			ini_warn(w, label, lineno, ex, "text after the section name");
			*section_ok = false;
			free(ex);
			return;
		}
		name = s + 1;
		nn = (size_t)(close - name);
		while (nn && is_blank(*name)) {
			name++;
			nn--;
		}
		while (nn && is_blank(name[nn - 1]))
			nn--;
		for (i = 0; i < nn; i++)
			if (!is_name_char(name[i]))
				break;
		if (nn == 0 || i < nn) {
			ini_warn(w, label, lineno, ex,
				 nn == 0
				     ? "empty section name"
				     : "bad section name (letters, digits, _ - . only); its keys "
				       "are ignored");
			*section_ok = false;
			free(ex);
			return;
		}
		free(ex);
		free(*section);
		*section = lower_dup(name, nn);
		*section_ok = true;
		ini_add(ini, *section, NULL, NULL, lineno);
		return;
	}
	eq = memchr(s, '=', n);
	if (!eq) {
		ex = excerpt(s, n);
		ini_warn(w, label, lineno, ex, "not a 'key = value' line");
		free(ex);
		return;
	}
	k = s;
	kn = (size_t)(eq - s);
	while (kn && is_blank(k[kn - 1]))
		kn--;
	if (kn == 0) {
		ex = excerpt(s, n);
		ini_warn(w, label, lineno, ex, "no key name before '='");
		free(ex);
		return;
	}
	for (i = 0; i < kn; i++)
		if (!is_name_char(k[i]))
			break;
	if (i < kn) {
		ex = excerpt(k, kn);
		ini_warn(w, label, lineno, ex, "bad key name (letters, digits, _ - . only)");
		free(ex);
		return;
	}
	if (!*section_ok)
		return; /* reported with its section line */
	key = lower_dup(k, kn);
	v = eq + 1;
	vn = n - (size_t)(v - s);
	while (vn && is_blank(*v)) {
		v++;
		vn--;
	}
	if (vn >= 1 && v[0] == '"' && !(vn == 1)) {
		const char *q = memchr(v + 1, '"', vn - 1);

		if (!q) {
			ini_warn(w, label, lineno, key, "missing closing quote");
			free(key);
			return;
		}
		for (i = (size_t)(q - v) + 1; i < vn; i++)
			if (!is_blank(v[i]))
				break;
		if (i < vn && v[i] != ';' && v[i] != '#') {
			ini_warn(w, label, lineno, key, "text after the closing quote");
			free(key);
			return;
		}
		vn = (size_t)(q - v) - 1;
		v++;
	} else {
		vn = comment_start(v, vn);
		while (vn && is_blank(v[vn - 1]))
			vn--;
	}
	ini_add(ini, *section, key, xstrndup(v, vn), lineno);
	{
		const struct ini_entry *prev = dup_check(dups, ini, ini->n - 1);

		if (prev)
			ini_warn(w, label, lineno, key,
				 "set twice (also on line %d); this one counts", prev->line);
	}
}

void
ini_parse(struct ini *ini, const char *label, const char *text, size_t len, struct ini_warnings *w)
{
	char *section = xstrdup("");
	bool section_ok = true;
	size_t pos = 0;
	int lineno = 0;
	struct dup_index dups = {NULL, 0, 0};

	if (!label)
		label = "(config)";
	/* A UTF-8 byte order mark is allowed at the start. */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	while (pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos;

		pos += n + (nl ? 1 : 0);
		lineno++;
		if (n > INI_MAX_LINE) {
			ini_warn(w, label, lineno, "", "line longer than %d bytes; ignored",
				 INI_MAX_LINE);
			continue;
		}
		if (memchr(line, '\0', n)) {
			ini_warn(w, label, lineno, "", "NUL byte in the line; ignored");
			continue;
		}
		if (!utf8_valid((const unsigned char *)line, n)) {
			ini_warn(w, label, lineno, "", "not valid UTF-8; ignored");
			continue;
		}
		parse_line(ini, label, lineno, line, n, &section, &section_ok, &dups, w);
	}
	free(dups.slot);
	free(section);
}

enum status
ini_read_file(const char *path, char **text, size_t *len)
{
	struct stat st;
	FILE *f;
	char *p;
	size_t n = 0, got;
	bool is_stdin = strcmp(path, "-") == 0;

	*text = NULL;
	*len = 0;
	if (!is_stdin) {
		if (stat(path, &st) != 0)
			return errno == EACCES ? ERR_ACCESS : ERR_NOENT;
		if (S_ISDIR(st.st_mode))
			return ERR_ISDIR;
		if (S_ISREG(st.st_mode) && st.st_size > INI_MAX_FILE)
			return ERR_TOOBIG;
		f = fopen(path, "rb");
		if (!f)
			return errno == EACCES ? ERR_ACCESS : ERR_NOENT;
	} else {
		f = stdin;
	}
	p = xmalloc(INI_MAX_FILE + 2);
	while (n <= INI_MAX_FILE) {
		got = fread(p + n, 1, INI_MAX_FILE + 1 - n, f);
		if (got == 0)
			break;
		n += got;
	}
	if (ferror(f) || n > INI_MAX_FILE) {
		enum status s = n > INI_MAX_FILE ? ERR_TOOBIG : ERR_IO;

		if (!is_stdin)
			fclose(f);
		free(p);
		return s;
	}
	if (!is_stdin)
		fclose(f);
	p[n] = '\0';
	*text = xrealloc(p, n + 1);
	*len = n;
	return OK;
}

enum status
ini_load(struct ini *ini, const char *path, struct ini_warnings *w)
{
	char *text;
	size_t len;
	enum status s = ini_read_file(path, &text, &len);

	if (s != OK)
		return s;
	ini_parse(ini, path, text, len, w);
	free(text);
	return OK;
}

bool
ini_parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = {"on", "yes", "true", "1"};
	static const char *const no[] = {"off", "no", "false", "0"};
	size_t i, n;

	if (!s)
		return false;
	n = strlen(s);
	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		if (n == strlen(yes[i]) && strncasecmp_ascii(s, yes[i], n) == 0) {
			*out = true;
			return true;
		}
		if (n == strlen(no[i]) && strncasecmp_ascii(s, no[i], n) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}

bool
ini_parse_int(const char *s, long *out)
{
	char *end;
	long v;

	if (!s || !*s || !(s[0] == '-' || s[0] == '+' || (s[0] >= '0' && s[0] <= '9')))
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s)
		return false;
	*out = v;
	return true;
}
