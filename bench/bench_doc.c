/* bench_doc.c — loading and section detection on a generated 100 MB mixed CJK/Latin
 * document (SPEC §9: section detection >= 200 MB/s; peak memory <= 1.5 x file + 32 MB).
 * BENCH_MB=N sets another size (e.g. 10 for a profiler run). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "jingdu/doc.h"
#include "bench.h"
#include "../src/doc_private.h"


/* A generated article: numbered glued sections, CJK paragraphs with Latin names. */
static char *
generate(size_t target, size_t *len)
{
	static const char *const paras[] = {
		"在DeepSeek爆火之前的2023、2024年，市面上已经有足够多的大模型应用，百度、阿里、腾讯、华为各自投入了大量资源。",
		"The reader lays out text by display columns, so that Chinese, Japanese and Korean sit right beside Latin words.",
		"这种情况在ChatGPT出现时，在美国就被反思过一遍了：为什么硅谷的巨头都没有做出它？",
		"「コンピューター」と『日本語』の組版は、禁則処理が大切です。ちょっと待ってください。",
	};
	return bench_article(target, paras, ARRAY_SIZE(paras), len);
}

int
main(void)
{
	size_t len;
	char *text = generate((getenv("BENCH_MB") ? (size_t)atol(getenv("BENCH_MB")) : 100u) << 20, &len);
	struct doc *d = NULL;
	double t0, t1, t2, mb = (double)len / 1e6;
	struct rusage ru;
	struct doc tmp;

	t0 = now();
	if (doc_load_buffer(text, len, "bench.txt", &d) != OK) {
		fprintf(stderr, "bench_doc: load failed\n");
		return 1;
	}
	t1 = now();
	/* structure alone, on the already normalized text */
	memset(&tmp, 0, sizeof(tmp));
	tmp.text = d->text;
	tmp.len = d->len;
	tmp.path = d->path;
	doc_structure(&tmp);
	t2 = now();
	getrusage(RUSAGE_SELF, &ru);
	printf("doc: %.0f MB document, %zu blocks, %zu sections\n", mb, d->n_blocks, d->n_sections);
	printf("  load + normalize + sections   %8.1f ms  %7.0f MB/s\n", (t1 - t0) * 1e3,
	       mb / (t1 - t0));
	printf("  section detection alone       %8.1f ms  %7.0f MB/s   (floor 200 MB/s)\n",
	       (t2 - t1) * 1e3, mb / (t2 - t1));
	printf("  peak RSS (generator buffer included) %.0f MB (floor %.0f MB for the document)\n",
	       (double)ru.ru_maxrss / 1024, 1.5 * mb + 32);
	return 0;
}
