#!/bin/sh
# bench/run.sh — compile and run every bench/bench_*.c against the built library, then every
# bench/bench_*.sh script. Each bench is a standalone program:
# $CC -O2 -Iinclude bench/bench_X.c $JINGDU_BUILD/libjingdu.a plus the core libraries; it prints
# its own figures beside their floors (SPEC §9). Called by `make bench`.
set -e
CC=${CC:-cc}
BUILD=${JINGDU_BUILD:-build}
LIBS="-lunistring -liniparser -lsqlite3 -lmd4c -luchardet -lm -lpthread"
mkdir -p "$BUILD/bench"
status=0
for src in bench/bench_*.c; do
	[ -e "$src" ] || continue
	name=$(basename "$src" .c)
	echo "== $name"
	if ! $CC -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -O2 -Iinclude -o "$BUILD/bench/$name" \
		"$src" "$BUILD/libjingdu.a" $LIBS; then
		echo "$name: does not build" >&2
		status=1
		continue
	fi
	"$BUILD/bench/$name" || status=1
done
# bench_compare.sh (jingdu beside less and w3m, in tmux) after all the others
for sh in $(ls bench/bench_*.sh | grep -vx bench/bench_compare.sh) bench/bench_compare.sh; do
	[ -e "$sh" ] || continue
	echo "== $(basename "$sh" .sh)"
	sh "$sh" || status=1
done
exit $status
