/* doc_private.h — the steps of building a struct doc, shared by doc_load.c (bytes → text)
 * and doc.c (text → blocks, sections, marks). Not part of the public interface. */
#ifndef JINGDU_DOC_PRIVATE_H
#define JINGDU_DOC_PRIVATE_H

#include "jingdu/doc.h"

/* Convert and normalize n bytes into d->text / d->len; counts repairs in d. */
enum status doc_normalize(const char *in, size_t n, const char *encoding, struct doc *d);
/* The same for a buffer the caller gives up (it still frees it): the bytes already read are
 * handed back to the system as the text grows, so the file and its text are not both held
 * in full. The buffer's contents are undefined afterwards. */
enum status doc_normalize_consume(char *in, size_t n, const char *encoding, struct doc *d);
/* Find blocks, title, byline, footer, marks and sections of d->text. */
void doc_structure(struct doc *d);

#endif
