#!/bin/sh
# bench_compare.sh — jingdu side by side with less and w3m where they do the same job (SPEC §9),
# in a real terminal: a private tmux server (TMUX_TMPDIR in a temporary directory), window
# 120x36, a fresh HOME for every run, LANG=C.UTF-8 and TERM=tmux-256color for all three.
# Figures: first screen of a 10 KB and of a 100 MB document (the generated article of
# bench_ui.sh, bench/gen_article.py; the 100 MB copy ends with a marker paragraph and a last
# paragraph of its own), G until the last paragraph shows, a search from the start for the
# marker until it shows, and peak RSS (VmHWM) just before quitting. The driver is
# bench/bench_compare.py; docs/bench.md says how it measures and what the figures miss.
# JINGDU_BENCH_RUNS (default 3; at least 5 on the 10 KB document) runs; JINGDU_BENCH_TIMEOUT (default 90)
# seconds per step. w3m is installed with apt-get when missing and we are root; otherwise its
# column reads "not installed". Not part of `make test`.
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${JINGDU_BIN:-./jingdu}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
if ! command -v tmux >/dev/null 2>&1; then
	echo "bench_compare: skipped: tmux not installed"
	exit 0
fi
if ! command -v w3m >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "bench_compare: installing w3m (apt-get)"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq w3m >/dev/null 2>&1 ||
		{ apt-get update -qq >/dev/null 2>&1 &&
		  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq w3m >/dev/null 2>&1; } ||
		echo "bench_compare: could not install w3m"
fi
DIR=$(mktemp -d "${TMPDIR:-/tmp}/jingdu-cmp.XXXXXX")
PY=
cleanup() {
	# the driver ends its runs' servers itself when told to stop (SIGTERM)
	if [ -n "$PY" ] && kill -0 "$PY" 2>/dev/null; then
		kill -TERM "$PY" 2>/dev/null || :
		wait "$PY" 2>/dev/null || :
	fi
	# every tmux server of the run has its socket under $DIR (TMUX_TMPDIR)
	for s in "$DIR"/tmux-*/*; do
		if [ -S "$s" ]; then
			env -i PATH="$PATH" tmux -S "$s" kill-server 2>/dev/null || :
		fi
	done
	[ -n "${KEEP:-}" ] || rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
python3 "$HERE/gen_article.py" "$DIR/big.txt" 100M "$DIR/small.txt" 10K
printf 'ZQXJ7 marker paragraph: the only occurrence of this word, near the end.\n\nZQXJ9 the last paragraph of the benchmark copy.\n' >>"$DIR/big.txt"
echo "-- documents: $(wc -c <"$DIR/small.txt") and $(wc -c <"$DIR/big.txt") bytes;" \
	"$(less --version 2>/dev/null | head -1 | cut -d' ' -f1-2 || echo 'less ?'), $(w3m -version 2>/dev/null | cut -d, -f1 || echo 'no w3m'), $(tmux -V)"
# in the background, so that a signal reaches the trap at once (not after the driver is done)
python3 "$HERE/bench_compare.py" "$DIR" "$DIR/small.txt" "$DIR/big.txt" "$BIN" jingdu less w3m &
PY=$!
wait "$PY"
