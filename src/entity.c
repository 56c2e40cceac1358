/* entity.c — entity extraction: two passes over a document.
 *
 * Pass A (discovery) scans every non-code block with the built-in gazetteer (longest match,
 * blockers win and emit nothing), notes Latin tokens with their context, and runs the
 * detectors: quoted terms, transliterated names with '·', Chinese person names with context
 * cues or recurring, Japanese names with honorifics, organization suffixes, publishing
 * sources, the byline, and new-word discovery. Every name found goes into a runtime name table
 * (with the user's list). Pass B (tagging) scans again with gazetteer + name table, longest
 * match, and records every mention; mentions are then grouped into entities by identity.
 * The detectors share one decoding of each block per round (trig_fill / next_trig): each
 * jumps between the characters that can trigger it. Large documents run every stage in two
 * halves at once ("the document in two halves" below); docs/entities.md has the performance
 * notes. */
#include "jingdu/entity.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "entity_ntab.h"
#include "entity_private.h"
#include "jingdu/util.h"

#define DETECT_PRIO 1
#define MAX_NAMES 100000 /* detected names kept at most (adversarial text cannot grow more) */
#define BYLINE_PRIO 2
#define DISCOVERY_MAX_BYTES (1u << 20) /* new-word discovery reads at most the first 1 MB */
#define LARGE_DOC (256u << 10)         /* from this size on, hash indexes pay for themselves */

static const char *const type_str[] = {
#define ENTITY_TYPE_STR(name, str, label) str,
    ENTITY_TYPE_INFO(ENTITY_TYPE_STR)
#undef ENTITY_TYPE_STR
};
static const char *const type_label[] = {
#define ENTITY_TYPE_LABEL(name, str, label) label,
    ENTITY_TYPE_INFO(ENTITY_TYPE_LABEL)
#undef ENTITY_TYPE_LABEL
};

const char *
entity_type_str(enum entity_type t)
{
	return (unsigned)t < ENTITY_N_TYPES ? type_str[t] : "?";
}

const char *
entity_type_label(enum entity_type t)
{
	return (unsigned)t < ENTITY_N_TYPES ? type_label[t] : "?";
}

bool
entity_type_parse(const char *s, enum entity_type *out)
{
	size_t i;

	for (i = 0; i < ENTITY_N_TYPES; i++) {
		if (strlen(s) == strlen(type_str[i]) &&
		    strncasecmp_ascii(s, type_str[i], strlen(s)) == 0) {
			*out = (enum entity_type)i;
			return true;
		}
	}
	return false;
}

/* ---- the set ----------------------------------------------------------------------------- */

struct entity_set {
	struct entity *ents;
	size_t n_ents;
	/* the mentions, in text order: mentions[0, n_lo), then more[0, n_mentions - n_lo) (the
	 * second half's, when extraction ran in two halves; see ment()) */
	struct entity_mention *mentions, *more;
	size_t n_mentions, n_lo;
	uint32_t *idx; /* every entity's mention indices, one after another (entity.mentions) */
	size_t n_sections;
	size_t *sec_first; /* mentions of section i: [sec_first[i], sec_first[i + 1]) */
	struct diag *warnings;
	size_t n_warnings;
};

static inline const struct entity_mention *
ment(const struct entity_set *s, size_t i)
{
	return i < s->n_lo ? &s->mentions[i] : &s->more[i - s->n_lo];
}

/* ---- character classes -------------------------------------------------------------------- */

/* One table over the BMP answers every per-character question the scanning loops ask (built
 * once; a code point above U+FFFF takes the slow path with the same answers). */
enum {
	C_HAN = 1u << 0,        /* is_han */
	C_KANA = 1u << 1,       /* is_kana */
	C_UCCJK = 1u << 2,      /* uc_is_cjk_letter */
	C_STOP = 1u << 3,       /* never starts or ends a name or term */
	C_INNER = 1u << 4,      /* never inside a person name */
	C_HARD = 1u << 5,       /* ends a run read back over */
	C_SURNAME = 1u << 6,    /* a single surname or the first character of a double one */
	C_SURNAME1 = 1u << 7,   /* a single surname */
	C_SURNAME2 = 1u << 8,   /* the first character of a double surname */
	C_TRANSLIT = 1u << 9,   /* a transliteration character */
	C_GIVEN1 = 1u << 10,    /* a one-character given name */
	C_GIVENF = 1u << 11,    /* first character of two-character given names */
	C_GIVENL = 1u << 12,    /* last character of two-character given names */
	C_DOT = 1u << 13,       /* the '·' of transliterated names */
	C_JASURNAME = 1u << 14, /* first character of a Japanese surname */
	C_PLACESUF = 1u << 15,  /* a place suffix may start here */
	C_ORGSUF = 1u << 16,    /* an organization suffix (strong or weak) may start here */
	C_SOURCE = 1u << 17,    /* a publishing-source cue may start here */
};
static uint32_t cls_tab[65536];

static const char stop_chars[] =
    "的了是在和与及或也都而就之其这那一不有为以等个们中上下到对说会能要把被让从向给又还很更"
    "最已将并但却所如若此些么吗呢啊吧年月日时后前里外内来去过着得地每各该本某多少几两三四五六"
    "七八九十百千万亿第次既即则因于由自被让使令很太再才只可当跟同比像并且而且或者全我你他她它您家"
    "、，。：；！？（）《》“”「」";
static const char inner_chars[] =
    "的了是在和与及或也都而就之其这那不有为以等个们到对说会能要把被让从向给又还很更最已将并但却"
    "所此些么吗呢啊吧每各该某几次既即则因使令只当跟比像年月日时后前里外内来去过着得地上下中大小"
    "多少第我你他她它您";
/* Characters that end a run an organization or place name is read back over (hard stops). */
static const char hard_chars[] = "的了是在和与及或也都而就把被将对从向给让等这那其该各每个们";

static void
cls_mark(uint32_t cp, uint32_t bit)
{
	if (cp < 65536)
		cls_tab[cp] |= bit;
}

static void
cls_fill(uint32_t lo, uint32_t hi, uint32_t bit)
{
	uint32_t cp;

	for (cp = lo; cp <= hi; cp++)
		cls_tab[cp] |= bit;
}

static void
cls_from_str(const char *s, uint32_t bit)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);

		cls_mark(cp, bit);
		i += (size_t)k;
	}
}

static void
cls_from_set(const uint32_t *set, size_t n, uint32_t bit)
{
	size_t i;

	for (i = 0; i < n; i++)
		cls_mark(set[i], bit);
}

/* The first code point of each string of a blob. */
static void
cls_from_blob_first(const char *str, const uint32_t *off, size_t n, uint32_t bit)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint32_t cp;

		if (off[i + 1] > off[i]) {
			utf8_decode(str + off[i], off[i + 1] - off[i], &cp);
			cls_mark(cp, bit);
		}
	}
}

static bool
is_dot(uint32_t cp)
{
	return cp == 0xB7 || cp == 0x30FB || cp == 0x2022 || cp == 0x2027 || cp == 0xFF65;
}

static void
classes_init(void)
{
	/* the letter ranges, filled a range at a time (this runs on first use) */
	memset(cls_tab, 0, sizeof(cls_tab));
	cls_fill(0x4E00, 0x9FFF, C_HAN | C_UCCJK);
	cls_fill(0x3400, 0x4DBF, C_HAN | C_UCCJK);
	cls_fill(0xF900, 0xFAFF, C_HAN | C_UCCJK);
	cls_fill(0x3040, 0x30FF, C_UCCJK);
	cls_tab[0x30FB] &= ~(uint32_t)C_UCCJK;
	cls_fill(0x3041, 0x30FA, C_KANA);
	cls_tab[0x30FB] &= ~(uint32_t)C_KANA;
	cls_tab[0x30FC] |= C_KANA;
	cls_fill(0x31F0, 0x31FF, C_UCCJK);
	cls_fill(0xAC00, 0xD7A3, C_UCCJK);
	cls_fill(0x3130, 0x318F, C_UCCJK);
	cls_fill(0x3100, 0x312F, C_UCCJK);
	cls_fill(0x1100, 0x11FF, C_UCCJK);
	cls_tab[0x3005] |= C_HAN | C_UCCJK;
	cls_tab[0x3007] |= C_UCCJK;
	cls_mark(0xB7, C_DOT);
	cls_mark(0x30FB, C_DOT);
	cls_mark(0x2022, C_DOT);
	cls_mark(0x2027, C_DOT);
	cls_mark(0xFF65, C_DOT);
	gaz_cue_mark_first(CUE_PLACESUFFIX, cls_tab, C_PLACESUF);
	gaz_cue_mark_first(CUE_SUFFIX, cls_tab, C_ORGSUF);
	gaz_cue_mark_first(CUE_WEAKSUFFIX, cls_tab, C_ORGSUF);
	gaz_cue_mark_first(CUE_SOURCE, cls_tab, C_SOURCE);
	cls_from_str(stop_chars, C_STOP);
	cls_from_str(inner_chars, C_INNER);
	cls_from_str(hard_chars, C_HARD);
	cls_from_set(gaz_translit, gaz_translit_n, C_TRANSLIT);
	cls_from_set(gaz_surname1, gaz_surname1_n, C_SURNAME | C_SURNAME1);
	cls_from_blob_first(gaz_surname2_str, gaz_surname2_off, gaz_surname2_n,
			    C_SURNAME | C_SURNAME2);
	cls_from_set(gaz_given1, gaz_given1_n, C_GIVEN1);
	cls_from_set(gaz_given_first, gaz_given_first_n, C_GIVENF);
	cls_from_set(gaz_given_last, gaz_given_last_n, C_GIVENL);
	cls_from_blob_first(gaz_ja_surname_str, gaz_ja_surname_off, gaz_ja_surname_n, C_JASURNAME);
}

/* Class bits of a BMP code point; 0 above the BMP (callers test the slow path there). */
static inline uint32_t
cls_of(uint32_t cp)
{
	return cp < 65536 ? cls_tab[cp] : 0;
}

/* Is cp in one of the class sets built from character strings (stop, inner, hard,
 * surname-start, translit bitmaps)? Those hold BMP characters only. */
static inline bool
in_cls(uint32_t cp, uint32_t bit)
{
	return cp < 65536 && (cls_tab[cp] & bit);
}

/* Is cp in one of the sorted code point lists (which may hold characters above the BMP)? */
static inline bool
in_list(uint32_t cp, uint32_t bit, const uint32_t *set, size_t n)
{
	return cp < 65536 ? (cls_tab[cp] & bit) != 0 : gaz_cp_in(set, n, cp);
}

/* Could a cue of a kind start with cp (above the BMP: maybe, as gaz_cue_may_start says)? */
static inline bool
may_start(uint32_t cp, uint32_t bit)
{
	return cp >= 65536 || (cls_tab[cp] & bit);
}

/* Han, kana or Hangul letter (uc_is_cjk_letter, inline for the scanning loops). */
static inline bool
cjk_letter(uint32_t cp)
{
	if (cp < 0x3040)
		return false;
	return cp < 65536 ? (cls_tab[cp] & C_UCCJK) != 0 : uc_is_cjk_letter(cp);
}

static inline bool
is_cjk_letter(uint32_t cp)
{
	return cp < 65536 ? (cls_tab[cp] & C_UCCJK) != 0 : uc_is_cjk_letter(cp);
}

static inline bool
is_han(uint32_t cp)
{
	return cp < 65536 ? (cls_tab[cp] & C_HAN) != 0 : (cp >= 0x20000 && cp <= 0x2FFFF);
}

static inline bool
is_kana(uint32_t cp)
{
	return cp < 65536 && (cls_tab[cp] & C_KANA);
}

