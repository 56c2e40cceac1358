/* stub_export.c — placeholder until the module behind `jingdu export` lands: says so and exits 1.
 * Delete this file when cli_export() is provided for real. */
#include "jingdu/cli.h"

#include <stdio.h>

int
cli_export(int argc, char **argv, const struct cli_opts *o)
{
	(void)argc;
	(void)argv;
	(void)o;
	fprintf(stderr, "jingdu: export: not available in this build yet\n");
	return 1;
}
