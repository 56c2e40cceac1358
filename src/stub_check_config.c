/* stub_check_config.c — placeholder until the module behind `jingdu check-config` lands: says so and exits 1.
 * Delete this file when cli_check_config() is provided for real. */
#include "jingdu/cli.h"

#include <stdio.h>

int
cli_check_config(int argc, char **argv, const struct cli_opts *o)
{
	(void)argc;
	(void)argv;
	(void)o;
	fprintf(stderr, "jingdu: check-config: not available in this build yet\n");
	return 1;
}
