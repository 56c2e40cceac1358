/* ui.h — the terminal reader. The only module (with the files of src/ui) that uses curses.
 * ui_run() opens the document (path, "-" for standard input with keys from /dev/tty, or
 * NULL for the last document read / the bundled sample), runs the reader until the user
 * quits, restores the terminal and returns the exit code. */
#ifndef JINGDU_UI_H
#define JINGDU_UI_H

#include "jingdu/cli.h"

int ui_run(const char *path, const struct cli_opts *o);

#endif
