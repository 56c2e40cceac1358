/* util.h — small shared helpers: allocation that never returns NULL, status codes with
 * messages, diagnostics, a growable byte buffer, and UTF-8 helpers that do not depend on the
 * locale. Owns nothing global except the die() hook. Never touches the terminal: die() calls
 * the registered hook (the UI registers endwin) before printing and exiting. */
#ifndef JINGDU_UTIL_H
#define JINGDU_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define NPOS ((size_t)-1)

/* Status codes: name, message. One table drives the enum and status_str(). */
#define STATUS_INFO(_) \
	_(OK, "ok") \
	_(ERR_NOENT, "no such file") \
	_(ERR_ISDIR, "is a directory") \
	_(ERR_ACCESS, "permission denied") \
	_(ERR_IO, "read error") \
	_(ERR_EMPTY, "file is empty") \
	_(ERR_BINARY, "binary file, not text") \
	_(ERR_TOOBIG, "file too large") \
	_(ERR_NOMEM, "out of memory") \
	_(ERR_ENCODING, "cannot convert encoding") \
	_(ERR_USAGE, "usage error") \
	_(ERR_PARSE, "parse error") \
	_(ERR_DB, "database error") \
	_(ERR_READONLY, "read-only storage") \
	_(ERR_EXISTS, "file exists") \
	_(ERR_NOTFOUND, "not found")

enum status {
#define STATUS_ENUM(name, msg) name,
	STATUS_INFO(STATUS_ENUM)
#undef STATUS_ENUM
};

const char *status_str(enum status s);

/* A diagnostic: where and what. file may be NULL. Strings are owned by the diag. */
struct diag {
	char file[512];
	int line;
	int col;
	char msg[512];
};
void diag_set(struct diag *d, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* die(): print "jingdu: msg" to stderr after running the hook, exit 1. */
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void die_set_hook(void (*hook)(void));

void *xmalloc(size_t n);
/* xmalloc for a large buffer about to be filled (a file, a text, a table): asks the kernel for
 * transparent huge pages, since first touching small pages is slow on virtual machines. */
void *xmalloc_huge(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow *p (an array of *cap elements of size sz) so it holds at least need elements. */
void *xgrow(void *p, size_t *cap, size_t need, size_t sz);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable NUL-terminated byte buffer. Embedded: buf_init/buf_fini. */
struct buf {
	char *s;
	size_t len;
	size_t cap;
};
void buf_init(struct buf *b);
void buf_fini(struct buf *b);
void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append s as the contents of a JSON string literal (with the quotes). */
void buf_add_json(struct buf *b, const char *s, size_t n);
char *buf_take(struct buf *b); /* returns the string (never NULL), leaves b empty */

/* Decode one UTF-8 code point at s (n bytes left, n > 0); the text is assumed valid
 * (documents are repaired at load). Returns bytes consumed (1..4). */
int utf8_decode(const char *s, size_t n, uint32_t *cp);
/* utf8_decode for the hot loops over a document's (valid) text: the same answers, with every
 * valid sequence decoded inline; anything else goes to utf8_decode. */
static inline int
utf8_decode_fast(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n >= 1 && u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (n >= 3 && (u[0] & 0xF0) == 0xE0) {
		*cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
		return 3;
	}
	if (n >= 2 && (u[0] & 0xE0) == 0xC0) {
		*cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
		return 2;
	}
	if (n >= 4 && (u[0] & 0xF8) == 0xF0) {
		*cp = ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
		      ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
		return 4;
	}
	return utf8_decode(s, n, cp);
}
/* Encode cp into out (4 bytes room); returns length. */
int utf8_encode(uint32_t cp, char *out);
/* Byte offset of the start of the code point before off (off > 0). */
size_t utf8_prev(const char *s, size_t off);
/* Number of code points in s[0..n). */
size_t utf8_count(const char *s, size_t n);

/* ASCII-only case-insensitive compare of n bytes (locale independent). */
int strncasecmp_ascii(const char *a, const char *b, size_t n);

/* Is cp Han, Hiragana, Katakana, Hangul, Bopomofo or CJK punctuation/fullwidth form? */
bool uc_is_cjk(uint32_t cp);
/* Han, kana or Hangul letters only (no punctuation). */
bool uc_is_cjk_letter(uint32_t cp);

/* Read a whole file (or stdin when path is "-") into a malloc'd buffer; sets *len.
 * Returns OK or ERR_* (errno mapped). Adds a terminating NUL not counted in len. */
enum status read_file(const char *path, char **out, size_t *len);

/* Locations: $XDG_*_HOME/jingdu, created on demand (mkdir -p). Returned strings are owned
 * by the caller. create=false only computes the path. */
char *xdg_dir(const char *kind, bool create); /* kind: "config", "data", "state" */

/* Directory of the running binary (for data found relative to it), owned by caller. */
char *exe_dir(void);

#endif
