/* stub_print.c — placeholder until the module behind `jingdu print` lands: says so and exits 1.
 * Delete this file when cli_print() is provided for real. */
#include "jingdu/cli.h"

#include <stdio.h>

int
cli_print(int argc, char **argv, const struct cli_opts *o)
{
	(void)argc;
	(void)argv;
	(void)o;
	fprintf(stderr, "jingdu: print: not available in this build yet\n");
	return 1;
}
