#!/bin/sh
# Test runner: runs each argument (a unit test binary, "fuzz:BINARY" for a fuzz replay over its
# corpus, or an e2e script), reads the TAP lines they print, and ends with "N passed, N failed".
# A test program that exits non-zero without reporting a failure counts as one failure.
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "$@"; do
	case "$t" in
	fuzz:*)
		bin=${t#fuzz:}
		name=$(basename "$bin" -replay)
		corpus="tests/fuzz/corpus/${name#fuzz_}"
		echo "== $name (corpus replay)"
		if [ -d "$corpus" ]; then
			if "$bin" "$corpus"/* >"$log" 2>&1; then
				echo "ok - $name replays $(ls "$corpus" | wc -l) inputs" >"$log"
			else
				sed 's/^/# /' "$log" | tail -20 >"$log.x"
				{ cat "$log.x"; echo "not ok - $name crashed or failed on its corpus"; } >"$log"
				rm -f "$log.x"
			fi
		else
			echo "not ok - $name has no corpus at $corpus" >"$log"
		fi
		rc=0 ;;
	*)
		echo "== $t"
		case "$t" in /*) "$t" >"$log" 2>&1 </dev/null ;; *) "./$t" >"$log" 2>&1 </dev/null ;; esac
		rc=$? ;;
	esac
	p=$(grep -c '^ok' "$log")
	f=$(grep -c '^not ok' "$log")
	grep -E '^(not ok|#|Bail out)' "$log" | head -40
	[ -n "${VERBOSE:-}" ] && cat "$log"
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $t exited with status $rc"
		tail -5 "$log" | sed 's/^/#   /'
		f=1
	fi
	echo "   $p passed, $f failed"
	passed=$((passed + p))
	failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
