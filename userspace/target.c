// SPDX-License-Identifier: GPL-2.0
/* The container a command acts on, as LXC's tools take it. */
#include <errno.h>
#include <getopt.h>

#include "isoctl.h"
#include "error.h"
#include "runtime/state.h"
#include "runtime/store.h"

bool iso_target_option(struct iso_target *t, int opt, const char *arg)
{
	if (opt == 'n')
		t->name = arg;
	else if (opt == 'P')
		t->base = arg;
	return opt == 'n' || opt == 'P';
}

int iso_target_resolve(struct iso_target *t, int argc, char **argv)
{
	if (!t->name && optind < argc)
		t->name = argv[optind++];
	if (!t->name || optind != argc)
		return 1;
	return iso_container_dir(t->base, t->name, t->dir);
}

static bool target_options(struct iso_target *t, int argc, char **argv,
			   const char *optstring)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ 0 }
	};
	int opt;

	while ((opt = getopt_long(argc, argv, optstring, opts, NULL)) != -1)
		if (!iso_target_option(t, opt, optarg))
			return false;
	return true;
}

int iso_target_parse(struct iso_target *t, int argc, char **argv)
{
	if (!target_options(t, argc, argv, "n:P:"))
		return 1;
	return iso_target_resolve(t, argc, argv);
}

int iso_target_parse_cmd(struct iso_target *t, int argc, char **argv,
			 char ***cmd)
{
	/* "+": the command's own options are not ours */
	if (!target_options(t, argc, argv, "+n:P:") || !t->name)
		return 1;
	*cmd = optind < argc ? argv + optind : NULL;
	return iso_container_dir(t->base, t->name, t->dir);
}

pid_t iso_target_running(const struct iso_target *t, const char *cmd)
{
	pid_t pid = iso_state_running(t->dir);

	return pid ? pid : iso_failf(-ESRCH, cmd, "%s: not running", t->name);
}
