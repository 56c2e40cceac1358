/* cli_print.c — `jingdu print [--width N] FILE`: the document exactly as the reading pane
 * lays it out, one screen line per output line, no escape codes. */
#include "jingdu/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "jingdu/config.h"
#include "jingdu/layout.h"

static int
terminal_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

static bool
parse_width(const char *v, int *out)
{
	char *end;
	long n;

	if (!v || !*v)
		return false;
	n = strtol(v, &end, 10);
	if (*end || n < 1 || n > 10000)
		return false;
	*out = (int)n;
	return true;
}

int
cli_print(int argc, char **argv, const struct cli_opts *o)
{
	const char *file = NULL, *wv = NULL;
	struct layout_opts lo;
	struct layout *l;
	struct doc *d;
	struct buf b;
	int i, width = 0;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--width") == 0 || strcmp(argv[i], "-w") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "jingdu: print: %s needs a value\n", argv[i]);
				return 2;
			}
			wv = argv[++i];
		} else if (strncmp(argv[i], "--width=", 8) == 0) {
			wv = argv[i] + 8;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, "jingdu: print: unknown option %s\n", argv[i]);
			return 2;
		} else if (!file) {
			file = argv[i];
		} else {
			fprintf(stderr, "jingdu: print: more than one file\n");
			return 2;
		}
		if (wv && !parse_width(wv, &width)) {
			fprintf(stderr, "jingdu: print: --width takes a number from 1 to 10000, not '%s'\n",
				wv);
			return 2;
		}
	}
	if (!file) {
		fprintf(stderr, "jingdu: print: no file given\n");
		return 2;
	}
	d = cli_load_doc(file, o);
	if (!d)
		return 1;
	{
		/* the reading pane's options (config + command line), so print shows what it shows */
		struct config *cfg = config_new();

		config_load(cfg, o ? o->config_path : NULL);
		cli_layout_opts(cfg, o, &lo);
		config_free(cfg);
	}
	lo.width = width ? width : terminal_width();
	l = layout_new(d, &lo);
	buf_init(&b);
	layout_print(l, &b);
	fwrite(b.s, 1, b.len, stdout);
	buf_fini(&b);
	layout_free(l);
	doc_free(d);
	return fflush(stdout) == 0 ? 0 : 1;
}
