/* embedded.h — files compiled into the binary (the bundled samples, the default theme), so
 * jingdu runs from anywhere. Generated at build time by scripts/embed.sh. Data is NUL-terminated
 * (the NUL is not counted in len) and lives for the whole run. */
#ifndef JINGDU_EMBEDDED_H
#define JINGDU_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name; /* repository path, e.g. "samples/zh-reading.txt" */
	const unsigned char *data;
	size_t len;
};

extern const struct embedded_file embedded_files[]; /* ends with a NULL name */
const struct embedded_file *embedded_get(const char *name);

#endif
