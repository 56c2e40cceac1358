#!/bin/sh
# bench/run.sh — compile and run every bench/bench_*.c against the built library; each prints
# its figures beside the floors of SPEC §9. Called by `make bench`.
set -e
BUILD=${JINGDU_BUILD:-build}
CC=${CC:-cc}
NC_LIBS=$(pkg-config --libs ncursesw 2>/dev/null || echo "-lncursesw -ltinfo")
mkdir -p "$BUILD/bench"
for src in bench/bench_*.c; do
	[ -f "$src" ] || continue
	name=$(basename "$src" .c)
	$CC -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -O2 -g -Iinclude -o "$BUILD/bench/$name" "$src" \
		"$BUILD/libjingdu.a" -lunistring -liniparser -lsqlite3 -lmd4c -luchardet -lm $NC_LIBS
	echo "== $name"
	"$BUILD/bench/$name"
done
for sh in bench/bench_*.sh; do
	[ -f "$sh" ] || continue
	echo "== $(basename "$sh")"
	sh "$sh"
done
