/* bench.h — pieces every bench program shares: a monotonic clock, the process's CPU clock (for
 * figures that must not count other processes on a shared machine), and the generated article
 * (numbered glued sections, then the given paragraphs in turn, until target bytes). */
#ifndef JINGDU_BENCH_H
#define JINGDU_BENCH_H

#include <time.h>

#include "jingdu/util.h"

static inline double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline double
cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline char *
bench_article(size_t target, const char *const *paras, size_t n, size_t *len)
{
	struct buf b;
	size_t sec = 1, k = 0;

	buf_init(&b);
	buf_adds(&b, "生成的基准文章标题\n撰文丨基准\n");
	while (b.len < target) {
		if (k % 40 == 0) {
			buf_addf(&b, "%02zu这是第%zu节的第一句话，后面是正文。\n", sec % 100, sec);
			sec++;
		}
		buf_adds(&b, paras[k % n]);
		buf_addc(&b, '\n');
		k++;
	}
	*len = b.len;
	return buf_take(&b);
}

#endif
