/* doc_load.c — reading and normalizing a document's bytes: encoding detection and conversion
 * (UTF-16 by BOM, legacy CJK encodings by uchardet when the bytes are not UTF-8), BOM
 * stripping, invalid UTF-8 and NUL repair (U+FFFD, counted), CR LF / CR → LF, NFC. The result
 * is the text every offset in the program refers to. */
#include "jingdu/doc.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <uchardet/uchardet.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "doc_private.h"

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

/* Binary: NULs (outside UTF-16) in more than 1% of the first 64 KiB, or control bytes that
 * text never has in more than 10% of it. */
static bool
looks_binary(const char *s, size_t n)
{
	size_t i, m = MIN(n, (size_t)65536), nul = 0, ctl = 0;

	for (i = 0; i < m; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0)
			nul++;
		else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b)
			ctl++;
	}
	return (nul >= 4 && (nul + ctl) * 20 > m) || ctl * 10 > m;
}

static char *
convert(const char *from, const char *s, size_t n, size_t *outlen)
{
	iconv_t cd = iconv_open("UTF-8", from);
	size_t cap = n * 2 + 16, left_in = n, left_out;
	char *out, *ip = (char *)(uintptr_t)s, *op;

	if (cd == (iconv_t)-1)
		return NULL;
	out = xmalloc(cap);
	op = out;
	left_out = cap;
	while (left_in > 0) {
		if (iconv(cd, &ip, &left_in, &op, &left_out) == (size_t)-1) {
			size_t used = (size_t)(op - out);

			if (errno == E2BIG) {
				cap *= 2;
				out = xrealloc(out, cap);
				op = out + used;
				left_out = cap - used;
				continue;
			}
			/* invalid or truncated input: emit U+FFFD and skip one byte */
			if (left_out < 4) {
				cap *= 2;
				out = xrealloc(out, cap);
				op = out + used;
				left_out = cap - used;
			}
			memcpy(op, REPLACEMENT, 3);
			op += 3;
			left_out -= 3;
			ip++;
			left_in--;
		}
	}
	iconv_close(cd);
	*outlen = (size_t)(op - out);
	return out;
}

