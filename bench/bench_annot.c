/* bench_annot.c — the notes database on a generated 100 MB mixed CJK/Latin document: the text
 * hash on open, registering, saving a highlight (one fsync'd transaction), re-anchoring 1000
 * highlights after a paragraph is inserted at the top, listing them, and exporting them as
 * JSON. SPEC §9 sets no floor for these; they must not dominate opening a document. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "jingdu/annot.h"
#include "jingdu/doc.h"
#include "jingdu/export.h"
#include "bench.h"

#define N_HIGHLIGHTS 1000


static char *
generate(size_t target, size_t *len)
{
	static const char *const paras[] = {
	    "在DeepSeek爆火之前的2023、2024年，市面上已经有足够多的大模型应用，百度、阿里、腾讯、华"
	    "为各自投入了大量资源。",
	    "The reader lays out text by display columns, so that Chinese, Japanese and Korean sit "
	    "right beside Latin words.",
	    "这种情况在ChatGPT出现时，在美国就被反思过一遍了：为什么硅谷的巨头都没有做出它？",
	    "「コンピューター」と『日本語』の組版は、禁則処理が大切です。ちょっと待ってください。",
	};
	struct buf b;
	size_t k = 0;

	buf_init(&b);
	buf_adds(&b, "生成的基准文章标题\n\n");
	while (b.len < target) {
		buf_addf(&b, "第%zu段。", k);
		buf_adds(&b, paras[k % 4]);
		buf_adds(&b, "\n\n");
		k++;
	}
	*len = b.len;
	return buf_take(&b);
}

int
main(void)
{
	char dir[] = "/tmp/jingdu-bench-XXXXXX";
	char *db, *file, *text, *text2, hash[ANCHOR_HASH_SIZE];
	size_t len, i;
	struct doc *d = NULL, *d2 = NULL;
	struct annot_store *s = NULL;
	struct annot_docref ref;
	struct annot_list l;
	struct diag dg = {0};
	struct buf out;
	FILE *f;
	double t0, t1;

	if (!mkdtemp(dir))
		return 1;
	db = xasprintf("%s/bench.db", dir);
	file = xasprintf("%s/bench.txt", dir);
	text = generate(100u << 20, &len);
	f = fopen(file, "wb");
	fwrite(text, 1, len, f);
	fclose(f);
	if (doc_load_file(file, &d) != OK || annot_store_open(db, &s, &dg) != OK) {
		fprintf(stderr, "bench_annot: setup failed: %s\n", dg.msg);
		return 1;
	}
	t0 = now();
	anchor_text_hash(d->text, d->len, hash);
	t1 = now();
	printf("text hash, %.0f MB:                 %7.1f ms  (%.0f MB/s)\n", (double)d->len / 1e6,
	       (t1 - t0) * 1e3, (double)d->len / 1e6 / (t1 - t0));
	t0 = now();
	annot_doc_open(s, d, true, &ref, &dg);
	t1 = now();
	printf("register the document:               %7.1f ms\n", (t1 - t0) * 1e3);
	t0 = now();
	for (i = 0; i < N_HIGHLIGHTS; i++) {
		size_t at = d->len / N_HIGHLIGHTS * i + 40;
		while (((unsigned char)d->text[at] & 0xC0) == 0x80)
			at++;
		annot_highlight_add(s, ref.id, d, at, at + 60, 1 + (int)(i % 4), "一条笔记", NULL,
				    &dg);
	}
	t1 = now();
	printf("save one highlight (fsync'd):        %7.2f ms  (mean of %d)\n",
	       (t1 - t0) * 1e3 / N_HIGHLIGHTS, N_HIGHLIGHTS);

	/* the file changes: a paragraph inserted at the top */
	text2 = xasprintf("插入的新段落，让后面所有的位置都移动。\n\n%s", text);
	f = fopen(file, "wb");
	fwrite(text2, 1, strlen(text2), f);
	fclose(f);
	if (doc_load_file(file, &d2) != OK)
		return 1;
	t0 = now();
	annot_doc_open(s, d2, true, &ref, &dg);
	t1 = now();
	printf("re-anchor %d highlights (moved):   %7.1f ms  (%zu moved, %zu orphans)\n",
	       N_HIGHLIGHTS, (t1 - t0) * 1e3, ref.n_moved, ref.n_orphans);
	t0 = now();
	annot_highlight_list(s, ref.id, d2, &l, &dg);
	t1 = now();
	printf("list %zu highlights:                %7.1f ms\n", l.n, (t1 - t0) * 1e3);
	buf_init(&out);
	t0 = now();
	export_render(EXPORT_JSON, d2, l.v, l.n, NULL, &out);
	t1 = now();
	printf("export %zu highlights as JSON:      %7.1f ms  (%zu bytes)\n", l.n, (t1 - t0) * 1e3,
	       out.len);
	buf_fini(&out);
	annot_list_fini(&l);
	annot_store_close(s);
	doc_free(d);
	doc_free(d2);
	unlink(file);
	unlink(db);
	{
		char *w = xasprintf("%s-wal", db), *m = xasprintf("%s-shm", db);
		unlink(w);
		unlink(m);
		free(w);
		free(m);
	}
	rmdir(dir);
	free(text);
	free(text2);
	free(db);
	free(file);
	return 0;
}
