/* test_readpos.c — the reading-position state file: round trip, most recent first, changed
 * documents, missing files, junk lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jingdu/readpos.h"
#include "tap.h"

static void
touch(const char *path)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fputs("x\n", f);
		fclose(f);
	}
}

int
main(void)
{
	char dir[] = "/tmp/jingdu-readpos-XXXXXX";
	char *a, *b, *c, *key_a, *key_b, *last, *pos;
	size_t off = 0;
	FILE *f;

	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return tap_done();
	}
	a = xasprintf("%s/a.txt", dir);
	b = xasprintf("%s/b b.txt", dir);
	c = xasprintf("%s/gone.txt", dir);
	touch(a);
	touch(b);
	touch(c);
	key_a = readpos_key(a);
	key_b = readpos_key(b);
	ok(key_a && key_a[0] == '/', "key is an absolute path");
	ok(readpos_key("-") == NULL, "standard input has no key");
	ok(readpos_key("/nonexistent/zzz") == NULL, "a missing file has no key");
	last = readpos_last(dir);
	ok(last == NULL, "no state file: no last document");
	ok(!readpos_get(dir, key_a, 100, &off), "no state file: no position");

	is_int(readpos_set(dir, key_a, 100, 42), OK, "save a position");
	ok(readpos_get(dir, key_a, 100, &off) && off == 42, "read it back (%zu)", off);
	ok(!readpos_get(dir, key_a, 101, &off), "a changed length is not trusted");
	{
		size_t peek = 0;
		bool got = readpos_peek(dir, key_a, &peek);

		ok(got && peek == 42, "peek: the saved offset whatever the length (%zu)", peek);
	}
	ok(!readpos_peek(dir, "/nonexistent/zzz", &off), "peek: an unknown document has none");
	is_int(readpos_set(dir, key_b, 7000, 6999), OK, "save another document");
	last = readpos_last(dir);
	is_str(last, key_b, "the last document is the one saved last");
	free(last);
	is_int(readpos_set(dir, key_a, 100, 50), OK, "update the first");
	ok(readpos_get(dir, key_a, 100, &off) && off == 50, "updated position read back");
	last = readpos_last(dir);
	is_str(last, key_a, "updating makes it the last document again");
	free(last);

	pos = xasprintf("%s/positions", dir);
	f = fopen(pos, "a");
	fputs("garbage line\n12\tx\t/y\n\t\t\n99999999999999999999999\t1\t/z\n", f);
	fclose(f);
	ok(readpos_get(dir, key_b, 7000, &off) && off == 6999, "junk lines are skipped");
	{
		char *key_c = readpos_key(c);

		readpos_set(dir, key_c, 2, 1);
		unlink(c);
		last = readpos_last(dir);
		is_str(last, key_a, "a deleted last document is skipped");
		free(last);
		free(key_c);
	}
	ok(readpos_set(dir, "relative/path", 1, 0) != OK, "a relative key is refused");
	ok(readpos_set(dir, "/a\nb", 1, 0) != OK, "a key with a newline is refused");

	tap_diag("state dir %s (shared/ %s)", dir, tap_shared("") ? "present" : "absent");
	unlink(pos);
	unlink(a);
	unlink(b);
	rmdir(dir);
	free(pos);
	free(a);
	free(b);
	free(c);
	free(key_a);
	free(key_b);
	return tap_done();
}
