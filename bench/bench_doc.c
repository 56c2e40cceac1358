/* bench_doc.c — loading and section detection on a generated 100 MB mixed CJK/Latin
 * document (SPEC §9: section detection >= 200 MB/s; peak memory <= 1.5 x file + 32 MB).
 * BENCH_MB=N sets another size (e.g. 10 for a profiler run). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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

/* Peak RSS in MB of loading path in a fresh child process (what `jingdu toc FILE` needs). */
static double
child_peak_rss(const char *path)
{
	struct rusage ru;
	int st;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		struct doc *d = NULL;

		_exit(doc_load_file(path, &d) == OK ? 0 : 1);
	}
	if (wait4(pid, &st, 0, &ru) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return -1;
	return (double)ru.ru_maxrss / 1024;
}

int
main(void)
{
	size_t len;
	char *text = generate((getenv("BENCH_MB") ? (size_t)atol(getenv("BENCH_MB")) : 100u) << 20, &len);
	struct doc *d = NULL;
	double t0, t1, t2, c0, c1, c2, mb = (double)len / 1e6, child;
	struct rusage ru;
	struct doc tmp;
	char path[] = "/tmp/bench_doc.XXXXXX";
	int fd;

	t0 = now();
	c0 = cpu_now();
	if (doc_load_buffer(text, len, "bench.txt", &d) != OK) {
		fprintf(stderr, "bench_doc: load failed\n");
		return 1;
	}
	t1 = now();
	c1 = cpu_now();
	/* structure alone, on the already normalized text */
	memset(&tmp, 0, sizeof(tmp));
	tmp.text = d->text;
	tmp.len = d->len;
	tmp.path = d->path;
	doc_structure(&tmp);
	t2 = now();
	c2 = cpu_now();
	getrusage(RUSAGE_SELF, &ru);
	printf("doc: %.0f MB document, %zu blocks, %zu sections\n", mb, d->n_blocks, d->n_sections);
	printf("  load + normalize + sections   %8.1f ms  %7.0f MB/s\n", (t1 - t0) * 1e3,
	       mb / (t1 - t0));
	printf("  section detection alone       %8.1f ms  %7.0f MB/s   (floor 200 MB/s)\n",
	       (t2 - t1) * 1e3, mb / (t2 - t1));
	printf("  CPU time (other processes on a shared machine stretch the wall times above):\n"
	       "    load %.1f ms (%.0f MB/s), sections %.1f ms (%.0f MB/s)\n",
	       (c1 - c0) * 1e3, mb / (c1 - c0), (c2 - c1) * 1e3, mb / (c2 - c1));
	printf("  peak RSS (generator buffer included) %.0f MB (floor %.0f MB for the document)\n",
	       (double)ru.ru_maxrss / 1024, 1.5 * mb + 32);
	/* the document alone: the same text loaded from a file in a fresh process */
	fd = mkstemp(path);
	if (fd < 0 || write(fd, text, len) != (ssize_t)len) {
		fprintf(stderr, "bench_doc: cannot write %s\n", path);
		return 1;
	}
	close(fd);
	for (size_t i = 0; i < tmp.n_sections; i++)
		free(tmp.sections[i].title);
	free(tmp.sections);
	free(tmp.blocks);
	free(tmp.marks);
	free(tmp.line_starts);
	free(tmp.title);
	free(tmp.author);
	doc_free(d);
	free(text);
	child = child_peak_rss(path);
	unlink(path);
	printf("  peak RSS loading the file in a fresh process %.0f MiB (floor %.0f MiB)\n", child,
	       (1.5 * (double)len + (32 << 20)) / (1 << 20));
	return 0;
}
