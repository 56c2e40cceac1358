/* replay.c — a plain driver for the fuzz targets: runs LLVMFuzzerTestOneInput on each file
 * named on the command line (or standard input), so `make fuzz-smoke` and `make test` replay the
 * corpus under the sanitizers without libFuzzer. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "jingdu/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc || (argc == 1 && i == 1); i++) {
		char *buf;
		size_t len;

		if (read_file(argc == 1 ? "-" : argv[i], &buf, &len) != OK) {
			fprintf(stderr, "replay: cannot read %s\n", argv[i]);
			return 1;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
		free(buf);
	}
	return 0;
}
