/* tap.h — a minimal TAP producer for unit tests. Each check prints "ok N - what" or
 * "not ok N - what"; tap_done() prints the plan and returns the exit status. */
#ifndef JINGDU_TAP_H
#define JINGDU_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_count;
static int tap_failed;

__attribute__((format(printf, 4, 5))) static int
tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	printf("%sok %d - ", cond ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	fflush(stdout);
	return cond;
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, ...) \
	do { \
		long long g_ = (long long)(got), w_ = (long long)(want); \
		if (!ok(g_ == w_, __VA_ARGS__)) \
			printf("#   got %lld, want %lld\n", g_, w_); \
	} while (0)
#define is_str(got, want, ...) \
	do { \
		const char *g_ = (got), *w_ = (want); \
		if (!ok(g_ && w_ && strcmp(g_, w_) == 0, __VA_ARGS__)) \
			printf("#   got  \"%s\"\n#   want \"%s\"\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
	} while (0)

__attribute__((format(printf, 1, 2), unused)) static void
tap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static int
tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

/* Path of a file in ../shared (JINGDU_SHARED), or NULL when shared/ is absent. */
__attribute__((unused)) static const char *
tap_shared(const char *rel)
{
	static char path[4096];
	const char *dir = getenv("JINGDU_SHARED");
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "../shared", rel);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	fclose(f);
	return path;
}

/* A temporary directory for the test's files: tap_tmpfile() writes one there (the path is
 * static, overwritten by the next call; NULL when it cannot be written), tap_tmpdir_done()
 * removes the directory. */
static char tap_tmp[] = "/tmp/jingdu-test-XXXXXX";
static int tap_tmp_made;

__attribute__((unused)) static const char *
tap_tmpfile(const char *name, const char *data, size_t len)
{
	static char path[4096];
	FILE *f;

	if (!tap_tmp_made && !mkdtemp(tap_tmp))
		return NULL;
	tap_tmp_made = 1;
	snprintf(path, sizeof(path), "%s/%s", tap_tmp, name);
	f = fopen(path, "wb");
	if (!f)
		return NULL;
	if (fwrite(data, 1, len, f) != len) {
		fclose(f);
		return NULL;
	}
	return fclose(f) == 0 ? path : NULL;
}

__attribute__((unused)) static void
tap_tmpdir_done(void)
{
	char cmd[sizeof(tap_tmp) + 16];

	if (!tap_tmp_made)
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tap_tmp);
	if (system(cmd) != 0)
		printf("# cannot remove %s\n", tap_tmp);
}

#endif
