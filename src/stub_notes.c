/* stub_notes.c — placeholder until the module behind `jingdu notes` lands: says so and exits 1.
 * Delete this file when cli_notes() is provided for real. */
#include "jingdu/cli.h"

#include <stdio.h>

int
cli_notes(int argc, char **argv, const struct cli_opts *o)
{
	(void)argc;
	(void)argv;
	(void)o;
	fprintf(stderr, "jingdu: notes: not available in this build yet\n");
	return 1;
}
