/* bench_search.c — the reader's search (src/search.c) over a generated 100 MB mixed CJK/Latin
 * text (SPEC §9: search over the whole document >= 500 MB/s): a CJK pattern, a Latin pattern
 * (case folded: four spellings of its first letter), a full-width pattern, and an absent one,
 * forward through the whole text and backward from the end. Prints MB/s beside the floor. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jingdu/search.h"
#include "jingdu/util.h"
#include "bench.h"


static char *
generate(size_t target, size_t *len)
{
	static const char *const paras[] = {
		"在DeepSeek爆火之前的2023、2024年，市面上已经有足够多的大模型应用，百度、阿里、腾讯、华为各自投入了大量资源。\n",
		"The reader lays out text by display columns, so that Chinese, Japanese and Korean sit right beside Latin words.\n",
		"这种情况在ChatGPT出现时，在美国就被反思过一遍了：为什么硅谷的巨头都没有做出它？\n",
		"「コンピューター」と『日本語』の組版は、禁則処理が大切です。ちょっと待ってください。\n",
	};
	struct buf b;
	size_t k = 0;

	buf_init(&b);
	while (b.len < target) {
		buf_adds(&b, paras[k % 4]);
		if (k % 5000 == 4999)
			buf_adds(&b, "月之暗面的Kimi与ＡＰＩ。\n");
		k++;
	}
	*len = b.len;
	return buf_take(&b);
}

static void
run(const char *label, const char *pat, const char *text, size_t len)
{
	struct search s;
	size_t at, e, n = 0, nb = 0;
	double t0, t1, t2, mb = (double)len / 1e6;

	if (!search_compile(&s, pat, strlen(pat)))
		return;
	t0 = now();
	for (at = 0; (at = search_next(&s, text, len, at, &e)) != NPOS; at = e)
		n++;
	t1 = now();
	for (at = len; at > 0 && (at = search_prev(&s, text, len, at, &e)) != NPOS;)
		nb++;
	t2 = now();
	printf("search %-28s %6zu matches  forward %7.0f MB/s  backward %7.0f MB/s   (floor 500 MB/s)%s\n",
	       label, n, mb / (t1 - t0), mb / (t2 - t1),
	       mb / (t1 - t0) >= 500 && mb / (t2 - t1) >= 500 ? "" : "  BELOW FLOOR");
	search_fini(&s);
}

int
main(void)
{
	size_t len;
	char *text = generate(100u << 20, &len);

	printf("text: %.1f MB generated\n", (double)len / 1e6);
	run("CJK 月之暗面", "月之暗面", text, len);
	run("Latin kimi (case folded)", "kimi", text, len);
	run("full-width api (ＡＰＩ)", "api", text, len);
	run("common word 'the'", "the", text, len);
	run("absent pattern", "zyxwvut", text, len);
	free(text);
	return 0;
}