/* Which encoding are these bytes in? NULL for UTF-8 (or nothing better known). */
static const char *
detect_encoding(const char *s, size_t n, const char *forced)
{
	static char found[64];
	size_t bad = 0, nonascii = 0, i = 0, m = MIN(n, (size_t)(1 << 20));
	uchardet_t ud;
	const char *cs;

	if (forced && *forced && strcasecmp(forced, "UTF-8") != 0 && strcasecmp(forced, "UTF8") != 0)
		return forced;
	if (n >= 2 && (unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE)
		return "UTF-16LE";
	if (n >= 2 && (unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF)
		return "UTF-16BE";
	if (forced && *forced)
		return NULL;
	while (i < m) {
		const uint8_t *p = (const uint8_t *)s + i;

		if (*p < 0x80) {
			i++;
			continue;
		}
		nonascii++;
		{
			ucs4_t uc;
			int k = u8_mbtouc(&uc, p, m - i);

			if (uc == 0xFFFD && !(k == 3 && p[0] == 0xEF && p[1] == 0xBF && p[2] == 0xBD))
				bad++;
			i += (size_t)(k > 0 ? k : 1);
		}
	}
	/* Mostly valid UTF-8, or too little evidence: keep it and repair the bad bytes. */
	if (bad < 16 || bad * 4 < nonascii)
		return NULL;
	ud = uchardet_new();
	if (!ud)
		return NULL;
	if (uchardet_handle_data(ud, s, m) != 0) {
		uchardet_delete(ud);
		return NULL;
	}
	uchardet_data_end(ud);
	cs = uchardet_get_charset(ud);
	snprintf(found, sizeof(found), "%s", cs ? cs : "");
	uchardet_delete(ud);
	if (!found[0] || strcasecmp(found, "ASCII") == 0 || strcasecmp(found, "UTF-8") == 0)
		return NULL;
	/* GB2312 and GBK files often carry GB18030-only characters: read them all as GB18030. */
	if (strcasecmp(found, "GB2312") == 0 || strcasecmp(found, "GBK") == 0)
		return "GB18030";
	return found;
}

/* Length of the valid UTF-8 sequence at s (n bytes left, s[0] >= 0x80), 0 if invalid;
 * decodes into *cp. Rejects overlongs, surrogates and values above U+10FFFF. */
static int
utf8_valid(const unsigned char *s, size_t n, ucs4_t *cp)
{
	unsigned char c = s[0];

	if (c >= 0xC2 && c <= 0xDF) {
		if (n < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		*cp = ((ucs4_t)(c & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0))
			return 0;
		*cp = ((ucs4_t)(c & 0x0F) << 12) | ((ucs4_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
			return 0;
		*cp = ((ucs4_t)(c & 0x07) << 18) | ((ucs4_t)(s[1] & 0x3F) << 12) |
		      ((ucs4_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		return 4;
	}
	return 0;
}

/* May this code point change under NFC (NFC_Quick_Check No/Maybe, approximately)? */
static bool
maybe_not_nfc(ucs4_t c)
{
	if (c < 0x300)
		return false;
	/* fast path, no table look-up: CJK ideographs, kana, CJK punctuation, Hangul syllables
	 * and full-width forms never change (checked for every code point against the test
	 * below) — most of a CJK text */
	if ((c >= 0x3000 && c <= 0x9FFF && !(c >= 0x302A && c <= 0x302F) && c != 0x3099 &&
	     c != 0x309A) ||
	    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xFF00 && c <= 0xFFEF))
		return false;
	if (uc_combining_class(c) != 0)
		return true;
	return (c >= 0x1100 && c <= 0x11FF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x2F800 && c <= 0x2FA1F) || c == 0x340 || c == 0x341 || c == 0x343 ||
	       c == 0x344 || c == 0x374 || c == 0x37E || c == 0x387 || c == 0x2000 ||
	       c == 0x2001 || c == 0x2126 || c == 0x212A || c == 0x212B || c == 0x2329 ||
	       c == 0x232A || (c >= 0x1F71 && c <= 0x1FFD) || (c >= 0x3099 && c <= 0x309A) ||
	       (c >= 0x0F73 && c <= 0x0F81);
}

/* Append one line (no newline) to out, NFC-normalized when needed. */
static void
add_line_nfc(struct buf *out, const char *s, size_t n, bool needs_nfc)
{
	uint8_t *r;
	size_t rn = 0;

	if (!needs_nfc) {
		buf_add(out, s, n);
		return;
	}
	r = u8_normalize(UNINORM_NFC, (const uint8_t *)s, n, NULL, &rn);
	if (!r) {
		buf_add(out, s, n);
		return;
	}
	buf_add(out, (const char *)r, rn);
	free(r);
}

#define RELEASE_STEP ((size_t)2 << 20)

/* Give the whole 2 MiB steps of buf[from, to) back to the system: nobody reads them again
 * (they would read as zeros). Returns where the next release starts. */
static size_t
release_read(char *buf, size_t from, size_t to)
{
	uintptr_t a = ((uintptr_t)buf + from + RELEASE_STEP - 1) & ~(uintptr_t)(RELEASE_STEP - 1);
	uintptr_t e = ((uintptr_t)buf + to) & ~(uintptr_t)(RELEASE_STEP - 1);

	if (e <= a)
		return from;
	(void)madvise((void *)a, e - a, MADV_DONTNEED);
	return (size_t)(e - (uintptr_t)buf);
}

/* scratch: NULL, or in itself when the caller gives it up: then the bytes already read are
 * released as the text grows, so a file and its text are not held in full at once. */
static enum status
normalize(const char *in, size_t n, const char *encoding, struct doc *d, char *scratch)
{
	char *conv = NULL;
	const char *enc;
	struct buf out;
	size_t i = 0, line_start, released = 0;
	bool needs_nfc = false;

	if (n == 0)
		return ERR_EMPTY;
	/* binary first (UTF-16 is full of NULs, so a UTF-16 BOM or --encoding goes around it) */
	if (!(encoding && *encoding) && !(n >= 2 && (((unsigned char)in[0] == 0xFF && (unsigned char)in[1] == 0xFE) ||
						     ((unsigned char)in[0] == 0xFE && (unsigned char)in[1] == 0xFF))) &&
	    looks_binary(in, n))
		return ERR_BINARY;
	enc = detect_encoding(in, n, encoding);
	if (enc) {
		size_t cn;

		conv = convert(enc, in, n, &cn);
		if (!conv)
			return ERR_ENCODING;
		if (scratch)
			release_read(scratch, 0, n);
		in = scratch = conv;
		n = cn;
	}
	if (n >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0) {
		d->had_bom = true;
		i = 3;
	}
	buf_init(&out);
	out.s = xmalloc_huge(n + 1);
	out.cap = n + 1;
	out.s[0] = '\0';
	line_start = i;
	while (i < n) {
		unsigned char c = (unsigned char)in[i];

		if (c >= 0x20 && c < 0x80) {
			i++;
			continue;
		}
		if (c == '\n' || c == '\r') {
			add_line_nfc(&out, in + line_start, i - line_start, needs_nfc);
			buf_addc(&out, '\n');
			needs_nfc = false;
			if (c == '\r') {
				if (i + 1 < n && in[i + 1] == '\n')
					i++;
				d->had_crlf = true;
			}
			line_start = ++i;
			if (scratch && line_start - released >= 2 * RELEASE_STEP)
				released = release_read(scratch, released, line_start);
			continue;
		}
		if (c == 0) {
			add_line_nfc(&out, in + line_start, i - line_start, needs_nfc);
			buf_add(&out, REPLACEMENT, 3);
			d->n_nul++;
			d->n_invalid++;
			line_start = ++i;
			continue;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		{
			ucs4_t uc = 0;
			int k = utf8_valid((const unsigned char *)in + i, n - i, &uc);

			if (k == 0) {
				/* one U+FFFD per maximal invalid subpart, as u8_mbtouc measures it */
				k = u8_mbtouc(&uc, (const uint8_t *)in + i, n - i);
				add_line_nfc(&out, in + line_start, i - line_start, needs_nfc);
				buf_add(&out, REPLACEMENT, 3);
				d->n_invalid++;
				i += (size_t)(k > 0 ? k : 1);
				line_start = i;
				continue;
			}
			if (uc == 0xFEFF && i == line_start && out.len == 0) {
				/* a BOM that survived conversion (UTF-16 input) */
				d->had_bom = true;
				i += (size_t)k;
				line_start = i;
				continue;
			}
			if (!needs_nfc && uc >= 0x300 && maybe_not_nfc(uc))
				needs_nfc = true;
			i += (size_t)k;
		}
	}
	add_line_nfc(&out, in + line_start, n - line_start, needs_nfc);
	free(conv);
	d->len = out.len;
	d->text = buf_take(&out);
	return OK;
}

enum status
doc_normalize(const char *in, size_t n, const char *encoding, struct doc *d)
{
	return normalize(in, n, encoding, d, NULL);
}

enum status
doc_normalize_consume(char *in, size_t n, const char *encoding, struct doc *d)
{
	return normalize(in, n, encoding, d, in);
}

enum status
doc_load_file_head(const char *path, const char *encoding, size_t max, struct doc **out,
		   bool *whole)
{
	struct stat st;
	FILE *f;
	char *buf;
	size_t got, cut;
	enum status s;

	*out = NULL;
	*whole = true;
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size <= (unsigned long long)max || max < 4)
		return doc_load_file_enc(path, encoding, out);
	if (!(f = fopen(path, "rb")))
		return doc_load_file_enc(path, encoding, out); /* let it say why */
	buf = xmalloc(max);
	got = fread(buf, 1, max, f);
	fclose(f);
	for (cut = got; cut > 0 && buf[cut - 1] != '\n'; cut--)
		;
	/* UTF-16 has NULs beside its line ends: a cut there would split a character */
	if (got < max || cut == 0 || (buf[0] == '\xFF' && buf[1] == '\xFE') ||
	    (buf[0] == '\xFE' && buf[1] == '\xFF')) {
		free(buf);
		return doc_load_file_enc(path, encoding, out);
	}
	s = doc_load_buffer_enc(buf, cut, path, encoding, out);
	free(buf);
	if (s == OK)
		*whole = false;
	return s;
}
