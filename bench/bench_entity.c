/* bench_entity.c — entity extraction throughput on a generated 100 MB mixed CJK/Latin document
 * (SPEC §9: >= 50 MB/s) and the cost of the gazetteer's first use (built in: should be a few
 * milliseconds at most), and the peak resident memory during extraction (Linux: the high-water
 * mark is reset once the document is loaded, so the figure is the document plus what extraction
 * adds at its peak). JINGDU_BENCH_MB overrides the size. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jingdu/doc.h"
#include "jingdu/entity.h"
#include "bench.h"


/* A generated article: numbered sections, CJK paragraphs with names of every kind, English
 * and Japanese paragraphs. */
static char *
generate(size_t target, size_t *len)
{
	static const char *const paras[] = {
		"在DeepSeek爆火之前的2023、2024年，市面上已经有足够多的大模型应用，百度、阿里、腾讯、华为各自投入了大量资源。",
		"The reader lays out text by display columns, so that Priya Raman of Larkspur Robotics said Chinese sits beside Latin.",
		"这种情况在ChatGPT出现时，在美国就被反思过一遍了：为什么硅谷的巨头都没有做出它？正如熊彼特所言，革命是“创造性的破坏”。",
		"トヨタ自動車の北村誠一氏は、愛知県豊田市に新工場を建設すると発表した。「全固体電池」の量産を目指す。",
		"副省长陈思齐出席会议，遵义市湄潭县县长何其峰在交流发言中说，山姆·奥特曼的OpenAI公司和北京大学都在《人工智能法》框架下。",
	};
	return bench_article(target, paras, ARRAY_SIZE(paras), len);
}

/* A "VmRSS:"-style field of /proc/self/status in kB (0 when unavailable). */
static long
status_kb(const char *field)
{
	char line[256];
	long kb = 0;
	size_t n = strlen(field);
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, field, n) == 0) {
			kb = atol(line + n);
			break;
		}
	fclose(f);
	return kb;
}

/* Reset the peak-RSS high-water mark (Linux >= 4.0); false when not possible. */
static bool
reset_peak(void)
{
	FILE *f = fopen("/proc/self/clear_refs", "w");
	bool ok;

	if (!f)
		return false;
	ok = fputs("5", f) >= 0;
	return fclose(f) == 0 && ok;
}

int
main(void)
{
	size_t len, mb = 100;
	char *text;
	struct doc *d = NULL, *small = NULL;
	struct entity_set *es = NULL;
	struct entity_opts eo = {.no_user_list = true};
	const char *env = getenv("JINGDU_BENCH_MB");
	double t0, t1, rate;
	long rss0, peak;
	bool reset;

	if (env && atoi(env) > 0)
		mb = (size_t)atoi(env);
	/* first use: gazetteer setup on a tiny document (includes the one-time table init) */
	if (doc_load_buffer("标题\n\n百度和阿里在北京。\n", strlen("标题\n\n百度和阿里在北京。\n"), "t",
			    &small) != OK)
		return 1;
	t0 = now();
	entity_extract(small, &eo, &es);
	t1 = now();
	printf("entity: gazetteer first use (load + tiny document)  %.3f ms   (built in; floor: a few ms)\n",
	       (t1 - t0) * 1e3);
	entity_set_free(es);
	doc_free(small);

	text = generate(mb << 20, &len);
	if (doc_load_buffer(text, len, "bench.txt", &d) != OK)
		return 1;
	free(text);
	reset = reset_peak();
	rss0 = status_kb("VmRSS:");
	t0 = now();
	if (entity_extract(d, &eo, &es) != OK)
		return 1;
	t1 = now();
	peak = status_kb("VmHWM:");
	rate = (double)d->len / (1 << 20) / (t1 - t0);
	printf("entity: extraction of %.0f MB: %.2f s = %.1f MB/s   (floor 50 MB/s) %s\n",
	       (double)d->len / (1 << 20), t1 - t0, rate, rate >= 50 ? "ok" : "BELOW FLOOR");
	printf("entity: %zu entities, %zu mentions\n", entity_set_count(es), entity_set_n_mentions(es));
	if (reset && peak > 0)
		printf("entity: peak RSS during extraction %.0f MB (document loaded: %.0f MB, extraction "
		       "adds %.0f MB at its peak)\n",
		       peak / 1024.0, rss0 / 1024.0, (peak - rss0) / 1024.0);
	else
		printf("entity: peak RSS during extraction: not measurable here\n");
	entity_set_free(es);
	doc_free(d);
	return 0;
}
