#!/bin/sh
# bench_ui.sh — the reader's timings on a generated 100 MB mixed CJK/Latin document (SPEC §9):
# first screen (≤ 50 ms, independent of the document size), a keystroke to a finished frame
# (≤ 5 ms), G (≤ 50 ms) and resize (≤ 10 ms). The reader runs its hidden bench mode
# (JINGDU_BENCH=N): a real curses screen written to /dev/null (newterm), the real key handlers
# and drawing, timed with CLOCK_MONOTONIC around each key's handling + doupdate(). The document
# module's load time (read, normalize, find sections) is printed apart: the first screen is
# measured both from the start of the program and from the moment the document is loaded. A
# long file's first screen is its first part (doc_load_file_head); the whole document's arrival
# is printed too.
set -e
BIN=${JINGDU_BIN:-./jingdu}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/jingdu-bench.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$DIR"' EXIT
python3 - "$DIR/big.txt" "$DIR/small.txt" <<'PY'
import sys
paras = [
    "在DeepSeek爆火之前的2023、2024年，市面上已经有足够多的大模型应用，百度、阿里、腾讯、华为各自投入了大量资源。",
    "The reader lays out text by display columns, so that Chinese, Japanese and Korean sit right beside Latin words.",
    "这种情况在ChatGPT出现时，在美国就被反思过一遍了：为什么硅谷的巨头都没有做出它？月之暗面的Kimi也一样。",
    "「コンピューター」と『日本語』の組版は、禁則処理が大切です。ちょっと待ってください。",
]
def gen(path, target):
    out, size, k, sec = ["生成的基准文章标题\n\n撰文丨基准\n\n"], 0, 0, 1
    while size < target:
        if k % 40 == 0:
            s = "第%d章 第%d节\n\n" % (sec, sec); sec += 1
            out.append(s); size += len(s.encode())
        p = paras[k % 4] + "\n\n"
        out.append(p); size += len(p.encode()); k += 1
    open(path, "w", encoding="utf-8").write("".join(out))
gen(sys.argv[1], 100 << 20)
gen(sys.argv[2], 10 << 10)
PY
run() {
	env -i PATH="$PATH" HOME="$DIR" XDG_STATE_HOME="$DIR/state" XDG_CONFIG_HOME="$DIR/config" \
		LANG=C.UTF-8 TERM=xterm-256color COLUMNS=120 LINES=36 JINGDU_BENCH=300 \
		"$BIN" "$1" 2>&1 >/dev/null
}
for f in small big; do
	size=$(wc -c <"$DIR/$f.txt")
	echo "-- $f document: $size bytes, 120x36 terminal, 300 keys (j j Space k ] b Space G g [)"
	run "$DIR/$f.txt" >"$DIR/$f.out"
	awk '
	/^load-ms/ { printf "  document load (doc module)     %9.1f ms   (the first part only, for a long file)\n", $2 }
	/^first-screen-ms/ { printf "  first screen after the load    %9.1f ms   (floor 50 ms)%s\n", $5, ($5 > 50 ? "  BELOW FLOOR" : "")
	                     printf "  first screen from the start    %9.1f ms   (floor 50 ms, includes the load)%s\n", $2, ($2 > 50 ? "  BELOW FLOOR" : "") }
	/^first-screen-part yes/ { print "  (a long file: the first screen shows its first 128 KiB while a thread loads the whole)" }
	/^whole-document-ms/ { printf "  whole document in place          %9.1f ms   (keys that need it wait; moves do not)\n", $2 }
	/^entities-ready-ms/ { printf "  entities found (thread)        %9.1f ms   (not waited for)\n", $2 }
	/^keys/ { printf "  keystroke to frame, median     %9.3f ms   (floor 5 ms)%s\n", $6, ($6 > 5 ? "  BELOW FLOOR" : "")
	          printf "  keystroke to frame, p95        %9.3f ms   (floor 5 ms)%s\n", $8, ($8 > 5 ? "  BELOW FLOOR" : "")
	          printf "  keystroke to frame, max        %9.3f ms   (the machine is shared: see p95)\n", $12 }
	/^worst-ms G / { printf "  G (jump to the end), worst     %9.3f ms   (floor 50 ms)%s\n", $3, ($3 > 50 ? "  BELOW FLOOR" : "") }
	/^resize-ms/ { printf "  resize 120x36 -> 90x26         %9.3f ms   (floor 10 ms)%s\n", $2, ($2 > 10 ? "  BELOW FLOOR" : "") }
	/^first-screen-ms/ { first = $5 }
	' "$DIR/$f.out"
done