/* A character of a katakana word: katakana or the long-vowel mark ー. */
static inline bool
is_katakana_word(uint32_t cp)
{
	return (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC;
}

static bool
is_alpha(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool
is_alnum(unsigned char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

/* Decode the code point at pos (the document's text is valid UTF-8); *k gets its length, 0 at
 * the end. Inline: every detector walks the text with it. */
static inline uint32_t
cp_at(const char *t, size_t len, size_t pos, int *k)
{
	const unsigned char *p = (const unsigned char *)t + pos;
	uint32_t cp = 0;

	if (pos >= len) {
		*k = 0;
		return 0;
	}
	if (p[0] < 0x80) {
		*k = 1;
		return p[0];
	}
	if ((p[0] & 0xE0) == 0xC0 && pos + 1 < len) {
		*k = 2;
		return (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
	}
	if ((p[0] & 0xF0) == 0xE0 && pos + 2 < len) {
		*k = 3;
		return (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
	}
	*k = utf8_decode_fast(t + pos, len - pos, &cp);
	return cp;
}

/* Byte offset n code points after pos (stops at len). */
static size_t
advance(const char *t, size_t len, size_t pos, size_t n)
{
	while (n-- && pos < len) {
		int k;

		cp_at(t, len, pos, &k);
		pos += (size_t)k;
	}
	return pos;
}

/* Does hay[0, hn) hold needle[0, nn) (a character in a list of them)? */
static bool
bytes_contain(const char *hay, size_t hn, const char *needle, size_t nn)
{
	size_t i;

	for (i = 0; i + nn <= hn; i++)
		if (memcmp(hay + i, needle, nn) == 0)
			return true;
	return false;
}

/* ---- extraction state --------------------------------------------------------------------- */

struct span {
	size_t start, end;
	int type;     /* entity type, or -1 for an unknown Latin token */
	uint32_t seq; /* pending spans: the order they were found in (breaks ties) */
};

/* One of pass A's matches, 8 bytes (there is one every few characters): its position as the
 * distance from the previous one, the gazetteer key + 1 (0: the gazetteer had none there)
 * and how far pass A skipped (at most 255 bytes: the longest key or name). */
struct gaz_hit {
	uint32_t delta;
	uint32_t info; /* key + 1 in the low HIT_KEY_BITS, skip above */
};
#define HIT_CHUNK ((size_t)1 << 17) /* records per block: 1 MB */
#define HIT_KEY_BITS 20
#define HIT_KEY_MASK ((1u << HIT_KEY_BITS) - 1)

/* What a detector working on a copy of the state (in a second thread) would have done to the
 * shared state, done later in order by oplog_replay. */
enum { OP_BLOCK, OP_NAME, OP_ALIAS, OP_QUOTE, OP_DOT_ALIAS };
struct op { /* 24 bytes: there may be one for every few names in the text */
	size_t a;
	/* OP_ALIAS: the identity, NUL-terminated at canon in the log's strings;
	 * OP_DOT_ALIAS: the name [canon, a + len) the alias [a, a + len) belongs to; OP_QUOTE:
	 * 1 when [a, a + len) is covered */
	size_t canon;
	uint32_t len; /* the name's length (names are short) */
	uint8_t kind;
	int8_t type, prio;
};
struct oplog {
	struct op *ops;
	size_t n, cap;
	struct buf str;
};

struct latin_stat {
	size_t start, len; /* first occurrence (the key) */
	int count;
	int votes[ENTITY_N_TYPES];
	int at_sentence_start;
};

struct ex {
	const struct doc *d;
	const char *t;
	size_t len;
	struct ntab nt;
	struct user_list ul;
	struct span *spans;
	size_t n_spans, cap_spans;
	struct span *pending;
	size_t n_pending, cap_pending;
	size_t *chunks; /* pending[chunks[i]..] was found in one block (see pending_chunk) */
	size_t n_chunks, cap_chunks;
	bool *latin_blocks; /* per block: mostly Latin */
	/* pass A's matches, in text order, for pass B: in blocks of HIT_CHUNK, so that pass B
	 * frees each block once it has read past it */
	struct gaz_hit **hit_blocks;
	size_t n_hit_blocks, cap_hit_blocks;
	size_t n_hits, hit_last; /* hit_last: position of the last one added */
	/* pass B's reading of them: hits[hit_cursor] is at hit_pos, the one before it at
	 * hit_prev_pos and skipped hit_prev_skip bytes */
	size_t hit_cursor, hit_pos, hit_prev_pos, hit_prev_skip;
	bool hit_prev;
	struct smap latin_index;
	struct latin_stat *latin;
	size_t n_latin, cap_latin;
	/* span lookups scoped to the current block: every query from inside a block falls in
	 * spans[sp_lo..sp_hi] (see span_scope) */
	size_t sp_lo, sp_hi, sp_a, sp_b;
	bool sp_scoped;
	/* the shared decoding pass: trigger bits (T_*) per byte of a window of the current
	 * block, 0 on continuation bytes (see next_trig) */
	uint8_t *trig;
	size_t trig_cap, trig_a, trig_b;
	/* in two halves (from the first round to pass B): the spans of the half x->spans is
	 * not, and where the second half starts (SIZE_MAX: one half); span_scope switches to
	 * the half of its block (see span_use) */
	struct span *alt_spans;
	size_t alt_n, alt_cap, cut_pos;
	bool in_second;
	bool matched_weak; /* match_with's last answer was a weak gazetteer name ("~name") */
	/* in a second thread: name_add, alias_add and pending_chunk are written here instead */
	struct oplog *log;
	size_t half_min; /* from twice this size of text on, two threads (see middle_block) */
};

/* ---- the shared decoding pass ---------------------------------------------------------------
 * Every detector walks a block looking for its own trigger characters (an opening quote, a
 * '·', a surname, the start of a suffix, …). Instead of each decoding every character, one
 * pass decodes a window of the block once and stores per byte which detectors a character
 * there triggers; each detector then jumps from trigger to trigger. A character that
 * triggers nothing does nothing in any detector but move on (and, for two of them, become
 * the previous character, which they re-read when they jump). */
enum {
	T_QUOTE = 1u << 0,  /* an opening quote or bracket (detect_quotes) */
	T_DOT = 1u << 1,    /* '·' (detect_dot_names) */
	T_LIST = 1u << 2,   /* 、 (detect_lists) */
	T_PERSON = 1u << 3, /* a transliteration character or a surname (detect_person_cues) */
	T_JA = 1u << 4,     /* katakana or Han (detect_ja_names) */
	T_PLACE = 1u << 5,  /* a place suffix may start (detect_place_suffix) */
	T_ORG = 1u << 6,    /* an organization suffix may start (detect_org_suffix) */
	T_SOURCE = 1u << 7, /* a source cue may start (detect_source) */
};
/* trig_init derives the triggers from the class bits by shifts */
_Static_assert(C_DOT >> 12 == T_DOT && C_HAN << 4 == T_JA && C_PLACESUF >> 10 == T_PLACE &&
		   C_ORGSUF >> 10 == T_ORG && C_SOURCE >> 10 == T_SOURCE && C_TRANSLIT == 1u << 9 &&
		   C_SURNAME == 1u << 6,
	       "class and trigger bits line up");
#define TRIG_WINDOW ((size_t)1 << 16)
static uint8_t trig_tab[65536];

static bool
is_quote_open(uint32_t cp)
{
	return cp == 0x201C || cp == 0x300C || cp == 0x300E || cp == 0x300A || cp == 0x3008 ||
	       cp == 0x2018;
}

static uint8_t
trig_bits_slow(uint32_t cp)
{
	uint8_t t = 0;

	if (is_quote_open(cp))
		t |= T_QUOTE;
	if (is_dot(cp))
		t |= T_DOT;
	if (cp == 0x3001)
		t |= T_LIST;
	if (in_cls(cp, C_TRANSLIT) || (is_han(cp) && in_cls(cp, C_SURNAME)))
		t |= T_PERSON;
	if ((cp >= 0x30A1 && cp <= 0x30FA) || is_han(cp))
		t |= T_JA;
	if (may_start(cp, C_PLACESUF))
		t |= T_PLACE;
	if (may_start(cp, C_ORGSUF))
		t |= T_ORG;
	if (may_start(cp, C_SOURCE))
		t |= T_SOURCE;
	return t;
}

/* The trigger table from the class table (the same answers as trig_bits_slow, cheaply). */
static void
trig_init(void)
{
	uint32_t cp;
	static const uint32_t quotes[] = {0x201C, 0x300C, 0x300E, 0x300A, 0x3008, 0x2018};
	size_t i;

	/* bit arithmetic over the class bits (the compiler vectorizes it; first use must stay
	 * cheap), then the few ranges and characters that are not a class */
	for (cp = 0; cp < 65536; cp++) {
		uint32_t c = cls_tab[cp];
		uint32_t person = ((c >> 9) | ((c >> 6) & c)) & 1; /* translit, or Han surname */
		uint32_t t = (c >> 12 & T_DOT) | person << 3 | (c & C_HAN) << 4 |
			     (c >> 10 & (T_PLACE | T_ORG | T_SOURCE));

		trig_tab[cp] = (uint8_t)t;
	}
	for (cp = 0x30A1; cp <= 0x30FA; cp++)
		trig_tab[cp] |= T_JA;
	for (i = 0; i < ARRAY_SIZE(quotes); i++)
		trig_tab[quotes[i]] |= T_QUOTE;
	trig_tab[0x3001] |= T_LIST;
}

/* Decode block b from a (a window of about TRIG_WINDOW bytes) into x->trig: the one decoding
 * loop every detector shares, kept tight (three-byte CJK first). */
static void
trig_fill(struct ex *x, const struct block *b, size_t a)
{
	const unsigned char *t = (const unsigned char *)x->t;
	size_t e = MIN(b->end, a + TRIG_WINDOW), p = a;
	uint8_t *o;

	if (x->trig_cap < e - a + 4)
		x->trig = xgrow(x->trig, &x->trig_cap, e - a + 4, sizeof(*x->trig));
	o = x->trig;
	while (p < e) {
		unsigned c = t[p];
		size_t i = p - a;

		if (c >= 0xE0 && c < 0xF0 && p + 2 < b->end) {
			uint32_t cp = (uint32_t)(c & 0x0F) << 12 |
				      (uint32_t)(t[p + 1] & 0x3F) << 6 | (t[p + 2] & 0x3F);

			o[i] = trig_tab[cp];
			o[i + 1] = 0;
			o[i + 2] = 0;
			p += 3;
		} else if (c < 0x80) {
			o[i] = trig_tab[c];
			p++;
		} else {
			int k, j;
			uint32_t cp = cp_at(x->t, b->end, p, &k);

			o[i] = cp < 65536 ? trig_tab[cp] : trig_bits_slow(cp);
			for (j = 1; j < k; j++)
				o[i + (size_t)j] = 0;
			p += (size_t)k;
		}
	}
	x->trig_a = a;
	x->trig_b = p;
}

/* The first position in [pos, end) of block b whose character has one of the mask's trigger
 * bits, or end (the scan behind next_trig). The window holds characters only: the same
 * position reads the same whichever block asked. */
static size_t
next_trig_scan(struct ex *x, const struct block *b, size_t pos, size_t end, uint8_t mask)
{
	uint64_t m8 = (uint64_t)mask * 0x0101010101010101ull;

	while (pos < end) {
		size_t i, n;

		if (pos < x->trig_a || pos >= x->trig_b || !x->trig)
			trig_fill(x, b, pos);
		i = pos - x->trig_a;
		n = MIN(end, x->trig_b) - x->trig_a;
		while (i + 8 <= n) {
			uint64_t w;

			memcpy(&w, x->trig + i, sizeof(w));
			if (w & m8)
				break;
			i += 8;
		}
		while (i < n && !(x->trig[i] & mask))
			i++;
		if (i < n)
			return x->trig_a + i;
		pos = x->trig_a + n;
	}
	return end;
}

/* Where the detector with trigger bits mask looks next from pos: pos itself when its
 * character is a trigger (the common case, inline), else the scan. */
static inline size_t
next_trig(struct ex *x, const struct block *b, size_t pos, size_t end, uint8_t mask)
{
	if (pos < end && pos - x->trig_a < x->trig_b - x->trig_a && x->trig &&
	    (x->trig[pos - x->trig_a] & mask))
		return pos;
	return next_trig_scan(x, b, pos, end, mask);
}

/* The code point that ends right before pos (pos > 0). */
static uint32_t
cp_before(const char *t, size_t pos)
{
	uint32_t c;
	size_t pp = utf8_prev(t, pos);

	utf8_decode_fast(t + pp, pos - pp, &c);
	return c;
}

static void
span_add(struct ex *x, size_t start, size_t end, int type)
{
	x->sp_scoped = false;
	if (x->n_spans == x->cap_spans)
		x->spans = xgrow(x->spans, &x->cap_spans, x->n_spans + 1, sizeof(*x->spans));
	x->spans[x->n_spans].start = start;
	x->spans[x->n_spans].end = end;
	x->spans[x->n_spans].type = type;
	x->n_spans++;
}

/* Index of the first span in [lo, hi) that ends after pos (hi when none). */
static inline size_t
span_search(const struct ex *x, size_t lo, size_t hi, size_t pos)
{
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (x->spans[mid].end <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The same from index from on, when every span before from ends at or before pos: steps
 * that double, then a binary search (cheap when the answer is near). */
static size_t
span_gallop(const struct ex *x, size_t from, size_t pos)
{
	size_t lo = from, step = 1, hi;

	for (;;) {
		hi = lo + step - 1;
		if (hi >= x->n_spans) {
			hi = x->n_spans;
			break;
		}
		if (x->spans[hi].end > pos)
			break;
		lo = hi + 1;
		step *= 2;
	}
	return span_search(x, lo, hi, pos);
}

/* Index of the first span that ends after pos. */
static inline size_t
span_after(const struct ex *x, size_t pos)
{
	if (x->sp_scoped && pos >= x->sp_a && pos <= x->sp_b)
		return span_search(x, x->sp_lo, x->sp_hi, pos);
	return span_search(x, 0, x->n_spans, pos);
}

/* Narrow span lookups to block b until the spans change: the answer for any position in
 * [b->start - 1, b->end] lies between the answers for those two ends (it grows with the
 * position), so a search over that short stretch gives the same index as one over all. */
/* x->spans becomes the spans of the half holding text offset pos. */
static void
span_use(struct ex *x, size_t pos)
{
	struct span *sp = x->spans;
	size_t n = x->n_spans, cap = x->cap_spans;

	if (x->cut_pos == SIZE_MAX || (pos >= x->cut_pos) == x->in_second)
		return;
	x->spans = x->alt_spans;
	x->n_spans = x->alt_n;
	x->cap_spans = x->alt_cap;
	x->alt_spans = sp;
	x->alt_n = n;
	x->alt_cap = cap;
	x->in_second = !x->in_second;
	x->sp_scoped = false;
}

static void
span_scope(struct ex *x, const struct block *b)
{
	size_t a = b->start > 0 ? b->start - 1 : 0;

	span_use(x, b->start);
	/* blocks come in text order: start from the last block's end when it lies before */
	if (x->sp_scoped && x->sp_hi <= x->n_spans &&
	    (x->sp_hi == 0 || x->spans[x->sp_hi - 1].end <= a))
		x->sp_lo = span_gallop(x, x->sp_hi, a);
	else
		x->sp_lo = span_search(x, 0, x->n_spans, a);
	x->sp_a = a;
	x->sp_b = b->end;
	x->sp_hi = span_gallop(x, x->sp_lo, x->sp_b);
	x->sp_scoped = true;
}

static bool
covered(const struct ex *x, size_t a, size_t b)
{
	size_t i = span_after(x, a);

	return i < x->n_spans && x->spans[i].start < b;
}

/* The span that ends exactly at pos, or NULL. */
static const struct span *
span_ending_at(const struct ex *x, size_t pos)
{
	size_t i = span_after(x, pos > 0 ? pos - 1 : 0);

	return i < x->n_spans && x->spans[i].end == pos ? &x->spans[i] : NULL;
}

/* Spans of names the detectors found, merged into the span list between rounds (cheaper than
 * scanning the whole text again). */
static void
pending_add(struct ex *x, size_t a, size_t b, int type)
{
	if (x->n_pending == x->cap_pending)
		x->pending =
		    xgrow(x->pending, &x->cap_pending, x->n_pending + 1, sizeof(*x->pending));
	x->pending[x->n_pending].start = a;
	x->pending[x->n_pending].end = b;
	x->pending[x->n_pending].type = type;
	x->pending[x->n_pending].seq = (uint32_t)x->n_pending;
	x->n_pending++;
}

/* The spans found from here on belong to the next block (or, at the end, to whole-document
 * detectors): pending_merge sorts such a chunk on its own. */
static void op_add(struct oplog *l, int kind, size_t a, size_t b, int type, int prio,
		   const char *canon, size_t canon_len);

static void
pending_chunk(struct ex *x)
{
	if (x->log) {
		op_add(x->log, OP_BLOCK, 0, 0, 0, 0, NULL, 0);
		return;
	}
	if (x->n_chunks && x->chunks[x->n_chunks - 1] == x->n_pending)
		return;
	x->chunks = xgrow(x->chunks, &x->cap_chunks, x->n_chunks + 1, sizeof(*x->chunks));
	x->chunks[x->n_chunks++] = x->n_pending;
}

/* Text order, the longer first at the same start, then the order found: a total order, so
 * sorting in chunks and merging gives exactly what one stable sort of all would. */
static int
cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sort the pending spans: each chunk alone (a block's few), then chunks that follow in order
 * are just appended and any other is merged in. */
static void
pending_sort(struct ex *x)
{
	struct span *p = x->pending, *tmp = NULL;
	size_t c, m = 0, n_merge = 0;

	pending_chunk(x); /* the last chunk's end */
	for (c = 0; c < x->n_chunks; c++) {
		size_t a = c > 0 ? x->chunks[c - 1] : 0, e = x->chunks[c];

		if (e <= a)
			continue;
		qsort(p + a, e - a, sizeof(*p), cmp_span);
		if (m == 0 || cmp_span(&p[m - 1], &p[a]) <= 0) {
			m = e;
			continue;
		}
		if (++n_merge > 8) {
			/* many chunks out of order: one sort of the rest */
			qsort(p, x->n_pending, sizeof(*p), cmp_span);
			break;
		}
		{
			size_t i = 0, j = a, o = 0;

			if (!tmp)
				tmp = xmalloc(x->n_pending * sizeof(*tmp));
			while (i < m || j < e) {
				if (j >= e || (i < m && cmp_span(&p[i], &p[j]) <= 0))
					tmp[o++] = p[i++];
				else
					tmp[o++] = p[j++];
			}
			memcpy(p, tmp, o * sizeof(*p));
			m = e;
		}
	}
	free(tmp);
	x->n_chunks = 0;
}

/* Merge the pending spans into the span list, in place: first the two sorted lists into one
 * from the back (a span before a pending one at the same start, as a forward merge takes
 * them), then forward, dropping each span that overlaps the one kept before it (the earlier
 * or longer stays). */
static void
merge_into(struct span **spans, size_t *n_spans, size_t *cap, const struct span *p, size_t m)
{
	struct span *sp;
	size_t i, j, o, n = 0, total;

	if (!m)
		return;
	total = *n_spans + m;
	sp = *spans = xgrow(*spans, cap, total, sizeof(*sp));
	i = *n_spans;
	j = m;
	o = total;
	while (j > 0) {
		if (i > 0 && sp[i - 1].start > p[j - 1].start)
			sp[--o] = sp[--i];
		else
			sp[--o] = p[--j];
	}
	for (o = 0; o < total; o++) {
		if (n && sp[o].start < sp[n - 1].end)
			continue;
		sp[n++] = sp[o];
	}
	*n_spans = n;
}

static bool run_beside(pthread_t *th, void *(*fn)(void *), void *arg);

struct merge_job {
	struct span **spans;
	size_t *n, *cap;
	const struct span *p;
	size_t m;
};

static void *
merge_run(void *arg)
{
	struct merge_job *j = arg;

	merge_into(j->spans, j->n, j->cap, j->p, j->m);
	return NULL;
}

static void
pending_merge(struct ex *x)
{
	size_t j1 = 0, hi;
	struct merge_job job;
	pthread_t th;
	bool threaded;

	if (!x->n_pending) {
		x->n_chunks = 0;
		return;
	}
	pending_sort(x);
	if (x->cut_pos == SIZE_MAX) {
		merge_into(&x->spans, &x->n_spans, &x->cap_spans, x->pending, x->n_pending);
	} else {
		/* each half's names into its spans (no name crosses from one block to another) */
		span_use(x, 0);
		hi = x->n_pending;
		while (j1 < hi) {
			size_t mid = (j1 + hi) / 2;

			if (x->pending[mid].start < x->cut_pos)
				j1 = mid + 1;
			else
				hi = mid;
		}
		job.spans = &x->alt_spans;
		job.n = &x->alt_n;
		job.cap = &x->alt_cap;
		job.p = x->pending + j1;
		job.m = x->n_pending - j1;
		threaded = run_beside(&th, merge_run, &job);
		merge_into(&x->spans, &x->n_spans, &x->cap_spans, x->pending, j1);
		if (threaded)
			pthread_join(th, NULL);
	}
	x->sp_scoped = false;
	x->n_pending = 0;
}

static void
name_add(struct ex *x, size_t a, size_t b, int type, int prio)
{
	size_t key;

	if (b <= a)
		return;
	if (x->log) {
		op_add(x->log, OP_NAME, a, b, type, prio, NULL, 0);
		return;
	}
	pending_add(x, a, b, type);
	if (ntab_get(&x->nt, x->t + a, b - a) || x->nt.n >= MAX_NAMES)
		return; /* known already (or kept by a higher priority), or too many */
	/* a built-in entity keeps its own identity and type */
	key = gaz_key_find(x->t + a, b - a);
	if (key != NPOS && gaz_key_info[key].type != GAZ_BLOCK)
		return;
	{
		char *canon = xstrndup(x->t + a, b - a);

		ntab_add(&x->nt, x->t + a, b - a, type, canon, prio);
		free(canon);
	}
}

/* An alias: the text [a, b) names the same entity as canon. */
static void
alias_add_prio(struct ex *x, size_t a, size_t b, int type, const char *canon, size_t canon_len,
	       int prio)
{
	char *c;
	const struct ntab_entry *known;

	if (x->log) {
		op_add(x->log, OP_ALIAS, a, b, type, prio, canon, canon_len);
		return;
	}
	pending_add(x, a, b, type);
	known = ntab_get(&x->nt, x->t + a, b - a);
	if ((known && known->prio >= prio) || (!known && x->nt.n >= MAX_NAMES))
		return;
	c = xstrndup(canon, canon_len);

	ntab_add(&x->nt, x->t + a, b - a, type, c, prio);
	free(c);
}

static void
alias_add(struct ex *x, size_t a, size_t b, int type, const char *canon, size_t canon_len)
{
	alias_add_prio(x, a, b, type, canon, canon_len, DETECT_PRIO);
}

/* An organization's Latin abbreviation in brackets right after its name, which ends at e and
 * has the identity canon (国際協力機構（JICA）, 国家市场监督管理总局（SAMR）): an alias, even
 * if the abbreviation was taken for a term before. */
static void
bracket_alias(struct ex *x, const struct block *b, size_t e, const char *canon, size_t canon_len)
{
	size_t p = e, q;
	uint32_t c;
	int k;

	if (p >= b->end)
		return;
	c = cp_at(x->t, b->end, p, &k);
	if (c != '(' && c != 0xFF08)
		return;
	p += (size_t)k;
	if (p >= b->end || !(x->t[p] >= 'A' && x->t[p] <= 'Z'))
		return;
	for (q = p; q < b->end && q - p <= 12 && is_alnum((unsigned char)x->t[q]); q++)
		;
	if (q - p < 2 || q - p > 12 || q >= b->end)
		return;
	c = cp_at(x->t, b->end, q, &k);
	if (c != ')' && c != 0xFF09)
		return;
	alias_add_prio(x, p, q, ENTITY_ORG, canon, canon_len, DETECT_PRIO + 1);
}

/* A quoted term [a, b): a name unless it is covered by a span and known already. */
static void
quote_add(struct ex *x, size_t a, size_t b, bool cov)
{
	if (x->log)
		op_add(x->log, OP_QUOTE, a, b, 0, 0, NULL, cov);
	else if (!cov || !ntab_get(&x->nt, x->t + a, b - a))
		name_add(x, a, b, ENTITY_TERM, DETECT_PRIO);
}

/* The surname [a, b) of the transliterated name [name, b): its alias unless known already. */
static void
dot_alias_add(struct ex *x, size_t a, size_t b, size_t name)
{
	if (x->log)
		op_add(x->log, OP_DOT_ALIAS, a, b, 0, 0, NULL, name);
	else if (!ntab_get(&x->nt, x->t + a, b - a))
		alias_add(x, a, b, ENTITY_PER, x->t + name, b - name);
}

/* The gazetteer's answer at pos, with the blocker rule: a blocker yields to a name that starts
 * inside it and runs at least two characters past its end (原文|心一言 is 原|文心一言, but
 * 完美|国度 stays). Returns the length (0: none) and the key. */
static size_t
gaz_at(const struct ex *x, size_t end, size_t pos, size_t *key)
{
	size_t gl = gaz_match(x->t, end, pos, key), p = pos, k2 = 0, l2;
	uint32_t cp;

	if (!gl || gaz_key_info[*key].type != GAZ_BLOCK)
		return gl;
	while (p + 1 < pos + gl) {
		size_t past;

		p += (size_t)utf8_decode_fast(x->t + p, end - p, &cp);
		if (p >= pos + gl)
			break;
		l2 = gaz_match(x->t, end, p, &k2);
		if (!l2 || gaz_key_info[k2].type == GAZ_BLOCK || p + l2 <= pos + gl)
			continue;
		past = utf8_count(x->t + pos + gl, p + l2 - (pos + gl));
		if (past >= 2)
			return 0;
		/* one character past: the blocker yields when the word before it claims its
		 * first character (来自|上海: 来自 is a word, so 自上 is not) */
		if (past == 1 && pos > 0) {
			size_t pp = utf8_prev(x->t, pos),
			       k1 = (size_t)utf8_decode_fast(x->t + pos, end - pos, &cp);

			if (gaz_is_vocab(x->t + pp, pos + k1 - pp))
				return 0;
		}
	}
	return gl;
}

/* Pass B asks the gazetteer at the same positions pass A did: take pass A's answers (every
 * match pass A made is recorded with the gazetteer's part and how far it skipped); compute
 * afresh only inside a stretch pass A skipped. */
/* Record blocks are mapped from the system directly, not taken from the heap: released during
 * pass B, their memory goes back at once instead of staying in a heap that the mention list is
 * growing beside (the point of releasing them early is a lower peak). Released, not unmapped:
 * unmapping would stop the other thread's page faults while it runs; the empty mappings go at
 * the end. */
static struct gaz_hit *
hit_block_new(void)
{
	void *p = mmap(NULL, HIT_CHUNK * sizeof(struct gaz_hit), PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("out of memory (%zu bytes)", HIT_CHUNK * sizeof(struct gaz_hit));
	return p;
}

static void
hit_block_free(struct gaz_hit *h)
{
	if (h)
		munmap(h, HIT_CHUNK * sizeof(struct gaz_hit));
}

static inline struct gaz_hit *
hit_ref(const struct ex *x, size_t i)
{
	return &x->hit_blocks[i / HIT_CHUNK][i % HIT_CHUNK];
}

static size_t
gaz_cached(struct ex *x, size_t end, size_t pos, size_t *key)
{
	while (x->hit_cursor < x->n_hits && x->hit_pos < pos) {
		x->hit_prev = true;
		x->hit_prev_pos = x->hit_pos;
		x->hit_prev_skip = hit_ref(x, x->hit_cursor)->info >> HIT_KEY_BITS;
		x->hit_cursor++;
		if (x->hit_cursor % HIT_CHUNK == 0) {
			/* read past a block of records: it is done with */
			(void)madvise(x->hit_blocks[x->hit_cursor / HIT_CHUNK - 1],
				      HIT_CHUNK * sizeof(struct gaz_hit), MADV_DONTNEED);
		}
		if (x->hit_cursor < x->n_hits)
			x->hit_pos += hit_ref(x, x->hit_cursor)->delta;
	}
	if (x->hit_cursor < x->n_hits && x->hit_pos == pos) {
		uint32_t k1 = hit_ref(x, x->hit_cursor)->info & HIT_KEY_MASK;

		if (!k1)
			return 0;
		*key = k1 - 1;
		return gaz_key_off[k1] - gaz_key_off[k1 - 1];
	}
	if (x->hit_prev && pos < x->hit_prev_pos + x->hit_prev_skip)
		return gaz_at(x, end, pos, key);
	return 0;
}

/* A new record at the end of the list. */
static struct gaz_hit *
hit_new(struct ex *x)
{
	size_t i = x->n_hits;

	if (i / HIT_CHUNK >= x->n_hit_blocks) {
		x->hit_blocks = xgrow(x->hit_blocks, &x->cap_hit_blocks, x->n_hit_blocks + 1,
				      sizeof(*x->hit_blocks));
		x->hit_blocks[x->n_hit_blocks++] = hit_block_new();
	}
	x->n_hits++;
	return hit_ref(x, i);
}

static void
hits_free(struct ex *x)
{
	size_t i;

	for (i = 0; i < x->n_hit_blocks; i++)
		hit_block_free(x->hit_blocks[i]);
	free(x->hit_blocks);
	x->hit_blocks = NULL;
	x->n_hit_blocks = x->cap_hit_blocks = x->n_hits = 0;
}

/* Record one of pass A's matches (a position after the last one). */
static void
hit_add(struct ex *x, size_t pos, size_t gl, size_t key, size_t skip)
{
	size_t d = pos - (x->n_hits ? x->hit_last : 0);
	struct gaz_hit *h;

	while (d > UINT32_MAX) {
		/* a gap of 4 GB without a match: an empty record in between */
		h = hit_new(x);
		h->delta = UINT32_MAX;
		h->info = 0;
		d -= UINT32_MAX;
	}
	h = hit_new(x);
	h->delta = (uint32_t)d;
	h->info = (gl ? (uint32_t)key + 1 : 0) | (uint32_t)skip << HIT_KEY_BITS;
	x->hit_last = pos;
}

/* Longest match at pos over the gazetteer (its answer gl, key given) and the name table.
 * Returns the length; *type gets the entity type (or GAZ_BLOCK / NT_IGNORE), *canon and
 * *canon_len its identity (NULL for a blocker). record: pass A notes the answer for pass B. */
static size_t
match_with(struct ex *x, size_t end, size_t pos, size_t gl, size_t key, int *type,
	   const char **canon, size_t *canon_len, bool record)
{
	size_t nl;
	const struct ntab_entry *e = NULL;

	nl = ntab_match(&x->nt, x->t, end, pos, &e);
	if (record && (gl || nl))
		hit_add(x, pos, gl, key, MAX(gl, nl));
	x->matched_weak = false;
	if (nl && nl >= gl) {
		*type = e->type;
		*canon = e->canon;
		*canon_len = e->canon_n;
		return nl;
	}
	if (gl) {
		size_t g = gaz_key_info[key].group;

		*type = gaz_key_info[key].type;
		x->matched_weak = gaz_key_info[key].weak;
		if (*type == GAZ_BLOCK) {
			*canon = NULL;
			*canon_len = 0;
		} else {
			*canon = gaz_group_str + gaz_group_off[g];
			*canon_len = gaz_group_off[g + 1] - gaz_group_off[g];
		}
	}
	return gl;
}

/* The same with the gazetteer asked here. mode: 0 plain, 1 pass A (record the answer), 2 pass
 * B (use the records). */
static size_t
match_at_mode(struct ex *x, size_t end, size_t pos, int *type, const char **canon,
	      size_t *canon_len, int mode)
{
	size_t key = 0, gl;

	gl = mode == 2 ? gaz_cached(x, end, pos, &key) : gaz_at(x, end, pos, &key);
	return match_with(x, end, pos, gl, key, type, canon, canon_len, mode == 1);
}

static size_t
match_at(struct ex *x, size_t end, size_t pos, int *type, const char **canon, size_t *canon_len)
{
	return match_at_mode(x, end, pos, type, canon, canon_len, 0);
}

/* End of the Latin token at pos: letters and digits, joined by - . & + ' when a letter or digit
 * follows ("Qwen-7B", "JD.com", "AT&T"). */
static size_t
latin_token_end(const char *t, size_t end, size_t pos)
{
	size_t p = pos;

	while (p < end) {
		unsigned char c = (unsigned char)t[p];

		if (is_alnum(c)) {
			p++;
		} else if ((c == '-' || c == '.' || c == '&' || c == '\'') && p + 1 < end &&
			   is_alnum((unsigned char)t[p + 1])) {
			p++;
		} else if (c == '+' && p > pos) {
			p++;
			break;
		} else {
			break;
		}
	}
	return p;
}

static bool
block_has_kana(struct ex *x, const struct block *b)
{
	/* kana is U+3041-30FA and U+30FC: E3 81 81 .. E3 83 BA, E3 83 BC in UTF-8 */
	const unsigned char *t = (const unsigned char *)x->t;
	const unsigned char *p = t + b->start, *end = t + b->end;

	while (end - p >= 3 && (p = memchr(p, 0xE3, (size_t)(end - p - 2))) != NULL) {
		unsigned c1 = p[1], c2 = p[2];

		if ((c1 == 0x81 && c2 >= 0x81) || c1 == 0x82 ||
		    (c1 == 0x83 && (c2 <= 0xBA || c2 == 0xBC)))
			return true;
		p++;
	}
	return false;
}

static bool
block_is_latin_scan(const struct ex *x, const struct block *b)
{
	const unsigned char *t = (const unsigned char *)x->t;
	size_t p = b->start, latin = 0, cjk = 0;

	while (p < b->end && latin + cjk < 400) {
		unsigned c = t[p];
		int k;
		uint32_t cp;

		if (c < 0x80) {
			latin += is_alpha((unsigned char)c);
			p++;
			continue;
		}
		cp = cp_at(x->t, b->end, p, &k);
		if (is_cjk_letter(cp))
			cjk += 3; /* one CJK character carries about a word */
		p += (size_t)k;
	}
	return latin > cjk;
}

/* Which of blocks [lo, hi) are mostly Latin (the halves fill their own parts of the array). */
static void
latin_blocks_fill(struct ex *x, size_t lo, size_t hi)
{
	size_t bi;

	for (bi = lo; bi < hi; bi++)
		x->latin_blocks[bi] = block_is_latin_scan(x, &x->d->blocks[bi]);
}

/* Is the block mostly Latin (English text)? Found once per block (latin_blocks_fill). */
static bool
block_is_latin(const struct ex *x, const struct block *b)
{
	return x->latin_blocks[b - x->d->blocks];
}

/* ---- Latin tokens inside CJK text ----------------------------------------------------------- */

static size_t
skip_space_back(const char *t, size_t a, size_t pos)
{
	while (pos > a && (t[pos - 1] == ' ' || t[pos - 1] == '\t'))
		pos--;
	return pos;
}

static void
latin_note(struct ex *x, size_t a, size_t b, size_t blk_start, size_t blk_end)
{
	bool added;
	size_t *v = smap_put(&x->latin_index, x->t + a, b - a, x->n_latin, &added);
	struct latin_stat *ls;
	size_t after = b, before;
	int k;
	uint32_t prev;

	if (added) {
		x->latin = xgrow(x->latin, &x->cap_latin, x->n_latin + 1, sizeof(*x->latin));
		ls = &x->latin[x->n_latin++];
		memset(ls, 0, sizeof(*ls));
		ls->start = a;
		ls->len = b - a;
	}
	ls = &x->latin[*v];
	ls->count++;
	while (after < blk_end && x->t[after] == ' ')
		after++;
	/* a product or organization cue within the next few characters */
	{
		size_t p = after, i;

		for (i = 0; i < 3 && p < blk_end; i++) {
			if (gaz_cue_at(CUE_PRODUCT, x->t + p, blk_end - p)) {
				ls->votes[ENTITY_PRODUCT] += i == 0 ? 2 : 1;
				break;
			}
			if (gaz_cue_at(CUE_ORG, x->t + p, blk_end - p)) {
				ls->votes[ENTITY_ORG] += i == 0 ? 2 : 1;
				break;
			}
			cp_at(x->t, blk_end, p, &k);
			p += (size_t)k;
		}
	}
	before = skip_space_back(x->t, blk_start, a);
	if (gaz_cue_before(CUE_ORGPRE, x->t + blk_start, before - blk_start))
		ls->votes[ENTITY_ORG] += 2;
	/* "模型(MoE)": an acronym in brackets right after ordinary words is that term's
	 * abbreviation */
	if (before > blk_start) {
		size_t pp = utf8_prev(x->t, before);

		cp_at(x->t, blk_end, pp, &k);
		utf8_decode_fast(x->t + pp, blk_end - pp, &prev);
		if ((prev == '(' || prev == 0xFF08) && pp > blk_start) {
			const struct span *sp = span_ending_at(x, pp);

			if (!sp)
				ls->votes[ENTITY_TERM] += 2;
		}
	}
}

static bool
has_digit(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return true;
	return false;
}

static size_t
count_alpha(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += is_alpha((unsigned char)s[i]);
	return c;
}

static void
latin_decide(struct ex *x)
{
	size_t i;

	for (i = 0; i < x->n_latin; i++) {
		struct latin_stat *ls = &x->latin[i];
		const char *s = x->t + ls->start;
		size_t n = ls->len;
		int kind = gaz_latin_kind_of(s, n), type, j, best = 0;

		if (kind == 1 || count_alpha(s, n) < 2)
			continue;
		if (kind == 0) {
			name_add(x, ls->start, ls->start + n, ENTITY_TERM, DETECT_PRIO);
			continue;
		}
		if (gaz_is_en_common(s, n))
			continue;
		if (!(s[0] >= 'A' && s[0] <= 'Z') && !has_digit(s, n)) {
			/* lower-case words: only camel-cased brands ("iPhone", "eBay") */
			size_t u, caps = 0;

			for (u = 1; u < n; u++)
				caps += s[u] >= 'A' && s[u] <= 'Z';
			if (!caps)
				continue;
		}
		type = ENTITY_ORG;
		if (has_digit(s, n) && count_alpha(s, n) >= 2)
			type = ENTITY_PRODUCT;
		for (j = 0; j < ENTITY_N_TYPES; j++)
			if (ls->votes[j] > best) {
				best = ls->votes[j];
				type = j;
			}
		if (has_digit(s, n) && (type == ENTITY_ORG || type == ENTITY_TERM))
			type = ENTITY_PRODUCT; /* a version number: Qwen-7B, GPT-4o */
		name_add(x, ls->start, ls->start + n, type, DETECT_PRIO);
	}
}

/* ---- the second half's log (see "the document in two halves") ----------------------- */

static void
op_add(struct oplog *l, int kind, size_t a, size_t b, int type, int prio, const char *canon,
       size_t canon_len)
{
	struct op *o;

	if (kind == OP_BLOCK && l->n && l->ops[l->n - 1].kind == OP_BLOCK)
		return; /* a block that found nothing: one boundary is enough */
	l->ops = xgrow(l->ops, &l->cap, l->n + 1, sizeof(*l->ops));
	o = &l->ops[l->n++];
	o->kind = (uint8_t)kind;
	o->a = a;
	o->len = (uint32_t)(b - a);
	o->type = (int8_t)type;
	o->prio = (int8_t)prio;
	if (kind != OP_ALIAS) {
		o->canon = canon_len; /* OP_QUOTE: covered; OP_DOT_ALIAS: the name's start */
		return;
	}
	o->canon = l->str.len;
	/* a copy: the name table's identity strings may be replaced before the replay */
	buf_add(&l->str, canon, canon_len);
	buf_addc(&l->str, '\0');
}

static void
oplog_replay(struct ex *x, const struct oplog *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct op *o = &l->ops[i];
		size_t b = o->a + o->len;

		if (o->kind == OP_BLOCK)
			pending_chunk(x);
		else if (o->kind == OP_NAME)
			name_add(x, o->a, b, o->type, o->prio);
		else if (o->kind == OP_ALIAS)
			alias_add_prio(x, o->a, b, o->type, l->str.s + o->canon,
				       strlen(l->str.s + o->canon), o->prio);
		else if (o->kind == OP_QUOTE)
			quote_add(x, o->a, b, o->canon != 0);
		else
			dot_alias_add(x, o->a, b, o->canon);
	}
}

/* A name of one or two transliteration characters with transliteration characters on both
 * sides is inside a longer transliterated name, not that name (伊|万科|维奇 is no Vanke). */
static bool
inside_translit(const struct ex *x, size_t blk_start, size_t end, size_t pos, size_t len)
{
	size_t p = pos;
	uint32_t c;
	int k;

	if (len > 6 || pos <= blk_start || pos + len >= end)
		return false;
	while (p < pos + len) {
		c = cp_at(x->t, end, p, &k);
		if (!in_cls(c, C_TRANSLIT))
			return false;
		p += (size_t)k;
	}
	if (!in_cls(cp_before(x->t, pos), C_TRANSLIT))
		return false;
	c = cp_at(x->t, end, pos + len, &k);
	return in_cls(c, C_TRANSLIT);
}

/* ---- pass A: gazetteer spans and Latin tokens ---------------------------------------------- */

static void
pass_a_block(struct ex *x, const struct block *b)
{
	size_t pos = b->start, end = b->end;
	bool latin_block = block_is_latin(x, b);

	while (pos < end) {
		int k, type = -1;
		uint32_t cp = cp_at(x->t, end, pos, &k);
		const char *canon;
		size_t cl, ml;

		if (cp < 128 && is_alnum((unsigned char)cp)) {
			size_t te;

			if (pos > b->start && is_alnum((unsigned char)x->t[pos - 1])) {
				pos++;
				continue;
			}
			te = latin_token_end(x->t, end, pos);
			ml = match_at_mode(x, end, pos, &type, &canon, &cl, 1);
			if (ml && ml >= te - pos) {
				if (type < ENTITY_N_TYPES)
					span_add(x, pos, pos + ml, type);
				pos += ml;
				continue;
			}
			if (is_alpha((unsigned char)cp) && !latin_block)
				latin_note(x, pos, te, b->start, end);
			if (is_alpha((unsigned char)cp) && !latin_block)
				span_add(x, pos, te, -1);
			pos = te;
			continue;
		}
		if (cjk_letter(cp)) {
			size_t key = 0, gl = gaz_at(x, end, pos, &key);

			/* most characters start nothing: no name-table search */
			ml = gl || ntab_may_start(&x->nt, cp)
				 ? match_with(x, end, pos, gl, key, &type, &canon, &cl, true)
				 : 0;
			if (ml && ml == gl && type < ENTITY_N_TYPES &&
			    inside_translit(x, b->start, end, pos, ml))
				ml = 0; /* (pass B drops it the same way) */
			if (ml) {
				if (type < ENTITY_N_TYPES)
					span_add(x, pos, pos + ml, type);
				pos += ml;
				continue;
			}
		}
		pos += (size_t)k;
	}
}

/* ---- detectors ------------------------------------------------------------------------------ */

/* Quoted terms: “…” 「…」 『…』 《…》 〈…〉 ‘…’ holding 2-12 letters and no punctuation. */
static void
detect_quotes(struct ex *x, const struct block *b)
{
	static const uint32_t open[] = {0x201C, 0x300C, 0x300E, 0x300A, 0x3008, 0x2018};
	static const uint32_t close[] = {0x201D, 0x300D, 0x300F, 0x300B, 0x3009, 0x2019};
	size_t pos = b->start;

	while ((pos = next_trig(x, b, pos, b->end, T_QUOTE)) < b->end) {
		int k;
		uint32_t cp = cp_at(x->t, b->end, pos, &k);
		size_t q, a, p, chars = 0;
		bool ok = true;

		pos += (size_t)k;
		for (q = 0; q < ARRAY_SIZE(open); q++)
			if (cp == open[q])
				break;
		if (q == ARRAY_SIZE(open))
			continue;
		a = p = pos;
		while (p < b->end && chars <= 12) {
			uint32_t c = cp_at(x->t, b->end, p, &k);

			if (c == close[q])
				break;
			if (!(is_cjk_letter(c) ||
			      (c < 128 && (is_alnum((unsigned char)c) || c == ' ' || c == '-')) ||
			      c == 0xB7 || c == 0x30FB))
				ok = false;
			chars++;
			p += (size_t)k;
		}
		if (!ok || p >= b->end || chars < 2 || chars > 12 ||
		    cp_at(x->t, b->end, p, &k) != close[q])
			continue;
		{
			size_t key = gaz_key_find(x->t + a, p - a);

			if (key == NPOS || gaz_key_info[key].type == GAZ_BLOCK)
				quote_add(x, a, p, covered(x, a, p));
		}
		pos = p;
	}
}

static bool
translit_ok(const struct ex *x, size_t end, size_t p, uint32_t c, size_t m)
{
	if (is_kana(c) && c != 0x30FB)
		return true;
	if (in_list(c, C_TRANSLIT, gaz_translit, gaz_translit_n))
		return true;
	/* an initial: 约翰·F·肯尼迪 */
	if (m == 0 && c >= 'A' && c <= 'Z' && p + 1 < end) {
		uint32_t n;

		utf8_decode_fast(x->t + p + 1, end - p - 1, &n);
		return is_dot(n);
	}
	return false;
}

/* Transliterated names: runs of transliteration characters (or katakana) joined by '·'. */
static void
detect_dot_names(struct ex *x, const struct block *b)
{
	size_t pos = b->start;

	while ((pos = next_trig(x, b, pos, b->end, T_DOT)) < b->end) {
		int k;
		uint32_t cp = cp_at(x->t, b->end, pos, &k);
		size_t a, e, last_dot, n, parts = 0;

		if (!is_dot(cp)) {
			pos += (size_t)k;
			continue;
		}
		/* left part */
		a = pos;
		n = 0;
		while (a > b->start && n < 8) {
			size_t pp = utf8_prev(x->t, a);
			uint32_t c;

			utf8_decode_fast(x->t + pp, b->end - pp, &c);
			if (!translit_ok(x, b->end, pp, c, 1))
				break;
			a = pp;
			n++;
		}
		if (n < 1) {
			pos += (size_t)k;
			continue;
		}
		/* right parts, possibly more dots */
		e = pos;
		last_dot = pos;
		for (;;) {
			int kd, kk;
			size_t p, m = 0;

			cp_at(x->t, b->end, e, &kd);
			p = e + (size_t)kd;
			while (p < b->end && m < 8) {
				uint32_t c = cp_at(x->t, b->end, p, &kk);

				if (!translit_ok(x, b->end, p, c, m))
					break;
				p += (size_t)kk;
				m++;
			}
			if (m == 0)
				break;
			parts++;
			last_dot = e;
			e = p;
			if (e >= b->end || !is_dot(cp_at(x->t, b->end, e, &kk)))
				break;
		}
		if (parts == 0) {
			pos += (size_t)k;
			continue;
		}
		if (!covered(x, a, e)) {
			size_t s_after;
			int kd;

			name_add(x, a, e, ENTITY_PER, DETECT_PRIO);
			/* the surname alone (after the last dot) is an alias when long enough */
			cp_at(x->t, b->end, last_dot, &kd);
			s_after = last_dot + (size_t)kd;
			if (utf8_count(x->t + s_after, e - s_after) >= 2 &&
			    !gaz_is_vocab(x->t + s_after, e - s_after))
				dot_alias_add(x, s_after, e, a);
		}
		pos = e;
	}
}

static bool
surname_at(const struct ex *x, size_t end, size_t pos, size_t *slen)
{
	int k;
	uint32_t cp = cp_at(x->t, end, pos, &k);

	if (!is_han(cp) || !in_cls(cp, C_SURNAME))
		return false;
	if ((cls_of(cp) & C_SURNAME2) && pos + (size_t)k < end) {
		int k2;

		cp_at(x->t, end, pos + (size_t)k, &k2);
		if (gaz_blob_find(gaz_surname2_str, gaz_surname2_off, gaz_surname2_n, x->t + pos,
				  (size_t)(k + k2)) != NPOS) {
			*slen = (size_t)(k + k2);
			return true;
		}
	}
	if (in_list(cp, C_SURNAME1, gaz_surname1, gaz_surname1_n)) {
		*slen = (size_t)k;
		return true;
	}
	return false;
}

/* Could text[a, b) (surname + 1-2 given characters) be a person's name? titled: a title
 * stands right before it and a boundary after it, so a given name may hold characters that
 * are otherwise too often ordinary (何其峰, 李小龙, 王大明), or be one character that is
 * rare in names (主任刘震介绍). */
static bool
name_shape_ok(const struct ex *x, size_t a, size_t slen, size_t b, bool cue, bool titled)
{
	static const char titled_inner[] = "之其大小中上下多少";
	size_t p = a + slen, given = 0;

	while (p < b) {
		int k;
		uint32_t cp = cp_at(x->t, b, p, &k);

		if (!is_han(cp) ||
		    (in_cls(cp, C_INNER) &&
		     !(titled &&
		       bytes_contain(titled_inner, sizeof(titled_inner) - 1, x->t + p, (size_t)k))))
			return false;
		p += (size_t)k;
		given++;
	}
	if (given < 1 || given > 2)
		return false;
	/* an ordinary word is no name; with a cue, a rare dictionary word may be (张骞) */
	if (gaz_is_vocab(x->t + a, b - a) && (!cue || gaz_vocab_idf_of(x->t + a, b - a) < 85))
		return false;
	/* surname + first given character, or the two given characters, forming an ordinary
	 * word ("高度", "马上") makes a poor name, unless a title stands right before it and a
	 * boundary after it (县长何其峰在…) */
	if (given == 2 && !titled) {
		size_t g1 = advance(x->t, b, a + slen, 1);

		if (slen == 3 && gaz_is_vocab(x->t + a, g1 - a))
			return false;
	}
	if (given == 1 && !titled) {
		uint32_t g;
		int k;

		g = cp_at(x->t, b, a + slen, &k);
		if (!in_list(g, C_GIVEN1, gaz_given1, gaz_given1_n) &&
		    !in_list(g, C_GIVENF, gaz_given_first, gaz_given_first_n) &&
		    !in_list(g, C_GIVENL, gaz_given_last, gaz_given_last_n))
			return false;
	}
	return !covered(x, a, b);
}

static bool
boundary_after(const struct ex *x, size_t end, size_t p)
{
	int k;
	uint32_t cp;

	if (p >= end)
		return true;
	cp = cp_at(x->t, end, p, &k);
	return !is_han(cp) || in_cls(cp, C_STOP) || gaz_cue_at(CUE_POST, x->t + p, end - p) ||
	       covered(x, p, p + (size_t)k);
}

/* Chinese person names: surname + given name after a title or before a speech verb. */
static void
detect_person_cues(struct ex *x, const struct block *b)
{
	size_t pos = b->start, q;
	uint32_t prev0 = 0, cp0;

	while ((q = next_trig(x, b, pos, b->end, T_PERSON)) < b->end) {
		int k;
		size_t slen, n2, n3, pre;

		if (q > pos) {
			/* the characters skipped were each the previous one in turn */
			prev0 = cp_before(x->t, q);
			pos = q;
		}
		cp0 = cp_at(x->t, b->end, pos, &k);
		if (in_cls(cp0, C_TRANSLIT) && (pos == b->start || !in_cls(prev0, C_TRANSLIT))) {
			/* a transliterated name without a dot, after a title: 地理学家李希霍芬 */
			size_t e = pos, c = 0;

			while (e < b->end && c < 6) {
				int kk;
				uint32_t c2 = cp_at(x->t, b->end, e, &kk);

				if (!in_cls(c2, C_TRANSLIT))
					break;
				e += (size_t)kk;
				c++;
			}
			if (c >= 3 && c <= 5 && boundary_after(x, b->end, e) &&
			    gaz_cue_before(CUE_PRE, x->t + b->start, pos - b->start) &&
			    !covered(x, pos, e) &&
			    (!gaz_is_vocab(x->t + pos, e - pos) ||
			     gaz_vocab_idf_of(x->t + pos, e - pos) >= 85)) {
				name_add(x, pos, e, ENTITY_PER, DETECT_PRIO);
				prev0 = 0;
				pos = e;
				continue;
			}
		}
		prev0 = cp0;
		if (!surname_at(x, b->end, pos, &slen) ||
		    gaz_cue_before(CUE_PRE, x->t + b->start, pos + slen - b->start) > slen) {
			/* not a surname, or the end of a title (主任|刘明: 任 is a surname too) */
			pos += (size_t)k;
			continue;
		}
		n2 = advance(x->t, b->end, pos + slen, 1);
		n3 = advance(x->t, b->end, pos + slen, 2);
		pre = gaz_cue_before(CUE_PRE, x->t + b->start, pos - b->start);
		if (pre) {
			/* after a title: the longer shape when a boundary follows it */
			if (n3 > n2 && name_shape_ok(x, pos, slen, n3, true, true) &&
			    boundary_after(x, b->end, n3)) {
				name_add(x, pos, n3, ENTITY_PER, DETECT_PRIO);
				pos = n3;
				continue;
			}
			if (name_shape_ok(x, pos, slen, n2, true, true) &&
			    boundary_after(x, b->end, n2)) {
				name_add(x, pos, n2, ENTITY_PER, DETECT_PRIO);
				pos = n2;
				continue;
			}
		}
		if (n3 > n2 && gaz_cue_at(CUE_POST, x->t + n3, b->end - n3) &&
		    name_shape_ok(x, pos, slen, n3, true, false)) {
			name_add(x, pos, n3, ENTITY_PER, DETECT_PRIO);
			pos = n3;
			continue;
		}
		if (gaz_cue_at(CUE_POST, x->t + n2, b->end - n2) &&
		    name_shape_ok(x, pos, slen, n2, true, false)) {
			size_t prevc = pos > b->start ? utf8_prev(x->t, pos) : pos;
			uint32_t pc = 0;

			if (prevc < pos)
				utf8_decode_fast(x->t + prevc, b->end - prevc, &pc);
			/* "…X表示": a two-character name needs a boundary before it */
			if (prevc == pos || !is_han(pc) || in_cls(pc, C_STOP) ||
			    covered(x, prevc, pos)) {
				name_add(x, pos, n2, ENTITY_PER, DETECT_PRIO);
				pos = n2;
				continue;
			}
		}
		pos += (size_t)k;
	}
}

/* A katakana name with a cue: 株式会社ミナトセラミックス, 企業クアンタムスケープ (ORG),
 * ブランドのレクサス (PRODUCT), ミナト社 (ORG). Returns where the katakana run ends. */
static size_t
ja_katakana_name(struct ex *x, const struct block *b, size_t pos)
{
	size_t e = pos, n = 0, before = pos, pre;
	int type = -1;

	while (e < b->end) {
		int k;
		uint32_t c = cp_at(x->t, b->end, e, &k);

		if (!is_katakana_word(c))
			break;
		e += (size_t)k;
		n++;
	}
	if (n < 3 || covered(x, pos, e))
		return e > pos ? e : pos + 1;
	/* "…の" between the cue and the name */
	if (before - b->start >= 3 && memcmp(x->t + before - 3, "の", 3) == 0)
		before -= 3;
	pre = gaz_cue_before(CUE_ORGPRE, x->t + b->start, before - b->start);
	if (pre) {
		type = ENTITY_ORG;
	} else if (gaz_cue_before(CUE_PRODUCTPRE, x->t + b->start, before - b->start)) {
		type = ENTITY_PRODUCT;
	} else if (e < b->end && gaz_cue_at(CUE_ORG, x->t + e, b->end - e)) {
		uint32_t c;
		int k;
		size_t cl = gaz_cue_at(CUE_ORG, x->t + e, b->end - e);

		c = cp_at(x->t, b->end, e + cl, &k);
		if (!is_kana(c) && !is_han(c))
			type = ENTITY_ORG;
	}
	if (type < 0)
		return e;
	/* 株式会社 written before the name belongs to it */
	if (pre && before == pos && pre == strlen("株式会社") &&
	    memcmp(x->t + pos - pre, "株式会社", pre) == 0)
		name_add(x, pos - pre, e, ENTITY_ORG, DETECT_PRIO);
	else
		name_add(x, pos, e, type, DETECT_PRIO);
	return e;
}

/* Japanese names: a common surname, up to three more kanji/kana, then 氏/さん/首相/選手… */
static void
detect_ja_names(struct ex *x, const struct block *b)
{
	size_t pos = b->start, nt;
	uint32_t prev_cp = 0;

	while ((nt = next_trig(x, b, pos, b->end, T_JA)) < b->end) {
		int k;
		uint32_t cp;
		size_t i, best = 0;

		if (nt > pos) {
			/* the characters skipped were each the previous one in turn */
			prev_cp = cp_before(x->t, nt);
			pos = nt;
		}
		cp = cp_at(x->t, b->end, pos, &k);
		if (cp >= 0x30A1 && cp <= 0x30FA &&
		    (pos == b->start || prev_cp < 0x30A0 || prev_cp > 0x30FF)) {
			pos = ja_katakana_name(x, b, pos);
			prev_cp = 0x30A1;
			continue;
		}
		if (!is_han(cp)) {
			prev_cp = cp;
			pos += (size_t)k;
			continue;
		}
		if (pos == b->start || !is_han(prev_cp)) {
			/* a run of 3-5 kanji right before an honorific or title: 北村誠一氏,
			 * 湊川沙織社長, 中須賀真一教授 */
			size_t n_found = 0;

			for (i = 3; i <= 5 && !n_found; i++) {
				size_t e = advance(x->t, b->end, pos, i), q = pos, all_han = 1;

				while (q < e) {
					int kk;

					if (!is_han(cp_at(x->t, b->end, q, &kk)))
						all_han = 0;
					q += (size_t)kk;
				}
				if (all_han && e < b->end && utf8_count(x->t + pos, e - pos) == i &&
				    gaz_cue_at(CUE_JPOST, x->t + e, b->end - e) &&
				    !covered(x, pos, e)) {
					name_add(x, pos, e, ENTITY_PER, DETECT_PRIO);
					n_found = e;
				}
			}
			if (n_found) {
				prev_cp = 0x4E00;
				pos = n_found;
				continue;
			}
		}
		prev_cp = cp;
		for (i = 1; i <= 3 && (cp >= 65536 || (cls_of(cp) & C_JASURNAME)); i++) {
			size_t e = advance(x->t, b->end, pos, i);

			if (gaz_blob_find(gaz_ja_surname_str, gaz_ja_surname_off, gaz_ja_surname_n,
					  x->t + pos, e - pos) != NPOS)
				best = e;
		}
		if (best) {
			size_t e = best, j, found = 0;

			for (j = 0; j <= 3 && e < b->end; j++) {
				size_t cue = gaz_cue_at(CUE_JPOST, x->t + e, b->end - e);
				int kk;

				if (cue && !covered(x, pos, e)) {
					name_add(x, pos, e, ENTITY_PER, DETECT_PRIO);
					if (e > best)
						alias_add(x, pos, best, ENTITY_PER, x->t + pos,
							  e - pos);
					found = e;
					break;
				}
				cp = cp_at(x->t, b->end, e, &kk);
				if (!(is_han(cp) || (is_kana(cp) && cp != 0x30FB)))
					break;
				e += (size_t)kk;
			}
			if (found) {
				pos = found;
				continue;
			}
		}
		pos += (size_t)k;
	}
}

/* Is the text before a (within the block) a word boundary: block start, a non-Han character,
 * a stop character, or the end of a known span? */
static bool
boundary_before(const struct ex *x, size_t blk_start, size_t a)
{
	size_t pp;
	uint32_t c;

	if (a <= blk_start)
		return true;
	pp = utf8_prev(x->t, a);
	utf8_decode_fast(x->t + pp, x->len - pp, &c);
	return !is_han(c) || in_cls(c, C_STOP) || span_ending_at(x, a) != NULL;
}

/* The two characters around a cut at pos (the one before and the one after) form an ordinary
 * word: 城|市, 公司|法, 球|队. */
static bool
vocab_across(const struct ex *x, size_t lo, size_t hi, size_t pos)
{
	size_t a, e;

	if (pos <= lo || pos >= hi)
		return false;
	a = utf8_prev(x->t, pos);
	e = advance(x->t, hi, pos, 1);
	return gaz_is_vocab(x->t + a, e - a);
}

/* An unknown name of 2..maxc Han characters ending at pos: the longest that starts on a
 * boundary, holds no stop character and is not an ordinary word. Returns its start or NPOS. */
/* Is the four characters [a, e) two ordinary words, the first a common one (加快|推进,
 * 延长|研发): a verb phrase, not a name before a suffix? The words that begin names of bodies
 * are spared (国家|数据局). */
static bool
verb_phrase(const struct ex *x, size_t a, size_t e)
{
	static const char *const heads[] = {"中央", "国家", "全国", "国际", "世界", "中国", "人民"};
	size_t mid = advance(x->t, e, a, 2), h;

	for (h = 0; h < ARRAY_SIZE(heads); h++)
		if (mid - a == strlen(heads[h]) && memcmp(x->t + a, heads[h], mid - a) == 0)
			return false;
	return gaz_is_vocab(x->t + a, mid - a) && gaz_is_vocab(x->t + mid, e - mid) &&
	       gaz_vocab_idf_of(x->t + a, mid - a) < 60;
}

static size_t
unknown_prefix(const struct ex *x, const struct block *b, size_t pos, size_t maxc, size_t prev_end)
{
	size_t L;

	for (L = maxc; L >= 2; L--) {
		size_t a = pos, i;
		bool ok = true;

		for (i = 0; i < L && ok; i++) {
			uint32_t c;

			if (a <= b->start) {
				ok = false;
				break;
			}
			a = utf8_prev(x->t, a);
			utf8_decode_fast(x->t + a, b->end - a, &c);
			if (!is_han(c) || in_cls(c, C_STOP))
				ok = false;
		}
		if (!ok || covered(x, a, pos) ||
		    (a != prev_end && !boundary_before(x, b->start, a)))
			continue;
		if (gaz_is_vocab(x->t + a, pos - a))
			continue;
		if (L == 4 && verb_phrase(x, a, pos))
			continue;
		return a;
	}
	return NPOS;
}

/* Places by suffix: 遵义市, 湄潭县, 伊犁河, 帕米尔高原 (an unknown 2-3 character name that is
 * not an ordinary word, on a word boundary, the suffix not starting another word). */
static void
detect_place_suffix(struct ex *x, const struct block *b)
{
	size_t pos = b->start, prev_end = NPOS;

	while ((pos = next_trig(x, b, pos, b->end, T_PLACE)) < b->end) {
		int k;
		size_t sl, a, e;
		uint32_t cp;

		cp = cp_at(x->t, b->end, pos, &k);
		if (!may_start(cp, C_PLACESUF)) {
			pos += (size_t)k;
			continue;
		}
		sl = pos > b->start ? gaz_cue_at(CUE_PLACESUFFIX, x->t + pos, b->end - pos) : 0;
		if (!sl || covered(x, pos, pos + sl)) {
			pos += (size_t)k;
			continue;
		}
		e = pos + sl;
		if (vocab_across(x, b->start, b->end, e) ||
		    vocab_across(x, b->start, b->end, pos)) {
			pos += (size_t)k;
			continue;
		}
		a = unknown_prefix(x, b, pos, 3, prev_end);
		if (a != NPOS && !gaz_is_vocab(x->t + a, e - a)) {
			name_add(x, a, e, ENTITY_LOC, DETECT_PRIO);
			prev_end = e; /* 遵义市|湄潭县: the next place may follow at once */
			pos = e;
			continue;
		}
		pos += (size_t)k;
	}
}

/* Katakana right before the suffix [pos, e): ソニー|グループ, ミナト|ホールディングス (the
 * gazetteer cannot match ソニー there: a katakana word goes on after it). A known organization
 * takes the suffix as an alias; unknown katakana makes a name only before グループ or
 * ホールディングス (ゲーム会社 is a game company, not a name). True when it took the suffix. */
static bool
katakana_org(struct ex *x, const struct block *b, size_t pos, size_t e)
{
	size_t ka = pos, kn = 0, cl;
	int t;
	const char *canon;

	while (ka > b->start && is_katakana_word(cp_before(x->t, ka))) {
		ka = utf8_prev(x->t, ka);
		kn++;
	}
	if (kn < 2)
		return false;
	if (match_at(x, pos, ka, &t, &canon, &cl) == pos - ka && canon && t == ENTITY_ORG) {
		alias_add(x, ka, e, ENTITY_ORG, canon, cl);
		return true;
	}
	if ((e - pos == strlen("グループ") && memcmp(x->t + pos, "グループ", e - pos) == 0) ||
	    (e - pos == strlen("ホールディングス") &&
	     memcmp(x->t + pos, "ホールディングス", e - pos) == 0)) {
		name_add(x, ka, e, ENTITY_ORG, DETECT_PRIO);
		return true;
	}
	return false;
}

/* Organizations by suffix: 北京大学, 杭州市数据资源管理局, OpenAI公司, 赣州云岭队. */
static void
detect_org_suffix(struct ex *x, const struct block *b)
{
	size_t pos = b->start;

	while ((pos = next_trig(x, b, pos, b->end, T_ORG)) < b->end) {
		int k;
		size_t sl, wl, a, chars, e;
		const struct span *sp = NULL;
		bool weak = false;
		uint32_t cp;

		cp = cp_at(x->t, b->end, pos, &k);
		if (!may_start(cp, C_ORGSUF)) {
			pos += (size_t)k;
			continue;
		}
		sl = pos > b->start ? gaz_cue_at(CUE_SUFFIX, x->t + pos, b->end - pos) : 0;
		wl = pos > b->start ? gaz_cue_at(CUE_WEAKSUFFIX, x->t + pos, b->end - pos) : 0;
		if (wl > sl) {
			sl = wl;
			weak = true;
		}
		if (!sl || covered(x, pos, pos + sl)) {
			pos += (size_t)k;
			continue;
		}
		e = pos + sl;
		/* 北京|办公室, 公司|法: the suffix must not run into an ordinary word */
		if ((weak && !boundary_after(x, b->end, e)) ||
		    vocab_across(x, b->start, b->end, e)) {
			pos += (size_t)k;
			continue;
		}
		if (katakana_org(x, b, pos, e)) {
			pos = e;
			continue;
		}
		/* a known name right before the suffix, or up to 8 characters before it */
		a = pos;
		chars = 0;
		while (a > b->start && chars <= 8) {
			size_t pp;
			uint32_t c;

			sp = span_ending_at(x, a);
			if (sp)
				break;
			pp = utf8_prev(x->t, a);
			utf8_decode_fast(x->t + pp, b->end - pp, &c);
			if (!is_han(c) || in_cls(c, C_HARD))
				break;
			a = pp;
			chars++;
		}
		if (sp && chars == 0 && sp->type != ENTITY_TERM) {
			if (sp->type == ENTITY_ORG &&
			    (weak || gaz_cue_at(CUE_SAMESUFFIX, x->t + pos, b->end - pos) == sl)) {
				/* "华为公司", "DeepSeek团队": the organization itself */
				int t;
				const char *canon;
				size_t cl;

				if (!weak && match_at(x, sp->end, sp->start, &t, &canon, &cl) &&
				    canon)
					alias_add(x, sp->start, e, ENTITY_ORG, canon, cl);
			} else if (sp->type == -1 &&
				   gaz_cue_at(CUE_SAMESUFFIX, x->t + pos, b->end - pos) == sl) {
				/* "Tegic公司": the Latin name is the organization */
				name_add(x, sp->start, sp->end, ENTITY_ORG, DETECT_PRIO + 1);
			} else if (!(weak && sp->type == ENTITY_PER)) {
				name_add(x, sp->start, e,
					 sp->type == ENTITY_PER ? ENTITY_LOC : ENTITY_ORG,
					 DETECT_PRIO);
			}
			pos = e;
			continue;
		}
		if (sp && (sp->type == ENTITY_LOC || sp->type == ENTITY_ORG) && chars <= 8 &&
		    !vocab_across(x, b->start, b->end, pos)) {
			/* 杭州市|数据资源管理|局: a body named by its place */
			name_add(x, sp->start, e, ENTITY_ORG, DETECT_PRIO);
			bracket_alias(x, b, e, x->t + sp->start, e - sp->start);
			pos = e;
			continue;
		}
		if (!weak && !vocab_across(x, b->start, b->end, pos)) {
			size_t u = unknown_prefix(x, b, pos, 4, NPOS);

			if (u != NPOS && !gaz_is_vocab(x->t + u, e - u)) {
				name_add(x, u, e, ENTITY_ORG, DETECT_PRIO);
				bracket_alias(x, b, e, x->t + u, e - u);
				pos = e;
				continue;
			}
		}
		pos += (size_t)k;
	}
}

/* Lists joined by 、: when some items are known names of one type, the unknown items that
 * look like names (2-4 Han characters, no stop character, not an ordinary word) are names of
 * that type too: 遵义、六盘水、黔东南等 → places. */
static void
detect_lists(struct ex *x, const struct block *b)
{
	size_t pos = b->start;

	while ((pos = next_trig(x, b, pos, b->end, T_LIST)) < b->end) {
		size_t item_a[16], item_b[16], n = 0, i, p, votes[ENTITY_N_TYPES] = {0};
		int k, type = -1;
		uint32_t cp = cp_at(x->t, b->end, pos, &k);

		if (cp != 0x3001) {
			pos += (size_t)k;
			continue;
		}
		/* the item before the first 、: a known span ending there, or up to 4 Han
		 * characters */
		{
			const struct span *sp = span_ending_at(x, pos);
			size_t a = pos, c = 0;

			if (sp) {
				a = sp->start;
			} else {
				while (a > b->start && c < 5) {
					size_t pp = utf8_prev(x->t, a);
					uint32_t pc;

					utf8_decode_fast(x->t + pp, b->end - pp, &pc);
					if (!is_han(pc) || in_cls(pc, C_STOP))
						break;
					a = pp;
					c++;
				}
			}
			item_a[n] = a;
			item_b[n] = pos;
			n++;
		}
		/* the following items */
		p = pos;
		while (p < b->end && n < ARRAY_SIZE(item_a)) {
			size_t a, e, c = 0;

			cp_at(x->t, b->end, p, &k);
			a = e = p + (size_t)k;
			while (e < b->end && c < 6) {
				int kk;
				uint32_t c2 = cp_at(x->t, b->end, e, &kk);
				size_t si = span_after(x, e);

				if (si < x->n_spans && x->spans[si].start == e && e > a)
					break;
				if (si < x->n_spans && x->spans[si].start == e) {
					e = x->spans[si].end;
					c += 2;
					break;
				}
				if (!is_han(c2) || in_cls(c2, C_STOP))
					break;
				e += (size_t)kk;
				c++;
			}
			if (e == a)
				break;
			item_a[n] = a;
			item_b[n] = e;
			n++;
			if (e >= b->end || cp_at(x->t, b->end, e, &k) != 0x3001)
				break;
			p = e;
		}
		for (i = 0; i < n; i++) {
			size_t si = span_after(x, item_a[i]);

			if (si < x->n_spans && x->spans[si].start == item_a[i] &&
			    x->spans[si].end == item_b[i] && x->spans[si].type >= 0 &&
			    x->spans[si].type != ENTITY_TERM)
				votes[x->spans[si].type]++;
		}
		for (i = 0; i < ENTITY_N_TYPES; i++)
			if (votes[i] && (type < 0 || votes[i] > votes[type]))
				type = (int)i;
		if (type >= 0 && n >= 3) {
			for (i = 0; i < n; i++) {
				size_t nc = utf8_count(x->t + item_a[i], item_b[i] - item_a[i]);
				unsigned idf;

				if (covered(x, item_a[i], item_b[i]) || nc < 2 || nc > 4)
					continue;
				idf = gaz_vocab_idf_of(x->t + item_a[i], item_b[i] - item_a[i]);
				if (gaz_is_vocab(x->t + item_a[i], item_b[i] - item_a[i]) &&
				    idf < 85)
					continue;
				name_add(x, item_a[i], item_b[i], type, DETECT_PRIO);
			}
		}
		pos = item_b[n - 1] > pos ? item_b[n - 1] : pos + (size_t)k;
	}
}

/* Publishing source: 本文为X原创, 来源：X. */
static void
detect_source(struct ex *x, const struct block *b)
{
	size_t pos = b->start;

	while ((pos = next_trig(x, b, pos, b->end, T_SOURCE)) < b->end) {
		int k;
		size_t cl, e, chars = 0;
		uint32_t cp0 = cp_at(x->t, b->end, pos, &k);

		if (!may_start(cp0, C_SOURCE)) {
			pos += (size_t)k;
			continue;
		}
		cl = gaz_cue_at(CUE_SOURCE, x->t + pos, b->end - pos);
		if (!cl) {
			pos += (size_t)k;
			continue;
		}
		pos += cl;
		while (pos < b->end && x->t[pos] == ' ')
			pos++;
		e = pos;
		while (e < b->end && chars < 16) {
			uint32_t c;

			if (gaz_cue_at(CUE_SOURCEEND, x->t + e, b->end - e))
				break;
			c = cp_at(x->t, b->end, e, &k);
			if (!(is_cjk_letter(c) ||
			      (c < 128 && (is_alnum((unsigned char)c) || c == ' '))))
				break;
			e += (size_t)k;
			chars++;
		}
		if (chars >= 2 && chars < 16 && e > pos && !covered(x, pos, e))
			name_add(x, pos, e, ENTITY_ORG, DETECT_PRIO);
		pos = e > pos ? e : pos + 1;
	}
}

/* The byline's names (撰文丨白树真, By Jane Doe and John Roe). */
static void
detect_byline(struct ex *x)
{
	const struct doc *d = x->d;
	const struct block *b;
	size_t a, pos;

	if (!d->author || d->byline_block == NPOS || d->byline_block >= d->n_blocks)
		return;
	b = &d->blocks[d->byline_block];
	a = b->end - strlen(d->author) >= b->start ? b->end - strlen(d->author) : b->start;
	if (strncmp(x->t + a, d->author, b->end - a) != 0)
		return;
	pos = a;
	while (pos < b->end) {
		size_t e = pos, chars = 0;
		int k;

		while (e < b->end) {
			uint32_t c = cp_at(x->t, b->end, e, &k);

			if (c == 0x3001 || c == ',' || c == 0xFF0C || c == '/' || c == '&' ||
			    c == 0xFF0F || c == 0x4E28 || c == '|' || c == 0xFF5C ||
			    (c == ' ' && chars && x->t[pos] < 0))
				break;
			if (c == ' ' && e + 5 <= b->end && strncmp(x->t + e, " and ", 5) == 0)
				break;
			e += (size_t)k;
			chars++;
		}
		if (chars >= 2 && chars <= 30 && utf8_count(x->t + pos, e - pos) <= 30) {
			size_t key = gaz_key_find(x->t + pos, e - pos);

			/* a common word (作者：测试) is no name to find all over the text */
			if ((key == NPOS || gaz_key_info[key].type == GAZ_BLOCK) &&
			    !(gaz_is_vocab(x->t + pos, e - pos) &&
			      gaz_vocab_idf_of(x->t + pos, e - pos) < 80)) {
				char *canon = xstrndup(x->t + pos, e - pos);

				ntab_add(&x->nt, x->t + pos, e - pos, ENTITY_PER, canon,
					 BYLINE_PRIO);
				free(canon);
			}
		}
		pos = e;
		while (pos < b->end) {
			uint32_t c = cp_at(x->t, b->end, pos, &k);

			if (c == ' ' && pos + 5 <= b->end && strncmp(x->t + pos, " and ", 5) == 0) {
				pos += 5;
				continue;
			}
			if (is_cjk_letter(c) || (c < 128 && is_alnum((unsigned char)c)))
				break;
			pos += (size_t)k;
		}
	}
}

/* ---- English text -------------------------------------------------------------------------- */

static bool
is_latin_letter(uint32_t cp)
{
	return (cp < 128 && is_alpha((unsigned char)cp)) ||
	       (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

static bool
is_upper_start(const char *t, size_t len, size_t p)
{
	uint32_t cp;

	utf8_decode_fast(t + p, len - p, &cp);
	return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7);
}

struct eword {
	size_t start, end; /* without a trailing possessive 's */
	bool cap, common, sentence_start, connector;
};

static const char *const en_org_words[] = {
    "Inc",        "Corp",       "Corporation", "Company",      "Co",           "Ltd",
    "LLC",        "PLC",        "Group",       "Holdings",     "Bank",         "University",
    "College",    "Institute",  "Ministry",    "Department",   "Agency",       "Committee",
    "Commission", "Council",    "Association", "Foundation",   "Fund",         "Party",
    "Club",       "FC",         "Times",       "Post",         "News",         "Press",
    "Journal",    "Authority",  "Office",      "Court",        "Parliament",   "Senate",
    "Union",      "League",     "Federation",  "Organization", "Organisation", "Capital",
    "Partners",   "Ventures",   "Labs",        "Laboratories", "Technologies", "Technology",
    "Systems",    "Motors",     "Airlines",    "Airways",      "Robotics",     "Insight",
    "Insights",   "Research",   "Analytics",   "Software",     "Networks",     "Pharmaceuticals",
    "Energy",     "Industries", "Solutions",   "Media",        "Studios",      "Entertainment",
    "Bureau",     "Service",    "Services",    "Exchange",     "Reserve",      "Police",
    "Army",       "Navy",       "Chain",       "Logistics",    "Markets",      "Securities",
    "Trust",      "Lab",        "Center",      "Centre",       "School",       "Hospital",
    "Museum",     "Library",    "Network",     "Studio",       "Initiative",   "Program",
    "Programme",  "Project",    "Society",     "Academy",      "Institution",  "Systems",
    "Dynamics",   "Robotics",   "Devices",     "Instruments",  "Electronics",  "Pharma",
    "Bancorp",    "Financial",  "Insurance",   "Brands",       "Foods",        "Stores",
    "Group",      "Transit",    "Rail",        "Railway",      "Railways",     "Metro",
    "Airport",
};
static const char *const en_per_before[] = {
    "Mr",       "Mrs",       "Ms",           "Dr",        "Prof",        "President",
    "Minister", "Senator",   "Governor",     "Mayor",     "Judge",       "King",
    "Queen",    "Pope",      "Chancellor",   "Secretary", "Rep",         "Sen",
    "Gen",      "Sir",       "executive",    "founder",   "co-founder",  "analyst",
    "chief",    "CEO",       "CFO",          "CTO",       "director",    "manager",
    "engineer", "professor", "spokesperson", "spokesman", "spokeswoman", "officer",
    "head",     "partner",   "researcher",   "economist", "author",      "reporter",
    "coach",    "player",
};
static const char *const en_per_after[] = {
    "said",  "says",     "told",     "added",  "noted", "explained", "argued",
    "wrote", "recalled", "believes", "thinks", "who",   "whose",
};
static const char *const en_loc_before[] = {
    "in", "at", "from", "near", "outside", "across", "to",
};

static bool
word_in(const char *s, size_t n, const char *const *list, size_t nl)
{
	size_t i;

	if (!n)
		return false;
	for (i = 0; i < nl; i++) /* the first letter first: most words differ there */
		if (list[i][0] == s[0] && strlen(list[i]) == n && memcmp(list[i], s, n) == 0)
			return true;
	return false;
}

static const char *const en_abbrev[] = {
    "Mr",  "Mrs",  "Ms",  "Dr", "Prof", "St",  "Jr",  "Sr", "Gen", "Sen",    "Rep", "Gov",  "Lt",
    "Col", "Capt", "Sgt", "Mt", "Ft",   "Rev", "Hon", "No", "vs",  "Messrs", "Mme", "Mlle",
};

/* A word whose following full stop is part of it: a title abbreviation or an initial. */
static bool
abbrev_word(const char *s, size_t n)
{
	if (n == 1 && s[0] >= 'A' && s[0] <= 'Z')
		return true;
	return word_in(s, n, en_abbrev, ARRAY_SIZE(en_abbrev));
}

/* Type and add one run of capitalized words w[first..last]. */
static void
english_candidate(struct ex *x, const struct eword *w, size_t n, size_t first, size_t last)
{
	size_t nw, type;
	const struct eword *pw;

	nw = last - first + 1;
	if (nw == 1 && w[first].sentence_start)
		return; /* a lone capitalized word opening a sentence: maybe just a word */
	if (nw == 1 && gaz_latin_kind_of(x->t + w[first].start, w[first].end - w[first].start) >= 0)
		return;
	if (nw == 1 && w[first].end - w[first].start < 2)
		return;
	type = ENTITY_ORG;
	if (!word_in(x->t + w[last].start, w[last].end - w[last].start, en_org_words,
		     ARRAY_SIZE(en_org_words)) &&
	    !(nw >= 2 && word_in(x->t + w[first].start, w[first].end - w[first].start, en_org_words,
				 ARRAY_SIZE(en_org_words)))) {
		/* neither "… Council" nor "Department of …": the words say more */
		size_t q;

		pw = first > 0 && w[first - 1].end > w[first - 1].start ? &w[first - 1] : NULL;
		if (nw >= 2 && nw <= 3) {
			/* two or three words, each a proper word (not "E Ink") */
			size_t q2;

			type = ENTITY_PER;
			for (q2 = first; q2 <= last; q2++)
				if (w[q2].end - w[q2].start < 2 && x->t[w[q2].end] != '.')
					type = ENTITY_ORG; /* "E Ink"; but "John F. Kennedy" */
		}
		if (pw && word_in(x->t + pw->start, pw->end - pw->start, en_per_before,
				  ARRAY_SIZE(en_per_before)))
			type = ENTITY_PER;
		else if (pw && nw == 1 &&
			 word_in(x->t + pw->start, pw->end - pw->start, en_loc_before,
				 ARRAY_SIZE(en_loc_before)))
			type = ENTITY_LOC;
		if (last + 1 < n &&
		    word_in(x->t + w[last + 1].start, w[last + 1].end - w[last + 1].start,
			    en_per_after, ARRAY_SIZE(en_per_after)) &&
		    nw <= 3)
			type = ENTITY_PER;
		for (q = first; q <= last; q++) {
			size_t wl = w[q].end - w[q].start, u, caps = 0;

			for (u = 0; u < wl; u++)
				caps += x->t[w[q].start + u] >= 'A' && x->t[w[q].start + u] <= 'Z';
			if (caps == wl && wl >= 2)
				type = ENTITY_ORG; /* an acronym inside: DHL Supply Chain */
		}
	}
	name_add(x, w[first].start, w[last].end, (int)type, DETECT_PRIO);
	if (type == ENTITY_PER && nw >= 2 && !w[last].common && w[last].end - w[last].start >= 3) {
		/* the family name alone: Raman */
		alias_add(x, w[last].start, w[last].end, ENTITY_PER, x->t + w[first].start,
			  w[last].end - w[first].start);
	}
}

/* Is w[first..last] an organization word, a connector and more ("University of Washington")? */
static bool
english_org_of(const struct ex *x, const struct eword *w, size_t first, size_t last)
{
	size_t q;

	if (last < first + 2 || !word_in(x->t + w[first].start, w[first].end - w[first].start,
					 en_org_words, ARRAY_SIZE(en_org_words)))
		return false;
	for (q = first + 1; q < last; q++)
		if (w[q].connector)
			return true;
	return false;
}

/* In w[first..last], "Dan Ives of Wedbush Securities": two or three words with no organization
 * word, "of", then words ending with an organization word. Returns the index of "of" (NPOS:
 * not that shape). */
static size_t
english_person_of(const struct ex *x, const struct eword *w, size_t first, size_t last)
{
	size_t c, q;

	for (c = first + 2; c <= first + 3 && c < last; c++)
		if (w[c].connector && w[c].end - w[c].start == 2 &&
		    memcmp(x->t + w[c].start, "of", 2) == 0)
			break;
	if (c > first + 3 || c >= last || !w[c].connector ||
	    !word_in(x->t + w[last].start, w[last].end - w[last].start, en_org_words,
		     ARRAY_SIZE(en_org_words)))
		return NPOS;
	for (q = first; q < c; q++)
		if (w[q].connector || w[q].common ||
		    word_in(x->t + w[q].start, w[q].end - w[q].start, en_org_words,
			    ARRAY_SIZE(en_org_words)))
			return NPOS;
	return c;
}

/* Capitalized word sequences in English text: Priya Raman, Kiva Systems, Bank of Japan. */
static void
detect_english_part(struct ex *x, const struct block *b)
{
	struct eword *w = NULL;
	size_t n = 0, cap = 0, pos = b->start, i;
	bool sent = true;

	if (b->kind == BLOCK_TITLE || b->kind == BLOCK_HEADING || b->kind == BLOCK_BYLINE)
		return;
	while (pos < b->end) {
		int k;
		uint32_t cp = cp_at(x->t, b->end, pos, &k);

		if (is_latin_letter(cp)) {
			size_t e = pos;
			struct eword *ew;

			while (e < b->end) {
				int kk;
				uint32_t c = cp_at(x->t, b->end, e, &kk);

				if (is_latin_letter(c) || (c < 128 && is_alnum((unsigned char)c)))
					e += (size_t)kk;
				else if ((c == '-' || c == '\'' || c == '&' || c == '.') &&
					 e + 1 < b->end && is_alnum((unsigned char)x->t[e + 1]))
					e += (size_t)kk;
				else
					break;
			}
			w = xgrow(w, &cap, n + 1, sizeof(*w));
			ew = &w[n++];
			ew->start = pos;
			ew->end = e;
			if (e - pos > 2 && x->t[e - 2] == '\'' && x->t[e - 1] == 's')
				ew->end = e - 2;
			ew->cap = is_upper_start(x->t, b->end, pos);
			ew->common = gaz_is_en_common(x->t + pos, ew->end - pos);
			ew->sentence_start = sent;
			ew->connector =
			    !ew->cap && (ew->end - pos == 2 || ew->end - pos == 3) &&
			    (memcmp(x->t + pos, "of", 2) == 0 || memcmp(x->t + pos, "de", 2) == 0 ||
			     memcmp(x->t + pos, "von", 3) == 0 ||
			     memcmp(x->t + pos, "van", 3) == 0 || memcmp(x->t + pos, "la", 2) == 0);
			sent = false;
			pos = e;
			continue;
		}
		if (cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == ';' || cp == '"' ||
		    cp == 0x201C || cp == 0x2014 || cp == '(')
			sent = cp != '(' ? true : sent;
		if (cp == '.' && n > 0 && w[n - 1].end == pos &&
		    abbrev_word(x->t + w[n - 1].start, w[n - 1].end - w[n - 1].start)) {
			/* "Mr. Smith", "John F. Kennedy": the full stop of an abbreviation or an
			 * initial ends no sentence and does not break the name */
			sent = false;
			pos++;
			continue;
		}
		if (cp == ',' || cp == ')' || cp == 0x201D)
			sent = false;
		if (cp == '&' && pos > b->start && x->t[pos - 1] == ' ' && pos + 1 < b->end &&
		    x->t[pos + 1] == ' ') {
			/* "Barnes & Noble": & joins capitalized words like "of" */
			w = xgrow(w, &cap, n + 1, sizeof(*w));
			memset(&w[n], 0, sizeof(w[n]));
			w[n].start = pos;
			w[n].end = pos + 1;
			w[n].connector = true;
			n++;
			pos++;
			continue;
		}
		if (!(cp == ' ' || cp == '\n')) {
			/* any other character ends a name: mark with a non-word gap */
			w = xgrow(w, &cap, n + 1, sizeof(*w));
			memset(&w[n], 0, sizeof(w[n]));
			w[n].start = w[n].end = pos;
			n++;
		}
		pos += (size_t)k;
	}
	for (i = 0; i < n;) {
		size_t j = i, first, last;

		if (!w[i].cap || w[i].end == w[i].start) {
			i++;
			continue;
		}
		/* a run of capitalized words, with single connectors between them */
		while (j + 1 < n &&
		       (w[j + 1].cap || (w[j + 1].connector && j + 2 < n && w[j + 2].cap &&
					 w[j + 2].end > w[j + 2].start)) &&
		       w[j + 1].end > w[j + 1].start && x->t[w[j].end] != ',')
			j++;
		first = i;
		last = j;
		i = j + 1;
		while (first <= last && (w[first].common || w[first].connector))
			first++;
		while (last > first && (w[last].common || w[last].connector))
			last--;
		if (first > last || w[first].common)
			continue;
		/* "Mayor Bruce Harrell": the title is not part of the name (it makes it a PER) */
		while (first < last && !w[first + 1].connector &&
		       word_in(x->t + w[first].start, w[first].end - w[first].start, en_per_before,
			       ARRAY_SIZE(en_per_before)))
			first++;
		if (english_org_of(x, w, first, last)) {
			/* "University of Washington", "Bank of England": one organization, the
			 * place inside it included */
			english_candidate(x, w, n, first, last);
			continue;
		}
		{
			/* "Dan Ives of Wedbush Securities": a person of an organization */
			size_t c = english_person_of(x, w, first, last);

			if (c != NPOS) {
				english_candidate(x, w, n, first, c - 1);
				english_candidate(x, w, n, c + 1, last);
				continue;
			}
		}
		if (covered(x, w[first].start, w[last].end) &&
		    (covered(x, w[last].start, w[last].end) ||
		     !word_in(x->t + w[last].start, w[last].end - w[last].start, en_org_words,
			      ARRAY_SIZE(en_org_words)))) {
			/* a known name inside: the capitalized runs around it stand on their own
			 * ("Tomás Lindqvist of Sequoia Capital", "Nvidia Jetson") */
			size_t q = first;

			while (q <= last) {
				size_t r;

				if (covered(x, w[q].start, w[q].end) || w[q].connector ||
				    w[q].common) {
					q++;
					continue;
				}
				r = q;
				while (r + 1 <= last && !covered(x, w[r + 1].start, w[r + 1].end) &&
				       w[r + 1].cap)
					r++;
				english_candidate(x, w, n, q, r);
				q = r + 1;
			}
			continue;
		}
		english_candidate(x, w, n, first, last);
	}
	free(w);
}

/* English names, a block at a time, a very long block in pieces cut after a full stop (the
 * word list of a piece stays small). */
static void
detect_english(struct ex *x, const struct block *b)
{
	struct block part = *b;
	size_t cs = b->start;

	while (cs < b->end) {
		size_t ce = b->end;

		if (ce - cs > (256u << 10)) {
			ce = cs + (256u << 10);
			while (ce < b->end && !(x->t[ce - 1] == '.' && x->t[ce] == ' '))
				ce++;
		}
		part.start = cs;
		part.end = ce;
		detect_english_part(x, &part);
		cs = ce;
	}
}

/* ---- recurring names and new words ---------------------------------------------------------- */

/* Neighbour statistics of a candidate n-gram (only those seen 3 times get one). */
struct neigh {
	uint32_t left[16], right[16];
	size_t nleft[16], nright[16];
	size_t n_left, n_right, other_left, other_right;
};

struct gram {
	uint32_t start, len; /* first occurrence (discovery reads at most 1 MB) */
	uint32_t count;
	uint32_t chars;
	uint32_t neigh; /* index + 1 into the neighbour table, 0: none */
};

static void
neigh_add(uint32_t *cps, size_t *counts, size_t *n, size_t *other, uint32_t cp)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (cps[i] == cp) {
			counts[i]++;
			return;
		}
	if (*n < 16) {
		cps[*n] = cp;
		counts[*n] = 1;
		(*n)++;
	} else {
		(*other)++;
	}
}

static double
entropy(const size_t *counts, size_t n, size_t other)
{
	size_t i, total = other;
	double h = 0;

	for (i = 0; i < n; i++)
		total += counts[i];
	if (!total)
		return 0;
	for (i = 0; i < n; i++) {
		double p = (double)counts[i] / (double)total;

		h -= p * log(p);
	}
	for (i = 0; i < other; i++) {
		double p = 1.0 / (double)total;

		h -= p * log(p);
	}
	return h;
}

/* Han runs outside known spans within the discovery window: calls fn on each n-gram. */
struct runs {
	size_t *starts; /* code point start offsets of the current run, plus its end */
	size_t n, cap;
};

static void
discover(struct ex *x)
{
	struct smap idx;
	struct gram *g = NULL;
	struct neigh *nb = NULL;
	size_t n_g = 0, cap_g = 0, n_nb = 0, cap_nb = 0, bi, total = 0, i;
	size_t limit = MIN(x->len, (size_t)DISCOVERY_MAX_BYTES);
	struct runs r = {0};
	int pass;

	smap_init(&idx);
	/* pass 0 counts 1..4-grams; pass 1 collects neighbours of the 2..4-gram candidates */
	for (pass = 0; pass < 2; pass++) {
		for (bi = 0; bi < x->d->n_blocks; bi++) {
			const struct block *b = &x->d->blocks[bi];
			size_t pos = b->start, end = MIN(b->end, limit);

			if (b->kind == BLOCK_PRE || b->start >= limit)
				continue;
			span_scope(x, b);
			while (pos < end) {
				size_t j, n;
				uint32_t prev_cp = 0;

				/* collect one run of Han characters not inside a known span */
				r.n = 0;
				while (pos < end) {
					int k;
					uint32_t cp = cp_at(x->t, end, pos, &k);
					size_t si = span_after(x, pos);

					if (!is_han(cp) ||
					    (si < x->n_spans && x->spans[si].start <= pos))
						break;
					r.starts =
					    xgrow(r.starts, &r.cap, r.n + 2, sizeof(*r.starts));
					r.starts[r.n++] = pos;
					pos += (size_t)k;
				}
				if (r.n == 0) {
					int k;

					cp_at(x->t, end, pos, &k);
					pos += k ? (size_t)k : 1;
					continue;
				}
				r.starts[r.n] = pos;
				if (r.starts[0] > b->start) {
					size_t pp = utf8_prev(x->t, r.starts[0]);

					utf8_decode_fast(x->t + pp, end - pp, &prev_cp);
				}
				for (j = 0; j < r.n; j++) {
					for (n = 1; n <= 4 && j + n <= r.n; n++) {
						size_t a = r.starts[j], e = r.starts[j + n];
						bool added;
						size_t *v;

						if (pass == 0) {
							v = smap_put(&idx, x->t + a, e - a, n_g,
								     &added);
							if (added) {
								g = xgrow(g, &cap_g, n_g + 1,
									  sizeof(*g));
								memset(&g[n_g], 0, sizeof(*g));
								g[n_g].start = (uint32_t)a;
								g[n_g].len = (uint32_t)(e - a);
								g[n_g].chars = (uint32_t)n;
								n_g++;
							}
							g[*v].count++;
							if (n == 1)
								total++;
						} else if (n >= 2) {
							uint32_t lc = j > 0 ? 0 : 1, rc = 1;
							struct neigh *gg;

							v = smap_get(&idx, x->t + a, e - a);
							if (!v || g[*v].count < 3)
								continue;
							if (!g[*v].neigh) {
								nb = xgrow(nb, &cap_nb, n_nb + 1,
									   sizeof(*nb));
								memset(&nb[n_nb], 0, sizeof(*nb));
								g[*v].neigh = (uint32_t)++n_nb;
							}
							gg = &nb[g[*v].neigh - 1];
							/* at a run's edge the neighbour is a
							 * boundary, distinct each time */
							if (j > 0)
								utf8_decode_fast(
								    x->t + r.starts[j - 1], 4, &lc);
							else
								lc = 0x110000 +
								     (uint32_t)(a & 0xffff);
							if (j + n < r.n)
								utf8_decode_fast(
								    x->t + r.starts[j + n], 4, &rc);
							else
								rc = 0x110000 +
								     (uint32_t)(e & 0xffff);
							neigh_add(gg->left, gg->nleft, &gg->n_left,
								  &gg->other_left, lc);
							neigh_add(gg->right, gg->nright,
								  &gg->n_right, &gg->other_right,
								  rc);
						}
					}
				}
				(void)prev_cp;
			}
		}
	}
	/* score */
	{
		bool *keep = xcalloc(n_g + 1, sizeof(*keep));
		size_t min_key = MAX(3, total / 3000);

		for (i = 0; i < n_g; i++) {
			struct gram *w = &g[i];
			double pmi = 1e9;
			size_t s, c0, c1;
			uint32_t first, last;
			int k;
			const char *p = x->t + w->start;

			if (w->chars < 2 || w->count < 3)
				continue;
			first = cp_at(p, w->len, 0, &k);
			utf8_decode_fast(p + utf8_prev(p, w->len), 4, &last);
			if (in_cls(first, C_STOP) || in_cls(last, C_STOP) || first == last)
				continue;
			if (gaz_is_vocab(p, w->len)) {
				/* an ordinary word: a key term when rare in general and frequent
				 * here */
				unsigned idf = gaz_vocab_idf_of(p, w->len);

				if (idf >= 75 && w->count >= min_key)
					keep[i] = true;
				continue;
			}
			for (s = 1; s < w->chars; s++) {
				size_t cut = advance(p, w->len, 0, s);
				size_t *va = smap_get(&idx, p, cut),
				       *vb = smap_get(&idx, p + cut, w->len - cut);
				double v;

				if (!va || !vb)
					break;
				c0 = g[*va].count;
				c1 = g[*vb].count;
				v = log((double)w->count * (double)total /
					((double)c0 * (double)c1));
				if (v < pmi)
					pmi = v;
			}
			if (pmi < 3.5)
				continue;
			if (!w->neigh)
				continue;
			if (entropy(nb[w->neigh - 1].nleft, nb[w->neigh - 1].n_left,
				    nb[w->neigh - 1].other_left) < 0.8 ||
			    entropy(nb[w->neigh - 1].nright, nb[w->neigh - 1].n_right,
				    nb[w->neigh - 1].other_right) < 0.8)
				continue;
			keep[i] = true;
		}
		/* a kept n-gram inside a longer kept one with nearly the same count is dropped */
		for (i = 0; i < n_g; i++) {
			size_t j;

			if (!keep[i])
				continue;
			for (j = 0; j < n_g; j++) {
				if (j == i || !keep[j] || g[j].len <= g[i].len ||
				    g[j].count * 10 < g[i].count * 8)
					continue;
				if (bytes_contain(x->t + g[j].start, g[j].len, x->t + g[i].start,
						  g[i].len)) {
					keep[i] = false;
					break;
				}
			}
		}
		for (i = 0; i < n_g; i++)
			if (keep[i])
				name_add(x, g[i].start, g[i].start + g[i].len, ENTITY_TERM,
					 DETECT_PRIO);
		free(keep);
	}
	free(r.starts);
	free(g);
	free(nb);
	smap_fini(&idx);
}

/* Recurring three-character names (surname + two given-name characters) with no cue. */
static void
detect_recurring_names(struct ex *x)
{
	struct smap seen;
	size_t *counts = NULL, n = 0, cap = 0, bi, *starts = NULL;
	size_t cap_s = 0, i;
	size_t limit = MIN(x->len, (size_t)DISCOVERY_MAX_BYTES);

	smap_init(&seen);
	for (bi = 0; bi < x->d->n_blocks; bi++) {
		const struct block *b = &x->d->blocks[bi];
		size_t pos = b->start, end = MIN(b->end, limit);

		if (b->kind == BLOCK_PRE || b->start >= limit)
			continue;
		span_scope(x, b);
		while (pos < end) {
			int k;
			size_t slen, e;
			uint32_t g1, g2;

			cp_at(x->t, end, pos, &k);
			if (!surname_at(x, end, pos, &slen) || slen != (size_t)k) {
				pos += (size_t)k;
				continue;
			}
			e = advance(x->t, end, pos + slen, 2);
			g1 = cp_at(x->t, end, pos + slen, &k);
			g2 = cp_at(x->t, end, advance(x->t, end, pos + slen, 1), &k);
			if (utf8_count(x->t + pos, e - pos) == 3 &&
			    (in_list(g1, C_GIVENF, gaz_given_first, gaz_given_first_n) ||
			     in_list(g1, C_GIVEN1, gaz_given1, gaz_given1_n)) &&
			    (in_list(g2, C_GIVENL, gaz_given_last, gaz_given_last_n) ||
			     in_list(g2, C_GIVEN1, gaz_given1, gaz_given1_n)) &&
			    name_shape_ok(x, pos, slen, e, false, false) &&
			    !gaz_is_vocab(x->t + pos + slen, e - pos - slen) &&
			    !gaz_is_vocab(x->t + pos, advance(x->t, end, pos, 2) - pos) &&
			    boundary_after(x, end, e)) {
				bool added;
				size_t *v = smap_put(&seen, x->t + pos, e - pos, n, &added);

				if (added) {
					counts = xgrow(counts, &cap, n + 1, sizeof(*counts));
					starts = xgrow(starts, &cap_s, n + 1, sizeof(*starts));
					counts[n] = 0;
					starts[n] = pos;
					n++;
				}
				counts[*v]++;
			}
			cp_at(x->t, end, pos, &k);
			pos += (size_t)k;
		}
	}
	for (i = 0; i < n; i++) {
		if (counts[i] >= 2) {
			size_t e = advance(x->t, x->len, starts[i], 3);

			name_add(x, starts[i], e, ENTITY_PER, DETECT_PRIO);
		}
	}
	free(counts);
	free(starts);
	smap_fini(&seen);
}

/* ---- pass B: tagging ------------------------------------------------------------------------ */

#define WEAK_BIT ((size_t)1 << (sizeof(size_t) * 8 - 1)) /* on a mention's entity: weak */
#define SURE_BIT ((size_t)1 << (sizeof(size_t) * 8 - 2)) /* weak, but named in its sentence */

struct form {
	size_t start, len; /* first occurrence in the text */
	size_t count;
};

struct ebuild {
	int type;
	char *canon;
	struct form *forms;
	size_t n_forms, cap_forms;
	size_t n_mentions;
};

/* Mentions grouped into entities while pass B finds them. */
struct setbuild {
	struct smap ids;
	const char *last_canon; /* the same name table entry twice in a row: same entity */
	size_t last_id;
	struct ebuild *eb;
	size_t n_eb, cap_eb;
	struct entity_mention *m;
	size_t n_m, cap_m;
	struct entity_mention *more; /* the second half's, after m (setbuild_merge) */
	size_t n_more;
	size_t n_weak; /* mentions marked WEAK_BIT (see weak_filter) */
	/* canonical name pointer → entity id, direct-mapped: a name table entry or gazetteer
	 * group keeps its pointer, so most mentions need no hashing of the name */
	struct {
		const char *canon;
		size_t id;
	} cache[256];
};

static void
sb_add(struct ex *x, struct setbuild *sb, size_t start, size_t end, int type, const char *canon,
       size_t canon_len, bool weak)
{
	bool added = false;
	size_t id, f, i = sb->n_m;
	size_t h = (size_t)(((uint64_t)(uintptr_t)canon * 0x9E3779B97F4A7C15ull) >> 56);
	struct ebuild *e;

	if (canon == sb->last_canon) {
		id = sb->last_id;
	} else if (sb->cache[h].canon == canon) {
		id = sb->cache[h].id;
	} else {
		id = *smap_put(&sb->ids, canon, canon_len, sb->n_eb, &added);
		sb->cache[h].canon = canon;
		sb->cache[h].id = id;
	}
	sb->last_canon = canon;
	sb->last_id = id;
	if (added) {
		sb->eb = xgrow(sb->eb, &sb->cap_eb, sb->n_eb + 1, sizeof(*sb->eb));
		e = &sb->eb[sb->n_eb++];
		memset(e, 0, sizeof(*e));
		e->type = type;
		e->canon = xstrndup(canon, canon_len);
	}
	e = &sb->eb[id];
	for (f = 0; f < e->n_forms; f++)
		if (e->forms[f].len == end - start &&
		    memcmp(x->t + e->forms[f].start, x->t + start, e->forms[f].len) == 0)
			break;
	if (f == e->n_forms) {
		e->forms = xgrow(e->forms, &e->cap_forms, e->n_forms + 1, sizeof(*e->forms));
		e->forms[f].start = start;
		e->forms[f].len = end - start;
		e->forms[f].count = 0;
		e->n_forms++;
	}
	e->forms[f].count++;
	e->n_mentions++; /* its list of mentions is filled in by build_set */
	if (sb->n_m == sb->cap_m)
		sb->m = xgrow(sb->m, &sb->cap_m, sb->n_m + 1, sizeof(*sb->m));
	sb->m[i].start = start;
	sb->m[i].end = end;
	sb->m[i].entity = weak ? id | WEAK_BIT : id;
	sb->n_weak += weak;
	sb->n_m++;
}

/* ---- weak names ---------------------------------------------------------------------------
 * A name that is also an ordinary word ("~name" in the lists: 小米 millet, 苹果 apple, 联想 to
 * associate, 字节 byte, 三星 three stars, 元宝 an ingot) counts only in context: right after a
 * numeral or measure word it is the ordinary word; it is the name when a cue follows it (公司,
 * 手机, 发布, 表示, "(Xiaomi)"), when an organization or product named without doubt stands in
 * the same sentence (华为、小米和OPPO; 苹果把中国AI合作伙伴定为阿里巴巴), or when its section
 * names it so (小米集团 … 小米). Otherwise the mention is dropped, and an entity left with no
 * mention goes with it. */

/* The character before the name at a (spaces skipped) is a numeral, measure word or
 * demonstrative. */
static bool
weak_after_measure(const struct ex *x, size_t blk_start, size_t a)
{
	static const char measure[] = "一二三四五六七八九十百千万亿兆两几多每个些种类颗只斤块片"
				      "粒袋箱碗盘杯串筐吨克这那該這個種顆隻塊";
	uint32_t c;
	size_t p;

	while (a > blk_start && x->t[a - 1] == ' ')
		a--;
	if (a <= blk_start)
		return false;
	p = utf8_prev(x->t, a);
	utf8_decode_fast(x->t + p, a - p, &c);
	if ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19))
		return true;
	if (c < 0x80)
		return false;
	return bytes_contain(measure, sizeof(measure) - 1, x->t + p, a - p);
}

/* A cue right after a weak name at p: an organization, product or speech cue, an agent verb
 * (苹果把…, 小米宣布…) or a Latin name in brackets (联想（Legend）). */
static bool
weak_named_here(const struct ex *x, size_t p, size_t end)
{
	static const char *const agent[] = {"把", "将", "將", "宣布", "推出", "公布", "公佈"};
	size_t i;
	uint32_t c;
	int k;

	if (p >= end)
		return false;
	c = cp_at(x->t, end, p, &k);
	if ((c == '(' || c == 0xFF08) && p + (size_t)k < end && x->t[p + (size_t)k] > 0 &&
	    is_alpha((unsigned char)x->t[p + (size_t)k]))
		return true;
	if (gaz_cue_at(CUE_ORG, x->t + p, end - p) ||
	    gaz_cue_at(CUE_SAMESUFFIX, x->t + p, end - p) ||
	    gaz_cue_at(CUE_PRODUCT, x->t + p, end - p) || gaz_cue_at(CUE_POST, x->t + p, end - p))
		return true;
	for (i = 0; i < ARRAY_SIZE(agent); i++) {
		size_t n = strlen(agent[i]);

		if (end - p >= n && memcmp(x->t + p, agent[i], n) == 0)
			return true;
	}
	return false;
}

static void
pass_b_block(struct ex *x, const struct block *b, struct setbuild *sb)
{
	size_t pos = b->start, end = b->end;

	while (pos < end) {
		int k, type = -1;
		uint32_t cp = cp_at(x->t, end, pos, &k);
		const char *canon = NULL;
		size_t cl = 0, ml;

		if (cp < 128 && is_alnum((unsigned char)cp)) {
			if (pos > b->start && is_alnum((unsigned char)x->t[pos - 1])) {
				pos++;
				continue;
			}
			ml = match_at_mode(x, end, pos, &type, &canon, &cl, 2);
			if (!ml) {
				pos = latin_token_end(x->t, end, pos);
				continue;
			}
		} else if (cjk_letter(cp)) {
			size_t key = 0, gl = gaz_cached(x, end, pos, &key);

			ml = gl || ntab_may_start(&x->nt, cp)
				 ? match_with(x, end, pos, gl, key, &type, &canon, &cl, false)
				 : 0;
			if (ml && ml == gl && type >= 0 && type < ENTITY_N_TYPES &&
			    inside_translit(x, b->start, end, pos, ml))
				ml = 0; /* as pass A did */
			if (!ml) {
				pos += (size_t)k;
				continue;
			}
		} else {
			pos += (size_t)k;
			continue;
		}
		if (type >= 0 && type < ENTITY_N_TYPES && canon) {
			bool weak = x->matched_weak;

			/* 两斤小米, 每个字节, 这种联想: the ordinary word */
			if (weak && weak_after_measure(x, b->start, pos)) {
				pos += ml;
				continue;
			}
			sb_add(x, sb, pos, pos + ml, type, canon, cl,
			       weak && !weak_named_here(x, pos + ml, end));
		}
		pos += ml;
	}
}

static int
cmp_form(const void *a, const void *b)
{
	const struct form *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

static struct entity_mention *
sb_ment(struct setbuild *sb, size_t i)
{
	return i < sb->n_m ? &sb->m[i] : &sb->more[i - sb->n_m];
}

/* Is there a sentence end (。！？!? or a line end) in text [a, b)? */
static bool
sentence_end_in(const char *t, size_t a, size_t b)
{
	for (; a < b; a++) {
		unsigned char c = (unsigned char)t[a];

		if (c == '\n' || c == '!' || c == '?')
			return true;
		if (a + 3 > b || c < 0xE3)
			continue;
		if (c == 0xE3 && (unsigned char)t[a + 1] == 0x80 && (unsigned char)t[a + 2] == 0x82)
			return true; /* 。 */
		if (c == 0xEF && (unsigned char)t[a + 1] == 0xBC &&
		    ((unsigned char)t[a + 2] == 0x81 || (unsigned char)t[a + 2] == 0x9F))
			return true; /* ！ ？ */
	}
	return false;
}

/* Is there a mention of an organization or product that is not weak in the same sentence as
 * mention i (looking dir = -1 back or +1 forward, at most 32 mentions)? */
static bool
weak_sentence_named(const struct ex *x, struct setbuild *sb, size_t n, size_t i, int dir)
{
	const struct entity_mention *m = sb_ment(sb, i), *prev = m;
	size_t j = i, steps;

	for (steps = 0; steps < 32; steps++) {
		const struct entity_mention *o;
		int type;

		if (dir < 0 ? j == 0 : j + 1 >= n)
			return false;
		j = dir < 0 ? j - 1 : j + 1;
		o = sb_ment(sb, j);
		if (dir < 0 ? sentence_end_in(x->t, o->end, prev->start)
			    : sentence_end_in(x->t, prev->end, o->start))
			return false;
		prev = o;
		if (o->entity & WEAK_BIT)
			continue;
		type = sb->eb[o->entity].type;
		if (type == ENTITY_ORG || type == ENTITY_PRODUCT)
			return true;
	}
	return false;
}

/* Weak mentions of an entity that its section also names without doubt count. */
static void
weak_by_section(const struct ex *x, struct setbuild *sb, size_t n)
{
	const struct doc *d = x->d;
	size_t i, sec = 0, lo = 0, *stamp = xmalloc((sb->n_eb + 1) * sizeof(*stamp));

	for (i = 0; i < sb->n_eb; i++)
		stamp[i] = SIZE_MAX;
	while (lo < n) {
		size_t hi = lo,
		       next = sec + 1 < d->n_sections ? d->sections[sec + 1].start : SIZE_MAX;

		if (sb_ment(sb, lo)->start >= next) {
			sec++;
			continue;
		}
		while (hi < n && sb_ment(sb, hi)->start < next)
			hi++;
		for (i = lo; i < hi; i++)
			if (!(sb_ment(sb, i)->entity & WEAK_BIT))
				stamp[sb_ment(sb, i)->entity] = sec;
		for (i = lo; i < hi; i++) {
			struct entity_mention *m = sb_ment(sb, i);

			if ((m->entity & WEAK_BIT) && stamp[m->entity & ~WEAK_BIT] == sec)
				m->entity &= ~WEAK_BIT;
		}
		lo = hi;
		sec++;
	}
	free(stamp);
}

/* Decide the weak mentions (see "weak names" above), drop the rest and the entities left
 * without a mention; ids stay in first-mention order, forms are counted again. */
static void
weak_filter(struct ex *x, struct setbuild *sb)
{
	size_t n = sb->n_m + sb->n_more, i, *newid, n_new = 0, seg;
	struct ebuild *neb;
	bool *lost, *recount;

	if (!sb->n_weak)
		return;
	/* named without doubt in the same section, then in the same sentence (which may name
	 * the entity in its section again: 字节跳动 … 字节推出了豆包) */
	weak_by_section(x, sb, n);
	for (i = 0; i < n; i++) {
		struct entity_mention *m = sb_ment(sb, i);

		if ((m->entity & WEAK_BIT) &&
		    (weak_sentence_named(x, sb, n, i, -1) || weak_sentence_named(x, sb, n, i, 1)))
			m->entity |= SURE_BIT;
	}
	for (i = 0; i < n; i++) {
		struct entity_mention *m = sb_ment(sb, i);

		if (m->entity & SURE_BIT)
			m->entity &= ~(WEAK_BIT | SURE_BIT);
	}
	weak_by_section(x, sb, n);
	/* drop what is left weak; renumber in first-mention order */
	newid = xmalloc((sb->n_eb + 1) * sizeof(*newid));
	lost = xcalloc(sb->n_eb + 1, sizeof(*lost));
	for (i = 0; i < sb->n_eb; i++)
		newid[i] = SIZE_MAX;
	for (seg = 0; seg < 2; seg++) {
		struct entity_mention *a = seg ? sb->more : sb->m;
		size_t na = seg ? sb->n_more : sb->n_m, k, o = 0;

		for (k = 0; k < na; k++) {
			size_t e = a[k].entity & ~WEAK_BIT;

			if (a[k].entity & WEAK_BIT) {
				lost[e] = true;
				continue;
			}
			if (newid[e] == SIZE_MAX)
				newid[e] = n_new++;
			a[o] = a[k];
			a[o++].entity = newid[e];
		}
		if (seg)
			sb->n_more = o;
		else
			sb->n_m = o;
	}
	neb = xcalloc(n_new + 1, sizeof(*neb));
	recount = xcalloc(n_new + 1, sizeof(*recount));
	for (i = 0; i < sb->n_eb; i++) {
		struct ebuild *e;
		size_t f;

		if (newid[i] == SIZE_MAX) {
			free(sb->eb[i].forms);
			free(sb->eb[i].canon);
			continue;
		}
		e = &neb[newid[i]];
		*e = sb->eb[i];
		if (!lost[i])
			continue;
		recount[newid[i]] = true;
		for (f = 0; f < e->n_forms; f++)
			e->forms[f].count = 0; /* start still holds the form's text */
		e->n_mentions = 0;
	}
	/* the forms of the entities that lost mentions, counted from the mentions kept (the
	 * first occurrence too) */
	n = sb->n_m + sb->n_more;
	for (i = 0; i < n; i++) {
		const struct entity_mention *m = sb_ment(sb, i);
		struct ebuild *e = &neb[m->entity];
		size_t f, len = m->end - m->start;

		if (!recount[m->entity])
			continue;
		for (f = 0; f < e->n_forms; f++)
			if (e->forms[f].len == len &&
			    memcmp(x->t + e->forms[f].start, x->t + m->start, len) == 0)
				break;
		if (f == e->n_forms)
			continue; /* cannot happen: every mention's form is listed */
		if (!e->forms[f].count)
			e->forms[f].start = m->start; /* its first occurrence kept */
		e->forms[f].count++;
		e->n_mentions++;
	}
	for (i = 0; i < n_new; i++) {
		struct ebuild *e = &neb[i];
		size_t f, o = 0;

		if (!recount[i])
			continue;
		for (f = 0; f < e->n_forms; f++)
			if (e->forms[f].count)
				e->forms[o++] = e->forms[f];
		e->n_forms = o;
	}
	free(recount);
	free(lost);
	free(newid);
	free(sb->eb);
	sb->eb = neb;
	sb->n_eb = sb->cap_eb = n_new;
	sb->n_weak = 0;
}

/* spare: memory of spare_bytes already written to (no page faults), for the mention indices
 * when it is large enough (taken over: freed with the set); NULL for none. */
static void
build_set(struct ex *x, struct setbuild *sb, struct entity_set *s, void *spare, size_t spare_bytes)
{
	struct ebuild *eb = sb->eb;
	size_t n_eb = sb->n_eb, i, sec, at = 0;

	smap_fini(&sb->ids);
	s->mentions = sb->m ? sb->m : xcalloc(1, sizeof(*s->mentions));
	s->n_lo = sb->n_m;
	s->more = sb->more;
	s->n_mentions = sb->n_m + sb->n_more;
	if (s->n_mentions > UINT32_MAX) /* 4 billion mentions: more than any text in memory */
		s->n_mentions = UINT32_MAX;
	if (spare && spare_bytes >= (s->n_mentions + 1) * sizeof(*s->idx)) {
		s->idx = spare;
	} else {
		free(spare);
		s->idx = xmalloc((s->n_mentions + 1) * sizeof(*s->idx));
	}
	s->n_ents = n_eb;
	s->ents = xcalloc(n_eb + 1, sizeof(*s->ents));
	for (i = 0; i < n_eb; i++) {
		struct ebuild *e = &eb[i];
		struct entity *en = &s->ents[i];
		size_t f, t;

		qsort(e->forms, e->n_forms, sizeof(*e->forms), cmp_form);
		en->name = xstrndup(x->t + e->forms[0].start, e->forms[0].len);
		en->type = (enum entity_type)e->type;
		for (t = 0; t < x->ul.n_types; t++)
			if (strcmp(x->ul.types[t].canon, e->canon) == 0)
				en->type = (enum entity_type)x->ul.types[t].type;
		en->n_aliases = e->n_forms - 1;
		en->aliases = xcalloc(e->n_forms, sizeof(char *));
		for (f = 1; f < e->n_forms; f++)
			en->aliases[f - 1] = xstrndup(x->t + e->forms[f].start, e->forms[f].len);
		en->count = 0;
		en->mentions = s->idx + at;
		at += e->n_mentions;
		free(e->forms);
		free(e->canon);
	}
	free(eb);
	/* each entity's mentions, in text order */
	for (i = 0; i < s->n_mentions; i++) {
		struct entity *en = &s->ents[ment(s, i)->entity];

		if (!en->count)
			en->first = ment(s, i)->start;
		en->mentions[en->count++] = (uint32_t)i;
	}
	/* per-section ranges (mentions are in text order, sections are contiguous) */
	s->n_sections = x->d->n_sections;
	s->sec_first = xcalloc(s->n_sections + 2, sizeof(*s->sec_first));
	i = 0;
	for (sec = 0; sec < s->n_sections; sec++) {
		s->sec_first[sec] = i;
		while (i < s->n_mentions && (sec + 1 == s->n_sections ||
					     ment(s, i)->start < x->d->sections[sec + 1].start))
			i++;
	}
	s->sec_first[s->n_sections] = s->n_mentions;
}

/* ---- the document in two halves ----------------------------------------------------------
 * From twice HALF_MIN bytes on, every stage that walks the blocks runs in two threads: the
 * blocks before the one starting nearest the middle here, the others in a second thread on a
 * copy of the state. What that copy would change in the shared state (the name table, the
 * pending spans) it writes to a log instead, replayed in order once the first half is done:
 * the result is exactly that of one thread walking every block, since within a stage no
 * detector reads what the stage itself adds (the detectors read the spans, which change only
 * between stages, and the name table's snapshot, taken between stages; the two checks that
 * read the table itself, in quote_add and dot_alias_add, are made at replay). */
#define HALF_MIN ((size_t)256 << 10)

static bool
threads_off(void)
{
	return getenv("JINGDU_TEST_NO_THREADS") != NULL;
}

/* Run fn(arg) in a thread (true), or here and now when threads are off or none can be had
 * (the callers' results do not depend on when it runs). */
static bool
run_beside(pthread_t *th, void *(*fn)(void *), void *arg)
{
	if (!threads_off() && pthread_create(th, NULL, fn, arg) == 0)
		return true;
	fn(arg);
	return false;
}

/* The block starting nearest the middle of the text, or NPOS when the text is too short for
 * a second thread to pay. */
static size_t
middle_block(const struct ex *x)
{
	const struct doc *d = x->d;
	size_t lo = 0, hi = d->n_blocks;

	if (x->len < 2 * x->half_min || d->n_blocks < 2)
		return NPOS;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (d->blocks[mid].start < x->len / 2)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && lo < d->n_blocks ? lo : NPOS;
}

/* The first round on one block (after pass A over it). */
static void
round1_block(struct ex *x, const struct block *b)
{
	span_scope(x, b);
	pending_chunk(x);
	detect_quotes(x, b);
	detect_dot_names(x, b);
	if (block_is_latin(x, b)) {
		detect_english(x, b);
	} else {
		detect_place_suffix(x, b);
		detect_person_cues(x, b);
		if (block_has_kana(x, b))
			detect_ja_names(x, b);
	}
}

/* The second round on one block: names built on the ones found (杭州市数据资源管理局,
 * 大连蓝湾队). */
static void
round2_block(struct ex *x, const struct block *b)
{
	size_t i;

	span_scope(x, b);
	pending_chunk(x);
	if (!block_is_latin(x, b)) {
		detect_org_suffix(x, b);
		detect_lists(x, b);
		/* a known organization with its abbreviation in brackets after it */
		for (i = x->sp_lo; i < x->sp_hi; i++) {
			const struct span *sp = &x->spans[i];
			int t;
			const char *canon;
			size_t cl;

			if (sp->type == ENTITY_ORG && sp->end < b->end &&
			    (x->t[sp->end] == '(' || (unsigned char)x->t[sp->end] == 0xEF) &&
			    match_at(x, sp->end, sp->start, &t, &canon, &cl) ==
				sp->end - sp->start &&
			    canon)
				bracket_alias(x, b, sp->end, canon, cl);
		}
	}
	detect_source(x, b);
}

/* The second half: blocks [lo, hi), each stage on its own copy of the state. */
struct half {
	struct ex x;
	struct oplog log;
	size_t lo, hi;
	void (*round)(struct ex *, const struct block *);
	/* kept from the first stage for pass B: its match records, and its span list's memory
	 * (already touched: the second half's mention list) */
	struct gaz_hit **hit_blocks;
	size_t n_hit_blocks, cap_hit_blocks, n_hits;
	struct span *mem;
	size_t cap_mem;
	uint8_t *trig; /* the decoding window, kept from stage to stage */
	size_t trig_cap;
	struct setbuild sb; /* pass B's */
};

/* h->x becomes a copy of x for a stage of the second half. */
static void
half_stage(struct half *h, const struct ex *x)
{
	h->x = *x;
	if (x->cut_pos != SIZE_MAX && !x->in_second) {
		h->x.spans = x->alt_spans;
		h->x.n_spans = x->alt_n;
		h->x.cap_spans = x->alt_cap;
	}
	h->x.alt_spans = NULL;
	h->x.alt_n = h->x.alt_cap = 0;
	h->x.cut_pos = SIZE_MAX;
	h->x.in_second = false;
	h->x.trig = h->trig;
	h->x.trig_cap = h->trig_cap;
	h->x.trig_a = h->x.trig_b = 0;
	h->x.sp_scoped = false;
	h->x.log = &h->log;
	h->x.hit_blocks = NULL;
	h->x.n_hit_blocks = h->x.cap_hit_blocks = h->x.n_hits = 0;
}

static void
half_stage_done(struct half *h)
{
	h->trig = h->x.trig;
	h->trig_cap = h->x.trig_cap;
}

/* Pass A and the first round over the second half: its own spans, match records and Latin
 * tokens. */
static void *
half_first(void *arg)
{
	struct half *h = arg;
	const struct block *blocks = h->x.d->blocks;
	size_t bi;

	latin_blocks_fill(&h->x, h->lo, h->hi);
	for (bi = h->lo; bi < h->hi; bi++)
		if (blocks[bi].kind != BLOCK_PRE)
			pass_a_block(&h->x, &blocks[bi]);
	for (bi = h->lo; bi < h->hi; bi++)
		if (blocks[bi].kind != BLOCK_PRE)
			round1_block(&h->x, &blocks[bi]);
	return NULL;
}

/* Start the second half's pass A and first round (x is set up, with nothing found yet). */
static void
half_first_start(struct half *h, const struct ex *x, size_t cut, pthread_t *th, bool *threaded)
{
	memset(h, 0, sizeof(*h));
	buf_init(&h->log.str);
	h->lo = cut;
	h->hi = x->d->n_blocks;
	half_stage(h, x);
	smap_init(&h->x.latin_index);
	*threaded = run_beside(th, half_first, h);
}

/* x has done the first half: add the second half's spans, Latin tokens and log. */
static void
half_first_merge(struct ex *x, struct half *h)
{
	struct ex *y = &h->x;
	size_t i;
	int j;

	/* the halves keep their own spans until pass B */
	x->alt_spans = y->spans;
	x->alt_n = y->n_spans;
	x->alt_cap = y->cap_spans;
	x->cut_pos = x->d->blocks[h->lo].start;
	x->in_second = false;
	x->sp_scoped = false;
	/* the same token in both halves: one record with the counts and votes added up */
	for (i = 0; i < y->n_latin; i++) {
		const struct latin_stat *b = &y->latin[i];
		bool added = false;
		size_t *v = smap_put(&x->latin_index, x->t + b->start, b->len, x->n_latin, &added);

		if (added) {
			x->latin =
			    xgrow(x->latin, &x->cap_latin, x->n_latin + 1, sizeof(*x->latin));
			x->latin[x->n_latin++] = *b;
		} else {
			x->latin[*v].count += b->count;
			for (j = 0; j < ENTITY_N_TYPES; j++)
				x->latin[*v].votes[j] += b->votes[j];
		}
	}
	smap_fini(&y->latin_index);
	free(y->latin);
	h->hit_blocks = y->hit_blocks;
	h->n_hit_blocks = y->n_hit_blocks;
	h->cap_hit_blocks = y->cap_hit_blocks;
	h->n_hits = y->n_hits;
	half_stage_done(h);
	oplog_replay(x, &h->log);
	h->log.n = 0;
	h->log.str.len = 0;
}

static void *
half_round(void *arg)
{
	struct half *h = arg;
	size_t bi;

	for (bi = h->lo; bi < h->hi; bi++)
		if (h->x.d->blocks[bi].kind != BLOCK_PRE)
			h->round(&h->x, &h->x.d->blocks[bi]);
	return NULL;
}

/* A round of detectors over every block, as one loop would (see above). */
static void
round_all(struct ex *x, struct half *h, void (*round)(struct ex *, const struct block *))
{
	size_t bi, end = h ? h->lo : x->d->n_blocks;
	pthread_t th;
	bool threaded = false;

	if (h) {
		half_stage(h, x);
		h->round = round;
		threaded = run_beside(&th, half_round, h);
	}
	for (bi = 0; bi < end; bi++)
		if (x->d->blocks[bi].kind != BLOCK_PRE)
			round(x, &x->d->blocks[bi]);
	if (h) {
		if (threaded)
			pthread_join(th, NULL);
		half_stage_done(h);
		oplog_replay(x, &h->log);
		h->log.n = 0;
		h->log.str.len = 0;
	}
}

/* Add sb2's entities and mentions (all found after sb1's) to sb1. */
static void
setbuild_merge(struct ex *x, struct setbuild *sb1, struct setbuild *sb2)
{
	size_t i, f, *map = xmalloc((sb2->n_eb + 1) * sizeof(*map));

	for (i = 0; i < sb2->n_eb; i++) {
		struct ebuild *e2 = &sb2->eb[i], *e1;
		bool added = false;
		size_t id = *smap_put(&sb1->ids, e2->canon, strlen(e2->canon), sb1->n_eb, &added);

		map[i] = id;
		if (added) {
			/* first named in the second half: it moves over whole (the map's key is
			 * its own canonical string, which moves with it) */
			sb1->eb = xgrow(sb1->eb, &sb1->cap_eb, sb1->n_eb + 1, sizeof(*sb1->eb));
			sb1->eb[sb1->n_eb++] = *e2;
			continue;
		}
		e1 = &sb1->eb[id];
		for (f = 0; f < e2->n_forms; f++) {
			const struct form *g = &e2->forms[f];
			size_t k;

			for (k = 0; k < e1->n_forms; k++)
				if (e1->forms[k].len == g->len &&
				    memcmp(x->t + e1->forms[k].start, x->t + g->start, g->len) == 0)
					break;
			if (k == e1->n_forms) {
				e1->forms = xgrow(e1->forms, &e1->cap_forms, e1->n_forms + 1,
						  sizeof(*e1->forms));
				e1->forms[e1->n_forms++] = *g;
			} else {
				e1->forms[k].count += g->count;
			}
		}
		e1->n_mentions += e2->n_mentions;
		free(e2->forms);
		free(e2->canon);
	}
	/* the second half's mentions stay where they are (copying them would touch as much
	 * fresh memory again), their entities renumbered */
	for (i = 0; i < sb2->n_m; i++)
		sb2->m[i].entity =
		    map[sb2->m[i].entity & ~WEAK_BIT] | (sb2->m[i].entity & WEAK_BIT);
	sb1->n_weak += sb2->n_weak;
	sb1->more = sb2->m;
	sb1->n_more = sb2->n_m;
	free(sb2->eb);
	smap_fini(&sb2->ids);
	free(map);
}

static void *
half_pass_b(void *arg)
{
	struct half *h = arg;
	size_t bi;

	for (bi = h->lo; bi < h->hi; bi++)
		if (h->x.d->blocks[bi].kind != BLOCK_PRE)
			pass_b_block(&h->x, &h->x.d->blocks[bi], &h->sb);
	return NULL;
}

/* Pass B over every block into sb, x's match records set to be read from the start. */
static void
pass_b_all(struct ex *x, struct half *h, struct setbuild *sb)
{
	size_t bi, end = h ? h->lo : x->d->n_blocks;
	pthread_t th;
	bool threaded = false;

	if (h) {
		half_stage(h, x);
		h->x.log = NULL;
		h->x.hit_blocks = h->hit_blocks;
		h->x.n_hit_blocks = h->n_hit_blocks;
		h->x.cap_hit_blocks = h->cap_hit_blocks;
		h->x.n_hits = h->n_hits;
		h->x.hit_cursor = 0;
		h->x.hit_pos = h->n_hits ? hit_ref(&h->x, 0)->delta : 0;
		h->x.hit_prev = false;
		memset(&h->sb, 0, sizeof(h->sb));
		smap_init(&h->sb.ids);
		h->sb.m = (struct entity_mention *)(void *)h->mem;
		h->sb.cap_m = h->cap_mem * sizeof(struct span) / sizeof(struct entity_mention);
		h->mem = NULL;
		h->cap_mem = 0;
		threaded = run_beside(&th, half_pass_b, h);
	}
	for (bi = 0; bi < end; bi++)
		if (x->d->blocks[bi].kind != BLOCK_PRE)
			pass_b_block(x, &x->d->blocks[bi], sb);
	if (h) {
		if (threaded)
			pthread_join(th, NULL);
		setbuild_merge(x, sb, &h->sb);
		hits_free(&h->x);
	}
}

static void
half_free(struct half *h)
{
	if (!h)
		return;
	free(h->log.ops);
	buf_fini(&h->log.str);
	free(h->trig);
	free(h->mem);
	free(h);
}

/* ---- public -----------------------------------------------------------------------------------
 */

/* The lookup bitmaps are built once, whichever thread extracts first. */
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void
tables_init(void)
{
	gaz_init();
	classes_init();
	trig_init();
}

enum status
entity_extract(const struct doc *d, const struct entity_opts *o, struct entity_set **out)
{
	struct ex x;
	struct entity_set *s;
	struct setbuild sb;
	struct half *h = NULL;
	size_t bi, cut, end, spare_bytes;
	void *spare;
	pthread_t th;
	bool threaded = false;
	const char *env = getenv("JINGDU_TEST_HALF_BYTES");

	*out = NULL;
	pthread_once(&tables_once, tables_init);
	if (d->len >= LARGE_DOC)
		gaz_index_large();
	memset(&x, 0, sizeof(x));
	x.d = d;
	x.t = d->text;
	x.len = d->len;
	x.cut_pos = SIZE_MAX;
	ntab_init(&x.nt);
	smap_init(&x.latin_index);
	user_list_load(&x.ul, &x.nt, o);
	ntab_finish(&x.nt);
	/* which blocks are mostly Latin: each half finds out for its own blocks first */
	x.latin_blocks = xcalloc(d->n_blocks + 1, sizeof(*x.latin_blocks));
	x.half_min = env && atol(env) > 0 ? (size_t)atol(env) : HALF_MIN;
	cut = middle_block(&x);
	end = d->n_blocks;
	if (cut != NPOS) {
		h = xmalloc(sizeof(*h));
		half_first_start(h, &x, cut, &th, &threaded);
		end = cut;
	}
	/* pass A, then the first round of detectors */
	latin_blocks_fill(&x, 0, end);
	for (bi = 0; bi < end; bi++)
		if (d->blocks[bi].kind != BLOCK_PRE)
			pass_a_block(&x, &d->blocks[bi]);
	detect_byline(&x);
	for (bi = 0; bi < end; bi++)
		if (d->blocks[bi].kind != BLOCK_PRE)
			round1_block(&x, &d->blocks[bi]);
	if (h) {
		if (threaded)
			pthread_join(th, NULL);
		half_first_merge(&x, h);
	}
	pending_chunk(&x);
	latin_decide(&x);
	detect_recurring_names(&x);
	ntab_finish(&x.nt);
	/* second round: names built on the ones found */
	pending_merge(&x);
	round_all(&x, h, round2_block);
	ntab_finish(&x.nt);
	pending_merge(&x);
	discover(&x);
	ntab_finish(&x.nt);

	x.hit_cursor = 0;
	x.hit_pos = x.n_hits ? hit_ref(&x, 0)->delta : 0;
	x.hit_prev = false;
	/* the detectors' spans are done with: their memory (already in use, so no page faults)
	 * becomes the mention list (each half's its own) */
	span_use(&x, 0);
	if (h) {
		h->mem = x.alt_spans;
		h->cap_mem = x.alt_cap;
		x.alt_spans = NULL;
	}
	memset(&sb, 0, sizeof(sb));
	smap_init(&sb.ids);
	sb.m = (struct entity_mention *)(void *)x.spans;
	sb.cap_m = x.cap_spans * sizeof(struct span) / sizeof(struct entity_mention);
	spare = x.pending;
	spare_bytes = x.cap_pending * sizeof(*x.pending);
	free(x.chunks);
	x.chunks = NULL;
	x.spans = x.pending = NULL;
	x.n_spans = x.n_pending = x.cap_spans = x.cap_pending = 0;
	x.sp_scoped = false;
	pass_b_all(&x, h, &sb);
	hits_free(&x);
	half_free(h);

	s = xcalloc(1, sizeof(*s));
	weak_filter(&x, &sb);
	build_set(&x, &sb, s, spare, spare_bytes);
	s->warnings = x.ul.warnings;
	s->n_warnings = x.ul.n_warnings;
	x.ul.warnings = NULL;
	x.ul.n_warnings = 0;

	user_list_fini(&x.ul);
	ntab_fini(&x.nt);
	smap_fini(&x.latin_index);
	free(x.latin);
	free(x.spans);
	free(x.alt_spans);
	free(x.pending);
	free(x.latin_blocks);
	hits_free(&x);
	free(x.trig);
	*out = s;
	return OK;
}

void
entity_set_free(struct entity_set *s)
{
	size_t i, j;

	if (!s)
		return;
	for (i = 0; i < s->n_ents; i++) {
		free(s->ents[i].name);
		for (j = 0; j < s->ents[i].n_aliases; j++)
			free(s->ents[i].aliases[j]);
		free(s->ents[i].aliases);
	}
	free(s->ents);
	free(s->mentions);
	free(s->more);
	free(s->idx);
	free(s->sec_first);
	free(s->warnings);
	free(s);
}

size_t
entity_set_n_warnings(const struct entity_set *s)
{
	return s->n_warnings;
}

const struct diag *
entity_set_warning(const struct entity_set *s, size_t i)
{
	return i < s->n_warnings ? &s->warnings[i] : NULL;
}

size_t
entity_set_count(const struct entity_set *s)
{
	return s->n_ents;
}

const struct entity *
entity_get(const struct entity_set *s, size_t id)
{
	return id < s->n_ents ? &s->ents[id] : NULL;
}

size_t
entity_find(const struct entity_set *s, const char *name)
{
	size_t i, j;

	for (i = 0; i < s->n_ents; i++) {
		if (strcmp(s->ents[i].name, name) == 0)
			return i;
		for (j = 0; j < s->ents[i].n_aliases; j++)
			if (strcmp(s->ents[i].aliases[j], name) == 0)
				return i;
	}
	return NPOS;
}

size_t
entity_set_n_mentions(const struct entity_set *s)
{
	return s->n_mentions;
}

const struct entity_mention *
entity_set_mention(const struct entity_set *s, size_t i)
{
	return i < s->n_mentions ? ment(s, i) : NULL;
}

/* A view row while sorting: everything the order needs, so no global state is involved
 * (views may be taken from several threads). */
struct view_row {
	size_t count, first, id;
	int type;
};

static int
cmp_row(const void *a, const void *b)
{
	const struct view_row *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

static void
view_range(const struct entity_set *s, size_t lo, size_t hi, struct entity_view *v)
{
	size_t *slot = xcalloc(s->n_ents + 1, sizeof(*slot)), i;
	struct view_row *rows = xcalloc(s->n_ents + 1, sizeof(*rows));

	v->n = 0;
	for (i = lo; i < hi; i++) {
		const struct entity_mention *m = ment(s, i);

		if (!slot[m->entity]) {
			slot[m->entity] = ++v->n;
			rows[v->n - 1].id = m->entity;
			rows[v->n - 1].first = m->start;
			rows[v->n - 1].type = (int)s->ents[m->entity].type;
		}
		rows[slot[m->entity] - 1].count++;
	}
	free(slot);
	qsort(rows, v->n, sizeof(*rows), cmp_row);
	v->refs = xcalloc(v->n + 1, sizeof(*v->refs));
	for (i = 0; i < v->n; i++) {
		v->refs[i].id = rows[i].id;
		v->refs[i].count = rows[i].count;
		v->refs[i].first = rows[i].first;
	}
	free(rows);
}

void
entity_view_section(const struct entity_set *s, size_t sec, struct entity_view *v)
{
	if (sec >= s->n_sections) {
		v->refs = xcalloc(1, sizeof(*v->refs));
		v->n = 0;
		return;
	}
	view_range(s, s->sec_first[sec], s->sec_first[sec + 1], v);
}

void
entity_view_document(const struct entity_set *s, struct entity_view *v)
{
	view_range(s, 0, s->n_mentions, v);
}

void
entity_view_before(const struct entity_set *s, size_t off, struct entity_view *v)
{
	size_t lo = 0, hi = s->n_mentions;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (ment(s, mid)->start < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	view_range(s, 0, lo, v);
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
	size_t i, c = 0;

	if (sec >= s->n_sections || id >= s->n_ents)
		return 0;
	for (i = s->sec_first[sec]; i < s->sec_first[sec + 1]; i++)
		c += ment(s, i)->entity == id;
	return c;
}

const struct entity_mention *
entity_mention_next(const struct entity_set *s, size_t id, size_t off)
{
	const struct entity *e;
	size_t lo = 0, hi;

	if (id >= s->n_ents)
		return NULL;
	e = &s->ents[id];
	hi = e->count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (ment(s, e->mentions[mid])->start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < e->count ? ment(s, e->mentions[lo]) : NULL;
}

const struct entity_mention *
entity_mention_prev(const struct entity_set *s, size_t id, size_t off)
{
	const struct entity *e;
	size_t lo = 0, hi;

	if (id >= s->n_ents)
		return NULL;
	e = &s->ents[id];
	hi = e->count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (ment(s, e->mentions[mid])->start < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? ment(s, e->mentions[lo - 1]) : NULL;
}

/* ---- output -----------------------------------------------------------------------------------
 */

/* The form an entity is written in most often inside section sec ("name as written"):
 * ties go to the longer, then the earlier form. */
static void
section_form(const struct entity_set *s, const struct doc *d, size_t sec, size_t id, size_t *start,
	     size_t *len)
{
	size_t fs[16], fl[16], fc[16], nf = 0, i, f, best = 0;

	const struct entity *e = &s->ents[id];
	size_t lo = 0, hi = e->count;

	*start = e->first;
	*len = 0;
	/* the entity's own mentions are in text order: find those inside the section */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (e->mentions[mid] < s->sec_first[sec])
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < e->count && e->mentions[i] < s->sec_first[sec + 1]; i++) {
		const struct entity_mention *m = ment(s, e->mentions[i]);
		size_t ml = m->end - m->start;

		for (f = 0; f < nf; f++)
			if (fl[f] == ml && memcmp(d->text + fs[f], d->text + m->start, ml) == 0)
				break;
		if (f == nf) {
			if (nf == ARRAY_SIZE(fs))
				continue;
			fs[nf] = m->start;
			fl[nf] = ml;
			fc[nf] = 0;
			nf++;
		}
		fc[f]++;
	}
	for (f = 1; f < nf; f++)
		if (fc[f] > fc[best] || (fc[f] == fc[best] && fl[f] > fl[best]))
			best = f;
	if (nf) {
		*start = fs[best];
		*len = fl[best];
	}
}

/* Name in section sec and the other names of the entity, for output. */
static const char *
out_names(const struct entity_set *s, const struct doc *d, size_t sec, size_t id, char **owned,
	  const char **others, size_t *n_others)
{
	const struct entity *e = &s->ents[id];
	size_t st, ln, j;
	const char *name = e->name;

	*owned = NULL;
	*n_others = 0;
	section_form(s, d, sec, id, &st, &ln);
	if (ln && (strlen(e->name) != ln || memcmp(e->name, d->text + st, ln) != 0)) {
		*owned = xstrndup(d->text + st, ln);
		name = *owned;
		others[(*n_others)++] = e->name;
	}
	for (j = 0; j < e->n_aliases; j++)
		if (strcmp(e->aliases[j], name) != 0)
			others[(*n_others)++] = e->aliases[j];
	return name;
}

void
entity_write_json(const struct entity_set *s, const struct doc *d, size_t section, struct buf *b)
{
	size_t sec, i, j;
	bool first_sec = true;

	buf_adds(b, "[");
	for (sec = 0; sec < d->n_sections; sec++) {
		struct entity_view v;

		if (section != NPOS && sec != section)
			continue;
		entity_view_section(s, sec, &v);
		buf_addf(b, "%s\n  {\"section\": %zu, \"title\": ", first_sec ? "" : ",", sec + 1);
		buf_add_json(b, d->sections[sec].title, strlen(d->sections[sec].title));
		buf_adds(b, ", \"entities\": [");
		for (i = 0; i < v.n; i++) {
			const struct entity *e = &s->ents[v.refs[i].id];
			const char **others = xcalloc(e->n_aliases + 2, sizeof(*others));
			size_t n_others;
			char *owned;
			const char *name =
			    out_names(s, d, sec, v.refs[i].id, &owned, others, &n_others);

			buf_adds(b, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
			buf_add_json(b, name, strlen(name));
			buf_addf(b, ", \"type\": \"%s\", \"count\": %zu, \"aliases\": [",
				 entity_type_str(e->type), v.refs[i].count);
			for (j = 0; j < n_others; j++) {
				if (j)
					buf_adds(b, ", ");
				buf_add_json(b, others[j], strlen(others[j]));
			}
			buf_adds(b, "]}");
			free(owned);
			free(others);
		}
		buf_adds(b, v.n ? "\n  ]}" : "]}");
		entity_view_fini(&v);
		first_sec = false;
	}
	buf_adds(b, first_sec ? "]\n" : "\n]\n");
}

/* Pad with spaces to a display width (CJK counts 2). */
static void
add_padded(struct buf *b, const char *s, size_t width)
{
	size_t w = 0, i = 0, n = strlen(s);

	while (i < n) {
		uint32_t cp;
		int k = utf8_decode_fast(s + i, n - i, &cp);

		w += uc_is_cjk(cp) ? 2 : 1;
		i += (size_t)k;
	}
	buf_adds(b, s);
	while (w++ < width)
		buf_addc(b, ' ');
}

void
entity_write_text(const struct entity_set *s, const struct doc *d, size_t section, struct buf *b)
{
	size_t sec, i, j;

	for (sec = 0; sec < d->n_sections; sec++) {
		struct entity_view v;

		if (section != NPOS && sec != section)
			continue;
		entity_view_section(s, sec, &v);
		buf_addf(b, "%s§%zu %s\n", b->len ? "\n" : "", sec + 1, d->sections[sec].title);
		if (!v.n)
			buf_adds(b, "  (no entities)\n");
		for (i = 0; i < v.n; i++) {
			const struct entity *e = &s->ents[v.refs[i].id];
			const char **others = xcalloc(e->n_aliases + 2, sizeof(*others));
			size_t n_others;
			char *owned;
			const char *name =
			    out_names(s, d, sec, v.refs[i].id, &owned, others, &n_others);

			buf_adds(b, "  ");
			add_padded(b, entity_type_str(e->type), 8);
			buf_addf(b, "%4zu  ", v.refs[i].count);
			buf_adds(b, name);
			if (n_others) {
				buf_adds(b, "  (");
				for (j = 0; j < n_others; j++) {
					if (j)
						buf_adds(b, ", ");
					buf_adds(b, others[j]);
				}
				buf_adds(b, ")");
			}
			buf_addc(b, '\n');
			free(owned);
			free(others);
		}
		entity_view_fini(&v);
	}
}
