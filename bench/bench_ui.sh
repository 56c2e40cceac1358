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
python3 "$(dirname "$0")/gen_article.py" "$DIR/big.txt" 100M "$DIR/small.txt" 10K
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
	/^whole-document-ms/ { printf "  whole document in place        %9.1f ms   (keys that need it wait; moves do not)\n", $2 }
	/^entities-ready-ms/ { printf "  entities found (thread)        %9.1f ms   (not waited for)\n", $2 }
	/^keys/ { printf "  keystroke to frame, median     %9.3f ms   (floor 5 ms)%s\n", $6, ($6 > 5 ? "  BELOW FLOOR" : "")
	          printf "  keystroke to frame, p95        %9.3f ms   (floor 5 ms)%s\n", $8, ($8 > 5 ? "  BELOW FLOOR" : "")
	          printf "  keystroke to frame, max        %9.3f ms   (the machine is shared: see p95)\n", $12 }
	/^worst-ms G / { printf "  G (jump to the end), worst     %9.3f ms   (floor 50 ms)%s\n", $3, ($3 > 50 ? "  BELOW FLOOR" : "") }
	/^resize-ms/ { printf "  resize 120x36 -> 90x26         %9.3f ms   (floor 10 ms)%s\n", $2, ($2 > 10 ? "  BELOW FLOOR" : "") }
	/^first-screen-ms/ { first = $5 }
	' "$DIR/$f.out"
done
