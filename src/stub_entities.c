/* stub_entities.c — placeholder until the module behind `jingdu entities` lands: says so and exits 1.
 * Delete this file when cli_entities() is provided for real. */
#include "jingdu/cli.h"

#include <stdio.h>

int
cli_entities(int argc, char **argv, const struct cli_opts *o)
{
	(void)argc;
	(void)argv;
	(void)o;
	fprintf(stderr, "jingdu: entities: not available in this build yet\n");
	return 1;
}
