#!/usr/bin/env python3
"""gen_article.py — the generated mixed CJK/Latin article of the shell benches (SPEC §9).

    python3 bench/gen_article.py PATH BYTES [PATH BYTES ...]

writes, for each PATH, a title and byline, then a numbered section heading every 40 paragraphs
and four paragraphs (Chinese with Latin words, English, Chinese, Japanese) in turn until the
file holds at least BYTES bytes of UTF-8. The output depends only on BYTES. BYTES may end in
K or M (binary: 100M = 100 × 2^20). Used by bench_ui.sh and bench_compare.sh.
"""
import sys

PARAS = [
    "在DeepSeek爆火之前的2023、2024年，市面上已经有足够多的大模型应用，百度、阿里、腾讯、华为各自投入了大量资源。",
    "The reader lays out text by display columns, so that Chinese, Japanese and Korean sit right beside Latin words.",
    "这种情况在ChatGPT出现时，在美国就被反思过一遍了：为什么硅谷的巨头都没有做出它？月之暗面的Kimi也一样。",
    "「コンピューター」と『日本語』の組版は、禁則処理が大切です。ちょっと待ってください。",
]


def size_arg(s):
    mult = {"K": 1 << 10, "M": 1 << 20}.get(s[-1:].upper(), 1)
    return int(s[:-1] if mult > 1 else s) * mult


def gen(path, target):
    out, size, k, sec = ["生成的基准文章标题\n\n撰文丨基准\n\n"], 0, 0, 1
    while size < target:
        if k % 40 == 0:
            s = "第%d章 第%d节\n\n" % (sec, sec)
            sec += 1
            out.append(s)
            size += len(s.encode())
        p = PARAS[k % 4] + "\n\n"
        out.append(p)
        size += len(p.encode())
        k += 1
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(out))


def main(argv):
    if len(argv) < 2 or len(argv) % 2:
        sys.exit("usage: gen_article.py PATH BYTES [PATH BYTES ...]")
    for i in range(0, len(argv), 2):
        gen(argv[i], size_arg(argv[i + 1]))


if __name__ == "__main__":
    main(sys.argv[1:])
