/* fuzz_config.c — libFuzzer target for the config loader (ini.c + config.c, [keys] included),
 * the theme loader and the key-name and colour-spec parsers, all fed the same bytes. Must
 * never crash, leak or hang on any input. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jingdu/config.h"
#include "jingdu/keymap.h"
#include "jingdu/theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config *cfg;
	struct ini_warnings w;
	struct theme *t;
	struct theme_style st[THEME_ELEMENT_COUNT];
	struct theme_caps caps[] = {{8, false, false},
				    {16, false, false},
				    {256, false, false},
				    {1 << 24, true, false},
				    {256, false, true}};
	struct buf b;
	char *line;
	size_t i, start;

	if (size > 256 * 1024)
		return 0;
	cfg = config_new();
	config_load_buffer(cfg, "fuzz.ini", (const char *)data, size);
	for (i = 0; i < config_warning_count(cfg); i++)
		free(config_warning_str(cfg, i));
	buf_init(&b);
	keymap_help_text(config_keymap(cfg), &b, true);
	buf_fini(&b);
	config_free(cfg);

	ini_warnings_init(&w);
	t = theme_load_buffer("fuzz", "fuzz.ini", (const char *)data, size, &w);
	for (i = 0; i < ARRAY_SIZE(caps); i++)
		theme_resolve(t, &caps[i], st);
	theme_free(t);
	ini_warnings_fini(&w);

	/* Each line as a key name and as a colour spec. */
	for (start = 0; start < size && start < 64 * 1024;) {
		const uint8_t *nl = memchr(data + start, '\n', size - start);
		size_t n = nl ? (size_t)(nl - (data + start)) : size - start;
		struct theme_spec sp;
		int k;
		char name[48];

		k = keymap_parse_keyn((const char *)data + start, n, NULL);
		if (k >= 0 && keymap_parse_key(keymap_key_name(k, name, sizeof(name)), NULL) != k)
			abort(); /* a parsed key must print back to a name that parses to it */
		if (!memchr(data + start, '\0', n)) {
			line = xstrndup((const char *)data + start, n);
			theme_parse_spec(line, &sp, NULL, NULL, 0, NULL);
			free(line);
		}
		start += n + 1;
	}
	return 0;
}
