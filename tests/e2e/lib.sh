# lib.sh — the e2e harness (modelled on tig's test/tools/libtest.sh). Sourced by the *-test
# scripts, which print TAP lines ("ok - …", "not ok - …") that tests/run.sh counts.
#
# Every test gets: its own tmux server (tmux -L jingdu-$$-N, one per program started, tests/e2e/tmux.conf, killed in a
# trap), a fixed terminal size, a fresh HOME and XDG directories in a temporary directory,
# LANG=C.UTF-8, TZ=UTC, ESCDELAY=25, and TERM=tmux-256color inside the pane.
#
#   app_start W H ARGS...    run ./jingdu ARGS in a new W×H session (ARGS may use $T paths)
#   app_start_sh W H CMD     run a shell command line in the session instead
#   keys KEY...              tmux send-keys (tmux key names: j Space Enter Escape C-d …)
#   text STRING              send literal text (e.g. a search pattern in Chinese)
#   capture [-e]             the screen now (capture-pane -p), written to $T/screen
#   wait_for TEXT [SECS]     poll the screen until it contains TEXT (default 3 s); 0 if seen
#   wait_gone TEXT [SECS]    poll until TEXT is not on the screen
#   wait_stable              poll until two captures 50 ms apart are equal
#   wait_exit [SECS]         poll until the program has exited; prints its exit status
#                            (#{pane_dead_status}, else the status the pane's shell recorded)
#   resize W H               resize the window (the program gets SIGWINCH)
#   pane_var NAME            a tmux format variable of the pane (pane_dead, alternate_on, …)
#   click X Y / wheel_down X Y / wheel_up X Y
#                            mouse events at a 0-based cell, written to the pane as the
#                            terminal would (X10 encoding, which tmux-256color's kmous names)
#   pass/fail/check/skip     TAP output; check DESC CMD... passes when CMD succeeds
set -u

E2E_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$E2E_DIR/../.." && pwd)
JINGDU="$ROOT/jingdu"
SHARED=${JINGDU_SHARED:-$ROOT/../shared}
T=$(mktemp -d "${TMPDIR:-/tmp}/jingdu-e2e.XXXXXX")
SOCK="jingdu-$$-0"
E2E_RUN=0
TEST_NAME=$(basename "$0")
mkdir -p "$T/home" "$T/config" "$T/data" "$T/state" "$T/cache"

e2e_cleanup() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	rm -rf "$T"
}
trap e2e_cleanup EXIT
trap 'exit 1' INT TERM

tm() {
	env -i PATH="$PATH" HOME="$T/home" TERM=xterm-256color LANG=C.UTF-8 \
		tmux -L "$SOCK" -f "$E2E_DIR/tmux.conf" "$@"
}

# The environment of the program in the pane.
app_env() {
	printf 'env -i PATH=%s HOME=%s XDG_CONFIG_HOME=%s XDG_DATA_HOME=%s XDG_STATE_HOME=%s ' \
		"$PATH" "$T/home" "$T/config" "$T/data" "$T/state"
	printf 'XDG_CACHE_HOME=%s LANG=C.UTF-8 TZ=UTC ESCDELAY=25 TERM=tmux-256color ' "$T/cache"
	[ -n "${APP_ENV:-}" ] && printf '%s ' "$APP_ENV"
	return 0
}

quote_args() {
	for a in "$@"; do
		printf "'%s' " "$(printf '%s' "$a" | sed "s/'/'\\\\''/g")"
	done
}

app_start_sh() {
	w=$1 h=$2
	shift 2
	# a fresh server for every program: tmux 3.3a sometimes leaves the child of a second
	# session unreaped (a zombie, no pane_dead_status) after kill-session
	tm kill-server 2>/dev/null
	E2E_RUN=$((E2E_RUN + 1))
	SOCK="jingdu-$$-$E2E_RUN"
	E2E_DEAD=
	rm -f "$T/exit-status"
	# the shell around the program records its exit status in a file as well: tmux 3.3a now
	# and then leaves the pane's process unreaped, and then #{pane_dead_status} stays empty
	tm new-session -d -s t -x "$w" -y "$h" "$*; echo \$? >$T/exit-status" || { echo "# tmux new-session failed"; E2E_DEAD=1; }
	tm resize-window -t t -x "$w" -y "$h" 2>/dev/null
}

