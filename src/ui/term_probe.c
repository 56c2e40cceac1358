/* term_probe.c — asking the terminal how wide it draws East Asian Ambiguous characters
 * (`ambiguous_width = auto`, SPEC §4), as vim does: at the start of a line print U+25BD (▽,
 * ambiguous), ask for the cursor position (CSI 6n) and read the column from the answer
 * (ESC [ row ; col R): column 2 means one cell, column 3 two. The line is cleared afterwards.
 * Runs before curses takes the terminal, on its file descriptors, in raw mode for the moment
 * of the question. A terminal that does not answer within the timeout gets 1 (what ncurses and
 * glibc assume in UTF-8 locales). Keys typed meanwhile are not lost: whatever was read besides
 * the answer is handed back (rest), for the caller to push into curses' input. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ui_private.h"

/* The column of an "ESC [ row ; col R" answer in buf[0..n), or 0 when there is none yet;
 * [*at, *end) is where the answer is. */
static int
answer_col(const char *buf, size_t n, size_t *at, size_t *end)
{
	size_t i;

	for (i = 0; i + 1 < n; i++) {
		int row, col, len = 0;

		if (buf[i] != '\033' || buf[i + 1] != '[')
			continue;
		if (memchr(buf + i, 'R', n - i) &&
		    sscanf(buf + i + 2, "%d;%dR%n", &row, &col, &len) == 2 && len > 0) {
			*at = i;
			*end = i + 2 + (size_t)len;
			return col;
		}
	}
	return 0;
}

int
term_probe_ambiguous(int in_fd, int out_fd, int timeout_ms, char *rest, size_t *nrest)
{
	static const char ask[] = "\r\xE2\x96\xBD\033[6n";
	static const char clear[] = "\r\033[K";
	struct termios saved, raw;
	char buf[64];
	size_t n = 0, at = 0, aend = 0;
	int col = 0;
	double end;

	*nrest = 0;
	if (!isatty(in_fd) || !isatty(out_fd) || tcgetattr(in_fd, &saved) != 0)
		return 1;
	raw = saved;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(in_fd, TCSANOW, &raw) != 0)
		return 1;
	if (write(out_fd, ask, sizeof(ask) - 1) == (ssize_t)(sizeof(ask) - 1)) {
		end = ui_now_ms() + timeout_ms;
		while (col == 0 && n < sizeof(buf) - 1) {
			struct pollfd p = {in_fd, POLLIN, 0};
			int left = (int)(end - ui_now_ms());
			ssize_t got;

			if (left <= 0 || poll(&p, 1, left) <= 0)
				break;
			got = read(in_fd, buf + n, sizeof(buf) - 1 - n);
			if (got <= 0)
				break;
			n += (size_t)got;
			buf[n] = '\0';
			col = answer_col(buf, n, &at, &aend);
		}
	}
	if (write(out_fd, clear, sizeof(clear) - 1) < 0) {
		/* nothing to do: the screen is about to be redrawn by curses */
	}
	/* keys typed while we waited: everything read but the answer */
	if (col) {
		memcpy(rest, buf, at);
		memcpy(rest + at, buf + aend, n - aend);
		*nrest = at + n - aend;
	} else {
		memcpy(rest, buf, n);
		*nrest = n;
	}
	tcsetattr(in_fd, TCSANOW, &saved);
	return col == 3 ? 2 : 1;
}
