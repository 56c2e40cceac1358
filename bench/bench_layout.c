/* bench_layout.c — layout figures for SPEC §9 on a generated 100 MB mixed CJK/Latin document:
 * time to the first screen (layout_new + the first 40 lines with their cells, at width 80),
 * time to lay out the whole document, the same whole-document work done by libunistring's
 * u8_width_linebreaks alone (per block, width 80), their ratio (floor 1.0), and peak memory.
 * Times are CPU time of the process (the machine may be shared), best of five.
 * Usage: bench_layout [MEGABYTES]   (default 100) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unilbrk.h>

#include "jingdu/doc.h"
#include "jingdu/layout.h"
#include "bench.h"

/* Resident memory now, in MB (Linux /proc/self/statm). */
static double
rss_now(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long pages = 0, res = 0;

	if (!f)
		return 0;
	if (fscanf(f, "%ld %ld", &pages, &res) != 2)
		res = 0;
	fclose(f);
	return (double)res * 4096.0 / 1048576.0;
}

static unsigned long long rng = 0x9E3779B97F4A7C15ULL;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static const char *const han[] = {
	"我们", "今天", "讨论", "中文", "断行", "问题", "大模型", "公司", "技术", "发展", "数据",
	"芯片", "团队", "研究", "市场", "用户", "产品", "开源", "训练", "推理", "成本", "创新",
	"互联网", "人工智能", "的", "了", "是", "在", "和", "也", "就", "都", "而", "及",
};
static const char *const latin[] = {
	"DeepSeek", "ChatGPT", "OpenAI", "MoE", "GPU", "Linux", "API", "Transformer", "2025年",
	"100%", "3.5", "Qwen-7B", "https://example.com/a/b", "the", "model", "open", "source",
};
static const char *const punct[] = {"，", "。", "、", "；", "：", "？", "！", "“", "”", "——", "……", "（", "）", "《", "》"};

static char *
generate(size_t target, size_t *len)
{
	char *s = malloc(target + 4096);
	size_t n = 0;

	while (n < target) {
		unsigned words = 40 + rnd(160), k;

		for (k = 0; k < words; k++) {
			const char *w;
			unsigned r = rnd(100);

			if (r < 70)
				w = han[rnd(sizeof(han) / sizeof(han[0]))];
			else if (r < 85)
				w = latin[rnd(sizeof(latin) / sizeof(latin[0]))];
			else
				w = punct[rnd(sizeof(punct) / sizeof(punct[0]))];
			memcpy(s + n, w, strlen(w));
			n += strlen(w);
		}
		memcpy(s + n, "。\n\n", 5);
		n += 5;
	}
	*len = n;
	return s;
}

int
main(int argc, char **argv)
{
	size_t mb = argc > 1 ? (size_t)atol(argv[1]) : 100, len, b, lines = 0;
	char *text = generate(mb << 20, &len);
	struct doc *d = NULL;
	struct layout_opts o;
	struct layout *l;
	struct layout_pos pos = {0, 0};
	struct layout_cell cells[128];
	double t0, t_first, t_all, t_lib, t_plb, t_load, rss_doc, rss_laid = 0;
	char *p;
	size_t maxn = 0;
	struct rusage ru;
	int i;

	t0 = cpu_now();
	if (doc_load_buffer(text, len, "bench.txt", &d) != OK) {
		fprintf(stderr, "bench_layout: cannot load the generated document\n");
		return 1;
	}
	t_load = cpu_now() - t0;
	free(text);
	rss_doc = rss_now();
	printf("document: %.1f MB, %zu blocks (load %.0f ms; resident after load %.0f MB)\n",
	       (double)d->len / 1048576.0, d->n_blocks, t_load * 1e3, rss_doc);

	layout_opts_default(&o);
	o.width = 80;
	t0 = cpu_now();
	l = layout_new(d, &o);
	for (i = 0; i < 40; i++) {
		const struct layout_line *ln = layout_line_at(l, pos);

		if (ln)
			layout_line_cells(l, ln, cells, 128);
		if (!layout_pos_next(l, &pos))
			break;
	}
	t_first = cpu_now() - t0;
	printf("first screen (40 lines, width 80):  %8.3f ms   (floor: <= 50 ms)\n", t_first * 1e3);
	layout_free(l);

	/* whole document: layout and libunistring alternately, five times each; the best of
	 * each counts (the machine may be shared) */
	for (b = 0; b < d->n_blocks; b++)
		if (d->blocks[b].end - d->blocks[b].start > maxn)
			maxn = d->blocks[b].end - d->blocks[b].start;
	p = malloc(maxn + 1);
	t_all = t_lib = t_plb = 1e9;
	for (i = 0; i < 5; i++) {
		double t;

		l = layout_new(d, &o);
		lines = 0;
		t0 = cpu_now();
		for (b = 0; b < d->n_blocks; b++) {
			size_t n;

			layout_block_lines(l, b, &n);
			lines += n;
		}
		t = cpu_now() - t0;
		t_all = t < t_all ? t : t_all;
		if (i == 4)
			rss_laid = rss_now();
		else
			layout_free(l);
		t0 = cpu_now();
		for (b = 0; b < d->n_blocks; b++)
			u8_width_linebreaks((const uint8_t *)d->text + d->blocks[b].start,
					    d->blocks[b].end - d->blocks[b].start, 80, 0, 0, NULL,
					    "UTF-8", p);
		t = cpu_now() - t0;
		t_lib = t < t_lib ? t : t_lib;
		t0 = cpu_now();
		for (b = 0; b < d->n_blocks; b++)
			u8_possible_linebreaks((const uint8_t *)d->text + d->blocks[b].start,
					       d->blocks[b].end - d->blocks[b].start, "UTF-8", p);
		t = cpu_now() - t0;
		t_plb = t < t_plb ? t : t_plb;
	}
	free(p);
	printf("whole document layout:              %8.0f ms   (%zu lines, %.0f MB/s)\n", t_all * 1e3,
	       lines, (double)d->len / 1048576.0 / t_all);
	printf("u8_width_linebreaks alone:          %8.0f ms   (%.0f MB/s)\n", t_lib * 1e3,
	       (double)d->len / 1048576.0 / t_lib);
	printf("  (of which u8_possible_linebreaks: %8.0f ms, shared by both)\n", t_plb * 1e3);
	printf("ratio libunistring/layout:          %8.2f      (floor: >= 1.0)\n", t_lib / t_all);
	printf("layout cache, whole document:       %8.0f MB   (%zu lines x %zu bytes; resident +%.0f MB)\n",
	       (double)(lines * sizeof(struct layout_line)) / 1048576.0, lines,
	       sizeof(struct layout_line), rss_laid - rss_doc);
	getrusage(RUSAGE_SELF, &ru);
	printf("peak memory (RSS, whole process):   %8.0f MB   (floor: <= 1.5 x %zu + 32 = %.0f MB;\n"
	       "    includes the generator's copy and the document load)\n",
	       (double)ru.ru_maxrss / 1024.0, mb, 1.5 * (double)mb + 32);
	layout_free(l);
	doc_free(d);
	return 0;
}
