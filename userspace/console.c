// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl console -n NAME [-t N] [-e ESC] [-P PATH]: this terminal on a
 * started container's console, or its tty N (lxc.tty.max), as
 * lxc-console; ESC then q (default Ctrl-a q) leaves it running.
 * --log prints what lxc.console.buffer.size's ring holds that no --log
 * printed yet, --clear forgets it, as LXC's console_log() reads and
 * clears (--log alone clears what it reads).
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "isoctl.h"
#include "runtime/console.h"
#include "error.h"
#include "runtime/state.h"

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
		{ "tty", required_argument, NULL, 't' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ "log", no_argument, NULL, 'L' },
		{ "clear", no_argument, NULL, 'C' },
		{ 0 }
	};
	struct iso_target t = { 0 };
	int opt, ret, escape = 1, tty = 0;
	bool log = false, clear = false;
	char *end;

	while ((opt = getopt_long(argc, argv, "n:e:t:P:", opts, NULL)) != -1) {
		if (iso_target_option(&t, opt, optarg))
			continue;
		if (opt == 'L' || opt == 'C') {
			*(opt == 'L' ? &log : &clear) = true;
			continue;
		}
		if (opt == 't') {
			errno = 0;
			tty = strtol(optarg, &end, 10);
			/* lxc-console's -t 0 is the console too */
			if (errno || *end || end == optarg || tty < 0 ||
			    tty > ISO_TTY_MAX)
				return iso_failf(-EINVAL, "console", "-t %.32s: give a tty from 1 to %d, or 0 for the console",
						 optarg, ISO_TTY_MAX);
			continue;
		}
		if (opt != 'e')
			goto usage;
		escape = parse_escape(optarg);
		if (escape < 0)
			return escape;
	}
	ret = iso_target_resolve(&t, argc, argv);
	if (ret > 0)
		goto usage;
	if (ret)
		return ret;
	ret = iso_target_running(&t, "console");
	if (ret < 0)
		return ret;
	if ((log || clear) && tty)
		return iso_failf(-EINVAL, "console", "-t with --log or --clear: the ring is the console's");
	if (log || clear)
		return iso_console_log(t.dir, t.name, !log);
	return iso_console_attach(t.dir, t.name, tty, escape);
usage:
	fprintf(stderr, "Usage: isoctl console -n NAME [-t N] [-e ESC] [--log | --clear] [-P PATH]\n");
	return -EINVAL;
}
