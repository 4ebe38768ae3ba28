// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl console -n NAME [-e ESC] [-P PATH]: this terminal on a started
 * container's console, as lxc-console; ESC then q (default Ctrl-a q)
 * leaves it running.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>

#include "isoctl.h"
#include "lib/console.h"
#include "lib/error.h"
#include "lib/state.h"
#include "lib/store.h"

/* "a", "^a" or "ctrl-a" style letters: the control character. */
static int parse_escape(const char *text)
{
	if (text[0] == '^')
		text++;
	if (!isalpha((unsigned char)text[0]) || text[1])
		return iso_failf(-EINVAL, "console", "-e %s: give a letter, as -e b for Ctrl-b",
				 text);
	return tolower((unsigned char)text[0]) - 'a' + 1;
}

int cmd_console(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "escape", required_argument, NULL, 'e' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ 0 }
	};
	const char *name = NULL, *base = NULL, *why;
	struct iso_store store;
	char dir[PATH_MAX];
	int opt, escape = 1;

	while ((opt = getopt_long(argc, argv, "n:e:P:", opts, NULL)) != -1) {
		switch (opt) {
		case 'n': name = optarg; break;
		case 'e':
			escape = parse_escape(optarg);
			if (escape < 0)
				return escape;
			break;
		case 'P': base = optarg; break;
		default: goto usage;
		}
	}
	if (!name && optind < argc)
		name = argv[optind++];
	if (!name || optind != argc)
		goto usage;
	if (iso_name_check(name, &why))
		return iso_failf(-EINVAL, "console", "%s: %s", name, why);
	iso_store_init(&store, base);
	iso_store_path(&store, name, NULL, dir);
	if (!iso_state_running(dir))
		return iso_failf(-ESRCH, "console", "%s: not running", name);
	return iso_console_attach(dir, name, escape);
usage:
	fprintf(stderr, "Usage: isoctl console -n NAME [-e ESC] [-P PATH]\n");
	return -EINVAL;
}