app_start() {
	w=$1 h=$2
	shift 2
	app_start_sh "$w" "$h" "cd $T && $(app_env)$(quote_args "$JINGDU" "$@")"
}

keys() { tm send-keys -t t "$@" 2>/dev/null; }
text() { tm send-keys -t t -l "$1" 2>/dev/null; }
resize() { tm resize-window -t t -x "$1" -y "$2" 2>/dev/null; }
pane_var() { tm display -p -t t "#{$1}" 2>/dev/null; }

capture() {
	if [ "${1:-}" = -e ]; then
		tm capture-pane -p -e -t t >"$T/screen" 2>/dev/null
	else
		tm capture-pane -p -t t >"$T/screen" 2>/dev/null
	fi || { echo "(no tmux server)" >"$T/screen"; E2E_DEAD=1; }
	cat "$T/screen"
}

wait_for() {
	n=$(( ${2:-3} * 20 ))
	while [ "$n" -gt 0 ]; do
		capture >/dev/null
		grep -qF -- "$1" "$T/screen" && return 0
		[ -n "${E2E_DEAD:-}" ] && return 1
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}

wait_gone() {
	n=$(( ${2:-3} * 20 ))
	while [ "$n" -gt 0 ]; do
		capture >/dev/null
		grep -qF -- "$1" "$T/screen" || return 0
		[ -n "${E2E_DEAD:-}" ] && return 1
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}

wait_stable() {
	n=60
	capture >/dev/null
	cp "$T/screen" "$T/screen.prev"
	while [ "$n" -gt 0 ]; do
		sleep 0.05
		capture >/dev/null
		cmp -s "$T/screen" "$T/screen.prev" && return 0
		[ -n "${E2E_DEAD:-}" ] && return 1
		cp "$T/screen" "$T/screen.prev"
		n=$((n - 1))
	done
	return 1
}

wait_exit() {
	n=$(( ${1:-3} * 20 ))
	while [ "$n" -gt 0 ]; do
		d=$(pane_var pane_dead 2>/dev/null) || { echo "no-server"; return 1; }
		if [ "$d" = 1 ]; then
			# tmux may see the pty close before it has reaped the child
			st=$(pane_var pane_dead_status)
			while [ -z "$st" ] && [ "$n" -gt 0 ]; do
				[ -s "$T/exit-status" ] && st=$(cat "$T/exit-status") && break
				sleep 0.05
				n=$((n - 1))
				st=$(pane_var pane_dead_status)
			done
			echo "$st"
			return 0
		fi
		sleep 0.05
		n=$((n - 1))
	done
	echo "running"
	return 1
}

# One X10 mouse report: ESC [ M, then button, column and row, each + 32 (1-based cells).
mouse_x10() {
	keys -l "$(printf '\033[M%b%b%b' "\\0$(printf %o $(($1 + 32)))" \
		"\\0$(printf %o $(($2 + 33)))" "\\0$(printf %o $(($3 + 33)))")"
}
click() { mouse_x10 0 "$1" "$2"; mouse_x10 3 "$1" "$2"; }
wheel_up() { mouse_x10 64 "$1" "$2"; }
wheel_down() { mouse_x10 65 "$1" "$2"; }

pass() { echo "ok - $TEST_NAME: $1"; }
fail() {
	echo "not ok - $TEST_NAME: $1"
	if [ -f "$T/screen" ]; then
		sed 's/^/#   | /' "$T/screen" | head -60
	fi
}
skip() { echo "ok - # SKIP $TEST_NAME: $1"; }
check() {
	desc=$1
	shift
	if "$@"; then pass "$desc"; else fail "$desc"; fi
}

# The display columns of the vertical borders on every row, and whether they agree.
screen_py() { python3 "$E2E_DIR/screen.py" "$@"; }

need_binary() {
	if [ ! -x "$JINGDU" ]; then
		echo "not ok - $TEST_NAME: $JINGDU not built"
		exit 1
	fi
	if ! command -v tmux >/dev/null 2>&1; then
		skip "tmux not installed"
		exit 0
	fi
}
