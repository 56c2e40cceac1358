/* cmd.c — names, groups and help of the commands, from the CMD_INFO table. */
#include "jingdu/cmd.h"

#include <string.h>

struct cmd_info {
	const char *name;
	enum cmd_group group;
	const char *arg;
	const char *help;
};

static const struct cmd_info cmd_table[CMD_COUNT] = {[CMD_NONE] = {"", CMD_GROUP_MISC, "", ""},
#define CMD_ROW(id, name, group, arg, help) [CMD_##id] = {name, CMD_GROUP_##group, arg, help},
						     CMD_INFO(CMD_ROW)
#undef CMD_ROW
};

static const char *const group_titles[CMD_GROUP_COUNT] = {
#define CMD_GROUP_ROW(id, title) title,
    CMD_GROUP_INFO(CMD_GROUP_ROW)
#undef CMD_GROUP_ROW
};

static const struct cmd_info *
cmd_info_get(enum cmd c)
{
	if ((int)c <= CMD_NONE || (int)c >= CMD_COUNT)
		return &cmd_table[CMD_NONE];
	return &cmd_table[c];
}

const char *
cmd_name(enum cmd c)
{
	return cmd_info_get(c)->name;
}

const char *
cmd_help(enum cmd c)
{
	return cmd_info_get(c)->help;
}

const char *
cmd_arg(enum cmd c)
{
	return cmd_info_get(c)->arg;
}

enum cmd_group
cmd_group(enum cmd c)
{
	return cmd_info_get(c)->group;
}

const char *
cmd_group_title(enum cmd_group g)
{
	if ((int)g < 0 || (int)g >= CMD_GROUP_COUNT)
		return "";
	return group_titles[g];
}

enum cmd
cmd_from_namen(const char *name, size_t n)
{
	int c;
	size_t i;

	if (!name || n == 0)
		return CMD_NONE;
	for (c = CMD_NONE + 1; c < CMD_COUNT; c++) {
		const char *s = cmd_table[c].name;

		for (i = 0; i < n && s[i]; i++) {
			int x = (unsigned char)name[i];

			if (x >= 'A' && x <= 'Z')
				x += 'a' - 'A';
			if (x == '_')
				x = '-';
			if (x != s[i])
				break;
		}
		if (i == n && s[i] == '\0')
			return (enum cmd)c;
	}
	return CMD_NONE;
}

enum cmd
cmd_from_name(const char *name)
{
	return name ? cmd_from_namen(name, strlen(name)) : CMD_NONE;
}
